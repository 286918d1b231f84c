#include "server/http_server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <cctype>
#include <cerrno>
#include <iostream>

namespace server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// One connection: read a request, answer it, repeat while the client keeps the connection alive.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket&& socket, const Router& router, const Limits& limits,
            std::shared_ptr<std::atomic<std::size_t>> open)
        : stream_(std::move(socket)), router_(router), limits_(limits), open_(std::move(open)) {
        ++*open_;
        beast::error_code ec;
        auto remote = stream_.socket().remote_endpoint(ec);
        if (!ec) peer_ = remote.address().to_string();
    }
    ~Session() { --*open_; }

    void run() {
        // Start on the connection's strand so no two handlers of one session ever overlap.
        asio::dispatch(stream_.get_executor(),
                       beast::bind_front_handler(&Session::read, shared_from_this()));
    }

    // Over the connection cap: answer 503 at once, without reading the request, and close.
    void refuse_busy() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
            trm::Problem p;
            p.status = 503;
            p.code = "too_many_connections";
            p.title = trm::status_title(503);
            p.detail = "The service has too many open connections; try again shortly";
            Response r = Response::problem(p);
            r.headers.emplace_back("Retry-After", "1");
            self->lingering_ = true;
            self->write(std::move(r), 11, false, false);
        });
    }

  private:
    void read() {
        parser_.emplace();
        parser_->body_limit(limits_.max_body_bytes);
        parser_->header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
        stream_.expires_after(limits_.idle_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        // Errors after the header (a body too large) are answered to an allowed page too, so
        // it can read why.
        origin_.clear();
        // (The fields are parsed before the body limit is checked against Content-Length.)
        if (auto it = parser_->get().find(http::field::origin); it != parser_->get().end())
            origin_ = std::string(it->value());
        if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
            ec == asio::error::connection_reset || ec == asio::error::operation_aborted)
            return close();
        if (ec == http::error::body_limit) {
            return reply_error(trm::payload_too_large("The request body exceeds the limit of " +
                                                      std::to_string(limits_.max_body_bytes) +
                                                      " bytes"));
        }
        if (ec == http::error::header_limit) {
            return reply_error(trm::bad_request(
                "The request headers exceed " + std::to_string(limits_.max_header_bytes) + " bytes",
                "headers_too_large"));
        }
        if (ec) return reply_error(trm::bad_request("Malformed HTTP request: " + ec.message()));

        auto request = parser_->release();
        // RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host. Two Authorization headers
        // would leave which credentials count to whichever copy a component reads: refused.
        if (request.version() >= 11 && request.count(http::field::host) != 1)
            return reply_error(
                trm::bad_request("An HTTP/1.1 request needs exactly one Host header", "bad_host"));
        if (request.count(http::field::authorization) > 1)
            return reply_error(trm::bad_request(
                "The request has more than one Authorization header", "duplicate_authorization"));
        // A CORS preflight from an allowed page: which methods and headers it may use.
        if (request.method() == http::verb::options && cors_allowed() &&
            request.count(http::field::access_control_request_method) == 1) {
            Response preflight;
            preflight.status = 204;
            preflight.headers = {{"Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE"},
                                 {"Access-Control-Allow-Headers",
                                  "Authorization, Content-Type, If-Match, X-Trm-Min-Revision"},
                                 {"Access-Control-Max-Age", "600"}};
            return write(std::move(preflight), request.version(), request.keep_alive(), false);
        }
        // HEAD is answered as GET would be, without the body (RFC 9110 §9.3.2).
        bool head = request.method() == http::verb::head;
        std::string method = head ? std::string("GET") : std::string(request.method_string());
        std::map<std::string, std::string> headers;
        for (const auto& field : request)
            headers[lower(field.name_string())] = std::string(field.value());
        Response response;
        try {
            response = router_.dispatch(std::move(method), request.target(), std::move(headers),
                                        std::move(request.body()), std::nullopt, peer_);
        } catch (const std::exception& e) {
            // A handler bug must not take the process down; the client learns nothing internal.
            std::cerr << "trm-server: handler failed: " << e.what() << '\n';
            response =
                Response::problem(trm::internal_error("The service failed to handle the request"));
        }
        write(std::move(response), request.version(), request.keep_alive(), head);
    }

    // A request we could not parse: answer once, then close (the stream position is unknown).
    void reply_error(const trm::Problem& problem) {
        lingering_ = true;
        write(Response::problem(problem), 11, false, false);
    }

    void write(Response response, unsigned version, bool keep_alive, bool head) {
        auto message = std::make_shared<http::response<http::string_body>>(
            static_cast<http::status>(response.status), version);
        message->set(http::field::server, "trm-server");
        if (!response.content_type.empty())
            message->set(http::field::content_type, response.content_type);
        message->set(http::field::cache_control, "no-store");
        message->set("X-Content-Type-Options", "nosniff");
        // An API answer is data, never a page: nothing in it may load, run or be framed, and
        // following a link from it tells no one where it came from.
        message->set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        message->set("Referrer-Policy", "no-referrer");
        message->set("X-Frame-Options", "DENY");
        for (auto& [name, value] : response.headers) message->set(name, value);
        if (!limits_.allowed_origins.empty()) message->set(http::field::vary, "Origin");
        if (cors_allowed()) {
            message->set(http::field::access_control_allow_origin, origin_);
            message->set(http::field::access_control_expose_headers,
                         "ETag, X-Trm-Revision, Retry-After");
        }
        std::size_t length = response.body.size();
        if (!head) message->body() = std::move(response.body);
        message->keep_alive(keep_alive);
        message->prepare_payload();
        if (head) message->content_length(length);  // what GET would send, but not sent
        stream_.expires_after(limits_.idle_timeout);
        http::async_write(stream_, *message,
                          [self = shared_from_this(), message](beast::error_code ec, std::size_t) {
                              if (!ec && self->lingering_) return self->linger();
                              if (ec || !message->keep_alive()) return self->close();
                              self->read();
                          });
    }

    // Exactly one of the configured origins, compared as sent (RFC 6454 serialisation).
    bool cors_allowed() const {
        return !origin_.empty() &&
               std::find(limits_.allowed_origins.begin(), limits_.allowed_origins.end(), origin_) !=
                   limits_.allowed_origins.end();
    }

    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

    // After refusing a request whose body is still arriving (413, 400), closing at once would
    // reset the connection and the client would see a broken pipe instead of our answer. So stop
    // sending, then read and discard what the client still sends, for a bounded time.
    void linger() {
        close();
        stream_.expires_after(std::chrono::seconds(5));
        linger_more();
    }
    void linger_more() {
        stream_.async_read_some(asio::buffer(drain_),
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    if (!ec) self->linger_more();
                                });
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    bool lingering_ = false;
    std::string origin_;  // the request's Origin header, for CORS
    std::array<char, 16 * 1024> drain_{};
    std::optional<http::request_parser<http::string_body>> parser_;
    const Router& router_;
    const Limits limits_;                             // a copy: sessions may outlive the listener
    std::shared_ptr<std::atomic<std::size_t>> open_;  // the server's count of open sessions
    std::string peer_;                                // the client's address
};

}  // namespace

