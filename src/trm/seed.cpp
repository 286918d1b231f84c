// Service::load_seed: the API.md world file → the World, with an error naming the first bad
// field. Besides API.md's sections it reads three of our own (all optional): "relationships",
// "partnerRoles" and "invitations", so a demo or test world can start with partners on board.
#include <set>

#include "trm/json_io.hpp"
#include "trm/service.hpp"

namespace trm {

namespace {

using mtm::World;

struct Reader {
    const json& root;

    const json& section(const char* name) const {
        static const json empty = json::array();
        auto it = root.find(name);
        if (it == root.end()) return empty;
        if (!it->is_array()) throw SeedError(name, "must be a list");
        return *it;
    }
};

std::string field(const char* section, std::size_t i, const char* key) {
    return std::string(section) + "[" + std::to_string(i) + "]" +
           (key[0] ? std::string(".") + key : "");
}

std::string str(const json& obj, const char* section, std::size_t i, const char* key,
                bool required = true) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
        if (required) throw SeedError(field(section, i, key), "is required");
        return {};
    }
    if (!it->is_string()) throw SeedError(field(section, i, key), "must be a string");
    return it->get<std::string>();
}

bool uuid_like(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              c == '-' || c == '_'))
            return false;
    return true;
}

std::string new_id(const World& w, const std::string& id, const char* section, std::size_t i) {
    if (!uuid_like(id))
        throw SeedError(field(section, i, "id"), "must be an id of letters, digits and dashes");
    if (w.id_taken(id)) throw SeedError(field(section, i, "id"), "duplicates the id " + id);
    return id;
}

mtm::TenantIx tenant_ref(const World& w, const json& obj, const char* section, std::size_t i,
                         const char* key = "tenantId") {
    std::string id = str(obj, section, i, key);
    auto t = w.find_tenant(id);
    if (!t) throw SeedError(field(section, i, key), "names no tenant: " + id);
    return *t;
}

mtm::ScopeDraft scope_draft(const json& obj, const char* section, std::size_t i) {
    auto it = obj.find("scope");
    if (it == obj.end()) return mtm::ScopeDraft{true, {}, {}};
    BodyReader r(*it);
    mtm::ScopeDraft s;
    s.all_rooms = r.boolean("allRooms").value_or(false);
    s.room_ids = r.strings("roomIds").value_or(std::vector<std::string>{});
    s.room_group_ids = r.strings("roomGroupIds").value_or(std::vector<std::string>{});
    if (!r.ok())
        throw SeedError(field(section, i, "scope"),
                        r.errors().front().field + " " + r.errors().front().message);
    return s;
}

std::vector<mtm::MemberDraft> member_drafts(const json& obj, const char* section, std::size_t i) {
    BodyReader r(obj);
    auto members = r.members("members", true);
    if (!r.ok()) throw SeedError(field(section, i, "members"), r.errors().front().message);
    return *members;
}

void check(const mtm::Error& e, const std::string& where) {
    std::string msg = e.message;
    if (!e.fields.empty()) msg = e.fields.front().field + " " + e.fields.front().message;
    throw SeedError(where, msg);
}

}  // namespace

