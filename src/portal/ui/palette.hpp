#pragma once
// The portal's colours, and the pairs of them that carry text. Plain integers (ImGui's IM_COL32
// packing: red in the low byte), so the contrast of every pair is checked by a unit test
// (tests/unit/theme_test.cpp) without ImGui: WCAG 2.2 AA asks 4.5:1 of text (and 3:1 of large
// text and of the parts of controls); the semantic colours are the -700 shades for that reason.
#include <array>
#include <cstdint>
#include <string_view>

namespace portal::ui {

namespace color {
constexpr std::uint32_t rgb(std::uint32_t r, std::uint32_t g, std::uint32_t b) {
    return 0xFF000000u | (b << 16) | (g << 8) | r;
}
inline constexpr std::uint32_t kAccent = rgb(37, 99, 235);        // buttons, tabs, links
inline constexpr std::uint32_t kAccentStrong = rgb(29, 78, 216);  // accent text on soft blue
inline constexpr std::uint32_t kAccentSoft = rgb(219, 234, 254);  // selection, info chips
inline constexpr std::uint32_t kText = rgb(17, 24, 39);
inline constexpr std::uint32_t kTextMuted = rgb(71, 85, 105);
inline constexpr std::uint32_t kBorder = rgb(226, 232, 240);
inline constexpr std::uint32_t kSurface = rgb(255, 255, 255);
inline constexpr std::uint32_t kPage = rgb(246, 247, 249);
inline constexpr std::uint32_t kHover = rgb(241, 245, 249);
inline constexpr std::uint32_t kPressed = rgb(226, 232, 240);
inline constexpr std::uint32_t kSelectedHover = rgb(239, 246, 255);
inline constexpr std::uint32_t kSelectedActive = rgb(191, 219, 254);
inline constexpr std::uint32_t kTableHeader = rgb(248, 250, 252);
inline constexpr std::uint32_t kRowAlt = rgb(250, 251, 252);
inline constexpr std::uint32_t kSuccess = rgb(21, 128, 61);
inline constexpr std::uint32_t kSuccessSoft = rgb(220, 252, 231);
inline constexpr std::uint32_t kDanger = rgb(185, 28, 28);
inline constexpr std::uint32_t kDangerSoft = rgb(254, 226, 226);
inline constexpr std::uint32_t kWarning = rgb(180, 83, 9);
inline constexpr std::uint32_t kWarningSoft = rgb(254, 243, 199);
}  // namespace color

// Every foreground/background pair the portal draws text in, with the contrast it needs.
struct TextPair {
    std::string_view what;
    std::uint32_t text, background;
    double minimum;
};
inline constexpr double kNormalText = 4.5;
inline constexpr std::array<TextPair, 28> kTextPairs{{
    {"body text on the page", color::kText, color::kPage, kNormalText},
    {"body text on cards and fields", color::kText, color::kSurface, kNormalText},
    {"body text on a hovered row", color::kText, color::kHover, kNormalText},
    {"body text on a pressed button", color::kText, color::kPressed, kNormalText},
    {"body text on a selected row", color::kText, color::kAccentSoft, kNormalText},
    {"body text on a hovered selection", color::kText, color::kSelectedHover, kNormalText},
    {"body text on an active selection", color::kText, color::kSelectedActive, kNormalText},
    {"table headers", color::kText, color::kTableHeader, kNormalText},
    {"muted text on the page", color::kTextMuted, color::kPage, kNormalText},
    {"muted text on cards", color::kTextMuted, color::kSurface, kNormalText},
    {"muted text on a hovered row", color::kTextMuted, color::kHover, kNormalText},
    {"muted text on striped rows", color::kTextMuted, color::kRowAlt, kNormalText},
    {"muted text on table headers", color::kTextMuted, color::kTableHeader, kNormalText},
    {"muted chips", color::kTextMuted, color::kBorder, kNormalText},
    {"accent text (tabs, links) on cards", color::kAccent, color::kSurface, kNormalText},
    {"accent text on the page", color::kAccent, color::kPage, kNormalText},
    {"primary buttons: white on accent", color::kSurface, color::kAccent, kNormalText},
    {"info chips", color::kAccentStrong, color::kAccentSoft, kNormalText},
    {"success text on the page", color::kSuccess, color::kPage, kNormalText},
    {"success text on cards", color::kSuccess, color::kSurface, kNormalText},
    {"success chips", color::kSuccess, color::kSuccessSoft, kNormalText},
    {"error text on the page", color::kDanger, color::kPage, kNormalText},
    {"error text on cards", color::kDanger, color::kSurface, kNormalText},
    {"danger buttons on a hovered row", color::kDanger, color::kHover, kNormalText},
    {"error chips", color::kDanger, color::kDangerSoft, kNormalText},
    {"warning text on the page", color::kWarning, color::kPage, kNormalText},
    {"warning text on cards", color::kWarning, color::kSurface, kNormalText},
    {"warning chips", color::kWarning, color::kWarningSoft, kNormalText},
}};

// WCAG 2.2's contrast ratio of two opaque colours: (L1 + 0.05) / (L2 + 0.05) of their relative
// luminances, 1 to 21.
double contrast_ratio(std::uint32_t a, std::uint32_t b);

}  // namespace portal::ui
