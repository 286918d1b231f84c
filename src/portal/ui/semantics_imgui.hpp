#pragma once
// Gathers the page's semantics (ui/semantics.hpp) from what ImGui draws. ImGui reports every
// interactive item it adds and, for its own widgets, the label and state (the hooks it offers
// for its test engine, IMGUI_ENABLE_TEST_ENGINE); the portal's widgets add what ImGui does not
// know (a text field's value, a combo box's choice, a custom tab, a heading). Only what is
// visible becomes a node, in the order it was drawn, which is the reading order.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"
#include "ui/semantics.hpp"

namespace portal::ui::semantics {

// Starts this frame's gathering and carries out what the page asked for since the last one.
// Call after ImGui::NewFrame(), before the first widget.
void begin_frame();
// This frame's nodes, in reading order, with positions in CSS pixels.
std::vector<Node> end_frame();
// The key of the open modal dialog, 0 when none: the page behind it is inert.
std::uint32_t modal_key();

// What the page asks of a control (its DOM element was clicked, pressed or focused). Carried
// out at the start of the next frame, as a mouse click or a Tab into a field would be.
enum class Request : std::uint8_t { activate = 0, focus = 1 };
void request(Request kind, std::uint32_t key);

// The node of the item just submitted (or of the item `id`), for the widget to complete: its
// role, name, value. Null when the item is not visible this frame. Asking makes it a node.
Node* last_item();
Node* item(ImGuiID id);
// The node of the last item only when it is one already (ImGui described it), to add a fact
// such as a disabled control's reason without turning a bare item into a node.
Node* described_last_item();

// A heading (or other text: status, alert) over the rectangle of the last item, which was its
// text. ImGui gives text no id; the key comes from the text and its window.
void text_of_last_item(Role role, std::string_view text, int level = 0);

}  // namespace portal::ui::semantics
