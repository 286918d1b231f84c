// Settings › Roles in the browser: a partner creates a role with the wizard (General →
// Permissions → Assignment → Members → Scope → Finish), edits its assignment, and deletes it;
// the permission ceiling of partner roles is shown before anything is sent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiFromPage, clickItem, item, labels, openPortal, screenshot, settle, signIn, typeInto, useServeAndBrowser } from "./harness.mjs";

const env = useServeAndBrowser();

const FABRIKAM = "eca9bad1-449e-48e4-b15c-e760f3e452f2";  // Northwind manages two of its room groups

async function roleNamed(page, name) {
  const roles = await apiFromPage(page, "GET", `/tenants/${FABRIKAM}/roles`);
  assert.equal(roles.status, 200);
  return roles.json.items.find((r) => r.name === name);
}

test("a partner creates a role with the wizard, edits its assignment, then deletes it", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "nia@northwind.example");
  await page.evaluate((id) => { location.hash = `#/tenants/${id}/roles`; }, FABRIKAM);
  await item(page, "Page:Roles · Fabrikam");

  await clickItem(page, "New role");
  await typeInto(page, "Role wizard:name", "Night shift");
  await typeInto(page, "Role wizard:description", "Watches tickets overnight");
  await page.keyboard.press("Enter");
  await settle(page);
  // A partner role can hold only what Primary admins hold: settings are greyed out, with why.
  const settings = await item(page, "Wizard permission:settings.view");
  assert.equal(settings.enabled, false);
  assert.match(settings.note, /only permissions of Primary admins/);
  assert.equal((await item(page, "Role wizard:next")).enabled, false, "no permission chosen yet");
  await clickItem(page, "Wizard permission:tickets.view");
  await clickItem(page, "Wizard permission:tickets.update");
  await screenshot(page, "roles-wizard-permissions.png");
  await clickItem(page, "Role wizard:next");
  await clickItem(page, "Role wizard:next");  // the assignment is named after the role
  await clickItem(page, "Role wizard:member:Ned Park");
  await screenshot(page, "roles-wizard-members.png");
  await clickItem(page, "Role wizard:next");
  await clickItem(page, "Role wizard:all rooms");
  // Only what the customer granted Northwind is offered: two of Fabrikam's seven room groups.
  const offered = (await labels(page)).filter((l) => l.startsWith("Role wizard:group:")).sort();
  assert.deepEqual(offered, ["Role wizard:group:New York rooms", "Role wizard:group:Seattle rooms"]);
  await clickItem(page, "Role wizard:group:Seattle rooms");
  await screenshot(page, "roles-wizard-scope.png");
  await clickItem(page, "Role wizard:next");
  await clickItem(page, "Role wizard:finish");
  await page.waitForFunction(() => /Role Night shift created and assigned/.test(document.getElementById("status").textContent));
  await settle(page);
  await clickItem(page, "Role tab:Assignments");
  await item(page, "Assignment:Night shift");
  await screenshot(page, "roles-created.png");

  let role = await roleNamed(page, "Night shift");
  assert.equal(role.side, "partner");
  assert.deepEqual(role.permissions.sort(), ["tickets.update", "tickets.view"]);
  assert.equal(role.assignments.length, 1);
  assert.equal(role.assignments[0].members.length, 1);
  assert.equal(role.assignments[0].scope.roomGroupIds.length, 1);

  // Edit: add a second member on the Members tab.
  await clickItem(page, "Edit assignment:Night shift");
  await clickItem(page, "Assignment:Members tab");
  await clickItem(page, "Assignment:member:Nat Ruiz (help desk)");
  await clickItem(page, "Assignment:save");
  await page.waitForFunction(() => /Assignment saved/.test(document.getElementById("status").textContent));
  role = await roleNamed(page, "Night shift");
  assert.equal(role.assignments[0].members.length, 2);

  // Delete, with the name typed to confirm.
  await clickItem(page, "Delete role");
  await typeInto(page, "Delete role:confirm text", "Night shift");
  await clickItem(page, "Delete role:confirm");
  await page.waitForFunction(() => /Role deleted/.test(document.getElementById("status").textContent));
  assert.equal(await roleNamed(page, "Night shift"), undefined);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a built-in role is read-only and cannot be deleted, and says why", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "nia@northwind.example");
  await page.evaluate((id) => { location.hash = `#/tenants/${id}/roles`; }, FABRIKAM);
  await clickItem(page, "Role:Primary admins");
  const del = await item(page, "Delete role");
  assert.equal(del.enabled, false);
  assert.match(del.note, /Built-in roles cannot be deleted/);
  await clickItem(page, "Role tab:Properties");
  assert.equal((await item(page, "Role:name")).enabled, false);
  // The service agrees: deleting it is refused (409) and it stays.
  const pa = await roleNamed(page, "Primary admins");
  const refused = await apiFromPage(page, "DELETE", `/tenants/${FABRIKAM}/roles/${pa.id}`);
  assert.equal(refused.status, 409);
  assert.ok(await roleNamed(page, "Primary admins"));
  assert.deepEqual(errors.filter((e) => !/409/.test(e)), []);
  await context.close();
});
