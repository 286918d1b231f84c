// trm-server: the TRM service. Usage and behaviour as ../shared/API.md ("Running it") says:
// prints one line "listening on http://HOST:PORT" when ready, exits 0 on SIGTERM or SIGINT.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "server/http_server.hpp"
#include "server/jwt_tokens.hpp"
#include "server/oidc_tokens.hpp"
#include "store/sqlite_store.hpp"
#include "trm/ids.hpp"
#include "trm/service.hpp"

namespace {

constexpr const char* kUsage =
    "usage: trm-server --listen HOST:PORT [--db FILE.sqlite] [--seed WORLD.json] [--dev-auth]\n"
    "  --listen HOST:PORT   address to serve the HTTP API on (default 127.0.0.1:8080;\n"
    "                       port 0 picks a free port, printed in the ready line)\n"
    "  --db FILE.sqlite     where the service keeps its data (default: memory only, lost on exit)\n"
    "  --seed WORLD.json    a world (API.md \"World file\") for a new, empty database\n"
    "  --dev-auth           enable POST /api/v1/auth/dev-login (demos and tests only)\n"
    "  --list-routes        print every route (METHOD /path) and exit\n"
    "  --idle-timeout SEC   drop connections idle (or trickling) this long (default 30)\n"
    "  --token-secret FILE  HMAC secret for bearer tokens (default FILE.sqlite.token-secret,\n"
    "                       created 0600 on first start; env TRM_TOKEN_SECRET_FILE also works)\n"
    "  --max-connections N  open connections at most; more are answered 503 (default 1000)\n"
    "  --read-only          recovery: serve what the database holds, refuse every change\n"
    "  --replay-before SEQ  recovery: replay only the journal entries before SEQ (read-only)\n"
    "  --sign-in-rate N     sign-in attempts and bad tokens per client address and minute\n"
    "                       (default 60, a third of them at once; 0 = unlimited)\n"
    "sign-in with an OpenID Connect provider (docs/AUTH.md):\n"
    "  --oidc-issuer URL    accept the provider's access tokens: their iss, exactly\n"
    "  --oidc-audience AUD  … addressed to this API (must be in aud)\n"
    "  --oidc-jwks FILE|URL the provider's signing keys (RS256, ES256); default: its\n"
    "                       discovery document's jwks_uri. Refreshed hourly, and when a\n"
    "                       token names a key it does not hold (at most every 30 s)\n"
    "  --oidc-user-claim C  the claim matched to a user's UPN (default preferred_username)\n"
    "  --oidc-mfa-acr V     an acr value that counts as multi-factor (besides amr \"mfa\")\n"
    "  --allow-origin O     CORS: pages from origin O (scheme://host[:port]) may call the API;\n"
    "                       repeatable\n";

struct Options {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    std::string db;
    std::string seed;
    std::string token_secret;
    bool dev_auth = false;
    bool list_routes = false;
    int idle_timeout = 30;
    std::size_t max_connections = 1000;
    bool read_only = false;
    std::optional<std::int64_t> replay_before;
    int sign_in_rate = 60;
    server::OidcSettings oidc;
    std::vector<std::string> allowed_origins;
};

// An origin as browsers send it (RFC 6454): scheme://host[:port], nothing after.
bool is_origin(const std::string& o) {
    auto scheme = o.find("://");
    if (scheme == std::string::npos ||
        (o.substr(0, scheme) != "http" && o.substr(0, scheme) != "https"))
        return false;
    std::string rest = o.substr(scheme + 3);
    return !rest.empty() && rest.find_first_of("/?#@ ") == std::string::npos;
}

// A whole number in [low, high], or nullopt.
std::optional<std::int64_t> whole_number(const std::string& text, std::int64_t low,
                                         std::int64_t high) {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || v < low || v > high)
        return std::nullopt;
    return v;
}

