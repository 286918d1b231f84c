#pragma once
// What a route handler returns: status, media type, body and any extra headers. Kept apart from
// Beast so handlers (and their tests) never touch the transport.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "trm/problem.hpp"

namespace trm {

struct Response {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    static Response json(unsigned status, const nlohmann::json& body);
    static Response problem(const Problem& problem);
    static Response no_content();
};

}  // namespace trm
