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

struct RoomGroupRow {  // GET /tenants/{tid}/room-groups
    std::string id, name;
    std::size_t room_count = 0;
    static RoomGroupRow from_json(const json& j);
};

// The "Add partner" wizard's draft (customer side). UI state: views edit it in place; the App
// turns it into POST /partners/invitations.
struct InviteDraft {
    struct Contact {
        char name[96] = "";
        char upn[128] = "";
    };
    bool open = false;
    int step = 0;  // 0 partner, 1 contacts, 2 rooms, 3 terms, 4 review
    char domain[128] = "";
    std::vector<Contact> contacts{Contact{}};
    bool all_rooms = true;
    std::vector<std::string> room_ids, room_group_ids;
    int expires_days = 14;
    char note[256] = "";
    bool terms = false;
    bool sending = false;
    std::vector<std::pair<std::string, std::string>> errors;  // field → message, from the service

    json to_request() const;
};

// The date part of an ISO time ("2026-11-27T17:00:00Z" → "2026-11-27").
std::string date_of(const std::string& iso);

}  // namespace portal
