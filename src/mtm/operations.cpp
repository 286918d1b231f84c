#include "mtm/operations.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace mtm {

namespace {

constexpr BuiltInRole kCustomerBuiltIns[] = {BuiltInRole::mmr_admin, BuiltInRole::site_lead,
                                             BuiltInRole::site_tech};

// Permission ids → set; unknown ids are field errors.
Result<PermissionSet> parse_permissions(const std::vector<std::string>& ids) {
    PermissionSet set;
    std::vector<FieldIssue> issues;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto p = parse_permission(ids[i]);
        if (!p)
            issues.push_back(
                {"permissions[" + std::to_string(i) + "]", "'" + ids[i] + "' is not a permission"});
        else
            set.add(*p);
    }
    if (!issues.empty()) return Error::invalid(std::move(issues));
    return set;
}

// Which tenant's users and groups may be members of a role: the customer's for its own roles,
// the partner's for partner roles.
TenantIx member_tenant(const Role& role) {
    return role.side == Side::partner ? role.partner : role.customer;
}

Result<std::vector<Member>> resolve_members(const World& w, const Role& role,
                                            const std::vector<MemberDraft>& drafts) {
    std::vector<Member> out;
    std::vector<FieldIssue> issues;
    TenantIx home = member_tenant(role);
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        const auto& d = drafts[i];
        std::string field = "members[" + std::to_string(i) + "]";
        if (d.type == "user") {
            auto u = w.find_user(d.id);
            if (!u || w.user(*u).tenant != home)
                issues.push_back({field, "is not a user of " + w.tenant(home).name});
            else
                out.push_back(Member::user(*u));
        } else if (d.type == "group") {
            auto g = w.find_group(d.id);
            if (!g || w.group(*g).tenant != home)
                issues.push_back({field, "is not a security group of " + w.tenant(home).name});
            else
                out.push_back(Member::group(*g));
        } else {
            issues.push_back({field + ".type", "must be 'user' or 'group'"});
        }
    }
    if (!issues.empty()) return Error::invalid(std::move(issues));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// Effective members of a role if one assignment's members were `replacement` (nullptr: the
// assignment removed) and one group's members were `group_members`.
std::size_t members_after(const World& w, RoleIx r, AssignmentIx changed,
                          const std::vector<Member>* replacement, GroupIx changed_group = {},
                          const std::vector<UserIx>* group_members = nullptr) {
    std::set<std::uint32_t> users;
    for (AssignmentIx a : w.role(r).assignments) {
        const std::vector<Member>* members = &w.assignment(a).members;
        if (a == changed) {
            if (!replacement) continue;
            members = replacement;
        }
        for (const Member& m : *members) {
            if (m.kind == Member::Kind::user) {
                users.insert(m.ix);
            } else if (group_members && GroupIx{m.ix} == changed_group) {
                for (UserIx u : *group_members) users.insert(u.v);
            } else {
                for (UserIx u : w.group(GroupIx{m.ix}).members) users.insert(u.v);
            }
        }
    }
    return users.size();
}

Error last_primary_admin() {
    return Error::conflict(
        "last_primary_admin",
        "This would leave the customer's Primary admins role without members. Add another "
        "member first, or end the relationship to remove the partner entirely.");
}

bool name_taken_in_context(const World& w, const Role& like, std::string_view name, RoleIx except) {
    std::string wanted = lower(trimmed(name));
    for (RoleIx r : w.roles_of(like.customer)) {
        if (r == except) continue;
        const Role& other = w.role(r);
        if (!other.alive || other.side != like.side || other.partner != like.partner) continue;
        if (lower(other.name) == wanted) return true;
    }
    for (auto b : {BuiltInRole::mmr_admin, BuiltInRole::site_lead, BuiltInRole::site_tech,
                   BuiltInRole::primary_admins})
        if (lower(builtin_name(b)) == wanted) return true;
    return false;
}

// The scope rule for partner roles: never beyond what the customer designated.
Status check_partner_scope(const World& w, const Role& role, const Scope& scope,
                           const std::string& field) {
    // Primary admins reaches "all rooms", which decide() clips to the relationship's scope.
    if (role.side != Side::partner || role.built_in == BuiltInRole::primary_admins) return ok();
    auto rel = w.find_relationship(role.customer, role.partner);
    if (!rel) return Error::not_found("The partner relationship no longer exists");
    if (!scope_within(w, scope, w.relationship(*rel).scope))
        return Error::invalid(
            field, "reaches rooms outside the scope the customer granted to the partner");
    return ok();
}

// A partner delegates within what the customer gave it: its custom roles can hold only the
// permissions of Primary admins (never settings, key resets, enrollment, …).
bool check_partner_permissions(PermissionSet perms, std::vector<FieldIssue>& issues) {
    PermissionSet allowed = custom_role_ceiling(Side::partner);
    if (allowed.contains(perms)) return true;
    std::string extra;
    for (const auto& info : catalogue())
        if (perms.has(info.permission) && !allowed.has(info.permission))
            extra += (extra.empty() ? "" : ", ") + std::string(info.id);
    issues.push_back({"permissions",
                      "a partner role can only hold permissions of Primary admins; not " + extra});
    return false;
}

