#include "views/partners_view.hpp"

#include <algorithm>
#include <cstring>

#include "imgui.h"
#include "ui/widgets.hpp"
#include "views/page_parts.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

void toggle(std::vector<std::string>& v, const std::string& x, bool on) {
    auto it = std::find(v.begin(), v.end(), x);
    if (on && it == v.end()) v.push_back(x);
    if (!on && it != v.end()) v.erase(it);
}

bool step_ready(const InviteDraft& d) {
    switch (d.step) {
        case 0:
            return std::strchr(d.domain, '.') != nullptr;
        case 1:
            for (const auto& c : d.contacts)
                if (std::strchr(c.upn, '@')) return true;
            return false;
        case 2:
            return d.all_rooms || !d.room_ids.empty() || !d.room_group_ids.empty();
        case 3:
            return d.terms && d.expires_days >= 1 && d.expires_days <= 30;
        default:
            return true;
    }
}

void step_heading(const ui::Fonts& fonts, const char* text) {
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

// The Add partner wizard: partner → people → rooms → terms → review, then send.
void invite_wizard(const AppState& s, InviteDraft& d, const ui::Fonts& fonts, Actions& actions) {
    if (d.open && !ImGui::IsPopupOpen("Add partner")) ImGui::OpenPopup("Add partner");
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y / 2),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(
        ImVec2(std::min(px(640), vp->Size.x - px(40)), std::min(px(560), vp->Size.y - px(40))));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(28), px(24)));
    bool open = true;
    bool shown = ImGui::BeginPopupModal(
        "Add partner", &open,
        ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleVar();
    if (!shown) return;
    if (!open || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        d = InviteDraft{};
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    static const char* kSteps[] = {"Partner", "People", "Rooms", "Terms", "Review"};
    for (int i = 0; i < 5; ++i) {
        if (i) ImGui::SameLine(0, px(6));
        ImU32 fg = i == d.step ? color::kAccent : i < d.step ? color::kText : color::kTextMuted;
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(fg));
        ImGui::Text("%d. %s%s", i + 1, kSteps[i], i < 4 ? "  ›" : "");
        ImGui::PopStyleColor();
    }
    ui::card_divider();
    float footer = ImGui::GetFrameHeightWithSpacing() + px(16);
    ImGui::BeginChild("##step", ImVec2(0, -footer), false);
    switch (d.step) {
        case 0:
            step_heading(fonts, "Which partner?");
            ui::muted(
                "The partner's primary domain. Only organisations in the partner program can be "
                "invited.");
            ImGui::SetNextItemWidth(-1);
            ImGui::InputTextWithHint("##domain", "northwind.example", d.domain, sizeof d.domain);
            ui::expose("Invite:domain");
            break;
        case 1: {
            step_heading(fonts, "Who at the partner?");
            ui::muted(
                "Each person becomes a Primary admin of your rooms when they accept. Name people, "
                "not groups "
                "or distribution lists: the invitation is tied to their accounts.");
            int remove = -1;
            for (std::size_t i = 0; i < d.contacts.size(); ++i) {
                ImGui::PushID(static_cast<int>(i));
                float w = (ImGui::GetContentRegionAvail().x - px(50)) / 2;
                ImGui::SetNextItemWidth(w);
                ImGui::InputTextWithHint("##name", "Name", d.contacts[i].name,
                                         sizeof d.contacts[i].name);
                ui::expose("Invite:name:" + std::to_string(i));
                ImGui::SameLine();
                ImGui::SetNextItemWidth(w);
                ImGui::InputTextWithHint("##upn", "name@partner.example", d.contacts[i].upn,
                                         sizeof d.contacts[i].upn);
                ui::expose("Invite:upn:" + std::to_string(i));
                if (d.contacts.size() > 1) {
                    ImGui::SameLine();
                    if (ui::secondary_button("×")) remove = static_cast<int>(i);
                }
                ImGui::PopID();
            }
            if (remove >= 0) d.contacts.erase(d.contacts.begin() + remove);
            if (d.contacts.size() < 50 && ui::secondary_button("+ Add person"))
                d.contacts.push_back({});
            break;
        }
        case 2: {
            step_heading(fonts, "Which rooms may the partner manage?");
            ui::muted("The partner never sees or touches rooms outside this choice.");
            ImGui::Checkbox("All rooms", &d.all_rooms);
            ui::expose("Invite:all rooms");
            if (!d.all_rooms && ImGui::BeginTable("##pick", 2, ImGuiTableFlags_BordersInnerV,
                                                  ImVec2(0, ImGui::GetContentRegionAvail().y))) {
                ImGui::TableNextColumn();
                ImGui::TextDisabled("Room groups");
                ImGui::BeginChild("##groups", ImVec2(0, 0));
                for (const auto& g : s.room_groups) {
                    bool on = contains(d.room_group_ids, g.id);
                    std::string label =
                        g.name + "  (" + std::to_string(g.room_count) + ")##" + g.id;
                    if (ImGui::Checkbox(label.c_str(), &on)) toggle(d.room_group_ids, g.id, on);
                    ui::expose("Invite:group:" + g.name);
                }
                ImGui::EndChild();
                ImGui::TableNextColumn();
                ImGui::TextDisabled("Rooms");
                ImGui::BeginChild("##rooms", ImVec2(0, 0));
                ImGuiListClipper clip;
                clip.Begin(static_cast<int>(s.rooms.size()));
                while (clip.Step())
                    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                        const auto& r = s.rooms[static_cast<std::size_t>(i)];
                        bool on = contains(d.room_ids, r.id);
                        std::string label = r.display_name + "##" + r.id;
                        if (ImGui::Checkbox(label.c_str(), &on)) toggle(d.room_ids, r.id, on);
                    }
                ImGui::EndChild();
                ImGui::EndTable();
            }
            break;
        }
        case 3:
            step_heading(fonts, "Terms");
            ImGui::TextUnformatted("The invitation expires after");
            ImGui::SetNextItemWidth(px(240));
            ImGui::SliderInt("days", &d.expires_days, 1, 30);
            ImGui::Dummy(ImVec2(0, px(4)));
            ImGui::TextUnformatted("Change control");
            ui::muted(
                "Automatic: the partner's changes apply at once (manual approval is not available "
                "yet).");
            ImGui::Dummy(ImVec2(0, px(4)));
            ImGui::SetNextItemWidth(-1);
            ImGui::InputTextWithHint("##note", "Note for the partner (optional)", d.note,
                                     sizeof d.note);
            ImGui::Dummy(ImVec2(0, px(4)));
            ImGui::Checkbox("I accept the terms", &d.terms);
            ui::expose("Invite:terms");
            ui::muted(
                "The partner's people will manage the chosen rooms on our behalf, and every action "
                "they take "
                "is recorded in our audit log.");
            break;
        default: {
            step_heading(fonts, "Review and send");
            std::string people;
            for (const auto& c : d.contacts)
                if (c.upn[0]) people += (people.empty() ? "" : ", ") + std::string(c.upn);
            InvitationRow scope;
            scope.all_rooms = d.all_rooms;
            scope.room_count = d.room_ids.size();
            scope.room_group_count = d.room_group_ids.size();
            if (ImGui::BeginTable("##review", 2, ImGuiTableFlags_SizingStretchProp)) {
                ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, px(120));
                ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
                auto row = [](const char* k, const std::string& v) {
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::TextDisabled("%s", k);
                    ImGui::TableNextColumn();
                    ImGui::TextWrapped("%s", v.c_str());
                };
                row("Partner", d.domain);
                row("People", people);
                row("Rooms", scope.scope_text());
                row("Expires in",
                    std::to_string(d.expires_days) + (d.expires_days == 1 ? " day" : " days"));
                if (d.note[0]) row("Note", d.note);
                ImGui::EndTable();
            }
            for (const auto& [field, message] : d.errors) {
                std::string line = field.empty() ? message : field + ": " + message;
                ImGui::PushStyleColor(ImGuiCol_Text,
                                      ImGui::ColorConvertU32ToFloat4(color::kDanger));
                ImGui::TextWrapped("%s", line.c_str());
                ImGui::PopStyleColor();
            }
            break;
        }
    }
    ImGui::EndChild();
    ui::card_divider();
    if (ui::secondary_button("Cancel")) {
        d = InviteDraft{};
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    ImGui::SameLine();
    if (d.step > 0 && ui::secondary_button("Back")) d.step--;
    ImGui::SameLine();
    if (d.step < 4) {
        bool ready = step_ready(d);
        bool enter = ready && ui::enter_pressed();  // Enter moves on, as in any web form
        if (ui::gated_button("Next", ready, "Complete this step first", true) || enter) d.step++;
        ui::expose("Invite:next", ready);
    } else {
        bool ready = !d.sending;
        if (ui::gated_button(d.sending ? "Sending…" : "Send invitation", ready, "Sending…", true))
            actions.push_back({Action::Kind::send_invite, ""});
        ui::expose("Invite:send", ready);
    }
    ImGui::EndPopup();
}

}  // namespace

