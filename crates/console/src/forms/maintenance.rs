//! The weekly maintenance window as a day, an hour and a length, and the
//! times of blackout windows as the browser's `datetime-local` strings.

use crdb_cloud::chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use std::time::Duration;

/// Days of the week, as the API counts them from Monday 00:00 UTC.
pub const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const HOUR: u64 = 3600;
const WEEK: u64 = 7 * 24 * HOUR;

/// A window as the form shows it: starting `day` (0 = Monday) at `hour`
/// UTC, lasting `hours`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyWindow {
    /// 0 = Monday … 6 = Sunday.
    pub day: u8,
    /// Hour of the day, UTC, 0–23.
    pub hour: u8,
    /// Length in hours (6 to less than a week).
    pub hours: u32,
}

impl Default for WeeklyWindow {
    fn default() -> Self {
        WeeklyWindow {
            day: 2,
            hour: 0,
            hours: 6,
        }
    }
}

impl WeeklyWindow {
    /// The form's view of an API window (minutes are dropped).
    pub fn from_durations(offset: Duration, length: Duration) -> Self {
        let offset = offset.as_secs() % WEEK;
        WeeklyWindow {
            day: u8::try_from(offset / (24 * HOUR)).unwrap_or(0),
            hour: u8::try_from(offset % (24 * HOUR) / HOUR).unwrap_or(0),
            hours: u32::try_from(length.as_secs() / HOUR).unwrap_or(u32::MAX),
        }
    }

    /// `(offset_duration, window_duration)` for the API, or why not.
    pub fn to_durations(self) -> Result<(Duration, Duration), String> {
        if self.day > 6 || self.hour > 23 {
            return Err("Pick a day and an hour.".into());
        }
        let length = u64::from(self.hours) * HOUR;
        if length < 6 * HOUR {
            return Err("A maintenance window lasts at least 6 hours.".into());
        }
        if length >= WEEK {
            return Err("A maintenance window lasts less than a week (167 hours at most).".into());
        }
        let offset = (u64::from(self.day) * 24 + u64::from(self.hour)) * HOUR;
        Ok((Duration::from_secs(offset), Duration::from_secs(length)))
    }

    /// E.g. "Wednesday 00:00–06:00 UTC (6 hours)", naming the end's day
    /// when it is another ("Friday 20:00–Saturday 04:00 UTC (8 hours)"),
    /// and saying when it is longer than the API allows.
    pub fn describe(self) -> String {
        let day = |d: u64| {
            DAYS.get(usize::try_from(d % 7).unwrap_or(0))
                .copied()
                .unwrap_or("?")
        };
        let end_total = u64::from(self.hour) + u64::from(self.hours);
        let (end_day, end) = (u64::from(self.day) + end_total / 24, end_total % 24);
        let until = if end_total < 24 {
            format!("{end:02}:00")
        } else {
            format!("{} {end:02}:00", day(end_day))
        };
        let too_long = if u64::from(self.hours) * HOUR >= WEEK {
            ", longer than the API allows"
        } else {
            ""
        };
        format!(
            "{} {:02}:00–{until} UTC ({} hours{too_long})",
            day(u64::from(self.day)),
            self.hour,
            self.hours
        )
    }
}

/// A `datetime-local` value (`2026-12-24T08:00`), read as UTC.
pub fn parse_local(value: &str) -> Result<DateTime<Utc>, String> {
    let v = value.trim();
    if v.is_empty() {
        return Err("Enter a date and time.".into());
    }
    NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S"))
        .map(|t| t.and_utc())
        .map_err(|_| format!("{v:?} is not a date and time."))
}

/// Checks a blackout window as the API does, before sending it: at least
/// 7 days ahead, at most 14 days long, ending within three months.
pub fn check_blackout(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), String> {
    if end <= start {
        return Err("The end must be after the start.".into());
    }
    if start < now + TimeDelta::days(7) {
        return Err("A blackout window must start at least 7 days from now.".into());
    }
    if end - start > TimeDelta::days(14) {
        return Err("A blackout window lasts at most 14 days.".into());
    }
    if end > now + TimeDelta::days(90) {
        return Err("A blackout window must end within three months.".into());
    }
    Ok(())
}

/// A blackout window's times from the form's two `datetime-local` values,
/// checked as the API checks them against `now`.
pub fn blackout_times(
    start: &str,
    end: &str,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, DateTime<Utc>), String> {
    let (start, end) = (parse_local(start)?, parse_local(end)?);
    check_blackout(start, end, now)?;
    Ok((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_round_trip_through_durations() {
        let w = WeeklyWindow {
            day: 2,
            hour: 3,
            hours: 8,
        };
        let (offset, length) = w.to_durations().unwrap();
        assert_eq!(offset, Duration::from_secs((2 * 24 + 3) * 3600));
        assert_eq!(length, Duration::from_secs(8 * 3600));
        assert_eq!(WeeklyWindow::from_durations(offset, length), w);
        // The spec's example: Wednesday 00:00, 6 hours.
        let ex =
            WeeklyWindow::from_durations(Duration::from_secs(172_800), Duration::from_secs(21_600));
        assert_eq!(ex.describe(), "Wednesday 00:00–06:00 UTC (6 hours)");
        let late = WeeklyWindow {
            day: 4,
            hour: 20,
            hours: 8,
        };
        assert_eq!(late.describe(), "Friday 20:00–Saturday 04:00 UTC (8 hours)");
        let huge = WeeklyWindow {
            day: 0,
            hour: 0,
            hours: 200,
        };
        assert_eq!(
            huge.describe(),
            "Monday 00:00–Tuesday 08:00 UTC (200 hours, longer than the API allows)"
        );
    }

    #[test]
    fn windows_out_of_bounds_are_refused() {
        let short = WeeklyWindow {
            hours: 5,
            ..Default::default()
        };
        assert!(short.to_durations().unwrap_err().contains("6 hours"));
        let long = WeeklyWindow {
            hours: 168,
            ..Default::default()
        };
        assert!(long.to_durations().is_err());
        let bad_day = WeeklyWindow {
            day: 7,
            ..Default::default()
        };
        assert!(bad_day.to_durations().is_err());
    }

    #[test]
    fn blackout_times_parse_and_check() {
        let now = parse_local("2026-11-28T10:00").unwrap();
        let start = parse_local("2026-12-10T00:00").unwrap();
        let end = parse_local("2026-12-12T00:00:00").unwrap();
        assert_eq!(crate::when::input(&start), "2026-12-10T00:00");
        assert!(check_blackout(start, end, now).is_ok());
        assert!(check_blackout(end, start, now).is_err());
        let soon = parse_local("2026-11-30T00:00").unwrap();
        assert!(
            check_blackout(soon, end, now)
                .unwrap_err()
                .contains("7 days")
        );
        let far = parse_local("2026-12-30T00:00").unwrap();
        assert!(
            check_blackout(start, far, now)
                .unwrap_err()
                .contains("14 days")
        );
        assert!(parse_local("").is_err());
        assert_eq!(
            blackout_times("2026-12-10T00:00", "2026-12-12T00:00", now),
            Ok((start, end))
        );
        assert!(
            blackout_times("2026-12-10T00:00", "soon", now)
                .unwrap_err()
                .contains("soon")
        );
        assert!(parse_local("tomorrow").unwrap_err().contains("tomorrow"));
    }
}
