// Shared set-up for browser tests: serve.py on a free port (the real product, service included),
// npm playwright-core driving Debian's chromium (no browser download), readiness from the app.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const screenshotDir = path.join(root, "docs", "screenshots");

const CHROMIUM_ARGS = [
  "--no-sandbox", // Debian's chromium as root
  "--use-angle=swiftshader", "--enable-unsafe-swiftshader", // WebGL2 without a GPU
  "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

// Starts `python3 serve.py --port 0 --no-setup --no-build` and resolves with its URL.
// Each run gets a scratch database, seeded from the demo world.
// Options (bench/portal): `world`, a world file to seed from instead of the demo world, and
// `timeout` in ms for the service to come up (a large world takes minutes to seed).
export async function startServe({ world, timeout = 30000 } = {}) {
  const scratch = mkdtempSync(path.join(tmpdir(), "rk-e2e-"));
  const proc = spawn("python3", ["serve.py", "--port", "0", "--no-setup", "--no-build",
                                 "--db", path.join(scratch, "trm.sqlite"), ...(world ? ["--world", world] : [])], {
    cwd: root, stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.py did not start:\n${output}`)), timeout);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/portal: (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", onData);
    proc.on("exit", (code) => { clearTimeout(timer); reject(new Error(`serve.py exited ${code}:\n${output}`)); });
  });
  return {
    url,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      await exited;
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

// Playwright gives every launch a fresh, temporary profile (the --user-data-dir it manages).
export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true });
  return { browser, close: () => browser.close() };
}

// Opens the portal and collects console errors and page errors while the test runs.
export async function openPortal(browser, url, contextOptions = {}, beforeLoad = async () => {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
  page.on("pageerror", (err) => errors.push(String(err)));
  await beforeLoad(page);
  await page.goto(url);
  await page.waitForFunction(() => window.__roomkeeper && window.__roomkeeper.ready === true, null,
                             { timeout: 30000 });
  return { context, page, errors };
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, name) });
}

// Signs in through the HTML form and waits until the app says who is signed in.
export async function signIn(page, upn) {
  await page.waitForSelector("#signin:not([hidden])");
  const picked = `#demo-picker:not([hidden]) button[data-upn="${upn}"]`;
  if (await page.$(picked)) {
    await page.click(picked);  // the offline demo's picker
  } else {
    await page.fill("#signin-upn", upn);
    await page.click("#signin-submit");
  }
  await page.waitForFunction(() => /^Signed in as /.test(window.__roomkeeper.status), null, { timeout: 15000 });
  await settle(page);
}

// Waits until the app has drawn and gone idle (no frame for 150 ms).
export async function settle(page) {
  let last = -1;
  for (let i = 0; i < 20; i++) {  // a focused text field keeps drawing (cursor blink): give up after 3 s
    const frames = await page.evaluate(() => window.__roomkeeper.frames);
    if (frames === last) return;
    last = frames;
    await page.waitForTimeout(150);
  }
}

// The app's locator for a labelled control (see src/portal/ui/widgets.hpp: expose()).
export async function item(page, label, timeout = 10000) {
  try {
    const handle = await page.waitForFunction((l) => (window.__roomkeeper.items || {})[l] || null, label, { timeout });
    return await handle.jsonValue();
  } catch (e) {
    // Say what was on screen instead: the labels, the status line and a picture.
    const shot = path.join(tmpdir(), `rk-e2e-missing-${label.replace(/[^A-Za-z0-9]+/g, "_")}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    const seen = await page.evaluate(() => Object.keys(window.__roomkeeper.items || {})).catch(() => []);
    const status = await page.evaluate(() => document.getElementById("status")?.textContent).catch(() => "");
    throw new Error(`no item "${label}" within ${timeout} ms (status: "${status}"; screenshot: ${shot}; ` +
                    `items: ${seen.join(" | ")})`, { cause: e });
  }
}

// Clicks a control by label, scrolling (mouse wheel over its scrolling region) until it is in
// that region's visible band and on screen. Brings the page to the front first: background
// pages get no animation frames, so they never draw.
export async function clickItem(page, label) {
  await page.bringToFront();
  let it = await item(page, label);
  const view = page.viewportSize();
  const above = (i) => i.y < Math.max(0, i.clipTop);
  const below = (i) => i.y + i.h > Math.min(view.height - 10, i.clipBottom);
  for (let i = 0; i < 40 && (above(it) || below(it)); i++) {
    const bandMiddle = (Math.max(0, it.clipTop) + Math.min(view.height, it.clipBottom)) / 2;
    await page.mouse.move(it.x + Math.min(it.w / 2, 20), bandMiddle);
    // Turn the wheel by about the distance to go (one wheel pixel scrolls ~0.75 px here).
    const bottom = Math.min(view.height - 10, it.clipBottom);
    const distance = above(it) ? it.y - Math.max(0, it.clipTop) - 40 : it.y + it.h - bottom + 40;
    await page.mouse.wheel(0, Math.max(-3000, Math.min(3000, distance * 1.3)));
    await settle(page);
    it = await item(page, label);
  }
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2);
  await settle(page);
}

// Clicks a text field by label and types into it, as a person would.
export async function typeInto(page, label, text) {
  await clickItem(page, label);
  await page.keyboard.type(text, { delay: 5 });
  await settle(page);
}

// Every label the app exposes this frame.
export const labels = (page) => page.evaluate(() => Object.keys(window.__roomkeeper.items || {}));

// Calls the TRM API from inside the page with the signed-in user's token (what a person could
// do from the browser's console): the service must refuse what the UI would block.
export async function apiFromPage(page, method, path, body) {
  return page.evaluate(async ([method, path, body]) => {
    const token = sessionStorage.getItem("roomkeeper.token");
    const r = await fetch("/api/v1" + path, {
      method, headers: { "Authorization": "Bearer " + token, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, json };
  }, [method, path, body]);
}

// One product instance (scratch database) and one browser per test file: registers the
// before/after hooks and returns an object whose `serve` and `chrome` are set once they run.
export function useServeAndBrowser() {
  const env = { serve: null, chrome: null };
  before(async () => {
    env.serve = await startServe();
    env.chrome = await launchBrowser();
  });
  after(async () => {
    await env.chrome?.close();
    await env.serve?.stop();
  });
  return env;
}
