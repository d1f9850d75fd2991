//! The client: configuration, and the one path every call takes (auth,
//! `Cc-Version`, limiting, retries, error decoding).

use crate::error::{ApiError, Error, Result};
use crate::models::status::Status;
use crate::operation::Operation;
use crate::retry::{Attempts, Decision, Outcome, RateLimiter, RetryNotice, RetryPolicy};
use crate::transport::{DefaultTransport, HttpRequest, HttpResponse, Transport, TransportError};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// The API's public address.
pub const DEFAULT_BASE_URL: &str = "https://cockroachlabs.cloud";
/// The API version this SDK speaks, sent as `Cc-Version`.
pub const API_VERSION: &str = "2024-09-16";
/// Sent as `User-Agent` unless the caller picks another.
pub const DEFAULT_USER_AGENT: &str = concat!("crdb-cloud-rust/", env!("CARGO_PKG_VERSION"));

/// A CockroachDB Cloud API client. Cheap to clone; clones share the
/// connection pool and the rate limiter.
///
/// ```no_run
/// # async fn demo() -> crdb_cloud::Result<()> {
/// let client = crdb_cloud::Client::builder().api_key("CCDB1_...").build()?;
/// let page = client.list_clusters(&Default::default()).await?;
/// for cluster in page.clusters {
///     println!("{} {}", cluster.name, cluster.state);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    base_url: String,
    api_key: String,
    version: String,
    user_agent: String,
    timeout: Duration,
    retry: RetryPolicy,
    limiter: Option<RateLimiter>,
    transport: Arc<dyn Transport>,
    on_retry: Option<RetryObserver>,
}

/// Told of every retry before the client waits for it.
type RetryObserver = Arc<dyn Fn(&RetryNotice) + Send + Sync>;

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("api_key", &"<redacted>")
            .field("version", &self.inner.version)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .field("rate_limited", &self.inner.limiter.is_some())
            .finish()
    }
}

/// Builds a [`Client`].
#[derive(Clone)]
pub struct ClientBuilder {
    base_url: String,
    api_key: Option<String>,
    version: String,
    user_agent: String,
    timeout: Duration,
    retry: RetryPolicy,
    limiter: Option<RateLimiter>,
    transport: Option<Arc<dyn Transport>>,
    on_retry: Option<RetryObserver>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_key: None,
            version: API_VERSION.to_owned(),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            limiter: None,
            transport: None,
            on_retry: None,
        }
    }
}

impl ClientBuilder {
    /// The service account API key (the secret shown once at creation).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Where the API lives (default `https://cockroachlabs.cloud`); a local
    /// server is e.g. `http://127.0.0.1:8080`. `/api/v1` is added per call.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The `Cc-Version` header (default [`API_VERSION`]).
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// The `User-Agent` header (browsers may ignore it).
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = agent.into();
        self
    }

    /// Give up on one attempt after this long (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How to retry (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Keep under `per_second` requests a second on the client side, with
    /// bursts of the same size. The API allows 10 per second per key.
    pub fn rate_limit(mut self, per_second: u32) -> Self {
        self.limiter = Some(RateLimiter::new(f64::from(per_second), per_second));
        self
    }

    /// Share a limiter with other clients using the same key.
    pub fn rate_limiter(mut self, limiter: RateLimiter) -> Self {
        self.limiter = Some(limiter);
        self
    }

    /// Send through another transport (tests, proxies, custom TLS).
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Calls `observer` before each retry (after a 429, a 5xx or no answer)
    /// with the reason and the wait, e.g. to tell a user why a page is slow.
    pub fn on_retry(mut self, observer: impl Fn(&RetryNotice) + Send + Sync + 'static) -> Self {
        self.on_retry = Some(Arc::new(observer));
        self
    }

    /// Checks the settings and builds the client.
    // On wasm32 the fetch transport is a unit struct and not `Send`/`Sync`
    // (JavaScript values stay on one thread); the `Arc` is still wanted so
    // the native and wasm code paths stay one.
    #[cfg_attr(
        target_arch = "wasm32",
        allow(
            clippy::arc_with_non_send_sync,
            clippy::default_constructed_unit_structs
        )
    )]
    pub fn build(self) -> Result<Client> {
        let api_key = self
            .api_key
            .ok_or_else(|| Error::InvalidRequest("an API key is required".into()))?;
        if api_key.trim().is_empty() || api_key.chars().any(|c| c.is_control()) {
            return Err(Error::InvalidRequest(
                "the API key is empty or has control characters".into(),
            ));
        }
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(Error::InvalidRequest(format!(
                "base URL must start with http:// or https://, got {base_url:?}"
            )));
        }
        if self.timeout.is_zero() {
            return Err(Error::InvalidRequest(
                "timeout must be more than zero".into(),
            ));
        }
        let transport = self
            .transport
            .unwrap_or_else(|| Arc::new(DefaultTransport::default()));
        Ok(Client {
            inner: Arc::new(Inner {
                base_url,
                api_key,
                version: self.version,
                user_agent: self.user_agent,
                timeout: self.timeout,
                retry: self.retry,
                limiter: self.limiter,
                transport,
                on_retry: self.on_retry,
            }),
        })
    }
}

