// The accessibility tree over the canvas (issue #15): after sign-in the page's controls are
// elements with roles and names; the keyboard alone moves through them in reading order,
// opens pages and dialogs, types into fields and sends; a closed control says why; a dialog
// takes the focus, makes the page behind it inert and gives the focus back when it closes.
// Only role locators and the keyboard here: no coordinates, no mouse.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiFromPage, openPortal, screenshot, settle, signIn, useServeAndBrowser } from "./harness.mjs";

const env = useServeAndBrowser();
const statusIs = (page, re) => page.waitForFunction((s) => new RegExp(s).test(document.getElementById("status").textContent), re.source);

// What has the keyboard: its role and accessible name as the mirror set them.
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return { role: el?.getAttribute("role") || el?.tagName.toLowerCase(), text: el?.textContent || "",
           label: el?.getAttribute("aria-label") || "" };
});

// Presses Tab (or Shift+Tab) until `want` says the focused element is the one, as a keyboard
// user would; fails after `limit` presses, saying where the focus went.
async function tabTo(page, want, { limit = 60, back = false } = {}) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const f = await focused(page);
    if (want(f)) { await settle(page); return f; }
    seen.push(`${f.role}:${f.label || f.text}`);
  }
  throw new Error(`Tab did not reach the control; focus went: ${seen.join(" → ")}`);
}

test("after sign-in the page's controls are in the accessibility tree with roles and names", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "admin@contoso.example");
  const tree = page.locator("#a11y-main");
  // The header's pages are links, the current one marked; the account menu says it is closed.
  await page.getByRole("link", { name: "Rooms" }).waitFor();
  const current = page.locator('#a11y-main [aria-current="page"]');
  assert.equal(await current.count(), 1, "exactly one page is the current one");
  const menu = page.getByRole("button", { name: /account menu/ });
  assert.equal(await menu.getAttribute("aria-expanded"), "false");
  const snapshot = await tree.ariaSnapshot();
  for (const name of ["Partners", "Rooms", "Incidents", "Roles"])
    assert.match(snapshot, new RegExp(`link "${name}"`), `the ${name} page is a link:\n${snapshot}`);
  // Every control has a name: an unnamed button or field is useless to a screen reader.
  const unnamed = await page.evaluate(() => [...document.querySelectorAll("#a11y .a11y-node")]
    .filter((el) => el.getAttribute("role") !== "heading" && !(el.getAttribute("aria-label") || el.textContent).trim())
    .map((el) => el.outerHTML));
  assert.deepEqual(unnamed, []);
  // Each element lies over what the canvas drew: the Rooms link over the header's Rooms tab.
  const link = await page.getByRole("link", { name: "Rooms" }).boundingBox();
  const drawn = await page.evaluate(() => window.__roomkeeper.items["Tab:Rooms"]);
  assert.ok(Math.abs(link.x - drawn.x) < 2 && Math.abs(link.y - drawn.y) < 2, `${JSON.stringify(link)} vs ${JSON.stringify(drawn)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("with the keyboard only: open Rooms, filter, enroll a room in the dialog, focus comes back", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "admin@contoso.example");
  await page.focus("#canvas");
  await tabTo(page, (f) => f.role === "link" && f.text === "Rooms");
  // The focus ring is visible on the focused control.
  assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), "solid");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /\/rooms/.test(location.hash));
  await page.getByRole("heading", { name: "Rooms" }).waitFor();

  // A text field: Tab into it, type, and the field (and the deep link) hold the text.
  await tabTo(page, (f) => f.role === "textbox" && /Filter by name/.test(f.label));
  await page.keyboard.type("Oslo", { delay: 5 });
  await page.waitForFunction(() => document.activeElement.textContent === "Oslo");
  await page.waitForFunction(() => /q=Oslo/.test(location.hash));

  // A dialog: the focus goes in, the page behind is inert, the fields take typing.
  await tabTo(page, (f) => f.role === "button" && f.text === "Enroll room");
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Enroll a room" });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.getElementById("a11y-main").inert), true);
  assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), "the dialog has the focus");
  await tabTo(page, (f) => f.role === "textbox" && f.label === "Display name");
  await page.keyboard.type("Lab 7.07", { delay: 5 });
  await tabTo(page, (f) => f.role === "textbox" && f.label === "Site");
  await page.keyboard.type("Oslo HQ", { delay: 5 });
  await tabTo(page, (f) => f.role === "textbox" && /Country/.test(f.label));
  await page.keyboard.type("NO", { delay: 5 });
  const send = await tabTo(page, (f) => f.role === "button" && f.text === "Enroll");
  assert.equal(send.text, "Enroll");
  await page.keyboard.press("Enter");
  await statusIs(page, /Lab 7\.07 enrolled/);
  await dialog.waitFor({ state: "detached" });
  const tid = await page.evaluate(() => location.hash.split("/")[2]);
  const made = (await apiFromPage(page, "GET", `/tenants/${tid}/rooms?q=Lab%207.07`)).json.items;
  assert.equal(made.length, 1);
  assert.equal(made[0].site, "Oslo HQ");
  assert.equal(await page.evaluate(() => document.getElementById("a11y-main").inert), false);
  assert.equal((await focused(page)).text, "Enroll room", "the focus is back on what opened the dialog");

  // Escape closes a dialog too, and the focus comes back again.
  await page.keyboard.press("Enter");
  await dialog.waitFor();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  assert.equal((await focused(page)).text, "Enroll room");
  await screenshot(page, "a11y-keyboard-focus.png");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a closed control says why, in the tree as on hover", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await signIn(page, "tech@contoso.example");  // a Site Tech: no room groups
  const groups = page.getByRole("link", { name: "Groups" });
  await groups.waitFor();
  assert.equal(await groups.getAttribute("aria-disabled"), "true");
  const why = await groups.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby"))?.textContent);
  const note = await page.evaluate(() => window.__roomkeeper.items["Tab:Room groups"].note);
  assert.ok(note.length > 10, note);
  assert.equal(why, note, "the description is the reason the tooltip gives");
  // Activating it does nothing: the page stays where it is.
  const before = await page.evaluate(() => location.hash);
  await page.focus("#canvas");
  await tabTo(page, (f) => f.role === "link" && f.text === "Groups");
  await page.keyboard.press("Enter");
  await settle(page);
  assert.equal(await page.evaluate(() => location.hash), before);
  assert.deepEqual(errors, []);
  await context.close();
});
