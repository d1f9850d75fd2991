//! Maintenance windows (ADVANCED only; offset under a week from Monday 00:00
//! UTC, length from 6 hours to under a week) and patch-upgrade deferral.

use crate::error::{ApiError, ApiResult};
use crate::store::data::DeferralRow;
use crate::store::model::ClusterRow;
use chrono::TimeDelta;
use crdb_cloud::Timestamp;
use crdb_cloud::models::common::Plan;
use crdb_cloud::models::maintenance::*;
use std::time::Duration;

/// One week.
pub const WEEK: Duration = Duration::from_secs(7 * 24 * 3600);
/// The shortest maintenance window.
pub const MIN_WINDOW: Duration = Duration::from_secs(6 * 3600);

/// Fails with 400 (code 9) unless the cluster is ADVANCED; `what` names the feature.
pub fn require_advanced(row: &ClusterRow, what: &str) -> ApiResult<()> {
    if row.cluster.plan != Plan::Advanced {
        return Err(ApiError::precondition(format!(
            "{what} are only available on ADVANCED clusters; this cluster is {}",
            row.cluster.plan
        )));
    }
    Ok(())
}

fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if d.subsec_nanos() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{s}s")
    }
}

/// Checks a window's offset and length.
pub fn validate_window(w: &MaintenanceWindow) -> ApiResult<()> {
    if w.offset_duration >= WEEK {
        return Err(ApiError::invalid(format!(
            "offset_duration: must be less than 1 week (604800s), got {}",
            secs(w.offset_duration)
        )));
    }
    if w.window_duration < MIN_WINDOW {
        return Err(ApiError::invalid(format!(
            "window_duration: must be at least 6 hours (21600s), got {}",
            secs(w.window_duration)
        )));
    }
    if w.window_duration >= WEEK {
        return Err(ApiError::invalid(format!(
            "window_duration: must be less than 1 week (604800s), got {}",
            secs(w.window_duration)
        )));
    }
    Ok(())
}

fn none_set(row: &ClusterRow) -> ApiError {
    ApiError::not_found(format!(
        "cluster {} has no maintenance window",
        row.cluster.id
    ))
}

/// GetMaintenanceWindow: 404 when none is set.
pub fn get_window(row: &ClusterRow) -> ApiResult<MaintenanceWindow> {
    require_advanced(row, "maintenance windows")?;
    row.meta
        .data
        .maintenance_window
        .clone()
        .ok_or_else(|| none_set(row))
}

/// SetMaintenanceWindow. Returns whether it changed.
pub fn set_window(row: &mut ClusterRow, w: &MaintenanceWindow) -> ApiResult<bool> {
    require_advanced(row, "maintenance windows")?;
    validate_window(w)?;
    let changed = row.meta.data.maintenance_window.as_ref() != Some(w);
    row.meta.data.maintenance_window = Some(w.clone());
    Ok(changed)
}

/// DeleteMaintenanceWindow: returns the removed window; 404 when none is set.
pub fn delete_window(row: &mut ClusterRow) -> ApiResult<MaintenanceWindow> {
    require_advanced(row, "maintenance windows")?;
    row.meta
        .data
        .maintenance_window
        .take()
        .ok_or_else(|| none_set(row))
}

/// Days a policy defers patches (`None`: not deferred).
pub fn deferral_days(policy: &ClusterVersionDeferralPolicy) -> Option<i64> {
    match policy {
        ClusterVersionDeferralPolicy::Deferral30Days => Some(30),
        ClusterVersionDeferralPolicy::Deferral60Days
        | ClusterVersionDeferralPolicy::FixedDeferral => Some(60),
        ClusterVersionDeferralPolicy::Deferral90Days => Some(90),
        _ => None,
    }
}

/// GetClusterVersionDeferral: `NOT_DEFERRED` until set; `deferred_until` is
/// the time the policy was set plus its days, absent when not deferred.
pub fn get_deferral(row: &ClusterRow) -> ClusterVersionDeferral {
    match &row.meta.data.version_deferral {
        None => ClusterVersionDeferral {
            deferral_policy: ClusterVersionDeferralPolicy::NotDeferred,
            deferred_until: None,
        },
        Some(d) => ClusterVersionDeferral {
            deferral_policy: d.policy.clone(),
            deferred_until: deferral_days(&d.policy).map(|days| d.set_at + TimeDelta::days(days)),
        },
    }
}

