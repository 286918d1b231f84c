#include "mtm/snapshot.hpp"

#include "mtm/actions.hpp"

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

}  // namespace

bool covers(const SnapshotScope& s, const RoomFacts& room) {
    if (s.all_rooms) return true;
    if (std::binary_search(s.room_ids.begin(), s.room_ids.end(), room.room_id)) return true;
    for (const auto& g : room.room_group_ids)
        if (std::binary_search(s.room_group_ids.begin(), s.room_group_ids.end(), g)) return true;
    return false;
}

AccessSnapshot snapshot_of(const World& w, UserIx user, SignIn sign_in) {
    AccessSnapshot snap;
    const User& u = w.user(user);
    snap.user_id = u.id;
    snap.tenant_id = w.tenant(u.tenant).id;
    for (const Grant& g : w.all_grants(user)) {
        const Assignment& a = w.assignment(g.assignment);
        const Role& role = w.role(g.role);
        const Scope* clip_scope = g.clip.valid() ? &w.relationship(g.clip).scope : nullptr;
        SnapshotScope scope = to_snapshot(w, effective_scope(w, g.tenant, a.scope, clip_scope));
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
    for (const AccessContext& c : snap.contexts) {
        if (std::any_of(snap.facts.begin(), snap.facts.end(),
                        [&](const AccessFacts& f) { return f.tenant_id == c.tenant_id; }))
            continue;
        AccessFacts f;
        f.tenant_id = c.tenant_id;
        TenantIx t = *w.find_tenant(c.tenant_id);
        if (t == u.tenant) {
            f.own_mmr_admin = is_own_mmr_admin(w, user);
        } else if (w.find_relationship(t, u.tenant)) {
            f.primary_admin = is_primary_admin(w, user, t);
            f.relationship = true;
            f.mfa_required = w.tenant(t).require_partner_mfa;
            f.mfa_satisfied = sign_in.mfa;
        }
        snap.facts.push_back(std::move(f));
    }
    return snap;
}

bool evaluate(const AccessSnapshot& s, Permission p, const RoomFacts& room) {
    for (const AccessContext& c : s.contexts) {
        if (c.tenant_id != room.tenant_id || !c.permissions.has(p)) continue;
        if (covers(c.scope, room)) return true;  // the effective scope: already clipped
    }
    return false;
}

bool evaluate_tenant(const AccessSnapshot& s, Permission p, const std::string& tenant_id) {
    for (const AccessContext& c : s.contexts)
        if (c.tenant_id == tenant_id && c.permissions.has(p)) return true;
    return false;
}

}  // namespace mtm
