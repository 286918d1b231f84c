#pragma once
// The first page: the product frame (top bar) and the connection to the TRM service.
#include "connection.hpp"
#include "ui/theme.hpp"

namespace portal::views {

struct HomeViewModel {
    const ServiceConnection& connection;
    const ui::Fonts& fonts;
    std::string backend_description;
    double now = 0;
    bool loading_demo = false;
};

// What the user asked for this frame; the app acts on it after drawing.
struct HomeViewActions {
    bool retry_now = false;
    bool offline_demo = false;  // open the offline demo instead
};

HomeViewActions draw_home(const HomeViewModel& model);

}  // namespace portal::views
