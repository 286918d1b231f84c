#include "ui/widgets.hpp"

#include <algorithm>

#include "ui/semantics_imgui.hpp"
#include "ui/theme.hpp"

namespace portal::ui {

namespace {
struct CardFrame {
    ImVec2 start;
    ImVec2 padding;
    float width;
};
ImVector<CardFrame> g_cards;  // begin/end may nest
}  // namespace

void begin_card(float width, ImVec2 padding) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);  // content in front, background (drawn at the end) behind
    ImVec2 start = ImGui::GetCursorScreenPos();
    g_cards.push_back({start, padding, width});
    ImGui::SetCursorScreenPos(ImVec2(start.x + padding.x, start.y + padding.y));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * padding.x);
    ImGui::PushItemWidth(width - 2 * padding.x);
}

void end_card() {
    CardFrame card = g_cards.back();
    g_cards.pop_back();
    ImGui::PopItemWidth();
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImVec2 content_max = ImGui::GetItemRectMax();
    ImVec2 max(card.start.x + card.width, content_max.y + card.padding.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(card.start, max, color::kSurface, px(10));
    dl->AddRect(card.start, max, color::kBorder, px(10), 0, px(1));
    dl->ChannelsMerge();
    // Leave the cursor below the card, with the card's full size as the last item.
    ImGui::SetCursorScreenPos(card.start);
    ImGui::Dummy(ImVec2(card.width, max.y - card.start.y));
}

void card_divider() {
    float width = g_cards.empty() ? ImGui::GetContentRegionAvail().x
                                  : g_cards.back().width - 2 * g_cards.back().padding.x;
    ImGui::Dummy(ImVec2(0, px(6)));
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + width, p.y), color::kBorder, px(1));
    ImGui::Dummy(ImVec2(width, px(6)));
}

bool primary_button(const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(color::kAccent));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered,
                          ImGui::ColorConvertU32ToFloat4(IM_COL32(29, 78, 216, 255)));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive,
                          ImGui::ColorConvertU32ToFloat4(IM_COL32(30, 64, 175, 255)));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(IM_COL32_WHITE));
    ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(color::kAccent));
    bool pressed = ImGui::Button(label);
    ImGui::PopStyleColor(5);
    return pressed;
}

namespace {
std::vector<platform::Locator> g_locators;
struct ToastLine {
    std::string text;
    bool error;
};
std::vector<ToastLine> g_toasts;
}  // namespace

void begin_locators() {
    g_locators.clear();
}

void expose(const std::string& label, bool enabled, const std::string& note) {
    // A closed control tells assistive technology why, as its tooltip tells the mouse.
    if (!enabled && !note.empty())
        if (semantics::Node* n = semantics::described_last_item()) n->description = note;
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    // The band is the window's own rectangle, not the draw clip rect: a table row scrolled out
    // of view clips to nothing, and the test must still know where to turn the wheel.
    float top = ImGui::GetWindowPos().y;
    g_locators.push_back({label, min.x, min.y, max.x - min.x, max.y - min.y, top,
                          top + ImGui::GetWindowHeight(), enabled, note});
}

void expose_rect(const std::string& label, ImVec2 min, ImVec2 max, const std::string& note) {
    float top = ImGui::GetWindowPos().y;
    g_locators.push_back({label, min.x, min.y, max.x - min.x, max.y - min.y, top,
                          top + ImGui::GetWindowHeight(), true, note});
}

std::vector<platform::Locator> end_locators() {
    return std::move(g_locators);
}

bool secondary_button(const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kText));
    bool pressed = ImGui::Button(label);
    ImGui::PopStyleColor();
    return pressed;
}

namespace {
void describe_field(const char* label, const char* hint, const char* buf, bool multiline) {
    semantics::Node* n = semantics::last_item();
    if (!n) return;
    n->role = semantics::Role::textbox;
    n->name = semantics::visible_label(label);
    if (hint && *hint) {
        n->placeholder = hint;
        if (n->name.empty()) n->name = hint;
    }
    n->value = buf;
    n->multiline = multiline;
}
}  // namespace

bool input_text_with_hint(const char* label, const char* hint, char* buf, std::size_t size,
                          ImGuiInputTextFlags flags) {
    bool changed = ImGui::InputTextWithHint(label, hint, buf, size, flags);
    describe_field(label, hint, buf, false);
    return changed;
}

bool input_text(const char* label, char* buf, std::size_t size, ImGuiInputTextFlags flags) {
    bool changed = ImGui::InputText(label, buf, size, flags);
    describe_field(label, nullptr, buf, false);
    return changed;
}

bool input_text_multiline(const char* label, char* buf, std::size_t size, const ImVec2& frame,
                          ImGuiInputTextFlags flags) {
    bool changed = ImGui::InputTextMultiline(label, buf, size, frame, flags);
    describe_field(label, nullptr, buf, true);
    return changed;
}

bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags) {
    // The combo's own item is gone from LastItemData once its popup window has begun.
    ImGuiID id = ImGui::GetID(label);
    bool open = ImGui::BeginCombo(label, preview, flags);
    if (semantics::Node* n = semantics::item(id)) {
        n->role = semantics::Role::combobox;
        n->name = semantics::visible_label(label);
        n->value = preview ? preview : "";
        if (n->name.empty()) n->name = n->value;
        n->expanded = open ? semantics::Tri::yes : semantics::Tri::no;
    }
    return open;
}

