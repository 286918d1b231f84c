// Shared set-up for browser tests: serve.py on a free port (the real product, service included),
// npm playwright-core driving Debian's chromium (no browser download), readiness from the app.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
export async function startServe() {
  const scratch = mkdtempSync(path.join(tmpdir(), "rk-e2e-"));
  const proc = spawn("python3", ["serve.py", "--port", "0", "--no-setup", "--no-build",
                                 "--db", path.join(scratch, "trm.sqlite")], {
    cwd: root, stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.py did not start:\n${output}`)), 30000);
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
  await page.fill("#signin-upn", upn);
  await page.click("#signin-submit");
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
  const handle = await page.waitForFunction((l) => (window.__roomkeeper.items || {})[l] || null, label, { timeout });
  return handle.jsonValue();
}

// Clicks a control by label, scrolling the canvas (mouse wheel) until it is on screen. Brings
// the page to the front first: background pages get no animation frames, so they never draw.
export async function clickItem(page, label) {
  await page.bringToFront();
  let it = await item(page, label);
  const view = page.viewportSize();
  for (let i = 0; i < 30 && (it.y + it.h > view.height - 10 || it.y < 0); i++) {
    await page.mouse.move(view.width / 2, view.height / 2);
    await page.mouse.wheel(0, it.y < 0 ? -200 : 200);
    await settle(page);
    it = await item(page, label);
  }
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2);
  await settle(page);
}
