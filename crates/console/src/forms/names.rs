//! The SDK's SQL user and database name rules, in plain words for forms.

use crdb_cloud::names;

/// Checks a SQL user name by the API's rule, in plain words.
pub fn validate_sql_user_name(name: &str) -> Result<(), String> {
    names::sql_user_name(name)
        .map(drop)
        .map_err(|e| e.sentence())
}

/// Checks a database name by the API's rule, in plain words.
pub fn validate_database_name(name: &str) -> Result<(), String> {
    names::database_name(name)
        .map(drop)
        .map_err(|e| e.sentence())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_user_names_follow_the_api_rule() {
        assert!(validate_sql_user_name("maxroach").is_ok());
        assert!(validate_sql_user_name("_app.v2-ro").is_ok());
        assert!(validate_sql_user_name("").is_err());
        assert!(validate_sql_user_name("1abc").is_err());
        assert!(
            validate_sql_user_name("bad name")
                .unwrap_err()
                .contains("' '")
        );
        assert!(validate_sql_user_name(&"a".repeat(64)).is_err());
    }

    #[test]
    fn database_names_follow_the_api_rule() {
        assert!(validate_database_name("movr").is_ok());
        assert!(validate_database_name("a$b_c").is_ok());
        assert!(validate_database_name("a-b").is_err());
        assert!(validate_database_name("9a").is_err());
    }
}
