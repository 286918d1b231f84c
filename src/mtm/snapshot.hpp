#pragma once
// The compact, self-contained view of one user's access that GET /me/access returns and the
// portal evaluates locally for instant feedback. evaluate() must agree with decide() for every
// room (the property tests check that on random worlds).
#include <optional>
#include <string>
#include <vector>

#include "mtm/decide.hpp"

namespace mtm {

struct SnapshotScope {
    bool all_rooms = false;
    std::vector<std::string> room_ids;        // sorted
    std::vector<std::string> room_group_ids;  // sorted
};

struct SnapshotGrant {
    std::string role_id;
    std::string role_name;
    std::string assignment_id;
    std::string assignment_name;
};

// One (tenant, scope) with the permissions granted there.
struct AccessContext {
    std::string tenant_id;
    std::string tenant_name;
    bool via_partner = false;  // "own" | "partner"
    PermissionSet permissions;
    SnapshotScope scope;  // the assignment's scope
    std::optional<SnapshotScope>
        relationship;  // partner contexts: the customer's grant, clips `scope`
    std::vector<SnapshotGrant> grants;
};

struct AccessSnapshot {
    std::string user_id;
    std::string tenant_id;  // the user's own tenant
    std::vector<AccessContext> contexts;
};

AccessSnapshot snapshot_of(const World& w, UserIx user);

// What the portal knows of a room: enough to evaluate locally.
struct RoomFacts {
    std::string tenant_id;
    std::string room_id;
    std::vector<std::string> room_group_ids;
};

// Allowed or not for a room, from the snapshot alone (no World).
bool evaluate(const AccessSnapshot& s, Permission p, const RoomFacts& room);
// Tenant-wide actions (create room, settings, roles): any context of the tenant with p.
bool evaluate_tenant(const AccessSnapshot& s, Permission p, const std::string& tenant_id);

// Why an action is not available: the permission it needs, whether the tenant is a customer the
// caller reaches as a partner, and which built-in roles of that side would grant it (none for
// a partner when only the customer's own roles hold it). nullopt when the snapshot allows it.
struct Denial {
    Permission needed;
    bool partner = false;
    std::vector<BuiltInRole> granting;
};
std::optional<Denial> denial(const AccessSnapshot& s, Permission p, const std::string& tenant_id);

// The same in English words for a tooltip ("" when allowed). The portal words it in the UI's
// language from denial() instead.
std::string denial_reason(const AccessSnapshot& s, Permission p, const std::string& tenant_id);

}  // namespace mtm
