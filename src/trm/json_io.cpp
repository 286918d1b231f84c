#include "trm/json_io.hpp"

#include <cstdio>
#include <ctime>
#include <unordered_map>

namespace trm {

// --- reading ----------------------------------------------------------------------------------

BodyReader::BodyReader(const json& body) : body_(body) {
    if (!body_.is_object()) fail("", "the request body must be a JSON object");
}

bool BodyReader::has(const char* key) const {
    return body_.is_object() && body_.contains(key);
}

const json* BodyReader::field(const char* key, bool required) {
    if (!body_.is_object()) return nullptr;
    auto it = body_.find(key);
    if (it == body_.end() || it->is_null()) {
        if (required) fail(key, "is required");
        return nullptr;
    }
    return &*it;
}

void BodyReader::allow_only(std::initializer_list<const char*> keys) {
    allow_only(std::vector<const char*>(keys));
}

void BodyReader::allow_only(const std::vector<const char*>& keys) {
    if (!body_.is_object()) return;
    for (const auto& [k, v] : body_.items()) {
        bool known = false;
        for (const char* allowed : keys) known |= k == allowed;
        if (!known) fail(k, "is not a field of this request");
    }
}

std::optional<std::string> BodyReader::string(const char* key, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        fail(key, "must be a string");
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<bool> BodyReader::boolean(const char* key, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
        fail(key, "must be true or false");
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<int> BodyReader::integer(const char* key, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_number_integer() || v->get<std::int64_t>() < -1000000 ||
        v->get<std::int64_t>() > 1000000) {
        fail(key, "must be a whole number");
        return std::nullopt;
    }
    return static_cast<int>(v->get<std::int64_t>());
}

namespace {
constexpr std::size_t kMaxListItems = 10000;  // list fields longer than this are refused
}

std::optional<std::vector<std::string>> BodyReader::strings(const char* key, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_array() || v->size() > kMaxListItems) {
        fail(key, v->is_array() ? "has too many items" : "must be a list of strings");
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v->size(); ++i) {
        if (!(*v)[i].is_string()) {
            fail(std::string(key) + "[" + std::to_string(i) + "]", "must be a string");
            return std::nullopt;
        }
        out.push_back((*v)[i].get<std::string>());
    }
    return out;
}

std::optional<mtm::ScopeDraft> BodyReader::scope(const char* key, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_object()) {
        fail(key, "must be an object with allRooms, roomIds and roomGroupIds");
        return std::nullopt;
    }
    BodyReader inner(*v);
    inner.allow_only({"allRooms", "roomIds", "roomGroupIds"});
    mtm::ScopeDraft s;
    s.all_rooms = inner.boolean("allRooms").value_or(false);
    s.room_ids = inner.strings("roomIds").value_or(std::vector<std::string>{});
    s.room_group_ids = inner.strings("roomGroupIds").value_or(std::vector<std::string>{});
    for (const auto& e : inner.errors()) fail(std::string(key) + "." + e.field, e.message);
    if (!inner.ok()) return std::nullopt;
    return s;
}

std::optional<std::vector<mtm::MemberDraft>> BodyReader::members(const char* key, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_array() || v->size() > kMaxListItems) {
        fail(key, "must be a list of {type, id}");
        return std::nullopt;
    }
    std::vector<mtm::MemberDraft> out;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const json& m = (*v)[i];
        std::string f = std::string(key) + "[" + std::to_string(i) + "]";
        if (!m.is_object() || !m.contains("type") || !m["type"].is_string() || !m.contains("id") ||
            !m["id"].is_string()) {
            fail(f, "must be {\"type\": \"user\"|\"group\", \"id\": …}");
            continue;
        }
        out.push_back({m["type"].get<std::string>(), m["id"].get<std::string>()});
    }
    return out;
}

