//! The API Keys tag: list (by creation time), create (the secret is answered
//! once; only its hash is kept), get, rename, delete (the key stops
//! authenticating at once).

use crate::app::Shared;
use crate::audit;
use crate::auth::{self, Caller};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, QueryParams};
use crate::routes::service_accounts::find as find_account;
use crate::rules::pagination::paginate;
use crate::rules::service_accounts as rules;
use crate::store::model::{ApiKeyRow, Change, Mem};
use axum::Json;
use axum::extract::{Extension, Path, State};
use crdb_cloud::models::api_keys::*;

fn find<'a>(mem: &'a Mem, id: &str) -> ApiResult<&'a ApiKeyRow> {
    mem.api_keys
        .get(rules::row_id_of(id))
        .ok_or_else(|| ApiError::not_found(format!("api key {id} not found")))
}

fn audit_payload(key: &ApiKey) -> Option<String> {
    serde_json::to_string(key).ok()
}

/// `GET /api/v1/api-keys`.
pub async fn list(
    State(app): State<Shared>,
    q: QueryParams,
) -> ApiResult<Json<ListApiKeysResponse>> {
    let account = q
        .get("service_account_id")
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    let scope = format!("api-keys/{}", account.as_deref().unwrap_or(""));
    let req = q.page_request(&scope)?;
    let keys: Vec<ApiKey> = app.store.read(|mem| {
        mem.api_keys
            .values()
            .filter(|k| account.as_ref().is_none_or(|a| &k.service_account_id == a))
            .map(rules::api_key)
            .collect()
    });
    let key = |k: &ApiKey| {
        (
            k.created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
            k.id.clone(),
        )
    };
    let (api_keys, pagination) = paginate(keys, key, &req, &scope);
    Ok(Json(ListApiKeysResponse {
        api_keys,
        pagination,
    }))
}

/// `POST /api/v1/api-keys`.
pub async fn create(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    ApiJson(body): ApiJson<CreateApiKeyRequest>,
) -> ApiResult<Json<CreateApiKeyResponse>> {
    rules::validate_name("name", &body.name)?;
    let created = app
        .store
        .mutate_async(move |mem| {
            let account = find_account(mem, &body.service_account_id)?;
            let (id, secret) = auth::generate_secret();
            let now = clock::now();
            let row = ApiKeyRow {
                id,
                name: body.name.clone(),
                service_account_id: account.id.clone(),
                secret_hash: auth::hash_secret(&secret),
                created_at: now,
                local_admin: false,
            };
            let api_key = rules::api_key(&row);
            let mut changes = vec![Change::ApiKey(row)];
            changes.extend(audit::entries(
                mem,
                &caller,
                &["AUDIT_LOG_ACTION_CREATE_API_KEY"],
                None,
                audit_payload(&api_key),
                now,
            ));
            Ok((CreateApiKeyResponse { api_key, secret }, changes))
        })
        .await?;
    Ok(Json(created))
}

/// `GET /api/v1/api-keys/{id}`.
pub async fn get(State(app): State<Shared>, Path(id): Path<String>) -> ApiResult<Json<ApiKey>> {
    app.store
        .read(|mem| find(mem, &id).map(rules::api_key))
        .map(Json)
}

/// `PATCH /api/v1/api-keys/{id}`.
pub async fn update(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateApiKeySpecification>,
) -> ApiResult<Json<ApiKey>> {
    if let Some(name) = &body.name {
        rules::validate_name("name", name)?;
    }
    let key = app
        .store
        .mutate_async(move |mem| {
            let mut row = find(mem, &id)?.clone();
            let mut changes = Vec::new();
            if let Some(name) = &body.name {
                row.name = name.clone();
                changes.push(Change::ApiKey(row.clone()));
                changes.extend(audit::entries(
                    mem,
                    &caller,
                    &["AUDIT_LOG_ACTION_UPDATE_API_KEY"],
                    None,
                    audit_payload(&rules::api_key(&row)),
                    clock::now(),
                ));
            }
            Ok((rules::api_key(&row), changes))
        })
        .await?;
    Ok(Json(key))
}

/// `DELETE /api/v1/api-keys/{id}`.
pub async fn delete(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<ApiKey>> {
    let key = app
        .store
        .mutate_async(move |mem| {
            let row = find(mem, &id)?.clone();
            let key = rules::api_key(&row);
            let mut changes = vec![Change::RemoveApiKey(row)];
            changes.extend(audit::entries(
                mem,
                &caller,
                &["AUDIT_LOG_ACTION_DELETE_API_KEY"],
                None,
                audit_payload(&key),
                clock::now(),
            ));
            Ok((key, changes))
        })
        .await?;
    Ok(Json(key))
}
