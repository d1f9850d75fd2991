//! Clusters: the cluster resource, its create and update specifications,
//! nodes, versions, regions and connection strings.

use crate::models::cmek::CmekRegionSpecification;
use crate::models::common::{CloudProvider, KeysetPaginationResponse, Plan};
use crate::wire::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

crate::wire_enum! {
    /// `ClusterState.Type`: the lifecycle of a cluster.
    pub enum ClusterState {
        Creating = "CREATING",
        Created = "CREATED",
        CreationFailed = "CREATION_FAILED",
        Deleted = "DELETED",
        /// An exclusive operation is running.
        Locked = "LOCKED",
    }
}

crate::wire_enum! {
    /// `ClusterStatus.Type`: the operation running on a cluster, if any.
    pub enum ClusterStatus {
        Unspecified = "UNSPECIFIED",
        CrdbMajorUpgradeRunning = "CRDB_MAJOR_UPGRADE_RUNNING",
        CrdbMajorUpgradeFailed = "CRDB_MAJOR_UPGRADE_FAILED",
        CrdbMajorRollbackRunning = "CRDB_MAJOR_ROLLBACK_RUNNING",
        CrdbMajorRollbackFailed = "CRDB_MAJOR_ROLLBACK_FAILED",
        CrdbPatchRunning = "CRDB_PATCH_RUNNING",
        CrdbPatchFailed = "CRDB_PATCH_FAILED",
        CrdbScaleRunning = "CRDB_SCALE_RUNNING",
        CrdbScaleFailed = "CRDB_SCALE_FAILED",
        MaintenanceRunning = "MAINTENANCE_RUNNING",
        CrdbInstanceUpdateRunning = "CRDB_INSTANCE_UPDATE_RUNNING",
        CrdbInstanceUpdateFailed = "CRDB_INSTANCE_UPDATE_FAILED",
        CrdbEditClusterRunning = "CRDB_EDIT_CLUSTER_RUNNING",
        CrdbEditClusterFailed = "CRDB_EDIT_CLUSTER_FAILED",
        CrdbCmekOperationRunning = "CRDB_CMEK_OPERATION_RUNNING",
        CrdbCmekOperationFailed = "CRDB_CMEK_OPERATION_FAILED",
        TenantRestoreRunning = "TENANT_RESTORE_RUNNING",
        TenantRestoreFailed = "TENANT_RESTORE_FAILED",
        CrdbLogExportOperationRunning = "CRDB_LOG_EXPORT_OPERATION_RUNNING",
        CrdbLogExportOperationFailed = "CRDB_LOG_EXPORT_OPERATION_FAILED",
        CrdbClusterDisruptionRunning = "CRDB_CLUSTER_DISRUPTION_RUNNING",
        CrdbClusterDisruptionFailed = "CRDB_CLUSTER_DISRUPTION_FAILED",
        CrdbRepaveRunning = "CRDB_REPAVE_RUNNING",
        CrdbRepaveFailed = "CRDB_REPAVE_FAILED",
        CrdbCustomClientCaRunning = "CRDB_CUSTOM_CLIENT_CA_RUNNING",
        CrdbCustomClientCaFailed = "CRDB_CUSTOM_CLIENT_CA_FAILED",
        DedicatedFullClusterRestoreRunning = "DEDICATED_FULL_CLUSTER_RESTORE_RUNNING",
        DedicatedFullClusterRestoreFailed = "DEDICATED_FULL_CLUSTER_RESTORE_FAILED",
    }
}

crate::wire_enum! {
    /// `ClusterUpgradeStatus.Type`: where a major-version upgrade stands.
    pub enum ClusterUpgradeStatus {
        Finalized = "FINALIZED",
        MajorUpgradeRunning = "MAJOR_UPGRADE_RUNNING",
        UpgradeAvailable = "UPGRADE_AVAILABLE",
        PendingFinalization = "PENDING_FINALIZATION",
        RollbackRunning = "ROLLBACK_RUNNING",
    }
}

crate::wire_enum! {
    /// `DeleteProtectionState.Type`.
    pub enum DeleteProtectionState {
        Enabled = "ENABLED",
        Disabled = "DISABLED",
    }
}

