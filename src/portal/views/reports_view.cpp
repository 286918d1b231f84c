#include "views/reports_view.hpp"

#include <algorithm>

#include "i18n.hpp"
#include "imgui.h"
#include "ui/charts.hpp"
#include "ui/widgets.hpp"
#include "views/page_parts.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

namespace {

const char* health_label(const std::string& h) {
    if (h == "healthy") return tr("Healthy");
    if (h == "unhealthy") return tr("Unhealthy");
    if (h == "onboarding") return tr("Onboarding");
    if (h == "suppressed") return tr("Suppressed");
    return tr("Unmonitored");
}

ImU32 health_color(const std::string& h) {
    if (h == "healthy") return color::kSuccess;
    if (h == "unhealthy") return color::kDanger;
    if (h == "onboarding") return color::kAccent;
    if (h == "suppressed") return color::kTextMuted;
    return color::kWarning;
}

// A small card with one number.
void kpi(const char* label, int value, ImU32 accent, float width, const ui::Fonts& fonts) {
    ui::begin_card(width, ImVec2(px(18), px(14)));
    ui::muted(label);
    ImGui::PushFont(fonts.heading);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(accent));
    ImGui::Text("%d", value);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ui::end_card();
}

void chart_card(const char* title, float width, const ui::Fonts& fonts) {
    ui::begin_card(width, ImVec2(px(20), px(16)));
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, px(4)));
}

}  // namespace

void draw_reports(const AppState& s, const ui::Fonts& fonts, Actions& actions) {
    const TenantChoice* t = s.selected_tenant();
    std::string suffix = t ? " · " + t->name : std::string();
    ui::section_title(fonts, (tr("Reports") + suffix).c_str(),
                      tr("Health and incidents of the rooms you may see here."));
    ui::expose("Page:Reports" + suffix);
    if (page_blocked(s, mtm::Action::read_reports, !s.report.has_value(), actions)) return;
    if (!s.report) return;
    const ReportSummary& r = *s.report;

    float gap = px(16);
    float full = ImGui::GetContentRegionAvail().x;
    float third = (full - 2 * gap) / 3;
    int unhealthy = 0;
    for (const auto& [h, n] : r.rooms_by_health)
        if (h == "unhealthy") unhealthy = n;
    kpi(tr("Rooms"), r.rooms, color::kText, third, fonts);
    ImGui::SameLine(0, gap);
    kpi(tr("Unhealthy rooms"), unhealthy, unhealthy ? color::kDanger : color::kSuccess, third,
        fonts);
    ImGui::SameLine(0, gap);
    kpi(tr("Open incidents"), r.open_incidents, color::kAccent, third, fonts);
    ImGui::Dummy(ImVec2(0, gap));

    float half = (full - gap) / 2;
    float inner = half - px(40);
    std::vector<ui::Bar> health;
    for (const auto& [h, n] : r.rooms_by_health)
        health.push_back({h, health_label(h), n, health_color(h)});
    std::vector<ui::Bar> severity;
    for (const auto& [sev, n] : r.open_by_severity)
        severity.push_back({sev, sev == "important" ? tr("Important") : tr("Warning"), n,
                            sev == "important" ? color::kDanger : color::kWarning});
    std::vector<ui::Bar> types;
    for (const auto& [type, n] : r.open_by_type)
        types.push_back({type, incident_type_label(type), n, color::kAccent});

    ImGui::BeginGroup();
    chart_card(tr("Rooms by health"), half, fonts);
    ui::bar_chart("##health", health, inner, "Chart:health");
    ui::end_card();
    ImGui::Dummy(ImVec2(0, gap));
    chart_card(tr("Open incidents by severity"), half, fonts);
    if (severity.empty()) ui::muted(tr("No open incidents."));
    ui::bar_chart("##severity", severity, inner, "Chart:severity");
    ui::end_card();
    ImGui::EndGroup();
    ImGui::SameLine(0, gap);
    chart_card(tr("Open incidents by type"), half, fonts);
    if (types.empty()) ui::muted(tr("No open incidents."));
    ui::bar_chart("##types", types, inner, "Chart:type");
    ui::end_card();
    ImGui::Dummy(ImVec2(0, gap));

    chart_card(tr("Incidents opened and closed per day (90 days)"), full, fonts);
    ImGui::PushFont(fonts.small);
    ui::chip(tr("Opened incidents"), color::kDanger, color::kDangerSoft);
    ImGui::SameLine();
    ui::chip(tr("Closed incidents"), color::kSuccess, color::kSuccessSoft);
    ImGui::PopFont();
    std::vector<ui::DayCounts> days;
    for (const auto& d : r.per_day) days.push_back({d.date, d.opened, d.closed});
    ui::day_columns("##days", days, ImVec2(full - px(40), px(220)), tr("Opened incidents"),
                    tr("Closed incidents"), "Chart:days");
    ui::end_card();
}

}  // namespace portal::views
