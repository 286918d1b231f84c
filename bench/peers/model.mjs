// The integrator's side for the JS peers: the generated world read back, with the indexes any
// application keeps next to a policy engine (who is in which group, which assignments name a
// user or group, which rooms a tenant has). Every peer engine is built from this, so its cost
// is common to all of them and not counted as any engine's memory or load time.
import fs from 'node:fs';
import path from 'node:path';
import { PERMISSIONS } from './generate.mjs';

export { PERMISSIONS };

export function loadFiles(dir) {
    const world = JSON.parse(fs.readFileSync(path.join(dir, 'world.json'), 'utf8'));
    const requests = JSON.parse(fs.readFileSync(path.join(dir, 'requests.json'), 'utf8'));
    return { world, requests };
}

export function permissionNames(bits) {
    const out = [];
    for (let i = 0; i < PERMISSIONS.length; ++i) if ((bits >> i) & 1) out.push(PERMISSIONS[i]);
    return out;
}

export class Model {
    constructor(world) {
        this.w = world;
        const nUsers = world.users.tenant.length;
        const nGroups = world.groups.tenant.length;
        this.nTenants = world.tenants.partner.length;
        this.customers = world.tenants.partner.filter((p) => !p).length;
        this.userTenant = world.users.tenant;
        this.roomTenant = world.rooms.tenant;
        this.roomGroups = world.rooms.groups;
        this.enrolled = world.rooms.enrolled;
        this.roles = world.roles;
        this.assignments = world.assignments;
        this.relationships = world.relationships;
        this.groupMembers = world.groups.members;
        this.groupTenant = world.groups.tenant;
        this.userGroups = Array.from({ length: nUsers }, () => []);
        this.groupMembers.forEach((ms, g) => ms.forEach((u) => this.userGroups[u].push(g)));
        this.userDirect = Array.from({ length: nUsers }, () => []);
        this.groupAssignments = Array.from({ length: nGroups }, () => []);
        this.roleAssignments = world.roles.map(() => []);
        this.assignments.forEach((a, i) => this.indexAssignment(a, i));
        this.relOf = new Map();  // customer * nTenants + partner → relationship
        this.relationships.forEach((r, i) => this.relOf.set(r.customer * this.nTenants + r.partner, i));
        // Partner tenants' relationships, and the customers each partner serves.
        this.customersOfPartner = Array.from({ length: this.nTenants }, () => []);
        this.relationships.forEach((r) => this.customersOfPartner[r.partner].push(r.customer));
        this.roomsOf = Array.from({ length: this.customers }, () => []);
        this.roomTenant.forEach((c, r) => this.roomsOf[c].push(r));
    }

    indexAssignment(a, i) {
        a.users.forEach((u) => this.userDirect[u].push(i));
        a.groups.forEach((g) => this.groupAssignments[g].push(i));
        this.roleAssignments[a.role].push(i);
    }

    // The relationship clipping a role's grants (partner roles), or undefined.
    clipOf(role) {
        const r = this.roles[role];
        if (r.partner < 0) return undefined;
        return this.relOf.get(r.customer * this.nTenants + r.partner);
    }

    // Every assignment reaching a user, directly or through a group (deduplicated).
    assignmentsOf(u) {
        const out = new Set(this.userDirect[u]);
        for (const g of this.userGroups[u]) for (const a of this.groupAssignments[g]) out.add(a);
        return [...out];
    }

    // The users an assignment reaches.
    membersOf(a) {
        const asg = this.assignments[a];
        const out = new Set(asg.users);
        for (const g of asg.groups) for (const u of this.groupMembers[g]) out.add(u);
        return [...out];
    }

    // Applies a change to the application's data; returns the users whose access it touches.
    apply(change) {
        if (change.kind === 'member') {
            const a = this.assignments[change.assignment];
            if (change.user >= 0) {
                a.users.push(change.user);
                this.userDirect[change.user].push(change.assignment);
                return [change.user];
            }
            a.groups.push(change.group);
            this.groupAssignments[change.group].push(change.assignment);
            return this.groupMembers[change.group];
        }
        this.roles[change.role].permissions = change.permissions;
        const touched = new Set();
        for (const a of this.roleAssignments[change.role])
            for (const u of this.membersOf(a)) touched.add(u);
        return [...touched];
    }
}
