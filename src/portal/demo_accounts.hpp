#pragma once
// The offline demo's sign-in picker: every person of the demo world, grouped by organisation,
// with the roles they hold — read from the world file itself, so a regenerated world needs no
// hand-kept list. Portable (no browser): the shell only draws what this returns.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace portal {

struct DemoAccount {
    std::string tenant, upn, name;
    bool partner = false;            // the organisation is a managed-service provider
    int primary_admin_of = 0;        // customers where the person is a Primary admin
    std::vector<std::string> roles;  // other roles by name: "MMR Admin", "Help desk", …
    // "Primary admins of 2 customers · Help desk", in the current UI language.
    std::string roles_text() const;
};

// Partners first, then customers, each in the world's order; people in the world's order.
// A malformed world yields what could be read (never throws).
std::vector<DemoAccount> demo_accounts(const nlohmann::json& world);
nlohmann::json to_json(const std::vector<DemoAccount>& accounts);

}  // namespace portal
