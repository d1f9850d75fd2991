//! Managed backups: the backup configuration (validated, retention settable
//! once, fixed on BASIC) and the backups it produces, derived from the
//! cluster's creation time and the schedule's history on the server's clock.

use crate::error::{ApiError, ApiResult};
use crate::store::data::{BackupState, ScheduleSegment};
use crate::store::model::ClusterRow;
use chrono::{DurationRound, TimeDelta};
use crdb_cloud::Timestamp;
use crdb_cloud::models::backups::{
    BackupConfiguration, BackupSummary, UpdateBackupConfigurationSpec,
};
use crdb_cloud::models::clusters::ClusterState;
use crdb_cloud::models::common::Plan;
use sha2::{Digest, Sha256};

/// Allowed `frequency_minutes`.
pub const FREQUENCIES: [i32; 7] = [5, 10, 15, 30, 60, 240, 1440];
/// Allowed `retention_days`.
pub const RETENTIONS: [i32; 5] = [2, 7, 30, 90, 365];
/// The documented answer to a second retention change.
pub const RETENTION_ONCE: &str =
    "cluster already has a retention policy set, open a support ticket to change it";

/// The configuration a cluster starts with: enabled, kept 30 days, hourly
/// (daily on BASIC, whose schedule is fixed).
pub fn default_config(plan: &Plan) -> BackupConfiguration {
    BackupConfiguration {
        enabled: true,
        retention_days: 30,
        frequency_minutes: if *plan == Plan::Basic { 1440 } else { 60 },
    }
}

fn whole_seconds(t: Timestamp) -> Timestamp {
    t.duration_trunc(TimeDelta::seconds(1)).unwrap_or(t)
}

/// The backup state, with the defaults filled in when never changed.
pub fn state(row: &ClusterRow) -> BackupState {
    row.meta.data.backups.clone().unwrap_or_else(|| {
        let config = default_config(&row.cluster.plan);
        let from = whole_seconds(row.cluster.created_at.unwrap_or_default());
        BackupState {
            schedule: vec![ScheduleSegment {
                from,
                enabled: config.enabled,
                frequency_minutes: config.frequency_minutes,
            }],
            config,
            retention_changed: false,
            on_demand: Vec::new(),
        }
    })
}

/// The current configuration.
pub fn config(row: &ClusterRow) -> BackupConfiguration {
    state(row).config
}

fn one_of(field: &str, value: i32, allowed: &[i32]) -> ApiResult<()> {
    if allowed.contains(&value) {
        return Ok(());
    }
    let list: Vec<String> = allowed.iter().map(i32::to_string).collect();
    Err(ApiError::invalid(format!(
        "{field}: must be one of {}, got {value}",
        list.join(", ")
    )))
}

/// UpdateBackupConfiguration. Returns whether anything changed.
pub fn update(
    row: &mut ClusterRow,
    spec: &UpdateBackupConfigurationSpec,
    now: Timestamp,
) -> ApiResult<bool> {
    if spec.enabled == Some(false)
        && (spec.frequency_minutes.is_some() || spec.retention_days.is_some())
    {
        return Err(ApiError::invalid(
            "when disabling backups, frequency_minutes and retention_days cannot be set",
        ));
    }
    if let Some(f) = spec.frequency_minutes {
        one_of("frequency_minutes", f, &FREQUENCIES)?;
    }
    if let Some(r) = spec.retention_days {
        one_of("retention_days", r, &RETENTIONS)?;
    }
    if row.cluster.plan == Plan::Basic {
        return Err(ApiError::precondition(
            "backup settings cannot be changed on BASIC clusters",
        ));
    }
    let mut st = state(row);
    let old = st.config.clone();
    if let Some(r) = spec.retention_days
        && r != old.retention_days
    {
        if st.retention_changed {
            return Err(ApiError::precondition(RETENTION_ONCE));
        }
        st.config.retention_days = r;
        st.retention_changed = true;
    }
    if let Some(e) = spec.enabled {
        st.config.enabled = e;
    }
    if let Some(f) = spec.frequency_minutes {
        st.config.frequency_minutes = f;
    }
    if st.config == old {
        return Ok(false);
    }
    if st.config.enabled != old.enabled || st.config.frequency_minutes != old.frequency_minutes {
        st.schedule.push(ScheduleSegment {
            from: whole_seconds(now),
            enabled: st.config.enabled,
            frequency_minutes: st.config.frequency_minutes,
        });
    }
    row.meta.data.backups = Some(st);
    Ok(true)
}

