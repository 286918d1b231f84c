// Partner flows in the browser against the real service (demo world, scratch database):
// invitations (listed contacts only), accept → the customer joins the switcher, client-side
// permission checks with their reasons, and the service refusing what the UI would block.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiFromPage, clickItem, item, labels, openPortal, screenshot, settle, signIn, typeInto, useServeAndBrowser } from "./harness.mjs";

const env = useServeAndBrowser();


test("a listed partner contact accepts an invitation and the customer appears in the switcher", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "nia@northwind.example");
  await item(page, "Accept:Tailspin Toys");
  await screenshot(page, "partner-customers.png");
  await clickItem(page, "Tenant switcher");
  assert.ok(!(await labels(page)).includes("Tenant:Tailspin Toys"), "Tailspin is not a customer yet");
  await page.keyboard.press("Escape");
  await settle(page);

  await clickItem(page, "Accept:Tailspin Toys");
  await page.waitForFunction(() => /You now manage Tailspin Toys/.test(document.getElementById("status").textContent));
  await settle(page);
  assert.ok((await labels(page)).includes("Customer:Tailspin Toys"));
  await clickItem(page, "Tenant switcher");
  await item(page, "Tenant:Tailspin Toys");
  await screenshot(page, "partner-switcher.png");
  assert.deepEqual(errors, []);
  await context.close();
});

test("an unlisted partner admin sees no invitation", async () => {
  const { page, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "admin@northwind.example");
  await item(page, "Tab:Customers");
  const accepts = (await labels(page)).filter((l) => l.startsWith("Accept:"));
  assert.deepEqual(accepts, []);
  await context.close();
});

test("a help-desk user sees Reset key disabled, with the reason", async () => {
  const { page, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "nat@northwind.example");
  await clickItem(page, "Tenant switcher");
  await clickItem(page, "Tenant:Contoso");
  const keys = await page.waitForFunction(
    () => {
      const found = Object.entries(window.__roomkeeper.items || {}).filter(([l]) => l.startsWith("Reset key:"));
      return found.length ? found : null;
    }, null,
    { timeout: 15000 });
  const entries = await keys.jsonValue();
  assert.ok(entries.length > 0, "rooms are listed");
  for (const [, it] of entries) {
    assert.equal(it.enabled, false);
    assert.match(it.note, /rooms\.resetKey/);
  }
  // Hover one to show the tooltip, for the screenshot.
  const [, first] = entries[0];
  await page.mouse.move(first.x + first.w / 2, first.y + first.h / 2);
  await settle(page);
  await screenshot(page, "helpdesk-rooms.png");

  // Forcing the call the UI blocks: the service refuses it with the same reason.
  const refused = await page.evaluate(async () => {
    const token = sessionStorage.getItem("roomkeeper.token");
    const customers = await (await fetch("/api/v1/customers", { headers: { Authorization: `Bearer ${token}` } })).json();
    const contoso = customers.items.find((c) => c.name === "Contoso").tenantId;
    const rooms = await (await fetch(`/api/v1/tenants/${contoso}/rooms?limit=1`, { headers: { Authorization: `Bearer ${token}` } })).json();
    const r = await fetch(`/api/v1/tenants/${contoso}/rooms/${rooms.items[0].id}/reset-key`,
                          { method: "POST", headers: { Authorization: `Bearer ${token}` } });
    return { status: r.status, body: await r.json() };
  });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.missing, "rooms.resetKey");
  await context.close();
});

test("signing out returns to the sign-in form and forgets the token", async () => {
  const { page, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "admin@contoso.example");
  await item(page, "Partner:Northwind Managed Services");
  await screenshot(page, "customer-partners.png");
  await clickItem(page, "User menu");
  await clickItem(page, "Sign out");
  await page.waitForSelector("#signin:not([hidden])");
  assert.equal(await page.evaluate(() => sessionStorage.getItem("roomkeeper.token")), null);
  await context.close();
});

