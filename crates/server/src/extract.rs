//! Request extractors that turn every malformed input into a 400 `Status`
//! body: JSON bodies (syntax, types, size) and query strings.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// A JSON body decoded into an SDK model by the proto3 JSON rules
/// ([`crdb_cloud::proto3`]); failures are 400 (code 3), 413 when the body is
/// larger than the server accepts, 408 when it does not arrive in time.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(body_error)?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::invalid("request body: a JSON object is required"));
        }
        // read as the real service reads it: proto3 JSON (null is the
        // default, camelCase names, integers as strings)
        crdb_cloud::proto3::from_slice(&bytes)
            .map(ApiJson)
            .map_err(|e| ApiError::invalid(format!("invalid request body: {e}")))
    }
}

/// Why a body could not be read: too large (413), too slow (408, from the
/// body read timeout), or broken off (400).
fn body_error(e: axum::extract::rejection::BytesRejection) -> ApiError {
    use std::error::Error as _;
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::invalid("request body is too large").with_status(413);
    }
    let mut source = e.source();
    while let Some(s) = source {
        if s.is::<tower_http::timeout::TimeoutError>() {
            return ApiError::new(4, "the request body did not arrive in time").with_status(408);
        }
        source = s.source();
    }
    ApiError::invalid(format!("cannot read request body: {}", e.body_text()))
}

/// The query string as name/value pairs, with typed accessors that fail
/// with 400 (code 3) naming the parameter.
#[derive(Debug, Clone, Default)]
pub struct QueryParams(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let raw = parts.uri.query().unwrap_or_default();
        serde_urlencoded::from_str::<Vec<(String, String)>>(raw)
            .map(QueryParams)
            .map_err(|e| ApiError::invalid(format!("invalid query string: {e}")))
    }
}

impl QueryParams {
    /// The `pagination.*` parameters of a keyset-paginated list (`scope`
    /// ties page tokens to the list and sort they came from); an
    /// unreadable `pagination.as_of_time` is refused too, though lists are
    /// served as of now.
    pub fn page_request(
        &self,
        scope: &str,
    ) -> crate::error::ApiResult<crate::rules::pagination::PageRequest> {
        self.sorted_page_request(scope, None)
    }

    /// [`QueryParams::page_request`] for a list whose order, when
    /// `pagination.sort_order` is absent or empty, is `default_order`
    /// (e.g. `DESC` for newest first).
    pub fn sorted_page_request(
        &self,
        scope: &str,
        default_order: Option<&str>,
    ) -> crate::error::ApiResult<crate::rules::pagination::PageRequest> {
        self.time("pagination.as_of_time")?;
        crate::rules::pagination::page_request(
            self.int("pagination.limit")?,
            self.get("pagination.page"),
            self.get("pagination.sort_order")
                .filter(|s| !s.is_empty())
                .or(default_order),
            scope,
        )
    }

    /// The last value of `name`, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A boolean parameter (`true`/`false`/`1`/`0`).
    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some("true" | "1") => Ok(Some(true)),
            Some("false" | "0") => Ok(Some(false)),
            Some(other) => Err(ApiError::invalid(format!(
                "{name}: expected true or false, got {other:?}"
            ))),
        }
    }

    /// An integer parameter.
    pub fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| ApiError::invalid(format!("{name}: expected an integer, got {v:?}"))),
        }
    }

    /// A parameter that must be one of `allowed`.
    pub fn one_of(&self, name: &str, allowed: &[&str]) -> Result<Option<&str>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if allowed.contains(&v) => Ok(Some(v)),
            Some(v) => Err(ApiError::invalid(format!(
                "{name}: expected one of {}, got {v:?}",
                allowed.join(", ")
            ))),
        }
    }

    /// A timestamp parameter (RFC 3339).
    pub fn time(&self, name: &str) -> Result<Option<crdb_cloud::Timestamp>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => chrono::DateTime::parse_from_rfc3339(v)
                .map(|t| Some(t.with_timezone(&chrono::Utc)))
                .map_err(|_| {
                    ApiError::invalid(format!("{name}: expected an RFC 3339 time, got {v:?}"))
                }),
        }
    }
}
