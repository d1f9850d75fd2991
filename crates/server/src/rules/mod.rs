//! Domain rules as plain functions over the wire models: validation, state
//! machines and derived values. No I/O; unit-tested directly.

pub mod backups;
pub mod blackout_windows;
pub mod catalog;
pub mod cluster;
pub mod cmek;
pub mod databases;
pub mod maintenance;
pub mod pagination;
pub mod restores;
pub mod sql_users;
pub mod update;
