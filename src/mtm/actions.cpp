#include "mtm/actions.hpp"

#include <algorithm>

#include "mtm/validation.hpp"

namespace mtm {

namespace {

using P = Permission;
using M = Membership;
using T = TargetKind;
using B = BodyRule;

// The catalogue, in the order of the Action enum (checked at start-up by a unit test and by
// the static_assert on its size). Paths are API.md's, relative to /api/v1.
constexpr std::array<ActionSpec, kActionCount> kActions{{
    {Action::list_rooms,
     "rooms.list",
     "GET",
     "/tenants/{tid}/rooms",
     T::tenant,
     P::rooms_view,
     M::none,
     B::none,
     {},
     false,
     "rooms the caller may view; their visible room groups"},
    {Action::read_room,
     "rooms.read",
     "GET",
     "/tenants/{tid}/rooms/{id}",
     T::room,
     P::rooms_view,
     M::none,
     B::none,
     {},
     false,
     "the room; only room groups the caller can see"},
    {Action::create_room, "rooms.create", "POST", "/tenants/{tid}/rooms", T::tenant,
     P::rooms_create, M::none, B::group_changes, P::groups_modify, true, "the new room"},
    {Action::modify_room, "rooms.modify", "PATCH", "/tenants/{tid}/rooms/{id}", T::room,
     P::rooms_modify, M::none, B::group_changes, P::groups_modify, true,
     "the room; groups the caller cannot see are kept and not listed"},
    {Action::reset_room_key,
     "rooms.resetKey",
     "POST",
     "/tenants/{tid}/rooms/{id}/reset-key",
     T::room,
     P::rooms_reset_key,
     M::none,
     B::none,
     {},
     true,
     "the room"},
    {Action::download_room_key,
     "rooms.downloadKey",
     "GET",
     "/tenants/{tid}/rooms/{id}/key",
     T::room,
     P::rooms_download_key,
     M::none,
     B::none,
     {},
     false,
     "the room's enrollment key"},
    {Action::unenroll_room,
     "rooms.unenroll",
     "POST",
     "/tenants/{tid}/rooms/{id}/unenroll",
     T::room,
     P::rooms_unenroll,
     M::none,
     B::none,
     {},
     true,
     "the room, no longer enrolled"},
    {Action::list_room_groups,
     "roomGroups.list",
     "GET",
     "/tenants/{tid}/room-groups",
     T::tenant,
     P::groups_view,
     M::none,
     B::none,
     {},
     false,
     "groups the caller may view; visible rooms"},
    {Action::read_room_group,
     "roomGroups.read",
     "GET",
     "/tenants/{tid}/room-groups/{id}",
     T::room_group,
     P::groups_view,
     M::none,
     B::none,
     {},
     false,
     "the group; visible rooms"},
    {Action::create_room_group, "roomGroups.create", "POST", "/tenants/{tid}/room-groups",
     T::tenant, P::groups_create, M::none, B::rooms, P::rooms_view, true, "the new group"},
    {Action::modify_room_group, "roomGroups.modify", "PATCH", "/tenants/{tid}/room-groups/{id}",
     T::room_group, P::groups_modify, M::none, B::rooms, P::rooms_view, true,
     "the group; rooms the caller cannot see are kept and not listed"},
    {Action::list_rings,
     "rings.list",
     "GET",
     "/tenants/{tid}/update-rings",
     T::tenant,
     P::rings_view,
     M::none,
     B::none,
     {},
     false,
     "every ring; room counts of visible rooms"},
    {Action::create_ring,
     "rings.create",
     "POST",
     "/tenants/{tid}/update-rings",
     T::tenant,
     P::rings_create,
     M::none,
     B::none,
     {},
     true,
     "the new ring"},
    {Action::modify_ring,
     "rings.modify",
     "PATCH",
     "/tenants/{tid}/update-rings/{id}",
     T::ring,
     P::rings_modify,
     M::none,
     B::none,
     {},
     true,
     "the ring"},
    {Action::delete_ring,
     "rings.delete",
     "DELETE",
     "/tenants/{tid}/update-rings/{id}",
     T::ring,
     P::rings_modify,
     M::none,
     B::none,
     {},
     true,
     "nothing (204)"},
    {Action::move_rooms_to_ring, "rings.moveRooms", "POST",
     "/tenants/{tid}/update-rings/{id}/move-rooms", T::ring, P::rings_modify, M::none, B::rooms,
     P::rooms_modify, true, "the ring; room count of visible rooms"},
    {Action::read_reports,
     "reports.read",
     "GET",
     "/tenants/{tid}/reports/summary",
     T::tenant,
     P::reports_view,
     M::none,
     B::none,
     {},
     false,
     "counts of visible rooms and incidents"},
    {Action::list_incidents,
     "incidents.list",
     "GET",
     "/tenants/{tid}/incidents",
     T::tenant,
     P::tickets_view,
     M::none,
     B::none,
     {},
     false,
     "incidents with a visible room"},
    {Action::read_incident,
     "incidents.read",
     "GET",
     "/tenants/{tid}/incidents/{id}",
     T::incident,
     P::tickets_view,
     M::none,
     B::none,
     {},
     false,
     "the incident; only its visible rooms"},
    {Action::create_incident, "incidents.create", "POST", "/tenants/{tid}/incidents", T::tenant,
     P::tickets_create, M::none, B::rooms, P::tickets_create, true, "the new incident"},
    {Action::modify_incident,
     "incidents.modify",
     "PATCH",
     "/tenants/{tid}/incidents/{id}",
     T::incident,
     P::tickets_update,
     M::none,
     B::none,
     {},
     true,
     "the incident"},
    {Action::reply_to_incident,
     "incidents.reply",
     "POST",
     "/tenants/{tid}/incidents/{id}/messages",
     T::incident,
     P::tickets_update,
     M::none,
     B::none,
     {},
     true,
     "the incident with its thread"},
    {Action::close_incident,
     "incidents.close",
     "POST",
     "/tenants/{tid}/incidents/{id}/close",
     T::incident,
     P::tickets_update,
     M::none,
     B::none,
     {},
     true,
     "the closed incident"},
    {Action::read_settings,
     "settings.read",
     "GET",
     "/tenants/{tid}/settings",
     T::tenant,
     P::settings_view,
     M::none,
     B::none,
     {},
     false,
     "the tenant's settings"},
    {Action::modify_settings,
     "settings.modify",
     "PATCH",
     "/tenants/{tid}/settings",
     T::tenant,
     P::settings_modify,
     M::none,
     B::none,
     {},
     true,
     "the tenant's settings"},
    {Action::read_audit,
     "audit.read",
     "GET",
     "/tenants/{tid}/audit",
     T::tenant,
     {},
     M::own_mmr_admin,
     B::none,
     {},
     false,
     "the customer's audit log; to anyone but its own MMR Admins it does not exist"},
    {Action::list_roles,
     "roles.list",
     "GET",
     "/tenants/{tid}/roles",
     T::tenant,
     P::roles_view,
     M::none,
     B::none,
     {},
     false,
     "roles of the caller's side (customers also see partner roles); effective, visible scopes"},
    {Action::read_role,
     "roles.read",
     "GET",
     "/tenants/{tid}/roles/{id}",
     T::role,
     P::roles_view,
     M::none,
     B::none,
     {},
     false,
     "the role; effective, visible scopes"},
    {Action::create_role,
     "roles.create",
     "POST",
     "/tenants/{tid}/roles",
     T::tenant,
     P::roles_modify,
     M::none,
     B::none,
     {},
     true,
     "the new role (a partner's, for partners)"},
    {Action::modify_role,
     "roles.modify",
     "PATCH",
     "/tenants/{tid}/roles/{id}",
     T::role,
     P::roles_modify,
     M::role_editor,
     B::none,
     {},
     true,
     "the role"},
    {Action::delete_role,
     "roles.delete",
     "DELETE",
     "/tenants/{tid}/roles/{id}",
     T::role,
     P::roles_modify,
     M::role_deleter,
     B::none,
     {},
     true,
     "nothing (204)"},
    {Action::create_assignment,
     "assignments.create",
     "POST",
     "/tenants/{tid}/roles/{id}/assignments",
     T::role,
     P::roles_modify,
     M::role_editor,
     B::scope,
     {},
     true,
     "the new assignment"},
    {Action::modify_assignment,
     "assignments.modify",
     "PATCH",
     "/tenants/{tid}/roles/{id}/assignments/{aid}",
     T::role,
     P::roles_modify,
     M::role_editor,
     B::scope,
     {},
     true,
     "the assignment"},
    {Action::delete_assignment,
     "assignments.delete",
     "DELETE",
     "/tenants/{tid}/roles/{id}/assignments/{aid}",
     T::role,
     P::roles_modify,
     M::role_editor,
     B::none,
     {},
     true,
     "nothing (204)"},
    {Action::read_access_matrix,
     "accessMatrix.read",
     "GET",
     "/access-matrix",
     T::tenant,
     P::roles_view,
     M::none,
     B::none,
     {},
     false,
     "the caller's people × the tenants where it may view roles"},
    {Action::list_partners,
     "partners.list",
     "GET",
     "/partners",
     T::tenant,
     P::settings_modify,
     M::own_tenant,
     B::none,
     {},
     false,
     "the caller's partners and invitations"},
    {Action::invite_partner,
     "partners.invite",
     "POST",
     "/partners/invitations",
     T::tenant,
     P::settings_modify,
     M::own_tenant,
     B::scope,
     {},
     true,
     "the new invitation"},
    {Action::add_invitation_contacts,
     "partners.addContacts",
     "POST",
     "/partners/invitations/{id}/contacts",
     T::tenant,
     P::settings_modify,
     M::own_tenant,
     B::none,
     {},
     true,
     "the invitation"},
    {Action::revoke_invitation,
     "partners.revokeInvitation",
     "DELETE",
     "/partners/invitations/{id}",
     T::tenant,
     P::settings_modify,
     M::own_tenant,
     B::none,
     {},
     true,
     "the revoked invitation"},
    {Action::modify_partner,
     "partners.modify",
     "PATCH",
     "/partners/{pid}",
     T::tenant,
     P::settings_modify,
     M::own_tenant,
     B::scope,
     {},
     true,
     "the relationship"},
    {Action::remove_partner,
     "partners.remove",
     "DELETE",
     "/partners/{pid}",
     T::tenant,
     P::settings_modify,
     M::own_tenant,
     B::none,
     {},
     true,
     "nothing (204)"},
    {Action::list_invitations,
     "invitations.list",
     "GET",
     "/invitations",
     T::none,
     {},
     M::none,
     B::none,
     {},
     false,
     "invitations that name the caller"},
    {Action::accept_invitation,
     "invitations.accept",
     "POST",
     "/invitations/{id}/accept",
     T::invitation,
     {},
     M::listed_contact,
     B::none,
     {},
     true,
     "the relationship"},
    {Action::deny_invitation,
     "invitations.deny",
     "POST",
     "/invitations/{id}/deny",
     T::invitation,
     {},
     M::listed_contact,
     B::none,
     {},
     true,
     "the invitation"},
    {Action::list_customers,
     "customers.list",
     "GET",
     "/customers",
     T::none,
     {},
     M::none,
     B::none,
     {},
     false,
     "customers where the caller holds a role; visible scope"},
    {Action::remove_customer,
     "customers.remove",
     "DELETE",
     "/customers/{tid}",
     T::tenant,
     {},
     M::primary_admins,
     B::none,
     {},
     true,
     "nothing (204)"},
    {Action::read_me,
     "me.read",
     "GET",
     "/me",
     T::none,
     {},
     M::none,
     B::none,
     {},
     false,
     "the caller, its access snapshot"},
    {Action::read_directory,
     "directory.read",
     "GET",
     "/directory",
     T::none,
     {},
     M::none,
     B::none,
     {},
     false,
     "users and groups of the caller's own tenant"},
}};

ActionDecision allowed_by(const Decision& d) {
    ActionDecision out;
    out.outcome = Outcome::allowed;
    out.refusal = Refusal::none;
    out.role = d.role;
    out.assignment = d.assignment;
    return out;
}

ActionDecision not_visible() {
    return ActionDecision{};
}

// The built-in roles of the caller's side that hold `p`: Primary admins for a partner (none
// when only the customer's own roles may hold it), the customer's three otherwise.
std::vector<BuiltInRole> granting_builtins(Permission p, bool partner) {
    std::vector<BuiltInRole> out;
    if (partner) {
        if (builtin_permissions(BuiltInRole::primary_admins).has(p))
            out.push_back(BuiltInRole::primary_admins);
    } else {
        for (auto r : {BuiltInRole::mmr_admin, BuiltInRole::site_lead, BuiltInRole::site_tech})
            if (builtin_permissions(r).has(p)) out.push_back(r);
    }
    return out;
}

ActionDecision missing(Permission p, bool partner) {
    ActionDecision out;
    out.outcome = Outcome::forbidden;
    out.refusal = Refusal::missing_permission;
    out.missing = p;
    out.partner = partner;
    out.granting = granting_builtins(p, partner);
    return out;
}

ActionDecision refused(Refusal why, bool partner) {
    ActionDecision out;
    out.outcome = Outcome::forbidden;
    out.refusal = why;
    out.partner = partner;
    return out;
}

// Role ownership: customers edit their own roles (and delete partner custom roles), partners
// edit only their own partner's roles.
bool owns_role(bool caller_is_customer, bool role_partner_side, bool role_is_callers_partner,
               bool deleting) {
    if (caller_is_customer) return !role_partner_side || deleting;
    return role_partner_side && role_is_callers_partner;
}

}  // namespace

static_assert(kActions.size() == kActionCount);

const std::array<ActionSpec, kActionCount>& actions() {
    return kActions;
}

const ActionSpec& spec(Action a) {
    return kActions[static_cast<std::size_t>(a)];
}

bool is_primary_admin(const World& w, UserIx user, TenantIx customer) {
    auto rel = w.find_relationship(customer, w.user_tenant(user));
    if (!rel || !w.relationship(*rel).alive) return false;
    RoleIx pa = w.relationship(*rel).primary_admins;
    for (const Grant& g : w.grants(user, customer))
        if (g.role == pa) return true;
    return false;
}

bool is_own_mmr_admin(const World& w, UserIx user) {
    TenantIx home = w.user_tenant(user);
    for (const Grant& g : w.grants(user, home))
        if (w.role(g.role).built_in == BuiltInRole::mmr_admin && w.role(g.role).customer == home)
            return true;
    return false;
}

Target target_of(const World& w, Action a, TenantIx tenant, std::uint32_t ix) {
    switch (spec(a).target) {
        case TargetKind::room:
            return Target::of(w, RoomIx{ix});
        case TargetKind::room_group:
            return Target::of(w, RoomGroupIx{ix});
        case TargetKind::ring:
            return Target::of(w, RingIx{ix});
        case TargetKind::incident:
            return Target::of(w, IncidentIx{ix});
        case TargetKind::role:
            return Target::of(w, RoleIx{ix});
        case TargetKind::invitation:
            return Target{Target::Kind::invitation, ix, w.invitation(InvitationIx{ix}).customer};
        case TargetKind::none:
        case TargetKind::tenant:
            break;
    }
    return Target::of(tenant);
}

namespace {

// The customer's sign-in condition covers its resources, the paths under /tenants/{tid}/; a
// partner may still see the relationship itself (the switcher, /customers) and end it.
bool under_sign_in_condition(const ActionSpec& s) {
    return s.path.starts_with("/tenants/");
}

ActionDecision decide_on_grants(const World& w, UserIx user, Action a, const Target& t) {
    const ActionSpec& s = spec(a);
    TenantIx home = w.user_tenant(user);
    bool partner = t.tenant != home;
    switch (s.membership) {
        case Membership::own_tenant:
            if (t.tenant != home) return not_visible();
            break;
        case Membership::own_mmr_admin:
            // The audit log exists only for the customer's own MMR Admins: anyone else, a
            // partner included, is answered as for a tenant that has none.
            if (t.tenant != home || !is_own_mmr_admin(w, user)) return not_visible();
            break;
        case Membership::listed_contact: {
            if (t.kind != Target::Kind::invitation || !visible(w, user, t)) return not_visible();
            return allowed_by(Decision{});
        }
        default:
            break;
    }
    ActionDecision out;
    if (s.permission) {
        Decision d = decide(w, user, *s.permission, t);
        if (d.outcome == Outcome::not_visible) return not_visible();
        if (d.outcome == Outcome::forbidden) return missing(*s.permission, partner);
        out = allowed_by(d);
    } else {
        if (!visible(w, user, t)) return not_visible();
        out = allowed_by(Decision{});
    }
    switch (s.membership) {
        case Membership::primary_admins:
            if (!partner || !is_primary_admin(w, user, t.tenant))
                return refused(Refusal::not_primary_admin, partner);
            break;
        case Membership::role_editor:
        case Membership::role_deleter: {
            const Role& role = w.role(RoleIx{t.ix});
            if (!owns_role(!partner, role.side == Side::partner, role.partner == home,
                           s.membership == Membership::role_deleter))
                return refused(Refusal::not_role_owner, partner);
            break;
        }
        default:
            break;
    }
    return out;
}

}  // namespace

bool mfa_refuses(const World& w, UserIx user, TenantIx tenant, SignIn sign_in) {
    return tenant != w.user_tenant(user) && w.tenant(tenant).require_partner_mfa && !sign_in.mfa;
}

ActionDecision decide(const World& w, UserIx user, Action a, const Target& t, SignIn sign_in) {
    ActionDecision d = decide_on_grants(w, user, a, t);
    // Only what the user could otherwise see: an id it cannot see stays a plain "not found".
    if (d.outcome != Outcome::not_visible && under_sign_in_condition(spec(a)) &&
        mfa_refuses(w, user, t.tenant, sign_in))
        return refused(Refusal::mfa_required, true);
    return d;
}

BodyRooms check_body_rooms(const World& w, UserIx user, Action a, TenantIx tenant,
                           const std::vector<std::string>& ids, const std::string& field) {
    BodyRooms out;
    const ActionSpec& s = spec(a);
    Permission p = s.body_permission.value_or(Permission::rooms_view);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto r = w.find_room(ids[i]);
        if (!r || w.room(*r).tenant != tenant || !visible(w, user, Target::of(w, *r))) {
            // Exactly the words for an id that does not exist.
            out.unknown.push_back(
                {field + "[" + std::to_string(i) + "]", "is not a room of this customer"});
            continue;
        }
        out.rooms.push_back(*r);
    }
    std::sort(out.rooms.begin(), out.rooms.end());
    out.rooms.erase(std::unique(out.rooms.begin(), out.rooms.end()), out.rooms.end());
    if (!out.unknown.empty()) return out;
    for (RoomIx r : out.rooms) {
        Decision d = decide(w, user, p, Target::of(w, r));
        if (!d.allowed()) {
            out.refused = missing(p, tenant != w.user_tenant(user));
            break;
        }
    }
    return out;
}

