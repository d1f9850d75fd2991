//! The local admin API: fault injection, failing a creation, key checks.

mod common;

use common::*;
use crdb_cloud::models::clusters::ClusterState;
use crdb_cloud::{Error, WaitOptions};
use crdb_cloud_server::Transitions;
use serde_json::json;
use std::time::{Duration, Instant};

async fn admin(
    server: &crdb_cloud_server::Server,
    method: reqwest::Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> reqwest::Response {
    let req = http()
        .request(method, format!("{}{path}", server.base_url()))
        .bearer_auth(server.api_key());
    match body {
        Some(b) => req.json(&b),
        None => req,
    }
    .send()
    .await
    .unwrap()
}

#[tokio::test]
async fn injected_faults_answer_with_status_bodies_until_cleared() {
    let server = start().await;
    let c = client(&server);
    let cluster = c.create_cluster(&standard("faulty-one")).await.unwrap();
    let rules = json!({"rules": [{"operations": ["GetCluster"], "status": 503, "rate": 1.0}]});
    assert_eq!(
        admin(
            &server,
            reqwest::Method::PUT,
            "/local/v1/faults",
            Some(rules)
        )
        .await
        .status(),
        200
    );
    let err = c.get_cluster(&cluster.id).await.unwrap_err();
    assert_eq!(api_err(&err).0, 503);
    assert_eq!(api_err(&err).1, 14);
    // Other operations are untouched.
    c.list_clusters(&Default::default()).await.unwrap();
    assert_eq!(
        admin(&server, reqwest::Method::DELETE, "/local/v1/faults", None)
            .await
            .status(),
        200
    );
    c.get_cluster(&cluster.id).await.unwrap();
    server.shutdown().await;
}

#[tokio::test]
async fn injected_429s_carry_retry_after_and_code_8() {
    let server = start().await;
    let rules =
        json!({"rules": [{"operations": ["GetOrganizationInfo"], "status": 429, "rate": 1.0}]});
    admin(
        &server,
        reqwest::Method::PUT,
        "/local/v1/faults",
        Some(rules),
    )
    .await;
    match client(&server).get_organization_info().await.unwrap_err() {
        Error::RateLimited { retry_after, error } => {
            assert!(retry_after >= Duration::from_secs(1));
            assert_eq!(error.code, 8);
        }
        other => panic!("unexpected {other}"),
    }
    server.shutdown().await;
}

#[tokio::test]
async fn injected_latency_delays_the_answer() {
    let server = start().await;
    let rules =
        json!({"rules": [{"operations": ["GetOrganizationInfo"], "status": 0, "latency_ms": 300}]});
    admin(
        &server,
        reqwest::Method::PUT,
        "/local/v1/faults",
        Some(rules),
    )
    .await;
    let started = Instant::now();
    client(&server).get_organization_info().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(290),
        "{:?}",
        started.elapsed()
    );
    server.shutdown().await;
}

#[tokio::test]
async fn bad_fault_rules_are_refused() {
    let server = start().await;
    let bad = json!({"rules": [{"status": 418, "rate": 1.0}]});
    let r = admin(&server, reqwest::Method::PUT, "/local/v1/faults", Some(bad)).await;
    assert_eq!(r.status(), 400);
    let bad = json!({"rules": [{"status": 500, "rate": 1.5}]});
    assert_eq!(
        admin(&server, reqwest::Method::PUT, "/local/v1/faults", Some(bad))
            .await
            .status(),
        400
    );
    server.shutdown().await;
}

#[tokio::test]
async fn failing_a_pending_creation_ends_the_waiter_at_once() {
    let server = start_with(|c| crdb_cloud_server::Config {
        transitions: Transitions::Manual,
        ..c
    })
    .await;
    let c = client(&server);
    let cluster = c.create_cluster(&standard("doomed-one")).await.unwrap();
    assert_eq!(cluster.state, ClusterState::Creating);
    let r = admin(
        &server,
        reqwest::Method::POST,
        &format!("/local/v1/clusters/{}/fail", cluster.id),
        None,
    )
    .await;
    assert_eq!(r.status(), 200);
    let wait = WaitOptions::new(Duration::from_millis(10), Duration::from_secs(5));
    let err = c.wait_for_cluster(&cluster.id, &wait).await.unwrap_err();
    assert!(
        matches!(err, Error::Failed { ref state, .. } if state == "CREATION_FAILED"),
        "{err}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn admin_api_takes_only_the_bootstrap_key() {
    let server = start().await;
    let created: serde_json::Value = admin(
        &server,
        reqwest::Method::POST,
        "/local/v1/service-accounts",
        Some(json!({"name": "not-admin", "roles": []})),
    )
    .await
    .json()
    .await
    .unwrap();
    let other = created["secret"].as_str().unwrap();
    let r = http()
        .post(format!("{}/local/v1/reset", server.base_url()))
        .bearer_auth(other)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = http()
        .post(format!("{}/local/v1/reset", server.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    server.shutdown().await;
}
