#pragma once
// The World: every entity of the MTM model, the lookups from public ids to indices, and the
// access index that makes one decision cost the same with ten or a million assignments.
//
// The World holds no policy: its mutators keep the indexes consistent and nothing more.
// operations.hpp checks commands (validation, invariants) before calling them, and decide.hpp
// reads the access index.
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mtm/model.hpp"

namespace mtm {

// One assignment reaching one user: what the user may do in `tenant`, and where.
struct Grant {
    TenantIx tenant;
    RoleIx role;
    AssignmentIx assignment;
    PermissionSet permissions;  // the role's, copied so the hot path touches one cache line
    RelationshipIx clip;        // partner grants: the relationship whose scope also limits them
    // Where the assignment's and the relationship's scopes live (stable: both are kept in deques
    // and never erased), so a decision needs no trip through the assignment or relationship.
    const Scope* scope = nullptr;
    const Scope* clip_scope = nullptr;
};

class World {
  public:
    // --- entities -------------------------------------------------------------------------
    const Tenant& tenant(TenantIx i) const { return tenants_[i.v]; }
    const User& user(UserIx i) const { return users_[i.v]; }
    // Hot-path copies of single fields, dense so a decision stays in cache.
    TenantIx user_tenant(UserIx i) const { return user_tenant_[i.v]; }
    bool room_enrolled(RoomIx i) const { return room_enrolled_[i.v] != 0; }
    const SecurityGroup& group(GroupIx i) const { return groups_[i.v]; }
    const Room& room(RoomIx i) const { return rooms_[i.v]; }
    const RoomGroup& room_group(RoomGroupIx i) const { return room_groups_[i.v]; }
    const Role& role(RoleIx i) const { return roles_[i.v]; }
    const Assignment& assignment(AssignmentIx i) const { return assignments_[i.v]; }
    const Relationship& relationship(RelationshipIx i) const { return relationships_[i.v]; }
    const Invitation& invitation(InvitationIx i) const { return invitations_[i.v]; }
    const UpdateRing& ring(RingIx i) const { return rings_[i.v]; }
    const Incident& incident(IncidentIx i) const { return incidents_[i.v]; }

    std::size_t tenant_count() const { return tenants_.size(); }
    std::size_t user_count() const { return users_.size(); }
    std::size_t group_count() const { return groups_.size(); }
    std::size_t room_count() const { return rooms_.size(); }
    std::size_t room_group_count() const { return room_groups_.size(); }
    std::size_t role_count() const { return roles_.size(); }
    std::size_t assignment_count() const { return assignments_.size(); }
    std::size_t relationship_count() const { return relationships_.size(); }
    std::size_t invitation_count() const { return invitations_.size(); }
    std::size_t ring_count() const { return rings_.size(); }
    std::size_t incident_count() const { return incidents_.size(); }

    // --- lookups by public id (UUID strings) and names --------------------------------------
    std::optional<TenantIx> find_tenant(std::string_view id) const;
    std::optional<TenantIx> find_tenant_by_domain(std::string_view domain) const;
    std::optional<UserIx> find_user(std::string_view id) const;
    std::optional<UserIx> find_user_by_upn(std::string_view upn) const;
    std::optional<GroupIx> find_group(std::string_view id) const;
    std::optional<RoomIx> find_room(std::string_view id) const;
    std::optional<RoomGroupIx> find_room_group(std::string_view id) const;
    std::optional<RoleIx> find_role(std::string_view id) const;
    std::optional<AssignmentIx> find_assignment(std::string_view id) const;
    std::optional<InvitationIx> find_invitation(std::string_view id) const;
    std::optional<RingIx> find_ring(std::string_view id) const;
    std::optional<IncidentIx> find_incident(std::string_view id) const;
    // True when any entity of any kind already uses this id.
    bool id_taken(std::string_view id) const { return ids_.count(std::string(id)) != 0; }

