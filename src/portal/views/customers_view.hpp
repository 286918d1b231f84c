#pragma once
// Partner home: invitations waiting for me, and the customers I manage.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
void draw_customers(const AppState& state, const ui::Fonts& fonts, Actions& actions);
}
