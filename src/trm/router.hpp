#pragma once
// Maps (method, path) to handlers. Paths are matched segment by segment after Boost.URL has
// parsed and percent-decoded the request target, so "/api/v1/tenants/{tid}/rooms" matches
// whatever a client encodes and a malformed target is a 400 before any handler runs.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trm/response.hpp"

namespace trm {

struct Request {
    std::string method;                             // "GET", "POST", ...
    std::string target;                             // as received: path and query
    std::vector<std::string> path_params;           // values of {…} segments, in order
    std::multimap<std::string, std::string> query;  // decoded; repeated keys kept
    std::map<std::string, std::string> headers;     // lower-case names
    std::string body;
    // Set only by in-process callers (journal replay, the portal's offline backend): the user the
    // request acts as. Never filled from the network.
    std::optional<std::string> internal_user;
    // The client's address as the transport saw it (empty for in-process callers): what rate
    // limits key on. Never taken from a header a client could write.
    std::string peer;

    // First value of a query parameter, if present.
    std::optional<std::string> query_value(const std::string& key) const;
    std::optional<std::string> header(const std::string& lower_case_name) const;
};

using Handler = std::function<Response(const Request&)>;

class Router {
  public:
    // pattern: "/api/v1/rooms/{id}"; a segment in braces matches any one non-empty segment.
    void add(std::string method, std::string_view pattern, Handler handler);

    // Parses target (origin-form, e.g. "/api/v1/rooms?q=a%20b") and runs the matching handler.
    // Unknown path → 404, known path with another method → 405 (with Allow), bad target → 400.
    Response dispatch(std::string method, std::string_view target,
                      std::map<std::string, std::string> headers, std::string body,
                      std::optional<std::string> internal_user = std::nullopt,
                      std::string peer = {}) const;

    struct RouteInfo {
        std::string method;
        std::string pattern;
    };
    std::vector<RouteInfo> routes() const;

  private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;  // "{…}" marks a parameter
        Handler handler;
    };
    std::vector<Route> routes_;
};

}  // namespace trm
