//! Per-cluster data kept in [`ClusterMeta`](super::model::ClusterMeta): SQL
//! users, databases, backup schedule, restores, maintenance window, version
//! deferral and blackout windows. Absent parts mean the defaults, so clusters
//! stored before these existed load unchanged.

use crdb_cloud::Timestamp;
use crdb_cloud::models::backups::{BackupConfiguration, Restore};
use crdb_cloud::models::blackout_windows::BlackoutWindow;
use crdb_cloud::models::maintenance::{ClusterVersionDeferralPolicy, MaintenanceWindow};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The data of one cluster that its own API families manage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterData {
    /// SQL users by (lower-case) name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sql_users: BTreeMap<String, SqlUserRow>,
    /// Databases by name → table count; `None`: the initial `defaultdb` and `postgres`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub databases: Option<BTreeMap<String, i64>>,
    /// Backup settings and schedule history; `None`: the plan's defaults since creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backups: Option<BackupState>,
    /// Restores into this cluster, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub restores: Vec<RestoreRow>,
    /// The weekly maintenance window, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance_window: Option<MaintenanceWindow>,
    /// The patch deferral policy, if ever set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_deferral: Option<DeferralRow>,
    /// Blackout windows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blackout_windows: Vec<BlackoutWindow>,
}

impl ClusterData {
    /// Whether nothing differs from the defaults (so nothing is stored).
    pub fn is_empty(&self) -> bool {
        self == &ClusterData::default()
    }
}

/// A SQL user: only a salted hash of the password is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SqlUserRow {
    /// `salt$hex(sha256(salt || password))`.
    pub password_hash: String,
    /// When the user was created.
    pub created_at: Timestamp,
}

/// One stretch of the backup schedule: from `from` until the next segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleSegment {
    /// Start of the stretch (a backup is taken at `from` when enabled).
    pub from: Timestamp,
    /// Whether backups were taken.
    pub enabled: bool,
    /// Minutes between backups.
    pub frequency_minutes: i32,
}

/// Backup settings once changed from the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupState {
    /// The current configuration.
    pub config: BackupConfiguration,
    /// Whether `retention_days` was changed once already (it can be only once).
    pub retention_changed: bool,
    /// Schedule history, oldest first; the last one is current.
    pub schedule: Vec<ScheduleSegment>,
    /// Extra backups taken through the local admin API.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_demand: Vec<Timestamp>,
}

/// A restore job and when it completes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RestoreRow {
    /// The job as stored (status `PENDING` until it completes or fails).
    pub restore: Restore,
    /// When it completes; `None` until advanced (manual transitions).
    pub due_at: Option<Timestamp>,
}

/// The version deferral policy and when it was set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeferralRow {
    /// The policy (`FIXED_DEFERRAL` is stored as `DEFERRAL_60_DAYS`).
    pub policy: ClusterVersionDeferralPolicy,
    /// When it was set.
    pub set_at: Timestamp,
}
