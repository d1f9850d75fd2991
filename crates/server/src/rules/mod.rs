//! Domain rules as plain functions over the wire models: validation, state
//! machines and derived values. No I/O; unit-tested directly.

pub mod backups;
pub mod catalog;
pub mod cluster;
pub mod cmek;
pub mod databases;
pub mod pagination;
pub mod restores;
pub mod sql_users;
pub mod update;
