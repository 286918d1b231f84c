#include "trm/response.hpp"

namespace trm {

Response Response::json(unsigned status, const nlohmann::json& body) {
    Response r;
    r.status = status;
    // Replace invalid UTF-8 rather than throw: a stored string must never turn into a 500.
    r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

Response Response::problem(const Problem& problem) {
    Response r = json(static_cast<unsigned>(problem.status), problem.to_json());
    r.content_type = kProblemContentType;
    return r;
}

Response Response::no_content() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
}

}  // namespace trm
