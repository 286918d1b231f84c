#pragma once
// RFC 9457 problem details: the one error shape of the TRM API (see ../shared/API.md).
// The service produces them, the portal parses them to show the service's reason verbatim.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace trm {

// One field that failed validation (422 responses list them all, not just the first).
struct FieldError {
    std::string field;
    std::string message;
};

struct Problem {
    int status = 500;
    std::string code;    // stable machine-readable reason, e.g. "not_found", "missing_permission"
    std::string title;   // short human summary of the status
    std::string detail;  // what went wrong with *this* request, for a person to read
    std::optional<std::string> missing;  // the permission id a 403 lacks
    std::vector<FieldError> errors;      // the fields a 422 rejects

    nlohmann::json to_json() const;
    // Reads a problem+json body; nullopt when the body is not a problem document.
    static std::optional<Problem> from_json(const nlohmann::json& body);
};

inline constexpr const char* kProblemContentType = "application/problem+json";

// Constructors for the statuses of API.md, so every layer words them the same way.
Problem bad_request(std::string detail, std::string code = "bad_request");
Problem unauthorized(std::string detail);
Problem forbidden(std::string detail, std::string missing_permission);
Problem not_found(std::string detail);
Problem method_not_allowed(std::string detail);
Problem conflict(std::string detail, std::string code = "conflict");
Problem payload_too_large(std::string detail);
Problem unprocessable(std::vector<FieldError> errors);
Problem internal_error(std::string detail);

// The standard reason phrase for a status ("Not Found"), used as a problem's title.
const char* status_title(int status);

}  // namespace trm
