#pragma once
// A small HTTP(S) GET client on Boost.Beast, for what trm-server fetches itself: the identity
// provider's discovery document and signing keys. HTTPS verifies the certificate against the
// system's trust store (OpenSSL's default paths; SSL_CERT_FILE overrides) and the host name.
#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>

namespace server {

struct FetchError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Fetched {
    int status = 0;
    std::string body;
    std::string cache_control;  // the Cache-Control header, as sent
};

// GETs `url` (http:// or https://), following no redirects; the whole exchange — resolving,
// connecting, TLS, sending and reading — within `timeout`, the body at most `max_bytes`. Throws
// FetchError saying what failed.
Fetched http_get(const std::string& url, std::chrono::milliseconds timeout,
                 std::size_t max_bytes = 1 << 20);

}  // namespace server