GroupChange check_group_change(const World& w, UserIx user, Action a, TenantIx tenant,
                               const std::vector<RoomGroupIx>& current,
                               const std::vector<std::string>& wanted, const std::string& field) {
    GroupChange out;
    Permission p = spec(a).body_permission.value_or(Permission::groups_modify);
    auto sees = [&](RoomGroupIx g) { return visible(w, user, Target::of(w, g)); };
    std::vector<RoomGroupIx> asked;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        auto g = w.find_room_group(wanted[i]);
        if (!g || w.room_group(*g).tenant != tenant || !w.room_group(*g).alive || !sees(*g)) {
            out.unknown.push_back(
                {field + "[" + std::to_string(i) + "]", "is not a room group of this customer"});
            continue;
        }
        asked.push_back(*g);
    }
    if (!out.unknown.empty()) return out;
    std::sort(asked.begin(), asked.end());
    asked.erase(std::unique(asked.begin(), asked.end()), asked.end());
    // Groups the caller cannot see stay as they are: naming only what it sees, a caller can
    // neither add a room to nor take it out of another principal's scope.
    out.groups = asked;
    std::vector<RoomGroupIx> changed;
    for (RoomGroupIx g : current) {
        if (!w.room_group(g).alive) continue;
        if (!sees(g))
            out.groups.push_back(g);
        else if (!std::binary_search(asked.begin(), asked.end(), g))
            changed.push_back(g);  // removed
    }
    for (RoomGroupIx g : asked)
        if (std::find(current.begin(), current.end(), g) == current.end())
            changed.push_back(g);  // added
    std::sort(out.groups.begin(), out.groups.end());
    for (RoomGroupIx g : changed) {
        // Changing a room's groups changes who reaches the room: every principal scoped by
        // that group gains or loses it. So it needs the group's own modify permission.
        if (!decide(w, user, p, Target::of(w, g)).allowed()) {
            out.refused = missing(p, tenant != w.user_tenant(user));
            break;
        }
    }
    return out;
}

