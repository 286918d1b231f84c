#pragma once
// The TRM service logic, transport-free: every endpoint of ../shared/API.md as a handler on a
// Router. Each handler authenticates the caller, authorises with mtm::decide, applies the
// command through src/mtm, audits it on the customer's side, and answers with the new state or
// a problem document. trm-server puts it behind HTTP; the portal's offline backend calls the
// same Router in the page.
#include <atomic>
#include <chrono>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "mtm/actions.hpp"
#include "mtm/decide.hpp"
#include "mtm/operations.hpp"
#include "store/store.hpp"
#include "trm/rate_limit.hpp"
#include "trm/router.hpp"
#include "trm/tokens.hpp"

namespace trm {

using store::AuditQuery;
using store::AuditRecord;
using store::JournalEntry;
using store::MemoryStore;
using store::Store;

// A seed file (API.md "World file") that cannot be loaded: `field` names the bad entry,
// e.g. "rooms[12].tenantId".
struct SeedError : std::runtime_error {
    SeedError(std::string bad_field, std::string message)
        : std::runtime_error(bad_field + ": " + message), field(std::move(bad_field)) {}
    std::string field;
};

// Customer-wide service settings (Settings › General).
struct TenantSettings {
    std::string notification_email;
    std::string language = "en";
};

class Service {
  public:
    struct Options {
        std::function<mtm::Time()> clock;
        mtm::IdSource ids;   // UUIDs for new objects
        mtm::IdSource keys;  // enrollment keys
        bool dev_auth = false;
        // After a change the store could not take (disk full, I/O error), writes answer 503
        // with Retry-After for this long before the store is tried again.
        std::chrono::milliseconds store_retry{2000};
        // Recovery: serve what the store holds and refuse every change (503 read_only); with
        // replay_before, replay only the journal entries before that one (read-only implied).
        bool read_only = false;
        std::optional<std::int64_t> replay_before{};
        // Sign-in attempts and bad bearer tokens per client address and minute (a third of it
        // at once); 0: unlimited. In-process callers (no address) are never limited.
        int sign_in_per_minute = 60;
    };

    Service(Store& store, TokenService& tokens, Options options);

    // Rebuilds the world from the store: its seed (or `seed_if_new` for a new store, which is
    // then saved as the seed) and the replay of its journal. Throws SeedError naming a bad field.
    void open(const nlohmann::json* seed_if_new);
    // Loads an API.md world file into the (empty) world, without recording it in the store.
    void load_seed(const nlohmann::json& world);
    void register_routes(Router& router);
    // How many journal entries open() replayed.
    std::size_t replayed() const { return replayed_; }

    // For tests and benchmarks; never used by handlers concurrently with requests.
    const mtm::World& world() const { return world_; }
    mtm::World& mutable_world() { return world_; }
    mtm::Time now() const { return options_.clock(); }

    struct Call;      // one request in flight: caller, time, audit (trm/call.hpp)
    struct Resolved;  // an action route's tenant and object, resolved and allowed

  private:
    using Handler = std::function<Response(Call&)>;

    // The endpoint pipeline, written once: an action of mtm's catalogue registered at its
    // declared method and path; the tenant and the path's object resolved (an id the caller
    // cannot see is answered exactly like one that does not exist), the action decided on it
    // (refusals audited under `category`/`operation`), then `handler` reads the body, applies
    // the command and answers. `object`: how the audit names the object, given its name.
    using ActionHandler = std::function<Response(Call&, Resolved&)>;
    struct AuditAs {
        const char* category = nullptr;  // nullptr: a read, not audited
        const char* operation = nullptr;
        const char* prefix = "";  // "reset key of " + the object's name
    };
    void action_route(Router& router, mtm::Action action, AuditAs audit, ActionHandler handler);
    // A route that reads a body: after the action check the pipeline parses it (400 when it is
    // not JSON), compares If-Match with the etag of `current` — the object as the caller sees
    // it, for routes that honour If-Match — before the body is processed (409 `stale_etag`, as
    // RFC 9110 orders preconditions), and hands the handler a BodyReader (Resolved::in) that
    // already refuses members outside `fields`, so field errors are reported together.
    struct BodySpec {
        // nullopt: no such object (the handler answers 404), no precondition to check.
        using Current = std::function<std::optional<nlohmann::json>(Call&, const Resolved&)>;
        BodySpec() = default;
        BodySpec(std::initializer_list<const char*> members, Current object = {})
            : fields(members), current(std::move(object)) {}
        std::vector<const char*> fields;
        Current current;
    };
    void action_route(Router& router, mtm::Action action, AuditAs audit, BodySpec body,
                      ActionHandler handler);
    // Registers a route whose handler runs authenticated, under the right lock.
    void route(Router& router, const char* method, const std::string& pattern, bool mutates,
               Handler handler);

    // --- endpoints, grouped as API.md groups them (definitions in *_routes.cpp) ---
    void identity_routes(Router& router);
    void partner_routes(Router& router);
    void role_routes(Router& router);
    void room_routes(Router& router);
    void incident_routes(Router& router);
    void settings_routes(Router& router);

    // Storage faults: the world is put back as the store has it (seed + journal, replayed under
    // the write lock the failed change still holds), and writes pause for store_retry.
    void rebuild_from_store();
    bool replaying_here() const;  // this thread replays the journal (and holds the world)
    void pause_writes();
    std::optional<Response> writes_paused() const;
    int retry_seconds() const;
    std::atomic<std::int64_t> writes_paused_until_{0};  // steady_clock ticks

    // Draws an id or key: from the journal entry being replayed, or fresh (and recorded).
    std::string draw(const mtm::IdSource& fresh);

    Store& store_;
    TokenService& tokens_;
    Options options_;       // ids/keys wrapped by draw()
    Options raw_options_;   // as given
    Router replay_router_;  // the same routes, for journal replay
    bool replaying_ = false;
    std::optional<mtm::Time> replay_time_;
    std::vector<std::string> replay_generated_;
    std::size_t replay_next_ = 0;
    std::vector<std::string> generated_;  // drawn by the change in progress
    std::size_t replayed_ = 0;
    mtm::World world_;
    std::map<std::uint32_t, TenantSettings> settings_;  // by tenant index
    mutable std::shared_mutex mutex_;
    // Two budgets per address: sign-in attempts, and bad bearer tokens (a client that signs in
    // often must not lose its valid token's requests).
    std::unique_ptr<RateLimiter> sign_in_limiter_;
    std::unique_ptr<RateLimiter> bad_token_limiter_;
    // 429 with Retry-After when `peer` has used up `limiter`'s attempts (taking one if `take`).
    std::optional<Response> limit(RateLimiter* limiter, const std::string& peer, bool take);
};

}  // namespace trm
