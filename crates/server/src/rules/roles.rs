//! Roles: the mapping between the server's stored [`Grant`] and the SDK's
//! `BuiltInRole`, which roles may be granted on which kind of resource, and
//! the role-assignment rules.
//!
//! Role-assignment rules (who may grant or revoke a role):
//! - `ORG_ADMIN` on the organization may grant and revoke anything;
//! - `CLUSTER_ADMIN` may grant and revoke cluster roles on clusters it
//!   administers (through an organization, folder or cluster grant);
//! - `FOLDER_ADMIN` may grant and revoke folder and cluster roles on the
//!   folders it administers, their sub-folders and their clusters;
//! - anything else is 403, code 7.
//!
//! The organization must keep at least one `ORG_ADMIN` service account
//! (removing the last one is 400, code 9).

use crate::error::{ApiError, ApiResult};
use crate::store::model::Grant;
use crdb_cloud::models::roles::{BuiltInRole, OrganizationUserRole, Resource, ResourceType};

/// Roles that apply to clusters (grantable on the organization, a folder or a cluster).
pub const CLUSTER_ROLES: &[&str] = &[
    "CLUSTER_ADMIN",
    "CLUSTER_OPERATOR_WRITER",
    "CLUSTER_DEVELOPER",
    "CLUSTER_MONITOR",
    "METRICS_VIEWER",
];

/// Roles grantable on a folder besides [`CLUSTER_ROLES`].
pub const FOLDER_ROLES: &[&str] = &["FOLDER_ADMIN", "FOLDER_MOVER", "CLUSTER_CREATOR"];

/// Whether `role` may be granted on a resource of kind `resource_type`.
pub fn role_fits(role: &str, resource_type: &str) -> bool {
    match resource_type {
        "ORGANIZATION" => OrganizationUserRole::from(role).is_known(),
        "FOLDER" => FOLDER_ROLES.contains(&role) || CLUSTER_ROLES.contains(&role),
        "CLUSTER" => CLUSTER_ROLES.contains(&role),
        _ => false,
    }
}

/// A requested role as a grant: known role and resource kind, a role that
/// fits the resource, organization ids normalized to `org_id`. Whether the
/// folder or cluster exists is the caller's check.
pub fn grant_of(role: &BuiltInRole, org_id: &str) -> ApiResult<Grant> {
    let name = role.name.as_str();
    if !role.name.is_known() {
        return Err(ApiError::invalid(format!(
            "role name: unknown role {name:?}"
        )));
    }
    let kind = role.resource.resource_type.as_str();
    if !role.resource.resource_type.is_known() {
        return Err(ApiError::invalid(format!(
            "resource type: expected ORGANIZATION, CLUSTER or FOLDER, got {kind:?}"
        )));
    }
    if !role_fits(name, kind) {
        return Err(ApiError::invalid(format!(
            "role {name} cannot be granted on a {kind}"
        )));
    }
    let id = role.resource.id.clone().unwrap_or_default();
    let resource_id = match role.resource.resource_type {
        ResourceType::Organization => {
            if !id.is_empty() && id != org_id {
                return Err(ApiError::not_found(format!("organization {id} not found")));
            }
            org_id.to_owned()
        }
        _ if id.is_empty() => {
            return Err(ApiError::invalid(format!(
                "resource id: required for a {kind}"
            )));
        }
        _ => id,
    };
    Ok(Grant {
        role: name.to_owned(),
        resource_type: kind.to_owned(),
        resource_id,
    })
}

/// A stored grant as the API shows it (the organization scope without an id,
/// as in the spec's examples).
pub fn role_of(grant: &Grant) -> BuiltInRole {
    let resource = match grant.resource_type.as_str() {
        "ORGANIZATION" => Resource::organization(),
        kind => Resource {
            resource_type: ResourceType::from(kind),
            id: Some(grant.resource_id.clone()),
        },
    };
    BuiltInRole {
        name: OrganizationUserRole::from(grant.role.as_str()),
        resource,
    }
}