crate::wire_enum! {
    /// `EgressTrafficPolicy.Type`.
    pub enum EgressTrafficPolicy {
        Unspecified = "UNSPECIFIED",
        Error = "ERROR",
        AllowAll = "ALLOW_ALL",
        DefaultDeny = "DEFAULT_DENY",
        Updating = "UPDATING",
    }
}

crate::wire_enum! {
    /// `NetworkVisibility.Type`.
    pub enum NetworkVisibility {
        Public = "PUBLIC",
        Private = "PRIVATE",
    }
}

crate::wire_enum! {
    /// `UpgradeType.Type`: how a serverless cluster takes new versions.
    pub enum UpgradeType {
        Manual = "MANUAL",
        Automatic = "AUTOMATIC",
    }
}

crate::wire_enum! {
    /// `NodeStatus.Type`.
    pub enum NodeStatus {
        Live = "LIVE",
        NotReady = "NOT_READY",
    }
}

crate::wire_enum! {
    /// `ReleaseType.Type`.
    pub enum ReleaseType {
        Regular = "REGULAR",
        Innovation = "INNOVATION",
    }
}

crate::wire_enum! {
    /// `ClusterMajorVersionSupportStatus.Type`.
    pub enum ClusterMajorVersionSupportStatus {
        Unsupported = "UNSUPPORTED",
        Supported = "SUPPORTED",
        Preview = "PREVIEW",
    }
}

crate::wire_enum! {
    /// `pagination.sort_by` of ListClusters.
    pub enum ClusterSortBy {
        /// By name, the default.
        Name = "NAME",
        CreatedAt = "CREATED_AT",
        /// Active clusters sort by `created_at`.
        DeletedAt = "DELETED_AT",
    }
}

crate::wire_enum! {
    /// `os` of GetConnectionString (`OperatingSystemType`).
    pub enum OperatingSystem {
        Mac = "MAC",
        Linux = "LINUX",
        Windows = "WINDOWS",
    }
}

/// `Cluster`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// Cluster id.
    #[serde(default)]
    pub id: String,
    /// Name, 6–20 of `[a-z0-9-]`.
    #[serde(default)]
    pub name: String,
    /// Cloud the cluster runs in.
    #[serde(default)]
    pub cloud_provider: CloudProvider,
    /// Plan.
    #[serde(default)]
    pub plan: Plan,
    /// Lifecycle state.
    #[serde(default)]
    pub state: ClusterState,
    /// Running operation, `UNSPECIFIED` when idle.
    #[serde(default)]
    pub operation_status: ClusterStatus,
    /// Major-version upgrade state.
    #[serde(default)]
    pub upgrade_status: ClusterUpgradeStatus,
    /// CockroachDB version, e.g. `v24.1.2`.
    #[serde(default)]
    pub cockroach_version: String,
    /// Hardware or serverless settings.
    #[serde(default)]
    pub config: ClusterConfig,
    /// Regions and their nodes.
    #[serde(default)]
    pub regions: Vec<Region>,
    /// Who created it.
    #[serde(default)]
    pub creator_id: String,
    /// Private network range (Advanced on GCP).
    #[serde(default)]
    pub cidr_range: String,
    /// Labels.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Whether the cluster runs in the customer's own cloud account (BYOC).
    /// The spec lists it as required without defining it; always sent.
    #[serde(default)]
    pub is_customer_cloud_account: bool,
    /// AWS account of a BYOC cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Azure managed identity client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azure_cluster_identity_client_id: Option<String>,
    /// Creation time.
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
    /// Deletion time, for deleted clusters.
    #[serde(
        with = "crate::wire::timestamp::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub deleted_at: Option<Timestamp>,
    /// Customer cloud account of a BYOC cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_cloud_account: Option<CustomerCloudAccount>,
    /// Whether deletes are refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_protection: Option<DeleteProtectionState>,
    /// Egress traffic policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egress_traffic_policy: Option<EgressTrafficPolicy>,
    /// Public or private network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_visibility: Option<NetworkVisibility>,
    /// Folder id, or `root`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// SQL DNS name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sql_dns: Option<String>,
}

/// `ClusterConfig`: exactly one of the two is set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterConfig {
    /// Advanced (dedicated hardware).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedicated: Option<DedicatedHardwareConfig>,
    /// Basic and Standard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serverless: Option<ServerlessClusterConfig>,
}

