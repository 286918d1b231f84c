#include "ui/palette.hpp"

#include <algorithm>
#include <cmath>

namespace portal::ui {

namespace {

// WCAG 2.2 relative luminance of an sRGB colour (the packed ImGui layout: red in the low byte).
double luminance(std::uint32_t c) {
    auto channel = [](std::uint32_t v) {
        double s = static_cast<double>(v & 0xFF) / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c) + 0.7152 * channel(c >> 8) + 0.0722 * channel(c >> 16);
}

}  // namespace

double contrast_ratio(std::uint32_t a, std::uint32_t b) {
    double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace portal::ui
