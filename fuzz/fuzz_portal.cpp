// libFuzzer target: what the portal reads from the service (natively): every model parser, the
// /me/access snapshot, the access matrix, and the deep links a user can type into the URL bar.
#include <cstdint>
#include <string>

#include "model.hpp"
#include "route.hpp"
#include "trm/json_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    if (auto route = portal::parse_route(text)) (void)portal::build_route(*route);
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) return 0;
    try {
        (void)portal::Me::from_json(j);
        (void)portal::CustomerRow::from_json(j);
        (void)portal::DirectoryEntry::from_json(j);
        (void)portal::InvitationRow::from_json(j);
        (void)portal::PartnerRow::from_json(j);
        (void)portal::RingRow::from_json(j);
        (void)portal::RoomRow::from_json(j);
        (void)portal::RoleRow::from_json(j);
        (void)portal::RoomGroupRow::from_json(j);
        (void)portal::IncidentRow::from_json(j);
        (void)portal::ReportSummary::from_json(j);
        (void)portal::AuditRow::from_json(j);
        (void)trm::snapshot_from_json(j);
        (void)trm::matrix_from_json(j);
    } catch (const nlohmann::json::exception&) {
        // A parser that throws on a malformed answer is handled by the caller (the page shows
        // the service's answer as an error); crashes and UB are the findings here.
    }
    return 0;
}
