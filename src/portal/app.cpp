#include "app.hpp"

#include "imgui.h"
#include "platform/platform.hpp"
#include "views/home_view.hpp"

namespace portal {

App::App(std::unique_ptr<Backend> backend)
    : backend_(std::move(backend)), connection_(*backend_, platform::now_seconds) {}

void App::start() {
    connection_.check();
}

void App::rebuild_for_scale(float scale) {
    fonts_ = ui::rebuild(scale);
}

void App::frame() {
    double next_retry = connection_.poll();
    if (next_retry >= 0) {
        // Wake up for the retry and for each tick of its countdown.
        platform::request_redraw_in(std::min(1.0, next_retry));
    }

    ImGui::PushFont(fonts_.body);
    views::HomeViewModel model{connection_, fonts_, backend_->describe(), platform::now_seconds()};
    views::HomeViewActions actions = views::draw_home(model);
    ImGui::PopFont();

    if (actions.retry_now) connection_.check();
    if (connection_.state() == ConnectionState::checking) platform::request_redraw();  // spinner
    publish_status();
}

void App::publish_status() {
    std::string status;
    switch (connection_.state()) {
        case ConnectionState::checking:
            status = "Contacting the TRM service…";
            break;
        case ConnectionState::connected:
            status = "Connected to TRM service";
            break;
        case ConnectionState::unreachable:
            status = "TRM service unreachable. " + connection_.detail();
            break;
    }
    if (status != announced_) {
        announced_ = status;
        platform::announce(status);
    }
    if (!ready_signalled_ && connection_.settled()) {
        ready_signalled_ = true;
        platform::signal_ready();
    }
}

}  // namespace portal