/// `DedicatedHardwareConfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DedicatedHardwareConfig {
    /// Machine type, e.g. `m6i.xlarge`.
    #[serde(default)]
    pub machine_type: String,
    /// vCPUs per node.
    #[serde(default)]
    pub num_virtual_cpus: i32,
    /// Storage per node.
    #[serde(default)]
    pub storage_gib: i32,
    /// Memory per node.
    #[serde(default)]
    pub memory_gib: f32,
    /// Disk IOPS per node.
    #[serde(default)]
    pub disk_iops: i32,
}

/// `ServerlessClusterConfig`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerlessClusterConfig {
    /// Routing id used in connection strings.
    #[serde(default)]
    pub routing_id: String,
    /// How new versions arrive.
    #[serde(default)]
    pub upgrade_type: UpgradeType,
    /// Limits (Basic) or provisioned capacity (Standard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_limits: Option<UsageLimits>,
}

/// `UsageLimits`: int64 values, strings on the wire. Zero is an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageLimits {
    /// Provisioned vCPUs (Standard).
    #[serde(
        default,
        with = "crate::wire::int64::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub provisioned_virtual_cpus: Option<i64>,
    /// Request units a month (Basic).
    #[serde(
        default,
        with = "crate::wire::int64::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub request_unit_limit: Option<i64>,
    /// Storage in MiB (Basic).
    #[serde(
        default,
        with = "crate::wire::int64::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub storage_mib_limit: Option<i64>,
}

/// `Region`: one region of a cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// Region code, e.g. `us-east-1`.
    #[serde(default)]
    pub name: String,
    /// SQL DNS name.
    #[serde(default)]
    pub sql_dns: String,
    /// DB Console DNS name.
    #[serde(default)]
    pub ui_dns: String,
    /// Internal DNS name.
    #[serde(default)]
    pub internal_dns: String,
    /// Private endpoint DNS name.
    #[serde(default)]
    pub private_endpoint_dns: String,
    /// Nodes (0 for serverless).
    #[serde(default)]
    pub node_count: i32,
    /// Primary region of a multi-region serverless cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
    /// Machine type in this region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine_type: Option<String>,
    /// vCPUs per node in this region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_virtual_cpus: Option<i32>,
    /// Disk IOPS per node in this region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_iops: Option<i32>,
    /// S3 VPC endpoint id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3_vpc_endpoint_id: Option<String>,
}

/// `CustomerCloudAccount`: the customer's account of a BYOC cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerCloudAccount {
    /// AWS account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws: Option<AwsCustomerCloudAccount>,
    /// Azure account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azure: Option<AzureCustomerCloudAccount>,
    /// GCP account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gcp: Option<GcpCustomerCloudAccount>,
}

/// `AwsCustomerCloudAccount`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwsCustomerCloudAccount {
    /// Role ARN.
    #[serde(default)]
    pub arn: String,
}

/// `AzureCustomerCloudAccount`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AzureCustomerCloudAccount {
    /// Subscription id.
    #[serde(default)]
    pub subscription_id: String,
    /// Tenant id.
    #[serde(default)]
    pub tenant_id: String,
}

/// `GcpCustomerCloudAccount`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GcpCustomerCloudAccount {
    /// Service account email.
    #[serde(default)]
    pub service_account_email: String,
}

/// `CreateClusterRequest`. The API also accepts `plan` at the top level, as
/// the official examples send it; if both are set they must agree.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateClusterRequest {
    /// Name, 6–20 of `[a-z0-9-]`, no leading or trailing dash.
    pub name: String,
    /// Cloud provider.
    pub provider: CloudProvider,
    /// What to create.
    #[serde(default)]
    pub spec: CreateClusterSpecification,
    /// Top-level plan, as in the official examples.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
}

/// `CreateClusterSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateClusterSpecification {
    /// Plan (default STANDARD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    /// For Advanced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedicated: Option<DedicatedClusterCreateSpecification>,
    /// For Basic and Standard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serverless: Option<ServerlessClusterCreateSpecification>,
    /// BYOC account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_cloud_account: Option<CustomerCloudAccount>,
    /// Refuse deletes until disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_protection: Option<DeleteProtectionState>,
    /// Labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
    /// Folder id; empty or `root` for the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
}

