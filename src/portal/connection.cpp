#include "connection.hpp"

#include "i18n.hpp"

#include <algorithm>

#include "trm/health.hpp"

namespace portal {

double ServiceConnection::retry_delay(int failures) {
    if (failures <= 0) return 0;
    double delay = 2.0;
    for (int i = 1; i < failures && delay < 30; ++i) delay *= 2;
    return std::min(delay, 30.0);
}

void ServiceConnection::check() {
    if (in_flight_) return;
    in_flight_ = true;
    retry_at_ = -1;
    if (state_ != ConnectionState::connected) state_ = ConnectionState::checking;
    backend_.call("GET", "/health", nullptr, [this](ApiResult result) { on_result(result); });
}

double ServiceConnection::poll() {
    if (retry_at_ < 0 || in_flight_) return -1;
    double now = clock_();
    if (now >= retry_at_) {
        check();
        return -1;
    }
    return retry_at_ - now;
}

void ServiceConnection::on_result(const ApiResult& result) {
    in_flight_ = false;
    settled_ = true;
    auto health = result.ok() ? trm::Health::from_json(result.body) : std::nullopt;
    if (health) {
        state_ = ConnectionState::connected;
        version_ = health->version;
        dev_login_ = health->dev_login;
        detail_.clear();
        failed_attempts_ = 0;
        return;
    }
    state_ = ConnectionState::unreachable;
    ++failed_attempts_;
    if (result.unreachable())
        detail_ = tr("No answer from the service.");
    else if (result.ok())
        detail_ = tr("The service answered, but not with a TRM health report.");
    else
        detail_ = trf("The service answered {}: {}.", result.status, result.error_message());
    retry_at_ = clock_() + retry_delay(failed_attempts_);
}

}  // namespace portal
