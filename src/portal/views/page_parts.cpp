#include "views/page_parts.hpp"

#include "i18n.hpp"
#include "ui/widgets.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

bool page_blocked(const AppState& s, mtm::Action needed, bool empty, Actions& actions) {
    mtm::ActionDecision d = s.decide(needed, s.tenant_id);
    if (d.refusal == mtm::Refusal::mfa_required) {
        // The customer's condition, and the way through it: sign in again with MFA.
        const TenantChoice* t = s.selected_tenant();
        ImGui::Spacing();
        ImGui::TextUnformatted(
            trf("{} requires multi-factor sign-in", t ? t->name : s.tenant_id).c_str());
        ui::muted(describe(d));
        ImGui::Spacing();
        if (ui::primary_button(tr("Sign in again with MFA")))
            actions.push_back({Action::Kind::sign_in_with_mfa, ""});
        ui::expose("Sign in again with MFA");
        return true;
    }
    if (!d.allowed()) {
        ui::muted(describe(d));
        return true;
    }
    if (!s.page_error.empty()) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kDanger), "%s",
                           s.page_error.c_str());
        if (ui::secondary_button(tr("Try again"))) actions.push_back({Action::Kind::reload, ""});
        return true;
    }
    if (s.loading_page && empty) {
        ui::muted(tr("Loading…"));
        return true;
    }
    return false;
}

void table_headers(const ui::Fonts& fonts) {
    ImGui::PushFont(fonts.strong);
    ImGui::TableHeadersRow();
    ImGui::PopFont();
}

void copy_menu(std::initializer_list<std::pair<const char*, std::string>> entries,
               const char* locator, Actions& actions) {
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (!ImGui::BeginPopupContextItem("##copy-menu")) return;
    int n = 0;
    for (const auto& [label, text] : entries) {
        if (ImGui::Selectable(label)) {
            ImGui::SetClipboardText(text.c_str());  // the platform hands it to the browser
            actions.push_back({Action::Kind::copied, ""});
        }
        ui::expose(std::string(locator) + " menu:" + std::to_string(n++));
    }
    ImGui::EndPopup();
}

const char* incident_type_label(const std::string& type) {
    if (type == "display") return tr("Display");
    if (type == "conferenceMicrophone") return tr("Conference microphone");
    if (type == "conferenceSpeaker") return tr("Conference speaker");
    if (type == "camera") return tr("Camera");
    if (type == "hdmiIngest") return tr("HDMI ingest");
    if (type == "signIn") return tr("Sign-in");
    if (type == "proximitySensor") return tr("Proximity sensor");
    if (type == "appVersion") return tr("App version");
    if (type == "osVersion") return tr("OS version");
    if (type == "network") return tr("Network");
    if (type == "other") return tr("Other");
    return type.c_str();
}

const char* contact_status(const std::string& status) {
    if (status == "accepted") return tr("Accepted");
    if (status == "denied") return tr("Declined");
    return tr("Pending");
}

bool begin_facts(const char* id, float label_width, float width) {
    if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp, ImVec2(width, 0)))
        return false;
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, label_width);
    ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
    return true;
}

void fact(const char* label, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", label);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", value.c_str());
}

bool typed_confirmation(const char* popup, const std::string& name, const std::string& explanation,
                        const char* button, const std::string& label) {
    static char typed[128] = "";
    bool confirmed = false;
    ImGui::SetNextWindowSize(ImVec2(px(460), 0));
    if (ImGui::BeginPopupModal(popup, nullptr,
                               ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
        if (ImGui::IsWindowAppearing()) typed[0] = '\0';
        ImGui::TextWrapped(
            "%s", (std::string(popup).substr(0, std::string(popup).size() - 1) + " " + name + "?")
                      .c_str());
        ui::muted(explanation);
        ImGui::TextWrapped(tr("Type %s to confirm:"), name.c_str());
        ImGui::SetNextItemWidth(-1);
        ui::input_text("##typed", typed, sizeof typed);
        ui::name_last_item(trf("Type {} to confirm", name));
        ui::expose(label + ":confirm text");
        bool match = name == typed;
        if (ui::gated_button(button, match, tr("Type the name exactly"), true) ||
            (match && ui::enter_pressed())) {
            confirmed = true;
            ImGui::CloseCurrentPopup();
        }
        ui::expose(label + ":confirm", match);
        ImGui::SameLine();
        if (ui::secondary_button(tr("Cancel")) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    return confirmed;
}

}  // namespace portal::views
