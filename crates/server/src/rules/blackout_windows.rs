//! Blackout windows (ADVANCED only): at most 14 days long, starting at least
//! 7 days ahead, ending at most 3 months ahead, not overlapping each other.

use super::maintenance::require_advanced;
use crate::error::{ApiError, ApiResult};
use crate::store::model::ClusterRow;
use chrono::{Months, TimeDelta};
use crdb_cloud::Timestamp;
use crdb_cloud::models::blackout_windows::*;

/// What the feature is called in messages.
const WHAT: &str = "blackout windows";
/// Longest window.
pub const MAX_DAYS: i64 = 14;
/// Least notice before a window starts.
pub const NOTICE_DAYS: i64 = 7;
/// Furthest a window may end, in months from now.
pub const HORIZON_MONTHS: u32 = 3;

/// Checks a window; `start_changed` says whether the start is new (only a
/// new start must be 7 days ahead). `others` are the cluster's other windows.
pub fn validate(
    start: Timestamp,
    end: Timestamp,
    start_changed: bool,
    others: &[BlackoutWindow],
    now: Timestamp,
) -> ApiResult<()> {
    if end <= start {
        return Err(ApiError::invalid("end_time: must be after start_time"));
    }
    if end - start > TimeDelta::days(MAX_DAYS) {
        return Err(ApiError::invalid(format!(
            "end_time: a blackout window lasts at most {MAX_DAYS} days"
        )));
    }
    if start_changed && start < now + TimeDelta::days(NOTICE_DAYS) {
        return Err(ApiError::invalid(format!(
            "start_time: must be at least {NOTICE_DAYS} days from now"
        )));
    }
    let horizon = now
        .checked_add_months(Months::new(HORIZON_MONTHS))
        .unwrap_or(now);
    if end > horizon {
        return Err(ApiError::invalid(format!(
            "end_time: must be at most {HORIZON_MONTHS} months from now"
        )));
    }
    if let Some(o) = others
        .iter()
        .find(|o| start < o.end_time && o.start_time < end)
    {
        return Err(ApiError::invalid(format!(
            "start_time, end_time: overlaps blackout window {}",
            o.id
        )));
    }
    Ok(())
}

/// The windows of a cluster, by start time.
pub fn list(row: &ClusterRow) -> ApiResult<Vec<BlackoutWindow>> {
    require_advanced(row, WHAT)?;
    let mut all = row.meta.data.blackout_windows.clone();
    all.sort_by(|a, b| (a.start_time, &a.id).cmp(&(b.start_time, &b.id)));
    Ok(all)
}

/// GetBlackoutWindow: 404 when the cluster has none with this id.
pub fn get(row: &ClusterRow, id: &str) -> ApiResult<BlackoutWindow> {
    require_advanced(row, WHAT)?;
    row.meta
        .data
        .blackout_windows
        .iter()
        .find(|w| w.id == id)
        .cloned()
        .ok_or_else(|| ApiError::not_found(format!("blackout window {id} not found")))
}

/// CreateBlackoutWindow with the given new id.
pub fn create(
    row: &mut ClusterRow,
    id: String,
    body: &CreateBlackoutWindowBody,
    now: Timestamp,
) -> ApiResult<BlackoutWindow> {
    require_advanced(row, WHAT)?;
    validate(
        body.start_time,
        body.end_time,
        true,
        &row.meta.data.blackout_windows,
        now,
    )?;
    let w = BlackoutWindow {
        id,
        cluster_id: row.cluster.id.clone(),
        start_time: body.start_time,
        end_time: body.end_time,
    };
    row.meta.data.blackout_windows.push(w.clone());
    Ok(w)
}

/// UpdateBlackoutWindow: absent fields are unchanged. A window that has
/// ended cannot change; one under way can change only its end. Returns the
/// window and whether it changed.
pub fn update(
    row: &mut ClusterRow,
    id: &str,
    body: &UpdateBlackoutWindowBody,
    now: Timestamp,
) -> ApiResult<(BlackoutWindow, bool)> {
    let current = get(row, id)?;
    let start = body.start_time.unwrap_or(current.start_time);
    let end = body.end_time.unwrap_or(current.end_time);
    if start == current.start_time && end == current.end_time {
        return Ok((current, false));
    }
    if current.end_time <= now {
        return Err(ApiError::precondition(format!(
            "blackout window {id} has ended and cannot change"
        )));
    }
    let start_changed = start != current.start_time;
    if start_changed && current.start_time <= now {
        return Err(ApiError::precondition(format!(
            "blackout window {id} is under way; only its end_time can change"
        )));
    }
    let others: Vec<BlackoutWindow> = row
        .meta
        .data
        .blackout_windows
        .iter()
        .filter(|w| w.id != id)
        .cloned()
        .collect();
    validate(start, end, start_changed, &others, now)?;
    let mut updated = current;
    updated.start_time = start;
    updated.end_time = end;
    if let Some(w) = row
        .meta
        .data
        .blackout_windows
        .iter_mut()
        .find(|w| w.id == id)
    {
        *w = updated.clone();
    }
    Ok((updated, true))
}

