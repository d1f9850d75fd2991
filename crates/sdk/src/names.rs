//! The API's naming rules for SQL users and databases (CockroachDB's
//! identifier rules), one definition for the server that enforces them and
//! the clients that check input before sending it. [`NameError`] says what
//! is wrong; each surface words it its own way.

/// Longest SQL user or database name, in bytes.
pub const MAX_NAME_BYTES: usize = 63;
/// Shortest SQL user password, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// SQL user names CockroachDB reserves (besides `pg_*` and `crdb_internal*`).
const RESERVED_USERS: &[&str] = &["root", "admin", "public", "none", "node"];
/// Database names CockroachDB reserves for its system databases and schemas.
const RESERVED_DATABASES: &[&str] = &[
    "system",
    "crdb_internal",
    "information_schema",
    "pg_catalog",
    "pg_extension",
];

/// Why a name breaks the rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NameError {
    /// Nothing was given.
    #[error("required")]
    Empty,
    /// Longer than [`MAX_NAME_BYTES`].
    #[error("must be at most {MAX_NAME_BYTES} bytes, got {0}")]
    TooLong(usize),
    /// The first character is not a letter or `_`.
    #[error("must start with a letter or '_', found {0:?}")]
    BadStart(char),
    /// A character outside the allowed set (`allowed` lists it in words).
    #[error("may contain only {allowed}, found {found:?}")]
    BadChar {
        /// The first character not allowed.
        found: char,
        /// The allowed characters, in words.
        allowed: &'static str,
    },
    /// A name CockroachDB keeps for itself (as stored, in lower case).
    #[error("{0:?} is reserved")]
    Reserved(String),
}

/// The shared shape: a letter or `_`, then letters, digits or `extra`;
/// at most 63 bytes. Returns the name in lower case, as CockroachDB stores
/// unquoted names.
fn identifier(name: &str, extra: &[char], allowed: &'static str) -> Result<String, NameError> {
    let mut chars = name.chars();
    let first = chars.next().ok_or(NameError::Empty)?;
    if name.len() > MAX_NAME_BYTES {
        return Err(NameError::TooLong(name.len()));
    }
    if !(first.is_ascii_alphabetic() || first == '_') {
        return Err(NameError::BadStart(first));
    }
    if let Some(found) = chars.find(|c| !(c.is_ascii_alphanumeric() || extra.contains(c))) {
        return Err(NameError::BadChar { found, allowed });
    }
    Ok(name.to_ascii_lowercase())
}

/// Checks a SQL user name: a letter or `_`, then letters, digits, `_`,
/// `-` or `.`; not a reserved name. Returns it in lower case.
pub fn sql_user_name(name: &str) -> Result<String, NameError> {
    let lower = identifier(name, &['_', '-', '.'], "letters, digits, '_', '-' and '.'")?;
    if RESERVED_USERS.contains(&lower.as_str())
        || lower.starts_with("pg_")
        || lower.starts_with("crdb_internal")
    {
        return Err(NameError::Reserved(lower));
    }
    Ok(lower)
}

/// Checks a database name: a letter or `_`, then letters, digits, `_` or
/// `$`; not a system name. Returns it in lower case.
pub fn database_name(name: &str) -> Result<String, NameError> {
    let lower = identifier(name, &['_', '$'], "letters, digits, '_' and '$'")?;
    if RESERVED_DATABASES.contains(&lower.as_str()) {
        return Err(NameError::Reserved(lower));
    }
    Ok(lower)
}

impl NameError {
    /// The reason as a sentence for people filling in a form.
    pub fn sentence(&self) -> String {
        match self {
            NameError::Empty => "Enter a name.".into(),
            NameError::TooLong(n) => format!("Too long: {n} of at most {MAX_NAME_BYTES} bytes."),
            NameError::BadStart(_) => "Start with a letter or an underscore.".into(),
            NameError::BadChar { found, allowed } => {
                format!("{found:?} is not allowed: use {allowed}.")
            }
            NameError::Reserved(name) => format!("{name:?} is reserved by CockroachDB."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_user_names() {
        assert_eq!(sql_user_name("MaxRoach").unwrap(), "maxroach");
        assert_eq!(sql_user_name("_app.v2-ro").unwrap(), "_app.v2-ro");
        assert_eq!(sql_user_name(""), Err(NameError::Empty));
        assert_eq!(sql_user_name("1abc"), Err(NameError::BadStart('1')));
        assert_eq!(
            sql_user_name("a b").unwrap_err().to_string(),
            "may contain only letters, digits, '_', '-' and '.', found ' '"
        );
        assert_eq!(sql_user_name(&"a".repeat(64)), Err(NameError::TooLong(64)));
        for reserved in ["root", "Admin", "pg_x", "crdb_internal_y"] {
            assert!(matches!(
                sql_user_name(reserved),
                Err(NameError::Reserved(_))
            ));
        }
    }

    #[test]
    fn database_names() {
        assert_eq!(database_name("Movr$2").unwrap(), "movr$2");
        assert!(matches!(
            database_name("a-b"),
            Err(NameError::BadChar { found: '-', .. })
        ));
        assert_eq!(
            database_name("System").unwrap_err().to_string(),
            "\"system\" is reserved"
        );
        assert_eq!(
            database_name("9").unwrap_err().sentence(),
            "Start with a letter or an underscore."
        );
    }
}