/// Whether a caller holding `caller` may grant or revoke `grant`, whose
/// resource sits under `folders` (for a folder grant: the folder itself and
/// its ancestors; for a cluster grant: the cluster's folders).
pub fn may_assign(caller: &[Grant], grant: &Grant, folders: &[String]) -> bool {
    let is = |c: &Grant, role: &str| c.role == role;
    if caller
        .iter()
        .any(|c| is(c, "ORG_ADMIN") && c.resource_type == "ORGANIZATION")
    {
        return true;
    }
    let reaches = |c: &Grant| match c.resource_type.as_str() {
        "ORGANIZATION" => true,
        "FOLDER" => folders.contains(&c.resource_id),
        "CLUSTER" => grant.resource_type == "CLUSTER" && grant.resource_id == c.resource_id,
        _ => false,
    };
    let role = grant.role.as_str();
    match grant.resource_type.as_str() {
        "CLUSTER" => {
            CLUSTER_ROLES.contains(&role)
                && caller
                    .iter()
                    .any(|c| (is(c, "CLUSTER_ADMIN") || is(c, "FOLDER_ADMIN")) && reaches(c))
        }
        "FOLDER" => {
            (FOLDER_ROLES.contains(&role) || CLUSTER_ROLES.contains(&role))
                && caller
                    .iter()
                    .any(|c| is(c, "FOLDER_ADMIN") && c.resource_type != "CLUSTER" && reaches(c))
        }
        _ => false,
    }
}

/// 403 (code 7) unless the caller may grant or revoke `grant`.
pub fn check_assign(caller: &[Grant], grant: &Grant, folders: &[String]) -> ApiResult<()> {
    if may_assign(caller, grant, folders) {
        Ok(())
    } else {
        Err(ApiError::permission_denied(format!(
            "the caller's roles do not allow granting or revoking {} on {} {}",
            grant.role, grant.resource_type, grant.resource_id
        )))
    }
}

/// Whether a set of grants makes its holder an organization admin.
pub fn is_org_admin(grants: &[Grant]) -> bool {
    grants
        .iter()
        .any(|g| g.role == "ORG_ADMIN" && g.resource_type == "ORGANIZATION")
}

/// 400 (code 9) when no account would be left holding `ORG_ADMIN`.
pub fn keep_an_org_admin<'a>(all: impl IntoIterator<Item = &'a [Grant]>) -> ApiResult<()> {
    if all.into_iter().any(is_org_admin) {
        Ok(())
    } else {
        Err(ApiError::precondition(
            "the organization must keep at least one ORG_ADMIN",
        ))
    }
}

