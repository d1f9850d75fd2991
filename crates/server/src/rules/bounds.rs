//! The largest counts and sizes a request may ask for. The spec gives none;
//! these are generous stand-ins for the real service's (each is named in
//! the README), so that no request can make the server build or bill
//! something absurd, and every number it multiplies stays far from
//! overflowing.

use crate::error::{ApiError, ApiResult};
pub use crdb_cloud::limits::{
    MAX_NODES_PER_REGION, MAX_PROVISIONED_VCPUS, MAX_REQUEST_UNITS, MAX_STORAGE_GIB,
    MAX_STORAGE_MIB,
};
use std::collections::BTreeMap;
use std::fmt::Display;

/// Regions of one cluster, on any plan.
pub const MAX_REGIONS: usize = 12;
/// Provisioned IOPS per node.
pub const MAX_DISK_IOPS: i32 = 64_000;
/// Labels on one cluster or folder.
pub const MAX_LABELS: usize = 50;
/// Bytes of a label key or value.
pub const MAX_LABEL_BYTES: usize = 63;
/// Entries of a list in a request body (roles, CMEK region specs, ...).
pub const MAX_LIST: usize = 100;

/// `value` ≤ `max`, else 400 naming the field and the bound.
pub fn at_most<T: PartialOrd + Display>(field: &str, value: T, max: T) -> ApiResult<()> {
    if value > max {
        return Err(ApiError::invalid(format!(
            "{field}: at most {max}, got {value}"
        )));
    }
    Ok(())
}

/// A list in a body holds at most `max` entries.
pub fn list(field: &str, len: usize, max: usize) -> ApiResult<()> {
    if len > max {
        return Err(ApiError::invalid(format!(
            "{field}: at most {max} entries, got {len}"
        )));
    }
    Ok(())
}

/// Labels: at most [`MAX_LABELS`], keys non-empty, keys and values at most
/// [`MAX_LABEL_BYTES`] bytes.
pub fn labels(field: &str, labels: &BTreeMap<String, String>) -> ApiResult<()> {
    list(field, labels.len(), MAX_LABELS)?;
    for (key, value) in labels {
        if key.is_empty() {
            return Err(ApiError::invalid(format!("{field}: a key is empty")));
        }
        if key.len() > MAX_LABEL_BYTES || value.len() > MAX_LABEL_BYTES {
            return Err(ApiError::invalid(format!(
                "{field}[{key:.20}]: keys and values are at most {MAX_LABEL_BYTES} bytes"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_name_the_field_and_the_limit() {
        assert!(at_most("n", 150, MAX_NODES_PER_REGION).is_ok());
        let e = at_most("n", 151, MAX_NODES_PER_REGION).unwrap_err();
        assert_eq!((e.status, e.code), (400, 3));
        assert_eq!(e.message, "n: at most 150, got 151");
        assert!(list("roles", 101, MAX_LIST).is_err());
    }

    #[test]
    fn labels_are_bounded_in_count_and_length() {
        let ok: BTreeMap<String, String> = [("team".into(), "db".into())].into();
        assert!(labels("labels", &ok).is_ok());
        let long: BTreeMap<String, String> = [("k".into(), "v".repeat(64))].into();
        assert!(labels("labels", &long).is_err());
        let empty: BTreeMap<String, String> = [(String::new(), "v".into())].into();
        assert!(labels("labels", &empty).is_err());
        let many: BTreeMap<String, String> =
            (0..51).map(|i| (format!("k{i}"), String::new())).collect();
        assert!(labels("labels", &many).is_err());
    }
}
