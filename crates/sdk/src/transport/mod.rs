//! How requests reach the API: the global `fetch` on wasm32, reqwest
//! elsewhere, behind one small trait so callers may bring their own.

use crate::operation::Method;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::ReqwestTransport as DefaultTransport;

#[cfg(target_arch = "wasm32")]
mod fetch;
#[cfg(target_arch = "wasm32")]
pub use fetch::FetchTransport as DefaultTransport;

/// A request as the transport sends it.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    /// HTTP method.
    pub method: Method,
    /// Absolute URL, query included.
    pub url: String,
    /// Header names (lower case) and values.
    pub headers: Vec<(&'static str, String)>,
    /// JSON body, if any.
    pub body: Option<String>,
    /// Give up after this long.
    pub timeout: Duration,
}

/// A response as the transport received it.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// HTTP status.
    pub status: u16,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

impl HttpResponse {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a request got no HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// No answer within the request's timeout.
    Timeout,
    /// Connecting, sending or reading failed.
    Unreachable(String),
}

/// A future the transport returns: `Send` natively, not on wasm32 where
/// JavaScript values cannot cross threads.
#[cfg(not(target_arch = "wasm32"))]
pub type TransportFuture<'a> =
    Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'a>>;
/// A future the transport returns: `Send` natively, not on wasm32 where
/// JavaScript values cannot cross threads.
#[cfg(target_arch = "wasm32")]
pub type TransportFuture<'a> =
    Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + 'a>>;

/// Sends one HTTP request. Retries, auth and limits live above this layer.
#[cfg(not(target_arch = "wasm32"))]
pub trait Transport: Send + Sync {
    /// Send the request and read the whole body.
    fn send(&self, request: HttpRequest) -> TransportFuture<'_>;
}

/// Sends one HTTP request. Retries, auth and limits live above this layer.
#[cfg(target_arch = "wasm32")]
pub trait Transport {
    /// Send the request and read the whole body.
    fn send(&self, request: HttpRequest) -> TransportFuture<'_>;
}
