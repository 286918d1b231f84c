#include "backend/fetch_backend.hpp"

#include "platform/platform.hpp"

namespace portal {

namespace {
constexpr const char* kApiBase = "/api/v1";
}

FetchBackend::FetchBackend(std::string base_url)
    : base_url_(std::move(base_url)), given_(!base_url_.empty()) {
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

void FetchBackend::use_service(const std::string& base_url) {
    if (given_) return;
    base_url_ = base_url;
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

std::string FetchBackend::describe() const {
    return base_url_.empty() ? std::string("this page's TRM service") : base_url_;
}

void FetchBackend::call(std::string method, std::string path, nlohmann::json body,
                        std::function<void(ApiResult)> done) {
    call_if_match(std::move(method), std::move(path), std::move(body), {}, std::move(done));
}

void FetchBackend::call_if_match(std::string method, std::string path, nlohmann::json body,
                                 std::string etag, std::function<void(ApiResult)> done) {
    platform::HttpRequest request;
    request.method = std::move(method);
    request.url = base_url_ + kApiBase + path;
    request.headers.emplace_back("Accept", "application/json");
    if (!token_.empty()) request.headers.emplace_back("Authorization", "Bearer " + token_);
    if (!etag.empty()) request.headers.emplace_back("If-Match", etag);
    if (!body.is_null()) {
        request.headers.emplace_back("Content-Type", "application/json");
        request.body = body.dump();
    }
    platform::http_request(std::move(request), [done = std::move(done)](platform::HttpResponse r) {
        done(interpret_response(r.status, r.body));
    });
}

}  // namespace portal
