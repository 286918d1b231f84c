#include "mtm/snapshot.hpp"

#include <algorithm>

namespace mtm {

namespace {

SnapshotScope to_snapshot(const World& w, const Scope& s) {
    SnapshotScope out;
    out.all_rooms = s.all_rooms;
    for (RoomIx r : s.rooms) out.room_ids.push_back(w.room(r).id);
    for (RoomGroupIx g : s.room_groups) out.room_group_ids.push_back(w.room_group(g).id);
    std::sort(out.room_ids.begin(), out.room_ids.end());
    std::sort(out.room_group_ids.begin(), out.room_group_ids.end());
    return out;
}

bool covers(const SnapshotScope& s, const RoomFacts& room) {
    if (s.all_rooms) return true;
    if (std::binary_search(s.room_ids.begin(), s.room_ids.end(), room.room_id)) return true;
    for (const auto& g : room.room_group_ids)
        if (std::binary_search(s.room_group_ids.begin(), s.room_group_ids.end(), g)) return true;
    return false;
}

}  // namespace

AccessSnapshot snapshot_of(const World& w, UserIx user) {
    AccessSnapshot snap;
    const User& u = w.user(user);
    snap.user_id = u.id;
    snap.tenant_id = w.tenant(u.tenant).id;
    for (const Grant& g : w.all_grants(user)) {
        const Assignment& a = w.assignment(g.assignment);
        const Role& role = w.role(g.role);
        SnapshotScope scope = to_snapshot(w, a.scope);
        std::optional<SnapshotScope> clip;
        if (g.clip.valid()) clip = to_snapshot(w, w.relationship(g.clip).scope);
        std::string tenant_id = w.tenant(g.tenant).id;
        // Grants of one tenant with the same scope share a context; their permissions add up.
        auto same =
            std::find_if(snap.contexts.begin(), snap.contexts.end(), [&](const AccessContext& c) {
                return c.tenant_id == tenant_id && c.scope.all_rooms == scope.all_rooms &&
                       c.scope.room_ids == scope.room_ids &&
                       c.scope.room_group_ids == scope.room_group_ids;
            });
        if (same == snap.contexts.end()) {
            AccessContext c;
            c.tenant_id = tenant_id;
            c.tenant_name = w.tenant(g.tenant).name;
            c.via_partner = g.clip.valid();
            c.scope = std::move(scope);
            c.relationship = std::move(clip);
            snap.contexts.push_back(std::move(c));
            same = snap.contexts.end() - 1;
        }
        same->permissions |= g.permissions;
        same->grants.push_back({role.id, role.name, a.id, a.name});
    }
    // The user's own tenant always appears, even without any role there.
    bool has_own =
        std::any_of(snap.contexts.begin(), snap.contexts.end(),
                    [&](const AccessContext& c) { return c.tenant_id == snap.tenant_id; });
    if (!has_own) {
        AccessContext c;
        c.tenant_id = snap.tenant_id;
        c.tenant_name = w.tenant(u.tenant).name;
        snap.contexts.insert(snap.contexts.begin(), std::move(c));
    }
    return snap;
}

bool evaluate(const AccessSnapshot& s, Permission p, const RoomFacts& room) {
    for (const AccessContext& c : s.contexts) {
        if (c.tenant_id != room.tenant_id || !c.permissions.has(p)) continue;
        if (!covers(c.scope, room)) continue;
        if (c.relationship && !covers(*c.relationship, room)) continue;
        return true;
    }
    return false;
}

bool evaluate_tenant(const AccessSnapshot& s, Permission p, const std::string& tenant_id) {
    for (const AccessContext& c : s.contexts)
        if (c.tenant_id == tenant_id && c.permissions.has(p)) return true;
    return false;
}

std::optional<Denial> denial(const AccessSnapshot& s, Permission p, const std::string& tenant_id) {
    if (evaluate_tenant(s, p, tenant_id)) return std::nullopt;
    Denial d{p, tenant_id != s.tenant_id, {}};
    if (d.partner) {
        if (builtin_permissions(BuiltInRole::primary_admins).has(p))
            d.granting.push_back(BuiltInRole::primary_admins);
    } else {
        for (auto r : {BuiltInRole::mmr_admin, BuiltInRole::site_lead, BuiltInRole::site_tech})
            if (builtin_permissions(r).has(p)) d.granting.push_back(r);
    }
    return d;
}

std::string denial_reason(const AccessSnapshot& s, Permission p, const std::string& tenant_id) {
    auto d = denial(s, p, tenant_id);
    if (!d) return {};
    const PermissionInfo& need = info(p);
    std::string text = "Needs the permission " + std::string(need.id) + " (" +
                       std::string(need.feature) + ": " + std::string(need.label) + ")";
    if (d->granting.empty()) {
        text += d->partner ? ". Only the customer's own roles hold it: ask the customer"
                           : ". No built-in role grants it";
    } else {
        text += ", granted by ";
        for (std::size_t i = 0; i < d->granting.size(); ++i) {
            if (i) text += i + 1 == d->granting.size() ? " or " : ", ";
            text += builtin_name(d->granting[i]);
        }
        text += d->partner ? " (or a custom partner role that includes it)"
                           : " (or a custom role that includes it)";
    }
    return text;
}

}  // namespace mtm
