// Portal frame-time benchmark (issue #6): the real page in headless Chromium against trm-server
// seeded with a large world — one customer with 100,000 rooms, 1,000,000 incidents across eight
// customers — measuring, in one run on one machine:
//   - CPU time per frame: the wasm building it (input, app, ImGui), and separately the WebGL
//     submission, which here waits on Chromium's software rasteriser (SwiftShader: no GPU)
//     while the Rooms list of 100,000 rooms scrolls, and while the partner's all-customers
//     incidents view over 1,000,000 incidents scrolls;
//   - time from a filter keystroke to the updated list (the room count shown changes);
//   - the first-load bytes (brotli) the web build staged.
//   - the access matrix of a partner with 1,000 more people and 200 more customers: time to show
//     it, and the wasm's time per frame while it pans and zooms.
// Usage: nice node bench/portal/run.mjs [--rooms 100000] [--incidents 1000000]
//                                       [--matrix-customers 200] [--matrix-people 1000]
// Needs both builds (tests/run) and tests/e2e's node_modules. Prints a Markdown table.
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readdirSync, statSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { root, startServe, launchBrowser, openPortal, signIn, clickItem, item, settle } from "../../tests/e2e/harness.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rooms = arg("rooms", 100000), incidents = arg("incidents", 1000000);
const matrixCustomers = arg("matrix-customers", 200), matrixPeople = arg("matrix-people", 1000);
const scratch = mkdtempSync(path.join(tmpdir(), "rk-bench-"));
const world = path.join(scratch, "world.json");
let t = Date.now();
const out = openSync(world, "w");  // straight to the file: a pipe of a million small writes is slow
execFileSync("python3", [path.join(root, "tools/make_demo_world.py"),
  "--first-customer-rooms", String(rooms), "--incidents", String(incidents),
  "--matrix-customers", String(matrixCustomers), "--matrix-people", String(matrixPeople)], { stdio: ["ignore", out, "inherit"] });
closeSync(out);
console.error(`world: ${(statSync(world).size / 1e6).toFixed(0)} MB in ${((Date.now() - t) / 1000).toFixed(0)} s`);
t = Date.now();
const serve = await startServe({ world, timeout: 900000 });
console.error(`service seeded and listening in ${((Date.now() - t) / 1000).toFixed(0)} s`);
const chrome = await launchBrowser();

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]; };
const frameMs = (page) => page.evaluate(() => window.__roomkeeper.frameMs.slice());
const glMs = (page) => page.evaluate(() => window.__roomkeeper.glMs.slice());
const describe = (build, gl) => build.length === 0 ? "no frames recorded" :
  `build median ${median(build).toFixed(2)} ms, p95 ${p95(build).toFixed(2)} ms; WebGL submit median ${median(gl).toFixed(1)} ms`;

// Scrolls a list with the wheel, down then up, about one notch per frame; the page records
// each frame's CPU time (read with frameMs after clearing it).
async function scrollFrames(page, over, notches = 120) {
  await page.mouse.move(over.x + over.w / 2, over.y + Math.min(over.h / 2, 300));
  await settle(page);
  await page.evaluate(() => { window.__roomkeeper.frameMs.length = 0; window.__roomkeeper.glMs.length = 0; });
  for (let i = 0; i < notches; i++) {
    await page.mouse.wheel(0, i < notches / 2 ? 400 : -400);
    await page.waitForTimeout(16);
  }
  await settle(page);
}

