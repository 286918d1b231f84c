#include "trm/router.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace trm {

namespace {

std::vector<std::string> split_pattern(std::string_view pattern) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < pattern.size()) {
        if (pattern[pos] == '/') {
            ++pos;
            continue;
        }
        std::size_t end = pattern.find('/', pos);
        if (end == std::string_view::npos) end = pattern.size();
        out.emplace_back(pattern.substr(pos, end - pos));
        pos = end;
    }
    return out;
}

bool is_param(const std::string& segment) {
    return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::optional<std::string> Request::query_value(const std::string& key) const {
    auto it = query.find(key);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> Request::header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
}

void Router::add(std::string method, std::string_view pattern, Handler handler) {
    routes_.push_back(
        Route{std::move(method), std::string(pattern), split_pattern(pattern), std::move(handler)});
}

std::vector<Router::RouteInfo> Router::routes() const {
    std::vector<RouteInfo> out;
    out.reserve(routes_.size());
    for (const auto& r : routes_) out.push_back({r.method, r.pattern});
    return out;
}

Response Router::dispatch(std::string method, std::string_view target,
                          std::map<std::string, std::string> headers, std::string body,
                          std::optional<std::string> internal_user, std::string peer) const {
    auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed)
        return Response::problem(
            bad_request("The request target is not a valid URL path: " + parsed.error().message()));
    const boost::urls::url_view& url = *parsed;

    // Decoded segments; an encoded "/" (%2F) or an empty segment can never match a route, so a
    // path such as "/api/v1/rooms/..%2Fetc" is simply unknown rather than a traversal.
    std::vector<std::string> segments;
    for (auto segment : url.encoded_segments()) {
        if (segment.empty()) continue;
        std::string decoded = segment.decode();
        if (decoded.find('/') != std::string::npos || decoded.find('\0') != std::string::npos ||
            decoded == "." || decoded == "..")
            return Response::problem(not_found("No resource at " + std::string(url.path())));
        segments.push_back(std::move(decoded));
    }

    Request request;
    request.method = std::move(method);
    request.target = std::string(target);
    request.headers = std::move(headers);
    request.body = std::move(body);
    request.internal_user = std::move(internal_user);
    request.peer = std::move(peer);
    for (auto param : url.params()) request.query.emplace(param.key, param.value);

    std::string allowed;
    for (const auto& route : routes_) {
        if (route.segments.size() != segments.size()) continue;
        std::vector<std::string> params;
        bool match = true;
        for (std::size_t i = 0; i < segments.size() && match; ++i) {
            if (is_param(route.segments[i]))
                params.push_back(segments[i]);
            else
                match = route.segments[i] == segments[i];
        }
        if (!match) continue;
        if (route.method != request.method) {
            allowed += allowed.empty() ? route.method : ", " + route.method;
            continue;
        }
        request.path_params = std::move(params);
        return route.handler(request);
    }
    if (!allowed.empty()) {
        Response r = Response::problem(method_not_allowed(request.method + " is not supported on " +
                                                          std::string(url.path()) +
                                                          "; allowed: " + allowed));
        r.headers.emplace_back("Allow", allowed);
        return r;
    }
    return Response::problem(not_found("No resource at " + std::string(url.path())));
}

}  // namespace trm