// A command's scope: unknown (or, for `viewer`, unseen) ids and an empty scope are field issues.
std::optional<Scope> nonempty_scope(const World& w, TenantIx tenant, const ScopeDraft& draft,
                                    std::optional<UserIx> viewer,
                                    std::vector<FieldIssue>& issues) {
    auto s = resolve_scope(w, tenant, draft, "scope", viewer);
    if (!s) {
        issues.insert(issues.end(), s.error().fields.begin(), s.error().fields.end());
        return std::nullopt;
    }
    if (scope_is_empty(*s)) {
        issues.push_back({"scope", "choose all rooms, or at least one room or room group"});
        return std::nullopt;
    }
    return *s;
}

void revoke_pending_between(World& w, TenantIx customer, TenantIx partner, Time now) {
    for (InvitationIx i : w.invitations_of(customer)) {
        Invitation& inv = w.invitation_mut(i);
        if (inv.partner != partner || inv.revoked) continue;
        if (invitation_state(inv, now) == InvitationState::expired) continue;
        // Accepted invitations are closed too: an old invitation can never revive the link.
        inv.revoked = true;
    }
}

std::string normalise(std::string_view s) {
    return trimmed(s);
}

}  // namespace

// --- set-up -----------------------------------------------------------------------------------

void add_builtin_customer_roles(World& w, TenantIx tenant, const IdSource& ids) {
    for (BuiltInRole b : kCustomerBuiltIns) {
        Role role;
        role.id = ids();
        role.customer = tenant;
        role.side = Side::customer;
        role.name = std::string(builtin_name(b));
        role.built_in = b;
        role.permissions = builtin_permissions(b);
        w.add_role(std::move(role));
    }
}

void add_builtin_rings(World& w, TenantIx tenant, const IdSource& ids) {
    struct Builtin {
        const char* name;
        const char* description;
        int order, rollout, test;
    };
    // Staging sees updates first, Executive last; General is where every room starts.
    constexpr Builtin kRings[] = {
        {"Staging", "Test rooms that receive updates first", 1, 2, 5},
        {"General", "Every room starts here", 5, 7, 0},
        {"Executive", "Rooms that update last, after everyone else", 9, 3, 0},
    };
    for (const auto& b : kRings) {
        UpdateRing ring;
        ring.id = ids();
        ring.tenant = tenant;
        ring.name = b.name;
        ring.description = b.description;
        ring.order = b.order;
        ring.rollout_days = b.rollout;
        ring.test_days = b.test;
        ring.built_in = true;
        w.add_ring(std::move(ring));
    }
}

std::optional<RoleIx> builtin_role(const World& w, TenantIx tenant, BuiltInRole which) {
    for (RoleIx r : w.roles_of(tenant))
        if (w.role(r).built_in == which && w.role(r).side == Side::customer) return r;
    return std::nullopt;
}

std::optional<RingIx> default_ring(const World& w, TenantIx tenant) {
    for (RingIx r : w.rings_of(tenant))
        if (w.ring(r).built_in && w.ring(r).name == "General") return r;
    return std::nullopt;
}

// --- invitations --------------------------------------------------------------------------

InvitationState invitation_state(const Invitation& inv, Time now) {
    if (inv.revoked) return InvitationState::revoked;
    if (now >= inv.expires_at)
        return inv.accepted ? InvitationState::accepted : InvitationState::expired;
    return inv.accepted ? InvitationState::accepted : InvitationState::pending;
}

const Contact* contact_of(const World& w, const Invitation& inv, UserIx user) {
    const std::string& upn = w.user(user).upn;
    for (const Contact& c : inv.contacts)
        if (c.upn == upn) return &c;
    return nullptr;
}

namespace {

std::vector<FieldIssue> check_contacts(const std::vector<ContactDraft>& contacts,
                                       const std::string& partner_domain,
                                       const std::vector<Contact>& existing,
                                       std::vector<Contact>& out) {
    std::vector<FieldIssue> issues;
    std::set<std::string> seen;
    for (const auto& c : existing) seen.insert(c.upn);
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        std::string field = "contacts[" + std::to_string(i) + "]";
        std::string upn = lower(trimmed(contacts[i].upn));
        check_name(issues, field + ".name", contacts[i].name, 128);
        if (!valid_upn(upn)) {
            issues.push_back({field + ".upn", "is not a user principal name (name@domain)"});
            continue;
        }
        if (upn_domain(upn) != partner_domain) {
            issues.push_back({field + ".upn", "must be in the partner's domain " + partner_domain});
            continue;
        }
        if (!seen.insert(upn).second) {
            issues.push_back({field + ".upn", "is already a contact of this invitation"});
            continue;
        }
        out.push_back(Contact{upn, normalise(contacts[i].name), ContactStatus::pending});
    }
    return issues;
}

}  // namespace

