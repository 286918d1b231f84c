// The Room groups page's actions: open a group, save its name and rooms (If-Match, the list
// restored on refusal), create one. Split from app.cpp to keep each file about one thing.
#include <algorithm>

#include "app.hpp"
#include "i18n.hpp"

namespace portal {

void App::apply_groups(const views::Action& a) {
    using K = views::Action::Kind;
    GroupsDraft& d = state_.groups_ui;
    std::string base = "/tenants/" + state_.tenant_id + "/room-groups";
    switch (a.kind) {
        case K::select_group:
            state_.group_id = a.id;
            d.editing.clear();  // the form refills from the row
            d.errors.clear();
            return;
        case K::save_group: {
            auto row = std::find_if(state_.room_groups.begin(), state_.room_groups.end(),
                                    [&](const RoomGroupRow& g) { return g.id == d.editing; });
            if (row == state_.room_groups.end()) return;
            RoomGroupRow before = *row;
            row->name = d.name;  // optimistic: the list shows it at once
            row->room_ids = d.room_ids;
            row->room_count = d.room_ids.size();
            std::string gid = row->id;
            d.errors.clear();
            call(
                "PATCH", base + "/" + gid, json{{"name", d.name}, {"roomIds", d.room_ids}},
                [this, gid](const ApiResult& r) {
                    for (auto& g : state_.room_groups)
                        if (g.id == gid) g = RoomGroupRow::from_json(r.body);
                    state_.groups_ui.editing.clear();
                    toast(tr("Room group saved."), false);
                },
                [this, gid, before](const ApiResult& r) {
                    for (auto& g : state_.room_groups)
                        if (g.id == gid) g = before;
                    state_.groups_ui.errors = r.field_errors();
                    toast(trf("The service refused: {}", r.error_message()), true);
                },
                row->etag);
            return;
        }
        case K::create_group:
            call(
                "POST", base, json{{"name", d.new_name}, {"roomIds", json::array()}},
                [this](const ApiResult& r) {
                    RoomGroupRow g = RoomGroupRow::from_json(r.body);
                    state_.room_groups.push_back(g);
                    state_.group_id = g.id;
                    state_.groups_ui = GroupsDraft{};
                    toast(trf("Room group {} created. Choose its rooms.", g.name), false);
                },
                [this](const ApiResult& r) { state_.groups_ui.errors = r.field_errors(); });
            return;
        default:
            return;
    }
}

}  // namespace portal
