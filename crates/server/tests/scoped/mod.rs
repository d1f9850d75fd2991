//! Helpers for the tests of cluster-scoped families (SQL users, databases,
//! backups, maintenance, blackout windows).
#![allow(dead_code)]

use super::common::*;
use crdb_cloud::Client;
use crdb_cloud::models::clusters::Cluster;
use crdb_cloud_server::{Config, Server, Transitions};

/// A server whose long-running work waits for `advance`.
pub async fn start_manual() -> Server {
    start_with(|c| Config {
        transitions: Transitions::Manual,
        ..c
    })
    .await
}

/// `POST /local/v1/{path}` with the bootstrap key; the status and JSON answer.
pub async fn admin_post(
    server: &Server,
    path: &str,
    body: Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    let mut req = http()
        .post(format!("{}/local/v1/{path}", server.base_url()))
        .bearer_auth(server.api_key());
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or_default())
}

/// Completes a cluster's pending work now.
pub async fn advance(server: &Server, id: &str) {
    let (status, body) = admin_post(server, &format!("clusters/{id}/advance"), None).await;
    assert_eq!(status, 200, "{body}");
}

/// A new service account with these `(role, resource_type, resource_id)`
/// grants, and a client using its key.
pub async fn client_for(server: &Server, name: &str, roles: &[(&str, &str, &str)]) -> Client {
    let roles: Vec<serde_json::Value> = roles
        .iter()
        .map(|(role, rt, id)| {
            serde_json::json!({"role": role, "resource_type": rt, "resource_id": id})
        })
        .collect();
    let (status, body) = admin_post(
        server,
        "service-accounts",
        Some(serde_json::json!({"name": name, "roles": roles})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    client_with_key(server, body["secret"].as_str().unwrap())
}

/// A Standard cluster, CREATED (instant transitions).
pub async fn created_standard(c: &Client, name: &str) -> Cluster {
    c.create_cluster(&standard(name)).await.unwrap()
}

/// An Advanced cluster, CREATED (instant transitions).
pub async fn created_advanced(c: &Client, name: &str) -> Cluster {
    c.create_cluster(&advanced(name)).await.unwrap()
}
