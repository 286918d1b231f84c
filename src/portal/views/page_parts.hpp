#pragma once
// Pieces every page view shares: the "can't show this" states, list tables, typed confirmations.
#include <initializer_list>
#include <string>
#include <utility>

#include "app.hpp"
#include "imgui.h"
#include "views/actions.hpp"

namespace portal::views {

// Draws why the page cannot show its content — the permission it lacks (with the reason), a
// load error with "Try again", or "Loading…" while `empty` — and returns true when it did.
bool page_blocked(const AppState& s, mtm::Action needed, bool empty, Actions& actions);

// The look of every list: row stripes, inner lines, stretch columns.
inline constexpr ImGuiTableFlags kListTable =
    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
    ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
void table_headers(const ui::Fonts& fonts);

// A two-column "label: value" table (review steps, invitation facts). Usage:
// if (begin_facts("##id", label_width)) { fact("Rooms", text); …; ImGui::EndTable(); }
bool begin_facts(const char* id, float label_width, float width = 0);
void fact(const char* label, const std::string& value);

// Right-click on the last item opens a menu of "Copy …" entries (label, text); choosing one puts
// the text on the clipboard and asks the app to confirm it. Locators: "<locator> menu:<label>".
void copy_menu(std::initializer_list<std::pair<const char*, std::string>> entries,
               const char* locator, Actions& actions);

// An incident type's name for people ("conferenceMicrophone" → "Conference microphone").
const char* incident_type_label(const std::string& type);

// An invitation contact's status for people: "Pending", "Accepted", "Declined".
const char* contact_status(const std::string& status);

// A modal that ends something: explains it and asks for `name` typed exactly before the
// confirm button works. Locators: "<label>:confirm text" and "<label>:confirm". Returns true on
// the frame the person confirms. Open it with ImGui::OpenPopup(popup).
bool typed_confirmation(const char* popup, const std::string& name, const std::string& explanation,
                        const char* button, const std::string& label);

}  // namespace portal::views
