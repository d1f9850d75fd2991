//! What sits around the API router: the built web console (`--console DIR`,
//! or the one built into the binary, see [`crate::embedded`]) served at `/`
//! with security headers, deep links falling back to
//! `index.html`, and `--upstream URL`, which passes `/api/v1/*` through to
//! another Cloud API (streaming both ways, storing nothing). `/api/*` and
//! `/local/*` otherwise reach the local API as before.

use crate::embedded::{self, Files};
use crate::error::ApiError;
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use crdb_cloud::error::code;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// The Content-Security-Policy of console pages: only our own files, wasm
/// allowed to compile, no inline script or style, API calls anywhere (the
/// sign-in form takes a server URL), never framed.
pub const CONSOLE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self' *; frame-ancestors 'none'";

/// Headers of a request or response that belong to one connection, not to
/// the message, and are never passed through.
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
];

/// Where the console's files come from.
pub enum ConsoleSource {
    /// A folder on disk (`--console DIR`).
    Dir(PathBuf),
    /// Files built into the binary.
    Embedded(Arc<dyn Files>),
}

struct Outer {
    api: Router,
    console: Option<ConsoleSource>,
    upstream: Option<(reqwest::Client, String)>,
}

/// Wraps the API router with the console and the upstream proxy, when set.
/// Without either, the router is returned as is.
pub fn wrap(
    api: Router,
    console: Option<ConsoleSource>,
    upstream: Option<&str>,
) -> Result<Router, String> {
    if console.is_none() && upstream.is_none() {
        return Ok(api);
    }
    if let Some(ConsoleSource::Dir(dir)) = &console
        && !dir.join("index.html").is_file()
    {
        return Err(format!(
            "--console {}: no index.html there (build it with scripts/build-console.sh)",
            dir.display()
        ));
    }
    let upstream = match upstream {
        None => None,
        Some(url) => {
            let url = url.trim_end_matches('/').to_owned();
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(format!(
                    "--upstream must start with http:// or https://, got {url:?}"
                ));
            }
            let client = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| format!("--upstream: {e}"))?;
            Some((client, url))
        }
    };
    let outer = Arc::new(Outer {
        api,
        console,
        upstream,
    });
    Ok(Router::new().fallback(move |req: Request| {
        let outer = outer.clone();
        async move { outer.dispatch(req).await }
    }))
}

impl Outer {
    async fn dispatch(&self, req: Request) -> Response {
        let path = req.uri().path();
        if let Some((client, base)) = &self.upstream
            && (path == "/api/v1" || path.starts_with("/api/v1/"))
        {
            return proxy(client, base, req).await;
        }
        let for_api = path == "/api" || path.starts_with("/api/") || path.starts_with("/local/");
        match &self.console {
            Some(source) if !for_api => with_console_headers(match source {
                ConsoleSource::Dir(dir) => console(dir, req).await,
                ConsoleSource::Embedded(files) => embedded::serve(files.as_ref(), &req),
            }),
            _ => infallible(self.api.clone().oneshot(req).await),
        }
    }
}

fn infallible(r: Result<Response, Infallible>) -> Response {
    match r {
        Ok(r) => r,
        Err(never) => match never {},
    }
}

/// A console file; a path whose last segment has no dot (a page of the app,
/// e.g. `/clusters/abc`) falls back to `index.html`. A `NAME.gz` beside a
/// file (the console build writes them) is sent instead, gzip-encoded, to
/// browsers that accept gzip.
async fn console(dir: &Path, req: Request) -> Response {
    let last = req.uri().path().rsplit('/').next().unwrap_or("");
    let index = ServeFile::new(dir.join("index.html"));
    if last.contains('.') {
        ServeDir::new(dir)
            .precompressed_gzip()
            .oneshot(req)
            .await
            .map(IntoResponse::into_response)
    } else {
        ServeDir::new(dir)
            .precompressed_gzip()
            .fallback(index)
            .oneshot(req)
            .await
            .map(IntoResponse::into_response)
    }
    .unwrap_or_else(|e| ApiError::internal(e).into_response())
}

/// The headers of every console answer, wherever its files come from.
fn with_console_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    let is_html = h
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONSOLE_CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if is_html {
        // The page names hashed files; always ask for the newest page.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

fn pass_headers(from: &HeaderMap) -> impl Iterator<Item = (&HeaderName, &HeaderValue)> {
    from.iter()
        .filter(|(name, _)| !HOP_BY_HOP.contains(&name.as_str()))
}

/// Sends the request on to `base` + the same path and query, with the
/// caller's headers (Authorization included) and body as a stream, and
/// streams the answer back. Nothing is kept.
async fn proxy(client: &reqwest::Client, base: &str, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let mut outgoing = client.request(parts.method, format!("{base}{path_and_query}"));
    for (name, value) in pass_headers(&parts.headers) {
        outgoing = outgoing.header(name, value);
    }
    let outgoing = outgoing.body(reqwest::Body::wrap_stream(body.into_data_stream()));
    match outgoing.send().await {
        Ok(answer) => {
            let mut response = Response::builder().status(answer.status());
            if let Some(h) = response.headers_mut() {
                for (name, value) in pass_headers(answer.headers()) {
                    h.append(name, value.clone());
                }
            }
            response
                .body(Body::from_stream(answer.bytes_stream()))
                .unwrap_or_else(|e| ApiError::internal(e).into_response())
        }
        Err(e) => {
            let mut err = ApiError::new(code::UNAVAILABLE, "the upstream API could not be reached");
            err.internal = Some(e.to_string());
            err.with_status(StatusCode::BAD_GATEWAY.as_u16())
                .into_response()
        }
    }
}
