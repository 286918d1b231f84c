#pragma once
// LocalBackend: the offline demo. The TRM service's own handlers (src/trm) run inside the page
// over the demo world, behind the same Backend interface as FetchBackend — so the portal, the
// policy checks and even the refusals are exactly those of the real service. Changes live in
// this page's memory only.
#include <memory>

#include "backend/backend.hpp"
#include "store/store.hpp"
#include "trm/router.hpp"
#include "trm/service.hpp"
#include "trm/tokens.hpp"

namespace portal {

class LocalBackend final : public Backend {
  public:
    // world: the demo world (API.md "World file"). Throws trm::SeedError when it is unusable.
    explicit LocalBackend(const nlohmann::json& world);
    ~LocalBackend() override;

    void call(std::string method, std::string path, nlohmann::json body,
              std::function<void(ApiResult)> done) override;
    void call_if_match(std::string method, std::string path, nlohmann::json body, std::string etag,
                       std::function<void(ApiResult)> done) override;
    std::string describe() const override { return "offline demo in this browser"; }
    void set_token(std::string token) override { token_ = std::move(token); }
    bool offline() const override { return true; }

  private:
    store::MemoryStore store_;
    std::unique_ptr<trm::DevTokens> tokens_;
    std::unique_ptr<trm::Service> service_;
    trm::Router router_;
    std::string token_;
};

}  // namespace portal
