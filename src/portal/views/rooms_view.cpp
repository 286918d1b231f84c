#include "views/rooms_view.hpp"

#include <algorithm>

#include "i18n.hpp"
#include "imgui.h"
#include "mtm/validation.hpp"
#include "ui/widgets.hpp"
#include "views/page_parts.hpp"
#include "views/pickers.hpp"
#include "views/wizard.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

namespace {

constexpr const char* kHealths[] = {"healthy", "unhealthy", "onboarding", "suppressed",
                                    "unmonitored"};

const char* health_label(const std::string& health) {
    return health == "healthy"      ? tr("Healthy")
           : health == "unhealthy"  ? tr("Unhealthy")
           : health == "onboarding" ? tr("Onboarding")
           : health == "suppressed" ? tr("Suppressed")
                                    : tr("Unmonitored");
}

void health_chip(const std::string& health) {
    if (health == "healthy")
        ui::chip(tr("Healthy"), color::kSuccess, color::kSuccessSoft);
    else if (health == "unhealthy")
        ui::chip(tr("Unhealthy"), color::kDanger, color::kDangerSoft);
    else if (health == "onboarding")
        ui::chip(tr("Onboarding"), color::kAccentStrong, color::kAccentSoft);
    else if (health == "suppressed")
        ui::chip(tr("Suppressed"), color::kTextMuted, color::kBorder);
    else
        ui::chip(tr("Unmonitored"), color::kWarning, color::kWarningSoft);
}

std::string ring_name(const AppState& s, const std::string& ring_id) {
    if (const RingRow* ring = ring_of(s.rings, ring_id)) return ring->name;
    return ring_id.empty() ? "General" : std::string(tr("(a ring you cannot see)"));
}

std::string group_names(const AppState& s, const RoomRow& r) {
    std::string out;
    for (const auto& id : r.room_group_ids)
        for (const auto& g : s.room_groups)
            if (g.id == id) out += (out.empty() ? "" : ", ") + g.name;
    return out;
}

// Permission checks on one room: the snapshot and the same policy code as the service.
struct Gate {
    bool ok;
    std::string why;
};
Gate gate(const AppState& s, mtm::Action a, const RoomRow& r) {
    mtm::ActionDecision d = s.decide_room(a, r.facts());
    return {d.allowed(), describe(d)};
}

void toolbar(const AppState& s, char (&filter)[96], RoomsList& list, Actions& actions) {
    ImGui::SetNextItemWidth(px(280));
    ui::input_text_with_hint("##room-filter", tr("Filter by name, site or country"), filter,
                             sizeof filter);
    ui::expose("Room filter");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(px(160));
    if (ui::begin_combo("##health",
                        list.health.empty() ? tr("Any health") : health_label(list.health))) {
        if (ImGui::Selectable(tr("Any health"), list.health.empty())) list.health.clear();
        ui::expose("Room health:any");
        for (const char* h : kHealths) {
            if (ImGui::Selectable(health_label(h), list.health == h)) list.health = h;
            ui::expose(std::string("Room health:") + h);
        }
        ImGui::EndCombo();
    }
    ui::expose("Room health filter");
    if (!s.room_groups.empty()) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(px(180));
        std::string current = tr("Any group");
        for (const auto& g : s.room_groups)
            if (g.id == list.group_id) current = g.name;
        if (ui::begin_combo("##group", current.c_str())) {
            if (ImGui::Selectable(tr("Any group"), list.group_id.empty())) list.group_id.clear();
            for (const auto& g : s.room_groups) {
                std::string label = g.name + "##" + g.id;
                if (ImGui::Selectable(label.c_str(), list.group_id == g.id)) list.group_id = g.id;
                ui::expose("Room group filter:" + g.name);
            }
            ImGui::EndCombo();
        }
        ui::expose("Room group filter");
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    std::string count = list.order.size() == s.rooms.size()
                            ? trf("{} rooms", s.rooms.size())
                            : trf("{} of {} rooms", list.order.size(), s.rooms.size());
    if (s.rooms_truncated) count += tr(" · loading more…");
    ImGui::TextDisabled("%s", count.c_str());
    ui::expose("Room count", true, count);
    ui::expose("Room list", true, list.applied_filter() + "|" + std::to_string(list.order.size()));

    // Enroll, on the right.
    const char* enroll = tr("Enroll room");
    float width = ImGui::CalcTextSize(enroll).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - width);
    bool can_enroll = s.can(mtm::Action::create_room);
    std::string why = can_enroll ? std::string() : s.why_not(mtm::Action::create_room);
    if (ui::gated_button(enroll, can_enroll, why, true))
        actions.push_back({Action::Kind::open_enroll, ""});
    ui::expose("Enroll room", can_enroll, why);
}

