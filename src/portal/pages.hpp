#pragma once
// The portal's pages as one table of facts: the id the views and deep links use, whether the
// page shows one customer's data (and so keeps the tenant of its link), whether a partner on its
// own organisation lands on its first customer, what its link may carry, and the action that
// opens it. Deep links (route.cpp), the switcher and the header tabs all read this table; how
// App loads and draws each page is the matching row of App's page table (app.cpp), which must
// name every page here (checked at compile time).
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "mtm/actions.hpp"

namespace portal {

enum class Page {
    customers,
    partners,
    rooms,
    groups,
    rings,
    reports,
    roles,
    incidents,
    audit,
    access
};

struct PageInfo {
    Page page;
    std::string_view id;       // "rooms": select_page ids and the route segment
    bool per_customer;         // shows one tenant's data: #/tenants/<id>/<segment>
    bool partner_to_customer;  // a partner on its own organisation opens its first customer
    bool tenantless;           // also linked as #/<segment> (per-customer pages: all customers)
    bool item;                 // the link may name the selection: …/<segment>/<item id>
    bool filter;               // the link may carry the text filter: ?q=
    std::optional<mtm::Action> opens;  // the action the page's content needs
};

inline constexpr std::array<PageInfo, 10> kPages{{
    {Page::customers, "customers", false, false, true, true, false, {}},
    {Page::partners, "partners", false, false, true, false, false, mtm::Action::list_partners},
    {Page::rooms, "rooms", true, true, false, false, true, mtm::Action::list_rooms},
    {Page::groups, "groups", true, true, false, true, false, mtm::Action::list_room_groups},
    {Page::rings, "rings", true, true, false, false, false, mtm::Action::list_rings},
    {Page::reports, "reports", true, true, false, false, false, mtm::Action::read_reports},
    {Page::roles, "roles", true, true, false, true, false, mtm::Action::list_roles},
    // Incidents: one customer's, or (no tenant in the link) every customer's at once.
    {Page::incidents, "incidents", true, false, true, true, false, mtm::Action::list_incidents},
    {Page::audit, "audit", false, false, true, false, false, mtm::Action::read_audit},
    {Page::access, "access", false, false, true, false, false, mtm::Action::read_access_matrix},
}};

// The table is indexed by the enum: row i describes Page(i).
constexpr bool pages_in_enum_order() {
    for (std::size_t i = 0; i < kPages.size(); ++i)
        if (static_cast<std::size_t>(kPages[i].page) != i) return false;
    return true;
}
static_assert(pages_in_enum_order(), "kPages rows must follow the Page enum's order");

inline const PageInfo& page_info(Page p) {
    return kPages[static_cast<std::size_t>(p)];
}

inline std::optional<Page> page_by_id(std::string_view id) {
    for (const auto& info : kPages)
        if (info.id == id) return info.page;
    return std::nullopt;
}

}  // namespace portal
