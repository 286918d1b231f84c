// Roles and assignments of a customer: /tenants/{tid}/roles… A customer's users see and edit
// the customer's roles and may delete partner custom roles; a partner's users see and edit only
// their own partner's roles for that customer.
#include "trm/call.hpp"

namespace trm {

using mtm::Permission;

namespace {

// The role named in the path, if the caller can see it (else 404).
std::optional<mtm::RoleIx> visible_role(Service::Call& c, mtm::TenantIx t, const std::string& id) {
    auto r = c.world.find_role(id);
    if (!r || c.world.role(*r).customer != t) return std::nullopt;
    if (!mtm::visible(c.world, c.caller, mtm::Target::of(c.world, *r))) return std::nullopt;
    return r;
}

// Customers edit their own roles and delete partner roles; partners edit only their own.
bool may_edit(const Service::Call& c, const mtm::Role& role, bool deleting) {
    if (c.home() == role.customer) return role.side == mtm::Side::customer || deleting;
    return role.side == mtm::Side::partner && role.partner == c.home();
}

mtm::RolePatch read_role_patch(BodyReader& in) {
    in.allow_only({"name", "description", "permissions"});
    return {in.string("name"), in.string("description"), in.strings("permissions")};
}

mtm::AssignmentPatch read_assignment_patch(BodyReader& in) {
    in.allow_only({"name", "description", "emailNotifications", "members", "scope"});
    return {in.string("name"), in.string("description"), in.boolean("emailNotifications"),
            in.members("members"), in.scope("scope")};
}

}  // namespace

void Service::role_routes(Router& router) {
    tenant_route(router, "GET", "/tenants/{tid}/roles", false, [](Call& c, mtm::TenantIx tenant) {
        Response err;
        if (auto refused = c.authorize(Permission::roles_view, mtm::Target::of(tenant)))
            return *refused;
        std::vector<json> items;
        for (auto r : c.world.roles_of(tenant))
            if (mtm::visible(c.world, c.caller, mtm::Target::of(c.world, r)))
                items.push_back(role_json(c.world, r));
        return page(c.request, std::move(items));
    });

    tenant_route(
        router, "GET", "/tenants/{tid}/roles/{id}", false, [](Call& c, mtm::TenantIx tenant) {
            Response err;
            auto r = visible_role(c, tenant, c.request.path_params[1]);
            if (!r) return Response::problem(not_found("No role " + c.request.path_params[1]));
            if (auto refused = c.authorize(Permission::roles_view, mtm::Target::of(c.world, *r)))
                return *refused;
            return Response::json(200, role_json(c.world, *r));
        });

    tenant_route(router, "POST", "/tenants/{tid}/roles", true, [](Call& c, mtm::TenantIx tenant) {
        Response err;
        AuditSpec spec{"Role", "Create", "role"};
        if (auto refused = c.authorize(Permission::roles_modify, mtm::Target::of(tenant), &spec))
            return *refused;
        auto body = c.body(err);
        if (!body) return err;
        BodyReader in(*body);
        in.allow_only({"name", "description", "permissions"});
        mtm::RoleDraft d{in.string("name", true).value_or(""),
                         in.string("description").value_or(""),
                         in.strings("permissions", true).value_or(std::vector<std::string>{})};
        spec.object_name = d.name;
        if (!in.ok()) return c.invalid(in.errors(), tenant, spec);
        bool partner = c.home() != tenant;  // a partner caller creates a partner role
        auto role =
            mtm::create_role(c.world, tenant, partner ? mtm::Side::partner : mtm::Side::customer,
                             partner ? c.home() : mtm::TenantIx{}, d, c.options.ids);
        if (!role) return c.refuse(role.error(), tenant, spec);
        c.audit(tenant, spec, true);
        return Response::json(201, role_json(c.world, *role));
    });

    tenant_route(
        router, "PATCH", "/tenants/{tid}/roles/{id}", true, [](Call& c, mtm::TenantIx tenant) {
            Response err;
            auto r = visible_role(c, tenant, c.request.path_params[1]);
            if (!r) return Response::problem(not_found("No role " + c.request.path_params[1]));
            AuditSpec spec{"Role", "Update", c.world.role(*r).name};
            if (auto refused =
                    c.authorize(Permission::roles_modify, mtm::Target::of(c.world, *r), &spec))
                return *refused;
            if (!may_edit(c, c.world.role(*r), false))
                return c.refuse(
                    mtm::Error::conflict("not_your_role",
                                         "Only the partner that owns this role can edit it"),
                    tenant, spec);
            auto body = c.body(err);
            if (!body) return err;
            BodyReader in(*body);
            auto patch = read_role_patch(in);
            if (!in.ok()) return c.invalid(in.errors(), tenant, spec);
            if (auto stale = c.check_if_match(role_json(c.world, *r))) return *stale;
            auto res = mtm::update_role(c.world, *r, patch);
            if (!res) return c.refuse(res.error(), tenant, spec);
            c.audit(tenant, spec, true);
            return Response::json(200, role_json(c.world, *r));
        });

    tenant_route(
        router, "DELETE", "/tenants/{tid}/roles/{id}", true, [](Call& c, mtm::TenantIx tenant) {
            Response err;
            auto r = visible_role(c, tenant, c.request.path_params[1]);
            if (!r) return Response::problem(not_found("No role " + c.request.path_params[1]));
            AuditSpec spec{"Role", "Delete", c.world.role(*r).name};
            if (auto refused =
                    c.authorize(Permission::roles_modify, mtm::Target::of(c.world, *r), &spec))
                return *refused;
            if (!may_edit(c, c.world.role(*r), true))
                return c.refuse(
                    mtm::Error::conflict("not_your_role",
                                         "Only the partner that owns this role can delete it"),
                    tenant, spec);
            auto res = mtm::delete_role(c.world, *r);
            if (!res) return c.refuse(res.error(), tenant, spec);
            c.audit(tenant, spec, true);
            return Response::no_content();
        });

    tenant_route(
        router, "POST", "/tenants/{tid}/roles/{id}/assignments", true,
        [](Call& c, mtm::TenantIx tenant) {
            Response err;
            auto r = visible_role(c, tenant, c.request.path_params[1]);
            if (!r) return Response::problem(not_found("No role " + c.request.path_params[1]));
            AuditSpec spec{"Assignment", "Create", c.world.role(*r).name};
            if (auto refused =
                    c.authorize(Permission::roles_modify, mtm::Target::of(c.world, *r), &spec))
                return *refused;
            if (!may_edit(c, c.world.role(*r), false))
                return c.refuse(
                    mtm::Error::conflict("not_your_role",
                                         "Only the partner that owns this role can assign it"),
                    tenant, spec);
            auto body = c.body(err);
            if (!body) return err;
            BodyReader in(*body);
            in.allow_only({"name", "description", "emailNotifications", "members", "scope"});
            mtm::AssignmentDraft d;
            d.name = in.string("name", true).value_or("");
            d.description = in.string("description").value_or("");
            d.email_notifications = in.boolean("emailNotifications").value_or(false);
            d.members = in.members("members", true).value_or(std::vector<mtm::MemberDraft>{});
            d.scope = in.scope("scope", true).value_or(mtm::ScopeDraft{});
            spec.object_name += " / " + d.name;
            if (!in.ok()) return c.invalid(in.errors(), tenant, spec);
            auto a = mtm::add_assignment(c.world, *r, d, c.options.ids);
            if (!a) return c.refuse(a.error(), tenant, spec);
            c.audit(tenant, spec, true);
            return Response::json(201, assignment_json(c.world, *a));
        });

    // The assignment named in the path, within the visible role (else 404).
    auto assignment_of = [](Call& c, mtm::TenantIx t,
                            Response& err) -> std::optional<mtm::AssignmentIx> {
        auto r = visible_role(c, t, c.request.path_params[1]);
        auto a = r ? c.world.find_assignment(c.request.path_params[2]) : std::nullopt;
        if (!a || c.world.assignment(*a).role != *r) {
            err = Response::problem(
                not_found("No assignment " + c.request.path_params[2] + " in that role"));
            return std::nullopt;
        }
        return a;
    };

    tenant_route(router, "PATCH", "/tenants/{tid}/roles/{id}/assignments/{aid}", true,
                 [assignment_of](Call& c, mtm::TenantIx tenant) {
                     Response err;
                     auto a = assignment_of(c, tenant, err);
                     if (!a) return err;
                     mtm::RoleIx r = c.world.assignment(*a).role;
                     AuditSpec spec{"Assignment", "Update",
                                    c.world.role(r).name + " / " + c.world.assignment(*a).name};
                     if (auto refused = c.authorize(Permission::roles_modify,
                                                    mtm::Target::of(c.world, r), &spec))
                         return *refused;
                     if (!may_edit(c, c.world.role(r), false))
                         return c.refuse(mtm::Error::conflict(
                                             "not_your_role",
                                             "Only the partner that owns this role can edit it"),
                                         tenant, spec);
                     auto body = c.body(err);
                     if (!body) return err;
                     BodyReader in(*body);
                     auto patch = read_assignment_patch(in);
                     if (!in.ok()) return c.invalid(in.errors(), tenant, spec);
                     if (auto stale = c.check_if_match(assignment_json(c.world, *a))) return *stale;
                     auto res = mtm::update_assignment(c.world, *a, patch);
                     if (!res) return c.refuse(res.error(), tenant, spec);
                     c.audit(tenant, spec, true);
                     return Response::json(200, assignment_json(c.world, *a));
                 });

    tenant_route(router, "DELETE", "/tenants/{tid}/roles/{id}/assignments/{aid}", true,
                 [assignment_of](Call& c, mtm::TenantIx tenant) {
                     Response err;
                     auto a = assignment_of(c, tenant, err);
                     if (!a) return err;
                     mtm::RoleIx r = c.world.assignment(*a).role;
                     AuditSpec spec{"Assignment", "Delete",
                                    c.world.role(r).name + " / " + c.world.assignment(*a).name};
                     if (auto refused = c.authorize(Permission::roles_modify,
                                                    mtm::Target::of(c.world, r), &spec))
                         return *refused;
                     if (!may_edit(c, c.world.role(r), false))
                         return c.refuse(mtm::Error::conflict(
                                             "not_your_role",
                                             "Only the partner that owns this role can edit it"),
                                         tenant, spec);
                     auto res = mtm::delete_assignment(c.world, *a);
                     if (!res) return c.refuse(res.error(), tenant, spec);
                     c.audit(tenant, spec, true);
                     return Response::no_content();
                 });
}

}  // namespace trm
