//! One module per resource family, each adding its operations to [`crate::Client`].

pub mod api_keys;
pub mod audit_logs;
pub mod billing;
pub mod clusters;
pub mod cmek;
pub mod folders;
pub mod organization;
pub mod roles;
pub mod service_accounts;
#[cfg(test)]
pub(crate) mod testing;
