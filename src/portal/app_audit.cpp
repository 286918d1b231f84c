// Settings › General › Audit log (customer): the table over a date range and actor, and the
// same range as a CSV file. Split from app.cpp to keep each file about one thing.
#include "app.hpp"
#include "i18n.hpp"
#include "json_read.hpp"
#include "platform/platform.hpp"

namespace portal {

std::string App::audit_query(const std::string& format) const {
    const AuditDraft& f = state_.audit_ui;
    std::string q = "/tenants/" + state_.me.tenant_id + "/audit?format=" + format + "&limit=500";
    // Dates are typed as YYYY-MM-DD: the characters are digits and dashes, nothing to escape;
    // anything else is the service's to refuse (422, shown under the fields).
    auto safe = [](const char* s) {
        std::string out;
        for (const char* p = s; *p; ++p)
            if ((*p >= '0' && *p <= '9') || *p == '-' || *p == ':' || *p == 'T' || *p == 'Z')
                out += *p;
            else
                return std::string("invalid");
        return out;
    };
    if (f.from[0]) q += "&from=" + safe(f.from);
    if (f.to[0]) q += "&to=" + safe(f.to);
    if (f.actor == 1) q += "&actorTenantId=" + state_.me.tenant_id;
    if (f.actor >= 2 && static_cast<std::size_t>(f.actor - 2) < state_.partners.size())
        q += "&actorTenantId=" +
             state_.partners[static_cast<std::size_t>(f.actor - 2)].partner_tenant_id;
    return q;
}

}  // namespace portal
