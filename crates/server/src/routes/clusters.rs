//! The Clusters tag: list, create, get, update, delete, nodes, versions,
//! regions and connection strings.

use super::scoped;
use crate::app::Shared;
use crate::audit;
use crate::auth::Caller;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, QueryParams};
use crate::rbac::{self, Target};
use crate::rules::pagination::{paginate, paginate_index, paginate_sorted};
use crate::rules::{catalog, cluster as rules, update};
use crate::store::model::{Change, ClusterRow, Grant, Mem};
use axum::Json;
use axum::extract::{Extension, Path, State};
use crdb_cloud::Timestamp;
use crdb_cloud::models::clusters::*;
use crdb_cloud::models::common::CloudProvider;
use crdb_cloud::operation as op;

/// A cluster the caller may see for `op`, with due work settled; 404 otherwise.
pub fn visible(
    mem: &Mem,
    caller: &Caller,
    op: &str,
    id: &str,
    now: Timestamp,
) -> ApiResult<ClusterRow> {
    let mut row = visible_row(mem, caller, op, id)?.clone();
    rules::settle(&mut row, now);
    Ok(row)
}

/// Like [`visible`], but only the cluster: reads need not copy its data.
pub fn visible_cluster(
    mem: &Mem,
    caller: &Caller,
    op: &str,
    id: &str,
    now: Timestamp,
) -> ApiResult<Cluster> {
    let row = visible_row(mem, caller, op, id)?;
    Ok(rules::settled_cluster(row, now))
}

/// The stored row of a cluster the caller may see for `op`; 404 otherwise.
fn visible_row<'m>(mem: &'m Mem, caller: &Caller, op: &str, id: &str) -> ApiResult<&'m ClusterRow> {
    let not_found = || ApiError::not_found(format!("cluster {id} not found"));
    let row = mem.clusters.get(id).ok_or_else(not_found)?;
    let folders = mem.folder_chain(row.cluster.parent_id.as_deref());
    let target = Target {
        cluster_id: Some(id),
        folders: &folders,
    };
    if !rbac::covers(op, &caller.roles, &target) {
        return Err(not_found());
    }
    Ok(row)
}

/// Like [`visible`], but a deleted cluster is not found (for mutations).
pub fn live(
    mem: &Mem,
    caller: &Caller,
    op: &str,
    id: &str,
    now: Timestamp,
) -> ApiResult<ClusterRow> {
    let row = visible(mem, caller, op, id, now)?;
    if row.cluster.state == ClusterState::Deleted {
        return Err(ApiError::not_found(format!("cluster {id} not found")));
    }
    Ok(row)
}

/// 404 unless `parent_id` is absent, empty, `root` or a folder the caller
/// may see (one it may not see answers as a made-up id does).
fn check_folder(mem: &Mem, caller: &Caller, parent_id: Option<&str>) -> ApiResult<()> {
    match parent_id {
        None | Some("") | Some("root") => Ok(()),
        Some(id)
            if mem.folders.contains_key(id)
                && rbac::sees_folder(&caller.roles, &mem.folder_chain(Some(id))) =>
        {
            Ok(())
        }
        Some(id) => Err(ApiError::not_found(format!("folder {id} not found"))),
    }
}

fn ts_key(t: Option<&Timestamp>) -> String {
    crate::store::model::timestamp_key(t)
}

/// `GET /api/v1/clusters`.
pub async fn list(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    q: QueryParams,
) -> ApiResult<Json<ListClustersResponse>> {
    let show_inactive = q.bool("show_inactive")?.unwrap_or(false);
    let sort_by = q
        .one_of("pagination.sort_by", &["NAME", "CREATED_AT", "DELETED_AT"])?
        .unwrap_or("NAME");
    let scope = format!("clusters/{sort_by}/{show_inactive}");
    let req = q.page_request(&scope)?;
    let now = clock::now();
    let listed = |mem: &Mem, row: &ClusterRow| {
        (show_inactive
            || !matches!(
                row.cluster.state,
                ClusterState::Deleted | ClusterState::CreationFailed
            ))
            && rbac::covers(
                op::LIST_CLUSTERS.id,
                &caller.roles,
                &Target {
                    cluster_id: Some(&row.cluster.id),
                    folders: &mem.folder_chain(row.cluster.parent_id.as_deref()),
                },
            )
    };
    let settled = |row: &ClusterRow| rules::settled_cluster(row, now);
    let (clusters, pagination) = app.store.read(|mem| {
        let index = match sort_by {
            "CREATED_AT" => Some(&mem.clusters_by_created),
            "NAME" => Some(&mem.clusters_by_name),
            _ => None,
        };
        match index {
            Some(index) => paginate_index(index, &req, &scope, |(_, id)| {
                mem.clusters
                    .get(id)
                    .filter(|row| listed(mem, row))
                    .map(settled)
            }),
            // Deleted-at order changes as clusters are deleted; rare enough
            // to sort on demand.
            None => {
                let rows: Vec<Cluster> = mem
                    .clusters
                    .values()
                    .filter(|r| listed(mem, r))
                    .map(settled)
                    .collect();
                let key = |c: &Cluster| {
                    (
                        ts_key(c.deleted_at.as_ref().or(c.created_at.as_ref())),
                        c.id.clone(),
                    )
                };
                paginate(rows, key, &req, &scope)
            }
        }
    });
    Ok(Json(ListClustersResponse {
        clusters,
        pagination,
    }))
}

