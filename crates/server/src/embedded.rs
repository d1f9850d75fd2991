//! The web console built into the binary (the default `console` feature):
//! the console's `dist/`, staged by `build.rs` with each big file kept only
//! as its gzip copy, embedded by rust-embed and served like `--console DIR`
//! serves a folder — the same content types, the gzip copy to browsers that
//! accept gzip (decoded for those that do not), and deep links falling back
//! to `index.html`. [`crate::web`] adds the security headers to both.

use crate::error::ApiError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use crdb_cloud::error::code;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// One stored file: its bytes and their SHA-256.
pub struct File {
    /// The bytes as stored (gzip for a `NAME.gz`).
    pub data: Cow<'static, [u8]>,
    /// SHA-256 of `data`, for the ETag.
    pub hash: [u8; 32],
}

/// A set of console files by path relative to the console's root
/// (`index.html`, `pkg-1/app_bg.wasm.gz`).
pub trait Files: Send + Sync {
    /// The file at `path`, if there is one.
    fn get(&self, path: &str) -> Option<File>;
    /// How many files there are.
    fn count(&self) -> usize;
}

/// Whether this binary carries a console, and if not, why.
pub enum BuiltIn {
    /// It does: these files.
    Console(Arc<dyn Files>),
    /// The `console` feature was on but no console had been built.
    NotBuilt,
    /// The binary was built without the `console` feature.
    FeatureOff,
}

impl BuiltIn {
    /// What this binary carries.
    pub fn get() -> BuiltIn {
        #[cfg(feature = "console")]
        {
            if dist::Dist::get("index.html").is_some() {
                BuiltIn::Console(Arc::new(dist::Dist))
            } else {
                BuiltIn::NotBuilt
            }
        }
        #[cfg(not(feature = "console"))]
        {
            BuiltIn::FeatureOff
        }
    }

    /// The console's files, when built in.
    pub fn files(self) -> Option<Arc<dyn Files>> {
        match self {
            BuiltIn::Console(files) => Some(files),
            BuiltIn::NotBuilt | BuiltIn::FeatureOff => None,
        }
    }
}

impl fmt::Display for BuiltIn {
    /// One line for `--version` and the start-up message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuiltIn::Console(files) => write!(f, "built in ({} files)", files.count()),
            BuiltIn::NotBuilt => f.write_str(
                "not built in (build it with ./scripts/build-console.sh in a clone of the \
                 project, then build the server again there, or elsewhere with \
                 CRDB_CLOUD_CONSOLE_DIST set to its dist/; or pass --console DIR)",
            ),
            BuiltIn::FeatureOff => f.write_str(
                "not built in (this build has the `console` feature off; pass --console DIR)",
            ),
        }
    }
}

#[cfg(feature = "console")]
mod dist {
    use super::{File, Files};
    use rust_embed::Embed;

    /// The staged console (`$OUT_DIR/console`, see build.rs); empty when
    /// none was built.
    #[derive(Embed)]
    #[folder = "$OUT_DIR/console"]
    pub(super) struct Dist;

    impl Files for Dist {
        fn get(&self, path: &str) -> Option<File> {
            <Dist as Embed>::get(path).map(|f| File {
                hash: f.metadata.sha256_hash(),
                data: f.data,
            })
        }

        fn count(&self) -> usize {
            Dist::iter().count()
        }
    }
}

/// How one stored file answers a request.
enum Encoding {
    /// Sent as stored.
    AsStored,
    /// A gzip copy, sent gzip-encoded.
    Gzip,
    /// A gzip copy, decoded for a client that does not take gzip.
    Decoded,
}

