#include <catch2/catch.hpp>

#include "trm/health.hpp"

TEST_CASE("the service reports itself healthy with its version", "[health]") {
    auto doc = trm::current_health().to_json();
    CHECK(doc["status"] == "ok");
    CHECK(doc["service"] == "trm");
    CHECK_FALSE(doc["version"].get<std::string>().empty());
}

TEST_CASE("the portal accepts only an ok health document", "[health]") {
    CHECK(trm::Health::from_json(nlohmann::json{{"status", "ok"}}));
    CHECK_FALSE(trm::Health::from_json(nlohmann::json{{"status", "degraded"}}));
    CHECK_FALSE(trm::Health::from_json(nlohmann::json{{"status", 1}}));
    CHECK_FALSE(trm::Health::from_json(nlohmann::json::parse("\"ok\"")));
    auto h = trm::Health::from_json(nlohmann::json{{"status", "ok"}, {"version", "1.2.3"}});
    REQUIRE(h);
    CHECK(h->version == "1.2.3");
}