Result<InvitationIx> invite_partner(World& w, TenantIx customer, const InvitationDraft& d, Time now,
                                    const IdSource& ids, std::optional<UserIx> viewer) {
    std::vector<FieldIssue> issues;
    std::string domain = lower(trimmed(d.partner_domain));
    auto partner = w.find_tenant_by_domain(domain);
    if (domain.empty())
        issues.push_back({"partnerDomain", "is required"});
    else if (!partner)
        issues.push_back({"partnerDomain", "no organisation uses the domain " + domain});
    else if (!w.tenant(*partner).partner_program)
        issues.push_back(
            {"partnerDomain", w.tenant(*partner).name + " is not in the partner program"});
    else if (*partner == customer)
        issues.push_back({"partnerDomain", "an organisation cannot be its own partner"});
    std::vector<Contact> contacts;
    if (d.contacts.empty())
        issues.push_back({"contacts", "name at least one person of the partner"});
    if (d.contacts.size() > 50)
        issues.push_back({"contacts", "at most 50 contacts per invitation"});
    auto contact_issues = check_contacts(d.contacts, domain, {}, contacts);
    issues.insert(issues.end(), contact_issues.begin(), contact_issues.end());
    if (d.expires_in_days < 1 || d.expires_in_days > 30)
        issues.push_back({"expiresInDays", "must be between 1 and 30"});
    if (d.approval != "auto")
        issues.push_back({"approval", d.approval == "manual"
                                          ? "manual approval is not available yet; use 'auto'"
                                          : "must be 'auto'"});
    if (!d.terms_accepted) issues.push_back({"termsAccepted", "the terms must be accepted"});
    check_text(issues, "note", d.note, kMaxDescriptionLength, false);
    auto scope = nonempty_scope(w, customer, d.scope, viewer, issues);
    if (!issues.empty()) return Error::invalid(std::move(issues));

    // The newest invitation is the customer's current decision: older pending ones to the same
    // partner are superseded, so accepting one can never widen the scope again.
    for (InvitationIx i : w.invitations_of(customer)) {
        Invitation& old = w.invitation_mut(i);
        if (old.partner != *partner || old.revoked || now >= old.expires_at) continue;
        bool anyone_pending = std::any_of(old.contacts.begin(), old.contacts.end(),
                                          [](const Contact& c) {
                                              return c.status == ContactStatus::pending;
                                          });
        if (anyone_pending) old.revoked = true;
    }

    Invitation inv;
    inv.id = ids();
    inv.customer = customer;
    inv.partner = *partner;
    inv.contacts = std::move(contacts);
    inv.scope = *scope;
    inv.created_at = now;
    inv.expires_at = now + d.expires_in_days * kDay;
    inv.approval = d.approval;
    inv.note = normalise(d.note);
    return w.add_invitation(std::move(inv));
}

Status add_contacts(World& w, InvitationIx i, const std::vector<ContactDraft>& contacts, Time now) {
    Invitation& inv = w.invitation_mut(i);
    auto state = invitation_state(inv, now);
    if (state == InvitationState::revoked || now >= inv.expires_at)
        return Error::conflict("invitation_closed",
                               "The invitation was revoked or has expired; send a new one");
    if (contacts.empty())
        return Error::invalid("contacts", "name at least one person of the partner");
    std::vector<Contact> added;
    auto issues = check_contacts(contacts, w.tenant(inv.partner).domain, inv.contacts, added);
    if (inv.contacts.size() + added.size() > 50)
        issues.push_back({"contacts", "at most 50 contacts per invitation"});
    if (!issues.empty()) return Error::invalid(std::move(issues));
    inv.contacts.insert(inv.contacts.end(), added.begin(), added.end());
    return ok();
}

Status revoke_invitation(World& w, InvitationIx i, Time now) {
    Invitation& inv = w.invitation_mut(i);
    switch (invitation_state(inv, now)) {
        case InvitationState::pending:
            inv.revoked = true;
            return ok();
        case InvitationState::accepted:
            return Error::conflict(
                "invitation_accepted",
                "The invitation was already accepted; remove the partner to end the relationship");
        case InvitationState::expired:
            return Error::conflict("invitation_expired", "The invitation has expired");
        case InvitationState::revoked:
            return Error::conflict("invitation_revoked", "The invitation was already revoked");
    }
    return ok();
}

namespace {

// Whether `user` may still answer the invitation: listed, not revoked, not expired, and not
// answered yet. Accept and deny share these rules.
Status may_respond(const World& w, const Invitation& inv, UserIx user, Time now) {
    const Contact* c = contact_of(w, inv, user);
    if (!c) return Error::not_found("No such invitation for you");
    if (inv.revoked)
        return Error::conflict("invitation_revoked", "The customer revoked this invitation");
    if (now >= inv.expires_at)
        return Error::conflict("invitation_expired", "This invitation has expired");
    if (c->status != ContactStatus::pending)
        return Error::conflict("already_acted",
                               std::string("You already ") +
                                   (c->status == ContactStatus::accepted ? "accepted" : "denied") +
                                   " this invitation");
    return ok();
}

void set_contact_status(World& w, InvitationIx i, UserIx user, ContactStatus status) {
    for (Contact& ct : w.invitation_mut(i).contacts)
        if (ct.upn == w.user(user).upn) ct.status = status;
}

}  // namespace

