//! The server's clock and when long-running work started now completes.

use crate::config::Transitions;
use crdb_cloud::Timestamp;

/// The time now, in UTC.
pub fn now() -> Timestamp {
    chrono::Utc::now()
}

/// When work started at `now` completes under `transitions` (`None`: manual).
pub fn due_at(transitions: Transitions, now: Timestamp) -> Option<Timestamp> {
    match transitions {
        Transitions::Instant => Some(now),
        Transitions::Delay(d) => {
            Some(now + chrono::Duration::from_std(d).unwrap_or(chrono::Duration::zero()))
        }
        Transitions::Manual => None,
    }
}
