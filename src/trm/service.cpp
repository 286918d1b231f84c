#include "trm/service.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "mtm/validation.hpp"
#include "trm/call.hpp"
#include "trm/health.hpp"

namespace trm {

namespace {
constexpr std::size_t kMaxJsonDepth = 32;

// The service whose journal this thread is replaying: its routes then run without locking (the
// thread has the world to itself) and without storing anything.
thread_local const Service* tl_replaying = nullptr;

struct ReplayScope {
    explicit ReplayScope(const Service* s) : previous(tl_replaying) { tl_replaying = s; }
    ~ReplayScope() { tl_replaying = previous; }
    ReplayScope(const ReplayScope&) = delete;
    ReplayScope& operator=(const ReplayScope&) = delete;
    const Service* previous;
};

// A change's turn at the store: reserved before the world is locked, used by the commit,
// released if the change ends without one.
class StoreTurn {
  public:
    explicit StoreTurn(Store& store) : store_(store) {}
    ~StoreTurn() {
        if (reserved_) store_.release();
    }
    StoreTurn(const StoreTurn&) = delete;
    StoreTurn& operator=(const StoreTurn&) = delete;
    void reserve() {
        store_.reserve();
        reserved_ = true;
    }
    void commit(const JournalEntry* entry, const std::vector<AuditRecord>& audit) {
        reserved_ = false;  // the commit ends the reservation, whether it succeeds or throws
        store_.commit(entry, audit);
    }

  private:
    Store& store_;
    bool reserved_ = false;
};

// 503 with Retry-After: the client's request was fine, the storage is not (yet).
Response store_unavailable(int retry_after_seconds) {
    Problem p;
    p.status = 503;
    p.code = "store_unavailable";
    p.title = status_title(503);
    p.detail = "The service cannot store changes right now; nothing was changed. Try again in " +
               std::to_string(retry_after_seconds) + " s";
    Response r = Response::problem(p);
    r.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
    return r;
}

// nlohmann parses any depth; refuse deep documents before they cost anything.
bool too_deep(const std::string& text) {
    std::size_t depth = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[') {
            if (++depth > kMaxJsonDepth) return true;
        } else if ((c == '}' || c == ']') && depth > 0)
            --depth;
    }
    return false;
}
}  // namespace

Service::Service(Store& store, TokenService& tokens, Options options)
    : store_(store), tokens_(tokens), options_(options), raw_options_(std::move(options)) {
    if (options_.replay_before) options_.read_only = true;  // a partial world takes no changes
    if (options_.sign_in_per_minute > 0) {
        double burst = std::max(1.0, options_.sign_in_per_minute / 3.0);
        double per_second = options_.sign_in_per_minute / 60.0;
        sign_in_limiter_ = std::make_unique<RateLimiter>(burst, per_second);
        bad_token_limiter_ = std::make_unique<RateLimiter>(burst, per_second);
    }
    // Every id and key a change draws is recorded, so the journal can replay it exactly.
    options_.ids = [this] { return draw(raw_options_.ids); };
    options_.keys = [this] { return draw(raw_options_.keys); };
    options_.clock = [this] { return replay_time_ ? *replay_time_ : raw_options_.clock(); };
    register_routes(replay_router_);
}

std::string Service::draw(const mtm::IdSource& fresh) {
    if (replaying_) {
        if (replay_next_ >= replay_generated_.size())
            throw SeedError("journal", "a replayed change drew more ids than it recorded");
        return replay_generated_[replay_next_++];
    }
    std::string v = fresh();
    generated_.push_back(v);
    return v;
}

