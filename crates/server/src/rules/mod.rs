//! Domain rules as plain functions over the wire models: validation, state
//! machines and derived values. No I/O; unit-tested directly.

pub mod audit_logs;
pub mod billing;
pub mod catalog;
pub mod cluster;
pub mod cmek;
pub mod folders;
pub mod pagination;
pub mod roles;
pub mod service_accounts;
pub mod update;
