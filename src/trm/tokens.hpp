#pragma once
// Bearer tokens: the service issues one at sign-in and resolves it to a user on each request.
// trm-server plugs in signed JWTs (its own, and an identity provider's); tests and the offline
// demo use DevTokens.
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace trm {

// Who a valid token stands for, and how that person signed in.
struct Bearer {
    std::string user_id;  // the service's own tokens name the user by id…
    std::string upn;      // …an identity provider's by the user claim, matched to a UPN
    bool mfa = false;     // the sign-in was multi-factor
};

class TokenService {
  public:
    virtual ~TokenService() = default;
    virtual std::string issue(const std::string& user_id, bool mfa) = 0;
    // Who a token stands for, or nullopt when the token is unknown, forged or expired.
    virtual std::optional<Bearer> verify(const std::string& token) const = 0;
};

// Opaque random-looking tokens remembered in memory; `next` supplies the token strings.
class DevTokens final : public TokenService {
  public:
    explicit DevTokens(std::function<std::string()> next) : next_(std::move(next)) {}
    std::string issue(const std::string& user_id, bool mfa) override {
        std::lock_guard lock(mutex_);
        std::string token = next_();
        tokens_[token] = Bearer{user_id, {}, mfa};
        return token;
    }
    std::optional<Bearer> verify(const std::string& token) const override {
        std::lock_guard lock(mutex_);
        auto it = tokens_.find(token);
        if (it == tokens_.end()) return std::nullopt;
        return it->second;
    }

  private:
    std::function<std::string()> next_;
    mutable std::mutex mutex_;
    std::map<std::string, Bearer> tokens_;
};

}  // namespace trm
