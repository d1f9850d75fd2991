//! The one error type of the SDK, saying where a call failed and whether
//! trying again can help.

use crate::models::status::{Any, Status};
use std::fmt;
use std::time::Duration;

/// gRPC status codes used in the API's error bodies (grpc-gateway mapping).
pub mod code {
    /// The request is malformed or a field is invalid (HTTP 400).
    pub const INVALID_ARGUMENT: i32 = 3;
    /// No such resource, or not visible to the caller (HTTP 404).
    pub const NOT_FOUND: i32 = 5;
    /// A resource with that identity exists already (HTTP 409).
    pub const ALREADY_EXISTS: i32 = 6;
    /// The caller's role does not allow this (HTTP 403).
    pub const PERMISSION_DENIED: i32 = 7;
    /// Rate limit exceeded (HTTP 429).
    pub const RESOURCE_EXHAUSTED: i32 = 8;
    /// The resource is not in a state that allows this (HTTP 400).
    pub const FAILED_PRECONDITION: i32 = 9;
    /// A conflicting concurrent change (HTTP 409).
    pub const ABORTED: i32 = 10;
    /// A value is outside its allowed range (HTTP 400).
    pub const OUT_OF_RANGE: i32 = 11;
    /// The operation is not implemented (HTTP 501).
    pub const UNIMPLEMENTED: i32 = 12;
    /// A server fault (HTTP 500).
    pub const INTERNAL: i32 = 13;
    /// The service is unavailable for now (HTTP 503).
    pub const UNAVAILABLE: i32 = 14;
    /// Missing or unknown credentials (HTTP 401).
    pub const UNAUTHENTICATED: i32 = 16;

    /// The HTTP status grpc-gateway uses for a gRPC code.
    pub fn http_status(code: i32) -> u16 {
        match code {
            0 => 200,
            INVALID_ARGUMENT | FAILED_PRECONDITION | OUT_OF_RANGE => 400,
            UNAUTHENTICATED => 401,
            PERMISSION_DENIED => 403,
            NOT_FOUND => 404,
            ALREADY_EXISTS | ABORTED => 409,
            RESOURCE_EXHAUSTED => 429,
            1 => 499,
            UNIMPLEMENTED => 501,
            UNAVAILABLE => 503,
            4 => 504,
            _ => 500,
        }
    }

    /// The gRPC code for an HTTP status that came without a `Status` body
    /// (the inverse of [`http_status`] where it is one to one; 405 is
    /// UNIMPLEMENTED, 408 DEADLINE_EXCEEDED, 413 INVALID_ARGUMENT, other
    /// statuses UNKNOWN).
    pub fn for_http_status(status: u16) -> i32 {
        match status {
            200..=299 => 0,
            400 | 411 | 413 | 414 | 415 | 431 => INVALID_ARGUMENT,
            401 => UNAUTHENTICATED,
            403 => PERMISSION_DENIED,
            404 => NOT_FOUND,
            405 | 501 => UNIMPLEMENTED,
            408 | 504 => 4,
            409 => ALREADY_EXISTS,
            429 => RESOURCE_EXHAUSTED,
            499 => 1,
            500 => INTERNAL,
            503 => UNAVAILABLE,
            _ => 2,
        }
    }
}

/// An error answer from the API: the HTTP status plus the `Status` body.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status code of the response.
    pub status: u16,
    /// gRPC code from the body (see [`code`]); 0 when the body carried none.
    pub code: i32,
    /// The message for people.
    pub message: String,
    /// Structured details, if the server sent any.
    pub details: Vec<Any>,
}

impl ApiError {
    /// Builds the error from an HTTP status and a decoded `Status` body.
    pub fn from_status(status: u16, body: Status) -> Self {
        ApiError {
            status,
            code: body.code,
            message: body.message,
            details: body.details,
        }
    }

    /// The `Status` body this error carries, as the server sends it.
    pub fn to_status(&self) -> Status {
        Status {
            code: self.code,
            message: self.message.clone(),
            details: self.details.clone(),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "HTTP {} (code {}): {}",
            self.status, self.code, self.message
        )
    }
}

