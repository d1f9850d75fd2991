//! Generated passwords and the SQL user name rule as the API checks it.

/// Characters of generated passwords: letters and digits only, so a
/// password survives copying into a connection string without escaping.
const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/// Length of generated passwords.
pub const GENERATED_LEN: usize = 24;

/// Shortest password the API accepts, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// A password from uniformly random bytes (e.g. `crypto.getRandomValues`):
/// bytes that would bias the alphabet are skipped, so it may be shorter
/// than [`GENERATED_LEN`] only when `random` runs out.
pub fn password_from(random: &[u8]) -> String {
    let n = ALPHABET.len();
    let limit = 256 - 256 % n;
    random
        .iter()
        .map(|&b| usize::from(b))
        .filter(|&b| b < limit)
        .map(|b| char::from(ALPHABET[b % n]))
        .take(GENERATED_LEN)
        .collect()
}

/// Checks a SQL user name as the API does: starts with a letter or `_`,
/// then letters, digits, `_`, `-` or `.`; at most 63 bytes.
pub fn validate_sql_user_name(name: &str) -> Result<(), String> {
    let Some(first) = name.chars().next() else {
        return Err("Enter a user name.".into());
    };
    if !(first.is_ascii_alphabetic() || first == '_') {
        return Err("Start with a letter or an underscore.".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
    {
        return Err(format!(
            "{c:?} is not allowed: use letters, digits, '_', '-' and '.'."
        ));
    }
    if name.len() > 63 {
        return Err(format!("Too long: {} of at most 63 bytes.", name.len()));
    }
    Ok(())
}

/// Checks a password the user typed: at least 8 characters.
pub fn validate_password(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(format!(
            "Too short: {n} of at least {MIN_PASSWORD_CHARS} characters."
        ));
    }
    Ok(())
}

/// Checks a database name as the API does: starts with a letter or `_`,
/// then letters, digits, `_` or `$`; at most 63 bytes.
pub fn validate_database_name(name: &str) -> Result<(), String> {
    let Some(first) = name.chars().next() else {
        return Err("Enter a database name.".into());
    };
    if !(first.is_ascii_alphabetic() || first == '_') {
        return Err("Start with a letter or an underscore.".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '$')))
    {
        return Err(format!(
            "{c:?} is not allowed: use letters, digits, '_' and '$'."
        ));
    }
    if name.len() > 63 {
        return Err(format!("Too long: {} of at most 63 bytes.", name.len()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_use_the_alphabet_and_skip_biased_bytes() {
        let bytes: Vec<u8> = (0..=255).collect();
        let p = password_from(&bytes);
        assert_eq!(p.len(), GENERATED_LEN);
        assert!(p.bytes().all(|b| ALPHABET.contains(&b)));
        // 57 letters: bytes 228..=255 would favour the first 28 characters.
        let biased = vec![250u8; 64];
        assert_eq!(password_from(&biased), "");
        assert!(validate_password(&p).is_ok());
    }

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
    fn database_names_and_passwords() {
        assert!(validate_database_name("movr").is_ok());
        assert!(validate_database_name("a$b_c").is_ok());
        assert!(validate_database_name("a-b").is_err());
        assert!(validate_database_name("9a").is_err());
        assert!(validate_password("1234567").unwrap_err().contains("7 of"));
        assert!(validate_password("12345678").is_ok());
    }
}
