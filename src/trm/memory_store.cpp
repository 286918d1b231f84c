#include "trm/store.hpp"

namespace trm {

void MemoryStore::append_audit(const AuditRecord& record) {
    std::lock_guard lock(mutex_);
    audit_.push_back(record);
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

}  // namespace trm
