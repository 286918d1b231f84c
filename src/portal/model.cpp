#include "model.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "i18n.hpp"
#include "json_read.hpp"
#include "mtm/validation.hpp"

namespace portal {

using read::flag;
using read::strings;

Scope Scope::from_json(const json& j) {
    Scope out;
    out.all_rooms = false;
    if (!j.is_object()) return out;
    auto it = j.find("scope");
    if (it == j.end() || !it->is_object()) return out;
    out.all_rooms = flag(*it, "allRooms");
    out.room_ids = strings(*it, "roomIds");
    out.room_group_ids = strings(*it, "roomGroupIds");
    return out;
}

json Scope::to_json() const {
    if (all_rooms)
        return {{"allRooms", true}, {"roomIds", json::array()}, {"roomGroupIds", json::array()}};
    return {{"allRooms", false}, {"roomIds", room_ids}, {"roomGroupIds", room_group_ids}};
}

std::string Scope::text() const {
    if (all_rooms) return tr("All rooms");
    std::size_t groups = room_group_ids.size(), rooms = room_ids.size();
    std::string g = groups == 1 ? trf("{} room group", groups) : trf("{} room groups", groups);
    std::string r = rooms == 1 ? trf("{} room", rooms) : trf("{} rooms", rooms);
    if (groups && rooms) return g + ", " + r;
    if (groups) return g;
    if (rooms) return r;
    return tr("No rooms");
}

IncidentRow IncidentRow::from_json(const json& j) {
    IncidentRow r;
    r.id = read::text(j, "id");
    r.tenant_id = read::text(j, "tenantId");
    r.tenant_name = read::text(j, "tenantName");
    r.severity = read::text(j, "severity");
    r.type = read::text(j, "type");
    r.state = read::text(j, "state");
    r.title = read::text(j, "title");
    r.description = read::text(j, "description");
    r.created_at = read::text(j, "createdAt");
    r.updated_at = read::text(j, "updatedAt");
    r.close_reason = read::text(j, "closeReason");
    r.justification = read::text(j, "justification");
    r.etag = read::text(j, "etag");
    r.recorded = flag(j, "recorded");
    r.high_impact = flag(j, "highImpact");
    r.room_ids = strings(j, "roomIds");
    for (const auto& m : read::list(j, "messages"))
        r.messages.push_back({read::text(m, "authorUserId"), read::text(m, "text"),
                              read::text(m, "at"), flag(m, "assignedToService")});
    return r;
}

RingRow RingRow::from_json(const json& j) {
    RingRow r;
    auto number = [&](const char* key) {
        return j.is_object() && j.contains(key) && j[key].is_number_integer() ? j[key].get<int>()
                                                                              : 0;
    };
    r.id = read::text(j, "id");
    r.name = read::text(j, "name");
    r.description = read::text(j, "description");
    r.etag = read::text(j, "etag");
    r.order = number("order");
    r.rollout_days = number("rolloutDays");
    r.test_days = number("testDays");
    r.room_count = number("roomCount");
    r.built_in = flag(j, "builtIn");
    return r;
}

json RingDraft::to_request() const {
    json body = {
        {"description", description}, {"rolloutDays", rollout_days}, {"testDays", test_days}};
    if (!built_in) {
        body["name"] = name;
        body["order"] = order;
    }
    return body;
}

ReportSummary ReportSummary::from_json(const json& j) {
    ReportSummary r;
    auto number = [&](const json& o, const char* key) {
        return o.is_object() && o.contains(key) && o[key].is_number_integer() ? o[key].get<int>()
                                                                              : 0;
    };
    auto counts = [&](const char* key) {
        std::vector<std::pair<std::string, int>> out;
        if (j.is_object() && j.contains(key) && j[key].is_object())
            for (const auto& [k, v] : j[key].items())
                if (v.is_number_integer()) out.emplace_back(k, v.get<int>());
        // Largest first: what needs attention leads.
        std::stable_sort(out.begin(), out.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        return out;
    };
    r.rooms = number(j, "rooms");
    r.open_incidents = number(j, "openIncidents");
    r.rooms_by_health = counts("roomsByHealth");
    r.open_by_severity = counts("openIncidentsBySeverity");
    r.open_by_type = counts("openIncidentsByType");
    for (const auto& d : read::list(j, "incidentsPerDay"))
        r.per_day.push_back({read::text(d, "date"), number(d, "opened"), number(d, "closed")});
    return r;
}

AuditRow AuditRow::from_json(const json& j) {
    return {read::text(j, "activity.category"),
            read::text(j, "activity.objectName"),
            read::text(j, "activity.operation"),
            read::text(j, "activity.resultStatus"),
            read::text(j, "activity.tenantId"),
            read::text(j, "creationTime"),
            read::text(j, "user.userId"),
            read::text(j, "user.userTenantId"),
            read::text(j, "detail")};
}

json RecordDraft::to_request() const {
    json body = {{"roomIds", room_ids},
                 {"title", title},
                 {"description", description},
                 {"highImpact", high_impact}};
    if (high_impact) body["justification"] = justification;
    return body;
}

std::string describe(const mtm::ActionDecision& d) {
    switch (d.refusal) {
        case mtm::Refusal::none:
            return {};
        case mtm::Refusal::not_visible:
            return tr("Not found, or outside the rooms you may manage");
        case mtm::Refusal::not_primary_admin:
            return tr("Only members of the customer's Primary admins can do this");
        case mtm::Refusal::not_role_owner:
            return d.partner ? tr("Only the customer's own roles and yours can be changed here: "
                                  "this role belongs to another side")
                             : tr("A partner's roles are the partner's to edit; you may delete its "
                                  "custom roles, or remove the partner");
        case mtm::Refusal::mfa_required:
            return tr(
                "This customer requires partner users to sign in with multi-factor "
                "authentication: sign in again with MFA");
        case mtm::Refusal::missing_permission:
            break;
    }
    const mtm::PermissionInfo& need = mtm::info(d.missing);
    std::string id(need.id);
    const char* feature = tr(need.feature.data());  // the catalogue's literals
    const char* label = tr(need.label.data());
    std::string roles;
    for (std::size_t i = 0; i < d.granting.size(); ++i) {
        if (i) roles += i + 1 == d.granting.size() ? tr(" or ") : ", ";
        roles += mtm::builtin_name(d.granting[i]);  // role names are names: not translated
    }
    if (d.granting.empty())
        return d.partner ? trf("Needs the permission {} ({}: {}). Only the customer's own roles "
                               "hold it: ask the customer",
                               id, feature, label)
                         : trf("Needs the permission {} ({}: {}). No built-in role grants it", id,
                               feature, label);
    return d.partner ? trf("Needs the permission {} ({}: {}), granted by {} (or a custom partner "
                           "role that includes it)",
                           id, feature, label, roles)
                     : trf("Needs the permission {} ({}: {}), granted by {} (or a custom role "
                           "that includes it)",
                           id, feature, label, roles);
}

std::string date_of(const std::string& iso) {
    return iso.size() >= 10 ? iso.substr(0, 10) : iso;
}

Me Me::from_json(const json& j) {
    Me me;
    const json& u = j.is_object() && j.contains("user") ? j["user"] : json::object();
    const json& t = j.is_object() && j.contains("tenant") ? j["tenant"] : json::object();
    me.user_id = read::text(u, "id");
    me.upn = read::text(u, "upn");
    me.display_name = read::text(u, "displayName");
    me.tenant_id = read::text(t, "id");
    me.tenant_name = read::text(t, "name");
    me.tenant_domain = read::text(t, "domain");
    me.partner_program = flag(t, "partnerProgram");
    return me;
}

CustomerRow CustomerRow::from_json(const json& j) {
    return {read::text(j, "tenantId"), read::text(j, "name"), read::text(j, "domain"),
            read::text(j, "since"), strings(j, "myPermissions")};
}

InvitationRow InvitationRow::from_json(const json& j) {
    InvitationRow r;
    r.id = read::text(j, "id");
    r.customer_name = read::text(j, "customerName");
    r.customer_domain = read::text(j, "customerDomain");
    r.partner_name = read::text(j, "partnerName");
    r.created_at = read::text(j, "createdAt");
    r.expires_at = read::text(j, "expiresAt");
    r.state = read::text(j, "state");
    r.my_status = read::text(j, "myStatus");
    r.note = read::text(j, "note");
    if (j.is_object() && j.contains("contacts") && j["contacts"].is_array())
        for (const auto& c : j["contacts"])
            r.contacts.push_back(
                {read::text(c, "upn"), read::text(c, "name"), read::text(c, "status")});
    r.scope = Scope::from_json(j);
    return r;
}

PartnerRow PartnerRow::from_json(const json& j) {
    PartnerRow p;
    p.partner_tenant_id = read::text(j, "partnerTenantId");
    p.name = read::text(j, "name");
    p.domain = read::text(j, "domain");
    p.since = read::text(j, "since");
    p.scope = Scope::from_json(j);
    if (j.is_object() && j.contains("invitations") && j["invitations"].is_array())
        for (const auto& i : j["invitations"]) p.invitations.push_back(InvitationRow::from_json(i));
    return p;
}

RoomRow RoomRow::from_json(const json& j) {
    RoomRow r{
        read::text(j, "id"),           read::text(j, "tenantId"),    read::text(j, "displayName"),
        read::text(j, "site"),         read::text(j, "country"),     read::text(j, "health"),
        read::text(j, "appVersion"),   read::text(j, "deviceModel"), strings(j, "roomGroupIds"),
        read::text(j, "updateRingId"), read::text(j, "etag"),        {}};
    r.search = mtm::lower(r.display_name + "\n" + r.site + "\n" + r.country);
    return r;
}

DirectoryEntry DirectoryEntry::from_json(const json& j) {
    DirectoryEntry e{read::text(j, "type"), read::text(j, "id"), read::text(j, "displayName"),
                     read::text(j, "upn")};
    if (e.name.empty()) e.name = read::text(j, "name");
    return e;
}

std::string CustomerDetail::name_of(const MemberRef& m) const {
    for (const auto& d : directory)
        if (d.id == m.id) return d.name.empty() ? d.upn : d.name;
    return m.id;
}

bool CustomerDetail::removable(const MemberRef&) const {
    return members.size() > 1 || other_assignments > 0;
}

RoleRow RoleRow::from_json(const json& j) {
    RoleRow r;
    r.id = read::text(j, "id");
    r.name = read::text(j, "name");
    r.description = read::text(j, "description");
    r.side = read::text(j, "side");
    r.etag = read::text(j, "etag");
    r.built_in = flag(j, "builtIn");
    for (const auto& p : strings(j, "permissions"))
        if (auto perm = mtm::parse_permission(p)) r.permissions.add(*perm);
    if (j.is_object() && j.contains("assignments") && j["assignments"].is_array())
        for (const auto& a : j["assignments"]) {
            AssignmentRow row;
            row.id = read::text(a, "id");
            row.name = read::text(a, "name");
            row.description = read::text(a, "description");
            row.etag = read::text(a, "etag");
            if (a.contains("members") && a["members"].is_array())
                for (const auto& m : a["members"])
                    row.members.push_back({read::text(m, "type"), read::text(m, "id")});
            row.email_notifications = flag(a, "emailNotifications");
            row.scope = Scope::from_json(a);
            r.assignments.push_back(std::move(row));
        }
    return r;
}

RoomGroupRow RoomGroupRow::from_json(const json& j) {
    RoomGroupRow g;
    g.id = read::text(j, "id");
    g.name = read::text(j, "name");
    g.room_ids = strings(j, "roomIds");
    g.room_count = g.room_ids.size();
    g.etag = read::text(j, "etag");
    return g;
}

json contacts_request(const std::vector<ContactDraft>& contacts) {
    json out = json::array();
    for (const auto& c : contacts)
        if (c.upn[0] || c.name[0]) out.push_back({{"name", c.name}, {"upn", c.upn}});
    return out;
}

bool any_contact(const std::vector<ContactDraft>& contacts) {
    return std::any_of(contacts.begin(), contacts.end(),
                       [](const ContactDraft& c) { return std::strchr(c.upn, '@') != nullptr; });
}

json InviteDraft::to_request() const {
    json contacts_json = contacts_request(contacts);
    json body = {{"partnerDomain", domain},  {"contacts", contacts_json},
                 {"scope", scope.to_json()}, {"expiresInDays", expires_days},
                 {"approval", "auto"},       {"termsAccepted", terms}};
    if (note[0]) body["note"] = note;
    return body;
}

AssignmentDraft AssignmentDraft::from_row(const AssignmentRow& row) {
    AssignmentDraft d;
    std::snprintf(d.name, sizeof d.name, "%s", row.name.c_str());
    std::snprintf(d.description, sizeof d.description, "%s", row.description.c_str());
    d.email_notifications = row.email_notifications;
    d.members = row.members;
    d.scope = row.scope;
    return d;
}

json AssignmentDraft::to_request() const {
    json list = json::array();
    for (const auto& m : members) list.push_back({{"type", m.type}, {"id", m.id}});
    return {{"name", name},
            {"description", description},
            {"emailNotifications", email_notifications},
            {"members", list},
            {"scope", scope.to_json()}};
}

json RoleWizard::role_request() const {
    json perms = json::array();
    for (const auto& info : mtm::catalogue())
        if (permissions.has(info.permission)) perms.push_back(std::string(info.id));
    return {{"name", name}, {"description", description}, {"permissions", perms}};
}

}  // namespace portal