const results = [];
const report = results.push.bind(results);
results.push = (row) => { console.error(`  ${row.join(" | ")}`); return report(row); };
try {
  // --- Rooms: 100,000 rooms of one customer ----------------------------------------------
  {
    const { page, context } = await openPortal(chrome.browser, serve.url);
    await signIn(page, "admin@contoso.example");
    await clickItem(page, "Tab:Rooms");
    t = Date.now();
    for (let last = "";;) {  // report progress: the count grows as pages arrive
      const note = await page.evaluate(() => ((window.__roomkeeper.items || {})["Room count"] || {}).note || "");
      if (note !== last) console.error(`  ${((Date.now() - t) / 1000).toFixed(0)} s: ${note}`);
      last = note;
      if (note === `${rooms} rooms`) break;
      if (Date.now() - t > 600000) throw new Error(`rooms did not load: ${note}`);
      await page.waitForTimeout(1000);
    }
    results.push(["Rooms: load every room (500 per request)", `${rooms.toLocaleString("en")} rooms`, `${((Date.now() - t) / 1000).toFixed(1)} s`]);
    const list = await item(page, "Room filter");
    const table = { x: list.x, y: list.y + 120, w: 600, h: 400 };
    await scrollFrames(page, table);
    const frames = await frameMs(page);
    results.push(["Rooms: wasm CPU per frame while scrolling", `${frames.length} frames`, describe(frames, await glMs(page))]);
    // Keystroke → updated list: type one more character of a filter, wait for the count to move.
    await clickItem(page, "Room filter");
    const latencies = [], builds = [];
    let typed = "";
    for (const ch of ["b", "e", "r", "g", "e", "n", " ", "1"]) {
      typed += ch;
      // From the key event to the first frame whose list was filtered with the new text.
      const { ms, build } = await page.evaluate(async ([c, want]) => {
        const rk = window.__roomkeeper;
        rk.frameMs.length = 0;
        const t0 = performance.now();
        const canvas = document.getElementById("canvas");
        canvas.dispatchEvent(new KeyboardEvent("keydown", { key: c, bubbles: true }));
        canvas.dispatchEvent(new KeyboardEvent("keyup", { key: c, bubbles: true }));
        await new Promise((resolve, reject) => {
          const check = () => {
            const note = window.__roomkeeper.items["Room list"].note;
            if (note.slice(0, note.lastIndexOf("|")) === want) resolve();
            else if (performance.now() - t0 > 10000) reject(new Error(`list still at "${note}"`));
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        });
        // The wasm's time for the frames until then (the filter pass included): what the latency
        // would be where frames are not paced by a software rasteriser.
        return { ms: performance.now() - t0, build: Math.max(0, ...rk.frameMs) };
      }, [ch, typed]);
      latencies.push(ms);
      builds.push(build);
      await settle(page);
    }
    const shown = (await item(page, "Room list")).note;
    results.push([`Rooms: filter keystroke → updated list ("${typed}": ${shown.split("|")[1]} rooms left)`, `${latencies.length} keystrokes`,
                  `median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms end to end; that frame's wasm build median ${median(builds).toFixed(1)} ms, max ${Math.max(...builds).toFixed(1)} ms`]);
    await context.close();
  }
  // --- Incidents: the partner's all-customers view over 1,000,000 incidents ------------------
  {
    const { page, context } = await openPortal(chrome.browser, serve.url);
    await signIn(page, "nia@northwind.example");
    t = Date.now();
    await clickItem(page, "Tab:Incidents");
    await item(page, "Page:Incidents · All customers", 600000);
    await page.waitForFunction(() => Object.keys(window.__roomkeeper.items).some((l) => l.startsWith("Incident:")), null, { timeout: 600000 });
    results.push(["Incidents (all customers): first page shown", `${incidents.toLocaleString("en")} incidents`, `${((Date.now() - t) / 1000).toFixed(1)} s`]);
    const filter = await item(page, "Filter:text");
    await scrollFrames(page, { x: filter.x, y: filter.y + 150, w: 600, h: 400 });
    const frames = await frameMs(page);
    results.push(["Incidents (all customers): wasm CPU per frame while scrolling", `${frames.length} frames`, describe(frames, await glMs(page))]);
    await context.close();
  }
  // --- Access matrix: ~1,000 people × ~200 customers × 20 permissions -------------------------
  if (matrixCustomers > 0) {
    const { page, context } = await openPortal(chrome.browser, serve.url);
    await signIn(page, "nia@northwind.example");
    t = Date.now();
    await clickItem(page, "Tab:Access matrix");
    await item(page, "Matrix:heat map", 600000);
    const shown = (Date.now() - t) / 1000;
    const map = await item(page, "Matrix:heat map");
    results.push(["Access matrix: tab click → heat map drawn", `${matrixPeople + 5} people × ${matrixCustomers + 2} customers × 20`, `${shown.toFixed(1)} s`]);
    await page.mouse.move(map.x + map.w / 2, map.y + map.h / 2);
    await settle(page);
    await page.evaluate(() => { window.__roomkeeper.frameMs.length = 0; window.__roomkeeper.glMs.length = 0; });
    for (let i = 0; i < 30; i++) { await page.mouse.wheel(0, -120); await page.waitForTimeout(16); }  // zoom in
    await page.mouse.down();
    for (let i = 0; i < 60; i++) { await page.mouse.move(map.x + map.w / 2 - i * 5, map.y + map.h / 2 - i * 3); await page.waitForTimeout(16); }  // pan
    await page.mouse.up();
    for (let i = 0; i < 30; i++) { await page.mouse.wheel(0, 120); await page.waitForTimeout(16); }  // zoom out
    await settle(page);
    const frames = await frameMs(page);
    results.push(["Access matrix: wasm CPU per frame while zooming and panning", `${frames.length} frames`, describe(frames, await glMs(page))]);
    await context.close();
  }
  // --- First load ----------------------------------------------------------------------------
  const site = path.join(root, "build/web/portal");
  let bytes = 0;
  for (const f of readdirSync(site)) if (/^(index\.html|portal\.js|portal\.wasm|shell\.js|style\.css)\.br$/.test(f)) bytes += statSync(path.join(site, f)).size;
  results.push(["First load (wasm + js + html + css, brotli; fonts inside the wasm)", "", `${bytes.toLocaleString("en")} B`]);
} finally {
  await chrome.close();
  await serve.stop();
  rmSync(scratch, { recursive: true, force: true });
}
console.log("| measurement | size | result |\n|---|---|---|");
for (const r of results) console.log(`| ${r.join(" | ")} |`);