test("a deep link survives a reload, and back/forward move between pages", async () => {
  const { page, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "ned@northwind.example");
  await clickItem(page, "Tenant switcher");
  await clickItem(page, "Tenant:Contoso");
  await item(page, "Page:Rooms · Contoso");
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /^#\/tenants\/[^/]+\/rooms$/);
  await page.reload();
  await page.waitForFunction(() => window.__roomkeeper && /^Signed in as/.test(window.__roomkeeper.status));
  await item(page, "Page:Rooms · Contoso");
  assert.equal(await page.evaluate(() => location.hash), hash);
  await clickItem(page, "Tab:Customers");
  await item(page, "Tab:Customers");
  assert.equal(await page.evaluate(() => location.hash), "#/customers");
  await page.goBack();
  await item(page, "Page:Rooms · Contoso");
  // Every per-customer page keeps its customer through a reload (Reports and Update rings used
  // to come back on the partner's own organisation).
  const tenant = hash.split("/")[2];
  for (const [segment, title] of [["groups", "Room groups"], ["rings", "Update rings"],
                                  ["reports", "Reports"], ["roles", "Roles"], ["incidents", "Incidents"]]) {
    await page.evaluate((h) => { location.hash = h; }, `#/tenants/${tenant}/${segment}`);
    await page.reload();
    await page.waitForFunction(() => window.__roomkeeper && /^Signed in as/.test(window.__roomkeeper.status));
    await item(page, `Page:${title} · Contoso`);
    // The page may add its selection (Groups and Roles open their first one).
    assert.ok((await page.evaluate(() => location.hash)).startsWith(`#/tenants/${tenant}/${segment}`), segment);
  }
  await context.close();
});