/// Query parameters of a call, in order, encoded when the URL is built.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query(Vec<(&'static str, String)>);

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Query::default()
    }

    /// Adds `name=value` when the value is present.
    pub fn opt(&mut self, name: &'static str, value: Option<impl ToString>) -> &mut Self {
        if let Some(v) = value {
            self.0.push((name, v.to_string()));
        }
        self
    }

    /// The pairs, in order.
    pub fn pairs(&self) -> &[(&'static str, String)] {
        &self.0
    }

    fn encode(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    utf8_percent_encode(k, COMPONENT),
                    utf8_percent_encode(v, COMPONENT)
                )
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Characters escaped in a path segment or query component.
const COMPONENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'/')
    .add(b':')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'?')
    .add(b'@')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Fills an operation's `{placeholders}` with escaped path parameters, in order.
pub fn fill_path(op: &Operation, params: &[&str]) -> Result<String> {
    let mut out = String::with_capacity(op.path.len() + 32);
    let mut rest = op.path;
    let mut values = params.iter();
    while let Some(start) = rest.find('{') {
        let end = rest[start..]
            .find('}')
            .map(|e| start + e)
            .unwrap_or(rest.len());
        let name = &rest[start + 1..end];
        let value = values.next().ok_or_else(|| {
            Error::InvalidRequest(format!("{}: missing path parameter {name}", op.id))
        })?;
        if value.is_empty() {
            return Err(Error::InvalidRequest(format!(
                "{}: {name} must not be empty",
                op.id
            )));
        }
        out.push_str(&rest[..start]);
        out.extend(utf8_percent_encode(value, COMPONENT));
        rest = rest.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    if values.next().is_some() {
        return Err(Error::InvalidRequest(format!(
            "{}: too many path parameters",
            op.id
        )));
    }
    Ok(out)
}

/// The delay a 429 asks for: `Retry-After` in whole seconds (at least 1 s
/// when the header is missing or unreadable).
fn retry_after(resp: &HttpResponse) -> Duration {
    resp.header("retry-after")
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(Duration::from_secs(1))
}

/// Decode an error answer, keeping whatever the body gave.
fn api_error(resp: &HttpResponse) -> ApiError {
    match serde_json::from_str::<Status>(&resp.body) {
        Ok(status) => ApiError::from_status(resp.status, status),
        Err(_) => ApiError {
            status: resp.status,
            code: 0,
            message: if resp.body.trim().is_empty() {
                format!("HTTP {}", resp.status)
            } else {
                resp.body.clone()
            },
            details: Vec::new(),
        },
    }
}

impl Client {
    /// Starts a [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL calls go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends one operation and decodes its answer. Every typed method goes
    /// through here; it is public for operations this SDK does not wrap.
    pub async fn send<B, R>(
        &self,
        op: &Operation,
        path: &[&str],
        query: &Query,
        body: Option<&B>,
    ) -> Result<R>
    where
        B: Serialize + ?Sized,
        R: DeserializeOwned,
    {
        let response = self.send_raw(op, path, query, body).await?;
        serde_json::from_str(&response.body).map_err(|e| Error::Decode {
            status: response.status,
            message: e.to_string(),
            body: response.body,
        })
    }

    /// Like [`Client::send`], but hands back the successful response as it came.
    pub async fn send_raw<B>(
        &self,
        op: &Operation,
        path: &[&str],
        query: &Query,
        body: Option<&B>,
    ) -> Result<HttpResponse>
    where
        B: Serialize + ?Sized,
    {
        let inner = &self.inner;
        let mut url = format!("{}{}", inner.base_url, fill_path(op, path)?);
        let encoded = query.encode();
        if !encoded.is_empty() {
            url.push('?');
            url.push_str(&encoded);
        }
        let body = match body {
            Some(b) => {
                Some(serde_json::to_string(b).map_err(|e| Error::InvalidRequest(e.to_string()))?)
            }
            None => None,
        };
        let mut headers = vec![
            ("authorization", format!("Bearer {}", inner.api_key)),
            ("cc-version", inner.version.clone()),
            ("accept", "application/json".to_owned()),
        ];
        if body.is_some() {
            headers.push(("content-type", "application/json".to_owned()));
        }
        if cfg!(not(target_arch = "wasm32")) {
            headers.push(("user-agent", inner.user_agent.clone()));
        }
        let request = HttpRequest {
            method: op.method,
            url,
            headers,
            body,
            timeout: inner.timeout,
        };
        self.execute(request).await
    }

    async fn execute(&self, request: HttpRequest) -> Result<HttpResponse> {
        let inner = &self.inner;
        let mut attempts = Attempts::default();
        loop {
            if let Some(limiter) = &inner.limiter {
                limiter.acquire().await;
            }
            let result = inner.transport.send(request.clone()).await;
            let outcome = match &result {
                Ok(r) if r.status == 429 => Outcome::RateLimited(retry_after(r)),
                Ok(r) if r.status >= 500 => Outcome::ServerError,
                Ok(_) => Outcome::Final,
                Err(_) => Outcome::NoAnswer,
            };
            match inner.retry.decide(
                request.method,
                outcome,
                &mut attempts,
                crate::runtime::random_unit(),
            ) {
                Decision::Retry(delay) => {
                    if let Some(observer) = &inner.on_retry {
                        observer(&RetryNotice {
                            outcome,
                            delay,
                            attempt: attempts.rate_limited + attempts.failed,
                        });
                    }
                    crate::runtime::sleep(delay).await
                }
                Decision::Stop => return Self::finish(result, inner.timeout),
            }
        }
    }

    fn finish(
        result: std::result::Result<HttpResponse, TransportError>,
        timeout: Duration,
    ) -> Result<HttpResponse> {
        match result {
            Err(TransportError::Timeout) => Err(Error::Timeout(timeout)),
            Err(TransportError::Unreachable(e)) => Err(Error::Transport(e)),
            Ok(r) if (200..300).contains(&r.status) => Ok(r),
            Ok(r) if r.status == 429 => Err(Error::RateLimited {
                retry_after: retry_after(&r),
                error: api_error(&r),
            }),
            Ok(r) => Err(Error::Api(api_error(&r))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation;

    #[test]
    fn fills_and_escapes_path_parameters() {
        let p = fill_path(&operation::DELETE_SQL_USER, &["c-1", "a/b c"]).unwrap();
        assert_eq!(p, "/api/v1/clusters/c-1/sql-users/a%2Fb%20c");
        let p = fill_path(
            &operation::REMOVE_USER_FROM_ROLE,
            &["u", "CLUSTER", "id", "CLUSTER_ADMIN"],
        )
        .unwrap();
        assert_eq!(p, "/api/v1/roles/u/CLUSTER/id/CLUSTER_ADMIN");
    }

    #[test]
    fn rejects_missing_empty_or_extra_path_parameters() {
        assert!(matches!(
            fill_path(&operation::GET_CLUSTER, &[]),
            Err(Error::InvalidRequest(_))
        ));
        assert!(matches!(
            fill_path(&operation::GET_CLUSTER, &[""]),
            Err(Error::InvalidRequest(_))
        ));
        assert!(matches!(
            fill_path(&operation::GET_CLUSTER, &["a", "b"]),
            Err(Error::InvalidRequest(_))
        ));
    }

    #[test]
    fn query_encodes_reserved_characters() {
        let mut q = Query::new();
        q.opt("pagination.page", Some("a+b/c="))
            .opt("limit", None::<i32>)
            .opt("x", Some(5));
        assert_eq!(q.encode(), "pagination.page=a%2Bb%2Fc%3D&x=5");
    }

    #[test]
    fn builder_rejects_bad_settings() {
        assert!(Client::builder().build().is_err());
        assert!(Client::builder().api_key(" ").build().is_err());
        assert!(
            Client::builder()
                .api_key("k")
                .base_url("ftp://x")
                .build()
                .is_err()
        );
        assert!(
            Client::builder()
                .api_key("k")
                .timeout(Duration::ZERO)
                .build()
                .is_err()
        );
        let c = Client::builder()
            .api_key("secret")
            .base_url("http://127.0.0.1:1/")
            .build()
            .unwrap();
        assert_eq!(c.base_url(), "http://127.0.0.1:1");
        assert!(!format!("{c:?}").contains("secret"));
    }

    #[test]
    fn retry_after_reads_seconds_and_defaults_to_one() {
        let mut r = HttpResponse {
            status: 429,
            headers: vec![("retry-after".into(), "3".into())],
            body: String::new(),
        };
        assert_eq!(retry_after(&r), Duration::from_secs(3));
        r.headers.clear();
        assert_eq!(retry_after(&r), Duration::from_secs(1));
    }

    #[test]
    fn error_bodies_decode_or_are_kept_as_text() {
        let r = HttpResponse {
            status: 404,
            headers: vec![],
            body: r#"{"code":5,"message":"cluster not found","details":[]}"#.into(),
        };
        let e = api_error(&r);
        assert_eq!(
            (e.status, e.code, e.message.as_str()),
            (404, 5, "cluster not found")
        );
        let r = HttpResponse {
            status: 502,
            headers: vec![],
            body: "<html>bad gateway</html>".into(),
        };
        assert_eq!(api_error(&r).message, "<html>bad gateway</html>");
    }
}
