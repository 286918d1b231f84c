#pragma once
// GET /api/v1/health: the one unauthenticated liveness probe. The portal calls it first to
// decide between the service and the offline demo.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace trm {

struct Health {
    std::string status = "ok";  // "ok" is the only value API.md defines
    std::string service = "trm";
    std::string version;
    // Whether POST /auth/dev-login is on: the portal offers typed sign-in only then.
    bool dev_login = false;

    nlohmann::json to_json() const;
    // nullopt unless the body is a health document whose status is "ok".
    static std::optional<Health> from_json(const nlohmann::json& body);
};

// The service's own answer; version is the project version baked in at build time.
Health current_health();

}  // namespace trm