/// `ServerlessClusterCreateSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerlessClusterCreateSpecification {
    /// Region codes.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Required with more than one region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_region: Option<String>,
    /// How new versions arrive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_type: Option<UpgradeType>,
    /// Limits or provisioned capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_limits: Option<UsageLimits>,
    /// Start with no IP allowlist entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_empty_ip_allowlist: Option<bool>,
}

/// `DedicatedClusterCreateSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DedicatedClusterCreateSpecification {
    /// Hardware of every node.
    #[serde(default)]
    pub hardware: DedicatedHardwareCreateSpecification,
    /// Nodes per region code (at least 3 each).
    #[serde(default)]
    pub region_nodes: BTreeMap<String, i32>,
    /// GCP only, at most /19; default `172.28.0.0/14`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr_range: Option<String>,
    /// Major version, e.g. `v24.1`; the latest if omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cockroach_version: Option<String>,
    /// Public or private network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_visibility: Option<NetworkVisibility>,
    /// One machine type per region (instead of `hardware.machine_spec`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_machine_specs: Option<BTreeMap<String, DedicatedMachineTypeSpecification>>,
    /// Start with a default-deny egress policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrict_egress_traffic: Option<bool>,
    /// Enable cluster virtualization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supports_cluster_virtualization: Option<bool>,
}

/// `DedicatedHardwareCreateSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DedicatedHardwareCreateSpecification {
    /// Storage per node; 0 picks the least the machine allows.
    #[serde(default)]
    pub storage_gib: i32,
    /// Disk IOPS (AWS only); 0 or absent is the provider default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_iops: Option<i32>,
    /// Machine type or vCPU count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine_spec: Option<DedicatedMachineTypeSpecification>,
}

/// `DedicatedMachineTypeSpecification`: a machine type or a vCPU count.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DedicatedMachineTypeSpecification {
    /// Machine type, e.g. `n2-standard-4`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine_type: Option<String>,
    /// vCPUs per node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_virtual_cpus: Option<i32>,
}

/// `UpdateClusterSpecification`: PATCH body. A version upgrade
/// (`cockroach_version` or `upgrade_status`) may not be combined with others.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateClusterSpecification {
    /// Start an upgrade (or roll back) to this major version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cockroach_version: Option<String>,
    /// `FINALIZED` or `ROLLBACK_RUNNING`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_status: Option<ClusterUpgradeStatus>,
    /// Advanced changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedicated: Option<DedicatedClusterUpdateSpecification>,
    /// Basic and Standard changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serverless: Option<ServerlessClusterUpdateSpecification>,
    /// Switch delete protection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_protection: Option<DeleteProtectionState>,
    /// Replace all labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
    /// Move to a folder (`root` for the root).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// Change plan (Basic ↔ Standard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
}

/// `ServerlessClusterUpdateSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerlessClusterUpdateSpecification {
    /// Replaces the region list (regions cannot be removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<String>>,
    /// Primary region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_region: Option<String>,
    /// How new versions arrive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_type: Option<UpgradeType>,
    /// New limits or capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_limits: Option<UsageLimits>,
}

/// `DedicatedClusterUpdateSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DedicatedClusterUpdateSpecification {
    /// CMEK specs for newly added regions only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cmek_region_specs: Option<Vec<CmekRegionSpecification>>,
    /// New hardware.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hardware: Option<DedicatedHardwareUpdateSpecification>,
    /// Machine type per region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_machine_specs: Option<BTreeMap<String, DedicatedMachineTypeSpecification>>,
    /// Nodes per region; a region left out is removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_nodes: Option<BTreeMap<String, i32>>,
}

/// `DedicatedHardwareUpdateSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DedicatedHardwareUpdateSpecification {
    /// Disk IOPS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_iops: Option<i32>,
    /// Machine type or vCPUs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine_spec: Option<DedicatedMachineTypeSpecification>,
    /// Storage per node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_gib: Option<i32>,
}

/// `ListClustersResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListClustersResponse {
    /// This page of clusters.
    #[serde(default)]
    pub clusters: Vec<Cluster>,
    /// `null` on the last page.
    #[serde(default)]
    pub pagination: Option<KeysetPaginationResponse>,
}

/// `Node`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// Node name.
    #[serde(default)]
    pub name: String,
    /// Region code.
    #[serde(default)]
    pub region_name: String,
    /// Liveness.
    #[serde(default)]
    pub status: NodeStatus,
}