Result<RelationshipIx> accept_invitation(World& w, InvitationIx i, UserIx user, Time now,
                                         const IdSource& ids) {
    const Invitation& inv = w.invitation(i);
    if (auto s = may_respond(w, inv, user, now); !s) return s.error();
    TenantIx customer = inv.customer, partner = inv.partner;
    auto rel = w.find_relationship(customer, partner);
    if (!rel) {
        Role pa;
        pa.id = ids();
        pa.customer = customer;
        pa.side = Side::partner;
        pa.partner = partner;
        pa.name = std::string(builtin_name(BuiltInRole::primary_admins));
        pa.description = "Full partner access within the rooms the customer designated";
        pa.built_in = BuiltInRole::primary_admins;
        pa.permissions = builtin_permissions(BuiltInRole::primary_admins);
        Relationship r{customer, partner, now, inv.scope, RoleIx{}, true, i.v, inv.approval};
        rel = w.add_relationship(std::move(r));
        RoleIx pa_ix = w.add_role(std::move(pa));
        w.set_primary_admins(*rel, pa_ix);
        Assignment a;
        a.id = ids();
        a.role = pa_ix;
        a.name = "Primary admins";
        a.description = "People of the partner who accepted the customer's invitation";
        a.scope = Scope::everything();  // clipped to the relationship's scope by decide()
        a.members = {Member::user(user)};
        w.add_assignment(std::move(a));
    } else {
        // The customer's newest decision about the partner's rooms wins: this invitation's
        // scope only if the customer has not decided again since it was sent.
        if (i.v >= w.relationship(*rel).scope_decision) w.set_relationship_scope(*rel, inv.scope, i.v);
        RoleIx pa = w.relationship(*rel).primary_admins;
        AssignmentIx first = w.role(pa).assignments.front();
        auto members = w.assignment(first).members;
        members.push_back(Member::user(user));
        w.set_assignment_members(first, std::move(members));
    }
    set_contact_status(w, i, user, ContactStatus::accepted);
    w.invitation_mut(i).accepted = true;
    return *rel;
}

Status deny_invitation(World& w, InvitationIx i, UserIx user, Time now) {
    if (auto s = may_respond(w, w.invitation(i), user, now); !s) return s;
    set_contact_status(w, i, user, ContactStatus::denied);
    return ok();
}

void end_relationship(World& w, RelationshipIx rel) {
    const Relationship& r = w.relationship(rel);
    if (!r.alive) return;  // already ended: later invitations between the two stay untouched
    TenantIx customer = r.customer, partner = r.partner;
    w.remove_relationship(rel);
    // Time does not matter here: every invitation between the two that is still open closes.
    revoke_pending_between(w, customer, partner, std::numeric_limits<Time>::min());
}

Status update_relationship(World& w, RelationshipIx rel, const RelationshipPatch& p,
                           std::optional<UserIx> viewer) {
    const Relationship& r = w.relationship(rel);
    std::vector<FieldIssue> issues;
    std::optional<Scope> scope;
    if (p.scope) scope = nonempty_scope(w, r.customer, *p.scope, viewer, issues);
    if (p.approval && *p.approval != "auto")
        issues.push_back({"approval", *p.approval == "manual"
                                          ? "manual approval is not available yet; use 'auto'"
                                          : "must be 'auto'"});
    if (!issues.empty()) return Error::invalid(std::move(issues));
    // Past every invitation sent so far: none of them can change this decision any more.
    if (scope)
        w.set_relationship_scope(rel, *scope, static_cast<std::uint32_t>(w.invitation_count()));
    if (p.approval) w.set_relationship_approval(rel, *p.approval);
    return ok();
}

