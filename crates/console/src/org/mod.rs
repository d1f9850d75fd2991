//! Plain logic of the Organization section (no browser in it), unit-tested
//! natively: the folder tree, money, the invoice chart, the audit log feed
//! and role grants.

pub mod audit;
pub mod chart;
pub mod grants;
pub mod money;
pub mod tree;

use crdb_cloud::Timestamp;

/// A time as the Organization pages show it: `2026-03-02 10:04 UTC`.
pub fn when(t: &Timestamp) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// A time to the second: `2026-03-02 10:04:05 UTC`.
pub fn when_exact(t: &Timestamp) -> String {
    t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}