/// `ListClusterNodesResponse`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListClusterNodesResponse {
    /// This page of nodes.
    #[serde(default)]
    pub nodes: Vec<Node>,
    /// `null` on the last page.
    #[serde(default)]
    pub pagination: Option<KeysetPaginationResponse>,
}

/// `ClusterMajorVersion`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterMajorVersion {
    /// Major version, e.g. `v24.2`.
    #[serde(default)]
    pub version: String,
    /// Versions a cluster on this one may upgrade to.
    #[serde(default)]
    pub allowed_upgrades: Vec<String>,
    /// Regular or innovation release.
    #[serde(default)]
    pub release_type: ReleaseType,
    /// End of support.
    #[serde(with = "crate::wire::timestamp", default)]
    pub support_end: Timestamp,
    /// Support status.
    #[serde(default)]
    pub support_status: ClusterMajorVersionSupportStatus,
}

/// `ListMajorClusterVersionsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMajorClusterVersionsResponse {
    /// Versions, newest first.
    #[serde(default)]
    pub versions: Vec<ClusterMajorVersion>,
    /// `null` on the last page.
    #[serde(default)]
    pub pagination: Option<KeysetPaginationResponse>,
}

/// `CloudProviderRegion`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CloudProviderRegion {
    /// Region code.
    #[serde(default)]
    pub name: String,
    /// Place name.
    #[serde(default)]
    pub location: String,
    /// Provider.
    #[serde(default)]
    pub provider: CloudProvider,
    /// Whether Basic and Standard clusters may use it.
    #[serde(default)]
    pub serverless: bool,
    /// Distance from the caller, in miles.
    #[serde(default)]
    pub distance: f32,
}

/// `ListAvailableRegionsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListAvailableRegionsResponse {
    /// This page of regions.
    #[serde(default)]
    pub regions: Vec<CloudProviderRegion>,
    /// `null` on the last page.
    #[serde(default)]
    pub pagination: Option<KeysetPaginationResponse>,
}

/// `GetConnectionStringResponse`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetConnectionStringResponse {
    /// A `postgresql://` URL.
    #[serde(default)]
    pub connection_string: String,
    /// Its parts.
    #[serde(default)]
    pub params: ConnectionStringParameters,
}

