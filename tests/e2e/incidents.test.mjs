// Incidents in the browser: the all-customers view (one list across every customer where the
// partner may see tickets, with a Customer column), and a customer recording an issue, then
// closing it with a reason category.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiFromPage, clickItem, item, labels, openPortal, screenshot, settle, signIn, typeInto, useServeAndBrowser } from "./harness.mjs";

const env = useServeAndBrowser();

const incidentLabels = async (page) => (await labels(page)).filter((l) => l.startsWith("Incident:") && l.split(":").length >= 3 && !l.startsWith("Incident:open:"));

test("a partner's all-customers view lists incidents of several customers, each with its customer", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "ned@northwind.example");
  await clickItem(page, "Tab:Incidents");
  await item(page, "Page:Incidents · All customers");
  assert.equal((await item(page, "All tickets view")).note, "on");
  await page.waitForFunction(() => Object.keys(window.__roomkeeper.items).some((l) => /^Incident:[^:]+:/.test(l)));
  const customers = new Set((await incidentLabels(page)).map((l) => l.split(":")[1]));
  assert.ok(customers.size >= 2, `incidents of at least two customers, saw ${[...customers]}`);
  assert.equal(await page.evaluate(() => location.hash), "#/incidents");
  // The service agrees on who is in the list: the same customers, none other.
  const api = await apiFromPage(page, "GET", "/incidents?limit=500");
  assert.deepEqual(new Set(api.json.items.map((i) => i.tenantName)), customers);
  await screenshot(page, "incidents-all-customers.png");

  // Open one: its thread and facts; the filter narrows the list.
  const first = (await incidentLabels(page))[0];
  await clickItem(page, first);
  await item(page, "Incident:open:" + first.split(":").slice(2).join(":"));
  await clickItem(page, "All tickets view");  // back to one customer: the switcher's
  await page.waitForFunction(() => /^#\/tenants\/[^/]+\/incidents/.test(location.hash));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a customer records an issue on a room, then closes it with a reason", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "admin@contoso.example");
  await clickItem(page, "Tab:Incidents");
  await item(page, "Page:Incidents · Contoso");
  await clickItem(page, "Record an issue");
  await typeInto(page, "Record:title", "Whiteboard camera offline");
  await typeInto(page, "Record:description", "Shows a black picture since this morning.");
  const room = await page.waitForFunction(() => Object.keys(window.__roomkeeper.items).find((l) => l.startsWith("Record:room:")));
  await clickItem(page, await room.jsonValue());
  await clickItem(page, "Record:high impact");
  assert.equal((await item(page, "Record:send")).enabled, false, "high impact needs a justification");
  await typeInto(page, "Record:justification", "Board meeting room");
  await clickItem(page, "Record:send");
  await page.waitForFunction(() => /Issue recorded/.test(document.getElementById("status").textContent));
  await item(page, "Incident:open:Whiteboard camera offline");
  await screenshot(page, "incidents-recorded.png");

  await clickItem(page, "Incident:close");
  await page.waitForFunction(() => /Incident closed/.test(document.getElementById("status").textContent));
  const tid = await page.evaluate(() => location.hash.split("/")[2]);
  const list = await apiFromPage(page, "GET", `/tenants/${tid}/incidents?limit=500`);
  const recorded = list.json.items.find((i) => i.title === "Whiteboard camera offline");
  assert.equal(recorded.state, "resolved");
  assert.equal(recorded.closeReason, "fixed");
  assert.equal(recorded.highImpact, true);
  assert.equal((await item(page, "Incident:close")).enabled, false, "already closed");
  assert.deepEqual(errors, []);
  await context.close();
});
