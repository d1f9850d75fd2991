//! One module per resource family, each adding its operations to [`crate::Client`].

pub mod backups;
pub mod blackout_windows;
pub mod clusters;
pub mod cmek;
pub mod databases;
pub mod maintenance;
pub mod organization;
pub mod sql_users;
