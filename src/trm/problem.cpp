#include "trm/problem.hpp"

namespace trm {

namespace {

Problem make(int status, std::string code, std::string detail) {
    Problem p;
    p.status = status;
    p.code = std::move(code);
    p.title = status_title(status);
    p.detail = std::move(detail);
    return p;
}

}  // namespace

const char* status_title(int status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 413:
            return "Content Too Large";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Error";
    }
}

nlohmann::json Problem::to_json() const {
    nlohmann::json body = {
        // A URN rather than a URL: the problem types are documented in docs/openapi.yaml, not
        // served as pages, and a URN never tempts a client to fetch it.
        {"type", "urn:roomkeeper:problem:" + code},
        {"title", title},
        {"status", status},
        {"detail", detail},
        {"code", code},
    };
    if (missing) body["missing"] = *missing;
    if (!errors.empty()) {
        auto& list = body["errors"] = nlohmann::json::array();
        for (const auto& e : errors) list.push_back({{"field", e.field}, {"message", e.message}});
    }
    return body;
}

std::optional<Problem> Problem::from_json(const nlohmann::json& body) {
    if (!body.is_object()) return std::nullopt;
    auto status = body.find("status");
    if (status == body.end() || !status->is_number_integer()) return std::nullopt;
    auto text = [&](const char* key) {
        auto it = body.find(key);
        return it != body.end() && it->is_string() ? it->get<std::string>() : std::string{};
    };
    Problem p;
    p.status = status->get<int>();
    p.code = text("code");
    p.title = text("title");
    p.detail = text("detail");
    if (auto it = body.find("missing"); it != body.end() && it->is_string())
        p.missing = it->get<std::string>();
    if (auto it = body.find("errors"); it != body.end() && it->is_array()) {
        for (const auto& e : *it) {
            if (!e.is_object()) continue;
            FieldError fe;
            if (auto f = e.find("field"); f != e.end() && f->is_string())
                fe.field = f->get<std::string>();
            if (auto m = e.find("message"); m != e.end() && m->is_string())
                fe.message = m->get<std::string>();
            p.errors.push_back(std::move(fe));
        }
    }
    return p;
}

Problem bad_request(std::string detail, std::string code) {
    return make(400, std::move(code), std::move(detail));
}
Problem unauthorized(std::string detail) {
    return make(401, "unauthorized", std::move(detail));
}
Problem forbidden(std::string detail, std::string missing_permission) {
    Problem p = make(403, "missing_permission", std::move(detail));
    p.missing = std::move(missing_permission);
    return p;
}
Problem not_found(std::string detail) {
    return make(404, "not_found", std::move(detail));
}
Problem method_not_allowed(std::string detail) {
    return make(405, "method_not_allowed", std::move(detail));
}
Problem conflict(std::string detail, std::string code) {
    return make(409, std::move(code), std::move(detail));
}
Problem payload_too_large(std::string detail) {
    return make(413, "payload_too_large", std::move(detail));
}
Problem unprocessable(std::vector<FieldError> errors) {
    std::string detail = errors.size() == 1 ? errors.front().field + ": " + errors.front().message
                                            : std::to_string(errors.size()) + " fields are invalid";
    Problem p = make(422, "validation_failed", std::move(detail));
    p.errors = std::move(errors);
    return p;
}
Problem internal_error(std::string detail) {
    return make(500, "internal_error", std::move(detail));
}

}  // namespace trm
