//! `--console DIR` (static files, deep links, security headers, the API
//! untouched) and `--upstream URL` (a streaming pass-through to a second
//! in-process server).

mod common;

use common::*;
use crdb_cloud_server::{Config, Server};

fn console_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("crdb-console-test-{}", uuid_like()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>console</title>",
    )
    .unwrap();
    std::fs::write(dir.join("app-1234.js"), "export default 1;").unwrap();
    std::fs::write(dir.join("assets/app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    // Stands in for the gzip file the console build writes beside each asset.
    std::fs::write(dir.join("assets/app_bg.wasm.gz"), b"gzipped wasm").unwrap();
    dir
}

fn uuid_like() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

#[tokio::test]
async fn console_files_deep_links_and_headers() {
    let dir = console_dir();
    let server = start_with(|c| Config {
        console_dir: Some(dir.clone()),
        ..c
    })
    .await;
    let base = server.base_url();
    for page in ["/", "/clusters", "/clusters/abc/delete"] {
        let r = http().get(format!("{base}{page}")).send().await.unwrap();
        assert_eq!(r.status(), 200, "{page}");
        let h = r.headers().clone();
        assert!(
            h["content-type"].to_str().unwrap().starts_with("text/html"),
            "{page}"
        );
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "no-referrer");
        assert!(
            r.text().await.unwrap().contains("<title>console</title>"),
            "{page}"
        );
    }
    let js = http()
        .get(format!("{base}/app-1234.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(js.status(), 200);
    assert!(
        js.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );
    assert_eq!(js.headers()["x-content-type-options"], "nosniff");
    let wasm = http()
        .get(format!("{base}/assets/app_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert!(wasm.headers().get("content-encoding").is_none());
    assert_eq!(&wasm.bytes().await.unwrap()[..4], b"\0asm");
    // Browsers accepting gzip get the precompressed file.
    let gz = http()
        .get(format!("{base}/assets/app_bg.wasm"))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(gz.status(), 200);
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    assert_eq!(gz.headers()["content-type"], "application/wasm");
    assert_eq!(gz.headers()["x-content-type-options"], "nosniff");
    assert_eq!(&gz.bytes().await.unwrap()[..], b"gzipped wasm");
    // A missing file is a 404, not the page.
    let missing = http()
        .get(format!("{base}/nope-1.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    // The API and the local admin API are unaffected.
    let r = http()
        .get(format!("{base}/api/v1/clusters"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["content-type"], "application/json");
    let r = http()
        .get(format!("{base}/api/v1/nothing-here"))
        .bearer_auth(server.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["content-type"], "application/json");
    let page = client(&server)
        .list_clusters(&Default::default())
        .await
        .unwrap();
    assert!(page.clusters.is_empty());
    server.shutdown().await;
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn console_dir_without_index_is_refused() {
    let dir = std::env::temp_dir().join(format!("crdb-console-empty-{}", uuid_like()));
    std::fs::create_dir_all(&dir).unwrap();
    let err = Server::start(Config {
        console_dir: Some(dir.clone()),
        ..Config::in_memory()
    })
    .await
    .err()
    .expect("refused");
    assert!(err.contains("index.html"), "{err}");
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn upstream_passes_api_calls_through_with_the_callers_key() {
    let upstream = start_with(|c| Config {
        bootstrap_api_key: Some("upstream-key".into()),
        ..c
    })
    .await;
    let front = start_with(|c| Config {
        bootstrap_api_key: Some("front-key".into()),
        upstream: Some(format!("{}/", upstream.base_url())),
        ..c
    })
    .await;
    // The upstream's key works through the front; the front's own does not.
    let via_front = client_with_key(&front, "upstream-key");
    let created = via_front
        .create_cluster(&standard("proxied-one"))
        .await
        .unwrap();
    let direct = client(&upstream).get_cluster(&created.id).await.unwrap();
    assert_eq!(direct.name, "proxied-one");
    let listed = via_front.list_clusters(&Default::default()).await.unwrap();
    assert_eq!(listed.clusters.len(), 1);
    let err = client_with_key(&front, "front-key")
        .list_clusters(&Default::default())
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).0, 401);
    // Status, headers and body of errors come back as the upstream sent them.
    let r = http()
        .get(format!(
            "{}/api/v1/clusters/{}?x=1",
            front.base_url(),
            "no-such"
        ))
        .bearer_auth("upstream-key")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["cc-version"], "2024-09-16");
    assert!(r.headers().contains_key("x-ratelimit-remaining"));
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], 5);
    // The local admin API stays local.
    let r = http()
        .get(format!("{}/local/v1/faults", front.base_url()))
        .bearer_auth("upstream-key")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    front.shutdown().await;
    upstream.shutdown().await;
}

#[tokio::test]
async fn unreachable_upstream_is_502_with_a_status_body() {
    let front = start_with(|c| Config {
        upstream: Some("http://127.0.0.1:9".into()),
        ..c
    })
    .await;
    let r = http()
        .get(format!("{}/api/v1/clusters", front.base_url()))
        .bearer_auth("k")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 502);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], 14);
    front.shutdown().await;
}

#[tokio::test]
async fn the_built_in_console_is_served_when_there_is_one() {
    use crdb_cloud_server::embedded::BuiltIn;
    let built_in = matches!(BuiltIn::get(), BuiltIn::Console(_));
    let server = start_with(|c| Config {
        console_embedded: true,
        ..c
    })
    .await;
    let base = server.base_url();
    for page in ["/", "/clusters/abc"] {
        let r = http().get(format!("{base}{page}")).send().await.unwrap();
        if built_in {
            assert_eq!(r.status(), 200, "{page}");
            assert!(
                r.headers()["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("text/html")
            );
            assert_eq!(r.headers()["cache-control"], "no-cache");
            let csp = r.headers()["content-security-policy"].to_str().unwrap();
            assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
            let page_text = r.text().await.unwrap().to_ascii_lowercase();
            assert!(page_text.starts_with("<!doctype html"), "{page}");
        } else {
            // Nothing built in: the API alone answers.
            assert_eq!(r.status(), 404, "{page}");
            assert_eq!(r.headers()["content-type"], "application/json");
        }
    }
    // The API is unaffected either way.
    let r = http()
        .get(format!("{base}/api/v1/clusters"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    server.shutdown().await;
}
