// Identity and the partner's side of relationships: sign-in, /me, /me/access, the directory,
// invitations addressed to me, and my customers.
#include <algorithm>
#include <mutex>

#include "trm/call.hpp"

namespace trm {

using mtm::Action;

void Service::identity_routes(Router& router) {
    // Dev sign-in: demos and tests only, and only when the service was started with --dev-auth.
    router.add("POST", "/api/v1/auth/dev-login", [this](const Request& r) {
        if (!options_.dev_auth)
            return Response::problem(not_found("No resource at /api/v1/auth/dev-login"));
        if (auto limited = limit(sign_in_limiter_.get(), r.peer, true)) return *limited;
        json body = json::parse(r.body, nullptr, false);
        if (body.is_discarded())
            return Response::problem(
                bad_request("The request body is not valid JSON", "malformed_json"));
        BodyReader in(body);
        auto upn = in.string("upn", true);
        // Demos and tests: a sign-in that counts as multi-factor (a provider's token shows it in
        // amr/acr).
        auto mfa = in.boolean("mfa");
        if (!in.ok()) return Response::problem(unprocessable(in.errors()));
        std::shared_lock lock(mutex_);
        auto user = world_.find_user_by_upn(mtm::lower(mtm::trimmed(*upn)));
        if (!user) return Response::problem(unauthorized("No user signs in as " + *upn));
        return Response::json(200,
                              {{"token", tokens_.issue(world_.user(*user).id, mfa.value_or(false))},
                               {"user", user_json(world_, *user)}});
    });

    route(router, "GET", "/me", false, [](Call& c) {
        return Response::json(200, {{"user", user_json(c.world, c.caller)},
                                    {"tenant", tenant_json(c.world.tenant(c.home()))}});
    });

    route(router, "GET", "/me/access", false, [](Call& c) {
        json snap = snapshot_json(mtm::snapshot_of(c.world, c.caller, c.sign_in));
        snap["version"] = etag_of(snap);
        return Response::json(200, snap);
    });

    // Who can do what where, for the access matrix: my organisation's people × the tenants where
    // I may read roles, with the roles of my side there and every grant reaching those people.
    // The portal recomputes the cells with mtm::compute(), and what-if edits on a copy.
    route(router, "GET", "/access-matrix", false, [](Call& c) {
        mtm::MatrixModel m = mtm::matrix_of(c.world, c.caller);
        if (m.tenants.empty()) {
            std::string needed(mtm::to_id(*mtm::spec(mtm::Action::read_access_matrix).permission));
            return Response::problem(
                forbidden("The access matrix shows who holds which roles: it needs " + needed +
                              " in your organisation or in a customer",
                          needed));
        }
        return Response::json(200, matrix_json(m));
    });

    route(router, "GET", "/directory", false, [](Call& c) {
        std::string q = mtm::lower(c.request.query_value("q").value_or(""));
        std::vector<json> items;
        for (auto u : c.world.users_of(c.home())) {
            const auto& user = c.world.user(u);
            if (!q.empty() && mtm::lower(user.display_name).find(q) == std::string::npos &&
                user.upn.find(q) == std::string::npos)
                continue;
            json j = user_json(c.world, u);
            j["type"] = "user";
            items.push_back(std::move(j));
        }
        for (auto g : c.world.groups_of(c.home())) {
            const auto& group = c.world.group(g);
            if (!q.empty() && mtm::lower(group.name).find(q) == std::string::npos) continue;
            items.push_back({{"type", "group"},
                             {"id", group.id},
                             {"name", group.name},
                             {"memberCount", group.members.size()}});
        }
        return page(c.request, std::move(items));
    });

    // --- partner side: invitations that name me -----------------------------------------------
    route(router, "GET", "/invitations", false, [](Call& c) {
        std::vector<json> items;
        for (std::uint32_t i = 0; i < c.world.invitation_count(); ++i) {
            const auto& inv = c.world.invitation(mtm::InvitationIx{i});
            const mtm::Contact* me = mtm::contact_of(c.world, inv, c.caller);
            if (!me) continue;  // only listed people see an invitation, whatever their role
            json j = invitation_json(c.world, mtm::InvitationIx{i}, c.now);
            j["myStatus"] = std::string(mtm::to_string(me->status));
            j["status"] = j["myStatus"];
            items.push_back(std::move(j));
        }
        return page(c.request, std::move(items));
    });

    auto act = [](Call& c, Resolved& res, bool accept) {
        mtm::InvitationIx inv{res.ix()};
        res.audit.object_name = (accept ? "accept " : "deny ") + c.world.invitation(inv).id;
        if (!accept) {
            auto done = mtm::deny_invitation(c.world, inv, c.caller, c.now);
            if (!done) return c.refuse(done.error(), res);
            json j = invitation_json(c.world, inv, c.now);
            j["myStatus"] = "denied";
            return c.done(res, Response::json(200, j));
        }
        auto rel = mtm::accept_invitation(c.world, inv, c.caller, c.now, c.options.ids);
        if (!rel) return c.refuse(rel.error(), res);
        json j = {{"relationship", relationship_json(c.world, *rel)},
                  {"invitation", invitation_json(c.world, inv, c.now)}};
        j["invitation"]["myStatus"] = "accepted";
        return c.done(res, Response::json(200, j));
    };
    action_route(router, Action::accept_invitation, {"PartnerInvitation", "Update"},
                 [act](Call& c, Resolved& res) { return act(c, res, true); });
    action_route(router, Action::deny_invitation, {"PartnerInvitation", "Update"},
                 [act](Call& c, Resolved& res) { return act(c, res, false); });

    route(router, "GET", "/customers", false, [](Call& c) {
        std::vector<json> items;
        for (auto rel : c.world.relationships_as_partner(c.home())) {
            const auto& r = c.world.relationship(rel);
            auto grants = c.world.grants(c.caller, r.customer);
            if (grants.empty()) continue;  // customers where I hold no role are not mine to see
            mtm::PermissionSet mine;
            for (const auto& g : grants) mine |= g.permissions;
            json perms = json::array();
            for (const auto& p : mtm::catalogue())
                if (mine.has(p.permission)) perms.push_back(std::string(p.id));
            const auto& t = c.world.tenant(r.customer);
            items.push_back(
                {{"tenantId", t.id},
                 {"name", t.name},
                 {"domain", t.domain},
                 {"since", iso_time(r.since)},
                 {"scope", scope_json(c.world, r.customer, r.scope, c.caller)},
                 {"myPermissions", perms},
                 {"primaryAdmin", mtm::is_primary_admin(c.world, c.caller, r.customer)}});
        }
        return page(c.request, std::move(items));
    });

    action_route(router, Action::remove_customer,
                 {"PartnerInvitation", "Delete", "remove customer "}, [](Call& c, Resolved& res) {
                     res.audit.object_name =
                         "partner " + c.world.tenant(c.home()).name + " removed customer";
                     auto rel = c.world.find_relationship(res.tenant, c.home());
                     mtm::end_relationship(c.world, *rel);
                     return c.done(res, Response::no_content());
                 });
}

}  // namespace trm
