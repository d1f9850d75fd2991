//! Blackout windows: up to 14 days in which an Advanced cluster takes no
//! disruptive maintenance.

use crate::models::common::KeysetPaginationResponse;
use crate::wire::Timestamp;
use serde::{Deserialize, Serialize};

/// `BlackoutWindow`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlackoutWindow {
    /// Window id.
    #[serde(default)]
    pub id: String,
    /// Cluster it applies to.
    #[serde(default)]
    pub cluster_id: String,
    /// Start (UTC); at least 7 days ahead when scheduled.
    #[serde(with = "crate::wire::timestamp", default)]
    pub start_time: Timestamp,
    /// End (UTC); at most 14 days after the start and 3 months from now.
    #[serde(with = "crate::wire::timestamp", default)]
    pub end_time: Timestamp,
}

/// `CreateBlackoutWindowBody`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateBlackoutWindowBody {
    /// Start (UTC); at least 7 days ahead.
    #[serde(with = "crate::wire::timestamp")]
    pub start_time: Timestamp,
    /// End (UTC); at most 14 days after the start and 3 months from now.
    #[serde(with = "crate::wire::timestamp")]
    pub end_time: Timestamp,
}

/// `UpdateBlackoutWindowBody`: absent fields are unchanged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateBlackoutWindowBody {
    /// New start.
    #[serde(
        with = "crate::wire::timestamp::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub start_time: Option<Timestamp>,
    /// New end.
    #[serde(
        with = "crate::wire::timestamp::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub end_time: Option<Timestamp>,
}

/// `ListBlackoutWindowsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListBlackoutWindowsResponse {
    /// This page of windows (absent when there are none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blackout_windows: Option<Vec<BlackoutWindow>>,
    /// `null` on the last page.
    #[serde(default)]
    pub pagination: Option<KeysetPaginationResponse>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::round_trip;
    use serde_json::json;

    #[test]
    fn blackout_window_matches_the_spec_example() {
        let w: BlackoutWindow = round_trip(json!({
            "cluster_id": "12345678-1234-1234-1234-123456789012",
            "end_time": "2025-10-15T06:00:00Z",
            "id": "12345678-1234-1234-1234-123456789012",
            "start_time": "2025-10-15T00:00:00Z"
        }));
        assert_eq!(
            w.start_time,
            "2025-10-15T00:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!((w.end_time - w.start_time).num_hours(), 6);
    }

    #[test]
    fn bodies_round_trip_and_omit_absent_fields() {
        let c: CreateBlackoutWindowBody = round_trip(
            json!({"start_time": "2025-10-15T00:00:00Z", "end_time": "2025-10-15T06:00:00Z"}),
        );
        assert!(c.start_time < c.end_time);
        assert!(
            serde_json::from_value::<CreateBlackoutWindowBody>(
                json!({"start_time": "2025-10-15T00:00:00Z"})
            )
            .is_err()
        );
        let u = UpdateBlackoutWindowBody {
            end_time: Some("2025-10-16T00:00:00Z".parse().unwrap()),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&u).unwrap(),
            json!({"end_time": "2025-10-16T00:00:00Z"})
        );
        assert_eq!(
            serde_json::to_value(UpdateBlackoutWindowBody::default()).unwrap(),
            json!({})
        );
    }

    #[test]
    fn list_round_trips_with_and_without_windows() {
        let list: ListBlackoutWindowsResponse = round_trip(json!({
            "blackout_windows": [{
                "id": "w1", "cluster_id": "c1",
                "start_time": "2025-10-15T00:00:00Z", "end_time": "2025-10-16T00:00:00Z"
            }],
            "pagination": null
        }));
        assert_eq!(list.blackout_windows.map(|w| w.len()), Some(1));
        let empty: ListBlackoutWindowsResponse = serde_json::from_str("{}").unwrap();
        assert!(empty.blackout_windows.is_none());
    }
}