// The bar over the list while rooms are selected: how many, and what to do with them.
void selection_bar(const AppState& s, RoomsList& list, RoomDraft& d, Actions& actions) {
    ImGui::AlignTextToFramePadding();
    std::string count = list.selected.size() == 1 ? std::string(tr("1 room selected"))
                                                  : trf("{} rooms selected", list.selected.size());
    ImGui::TextUnformatted(count.c_str());
    ui::expose("Rooms selected", true, count);
    ImGui::SameLine(0, px(16));
    // Moving rooms changes the ring and every room: the action needs rings.modify on the ring
    // and rooms.modify on each selected room, exactly as the service checks it.
    const mtm::ActionDecision& move =
        list.move_check(s.access, s.access_version, s.rooms, s.rooms_version, s.tenant_id);
    bool may_move = move.allowed();
    if (!s.rings.empty()) {
        ImGui::SetNextItemWidth(px(200));
        std::string current = tr("Choose a ring");
        for (const auto& r : s.rings)
            if (r.id == d.move_ring) current = r.name;
        if (ui::begin_combo("##move-ring", current.c_str())) {
            for (const auto& r : s.rings) {
                std::string label = r.name + "##" + r.id;
                if (ImGui::Selectable(label.c_str(), d.move_ring == r.id)) d.move_ring = r.id;
                ui::expose("Move to ring:" + r.name);
            }
            ImGui::EndCombo();
        }
        ui::expose("Move to ring");
        ImGui::SameLine();
    }
    std::string why = !may_move             ? describe(move)
                      : s.rings.empty()     ? std::string(tr("No update rings to choose from"))
                      : d.move_ring.empty() ? std::string(tr("Choose a ring first"))
                      : s.busy_id == "move" ? std::string(tr("Moving…"))
                                            : std::string();
    if (ui::gated_button(tr("Move to ring"), why.empty(), why, true))
        actions.push_back({Action::Kind::move_rooms, ""});
    ui::expose("Move rooms", why.empty(), why);
    ImGui::SameLine();
    // Keys of the selected rooms, as one file (rooms outside my grant are left out and counted).
    bool may_download = s.can(mtm::Action::download_room_key);
    std::string why_keys = !may_download         ? s.why_not(mtm::Action::download_room_key)
                           : s.busy_id == "keys" ? std::string(tr("Downloading…"))
                                                 : std::string();
    if (ui::gated_button(tr("Download keys"), why_keys.empty(), why_keys))
        actions.push_back({Action::Kind::download_keys, ""});
    ui::expose("Download keys", why_keys.empty(), why_keys);
    ImGui::SameLine();
    if (ui::secondary_button(tr("Clear selection"))) list.clear_selection();
    ui::expose("Clear selection");
}

