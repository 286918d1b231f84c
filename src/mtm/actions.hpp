#pragma once
// The action catalogue: every operation of the API declared once — what it acts on, which
// permission it needs there, which membership facts, what ids in its body must satisfy — and
// the two functions that decide it: on the World (the service) and on the /me/access snapshot
// (the portal). Both answer with the same outcome and the same reason, so a control the portal
// disables is exactly a request the service refuses, and the words match.
//
// decide() (decide.hpp) answers per *permission*; an action is what a person asks for. Handlers
// and views ask about actions and never name a permission themselves.
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mtm/decide.hpp"
#include "mtm/result.hpp"
#include "mtm/snapshot.hpp"

namespace mtm {

enum class Action : std::uint8_t {
    // rooms, room groups, update rings, reports of a tenant
    list_rooms,
    read_room,
    create_room,
    modify_room,
    reset_room_key,
    download_room_key,
    unenroll_room,
    list_room_groups,
    read_room_group,
    create_room_group,
    modify_room_group,
    list_rings,
    create_ring,
    modify_ring,
    delete_ring,
    move_rooms_to_ring,
    read_reports,
    // incidents
    list_incidents,
    read_incident,
    create_incident,
    modify_incident,
    reply_to_incident,
    close_incident,
    // settings and audit
    read_settings,
    modify_settings,
    read_audit,
    // roles and assignments
    list_roles,
    read_role,
    create_role,
    modify_role,
    delete_role,
    create_assignment,
    modify_assignment,
    delete_assignment,
    read_access_matrix,
    // the customer's side of partner relationships (always in the caller's own tenant)
    list_partners,
    invite_partner,
    add_invitation_contacts,
    revoke_invitation,
    modify_partner,
    remove_partner,
    // the partner's side
    list_invitations,
    accept_invitation,
    deny_invitation,
    list_customers,
    remove_customer,
    // identity
    read_me,
    read_directory,
};
inline constexpr std::size_t kActionCount = static_cast<std::size_t>(Action::read_directory) + 1;

// A membership fact an action needs besides (or instead of) a permission.
enum class Membership : std::uint8_t {
    none,
    own_tenant,      // the caller acts in its own organisation only (customer-side partner admin)
    own_mmr_admin,   // a member of the MMR Admin role of the caller's own organisation
    primary_admins,  // a partner user in that customer's Primary admins
    role_editor,     // the role is the caller's side's: customers edit their own roles, partners
                     // theirs
    role_deleter,    // role_editor, and a customer may also delete a partner's custom roles
    listed_contact,  // an invitation that names the caller
};

// What the action acts on: the object in its path (or the tenant itself).
enum class TargetKind : std::uint8_t {
    none,  // the caller itself (me, directory, lists of mine)
    tenant,
    room,
    room_group,
    ring,
    incident,
    role,
    invitation,
};

// What every id a request *body* names must satisfy.
enum class BodyRule : std::uint8_t {
    none,
    rooms,          // each room id: visible, and `body_permission` on that room
    group_changes,  // each room group added to or removed from a room: `body_permission` on it;
                    // groups the caller cannot see are kept as they are
    scope,          // a scope's rooms and groups: visible to the caller
};

struct ActionSpec {
    Action action;
    std::string_view id;      // "rooms.moveToRing": the audit's and the docs' name
    std::string_view method;  // the API route, relative to /api/v1
    std::string_view path;
    TargetKind target;
    std::optional<Permission> permission;  // needed on the target
    Membership membership = Membership::none;
    BodyRule body = BodyRule::none;
    std::optional<Permission> body_permission;  // for BodyRule::rooms and group_changes
    bool mutates = false;
    std::string_view reveals;  // what the response may contain, for the docs and reviewers
};

const std::array<ActionSpec, kActionCount>& actions();
const ActionSpec& spec(Action a);

// Why an action is refused. The same reasons on the World and on the snapshot.
enum class Refusal : std::uint8_t {
    none,
    not_visible,         // no such object for this caller: answered exactly as a random id
    missing_permission,  // `missing` names it; `granting` the built-in roles that hold it
    not_primary_admin,   // only the customer's Primary admins may do this
    not_role_owner,      // a role of the other side
    mfa_required,        // the customer requires partner users to sign in with MFA
};

struct ActionDecision {
    Outcome outcome = Outcome::not_visible;
    Refusal refusal = Refusal::not_visible;
    Permission missing{};               // missing_permission
    bool partner = false;               // the tenant is a customer the caller reaches as a partner
    std::vector<BuiltInRole> granting;  // built-in roles of the caller's side holding `missing`
    RoleIx role;  // allowed through a permission: the granting role and assignment
    AssignmentIx assignment;

    bool allowed() const { return outcome == Outcome::allowed; }
};

// The object of an action on the World.
Target target_of(const World& w, Action a, TenantIx tenant, std::uint32_t ix = 0);

// `sign_in`: how the caller signed in. A customer that requires partner MFA answers a partner
// user without it with Refusal::mfa_required on its resources (/tenants/{tid}/…), for every
// object the user could otherwise see.
ActionDecision decide(const World& w, UserIx user, Action a, const Target& target, SignIn sign_in);
// Whether the customer's MFA condition refuses this partner user's session there at all: the
// tenant-wide form of the rule above (aggregate lists leave such customers out).
bool mfa_refuses(const World& w, UserIx user, TenantIx tenant, SignIn sign_in);

// Body rule `rooms`: every room the body names is visible (else a 422 for that field, exactly as
// for an id that does not exist) and the action's body permission holds on it (else 403).
struct BodyRooms {
    std::vector<RoomIx> rooms;        // resolved, sorted, unique
    std::vector<FieldIssue> unknown;  // ids that name no room the caller can see
    std::optional<ActionDecision> refused;
};
BodyRooms check_body_rooms(const World& w, UserIx user, Action a, TenantIx tenant,
                           const std::vector<std::string>& ids, const std::string& field);

// Body rule `group_changes`: a room's groups as the caller asks for them (`wanted`, ids), merged
// with the groups it cannot see (kept), and groups.modify checked on every group added or removed.
struct GroupChange {
    std::vector<RoomGroupIx> groups;  // the room's new groups
    std::vector<FieldIssue> unknown;
    std::optional<ActionDecision> refused;
};
GroupChange check_group_change(const World& w, UserIx user, Action a, TenantIx tenant,
                               const std::vector<RoomGroupIx>& current,
                               const std::vector<std::string>& wanted, const std::string& field);

// Membership facts, shared by decide() and snapshot_of().
bool is_primary_admin(const World& w, UserIx user, TenantIx customer);
bool is_own_mmr_admin(const World& w, UserIx user);

// --- the same on the /me/access snapshot (the portal) ------------------------------------------
struct RoleFacts {
    bool partner_side = false;
    std::string partner_tenant_id;  // partner roles
    bool built_in = false;
};

struct SnapshotTarget {
    std::string tenant_id;
    std::optional<RoomFacts> room;  // room targets (and incidents: one of their rooms)
    std::optional<RoleFacts> role;  // role targets
};

ActionDecision decide(const AccessSnapshot& s, Action a, const SnapshotTarget& target);
// Body rule `rooms` on the snapshot: the first room the action may not take, as a refusal.
ActionDecision decide_rooms(const AccessSnapshot& s, Action a, const std::string& tenant_id,
                            std::span<const RoomFacts> rooms);

// The refusal in English, as the service words it in problem details and the audit log ("" when
// allowed). The portal words the same facts in the UI's language.
std::string reason_text(const ActionDecision& d);

}  // namespace mtm
