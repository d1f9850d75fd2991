//! SQL users: CockroachDB's name rules, password rules, and a salted hash in
//! place of the password (which is never returned or logged).

use super::cluster::require_created;
use crate::error::{ApiError, ApiResult};
use crate::store::data::SqlUserRow;
use crate::store::model::ClusterRow;
use crdb_cloud::Timestamp;
use crdb_cloud::models::clusters::ClusterState;
use sha2::{Digest, Sha256};

pub use crdb_cloud::names::MIN_PASSWORD_CHARS;

/// Checks a user name (the SDK's [`crdb_cloud::names::sql_user_name`]) and
/// returns it as stored: lower case (CockroachDB folds unquoted names).
pub fn normalize_name(name: &str) -> ApiResult<String> {
    crdb_cloud::names::sql_user_name(name).map_err(|e| ApiError::invalid(format!("name: {e}")))
}

/// Checks a password: at least 8 characters.
pub fn validate_password(password: &str) -> ApiResult<()> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(ApiError::invalid(format!(
            "password: must be at least {MIN_PASSWORD_CHARS} characters long, got {n}"
        )));
    }
    Ok(())
}

/// `salt$hex(sha256(salt || password))` with a fresh random salt.
pub fn hash_password(password: &str) -> String {
    let salt = uuid::Uuid::new_v4().simple().to_string();
    format!("{salt}${}", digest(&salt, password))
}

/// Whether `password` matches a stored hash.
pub fn verify_password(stored: &str, password: &str) -> bool {
    stored
        .split_once('$')
        .is_some_and(|(salt, hash)| digest(salt, password) == hash)
}

fn digest(salt: &str, password: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(password.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Fails with 400 (code 9) unless the cluster's SQL data can be read
/// (`CREATED`, or `LOCKED` by other work).
pub fn require_readable(row: &ClusterRow) -> ApiResult<()> {
    match &row.cluster.state {
        ClusterState::Created | ClusterState::Locked => Ok(()),
        other => Err(ApiError::precondition(format!(
            "cluster is {other}; this needs a CREATED cluster"
        ))),
    }
}

/// The user names of a cluster, sorted.
pub fn names(row: &ClusterRow) -> Vec<String> {
    row.meta.data.sql_users.keys().cloned().collect()
}

/// CreateSQLUser: returns the stored name.
pub fn create(
    row: &mut ClusterRow,
    name: &str,
    password: &str,
    now: Timestamp,
) -> ApiResult<String> {
    let name = normalize_name(name)?;
    validate_password(password)?;
    require_created(&row.cluster)?;
    if row.meta.data.sql_users.contains_key(&name) {
        return Err(ApiError::already_exists(format!(
            "a SQL user named {name:?} already exists"
        )));
    }
    row.meta.data.sql_users.insert(
        name.clone(),
        SqlUserRow {
            password_hash: hash_password(password),
            created_at: now,
        },
    );
    Ok(name)
}

fn existing(row: &ClusterRow, name: &str) -> ApiResult<String> {
    let key = name.to_ascii_lowercase();
    if row.meta.data.sql_users.contains_key(&key) {
        Ok(key)
    } else {
        Err(ApiError::not_found(format!("SQL user {name:?} not found")))
    }
}

/// DeleteSQLUser: returns the removed name.
pub fn delete(row: &mut ClusterRow, name: &str) -> ApiResult<String> {
    let key = existing(row, name)?;
    require_created(&row.cluster)?;
    row.meta.data.sql_users.remove(&key);
    Ok(key)
}

/// UpdateSQLUserPassword: returns the name.
pub fn change_password(row: &mut ClusterRow, name: &str, password: &str) -> ApiResult<String> {
    let key = existing(row, name)?;
    validate_password(password)?;
    require_created(&row.cluster)?;
    if let Some(user) = row.meta.data.sql_users.get_mut(&key) {
        user.password_hash = hash_password(password);
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t() -> Timestamp {
        chrono::Utc.timestamp_opt(1_700_000_000, 0).unwrap()
    }

    fn row(state: ClusterState) -> ClusterRow {
        let mut row = ClusterRow {
            cluster: Default::default(),
            meta: Default::default(),
        };
        row.cluster.state = state;
        row
    }

    #[test]
    fn names_follow_cockroachdb_rules() {
        for ok in ["alice", "_svc", "a.b-c_d9", "Bob", &"a".repeat(63)] {
            normalize_name(ok).unwrap();
        }
        assert_eq!(normalize_name("Bob").unwrap(), "bob");
        for bad in [
            "",
            "1abc",
            "-abc",
            ".abc",
            "a b",
            "a@b",
            "ü",
            &"a".repeat(64),
            "root",
            "ADMIN",
            "pg_x",
        ] {
            let e = normalize_name(bad).unwrap_err();
            assert_eq!((e.status, e.code), (400, 3), "{bad}");
            assert!(e.message.starts_with("name:"), "{}", e.message);
        }
    }

    #[test]
    fn passwords_need_eight_characters() {
        validate_password("12345678").unwrap();
        validate_password("éééééééé").unwrap();
        assert_eq!(validate_password("1234567").unwrap_err().code, 3);
    }

    #[test]
    fn only_a_salted_hash_is_kept() {
        let a = hash_password("hunter2222");
        let b = hash_password("hunter2222");
        assert_ne!(a, b);
        assert!(!a.contains("hunter"));
        assert!(verify_password(&a, "hunter2222"));
        assert!(!verify_password(&a, "hunter2223"));
    }

    #[test]
    fn create_delete_and_change_password() {
        let mut r = row(ClusterState::Created);
        assert_eq!(create(&mut r, "Alice", "password1", t()).unwrap(), "alice");
        let dup = create(&mut r, "alice", "password1", t()).unwrap_err();
        assert_eq!((dup.status, dup.code), (409, 6));
        let old = r.meta.data.sql_users["alice"].password_hash.clone();
        assert_eq!(
            change_password(&mut r, "ALICE", "password2").unwrap(),
            "alice"
        );
        let new = &r.meta.data.sql_users["alice"].password_hash;
        assert_ne!(&old, new);
        assert!(verify_password(new, "password2"));
        assert_eq!(
            change_password(&mut r, "alice", "short").unwrap_err().code,
            3
        );
        assert_eq!(
            change_password(&mut r, "bob", "password2")
                .unwrap_err()
                .status,
            404
        );
        assert_eq!(delete(&mut r, "alice").unwrap(), "alice");
        assert_eq!(delete(&mut r, "alice").unwrap_err().status, 404);
    }

    #[test]
    fn a_cluster_that_is_not_created_refuses() {
        for state in [ClusterState::Creating, ClusterState::Locked] {
            let mut r = row(state.clone());
            let e = create(&mut r, "alice", "password1", t()).unwrap_err();
            assert_eq!((e.status, e.code), (400, 9));
            assert!(e.message.contains(state.as_str()), "{}", e.message);
        }
        assert!(require_readable(&row(ClusterState::Locked)).is_ok());
        assert_eq!(
            require_readable(&row(ClusterState::Creating))
                .unwrap_err()
                .code,
            9
        );
    }
}
