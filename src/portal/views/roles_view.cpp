#include "views/roles_view.hpp"

#include <cstring>
#include <string_view>

#include "i18n.hpp"
#include "imgui.h"
#include "mtm/operations.hpp"
#include "ui/widgets.hpp"
#include "views/page_parts.hpp"
#include "views/pickers.hpp"
#include "views/wizard.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

namespace {

// Whose roles these are from where I sit: my own organisation's, or my partner's for a customer.
mtm::Side my_side(const AppState& s) {
    return s.tenant_id == s.me.tenant_id ? mtm::Side::customer : mtm::Side::partner;
}

std::string ceiling_reason() {
    return tr(
        "A partner role can hold only permissions of Primary admins: the customer never "
        "delegated the others.");
}

// Permissions as a check-box matrix grouped by feature, in the catalogue's order. `locator`
// prefixes the test locators ("Permission:rooms.view", "Wizard permission:rooms.view").
void permission_matrix(mtm::PermissionSet& perms, bool editable, const std::string& why_not,
                       mtm::PermissionSet ceiling, const ui::Fonts& fonts,
                       const std::string& locator, std::string* changed) {
    std::string_view feature;
    for (const auto& info : mtm::catalogue()) {
        if (info.feature != feature) {
            feature = info.feature;
            ImGui::Dummy(ImVec2(0, px(4)));
            ImGui::PushFont(fonts.strong);
            // The catalogue's literals (src/mtm/catalogue.cpp) are in the Italian catalogue too.
            ImGui::TextUnformatted(tr(feature.data()));
            ImGui::PopFont();
        }
        bool on = perms.has(info.permission);
        bool allowed_here = ceiling.has(info.permission) || on;  // an existing one can be removed
        bool enabled = editable && allowed_here;
        std::string reason = !editable ? why_not : allowed_here ? std::string() : ceiling_reason();
        std::string label = std::string(tr(info.label.data())) + "##" + std::string(info.id);
        if (!enabled) ImGui::BeginDisabled();
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + px(12));
        if (ImGui::Checkbox(label.c_str(), &on)) {
            if (on)
                perms.add(info.permission);
            else
                perms.remove(info.permission);
            if (changed) *changed = std::string(info.id);
        }
        if (!enabled) {
            ImGui::EndDisabled();
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && !reason.empty())
                ImGui::SetTooltip("%s", reason.c_str());
        }
        ui::expose(locator + std::string(info.id), enabled, reason);
        ImGui::SameLine();
        ImGui::TextDisabled("%s", std::string(info.id).c_str());
    }
}

std::string members_text(const AppState& s, const AssignmentRow& a) {
    if (a.members.empty()) return tr("Nobody");
    std::string out;
    std::size_t shown = 0;
    for (const auto& m : a.members) {
        if (shown == 3) break;
        out += (out.empty() ? "" : ", ") + member_name(s.directory, m);
        ++shown;
    }
    if (a.members.size() > shown) out += trf(" and {} more", a.members.size() - shown);
    return out;
}

