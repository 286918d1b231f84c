#pragma once
// The portal's look: a light, quiet admin-console theme (Inter, soft neutrals, one blue accent),
// scaled to the device pixel ratio so everything is drawn in crisp device pixels.
#include "imgui.h"

namespace portal::ui {

struct Fonts {
    ImFont* body = nullptr;     // Inter Regular, 15 px
    ImFont* strong = nullptr;   // Inter SemiBold, 15 px: labels, table headers, buttons
    ImFont* heading = nullptr;  // Inter SemiBold, 22 px: page titles
    ImFont* small = nullptr;    // Inter Regular, 13 px: captions, chips
};

// Rebuilds the font atlas and style for `scale` device pixels per CSS pixel.
Fonts rebuild(float scale);

// The palette, shared by views that draw their own shapes.
namespace color {
inline constexpr ImU32 kAccent = IM_COL32(37, 99, 235, 255);
inline constexpr ImU32 kAccentSoft = IM_COL32(219, 234, 254, 255);
inline constexpr ImU32 kText = IM_COL32(17, 24, 39, 255);
inline constexpr ImU32 kTextMuted = IM_COL32(100, 116, 139, 255);
inline constexpr ImU32 kBorder = IM_COL32(226, 232, 240, 255);
inline constexpr ImU32 kSurface = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kPage = IM_COL32(246, 247, 249, 255);
inline constexpr ImU32 kSuccess = IM_COL32(22, 163, 74, 255);
inline constexpr ImU32 kSuccessSoft = IM_COL32(220, 252, 231, 255);
inline constexpr ImU32 kDanger = IM_COL32(220, 38, 38, 255);
inline constexpr ImU32 kDangerSoft = IM_COL32(254, 226, 226, 255);
inline constexpr ImU32 kWarning = IM_COL32(217, 119, 6, 255);
inline constexpr ImU32 kWarningSoft = IM_COL32(254, 243, 199, 255);
}  // namespace color

// The current scale (device pixels per CSS pixel): multiply layout constants by it.
float scale();
inline float px(float css_pixels) {
    return css_pixels * scale();
}

}  // namespace portal::ui
