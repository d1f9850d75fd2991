//! The narrow interface between the in-memory state and durable storage:
//! load every record, commit a batch atomically, replace everything
//! atomically. A PostgreSQL backend would implement the same three calls.

/// One stored record: the resource's JSON plus a few indexed columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Resource kind, e.g. `cluster`.
    pub kind: String,
    /// Id, unique within the kind.
    pub id: String,
    /// Parent (folder, cluster) when the kind has one.
    pub parent_id: Option<String>,
    /// Name, when the kind has one.
    pub name: Option<String>,
    /// RFC 3339 creation time.
    pub created_at: Option<String>,
    /// The resource as its wire model's JSON.
    pub json: String,
    /// Server-side extras as JSON.
    pub meta: Option<String>,
}

/// Durable storage for records.
pub trait Backend: Send {
    /// Every record, in (kind, id) order.
    fn load(&mut self) -> Result<Vec<Record>, String>;
    /// Writes (insert or replace) all `records` in one transaction; returns
    /// only once the transaction is durable.
    fn commit(&mut self, records: &[Record]) -> Result<(), String>;
    /// Removes every record and writes `records`, in one transaction: a crash
    /// leaves either the old records or the new ones, never neither.
    fn replace_all(&mut self, records: &[Record]) -> Result<(), String>;
}
