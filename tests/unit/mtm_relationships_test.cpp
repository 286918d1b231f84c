// Partner relationships, PRODUCT.md §3: invitation, acceptance and denial by listed contacts,
// expiry and revocation, off-boarding from either side, partner roles, and customer isolation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "mtm_fixture.hpp"

namespace {

using namespace mtmtest;
using Kind = mtm::Error::Kind;
using P = mtm::Permission;

// A customer (Contoso, three rooms, one in the room group "Oslo"), a second customer (Fabrikam),
// a partner (three contacts alice, bob, carol; a partner "global admin" holding MMR Admin in
// its own tenant but not listed in any invitation), a second partner, and a non-partner tenant.
struct RelWorld : World {
    TenantIx contoso = customer("Contoso", "contoso.example");
    TenantIx fabrikam = customer("Fabrikam", "fabrikam.example");
    TenantIx msp = partner("MSP", "msp.example");
    TenantIx other_msp = partner("Other MSP", "other-msp.example");
    TenantIx plain = customer("Plain Org", "plain.example");  // not in the partner program

    RoomGroupIx oslo = room_group(contoso, "Oslo");
    RoomIx lobby = room(contoso, "Lobby");
    RoomIx fjord = room(contoso, "Fjord", {oslo});
    RoomIx attic = room(contoso, "Attic");
    RoomIx fab_room = room(fabrikam, "Fabrikam boardroom");

    UserIx contoso_admin = user(contoso, "admin");
    UserIx alice = user(msp, "alice");
    UserIx bob = user(msp, "bob");
    UserIx carol = user(msp, "carol");
    UserIx global_admin = user(msp, "globaladmin");
    UserIx stranger = user(other_msp, "stranger");

    RelWorld() {
        assign_builtin(contoso_admin, BuiltInRole::mmr_admin);
        assign_builtin(global_admin, BuiltInRole::mmr_admin);  // all of the partner's own tenant
    }

    bool is_primary_admin(RelationshipIx rel, UserIx u) const {
        auto pa = mtm::primary_admins(w, rel);
        return std::find(pa.begin(), pa.end(), u) != pa.end();
    }
    mtm::ContactStatus status_of(InvitationIx inv, UserIx u) const {
        const mtm::Contact* c = mtm::contact_of(w, w.invitation(inv), u);
        REQUIRE(c != nullptr);
        return c->status;
    }
    int partner_roles_of(TenantIx customer_t, TenantIx partner_t) const {
        int n = 0;
        for (RoleIx r : w.roles_of(customer_t))
            if (w.role(r).alive && w.role(r).side == mtm::Side::partner &&
                w.role(r).partner == partner_t)
                ++n;
        return n;
    }
    mtm::Result<InvitationIx> try_invite(const mtm::InvitationDraft& d) {
        return mtm::invite_partner(w, contoso, d, now, ids);
    }
};

// The one field an invalid invitation draft is refused for.
void expect_invitation_invalid(RelWorld& t, const mtm::InvitationDraft& d,
                               const std::string& field) {
    const std::size_t before = t.w.invitation_count();
    auto inv = t.try_invite(d);
    REQUIRE_FALSE(inv);
    INFO(describe(inv.error()));
    CHECK(inv.error().kind == Kind::invalid);
    CHECK(fields_of(inv.error()) == std::vector<std::string>{field});
    CHECK(t.w.invitation_count() == before);  // nothing stored
}

}  // namespace

// --- acceptance by listed contacts only -----------------------------------------------------

TEST_CASE("only listed contacts see and act on an invitation, not even a partner global admin",
          "[mtm][relationships]") {
    RelWorld t;
    InvitationIx inv = t.invite(t.contoso, t.msp, {t.alice, t.bob});
    const mtm::Invitation& invitation = t.w.invitation(inv);

    // The partner's global admin really is an admin at home…
    CHECK(t.on_tenant(t.global_admin, P::settings_modify, t.msp).allowed());
    // …yet the invitation does not exist for them.
    CHECK(mtm::contact_of(t.w, invitation, t.global_admin) == nullptr);
    CHECK(mtm::contact_of(t.w, invitation, t.stranger) == nullptr);
    CHECK(mtm::contact_of(t.w, invitation, t.alice) != nullptr);

    auto accepted = mtm::accept_invitation(t.w, inv, t.global_admin, t.now, t.ids);
    REQUIRE_FALSE(accepted);
    CHECK(accepted.error().kind == Kind::not_found);
    auto denied = mtm::deny_invitation(t.w, inv, t.global_admin, t.now);
    REQUIRE_FALSE(denied);
    CHECK(denied.error().kind == Kind::not_found);

    // Nothing happened: no relationship, no access, the contacts still pending.
    CHECK_FALSE(t.w.find_relationship(t.contoso, t.msp));
    CHECK(t.w.relationship_count() == 0);
    CHECK_FALSE(mtm::tenant_visible(t.w, t.global_admin, t.contoso));
    CHECK(t.room_outcome(t.global_admin, P::rooms_view, t.lobby) == Outcome::not_visible);
    CHECK(mtm::invitation_state(t.w.invitation(inv), t.now) == mtm::InvitationState::pending);
    CHECK(t.status_of(inv, t.alice) == mtm::ContactStatus::pending);
    CHECK(t.status_of(inv, t.bob) == mtm::ContactStatus::pending);
}

