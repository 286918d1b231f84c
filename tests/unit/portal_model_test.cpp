// The portal's drafts turn into request bodies the service accepts, and its rows read the
// service's answers back without loss: checked against the in-process TRM service.
#include <set>

#include <catch2/catch.hpp>

#include "demo_accounts.hpp"
#include "i18n.hpp"
#include "model.hpp"
#include "mtm/operations.hpp"
#include "trm_fixture.hpp"

using portal::AssignmentDraft;
using portal::RoleRow;
using portal::RoleWizard;
using portal::Scope;
using trmtest::Harness;
using trmtest::json;

TEST_CASE("a scope reads, writes and describes itself", "[portal]") {
    Scope s = Scope::from_json(
        json::parse(R"({"scope":{"allRooms":false,"roomIds":["r1","r2"],"roomGroupIds":["g1"]}})"));
    CHECK_FALSE(s.all_rooms);
    CHECK(s.text() == "1 room group, 2 rooms");
    CHECK(s.to_json() ==
          json::parse(R"({"allRooms":false,"roomIds":["r1","r2"],"roomGroupIds":["g1"]})"));
    CHECK_FALSE(s.empty());

    Scope missing = Scope::from_json(json::parse(R"({"name":"no scope here"})"));
    CHECK(missing.empty());
    CHECK(missing.text() == "No rooms");
    Scope wrong = Scope::from_json(json::parse(R"({"scope":{"allRooms":"yes","roomIds":[1]}})"));
    CHECK(wrong.empty());  // wrong types read as nothing, never as everything

    Scope all;
    CHECK(all.text() == "All rooms");
    CHECK(all.to_json()["allRooms"] == true);
}

TEST_CASE("contact rows: empty rows are left out, one UPN is enough", "[portal]") {
    std::vector<portal::ContactDraft> rows(3);
    CHECK_FALSE(portal::any_contact(rows));
    std::snprintf(rows[1].name, sizeof rows[1].name, "Noa");
    std::snprintf(rows[1].upn, sizeof rows[1].upn, "noa@northwind.example");
    CHECK(portal::any_contact(rows));
    CHECK(portal::contacts_request(rows) ==
          json::parse(R"([{"name":"Noa","upn":"noa@northwind.example"}])"));
}

TEST_CASE("the create-role wizard's requests are accepted and read back unchanged", "[portal]") {
    Harness h;
    auto ann = h.login("ann@contoso.example");

    RoleWizard w;
    std::snprintf(w.name, sizeof w.name, "Facilities");
    std::snprintf(w.description, sizeof w.description, "Oslo building staff");
    w.permissions.add(mtm::Permission::rooms_view);
    w.permissions.add(mtm::Permission::tickets_view);
    auto role = h.send("POST", "/api/v1/tenants/t-contoso/roles", ann, w.role_request());
    REQUIRE(role.status == 201);
    std::string rid = role.body.value("id", "");

    AssignmentDraft& a = w.assignment;
    std::snprintf(a.name, sizeof a.name, "Oslo facilities");
    a.email_notifications = true;
    a.members = {{"user", "u-tom"}};
    a.scope.all_rooms = false;
    a.scope.room_group_ids = {"rg-oslo"};
    a.scope.room_ids = {"r-ny-1"};
    auto created = h.send("POST", "/api/v1/tenants/t-contoso/roles/" + rid + "/assignments", ann,
                          a.to_request());
    REQUIRE(created.status == 201);

    auto list = h.call("GET", "/api/v1/tenants/t-contoso/roles", ann);
    REQUIRE(list.status == 200);
    RoleRow row;
    for (const auto& j : list.body["items"])
        if (j.value("id", "") == rid) row = RoleRow::from_json(j);
    REQUIRE(row.id == rid);
    CHECK(row.name == "Facilities");
    CHECK(row.description == "Oslo building staff");
    CHECK(row.permissions == w.permissions);
    REQUIRE(row.assignments.size() == 1);
    AssignmentDraft back = AssignmentDraft::from_row(row.assignments[0]);
    CHECK(std::string(back.name) == "Oslo facilities");
    CHECK(back.email_notifications);
    CHECK(back.members == a.members);
    CHECK(back.scope.room_group_ids == a.scope.room_group_ids);
    CHECK(back.scope.room_ids == a.scope.room_ids);

    // The editor sends the whole draft back with If-Match; a stale tag is refused.
    back.members.push_back({"user", "u-ann"});
    std::string path =
        "/api/v1/tenants/t-contoso/roles/" + rid + "/assignments/" + row.assignments[0].id;
    auto stale = h.call("PATCH", path, ann, back.to_request().dump(), {{"if-match", "\"stale\""}});
    CHECK(stale.status == 409);
    auto saved = h.call("PATCH", path, ann, back.to_request().dump(),
                        {{"if-match", row.assignments[0].etag}});
    CHECK(saved.status == 200);
    CHECK(saved.body["members"].size() == 2);
}