class HttpServer::Impl : public std::enable_shared_from_this<HttpServer::Impl> {
  public:
    Impl(asio::io_context& io, const tcp::endpoint& endpoint, const Router& router, Limits limits)
        : io_(io),
          acceptor_(asio::make_strand(io)),
          retry_(acceptor_.get_executor()),
          router_(router),
          limits_(limits) {
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(asio::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(asio::socket_base::max_listen_connections);
    }

    void accept() {
        acceptor_.async_accept(
            asio::make_strand(io_),
            [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
                if (ec == asio::error::operation_aborted || !self->acceptor_.is_open()) return;
                if (ec == asio::error::no_descriptors || ec.value() == ENFILE ||
                    ec == asio::error::no_buffer_space || ec == asio::error::no_memory)
                    return self->back_off(ec);
                self->backoff_ = std::chrono::milliseconds(0);
                if (!ec) {
                    bool full = *self->open_ >= self->limits_.max_connections;
                    auto session = std::make_shared<Session>(std::move(socket), self->router_,
                                                             self->limits_, self->open_);
                    if (full)
                        session->refuse_busy();
                    else
                        session->run();
                }
                self->accept();
            });
    }

    // Out of descriptors (EMFILE/ENFILE) or memory: retrying at once would spin a core while
    // the backlog waits. Wait, doubling up to a second, until a connection has closed.
    void back_off(const beast::error_code& ec) {
        backoff_ = std::clamp(backoff_ * 2, std::chrono::milliseconds(10),
                              std::chrono::milliseconds(1000));
        if (!warned_.exchange(true))
            std::cerr << "trm-server: cannot accept connections (" << ec.message() << ", " << *open_
                      << " open); backing off\n";
        retry_.expires_after(backoff_);
        retry_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
            if (wait_ec || !self->acceptor_.is_open()) return;
            self->accept();
        });
    }

    asio::io_context& io_;
    tcp::acceptor acceptor_;
    asio::steady_timer retry_;
    std::chrono::milliseconds backoff_{0};
    std::atomic<bool> warned_{false};
    std::shared_ptr<std::atomic<std::size_t>> open_ = std::make_shared<std::atomic<std::size_t>>(0);
    const Router& router_;
    Limits limits_;
};

HttpServer::HttpServer(asio::io_context& io, const tcp::endpoint& endpoint, const Router& router,
                       Limits limits)
    : impl_(std::make_shared<Impl>(io, endpoint, router, limits)) {}

HttpServer::~HttpServer() {
    stop();
}

tcp::endpoint HttpServer::local_endpoint() const {
    return impl_->acceptor_.local_endpoint();
}

void HttpServer::start() {
    impl_->accept();
}

void HttpServer::stop() {
    asio::post(impl_->acceptor_.get_executor(), [impl = impl_] {
        beast::error_code ec;
        impl->acceptor_.close(ec);
        impl->retry_.cancel();
    });
}

}  // namespace server
