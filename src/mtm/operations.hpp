#pragma once
// The commands of the MTM model: each checks its input and the model's rules (validation,
// state machine, the Primary admins invariant), then changes the World — or refuses with an
// Error and changes nothing. Who may issue a command is decide()'s business, checked by the
// caller (src/trm) before calling these.
//
// Time and ids are injected (now, IdSource), so every command is deterministic under test.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mtm/result.hpp"
#include "mtm/validation.hpp"
#include "mtm/world.hpp"

namespace mtm {

using IdSource = std::function<std::string()>;

inline constexpr Time kDay = 24 * 60 * 60;

// --- set-up of a tenant ---------------------------------------------------------------------
// The customer's built-in roles (MMR Admin, Site Lead, Site Tech) and update rings (Staging,
// General, Executive). Every tenant gets them: any tenant may be a customer.
void add_builtin_customer_roles(World& w, TenantIx tenant, const IdSource& ids);
void add_builtin_rings(World& w, TenantIx tenant, const IdSource& ids);
std::optional<RoleIx> builtin_role(const World& w, TenantIx tenant, BuiltInRole which);
std::optional<RingIx> default_ring(const World& w, TenantIx tenant);  // "General"

// --- invitations and relationships (PRODUCT.md §3) ------------------------------------------
struct ContactDraft {
    std::string name;
    std::string upn;
};

struct InvitationDraft {
    std::string partner_domain;
    std::vector<ContactDraft> contacts;
    ScopeDraft scope;
    int expires_in_days = 0;
    std::string approval = "auto";
    bool terms_accepted = false;
    std::string note;
};

// A new invitation supersedes (revokes) the customer's earlier pending invitations to the same
// partner: the relationship's scope is always the customer's latest decision. `viewer`: the
// author, whose unseen rooms count as unknown ids.
Result<InvitationIx> invite_partner(World& w, TenantIx customer, const InvitationDraft& draft,
                                    Time now, const IdSource& ids,
                                    std::optional<UserIx> viewer = {});
Status add_contacts(World& w, InvitationIx inv, const std::vector<ContactDraft>& contacts,
                    Time now);
Status revoke_invitation(World& w, InvitationIx inv, Time now);
InvitationState invitation_state(const Invitation& inv, Time now);
// The contact entry of `user` in the invitation, or nullptr when the user is not listed.
const Contact* contact_of(const World& w, const Invitation& inv, UserIx user);

// First acceptance creates the relationship and the customer's Primary admins role for the
// partner; every acceptance makes the user a member of it.
Result<RelationshipIx> accept_invitation(World& w, InvitationIx inv, UserIx user, Time now,
                                         const IdSource& ids);
Status deny_invitation(World& w, InvitationIx inv, UserIx user, Time now);
// Ends the relationship from either side: partner roles deleted, pending invitations between
// the two revoked. The one change allowed to leave Primary admins empty.
void end_relationship(World& w, RelationshipIx rel);
// The customer changes a live relationship (PATCH /partners/{id}): its scope (partner access
// narrows at once; pending invitations can no longer widen it) and its change approval.
struct RelationshipPatch {
    std::optional<ScopeDraft> scope;
    std::optional<std::string> approval;
};
Status update_relationship(World& w, RelationshipIx rel, const RelationshipPatch& patch,
                           std::optional<UserIx> viewer = {});

// --- roles and assignments (PRODUCT.md §2) --------------------------------------------------
struct RoleDraft {
    std::string name;
    std::string description;
    std::vector<std::string> permissions;  // catalogue ids
};
struct RolePatch {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<std::vector<std::string>> permissions;
};
struct MemberDraft {
    std::string type;  // "user" | "group"
    std::string id;
};
struct AssignmentDraft {
    std::string name;
    std::string description;
    bool email_notifications = false;
    std::vector<MemberDraft> members;
    ScopeDraft scope;
};
struct AssignmentPatch {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<bool> email_notifications;
    std::optional<std::vector<MemberDraft>> members;
    std::optional<ScopeDraft> scope;
};

// What a custom role on `side` may hold: any permission for a customer's own roles; for a
// partner's roles only those of Primary admins (a partner delegates within what the customer
// gave it — never settings, key resets, enrollment, …). The portal greys out the rest.
PermissionSet custom_role_ceiling(Side side);

// side/partner: a customer's own role (Side::customer), or a partner's role for that customer.
Result<RoleIx> create_role(World& w, TenantIx customer, Side side, TenantIx partner,
                           const RoleDraft& draft, const IdSource& ids);
Status update_role(World& w, RoleIx role, const RolePatch& patch);
Status delete_role(World& w, RoleIx role);
Result<AssignmentIx> add_assignment(World& w, RoleIx role, const AssignmentDraft& draft,
                                    const IdSource& ids, std::optional<UserIx> viewer = {});
Status update_assignment(World& w, AssignmentIx a, const AssignmentPatch& patch,
                         std::optional<UserIx> viewer = {});
Status delete_assignment(World& w, AssignmentIx a);
// A change of a security group's members (the partner's directory) can empty Primary admins too.
Status set_security_group_members(World& w, GroupIx group, std::vector<UserIx> members);

// --- rooms, room groups, update rings (PRODUCT.md §1, §6) -----------------------------------
struct RoomDraft {
    std::string display_name;
    std::string site;
    std::string country;
    std::vector<std::string> room_group_ids;
};
struct RoomPatch {
    std::optional<std::string> display_name;
    std::optional<std::string> site;
    std::optional<std::string> update_ring_id;
    std::optional<std::vector<std::string>> room_group_ids;
};
Result<RoomIx> enroll_room(World& w, TenantIx tenant, const RoomDraft& draft, const IdSource& ids,
                           const IdSource& keys);
Status update_room(World& w, RoomIx room, const RoomPatch& patch);
Status reset_room_key(World& w, RoomIx room, const IdSource& keys);
Status unenroll_room(World& w, RoomIx room);

Result<RoomGroupIx> create_room_group(World& w, TenantIx tenant, const std::string& name,
                                      const std::vector<std::string>& room_ids,
                                      const IdSource& ids);
Status update_room_group(World& w, RoomGroupIx group, const std::optional<std::string>& name,
                         const std::optional<std::vector<std::string>>& room_ids);
std::vector<RoomIx> rooms_in_group(const World& w, RoomGroupIx group);

struct RingDraft {
    std::string name;
    std::string description;
    int order = 0;
    int rollout_days = 0;
    int test_days = 0;
};
struct RingPatch {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<int> order;
    std::optional<int> rollout_days;
    std::optional<int> test_days;
};
Result<RingIx> create_ring(World& w, TenantIx tenant, const RingDraft& draft, const IdSource& ids);
Status update_ring(World& w, RingIx ring, const RingPatch& patch);
Status delete_ring(World& w, RingIx ring);  // its rooms move to General
Status move_rooms_to_ring(World& w, RingIx ring, const std::vector<std::string>& room_ids);
int ring_window_days(const World& w, TenantIx tenant);  // rollout + test over all rings
// The 60-day rule (PRODUCT.md §6) on plain numbers, so the portal checks a draft exactly as the
// service will: `others` is rollout + test over every other ring.
struct RingBudget {
    int total = 0;  // days with the draft
    bool fits = true;
};
RingBudget ring_budget(int others, int rollout_days, int test_days);

// --- incidents (PRODUCT.md §5) ----------------------------------------------------------------
struct IncidentDraft {
    std::vector<std::string> room_ids;
    std::string title;
    std::string description;
    bool high_impact = false;
    std::string justification;
    std::string type = "other";
};
struct IncidentPatch {
    std::optional<std::string> title;
    std::optional<std::string> state;
    std::optional<std::string> severity;
};
// "Record an issue": a customer- or partner-recorded incident; its rooms show Unhealthy until
// it closes.
Result<IncidentIx> record_incident(World& w, TenantIx tenant, const IncidentDraft& draft,
                                   const std::string& author, Time now, const IdSource& ids);
Status update_incident(World& w, IncidentIx inc, const IncidentPatch& patch, Time now);
Status add_incident_message(World& w, IncidentIx inc, const std::string& text,
                            bool assign_to_service, const std::string& author, Time now);
Status close_incident(World& w, IncidentIx inc, const std::string& reason, Time now);
// A room's health, given its open incidents: Important or a recorded issue → Unhealthy.
Health effective_health(const World& w, RoomIx room);

// --- the invariant ----------------------------------------------------------------------------
// Members (users, directly or via groups) of the Primary admins role of a relationship.
std::vector<UserIx> primary_admins(const World& w, RelationshipIx rel);

}  // namespace mtm