/// Takes a backup now (local admin API).
pub fn take_backup(row: &mut ClusterRow, now: Timestamp) -> ApiResult<BackupSummary> {
    if matches!(
        row.cluster.state,
        ClusterState::Creating | ClusterState::CreationFailed | ClusterState::Deleted
    ) {
        return Err(ApiError::precondition(format!(
            "cluster is {}; backups need a CREATED cluster",
            row.cluster.state
        )));
    }
    let mut st = state(row);
    let at = now
        .duration_trunc(TimeDelta::milliseconds(1))
        .unwrap_or(now);
    if !st.on_demand.contains(&at) {
        st.on_demand.push(at);
    }
    row.meta.data.backups = Some(st);
    Ok(summary(&row.cluster.id, at))
}

/// The id of the backup of `cluster_id` taken at `at` (stable, uuid-shaped).
pub fn backup_id(cluster_id: &str, at: Timestamp) -> String {
    let digest = Sha256::digest(format!("{cluster_id}/{}", at.timestamp_millis()).as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

fn summary(cluster_id: &str, at: Timestamp) -> BackupSummary {
    BackupSummary {
        id: backup_id(cluster_id, at),
        as_of_time: at,
    }
}

/// The backups kept at `now` whose time is in `[start, end)`, newest first:
/// one at each schedule tick while enabled (the first when the schedule
/// starts), plus those taken on demand, within the retention period.
pub fn backups(
    row: &ClusterRow,
    now: Timestamp,
    start: Option<Timestamp>,
    end: Option<Timestamp>,
) -> Vec<BackupSummary> {
    if matches!(
        row.cluster.state,
        ClusterState::Creating | ClusterState::CreationFailed
    ) {
        return Vec::new();
    }
    let st = state(row);
    let until = row.cluster.deleted_at.map_or(now, |d| d.min(now));
    let oldest = now - TimeDelta::days(i64::from(st.config.retention_days));
    let lo = start.map_or(oldest, |s| s.max(oldest));
    let in_range = |t: &Timestamp| *t >= lo && *t <= until && end.is_none_or(|e| *t < e);
    let mut times: Vec<Timestamp> = Vec::new();
    for (i, seg) in st.schedule.iter().enumerate() {
        if !seg.enabled || seg.frequency_minutes <= 0 {
            continue;
        }
        let step = i64::from(seg.frequency_minutes) * 60;
        let next_from = st.schedule.get(i + 1).map(|n| n.from);
        let mut k = if lo > seg.from {
            ((lo - seg.from).num_seconds() + step - 1) / step
        } else {
            0
        };
        loop {
            let t = seg.from + TimeDelta::seconds(step * k);
            if t > until || next_from.is_some_and(|n| t >= n) {
                break;
            }
            if in_range(&t) {
                times.push(t);
            }
            k += 1;
        }
    }
    times.extend(st.on_demand.iter().copied().filter(|t| in_range(t)));
    times.sort();
    times.dedup();
    times.reverse();
    times
        .into_iter()
        .map(|t| summary(&row.cluster.id, t))
        .collect()
}

/// The kept backup with this id, if any.
pub fn find(row: &ClusterRow, now: Timestamp, id: &str) -> Option<BackupSummary> {
    backups(row, now, None, None)
        .into_iter()
        .find(|b| b.id == id)
}

/// The newest backup from the last 7 days, if any.
pub fn newest_recent(row: &ClusterRow, now: Timestamp) -> Option<BackupSummary> {
    backups(row, now, Some(now - TimeDelta::days(7)), None)
        .into_iter()
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(secs: i64) -> Timestamp {
        chrono::Utc.timestamp_opt(1_700_000_000 + secs, 0).unwrap()
    }

    fn row(plan: Plan) -> ClusterRow {
        let mut row = ClusterRow {
            cluster: Default::default(),
            meta: Default::default(),
        };
        row.cluster.id = "c1".into();
        row.cluster.plan = plan;
        row.cluster.state = ClusterState::Created;
        row.cluster.created_at = Some(t(0));
        row
    }

    fn spec(
        enabled: Option<bool>,
        f: Option<i32>,
        r: Option<i32>,
    ) -> UpdateBackupConfigurationSpec {
        UpdateBackupConfigurationSpec {
            enabled,
            frequency_minutes: f,
            retention_days: r,
        }
    }

    #[test]
    fn defaults_depend_on_the_plan() {
        assert_eq!(
            config(&row(Plan::Standard)),
            BackupConfiguration {
                enabled: true,
                retention_days: 30,
                frequency_minutes: 60
            }
        );
        assert_eq!(config(&row(Plan::Basic)).frequency_minutes, 1440);
    }

    #[test]
    fn values_are_checked() {
        let mut r = row(Plan::Standard);
        for bad in [
            spec(None, Some(7), None),
            spec(None, None, Some(14)),
            spec(Some(false), Some(5), None),
            spec(Some(false), None, Some(7)),
        ] {
            let e = update(&mut r, &bad, t(1)).unwrap_err();
            assert_eq!((e.status, e.code), (400, 3), "{bad:?}");
        }
        let e = update(&mut row(Plan::Basic), &spec(None, Some(60), None), t(1)).unwrap_err();
        assert_eq!(e.code, 9);
        assert!(r.meta.data.backups.is_none());
    }

    #[test]
    fn retention_can_be_changed_once() {
        let mut r = row(Plan::Advanced);
        assert!(!update(&mut r, &spec(None, None, Some(30)), t(1)).unwrap());
        assert!(update(&mut r, &spec(None, None, Some(7)), t(1)).unwrap());
        assert!(!update(&mut r, &spec(None, None, Some(7)), t(2)).unwrap());
        let e = update(&mut r, &spec(None, None, Some(90)), t(3)).unwrap_err();
        assert_eq!((e.code, e.message.as_str()), (9, RETENTION_ONCE));
        assert!(update(&mut r, &spec(None, Some(5), None), t(4)).unwrap());
        assert_eq!(
            config(&r),
            BackupConfiguration {
                enabled: true,
                retention_days: 7,
                frequency_minutes: 5
            }
        );
    }

    #[test]
    fn backups_follow_the_schedule_newest_first() {
        let mut r = row(Plan::Standard);
        // hourly from t(0): at 0, 1h, 2h
        let list = backups(&r, t(2 * 3600 + 10), None, None);
        let times: Vec<Timestamp> = list.iter().map(|b| b.as_of_time).collect();
        assert_eq!(times, [t(7200), t(3600), t(0)]);
        assert_eq!(find(&r, t(7210), &list[1].id).unwrap().as_of_time, t(3600));
        // start inclusive, end exclusive
        let window = backups(&r, t(7210), Some(t(3600)), Some(t(7200)));
        assert_eq!(window.len(), 1);
        // every 5 minutes from 2h10s: the change starts a new schedule
        update(&mut r, &spec(None, Some(5), None), t(7210)).unwrap();
        let list = backups(&r, t(7210 + 600), None, None);
        assert_eq!(list.len(), 3 + 3);
        assert_eq!(list[0].as_of_time, t(7210 + 600));
        // disabled: nothing new
        update(&mut r, &spec(Some(false), None, None), t(8000)).unwrap();
        assert_eq!(backups(&r, t(100_000), None, None).len(), 3 + 3);
        // ids are stable
        assert_eq!(backup_id("c1", t(0)), backup_id("c1", t(0)));
        assert_ne!(backup_id("c1", t(0)), backup_id("c2", t(0)));
    }

    #[test]
    fn retention_drops_old_backups_and_creating_clusters_have_none() {
        let r = row(Plan::Standard);
        let now = t(31 * 86_400);
        let list = backups(&r, now, None, None);
        let oldest = list.last().unwrap().as_of_time;
        assert!(oldest >= now - TimeDelta::days(30));
        assert_eq!(list.len(), 30 * 24 + 1);
        assert_eq!(newest_recent(&r, now), Some(list[0].clone()));
        let mut off = row(Plan::Standard);
        update(&mut off, &spec(Some(false), None, None), t(10)).unwrap();
        assert_eq!(backups(&off, t(20), None, None).len(), 1);
        assert!(newest_recent(&off, t(8 * 86_400)).is_none());
        let mut creating = row(Plan::Standard);
        creating.cluster.state = ClusterState::Creating;
        assert!(backups(&creating, now, None, None).is_empty());
    }

    #[test]
    fn on_demand_backups_are_listed() {
        let mut r = row(Plan::Standard);
        let b = take_backup(&mut r, t(100)).unwrap();
        let list = backups(&r, t(200), None, None);
        assert_eq!(list.len(), 2);
        assert_eq!(list[0], b);
    }
}
