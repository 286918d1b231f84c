#pragma once
// The TRM API of ../shared/API.md, wired onto a Router: one thin adapter per endpoint.
#include "server/router.hpp"

namespace server {

inline constexpr const char* kApiBase = "/api/v1";

void register_api_routes(Router& router);

}  // namespace server