TEST_CASE("a partner role's ceiling is Primary admins' permissions, a customer's is all",
          "[portal][mtm]") {
    mtm::PermissionSet partner = mtm::custom_role_ceiling(mtm::Side::partner);
    CHECK(partner == mtm::builtin_permissions(mtm::BuiltInRole::primary_admins));
    CHECK(partner.has(mtm::Permission::tickets_view));
    CHECK_FALSE(partner.has(mtm::Permission::settings_view));
    CHECK_FALSE(partner.has(mtm::Permission::rooms_reset_key));
    CHECK(mtm::custom_role_ceiling(mtm::Side::customer) == mtm::PermissionSet::all());
}

TEST_CASE("the offline demo's people come from the world, grouped and with their roles",
          "[portal]") {
    json world = json::parse(R"json({
      "tenants": [
        {"id":"c","name":"Contoso","partnerProgram":false},
        {"id":"p","name":"Northwind","partnerProgram":true},
        {"id":"x","name":"Broken","partnerProgram":"yes"}
      ],
      "users": [
        {"id":"ann","tenantId":"c","upn":"ann@contoso.example","displayName":"Ann"},
        {"id":"nia","tenantId":"p","upn":"nia@northwind.example","displayName":"Nia"},
        {"id":"nat","tenantId":"p","upn":"nat@northwind.example","displayName":"Nat"},
        {"id":"boss","tenantId":"p","upn":"boss@northwind.example"},
        {"id":"odd","tenantId":"c","displayName":"No account name"}
      ],
      "groups": [{"id":"g","tenantId":"p","name":"Help desk","members":["nat","nia"]}],
      "customerRoleAssignments": [
        {"tenantId":"c","role":"mmrAdmin","members":[{"type":"user","id":"ann"}]},
        {"tenantId":"c","role":"noSuchRole","members":[{"type":"user","id":"ann"}]}
      ],
      "relationships": [
        {"customerTenantId":"c","partnerTenantId":"p","members":[{"type":"user","id":"nia"}]},
        {"customerTenantId":"d","partnerTenantId":"p","members":[{"type":"user","id":"nia"}]}
      ],
      "partnerRoles": [
        {"name":"Help desk","assignments":[{"members":[{"type":"group","id":"g"}]}]},
        {"name":"Help desk","assignments":[{"members":[{"type":"user","id":"nat"}]}]}
      ]
    })json");
    auto people = portal::demo_accounts(world);
    REQUIRE(people.size() == 4);  // the user without an account name is left out
    // Partners first, then customers.
    CHECK(people[0].upn == "nia@northwind.example");
    CHECK(people[0].partner);
    CHECK(people[0].roles_text() == "Primary admins of 2 customers · Help desk");
    CHECK(people[1].roles_text() == "Help desk");  // one label, however many ways it is held
    CHECK(people[2].name.empty());
    CHECK(people[2].roles_text() == "No role yet");
    CHECK(people[3].tenant == "Contoso");
    CHECK_FALSE(people[3].partner);
    CHECK(people[3].roles_text() == "MMR Admin");
    CHECK(portal::to_json(people)[3]["upn"] == "ann@contoso.example");

    CHECK(portal::demo_accounts(json::parse("[1,2]")).empty());  // not a world: nobody
}

