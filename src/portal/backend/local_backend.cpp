#include "backend/local_backend.hpp"

#include "platform/platform.hpp"
#include "trm/ids.hpp"

namespace portal {

LocalBackend::LocalBackend(const nlohmann::json& world)
    : tokens_(std::make_unique<trm::DevTokens>([] { return trm::random_hex(32); })) {
    trm::Service::Options options;
    options.clock = platform::unix_time;
    options.ids = trm::random_uuid;
    options.keys = [] { return trm::random_hex(40); };
    options.dev_auth = true;  // the demo signs in by account name, like `serve.py`
    service_ = std::make_unique<trm::Service>(store_, *tokens_, options);
    service_->open(&world);
    service_->register_routes(router_);
}

LocalBackend::~LocalBackend() = default;

void LocalBackend::call(std::string method, std::string path, nlohmann::json body,
                        std::function<void(ApiResult)> done) {
    call_if_match(std::move(method), std::move(path), std::move(body), {}, std::move(done));
}

void LocalBackend::call_if_match(std::string method, std::string path, nlohmann::json body,
                                 std::string etag, std::function<void(ApiResult)> done) {
    std::map<std::string, std::string> headers;
    if (!etag.empty()) headers["if-match"] = etag;
    if (!token_.empty()) headers["authorization"] = "Bearer " + token_;
    std::string text = body.is_null() ? std::string() : body.dump();
    trm::Response r =
        router_.dispatch(std::move(method), "/api/v1" + path, std::move(headers), std::move(text));
    // Answer later, like the network would: callers never see their callback run re-entrantly.
    platform::defer([done = std::move(done), status = static_cast<int>(r.status),
                     raw = std::move(r.body)] { done(interpret_response(status, raw)); });
}

}  // namespace portal