/// `POST /api/v1/clusters`.
pub async fn create(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    ApiJson(body): ApiJson<CreateClusterRequest>,
) -> ApiResult<Json<Cluster>> {
    let transitions = app.transitions;
    let cluster = app
        .store
        .mutate_async(move |mem| {
            let now = clock::now();
            check_folder(mem, &caller, body.spec.parent_id.as_deref())?;
            let folders = mem.folder_chain(body.spec.parent_id.as_deref());
            let target = Target {
                cluster_id: None,
                folders: &folders,
            };
            if !rbac::covers(op::CREATE_CLUSTER.id, &caller.roles, &target) {
                return Err(ApiError::permission_denied(
                    "the caller's roles do not allow creating clusters here",
                ));
            }
            let new = rules::NewCluster {
                id: uuid::Uuid::new_v4().to_string(),
                creator_id: caller.service_account_id.clone(),
                now,
                due_at: clock::due_at(transitions, now),
            };
            let row = rules::build_cluster(&body, &new)?;
            if mem.active_names.contains_key(&row.cluster.name) {
                return Err(ApiError::already_exists(format!(
                    "a cluster named {:?} already exists",
                    row.cluster.name
                )));
            }
            let mut changes = vec![Change::Cluster(Box::new(row.clone()))];
            // A creator without cluster admin rights here becomes its admin.
            let cluster_target = Target {
                cluster_id: Some(&row.cluster.id),
                folders: &folders,
            };
            if !rbac::covers(op::DELETE_CLUSTER.id, &caller.roles, &cluster_target)
                && let Some(sa) = mem.service_accounts.get(&caller.service_account_id)
            {
                let mut sa = sa.clone();
                sa.roles.push(Grant {
                    role: "CLUSTER_ADMIN".into(),
                    resource_type: "CLUSTER".into(),
                    resource_id: row.cluster.id.clone(),
                });
                changes.push(Change::ServiceAccount(sa));
            }
            changes.extend(audit::entries(
                mem,
                &caller,
                &["AUDIT_LOG_ACTION_CREATE_CLUSTER"],
                Some(&row.cluster),
                audit::payload(&body),
                now,
            ));
            Ok((row.cluster, changes))
        })
        .await?;
    Ok(Json(cluster))
}

