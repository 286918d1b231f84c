// The Access matrix's state: what-if edits over the service's model, recomputed with mtm (the
// same policy code as the service), and the texture of decisions the GPU draws.
#include <algorithm>
#include <unordered_map>

#include "i18n.hpp"
#include "model.hpp"
#include "trm/csv.hpp"

namespace portal {

std::string describe_matrix_scope(const mtm::MatrixScope& s) {
    if (s.all_rooms) return tr("all rooms");
    std::string out;
    if (s.rooms) out = s.rooms == 1 ? tr("1 room") : trf("{} rooms", s.rooms);
    if (s.room_groups) {
        if (!out.empty()) out += ", ";
        out += s.room_groups == 1 ? tr("1 room group") : trf("{} room groups", s.room_groups);
    }
    return out.empty() ? tr("no rooms") : out;
}

namespace {

std::string reach_words(mtm::Reach r) {
    return r == mtm::Reach::all_rooms    ? tr("all rooms")
           : r == mtm::Reach::some_rooms ? tr("some rooms")
                                         : tr("none");
}

}  // namespace

void MatrixDraft::load(std::optional<mtm::MatrixModel> model) {
    refused.clear();
    // Keep the edits of roles and assignments that survive the reload (by id).
    std::unordered_map<std::string, mtm::PermissionSet> kept_roles;
    std::unordered_map<std::string, ScopeChoice> kept_scopes;
    std::string open_role;
    if (saved) {
        for (std::size_t r = 0; r < saved->roles.size() && r < role_permissions.size(); ++r)
            if (role_permissions[r] != saved->roles[r].permissions)
                kept_roles[saved->roles[r].id] = role_permissions[r];
        for (std::size_t a = 0; a < saved->assignments.size() && a < scopes.size(); ++a)
            if (scopes[a] != ScopeChoice::as_saved)
                kept_scopes[saved->assignments[a].id] = scopes[a];
        if (role >= 0 && role < static_cast<int>(saved->roles.size()))
            open_role = saved->roles[static_cast<std::size_t>(role)].id;
    }
    saved = std::move(model);
    role = -1;
    role_permissions.clear();
    scopes.clear();
    if (saved) {
        for (std::size_t r = 0; r < saved->roles.size(); ++r) {
            auto k = kept_roles.find(saved->roles[r].id);
            role_permissions.push_back(k != kept_roles.end() ? k->second
                                                             : saved->roles[r].permissions);
            if (saved->roles[r].id == open_role) role = static_cast<int>(r);
        }
        for (const auto& a : saved->assignments) {
            auto k = kept_scopes.find(a.id);
            scopes.push_back(k != kept_scopes.end() ? k->second : ScopeChoice::as_saved);
        }
        saved_cells = mtm::compute(*saved);
        if (preview >= static_cast<int>(saved->users.size())) preview = -1;
    }
    pin_user = pin_tenant = pin_permission = -1;
    recompute();
}

void MatrixDraft::recompute() {
    if (!saved) {
        draft = {};
        cells = saved_cells = {};
        texture.clear();
        ++version;
        return;
    }
    draft = *saved;
    for (std::size_t r = 0; r < draft.roles.size(); ++r)
        draft.roles[r].permissions = role_permissions[r];
    for (std::size_t a = 0; a < draft.assignments.size(); ++a)
        if (scopes[a] == ScopeChoice::all_rooms) draft.assignments[a].scope = {true, 0, 0};
    // "Nobody": the assignment's grants go (its members lose what it gave them).
    std::erase_if(draft.grants, [&](const mtm::MatrixModel::Grant& g) {
        return scopes[g.assignment] == ScopeChoice::nobody;
    });
    cells = mtm::compute(draft);
    texture.resize(cells.cells.size());
    for (std::size_t i = 0; i < texture.size(); ++i)
        texture[i] = static_cast<std::uint8_t>(static_cast<unsigned>(cells.cells[i]) |
                                               static_cast<unsigned>(saved_cells.cells[i]) << 2);
    ++version;
}

void MatrixDraft::reset_draft() {
    if (!saved) return;
    for (std::size_t r = 0; r < saved->roles.size(); ++r)
        role_permissions[r] = saved->roles[r].permissions;
    std::fill(scopes.begin(), scopes.end(), ScopeChoice::as_saved);
    recompute();
}

bool MatrixDraft::dirty() const {
    if (!saved) return false;
    for (std::size_t r = 0; r < saved->roles.size(); ++r)
        if (role_permissions[r] != saved->roles[r].permissions) return true;
    return std::any_of(scopes.begin(), scopes.end(),
                       [](ScopeChoice c) { return c != ScopeChoice::as_saved; });
}

std::string MatrixDraft::csv() const {
    std::string out = "person,upn,tenant,permission,reach,granted_by\n";
    if (!saved) return out;
    for (std::uint32_t u = 0; u < cells.users; ++u)
        for (std::uint32_t t = 0; t < cells.tenants; ++t)
            for (const auto& info : mtm::catalogue()) {
                mtm::Reach reach = cells.at(u, t, info.permission);
                if (reach == mtm::Reach::none) continue;
                std::string by;
                for (const auto* g : mtm::explain_cell(draft, u, t, info.permission).granted_by) {
                    if (!by.empty()) by += "; ";
                    const auto& a = draft.assignments[g->assignment];
                    by += draft.roles[a.role].name + " / " + a.name;
                }
                out += trm::csv_cell(draft.users[u].display_name) + ',' +
                       trm::csv_cell(draft.users[u].upn) + ',' +
                       trm::csv_cell(draft.tenants[t].name) + ',' + std::string(info.id) + ',' +
                       (reach == mtm::Reach::all_rooms ? "all rooms" : "some rooms") + ',' +
                       trm::csv_cell(by) + '\n';
            }
    return out;
}

std::string describe_grant(const mtm::MatrixModel& m, const mtm::MatrixModel::Grant& g) {
    const auto& a = m.assignments[g.assignment];
    const auto& t = m.tenants[m.roles[a.role].tenant];
    std::string out = m.roles[a.role].name + " · " + a.name;
    if (g.through_group) out += tr(" (through a group)");
    out += " — " + describe_matrix_scope(a.scope);
    if (t.via_partner && !t.clip.all_rooms)
        out += trf(", within the customer's grant ({})", describe_matrix_scope(t.clip));
    return out;
}

std::string explain_matrix_cell(const mtm::MatrixModel& m, const mtm::Matrix& cells,
                                std::uint32_t user, std::uint32_t tenant, mtm::Permission p) {
    const mtm::PermissionInfo& info = mtm::info(p);
    mtm::Reach reach = cells.at(user, tenant, p);
    std::string head = trf("{} in {}: {} ({}: {}) — {}", m.users[user].display_name,
                           m.tenants[tenant].name, std::string(info.id), tr(info.feature.data()),
                           tr(info.label.data()), reach_words(reach));
    mtm::CellExplanation why = mtm::explain_cell(m, user, tenant, p);
    if (!why.granted_by.empty()) {
        std::string out = head + "\n" + tr("Granted by:");
        for (const auto* g : why.granted_by) out += "\n• " + describe_grant(m, *g);
        return out;
    }
    if (why.beyond_ceiling)
        return head + "\n" +
               (m.tenants[tenant].via_partner
                    ? tr("No partner role can hold it: only the customer's own roles do.")
                    : tr("No role here holds it."));
    if (why.roles_holding.empty())
        return head + "\n" + tr("No role here holds it: a custom role with it would be needed.");
    std::string roles;
    for (std::size_t i = 0; i < why.roles_holding.size(); ++i) {
        if (i) roles += i + 1 == why.roles_holding.size() ? tr(" or ") : ", ";
        roles += m.roles[why.roles_holding[i]].name;
    }
    return head + "\n" + trf("Not granted: an assignment of {} would give it.", roles);
}

}  // namespace portal
