#include "route.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <vector>

namespace portal {

std::optional<Route> parse_route(std::string_view hash) {
    if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
    if (hash.empty()) return std::nullopt;
    auto parsed = boost::urls::parse_relative_ref(hash);
    if (!parsed) return std::nullopt;
    std::vector<std::string> segments;
    for (auto s : parsed->segments())
        if (!s.empty()) segments.emplace_back(s);
    Route r;
    if ((segments.size() == 1 || segments.size() == 2) && segments[0] == "customers") {
        r.page = Route::Page::customers;
        if (segments.size() == 2) r.item = segments[1];
        return r;
    }
    if (segments.size() == 1 && segments[0] == "partners") {
        r.page = Route::Page::partners;
        return r;
    }
    if (segments.size() == 3 && segments[0] == "tenants" && segments[2] == "rings") {
        r.page = Route::Page::rings;
        r.tenant_id = segments[1];
        return r;
    }
    if (segments.size() == 3 && segments[0] == "tenants" && segments[2] == "reports") {
        r.page = Route::Page::reports;
        r.tenant_id = segments[1];
        return r;
    }
    if (segments.size() == 3 && segments[0] == "tenants" && segments[2] == "rooms") {
        r.page = Route::Page::rooms;
        r.tenant_id = segments[1];
        auto q = parsed->params().find("q");
        if (q != parsed->params().end() && (*q).has_value) r.filter = (*q).value;
        return r;
    }
    if (segments.size() == 1 && segments[0] == "audit") {
        r.page = Route::Page::audit;
        return r;
    }
    if (segments.size() == 1 && segments[0] == "access") {
        r.page = Route::Page::access;
        return r;
    }
    if (segments.size() == 1 && segments[0] == "incidents") {
        r.page = Route::Page::incidents;
        return r;
    }
    if ((segments.size() == 3 || segments.size() == 4) && segments[0] == "tenants" &&
        segments[2] == "groups") {
        r.page = Route::Page::groups;
        r.tenant_id = segments[1];
        if (segments.size() == 4) r.item = segments[3];
        return r;
    }
    if ((segments.size() == 3 || segments.size() == 4) && segments[0] == "tenants" &&
        segments[2] == "incidents") {
        r.page = Route::Page::incidents;
        r.tenant_id = segments[1];
        if (segments.size() == 4) r.item = segments[3];
        return r;
    }
    if ((segments.size() == 3 || segments.size() == 4) && segments[0] == "tenants" &&
        segments[2] == "roles") {
        r.page = Route::Page::roles;
        r.tenant_id = segments[1];
        if (segments.size() == 4) r.item = segments[3];
        return r;
    }
    return std::nullopt;
}

std::string build_route(const Route& route) {
    boost::urls::url u;
    u.set_path_absolute(true);
    switch (route.page) {
        case Route::Page::customers:
            if (route.item.empty())
                u.segments() = {"customers"};
            else
                u.segments() = {"customers", route.item};
            break;
        case Route::Page::partners:
            u.segments() = {"partners"};
            break;
        case Route::Page::rooms:
            u.segments() = {"tenants", route.tenant_id, "rooms"};
            if (!route.filter.empty()) u.params().set("q", route.filter);
            break;
        case Route::Page::audit:
            u.segments() = {"audit"};
            break;
        case Route::Page::access:
            u.segments() = {"access"};
            break;
        case Route::Page::reports:
            u.segments() = {"tenants", route.tenant_id, "reports"};
            break;
        case Route::Page::rings:
            u.segments() = {"tenants", route.tenant_id, "rings"};
            break;
        case Route::Page::groups:
            if (route.item.empty())
                u.segments() = {"tenants", route.tenant_id, "groups"};
            else
                u.segments() = {"tenants", route.tenant_id, "groups", route.item};
            break;
        case Route::Page::incidents:
            if (route.tenant_id.empty())
                u.segments() = {"incidents"};
            else if (route.item.empty())
                u.segments() = {"tenants", route.tenant_id, "incidents"};
            else
                u.segments() = {"tenants", route.tenant_id, "incidents", route.item};
            break;
        case Route::Page::roles:
            if (route.item.empty())
                u.segments() = {"tenants", route.tenant_id, "roles"};
            else
                u.segments() = {"tenants", route.tenant_id, "roles", route.item};
            break;
    }
    return "#" + std::string(u.buffer());
}

}  // namespace portal