void draw_partners(const AppState& s, InviteDraft& invite, const ui::Fonts& fonts,
                   Actions& actions) {
    ui::section_title(
        fonts, "Partners",
        "Managed-service providers you invited. They reach only the rooms you chose, and you can "
        "remove them at any time.");
    bool may_modify = s.can(mtm::Permission::settings_modify);
    if (ui::gated_button("Add partner", may_modify, s.why_not(mtm::Permission::settings_modify),
                         true))
        actions.push_back({Action::Kind::open_invite, ""});
    ui::expose("Add partner", may_modify);
    ImGui::Dummy(ImVec2(0, px(6)));
    if (invite.open) invite_wizard(s, invite, fonts, actions);
    if (page_blocked(s, mtm::Permission::settings_modify, s.partners.empty(), actions)) return;
    if (s.partners.empty()) {
        ui::muted(
            "No partners yet. Add one to let a managed-service provider look after your rooms.");
        return;
    }
    if (ImGui::BeginTable("##partners", 6, kListTable)) {
        ImGui::TableSetupColumn("Partner", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Domain", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Rooms", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("Invited people", ImGuiTableColumnFlags_WidthStretch, 2.6f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, px(110));
        table_headers(fonts);
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
            ImGui::TableNextColumn();
            ImGui::PushID(p.partner_tenant_id.c_str());
            bool busy = s.busy_id == p.partner_tenant_id;
            if (ui::gated_button(busy ? "Removing…" : "Remove…", may_modify && !busy,
                                 s.why_not(mtm::Permission::settings_modify)))
                ImGui::OpenPopup("Remove partner?");
            ui::expose("Remove:" + p.name, may_modify);
            if (typed_confirmation(
                    "Remove partner?", p.name,
                    "Its people lose access to your rooms at once, every role it holds here is "
                    "deleted, and invitations still open are revoked. To work together again, send "
                    "a "
                    "new invitation.",
                    "Remove partner", "Remove"))
                actions.push_back({Action::Kind::remove_partner, p.partner_tenant_id});
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
}

}  // namespace portal::views
