#pragma once
// Whether the portal can talk to the TRM service: checked at start through the backend's
// GET /health, retried with back-off while unreachable. Plain state, no ImGui: views read it.
#include <functional>
#include <string>

#include "backend/backend.hpp"

namespace portal {

enum class ConnectionState { checking, connected, unreachable };

class ServiceConnection {
  public:
    // clock: seconds, monotonic (injected so tests control time).
    ServiceConnection(Backend& backend, std::function<double()> clock)
        : backend_(backend), clock_(std::move(clock)) {}

    // Starts a health check now (ignored while one is in flight).
    void check();
    // Starts the scheduled retry when its time has come. Returns seconds until the next retry
    // (negative when none is scheduled), so the caller can ask for a redraw then.
    double poll();

    ConnectionState state() const { return state_; }
    const std::string& version() const { return version_; }
    bool dev_login() const { return dev_login_; }          // the service offers typed dev sign-in
    const std::string& detail() const { return detail_; }  // why it is unreachable
    int failed_attempts() const { return failed_attempts_; }
    double retry_at() const { return retry_at_; }
    // True once the first check has finished either way (the page is "ready").
    bool settled() const { return settled_; }

    // Back-off after n consecutive failures: 2, 4, 8, 16, then every 30 seconds.
    static double retry_delay(int failures);

  private:
    void on_result(const ApiResult& result);

    Backend& backend_;
    std::function<double()> clock_;
    ConnectionState state_ = ConnectionState::checking;
    bool in_flight_ = false;
    bool settled_ = false;
    int failed_attempts_ = 0;
    double retry_at_ = -1;
    std::string version_;
    bool dev_login_ = false;
    std::string detail_;
};

}  // namespace portal
