//! SQL users of a cluster: list, create, delete, change password.

use crate::models::common::KeysetPaginationResponse;
use serde::{Deserialize, Serialize};
use std::fmt;

/// `SQLUser`: the only thing the API ever says about a SQL user is its name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SqlUser {
    /// User name.
    #[serde(default)]
    pub name: String,
}

/// `CreateSQLUserBody`. The user gets the SQL `admin` role.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateSqlUserBody {
    /// User name (a letter or `_`, then letters, digits, `_`, `-`, `.`).
    pub name: String,
    /// Password; it cannot be read back later.
    pub password: String,
}

impl fmt::Debug for CreateSqlUserBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateSqlUserBody")
            .field("name", &self.name)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// `UpdateSQLUserPasswordBody`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateSqlUserPasswordBody {
    /// The new password.
    pub password: String,
}

impl fmt::Debug for UpdateSqlUserPasswordBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdateSqlUserPasswordBody")
            .field("password", &"<redacted>")
            .finish()
    }
}

/// `ListSQLUsersResponse`, sorted by user name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSqlUsersResponse {
    /// This page of users.
    #[serde(default)]
    pub users: Vec<SqlUser>,
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
    fn sql_user_and_list_round_trip() {
        let u: SqlUser = round_trip(json!({"name": "example_username"}));
        assert_eq!(u.name, "example_username");
        let list: ListSqlUsersResponse = round_trip(json!({
            "users": [{"name": "alice"}, {"name": "bob"}],
            "pagination": {"next_page": "p2"}
        }));
        assert_eq!(list.users.len(), 2);
        assert_eq!(list.users[1].name, "bob");
        assert_eq!(
            list.pagination.and_then(|p| p.next_page).as_deref(),
            Some("p2")
        );
        let last: ListSqlUsersResponse = round_trip(json!({"users": [], "pagination": null}));
        assert!(last.pagination.is_none());
    }

    #[test]
    fn request_bodies_match_the_spec_examples() {
        let c: CreateSqlUserBody =
            round_trip(json!({"name": "example_username", "password": "example_password"}));
        assert_eq!(c.password, "example_password");
        let p: UpdateSqlUserPasswordBody = round_trip(json!({"password": "example_new_password"}));
        assert_eq!(p.password, "example_new_password");
    }

    #[test]
    fn passwords_are_not_debug_printed() {
        let c = CreateSqlUserBody {
            name: "u".into(),
            password: "hunter22".into(),
        };
        let p = UpdateSqlUserPasswordBody {
            password: "hunter22".into(),
        };
        assert!(!format!("{c:?}{p:?}").contains("hunter22"));
        assert!(format!("{c:?}").contains("\"u\""));
    }

    #[test]
    fn lenient_on_missing_required_fields() {
        let list: ListSqlUsersResponse = serde_json::from_str("{}").unwrap();
        assert!(list.users.is_empty());
        let u: SqlUser = serde_json::from_str("{}").unwrap();
        assert_eq!(u.name, "");
    }
}
