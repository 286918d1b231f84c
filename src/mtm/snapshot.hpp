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
    // The effective scope: what the caller actually reaches, the assignment's scope already
    // clipped by the customer's grant to the partner (API.md: `scope`).
    SnapshotScope scope;
    std::vector<SnapshotGrant> grants;
};

// Per tenant of the snapshot: the membership facts actions need besides permissions.
struct AccessFacts {
    std::string tenant_id;
    bool primary_admin = false;      // partner users: in that customer's Primary admins
    bool own_mmr_admin = false;      // own tenant: an MMR Admin (reads the audit log)
    bool relationship = false;       // partner contexts: a live relationship with that customer
    // Partner contexts: the customer requires a multi-factor sign-in of partner users, and
    // whether this session's sign-in shows one.
    bool mfa_required = false;
    bool mfa_satisfied = false;
};

struct AccessSnapshot {
    std::string user_id;
    std::string tenant_id;  // the user's own tenant
    std::vector<AccessContext> contexts;
    std::vector<AccessFacts> facts;  // one per tenant of `contexts`
};

// How the caller signed in, as far as decisions depend on it (not on who the caller is).
struct SignIn {
    bool mfa = false;  // the token shows a multi-factor sign-in
};

AccessSnapshot snapshot_of(const World& w, UserIx user, SignIn sign_in);

// What the portal knows of a room: enough to evaluate locally.
struct RoomFacts {
    std::string tenant_id;
    std::string room_id;
    std::vector<std::string> room_group_ids;
};

// Whether a snapshot scope reaches the room.
bool covers(const SnapshotScope& s, const RoomFacts& room);

// Allowed or not for a room, from the snapshot alone (no World).
bool evaluate(const AccessSnapshot& s, Permission p, const RoomFacts& room);
// Tenant-wide actions (create room, settings, roles): any context of the tenant with p.
bool evaluate_tenant(const AccessSnapshot& s, Permission p, const std::string& tenant_id);

}  // namespace mtm
