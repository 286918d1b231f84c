#pragma once
// Where the service keeps what must outlive the process. The World itself lives in memory (it is
// small: even the ×10 demo world is a few hundred MB at most); the store keeps
//  - the seed the world started from,
//  - the journal: every accepted change, in order, with the time and ids it used, so replaying
//    it over the seed rebuilds exactly the same world after a restart or a crash;
//  - the audit log, partitioned by customer tenant.
// A change and its audit lines are committed together and durably before the client hears back.
// The memory store serves tests and the portal's offline demo; the SQLite store serves trm-server.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "mtm/model.hpp"

namespace store {

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

// One accepted change: the request as the caller sent it and everything it drew from outside
// (time, generated ids and keys), so that replaying it is deterministic.
struct JournalEntry {
    std::int64_t seq = 0;   // assigned by the store, increasing
    std::string tenant_id;  // the customer tenant the change is about (partition key)
    mtm::Time time = 0;
    std::string user_id;
    std::string method;
    std::string target;
    std::string body;
    std::vector<std::string> generated;  // ids and keys, in the order they were drawn
};

class Store {
  public:
    virtual ~Store() = default;
    // Waits until a commit may start and keeps that right until commit() or release(). The
    // service reserves before it locks its world for a change, so waiting on another writer (a
    // busy database) never holds up its readers. Throws (std::exception) when the wait fails.
    virtual void reserve() {}
    virtual void release() {}
    // Atomically and durably: the journal entry (if the change was accepted) and its audit lines.
    // Throws when they could not be stored; then nothing of them is (and any reservation ends).
    virtual void commit(const JournalEntry* entry, const std::vector<AuditRecord>& audit) = 0;
    virtual std::vector<JournalEntry> journal() const = 0;                      // oldest first
    virtual std::vector<AuditRecord> audit(const AuditQuery& query) const = 0;  // oldest first
    virtual std::optional<std::string> seed() const = 0;
    virtual void set_seed(const std::string& seed) = 0;
};

class MemoryStore final : public Store {
  public:
    void commit(const JournalEntry* entry, const std::vector<AuditRecord>& audit) override;
    std::vector<JournalEntry> journal() const override;
    std::vector<AuditRecord> audit(const AuditQuery& query) const override;
    std::optional<std::string> seed() const override;
    void set_seed(const std::string& seed) override;

  private:
    mutable std::mutex mutex_;
    std::vector<JournalEntry> journal_;
    std::vector<AuditRecord> audit_;
    std::optional<std::string> seed_;
};

}  // namespace store
