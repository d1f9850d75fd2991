//! API keys: the secrets service accounts authenticate with. The secret is
//! returned once, by create, and never again.

use crate::models::common::KeysetPaginationResponse;
use crate::wire::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;

/// `ApiKey`: a key's metadata (never its secret).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKey {
    /// Key id, e.g. `CCDB1_12345abcdefGHIJKLMnopq`.
    #[serde(default)]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// The service account (a UUID) the key acts as.
    #[serde(default)]
    pub service_account_id: String,
    /// Creation time; lists are sorted by it.
    #[serde(with = "crate::wire::timestamp", default)]
    pub created_at: Timestamp,
}

/// `CreateApiKeyRequest`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateApiKeyRequest {
    /// Name.
    pub name: String,
    /// The service account (a UUID) the key will act as.
    pub service_account_id: String,
}

/// `CreateApiKeyResponse`: the new key and its secret. `Debug` hides the
/// secret; keep it out of logs yourself when serializing.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateApiKeyResponse {
    /// The key's metadata.
    #[serde(default)]
    pub api_key: ApiKey,
    /// The full key, sent as `Authorization: Bearer <secret>`. Shown only
    /// here; the server keeps no copy.
    #[serde(default)]
    pub secret: String,
}

impl fmt::Debug for CreateApiKeyResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateApiKeyResponse")
            .field("api_key", &self.api_key)
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// `UpdateApiKeySpecification`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateApiKeySpecification {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `ListApiKeysResponse`: one page, sorted by `created_at`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListApiKeysResponse {
    /// This page of keys.
    #[serde(default)]
    pub api_keys: Vec<ApiKey>,
    /// `null` on the last page.
    #[serde(default)]
    pub pagination: Option<KeysetPaginationResponse>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = r#"{"id":"CCDB1_12345abcdefGHIJKLMnopq","name":"example name","service_account_id":"1234abcd-1234-1234-abcd-12345678abcd","created_at":"2022-03-22T20:23:11.285067Z"}"#;

    #[test]
    fn api_key_round_trips_the_spec_example() {
        let key: ApiKey = serde_json::from_str(KEY).unwrap();
        assert_eq!(key.id, "CCDB1_12345abcdefGHIJKLMnopq");
        assert_eq!(
            key.service_account_id,
            "1234abcd-1234-1234-abcd-12345678abcd"
        );
        assert_eq!(serde_json::to_string(&key).unwrap(), KEY);
    }

    #[test]
    fn create_response_keeps_the_secret_out_of_debug() {
        let text =
            format!(r#"{{"api_key":{KEY},"secret":"CCDB1_12345abcdefGHIJKLMnopq_s3cr3tP4rt"}}"#);
        let created: CreateApiKeyResponse = serde_json::from_str(&text).unwrap();
        assert_eq!(created.secret, "CCDB1_12345abcdefGHIJKLMnopq_s3cr3tP4rt");
        let shown = format!("{created:?}");
        assert!(!shown.contains("s3cr3tP4rt"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
        assert!(shown.contains("example name"), "{shown}");
        let pretty = format!("{created:#?}");
        assert!(!pretty.contains("s3cr3tP4rt"), "{pretty}");
        assert_eq!(serde_json::to_string(&created).unwrap(), text);
    }

    #[test]
    fn create_request_matches_the_spec_example() {
        let req = CreateApiKeyRequest {
            name: "example name".into(),
            service_account_id: "1234abcd-1234-1234-abcd-12345678abcd".into(),
        };
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"name":"example name","service_account_id":"1234abcd-1234-1234-abcd-12345678abcd"}"#
        );
        assert!(serde_json::from_str::<CreateApiKeyRequest>(r#"{"name":"x"}"#).is_err());
    }

    #[test]
    fn update_omits_an_unset_name_and_list_reads_null_pagination() {
        assert_eq!(
            serde_json::to_string(&UpdateApiKeySpecification::default()).unwrap(),
            "{}"
        );
        let page: ListApiKeysResponse =
            serde_json::from_str(&format!(r#"{{"api_keys":[{KEY}],"pagination":null}}"#)).unwrap();
        assert_eq!(page.api_keys.len(), 1);
        assert_eq!(page.pagination, None);
    }
}
