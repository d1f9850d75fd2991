//! Databases: every cluster starts with `defaultdb` and `postgres`, as
//! CockroachDB does; names follow CockroachDB's identifier rules.

use super::cluster::require_created;
use crate::error::{ApiError, ApiResult};
use crate::store::model::ClusterRow;
use crdb_cloud::models::databases::Database;
use std::collections::BTreeMap;

/// The databases a new cluster has.
pub const INITIAL: &[&str] = &["defaultdb", "postgres"];
/// Checks a database name (`field` names it in messages; the rule is the
/// SDK's [`crdb_cloud::names::database_name`]) and returns it as stored, in
/// lower case.
pub fn normalize_name(field: &str, name: &str) -> ApiResult<String> {
    crdb_cloud::names::database_name(name).map_err(|e| ApiError::invalid(format!("{field}: {e}")))
}

/// The databases of a cluster: name → table count.
pub fn all(row: &ClusterRow) -> BTreeMap<String, i64> {
    row.meta
        .data
        .databases
        .clone()
        .unwrap_or_else(|| INITIAL.iter().map(|name| ((*name).to_owned(), 0)).collect())
}

/// The databases as the API shows them, sorted by name.
pub fn list(row: &ClusterRow) -> Vec<Database> {
    all(row)
        .into_iter()
        .map(|(name, tables)| Database {
            name,
            table_count: Some(tables),
        })
        .collect()
}

/// Names of databases other than the initial ones.
pub fn user_databases(row: &ClusterRow) -> Vec<String> {
    all(row)
        .into_keys()
        .filter(|n| !INITIAL.contains(&n.as_str()))
        .collect()
}

fn not_found(name: &str) -> ApiError {
    ApiError::not_found(format!("database {name:?} not found"))
}

/// CreateDatabase.
pub fn create(row: &mut ClusterRow, name: &str) -> ApiResult<Database> {
    let name = normalize_name("name", name)?;
    require_created(&row.cluster)?;
    let mut dbs = all(row);
    if dbs.contains_key(&name) {
        return Err(ApiError::already_exists(format!(
            "a database named {name:?} already exists"
        )));
    }
    dbs.insert(name.clone(), 0);
    row.meta.data.databases = Some(dbs);
    Ok(Database {
        name,
        table_count: Some(0),
    })
}

/// EditDatabase / EditDatabase2: renames `name` to `new_name`.
pub fn rename(row: &mut ClusterRow, name: &str, new_name: &str) -> ApiResult<Database> {
    let new_name = normalize_name("new_name", new_name)?;
    let mut dbs = all(row);
    let key = name.to_ascii_lowercase();
    let tables = dbs.get(&key).copied().ok_or_else(|| not_found(name))?;
    require_created(&row.cluster)?;
    if new_name == key {
        return Ok(Database {
            name: key,
            table_count: Some(tables),
        });
    }
    if dbs.contains_key(&new_name) {
        return Err(ApiError::already_exists(format!(
            "a database named {new_name:?} already exists"
        )));
    }
    dbs.remove(&key);
    dbs.insert(new_name.clone(), tables);
    row.meta.data.databases = Some(dbs);
    Ok(Database {
        name: new_name,
        table_count: Some(tables),
    })
}

/// DeleteDatabase: returns the removed database.
pub fn delete(row: &mut ClusterRow, name: &str) -> ApiResult<Database> {
    let mut dbs = all(row);
    let key = name.to_ascii_lowercase();
    let tables = dbs.remove(&key).ok_or_else(|| not_found(name))?;
    require_created(&row.cluster)?;
    row.meta.data.databases = Some(dbs);
    Ok(Database {
        name: key,
        table_count: Some(tables),
    })
}

/// For EditDatabase (name in the path): a body `name`, when given, must be the same.
pub fn check_body_name(path_name: &str, body_name: Option<&str>) -> ApiResult<()> {
    match body_name {
        Some(b) if !b.is_empty() && !b.eq_ignore_ascii_case(path_name) => Err(ApiError::invalid(
            format!("name: the body names {b:?} but the path names {path_name:?}"),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crdb_cloud::models::clusters::ClusterState;

    fn row(state: ClusterState) -> ClusterRow {
        let mut row = ClusterRow {
            cluster: Default::default(),
            meta: Default::default(),
        };
        row.cluster.state = state;
        row
    }

    #[test]
    fn clusters_start_with_defaultdb_and_postgres() {
        let r = row(ClusterState::Created);
        let names: Vec<String> = list(&r).into_iter().map(|d| d.name).collect();
        assert_eq!(names, ["defaultdb", "postgres"]);
        assert!(user_databases(&r).is_empty());
        assert!(r.meta.data.is_empty());
    }

    #[test]
    fn names_follow_identifier_rules() {
        for ok in ["a", "_x", "Shop$1", &"d".repeat(63)] {
            normalize_name("name", ok).unwrap();
        }
        assert_eq!(normalize_name("name", "Shop").unwrap(), "shop");
        for bad in [
            "",
            "1db",
            "my-db",
            "a.b",
            "a b",
            &"d".repeat(64),
            "system",
            "PG_CATALOG",
        ] {
            let e = normalize_name("name", bad).unwrap_err();
            assert_eq!((e.status, e.code), (400, 3), "{bad}");
        }
    }

    #[test]
    fn create_rename_delete() {
        let mut r = row(ClusterState::Created);
        assert_eq!(create(&mut r, "Shop").unwrap().name, "shop");
        assert_eq!(create(&mut r, "shop").unwrap_err().status, 409);
        assert_eq!(create(&mut r, "defaultdb").unwrap_err().code, 6);
        assert_eq!(user_databases(&r), ["shop"]);
        assert_eq!(rename(&mut r, "shop", "store").unwrap().name, "store");
        assert_eq!(rename(&mut r, "shop", "x").unwrap_err().status, 404);
        assert_eq!(rename(&mut r, "store", "postgres").unwrap_err().code, 6);
        assert_eq!(rename(&mut r, "store", "bad-name").unwrap_err().code, 3);
        assert_eq!(rename(&mut r, "store", "STORE").unwrap().name, "store");
        assert_eq!(delete(&mut r, "store").unwrap().table_count, Some(0));
        assert_eq!(delete(&mut r, "store").unwrap_err().status, 404);
        delete(&mut r, "defaultdb").unwrap();
        assert_eq!(list(&r).len(), 1);
    }

    #[test]
    fn body_name_must_match_the_path() {
        check_body_name("shop", None).unwrap();
        check_body_name("shop", Some("")).unwrap();
        check_body_name("shop", Some("SHOP")).unwrap();
        assert_eq!(check_body_name("shop", Some("other")).unwrap_err().code, 3);
    }

    #[test]
    fn a_cluster_that_is_not_created_refuses() {
        let mut r = row(ClusterState::Creating);
        let e = create(&mut r, "shop").unwrap_err();
        assert_eq!(e.code, 9);
        assert!(e.message.contains("CREATING"));
        assert_eq!(delete(&mut r, "defaultdb").unwrap_err().code, 9);
    }
}
