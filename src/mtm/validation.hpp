#pragma once
// Field rules of the model (names, UPNs, countries, rings, incidents) and the resolution of
// public ids in requests to indices of one tenant — the policy core's input boundary.
#include <string>
#include <string_view>
#include <vector>

#include "mtm/result.hpp"
#include "mtm/world.hpp"

namespace mtm {

inline constexpr std::size_t kMaxNameLength = 64;
inline constexpr std::size_t kMaxTextLength = 200;
inline constexpr std::size_t kMaxDescriptionLength = 2000;
inline constexpr int kMaxRingWindowDays = 60;  // rollout + test across all rings

// Trims ASCII white space at both ends.
std::string trimmed(std::string_view s);
std::string lower(std::string_view s);
bool valid_utf8(std::string_view s);

// Characters (code points) of valid UTF-8.
std::size_t code_points(std::string_view s);
// At most `max` characters of `s`, cut with an ellipsis: what an audit line keeps of a name.
std::string bounded(std::string_view s, std::size_t max);

// Each appends to `issues` when the value breaks the rule; `field` names it in the message.
// Lengths count characters. Text may hold line breaks and tabs, names are one line; neither
// may hold other control characters (C0, DEL, C1) or bidirectional controls (U+202A–U+202E,
// U+2066–U+2069), which make a name read differently from what was typed.
void check_name(std::vector<FieldIssue>& issues, const std::string& field, std::string_view value,
                std::size_t max = kMaxNameLength);
void check_text(std::vector<FieldIssue>& issues, const std::string& field, std::string_view value,
                std::size_t max, bool required);
// name@domain, lower-cased, one '@', a dot in the domain, no spaces.
bool valid_upn(std::string_view upn);
std::string upn_domain(std::string_view upn);
bool valid_country(std::string_view code);  // ISO 3166-1 alpha-2, upper case

// A scope as a request names it.
struct ScopeDraft {
    bool all_rooms = false;
    std::vector<std::string> room_ids;
    std::vector<std::string> room_group_ids;
};

// Resolves ids to rooms and room groups of `tenant`. Unknown, deleted or other tenants' ids are
// field errors (the request named things the tenant does not have). With a `viewer`, ids that
// viewer cannot see are exactly such errors too: a body never tells a room outside your reach
// from one that does not exist.
Result<Scope> resolve_scope(const World& w, TenantIx tenant, const ScopeDraft& draft,
                            const std::string& field, std::optional<UserIx> viewer = {});
Result<std::vector<RoomIx>> resolve_rooms(const World& w, TenantIx tenant,
                                          const std::vector<std::string>& ids,
                                          const std::string& field,
                                          std::optional<UserIx> viewer = {});
Result<std::vector<RoomGroupIx>> resolve_room_groups(const World& w, TenantIx tenant,
                                                     const std::vector<std::string>& ids,
                                                     const std::string& field,
                                                     std::optional<UserIx> viewer = {});

// Enumerations as the API spells them.
std::string_view to_string(Health h);
std::optional<Health> parse_health(std::string_view s);
std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view s);
std::string_view to_string(IncidentState s);
std::optional<IncidentState> parse_incident_state(std::string_view s);
std::string_view to_string(ContactStatus s);
std::string_view to_string(InvitationState s);
// Incident types of PRODUCT.md §5 and their default severity.
bool valid_incident_type(std::string_view type);
Severity default_severity(std::string_view type);
// Closure reason categories for recorded issues.
const std::vector<std::string_view>& close_reasons();

}  // namespace mtm