/// `GET /api/v1/clusters/{cluster_id}`.
pub async fn get(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Cluster>> {
    let now = clock::now();
    app.store
        .read(|mem| visible_cluster(mem, &caller, op::GET_CLUSTER.id, &id, now))
        .map(Json)
}

/// `PATCH /api/v1/clusters/{cluster_id}`.
pub async fn update(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateClusterSpecification>,
) -> ApiResult<Json<Cluster>> {
    let audit_payload = audit::payload(&body);
    let cluster = scoped::mutate(
        &app,
        caller,
        op::UPDATE_CLUSTER.id,
        id,
        audit_payload,
        move |row, ctx| {
            check_folder(ctx.mem, ctx.caller, body.parent_id.as_deref())?;
            if let Some(parent) = body.parent_id.as_deref() {
                // moving needs the caller's roles on the destination too
                let folders = ctx.mem.folder_chain(Some(parent));
                let dest = Target {
                    cluster_id: None,
                    folders: &folders,
                };
                if !rbac::covers(op::UPDATE_CLUSTER.id, &ctx.caller.roles, &dest) {
                    return Err(ApiError::permission_denied(
                        "the caller's roles do not allow moving the cluster there",
                    ));
                }
            }
            let actions = update::apply_update(row, &body, ctx.now, ctx.due_at)?;
            Ok((row.cluster.clone(), actions))
        },
    )
    .await?;
    Ok(Json(cluster))
}

/// `DELETE /api/v1/clusters/{cluster_id}`.
pub async fn delete(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Cluster>> {
    let cluster = scoped::mutate(&app, caller, op::DELETE_CLUSTER.id, id, None, |row, ctx| {
        rules::check_deletable(&row.cluster)?;
        rules::mark_deleted(row, ctx.now);
        Ok((row.cluster.clone(), vec!["AUDIT_LOG_ACTION_DELETE_CLUSTER"]))
    })
    .await?;
    Ok(Json(cluster))
}

/// `GET /api/v1/clusters/{cluster_id}/connection-string`.
pub async fn connection_string(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    q: QueryParams,
) -> ApiResult<Json<GetConnectionStringResponse>> {
    let database = q
        .get("database")
        .filter(|d| !d.is_empty())
        .unwrap_or("defaultdb")
        .to_owned();
    let user = q
        .get("sql_user")
        .filter(|u| !u.is_empty())
        .map(str::to_owned);
    let os = q.one_of("os", &["MAC", "LINUX", "WINDOWS"])?;
    let now = clock::now();
    let row = app
        .store
        .read(|mem| live(mem, &caller, op::GET_CONNECTION_STRING.id, &id, now))?;
    let host = row
        .cluster
        .regions
        .first()
        .map(|r| r.sql_dns.clone())
        .or(row.cluster.sql_dns.clone())
        .unwrap_or_default();
    let root_cert = match os {
        Some("WINDOWS") => "%APPDATA%\\postgresql\\root.crt",
        _ => "$HOME/.postgresql/root.crt",
    };
    let auth = user.as_deref().map(|u| format!("{u}@")).unwrap_or_default();
    let connection_string = format!(
        "postgresql://{auth}{host}:26257/{database}?sslmode=verify-full&sslrootcert={root_cert}"
    );
    Ok(Json(GetConnectionStringResponse {
        connection_string,
        params: ConnectionStringParameters {
            database,
            host,
            port: "26257".into(),
            username: user,
        },
    }))
}

/// `GET /api/v1/clusters/{cluster_id}/nodes`.
pub async fn list_nodes(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    q: QueryParams,
) -> ApiResult<Json<ListClusterNodesResponse>> {
    let scope = format!("nodes/{id}");
    let req = q.page_request(&scope)?;
    let region = q.get("region_name").filter(|r| !r.is_empty());
    let now = clock::now();
    let row = app
        .store
        .read(|mem| visible(mem, &caller, op::LIST_CLUSTER_NODES.id, &id, now))?;
    let nodes = rules::nodes(&row).filter(|n| region.is_none_or(|r| n.region_name == r));
    let (nodes, pagination) = paginate_sorted(
        nodes,
        |n| (n.region_name.clone(), n.name.clone()),
        &req,
        &scope,
    );
    Ok(Json(ListClusterNodesResponse { nodes, pagination }))
}

/// `GET /api/v1/cluster-versions`.
pub async fn list_versions(q: QueryParams) -> ApiResult<Json<ListMajorClusterVersionsResponse>> {
    let scope = "versions";
    let req = q.page_request(scope)?;
    let versions: Vec<(usize, ClusterMajorVersion)> =
        catalog::major_versions().into_iter().enumerate().collect();
    let (versions, pagination) = paginate(
        versions,
        |(i, v)| (format!("{i:04}"), v.version.clone()),
        &req,
        scope,
    );
    Ok(Json(ListMajorClusterVersionsResponse {
        versions: versions.into_iter().map(|(_, v)| v).collect(),
        pagination,
    }))
}

/// `GET /api/v1/clusters/available-regions`.
pub async fn list_regions(q: QueryParams) -> ApiResult<Json<ListAvailableRegionsResponse>> {
    let provider = q.one_of("provider", &["GCP", "AWS", "AZURE"])?;
    let serverless = q.bool("serverless")?.unwrap_or(false);
    let scope = format!("regions/{}/{serverless}", provider.unwrap_or("ALL"));
    let req = q.page_request(&scope)?;
    let regions: Vec<CloudProviderRegion> = catalog::REGIONS
        .iter()
        .filter(|r| provider.is_none_or(|p| p == r.0))
        .filter(|r| !serverless || r.3)
        .map(|r| CloudProviderRegion {
            name: r.1.to_owned(),
            location: r.2.to_owned(),
            provider: CloudProvider::from(r.0),
            serverless: r.3,
            distance: r.4,
        })
        .collect();
    let (regions, pagination) = paginate(
        regions,
        |r| {
            (
                format!("{:012.3}", r.distance),
                format!("{}/{}", r.provider, r.name),
            )
        },
        &req,
        &scope,
    );
    Ok(Json(ListAvailableRegionsResponse {
        regions,
        pagination,
    }))
}
