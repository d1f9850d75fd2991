//! Cluster creation, lifecycle and nodes: name rules, per-plan validation,
//! pending work and how it settles on the server's clock.

use super::{bounds, catalog};
use crate::error::{ApiError, ApiResult};
use crate::store::model::{ClusterMeta, ClusterRow};
use crdb_cloud::Timestamp;
use crdb_cloud::models::clusters::*;
use crdb_cloud::models::cmek::CmekStatus;
use crdb_cloud::models::common::{CloudProvider, Plan};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Long-running work on a cluster and when it completes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// What is under way.
    pub kind: PendingKind,
    /// When it completes; `None` until advanced (manual transitions).
    pub due_at: Option<Timestamp>,
    /// Regions whose nodes are not ready meanwhile (empty: none).
    #[serde(default)]
    pub regions_changing: Vec<String>,
}

/// The kinds of long-running work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PendingKind {
    /// `CREATING` → `CREATED`.
    Create,
    /// `LOCKED` with this operation status → `CREATED` / `UNSPECIFIED`.
    Update {
        /// The `*_RUNNING` status shown meanwhile.
        status: String,
    },
    /// Major upgrade to this release → `PENDING_FINALIZATION`.
    Upgrade {
        /// Full release, e.g. `v25.2.0`.
        to: String,
    },
    /// Rollback to this release → `UPGRADE_AVAILABLE`.
    Rollback {
        /// Full release.
        to: String,
    },
    /// CMEK change → the CMEK status `target`.
    Cmek {
        /// `ENABLED` or `REVOKED`.
        target: String,
    },
    /// A CLUSTER restore into this cluster (the restore completes at the same time).
    Restore {
        /// The restore's id.
        restore_id: String,
    },
}

/// Checks a cluster name: 6–20 of `[a-z0-9-]`, no leading or trailing dash.
pub fn validate_name(name: &str) -> ApiResult<()> {
    let len = name.chars().count();
    if !(6..=20).contains(&len) {
        return Err(ApiError::invalid(format!(
            "name: must be 6-20 characters long, got {len}"
        )));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(ApiError::invalid(format!(
            "name: may contain only lowercase letters, digits and dashes, found {c:?}"
        )));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Err(ApiError::invalid("name: must not start or end with a dash"));
    }
    Ok(())
}

/// Fails with 400 (code 3) when a wire enum holds a value the server does not know.
pub fn known<T: std::fmt::Display>(
    field: &str,
    value: &T,
    ok: bool,
    expected: &str,
) -> ApiResult<()> {
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "{field}: unknown value {:?}; expected one of {expected}",
            value.to_string()
        )))
    }
}

/// Checks usage limits: every limit given must be positive.
pub fn validate_usage_limits(field: &str, limits: &UsageLimits, plan: &Plan) -> ApiResult<()> {
    for (name, value, max) in [
        (
            "provisioned_virtual_cpus",
            limits.provisioned_virtual_cpus,
            bounds::MAX_PROVISIONED_VCPUS,
        ),
        (
            "request_unit_limit",
            limits.request_unit_limit,
            bounds::MAX_REQUEST_UNITS,
        ),
        (
            "storage_mib_limit",
            limits.storage_mib_limit,
            bounds::MAX_STORAGE_MIB,
        ),
    ] {
        if let Some(v) = value {
            if v <= 0 {
                return Err(ApiError::invalid(format!(
                    "{field}.{name}: must be more than zero, got {v}"
                )));
            }
            bounds::at_most(&format!("{field}.{name}"), v, max)?;
        }
    }
    if *plan == Plan::Basic && limits.provisioned_virtual_cpus.is_some() {
        return Err(ApiError::invalid(format!(
            "{field}.provisioned_virtual_cpus: only STANDARD clusters provision vCPUs"
        )));
    }
    if *plan == Plan::Standard
        && (limits.request_unit_limit.is_some() || limits.storage_mib_limit.is_some())
    {
        return Err(ApiError::invalid(format!(
            "{field}: request_unit_limit and storage_mib_limit apply only to BASIC clusters"
        )));
    }
    Ok(())
}

