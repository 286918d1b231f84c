#include "views/partners_view.hpp"

#include "imgui.h"
#include "ui/widgets.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

void draw_partners(const AppState& s, const ui::Fonts& fonts, Actions& actions) {
    ui::section_title(
        fonts, "Partners",
        "Managed-service providers you invited. They reach only the rooms you chose, and you can "
        "remove them at any time.");
    if (!s.can(mtm::Permission::settings_modify)) {
        ui::muted(s.why_not(mtm::Permission::settings_modify));
        return;
    }
    if (!s.page_error.empty()) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kDanger), "%s",
                           s.page_error.c_str());
        if (ui::secondary_button("Try again")) actions.push_back({Action::Kind::reload, ""});
        return;
    }
    if (s.loading_page && s.partners.empty()) {
        ui::muted("Loading…");
        return;
    }
    if (s.partners.empty()) {
        ui::muted("No partners yet.");
        return;
    }
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp |
                            ImGuiTableFlags_PadOuterX;
    if (ImGui::BeginTable("##partners", 5, flags)) {
        ImGui::TableSetupColumn("Partner", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Domain", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Rooms", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("Invited people", ImGuiTableColumnFlags_WidthStretch, 2.6f);
        ImGui::PushFont(fonts.strong);
        ImGui::TableHeadersRow();
        ImGui::PopFont();
        for (const auto& p : s.partners) {
            ImGui::TableNextRow(0, px(40));
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(p.name.c_str());
            ui::expose("Partner:" + p.name);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", p.domain.c_str());
            ImGui::TableNextColumn();
            if (!p.since.empty()) {
                ui::chip(("Since " + date_of(p.since)).c_str(), color::kSuccess,
                         color::kSuccessSoft);
            } else {
                bool pending = false;
                for (const auto& i : p.invitations) pending |= i.state == "pending";
                ui::chip(pending ? "Invited" : "No relationship",
                         pending ? color::kWarning : color::kTextMuted,
                         pending ? color::kWarningSoft : color::kBorder);
            }
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            if (!p.since.empty()) {
                InvitationRow scope;
                scope.all_rooms = p.all_rooms;
                scope.room_count = p.room_count;
                scope.room_group_count = p.room_group_count;
                ImGui::TextUnformatted(scope.scope_text().c_str());
            } else {
                ImGui::TextDisabled("—");
            }
            ImGui::TableNextColumn();
            std::string people;
            for (const auto& inv : p.invitations) {
                if (inv.state != "pending" && inv.state != "accepted") continue;
                for (const auto& c : inv.contacts)
                    people += (people.empty() ? "" : ", ") + (c.name.empty() ? c.upn : c.name) +
                              " (" + c.status + ")";
            }
            ImGui::AlignTextToFramePadding();
            ImGui::TextWrapped("%s", people.empty() ? "—" : people.c_str());
        }
        ImGui::EndTable();
    }
}

}  // namespace portal::views
