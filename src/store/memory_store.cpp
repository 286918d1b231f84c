#include "store/store.hpp"

namespace store {

void MemoryStore::commit(const JournalEntry* entry, const std::vector<AuditRecord>& audit) {
    std::lock_guard lock(mutex_);
    if (entry) {
        journal_.push_back(*entry);
        journal_.back().seq = static_cast<std::int64_t>(journal_.size());
    }
    audit_.insert(audit_.end(), audit.begin(), audit.end());
}

std::vector<JournalEntry> MemoryStore::journal() const {
    std::lock_guard lock(mutex_);
    return journal_;
}

std::optional<std::string> MemoryStore::seed() const {
    std::lock_guard lock(mutex_);
    return seed_;
}

void MemoryStore::set_seed(const std::string& world_json) {
    std::lock_guard lock(mutex_);
    seed_ = world_json;
}

std::vector<AuditRecord> MemoryStore::audit(const AuditQuery& q) const {
    std::lock_guard lock(mutex_);
    std::vector<AuditRecord> out;
    for (const auto& r : audit_) {
        if (r.tenant_id != q.tenant_id || r.time < q.from || r.time > q.to) continue;
        if (q.actor_tenant && r.user_tenant_id != *q.actor_tenant) continue;
        out.push_back(r);
    }
    return out;
}

}  // namespace store
