#pragma once
// Small building blocks every page uses, drawn in the theme's style.
#include <cstddef>
#include <string>
#include <vector>

#include "imgui.h"
#include "platform/platform.hpp"
#include "ui/theme.hpp"

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

// Test locator: records the last item under `label` (see platform::publish_locators).
void begin_locators();
void expose(const std::string& label, bool enabled = true, const std::string& note = {});
// The same for a region that is not an ImGui item (a cell of a custom-drawn chart).
void expose_rect(const std::string& label, ImVec2 min, ImVec2 max, const std::string& note = {});
std::vector<platform::Locator> end_locators();

// A button that is disabled, with `reason` as its tooltip, when `allowed` is false — the
// client-side permission check made visible. Returns true when pressed.
bool gated_button(const char* label, bool allowed, const std::string& reason, bool primary = false);
// The same as a small secondary (outlined) button.
bool secondary_button(const char* label);
// An outlined button in the danger colour, for actions that end something.
bool danger_button(const char* label);

// ImGui's text fields, combo boxes and sliders, telling the page's semantics what ImGui does
// not know of them: the value, and the hint as the name of a field without a visible label.
bool input_text_with_hint(const char* label, const char* hint, char* buf, std::size_t size,
                          ImGuiInputTextFlags flags = 0);
bool input_text(const char* label, char* buf, std::size_t size, ImGuiInputTextFlags flags = 0);
bool input_text_multiline(const char* label, char* buf, std::size_t size,
                          const ImVec2& frame = ImVec2(0, 0), ImGuiInputTextFlags flags = 0);
bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags = 0);
bool combo(const char* label, int* current, const char* const items[], int count);
bool slider_int(const char* label, int* v, int min, int max);
// The accessible name of the last item, when its label shows none (a field under a caption).
void name_last_item(const std::string& name);

// True on the frame Enter is pressed: dialogs take it as their primary action.
bool enter_pressed();

// Section title in the heading font with an optional muted caption under it.
void section_title(const ui::Fonts& fonts, const char* title, const char* caption = nullptr);
// A coloured pill (health, status) drawn inline.
void chip(const char* text, ImU32 fg, ImU32 bg);
// A spinner with a caption, centred in the remaining space.
void centered_spinner(const char* caption);
// Muted text, wrapped.
void muted(const std::string& text);

// Toasts: collect lines during the frame, draw them stacked at the bottom right.
void toast_line(const std::string& text, bool error);
void draw_toasts();

}  // namespace portal::ui