TEST_CASE("a refusal is worded like the service's reason, and in Italian when chosen",
          "[portal]") {
    // A partner user: nothing in its own tenant, the ticket permissions at one customer (not a
    // Primary admin there), and a second customer it does not reach at all.
    mtm::AccessSnapshot s;
    s.tenant_id = "own";
    mtm::AccessContext own;
    own.tenant_id = "own";
    mtm::AccessContext customer;
    customer.tenant_id = "customer";
    customer.via_partner = true;
    customer.permissions = {mtm::Permission::tickets_view, mtm::Permission::tickets_update};
    customer.scope.all_rooms = true;
    s.contexts = {own, customer};
    s.facts = {{"own", false, false, false}, {"customer", false, false, true}};
    std::set<mtm::Refusal> seen;
    for (const auto& spec : mtm::actions()) {
        for (const char* tenant : {"own", "customer", "stranger"}) {
            auto d = mtm::decide(s, spec.action, mtm::SnapshotTarget{tenant, {}, {}});
            if (d.allowed()) continue;
            seen.insert(d.refusal);
            CHECK(portal::describe(d) == mtm::reason_text(d));
        }
    }
    // Every kind of refusal the snapshot can give was worded (not_role_owner needs a role).
    CHECK(seen.count(mtm::Refusal::not_visible));
    CHECK(seen.count(mtm::Refusal::missing_permission));
    CHECK(seen.count(mtm::Refusal::not_primary_admin));
    mtm::RoleFacts customers_role;  // a customer's own role, as a partner sees it named
    auto d = mtm::decide(s, mtm::Action::modify_role,
                         mtm::SnapshotTarget{"customer", {}, customers_role});
    CHECK(d.refusal == mtm::Refusal::missing_permission);  // no roles.modify: that comes first
    portal::set_language(portal::Language::it);
    auto reset = mtm::decide(s, mtm::Action::reset_room_key, mtm::SnapshotTarget{"own", {}, {}});
    std::string it = portal::describe(reset);
    portal::set_language(portal::Language::en);
    CHECK(it.find("Serve l'autorizzazione rooms.resetKey (Sale: Reimposta chiave)") == 0);
    CHECK(it.find("MMR Admin") != std::string::npos);  // role names stay names
}

TEST_CASE("the access matrix draft: what-if edits, their diff, reloads and the CSV", "[portal]") {
    Harness h;
    auto ann = h.login("ann@contoso.example");
    auto tom = h.login("tom@contoso.example");
    auto reply = h.call("GET", "/api/v1/access-matrix", ann);
    REQUIRE(reply.status == 200);
    portal::MatrixDraft m;
    m.load(trm::matrix_from_json(reply.body));
    REQUIRE(m.saved);
    CHECK_FALSE(m.dirty());
    CHECK(m.texture.size() == m.cells.cells.size());
    std::uint32_t tom_row = 0;
    for (std::uint32_t u = 0; u < m.draft.users.size(); ++u)
        if (m.draft.users[u].upn == "tom@contoso.example") tom_row = u;
    // Tom, a Site Tech on the Oslo group, may view some rooms but not reset keys.
    CHECK(m.cells.at(tom_row, 0, mtm::Permission::rooms_view) == mtm::Reach::some_rooms);
    CHECK(m.cells.at(tom_row, 0, mtm::Permission::rooms_reset_key) == mtm::Reach::none);
    auto why =
        portal::explain_matrix_cell(m.draft, m.cells, tom_row, 0, mtm::Permission::rooms_reset_key);
    CHECK(why.find("MMR Admin") != std::string::npos);  // the role that would give it

    // What-if: Tom's assignment to all rooms widens his cells; "nobody" takes them away.
    std::size_t tech = 0;
    for (std::size_t a = 0; a < m.saved->assignments.size(); ++a)
        if (m.saved->roles[m.saved->assignments[a].role].built_in == mtm::BuiltInRole::site_tech)
            tech = a;
    m.scopes[tech] = portal::MatrixDraft::ScopeChoice::all_rooms;
    m.recompute();
    CHECK(m.dirty());
    CHECK(m.cells.at(tom_row, 0, mtm::Permission::rooms_view) == mtm::Reach::all_rooms);
    CHECK(m.changes().widened > 0);
    CHECK(m.changes().gained == 0);
    // The GPU sees both: the draft's reach in bits 0-1, the saved one in bits 2-3.
    std::size_t cell =
        (static_cast<std::size_t>(tom_row) * m.cells.tenants) * mtm::kPermissionCount +
        static_cast<std::size_t>(mtm::Permission::rooms_view);
    CHECK(m.texture[cell] == (2u | 1u << 2));
    m.scopes[tech] = portal::MatrixDraft::ScopeChoice::nobody;
    m.recompute();
    CHECK(m.cells.at(tom_row, 0, mtm::Permission::rooms_view) == mtm::Reach::none);
    CHECK(m.changes().lost > 0);

    // A reload keeps the what-if of assignments that still exist.
    m.load(trm::matrix_from_json(h.call("GET", "/api/v1/access-matrix", ann).body));
    CHECK(m.scopes[tech] == portal::MatrixDraft::ScopeChoice::nobody);
    m.reset_draft();
    CHECK_FALSE(m.dirty());

    std::string csv = m.csv();
    CHECK(csv.rfind("person,upn,tenant,permission,reach,granted_by\n", 0) == 0);
    CHECK(csv.find("tom@contoso.example,Contoso,rooms.view,some rooms,Site Tech / ") !=
          std::string::npos);
    CHECK(csv.find("tom@contoso.example,Contoso,rooms.resetKey") == std::string::npos);
    (void)tom;
}

