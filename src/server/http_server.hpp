#pragma once
// HTTP/1.1 server with keep-alive on Boost.Beast/Asio. Owns nothing but sockets: every request
// goes to the Router, whose handlers never see Beast types.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "trm/router.hpp"

namespace server {

using trm::Request;
using trm::Response;
using trm::Router;

struct Limits {
    std::size_t max_body_bytes = 1024 * 1024;  // API.md: larger bodies get 413
    std::size_t max_header_bytes = 16 * 1024;
    // A client that sends nothing (or trickles a request) for this long is disconnected, so slow
    // or half-open connections cannot pin a worker or a socket forever.
    std::chrono::seconds idle_timeout{30};
    // Open connections at most; one more is answered 503 (with Retry-After) and closed, so a
    // flood of connections sheds load instead of running the process out of descriptors.
    std::size_t max_connections = 1000;
    // CORS (--allow-origin): pages served from exactly these origins may call the API from the
    // browser; every other origin, "null" included, gets no CORS headers at all.
    std::vector<std::string> allowed_origins;
};

class HttpServer {
  public:
    // Binds and listens at once; throws boost::system::system_error when the address is taken.
    HttpServer(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
               const Router& router, Limits limits = {});
    ~HttpServer();

    // The bound endpoint (with the real port when asked for port 0).
    boost::asio::ip::tcp::endpoint local_endpoint() const;
    void start();  // begins accepting; sessions run on the io_context's threads
    void stop();   // stops accepting; open sessions finish their current request

  private:
    class Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace server
