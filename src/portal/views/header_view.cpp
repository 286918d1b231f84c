#include "views/header_view.hpp"

#include <algorithm>
#include <cstring>

#include "i18n.hpp"
#include "imgui.h"
#include "mtm/validation.hpp"
#include "ui/semantics_imgui.hpp"
#include "ui/widgets.hpp"

namespace portal::views {

namespace {

using ui::px;
namespace color = ui::color;

constexpr float kBarHeight = 60;

// A tab: text with an accent underline when selected. A tab the person may not open is drawn
// faint, says why on hover, and does nothing.
bool tab(const char* label, bool selected, const ui::Fonts& fonts, bool allowed = true,
         const std::string& reason = {}) {
    ImGui::PushFont(selected ? fonts.strong : fonts.body);
    ImVec2 size = ImGui::CalcTextSize(label);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(label);
    bool pressed = ImGui::InvisibleButton("##tab", ImVec2(size.x + px(16), px(kBarHeight)));
    bool hovered = ImGui::IsItemHovered();
    // To assistive technology a header tab is what it does: a link to a page, the current one
    // marked as such.
    if (ui::semantics::Node* n = ui::semantics::last_item()) {
        n->role = ui::semantics::Role::link;
        n->name = label;
        n->selected = selected ? ui::semantics::Tri::yes : ui::semantics::Tri::no;
        n->disabled = !allowed;
        if (!allowed) n->description = reason;
    }
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 fg = selected   ? color::kAccent
               : !allowed ? IM_COL32(203, 213, 225, 255)
               : hovered  ? color::kText
                          : color::kTextMuted;
    dl->AddText(ImVec2(pos.x + px(8), pos.y + (px(kBarHeight) - size.y) / 2), fg, label);
    if (selected)
        dl->AddRectFilled(ImVec2(pos.x + px(6), pos.y + px(kBarHeight) - px(3)),
                          ImVec2(pos.x + size.x + px(10), pos.y + px(kBarHeight)), color::kAccent,
                          px(2));
    if (hovered && allowed) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (hovered && !allowed) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_NotAllowed);
        ImGui::SetTooltip("%s", reason.c_str());
    }
    ImGui::PopFont();
    return pressed && allowed;
}

}  // namespace

