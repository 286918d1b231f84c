// Issue #7 in one command: build our driver (native and wasm), install the pinned peers, generate
// the worlds, run every engine on each in a fresh process, check that every engine's decisions
// equal Cedar's (the reference), and write the table into docs/BENCHMARKS.md.
//
//   node bench/peers/run.mjs                       all sizes, writes docs/BENCHMARKS.md
//   node bench/peers/run.mjs --sizes=tiny --no-doc the quick differential check (ctest "peers")
//
// Options: --sizes=a,b  --engines=a,b  --no-build  --no-doc  --seed=N  --out=DIR
//          --native=PATH (our native driver)  --quick (one timing pass: for the ctest)
// Exit status: 0 when every engine agreed with Cedar on every request; 1 otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PERMISSIONS, SIZES } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = Object.fromEntries(process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
}));
const sizes = (args.sizes ?? 'small,medium,large').split(',');
const seed = Number(args.seed ?? 7);
const outRoot = path.resolve(args.out ?? path.join(here, 'out'));
const REFERENCE = 'cedar';
// Engines in table order. casbin-unsharded (one enforcer for every tenant) only on the small
// world: its enforce() scans every assignment row, so medium/large would take hours.
const ALL_ENGINES = ['ours-native', 'ours-wasm', 'cedar', 'casbin', 'casbin-unsharded', 'casl'];
const engines = args.engines ? args.engines.split(',') : ALL_ENGINES;
const runsOn = (engine, size) => engine !== 'casbin-unsharded' || size === 'small' || size === 'tiny';

const nativeDriver = path.resolve(args.native ?? path.join(root, 'build/native/bench/peers_driver'));
const wasmDriver = path.join(root, 'build/web/bench/peers_driver.js');

