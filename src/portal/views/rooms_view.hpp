#pragma once
// Rooms of the selected customer that I can see: filter by text, health and group, sort by any
// column, select several (move them to an update ring), open one in a detail pane (edit it,
// download or reset its key, unenroll it), and enroll a new one — each control enabled only
// where my access allows, and saying why not. Smooth at 100,000 rooms: the list is clipped and
// its order recomputed only when the filters, the sort or the rooms change.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
// `filter`: the text filter, kept in the app state (it is part of the page's deep link).
void draw_rooms(const AppState& state, char (&filter)[96], RoomsList& list, RoomDraft& draft,
                const ui::Fonts& fonts, Actions& actions);
}  // namespace portal::views