TEST_CASE("contacts are matched by UPN case-insensitively", "[mtm][relationships]") {
    RelWorld t;
    mtm::InvitationDraft d = t.invitation_draft(t.msp, {});
    d.partner_domain = "  MSP.Example ";
    d.contacts = {{"Alice", "Alice@MSP.example"}};
    auto inv = t.try_invite(d);
    if (!inv) FAIL(describe(inv.error()));
    CHECK(t.w.invitation(*inv).partner == t.msp);
    REQUIRE(mtm::contact_of(t.w, t.w.invitation(*inv), t.alice) != nullptr);
    CHECK(mtm::accept_invitation(t.w, *inv, t.alice, t.now, t.ids));
}

TEST_CASE("deny declines for that contact only and the others can still accept",
          "[mtm][relationships]") {
    RelWorld t;
    InvitationIx inv = t.invite(t.contoso, t.msp, {t.alice, t.bob, t.carol});

    REQUIRE(mtm::deny_invitation(t.w, inv, t.alice, t.now));
    CHECK(t.status_of(inv, t.alice) == mtm::ContactStatus::denied);
    CHECK(t.status_of(inv, t.bob) == mtm::ContactStatus::pending);
    CHECK(t.status_of(inv, t.carol) == mtm::ContactStatus::pending);
    CHECK(mtm::invitation_state(t.w.invitation(inv), t.now) == mtm::InvitationState::pending);
    CHECK_FALSE(t.w.find_relationship(t.contoso, t.msp));

    // Denying twice, or accepting after denying, is refused for alice.
    auto again = mtm::deny_invitation(t.w, inv, t.alice, t.now);
    REQUIRE_FALSE(again);
    CHECK(again.error().kind == Kind::conflict);
    auto late = mtm::accept_invitation(t.w, inv, t.alice, t.now, t.ids);
    REQUIRE_FALSE(late);
    CHECK(late.error().kind == Kind::conflict);

    // Bob accepts: the relationship exists, bob is a Primary admin, alice is not.
    RelationshipIx rel = t.accept(inv, t.bob);
    CHECK(t.is_primary_admin(rel, t.bob));
    CHECK_FALSE(t.is_primary_admin(rel, t.alice));
    CHECK(t.can(t.bob, P::rooms_view, t.lobby));
    CHECK(t.room_outcome(t.alice, P::rooms_view, t.lobby) == Outcome::not_visible);
    CHECK(t.status_of(inv, t.alice) == mtm::ContactStatus::denied);
    CHECK(t.status_of(inv, t.carol) == mtm::ContactStatus::pending);

    // Carol still may.
    CHECK(t.accept(inv, t.carol) == rel);
    CHECK(t.is_primary_admin(rel, t.carol));
}

TEST_CASE("a contact who denied by mistake can be added to Primary admins by another member",
          "[mtm][relationships]") {
    RelWorld t;
    InvitationIx inv = t.invite(t.contoso, t.msp, {t.alice, t.bob});
    REQUIRE(mtm::deny_invitation(t.w, inv, t.alice, t.now));
    RelationshipIx rel = t.accept(inv, t.bob);
    REQUIRE(t.room_outcome(t.alice, P::rooms_view, t.lobby) == Outcome::not_visible);

    mtm::AssignmentPatch patch;
    patch.members = std::vector<mtm::MemberDraft>{t.member(t.bob), t.member(t.alice)};
    auto s = mtm::update_assignment(t.w, t.primary_admins_assignment(rel), patch);
    if (!s) FAIL(describe(s.error()));
    CHECK(t.is_primary_admin(rel, t.alice));
    CHECK(t.can(t.alice, P::rooms_view, t.lobby));
}

TEST_CASE("the first acceptance creates the relationship and Primary admins with the accepter",
          "[mtm][relationships]") {
    RelWorld t;
    InvitationIx inv = t.invite(t.contoso, t.msp, {t.alice, t.bob}, t.rooms({t.lobby}, {t.oslo}));
    REQUIRE_FALSE(mtm::tenant_visible(t.w, t.alice, t.contoso));
    const std::size_t roles_before = t.w.roles_of(t.contoso).size();

    t.now = kStart + 3 * mtm::kDay;
    RelationshipIx rel = t.accept(inv, t.alice);

    auto found = t.w.find_relationship(t.contoso, t.msp);
    REQUIRE(found);
    CHECK(*found == rel);
    const mtm::Relationship& r = t.w.relationship(rel);
    CHECK(r.alive);
    CHECK(r.customer == t.contoso);
    CHECK(r.partner == t.msp);
    CHECK(r.since == kStart + 3 * mtm::kDay);
    CHECK(r.scope == t.w.invitation(inv).scope);  // the invitation's room scope
    CHECK_FALSE(r.scope.all_rooms);

    // One new role: the partner's Primary admins for Contoso, with exactly the accepter in it.
    CHECK(t.w.roles_of(t.contoso).size() == roles_before + 1);
    const mtm::Role& pa = t.w.role(r.primary_admins);
    CHECK(pa.alive);
    CHECK(pa.built_in == BuiltInRole::primary_admins);
    CHECK(pa.side == mtm::Side::partner);
    CHECK(pa.customer == t.contoso);
    CHECK(pa.partner == t.msp);
    CHECK(pa.name == "Primary admins");
    CHECK(pa.permissions == mtm::builtin_permissions(BuiltInRole::primary_admins));
    CHECK(mtm::primary_admins(t.w, rel) == std::vector<UserIx>{t.alice});
    CHECK(t.partner_roles_of(t.contoso, t.msp) == 1);

    // The accepter now has access; the other contact has none until they accept too.
    CHECK(mtm::tenant_visible(t.w, t.alice, t.contoso));
    const Decision d = t.on_room(t.alice, P::rooms_view, t.lobby);
    CHECK(d.outcome == Outcome::allowed);
    CHECK(d.role == r.primary_admins);
    CHECK_FALSE(mtm::tenant_visible(t.w, t.bob, t.contoso));

    CHECK(mtm::invitation_state(t.w.invitation(inv), t.now) == mtm::InvitationState::accepted);
    CHECK(t.status_of(inv, t.alice) == mtm::ContactStatus::accepted);
    CHECK(t.status_of(inv, t.bob) == mtm::ContactStatus::pending);
}

