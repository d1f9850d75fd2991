//! Tests shared by the Node and the headless-Chromium wasm32 runs; they talk
//! to `fixture-server.mjs` (started by the test command) over real fetch.

use crdb_cloud::models::clusters::ClusterState;
use crdb_cloud::{Client, Error, RetryPolicy, WaitOptions};
use std::time::Duration;
use wasm_bindgen_test::wasm_bindgen_test;

fn base() -> &'static str {
    option_env!("CRDB_FIXTURE_URL").unwrap_or("http://127.0.0.1:18787")
}

/// A fresh id per call so reruns against one fixture start from zero hits.
fn fresh(prefix: &str) -> String {
    format!("{prefix}-{}", (js_sys::Math::random() * 1e12) as u64)
}

fn client() -> Client {
    Client::builder()
        .api_key("test-key")
        .base_url(base())
        .retry_policy(RetryPolicy {
            base_delay: Duration::from_millis(10),
            ..RetryPolicy::default()
        })
        .build()
        .expect("client")
}

#[wasm_bindgen_test]
async fn fetches_and_decodes_a_cluster() {
    let id = fresh("plain");
    let c = client().get_cluster(&id).await.expect("cluster");
    assert_eq!(c.id, id);
    assert_eq!(c.state, ClusterState::Created);
    let limits = c
        .config
        .serverless
        .and_then(|s| s.usage_limits)
        .and_then(|u| u.request_unit_limit);
    assert_eq!(limits, Some(50_000_000));
}

#[wasm_bindgen_test]
async fn reads_the_body_as_utf8() {
    let c = client()
        .get_cluster(&fresh("unicode"))
        .await
        .expect("cluster");
    assert_eq!(c.cidr_range, "zürich ☃ 東京");
    // Bytes that are not UTF-8 become U+FFFD, as the browser's text() makes them.
    let no_retry = Client::builder()
        .api_key("test-key")
        .base_url(base())
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    match no_retry.get_cluster(&fresh("not-utf8")).await {
        Err(Error::Api(e)) => assert_eq!((e.status, e.message.as_str()), (500, "caf\u{fffd}")),
        other => panic!("unexpected {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn decodes_api_errors() {
    match client().get_cluster(&fresh("missing")).await {
        Err(Error::Api(e)) => assert_eq!(
            (e.status, e.code, e.message.as_str()),
            (404, 5, "cluster not found")
        ),
        other => panic!("unexpected {other:?}"),
    }
    let bad_key = Client::builder()
        .api_key("wrong")
        .base_url(base())
        .build()
        .expect("client");
    assert_eq!(
        bad_key
            .get_cluster(&fresh("plain"))
            .await
            .unwrap_err()
            .status(),
        Some(401)
    );
}

#[wasm_bindgen_test]
async fn retries_after_429_once_retry_after_passes() {
    let id = fresh("rate-limited");
    let started = js_sys::Date::now();
    client()
        .get_cluster(&id)
        .await
        .expect("second attempt succeeds");
    let waited = js_sys::Date::now() - started;
    assert!(waited >= 1000.0, "waited only {waited} ms");
}

#[wasm_bindgen_test]
async fn retries_get_on_503() {
    client()
        .get_cluster(&fresh("flaky"))
        .await
        .expect("third attempt succeeds");
}

#[wasm_bindgen_test]
async fn times_out_through_abort() {
    let c = Client::builder()
        .api_key("test-key")
        .base_url(base())
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let started = js_sys::Date::now();
    let err = c.get_cluster(&fresh("slow")).await.unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err}");
    assert!(js_sys::Date::now() - started < 2500.0);
}

#[wasm_bindgen_test]
async fn waits_for_a_cluster() {
    let opts = WaitOptions::new(Duration::from_millis(20), Duration::from_secs(5));
    let c = client()
        .wait_for_cluster(&fresh("creating"), &opts)
        .await
        .expect("created");
    assert_eq!(c.state, ClusterState::Created);
}
