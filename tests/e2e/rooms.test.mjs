// The Rooms page in the browser: an MMR Admin enrolls a room (Onboarding), downloads its key as a
// file, renames it, moves two rooms to a ring at once, filters by health, and unenrolls the new
// room after typing its name; a Site Tech's key and enroll controls are closed, saying why.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { apiFromPage, clickItem, item, labels, openPortal, screenshot, settle, signIn, typeInto, useServeAndBrowser } from "./harness.mjs";

const env = useServeAndBrowser();
const statusIs = (page, re) => page.waitForFunction((s) => new RegExp(s).test(document.getElementById("status").textContent), re.source);

test("an MMR Admin enrolls a room, downloads its key, renames it, and unenrolls it", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "admin@contoso.example");
  await clickItem(page, "Tab:Rooms");
  await item(page, "Room count");
  const tid = await page.evaluate(() => location.hash.split("/")[2]);

  await clickItem(page, "Enroll room");
  await typeInto(page, "Enroll:name", "Lab 9.99");
  await typeInto(page, "Enroll:site", "Oslo HQ");
  await typeInto(page, "Enroll:country", "NO");
  await clickItem(page, "Enroll:send");
  await statusIs(page, /Lab 9\.99 enrolled/);
  await item(page, "Room detail:Lab 9.99");
  const made = (await apiFromPage(page, "GET", `/tenants/${tid}/rooms?q=Lab%209.99`)).json.items[0];
  assert.equal(made.health, "onboarding");

  const [download] = await Promise.all([page.waitForEvent("download"), clickItem(page, "Room action:download key")]);
  assert.equal(download.suggestedFilename(), `enrollment-key-${made.id}.txt`);
  const key = (await apiFromPage(page, "GET", `/tenants/${tid}/rooms/${made.id}/key`)).json.enrollmentKey;
  assert.ok(key.length > 8);
  assert.ok(readFileSync(await download.path(), "utf8").includes(key), "the file holds the room's key");

  await clickItem(page, "Room edit:name");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Lab 10.01");
  await clickItem(page, "Room edit:save");
  await statusIs(page, /Room Lab 10\.01 saved/);
  assert.equal((await apiFromPage(page, "GET", `/tenants/${tid}/rooms/${made.id}`)).json.displayName, "Lab 10.01");
  await screenshot(page, "customer-room-detail.png");

  await clickItem(page, "Room action:unenroll");
  assert.equal((await item(page, "Unenroll room:confirm")).enabled, false, "the name must be typed first");
  await typeInto(page, "Unenroll room:confirm text", "Lab 10.01");
  await clickItem(page, "Unenroll room:confirm");
  await statusIs(page, /Lab 10\.01 was unenrolled/);
  await settle(page);
  assert.equal(await page.evaluate(() => "Room:Lab 10.01" in window.__roomkeeper.items), false, "gone from the list");
  // No longer managed: the service answers 404 for it (the test's own request logs that 404).
  assert.equal((await apiFromPage(page, "GET", `/tenants/${tid}/rooms/${made.id}`)).status, 404);
  assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), []);
  await context.close();
});

test("rooms filter by health, and two selected rooms move to a ring at once", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "admin@contoso.example");
  await clickItem(page, "Tab:Rooms");
  await item(page, "Room count");
  const tid = await page.evaluate(() => location.hash.split("/")[2]);

  await clickItem(page, "Room health filter");
  await clickItem(page, "Room health:unhealthy");
  await settle(page);
  const unhealthy = (await apiFromPage(page, "GET", `/tenants/${tid}/rooms?health=unhealthy&limit=500`)).json.items.length;
  const all = (await apiFromPage(page, "GET", `/tenants/${tid}/rooms?limit=500`)).json.items.length;
  assert.equal((await item(page, "Room count")).note, `${unhealthy} of ${all} rooms`);
  await clickItem(page, "Room health filter");
  await clickItem(page, "Room health:any");

  await typeInto(page, "Room filter", "bergen 1.");
  const picked = (await labels(page)).filter((l) => l.startsWith("Select room:")).slice(0, 2);
  assert.equal(picked.length, 2);
  for (const p of picked) await clickItem(page, p);
  assert.equal((await item(page, "Rooms selected")).note, "2 rooms selected");
  // Both keys in one file, one line per room, the keys the service holds.
  const [keys] = await Promise.all([page.waitForEvent("download"), clickItem(page, "Download keys")]);
  assert.equal(keys.suggestedFilename(), "enrollment-keys.csv");
  const lines = readFileSync(await keys.path(), "utf8").trim().split("\n");
  assert.equal(lines[0], "room,id,enrollmentKey");
  assert.equal(lines.length, 3);
  for (const line of lines.slice(1)) {
    const [, id, key] = line.split(",");
    assert.equal((await apiFromPage(page, "GET", `/tenants/${tid}/rooms/${id}/key`)).json.enrollmentKey, key);
  }
  await clickItem(page, "Move to ring");
  await clickItem(page, "Move to ring:Staging");
  await clickItem(page, "Move rooms");
  await statusIs(page, /2 rooms moved to Staging/);
  const rings = (await apiFromPage(page, "GET", `/tenants/${tid}/update-rings`)).json.items;
  const staging = rings.find((r) => r.name === "Staging").id;
  const rooms = (await apiFromPage(page, "GET", `/tenants/${tid}/rooms?limit=500`)).json.items;
  for (const p of picked) {
    const name = p.slice("Select room:".length);
    assert.equal(rooms.find((r) => r.displayName === name).updateRingId, staging, `${name} is in Staging`);
  }
  await screenshot(page, "customer-rooms.png");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a Site Tech cannot enroll rooms or reset keys, and each control says why", async () => {
  const { page, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "tech@contoso.example");
  await clickItem(page, "Tab:Rooms");
  await item(page, "Room count");
  const enroll = await item(page, "Enroll room");
  assert.equal(enroll.enabled, false);
  assert.match(enroll.note, /rooms\.create/);
  const room = (await labels(page)).find((l) => l.startsWith("Room:"));
  await clickItem(page, room);
  const reset = await item(page, "Room action:reset key");
  assert.equal(reset.enabled, false);
  assert.match(reset.note, /rooms\.resetKey/);
  assert.equal((await item(page, "Room action:download key")).enabled, true);  // Site Techs may download keys
  await context.close();
});
