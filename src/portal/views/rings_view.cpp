#include "views/rings_view.hpp"

#include <algorithm>

#include "i18n.hpp"
#include "imgui.h"
#include "mtm/operations.hpp"
#include "mtm/validation.hpp"
#include "ui/widgets.hpp"
#include "views/page_parts.hpp"
#include "views/wizard.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

namespace {

void ring_editor(const AppState& s, RingDraft& d, const ui::Fonts& fonts, Actions& actions) {
    const char* title = d.ring_id.empty() ? tr("Add update ring") : tr("Edit update ring");
    if (!begin_dialog(title, d.open, px(520))) return;
    bool built_in = d.built_in;
    int others = 0;  // rollout + test days of every other ring
    for (const auto& r : s.rings)
        if (r.id != d.ring_id) others += r.rollout_days + r.test_days;
    step_heading(fonts, tr("Name and timing"));
    if (built_in) ui::muted(tr("A built-in ring keeps its name and order; its days can change."));
    if (built_in) ImGui::BeginDisabled();
    ImGui::SetNextItemWidth(-1);
    ui::input_text_with_hint("##ring-name", tr("Name, e.g. Pilot"), d.name, sizeof d.name);
    ui::expose("Ring:name", !built_in);
    ImGui::SetNextItemWidth(px(200));
    ui::slider_int(tr("Order (1 first)"), &d.order, 1, 9);
    if (built_in) ImGui::EndDisabled();
    ImGui::SetNextItemWidth(-1);
    ui::input_text_with_hint("##ring-description", tr("Description (optional)"), d.description,
                             sizeof d.description);
    ImGui::SetNextItemWidth(px(200));
    ImGui::InputInt(tr("Rollout days"), &d.rollout_days, 0, 0);
    ui::expose("Ring:rollout days");
    ImGui::SetNextItemWidth(px(200));
    ImGui::InputInt(tr("Test days"), &d.test_days, 0, 0);
    ui::expose("Ring:test days");
    d.rollout_days = std::clamp(d.rollout_days, 0, mtm::kMaxRingWindowDays);
    d.test_days = std::clamp(d.test_days, 0, mtm::kMaxRingWindowDays);
    // The 60-day rule, live: the service checks the same and refuses with the same numbers.
    auto budget = mtm::ring_budget(others, d.rollout_days, d.test_days);
    int total = budget.total;
    bool fits = budget.fits;
    std::string rule = trf("Across all rings: {} of {} days of rollout and test ({} left).", total,
                           mtm::kMaxRingWindowDays, std::max(0, mtm::kMaxRingWindowDays - total));
    ImGui::PushStyleColor(
        ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(fits ? color::kTextMuted : color::kDanger));
    ImGui::TextWrapped("%s", rule.c_str());
    ImGui::PopStyleColor();
    ui::expose("Ring:rule", fits, rule);
    field_errors(d.errors);
    ui::card_divider();
    bool ready = d.name[0] && fits && !d.sending;
    std::string why = !d.name[0] ? tr("Name the ring")
                      : !fits    ? tr("Over the 60-day limit: shorten this ring or another")
                                 : tr("Saving…");
    if (ui::gated_button(d.sending ? tr("Saving…") : tr("Save"), ready, why, true))
        actions.push_back({Action::Kind::save_ring, ""});
    ui::expose("Ring:save", ready, ready ? "" : why);
    ImGui::SameLine();
    if (ui::secondary_button(tr("Cancel")) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        d = RingDraft{};
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace

void draw_rings(const AppState& s, RingDraft& d, const ui::Fonts& fonts, Actions& actions) {
    const TenantChoice* t = s.selected_tenant();
    std::string suffix = t ? " · " + t->name : std::string();
    ui::section_title(fonts, (tr("Update rings") + suffix).c_str(),
                      tr("Rooms get app updates ring by ring, in order. Rollout and test days "
                         "across all rings may not exceed 60."));
    ui::expose("Page:Update rings" + suffix);
    if (page_blocked(s, mtm::Action::list_rings, s.rings.empty(), actions)) return;
    bool may_create = s.can(mtm::Action::create_ring);
    std::string why_create = s.why_not(mtm::Action::create_ring);
    if (ui::gated_button(tr("Add ring"), may_create, why_create, true))
        actions.push_back({Action::Kind::open_ring, ""});
    ui::expose("Add ring", may_create, why_create);
    if (d.open) ring_editor(s, d, fonts, actions);
    ImGui::Dummy(ImVec2(0, px(6)));
    bool may_modify = s.can(mtm::Action::modify_ring);
    std::string why_modify = s.why_not(mtm::Action::modify_ring);
    if (!ImGui::BeginTable("##rings", 7, kListTable)) return;
    ImGui::TableSetupColumn(tr("Order"), ImGuiTableColumnFlags_WidthFixed, px(60));
    ImGui::TableSetupColumn(tr("Ring"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(tr("Rollout days"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("Test days"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("Completion"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("Rooms"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, px(150));
    table_headers(fonts);
    for (const auto& r : s.rings) {
        ImGui::PushID(r.id.c_str());
        ImGui::TableNextRow(0, px(38));
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%d", r.order);
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(r.name.c_str());
        ui::expose("Ring:" + r.name);
        if (r.built_in) {
            ImGui::SameLine();
            ImGui::PushFont(fonts.small);
            ui::chip(tr("Built-in"), color::kTextMuted, color::kBorder);
            ImGui::PopFont();
        }
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%d", r.rollout_days);
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%d", r.test_days);
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(trf("{} days", r.rollout_days + r.test_days).c_str());
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%d", r.room_count);
        ImGui::TableNextColumn();
        if (ui::gated_button(tr("Edit"), may_modify, why_modify))
            actions.push_back({Action::Kind::open_ring, r.id});
        ui::expose("Edit ring:" + r.name, may_modify, why_modify);
        ImGui::SameLine();
        bool deletable = may_modify && !r.built_in;
        std::string why_delete =
            !may_modify ? why_modify : std::string(tr("Built-in rings cannot be deleted."));
        if (ui::gated_button(tr("Delete…"), deletable, why_delete))
            ImGui::OpenPopup(tr("Delete update ring?"));
        ui::expose("Delete ring:" + r.name, deletable, deletable ? "" : why_delete);
        if (typed_confirmation(tr("Delete update ring?"), r.name,
                               tr("Its rooms move to the General ring."), tr("Delete"),
                               "Delete ring"))
            actions.push_back({Action::Kind::delete_ring, r.id});
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace portal::views
