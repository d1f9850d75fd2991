//! Customer-managed encryption keys (Advanced clusters).

use crate::wire::Timestamp;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// `CMEKKeyType`.
    pub enum CmekKeyType {
        AwsKms = "AWS_KMS",
        GcpCloudKms = "GCP_CLOUD_KMS",
        NullKms = "NULL_KMS",
        AzureKeyVault = "AZURE_KEY_VAULT",
    }
}

crate::wire_enum! {
    /// `CMEKStatus`: `*ING` values are in progress, `*_FAILED` values failed.
    pub enum CmekStatus {
        Disabled = "DISABLED",
        Disabling = "DISABLING",
        DisableFailed = "DISABLE_FAILED",
        Enabled = "ENABLED",
        Enabling = "ENABLING",
        EnableFailed = "ENABLE_FAILED",
        Rotating = "ROTATING",
        RotateFailed = "ROTATE_FAILED",
        Revoked = "REVOKED",
        Revoking = "REVOKING",
        RevokeFailed = "REVOKE_FAILED",
    }
}

impl CmekStatus {
    /// Whether an operation is under way.
    pub fn is_in_progress(&self) -> bool {
        matches!(
            self,
            CmekStatus::Disabling
                | CmekStatus::Enabling
                | CmekStatus::Rotating
                | CmekStatus::Revoking
        )
    }

    /// Whether the last operation failed.
    pub fn is_failed(&self) -> bool {
        matches!(
            self,
            CmekStatus::DisableFailed
                | CmekStatus::EnableFailed
                | CmekStatus::RotateFailed
                | CmekStatus::RevokeFailed
        )
    }
}

crate::wire_enum! {
    /// `CMEKCustomerAction`.
    pub enum CmekCustomerAction {
        /// Revoke Cockroach Labs' access to the key.
        Revoke = "REVOKE",
    }
}

/// `CMEKClusterInfo`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CmekClusterInfo {
    /// Overall status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CmekStatus>,
    /// Per-region status and keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_infos: Option<Vec<CmekRegionInfo>>,
}

/// `CMEKRegionInfo`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CmekRegionInfo {
    /// Region code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Status in this region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CmekStatus>,
    /// Keys, newest last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_infos: Option<Vec<CmekKeyInfo>>,
}

/// `CMEKKeyInfo`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CmekKeyInfo {
    /// The key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<CmekKeySpecification>,
    /// The key's status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CmekStatus>,
    /// Detail for people, e.g. why enabling failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_message: Option<String>,
    /// When the key was added.
    #[serde(
        with = "crate::wire::timestamp::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<Timestamp>,
    /// Last change.
    #[serde(
        with = "crate::wire::timestamp::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<Timestamp>,
}

/// `CMEKKeySpecification`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CmekKeySpecification {
    /// Kind of key.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub key_type: Option<CmekKeyType>,
    /// Key URI (ARN, resource name, vault URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// Principal allowed to use the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_principal: Option<String>,
}

/// `CMEKRegionSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CmekRegionSpecification {
    /// Region code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The key for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_spec: Option<CmekKeySpecification>,
}

/// `EnableCMEKSpecBody`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnableCmekSpecBody {
    /// One spec per region of the cluster.
    #[serde(default)]
    pub region_specs: Vec<CmekRegionSpecification>,
}

/// `UpdateCMEKSpecBody`: rotate to new keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateCmekSpecBody {
    /// One spec per region of the cluster.
    #[serde(default)]
    pub region_specs: Vec<CmekRegionSpecification>,
}

/// `UpdateCMEKStatusBody`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateCmekStatusBody {
    /// What to do.
    pub action: CmekCustomerAction,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cluster_info_round_trips() {
        let wire = json!({
            "status": "ENABLED",
            "region_infos": [{"region": "us-east-1", "status": "ENABLED", "key_infos": [{
                "spec": {"type": "AWS_KMS", "uri": "arn:aws:kms:us-east-1:1:key/k", "auth_principal": "arn:aws:iam::1:role/r"},
                "status": "ENABLED", "user_message": "", "created_at": "2024-09-16T00:00:00Z", "updated_at": "2024-09-16T00:00:00Z"
            }]}]
        });
        let info: CmekClusterInfo = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(info.status, Some(CmekStatus::Enabled));
        assert_eq!(serde_json::to_value(&info).unwrap(), wire);
    }

    #[test]
    fn revoke_body_is_the_documented_one() {
        let body = UpdateCmekStatusBody {
            action: CmekCustomerAction::Revoke,
        };
        assert_eq!(
            serde_json::to_value(body).unwrap(),
            json!({"action": "REVOKE"})
        );
    }

    #[test]
    fn statuses_classify() {
        assert!(CmekStatus::Rotating.is_in_progress());
        assert!(CmekStatus::RevokeFailed.is_failed());
        assert!(!CmekStatus::Enabled.is_in_progress() && !CmekStatus::Enabled.is_failed());
    }
}
