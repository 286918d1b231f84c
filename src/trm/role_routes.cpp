// Roles and assignments of a customer: /tenants/{tid}/roles… A customer's users see and edit
// the customer's roles and may delete partner custom roles; a partner's users see and edit only
// their own partner's roles for that customer.
#include "trm/call.hpp"

namespace trm {

using mtm::Action;

namespace {

mtm::RolePatch read_role_patch(BodyReader& in) {
    return {in.string("name"), in.string("description"), in.strings("permissions")};
}

mtm::AssignmentPatch read_assignment_patch(BodyReader& in) {
    return {in.string("name"), in.string("description"), in.boolean("emailNotifications"),
            in.members("members"), in.scope("scope")};
}

// The assignment named in the path ({aid}), within the role already resolved (else 404).
std::optional<mtm::AssignmentIx> path_assignment(Service::Call& c, mtm::RoleIx role) {
    auto a = c.world.find_assignment(c.request.path_params[2]);
    if (!a || c.world.assignment(*a).role != role) return std::nullopt;
    return a;
}

Response no_assignment(const Service::Call& c) {
    return Response::problem(
        not_found("No assignment " + c.request.path_params[2] + " in that role"));
}

}  // namespace

void Service::role_routes(Router& router) {
    action_route(router, Action::list_roles, {}, [](Call& c, Resolved& res) {
        std::vector<json> items;
        for (auto r : c.world.roles_of(res.tenant))
            if (mtm::visible(c.world, c.caller, mtm::Target::of(c.world, r)))
                items.push_back(role_json(c.world, r, c.caller));
        return page(c.request, std::move(items));
    });

    action_route(router, Action::read_role, {}, [](Call& c, Resolved& res) {
        return Response::json(200, role_json(c.world, mtm::RoleIx{res.ix()}, c.caller));
    });

    action_route(
        router, Action::create_role, {"Role", "Create"}, {{"name", "description", "permissions"}},
        [](Call& c, Resolved& res) {
            Response err;
            res.audit.object_name = "role";
            BodyReader& in = *res.in;
            mtm::RoleDraft d{in.string("name", true).value_or(""),
                             in.string("description").value_or(""),
                             in.strings("permissions", true).value_or(std::vector<std::string>{})};
            if (!d.name.empty()) res.audit.object_name = d.name;
            if (!in.ok()) return c.invalid(in.errors(), res);
            bool partner = c.home() != res.tenant;  // a partner caller creates a partner role
            auto role = mtm::create_role(c.world, res.tenant,
                                         partner ? mtm::Side::partner : mtm::Side::customer,
                                         partner ? c.home() : mtm::TenantIx{}, d, c.options.ids);
            if (!role) return c.refuse(role.error(), res);
            return c.done(res, Response::json(201, role_json(c.world, *role, c.caller)));
        });

    action_route(router, Action::modify_role, {"Role", "Update"},
                 {{"name", "description", "permissions"},
                  [](Call& c, const Resolved& res) -> std::optional<json> {
                      return role_json(c.world, mtm::RoleIx{res.ix()}, c.caller);
                  }},
                 [](Call& c, Resolved& res) {
                     mtm::RoleIx r{res.ix()};
                     auto patch = read_role_patch(*res.in);
                     if (!res.in->ok()) return c.invalid(res.in->errors(), res);
                     auto done = mtm::update_role(c.world, r, patch);
                     if (!done) return c.refuse(done.error(), res);
                     return c.done(res, Response::json(200, role_json(c.world, r, c.caller)));
                 });

    action_route(router, Action::delete_role, {"Role", "Delete"}, [](Call& c, Resolved& res) {
        auto done = mtm::delete_role(c.world, mtm::RoleIx{res.ix()});
        if (!done) return c.refuse(done.error(), res);
        return c.done(res, Response::no_content());
    });

    action_route(
        router, Action::create_assignment, {"Assignment", "Create"},
        {{"name", "description", "emailNotifications", "members", "scope"}},
        [](Call& c, Resolved& res) {
            Response err;
            mtm::RoleIx r{res.ix()};
            BodyReader& in = *res.in;
            mtm::AssignmentDraft d;
            d.name = in.string("name", true).value_or("");
            d.description = in.string("description").value_or("");
            d.email_notifications = in.boolean("emailNotifications").value_or(false);
            d.members = in.members("members", true).value_or(std::vector<mtm::MemberDraft>{});
            d.scope = in.scope("scope", true).value_or(mtm::ScopeDraft{});
            res.audit.object_name += " / " + d.name;
            if (!in.ok()) return c.invalid(in.errors(), res);
            auto a = mtm::add_assignment(c.world, r, d, c.options.ids, c.caller);
            if (!a) return c.refuse(a.error(), res);
            return c.done(res, Response::json(201, assignment_json(c.world, *a, c.caller)));
        });

    action_route(router, Action::modify_assignment, {"Assignment", "Update"},
                 {{"name", "description", "emailNotifications", "members", "scope"},
                  [](Call& c, const Resolved& res) -> std::optional<json> {
                      auto a = path_assignment(c, mtm::RoleIx{res.ix()});
                      if (!a) return std::nullopt;
                      return assignment_json(c.world, *a, c.caller);
                  }},
                 [](Call& c, Resolved& res) {
                     auto a = path_assignment(c, mtm::RoleIx{res.ix()});
                     if (!a) return no_assignment(c);
                     res.audit.object_name += " / " + c.world.assignment(*a).name;
                     auto patch = read_assignment_patch(*res.in);
                     if (!res.in->ok()) return c.invalid(res.in->errors(), res);
                     auto done = mtm::update_assignment(c.world, *a, patch, c.caller);
                     if (!done) return c.refuse(done.error(), res);
                     return c.done(res,
                                   Response::json(200, assignment_json(c.world, *a, c.caller)));
                 });

    action_route(router, Action::delete_assignment, {"Assignment", "Delete"},
                 [](Call& c, Resolved& res) {
                     auto a = path_assignment(c, mtm::RoleIx{res.ix()});
                     if (!a) return no_assignment(c);
                     res.audit.object_name += " / " + c.world.assignment(*a).name;
                     auto done = mtm::delete_assignment(c.world, *a);
                     if (!done) return c.refuse(done.error(), res);
                     return c.done(res, Response::no_content());
                 });
}

}  // namespace trm
