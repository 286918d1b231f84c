// The permission catalogue and the four built-in roles of PRODUCT.md §2, checked cell by cell
// through mtm::decide — against a copy of the product table written out here, so a mistake in
// catalogue.cpp cannot hide behind itself.
#include <catch2/catch.hpp>

#include <iterator>
#include <set>
#include <string>
#include <string_view>

#include "mtm_fixture.hpp"

namespace {

using namespace mtmtest;

// PRODUCT.md §2, copied literally: id, then MMR Admin | Site Lead | Site Tech | Primary admins.
struct Row {
    const char* id;
    const char* cells[4];
};
constexpr Row kTable[] = {
    {"rooms.view", {"✓", "✓", "✓", "✓"}},        {"rooms.modify", {"✓", "✓", "✓", "✓"}},
    {"rooms.create", {"✓", "✓", "–", "–"}},      {"rooms.resetKey", {"✓", "–", "–", "–"}},
    {"rooms.downloadKey", {"✓", "✓", "✓", "–"}}, {"rooms.unenroll", {"✓", "✓", "✓", "–"}},
    {"groups.create", {"✓", "✓", "–", "–"}},     {"groups.view", {"✓", "✓", "–", "✓"}},
    {"groups.modify", {"✓", "✓", "–", "–"}},     {"rings.create", {"✓", "–", "–", "–"}},
    {"rings.view", {"✓", "✓", "–", "✓"}},        {"rings.modify", {"✓", "✓", "–", "✓"}},
    {"reports.view", {"✓", "✓", "–", "✓"}},      {"tickets.create", {"✓", "✓", "✓", "✓"}},
    {"tickets.view", {"✓", "✓", "✓", "✓"}},      {"tickets.update", {"✓", "✓", "✓", "✓"}},
    {"settings.view", {"✓", "–", "–", "–"}},     {"settings.modify", {"✓", "–", "–", "–"}},
    {"roles.view", {"✓", "–", "–", "✓"}},        {"roles.modify", {"✓", "–", "–", "✓"}},
};
constexpr BuiltInRole kColumns[4] = {BuiltInRole::mmr_admin, BuiltInRole::site_lead,
                                     BuiltInRole::site_tech, BuiltInRole::primary_admins};

bool granted(const char* cell) {
    std::string_view c(cell);
    REQUIRE((c == "✓" || c == "–"));
    return c == "✓";
}

Permission permission_of(const char* id) {
    auto p = mtm::parse_permission(id);
    REQUIRE(p);
    return *p;
}

// One customer with two rooms (one in a room group), one partner; a user per built-in role, each
// holding only that role with an all-rooms scope. The Primary admin is a partner user whose
// relationship covers all rooms.
struct CatalogueWorld : World {
    TenantIx contoso = customer("Contoso", "contoso.example");
    TenantIx partner_org = partner("Partner", "partner.example");
    RoomGroupIx oslo = room_group(contoso, "Oslo");
    RoomIx lobby = room(contoso, "Lobby");
    RoomIx fjord = room(contoso, "Fjord", {oslo});
    UserIx holder[4] = {user(contoso, "mmr"), user(contoso, "lead"), user(contoso, "tech"),
                        user(partner_org, "primary")};
    RoleIx role[4];

    CatalogueWorld() {
        for (int c = 0; c < 3; ++c) {
            assign_builtin(holder[c], kColumns[c]);
            role[c] = builtin(contoso, kColumns[c]);
        }
        RelationshipIx rel = onboard(contoso, partner_org, {holder[3]}, all_rooms());
        REQUIRE(w.relationship(rel).scope.all_rooms);
        role[3] = primary_admins_role(rel);
    }
};

}  // namespace

TEST_CASE("the catalogue has the twenty permissions of PRODUCT.md in the product's order",
          "[mtm][catalogue]") {
    STATIC_REQUIRE(std::size(kTable) == mtm::kPermissionCount);
    const auto& cat = mtm::catalogue();
    REQUIRE(cat.size() == std::size(kTable));
    for (std::size_t i = 0; i < cat.size(); ++i) {
        INFO("row " << i);
        CHECK(cat[i].id == std::string_view(kTable[i].id));
        CHECK(static_cast<std::size_t>(cat[i].permission) == i);
    }
}

TEST_CASE("parse_permission and to_id round-trip all twenty ids", "[mtm][catalogue]") {
    std::set<Permission> seen;
    for (const Row& row : kTable) {
        INFO(row.id);
        auto p = mtm::parse_permission(row.id);
        REQUIRE(p);
        CHECK(mtm::to_id(*p) == std::string_view(row.id));
        CHECK(mtm::info(*p).permission == *p);
        seen.insert(*p);
    }
    CHECK(seen.size() == mtm::kPermissionCount);  // twenty distinct permissions
}

