//! Service accounts: organization identities for programs. Their roles are
//! managed through the role-management calls, with the account id as
//! `user_id`.

use crate::models::common::KeysetPaginationResponse;
use crate::models::roles::{BuiltInFromGroups, BuiltInRole};
use crate::wire::Timestamp;
use serde::{Deserialize, Serialize};

/// `ServiceAccount`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceAccount {
    /// Service account id.
    #[serde(default)]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description (may be empty).
    #[serde(default)]
    pub description: String,
    /// Name of the user who created it.
    #[serde(default)]
    pub creator_name: String,
    /// Creation time.
    #[serde(with = "crate::wire::timestamp", default)]
    pub created_at: Timestamp,
    /// Roles granted directly.
    #[serde(default)]
    pub roles: Vec<BuiltInRole>,
    /// Roles held through groups.
    #[serde(default)]
    pub group_roles: Vec<BuiltInFromGroups>,
}

/// `CreateServiceAccountRequest`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateServiceAccountRequest {
    /// Name.
    pub name: String,
    /// Description (may be empty, but is always sent).
    #[serde(default)]
    pub description: String,
    /// Roles to grant at creation.
    #[serde(default)]
    pub roles: Vec<BuiltInRole>,
}

/// `UpdateServiceAccountSpecification`: only the fields that are set change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateServiceAccountSpecification {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `ListServiceAccountsResponse`: one page, sorted by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListServiceAccountsResponse {
    /// This page of service accounts.
    #[serde(default)]
    pub service_accounts: Vec<ServiceAccount>,
    /// `null` on the last page.
    #[serde(default)]
    pub pagination: Option<KeysetPaginationResponse>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::roles::{OrganizationUserRole, Resource};

    const EXAMPLE: &str = r#"{"id":"12345678-1234-1234-1234-123456789012","name":"SA Name","description":"","creator_name":"creator","created_at":"2022-03-22T20:23:11.285067Z","roles":[{"name":"CLUSTER_ADMIN","resource":{"type":"ORGANIZATION"}}],"group_roles":[]}"#;

    #[test]
    fn service_account_round_trips_the_spec_example() {
        let sa: ServiceAccount = serde_json::from_str(EXAMPLE).unwrap();
        assert_eq!(sa.name, "SA Name");
        assert_eq!(sa.description, "");
        assert_eq!(
            sa.created_at,
            "2022-03-22T20:23:11.285067Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(sa.roles[0].name, OrganizationUserRole::ClusterAdmin);
        assert_eq!(sa.roles[0].resource, Resource::organization());
        assert_eq!(serde_json::to_string(&sa).unwrap(), EXAMPLE);
    }

    #[test]
    fn create_request_always_sends_its_required_fields() {
        let req = CreateServiceAccountRequest {
            name: "new name".into(),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"name":"new name","description":"","roles":[]}"#
        );
        // read as the service reads it: missing or null is the default
        for body in [
            r#"{"name":"x"}"#,
            r#"{"name":"x","description":null,"roles":null}"#,
        ] {
            let read: CreateServiceAccountRequest = crate::proto3::from_str(body).unwrap();
            assert_eq!(read.name, "x");
            assert!(read.roles.is_empty() && read.description.is_empty());
        }
    }

    #[test]
    fn update_sends_only_what_is_set() {
        let spec = UpdateServiceAccountSpecification {
            description: Some("new description".into()),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&spec).unwrap(),
            r#"{"description":"new description"}"#
        );
        assert_eq!(
            serde_json::to_string(&UpdateServiceAccountSpecification::default()).unwrap(),
            "{}"
        );
    }

    #[test]
    fn list_decodes_null_pagination_and_missing_fields() {
        let text = format!(r#"{{"service_accounts":[{EXAMPLE},{{"id":"x"}}],"pagination":null}}"#);
        let page: ListServiceAccountsResponse = serde_json::from_str(&text).unwrap();
        assert_eq!(page.service_accounts.len(), 2);
        assert_eq!(page.service_accounts[1].name, "");
        assert!(page.service_accounts[1].roles.is_empty());
        assert_eq!(page.pagination, None);
        let page: ListServiceAccountsResponse =
            serde_json::from_str(r#"{"pagination":{"next_page":"p2"}}"#).unwrap();
        assert!(page.service_accounts.is_empty());
        assert_eq!(
            page.pagination.and_then(|p| p.next_page).as_deref(),
            Some("p2")
        );
    }
}
