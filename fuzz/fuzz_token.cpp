// libFuzzer target: bearer tokens as a client may send them, verified as trm-server does.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "server/jwt_tokens.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static server::JwtTokens tokens(std::vector<unsigned char>(32, 7),
                                    [] { return 1'795'795'200; });
    static const std::string valid = tokens.issue("u-ann", false);
    std::string token(reinterpret_cast<const char*>(data), size);
    auto who = tokens.verify(token);
    // Only our own signature opens: an input that verifies must be a token we issued.
    if (who && (who->user_id != "u-ann" || who->mfa || token != valid)) std::abort();
    (void)server::base64url_decode(token);
    return 0;
}