// The create-role wizard: General → Permissions → Assignment → Members → Scope → Finish.
void role_wizard(const AppState& s, RoleWizard& w, const ui::Fonts& fonts, Actions& actions) {
    using Step = RoleWizard::Step;
    WizardSpec spec;
    spec.title = tr("Create role");
    spec.steps = {tr("General"), tr("Permissions"), tr("Assignment"),
                  tr("Members"), tr("Scope"),       tr("Finish")};
    spec.step = w.step;
    switch (w.step) {
        case Step::at_general:
            spec.ready = w.name[0] != '\0';
            spec.not_ready = tr("Give the role a name");
            break;
        case Step::at_permissions:
            spec.ready = w.permissions.count() > 0;
            spec.not_ready = tr("Choose at least one permission");
            break;
        case Step::at_assignment:
            spec.ready = w.assignment.name[0] != '\0';
            spec.not_ready = tr("Name the assignment");
            break;
        case Step::at_scope:
            spec.ready = !w.assignment.scope.empty();
            spec.not_ready = tr("Choose rooms or room groups, or All rooms");
            break;
        default:
            break;
    }
    spec.finish_label = tr("Create role");
    spec.busy = w.sending;
    spec.locator = "Role wizard";
    if (!begin_wizard(spec, w.open)) return;
    mtm::Side side = my_side(s);
    switch (w.step) {
        case Step::at_general:
            step_heading(fonts, tr("Name and purpose"));
            ui::muted(
                side == mtm::Side::partner
                    ? tr("A role of your organisation for this customer, e.g. a help desk that "
                         "only handles tickets.")
                    : tr("A role of your organisation, e.g. facilities staff for one site."));
            ImGui::SetNextItemWidth(-1);
            ui::input_text_with_hint("##role-name", tr("Name, e.g. Help desk"), w.name,
                                     sizeof w.name);
            ui::expose("Role wizard:name");
            ImGui::SetNextItemWidth(-1);
            ui::input_text_with_hint("##role-description", tr("Description (optional)"),
                                     w.description, sizeof w.description);
            ui::expose("Role wizard:description");
            break;
        case Step::at_permissions:
            step_heading(fonts, tr("What may it do?"));
            ui::muted(side == mtm::Side::partner ? ceiling_reason()
                                                 : tr("Grant only what the job needs."));
            permission_matrix(w.permissions, true, "", mtm::custom_role_ceiling(side), fonts,
                              "Wizard permission:", nullptr);
            break;
        case Step::at_assignment:
            step_heading(fonts, tr("The first assignment"));
            ui::muted(
                tr("An assignment gives the role to people for a set of rooms. A role can have "
                   "several, e.g. one per site."));
            ImGui::SetNextItemWidth(-1);
            ui::input_text_with_hint("##a-name", tr("Assignment name"), w.assignment.name,
                                     sizeof w.assignment.name);
            ui::expose("Role wizard:assignment name");
            ImGui::SetNextItemWidth(-1);
            ui::input_text_with_hint("##a-description", tr("Description (optional)"),
                                     w.assignment.description, sizeof w.assignment.description);
            ImGui::Checkbox(tr("E-mail the members about incidents in their rooms"),
                            &w.assignment.email_notifications);
            break;
        case Step::at_members:
            step_heading(fonts, tr("Who holds it?"));
            ui::muted(
                tr("People and security groups of your organisation. Leave it empty to create the "
                   "role without an assignment."));
            member_picker(w.assignment.members, s.directory, w.assignment.member_filter,
                          "Role wizard");
            break;
        case Step::at_scope:
            step_heading(fonts, tr("Where?"));
            ui::muted(side == mtm::Side::partner
                          ? tr("Only rooms the customer granted your organisation are offered.")
                          : tr("The members act only on these rooms."));
            scope_picker(w.assignment.scope, s.room_groups, s.rooms, w.assignment.room_filter,
                         "Role wizard");
            break;
        default: {
            step_heading(fonts, tr("Review"));
            if (begin_facts("##review", px(130))) {
                std::string perms;
                for (const auto& info : mtm::catalogue())
                    if (w.permissions.has(info.permission))
                        perms += (perms.empty() ? "" : ", ") + std::string(info.id);
                fact(tr("Role"), w.name);
                if (w.description[0]) fact(tr("Description"), w.description);
                fact(tr("Permissions"), perms);
                if (w.assignment.members.empty()) {
                    fact(tr("Assignment"),
                         tr("None yet: nobody holds this role until you add one."));
                } else {
                    std::string people;
                    for (const auto& m : w.assignment.members)
                        people += (people.empty() ? "" : ", ") + member_name(s.directory, m);
                    fact(tr("Assignment"), w.assignment.name);
                    fact(tr("Members"), people);
                    fact(tr("Rooms"), w.assignment.scope.text());
                }
                ImGui::EndTable();
            }
            field_errors(w.errors);
            break;
        }
    }
    switch (end_wizard(spec)) {
        case WizardOutcome::cancel:
            w = RoleWizard{};
            break;
        case WizardOutcome::back:
            w.step--;
            break;
        case WizardOutcome::next:
            if (w.step == Step::at_general && !w.assignment.name[0])
                std::snprintf(w.assignment.name, sizeof w.assignment.name, "%s", w.name);
            w.step++;
            break;
        case WizardOutcome::finish:
            actions.push_back({Action::Kind::create_role, ""});
            break;
        case WizardOutcome::none:
            break;
    }
}

