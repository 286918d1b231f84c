// libFuzzer target: bearer tokens as a client may send them, verified as an identity provider's
// access tokens (issue #13: OidcTokens, OpenSSL EVP with RSA and P-256 keys from a JWKS).
// The keys' private halves were thrown away when this file was written, so no input may ever
// verify: one that does is a forgery the verifier accepted.
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "server/oidc_tokens.hpp"

namespace {

constexpr const char* kJwks =
    R"({"keys":[{"kty":"RSA","n":"3EvM1u1KEY-Dw4kmBEstN0AO_HsoIRGGevg-q2n_vBravjl0pABRiv7tZp-uBXj92hOSDHq9BnPc7e0S7MUHy2zL3qn1_1uIqtFXr_hHIZaQHkIDesA5SR23kaMhrkbHBfAbPMirUhUTWnLCKdnAkjeEBQwrPXOAjWszOGlPY6Wp_tszhtdHdxx9kfaeOMuKMei4vtVeFcaeD07-ktsaAPRNKHvbqWsWTa8x8WtNOl7A1AbN4k1nkmOt3r_ljYJWszCU51ZeKCN9LW2qy3NHuwNbjNT1_GW_mbArzG-AV6opOpQanO0rxy9wRO8944eXwR4Z6PNNryoG4D7Jx5BZSw","e":"AQAB","kid":"rsa-1","alg":"RS256","use":"sig"},{"kty":"EC","x":"4es3YcHdpqmS-t7DLXx4AVL3CkqyTE7p31eEgdzn3xE","y":"7DgnB8vhpReiAoJxlDrq4aE-nReaCEq-aWgObbBhZYQ","crv":"P-256","kid":"ec-1","alg":"ES256","use":"sig"}]})";

server::OidcTokens& verifier() {
    static server::OidcTokens* tokens = [] {
        char path[] = "/tmp/fuzz-oidc-jwks-XXXXXX";
        int fd = ::mkstemp(path);
        if (fd < 0) std::abort();
        ::close(fd);
        std::ofstream(path) << kJwks;
        server::OidcSettings s;
        s.issuer = "https://idp.example";
        s.audience = "trm-api";
        s.jwks = path;
        s.mfa_acr = "urn:example:mfa";
        // The keys never change: no refreshes, so the file can go at once.
        s.refresh = s.unknown_kid_interval = std::chrono::hours(24 * 365);
        auto* made = new server::OidcTokens(s, [] { return std::int64_t{1'795'795'200}; });
        ::unlink(path);
        return made;
    }();
    return *tokens;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string token(reinterpret_cast<const char*>(data), size);
    if (verifier().verify(token)) std::abort();
    return 0;
}
