#pragma once
// The page's semantics: what a screen reader, voice control, find-in-page and automation need
// to know about the controls ImGui drew on the canvas — role, accessible name, state, value and
// where they are. Built every frame (ui/semantics_imgui.cpp gathers it from what ImGui drew),
// diffed here against the last frame, and mirrored into the DOM by the platform (only the
// changes travel). Free of ImGui and of the browser, so it is unit-tested on both platforms.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace portal::ui::semantics {

// WAI-ARIA roles the portal uses. Containers (dialog, tablist, listbox, menu) hold the nodes
// whose `parent` names them; everything else is a leaf.
enum class Role : std::uint8_t {
    button,
    link,
    tab,
    tablist,
    checkbox,
    radio,
    textbox,
    combobox,
    listbox,
    option,
    menu,
    menuitem,
    menuitemcheckbox,
    slider,
    heading,
    text,
    status,
    alert,
    img,
    dialog,
};

const char* role_name(Role role);
bool is_container(Role role);
bool is_focusable(Role role);

// A tri-state for checked / expanded / selected: most roles have no such state at all.
enum class Tri : std::int8_t { none = -1, no = 0, yes = 1 };

struct Node {
    std::uint32_t key = 0;     // stable across frames (the ImGui id); never 0
    std::uint32_t parent = 0;  // the container's key, 0: the page itself
    Role role = Role::button;
    std::string name;                  // the accessible name, in the UI's language
    std::string description;           // e.g. why a control is disabled
    std::string value;                 // text fields, combo boxes, sliders
    std::string placeholder;           // a text field's hint
    float x = 0, y = 0, w = 0, h = 0;  // CSS pixels, the visible part
    int level = 0;                     // heading level
    int min = 0, max = 0;              // slider: its range (value: the current one)
    bool disabled = false;
    bool multiline = false;  // textbox
    Tri checked = Tri::none, expanded = Tri::none, selected = Tri::none;
    // Keyboard focus: the one node ImGui itself is editing or navigating (a text field being
    // typed in). The mirror moves DOM focus there when it changes.
    bool focused = false;
    bool operator==(const Node&) const = default;
};

// Turns each frame's nodes (in reading order) into the update the page applies: nodes added or
// changed (whole), keys removed, the order when it changed, and the key to focus when ImGui's
// own focus moved. JSON: {"set":[…],"remove":[…],"order":[…],"focus":k}; "" when nothing
// changed, so an idle or unchanged frame costs the DOM nothing. The first update after
// reset() carries "reset":true and every node: the page drops whatever else it holds.
class Mirror {
  public:
    std::string update(const std::vector<Node>& nodes);
    // Forget everything sent (the page was rebuilt): the next update sends every node.
    void reset();

  private:
    std::unordered_map<std::uint32_t, Node> sent_;
    std::vector<std::uint32_t> order_;
    std::uint32_t focus_ = 0;
    bool fresh_ = true;
};

// Where a node's visible label ends: ImGui labels carry their id after "##" ("Save##room").
std::string visible_label(const char* label);

}  // namespace portal::ui::semantics
