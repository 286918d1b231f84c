#include "demo_accounts.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "i18n.hpp"
#include "json_read.hpp"
#include "mtm/catalogue.hpp"

namespace portal {

using nlohmann::json;

using read::list;
using read::text;

std::vector<DemoAccount> demo_accounts(const json& world) {
    // Who is in which security group, to resolve group members of assignments.
    std::map<std::string, std::vector<std::string>> group_members;
    for (const auto& g : list(world, "groups"))
        for (const auto& m : list(g, "members"))
            if (m.is_string()) group_members[text(g, "id")].push_back(m.get<std::string>());

    // user id → role labels, in first-seen order; Primary admins counted per customer.
    std::map<std::string, std::vector<std::string>> labels;
    std::map<std::string, int> primary_admin_of;
    auto add = [&](const json& members, const std::string& label) {
        std::set<std::string> users;
        for (const auto& m : members) {
            std::string type = text(m, "type"), id = text(m, "id");
            if (type == "user") users.insert(id);
            if (type == "group")
                for (const auto& u : group_members[id]) users.insert(u);
        }
        for (const auto& u : users) {
            if (label.empty()) {
                ++primary_admin_of[u];
                continue;
            }
            auto& l = labels[u];
            if (std::find(l.begin(), l.end(), label) == l.end()) l.push_back(label);
        }
    };
    for (const auto& a : list(world, "customerRoleAssignments")) {
        auto role = mtm::parse_builtin_key(text(a, "role"));
        if (role) add(list(a, "members"), std::string(mtm::builtin_name(*role)));
    }
    for (const auto& r : list(world, "relationships")) add(list(r, "members"), "");
    for (const auto& r : list(world, "partnerRoles"))
        for (const auto& a : list(r, "assignments")) add(list(a, "members"), text(r, "name"));

    std::map<std::string, std::pair<std::string, bool>> tenants;  // id → name, partner
    std::vector<std::string> order[2];                            // partners, customers
    for (const auto& t : list(world, "tenants")) {
        bool partner = read::flag(t, "partnerProgram");
        tenants[text(t, "id")] = {text(t, "name"), partner};
        order[partner ? 0 : 1].push_back(text(t, "id"));
    }
    std::vector<DemoAccount> out;
    for (const auto& ids : order)
        for (const auto& tid : ids)
            for (const auto& u : list(world, "users")) {
                if (text(u, "tenantId") != tid || text(u, "upn").empty()) continue;
                DemoAccount a;
                a.tenant = tenants[tid].first;
                a.partner = tenants[tid].second;
                a.upn = text(u, "upn");
                a.name = text(u, "displayName");
                std::string id = text(u, "id");
                a.primary_admin_of = primary_admin_of[id];
                a.roles = labels[id];
                out.push_back(std::move(a));
            }
    return out;
}

std::string DemoAccount::roles_text() const {
    std::string out;
    if (primary_admin_of)
        out = primary_admin_of == 1 ? trf("Primary admins of {} customer", primary_admin_of)
                                    : trf("Primary admins of {} customers", primary_admin_of);
    for (const auto& r : roles) out += (out.empty() ? "" : " · ") + r;
    return out.empty() ? std::string(tr("No role yet")) : out;
}

json to_json(const std::vector<DemoAccount>& accounts) {
    json out = json::array();
    for (const auto& a : accounts)
        out.push_back({{"tenant", a.tenant},
                       {"partner", a.partner},
                       {"upn", a.upn},
                       {"name", a.name},
                       {"roles", a.roles_text()}});
    return out;
}

}  // namespace portal
