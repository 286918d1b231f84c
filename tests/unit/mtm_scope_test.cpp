// Scope (PRODUCT.md §2 assignments, §3 "Scope"): partner access never reaches beyond the rooms
// and room groups the customer designated; rooms outside it are invisible (404), never
// forbidden (403); partner delegation stays within it; customer assignments limit by room too.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "mtm_fixture.hpp"

namespace {

using namespace mtmtest;
using Kind = mtm::Error::Kind;
using P = mtm::Permission;

// Contoso: lobby and attic (ungrouped), fjord (in "Oslo"), bergen (in "Bergen"), vault (in no
// group, never designated). MSP is on-boarded with the scope {lobby, group Oslo}; alice is its
// Primary admin.
struct ScopeWorld : World {
    TenantIx contoso = customer("Contoso", "contoso.example");
    TenantIx msp = partner("MSP", "msp.example");
    RoomGroupIx oslo = room_group(contoso, "Oslo");
    RoomGroupIx bergen_group = room_group(contoso, "Bergen");
    RoomIx lobby = room(contoso, "Lobby");
    RoomIx fjord = room(contoso, "Fjord", {oslo});
    RoomIx bergen = room(contoso, "Bergen 1", {bergen_group});
    RoomIx attic = room(contoso, "Attic");
    RoomIx vault = room(contoso, "Vault");
    UserIx alice = user(msp, "alice");
    UserIx dave = user(msp, "dave");
    RelationshipIx rel = onboard(contoso, msp, {alice}, rooms({lobby}, {oslo}));

    RoleIx helpdesk() {
        return partner_role(contoso, msp, "Help desk",
                            {"tickets.create", "tickets.view", "tickets.update"});
    }
};

}  // namespace

TEST_CASE(
    "a partner sees only the designated rooms and room groups; the rest is not visible, never "
    "forbidden",
    "[mtm][scope]") {
    ScopeWorld t;
    REQUIRE_FALSE(t.w.relationship(t.rel).scope.all_rooms);

    // In scope: the named room and the room of the named group.
    for (RoomIx r : {t.lobby, t.fjord}) {
        INFO(t.w.room(r).display_name);
        CHECK(t.can(t.alice, P::rooms_view, r));
        CHECK(t.can(t.alice, P::rooms_modify, r));
        CHECK(mtm::visible(t.w, t.alice, Target::of(t.w, r)));
        // A permission Primary admins lacks is forbidden here: the room is visible.
        CHECK(t.room_outcome(t.alice, P::rooms_reset_key, r) == Outcome::forbidden);
    }
    CHECK(t.on_group(t.alice, P::groups_view, t.oslo).outcome == Outcome::allowed);

    // Outside: not visible for every one of the twenty permissions, granted or not.
    for (RoomIx r : {t.attic, t.bergen, t.vault}) {
        INFO(t.w.room(r).display_name);
        CHECK_FALSE(mtm::visible(t.w, t.alice, Target::of(t.w, r)));
        for (const auto& entry : mtm::catalogue()) {
            INFO(entry.id);
            CHECK(t.room_outcome(t.alice, entry.permission, r) == Outcome::not_visible);
        }
    }
    CHECK_FALSE(mtm::visible(t.w, t.alice, Target::of(t.w, t.bergen_group)));
    for (const auto& entry : mtm::catalogue()) {
        INFO(entry.id);
        CHECK(t.on_group(t.alice, entry.permission, t.bergen_group).outcome ==
              Outcome::not_visible);
    }

    // The partner's Primary admins assignment itself says "all rooms": the relationship clips it.
    CHECK(t.w.assignment(t.primary_admins_assignment(t.rel)).scope.all_rooms);
    // The customer's own admin sees all of them.
    UserIx admin = t.user(t.contoso, "admin");
    t.assign_builtin(admin, BuiltInRole::mmr_admin);
    for (RoomIx r : {t.lobby, t.fjord, t.attic, t.bergen, t.vault})
        CHECK(t.can(admin, P::rooms_reset_key, r));
}

