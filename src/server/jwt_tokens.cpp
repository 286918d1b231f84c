#include "server/jwt_tokens.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace server {

namespace {
constexpr const char* kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t kMaxTokenLength = 4096;
// Who our tokens are for: a token the service issued for another purpose (or another service
// sharing the secret by mistake) is not a sign-in to this API.
constexpr const char* kAudience = "trm-api";
// Clocks of the issuing and the checking side may differ a little.
constexpr std::int64_t kLeewaySeconds = 60;

bool audience_ok(const nlohmann::json& aud) {
    if (aud.is_string()) return aud == kAudience;
    if (!aud.is_array()) return false;
    for (const auto& a : aud)
        if (a.is_string() && a == kAudience) return true;
    return false;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::string base64url_encode(const std::string& in) {
    std::string out;
    std::size_t i = 0;
    while (i + 2 < in.size()) {
        auto n = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
        out += kAlphabet[n & 63];
        i += 3;
    }
    if (i + 1 == in.size()) {
        auto n = static_cast<unsigned char>(in[i]) << 16;
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
    } else if (i + 2 == in.size()) {
        auto n = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
    }
    return out;  // unpadded, as JWS requires
}

std::optional<std::string> base64url_decode(const std::string& in) {
    if (in.size() % 4 == 1) return std::nullopt;
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : in) {
        const char* p = std::strchr(kAlphabet, c);
        if (!p || c == '\0') return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(p - kAlphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

std::optional<CompactJws> split_compact_jws(const std::string& token, std::size_t max_length) {
    if (token.size() > max_length) return std::nullopt;
    auto dot1 = token.find('.');
    auto dot2 = dot1 == std::string::npos ? std::string::npos : token.find('.', dot1 + 1);
    if (dot2 == std::string::npos || token.find('.', dot2 + 1) != std::string::npos)
        return std::nullopt;
    auto header = base64url_decode(token.substr(0, dot1));
    auto payload = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
    auto signature = base64url_decode(token.substr(dot2 + 1));
    if (!header || !payload || !signature) return std::nullopt;
    return CompactJws{std::move(*header), std::move(*payload), token.substr(0, dot2),
                      std::move(*signature), token.substr(dot2 + 1)};
}

JwtTokens::JwtTokens(std::vector<unsigned char> secret, std::function<std::int64_t()> clock,
                     std::int64_t ttl)
    : secret_(std::move(secret)), clock_(std::move(clock)), ttl_(ttl) {
    if (secret_.size() < 32)
        throw std::runtime_error("the token signing secret must be at least 32 bytes");
}

std::string JwtTokens::sign(const std::string& input) const {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
    return base64url_encode(std::string(reinterpret_cast<const char*>(mac), len));
}

std::string JwtTokens::issue(const std::string& user_id, bool mfa) {
    std::int64_t now = clock_();
    std::string header = base64url_encode(R"({"alg":"HS256","typ":"JWT"})");
    nlohmann::json claims = {
        {"iss", "trm"},
        {"aud", kAudience},
        {"sub", user_id},
        {"iat", now},
        {"nbf", now},
        {"exp", now + ttl_},
        {"amr", mfa ? nlohmann::json::array({"mfa"}) : nlohmann::json::array({"pwd"})}};
    std::string payload = base64url_encode(claims.dump());
    std::string input = header + "." + payload;
    return input + "." + sign(input);
}

std::optional<trm::Bearer> JwtTokens::verify(const std::string& token) const {
    auto jws = split_compact_jws(token, kMaxTokenLength);
    if (!jws) return std::nullopt;
    auto h = nlohmann::json::parse(jws->header, nullptr, false);
    // Only the algorithm we sign with: never "none", never RS256 keyed with our secret.
    if (!h.is_object() || !h.contains("alg") || h["alg"] != "HS256") return std::nullopt;
    std::string expected = sign(jws->signing_input);
    const std::string& given = jws->encoded_signature;
    if (given.size() != expected.size() ||
        CRYPTO_memcmp(given.data(), expected.data(), given.size()) != 0)
        return std::nullopt;
    auto p = nlohmann::json::parse(jws->payload, nullptr, false);
    if (!p.is_object() || p.value("iss", "") != "trm" || !p.contains("sub") ||
        !p["sub"].is_string() || !p.contains("aud") || !audience_ok(p["aud"]))
        return std::nullopt;
    for (const char* claim : {"exp", "iat", "nbf"})
        if (!p.contains(claim) || !p[claim].is_number_integer()) return std::nullopt;
    std::int64_t now = clock_();
    if (p["exp"].get<std::int64_t>() <= now) return std::nullopt;
    // Not yet valid, or issued in the future: a token from a clock that is wrong, or forged.
    if (p["nbf"].get<std::int64_t>() > now + kLeewaySeconds) return std::nullopt;
    if (p["iat"].get<std::int64_t>() > now + kLeewaySeconds) return std::nullopt;
    trm::Bearer out;
    out.user_id = p["sub"].get<std::string>();
    if (p.contains("amr") && p["amr"].is_array())
        for (const auto& m : p["amr"])
            if (m.is_string() && m == "mfa") out.mfa = true;
    return out;
}

std::vector<unsigned char> JwtTokens::random_secret() {
    std::vector<unsigned char> secret(32);
    if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1)
        throw std::runtime_error("the system has no random source for the token secret");
    return secret;
}

std::vector<unsigned char> JwtTokens::load_or_create_secret(const std::string& path) {
    std::ifstream in(path);
    if (in) {
        // Whoever reads the secret can sign in as anyone: refuse a file others may read.
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
            char mode[8];
            std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
            throw std::runtime_error(path + " is readable by group or others (mode " + mode +
                                     "): whoever reads it can sign in as anyone; chmod 600 it");
        }
        std::string hex;
        in >> hex;
        std::vector<unsigned char> secret;
        for (std::size_t i = 0; i < hex.size(); ++i)
            if (hex_value(hex[i]) < 0)
                throw std::runtime_error(path +
                                         " must hold the secret as hex digits (e.g. from "
                                         "`openssl rand -hex 32`); character " +
                                         std::to_string(i + 1) + " is not one");
        if (hex.size() % 2 != 0)
            throw std::runtime_error(path + " holds an odd number of hex digits (" +
                                     std::to_string(hex.size()) + "): a byte is cut in half");
        for (std::size_t i = 0; i < hex.size(); i += 2)
            secret.push_back(
                static_cast<unsigned char>(hex_value(hex[i]) * 16 + hex_value(hex[i + 1])));
        if (secret.size() < 32)
            throw std::runtime_error(path + " holds a " + std::to_string(secret.size()) +
                                     "-byte secret; it must be at least 32 bytes (64 hex digits)");
        return secret;
    }
    auto secret = random_secret();
    static const char* digits = "0123456789abcdef";
    std::string hex;
    for (unsigned char b : secret) {
        hex += digits[b >> 4];
        hex += digits[b & 15];
    }
    hex += '\n';
    // Created 0600 from the start: the secret is never readable by others, not even briefly.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
    bool ok =
        ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) throw std::runtime_error("cannot write " + path);
    return secret;
}

}  // namespace server
