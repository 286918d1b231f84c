// Rooms, room groups, update rings and reports of a customer: /tenants/{tid}/…
#include <algorithm>
#include <map>

#include "trm/call.hpp"

namespace trm {

using mtm::Action;

namespace {

bool contains_text(const std::string& haystack, const std::string& needle_lower) {
    return mtm::lower(haystack).find(needle_lower) != std::string::npos;
}

// The ids of a room's new groups once the caller's wanted list is merged with the groups it
// cannot see; nullopt with `err` set when a group is unknown or may not be changed.
std::optional<std::vector<std::string>> group_change(Service::Call& c, const Service::Resolved& res,
                                                     Action a,
                                                     const std::vector<mtm::RoomGroupIx>& current,
                                                     const std::vector<std::string>& wanted,
                                                     Response& err) {
    auto change =
        mtm::check_group_change(c.world, c.caller, a, res.tenant, current, wanted, "roomGroupIds");
    if (!change.unknown.empty()) {
        err = c.invalid(to_field_errors(change.unknown), res);
        return std::nullopt;
    }
    if (change.refused) {
        err = c.refusal(*change.refused, res.target, &res.audit);
        return std::nullopt;
    }
    std::vector<std::string> ids;
    for (auto g : change.groups) ids.push_back(c.world.room_group(g).id);
    return ids;
}

}  // namespace

void Service::room_routes(Router& router) {
    // --- rooms --------------------------------------------------------------------------------
    action_route(router, Action::list_rooms, {}, [](Call& c, Resolved& res) {
        std::string q = mtm::lower(c.request.query_value("q").value_or(""));
        auto health_filter = c.request.query_value("health");
        std::optional<mtm::Health> health;
        if (health_filter && !health_filter->empty()) {
            health = mtm::parse_health(*health_filter);
            if (!health)
                return bad_query(
                    "health", "must be healthy, unhealthy, unmonitored, suppressed or onboarding");
        }
        // A group filter on an id the caller cannot see matches nothing, exactly as an id that
        // does not exist: the answer never tells the two apart.
        std::optional<mtm::RoomGroupIx> group;
        bool nothing = false;
        if (auto g = c.request.query_value("groupId"); g && !g->empty()) {
            group = c.world.find_room_group(*g);
            nothing = !group || c.world.room_group(*group).tenant != res.tenant ||
                      !mtm::visible(c.world, c.caller, mtm::Target::of(c.world, *group));
        }
        std::vector<mtm::RoomIx> items;
        for (auto r : nothing ? std::vector<mtm::RoomIx>{} : c.world.rooms_of(res.tenant)) {
            const auto& room = c.world.room(r);
            if (!room.enrolled) continue;
            if (!mtm::decide(c.world, c.caller, Action::read_room, mtm::Target::of(c.world, r),
                             c.sign_in)
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
                       [&](std::size_t i) { return room_json(c.world, items[i], c.caller); });
    });

    action_route(router, Action::read_room, {}, [](Call& c, Resolved& res) {
        return Response::json(200, room_json(c.world, mtm::RoomIx{res.ix()}, c.caller));
    });

    action_route(
        router, Action::create_room, {"Room", "Create"},
        {{"displayName", "site", "country", "roomGroupIds"}}, [](Call& c, Resolved& res) {
            Response err;
            res.audit.object_name = "room";
            BodyReader& in = *res.in;
            mtm::RoomDraft d{in.string("displayName", true).value_or(""),
                             in.string("site", true).value_or(""),
                             in.string("country", true).value_or(""),
                             in.strings("roomGroupIds").value_or(std::vector<std::string>{})};
            if (!d.display_name.empty()) res.audit.object_name = d.display_name;
            if (!in.ok()) return c.invalid(in.errors(), res);
            auto groups = group_change(c, res, Action::create_room, {}, d.room_group_ids, err);
            if (!groups) return err;
            d.room_group_ids = *groups;
            auto r = mtm::enroll_room(c.world, res.tenant, d, c.options.ids, c.options.keys);
            if (!r) return c.refuse(r.error(), res);
            return c.done(res, Response::json(201, room_json(c.world, *r, c.caller)));
        });

    action_route(
        router, Action::modify_room, {"Room", "Update"},
        {{"displayName", "site", "updateRingId", "roomGroupIds"},
         [](Call& c, const Resolved& res) -> std::optional<json> {
             return room_json(c.world, mtm::RoomIx{res.ix()}, c.caller);
         }},
        [](Call& c, Resolved& res) {
            Response err;
            mtm::RoomIx r{res.ix()};
            BodyReader& in = *res.in;
            mtm::RoomPatch p{in.string("displayName"), in.string("site"), in.string("updateRingId"),
                             in.strings("roomGroupIds")};
            if (!in.ok()) return c.invalid(in.errors(), res);
            if (p.update_ring_id) {
                // Moving a room to a ring is the ring's change too: the same rule as move-rooms.
                auto ring = c.world.find_ring(*p.update_ring_id);
                if (ring && *ring != c.world.room(r).ring &&
                    c.world.ring(*ring).tenant == res.tenant && c.world.ring(*ring).alive)
                    if (auto refused = c.authorize(Action::move_rooms_to_ring,
                                                   mtm::Target::of(c.world, *ring), &res.audit))
                        return *refused;
            }
            if (p.room_group_ids) {
                auto groups = group_change(c, res, Action::modify_room, c.world.room(r).groups,
                                           *p.room_group_ids, err);
                if (!groups) return err;
                p.room_group_ids = *groups;
            }
            auto done = mtm::update_room(c.world, r, p);
            if (!done) return c.refuse(done.error(), res);
            return c.done(res, Response::json(200, room_json(c.world, r, c.caller)));
        });

    action_route(router, Action::reset_room_key, {"Room", "Update", "reset key of "},
                 [](Call& c, Resolved& res) {
                     mtm::RoomIx r{res.ix()};
                     mtm::reset_room_key(c.world, r, c.options.keys);
                     return c.done(res, Response::json(200, room_json(c.world, r, c.caller)));
                 });

    action_route(router, Action::download_room_key, {}, [](Call& c, Resolved& res) {
        const auto& room = c.world.room(mtm::RoomIx{res.ix()});
        return Response::json(200, {{"roomId", room.id},
                                    {"displayName", room.display_name},
                                    {"enrollmentKey", room.enrollment_key}});
    });

    action_route(router, Action::unenroll_room, {"Room", "Delete", "unenroll "},
                 [](Call& c, Resolved& res) {
                     mtm::RoomIx r{res.ix()};
                     auto done = mtm::unenroll_room(c.world, r);
                     if (!done) return c.refuse(done.error(), res);
                     json j = room_json(c.world, r, c.caller);
                     j["enrolled"] = false;
                     return c.done(res, Response::json(200, j));
                 });

    // --- room groups --------------------------------------------------------------------------
    action_route(router, Action::list_room_groups, {}, [](Call& c, Resolved& res) {
        std::vector<json> items;
        for (auto g : c.world.room_groups_of(res.tenant))
            if (mtm::decide(c.world, c.caller, Action::read_room_group, mtm::Target::of(c.world, g),
                            c.sign_in)
                    .allowed())
                items.push_back(room_group_json(c.world, g, c.caller));
        return page(c.request, std::move(items));
    });

    action_route(router, Action::read_room_group, {}, [](Call& c, Resolved& res) {
        return Response::json(200, room_group_json(c.world, mtm::RoomGroupIx{res.ix()}, c.caller));
    });

    action_route(
        router, Action::create_room_group, {"RoomGroup", "Create"}, {{"name", "roomIds"}},
        [](Call& c, Resolved& res) {
            Response err;
            res.audit.object_name = "room group";
            BodyReader& in = *res.in;
            auto name = in.string("name", true);
            auto rooms = in.strings("roomIds").value_or(std::vector<std::string>{});
            if (name) res.audit.object_name = *name;
            if (!in.ok()) return c.invalid(in.errors(), res);
            if (auto refused = c.check_body_rooms(res, Action::create_room_group, rooms))
                return *refused;
            auto g = mtm::create_room_group(c.world, res.tenant, *name, rooms, c.options.ids);
            if (!g) return c.refuse(g.error(), res);
            return c.done(res, Response::json(201, room_group_json(c.world, *g, c.caller)));
        });

    action_route(
        router, Action::modify_room_group, {"RoomGroup", "Update"},
        {{"name", "roomIds"},
         [](Call& c, const Resolved& res) -> std::optional<json> {
             return room_group_json(c.world, mtm::RoomGroupIx{res.ix()}, c.caller);
         }},
        [](Call& c, Resolved& res) {
            Response err;
            mtm::RoomGroupIx g{res.ix()};
            BodyReader& in = *res.in;
            auto name = in.string("name");
            auto rooms = in.strings("roomIds");
            if (!in.ok()) return c.invalid(in.errors(), res);
            if (rooms) {
                if (auto refused = c.check_body_rooms(res, Action::modify_room_group, *rooms))
                    return *refused;
                // Rooms of the group the caller cannot see stay in it, unnamed.
                for (auto r : mtm::rooms_in_group(c.world, g))
                    if (!mtm::visible(c.world, c.caller, mtm::Target::of(c.world, r)))
                        rooms->push_back(c.world.room(r).id);
            }
            auto done = mtm::update_room_group(c.world, g, name, rooms);
            if (!done) return c.refuse(done.error(), res);
            return c.done(res, Response::json(200, room_group_json(c.world, g, c.caller)));
        });

    // --- update rings -------------------------------------------------------------------------
    action_route(router, Action::list_rings, {}, [](Call& c, Resolved& res) {
        std::vector<mtm::RingIx> rings(c.world.rings_of(res.tenant).begin(),
                                       c.world.rings_of(res.tenant).end());
        std::stable_sort(rings.begin(), rings.end(), [&](auto a, auto b) {
            return c.world.ring(a).order < c.world.ring(b).order;
        });
        std::vector<json> items;
        for (auto r : rings) items.push_back(ring_json(c.world, r, c.caller));
        return page(c.request, std::move(items));
    });

    action_route(
        router, Action::create_ring, {"UpdateRing", "Create"},
        {{"name", "order", "rolloutDays", "testDays", "description"}}, [](Call& c, Resolved& res) {
            Response err;
            res.audit.object_name = "update ring";
            BodyReader& in = *res.in;
            mtm::RingDraft d{
                in.string("name", true).value_or(""), in.string("description").value_or(""),
                in.integer("order", true).value_or(0), in.integer("rolloutDays", true).value_or(0),
                in.integer("testDays", true).value_or(0)};
            if (!d.name.empty()) res.audit.object_name = d.name;
            if (!in.ok()) return c.invalid(in.errors(), res);
            auto r = mtm::create_ring(c.world, res.tenant, d, c.options.ids);
            if (!r) return c.refuse(r.error(), res);
            return c.done(res, Response::json(201, ring_json(c.world, *r, c.caller)));
        });

    action_route(router, Action::modify_ring, {"UpdateRing", "Update"},
                 {{"name", "order", "rolloutDays", "testDays", "description"},
                  [](Call& c, const Resolved& res) -> std::optional<json> {
                      return ring_json(c.world, mtm::RingIx{res.ix()}, c.caller);
                  }},
                 [](Call& c, Resolved& res) {
                     Response err;
                     mtm::RingIx r{res.ix()};
                     BodyReader& in = *res.in;
                     mtm::RingPatch p{in.string("name"), in.string("description"),
                                      in.integer("order"), in.integer("rolloutDays"),
                                      in.integer("testDays")};
                     if (!in.ok()) return c.invalid(in.errors(), res);
                     auto done = mtm::update_ring(c.world, r, p);
                     if (!done) return c.refuse(done.error(), res);
                     return c.done(res, Response::json(200, ring_json(c.world, r, c.caller)));
                 });

    action_route(router, Action::delete_ring, {"UpdateRing", "Delete"}, [](Call& c, Resolved& res) {
        auto done = mtm::delete_ring(c.world, mtm::RingIx{res.ix()});
        if (!done) return c.refuse(done.error(), res);
        return c.done(res, Response::no_content());
    });

    action_route(router, Action::move_rooms_to_ring, {"UpdateRing", "Update", "move rooms to "},
                 {"roomIds"}, [](Call& c, Resolved& res) {
                     Response err;
                     mtm::RingIx r{res.ix()};
                     BodyReader& in = *res.in;
                     auto rooms = in.strings("roomIds", true);
                     if (!in.ok()) return c.invalid(in.errors(), res);
                     if (auto refused = c.check_body_rooms(res, Action::move_rooms_to_ring, *rooms))
                         return *refused;
                     auto done = mtm::move_rooms_to_ring(c.world, r, *rooms);
                     if (!done) return c.refuse(done.error(), res);
                     return c.done(res, Response::json(200, ring_json(c.world, r, c.caller)));
                 });

    // --- reports --------------------------------------------------------------------------------
    action_route(router, Action::read_reports, {}, [](Call& c, Resolved& res) {
        // Counts count only what the caller can see.
        auto sees = [&](const mtm::Target& t) {
            return mtm::decide(c.world, c.caller, Action::read_reports, t, c.sign_in).allowed();
        };
        mtm::TenantIx tenant = res.tenant;
        std::map<std::string, int> by_health, by_severity, by_type;
        for (auto h : {"healthy", "unhealthy", "unmonitored", "suppressed", "onboarding"})
            by_health[h] = 0;
        int rooms = 0;
        for (auto r : c.world.rooms_of(tenant)) {
            if (!c.world.room(r).enrolled || !sees(mtm::Target::of(c.world, r))) continue;
            ++rooms;
            ++by_health[std::string(mtm::to_string(mtm::effective_health(c.world, r)))];
        }
        // Incidents opened and closed per UTC day over the last 90 days.
        const mtm::Time day0 = (c.now / mtm::kDay - 89) * mtm::kDay;
        std::vector<int> opened(90, 0), closed(90, 0);
        int open = 0;
        for (auto i : c.world.incidents_of(tenant)) {
            if (!sees(mtm::Target::of(c.world, i))) continue;
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
