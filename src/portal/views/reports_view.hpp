#pragma once
// Reports of the selected tenant (reports.view): rooms by health, open incidents by severity
// and by type, incidents opened and closed per day over 90 days — drawn with ImGui's draw
// lists, values on hover.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
void draw_reports(const AppState& state, const ui::Fonts& fonts, Actions& actions);
}  // namespace portal::views
