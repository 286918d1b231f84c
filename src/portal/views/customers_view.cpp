#include "views/customers_view.hpp"

#include <algorithm>

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
    ui::chip("Pending", color::kWarning, color::kWarningSoft);
    ui::muted(inv.customer_domain + " invites you to manage its meeting rooms.");
    if (!inv.note.empty()) ui::muted("Note: " + inv.note);
    ImGui::Dummy(ImVec2(0, px(2)));
    if (begin_facts("##facts", px(120), width - px(48))) {
        fact("Rooms", inv.scope.text());
        fact("Expires", date_of(inv.expires_at));
        std::string others;
        for (const auto& c : inv.contacts) {
            if (c.status.empty()) continue;
            others += (others.empty() ? "" : ", ") + (c.name.empty() ? c.upn : c.name) + " (" +
                      c.status + ")";
        }
        fact("Invited people", others);
        ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(0, px(4)));
    bool busy = s.busy_id == inv.id;
    ImGui::PushID(inv.id.c_str());
    if (busy) ImGui::BeginDisabled();
    if (ui::primary_button(busy ? "Working…" : "Accept"))
        actions.push_back({Action::Kind::accept_invitation, inv.id});
    ui::expose("Accept:" + inv.customer_name, !busy);
    ImGui::SameLine();
    if (ui::secondary_button("Deny")) ImGui::OpenPopup("Decline invitation?");
    ui::expose("Deny:" + inv.customer_name, !busy);
    if (busy) ImGui::EndDisabled();

    // Deny asks first, and says it only affects you.
    ImGui::SetNextWindowSize(ImVec2(px(440), 0));
    if (ImGui::BeginPopupModal("Decline invitation?", nullptr,
                               ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
        ImGui::TextWrapped("Decline %s's invitation?", inv.customer_name.c_str());
        ui::muted(
            "This only affects you: the other people it names can still accept. If you decline by "
            "mistake, a colleague who accepts can add you to Primary admins.");
        ImGui::Dummy(ImVec2(0, px(6)));
        if (ui::primary_button("Decline") || ui::enter_pressed()) {
            actions.push_back({Action::Kind::deny_invitation, inv.id});
            ImGui::CloseCurrentPopup();
        }
        ui::expose("Confirm deny");
        ImGui::SameLine();
        if (ui::secondary_button("Cancel") ||
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
    if (!ImGui::IsPopupOpen("Customer")) ImGui::OpenPopup("Customer");
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y / 2),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(px(600), vp->Size.x - px(40)), 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(28), px(24)));
    bool open = true;
    bool shown = ImGui::BeginPopupModal(
        "Customer", &open,
        ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleVar();
    if (!shown) return;
    if (!open || (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) &&
                  !ImGui::IsPopupOpen("Remove customer?"))) {
        actions.push_back({Action::Kind::close_customer, ""});
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(row->name.c_str());
    ImGui::PopFont();
    ui::muted(row->domain + " · customer since " + date_of(row->since));
    ui::card_divider();

    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted("Primary admins");
    ImGui::PopFont();
    ui::muted(
        "Your people with full partner access to this customer. The customer always keeps at least "
        "one.");
    if (d.loading) {
        ui::muted("Loading…");
    } else if (!d.error.empty() || d.assignment_id.empty()) {
        ui::muted(d.error.empty() ? "Primary admins could not be read." : d.error);
    } else {
        bool may_edit = mtm::evaluate_tenant(s.access, mtm::Permission::roles_modify, d.tenant_id);
        std::string why = mtm::denial_reason(s.access, mtm::Permission::roles_modify, d.tenant_id);
        for (const auto& m : d.members) {
            ImGui::PushID(m.id.c_str());
            ImGui::AlignTextToFramePadding();
            std::string name = d.name_of(m);
            ImGui::Text("%s%s", name.c_str(), m.type == "group" ? "  (group)" : "");
            ImGui::SameLine();
            bool removable = d.removable(m);
            std::string reason =
                !may_edit   ? why
                : removable ? std::string()
                            : "A customer always keeps at least one Primary admin: add someone "
                              "else first, or remove the customer.";
            ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - px(80));
            if (ui::gated_button("Remove", may_edit && removable, reason))
                actions.push_back({Action::Kind::remove_admin, m.type + ":" + m.id});
            ui::expose("Remove admin:" + name, may_edit && removable, reason);
            ImGui::PopID();
        }
        ImGui::SetNextItemWidth(px(300));
        if (!may_edit) ImGui::BeginDisabled();
        if (ImGui::BeginCombo("##add-admin", "Add a person or group…")) {
            for (const auto& e : d.directory) {
                MemberRef ref{e.type, e.id};
                if (std::find(d.members.begin(), d.members.end(), ref) != d.members.end()) continue;
                std::string label =
                    (e.name.empty() ? e.upn : e.name) + (e.type == "group" ? "  (group)" : "");
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
    ImGui::TextUnformatted("End the relationship");
    ImGui::PopFont();
    ui::muted(
        "Removing the customer deletes every role your organisation holds there; all your people "
        "lose access "
        "to its rooms at once. Only the customer can invite you again.");
    if (ui::danger_button("Remove customer…")) ImGui::OpenPopup("Remove customer?");
    ui::expose("Remove customer");
    ImGui::SameLine();
    if (ui::secondary_button("Close")) {
        actions.push_back({Action::Kind::close_customer, ""});
        ImGui::CloseCurrentPopup();
    }

    if (typed_confirmation("Remove customer?", row->name,
                           "Every role your organisation holds there is deleted and your people "
                           "lose access at once.",
                           "Remove customer", "Remove customer"))
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
            fonts, "Invitations",
            "Customers who named you as a contact. Each person decides for themselves.");
        for (const auto& inv : s.invitations)
            if (inv.my_status == "pending" && (inv.state == "pending" || inv.state == "accepted"))
                invitation_card(inv, s, fonts, actions);
        ImGui::Dummy(ImVec2(0, px(12)));
    }

    ui::section_title(fonts, "Customers",
                      "Organisations whose rooms you manage, within the rooms each one granted.");
    if (s.loading_page && s.customers.empty()) {
        ui::muted("Loading…");
        return;
    }
    if (!s.page_error.empty()) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kDanger), "%s",
                           s.page_error.c_str());
        if (ui::secondary_button("Try again")) actions.push_back({Action::Kind::reload, ""});
        return;
    }
    if (s.customers.empty()) {
        ui::muted("No customers yet. When a customer invites you, the invitation appears above.");
        return;
    }
    if (ImGui::BeginTable("##customers", 5, kListTable)) {
        ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Domain", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Since", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("My permissions", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, px(200));
        table_headers(fonts);
        for (const auto& c : s.customers) {
            ImGui::TableNextRow(0, px(40));
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(c.name.c_str());
            ui::expose("Customer:" + c.name);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", c.domain.c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(date_of(c.since).c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::Text("%zu of %zu", c.permissions.size(), mtm::kPermissionCount);
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                for (const auto& p : c.permissions) ImGui::TextUnformatted(p.c_str());
                ImGui::EndTooltip();
            }
            ImGui::TableNextColumn();
            ImGui::PushID(c.tenant_id.c_str());
            if (ui::secondary_button("Open rooms"))
                actions.push_back({Action::Kind::select_tenant, c.tenant_id});
            ImGui::SameLine();
            if (ui::secondary_button("Details"))
                actions.push_back({Action::Kind::open_customer, c.tenant_id});
            ui::expose("Details:" + c.name);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
}

}  // namespace portal::views
