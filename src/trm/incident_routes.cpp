// Incidents (tickets): per customer under /tenants/{tid}/incidents, and the all-customers view
// GET /incidents over every tenant where the caller has tickets.view.
#include <algorithm>

#include "trm/call.hpp"

namespace trm {

using mtm::Action;

namespace {

struct IncidentFilter {
    std::optional<mtm::IncidentState> state;
    std::optional<mtm::Severity> severity;
    std::string type;
    std::string text;  // lower case
};

// Reads ?state=&severity=&type=&q=; nullopt (with `err` set) for unknown values.
std::optional<IncidentFilter> read_filter(const Request& r, Response& err) {
    IncidentFilter f;
    if (auto s = r.query_value("state"); s && !s->empty()) {
        f.state = mtm::parse_incident_state(*s);
        if (!f.state) {
            err = bad_query(
                "state", "must be needAction, assignedToService, pendingInvestigation or resolved");
            return std::nullopt;
        }
    }
    if (auto s = r.query_value("severity"); s && !s->empty()) {
        f.severity = mtm::parse_severity(*s);
        if (!f.severity) {
            err = bad_query("severity", "must be important or warning");
            return std::nullopt;
        }
    }
    f.type = r.query_value("type").value_or("");
    f.text = mtm::lower(r.query_value("q").value_or(""));
    return f;
}

bool matches(const mtm::World& w, mtm::IncidentIx i, const IncidentFilter& f) {
    const auto& inc = w.incident(i);
    if (f.state && inc.state != *f.state) return false;
    if (f.severity && inc.severity != *f.severity) return false;
    if (!f.type.empty() && inc.type != f.type) return false;
    if (!f.text.empty() && mtm::lower(inc.title).find(f.text) == std::string::npos &&
        mtm::lower(w.tenant(inc.tenant).name).find(f.text) == std::string::npos)
        return false;
    return true;
}

// Newest first, as people read incident queues.
void newest_first(const mtm::World& w, std::vector<mtm::IncidentIx>& list) {
    std::stable_sort(list.begin(), list.end(), [&](auto a, auto b) {
        return w.incident(a).created_at > w.incident(b).created_at;
    });
}

}  // namespace

void Service::incident_routes(Router& router) {
    route(router, "GET", "/incidents", false, [](Call& c) {
        Response err;
        auto f = read_filter(c.request, err);
        if (!f) return err;
        // A tenant filter on a customer the caller cannot see matches nothing, exactly as an id
        // that does not exist.
        std::optional<mtm::TenantIx> only;
        bool nothing = false;
        if (auto tid = c.request.query_value("tenantId"); tid && !tid->empty()) {
            only = c.world.find_tenant(*tid);
            nothing = !only || !mtm::tenant_visible(c.world, c.caller, *only);
        }
        // Every tenant I can act in: my own, and each customer where I hold a grant.
        std::vector<mtm::TenantIx> tenants{c.home()};
        for (const auto& g : c.world.all_grants(c.caller))
            if (tenants.back() != g.tenant &&
                std::find(tenants.begin(), tenants.end(), g.tenant) == tenants.end())
                tenants.push_back(g.tenant);
        std::vector<mtm::IncidentIx> list;
        for (auto t : tenants) {
            if (nothing || (only && t != *only)) continue;
            // A customer that requires MFA of partner users, signed in without it: left out
            // (its own pages answer mfa_required, and the switcher says why).
            if (mtm::mfa_refuses(c.world, c.caller, t, c.sign_in)) continue;
            for (auto i : c.world.incidents_of(t))
                if (matches(c.world, i, *f) && mtm::decide(c.world, c.caller, Action::read_incident,
                                                           mtm::Target::of(c.world, i), c.sign_in)
                                                   .allowed())
                    list.push_back(i);
        }
        newest_first(c.world, list);
        return page_of(c.request, list.size(), [&](std::size_t k) {
            return incident_json(c.world, list[k], false, c.caller);
        });
    });

    action_route(router, Action::list_incidents, {}, [](Call& c, Resolved& res) {
        Response err;
        auto f = read_filter(c.request, err);
        if (!f) return err;
        std::vector<mtm::IncidentIx> list;
        for (auto i : c.world.incidents_of(res.tenant))
            if (matches(c.world, i, *f) && mtm::decide(c.world, c.caller, Action::read_incident,
                                                       mtm::Target::of(c.world, i), c.sign_in)
                                               .allowed())
                list.push_back(i);
        newest_first(c.world, list);
        return page_of(c.request, list.size(), [&](std::size_t k) {
            return incident_json(c.world, list[k], false, c.caller);
        });
    });

    action_route(router, Action::read_incident, {}, [](Call& c, Resolved& res) {
        return Response::json(200,
                              incident_json(c.world, mtm::IncidentIx{res.ix()}, true, c.caller));
    });

    action_route(
        router, Action::create_incident, {"Ticket", "Create"},
        {{"roomIds", "title", "description", "highImpact", "justification", "type"}},
        [](Call& c, Resolved& res) {
            Response err;
            res.audit.object_name = "incident";
            BodyReader& in = *res.in;
            mtm::IncidentDraft d;
            d.room_ids = in.strings("roomIds", true).value_or(std::vector<std::string>{});
            d.title = in.string("title", true).value_or("");
            d.description = in.string("description", true).value_or("");
            d.high_impact = in.boolean("highImpact").value_or(false);
            d.justification = in.string("justification").value_or("");
            d.type = in.string("type").value_or("other");
            if (!d.title.empty()) res.audit.object_name = d.title;
            if (!in.ok()) return c.invalid(in.errors(), res);
            // Each named room must be one I may raise tickets for; a room I cannot see is answered
            // exactly as one that does not exist.
            if (auto refused = c.check_body_rooms(res, Action::create_incident, d.room_ids))
                return *refused;
            auto i =
                mtm::record_incident(c.world, res.tenant, d, c.user().id, c.now, c.options.ids);
            if (!i) return c.refuse(i.error(), res);
            return c.done(res, Response::json(201, incident_json(c.world, *i, true, c.caller)));
        });

    action_route(
        router, Action::modify_incident, {"Ticket", "Update"},
        {{"title", "state", "severity"},
         [](Call& c, const Resolved& res) -> std::optional<json> {
             return incident_json(c.world, mtm::IncidentIx{res.ix()}, true, c.caller);
         }},
        [](Call& c, Resolved& res) {
            Response err;
            mtm::IncidentIx i{res.ix()};
            BodyReader& in = *res.in;
            mtm::IncidentPatch p{in.string("title"), in.string("state"), in.string("severity")};
            if (!in.ok()) return c.invalid(in.errors(), res);
            auto done = mtm::update_incident(c.world, i, p, c.now);
            if (!done) return c.refuse(done.error(), res);
            return c.done(res, Response::json(200, incident_json(c.world, i, true, c.caller)));
        });

    action_route(
        router, Action::reply_to_incident, {"Ticket", "Update", "reply to "},
        {{"text", "assignToService"}}, [](Call& c, Resolved& res) {
            Response err;
            mtm::IncidentIx i{res.ix()};
            BodyReader& in = *res.in;
            auto text = in.string("text", true);
            bool assign = in.boolean("assignToService").value_or(false);
            if (!in.ok()) return c.invalid(in.errors(), res);
            auto done = mtm::add_incident_message(c.world, i, *text, assign, c.user().id, c.now);
            if (!done) return c.refuse(done.error(), res);
            return c.done(res, Response::json(200, incident_json(c.world, i, true, c.caller)));
        });

    action_route(router, Action::close_incident, {"Ticket", "Update", "close "}, {"reason"},
                 [](Call& c, Resolved& res) {
                     Response err;
                     mtm::IncidentIx i{res.ix()};
                     BodyReader& in = *res.in;
                     auto reason = in.string("reason", true);
                     if (!in.ok()) return c.invalid(in.errors(), res);
                     auto done = mtm::close_incident(c.world, i, *reason, c.now);
                     if (!done) return c.refuse(done.error(), res);
                     return c.done(res,
                                   Response::json(200, incident_json(c.world, i, true, c.caller)));
                 });
}

}  // namespace trm
