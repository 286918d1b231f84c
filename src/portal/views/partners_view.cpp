#include "views/partners_view.hpp"

#include <algorithm>
#include <cstring>

#include "i18n.hpp"
#include "imgui.h"
#include "ui/widgets.hpp"
#include "views/page_parts.hpp"
#include "views/pickers.hpp"
#include "views/wizard.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

namespace {

bool step_ready(const InviteDraft& d) {
    switch (d.step) {
        case 0:
            return std::strchr(d.domain, '.') != nullptr;
        case 1:
            return any_contact(d.contacts);
        case 2:
            return !d.scope.empty();
        case 3:
            return d.terms && d.expires_days >= 1 && d.expires_days <= 30;
        default:
            return true;
    }
}

// The Add partner wizard: partner → people → rooms → terms → review, then send.
void invite_wizard(const AppState& s, InviteDraft& d, const ui::Fonts& fonts, Actions& actions) {
    WizardSpec spec;
    spec.title = tr("Add partner");
    spec.steps = {tr("Partner"), tr("People"), tr("Rooms"), tr("Terms"), tr("Review")};
    spec.step = d.step;
    spec.ready = step_ready(d);
    spec.not_ready = tr("Complete this step first");
    spec.finish_label = tr("Send invitation");
    spec.busy = d.sending;
    spec.locator = "Invite";
    if (!begin_wizard(spec, d.open)) return;
    switch (d.step) {
        case 0:
            step_heading(fonts, tr("Which partner?"));
            ui::muted(
                tr("The partner's primary domain. Only organisations in the partner program can be "
                   "invited."));
            ImGui::SetNextItemWidth(-1);
            ui::input_text_with_hint("##domain", "northwind.example", d.domain, sizeof d.domain);
            ui::expose("Invite:domain");
            break;
        case 1: {
            step_heading(fonts, tr("Who at the partner?"));
            ui::muted(tr(
                "Each person becomes a Primary admin of your rooms when they accept. Name people, "
                "not groups "
                "or distribution lists: the invitation is tied to their accounts."));
            contact_rows(d.contacts, "Invite");
            break;
        }
        case 2:
            step_heading(fonts, tr("Which rooms may the partner manage?"));
            ui::muted(tr("The partner never sees or touches rooms outside this choice."));
            scope_picker(d.scope, s.room_groups, s.rooms, d.room_filter, "Invite");
            break;
        case 3:
            step_heading(fonts, tr("Terms"));
            ImGui::TextUnformatted(tr("The invitation expires after"));
            ImGui::SetNextItemWidth(px(240));
            ui::slider_int("days", &d.expires_days, 1, 30);
            ImGui::Dummy(ImVec2(0, px(4)));
            ImGui::TextUnformatted(tr("Change control"));
            ui::muted(tr(
                "Automatic: the partner's changes apply at once (manual approval is not available "
                "yet)."));
            ImGui::Dummy(ImVec2(0, px(4)));
            ImGui::SetNextItemWidth(-1);
            ui::input_text_with_hint("##note", tr("Note for the partner (optional)"), d.note,
                                     sizeof d.note);
            ImGui::Dummy(ImVec2(0, px(4)));
            ImGui::Checkbox(tr("I accept the terms"), &d.terms);
            ui::expose("Invite:terms");
            ui::muted(tr(
                "The partner's people will manage the chosen rooms on our behalf, and every action "
                "they take "
                "is recorded in our audit log."));
            break;
        default: {
            step_heading(fonts, tr("Review and send"));
            std::string people;
            for (const auto& c : d.contacts)
                if (c.upn[0]) people += (people.empty() ? "" : ", ") + std::string(c.upn);
            if (begin_facts("##review", px(120))) {
                fact(tr("Partner"), d.domain);
                fact(tr("People"), people);
                fact(tr("Rooms"), d.scope.text());
                fact(tr("Expires in"), d.expires_days == 1 ? trf("{} day", d.expires_days)
                                                           : trf("{} days", d.expires_days));
                if (d.note[0]) fact(tr("Note"), d.note);
                ImGui::EndTable();
            }
            field_errors(d.errors);
            break;
        }
    }
    switch (end_wizard(spec)) {
        case WizardOutcome::cancel:
            d = InviteDraft{};
            break;
        case WizardOutcome::back:
            d.step--;
            break;
        case WizardOutcome::next:
            d.step++;
            break;
        case WizardOutcome::finish:
            actions.push_back({Action::Kind::send_invite, ""});
            break;
        case WizardOutcome::none:
            break;
    }
}

// Customer: name more people on a pending invitation.
void contacts_dialog(ContactsDraft& d, const ui::Fonts& fonts, Actions& actions) {
    const char* title = tr("Add people");
    if (!begin_dialog(title, d.open, px(560))) return;
    step_heading(fonts, trf("More people at {}", d.partner_name).c_str());
    ui::muted(
        tr("They receive the same invitation, with the same rooms and expiry. Each one who accepts "
           "becomes a Primary admin."));
    contact_rows(d.contacts, "Contacts");
    field_errors(d.errors);
    ui::card_divider();
    bool ready = any_contact(d.contacts) && !d.sending;
    if (ui::gated_button(d.sending ? tr("Sending…") : tr("Send invitation"), ready,
                         d.sending ? tr("Sending…") : tr("Type at least one account name (UPN)"),
                         true) ||
        (ready && ui::enter_pressed()))
        actions.push_back({Action::Kind::send_contacts, ""});
    ui::expose("Contacts:send", ready);
    ImGui::SameLine();
    if (ui::secondary_button(tr("Cancel")) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        d = ContactsDraft{};
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// Customer: invitations still waiting for an answer, with each person's status.
void open_invitations(const AppState& s, bool may_modify, const ui::Fonts& fonts,
                      Actions& actions) {
    std::vector<std::pair<const PartnerRow*, const InvitationRow*>> open;
    for (const auto& p : s.partners)
        for (const auto& inv : p.invitations)
            if (inv.state == "pending") open.emplace_back(&p, &inv);
    if (open.empty()) return;
    ImGui::Dummy(ImVec2(0, px(12)));
    step_heading(fonts, tr("Open invitations"));
    std::string why = s.why_not(mtm::Action::add_invitation_contacts);
    if (!ImGui::BeginTable("##open-invitations", 5, kListTable)) return;
    ImGui::TableSetupColumn(tr("Partner"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(tr("Rooms"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(tr("Expires"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("People"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, px(190));
    table_headers(fonts);
    for (const auto& [p, inv] : open) {
        ImGui::PushID(inv->id.c_str());
        ImGui::TableNextRow(0, px(40));
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(p->name.c_str());
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(inv->scope.text().c_str());
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(date_of(inv->expires_at).c_str());
        ImGui::TableNextColumn();
        for (std::size_t i = 0; i < inv->contacts.size(); ++i) {
            const ContactRow& c = inv->contacts[i];
            if (i) ImGui::SameLine(0, px(8));
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted((c.name.empty() ? c.upn : c.name).c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", c.upn.c_str());
            ImGui::SameLine(0, px(4));
            ImGui::PushFont(fonts.small);
            bool accepted = c.status == "accepted", denied = c.status == "denied";
            ui::chip(contact_status(c.status),
                     accepted ? color::kSuccess
                     : denied ? color::kDanger
                              : color::kWarning,
                     accepted ? color::kSuccessSoft
                     : denied ? color::kDangerSoft
                              : color::kWarningSoft);
            ImGui::PopFont();
            ui::expose("Invitation person:" + p->name + ":" + c.upn, true, c.status);
        }
        ImGui::TableNextColumn();
        bool busy = s.busy_id == inv->id;
        if (ui::gated_button(tr("Add people…"), may_modify && !busy, why))
            actions.push_back({Action::Kind::open_add_contacts, inv->id});
        ui::expose("Add people:" + p->name, may_modify && !busy, why);
        ImGui::SameLine();
        if (ui::gated_button(busy ? tr("Revoking…") : tr("Revoke…"), may_modify && !busy, why))
            ImGui::OpenPopup(tr("Revoke invitation?"));
        ui::expose("Revoke:" + p->name, may_modify && !busy, why);
        if (typed_confirmation(tr("Revoke invitation?"), p->name,
                               tr("Nobody it names can accept it any more. People who already "
                                  "accepted keep their access; remove the partner to end that."),
                               tr("Revoke"), "Revoke"))
            actions.push_back({Action::Kind::revoke_invitation, inv->id});
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace

void draw_partners(const AppState& s, InviteDraft& invite, ContactsDraft& contacts,
                   const ui::Fonts& fonts, Actions& actions) {
    ui::section_title(fonts, tr("Partners"),
                      tr("Managed-service providers you invited. They reach only the rooms you "
                         "chose, and you can "
                         "remove them at any time."));
    bool may_modify = s.can(mtm::Action::invite_partner);
    if (ui::gated_button(tr("Add partner"), may_modify, s.why_not(mtm::Action::invite_partner),
                         true))
        actions.push_back({Action::Kind::open_invite, ""});
    ui::expose("Add partner", may_modify);
    ImGui::Dummy(ImVec2(0, px(6)));
    if (invite.open) invite_wizard(s, invite, fonts, actions);
    if (contacts.open) contacts_dialog(contacts, fonts, actions);
    if (page_blocked(s, mtm::Action::list_partners, s.partners.empty(), actions)) return;
    if (s.partners.empty()) {
        ui::muted(tr(
            "No partners yet. Add one to let a managed-service provider look after your rooms."));
        return;
    }
    if (ImGui::BeginTable("##partners", 6, kListTable)) {
        ImGui::TableSetupColumn(tr("Partner"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(tr("Domain"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn(tr("Status"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(tr("Rooms"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn(tr("Accepted by"), ImGuiTableColumnFlags_WidthStretch, 2.6f);
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
                ui::chip(trf("Since {}", date_of(p.since)).c_str(), color::kSuccess,
                         color::kSuccessSoft);
            } else {
                bool pending = false;
                for (const auto& i : p.invitations) pending |= i.state == "pending";
                ui::chip(pending ? tr("Invited") : tr("No relationship"),
                         pending ? color::kWarning : color::kTextMuted,
                         pending ? color::kWarningSoft : color::kBorder);
            }
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            if (!p.since.empty()) {
                ImGui::TextUnformatted(p.scope.text().c_str());
            } else {
                ImGui::TextDisabled("—");
            }
            ImGui::TableNextColumn();
            // Who at the partner took the invitation (open ones are listed below the table).
            std::string people;
            for (const auto& inv : p.invitations)
                for (const auto& c : inv.contacts)
                    if (c.status == "accepted")
                        people += (people.empty() ? "" : ", ") + (c.name.empty() ? c.upn : c.name);
            ImGui::AlignTextToFramePadding();
            ImGui::TextWrapped("%s", people.empty() ? "—" : people.c_str());
            ImGui::TableNextColumn();
            ImGui::PushID(p.partner_tenant_id.c_str());
            bool busy = s.busy_id == p.partner_tenant_id;
            if (ui::gated_button(busy ? tr("Removing…") : tr("Remove…"), may_modify && !busy,
                                 s.why_not(mtm::Action::remove_partner)))
                ImGui::OpenPopup(tr("Remove partner?"));
            ui::expose("Remove:" + p.name, may_modify);
            if (typed_confirmation(
                    tr("Remove partner?"), p.name,
                    tr("Its people lose access to your rooms at once, every role it holds here is "
                       "deleted, and invitations still open are revoked. To work together again, "
                       "send "
                       "a "
                       "new invitation."),
                    tr("Remove partner"), "Remove"))
                actions.push_back({Action::Kind::remove_partner, p.partner_tenant_id});
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    open_invitations(s, may_modify, fonts, actions);
}

}  // namespace portal::views