TEST_CASE("a second contact's acceptance joins the same Primary admins role",
          "[mtm][relationships]") {
    RelWorld t;
    InvitationIx inv = t.invite(t.contoso, t.msp, {t.alice, t.bob});
    RelationshipIx rel = t.accept(inv, t.alice);
    RoleIx pa = t.primary_admins_role(rel);

    t.now += mtm::kDay;
    RelationshipIx again = t.accept(inv, t.bob);
    CHECK(again == rel);
    CHECK(t.w.relationship_count() == 1);
    CHECK(t.primary_admins_role(rel) == pa);
    CHECK(t.partner_roles_of(t.contoso, t.msp) == 1);
    CHECK(t.w.relationship(rel).since == kStart);  // established by the first acceptance
    CHECK(mtm::primary_admins(t.w, rel) == std::vector<UserIx>{t.alice, t.bob});
    CHECK(t.on_room(t.bob, P::rooms_view, t.lobby).role == pa);
    CHECK(t.can(t.alice, P::rooms_view, t.lobby));
}

TEST_CASE("contacts added to an invitation later can accept it", "[mtm][relationships]") {
    RelWorld t;
    InvitationIx inv = t.invite(t.contoso, t.msp, {t.alice});
    RelationshipIx rel = t.accept(inv, t.alice);
    REQUIRE(mtm::contact_of(t.w, t.w.invitation(inv), t.carol) == nullptr);

    REQUIRE(mtm::add_contacts(t.w, inv, {{"Carol", t.upn(t.carol)}}, t.now));
    CHECK(t.status_of(inv, t.carol) == mtm::ContactStatus::pending);
    CHECK(t.accept(inv, t.carol) == rel);
    CHECK(mtm::primary_admins(t.w, rel) == std::vector<UserIx>{t.alice, t.carol});

    // A contact outside the partner's domain cannot be added.
    auto outside = mtm::add_contacts(t.w, inv, {{"Stranger", t.upn(t.stranger)}}, t.now);
    REQUIRE_FALSE(outside);
    CHECK(outside.error().kind == Kind::invalid);
    CHECK(fields_of(outside.error()) == std::vector<std::string>{"contacts[0].upn"});
}

TEST_CASE("there is no permanent tie to the user who established the relationship",
          "[mtm][relationships]") {
    RelWorld t;
    InvitationIx inv = t.invite(t.contoso, t.msp, {t.alice, t.bob});
    RelationshipIx rel = t.accept(inv, t.alice);
    t.accept(inv, t.bob);

    // Remove alice (the establisher) from Primary admins while bob remains.
    mtm::AssignmentPatch patch;
    patch.members = std::vector<mtm::MemberDraft>{t.member(t.bob)};
    auto s = mtm::update_assignment(t.w, t.primary_admins_assignment(rel), patch);
    if (!s) FAIL(describe(s.error()));

    CHECK(t.w.relationship(rel).alive);
    CHECK(t.w.find_relationship(t.contoso, t.msp));
    CHECK(mtm::primary_admins(t.w, rel) == std::vector<UserIx>{t.bob});
    for (RoomIx room : {t.lobby, t.fjord, t.attic}) {
        CHECK(t.can(t.bob, P::rooms_modify, room));
        CHECK(t.room_outcome(t.alice, P::rooms_view, room) == Outcome::not_visible);
    }
    CHECK(t.on_tenant(t.bob, P::roles_modify, t.contoso).allowed());
    CHECK(mtm::tenant_visible(t.w, t.bob, t.contoso));
    CHECK_FALSE(mtm::tenant_visible(t.w, t.alice, t.contoso));
}

// --- expiry, revocation, double acceptance --------------------------------------------------

