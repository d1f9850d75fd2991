//! The native client against a local HTTP fixture: retries, Retry-After,
//! timeouts, error decoding, the client-side limiter, pagination, waiters.
#![cfg(not(target_arch = "wasm32"))]

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use crdb_cloud::api::clusters::ListClustersParams;
use crdb_cloud::models::clusters::{ClusterState, CreateClusterRequest};
use crdb_cloud::retry::Outcome;
use crdb_cloud::{Client, Error, RetryPolicy, WaitOptions};
use futures_util::TryStreamExt;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the fixture saw, and scripted answers per path.
#[derive(Default)]
struct Fixture {
    hits: Mutex<HashMap<String, Vec<Instant>>>,
    headers: Mutex<Vec<HeaderMap>>,
}

type Shared = Arc<Fixture>;

impl Fixture {
    fn hit(&self, key: &str) -> usize {
        let mut hits = self.hits.lock().unwrap();
        let v = hits.entry(key.to_owned()).or_default();
        v.push(Instant::now());
        v.len()
    }
    fn count(&self, key: &str) -> usize {
        self.hits.lock().unwrap().get(key).map_or(0, Vec::len)
    }
    fn times(&self, key: &str) -> Vec<Instant> {
        self.hits
            .lock()
            .unwrap()
            .get(key)
            .cloned()
            .unwrap_or_default()
    }
}

fn json(status: StatusCode, body: &str) -> Response {
    (
        status,
        [("content-type", "application/json")],
        body.to_owned(),
    )
        .into_response()
}

fn cluster(id: &str, state: &str) -> String {
    format!(
        r#"{{"id":"{id}","name":"name-{id}","state":"{state}","plan":"BASIC","cloud_provider":"GCP","operation_status":"UNSPECIFIED","upgrade_status":"FINALIZED","cockroach_version":"v24.1.0","config":{{}},"regions":[],"creator_id":"x","cidr_range":"","labels":{{}}}}"#
    )
}

async fn get_cluster(
    State(f): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    f.headers.lock().unwrap().push(headers);
    let n = f.hit(&id);
    match id.as_str() {
        "rate-limited" if n == 1 => (
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", "1"), ("content-type", "application/json")],
            r#"{"code":8,"message":"rate limit exceeded","details":[]}"#,
        )
            .into_response(),
        "flaky" if n <= 2 => json(
            StatusCode::SERVICE_UNAVAILABLE,
            r#"{"code":14,"message":"try later","details":[]}"#,
        ),
        "always-limited" => {
            (StatusCode::TOO_MANY_REQUESTS, [("retry-after", "1")], "{}").into_response()
        }
        "missing" => json(
            StatusCode::NOT_FOUND,
            r#"{"code":5,"message":"cluster not found","details":[]}"#,
        ),
        "html" => (StatusCode::BAD_GATEWAY, "<html>bad gateway</html>").into_response(),
        "garbled" => json(StatusCode::OK, r#"{"id": 12"#),
        "slow" => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            json(StatusCode::OK, &cluster(&id, "CREATED"))
        }
        "creating" => json(
            StatusCode::OK,
            &cluster(&id, if n < 3 { "CREATING" } else { "CREATED" }),
        ),
        "doomed" => json(StatusCode::OK, &cluster(&id, "CREATION_FAILED")),
        _ => json(StatusCode::OK, &cluster(&id, "CREATED")),
    }
}

async fn post_cluster(State(f): State<Shared>, body: String) -> Response {
    let n = f.hit("post");
    if body.contains("limited") && n == 1 {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", "1")],
            r#"{"code":8,"message":"rate limit exceeded"}"#,
        )
            .into_response();
    }
    if body.contains("unavailable") {
        return json(
            StatusCode::SERVICE_UNAVAILABLE,
            r#"{"code":14,"message":"down","details":[]}"#,
        );
    }
    json(StatusCode::OK, &cluster("new", "CREATING"))
}