std::optional<std::vector<mtm::ContactDraft>> BodyReader::contacts(const char* key, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_array() || v->size() > kMaxListItems) {
        fail(key, "must be a list of {name, upn}");
        return std::nullopt;
    }
    std::vector<mtm::ContactDraft> out;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const json& c = (*v)[i];
        std::string f = std::string(key) + "[" + std::to_string(i) + "]";
        if (!c.is_object() || !c.contains("upn") || !c["upn"].is_string() ||
            (c.contains("name") && !c["name"].is_string())) {
            fail(f, "must be {\"name\": …, \"upn\": …}");
            continue;
        }
        out.push_back({c.value("name", std::string()), c["upn"].get<std::string>()});
    }
    return out;
}

// --- time -------------------------------------------------------------------------------------

std::string iso_time(mtm::Time t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::optional<mtm::Time> parse_iso_time(const std::string& s) {
    int y, mo, d, h = 0, mi = 0, sec = 0;
    char tail = 0;
    if (s.size() == 10) {
        if (std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &mo, &d) != 3) return std::nullopt;
    } else if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec,
                           &tail) != 7 ||
               tail != 'Z' || s.size() != 20) {
        return std::nullopt;
    }
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
        sec > 60)
        return std::nullopt;
    // Days from civil (Howard Hinnant's algorithm): no time zone database involved.
    y -= mo <= 2;
    const int era = y / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
    return days * 86400 + h * 3600 + mi * 60 + sec;
}

// --- writing ----------------------------------------------------------------------------------

json scope_json(const mtm::World& w, const mtm::Scope& s) {
    json rooms = json::array(), groups = json::array();
    for (auto r : s.rooms) rooms.push_back(w.room(r).id);
    for (auto g : s.room_groups) groups.push_back(w.room_group(g).id);
    return {{"allRooms", s.all_rooms}, {"roomIds", rooms}, {"roomGroupIds", groups}};
}

json scope_json(const mtm::World& w, mtm::TenantIx tenant, const mtm::Scope& s, Viewer viewer) {
    return scope_json(w, viewer ? mtm::visible_scope(w, *viewer, tenant, s) : s);
}

std::vector<FieldError> to_field_errors(const std::vector<mtm::FieldIssue>& issues) {
    std::vector<FieldError> out;
    for (const auto& f : issues) out.push_back({f.field, f.message});
    return out;
}

json tenant_json(const mtm::Tenant& t) {
    return {{"id", t.id},
            {"name", t.name},
            {"domain", t.domain},
            {"partnerProgram", t.partner_program}};
}

json user_json(const mtm::World& w, mtm::UserIx u) {
    const auto& user = w.user(u);
    return {{"id", user.id},
            {"upn", user.upn},
            {"displayName", user.display_name},
            {"tenantId", w.tenant(user.tenant).id}};
}

json room_json(const mtm::World& w, mtm::RoomIx r, Viewer viewer) {
    const auto& room = w.room(r);
    json groups = json::array();
    for (auto g : room.groups)
        if (w.room_group(g).alive && (!viewer || mtm::visible(w, *viewer, mtm::Target::of(w, g))))
            groups.push_back(w.room_group(g).id);
    return with_etag(
        {{"id", room.id},
         {"tenantId", w.tenant(room.tenant).id},
         {"displayName", room.display_name},
         {"site", room.site},
         {"country", room.country},
         {"deviceModel", room.device_model},
         {"appVersion", room.app_version},
         {"health", std::string(mtm::to_string(mtm::effective_health(w, r)))},
         {"updateRingId", room.ring.valid() ? json(w.ring(room.ring).id) : json(nullptr)},
         {"roomGroupIds", groups}});
}

json room_group_json(const mtm::World& w, mtm::RoomGroupIx g, Viewer viewer) {
    json rooms = json::array();
    for (auto r : mtm::rooms_in_group(w, g))
        if (!viewer || mtm::visible(w, *viewer, mtm::Target::of(w, r)))
            rooms.push_back(w.room(r).id);
    const auto& group = w.room_group(g);
    return with_etag({{"id", group.id},
                      {"tenantId", w.tenant(group.tenant).id},
                      {"name", group.name},
                      {"roomIds", rooms}});
}