void room_table(const AppState& s, RoomsList& list, const ui::Fonts& fonts, Actions& actions,
                float width) {
    ImGuiTableFlags flags = kListTable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable;
    if (!ImGui::BeginTable("##rooms", 8, flags, ImVec2(width, ImGui::GetContentRegionAvail().y)))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(
        "##select", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, px(28));
    ImGui::TableSetupColumn(tr("Room"),
                            ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort,
                            2.0f, static_cast<ImGuiID>(RoomsList::Sort::name));
    ImGui::TableSetupColumn(tr("Site"), ImGuiTableColumnFlags_WidthStretch, 1.4f,
                            static_cast<ImGuiID>(RoomsList::Sort::site));
    ImGui::TableSetupColumn(tr("Country"), ImGuiTableColumnFlags_WidthStretch, 0.7f,
                            static_cast<ImGuiID>(RoomsList::Sort::country));
    ImGui::TableSetupColumn(tr("Health"), ImGuiTableColumnFlags_WidthStretch, 1.1f,
                            static_cast<ImGuiID>(RoomsList::Sort::health));
    ImGui::TableSetupColumn(tr("Ring"), ImGuiTableColumnFlags_WidthStretch, 0.9f,
                            static_cast<ImGuiID>(RoomsList::Sort::ring));
    ImGui::TableSetupColumn(tr("App version"), ImGuiTableColumnFlags_WidthStretch, 0.9f,
                            static_cast<ImGuiID>(RoomsList::Sort::app_version));
    ImGui::TableSetupColumn(tr("Enrollment key"),
                            ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort,
                            px(110));
    table_headers(fonts);
    if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsCount > 0) {
        list.sort = static_cast<RoomsList::Sort>(sort->Specs[0].ColumnUserID);
        list.ascending = sort->Specs[0].SortDirection != ImGuiSortDirection_Descending;
    }

    float row_h = px(40);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(list.order.size()), row_h);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const RoomRow& r = s.rooms[list.order[static_cast<std::size_t>(i)]];
            ImGui::PushID(r.id.c_str());
            ImGui::TableNextRow(0, row_h);
            ImGui::TableNextColumn();
            // The whole row opens the room; the checkbox, drawn over it, selects.
            ImVec2 cell = ImGui::GetCursorScreenPos();
            bool open = list.open_id == r.id;
            if (ImGui::Selectable(
                    "##open", open,
                    ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                    ImVec2(0, row_h - ImGui::GetStyle().CellPadding.y * 2)))
                actions.push_back({Action::Kind::open_room, open ? "" : r.id});
            ui::expose("Room:" + r.display_name);
            copy_menu({{tr("Copy room id"), r.id},
                       {tr("Copy row"), r.display_name + "\t" + r.site + "\t" + r.country + "\t" +
                                            r.health + "\t" + r.app_version + "\t" + r.id}},
                      "Room", actions);
            ImGui::SetCursorScreenPos(ImVec2(
                cell.x,
                cell.y + (row_h - ImGui::GetFrameHeight()) / 2 - ImGui::GetStyle().CellPadding.y));
            bool selected = list.is_selected(r.id);
            if (ImGui::Checkbox("##select", &selected)) list.toggle(r.id);
            ui::expose("Select room:" + r.display_name);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(r.display_name.c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(r.site.c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(r.country.c_str());
            ImGui::TableNextColumn();
            health_chip(r.health);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(ring_name(s, r.ring_id).c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", r.app_version.c_str());
            ImGui::TableNextColumn();
            Gate reset = gate(s, mtm::Action::reset_room_key, r);
            bool busy = s.busy_id == r.id;
            if (ui::gated_button(busy ? tr("Resetting…") : tr("Reset key"), reset.ok && !busy,
                                 reset.why))
                actions.push_back({Action::Kind::reset_key, r.id});
            ui::expose("Reset key:" + r.display_name, reset.ok, reset.why);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// The open room: its facts, its form, its key and unenrolling it.
void detail_pane(const AppState& s, const RoomRow& r, RoomDraft& d, const ui::Fonts& fonts,
                 Actions& actions) {
    if (d.editing != r.id) {  // fill the form from the room
        d.editing = r.id;
        std::snprintf(d.name, sizeof d.name, "%s", r.display_name.c_str());
        std::snprintf(d.site, sizeof d.site, "%s", r.site.c_str());
        d.ring_id = r.ring_id;
        d.group_ids = r.room_group_ids;
        d.errors.clear();
    }
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(r.display_name.c_str());
    ImGui::PopFont();
    ui::expose("Room detail:" + r.display_name);
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(tr("Close")).x -
                    px(8));
    if (ImGui::SmallButton(tr("Close"))) actions.push_back({Action::Kind::open_room, ""});
    ui::expose("Room detail:close");
    health_chip(r.health);
    ImGui::Dummy(ImVec2(0, px(4)));
    if (begin_facts("##room-facts", px(110))) {
        fact(tr("Site"), r.site);
        fact(tr("Country"), r.country);
        fact(tr("Device"), r.device_model.empty() ? std::string("—") : r.device_model);
        fact(tr("App version"), r.app_version.empty() ? std::string("—") : r.app_version);
        fact(tr("Ring"), ring_name(s, r.ring_id));
        std::string groups = group_names(s, r);
        fact(tr("Groups"), groups.empty() ? std::string("—") : groups);
        fact(tr("Id"), r.id);
        ImGui::EndTable();
    }

    ImGui::Dummy(ImVec2(0, px(6)));
    ImGui::Separator();
    Gate modify = gate(s, mtm::Action::modify_room, r);
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(tr("Edit"));
    ImGui::PopFont();
    ImGui::BeginDisabled(!modify.ok);
    ImGui::SetNextItemWidth(-1);
    ui::input_text_with_hint("##room-name", tr("Display name"), d.name, sizeof d.name);
    ui::expose("Room edit:name", modify.ok, modify.why);
    ImGui::SetNextItemWidth(-1);
    ui::input_text_with_hint("##room-site", tr("Site"), d.site, sizeof d.site);
    ui::expose("Room edit:site", modify.ok, modify.why);
    if (!s.rings.empty()) {
        ImGui::SetNextItemWidth(-1);
        std::string current = ring_name(s, d.ring_id);
        if (ui::begin_combo("##room-ring", current.c_str())) {
            for (const auto& ring : s.rings) {
                std::string label = ring.name + "##" + ring.id;
                if (ImGui::Selectable(label.c_str(), ring.id == d.ring_id)) d.ring_id = ring.id;
                ui::expose("Room edit ring:" + ring.name);
            }
            ImGui::EndCombo();
        }
        ui::expose("Room edit:ring", modify.ok, modify.why);
    }
    if (!s.room_groups.empty()) {
        ImGui::TextDisabled("%s", tr("Room groups"));
        for (const auto& g : s.room_groups) {
            bool in = std::find(d.group_ids.begin(), d.group_ids.end(), g.id) != d.group_ids.end();
            std::string label = g.name + "##" + g.id;
            if (ImGui::Checkbox(label.c_str(), &in)) {
                if (in)
                    d.group_ids.push_back(g.id);
                else
                    std::erase(d.group_ids, g.id);
            }
            ui::expose("Room edit group:" + g.name, modify.ok, modify.why);
        }
    }
    ImGui::EndDisabled();
    field_errors(d.errors);
    bool busy = s.busy_id == r.id;
    std::string why = !modify.ok ? modify.why : busy ? std::string(tr("Saving…")) : std::string();
    if (ui::gated_button(busy ? tr("Saving…") : tr("Save"), why.empty(), why, true))
        actions.push_back({Action::Kind::save_room, r.id});
    ui::expose("Room edit:save", why.empty(), why);

    ImGui::Dummy(ImVec2(0, px(6)));
    ImGui::Separator();
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(tr("Enrollment"));
    ImGui::PopFont();
    Gate download = gate(s, mtm::Action::download_room_key, r);
    if (ui::gated_button(tr("Download key"), download.ok, download.why))
        actions.push_back({Action::Kind::download_key, r.id});
    ui::expose("Room action:download key", download.ok, download.why);
    ImGui::SameLine();
    Gate reset = gate(s, mtm::Action::reset_room_key, r);
    if (ui::gated_button(tr("Reset key"), reset.ok && !busy, reset.why))
        actions.push_back({Action::Kind::reset_key, r.id});
    ui::expose("Room action:reset key", reset.ok, reset.why);
    ImGui::SameLine();
    Gate unenroll = gate(s, mtm::Action::unenroll_room, r);
    if (ui::gated_button(tr("Unenroll…"), unenroll.ok && !busy, unenroll.why))
        ImGui::OpenPopup(tr("Unenroll room?"));
    ui::expose("Room action:unenroll", unenroll.ok, unenroll.why);
    if (typed_confirmation(tr("Unenroll room?"), r.display_name,
                           tr("The room leaves management: its device stops receiving updates "
                              "and settings until it is enrolled again."),
                           tr("Unenroll"), "Unenroll room"))
        actions.push_back({Action::Kind::unenroll_room, r.id});
}

void enroll_dialog(const AppState& s, RoomDraft& d, Actions& actions) {
    if (!begin_dialog(tr("Enroll a room"), d.enrolling, px(480))) return;
    ImGui::PushTextWrapPos(0);
    ui::muted(
        tr("The room starts in Onboarding; download its enrollment key to set up its "
           "device."));
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(-1);
    ui::input_text_with_hint("##new-name", tr("Display name"), d.new_name, sizeof d.new_name);
    ui::expose("Enroll:name");
    ImGui::SetNextItemWidth(-1);
    ui::input_text_with_hint("##new-site", tr("Site"), d.new_site, sizeof d.new_site);
    ui::expose("Enroll:site");
    ImGui::SetNextItemWidth(px(120));
    ui::input_text_with_hint("##new-country", tr("Country (e.g. NO)"), d.new_country,
                             sizeof d.new_country);
    ui::expose("Enroll:country");
    if (!s.room_groups.empty()) {
        ImGui::TextDisabled("%s", tr("Room groups"));
        for (const auto& g : s.room_groups) {
            bool in =
                std::find(d.new_groups.begin(), d.new_groups.end(), g.id) != d.new_groups.end();
            std::string label = g.name + "##new-" + g.id;
            if (ImGui::Checkbox(label.c_str(), &in)) {
                if (in)
                    d.new_groups.push_back(g.id);
                else
                    std::erase(d.new_groups, g.id);
            }
            ui::expose("Enroll group:" + g.name);
        }
    }
    field_errors(d.enroll_errors);
    ImGui::Dummy(ImVec2(0, px(6)));
    bool busy = s.busy_id == "enroll";
    std::string why = mtm::trimmed(d.new_name).empty() ? std::string(tr("Name the room first"))
                      : busy                           ? std::string(tr("Enrolling…"))
                                                       : std::string();
    if (ui::gated_button(busy ? tr("Enrolling…") : tr("Enroll"), why.empty(), why, true) ||
        (why.empty() && ui::enter_pressed()))
        actions.push_back({Action::Kind::send_enroll, ""});
    ui::expose("Enroll:send", why.empty(), why);
    ImGui::SameLine();
    if (ui::secondary_button(tr("Cancel")) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        d.enrolling = false;
        ImGui::CloseCurrentPopup();
    }
    ui::expose("Enroll:cancel");
    if (!d.enrolling) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace

void draw_rooms(const AppState& s, char (&filter)[96], RoomsList& list, RoomDraft& draft,
                const ui::Fonts& fonts, Actions& actions) {
    const TenantChoice* t = s.selected_tenant();
    std::string suffix = t ? " · " + t->name : std::string();
    std::string title = tr("Rooms") + suffix;
    ui::section_title(fonts, title.c_str(),
                      t && !t->own ? tr("The rooms this customer lets you manage.")
                                   : tr("Your organisation's rooms."));
    ui::expose("Page:Rooms" + suffix);
    enroll_dialog(s, draft, actions);
    if (page_blocked(s, mtm::Action::list_rooms, s.rooms.empty(), actions)) return;
    list.refresh(s.rooms, s.rooms_version, filter, s.rings);
    toolbar(s, filter, list, actions);
    // Again after the filters' widgets: a keystroke this frame shows in this frame's list, not
    // the next one's (a no-op when nothing changed).
    list.refresh(s.rooms, s.rooms_version, filter, s.rings);
    if (!list.selected.empty()) selection_bar(s, list, draft, actions);
    ImGui::Dummy(ImVec2(0, px(4)));

    const RoomRow* open = nullptr;
    for (const auto& r : s.rooms)
        if (r.id == list.open_id) open = &r;
    float avail = ImGui::GetContentRegionAvail().x;
    float pane = open ? px(380) : 0;
    if (s.rooms.empty()) {
        ui::muted(tr("No rooms here yet."));
        return;
    }
    room_table(s, list, fonts, actions, open ? avail - pane - px(16) : 0);
    if (open) {
        ImGui::SameLine(0, px(16));
        if (ImGui::BeginChild("##room-detail", ImVec2(pane, ImGui::GetContentRegionAvail().y)))
            detail_pane(s, *open, draft, fonts, actions);
        ImGui::EndChild();
    }
}

}  // namespace portal::views
