//! Maintenance windows and patch-upgrade deferral (Advanced clusters).

use crate::wire::Timestamp;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// `MaintenanceWindow`: a weekly window, as protobuf durations on the wire
/// (`"172800s"`). Also the body of `SetMaintenanceWindow`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaintenanceWindow {
    /// Start, counted from Monday 00:00 UTC; less than a week.
    #[serde(default, with = "crate::wire::duration")]
    pub offset_duration: Duration,
    /// Length; at least 6 hours and less than a week.
    #[serde(default, with = "crate::wire::duration")]
    pub window_duration: Duration,
}

crate::wire_enum! {
    /// `ClusterVersionDeferralPolicy.Type`: how long patch upgrades wait.
    pub enum ClusterVersionDeferralPolicy {
        /// Patches apply as soon as they are released.
        NotDeferred = "NOT_DEFERRED",
        /// Patches apply in a maintenance window 60 days after release.
        Deferral60Days = "DEFERRAL_60_DAYS",
        /// Deprecated: the same as `DEFERRAL_60_DAYS`.
        FixedDeferral = "FIXED_DEFERRAL",
        /// Patches apply in a maintenance window 30 days after release.
        Deferral30Days = "DEFERRAL_30_DAYS",
        /// Patches apply in a maintenance window 90 days after release.
        Deferral90Days = "DEFERRAL_90_DAYS",
    }
}

/// `ClusterVersionDeferral`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterVersionDeferral {
    /// The policy.
    #[serde(default)]
    pub deferral_policy: ClusterVersionDeferralPolicy,
    /// When the next patch may be applied; null when not deferred, nothing
    /// is pending, or release dates are unknown.
    #[serde(
        with = "crate::wire::timestamp::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub deferred_until: Option<Timestamp>,
}

/// `ClusterVersionDeferralUpdate`: body of `SetClusterVersionDeferral`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterVersionDeferralUpdate {
    /// The new policy.
    pub deferral_policy: ClusterVersionDeferralPolicy,
    /// Deprecated and ignored by the server.
    #[serde(
        with = "crate::wire::timestamp::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub deferred_until: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::round_trip;
    use serde_json::json;

    #[test]
    fn maintenance_window_matches_the_documented_example() {
        let w: MaintenanceWindow =
            round_trip(json!({"offset_duration": "172800s", "window_duration": "21600s"}));
        assert_eq!(w.offset_duration, Duration::from_secs(2 * 24 * 3600));
        assert_eq!(w.window_duration, Duration::from_secs(6 * 3600));
    }

    #[test]
    fn maintenance_window_rejects_bad_durations() {
        assert!(
            serde_json::from_value::<MaintenanceWindow>(
                json!({"offset_duration": "2 days", "window_duration": "21600s"})
            )
            .is_err()
        );
        let frac: MaintenanceWindow =
            round_trip(json!({"offset_duration": "0.5s", "window_duration": "21600s"}));
        assert_eq!(frac.offset_duration, Duration::from_millis(500));
    }

    #[test]
    fn deferral_matches_the_documented_example() {
        let d: ClusterVersionDeferral = round_trip(
            json!({"deferral_policy": "DEFERRAL_60_DAYS", "deferred_until": "2025-12-15T00:00:00Z"}),
        );
        assert_eq!(
            d.deferral_policy,
            ClusterVersionDeferralPolicy::Deferral60Days
        );
        assert_eq!(
            d.deferred_until,
            Some("2025-12-15T00:00:00Z".parse().unwrap())
        );
        let none: ClusterVersionDeferral = serde_json::from_value(
            json!({"deferral_policy": "NOT_DEFERRED", "deferred_until": null}),
        )
        .unwrap();
        assert_eq!(none.deferred_until, None);
        assert_eq!(
            serde_json::to_value(&none).unwrap(),
            json!({"deferral_policy": "NOT_DEFERRED"})
        );
    }

    #[test]
    fn deferral_update_sends_only_the_policy() {
        let u = ClusterVersionDeferralUpdate {
            deferral_policy: ClusterVersionDeferralPolicy::Deferral30Days,
            deferred_until: None,
        };
        assert_eq!(
            serde_json::to_value(&u).unwrap(),
            json!({"deferral_policy": "DEFERRAL_30_DAYS"})
        );
        let back: ClusterVersionDeferralUpdate =
            round_trip(json!({"deferral_policy": "DEFERRAL_90_DAYS"}));
        assert_eq!(
            back.deferral_policy,
            ClusterVersionDeferralPolicy::Deferral90Days
        );
    }

    #[test]
    fn unknown_deferral_policies_are_kept() {
        let d: ClusterVersionDeferral = round_trip(json!({"deferral_policy": "DEFERRAL_120_DAYS"}));
        assert_eq!(
            d.deferral_policy,
            ClusterVersionDeferralPolicy::Unknown("DEFERRAL_120_DAYS".into())
        );
        assert_eq!(ClusterVersionDeferralPolicy::KNOWN.len(), 5);
    }
}
