//! The Role Management tag: list grants, read, replace, add and remove the
//! roles of a service account (its id is the `user_id`), and look people up
//! by email. Grants take effect on the next request. The local server has no
//! person users: `user_id`s name service accounts, and GetPersonUsersByEmail
//! answers 404 (code 5) for every well-formed email.

use crate::app::Shared;
use crate::audit;
use crate::auth::Caller;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, QueryParams};
use crate::routes::service_accounts::find as find_account;
use crate::rules::pagination::paginate;
use crate::rules::roles as rules;
use crate::store::model::{Change, Grant, Mem};
use axum::Json;
use axum::extract::{Extension, Path, State};
use crdb_cloud::models::clusters::ClusterState;
use crdb_cloud::models::roles::*;
use crdb_cloud::operation as op;

/// The folders a grant's resource sits under: for a folder, itself and its
/// ancestors; for a cluster, its folders; empty otherwise or when gone.
pub fn folders_of(mem: &Mem, grant: &Grant) -> Vec<String> {
    match grant.resource_type.as_str() {
        "FOLDER" => mem.folder_chain(Some(&grant.resource_id)),
        "CLUSTER" => mem
            .clusters
            .get(&grant.resource_id)
            .map(|row| mem.folder_chain(row.cluster.parent_id.as_deref()))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A requested role as a grant on an existing resource (404 when the
/// cluster or folder does not exist), with the folders it sits under.
pub fn resolve_grant(mem: &Mem, role: &BuiltInRole) -> ApiResult<(Grant, Vec<String>)> {
    let org_id = mem.org.as_ref().map(|o| o.id.as_str()).unwrap_or_default();
    let grant = rules::grant_of(role, org_id)?;
    let id = &grant.resource_id;
    match grant.resource_type.as_str() {
        "CLUSTER" => {
            let live = mem
                .clusters
                .get(id)
                .is_some_and(|row| row.cluster.state != ClusterState::Deleted);
            if !live {
                return Err(ApiError::not_found(format!("cluster {id} not found")));
            }
        }
        "FOLDER" if !mem.folders.contains_key(id) => {
            return Err(ApiError::not_found(format!("folder {id} not found")));
        }
        _ => {}
    }
    let folders = folders_of(mem, &grant);
    Ok((grant, folders))
}

fn answer(grants: &[Grant]) -> GetAllRolesForUserResponse {
    GetAllRolesForUserResponse {
        roles: Some(grants.iter().map(rules::role_of).collect()),
        group_roles: Some(Vec::new()),
    }
}

/// The answer of a change to someone's roles, as the caller may see it: all
/// of the target's grants to a caller who may read them (GetAllRolesForUser's
/// roles), else only the grants the caller itself may grant or revoke.
fn answer_for(mem: &Mem, caller: &Caller, grants: &[Grant]) -> GetAllRolesForUserResponse {
    if crate::rbac::check_role(op::GET_ALL_ROLES_FOR_USER.id, &caller.roles).is_ok() {
        return answer(grants);
    }
    let visible: Vec<Grant> = grants
        .iter()
        .filter(|g| rules::may_assign(&caller.roles, g, &folders_of(mem, g)))
        .cloned()
        .collect();
    answer(&visible)
}

fn payload(user_id: &str, roles: &[Grant]) -> Option<String> {
    let roles: Vec<BuiltInRole> = roles.iter().map(rules::role_of).collect();
    serde_json::to_string(&serde_json::json!({"user_id": user_id, "roles": roles})).ok()
}

/// Every account but `user_id` keeps its grants; `user_id` would hold `new`.
fn check_org_admin_kept(mem: &Mem, user_id: &str, new: &[Grant]) -> ApiResult<()> {
    rules::keep_an_org_admin(mem.service_accounts.values().map(|sa| {
        if sa.id == user_id {
            new
        } else {
            sa.roles.as_slice()
        }
    }))
}

/// `GET /api/v1/roles`.
pub async fn list(
    State(app): State<Shared>,
    q: QueryParams,
) -> ApiResult<Json<ListRoleGrantsResponse>> {
    let scope = "roles";
    let req = q.page_request(scope)?;
    let all: Vec<UserRoleGrants> = app.store.read(|mem| {
        mem.service_accounts
            .values()
            .filter(|sa| !sa.roles.is_empty())
            .map(|sa| UserRoleGrants {
                user_id: sa.id.clone(),
                roles: sa.roles.iter().map(rules::role_of).collect(),
            })
            .collect()
    });
    let (grants, pagination) =
        paginate(all, |g| (g.user_id.clone(), g.user_id.clone()), &req, scope);
    Ok(Json(ListRoleGrantsResponse {
        grants: Some(grants),
        user_group_grants: Some(Vec::new()),
        pagination,
    }))
}

/// `GET /api/v1/roles/{user_id}`.
pub async fn get(
    State(app): State<Shared>,
    Path(user_id): Path<String>,
) -> ApiResult<Json<GetAllRolesForUserResponse>> {
    app.store
        .read(|mem| find_account(mem, &user_id).map(|sa| answer(&sa.roles)))
        .map(Json)
}

/// `PUT /api/v1/roles/{user_id}`: replaces every direct grant.
pub async fn set(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(user_id): Path<String>,
    ApiJson(body): ApiJson<SetRolesForUserBody>,
) -> ApiResult<Json<GetAllRolesForUserResponse>> {
    use crate::rules::bounds;
    bounds::list("roles", body.roles.len(), bounds::MAX_LIST)?;
    let roles = app
        .store
        .mutate_async(move |mem| {
            let mut sa = find_account(mem, &user_id)?.clone();
            let mut new = Vec::new();
            for role in &body.roles {
                let (grant, folders) = resolve_grant(mem, role)?;
                if !sa.roles.contains(&grant) {
                    rules::check_assign(&caller.roles, &grant, &folders)?;
                }
                rules::add(&mut new, grant);
            }
            for old in sa.roles.iter().filter(|g| !new.contains(g)) {
                rules::check_assign(&caller.roles, old, &folders_of(mem, old))?;
            }
            check_org_admin_kept(mem, &user_id, &new)?;
            let changed = new.len() != sa.roles.len() || new.iter().any(|g| !sa.roles.contains(g));
            sa.roles = new;
            let mut changes = Vec::new();
            if changed {
                changes.push(Change::ServiceAccount(sa.clone()));
                changes.extend(audit::entries(
                    mem,
                    &caller,
                    &["AUDIT_LOG_ACTION_ASSIGN_USER_ROLE"],
                    None,
                    payload(&user_id, &sa.roles),
                    clock::now(),
                ));
            }
            Ok((answer_for(mem, &caller, &sa.roles), changes))
        })
        .await?;
    Ok(Json(roles))
}

/// The path of AddUserToRole and RemoveUserFromRole.
type RolePath = (String, String, String, String);

fn path_role(resource_type: &str, resource_id: &str, role_name: &str) -> BuiltInRole {
    BuiltInRole {
        name: OrganizationUserRole::from(role_name),
        resource: Resource {
            resource_type: ResourceType::from(resource_type),
            id: Some(resource_id.to_owned()),
        },
    }
}

/// `POST /api/v1/roles/{user_id}/{resource_type}/{resource_id}/{role_name}`.
pub async fn add(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path((user_id, resource_type, resource_id, role_name)): Path<RolePath>,
) -> ApiResult<Json<GetAllRolesForUserResponse>> {
    let roles = app
        .store
        .mutate_async(move |mem| {
            let mut sa = find_account(mem, &user_id)?.clone();
            let role = path_role(&resource_type, &resource_id, &role_name);
            let (grant, folders) = resolve_grant(mem, &role)?;
            rules::check_assign(&caller.roles, &grant, &folders)?;
            let mut changes = Vec::new();
            if rules::add(&mut sa.roles, grant.clone()) {
                changes.push(Change::ServiceAccount(sa.clone()));
                changes.extend(audit::entries(
                    mem,
                    &caller,
                    &["AUDIT_LOG_ACTION_ADD_USER_TO_ROLE"],
                    None,
                    payload(&user_id, &[grant]),
                    clock::now(),
                ));
            }
            Ok((answer_for(mem, &caller, &sa.roles), changes))
        })
        .await?;
    Ok(Json(roles))
}

/// `DELETE /api/v1/roles/{user_id}/{resource_type}/{resource_id}/{role_name}`.
pub async fn remove(
    State(app): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path((user_id, resource_type, resource_id, role_name)): Path<RolePath>,
) -> ApiResult<Json<GetAllRolesForUserResponse>> {
    let roles = app
        .store
        .mutate_async(move |mem| {
            let mut sa = find_account(mem, &user_id)?.clone();
            let org_id = mem.org.as_ref().map(|o| o.id.as_str()).unwrap_or_default();
            let role = path_role(&resource_type, &resource_id, &role_name);
            let grant = rules::grant_of(&role, org_id)?;
            // the right to revoke first: whether the account holds the grant
            // is told only to a caller who could revoke it
            rules::check_assign(&caller.roles, &grant, &folders_of(mem, &grant))?;
            if !sa.roles.contains(&grant) {
                return Err(ApiError::not_found(format!(
                    "service account {user_id} does not hold {role_name} on {resource_type} {resource_id}"
                )));
            }
            sa.roles.retain(|g| g != &grant);
            check_org_admin_kept(mem, &user_id, &sa.roles)?;
            let mut changes = vec![Change::ServiceAccount(sa.clone())];
            changes.extend(audit::entries(
                mem,
                &caller,
                &["AUDIT_LOG_ACTION_REMOVE_USER_FROM_ROLE"],
                None,
                payload(&user_id, &[grant]),
                clock::now(),
            ));
            Ok((answer_for(mem, &caller, &sa.roles), changes))
        })
        .await?;
    Ok(Json(roles))
}

/// `GET /api/v1/users/persons-by-email`: 400 without a plausible email,
/// else 404 (the local server has no person users).
pub async fn person_by_email(q: QueryParams) -> ApiResult<Json<GetPersonUsersByEmailResponse>> {
    let email = q.get("email").map(str::trim).unwrap_or_default();
    if email.is_empty() {
        return Err(ApiError::invalid("email: required"));
    }
    let plausible = email
        .split_once('@')
        .is_some_and(|(user, domain)| !user.is_empty() && !domain.is_empty());
    if !plausible {
        return Err(ApiError::invalid(format!(
            "email: not an email address: {email:?}"
        )));
    }
    Err(ApiError::not_found(format!(
        "no person user has the email {email:?}; the local server has service accounts only"
    )))
}
