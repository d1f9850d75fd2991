//! The local admin API under `/local/v1` (bootstrap key only): advance or
//! fail pending work, inject faults, add service accounts, read the audit
//! log, reset.

use crate::app::{Shared, key_change};
use crate::auth::{self, Caller};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::faults::FaultSet;
use crate::rules::cluster as rules;
use crate::rules::service_accounts as sa_rules;
use crate::store::model::{AuditRow, Change, Grant, ServiceAccountRow};
use axum::extract::{Extension, Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use crdb_cloud::models::clusters::{Cluster, ClusterState, ClusterStatus};
use crdb_cloud::models::roles::{OrganizationUserRole, ResourceType};
use serde::{Deserialize, Serialize};

/// Routes of the local admin API.
pub fn router(_app: Shared) -> Router<Shared> {
    Router::new()
        .route("/local/v1/clusters/{cluster_id}/advance", post(advance))
        .route("/local/v1/clusters/{cluster_id}/fail", post(fail))
        .route(
            "/local/v1/clusters/{cluster_id}/backups",
            post(super::backup_admin::take_backup),
        )
        .route(
            "/local/v1/clusters/{cluster_id}/restores/{restore_id}/fail",
            post(super::backup_admin::fail_restore),
        )
        .route(
            "/local/v1/faults",
            get(get_faults).put(put_faults).delete(clear_faults),
        )
        .route("/local/v1/service-accounts", post(create_service_account))
        .route("/local/v1/audit-log", get(audit_log))
        .route("/local/v1/reset", post(reset))
}

/// `POST /local/v1/clusters/{id}/advance`: complete the pending work now,
/// restores into the cluster included.
async fn advance(State(app): State<Shared>, Path(id): Path<String>) -> ApiResult<Json<Cluster>> {
    let cluster = app
        .store
        .mutate_async(move |mem| {
            let now = clock::now();
            let mut row = mem
                .clusters
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found(format!("cluster {id} not found")))?;
            let restores = crate::rules::restores::advance(&mut row, now);
            match &mut row.meta.pending {
                Some(pending) => pending.due_at = Some(now),
                None if restores => {}
                None => return Err(ApiError::precondition("cluster has no pending transition")),
            }
            rules::settle(&mut row, now);
            Ok((row.cluster.clone(), vec![Change::Cluster(Box::new(row))]))
        })
        .await?;
    Ok(Json(cluster))
}

/// `POST /local/v1/clusters/{id}/fail`: a `CREATING` cluster becomes `CREATION_FAILED`.
async fn fail(State(app): State<Shared>, Path(id): Path<String>) -> ApiResult<Json<Cluster>> {
    let cluster = app
        .store
        .mutate_async(move |mem| {
            let mut row = mem
                .clusters
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiError::not_found(format!("cluster {id} not found")))?;
            if row.cluster.state != ClusterState::Creating {
                return Err(ApiError::precondition(format!(
                    "cluster is {}; only a CREATING cluster can fail creation",
                    row.cluster.state
                )));
            }
            row.meta.pending = None;
            row.cluster.state = ClusterState::CreationFailed;
            row.cluster.operation_status = ClusterStatus::Unspecified;
            row.cluster.updated_at = Some(clock::now());
            Ok((row.cluster.clone(), vec![Change::Cluster(Box::new(row))]))
        })
        .await?;
    Ok(Json(cluster))
}

async fn get_faults(State(app): State<Shared>) -> Json<FaultSet> {
    Json(app.faults.get())
}

async fn put_faults(
    State(app): State<Shared>,
    ApiJson(set): ApiJson<FaultSet>,
) -> ApiResult<Json<FaultSet>> {
    set.validate()?;
    app.faults.set(set.clone());
    Ok(Json(set))
}

async fn clear_faults(State(app): State<Shared>) -> Json<FaultSet> {
    app.faults.set(FaultSet::default());
    Json(FaultSet::default())
}

/// Body of `POST /local/v1/service-accounts`.
#[derive(Debug, Deserialize)]
struct NewServiceAccount {
    name: String,
    #[serde(default)]
    roles: Vec<NewGrant>,
}

/// A grant in [`NewServiceAccount`]: the role and resource type must be
/// ones the API knows.
#[derive(Debug, Deserialize)]
struct NewGrant {
    role: OrganizationUserRole,
    resource_type: ResourceType,
    resource_id: String,
}

impl NewGrant {
    fn into_grant(self, i: usize) -> ApiResult<Grant> {
        if !self.role.is_known() {
            return Err(ApiError::invalid(format!(
                "roles[{i}].role: unknown role {:?}",
                self.role.as_str()
            )));
        }
        if !self.resource_type.is_known() {
            return Err(ApiError::invalid(format!(
                "roles[{i}].resource_type: expected ORGANIZATION, FOLDER or CLUSTER, got {:?}",
                self.resource_type.as_str()
            )));
        }
        Ok(Grant {
            role: self.role.to_string(),
            resource_type: self.resource_type.to_string(),
            resource_id: self.resource_id,
        })
    }
}

/// Answer of `POST /local/v1/service-accounts`: the secret, shown once.
#[derive(Debug, Serialize)]
struct CreatedServiceAccount {
    id: String,
    name: String,
    secret: String,
}

async fn create_service_account(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    ApiJson(body): ApiJson<NewServiceAccount>,
) -> ApiResult<Json<CreatedServiceAccount>> {
    sa_rules::validate_name("name", &body.name)?;
    crate::rules::bounds::list("roles", body.roles.len(), crate::rules::bounds::MAX_LIST)?;
    let roles = body
        .roles
        .into_iter()
        .enumerate()
        .map(|(i, g)| g.into_grant(i))
        .collect::<ApiResult<Vec<_>>>()?;
    let name = body.name;
    let created = app
        .store
        .mutate_async(move |mem| {
            // names are unique, so no account can pose as the bootstrap one
            super::service_accounts::check_unique(mem, &name, None)?;
            let sa = ServiceAccountRow {
                id: uuid::Uuid::new_v4().to_string(),
                name,
                description: String::new(),
                creator_name: caller.name.clone(),
                created_at: clock::now(),
                roles,
                bootstrap: false,
            };
            let (_, secret) = auth::generate_secret();
            let changes = vec![
                Change::ServiceAccount(sa.clone()),
                key_change(&sa.id, &sa.name, &secret, false),
            ];
            Ok((
                CreatedServiceAccount {
                    id: sa.id,
                    name: sa.name,
                    secret,
                },
                changes,
            ))
        })
        .await?;
    Ok(Json(created))
}

async fn audit_log(State(app): State<Shared>) -> Json<Vec<AuditRow>> {
    Json(app.store.read(|mem| mem.audit.clone()))
}

/// `POST /local/v1/reset`: everything but the organization and the bootstrap
/// account with its keys is removed.
async fn reset(State(app): State<Shared>) -> ApiResult<Json<serde_json::Value>> {
    let store = app.store.clone();
    tokio::task::spawn_blocking(move || {
        store.reset(|mem| {
            let mut keep = Vec::new();
            if let Some(org) = &mem.org {
                keep.push(Change::Organization(org.clone()));
            }
            for sa in mem.service_accounts.values().filter(|sa| sa.bootstrap) {
                keep.push(Change::ServiceAccount(sa.clone()));
                for key in mem
                    .api_keys
                    .values()
                    .filter(|k| k.service_account_id == sa.id)
                {
                    keep.push(Change::ApiKey(key.clone()));
                }
            }
            keep
        })
    })
    .await
    .map_err(ApiError::internal)??;
    app.faults.set(FaultSet::default());
    Ok(Json(serde_json::json!({})))
}