/// The plan a create request asks for (top level or in `spec`, which must agree).
pub fn requested_plan(req: &CreateClusterRequest) -> ApiResult<Plan> {
    const PLANS: &str = "BASIC, STANDARD, ADVANCED";
    if let Some(p) = &req.plan {
        known("plan", p, p.is_known(), PLANS)?;
    }
    if let Some(p) = &req.spec.plan {
        known("spec.plan", p, p.is_known(), PLANS)?;
    }
    match (&req.plan, &req.spec.plan) {
        (Some(a), Some(b)) if a != b => Err(ApiError::invalid(format!(
            "plan ({a}) and spec.plan ({b}) disagree"
        ))),
        (Some(p), _) | (None, Some(p)) => Ok(p.clone()),
        (None, None) if req.spec.dedicated.is_some() && req.spec.serverless.is_none() => {
            Ok(Plan::Advanced)
        }
        (None, None) => Ok(Plan::Standard),
    }
}

/// Facts a new cluster takes from the server rather than the request.
#[derive(Debug, Clone)]
pub struct NewCluster {
    /// Cluster id.
    pub id: String,
    /// Service account creating it.
    pub creator_id: String,
    /// The server's clock now.
    pub now: Timestamp,
    /// When creation completes (`None`: manual).
    pub due_at: Option<Timestamp>,
}

