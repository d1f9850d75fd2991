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
