#version 300 es
// The access matrix's quad: four corners from gl_VertexID (no vertex buffer), each carrying the
// cell coordinate (column, row) it shows, so the fragment shader knows its cell by interpolation.
uniform vec4 u_ndc;    // x0, y0, x1, y1 of the visible rectangle in clip space
uniform vec4 u_cells;  // column and row at the top-left corner, column and row at bottom-right
out vec2 v_cell;

void main() {
    vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
    gl_Position = vec4(mix(u_ndc.xy, u_ndc.zw, corner), 0.0, 1.0);
    v_cell = mix(u_cells.xy, u_cells.zw, corner);
}
