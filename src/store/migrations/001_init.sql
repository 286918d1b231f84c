-- 001: the first schema. Every table is partitioned by the customer tenant: tenant_id leads
-- every key, so one customer's data is one contiguous range and never mixes with another's.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Accepted changes, replayed over the seed at start (seq gives the global order).
CREATE TABLE journal (
    tenant_id TEXT    NOT NULL,
    seq       INTEGER NOT NULL,
    time      INTEGER NOT NULL,
    user_id   TEXT    NOT NULL,
    method    TEXT    NOT NULL,
    target    TEXT    NOT NULL,
    body      TEXT    NOT NULL,
    generated TEXT    NOT NULL,  -- ids and keys the change drew, one per line
    PRIMARY KEY (tenant_id, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX journal_order ON journal (seq);

-- The customer-side audit log (PRODUCT.md §7), refused attempts included.
CREATE TABLE audit (
    tenant_id      TEXT    NOT NULL,
    time           INTEGER NOT NULL,
    id             INTEGER NOT NULL,
    category       TEXT    NOT NULL,
    object_name    TEXT    NOT NULL,
    operation      TEXT    NOT NULL,
    result_status  TEXT    NOT NULL,
    user_id        TEXT    NOT NULL,
    user_tenant_id TEXT    NOT NULL,
    detail         TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, time, id)
) WITHOUT ROWID;
