#pragma once
// Settings › Roles: the roles of the selected customer that I may see — built-in ones marked and
// read-only, custom ones editable with roles.modify — with their permissions and assignments.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
void draw_roles(const AppState& state, const ui::Fonts& fonts, Actions& actions);
}
