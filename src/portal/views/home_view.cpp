#include "views/home_view.hpp"

#include <cmath>
#include <string>

#include "i18n.hpp"
#include "imgui.h"
#include "ui/widgets.hpp"

namespace portal::views {

namespace {

using ui::px;
namespace color = ui::color;

void text_colored(ImU32 c, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, c);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

// The product bar across the top: mark, name, and the connection chip on the right.
void draw_top_bar(const HomeViewModel& m, float height) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();
    float width = ImGui::GetWindowWidth();
    // Edge to edge: the window's own clip rect stops half a padding short of its border.
    dl->PushClipRect(origin, ImVec2(origin.x + width, origin.y + height), false);
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), color::kSurface);
    dl->AddLine(ImVec2(origin.x, origin.y + height - 1),
                ImVec2(origin.x + width, origin.y + height - 1), color::kBorder);

    // Mark: a rounded accent square with a white "R".
    float mark = px(28);
    ImVec2 mark_min(origin.x + px(20), origin.y + (height - mark) / 2);
    dl->AddRectFilled(mark_min, ImVec2(mark_min.x + mark, mark_min.y + mark), color::kAccent,
                      px(7));
    ImGui::PushFont(m.fonts.strong);
    ImVec2 r_size = ImGui::CalcTextSize("R");
    dl->AddText(ImVec2(mark_min.x + (mark - r_size.x) / 2, mark_min.y + (mark - r_size.y) / 2),
                IM_COL32_WHITE, "R");
    const char* name = "Roomkeeper MTM";
    ImVec2 name_size = ImGui::CalcTextSize(name);
    dl->AddText(ImVec2(mark_min.x + mark + px(12), origin.y + (height - name_size.y) / 2),
                color::kText, name);
    ImGui::PopFont();

    // Connection chip.
    const char* label = tr("Checking service…");
    ImU32 fg = color::kWarning, bg = color::kWarningSoft;
    switch (m.connection.state()) {
        case ConnectionState::connected:
            label = tr("Connected");
            fg = color::kSuccess;
            bg = color::kSuccessSoft;
            break;
        case ConnectionState::unreachable:
            label = tr("Service unreachable");
            fg = color::kDanger;
            bg = color::kDangerSoft;
            break;
        case ConnectionState::checking:
            break;
    }
    ImGui::PushFont(m.fonts.small);
    ImVec2 text = ImGui::CalcTextSize(label);
    float dot = px(8), pad_x = px(12), chip_h = text.y + px(10);
    float chip_w = pad_x + dot + px(8) + text.x + pad_x;
    ImVec2 chip_min(origin.x + width - px(20) - chip_w, origin.y + (height - chip_h) / 2);
    dl->AddRectFilled(chip_min, ImVec2(chip_min.x + chip_w, chip_min.y + chip_h), bg, chip_h / 2);
    dl->AddCircleFilled(ImVec2(chip_min.x + pad_x + dot / 2, chip_min.y + chip_h / 2), dot / 2, fg);
    dl->AddText(ImVec2(chip_min.x + pad_x + dot + px(8), chip_min.y + (chip_h - text.y) / 2), fg,
                label);
    ImGui::PopFont();
    dl->PopClipRect();
}

// A small spinning arc, for "checking" states.
void spinner(float radius, ImU32 c) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImVec2 centre(pos.x + radius, pos.y + radius);
    float t = static_cast<float>(ImGui::GetTime()) * 6.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PathArcTo(centre, radius - px(1.5f), t, t + 4.2f, 24);
    dl->PathStroke(c, 0, px(2.5f));
    ImGui::Dummy(ImVec2(radius * 2, radius * 2));
}

}  // namespace

HomeViewActions draw_home(const HomeViewModel& m) {
    HomeViewActions actions;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##portal", nullptr, flags);

    float bar_height = px(60);
    draw_top_bar(m, bar_height);

    // The card: centred, at most 720 CSS pixels wide.
    float card_w = std::min(px(720), ImGui::GetWindowWidth() - px(40));
    ImGui::SetCursorPos(ImVec2((ImGui::GetWindowWidth() - card_w) / 2, bar_height + px(48)));
    ui::begin_card(card_w, ImVec2(px(32), px(28)));
    ImGui::PushFont(m.fonts.heading);
    ImGui::TextUnformatted(tr("Welcome to Roomkeeper MTM"));
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kTextMuted));
    ImGui::TextWrapped(
        "%s",
        tr("Manage the meeting rooms of every customer who trusts your organisation, with exactly "
           "the access each customer granted."));
    ImGui::PopStyleColor();
    ui::card_divider();

    ImGui::PushFont(m.fonts.strong);
    ImGui::TextUnformatted(tr("TRM service"));
    ImGui::PopFont();

    const ServiceConnection& c = m.connection;
    switch (c.state()) {
        case ConnectionState::checking: {
            spinner(px(9), color::kAccent);
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(tr("Contacting the TRM service…"));
            break;
        }
        case ConnectionState::connected: {
            text_colored(color::kSuccess, tr("Connected to TRM service"));
            ImGui::PushFont(m.fonts.small);
            std::string info = trf("Version {} · {}",
                                   c.version().empty() ? std::string(tr("unknown")) : c.version(),
                                   m.backend_description);
            text_colored(color::kTextMuted, info.c_str());
            ImGui::PopFont();
            break;
        }
        case ConnectionState::unreachable: {
            text_colored(color::kDanger, tr("TRM service unreachable"));
            ImGui::TextWrapped("%s", c.detail().c_str());
            ui::muted(
                tr("You can also try the offline demo: the service then runs inside this page over "
                   "sample "
                   "data, and changes stay in this browser."));
            if (ui::primary_button(tr("Retry now"))) actions.retry_now = true;
            ui::expose("Retry now");
            ImGui::SameLine();
            if (m.loading_demo) ImGui::BeginDisabled();
            if (ui::secondary_button(m.loading_demo ? tr("Opening the demo…")
                                                    : tr("Open the offline demo")))
                actions.offline_demo = true;
            ui::expose("Open the offline demo");
            if (m.loading_demo) ImGui::EndDisabled();
            if (c.retry_at() >= 0) {
                ImGui::SameLine();
                ImGui::AlignTextToFramePadding();
                int seconds = static_cast<int>(std::ceil(std::max(0.0, c.retry_at() - m.now)));
                std::string when = trf("Retrying automatically in {} s", seconds);
                text_colored(color::kTextMuted, when.c_str());
            }
            break;
        }
    }
    ui::end_card();
    ImGui::End();
    return actions;
}

}  // namespace portal::views
