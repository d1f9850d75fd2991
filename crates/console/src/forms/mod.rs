//! Plain logic behind the cluster forms (backup settings, capacity, connection
//! snippets, key URIs, names, passwords, maintenance, restores, whole numbers):
//! no browser types, so it is unit-tested natively.

pub mod backup_settings;
pub mod capacity;
pub mod connect;
pub mod key_uri;
pub mod maintenance;
pub mod names;
pub mod password;
pub mod restore;
pub mod whole;
