#pragma once
// What the portal shows, as plain structs parsed from the API's JSON — defensively: a missing or
// wrong-typed field becomes an empty value, never a crash. Portable (no ImGui, no browser).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mtm/actions.hpp"
#include "mtm/matrix.hpp"
#include "mtm/snapshot.hpp"

namespace portal {

using nlohmann::json;

using FieldErrors = std::vector<std::pair<std::string, std::string>>;  // field → message

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
    // The customer requires a multi-factor sign-in of partner users, and this one shows none.
    bool mfa_needed = false;
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

// A choice of rooms: all of them, or room groups and single rooms (invitations, relationships,
// assignments). Parsed from and written as the API's "scope" object.
struct Scope {
    bool all_rooms = true;
    std::vector<std::string> room_ids, room_group_ids;
    static Scope from_json(const json& j);  // j: the object that holds "scope"
    json to_json() const;
    std::string text() const;  // "All rooms" / "2 room groups, 3 rooms"
    bool empty() const { return !all_rooms && room_ids.empty() && room_group_ids.empty(); }
};

struct ContactRow {
    std::string upn, name, status;
};

struct InvitationRow {  // GET /invitations (partner) and inside GET /partners (customer)
    std::string id, customer_name, customer_domain, partner_name, created_at, expires_at, state,
        my_status, note;
    std::vector<ContactRow> contacts;
    Scope scope;
    static InvitationRow from_json(const json& j);
};

struct PartnerRow {  // GET /partners
    std::string partner_tenant_id, name, domain, since;
    Scope scope;
    std::vector<InvitationRow> invitations;
    static PartnerRow from_json(const json& j);
};

struct RingRow {  // GET /tenants/{tid}/update-rings
    std::string id, name, description, etag;
    int order = 0, rollout_days = 0, test_days = 0, room_count = 0;
    bool built_in = false;
    static RingRow from_json(const json& j);
};

// The ring a room is in: its own, or General (the default ring) when it names none; nullptr
// when that ring is not among `rings` (I cannot see it).
const RingRow* ring_of(const std::vector<RingRow>& rings, const std::string& ring_id);

struct RoomRow {  // GET /tenants/{tid}/rooms
    std::string id, tenant_id, display_name, site, country, health, app_version, device_model;
    std::vector<std::string> room_group_ids;
    std::string ring_id, etag;  // ring "": the default ring (General)
    std::string search;         // name, site and country in lower case: what the filter matches
    static RoomRow from_json(const json& j);
    mtm::RoomFacts facts() const { return {tenant_id, id, room_group_ids}; }
};

// The Rooms page's list: filters, sort, selection, and the order they give, recomputed only
// when one of them or the rooms change (never per frame: 100,000 rooms stay smooth).
struct RoomsList {
    enum class Sort : std::uint8_t { name, site, country, health, ring, app_version };
    std::string health;    // "" any, else one health value
    std::string group_id;  // "" any, else rooms in that room group
    Sort sort = Sort::name;
    bool ascending = true;
    std::vector<std::uint32_t> order;   // indices into the rooms, filtered and sorted
    std::vector<std::string> selected;  // room ids, sorted
    std::string open_id;                // the room in the detail pane

    // Recomputes `order` when the inputs differ from the last call's.
    void refresh(const std::vector<RoomRow>& rooms, std::uint64_t rooms_version,
                 const std::string& filter, const std::vector<RingRow>& rings);
    bool is_selected(const std::string& id) const;
    void toggle(const std::string& id);
    void select_shown(const std::vector<RoomRow>& rooms);  // every room the filters show
    void forget_missing(const std::vector<RoomRow>& rooms);
    void clear_selection();
    // Move to ring on the selection (mtm's body rule: rings.modify, and rooms.modify on every
    // selected room), recomputed only when the selection, the rooms or the access change: the
    // selection bar asks every frame, and a selection can hold 100,000 rooms.
    const mtm::ActionDecision& move_check(const mtm::AccessSnapshot& access,
                                          std::uint64_t access_version,
                                          const std::vector<RoomRow>& rooms,
                                          std::uint64_t rooms_version,
                                          const std::string& tenant_id);
    // The text filter `order` was computed for (bench/portal waits for it after a keystroke).
    const std::string& applied_filter() const { return key_filter_; }

