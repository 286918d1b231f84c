#pragma once
// decide(): may this user do this to that? The one policy function, used by the portal for
// instant feedback and by the service to re-check every request.
//
// Three outcomes, because the API answers them differently: allowed; forbidden (the caller can
// see the target but lacks the permission: 403, and we say which roles would grant it); and
// not visible (another tenant, out of scope, or no such thing for this caller: 404, so that
// the existence of rooms outside a partner's scope never leaks).
#include <string>
#include <vector>

#include "mtm/world.hpp"

namespace mtm {

struct Target {
    enum class Kind : std::uint8_t { tenant, room, room_group, ring, incident, role, invitation };
    Kind kind = Kind::tenant;
    std::uint32_t ix = 0;
    TenantIx tenant;  // the tenant the target belongs to

    static Target of(TenantIx t) { return {Kind::tenant, t.v, t}; }
    static Target of(const World& w, RoomIx r) { return {Kind::room, r.v, w.room(r).tenant}; }
    static Target of(const World& w, RoomGroupIx g) {
        return {Kind::room_group, g.v, w.room_group(g).tenant};
    }
    static Target of(const World& w, RingIx r) { return {Kind::ring, r.v, w.ring(r).tenant}; }
    static Target of(const World& w, IncidentIx i) {
        return {Kind::incident, i.v, w.incident(i).tenant};
    }
    static Target of(const World& w, RoleIx r) { return {Kind::role, r.v, w.role(r).customer}; }
};

enum class Outcome : std::uint8_t { allowed, forbidden, not_visible };

struct Decision {
    Outcome outcome = Outcome::not_visible;
    Permission permission{};
    // When allowed: the role and assignment that grant it (the first, in assignment order).
    RoleIx role;
    AssignmentIx assignment;

    bool allowed() const { return outcome == Outcome::allowed; }
};

Decision decide(const World& w, UserIx principal, Permission permission, const Target& target);

// Can the principal see the target at all (any permission)? Lists use this to filter.
bool visible(const World& w, UserIx principal, const Target& target);

// The user's own tenant, or a customer whose relationship gives the user at least one grant.
bool tenant_visible(const World& w, UserIx principal, TenantIx tenant);

// A decision in words, for tooltips, problem details and the audit log.
struct Explanation {
    std::string text;
    std::vector<RoleIx> would_grant;  // forbidden: roles of that context holding the permission
};
Explanation explain(const World& w, UserIx principal, const Decision& d, const Target& target);

// The part of `scope` the principal can see (rooms and groups it may reach at all), for
// responses: no response names an id its reader cannot see.
Scope visible_scope(const World& w, UserIx principal, TenantIx tenant, const Scope& scope);

// The roles a principal could be given in `tenant` (the context's catalogue of roles): a
// customer's own roles for its users, the partner's roles for that customer for partner users.
std::vector<RoleIx> roles_in_context(const World& w, UserIx principal, TenantIx tenant);

}  // namespace mtm