void Service::open(const json* seed_if_new) {
    ReplayScope scope(this);
    auto saved = store_.seed();
    if (saved) {
        json meta = json::parse(*saved, nullptr, false);
        if (meta.is_discarded() || !meta.contains("world"))
            throw SeedError("store", "the stored seed is not readable");
        replaying_ = true;
        replay_generated_ = meta.value("generated", std::vector<std::string>{});
        replay_next_ = 0;
        replay_time_ = meta.value("time", mtm::Time{0});
        load_seed(meta["world"]);
    } else if (seed_if_new) {
        generated_.clear();
        replay_time_ = raw_options_.clock();
        load_seed(*seed_if_new);
        json meta = {{"world", *seed_if_new}, {"generated", generated_}, {"time", *replay_time_}};
        store_.set_seed(meta.dump());
    }
    for (const auto& e : store_.journal()) {
        if (options_.replay_before && e.seq >= *options_.replay_before) break;
        replaying_ = true;
        replay_generated_ = e.generated;
        replay_next_ = 0;
        replay_time_ = e.time;
        Response r = replay_router_.dispatch(e.method, e.target, {}, e.body, e.user_id);
        if (r.status >= 300) {
            json problem = json::parse(r.body, nullptr, false);
            std::string why = problem.is_object() ? problem.value("detail", std::string()) : "";
            throw SeedError("journal entry " + std::to_string(e.seq),
                            e.method + " " + e.target + " by " + e.user_id + " at " +
                                iso_time(e.time) + " no longer replays: it answered " +
                                std::to_string(r.status) + (why.empty() ? "" : " (" + why + ")") +
                                ". The entries before it are intact: start with --replay-before " +
                                std::to_string(e.seq) + " to serve them read-only");
        }
        ++replayed_;
    }
    replaying_ = false;
    replay_time_.reset();
    generated_.clear();
}

void Service::rebuild_from_store() {
    try {
        world_ = mtm::World{};
        settings_.clear();
        replayed_ = 0;
        open(nullptr);
    } catch (const std::exception& e) {
        // Neither the change nor the state before it can be served: stop; a restart replays
        // the journal on disk, which is consistent.
        std::fprintf(stderr, "trm: cannot rebuild the world from the store (%s); stopping\n",
                     e.what());
        std::abort();
    }
}

std::optional<Response> Service::limit(RateLimiter* limiter, const std::string& peer, bool take) {
    if (!limiter || peer.empty()) return std::nullopt;
    auto wait = take ? limiter->take(peer) : limiter->exhausted(peer);
    if (!wait) return std::nullopt;
    Problem p;
    p.status = 429;
    p.code = "too_many_attempts";
    p.title = status_title(429);
    p.detail = "Too many sign-in attempts or bad tokens from your address; try again in " +
               std::to_string(*wait) + " s";
    Response r = Response::problem(p);
    r.headers.emplace_back("Retry-After", std::to_string(*wait));
    return r;
}

bool Service::replaying_here() const {
    return tl_replaying == this;
}

void Service::pause_writes() {
    auto until = std::chrono::steady_clock::now() + options_.store_retry;
    writes_paused_until_ = until.time_since_epoch().count();
}

std::optional<Response> Service::writes_paused() const {
    auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    if (now >= writes_paused_until_.load()) return std::nullopt;
    return store_unavailable(retry_seconds());
}

int Service::retry_seconds() const {
    auto ms = options_.store_retry.count();
    return static_cast<int>(std::max<long long>(1, (ms + 999) / 1000));
}

// --- Call ------------------------------------------------------------------------------------

std::optional<json> Service::Call::body(Response& error) const {
    const std::string& text = request.body;
    if (text.empty()) return json::object();  // action endpoints accept an empty body
    if (too_deep(text)) {
        error = Response::problem(bad_request(
            "The JSON body nests deeper than " + std::to_string(kMaxJsonDepth) + " levels",
            "json_too_deep"));
        return std::nullopt;
    }
    json parsed = json::parse(text, nullptr, false);
    if (parsed.is_discarded()) {
        error =
            Response::problem(bad_request("The request body is not valid JSON", "malformed_json"));
        return std::nullopt;
    }
    return parsed;
}

std::optional<mtm::TenantIx> Service::Call::tenant(const std::string& id, Response& error) const {
    auto t = world.find_tenant(id);
    if (!t || !mtm::tenant_visible(world, caller, *t)) {
        error = Response::problem(not_found("No customer with id " + id + " is visible to you"));
        return std::nullopt;
    }
    return t;
}