json ring_json(const mtm::World& w, mtm::RingIx r, Viewer viewer) {
    const auto& ring = w.ring(r);
    int rooms = 0;
    for (auto room : w.rooms_of(ring.tenant))
        if (w.room(room).enrolled && w.room(room).ring == r &&
            (!viewer || mtm::visible(w, *viewer, mtm::Target::of(w, room))))
            ++rooms;
    return with_etag({{"id", ring.id},
                      {"tenantId", w.tenant(ring.tenant).id},
                      {"name", ring.name},
                      {"description", ring.description},
                      {"order", ring.order},
                      {"rolloutDays", ring.rollout_days},
                      {"testDays", ring.test_days},
                      {"completionDays", ring.rollout_days + ring.test_days},
                      {"builtIn", ring.built_in},
                      {"roomCount", rooms}});
}

json incident_json(const mtm::World& w, mtm::IncidentIx i, bool with_thread,
                   std::optional<mtm::UserIx> viewer) {
    const auto& inc = w.incident(i);
    json rooms = json::array();
    for (auto r : inc.rooms)
        if (!viewer || mtm::visible(w, *viewer, mtm::Target::of(w, r)))
            rooms.push_back(w.room(r).id);
    json j = {{"id", inc.id},
              {"tenantId", w.tenant(inc.tenant).id},
              {"tenantName", w.tenant(inc.tenant).name},
              {"roomIds", rooms},
              {"severity", std::string(mtm::to_string(inc.severity))},
              {"type", inc.type},
              {"state", std::string(mtm::to_string(inc.state))},
              {"title", inc.title},
              {"description", inc.description},
              {"recorded", inc.recorded},
              {"highImpact", inc.high_impact},
              {"createdAt", iso_time(inc.created_at)},
              {"updatedAt", iso_time(inc.updated_at)}};
    if (inc.high_impact) j["justification"] = inc.justification;
    if (!inc.close_reason.empty()) j["closeReason"] = inc.close_reason;
    if (with_thread) {
        json thread = json::array();
        for (const auto& m : inc.messages)
            thread.push_back({{"authorUserId", m.author_user_id},
                              {"text", m.text},
                              {"at", iso_time(m.at)},
                              {"assignedToService", m.assigned_to_service}});
        j["messages"] = thread;
    }
    return with_etag(std::move(j));
}

namespace {
// What the assignment reaches: a partner role's scope clipped by the relationship's (so a scope
// the customer narrowed never lists rooms it took back), then only what the viewer can see.
json assignment_scope_json(const mtm::World& w, const mtm::Assignment& asg, Viewer viewer) {
    const mtm::Role& role = w.role(asg.role);
    const mtm::Scope* clip = nullptr;
    if (role.side == mtm::Side::partner)
        if (auto rel = w.find_relationship(role.customer, role.partner))
            clip = &w.relationship(*rel).scope;
    return scope_json(w, role.customer, mtm::effective_scope(w, role.customer, asg.scope, clip),
                      viewer);
}
}  // namespace

json assignment_json(const mtm::World& w, mtm::AssignmentIx a, Viewer viewer) {
    const auto& asg = w.assignment(a);
    json members = json::array();
    for (const auto& m : asg.members)
        members.push_back(m.kind == mtm::Member::Kind::user
                              ? json{{"type", "user"}, {"id", w.user(mtm::UserIx{m.ix}).id}}
                              : json{{"type", "group"}, {"id", w.group(mtm::GroupIx{m.ix}).id}});
    return with_etag({{"id", asg.id},
                      {"roleId", w.role(asg.role).id},
                      {"name", asg.name},
                      {"description", asg.description},
                      {"emailNotifications", asg.email_notifications},
                      {"members", members},
                      {"scope", assignment_scope_json(w, asg, viewer)}});
}

json role_json(const mtm::World& w, mtm::RoleIx r, Viewer viewer) {
    const auto& role = w.role(r);
    json perms = json::array(), assignments = json::array();
    for (const auto& p : mtm::catalogue())
        if (role.permissions.has(p.permission)) perms.push_back(std::string(p.id));
    for (auto a : role.assignments) assignments.push_back(assignment_json(w, a, viewer));
    json j = {{"id", role.id},
              {"tenantId", w.tenant(role.customer).id},
              {"name", role.name},
              {"description", role.description},
              {"builtIn", role.built_in != mtm::BuiltInRole::none},
              {"builtInKey", role.built_in == mtm::BuiltInRole::none
                                 ? json(nullptr)
                                 : json(std::string(mtm::builtin_key(role.built_in)))},
              {"side", role.side == mtm::Side::customer ? "customer" : "partner"},
              {"permissions", perms},
              {"assignments", assignments}};
    if (role.side == mtm::Side::partner) j["partnerTenantId"] = w.tenant(role.partner).id;
    return with_etag(std::move(j));
}