/// `ConnectionStringParameters` (capitalised on the wire).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionStringParameters {
    /// Database.
    #[serde(rename = "Database", default)]
    pub database: String,
    /// Host.
    #[serde(rename = "Host", default)]
    pub host: String,
    /// Port.
    #[serde(rename = "Port", default)]
    pub port: String,
    /// SQL user.
    #[serde(rename = "Username", default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::round_trip;
    use serde_json::json;

    #[test]
    fn documented_create_requests_round_trip() {
        let basic: CreateClusterRequest = round_trip(json!({
            "name": "basic-test", "provider": "GCP", "plan": "BASIC",
            "spec": {"serverless": {"regions": ["us-central1"]}}
        }));
        assert_eq!(basic.plan, Some(Plan::Basic));
        let standard: CreateClusterRequest = round_trip(json!({
            "name": "standard-test", "provider": "GCP", "plan": "STANDARD",
            "spec": {"serverless": {"regions": ["us-central1"], "usage_limits": {"provisioned_virtual_cpus": "2"}}}
        }));
        let limits = standard.spec.serverless.unwrap().usage_limits.unwrap();
        assert_eq!(limits.provisioned_virtual_cpus, Some(2));
        let advanced: CreateClusterRequest = round_trip(json!({
            "name": "advanced-test", "provider": "AWS", "plan": "ADVANCED",
            "spec": {"dedicated": {"region_nodes": {"us-east-1": 3}, "hardware": {"machine_spec": {"num_virtual_cpus": 4}, "storage_gib": 15}, "cockroach_version": "v23.1.2"}}
        }));
        let dedicated = advanced.spec.dedicated.unwrap();
        assert_eq!(dedicated.region_nodes["us-east-1"], 3);
        assert_eq!(
            dedicated.hardware.machine_spec.unwrap().num_virtual_cpus,
            Some(4)
        );
    }

    #[test]
    fn cluster_with_every_field_round_trips() {
        let c: Cluster = round_trip(json!({
            "id": "c-1", "name": "prod-east", "cloud_provider": "AWS", "plan": "ADVANCED",
            "state": "CREATED", "operation_status": "UNSPECIFIED", "upgrade_status": "FINALIZED",
            "cockroach_version": "v24.1.2",
            "config": {"dedicated": {"machine_type": "m6i.xlarge", "num_virtual_cpus": 4, "storage_gib": 15, "memory_gib": 16.0, "disk_iops": 3000}},
            "regions": [{"name": "us-east-1", "sql_dns": "s", "ui_dns": "u", "internal_dns": "i", "private_endpoint_dns": "p", "node_count": 3, "machine_type": "m6i.xlarge", "num_virtual_cpus": 4, "disk_iops": 3000}],
            "creator_id": "sa-1", "cidr_range": "172.28.0.0/14", "labels": {"team": "db"}, "is_customer_cloud_account": false,
            "account_id": "123", "created_at": "2024-09-16T10:00:00Z", "updated_at": "2024-09-16T11:00:00Z",
            "delete_protection": "ENABLED", "egress_traffic_policy": "ALLOW_ALL", "network_visibility": "PUBLIC",
            "parent_id": "root", "sql_dns": "prod-east.example"
        }));
        assert_eq!(c.state, ClusterState::Created);
        assert_eq!(c.regions[0].node_count, 3);
        assert_eq!(c.delete_protection, Some(DeleteProtectionState::Enabled));
    }

    #[test]
    fn unknown_states_and_missing_fields_do_not_fail_a_list() {
        let list: ListClustersResponse = serde_json::from_value(json!({
            "clusters": [{"id": "c", "name": "n", "state": "HIBERNATING", "operation_status": "CRDB_FUTURE_RUNNING", "plan": "ENTERPRISE"}],
            "pagination": null
        }))
        .unwrap();
        let c = &list.clusters[0];
        assert_eq!(c.state, ClusterState::Unknown("HIBERNATING".into()));
        assert_eq!(c.plan, Plan::Unknown("ENTERPRISE".into()));
        assert!(c.labels.is_empty());
        assert!(list.pagination.is_none());
    }

    #[test]
    fn absent_optional_fields_are_not_sent() {
        let spec = UpdateClusterSpecification {
            delete_protection: Some(DeleteProtectionState::Disabled),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&spec).unwrap(),
            json!({"delete_protection": "DISABLED"})
        );
        let limits = UsageLimits {
            storage_mib_limit: Some(5_242_880),
            request_unit_limit: Some(50_000_000),
            provisioned_virtual_cpus: None,
        };
        assert_eq!(
            serde_json::to_value(ServerlessClusterUpdateSpecification {
                usage_limits: Some(limits),
                ..Default::default()
            })
            .unwrap(),
            json!({"usage_limits": {"storage_mib_limit": "5242880", "request_unit_limit": "50000000"}})
        );
    }

    #[test]
    fn connection_string_parameters_keep_their_capitals() {
        let r: GetConnectionStringResponse = round_trip(json!({
            "connection_string": "postgresql://u@h:26257/defaultdb?sslmode=verify-full",
            "params": {"Database": "defaultdb", "Host": "h", "Port": "26257", "Username": "u"}
        }));
        assert_eq!(r.params.port, "26257");
    }

    #[test]
    fn nodes_versions_and_regions_decode() {
        let nodes: ListClusterNodesResponse = round_trip(
            json!({"nodes": [{"name": "n1", "region_name": "us-east-1", "status": "NOT_READY"}], "pagination": {"next_page": "t"}}),
        );
        assert_eq!(nodes.nodes[0].status, NodeStatus::NotReady);
        let versions: ListMajorClusterVersionsResponse = round_trip(
            json!({"versions": [{"version": "v24.2", "allowed_upgrades": ["v24.3"], "release_type": "INNOVATION", "support_end": "2025-09-16T00:00:00Z", "support_status": "SUPPORTED"}], "pagination": null}),
        );
        assert_eq!(versions.versions[0].release_type, ReleaseType::Innovation);
        let regions: ListAvailableRegionsResponse = round_trip(
            json!({"regions": [{"name": "us-central1", "location": "Iowa", "provider": "GCP", "serverless": true, "distance": 12.5}], "pagination": null}),
        );
        assert!(regions.regions[0].serverless);
    }
}
