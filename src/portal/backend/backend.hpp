#pragma once
// The portal's one door to the TRM API. Views never call it: the app state does, and folds the
// answers back into state. Two implementations share this interface: FetchBackend (HTTP to
// trm-server) and, later, LocalBackend (the same src/trm handlers running in the page).
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "trm/problem.hpp"

namespace portal {

struct ApiResult {
    int status = 0;                       // HTTP status; 0 when the service could not be reached
    nlohmann::json body;                  // parsed JSON (discarded value when not JSON)
    std::string raw;                      // the body as received (CSV exports)
    std::optional<trm::Problem> problem;  // set for 4xx/5xx answers that carry problem details

    bool ok() const { return status >= 200 && status < 300; }
    bool unreachable() const { return status == 0; }
    // One line for a person: the service's own reason when it gave one.
    std::string error_message() const;
    // The service's per-field reasons (problem "errors"), or the one-line message under "".
    std::vector<std::pair<std::string, std::string>> field_errors() const;
};

// Turns a raw HTTP answer into an ApiResult (parses JSON and problem details defensively).
ApiResult interpret_response(int status, const std::string& body);

class Backend {
  public:
    virtual ~Backend() = default;
    // path is relative to the API base, e.g. "/health". body is sent as JSON when not null.
    virtual void call(std::string method, std::string path, nlohmann::json body,
                      std::function<void(ApiResult)> done) = 0;
    // The same with an If-Match precondition: `etag` is the object's tag as last read, so a
    // change based on a stale copy is refused (409) instead of overwriting someone else's.
    virtual void call_if_match(std::string method, std::string path, nlohmann::json body,
                               std::string etag, std::function<void(ApiResult)> done) = 0;
    // Where requests go, for the UI ("this page's service", or a URL given with ?api=).
    virtual std::string describe() const = 0;
    // config.json's service URL; ignored when the page was told another one (?api=).
    virtual void use_service(const std::string& base_url) { (void)base_url; }
    // The bearer token sent with every call from now on ("" signs out).
    virtual void set_token(std::string token) = 0;
    // True for the offline demo: the service runs inside the page.
    virtual bool offline() const { return false; }
};

}  // namespace portal
