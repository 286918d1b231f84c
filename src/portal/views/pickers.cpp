#include "views/pickers.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "i18n.hpp"
#include "imgui.h"
#include "ui/widgets.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

void toggle(std::vector<std::string>& v, const std::string& x, bool on) {
    auto it = std::find(v.begin(), v.end(), x);
    if (on && it == v.end()) v.push_back(x);
    if (!on && it != v.end()) v.erase(it);
}

// Case-insensitive substring match; an empty needle matches everything.
bool matches(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
    });
    return it != hay.end();
}

}  // namespace

void scope_picker(Scope& scope, const std::vector<RoomGroupRow>& groups,
                  const std::vector<RoomRow>& rooms, char (&filter)[64],
                  const std::string& locator) {
    ImGui::Checkbox(tr("All rooms"), &scope.all_rooms);
    ui::expose(locator + ":all rooms");
    if (scope.all_rooms) return;
    ImGui::TextDisabled(tr("%s chosen"), scope.text().c_str());
    if (!ImGui::BeginTable("##scope", 2, ImGuiTableFlags_BordersInnerV,
                           ImVec2(0, ImGui::GetContentRegionAvail().y)))
        return;
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", tr("Room groups"));
    ImGui::BeginChild("##groups", ImVec2(0, 0));
    if (groups.empty()) ui::muted(tr("No room groups you can see here."));
    for (const auto& g : groups) {
        bool on = contains(scope.room_group_ids, g.id);
        std::string label = g.name + "  (" + std::to_string(g.room_count) + ")##" + g.id;
        if (ImGui::Checkbox(label.c_str(), &on)) toggle(scope.room_group_ids, g.id, on);
        ui::expose(locator + ":group:" + g.name);
    }
    ImGui::EndChild();
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    ui::input_text_with_hint("##room-filter", tr("Filter rooms"), filter, sizeof filter);
    ui::expose(locator + ":room filter");
    ImGui::BeginChild("##rooms", ImVec2(0, 0));
    room_checklist(scope.room_ids, rooms, filter, locator);
    ImGui::EndChild();
    ImGui::EndTable();
}

void contact_rows(std::vector<ContactDraft>& contacts, const std::string& locator) {
    int remove = -1;
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        float w = (ImGui::GetContentRegionAvail().x - px(50)) / 2;
        ImGui::SetNextItemWidth(w);
        ui::input_text_with_hint("##name", tr("Name"), contacts[i].name, sizeof contacts[i].name);
        ui::expose(locator + ":name:" + std::to_string(i));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(w);
        ui::input_text_with_hint("##upn", tr("name@partner.example"), contacts[i].upn,
                                 sizeof contacts[i].upn);
        ui::expose(locator + ":upn:" + std::to_string(i));
        if (contacts.size() > 1) {
            ImGui::SameLine();
            if (ui::secondary_button("×")) remove = static_cast<int>(i);
            ui::expose(locator + ":remove:" + std::to_string(i));
        }
        ImGui::PopID();
    }
    if (remove >= 0) contacts.erase(contacts.begin() + remove);
    if (contacts.size() < 50 && ui::secondary_button(tr("+ Add person"))) contacts.push_back({});
    ui::expose(locator + ":add person");
}

void room_checklist(std::vector<std::string>& chosen, const std::vector<RoomRow>& rooms,
                    const char* filter, const std::string& locator, bool enabled,
                    const std::string& why) {
    // The filtered list is rebuilt each frame: a few hundred rooms per customer at most here.
    std::vector<const RoomRow*> shown;
    for (const auto& r : rooms)
        if (matches(r.display_name, filter) || matches(r.site, filter)) shown.push_back(&r);
    if (!enabled) ImGui::BeginDisabled();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(shown.size()));
    while (clip.Step())
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
            const RoomRow& r = *shown[static_cast<std::size_t>(i)];
            bool on = contains(chosen, r.id);
            std::string label = r.display_name + "##" + r.id;
            if (ImGui::Checkbox(label.c_str(), &on)) toggle(chosen, r.id, on);
            ui::expose(locator + ":room:" + r.display_name, enabled, why);
            if (!r.site.empty()) {
                ImGui::SameLine();
                ImGui::TextDisabled("%s", r.site.c_str());
            }
        }
    if (!enabled) ImGui::EndDisabled();
    if (shown.empty())
        ui::muted(rooms.empty() ? tr("No rooms you can see here.") : tr("No match."));
}

std::string member_name(const std::vector<DirectoryEntry>& directory, const MemberRef& m) {
    for (const auto& d : directory)
        if (d.id == m.id) return d.name.empty() ? d.upn : d.name;
    return m.id;
}

void member_picker(std::vector<MemberRef>& members, const std::vector<DirectoryEntry>& directory,
                   char (&filter)[64], const std::string& locator) {
    ImGui::SetNextItemWidth(-1);
    ui::input_text_with_hint("##member-filter", tr("Search people and groups"), filter,
                             sizeof filter);
    ui::expose(locator + ":filter");
    ImGui::TextDisabled(tr("%zu chosen"), members.size());
    ImGui::BeginChild("##members", ImVec2(0, 0), true);
    // Chosen first, so they stay in view while the filter narrows the rest.
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& e : directory) {
            MemberRef ref{e.type, e.id};
            bool on = std::find(members.begin(), members.end(), ref) != members.end();
            if (on != (pass == 0)) continue;
            if (!on && !matches(e.name, filter) && !matches(e.upn, filter)) continue;
            std::string shown = e.name.empty() ? e.upn : e.name;
            std::string label = shown + "##" + e.type + e.id;
            if (ImGui::Checkbox(label.c_str(), &on)) {
                if (on)
                    members.push_back(ref);
                else
                    members.erase(std::remove(members.begin(), members.end(), ref), members.end());
            }
            ui::expose(locator + ":member:" + shown);
            ImGui::SameLine();
            ImGui::TextDisabled("%s", e.type == "group" ? tr("Security group") : e.upn.c_str());
        }
    if (directory.empty()) ui::muted(tr("Loading your directory…"));
    ImGui::EndChild();
}

}  // namespace portal::views
