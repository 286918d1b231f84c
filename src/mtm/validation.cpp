#include "mtm/validation.hpp"

#include "mtm/decide.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace mtm {

Error Error::invalid(std::vector<FieldIssue> fields) {
    Error e;
    e.kind = Kind::invalid;
    e.code = "validation_failed";
    e.message = fields.size() == 1 ? fields.front().field + ": " + fields.front().message
                                   : std::to_string(fields.size()) + " fields are invalid";
    e.fields = std::move(fields);
    return e;
}
Error Error::invalid(std::string field, std::string message) {
    return invalid(std::vector<FieldIssue>{{std::move(field), std::move(message)}});
}
Error Error::conflict(std::string code, std::string message) {
    Error e;
    e.kind = Kind::conflict;
    e.code = std::move(code);
    e.message = std::move(message);
    return e;
}
Error Error::not_found(std::string message) {
    Error e;
    e.kind = Kind::not_found;
    e.code = "not_found";
    e.message = std::move(message);
    return e;
}

std::string trimmed(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra;
        if (c < 0x80)
            extra = 0;
        else if (c >= 0xC2 && c <= 0xDF)
            extra = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            extra = 2;
        else if (c >= 0xF0 && c <= 0xF4)
            extra = 3;
        else
            return false;
        if (s.size() - i <= extra) return false;
        for (std::size_t k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += extra + 1;
    }
    return true;
}

namespace {

// Calls f(code point, its first byte's offset) for each code point of valid UTF-8.
template <class F>
void for_each_code_point(std::string_view s, F f) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
        char32_t cp = extra == 0   ? c
                      : extra == 1 ? (c & 0x1F)
                      : extra == 2 ? (c & 0x0F)
                                   : (c & 0x07);
        for (std::size_t k = 1; k <= extra && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        f(cp, i);
        i += extra + 1;
    }
}

// Characters that reorder or hide what is displayed (Trojan Source, CVE-2021-42574): a name
// holding them can read differently in the audit log than what was typed.
bool bidi_control(char32_t c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

std::string code_point_name(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

// Control characters (C0, DEL, C1) but those a multi-line text may hold.
bool control(char32_t c, bool multi_line) {
    if (multi_line && (c == '\n' || c == '\t')) return false;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

void check_characters(std::vector<FieldIssue>& issues, const std::string& field,
                      std::string_view value, std::size_t max, bool multi_line) {
    std::size_t count = 0;
    std::optional<char32_t> bad;
    bool bidi = false;
    for_each_code_point(value, [&](char32_t c, std::size_t) {
        ++count;
        if (bad) return;
        if (bidi_control(c)) {
            bad = c;
            bidi = true;
        } else if (control(c, multi_line)) {
            bad = c;
        }
    });
    if (count > max)
        issues.push_back({field, "must be at most " + std::to_string(max) + " characters"});
    if (bad && bidi)
        issues.push_back({field, "must not contain bidirectional control characters (" +
                                     code_point_name(*bad) + ")"});
    else if (bad && *bad == '\n')
        issues.push_back({field, "must be a single line"});
    else if (bad)
        issues.push_back(
            {field, "must not contain control characters (" + code_point_name(*bad) + ")"});
}

void check_value(std::vector<FieldIssue>& issues, const std::string& field, std::string_view value,
                 std::size_t max, bool required, bool multi_line) {
    if (!valid_utf8(value)) {
        issues.push_back({field, "must be valid UTF-8"});
        return;
    }
    std::string t = trimmed(value);
    if (required && t.empty()) {
        issues.push_back({field, "is required"});
        return;
    }
    check_characters(issues, field, t, max, multi_line);
}

}  // namespace

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for_each_code_point(s, [&](char32_t, std::size_t) { ++n; });
    return n;
}

std::string bounded(std::string_view s, std::size_t max) {
    if (!valid_utf8(s)) return "(not UTF-8)";
    std::size_t n = 0, cut = s.size();
    for_each_code_point(s, [&](char32_t, std::size_t at) {
        if (n++ == max) cut = std::min(cut, at);
    });
    if (cut == s.size()) return std::string(s);
    return std::string(s.substr(0, cut)) + "\u2026";
}

void check_text(std::vector<FieldIssue>& issues, const std::string& field, std::string_view value,
                std::size_t max, bool required) {
    check_value(issues, field, value, max, required, true);
}

void check_name(std::vector<FieldIssue>& issues, const std::string& field, std::string_view value,
                std::size_t max) {
    check_value(issues, field, value, max, true, false);
}

bool valid_upn(std::string_view upn) {
    if (upn.size() < 3 || upn.size() > 254) return false;
    auto at = upn.find('@');
    if (at == std::string_view::npos || at == 0 || upn.find('@', at + 1) != std::string_view::npos)
        return false;
    auto domain = upn.substr(at + 1);
    if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
        domain.back() == '.')
        return false;
    for (char c : upn) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || c == '_' || c == '+' || c == '@' || c == '\'';
        if (!ok) return false;
    }
    return true;
}

std::string upn_domain(std::string_view upn) {
    auto at = upn.find('@');
    return at == std::string_view::npos ? std::string() : lower(upn.substr(at + 1));
}

