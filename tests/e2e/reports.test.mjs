// Reports: the charts show the service's summary for the selected customer, bar for bar.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiFromPage, clickItem, item, labels, openPortal, screenshot, settle, signIn, useServeAndBrowser } from "./harness.mjs";

const env = useServeAndBrowser();

test("the reports page charts rooms by health and open incidents exactly as the service counts them", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "admin@contoso.example");
  await clickItem(page, "Tab:Reports");
  await item(page, "Page:Reports · Contoso");
  await item(page, "Chart:days");
  const tid = await page.evaluate(() => location.hash.split("/")[2]);
  assert.match(await page.evaluate(() => location.hash), /\/reports$/);
  const summary = (await apiFromPage(page, "GET", `/tenants/${tid}/reports/summary`)).json;
  for (const [health, n] of Object.entries(summary.roomsByHealth))
    assert.equal((await item(page, `Chart:health:${health}`)).note, String(n), health);
  for (const [type, n] of Object.entries(summary.openIncidentsByType))
    assert.equal((await item(page, `Chart:type:${type}`)).note, String(n), type);
  assert.equal((await item(page, "Chart:days")).note, "90 days");
  // Hover a day: the chart answers with a tooltip (drawn on the canvas) without errors.
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, 800);  // down to the 90-day chart
  await settle(page);
  const days = await item(page, "Chart:days");
  await page.mouse.move(days.x + days.w - 20, days.y + days.h / 2);
  await settle(page);
  await screenshot(page, "customer-reports.png");
  assert.deepEqual(errors, []);
  await context.close();
});