// --- on the snapshot ----------------------------------------------------------------------------

namespace {

const AccessFacts* facts_of(const AccessSnapshot& s, const std::string& tenant_id) {
    for (const AccessFacts& f : s.facts)
        if (f.tenant_id == tenant_id) return &f;
    return nullptr;
}

bool snapshot_sees_tenant(const AccessSnapshot& s, const std::string& tenant_id) {
    if (tenant_id == s.tenant_id) return true;
    for (const AccessContext& c : s.contexts)
        if (c.tenant_id == tenant_id) return true;  // contexts come from grants
    return false;
}

// Any permission at all reaching the room: the snapshot's visible().
bool snapshot_sees_room(const AccessSnapshot& s, const RoomFacts& room) {
    for (const AccessContext& c : s.contexts)
        if (c.tenant_id == room.tenant_id && covers(c.scope, room)) return true;
    return false;
}

}  // namespace

namespace {

ActionDecision decide_on_snapshot_grants(const AccessSnapshot& s, Action a,
                                         const SnapshotTarget& t) {
    const ActionSpec& sp = spec(a);
    bool partner = t.tenant_id != s.tenant_id;
    const AccessFacts* facts = facts_of(s, t.tenant_id);
    switch (sp.membership) {
        case Membership::own_tenant:
            if (partner) return not_visible();
            break;
        case Membership::own_mmr_admin:
            if (partner || !facts || !facts->own_mmr_admin) return not_visible();
            break;
        case Membership::listed_contact:
            return allowed_by(Decision{});  // the portal only holds invitations naming the caller
        default:
            break;
    }
    if (!snapshot_sees_tenant(s, t.tenant_id)) return not_visible();
    ActionDecision out = allowed_by(Decision{});
    if (sp.permission) {
        bool room_level =
            t.room && (sp.target == TargetKind::room || sp.target == TargetKind::incident ||
                       sp.target == TargetKind::room_group);
        if (room_level) {
            if (!snapshot_sees_room(s, *t.room)) return not_visible();
            if (!evaluate(s, *sp.permission, *t.room)) return missing(*sp.permission, partner);
        } else if (!evaluate_tenant(s, *sp.permission, t.tenant_id)) {
            return missing(*sp.permission, partner);
        }
    } else if (sp.target == TargetKind::tenant && partner && (!facts || !facts->relationship)) {
        return not_visible();
    }
    switch (sp.membership) {
        case Membership::primary_admins:
            if (!partner || !facts || !facts->primary_admin)
                return refused(Refusal::not_primary_admin, partner);
            break;
        case Membership::role_editor:
        case Membership::role_deleter:
            if (t.role &&
                !owns_role(!partner, t.role->partner_side, t.role->partner_tenant_id == s.tenant_id,
                           sp.membership == Membership::role_deleter))
                return refused(Refusal::not_role_owner, partner);
            break;
        default:
            break;
    }
    return out;
}

}  // namespace

