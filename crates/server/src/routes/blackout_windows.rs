//! The Blackout Windows tag (ADVANCED clusters only).

use super::scoped::{self, read};
use crate::app::Shared;
use crate::audit;
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::extract::{ApiJson, QueryParams};
use crate::rules::blackout_windows as rules;
use crate::rules::pagination::paginate;
use axum::Json;
use axum::extract::{Extension, Path, State};
use crdb_cloud::models::blackout_windows::*;
use crdb_cloud::operation as op;

/// `GET /api/v1/clusters/{cluster_id}/blackout-windows`: by start time.
pub async fn list(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    q: QueryParams,
) -> ApiResult<Json<ListBlackoutWindowsResponse>> {
    let scope = format!("blackout-windows/{id}");
    let req = q.page_request(&scope)?;
    let (row, _) = read(&app, &caller, op::LIST_BLACKOUT_WINDOWS.id, &id)?;
    let (windows, pagination) = paginate(
        rules::list(&row)?,
        |w| {
            (
                w.start_time
                    .to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
                w.id.clone(),
            )
        },
        &req,
        &scope,
    );
    Ok(Json(ListBlackoutWindowsResponse {
        blackout_windows: Some(windows),
        pagination,
    }))
}

/// `GET /api/v1/clusters/{cluster_id}/blackout-windows/{blackout_window_id}`.
pub async fn get(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path((id, window_id)): Path<(String, String)>,
) -> ApiResult<Json<BlackoutWindow>> {
    let (row, _) = read(&app, &caller, op::GET_BLACKOUT_WINDOW.id, &id)?;
    rules::get(&row, &window_id).map(Json)
}

/// `POST /api/v1/clusters/{cluster_id}/blackout-windows`.
pub async fn create(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CreateBlackoutWindowBody>,
) -> ApiResult<Json<BlackoutWindow>> {
    let payload = audit::payload(&body);
    let window = scoped::mutate(
        &app,
        caller,
        op::CREATE_BLACKOUT_WINDOW.id,
        id,
        payload,
        move |row, ctx| {
            let w = rules::create(row, uuid::Uuid::new_v4().to_string(), &body, ctx.now)?;
            Ok((w, vec!["AUDIT_LOG_ACTION_CREATE_CLUSTER_BLACKOUT_WINDOW"]))
        },
    )
    .await?;
    Ok(Json(window))
}

/// `PATCH /api/v1/clusters/{cluster_id}/blackout-windows/{blackout_window_id}`.
pub async fn update(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path((id, window_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<UpdateBlackoutWindowBody>,
) -> ApiResult<Json<BlackoutWindow>> {
    let payload = audit::payload(&body);
    let window = scoped::mutate(
        &app,
        caller,
        op::UPDATE_BLACKOUT_WINDOW.id,
        id,
        payload,
        move |row, ctx| {
            let (w, changed) = rules::update(row, &window_id, &body, ctx.now)?;
            let actions = if changed {
                vec!["AUDIT_LOG_ACTION_UPDATE_CLUSTER_BLACKOUT_WINDOW"]
            } else {
                Vec::new()
            };
            Ok((w, actions))
        },
    )
    .await?;
    Ok(Json(window))
}

/// `DELETE /api/v1/clusters/{cluster_id}/blackout-windows/{blackout_window_id}`.
pub async fn delete(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path((id, window_id)): Path<(String, String)>,
) -> ApiResult<Json<BlackoutWindow>> {
    let window = scoped::mutate(
        &app,
        caller,
        op::DELETE_BLACKOUT_WINDOW.id,
        id,
        None,
        move |row, _| {
            let w = rules::delete(row, &window_id)?;
            Ok((w, vec!["AUDIT_LOG_ACTION_DELETE_CLUSTER_BLACKOUT_WINDOW"]))
        },
    )
    .await?;
    Ok(Json(window))
}
