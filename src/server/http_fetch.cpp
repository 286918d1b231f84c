#include "server/http_fetch.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <functional>
#include <optional>

namespace server {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// One exchange on an already connected stream (plain or TLS): write the request, read the
// response. Asynchronous so that the stream's deadline bounds every step.
template <class Stream>
void exchange(Stream& stream, http::request<http::empty_body>& request,
              http::response_parser<http::string_body>& parser, beast::flat_buffer& buffer,
              std::function<void(error_code, const char*)> done) {
    http::async_write(
        stream, request, [&stream, &parser, &buffer, done](error_code sent, std::size_t) {
            if (sent) return done(sent, "sending the request");
            http::async_read(stream, buffer, parser, [done](error_code read, std::size_t) {
                done(read, "reading the response");
            });
        });
}

}  // namespace

Fetched http_get(const std::string& url, std::chrono::milliseconds timeout, std::size_t max_bytes) {
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed) throw FetchError("'" + url + "' is not a URL");
    std::string scheme(parsed->scheme());
    bool tls = scheme == "https";
    if (!tls && scheme != "http") throw FetchError("'" + url + "' is neither http:// nor https://");
    std::string host(parsed->encoded_host());
    if (host.empty()) throw FetchError("'" + url + "' names no host");
    if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    std::string port = parsed->has_port() ? std::string(parsed->port()) : (tls ? "443" : "80");
    std::string target(parsed->encoded_path());
    if (target.empty()) target = "/";
    if (parsed->has_query()) target += "?" + std::string(parsed->encoded_query());

    asio::io_context io;
    asio::ssl::context context(asio::ssl::context::tls_client);
    context.set_default_verify_paths();
    context.set_verify_mode(asio::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> secure(io, context);
    beast::tcp_stream plain(io);
    beast::tcp_stream& transport = tls ? beast::get_lowest_layer(secure) : plain;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    transport.expires_at(deadline);

    http::request<http::empty_body> request{http::verb::get, target, 11};
    request.set(http::field::host, std::string(parsed->encoded_host_and_port()));
    request.set(http::field::user_agent, "trm-server");
    request.set(http::field::accept, "application/json");
    http::response_parser<http::string_body> parser;
    parser.body_limit(max_bytes);
    beast::flat_buffer buffer;

    std::optional<std::string> failure;
    auto fail = [&](error_code ec, const char* step) {
        if (ec) failure = std::string(step) + ": " + ec.message();
    };
    tcp::resolver resolver(io);
    resolver.async_resolve(
        host, port, [&](error_code resolved, tcp::resolver::results_type results) {
            if (resolved) return fail(resolved, "resolving the host");
            transport.async_connect(results, [&](error_code connected, const tcp::endpoint&) {
                if (connected) return fail(connected, "connecting");
                if (!tls) return exchange(plain, request, parser, buffer, fail);
                // SNI, and the certificate must name this host.
                if (!SSL_set_tlsext_host_name(secure.native_handle(), host.c_str()))
                    return fail(error_code(static_cast<int>(::ERR_get_error()),
                                           asio::error::get_ssl_category()),
                                "TLS (server name)");
                secure.set_verify_callback(asio::ssl::host_name_verification(host));
                secure.async_handshake(asio::ssl::stream_base::client, [&](error_code shaken) {
                    if (shaken) return fail(shaken, "TLS handshake");
                    exchange(secure, request, parser, buffer, fail);
                });
            });
        });
    // The resolver ignores the stream's deadline: the whole run is bounded too.
    io.run_for(timeout + std::chrono::milliseconds(100));
    if (!io.stopped() && !failure) failure = "no answer within the time allowed";
    if (failure) throw FetchError(url + ": " + *failure);
    if (!parser.is_done()) throw FetchError(url + ": the answer was cut short");
    Fetched out;
    out.status = static_cast<int>(parser.get().result_int());
    out.body = std::move(parser.get().body());
    if (auto it = parser.get().find(http::field::cache_control); it != parser.get().end())
        out.cache_control = std::string(it->value());
    return out;
}

}  // namespace server
