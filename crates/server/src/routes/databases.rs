//! The Databases tag: list, create, rename (two ways) and delete.

use super::scoped::{self, read};
use crate::app::Shared;
use crate::audit;
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::extract::{ApiJson, QueryParams};
use crate::rules::databases as rules;
use crate::rules::pagination::paginate;
use crate::rules::sql_users::require_readable;
use axum::Json;
use axum::extract::{Extension, Path, State};
use crdb_cloud::models::databases::*;
use crdb_cloud::operation as op;
use serde::{Deserialize, Serialize};

/// Audit action for database changes (the API has no database-specific one).
const ACTION: &str = "AUDIT_LOG_ACTION_UPDATE_CLUSTER";

/// `GET /api/v1/clusters/{cluster_id}/databases`: sorted by name.
pub async fn list(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    q: QueryParams,
) -> ApiResult<Json<ListDatabasesResponse>> {
    let scope = format!("databases/{id}");
    let req = q.page_request(&scope)?;
    let (row, _) = read(&app, &caller, op::LIST_DATABASES.id, &id)?;
    require_readable(&row)?;
    let (databases, pagination) = paginate(
        rules::list(&row),
        |d| (d.name.clone(), String::new()),
        &req,
        &scope,
    );
    Ok(Json(ListDatabasesResponse {
        databases,
        pagination,
    }))
}

/// `POST /api/v1/clusters/{cluster_id}/databases`.
pub async fn create(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CreateDatabaseBody>,
) -> ApiResult<Json<Database>> {
    let payload = audit::payload(&body);
    let db = scoped::mutate(
        &app,
        caller,
        op::CREATE_DATABASE.id,
        id,
        payload,
        move |row, _| Ok((rules::create(row, &body.name)?, vec![ACTION])),
    )
    .await?;
    Ok(Json(db))
}

/// Body of `EditDatabase`: `name` is in the path, so optional here (v7
/// required only `new_name`); if given it must match the path.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EditDatabasePathBody {
    /// Current name; optional, must match the path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New name.
    pub new_name: String,
}

/// `PATCH /api/v1/clusters/{cluster_id}/databases/{name}` (EditDatabase).
pub async fn edit(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path((id, name)): Path<(String, String)>,
    ApiJson(body): ApiJson<EditDatabasePathBody>,
) -> ApiResult<Json<Database>> {
    rules::check_body_name(&name, body.name.as_deref())?;
    let payload = audit::payload(&EditDatabaseBody {
        name: name.clone(),
        new_name: body.new_name.clone(),
    });
    rename(
        app,
        caller,
        op::EDIT_DATABASE.id,
        id,
        name,
        body.new_name,
        payload,
    )
    .await
}

/// `PATCH /api/v1/clusters/{cluster_id}/databases` (EditDatabase2).
pub async fn edit2(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<EditDatabaseBody>,
) -> ApiResult<Json<Database>> {
    let payload = audit::payload(&body);
    rename(
        app,
        caller,
        op::EDIT_DATABASE2.id,
        id,
        body.name,
        body.new_name,
        payload,
    )
    .await
}

async fn rename(
    app: Shared,
    caller: Caller,
    op_id: &'static str,
    id: String,
    name: String,
    new_name: String,
    payload: Option<String>,
) -> ApiResult<Json<Database>> {
    let db = scoped::mutate(&app, caller, op_id, id, payload, move |row, _| {
        let before = rules::all(row);
        let db = rules::rename(row, &name, &new_name)?;
        let actions = if rules::all(row) == before {
            Vec::new()
        } else {
            vec![ACTION]
        };
        Ok((db, actions))
    })
    .await?;
    Ok(Json(db))
}

/// `DELETE /api/v1/clusters/{cluster_id}/databases/{name}`.
pub async fn delete(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path((id, name)): Path<(String, String)>,
) -> ApiResult<Json<Database>> {
    let payload = audit::payload(&CreateDatabaseBody { name: name.clone() });
    let db = scoped::mutate(
        &app,
        caller,
        op::DELETE_DATABASE.id,
        id,
        payload,
        move |row, _| Ok((rules::delete(row, &name)?, vec![ACTION])),
    )
    .await?;
    Ok(Json(db))
}
