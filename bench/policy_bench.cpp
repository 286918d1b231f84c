// decide() cost against world size: median nanoseconds per call for worlds of 1k, 100k and 1M
// assignments, beside a raw hash-lookup baseline over the same queries. Built natively and as
// WebAssembly (run under node); numbers go to docs/BENCHMARKS.md with the command.
//
//   build/native/bench/policy_bench            node --no-experimental-fetch
//   build/web/bench/policy_bench.js
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "mtm/decide.hpp"
#include "mtm/operations.hpp"

using namespace mtm;

namespace {

struct Rng {
    std::uint64_t s;
    std::uint32_t below(std::uint32_t n) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return static_cast<std::uint32_t>(s >> 11) % n;
    }
};

struct Query {
    UserIx user;
    Permission permission;
    Target target;
};

struct Bench {
    World w;
    std::vector<UserIx> users;
    std::vector<Query> queries;      // cold: a random user each time (a busy server's worst case)
    std::vector<Query> hot_queries;  // hot: 16 users over all their rooms (the portal's case)
};

// A world with `assignments` assignments: customers of 50 rooms and 5 room groups each, 10
// custom roles per customer, one user per assignment (each user holds ~4 assignments).
void build(Bench& b, std::size_t assignments) {
    Rng rng{0x1234567ull + assignments};
    std::size_t customers = std::max<std::size_t>(10, assignments / 1000);
    std::size_t per_customer = assignments / customers;
    int id = 0;
    IdSource ids = [&] { return "x" + std::to_string(++id); };
    World& w = b.w;
    for (std::size_t c = 0; c < customers; ++c) {
        std::string name = "c" + std::to_string(c);
        TenantIx t = w.add_tenant(Tenant{ids(), name, name + ".example", false});
        std::vector<RoomGroupIx> groups;
        for (int g = 0; g < 5; ++g)
            groups.push_back(w.add_room_group(RoomGroup{ids(), t, "g", true}));
        for (int r = 0; r < 50; ++r) {
            Room room;
            room.id = ids();
            room.tenant = t;
            room.groups = {groups[static_cast<std::size_t>(r) % 5]};
            w.add_room(std::move(room));
        }
        std::vector<RoleIx> roles;
        for (int k = 0; k < 10; ++k) {
            Role role;
            role.id = ids();
            role.customer = t;
            role.name = "r" + std::to_string(k);
            role.permissions = PermissionSet(rng.below(1u << 20) | 1u);
            roles.push_back(w.add_role(std::move(role)));
        }
        std::size_t user_count = std::max<std::size_t>(1, per_customer / 4);
        std::vector<UserIx> users;
        for (std::size_t u = 0; u < user_count; ++u) {
            users.push_back(
                w.add_user(User{ids(), t, "u" + std::to_string(id) + "@" + name + ".example", ""}));
            b.users.push_back(users.back());
        }
        for (std::size_t a = 0; a < per_customer; ++a) {
            Assignment asg;
            asg.id = ids();
            asg.role = roles[rng.below(10)];
            asg.members = {
                Member::user(users[rng.below(static_cast<std::uint32_t>(users.size()))])};
            switch (rng.below(3)) {
                case 0:
                    asg.scope = Scope::everything();
                    break;
                case 1:
                    asg.scope.room_groups = {groups[rng.below(5)]};
                    break;
                default: {
                    const auto& rooms = w.rooms_of(t);
                    for (int k = 0; k < 3; ++k) asg.scope.rooms.push_back(rooms[rng.below(50)]);
                    std::sort(asg.scope.rooms.begin(), asg.scope.rooms.end());
                    asg.scope.rooms.erase(
                        std::unique(asg.scope.rooms.begin(), asg.scope.rooms.end()),
                        asg.scope.rooms.end());
                }
            }
            w.add_assignment(std::move(asg));
        }
    }
    auto query_for = [&](UserIx u) {
        const auto& rooms = w.rooms_of(w.user(u).tenant);
        RoomIx r = rooms[rng.below(static_cast<std::uint32_t>(rooms.size()))];
        return Query{u, static_cast<Permission>(rng.below(20)), Target::of(w, r)};
    };
    std::vector<UserIx> hot;
    for (int i = 0; i < 16; ++i)
        hot.push_back(b.users[rng.below(static_cast<std::uint32_t>(b.users.size()))]);
    for (int q = 0; q < 4096; ++q) {
        b.queries.push_back(
            query_for(b.users[rng.below(static_cast<std::uint32_t>(b.users.size()))]));
        b.hot_queries.push_back(query_for(hot[static_cast<std::size_t>(q) % hot.size()]));
    }
}

double now_ns() {
    return static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

// Median over `rounds` of the mean time per call in one pass over all queries.
template <class F>
double median_ns(std::size_t calls_per_round, int rounds, F&& run_round) {
    std::vector<double> samples;
    for (int i = 0; i < rounds; ++i) {
        double t0 = now_ns();
        run_round();
        samples.push_back((now_ns() - t0) / static_cast<double>(calls_per_round));
    }
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

volatile std::uint64_t sink;

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::size_t> sizes = {1000, 100000, 1000000};
    if (argc > 1) sizes = {static_cast<std::size_t>(std::atol(argv[1]))};
#ifdef __EMSCRIPTEN__
    const char* platform = "wasm (node)";
#else
    const char* platform = "native";
#endif
    std::printf("decide() median ns per call, %s\n", platform);
    std::printf("%12s %10s %14s %14s %14s %10s\n", "assignments", "build s", "hot decide ns",
                "cold decide ns", "hash ns", "allowed %");
    for (std::size_t n : sizes) {
        Bench b;
        double t0 = now_ns();
        build(b, n);
        double build_s = (now_ns() - t0) / 1e9;

        // Baseline: one hash lookup per query (what a precomputed (user, room) → bits table costs).
        std::unordered_map<std::uint64_t, std::uint32_t> table;
        for (const auto& q : b.queries)
            table[(std::uint64_t{q.user.v} << 32) | q.target.ix] = 0xFFFFF;
        std::size_t allowed = 0;
        for (const auto& q : b.queries)
            allowed += decide(b.w, q.user, q.permission, q.target).allowed();

        auto run = [&](const std::vector<Query>& qs) {
            return median_ns(qs.size(), 301, [&] {
                std::uint64_t acc = 0;
                for (const auto& q : qs)
                    acc += static_cast<std::uint64_t>(
                        decide(b.w, q.user, q.permission, q.target).outcome);
                sink = acc;
            });
        };
        double hot_ns = run(b.hot_queries);
        double cold_ns = run(b.queries);
        double hash_ns = median_ns(b.queries.size(), 301, [&] {
            std::uint64_t acc = 0;
            for (const auto& q : b.queries) {
                auto it = table.find((std::uint64_t{q.user.v} << 32) | q.target.ix);
                acc += (it->second >> static_cast<unsigned>(q.permission)) & 1u;
            }
            sink = acc;
        });
        std::printf("%12zu %10.2f %14.1f %14.1f %14.1f %10.1f\n", n, build_s, hot_ns, cold_ns,
                    hash_ns,
                    100.0 * static_cast<double>(allowed) / static_cast<double>(b.queries.size()));
        std::fflush(stdout);
    }
    return 0;
}
