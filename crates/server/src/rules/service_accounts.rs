//! Service accounts and API keys: name rules and the mapping of the stored
//! rows onto the SDK's `ServiceAccount` and `ApiKey`.
//!
//! - Service account names: 1–128 characters, no control characters, no
//!   leading or trailing spaces, unique in the organization (else 409).
//!   Descriptions: at most 1024 characters.
//! - API key names: 1–128 characters, same character rules (not unique).
//! - An API key's id is `CCDB1_<22 characters>`; its secret is
//!   `CCDB1_<same 22>_<64 random hex>`. Only the secret's SHA-256 is stored.

use crate::auth::SECRET_PREFIX;
use crate::error::{ApiError, ApiResult};
use crate::rules::roles::role_of;
use crate::store::model::{ApiKeyRow, ServiceAccountRow};
use crdb_cloud::models::api_keys::ApiKey;
use crdb_cloud::models::service_accounts::ServiceAccount;

/// Longest service account or API key name.
pub const MAX_NAME: usize = 128;
/// Longest service account description.
pub const MAX_DESCRIPTION: usize = 1024;

/// Checks a service account or API key name; `field` names it in the error.
pub fn validate_name(field: &str, name: &str) -> ApiResult<()> {
    let len = name.chars().count();
    if name.trim().is_empty() {
        return Err(ApiError::invalid(format!("{field}: must not be empty")));
    }
    if len > MAX_NAME {
        return Err(ApiError::invalid(format!(
            "{field}: at most {MAX_NAME} characters, got {len}"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(ApiError::invalid(format!(
            "{field}: must not contain control characters"
        )));
    }
    if name.trim() != name {
        return Err(ApiError::invalid(format!(
            "{field}: must not start or end with spaces"
        )));
    }
    Ok(())
}

/// Checks a service account description.
pub fn validate_description(description: &str) -> ApiResult<()> {
    let len = description.chars().count();
    if len > MAX_DESCRIPTION {
        return Err(ApiError::invalid(format!(
            "description: at most {MAX_DESCRIPTION} characters, got {len}"
        )));
    }
    Ok(())
}

/// A stored service account as the API shows it.
pub fn service_account(row: &ServiceAccountRow) -> ServiceAccount {
    ServiceAccount {
        id: row.id.clone(),
        name: row.name.clone(),
        description: row.description.clone(),
        creator_name: row.creator_name.clone(),
        created_at: row.created_at,
        roles: row.roles.iter().map(role_of).collect(),
        group_roles: Vec::new(),
    }
}

/// The API's id of a stored key (`CCDB1_<row id>`).
pub fn api_key_id(row_id: &str) -> String {
    format!("{SECRET_PREFIX}{row_id}")
}

/// The stored row id an API key id names (accepts it with or without the prefix).
pub fn row_id_of(api_key_id: &str) -> &str {
    api_key_id.strip_prefix(SECRET_PREFIX).unwrap_or(api_key_id)
}

/// A stored key as the API shows it (never its secret or hash).
pub fn api_key(row: &ApiKeyRow) -> ApiKey {
    ApiKey {
        id: api_key_id(&row.id),
        name: row.name.clone(),
        service_account_id: row.service_account_id.clone(),
        created_at: row.created_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::model::Grant;

    #[test]
    fn names_follow_the_rules() {
        validate_name("name", "ci-bot").unwrap();
        validate_name("name", "Deploy Bot 2").unwrap();
        for bad in ["", "   ", " x", "x ", "a\nb"] {
            assert_eq!(validate_name("name", bad).unwrap_err().code, 3, "{bad:?}");
        }
        let long = "x".repeat(MAX_NAME + 1);
        assert!(
            validate_name("name", &long)
                .unwrap_err()
                .message
                .starts_with("name:")
        );
        validate_description("").unwrap();
        assert!(validate_description(&"d".repeat(MAX_DESCRIPTION + 1)).is_err());
    }

    #[test]
    fn rows_map_onto_the_sdk_models() {
        let t = crdb_cloud::Timestamp::UNIX_EPOCH;
        let sa = service_account(&ServiceAccountRow {
            id: "sa-1".into(),
            name: "ci".into(),
            description: String::new(),
            creator_name: "admin".into(),
            created_at: t,
            roles: vec![Grant {
                role: "CLUSTER_ADMIN".into(),
                resource_type: "ORGANIZATION".into(),
                resource_id: "org".into(),
            }],
            bootstrap: false,
        });
        assert_eq!(
            serde_json::to_string(&sa).unwrap(),
            r#"{"id":"sa-1","name":"ci","description":"","creator_name":"admin","created_at":"1970-01-01T00:00:00Z","roles":[{"name":"CLUSTER_ADMIN","resource":{"type":"ORGANIZATION"}}],"group_roles":[]}"#
        );
        let key = api_key(&ApiKeyRow {
            id: "abc".into(),
            name: "k".into(),
            service_account_id: "sa-1".into(),
            secret_hash: "h".into(),
            created_at: t,
            local_admin: false,
        });
        assert_eq!(key.id, "CCDB1_abc");
        assert_eq!(row_id_of(&key.id), "abc");
        assert_eq!(row_id_of("abc"), "abc");
    }
}
