//! Whole-number fields (nodes, GiB, vCPUs, request units): the text a
//! person typed is kept as typed and read here, strictly, against the
//! bounds the API enforces, with a sentence saying what is wrong.

use crdb_cloud::limits::{
    MAX_NODES_PER_REGION, MAX_PROVISIONED_VCPUS, MAX_REQUEST_UNITS, MAX_STORAGE_GIB,
    MAX_STORAGE_MIB,
};

/// The range a whole-number field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WholeRange {
    /// The smallest value accepted.
    pub min: i64,
    /// The largest value accepted.
    pub max: i64,
}

/// Nodes in each region of an Advanced cluster.
pub const NODES_PER_REGION: WholeRange = WholeRange {
    min: 3,
    max: MAX_NODES_PER_REGION as i64,
};
/// Storage per node of an Advanced cluster, GiB.
pub const STORAGE_GIB_PER_NODE: WholeRange = WholeRange {
    min: 15,
    max: MAX_STORAGE_GIB as i64,
};
/// Provisioned vCPUs of a Standard cluster.
pub const PROVISIONED_VCPUS: WholeRange = WholeRange {
    min: 2,
    max: MAX_PROVISIONED_VCPUS,
};
/// A Basic cluster's monthly request units (0 = no limit).
pub const REQUEST_UNIT_LIMIT: WholeRange = WholeRange {
    min: 0,
    max: MAX_REQUEST_UNITS,
};
/// A Basic cluster's storage limit, GiB (0 = no limit).
pub const STORAGE_GIB_LIMIT: WholeRange = WholeRange {
    min: 0,
    max: MAX_STORAGE_MIB / 1024,
};

impl WholeRange {
    /// Reads what was typed: digits, optionally grouped by commas, spaces
    /// or underscores (`16,384`), within the range.
    pub fn read(&self, text: &str) -> Result<i64, String> {
        let t = text.trim();
        if t.is_empty() {
            return Err("Enter a number.".into());
        }
        if t.contains('.') {
            return Err("Enter a whole number, without a decimal point.".into());
        }
        if t.starts_with('-') {
            return Err(self.too_small());
        }
        let digits: String = t
            .chars()
            .filter(|c| !matches!(c, ',' | ' ' | '_'))
            .collect();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err("Use digits only, such as 16.".into());
        }
        // Too many digits for an i64 is too large too.
        let value = digits.parse::<i64>().map_err(|_| self.too_large())?;
        self.check(value)
    }

    /// `value` if it is within the range, else the sentence saying so.
    pub fn check(&self, value: i64) -> Result<i64, String> {
        if value < self.min {
            Err(self.too_small())
        } else if value > self.max {
            Err(self.too_large())
        } else {
            Ok(value)
        }
    }

    /// The range in words, for the field's hint: `From 3 to 150.`
    pub fn hint(&self) -> String {
        format!(
            "From {} to {}.",
            group_digits(self.min),
            group_digits(self.max)
        )
    }

    fn too_small(&self) -> String {
        format!("At least {}.", group_digits(self.min))
    }

    fn too_large(&self) -> String {
        format!("At most {}.", group_digits(self.max))
    }
}

/// `16384` as `16,384`.
pub fn group_digits(n: impl Into<i128>) -> String {
    let n: i128 = n.into();
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_whole_numbers_as_typed() {
        assert_eq!(STORAGE_GIB_PER_NODE.read("16"), Ok(16));
        assert_eq!(STORAGE_GIB_PER_NODE.read(" 16,384 "), Ok(16_384));
        assert_eq!(NODES_PER_REGION.read("3"), Ok(3));
    }

    #[test]
    fn says_what_is_wrong() {
        assert_eq!(NODES_PER_REGION.read(""), Err("Enter a number.".into()));
        assert_eq!(
            NODES_PER_REGION.read("1.5"),
            Err("Enter a whole number, without a decimal point.".into())
        );
        assert_eq!(NODES_PER_REGION.read("-1"), Err("At least 3.".into()));
        assert_eq!(NODES_PER_REGION.read("2"), Err("At least 3.".into()));
        assert_eq!(NODES_PER_REGION.read("151"), Err("At most 150.".into()));
        assert_eq!(
            NODES_PER_REGION.read("3x"),
            Err("Use digits only, such as 16.".into())
        );
        assert_eq!(
            STORAGE_GIB_PER_NODE.read("99,999,999"),
            Err("At most 16,384.".into())
        );
        assert_eq!(
            PROVISIONED_VCPUS.read("99999999999999999999999"),
            Err("At most 2,000.".into())
        );
    }

    #[test]
    fn groups_digits() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_048_576), "1,048,576");
        assert_eq!(group_digits(-1_234), "-1,234");
        assert_eq!(STORAGE_GIB_LIMIT.hint(), "From 0 to 1,048,576.");
    }
}