async fn list_clusters(
    State(f): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    f.hit("list");
    let page = q.get("pagination.page").map(String::as_str).unwrap_or("");
    let (ids, next) = match page {
        "" => (vec!["a", "b"], r#"{"next_page":"p2"}"#),
        "p2" => (vec!["c", "d"], r#"{"next_page":"p3"}"#),
        "p3" => (vec!["e"], "null"),
        _ => {
            return json(
                StatusCode::BAD_REQUEST,
                r#"{"code":3,"message":"bad page token","details":[]}"#,
            );
        }
    };
    let clusters: Vec<String> = ids.iter().map(|i| cluster(i, "CREATED")).collect();
    json(
        StatusCode::OK,
        &format!(
            r#"{{"clusters":[{}],"pagination":{next}}}"#,
            clusters.join(",")
        ),
    )
}

async fn organization(State(f): State<Shared>) -> Response {
    f.hit("org");
    json(
        StatusCode::OK,
        r#"{"id":"o","label":"l","name":"n","created_at":"2024-01-01T00:00:00Z"}"#,
    )
}

async fn start() -> (String, Shared) {
    let fixture: Shared = Arc::default();
    let app = Router::new()
        .route("/api/v1/clusters", get(list_clusters).post(post_cluster))
        .route("/api/v1/clusters/{id}", get(get_cluster))
        .route("/api/v1/organization", get(organization))
        .with_state(fixture.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), fixture)
}

fn client(base: &str) -> Client {
    Client::builder()
        .api_key("test-key")
        .base_url(base)
        .retry_policy(RetryPolicy {
            base_delay: Duration::from_millis(10),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap()
}

fn create_request(name: &str) -> CreateClusterRequest {
    CreateClusterRequest {
        name: name.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn sends_auth_version_and_user_agent_headers() {
    let (base, f) = start().await;
    client(&base).get_cluster("plain").await.unwrap();
    let headers = f.headers.lock().unwrap()[0].clone();
    assert_eq!(headers["authorization"], "Bearer test-key");
    assert_eq!(headers["cc-version"], "2024-09-16");
    assert!(
        headers["user-agent"]
            .to_str()
            .unwrap()
            .starts_with("crdb-cloud-rust/")
    );
}

#[tokio::test]
async fn waits_for_retry_after_on_429() {
    let (base, f) = start().await;
    let started = Instant::now();
    let c = client(&base).get_cluster("rate-limited").await.unwrap();
    assert_eq!(c.id, "rate-limited");
    assert_eq!(f.count("rate-limited"), 2);
    let gap = f.times("rate-limited")[1] - f.times("rate-limited")[0];
    assert!(gap >= Duration::from_secs(1), "retried after {gap:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn tells_the_retry_observer_why_and_how_long() {
    let (base, _f) = start().await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let c = Client::builder()
        .api_key("k")
        .base_url(&base)
        .on_retry(move |n| log.lock().unwrap().push(*n))
        .build()
        .unwrap();
    c.get_cluster("rate-limited").await.unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].attempt, 1);
    assert!(matches!(seen[0].outcome, Outcome::RateLimited(d) if d == Duration::from_secs(1)));
    assert!(seen[0].delay >= Duration::from_secs(1));
}

#[tokio::test]
async fn retries_a_post_after_429_since_nothing_was_done() {
    let (base, f) = start().await;
    client(&base)
        .create_cluster(&create_request("limited"))
        .await
        .unwrap();
    assert_eq!(f.count("post"), 2);
}

#[tokio::test]
async fn gives_up_on_429_after_the_budget_with_retry_after() {
    let (base, f) = start().await;
    let c = Client::builder()
        .api_key("k")
        .base_url(&base)
        .retry_policy(RetryPolicy {
            max_rate_limit_retries: 1,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    match c.get_cluster("always-limited").await.unwrap_err() {
        Error::RateLimited { retry_after, error } => {
            assert_eq!(retry_after, Duration::from_secs(1));
            assert_eq!(error.status, 429);
        }
        other => panic!("unexpected {other}"),
    }
    assert_eq!(f.count("always-limited"), 2);
}

#[tokio::test]
async fn retries_get_on_503() {
    let (base, f) = start().await;
    client(&base).get_cluster("flaky").await.unwrap();
    assert_eq!(f.count("flaky"), 3);
}

#[tokio::test]
async fn does_not_retry_post_on_503() {
    let (base, f) = start().await;
    let err = client(&base)
        .create_cluster(&create_request("unavailable"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(f.count("post"), 1);
}

#[tokio::test]
async fn times_out() {
    let (base, _f) = start().await;
    let c = Client::builder()
        .api_key("k")
        .base_url(&base)
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let started = Instant::now();
    let err = c.get_cluster("slow").await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout(d) if d == Duration::from_millis(200)),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn reports_unreachable_servers_as_transport_errors() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let c = Client::builder()
        .api_key("k")
        .base_url(format!("http://{addr}"))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    assert!(matches!(
        c.get_organization_info().await.unwrap_err(),
        Error::Transport(_)
    ));
}

#[tokio::test]
async fn decodes_error_bodies() {
    let (base, _f) = start().await;
    let c = client(&base);
    match c.get_cluster("missing").await.unwrap_err() {
        Error::Api(e) => {
            assert_eq!(
                (e.status, e.code, e.message.as_str()),
                (404, 5, "cluster not found")
            );
        }
        other => panic!("unexpected {other}"),
    }
    let no_retry = Client::builder()
        .api_key("k")
        .base_url(&base)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    match no_retry.get_cluster("html").await.unwrap_err() {
        Error::Api(e) => assert_eq!(
            (e.status, e.message.as_str()),
            (502, "<html>bad gateway</html>")
        ),
        other => panic!("unexpected {other}"),
    }
    match c.get_cluster("garbled").await.unwrap_err() {
        Error::Decode { status, body, .. } => {
            assert_eq!((status, body.as_str()), (200, r#"{"id": 12"#))
        }
        other => panic!("unexpected {other}"),
    }
}

#[tokio::test]
async fn limiter_holds_ten_requests_a_second() {
    let (base, f) = start().await;
    let c = Client::builder()
        .api_key("k")
        .base_url(&base)
        .rate_limit(10)
        .build()
        .unwrap();
    let started = Instant::now();
    let calls = (0..25).map(|_| {
        let c = c.clone();
        tokio::spawn(async move { c.get_organization_info().await })
    });
    for call in calls {
        call.await.unwrap().unwrap();
    }
    // Burst of 10, then one every 100 ms: the 25th may not go before 1.5 s.
    assert!(
        started.elapsed() >= Duration::from_millis(1450),
        "{:?}",
        started.elapsed()
    );
    let mut times = f.times("org");
    times.sort();
    for (k, t) in times.iter().enumerate().skip(10) {
        let min =
            Duration::from_millis(100 * (k as u64 - 9)).saturating_sub(Duration::from_millis(30));
        assert!(
            *t - times[0] >= min,
            "request {k} came {:?} after the first",
            *t - times[0]
        );
    }
}

#[tokio::test]
async fn streams_every_page() {
    let (base, f) = start().await;
    let ids: Vec<String> = client(&base)
        .list_clusters_all(ListClustersParams::default())
        .map_ok(|c| c.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    assert_eq!(f.count("list"), 3);
}

#[tokio::test]
async fn waits_until_a_cluster_is_created_or_fails() {
    let (base, f) = start().await;
    let c = client(&base);
    let opts = WaitOptions::new(Duration::from_millis(10), Duration::from_secs(5));
    let ready = c.wait_for_cluster("creating", &opts).await.unwrap();
    assert_eq!(ready.state, ClusterState::Created);
    assert_eq!(f.count("creating"), 3);
    let err = c.wait_for_cluster("doomed", &opts).await.unwrap_err();
    assert!(
        matches!(err, Error::Failed { ref state, .. } if state == "CREATION_FAILED"),
        "{err}"
    );
}