    // --- per-tenant collections -----------------------------------------------------------
    const std::vector<RoleIx>& roles_of(TenantIx customer) const {
        return per_tenant_[customer.v].roles;
    }
    const std::vector<RoomIx>& rooms_of(TenantIx t) const { return per_tenant_[t.v].rooms; }
    const std::vector<RoomGroupIx>& room_groups_of(TenantIx t) const {
        return per_tenant_[t.v].room_groups;
    }
    const std::vector<RingIx>& rings_of(TenantIx t) const { return per_tenant_[t.v].rings; }
    const std::vector<IncidentIx>& incidents_of(TenantIx t) const {
        return per_tenant_[t.v].incidents;
    }
    const std::vector<UserIx>& users_of(TenantIx t) const { return per_tenant_[t.v].users; }
    const std::vector<GroupIx>& groups_of(TenantIx t) const { return per_tenant_[t.v].groups; }
    const std::vector<InvitationIx>& invitations_of(TenantIx customer) const {
        return per_tenant_[customer.v].invitations;
    }
    // Live relationships where the tenant is the customer / the partner.
    std::vector<RelationshipIx> relationships_as_customer(TenantIx t) const;
    std::vector<RelationshipIx> relationships_as_partner(TenantIx t) const;
    std::optional<RelationshipIx> find_relationship(TenantIx customer, TenantIx partner) const;
    const std::vector<GroupIx>& groups_containing(UserIx u) const { return groups_of_user_[u.v]; }

    // --- access index ---------------------------------------------------------------------
    // The grants reaching `user` in `tenant` (directly or through a group), in a contiguous run.
    std::span<const Grant> grants(UserIx user, TenantIx tenant) const;
    // Every grant of the user, ordered by tenant.
    std::span<const Grant> all_grants(UserIx user) const { return grants_[user.v]; }
    // Users who are members of the assignment, directly or through a group (sorted, unique).
    std::vector<UserIx> effective_members(AssignmentIx a) const;
    std::vector<UserIx> effective_members(const std::vector<Member>& members) const;

    // --- mutators: keep indexes consistent; no policy ---------------------------------------
    TenantIx add_tenant(Tenant t);
    void set_require_partner_mfa(TenantIx t, bool on) { tenants_[t.v].require_partner_mfa = on; }
    UserIx add_user(User u);
    GroupIx add_group(SecurityGroup g);
    void set_group_members(GroupIx g, std::vector<UserIx> members);
    RoomGroupIx add_room_group(RoomGroup g);
    void rename_room_group(RoomGroupIx g, std::string name);
    RoomIx add_room(Room r);
    Room& room_mut(RoomIx r) { return rooms_[r.v]; }  // fields that no index depends on
    void set_room_groups(RoomIx r, std::vector<RoomGroupIx> groups);
    void unenroll_room(RoomIx r);
    RingIx add_ring(UpdateRing ring);
    UpdateRing& ring_mut(RingIx r) { return rings_[r.v]; }
    void remove_ring(RingIx r);
    IncidentIx add_incident(Incident i);
    // Changes an incident through `edit`, keeping its rooms' open-issue counts right.
    template <class Edit>
    void edit_incident(IncidentIx i, Edit&& edit) {
        count_issue(i, -1);
        edit(incidents_[i.v]);
        count_issue(i, +1);
    }

    RoleIx add_role(Role role);  // role.assignments must be empty; add them with add_assignment
    void set_role_permissions(RoleIx r, PermissionSet permissions);
    void set_role_text(RoleIx r, std::string name, std::string description);
    void remove_role(RoleIx r);  // removes its assignments too
    AssignmentIx add_assignment(Assignment a);
    void set_assignment_members(AssignmentIx a, std::vector<Member> members);
    void set_assignment_scope(AssignmentIx a, Scope scope);
    void set_assignment_text(AssignmentIx a, std::string name, std::string description, bool email);
    void remove_assignment(AssignmentIx a);

