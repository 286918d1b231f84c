#pragma once
// The SQLite store: WAL journal mode with synchronous=FULL, so a commit that returned is on disk
// (it survives kill -9 and power loss); schema from numbered migrations applied at open.
#include <mutex>
#include <stdexcept>
#include <string>

#include "store/store.hpp"

struct sqlite3;

namespace store {

struct StoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// The file exists but holds nothing: not a new database (that would be re-seeded, silently
// replacing what was lost) but a damaged one, to restore or to delete on purpose.
struct EmptyDatabaseFile : StoreError {
    using StoreError::StoreError;
};

class SqliteStore final : public Store {
  public:
    // A new database file (and its -wal and -shm files, which SQLite creates with the database
    // file's mode) is created 0600: it holds every tenant's data and the rooms' enrollment keys.
    explicit SqliteStore(const std::string& path);  // throws StoreError, EmptyDatabaseFile
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    void commit(const JournalEntry* entry, const std::vector<AuditRecord>& audit) override;
    std::vector<JournalEntry> journal() const override;
    std::vector<AuditRecord> audit(const AuditQuery& query) const override;
    std::optional<std::string> seed() const override;
    void set_seed(const std::string& world_json) override;

    int schema_version() const;

  private:
    void exec(const char* sql) const;
    sqlite3* db_ = nullptr;
    mutable std::mutex mutex_;
    std::int64_t next_seq_ = 1;
    std::int64_t next_audit_id_ = 1;
};

}  // namespace store
