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

struct MemberRef {     // a role assignment member
    std::string type;  // "user" | "group"
    std::string id;
    bool operator==(const MemberRef&) const = default;
};

struct DirectoryEntry {  // GET /directory: people and groups of my own organisation
    std::string type, id, name, upn;
    static DirectoryEntry from_json(const json& j);
};

// A customer seen from the partner: its Primary admins (the partner's people who hold it).
struct CustomerDetail {
    std::string tenant_id;
    bool loading = true;
    std::string error;  // why it could not be read (e.g. no roles.view)
    std::string role_id, assignment_id, assignment_etag;
    std::vector<MemberRef> members;  // of the first Primary admins assignment
    std::size_t other_assignments = 0;
    std::vector<DirectoryEntry> directory;
    std::string name_of(const MemberRef& m) const;
    // The customer must keep at least one Primary admin: removing this one is refused when it
    // is the only member (the service answers 409 either way; this says why before trying).
    bool removable(const MemberRef& m) const;
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

struct AssignmentRow {
    std::string id, name, description, etag;
    std::vector<MemberRef> members;
    bool all_rooms = false;
    std::size_t room_count = 0, room_group_count = 0;
};

struct RoleRow {  // GET /tenants/{tid}/roles
    std::string id, name, description, side, etag;
    bool built_in = false;
    mtm::PermissionSet permissions;
    std::vector<AssignmentRow> assignments;
    static RoleRow from_json(const json& j);
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
