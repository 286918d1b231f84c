#pragma once
// Customer home: the partners that manage (or are invited to manage) my rooms.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
void draw_partners(const AppState& state, const ui::Fonts& fonts, Actions& actions);
}
