// The access matrix in the browser: a hovered cell explains which role and assignment grant it,
// a partner role's what-if lights up the changed cells before saving, and saving changes the
// role on the service. Drawn by the GPU (WebGL2 shaders), so the test reads the app's locators.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiFromPage, clickItem, item, openPortal, screenshot, settle, signIn, useServeAndBrowser } from "./harness.mjs";

const env = useServeAndBrowser();

// The centre of the cell at (person row, organisation column), from the label locators.
async function cellCentre(page, upn, tenant) {
  const row = await item(page, `Matrix:row:${upn}`);
  const column = await item(page, `Matrix:column:${tenant}`);
  return { x: column.x + column.w / 2, y: row.y + row.h / 2 };
}

test("the access matrix explains a hovered cell: the role, the assignment and the group", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "nia@northwind.example");
  await clickItem(page, "Tab:Access matrix");
  await item(page, "Matrix:heat map");
  await clickItem(page, "Matrix:show");
  await clickItem(page, "Matrix show:tickets.view");
  await settle(page);
  const nat = await cellCentre(page, "nat@northwind.example", "Contoso");
  await page.mouse.move(nat.x, nat.y);
  await settle(page);
  const why = (await item(page, "Matrix:explain")).note;
  assert.match(why, /^Nat Ruiz \(help desk\) in Contoso: tickets\.view/);
  assert.match(why, /all rooms/);
  assert.match(why, /Help desk · Help desk team \(through a group\)/);
  // Nobody at Northwind may reset keys for a customer: the cell says only the customer's roles can.
  await clickItem(page, "Matrix:show");
  await clickItem(page, "Matrix show:rooms.resetKey");
  await settle(page);
  const nia = await cellCentre(page, "nia@northwind.example", "Contoso");
  await page.mouse.move(nia.x, nia.y);
  await settle(page);
  assert.match((await item(page, "Matrix:explain")).note, /No partner role can hold it/);
  await screenshot(page, "partner-access-matrix.png");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a what-if on a partner role shows the changed cells before saving, then saves", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "nia@northwind.example");
  await clickItem(page, "Tab:Access matrix");
  await item(page, "Matrix:heat map");
  await clickItem(page, "Matrix:role");
  await clickItem(page, "Matrix role:Contoso · Help desk");
  await settle(page);
  // A partner role cannot hold what only the customer's roles may: greyed out, with the reason.
  const reset = await item(page, "Matrix perm:rooms.resetKey");
  assert.equal(reset.enabled, false);
  assert.match(reset.note, /only the customer's own roles/);
  await clickItem(page, "Matrix perm:rooms.modify");
  await settle(page);
  // Nat and Noa (the help desk group) gain rooms.modify in Contoso; nothing else moves.
  assert.equal((await item(page, "Matrix:changes")).note, "gained=2 lost=0 narrowed=0 widened=0");
  await clickItem(page, "Matrix:show");
  await clickItem(page, "Matrix show:rooms.modify");
  await settle(page);
  const nat = await cellCentre(page, "nat@northwind.example", "Contoso");
  await page.mouse.move(nat.x, nat.y);
  await settle(page);
  const why = (await item(page, "Matrix:explain")).note;
  assert.match(why, /in Contoso: rooms\.modify .* all rooms/);
  assert.match(why, /Help desk · Help desk team/);
  await screenshot(page, "partner-access-matrix-what-if.png");
  const tid = (await apiFromPage(page, "GET", "/customers?limit=500")).json.items.find((c) => c.name === "Contoso").tenantId;
  const before = (await apiFromPage(page, "GET", `/tenants/${tid}/roles?limit=500`)).json.items.find((r) => r.name === "Help desk");
  assert.ok(!before.permissions.includes("rooms.modify"), "nothing saved yet");

  await clickItem(page, "Matrix:save");
  await page.waitForFunction(() => /Role Help desk saved/.test(document.getElementById("status").textContent));
  const after = (await apiFromPage(page, "GET", `/tenants/${tid}/roles?limit=500`)).json.items.find((r) => r.name === "Help desk");
  assert.ok(after.permissions.includes("rooms.modify"), "saved on the service");
  // Reloaded: the saved model now has it, so the draft no longer differs.
  await settle(page);
  assert.equal(await page.evaluate(() => "Matrix:changes" in (window.__roomkeeper.items || {})), false);
  assert.deepEqual(errors, []);
  await context.close();
});