function sh(cmd, argv, opts = {}) {
    const r = spawnSync(cmd, argv, { stdio: 'inherit', ...opts });
    if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status ?? r.signal})`);
}

function build() {
    for (const [preset, needed] of [['native', 'ours-native'], ['web', 'ours-wasm']]) {
        if (!engines.includes(needed)) continue;
        const dir = path.join(root, 'build', preset);
        if (!fs.existsSync(path.join(dir, 'CMakeCache.txt')))
            sh('cmake', ['--preset', preset, '-B', dir], { cwd: root });
        // -j1 and this one target: the machine is shared, and the rest of the tree is not needed.
        sh('cmake', ['--build', dir, '--target', 'peers_driver', '-j1'], { cwd: root });
    }
    const lock = path.join(here, 'package-lock.json');
    const stamp = path.join(here, 'node_modules/.setup-stamp');
    if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== fs.readFileSync(lock, 'utf8')) {
        sh('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here });
        fs.copyFileSync(lock, stamp);
    }
}

function runEngine(engine, dir) {
    const [cmd, argv] = engine === 'ours-native' ? [nativeDriver, [dir]]
        : engine === 'ours-wasm' ? ['node', ['--no-experimental-fetch', wasmDriver, dir]]
        : ['node', ['--expose-gc', path.join(here, 'engine.mjs'), engine, dir]];
    const t0 = performance.now();
    const env = args.quick ? { ...process.env, PEERS_QUICK: '1' } : process.env;
    const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 3 * 3600e3, env });
    const wall = (performance.now() - t0) / 1000;
    const line = r.stdout?.trim().split('\n').pop();
    if (r.status !== 0 || !line?.startsWith('{')) {
        const why = r.error?.message ?? (r.signal ? `killed by ${r.signal}` : `exit ${r.status}`);
        process.stderr.write(r.stderr ?? '');
        return { engine, failed: `${why}: ${(r.stderr ?? '').trim().split('\n').pop() ?? ''}`, wall };
    }
    return { ...JSON.parse(line), wall };
}

function readDecisions(dir, engine) {
    const [main, changes] = fs.readFileSync(path.join(dir, `${engine}.decisions`), 'utf8').split('\n');
    return { main, changes };
}

// Every engine against the reference; each disagreement printed with its request.
function differential(size, dir, results) {
    const world = JSON.parse(fs.readFileSync(path.join(dir, 'world.json'), 'utf8'));
    const requests = JSON.parse(fs.readFileSync(path.join(dir, 'requests.json'), 'utf8'));
    const ran = results.filter((r) => !r.failed).map((r) => r.engine);
    if (!ran.includes(REFERENCE)) return { ok: false, text: 'the reference (cedar) did not run' };
    const ref = readDecisions(dir, REFERENCE);
    const checks = requests.changes.reduce((n, c) => n + c.checks.length / 3, 0);
    const describe = (flat, i, after) => {
        const [u, p, r] = flat.slice(3 * i, 3 * i + 3);
        const ut = world.users.tenant[u];
        const rt = world.rooms.tenant[r];
        return `u${u} (of t${ut}${world.tenants.partner[ut] ? ', a partner' : ''}) ${PERMISSIONS[p]} ` +
            `r${r} (of t${rt}, groups [${world.rooms.groups[r].map((g) => `rg${g}`).join(', ')}]` +
            `${world.rooms.enrolled[r] ? '' : ', unenrolled'})${after}`;
    };
    let bad = 0;
    const lines = [];
    for (const engine of ran) {
        if (engine === REFERENCE) continue;
        const d = readDecisions(dir, engine);
        const compare = (got, want, flat, label) => {
            if (got.length !== want.length) {
                lines.push(`${engine}: ${label}: ${got.length} decisions, cedar has ${want.length}`);
                ++bad;
                return;
            }
            for (let i = 0; i < want.length; ++i) {
                if (got[i] === want[i]) continue;
                if (++bad <= 40)
                    lines.push(`${engine} says ${got[i] === '1' ? 'allow' : 'deny'}, cedar says ` +
                        `${want[i] === '1' ? 'allow' : 'deny'}: ${describe(flat, i, label)}`);
            }
        };
        compare(d.main, ref.main, requests.requests, '');
        const flat = requests.changes.flatMap((c) => c.checks);
        compare(d.changes, ref.changes, flat, ' (after the changes, in order)');
    }
    const summary = `${size}: ${requests.requests.length / 3} requests and ${checks} post-change ` +
        `checks, ${ran.length - 1} engines against cedar: ${bad ? `${bad} DISAGREEMENTS` : 'all agree'}`;
    return { ok: bad === 0, text: [summary, ...lines].join('\n') };
}

// --- the table ----------------------------------------------------------------------------
const fmtNs = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(ns >= 1e7 ? 0 : 1)} ms`
    : ns >= 1e3 ? `${(ns / 1e3).toFixed(ns >= 1e4 ? 0 : 1)} µs` : `${ns.toFixed(0)} ns`);
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : fmtNs(ms * 1e6));
const fmtBytes = (b) => (b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(b >= 100 << 20 ? 0 : 1)} MiB`
    : `${Math.max(0, b / 1024).toFixed(0)} KiB`);
const fmtRate = (ns) => {
    const r = 1e9 / ns;
    return r >= 1e6 ? `${(r / 1e6).toFixed(1)} M` : r >= 1e3 ? `${(r / 1e3).toFixed(1)} k` : r.toFixed(0);
};
const ratio = (x, y) => (x / y >= 100 ? `${(x / y).toFixed(0)}×` : `${(x / y).toFixed(1)}×`);

function table(size, world, results) {
    const ours = results.find((r) => r.engine === 'ours-wasm' && !r.failed);
    const native = results.find((r) => r.engine === 'ours-native' && !r.failed);
    const rows = [
        `### ${size}: ${world}`,
        '',
        '| engine | load | memory (RSS Δ) | per decision | decisions/s | p50 / p99 per call | ' +
            'one-assignment change | role edit | per decision ÷ ours (wasm / native) | change ÷ ours (wasm / native) |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ];
    for (const r of results) {
        if (r.failed) {
            rows.push(`| ${r.engine} | failed: ${r.failed.replaceAll('|', '/')} | | | | | | | | |`);
            continue;
        }
        const peer = !r.engine.startsWith('ours');
        const vs = (k) => (!peer ? '' : [ours, native]
            .map((o) => (o ? ratio(r[k], o[k]) : '–')).join(' / '));
        rows.push(`| ${r.engine} | ${fmtMs(r.load_ms)} | ${fmtBytes(r.rss_bytes)} | ${fmtNs(r.batch_ns)} | ` +
            `${fmtRate(r.batch_ns)} | ${fmtNs(r.p50_ns)} / ${fmtNs(r.p99_ns)} | ` +
            `${fmtNs(r.member_change_us * 1e3)} | ${fmtNs(r.role_change_us * 1e3)} | ` +
            `${vs('batch_ns')} | ${vs('member_change_us')} |`);
    }
    return rows.join('\n');
}

