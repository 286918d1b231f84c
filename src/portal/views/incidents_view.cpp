#include "views/incidents_view.hpp"

#include <algorithm>
#include <cctype>

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

const char* state_label(const std::string& state) {
    if (state == "needAction") return tr("Need action");
    if (state == "assignedToService") return tr("Assigned to service");
    if (state == "pendingInvestigation") return tr("Pending investigation");
    if (state == "resolved") return tr("Resolved");
    return tr("Any state");
}

const char* severity_label(const std::string& severity) {
    if (severity == "important") return tr("Important");
    if (severity == "warning") return tr("Warning");
    return tr("Any severity");
}

const char* type_label(const IncidentRow& i) {
    return i.recorded ? tr("Recorded issue") : incident_type_label(i.type);
}

const char* close_reason_label(const std::string& reason) {
    if (reason == "fixed") return tr("Fixed");
    if (reason == "hardwareReplaced") return tr("Hardware replaced");
    if (reason == "configurationChanged") return tr("Configuration changed");
    if (reason == "noIssueFound") return tr("No issue found");
    if (reason == "duplicate") return tr("Duplicate");
    return tr("Other");
}

void severity_chip(const std::string& severity) {
    if (severity == "important")
        ui::chip(severity_label(severity), color::kDanger, color::kDangerSoft);
    else
        ui::chip(severity_label(severity), color::kWarning, color::kWarningSoft);
}

bool matches(const IncidentRow& i, const std::string& needle) {
    if (needle.empty()) return true;
    return mtm::lower(i.title + " " + i.type + " " + i.tenant_name + " " + i.description)
               .find(needle) != std::string::npos;
}

std::string room_names(const AppState& s, const IncidentRow& inc) {
    std::string out;
    for (const auto& id : inc.room_ids) {
        std::string name = id;
        for (const auto& r : s.rooms)
            if (r.id == id) name = r.display_name;
        out += (out.empty() ? "" : ", ") + name;
    }
    return out.empty() ? std::string(tr("None you can see")) : out;
}

// A combo over a fixed list of API values, shown with their labels.
template <std::size_t N>
bool value_combo(const char* id, int& index, const char* const (&values)[N],
                 const char* (*label)(const std::string&)) {
    bool changed = false;
    if (ui::begin_combo(id, label(values[index]))) {
        for (int i = 0; i < static_cast<int>(N); ++i)
            if (ImGui::Selectable(label(values[i]), i == index)) {
                changed = i != index;
                index = i;
            }
        ImGui::EndCombo();
    }
    return changed;
}

