// Cedar (npm @cedar-policy/cedar-wasm): the reference for correctness.
//
// Encoding:
// - One static policy per assignment, in a policy set per customer tenant (a "policy store per
//   tenant", as multi-tenant Cedar deployments keep them), preparsed once with
//   preparsePolicySet and evaluated with statefulIsAuthorized (4.x's stateful API: the policies
//   are not re-sent or re-parsed per call):
//     permit (principal in MTM::Assignment::"a7",
//             action in [MTM::Action::"rooms.view", …the role's permissions],
//             resource is MTM::Room)
//     when { resource.enrolled && resource in <scope> && resource in <relationship scope> };
//   <scope> is MTM::Tenant::"t3" (all rooms) or a set of MTM::RoomGroup / MTM::Room entities;
//   the relationship clause exists only for partner roles.
// - Membership is the entity hierarchy: User → its Groups and its direct Assignments,
//   Group → its Assignments; Room → its RoomGroups and its Tenant, with attribute `enrolled`.
// - Entities are passed per call (Cedar has no entity store): the request's slice — the user,
//   the user's groups and the room — built per call from the application's data.
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { PERMISSIONS, permissionNames } from '../model.mjs';
import { installedVersion } from '../pkgversion.mjs';

const uid = (type, id) => ({ type: `MTM::${type}`, id });
const ref = (type, id) => `MTM::${type}::"${id}"`;

export const name = 'cedar';
export const version = () => `@cedar-policy/cedar-wasm ${installedVersion('@cedar-policy/cedar-wasm')} (Cedar ${cedar.getCedarVersion()})`;

function scopeExpr(scope, customer) {
    if (scope.all) return ref('Tenant', `t${customer}`);
    const items = [
        ...scope.roomGroups.map((g) => ref('RoomGroup', `rg${g}`)),
        ...scope.rooms.map((r) => ref('Room', `r${r}`)),
    ];
    return `[${items.join(', ')}]`;
}

export function policyText(m, a) {
    const asg = m.assignments[a];
    const role = m.roles[asg.role];
    const actions = permissionNames(role.permissions).map((p) => ref('Action', p)).join(', ');
    let when = `resource.enrolled && resource in ${scopeExpr(asg, role.customer)}`;
    const rel = m.clipOf(asg.role);
    if (rel !== undefined) when += ` && resource in ${scopeExpr(m.relationships[rel], role.customer)}`;
    return `permit (principal in ${ref('Assignment', `a${a}`)}, action in [${actions}], ` +
        `resource is MTM::Room) when { ${when} };`;
}

export function create(m) {
    const policiesOf = Array.from({ length: m.customers }, () => ({}));
    m.assignments.forEach((asg, a) => {
        policiesOf[m.roles[asg.role].customer][`a${a}`] = policyText(m, a);
    });
    const preparse = (c) => {
        const r = cedar.preparsePolicySet(`t${c}`, { staticPolicies: policiesOf[c] });
        if (r.type !== 'success') throw new Error(`cedar: policies of t${c}: ${JSON.stringify(r.errors)}`);
    };
    for (let c = 0; c < m.customers; ++c) preparse(c);

    // The request's entity slice, built per call from the application's data (as an
    // application reading its store would): the user, the user's groups, the room.
    const user = (u) => ({
        uid: uid('User', `u${u}`), attrs: {},
        parents: [
            ...m.userGroups[u].map((g) => uid('Group', `sg${g}`)),
            ...m.userDirect[u].map((a) => uid('Assignment', `a${a}`)),
        ],
    });
    const group = (g) => ({
        uid: uid('Group', `sg${g}`), attrs: {},
        parents: m.groupAssignments[g].map((a) => uid('Assignment', `a${a}`)),
    });
    const room = (r) => ({
        uid: uid('Room', `r${r}`), attrs: { enrolled: m.enrolled[r] === 1 },
        parents: [...m.roomGroups[r].map((g) => uid('RoomGroup', `rg${g}`)), uid('Tenant', `t${m.roomTenant[r]}`)],
    });
    const actions = PERMISSIONS.map((p) => uid('Action', p));
    const call = {
        principal: null, action: null, resource: null, context: {},
        preparsedPolicySetId: '', entities: null,
    };
    return {
        decide(u, p, r) {
            const principal = user(u);
            const resource = room(r);
            const entities = [principal, resource];
            for (const g of m.userGroups[u]) entities.push(group(g));
            call.principal = principal.uid;
            call.action = actions[p];
            call.resource = resource.uid;
            call.preparsedPolicySetId = `t${m.roomTenant[r]}`;
            call.entities = entities;
            const ans = cedar.statefulIsAuthorized(call);
            if (ans.type !== 'success') throw new Error(`cedar: ${JSON.stringify(ans.errors)}`);
            if (ans.response.diagnostics.errors.length)
                throw new Error(`cedar: ${JSON.stringify(ans.response.diagnostics.errors)}`);
            return ans.response.decision === 'allow';
        },
        // A member change is in the application's data already (the next call's slice carries
        // it); a role edit rewrites the policies of the role's assignments (their actions are
        // inlined) and re-preparses that tenant's policy set.
        apply(change) {
            if (change.kind === 'member') return;
            const c = m.roles[change.role].customer;
            for (const a of m.roleAssignments[change.role]) policiesOf[c][`a${a}`] = policyText(m, a);
            preparse(c);
        },
    };
}