TEST_CASE("an expired invitation can be neither accepted nor denied", "[mtm][relationships]") {
    RelWorld t;
    InvitationIx inv = t.invite(t.contoso, t.msp, {t.alice, t.bob}, World::all_rooms(), 7);
    const Time expires = kStart + 7 * mtm::kDay;
    REQUIRE(t.w.invitation(inv).expires_at == expires);
    CHECK(mtm::invitation_state(t.w.invitation(inv), expires - 1) == mtm::InvitationState::pending);
    CHECK(mtm::invitation_state(t.w.invitation(inv), expires) == mtm::InvitationState::expired);

    auto accepted = mtm::accept_invitation(t.w, inv, t.alice, expires, t.ids);  // now == expires_at
    REQUIRE_FALSE(accepted);
    CHECK(accepted.error().kind == Kind::conflict);
    auto denied = mtm::deny_invitation(t.w, inv, t.bob, expires + mtm::kDay);
    REQUIRE_FALSE(denied);
    CHECK(denied.error().kind == Kind::conflict);

    CHECK_FALSE(t.w.find_relationship(t.contoso, t.msp));
    CHECK(t.status_of(inv, t.alice) == mtm::ContactStatus::pending);
    CHECK(t.status_of(inv, t.bob) == mtm::ContactStatus::pending);
    CHECK_FALSE(mtm::tenant_visible(t.w, t.alice, t.contoso));

    // One second earlier it still worked.
    CHECK(mtm::accept_invitation(t.w, inv, t.alice, expires - 1, t.ids));
}

TEST_CASE("a revoked invitation can be neither accepted nor denied", "[mtm][relationships]") {
    RelWorld t;
    InvitationIx inv = t.invite(t.contoso, t.msp, {t.alice, t.bob});
    REQUIRE(mtm::revoke_invitation(t.w, inv, t.now));
    CHECK(mtm::invitation_state(t.w.invitation(inv), t.now) == mtm::InvitationState::revoked);

    auto accepted = mtm::accept_invitation(t.w, inv, t.alice, t.now, t.ids);
    REQUIRE_FALSE(accepted);
    CHECK(accepted.error().kind == Kind::conflict);
    auto denied = mtm::deny_invitation(t.w, inv, t.bob, t.now);
    REQUIRE_FALSE(denied);
    CHECK(denied.error().kind == Kind::conflict);
    CHECK_FALSE(t.w.find_relationship(t.contoso, t.msp));
    CHECK(t.room_outcome(t.alice, P::rooms_view, t.lobby) == Outcome::not_visible);

    // Revoking again is a conflict too, and contacts cannot be added any more.
    auto again = mtm::revoke_invitation(t.w, inv, t.now);
    REQUIRE_FALSE(again);
    CHECK(again.error().kind == Kind::conflict);
    auto more = mtm::add_contacts(t.w, inv, {{"Carol", t.upn(t.carol)}}, t.now);
    REQUIRE_FALSE(more);
    CHECK(more.error().kind == Kind::conflict);
}

TEST_CASE("accepting the same invitation twice is a conflict", "[mtm][relationships]") {
    RelWorld t;
    InvitationIx inv = t.invite(t.contoso, t.msp, {t.alice, t.bob});
    RelationshipIx rel = t.accept(inv, t.alice);
    const std::size_t roles = t.w.role_count(), assignments = t.w.assignment_count();

    auto twice = mtm::accept_invitation(t.w, inv, t.alice, t.now + 1, t.ids);
    REQUIRE_FALSE(twice);
    CHECK(twice.error().kind == Kind::conflict);
    CHECK(t.w.relationship_count() == 1);
    CHECK(t.w.role_count() == roles);
    CHECK(t.w.assignment_count() == assignments);
    CHECK(mtm::primary_admins(t.w, rel) == std::vector<UserIx>{t.alice});

    // An accepted invitation cannot be revoked either: the customer removes the partner instead.
    auto revoke = mtm::revoke_invitation(t.w, inv, t.now);
    REQUIRE_FALSE(revoke);
    CHECK(revoke.error().kind == Kind::conflict);
}

// --- invitation validation ------------------------------------------------------------------

TEST_CASE("a valid invitation draft is accepted as the baseline of the validation cases",
          "[mtm][relationships]") {
    RelWorld t;
    auto inv = t.try_invite(t.invitation_draft(t.msp, {t.alice}, t.rooms({t.lobby}, {t.oslo}), 30));
    if (!inv) FAIL(describe(inv.error()));
    const mtm::Invitation& i = t.w.invitation(*inv);
    CHECK(i.customer == t.contoso);
    CHECK(i.partner == t.msp);
    CHECK(i.expires_at == kStart + 30 * mtm::kDay);
    CHECK(i.scope.rooms == std::vector<RoomIx>{t.lobby});
    CHECK(i.scope.room_groups == std::vector<RoomGroupIx>{t.oslo});
    REQUIRE(i.contacts.size() == 1);
    CHECK(i.contacts[0].upn == "alice@msp.example");
    CHECK(t.try_invite(t.invitation_draft(t.msp, {t.alice}, World::all_rooms(), 1)));
}

TEST_CASE("invitation: an unknown partner domain is invalid on partnerDomain",
          "[mtm][relationships]") {
    RelWorld t;
    mtm::InvitationDraft d = t.invitation_draft(t.msp, {});
    d.partner_domain = "nobody.example";
    d.contacts = {{"Nobody", "someone@nobody.example"}};
    expect_invitation_invalid(t, d, "partnerDomain");
}

