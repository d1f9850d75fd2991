//! The Audit Logs tag: ListAuditLogs over the stored audit rows.

use crate::app::Shared;
use crate::error::ApiResult;
use crate::extract::QueryParams;
use crate::rules::audit_logs as rules;
use axum::Json;
use axum::extract::State;
use crdb_cloud::models::audit_logs::ListAuditLogsResponse;

/// `GET /api/v1/auditlogevents`.
pub async fn list(
    State(app): State<Shared>,
    q: QueryParams,
) -> ApiResult<Json<ListAuditLogsResponse>> {
    let query = rules::parse(
        q.time("starting_from")?,
        q.get("sort_order"),
        q.int("limit")?,
    )?;
    let (rows, next) = app.store.read(|mem| rules::page(&mem.audit, &query));
    Ok(Json(ListAuditLogsResponse {
        entries: Some(rows.iter().map(rules::entry).collect()),
        next_starting_from: next,
    }))
}
