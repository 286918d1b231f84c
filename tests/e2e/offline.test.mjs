// The offline demo: the service's own handlers run in the page over the demo world. No request
// may reach /api/, and the same flows work — including the service's refusals.
import assert from "node:assert/strict";
import { test } from "node:test";
import { clickItem, item, openPortal, screenshot, settle, signIn, useServeAndBrowser } from "./harness.mjs";

const env = useServeAndBrowser();

test("the service being unreachable offers the offline demo, which works without it", async () => {
  const apiCalls = [];
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url, {}, async (p) => {
    await p.route("**/api/**", (route) => {
      apiCalls.push(route.request().url());
      return route.abort("connectionrefused");
    });
  });
  assert.match(await page.textContent("#status"), /^TRM service unreachable/);
  const before = apiCalls.length;
  await clickItem(page, "Open the offline demo");
  await page.waitForFunction(() => /^Offline demo ready/.test(document.getElementById("status").textContent), null,
                             { timeout: 30000 });
  await signIn(page, "nia@northwind.example");
  await item(page, "Mode:offline");
  await clickItem(page, "Accept:Alpine Ski House");
  await page.waitForFunction(() => /You now manage Alpine Ski House/.test(document.getElementById("status").textContent));
  await settle(page);
  await item(page, "Customer:Alpine Ski House");
  await screenshot(page, "offline-demo.png");
  // Only the health checks before the switch went to the network; the demo itself made none.
  assert.equal(apiCalls.length, before);
  // The page itself logs no errors (the refused health checks are the browser's own lines).
  assert.deepEqual(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e)), []);
  await context.close();
});

test("?demo=1 opens the offline demo directly, with the service's refusals", async () => {
  const { page, context } = await openPortal(env.chrome.browser, env.serve.url + "?demo=1");
  // The sign-in is a picker of the world's people, grouped by organisation, with their roles.
  await page.waitForSelector("#demo-picker:not([hidden])");
  const groups = await page.$$eval("#demo-picker .demo-group h2", (hs) => hs.map((h) => h.textContent));
  assert.equal(groups[0], "Northwind Managed ServicesPartner");
  assert.ok(groups.includes("ContosoCustomer"));
  const nat = await page.textContent('#demo-picker button[data-upn="nat@northwind.example"]');
  assert.match(nat, /Help desk/);
  await screenshot(page, "offline-signin.png");
  await signIn(page, "nat@northwind.example");
  await clickItem(page, "Tenant switcher");
  await clickItem(page, "Tenant:Contoso");
  const key = await page.waitForFunction(() => {
    const found = Object.entries(window.__roomkeeper.items || {}).find(([l]) => l.startsWith("Reset key:"));
    return found ? found[1] : null;
  }, null, { timeout: 15000 });
  const it = await key.jsonValue();
  assert.equal(it.enabled, false);
  assert.match(it.note, /rooms\.resetKey/);
  // The help desk reads no roles anywhere: the access matrix is closed, and says why.
  const matrix = await item(page, "Tab:Access matrix");
  assert.equal(matrix.enabled, false);
  assert.match(matrix.note, /roles\.view/);
  await context.close();
});

test("the access matrix works in the offline demo: the page's own service answers it", async () => {
  const { page, context, errors } = await openPortal(env.chrome.browser, env.serve.url + "?demo=1");
  await page.waitForSelector("#demo-picker:not([hidden])");
  await signIn(page, "nia@northwind.example");
  await clickItem(page, "Tab:Access matrix");
  await item(page, "Matrix:heat map");
  await clickItem(page, "Matrix:show");
  await clickItem(page, "Matrix show:tickets.view");
  await settle(page);
  const row = await item(page, "Matrix:row:noa@northwind.example");
  const column = await item(page, "Matrix:column:Contoso");
  await page.mouse.move(column.x + column.w / 2, row.y + row.h / 2);
  await settle(page);
  assert.match((await item(page, "Matrix:explain")).note, /Noa Berg \(help desk\) in Contoso: tickets\.view[\s\S]*Help desk · Help desk team/);
  assert.deepEqual(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e)), []);
  await context.close();
});