TEST_CASE("invitation: a domain outside the partner program is invalid on partnerDomain",
          "[mtm][relationships]") {
    RelWorld t;
    mtm::InvitationDraft d = t.invitation_draft(t.plain, {});
    d.contacts = {{"Someone", "someone@plain.example"}};
    expect_invitation_invalid(t, d, "partnerDomain");
}

TEST_CASE("invitation: an organisation cannot invite its own domain", "[mtm][relationships]") {
    RelWorld t;
    // The partner-program tenant as the customer, naming itself.
    mtm::InvitationDraft d = t.invitation_draft(t.msp, {t.alice});
    auto inv = mtm::invite_partner(t.w, t.msp, d, t.now, t.ids);
    REQUIRE_FALSE(inv);
    CHECK(inv.error().kind == Kind::invalid);
    CHECK(fields_of(inv.error()) == std::vector<std::string>{"partnerDomain"});
    CHECK(t.w.invitation_count() == 0);
}

TEST_CASE("invitation: at least one contact is required", "[mtm][relationships]") {
    RelWorld t;
    expect_invitation_invalid(t, t.invitation_draft(t.msp, {}), "contacts");
}

TEST_CASE("invitation: a contact outside the partner's domain is invalid", "[mtm][relationships]") {
    RelWorld t;
    mtm::InvitationDraft d = t.invitation_draft(t.msp, {t.alice});
    d.contacts.push_back({"Stranger", t.upn(t.stranger)});
    expect_invitation_invalid(t, d, "contacts[1].upn");
}

TEST_CASE("invitation: a group or malformed UPN cannot be a contact", "[mtm][relationships]") {
    RelWorld t;
    mtm::InvitationDraft d = t.invitation_draft(t.msp, {});
    d.contacts = {{"All engineers", "All Engineers"}};
    expect_invitation_invalid(t, d, "contacts[0].upn");
}

TEST_CASE("invitation: expiry must be 1 to 30 days (0 and 31 are invalid)",
          "[mtm][relationships]") {
    RelWorld t;
    expect_invitation_invalid(t, t.invitation_draft(t.msp, {t.alice}, World::all_rooms(), 0),
                              "expiresInDays");
    expect_invitation_invalid(t, t.invitation_draft(t.msp, {t.alice}, World::all_rooms(), 31),
                              "expiresInDays");
    expect_invitation_invalid(t, t.invitation_draft(t.msp, {t.alice}, World::all_rooms(), -1),
                              "expiresInDays");
}

TEST_CASE("invitation: the terms must be accepted", "[mtm][relationships]") {
    RelWorld t;
    mtm::InvitationDraft d = t.invitation_draft(t.msp, {t.alice});
    d.terms_accepted = false;
    expect_invitation_invalid(t, d, "termsAccepted");
}

TEST_CASE("invitation: manual approval is not available yet", "[mtm][relationships]") {
    RelWorld t;
    mtm::InvitationDraft d = t.invitation_draft(t.msp, {t.alice});
    d.approval = "manual";
    expect_invitation_invalid(t, d, "approval");
}

TEST_CASE("invitation: a scope naming another tenant's room or group is invalid",
          "[mtm][relationships]") {
    RelWorld t;
    expect_invitation_invalid(t,
                              t.invitation_draft(t.msp, {t.alice}, t.rooms({t.lobby, t.fab_room})),
                              "scope.roomIds[1]");
    RoomGroupIx fab_group = t.room_group(t.fabrikam, "Fabrikam HQ");
    expect_invitation_invalid(t, t.invitation_draft(t.msp, {t.alice}, t.rooms({}, {fab_group})),
                              "scope.roomGroupIds[0]");
}

TEST_CASE("invitation: an empty scope is invalid", "[mtm][relationships]") {
    RelWorld t;
    expect_invitation_invalid(t, t.invitation_draft(t.msp, {t.alice}, t.rooms({})), "scope");
}

// --- off-boarding ---------------------------------------------------------------------------

namespace {

// Contoso on-boards MSP (alice Primary admin, dave holding a partner custom role), MSP also
// manages Fabrikam, Contoso has a pending invitation to MSP for carol and one to another partner.
struct OffboardWorld : RelWorld {
    UserIx dave = user(msp, "dave");
    InvitationIx onboarding = invite(contoso, msp, {alice});
    RelationshipIx rel = accept(onboarding, alice);
    RelationshipIx fab_rel = onboard(fabrikam, msp, {bob});
    RoleIx helpdesk = partner_role(contoso, msp, "Help desk",
                                   {"tickets.create", "tickets.view", "tickets.update"});
    AssignmentIx helpdesk_a = assign(helpdesk, {member(dave)}, all_rooms());
    InvitationIx pending_to_msp = invite(contoso, msp, {carol});
    InvitationIx pending_to_other = invite(contoso, other_msp, {stranger});

    void check_before() const {
        REQUIRE(can(alice, P::rooms_view, lobby));
        REQUIRE(can(dave, P::tickets_view, lobby));
        REQUIRE(mtm::tenant_visible(w, alice, contoso));
        REQUIRE(mtm::tenant_visible(w, dave, contoso));
    }

