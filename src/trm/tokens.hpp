#pragma once
// Bearer tokens: the service issues one at sign-in and resolves it to a user on each request.
// trm-server plugs in signed JWTs; tests and the offline demo use DevTokens.
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace trm {

class TokenService {
  public:
    virtual ~TokenService() = default;
    virtual std::string issue(const std::string& user_id) = 0;
    // The user id a token stands for, or nullopt when the token is unknown, forged or expired.
    virtual std::optional<std::string> verify(const std::string& token) const = 0;
};

// Opaque random-looking tokens remembered in memory; `next` supplies the token strings.
class DevTokens final : public TokenService {
  public:
    explicit DevTokens(std::function<std::string()> next) : next_(std::move(next)) {}
    std::string issue(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        std::string token = next_();
        tokens_[token] = user_id;
        return token;
    }
    std::optional<std::string> verify(const std::string& token) const override {
        std::lock_guard lock(mutex_);
        auto it = tokens_.find(token);
        if (it == tokens_.end()) return std::nullopt;
        return it->second;
    }

  private:
    std::function<std::string()> next_;
    mutable std::mutex mutex_;
    std::map<std::string, std::string> tokens_;
};

}  // namespace trm
