#pragma once
// Settings › General › Audit log (customer): every change to my organisation's rooms and
// settings, by my people and my partners', over a date range (≤ 180 days back) and actor, as a
// table and as a CSV download.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
void draw_audit(const AppState& state, AuditDraft& filters, const ui::Fonts& fonts,
                Actions& actions);
}  // namespace portal::views
