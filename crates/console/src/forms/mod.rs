//! Plain logic behind the cluster forms (capacity, SQL users, maintenance):
//! no browser types, so it is unit-tested natively.

pub mod capacity;
pub mod maintenance;
pub mod password;
pub mod restore;