/// Answers a GET or HEAD for a console file; a path whose last segment has
/// no dot (a page of the app) falls back to `index.html`, and a missing
/// file is a 404.
pub fn serve(files: &dyn Files, req: &Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut response = ApiError::new(code::UNIMPLEMENTED, "the console takes GET and HEAD")
            .with_status(StatusCode::METHOD_NOT_ALLOWED.as_u16())
            .into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET,HEAD"));
        return response;
    }
    let raw = req.uri().path().trim_start_matches('/');
    let path = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    let is_page = !path.rsplit('/').next().unwrap_or("").contains('.');
    let mut name = path.into_owned();
    if name.is_empty() || name.ends_with('/') {
        name.push_str("index.html");
    }
    let takes_gzip = accepts_gzip(req);
    let found = find(files, &name, takes_gzip).or_else(|| {
        if !is_page {
            None
        } else {
            find(files, "index.html", takes_gzip)
        }
    });
    match found {
        Some((name, file, encoding)) => respond(&name, file, encoding, req),
        None => ApiError::not_found("no such console file").into_response(),
    }
}

/// The file `name`, or its gzip copy.
fn find(files: &dyn Files, name: &str, takes_gzip: bool) -> Option<(String, File, Encoding)> {
    if let Some(file) = files.get(name) {
        return Some((name.to_owned(), file, Encoding::AsStored));
    }
    let file = files.get(&format!("{name}.gz"))?;
    let encoding = if takes_gzip {
        Encoding::Gzip
    } else {
        Encoding::Decoded
    };
    Some((name.to_owned(), file, encoding))
}

fn accepts_gzip(req: &Request) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let coding = parts.next().unwrap_or("");
            let refused = parts.any(|p| p.replace(' ', "") == "q=0");
            !refused && (coding.eq_ignore_ascii_case("gzip") || coding == "*")
        })
}

fn respond(name: &str, file: File, encoding: Encoding, req: &Request) -> Response {
    let tag = hex(&file.hash[..8]);
    let etag = match encoding {
        Encoding::Decoded => format!("\"{tag}-d\""),
        Encoding::AsStored | Encoding::Gzip => format!("\"{tag}\""),
    };
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let (status, body) = if unchanged {
        (StatusCode::NOT_MODIFIED, Body::empty())
    } else {
        match encoding {
            Encoding::Decoded => match gunzip(&file.data) {
                Ok(bytes) => (StatusCode::OK, Body::from(bytes)),
                Err(e) => return ApiError::internal(format!("{name}.gz: {e}")).into_response(),
            },
            Encoding::AsStored | Encoding::Gzip => (StatusCode::OK, Body::from(file.data)),
        }
    };
    let mime = mime_guess::from_path(name)
        .first_raw()
        .unwrap_or("application/octet-stream");
    let mut builder = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, mime)
        .header(header::ETAG, etag);
    match encoding {
        Encoding::AsStored => {}
        Encoding::Gzip => {
            builder = builder
                .header(header::CONTENT_ENCODING, "gzip")
                .header(header::VARY, "accept-encoding");
        }
        Encoding::Decoded => builder = builder.header(header::VARY, "accept-encoding"),
    }
    builder
        .body(body)
        .unwrap_or_else(|e| ApiError::internal(e).into_response())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(feature = "console")]
fn gunzip(data: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data).read_to_end(&mut out)?;
    Ok(out)
}

