//! Plain logic behind the cluster forms (capacity, names, passwords,
//! maintenance, restores):
//! no browser types, so it is unit-tested natively.

pub mod capacity;
pub mod maintenance;
pub mod names;
pub mod password;
pub mod restore;