TEST_CASE("an incident is visible to a partner only through a room in scope", "[mtm][scope]") {
    ScopeWorld t;
    mtm::IncidentDraft in_scope;
    in_scope.room_ids = {t.w.room(t.fjord).id};
    in_scope.title = "Camera down";
    in_scope.description = "No picture";
    in_scope.type = "camera";
    auto inc_in = mtm::record_incident(t.w, t.contoso, in_scope, "someone", t.now, t.ids);
    REQUIRE(inc_in);
    mtm::IncidentDraft outside = in_scope;
    outside.room_ids = {t.w.room(t.vault).id};
    auto inc_out = mtm::record_incident(t.w, t.contoso, outside, "someone", t.now, t.ids);
    REQUIRE(inc_out);

    CHECK(mtm::decide(t.w, t.alice, P::tickets_update, Target::of(t.w, *inc_in)).outcome ==
          Outcome::allowed);
    CHECK(mtm::decide(t.w, t.alice, P::tickets_view, Target::of(t.w, *inc_out)).outcome ==
          Outcome::not_visible);
    CHECK(mtm::decide(t.w, t.alice, P::tickets_update, Target::of(t.w, *inc_out)).outcome ==
          Outcome::not_visible);
}

TEST_CASE(
    "a room reached through a room group in scope is visible, and follows the group's membership",
    "[mtm][scope]") {
    ScopeWorld t;
    REQUIRE(t.room_outcome(t.alice, P::rooms_view, t.attic) == Outcome::not_visible);

    // The customer puts the attic into Oslo: it comes into the partner's scope…
    auto add = mtm::update_room_group(
        t.w, t.oslo, std::nullopt,
        std::vector<std::string>{t.w.room(t.fjord).id, t.w.room(t.attic).id});
    if (!add) FAIL(describe(add.error()));
    CHECK(t.can(t.alice, P::rooms_view, t.attic));
    CHECK(t.can(t.alice, P::rooms_view, t.fjord));

    // …and takes the fjord out: it leaves it.
    auto remove = mtm::update_room_group(t.w, t.oslo, std::nullopt,
                                         std::vector<std::string>{t.w.room(t.attic).id});
    if (!remove) FAIL(describe(remove.error()));
    CHECK(t.room_outcome(t.alice, P::rooms_view, t.fjord) == Outcome::not_visible);
    CHECK(t.can(t.alice, P::rooms_view, t.attic));
    // The directly named room stays whatever its groups.
    CHECK(t.can(t.alice, P::rooms_view, t.lobby));

    // An unenrolled room is visible to nobody.
    REQUIRE(mtm::unenroll_room(t.w, t.attic));
    CHECK(t.room_outcome(t.alice, P::rooms_view, t.attic) == Outcome::not_visible);
}

