// Casbin (npm casbin, node-casbin): RBAC with domains, the customer tenant as the domain.
//
// Model (MODEL below):
//   r = sub, dom, obj, act                 user, customer tenant, room, permission
//   p = sub, dom, role, obj, clip          one row per assignment: its role, its scope node and
//                                          (partner roles) its relationship's scope node
//   g  = _, _, _   user → security group, user/group → assignment, in a domain
//   g2 = _, _      containment: room → its room groups; room → "t<c>" (all rooms of c);
//                  room → "live" (enrolled); room / room group → "s:a<i>" (assignment scope)
//                  and → "rel:<k>" (relationship scope)
//   g3 = _, _      role → permission
//   m = r.dom == p.dom && g3(p.role, r.act) && g(r.sub, p.sub, r.dom)
//       && g2(r.obj, p.obj) && g2(r.obj, p.clip) && g2(r.obj, "live")
// Casbin has no notion of "scope" or "clip": both become nodes of a containment graph (g2),
// and the role's permission set becomes a role → permission graph (g3), so a role edit is a
// few g3 edits rather than rewriting every assignment's rows.
//
// node-casbin's enforce() evaluates the matcher against every p row, so one enforcer holding
// every tenant costs O(all assignments) per decision; the sharded variant (the default) keeps
// one enforcer per customer domain — same model, each loaded with its domain's rows, as a
// filtered adapter would — and routes each request by the room's tenant.
import { newEnforcer, newModelFromString } from 'casbin';
import { installedVersion } from '../pkgversion.mjs';
import { PERMISSIONS, permissionNames } from '../model.mjs';

export const name = 'casbin';
export const version = () => `casbin ${installedVersion('casbin')}`;

export const MODEL = `
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, role, obj, clip

[role_definition]
g = _, _, _
g2 = _, _
g3 = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = r.dom == p.dom && g3(p.role, r.act) && g(r.sub, p.sub, r.dom) && g2(r.obj, p.obj) && g2(r.obj, p.clip) && g2(r.obj, "live")
`;

// An adapter that hands rows over as arrays (what a database adapter does after its query),
// instead of the CSV lines the file and string adapters parse.
class ArrayAdapter {
    constructor(rows) { this.rows = rows; }  // { p: [...], g: [...], g2: [...], g3: [...] }
    async loadPolicy(model) {
        for (const [ptype, rows] of Object.entries(this.rows)) {
            const sec = ptype[0];
            const ast = model.model.get(sec).get(ptype);
            for (const row of rows) ast.policy.push(row);
        }
        this.rows = null;  // the enforcer holds them now
    }
    async savePolicy() { return true; }
    async addPolicy() {}
    async removePolicy() {}
    async removeFilteredPolicy() {}
    async addPolicies() {}  // BatchAdapter: the batch APIs require it
    async removePolicies() {}
}

const scopeNode = (scope, c, own) => (scope.all ? `t${c}` : own);

// The rows of every customer domain, in one pass: rows[c] = { p, g, g2, g3 }.
function rowsByDomain(m) {
    const rows = Array.from({ length: m.customers }, () => ({ p: [], g: [], g2: [], g3: [] }));
    const groupsOf = Array.from({ length: m.nTenants }, () => []);
    m.groupTenant.forEach((t, g) => groupsOf[t].push(g));
    for (let c = 0; c < m.customers; ++c) {
        const dom = `t${c}`;
        const { g, g2 } = rows[c];
        for (const r of m.roomsOf[c]) {
            for (const rg of m.roomGroups[r]) g2.push([`r${r}`, `rg${rg}`]);
            g2.push([`r${r}`, dom]);
            if (m.enrolled[r]) g2.push([`r${r}`, 'live']);
        }
        // Users act in a domain through their groups: the customer's own groups here; the
        // groups of each partner serving the customer below.
        for (const sg of groupsOf[c]) for (const u of m.groupMembers[sg]) g.push([`u${u}`, `sg${sg}`, dom]);
    }
    m.relationships.forEach((rel, k) => {
        const { g, g2 } = rows[rel.customer];
        for (const sg of groupsOf[rel.partner])
            for (const u of m.groupMembers[sg]) g.push([`u${u}`, `sg${sg}`, `t${rel.customer}`]);
        if (rel.all) return;
        for (const r of rel.rooms) g2.push([`r${r}`, `rel:${k}`]);
        for (const rg of rel.roomGroups) g2.push([`rg${rg}`, `rel:${k}`]);
    });
    m.roles.forEach((role, i) => {
        for (const p of permissionNames(role.permissions)) rows[role.customer].g3.push([`ro${i}`, p]);
    });
    m.assignments.forEach((a, i) => {
        const c = m.roles[a.role].customer;
        const dom = `t${c}`;
        const { p, g, g2 } = rows[c];
        const rel = m.clipOf(a.role);
        const clip = rel === undefined ? dom : scopeNode(m.relationships[rel], c, `rel:${rel}`);
        p.push([`a${i}`, dom, `ro${a.role}`, scopeNode(a, c, `s:a${i}`), clip]);
        for (const u of a.users) g.push([`u${u}`, `a${i}`, dom]);
        for (const sg of a.groups) g.push([`sg${sg}`, `a${i}`, dom]);
        if (!a.all) {
            for (const r of a.rooms) g2.push([`r${r}`, `s:a${i}`]);
            for (const rg of a.roomGroups) g2.push([`rg${rg}`, `s:a${i}`]);
        }
    });
    return rows;
}

export async function create(m, { sharded = true } = {}) {
    const rows = rowsByDomain(m);
    const enforcers = [];
    if (sharded) {
        for (const r of rows) enforcers.push(await newEnforcer(newModelFromString(MODEL), new ArrayAdapter(r)));
    } else {
        const all = { p: [], g: [], g2: [], g3: [] };
        for (const r of rows) for (const k in all) all[k].push(...r[k]);
        const e = await newEnforcer(newModelFromString(MODEL), new ArrayAdapter(all));
        for (let c = 0; c < m.customers; ++c) enforcers.push(e);
    }
    return {
        decide(u, p, r) {
            const c = m.roomTenant[r];
            return enforcers[c].enforceSync(`u${u}`, `t${c}`, `r${r}`, PERMISSIONS[p]);
        },
        // A member change is one g row; a role edit is the difference of its g3 rows.
        async apply(change, before) {
            if (change.kind === 'member') {
                const a = m.assignments[change.assignment];
                const c = m.roles[a.role].customer;
                const sub = change.user >= 0 ? `u${change.user}` : `sg${change.group}`;
                await enforcers[c].addNamedGroupingPolicy('g', sub, `a${change.assignment}`, `t${c}`);
                return;
            }
            const c = m.roles[change.role].customer;
            const role = `ro${change.role}`;
            const was = new Set(permissionNames(before));
            const now = new Set(permissionNames(change.permissions));
            const removed = [...was].filter((p) => !now.has(p)).map((p) => [role, p]);
            const added = [...now].filter((p) => !was.has(p)).map((p) => [role, p]);
            if (removed.length) await enforcers[c].removeNamedGroupingPolicies('g3', removed);
            if (added.length) await enforcers[c].addNamedGroupingPolicies('g3', added);
        },
    };
}
