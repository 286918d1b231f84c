#include <catch2/catch.hpp>

#include "trm/problem.hpp"

TEST_CASE("a problem document carries every field API.md names", "[problem]") {
    auto doc = trm::forbidden("Reset key needs rooms.resetKey", "rooms.resetKey").to_json();
    CHECK(doc["status"] == 403);
    CHECK(doc["title"] == "Forbidden");
    CHECK(doc["code"] == "missing_permission");
    CHECK(doc["detail"] == "Reset key needs rooms.resetKey");
    CHECK(doc["missing"] == "rooms.resetKey");
    CHECK(doc["type"] == "urn:roomkeeper:problem:missing_permission");
    CHECK_FALSE(doc.contains("errors"));
}

TEST_CASE("a validation problem lists each failing field", "[problem]") {
    auto p = trm::unprocessable(
        {{"expiresInDays", "must be between 1 and 30"}, {"contacts", "must not be empty"}});
    CHECK(p.status == 422);
    auto doc = p.to_json();
    REQUIRE(doc["errors"].size() == 2);
    CHECK(doc["errors"][0]["field"] == "expiresInDays");
    CHECK(doc["errors"][1]["message"] == "must not be empty");
    CHECK(doc["detail"] == "2 fields are invalid");
    CHECK(trm::unprocessable({{"name", "is required"}}).detail == "name: is required");
}

TEST_CASE("a problem survives a round trip through JSON", "[problem]") {
    auto original = trm::unprocessable({{"name", "is required"}});
    auto parsed = trm::Problem::from_json(nlohmann::json::parse(original.to_json().dump()));
    REQUIRE(parsed);
    CHECK(parsed->status == 422);
    CHECK(parsed->code == "validation_failed");
    CHECK(parsed->detail == original.detail);
    REQUIRE(parsed->errors.size() == 1);
    CHECK(parsed->errors[0].field == "name");
}

TEST_CASE("bodies that are not problem documents are recognised as such", "[problem]") {
    CHECK_FALSE(trm::Problem::from_json(nlohmann::json::array()));
    CHECK_FALSE(trm::Problem::from_json(nlohmann::json{{"status", "404"}}));
    CHECK_FALSE(trm::Problem::from_json(nlohmann::json{{"detail", "x"}}));
    // Wrong-typed optional fields are ignored rather than trusted.
    auto p =
        trm::Problem::from_json(nlohmann::json{{"status", 409}, {"missing", 5}, {"errors", "x"}});
    REQUIRE(p);
    CHECK_FALSE(p->missing);
    CHECK(p->errors.empty());
}