TEST_CASE("a partner custom role's assignment scope must lie within the relationship's scope",
          "[mtm][scope]") {
    ScopeWorld t;
    RoleIx role = t.helpdesk();

    SECTION("a room outside is refused on the scope field") {
        auto a = t.try_assign(role, {t.member(t.dave)}, t.rooms({t.lobby, t.attic}));
        REQUIRE_FALSE(a);
        CHECK(a.error().kind == Kind::invalid);
        CHECK(fields_of(a.error()) == std::vector<std::string>{"scope"});
    }
    SECTION("a room group outside is refused on the scope field") {
        auto a = t.try_assign(role, {t.member(t.dave)}, t.rooms({}, {t.bergen_group}));
        REQUIRE_FALSE(a);
        CHECK(a.error().kind == Kind::invalid);
        CHECK(fields_of(a.error()) == std::vector<std::string>{"scope"});
    }
    SECTION("all rooms is refused when the customer designated only some") {
        auto a = t.try_assign(role, {t.member(t.dave)}, World::all_rooms());
        REQUIRE_FALSE(a);
        CHECK(a.error().kind == Kind::invalid);
        CHECK(fields_of(a.error()) == std::vector<std::string>{"scope"});
    }
    SECTION("the designated room, a room of the designated group, and the group itself are fine") {
        CHECK(t.try_assign(role, {t.member(t.dave)}, t.rooms({t.lobby})));
        CHECK(t.try_assign(role, {t.member(t.dave)}, t.rooms({t.fjord})));
        CHECK(t.try_assign(role, {t.member(t.dave)}, t.rooms({t.lobby}, {t.oslo})));
    }
    SECTION("widening an existing assignment beyond the scope is refused and changes nothing") {
        AssignmentIx a = t.assign(role, {t.member(t.dave)}, t.rooms({t.lobby}));
        mtm::AssignmentPatch patch;
        patch.scope = t.rooms({t.lobby, t.vault});
        auto s = mtm::update_assignment(t.w, a, patch);
        REQUIRE_FALSE(s);
        CHECK(s.error().kind == Kind::invalid);
        CHECK(fields_of(s.error()) == std::vector<std::string>{"scope"});
        CHECK(t.w.assignment(a).scope.rooms == std::vector<RoomIx>{t.lobby});
        CHECK(t.room_outcome(t.dave, P::tickets_view, t.vault) == Outcome::not_visible);
    }
    // Nothing refused left an assignment behind.
    CHECK(t.room_outcome(t.dave, P::tickets_view, t.attic) == Outcome::not_visible);
    CHECK(t.room_outcome(t.dave, P::tickets_view, t.bergen) == Outcome::not_visible);
}

TEST_CASE(
    "a Help desk partner role is forbidden what it lacks in scope, and allowed its ticket "
    "permissions",
    "[mtm][scope]") {
    ScopeWorld t;
    RoleIx role = t.helpdesk();
    CHECK(t.w.role(role).permissions ==
          mtm::PermissionSet({P::tickets_create, P::tickets_view, P::tickets_update}));
    t.assign(role, {t.member(t.dave)}, t.rooms({t.lobby}, {t.oslo}));

    for (RoomIx r : {t.lobby, t.fjord}) {
        INFO(t.w.room(r).display_name);
        CHECK(t.room_outcome(t.dave, P::rooms_reset_key, r) == Outcome::forbidden);
        CHECK(t.room_outcome(t.dave, P::rooms_view, r) == Outcome::forbidden);
        CHECK(t.room_outcome(t.dave, P::rooms_modify, r) == Outcome::forbidden);
        for (P p : {P::tickets_create, P::tickets_view, P::tickets_update}) {
            const Decision d = t.on_room(t.dave, p, r);
            CHECK(d.outcome == Outcome::allowed);
            CHECK(d.role == role);
        }
    }
    CHECK(t.on_tenant(t.dave, P::settings_view, t.contoso).outcome == Outcome::forbidden);
    CHECK(t.on_tenant(t.dave, P::roles_modify, t.contoso).outcome == Outcome::forbidden);
    // Outside the scope: invisible, even for the ticket permissions it holds.
    for (P p : {P::rooms_reset_key, P::tickets_view})
        for (RoomIx r : {t.attic, t.bergen, t.vault})
            CHECK(t.room_outcome(t.dave, p, r) == Outcome::not_visible);
}

TEST_CASE("a partner user's assignment scope narrows further within the relationship",
          "[mtm][scope]") {
    ScopeWorld t;
    RoleIx role = t.helpdesk();
    t.assign(role, {t.member(t.dave)}, t.rooms({t.lobby}));
    CHECK(t.can(t.dave, P::tickets_view, t.lobby));
    // The fjord is in the relationship's scope but not in dave's assignment.
    CHECK(t.room_outcome(t.dave, P::tickets_view, t.fjord) == Outcome::not_visible);
    CHECK(t.on_group(t.dave, P::tickets_view, t.oslo).outcome == Outcome::not_visible);
    CHECK(t.can(t.alice, P::tickets_view, t.fjord));
}

