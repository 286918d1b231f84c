// The theme's text colours against their backgrounds: WCAG 2.2 AA contrast (issue #15).
#include <catch2/catch.hpp>

#include "ui/palette.hpp"

using portal::ui::contrast_ratio;
namespace color = portal::ui::color;

TEST_CASE("the contrast ratio is WCAG's", "[portal][theme]") {
    CHECK(contrast_ratio(color::rgb(0, 0, 0), color::rgb(255, 255, 255)) == Approx(21.0));
    CHECK(contrast_ratio(color::kSurface, color::kSurface) == Approx(1.0));
    // #767676 on white is the classic "just passes" grey: 4.54:1.
    CHECK(contrast_ratio(color::rgb(0x76, 0x76, 0x76), color::kSurface) ==
          Approx(4.54).margin(0.01));
    // The order of the two colours does not matter.
    CHECK(contrast_ratio(color::kText, color::kPage) == contrast_ratio(color::kPage, color::kText));
}

TEST_CASE("every pair the portal draws text in meets WCAG AA", "[portal][theme]") {
    for (const auto& pair : portal::ui::kTextPairs) {
        INFO(pair.what << ": " << contrast_ratio(pair.text, pair.background) << ":1");
        CHECK(contrast_ratio(pair.text, pair.background) >= pair.minimum);
    }
}
