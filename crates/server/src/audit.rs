//! Audit entries for successful mutations (the rows ListAuditLogs will serve).

use crate::auth::Caller;
use crate::store::model::{AuditRow, Change, Mem};
use crdb_cloud::Timestamp;
use crdb_cloud::models::clusters::Cluster;

/// Source of every entry written through the API.
pub const SOURCE_CC_API: &str = "AUDIT_LOG_SOURCE_CC_API";

/// Changes appending one entry per action, in order.
pub fn entries(
    mem: &Mem,
    caller: &Caller,
    actions: &[&str],
    cluster: Option<&Cluster>,
    payload: Option<String>,
    now: Timestamp,
) -> Vec<Change> {
    let first = mem.next_audit_seq();
    actions
        .iter()
        .enumerate()
        .map(|(i, action)| {
            Change::Audit(AuditRow {
                id: uuid::Uuid::new_v4().to_string(),
                seq: first + i as u64,
                created_at: now,
                action: (*action).to_owned(),
                source: SOURCE_CC_API.to_owned(),
                service_account_name: caller.name.clone(),
                cluster_id: cluster.map(|c| c.id.clone()),
                cluster_name: cluster.map(|c| c.name.clone()),
                payload: payload.clone(),
            })
        })
        .collect()
}

/// A request body as an audit entry's payload (JSON).
pub fn payload<T: serde::Serialize>(body: &T) -> Option<String> {
    serde_json::to_string(body).ok()
}
