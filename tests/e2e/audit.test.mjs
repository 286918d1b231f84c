// Settings › General › Audit log: a customer's MMR Admin sees its partners' and its own changes,
// filters the range, and downloads the CSV with the exact header; partners never see it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { apiFromPage, clickItem, item, openPortal, screenshot, settle, signIn, typeInto, useServeAndBrowser } from "./harness.mjs";

const env = useServeAndBrowser();
const HEADER = "activity.category,activity.objectName,activity.operation,activity.resultStatus," +
               "activity.tenantId,creationTime,user.userId,user.userTenantId";

test("the audit log lists changes, refuses a range beyond 180 days, and downloads as CSV", async () => {
  // Changes to audit: a partner engineer renames a Contoso room (allowed), then tries to reset
  // its key (refused: Primary admins do not hold rooms.resetKey) — both are recorded.
  const partner = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(partner.page, "ned@northwind.example");
  const customers = (await apiFromPage(partner.page, "GET", "/customers")).json.items;
  const contoso = customers.find((c) => c.name === "Contoso").tenantId;
  const rooms = (await apiFromPage(partner.page, "GET", `/tenants/${contoso}/rooms?limit=1`)).json.items;
  assert.equal((await apiFromPage(partner.page, "PATCH", `/tenants/${contoso}/rooms/${rooms[0].id}`,
                                  { displayName: "Audited room" })).status, 200);
  assert.equal((await apiFromPage(partner.page, "POST", `/tenants/${contoso}/rooms/${rooms[0].id}/reset-key`, {})).status, 403);
  // The audit log is the customer's: to a partner it does not exist.
  assert.equal((await apiFromPage(partner.page, "GET", `/tenants/${contoso}/audit`)).status, 404);
  await partner.context.close();

  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url, { acceptDownloads: true });
  await signIn(page, "admin@contoso.example");
  await clickItem(page, "Tab:Audit log");
  await item(page, "Page:Audit log");
  // Newest first: the refused key reset, then the rename.
  assert.match((await item(page, "Audit row:0")).note, /^Room,.*,Failed$/);
  assert.match((await item(page, "Audit row:1")).note, /^Room,.*,Successful$/);
  assert.equal(await page.evaluate(() => location.hash), "#/audit");
  await screenshot(page, "customer-audit.png");

  await typeInto(page, "Audit:from", "2020-01-01");
  await clickItem(page, "Audit:apply");
  await page.waitForFunction(() => !Object.keys(window.__roomkeeper.items).includes("Audit row:0"));
  await clickItem(page, "Audit:from");
  await page.keyboard.press("End");
  for (let i = 0; i < 12; i++) await page.keyboard.press("Backspace");  // empty: the default range
  await settle(page);
  await clickItem(page, "Audit:apply");
  await item(page, "Audit row:0");

  const [download] = await Promise.all([page.waitForEvent("download"), clickItem(page, "Audit:download")]);
  assert.equal(download.suggestedFilename(), "audit.csv");
  const csv = readFileSync(await download.path(), "utf8");
  const lines = csv.trim().split(/\r\n/);
  assert.equal(lines[0], HEADER);
  assert.ok(lines.some((l) => l.startsWith("Room,") && l.includes(contoso)), "the reset is in the file");
  // The browser logs the intended 422 (range too far back) as a failed resource.
  assert.deepEqual(errors.filter((e) => !/status of 422/.test(e)), []);
  await context.close();
});
