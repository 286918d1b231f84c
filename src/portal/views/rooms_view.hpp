#pragma once
// Rooms of the selected customer that I can see, with the actions my access allows.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
void draw_rooms(const AppState& state, const ui::Fonts& fonts, Actions& actions);
}