void Service::Call::audit(mtm::TenantIx tenant, const AuditSpec& spec, bool success,
                          const std::string& detail) {
    AuditRecord rec;
    rec.category = spec.category;
    // A refused request may name anything (a 1 MB title): the audit keeps a bounded name, so
    // refusals cannot inflate the customer's log.
    rec.object_name = mtm::bounded(spec.object_name, kAuditNameLength);
    rec.operation = spec.operation;
    rec.result_status = success ? "Successful" : "Failed";
    rec.tenant_id = world.tenant(tenant).id;
    rec.time = now;
    rec.user_id = user().id;
    rec.user_tenant_id = world.tenant(home()).id;
    rec.detail = mtm::bounded(detail, kAuditDetailLength);
    audit_lines.push_back(std::move(rec));
}

std::optional<Response> Service::Call::authorize(mtm::Action a, const mtm::Target& target,
                                                 const AuditSpec* spec) {
    mtm::ActionDecision d = mtm::decide(world, caller, a, target, sign_in);
    if (d.allowed()) return std::nullopt;
    return refusal(d, target, spec);
}

Response Service::Call::refusal(const mtm::ActionDecision& d, const mtm::Target& target,
                                const AuditSpec* spec) {
    std::string why = mtm::reason_text(d);
    if (spec && d.outcome != mtm::Outcome::not_visible) audit(target.tenant, *spec, false, why);
    switch (d.refusal) {
        case mtm::Refusal::none:
        case mtm::Refusal::not_visible:
            break;
        case mtm::Refusal::not_role_owner:
            return Response::problem(conflict(why, "not_your_role"));
        case mtm::Refusal::not_primary_admin: {
            Problem p = forbidden(why, "");
            p.missing.reset();
            p.code = "not_primary_admin";
            return Response::problem(p);
        }
        case mtm::Refusal::mfa_required: {
            Problem p = forbidden(why, "");
            p.missing.reset();
            p.code = "mfa_required";
            return Response::problem(p);
        }
        case mtm::Refusal::missing_permission: {
            Response r = Response::problem(forbidden(why, std::string(mtm::to_id(d.missing))));
            // Which roles of the caller's side would grant it, by name: the portal shows them.
            json body = json::parse(r.body);
            json roles = json::array();
            for (auto role : mtm::roles_in_context(world, caller, target.tenant))
                if (world.role(role).permissions.has(d.missing))
                    roles.push_back(world.role(role).name);
            body["grantedBy"] = roles;
            r.body = body.dump();
            return r;
        }
    }
    return Response::problem(not_found("Not found, or outside the rooms you may manage"));
}

Response from_error(const mtm::Error& e) {
    switch (e.kind) {
        case mtm::Error::Kind::invalid:
            return Response::problem(unprocessable(to_field_errors(e.fields)));
        case mtm::Error::Kind::conflict:
            return Response::problem(conflict(e.message, e.code));
        case mtm::Error::Kind::not_found:
            return Response::problem(not_found(e.message));
    }
    return Response::problem(internal_error("unknown error kind"));
}

Response Service::Call::refuse(const mtm::Error& e, mtm::TenantIx tenant, const AuditSpec& spec) {
    audit(tenant, spec, false, e.message);
    return from_error(e);
}

Response Service::Call::invalid(const std::vector<FieldError>& errors, mtm::TenantIx tenant,
                                const AuditSpec& spec) {
    Problem p = unprocessable(errors);
    audit(tenant, spec, false, p.detail);
    return Response::problem(p);
}

std::optional<Response> Service::Call::check_if_match(const json& current) const {
    auto tag = request.header("if-match");
    if (!tag || *tag == "*") return std::nullopt;
    if (*tag == current.value("etag", std::string())) return std::nullopt;
    return Response::problem(conflict(
        "The object changed since you read it (If-Match does not match its etag)", "stale_etag"));
}

Response bad_query(const std::string& name, const std::string& why) {
    return Response::problem(bad_request("Query parameter '" + name + "' " + why, "bad_query"));
}

