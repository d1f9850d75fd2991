//! The largest capacities a cluster request may ask for, as the local
//! server enforces them (the spec gives none; these stand in for the real
//! service's). One definition for the server, which refuses more, and the
//! console, whose number fields say so before sending.

/// Nodes in one region of an Advanced cluster.
pub const MAX_NODES_PER_REGION: i32 = 150;
/// Storage per node, GiB (16 TiB, the smallest of the providers' largest
/// single disks).
pub const MAX_STORAGE_GIB: i32 = 16_384;
/// Provisioned vCPUs of a Standard cluster.
pub const MAX_PROVISIONED_VCPUS: i64 = 2_000;
/// A Basic cluster's monthly request units.
pub const MAX_REQUEST_UNITS: i64 = 1_000_000_000_000;
/// A Basic cluster's storage limit, MiB (1 PiB).
pub const MAX_STORAGE_MIB: i64 = 1 << 30;
