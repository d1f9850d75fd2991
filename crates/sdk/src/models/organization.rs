//! The organization the API key belongs to.

use crate::wire::Timestamp;
use serde::{Deserialize, Serialize};

/// `Organization`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// Organization id.
    #[serde(default)]
    pub id: String,
    /// Short label used in URLs.
    #[serde(default)]
    pub label: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Creation time.
    #[serde(with = "crate::wire::timestamp", default)]
    pub created_at: Timestamp,
    /// The cloud identities CockroachDB Cloud acts as (for CMEK, exports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cockroach_cloud_service_principals: Option<CockroachCloudServicePrincipals>,
}

/// `CockroachCloudServicePrincipals`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CockroachCloudServicePrincipals {
    /// AWS identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws: Option<AwsPrincipal>,
    /// Azure identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azure: Option<AzurePrincipal>,
    /// GCP identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gcp: Option<GcpPrincipal>,
}

/// `Aws`: the AWS principal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwsPrincipal {
    /// IAM user ARN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_arn: Option<String>,
}

/// `Azure`: the Azure principal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AzurePrincipal {
    /// App registration client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_registration_client_id: Option<String>,
    /// App registration name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_registration_name: Option<String>,
}

/// `Gcp`: the GCP principal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GcpPrincipal {
    /// Service account email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_account_email: Option<String>,
}
