// The access matrix's heat map on WebGL2: one R8 texture of decisions and one full-rectangle
// quad whose fragment shader (shaders/heatmap.frag) colours each cell. Drawing goes through an
// ImGui draw-list callback, so the heat map sits in the page's layout and clipping like any item
// and costs one draw call whatever the number of cells.
#include <GLES3/gl3.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "imgui.h"
#include "platform/platform.hpp"

extern const unsigned char heatmap_vert[];
extern const std::size_t heatmap_vert_size;
extern const unsigned char heatmap_frag[];
extern const std::size_t heatmap_frag_size;

namespace portal::platform {

namespace {

constexpr int kPermissions = 20;

struct Gl {
    bool tried = false;
    GLuint program = 0, vao = 0, texture = 0;
    GLint u_ndc = -1, u_cells = -1, u_decisions = -1, u_grid = -1, u_permission = -1,
          u_cell_px = -1, u_hover = -1, u_preview_row = -1, u_none = -1, u_some = -1, u_all = -1,
          u_grid_line = -1, u_gained = -1, u_lost = -1, u_background = -1;
    std::uint64_t version = 0;
    bool uploaded = false;
    int columns = 0, rows = 0;
    HeatmapView view;  // what the pending draw callback draws (one heat map per frame)
};
Gl gl;

GLuint compile(GLenum type, const unsigned char* text, std::size_t size) {
    GLuint shader = glCreateShader(type);
    auto source = reinterpret_cast<const GLchar*>(text);
    auto length = static_cast<GLint>(size);
    glShaderSource(shader, 1, &source, &length);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = "";
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        std::fprintf(stderr, "heat map shader: %s\n", log);
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

// Compiles the program on first use; false if this GPU refuses it.
bool ready() {
    if (gl.tried) return gl.program != 0;
    gl.tried = true;
    GLuint vs = compile(GL_VERTEX_SHADER, heatmap_vert, heatmap_vert_size);
    GLuint fs = compile(GL_FRAGMENT_SHADER, heatmap_frag, heatmap_frag_size);
    if (!vs || !fs) return false;
    GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = "";
        glGetProgramInfoLog(program, sizeof log, nullptr, log);
        std::fprintf(stderr, "heat map program: %s\n", log);
        glDeleteProgram(program);
        return false;
    }
    gl.program = program;
    auto at = [&](const char* name) { return glGetUniformLocation(program, name); };
    gl.u_ndc = at("u_ndc");
    gl.u_cells = at("u_cells");
    gl.u_decisions = at("u_decisions");
    gl.u_grid = at("u_grid");
    gl.u_permission = at("u_permission");
    gl.u_cell_px = at("u_cell_px");
    gl.u_hover = at("u_hover");
    gl.u_preview_row = at("u_preview_row");
    gl.u_none = at("u_none");
    gl.u_some = at("u_some");
    gl.u_all = at("u_all");
    gl.u_grid_line = at("u_grid_line");
    gl.u_gained = at("u_gained");
    gl.u_lost = at("u_lost");
    gl.u_background = at("u_background");
    // No vertex buffer: the quad comes from gl_VertexID. An empty VAO keeps ImGui's enabled
    // attribute arrays out of the draw.
    glGenVertexArrays(1, &gl.vao);
    glGenTextures(1, &gl.texture);
    glBindTexture(GL_TEXTURE_2D, gl.texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    return true;
}

void set_color(GLint location, std::uint32_t c) {
    ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
    glUniform3f(location, v.x, v.y, v.z);
}

void draw_callback(const ImDrawList*, const ImDrawCmd* cmd) {
    const HeatmapView& v = gl.view;
    ImDrawData* data = ImGui::GetDrawData();
    float fb_w = data->DisplaySize.x, fb_h = data->DisplaySize.y;
    // The item's rectangle, clipped by its window like ImGui's own draw commands.
    float x0 = std::max(v.x, cmd->ClipRect.x), y0 = std::max(v.y, cmd->ClipRect.y);
    float x1 = std::min(v.x + v.w, cmd->ClipRect.z), y1 = std::min(v.y + v.h, cmd->ClipRect.w);
    if (x1 <= x0 || y1 <= y0 || fb_w <= 0 || fb_h <= 0) return;

    glUseProgram(gl.program);
    glBindVertexArray(gl.vao);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, gl.texture);
    glDisable(GL_BLEND);
    glEnable(GL_SCISSOR_TEST);
    glScissor(static_cast<GLint>(x0), static_cast<GLint>(fb_h - y1), static_cast<GLsizei>(x1 - x0),
              static_cast<GLsizei>(y1 - y0));
    glUniform4f(gl.u_ndc, v.x / fb_w * 2 - 1, 1 - v.y / fb_h * 2, (v.x + v.w) / fb_w * 2 - 1,
                1 - (v.y + v.h) / fb_h * 2);
    glUniform4f(gl.u_cells, v.first_column, v.first_row, v.first_column + v.w / v.cell_w,
                v.first_row + v.h / v.cell_h);
    glUniform1i(gl.u_decisions, 0);
    glUniform2i(gl.u_grid, gl.columns, gl.rows);
    glUniform1i(gl.u_permission, v.permission);
    glUniform2f(gl.u_cell_px, v.cell_w, v.cell_h);
    glUniform2i(gl.u_hover, v.hover_column, v.hover_row);
    glUniform1i(gl.u_preview_row, v.preview_row);
    set_color(gl.u_none, v.none);
    set_color(gl.u_some, v.some);
    set_color(gl.u_all, v.all);
    set_color(gl.u_grid_line, v.grid);
    set_color(gl.u_gained, v.gained);
    set_color(gl.u_lost, v.lost);
    set_color(gl.u_background, v.background);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindVertexArray(0);
}

}  // namespace

int heatmap_max_columns() {
    if (!ready()) return 0;
    GLint max_size = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
    return max_size / kPermissions;
}

bool heatmap_upload(std::uint64_t version, int columns, int rows, const std::uint8_t* cells) {
    if (!ready() || columns > heatmap_max_columns()) return false;
    if (gl.uploaded && version == gl.version) return true;
    glBindTexture(GL_TEXTURE_2D, gl.texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    // An empty matrix still gets a 1×1 texture, so the sampler is always complete.
    static const std::uint8_t zero = 0;
    bool empty = columns == 0 || rows == 0;
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, empty ? 1 : columns * kPermissions, empty ? 1 : rows, 0,
                 GL_RED, GL_UNSIGNED_BYTE, empty ? &zero : cells);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    gl.version = version;
    gl.uploaded = true;
    gl.columns = columns;
    gl.rows = rows;
    return true;
}

void heatmap_draw(const HeatmapView& view) {
    if (!gl.uploaded) return;
    gl.view = view;
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->AddCallback(draw_callback, nullptr);
    list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

}  // namespace portal::platform
