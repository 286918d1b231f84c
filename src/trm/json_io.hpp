#pragma once
// The JSON boundary of the API: reading request bodies field by field (every wrong field is
// reported, none is guessed), and writing the model's objects in API.md's field names.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mtm/matrix.hpp"
#include "mtm/operations.hpp"
#include "mtm/snapshot.hpp"
#include "trm/problem.hpp"

namespace trm {

using nlohmann::json;

// Reads typed fields from a JSON object, collecting a FieldError for each wrong one.
class BodyReader {
  public:
    explicit BodyReader(const json& body);
    std::optional<std::string> string(const char* key, bool required = false);
    std::optional<bool> boolean(const char* key, bool required = false);
    std::optional<int> integer(const char* key, bool required = false);
    std::optional<std::vector<std::string>> strings(const char* key, bool required = false);
    std::optional<mtm::ScopeDraft> scope(const char* key, bool required = false);
    std::optional<std::vector<mtm::MemberDraft>> members(const char* key, bool required = false);
    std::optional<std::vector<mtm::ContactDraft>> contacts(const char* key, bool required = false);
    bool has(const char* key) const;
    // Fields the endpoint does not know are refused, so typos never pass silently.
    void allow_only(std::initializer_list<const char*> keys);
    void allow_only(const std::vector<const char*>& keys);

    bool ok() const { return errors_.empty(); }
    const std::vector<FieldError>& errors() const { return errors_; }

  private:
    const json* field(const char* key, bool required);
    void fail(std::string field, std::string message) {
        errors_.push_back({std::move(field), std::move(message)});
    }
    const json& body_;
    std::vector<FieldError> errors_;
};

// Serialisers (API.md field names). `now` decides expiry of invitations.
std::string iso_time(mtm::Time t);
std::optional<mtm::Time> parse_iso_time(const std::string& s);
json scope_json(const mtm::World& w, const mtm::Scope& s);
// `viewer`: what the response is written for. No response lists an id its reader cannot see,
// and counts count only what it can see; nullopt writes everything (the seed, tests).
using Viewer = std::optional<mtm::UserIx>;
json scope_json(const mtm::World& w, mtm::TenantIx tenant, const mtm::Scope& s, Viewer viewer);
std::vector<FieldError> to_field_errors(const std::vector<mtm::FieldIssue>& issues);
json tenant_json(const mtm::Tenant& t);
json user_json(const mtm::World& w, mtm::UserIx u);
json room_json(const mtm::World& w, mtm::RoomIx r, Viewer viewer = {});
json room_group_json(const mtm::World& w, mtm::RoomGroupIx g, Viewer viewer = {});
json ring_json(const mtm::World& w, mtm::RingIx r, Viewer viewer = {});
// viewer: list only the rooms that user can see (an incident visible through one room must not
// reveal the others of its list).
json incident_json(const mtm::World& w, mtm::IncidentIx i, bool with_thread,
                   std::optional<mtm::UserIx> viewer = {});
// Assignments show their effective scope: a partner role's clipped by the relationship's.
json assignment_json(const mtm::World& w, mtm::AssignmentIx a, Viewer viewer = {});
json role_json(const mtm::World& w, mtm::RoleIx r, Viewer viewer = {});
json invitation_json(const mtm::World& w, mtm::InvitationIx i, mtm::Time now);
// A live relationship as the customer's GET /partners lists it (and PATCH answers).
json partner_json(const mtm::World& w, mtm::RelationshipIx r, Viewer viewer = {});
json relationship_json(const mtm::World& w, mtm::RelationshipIx r);
json snapshot_json(const mtm::AccessSnapshot& s);
// GET /access-matrix. Grants are [userIndex, assignmentIndex, throughGroup] triples, indices
// into "users" and into the roles' assignments in order: a matrix can hold a million grants.
json matrix_json(const mtm::MatrixModel& m);
// The portal's reader; anything malformed yields nullopt rather than a half-built model.
std::optional<mtm::MatrixModel> matrix_from_json(const json& j);
mtm::AccessSnapshot snapshot_from_json(const json& j);  // the portal's side

// A weak content hash for "etag" / If-Match (same object state, same tag).
std::string etag_of(const json& object);
json with_etag(json object);

}  // namespace trm
