// Rooms, room groups, update rings and reports of a customer: /tenants/{tid}/…
#include <algorithm>
#include <map>

#include "trm/call.hpp"

namespace trm {

using mtm::Permission;

namespace {

// Resolves the {tid} and the object id of the path into a visible room (else the 404 answer).
std::optional<mtm::RoomIx> path_room(Service::Call& c, mtm::TenantIx t, Response& err) {
    auto r = c.world.find_room(c.request.path_params[1]);
    if (!r || c.world.room(*r).tenant != t ||
        !mtm::visible(c.world, c.caller, mtm::Target::of(c.world, *r))) {
        err = Response::problem(
            not_found("No room " + c.request.path_params[1] + " is visible to you"));
        return std::nullopt;
    }
    return r;
}

std::optional<mtm::RoomGroupIx> path_group(Service::Call& c, mtm::TenantIx t, Response& err) {
    auto g = c.world.find_room_group(c.request.path_params[1]);
    if (!g || c.world.room_group(*g).tenant != t ||
        !mtm::visible(c.world, c.caller, mtm::Target::of(c.world, *g))) {
        err = Response::problem(
            not_found("No room group " + c.request.path_params[1] + " is visible to you"));
        return std::nullopt;
    }
    return g;
}

std::optional<mtm::RingIx> path_ring(Service::Call& c, mtm::TenantIx t, Response& err) {
    auto r = c.world.find_ring(c.request.path_params[1]);
    if (!r || c.world.ring(*r).tenant != t || !c.world.ring(*r).alive) {
        err = Response::problem(not_found("No update ring " + c.request.path_params[1]));
        return std::nullopt;
    }
    return r;
}

// Rooms a request names must all be rooms the caller may act on with `p` (a partner can never
// reach past its scope by naming room ids it guessed): not visible → 404, visible → 403.
std::optional<Response> authorize_rooms(Service::Call& c, Permission p, mtm::TenantIx t,
                                        const std::vector<std::string>& ids,
                                        const AuditSpec& spec) {
    for (const auto& id : ids) {
        auto r = c.world.find_room(id);
        if (!r || c.world.room(*r).tenant != t)
            continue;  // unknown ids become 422 field errors later
        if (auto refused = c.authorize(p, mtm::Target::of(c.world, *r), &spec)) return refused;
    }
    return std::nullopt;
}

bool contains_text(const std::string& haystack, const std::string& needle_lower) {
    return mtm::lower(haystack).find(needle_lower) != std::string::npos;
}

}  // namespace

void Service::room_routes(Router& router) {
    // --- rooms --------------------------------------------------------------------------------
    tenant_route(router, "GET", "/tenants/{tid}/rooms", false, [](Call& c, mtm::TenantIx tenant) {
        Response err;
        if (auto refused = c.authorize(Permission::rooms_view, mtm::Target::of(tenant)))
            return *refused;
        std::string q = mtm::lower(c.request.query_value("q").value_or(""));
        auto health_filter = c.request.query_value("health");
        std::optional<mtm::Health> health;
        if (health_filter && !health_filter->empty()) {
            health = mtm::parse_health(*health_filter);
            if (!health)
                return bad_query(
                    "health", "must be healthy, unhealthy, unmonitored, suppressed or onboarding");
        }
        std::optional<mtm::RoomGroupIx> group;
        if (auto g = c.request.query_value("groupId"); g && !g->empty()) {
            group = c.world.find_room_group(*g);
            if (!group || c.world.room_group(*group).tenant != tenant)
                return bad_query("groupId", "names no room group here");
        }
        std::vector<mtm::RoomIx> items;
        for (auto r : c.world.rooms_of(tenant)) {
            const auto& room = c.world.room(r);
            if (!room.enrolled) continue;
            if (!mtm::decide(c.world, c.caller, Permission::rooms_view, mtm::Target::of(c.world, r))
                     .allowed())
                continue;
            if (!q.empty() && !contains_text(room.display_name, q) &&
                !contains_text(room.site, q) && !contains_text(room.country, q))
                continue;
            if (health && mtm::effective_health(c.world, r) != *health) continue;
            if (group && !std::binary_search(room.groups.begin(), room.groups.end(), *group))
                continue;
            items.push_back(r);
        }
        return page_of(c.request, items.size(),
                       [&](std::size_t i) { return room_json(c.world, items[i]); });
    });

    tenant_route(
        router, "GET", "/tenants/{tid}/rooms/{id}", false, [](Call& c, mtm::TenantIx tenant) {
            Response err;
            auto r = path_room(c, tenant, err);
            if (!r) return err;
            if (auto refused = c.authorize(Permission::rooms_view, mtm::Target::of(c.world, *r)))
                return *refused;
            return Response::json(200, room_json(c.world, *r));
        });

    tenant_route(router, "POST", "/tenants/{tid}/rooms", true, [](Call& c, mtm::TenantIx tenant) {
        Response err;
        AuditSpec spec{"Room", "Create", "room"};
        if (auto refused = c.authorize(Permission::rooms_create, mtm::Target::of(tenant), &spec))
            return *refused;
        auto body = c.body(err);
        if (!body) return err;
        BodyReader in(*body);
        in.allow_only({"displayName", "site", "country", "roomGroupIds"});
        mtm::RoomDraft d{in.string("displayName", true).value_or(""),
                         in.string("site", true).value_or(""),
                         in.string("country", true).value_or(""),
                         in.strings("roomGroupIds").value_or(std::vector<std::string>{})};
        spec.object_name = d.display_name;
        if (!in.ok()) return c.invalid(in.errors(), tenant, spec);
        for (const auto& gid : d.room_group_ids)
            if (auto g = c.world.find_room_group(gid); g && c.world.room_group(*g).tenant == tenant)
                if (auto refused =
                        c.authorize(Permission::groups_view, mtm::Target::of(c.world, *g), &spec))
                    return *refused;
        auto r = mtm::enroll_room(c.world, tenant, d, c.options.ids, c.options.keys);
        if (!r) return c.refuse(r.error(), tenant, spec);
        c.audit(tenant, spec, true);
        return Response::json(201, room_json(c.world, *r));
    });

    tenant_route(
        router, "PATCH", "/tenants/{tid}/rooms/{id}", true, [](Call& c, mtm::TenantIx tenant) {
            Response err;
            auto r = path_room(c, tenant, err);
            if (!r) return err;
            AuditSpec spec{"Room", "Update", c.world.room(*r).display_name};
            if (auto refused =
                    c.authorize(Permission::rooms_modify, mtm::Target::of(c.world, *r), &spec))
                return *refused;
            auto body = c.body(err);
            if (!body) return err;
            BodyReader in(*body);
            in.allow_only({"displayName", "site", "updateRingId", "roomGroupIds"});
            mtm::RoomPatch p{in.string("displayName"), in.string("site"), in.string("updateRingId"),
                             in.strings("roomGroupIds")};
            if (!in.ok()) return c.invalid(in.errors(), tenant, spec);
            if (auto stale = c.check_if_match(room_json(c.world, *r))) return *stale;
            auto res = mtm::update_room(c.world, *r, p);
            if (!res) return c.refuse(res.error(), tenant, spec);
            c.audit(tenant, spec, true);
            return Response::json(200, room_json(c.world, *r));
        });

    tenant_route(
        router, "POST", "/tenants/{tid}/rooms/{id}/reset-key", true,
        [](Call& c, mtm::TenantIx tenant) {
            Response err;
            auto r = path_room(c, tenant, err);
            if (!r) return err;
            AuditSpec spec{"Room", "Update", "reset key of " + c.world.room(*r).display_name};
            if (auto refused =
                    c.authorize(Permission::rooms_reset_key, mtm::Target::of(c.world, *r), &spec))
                return *refused;
            mtm::reset_room_key(c.world, *r, c.options.keys);
            c.audit(tenant, spec, true);
            return Response::json(200, room_json(c.world, *r));
        });

    tenant_route(
        router, "GET", "/tenants/{tid}/rooms/{id}/key", false, [](Call& c, mtm::TenantIx tenant) {
            Response err;
            auto r = path_room(c, tenant, err);
            if (!r) return err;
            if (auto refused =
                    c.authorize(Permission::rooms_download_key, mtm::Target::of(c.world, *r)))
                return *refused;
            const auto& room = c.world.room(*r);
            return Response::json(200, {{"roomId", room.id},
                                        {"displayName", room.display_name},
                                        {"enrollmentKey", room.enrollment_key}});
        });

    tenant_route(router, "POST", "/tenants/{tid}/rooms/{id}/unenroll", true,
                 [](Call& c, mtm::TenantIx tenant) {
                     Response err;
                     auto r = path_room(c, tenant, err);
                     if (!r) return err;
                     AuditSpec spec{"Room", "Delete", "unenroll " + c.world.room(*r).display_name};
                     if (auto refused = c.authorize(Permission::rooms_unenroll,
                                                    mtm::Target::of(c.world, *r), &spec))
                         return *refused;
                     auto res = mtm::unenroll_room(c.world, *r);
                     if (!res) return c.refuse(res.error(), tenant, spec);
                     c.audit(tenant, spec, true);
                     json j = room_json(c.world, *r);
                     j["enrolled"] = false;
                     return Response::json(200, j);
                 });

    // --- room groups --------------------------------------------------------------------------
    tenant_route(
        router, "GET", "/tenants/{tid}/room-groups", false, [](Call& c, mtm::TenantIx tenant) {
            Response err;
            if (auto refused = c.authorize(Permission::groups_view, mtm::Target::of(tenant)))
                return *refused;
            std::vector<json> items;
            for (auto g : c.world.room_groups_of(tenant))
                if (mtm::decide(c.world, c.caller, Permission::groups_view,
                                mtm::Target::of(c.world, g))
                        .allowed())
                    items.push_back(room_group_json(c.world, g));
            return page(c.request, std::move(items));
        });

    tenant_route(
        router, "GET", "/tenants/{tid}/room-groups/{id}", false, [](Call& c, mtm::TenantIx tenant) {
            Response err;
            auto g = path_group(c, tenant, err);
            if (!g) return err;
            if (auto refused = c.authorize(Permission::groups_view, mtm::Target::of(c.world, *g)))
                return *refused;
            return Response::json(200, room_group_json(c.world, *g));
        });

    tenant_route(
        router, "POST", "/tenants/{tid}/room-groups", true, [](Call& c, mtm::TenantIx tenant) {
            Response err;
            AuditSpec spec{"RoomGroup", "Create", "room group"};
            if (auto refused =
                    c.authorize(Permission::groups_create, mtm::Target::of(tenant), &spec))
                return *refused;
            auto body = c.body(err);
            if (!body) return err;
            BodyReader in(*body);
            in.allow_only({"name", "roomIds"});
            auto name = in.string("name", true);
            auto rooms = in.strings("roomIds").value_or(std::vector<std::string>{});
            spec.object_name = name.value_or("room group");
            if (!in.ok()) return c.invalid(in.errors(), tenant, spec);
            if (auto refused = authorize_rooms(c, Permission::rooms_view, tenant, rooms, spec))
                return *refused;
            auto g = mtm::create_room_group(c.world, tenant, *name, rooms, c.options.ids);
            if (!g) return c.refuse(g.error(), tenant, spec);
            c.audit(tenant, spec, true);
            return Response::json(201, room_group_json(c.world, *g));
        });

    tenant_route(
        router, "PATCH", "/tenants/{tid}/room-groups/{id}", true,
        [](Call& c, mtm::TenantIx tenant) {
            Response err;
            auto g = path_group(c, tenant, err);
            if (!g) return err;
            AuditSpec spec{"RoomGroup", "Update", c.world.room_group(*g).name};
            if (auto refused =
                    c.authorize(Permission::groups_modify, mtm::Target::of(c.world, *g), &spec))
                return *refused;
            auto body = c.body(err);
            if (!body) return err;
            BodyReader in(*body);
            in.allow_only({"name", "roomIds"});
            auto name = in.string("name");
            auto rooms = in.strings("roomIds");
            if (!in.ok()) return c.invalid(in.errors(), tenant, spec);
            if (rooms)
                if (auto refused = authorize_rooms(c, Permission::rooms_view, tenant, *rooms, spec))
                    return *refused;
            if (auto stale = c.check_if_match(room_group_json(c.world, *g))) return *stale;
            auto res = mtm::update_room_group(c.world, *g, name, rooms);
            if (!res) return c.refuse(res.error(), tenant, spec);
            c.audit(tenant, spec, true);
            return Response::json(200, room_group_json(c.world, *g));
        });

    // --- update rings -------------------------------------------------------------------------
    tenant_route(
        router, "GET", "/tenants/{tid}/update-rings", false, [](Call& c, mtm::TenantIx tenant) {
            Response err;
            if (auto refused = c.authorize(Permission::rings_view, mtm::Target::of(tenant)))
                return *refused;
            std::vector<mtm::RingIx> rings(c.world.rings_of(tenant).begin(),
                                           c.world.rings_of(tenant).end());
            std::stable_sort(rings.begin(), rings.end(), [&](auto a, auto b) {
                return c.world.ring(a).order < c.world.ring(b).order;
            });
            std::vector<json> items;
            for (auto r : rings) items.push_back(ring_json(c.world, r));
            return page(c.request, std::move(items));
        });

    tenant_route(
        router, "POST", "/tenants/{tid}/update-rings", true, [](Call& c, mtm::TenantIx tenant) {
            Response err;
            AuditSpec spec{"UpdateRing", "Create", "update ring"};
            if (auto refused =
                    c.authorize(Permission::rings_create, mtm::Target::of(tenant), &spec))
                return *refused;
            auto body = c.body(err);
            if (!body) return err;
            BodyReader in(*body);
            in.allow_only({"name", "order", "rolloutDays", "testDays", "description"});
            mtm::RingDraft d{
                in.string("name", true).value_or(""), in.string("description").value_or(""),
                in.integer("order", true).value_or(0), in.integer("rolloutDays", true).value_or(0),
                in.integer("testDays", true).value_or(0)};
            spec.object_name = d.name;
            if (!in.ok()) return c.invalid(in.errors(), tenant, spec);
            auto r = mtm::create_ring(c.world, tenant, d, c.options.ids);
            if (!r) return c.refuse(r.error(), tenant, spec);
            c.audit(tenant, spec, true);
            return Response::json(201, ring_json(c.world, *r));
        });

    tenant_route(
        router, "PATCH", "/tenants/{tid}/update-rings/{id}", true,
        [](Call& c, mtm::TenantIx tenant) {
            Response err;
            auto r = path_ring(c, tenant, err);
            if (!r) return err;
            AuditSpec spec{"UpdateRing", "Update", c.world.ring(*r).name};
            if (auto refused =
                    c.authorize(Permission::rings_modify, mtm::Target::of(c.world, *r), &spec))
                return *refused;
            auto body = c.body(err);
            if (!body) return err;
            BodyReader in(*body);
            in.allow_only({"name", "order", "rolloutDays", "testDays", "description"});
            mtm::RingPatch p{in.string("name"), in.string("description"), in.integer("order"),
                             in.integer("rolloutDays"), in.integer("testDays")};
            if (!in.ok()) return c.invalid(in.errors(), tenant, spec);
            if (auto stale = c.check_if_match(ring_json(c.world, *r))) return *stale;
            auto res = mtm::update_ring(c.world, *r, p);
            if (!res) return c.refuse(res.error(), tenant, spec);
            c.audit(tenant, spec, true);
            return Response::json(200, ring_json(c.world, *r));
        });

    tenant_route(router, "DELETE", "/tenants/{tid}/update-rings/{id}", true,
                 [](Call& c, mtm::TenantIx tenant) {
                     Response err;
                     auto r = path_ring(c, tenant, err);
                     if (!r) return err;
                     AuditSpec spec{"UpdateRing", "Delete", c.world.ring(*r).name};
                     if (auto refused = c.authorize(Permission::rings_modify,
                                                    mtm::Target::of(c.world, *r), &spec))
                         return *refused;
                     auto res = mtm::delete_ring(c.world, *r);
                     if (!res) return c.refuse(res.error(), tenant, spec);
                     c.audit(tenant, spec, true);
                     return Response::no_content();
                 });

    tenant_route(
        router, "POST", "/tenants/{tid}/update-rings/{id}/move-rooms", true,
        [](Call& c, mtm::TenantIx tenant) {
            Response err;
            auto r = path_ring(c, tenant, err);
            if (!r) return err;
            AuditSpec spec{"UpdateRing", "Update", "move rooms to " + c.world.ring(*r).name};
            if (auto refused =
                    c.authorize(Permission::rings_modify, mtm::Target::of(c.world, *r), &spec))
                return *refused;
            auto body = c.body(err);
            if (!body) return err;
            BodyReader in(*body);
            in.allow_only({"roomIds"});
            auto rooms = in.strings("roomIds", true);
            if (!in.ok()) return c.invalid(in.errors(), tenant, spec);
            if (auto refused = authorize_rooms(c, Permission::rooms_modify, tenant, *rooms, spec))
                return *refused;
            auto res = mtm::move_rooms_to_ring(c.world, *r, *rooms);
            if (!res) return c.refuse(res.error(), tenant, spec);
            c.audit(tenant, spec, true);
            return Response::json(200, ring_json(c.world, *r));
        });

    // --- reports --------------------------------------------------------------------------------
    tenant_route(
        router, "GET", "/tenants/{tid}/reports/summary", false, [](Call& c, mtm::TenantIx tenant) {
            Response err;
            if (auto refused = c.authorize(Permission::reports_view, mtm::Target::of(tenant)))
                return *refused;
            std::map<std::string, int> by_health, by_severity, by_type;
            for (auto h : {"healthy", "unhealthy", "unmonitored", "suppressed", "onboarding"})
                by_health[h] = 0;
            int rooms = 0;
            for (auto r : c.world.rooms_of(tenant)) {
                if (!mtm::decide(c.world, c.caller, Permission::reports_view,
                                 mtm::Target::of(c.world, r))
                         .allowed())
                    continue;
                ++rooms;
                ++by_health[std::string(mtm::to_string(mtm::effective_health(c.world, r)))];
            }
            // Incidents opened and closed per UTC day over the last 90 days.
            const mtm::Time day0 = (c.now / mtm::kDay - 89) * mtm::kDay;
            std::vector<int> opened(90, 0), closed(90, 0);
            int open = 0;
            for (auto i : c.world.incidents_of(tenant)) {
                if (!mtm::decide(c.world, c.caller, Permission::reports_view,
                                 mtm::Target::of(c.world, i))
                         .allowed())
                    continue;
                const auto& inc = c.world.incident(i);
                bool resolved = inc.state == mtm::IncidentState::resolved;
                if (!resolved) {
                    ++open;
                    ++by_severity[std::string(mtm::to_string(inc.severity))];
                    ++by_type[inc.type];
                }
                if (inc.created_at >= day0)
                    ++opened[static_cast<std::size_t>((inc.created_at - day0) / mtm::kDay) % 90];
                if (resolved && inc.updated_at >= day0)
                    ++closed[static_cast<std::size_t>((inc.updated_at - day0) / mtm::kDay) % 90];
            }
            json days = json::array();
            for (std::size_t d = 0; d < 90; ++d)
                days.push_back(
                    {{"date", iso_time(day0 + static_cast<mtm::Time>(d) * mtm::kDay).substr(0, 10)},
                     {"opened", opened[d]},
                     {"closed", closed[d]}});
            return Response::json(200, {{"tenantId", c.world.tenant(tenant).id},
                                        {"rooms", rooms},
                                        {"roomsByHealth", by_health},
                                        {"openIncidents", open},
                                        {"openIncidentsBySeverity", by_severity},
                                        {"openIncidentsByType", by_type},
                                        {"incidentsPerDay", days}});
        });
}

}  // namespace trm
