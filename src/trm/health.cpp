#include "trm/health.hpp"

#include "trm/version.hpp"

namespace trm {

nlohmann::json Health::to_json() const {
    return {
        {"status", status}, {"service", service}, {"version", version}, {"devLogin", dev_login}};
}

std::optional<Health> Health::from_json(const nlohmann::json& body) {
    if (!body.is_object()) return std::nullopt;
    auto status = body.find("status");
    if (status == body.end() || !status->is_string() || status->get<std::string>() != "ok")
        return std::nullopt;
    Health h;
    if (auto it = body.find("service"); it != body.end() && it->is_string())
        h.service = it->get<std::string>();
    if (auto it = body.find("version"); it != body.end() && it->is_string())
        h.version = it->get<std::string>();
    if (auto it = body.find("devLogin"); it != body.end() && it->is_boolean())
        h.dev_login = it->get<bool>();
    return h;
}

Health current_health() {
    Health h;
    h.version = kVersion;
    return h;
}

}  // namespace trm