json invitation_json(const mtm::World& w, mtm::InvitationIx i, mtm::Time now) {
    const auto& inv = w.invitation(i);
    json contacts = json::array();
    for (const auto& c : inv.contacts)
        contacts.push_back(
            {{"upn", c.upn}, {"name", c.name}, {"status", std::string(mtm::to_string(c.status))}});
    const auto& customer = w.tenant(inv.customer);
    const auto& partner = w.tenant(inv.partner);
    return with_etag({{"id", inv.id},
                      {"customerTenantId", customer.id},
                      {"customerName", customer.name},
                      {"customerDomain", customer.domain},
                      {"partnerTenantId", partner.id},
                      {"partnerName", partner.name},
                      {"contacts", contacts},
                      {"scope", scope_json(w, inv.scope)},
                      {"createdAt", iso_time(inv.created_at)},
                      {"expiresAt", iso_time(inv.expires_at)},
                      {"approval", inv.approval},
                      {"note", inv.note},
                      {"state", std::string(mtm::to_string(mtm::invitation_state(inv, now)))}});
}

json partner_json(const mtm::World& w, mtm::RelationshipIx rel, Viewer viewer) {
    const auto& r = w.relationship(rel);
    const auto& p = w.tenant(r.partner);
    return with_etag({{"partnerTenantId", p.id},
                      {"name", p.name},
                      {"domain", p.domain},
                      {"since", iso_time(r.since)},
                      {"scope", scope_json(w, r.customer, r.scope, viewer)},
                      {"approval", r.approval},
                      {"invitations", json::array()}});
}

json relationship_json(const mtm::World& w, mtm::RelationshipIx r) {
    const auto& rel = w.relationship(r);
    return {{"customerTenantId", w.tenant(rel.customer).id},
            {"partnerTenantId", w.tenant(rel.partner).id},
            {"since", iso_time(rel.since)},
            {"scope", scope_json(w, rel.scope)}};
}

namespace {
json snapshot_scope_json(const mtm::SnapshotScope& s) {
    return {{"allRooms", s.all_rooms}, {"roomIds", s.room_ids}, {"roomGroupIds", s.room_group_ids}};
}
mtm::SnapshotScope snapshot_scope_from(const json& j) {
    mtm::SnapshotScope s;
    s.all_rooms = j.value("allRooms", false);
    if (j.contains("roomIds")) s.room_ids = j["roomIds"].get<std::vector<std::string>>();
    if (j.contains("roomGroupIds"))
        s.room_group_ids = j["roomGroupIds"].get<std::vector<std::string>>();
    return s;
}
}  // namespace

json snapshot_json(const mtm::AccessSnapshot& s) {
    json contexts = json::array();
    for (const auto& c : s.contexts) {
        json perms = json::array(), grants = json::array();
        for (const auto& p : mtm::catalogue())
            if (c.permissions.has(p.permission)) perms.push_back(std::string(p.id));
        for (const auto& g : c.grants)
            grants.push_back({{"roleId", g.role_id},
                              {"roleName", g.role_name},
                              {"assignmentId", g.assignment_id},
                              {"assignmentName", g.assignment_name}});
        json ctx = {{"tenantId", c.tenant_id},
                    {"tenantName", c.tenant_name},
                    {"via", c.via_partner ? "partner" : "own"},
                    {"permissions", perms},
                    {"scope", snapshot_scope_json(c.scope)},
                    {"grants", grants}};
        // `scope` is already the effective scope; the customer's whole grant to the partner
        // is not written: it can name rooms this user does not reach.
        contexts.push_back(std::move(ctx));
    }
    json facts = json::array();
    for (const auto& f : s.facts) {
        json jf = {{"tenantId", f.tenant_id}};
        if (f.tenant_id == s.tenant_id) {
            jf["mmrAdmin"] = f.own_mmr_admin;
        } else {
            jf["primaryAdmin"] = f.primary_admin;
            jf["relationship"] = f.relationship;
            jf["mfaRequired"] = f.mfa_required;
            jf["mfaSatisfied"] = f.mfa_satisfied;
            // API.md marks the contexts too: a client reading only contexts sees the condition.
            for (auto& ctx : contexts)
                if (ctx["tenantId"] == f.tenant_id) {
                    ctx["mfaRequired"] = f.mfa_required;
                    ctx["mfaSatisfied"] = f.mfa_satisfied;
                }
        }
        facts.push_back(std::move(jf));
    }
    return {{"userId", s.user_id},
            {"tenantId", s.tenant_id},
            {"contexts", contexts},
            {"tenants", facts}};
}

