// One seeded generator for every engine (issue #7): writes <dir>/world.json and
// <dir>/requests.json, which the C++ driver (ours) and the peer engines (Cedar, Casbin, CASL)
// all load. Same seed, same size → byte-identical files.
//
//   node bench/peers/generate.mjs <small|medium|large|tiny> <out-dir> [seed]
//
// The world follows PRODUCT.md §1–3: customers with rooms, room groups (rooms in 0–2 of them,
// a few unenrolled), users and security groups; the three built-in customer roles plus custom
// ones; assignments to users and groups scoped to all rooms, room groups or single rooms;
// partner tenants with relationships (scoped to all rooms, room groups and/or rooms), a Primary
// admins role per relationship (scope: all rooms, clipped by the relationship) and partner
// custom roles whose scopes are sometimes wider than the relationship's (a relationship whose
// scope the customer narrowed later), so the clip matters.
//
// File format: references are indices; public ids are derived from them (t<i>, u<i>, sg<i>,
// rg<i>, r<i>, ro<i>, a<i>), so every engine names things the same way.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SIZES = {
    tiny: { customers: 4, rooms: 120, users: 30 },  // the ctest differential check
    small: { customers: 10, rooms: 1000, users: 100 },
    medium: { customers: 100, rooms: 50000, users: 2000 },
    large: { customers: 1000, rooms: 500000, users: 20000 },
};
export const REQUESTS = { tiny: 20000, small: 100000, medium: 100000, large: 100000 };

// The catalogue, in mtm::Permission order (src/mtm/catalogue.cpp): bit i ↔ PERMISSIONS[i].
export const PERMISSIONS = [
    'rooms.view', 'rooms.modify', 'rooms.create', 'rooms.resetKey', 'rooms.downloadKey',
    'rooms.unenroll', 'groups.create', 'groups.view', 'groups.modify', 'rings.create',
    'rings.view', 'rings.modify', 'reports.view', 'tickets.create', 'tickets.view',
    'tickets.update', 'settings.view', 'settings.modify', 'roles.view', 'roles.modify',
];
const bits = (ids) => ids.reduce((b, id) => b | (1 << PERMISSIONS.indexOf(id)), 0);
export const BUILT_IN = {
    mmrAdmin: (1 << 20) - 1,
    siteLead: bits(['rooms.view', 'rooms.modify', 'rooms.create', 'rooms.downloadKey',
        'rooms.unenroll', 'groups.create', 'groups.view', 'groups.modify', 'rings.view',
        'rings.modify', 'reports.view', 'tickets.create', 'tickets.view', 'tickets.update']),
    siteTech: bits(['rooms.view', 'rooms.modify', 'rooms.downloadKey', 'rooms.unenroll',
        'tickets.create', 'tickets.view', 'tickets.update']),
    primaryAdmins: bits(['rooms.view', 'rooms.modify', 'groups.view', 'rings.view',
        'rings.modify', 'reports.view', 'tickets.create', 'tickets.view', 'tickets.update',
        'roles.view', 'roles.modify']),
};
const HELP_DESK = bits(['tickets.create', 'tickets.view', 'tickets.update']);

// xorshift32: small, fast, and the same in every JS engine.
function rng(seed) {
    let s = (seed >>> 0) || 1;
    const next = () => {
        s ^= s << 13; s >>>= 0;
        s ^= s >>> 17;
        s ^= s << 5; s >>>= 0;
        return s;
    };
    return {
        below: (n) => next() % n,
        chance: (p) => next() / 4294967296 < p,
        pick(arr) { return arr[next() % arr.length]; },
        some(arr, k) {  // k distinct elements (or all of them), sorted
            if (k >= arr.length) return [...arr].sort((a, b) => a - b);
            const out = new Set();
            while (out.size < k) out.add(arr[next() % arr.length]);
            return [...out].sort((a, b) => a - b);
        },
    };
}

