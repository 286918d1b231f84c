#pragma once
// Bearer tokens as JSON Web Tokens signed with HMAC-SHA256 (RFC 7519 / 7515), built on OpenSSL's
// HMAC — no home-made cryptography. Tokens carry the user id (sub), issue and expiry times; any
// other algorithm in the header ("none" included) is refused.
//
// Tokens of an external OpenID Connect provider are verified by OidcTokens (oidc_tokens.hpp).
#include <functional>
#include <string>
#include <vector>

#include "trm/tokens.hpp"

namespace server {

class JwtTokens final : public trm::TokenService {
  public:
    // secret: at least 32 bytes. clock: seconds since the epoch. ttl: token lifetime in seconds.
    JwtTokens(std::vector<unsigned char> secret, std::function<std::int64_t()> clock,
              std::int64_t ttl = 8 * 3600);

    // A multi-factor sign-in (dev-login's "mfa") is carried as amr ["mfa"], as providers do.
    std::string issue(const std::string& user_id, bool mfa) override;
    std::optional<trm::Bearer> verify(const std::string& token) const override;

    // Reads the signing secret from `path` (hex), or creates it there (32 random bytes, mode
    // 0600) when the file does not exist yet. Throws std::runtime_error with the reason.
    static std::vector<unsigned char> load_or_create_secret(const std::string& path);
    static std::vector<unsigned char> random_secret();

  private:
    std::string sign(const std::string& signing_input) const;
    std::vector<unsigned char> secret_;
    std::function<std::int64_t()> clock_;
    std::int64_t ttl_;
};

std::string base64url_encode(const std::string& bytes);
std::optional<std::string> base64url_decode(const std::string& text);

// A JWS in compact serialisation (RFC 7515 §7.1), split and decoded: nullopt unless it is no
// longer than `max_length` and has exactly three base64url parts.
struct CompactJws {
    std::string header, payload;
    std::string signing_input;      // "<header>.<payload>" as sent: what the signature covers
    std::string signature;          // decoded
    std::string encoded_signature;  // as sent
};
std::optional<CompactJws> split_compact_jws(const std::string& token, std::size_t max_length);

}  // namespace server
