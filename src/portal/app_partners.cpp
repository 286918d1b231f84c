// The customer's Partners page actions: invite a partner, name more people on an invitation,
// revoke it, remove a partner. Split from app.cpp to keep each file about one thing.
#include "app.hpp"
#include "i18n.hpp"
#include "json_read.hpp"

namespace portal {

void App::apply_partners(const views::Action& a) {
    using K = views::Action::Kind;
    switch (a.kind) {
        case K::open_invite:
            state_.invite = InviteDraft{};
            state_.invite.open = true;
            load_choices(state_.me.tenant_id);
            return;
        case K::send_invite:
            state_.invite.sending = true;
            state_.invite.errors.clear();
            call(
                "POST", "/partners/invitations", state_.invite.to_request(),
                [this](const ApiResult& r) {
                    state_.invite = InviteDraft{};
                    std::string partner = read::text(r.body, "partnerName");
                    toast(trf("Invitation sent to {}.",
                              partner.empty() ? std::string(tr("the partner")) : partner),
                          false);
                    load_page();
                },
                [this](const ApiResult& r) {
                    state_.invite.sending = false;
                    state_.invite.errors = r.field_errors();
                });
            return;
        case K::remove_partner:
            state_.busy_id = a.id;
            call(
                "DELETE", "/partners/" + a.id, nullptr,
                [this](const ApiResult&) {
                    state_.busy_id.clear();
                    toast(tr("Partner removed. Its people lost access to your rooms at once."),
                          false);
                    load_page();
                },
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    toast(trf("Could not remove the partner: {}", r.error_message()), true);
                });
            return;
        case K::open_add_contacts: {
            ContactsDraft d;
            d.open = true;
            d.invitation_id = a.id;
            for (const auto& p : state_.partners)
                for (const auto& inv : p.invitations)
                    if (inv.id == a.id) d.partner_name = p.name;
            state_.add_contacts = std::move(d);
            return;
        }
        case K::send_contacts: {
            ContactsDraft& d = state_.add_contacts;
            d.sending = true;
            d.errors.clear();
            call(
                "POST", "/partners/invitations/" + d.invitation_id + "/contacts",
                json{{"contacts", contacts_request(d.contacts)}},
                [this](const ApiResult&) {
                    state_.add_contacts = ContactsDraft{};
                    toast(tr("Invitation sent to the added people."), false);
                    load_page();
                },
                [this](const ApiResult& r) {
                    state_.add_contacts.sending = false;
                    state_.add_contacts.errors = r.field_errors();
                });
            return;
        }
        case K::revoke_invitation:
            state_.busy_id = a.id;
            call(
                "DELETE", "/partners/invitations/" + a.id, nullptr,
                [this](const ApiResult&) {
                    state_.busy_id.clear();
                    toast(tr("Invitation revoked. Nobody can accept it any more."), false);
                    load_page();
                },
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    toast(trf("Could not revoke the invitation: {}", r.error_message()), true);
                    load_page();
                });
            return;
        default:
            return;
    }
}

}  // namespace portal
