#pragma once
// Where this page's service and identity provider are: the optional config.json beside
// index.html (API.md "Deployment and sign-in"). Without it the page talks to its own origin's
// /api/v1 and signs in as the service offers (dev sign-in, or the offline demo).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace portal {

struct ProviderSettings {
    std::string issuer;     // exactly as the provider's tokens name it
    std::string client_id;  // the portal's public client at the provider
    std::string scopes = "openid profile email offline_access";
    std::string name;  // "Contoso ID": shown as "Sign in with <name>"
    // What the page asks for when a customer requires MFA (sent as acr_values with
    // prompt=login); the provider must map it to a multi-factor sign-in.
    std::string mfa_acr_values = "http://schemas.openid.net/pape/policies/2007/06/multi-factor";

    nlohmann::json to_json() const;  // for the page's sign-in code (web/oidc.js)
};

struct Deployment {
    std::string service;  // the API base ("" = this page's origin); without the /api/v1 suffix
    std::optional<ProviderSettings> provider;
};

// Parses config.json. Throws std::invalid_argument naming the key and what is wrong with it:
// a page with a broken configuration says so instead of silently acting as a demo.
Deployment parse_deployment(const nlohmann::json& config);

}  // namespace portal
