#version 300 es
// The access matrix as a heat map: people (rows) × customers (columns), over a texture with one
// byte per (person, customer, permission): bits 0-1 the draft's reach, bits 2-3 the saved reach
// (0 none, 1 some rooms, 2 all rooms). Texel x = customer * 20 + permission, y = person.
//
// One permission chosen: each cell is that permission's reach. Otherwise each cell is a heat
// colour for how many of the twenty the person holds there, and once a cell is wide enough it
// splits into twenty stripes, one per permission (semantic zoom). Cells a what-if draft changes
// are drawn in the change's colour so they stand out at any zoom.
precision highp float;
precision highp int;

uniform sampler2D u_decisions;
uniform ivec2 u_grid;        // customers, people
uniform int u_permission;    // 0..19, or -1 for all
uniform vec2 u_cell_px;      // size of one cell on screen, in pixels
uniform ivec2 u_hover;       // the cell under the pointer, or -1
uniform int u_preview_row;   // the person previewed, or -1
uniform vec3 u_none, u_some, u_all, u_grid_line, u_gained, u_lost, u_background;

in vec2 v_cell;
out vec4 out_color;

const int kPermissions = 20;

int decision(int column, int permission, int row) {
    return int(texelFetch(u_decisions, ivec2(column * kPermissions + permission, row), 0).r * 255.0 + 0.5);
}

vec3 reach_color(int reach) {
    return reach == 2 ? u_all : reach == 1 ? u_some : u_none;
}

void main() {
    ivec2 cell = ivec2(floor(v_cell));
    if (cell.x < 0 || cell.y < 0 || cell.x >= u_grid.x || cell.y >= u_grid.y) {
        out_color = vec4(u_background, 1.0);
        return;
    }
    vec2 inside = fract(v_cell) * u_cell_px;  // pixels from the cell's top-left corner
    bool split = u_permission < 0 && u_cell_px.x >= 60.0;

    vec3 color;
    int change = 0;  // 1 gained or widened, -1 lost or narrowed, 2 both (in one cell)
    if (u_permission >= 0 || split) {
        int p = split ? min(int(fract(v_cell.x) * float(kPermissions)), kPermissions - 1)
                      : u_permission;
        int d = decision(cell.x, p, cell.y);
        int now = d & 3, before = (d >> 2) & 3;
        color = reach_color(now);
        if (now != before) change = now > before ? 1 : -1;
    } else {
        float held = 0.0;
        bool up = false, down = false;
        for (int p = 0; p < kPermissions; ++p) {
            int d = decision(cell.x, p, cell.y);
            int now = d & 3, before = (d >> 2) & 3;
            held += now == 2 ? 1.0 : now == 1 ? 0.6 : 0.0;
            up = up || now > before;
            down = down || now < before;
        }
        float t = held / float(kPermissions);
        color = held == 0.0 ? u_none : mix(u_some, u_all, smoothstep(0.0, 1.0, t));
        change = up && down ? 2 : up ? 1 : down ? -1 : 0;
    }

    if (change != 0) {
        vec3 mark = change == 1 ? u_gained : change == -1 ? u_lost : mix(u_gained, u_lost, 0.5);
        // Small cells take the change colour whole; larger ones a frame of it around their reach,
        // tinted towards it so the change reads at a glance.
        float edge = min(inside.x, min(inside.y, min(u_cell_px.x - inside.x, u_cell_px.y - inside.y)));
        color = u_cell_px.y < 8.0 || edge < 3.0 ? mark : mix(color, mark, 0.45);
    }
    if (u_preview_row >= 0 && cell.y != u_preview_row) color = mix(color, u_background, 0.65);

    // Grid lines once cells are big enough to tell apart; stripes get fainter dividers.
    if (u_cell_px.x >= 6.0 && u_cell_px.y >= 6.0 && (inside.x < 1.0 || inside.y < 1.0))
        color = u_grid_line;
    else if (split) {
        float stripe = fract(v_cell.x) * float(kPermissions);
        if (fract(stripe) * u_cell_px.x / float(kPermissions) < 1.0) color = mix(color, u_grid_line, 0.5);
    }
    if (cell == u_hover) {
        float edge = min(inside.x, min(inside.y, min(u_cell_px.x - inside.x, u_cell_px.y - inside.y)));
        if (edge < 2.0 || u_cell_px.y < 6.0) color = vec3(0.07, 0.09, 0.15);
    }
    out_color = vec4(color, 1.0);
}
