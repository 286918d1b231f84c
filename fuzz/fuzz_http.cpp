// libFuzzer target: whole HTTP requests as bytes, through what trm-server does with them —
// Beast's request parser (with the server's limits), the Router's target parsing (Boost.URL,
// query strings, path segments) and every handler behind it, over the small world with a signed-in
// MMR Admin and a partner admin. Crashes, leaks, UB and a 5xx answer are findings.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "fuzz_world.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace http = boost::beast::http;
    static fuzz::World& world = fuzz::world();
    http::request_parser<http::string_body> parser;
    parser.body_limit(1024 * 1024);
    parser.header_limit(16 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(data, size), ec);
    if (ec || !parser.is_done()) return 0;
    auto request = parser.release();
    std::map<std::string, std::string> headers;
    for (const auto& field : request) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        headers[name] = std::string(field.value());
    }
    // Most inputs name no token: give them the admin's, so the handlers run.
    if (!headers.count("authorization")) headers["authorization"] = world.bearer(size % 2);
    auto response = world.router.dispatch(std::string(request.method_string()), request.target(),
                                          std::move(headers), std::move(request.body()));
    if (response.status >= 500) std::abort();  // the service never answers 5xx to a client
    return 0;
}
