// Identity and the partner's side of relationships: sign-in, /me, /me/access, the directory,
// invitations addressed to me, and my customers.
#include <algorithm>
#include <mutex>

#include "trm/call.hpp"

namespace trm {

using mtm::Permission;

void Service::identity_routes(Router& router) {
    // Dev sign-in: demos and tests only, and only when the service was started with --dev-auth.
    router.add("POST", "/api/v1/auth/dev-login", [this](const Request& r) {
        if (!options_.dev_auth)
            return Response::problem(not_found("No resource at /api/v1/auth/dev-login"));
        json body = json::parse(r.body, nullptr, false);
        if (body.is_discarded())
            return Response::problem(
                bad_request("The request body is not valid JSON", "malformed_json"));
        BodyReader in(body);
        auto upn = in.string("upn", true);
        if (!in.ok()) return Response::problem(unprocessable(in.errors()));
        std::shared_lock lock(mutex_);
        auto user = world_.find_user_by_upn(mtm::lower(mtm::trimmed(*upn)));
        if (!user) return Response::problem(unauthorized("No user signs in as " + *upn));
        return Response::json(200, {{"token", tokens_.issue(world_.user(*user).id)},
                                    {"user", user_json(world_, *user)}});
    });

    route(router, "GET", "/me", false, [](Call& c) {
        return Response::json(200, {{"user", user_json(c.world, c.caller)},
                                    {"tenant", tenant_json(c.world.tenant(c.home()))}});
    });

    route(router, "GET", "/me/access", false, [](Call& c) {
        json snap = snapshot_json(mtm::snapshot_of(c.world, c.caller));
        snap["version"] = etag_of(snap);
        return Response::json(200, snap);
    });

    // Who can do what where, for the access matrix: my organisation's people × the tenants where
    // I may read roles, with the roles of my side there and every grant reaching those people.
    // The portal recomputes the cells with mtm::compute(), and what-if edits on a copy.
    route(router, "GET", "/access-matrix", false, [](Call& c) {
        mtm::MatrixModel m = mtm::matrix_of(c.world, c.caller);
        if (m.tenants.empty())
            return Response::problem(forbidden(
                "The access matrix shows who holds which roles: it needs roles.view in your "
                "organisation or in a customer",
                "roles.view"));
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

    auto act = [](Call& c, bool accept) {
        const std::string& id = c.request.path_params[0];
        auto inv = c.world.find_invitation(id);
        if (!inv || !mtm::contact_of(c.world, c.world.invitation(*inv), c.caller))
            return Response::problem(not_found("No invitation " + id + " names you"));
        mtm::TenantIx customer = c.world.invitation(*inv).customer;
        AuditSpec spec{"PartnerInvitation", "Update", (accept ? "accept " : "deny ") + id};
        if (!accept) {
            auto res = mtm::deny_invitation(c.world, *inv, c.caller, c.now);
            if (!res) return c.refuse(res.error(), customer, spec);
            c.audit(customer, spec, true);
            json j = invitation_json(c.world, *inv, c.now);
            j["myStatus"] = "denied";
            return Response::json(200, j);
        }
        auto rel = mtm::accept_invitation(c.world, *inv, c.caller, c.now, c.options.ids);
        if (!rel) return c.refuse(rel.error(), customer, spec);
        c.audit(customer, spec, true);
        json j = {{"relationship", relationship_json(c.world, *rel)},
                  {"invitation", invitation_json(c.world, *inv, c.now)}};
        j["invitation"]["myStatus"] = "accepted";
        return Response::json(200, j);
    };
    route(router, "POST", "/invitations/{id}/accept", true,
          [act](Call& c) { return act(c, true); });
    route(router, "POST", "/invitations/{id}/deny", true, [act](Call& c) { return act(c, false); });

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
            items.push_back({{"tenantId", t.id},
                             {"name", t.name},
                             {"domain", t.domain},
                             {"since", iso_time(r.since)},
                             {"scope", scope_json(c.world, r.scope)},
                             {"myPermissions", perms}});
        }
        return page(c.request, std::move(items));
    });

    route(router, "DELETE", "/customers/{tid}", true, [](Call& c) {
        const std::string& id = c.request.path_params[0];
        auto customer = c.world.find_tenant(id);
        auto rel = customer ? c.world.find_relationship(*customer, c.home()) : std::nullopt;
        if (!rel || c.world.grants(c.caller, *customer).empty())
            return Response::problem(not_found("No customer " + id + " is visible to you"));
        AuditSpec spec{"PartnerInvitation", "Delete",
                       "partner " + c.world.tenant(c.home()).name + " removed customer"};
        auto admins = mtm::primary_admins(c.world, *rel);
        if (!std::binary_search(admins.begin(), admins.end(), c.caller)) {
            c.audit(*customer, spec, false, "caller is not in Primary admins");
            Problem p =
                forbidden("Only members of Primary admins can remove a customer", "roles.modify");
            p.code = "not_primary_admin";
            return Response::problem(p);
        }
        mtm::end_relationship(c.world, *rel);
        c.audit(*customer, spec, true);
        return Response::no_content();
    });
}

}  // namespace trm
