//! The wire format: one module per resource family, field names, optionality
//! and enum values as the upstream spec has them.

pub mod api_keys;
pub mod audit_logs;
pub mod backups;
pub mod billing;
pub mod blackout_windows;
pub mod clusters;
pub mod cmek;
pub mod common;
pub mod databases;
pub mod folders;
pub mod maintenance;
pub mod organization;
pub mod roles;
pub mod service_accounts;
pub mod sql_users;
pub mod status;

/// Test support: decode `value` as `T`, check it encodes back to the same
/// JSON, and hand back the typed value.
#[cfg(test)]
pub(crate) fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> T {
    let decoded: T = serde_json::from_value(value.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), value);
    decoded
}
