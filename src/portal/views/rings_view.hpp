#pragma once
// Update rings of the selected tenant: the rings in rollout order with their timing and rooms;
// add, edit and delete (built-ins stay), with the 60-day rule shown while typing.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
void draw_rings(const AppState& state, RingDraft& draft, const ui::Fonts& fonts, Actions& actions);
}  // namespace portal::views
