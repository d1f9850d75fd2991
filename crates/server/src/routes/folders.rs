//! The Folders tag: list (by name, optional path filter), create, get,
//! update (rename, move, relabel), delete (only empty folders; answers `{}`)
//! and list contents (folders by name, then clusters by name; `root` for the
//! top level). A folder the caller's roles do not reach is not found.

use crate::app::Shared;
use crate::audit;
use crate::auth::Caller;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, QueryParams};
use crate::rbac::{self, Target};
use crate::rules::folders::{self as rules, ROOT};
use crate::rules::pagination::paginate;
use crate::store::model::{Change, FolderRow, Mem};
use axum::Json;
use axum::extract::{Extension, Path, State};
use crdb_cloud::models::clusters::ClusterState;
use crdb_cloud::models::common::Empty;
use crdb_cloud::models::folders::*;
use crdb_cloud::operation as op;

fn org_id(mem: &Mem) -> String {
    mem.org.as_ref().map(|o| o.id.clone()).unwrap_or_default()
}

/// Whether the caller's roles for `op` reach a folder (or the top level).
fn reaches(mem: &Mem, caller: &Caller, op: &str, folder_id: &str) -> bool {
    let folders = mem.folder_chain(Some(folder_id));
    rbac::covers(
        op,
        &caller.roles,
        &Target {
            cluster_id: None,
            folders: &folders,
        },
    )
}

fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("folder {id} not found"))
}

/// A folder the caller may act on with `op`: 404 when it does not exist or
/// the caller cannot even see it, 403 when it can see but not act.
fn folder_for<'a>(mem: &'a Mem, caller: &Caller, op: &str, id: &str) -> ApiResult<&'a FolderRow> {
    let folder = mem.folders.get(id).ok_or_else(|| not_found(id))?;
    if reaches(mem, caller, op, id) {
        return Ok(folder);
    }
    if reaches(mem, caller, op::GET_FOLDER.id, id) {
        return Err(ApiError::permission_denied(format!(
            "the caller's roles do not allow {op} on folder {id}"
        )));
    }
    Err(not_found(id))
}

/// 404 unless `parent` is `root` or an existing folder; 403 unless the
/// caller's roles for `op` reach it.
fn check_parent(mem: &Mem, caller: &Caller, op: &str, parent: &str) -> ApiResult<()> {
    if parent != ROOT
        && !(mem.folders.contains_key(parent)
            && rbac::sees_folder(&caller.roles, &mem.folder_chain(Some(parent))))
    {
        return Err(ApiError::not_found(format!(
            "parent_id: folder {parent} not found"
        )));
    }
    if !reaches(mem, caller, op, parent) {
        return Err(ApiError::permission_denied(format!(
            "the caller's roles do not allow {op} in {parent}"
        )));
    }
    Ok(())
}

fn check_sibling_name(mem: &Mem, parent: &str, name: &str, except: Option<&str>) -> ApiResult<()> {
    let taken = mem
        .folders
        .values()
        .any(|f| f.parent_id == parent && f.name == name && Some(f.id.as_str()) != except);
    if taken {
        return Err(ApiError::already_exists(format!(
            "a folder named {name:?} already exists in {parent}"
        )));
    }
    Ok(())
}

/// `GET /api/v1/folders`.
pub async fn list(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    q: QueryParams,
) -> ApiResult<Json<ListFoldersResponse>> {
    let filter = q.get("path").map(str::to_owned);
    let scope = format!("folders/{}", filter.as_deref().unwrap_or(""));
    let req = q.page_request(&scope)?;
    let all: Vec<FolderResource> = app.store.read(|mem| {
        let org = org_id(mem);
        let names = filter.as_deref().map(rules::path_names);
        mem.folders
            .values()
            .filter(|f| reaches(mem, &caller, op::LIST_FOLDERS.id, &f.id))
            .filter(|f| {
                names
                    .as_ref()
                    .is_none_or(|n| rules::matches_path(&mem.folders, f, n))
            })
            .map(|f| rules::folder_resource(&mem.folders, f, &org))
            .collect()
    });
    let (folders, pagination) = paginate(
        all,
        |f| (f.name.clone(), f.resource_id.clone()),
        &req,
        &scope,
    );
    Ok(Json(ListFoldersResponse {
        folders,
        pagination,
    }))
}

/// `POST /api/v1/folders`.
pub async fn create(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    ApiJson(body): ApiJson<CreateFolderRequest>,
) -> ApiResult<Json<FolderResource>> {
    rules::validate_name(&body.name)?;
    if let Some(labels) = &body.labels {
        crate::rules::bounds::labels("labels", labels)?;
    }
    let folder = app
        .store
        .mutate_async(move |mem| {
            let parent = rules::parent_of(body.parent_id.as_deref());
            check_parent(mem, &caller, op::CREATE_FOLDER.id, &parent)?;
            check_sibling_name(mem, &parent, &body.name, None)?;
            let now = clock::now();
            let row = FolderRow {
                id: uuid::Uuid::new_v4().to_string(),
                name: body.name.clone(),
                parent_id: parent,
                labels: body.labels.clone().unwrap_or_default(),
                created_at: now,
            };
            let resource = rules::folder_resource(&mem.folders, &row, &org_id(mem));
            let mut changes = vec![Change::Folder(row)];
            changes.extend(audit::entries(
                mem,
                &caller,
                &["AUDIT_LOG_ACTION_CREATE_FOLDER"],
                None,
                audit::payload(&resource),
                now,
            ));
            Ok((resource, changes))
        })
        .await?;
    Ok(Json(folder))
}

