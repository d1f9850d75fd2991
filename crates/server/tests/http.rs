//! Wire-level rules: auth, Cc-Version, rate limits, bad input, RBAC scope.

mod common;

use common::*;
use crdb_cloud::Error;

#[tokio::test]
async fn missing_or_bad_key_is_401_code_16() {
    let server = start().await;
    let r = http()
        .get(format!("{}/api/v1/clusters", server.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["content-type"], "application/json");
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], 16);
    assert_eq!(body["details"], serde_json::json!([]));
    let err = client_with_key(&server, "CCDB1_nope_nope")
        .list_clusters(&Default::default())
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).0, 401);
    assert_eq!(api_err(&err).1, 16);
    server.shutdown().await;
}

#[tokio::test]
async fn bad_cc_version_is_400_and_good_one_is_echoed() {
    let server = start().await;
    let c = crdb_cloud::Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .version("1999-01-01")
        .retry_policy(crdb_cloud::RetryPolicy::none())
        .build()
        .unwrap();
    let err = c.get_organization_info().await.unwrap_err();
    assert_eq!(api_err(&err), (400, 3, "invalid Cc-Version.".into()));
    let r = http()
        .get(format!("{}/api/v1/organization", server.base_url()))
        .bearer_auth(server.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cc-version"], "2024-09-16");
    assert!(r.headers().contains_key("x-ratelimit-remaining"));
    server.shutdown().await;
}

#[tokio::test]
async fn rate_limit_is_per_service_account() {
    let server = start_with(|c| crdb_cloud_server::Config {
        rate_limit: 10,
        ..c
    })
    .await;
    let other: serde_json::Value = http()
        .post(format!("{}/local/v1/service-accounts", server.base_url()))
        .bearer_auth(server.api_key())
        .json(&serde_json::json!({"name": "second", "roles": [
            {"role": "ORG_ADMIN", "resource_type": "ORGANIZATION", "resource_id": "x"}]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let c = client(&server);
    let mut ok = 0;
    let mut limited = 0;
    for _ in 0..30 {
        match c.get_organization_info().await {
            Ok(_) => ok += 1,
            Err(Error::RateLimited { retry_after, error }) => {
                assert!(retry_after.as_secs() >= 1);
                assert_eq!((error.status, error.code), (429, 8));
                assert_eq!(error.message, "rate limit exceeded");
                limited += 1;
            }
            Err(e) => panic!("unexpected {e}"),
        }
    }
    assert!((10..=11).contains(&ok), "ok = {ok}");
    assert_eq!(ok + limited, 30);
    let second = client_with_key(&server, other["secret"].as_str().unwrap());
    second.get_organization_info().await.unwrap();
    server.shutdown().await;
}

async fn snapshot(server: &crdb_cloud_server::Server) -> (usize, usize) {
    let clusters = client(server)
        .list_clusters(&crdb_cloud::api::clusters::ListClustersParams {
            show_inactive: Some(true),
            ..Default::default()
        })
        .await
        .unwrap()
        .clusters
        .len();
    (clusters, audit_actions(server).await.len())
}

#[tokio::test]
async fn bad_input_gets_status_bodies_and_changes_nothing() {
    let server = start().await;
    let c = client(&server);
    let cluster = c.create_cluster(&standard("stays-same")).await.unwrap();
    let before = snapshot(&server).await;
    let url = |p: &str| format!("{}{p}", server.base_url());
    let cases: Vec<(reqwest::RequestBuilder, u16)> = vec![
        (http().post(url("/api/v1/clusters")).body("{\"name\": "), 400),
        (http().post(url("/api/v1/clusters")).body(r#"{"name": 5, "provider": "GCP", "spec": {}}"#), 400),
        (http().post(url("/api/v1/clusters")).body(""), 400),
        (
            http().post(url("/api/v1/clusters")).body(
                r#"{"name":"xyz-cluster","provider":"IBM","spec":{"serverless":{"regions":["us-central1"]}}}"#,
            ),
            400,
        ),
        (
            http().patch(url(&format!("/api/v1/clusters/{}", cluster.id))).body(r#"{"labels": "nope"}"#),
            400,
        ),
        (http().post(url("/api/v1/clusters")).body(vec![b' '; 2 * 1024 * 1024]), 413),
        (http().get(url("/api/v1/clusters?pagination.limit=abc")), 400),
        (http().get(url("/api/v1/clusters?show_inactive=maybe")), 400),
        (http().get(url("/api/v1/clusters?pagination.sort_by=SIZE")), 400),
        (http().get(url("/api/v1/clusters?pagination.page=zz")), 400),
        (http().get(url("/api/v1/no-such-thing")), 404),
    ];
    for (i, (req, status)) in cases.into_iter().enumerate() {
        let r = req.bearer_auth(server.api_key()).send().await.unwrap();
        assert_eq!(r.status().as_u16(), status, "case {i}");
        assert_eq!(r.headers()["content-type"], "application/json", "case {i}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert!(body["code"].as_i64().unwrap() > 0, "case {i}: {body}");
        assert!(!body["message"].as_str().unwrap().is_empty(), "case {i}");
    }
    assert_eq!(snapshot(&server).await, before);
    server.shutdown().await;
}

#[tokio::test]
async fn roles_and_scope_are_enforced() {
    let server = start().await;
    let c = client(&server);
    let mine = c.create_cluster(&standard("dev-cluster")).await.unwrap();
    let theirs = c.create_cluster(&standard("other-cluster")).await.unwrap();
    let dev: serde_json::Value = http()
        .post(format!("{}/local/v1/service-accounts", server.base_url()))
        .bearer_auth(server.api_key())
        .json(&serde_json::json!({"name": "developer", "roles": [
            {"role": "CLUSTER_DEVELOPER", "resource_type": "CLUSTER", "resource_id": mine.id}]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let d = client_with_key(&server, dev["secret"].as_str().unwrap());
    d.get_cluster(&mine.id).await.unwrap();
    assert_eq!(
        api_err(&d.get_cluster(&theirs.id).await.unwrap_err()).0,
        404
    );
    assert_eq!(
        api_err(&d.delete_cluster(&mine.id).await.unwrap_err()),
        (
            403,
            7,
            "the caller's roles do not allow DeleteCluster".into()
        )
    );
    let listed = d.list_clusters(&Default::default()).await.unwrap();
    assert_eq!(listed.clusters.len(), 1);
    // the admin API is for the bootstrap key only
    let r = http()
        .post(format!("{}/local/v1/reset", server.base_url()))
        .bearer_auth(dev["secret"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    server.shutdown().await;
}

#[tokio::test]
async fn cors_preflight_allows_the_api_headers() {
    let server = start().await;
    let r = http()
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/api/v1/clusters", server.base_url()),
        )
        .header("Origin", "http://example.test")
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "authorization,cc-version,content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let allowed = r.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(allowed.contains("cc-version") && allowed.contains("authorization"));
    server.shutdown().await;
}

#[tokio::test]
async fn serves_its_own_openapi_document_without_a_key() {
    let server = start().await;
    let r = http()
        .get(format!("{}/api/openapi.json", server.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let doc: serde_json::Value = r.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.0.3");
    let ids: Vec<String> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .filter_map(|op| op["operationId"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(ids.len(), 64);
    for op in crdb_cloud::operation::ALL {
        assert!(
            ids.contains(&format!("CockroachCloud_{}", op.id)),
            "{} missing",
            op.id
        );
    }
    server.shutdown().await;
}
