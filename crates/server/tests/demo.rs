//! `--demo` fills a new organization through the API: three plans, SQL
//! users, databases, a folder, a service account, and their audit history.

mod common;

use common::*;
use crdb_cloud::api::audit_logs::ListAuditLogsParams;
use crdb_cloud::models::common::Plan;
use crdb_cloud::pagination::ListOptions;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_seeds_every_plan_with_users_databases_and_history() {
    let server = start_with(|c| crdb_cloud_server::Config { demo: true, ..c }).await;
    let c = client(&server);
    let mut ready = false;
    for _ in 0..200 {
        let accounts = c
            .list_service_accounts(&ListOptions::default())
            .await
            .unwrap();
        if accounts
            .service_accounts
            .iter()
            .any(|a| a.name == "ci-deployer")
        {
            let keys = c.list_api_keys(&Default::default()).await.unwrap();
            ready = keys.api_keys.iter().any(|k| k.name == "ci-key");
            if ready {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(ready, "demo data did not finish");
    let clusters = c.list_clusters(&Default::default()).await.unwrap().clusters;
    let mut plans: Vec<Plan> = clusters.iter().map(|c| c.plan.clone()).collect();
    plans.sort();
    assert_eq!(plans, [Plan::Basic, Plan::Standard, Plan::Advanced]);
    for cluster in &clusters {
        let users = c
            .list_sql_users(&cluster.id, &ListOptions::default())
            .await
            .unwrap();
        assert_eq!(users.users.len(), 2, "{}", cluster.name);
        let dbs = c
            .list_databases(&cluster.id, &ListOptions::default())
            .await
            .unwrap();
        assert!(
            dbs.databases.iter().any(|d| d.name == "movr"),
            "{}",
            cluster.name
        );
    }
    let log = c
        .list_audit_logs(&ListAuditLogsParams {
            limit: Some(500),
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<String> = log
        .entries
        .iter()
        .flatten()
        .filter_map(|e| e.action.as_ref().map(|a| a.to_string()))
        .collect();
    for wanted in [
        "AUDIT_LOG_ACTION_CREATE_CLUSTER",
        "AUDIT_LOG_ACTION_CREATE_SQL_USER",
        "AUDIT_LOG_ACTION_CREATE_FOLDER",
        "AUDIT_LOG_ACTION_CREATE_API_KEY",
    ] {
        assert!(
            actions.iter().any(|a| a == wanted),
            "{wanted} missing from {actions:?}"
        );
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_is_ready_even_with_manual_transitions() {
    let server = start_with(|c| crdb_cloud_server::Config {
        demo: true,
        transitions: crdb_cloud_server::Transitions::Manual,
        ..c
    })
    .await;
    let c = client(&server);
    let mut clusters = Vec::new();
    for _ in 0..200 {
        let keys = c.list_api_keys(&Default::default()).await.unwrap();
        if keys.api_keys.iter().any(|k| k.name == "ci-key") {
            clusters = c.list_clusters(&Default::default()).await.unwrap().clusters;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(clusters.len(), 3, "demo data did not finish");
    for cluster in clusters {
        assert_eq!(
            cluster.state,
            crdb_cloud::models::clusters::ClusterState::Created,
            "{}",
            cluster.name
        );
    }
    server.shutdown().await;
}
