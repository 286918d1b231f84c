#pragma once
// FetchBackend: the TRM API over HTTP from the browser (emscripten fetch, via the platform seam).
#include "backend/backend.hpp"

namespace portal {

class FetchBackend final : public Backend {
  public:
    // base_url: "" for the page's own origin (serve.py proxies /api/), or e.g. "http://host:8080".
    explicit FetchBackend(std::string base_url = {});

    void call(std::string method, std::string path, nlohmann::json body,
              std::function<void(ApiResult)> done) override;
    void call_if_match(std::string method, std::string path, nlohmann::json body, std::string etag,
                       std::function<void(ApiResult)> done) override;
    std::string describe() const override;

    void set_token(std::string token) override { token_ = std::move(token); }
    void use_service(const std::string& base_url) override;

  private:
    std::string base_url_;
    bool given_;  // ?api= named it: config.json does not move it
    std::string token_;
};

}  // namespace portal
