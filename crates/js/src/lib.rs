//! WebAssembly bindings of the `crdb-cloud` SDK: the engine under the npm
//! package `crdb-cloud` (web/sdk). The JavaScript wrapper there owns the
//! public API (`CloudClient`, `CloudApiError`, async iterators, `AbortSignal`);
//! this crate exports one method per operation on `WasmClient`, taking and
//! returning plain JS objects with the wire's field names.
//!
//! Values cross the boundary as JSON text: requests are decoded into the
//! SDK's typed models (so a malformed request fails before anything is sent)
//! and answers are re-encoded from the typed models, then `JSON.parse`d by the
//! wrapper, so maps are objects, int64 fields stay decimal strings and
//! timestamps RFC 3339 strings. JSON text rather than `serde-wasm-bindgen`
//! keeps one serde code path per model (the SDK's serde_json one): the wasm
//! is less than half the size, and `JSON.parse` is faster than building
//! objects field by field across the boundary (see BENCHMARKS.md).
//!
//! Adding an operation is one line in the `operations!` table of [`ops`];
//! the wrapper's methods, iterators and TypeScript signatures are generated
//! from that table when the package is built.

pub mod ops;
pub mod types;
#[cfg(target_arch = "wasm32")]
mod wasm;

/// How a failure looks to JavaScript before the wrapper turns it into a
/// `CloudApiError` (also used natively by the unit tests).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsError {
    /// Always `"CloudApiError"`; the wrapper recognises thrown values by it.
    pub name: &'static str,
    /// Which `crdb_cloud::Error` variant: `api`, `rate_limited`, `transport`,
    /// `timeout`, `decode`, `invalid_request`, `wait_timeout`, `failed`, `cancelled`.
    pub kind: &'static str,
    /// HTTP status, 0 when no answer came.
    pub status: u16,
    /// gRPC code from the body, 0 when none.
    pub code: i32,
    /// The message for people.
    pub message: String,
    /// The body's `details`, as sent.
    pub details: Vec<crdb_cloud::models::status::Any>,
    /// Seconds the server asked to wait (429 only).
    pub retry_after: Option<f64>,
}

impl From<&crdb_cloud::Error> for JsError {
    fn from(e: &crdb_cloud::Error) -> Self {
        use crdb_cloud::Error as E;
        let mut out = JsError {
            name: "CloudApiError",
            kind: "",
            status: e.status().unwrap_or(0),
            code: 0,
            message: e.to_string(),
            details: Vec::new(),
            retry_after: None,
        };
        if let Some(api) = e.api_error() {
            out.code = api.code;
            out.message = api.message.clone();
            out.details = api.details.clone();
        }
        out.kind = match e {
            E::Api(_) => "api",
            E::RateLimited { retry_after, .. } => {
                out.retry_after = Some(retry_after.as_secs_f64());
                "rate_limited"
            }
            E::Transport(_) => "transport",
            E::Timeout(_) => "timeout",
            E::Decode { .. } => "decode",
            E::InvalidRequest(_) => "invalid_request",
            E::WaitTimeout { .. } => "wait_timeout",
            E::Failed { .. } => "failed",
            E::Cancelled => "cancelled",
            _ => "other",
        };
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crdb_cloud::{ApiError, Error};
    use std::time::Duration;

    #[test]
    fn api_errors_keep_status_code_message_and_details() {
        let e = Error::Api(ApiError {
            status: 404,
            code: 5,
            message: "cluster not found".into(),
            details: vec![],
        });
        let j = JsError::from(&e);
        assert_eq!(
            (j.kind, j.status, j.code, j.message.as_str()),
            ("api", 404, 5, "cluster not found")
        );
        assert_eq!(j.retry_after, None);
    }

    #[test]
    fn rate_limits_carry_retry_after_in_seconds() {
        let e = Error::RateLimited {
            retry_after: Duration::from_millis(1500),
            error: ApiError {
                status: 429,
                code: 8,
                message: "slow down".into(),
                details: vec![],
            },
        };
        let j = JsError::from(&e);
        assert_eq!((j.kind, j.status, j.code), ("rate_limited", 429, 8));
        assert_eq!(j.retry_after, Some(1.5));
        let text = serde_json::to_string(&j).unwrap();
        assert!(text.contains("\"retryAfter\":1.5"), "{text}");
    }

    #[test]
    fn local_failures_have_no_status() {
        let j = JsError::from(&Error::Cancelled);
        assert_eq!(
            (j.kind, j.status, j.message.as_str()),
            ("cancelled", 0, "cancelled")
        );
        let j = JsError::from(&Error::Timeout(Duration::from_secs(2)));
        assert_eq!(j.kind, "timeout");
    }
}
