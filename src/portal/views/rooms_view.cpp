#include "views/rooms_view.hpp"

#include "i18n.hpp"
#include "imgui.h"
#include "mtm/validation.hpp"
#include "ui/widgets.hpp"
#include "views/page_parts.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

namespace {

void health_chip(const std::string& health) {
    if (health == "healthy")
        ui::chip(tr("Healthy"), color::kSuccess, color::kSuccessSoft);
    else if (health == "unhealthy")
        ui::chip(tr("Unhealthy"), color::kDanger, color::kDangerSoft);
    else if (health == "onboarding")
        ui::chip(tr("Onboarding"), color::kAccent, color::kAccentSoft);
    else if (health == "suppressed")
        ui::chip(tr("Suppressed"), color::kTextMuted, color::kBorder);
    else
        ui::chip(tr("Unmonitored"), color::kWarning, color::kWarningSoft);
}

}  // namespace

void draw_rooms(const AppState& s, char (&filter)[96], const ui::Fonts& fonts, Actions& actions) {
    const TenantChoice* t = s.selected_tenant();
    std::string suffix = t ? " · " + t->name : std::string();
    std::string title = tr("Rooms") + suffix;
    ui::section_title(fonts, title.c_str(),
                      t && !t->own ? tr("The rooms this customer lets you manage.")
                                   : tr("Your organisation's rooms."));
    ui::expose("Page:Rooms" + suffix);
    if (page_blocked(s, mtm::Permission::rooms_view, s.rooms.empty(), actions)) return;
    ImGui::SetNextItemWidth(px(320));
    ImGui::InputTextWithHint("##room-filter", tr("Filter by name, site or country"), filter,
                             sizeof filter);
    ui::expose("Room filter");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled(tr("%zu rooms%s"), s.rooms.size(),
                        s.rooms_truncated ? tr(" (first 500)") : "");
    ImGui::Dummy(ImVec2(0, px(4)));

    std::string needle = mtm::lower(filter);
    std::vector<const RoomRow*> rows;
    for (const auto& r : s.rooms)
        if (needle.empty() ||
            mtm::lower(r.display_name + " " + r.site + " " + r.country).find(needle) !=
                std::string::npos)
            rows.push_back(&r);

    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
    if (ImGui::BeginTable("##rooms", 6, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(tr("Room"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(tr("Site"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn(tr("Country"), ImGuiTableColumnFlags_WidthStretch, 0.7f);
        ImGui::TableSetupColumn(tr("Health"), ImGuiTableColumnFlags_WidthStretch, 1.1f);
        ImGui::TableSetupColumn(tr("App version"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr("Enrollment key"), ImGuiTableColumnFlags_WidthFixed, px(130));
        table_headers(fonts);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(rows.size()), px(40));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const RoomRow& r = *rows[static_cast<std::size_t>(i)];
                ImGui::TableNextRow(0, px(40));
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(r.display_name.c_str());
                ui::expose("Room:" + r.display_name);
                ImGui::PushID(r.id.c_str());
                copy_menu(
                    {{tr("Copy room id"), r.id},
                     {tr("Copy row"), r.display_name + "\t" + r.site + "\t" + r.country + "\t" +
                                          r.health + "\t" + r.app_version + "\t" + r.id}},
                    "Room", actions);
                ImGui::PopID();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(r.site.c_str());
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(r.country.c_str());
                ImGui::TableNextColumn();
                health_chip(r.health);
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextDisabled("%s", r.app_version.c_str());
                ImGui::TableNextColumn();
                // The same policy code as the service, on the snapshot: instant and exact.
                bool allowed = mtm::evaluate(s.access, mtm::Permission::rooms_reset_key, r.facts());
                std::string reason =
                    allowed ? std::string() : s.why_not(mtm::Permission::rooms_reset_key);
                ImGui::PushID(r.id.c_str());
                bool busy = s.busy_id == r.id;
                if (ui::gated_button(busy ? tr("Resetting…") : tr("Reset key"), allowed && !busy,
                                     reason))
                    actions.push_back({Action::Kind::reset_key, r.id});
                ui::expose("Reset key:" + r.display_name, allowed, reason);
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
}

}  // namespace portal::views
