#include "server/oidc_tokens.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "server/http_fetch.hpp"
#include "server/jwt_tokens.hpp"

namespace server {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxTokenLength = 16384;  // providers' tokens are larger than ours
constexpr std::int64_t kLeewaySeconds = 60;
constexpr std::chrono::seconds kMinMaxAge{60};

struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::string b64(const json& jwk, const char* member) {
    if (!jwk.contains(member) || !jwk[member].is_string()) return {};
    return base64url_decode(jwk[member].get<std::string>()).value_or("");
}

// An RSA public key from its modulus and exponent (big-endian bytes), through OpenSSL 3's
// provider API (no deprecated RSA_* calls).
Pkey rsa_key(const std::string& n, const std::string& e) {
    Pkey out;
    BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()),
                             static_cast<int>(n.size()), nullptr);
    BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()),
                             static_cast<int>(e.size()), nullptr);
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM* params = nullptr;
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    EVP_PKEY* key = nullptr;
    if (bn_n && bn_e && bld && ctx && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n) &&
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e) &&
        (params = OSSL_PARAM_BLD_to_param(bld)) && EVP_PKEY_fromdata_init(ctx) == 1 &&
        EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) == 1)
        out.reset(key);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(ctx);
    BN_free(bn_n);
    BN_free(bn_e);
    return out;
}

// A P-256 public key from its coordinates; the point must lie on the curve.
Pkey p256_key(const std::string& x, const std::string& y) {
    Pkey out;
    if (x.size() != 32 || y.size() != 32) return out;
    std::string point = "\x04" + x + y;  // uncompressed SEC1 form
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM* params = nullptr;
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
    EVP_PKEY* key = nullptr;
    if (bld && ctx &&
        OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) &&
        OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                         point.size()) &&
        (params = OSSL_PARAM_BLD_to_param(bld)) && EVP_PKEY_fromdata_init(ctx) == 1 &&
        EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) == 1)
        out.reset(key);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(ctx);
    if (out) {
        EVP_PKEY_CTX* check = EVP_PKEY_CTX_new_from_pkey(nullptr, out.get(), nullptr);
        bool on_curve = check && EVP_PKEY_public_check(check) == 1;
        EVP_PKEY_CTX_free(check);
        if (!on_curve) out.reset();
    }
    return out;
}

// JWS ES256 signatures are r || s (32 bytes each); OpenSSL verifies DER-encoded ECDSA-Sig-Value.
std::string es256_der(const std::string& raw) {
    if (raw.size() != 64) return {};
    ECDSA_SIG* sig = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr);
    BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr);
    std::string der;
    if (sig && r && s && ECDSA_SIG_set0(sig, r, s) == 1) {
        r = s = nullptr;  // owned by sig now
        int len = i2d_ECDSA_SIG(sig, nullptr);
        if (len > 0) {
            der.resize(static_cast<std::size_t>(len));
            auto* p = reinterpret_cast<unsigned char*>(der.data());
            if (i2d_ECDSA_SIG(sig, &p) != len) der.clear();
        }
    }
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(sig);
    return der;
}

bool audience_contains(const json& aud, const std::string& audience) {
    if (aud.is_string()) return aud == audience;
    if (!aud.is_array()) return false;
    return std::any_of(aud.begin(), aud.end(),
                       [&](const json& a) { return a.is_string() && a == audience; });
}

// max-age of a Cache-Control header, if any.
std::optional<std::chrono::seconds> max_age(const std::string& cache_control) {
    auto at = cache_control.find("max-age=");
    if (at == std::string::npos) return std::nullopt;
    long long v = std::atoll(cache_control.c_str() + at + 8);
    if (v <= 0) return std::nullopt;
    return std::chrono::seconds(v);
}

bool is_url(const std::string& s) {
    return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
}

}  // namespace

struct Jwks::Key {
    std::string kid;
    std::string alg;  // "RS256" or "ES256": the algorithm this key may verify
    Pkey pkey;
};

