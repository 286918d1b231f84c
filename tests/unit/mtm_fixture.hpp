#pragma once
// A small, deterministic MTM world builder for the policy-core unit tests (tests/unit/mtm_*).
//
// Everything goes through the public API of src/mtm: tenants get their built-in customer roles
// and update rings (mtm::add_builtin_customer_roles / add_builtin_rings), roles are assigned with
// mtm::add_assignment, partners are on-boarded with mtm::invite_partner / accept_invitation.
// Ids come from a counter ("id-1", "id-2", …) and time is a plain value, so every run is the same.
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <vector>

#include "mtm/decide.hpp"
#include "mtm/operations.hpp"
#include "mtm/world.hpp"

namespace mtmtest {

using mtm::AssignmentIx;
using mtm::BuiltInRole;
using mtm::Decision;
using mtm::GroupIx;
using mtm::InvitationIx;
using mtm::Outcome;
using mtm::Permission;
using mtm::RelationshipIx;
using mtm::RoleIx;
using mtm::RoomGroupIx;
using mtm::RoomIx;
using mtm::Target;
using mtm::TenantIx;
using mtm::Time;
using mtm::UserIx;

inline constexpr Time kStart = 1'000'000;

// The field names of an invalid-input error, in order.
inline std::vector<std::string> fields_of(const mtm::Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields) out.push_back(f.field);
    return out;
}

inline std::string describe(const mtm::Error& e) {
    std::string s = e.code + ": " + e.message;
    for (const auto& f : e.fields) s += " [" + f.field + ": " + f.message + "]";
    return s;
}

inline const char* outcome_name(Outcome o) {
    switch (o) {
        case Outcome::allowed:
            return "allowed";
        case Outcome::forbidden:
            return "forbidden";
        case Outcome::not_visible:
            return "not_visible";
    }
    return "?";
}

struct World {
    mtm::World w;
    int next_id = 0;
    mtm::IdSource ids = [this] { return "id-" + std::to_string(++next_id); };
    mtm::IdSource keys = [this] { return "key-" + std::to_string(++next_id); };
    Time now = kStart;

    World() = default;
    World(const World&) = delete;  // the id sources capture `this`
    World& operator=(const World&) = delete;

    // --- tenants, users, groups, rooms ---------------------------------------------------------
    TenantIx tenant(const std::string& name, const std::string& domain, bool partner_program) {
        TenantIx t = w.add_tenant(mtm::Tenant{ids(), name, domain, partner_program});
        mtm::add_builtin_customer_roles(w, t, ids);
        mtm::add_builtin_rings(w, t, ids);
        return t;
    }
    TenantIx customer(const std::string& name, const std::string& domain) {
        return tenant(name, domain, false);
    }
    TenantIx partner(const std::string& name, const std::string& domain) {
        return tenant(name, domain, true);
    }

    // A user whose UPN is `local@<tenant's domain>`.
    UserIx user(TenantIx t, const std::string& local) {
        return w.add_user(mtm::User{ids(), t, local + "@" + w.tenant(t).domain, local});
    }
    std::string upn(UserIx u) const { return w.user(u).upn; }

    GroupIx group(TenantIx t, const std::string& name, std::vector<UserIx> members) {
        return w.add_group(mtm::SecurityGroup{ids(), t, name, std::move(members)});
    }

    RoomGroupIx room_group(TenantIx t, const std::string& name) {
        return w.add_room_group(mtm::RoomGroup{ids(), t, name, true});
    }

    RoomIx room(TenantIx t, const std::string& name, std::vector<RoomGroupIx> groups = {}) {
        mtm::Room r;
        r.id = ids();
        r.tenant = t;
        r.display_name = name;
        r.site = "HQ";
        r.country = "NO";
        r.device_model = "Bar 100";
        r.app_version = "1.0";
        r.ring = mtm::default_ring(w, t).value_or(mtm::RingIx{});
        r.enrollment_key = keys();
        r.groups = std::move(groups);
        return w.add_room(std::move(r));
    }

    // --- scopes and members as requests name them ----------------------------------------------
    static mtm::ScopeDraft all_rooms() { return mtm::ScopeDraft{true, {}, {}}; }
    mtm::ScopeDraft rooms(std::vector<RoomIx> rs, std::vector<RoomGroupIx> gs = {}) const {
        mtm::ScopeDraft d;
        for (RoomIx r : rs) d.room_ids.push_back(w.room(r).id);
        for (RoomGroupIx g : gs) d.room_group_ids.push_back(w.room_group(g).id);
        return d;
    }
    mtm::MemberDraft member(UserIx u) const { return {"user", w.user(u).id}; }
    mtm::MemberDraft member(GroupIx g) const { return {"group", w.group(g).id}; }

    // --- roles and assignments -----------------------------------------------------------------
    RoleIx builtin(TenantIx t, BuiltInRole which) const {
        auto r = mtm::builtin_role(w, t, which);
        REQUIRE(r);
        return *r;
    }

    mtm::Result<AssignmentIx> try_assign(RoleIx role, std::vector<mtm::MemberDraft> members,
                                         mtm::ScopeDraft scope,
                                         const std::string& name = "assignment") {
        mtm::AssignmentDraft d;
        d.name = name;
        d.members = std::move(members);
        d.scope = std::move(scope);
        return mtm::add_assignment(w, role, d, ids);
    }