export function generate(sizeName, seed = 7) {
    const size = SIZES[sizeName];
    if (!size) throw new Error(`unknown size ${sizeName}`);
    const R = rng(seed * 2654435761 + size.rooms);
    const C = size.customers;
    const P = Math.max(2, Math.round(C / 10));
    const tenants = { partner: [] };
    for (let i = 0; i < C; ++i) tenants.partner.push(0);
    for (let i = 0; i < P; ++i) tenants.partner.push(1);
    const partnerIx = (k) => C + k;

    // Users: three quarters in customers, one quarter in partners; every tenant has some.
    const users = { tenant: [] };
    const usersOf = Array.from({ length: C + P }, () => []);
    const customerUsers = Math.round(size.users * 0.75);
    for (let u = 0; u < size.users; ++u) {
        const t = u < customerUsers
            ? (u < C ? u : R.below(C))
            : (u - customerUsers < P ? partnerIx(u - customerUsers) : partnerIx(R.below(P)));
        users.tenant.push(t);
        usersOf[t].push(u);
    }
    // Security groups: about one per five users, at least one per tenant (two per partner).
    const groups = { tenant: [], members: [] };
    const groupsOf = Array.from({ length: C + P }, () => []);
    for (let t = 0; t < C + P; ++t) {
        const n = Math.max(t >= C ? 2 : 1, Math.round(usersOf[t].length / 5));
        for (let k = 0; k < n; ++k) {
            groupsOf[t].push(groups.tenant.length);
            groups.tenant.push(t);
            groups.members.push(R.some(usersOf[t], 2 + R.below(5)));
        }
    }
    // Rooms and room groups.
    const roomGroups = { tenant: [] };
    const rooms = { tenant: [], groups: [], enrolled: [] };
    const roomsOf = Array.from({ length: C }, () => []);
    const rgOf = Array.from({ length: C }, () => []);
    const roomsOfRg = [];
    const perCustomer = Math.floor(size.rooms / C);
    for (let c = 0; c < C; ++c) {
        const n = Math.max(3, Math.round(perCustomer / 25));
        for (let k = 0; k < n; ++k) {
            rgOf[c].push(roomGroups.tenant.length);
            roomGroups.tenant.push(c);
            roomsOfRg.push([]);
        }
        const count = c === C - 1 ? size.rooms - perCustomer * (C - 1) : perCustomer;
        for (let k = 0; k < count; ++k) {
            const r = rooms.tenant.length;
            const x = R.below(10);
            const gs = x < 2 ? [] : R.some(rgOf[c], x < 8 ? 1 : 2);
            rooms.tenant.push(c);
            rooms.groups.push(gs);
            rooms.enrolled.push(R.chance(0.02) ? 0 : 1);
            roomsOf[c].push(r);
            for (const g of gs) roomsOfRg[g].push(r);
        }
    }
    const randomScope = (c, maxRooms = 5) => {
        const x = R.below(100);
        if (x < 30) return { all: true, rooms: [], roomGroups: [] };
        if (x < 65) return { all: false, rooms: [], roomGroups: R.some(rgOf[c], 1 + R.below(3)) };
        return {
            all: false,
            rooms: R.some(roomsOf[c], 1 + R.below(maxRooms)),
            roomGroups: R.chance(0.3) ? R.some(rgOf[c], 1) : [],
        };
    };
    // A scope inside `outer` (what the partner may delegate at the time it is created).
    const scopeWithin = (c, outer) => {
        if (outer.all) return randomScope(c);
        const x = R.below(3);
        if (x === 0 && outer.roomGroups.length)
            return { all: false, rooms: [], roomGroups: R.some(outer.roomGroups, 1) };
        const pool = [...outer.rooms];
        for (const g of outer.roomGroups) pool.push(...roomsOfRg[g]);
        if (!pool.length) return { all: false, rooms: [], roomGroups: [...outer.roomGroups] };
        return { all: false, rooms: R.some([...new Set(pool)], 1 + R.below(4)), roomGroups: [] };
    };
    const randomMembers = (t) => {
        const x = R.below(10);
        if (x < 6) return { users: R.some(usersOf[t], 1 + R.below(2)), groups: [] };
        if (x < 9) return { users: [], groups: [R.pick(groupsOf[t])] };
        return { users: [R.pick(usersOf[t])], groups: [R.pick(groupsOf[t])] };
    };

    const roles = [];
    const assignments = [];
    const relationships = [];
    const addAssignment = (role, members, scope) => {
        assignments.push({ role, users: members.users, groups: members.groups, ...scope });
    };
    for (let c = 0; c < C; ++c) {
        // The customer's own roles: the three built-ins and two custom ones.
        const own = [];
        for (const builtIn of ['mmrAdmin', 'siteLead', 'siteTech']) {
            own.push(roles.length);
            roles.push({ customer: c, partner: -1, builtIn, permissions: BUILT_IN[builtIn] });
        }
        for (let k = 0; k < 2; ++k) {
            let p = 0;
            for (let i = 0; i < 20; ++i) if (R.chance(0.35)) p |= 1 << i;
            own.push(roles.length);
            roles.push({ customer: c, partner: -1, builtIn: '', permissions: p || 1 });
        }
        const n = Math.ceil(usersOf[c].length * 1.2) + groupsOf[c].length;
        for (let k = 0; k < n; ++k) addAssignment(R.pick(own), randomMembers(c), randomScope(c));

        // Partners: none (20%), one (50%) or two (30%).
        const x = R.below(10);
        const partners = R.some([...Array(P).keys()], x < 2 ? 0 : x < 7 ? 1 : 2);
        for (const k of partners) {
            const p = partnerIx(k);
            const y = R.below(10);
            const scope = y < 3 ? { all: true, rooms: [], roomGroups: [] }
                : y < 7 ? { all: false, rooms: [], roomGroups: R.some(rgOf[c], 1 + R.below(3)) }
                : {
                    all: false, rooms: R.some(roomsOf[c], 1 + R.below(20)),
                    roomGroups: R.chance(0.5) ? R.some(rgOf[c], 1) : [],
                };
            const primary = roles.length;
            roles.push({ customer: c, partner: p, builtIn: 'primaryAdmins',
                permissions: BUILT_IN.primaryAdmins });
            relationships.push({ customer: c, partner: p, primaryAdmins: primary, ...scope });
            addAssignment(primary, R.chance(0.7)
                ? { users: R.some(usersOf[p], 1 + R.below(2)), groups: [] }
                : { users: [], groups: [R.pick(groupsOf[p])] },
            { all: true, rooms: [], roomGroups: [] });
            const custom = R.below(3);
            for (let j = 0; j < custom; ++j) {
                let perms = HELP_DESK;
                if (R.chance(0.5)) {
                    perms = 0;
                    for (let i = 0; i < 20; ++i)
                        if ((BUILT_IN.primaryAdmins >> i) & 1 && R.chance(0.5)) perms |= 1 << i;
                    perms ||= HELP_DESK;
                }
                const role = roles.length;
                roles.push({ customer: c, partner: p, builtIn: '', permissions: perms });
                const m = 1 + R.below(2);
                for (let i = 0; i < m; ++i)
                    addAssignment(role, randomMembers(p),
                        R.chance(0.6) ? scopeWithin(c, scope) : randomScope(c));
            }
        }
    }
    const world = {
        seed, size: sizeName, tenants, users, groups, roomGroups, rooms, roles, assignments,
        relationships,
    };
    // The changes edit the world as they go: give them a copy, so world.json is the state before.
    const requests = makeRequests(structuredClone(world), R, REQUESTS[sizeName],
        { usersOf, roomsOf, roomsOfRg });
    return { world, requests };
}