function versionOf(cmd, argv) {
    try {
        return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
            .split('\n')[0].trim();
    } catch {
        return `${cmd}: unknown`;
    }
}

function machine() {
    const cpus = os.cpus();
    return `${cpus[0]?.model ?? 'cpu'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
        `Linux ${os.release()}; node ${process.version}; ` +
        `g++ ${versionOf('g++', ['-dumpfullversion'])}; ` +
        `Emscripten ${versionOf('em++', ['--version']).replace(/.* ([0-9.]+)( \(.*\))?$/, '$1')}`;
}

function writeDoc(block) {
    const doc = path.join(root, 'docs/BENCHMARKS.md');
    let text = fs.readFileSync(doc, 'utf8');
    const begin = '<!-- peers:begin (written by bench/peers/run.mjs) -->';
    const end = '<!-- peers:end -->';
    const i = text.indexOf(begin);
    const j = text.indexOf(end);
    if (i >= 0 && j > i) text = text.slice(0, i) + `${begin}\n${block}\n` + text.slice(j);
    else text += `\n## Peers: Cedar, Casbin, CASL (issue #7)\n\n${begin}\n${block}\n${end}\n`;
    fs.writeFileSync(doc, text);
}

function main() {
    if (!args['no-build']) build();
    const sections = [];
    const checks = [];
    let ok = true;
    for (const size of sizes) {
        if (!SIZES[size]) throw new Error(`unknown size ${size}`);
        const dir = path.join(outRoot, size);
        console.log(`== ${size}: generating`);
        sh('node', [path.join(here, 'generate.mjs'), size, dir, String(seed)]);
        const w = JSON.parse(fs.readFileSync(path.join(dir, 'world.json'), 'utf8'));
        const desc = `${SIZES[size].customers.toLocaleString('en')} customers + ` +
            `${w.tenants.partner.filter(Boolean).length} partners, ` +
            `${w.rooms.tenant.length.toLocaleString('en')} rooms, ` +
            `${w.users.tenant.length.toLocaleString('en')} users, ` +
            `${w.assignments.length.toLocaleString('en')} assignments, ` +
            `${w.relationships.length.toLocaleString('en')} relationships`;
        const results = [];
        for (const engine of engines) {
            if (!runsOn(engine, size)) continue;
            fs.rmSync(path.join(dir, `${engine}.decisions`), { force: true });
            console.log(`== ${size}: ${engine}`);
            const r = runEngine(engine, dir);
            console.log(r.failed ? `   FAILED: ${r.failed}` : `   ${JSON.stringify(r)}`);
            results.push(r);
        }
        const diff = differential(size, dir, results);
        console.log(diff.text);
        checks.push(diff.text.split('\n')[0]);
        ok &&= diff.ok;
        sections.push({ size, desc, results });
    }
    if (!ok) {
        console.error('peers: engines disagree with cedar (above); docs/BENCHMARKS.md not written');
        process.exit(1);
    }
    const all = sections.flatMap((s) => s.results).filter((r) => !r.failed);
    const versions = [...new Set(all.map((r) => r.version))].join('; ');
    const block = [
        `Measured ${new Date().toISOString().slice(0, 10)} with \`node bench/peers/run.mjs\` ` +
            `(seed ${seed}) on ${machine()}.`,
        `Engines: ${versions}.`,
        '',
        `Differential check (every engine's allow/deny against Cedar's): ${checks.join('; ')}.`,
        '',
        ...sections.map((s) => table(s.size, s.desc, s.results) + '\n'),
    ].join('\n');
    if (!args['no-doc']) {
        writeDoc(block);
        console.log('peers: table written to docs/BENCHMARKS.md');
    } else {
        console.log(block);
    }
    const failed = all.length !== sections.flatMap((s) => s.results).length;
    process.exit(failed ? 1 : 0);
}

main();
