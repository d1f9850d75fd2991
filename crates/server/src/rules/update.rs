//! UpdateCluster: which changes are allowed in which state, the upgrade
//! flow, and the audit actions a change produces.

use super::catalog;
use super::cluster::{
    PendingKind, dedicated_region, known, lock, machine, require_created, serverless_regions,
    validate_region_nodes, validate_serverless_regions, validate_usage_limits,
};
use crate::error::{ApiError, ApiResult};
use crate::store::model::ClusterRow;
use crdb_cloud::Timestamp;
use crdb_cloud::models::clusters::*;
use crdb_cloud::models::common::Plan;

/// Applies an update to a (settled, non-deleted) cluster. Returns the audit
/// actions to record; empty when nothing changed.
pub fn apply_update(
    row: &mut ClusterRow,
    spec: &UpdateClusterSpecification,
    now: Timestamp,
    due_at: Option<Timestamp>,
) -> ApiResult<Vec<&'static str>> {
    let upgrade = spec.cockroach_version.is_some() || spec.upgrade_status.is_some();
    let other = spec.dedicated.is_some()
        || spec.serverless.is_some()
        || spec.delete_protection.is_some()
        || spec.labels.is_some()
        || spec.parent_id.is_some()
        || spec.plan.is_some();
    if upgrade && other {
        return Err(ApiError::invalid(
            "version upgrade operations cannot be combined with other updates",
        ));
    }
    let actions = if upgrade {
        apply_upgrade(row, spec, due_at)?
    } else {
        apply_edit(row, spec, due_at)?
    };
    if !actions.is_empty() {
        row.cluster.updated_at = Some(now);
    }
    Ok(actions)
}

fn apply_upgrade(
    row: &mut ClusterRow,
    spec: &UpdateClusterSpecification,
    due_at: Option<Timestamp>,
) -> ApiResult<Vec<&'static str>> {
    if spec.cockroach_version.is_some() && spec.upgrade_status.is_some() {
        return Err(ApiError::invalid(
            "only one of upgrade_status or cockroach_version is allowed in the request",
        ));
    }
    require_created(&row.cluster)?;
    let current = catalog::major_of(&row.cluster.cockroach_version)
        .ok_or_else(|| ApiError::internal("cluster runs an unknown version"))?;
    if let Some(target) = &spec.cockroach_version {
        let target = catalog::major_of(target).ok_or_else(|| {
            ApiError::invalid(format!("cockroach_version: unknown version {target:?}"))
        })?;
        let previous = row
            .meta
            .previous_version
            .as_deref()
            .and_then(catalog::major_of);
        let status = row.cluster.upgrade_status.clone();
        if status == ClusterUpgradeStatus::PendingFinalization && previous == Some(target) {
            return Ok(vec![start_rollback(row, due_at)]);
        }
        if target == current {
            return Err(ApiError::precondition(format!(
                "cluster already runs {current}"
            )));
        }
        if status != ClusterUpgradeStatus::UpgradeAvailable {
            return Err(ApiError::precondition(format!(
                "cluster upgrade_status is {status}; an upgrade needs UPGRADE_AVAILABLE"
            )));
        }
        let allowed = catalog::allowed_upgrades(current);
        if !allowed.iter().any(|v| v == target) {
            return Err(ApiError::precondition(format!(
                "cannot upgrade from {current} to {target}; allowed: {}",
                allowed.join(", ")
            )));
        }
        row.meta.previous_version = Some(row.cluster.cockroach_version.clone());
        row.cluster.upgrade_status = ClusterUpgradeStatus::MajorUpgradeRunning;
        lock(
            row,
            PendingKind::Upgrade {
                to: catalog::patch_release(target),
            },
            ClusterStatus::CrdbMajorUpgradeRunning,
            due_at,
            Vec::new(),
        );
        return Ok(vec!["AUDIT_LOG_ACTION_UPDATE_CLUSTER_MAJOR_VERSION"]);
    }
    let wanted = spec.upgrade_status.clone().unwrap_or_default();
    let pending_finalization =
        row.cluster.upgrade_status == ClusterUpgradeStatus::PendingFinalization;
    match wanted {
        ClusterUpgradeStatus::Finalized | ClusterUpgradeStatus::RollbackRunning
            if !pending_finalization =>
        {
            Err(ApiError::precondition(format!(
                "upgrade_status is {}; {wanted} needs PENDING_FINALIZATION",
                row.cluster.upgrade_status
            )))
        }
        ClusterUpgradeStatus::Finalized => {
            row.meta.previous_version = None;
            row.cluster.upgrade_status = if catalog::allowed_upgrades(current).is_empty() {
                ClusterUpgradeStatus::Finalized
            } else {
                ClusterUpgradeStatus::UpgradeAvailable
            };
            Ok(vec![
                "AUDIT_LOG_ACTION_FINALIZE_CLUSTER_MAJOR_VERSION_UPDATE",
            ])
        }
        ClusterUpgradeStatus::RollbackRunning => Ok(vec![start_rollback(row, due_at)]),
        other => Err(ApiError::invalid(format!(
            "upgrade_status: may be set to FINALIZED or ROLLBACK_RUNNING, not {other}"
        ))),
    }
}

