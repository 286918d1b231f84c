#pragma once
// Settings › Roles: the roles of the selected customer that I may see — built-in ones marked and
// read-only, custom ones editable with roles.modify — with Properties, the permission matrix,
// assignments (add, edit with member and scope pickers, delete) and the create-role wizard.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
void draw_roles(const AppState& state, RolesDraft& draft, const ui::Fonts& fonts, Actions& actions);
}
