#pragma once
// Room groups of the selected tenant: list, create, rename and choose their rooms — each
// control gated by groups.view / groups.create / groups.modify with the reason when closed.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
void draw_groups(const AppState& state, GroupsDraft& draft, const ui::Fonts& fonts,
                 Actions& actions);
}  // namespace portal::views
