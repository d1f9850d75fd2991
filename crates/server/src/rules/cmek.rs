//! CMEK: only on ADVANCED clusters; enable, rotate and revoke move through
//! the `*ING` statuses and settle like other long-running work.

use super::cluster::{PendingKind, lock, require_created};
use crate::error::{ApiError, ApiResult};
use crate::store::model::ClusterRow;
use crdb_cloud::Timestamp;
use crdb_cloud::models::clusters::ClusterStatus;
use crdb_cloud::models::cmek::*;
use crdb_cloud::models::common::Plan;

/// Fails with 400 (code 9) unless the cluster is ADVANCED.
pub fn require_advanced(row: &ClusterRow) -> ApiResult<()> {
    if row.cluster.plan != Plan::Advanced {
        return Err(ApiError::precondition(format!(
            "CMEK is only available on ADVANCED clusters; this cluster is {}",
            row.cluster.plan
        )));
    }
    Ok(())
}

/// What GET shows: the stored info, or `DISABLED` when never enabled.
pub fn info(row: &ClusterRow) -> CmekClusterInfo {
    row.meta.cmek.clone().unwrap_or(CmekClusterInfo {
        status: Some(CmekStatus::Disabled),
        region_infos: Some(Vec::new()),
    })
}

fn status_of(row: &ClusterRow) -> CmekStatus {
    info(row).status.unwrap_or(CmekStatus::Disabled)
}

/// Checks region specs: one per cluster region, each with a known key type and a URI.
fn validate_specs(row: &ClusterRow, specs: &[CmekRegionSpecification]) -> ApiResult<()> {
    let regions: Vec<&str> = row
        .cluster
        .regions
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    for (i, spec) in specs.iter().enumerate() {
        let field = format!("region_specs[{i}]");
        let region = spec.region.as_deref().unwrap_or_default();
        if !regions.contains(&region) {
            return Err(ApiError::invalid(format!(
                "{field}.region: {region:?} is not a region of this cluster"
            )));
        }
        if specs[..i]
            .iter()
            .any(|s| s.region.as_deref() == Some(region))
        {
            return Err(ApiError::invalid(format!(
                "{field}.region: {region:?} is listed twice"
            )));
        }
        let key = spec
            .key_spec
            .as_ref()
            .ok_or_else(|| ApiError::invalid(format!("{field}.key_spec: required")))?;
        match &key.key_type {
            Some(t) if t.is_known() => {}
            other => {
                return Err(ApiError::invalid(format!(
                    "{field}.key_spec.type: expected AWS_KMS, GCP_CLOUD_KMS, AZURE_KEY_VAULT or NULL_KMS, got {:?}",
                    other.as_ref().map(|t| t.to_string()).unwrap_or_default()
                )));
            }
        }
        if key.uri.as_deref().unwrap_or_default().is_empty() {
            return Err(ApiError::invalid(format!("{field}.key_spec.uri: required")));
        }
    }
    if let Some(missing) = regions
        .iter()
        .find(|r| !specs.iter().any(|s| s.region.as_deref() == Some(**r)))
    {
        return Err(ApiError::invalid(format!(
            "region_specs: missing a spec for region {missing:?}"
        )));
    }
    Ok(())
}

/// EnableCMEKSpec: `DISABLED` → `ENABLING` → `ENABLED`.
pub fn enable(
    row: &mut ClusterRow,
    specs: &[CmekRegionSpecification],
    now: Timestamp,
    due_at: Option<Timestamp>,
) -> ApiResult<()> {
    require_advanced(row)?;
    require_created(&row.cluster)?;
    let status = status_of(row);
    if status != CmekStatus::Disabled {
        return Err(ApiError::precondition(format!(
            "CMEK is {status}; enable needs DISABLED (use PUT to rotate keys)"
        )));
    }
    validate_specs(row, specs)?;
    row.meta.cmek = Some(CmekClusterInfo {
        status: Some(CmekStatus::Enabling),
        region_infos: Some(
            specs
                .iter()
                .map(|s| CmekRegionInfo {
                    region: s.region.clone(),
                    status: Some(CmekStatus::Enabling),
                    key_infos: Some(vec![new_key(s, now)]),
                })
                .collect(),
        ),
    });
    start(row, "ENABLED", due_at);
    Ok(())
}