bool valid_country(std::string_view code) {
    return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

Result<std::vector<RoomIx>> resolve_rooms(const World& w, TenantIx tenant,
                                          const std::vector<std::string>& ids,
                                          const std::string& field, std::optional<UserIx> viewer) {
    std::vector<RoomIx> out;
    std::vector<FieldIssue> issues;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto r = w.find_room(ids[i]);
        if (!r || w.room(*r).tenant != tenant || !w.room(*r).enrolled ||
            (viewer && !visible(w, *viewer, Target::of(w, *r))))
            issues.push_back(
                {field + "[" + std::to_string(i) + "]", "is not a room of this customer"});
        else
            out.push_back(*r);
    }
    if (!issues.empty()) return Error::invalid(std::move(issues));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

Result<std::vector<RoomGroupIx>> resolve_room_groups(const World& w, TenantIx tenant,
                                                     const std::vector<std::string>& ids,
                                                     const std::string& field,
                                                     std::optional<UserIx> viewer) {
    std::vector<RoomGroupIx> out;
    std::vector<FieldIssue> issues;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto g = w.find_room_group(ids[i]);
        if (!g || w.room_group(*g).tenant != tenant || !w.room_group(*g).alive ||
            (viewer && !visible(w, *viewer, Target::of(w, *g))))
            issues.push_back(
                {field + "[" + std::to_string(i) + "]", "is not a room group of this customer"});
        else
            out.push_back(*g);
    }
    if (!issues.empty()) return Error::invalid(std::move(issues));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

Result<Scope> resolve_scope(const World& w, TenantIx tenant, const ScopeDraft& draft,
                            const std::string& field, std::optional<UserIx> viewer) {
    Scope s;
    s.all_rooms = draft.all_rooms;
    std::vector<FieldIssue> issues;
    auto rooms = resolve_rooms(w, tenant, draft.room_ids, field + ".roomIds", viewer);
    if (!rooms)
        issues.insert(issues.end(), rooms.error().fields.begin(), rooms.error().fields.end());
    else
        s.rooms = rooms.value();
    auto groups =
        resolve_room_groups(w, tenant, draft.room_group_ids, field + ".roomGroupIds", viewer);
    if (!groups)
        issues.insert(issues.end(), groups.error().fields.begin(), groups.error().fields.end());
    else
        s.room_groups = groups.value();
    if (!issues.empty()) return Error::invalid(std::move(issues));
    if (s.all_rooms) {  // "all rooms" subsumes any list
        s.rooms.clear();
        s.room_groups.clear();
    }
    return s;
}

std::string_view to_string(Health h) {
    switch (h) {
        case Health::healthy:
            return "healthy";
        case Health::unhealthy:
            return "unhealthy";
        case Health::unmonitored:
            return "unmonitored";
        case Health::suppressed:
            return "suppressed";
        case Health::onboarding:
            return "onboarding";
    }
    return "healthy";
}
std::optional<Health> parse_health(std::string_view s) {
    for (auto h : {Health::healthy, Health::unhealthy, Health::unmonitored, Health::suppressed,
                   Health::onboarding})
        if (to_string(h) == s) return h;
    return std::nullopt;
}
std::string_view to_string(Severity s) {
    return s == Severity::important ? "important" : "warning";
}
std::optional<Severity> parse_severity(std::string_view s) {
    if (s == "important") return Severity::important;
    if (s == "warning") return Severity::warning;
    return std::nullopt;
}
std::string_view to_string(IncidentState s) {
    switch (s) {
        case IncidentState::need_action:
            return "needAction";
        case IncidentState::assigned_to_service:
            return "assignedToService";
        case IncidentState::pending_investigation:
            return "pendingInvestigation";
        case IncidentState::resolved:
            return "resolved";
    }
    return "needAction";
}
std::optional<IncidentState> parse_incident_state(std::string_view s) {
    for (auto st : {IncidentState::need_action, IncidentState::assigned_to_service,
                    IncidentState::pending_investigation, IncidentState::resolved})
        if (to_string(st) == s) return st;
    return std::nullopt;
}
std::string_view to_string(ContactStatus s) {
    switch (s) {
        case ContactStatus::pending:
            return "pending";
        case ContactStatus::accepted:
            return "accepted";
        case ContactStatus::denied:
            return "denied";
    }
    return "pending";
}
std::string_view to_string(InvitationState s) {
    switch (s) {
        case InvitationState::pending:
            return "pending";
        case InvitationState::accepted:
            return "accepted";
        case InvitationState::expired:
            return "expired";
        case InvitationState::revoked:
            return "revoked";
    }
    return "pending";
}

namespace {
struct TypeInfo {
    std::string_view id;
    Severity severity;
};
constexpr TypeInfo kTypes[] = {
    {"display", Severity::important},
    {"conferenceMicrophone", Severity::important},
    {"conferenceSpeaker", Severity::important},
    {"camera", Severity::important},
    {"hdmiIngest", Severity::important},
    {"signIn", Severity::important},
    {"proximitySensor", Severity::important},
    {"appVersion", Severity::warning},
    {"osVersion", Severity::warning},
    {"network", Severity::warning},
    {"other", Severity::warning},
};
}  // namespace

bool valid_incident_type(std::string_view type) {
    for (const auto& t : kTypes)
        if (t.id == type) return true;
    return false;
}
Severity default_severity(std::string_view type) {
    for (const auto& t : kTypes)
        if (t.id == type) return t.severity;
    return Severity::warning;
}

const std::vector<std::string_view>& close_reasons() {
    static const std::vector<std::string_view> reasons = {
        "fixed", "hardwareReplaced", "configurationChanged", "noIssueFound", "duplicate", "other"};
    return reasons;
}

}  // namespace mtm