TEST_CASE("the rooms list filters, sorts and selects, recomputing only when asked to", "[portal]") {
    auto room = [](std::string id, std::string name, std::string site, std::string health,
                   std::vector<std::string> groups, std::string ring = {}) {
        json j = {{"id", id},        {"tenantId", "t"},  {"displayName", name},   {"site", site},
                  {"country", "NO"}, {"health", health}, {"roomGroupIds", groups}};
        if (!ring.empty()) j["updateRingId"] = ring;
        return portal::RoomRow::from_json(j);
    };
    std::vector<portal::RoomRow> rooms = {room("r1", "Oslo 2", "Oslo HQ", "healthy", {"g1"}),
                                          room("r2", "Bergen 1", "Bergen", "unhealthy", {}),
                                          room("r3", "Oslo 1", "Oslo HQ", "unhealthy", {"g1"}, "x"),
                                          room("r4", "Tokyo 1", "Tokyo", "onboarding", {})};
    std::vector<portal::RingRow> rings = {
        portal::RingRow{"s", "Staging", "", "", 1, 0, 0, 0, true},
        portal::RingRow{"gen", "General", "", "", 2, 0, 0, 0, true},
        portal::RingRow{"x", "Executive", "", "", 3, 0, 0, 0, true}};
    portal::RoomsList list;
    auto names = [&] {
        std::vector<std::string> out;
        for (auto i : list.order) out.push_back(rooms[i].display_name);
        return out;
    };
    list.refresh(rooms, 1, "", rings);
    CHECK(names() == std::vector<std::string>{"Bergen 1", "Oslo 1", "Oslo 2", "Tokyo 1"});
    list.refresh(rooms, 1, "OSLO", rings);  // case-insensitive, on name, site and country
    CHECK(names() == std::vector<std::string>{"Oslo 1", "Oslo 2"});
    list.health = "unhealthy";
    list.refresh(rooms, 1, "oslo", rings);
    CHECK(names() == std::vector<std::string>{"Oslo 1"});
    list.health.clear();
    list.group_id = "g1";
    list.refresh(rooms, 1, "", rings);
    CHECK(names() == std::vector<std::string>{"Oslo 1", "Oslo 2"});
    list.group_id.clear();
    // Health sorts the worst first; ring by rollout order, no ring meaning General.
    list.sort = portal::RoomsList::Sort::health;
    list.refresh(rooms, 1, "", rings);
    CHECK(names() == std::vector<std::string>{"Bergen 1", "Oslo 1", "Tokyo 1", "Oslo 2"});
    list.sort = portal::RoomsList::Sort::ring;
    list.ascending = false;
    list.refresh(rooms, 1, "", rings);
    CHECK(names().front() == "Oslo 1");  // Executive, the last ring, first when descending
    // Unchanged inputs keep the order as it is, even if the rooms changed without a version bump.
    auto before = list.order;
    rooms[0].display_name = "Aardvark";
    list.refresh(rooms, 1, "", rings);
    CHECK(list.order == before);

    list.select_shown(rooms);
    CHECK(list.selected.size() == 4);
    list.toggle("r2");
    CHECK_FALSE(list.is_selected("r2"));
    CHECK(list.is_selected("r3"));
    rooms.pop_back();  // r4 is gone (unenrolled elsewhere)
    list.open_id = "r4";
    list.forget_missing(rooms);
    CHECK_FALSE(list.is_selected("r4"));
    CHECK(list.open_id.empty());
}