Response page_of(const Request& r, std::size_t total,
                 const std::function<json(std::size_t)>& item) {
    std::size_t limit = 50, offset = 0;
    if (auto l = r.query_value("limit")) {
        char* end = nullptr;
        long v = std::strtol(l->c_str(), &end, 10);
        if (l->empty() || *end != '\0' || v < 1 || v > 500)
            return bad_query("limit", "must be a number from 1 to 500");
        limit = static_cast<std::size_t>(v);
    }
    if (auto c = r.query_value("cursor")) {
        // The cursor is an opaque token to clients; today it is the offset of the next item.
        char* end = nullptr;
        long v = std::strtol(c->c_str(), &end, 10);
        if (c->empty() || *end != '\0' || v < 0 || static_cast<std::size_t>(v) > total)
            return bad_query("cursor", "is not a cursor this list handed out");
        offset = static_cast<std::size_t>(v);
    }
    json out = json::array();
    for (std::size_t i = offset; i < total && i < offset + limit; ++i) out.push_back(item(i));
    json next = offset + limit < total ? json(std::to_string(offset + limit)) : json(nullptr);
    return Response::json(200, {{"items", out}, {"nextCursor", next}});
}

Response page(const Request& r, std::vector<json> items) {
    return page_of(r, items.size(), [&](std::size_t i) { return std::move(items[i]); });
}

// --- routing ----------------------------------------------------------------------------------

void Service::route(Router& router, const char* method, const std::string& pattern, bool mutates,
                    Handler handler) {
    router.add(
        method, "/api/v1" + pattern,
        [this, mutates, handler = std::move(handler)](const Request& r) {
            std::optional<Bearer> bearer;
            // In-process callers (journal replay) act as a user whose request was accepted.
            if (r.internal_user) bearer = Bearer{*r.internal_user, {}, true};
            if (!bearer) {
                auto auth = r.header("authorization");
                const std::string prefix = "Bearer ";
                if (!auth || auth->size() <= prefix.size() ||
                    auth->compare(0, prefix.size(), prefix) != 0)
                    return Response::problem(
                        unauthorized("Sign in first: send Authorization: Bearer <token>"));
                // A client that spent its bad-token attempts waits before anything it sends is
                // even verified; a valid token never costs an attempt.
                if (auto limited = limit(bad_token_limiter_.get(), r.peer, false)) return *limited;
                bearer = tokens_.verify(auth->substr(prefix.size()));
                if (!bearer) {
                    if (auto limited = limit(bad_token_limiter_.get(), r.peer, true))
                        return *limited;
                    return Response::problem(
                        unauthorized("The token is invalid or has expired; sign in again"));
                }
            }
            // Replay (at open, or rebuilding after a storage fault) runs in a thread that already
            // has the world to itself.
            bool replay = tl_replaying == this;
            // A change first waits for its turn at the store, holding nothing, so a busy
            // database never holds up readers; then it takes the world.
            StoreTurn turn(store_);
            if (mutates && !replay && options_.read_only) {
                Problem p;
                p.status = 503;
                p.code = "read_only";
                p.title = status_title(503);
                p.detail = "The service runs read-only (recovery mode): changes are refused";
                return Response::problem(p);
            }
            if (mutates && !replay) {
                if (auto paused = writes_paused()) return *paused;
                try {
                    turn.reserve();
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "trm: the store cannot take a change: %s\n", e.what());
                    return store_unavailable(1);
                }
            }
            std::shared_lock<std::shared_mutex> read(mutex_, std::defer_lock);
            std::unique_lock<std::shared_mutex> write(mutex_, std::defer_lock);
            if (!replay && mutates)
                write.lock();
            else if (!replay)
                read.lock();
            auto user = bearer->user_id.empty()
                            ? world_.find_user_by_upn(mtm::lower(mtm::trimmed(bearer->upn)))
                            : world_.find_user(bearer->user_id);
            if (!user)
                return Response::problem(unauthorized(
                    bearer->user_id.empty() ? "The identity provider signed you in as " +
                                                  mtm::bounded(bearer->upn, 128) +
                                                  ", who is not in this service's directory"
                                            : std::string("The signed-in user no longer exists")));
            if (!replaying_) generated_.clear();
            Call call{r,
                      world_,
                      store_,
                      *user,
                      mtm::SignIn{bearer->mfa},
                      options_.clock(),
                      options_,
                      std::vector<AuditRecord>{}};
            Response response = handler(call);
            if (replay || (call.audit_lines.empty() && !(mutates && response.status < 300)))
                return response;  // (a reservation not used is released by `turn`)
            // A read's audit lines (refusals) are stored after the world is let go.
            if (!mutates) read.unlock();

            // Accepted changes go to the journal with what they drew; refusals only to the audit
            // log.
            bool accepted = mutates && response.status >= 200 && response.status < 300;
            JournalEntry entry;
            if (accepted) {
                entry.tenant_id = call.audit_lines.empty() ? world_.tenant(call.home()).id
                                                           : call.audit_lines.front().tenant_id;
                entry.time = call.now;
                entry.user_id = world_.user(*user).id;
                entry.method = r.method;
                entry.target = r.target;
                entry.body = r.body;
                entry.generated = generated_;
            }
            try {
                turn.commit(accepted ? &entry : nullptr, call.audit_lines);
            } catch (const std::exception& e) {
                if (!accepted) {
                    std::fprintf(stderr, "trm: cannot store audit lines: %s\n", e.what());
                    return store_unavailable(1);
                }
                // The change is in memory but not on disk. Nobody has seen it (the world is still
                // ours): put the world back as the store has it, and pause writes a moment.
                std::fprintf(stderr,
                             "trm: cannot persist a change (%s %s): %s; undoing it and refusing "
                             "writes for %lld ms\n",
                             r.method.c_str(), r.target.c_str(), e.what(),
                             static_cast<long long>(options_.store_retry.count()));
                rebuild_from_store();
                pause_writes();
                return store_unavailable(retry_seconds());
            }
            return response;
        });
}

