#include "server/api_routes.hpp"

#include "trm/health.hpp"

namespace server {

void register_api_routes(Router& router) {
    const std::string base = kApiBase;
    router.add("GET", base + "/health",
               [](const Request&) { return Response::json(200, trm::current_health().to_json()); });
}

}  // namespace server
