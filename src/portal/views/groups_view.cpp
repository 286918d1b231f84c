#include "views/groups_view.hpp"

#include <algorithm>
#include <cstdio>

#include "i18n.hpp"
#include "imgui.h"
#include "mtm/validation.hpp"
#include "ui/widgets.hpp"
#include "views/page_parts.hpp"
#include "views/pickers.hpp"
#include "views/wizard.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

namespace {

void new_group_dialog(GroupsDraft& d, const ui::Fonts& fonts, Actions& actions) {
    const char* title = tr("New room group");
    if (!begin_dialog(title, d.creating, px(460))) return;
    step_heading(fonts, tr("Name the group"));
    ui::muted(tr("E.g. a site or a floor. You choose its rooms next."));
    ImGui::SetNextItemWidth(-1);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ui::input_text_with_hint("##new-group", tr("Name"), d.new_name, sizeof d.new_name);
    ui::expose("New group:name");
    field_errors(d.errors);
    bool ready = d.new_name[0] != '\0';
    if (ui::gated_button(tr("Create"), ready, tr("Type a name"), true) ||
        (ready && ui::enter_pressed()))
        actions.push_back({Action::Kind::create_group, ""});
    ui::expose("New group:create", ready);
    ImGui::SameLine();
    if (ui::secondary_button(tr("Cancel")) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        d.creating = false;
        d.new_name[0] = '\0';
        d.errors.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace

void draw_groups(const AppState& s, GroupsDraft& d, const ui::Fonts& fonts, Actions& actions) {
    const TenantChoice* t = s.selected_tenant();
    std::string suffix = t ? " · " + t->name : std::string();
    ui::section_title(fonts, (tr("Room groups") + suffix).c_str(),
                      tr("Rooms grouped by site, floor or purpose. Roles and partners can be "
                         "limited to groups."));
    ui::expose("Page:Room groups" + suffix);
    if (page_blocked(s, mtm::Action::list_room_groups, s.room_groups.empty(), actions)) return;
    bool may_create = s.can(mtm::Action::create_room_group);
    std::string why_create = s.why_not(mtm::Action::create_room_group);
    if (ui::gated_button(tr("New group"), may_create, why_create, true)) {
        d.creating = true;
        d.errors.clear();
    }
    ui::expose("New group", may_create, why_create);
    if (d.creating) new_group_dialog(d, fonts, actions);
    ImGui::Dummy(ImVec2(0, px(6)));
    if (s.room_groups.empty()) {
        ui::muted(tr("No room groups here yet."));
        return;
    }

    ImGui::BeginChild("##group-list", ImVec2(px(280), 0), true);
    for (const auto& g : s.room_groups) {
        std::string label = g.name + "##" + g.id;
        if (ImGui::Selectable(label.c_str(), g.id == s.group_id, 0, ImVec2(0, px(28))))
            actions.push_back({Action::Kind::select_group, g.id});
        ui::expose("Group:" + g.name);
        ImGui::SameLine(px(210));
        ImGui::TextDisabled("%zu", g.room_count);
    }
    ImGui::EndChild();
    ImGui::SameLine(0, px(20));

    auto group = std::find_if(s.room_groups.begin(), s.room_groups.end(),
                              [&](const RoomGroupRow& g) { return g.id == s.group_id; });
    ImGui::BeginChild("##group-detail", ImVec2(0, 0), false);
    if (group != s.room_groups.end()) {
        if (d.editing != group->id) {  // another group opened, or saved: refill from its row
            d.editing = group->id;
            std::snprintf(d.name, sizeof d.name, "%s", group->name.c_str());
            d.room_ids = group->room_ids;
        }
        bool may_modify = s.can(mtm::Action::modify_room_group);
        std::string why = s.why_not(mtm::Action::modify_room_group);
        ImGui::PushFont(fonts.heading);
        ImGui::TextUnformatted(group->name.c_str());
        ImGui::PopFont();
        ui::muted(trf("{} rooms", group->room_count));
        if (!may_modify) ui::muted(why);
        if (!may_modify) ImGui::BeginDisabled();
        ImGui::SetNextItemWidth(px(360));
        ui::input_text("##group-name", d.name, sizeof d.name);
        ui::name_last_item(tr("Group name"));
        ui::expose("Group:name", may_modify, why);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(px(240));
        ui::input_text_with_hint("##group-room-filter", tr("Filter rooms"), d.room_filter,
                                 sizeof d.room_filter);
        if (!may_modify) ImGui::EndDisabled();
        bool changed = group->name != d.name || group->room_ids != d.room_ids;
        if (may_modify && changed) {
            ImGui::SameLine();
            bool named = d.name[0] != '\0';
            if (ui::gated_button(tr("Save changes"), named, tr("A group needs a name"), true))
                actions.push_back({Action::Kind::save_group, ""});
            ui::expose("Group:save", named);
            ImGui::SameLine();
            if (ui::secondary_button(tr("Discard"))) d.editing.clear();
        }
        field_errors(d.errors);
        ImGui::TextDisabled(tr("%zu rooms chosen"), d.room_ids.size());
        ImGui::BeginChild("##group-rooms", ImVec2(0, 0), true);
        room_checklist(d.room_ids, s.rooms, d.room_filter, "Group", may_modify, why);
        ImGui::EndChild();
    }
    ImGui::EndChild();
}

}  // namespace portal::views
