#pragma once
// Charts drawn with ImGui's draw lists: no chart library, the same pixels in every browser.
// Hovering a bar or a day shows its values; every bar is also a test locator whose note is its
// value ("<locator>:<key>").
#include <string>
#include <vector>

#include "imgui.h"

namespace portal::ui {

struct Bar {
    std::string key;    // stable id for the locator ("unhealthy")
    std::string label;  // shown ("Unhealthy")
    int value = 0;
    ImU32 color = 0;
};

// Horizontal bars, one row each, scaled to the largest value, with the value at the bar's end.
void bar_chart(const char* id, const std::vector<Bar>& bars, float width,
               const std::string& locator);

struct DayCounts {
    std::string date;  // YYYY-MM-DD
    int opened = 0, closed = 0;
};

// Two series per day as paired columns (opened, closed) over `days`, with a y-axis scale, the
// first and last date, and a hover guide that names the day and both values.
void day_columns(const char* id, const std::vector<DayCounts>& days, ImVec2 size,
                 const char* opened_label, const char* closed_label, const std::string& locator);

}  // namespace portal::ui
