// Service settings and the audit log of a customer: /tenants/{tid}/settings and /audit.
#include "trm/call.hpp"
#include "trm/csv.hpp"

namespace trm {

using mtm::Action;

namespace {

json settings_json(const mtm::World& w, mtm::TenantIx t, const TenantSettings& s) {
    return with_etag({{"tenantId", w.tenant(t).id},
                      {"notificationEmail", s.notification_email},
                      {"language", s.language},
                      {"requirePartnerMfa", w.tenant(t).require_partner_mfa}});
}

constexpr mtm::Time kAuditWindow = 180 * mtm::kDay;

}  // namespace

void Service::settings_routes(Router& router) {
    action_route(router, Action::read_settings, {}, [this](Call& c, Resolved& res) {
        return Response::json(200, settings_json(c.world, res.tenant, settings_[res.tenant.v]));
    });

    action_route(router, Action::modify_settings, {"Settings", "Update"},
                 {{"notificationEmail", "language", "requirePartnerMfa"},
                  [this](Call& c, const Resolved& res) -> std::optional<json> {
                      return settings_json(c.world, res.tenant, settings_[res.tenant.v]);
                  }},
                 [this](Call& c, Resolved& res) {
                     Response err;
                     mtm::TenantIx tenant = res.tenant;
                     res.audit.object_name = "service settings";
                     const AuditSpec& spec = res.audit;
                     BodyReader& in = *res.in;
                     auto email = in.string("notificationEmail");
                     auto language = in.string("language");
                     auto mfa = in.boolean("requirePartnerMfa");
                     std::vector<FieldError> errors = in.errors();
                     if (email && !email->empty() && !mtm::valid_upn(*email))
                         errors.push_back({"notificationEmail", "is not an e-mail address"});
                     if (language && *language != "en" && *language != "it")
                         errors.push_back({"language", "must be en or it"});
                     if (!errors.empty()) return c.invalid(errors, tenant, spec);
                     TenantSettings& s = settings_[tenant.v];
                     if (email) s.notification_email = *email;
                     if (language) s.language = *language;
                     // A condition on partners' access: mtm decides with it, so the world holds it.
                     if (mfa) c.world.set_require_partner_mfa(tenant, *mfa);
                     c.audit(tenant, spec, true);
                     return Response::json(200, settings_json(c.world, tenant, s));
                 });

    // The customer's own MMR Admins only: to anyone else, partners included, it does not exist
    // (the action's membership rule answers 404).
    action_route(router, Action::read_audit, {}, [this](Call& c, Resolved& res) {
        auto t = std::optional<mtm::TenantIx>(res.tenant);

        std::vector<FieldError> errors;
        mtm::Time to = c.now, from = c.now - 30 * mtm::kDay;
        if (auto v = c.request.query_value("to"); v && !v->empty()) {
            auto parsed = parse_iso_time(*v);
            if (!parsed)
                errors.push_back({"to", "must be an ISO 8601 UTC time or date"});
            else
                to = *parsed + (v->size() == 10 ? mtm::kDay - 1 : 0);  // a date means the whole day
        }
        if (auto v = c.request.query_value("from"); v && !v->empty()) {
            auto parsed = parse_iso_time(*v);
            if (!parsed)
                errors.push_back({"from", "must be an ISO 8601 UTC time or date"});
            else
                from = *parsed;
        }
        if (errors.empty() && from < c.now - kAuditWindow)
            errors.push_back(
                {"from",
                 "reaches more than 180 days back; the audit export covers the last 180 days"});
        if (errors.empty() && from > to) errors.push_back({"from", "is after 'to'"});
        std::string format = c.request.query_value("format").value_or("json");
        if (format != "json" && format != "csv")
            errors.push_back({"format", "must be csv or json"});
        if (!errors.empty()) return Response::problem(unprocessable(errors));

        AuditQuery q{c.world.tenant(*t).id, from, to, std::nullopt};
        if (auto a = c.request.query_value("actorTenantId"); a && !a->empty()) q.actor_tenant = *a;
        auto records = store_.audit(q);

        if (format == "csv") {
            Response r;
            r.content_type = "text/csv; charset=utf-8";
            r.body =
                "activity.category,activity.objectName,activity.operation,activity.resultStatus,"
                "activity.tenantId,creationTime,user.userId,user.userTenantId\r\n";
            for (const auto& rec : records)
                r.body += csv_cell(rec.category) + "," + csv_cell(rec.object_name) + "," +
                          csv_cell(rec.operation) + "," + csv_cell(rec.result_status) + "," +
                          csv_cell(rec.tenant_id) + "," + iso_time(rec.time) + "," +
                          csv_cell(rec.user_id) + "," + csv_cell(rec.user_tenant_id) + "\r\n";
            r.headers.emplace_back("Content-Disposition", "attachment; filename=\"audit.csv\"");
            return r;
        }
        std::vector<json> items;
        for (const auto& rec : records)
            items.push_back({{"activity.category", rec.category},
                             {"activity.objectName", rec.object_name},
                             {"activity.operation", rec.operation},
                             {"activity.resultStatus", rec.result_status},
                             {"activity.tenantId", rec.tenant_id},
                             {"creationTime", iso_time(rec.time)},
                             {"user.userId", rec.user_id},
                             {"user.userTenantId", rec.user_tenant_id},
                             {"detail", rec.detail}});
        return page(c.request, std::move(items));
    });
}

}  // namespace trm
