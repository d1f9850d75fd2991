//! The Backup/Restore tag: backup configuration, managed backups (derived
//! from the schedule on the server's clock) and restore jobs.

use super::clusters::visible;
use super::scoped::{self, read};
use crate::app::Shared;
use crate::audit;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, QueryParams};
use crate::rules::pagination::{PageRequest, paginate};
use crate::rules::restores::NewRestore;
use crate::rules::{backups, restores};
use axum::Json;
use axum::extract::{Extension, Path, State};
use crdb_cloud::Timestamp;
use crdb_cloud::models::backups::*;
use crdb_cloud::models::clusters::ClusterState;
use crdb_cloud::operation as op;

fn ts_key(t: &Timestamp) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

/// A time-ranged list's `start_time`, `end_time` and page (newest first
/// unless ASC is asked for).
fn ranged_page(
    q: &QueryParams,
    scope: &str,
) -> ApiResult<(Option<Timestamp>, Option<Timestamp>, PageRequest)> {
    let start = q.time("start_time")?;
    let end = q.time("end_time")?;
    Ok((start, end, q.sorted_page_request(scope, Some("DESC"))?))
}

/// `GET /api/v1/clusters/{cluster_id}/backups-config`.
pub async fn get_config(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<BackupConfiguration>> {
    let (row, _) = read(&app, &caller, op::GET_BACKUP_CONFIGURATION.id, &id)?;
    Ok(Json(backups::config(&row)))
}

/// `PATCH /api/v1/clusters/{cluster_id}/backups-config`.
pub async fn update_config(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateBackupConfigurationSpec>,
) -> ApiResult<Json<BackupConfiguration>> {
    let payload = audit::payload(&body);
    let config = scoped::mutate(
        &app,
        caller,
        op::UPDATE_BACKUP_CONFIGURATION.id,
        id,
        payload,
        move |row, ctx| {
            let changed = backups::update(row, &body, ctx.now)?;
            // The 2024-09-16 spec has no backup action (a later one adds
            // UPDATE_BACKUP_CONFIGURATION); its enum is what clients check.
            let actions = if changed {
                vec!["AUDIT_LOG_ACTION_UPDATE_CLUSTER"]
            } else {
                Vec::new()
            };
            Ok((backups::config(row), actions))
        },
    )
    .await?;
    Ok(Json(config))
}

/// `GET /api/v1/clusters/{cluster_id}/backups`: newest first by default.
pub async fn list_backups(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    q: QueryParams,
) -> ApiResult<Json<ListBackupsResponse>> {
    let scope = format!("backups/{id}");
    let (start, end, req) = ranged_page(&q, &scope)?;
    let (row, now) = read(&app, &caller, op::LIST_BACKUPS.id, &id)?;
    let (backups, pagination) = paginate(
        backups::backups(&row, now, start, end),
        |b| (ts_key(&b.as_of_time), b.id.clone()),
        &req,
        &scope,
    );
    Ok(Json(ListBackupsResponse {
        backups,
        pagination,
    }))
}

/// `GET /api/v1/clusters/{cluster_id}/restores`: newest first by default;
/// `start_time` (inclusive) and `end_time` (exclusive) bound `created_at`.
pub async fn list_restores(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    q: QueryParams,
) -> ApiResult<Json<ListRestoresResponse>> {
    let scope = format!("restores/{id}");
    let (start, end, req) = ranged_page(&q, &scope)?;
    let (row, now) = read(&app, &caller, op::LIST_RESTORES.id, &id)?;
    let list: Vec<Restore> = restores::list(&row, now)
        .into_iter()
        .filter(|r| start.is_none_or(|s| r.created_at >= s))
        .filter(|r| end.is_none_or(|e| r.created_at < e))
        .collect();
    let (restores, pagination) = paginate(
        list,
        |r| (ts_key(&r.created_at), r.id.clone()),
        &req,
        &scope,
    );
    Ok(Json(ListRestoresResponse {
        restores,
        pagination,
    }))
}

/// `GET /api/v1/clusters/{cluster_id}/restores/{restore_id}`.
pub async fn get_restore(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path((id, restore_id)): Path<(String, String)>,
) -> ApiResult<Json<Restore>> {
    let (row, now) = read(&app, &caller, op::GET_RESTORE.id, &id)?;
    restores::get(&row, &restore_id, now).map(Json)
}

/// `POST /api/v1/clusters/{destination_cluster_id}/restores`.
pub async fn create_restore(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CreateRestoreBody>,
) -> ApiResult<Json<Restore>> {
    let payload = audit::payload(&body);
    let restore = scoped::mutate(
        &app,
        caller,
        op::CREATE_RESTORE.id,
        id,
        payload,
        move |row, ctx| {
            let source = match body.source_cluster_id.as_deref().filter(|s| !s.is_empty()) {
                Some(src) if src != row.cluster.id => {
                    let source = visible(ctx.mem, ctx.caller, op::CREATE_RESTORE.id, src, ctx.now)
                        .map_err(|_| {
                            ApiError::not_found(format!("source cluster {src} not found"))
                        })?;
                    if source.cluster.state == ClusterState::Deleted {
                        return Err(ApiError::not_found(format!(
                            "source cluster {src} not found"
                        )));
                    }
                    Some(source)
                }
                _ => None,
            };
            let new = NewRestore {
                id: uuid::Uuid::new_v4().to_string(),
                now: ctx.now,
                due_at: ctx.due_at,
            };
            let restore = restores::create(row, source.as_ref(), &body, &new)?;
            Ok((restore, vec!["AUDIT_LOG_ACTION_RESTORE_CLUSTER"]))
        },
    )
    .await?;
    Ok(Json(restore))
}
