#include "ui/charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace portal::ui {

void bar_chart(const char* id, const std::vector<Bar>& bars, float width,
               const std::string& locator) {
    ImGui::PushID(id);
    int top = 1;
    for (const auto& b : bars) top = std::max(top, b.value);
    float label_w = 0;
    for (const auto& b : bars) label_w = std::max(label_w, ImGui::CalcTextSize(b.label.c_str()).x);
    label_w += px(12);
    float row = px(26), bar_h = px(14);
    float track = std::max(px(40), width - label_w - px(48));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const auto& b : bars) {
        ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::InvisibleButton(b.key.c_str(), ImVec2(width, row));
        bool hovered = ImGui::IsItemHovered();
        float text_y = at.y + (row - ImGui::GetTextLineHeight()) / 2;
        dl->AddText(ImVec2(at.x, text_y), color::kText, b.label.c_str());
        float bar_y = at.y + (row - bar_h) / 2;
        float len = track * static_cast<float>(b.value) / static_cast<float>(top);
        dl->AddRectFilled(ImVec2(at.x + label_w, bar_y),
                          ImVec2(at.x + label_w + track, bar_y + bar_h), color::kPage, px(3));
        if (b.value > 0)
            dl->AddRectFilled(ImVec2(at.x + label_w, bar_y),
                              ImVec2(at.x + label_w + std::max(len, px(3)), bar_y + bar_h),
                              hovered ? color::kText : b.color, px(3));
        char value[16];
        std::snprintf(value, sizeof value, "%d", b.value);
        dl->AddText(ImVec2(at.x + label_w + len + px(6), text_y), color::kTextMuted, value);
        if (hovered) ImGui::SetTooltip("%s: %d", b.label.c_str(), b.value);
        expose(locator + ":" + b.key, true, value);
    }
    ImGui::PopID();
}

void day_columns(const char* id, const std::vector<DayCounts>& days, ImVec2 size,
                 const char* opened_label, const char* closed_label, const std::string& locator) {
    ImGui::PushID(id);
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##plot", size);
    bool hovered = ImGui::IsItemHovered();
    expose(locator, true, std::to_string(days.size()) + " days");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (days.empty()) {
        ImGui::PopID();
        return;
    }
    int top = 1;
    for (const auto& d : days) top = std::max({top, d.opened, d.closed});
    // A round scale: 1, 2, 5 × 10^k above the largest value.
    double step = std::pow(10.0, std::floor(std::log10(static_cast<double>(top))));
    double nice = step;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * step >= top) {
            nice = m * step;
            break;
        }
    float axis_w = px(36), label_h = ImGui::GetTextLineHeight() + px(6);
    ImVec2 plot_min(at.x + axis_w, at.y + px(4));
    ImVec2 plot_max(at.x + size.x, at.y + size.y - label_h);
    float plot_h = plot_max.y - plot_min.y;
    for (int g = 0; g <= 4; ++g) {
        float y = plot_max.y - plot_h * static_cast<float>(g) / 4.0f;
        dl->AddLine(ImVec2(plot_min.x, y), ImVec2(plot_max.x, y), color::kBorder, px(1));
        char tick[16];
        std::snprintf(tick, sizeof tick, "%g", nice * g / 4.0);
        ImVec2 ts = ImGui::CalcTextSize(tick);
        dl->AddText(ImVec2(plot_min.x - ts.x - px(6), y - ts.y / 2), color::kTextMuted, tick);
    }
    float slot = (plot_max.x - plot_min.x) / static_cast<float>(days.size());
    float col = std::max(px(1), slot * 0.36f);
    int hovered_day = -1;
    if (hovered) {
        float mx = ImGui::GetIO().MousePos.x - plot_min.x;
        hovered_day = std::clamp(static_cast<int>(mx / slot), 0, static_cast<int>(days.size()) - 1);
        float x = plot_min.x + slot * (static_cast<float>(hovered_day) + 0.5f);
        dl->AddRectFilled(ImVec2(x - slot / 2, plot_min.y), ImVec2(x + slot / 2, plot_max.y),
                          color::kAccentSoft);
    }
    auto height = [&](int v) { return plot_h * static_cast<float>(v / nice); };
    for (std::size_t i = 0; i < days.size(); ++i) {
        float x = plot_min.x + slot * static_cast<float>(i) + slot / 2;
        if (days[i].opened)
            dl->AddRectFilled(ImVec2(x - col, plot_max.y - height(days[i].opened)),
                              ImVec2(x, plot_max.y), color::kDanger);
        if (days[i].closed)
            dl->AddRectFilled(ImVec2(x, plot_max.y - height(days[i].closed)),
                              ImVec2(x + col, plot_max.y), color::kSuccess);
    }
    dl->AddText(ImVec2(plot_min.x, plot_max.y + px(4)), color::kTextMuted,
                days.front().date.c_str());
    ImVec2 last = ImGui::CalcTextSize(days.back().date.c_str());
    dl->AddText(ImVec2(plot_max.x - last.x, plot_max.y + px(4)), color::kTextMuted,
                days.back().date.c_str());
    if (hovered_day >= 0) {
        const DayCounts& d = days[static_cast<std::size_t>(hovered_day)];
        ImGui::SetTooltip("%s\n%s: %d\n%s: %d", d.date.c_str(), opened_label, d.opened,
                          closed_label, d.closed);
    }
    ImGui::PopID();
}

}  // namespace portal::ui