    void check_after() const {
        CHECK_FALSE(w.relationship(rel).alive);
        CHECK_FALSE(w.find_relationship(contoso, msp));
        CHECK(w.relationships_as_customer(contoso).empty());
        // Every partner role and assignment for Contoso is gone…
        CHECK(partner_roles_of(contoso, msp) == 0);
        CHECK_FALSE(w.role(w.relationship(rel).primary_admins).alive);
        CHECK_FALSE(w.role(helpdesk).alive);
        CHECK_FALSE(w.assignment(helpdesk_a).alive);
        CHECK(mtm::primary_admins(w, rel).empty());
        // …and partner users lose access at once.
        for (UserIx u : {alice, dave}) {
            INFO(w.user(u).upn);
            CHECK_FALSE(mtm::tenant_visible(w, u, contoso));
            CHECK(w.grants(u, contoso).empty());
            CHECK(mtm::roles_in_context(w, u, contoso).empty());
            for (RoomIx r : {lobby, fjord, attic})
                for (P p : {P::rooms_view, P::tickets_view, P::tickets_update, P::rooms_modify})
                    CHECK(room_outcome(u, p, r) == Outcome::not_visible);
            CHECK(on_group(u, P::groups_view, oslo).outcome == Outcome::not_visible);
            CHECK(on_tenant(u, P::roles_view, contoso).outcome == Outcome::not_visible);
        }
        // Pending invitations between the two are revoked and can no longer be accepted…
        CHECK(mtm::invitation_state(w.invitation(pending_to_msp), now) ==
              mtm::InvitationState::revoked);
        // …but the customer's invitation to another partner is untouched.
        CHECK(mtm::invitation_state(w.invitation(pending_to_other), now) ==
              mtm::InvitationState::pending);
        // The partner's other customer, and the customer's own admins, are unaffected.
        CHECK(w.relationship(fab_rel).alive);
        CHECK(can(bob, P::rooms_view, fab_room));
        CHECK(can(contoso_admin, P::rooms_reset_key, lobby));
    }
};

}  // namespace

TEST_CASE("the partner removing the customer ends all partner access at once",
          "[mtm][relationships]") {
    OffboardWorld t;
    t.check_before();
    // From the partner's side: the relationship as the partner lists it.
    auto mine = t.w.relationships_as_partner(t.msp);
    REQUIRE(std::find(mine.begin(), mine.end(), t.rel) != mine.end());
    mtm::end_relationship(t.w, t.rel);
    t.check_after();
    CHECK(t.w.relationships_as_partner(t.msp) == std::vector<RelationshipIx>{t.fab_rel});

    auto late = mtm::accept_invitation(t.w, t.pending_to_msp, t.carol, t.now, t.ids);
    REQUIRE_FALSE(late);
    CHECK(late.error().kind == Kind::conflict);
    CHECK_FALSE(mtm::tenant_visible(t.w, t.carol, t.contoso));
}

TEST_CASE("the customer removing the partner ends all partner access at once",
          "[mtm][relationships]") {
    OffboardWorld t;
    t.check_before();
    auto theirs = t.w.relationships_as_customer(t.contoso);
    REQUIRE(theirs == std::vector<RelationshipIx>{t.rel});
    mtm::end_relationship(t.w, theirs.front());
    t.check_after();

    // The old, accepted invitation cannot revive the link either.
    CHECK(mtm::invitation_state(t.w.invitation(t.onboarding), t.now) ==
          mtm::InvitationState::revoked);
    CHECK_FALSE(mtm::add_contacts(t.w, t.onboarding, {{"Carol", t.upn(t.carol)}}, t.now));
    auto revived = mtm::accept_invitation(t.w, t.onboarding, t.alice, t.now, t.ids);
    REQUIRE_FALSE(revived);
    CHECK(revived.error().kind == Kind::conflict);
}

TEST_CASE("a partner can be on-boarded again after being removed, starting from nothing",
          "[mtm][relationships]") {
    OffboardWorld t;
    mtm::end_relationship(t.w, t.rel);
    RelationshipIx again = t.onboard(t.contoso, t.msp, {t.carol}, t.rooms({t.attic}));
    CHECK(again != t.rel);
    CHECK(mtm::primary_admins(t.w, again) == std::vector<UserIx>{t.carol});
    CHECK(t.can(t.carol, P::rooms_view, t.attic));
    CHECK(t.room_outcome(t.carol, P::rooms_view, t.lobby) == Outcome::not_visible);
    // Nobody from the old relationship came back with it.
    CHECK_FALSE(mtm::tenant_visible(t.w, t.alice, t.contoso));
    CHECK_FALSE(mtm::tenant_visible(t.w, t.dave, t.contoso));
    CHECK(t.partner_roles_of(t.contoso, t.msp) == 1);
}

