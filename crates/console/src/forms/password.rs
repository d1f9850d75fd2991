//! Generated passwords, and the API's password rule in plain words.

use crdb_cloud::names::MIN_PASSWORD_CHARS;

/// Characters of generated passwords: letters and digits only, so a
/// password survives copying into a connection string without escaping.
const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/// Length of generated passwords.
pub const GENERATED_LEN: usize = 24;

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
    fn typed_passwords_need_eight_characters() {
        assert!(validate_password("1234567").unwrap_err().contains("7 of"));
        assert!(validate_password("12345678").is_ok());
    }
}
