//! The server's one error type: HTTP status, gRPC code, the message the
//! caller sees and a private one for the log; rendered as a `Status` body.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use crdb_cloud::error::code;
use crdb_cloud::models::status::Status;
use std::fmt;

/// An error answer: everything needed to write the response and log it.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status of the response.
    pub status: u16,
    /// gRPC code written into the body.
    pub code: i32,
    /// The message the caller sees.
    pub message: String,
    /// Detail for the server log only, never sent.
    pub internal: Option<String>,
    /// `Retry-After` seconds, for 429 and 503 answers.
    pub retry_after: Option<u64>,
}

/// Result with the server's [`ApiError`].
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// An error with the HTTP status grpc-gateway uses for `code`.
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        ApiError {
            status: code::http_status(code),
            code,
            message: message.into(),
            internal: None,
            retry_after: None,
        }
    }

    /// 400, code 3: a request field is invalid.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(code::INVALID_ARGUMENT, message)
    }

    /// 400, code 9: the resource is not in a state that allows the call.
    pub fn precondition(message: impl Into<String>) -> Self {
        Self::new(code::FAILED_PRECONDITION, message)
    }

    /// 404, code 5.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(code::NOT_FOUND, message)
    }

    /// 409, code 6.
    pub fn already_exists(message: impl Into<String>) -> Self {
        Self::new(code::ALREADY_EXISTS, message)
    }

    /// 403, code 7.
    pub fn permission_denied(message: impl Into<String>) -> Self {
        Self::new(code::PERMISSION_DENIED, message)
    }

    /// 405, code 12: the path has no operation for this method.
    pub fn method_not_allowed(method: &str, path: &str) -> Self {
        Self::new(code::UNIMPLEMENTED, format!("no route for {method} {path}")).with_status(405)
    }

    /// 401, code 16.
    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(code::UNAUTHENTICATED, message)
    }

    /// 429, code 8, with `Retry-After`.
    pub fn rate_limited(retry_after_secs: u64) -> Self {
        ApiError {
            retry_after: Some(retry_after_secs.max(1)),
            ..Self::new(code::RESOURCE_EXHAUSTED, "rate limit exceeded")
        }
    }

    /// 500, code 13; the detail goes to the log only.
    pub fn internal(detail: impl fmt::Display) -> Self {
        ApiError {
            internal: Some(detail.to_string()),
            ..Self::new(code::INTERNAL, "internal error")
        }
    }

    /// The same error with another HTTP status (e.g. 413 for a large body).
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// The `Status` body of this error.
    pub fn to_status(&self) -> Status {
        Status {
            code: self.code,
            message: self.message.clone(),
            details: Vec::new(),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "HTTP {} code {}: {}",
            self.status, self.code, self.message
        )?;
        if let Some(internal) = &self.internal {
            write!(f, " ({internal})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status >= 500 && self.internal.is_some() {
            eprintln!("crdb-cloud-server: {self}");
        }
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self.to_status())
            .unwrap_or_else(|_| br#"{"code":13,"message":"internal error","details":[]}"#.to_vec());
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(secs) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// An error answer with the `Status` body: one that has it already is
/// returned as it is; a rejection written by axum or tower-http itself
/// (path, query, method, body length, body timeout: plain text or empty)
/// gets it, its text as the message, its HTTP status picking the gRPC code.
/// Headers (`Allow`, `Retry-After`, `X-RateLimit-*`) are kept. The API's
/// and the admin API's middlewares pass every answer through it.
pub async fn with_status_body(response: Response) -> Response {
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if response.status().as_u16() < 400 || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let status = parts.status.as_u16();
    let text = axum::body::to_bytes(body, 4096)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let message = if text.is_empty() {
        parts
            .status
            .canonical_reason()
            .unwrap_or("error")
            .to_lowercase()
    } else {
        text
    };
    let mut out = ApiError::new(code::for_http_status(status), message)
        .with_status(status)
        .into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::internal(format!("sqlite: {e}"))
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(e: serde_json::Error) -> Self {
        ApiError::internal(format!("json: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_gateway_statuses() {
        assert_eq!(ApiError::invalid("x").status, 400);
        assert_eq!(ApiError::precondition("x").status, 400);
        assert_eq!(ApiError::not_found("x").status, 404);
        assert_eq!(ApiError::already_exists("x").status, 409);
        assert_eq!(ApiError::permission_denied("x").status, 403);
        assert_eq!(ApiError::unauthenticated("x").status, 401);
        let limited = ApiError::rate_limited(0);
        assert_eq!((limited.status, limited.code), (429, 8));
        assert_eq!(limited.retry_after, Some(1));
        assert_eq!(ApiError::internal("disk").message, "internal error");
    }
}
