#pragma once
// What every handler of Service works with: the request, the authenticated caller, the clock,
// and helpers that turn policy decisions and command results into API answers — and audit them.
// Internal to src/trm.
#include <functional>
#include <optional>
#include <string>

#include "mtm/actions.hpp"
#include "mtm/decide.hpp"
#include "trm/json_io.hpp"
#include "trm/service.hpp"

namespace trm {

// What an audit line keeps of an object's name and of a refusal's reason, in characters.
inline constexpr std::size_t kAuditNameLength = 256;
inline constexpr std::size_t kAuditDetailLength = 1024;

// How one request appears in the customer's audit log.
struct AuditSpec {
    const char* category;   // "Room", "Role", …
    const char* operation;  // "Create", "Update", "Delete"
    std::string object_name;
};

// An action route's request after the pipeline's first steps: the tenant and the object of its
// path resolved (not visible = not found) and the action allowed on it. `audit` names the
// object for the customer's audit log; handlers refine it (a create names what the body names).
struct Service::Resolved {
    mtm::TenantIx tenant;
    mtm::Target target;
    AuditSpec audit;
    json body = json::object();    // routes with a BodySpec: the parsed body
    std::optional<BodyReader> in;  // … and its reader (reads `body`; Resolved is never moved)
    std::uint32_t ix() const { return target.ix; }
    Resolved(mtm::TenantIx t, mtm::Target tg) : tenant(t), target(tg) {}
    Resolved(const Resolved&) = delete;
    Resolved& operator=(const Resolved&) = delete;
};

struct Service::Call {
    const Request& request;
    mtm::World& world;
    Store& store;
    mtm::UserIx caller;
    mtm::SignIn sign_in;  // how the caller signed in (journal replay: as it was accepted)
    mtm::Time now;
    const Options& options;
    std::vector<AuditRecord> audit_lines;  // committed with the change, after the handler

    const mtm::User& user() const { return world.user(caller); }
    mtm::TenantIx home() const { return world.user(caller).tenant; }

    // The request body as JSON; nullopt (and `error` set) when it is not JSON.
    std::optional<json> body(Response& error) const;

    // The tenant of a /tenants/{tid}/… path: 404 unless the caller can see the tenant.
    std::optional<mtm::TenantIx> tenant(const std::string& id, Response& error) const;

    // The action decided on its target → nullopt when allowed; otherwise the answer: 404 exactly
    // as for an id that does not exist, 403 naming what is missing, 409 for a role of the other
    // side. Refusals in a tenant the caller can see are audited when `audit` is given.
    std::optional<Response> authorize(mtm::Action a, const mtm::Target& target,
                                      const AuditSpec* audit = nullptr);
    Response refusal(const mtm::ActionDecision& d, const mtm::Target& target,
                     const AuditSpec* audit);

    // The pipeline's last steps for an action route: refused (422/409/404, audited as Failed),
    // or done (audited as Successful) with the response.
    Response refuse(const mtm::Error& e, const Resolved& res) {
        return refuse(e, res.tenant, res.audit);
    }
    Response invalid(const std::vector<FieldError>& errors, const Resolved& res) {
        return invalid(errors, res.tenant, res.audit);
    }
    // Body rule `rooms` (mtm::check_body_rooms) on the request's "roomIds": 422 for ids the
    // caller cannot see (as for ids that do not exist), 403 when the action's body permission is
    // missing on one of them; nullopt when every room passes.
    std::optional<Response> check_body_rooms(const Resolved& res, mtm::Action a,
                                             const std::vector<std::string>& ids) {
        auto body = mtm::check_body_rooms(world, caller, a, res.tenant, ids, "roomIds");
        if (!body.unknown.empty()) return invalid(to_field_errors(body.unknown), res);
        if (body.refused) return refusal(*body.refused, res.target, &res.audit);
        return std::nullopt;
    }
    Response done(const Resolved& res, Response response) {
        audit(res.tenant, res.audit, true);
        return response;
    }

    // Records an audit line in the target tenant's partition.
    void audit(mtm::TenantIx tenant, const AuditSpec& spec, bool success,
               const std::string& detail = {});

    // Maps a refused command to its status (422/409/404), audited as Failed.
    Response refuse(const mtm::Error& e, mtm::TenantIx tenant, const AuditSpec& spec);
    Response invalid(const std::vector<FieldError>& errors, mtm::TenantIx tenant,
                     const AuditSpec& spec);

    // If-Match: 409 when the client's etag is stale.
    std::optional<Response> check_if_match(const json& current) const;
};

// 400 for a bad query parameter.
Response bad_query(const std::string& name, const std::string& why);

// Cursor pagination over an already filtered list (API.md: ?limit= default 50, max 500).
Response page(const Request& r, std::vector<json> items);
// The same over a list of `total` items of which only the page's are built: lists filter on
// indices first and serialise just what they return.
Response page_of(const Request& r, std::size_t total, const std::function<json(std::size_t)>& item);

Response from_error(const mtm::Error& e);

}  // namespace trm
