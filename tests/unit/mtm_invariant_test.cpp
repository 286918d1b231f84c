// The Primary admins invariant (PRODUCT.md §3): each on-boarded customer always has at least one
// member in Primary admins. Every path that could empty it is refused with 409 and changes
// nothing — except ending the relationship itself.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "mtm_fixture.hpp"

namespace {

using namespace mtmtest;
using Kind = mtm::Error::Kind;
using P = mtm::Permission;

// Contoso on-boards MSP; alice is the one and only Primary admin.
struct InvariantWorld : World {
    TenantIx contoso = customer("Contoso", "contoso.example");
    TenantIx msp = partner("MSP", "msp.example");
    RoomIx lobby = room(contoso, "Lobby");
    UserIx alice = user(msp, "alice");
    UserIx bob = user(msp, "bob");
    RelationshipIx rel = onboard(contoso, msp, {alice});
    RoleIx pa = primary_admins_role(rel);
    AssignmentIx pa_assignment = primary_admins_assignment(rel);

    void check_refused(const mtm::Status& s, const std::string& code) const {
        REQUIRE_FALSE(s);
        INFO(describe(s.error()));
        CHECK(s.error().kind == Kind::conflict);
        CHECK(s.error().code == code);
    }
    // The world as it was: alice still the Primary admin, with her access.
    void check_alice_unchanged() const {
        CHECK(w.relationship(rel).alive);
        CHECK(w.role(pa).alive);
        CHECK(w.assignment(pa_assignment).alive);
        CHECK(mtm::primary_admins(w, rel) == std::vector<UserIx>{alice});
        CHECK(can(alice, P::rooms_view, lobby));
        CHECK(on_tenant(alice, P::roles_modify, contoso).allowed());
        CHECK(mtm::tenant_visible(w, alice, contoso));
    }
};

}  // namespace

TEST_CASE("invariant: removing the last member through update_assignment is refused",
          "[mtm][invariant]") {
    InvariantWorld t;
    const auto members_before = t.w.assignment(t.pa_assignment).members;

    SECTION("no members at all") {
        mtm::AssignmentPatch patch;
        patch.members = std::vector<mtm::MemberDraft>{};
        t.check_refused(mtm::update_assignment(t.w, t.pa_assignment, patch), "last_primary_admin");
    }
    SECTION("only an empty security group") {
        GroupIx empty = t.group(t.msp, "Nobody yet", {});
        mtm::AssignmentPatch patch;
        patch.members = std::vector<mtm::MemberDraft>{t.member(empty)};
        t.check_refused(mtm::update_assignment(t.w, t.pa_assignment, patch), "last_primary_admin");
    }
    SECTION("together with other edits, none of which are applied") {
        mtm::AssignmentPatch patch;
        patch.name = "Renamed";
        patch.email_notifications = true;
        patch.members = std::vector<mtm::MemberDraft>{};
        t.check_refused(mtm::update_assignment(t.w, t.pa_assignment, patch), "last_primary_admin");
        CHECK(t.w.assignment(t.pa_assignment).name == "Primary admins");
        CHECK_FALSE(t.w.assignment(t.pa_assignment).email_notifications);
    }
    CHECK(t.w.assignment(t.pa_assignment).members == members_before);
    t.check_alice_unchanged();

    // Replacing alice by bob is fine: the role is never empty.
    mtm::AssignmentPatch swap;
    swap.members = std::vector<mtm::MemberDraft>{t.member(t.bob)};
    REQUIRE(mtm::update_assignment(t.w, t.pa_assignment, swap));
    CHECK(mtm::primary_admins(t.w, t.rel) == std::vector<UserIx>{t.bob});
    CHECK(t.room_outcome(t.alice, P::rooms_view, t.lobby) == Outcome::not_visible);
    CHECK(t.can(t.bob, P::rooms_view, t.lobby));
}

TEST_CASE("invariant: deleting the only Primary admins assignment is refused", "[mtm][invariant]") {
    InvariantWorld t;
    t.check_refused(mtm::delete_assignment(t.w, t.pa_assignment), "last_primary_admin");
    CHECK(t.w.role(t.pa).assignments == std::vector<AssignmentIx>{t.pa_assignment});
    t.check_alice_unchanged();

    // An assignment whose only member is an empty group does not count as a member.
    GroupIx empty = t.group(t.msp, "Nobody yet", {});
    AssignmentIx hollow = t.assign(t.pa, {t.member(empty)}, World::all_rooms(), "hollow");
    t.check_refused(mtm::delete_assignment(t.w, t.pa_assignment), "last_primary_admin");
    t.check_alice_unchanged();

    // With bob in a second assignment, alice's can go; then bob's is the last one.
    AssignmentIx second = t.assign(t.pa, {t.member(t.bob)}, World::all_rooms(), "second");
    REQUIRE(mtm::delete_assignment(t.w, t.pa_assignment));
    CHECK(mtm::primary_admins(t.w, t.rel) == std::vector<UserIx>{t.bob});
    CHECK(t.room_outcome(t.alice, P::rooms_view, t.lobby) == Outcome::not_visible);
    REQUIRE(mtm::delete_assignment(t.w, hollow));
    t.check_refused(mtm::delete_assignment(t.w, second), "last_primary_admin");
    CHECK(t.can(t.bob, P::rooms_view, t.lobby));
}