TEST_CASE("a partner custom role deleted by the customer removes access for its holders",
          "[mtm][relationships]") {
    RelWorld t;
    UserIx dave = t.user(t.msp, "dave");
    UserIx erin = t.user(t.msp, "erin");
    GroupIx desk = t.group(t.msp, "Desk", {erin});
    RelationshipIx rel = t.onboard(t.contoso, t.msp, {t.alice});
    RoleIx helpdesk = t.partner_role(t.contoso, t.msp, "Help desk",
                                     {"tickets.create", "tickets.view", "tickets.update"});
    AssignmentIx a1 = t.assign(helpdesk, {t.member(dave)}, World::all_rooms());
    AssignmentIx a2 = t.assign(helpdesk, {t.member(desk)}, t.rooms({t.lobby}));
    REQUIRE(t.can(dave, P::tickets_update, t.fjord));
    REQUIRE(t.can(erin, P::tickets_update, t.lobby));

    REQUIRE(mtm::delete_role(t.w, helpdesk));
    CHECK_FALSE(t.w.role(helpdesk).alive);
    CHECK_FALSE(t.w.assignment(a1).alive);
    CHECK_FALSE(t.w.assignment(a2).alive);
    for (UserIx u : {dave, erin}) {
        CHECK_FALSE(mtm::tenant_visible(t.w, u, t.contoso));
        CHECK(t.room_outcome(u, P::tickets_view, t.lobby) == Outcome::not_visible);
        CHECK(t.room_outcome(u, P::tickets_update, t.fjord) == Outcome::not_visible);
    }
    // The relationship and Primary admins are untouched.
    CHECK(t.w.relationship(rel).alive);
    CHECK(t.can(t.alice, P::tickets_update, t.lobby));
    CHECK(mtm::primary_admins(t.w, rel) == std::vector<UserIx>{t.alice});
}

TEST_CASE("editing a partner custom role's permissions takes effect at once for its holders",
          "[mtm][relationships]") {
    RelWorld t;
    UserIx dave = t.user(t.msp, "dave");
    UserIx erin = t.user(t.msp, "erin");
    GroupIx desk = t.group(t.msp, "Desk", {erin});
    t.onboard(t.contoso, t.msp, {t.alice});
    RoleIx helpdesk = t.partner_role(t.contoso, t.msp, "Help desk", {"tickets.view"});
    t.assign(helpdesk, {t.member(dave), t.member(desk)}, World::all_rooms());
    REQUIRE(t.on_room(dave, P::tickets_update, t.lobby).outcome == Outcome::forbidden);

    mtm::RolePatch widen;
    widen.permissions = std::vector<std::string>{"tickets.view", "tickets.update"};
    REQUIRE(mtm::update_role(t.w, helpdesk, widen));
    for (UserIx u : {dave, erin}) {
        CHECK(t.can(u, P::tickets_update, t.lobby));
        CHECK(t.can(u, P::tickets_view, t.lobby));
    }

    mtm::RolePatch narrow;
    narrow.permissions = std::vector<std::string>{"tickets.update"};
    REQUIRE(mtm::update_role(t.w, helpdesk, narrow));
    for (UserIx u : {dave, erin}) {
        CHECK(t.on_room(u, P::tickets_view, t.lobby).outcome == Outcome::forbidden);
        CHECK(t.can(u, P::tickets_update, t.lobby));
    }

    // An empty permission list is refused and changes nothing.
    mtm::RolePatch none;
    none.permissions = std::vector<std::string>{};
    auto s = mtm::update_role(t.w, helpdesk, none);
    REQUIRE_FALSE(s);
    CHECK(s.error().kind == Kind::invalid);
    CHECK(t.can(dave, P::tickets_update, t.lobby));
}

TEST_CASE("Primary admins can be neither deleted nor edited", "[mtm][relationships]") {
    RelWorld t;
    RelationshipIx rel = t.onboard(t.contoso, t.msp, {t.alice});
    RoleIx pa = t.primary_admins_role(rel);

    auto del = mtm::delete_role(t.w, pa);
    REQUIRE_FALSE(del);
    CHECK(del.error().kind == Kind::conflict);
    CHECK(del.error().code == "built_in_role");

    mtm::RolePatch rename;
    rename.name = "Partner admins";
    auto r1 = mtm::update_role(t.w, pa, rename);
    REQUIRE_FALSE(r1);
    CHECK(r1.error().kind == Kind::conflict);

    mtm::RolePatch widen;
    widen.permissions = std::vector<std::string>{"rooms.view", "rooms.resetKey", "settings.modify"};
    auto r2 = mtm::update_role(t.w, pa, widen);
    REQUIRE_FALSE(r2);
    CHECK(r2.error().kind == Kind::conflict);

    mtm::RolePatch describe_only;
    describe_only.description = "ours now";
    CHECK_FALSE(mtm::update_role(t.w, pa, describe_only));

    // Unchanged.
    const mtm::Role& role = t.w.role(pa);
    CHECK(role.alive);
    CHECK(role.name == "Primary admins");
    CHECK(role.permissions == mtm::builtin_permissions(BuiltInRole::primary_admins));
    CHECK(t.on_room(t.alice, P::rooms_reset_key, t.lobby).outcome == Outcome::forbidden);
    CHECK(t.can(t.alice, P::rooms_view, t.lobby));

    // The customer's own built-ins are just as fixed.
    for (BuiltInRole b : {BuiltInRole::mmr_admin, BuiltInRole::site_lead, BuiltInRole::site_tech}) {
        RoleIx r = t.builtin(t.contoso, b);
        auto d = mtm::delete_role(t.w, r);
        REQUIRE_FALSE(d);
        CHECK(d.error().kind == Kind::conflict);
        CHECK(mtm::update_role(t.w, r, rename).ok() == false);
        CHECK(t.w.role(r).alive);
    }
}

// --- customer isolation -----------------------------------------------------------------------

