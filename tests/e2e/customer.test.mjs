// Customer flows: add a partner with the wizard, the partner accepts, the customer removes the
// partner, and the partner loses the customer on its next load.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiFromPage, clickItem, item, labels, openPortal, screenshot, settle, signIn, typeInto, useServeAndBrowser } from "./harness.mjs";

const env = useServeAndBrowser();



test("the customer adds a partner, then removes it, and the partner loses the customer", async () => {
  const customer = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(customer.page, "admin@proseware.example");
  await clickItem(customer.page, "Add partner");
  await typeInto(customer.page, "Invite:domain", "northwind.example");
  await customer.page.keyboard.press("Enter");  // Enter moves the wizard on
  await settle(customer.page);
  await typeInto(customer.page, "Invite:name:0", "Nia Lund");
  await typeInto(customer.page, "Invite:upn:0", "nia@northwind.example");
  await clickItem(customer.page, "Invite:next");
  await item(customer.page, "Invite:all rooms");
  await clickItem(customer.page, "Invite:next");
  await clickItem(customer.page, "Invite:terms");
  await clickItem(customer.page, "Invite:next");
  await screenshot(customer.page, "customer-add-partner.png");
  await clickItem(customer.page, "Invite:finish");
  await customer.page.waitForFunction(() => /Invitation sent to Northwind/.test(document.getElementById("status").textContent));
  await item(customer.page, "Partner:Northwind Managed Services");

  const partner = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(partner.page, "nia@northwind.example");
  await clickItem(partner.page, "Accept:Proseware");
  await item(partner.page, "Customer:Proseware");

  await clickItem(customer.page, "Tab:Partners");
  await clickItem(customer.page, "Remove:Northwind Managed Services");
  await item(customer.page, "Remove:confirm text");
  const confirm = await item(customer.page, "Remove:confirm");
  assert.equal(confirm.enabled, false, "removal needs the typed name");
  await typeInto(customer.page, "Remove:confirm text", "Northwind Managed Services");
  await customer.page.keyboard.press("Enter");  // confirms once the name matches
  await customer.page.waitForFunction(() => /Partner removed/.test(document.getElementById("status").textContent));

  await partner.page.reload();
  await partner.page.waitForFunction(() => window.__roomkeeper && /^Signed in as/.test(window.__roomkeeper.status));
  await item(partner.page, "Customer:Contoso");
  assert.ok(!(await labels(partner.page)).includes("Customer:Proseware"));
  assert.deepEqual(customer.errors, []);
  assert.deepEqual(partner.errors, []);
  await customer.context.close();
  await partner.context.close();
});

test("the customer names one more person on a pending invitation, then revokes it", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "admin@tailspin.example");
  const nia = await item(page, "Invitation person:Northwind Managed Services:nia@northwind.example");
  assert.equal(nia.note, "pending");

  await clickItem(page, "Add people:Northwind Managed Services");
  await typeInto(page, "Contacts:name:0", "Noa Berg");
  await typeInto(page, "Contacts:upn:0", "noa@northwind.example");
  await clickItem(page, "Contacts:send");
  await page.waitForFunction(() => /Invitation sent to the added people/.test(document.getElementById("status").textContent));
  await item(page, "Invitation person:Northwind Managed Services:noa@northwind.example");
  await screenshot(page, "customer-open-invitations.png");

  await clickItem(page, "Revoke:Northwind Managed Services");
  assert.equal((await item(page, "Revoke:confirm")).enabled, false, "the name must be typed first");
  await typeInto(page, "Revoke:confirm text", "Northwind Managed Services");
  await clickItem(page, "Revoke:confirm");
  await page.waitForFunction(() => /Invitation revoked/.test(document.getElementById("status").textContent));
  await settle(page);
  assert.ok(!(await labels(page)).some((l) => l.startsWith("Revoke:")), "no open invitation is left");
  const partners = await apiFromPage(page, "GET", "/partners");
  const northwind = partners.json.items.find((p) => p.domain === "northwind.example");
  assert.deepEqual(northwind.invitations.map((i) => i.state), ["revoked"]);
  assert.deepEqual(errors, []);
  await context.close();
});