mtm::AccessSnapshot snapshot_from_json(const json& j) {
    mtm::AccessSnapshot s;
    s.user_id = j.value("userId", std::string());
    s.tenant_id = j.value("tenantId", std::string());
    for (const auto& c : j.value("contexts", json::array())) {
        mtm::AccessContext ctx;
        ctx.tenant_id = c.value("tenantId", std::string());
        ctx.tenant_name = c.value("tenantName", std::string());
        ctx.via_partner = c.value("via", std::string()) == "partner";
        for (const auto& p : c.value("permissions", json::array()))
            if (p.is_string())
                if (auto perm = mtm::parse_permission(p.get<std::string>()))
                    ctx.permissions.add(*perm);
        if (c.contains("scope")) ctx.scope = snapshot_scope_from(c["scope"]);
        for (const auto& g : c.value("grants", json::array()))
            ctx.grants.push_back(
                {g.value("roleId", std::string()), g.value("roleName", std::string()),
                 g.value("assignmentId", std::string()), g.value("assignmentName", std::string())});
        s.contexts.push_back(std::move(ctx));
    }
    for (const auto& f : j.value("tenants", json::array())) {
        if (!f.is_object()) continue;
        mtm::AccessFacts facts;
        facts.tenant_id = f.value("tenantId", std::string());
        facts.own_mmr_admin = f.value("mmrAdmin", false);
        facts.primary_admin = f.value("primaryAdmin", false);
        facts.relationship = f.value("relationship", false);
        facts.mfa_required = f.value("mfaRequired", false);
        facts.mfa_satisfied = f.value("mfaSatisfied", false);
        s.facts.push_back(std::move(facts));
    }
    return s;
}

std::string etag_of(const json& object) {
    // FNV-1a over the canonical dump: stable across runs and platforms.
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : object.dump()) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[24];
    std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
    return buf;
}

json with_etag(json object) {
    object.erase("etag");
    std::string tag = etag_of(object);
    object["etag"] = tag;
    return object;
}

namespace {

json matrix_scope_json(const mtm::MatrixScope& s) {
    return {{"allRooms", s.all_rooms}, {"rooms", s.rooms}, {"roomGroups", s.room_groups}};
}

mtm::MatrixScope matrix_scope_from(const json& j) {
    mtm::MatrixScope s;
    s.all_rooms = j.at("allRooms").get<bool>();
    s.rooms = j.at("rooms").get<std::uint32_t>();
    s.room_groups = j.at("roomGroups").get<std::uint32_t>();
    return s;
}

}  // namespace