/// UpdateCMEKSpec (rotate): `ENABLED` → `ROTATING` → `ENABLED` with the new keys.
pub fn rotate(
    row: &mut ClusterRow,
    specs: &[CmekRegionSpecification],
    now: Timestamp,
    due_at: Option<Timestamp>,
) -> ApiResult<()> {
    require_advanced(row)?;
    require_created(&row.cluster)?;
    let status = status_of(row);
    if status != CmekStatus::Enabled {
        return Err(ApiError::precondition(format!(
            "CMEK is {status}; rotating keys needs ENABLED"
        )));
    }
    validate_specs(row, specs)?;
    let mut info = info(row);
    info.status = Some(CmekStatus::Rotating);
    for region in info.region_infos.iter_mut().flatten() {
        region.status = Some(CmekStatus::Rotating);
        if let Some(spec) = specs.iter().find(|s| s.region == region.region) {
            region
                .key_infos
                .get_or_insert_with(Vec::new)
                .push(new_key(spec, now));
        }
    }
    row.meta.cmek = Some(info);
    start(row, "ENABLED", due_at);
    Ok(())
}

/// UpdateCMEKStatus (revoke): `ENABLED` → `REVOKING` → `REVOKED`.
pub fn revoke(
    row: &mut ClusterRow,
    action: &CmekCustomerAction,
    due_at: Option<Timestamp>,
) -> ApiResult<()> {
    require_advanced(row)?;
    if *action != CmekCustomerAction::Revoke {
        return Err(ApiError::invalid(format!(
            "action: expected REVOKE, got {action:?}",
            action = action.to_string()
        )));
    }
    require_created(&row.cluster)?;
    let status = status_of(row);
    if status != CmekStatus::Enabled {
        return Err(ApiError::precondition(format!(
            "CMEK is {status}; revoking needs ENABLED"
        )));
    }
    let mut info = info(row);
    info.status = Some(CmekStatus::Revoking);
    for region in info.region_infos.iter_mut().flatten() {
        region.status = Some(CmekStatus::Revoking);
    }
    row.meta.cmek = Some(info);
    start(row, "REVOKED", due_at);
    Ok(())
}

fn new_key(spec: &CmekRegionSpecification, now: Timestamp) -> CmekKeyInfo {
    CmekKeyInfo {
        spec: spec.key_spec.clone(),
        status: Some(CmekStatus::Enabling),
        user_message: None,
        created_at: Some(now),
        updated_at: Some(now),
    }
}

fn start(row: &mut ClusterRow, target: &str, due_at: Option<Timestamp>) {
    lock(
        row,
        PendingKind::Cmek {
            target: target.to_owned(),
        },
        ClusterStatus::CrdbCmekOperationRunning,
        due_at,
        Vec::new(),
    );
}

/// Completes a CMEK change: every region reaches `target`; after a rotation
/// only the newest key of a region stays enabled.
pub fn settle(info: &mut CmekClusterInfo, target: &CmekStatus, at: Timestamp) {
    info.status = Some(target.clone());
    for region in info.region_infos.iter_mut().flatten() {
        region.status = Some(target.clone());
        let keys = region.key_infos.get_or_insert_with(Vec::new);
        let last = keys.len().saturating_sub(1);
        for (i, key) in keys.iter_mut().enumerate() {
            let status = match target {
                CmekStatus::Enabled if i == last => CmekStatus::Enabled,
                CmekStatus::Enabled => CmekStatus::Disabled,
                other if i == last => other.clone(),
                _ => continue,
            };
            if key.status.as_ref() != Some(&status) {
                key.status = Some(status);
                key.updated_at = Some(at);
            }
        }
    }
}
