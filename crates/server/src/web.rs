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
    upstream: Option<(reqwest::Client, reqwest::Url)>,
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
        Some(raw) => {
            let url = reqwest::Url::parse(raw.trim_end_matches('/'))
                .map_err(|e| format!("--upstream {raw:?}: {e}"))?;
            if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
                return Err(format!(
                    "--upstream must be an http:// or https:// URL, got {raw:?}"
                ));
            }
            let client = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| format!("--upstream: {e}"))?;
            Some((client, url))
        }
    };
    // links are resolved once here, so a request's file can be checked
    // against the real folder (see `escapes`)
    let console = match console {
        Some(ConsoleSource::Dir(dir)) => Some(ConsoleSource::Dir(
            dir.canonicalize()
                .map_err(|e| format!("--console {}: {e}", dir.display()))?,
        )),
        other => other,
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
                // ServeDir answers a missing file or another method with
                // an empty body; give it the Status body the embedded
                // files answer with
                ConsoleSource::Dir(dir) => {
                    crate::error::with_status_body(console(dir, req).await).await
                }
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
    if escapes(dir, req.uri().path()) {
        return ApiError::not_found(format!("no such file: {}", req.uri().path())).into_response();
    }
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

/// Whether the file a request path names, once links are resolved, lies
/// outside `dir` (itself resolved): a link inside the console folder to a
/// file elsewhere is never served. A path naming no file is not an escape
/// (it falls back to `index.html`, itself checked the same way). The
/// precompressed `NAME.gz` sent in a file's place is checked too.
fn escapes(dir: &Path, path: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let relative = decoded.trim_start_matches('/');
    let named = if relative.is_empty() || !relative.rsplit('/').next().unwrap_or("").contains('.') {
        // a page of the app: what is sent is index.html, unless a file of that name exists
        let direct = dir.join(relative);
        if direct.is_file() {
            direct
        } else {
            dir.join("index.html")
        }
    } else {
        dir.join(relative)
    };
    let mut gz = named.clone().into_os_string();
    gz.push(".gz");
    [named, PathBuf::from(gz)]
        .iter()
        .any(|file| file.canonicalize().is_ok_and(|real| !real.starts_with(dir)))
}

fn pass_headers(from: &HeaderMap) -> impl Iterator<Item = (&HeaderName, &HeaderValue)> {
    from.iter()
        .filter(|(name, _)| !HOP_BY_HOP.contains(&name.as_str()))
}

/// The upstream URL for a request: `base` joined with the request's path
/// segments, each decoded and checked, then encoded again by the URL type,
/// plus the query as given. A path that could leave `/api/v1` (a `.` or `..`
/// segment, raw or percent-encoded, an encoded `/` or `\`, an empty
/// segment) is refused, so nothing but `/api/v1/*` ever reaches the upstream.
fn upstream_url(base: &reqwest::Url, uri: &axum::http::Uri) -> Result<reqwest::Url, ApiError> {
    let refuse = |why: &str| ApiError::invalid(format!("path {:?}: {why}", uri.path()));
    let mut segments = Vec::new();
    for raw in uri.path().split('/').skip(1) {
        let segment = percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .map_err(|_| refuse("a segment is not UTF-8 once decoded"))?;
        if segment.is_empty() || segment == "." || segment == ".." {
            return Err(refuse("empty, '.' and '..' segments are not allowed"));
        }
        if segment.contains(['/', '\\', '\0']) {
            return Err(refuse("a segment may not hold '/', '\\' or NUL"));
        }
        segments.push(segment);
    }
    if segments.len() < 2 || segments[0] != "api" || segments[1] != "v1" {
        return Err(refuse("only /api/v1/* is passed to the upstream"));
    }
    let mut url = base.clone();
    url.path_segments_mut()
        .map_err(|()| ApiError::internal("the upstream URL cannot take a path"))?
        .pop_if_empty()
        .extend(segments.iter().map(|s| s.as_ref()));
    url.set_query(uri.query());
    Ok(url)
}

/// Sends the request on to the upstream at the same (checked) path and
/// query, with the caller's headers (Authorization included) and body as a
/// stream, and streams the answer back. Nothing is kept.
async fn proxy(client: &reqwest::Client, base: &reqwest::Url, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let url = match upstream_url(base, &parts.uri) {
        Ok(url) => url,
        Err(e) => return e.into_response(),
    };
    let mut outgoing = client.request(parts.method, url);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn url(path: &str) -> Result<String, ApiError> {
        let base = reqwest::Url::parse("https://upstream.test/base").unwrap();
        upstream_url(&base, &path.parse().unwrap()).map(|u| u.to_string())
    }

    #[test]
    fn upstream_paths_stay_under_api_v1() {
        assert_eq!(
            url("/api/v1/clusters?pagination.limit=5").unwrap(),
            "https://upstream.test/base/api/v1/clusters?pagination.limit=5"
        );
        assert_eq!(
            url("/api/v1/clusters/a%20b").unwrap(),
            "https://upstream.test/base/api/v1/clusters/a%20b"
        );
        for bad in [
            "/api/v1/../../local/v1/faults",
            "/api/v1/%2e%2e/%2E%2E/local/v1/faults",
            "/api/v1/.%2e/x",
            "/api/v1/./clusters",
            "/api/v1/a%2f..%2f..%2flocal",
            "/api/v1/a%5c..",
            "/api/v1//clusters",
            "/api/v2/clusters",
            "/api/v1/%ff",
            "/api/v1/a%00b",
        ] {
            let e = url(bad).unwrap_err();
            assert_eq!((e.status, e.code), (400, 3), "{bad}");
        }
    }
}