json matrix_json(const mtm::MatrixModel& m) {
    json tenants = json::array(), users = json::array(), roles = json::array();
    for (const auto& t : m.tenants)
        tenants.push_back({{"id", t.id},
                           {"name", t.name},
                           {"via", t.via_partner ? "partner" : "own"},
                           {"relationshipScope", matrix_scope_json(t.clip)}});
    for (const auto& u : m.users)
        users.push_back({{"id", u.id}, {"upn", u.upn}, {"displayName", u.display_name}});
    for (std::uint32_t r = 0; r < m.roles.size(); ++r) {
        const auto& role = m.roles[r];
        json perms = json::array(), assignments = json::array();
        for (const auto& p : mtm::catalogue())
            if (role.permissions.has(p.permission)) perms.push_back(std::string(p.id));
        for (const auto& a : m.assignments)
            if (a.role == r)
                assignments.push_back(
                    {{"id", a.id}, {"name", a.name}, {"scope", matrix_scope_json(a.scope)}});
        json j = {{"id", role.id},
                  {"name", role.name},
                  {"tenantId", m.tenants[role.tenant].id},
                  {"side", role.side == mtm::Side::partner ? "partner" : "customer"},
                  {"builtIn", role.built_in != mtm::BuiltInRole::none},
                  {"builtInKey", role.built_in == mtm::BuiltInRole::none
                                     ? json(nullptr)
                                     : json(std::string(mtm::builtin_key(role.built_in)))},
                  {"permissions", perms},
                  {"assignments", assignments}};
        if (role.built_in != mtm::BuiltInRole::none)
            j["builtInKey"] = std::string(mtm::builtin_key(role.built_in));
        roles.push_back(std::move(j));
    }
    // Assignments are listed role by role above; grants index them in that order.
    std::vector<std::uint32_t> position(m.assignments.size());
    std::uint32_t next = 0;
    for (std::uint32_t r = 0; r < m.roles.size(); ++r)
        for (std::uint32_t a = 0; a < m.assignments.size(); ++a)
            if (m.assignments[a].role == r) position[a] = next++;
    json grants = json::array();
    for (const auto& g : m.grants)
        grants.push_back(json::array({g.user, position[g.assignment], g.through_group ? 1 : 0}));
    return {{"tenants", tenants}, {"users", users}, {"roles", roles}, {"grants", grants}};
}

std::optional<mtm::MatrixModel> matrix_from_json(const json& j) {
    try {
        mtm::MatrixModel m;
        std::unordered_map<std::string, std::uint32_t> tenant_at;
        for (const auto& t : j.at("tenants")) {
            tenant_at[t.at("id").get<std::string>()] = static_cast<std::uint32_t>(m.tenants.size());
            m.tenants.push_back({t.at("id").get<std::string>(), t.at("name").get<std::string>(),
                                 t.at("via").get<std::string>() == "partner",
                                 matrix_scope_from(t.at("relationshipScope"))});
        }
        for (const auto& u : j.at("users"))
            m.users.push_back({u.at("id").get<std::string>(), u.at("upn").get<std::string>(),
                               u.at("displayName").get<std::string>()});
        for (const auto& r : j.at("roles")) {
            mtm::MatrixModel::Role role;
            role.id = r.at("id").get<std::string>();
            role.name = r.at("name").get<std::string>();
            auto t = tenant_at.find(r.at("tenantId").get<std::string>());
            if (t == tenant_at.end()) return std::nullopt;
            role.tenant = t->second;
            role.side = r.at("side").get<std::string>() == "partner" ? mtm::Side::partner
                                                                     : mtm::Side::customer;
            if (r.at("builtIn").get<bool>())
                role.built_in = mtm::parse_builtin_key(r.value("builtInKey", std::string()))
                                    .value_or(mtm::BuiltInRole::none);
            for (const auto& p : r.at("permissions"))
                if (auto perm = mtm::parse_permission(p.get<std::string>()))
                    role.permissions.add(*perm);
            auto rix = static_cast<std::uint32_t>(m.roles.size());
            m.roles.push_back(std::move(role));
            for (const auto& a : r.at("assignments"))
                m.assignments.push_back({a.at("id").get<std::string>(),
                                         a.at("name").get<std::string>(), rix,
                                         matrix_scope_from(a.at("scope"))});
        }
        for (const auto& g : j.at("grants")) {
            auto user = g.at(0).get<std::uint32_t>(), assignment = g.at(1).get<std::uint32_t>();
            if (user >= m.users.size() || assignment >= m.assignments.size()) return std::nullopt;
            m.grants.push_back({user, assignment, g.at(2).get<int>() != 0});
        }
        std::stable_sort(m.grants.begin(), m.grants.end(),
                         [](const auto& a, const auto& b) { return a.user < b.user; });
        return m;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

}  // namespace trm