Jwks Jwks::parse(const std::string& text) {
    json doc = json::parse(text, nullptr, false);
    if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array())
        throw std::runtime_error("not a JSON Web Key Set (an object with a \"keys\" array)");
    Jwks out;
    for (const json& jwk : doc["keys"]) {
        auto str = [&](const char* m) {
            return jwk.is_object() && jwk.contains(m) && jwk[m].is_string()
                       ? jwk[m].get<std::string>()
                       : std::string();
        };
        auto key = std::make_shared<Key>();
        key->kid = str("kid");
        std::string kty = str("kty"), use = str("use"), alg = str("alg");
        if (!use.empty() && use != "sig") {  // encryption keys never verify a signature
            ++out.skipped_;
            continue;
        }
        if (kty == "RSA" && (alg.empty() || alg == "RS256")) {
            key->alg = "RS256";
            key->pkey = rsa_key(b64(jwk, "n"), b64(jwk, "e"));
            if (key->pkey && EVP_PKEY_get_bits(key->pkey.get()) < 2048) key->pkey.reset();
        } else if (kty == "EC" && str("crv") == "P-256" && (alg.empty() || alg == "ES256")) {
            key->alg = "ES256";
            key->pkey = p256_key(b64(jwk, "x"), b64(jwk, "y"));
        }
        if (!key->pkey) {
            ++out.skipped_;
            continue;
        }
        out.keys_.push_back(std::move(key));
    }
    return out;
}

bool Jwks::verify(const std::string& alg, const std::string& kid, const std::string& input,
                  const std::string& signature, bool& found) const {
    found = false;
    const Key* key = nullptr;
    std::size_t candidates = 0;
    for (const auto& k : keys_) {
        if (k->alg != alg) continue;
        ++candidates;
        if (kid.empty() || k->kid == kid) key = k.get();
        if (!kid.empty() && k->kid == kid) break;
    }
    // Without a kid, only an unambiguous set: never try keys one after another.
    if (!key || (kid.empty() && candidates != 1)) return false;
    found = true;
    std::string sig = alg == "ES256" ? es256_der(signature) : signature;
    if (sig.empty()) return false;
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    bool ok =
        md && EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, key->pkey.get()) == 1 &&
        EVP_DigestVerify(md, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                         reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
    EVP_MD_CTX_free(md);
    return ok;
}

OidcTokens::OidcTokens(OidcSettings settings, std::function<std::int64_t()> clock)
    : settings_(std::move(settings)), clock_(std::move(clock)), max_age_(settings_.refresh) {
    if (settings_.issuer.empty() || settings_.audience.empty())
        throw std::runtime_error("--oidc-issuer and --oidc-audience go together");
    jwks_source_ = settings_.jwks;
    if (jwks_source_.empty()) {
        // Discovery (OpenID Connect Discovery 1.0 §4): the issuer names its keys' URL.
        std::string url = settings_.issuer;
        if (!url.empty() && url.back() == '/') url.pop_back();
        url += "/.well-known/openid-configuration";
        Fetched f = http_get(url, settings_.fetch_timeout);
        json doc = json::parse(f.body, nullptr, false);
        if (f.status != 200 || !doc.is_object() || !doc.contains("jwks_uri") ||
            !doc["jwks_uri"].is_string())
            throw std::runtime_error(url + " does not name a jwks_uri (HTTP " +
                                     std::to_string(f.status) + "); pass --oidc-jwks");
        if (doc.value("issuer", "") != settings_.issuer)
            throw std::runtime_error(url + " is the configuration of issuer '" +
                                     doc.value("issuer", "") + "', not '" + settings_.issuer +
                                     "' (--oidc-issuer must match it exactly)");
        jwks_source_ = doc["jwks_uri"].get<std::string>();
    }
    Jwks first = load();
    if (first.size() == 0)
        throw std::runtime_error(jwks_source_ +
                                 " holds no RS256 or ES256 signing key this service can use");
    keys_ = std::make_shared<const Jwks>(std::move(first));
    fetched_at_ = std::chrono::steady_clock::now();
    unknown_kid_at_ = fetched_at_ - settings_.unknown_kid_interval;  // the first new kid fetches
}

Jwks OidcTokens::load() const {
    std::string text;
    if (is_url(jwks_source_)) {
        Fetched f = http_get(jwks_source_, settings_.fetch_timeout);
        if (f.status != 200)
            throw std::runtime_error(jwks_source_ + " answered HTTP " + std::to_string(f.status));
        text = std::move(f.body);
        // The provider says how long its keys may be cached; never re-fetch more than once a
        // minute, never keep them longer than configured.
        if (auto age = max_age(f.cache_control))
            max_age_ = std::clamp(*age, kMinMaxAge, std::max(kMinMaxAge, settings_.refresh));
    } else {
        std::ifstream in(jwks_source_);
        if (!in) throw std::runtime_error("cannot read " + jwks_source_);
        std::stringstream all;
        all << in.rdbuf();
        text = all.str();
    }
    try {
        return Jwks::parse(text);
    } catch (const std::exception& e) {
        throw std::runtime_error(jwks_source_ + ": " + e.what());
    }
}

