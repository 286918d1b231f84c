// Runs one peer engine over one generated world, in a fresh process, and prints one JSON line
// (the same fields as our C++ driver). Decisions go to <dir>/<engine>.decisions for run.mjs.
//
//   node --expose-gc bench/peers/engine.mjs <cedar|casbin|casbin-unsharded|casl> <dir>
//
// Load = from the parsed world to an engine ready to decide (the JSON parse and the shared
// application indexes of model.mjs are common to every peer and not counted). Memory = growth
// of the process's resident set (and of the JS heap + external memory) over that load, after a
// full GC on both sides.
import fs from 'node:fs';
import path from 'node:path';
import { loadFiles, Model } from './model.mjs';

const ENGINES = {
    cedar: () => import('./engines/cedar.mjs'),
    casbin: () => import('./engines/casbin.mjs'),
    'casbin-unsharded': () => import('./engines/casbin.mjs'),
    casl: () => import('./engines/casl.mjs'),
};

function median(v) {
    const s = [...v].sort((a, b) => a - b);
    return s.length ? s[Math.floor(s.length / 2)] : 0;
}

function mem() {
    globalThis.gc?.();
    globalThis.gc?.();
    const u = process.memoryUsage();
    return { rss: u.rss, heap: u.heapUsed + u.external };
}

async function main() {
    const [engineName, dir] = process.argv.slice(2);
    if (!ENGINES[engineName] || !dir) {
        console.error(`usage: engine.mjs <${Object.keys(ENGINES).join('|')}> <dir>`);
        process.exit(2);
    }
    if (!globalThis.gc) console.error('engine.mjs: run node with --expose-gc for memory numbers');
    const E = await ENGINES[engineName]();
    let t0 = performance.now();
    const { world, requests } = loadFiles(dir);
    const m = new Model(world);
    const parseMs = performance.now() - t0;

    const m0 = mem();
    t0 = performance.now();
    const engine = await E.create(m, { sharded: engineName !== 'casbin-unsharded' });
    const loadMs = performance.now() - t0;
    const m1 = mem();

    const q = requests.requests;
    const n = q.length / 3;
    const decisions = Buffer.alloc(n, '0');
    // Per-call pass: every decision timed on its own (and recorded for the differential check).
    const perCall = new Float64Array(n);
    for (let i = 0, j = 0; i < n; ++i, j += 3) {
        const a = performance.now();
        const ok = engine.decide(q[j], q[j + 1], q[j + 2]);
        perCall[i] = (performance.now() - a) * 1e6;
        if (ok) decisions[i] = 0x31;
    }
    const floor = new Float64Array(10000);
    for (let i = 0; i < floor.length; ++i) {
        const a = performance.now();
        floor[i] = (performance.now() - a) * 1e6;
    }
    // Batched passes: whole passes over the requests, mean per decision; median over passes
    // (as many as fit in ~3 s, at least one; none with PEERS_QUICK, the ctest's setting).
    const passes = [];
    const quick = process.env.PEERS_QUICK === '1';
    const budget = performance.now();
    let sink = 0;
    while (!quick && (passes.length < 1 || (passes.length < 51 && performance.now() - budget < 3000))) {
        const a = performance.now();
        for (let j = 0; j < q.length; j += 3) sink += engine.decide(q[j], q[j + 1], q[j + 2]) ? 1 : 0;
        passes.push((performance.now() - a) * 1e6 / n);
    }

    // Changes: apply in order (the application's data, then the engine), each timed, then checked.
    const memberUs = [];
    const roleUs = [];
    let changeDecisions = '';
    for (const change of requests.changes) {
        const before = change.kind === 'role' ? m.roles[change.role].permissions : undefined;
        const a = performance.now();
        const touched = m.apply(change);
        const pending = engine.apply(change, before, touched);
        if (pending instanceof Promise) await pending;  // Casbin's API is async
        const us = (performance.now() - a) * 1e3;
        (change.kind === 'member' ? memberUs : roleUs).push(us);
        const c = change.checks;
        for (let j = 0; j < c.length; j += 3)
            changeDecisions += engine.decide(c[j], c[j + 1], c[j + 2]) ? '1' : '0';
    }
    fs.writeFileSync(path.join(dir, `${engineName}.decisions`), `${decisions.toString()}\n${changeDecisions}\n`);

    const sorted = Float64Array.from(perCall).sort();
    const pct = (p) => sorted[Math.floor(p * (sorted.length - 1))];
    console.log(JSON.stringify({
        engine: engineName,
        version: E.version(),
        parse_ms: parseMs,
        load_ms: loadMs,
        rss_bytes: m1.rss - m0.rss,
        heap_bytes: m1.heap - m0.heap,
        batch_ns: quick ? median(perCall) : median(passes),
        passes: passes.length,
        p50_ns: pct(0.5),
        p99_ns: pct(0.99),
        timer_ns: median(floor),
        member_change_us: median(memberUs),
        role_change_us: median(roleUs),
        requests: n,
        allowed: decisions.toString().split('').filter((d) => d === '1').length,
        sink,
    }));
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
