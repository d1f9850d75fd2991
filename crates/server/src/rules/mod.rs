//! Domain rules as plain functions over the wire models: validation, state
//! machines and derived values. No I/O; unit-tested directly.

pub mod audit_logs;
pub mod backups;
pub mod billing;
pub mod blackout_windows;
pub mod bounds;
pub mod catalog;
pub mod cluster;
pub mod cmek;
pub mod databases;
pub mod folders;
pub mod maintenance;
pub mod pagination;
pub mod restores;
pub mod roles;
pub mod service_accounts;
pub mod sql_users;
pub mod update;
