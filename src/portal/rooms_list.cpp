// The Rooms page's filtered, sorted order, kept apart from the view so it runs only when its
// inputs change and stays fast (-O2, portal_core) at 100,000 rooms.
#include <algorithm>

#include "model.hpp"
#include "mtm/validation.hpp"

namespace portal {

namespace {

// Health in the order a person scans for trouble: the worst first when ascending.
int health_rank(const std::string& h) {
    return h == "unhealthy"     ? 0
           : h == "unmonitored" ? 1
           : h == "onboarding"  ? 2
           : h == "suppressed"  ? 3
                                : 4;
}

}  // namespace

const RingRow* ring_of(const std::vector<RingRow>& rings, const std::string& ring_id) {
    for (const auto& ring : rings)
        if (ring_id.empty() ? ring.built_in && ring.name == "General" : ring.id == ring_id)
            return &ring;
    return nullptr;
}

void RoomsList::refresh(const std::vector<RoomRow>& rooms, std::uint64_t rooms_version,
                        const std::string& filter, const std::vector<RingRow>& rings) {
    bool resort = rooms_version != key_version_ || sort != key_sort_ || ascending != key_ascending_;
    if (!resort && filter == key_filter_ && health == key_health_ && group_id == key_group_) return;
    key_version_ = rooms_version;
    key_filter_ = filter;
    key_health_ = health;
    key_group_ = group_id;
    key_sort_ = sort;
    key_ascending_ = ascending;
    // Sorting is the expensive part (100,000 strings): done only when the rooms or the sort
    // change. A keystroke in the filter is then one pass over the sorted order.
    if (resort) sort_all(rooms, rings);

    std::string needle = mtm::lower(filter);
    order.clear();
    order.reserve(sorted_.size());
    for (std::uint32_t i : sorted_) {
        const RoomRow& r = rooms[i];
        if (!needle.empty() && r.search.find(needle) == std::string::npos) continue;
        if (!health.empty() && r.health != health) continue;
        if (!group_id.empty() && std::find(r.room_group_ids.begin(), r.room_group_ids.end(),
                                           group_id) == r.room_group_ids.end())
            continue;
        order.push_back(i);
    }
}

void RoomsList::sort_all(const std::vector<RoomRow>& rooms, const std::vector<RingRow>& rings) {
    sorted_.resize(rooms.size());
    for (std::uint32_t i = 0; i < rooms.size(); ++i) sorted_[i] = i;
    // Rings sort by rollout order (ring_of: a room without one is in General).
    std::vector<int> ring_key;
    if (sort == Sort::ring) {
        ring_key.assign(rooms.size(), 0);
        for (std::uint32_t i = 0; i < rooms.size(); ++i)
            if (const RingRow* ring = ring_of(rings, rooms[i].ring_id)) ring_key[i] = ring->order;
    }
    auto less = [&](std::uint32_t a, std::uint32_t b) {
        const RoomRow &x = rooms[a], &y = rooms[b];
        switch (sort) {
            case Sort::site:
                if (x.site != y.site) return x.site < y.site;
                break;
            case Sort::country:
                if (x.country != y.country) return x.country < y.country;
                break;
            case Sort::health:
                if (x.health != y.health) return health_rank(x.health) < health_rank(y.health);
                break;
            case Sort::ring:
                if (ring_key[a] != ring_key[b]) return ring_key[a] < ring_key[b];
                break;
            case Sort::app_version:
                if (x.app_version != y.app_version) return x.app_version < y.app_version;
                break;
            case Sort::name:
                break;
        }
        return x.display_name != y.display_name ? x.display_name < y.display_name : a < b;
    };
    std::sort(sorted_.begin(), sorted_.end(), less);  // the index tie-break makes it stable
    if (!ascending) std::reverse(sorted_.begin(), sorted_.end());
}

bool RoomsList::is_selected(const std::string& id) const {
    return std::binary_search(selected.begin(), selected.end(), id);
}

void RoomsList::toggle(const std::string& id) {
    auto at = std::lower_bound(selected.begin(), selected.end(), id);
    if (at != selected.end() && *at == id)
        selected.erase(at);
    else
        selected.insert(at, id);
    ++selection_revision_;
}

void RoomsList::clear_selection() {
    selected.clear();
    ++selection_revision_;
}

const mtm::ActionDecision& RoomsList::move_check(const mtm::AccessSnapshot& access,
                                                 std::uint64_t access_version,
                                                 const std::vector<RoomRow>& rooms,
                                                 std::uint64_t rooms_version,
                                                 const std::string& tenant_id) {
    MoveKey key{selection_revision_, rooms_version, access_version, tenant_id};
    if (key == move_key_) return move_;
    move_key_ = std::move(key);
    constexpr auto kMove = mtm::Action::move_rooms_to_ring;
    move_ = mtm::decide(access, kMove, mtm::SnapshotTarget{tenant_id, {}, {}});
    if (move_.allowed() && !selected.empty()) {
        std::vector<mtm::RoomFacts> chosen;
        for (const auto& r : rooms)
            if (is_selected(r.id)) chosen.push_back(r.facts());
        move_ = mtm::decide_rooms(access, kMove, tenant_id, chosen);
    }
    return move_;
}

void RoomsList::select_shown(const std::vector<RoomRow>& rooms) {
    for (std::uint32_t i : order) selected.push_back(rooms[i].id);
    std::sort(selected.begin(), selected.end());
    selected.erase(std::unique(selected.begin(), selected.end()), selected.end());
    ++selection_revision_;
}

void RoomsList::forget_missing(const std::vector<RoomRow>& rooms) {
    std::vector<std::string> ids;
    ids.reserve(rooms.size());
    for (const auto& r : rooms) ids.push_back(r.id);
    std::sort(ids.begin(), ids.end());
    std::erase_if(selected, [&](const std::string& id) {
        return !std::binary_search(ids.begin(), ids.end(), id);
    });
    ++selection_revision_;
    if (!open_id.empty() && !std::binary_search(ids.begin(), ids.end(), open_id)) open_id.clear();
}

}  // namespace portal
