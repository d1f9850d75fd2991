//! Plain logic of the Organization section (no browser in it), unit-tested
//! natively: the folder tree, money, the invoice chart, the audit log feed
//! and role grants.

pub mod audit;
pub mod chart;
pub mod grants;
pub mod money;
pub mod tree;
