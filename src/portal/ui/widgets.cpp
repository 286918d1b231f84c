#include "ui/widgets.hpp"

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

}  // namespace portal::ui