test("selections and filters are part of the deep link: a role, a customer, a room filter", async () => {
  const { page, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "ned@northwind.example");
  // A customer's detail.
  await clickItem(page, "Details:Adatum");
  await page.waitForFunction(() => /^#\/customers\/[^/]+$/.test(location.hash));
  const customerHash = await page.evaluate(() => location.hash);
  await page.keyboard.press("Escape");  // closes the detail
  await page.waitForFunction(() => location.hash === "#/customers");
  // A role: opening the Roles page selects its first role without a history entry of its own.
  await clickItem(page, "Tenant switcher");
  await clickItem(page, "Tenant:Adatum");
  await clickItem(page, "Tab:Roles");
  await clickItem(page, "Role:Help desk");
  await page.waitForFunction(() => /^#\/tenants\/[^/]+\/roles\/[^/]+$/.test(location.hash));
  const roleHash = await page.evaluate(() => location.hash);
  await page.reload();
  await page.waitForFunction(() => window.__roomkeeper && /^Signed in as/.test(window.__roomkeeper.status));
  await settle(page);
  assert.equal(await page.evaluate(() => location.hash), roleHash);
  await item(page, "Permission:rooms.view");
  assert.equal((await item(page, "Permission:rooms.view")).enabled, true, "Help desk (custom) is open, not Primary admins");
  // A room filter, typed: it lands in the hash without a history entry per keystroke.
  await clickItem(page, "Tab:Rooms");
  await typeInto(page, "Room filter", "oslo");
  await page.waitForFunction(() => /\/rooms\?q=oslo$/.test(location.hash));
  await page.goBack();  // one step back: the Roles page with Help desk, not "osl"
  await page.waitForFunction((h) => location.hash === h, roleHash);
  await page.goForward();
  await page.waitForFunction(() => /\/rooms\?q=oslo$/.test(location.hash));
  await settle(page);
  // Back to the customer's detail through history.
  await page.goto(env.serve.url + customerHash);
  await item(page, "Remove customer");
  await context.close();
});

test("Primary admins: the last one cannot be removed (and says why); the partner can remove the customer", async () => {
  const { page, context, errors } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "nia@northwind.example");
  await clickItem(page, "Details:Fabrikam");
  const last = await item(page, "Remove admin:Nia Lund");
  assert.equal(last.enabled, false);
  assert.match(last.note, /at least one Primary admin/);
  await screenshot(page, "partner-customer-detail.png");
  await clickItem(page, "Remove customer");
  await clickItem(page, "Remove customer:confirm text");
  await page.keyboard.type("Fabrikam", { delay: 5 });
  await settle(page);
  await clickItem(page, "Remove customer:confirm");
  await page.waitForFunction(() => /Customer removed/.test(document.getElementById("status").textContent));
  await settle(page);
  const left = await page.evaluate(() => Object.keys(window.__roomkeeper.items).filter((l) => l.startsWith("Customer:")));
  assert.ok(!left.includes("Customer:Fabrikam"), left.join(", "));
  assert.ok(left.includes("Customer:Contoso"));
  // With two Primary admins, either can be removed.
  await clickItem(page, "Details:Contoso");
  assert.equal((await item(page, "Remove admin:Ned Park")).enabled, true);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an optimistic change the service refuses is rolled back, and the refusal is shown", async () => {
  const { page, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "nia@northwind.example");
  await clickItem(page, "Details:Contoso");
  assert.equal((await item(page, "Remove admin:Nia Lund")).enabled, true, "two admins: the client allows it");
  // Meanwhile Ned leaves Primary admins through the API, so Nia is now the last one.
  const left = await page.evaluate(async () => {
    const login = await (await fetch("/api/v1/auth/dev-login", { method: "POST", body: JSON.stringify({ upn: "ned@northwind.example" }) })).json();
    const auth = { Authorization: `Bearer ${login.token}`, "Content-Type": "application/json" };
    const customers = await (await fetch("/api/v1/customers", { headers: auth })).json();
    const contoso = customers.items.find((c) => c.name === "Contoso").tenantId;
    const roles = await (await fetch(`/api/v1/tenants/${contoso}/roles`, { headers: auth })).json();
    const pa = roles.items.find((r) => r.name === "Primary admins");
    const a = pa.assignments[0];
    const nia = a.members.filter((m) => m.id !== login.user.id);
    const r = await fetch(`/api/v1/tenants/${contoso}/roles/${pa.id}/assignments/${a.id}`,
                          { method: "PATCH", headers: auth, body: JSON.stringify({ members: nia }) });
    return r.status;
  });
  assert.equal(left, 200);
  await clickItem(page, "Remove admin:Nia Lund");
  await page.waitForFunction(() => /The service refused: The object changed since you read it/.test(document.getElementById("status").textContent));
  await settle(page);
  await item(page, "Remove admin:Nia Lund");  // rolled back: still listed
  await context.close();
});

test("pasting into a field of the canvas works (the customer filter)", async () => {
  const { page, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "ned@northwind.example");
  await clickItem(page, "Tenant switcher");
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData("text", "adat");
    window.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data }));
  });
  await settle(page);
  const tenants = await page.evaluate(() => Object.keys(window.__roomkeeper.items).filter((l) => l.startsWith("Tenant:")));
  assert.deepEqual(tenants, ["Tenant:Adatum"]);
  await context.close();
});

test("a room's id and row are copied to the clipboard from its context menu", async () => {
  const { page, context } = await openPortal(env.chrome.browser, env.serve.url,
                                             { permissions: ["clipboard-read", "clipboard-write"] });
  await signIn(page, "ned@northwind.example");
  await clickItem(page, "Tenant switcher");
  await clickItem(page, "Tenant:Adatum");
  await item(page, "Page:Rooms · Adatum");
  const first = await page.evaluate(() => Object.keys(window.__roomkeeper.items).find((l) => l.startsWith("Room:")));
  const room = await item(page, first);
  await page.mouse.click(room.x + room.w / 2, room.y + room.h / 2, { button: "right" });
  await settle(page);
  await clickItem(page, "Room menu:0");
  await page.waitForFunction(() => /Copied to the clipboard/.test(document.getElementById("status").textContent));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const rooms = (await apiFromPage(page, "GET", `/tenants/${await page.evaluate(() => location.hash.split("/")[2])}/rooms?limit=500`)).json.items;
  const named = rooms.find((r) => r.displayName === first.slice("Room:".length));
  assert.equal(copied, named.id);
  await context.close();
});

