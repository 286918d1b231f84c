// Customer flows: add a partner with the wizard, the partner accepts, the customer removes the
// partner, and the partner loses the customer on its next load.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { clickItem, item, launchBrowser, openPortal, screenshot, settle, signIn, startServe } from "./harness.mjs";

let serve, chrome;
before(async () => {
  serve = await startServe();
  chrome = await launchBrowser();
});
after(async () => {
  await chrome?.close();
  await serve?.stop();
});

async function typeInto(page, label, text) {
  await clickItem(page, label);
  await page.keyboard.type(text, { delay: 5 });
  await settle(page);
}

const labels = (page) => page.evaluate(() => Object.keys(window.__roomkeeper.items || {}));

test("the customer adds a partner, then removes it, and the partner loses the customer", async () => {
  const customer = await openPortal(chrome.browser, serve.url);
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
  await clickItem(customer.page, "Invite:send");
  await customer.page.waitForFunction(() => /Invitation sent to Northwind/.test(document.getElementById("status").textContent));
  await item(customer.page, "Partner:Northwind Managed Services");

  const partner = await openPortal(chrome.browser, serve.url);
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
