#pragma once
// Access tokens of an OpenID Connect provider (API.md "Deployment and sign-in"): JWTs signed
// RS256 or ES256 with one of the provider's keys (its JWKS), verified with OpenSSL's EVP API.
// `iss` must be the configured issuer exactly, `aud` must contain the audience, `exp`/`nbf`/`iat`
// hold within 60 s of leeway; every other algorithm is refused, as are ID tokens (they carry a
// nonce or hashes of other tokens, and are addressed to the client, not to this API). The user
// is named by a claim (default preferred_username) that the service matches to a UPN.
//
// The keys come from a file or a URL, read at start and refreshed: every `refresh` interval (or
// sooner when the provider's Cache-Control says so), and once when a token names a key id the
// set does not hold (providers rotate keys) — at most once per `unknown_kid_interval`, so tokens
// with made-up key ids cannot turn the service into a fetch loop against the provider.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "trm/tokens.hpp"

namespace server {

struct OidcSettings {
    std::string issuer;    // --oidc-issuer
    std::string audience;  // --oidc-audience
    std::string jwks;      // --oidc-jwks: a file, or an http(s) URL; empty: from discovery
    std::string user_claim = "preferred_username";
    std::string mfa_acr;  // an `acr` that counts as multi-factor, besides amr containing "mfa"
    std::chrono::seconds refresh{3600};
    std::chrono::seconds unknown_kid_interval{30};
    std::chrono::milliseconds fetch_timeout{5000};
};

// A JSON Web Key Set's signing keys, as OpenSSL keys. Keys of other types, curves or uses, and
// RSA keys under 2048 bits, are left out (and counted in `skipped`).
class Jwks {
  public:
    struct Key;
    // Throws std::runtime_error when `json` is not a JWKS at all.
    static Jwks parse(const std::string& json);
    // Whether `signature` over `input` verifies with the key `kid` (any key of the algorithm's
    // type when `kid` is empty and the set holds exactly one such key). `found` says whether a
    // key was there to try.
    bool verify(const std::string& alg, const std::string& kid, const std::string& input,
                const std::string& signature, bool& found) const;
    std::size_t size() const { return keys_.size(); }
    std::size_t skipped() const { return skipped_; }

  private:
    std::vector<std::shared_ptr<const Key>> keys_;
    std::size_t skipped_ = 0;
};

class OidcTokens final : public trm::TokenService {
  public:
    // Loads the keys now (discovering the JWKS URL first when `jwks` is empty); throws
    // std::runtime_error saying why they cannot be had.
    OidcTokens(OidcSettings settings, std::function<std::int64_t()> clock);

    // The provider issues its tokens, not us.
    std::string issue(const std::string& user_id, bool mfa) override;
    std::optional<trm::Bearer> verify(const std::string& token) const override;

    const OidcSettings& settings() const { return settings_; }

  private:
    std::shared_ptr<const Jwks> keys() const;
    // Fetches the keys again unless `last` (a time of the fetch of that kind) is less than
    // `min_interval` ago; keeps the old ones when the fetch fails (logged).
    void refresh(std::chrono::steady_clock::time_point& last,
                 std::chrono::seconds min_interval) const;
    Jwks load() const;

    OidcSettings settings_;
    std::function<std::int64_t()> clock_;
    std::string jwks_source_;  // the file or URL the keys come from
    mutable std::mutex mutex_;
    mutable std::mutex refreshing_;  // one fetch at a time
    mutable std::shared_ptr<const Jwks> keys_;
    mutable std::chrono::steady_clock::time_point fetched_at_;      // any fetch: the keys' age
    mutable std::chrono::steady_clock::time_point unknown_kid_at_;  // the last for a new kid
    mutable std::chrono::seconds max_age_;
};

// The service's own tokens and, when configured, the provider's: each token is verified by the
// one its algorithm belongs to; dev-login issues the service's own.
class BearerTokens final : public trm::TokenService {
  public:
    BearerTokens(trm::TokenService& own, const trm::TokenService* provider)
        : own_(own), provider_(provider) {}
    std::string issue(const std::string& user_id, bool mfa) override {
        return own_.issue(user_id, mfa);
    }
    std::optional<trm::Bearer> verify(const std::string& token) const override {
        if (auto b = own_.verify(token)) return b;
        return provider_ ? provider_->verify(token) : std::nullopt;
    }

  private:
    trm::TokenService& own_;
    const trm::TokenService* provider_;
};

}  // namespace server
