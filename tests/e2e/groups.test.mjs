// Room groups in the browser: closed to a Site Tech (the tab says why, the service agrees), and
// an MMR Admin creates a group, chooses its rooms, renames it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiFromPage, clickItem, item, labels, openPortal, screenshot, settle, signIn, typeInto, useServeAndBrowser } from "./harness.mjs";

const env = useServeAndBrowser();

test("a Site Tech cannot open Room groups: the tab is disabled with the reason, and the service refuses", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "tech@contoso.example");
  const tab = await item(page, "Tab:Room groups");
  assert.equal(tab.enabled, false);
  assert.match(tab.note, /groups\.view/);
  await clickItem(page, "Tab:Room groups");  // nothing happens
  assert.notEqual(await page.evaluate(() => location.hash.split("/").pop()), "groups");
  const tid = (await apiFromPage(page, "GET", "/me")).json.tenant.id;
  assert.equal((await apiFromPage(page, "GET", `/tenants/${tid}/room-groups`)).status, 403);
  assert.deepEqual(errors.filter((e) => !/status of 403/.test(e)), []);
  await context.close();
});

test("an MMR Admin creates a room group, chooses its rooms and renames it", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "admin@contoso.example");
  await clickItem(page, "Tab:Room groups");
  await item(page, "Page:Room groups · Contoso");
  await clickItem(page, "New group");
  await typeInto(page, "New group:name", "Third floor");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /Room group Third floor created/.test(document.getElementById("status").textContent));
  await settle(page);
  const rooms = (await labels(page)).filter((l) => l.startsWith("Group:room:")).slice(0, 2);
  assert.equal(rooms.length, 2);
  for (const r of rooms) await clickItem(page, r);
  await clickItem(page, "Group:name");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Third floor (north)");
  await clickItem(page, "Group:save");
  await page.waitForFunction(() => /Room group saved/.test(document.getElementById("status").textContent));
  await screenshot(page, "customer-room-groups.png");
  const tid = await page.evaluate(() => location.hash.split("/")[2]);
  const groups = (await apiFromPage(page, "GET", `/tenants/${tid}/room-groups?limit=500`)).json.items;
  const made = groups.find((g) => g.name === "Third floor (north)");
  assert.ok(made, "renamed on the service");
  assert.equal(made.roomIds.length, 2);
  assert.match(await page.evaluate(() => location.hash), new RegExp(`/groups/${made.id}$`));
  assert.deepEqual(errors, []);
  await context.close();
});
