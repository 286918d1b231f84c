#include "mtm/world.hpp"

#include <algorithm>
#include <iterator>

namespace mtm {

namespace {

template <class T>
void insert_sorted(std::vector<T>& v, T x) {
    auto it = std::lower_bound(v.begin(), v.end(), x);
    if (it == v.end() || !(*it == x)) v.insert(it, x);
}

template <class T>
void erase_value(std::vector<T>& v, T x) {
    v.erase(std::remove(v.begin(), v.end(), x), v.end());
}

std::uint64_t pair_key(TenantIx customer, TenantIx partner) {
    return (static_cast<std::uint64_t>(customer.v) << 32) | partner.v;
}

}  // namespace

// --- scope arithmetic ---------------------------------------------------------------------

bool scope_covers_group(const Scope& s, RoomGroupIx group) {
    return s.all_rooms || std::binary_search(s.room_groups.begin(), s.room_groups.end(), group);
}

bool scope_covers_room(const World& w, const Scope& s, RoomIx room) {
    if (s.all_rooms) return true;
    if (std::binary_search(s.rooms.begin(), s.rooms.end(), room)) return true;
    if (s.room_groups.empty()) return false;
    for (RoomGroupIx g : w.room(room).groups)
        if (std::binary_search(s.room_groups.begin(), s.room_groups.end(), g)) return true;
    return false;
}

namespace {
bool scope_covers_group_of(const World& w, const Scope& s, RoomIx room) {
    for (RoomGroupIx g : w.room(room).groups)
        if (std::binary_search(s.room_groups.begin(), s.room_groups.end(), g)) return true;
    return false;
}
}  // namespace

bool scope_is_empty(const Scope& s) {
    return !s.all_rooms && s.rooms.empty() && s.room_groups.empty();
}

bool scope_within(const World& w, const Scope& inner, const Scope& outer) {
    if (outer.all_rooms) return true;
    if (inner.all_rooms) return false;
    for (RoomIx r : inner.rooms)
        if (!scope_covers_room(w, outer, r)) return false;
    for (RoomGroupIx g : inner.room_groups)
        if (!scope_covers_group(outer, g)) return false;
    return true;
}

Scope effective_scope(const World& w, TenantIx tenant, const Scope& scope, const Scope* clip) {
    if (!clip || clip->all_rooms) return scope;
    if (scope.all_rooms) return *clip;
    Scope out;
    std::set_intersection(scope.room_groups.begin(), scope.room_groups.end(),
                          clip->room_groups.begin(), clip->room_groups.end(),
                          std::back_inserter(out.room_groups));
    for (RoomIx r : w.rooms_of(tenant)) {
        if (!w.room(r).enrolled || scope_covers_group_of(w, out, r)) continue;
        if (scope_covers_room(w, scope, r) && scope_covers_room(w, *clip, r)) out.rooms.push_back(r);
    }
    return out;
}

// --- lookups ------------------------------------------------------------------------------

std::optional<std::uint32_t> World::find(Kind kind, std::string_view id) const {
    auto it = ids_.find(std::string(id));
    if (it == ids_.end() || it->second.kind != kind) return std::nullopt;
    return it->second.ix;
}

void World::register_id(const std::string& id, Kind kind, std::uint32_t ix) {
    ids_[id] = {kind, ix};
}
void World::unregister_id(const std::string& id) {
    ids_.erase(id);
}

std::optional<TenantIx> World::find_tenant(std::string_view id) const {
    if (auto ix = find(Kind::tenant, id)) return TenantIx{*ix};
    return std::nullopt;
}
std::optional<TenantIx> World::find_tenant_by_domain(std::string_view domain) const {
    auto it = tenant_by_domain_.find(std::string(domain));
    if (it == tenant_by_domain_.end()) return std::nullopt;
    return it->second;
}
std::optional<UserIx> World::find_user(std::string_view id) const {
    if (auto ix = find(Kind::user, id)) return UserIx{*ix};
    return std::nullopt;
}
std::optional<UserIx> World::find_user_by_upn(std::string_view upn) const {
    auto it = user_by_upn_.find(std::string(upn));
    if (it == user_by_upn_.end()) return std::nullopt;
    return it->second;
}
std::optional<GroupIx> World::find_group(std::string_view id) const {
    if (auto ix = find(Kind::group, id)) return GroupIx{*ix};
    return std::nullopt;
}
std::optional<RoomIx> World::find_room(std::string_view id) const {
    if (auto ix = find(Kind::room, id)) return RoomIx{*ix};
    return std::nullopt;
}
std::optional<RoomGroupIx> World::find_room_group(std::string_view id) const {
    if (auto ix = find(Kind::room_group, id)) return RoomGroupIx{*ix};
    return std::nullopt;
}
std::optional<RoleIx> World::find_role(std::string_view id) const {
    if (auto ix = find(Kind::role, id)) return RoleIx{*ix};
    return std::nullopt;
}
std::optional<AssignmentIx> World::find_assignment(std::string_view id) const {
    if (auto ix = find(Kind::assignment, id)) return AssignmentIx{*ix};
    return std::nullopt;
}
std::optional<InvitationIx> World::find_invitation(std::string_view id) const {
    if (auto ix = find(Kind::invitation, id)) return InvitationIx{*ix};
    return std::nullopt;
}
std::optional<RingIx> World::find_ring(std::string_view id) const {
    if (auto ix = find(Kind::ring, id)) return RingIx{*ix};
    return std::nullopt;
}
std::optional<IncidentIx> World::find_incident(std::string_view id) const {
    if (auto ix = find(Kind::incident, id)) return IncidentIx{*ix};
    return std::nullopt;
}

std::vector<RelationshipIx> World::relationships_as_customer(TenantIx t) const {
    std::vector<RelationshipIx> out;
    for (std::uint32_t i = 0; i < relationships_.size(); ++i)
        if (relationships_[i].alive && relationships_[i].customer == t)
            out.push_back(RelationshipIx{i});
    return out;
}

std::vector<RelationshipIx> World::relationships_as_partner(TenantIx t) const {
    std::vector<RelationshipIx> out;
    for (std::uint32_t i = 0; i < relationships_.size(); ++i)
        if (relationships_[i].alive && relationships_[i].partner == t)
            out.push_back(RelationshipIx{i});
    return out;
}

std::optional<RelationshipIx> World::find_relationship(TenantIx customer, TenantIx partner) const {
    auto it = relationship_by_pair_.find(pair_key(customer, partner));
    if (it == relationship_by_pair_.end()) return std::nullopt;
    return it->second;
}

// --- access index -------------------------------------------------------------------------

std::span<const Grant> World::grants(UserIx user, TenantIx tenant) const {
    const auto& all = grants_[user.v];
    auto lo = std::lower_bound(all.begin(), all.end(), tenant,
                               [](const Grant& g, TenantIx t) { return g.tenant < t; });
    auto hi = lo;
    while (hi != all.end() && hi->tenant == tenant) ++hi;
    return {all.data() + (lo - all.begin()), static_cast<std::size_t>(hi - lo)};
}

std::vector<UserIx> World::effective_members(const std::vector<Member>& members) const {
    std::vector<UserIx> out;
    for (const Member& m : members) {
        if (m.kind == Member::Kind::user) {
            out.push_back(UserIx{m.ix});
        } else {
            const auto& g = groups_[m.ix];
            out.insert(out.end(), g.members.begin(), g.members.end());
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<UserIx> World::effective_members(AssignmentIx a) const {
    return effective_members(assignments_[a.v].members);
}

void World::mark_dirty(UserIx u) {
    if (is_dirty_[u.v]) return;
    is_dirty_[u.v] = true;
    dirty_.push_back(u);
}

void World::mark_members_dirty(AssignmentIx a) {
    for (const Member& m : assignments_[a.v].members) {
        if (m.kind == Member::Kind::user)
            mark_dirty(UserIx{m.ix});
        else
            for (UserIx u : groups_[m.ix].members) mark_dirty(u);
    }
}

void World::index_members(AssignmentIx a, bool add) {
    for (const Member& m : assignments_[a.v].members) {
        auto& list = m.kind == Member::Kind::user ? direct_[m.ix] : via_group_[m.ix];
        if (add)
            insert_sorted(list, a);
        else
            erase_value(list, a);
    }
}

void World::rebuild_grants(UserIx u) {
    auto& out = grants_[u.v];
    out.clear();
    const User& usr = users_[u.v];
    auto consider = [&](AssignmentIx a) {
        const Assignment& asg = assignments_[a.v];
        if (!asg.alive) return;
        const Role& role = roles_[asg.role.v];
        if (!role.alive) return;
        Grant g{role.customer,    asg.role,   a,      role.permissions,
                RelationshipIx{}, &asg.scope, nullptr};
        if (role.side == Side::partner) {
            // A partner role reaches only the partner's own users, and only while the
            // relationship it belongs to lives.
            if (usr.tenant != role.partner) return;
            auto rel = find_relationship(role.customer, role.partner);
            if (!rel) return;
            g.clip = *rel;
            g.clip_scope = &relationships_[rel->v].scope;
        } else if (usr.tenant != role.customer) {
            return;  // customer roles never reach another tenant's users
        }
        out.push_back(g);
    };
    for (AssignmentIx a : direct_[u.v]) consider(a);
    for (GroupIx g : groups_of_user_[u.v])
        for (AssignmentIx a : via_group_[g.v]) consider(a);
    std::sort(out.begin(), out.end(), [](const Grant& x, const Grant& y) {
        return x.tenant != y.tenant ? x.tenant < y.tenant : x.assignment < y.assignment;
    });
    out.erase(
        std::unique(out.begin(), out.end(),
                    [](const Grant& x, const Grant& y) { return x.assignment == y.assignment; }),
        out.end());
}

void World::refresh_dirty() {
    for (UserIx u : dirty_) {
        is_dirty_[u.v] = false;
        rebuild_grants(u);
    }
    dirty_.clear();
}

// --- mutators -----------------------------------------------------------------------------

TenantIx World::add_tenant(Tenant t) {
    TenantIx ix{static_cast<std::uint32_t>(tenants_.size())};
    register_id(t.id, Kind::tenant, ix.v);
    tenant_by_domain_[t.domain] = ix;
    tenants_.push_back(std::move(t));
    per_tenant_.emplace_back();
    return ix;
}

UserIx World::add_user(User u) {
    UserIx ix{static_cast<std::uint32_t>(users_.size())};
    register_id(u.id, Kind::user, ix.v);
    user_by_upn_[u.upn] = ix;
    user_tenant_.push_back(u.tenant);
    per_tenant_[u.tenant.v].users.push_back(ix);
    users_.push_back(std::move(u));
    direct_.emplace_back();
    groups_of_user_.emplace_back();
    grants_.emplace_back();
    is_dirty_.push_back(false);
    return ix;
}

GroupIx World::add_group(SecurityGroup g) {
    GroupIx ix{static_cast<std::uint32_t>(groups_.size())};
    register_id(g.id, Kind::group, ix.v);
    per_tenant_[g.tenant.v].groups.push_back(ix);
    std::vector<UserIx> members = std::move(g.members);
    g.members.clear();
    groups_.push_back(std::move(g));
    via_group_.emplace_back();
    set_group_members(ix, std::move(members));
    return ix;
}

void World::set_group_members(GroupIx g, std::vector<UserIx> members) {
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    auto& group = groups_[g.v];
    for (UserIx u : group.members) {
        erase_value(groups_of_user_[u.v], g);
        mark_dirty(u);
    }
    group.members = std::move(members);
    for (UserIx u : group.members) {
        insert_sorted(groups_of_user_[u.v], g);
        mark_dirty(u);
    }
    refresh_dirty();
}

RoomGroupIx World::add_room_group(RoomGroup g) {
    RoomGroupIx ix{static_cast<std::uint32_t>(room_groups_.size())};
    register_id(g.id, Kind::room_group, ix.v);
    per_tenant_[g.tenant.v].room_groups.push_back(ix);
    room_groups_.push_back(std::move(g));
    return ix;
}

void World::rename_room_group(RoomGroupIx g, std::string name) {
    room_groups_[g.v].name = std::move(name);
}

RoomIx World::add_room(Room r) {
    RoomIx ix{static_cast<std::uint32_t>(rooms_.size())};
    register_id(r.id, Kind::room, ix.v);
    per_tenant_[r.tenant.v].rooms.push_back(ix);
    std::sort(r.groups.begin(), r.groups.end());
    r.groups.erase(std::unique(r.groups.begin(), r.groups.end()), r.groups.end());
    room_enrolled_.push_back(r.enrolled ? 1 : 0);
    rooms_.push_back(std::move(r));
    return ix;
}

void World::set_room_groups(RoomIx r, std::vector<RoomGroupIx> groups) {
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    rooms_[r.v].groups = std::move(groups);
}

void World::unenroll_room(RoomIx r) {
    rooms_[r.v].enrolled = false;
}

RingIx World::add_ring(UpdateRing ring) {
    RingIx ix{static_cast<std::uint32_t>(rings_.size())};
    register_id(ring.id, Kind::ring, ix.v);
    per_tenant_[ring.tenant.v].rings.push_back(ix);
    rings_.push_back(std::move(ring));
    return ix;
}

void World::remove_ring(RingIx r) {
    auto& ring = rings_[r.v];
    ring.alive = false;
    erase_value(per_tenant_[ring.tenant.v].rings, r);
    unregister_id(ring.id);
}

IncidentIx World::add_incident(Incident i) {
    IncidentIx ix{static_cast<std::uint32_t>(incidents_.size())};
    register_id(i.id, Kind::incident, ix.v);
    per_tenant_[i.tenant.v].incidents.push_back(ix);
    std::sort(i.rooms.begin(), i.rooms.end());
    incidents_.push_back(std::move(i));
    count_issue(ix, +1);
    return ix;
}

void World::count_issue(IncidentIx i, int delta) {
    const Incident& inc = incidents_[i.v];
    if (!inc.marks_unhealthy()) return;
    for (RoomIx r : inc.rooms) rooms_[r.v].open_issues += delta;
}

RoleIx World::add_role(Role role) {
    RoleIx ix{static_cast<std::uint32_t>(roles_.size())};
    register_id(role.id, Kind::role, ix.v);
    per_tenant_[role.customer.v].roles.push_back(ix);
    role.assignments.clear();
    roles_.push_back(std::move(role));
    return ix;
}

void World::set_role_permissions(RoleIx r, PermissionSet permissions) {
    roles_[r.v].permissions = permissions;
    for (AssignmentIx a : roles_[r.v].assignments) mark_members_dirty(a);
    refresh_dirty();
}

void World::set_role_text(RoleIx r, std::string name, std::string description) {
    roles_[r.v].name = std::move(name);
    roles_[r.v].description = std::move(description);
}

void World::remove_role(RoleIx r) {
    Role& role = roles_[r.v];
    for (AssignmentIx a : std::vector<AssignmentIx>(role.assignments)) remove_assignment(a);
    role.alive = false;
    erase_value(per_tenant_[role.customer.v].roles, r);
    unregister_id(role.id);
}

AssignmentIx World::add_assignment(Assignment a) {
    AssignmentIx ix{static_cast<std::uint32_t>(assignments_.size())};
    register_id(a.id, Kind::assignment, ix.v);
    std::sort(a.members.begin(), a.members.end());
    a.members.erase(std::unique(a.members.begin(), a.members.end()), a.members.end());
    roles_[a.role.v].assignments.push_back(ix);
    assignments_.push_back(std::move(a));
    index_members(ix, true);
    mark_members_dirty(ix);
    refresh_dirty();
    return ix;
}

void World::set_assignment_members(AssignmentIx a, std::vector<Member> members) {
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    index_members(a, false);
    mark_members_dirty(a);  // the old members may lose access
    assignments_[a.v].members = std::move(members);
    index_members(a, true);
    mark_members_dirty(a);
    refresh_dirty();
}

void World::set_assignment_scope(AssignmentIx a, Scope scope) {
    // Grants refer to the assignment's scope by index, so no grant needs rebuilding.
    assignments_[a.v].scope = std::move(scope);
}

void World::set_assignment_text(AssignmentIx a, std::string name, std::string description,
                                bool email) {
    auto& asg = assignments_[a.v];
    asg.name = std::move(name);
    asg.description = std::move(description);
    asg.email_notifications = email;
}

void World::remove_assignment(AssignmentIx a) {
    Assignment& asg = assignments_[a.v];
    if (!asg.alive) return;
    index_members(a, false);
    mark_members_dirty(a);
    asg.alive = false;
    erase_value(roles_[asg.role.v].assignments, a);
    unregister_id(asg.id);
    refresh_dirty();
}

RelationshipIx World::add_relationship(Relationship r) {
    RelationshipIx ix{static_cast<std::uint32_t>(relationships_.size())};
    relationship_by_pair_[pair_key(r.customer, r.partner)] = ix;
    relationships_.push_back(std::move(r));
    return ix;
}

void World::remove_relationship(RelationshipIx r) {
    Relationship& rel = relationships_[r.v];
    if (!rel.alive) return;
    rel.alive = false;
    relationship_by_pair_.erase(pair_key(rel.customer, rel.partner));
    for (RoleIx role : std::vector<RoleIx>(per_tenant_[rel.customer.v].roles)) {
        const Role& rr = roles_[role.v];
        if (rr.side == Side::partner && rr.partner == rel.partner) remove_role(role);
    }
    refresh_dirty();
}

InvitationIx World::add_invitation(Invitation inv) {
    InvitationIx ix{static_cast<std::uint32_t>(invitations_.size())};
    register_id(inv.id, Kind::invitation, ix.v);
    per_tenant_[inv.customer.v].invitations.push_back(ix);
    invitations_.push_back(std::move(inv));
    return ix;
}

}  // namespace mtm
