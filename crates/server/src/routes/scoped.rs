//! Helpers for resources that live inside one cluster (SQL users, databases,
//! backups, restores, maintenance and blackout windows): read the cluster the
//! caller may see, or change it in one mutation with its audit entries.

use super::clusters::live;
use crate::app::Shared;
use crate::audit;
use crate::auth::Caller;
use crate::clock;
use crate::error::ApiResult;
use crate::store::model::{Change, ClusterRow, Mem};
use crdb_cloud::Timestamp;

/// What a change to a cluster's data gets besides the row.
pub struct Ctx<'a> {
    /// The whole state (other clusters, for restores).
    pub mem: &'a Mem,
    /// The caller.
    pub caller: &'a Caller,
    /// The server's clock now.
    pub now: Timestamp,
    /// When long-running work started now completes (`None`: manual).
    pub due_at: Option<Timestamp>,
}

/// The live (non-deleted) cluster `id` as the caller may see it for `op`; 404 otherwise.
pub fn read(
    app: &Shared,
    caller: &Caller,
    op: &str,
    id: &str,
) -> ApiResult<(ClusterRow, Timestamp)> {
    let now = clock::now();
    let row = app.store.read(|mem| live(mem, caller, op, id, now))?;
    Ok((row, now))
}

/// Runs `f` on cluster `id` in one mutation. When `f` returns audit actions,
/// the row is stored and one audit entry per action written; with none, the
/// call changes nothing.
pub async fn mutate<R, F>(
    app: &Shared,
    caller: Caller,
    op: &'static str,
    id: String,
    payload: Option<String>,
    f: F,
) -> ApiResult<R>
where
    R: Send + 'static,
    F: FnOnce(&mut ClusterRow, &Ctx<'_>) -> ApiResult<(R, Vec<&'static str>)> + Send + 'static,
{
    let transitions = app.transitions;
    app.store
        .mutate_async(move |mem| {
            let now = clock::now();
            let mut row = live(mem, &caller, op, &id, now)?;
            let ctx = Ctx {
                mem,
                caller: &caller,
                now,
                due_at: clock::due_at(transitions, now),
            };
            let (answer, actions) = f(&mut row, &ctx)?;
            let mut changes = Vec::new();
            if !actions.is_empty() {
                changes.push(Change::Cluster(Box::new(row.clone())));
                changes.extend(audit::entries(
                    mem,
                    &caller,
                    &actions,
                    Some(&row.cluster),
                    payload,
                    now,
                ));
            }
            Ok((answer, changes))
        })
        .await
}
