#pragma once
// The entities of the MTM world (PRODUCT.md §1–6): tenants, users, security groups, rooms, room
// groups, roles with assignments, partner relationships, invitations, update rings, incidents.
//
// Entities are stored in vectors and referred to by typed indices (Ix<Tag>): the policy core's
// hot path compares integers, never UUID strings. Strings are resolved once, at the edge.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mtm/catalogue.hpp"

namespace mtm {

// A typed index into one of the World's entity vectors.
template <class Tag>
struct Ix {
    std::uint32_t v = kNone;
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
    constexpr bool valid() const { return v != kNone; }
    constexpr auto operator<=>(const Ix&) const = default;
};

using TenantIx = Ix<struct TenantTag>;
using UserIx = Ix<struct UserTag>;
using GroupIx = Ix<struct GroupTag>;  // security group (of users)
using RoomIx = Ix<struct RoomTag>;
using RoomGroupIx = Ix<struct RoomGroupTag>;
using RoleIx = Ix<struct RoleTag>;
using AssignmentIx = Ix<struct AssignmentTag>;
using RelationshipIx = Ix<struct RelationshipTag>;
using InvitationIx = Ix<struct InvitationTag>;
using RingIx = Ix<struct RingTag>;
using IncidentIx = Ix<struct IncidentTag>;

// Time is passed in, never read: seconds since the Unix epoch, UTC.
using Time = std::int64_t;

struct Tenant {
    std::string id;
    std::string name;
    std::string domain;  // primary domain, lower case
    bool partner_program = false;
    // A customer's condition on its partners (PRODUCT.md §8): partner users reach its resources
    // only with a multi-factor sign-in.
    bool require_partner_mfa = false;
};

struct User {
    std::string id;
    TenantIx tenant;
    std::string upn;  // lower case
    std::string display_name;
};

struct SecurityGroup {
    std::string id;
    TenantIx tenant;
    std::string name;
    std::vector<UserIx> members;  // sorted
};

enum class Health : std::uint8_t { healthy, unhealthy, unmonitored, suppressed, onboarding };

struct RoomGroup {
    std::string id;
    TenantIx tenant;
    std::string name;
    bool alive = true;
};

struct Room {
    std::string id;
    TenantIx tenant;
    std::string display_name;
    std::string site;
    std::string country;  // ISO 3166-1 alpha-2
    std::string device_model;
    std::string app_version;
    Health health = Health::healthy;
    RingIx ring;
    std::string enrollment_key;
    std::vector<RoomGroupIx> groups;  // sorted
    bool enrolled = true;             // false once unenrolled (kept for audit and history)
    int open_issues = 0;              // open Important or recorded incidents (→ Unhealthy)
};

// Which rooms an assignment (or a relationship) covers.
struct Scope {
    bool all_rooms = false;
    std::vector<RoomIx> rooms;             // sorted, unique
    std::vector<RoomGroupIx> room_groups;  // sorted, unique

    static Scope everything() { return Scope{true, {}, {}}; }
    bool operator==(const Scope&) const = default;
};

struct Member {
    enum class Kind : std::uint8_t { user, group };
    Kind kind = Kind::user;
    std::uint32_t ix = 0;  // UserIx or GroupIx value, by kind
    bool operator==(const Member&) const = default;
    auto operator<=>(const Member&) const = default;

    static Member user(UserIx u) { return {Kind::user, u.v}; }
    static Member group(GroupIx g) { return {Kind::group, g.v}; }
};

struct Assignment {
    std::string id;
    RoleIx role;
    std::string name;
    std::string description;
    bool email_notifications = false;
    std::vector<Member> members;  // sorted, unique
    Scope scope;
    bool alive = true;
};

enum class Side : std::uint8_t { customer, partner };

struct Role {
    std::string id;
    TenantIx customer;  // the tenant whose rooms the role is about
    Side side = Side::customer;
    TenantIx partner;  // for partner roles: the partner tenant whose users hold it
    std::string name;
    std::string description;
    BuiltInRole built_in = BuiltInRole::none;
    PermissionSet permissions;
    std::vector<AssignmentIx> assignments;
    bool alive = true;
};

struct Relationship {
    TenantIx customer;
    TenantIx partner;
    Time since = 0;
    Scope scope;  // the rooms the customer lets the partner manage
    RoleIx primary_admins;
    bool alive = true;
    // The customer's latest decision about the scope: the index of the invitation it came from,
    // or past every invitation once the customer changed it directly. Accepting an invitation
    // older than that joins Primary admins but never changes the scope.
    std::uint32_t scope_decision = 0;
    std::string approval = "auto";
};

enum class ContactStatus : std::uint8_t { pending, accepted, denied };
enum class InvitationState : std::uint8_t { pending, accepted, expired, revoked };

struct Contact {
    std::string upn;  // lower case
    std::string name;
    ContactStatus status = ContactStatus::pending;
};

struct Invitation {
    std::string id;
    TenantIx customer;
    TenantIx partner;
    std::vector<Contact> contacts;
    Scope scope;
    Time created_at = 0;
    Time expires_at = 0;
    std::string approval = "auto";
    std::string note;
    bool revoked = false;
    bool accepted = false;  // by at least one contact
};

struct UpdateRing {
    std::string id;
    TenantIx tenant;
    std::string name;
    std::string description;
    int order = 1;  // 1–9
    int rollout_days = 0;
    int test_days = 0;
    bool built_in = false;
    bool alive = true;
};

enum class Severity : std::uint8_t { important, warning };
enum class IncidentState : std::uint8_t {
    need_action,
    assigned_to_service,
    pending_investigation,
    resolved
};

struct IncidentMessage {
    std::string author_user_id;
    std::string text;
    Time at = 0;
    bool assigned_to_service = false;
};

struct Incident {
    std::string id;
    TenantIx tenant;
    std::vector<RoomIx> rooms;  // sorted
    Severity severity = Severity::warning;
    std::string type;  // "display", "camera", … (PRODUCT.md §5)
    IncidentState state = IncidentState::need_action;
    std::string title;
    std::string description;
    bool recorded = false;  // "Record an issue" by a person, rather than raised by monitoring
    bool high_impact = false;
    std::string justification;
    std::string close_reason;
    Time created_at = 0;
    Time updated_at = 0;
    std::vector<IncidentMessage> messages;

    // Whether this incident makes its rooms Unhealthy (PRODUCT.md §5).
    bool marks_unhealthy() const {
        return state != IncidentState::resolved && (severity == Severity::important || recorded);
    }
};

}  // namespace mtm
