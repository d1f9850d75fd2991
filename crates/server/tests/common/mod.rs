//! Shared helpers: start an in-process server and build SDK clients for it.
#![allow(dead_code)]

use crdb_cloud::models::clusters::*;
use crdb_cloud::models::common::{CloudProvider, Plan};
use crdb_cloud::{Client, RetryPolicy};
use crdb_cloud_server::{Config, Server};

pub mod accounts;
pub mod raw;

pub async fn start() -> Server {
    start_with(|c| c).await
}

pub async fn start_with(f: impl FnOnce(Config) -> Config) -> Server {
    let config = f(Config {
        rate_limit: 10_000,
        ..Config::in_memory()
    });
    Server::start(config).await.expect("server starts")
}

pub fn client(server: &Server) -> Client {
    client_with_key(server, server.api_key())
}

pub fn client_with_key(server: &Server, key: &str) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .api_key(key)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client builds")
}

pub fn standard(name: &str) -> CreateClusterRequest {
    CreateClusterRequest {
        name: name.into(),
        provider: CloudProvider::Gcp,
        plan: Some(Plan::Standard),
        spec: CreateClusterSpecification {
            serverless: Some(ServerlessClusterCreateSpecification {
                regions: vec!["us-central1".into()],
                usage_limits: Some(UsageLimits {
                    provisioned_virtual_cpus: Some(2),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        },
    }
}

pub fn advanced(name: &str) -> CreateClusterRequest {
    CreateClusterRequest {
        name: name.into(),
        provider: CloudProvider::Aws,
        plan: Some(Plan::Advanced),
        spec: CreateClusterSpecification {
            dedicated: Some(DedicatedClusterCreateSpecification {
                region_nodes: [("us-east-1".to_owned(), 3)].into(),
                hardware: DedicatedHardwareCreateSpecification {
                    machine_spec: Some(DedicatedMachineTypeSpecification {
                        num_virtual_cpus: Some(4),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                ..Default::default()
            }),
            ..Default::default()
        },
    }
}

/// An operation's path template with every `{param}` filled in with `value`.
pub fn concrete(template: &str, value: &str) -> String {
    template
        .split('/')
        .map(|seg| if seg.starts_with('{') { value } else { seg })
        .collect::<Vec<_>>()
        .join("/")
}

/// Raw HTTP for what the SDK will not send.
pub fn http() -> reqwest::Client {
    reqwest::Client::new()
}

/// The audit rows, through the local admin API.
pub async fn audit_actions(server: &Server) -> Vec<String> {
    let rows: serde_json::Value = http()
        .get(format!("{}/local/v1/audit-log", server.base_url()))
        .bearer_auth(server.api_key())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_owned())
        .collect()
}

pub fn api_err(e: &crdb_cloud::Error) -> (u16, i32, String) {
    let a = e
        .api_error()
        .unwrap_or_else(|| panic!("not an API error: {e}"));
    (a.status, a.code, a.message.clone())
}