    RelationshipIx add_relationship(Relationship r);
    void remove_relationship(RelationshipIx r);  // and every partner role of the pair
    void set_primary_admins(RelationshipIx r, RoleIx role) {
        relationships_[r.v].primary_admins = role;
    }
    // Grants point at the relationship for their clip, so no grant needs rebuilding.
    void set_relationship_scope(RelationshipIx r, Scope scope, std::uint32_t decision) {
        relationships_[r.v].scope = std::move(scope);
        relationships_[r.v].scope_decision = decision;
    }
    void set_relationship_approval(RelationshipIx r, std::string approval) {
        relationships_[r.v].approval = std::move(approval);
    }
    InvitationIx add_invitation(Invitation inv);
    Invitation& invitation_mut(InvitationIx i) { return invitations_[i.v]; }

  private:
    struct PerTenant {
        std::vector<RoleIx> roles;
        std::vector<RoomIx> rooms;
        std::vector<RoomGroupIx> room_groups;
        std::vector<RingIx> rings;
        std::vector<IncidentIx> incidents;
        std::vector<UserIx> users;
        std::vector<GroupIx> groups;
        std::vector<InvitationIx> invitations;
    };
    enum class Kind : std::uint8_t {
        tenant,
        user,
        group,
        room,
        room_group,
        role,
        assignment,
        invitation,
        ring,
        incident
    };
    struct IdEntry {
        Kind kind;
        std::uint32_t ix;
    };

    std::optional<std::uint32_t> find(Kind kind, std::string_view id) const;
    void register_id(const std::string& id, Kind kind, std::uint32_t ix);
    void unregister_id(const std::string& id);

    void count_issue(IncidentIx i, int delta);
    void index_members(AssignmentIx a, bool add);
    void mark_members_dirty(AssignmentIx a);
    void mark_dirty(UserIx u);
    void refresh_dirty();
    void rebuild_grants(UserIx u);

    std::vector<Tenant> tenants_;
    std::vector<User> users_;
    std::vector<SecurityGroup> groups_;
    std::vector<Room> rooms_;
    std::vector<RoomGroup> room_groups_;
    std::vector<Role> roles_;
    std::deque<Assignment> assignments_;      // deque: Grant::scope points into it
    std::deque<Relationship> relationships_;  // deque: Grant::clip_scope points into it
    std::vector<TenantIx> user_tenant_;
    std::vector<std::uint8_t> room_enrolled_;
    std::vector<Invitation> invitations_;
    std::vector<UpdateRing> rings_;
    std::vector<Incident> incidents_;
    std::vector<PerTenant> per_tenant_;

    std::unordered_map<std::string, IdEntry> ids_;
    std::unordered_map<std::string, TenantIx> tenant_by_domain_;
    std::unordered_map<std::string, UserIx> user_by_upn_;
    std::unordered_map<std::uint64_t, RelationshipIx> relationship_by_pair_;

    // Access index: which assignments name a user or a group directly, and each user's grants.
    std::vector<std::vector<AssignmentIx>> direct_;     // by user
    std::vector<std::vector<AssignmentIx>> via_group_;  // by group
    std::vector<std::vector<GroupIx>> groups_of_user_;  // by user
    std::vector<std::vector<Grant>> grants_;            // by user, sorted by tenant
    std::vector<UserIx> dirty_;
    std::vector<bool> is_dirty_;
};

// Scope arithmetic shared by decide() and the operations.
bool scope_covers_room(const World& w, const Scope& s, RoomIx room);
bool scope_covers_group(const Scope& s, RoomGroupIx group);
bool scope_is_empty(const Scope& s);
// True when every room and group `inner` names is covered by `outer`.
bool scope_within(const World& w, const Scope& inner, const Scope& outer);
// What an assignment reaches once the relationship's scope clips it (`clip` null: no clip), as
// a scope of `tenant`: the groups both name, and each other room both cover. Exact today; the
// service writes this, never the stored scope, so no response names a room the customer has
// since taken out of the partner's reach.
Scope effective_scope(const World& w, TenantIx tenant, const Scope& scope, const Scope* clip);

}  // namespace mtm