/// `GET /api/v1/folders/{folder_id}`.
pub async fn get(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<FolderResource>> {
    app.store
        .read(|mem| {
            let folder = folder_for(mem, &caller, op::GET_FOLDER.id, &id)?;
            Ok(rules::folder_resource(&mem.folders, folder, &org_id(mem)))
        })
        .map(Json)
}

/// `PATCH /api/v1/folders/{folder_id}`.
pub async fn update(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateFolderSpecification>,
) -> ApiResult<Json<FolderResource>> {
    if let Some(name) = &body.name {
        rules::validate_name(name)?;
    }
    let folder = app
        .store
        .mutate_async(move |mem| {
            let mut row = folder_for(mem, &caller, op::UPDATE_FOLDER.id, &id)?.clone();
            if let Some(parent) = &body.parent_id {
                let parent = rules::parent_of(Some(parent));
                check_parent(mem, &caller, op::UPDATE_FOLDER.id, &parent)?;
                rules::check_no_cycle(&mem.folders, &id, &parent)?;
                row.parent_id = parent;
            }
            if let Some(name) = &body.name {
                row.name = name.clone();
            }
            check_sibling_name(mem, &row.parent_id, &row.name, Some(&id))?;
            if let Some(labels) = &body.labels {
                crate::rules::bounds::labels("labels", labels)?;
                row.labels = labels.clone();
            }
            let changed = mem.folders.get(&id) != Some(&row);
            let mut changes = Vec::new();
            if changed {
                changes.push(Change::Folder(row.clone()));
            }
            // the answer's path must reflect a move: build it on the new tree
            let mut tree = mem.folders.clone();
            tree.insert(row.id.clone(), row.clone());
            let resource = rules::folder_resource(&tree, &row, &org_id(mem));
            if changed {
                changes.extend(audit::entries(
                    mem,
                    &caller,
                    &["AUDIT_LOG_ACTION_UPDATE_FOLDER"],
                    None,
                    audit::payload(&resource),
                    clock::now(),
                ));
            }
            Ok((resource, changes))
        })
        .await?;
    Ok(Json(folder))
}

/// `DELETE /api/v1/folders/{folder_id}`: only an empty folder.
pub async fn delete(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Empty>> {
    app.store
        .mutate_async(move |mem| {
            let row = folder_for(mem, &caller, op::DELETE_FOLDER.id, &id)?.clone();
            let folders = mem.folders.values().filter(|f| f.parent_id == id).count();
            let clusters = mem
                .clusters
                .values()
                .filter(|c| c.cluster.parent_id.as_deref() == Some(id.as_str()))
                .filter(|c| c.cluster.state != ClusterState::Deleted)
                .count();
            if folders + clusters > 0 {
                return Err(ApiError::precondition(format!(
                    "folder {id} is not empty: it holds {folders} folder(s) and {clusters} cluster(s)"
                )));
            }
            let resource = rules::folder_resource(&mem.folders, &row, &org_id(mem));
            let mut changes = vec![Change::RemoveFolder(row)];
            changes.extend(audit::entries(
                mem,
                &caller,
                &["AUDIT_LOG_ACTION_DELETE_FOLDER"],
                None,
                audit::payload(&resource),
                clock::now(),
            ));
            Ok((Empty {}, changes))
        })
        .await
        .map(Json)
}

/// `GET /api/v1/folders/{folder_id}/contents`.
pub async fn contents(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    q: QueryParams,
) -> ApiResult<Json<FolderResourceList>> {
    let scope = format!("contents/{id}");
    let req = q.page_request(&scope)?;
    let op_id = op::LIST_FOLDER_CONTENTS.id;
    let items: Vec<(String, FolderResource)> = app.store.read(|mem| {
        if id != ROOT {
            // a folder out of the caller's reach is not found, not empty
            folder_for(mem, &caller, op_id, &id)?;
        }
        let org = org_id(mem);
        let mut items = Vec::new();
        for f in mem.folders.values().filter(|f| f.parent_id == id) {
            if reaches(mem, &caller, op_id, &f.id) {
                let key = format!("0{}", f.name);
                items.push((key, rules::folder_resource(&mem.folders, f, &org)));
            }
        }
        for row in mem.clusters.values() {
            let c = &row.cluster;
            let parent = c.parent_id.as_deref().unwrap_or(ROOT);
            if parent != id
                || matches!(
                    c.state,
                    ClusterState::Deleted | ClusterState::CreationFailed
                )
            {
                continue;
            }
            let folders = mem.folder_chain(Some(parent));
            let target = Target {
                cluster_id: Some(&c.id),
                folders: &folders,
            };
            if rbac::covers(op_id, &caller.roles, &target) {
                let key = format!("1{}", c.name);
                items.push((key, rules::cluster_resource(&mem.folders, c, &org)));
            }
        }
        Ok::<_, ApiError>(items)
    })?;
    let (items, pagination) = paginate(
        items,
        |(key, r)| (key.clone(), r.resource_id.clone()),
        &req,
        &scope,
    );
    Ok(Json(FolderResourceList {
        resources: Some(items.into_iter().map(|(_, r)| r).collect()),
        pagination,
    }))
}
