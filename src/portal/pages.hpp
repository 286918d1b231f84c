#pragma once
// The portal's pages as one table: the id the views and deep links use, whether the page shows
// one customer's data (and so keeps the tenant of its link), whether a partner on its own
// organisation lands on its first customer, and the action that opens it. Every place that
// asks "is this a per-customer page?" asks this table, so a page added here works everywhere
// (deep links, the switcher, the header tabs) at once.
#include <array>
#include <optional>
#include <string_view>

#include "app.hpp"
#include "mtm/actions.hpp"

namespace portal {

struct PageInfo {
    Page page;
    std::string_view id;               // "rooms": select_page ids and the route segment
    bool per_customer;                 // shows one tenant's data: the tenant travels with the link
    bool partner_to_customer;          // a partner on its own organisation opens its first customer
    std::optional<mtm::Action> opens;  // the action the page's content needs
};

inline constexpr std::array<PageInfo, 10> kPages{{
    {Page::customers, "customers", false, false, {}},
    {Page::partners, "partners", false, false, mtm::Action::list_partners},
    {Page::rooms, "rooms", true, true, mtm::Action::list_rooms},
    {Page::groups, "groups", true, true, mtm::Action::list_room_groups},
    {Page::rings, "rings", true, true, mtm::Action::list_rings},
    {Page::reports, "reports", true, true, mtm::Action::read_reports},
    {Page::roles, "roles", true, true, mtm::Action::list_roles},
    // Incidents: one customer's, or (no tenant in the link) every customer's at once.
    {Page::incidents, "incidents", true, false, mtm::Action::list_incidents},
    {Page::audit, "audit", false, false, mtm::Action::read_audit},
    {Page::access, "access", false, false, mtm::Action::read_access_matrix},
}};

inline const PageInfo& page_info(Page p) {
    for (const auto& info : kPages)
        if (info.page == p) return info;
    return kPages[0];
}

inline std::optional<Page> page_by_id(std::string_view id) {
    for (const auto& info : kPages)
        if (info.id == id) return info.page;
    return std::nullopt;
}

}  // namespace portal