std::shared_ptr<const Jwks> OidcTokens::keys() const {
    std::lock_guard lock(mutex_);
    return keys_;
}

void OidcTokens::refresh(std::chrono::steady_clock::time_point& last,
                         std::chrono::seconds min_interval) const {
    std::lock_guard one(refreshing_);
    {
        std::lock_guard lock(mutex_);
        auto now = std::chrono::steady_clock::now();
        if (now - last < min_interval) return;
        last = fetched_at_ = now;  // failures count too: no retry storm
    }
    try {
        Jwks fresh = load();
        if (fresh.size() == 0) throw std::runtime_error("no usable signing key in it");
        std::lock_guard lock(mutex_);
        keys_ = std::make_shared<const Jwks>(std::move(fresh));
    } catch (const std::exception& e) {
        std::fprintf(stderr,
                     "trm: cannot refresh the identity provider's keys (%s); keeping "
                     "the ones held\n",
                     e.what());
    }
}

std::string OidcTokens::issue(const std::string&, bool) {
    throw std::logic_error("the identity provider issues its own tokens");
}

std::optional<trm::Bearer> OidcTokens::verify(const std::string& token) const {
    auto jws = split_compact_jws(token, kMaxTokenLength);
    if (!jws) return std::nullopt;
    json h = json::parse(jws->header, nullptr, false);
    if (!h.is_object() || !h.contains("alg") || !h["alg"].is_string()) return std::nullopt;
    std::string alg = h["alg"].get<std::string>();
    // The algorithm is the provider's, never the token's choice: "none", HS256 keyed with a
    // public key and everything else are refused before any key is touched.
    if (alg != "RS256" && alg != "ES256") return std::nullopt;
    if (h.contains("crit")) return std::nullopt;  // extensions we do not understand
    if (h.contains("typ")) {
        if (!h["typ"].is_string()) return std::nullopt;
        std::string typ = h["typ"].get<std::string>();
        std::transform(typ.begin(), typ.end(), typ.begin(), ::tolower);
        if (typ != "jwt" && typ != "at+jwt" && typ != "application/at+jwt") return std::nullopt;
    }
    std::string kid = h.contains("kid") && h["kid"].is_string() ? h["kid"].get<std::string>() : "";

    auto now_steady = std::chrono::steady_clock::now();
    bool stale;
    {
        std::lock_guard lock(mutex_);
        stale = now_steady - fetched_at_ >= max_age_;
    }
    if (stale) refresh(fetched_at_, max_age_);
    bool found = false;
    bool ok = keys()->verify(alg, kid, jws->signing_input, jws->signature, found);
    if (!found && !kid.empty()) {
        // A key we do not hold: the provider may have rotated. One fetch, rate-limited.
        refresh(unknown_kid_at_, settings_.unknown_kid_interval);
        ok = keys()->verify(alg, kid, jws->signing_input, jws->signature, found);
    }
    if (!ok) return std::nullopt;

    json p = json::parse(jws->payload, nullptr, false);
    if (!p.is_object()) return std::nullopt;
    if (!p.contains("iss") || !p["iss"].is_string() || p["iss"] != settings_.issuer)
        return std::nullopt;
    if (!p.contains("aud") || !audience_contains(p["aud"], settings_.audience)) return std::nullopt;
    // An ID token is proof of a sign-in for the client, not a credential for this API.
    for (const char* id_token_claim : {"nonce", "at_hash", "c_hash"})
        if (p.contains(id_token_claim)) return std::nullopt;
    std::int64_t now = clock_();
    if (!p.contains("exp") || !p["exp"].is_number()) return std::nullopt;
    if (p["exp"].get<double>() + kLeewaySeconds <= static_cast<double>(now)) return std::nullopt;
    for (const char* claim : {"nbf", "iat"}) {
        if (!p.contains(claim)) continue;
        if (!p[claim].is_number()) return std::nullopt;
        if (p[claim].get<double>() > static_cast<double>(now + kLeewaySeconds)) return std::nullopt;
    }
    const std::string& claim = settings_.user_claim;
    if (!p.contains(claim) || !p[claim].is_string() || p[claim].get<std::string>().empty())
        return std::nullopt;
    trm::Bearer out;
    out.upn = p[claim].get<std::string>();
    if (p.contains("amr") && p["amr"].is_array())
        for (const json& m : p["amr"])
            if (m.is_string() && m == "mfa") out.mfa = true;
    if (!settings_.mfa_acr.empty() && p.contains("acr") && p["acr"].is_string() &&
        p["acr"] == settings_.mfa_acr)
        out.mfa = true;
    return out;
}

}  // namespace server
