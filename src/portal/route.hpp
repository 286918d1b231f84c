#pragma once
// Deep links: where the portal is (page and customer) as the URL's hash, so a reload, a
// bookmark or back/forward returns to the same place. Parsed and built with Boost.URL, so
// ids and filters are percent-encoded and decoded correctly whatever they contain.
//
//   #/customers                      partner home
//   #/customers/<tenant id>          … with that customer's detail open
//   #/partners                       customer home
//   #/tenants/<tenant id>/rooms      rooms of one tenant (my own or a customer's)
//   #/tenants/<tenant id>/rooms?q=x  … filtered
//   #/tenants/<tenant id>/groups[/<group id>]  room groups of one tenant (… with one open)
//   #/tenants/<tenant id>/rings      one tenant's update rings
//   #/tenants/<tenant id>/reports    one tenant's reports
//   #/tenants/<tenant id>/roles      roles of one tenant (Settings › Roles)
//   #/tenants/<tenant id>/roles/<role id>   … with that role open
//   #/tenants/<tenant id>/incidents[/<id>]  one customer's incidents (… with one open)
//   #/incidents                      the all-customers incidents view
//   #/audit                          my organisation's audit log (Settings › General)
//   #/access                         the access matrix (who can do what where)
//
// Which page takes a tenant, an item or a filter is pages.hpp's table, read here.
#include <optional>
#include <string>
#include <string_view>

#include "pages.hpp"

namespace portal {

struct Route {
    Page page = Page::customers;
    std::string tenant_id;  // rooms, roles, incidents (none: every customer's incidents)
    std::string item;       // the selection: a customer, a group, a role or an incident
    std::string filter;     // rooms: the text filter
    bool operator==(const Route&) const = default;
};

// nullopt for a hash that names no page ("", "#", "#/nowhere", malformed escapes).
std::optional<Route> parse_route(std::string_view hash);
std::string build_route(const Route& route);  // starts with "#/"

}  // namespace portal
