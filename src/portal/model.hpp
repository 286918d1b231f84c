#pragma once
// What the portal shows, as plain structs parsed from the API's JSON — defensively: a missing or
// wrong-typed field becomes an empty value, never a crash. Portable (no ImGui, no browser).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mtm/snapshot.hpp"

namespace portal {

using nlohmann::json;

struct Me {
    std::string user_id, upn, display_name;
    std::string tenant_id, tenant_name, tenant_domain;
    bool partner_program = false;
    static Me from_json(const json& j);  // GET /me
};

struct TenantChoice {  // an entry of the tenant switcher
    std::string tenant_id;
    std::string name;
    bool own = false;
};

struct CustomerRow {  // GET /customers
    std::string tenant_id, name, domain, since;
    std::vector<std::string> permissions;
    static CustomerRow from_json(const json& j);
};

struct ContactRow {
    std::string upn, name, status;
};

struct InvitationRow {  // GET /invitations (partner) and inside GET /partners (customer)
    std::string id, customer_name, customer_domain, partner_name, created_at, expires_at, state,
        my_status, note;
    std::vector<ContactRow> contacts;
    bool all_rooms = false;
    std::size_t room_count = 0, room_group_count = 0;
    static InvitationRow from_json(const json& j);
    std::string scope_text() const;  // "All rooms" / "2 room groups, 3 rooms"
};

struct PartnerRow {  // GET /partners
    std::string partner_tenant_id, name, domain, since;
    bool all_rooms = false;
    std::size_t room_count = 0, room_group_count = 0;
    std::vector<InvitationRow> invitations;
    static PartnerRow from_json(const json& j);
};

struct RoomRow {  // GET /tenants/{tid}/rooms
    std::string id, tenant_id, display_name, site, country, health, app_version, device_model;
    std::vector<std::string> room_group_ids;
    static RoomRow from_json(const json& j);
    mtm::RoomFacts facts() const { return {tenant_id, id, room_group_ids}; }
};

// The date part of an ISO time ("2026-11-27T17:00:00Z" → "2026-11-27").
std::string date_of(const std::string& iso);

}  // namespace portal
