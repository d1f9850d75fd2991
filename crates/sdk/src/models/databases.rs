//! Databases of a cluster: list, create, rename, delete.

use crate::models::common::KeysetPaginationResponse;
use serde::{Deserialize, Serialize};

/// `Database`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Database {
    /// Database name.
    #[serde(default)]
    pub name: String,
    /// Number of tables (int64, a string on the wire).
    #[serde(
        default,
        with = "crate::wire::int64::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub table_count: Option<i64>,
}

/// `CreateDatabaseBody`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateDatabaseBody {
    /// Name of the new database.
    pub name: String,
}

/// `EditDatabaseBody`: renames `name` to `new_name`. The spec requires
/// `name` in the body even for `EditDatabase`, whose path also names it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditDatabaseBody {
    /// Current name.
    pub name: String,
    /// New name.
    pub new_name: String,
}

/// `ListDatabasesResponse`, sorted by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListDatabasesResponse {
    /// This page of databases.
    #[serde(default)]
    pub databases: Vec<Database>,
    /// `null` on the last page.
    #[serde(default)]
    pub pagination: Option<KeysetPaginationResponse>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::round_trip;
    use serde_json::json;

    #[test]
    fn table_count_is_an_int64_string() {
        let d: Database =
            round_trip(json!({"name": "defaultdb", "table_count": "9007199254740993"}));
        assert_eq!(d.table_count, Some(9_007_199_254_740_993));
        let numeric: Database =
            serde_json::from_value(json!({"name": "x", "table_count": 3})).unwrap();
        assert_eq!(numeric.table_count, Some(3));
        assert_eq!(
            serde_json::to_value(&numeric).unwrap(),
            json!({"name": "x", "table_count": "3"})
        );
    }

    #[test]
    fn absent_table_count_is_omitted() {
        let d: Database = round_trip(json!({"name": "postgres"}));
        assert_eq!(d.table_count, None);
    }

    #[test]
    fn list_and_bodies_round_trip() {
        let list: ListDatabasesResponse = round_trip(json!({
            "databases": [{"name": "a", "table_count": "0"}, {"name": "b", "table_count": "12"}],
            "pagination": null
        }));
        assert_eq!(list.databases[1].table_count, Some(12));
        let c: CreateDatabaseBody = round_trip(json!({"name": "example_database_name"}));
        assert_eq!(c.name, "example_database_name");
        let e: EditDatabaseBody = round_trip(json!({
            "name": "example_database_name",
            "new_name": "example_new_database_name"
        }));
        assert_eq!(e.new_name, "example_new_database_name");
    }

    #[test]
    fn rejects_a_non_numeric_table_count() {
        assert!(
            serde_json::from_value::<Database>(json!({"name": "x", "table_count": "many"}))
                .is_err()
        );
    }
}
