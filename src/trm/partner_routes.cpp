// The customer's side of partner relationships: invite, add contacts, revoke, list, remove.
#include <map>

#include "trm/call.hpp"

namespace trm {

using mtm::Permission;

void Service::partner_routes(Router& router) {
    // Every customer-side partner action needs settings.modify in the caller's own tenant.
    auto guard = [](Call& c, const AuditSpec& spec) {
        return c.authorize(Permission::settings_modify, mtm::Target::of(c.home()), &spec);
    };

    route(router, "POST", "/partners/invitations", true, [guard](Call& c) {
        AuditSpec spec{"PartnerInvitation", "Create", "invitation"};
        if (auto refused = guard(c, spec)) return *refused;
        Response err;
        auto body = c.body(err);
        if (!body) return err;
        BodyReader in(*body);
        in.allow_only({"partnerDomain", "contacts", "scope", "expiresInDays", "approval",
                       "termsAccepted", "note"});
        mtm::InvitationDraft d;
        d.partner_domain = in.string("partnerDomain", true).value_or("");
        d.contacts = in.contacts("contacts", true).value_or(std::vector<mtm::ContactDraft>{});
        d.scope = in.scope("scope", true).value_or(mtm::ScopeDraft{});
        d.expires_in_days = in.integer("expiresInDays", true).value_or(0);
        d.approval = in.string("approval").value_or("auto");
        d.terms_accepted = in.boolean("termsAccepted", true).value_or(false);
        d.note = in.string("note").value_or("");
        spec.object_name = "invitation to " + d.partner_domain;
        if (!in.ok()) return c.invalid(in.errors(), c.home(), spec);
        auto inv = mtm::invite_partner(c.world, c.home(), d, c.now, c.options.ids);
        if (!inv) return c.refuse(inv.error(), c.home(), spec);
        c.audit(c.home(), spec, true);
        return Response::json(201, invitation_json(c.world, *inv, c.now));
    });

    // An invitation of my own tenant, or a 404.
    auto own_invitation = [](Call& c) -> std::optional<mtm::InvitationIx> {
        auto inv = c.world.find_invitation(c.request.path_params[0]);
        if (!inv || c.world.invitation(*inv).customer != c.home()) return std::nullopt;
        return inv;
    };

    route(router, "POST", "/partners/invitations/{id}/contacts", true,
          [guard, own_invitation](Call& c) {
              AuditSpec spec{"PartnerInvitation", "Update",
                             "add contacts to " + c.request.path_params[0]};
              if (auto refused = guard(c, spec)) return *refused;
              auto inv = own_invitation(c);
              if (!inv)
                  return Response::problem(not_found("No invitation " + c.request.path_params[0]));
              Response err;
              auto body = c.body(err);
              if (!body) return err;
              BodyReader in(*body);
              in.allow_only({"contacts"});
              auto contacts = in.contacts("contacts", true);
              if (!in.ok()) return c.invalid(in.errors(), c.home(), spec);
              if (auto stale = c.check_if_match(invitation_json(c.world, *inv, c.now)))
                  return *stale;
              auto res = mtm::add_contacts(c.world, *inv, *contacts, c.now);
              if (!res) return c.refuse(res.error(), c.home(), spec);
              c.audit(c.home(), spec, true);
              return Response::json(200, invitation_json(c.world, *inv, c.now));
          });

    route(router, "DELETE", "/partners/invitations/{id}", true, [guard, own_invitation](Call& c) {
        AuditSpec spec{"PartnerInvitation", "Delete", "revoke " + c.request.path_params[0]};
        if (auto refused = guard(c, spec)) return *refused;
        auto inv = own_invitation(c);
        if (!inv) return Response::problem(not_found("No invitation " + c.request.path_params[0]));
        auto res = mtm::revoke_invitation(c.world, *inv, c.now);
        if (!res) return c.refuse(res.error(), c.home(), spec);
        c.audit(c.home(), spec, true);
        return Response::json(200, invitation_json(c.world, *inv, c.now));
    });

    route(router, "GET", "/partners", false, [](Call& c) {
        if (auto refused = c.authorize(Permission::settings_modify, mtm::Target::of(c.home())))
            return *refused;
        // One entry per partner: a live relationship, or invitations still in flight.
        std::map<std::uint32_t, json> by_partner;
        for (auto rel : c.world.relationships_as_customer(c.home())) {
            const auto& r = c.world.relationship(rel);
            const auto& p = c.world.tenant(r.partner);
            by_partner[r.partner.v] = {{"partnerTenantId", p.id},
                                       {"name", p.name},
                                       {"domain", p.domain},
                                       {"since", iso_time(r.since)},
                                       {"scope", scope_json(c.world, r.scope)},
                                       {"invitations", json::array()}};
        }
        for (auto i : c.world.invitations_of(c.home())) {
            const auto& inv = c.world.invitation(i);
            auto& entry = by_partner[inv.partner.v];
            if (entry.is_null()) {
                const auto& p = c.world.tenant(inv.partner);
                entry = {{"partnerTenantId", p.id}, {"name", p.name},
                         {"domain", p.domain},      {"since", nullptr},
                         {"scope", nullptr},        {"invitations", json::array()}};
            }
            entry["invitations"].push_back(invitation_json(c.world, i, c.now));
        }
        std::vector<json> items;
        for (auto& [_, v] : by_partner) items.push_back(std::move(v));
        return page(c.request, std::move(items));
    });

    route(router, "DELETE", "/partners/{pid}", true, [guard](Call& c) {
        const std::string& id = c.request.path_params[0];
        auto partner = c.world.find_tenant(id);
        AuditSpec spec{"PartnerInvitation", "Delete",
                       "remove partner " + (partner ? c.world.tenant(*partner).name : id)};
        if (auto refused = guard(c, spec)) return *refused;
        auto rel = partner ? c.world.find_relationship(c.home(), *partner) : std::nullopt;
        if (!rel) {
            // No relationship, but open invitations to that partner can still be withdrawn.
            bool any = false;
            if (partner)
                for (auto i : c.world.invitations_of(c.home())) {
                    auto& inv = c.world.invitation_mut(i);
                    if (inv.partner == *partner &&
                        mtm::invitation_state(inv, c.now) == mtm::InvitationState::pending) {
                        inv.revoked = true;
                        any = true;
                    }
                }
            if (!any) return Response::problem(not_found("No partner " + id + " works for you"));
            c.audit(c.home(), spec, true);
            return Response::no_content();
        }
        mtm::end_relationship(c.world, *rel);
        c.audit(c.home(), spec, true);
        return Response::no_content();
    });
}

}  // namespace trm
