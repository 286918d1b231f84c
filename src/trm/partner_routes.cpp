// The customer's side of partner relationships: invite, add contacts, revoke, list, change,
// remove. Every action here acts in the caller's own tenant (the catalogue's own_tenant rule)
// and needs settings.modify there.
#include <map>

#include "trm/call.hpp"

namespace trm {

using mtm::Action;

namespace {

// An invitation of my own tenant named in the path, or nullopt (answered 404).
std::optional<mtm::InvitationIx> own_invitation(const Service::Call& c) {
    auto inv = c.world.find_invitation(c.request.path_params[0]);
    if (!inv || c.world.invitation(*inv).customer != c.home()) return std::nullopt;
    return inv;
}

Response no_invitation(const Service::Call& c) {
    return Response::problem(not_found("No invitation " + c.request.path_params[0]));
}

// The partner named in the path and its live relationship with my tenant, if any.
struct PathPartner {
    std::optional<mtm::TenantIx> partner;
    std::optional<mtm::RelationshipIx> relationship;
};
PathPartner path_partner(const Service::Call& c) {
    PathPartner out;
    out.partner = c.world.find_tenant(c.request.path_params[0]);
    if (out.partner) out.relationship = c.world.find_relationship(c.home(), *out.partner);
    return out;
}

}  // namespace

void Service::partner_routes(Router& router) {
    action_route(
        router, Action::invite_partner, {"PartnerInvitation", "Create"},
        {{"partnerDomain", "contacts", "scope", "expiresInDays", "approval", "termsAccepted",
          "note"}},
        [](Call& c, Resolved& res) {
            res.audit.object_name = "invitation";
            Response err;
            BodyReader& in = *res.in;
            mtm::InvitationDraft d;
            d.partner_domain = in.string("partnerDomain", true).value_or("");
            d.contacts = in.contacts("contacts", true).value_or(std::vector<mtm::ContactDraft>{});
            d.scope = in.scope("scope", true).value_or(mtm::ScopeDraft{});
            d.expires_in_days = in.integer("expiresInDays", true).value_or(0);
            d.approval = in.string("approval").value_or("auto");
            d.terms_accepted = in.boolean("termsAccepted", true).value_or(false);
            d.note = in.string("note").value_or("");
            res.audit.object_name = "invitation to " + d.partner_domain;
            if (!in.ok()) return c.invalid(in.errors(), res);
            auto inv = mtm::invite_partner(c.world, c.home(), d, c.now, c.options.ids, c.caller);
            if (!inv) return c.refuse(inv.error(), res);
            return c.done(res, Response::json(201, invitation_json(c.world, *inv, c.now)));
        });

    action_route(router, Action::add_invitation_contacts, {"PartnerInvitation", "Update"},
                 {{"contacts"},
                  [](Call& c, const Resolved&) -> std::optional<json> {
                      auto inv = own_invitation(c);
                      if (!inv) return std::nullopt;
                      return invitation_json(c.world, *inv, c.now);
                  }},
                 [](Call& c, Resolved& res) {
                     res.audit.object_name = "add contacts to " + c.request.path_params[0];
                     auto inv = own_invitation(c);
                     if (!inv) return no_invitation(c);
                     Response err;
                     BodyReader& in = *res.in;
                     auto contacts = in.contacts("contacts", true);
                     if (!in.ok()) return c.invalid(in.errors(), res);
                     auto done = mtm::add_contacts(c.world, *inv, *contacts, c.now);
                     if (!done) return c.refuse(done.error(), res);
                     return c.done(res, Response::json(200, invitation_json(c.world, *inv, c.now)));
                 });

    action_route(router, Action::revoke_invitation, {"PartnerInvitation", "Delete"},
                 [](Call& c, Resolved& res) {
                     res.audit.object_name = "revoke " + c.request.path_params[0];
                     auto inv = own_invitation(c);
                     if (!inv) return no_invitation(c);
                     auto done = mtm::revoke_invitation(c.world, *inv, c.now);
                     if (!done) return c.refuse(done.error(), res);
                     return c.done(res, Response::json(200, invitation_json(c.world, *inv, c.now)));
                 });

    action_route(router, Action::list_partners, {}, [](Call& c, Resolved&) {
        // One entry per partner: a live relationship, or invitations still in flight.
        std::map<std::uint32_t, json> by_partner;
        for (auto rel : c.world.relationships_as_customer(c.home()))
            by_partner[c.world.relationship(rel).partner.v] = partner_json(c.world, rel, c.caller);
        for (auto i : c.world.invitations_of(c.home())) {
            const auto& inv = c.world.invitation(i);
            auto& entry = by_partner[inv.partner.v];
            if (entry.is_null()) {
                const auto& p = c.world.tenant(inv.partner);
                entry = {{"partnerTenantId", p.id},
                         {"name", p.name},
                         {"domain", p.domain},
                         {"since", nullptr},
                         {"scope", nullptr},
                         {"approval", nullptr},
                         {"invitations", json::array()}};
            }
            entry["invitations"].push_back(invitation_json(c.world, i, c.now));
        }
        std::vector<json> items;
        for (auto& [_, v] : by_partner) items.push_back(std::move(v));
        return page(c.request, std::move(items));
    });

    action_route(router, Action::modify_partner, {"PartnerInvitation", "Update"},
                 {{"scope", "approval"},
                  [](Call& c, const Resolved&) -> std::optional<json> {
                      auto path = path_partner(c);
                      if (!path.relationship) return std::nullopt;
                      return partner_json(c.world, *path.relationship, c.caller);
                  }},
                 [](Call& c, Resolved& res) {
                     const std::string& id = c.request.path_params[0];
                     auto path = path_partner(c);
                     res.audit.object_name =
                         "partner " + (path.partner ? c.world.tenant(*path.partner).name : id);
                     if (!path.relationship)
                         return Response::problem(not_found("No partner " + id + " works for you"));
                     Response err;
                     BodyReader& in = *res.in;
                     mtm::RelationshipPatch p{in.scope("scope"), in.string("approval")};
                     if (!in.ok()) return c.invalid(in.errors(), res);
                     auto done = mtm::update_relationship(c.world, *path.relationship, p, c.caller);
                     if (!done) return c.refuse(done.error(), res);
                     return c.done(
                         res,
                         Response::json(200, partner_json(c.world, *path.relationship, c.caller)));
                 });

    action_route(
        router, Action::remove_partner, {"PartnerInvitation", "Delete"},
        [](Call& c, Resolved& res) {
            const std::string& id = c.request.path_params[0];
            auto path = path_partner(c);
            res.audit.object_name =
                "remove partner " + (path.partner ? c.world.tenant(*path.partner).name : id);
            if (!path.relationship) {
                // No relationship, but open invitations to that partner can still be withdrawn.
                bool any = false;
                if (path.partner)
                    for (auto i : c.world.invitations_of(c.home())) {
                        auto& inv = c.world.invitation_mut(i);
                        if (inv.partner == *path.partner &&
                            mtm::invitation_state(inv, c.now) == mtm::InvitationState::pending) {
                            inv.revoked = true;
                            any = true;
                        }
                    }
                if (!any)
                    return Response::problem(not_found("No partner " + id + " works for you"));
                return c.done(res, Response::no_content());
            }
            mtm::end_relationship(c.world, *path.relationship);
            return c.done(res, Response::no_content());
        });
}

}  // namespace trm
