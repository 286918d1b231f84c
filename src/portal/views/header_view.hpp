#pragma once
// The frame of every signed-in page: brand, tenant switcher, page tabs, user menu.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {

// Begins the page window and draws the top bar; the page view draws below it; end_page() closes.
Actions draw_header(const AppState& state, const ui::Fonts& fonts);
void end_page();

}  // namespace portal::views