/// Adds `grant` unless already held; whether anything changed.
pub fn add(grants: &mut Vec<Grant>, grant: Grant) -> bool {
    if grants.contains(&grant) {
        return false;
    }
    grants.push(grant);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(role: &str, rt: &str, id: &str) -> Grant {
        Grant {
            role: role.into(),
            resource_type: rt.into(),
            resource_id: id.into(),
        }
    }

    #[test]
    fn roles_fit_their_resources() {
        assert!(role_fits("ORG_ADMIN", "ORGANIZATION"));
        assert!(role_fits("BILLING_VIEWER", "ORGANIZATION"));
        assert!(!role_fits("ORG_ADMIN", "FOLDER"));
        assert!(role_fits("FOLDER_MOVER", "FOLDER"));
        assert!(role_fits("CLUSTER_DEVELOPER", "FOLDER"));
        assert!(!role_fits("FOLDER_ADMIN", "CLUSTER"));
        assert!(role_fits("CLUSTER_MONITOR", "CLUSTER"));
        assert!(!role_fits("CLUSTER_ADMIN", "PROJECT"));
    }

    #[test]
    fn grants_are_validated_and_organizations_normalized() {
        let role = |name: &str, resource: Resource| BuiltInRole {
            name: OrganizationUserRole::from(name),
            resource,
        };
        let org = grant_of(&role("ORG_ADMIN", Resource::organization()), "org-1").unwrap();
        assert_eq!(org, g("ORG_ADMIN", "ORGANIZATION", "org-1"));
        assert_eq!(role_of(&org), role("ORG_ADMIN", Resource::organization()));
        let explicit = Resource {
            resource_type: ResourceType::Organization,
            id: Some("org-1".into()),
        };
        assert_eq!(
            grant_of(&role("ORG_MEMBER", explicit), "org-1")
                .unwrap()
                .resource_id,
            "org-1"
        );
        let other = Resource {
            resource_type: ResourceType::Organization,
            id: Some("org-2".into()),
        };
        assert_eq!(
            grant_of(&role("ORG_MEMBER", other), "org-1")
                .unwrap_err()
                .code,
            5
        );
        let c = grant_of(&role("CLUSTER_ADMIN", Resource::cluster("c1")), "o").unwrap();
        assert_eq!(role_of(&c), role("CLUSTER_ADMIN", Resource::cluster("c1")));
        for bad in [
            role("OWNER", Resource::organization()),
            role("ORG_ADMIN", Resource::cluster("c1")),
            role(
                "CLUSTER_ADMIN",
                Resource {
                    resource_type: ResourceType::Cluster,
                    id: None,
                },
            ),
            role(
                "CLUSTER_ADMIN",
                Resource {
                    resource_type: ResourceType::from("PROJECT"),
                    id: Some("p".into()),
                },
            ),
        ] {
            assert_eq!(grant_of(&bad, "o").unwrap_err().code, 3, "{bad:?}");
        }
    }

    #[test]
    fn org_admins_assign_anything() {
        let oa = [g("ORG_ADMIN", "ORGANIZATION", "o")];
        assert!(may_assign(&oa, &g("ORG_ADMIN", "ORGANIZATION", "o"), &[]));
        assert!(may_assign(
            &oa,
            &g("FOLDER_ADMIN", "FOLDER", "f"),
            &["f".into()]
        ));
        // ORG_ADMIN held on a folder is not an organization admin
        let odd = [g("ORG_ADMIN", "FOLDER", "f")];
        assert!(!may_assign(
            &odd,
            &g("CLUSTER_ADMIN", "CLUSTER", "c"),
            &["f".into()]
        ));
    }

    #[test]
    fn cluster_admins_assign_cluster_roles_on_their_clusters() {
        let ca = [g("CLUSTER_ADMIN", "CLUSTER", "c1")];
        assert!(may_assign(
            &ca,
            &g("CLUSTER_DEVELOPER", "CLUSTER", "c1"),
            &[]
        ));
        assert!(!may_assign(
            &ca,
            &g("CLUSTER_DEVELOPER", "CLUSTER", "c2"),
            &[]
        ));
        assert!(!may_assign(
            &ca,
            &g("CLUSTER_ADMIN", "ORGANIZATION", "o"),
            &[]
        ));
        assert!(!may_assign(
            &ca,
            &g("FOLDER_ADMIN", "FOLDER", "f"),
            &["f".into()]
        ));
        let org_ca = [g("CLUSTER_ADMIN", "ORGANIZATION", "o")];
        assert!(may_assign(
            &org_ca,
            &g("CLUSTER_ADMIN", "CLUSTER", "c9"),
            &[]
        ));
        assert!(!may_assign(
            &org_ca,
            &g("ORG_MEMBER", "ORGANIZATION", "o"),
            &[]
        ));
        let folder_ca = [g("CLUSTER_ADMIN", "FOLDER", "f")];
        assert!(may_assign(
            &folder_ca,
            &g("CLUSTER_MONITOR", "CLUSTER", "c"),
            &["f".into()]
        ));
        assert!(!may_assign(
            &folder_ca,
            &g("CLUSTER_MONITOR", "CLUSTER", "c"),
            &[]
        ));
    }

    #[test]
    fn folder_admins_assign_within_their_folders() {
        let fa = [g("FOLDER_ADMIN", "FOLDER", "f")];
        let inside: Vec<String> = vec!["sub".into(), "f".into()];
        assert!(may_assign(
            &fa,
            &g("FOLDER_MOVER", "FOLDER", "sub"),
            &inside
        ));
        assert!(may_assign(
            &fa,
            &g("FOLDER_ADMIN", "FOLDER", "f"),
            &["f".into()]
        ));
        assert!(may_assign(
            &fa,
            &g("CLUSTER_ADMIN", "CLUSTER", "c"),
            &inside
        ));
        assert!(!may_assign(
            &fa,
            &g("CLUSTER_ADMIN", "CLUSTER", "c"),
            &["g".into()]
        ));
        assert!(!may_assign(
            &fa,
            &g("FOLDER_ADMIN", "FOLDER", "g"),
            &["g".into()]
        ));
        assert!(!may_assign(&fa, &g("ORG_MEMBER", "ORGANIZATION", "o"), &[]));
        assert_eq!(
            check_assign(&fa, &g("ORG_ADMIN", "ORGANIZATION", "o"), &[])
                .unwrap_err()
                .code,
            7
        );
        let nobody: [Grant; 0] = [];
        assert!(!may_assign(
            &nobody,
            &g("CLUSTER_ADMIN", "CLUSTER", "c"),
            &[]
        ));
    }

    #[test]
    fn the_last_org_admin_stays() {
        let oa = vec![g("ORG_ADMIN", "ORGANIZATION", "o")];
        let dev = vec![g("CLUSTER_DEVELOPER", "CLUSTER", "c")];
        keep_an_org_admin([oa.as_slice(), dev.as_slice()]).unwrap();
        assert_eq!(keep_an_org_admin([dev.as_slice()]).unwrap_err().code, 9);
        let mut v = dev.clone();
        assert!(add(&mut v, oa[0].clone()));
        assert!(!add(&mut v, oa[0].clone()));
        assert_eq!(v.len(), 2);
    }
}
