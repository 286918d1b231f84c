#pragma once
// Where the service keeps what must outlive the process: the audit log, partitioned by customer
// tenant, and (from the service issue on) the durable state. The memory store serves tests and
// the portal's offline demo; the SQLite store serves trm-server.
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "mtm/model.hpp"

namespace trm {

// One line of a customer's audit log (PRODUCT.md §7). Refused attempts are recorded too.
struct AuditRecord {
    std::string category;  // User, Assignment, PartnerInvitation, Role, Room, RoomGroup,
                           // UpdateRing, Ticket, Settings
    std::string object_name;
    std::string operation;      // Create, Update, Delete
    std::string result_status;  // Successful, Failed
    std::string tenant_id;      // the customer tenant whose partition holds the record
    mtm::Time time = 0;
    std::string user_id;
    std::string user_tenant_id;
    std::string detail;  // what was refused and why (not part of the CSV export)
};

struct AuditQuery {
    std::string tenant_id;
    mtm::Time from = 0;
    mtm::Time to = 0;                         // inclusive
    std::optional<std::string> actor_tenant;  // only records by users of this tenant
};

class Store {
  public:
    virtual ~Store() = default;
    virtual void append_audit(const AuditRecord& record) = 0;
    // Oldest first.
    virtual std::vector<AuditRecord> audit(const AuditQuery& query) const = 0;
};

class MemoryStore final : public Store {
  public:
    void append_audit(const AuditRecord& record) override;
    std::vector<AuditRecord> audit(const AuditQuery& query) const override;

  private:
    mutable std::mutex mutex_;
    std::vector<AuditRecord> audit_;
};

}  // namespace trm
