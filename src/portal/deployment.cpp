#include "deployment.hpp"

#include <stdexcept>

namespace portal {

namespace {

using nlohmann::json;

std::string text(const json& object, const char* key, const std::string& where, bool required,
                 std::string fallback = {}) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required) throw std::invalid_argument(where + key + " is missing");
        return fallback;
    }
    if (!it->is_string() || it->get<std::string>().empty())
        throw std::invalid_argument(where + key + " must be a non-empty string");
    return it->get<std::string>();
}

bool web_url(const std::string& s) {
    return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
}

// The provider's host, as a name to show when config.json gives none.
std::string host_of(const std::string& url) {
    auto start = url.find("://");
    std::string rest = start == std::string::npos ? url : url.substr(start + 3);
    return rest.substr(0, rest.find_first_of("/:"));
}

}  // namespace

json ProviderSettings::to_json() const {
    return {{"issuer", issuer},
            {"clientId", client_id},
            {"scopes", scopes},
            {"name", name},
            {"mfaAcrValues", mfa_acr_values}};
}

Deployment parse_deployment(const json& config) {
    if (!config.is_object()) throw std::invalid_argument("config.json must hold a JSON object");
    Deployment d;
    d.service = text(config, "service", "", false);
    if (!d.service.empty() && !web_url(d.service) && d.service.front() != '/')
        throw std::invalid_argument(
            "service must be an http(s) URL or a path on this site, such as /api/v1");
    // API.md names the API base including /api/v1; requests add it themselves.
    const std::string suffix = "/api/v1";
    while (!d.service.empty() && d.service.back() == '/') d.service.pop_back();
    if (d.service.size() >= suffix.size() &&
        d.service.compare(d.service.size() - suffix.size(), suffix.size(), suffix) == 0)
        d.service.erase(d.service.size() - suffix.size());
    auto oidc = config.find("oidc");
    if (oidc != config.end() && !oidc->is_null()) {
        if (!oidc->is_object()) throw std::invalid_argument("oidc must be an object");
        ProviderSettings p;
        p.issuer = text(*oidc, "issuer", "oidc.", true);
        if (!web_url(p.issuer)) throw std::invalid_argument("oidc.issuer must be an http(s) URL");
        p.client_id = text(*oidc, "clientId", "oidc.", true);
        p.scopes = text(*oidc, "scopes", "oidc.", false, p.scopes);
        if ((" " + p.scopes + " ").find(" openid ") == std::string::npos)
            throw std::invalid_argument("oidc.scopes must include openid");
        p.name = text(*oidc, "name", "oidc.", false, host_of(p.issuer));
        p.mfa_acr_values = text(*oidc, "mfaAcrValues", "oidc.", false, p.mfa_acr_values);
        d.provider = std::move(p);
    }
    return d;
}

}  // namespace portal
