#pragma once
// Small building blocks every page uses, drawn in the theme's style.
#include "imgui.h"

namespace portal::ui {

// A white rounded card with a border, exactly as tall as its content (ImGui 1.86 child windows
// cannot auto-size their height, so the background is drawn behind the content afterwards).
// Usage: begin_card(width); ...widgets...; end_card();
void begin_card(float width, ImVec2 padding);
void end_card();

// A horizontal rule across the current card (ImGui's Separator spans the whole window).
void card_divider();

// The one emphasised action of a view: accent fill, white label. Other buttons stay neutral.
bool primary_button(const char* label);

}  // namespace portal::ui
