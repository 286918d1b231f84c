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

    void reserve() override;
    void release() override;
    void commit(const JournalEntry* entry, const std::vector<AuditRecord>& audit) override;
    std::vector<JournalEntry> journal() const override;
    std::vector<AuditRecord> audit(const AuditQuery& query) const override;
    std::optional<std::string> seed() const override;
    void set_seed(const std::string& world_json) override;

    int schema_version() const;

  private:
    void exec(const char* sql) const;
    // Ends the open transaction, if any, without throwing: a failed COMMIT may already have
    // ended it, and the error that matters is the one that made the commit fail.
    void rollback_quietly() const;
    // The writer connection (mutex_) and a reader connection (read_mutex_): in WAL mode readers
    // never wait for the writer, so the audit log reads while a change waits for the database.
    sqlite3* db_ = nullptr;
    sqlite3* reader_ = nullptr;
    mutable std::mutex mutex_;
    mutable std::mutex read_mutex_;
    // Held from reserve() (or commit()'s own start) to the end of the commit: one change at a
    // time owns the database's write lock.
    std::mutex write_turn_;
    bool reserved_ = false;  // under write_turn_: a transaction is open for the next commit
    std::int64_t next_seq_ = 1;
    std::int64_t next_audit_id_ = 1;
};

}  // namespace store
