#pragma once
// Access matrix: who can do what where — my people × the tenants where I may read roles × the
// twenty permissions — as a heat map drawn on the GPU (shaders/heatmap.*), panned by dragging and
// zoomed with the wheel. Hover or click a cell for which role and assignment grant it (or what is
// missing); "preview as" one person; what-if edits of a role's permissions or an assignment's
// scope show the changed cells before anything is saved; the shown cells export as CSV.
#include "app.hpp"
#include "views/actions.hpp"

namespace portal::views {
void draw_matrix(const AppState& state, MatrixDraft& matrix, const ui::Fonts& fonts,
                 Actions& actions);
}  // namespace portal::views
