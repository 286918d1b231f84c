#include "mtm/catalogue.hpp"

#include <bit>

namespace mtm {

namespace {

using P = Permission;

constexpr std::array<PermissionInfo, kPermissionCount> kCatalogue{{
    {P::rooms_view, "rooms.view", "Rooms", "View"},
    {P::rooms_modify, "rooms.modify", "Rooms", "Modify"},
    {P::rooms_create, "rooms.create", "Rooms", "Create (enroll)"},
    {P::rooms_reset_key, "rooms.resetKey", "Rooms", "Reset key"},
    {P::rooms_download_key, "rooms.downloadKey", "Rooms", "Download key"},
    {P::rooms_unenroll, "rooms.unenroll", "Rooms", "Unenroll"},
    {P::groups_create, "groups.create", "Group management", "Create"},
    {P::groups_view, "groups.view", "Group management", "View"},
    {P::groups_modify, "groups.modify", "Group management", "Modify"},
    {P::rings_create, "rings.create", "Update ring management", "Create"},
    {P::rings_view, "rings.view", "Update ring management", "View"},
    {P::rings_modify, "rings.modify", "Update ring management", "Modify"},
    {P::reports_view, "reports.view", "Reports", "View"},
    {P::tickets_create, "tickets.create", "Ticket management", "Create customer incident"},
    {P::tickets_view, "tickets.view", "Ticket management", "View"},
    {P::tickets_update, "tickets.update", "Ticket management", "Update"},
    {P::settings_view, "settings.view", "Service settings", "View"},
    {P::settings_modify, "settings.modify", "Service settings", "Modify"},
    {P::roles_view, "roles.view", "Role management", "View"},
    {P::roles_modify, "roles.modify", "Role management", "Modify"},
}};

// PRODUCT.md §2, column by column.
constexpr PermissionSet kMmrAdmin = PermissionSet::all();
constexpr PermissionSet kSiteLead{
    P::rooms_view,    P::rooms_modify,   P::rooms_create,  P::rooms_download_key, P::rooms_unenroll,
    P::groups_create, P::groups_view,    P::groups_modify, P::rings_view,         P::rings_modify,
    P::reports_view,  P::tickets_create, P::tickets_view,  P::tickets_update};
constexpr PermissionSet kSiteTech{P::rooms_view,     P::rooms_modify,   P::rooms_download_key,
                                  P::rooms_unenroll, P::tickets_create, P::tickets_view,
                                  P::tickets_update};
constexpr PermissionSet kPrimaryAdmins{P::rooms_view,     P::rooms_modify, P::groups_view,
                                       P::rings_view,     P::rings_modify, P::reports_view,
                                       P::tickets_create, P::tickets_view, P::tickets_update,
                                       P::roles_view,     P::roles_modify};

}  // namespace

int PermissionSet::count() const {
    return std::popcount(bits_);
}

const std::array<PermissionInfo, kPermissionCount>& catalogue() {
    return kCatalogue;
}

const PermissionInfo& info(Permission p) {
    return kCatalogue[static_cast<std::size_t>(p)];
}

std::string_view to_id(Permission p) {
    return info(p).id;
}

std::optional<Permission> parse_permission(std::string_view id) {
    for (const auto& entry : kCatalogue)
        if (entry.id == id) return entry.permission;
    return std::nullopt;
}

PermissionSet builtin_permissions(BuiltInRole role) {
    switch (role) {
        case BuiltInRole::mmr_admin:
            return kMmrAdmin;
        case BuiltInRole::site_lead:
            return kSiteLead;
        case BuiltInRole::site_tech:
            return kSiteTech;
        case BuiltInRole::primary_admins:
            return kPrimaryAdmins;
        case BuiltInRole::none:
            break;
    }
    return {};
}

std::string_view builtin_name(BuiltInRole role) {
    switch (role) {
        case BuiltInRole::mmr_admin:
            return "MMR Admin";
        case BuiltInRole::site_lead:
            return "Site Lead";
        case BuiltInRole::site_tech:
            return "Site Tech";
        case BuiltInRole::primary_admins:
            return "Primary admins";
        case BuiltInRole::none:
            break;
    }
    return {};
}

std::string_view builtin_key(BuiltInRole role) {
    switch (role) {
        case BuiltInRole::mmr_admin:
            return "mmrAdmin";
        case BuiltInRole::site_lead:
            return "siteLead";
        case BuiltInRole::site_tech:
            return "siteTech";
        case BuiltInRole::primary_admins:
            return "primaryAdmins";
        case BuiltInRole::none:
            break;
    }
    return {};
}

std::optional<BuiltInRole> parse_builtin_key(std::string_view key) {
    for (auto r : {BuiltInRole::mmr_admin, BuiltInRole::site_lead, BuiltInRole::site_tech,
                   BuiltInRole::primary_admins})
        if (builtin_key(r) == key) return r;
    return std::nullopt;
}

}  // namespace mtm