    AssignmentIx assign(RoleIx role, std::vector<mtm::MemberDraft> members, mtm::ScopeDraft scope,
                        const std::string& name = "assignment") {
        auto a = try_assign(role, std::move(members), std::move(scope), name);
        if (!a) FAIL("add_assignment refused: " << describe(a.error()));
        return *a;
    }

    // A customer user given one of the customer's built-in roles.
    AssignmentIx assign_builtin(UserIx u, BuiltInRole which, mtm::ScopeDraft scope = all_rooms()) {
        return assign(builtin(w.user(u).tenant, which), {member(u)}, std::move(scope),
                      "as built-in");
    }

    RoleIx custom_role(TenantIx customer, mtm::Side side, TenantIx partner, const std::string& name,
                       std::vector<std::string> permissions) {
        mtm::RoleDraft d;
        d.name = name;
        d.permissions = std::move(permissions);
        auto r = mtm::create_role(w, customer, side, partner, d, ids);
        if (!r) FAIL("create_role refused: " << describe(r.error()));
        return *r;
    }
    RoleIx partner_role(TenantIx customer, TenantIx partner, const std::string& name,
                        std::vector<std::string> permissions) {
        return custom_role(customer, mtm::Side::partner, partner, name, std::move(permissions));
    }

    // --- invitations and relationships ---------------------------------------------------------
    mtm::InvitationDraft invitation_draft(TenantIx partner, std::vector<UserIx> contacts,
                                          mtm::ScopeDraft scope = all_rooms(),
                                          int days = 14) const {
        mtm::InvitationDraft d;
        d.partner_domain = w.tenant(partner).domain;
        for (UserIx u : contacts) d.contacts.push_back({w.user(u).display_name, w.user(u).upn});
        d.scope = std::move(scope);
        d.expires_in_days = days;
        d.terms_accepted = true;
        return d;
    }

    InvitationIx invite(TenantIx customer, TenantIx partner, std::vector<UserIx> contacts,
                        mtm::ScopeDraft scope = all_rooms(), int days = 14) {
        auto inv = mtm::invite_partner(
            w, customer, invitation_draft(partner, std::move(contacts), std::move(scope), days),
            now, ids);
        if (!inv) FAIL("invite_partner refused: " << describe(inv.error()));
        return *inv;
    }

    RelationshipIx accept(InvitationIx inv, UserIx u) {
        auto rel = mtm::accept_invitation(w, inv, u, now, ids);
        if (!rel) FAIL("accept_invitation refused: " << describe(rel.error()));
        return *rel;
    }

    // Invite the partner with `admins` as contacts and have each of them accept.
    RelationshipIx onboard(TenantIx customer, TenantIx partner, std::vector<UserIx> admins,
                           mtm::ScopeDraft scope = all_rooms()) {
        InvitationIx inv = invite(customer, partner, admins, std::move(scope));
        RelationshipIx rel{};
        for (UserIx u : admins) rel = accept(inv, u);
        return rel;
    }

    RoleIx primary_admins_role(RelationshipIx rel) const {
        return w.relationship(rel).primary_admins;
    }
    // The (first) assignment of the relationship's Primary admins role.
    AssignmentIx primary_admins_assignment(RelationshipIx rel) const {
        const auto& as = w.role(primary_admins_role(rel)).assignments;
        REQUIRE_FALSE(as.empty());
        return as.front();
    }

    // --- decisions -------------------------------------------------------------------------------
    Decision on_room(UserIx u, Permission p, RoomIx r) const {
        return mtm::decide(w, u, p, Target::of(w, r));
    }
    Decision on_group(UserIx u, Permission p, RoomGroupIx g) const {
        return mtm::decide(w, u, p, Target::of(w, g));
    }
    Decision on_tenant(UserIx u, Permission p, TenantIx t) const {
        return mtm::decide(w, u, p, Target::of(t));
    }
    Outcome room_outcome(UserIx u, Permission p, RoomIx r) const {
        return on_room(u, p, r).outcome;
    }
    bool can(UserIx u, Permission p, RoomIx r) const { return on_room(u, p, r).allowed(); }
};

}  // namespace mtmtest

// Readable failure messages for the policy core's enums.
namespace Catch {
template <>
struct StringMaker<mtm::Outcome> {
    static std::string convert(mtm::Outcome o) { return mtmtest::outcome_name(o); }
};
template <>
struct StringMaker<mtm::Error::Kind> {
    static std::string convert(mtm::Error::Kind k) {
        switch (k) {
            case mtm::Error::Kind::invalid:
                return "invalid";
            case mtm::Error::Kind::conflict:
                return "conflict";
            case mtm::Error::Kind::not_found:
                return "not_found";
        }
        return "?";
    }
};
template <>
struct StringMaker<mtm::InvitationState> {
    static std::string convert(mtm::InvitationState s) { return std::string(mtm::to_string(s)); }
};
template <>
struct StringMaker<mtm::ContactStatus> {
    static std::string convert(mtm::ContactStatus s) { return std::string(mtm::to_string(s)); }
};
}  // namespace Catch
