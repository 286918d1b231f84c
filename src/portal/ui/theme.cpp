#include "ui/theme.hpp"

#include <cstddef>

// Subsets of Inter (Latin, Latin-1, Latin Extended-A, punctuation), embedded at build time.
extern const unsigned char inter_regular[];
extern const std::size_t inter_regular_size;
extern const unsigned char inter_semibold[];
extern const std::size_t inter_semibold_size;

namespace portal::ui {

namespace {

float g_scale = 1.0f;

ImVec4 rgba(ImU32 c) {
    return ImGui::ColorConvertU32ToFloat4(c);
}

ImFont* add_font(const unsigned char* data, std::size_t size, float pixels) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes live in the binary
    config.OversampleH = 2;
    config.OversampleV = 1;
    config.PixelSnapH = false;
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x205E, 0x20AC,
                                     0x20AC, 0x2190, 0x2193, 0x2212, 0x2212, 0};
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(
        const_cast<unsigned char*>(data), static_cast<int>(size), pixels, &config, ranges);
}

void apply_style(float s) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(20, 20);
    style.FramePadding = ImVec2(10, 6);
    style.CellPadding = ImVec2(10, 6);
    style.ItemSpacing = ImVec2(10, 10);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.ScrollbarSize = 12;
    style.GrabMinSize = 10;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 1;
    style.PopupBorderSize = 1;
    style.FrameBorderSize = 1;
    style.WindowRounding = 8;
    style.ChildRounding = 8;
    style.FrameRounding = 6;
    style.PopupRounding = 6;
    style.ScrollbarRounding = 6;
    style.GrabRounding = 6;
    style.TabRounding = 6;

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = rgba(color::kText);
    c[ImGuiCol_TextDisabled] = rgba(color::kTextMuted);
    c[ImGuiCol_WindowBg] = rgba(color::kPage);
    c[ImGuiCol_ChildBg] = rgba(color::kSurface);
    c[ImGuiCol_PopupBg] = rgba(color::kSurface);
    c[ImGuiCol_Border] = rgba(color::kBorder);
    c[ImGuiCol_FrameBg] = rgba(color::kSurface);
    c[ImGuiCol_FrameBgHovered] = rgba(color::kHover);
    c[ImGuiCol_FrameBgActive] = rgba(color::kPressed);
    // Neutral buttons by default; ui::primary_button() is the accent-filled one.
    c[ImGuiCol_Button] = rgba(color::kSurface);
    c[ImGuiCol_ButtonHovered] = rgba(color::kHover);
    c[ImGuiCol_ButtonActive] = rgba(color::kPressed);
    c[ImGuiCol_Header] = rgba(color::kAccentSoft);
    c[ImGuiCol_HeaderHovered] = rgba(color::kSelectedHover);
    c[ImGuiCol_HeaderActive] = rgba(color::kSelectedActive);
    c[ImGuiCol_CheckMark] = rgba(color::kAccent);
    c[ImGuiCol_SliderGrab] = rgba(color::kAccent);
    c[ImGuiCol_TableHeaderBg] = rgba(color::kTableHeader);
    c[ImGuiCol_TableBorderLight] = rgba(color::kBorder);
    c[ImGuiCol_TableBorderStrong] = rgba(color::kBorder);
    c[ImGuiCol_TableRowBgAlt] = rgba(color::kRowAlt);
    c[ImGuiCol_NavHighlight] = rgba(color::kAccent);
    c[ImGuiCol_ModalWindowDimBg] = rgba(IM_COL32(15, 23, 42, 90));
    // Dialog title bars blend into the dialog: a light bar with a hairline, not ImGui's grey.
    c[ImGuiCol_TitleBg] = rgba(color::kTableHeader);
    c[ImGuiCol_TitleBgActive] = rgba(color::kTableHeader);
    c[ImGuiCol_TitleBgCollapsed] = rgba(color::kTableHeader);
    c[ImGuiCol_Separator] = rgba(color::kBorder);

    style.ScaleAllSizes(s);
    ImGui::GetStyle() = style;
}

}  // namespace

float scale() {
    return g_scale;
}

Fonts rebuild(float s) {
    g_scale = s;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    Fonts fonts;
    fonts.body = add_font(inter_regular, inter_regular_size, 15 * s);
    fonts.strong = add_font(inter_semibold, inter_semibold_size, 15 * s);
    fonts.heading = add_font(inter_semibold, inter_semibold_size, 22 * s);
    fonts.small = add_font(inter_regular, inter_regular_size, 13 * s);
    atlas->Build();
    apply_style(s);
    return fonts;
}

}  // namespace portal::ui