namespace {

// The audit category of an action's objects, for refusals of reads (which name none): from its
// path, /tenants/{tid}/<collection>/….
const char* audit_category(const mtm::ActionSpec& s) {
    if (s.path.find("/assignments") != std::string_view::npos) return "Assignment";
    static constexpr std::pair<std::string_view, const char*> kCollections[] = {
        {"/rooms", "Room"},
        {"/room-groups", "RoomGroup"},
        {"/update-rings", "UpdateRing"},
        {"/incidents", "Ticket"},
        {"/roles", "Role"},
        {"/reports", "Room"},
    };
    std::string_view rest =
        s.path.substr(std::min(s.path.size(), std::string_view("/tenants/{tid}").size()));
    for (const auto& [prefix, category] : kCollections)
        if (rest.starts_with(prefix)) return category;
    return "Settings";
}

// How a 404 names the path's object: the same words whether it does not exist or is not
// visible to the caller.
const char* kind_name(mtm::TargetKind k) {
    switch (k) {
        case mtm::TargetKind::room:
            return "room";
        case mtm::TargetKind::room_group:
            return "room group";
        case mtm::TargetKind::ring:
            return "update ring";
        case mtm::TargetKind::incident:
            return "incident";
        case mtm::TargetKind::role:
            return "role";
        case mtm::TargetKind::invitation:
            return "invitation";
        case mtm::TargetKind::none:
        case mtm::TargetKind::tenant:
            break;
    }
    return "customer";
}

// The object of the path in `tenant`, by the action's target kind; nullopt when there is none.
std::optional<std::uint32_t> find_object(const mtm::World& w, mtm::TargetKind k,
                                         mtm::TenantIx tenant, const std::string& id) {
    switch (k) {
        case mtm::TargetKind::room:
            if (auto r = w.find_room(id); r && w.room(*r).tenant == tenant) return r->v;
            break;
        case mtm::TargetKind::room_group:
            if (auto g = w.find_room_group(id); g && w.room_group(*g).tenant == tenant) return g->v;
            break;
        case mtm::TargetKind::ring:
            if (auto r = w.find_ring(id); r && w.ring(*r).tenant == tenant) return r->v;
            break;
        case mtm::TargetKind::incident:
            if (auto i = w.find_incident(id); i && w.incident(*i).tenant == tenant) return i->v;
            break;
        case mtm::TargetKind::role:
            if (auto r = w.find_role(id); r && w.role(*r).customer == tenant) return r->v;
            break;
        case mtm::TargetKind::invitation:
            if (auto i = w.find_invitation(id)) return i->v;  // visible only to its contacts
            break;
        default:
            break;
    }
    return std::nullopt;
}

std::string object_name(const mtm::World& w, const mtm::Target& t) {
    switch (t.kind) {
        case mtm::Target::Kind::room:
            return w.room(mtm::RoomIx{t.ix}).display_name;
        case mtm::Target::Kind::room_group:
            return w.room_group(mtm::RoomGroupIx{t.ix}).name;
        case mtm::Target::Kind::ring:
            return w.ring(mtm::RingIx{t.ix}).name;
        case mtm::Target::Kind::incident:
            return w.incident(mtm::IncidentIx{t.ix}).title;
        case mtm::Target::Kind::role:
            return w.role(mtm::RoleIx{t.ix}).name;
        case mtm::Target::Kind::tenant:
            return w.tenant(mtm::TenantIx{t.ix}).name;
        default:
            break;
    }
    return {};
}

}  // namespace