/// Validates a create request and builds the new cluster (state `CREATING`).
/// Name uniqueness is checked by the caller against the store.
pub fn build_cluster(req: &CreateClusterRequest, new: &NewCluster) -> ApiResult<ClusterRow> {
    validate_name(&req.name)?;
    if let Some(labels) = &req.spec.labels {
        bounds::labels("spec.labels", labels)?;
    }
    known(
        "provider",
        &req.provider,
        req.provider.is_known(),
        "GCP, AWS, AZURE",
    )?;
    let plan = requested_plan(req)?;
    if let Some(dp) = &req.spec.delete_protection {
        known(
            "spec.delete_protection",
            dp,
            dp.is_known(),
            "ENABLED, DISABLED",
        )?;
    }
    // A folder id is kept as given; the caller checks that the folder exists.
    let parent_id = crate::rules::folders::parent_of(req.spec.parent_id.as_deref());
    let short = &new.id[..new.id.len().min(4)];
    let host_base = format!("{}-{short}", req.name);
    let mut cluster = Cluster {
        id: new.id.clone(),
        name: req.name.clone(),
        cloud_provider: req.provider.clone(),
        plan: plan.clone(),
        state: ClusterState::Creating,
        operation_status: ClusterStatus::Unspecified,
        creator_id: new.creator_id.clone(),
        labels: req.spec.labels.clone().unwrap_or_default(),
        created_at: Some(new.now),
        updated_at: Some(new.now),
        customer_cloud_account: req.spec.customer_cloud_account.clone(),
        is_customer_cloud_account: req.spec.customer_cloud_account.is_some(),
        delete_protection: Some(
            req.spec
                .delete_protection
                .clone()
                .unwrap_or(DeleteProtectionState::Disabled),
        ),
        parent_id: Some(parent_id),
        ..Default::default()
    };
    let provider_lc = req.provider.as_str().to_ascii_lowercase();
    match plan {
        Plan::Advanced => {
            if req.spec.serverless.is_some() {
                return Err(ApiError::invalid(
                    "spec.serverless: not allowed for plan ADVANCED; use spec.dedicated",
                ));
            }
            let d =
                req.spec.dedicated.as_ref().ok_or_else(|| {
                    ApiError::invalid("spec.dedicated: required for plan ADVANCED")
                })?;
            let major = match &d.cockroach_version {
                Some(v) => catalog::major_of(v).ok_or_else(|| {
                    ApiError::invalid(format!(
                        "spec.dedicated.cockroach_version: unknown version {v:?}"
                    ))
                })?,
                None => catalog::latest_major(),
            };
            validate_region_nodes(
                "spec.dedicated.region_nodes",
                &req.provider,
                &d.region_nodes,
            )?;
            let hw = hardware_from_spec(
                &req.provider,
                &d.hardware,
                d.region_machine_specs.as_ref(),
                &d.region_nodes,
            )?;
            if let Some(v) = &d.network_visibility {
                known(
                    "spec.dedicated.network_visibility",
                    v,
                    v.is_known(),
                    "PUBLIC, PRIVATE",
                )?;
            }
            if d.cidr_range.is_some() && req.provider != CloudProvider::Gcp {
                return Err(ApiError::invalid(
                    "spec.dedicated.cidr_range: only GCP clusters take a CIDR range",
                ));
            }
            cluster.cockroach_version = catalog::patch_release(major);
            cluster.upgrade_status = if catalog::allowed_upgrades(major).is_empty() {
                ClusterUpgradeStatus::Finalized
            } else {
                ClusterUpgradeStatus::UpgradeAvailable
            };
            cluster.cidr_range = if req.provider == CloudProvider::Gcp {
                d.cidr_range
                    .clone()
                    .unwrap_or_else(|| "172.28.0.0/14".into())
            } else {
                String::new()
            };
            cluster.network_visibility = Some(
                d.network_visibility
                    .clone()
                    .unwrap_or(NetworkVisibility::Public),
            );
            cluster.egress_traffic_policy = Some(if d.restrict_egress_traffic == Some(true) {
                EgressTrafficPolicy::DefaultDeny
            } else {
                EgressTrafficPolicy::AllowAll
            });
            cluster.regions = d
                .region_nodes
                .iter()
                .map(|(name, &count)| dedicated_region(&host_base, &provider_lc, name, count, &hw))
                .collect();
            cluster.config.dedicated = Some(hw);
            cluster.sql_dns = Some(format!("{host_base}.{provider_lc}.cockroachlabs.cloud"));
        }
        Plan::Basic | Plan::Standard => {
            if req.spec.dedicated.is_some() {
                return Err(ApiError::invalid(format!(
                    "spec.dedicated: not allowed for plan {plan}; use spec.serverless"
                )));
            }
            let s = req.spec.serverless.as_ref().ok_or_else(|| {
                ApiError::invalid(format!("spec.serverless: required for plan {plan}"))
            })?;
            let primary = validate_serverless_regions(
                "spec.serverless",
                &req.provider,
                &s.regions,
                s.primary_region.as_deref(),
            )?;
            if let Some(u) = &s.upgrade_type {
                known(
                    "spec.serverless.upgrade_type",
                    u,
                    u.is_known(),
                    "MANUAL, AUTOMATIC",
                )?;
            }
            if let Some(limits) = &s.usage_limits {
                validate_usage_limits("spec.serverless.usage_limits", limits, &plan)?;
            }
            if plan == Plan::Standard
                && s.usage_limits
                    .as_ref()
                    .and_then(|l| l.provisioned_virtual_cpus)
                    .is_none()
            {
                return Err(ApiError::invalid(
                    "spec.serverless.usage_limits.provisioned_virtual_cpus: required for plan STANDARD",
                ));
            }
            cluster.cockroach_version = catalog::patch_release(catalog::latest_major());
            cluster.upgrade_status = ClusterUpgradeStatus::Finalized;
            cluster.config.serverless = Some(ServerlessClusterConfig {
                routing_id: host_base.clone(),
                upgrade_type: s.upgrade_type.clone().unwrap_or(UpgradeType::Automatic),
                usage_limits: s.usage_limits.clone(),
            });
            cluster.regions =
                serverless_regions(&host_base, &provider_lc, &s.regions, primary.as_deref());
            cluster.sql_dns = cluster.regions.first().map(|r| r.sql_dns.clone());
        }
        _ => unreachable_plan(&plan)?,
    }
    let regions_changing = cluster.regions.iter().map(|r| r.name.clone()).collect();
    Ok(ClusterRow {
        cluster,
        meta: ClusterMeta {
            pending: Some(Pending {
                kind: PendingKind::Create,
                due_at: new.due_at,
                regions_changing,
            }),
            ..Default::default()
        },
    })
}

fn unreachable_plan(plan: &Plan) -> ApiResult<()> {
    Err(ApiError::invalid(format!(
        "plan: unknown value {:?}",
        plan.as_str()
    )))
}

/// Checks Advanced `region_nodes`: known regions, at least 3 nodes each.
pub fn validate_region_nodes(
    field: &str,
    provider: &CloudProvider,
    region_nodes: &BTreeMap<String, i32>,
) -> ApiResult<()> {
    if region_nodes.is_empty() {
        return Err(ApiError::invalid(format!(
            "{field}: at least one region is required"
        )));
    }
    bounds::list(field, region_nodes.len(), bounds::MAX_REGIONS)?;
    for (region, &count) in region_nodes {
        if !catalog::region_exists(provider, region, false) {
            return Err(ApiError::invalid(format!(
                "{field}: unknown {provider} region {region:?}"
            )));
        }
        if count < 3 {
            return Err(ApiError::invalid(format!(
                "{field}[{region}]: at least 3 nodes per region, got {count}"
            )));
        }
        bounds::at_most(
            &format!("{field}[{region}]"),
            count,
            bounds::MAX_NODES_PER_REGION,
        )?;
    }
    Ok(())
}

