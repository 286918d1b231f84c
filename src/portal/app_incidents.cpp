// The Incidents page's actions: the list (one customer's, or every customer's at once), one
// incident with its thread, replies, closing, and recording an issue. Split from app.cpp to keep
// each file about one thing.
#include <algorithm>

#include "app.hpp"
#include "i18n.hpp"
#include "json_read.hpp"

namespace portal {

void App::load_incidents() {
    const IncidentsDraft& f = state_.incidents_ui;
    std::string query = "?limit=500";
    if (f.state > 0) query += std::string("&state=") + kIncidentStates[f.state];
    if (f.severity > 0) query += std::string("&severity=") + kSeverities[f.severity];
    // The aggregate view is one request across every customer where I may see tickets; the
    // service filters by what each customer granted, so the list never shows more.
    std::string path = state_.incidents_all ? "/incidents" + query
                                            : "/tenants/" + state_.tenant_id + "/incidents" + query;
    state_.loading_page = true;
    state_.page_error.clear();
    call(
        "GET", path, nullptr,
        [this](const ApiResult& r) {
            state_.loading_page = false;
            state_.incidents.clear();
            for (const auto& j : read::list(r.body, "items"))
                state_.incidents.push_back(IncidentRow::from_json(j));
        },
        [this](const ApiResult& r) {
            state_.loading_page = false;
            state_.page_error = r.error_message();
        });
}

void App::apply_incidents(const views::Action& a) {
    using K = views::Action::Kind;
    IncidentsDraft& ui = state_.incidents_ui;
    switch (a.kind) {
        case K::show_all_incidents:
            ++generation_;
            state_.incidents_all = a.id == "1";
            state_.incident.reset();
            load_page();
            return;
        case K::filter_incidents:
            ++generation_;
            load_incidents();
            return;
        case K::open_incident: {
            auto row = std::find_if(state_.incidents.begin(), state_.incidents.end(),
                                    [&](const IncidentRow& i) { return i.id == a.id; });
            std::string tenant = row != state_.incidents.end() ? row->tenant_id : state_.tenant_id;
            if (row != state_.incidents.end()) state_.incident = *row;  // at once; thread follows
            ui.reply[0] = '\0';
            call("GET", "/tenants/" + tenant + "/incidents/" + a.id, nullptr,
                 [this](const ApiResult& r) { state_.incident = IncidentRow::from_json(r.body); });
            load_choices(tenant);  // room names, and my people's names in the thread
            return;
        }
        case K::close_incident_view:
            state_.incident.reset();
            return;
        case K::reply_incident: {
            if (!state_.incident || !ui.reply[0]) return;
            bool assign = a.id == "assign";
            const IncidentRow& inc = *state_.incident;
            state_.busy_id = inc.id;
            call(
                "POST", "/tenants/" + inc.tenant_id + "/incidents/" + inc.id + "/messages",
                json{{"text", ui.reply}, {"assignToService", assign}},
                [this, assign](const ApiResult& r) {
                    state_.busy_id.clear();
                    state_.incidents_ui.reply[0] = '\0';
                    state_.incident = IncidentRow::from_json(r.body);
                    toast(assign ? tr("Reply sent, and the incident assigned to the service.")
                                 : tr("Reply sent."),
                          false);
                    load_incidents();
                },
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    toast(trf("The service refused: {}", r.error_message()), true);
                });
            return;
        }
        case K::close_incident: {
            if (!state_.incident) return;
            const IncidentRow& inc = *state_.incident;
            state_.busy_id = inc.id;
            call(
                "POST", "/tenants/" + inc.tenant_id + "/incidents/" + inc.id + "/close",
                json{{"reason", kCloseReasons[ui.close_reason]}},
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    state_.incident = IncidentRow::from_json(r.body);
                    toast(tr("Incident closed."), false);
                    load_incidents();
                },
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    toast(trf("Could not close the incident: {}", r.error_message()), true);
                });
            return;
        }
        case K::open_record:
            ui.record = RecordDraft{};
            ui.record.open = true;
            load_choices(state_.tenant_id);
            return;
        case K::send_record: {
            RecordDraft& d = ui.record;
            d.sending = true;
            d.errors.clear();
            call(
                "POST", "/tenants/" + state_.tenant_id + "/incidents", d.to_request(),
                [this](const ApiResult& r) {
                    state_.incidents_ui.record = RecordDraft{};
                    toast(tr("Issue recorded. Its rooms show Unhealthy until it is closed."),
                          false);
                    state_.incident = IncidentRow::from_json(r.body);
                    load_incidents();
                },
                [this](const ApiResult& r) {
                    state_.incidents_ui.record.sending = false;
                    state_.incidents_ui.record.errors = r.field_errors();
                });
            return;
        }
        default:
            return;
    }
}

}  // namespace portal
