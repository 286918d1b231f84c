// The Rooms page's commands: load every room of the tenant (page by page, the list growing as
// pages arrive), open one, edit it, enroll a new one, download or reset its key, unenroll it,
// and move the selected rooms to an update ring.
#include <algorithm>
#include <memory>

#include "app.hpp"
#include "i18n.hpp"
#include "json_read.hpp"
#include "platform/platform.hpp"
#include "trm/csv.hpp"

namespace portal {

void App::load_rooms(std::string cursor) {
    std::string path = "/tenants/" + state_.tenant_id + "/rooms?limit=500";
    if (!cursor.empty()) path += "&cursor=" + cursor;  // digits: the service's opaque offset
    bool first = cursor.empty();
    call(
        "GET", path, nullptr,
        [this, first](const ApiResult& rs) {
            if (first) state_.rooms.clear();
            for (const auto& j : read::list(rs.body, "items"))
                state_.rooms.push_back(RoomRow::from_json(j));
            ++state_.rooms_version;
            const json* next = rs.body.is_object() && rs.body.contains("nextCursor")
                                   ? &rs.body["nextCursor"]
                                   : nullptr;
            state_.rooms_truncated = next && next->is_string();
            state_.loading_page = false;
            if (state_.rooms_truncated) {
                load_rooms(next->get<std::string>());
            } else {
                state_.rooms_list.forget_missing(state_.rooms);
            }
        },
        [this](const ApiResult& r) {
            state_.loading_page = false;
            state_.rooms_truncated = false;
            state_.page_error = r.error_message();
        });
}

namespace {

json group_list(const std::vector<std::string>& ids) {
    json out = json::array();
    for (const auto& id : ids) out.push_back(id);
    return out;
}

const RoomRow* find_room(const std::vector<RoomRow>& rooms, const std::string& id) {
    for (const auto& r : rooms)
        if (r.id == id) return &r;
    return nullptr;
}

}  // namespace

void App::apply_rooms(const views::Action& a) {
    using K = views::Action::Kind;
    RoomDraft& d = state_.room_draft;
    std::string base = "/tenants/" + state_.tenant_id + "/rooms";
    switch (a.kind) {
        case K::open_room:
            state_.rooms_list.open_id = a.id;
            d.editing.clear();  // the form refills from the room
            d.errors.clear();
            return;
        case K::save_room: {
            const RoomRow* room = find_room(state_.rooms, d.editing);
            if (!room) return;
            json body = {{"displayName", d.name}, {"site", d.site}};
            if (!d.ring_id.empty() && d.ring_id != room->ring_id) body["updateRingId"] = d.ring_id;
            if (state_.can(mtm::Action::list_room_groups))
                body["roomGroupIds"] = group_list(d.group_ids);
            state_.busy_id = room->id;
            call(
                "PATCH", base + "/" + room->id, body,
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    RoomRow saved = RoomRow::from_json(r.body);
                    for (auto& row : state_.rooms)
                        if (row.id == saved.id) row = saved;
                    ++state_.rooms_version;
                    state_.room_draft.editing.clear();
                    toast(trf("Room {} saved.", saved.display_name), false);
                },
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    state_.room_draft.errors = r.field_errors();
                    if (state_.room_draft.errors.empty())
                        toast(trf("The service refused: {}", r.error_message()), true);
                },
                room->etag);
            return;
        }
        case K::download_key: {
            const RoomRow* room = find_room(state_.rooms, a.id);
            if (!room) return;
            std::string name = room->display_name;
            call("GET", base + "/" + a.id + "/key", nullptr, [this, name](const ApiResult& r) {
                // A plain text file the room's device setup reads: the key on its own line.
                std::string text = "# Roomkeeper enrollment key for " + name + "\n" +
                                   read::text(r.body, "enrollmentKey") + "\n";
                std::string file = "enrollment-key-" + read::text(r.body, "roomId") + ".txt";
                platform::download(file, "text/plain", text);
                toast(trf("Enrollment key of {} downloaded ({}).", name, file), false);
            });
            return;
        }
        case K::unenroll_room: {
            const RoomRow* room = find_room(state_.rooms, a.id);
            if (!room) return;
            std::string name = room->display_name;
            state_.busy_id = a.id;
            call(
                "POST", base + "/" + a.id + "/unenroll", json::object(),
                [this, name](const ApiResult&) {
                    state_.busy_id.clear();
                    state_.rooms_list.open_id.clear();
                    toast(trf("{} was unenrolled: it is no longer managed.", name), false);
                    load_page();
                },
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    toast(trf("The service refused: {}", r.error_message()), true);
                });
            return;
        }
        case K::open_enroll:
            d.enrolling = true;
            d.new_name[0] = d.new_site[0] = d.new_country[0] = '\0';
            d.new_groups.clear();
            d.enroll_errors.clear();
            return;
        case K::send_enroll: {
            json body = {
                {"displayName", d.new_name}, {"site", d.new_site}, {"country", d.new_country}};
            if (!d.new_groups.empty()) body["roomGroupIds"] = group_list(d.new_groups);
            state_.busy_id = "enroll";
            call(
                "POST", base, body,
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    RoomRow room = RoomRow::from_json(r.body);
                    state_.room_draft.enrolling = false;
                    state_.rooms.push_back(room);
                    ++state_.rooms_version;
                    state_.rooms_list.open_id = room.id;
                    state_.room_draft.editing.clear();
                    toast(trf("{} enrolled: it shows Onboarding until its device signs in.",
                              room.display_name),
                          false);
                },
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    state_.room_draft.enroll_errors = r.field_errors();
                    if (state_.room_draft.enroll_errors.empty())
                        toast(trf("The service refused: {}", r.error_message()), true);
                });
            return;
        }
        case K::move_rooms: {
            std::vector<std::string> ids = state_.rooms_list.selected;
            std::string ring = d.move_ring;
            if (ids.empty() || ring.empty()) return;
            std::string ring_name;
            for (const auto& r : state_.rings)
                if (r.id == ring) ring_name = r.name;
            state_.busy_id = "move";
            call(
                "POST", "/tenants/" + state_.tenant_id + "/update-rings/" + ring + "/move-rooms",
                json{{"roomIds", group_list(ids)}},
                [this, ids, ring, ring_name](const ApiResult&) {
                    state_.busy_id.clear();
                    for (auto& row : state_.rooms)
                        if (std::binary_search(ids.begin(), ids.end(), row.id)) row.ring_id = ring;
                    ++state_.rooms_version;
                    state_.rooms_list.clear_selection();
                    toast(ids.size() == 1 ? trf("1 room moved to {}.", ring_name)
                                          : trf("{} rooms moved to {}.", ids.size(), ring_name),
                          false);
                    load_rings();  // their room counts changed
                },
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    toast(trf("The service refused: {}", r.error_message()), true);
                });
            return;
        }
        case K::download_keys: {
            // One request per room (the API has no bulk key read); the file is written once
            // every answer is in, keys in the list's order, refusals named in the toast.
            std::vector<std::string> ids;
            std::size_t skipped = 0;
            for (const auto& r : state_.rooms)
                if (state_.rooms_list.is_selected(r.id)) {
                    if (state_.decide_room(mtm::Action::download_room_key, r.facts()).allowed())
                        ids.push_back(r.id);
                    else
                        ++skipped;
                }
            if (ids.empty()) {
                toast(tr("None of the selected rooms lets you download its key."), true);
                return;
            }
            struct Batch {
                std::vector<std::string> lines;
                std::size_t pending = 0, refused = 0;  // refused: by the policy or the service
            };
            auto batch = std::make_shared<Batch>();
            batch->lines.resize(ids.size());
            batch->pending = ids.size();
            batch->refused = skipped;
            state_.busy_id = "keys";
            auto finish = [this, batch] {
                if (--batch->pending) return;
                state_.busy_id.clear();
                std::string csv = "room,id,enrollmentKey\n";
                std::size_t written = 0;
                for (const auto& line : batch->lines)
                    if (!line.empty()) {
                        csv += line;
                        ++written;
                    }
                platform::download("enrollment-keys.csv", "text/csv", csv);
                toast(
                    batch->refused
                        ? trf("{} enrollment keys downloaded; {} refused.", written, batch->refused)
                        : trf("{} enrollment keys downloaded (enrollment-keys.csv).", written),
                    batch->refused != 0);
            };
            for (std::size_t i = 0; i < ids.size(); ++i)
                call(
                    "GET", base + "/" + ids[i] + "/key", nullptr,
                    [batch, finish, i](const ApiResult& r) {
                        batch->lines[i] = trm::csv_cell(read::text(r.body, "displayName")) + "," +
                                          trm::csv_cell(read::text(r.body, "roomId")) + "," +
                                          trm::csv_cell(read::text(r.body, "enrollmentKey")) + "\n";
                        finish();
                    },
                    [batch, finish](const ApiResult&) {
                        ++batch->refused;
                        finish();
                    });
            return;
        }
        default:
            return;
    }
}

}  // namespace portal