test("Settings › Roles: built-ins are read-only; a partner edits its custom role within what it may delegate", async () => {
  const { page, context, errors } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "ned@northwind.example");
  await clickItem(page, "Tenant switcher");
  await clickItem(page, "Tenant:Adatum");
  await clickItem(page, "Tab:Roles");
  await item(page, "Page:Roles · Adatum");
  await clickItem(page, "Role:Primary admins");
  const builtin = await item(page, "Permission:rooms.view");
  assert.equal(builtin.enabled, false);
  assert.match(builtin.note, /Built-in roles cannot be edited/);
  await clickItem(page, "Role:Help desk");
  await clickItem(page, "Permission:rooms.modify");  // Primary admins holds it: the partner may delegate it
  await page.waitForFunction(() => !/refused/.test(document.getElementById("status").textContent));
  await screenshot(page, "partner-roles.png");
  // settings.view is the customer's alone: the UI greys it out and says why before any request…
  const settings = await item(page, "Permission:settings.view");
  assert.equal(settings.enabled, false);
  assert.match(settings.note, /only permissions of Primary admins/);
  // …and the service refuses the same change forced past the UI (422, with the reason).
  const tid = await page.evaluate(() => location.hash.split("/")[2]);
  const before = (await apiFromPage(page, "GET", `/tenants/${tid}/roles`)).json.items.find((r) => r.name === "Help desk");
  const forced = await apiFromPage(page, "PATCH", `/tenants/${tid}/roles/${before.id}`,
                                   { permissions: [...before.permissions, "settings.view"] });
  assert.equal(forced.status, 422);
  assert.match(JSON.stringify(forced.json), /a partner role can only hold permissions of Primary admins/);
  const roles = (await apiFromPage(page, "GET", `/tenants/${tid}/roles`)).json.items;
  const helpdesk = roles.find((r) => r.name === "Help desk");
  assert.ok(helpdesk.permissions.includes("rooms.modify"));
  assert.ok(!helpdesk.permissions.includes("settings.view"));
  // The browser itself logs the intended 422 as a failed resource; nothing else may appear.
  assert.deepEqual(errors.filter((e) => !/status of 422/.test(e)), []);
  await context.close();
});

test("controls the service would refuse are closed with its reason: Remove customer, the Audit tab", async () => {
  // A help desk member is not in Primary admins: the service answers 403 not_primary_admin.
  const desk = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(desk.page, "nat@northwind.example");
  await settle(desk.page);
  const details = (await labels(desk.page)).filter((l) => l.startsWith("Details:"));
  assert.ok(details.length > 0, "the help desk works for at least one customer");
  await clickItem(desk.page, details[0]);
  const remove = await item(desk.page, "Remove customer");
  assert.equal(remove.enabled, false);
  assert.match(remove.note, /Primary admins/);
  await desk.page.mouse.move(remove.x + remove.w / 2, remove.y + remove.h / 2);  // its tooltip
  await settle(desk.page);
  await screenshot(desk.page, "partner-helpdesk-remove-customer.png");
  const customer = details[0].slice("Details:".length);
  const tid = (await apiFromPage(desk.page, "GET", "/customers")).json.items.find((c) => c.name === customer).tenantId;
  const refused = await apiFromPage(desk.page, "DELETE", `/customers/${tid}`);
  assert.equal(refused.status, 403);
  assert.equal(refused.json.code, "not_primary_admin");
  await desk.context.close();
  // A Site Lead is no MMR Admin: the audit log does not exist for them, and the tab says so.
  const lead = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(lead.page, "sitelead@contoso.example");
  const tab = await item(lead.page, "Tab:Audit log");
  assert.equal(tab.enabled, false);
  assert.match(tab.note, /MMR Admins/);
  await lead.page.mouse.move(tab.x + tab.w / 2, tab.y + tab.h / 2);
  await settle(lead.page);
  await screenshot(lead.page, "customer-sitelead-audit-tab.png");
  await lead.context.close();
});
