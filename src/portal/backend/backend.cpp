#include "backend/backend.hpp"

namespace portal {

std::string ApiResult::error_message() const {
    if (unreachable()) return "The TRM service could not be reached";
    if (problem && !problem->detail.empty()) return problem->detail;
    if (problem && !problem->title.empty()) return problem->title;
    return "The TRM service answered with status " + std::to_string(status);
}

std::vector<std::pair<std::string, std::string>> ApiResult::field_errors() const {
    std::vector<std::pair<std::string, std::string>> out;
    if (problem)
        for (const auto& e : problem->errors) out.emplace_back(e.field, e.message);
    if (out.empty()) out.emplace_back("", error_message());
    return out;
}

ApiResult interpret_response(int status, const std::string& body) {
    ApiResult result;
    result.status = status;
    // Never throws: a proxy's HTML error page or a truncated body must not crash the portal.
    result.body = nlohmann::json::parse(body, nullptr, false);
    result.raw = body;
    if (status >= 400) result.problem = trm::Problem::from_json(result.body);
    return result;
}

}  // namespace portal
