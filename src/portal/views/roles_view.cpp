#include "views/roles_view.hpp"

#include <string_view>

#include "imgui.h"
#include "ui/widgets.hpp"
#include "views/page_parts.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

namespace {

std::string scope_text(const AssignmentRow& a) {
    InvitationRow s;
    s.all_rooms = a.all_rooms;
    s.room_count = a.room_count;
    s.room_group_count = a.room_group_count;
    return s.scope_text();
}

// Permissions as a check-box matrix grouped by feature, in the catalogue's order.
void permission_matrix(const RoleRow& role, bool editable, const std::string& why_not,
                       const ui::Fonts& fonts, Actions& actions) {
    std::string_view feature;
    for (const auto& info : mtm::catalogue()) {
        if (info.feature != feature) {
            feature = info.feature;
            ImGui::Dummy(ImVec2(0, px(4)));
            ImGui::PushFont(fonts.strong);
            ImGui::TextUnformatted(std::string(feature).c_str());
            ImGui::PopFont();
        }
        bool on = role.permissions.has(info.permission);
        std::string label = std::string(info.label) + "##" + std::string(info.id);
        if (!editable) ImGui::BeginDisabled();
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + px(12));
        if (ImGui::Checkbox(label.c_str(), &on))
            actions.push_back({Action::Kind::toggle_permission, std::string(info.id)});
        if (!editable) {
            ImGui::EndDisabled();
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip("%s", why_not.c_str());
        }
        ui::expose("Permission:" + std::string(info.id), editable, why_not);
        ImGui::SameLine();
        ImGui::TextDisabled("%s", std::string(info.id).c_str());
    }
}

}  // namespace

void draw_roles(const AppState& s, const ui::Fonts& fonts, Actions& actions) {
    const TenantChoice* t = s.selected_tenant();
    std::string title = "Roles" + (t ? " · " + t->name : std::string());
    ui::section_title(
        fonts, title.c_str(),
        t && !t->own
            ? "Your organisation's roles for this customer, each limited to the rooms it granted."
            : "Who may do what in your organisation, and where.");
    ui::expose("Page:" + title);
    if (page_blocked(s, mtm::Permission::roles_view, s.roles.empty(), actions)) return;
    if (s.roles.empty()) {
        ui::muted("No roles here yet.");
        return;
    }
    bool may_modify = s.can(mtm::Permission::roles_modify);

    ImGui::BeginChild("##role-list", ImVec2(px(280), 0), true);
    for (const auto& r : s.roles) {
        bool selected = r.id == s.role_id;
        std::string label = r.name + "##" + r.id;
        if (ImGui::Selectable(label.c_str(), selected, 0, ImVec2(0, px(28))))
            actions.push_back({Action::Kind::select_role, r.id});
        ui::expose("Role:" + r.name);
        if (r.built_in) {
            ImGui::SameLine(px(190));
            ImGui::PushFont(fonts.small);
            ui::chip("Built-in", color::kTextMuted, color::kBorder);
            ImGui::PopFont();
        }
    }
    ImGui::EndChild();
    ImGui::SameLine(0, px(20));

    const RoleRow* role = nullptr;
    for (const auto& r : s.roles)
        if (r.id == s.role_id) role = &r;
    ImGui::BeginChild("##role-detail", ImVec2(0, 0), false);
    if (role) {
        ImGui::PushFont(fonts.heading);
        ImGui::TextUnformatted(role->name.c_str());
        ImGui::PopFont();
        std::string kind = std::string(role->built_in ? "Built-in " : "Custom ") +
                           (role->side == "partner" ? "partner role" : "role") +
                           (role->description.empty() ? "" : " · " + role->description);
        ui::muted(kind);
        ui::card_divider();

        bool editable = may_modify && !role->built_in;
        std::string why = !may_modify ? s.why_not(mtm::Permission::roles_modify)
                          : role->built_in
                              ? "Built-in roles cannot be edited; create a custom role instead."
                              : std::string();
        ImGui::PushFont(fonts.strong);
        ImGui::Text("Permissions (%d of %zu)", role->permissions.count(), mtm::kPermissionCount);
        ImGui::PopFont();
        permission_matrix(*role, editable, why, fonts, actions);
        ui::card_divider();

        ImGui::PushFont(fonts.strong);
        ImGui::Text("Assignments (%zu)", role->assignments.size());
        ImGui::PopFont();
        if (role->assignments.empty()) ui::muted("Nobody holds this role yet.");
        if (!role->assignments.empty() && ImGui::BeginTable("##assignments", 3, kListTable)) {
            ImGui::TableSetupColumn("Assignment", ImGuiTableColumnFlags_WidthStretch, 2.0f);
            ImGui::TableSetupColumn("Members", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn("Rooms", ImGuiTableColumnFlags_WidthStretch, 1.5f);
            table_headers(fonts);
            for (const auto& a : role->assignments) {
                ImGui::TableNextRow(0, px(34));
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(a.name.c_str());
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::Text("%zu", a.members.size());
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(scope_text(a).c_str());
            }
            ImGui::EndTable();
        }
    }
    ImGui::EndChild();
}

}  // namespace portal::views