void record_dialog(const AppState& s, RecordDraft& d, const ui::Fonts& fonts, Actions& actions) {
    const char* title = tr("Record an issue");
    if (!begin_dialog(title, d.open, px(680), px(600))) return;
    step_heading(fonts, tr("What happened, and where?"));
    ImGui::SetNextItemWidth(-1);
    ui::input_text_with_hint("##record-title", tr("Short title, e.g. Camera shows no picture"),
                             d.title, sizeof d.title);
    ui::expose("Record:title");
    ui::input_text_multiline("##record-description", d.description, sizeof d.description,
                             ImVec2(-1, px(72)));
    ui::name_last_item(tr("Description"));
    ui::expose("Record:description");
    ImGui::Checkbox(tr("High impact: meetings cannot take place"), &d.high_impact);
    ui::expose("Record:high impact");
    if (d.high_impact) {
        ImGui::SetNextItemWidth(-1);
        ui::input_text_with_hint("##record-justification", tr("Why it is high impact"),
                                 d.justification, sizeof d.justification);
        ui::expose("Record:justification");
    }
    ImGui::TextDisabled(tr("Rooms (%zu chosen)"), d.room_ids.size());
    ImGui::SetNextItemWidth(-1);
    ui::input_text_with_hint("##record-room-filter", tr("Filter rooms"), d.room_filter,
                             sizeof d.room_filter);
    float footer = ImGui::GetFrameHeightWithSpacing() * 2 + px(24);
    ImGui::BeginChild("##record-rooms", ImVec2(0, -footer), true);
    room_checklist(d.room_ids, s.rooms, d.room_filter, "Record");
    if (s.rooms.empty()) ui::muted(tr("Loading rooms…"));
    ImGui::EndChild();
    field_errors(d.errors);
    bool ready =
        d.title[0] && !d.room_ids.empty() && (!d.high_impact || d.justification[0]) && !d.sending;
    std::string why = !d.title[0]          ? tr("Give the issue a title")
                      : d.room_ids.empty() ? tr("Choose at least one room")
                      : d.sending          ? tr("Sending…")
                                           : tr("Say why it is high impact");
    if (ui::gated_button(d.sending ? tr("Sending…") : tr("Record issue"), ready, why, true))
        actions.push_back({Action::Kind::send_record, ""});
    ui::expose("Record:send", ready, ready ? "" : why);
    ImGui::SameLine();
    if (ui::secondary_button(tr("Cancel")) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        d = RecordDraft{};
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// One incident: facts, thread, reply, close.
void detail(const AppState& s, IncidentsDraft& ui_state, const ui::Fonts& fonts, Actions& actions) {
    const IncidentRow& inc = *s.incident;
    ImGui::PushFont(fonts.heading);
    ImGui::TextWrapped("%s", inc.title.c_str());
    ImGui::PopFont();
    ui::expose("Incident:open:" + inc.title);
    severity_chip(inc.severity);
    ImGui::SameLine();
    ui::chip(state_label(inc.state), inc.state == "resolved" ? color::kSuccess : color::kAccent,
             inc.state == "resolved" ? color::kSuccessSoft : color::kAccentSoft);
    ImGui::SameLine(ImGui::GetContentRegionAvail().x - px(30) + ImGui::GetCursorPosX());
    if (ui::secondary_button("×")) actions.push_back({Action::Kind::close_incident_view, ""});
    ui::expose("Incident:close view");
    if (begin_facts("##incident-facts", px(120))) {
        fact(tr("Customer"), inc.tenant_name);
        fact(tr("Type"), type_label(inc));
        fact(tr("Rooms"), room_names(s, inc));
        fact(tr("Opened"), date_of(inc.created_at));
        if (inc.high_impact) fact(tr("High impact"), inc.justification);
        if (!inc.close_reason.empty()) fact(tr("Closed as"), close_reason_label(inc.close_reason));
        ImGui::EndTable();
    }
    if (!inc.description.empty()) ui::muted(inc.description);
    ui::card_divider();

    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(tr("Messages"));
    ImGui::PopFont();
    if (inc.messages.empty()) ui::muted(tr("No messages yet."));
    for (const auto& m : inc.messages) {
        std::string who = m.author_user_id;
        if (who == s.me.user_id) who = s.me.display_name;
        for (const auto& e : s.directory)
            if (e.id == m.author_user_id) who = e.name.empty() ? e.upn : e.name;
        ImGui::PushFont(fonts.small);
        ImGui::TextDisabled("%s · %s%s", who.c_str(), date_of(m.at).c_str(),
                            m.assigned_to_service ? tr(" · assigned to the service") : "");
        ImGui::PopFont();
        ImGui::TextWrapped("%s", m.text.c_str());
        ImGui::Dummy(ImVec2(0, px(4)));
    }

    bool may_update = s.decide(mtm::Action::reply_to_incident, inc.tenant_id).allowed();
    std::string why = s.why_not(mtm::Action::reply_to_incident, inc.tenant_id);
    bool open = inc.state != "resolved";
    bool busy = s.busy_id == inc.id;
    if (!may_update) ImGui::BeginDisabled();
    ui::input_text_multiline("##reply", ui_state.reply, sizeof ui_state.reply, ImVec2(-1, px(64)));
    ui::name_last_item(tr("Reply text"));
    if (!may_update) ImGui::EndDisabled();
    ui::expose("Incident:reply text", may_update, why);
    bool can_reply = may_update && ui_state.reply[0] && !busy;
    std::string why_reply = !may_update ? why : tr("Write a reply first");
    if (ui::gated_button(tr("Reply"), can_reply, why_reply, true))
        actions.push_back({Action::Kind::reply_incident, ""});
    ui::expose("Incident:reply", can_reply, can_reply ? "" : why_reply);
    ImGui::SameLine();
    if (ui::gated_button(tr("Reply and assign to service"), can_reply && open, why_reply))
        actions.push_back({Action::Kind::reply_incident, "assign"});
    ui::expose("Incident:reply and assign", can_reply && open);
    ui::card_divider();

    bool can_close = may_update && open && !busy;
    std::string why_close = !may_update ? why : !open ? tr("Already closed") : tr("Working…");
    if (!can_close) ImGui::BeginDisabled();
    ImGui::SetNextItemWidth(px(220));
    value_combo("##close-reason", ui_state.close_reason, kCloseReasons, close_reason_label);
    ui::expose("Incident:close reason", can_close);
    if (!can_close) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ui::gated_button(tr("Close incident"), can_close, why_close))
        actions.push_back({Action::Kind::close_incident, ""});
    ui::expose("Incident:close", can_close, can_close ? "" : why_close);
}

}  // namespace

