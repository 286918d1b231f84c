// Issue #7, our side of the peer comparison: loads the generated world (bench/peers/generate.mjs)
// into an mtm::World, answers the same requests as Cedar, Casbin and CASL, applies the same
// changes through the service's own operations (update_assignment, update_role), and times
// itself. Built natively and as WebAssembly (run under node); bench/peers/run.mjs drives both.
//
//   peers_driver <dir>     reads <dir>/world.json and <dir>/requests.json,
//                          writes <dir>/<engine>.decisions, prints one JSON line of results
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mtm/decide.hpp"
#include "mtm/operations.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#else
#include <malloc.h>
#endif

using json = nlohmann::json;
using namespace mtm;

namespace {

#ifdef __EMSCRIPTEN__
constexpr const char* kEngine = "ours-wasm";
#else
constexpr const char* kEngine = "ours-native";
#endif

double now_ns() {
    return static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

// Resident set size in bytes: /proc/self/status natively; under node, the process's RSS (the
// wasm memory is part of it) read through node's own API.
double rss_bytes() {
#ifdef __EMSCRIPTEN__
    return EM_ASM_DOUBLE({ return process.memoryUsage().rss; });
#else
    malloc_trim(0);
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) * 1024.0;
    return 0;
#endif
}

json read_json(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "peers_driver: cannot read %s\n", path.c_str());
        std::exit(2);
    }
    std::stringstream ss;
    ss << in.rdbuf();
    json j = json::parse(ss.str(), nullptr, false);
    if (j.is_discarded()) {
        std::fprintf(stderr, "peers_driver: %s is not JSON\n", path.c_str());
        std::exit(2);
    }
    return j;
}

template <class T>
std::vector<T> ints(const json& j) {
    std::vector<T> out;
    out.reserve(j.size());
    for (const auto& x : j) out.push_back(x.get<T>());
    return out;
}

std::string sid(const char* prefix, std::size_t i) {
    return prefix + std::to_string(i);
}

Scope scope_of(const json& j) {
    Scope s;
    s.all_rooms = j.at("all").get<bool>();
    for (const auto& r : j.at("rooms")) s.rooms.push_back(RoomIx{r.get<std::uint32_t>()});
    for (const auto& g : j.at("roomGroups"))
        s.room_groups.push_back(RoomGroupIx{g.get<std::uint32_t>()});
    std::sort(s.rooms.begin(), s.rooms.end());
    std::sort(s.room_groups.begin(), s.room_groups.end());
    return s;
}