TEST_CASE("permissions for customer A say nothing about customer B", "[mtm][relationships]") {
    RelWorld t;
    t.onboard(t.contoso, t.msp, {t.alice});
    RoomGroupIx fab_group = t.room_group(t.fabrikam, "Fabrikam HQ");
    RoomIx fab_grouped = t.room(t.fabrikam, "Grouped", {fab_group});

    for (const auto& entry : mtm::catalogue()) {
        INFO(entry.id);
        CHECK(t.room_outcome(t.alice, entry.permission, t.fab_room) == Outcome::not_visible);
        CHECK(t.room_outcome(t.alice, entry.permission, fab_grouped) == Outcome::not_visible);
        CHECK(t.on_group(t.alice, entry.permission, fab_group).outcome == Outcome::not_visible);
        CHECK(t.on_tenant(t.alice, entry.permission, t.fabrikam).outcome == Outcome::not_visible);
    }
    CHECK_FALSE(mtm::tenant_visible(t.w, t.alice, t.fabrikam));
    CHECK(mtm::decide(t.w, t.alice, P::roles_view,
                      Target::of(t.w, t.builtin(t.fabrikam, BuiltInRole::mmr_admin)))
              .outcome == Outcome::not_visible);

    // Bob becomes Fabrikam's Primary admin: each keeps to their own customer.
    t.onboard(t.fabrikam, t.msp, {t.bob}, t.rooms({t.fab_room}));
    CHECK(t.can(t.bob, P::rooms_view, t.fab_room));
    CHECK(t.room_outcome(t.bob, P::rooms_view, t.lobby) == Outcome::not_visible);
    CHECK(t.room_outcome(t.alice, P::rooms_view, t.fab_room) == Outcome::not_visible);
    CHECK_FALSE(mtm::tenant_visible(t.w, t.alice, t.fabrikam));
    CHECK_FALSE(mtm::tenant_visible(t.w, t.bob, t.contoso));

    // A partner role a partner user holds for Contoso does not reach Fabrikam's rooms.
    RoleIx helpdesk = t.partner_role(t.contoso, t.msp, "Help desk", {"tickets.view"});
    t.assign(helpdesk, {t.member(t.bob)}, World::all_rooms());
    CHECK(t.can(t.bob, P::tickets_view, t.lobby));
    const Decision via_fab =
        t.on_room(t.bob, P::tickets_view, t.fab_room);  // via Fabrikam's own Primary admins
    CHECK(via_fab.outcome == Outcome::allowed);
    CHECK(via_fab.role != helpdesk);
    CHECK(t.room_outcome(t.bob, P::tickets_view, fab_grouped) ==
          Outcome::not_visible);  // outside Fabrikam's scope
}

TEST_CASE("a partner user sees only its own partner's roles of a customer",
          "[mtm][relationships]") {
    RelWorld t;
    RelationshipIx rel = t.onboard(t.contoso, t.msp, {t.alice});
    t.onboard(t.contoso, t.other_msp, {t.stranger});
    RoleIx msp_role = t.partner_role(t.contoso, t.msp, "Help desk", {"tickets.view"});
    RoleIx other_role = t.partner_role(t.contoso, t.other_msp, "Help desk", {"tickets.view"});
    RoleIx mmr = t.builtin(t.contoso, BuiltInRole::mmr_admin);
    auto on_role = [&](UserIx u, RoleIx r) {
        return mtm::decide(t.w, u, P::roles_view, Target::of(t.w, r)).outcome;
    };

    CHECK(on_role(t.alice, t.primary_admins_role(rel)) == Outcome::allowed);
    CHECK(on_role(t.alice, msp_role) == Outcome::allowed);
    CHECK(on_role(t.alice, mmr) == Outcome::not_visible);         // the customer's own role
    CHECK(on_role(t.alice, other_role) == Outcome::not_visible);  // another partner's role
    CHECK_FALSE(mtm::visible(t.w, t.alice, Target::of(t.w, other_role)));
    CHECK(mtm::roles_in_context(t.w, t.alice, t.contoso) ==
          std::vector<RoleIx>{t.primary_admins_role(rel), msp_role});
    // The customer's admin sees them all.
    for (RoleIx r : {mmr, msp_role, other_role, t.primary_admins_role(rel)})
        CHECK(on_role(t.contoso_admin, r) == Outcome::allowed);
}

TEST_CASE("a customer's own users never gain access to another customer", "[mtm][relationships]") {
    RelWorld t;
    UserIx fab_user = t.user(t.fabrikam, "fabadmin");
    t.assign_builtin(fab_user, BuiltInRole::mmr_admin);
    CHECK(t.can(fab_user, P::rooms_reset_key, t.fab_room));
    CHECK(t.room_outcome(fab_user, P::rooms_view, t.lobby) == Outcome::not_visible);
    CHECK(t.room_outcome(t.contoso_admin, P::rooms_view, t.fab_room) == Outcome::not_visible);

    // A customer role cannot even be assigned to another tenant's user.
    auto a = t.try_assign(t.builtin(t.contoso, BuiltInRole::site_tech), {t.member(fab_user)},
                          World::all_rooms());
    REQUIRE_FALSE(a);
    CHECK(a.error().kind == Kind::invalid);
    CHECK(fields_of(a.error()) == std::vector<std::string>{"members[0]"});
}