// 100k (principal, permission, room) requests: a random user; most often a tenant where the user
// acts (its own, or a customer of its partner), else any customer; the room is half the time in
// the scope of one of the user's assignments there, else any room of that tenant.
function makeRequests(world, R, count, ix) {
    const { usersOf, roomsOf, roomsOfRg } = ix;
    const C = world.tenants.partner.filter((p) => !p).length;
    const nUsers = world.users.tenant.length;
    // Which assignments reach each user, by customer.
    const reach = Array.from({ length: nUsers }, () => new Map());
    const groupsOfUser = Array.from({ length: nUsers }, () => []);
    world.groups.members.forEach((ms, g) => ms.forEach((u) => groupsOfUser[u].push(g)));
    world.assignments.forEach((a, i) => {
        const c = world.roles[a.role].customer;
        const add = (u) => {
            if (!reach[u].has(c)) reach[u].set(c, []);
            reach[u].get(c).push(i);
        };
        a.users.forEach(add);
        a.groups.forEach((g) => world.groups.members[g].forEach(add));
    });
    const roomIn = (c, a) => {
        if (a.all) return R.pick(roomsOf[c]);
        const pool = [];
        if (a.rooms.length) pool.push(() => R.pick(a.rooms));
        for (const g of a.roomGroups) if (roomsOfRg[g].length) pool.push(() => R.pick(roomsOfRg[g]));
        return pool.length ? R.pick(pool)() : R.pick(roomsOf[c]);
    };
    const request = (u, customers) => {
        const c = customers.length && R.chance(0.75) ? R.pick(customers) : R.below(C);
        const reached = reach[u].get(c);
        const room = reached && R.chance(0.5)
            ? roomIn(c, world.assignments[R.pick(reached)]) : R.pick(roomsOf[c]);
        return [u, R.below(20), room];
    };
    const contexts = (u) => [...reach[u].keys()];
    const flat = [];
    for (let i = 0; i < count; ++i) {
        const u = R.below(nUsers);
        flat.push(...request(u, contexts(u)));
    }

    // Changes, applied in order by every engine, each followed by checks of the users it touches:
    // add a member (a user, or a security group) to an assignment; edit a custom role's permissions.
    const changes = [];
    const customRoles = world.roles.map((r, i) => [r, i]).filter(([r]) => !r.builtIn);
    for (let k = 0; k < 24; ++k) {
        let change;
        let touched = [];
        let c;
        if (k % 3 !== 2) {
            let a, tenantOfMembers, asg;
            do {
                a = R.below(world.assignments.length);
                asg = world.assignments[a];
                const role = world.roles[asg.role];
                c = role.customer;
                tenantOfMembers = role.partner >= 0 ? role.partner : role.customer;
            } while (!usersOf[tenantOfMembers].length);
            if (k % 3 === 0) {
                const free = usersOf[tenantOfMembers].filter((u) => !asg.users.includes(u));
                if (!free.length) continue;
                const u = R.pick(free);
                asg.users = [...asg.users, u].sort((x, y) => x - y);
                change = { kind: 'member', assignment: a, user: u, group: -1 };
                touched = [u];
            } else {
                const gs = world.groups.tenant.map((t, g) => [t, g])
                    .filter(([t, g]) => t === tenantOfMembers && !asg.groups.includes(g));
                if (!gs.length) continue;
                const g = R.pick(gs)[1];
                asg.groups = [...asg.groups, g].sort((x, y) => x - y);
                change = { kind: 'member', assignment: a, user: -1, group: g };
                touched = world.groups.members[g];
            }
            touched.forEach((u) => {
                if (!reach[u].has(c)) reach[u].set(c, []);
                reach[u].get(c).push(a);
            });
        } else {
            const [role, r] = R.pick(customRoles);
            c = role.customer;
            const allowed = role.partner >= 0 ? BUILT_IN.primaryAdmins : (1 << 20) - 1;
            let p = 0;
            for (let i = 0; i < 20; ++i) if ((allowed >> i) & 1 && R.chance(0.5)) p |= 1 << i;
            p ||= allowed & -allowed;
            role.permissions = p;
            change = { kind: 'role', role: r, permissions: p };
            const members = new Set();
            world.assignments.forEach((a) => {
                if (a.role !== r) return;
                a.users.forEach((u) => members.add(u));
                a.groups.forEach((g) => world.groups.members[g].forEach((u) => members.add(u)));
            });
            touched = [...members];
        }
        const checks = [];
        const sample = touched.length > 8 ? touched.slice(0, 8) : touched;
        for (const u of sample)
            for (let i = 0; i < 100; ++i) {
                const reached = reach[u].get(c);
                const room = reached && R.chance(0.7)
                    ? roomIn(c, world.assignments[R.pick(reached)]) : R.pick(roomsOf[c]);
                checks.push(u, R.below(20), room);
            }
        change.checks = checks;
        changes.push(change);
    }
    return { requests: flat, changes };
}

function main() {
    const [sizeName, dir, seedArg] = process.argv.slice(2);
    if (!sizeName || !dir) {
        console.error('usage: generate.mjs <tiny|small|medium|large> <out-dir> [seed]');
        process.exit(2);
    }
    const seed = seedArg ? Number(seedArg) : 7;
    const t0 = performance.now();
    const { world, requests } = generate(sizeName, seed);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'world.json'), JSON.stringify(world));
    fs.writeFileSync(path.join(dir, 'requests.json'), JSON.stringify(requests));
    console.log(`generate: ${sizeName} (seed ${seed}): ${world.tenants.partner.length} tenants, ` +
        `${world.users.tenant.length} users, ${world.rooms.tenant.length} rooms, ` +
        `${world.assignments.length} assignments, ${world.relationships.length} relationships, ` +
        `${requests.requests.length / 3} requests, ${requests.changes.length} changes ` +
        `(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
