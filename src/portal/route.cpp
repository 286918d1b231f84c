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
    // #/<segment>[/<item>] or #/tenants/<tenant id>/<segment>[/<item>]
    Route r;
    bool with_tenant = segments.size() >= 3 && segments[0] == "tenants";
    std::size_t at = with_tenant ? 2 : 0;
    if (segments.size() <= at) return std::nullopt;
    auto page = page_by_id(segments[at]);
    if (!page) return std::nullopt;
    const PageInfo& info = page_info(*page);
    if (with_tenant ? !info.per_customer : !info.tenantless) return std::nullopt;
    // The all-customers form of a per-customer page opens no single item.
    bool item = info.item && (with_tenant || !info.per_customer);
    std::size_t rest = segments.size() - at - 1;
    if (rest > (item ? 1u : 0u)) return std::nullopt;
    r.page = *page;
    if (with_tenant) r.tenant_id = segments[1];
    if (rest == 1) r.item = segments[at + 1];
    // An empty query ("…/rooms?") has no filter. Boost.URL 1.81's params().find() walks past the
    // end of an empty query (an assertion in debug builds, an out-of-bounds read without): found
    // by fuzz_portal, so it is never asked.
    if (info.filter && parsed->has_query() && !parsed->encoded_query().empty()) {
        auto q = parsed->params().find("q");
        if (q != parsed->params().end() && (*q).has_value) r.filter = (*q).value;
    }
    return r;
}

std::string build_route(const Route& route) {
    const PageInfo& info = page_info(route.page);
    boost::urls::url u;
    u.set_path_absolute(true);
    // A per-customer page without a tenant is its all-customers form (incidents).
    bool with_tenant = info.per_customer && !(info.tenantless && route.tenant_id.empty());
    std::vector<std::string_view> segments;
    if (with_tenant) segments = {"tenants", route.tenant_id};
    segments.push_back(info.id);
    if (info.item && (with_tenant || !info.per_customer) && !route.item.empty())
        segments.push_back(route.item);
    u.segments().assign(segments.begin(), segments.end());
    if (info.filter && !route.filter.empty()) u.params().set("q", route.filter);
    return "#" + std::string(u.buffer());
}

}  // namespace portal