impl std::error::Error for ApiError {}

/// Everything that can go wrong in a call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error status. Retrying helps only for 5xx.
    #[error("{0}")]
    Api(ApiError),
    /// The API refused the call for the rate limit (HTTP 429) after the
    /// configured retries. Nothing was done; retrying after `retry_after` helps.
    #[error("rate limit exceeded; retry after {}s", retry_after.as_secs_f64())]
    RateLimited {
        /// How long the server asked us to wait.
        retry_after: Duration,
        /// The server's answer.
        error: ApiError,
    },
    /// The API could not be reached (DNS, connect, reset). Retrying may help.
    #[error("could not reach the API: {0}")]
    Transport(String),
    /// No answer within the request timeout. Retrying may help.
    #[error("no answer within {}s", .0.as_secs_f64())]
    Timeout(Duration),
    /// The answer's body did not decode as the expected type; the body is
    /// kept for diagnosis. Retrying does not help.
    #[error("could not decode the HTTP {status} answer: {message}")]
    Decode {
        /// HTTP status of the response.
        status: u16,
        /// What the decoder said.
        message: String,
        /// The body as received.
        body: String,
    },
    /// The caller built a request the SDK will not send (bad id, bad option).
    /// Retrying does not help.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// A waiter gave up: the resource did not reach the wanted state in time.
    #[error("gave up after {}s; last state {last_state}", waited.as_secs_f64())]
    WaitTimeout {
        /// How long the waiter waited.
        waited: Duration,
        /// The state seen last.
        last_state: String,
    },
    /// A waiter saw a state from which the wanted one cannot be reached.
    #[error("{resource} reached {state}: {message}")]
    Failed {
        /// What was waited for (`cluster`, `restore`, `cmek`).
        resource: &'static str,
        /// The state it reached.
        state: String,
        /// More detail, when the API gave some.
        message: String,
    },
    /// The caller cancelled the wait.
    #[error("cancelled")]
    Cancelled,
}

impl Error {
    /// The HTTP status of an API answer, if this error is one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) | Error::RateLimited { error: e, .. } => Some(e.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The API's error, if the API answered.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) | Error::RateLimited { error: e, .. } => Some(e),
            _ => None,
        }
    }

    /// Whether the API said the resource does not exist.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }
}

/// Result with the SDK's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_codes_map_to_the_gateway_statuses() {
        let cases = [
            (code::INVALID_ARGUMENT, 400),
            (code::FAILED_PRECONDITION, 400),
            (code::OUT_OF_RANGE, 400),
            (code::UNAUTHENTICATED, 401),
            (code::PERMISSION_DENIED, 403),
            (code::NOT_FOUND, 404),
            (code::ALREADY_EXISTS, 409),
            (code::ABORTED, 409),
            (code::RESOURCE_EXHAUSTED, 429),
            (code::INTERNAL, 500),
            (code::UNAVAILABLE, 503),
        ];
        for (c, status) in cases {
            assert_eq!(code::http_status(c), status, "code {c}");
        }
    }

    #[test]
    fn http_statuses_map_back_to_codes() {
        for c in [3, 5, 6, 7, 8, 12, 13, 14, 16] {
            assert_eq!(code::for_http_status(code::http_status(c)), c, "code {c}");
        }
        assert_eq!(code::for_http_status(405), code::UNIMPLEMENTED);
        assert_eq!(code::for_http_status(413), code::INVALID_ARGUMENT);
        assert_eq!(code::for_http_status(418), 2);
    }

    #[test]
    fn api_error_display_names_status_code_and_message() {
        let e = ApiError {
            status: 404,
            code: 5,
            message: "cluster not found".into(),
            details: vec![],
        };
        assert_eq!(e.to_string(), "HTTP 404 (code 5): cluster not found");
        assert!(Error::Api(e).is_not_found());
    }
}
