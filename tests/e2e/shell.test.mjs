// The first page end to end: loader → ImGui canvas → "Connected to TRM service", idle pacing,
// pixel-ratio handling, and the unreachable state.
import assert from "node:assert/strict";
import { test } from "node:test";
import { clickItem, item, openPortal, screenshot, settle, useServeAndBrowser } from "./harness.mjs";

const env = useServeAndBrowser();

test("the portal loads, connects to the TRM service and logs no errors", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  const status = await page.textContent("#status");
  assert.equal(status, "Connected to TRM service. Sign in to continue.");
  assert.equal(await page.isVisible("#signin-upn"), true);
  // The loader counted the wasm download to the end, then got out of the way.
  assert.equal(await page.getAttribute("#loader", "aria-valuenow"), "100");
  assert.match(await page.getAttribute("#loader", "class"), /done/);
  // The canvas fills the window.
  const box = await page.evaluate(() => {
    const c = document.getElementById("canvas");
    return { w: c.clientWidth, h: c.clientHeight, vw: innerWidth, vh: innerHeight };
  });
  assert.deepEqual([box.w, box.h], [box.vw, box.vh]);
  await page.waitForTimeout(300); // let the loader fade out before the picture
  await screenshot(page, "portal-connected.png");
  assert.deepEqual(errors, []);  // a Content-Security-Policy violation would be one
  await context.close();
});

test("the page and the API say what may load, and never in a frame", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  const pageHeaders = (await page.request.get(env.serve.url)).headers();
  const csp = pageHeaders["content-security-policy"];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(pageHeaders["referrer-policy"], "no-referrer");
  assert.equal(pageHeaders["x-frame-options"], "DENY");
  const apiHeaders = (await page.request.get(env.serve.url + "api/v1/health")).headers();
  assert.equal(apiHeaders["content-security-policy"], "default-src 'none'; frame-ancestors 'none'");
  assert.equal(apiHeaders["referrer-policy"], "no-referrer");
  assert.equal(apiHeaders["x-frame-options"], "DENY");
  // The page runs under its policy: no inline script, nothing refused.
  assert.equal(await page.evaluate(() => document.querySelectorAll("script:not([src])").length), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the portal stops drawing when nothing changes", async () => {
  const { page, context } = await openPortal(env.chrome.browser, env.serve.url);
  await page.waitForTimeout(500); // settle
  const before = await page.evaluate(() => window.__roomkeeper.frames);
  await page.waitForTimeout(1000);
  const idle = await page.evaluate(() => window.__roomkeeper.frames);
  assert.equal(idle, before, "frames were drawn while idle");
  // Input wakes it up again.
  await page.mouse.move(200, 200);
  await page.waitForTimeout(200);
  const woken = await page.evaluate(() => window.__roomkeeper.frames);
  assert.ok(woken > idle, "a mouse move did not cause a redraw");
  await context.close();
});

test("the canvas renders at the device pixel ratio and follows resizes", async () => {
  const { page, context } = await openPortal(env.chrome.browser, env.serve.url, { deviceScaleFactor: 2 });
  const size = () => page.evaluate(() => {
    const c = document.getElementById("canvas");
    return [c.width, c.height, c.clientWidth, c.clientHeight];
  });
  let [w, h, cw, ch] = await size();
  assert.deepEqual([w, h], [cw * 2, ch * 2]);
  await page.setViewportSize({ width: 900, height: 600 });
  await page.waitForTimeout(300);
  [w, h, cw, ch] = await size();
  assert.deepEqual([cw, ch], [900, 600]);
  assert.deepEqual([w, h], [1800, 1200]);
  await screenshot(page, "portal-hidpi.png");
  await context.close();
});

test("an unreachable service is shown clearly", async () => {
  const { page, context } = await openPortal(env.chrome.browser, env.serve.url, {}, async (p) => {
    await p.route("**/api/v1/health", (route) => route.abort("connectionrefused"));
  });
  const status = await page.textContent("#status");
  assert.match(status, /^TRM service unreachable\. No answer from the service\.$/);
  await screenshot(page, "portal-unreachable.png");
  await context.close();
});

test("the language picker switches the sign-in page and the app to Italian, and it sticks", async () => {
  const { page, errors, context } = await openPortal(env.chrome.browser, env.serve.url);
  await page.waitForSelector("#signin:not([hidden])");
  await page.selectOption("#signin-language", "it");
  assert.equal(await page.textContent("#signin-title"), "Accedi");
  assert.equal(await page.getAttribute("html", "lang"), "it");
  await page.fill("#signin-upn", "nia@northwind.example");
  await page.click("#signin-submit");
  await page.waitForFunction(() => /^Accesso eseguito come Nia Lund/.test(window.__roomkeeper.status));
  await settle(page);
  // Locators keep their English labels; what people read is Italian.
  await clickItem(page, "Tab:Roles");
  await page.waitForFunction(() => Object.keys(window.__roomkeeper.items || {}).some((l) => l.startsWith("Page:Roles · ")));
  await settle(page);
  await screenshot(page, "italian-roles.png");
  // The choice is remembered: a reload stays Italian, and the user menu switches back.
  await page.reload();
  // (window.__roomkeeper appears only once the new page's wasm runs.)
  await page.waitForFunction(() => /^Accesso eseguito come/.test(window.__roomkeeper?.status), null, { timeout: 30000 });
  await clickItem(page, "User menu");
  assert.equal((await item(page, "Language:it")).note, "current");
  await clickItem(page, "Language:en");
  await page.waitForFunction(() => /^Signed in as Nia Lund/.test(window.__roomkeeper.status));
  assert.equal(await page.evaluate(() => localStorage.getItem("roomkeeper.lang")), "en");
  assert.deepEqual(errors, []);
  await context.close();
});