TEST_CASE(
    "explain() for a forbidden partner decision names the permission and the roles that would "
    "grant it",
    "[mtm][scope]") {
    ScopeWorld t;
    RoleIx role = t.helpdesk();
    t.assign(role, {t.member(t.dave)}, t.rooms({t.lobby}));
    const Target lobby = Target::of(t.w, t.lobby);

    const Decision d = mtm::decide(t.w, t.dave, P::rooms_reset_key, lobby);
    REQUIRE(d.outcome == Outcome::forbidden);
    REQUIRE(d.permission == P::rooms_reset_key);

    SECTION(
        "no partner role grants it yet: the customer's MMR Admin is not the partner's to give") {
        mtm::Explanation e = mtm::explain(t.w, t.dave, d, lobby);
        CHECK_THAT(e.text, Catch::Contains("rooms.resetKey"));
        CHECK(e.would_grant.empty());
        CHECK_THAT(e.text, Catch::Contains("no role"));
        CHECK_THAT(e.text, !Catch::Contains("MMR Admin"));
    }
    SECTION("a partner cannot make a role holding it: delegation stays within Primary admins") {
        mtm::RoleDraft draft{"Key keeper", "", {"rooms.view", "rooms.resetKey"}};
        auto refused = mtm::create_role(t.w, t.contoso, mtm::Side::partner, t.msp, draft, t.ids);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().kind == mtm::Error::Kind::invalid);
        REQUIRE(refused.error().fields.size() == 1);
        CHECK(refused.error().fields[0].field == "permissions");
        CHECK_THAT(refused.error().fields[0].message, Catch::Contains("rooms.resetKey"));
    }
    SECTION("partner roles holding a permission are listed, and only those") {
        RoleIx editor =
            t.partner_role(t.contoso, t.msp, "Room editor", {"rooms.view", "rooms.modify"});
        RoleIx fixer = t.partner_role(t.contoso, t.msp, "Fixer", {"rooms.modify"});
        const Decision md = mtm::decide(t.w, t.dave, P::rooms_modify, lobby);
        REQUIRE(md.outcome == Outcome::forbidden);
        mtm::Explanation e = mtm::explain(t.w, t.dave, md, lobby);
        CHECK_THAT(e.text, Catch::Contains("rooms.modify"));
        CHECK(std::count(e.would_grant.begin(), e.would_grant.end(), editor) == 1);
        CHECK(std::count(e.would_grant.begin(), e.would_grant.end(), fixer) == 1);
        CHECK_THAT(e.text, Catch::Contains("Room editor"));
        CHECK_THAT(e.text, Catch::Contains("Fixer"));
        CHECK_THAT(e.text, !Catch::Contains("Help desk"));
        CHECK_THAT(e.text, !Catch::Contains("MMR Admin"));
    }
    SECTION("for a customer user, the customer's own roles are listed") {
        UserIx tech = t.user(t.contoso, "tech");
        t.assign_builtin(tech, BuiltInRole::site_tech);
        const Decision cd = mtm::decide(t.w, tech, P::rooms_reset_key, lobby);
        REQUIRE(cd.outcome == Outcome::forbidden);
        mtm::Explanation e = mtm::explain(t.w, tech, cd, lobby);
        CHECK(e.would_grant == std::vector<RoleIx>{t.builtin(t.contoso, BuiltInRole::mmr_admin)});
        CHECK_THAT(e.text, Catch::Contains("MMR Admin"));
        CHECK_THAT(e.text, Catch::Contains("rooms.resetKey"));
    }
    SECTION("an allowed decision names its role and assignment; not-visible names nothing") {
        const Decision ok = mtm::decide(t.w, t.dave, P::tickets_view, lobby);
        REQUIRE(ok.allowed());
        mtm::Explanation e = mtm::explain(t.w, t.dave, ok, lobby);
        CHECK_THAT(e.text, Catch::Contains("Help desk"));
        CHECK_THAT(e.text, Catch::Contains("tickets.view"));
        const Target vault = Target::of(t.w, t.vault);
        const Decision hidden = mtm::decide(t.w, t.dave, P::tickets_view, vault);
        REQUIRE(hidden.outcome == Outcome::not_visible);
        mtm::Explanation h = mtm::explain(t.w, t.dave, hidden, vault);
        CHECK(h.would_grant.empty());
        CHECK_THAT(h.text, !Catch::Contains("Vault"));
    }
}