Actions draw_header(const AppState& s, const ui::Fonts& fonts) {
    Actions actions;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##portal", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();

    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();
    float width = ImGui::GetWindowWidth(), bar = px(kBarHeight);
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + bar), color::kSurface);
    dl->AddLine(ImVec2(origin.x, origin.y + bar - 1), ImVec2(origin.x + width, origin.y + bar - 1),
                color::kBorder);

    // Brand.
    float mark = px(28);
    ImVec2 mark_min(origin.x + px(20), origin.y + (bar - mark) / 2);
    dl->AddRectFilled(mark_min, ImVec2(mark_min.x + mark, mark_min.y + mark), color::kAccent,
                      px(7));
    ImGui::PushFont(fonts.strong);
    ImVec2 r = ImGui::CalcTextSize("R");
    dl->AddText(ImVec2(mark_min.x + (mark - r.x) / 2, mark_min.y + (mark - r.y) / 2),
                IM_COL32_WHITE, "R");
    ImVec2 name = ImGui::CalcTextSize("Roomkeeper MTM");
    dl->AddText(ImVec2(mark_min.x + mark + px(12), origin.y + (bar - name.y) / 2), color::kText,
                "Roomkeeper MTM");
    ImGui::PopFont();
    float x = mark_min.x + mark + px(12) + name.x + px(28);

    if (s.phase == Phase::ready) {
        // Tenant switcher: my organisation first, then my customers; type to filter.
        ImGui::SetCursorScreenPos(ImVec2(x, origin.y + (bar - ImGui::GetFrameHeight()) / 2));
        const TenantChoice* current = s.selected_tenant();
        std::string preview = current ? current->name : tr("Choose…");
        ImGui::SetNextItemWidth(px(260));
        static char filter[64] = "";
        if (ui::begin_combo("##tenant", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
            if (ImGui::IsWindowAppearing()) {
                filter[0] = '\0';
                ImGui::SetKeyboardFocusHere();
            }
            ImGui::SetNextItemWidth(-1);
            ui::input_text_with_hint("##filter", tr("Type to filter customers"), filter,
                                     sizeof filter);
            ui::expose("Tenant filter");
            std::string needle = mtm::lower(filter);
            for (const auto& t : s.tenants) {
                if (!needle.empty() && mtm::lower(t.name).find(needle) == std::string::npos)
                    continue;
                std::string label = t.own ? t.name + tr("  (your organisation)")
                                    : t.mfa_needed
                                        ? t.name + "  — " + tr("requires multi-factor sign-in")
                                        : t.name;
                if (ImGui::Selectable(label.c_str(), t.tenant_id == s.tenant_id))
                    actions.push_back({Action::Kind::select_tenant, t.tenant_id});
                ui::expose("Tenant:" + t.name);
            }
            // Escape closes the list even while the filter field has the keyboard.
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
                ImGui::CloseCurrentPopup();
            ImGui::EndCombo();
        }
        ui::expose("Tenant switcher");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", tr("Switch customer: every page then shows only its data"));
        x += px(260) + px(20);

        // Tabs.
        ImGui::SetCursorScreenPos(ImVec2(x, origin.y));
        const char* home = s.partner_user() ? tr("Customers") : tr("Partners");
        bool home_selected = s.page == Page::customers || s.page == Page::partners;
        if (tab(home, home_selected, fonts))
            actions.push_back(
                {Action::Kind::select_page, s.partner_user() ? "customers" : "partners"});
        ui::expose(s.partner_user() ? "Tab:Customers" : "Tab:Partners");
        ImGui::SameLine(0, 0);
        if (tab(tr("Rooms"), s.page == Page::rooms, fonts))
            actions.push_back({Action::Kind::select_page, "rooms"});
        ui::expose("Tab:Rooms");
        ImGui::SameLine(0, 0);
        // Room groups and Reports need their view permission where I am: closed tabs say
        // why, like every control. (A partner on its own home page would land on its first
        // customer: judge that one.)
        std::string target = s.tenant_id;
        if (s.partner_user() && target == s.me.tenant_id && s.tenants.size() > 1)
            target = s.tenants[1].tenant_id;
        auto gated_tab = [&](const char* label, Page page, const char* id, const char* locator,
                             mtm::Action needed) {
            mtm::ActionDecision d = s.decide(needed, target);
            bool ok = d.allowed();
            std::string why = describe(d);
            if (tab(label, s.page == page, fonts, ok, why))
                actions.push_back({Action::Kind::select_page, id});
            ui::expose(locator, ok, why);
            ImGui::SameLine(0, 0);
        };
        gated_tab(tr("Groups"), Page::groups, "groups", "Tab:Room groups",
                  mtm::Action::list_room_groups);
        gated_tab(tr("Rings"), Page::rings, "rings", "Tab:Update rings", mtm::Action::list_rings);
        if (tab(tr("Incidents"), s.page == Page::incidents, fonts))
            actions.push_back({Action::Kind::select_page, "incidents"});
        ui::expose("Tab:Incidents");
        ImGui::SameLine(0, 0);
        gated_tab(tr("Reports"), Page::reports, "reports", "Tab:Reports",
                  mtm::Action::read_reports);
        if (tab(tr("Roles"), s.page == Page::roles, fonts))
            actions.push_back({Action::Kind::select_page, "roles"});
        ui::expose("Tab:Roles");
        ImGui::SameLine(0, 0);
        {
            // The matrix spans every tenant where I may read roles: open when any allows it.
            bool ok = std::any_of(s.tenants.begin(), s.tenants.end(), [&](const TenantChoice& t) {
                return s.decide(mtm::Action::read_access_matrix, t.tenant_id).allowed();
            });
            std::string why =
                ok ? std::string() : s.why_not(mtm::Action::read_access_matrix, target);
            if (tab(tr("Access"), s.page == Page::access, fonts, ok, why))
                actions.push_back({Action::Kind::select_page, "access"});
            ui::expose("Tab:Access matrix", ok, why);
        }
        if (!s.partner_user()) {  // a customer's own settings: its MMR Admins read the log
            ImGui::SameLine(0, 0);
            mtm::ActionDecision d = s.decide(mtm::Action::read_audit, s.me.tenant_id);
            std::string why = d.allowed() ? std::string()
                                          : std::string(tr("Only your organisation's MMR Admins "
                                                           "can read its audit log"));
            if (tab(tr("Audit"), s.page == Page::audit, fonts, d.allowed(), why))
                actions.push_back({Action::Kind::select_page, "audit"});
            ui::expose("Tab:Audit log", d.allowed(), why);
        }

        // Which backend is in use, always visible.
        ImGui::SameLine(0, px(16));
        ImGui::SetCursorScreenPos(
            ImVec2(ImGui::GetCursorScreenPos().x, origin.y + (bar - px(22)) / 2));
        ImGui::PushFont(fonts.small);
        if (s.offline)
            ui::chip(tr("Offline demo — changes stay in this browser"), color::kWarning,
                     color::kWarningSoft);
        else
            ui::chip(tr("Live service"), color::kSuccess, color::kSuccessSoft);
        ui::expose(s.offline ? "Mode:offline" : "Mode:live");
        ImGui::PopFont();

        // User menu.
        std::string who = s.me.display_name;
        ImGui::PushFont(fonts.small);
        ImVec2 who_size = ImGui::CalcTextSize(who.c_str());
        ImVec2 org_size = ImGui::CalcTextSize(s.me.tenant_name.c_str());
        float block = std::max(who_size.x, org_size.x) + px(24);
        ImVec2 at(origin.x + width - px(20) - block, origin.y + px(10));
        ImGui::SetCursorScreenPos(at);
        if (ImGui::InvisibleButton("##user", ImVec2(block, bar - px(20))))
            ImGui::OpenPopup("user-menu");
        if (ui::semantics::Node* n = ui::semantics::last_item()) {
            n->name = trf("{}, {}: account menu", who, s.me.tenant_name);
            n->expanded =
                ImGui::IsPopupOpen("user-menu") ? ui::semantics::Tri::yes : ui::semantics::Tri::no;
        }
        ui::expose("User menu");
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        dl->AddText(ImVec2(at.x, at.y + px(2)), color::kText, who.c_str());
        dl->AddText(ImVec2(at.x, at.y + px(4) + who_size.y), color::kTextMuted,
                    s.me.tenant_name.c_str());
        dl->AddTriangleFilled(ImVec2(at.x + block - px(12), at.y + px(14)),
                              ImVec2(at.x + block - px(2), at.y + px(14)),
                              ImVec2(at.x + block - px(7), at.y + px(20)), color::kTextMuted);
        ImGui::PopFont();
        if (ImGui::BeginPopup("user-menu")) {
            ImGui::TextDisabled("%s", s.me.upn.c_str());
            ImGui::Separator();
            ImGui::TextDisabled("%s", tr("Language"));
            // Each language is named in itself, so anyone can find their own.
            for (auto [code, language_name] :
                 {std::pair{"en", "English"}, std::pair{"it", "Italiano"}}) {
                bool chosen = language_code(language()) == code;
                if (ImGui::Selectable(language_name, chosen) && !chosen)
                    actions.push_back({Action::Kind::set_language, code});
                ui::expose(std::string("Language:") + code, true, chosen ? "current" : "");
            }
            ImGui::Separator();
            if (ImGui::Selectable(tr("Sign out"))) actions.push_back({Action::Kind::sign_out, ""});
            ui::expose("Sign out");
            ImGui::EndPopup();
        }
    }

    // The page area below the bar, with the page's own padding.
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + bar));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(32), px(24)));
    ImGui::BeginChild("##page", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    return actions;
}

void end_page() {
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace portal::views
