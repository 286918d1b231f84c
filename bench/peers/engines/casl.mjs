// CASL (npm @casl/ability): one Ability per user, built from rules the application computes.
//
// Encoding, for each assignment reaching the user (directly or through a group), with its
// role's permissions as the actions and rooms as plain objects { id, tenant, groups, enrolled }:
//   all rooms     can(perms, 'Room', { tenant: 't3', enrolled: true })
//   room groups   can(perms, 'Room', { groups: { $in: ['rg1', …] }, enrolled: true })
//   rooms         can(perms, 'Room', { id: { $in: ['r5', …] }, enrolled: true })
// (a scope of rooms and room groups is two rules). CASL's conditions have no "and" across
// two scopes (its Mongo subset has no $and/$or), so the relationship's clip of a partner user's
// grants cannot sit in the same rule; it becomes one inverted rule per (user, customer), after
// the can-rules so that it wins:
//   cannot(all permissions, 'Room',
//          { tenant: 't3', id: { $nin: [clip rooms] }, groups: { $nin: [clip room groups] } })
// i.e. "a room of this customer that is neither listed in nor in a group of the relationship's
// scope". That is exact because every grant a partner user holds in a customer comes from that
// one relationship. CASL has no membership or role indirection either: the rules are computed
// per user, so a change is "recompute the rules of every user it touches and update()".
import { createMongoAbility } from '@casl/ability';
import { installedVersion } from '../pkgversion.mjs';
import { PERMISSIONS, permissionNames } from '../model.mjs';

export const name = 'casl';
export const version = () => `@casl/ability ${installedVersion('@casl/ability')}`;

const detectSubjectType = () => 'Room';

export function rulesFor(m, u) {
    const can = [];
    const clipped = new Map();  // customer → relationship, for partner grants
    for (const a of m.assignmentsOf(u)) {
        const asg = m.assignments[a];
        const role = m.roles[asg.role];
        const action = permissionNames(role.permissions);
        if (!action.length) continue;
        if (asg.all) {
            can.push({ action, subject: 'Room', conditions: { tenant: `t${role.customer}`, enrolled: true } });
        } else {
            if (asg.roomGroups.length)
                can.push({ action, subject: 'Room',
                    conditions: { groups: { $in: asg.roomGroups.map((g) => `rg${g}`) }, enrolled: true } });
            if (asg.rooms.length)
                can.push({ action, subject: 'Room',
                    conditions: { id: { $in: asg.rooms.map((r) => `r${r}`) }, enrolled: true } });
        }
        const rel = m.clipOf(asg.role);
        if (rel !== undefined) clipped.set(role.customer, rel);
    }
    const cannot = [];
    for (const [c, k] of clipped) {
        const rel = m.relationships[k];
        if (rel.all) continue;
        const conditions = { tenant: `t${c}` };
        if (rel.rooms.length) conditions.id = { $nin: rel.rooms.map((r) => `r${r}`) };
        if (rel.roomGroups.length) conditions.groups = { $nin: rel.roomGroups.map((g) => `rg${g}`) };
        cannot.push({ action: PERMISSIONS, subject: 'Room', inverted: true, conditions });
    }
    return can.concat(cannot);
}

export function create(m) {
    const rooms = m.roomTenant.map((c, r) => ({
        id: `r${r}`, tenant: `t${c}`, groups: m.roomGroups[r].map((g) => `rg${g}`),
        enrolled: m.enrolled[r] === 1,
    }));
    const abilities = m.userTenant.map((_, u) => createMongoAbility(rulesFor(m, u), { detectSubjectType }));
    return {
        decide(u, p, r) {
            return abilities[u].can(PERMISSIONS[p], rooms[r]);
        },
        apply(change, before, touched) {
            for (const u of touched) abilities[u].update(rulesFor(m, u));
        },
    };
}