void Service::load_seed(const json& root) {
    std::unique_lock lock(mutex_, std::defer_lock);
    if (!replaying_here()) lock.lock();  // a rebuild already holds it
    if (!root.is_object()) throw SeedError("", "the world file must be a JSON object");
    if (world_.tenant_count() != 0) throw SeedError("", "the world is not empty");
    Reader in{root};
    World& w = world_;
    const auto& ids = options_.ids;

    const json& tenants = in.section("tenants");
    for (std::size_t i = 0; i < tenants.size(); ++i) {
        const json& t = tenants[i];
        if (!t.is_object()) throw SeedError(field("tenants", i, ""), "must be an object");
        mtm::Tenant tenant;
        tenant.id = new_id(w, str(t, "tenants", i, "id"), "tenants", i);
        tenant.name = str(t, "tenants", i, "name");
        tenant.domain = mtm::lower(str(t, "tenants", i, "domain"));
        if (tenant.domain.find('.') == std::string::npos)
            throw SeedError(field("tenants", i, "domain"), "must be a domain name");
        if (w.find_tenant_by_domain(tenant.domain))
            throw SeedError(field("tenants", i, "domain"),
                            "is already the domain of another tenant");
        auto pp = t.find("partnerProgram");
        if (pp != t.end() && !pp->is_boolean())
            throw SeedError(field("tenants", i, "partnerProgram"), "must be true or false");
        tenant.partner_program = pp != t.end() && pp->get<bool>();
        auto ix = w.add_tenant(std::move(tenant));
        mtm::add_builtin_customer_roles(w, ix, ids);
        mtm::add_builtin_rings(w, ix, ids);
    }

    const json& users = in.section("users");
    for (std::size_t i = 0; i < users.size(); ++i) {
        const json& u = users[i];
        mtm::User user;
        user.id = new_id(w, str(u, "users", i, "id"), "users", i);
        user.tenant = tenant_ref(w, u, "users", i);
        user.upn = mtm::lower(str(u, "users", i, "upn"));
        if (!mtm::valid_upn(user.upn))
            throw SeedError(field("users", i, "upn"), "is not name@domain");
        if (mtm::upn_domain(user.upn) != w.tenant(user.tenant).domain)
            throw SeedError(field("users", i, "upn"),
                            "is not in the tenant's domain " + w.tenant(user.tenant).domain);
        if (w.find_user_by_upn(user.upn))
            throw SeedError(field("users", i, "upn"), "duplicates " + user.upn);
        user.display_name = str(u, "users", i, "displayName", false);
        if (user.display_name.empty()) user.display_name = user.upn;
        w.add_user(std::move(user));
    }

    const json& groups = in.section("groups");
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const json& g = groups[i];
        mtm::SecurityGroup group;
        group.id = new_id(w, str(g, "groups", i, "id"), "groups", i);
        group.tenant = tenant_ref(w, g, "groups", i);
        group.name = str(g, "groups", i, "name");
        auto members = g.find("members");
        if (members != g.end()) {
            if (!members->is_array())
                throw SeedError(field("groups", i, "members"), "must be a list of user ids");
            for (const auto& m : *members) {
                auto u = m.is_string() ? w.find_user(m.get<std::string>()) : std::nullopt;
                if (!u || w.user(*u).tenant != group.tenant)
                    throw SeedError(field("groups", i, "members"),
                                    "names someone who is not a user of the tenant");
                group.members.push_back(*u);
            }
        }
        w.add_group(std::move(group));
    }

    const json& room_groups = in.section("roomGroups");
    for (std::size_t i = 0; i < room_groups.size(); ++i) {
        const json& g = room_groups[i];
        std::string id = new_id(w, str(g, "roomGroups", i, "id"), "roomGroups", i);
        w.add_room_group(mtm::RoomGroup{id, tenant_ref(w, g, "roomGroups", i),
                                        str(g, "roomGroups", i, "name"), true});
    }

    const json& rooms = in.section("rooms");
    for (std::size_t i = 0; i < rooms.size(); ++i) {
        const json& r = rooms[i];
        mtm::Room room;
        room.id = new_id(w, str(r, "rooms", i, "id"), "rooms", i);
        room.tenant = tenant_ref(w, r, "rooms", i);
        room.display_name = str(r, "rooms", i, "displayName");
        room.site = str(r, "rooms", i, "site", false);
        room.country = str(r, "rooms", i, "country", false);
        if (!room.country.empty() && !mtm::valid_country(room.country))
            throw SeedError(field("rooms", i, "country"), "must be an ISO 3166 code such as NO");
        room.device_model = str(r, "rooms", i, "deviceModel", false);
        room.app_version = str(r, "rooms", i, "appVersion", false);
        std::string health = str(r, "rooms", i, "health", false);
        if (!health.empty()) {
            auto h = mtm::parse_health(health);
            if (!h)
                throw SeedError(field("rooms", i, "health"), "is not a health state: " + health);
            room.health = *h;
        }
        room.ring = mtm::default_ring(w, room.tenant).value_or(mtm::RingIx{});
        room.enrollment_key = options_.keys();
        if (auto it = r.find("roomGroupIds"); it != r.end()) {
            if (!it->is_array())
                throw SeedError(field("rooms", i, "roomGroupIds"), "must be a list");
            for (const auto& g : *it) {
                auto gi = g.is_string() ? w.find_room_group(g.get<std::string>()) : std::nullopt;
                if (!gi || w.room_group(*gi).tenant != room.tenant)
                    throw SeedError(field("rooms", i, "roomGroupIds"),
                                    "names no room group of the tenant");
                room.groups.push_back(*gi);
            }
        }
        w.add_room(std::move(room));
    }

    const json& assignments = in.section("customerRoleAssignments");
    for (std::size_t i = 0; i < assignments.size(); ++i) {
        const json& a = assignments[i];
        mtm::TenantIx t = tenant_ref(w, a, "customerRoleAssignments", i);
        std::string key = str(a, "customerRoleAssignments", i, "role");
        auto builtin = mtm::parse_builtin_key(key);
        if (!builtin || *builtin == mtm::BuiltInRole::primary_admins)
            throw SeedError(field("customerRoleAssignments", i, "role"),
                            "must be mmrAdmin, siteLead or siteTech");
        mtm::AssignmentDraft d;
        d.name = str(a, "customerRoleAssignments", i, "name", false);
        if (d.name.empty()) d.name = std::string(mtm::builtin_name(*builtin)) + " assignment";
        d.members = member_drafts(a, "customerRoleAssignments", i);
        d.scope = scope_draft(a, "customerRoleAssignments", i);
        auto res = mtm::add_assignment(w, *mtm::builtin_role(w, t, *builtin), d, ids);
        if (!res) check(res.error(), field("customerRoleAssignments", i, ""));
    }

    const json& rels = in.section("relationships");
    for (std::size_t i = 0; i < rels.size(); ++i) {
        const json& r = rels[i];
        mtm::TenantIx customer = tenant_ref(w, r, "relationships", i, "customerTenantId");
        mtm::TenantIx partner = tenant_ref(w, r, "relationships", i, "partnerTenantId");
        if (!w.tenant(partner).partner_program || partner == customer)
            throw SeedError(field("relationships", i, "partnerTenantId"),
                            "is not a partner that could serve this customer");
        if (w.find_relationship(customer, partner))
            throw SeedError(field("relationships", i, ""), "duplicates a relationship");
        auto scope = mtm::resolve_scope(w, customer, scope_draft(r, "relationships", i), "scope");
        if (!scope) check(scope.error(), field("relationships", i, "scope"));
        mtm::Time since = options_.clock();
        if (auto s = r.find("since"); s != r.end()) {
            auto t = s->is_string() ? parse_iso_time(s->get<std::string>()) : std::nullopt;
            if (!t)
                throw SeedError(field("relationships", i, "since"), "must be an ISO 8601 UTC time");
            since = *t;
        }
        // Established as if the listed people had accepted an invitation.
        auto members = member_drafts(r, "relationships", i);
        if (members.empty())
            throw SeedError(field("relationships", i, "members"), "Primary admins needs a member");
        mtm::Invitation inv;
        inv.id = ids();
        inv.customer = customer;
        inv.partner = partner;
        inv.scope = *scope;
        inv.created_at = since;
        inv.expires_at = since + mtm::kDay;
        for (const auto& m : members) {
            auto u = m.type == "user" ? w.find_user(m.id) : std::nullopt;
            if (!u || w.user(*u).tenant != partner)
                throw SeedError(field("relationships", i, "members"),
                                "must list users of the partner");
            inv.contacts.push_back(
                {w.user(*u).upn, w.user(*u).display_name, mtm::ContactStatus::pending});
        }
        auto inv_ix = w.add_invitation(std::move(inv));
        for (const auto& m : members) {
            auto res = mtm::accept_invitation(w, inv_ix, *w.find_user(m.id), since, ids);
            if (!res) check(res.error(), field("relationships", i, "members"));
        }
    }

    const json& partner_roles = in.section("partnerRoles");
    for (std::size_t i = 0; i < partner_roles.size(); ++i) {
        const json& r = partner_roles[i];
        mtm::TenantIx customer = tenant_ref(w, r, "partnerRoles", i, "customerTenantId");
        mtm::TenantIx partner = tenant_ref(w, r, "partnerRoles", i, "partnerTenantId");
        BodyReader rd(r);
        mtm::RoleDraft d;
        d.name = rd.string("name", true).value_or("");
        d.description = rd.string("description").value_or("");
        d.permissions = rd.strings("permissions", true).value_or(std::vector<std::string>{});
        if (!rd.ok())
            throw SeedError(field("partnerRoles", i, rd.errors().front().field.c_str()),
                            rd.errors().front().message);
        auto role = mtm::create_role(w, customer, mtm::Side::partner, partner, d, ids);
        if (!role) check(role.error(), field("partnerRoles", i, ""));
        auto list = r.find("assignments");
        if (list == r.end()) continue;
        if (!list->is_array())
            throw SeedError(field("partnerRoles", i, "assignments"), "must be a list");
        for (std::size_t k = 0; k < list->size(); ++k) {
            const json& a = (*list)[k];
            mtm::AssignmentDraft ad;
            ad.name = str(a, "partnerRoles.assignments", k, "name");
            ad.members = member_drafts(a, "partnerRoles.assignments", k);
            ad.scope = scope_draft(a, "partnerRoles.assignments", k);
            auto res = mtm::add_assignment(w, *role, ad, ids);
            if (!res) check(res.error(), field("partnerRoles", i, "assignments"));
        }
    }

    const json& invitations = in.section("invitations");
    for (std::size_t i = 0; i < invitations.size(); ++i) {
        const json& r = invitations[i];
        mtm::TenantIx customer = tenant_ref(w, r, "invitations", i, "customerTenantId");
        BodyReader rd(r);
        mtm::InvitationDraft d;
        d.partner_domain = rd.string("partnerDomain", true).value_or("");
        d.contacts = rd.contacts("contacts", true).value_or(std::vector<mtm::ContactDraft>{});
        d.expires_in_days = rd.integer("expiresInDays").value_or(14);
        d.note = rd.string("note").value_or("");
        d.terms_accepted = true;
        d.scope = scope_draft(r, "invitations", i);
        if (!rd.ok())
            throw SeedError(field("invitations", i, rd.errors().front().field.c_str()),
                            rd.errors().front().message);
        auto res = mtm::invite_partner(w, customer, d, options_.clock(), ids);
        if (!res) check(res.error(), field("invitations", i, ""));
    }

    const json& incidents = in.section("incidents");
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        const json& r = incidents[i];
        mtm::Incident inc;
        inc.id = new_id(w, str(r, "incidents", i, "id"), "incidents", i);
        inc.tenant = tenant_ref(w, r, "incidents", i);
        auto severity = mtm::parse_severity(str(r, "incidents", i, "severity"));
        if (!severity)
            throw SeedError(field("incidents", i, "severity"), "must be important or warning");
        inc.severity = *severity;
        inc.type = str(r, "incidents", i, "type");
        if (!mtm::valid_incident_type(inc.type))
            throw SeedError(field("incidents", i, "type"), "is not an incident type");
        auto state = mtm::parse_incident_state(str(r, "incidents", i, "state", false).empty()
                                                   ? "needAction"
                                                   : str(r, "incidents", i, "state"));
        if (!state) throw SeedError(field("incidents", i, "state"), "is not an incident state");
        inc.state = *state;
        inc.title = str(r, "incidents", i, "title");
        inc.description = str(r, "incidents", i, "description", false);
        auto created = parse_iso_time(str(r, "incidents", i, "createdAt"));
        if (!created)
            throw SeedError(field("incidents", i, "createdAt"), "must be an ISO 8601 UTC time");
        inc.created_at = inc.updated_at = *created;
        if (auto it = r.find("roomIds"); it != r.end() && it->is_array()) {
            for (const auto& id : *it) {
                auto room = id.is_string() ? w.find_room(id.get<std::string>()) : std::nullopt;
                if (!room || w.room(*room).tenant != inc.tenant)
                    throw SeedError(field("incidents", i, "roomIds"),
                                    "names no room of the tenant");
                inc.rooms.push_back(*room);
            }
        }
        w.add_incident(std::move(inc));
    }
}

}  // namespace trm