TEST_CASE("customer users with a room-limited assignment see only those rooms", "[mtm][scope]") {
    ScopeWorld t;
    UserIx lead = t.user(t.contoso, "lead");
    t.assign_builtin(lead, BuiltInRole::site_lead, t.rooms({t.lobby}, {t.oslo}));

    CHECK(t.can(lead, P::rooms_create, t.lobby));
    CHECK(t.can(lead, P::rooms_modify, t.fjord));  // through the room group
    CHECK(t.on_group(lead, P::groups_modify, t.oslo).allowed());
    CHECK(t.room_outcome(lead, P::rooms_reset_key, t.lobby) == Outcome::forbidden);
    for (RoomIx r : {t.attic, t.bergen, t.vault}) {
        INFO(t.w.room(r).display_name);
        CHECK(t.room_outcome(lead, P::rooms_view, r) == Outcome::not_visible);
        CHECK(t.room_outcome(lead, P::rooms_reset_key, r) == Outcome::not_visible);
        CHECK_FALSE(mtm::visible(t.w, lead, Target::of(t.w, r)));
    }
    CHECK(t.on_group(lead, P::groups_view, t.bergen_group).outcome == Outcome::not_visible);
    // Their own tenant stays visible; tenant-wide objects are judged by the role.
    CHECK(mtm::tenant_visible(t.w, lead, t.contoso));
    CHECK(t.on_tenant(lead, P::reports_view, t.contoso).allowed());
    CHECK(t.on_tenant(lead, P::settings_view, t.contoso).outcome == Outcome::forbidden);

    // Access is the union over assignments, each within its own scope.
    t.assign_builtin(lead, BuiltInRole::site_tech, t.rooms({t.attic}));
    CHECK(t.can(lead, P::rooms_view, t.attic));
    CHECK(t.room_outcome(lead, P::rooms_create, t.attic) ==
          Outcome::forbidden);                     // Site Tech lacks it
    CHECK(t.can(lead, P::rooms_create, t.lobby));  // Site Lead, in its scope
    CHECK(t.room_outcome(lead, P::rooms_view, t.vault) == Outcome::not_visible);

    // Narrowing the scope takes effect at once.
    mtm::AssignmentPatch narrow;
    narrow.scope = t.rooms({t.lobby});
    auto first = t.w.role(t.builtin(t.contoso, BuiltInRole::site_lead)).assignments.front();
    REQUIRE(mtm::update_assignment(t.w, first, narrow));
    CHECK(t.room_outcome(lead, P::rooms_modify, t.fjord) == Outcome::not_visible);
    CHECK(t.can(lead, P::rooms_modify, t.lobby));
}

TEST_CASE("a security group member is reached by the group's assignment within its scope",
          "[mtm][scope]") {
    ScopeWorld t;
    UserIx tech = t.user(t.contoso, "tech");
    GroupIx techs = t.group(t.contoso, "Techs", {tech});
    t.assign(t.builtin(t.contoso, BuiltInRole::site_tech), {t.member(techs)}, t.rooms({t.attic}));
    CHECK(t.can(tech, P::rooms_download_key, t.attic));
    CHECK(t.room_outcome(tech, P::rooms_view, t.lobby) == Outcome::not_visible);

    REQUIRE(mtm::set_security_group_members(t.w, techs, {}));
    CHECK(t.room_outcome(tech, P::rooms_view, t.attic) == Outcome::not_visible);
}