/// Checks serverless regions; returns the primary region, if several.
pub fn validate_serverless_regions(
    field: &str,
    provider: &CloudProvider,
    regions: &[String],
    primary: Option<&str>,
) -> ApiResult<Option<String>> {
    if regions.is_empty() {
        return Err(ApiError::invalid(format!(
            "{field}.regions: at least one region is required"
        )));
    }
    bounds::list(
        &format!("{field}.regions"),
        regions.len(),
        bounds::MAX_REGIONS,
    )?;
    for (i, region) in regions.iter().enumerate() {
        if !catalog::region_exists(provider, region, true) {
            return Err(ApiError::invalid(format!(
                "{field}.regions: {region:?} is not a serverless {provider} region"
            )));
        }
        if regions[..i].contains(region) {
            return Err(ApiError::invalid(format!(
                "{field}.regions: {region:?} is listed twice"
            )));
        }
    }
    match primary {
        Some(p) if !regions.iter().any(|r| r == p) => Err(ApiError::invalid(format!(
            "{field}.primary_region: {p:?} is not one of the regions"
        ))),
        Some(p) => Ok(Some(p.to_owned())),
        None if regions.len() > 1 => Err(ApiError::invalid(format!(
            "{field}.primary_region: required with more than one region"
        ))),
        None => Ok(None),
    }
}

/// Hardware of an Advanced cluster from its create specification.
fn hardware_from_spec(
    provider: &CloudProvider,
    hw: &DedicatedHardwareCreateSpecification,
    region_specs: Option<&BTreeMap<String, DedicatedMachineTypeSpecification>>,
    region_nodes: &BTreeMap<String, i32>,
) -> ApiResult<DedicatedHardwareConfig> {
    let field = "spec.dedicated.hardware";
    let spec = match (&hw.machine_spec, region_specs) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid(
                "spec.dedicated.region_machine_specs: not allowed together with hardware.machine_spec",
            ));
        }
        (Some(spec), None) => spec.clone(),
        (None, Some(per_region)) => {
            for region in region_nodes.keys() {
                if !per_region.contains_key(region) {
                    return Err(ApiError::invalid(format!(
                        "spec.dedicated.region_machine_specs: missing region {region:?}"
                    )));
                }
            }
            per_region.values().next().cloned().unwrap_or_default()
        }
        (None, None) => {
            return Err(ApiError::invalid(format!(
                "{field}.machine_spec: machine_type or num_virtual_cpus is required"
            )));
        }
    };
    let (machine_type, vcpus) = machine(field, provider, &spec)?;
    if hw.storage_gib < 0 {
        return Err(ApiError::invalid(format!(
            "{field}.storage_gib: must not be negative, got {}",
            hw.storage_gib
        )));
    }
    bounds::at_most(
        &format!("{field}.storage_gib"),
        hw.storage_gib,
        bounds::MAX_STORAGE_GIB,
    )?;
    let storage_gib = if hw.storage_gib == 0 {
        15 * vcpus
    } else {
        hw.storage_gib
    };
    let disk_iops = match hw.disk_iops {
        Some(n) if n < 0 => {
            return Err(ApiError::invalid(format!(
                "{field}.disk_iops: must not be negative, got {n}"
            )));
        }
        Some(n) if n > bounds::MAX_DISK_IOPS => {
            return Err(ApiError::invalid(format!(
                "{field}.disk_iops: at most {}, got {n}",
                bounds::MAX_DISK_IOPS
            )));
        }
        Some(n) if n > 0 && *provider == CloudProvider::Aws => n,
        _ => (storage_gib * 30).clamp(3000, 64000),
    };
    Ok(DedicatedHardwareConfig {
        machine_type,
        num_virtual_cpus: vcpus,
        storage_gib,
        memory_gib: (vcpus * 4) as f32,
        disk_iops,
    })
}