// Returns false (after saying why on stderr) when the command line is not usable.
bool parse_options(int argc, char** argv, Options& options) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size()) return std::nullopt;
            return std::string(args[++i]);
        };
        if (args[i] == "--help" || args[i] == "-h") {
            std::cout << kUsage;
            std::exit(0);
        }
        if (args[i] == "--dev-auth") {
            options.dev_auth = true;
            continue;
        }
        if (args[i] == "--idle-timeout") {
            auto v = value();
            if (!v) break;
            int seconds = 0;
            auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), seconds);
            if (ec != std::errc{} || end != v->data() + v->size() || seconds < 1 ||
                seconds > 3600) {
                std::cerr << "trm-server: --idle-timeout wants seconds from 1 to 3600\n";
                return false;
            }
            options.idle_timeout = seconds;
            continue;
        }
        if (args[i] == "--read-only") {
            options.read_only = true;
            continue;
        }
        if (args[i] == "--sign-in-rate") {
            auto v = value();
            if (!v) break;
            auto n = whole_number(*v, 0, 1'000'000);
            if (!n) {
                std::cerr << "trm-server: --sign-in-rate wants attempts per minute from 0 to "
                             "1000000, got '"
                          << *v << "'\n";
                return false;
            }
            options.sign_in_rate = static_cast<int>(*n);
            continue;
        }
        if (args[i] == "--max-connections" || args[i] == "--replay-before") {
            bool cap = args[i] == "--max-connections";
            auto v = value();
            if (!v) break;
            auto n = cap ? whole_number(*v, 1, 1'000'000)
                         : whole_number(*v, 1, std::numeric_limits<std::int64_t>::max());
            if (!n) {
                std::cerr << "trm-server: " << (cap ? "--max-connections" : "--replay-before")
                          << " wants a whole number " << (cap ? "from 1 to 1000000" : "from 1")
                          << ", got '" << *v << "'\n";
                return false;
            }
            if (cap)
                options.max_connections = static_cast<std::size_t>(*n);
            else
                options.replay_before = *n;
            continue;
        }
        if (args[i] == "--list-routes") {
            options.list_routes = true;
            continue;
        }
        if (args[i] == "--oidc-issuer" || args[i] == "--oidc-audience" ||
            args[i] == "--oidc-jwks" || args[i] == "--oidc-user-claim" ||
            args[i] == "--oidc-mfa-acr") {
            std::string_view flag = args[i];
            auto v = value();
            if (!v) break;
            if (v->empty()) {
                std::cerr << "trm-server: " << flag << " needs a value\n";
                return false;
            }
            auto& o = options.oidc;
            (flag == "--oidc-issuer"       ? o.issuer
             : flag == "--oidc-audience"   ? o.audience
             : flag == "--oidc-jwks"       ? o.jwks
             : flag == "--oidc-user-claim" ? o.user_claim
                                           : o.mfa_acr) = *v;
            continue;
        }
        if (args[i] == "--allow-origin") {
            auto v = value();
            if (!v) break;
            if (!is_origin(*v)) {
                std::cerr << "trm-server: --allow-origin wants an origin such as "
                             "https://portal.example.com (no path, no trailing slash; never "
                             "'null'), got '"
                          << *v << "'\n";
                return false;
            }
            options.allowed_origins.push_back(*v);
            continue;
        }
        if (args[i] == "--db" || args[i] == "--seed" || args[i] == "--token-secret") {
            auto v = value();
            if (!v) break;
            (args[i - 1] == "--db"     ? options.db
             : args[i - 1] == "--seed" ? options.seed
                                       : options.token_secret) = *v;
            continue;
        }
        if (args[i] == "--listen") {
            auto v = value();
            if (!v) break;
            std::string_view text = *v;
            auto colon = text.rfind(':');
            if (colon == std::string_view::npos || colon == 0) {
                std::cerr << "trm-server: --listen wants HOST:PORT, got '" << text << "'\n";
                return false;
            }
            unsigned port = 0;
            auto port_text = text.substr(colon + 1);
            auto [end, ec] =
                std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
            if (ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535) {
                std::cerr << "trm-server: '" << port_text << "' is not a port number\n";
                return false;
            }
            options.host = std::string(text.substr(0, colon));
            if (options.host.size() > 2 && options.host.front() == '[' &&
                options.host.back() == ']')
                options.host = options.host.substr(1, options.host.size() - 2);  // [::1]:8080
            options.port = static_cast<unsigned short>(port);
            continue;
        }
        std::cerr << "trm-server: unknown option '" << args[i] << "'\n" << kUsage;
        return false;
    }
    if (!args.empty() &&
        (args.back() == "--listen" || args.back() == "--db" || args.back() == "--seed" ||
         args.back() == "--token-secret" || args.back() == "--max-connections" ||
         args.back() == "--replay-before" || args.back() == "--sign-in-rate" ||
         args.back().starts_with("--oidc-") || args.back() == "--allow-origin")) {
        std::cerr << "trm-server: " << args.back() << " needs a value\n" << kUsage;
        return false;
    }
    const auto& o = options.oidc;
    bool any_oidc = !o.issuer.empty() || !o.audience.empty() || !o.jwks.empty() ||
                    !o.mfa_acr.empty() || o.user_claim != "preferred_username";
    if (any_oidc && (o.issuer.empty() || o.audience.empty())) {
        std::cerr << "trm-server: OpenID Connect sign-in needs both --oidc-issuer and "
                     "--oidc-audience\n";
        return false;
    }
    return true;
}

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse_options(argc, argv, options)) return 2;

    if (options.list_routes) {
        // The route table as the server has it: docs/openapi.yaml is checked against this.
        store::MemoryStore scratch;
        trm::DevTokens no_tokens([] { return std::string(); });
        trm::Service::Options listing;
        listing.clock = unix_now;
        listing.ids = trm::random_uuid;
        listing.keys = [] { return std::string(); };
        listing.dev_auth = true;
        trm::Service service(scratch, no_tokens, listing);
        trm::Router router;
        service.register_routes(router);
        for (const auto& r : router.routes()) std::cout << r.method << ' ' << r.pattern << '\n';
        return 0;
    }

    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(options.host, ec);
    if (ec) {
        std::cerr << "trm-server: '" << options.host << "' is not an IP address\n";
        return 2;
    }

    std::unique_ptr<store::Store> store;
    std::vector<unsigned char> secret;
    try {
        if (options.db.empty()) {
            store = std::make_unique<store::MemoryStore>();
        } else {
            store = std::make_unique<store::SqliteStore>(options.db);
        }
        std::string secret_file = options.token_secret;
        if (secret_file.empty())
            if (const char* env = std::getenv("TRM_TOKEN_SECRET_FILE")) secret_file = env;
        if (secret_file.empty() && !options.db.empty()) secret_file = options.db + ".token-secret";
        secret = secret_file.empty() ? server::JwtTokens::random_secret()
                                     : server::JwtTokens::load_or_create_secret(secret_file);
    } catch (const store::EmptyDatabaseFile& e) {
        std::cerr << "trm-server: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "trm-server: " << e.what() << '\n';
        return 1;
    }
    server::JwtTokens own_tokens(std::move(secret), unix_now);
    std::unique_ptr<server::OidcTokens> provider_tokens;
    if (!options.oidc.issuer.empty()) {
        try {
            provider_tokens = std::make_unique<server::OidcTokens>(options.oidc, unix_now);
        } catch (const std::exception& e) {
            std::cerr << "trm-server: the identity provider's keys: " << e.what() << '\n';
            return 2;
        }
    }
    server::BearerTokens tokens(own_tokens, provider_tokens.get());

    trm::Service::Options service_options;
    service_options.clock = unix_now;
    service_options.ids = [] { return trm::random_uuid(); };
    service_options.keys = [] { return trm::random_hex(40); };
    service_options.dev_auth = options.dev_auth;
    service_options.read_only = options.read_only;
    service_options.replay_before = options.replay_before;
    service_options.sign_in_per_minute = options.sign_in_rate;
    trm::Service service(*store, tokens, service_options);
    try {
        nlohmann::json seed;
        if (!options.seed.empty()) {
            std::ifstream in(options.seed);
            seed = nlohmann::json::parse(in, nullptr, false);
            if (!in || seed.is_discarded()) {
                std::cerr << "trm-server: " << options.seed << " is not a readable JSON file\n";
                return 2;
            }
        }
        service.open(options.seed.empty() ? nullptr : &seed);
    } catch (const trm::SeedError& e) {
        std::cerr << "trm-server: " << (options.seed.empty() ? options.db : options.seed) << ": "
                  << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "trm-server: " << e.what() << '\n';
        return 1;
    }
    trm::Router router;
    service.register_routes(router);

    boost::asio::io_context io;
    std::unique_ptr<server::HttpServer> http;
    try {
        server::Limits limits;
        limits.idle_timeout = std::chrono::seconds(options.idle_timeout);
        limits.max_connections = options.max_connections;
        limits.allowed_origins = options.allowed_origins;
        http = std::make_unique<server::HttpServer>(
            io, boost::asio::ip::tcp::endpoint(address, options.port), router, limits);
    } catch (const boost::system::system_error& e) {
        std::cerr << "trm-server: cannot listen on " << options.host << ':' << options.port << ": "
                  << e.code().message() << '\n';
        return 1;
    }
    http->start();

    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) {
        http->stop();
        io.stop();
    });

    auto endpoint = http->local_endpoint();
    std::string shown = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]"
                                                   : endpoint.address().to_string();
    std::cout << "listening on http://" << shown << ':' << endpoint.port() << std::endl;

    // A small pool sized to the cores: handlers are short and CPU-bound (policy checks, SQLite).
    unsigned workers = std::max(2u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < workers; ++i) pool.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& t : pool) t.join();
    return 0;
}
