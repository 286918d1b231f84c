// The Roles page's actions: role and assignment changes sent to the service, with optimistic
// updates rolled back on refusal. Split from app.cpp to keep each file about one thing.
#include <algorithm>

#include "app.hpp"
#include "i18n.hpp"
#include "json_read.hpp"

namespace portal {

namespace {

RoleRow* find_role(std::vector<RoleRow>& roles, const std::string& id) {
    auto it =
        std::find_if(roles.begin(), roles.end(), [&](const RoleRow& r) { return r.id == id; });
    return it == roles.end() ? nullptr : &*it;
}

}  // namespace

void App::load_directory() {
    if (!state_.directory.empty()) return;
    call("GET", "/directory?limit=500", nullptr, [this](const ApiResult& r) {
        state_.directory.clear();
        for (const auto& j : r.body.value("items", json::array()))
            state_.directory.push_back(DirectoryEntry::from_json(j));
    });
}

void App::load_choices(const std::string& tenant) {
    state_.rooms.clear();
    ++state_.rooms_version;
    state_.room_groups.clear();
    // Either list may be refused (e.g. a partner without groups.view): the picker offers what
    // this user may see, which is also all the service would accept.
    call(
        "GET", "/tenants/" + tenant + "/room-groups?limit=500", nullptr,
        [this](const ApiResult& r) {
            state_.room_groups.clear();
            for (const auto& j : r.body.value("items", json::array()))
                state_.room_groups.push_back(RoomGroupRow::from_json(j));
        },
        [](const ApiResult&) {});
    call(
        "GET", "/tenants/" + tenant + "/rooms?limit=500", nullptr,
        [this](const ApiResult& r) {
            state_.rooms.clear();
            ++state_.rooms_version;
            for (const auto& j : r.body.value("items", json::array()))
                state_.rooms.push_back(RoomRow::from_json(j));
        },
        [](const ApiResult&) {});
    load_directory();
}

void App::apply_roles(const views::Action& a) {
    using K = views::Action::Kind;
    RolesDraft& draft = state_.roles_draft;
    std::string base = "/tenants/" + state_.tenant_id + "/roles";
    switch (a.kind) {
        case K::select_role:
            state_.role_id = a.id;
            draft.editor = AssignmentEditor{};
            return;
        case K::toggle_permission: {
            RoleRow* role = find_role(state_.roles, state_.role_id);
            auto perm = mtm::parse_permission(a.id);
            if (!role || !perm || role->built_in) return;
            mtm::PermissionSet before = role->permissions;
            mtm::PermissionSet after = before;
            if (after.has(*perm))
                after.remove(*perm);
            else
                after.add(*perm);
            json list = json::array();
            for (const auto& info : mtm::catalogue())
                if (after.has(info.permission)) list.push_back(std::string(info.id));
            role->permissions = after;  // optimistic; rolled back if the service refuses
            std::string rid = role->id;
            call(
                "PATCH", base + "/" + rid, json{{"permissions", list}},
                [this, rid](const ApiResult& r) {
                    if (RoleRow* row = find_role(state_.roles, rid))
                        *row = RoleRow::from_json(r.body);
                },
                [this, rid, before](const ApiResult& r) {
                    if (RoleRow* row = find_role(state_.roles, rid)) row->permissions = before;
                    toast(trf("The service refused: {}", r.error_message()), true);
                },
                role->etag);
            return;
        }
        case K::open_role_wizard:
            draft.wizard = RoleWizard{};
            draft.wizard.open = true;
            load_choices(state_.tenant_id);
            return;
        case K::create_role: {
            RoleWizard& w = draft.wizard;
            w.sending = true;
            w.errors.clear();
            call(
                "POST", base, w.role_request(),
                [this, base](const ApiResult& r) {
                    RoleWizard& w = state_.roles_draft.wizard;
                    std::string rid = r.body.value("id", "");
                    std::string name = r.body.value("name", "");
                    state_.role_id = rid;
                    if (w.assignment.members.empty()) {
                        w = RoleWizard{};
                        toast(trf("Role {} created. Add an assignment to give it to people.", name),
                              false);
                        load_page();
                        return;
                    }
                    // The role exists now; its first assignment is a second request. If that
                    // one is refused the role stays, and the wizard says why.
                    call(
                        "POST", base + "/" + rid + "/assignments", w.assignment.to_request(),
                        [this, name](const ApiResult&) {
                            state_.roles_draft.wizard = RoleWizard{};
                            toast(trf("Role {} created and assigned.", name), false);
                            load_session();
                        },
                        [this, name](const ApiResult& r) {
                            state_.roles_draft.wizard = RoleWizard{};
                            toast(trf("Role {} was created, but its assignment was refused: {}",
                                      name, r.error_message()),
                                  true);
                            load_page();
                        });
                },
                [this](const ApiResult& r) {
                    RoleWizard& w = state_.roles_draft.wizard;
                    w.sending = false;
                    w.errors = r.field_errors();
                });
            return;
        }
        case K::save_role: {
            RoleRow* role = find_role(state_.roles, a.id);
            if (!role) return;
            RoleRow before = *role;
            role->name = draft.name;  // optimistic
            role->description = draft.description;
            std::string rid = role->id;
            call(
                "PATCH", base + "/" + rid,
                json{{"name", draft.name}, {"description", draft.description}},
                [this, rid](const ApiResult& r) {
                    if (RoleRow* row = find_role(state_.roles, rid))
                        *row = RoleRow::from_json(r.body);
                    toast(tr("Role saved."), false);
                },
                [this, rid, before](const ApiResult& r) {
                    if (RoleRow* row = find_role(state_.roles, rid)) *row = before;
                    state_.roles_draft.properties_of.clear();
                    toast(trf("The service refused: {}", r.error_message()), true);
                },
                role->etag);
            return;
        }
        case K::delete_role:
            state_.busy_id = a.id;
            call(
                "DELETE", base + "/" + a.id, nullptr,
                [this](const ApiResult&) {
                    state_.busy_id.clear();
                    state_.role_id.clear();
                    toast(tr("Role deleted. Its members lost what it granted."), false);
                    load_session();
                },
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    toast(trf("Could not delete the role: {}", r.error_message()), true);
                });
            return;
        case K::open_assignment: {
            RoleRow* role = find_role(state_.roles, state_.role_id);
            if (!role) return;
            AssignmentEditor e;
            e.open = true;
            e.role_id = role->id;
            for (const auto& row : role->assignments)
                if (row.id == a.id) {
                    e.assignment_id = row.id;
                    e.etag = row.etag;
                    e.draft = AssignmentDraft::from_row(row);
                }
            draft.editor = std::move(e);
            load_choices(state_.tenant_id);
            return;
        }
        case K::save_assignment: {
            AssignmentEditor& e = draft.editor;
            e.sending = true;
            e.errors.clear();
            bool create = e.assignment_id.empty();
            std::string path = base + "/" + e.role_id + "/assignments" +
                               (create ? std::string() : "/" + e.assignment_id);
            call(
                create ? "POST" : "PATCH", path, e.draft.to_request(),
                [this, create](const ApiResult&) {
                    state_.roles_draft.editor = AssignmentEditor{};
                    toast(create ? tr("Assignment added.") : tr("Assignment saved."), false);
                    load_session();  // my own access may have changed with it
                },
                [this](const ApiResult& r) {
                    AssignmentEditor& e = state_.roles_draft.editor;
                    e.sending = false;
                    e.errors = r.field_errors();
                },
                create ? std::string() : e.etag);
            return;
        }
        case K::delete_assignment: {
            RoleRow* role = find_role(state_.roles, state_.role_id);
            if (!role) return;
            call(
                "DELETE", base + "/" + role->id + "/assignments/" + a.id, nullptr,
                [this](const ApiResult&) {
                    toast(tr("Assignment deleted."), false);
                    load_session();
                },
                [this](const ApiResult& r) {
                    toast(trf("Could not delete the assignment: {}", r.error_message()), true);
                });
            return;
        }
        default:
            return;
    }
}

}  // namespace portal