fn start_rollback(row: &mut ClusterRow, due_at: Option<Timestamp>) -> &'static str {
    let to = row
        .meta
        .previous_version
        .clone()
        .unwrap_or_else(|| row.cluster.cockroach_version.clone());
    row.cluster.upgrade_status = ClusterUpgradeStatus::RollbackRunning;
    lock(
        row,
        PendingKind::Rollback { to },
        ClusterStatus::CrdbMajorRollbackRunning,
        due_at,
        Vec::new(),
    );
    "AUDIT_LOG_ACTION_ROLLBACK_CLUSTER_MAJOR_VERSION_UPDATE"
}

fn apply_edit(
    row: &mut ClusterRow,
    spec: &UpdateClusterSpecification,
    due_at: Option<Timestamp>,
) -> ApiResult<Vec<&'static str>> {
    let mut actions = Vec::new();
    let mut slow: Option<(ClusterStatus, Vec<String>)> = None;
    let provider = row.cluster.cloud_provider.clone();
    let provider_lc = provider.as_str().to_ascii_lowercase();
    let host_base = format!(
        "{}-{}",
        row.cluster.name,
        &row.cluster.id[..row.cluster.id.len().min(4)]
    );
    let plan = row.cluster.plan.clone();

    if let Some(dp) = &spec.delete_protection {
        known("delete_protection", dp, dp.is_known(), "ENABLED, DISABLED")?;
    }
    if let Some(p) = &spec.plan {
        known("plan", p, p.is_known(), "BASIC, STANDARD, ADVANCED")?;
    }
    let new_plan = spec.plan.clone().unwrap_or_else(|| plan.clone());
    if new_plan != plan {
        if plan == Plan::Advanced || new_plan == Plan::Advanced {
            return Err(ApiError::precondition(format!(
                "cannot change plan from {plan} to {new_plan}; create a new cluster and restore a backup"
            )));
        }
        require_created(&row.cluster)?;
    }
    if spec.serverless.is_some() && new_plan == Plan::Advanced {
        return Err(ApiError::invalid(
            "serverless: applies only to BASIC and STANDARD clusters",
        ));
    }
    if spec.dedicated.is_some() && plan != Plan::Advanced {
        return Err(ApiError::invalid(
            "dedicated: applies only to ADVANCED clusters",
        ));
    }

    if let Some(s) = &spec.serverless {
        let config = row.cluster.config.serverless.clone().unwrap_or_default();
        let mut limits = config.usage_limits.clone().unwrap_or_default();
        if let Some(new_limits) = &s.usage_limits {
            validate_usage_limits("serverless.usage_limits", new_limits, &new_plan)?;
            limits = new_limits.clone();
        }
        if let Some(u) = &s.upgrade_type {
            known(
                "serverless.upgrade_type",
                u,
                u.is_known(),
                "MANUAL, AUTOMATIC",
            )?;
        }
        let current: Vec<String> = row.cluster.regions.iter().map(|r| r.name.clone()).collect();
        let regions = s.regions.clone().unwrap_or_else(|| current.clone());
        if let Some(missing) = current.iter().find(|r| !regions.contains(r)) {
            return Err(ApiError::invalid(format!(
                "serverless.regions: regions cannot be removed; {missing:?} is missing"
            )));
        }
        let old_primary = row
            .cluster
            .regions
            .iter()
            .find(|r| r.primary == Some(true))
            .map(|r| r.name.clone());
        let primary_in = s.primary_region.clone().or(old_primary);
        let primary =
            validate_serverless_regions("serverless", &provider, &regions, primary_in.as_deref())?;
        if regions != current || primary_in.is_some() && s.primary_region.is_some() {
            require_created(&row.cluster)?;
            let added: Vec<String> = regions
                .iter()
                .filter(|r| !current.contains(r))
                .cloned()
                .collect();
            row.cluster.regions =
                serverless_regions(&host_base, &provider_lc, &regions, primary.as_deref());
            slow = Some((ClusterStatus::CrdbEditClusterRunning, added));
        }
        row.cluster.config.serverless = Some(ServerlessClusterConfig {
            usage_limits: Some(limits).filter(|l| *l != UsageLimits::default()),
            upgrade_type: s.upgrade_type.clone().unwrap_or(config.upgrade_type),
            ..config
        });
        actions.push("AUDIT_LOG_ACTION_UPDATE_CLUSTER");
    }
    if new_plan != plan {
        let limits = row
            .cluster
            .config
            .serverless
            .as_ref()
            .and_then(|c| c.usage_limits.clone())
            .unwrap_or_default();
        if new_plan == Plan::Standard && limits.provisioned_virtual_cpus.is_none() {
            return Err(ApiError::invalid(
                "serverless.usage_limits.provisioned_virtual_cpus: required to move to STANDARD",
            ));
        }
        if new_plan == Plan::Basic
            && let Some(config) = &mut row.cluster.config.serverless
            && let Some(l) = &mut config.usage_limits
        {
            l.provisioned_virtual_cpus = None;
        }
        row.cluster.plan = new_plan;
        slow = Some((ClusterStatus::CrdbEditClusterRunning, Vec::new()));
        if !actions.contains(&"AUDIT_LOG_ACTION_UPDATE_CLUSTER") {
            actions.push("AUDIT_LOG_ACTION_UPDATE_CLUSTER");
        }
    }
    if let Some(d) = &spec.dedicated {
        require_created(&row.cluster)?;
        let mut hw = row.cluster.config.dedicated.clone().unwrap_or_default();
        let mut changing: Vec<String> = Vec::new();
        if let Some(specs) = &d.region_machine_specs {
            if d.hardware
                .as_ref()
                .is_some_and(|h| h.machine_spec.is_some())
            {
                return Err(ApiError::invalid(
                    "dedicated.region_machine_specs: not allowed together with hardware.machine_spec",
                ));
            }
            // every region runs one machine here, as at creation
            let mut chosen = None;
            for (region, spec) in specs {
                let field = format!("dedicated.region_machine_specs[{region}]");
                chosen = Some(machine(&field, &provider, spec)?);
            }
            if let Some((mt, vcpus)) = chosen {
                hw.machine_type = mt;
                hw.num_virtual_cpus = vcpus;
                hw.memory_gib = (vcpus * 4) as f32;
                changing = row.cluster.regions.iter().map(|r| r.name.clone()).collect();
            }
        }
        if let Some(h) = &d.hardware {
            if let Some(ms) = &h.machine_spec {
                let (mt, vcpus) = machine("dedicated.hardware", &provider, ms)?;
                hw.machine_type = mt;
                hw.num_virtual_cpus = vcpus;
                hw.memory_gib = (vcpus * 4) as f32;
            }
            if let Some(storage) = h.storage_gib {
                super::bounds::at_most(
                    "dedicated.hardware.storage_gib",
                    storage,
                    super::bounds::MAX_STORAGE_GIB,
                )?;
                if storage < hw.storage_gib {
                    return Err(ApiError::invalid(format!(
                        "dedicated.hardware.storage_gib: cannot shrink storage from {} to {storage}",
                        hw.storage_gib
                    )));
                }
                hw.storage_gib = storage;
            }
            if let Some(iops) = h.disk_iops {
                if iops < 0 {
                    return Err(ApiError::invalid(format!(
                        "dedicated.hardware.disk_iops: must not be negative, got {iops}"
                    )));
                }
                super::bounds::at_most(
                    "dedicated.hardware.disk_iops",
                    iops,
                    super::bounds::MAX_DISK_IOPS,
                )?;
                if iops > 0 {
                    hw.disk_iops = iops;
                }
            }
            changing = row.cluster.regions.iter().map(|r| r.name.clone()).collect();
        }
        let region_nodes = match &d.region_nodes {
            Some(rn) => {
                validate_region_nodes("dedicated.region_nodes", &provider, rn)?;
                rn.clone()
            }
            None => row
                .cluster
                .regions
                .iter()
                .map(|r| (r.name.clone(), r.node_count))
                .collect(),
        };
        if let Some(specs) = &d.cmek_region_specs {
            for s in specs {
                let region = s.region.clone().unwrap_or_default();
                if row.cluster.regions.iter().any(|r| r.name == region) {
                    return Err(ApiError::invalid(format!(
                        "dedicated.cmek_region_specs: region {region:?} already exists; only new regions may carry a spec"
                    )));
                }
            }
        }
        for (name, count) in &region_nodes {
            let same = row
                .cluster
                .regions
                .iter()
                .any(|r| &r.name == name && r.node_count == *count);
            if !same && !changing.contains(name) {
                changing.push(name.clone());
            }
        }
        row.cluster.regions = region_nodes
            .iter()
            .map(|(name, &count)| dedicated_region(&host_base, &provider_lc, name, count, &hw))
            .collect();
        row.cluster.config.dedicated = Some(hw);
        slow = Some((ClusterStatus::CrdbScaleRunning, changing));
        actions.push("AUDIT_LOG_ACTION_UPDATE_CLUSTER");
    }
    if let Some(labels) = &spec.labels {
        super::bounds::labels("labels", labels)?;
        row.cluster.labels = labels.clone();
        if !actions.contains(&"AUDIT_LOG_ACTION_UPDATE_CLUSTER") {
            actions.push("AUDIT_LOG_ACTION_UPDATE_CLUSTER");
        }
    }
    if let Some(parent) = spec.parent_id.as_deref() {
        // a folder id is kept as given; the caller checks that the folder exists
        row.cluster.parent_id = Some(crate::rules::folders::parent_of(Some(parent)));
        if !actions.contains(&"AUDIT_LOG_ACTION_UPDATE_CLUSTER") {
            actions.push("AUDIT_LOG_ACTION_UPDATE_CLUSTER");
        }
    }
    if let Some(dp) = &spec.delete_protection {
        row.cluster.delete_protection = Some(dp.clone());
        actions.push("AUDIT_LOG_ACTION_SET_DELETE_PROTECTION");
    }
    if let Some((status, changing)) = slow {
        lock(
            row,
            PendingKind::Update {
                status: status.to_string(),
            },
            status,
            due_at,
            changing,
        );
    }
    Ok(actions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cluster::{NewCluster, build_cluster, settle};
    use chrono::TimeZone;
    use crdb_cloud::models::common::CloudProvider;

    fn t(secs: i64) -> Timestamp {
        chrono::Utc.timestamp_opt(1_700_000_000 + secs, 0).unwrap()
    }

    fn advanced_row(version: &str) -> ClusterRow {
        let req = CreateClusterRequest {
            name: "adv-cluster".into(),
            provider: CloudProvider::Gcp,
            plan: Some(Plan::Advanced),
            spec: CreateClusterSpecification {
                dedicated: Some(DedicatedClusterCreateSpecification {
                    region_nodes: [("us-central1".to_owned(), 3)].into(),
                    cockroach_version: Some(version.into()),
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
        };
        let new = NewCluster {
            id: "abcd0000".into(),
            creator_id: "sa".into(),
            now: t(0),
            due_at: Some(t(0)),
        };
        let mut row = build_cluster(&req, &new).unwrap();
        settle(&mut row, t(0));
        row
    }

    #[test]
    fn upgrade_runs_then_waits_for_finalization_or_rollback() {
        let mut row = advanced_row("v24.1");
        assert_eq!(
            row.cluster.upgrade_status,
            ClusterUpgradeStatus::UpgradeAvailable
        );
        let up = UpdateClusterSpecification {
            cockroach_version: Some("v24.2".into()),
            ..Default::default()
        };
        let actions = apply_update(&mut row, &up, t(1), Some(t(2))).unwrap();
        assert_eq!(
            actions,
            vec!["AUDIT_LOG_ACTION_UPDATE_CLUSTER_MAJOR_VERSION"]
        );
        assert_eq!(row.cluster.state, ClusterState::Locked);
        assert_eq!(
            row.cluster.operation_status,
            ClusterStatus::CrdbMajorUpgradeRunning
        );
        // a second change while locked is refused with code 9
        let e = apply_update(&mut row, &up, t(1), None).unwrap_err();
        assert_eq!(e.code, 9);
        assert!(e.message.contains("LOCKED"));
        assert!(settle(&mut row, t(2)));
        assert_eq!(row.cluster.cockroach_version, "v24.2.10");
        assert_eq!(
            row.cluster.upgrade_status,
            ClusterUpgradeStatus::PendingFinalization
        );
        // roll back by asking for the previous version
        let back = UpdateClusterSpecification {
            cockroach_version: Some("v24.1".into()),
            ..Default::default()
        };
        apply_update(&mut row, &back, t(3), Some(t(3))).unwrap();
        assert_eq!(
            row.cluster.upgrade_status,
            ClusterUpgradeStatus::RollbackRunning
        );
        settle(&mut row, t(3));
        assert_eq!(row.cluster.cockroach_version, "v24.1.14");
        // upgrade again and finalize
        apply_update(&mut row, &up, t(4), Some(t(4))).unwrap();
        settle(&mut row, t(4));
        let fin = UpdateClusterSpecification {
            upgrade_status: Some(ClusterUpgradeStatus::Finalized),
            ..Default::default()
        };
        assert_eq!(
            apply_update(&mut row, &fin, t(5), None).unwrap(),
            vec!["AUDIT_LOG_ACTION_FINALIZE_CLUSTER_MAJOR_VERSION_UPDATE"]
        );
        assert_eq!(
            row.cluster.upgrade_status,
            ClusterUpgradeStatus::UpgradeAvailable
        );
    }

    #[test]
    fn upgrades_cannot_mix_with_other_changes_or_skip_versions() {
        let mut row = advanced_row("v24.1");
        let mixed = UpdateClusterSpecification {
            cockroach_version: Some("v24.2".into()),
            labels: Some(Default::default()),
            ..Default::default()
        };
        assert_eq!(
            apply_update(&mut row, &mixed, t(1), None).unwrap_err().code,
            3
        );
        let skip = UpdateClusterSpecification {
            cockroach_version: Some("v25.2".into()),
            ..Default::default()
        };
        assert_eq!(
            apply_update(&mut row, &skip, t(1), None).unwrap_err().code,
            9
        );
    }

    #[test]
    fn scaling_locks_and_marks_changing_regions() {
        let mut row = advanced_row("v25.2");
        let scale = UpdateClusterSpecification {
            dedicated: Some(DedicatedClusterUpdateSpecification {
                region_nodes: Some(
                    [("us-central1".to_owned(), 5), ("us-east1".to_owned(), 3)].into(),
                ),
                ..Default::default()
            }),
            ..Default::default()
        };
        apply_update(&mut row, &scale, t(1), Some(t(2))).unwrap();
        assert_eq!(row.cluster.state, ClusterState::Locked);
        assert_eq!(
            row.cluster.operation_status,
            ClusterStatus::CrdbScaleRunning
        );
        let nodes: Vec<_> = crate::rules::cluster::nodes(&row).collect();
        assert_eq!(nodes.len(), 8);
        assert!(nodes.iter().all(|n| n.status == NodeStatus::NotReady));
        settle(&mut row, t(2));
        assert_eq!(row.cluster.state, ClusterState::Created);
        assert!(crate::rules::cluster::nodes(&row).all(|n| n.status == NodeStatus::Live));
        let too_few = UpdateClusterSpecification {
            dedicated: Some(DedicatedClusterUpdateSpecification {
                region_nodes: Some([("us-central1".to_owned(), 2)].into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            apply_update(&mut row, &too_few, t(3), None)
                .unwrap_err()
                .code,
            3
        );
    }
}