/// Resolves a machine spec to (machine type, vCPUs).
pub fn machine(
    field: &str,
    provider: &CloudProvider,
    spec: &DedicatedMachineTypeSpecification,
) -> ApiResult<(String, i32)> {
    match (&spec.machine_type, spec.num_virtual_cpus) {
        (Some(mt), _) => {
            let vcpus = catalog::vcpus_of_machine(mt).ok_or_else(|| {
                ApiError::invalid(format!(
                    "{field}.machine_spec.machine_type: unknown {provider} machine type {mt:?}"
                ))
            })?;
            Ok((mt.clone(), vcpus))
        }
        (None, Some(n)) if catalog::VCPU_CHOICES.contains(&n) => {
            Ok((catalog::machine_type(provider, n), n))
        }
        (None, Some(n)) => Err(ApiError::invalid(format!(
            "{field}.machine_spec.num_virtual_cpus: {n} is not offered; choose one of {:?}",
            catalog::VCPU_CHOICES
        ))),
        (None, None) => Err(ApiError::invalid(format!(
            "{field}.machine_spec: machine_type or num_virtual_cpus is required"
        ))),
    }
}

/// One region of an Advanced cluster.
pub fn dedicated_region(
    host_base: &str,
    provider_lc: &str,
    name: &str,
    count: i32,
    hw: &DedicatedHardwareConfig,
) -> Region {
    let dns = format!("{host_base}.{provider_lc}-{name}.cockroachlabs.cloud");
    Region {
        name: name.to_owned(),
        sql_dns: dns.clone(),
        ui_dns: format!("admin-{dns}"),
        internal_dns: format!("internal-{dns}"),
        private_endpoint_dns: format!("private-{dns}"),
        node_count: count,
        machine_type: Some(hw.machine_type.clone()),
        num_virtual_cpus: Some(hw.num_virtual_cpus),
        disk_iops: Some(hw.disk_iops),
        ..Default::default()
    }
}

/// The regions of a Basic or Standard cluster.
pub fn serverless_regions(
    host_base: &str,
    provider_lc: &str,
    regions: &[String],
    primary: Option<&str>,
) -> Vec<Region> {
    regions
        .iter()
        .map(|name| {
            let dns = format!("{host_base}.{provider_lc}-{name}.crdb.io");
            Region {
                name: name.clone(),
                sql_dns: dns.clone(),
                ui_dns: String::new(),
                internal_dns: String::new(),
                private_endpoint_dns: format!("private-{dns}"),
                node_count: 0,
                primary: primary.map(|p| p == name),
                ..Default::default()
            }
        })
        .collect()
}

/// Whether the row's pending work is due by `now`.
fn work_due(row: &ClusterRow, now: Timestamp) -> bool {
    matches!(&row.meta.pending, Some(Pending { due_at: Some(at), .. }) if *at <= now)
}

/// The cluster as the API shows it at `now`: cloning only the wire model,
/// unless due work has to be settled first (then the whole row, once).
pub fn settled_cluster(row: &ClusterRow, now: Timestamp) -> Cluster {
    if !work_due(row, now) {
        return row.cluster.clone();
    }
    let mut row = row.clone();
    settle(&mut row, now);
    row.cluster
}

/// Completes pending work that is due by `now`. Returns whether anything changed.
pub fn settle(row: &mut ClusterRow, now: Timestamp) -> bool {
    if !work_due(row, now) {
        return false;
    }
    let Some(pending) = row.meta.pending.take() else {
        return false;
    };
    let at = pending.due_at.unwrap_or(now);
    let c = &mut row.cluster;
    match pending.kind {
        PendingKind::Create => {
            if c.state == ClusterState::Creating {
                c.state = ClusterState::Created;
            }
        }
        PendingKind::Update { .. } | PendingKind::Restore { .. } => {}
        PendingKind::Upgrade { to } => {
            c.cockroach_version = to;
            c.upgrade_status = ClusterUpgradeStatus::PendingFinalization;
        }
        PendingKind::Rollback { to } => {
            c.cockroach_version = to;
            c.upgrade_status = ClusterUpgradeStatus::UpgradeAvailable;
            row.meta.previous_version = None;
        }
        PendingKind::Cmek { target } => {
            if let Some(info) = &mut row.meta.cmek {
                super::cmek::settle(info, &CmekStatus::from(target.as_str()), at);
            }
        }
    }
    if c.state == ClusterState::Locked {
        c.state = ClusterState::Created;
    }
    c.operation_status = ClusterStatus::Unspecified;
    c.updated_at = Some(at);
    true
}