/// SetClusterVersionDeferral (`deferred_until` in the body is ignored, as
/// the spec says). `FIXED_DEFERRAL` is stored as `DEFERRAL_60_DAYS`. Only
/// ADVANCED clusters defer; others accept `NOT_DEFERRED` only. Returns
/// whether it changed.
pub fn set_deferral(
    row: &mut ClusterRow,
    update: &ClusterVersionDeferralUpdate,
    now: Timestamp,
) -> ApiResult<bool> {
    let policy = match &update.deferral_policy {
        ClusterVersionDeferralPolicy::FixedDeferral => ClusterVersionDeferralPolicy::Deferral60Days,
        p if p.is_known() => p.clone(),
        other => {
            return Err(ApiError::invalid(format!(
                "deferral_policy: unknown value {:?}; expected one of NOT_DEFERRED, DEFERRAL_30_DAYS, DEFERRAL_60_DAYS, DEFERRAL_90_DAYS",
                other.as_str()
            )));
        }
    };
    if policy != ClusterVersionDeferralPolicy::NotDeferred {
        require_advanced(row, "version deferrals")?;
    }
    if get_deferral(row).deferral_policy == policy {
        return Ok(false);
    }
    row.meta.data.version_deferral = Some(DeferralRow {
        policy,
        set_at: now,
    });
    Ok(true)
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
        row
    }

    fn window(offset: u64, length: u64) -> MaintenanceWindow {
        MaintenanceWindow {
            offset_duration: Duration::from_secs(offset),
            window_duration: Duration::from_secs(length),
        }
    }

    #[test]
    fn windows_are_validated() {
        validate_window(&window(0, 21_600)).unwrap();
        validate_window(&window(604_799, 604_799)).unwrap();
        for bad in [
            window(604_800, 21_600),
            window(0, 21_599),
            window(0, 604_800),
        ] {
            let e = validate_window(&bad).unwrap_err();
            assert_eq!((e.status, e.code), (400, 3), "{bad:?}");
        }
        assert!(
            validate_window(&window(0, 3600))
                .unwrap_err()
                .message
                .contains("3600s")
        );
    }

    #[test]
    fn window_lifecycle_on_advanced_only() {
        let mut r = row(Plan::Advanced);
        assert_eq!(get_window(&r).unwrap_err().status, 404);
        assert_eq!(delete_window(&mut r).unwrap_err().status, 404);
        assert!(set_window(&mut r, &window(172_800, 21_600)).unwrap());
        assert!(!set_window(&mut r, &window(172_800, 21_600)).unwrap());
        assert_eq!(get_window(&r).unwrap(), window(172_800, 21_600));
        assert_eq!(delete_window(&mut r).unwrap(), window(172_800, 21_600));
        assert!(r.meta.data.is_empty());
        let mut s = row(Plan::Standard);
        assert_eq!(set_window(&mut s, &window(0, 21_600)).unwrap_err().code, 9);
        assert_eq!(get_window(&s).unwrap_err().code, 9);
    }

    #[test]
    fn deferral_policies() {
        let mut r = row(Plan::Advanced);
        assert_eq!(
            get_deferral(&r),
            ClusterVersionDeferral {
                deferral_policy: ClusterVersionDeferralPolicy::NotDeferred,
                deferred_until: None
            }
        );
        let set = |p: ClusterVersionDeferralPolicy| ClusterVersionDeferralUpdate {
            deferral_policy: p,
            deferred_until: Some(t(5)),
        };
        assert!(
            set_deferral(
                &mut r,
                &set(ClusterVersionDeferralPolicy::FixedDeferral),
                t(0)
            )
            .unwrap()
        );
        let d = get_deferral(&r);
        assert_eq!(
            d.deferral_policy,
            ClusterVersionDeferralPolicy::Deferral60Days
        );
        assert_eq!(d.deferred_until, Some(t(60 * 86_400)));
        assert!(
            !set_deferral(
                &mut r,
                &set(ClusterVersionDeferralPolicy::Deferral60Days),
                t(9)
            )
            .unwrap()
        );
        assert!(
            set_deferral(
                &mut r,
                &set(ClusterVersionDeferralPolicy::NotDeferred),
                t(9)
            )
            .unwrap()
        );
        assert_eq!(get_deferral(&r).deferred_until, None);
        let e = set_deferral(
            &mut r,
            &set(ClusterVersionDeferralPolicy::Unknown("X".into())),
            t(9),
        )
        .unwrap_err();
        assert_eq!(e.code, 3);
        let mut s = row(Plan::Standard);
        assert_eq!(
            set_deferral(
                &mut s,
                &set(ClusterVersionDeferralPolicy::Deferral30Days),
                t(0)
            )
            .unwrap_err()
            .code,
            9
        );
        assert!(
            !set_deferral(
                &mut s,
                &set(ClusterVersionDeferralPolicy::NotDeferred),
                t(0)
            )
            .unwrap()
        );
    }
}
