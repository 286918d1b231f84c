#include "views/wizard.hpp"

#include <algorithm>

#include "i18n.hpp"
#include "imgui.h"
#include "ui/widgets.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

bool begin_dialog(const char* title, bool open, float width, float height) {
    if (open && !ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
    ImVec2 padding(px(24), px(20));
    if (height > 0) {
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y / 2),
                                ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
        ImGui::SetNextWindowSize(
            ImVec2(std::min(width, vp->Size.x - px(40)), std::min(height, vp->Size.y - px(40))));
        flags |= ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
        padding = ImVec2(px(28), px(24));
    } else {
        ImGui::SetNextWindowSize(ImVec2(width, 0));
    }
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, padding);
    bool shown = ImGui::BeginPopupModal(title, nullptr, flags);
    ImGui::PopStyleVar();
    return shown;
}

bool begin_wizard(const WizardSpec& spec, bool open) {
    if (!begin_dialog(spec.title, open, px(680), px(580))) return false;
    int n = static_cast<int>(spec.steps.size());
    for (int i = 0; i < n; ++i) {
        if (i) ImGui::SameLine(0, px(6));
        ImU32 fg = i == spec.step  ? color::kAccent
                   : i < spec.step ? color::kText
                                   : color::kTextMuted;
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(fg));
        ImGui::Text("%d. %s%s", i + 1, spec.steps[static_cast<std::size_t>(i)],
                    i + 1 < n ? "  ›" : "");
        ImGui::PopStyleColor();
    }
    ui::card_divider();
    float footer = ImGui::GetFrameHeightWithSpacing() + px(16);
    ImGui::BeginChild("##step", ImVec2(0, -footer), false);
    return true;
}

WizardOutcome end_wizard(const WizardSpec& spec) {
    ImGui::EndChild();
    ui::card_divider();
    WizardOutcome out = WizardOutcome::none;
    if (ui::secondary_button(tr("Cancel")) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        out = WizardOutcome::cancel;
    ui::expose(spec.locator + ":cancel");
    ImGui::SameLine();
    if (spec.step > 0 && ui::secondary_button(tr("Back"))) out = WizardOutcome::back;
    ImGui::SameLine();
    bool last = spec.step + 1 >= static_cast<int>(spec.steps.size());
    if (!last) {
        bool enter = spec.ready && ui::enter_pressed();  // Enter moves on, as in any web form
        if (ui::gated_button(tr("Next"), spec.ready, spec.not_ready, true) || enter)
            out = WizardOutcome::next;
        ui::expose(spec.locator + ":next", spec.ready, spec.ready ? "" : spec.not_ready);
    } else {
        bool ready = spec.ready && !spec.busy;
        if (ui::gated_button(spec.busy ? tr("Working…") : spec.finish_label, ready,
                             spec.busy ? tr("Working…") : spec.not_ready, true))
            out = WizardOutcome::finish;
        ui::expose(spec.locator + ":finish", ready);
    }
    if (out == WizardOutcome::cancel) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return out;
}

void step_heading(const ui::Fonts& fonts, const char* text) {
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void field_errors(const std::vector<std::pair<std::string, std::string>>& errors) {
    for (const auto& [field, message] : errors) {
        std::string line = field.empty() ? message : field + ": " + message;
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kDanger));
        ImGui::TextWrapped("%s", line.c_str());
        ImGui::PopStyleColor();
    }
}

}  // namespace portal::views