/// Starts long-running work: the cluster is `LOCKED` with `status` until it settles.
pub fn lock(
    row: &mut ClusterRow,
    kind: PendingKind,
    status: ClusterStatus,
    due_at: Option<Timestamp>,
    regions_changing: Vec<String>,
) {
    row.cluster.state = ClusterState::Locked;
    row.cluster.operation_status = status;
    row.meta.pending = Some(Pending {
        kind,
        due_at,
        regions_changing,
    });
}

/// Fails with 400 (code 9) unless the cluster is `CREATED`.
pub fn require_created(cluster: &Cluster) -> ApiResult<()> {
    match &cluster.state {
        ClusterState::Created => Ok(()),
        ClusterState::Locked => Err(ApiError::precondition(format!(
            "cluster is LOCKED while {} runs; try again when it is CREATED",
            cluster.operation_status
        ))),
        other => Err(ApiError::precondition(format!(
            "cluster is {other}; this needs a CREATED cluster"
        ))),
    }
}

/// Fails with 400 (code 9) if delete protection is on.
pub fn check_deletable(cluster: &Cluster) -> ApiResult<()> {
    if cluster.delete_protection == Some(DeleteProtectionState::Enabled) {
        return Err(ApiError::precondition(
            "cluster has delete protection enabled",
        ));
    }
    Ok(())
}

/// Marks a cluster deleted.
pub fn mark_deleted(row: &mut ClusterRow, now: Timestamp) {
    row.meta.pending = None;
    row.cluster.state = ClusterState::Deleted;
    row.cluster.operation_status = ClusterStatus::Unspecified;
    row.cluster.deleted_at = Some(now);
    row.cluster.updated_at = Some(now);
}

