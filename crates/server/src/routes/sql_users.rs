//! The SQL Users tag: list, create, delete and password change. Answers are
//! `{"name": ...}`; passwords never reach a response or the audit log.

use super::scoped::{self, read};
use crate::app::Shared;
use crate::audit;
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::extract::{ApiJson, QueryParams};
use crate::rules::pagination::paginate;
use crate::rules::sql_users as rules;
use axum::Json;
use axum::extract::{Extension, Path, State};
use crdb_cloud::models::sql_users::*;
use crdb_cloud::operation as op;

/// `GET /api/v1/clusters/{cluster_id}/sql-users`: sorted by name.
pub async fn list(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    q: QueryParams,
) -> ApiResult<Json<ListSqlUsersResponse>> {
    let scope = format!("sql-users/{id}");
    let req = q.page_request(&scope)?;
    let (row, _) = read(&app, &caller, op::LIST_SQL_USERS.id, &id)?;
    rules::require_readable(&row)?;
    let (names, pagination) = paginate(
        rules::names(&row),
        |n| (n.clone(), String::new()),
        &req,
        &scope,
    );
    Ok(Json(ListSqlUsersResponse {
        users: names.into_iter().map(|name| SqlUser { name }).collect(),
        pagination,
    }))
}

/// `POST /api/v1/clusters/{cluster_id}/sql-users`.
pub async fn create(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CreateSqlUserBody>,
) -> ApiResult<Json<SqlUser>> {
    let payload = audit::payload(&SqlUser {
        name: body.name.clone(),
    });
    let name = scoped::mutate(
        &app,
        caller,
        op::CREATE_SQL_USER.id,
        id,
        payload,
        move |row, ctx| {
            let name = rules::create(row, &body.name, &body.password, ctx.now)?;
            Ok((name, vec!["AUDIT_LOG_ACTION_CREATE_SQL_USER"]))
        },
    )
    .await?;
    Ok(Json(SqlUser { name }))
}

/// `DELETE /api/v1/clusters/{cluster_id}/sql-users/{name}`.
pub async fn delete(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path((id, name)): Path<(String, String)>,
) -> ApiResult<Json<SqlUser>> {
    let payload = audit::payload(&SqlUser { name: name.clone() });
    let name = scoped::mutate(
        &app,
        caller,
        op::DELETE_SQL_USER.id,
        id,
        payload,
        move |row, _| {
            let name = rules::delete(row, &name)?;
            Ok((name, vec!["AUDIT_LOG_ACTION_DELETE_SQL_USER"]))
        },
    )
    .await?;
    Ok(Json(SqlUser { name }))
}

/// `PUT /api/v1/clusters/{cluster_id}/sql-users/{name}/password`.
pub async fn update_password(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path((id, name)): Path<(String, String)>,
    ApiJson(body): ApiJson<UpdateSqlUserPasswordBody>,
) -> ApiResult<Json<SqlUser>> {
    let payload = audit::payload(&SqlUser { name: name.clone() });
    let name = scoped::mutate(
        &app,
        caller,
        op::UPDATE_SQL_USER_PASSWORD.id,
        id,
        payload,
        move |row, _| {
            let name = rules::change_password(row, &name, &body.password)?;
            Ok((name, vec!["AUDIT_LOG_ACTION_CHANGE_SQL_USER_PASSWORD"]))
        },
    )
    .await?;
    Ok(Json(SqlUser { name }))
}
