//! One module per resource family, each adding its operations to [`crate::Client`].

pub mod api_keys;
pub mod audit_logs;
pub mod backups;
pub mod billing;
pub mod blackout_windows;
pub mod clusters;
pub mod cmek;
pub mod databases;
pub mod folders;
pub mod maintenance;
pub mod organization;
pub mod roles;
pub mod service_accounts;
pub mod sql_users;
#[cfg(test)]
pub(crate) mod testing;