/// DeleteBlackoutWindow: returns the removed window.
pub fn delete(row: &mut ClusterRow, id: &str) -> ApiResult<BlackoutWindow> {
    let w = get(row, id)?;
    row.meta.data.blackout_windows.retain(|x| x.id != id);
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use crdb_cloud::models::common::Plan;

    fn now() -> Timestamp {
        chrono::Utc.timestamp_opt(1_700_000_000, 0).unwrap()
    }

    fn day(d: i64) -> Timestamp {
        now() + TimeDelta::days(d)
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

    fn body(start: i64, end: i64) -> CreateBlackoutWindowBody {
        CreateBlackoutWindowBody {
            start_time: day(start),
            end_time: day(end),
        }
    }

    #[test]
    fn rules_for_new_windows() {
        validate(day(7), day(21), true, &[], now()).unwrap();
        for (s, e, what) in [
            (8, 8, "after"),
            (8, 23, "14 days"),
            (6, 10, "7 days"),
            (85, 95, "3 months"),
        ] {
            let err = validate(day(s), day(e), true, &[], now()).unwrap_err();
            assert_eq!(err.code, 3);
            assert!(err.message.contains(what), "{}", err.message);
        }
    }

    #[test]
    fn create_get_update_delete() {
        let mut r = row(Plan::Advanced);
        let w = create(&mut r, "w1".into(), &body(10, 12), now()).unwrap();
        assert_eq!(w.cluster_id, "c1");
        let overlap = create(&mut r, "w2".into(), &body(11, 13), now()).unwrap_err();
        assert!(overlap.message.contains("w1"));
        create(&mut r, "w2".into(), &body(8, 10), now()).unwrap();
        let ids: Vec<String> = list(&r).unwrap().into_iter().map(|w| w.id).collect();
        assert_eq!(ids, ["w2", "w1"]);
        let (u, changed) = update(
            &mut r,
            "w1",
            &UpdateBlackoutWindowBody {
                end_time: Some(day(20)),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
        assert!(changed);
        assert_eq!(u.end_time, day(20));
        let too_long = update(
            &mut r,
            "w1",
            &UpdateBlackoutWindowBody {
                end_time: Some(day(25)),
                ..Default::default()
            },
            now(),
        );
        assert_eq!(too_long.unwrap_err().code, 3);
        assert!(!update(&mut r, "w1", &Default::default(), now()).unwrap().1);
        assert_eq!(delete(&mut r, "w1").unwrap().id, "w1");
        assert_eq!(get(&r, "w1").unwrap_err().status, 404);
    }

    #[test]
    fn windows_under_way_or_ended() {
        let mut r = row(Plan::Advanced);
        create(&mut r, "w1".into(), &body(10, 12), now()).unwrap();
        let later = day(11);
        let move_start = UpdateBlackoutWindowBody {
            start_time: Some(day(30)),
            ..Default::default()
        };
        assert_eq!(
            update(&mut r, "w1", &move_start, later).unwrap_err().code,
            9
        );
        let extend = UpdateBlackoutWindowBody {
            end_time: Some(day(13)),
            ..Default::default()
        };
        update(&mut r, "w1", &extend, later).unwrap();
        assert!(!update(&mut r, "w1", &extend, day(14)).unwrap().1);
        let shorten = UpdateBlackoutWindowBody {
            end_time: Some(day(12)),
            ..Default::default()
        };
        assert_eq!(update(&mut r, "w1", &shorten, day(14)).unwrap_err().code, 9);
    }

    #[test]
    fn only_advanced_clusters() {
        let mut r = row(Plan::Standard);
        assert_eq!(
            create(&mut r, "w".into(), &body(8, 9), now())
                .unwrap_err()
                .code,
            9
        );
        assert_eq!(list(&r).unwrap_err().code, 9);
    }
}
