#pragma once
// Incidents: one customer's tickets, or — "Enable all tickets view" — every customer's where I
// may see them, in one list with a Customer column; filters, an incident's thread with reply
// (and assign to the service), closing with a reason category, and "Record an issue".
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
void draw_incidents(const AppState& state, IncidentsDraft& ui_state, const ui::Fonts& fonts,
                    Actions& actions);
}  // namespace portal::views