void draw_incidents(const AppState& s, IncidentsDraft& ui_state, const ui::Fonts& fonts,
                    Actions& actions) {
    const TenantChoice* t = s.selected_tenant();
    std::string suffix = s.incidents_all ? std::string(" · ") + tr("All customers")
                         : t             ? " · " + t->name
                                         : std::string();
    std::string title = tr("Incidents") + suffix;
    ui::section_title(fonts, title.c_str(),
                      s.incidents_all
                          ? tr("Every customer where you may see tickets, in one list.")
                          : tr("Tickets of this organisation's rooms that you may see."));
    ui::expose(s.incidents_all ? std::string("Page:Incidents · All customers")
                               : "Page:Incidents" + (t ? " · " + t->name : std::string()));

    // The aggregate switch is for people who work across organisations.
    if (s.tenants.size() > 1) {
        bool all = s.incidents_all;
        if (ImGui::Checkbox(tr("Enable all tickets view"), &all))
            actions.push_back({Action::Kind::show_all_incidents, all ? "1" : "0"});
        ui::expose("All tickets view", true, s.incidents_all ? "on" : "off");
        ImGui::SameLine(0, px(24));
    }
    ImGui::SetNextItemWidth(px(200));
    if (value_combo("##state", ui_state.state, kIncidentStates, state_label))
        actions.push_back({Action::Kind::filter_incidents, ""});
    ui::expose("Filter:state");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(px(160));
    if (value_combo("##severity", ui_state.severity, kSeverities, severity_label))
        actions.push_back({Action::Kind::filter_incidents, ""});
    ui::expose("Filter:severity");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(px(220));
    ui::input_text_with_hint("##incident-text", tr("Filter by title, type or customer"),
                             ui_state.text, sizeof ui_state.text);
    ui::expose("Filter:text");
    ImGui::SameLine();
    bool may_record = !s.incidents_all && s.can(mtm::Action::create_incident);
    std::string why_record = s.incidents_all ? std::string(tr("Choose a customer first"))
                                             : s.why_not(mtm::Action::create_incident);
    if (ui::gated_button(tr("Record an issue"), may_record, why_record, true))
        actions.push_back({Action::Kind::open_record, ""});
    ui::expose("Record an issue", may_record, why_record);
    if (ui_state.record.open) record_dialog(s, ui_state.record, fonts, actions);
    ImGui::Dummy(ImVec2(0, px(4)));

    if (!s.incidents_all &&
        page_blocked(s, mtm::Action::list_incidents, s.incidents.empty(), actions))
        return;
    if (s.incidents_all && !s.page_error.empty()) {
        ui::muted(s.page_error);
        return;
    }
    std::string needle = mtm::lower(ui_state.text);
    std::vector<const IncidentRow*> rows;
    for (const auto& i : s.incidents)
        if (matches(i, needle)) rows.push_back(&i);
    std::size_t customers = 0;
    {
        std::vector<std::string> seen;
        for (const auto* r : rows)
            if (std::find(seen.begin(), seen.end(), r->tenant_id) == seen.end())
                seen.push_back(r->tenant_id);
        customers = seen.size();
    }
    const char* newest = s.incidents.size() >= 500 ? tr(" (newest 500)") : "";
    if (s.incidents_all)
        ImGui::TextDisabled(tr("%zu incidents from %zu customers%s"), rows.size(), customers,
                            newest);
    else
        ImGui::TextDisabled(tr("%zu incidents%s"), rows.size(), newest);

    float list_width = s.incident ? ImGui::GetContentRegionAvail().x * 0.55f : 0.0f;
    ImGui::BeginChild("##incident-list", ImVec2(list_width, 0));
    int columns = s.incidents_all ? 6 : 5;
    ImGuiTableFlags flags = kListTable | ImGuiTableFlags_ScrollY;
    if (ImGui::BeginTable("##incidents", columns, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        if (s.incidents_all)
            ImGui::TableSetupColumn(tr("Customer"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(tr("Title"), ImGuiTableColumnFlags_WidthStretch, 2.6f);
        ImGui::TableSetupColumn(tr("Severity"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr("State"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn(tr("Type"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn(tr("Opened"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
        table_headers(fonts);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(rows.size()), px(36));
        while (clipper.Step())
            for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
                const IncidentRow& i = *rows[static_cast<std::size_t>(k)];
                ImGui::TableNextRow(0, px(36));
                ImGui::TableNextColumn();
                ImGui::PushID(i.id.c_str());
                bool selected = s.incident && s.incident->id == i.id;
                std::string first = s.incidents_all ? i.tenant_name : i.title;
                ImGui::AlignTextToFramePadding();
                if (ImGui::Selectable(
                        first.c_str(), selected,
                        ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                        ImVec2(0, px(28))))
                    actions.push_back({Action::Kind::open_incident, i.id});
                ui::expose("Incident:" + i.tenant_name + ":" + i.title);
                ImGui::PopID();
                if (s.incidents_all) {
                    ImGui::TableNextColumn();
                    ImGui::AlignTextToFramePadding();
                    ImGui::TextUnformatted(i.title.c_str());
                }
                ImGui::TableNextColumn();
                severity_chip(i.severity);
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(state_label(i.state));
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextDisabled("%s", type_label(i));
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextDisabled("%s", date_of(i.created_at).c_str());
            }
        ImGui::EndTable();
    }
    if (rows.empty() && !s.loading_page) ui::muted(tr("No incidents match."));
    ImGui::EndChild();
    if (s.incident) {
        ImGui::SameLine(0, px(16));
        ImGui::BeginChild("##incident-detail", ImVec2(0, 0), true);
        detail(s, ui_state, fonts, actions);
        ImGui::EndChild();
    }
}

}  // namespace portal::views