std::vector<UserIx> primary_admins(const World& w, RelationshipIx rel) {
    const Relationship& r = w.relationship(rel);
    std::vector<UserIx> out;
    if (!r.alive) return out;
    for (AssignmentIx a : w.role(r.primary_admins).assignments) {
        auto m = w.effective_members(a);
        out.insert(out.end(), m.begin(), m.end());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// --- roles and assignments ------------------------------------------------------------------

PermissionSet custom_role_ceiling(Side side) {
    return side == Side::partner ? builtin_permissions(BuiltInRole::primary_admins)
                                 : PermissionSet::all();
}

Result<RoleIx> create_role(World& w, TenantIx customer, Side side, TenantIx partner,
                           const RoleDraft& d, const IdSource& ids) {
    std::vector<FieldIssue> issues;
    Role role;
    role.customer = customer;
    role.side = side;
    role.partner = side == Side::partner ? partner : TenantIx{};
    check_name(issues, "name", d.name);
    if (issues.empty() && name_taken_in_context(w, role, d.name, RoleIx{}))
        issues.push_back({"name", "another role here is already called '" + trimmed(d.name) + "'"});
    check_text(issues, "description", d.description, kMaxDescriptionLength, false);
    auto perms = parse_permissions(d.permissions);
    if (!perms)
        issues.insert(issues.end(), perms.error().fields.begin(), perms.error().fields.end());
    else if (perms->empty())
        issues.push_back({"permissions", "choose at least one permission"});
    else if (side == Side::partner)
        check_partner_permissions(*perms, issues);
    if (!issues.empty()) return Error::invalid(std::move(issues));
    if (side == Side::partner && !w.find_relationship(customer, partner))
        return Error::not_found("No relationship with this customer");
    role.id = ids();
    role.name = trimmed(d.name);
    role.description = trimmed(d.description);
    role.permissions = *perms;
    return w.add_role(std::move(role));
}

Status update_role(World& w, RoleIx r, const RolePatch& p) {
    const Role& role = w.role(r);
    if (role.built_in != BuiltInRole::none)
        return Error::conflict("built_in_role", "Built-in roles cannot be renamed or edited");
    std::vector<FieldIssue> issues;
    if (p.name) {
        check_name(issues, "name", *p.name);
        if (issues.empty() && name_taken_in_context(w, role, *p.name, r))
            issues.push_back(
                {"name", "another role here is already called '" + trimmed(*p.name) + "'"});
    }
    if (p.description)
        check_text(issues, "description", *p.description, kMaxDescriptionLength, false);
    PermissionSet perms = role.permissions;
    if (p.permissions) {
        auto parsed = parse_permissions(*p.permissions);
        if (!parsed)
            issues.insert(issues.end(), parsed.error().fields.begin(), parsed.error().fields.end());
        else if (parsed->empty())
            issues.push_back({"permissions", "choose at least one permission"});
        else if (role.side != Side::partner || check_partner_permissions(*parsed, issues))
            perms = *parsed;
    }
    if (!issues.empty()) return Error::invalid(std::move(issues));
    w.set_role_text(r, p.name ? trimmed(*p.name) : role.name,
                    p.description ? trimmed(*p.description) : role.description);
    if (perms != role.permissions) w.set_role_permissions(r, perms);
    return ok();
}

Status delete_role(World& w, RoleIx r) {
    if (w.role(r).built_in != BuiltInRole::none)
        return Error::conflict(
            "built_in_role",
            w.role(r).built_in == BuiltInRole::primary_admins
                ? "Primary admins cannot be deleted; to cut the partner off, remove the partner"
                : "Built-in roles cannot be deleted");
    w.remove_role(r);
    return ok();
}

Result<AssignmentIx> add_assignment(World& w, RoleIx r, const AssignmentDraft& d,
                                    const IdSource& ids, std::optional<UserIx> viewer) {
    const Role& role = w.role(r);
    std::vector<FieldIssue> issues;
    check_name(issues, "name", d.name, 128);
    check_text(issues, "description", d.description, kMaxDescriptionLength, false);
    auto members = resolve_members(w, role, d.members);
    if (!members)
        issues.insert(issues.end(), members.error().fields.begin(), members.error().fields.end());
    else if (members->empty())
        issues.push_back({"members", "add at least one user or group"});
    auto scope = nonempty_scope(w, role.customer, d.scope, viewer, issues);
    if (!issues.empty()) return Error::invalid(std::move(issues));
    if (role.built_in == BuiltInRole::primary_admins && !scope->all_rooms)
        return Error::conflict(
            "built_in_role",
            "The scope of Primary admins is the relationship's scope: use all rooms");
    if (auto s = check_partner_scope(w, role, *scope, "scope"); !s) return s.error();
    Assignment a;
    a.id = ids();
    a.role = r;
    a.name = trimmed(d.name);
    a.description = trimmed(d.description);
    a.email_notifications = d.email_notifications;
    a.members = *members;
    a.scope = *scope;
    return w.add_assignment(std::move(a));
}

Status update_assignment(World& w, AssignmentIx ai, const AssignmentPatch& p,
                         std::optional<UserIx> viewer) {
    const Assignment& a = w.assignment(ai);
    const Role& role = w.role(a.role);
    std::vector<FieldIssue> issues;
    if (p.name) check_name(issues, "name", *p.name, 128);
    if (p.description)
        check_text(issues, "description", *p.description, kMaxDescriptionLength, false);
    std::optional<std::vector<Member>> members;
    if (p.members) {
        auto m = resolve_members(w, role, *p.members);
        if (!m)
            issues.insert(issues.end(), m.error().fields.begin(), m.error().fields.end());
        else if (m->empty() && role.built_in != BuiltInRole::primary_admins)
            issues.push_back({"members", "add at least one user or group"});
        else
            members = *m;
    }
    std::optional<Scope> scope;
    if (p.scope) scope = nonempty_scope(w, role.customer, *p.scope, viewer, issues);
    if (!issues.empty()) return Error::invalid(std::move(issues));
    if (role.built_in == BuiltInRole::primary_admins && scope && !scope->all_rooms)
        return Error::conflict("built_in_role",
                               "The scope of Primary admins is the relationship's scope");
    if (scope)
        if (auto s = check_partner_scope(w, role, *scope, "scope"); !s) return s.error();
    if (members && role.built_in == BuiltInRole::primary_admins &&
        members_after(w, a.role, ai, &*members) == 0)
        return last_primary_admin();
    if (p.name || p.description || p.email_notifications)
        w.set_assignment_text(ai, p.name ? trimmed(*p.name) : a.name,
                              p.description ? trimmed(*p.description) : a.description,
                              p.email_notifications.value_or(a.email_notifications));
    if (scope) w.set_assignment_scope(ai, *scope);
    if (members) w.set_assignment_members(ai, *members);
    return ok();
}

Status delete_assignment(World& w, AssignmentIx ai) {
    const Assignment& a = w.assignment(ai);
    if (w.role(a.role).built_in == BuiltInRole::primary_admins &&
        members_after(w, a.role, ai, nullptr) == 0)
        return last_primary_admin();
    w.remove_assignment(ai);
    return ok();
}

Status set_security_group_members(World& w, GroupIx g, std::vector<UserIx> members) {
    std::vector<FieldIssue> issues;
    for (std::size_t i = 0; i < members.size(); ++i)
        if (w.user(members[i]).tenant != w.group(g).tenant)
            issues.push_back({"members[" + std::to_string(i) + "]",
                              "is not a user of the group's organisation"});
    if (!issues.empty()) return Error::invalid(std::move(issues));
    // Every Primary admins role that names this group must keep at least one member.
    for (RelationshipIx rel : w.relationships_as_partner(w.group(g).tenant)) {
        RoleIx pa = w.relationship(rel).primary_admins;
        bool uses_group = false;
        for (AssignmentIx a : w.role(pa).assignments)
            for (const Member& m : w.assignment(a).members)
                uses_group |= m.kind == Member::Kind::group && GroupIx{m.ix} == g;
        if (uses_group && members_after(w, pa, AssignmentIx{}, nullptr, g, &members) == 0)
            return last_primary_admin();
    }
    w.set_group_members(g, std::move(members));
    return ok();
}

// --- rooms and groups -------------------------------------------------------------------------

Result<RoomIx> enroll_room(World& w, TenantIx tenant, const RoomDraft& d, const IdSource& ids,
                           const IdSource& keys) {
    std::vector<FieldIssue> issues;
    check_name(issues, "displayName", d.display_name, 128);
    check_name(issues, "site", d.site, 128);
    if (!valid_country(d.country))
        issues.push_back({"country", "must be an ISO 3166 country code such as NO or US"});
    auto groups = resolve_room_groups(w, tenant, d.room_group_ids, "roomGroupIds");
    if (!groups)
        issues.insert(issues.end(), groups.error().fields.begin(), groups.error().fields.end());
    if (!issues.empty()) return Error::invalid(std::move(issues));
    Room r;
    r.id = ids();
    r.tenant = tenant;
    r.display_name = trimmed(d.display_name);
    r.site = trimmed(d.site);
    r.country = d.country;
    r.health = Health::onboarding;
    r.ring = default_ring(w, tenant).value_or(RingIx{});
    r.enrollment_key = keys();
    r.groups = *groups;
    return w.add_room(std::move(r));
}

Status update_room(World& w, RoomIx ri, const RoomPatch& p) {
    const Room& room = w.room(ri);
    std::vector<FieldIssue> issues;
    if (p.display_name) check_name(issues, "displayName", *p.display_name, 128);
    if (p.site) check_name(issues, "site", *p.site, 128);
    std::optional<RingIx> ring;
    if (p.update_ring_id) {
        auto r = w.find_ring(*p.update_ring_id);
        if (!r || w.ring(*r).tenant != room.tenant)
            issues.push_back({"updateRingId", "is not an update ring of this customer"});
        else
            ring = *r;
    }
    std::optional<std::vector<RoomGroupIx>> groups;
    if (p.room_group_ids) {
        auto g = resolve_room_groups(w, room.tenant, *p.room_group_ids, "roomGroupIds");
        if (!g)
            issues.insert(issues.end(), g.error().fields.begin(), g.error().fields.end());
        else
            groups = *g;
    }
    if (!issues.empty()) return Error::invalid(std::move(issues));
    Room& m = w.room_mut(ri);
    if (p.display_name) m.display_name = trimmed(*p.display_name);
    if (p.site) m.site = trimmed(*p.site);
    if (ring) m.ring = *ring;
    if (groups) w.set_room_groups(ri, *groups);
    return ok();
}

Status reset_room_key(World& w, RoomIx r, const IdSource& keys) {
    w.room_mut(r).enrollment_key = keys();
    return ok();
}

Status unenroll_room(World& w, RoomIx r) {
    if (!w.room(r).enrolled) return Error::not_found("No such room");
    w.unenroll_room(r);
    return ok();
}

std::vector<RoomIx> rooms_in_group(const World& w, RoomGroupIx g) {
    std::vector<RoomIx> out;
    for (RoomIx r : w.rooms_of(w.room_group(g).tenant)) {
        const Room& room = w.room(r);
        if (room.enrolled && std::binary_search(room.groups.begin(), room.groups.end(), g))
            out.push_back(r);
    }
    return out;
}

namespace {
bool room_group_name_taken(const World& w, TenantIx t, std::string_view name, RoomGroupIx except) {
    std::string wanted = lower(trimmed(name));
    for (RoomGroupIx g : w.room_groups_of(t))
        if (g != except && w.room_group(g).alive && lower(w.room_group(g).name) == wanted)
            return true;
    return false;
}

void set_group_rooms(World& w, RoomGroupIx g, const std::vector<RoomIx>& rooms) {
    for (RoomIx r : rooms_in_group(w, g)) {
        auto groups = w.room(r).groups;
        groups.erase(std::remove(groups.begin(), groups.end(), g), groups.end());
        w.set_room_groups(r, std::move(groups));
    }
    for (RoomIx r : rooms) {
        auto groups = w.room(r).groups;
        groups.push_back(g);
        w.set_room_groups(r, std::move(groups));
    }
}
}  // namespace

Result<RoomGroupIx> create_room_group(World& w, TenantIx t, const std::string& name,
                                      const std::vector<std::string>& room_ids,
                                      const IdSource& ids) {
    std::vector<FieldIssue> issues;
    check_name(issues, "name", name);
    if (issues.empty() && room_group_name_taken(w, t, name, RoomGroupIx{}))
        issues.push_back({"name", "another room group is already called '" + trimmed(name) + "'"});
    auto rooms = resolve_rooms(w, t, room_ids, "roomIds");
    if (!rooms)
        issues.insert(issues.end(), rooms.error().fields.begin(), rooms.error().fields.end());
    if (!issues.empty()) return Error::invalid(std::move(issues));
    RoomGroupIx g = w.add_room_group(RoomGroup{ids(), t, trimmed(name), true});
    set_group_rooms(w, g, *rooms);
    return g;
}

Status update_room_group(World& w, RoomGroupIx g, const std::optional<std::string>& name,
                         const std::optional<std::vector<std::string>>& room_ids) {
    TenantIx t = w.room_group(g).tenant;
    std::vector<FieldIssue> issues;
    if (name) {
        check_name(issues, "name", *name);
        if (issues.empty() && room_group_name_taken(w, t, *name, g))
            issues.push_back(
                {"name", "another room group is already called '" + trimmed(*name) + "'"});
    }
    std::optional<std::vector<RoomIx>> rooms;
    if (room_ids) {
        auto r = resolve_rooms(w, t, *room_ids, "roomIds");
        if (!r)
            issues.insert(issues.end(), r.error().fields.begin(), r.error().fields.end());
        else
            rooms = *r;
    }
    if (!issues.empty()) return Error::invalid(std::move(issues));
    if (name) w.rename_room_group(g, trimmed(*name));
    if (rooms) set_group_rooms(w, g, *rooms);
    return ok();
}

// --- update rings ---------------------------------------------------------------------------

RingBudget ring_budget(int others, int rollout_days, int test_days) {
    RingBudget b;
    b.total = others + rollout_days + test_days;
    b.fits = b.total <= kMaxRingWindowDays;
    return b;
}

int ring_window_days(const World& w, TenantIx t) {
    int days = 0;
    for (RingIx r : w.rings_of(t)) days += w.ring(r).rollout_days + w.ring(r).test_days;
    return days;
}

namespace {
void check_ring_fields(const World& w, TenantIx t, RingIx self, const std::string& name, int order,
                       int rollout, int test, int window_without_self,
                       std::vector<FieldIssue>& issues) {
    check_name(issues, "name", name);
    std::string wanted = lower(trimmed(name));
    for (RingIx r : w.rings_of(t))
        if (r != self && lower(w.ring(r).name) == wanted)
            issues.push_back({"name", "another ring is already called '" + trimmed(name) + "'"});
    if (order < 1 || order > 9) issues.push_back({"order", "must be between 1 and 9"});
    if (rollout < 0 || rollout > kMaxRingWindowDays)
        issues.push_back({"rolloutDays", "must be between 0 and 60"});
    if (test < 0 || test > kMaxRingWindowDays)
        issues.push_back({"testDays", "must be between 0 and 60"});
    RingBudget budget = ring_budget(window_without_self, std::max(0, rollout), std::max(0, test));
    int total = budget.total;
    if (!budget.fits)
        issues.push_back(
            {"rolloutDays", "rollout and test days across all rings would be " +
                                std::to_string(total) + "; the limit is 60 (" +
                                std::to_string(kMaxRingWindowDays - window_without_self) +
                                " days are left)"});
}
}  // namespace

Result<RingIx> create_ring(World& w, TenantIx t, const RingDraft& d, const IdSource& ids) {
    std::vector<FieldIssue> issues;
    check_ring_fields(w, t, RingIx{}, d.name, d.order, d.rollout_days, d.test_days,
                      ring_window_days(w, t), issues);
    check_text(issues, "description", d.description, kMaxDescriptionLength, false);
    if (!issues.empty()) return Error::invalid(std::move(issues));
    UpdateRing ring;
    ring.id = ids();
    ring.tenant = t;
    ring.name = trimmed(d.name);
    ring.description = trimmed(d.description);
    ring.order = d.order;
    ring.rollout_days = d.rollout_days;
    ring.test_days = d.test_days;
    return w.add_ring(std::move(ring));
}

Status update_ring(World& w, RingIx ri, const RingPatch& p) {
    const UpdateRing& ring = w.ring(ri);
    if (ring.built_in && (p.name || p.order))
        return Error::conflict("built_in_ring",
                               "Built-in rings keep their name and order; change their days only");
    std::string name = p.name.value_or(ring.name);
    int order = p.order.value_or(ring.order), rollout = p.rollout_days.value_or(ring.rollout_days),
        test = p.test_days.value_or(ring.test_days);
    std::vector<FieldIssue> issues;
    int others = ring_window_days(w, ring.tenant) - ring.rollout_days - ring.test_days;
    check_ring_fields(w, ring.tenant, ri, name, order, rollout, test, others, issues);
    if (p.description)
        check_text(issues, "description", *p.description, kMaxDescriptionLength, false);
    if (!issues.empty()) return Error::invalid(std::move(issues));
    UpdateRing& m = w.ring_mut(ri);
    m.name = trimmed(name);
    m.order = order;
    m.rollout_days = rollout;
    m.test_days = test;
    if (p.description) m.description = trimmed(*p.description);
    return ok();
}

Status delete_ring(World& w, RingIx ri) {
    if (w.ring(ri).built_in)
        return Error::conflict("built_in_ring", "Built-in rings cannot be deleted");
    TenantIx t = w.ring(ri).tenant;
    auto general = default_ring(w, t);
    for (RoomIx r : w.rooms_of(t))
        if (w.room(r).ring == ri) w.room_mut(r).ring = general.value_or(RingIx{});
    w.remove_ring(ri);
    return ok();
}

Status move_rooms_to_ring(World& w, RingIx ri, const std::vector<std::string>& room_ids) {
    if (room_ids.empty()) return Error::invalid("roomIds", "choose at least one room");
    auto rooms = resolve_rooms(w, w.ring(ri).tenant, room_ids, "roomIds");
    if (!rooms) return rooms.error();
    for (RoomIx r : *rooms) w.room_mut(r).ring = ri;
    return ok();
}

// --- incidents --------------------------------------------------------------------------------

Result<IncidentIx> record_incident(World& w, TenantIx t, const IncidentDraft& d,
                                   const std::string& author, Time now, const IdSource& ids) {
    std::vector<FieldIssue> issues;
    check_name(issues, "title", d.title, kMaxTextLength);
    check_text(issues, "description", d.description, kMaxDescriptionLength, true);
    if (d.room_ids.empty()) issues.push_back({"roomIds", "choose at least one room"});
    auto rooms = resolve_rooms(w, t, d.room_ids, "roomIds");
    if (!rooms)
        issues.insert(issues.end(), rooms.error().fields.begin(), rooms.error().fields.end());
    if (!valid_incident_type(d.type))
        issues.push_back({"type", "'" + d.type + "' is not an incident type"});
    if (d.high_impact)
        check_text(issues, "justification", d.justification, kMaxDescriptionLength, true);
    if (!issues.empty()) return Error::invalid(std::move(issues));
    Incident inc;
    inc.id = ids();
    inc.tenant = t;
    inc.rooms = *rooms;
    inc.type = d.type;
    inc.severity = d.high_impact ? Severity::important : default_severity(d.type);
    inc.title = trimmed(d.title);
    inc.description = trimmed(d.description);
    inc.recorded = true;
    inc.high_impact = d.high_impact;
    inc.justification = d.high_impact ? trimmed(d.justification) : std::string();
    inc.created_at = inc.updated_at = now;
    inc.messages.push_back({author, inc.description, now, false});
    return w.add_incident(std::move(inc));
}

Status update_incident(World& w, IncidentIx i, const IncidentPatch& p, Time now) {
    std::vector<FieldIssue> issues;
    if (p.title) check_name(issues, "title", *p.title, kMaxTextLength);
    std::optional<IncidentState> state;
    if (p.state) {
        state = parse_incident_state(*p.state);
        if (!state)
            issues.push_back(
                {"state",
                 "must be needAction, assignedToService, pendingInvestigation or resolved"});
    }
    std::optional<Severity> severity;
    if (p.severity) {
        severity = parse_severity(*p.severity);
        if (!severity) issues.push_back({"severity", "must be important or warning"});
    }
    if (!issues.empty()) return Error::invalid(std::move(issues));
    if (state == IncidentState::resolved && w.incident(i).recorded)
        return Error::conflict("close_with_reason",
                               "Recorded issues are closed with a reason: use close");
    w.edit_incident(i, [&](Incident& inc) {
        if (p.title) inc.title = trimmed(*p.title);
        if (state) inc.state = *state;
        if (severity) inc.severity = *severity;
        inc.updated_at = now;
    });
    return ok();
}

Status add_incident_message(World& w, IncidentIx i, const std::string& text, bool assign_to_service,
                            const std::string& author, Time now) {
    std::vector<FieldIssue> issues;
    check_text(issues, "text", text, kMaxDescriptionLength, true);
    if (!issues.empty()) return Error::invalid(std::move(issues));
    if (w.incident(i).state == IncidentState::resolved)
        return Error::conflict("incident_closed", "The incident is closed");
    w.edit_incident(i, [&](Incident& inc) {
        inc.messages.push_back({author, trimmed(text), now, assign_to_service});
        if (assign_to_service) inc.state = IncidentState::assigned_to_service;
        inc.updated_at = now;
    });
    return ok();
}

Status close_incident(World& w, IncidentIx i, const std::string& reason, Time now) {
    const auto& reasons = close_reasons();
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
        return Error::invalid(
            "reason",
            "must be one of fixed, hardwareReplaced, configurationChanged, noIssueFound, "
            "duplicate, other");
    if (w.incident(i).state == IncidentState::resolved)
        return Error::conflict("incident_closed", "The incident is already closed");
    w.edit_incident(i, [&](Incident& inc) {
        inc.state = IncidentState::resolved;
        inc.close_reason = reason;
        inc.updated_at = now;
    });
    return ok();
}

Health effective_health(const World& w, RoomIx r) {
    const Room& room = w.room(r);
    if (room.open_issues > 0 && room.health != Health::suppressed) return Health::unhealthy;
    return room.health;
}

}  // namespace mtm