ActionDecision decide(const AccessSnapshot& s, Action a, const SnapshotTarget& t) {
    ActionDecision d = decide_on_snapshot_grants(s, a, t);
    const AccessFacts* facts = facts_of(s, t.tenant_id);
    if (d.outcome != Outcome::not_visible && under_sign_in_condition(spec(a)) &&
        t.tenant_id != s.tenant_id && facts && facts->mfa_required && !facts->mfa_satisfied)
        return refused(Refusal::mfa_required, true);
    return d;
}

ActionDecision decide_rooms(const AccessSnapshot& s, Action a, const std::string& tenant_id,
                            std::span<const RoomFacts> rooms) {
    Permission p = spec(a).body_permission.value_or(Permission::rooms_view);
    bool partner = tenant_id != s.tenant_id;
    for (const RoomFacts& r : rooms) {
        if (!snapshot_sees_room(s, r)) return not_visible();
        if (!evaluate(s, p, r)) return missing(p, partner);
    }
    return allowed_by(Decision{});
}

std::string reason_text(const ActionDecision& d) {
    switch (d.refusal) {
        case Refusal::none:
            return {};
        case Refusal::not_visible:
            return "Not found, or outside the rooms you may manage";
        case Refusal::not_primary_admin:
            return "Only members of the customer's Primary admins can do this";
        case Refusal::not_role_owner:
            return d.partner ? "Only the customer's own roles and yours can be changed here: this "
                               "role belongs to another side"
                             : "A partner's roles are the partner's to edit; you may delete its "
                               "custom roles, or remove the partner";
        case Refusal::mfa_required:
            return "This customer requires partner users to sign in with multi-factor "
                   "authentication: sign in again with MFA";
        case Refusal::missing_permission:
            break;
    }
    const PermissionInfo& need = info(d.missing);
    std::string text = "Needs the permission " + std::string(need.id) + " (" +
                       std::string(need.feature) + ": " + std::string(need.label) + ")";
    if (d.granting.empty()) {
        text += d.partner ? ". Only the customer's own roles hold it: ask the customer"
                          : ". No built-in role grants it";
    } else {
        text += ", granted by ";
        for (std::size_t i = 0; i < d.granting.size(); ++i) {
            if (i) text += i + 1 == d.granting.size() ? " or " : ", ";
            text += builtin_name(d.granting[i]);
        }
        text += d.partner ? " (or a custom partner role that includes it)"
                          : " (or a custom role that includes it)";
    }
    return text;
}

}  // namespace mtm