/// Without the `console` feature nothing gzip-only is ever stored.
#[cfg(not(feature = "console"))]
fn gunzip(_data: &[u8]) -> std::io::Result<Vec<u8>> {
    Err(std::io::Error::other(
        "gzip-only files need the `console` feature",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};
    use std::collections::HashMap;

    /// Files in memory, standing in for the embedded ones.
    struct Memory(HashMap<&'static str, Vec<u8>>);

    impl Files for Memory {
        fn get(&self, path: &str) -> Option<File> {
            self.0.get(path).map(|data| File {
                hash: Sha256::digest(data).into(),
                data: Cow::Owned(data.clone()),
            })
        }
        fn count(&self) -> usize {
            self.0.len()
        }
    }

    #[cfg(feature = "console")]
    fn gzip(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).expect("in memory");
        e.finish().expect("in memory")
    }

    fn files() -> Memory {
        let mut m = HashMap::new();
        m.insert(
            "index.html",
            b"<!doctype html><title>console</title>".to_vec(),
        );
        m.insert("icon.svg", b"<svg/>".to_vec());
        #[cfg(feature = "console")]
        m.insert("pkg-1/app_bg.wasm.gz", gzip(b"\0asm\x01\0\0\0"));
        Memory(m)
    }

    fn get(path: &str, headers: &[(&str, &str)]) -> Request {
        let mut b = Request::builder().uri(path);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(Body::empty()).expect("request")
    }

    async fn body(r: Response) -> Vec<u8> {
        axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .expect("body")
            .to_vec()
    }

    #[tokio::test]
    async fn pages_fall_back_to_the_index_and_missing_files_are_404() {
        let files = files();
        for page in ["/", "/clusters", "/clusters/abc/delete", "/organization/"] {
            let r = serve(&files, &get(page, &[]));
            assert_eq!(r.status(), 200, "{page}");
            assert_eq!(r.headers()[header::CONTENT_TYPE], "text/html", "{page}");
            assert!(
                String::from_utf8(body(r).await)
                    .unwrap()
                    .contains("<title>console")
            );
        }
        let svg = serve(&files, &get("/icon.svg", &[]));
        assert_eq!(svg.headers()[header::CONTENT_TYPE], "image/svg+xml");
        for missing in ["/nope-1.js", "/pkg-1/other.wasm", "/../index.html.x"] {
            let r = serve(&files, &get(missing, &[]));
            assert_eq!(r.status(), 404, "{missing}");
            assert_eq!(r.headers()[header::CONTENT_TYPE], "application/json");
        }
    }

    #[cfg(feature = "console")]
    #[tokio::test]
    async fn a_gzip_copy_goes_to_gzip_clients_and_is_decoded_for_others() {
        let files = files();
        let gz = serve(
            &files,
            &get("/pkg-1/app_bg.wasm", &[("accept-encoding", "br, gzip")]),
        );
        assert_eq!(gz.status(), 200);
        assert_eq!(gz.headers()[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(gz.headers()[header::VARY], "accept-encoding");
        assert_eq!(body(gz).await, gzip(b"\0asm\x01\0\0\0"));
        for refusing in [&[][..], &[("accept-encoding", "gzip;q=0, br")][..]] {
            let plain = serve(&files, &get("/pkg-1/app_bg.wasm", refusing));
            assert_eq!(plain.status(), 200);
            assert_eq!(plain.headers()[header::CONTENT_TYPE], "application/wasm");
            assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
            assert_eq!(body(plain).await, b"\0asm\x01\0\0\0");
        }
    }

    #[tokio::test]
    async fn an_unchanged_file_is_304_by_its_etag() {
        let files = files();
        let first = serve(&files, &get("/clusters", &[]));
        let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
        let again = serve(&files, &get("/", &[("if-none-match", &etag)]));
        assert_eq!(again.status(), 304);
        assert!(body(again).await.is_empty());
        let other = serve(&files, &get("/icon.svg", &[("if-none-match", &etag)]));
        assert_eq!(other.status(), 200);
    }

    #[tokio::test]
    async fn other_methods_are_405_with_a_status_body() {
        let files = files();
        let req = Request::builder()
            .method(Method::POST)
            .uri("/")
            .body(Body::empty())
            .unwrap();
        let r = serve(&files, &req);
        assert_eq!(r.status(), 405);
        assert_eq!(r.headers()[header::ALLOW], "GET,HEAD");
        let status: serde_json::Value = serde_json::from_slice(&body(r).await).unwrap();
        assert_eq!(status["code"], code::UNIMPLEMENTED);
    }

    #[test]
    fn says_what_is_built_in() {
        let line = BuiltIn::Console(Arc::new(files())).to_string();
        assert!(line.starts_with("built in ("), "{line}");
        assert!(
            BuiltIn::NotBuilt
                .to_string()
                .contains("scripts/build-console.sh")
        );
        assert!(BuiltIn::FeatureOff.to_string().contains("--console DIR"));
    }
}
