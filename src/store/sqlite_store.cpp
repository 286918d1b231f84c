#include "store/sqlite_store.hpp"

#include <sqlite3.h>

#include <sys/stat.h>

#include <cstddef>
#include <cstring>
#include <memory>

#include "migrations.inc"

namespace store {

namespace {

// SQLite's message with its extended code and the operating system's error behind it, if any:
// "disk I/O error" alone does not say the disk is full.
std::string failure(sqlite3* db, const std::string& message) {
    std::string out = message + " (SQLite code " + std::to_string(sqlite3_extended_errcode(db));
    if (int os = sqlite3_system_errno(db)) out += ", " + std::string(std::strerror(os));
    return out + ")";
}

// A prepared statement that finalises itself.
class Statement {
  public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
            throw StoreError(std::string("SQLite prepare failed: ") + sqlite3_errmsg(db));
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, const std::string& v) {
        sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int i, std::int64_t v) {
        sqlite3_bind_int64(stmt_, i, v);
        return *this;
    }
    bool step() {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw StoreError(failure(db_, std::string("SQLite step failed: ") + sqlite3_errmsg(db_)));
    }
    std::string text(int col) const {
        auto p = sqlite3_column_text(stmt_, col);
        return p ? std::string(reinterpret_cast<const char*>(p),
                               static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
                 : std::string();
    }
    std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

std::string join_lines(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += s + "\n";
    return out;
}

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        auto end = s.find('\n', pos);
        if (end == std::string::npos) end = s.size();
        out.push_back(s.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

}  // namespace

namespace {

// Files created while it lives are private to the service's user (the store opens before any
// other thread starts, so changing the process's umask here races with nothing).
class PrivateFiles {
  public:
    PrivateFiles() : previous_(::umask(0077)) {}
    ~PrivateFiles() { ::umask(previous_); }
    PrivateFiles(const PrivateFiles&) = delete;
    PrivateFiles& operator=(const PrivateFiles&) = delete;

  private:
    mode_t previous_;
};

}  // namespace

SqliteStore::SqliteStore(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0)
        throw EmptyDatabaseFile(
            path +
            " is empty (0 bytes), so it is not a database: restore it from a backup, or "
            "delete it to start a new database from the seed");
    PrivateFiles private_files;
    if (sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError("cannot open " + path + ": " + why);
    }
    sqlite3_busy_timeout(db_, 5000);
    // WAL: readers never block the writer. synchronous=FULL: in WAL mode only FULL syncs the log
    // at every commit, which is what "acknowledged means durable" needs.
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");

    int version = schema_version();
    const int latest = static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0]));
    if (version > latest)
        throw StoreError(path + " has schema version " + std::to_string(version) +
                         ", newer than this trm-server (" + std::to_string(latest) + ")");
    for (int m = version; m < latest; ++m) {
        std::string sql(reinterpret_cast<const char*>(kMigrations[m].sql), kMigrations[m].size);
        exec("BEGIN IMMEDIATE");
        try {
            exec(sql.c_str());
            exec(("PRAGMA user_version=" + std::to_string(m + 1)).c_str());
            exec("COMMIT");
        } catch (...) {
            exec("ROLLBACK");
            throw;
        }
    }
    {
        Statement seq(db_, "SELECT COALESCE(MAX(seq), 0) FROM journal");
        if (seq.step()) next_seq_ = seq.integer(0) + 1;
        Statement aid(db_, "SELECT COALESCE(MAX(id), 0) FROM audit");
        if (aid.step()) next_audit_id_ = aid.integer(0) + 1;
    }
    if (sqlite3_open_v2(path.c_str(), &reader_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string why = reader_ ? sqlite3_errmsg(reader_) : "out of memory";
        sqlite3_close(reader_);
        sqlite3_close(db_);
        reader_ = db_ = nullptr;
        throw StoreError("cannot open " + path + " for reading: " + why);
    }
    sqlite3_busy_timeout(reader_, 5000);
}

SqliteStore::~SqliteStore() {
    sqlite3_close(reader_);
    sqlite3_close(db_);
}

void SqliteStore::exec(const char* sql) const {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw StoreError(failure(db_, "SQLite: " + msg));
    }
}

