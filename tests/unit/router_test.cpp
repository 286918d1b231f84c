#include <catch2/catch.hpp>

#include "trm/router.hpp"

using trm::Request;
using trm::Response;
using trm::Router;

namespace {

nlohmann::json body_of(const Response& r) {
    return nlohmann::json::parse(r.body);
}

Router echo_router() {
    Router router;
    router.add("GET", "/api/v1/tenants/{tid}/rooms/{id}", [](const Request& req) {
        nlohmann::json q = nlohmann::json::object();
        for (auto& [k, v] : req.query) q[k].push_back(v);
        return Response::json(200, {{"params", req.path_params}, {"query", q}});
    });
    router.add("DELETE", "/api/v1/tenants/{tid}/rooms/{id}",
               [](const Request&) { return Response::no_content(); });
    return router;
}

}  // namespace

TEST_CASE("path parameters are percent-decoded and query parameters kept in order", "[router]") {
    auto r = echo_router().dispatch("GET",
                                    "/api/v1/tenants/t%201/rooms/r-9?q=a%20b&q=c&health=", {}, "");
    REQUIRE(r.status == 200);
    auto doc = body_of(r);
    CHECK(doc["params"] == nlohmann::json({"t 1", "r-9"}));
    CHECK(doc["query"]["q"] == nlohmann::json({"a b", "c"}));
    CHECK(doc["query"]["health"] == nlohmann::json({""}));
}

TEST_CASE("an unknown path is a 404 problem", "[router]") {
    auto r = echo_router().dispatch("GET", "/api/v1/nothing-here", {}, "");
    CHECK(r.status == 404);
    CHECK(r.content_type == "application/problem+json");
    CHECK(body_of(r)["code"] == "not_found");
    CHECK(body_of(r)["detail"] == "No resource at /api/v1/nothing-here");
}

TEST_CASE("a known path with another method is a 405 naming the allowed ones", "[router]") {
    auto r = echo_router().dispatch("PUT", "/api/v1/tenants/a/rooms/b", {}, "");
    CHECK(r.status == 405);
    REQUIRE(r.headers.size() == 1);
    CHECK(r.headers[0].first == "Allow");
    CHECK(r.headers[0].second == "GET, DELETE");
}

TEST_CASE("a malformed target is a 400 before any handler runs", "[router]") {
    bool ran = false;
    Router router;
    router.add("GET", "/api/v1/x/{id}", [&](const Request&) {
        ran = true;
        return Response::no_content();
    });
    CHECK(router.dispatch("GET", "/api/v1/x/%zz", {}, "").status == 400);
    CHECK(router.dispatch("GET", "/api/v1/x/a b", {}, "").status == 400);
    CHECK(router.dispatch("GET", "http://evil.example/api/v1/x/1", {}, "").status == 400);
    CHECK_FALSE(ran);
}

TEST_CASE("encoded slashes and dot segments never reach a handler", "[router]") {
    bool ran = false;
    Router router;
    router.add("GET", "/api/v1/x/{id}", [&](const Request&) {
        ran = true;
        return Response::no_content();
    });
    CHECK(router.dispatch("GET", "/api/v1/x/..%2F..%2Fetc", {}, "").status == 404);
    CHECK(router.dispatch("GET", "/api/v1/x/%2E%2E", {}, "").status == 404);
    CHECK(router.dispatch("GET", "/api/v1/x/a%00b", {}, "").status == 404);
    CHECK_FALSE(ran);
    CHECK(router.dispatch("GET", "/api/v1/x/ok", {}, "").status == 204);
    CHECK(ran);
}
