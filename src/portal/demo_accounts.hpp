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
    bool partner = false;  // the organisation is a managed-service provider
    std::string roles;     // "MMR Admin", "Primary admins of 2 customers · Help desk", …
};

// Partners first, then customers, each in the world's order; people in the world's order.
// A malformed world yields what could be read (never throws).
std::vector<DemoAccount> demo_accounts(const nlohmann::json& world);
nlohmann::json to_json(const std::vector<DemoAccount>& accounts);

}  // namespace portal
