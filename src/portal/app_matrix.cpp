// The Access matrix's commands: save a role's what-if permissions (after checking nobody changed
// the role since the matrix was read), open a role in Roles, download the shown cells as CSV.
#include <algorithm>

#include "app.hpp"
#include "i18n.hpp"
#include "json_read.hpp"
#include "platform/platform.hpp"

namespace portal {

void App::apply_matrix(const views::Action& a) {
    using K = views::Action::Kind;
    MatrixDraft& m = state_.matrix;
    switch (a.kind) {
        case K::save_matrix_role: {
            if (!m.saved || m.saving) return;
            auto it = std::find_if(m.saved->roles.begin(), m.saved->roles.end(),
                                   [&](const auto& r) { return r.id == a.id; });
            if (it == m.saved->roles.end()) return;
            auto r = static_cast<std::size_t>(it - m.saved->roles.begin());
            std::string tenant = m.saved->tenants[it->tenant].id;
            std::string base = "/tenants/" + tenant + "/roles";
            mtm::PermissionSet read = it->permissions, wanted = m.role_permissions[r];
            std::string role_id = it->id, role_name = it->name;
            m.saving = true;
            auto failed = [this](const ApiResult& r) {
                state_.matrix.saving = false;
                toast(trf("The service refused: {}", r.error_message()), true);
            };
            // Read the role first: its etag makes the PATCH conditional, and if its permissions
            // differ from what the matrix showed, someone changed it meanwhile: reload instead
            // of overwriting their change.
            call(
                "GET", base + "?limit=500", nullptr,
                [this, base, role_id, role_name, read, wanted, failed](const ApiResult& list) {
                    const json* current = nullptr;
                    for (const auto& j : read::list(list.body, "items"))
                        if (read::text(j, "id") == role_id) current = &j;
                    if (!current) {
                        state_.matrix.saving = false;
                        toast(tr("That role is gone: the matrix was reloaded."), true);
                        load_page();
                        return;
                    }
                    RoleRow row = RoleRow::from_json(*current);
                    if (row.permissions != read) {
                        state_.matrix.saving = false;
                        toast(tr("Someone changed that role meanwhile: the matrix was reloaded "
                                 "with your what-if kept."),
                              true);
                        load_page();
                        return;
                    }
                    json perms = json::array();
                    for (const auto& info : mtm::catalogue())
                        if (wanted.has(info.permission)) perms.push_back(std::string(info.id));
                    call(
                        "PATCH", base + "/" + role_id, json{{"permissions", perms}},
                        [this, role_name](const ApiResult&) {
                            state_.matrix.saving = false;
                            toast(trf("Role {} saved.", role_name), false);
                            load_page();  // the saved model now includes the change
                        },
                        failed, row.etag);
                },
                failed);
            return;
        }
        case K::open_matrix_role: {
            auto slash = a.id.find('/');
            if (slash == std::string::npos) return;
            ++generation_;
            state_.tenant_id = a.id.substr(0, slash);
            state_.role_id = a.id.substr(slash + 1);
            state_.page = Page::roles;
            load_page();
            return;
        }
        case K::download_matrix:
            if (!m.saved) return;
            platform::download(m.dirty() ? "access-matrix-what-if.csv" : "access-matrix.csv",
                               "text/csv", m.csv());
            toast(tr("Access matrix downloaded."), false);
            return;
        default:
            return;
    }
}

}  // namespace portal