/// The nodes of a cluster, in (region, name) order; `NOT_READY` in regions
/// that are changing. Made one at a time as they are read, so a page costs
/// only its own nodes.
pub fn nodes(row: &ClusterRow) -> impl DoubleEndedIterator<Item = Node> + '_ {
    let gone = matches!(
        row.cluster.state,
        ClusterState::Deleted | ClusterState::CreationFailed
    );
    let changing: &[String] = row
        .meta
        .pending
        .as_ref()
        .map_or(&[], |p| &p.regions_changing);
    let mut regions: Vec<&Region> = if gone {
        Vec::new()
    } else {
        row.cluster.regions.iter().collect()
    };
    regions.sort_by(|a, b| a.name.cmp(&b.name));
    let cluster = &row.cluster.name;
    regions.into_iter().flat_map(move |region| {
        let status = if changing.contains(&region.name) {
            NodeStatus::NotReady
        } else {
            NodeStatus::Live
        };
        // names sort as numbers: at most MAX_NODES_PER_REGION (< 10,000) nodes
        (0..region.node_count.max(0)).map(move |i| Node {
            name: format!("{cluster}-{}-{:04}", region.name, i + 1),
            region_name: region.name.clone(),
            status: status.clone(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(secs: i64) -> Timestamp {
        chrono::Utc.timestamp_opt(1_700_000_000 + secs, 0).unwrap()
    }

    fn new(due: Option<Timestamp>) -> NewCluster {
        NewCluster {
            id: "0123abcd-0000-4000-8000-000000000000".into(),
            creator_id: "sa".into(),
            now: t(0),
            due_at: due,
        }
    }

    fn standard(name: &str) -> CreateClusterRequest {
        CreateClusterRequest {
            name: name.into(),
            provider: CloudProvider::Gcp,
            spec: CreateClusterSpecification {
                serverless: Some(ServerlessClusterCreateSpecification {
                    regions: vec!["us-central1".into()],
                    usage_limits: Some(UsageLimits {
                        provisioned_virtual_cpus: Some(2),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            },
            plan: None,
        }
    }

    fn advanced(nodes: i32) -> CreateClusterRequest {
        CreateClusterRequest {
            name: "adv-cluster".into(),
            provider: CloudProvider::Aws,
            plan: Some(Plan::Advanced),
            spec: CreateClusterSpecification {
                dedicated: Some(DedicatedClusterCreateSpecification {
                    region_nodes: [("us-east-1".to_owned(), nodes)].into(),
                    hardware: DedicatedHardwareCreateSpecification {
                        machine_spec: Some(DedicatedMachineTypeSpecification {
                            num_virtual_cpus: Some(4),
                            ..Default::default()
                        }),
                        ..Default::default()
                    },
                    ..Default::default()
                }),
                ..Default::default()
            },
        }
    }

    #[test]
    fn names_follow_the_rules() {
        for ok in ["abcdef", "my-cluster-1", "a1234567890123456789"] {
            validate_name(ok).unwrap();
        }
        for bad in [
            "abc",
            "a12345678901234567890",
            "-abcdef",
            "abcdef-",
            "Abcdef",
            "abc_def",
            "abc def",
        ] {
            let e = validate_name(bad).unwrap_err();
            assert_eq!((e.status, e.code), (400, 3), "{bad}");
        }
    }

    #[test]
    fn default_plan_is_standard_and_plans_must_agree() {
        let mut req = standard("default-plan");
        assert_eq!(requested_plan(&req).unwrap(), Plan::Standard);
        req.plan = Some(Plan::Basic);
        req.spec.plan = Some(Plan::Standard);
        assert!(
            requested_plan(&req)
                .unwrap_err()
                .message
                .contains("disagree")
        );
        req.spec.plan = Some(Plan::Unknown("GOLD".into()));
        assert!(requested_plan(&req).unwrap_err().message.contains("GOLD"));
    }

    #[test]
    fn standard_needs_provisioned_vcpus_and_nonzero_limits() {
        let mut req = standard("std-cluster");
        let row = build_cluster(&req, &new(Some(t(5)))).unwrap();
        assert_eq!(row.cluster.state, ClusterState::Creating);
        assert_eq!(row.cluster.plan, Plan::Standard);
        assert_eq!(row.cluster.regions[0].node_count, 0);
        if let Some(s) = &mut req.spec.serverless {
            s.usage_limits = Some(UsageLimits {
                provisioned_virtual_cpus: Some(0),
                ..Default::default()
            });
        }
        assert!(
            build_cluster(&req, &new(None))
                .unwrap_err()
                .message
                .contains("more than zero")
        );
        if let Some(s) = &mut req.spec.serverless {
            s.usage_limits = None;
        }
        assert!(
            build_cluster(&req, &new(None))
                .unwrap_err()
                .message
                .contains("required")
        );
    }

    #[test]
    fn advanced_needs_three_nodes_per_region() {
        assert!(
            build_cluster(&advanced(1), &new(None))
                .unwrap_err()
                .message
                .contains("at least 3")
        );
        let row = build_cluster(&advanced(3), &new(None)).unwrap();
        let hw = row.cluster.config.dedicated.as_ref().unwrap();
        assert_eq!(hw.machine_type, "m6i.xlarge");
        assert_eq!(nodes(&row).count(), 3);
        assert!(nodes(&row).all(|n| n.status == NodeStatus::NotReady));
    }

    #[test]
    fn unknown_provider_and_regions_are_refused() {
        let mut req = standard("bad-provider");
        req.provider = CloudProvider::Unknown("IBM".into());
        assert!(
            build_cluster(&req, &new(None))
                .unwrap_err()
                .message
                .contains("IBM")
        );
        let mut req = standard("bad-region");
        if let Some(s) = &mut req.spec.serverless {
            s.regions = vec!["mars-1".into()];
        }
        assert!(
            build_cluster(&req, &new(None))
                .unwrap_err()
                .message
                .contains("mars-1")
        );
    }

    #[test]
    fn creation_settles_when_due_and_not_before() {
        let mut row = build_cluster(&standard("settling"), &new(Some(t(5)))).unwrap();
        assert!(!settle(&mut row, t(4)));
        assert_eq!(row.cluster.state, ClusterState::Creating);
        assert!(settle(&mut row, t(5)));
        assert_eq!(row.cluster.state, ClusterState::Created);
        assert!(row.meta.pending.is_none());
        let mut manual = build_cluster(&standard("manual"), &new(None)).unwrap();
        assert!(!settle(&mut manual, t(1_000_000)));
    }

    #[test]
    fn delete_protection_blocks_delete() {
        let mut row = build_cluster(&standard("protected"), &new(None)).unwrap();
        row.cluster.delete_protection = Some(DeleteProtectionState::Enabled);
        let e = check_deletable(&row.cluster).unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (9, "cluster has delete protection enabled")
        );
        row.cluster.delete_protection = Some(DeleteProtectionState::Disabled);
        check_deletable(&row.cluster).unwrap();
        mark_deleted(&mut row, t(9));
        assert_eq!(row.cluster.state, ClusterState::Deleted);
        assert_eq!(nodes(&row).count(), 0);
    }
}
