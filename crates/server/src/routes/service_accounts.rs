//! The Service Accounts tag: list (by name), create (with roles, under the
//! role-assignment rules), get, update, delete (with its keys and grants).
//! A service account cannot delete itself, and the bootstrap account (the
//! one the local admin API answers to) cannot be deleted or renamed: 400,
//! code 9.

use crate::app::Shared;
use crate::audit;
use crate::auth::Caller;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, QueryParams};
use crate::routes::roles::resolve_grant;
use crate::rules::pagination::paginate;
use crate::rules::roles as role_rules;
use crate::rules::service_accounts as rules;
use crate::store::model::{Change, Mem, ServiceAccountRow};
use axum::Json;
use axum::extract::{Extension, Path, State};
use crdb_cloud::models::service_accounts::*;

/// A stored service account, or 404.
pub fn find<'a>(mem: &'a Mem, id: &str) -> ApiResult<&'a ServiceAccountRow> {
    mem.service_accounts
        .get(id)
        .ok_or_else(|| ApiError::not_found(format!("service account {id} not found")))
}

/// 409 when another account (`except` aside) has this name.
pub fn check_unique(mem: &Mem, name: &str, except: Option<&str>) -> ApiResult<()> {
    let taken = mem
        .service_accounts
        .values()
        .any(|sa| sa.name == name && Some(sa.id.as_str()) != except);
    if taken {
        return Err(ApiError::already_exists(format!(
            "a service account named {name:?} already exists"
        )));
    }
    Ok(())
}

/// `GET /api/v1/service-accounts`.
pub async fn list(
    State(app): State<Shared>,
    q: QueryParams,
) -> ApiResult<Json<ListServiceAccountsResponse>> {
    let scope = "service-accounts";
    let req = q.page_request(scope)?;
    let all: Vec<ServiceAccount> = app.store.read(|mem| {
        mem.service_accounts
            .values()
            .map(rules::service_account)
            .collect()
    });
    let (service_accounts, pagination) =
        paginate(all, |sa| (sa.name.clone(), sa.id.clone()), &req, scope);
    Ok(Json(ListServiceAccountsResponse {
        service_accounts,
        pagination,
    }))
}

/// `POST /api/v1/service-accounts`.
pub async fn create(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    ApiJson(body): ApiJson<CreateServiceAccountRequest>,
) -> ApiResult<Json<ServiceAccount>> {
    use crate::rules::bounds;
    bounds::list("roles", body.roles.len(), bounds::MAX_LIST)?;
    rules::validate_name("name", &body.name)?;
    rules::validate_description(&body.description)?;
    let sa = app
        .store
        .mutate_async(move |mem| {
            check_unique(mem, &body.name, None)?;
            let mut grants = Vec::new();
            for role in &body.roles {
                let (grant, folders) = resolve_grant(mem, role)?;
                role_rules::check_assign(&caller.roles, &grant, &folders)?;
                role_rules::add(&mut grants, grant);
            }
            let now = clock::now();
            let row = ServiceAccountRow {
                id: uuid::Uuid::new_v4().to_string(),
                name: body.name.clone(),
                description: body.description.clone(),
                creator_name: caller.name.clone(),
                created_at: now,
                roles: grants,
                bootstrap: false,
            };
            let mut changes = vec![Change::ServiceAccount(row.clone())];
            changes.extend(audit::entries(
                mem,
                &caller,
                &["AUDIT_LOG_ACTION_CREATE_SERVICE_ACCOUNT"],
                None,
                audit::payload(&body),
                now,
            ));
            Ok((rules::service_account(&row), changes))
        })
        .await?;
    Ok(Json(sa))
}

/// `GET /api/v1/service-accounts/{id}`.
pub async fn get(
    State(app): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<ServiceAccount>> {
    app.store
        .read(|mem| find(mem, &id).map(rules::service_account))
        .map(Json)
}

/// `PATCH /api/v1/service-accounts/{id}`.
pub async fn update(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateServiceAccountSpecification>,
) -> ApiResult<Json<ServiceAccount>> {
    if let Some(name) = &body.name {
        rules::validate_name("name", name)?;
    }
    if let Some(description) = &body.description {
        rules::validate_description(description)?;
    }
    let sa = app
        .store
        .mutate_async(move |mem| {
            let mut row = find(mem, &id)?.clone();
            if let Some(name) = &body.name {
                // its name is how people recognise it in the audit log
                if row.bootstrap && name != &row.name {
                    return Err(ApiError::precondition(
                        "the bootstrap service account cannot be renamed",
                    ));
                }
                check_unique(mem, name, Some(&id))?;
                row.name = name.clone();
            }
            if let Some(description) = &body.description {
                row.description = description.clone();
            }
            let mut changes = Vec::new();
            if body.name.is_some() || body.description.is_some() {
                changes.push(Change::ServiceAccount(row.clone()));
                changes.extend(audit::entries(
                    mem,
                    &caller,
                    &["AUDIT_LOG_ACTION_UPDATE_SERVICE_ACCOUNT"],
                    None,
                    audit::payload(&body),
                    clock::now(),
                ));
            }
            Ok((rules::service_account(&row), changes))
        })
        .await?;
    Ok(Json(sa))
}

/// `DELETE /api/v1/service-accounts/{id}`: its API keys and grants go too.
pub async fn delete(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<ServiceAccount>> {
    let sa = app
        .store
        .mutate_async(move |mem| {
            let row = find(mem, &id)?.clone();
            if row.id == caller.service_account_id {
                return Err(ApiError::precondition(
                    "a service account cannot delete itself",
                ));
            }
            if row.bootstrap {
                return Err(ApiError::precondition(
                    "the bootstrap service account cannot be deleted",
                ));
            }
            role_rules::keep_an_org_admin(
                mem.service_accounts
                    .values()
                    .filter(|sa| sa.id != row.id)
                    .map(|sa| sa.roles.as_slice()),
            )?;
            let mut changes: Vec<Change> = mem
                .api_keys
                .values()
                .filter(|k| k.service_account_id == row.id)
                .map(|k| Change::RemoveApiKey(k.clone()))
                .collect();
            changes.push(Change::RemoveServiceAccount(row.clone()));
            changes.extend(audit::entries(
                mem,
                &caller,
                &["AUDIT_LOG_ACTION_DELETE_SERVICE_ACCOUNT"],
                None,
                audit::payload(&serde_json::json!({"id": row.id, "name": row.name})),
                clock::now(),
            ));
            Ok((rules::service_account(&row), changes))
        })
        .await?;
    Ok(Json(sa))
}