  private:
    void sort_all(const std::vector<RoomRow>& rooms, const std::vector<RingRow>& rings);
    std::vector<std::uint32_t> sorted_;  // every room, in the current sort
    std::uint64_t key_version_ = ~0ull;
    std::string key_filter_, key_health_, key_group_;
    Sort key_sort_ = Sort::name;
    bool key_ascending_ = true;
    std::uint64_t selection_revision_ = 0;  // bumps with every change of `selected`
    struct MoveKey {
        std::uint64_t selection = ~0ull, rooms = ~0ull, access = ~0ull;
        std::string tenant;
        bool operator==(const MoveKey&) const = default;
    } move_key_;
    mtm::ActionDecision move_;
};

// The Rooms page's editors: the open room's form, the Enroll dialog, the bulk ring move.
struct RoomDraft {
    std::string editing;  // the room the buffers hold
    char name[96] = "";
    char site[96] = "";
    std::string ring_id;
    std::vector<std::string> group_ids;
    FieldErrors errors;
    bool enrolling = false;
    char new_name[96] = "";
    char new_site[96] = "";
    char new_country[8] = "";
    std::vector<std::string> new_groups;
    FieldErrors enroll_errors;
    std::string move_ring;  // the ring chosen for the selected rooms
};

struct AssignmentRow {
    std::string id, name, description, etag;
    bool email_notifications = false;
    std::vector<MemberRef> members;
    Scope scope;
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
    std::vector<std::string> room_ids;
    std::string etag;
    static RoomGroupRow from_json(const json& j);
};

// The Room groups page's edits: the open group's name and members as being edited, and the
// "New group" dialog.
struct GroupsDraft {
    std::string editing;  // the group the buffers hold
    char name[96] = "";
    std::vector<std::string> room_ids;
    char room_filter[64] = "";
    bool creating = false;
    char new_name[96] = "";
    FieldErrors errors;
};

// The "Add partner" wizard's draft (customer side). UI state: views edit it in place; the App
// turns it into POST /partners/invitations.
// A person named in an invitation, as typed.
struct ContactDraft {
    char name[96] = "";
    char upn[128] = "";
};
json contacts_request(const std::vector<ContactDraft>& contacts);  // the API's "contacts" list
bool any_contact(const std::vector<ContactDraft>& contacts);       // at least one UPN typed

struct InviteDraft {
    using Contact = ContactDraft;
    bool open = false;
    int step = 0;  // 0 partner, 1 contacts, 2 rooms, 3 terms, 4 review
    char domain[128] = "";
    std::vector<Contact> contacts{Contact{}};
    Scope scope;
    char room_filter[64] = "";
    int expires_days = 14;
    char note[256] = "";
    bool terms = false;
    bool sending = false;
    FieldErrors errors;  // from the service

    json to_request() const;
};

// Customer: more people for a pending invitation (POST /partners/invitations/{id}/contacts).
struct ContactsDraft {
    bool open = false;
    std::string invitation_id, partner_name;
    std::vector<ContactDraft> contacts{ContactDraft{}};
    bool sending = false;
    FieldErrors errors;
};

// An assignment being written: the last steps of the create-role wizard, or the assignment
// editor. UI state edited in place by views.
struct AssignmentDraft {
    char name[96] = "";
    char description[256] = "";
    bool email_notifications = false;
    std::vector<MemberRef> members;
    Scope scope;
    char member_filter[64] = "";
    char room_filter[64] = "";
    static AssignmentDraft from_row(const AssignmentRow& row);
    json to_request() const;  // POST/PATCH roles/{id}/assignments body
};

// The create-role wizard: General → Permissions → Assignment → Members → Scope → Finish.
struct RoleWizard {
    enum Step : int { at_general, at_permissions, at_assignment, at_members, at_scope, at_finish };
    bool open = false;
    int step = at_general;
    char name[64] = "";
    char description[256] = "";
    mtm::PermissionSet permissions;
    AssignmentDraft assignment;
    bool sending = false;
    FieldErrors errors;
    json role_request() const;  // POST roles body
};

// Add or edit one assignment of the selected role.
struct AssignmentEditor {
    bool open = false;
    std::string role_id, assignment_id, etag;  // assignment_id empty: a new assignment
    AssignmentDraft draft;
    bool sending = false;
    FieldErrors errors;
};

// Everything the Roles page edits: the wizard, the assignment editor, and the Properties form
// of the role on screen (filled from its row whenever another role is opened).
struct RolesDraft {
    RoleWizard wizard;
    AssignmentEditor editor;
    std::string properties_of;  // the role whose properties the buffers hold
    char name[64] = "";
    char description[256] = "";
};

struct MessageRow {  // one entry of an incident's thread
    std::string author_user_id, text, at;
    bool assigned_to_service = false;
};

struct IncidentRow {  // GET /incidents, GET /tenants/{tid}/incidents[/{id}]
    std::string id, tenant_id, tenant_name, severity, type, state, title, description, created_at,
        updated_at, close_reason, justification, etag;
    bool recorded = false, high_impact = false;
    std::vector<std::string> room_ids;
    std::vector<MessageRow> messages;  // the detail only
    static IncidentRow from_json(const json& j);
};

// "Record an issue": rooms, what happened, and whether it stops meetings.
struct RecordDraft {
    bool open = false;
    std::vector<std::string> room_ids;
    char title[160] = "";
    char description[1024] = "";
    bool high_impact = false;
    char justification[512] = "";
    char room_filter[64] = "";
    bool sending = false;
    FieldErrors errors;
    json to_request() const;
};

// What the Incidents page edits: filters, the reply box, the closing reason, the record dialog.
struct IncidentsDraft {
    int state = 0;     // index into kIncidentStates ("" = any)
    int severity = 0;  // index into kSeverities ("" = any)
    char text[96] = "";
    char reply[1024] = "";
    int close_reason = 0;  // index into kCloseReasons
    RecordDraft record;
};
inline constexpr const char* kIncidentStates[] = {"", "needAction", "assignedToService",
                                                  "pendingInvestigation", "resolved"};
inline constexpr const char* kSeverities[] = {"", "important", "warning"};
inline constexpr const char* kCloseReasons[] = {
    "fixed", "hardwareReplaced", "configurationChanged", "noIssueFound", "duplicate", "other"};

// The update-ring editor (add or edit).
struct RingDraft {
    bool open = false;
    std::string ring_id, etag;  // empty: a new ring
    bool built_in = false;      // keeps its name and order: only its days are sent
    char name[64] = "";
    char description[256] = "";
    int order = 5, rollout_days = 7, test_days = 3;
    bool sending = false;
    FieldErrors errors;
    json to_request() const;
};

struct ReportSummary {  // GET /tenants/{tid}/reports/summary
    int rooms = 0, open_incidents = 0;
    std::vector<std::pair<std::string, int>> rooms_by_health, open_by_severity, open_by_type;
    struct Day {
        std::string date;
        int opened = 0, closed = 0;
    };
    std::vector<Day> per_day;  // 90 days, oldest first
    static ReportSummary from_json(const json& j);
};

struct AuditRow {  // GET /tenants/{tid}/audit (JSON)
    std::string category, object_name, operation, result, tenant_id, time, user_id, user_tenant_id,
        detail;
    static AuditRow from_json(const json& j);
};

// The audit page's filters: dates as typed (YYYY-MM-DD; empty = the service's default, the last
// 30 days) and whose actions (0 everyone, 1 my organisation, 2+ the partners in list order).
struct AuditDraft {
    char from[16] = "";
    char to[16] = "";
    int actor = 0;
    FieldErrors errors;  // the service's answer to a bad range
};

// The Access matrix page: the model as the service sent it, the what-if draft (role permissions
// and assignment scopes edited in the browser), the cells of both computed by mtm, the bytes the
// GPU draws, and the view (what is shown, pan and zoom, the previewed person, the pinned cell).
struct MatrixDraft {
    enum class ScopeChoice : std::uint8_t { as_saved, all_rooms, nobody };

