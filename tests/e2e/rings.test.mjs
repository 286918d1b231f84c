// Update rings: built-ins cannot be deleted (and say why); the 60-day rule is shown while typing
// and blocks Save before the service would refuse; a valid ring is added.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiFromPage, clickItem, item, openPortal, screenshot, settle, signIn, typeInto, useServeAndBrowser } from "./harness.mjs";

const env = useServeAndBrowser();

async function setNumber(page, label, value) {
  await clickItem(page, label);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(String(value), { delay: 5 });
  await page.keyboard.press("Enter");
  await settle(page);
}

test("an MMR Admin adds an update ring within the 60-day rule; built-ins stay", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "admin@contoso.example");
  await clickItem(page, "Tab:Update rings");
  await item(page, "Page:Update rings · Contoso");
  const general = await item(page, "Delete ring:General");
  assert.equal(general.enabled, false);
  assert.match(general.note, /Built-in rings cannot be deleted/);

  const tid = await page.evaluate(() => location.hash.split("/")[2]);
  const rings = (await apiFromPage(page, "GET", `/tenants/${tid}/update-rings`)).json.items;
  const used = rings.reduce((n, r) => n + r.rolloutDays + r.testDays, 0);
  const left = 60 - used;
  assert.ok(left >= 2, `the demo leaves room for a ring (${used} days used)`);

  await clickItem(page, "Add ring");
  await typeInto(page, "Ring:name", "Pilot");
  await setNumber(page, "Ring:rollout days", left);  // with the default 3 test days: too long
  const rule = await item(page, "Ring:rule");
  assert.equal(rule.enabled, false);
  assert.match(rule.note, new RegExp(`${used + left + 3} of 60`));
  assert.equal((await item(page, "Ring:save")).enabled, false);
  await screenshot(page, "customer-rings-rule.png");
  await setNumber(page, "Ring:rollout days", left - 3);
  await setNumber(page, "Ring:test days", 1);
  assert.equal((await item(page, "Ring:rule")).enabled, true);
  await clickItem(page, "Ring:save");
  await page.waitForFunction(() => /Update ring added/.test(document.getElementById("status").textContent));
  const after = (await apiFromPage(page, "GET", `/tenants/${tid}/update-rings`)).json.items;
  const pilot = after.find((r) => r.name === "Pilot");
  assert.ok(pilot);
  assert.equal(pilot.rolloutDays, left - 3);
  assert.equal(pilot.testDays, 1);
  await item(page, "Ring:Pilot");
  assert.deepEqual(errors, []);
  await context.close();
});
