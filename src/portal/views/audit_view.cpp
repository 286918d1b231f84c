#include "views/audit_view.hpp"

#include "i18n.hpp"
#include "imgui.h"
#include "ui/widgets.hpp"
#include "views/page_parts.hpp"
#include "views/wizard.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

namespace {

// Who acted: my people by name, a partner's people as "<partner>", else the ids.
std::string actor_name(const AppState& s, const AuditRow& r) {
    if (r.user_id == s.me.user_id) return s.me.display_name;
    for (const auto& e : s.directory)
        if (e.id == r.user_id) return e.name.empty() ? e.upn : e.name;
    if (r.user_tenant_id == s.me.tenant_id) return r.user_id;
    for (const auto& p : s.partners)
        if (p.partner_tenant_id == r.user_tenant_id) return trf("Someone at {}", p.name);
    return r.user_id;
}

}  // namespace

void draw_audit(const AppState& s, AuditDraft& f, const ui::Fonts& fonts, Actions& actions) {
    ui::section_title(fonts, tr("Audit log"),
                      tr("Every change to your organisation's rooms and settings, by your people "
                         "and your partners'. Up to 180 days back."));
    ui::expose("Page:Audit log");

    ImGui::SetNextItemWidth(px(140));
    ui::input_text_with_hint("##from", tr("From (YYYY-MM-DD)"), f.from, sizeof f.from);
    ui::expose("Audit:from");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(px(140));
    ui::input_text_with_hint("##to", tr("To (YYYY-MM-DD)"), f.to, sizeof f.to);
    ui::expose("Audit:to");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(px(240));
    std::string current = f.actor == 0   ? std::string(tr("Everyone"))
                          : f.actor == 1 ? s.me.tenant_name
                          : static_cast<std::size_t>(f.actor - 2) < s.partners.size()
                              ? s.partners[static_cast<std::size_t>(f.actor - 2)].name
                              : std::string(tr("Everyone"));
    if (ui::begin_combo("##actor", current.c_str())) {
        if (ImGui::Selectable(tr("Everyone"), f.actor == 0)) f.actor = 0;
        if (ImGui::Selectable(s.me.tenant_name.c_str(), f.actor == 1)) f.actor = 1;
        for (std::size_t i = 0; i < s.partners.size(); ++i) {
            std::string label = s.partners[i].name + "##" + s.partners[i].partner_tenant_id;
            if (ImGui::Selectable(label.c_str(), f.actor == static_cast<int>(i) + 2))
                f.actor = static_cast<int>(i) + 2;
            ui::expose("Audit actor:" + s.partners[i].name);
        }
        ImGui::EndCombo();
    }
    ui::expose("Audit:actor");
    ImGui::SameLine();
    if (ui::primary_button(tr("Apply")) || ui::enter_pressed())
        actions.push_back({Action::Kind::load_audit, ""});
    ui::expose("Audit:apply");
    ImGui::SameLine();
    bool can_download = s.page_error.empty();
    if (ui::gated_button(tr("Download CSV"), can_download, s.page_error))
        actions.push_back({Action::Kind::download_audit, ""});
    ui::expose("Audit:download", can_download, s.page_error);
    field_errors(f.errors);
    ImGui::Dummy(ImVec2(0, px(4)));

    if (!s.page_error.empty()) {
        ui::muted(s.page_error);
        return;
    }
    if (!f.errors.empty()) return;  // the range was refused: nothing to list
    if (s.loading_page && s.audit.empty()) {
        ui::muted(tr("Loading…"));
        return;
    }
    ImGui::TextDisabled(tr("%zu entries%s"), s.audit.size(),
                        s.audit.size() >= 500 ? tr(" (the first 500: download for all)") : "");
    if (s.audit.empty()) {
        ui::muted(tr("Nothing was recorded in this range."));
        return;
    }
    if (ImGui::BeginTable("##audit", 6, kListTable | ImGuiTableFlags_ScrollY)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(tr("Time (UTC)"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn(tr("Who"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn(tr("Category"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn(tr("Operation"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn(tr("Object"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
        ImGui::TableSetupColumn(tr("Result"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
        table_headers(fonts);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(s.audit.size()), px(34));
        while (clipper.Step())
            for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
                const AuditRow& r = s.audit[static_cast<std::size_t>(k)];
                ImGui::TableNextRow(0, px(34));
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                std::string when = r.time.size() >= 16
                                       ? r.time.substr(0, 10) + " " + r.time.substr(11, 5)
                                       : r.time;
                ImGui::TextDisabled("%s", when.c_str());
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(actor_name(s, r).c_str());
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(r.category.c_str());
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(r.operation.c_str());
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(r.object_name.c_str());
                if (!r.detail.empty() && ImGui::IsItemHovered())
                    ImGui::SetTooltip("%s", r.detail.c_str());
                ImGui::TableNextColumn();
                bool ok = r.result == "Successful";
                ui::chip(ok ? tr("Success") : tr("Refused"), ok ? color::kSuccess : color::kDanger,
                         ok ? color::kSuccessSoft : color::kDangerSoft);
                ui::expose("Audit row:" + std::to_string(k), true,
                           r.category + "," + r.operation + "," + r.result);
            }
        ImGui::EndTable();
    }
}

}  // namespace portal::views
