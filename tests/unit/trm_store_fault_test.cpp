// Storage faults (issue #12): a change the store cannot take is answered 503 with Retry-After,
// and the world does not keep it — what clients see is always what a restart would replay.
#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>
#include <string>

#include "trm_fixture.hpp"

namespace {

using trmtest::json;

// The memory store, failing on demand the way a full disk or a locked database fails.
class FaultyStore final : public trm::Store {
  public:
    bool fail_commit = false;
    bool fail_reserve = false;
    int commits = 0;
    void reserve() override {
        if (fail_reserve) throw std::runtime_error("database is locked (SQLITE_BUSY)");
    }
    void commit(const trm::JournalEntry* e, const std::vector<trm::AuditRecord>& a) override {
        if (fail_commit) throw std::runtime_error("database or disk is full (SQLITE_FULL)");
        ++commits;
        inner.commit(e, a);
    }
    std::vector<trm::JournalEntry> journal() const override { return inner.journal(); }
    std::vector<trm::AuditRecord> audit(const trm::AuditQuery& q) const override {
        return inner.audit(q);
    }
    std::optional<std::string> seed() const override { return inner.seed(); }
    void set_seed(const std::string& s) override { inner.set_seed(s); }
    trm::MemoryStore inner;
};

struct Rig {
    Rig() : tokens([this] { return "tok-" + std::to_string(++n); }) { start(); }
    // A fresh service over the same store; `retry`: how long writes pause after a fault.
    void start(std::chrono::milliseconds retry = std::chrono::milliseconds(0)) {
        trm::Service::Options o;
        o.clock = [] { return mtm::Time{1'795'795'200}; };
        o.ids = [this] { return "id-" + std::to_string(++n); };
        o.keys = [this] { return "key-" + std::to_string(++n); };
        o.dev_auth = true;
        o.store_retry = retry;  // 0 by default: the test decides when the fault ends
        service = std::make_unique<trm::Service>(store, tokens, o);
        json world = trmtest::small_world();
        service->open(&world);
        router = trm::Router{};
        service->register_routes(router);
        auto r = router.dispatch("POST", "/api/v1/auth/dev-login", {},
                                 json{{"upn", "ann@contoso.example"}}.dump());
        ann = "Bearer " + json::parse(r.body).value("token", std::string());
    }
    trm::Response call(const std::string& method, const std::string& target,
                       const json& body = {}) {
        return router.dispatch(method, target, {{"authorization", ann}},
                               body.is_null() ? "" : body.dump());
    }
    std::string room_name() {
        return json::parse(call("GET", "/api/v1/tenants/t-contoso/rooms/r-oslo-1").body)
            .value("displayName", std::string());
    }
    int n = 0;
    FaultyStore store;
    trm::DevTokens tokens;
    std::unique_ptr<trm::Service> service;
    trm::Router router;
    std::string ann;
};

std::string retry_after(const trm::Response& r) {
    for (const auto& [name, value] : r.headers)
        if (name == "Retry-After") return value;
    return "";
}

}  // namespace

TEST_CASE("a change the store cannot take is undone and answered 503", "[trm][store]") {
    Rig rig;
    const std::string room = "/api/v1/tenants/t-contoso/rooms/r-oslo-1";
    REQUIRE(rig.call("PATCH", room, {{"displayName", "Oslo A"}}).status == 200);

    rig.store.fail_commit = true;
    auto full = rig.call("PATCH", room, {{"displayName", "Oslo B"}});
    CHECK(full.status == 503);
    CHECK(json::parse(full.body)["code"] == "store_unavailable");
    CHECK(retry_after(full) == "1");
    // Nothing half-applied: the world is what the store has, and reads go on.
    CHECK(rig.room_name() == "Oslo A");
    // A new room (ids drawn, groups touched) is undone as well.
    auto created = rig.call("POST", "/api/v1/tenants/t-contoso/rooms",
                            {{"displayName", "Lobby"},
                             {"site", "Oslo HQ"},
                             {"country", "NO"},
                             {"roomGroupIds", {"rg-oslo"}}});
    CHECK(created.status == 503);
    auto rooms = json::parse(rig.call("GET", "/api/v1/tenants/t-contoso/rooms").body);
    CHECK(rooms["items"].size() == 3);

    // The fault ends: the next write goes through, and a restart replays exactly that.
    rig.store.fail_commit = false;
    REQUIRE(rig.call("PATCH", room, {{"displayName", "Oslo C"}}).status == 200);
    CHECK(rig.room_name() == "Oslo C");
    rig.start();
    CHECK(rig.room_name() == "Oslo C");
    CHECK(rig.store.journal().size() == 2);
}

TEST_CASE("a store that cannot start a change refuses it before anything runs", "[trm][store]") {
    Rig rig;
    rig.store.fail_reserve = true;
    auto busy =
        rig.call("PATCH", "/api/v1/tenants/t-contoso/rooms/r-oslo-1", {{"displayName", "Oslo B"}});
    CHECK(busy.status == 503);
    CHECK(retry_after(busy) == "1");
    CHECK(rig.room_name() == "Oslo 4.12");
    CHECK(rig.store.commits == 0);
    rig.store.fail_reserve = false;
    CHECK(rig.call("PATCH", "/api/v1/tenants/t-contoso/rooms/r-oslo-1", {{"displayName", "Oslo B"}})
              .status == 200);
}

TEST_CASE("writes pause after a storage fault, then the service tries again by itself",
          "[trm][store]") {
    Rig rig;
    rig.start(std::chrono::milliseconds(60'000));
    rig.store.fail_commit = true;
    CHECK(rig.call("PATCH", "/api/v1/tenants/t-contoso/rooms/r-oslo-1", {{"displayName", "X"}})
              .status == 503);
    rig.store.fail_commit = false;
    // Within the pause the store is not even tried: no rebuild per request while the disk is full.
    auto paused =
        rig.call("PATCH", "/api/v1/tenants/t-contoso/rooms/r-oslo-1", {{"displayName", "Y"}});
    CHECK(paused.status == 503);
    CHECK(retry_after(paused) == "60");
    CHECK(rig.room_name() == "Oslo 4.12");
}