// The world file → World, through the World's own mutators (as policy_bench does): the world
// is valid by construction, so the operations' validation would only repeat itself.
void build(World& w, const json& j) {
    const auto partner = ints<int>(j.at("tenants").at("partner"));
    for (std::size_t t = 0; t < partner.size(); ++t) {
        std::string id = sid("t", t);
        w.add_tenant(Tenant{id, "Tenant " + id, id + ".example", partner[t] != 0});
    }
    const auto user_tenant = ints<std::uint32_t>(j.at("users").at("tenant"));
    for (std::size_t u = 0; u < user_tenant.size(); ++u)
        w.add_user(User{sid("u", u), TenantIx{user_tenant[u]},
                        sid("u", u) + "@" + sid("t", user_tenant[u]) + ".example", ""});
    const auto& groups = j.at("groups");
    const auto group_tenant = ints<std::uint32_t>(groups.at("tenant"));
    for (std::size_t g = 0; g < group_tenant.size(); ++g) {
        SecurityGroup sg{sid("sg", g), TenantIx{group_tenant[g]}, "group", {}};
        for (const auto& u : groups.at("members").at(g))
            sg.members.push_back(UserIx{u.get<std::uint32_t>()});
        w.add_group(std::move(sg));
    }
    const auto rg_tenant = ints<std::uint32_t>(j.at("roomGroups").at("tenant"));
    for (std::size_t g = 0; g < rg_tenant.size(); ++g)
        w.add_room_group(RoomGroup{sid("rg", g), TenantIx{rg_tenant[g]}, "room group", true});
    const auto& rooms = j.at("rooms");
    const auto room_tenant = ints<std::uint32_t>(rooms.at("tenant"));
    const auto enrolled = ints<int>(rooms.at("enrolled"));
    const auto& room_groups = rooms.at("groups");
    for (std::size_t r = 0; r < room_tenant.size(); ++r) {
        Room room;
        room.id = sid("r", r);
        room.tenant = TenantIx{room_tenant[r]};
        room.enrolled = enrolled[r] != 0;
        for (const auto& g : room_groups.at(r))
            room.groups.push_back(RoomGroupIx{g.get<std::uint32_t>()});
        w.add_room(std::move(room));
    }
    // Relationships before the partner roles' assignments: grants of partner roles are clipped
    // by (and only exist with) the relationship.
    std::vector<RelationshipIx> rels;
    for (const auto& rel : j.at("relationships"))
        rels.push_back(w.add_relationship(Relationship{
            TenantIx{rel.at("customer").get<std::uint32_t>()},
            TenantIx{rel.at("partner").get<std::uint32_t>()}, 0, scope_of(rel), RoleIx{}, true}));
    const auto& roles = j.at("roles");
    for (std::size_t r = 0; r < roles.size(); ++r) {
        const auto& jr = roles.at(r);
        Role role;
        role.id = sid("ro", r);
        role.customer = TenantIx{jr.at("customer").get<std::uint32_t>()};
        int p = jr.at("partner").get<int>();
        role.side = p >= 0 ? Side::partner : Side::customer;
        if (p >= 0) role.partner = TenantIx{static_cast<std::uint32_t>(p)};
        auto builtin = parse_builtin_key(jr.at("builtIn").get<std::string>());
        role.built_in = builtin.value_or(BuiltInRole::none);
        role.name = role.built_in != BuiltInRole::none ? std::string(builtin_name(role.built_in))
                                                       : "Custom " + role.id;
        role.permissions = PermissionSet(jr.at("permissions").get<std::uint32_t>());
        w.add_role(std::move(role));
    }
    const auto& asgs = j.at("assignments");
    for (std::size_t a = 0; a < asgs.size(); ++a) {
        const auto& ja = asgs.at(a);
        Assignment asg;
        asg.id = sid("a", a);
        asg.role = RoleIx{ja.at("role").get<std::uint32_t>()};
        asg.name = "assignment " + asg.id;
        for (const auto& u : ja.at("users"))
            asg.members.push_back(Member::user(UserIx{u.get<std::uint32_t>()}));
        for (const auto& g : ja.at("groups"))
            asg.members.push_back(Member::group(GroupIx{g.get<std::uint32_t>()}));
        asg.scope = scope_of(ja);
        w.add_assignment(std::move(asg));
    }
    for (std::size_t k = 0; k < rels.size(); ++k)
        w.set_primary_admins(
            rels[k], RoleIx{j.at("relationships").at(k).at("primaryAdmins").get<std::uint32_t>()});
}

struct Request {
    UserIx user;
    Permission permission;
    Target target;
};

std::vector<Request> requests_of(const World& w, const json& flat) {
    std::vector<Request> out;
    out.reserve(flat.size() / 3);
    for (std::size_t i = 0; i + 2 < flat.size(); i += 3)
        out.push_back(Request{UserIx{flat[i].get<std::uint32_t>()},
                              static_cast<Permission>(flat[i + 1].get<int>()),
                              Target::of(w, RoomIx{flat[i + 2].get<std::uint32_t>()})});
    return out;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}
double percentile(std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
    return sorted[i];
}