bool combo(const char* label, int* current, const char* const items[], int count) {
    ImGuiID id = ImGui::GetID(label);
    bool changed = ImGui::Combo(label, current, items, count);
    if (semantics::Node* n = semantics::item(id)) {
        n->role = semantics::Role::combobox;
        n->name = semantics::visible_label(label);
        n->value = *current >= 0 && *current < count ? items[*current] : "";
        if (n->name.empty()) n->name = n->value;
        n->expanded = semantics::Tri::no;
    }
    return changed;
}

bool slider_int(const char* label, int* v, int min, int max) {
    bool changed = ImGui::SliderInt(label, v, min, max);
    if (semantics::Node* n = semantics::last_item()) {
        n->role = semantics::Role::slider;
        n->name = semantics::visible_label(label);
        n->value = std::to_string(*v);
        n->min = min;
        n->max = max;
    }
    return changed;
}

void name_last_item(const std::string& name) {
    if (semantics::Node* n = semantics::last_item()) n->name = name;
}

bool enter_pressed() {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
}

bool danger_button(const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kDanger));
    ImGui::PushStyleColor(ImGuiCol_Border,
                          ImGui::ColorConvertU32ToFloat4(IM_COL32(252, 165, 165, 255)));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered,
                          ImGui::ColorConvertU32ToFloat4(color::kDangerSoft));
    bool pressed = ImGui::Button(label);
    ImGui::PopStyleColor(3);
    return pressed;
}

bool gated_button(const char* label, bool allowed, const std::string& reason, bool primary) {
    if (!allowed) ImGui::BeginDisabled();
    bool pressed = primary ? primary_button(label) : secondary_button(label);
    if (!allowed) {
        if (semantics::Node* n = semantics::described_last_item()) n->description = reason;
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(px(360));
            ImGui::TextUnformatted(reason.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    return allowed && pressed;
}

void section_title(const ui::Fonts& fonts, const char* title, const char* caption) {
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(title);
    semantics::text_of_last_item(semantics::Role::heading, title, 2);
    ImGui::PopFont();
    if (caption) muted(caption);
    ImGui::Dummy(ImVec2(0, px(4)));
}

void chip(const char* text, ImU32 fg, ImU32 bg) {
    ImVec2 size = ImGui::CalcTextSize(text);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float pad = px(8), h = size.y + px(4);
    // Centred on a frame's height, so a chip lines up with buttons and with text placed by
    // AlignTextToFramePadding in the same row.
    float line = std::max(h, ImGui::GetFrameHeight());
    pos.y += (line - h) / 2;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x + 2 * pad, pos.y + h), bg, h / 2);
    dl->AddText(ImVec2(pos.x + pad, pos.y + px(2)), fg, text);
    ImGui::Dummy(ImVec2(size.x + 2 * pad, line));
}

void centered_spinner(const char* caption) {
    ImVec2 avail = ImGui::GetContentRegionAvail();
    ImVec2 start = ImGui::GetCursorScreenPos();
    float r = px(12);
    ImVec2 centre(start.x + avail.x / 2, start.y + std::max(avail.y / 3, px(60)));
    float t = static_cast<float>(ImGui::GetTime()) * 6.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PathArcTo(centre, r, t, t + 4.2f, 24);
    dl->PathStroke(color::kAccent, 0, px(3));
    ImVec2 ts = ImGui::CalcTextSize(caption);
    dl->AddText(ImVec2(centre.x - ts.x / 2, centre.y + r + px(12)), color::kTextMuted, caption);
}

void muted(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kTextMuted));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void toast_line(const std::string& text, bool error) {
    g_toasts.push_back({text, error});
}

void draw_toasts() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    float y = vp->Pos.y + vp->Size.y - px(20);
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    for (auto it = g_toasts.rbegin(); it != g_toasts.rend(); ++it) {
        float wrap = px(380);
        ImVec2 ts = ImGui::CalcTextSize(it->text.c_str(), nullptr, false, wrap);
        ImVec2 pad(px(16), px(12));
        ImVec2 max(vp->Pos.x + vp->Size.x - px(20), y);
        ImVec2 min(max.x - ts.x - 2 * pad.x - px(6), y - ts.y - 2 * pad.y);
        dl->AddRectFilled(ImVec2(min.x + px(1), min.y + px(3)),
                          ImVec2(max.x + px(1), max.y + px(3)), IM_COL32(15, 23, 42, 30), px(8));
        dl->AddRectFilled(min, max, color::kSurface, px(8));
        dl->AddRect(min, max, color::kBorder, px(8));
        dl->AddRectFilled(min, ImVec2(min.x + px(4), max.y),
                          it->error ? color::kDanger : color::kSuccess, px(8),
                          ImDrawFlags_RoundCornersLeft);
        dl->AddText(nullptr, 0, ImVec2(min.x + pad.x + px(6), min.y + pad.y), color::kText,
                    it->text.c_str(), nullptr, wrap);
        y = min.y - px(10);
    }
    g_toasts.clear();
}

}  // namespace portal::ui