    std::optional<mtm::MatrixModel> saved;
    mtm::MatrixModel draft;             // saved with the what-if edits applied
    mtm::Matrix saved_cells, cells;     // cells: the draft's
    std::vector<std::uint8_t> texture;  // per cell: the draft's reach | the saved reach << 2
    std::uint64_t version = 0;          // changes whenever `texture` does
    std::string refused;                // why the service would not give the matrix

    // What-if edits, per role and per assignment of `saved`.
    std::vector<mtm::PermissionSet> role_permissions;
    std::vector<ScopeChoice> scopes;
    int role = -1;  // the role open in the what-if editor
    bool saving = false;

    // The view.
    int permission = -1;  // one permission (catalogue order), or -1: all twenty
    int preview = -1;     // "preview as": a person's row, or -1
    int pin_user = -1, pin_tenant = -1, pin_permission = -1;  // a clicked cell
    float zoom = 0;  // pixels per column; 0: fit on the next frame
    float first_column = 0, first_row = 0;
    char person_filter[64] = "";

    // Takes a new model (nullopt: none), keeping what-if edits of roles and assignments that
    // are still there.
    void load(std::optional<mtm::MatrixModel> model);
    void recompute();    // after any what-if edit
    void reset_draft();  // back to the saved model
    bool dirty() const;
    mtm::MatrixDiff changes() const { return mtm::diff(saved_cells, cells); }
    // The draft's granted cells as CSV: one line per person, tenant and permission held.
    std::string csv() const;
};

// A scope in words: "all rooms", "3 rooms, 1 room group".
std::string describe_matrix_scope(const mtm::MatrixScope& s);
// A grant in words: "Help desk · Oslo (through a group) — 1 room, 1 room group".
std::string describe_grant(const mtm::MatrixModel& m, const mtm::MatrixModel::Grant& g);
// Everything a cell says, for the side panel, the tooltip and tests.
std::string explain_matrix_cell(const mtm::MatrixModel& m, const mtm::Matrix& cells,
                                std::uint32_t user, std::uint32_t tenant, mtm::Permission p);

// Why an action is refused, worded in the UI's language from the action decision's facts (the
// English is exactly the service's reason_text).
std::string describe(const mtm::ActionDecision& d);

// The date part of an ISO time ("2026-11-27T17:00:00Z" → "2026-11-27").
std::string date_of(const std::string& iso);

}  // namespace portal
