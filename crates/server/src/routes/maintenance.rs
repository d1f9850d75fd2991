//! The Maintenance Windows and Version Deferral tags.

use super::scoped::{self, read};
use crate::app::Shared;
use crate::audit;
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::extract::ApiJson;
use crate::rules::maintenance as rules;
use axum::Json;
use axum::extract::{Extension, Path, State};
use crdb_cloud::models::maintenance::*;
use crdb_cloud::operation as op;

fn when(changed: bool, action: &'static str) -> Vec<&'static str> {
    if changed { vec![action] } else { Vec::new() }
}

/// `GET /api/v1/clusters/{cluster_id}/maintenance-window`: 404 when unset.
pub async fn get_window(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<MaintenanceWindow>> {
    let (row, _) = read(&app, &caller, op::GET_MAINTENANCE_WINDOW.id, &id)?;
    rules::get_window(&row).map(Json)
}

/// `PUT /api/v1/clusters/{cluster_id}/maintenance-window`.
pub async fn set_window(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MaintenanceWindow>,
) -> ApiResult<Json<MaintenanceWindow>> {
    let payload = audit::payload(&body);
    let window = scoped::mutate(
        &app,
        caller,
        op::SET_MAINTENANCE_WINDOW.id,
        id,
        payload,
        move |row, _| {
            let changed = rules::set_window(row, &body)?;
            Ok((
                body,
                when(changed, "AUDIT_LOG_ACTION_SET_CLUSTER_MAINTENANCE_WINDOW"),
            ))
        },
    )
    .await?;
    Ok(Json(window))
}

/// `DELETE /api/v1/clusters/{cluster_id}/maintenance-window`: the removed window.
pub async fn delete_window(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<MaintenanceWindow>> {
    let window = scoped::mutate(
        &app,
        caller,
        op::DELETE_MAINTENANCE_WINDOW.id,
        id,
        None,
        move |row, _| {
            let removed = rules::delete_window(row)?;
            Ok((
                removed,
                vec!["AUDIT_LOG_ACTION_DELETE_CLUSTER_MAINTENANCE_WINDOW"],
            ))
        },
    )
    .await?;
    Ok(Json(window))
}

/// `GET /api/v1/clusters/{cluster_id}/version-deferral`.
pub async fn get_deferral(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<ClusterVersionDeferral>> {
    let (row, _) = read(&app, &caller, op::GET_CLUSTER_VERSION_DEFERRAL.id, &id)?;
    Ok(Json(rules::get_deferral(&row)))
}

/// `PUT /api/v1/clusters/{cluster_id}/version-deferral`.
pub async fn set_deferral(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ClusterVersionDeferralUpdate>,
) -> ApiResult<Json<ClusterVersionDeferral>> {
    let payload = audit::payload(&body);
    let deferral = scoped::mutate(
        &app,
        caller,
        op::SET_CLUSTER_VERSION_DEFERRAL.id,
        id,
        payload,
        move |row, ctx| {
            let changed = rules::set_deferral(row, &body, ctx.now)?;
            Ok((
                rules::get_deferral(row),
                when(
                    changed,
                    "AUDIT_LOG_ACTION_UPDATE_CLUSTER_VERSION_UPGRADE_DEFERRAL",
                ),
            ))
        },
    )
    .await?;
    Ok(Json(deferral))
}
