#include "mtm/matrix.hpp"

#include <algorithm>
#include <unordered_map>

#include "mtm/operations.hpp"

namespace mtm {

namespace {

MatrixScope to_matrix(const Scope& s) {
    return {s.all_rooms, static_cast<std::uint32_t>(s.rooms.size()),
            static_cast<std::uint32_t>(s.room_groups.size())};
}

}  // namespace

MatrixModel matrix_of(const World& w, UserIx viewer) {
    MatrixModel m;
    TenantIx home = w.user(viewer).tenant;

    std::vector<TenantIx> candidates{home};
    for (RelationshipIx r : w.relationships_as_partner(home))
        candidates.push_back(w.relationship(r).customer);
    std::unordered_map<std::uint32_t, std::uint32_t> tenant_at;  // TenantIx → index in m
    std::unordered_map<std::uint32_t, std::uint32_t> role_at, assignment_at;
    for (TenantIx t : candidates) {
        if (!tenant_visible(w, viewer, t)) continue;
        if (!decide(w, viewer, Permission::roles_view, Target::of(t)).allowed()) continue;
        MatrixModel::Tenant tenant{w.tenant(t).id, w.tenant(t).name, t != home, {true, 0, 0}};
        if (t != home)
            if (auto rel = w.find_relationship(t, home))
                tenant.clip = to_matrix(w.relationship(*rel).scope);
        auto tix = static_cast<std::uint32_t>(m.tenants.size());
        tenant_at[t.v] = tix;
        m.tenants.push_back(std::move(tenant));
        for (RoleIx r : roles_in_context(w, viewer, t)) {
            const Role& role = w.role(r);
            role_at[r.v] = static_cast<std::uint32_t>(m.roles.size());
            m.roles.push_back(
                {role.id, role.name, tix, role.side, role.built_in, role.permissions});
            for (AssignmentIx a : role.assignments) {
                const Assignment& as = w.assignment(a);
                if (!as.alive) continue;
                assignment_at[a.v] = static_cast<std::uint32_t>(m.assignments.size());
                m.assignments.push_back({as.id, as.name, role_at[r.v], to_matrix(as.scope)});
            }
        }
    }

    for (UserIx u : w.users_of(home)) {
        auto uix = static_cast<std::uint32_t>(m.users.size());
        const User& user = w.user(u);
        m.users.push_back({user.id, user.upn, user.display_name});
        for (const Grant& g : w.all_grants(u)) {
            auto a = assignment_at.find(g.assignment.v);
            if (a == assignment_at.end()) continue;  // a tenant or role the viewer cannot read
            const auto& members = w.assignment(g.assignment).members;
            bool direct = std::binary_search(members.begin(), members.end(), Member::user(u));
            m.grants.push_back({uix, a->second, !direct});
        }
    }
    return m;
}

Reach grant_reach(const MatrixModel& m, const MatrixModel::Grant& g) {
    const auto& a = m.assignments[g.assignment];
    const auto& t = m.tenants[m.roles[a.role].tenant];
    bool all = a.scope.all_rooms && (!t.via_partner || t.clip.all_rooms);
    return all ? Reach::all_rooms : Reach::some_rooms;
}

Matrix compute(const MatrixModel& m) {
    Matrix out;
    out.users = static_cast<std::uint32_t>(m.users.size());
    out.tenants = static_cast<std::uint32_t>(m.tenants.size());
    out.cells.assign(static_cast<std::size_t>(out.users) * out.tenants * kPermissionCount,
                     Reach::none);
    for (const auto& g : m.grants) {
        const auto& role = m.roles[m.assignments[g.assignment].role];
        Reach reach = grant_reach(m, g);
        std::size_t base =
            (static_cast<std::size_t>(g.user) * out.tenants + role.tenant) * kPermissionCount;
        std::uint32_t bits = role.permissions.bits();
        for (std::size_t p = 0; bits; ++p, bits >>= 1)
            if ((bits & 1u) && out.cells[base + p] < reach) out.cells[base + p] = reach;
    }
    return out;
}

CellExplanation explain_cell(const MatrixModel& m, std::uint32_t user, std::uint32_t tenant,
                             Permission p) {
    CellExplanation e;
    auto first =
        std::lower_bound(m.grants.begin(), m.grants.end(), user,
                         [](const MatrixModel::Grant& g, std::uint32_t u) { return g.user < u; });
    for (auto it = first; it != m.grants.end() && it->user == user; ++it) {
        const auto& role = m.roles[m.assignments[it->assignment].role];
        if (role.tenant == tenant && role.permissions.has(p)) e.granted_by.push_back(&*it);
    }
    if (!e.granted_by.empty()) return e;
    for (std::uint32_t r = 0; r < m.roles.size(); ++r)
        if (m.roles[r].tenant == tenant && m.roles[r].permissions.has(p))
            e.roles_holding.push_back(r);
    Side side = m.tenants[tenant].via_partner ? Side::partner : Side::customer;
    e.beyond_ceiling = !custom_role_ceiling(side).has(p);
    return e;
}

MatrixDiff diff(const Matrix& before, const Matrix& after) {
    MatrixDiff d;
    std::size_t n = std::min(before.cells.size(), after.cells.size());
    for (std::size_t i = 0; i < n; ++i) {
        Reach a = before.cells[i], b = after.cells[i];
        if (a == b) continue;
        if (a == Reach::none)
            ++d.gained;
        else if (b == Reach::none)
            ++d.lost;
        else if (b < a)
            ++d.narrowed;
        else
            ++d.widened;
    }
    return d;
}

}  // namespace mtm