TEST_CASE("invariant: emptying the security group that is the only route is refused",
          "[mtm][invariant]") {
    InvariantWorld t;
    GroupIx admins = t.group(t.msp, "MSP admins", {t.alice});
    mtm::AssignmentPatch via_group;
    via_group.members = std::vector<mtm::MemberDraft>{t.member(admins)};
    REQUIRE(mtm::update_assignment(t.w, t.pa_assignment, via_group));
    REQUIRE(t.w.assignment(t.pa_assignment).members ==
            std::vector<mtm::Member>{mtm::Member::group(admins)});
    t.check_alice_unchanged();  // now through the group

    t.check_refused(mtm::set_security_group_members(t.w, admins, {}), "last_primary_admin");
    CHECK(t.w.group(admins).members == std::vector<UserIx>{t.alice});
    t.check_alice_unchanged();

    // Swapping the group's members through a moment with two is fine, and access follows.
    REQUIRE(mtm::set_security_group_members(t.w, admins, {t.alice, t.bob}));
    REQUIRE(mtm::set_security_group_members(t.w, admins, {t.bob}));
    CHECK(mtm::primary_admins(t.w, t.rel) == std::vector<UserIx>{t.bob});
    CHECK(t.can(t.bob, P::rooms_view, t.lobby));
    CHECK(t.room_outcome(t.alice, P::rooms_view, t.lobby) == Outcome::not_visible);
    t.check_refused(mtm::set_security_group_members(t.w, admins, {}), "last_primary_admin");
    CHECK(t.can(t.bob, P::rooms_view, t.lobby));
}

TEST_CASE("invariant: a group route does not count when a direct member remains",
          "[mtm][invariant]") {
    InvariantWorld t;
    GroupIx admins = t.group(t.msp, "MSP admins", {t.bob});
    mtm::AssignmentPatch both;
    both.members = std::vector<mtm::MemberDraft>{t.member(t.alice), t.member(admins)};
    REQUIRE(mtm::update_assignment(t.w, t.pa_assignment, both));
    REQUIRE(mtm::primary_admins(t.w, t.rel) == std::vector<UserIx>{t.alice, t.bob});

    REQUIRE(mtm::set_security_group_members(t.w, admins, {}));  // alice remains, directly
    CHECK(mtm::primary_admins(t.w, t.rel) == std::vector<UserIx>{t.alice});
    CHECK(t.room_outcome(t.bob, P::rooms_view, t.lobby) == Outcome::not_visible);
    t.check_alice_unchanged();
}

TEST_CASE("invariant: a group used by another customer's Primary admins is protected there too",
          "[mtm][invariant]") {
    InvariantWorld t;
    TenantIx fabrikam = t.customer("Fabrikam", "fabrikam.example");
    RoomIx fab_room = t.room(fabrikam, "Boardroom");
    UserIx carol = t.user(t.msp, "carol");
    GroupIx fab_admins = t.group(t.msp, "Fabrikam admins", {carol});
    RelationshipIx fab_rel = t.onboard(fabrikam, t.msp, {carol});
    mtm::AssignmentPatch via_group;
    via_group.members = std::vector<mtm::MemberDraft>{t.member(fab_admins)};
    REQUIRE(mtm::update_assignment(t.w, t.primary_admins_assignment(fab_rel), via_group));

    t.check_refused(mtm::set_security_group_members(t.w, fab_admins, {}), "last_primary_admin");
    CHECK(t.can(carol, P::rooms_view, fab_room));
    t.check_alice_unchanged();
}

TEST_CASE("invariant: Primary admins cannot be deleted as a role", "[mtm][invariant]") {
    InvariantWorld t;
    t.check_refused(mtm::delete_role(t.w, t.pa), "built_in_role");
    t.check_alice_unchanged();
    CHECK(t.w.find_role(t.w.role(t.pa).id) == std::optional<RoleIx>{t.pa});
}

TEST_CASE("invariant: the scope of Primary admins cannot be narrowed", "[mtm][invariant]") {
    InvariantWorld t;
    mtm::AssignmentPatch patch;
    patch.scope = t.rooms({t.lobby});
    t.check_refused(mtm::update_assignment(t.w, t.pa_assignment, patch), "built_in_role");
    CHECK(t.w.assignment(t.pa_assignment).scope.all_rooms);
    t.check_alice_unchanged();
}

TEST_CASE("invariant: ending the relationship is allowed and empties Primary admins",
          "[mtm][invariant]") {
    InvariantWorld t;
    GroupIx admins = t.group(t.msp, "MSP admins", {t.bob});
    t.assign(t.pa, {t.member(admins)}, World::all_rooms(), "via group");
    REQUIRE(mtm::primary_admins(t.w, t.rel) == std::vector<UserIx>{t.alice, t.bob});

    mtm::end_relationship(t.w, t.rel);

    CHECK_FALSE(t.w.relationship(t.rel).alive);
    CHECK(mtm::primary_admins(t.w, t.rel).empty());
    CHECK_FALSE(t.w.role(t.pa).alive);
    CHECK(t.w.role(t.pa).assignments.empty());
    CHECK_FALSE(t.w.assignment(t.pa_assignment).alive);
    for (UserIx u : {t.alice, t.bob}) {
        CHECK(t.room_outcome(u, P::rooms_view, t.lobby) == Outcome::not_visible);
        CHECK_FALSE(mtm::tenant_visible(t.w, u, t.contoso));
    }
    // The partner's directory is its own again: the group may now be emptied freely.
    CHECK(mtm::set_security_group_members(t.w, admins, {}));
}