volatile std::uint64_t sink;

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: peers_driver <dir>\n");
        return 2;
    }
    const std::string dir = argv[1];
    double t0 = now_ns();
    json world_json = read_json(dir + "/world.json");
    json req_json = read_json(dir + "/requests.json");
    double parse_ms = (now_ns() - t0) / 1e6;

    // Load: from the parsed file to a World ready to decide (access index built).
    double rss0 = rss_bytes();
    auto world = std::make_unique<World>();
    World& w = *world;
    t0 = now_ns();
    build(w, world_json);
    double load_ms = (now_ns() - t0) / 1e6;
    double rss1 = rss_bytes();

    const auto reqs = requests_of(w, req_json.at("requests"));
    std::string decisions(reqs.size(), '0');

    // Per-call timings (p50/p99; each includes one clock read, reported as the timer floor).
    std::vector<double> per_call(reqs.size());
    for (std::size_t i = 0; i < reqs.size(); ++i) {
        const auto& q = reqs[i];
        double a = now_ns();
        bool ok = decide(w, q.user, q.permission, q.target).allowed();
        per_call[i] = now_ns() - a;
        decisions[i] = ok ? '1' : '0';
    }
    std::vector<double> floor(10000);
    for (auto& f : floor) {
        double a = now_ns();
        f = now_ns() - a;
    }
    // Batched: whole passes over all requests, mean per decision, median over the passes.
    // (PEERS_QUICK=1, the ctest's setting: one pass.)
    std::vector<double> passes;
    const char* quick_env = std::getenv("PEERS_QUICK");
    const std::size_t min_passes = quick_env && std::string(quick_env) == "1" ? 1 : 5;
    const double budget_ns = min_passes == 1 ? 0 : 2e9;
    double budget_start = now_ns();
    while (passes.size() < min_passes ||
           (passes.size() < 51 && now_ns() - budget_start < budget_ns)) {
        std::uint64_t acc = 0;
        double a = now_ns();
        for (const auto& q : reqs)
            acc += static_cast<std::uint64_t>(decide(w, q.user, q.permission, q.target).outcome);
        passes.push_back((now_ns() - a) / static_cast<double>(reqs.size()));
        sink = acc;
    }

    // Changes, in order, each timed through the service's operation and then checked.
    std::vector<double> member_us, role_us;
    std::string change_decisions;
    for (const auto& ch : req_json.at("changes")) {
        double dt = 0;
        if (ch.at("kind").get<std::string>() == "member") {
            AssignmentIx a{ch.at("assignment").get<std::uint32_t>()};
            AssignmentPatch patch;
            std::vector<MemberDraft> members;
            for (const Member& m : w.assignment(a).members)
                members.push_back(m.kind == Member::Kind::user
                                      ? MemberDraft{"user", w.user(UserIx{m.ix}).id}
                                      : MemberDraft{"group", w.group(GroupIx{m.ix}).id});
            int u = ch.at("user").get<int>();
            int g = ch.at("group").get<int>();
            if (u >= 0) members.push_back({"user", sid("u", static_cast<std::size_t>(u))});
            if (g >= 0) members.push_back({"group", sid("sg", static_cast<std::size_t>(g))});
            patch.members = std::move(members);
            double s = now_ns();
            Status st = update_assignment(w, a, patch);
            dt = now_ns() - s;
            if (!st) {
                std::fprintf(stderr, "peers_driver: member change refused: %s\n",
                             st.error().message.c_str());
                return 1;
            }
            member_us.push_back(dt / 1e3);
        } else {
            RoleIx r{ch.at("role").get<std::uint32_t>()};
            auto bits = ch.at("permissions").get<std::uint32_t>();
            RolePatch patch;
            patch.permissions.emplace();
            for (const auto& p : catalogue())
                if (bits >> static_cast<unsigned>(p.permission) & 1u)
                    patch.permissions->push_back(std::string(p.id));
            double s = now_ns();
            Status st = update_role(w, r, patch);
            dt = now_ns() - s;
            if (!st) {
                std::fprintf(stderr, "peers_driver: role change refused: %s\n",
                             st.error().message.c_str());
                return 1;
            }
            role_us.push_back(dt / 1e3);
        }
        for (const auto& q : requests_of(w, ch.at("checks")))
            change_decisions += decide(w, q.user, q.permission, q.target).allowed() ? '1' : '0';
    }

    std::ofstream(dir + "/" + kEngine + ".decisions", std::ios::binary) << decisions << '\n'
                                                                        << change_decisions << '\n';

    std::sort(per_call.begin(), per_call.end());
    std::size_t allowed =
        static_cast<std::size_t>(std::count(decisions.begin(), decisions.end(), '1'));
    json out = {
        {"engine", kEngine},
        {"version", "mtm (this tree)"},
        {"parse_ms", parse_ms},
        {"load_ms", load_ms},
        {"rss_bytes", rss1 - rss0},
        {"batch_ns", median(passes)},
        {"passes", passes.size()},
        {"p50_ns", percentile(per_call, 0.5)},
        {"p99_ns", percentile(per_call, 0.99)},
        {"timer_ns", median(floor)},
        {"member_change_us", median(member_us)},
        {"role_change_us", median(role_us)},
        {"requests", reqs.size()},
        {"allowed", allowed},
    };
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