void SqliteStore::rollback_quietly() const {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteStore::reserve() {
    write_turn_.lock();
    try {
        std::lock_guard lock(mutex_);
        exec("BEGIN IMMEDIATE");  // waits up to the busy timeout for another process's writer
        reserved_ = true;
    } catch (...) {
        write_turn_.unlock();
        throw;
    }
}

void SqliteStore::release() {
    if (!reserved_) return;  // only the reserving thread calls this, holding write_turn_
    {
        std::lock_guard lock(mutex_);
        rollback_quietly();
        reserved_ = false;
    }
    write_turn_.unlock();
}

int SqliteStore::schema_version() const {
    Statement s(db_, "PRAGMA user_version");
    return s.step() ? static_cast<int>(s.integer(0)) : 0;
}

void SqliteStore::commit(const JournalEntry* entry, const std::vector<AuditRecord>& audit) {
    // A reserved commit already holds the turn and an open transaction; else take both now.
    bool reserved = reserved_;
    if (!reserved) write_turn_.lock();
    std::unique_lock turn(write_turn_, std::adopt_lock);
    std::lock_guard lock(mutex_);
    reserved_ = false;
    if (!reserved) exec("BEGIN IMMEDIATE");
    try {
        if (entry) {
            Statement s(db_,
                        "INSERT INTO journal (tenant_id, seq, time, user_id, method, target, body, "
                        "generated) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            s.bind(1, entry->tenant_id)
                .bind(2, next_seq_)
                .bind(3, entry->time)
                .bind(4, entry->user_id);
            s.bind(5, entry->method)
                .bind(6, entry->target)
                .bind(7, entry->body)
                .bind(8, join_lines(entry->generated));
            s.step();
        }
        for (std::size_t i = 0; i < audit.size(); ++i) {
            const auto& r = audit[i];
            Statement s(db_,
                        "INSERT INTO audit (tenant_id, time, id, category, object_name, operation, "
                        "result_status, "
                        "user_id, user_tenant_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            s.bind(1, r.tenant_id)
                .bind(2, r.time)
                .bind(3, next_audit_id_ + static_cast<std::int64_t>(i));
            s.bind(4, r.category)
                .bind(5, r.object_name)
                .bind(6, r.operation)
                .bind(7, r.result_status);
            s.bind(8, r.user_id).bind(9, r.user_tenant_id).bind(10, r.detail);
            s.step();
        }
        exec("COMMIT");
    } catch (...) {
        rollback_quietly();
        throw;
    }
    if (entry) ++next_seq_;
    next_audit_id_ += static_cast<std::int64_t>(audit.size());
}

std::vector<JournalEntry> SqliteStore::journal() const {
    std::lock_guard lock(read_mutex_);
    std::vector<JournalEntry> out;
    Statement s(reader_,
                "SELECT seq, tenant_id, time, user_id, method, target, body, generated FROM "
                "journal ORDER BY seq");
    while (s.step())
        out.push_back({s.integer(0), s.text(1), s.integer(2), s.text(3), s.text(4), s.text(5),
                       s.text(6), split_lines(s.text(7))});
    return out;
}

std::vector<AuditRecord> SqliteStore::audit(const AuditQuery& q) const {
    std::lock_guard lock(read_mutex_);
    std::vector<AuditRecord> out;
    Statement s(reader_,
                "SELECT category, object_name, operation, result_status, tenant_id, time, user_id, "
                "user_tenant_id, "
                "detail FROM audit WHERE tenant_id = ? AND time >= ? AND time <= ? "
                "AND (? = '' OR user_tenant_id = ?) ORDER BY time, id");
    std::string actor = q.actor_tenant.value_or("");
    s.bind(1, q.tenant_id).bind(2, q.from).bind(3, q.to).bind(4, actor).bind(5, actor);
    while (s.step())
        out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5),
                       s.text(6), s.text(7), s.text(8)});
    return out;
}

std::optional<std::string> SqliteStore::seed() const {
    std::lock_guard lock(read_mutex_);
    Statement s(reader_, "SELECT value FROM meta WHERE key = 'seed'");
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

void SqliteStore::set_seed(const std::string& world_json) {
    std::lock_guard lock(mutex_);
    Statement s(db_,
                "INSERT INTO meta (key, value) VALUES ('seed', ?) ON CONFLICT(key) DO UPDATE SET "
                "value = excluded.value");
    s.bind(1, world_json);
    s.step();
}

}  // namespace store
