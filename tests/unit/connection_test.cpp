#include <catch2/catch.hpp>

#include <deque>

#include "connection.hpp"

using portal::ApiResult;
using portal::ConnectionState;
using portal::ServiceConnection;

namespace {

// A backend whose answers the test hands out one by one.
class ScriptedBackend final : public portal::Backend {
  public:
    void call(std::string method, std::string path, nlohmann::json,
              std::function<void(ApiResult)> done) override {
        calls.push_back(method + " " + path);
        pending.push_back(std::move(done));
    }
    std::string describe() const override { return "scripted"; }
    void set_token(std::string) override {}
    void call_if_match(std::string method, std::string path, nlohmann::json body, std::string,
                       std::function<void(ApiResult)> done) override {
        call(std::move(method), std::move(path), std::move(body), std::move(done));
    }

    void answer(int status, const std::string& body) {
        auto done = std::move(pending.front());
        pending.pop_front();
        done(portal::interpret_response(status, body));
    }

    std::vector<std::string> calls;
    std::deque<std::function<void(ApiResult)>> pending;
};

}  // namespace

TEST_CASE("a healthy service is reported connected with its version", "[connection]") {
    ScriptedBackend backend;
    double now = 100;
    ServiceConnection c(backend, [&] { return now; });
    CHECK(c.state() == ConnectionState::checking);
    CHECK_FALSE(c.settled());
    c.check();
    REQUIRE(backend.calls == std::vector<std::string>{"GET /health"});
    backend.answer(200, R"({"status":"ok","version":"0.1.0"})");
    CHECK(c.state() == ConnectionState::connected);
    CHECK(c.version() == "0.1.0");
    CHECK(c.settled());
    CHECK(c.poll() < 0);  // nothing scheduled
}

TEST_CASE("no answer means unreachable, retried with back-off", "[connection]") {
    ScriptedBackend backend;
    double now = 0;
    ServiceConnection c(backend, [&] { return now; });
    c.check();
    backend.answer(0, "");
    CHECK(c.state() == ConnectionState::unreachable);
    CHECK(c.detail() == "No answer from the service.");
    CHECK(c.retry_at() == Approx(2.0));
    now = 1.5;
    CHECK(c.poll() == Approx(0.5));
    CHECK(backend.calls.size() == 1);
    now = 2.0;
    c.poll();
    CHECK(backend.calls.size() == 2);
    CHECK(c.state() == ConnectionState::checking);
    backend.answer(0, "");
    CHECK(c.retry_at() == Approx(6.0));  // 2 s after the first failure, 4 s after the second
}

TEST_CASE("an error answer is unreachable with the service's own reason", "[connection]") {
    ScriptedBackend backend;
    ServiceConnection c(backend, [] { return 0.0; });
    c.check();
    backend.answer(
        502,
        R"({"status":502,"title":"Bad Gateway","detail":"The TRM service is not answering","code":"x"})");
    CHECK(c.state() == ConnectionState::unreachable);
    CHECK(c.detail() == "The service answered 502: The TRM service is not answering.");
}

TEST_CASE("a 200 that is not a health report does not count as connected", "[connection]") {
    ScriptedBackend backend;
    ServiceConnection c(backend, [] { return 0.0; });
    c.check();
    backend.answer(200, "<html>captive portal</html>");
    CHECK(c.state() == ConnectionState::unreachable);
    CHECK(c.detail() == "The service answered, but not with a TRM health report.");
}

TEST_CASE("a second check while one is in flight sends nothing", "[connection]") {
    ScriptedBackend backend;
    ServiceConnection c(backend, [] { return 0.0; });
    c.check();
    c.check();
    CHECK(backend.calls.size() == 1);
}

TEST_CASE("back-off doubles up to thirty seconds", "[connection]") {
    CHECK(ServiceConnection::retry_delay(1) == 2);
    CHECK(ServiceConnection::retry_delay(2) == 4);
    CHECK(ServiceConnection::retry_delay(4) == 16);
    CHECK(ServiceConnection::retry_delay(5) == 30);
    CHECK(ServiceConnection::retry_delay(50) == 30);
}
