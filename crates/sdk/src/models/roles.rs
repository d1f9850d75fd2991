//! Role management: built-in roles granted on the organization, a folder or
//! a cluster, to people and service accounts (directly or through groups).

use crate::models::common::KeysetPaginationResponse;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// `OrganizationUserRole.Type`: the built-in roles. The console's
    /// "Cluster Operator" is `CLUSTER_OPERATOR_WRITER`.
    pub enum OrganizationUserRole {
        BillingCoordinator = "BILLING_COORDINATOR",
        OrgAdmin = "ORG_ADMIN",
        OrgMember = "ORG_MEMBER",
        ClusterAdmin = "CLUSTER_ADMIN",
        ClusterOperatorWriter = "CLUSTER_OPERATOR_WRITER",
        ClusterDeveloper = "CLUSTER_DEVELOPER",
        ClusterCreator = "CLUSTER_CREATOR",
        FolderAdmin = "FOLDER_ADMIN",
        FolderMover = "FOLDER_MOVER",
        MetricsViewer = "METRICS_VIEWER",
        ClusterMonitor = "CLUSTER_MONITOR",
        BillingViewer = "BILLING_VIEWER",
    }
}

crate::wire_enum! {
    /// `ResourceType.Type`: what a role is granted on.
    pub enum ResourceType {
        Organization = "ORGANIZATION",
        Cluster = "CLUSTER",
        Folder = "FOLDER",
    }
}

/// `Resource`: the scope of a grant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    /// Kind of resource.
    #[serde(rename = "type", default)]
    pub resource_type: ResourceType,
    /// Its id; the organization scope may leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl Resource {
    /// The organization scope, without an id.
    pub fn organization() -> Self {
        Resource {
            resource_type: ResourceType::Organization,
            id: None,
        }
    }

    /// A cluster scope.
    pub fn cluster(id: impl Into<String>) -> Self {
        Resource {
            resource_type: ResourceType::Cluster,
            id: Some(id.into()),
        }
    }

    /// A folder scope.
    pub fn folder(id: impl Into<String>) -> Self {
        Resource {
            resource_type: ResourceType::Folder,
            id: Some(id.into()),
        }
    }
}

/// `BuiltInRole`: one role on one resource.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuiltInRole {
    /// The role.
    #[serde(default)]
    pub name: OrganizationUserRole,
    /// Where it applies.
    #[serde(default)]
    pub resource: Resource,
}

/// `BuiltInFromGroups`: a role held through group membership.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuiltInFromGroups {
    /// The groups granting it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_names: Option<Vec<String>>,
    /// The role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<BuiltInRole>,
}

/// `UserRoleGrants`: the roles granted directly to one user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRoleGrants {
    /// User or service account id.
    #[serde(default)]
    pub user_id: String,
    /// Direct grants.
    #[serde(default)]
    pub roles: Vec<BuiltInRole>,
}

/// `UserGroupRoleGrant`: the roles one user holds through groups.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserGroupRoleGrant {
    /// User id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Roles and the groups granting them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_roles: Option<Vec<BuiltInFromGroups>>,
}

/// `ListRoleGrantsResponse`: one page of the organization's grants.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRoleGrantsResponse {
    /// Direct grants, per user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grants: Option<Vec<UserRoleGrants>>,
    /// Grants through groups, per user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_group_grants: Option<Vec<UserGroupRoleGrant>>,
    /// `null` on the last page.
    #[serde(default)]
    pub pagination: Option<KeysetPaginationResponse>,
}

/// `GetAllRolesForUserResponse`: every role of one user or service account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetAllRolesForUserResponse {
    /// Direct grants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<BuiltInRole>>,
    /// Grants through groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_roles: Option<Vec<BuiltInFromGroups>>,
}

/// `SetRolesForUserBody`: the complete new set of direct grants.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetRolesForUserBody {
    /// Replaces every direct grant; an empty list removes them all.
    #[serde(default)]
    pub roles: Vec<BuiltInRole>,
}

/// `GetPersonUsersByEmailResponse`. The spec's `required` list names a
/// `users` field that does not exist; the property is `user`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetPersonUsersByEmailResponse {
    /// The person with that email, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<PersonUserInfo>,
}

