//! Authentication: `Authorization: Bearer <secret>` → service account.
//! Secrets are stored only as SHA-256 hashes.

use crate::error::{ApiError, ApiResult};
use crate::store::model::{Grant, Mem};
use sha2::{Digest, Sha256};

/// The authenticated caller of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// Service account id.
    pub service_account_id: String,
    /// Service account name (for audit logs).
    pub name: String,
    /// Its roles.
    pub roles: Vec<Grant>,
    /// Whether the key is a bootstrap key, the one kind that opens the local
    /// admin API (made on first start or given with `--bootstrap-api-key`).
    pub is_local_admin: bool,
}

/// Prefix of every secret the server issues.
pub const SECRET_PREFIX: &str = "CCDB1_";

/// Hex SHA-256 of a secret.
pub fn hash_secret(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new random secret and its key id: `CCDB1_<id>_<random>`.
pub fn generate_secret() -> (String, String) {
    let id = uuid::Uuid::new_v4().simple().to_string()[..22].to_owned();
    let tail = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let secret = format!("{SECRET_PREFIX}{id}_{tail}");
    (id, secret)
}

/// The key id of a secret the caller supplied (`CCDB1_<id>_...`), else a hash-derived id.
pub fn key_id_of(secret: &str) -> String {
    secret
        .strip_prefix(SECRET_PREFIX)
        .and_then(|rest| rest.split_once('_'))
        .map(|(id, _)| id.to_owned())
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| hash_secret(secret)[..22].to_owned())
}

/// Resolves the `Authorization` header to a caller; 401 (code 16) if it cannot.
pub fn authenticate(mem: &Mem, header: Option<&str>) -> ApiResult<Caller> {
    let header = header.ok_or_else(|| ApiError::unauthenticated("missing Authorization header"))?;
    let secret = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::unauthenticated("Authorization must be 'Bearer <api key>'"))?;
    let key_id = mem
        .key_by_hash
        .get(&hash_secret(secret))
        .ok_or_else(|| ApiError::unauthenticated("unknown API key"))?;
    let key = mem
        .api_keys
        .get(key_id)
        .ok_or_else(|| ApiError::unauthenticated("unknown API key"))?;
    let sa = mem
        .service_accounts
        .get(&key.service_account_id)
        .ok_or_else(|| {
            ApiError::unauthenticated("the API key's service account no longer exists")
        })?;
    Ok(Caller {
        service_account_id: sa.id.clone(),
        name: sa.name.clone(),
        roles: sa.roles.clone(),
        is_local_admin: key.local_admin && sa.bootstrap,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_hash_and_carry_their_id() {
        let (id, secret) = generate_secret();
        assert!(secret.starts_with(SECRET_PREFIX));
        assert_eq!(key_id_of(&secret), id);
        assert_eq!(hash_secret("abc").len(), 64);
        assert_ne!(hash_secret("abc"), hash_secret("abd"));
        assert_eq!(key_id_of("plain-secret").len(), 22);
    }

    #[test]
    fn missing_or_unknown_keys_are_unauthenticated() {
        let mem = Mem::default();
        for header in [None, Some("Basic x"), Some("Bearer "), Some("Bearer nope")] {
            let e = authenticate(&mem, header).unwrap_err();
            assert_eq!((e.status, e.code), (401, 16), "{header:?}");
        }
    }
}
