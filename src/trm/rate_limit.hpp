#pragma once
// Token buckets per client address: sign-in attempts and bad bearer tokens are limited so a
// client cannot guess or flood at line rate, while honest traffic (valid tokens) never touches a
// bucket. Transport-free: the server passes the peer address in the request.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace trm {

class RateLimiter {
  public:
    using Clock = std::function<double()>;  // seconds, monotonic

    // `burst` attempts at once, refilled at `per_second`.
    RateLimiter(double burst, double per_second, Clock clock = steady_seconds)
        : burst_(burst), per_second_(per_second), clock_(std::move(clock)) {}

    // Takes one attempt for `key`: nullopt when allowed, else the whole seconds until one is.
    std::optional<int> take(const std::string& key) {
        std::lock_guard lock(mutex_);
        Bucket& b = refill(key);
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return std::nullopt;
        }
        return wait(b);
    }

    // Whether `key` has used up its attempts (nothing is taken): a client in that state is
    // refused before any work is spent on what it sends.
    std::optional<int> exhausted(const std::string& key) {
        // The common case, every honest request: no client has spent anything — no lock.
        if (clients_.load(std::memory_order_relaxed) == 0) return std::nullopt;
        std::lock_guard lock(mutex_);
        auto it = buckets_.find(key);
        if (it == buckets_.end()) return std::nullopt;
        Bucket& b = refill(key);
        if (b.tokens >= 1) return std::nullopt;
        return wait(b);
    }

    static double steady_seconds() {
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }

  private:
    struct Bucket {
        double tokens;
        double at;
    };

    Bucket& refill(const std::string& key) {
        double now = clock_();
        if (buckets_.size() > kMaxClients) forget_full(now);
        auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
        clients_.store(buckets_.size(), std::memory_order_relaxed);
        Bucket& b = it->second;
        if (!fresh) {
            b.tokens = std::min(burst_, b.tokens + (now - b.at) * per_second_);
            b.at = now;
        }
        return b;
    }

    int wait(const Bucket& b) const {
        double seconds = (1 - b.tokens) / per_second_;
        return std::max(1, static_cast<int>(seconds + 0.999));
    }

    // Bounded memory under a spray of addresses: buckets that have refilled are the same as new.
    void forget_full(double now) {
        for (auto it = buckets_.begin(); it != buckets_.end();)
            if (it->second.tokens + (now - it->second.at) * per_second_ >= burst_)
                it = buckets_.erase(it);
            else
                ++it;
        clients_.store(buckets_.size(), std::memory_order_relaxed);
    }

    static constexpr std::size_t kMaxClients = 100000;
    double burst_;
    double per_second_;
    Clock clock_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
    std::atomic<std::size_t> clients_{0};  // buckets_.size(), readable without the lock
};

}  // namespace trm
