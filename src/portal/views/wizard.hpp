#pragma once
// The frame every multi-step dialog shares (Add partner, Create role): a centred modal with the
// steps across the top, the current step's content, and Cancel / Back / Next (or Finish) at the
// bottom. Enter moves on when the step is complete; Escape cancels.
#include <string>
#include <vector>

#include "ui/theme.hpp"

namespace portal::views {

enum class WizardOutcome { none, cancel, back, next, finish };

struct WizardSpec {
    const char* title = "";          // the modal's title and ImGui id
    std::vector<const char*> steps;  // step names, shown as "1. General ›"
    int step = 0;                    // the current one
    bool ready = true;               // the current step is complete
    std::string not_ready;           // why Next is disabled
    const char* finish_label = "Finish";
    bool busy = false;    // the finish request is on its way
    std::string locator;  // prefix of the test locators: "<locator>:next"
};

// Every modal dialog's frame: opens it (if `open` and not yet shown), then begins it. With a
// `height` it is a fixed-size, centred panel whose content lays out its own scrolling; without,
// it is `width` wide and as tall as its content. True while it shows: end with EndPopup.
bool begin_dialog(const char* title, bool open, float width, float height = 0);

// Opens the modal (if `open`) and draws the header; false when it is not showing. Between a true
// begin_wizard and end_wizard, draw the step's content.
bool begin_wizard(const WizardSpec& spec, bool open);
// Draws the footer, ends the modal and says what the person chose this frame.
WizardOutcome end_wizard(const WizardSpec& spec);

// A bold line heading a step.
void step_heading(const ui::Fonts& fonts, const char* text);
// Field errors from the service's problem answer, in the danger colour.
void field_errors(const std::vector<std::pair<std::string, std::string>>& errors);

}  // namespace portal::views
