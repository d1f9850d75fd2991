//! The Customer-managed Encryption Keys tag (ADVANCED clusters only).

use super::clusters::{live, visible};
use crate::app::Shared;
use crate::audit;
use crate::auth::Caller;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::rules::cmek;
use crate::store::model::{Change, ClusterRow, Mem};
use axum::Json;
use axum::extract::{Extension, Path, State};
use crdb_cloud::Timestamp;
use crdb_cloud::models::clusters::ClusterState;
use crdb_cloud::models::cmek::*;
use crdb_cloud::operation as op;

/// `GET /api/v1/clusters/{cluster_id}/cmek`.
pub async fn get(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<CmekClusterInfo>> {
    let now = clock::now();
    let row = app
        .store
        .read(|mem| visible(mem, &caller, op::GET_CMEK_CLUSTER_INFO.id, &id, now))?;
    if row.cluster.state == ClusterState::Deleted {
        return Err(ApiError::not_found(format!("cluster {id} not found")));
    }
    cmek::require_advanced(&row)?;
    Ok(Json(cmek::info(&row)))
}

/// Runs a CMEK change as one mutation with its audit entry.
async fn change<F>(
    app: Shared,
    caller: Caller,
    op_id: &'static str,
    id: String,
    action: &'static str,
    payload: Option<String>,
    f: F,
) -> ApiResult<Json<CmekClusterInfo>>
where
    F: FnOnce(&mut ClusterRow, Timestamp, Option<Timestamp>) -> ApiResult<()> + Send + 'static,
{
    let transitions = app.transitions;
    let info = app
        .store
        .mutate_async(move |mem: &Mem| {
            let now = clock::now();
            let mut row = live(mem, &caller, op_id, &id, now)?;
            f(&mut row, now, clock::due_at(transitions, now))?;
            let mut changes = vec![Change::Cluster(Box::new(row.clone()))];
            changes.extend(audit::entries(
                mem,
                &caller,
                &[action],
                Some(&row.cluster),
                payload,
                now,
            ));
            Ok((cmek::info(&row), changes))
        })
        .await?;
    Ok(Json(info))
}

/// `POST /api/v1/clusters/{cluster_id}/cmek`.
pub async fn enable(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<EnableCmekSpecBody>,
) -> ApiResult<Json<CmekClusterInfo>> {
    let payload = serde_json::to_string(&body).ok();
    change(
        app,
        caller,
        op::ENABLE_CMEK_SPEC.id,
        id,
        "AUDIT_LOG_ACTION_UPDATE_CMEK",
        payload,
        move |row, now, due| cmek::enable(row, &body.region_specs, now, due),
    )
    .await
}

/// `PUT /api/v1/clusters/{cluster_id}/cmek`.
pub async fn rotate(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateCmekSpecBody>,
) -> ApiResult<Json<CmekClusterInfo>> {
    let payload = serde_json::to_string(&body).ok();
    change(
        app,
        caller,
        op::UPDATE_CMEK_SPEC.id,
        id,
        "AUDIT_LOG_ACTION_UPDATE_CMEK",
        payload,
        move |row, now, due| cmek::rotate(row, &body.region_specs, now, due),
    )
    .await
}

/// `PATCH /api/v1/clusters/{cluster_id}/cmek`.
pub async fn update_status(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateCmekStatusBody>,
) -> ApiResult<Json<CmekClusterInfo>> {
    let payload = serde_json::to_string(&body).ok();
    change(
        app,
        caller,
        op::UPDATE_CMEK_STATUS.id,
        id,
        "AUDIT_LOG_ACTION_REVOKE_CMEK",
        payload,
        move |row, _, due| cmek::revoke(row, &body.action, due),
    )
    .await
}
