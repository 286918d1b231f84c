#pragma once
// The portal's look: a light, quiet admin-console theme (Inter, soft neutrals, one blue accent),
// scaled to the device pixel ratio so everything is drawn in crisp device pixels.
#include "imgui.h"
#include "ui/palette.hpp"

namespace portal::ui {

struct Fonts {
    ImFont* body = nullptr;     // Inter Regular, 15 px
    ImFont* strong = nullptr;   // Inter SemiBold, 15 px: labels, table headers, buttons
    ImFont* heading = nullptr;  // Inter SemiBold, 22 px: page titles
    ImFont* small = nullptr;    // Inter Regular, 13 px: captions, chips
};

// Rebuilds the font atlas and style for `scale` device pixels per CSS pixel.
Fonts rebuild(float scale);

// The palette (palette.hpp): ui::color::k… for views that draw their own shapes.

// The current scale (device pixels per CSS pixel): multiply layout constants by it.
float scale();
inline float px(float css_pixels) {
    return css_pixels * scale();
}

}  // namespace portal::ui