TEST_CASE("unknown permission ids are rejected", "[mtm][catalogue]") {
    for (const char* bad : {"", "rooms", "rooms.delete", "Rooms.View", "rooms.view ", " rooms.view",
                            "rooms.resetkey", "roles.admin", "tickets.close", "rooms.view.all"}) {
        INFO("'" << bad << "'");
        CHECK_FALSE(mtm::parse_permission(bad));
    }

    // …and a role naming one is refused, with the offending entry pointed at.
    World t;
    TenantIx c = t.customer("Contoso", "contoso.example");
    mtm::RoleDraft d{"Helpers", "", {"tickets.view", "tickets.delete", "rooms.view"}};
    auto r = mtm::create_role(t.w, c, mtm::Side::customer, TenantIx{}, d, t.ids);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == mtm::Error::Kind::invalid);
    CHECK(fields_of(r.error()) == std::vector<std::string>{"permissions[1]"});
}

TEST_CASE("builtin_permissions matches the product table", "[mtm][catalogue]") {
    for (int c = 0; c < 4; ++c) {
        mtm::PermissionSet expected;
        for (const Row& row : kTable)
            if (granted(row.cells[c])) expected.add(permission_of(row.id));
        INFO("role " << mtm::builtin_name(kColumns[c]));
        CHECK(mtm::builtin_permissions(kColumns[c]).bits() == expected.bits());
    }
    CHECK(mtm::builtin_permissions(BuiltInRole::none).empty());
}

TEST_CASE("the built-in role table holds cell by cell through decide()", "[mtm][catalogue]") {
    CatalogueWorld t;
    int cells = 0;
    for (int c = 0; c < 4; ++c) {
        for (const Row& row : kTable) {
            const Permission p = permission_of(row.id);
            const bool expect_allowed = granted(row.cells[c]);
            const Outcome expected = expect_allowed ? Outcome::allowed : Outcome::forbidden;
            INFO(mtm::builtin_name(kColumns[c])
                 << " / " << row.id << ": expected " << outcome_name(expected));

            // On a room, on a room reached through its room group, on the room group, on the
            // tenant: an all-rooms holder gets the same answer everywhere.
            const Decision on_lobby = t.on_room(t.holder[c], p, t.lobby);
            CHECK(on_lobby.outcome == expected);
            CHECK(t.room_outcome(t.holder[c], p, t.fjord) == expected);
            CHECK(t.on_group(t.holder[c], p, t.oslo).outcome == expected);
            const Decision on_tenant = t.on_tenant(t.holder[c], p, t.contoso);
            CHECK(on_tenant.outcome == expected);
            if (expect_allowed) {
                // …granted by that very role.
                CHECK(on_lobby.role == t.role[c]);
                CHECK(on_tenant.role == t.role[c]);
            }
            ++cells;
        }
    }
    CHECK(cells == 80);
}

TEST_CASE("a built-in role grants nothing in another customer", "[mtm][catalogue]") {
    CatalogueWorld t;
    TenantIx fabrikam = t.customer("Fabrikam", "fabrikam.example");
    RoomIx elsewhere = t.room(fabrikam, "Elsewhere");
    for (int c = 0; c < 4; ++c) {
        INFO(mtm::builtin_name(kColumns[c]));
        for (const Row& row : kTable) {
            INFO(row.id);
            CHECK(t.room_outcome(t.holder[c], permission_of(row.id), elsewhere) ==
                  Outcome::not_visible);
            CHECK(t.on_tenant(t.holder[c], permission_of(row.id), fabrikam).outcome ==
                  Outcome::not_visible);
        }
    }
}

TEST_CASE("built-in role names and keys", "[mtm][catalogue]") {
    CHECK(mtm::builtin_name(BuiltInRole::mmr_admin) == "MMR Admin");
    CHECK(mtm::builtin_name(BuiltInRole::site_lead) == "Site Lead");
    CHECK(mtm::builtin_name(BuiltInRole::site_tech) == "Site Tech");
    CHECK(mtm::builtin_name(BuiltInRole::primary_admins) == "Primary admins");
    for (BuiltInRole b : kColumns) {
        INFO(mtm::builtin_name(b));
        auto back = mtm::parse_builtin_key(mtm::builtin_key(b));
        REQUIRE(back);
        CHECK(*back == b);
    }
    CHECK_FALSE(mtm::parse_builtin_key("owner"));
    CHECK_FALSE(mtm::parse_builtin_key(""));

    // Every tenant gets exactly the three customer built-ins, named as the product names them.
    World t;
    TenantIx c = t.customer("Contoso", "contoso.example");
    REQUIRE(t.w.roles_of(c).size() == 3);
    for (int i = 0; i < 3; ++i) {
        const mtm::Role& r = t.w.role(t.builtin(c, kColumns[i]));
        CHECK(r.name == mtm::builtin_name(kColumns[i]));
        CHECK(r.side == mtm::Side::customer);
    }
}
