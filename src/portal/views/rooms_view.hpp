#pragma once
// Rooms of the selected customer that I can see, with the actions my access allows.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
// `filter`: the text filter, kept in the app state (it is part of the page's deep link).
void draw_rooms(const AppState& state, char (&filter)[96], const ui::Fonts& fonts,
                Actions& actions);
}  // namespace portal::views