// Add or edit one assignment: General, Members and Rooms as tabs of one dialog.
void assignment_editor(const AppState& s, const RoleRow& role, AssignmentEditor& e,
                       Actions& actions) {
    const char* title = e.assignment_id.empty() ? tr("Add assignment") : tr("Edit assignment");
    if (!begin_dialog(title, e.open, px(680), px(560))) return;
    bool primary_admins = role.built_in && role.side == "partner";
    ImGui::TextDisabled(tr("Role: %s"), role.name.c_str());
    float footer = ImGui::GetFrameHeightWithSpacing() + px(16);
    AssignmentDraft& d = e.draft;
    if (ImGui::BeginTabBar("##assignment-tabs")) {
        if (ImGui::BeginTabItem(tr("General"))) {
            ImGui::BeginChild("##general", ImVec2(0, -footer));
            ImGui::Dummy(ImVec2(0, px(4)));
            ImGui::SetNextItemWidth(-1);
            ui::input_text_with_hint("##a-name", tr("Assignment name"), d.name, sizeof d.name);
            ui::expose("Assignment:name");
            ImGui::SetNextItemWidth(-1);
            ui::input_text_with_hint("##a-description", tr("Description (optional)"), d.description,
                                     sizeof d.description);
            ImGui::Checkbox(tr("E-mail the members about incidents in their rooms"),
                            &d.email_notifications);
            ui::expose("Assignment:email");
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(tr("Members"))) {
            ImGui::BeginChild("##members-tab", ImVec2(0, -footer));
            member_picker(d.members, s.directory, d.member_filter, "Assignment");
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        ui::expose("Assignment:Members tab");
        if (ImGui::BeginTabItem(tr("Rooms"))) {
            ImGui::BeginChild("##rooms-tab", ImVec2(0, -footer));
            if (primary_admins) {
                ui::muted(
                    tr("Primary admins always reach every room the customer granted; the customer "
                       "changes that scope, not the partner."));
            } else {
                scope_picker(d.scope, s.room_groups, s.rooms, d.room_filter, "Assignment");
            }
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        ui::expose("Assignment:Rooms tab");
        ImGui::EndTabBar();
    }
    field_errors(e.errors);
    ui::card_divider();
    bool ready = d.name[0] && !d.members.empty() && !d.scope.empty() && !e.sending;
    std::string why = !d.name[0] ? tr("Name the assignment")
                      : d.members.empty()
                          ? tr("Choose at least one member (or delete the assignment)")
                      : d.scope.empty() ? tr("Choose the rooms")
                                        : tr("Saving…");
    if (ui::gated_button(e.sending ? tr("Saving…") : tr("Save"), ready, why, true))
        actions.push_back({Action::Kind::save_assignment, ""});
    ui::expose("Assignment:save", ready, ready ? "" : why);
    ImGui::SameLine();
    if (ui::secondary_button(tr("Cancel")) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        e = AssignmentEditor{};
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void properties(const RoleRow& role, bool editable, const std::string& why, RolesDraft& d,
                const ui::Fonts& fonts, Actions& actions) {
    if (d.properties_of != role.id) {
        d.properties_of = role.id;
        std::snprintf(d.name, sizeof d.name, "%s", role.name.c_str());
        std::snprintf(d.description, sizeof d.description, "%s", role.description.c_str());
    }
    ImGui::Dummy(ImVec2(0, px(6)));
    if (!editable) ui::muted(why);
    if (!editable) ImGui::BeginDisabled();
    auto field = [&](const char* label, const char* id, char* buf, std::size_t size) {
        ImGui::AlignTextToFramePadding();
        ImGui::PushFont(fonts.strong);
        ImGui::TextUnformatted(label);
        ImGui::PopFont();
        ImGui::SameLine(px(120));
        ImGui::SetNextItemWidth(std::min(px(520), ImGui::GetContentRegionAvail().x));
        ui::input_text(id, buf, size);
        ui::name_last_item(label);
    };
    field(tr("Name"), "##role-name", d.name, sizeof d.name);
    ui::expose("Role:name", editable, why);
    field(tr("Description"), "##role-description", d.description, sizeof d.description);
    ui::expose("Role:description", editable, why);
    if (!editable) ImGui::EndDisabled();
    ImGui::Dummy(ImVec2(0, px(4)));
    ImGui::SetCursorPosX(px(120));
    bool changed = role.name != d.name || role.description != d.description;
    if (editable && changed) {
        bool named = d.name[0] != '\0';
        if (ui::gated_button(tr("Save changes"), named, tr("A role needs a name"), true))
            actions.push_back({Action::Kind::save_role, role.id});
        ui::expose("Role:save", named);
        ImGui::SameLine();
        if (ui::secondary_button(tr("Discard"))) d.properties_of.clear();
    }
}

}  // namespace

void draw_roles(const AppState& s, RolesDraft& draft, const ui::Fonts& fonts, Actions& actions) {
    const TenantChoice* t = s.selected_tenant();
    std::string suffix = t ? " · " + t->name : std::string();
    std::string title = tr("Roles") + suffix;
    ui::section_title(fonts, title.c_str(),
                      t && !t->own ? tr("Your organisation's roles for this customer, each limited "
                                        "to the rooms it granted.")
                                   : tr("Who may do what in your organisation, and where."));
    ui::expose("Page:Roles" + suffix);
    if (page_blocked(s, mtm::Action::list_roles, s.roles.empty(), actions)) return;
    bool may_modify = s.can(mtm::Action::create_role);
    std::string why_modify = s.why_not(mtm::Action::create_role);
    if (ui::gated_button(tr("New role"), may_modify, why_modify, true))
        actions.push_back({Action::Kind::open_role_wizard, ""});
    ui::expose("New role", may_modify, why_modify);
    ImGui::Dummy(ImVec2(0, px(6)));
    if (draft.wizard.open) role_wizard(s, draft.wizard, fonts, actions);
    if (s.roles.empty()) {
        ui::muted(tr("No roles here yet."));
        return;
    }

    ImGui::BeginChild("##role-list", ImVec2(px(280), 0), true);
    for (const auto& r : s.roles) {
        bool selected = r.id == s.role_id;
        std::string label = r.name + "##" + r.id;
        if (ImGui::Selectable(label.c_str(), selected, 0, ImVec2(0, px(28))))
            actions.push_back({Action::Kind::select_role, r.id});
        ui::expose("Role:" + r.name);
        if (r.built_in || r.side == "partner") {
            ImGui::SameLine(px(180));
            ImGui::PushFont(fonts.small);
            if (r.built_in)
                ui::chip(tr("Built-in"), color::kTextMuted, color::kBorder);
            else
                ui::chip(tr("Partner"), color::kAccentStrong, color::kAccentSoft);
            ImGui::PopFont();
        }
    }
    ImGui::EndChild();
    ImGui::SameLine(0, px(20));

    const RoleRow* role = nullptr;
    for (const auto& r : s.roles)
        if (r.id == s.role_id) role = &r;
    ImGui::BeginChild("##role-detail", ImVec2(0, 0), false);
    if (role) {
        ImGui::PushFont(fonts.heading);
        ImGui::TextUnformatted(role->name.c_str());
        ImGui::PopFont();
        bool partner_role = role->side == "partner";
        std::string kind = role->built_in
                               ? (partner_role ? tr("Built-in partner role") : tr("Built-in role"))
                               : (partner_role ? tr("Custom partner role") : tr("Custom role"));
        if (!role->description.empty()) kind += " · " + role->description;
        ui::muted(kind);
        // A customer sees its partners' roles too; only the partner itself edits them (the
        // customer may delete a partner's custom role, or remove the partner altogether).
        bool mine = (role->side == "partner") == (my_side(s) == mtm::Side::partner);
        bool editable = may_modify && !role->built_in && mine;
        std::string why =
            !may_modify      ? why_modify
            : role->built_in ? tr("Built-in roles cannot be edited; create a custom role instead.")
            : !mine          ? tr("The partner manages its own roles; you can delete this one.")
                             : std::string();
        bool deletable = may_modify && !role->built_in;
        std::string why_delete = !may_modify      ? why_modify
                                 : role->built_in ? tr("Built-in roles cannot be deleted.")
                                                  : std::string();
        ImGui::SameLine(ImGui::GetContentRegionAvail().x - px(110) + ImGui::GetCursorPosX());
        ImGui::PushID(role->id.c_str());
        if (ui::gated_button(tr("Delete role…"), deletable, why_delete))
            ImGui::OpenPopup(tr("Delete role?"));
        ui::expose("Delete role", deletable, why_delete);
        if (typed_confirmation(tr("Delete role?"), role->name,
                               tr("Everyone who holds it through its assignments loses what it "
                                  "grants, at once. This cannot be undone."),
                               tr("Delete role"), "Delete role"))
            actions.push_back({Action::Kind::delete_role, role->id});
        ImGui::PopID();
        ui::card_divider();

        if (!ImGui::BeginTabBar("##role-tabs")) {
            ImGui::EndChild();
            return;
        }
        std::string perm_tab =
            tr("Permissions (") + std::to_string(role->permissions.count()) + ")###permissions";
        bool perm_open = ImGui::BeginTabItem(perm_tab.c_str());
        ui::expose("Role tab:Permissions");
        if (perm_open) {
            mtm::PermissionSet shown = role->permissions;
            std::string toggled;
            mtm::Side role_side =
                role->side == "partner" ? mtm::Side::partner : mtm::Side::customer;
            ImGui::BeginChild("##permissions", ImVec2(0, 0));
            if (!editable) ui::muted(why);
            permission_matrix(shown, editable, why, mtm::custom_role_ceiling(role_side), fonts,
                              "Permission:", &toggled);
            ImGui::EndChild();
            if (!toggled.empty()) actions.push_back({Action::Kind::toggle_permission, toggled});
            ImGui::EndTabItem();
        }
        std::string assign_tab =
            tr("Assignments (") + std::to_string(role->assignments.size()) + ")###assignments";
        bool assign_open = ImGui::BeginTabItem(assign_tab.c_str());
        ui::expose("Role tab:Assignments");
        bool props_open = false;
        if (assign_open) {
            bool assign = may_modify && mine;
            std::string why_assign = !may_modify ? why_modify
                                     : !mine
                                         ? tr("Only the partner assigns its people to its roles.")
                                         : std::string();
            ImGui::Dummy(ImVec2(0, px(4)));
            if (ui::gated_button(tr("Add assignment"), assign, why_assign))
                actions.push_back({Action::Kind::open_assignment, ""});
            ui::expose("Add assignment", assign, why_assign);
            ImGui::Dummy(ImVec2(0, px(4)));
            if (role->assignments.empty()) ui::muted(tr("Nobody holds this role yet."));
            if (!role->assignments.empty() && ImGui::BeginTable("##assignments", 5, kListTable)) {
                ImGui::TableSetupColumn(tr("Assignment"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
                ImGui::TableSetupColumn(tr("Members"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
                ImGui::TableSetupColumn(tr("Rooms"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
                ImGui::TableSetupColumn(tr("E-mail"), ImGuiTableColumnFlags_WidthFixed, px(60));
                ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, px(150));
                table_headers(fonts);
                for (const auto& a : role->assignments) {
                    ImGui::PushID(a.id.c_str());
                    ImGui::TableNextRow(0, px(36));
                    ImGui::TableNextColumn();
                    ImGui::AlignTextToFramePadding();
                    ImGui::TextUnformatted(a.name.c_str());
                    ui::expose("Assignment:" + a.name);
                    ImGui::TableNextColumn();
                    ImGui::AlignTextToFramePadding();
                    ImGui::TextWrapped("%s", members_text(s, a).c_str());
                    ImGui::TableNextColumn();
                    ImGui::AlignTextToFramePadding();
                    ImGui::TextUnformatted(a.scope.text().c_str());
                    ImGui::TableNextColumn();
                    ImGui::AlignTextToFramePadding();
                    ImGui::TextUnformatted(a.email_notifications ? tr("On") : tr("Off"));
                    ImGui::TableNextColumn();
                    if (ui::gated_button(tr("Edit"), assign, why_assign))
                        actions.push_back({Action::Kind::open_assignment, a.id});
                    ui::expose("Edit assignment:" + a.name, assign, why_assign);
                    ImGui::SameLine();
                    if (ui::gated_button(tr("Delete…"), assign, why_assign))
                        ImGui::OpenPopup(tr("Delete assignment?"));
                    ui::expose("Delete assignment:" + a.name, assign, why_assign);
                    if (typed_confirmation(
                            tr("Delete assignment?"), a.name,
                            tr("Its members lose this role on its rooms at once. The "
                               "last Primary admins assignment of a customer cannot go."),
                            tr("Delete assignment"), "Delete assignment"))
                        actions.push_back({Action::Kind::delete_assignment, a.id});
                    ImGui::PopID();
                }
                ImGui::EndTable();
            }
            ImGui::EndTabItem();
        }
        props_open = ImGui::BeginTabItem(tr("Properties"));
        ui::expose("Role tab:Properties");
        if (props_open) {
            properties(*role, editable, why, draft, fonts, actions);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
        if (draft.editor.open) assignment_editor(s, *role, draft.editor, actions);
    }
    ImGui::EndChild();
}

}  // namespace portal::views