/// `PersonUserInfo`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonUserInfo {
    /// User id (use it as `user_id` in role management).
    #[serde(default)]
    pub id: String,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_roles_body_matches_the_spec_example() {
        let body = SetRolesForUserBody {
            roles: vec![BuiltInRole {
                name: OrganizationUserRole::ClusterAdmin,
                resource: Resource::cluster("example_cluster_id"),
            }],
        };
        let text = serde_json::to_string(&body).unwrap();
        assert_eq!(
            text,
            r#"{"roles":[{"name":"CLUSTER_ADMIN","resource":{"type":"CLUSTER","id":"example_cluster_id"}}]}"#
        );
        // The spec's example also carries a `user_id`, which is not a field.
        let example = r#"{"roles":[{"name":"CLUSTER_ADMIN","resource":{"id":"example_cluster_id","type":"CLUSTER"}}],"user_id":"12345678-1234-1234-1234-123456789012"}"#;
        assert_eq!(
            serde_json::from_str::<SetRolesForUserBody>(example).unwrap(),
            body
        );
    }

    #[test]
    fn an_empty_role_set_is_sent_not_omitted() {
        assert_eq!(
            serde_json::to_string(&SetRolesForUserBody::default()).unwrap(),
            r#"{"roles":[]}"#
        );
        // the Go SDK sends `"roles": null` for an empty slice
        for body in ["{}", r#"{"roles":null}"#] {
            let read: SetRolesForUserBody = crate::proto3::from_str(body).unwrap();
            assert!(read.roles.is_empty());
        }
    }

    #[test]
    fn organization_scope_has_no_id() {
        let role = BuiltInRole {
            name: OrganizationUserRole::OrgAdmin,
            resource: Resource::organization(),
        };
        let text = serde_json::to_string(&role).unwrap();
        assert_eq!(
            text,
            r#"{"name":"ORG_ADMIN","resource":{"type":"ORGANIZATION"}}"#
        );
        assert_eq!(serde_json::from_str::<BuiltInRole>(&text).unwrap(), role);
    }

    #[test]
    fn decodes_a_page_of_grants_with_null_pagination() {
        let text = r#"{
            "grants": [{"user_id": "u-1", "roles": [
                {"name": "ORG_MEMBER", "resource": {"type": "ORGANIZATION", "id": "org-1"}},
                {"name": "FOLDER_ADMIN", "resource": {"type": "FOLDER", "id": "f-1"}}
            ]}],
            "user_group_grants": [{"user_id": "u-2", "group_roles": [
                {"group_names": ["dbas"], "role": {"name": "CLUSTER_OPERATOR_WRITER",
                  "resource": {"type": "CLUSTER", "id": "c-1"}}}
            ]}],
            "pagination": null
        }"#;
        let page: ListRoleGrantsResponse = serde_json::from_str(text).unwrap();
        let grants = page.grants.as_deref().unwrap();
        assert_eq!(grants[0].user_id, "u-1");
        assert_eq!(grants[0].roles[1].resource, Resource::folder("f-1"));
        let group = &page.user_group_grants.as_deref().unwrap()[0];
        let from = &group.group_roles.as_deref().unwrap()[0];
        assert_eq!(from.group_names.as_deref(), Some(&["dbas".to_string()][..]));
        assert_eq!(
            from.role.as_ref().map(|r| &r.name),
            Some(&OrganizationUserRole::ClusterOperatorWriter)
        );
        assert_eq!(page.pagination, None);
        let again: ListRoleGrantsResponse =
            serde_json::from_str(&serde_json::to_string(&page).unwrap()).unwrap();
        assert_eq!(again, page);
    }

    #[test]
    fn unknown_roles_and_resource_types_are_kept() {
        let text = r#"{"name":"SUPPORT_VIEWER","resource":{"type":"PROJECT","id":"p"}}"#;
        let role: BuiltInRole = serde_json::from_str(text).unwrap();
        assert_eq!(
            role.name,
            OrganizationUserRole::Unknown("SUPPORT_VIEWER".into())
        );
        assert_eq!(
            role.resource.resource_type,
            ResourceType::Unknown("PROJECT".into())
        );
        assert_eq!(serde_json::to_string(&role).unwrap(), text);
        assert_eq!(OrganizationUserRole::KNOWN.len(), 12);
    }

    #[test]
    fn person_lookup_decodes_present_and_absent_users() {
        let r: GetPersonUsersByEmailResponse =
            serde_json::from_str(r#"{"user":{"id":"u-1","email":"a@example.com"}}"#).unwrap();
        assert_eq!(r.user.as_ref().map(|u| u.id.as_str()), Some("u-1"));
        let r: GetPersonUsersByEmailResponse = serde_json::from_str("{}").unwrap();
        assert_eq!(r.user, None);
        assert_eq!(serde_json::to_string(&r).unwrap(), "{}");
    }

    #[test]
    fn roles_for_user_tolerates_omitted_lists() {
        let r: GetAllRolesForUserResponse = serde_json::from_str("{}").unwrap();
        assert_eq!(r, GetAllRolesForUserResponse::default());
        let r: GetAllRolesForUserResponse = serde_json::from_str(
            r#"{"roles":[{"name":"CLUSTER_ADMIN","resource":{"type":"ORGANIZATION"}}],"group_roles":[]}"#,
        )
        .unwrap();
        assert_eq!(r.roles.map(|v| v.len()), Some(1));
    }
}
