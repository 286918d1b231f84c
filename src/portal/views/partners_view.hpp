#pragma once
// Customer home: the partners that manage (or are invited to manage) my rooms.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
// `invite` is the Add partner wizard's draft, edited in place by the wizard.
void draw_partners(const AppState& state, InviteDraft& invite, ContactsDraft& contacts,
                   const ui::Fonts& fonts, Actions& actions);
}  // namespace portal::views
