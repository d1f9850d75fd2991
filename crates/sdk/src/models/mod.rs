//! The wire format: one module per resource family, field names, optionality
//! and enum values as the upstream spec has them.

pub mod backups;
pub mod blackout_windows;
pub mod clusters;
pub mod cmek;
pub mod common;
pub mod databases;
pub mod maintenance;
pub mod organization;
pub mod sql_users;
pub mod status;
