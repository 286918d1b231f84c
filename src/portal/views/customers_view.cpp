#include "views/customers_view.hpp"

#include "imgui.h"
#include "ui/widgets.hpp"

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
    if (ImGui::BeginTable("##facts", 2, ImGuiTableFlags_SizingStretchProp,
                          ImVec2(width - px(48), 0))) {
        ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, px(120));
        ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
        auto row = [](const char* k, const std::string& v) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", k);
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", v.c_str());
        };
        row("Rooms", inv.scope_text());
        row("Expires", date_of(inv.expires_at));
        std::string others;
        for (const auto& c : inv.contacts) {
            if (c.status.empty()) continue;
            others += (others.empty() ? "" : ", ") + (c.name.empty() ? c.upn : c.name) + " (" +
                      c.status + ")";
        }
        row("Invited people", others);
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
        if (ui::primary_button("Decline")) {
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

}  // namespace

void draw_customers(const AppState& s, const ui::Fonts& fonts, Actions& actions) {
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
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp |
                            ImGuiTableFlags_PadOuterX;
    if (ImGui::BeginTable("##customers", 5, flags)) {
        ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Domain", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Since", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("My permissions", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, px(120));
        ImGui::PushFont(fonts.strong);
        ImGui::TableHeadersRow();
        ImGui::PopFont();
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
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
}

}  // namespace portal::views
