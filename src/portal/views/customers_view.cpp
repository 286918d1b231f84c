#include "views/customers_view.hpp"

#include <algorithm>

#include "i18n.hpp"
#include "imgui.h"
#include "ui/widgets.hpp"
#include "views/page_parts.hpp"

namespace portal::views {

namespace {

using ui::px;
namespace color = ui::color;

void invitation_card(const InvitationRow& inv, const AppState& s, const ui::Fonts& fonts,
                     Actions& actions) {
    float width = std::min(ImGui::GetContentRegionAvail().x, px(760));
    ui::begin_card(width, ImVec2(px(24), px(20)));
    ImGui::PushFont(fonts.strong);
    ImGui::Text("%s", inv.customer_name.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ui::chip(tr("Pending"), color::kWarning, color::kWarningSoft);
    ui::muted(trf("{} invites you to manage its meeting rooms.", inv.customer_domain));
    if (!inv.note.empty()) ui::muted(trf("Note: {}", inv.note));
    ImGui::Dummy(ImVec2(0, px(2)));
    if (begin_facts("##facts", px(120), width - px(48))) {
        fact(tr("Rooms"), inv.scope.text());
        fact(tr("Expires"), date_of(inv.expires_at));
        std::string others;
        for (const auto& c : inv.contacts) {
            if (c.status.empty()) continue;
            others += (others.empty() ? "" : ", ") + (c.name.empty() ? c.upn : c.name) + " (" +
                      contact_status(c.status) + ")";
        }
        fact(tr("Invited people"), others);
        ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(0, px(4)));
    bool busy = s.busy_id == inv.id;
    ImGui::PushID(inv.id.c_str());
    if (busy) ImGui::BeginDisabled();
    if (ui::primary_button(busy ? tr("Working…") : tr("Accept")))
        actions.push_back({Action::Kind::accept_invitation, inv.id});
    ui::expose("Accept:" + inv.customer_name, !busy);
    ImGui::SameLine();
    if (ui::secondary_button(tr("Deny"))) ImGui::OpenPopup(tr("Decline invitation?"));
    ui::expose("Deny:" + inv.customer_name, !busy);
    if (busy) ImGui::EndDisabled();

    // Deny asks first, and says it only affects you.
    ImGui::SetNextWindowSize(ImVec2(px(440), 0));
    if (ImGui::BeginPopupModal(tr("Decline invitation?"), nullptr,
                               ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
        ImGui::TextWrapped(tr("Decline %s's invitation?"), inv.customer_name.c_str());
        ui::muted(tr(
            "This only affects you: the other people it names can still accept. If you decline by "
            "mistake, a colleague who accepts can add you to Primary admins."));
        ImGui::Dummy(ImVec2(0, px(6)));
        if (ui::primary_button(tr("Decline")) || ui::enter_pressed()) {
            actions.push_back({Action::Kind::deny_invitation, inv.id});
            ImGui::CloseCurrentPopup();
        }
        ui::expose("Confirm deny");
        ImGui::SameLine();
        if (ui::secondary_button(tr("Cancel")) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::PopID();
    ui::end_card();
    ImGui::Dummy(ImVec2(0, px(8)));
}

// The customer as the partner holds it: its Primary admins, and ending the relationship.
void customer_detail(const AppState& s, const ui::Fonts& fonts, Actions& actions) {
    const CustomerDetail& d = *s.detail;
    const CustomerRow* row = nullptr;
    for (const auto& c : s.customers)
        if (c.tenant_id == d.tenant_id) row = &c;
    if (!row) return;
    if (!ImGui::IsPopupOpen(tr("Customer"))) ImGui::OpenPopup(tr("Customer"));
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y / 2),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(px(600), vp->Size.x - px(40)), 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(28), px(24)));
    bool open = true;
    bool shown = ImGui::BeginPopupModal(
        tr("Customer"), &open,
        ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleVar();
    if (!shown) return;
    if (!open || (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) &&
                  !ImGui::IsPopupOpen(tr("Remove customer?")))) {
        actions.push_back({Action::Kind::close_customer, ""});
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(row->name.c_str());
    ImGui::PopFont();
    ui::muted(trf("{} · customer since {}", row->domain, date_of(row->since)));
    ui::card_divider();

    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(tr("Primary admins"));
    ImGui::PopFont();
    ui::muted(tr(
        "Your people with full partner access to this customer. The customer always keeps at least "
        "one."));
    if (d.loading) {
        ui::muted(tr("Loading…"));
    } else if (!d.error.empty() || d.assignment_id.empty()) {
        ui::muted(d.error.empty() ? tr("Primary admins could not be read.") : d.error);
    } else {
        bool may_edit = s.decide(mtm::Action::modify_assignment, d.tenant_id).allowed();
        std::string why = s.why_not(mtm::Action::modify_assignment, d.tenant_id);
        for (const auto& m : d.members) {
            ImGui::PushID(m.id.c_str());
            ImGui::AlignTextToFramePadding();
            std::string name = d.name_of(m);
            ImGui::Text("%s%s", name.c_str(), m.type == "group" ? tr("  (group)") : "");
            ImGui::SameLine();
            bool removable = d.removable(m);
            std::string reason =
                !may_edit   ? why
                : removable ? std::string()
                            : tr("A customer always keeps at least one Primary admin: add someone "
                                 "else first, or remove the customer.");
            ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - px(80));
            if (ui::gated_button(tr("Remove"), may_edit && removable, reason))
                actions.push_back({Action::Kind::remove_admin, m.type + ":" + m.id});
            ui::expose("Remove admin:" + name, may_edit && removable, reason);
            ImGui::PopID();
        }
        ImGui::SetNextItemWidth(px(300));
        if (!may_edit) ImGui::BeginDisabled();
        if (ui::begin_combo("##add-admin", tr("Add a person or group…"))) {
            for (const auto& e : d.directory) {
                MemberRef ref{e.type, e.id};
                if (std::find(d.members.begin(), d.members.end(), ref) != d.members.end()) continue;
                std::string label =
                    (e.name.empty() ? e.upn : e.name) + (e.type == "group" ? tr("  (group)") : "");
                if (ImGui::Selectable((label + "##" + e.id).c_str()))
                    actions.push_back({Action::Kind::add_admin, e.type + ":" + e.id});
                ui::expose("Add admin:" + (e.name.empty() ? e.upn : e.name));
            }
            ImGui::EndCombo();
        }
        if (!may_edit) ImGui::EndDisabled();
        ui::expose("Add admin", may_edit, why);
    }
    ui::card_divider();

    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(tr("End the relationship"));
    ImGui::PopFont();
    ui::muted(tr(
        "Removing the customer deletes every role your organisation holds there; all your people "
        "lose access "
        "to its rooms at once. Only the customer can invite you again."));
    // Only the customer's Primary admins may end the relationship: the same rule as the service.
    std::string why_remove = s.why_not(mtm::Action::remove_customer, d.tenant_id);
    bool removing = why_remove.empty()
                        ? ui::danger_button(tr("Remove customer…"))
                        : ui::gated_button(tr("Remove customer…"), false, why_remove);
    if (removing) ImGui::OpenPopup(tr("Remove customer?"));
    ui::expose("Remove customer", why_remove.empty(), why_remove);
    ImGui::SameLine();
    if (ui::secondary_button(tr("Close"))) {
        actions.push_back({Action::Kind::close_customer, ""});
        ImGui::CloseCurrentPopup();
    }

    if (typed_confirmation(tr("Remove customer?"), row->name,
                           tr("Every role your organisation holds there is deleted and your people "
                              "lose access at once."),
                           tr("Remove customer"), "Remove customer"))
        actions.push_back({Action::Kind::remove_customer, d.tenant_id});
    ImGui::EndPopup();
}

}  // namespace

void draw_customers(const AppState& s, const ui::Fonts& fonts, Actions& actions) {
    if (s.detail) customer_detail(s, fonts, actions);
    int pending = 0;
    for (const auto& inv : s.invitations)
        if (inv.my_status == "pending" && (inv.state == "pending" || inv.state == "accepted"))
            ++pending;
    if (pending) {
        ui::section_title(
            fonts, tr("Invitations"),
            tr("Customers who named you as a contact. Each person decides for themselves."));
        for (const auto& inv : s.invitations)
            if (inv.my_status == "pending" && (inv.state == "pending" || inv.state == "accepted"))
                invitation_card(inv, s, fonts, actions);
        ImGui::Dummy(ImVec2(0, px(12)));
    }

    ui::section_title(
        fonts, tr("Customers"),
        tr("Organisations whose rooms you manage, within the rooms each one granted."));
    if (s.loading_page && s.customers.empty()) {
        ui::muted(tr("Loading…"));
        return;
    }
    if (!s.page_error.empty()) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kDanger), "%s",
                           s.page_error.c_str());
        if (ui::secondary_button(tr("Try again"))) actions.push_back({Action::Kind::reload, ""});
        return;
    }
    if (s.customers.empty()) {
        ui::muted(
            tr("No customers yet. When a customer invites you, the invitation appears above."));
        return;
    }
    if (ImGui::BeginTable("##customers", 5, kListTable)) {
        ImGui::TableSetupColumn(tr("Customer"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(tr("Domain"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(tr("Since"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(tr("My permissions"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, px(200));
        table_headers(fonts);
        for (const auto& c : s.customers) {
            ImGui::TableNextRow(0, px(40));
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(c.name.c_str());
            ui::expose("Customer:" + c.name);
            ImGui::PushID(c.tenant_id.c_str());
            copy_menu({{tr("Copy customer id"), c.tenant_id},
                       {tr("Copy row"),
                        c.name + "\t" + c.domain + "\t" + date_of(c.since) + "\t" + c.tenant_id}},
                      "Customer", actions);
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", c.domain.c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(date_of(c.since).c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::Text(tr("%zu of %zu"), c.permissions.size(), mtm::kPermissionCount);
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                for (const auto& p : c.permissions) ImGui::TextUnformatted(p.c_str());
                ImGui::EndTooltip();
            }
            ImGui::TableNextColumn();
            ImGui::PushID(c.tenant_id.c_str());
            if (ui::secondary_button(tr("Open rooms")))
                actions.push_back({Action::Kind::select_tenant, c.tenant_id});
            ImGui::SameLine();
            if (ui::secondary_button(tr("Details")))
                actions.push_back({Action::Kind::open_customer, c.tenant_id});
            ui::expose("Details:" + c.name);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
}

}  // namespace portal::views
