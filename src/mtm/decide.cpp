#include "mtm/decide.hpp"

#include <algorithm>

namespace mtm {

namespace {

// Does one grant reach the target (scope of its assignment, clipped by the relationship)?
bool grant_covers(const World& w, const Grant& g, const Target& t) {
    const Scope& scope = *g.scope;
    const Scope* clip = g.clip_scope;
    switch (t.kind) {
        case Target::Kind::tenant:
        case Target::Kind::ring:
        case Target::Kind::role:
            return true;  // tenant-wide objects: any grant in the tenant reaches them
        case Target::Kind::invitation:
            return false;  // reached by being named in it, never by a grant
        case Target::Kind::room: {
            RoomIx r{t.ix};
            return scope_covers_room(w, scope, r) && (!clip || scope_covers_room(w, *clip, r));
        }
        case Target::Kind::room_group: {
            RoomGroupIx rg{t.ix};
            return scope_covers_group(scope, rg) && (!clip || scope_covers_group(*clip, rg));
        }
        case Target::Kind::incident: {
            const Incident& inc = w.incident(IncidentIx{t.ix});
            if (inc.rooms.empty()) return scope.all_rooms && (!clip || clip->all_rooms);
            for (RoomIx r : inc.rooms)
                if (scope_covers_room(w, scope, r) && (!clip || scope_covers_room(w, *clip, r)))
                    return true;
            return false;
        }
    }
    return false;
}

// Objects that exist for nobody: unenrolled rooms, deleted groups, rings and roles.
bool exists(const World& w, const Target& t) {
    switch (t.kind) {
        case Target::Kind::room:
            return w.room(RoomIx{t.ix}).enrolled;
        case Target::Kind::room_group:
            return w.room_group(RoomGroupIx{t.ix}).alive;
        case Target::Kind::ring:
            return w.ring(RingIx{t.ix}).alive;
        case Target::Kind::role:
            return w.role(RoleIx{t.ix}).alive;
        case Target::Kind::tenant:
        case Target::Kind::incident:
        case Target::Kind::invitation:
            return true;
    }
    return false;
}

// A partner user sees only its own partner's roles for a customer; customer users see all.
bool role_visible(const World& w, UserIx principal, RoleIx r) {
    const Role& role = w.role(r);
    TenantIx home = w.user(principal).tenant;
    if (home == role.customer) return true;
    return role.side == Side::partner && role.partner == home;
}

}  // namespace

bool tenant_visible(const World& w, UserIx principal, TenantIx tenant) {
    if (w.user_tenant(principal) == tenant) return true;
    return !w.grants(principal, tenant).empty();  // partner grants exist only with a relationship
}

bool visible(const World& w, UserIx principal, const Target& t) {
    if (t.kind == Target::Kind::invitation) {
        // Only the people an invitation names see it, whatever their role.
        const std::string& upn = w.user(principal).upn;
        for (const Contact& c : w.invitation(InvitationIx{t.ix}).contacts)
            if (c.upn == upn) return true;
        return false;
    }
    if (!exists(w, t) || !tenant_visible(w, principal, t.tenant)) return false;
    switch (t.kind) {
        case Target::Kind::tenant:
        case Target::Kind::ring:
            return true;
        case Target::Kind::role:
            return role_visible(w, principal, RoleIx{t.ix});
        default:
            break;
    }
    for (const Grant& g : w.grants(principal, t.tenant))
        if (grant_covers(w, g, t)) return true;
    return false;
}

Decision decide(const World& w, UserIx principal, Permission permission, const Target& t) {
    Decision d;
    d.permission = permission;
    if (!exists(w, t) || !tenant_visible(w, principal, t.tenant)) return d;  // not visible
    if (t.kind == Target::Kind::role && !role_visible(w, principal, RoleIx{t.ix})) return d;

    bool seen = t.kind == Target::Kind::tenant || t.kind == Target::Kind::ring ||
                t.kind == Target::Kind::role;
    for (const Grant& g : w.grants(principal, t.tenant)) {
        if (!grant_covers(w, g, t)) continue;
        seen = true;
        if (g.permissions.has(permission)) {
            d.outcome = Outcome::allowed;
            d.role = g.role;
            d.assignment = g.assignment;
            return d;
        }
    }
    d.outcome = seen ? Outcome::forbidden : Outcome::not_visible;
    return d;
}

Scope visible_scope(const World& w, UserIx principal, TenantIx tenant, const Scope& scope) {
    Scope out;
    out.all_rooms = scope.all_rooms;
    for (RoomIx r : scope.rooms)
        if (w.room(r).tenant == tenant && visible(w, principal, Target::of(w, r)))
            out.rooms.push_back(r);
    for (RoomGroupIx g : scope.room_groups)
        if (w.room_group(g).tenant == tenant && visible(w, principal, Target::of(w, g)))
            out.room_groups.push_back(g);
    return out;
}

std::vector<RoleIx> roles_in_context(const World& w, UserIx principal, TenantIx tenant) {
    std::vector<RoleIx> out;
    TenantIx home = w.user(principal).tenant;
    for (RoleIx r : w.roles_of(tenant)) {
        const Role& role = w.role(r);
        if (!role.alive) continue;
        bool mine = home == tenant ? role.side == Side::customer
                                   : role.side == Side::partner && role.partner == home;
        if (mine) out.push_back(r);
    }
    return out;
}

Explanation explain(const World& w, UserIx principal, const Decision& d, const Target& t) {
    Explanation e;
    std::string perm(to_id(d.permission));
    switch (d.outcome) {
        case Outcome::allowed: {
            const Role& role = w.role(d.role);
            const Assignment& a = w.assignment(d.assignment);
            e.text = "Allowed: " + perm + " is granted by role '" + role.name + "' (assignment '" +
                     a.name + "')";
            break;
        }
        case Outcome::forbidden: {
            for (RoleIx r : roles_in_context(w, principal, t.tenant))
                if (w.role(r).permissions.has(d.permission)) e.would_grant.push_back(r);
            e.text = "This needs the permission " + perm;
            if (e.would_grant.empty()) {
                e.text += ", which no role available here grants";
            } else {
                e.text += ", granted by ";
                for (std::size_t i = 0; i < e.would_grant.size(); ++i) {
                    if (i) e.text += i + 1 == e.would_grant.size() ? " or " : ", ";
                    e.text += "'" + w.role(e.would_grant[i]).name + "'";
                }
            }
            break;
        }
        case Outcome::not_visible:
            e.text = "Not found, or outside the rooms you may manage";
            break;
    }
    return e;
}

}  // namespace mtm
