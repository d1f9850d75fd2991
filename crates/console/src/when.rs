//! How the console writes times: always UTC, always the same few shapes.
//!
//! Written field by field rather than with chrono's `format("%Y-…")`, which
//! parses its pattern on every call: the clusters table writes a time per
//! row on the first load, where every function run for the first time is
//! compiled on the spot, so the pattern machinery cost more than the rows.

use crdb_cloud::Timestamp;
use crdb_cloud::chrono::{Datelike, Timelike};
use std::fmt;

/// Writes the date part, `2026-03-02`, into the other shapes.
struct Day<'a>(&'a Timestamp);

impl fmt::Display for Day<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        write!(f, "{:04}-{:02}-{:02}", t.year(), t.month(), t.day())
    }
}

/// The day: `2026-03-02`.
pub fn day(t: &Timestamp) -> String {
    Day(t).to_string()
}

/// To the minute: `2026-03-02 10:04 UTC`.
pub fn minute(t: &Timestamp) -> String {
    format!("{} {:02}:{:02} UTC", Day(t), t.hour(), t.minute())
}

/// To the second: `2026-03-02 10:04:05 UTC`.
pub fn second(t: &Timestamp) -> String {
    format!(
        "{} {:02}:{:02}:{:02} UTC",
        Day(t),
        t.hour(),
        t.minute(),
        // chrono keeps a leap second as :59 plus a second of nanoseconds.
        t.second() + u32::from(t.nanosecond() >= 1_000_000_000)
    )
}

/// The value of a `datetime-local` input, UTC: `2026-03-02T10:04`.
pub fn input(t: &Timestamp) -> String {
    format!("{}T{:02}:{:02}", Day(t), t.hour(), t.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crdb_cloud::chrono::{TimeZone, Utc};

    /// Times across the range the API uses, leap day and second included.
    fn samples() -> Vec<Timestamp> {
        let mut all = vec![
            Utc.with_ymd_and_hms(2026, 3, 2, 10, 4, 5).unwrap(),
            Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2024, 2, 29, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap(),
        ];
        // A leap second: 23:59:60.
        let leap = "2016-12-31T23:59:60Z".parse::<Timestamp>().unwrap();
        all.push(leap);
        all
    }

    #[test]
    fn writes_what_chrono_patterns_write() {
        for t in samples() {
            assert_eq!(day(&t), t.format("%Y-%m-%d").to_string());
            assert_eq!(minute(&t), t.format("%Y-%m-%d %H:%M UTC").to_string());
            assert_eq!(second(&t), t.format("%Y-%m-%d %H:%M:%S UTC").to_string());
            assert_eq!(input(&t), t.format("%Y-%m-%dT%H:%M").to_string());
        }
    }

    #[test]
    fn pads_every_field() {
        let t = Utc.with_ymd_and_hms(987, 6, 5, 4, 3, 2).unwrap();
        assert_eq!(second(&t), "0987-06-05 04:03:02 UTC");
        assert_eq!(input(&t), "0987-06-05T04:03");
    }
}