void Service::action_route(Router& router, mtm::Action action, AuditAs as, ActionHandler handler) {
    action_route(router, action, as, BodySpec{}, std::move(handler));
}

void Service::action_route(Router& router, mtm::Action action, AuditAs as, BodySpec body,
                           ActionHandler handler) {
    // Routes without a BodySpec do not read the body (API.md: action endpoints take none).
    bool reads_body = !body.fields.empty();
    const mtm::ActionSpec& spec = mtm::spec(action);
    route(router, std::string(spec.method).c_str(), std::string(spec.path), spec.mutates,
          [action, as, reads_body, body = std::move(body), handler = std::move(handler)](Call& c) {
              const mtm::ActionSpec& s = mtm::spec(action);
              Resolved res(c.home(), mtm::Target::of(c.home()));
              const auto& params = c.request.path_params;
              // /tenants/{tid}/… and /customers/{tid}: the tenant is the path's first id (404
              // unless the caller can see it); anything else acts in the caller's own tenant.
              bool tenant_path =
                  s.path.starts_with("/tenants/") || s.path.starts_with("/customers/");
              if (tenant_path) {
                  Response err;
                  auto t = c.tenant(params[0], err);
                  if (!t) return err;
                  res.tenant = *t;
                  res.target = mtm::Target::of(*t);
              }
              bool object_first = s.target == mtm::TargetKind::invitation;  // /invitations/{id}
              auto not_found_here = [&] {
                  std::string id = params.size() > 1 ? params[1]
                                   : params.empty()  ? std::string(s.path)
                                                     : params[0];
                  return Response::problem(not_found(std::string("No ") + kind_name(s.target) +
                                                     " " + id + " is visible to you"));
              };
              if (s.target != mtm::TargetKind::tenant && s.target != mtm::TargetKind::none) {
                  auto ix = find_object(c.world, s.target, res.tenant,
                                        object_first ? params[0] : params[1]);
                  if (!ix) return not_found_here();
                  res.target = mtm::target_of(c.world, action, res.tenant, *ix);
                  res.tenant = res.target.tenant;  // an invitation: its customer's audit
              }
              res.audit.category = as.category ? as.category : "";
              res.audit.operation = as.operation ? as.operation : "";
              res.audit.object_name = std::string(as.prefix) + object_name(c.world, res.target);
              mtm::ActionDecision d = mtm::decide(c.world, c.caller, action, res.target, c.sign_in);
              if (d.outcome == mtm::Outcome::not_visible) return not_found_here();
              if (d.refusal == mtm::Refusal::mfa_required && !as.category) {
                  // The customer's audit records every access its MFA condition refused, reads
                  // included: it is how the customer sees a partner trying without MFA.
                  res.audit.category = audit_category(s);
                  res.audit.operation = "Read";
                  return c.refusal(d, res.target, &res.audit);
              }
              if (!d.allowed()) return c.refusal(d, res.target, as.category ? &res.audit : nullptr);
              if (reads_body) {
                  Response err;
                  auto parsed = c.body(err);
                  if (!parsed) return err;
                  if (body.current)
                      if (auto now = body.current(c, res))
                          if (auto stale = c.check_if_match(*now)) return *stale;
                  res.body = std::move(*parsed);
                  res.in.emplace(res.body);
                  res.in->allow_only(body.fields);
              }
              return handler(c, res);
          });
}

void Service::register_routes(Router& router) {
    router.add("GET", "/api/v1/health", [this](const Request&) {
        Health h = current_health();
        h.dev_login = options_.dev_auth;
        return Response::json(200, h.to_json());
    });
    identity_routes(router);
    partner_routes(router);
    role_routes(router);
    room_routes(router);
    incident_routes(router);
    settings_routes(router);
}

}  // namespace trm
