//! Backup configuration, managed backups and restores through the SDK
//! client against an in-process server.

mod common;
mod scoped;

use common::*;
use crdb_cloud::api::backups::{ListBackupsParams, ListRestoresParams};
use crdb_cloud::models::backups::*;
use crdb_cloud::models::clusters::{ClusterState, ClusterStatus, CreateClusterRequest};
use crdb_cloud::models::common::Plan;
use crdb_cloud::models::databases::CreateDatabaseBody;
use crdb_cloud::{Client, ListOptions, SortOrder};
use scoped::*;

fn basic(name: &str) -> CreateClusterRequest {
    let mut req = standard(name);
    req.plan = Some(Plan::Basic);
    if let Some(s) = &mut req.spec.serverless {
        s.usage_limits = None;
    }
    req
}

fn spec(
    enabled: Option<bool>,
    frequency_minutes: Option<i32>,
    retention_days: Option<i32>,
) -> UpdateBackupConfigurationSpec {
    UpdateBackupConfigurationSpec {
        enabled,
        frequency_minutes,
        retention_days,
    }
}

fn cluster_restore() -> CreateRestoreBody {
    CreateRestoreBody {
        restore_type: RestoreType::Cluster,
        ..Default::default()
    }
}

fn database_restore(source: &str, db: &str) -> CreateRestoreBody {
    CreateRestoreBody {
        restore_type: RestoreType::Database,
        source_cluster_id: Some(source.into()),
        objects: Some(vec![RestoreItem {
            database: db.into(),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

async fn take_backup(server: &crdb_cloud_server::Server, id: &str) -> BackupSummary {
    let (status, body) = admin_post(server, &format!("clusters/{id}/backups"), None).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).unwrap()
}

async fn all_backups(
    c: &Client,
    id: &str,
    limit: i32,
    order: Option<SortOrder>,
) -> (Vec<BackupSummary>, usize) {
    let mut params = ListBackupsParams {
        pagination: ListOptions {
            limit: Some(limit),
            sort_order: order,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut out = Vec::new();
    let mut pages = 0;
    loop {
        let page = c.list_backups(id, &params).await.unwrap();
        pages += 1;
        out.extend(page.backups);
        match params.pagination.next(page.pagination.as_ref()) {
            Some(next) => params.pagination = next,
            None => break,
        }
    }
    (out, pages)
}

#[tokio::test]
async fn configuration_defaults_rules_and_audit() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_standard(&c, "backup-config").await;
    let id = &cluster.id;
    assert_eq!(
        c.get_backup_configuration(id).await.unwrap(),
        BackupConfiguration {
            enabled: true,
            retention_days: 30,
            frequency_minutes: 60
        }
    );
    let cfg = c
        .update_backup_configuration(id, &spec(None, Some(5), None))
        .await
        .unwrap();
    assert_eq!((cfg.frequency_minutes, cfg.retention_days), (5, 30));
    // retention can be changed once; the same value again is no change
    c.update_backup_configuration(id, &spec(None, None, Some(7)))
        .await
        .unwrap();
    c.update_backup_configuration(id, &spec(None, None, Some(7)))
        .await
        .unwrap();
    let err = c
        .update_backup_configuration(id, &spec(None, None, Some(90)))
        .await
        .unwrap_err();
    assert_eq!(
        api_err(&err),
        (
            400,
            9,
            "cluster already has a retention policy set, open a support ticket to change it".into()
        )
    );
    for bad in [
        spec(None, Some(7), None),
        spec(None, None, Some(14)),
        spec(Some(false), Some(60), None),
        spec(Some(false), None, Some(30)),
    ] {
        let err = c.update_backup_configuration(id, &bad).await.unwrap_err();
        assert_eq!(api_err(&err).1, 3, "{bad:?}");
    }
    let off = c
        .update_backup_configuration(id, &spec(Some(false), None, None))
        .await
        .unwrap();
    assert_eq!(
        off,
        BackupConfiguration {
            enabled: false,
            retention_days: 7,
            frequency_minutes: 5
        }
    );
    assert_eq!(c.get_backup_configuration(id).await.unwrap(), off);
    let actions = audit_actions(&server).await;
    assert_eq!(actions[1..], ["AUDIT_LOG_ACTION_UPDATE_CLUSTER"; 3]);
    let err = c.get_backup_configuration("nope").await.unwrap_err();
    assert_eq!(api_err(&err).0, 404);
    server.shutdown().await;
}

#[tokio::test]
async fn basic_clusters_have_a_fixed_schedule() {
    let server = start().await;
    let c = client(&server);
    let cluster = c.create_cluster(&basic("basic-backups")).await.unwrap();
    let cfg = c.get_backup_configuration(&cluster.id).await.unwrap();
    assert_eq!((cfg.enabled, cfg.frequency_minutes), (true, 1440));
    let err = c
        .update_backup_configuration(&cluster.id, &spec(None, Some(60), None))
        .await
        .unwrap_err();
    let (status, code, message) = api_err(&err);
    assert_eq!((status, code), (400, 9));
    assert!(message.contains("BASIC"), "{message}");
    server.shutdown().await;
}

#[tokio::test]
async fn backups_are_listed_newest_first_with_pages_and_ranges() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_standard(&c, "backup-list").await;
    let id = &cluster.id;
    // the schedule's first backup is taken at creation
    let first = c.list_backups(id, &Default::default()).await.unwrap();
    assert_eq!(first.backups.len(), 1);
    assert!(first.pagination.is_none());
    let mut taken = Vec::new();
    for _ in 0..4 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        taken.push(take_backup(&server, id).await);
    }
    let (newest_first, pages) = all_backups(&c, id, 2, None).await;
    assert_eq!(pages, 3);
    assert_eq!(newest_first.len(), 5);
    assert_eq!(newest_first[0], taken[3]);
    assert!(
        newest_first
            .windows(2)
            .all(|w| w[0].as_of_time > w[1].as_of_time)
    );
    let (oldest_first, _) = all_backups(&c, id, 3, Some(SortOrder::Asc)).await;
    assert_eq!(oldest_first[0], first.backups[0]);
    assert_eq!(oldest_first[4], taken[3]);
    // start_time inclusive, end_time exclusive
    let ranged = c
        .list_backups(
            id,
            &ListBackupsParams {
                start_time: Some(taken[1].as_of_time),
                end_time: Some(taken[3].as_of_time),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(ranged.backups, vec![taken[2].clone(), taken[1].clone()]);
    server.shutdown().await;
}

#[tokio::test]
async fn a_creating_cluster_has_no_backups() {
    let server = start_manual().await;
    let c = client(&server);
    let cluster = created_standard(&c, "backup-creating").await;
    let list = c
        .list_backups(&cluster.id, &Default::default())
        .await
        .unwrap();
    assert!(list.backups.is_empty());
    let err = c
        .create_restore(&cluster.id, &cluster_restore())
        .await
        .unwrap_err();
    let (status, code, message) = api_err(&err);
    assert_eq!((status, code), (400, 9));
    assert!(message.contains("CREATING"), "{message}");
    server.shutdown().await;
}

#[tokio::test]
async fn standard_cluster_restore_of_the_newest_backup_succeeds() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_standard(&c, "restore-std").await;
    let newest = take_backup(&server, &cluster.id).await;
    let restore = c
        .create_restore(&cluster.id, &cluster_restore())
        .await
        .unwrap();
    assert_eq!(restore.status, RestoreStatus::Pending);
    assert_eq!(restore.restore_type, RestoreType::Cluster);
    assert_eq!(restore.backup_id, newest.id);
    assert_eq!(restore.backup_end_time, newest.as_of_time);
    assert_eq!(restore.source_cluster_name, "restore-std");
    assert_eq!(restore.destination_cluster_name, "restore-std");
    // instant transitions: done on the next read
    let done = c.get_restore(&cluster.id, &restore.id).await.unwrap();
    assert_eq!(done.status, RestoreStatus::Success);
    assert_eq!(done.completion_percent, 1.0);
    assert!(done.completed_at.is_some());
    let got = c.get_cluster(&cluster.id).await.unwrap();
    assert_eq!(
        (got.state, got.operation_status),
        (ClusterState::Created, ClusterStatus::Unspecified)
    );
    let list = c
        .list_restores(&cluster.id, &Default::default())
        .await
        .unwrap();
    assert_eq!(list.restores, vec![done]);
    assert!(
        audit_actions(&server)
            .await
            .contains(&"AUDIT_LOG_ACTION_RESTORE_CLUSTER".to_owned())
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_restore_by_backup_id_waits_for_advance_and_locks_the_cluster() {
    let server = start_manual().await;
    let c = client(&server);
    let cluster = created_advanced(&c, "restore-manual").await;
    advance(&server, &cluster.id).await;
    let older = c
        .list_backups(&cluster.id, &Default::default())
        .await
        .unwrap()
        .backups[0]
        .clone();
    take_backup(&server, &cluster.id).await;
    let body = CreateRestoreBody {
        backup_id: Some(older.id.clone()),
        ..cluster_restore()
    };
    let restore = c.create_restore(&cluster.id, &body).await.unwrap();
    assert_eq!(restore.backup_id, older.id);
    let locked = c.get_cluster(&cluster.id).await.unwrap();
    assert_eq!(locked.state, ClusterState::Locked);
    assert_eq!(
        locked.operation_status,
        ClusterStatus::DedicatedFullClusterRestoreRunning
    );
    let pending = c.get_restore(&cluster.id, &restore.id).await.unwrap();
    assert_eq!(
        (pending.status, pending.completion_percent),
        (RestoreStatus::Pending, 0.0)
    );
    let err = c
        .create_restore(&cluster.id, &cluster_restore())
        .await
        .unwrap_err();
    let (_, code, message) = api_err(&err);
    assert_eq!(code, 9);
    assert!(message.contains("LOCKED"), "{message}");
    advance(&server, &cluster.id).await;
    let done = c.get_restore(&cluster.id, &restore.id).await.unwrap();
    assert_eq!(done.status, RestoreStatus::Success);
    assert_eq!(
        c.get_cluster(&cluster.id).await.unwrap().state,
        ClusterState::Created
    );
    server.shutdown().await;
}

#[tokio::test]
async fn the_admin_api_fails_a_running_restore() {
    let server = start_manual().await;
    let c = client(&server);
    let cluster = created_standard(&c, "restore-fail").await;
    advance(&server, &cluster.id).await;
    let restore = c
        .create_restore(&cluster.id, &cluster_restore())
        .await
        .unwrap();
    let path = format!("clusters/{}/restores/{}/fail", cluster.id, restore.id);
    let (status, body) = admin_post(
        &server,
        &path,
        Some(serde_json::json!({"code": 3, "message": "destination not empty"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let failed = c.get_restore(&cluster.id, &restore.id).await.unwrap();
    assert_eq!(failed.status, RestoreStatus::Failed);
    assert_eq!(failed.client_error_code, Some(3));
    assert_eq!(
        failed.client_error_message.as_deref(),
        Some("destination not empty")
    );
    let got = c.get_cluster(&cluster.id).await.unwrap();
    assert_eq!(
        (got.state, got.operation_status),
        (ClusterState::Created, ClusterStatus::TenantRestoreFailed)
    );
    // only PENDING restores fail; unknown ones are not found
    assert_eq!(admin_post(&server, &path, None).await.0, 400);
    let unknown = format!("clusters/{}/restores/nope/fail", cluster.id);
    assert_eq!(admin_post(&server, &unknown, None).await.0, 404);
    server.shutdown().await;
}

#[tokio::test]
async fn progress_grows_on_the_servers_clock() {
    let server = start_with(|c| crdb_cloud_server::Config {
        transitions: crdb_cloud_server::Transitions::Delay(std::time::Duration::from_millis(1500)),
        ..c
    })
    .await;
    let c = client(&server);
    let cluster = created_standard(&c, "restore-delay").await;
    tokio::time::sleep(std::time::Duration::from_millis(1600)).await;
    let restore = c
        .create_restore(&cluster.id, &cluster_restore())
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let mid = c.get_restore(&cluster.id, &restore.id).await.unwrap();
    assert_eq!(mid.status, RestoreStatus::Pending);
    assert!(
        mid.completion_percent > 0.0 && mid.completion_percent < 1.0,
        "{}",
        mid.completion_percent
    );
    let done = c
        .wait_for_restore(&cluster.id, &restore.id, &Default::default())
        .await
        .unwrap();
    assert_eq!(done.status, RestoreStatus::Success);
    server.shutdown().await;
}

#[tokio::test]
async fn restore_placement_and_body_errors() {
    let server = start().await;
    let c = client(&server);
    let std = created_standard(&c, "restore-std-a").await;
    let std2 = created_standard(&c, "restore-std-b").await;
    let adv = created_advanced(&c, "restore-adv-a").await;
    let adv2 = created_advanced(&c, "restore-adv-b").await;
    let code_of = |e: crdb_cloud::Error| {
        let (status, code, _) = api_err(&e);
        (status, code)
    };
    // Standard: only its own backups, only CLUSTER level
    let from_other = CreateRestoreBody {
        source_cluster_id: Some(std2.id.clone()),
        ..cluster_restore()
    };
    assert_eq!(
        code_of(c.create_restore(&std.id, &from_other).await.unwrap_err()),
        (400, 9)
    );
    assert_eq!(
        code_of(
            c.create_restore(&std.id, &database_restore(&std.id, "defaultdb"))
                .await
                .unwrap_err()
        ),
        (400, 9)
    );
    // Advanced: from another Advanced cluster, not from Standard
    let r = c
        .create_restore(&adv.id, &database_restore(&adv2.id, "defaultdb"))
        .await
        .unwrap();
    assert_eq!(r.source_cluster_name, "restore-adv-b");
    assert_eq!(r.destination_cluster_name, "restore-adv-a");
    assert_eq!(
        code_of(
            c.create_restore(&adv.id, &database_restore(&std.id, "defaultdb"))
                .await
                .unwrap_err()
        ),
        (400, 9)
    );
    // objects are required for DATABASE and TABLE, refused for CLUSTER
    let mut no_objects = database_restore(&adv2.id, "x");
    no_objects.objects = None;
    assert_eq!(
        code_of(c.create_restore(&adv.id, &no_objects).await.unwrap_err()),
        (400, 3)
    );
    let table_without_table = CreateRestoreBody {
        restore_type: RestoreType::Table,
        ..database_restore(&adv2.id, "defaultdb")
    };
    assert_eq!(
        code_of(
            c.create_restore(&adv.id, &table_without_table)
                .await
                .unwrap_err()
        ),
        (400, 3)
    );
    // a CLUSTER restore needs no user databases in the destination
    c.create_database(
        &adv.id,
        &CreateDatabaseBody {
            name: "shop".into(),
        },
    )
    .await
    .unwrap();
    let err = c
        .create_restore(&adv.id, &cluster_restore())
        .await
        .unwrap_err();
    let (status, code, message) = api_err(&err);
    assert_eq!((status, code), (400, 9));
    assert!(message.contains("shop"), "{message}");
    // unknown backup, source, restore
    let unknown_backup = CreateRestoreBody {
        backup_id: Some("00000000-0000-4000-8000-000000000000".into()),
        ..cluster_restore()
    };
    assert_eq!(
        code_of(
            c.create_restore(&std.id, &unknown_backup)
                .await
                .unwrap_err()
        ),
        (404, 5)
    );
    assert_eq!(
        code_of(
            c.create_restore(&adv.id, &database_restore("nope", "x"))
                .await
                .unwrap_err()
        ),
        (404, 5)
    );
    assert_eq!(
        code_of(c.get_restore(&adv.id, "nope").await.unwrap_err()),
        (404, 5)
    );
    // a source the caller cannot see is not found
    let scoped_client = client_for(
        &server,
        "adv-admin",
        &[("CLUSTER_ADMIN", "CLUSTER", &adv.id)],
    )
    .await;
    assert_eq!(
        code_of(
            scoped_client
                .create_restore(&adv.id, &database_restore(&adv2.id, "defaultdb"))
                .await
                .unwrap_err()
        ),
        (404, 5)
    );
    // nothing was stored by the refused calls
    let list = c.list_restores(&adv.id, &Default::default()).await.unwrap();
    assert_eq!(list.restores.len(), 1);
    server.shutdown().await;
}

#[tokio::test]
async fn restores_are_listed_newest_first_with_pages_and_ranges() {
    let server = start().await;
    let c = client(&server);
    let adv = created_advanced(&c, "restore-list").await;
    let mut made = Vec::new();
    for _ in 0..3 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        made.push(
            c.create_restore(&adv.id, &database_restore(&adv.id, "defaultdb"))
                .await
                .unwrap(),
        );
    }
    let first = c
        .list_restores(
            &adv.id,
            &ListRestoresParams {
                pagination: ListOptions::limit(2),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let ids: Vec<&str> = first.restores.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, [made[2].id.as_str(), made[1].id.as_str()]);
    let next = ListOptions::limit(2)
        .next(first.pagination.as_ref())
        .unwrap();
    let second = c
        .list_restores(
            &adv.id,
            &ListRestoresParams {
                pagination: next,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(second.restores.len(), 1);
    assert_eq!(second.restores[0].id, made[0].id);
    assert!(second.pagination.is_none());
    let ranged = c
        .list_restores(
            &adv.id,
            &ListRestoresParams {
                start_time: Some(made[1].created_at),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(ranged.restores.len(), 2);
    server.shutdown().await;
}

#[tokio::test]
async fn advance_completes_a_restore_that_does_not_lock_the_cluster() {
    let server = start_manual().await;
    let c = client(&server);
    let adv = created_advanced(&c, "restore-db-adv").await;
    advance(&server, &adv.id).await;
    let r = c
        .create_restore(&adv.id, &database_restore(&adv.id, "defaultdb"))
        .await
        .unwrap();
    // DATABASE restores leave the cluster usable
    assert_eq!(
        c.get_cluster(&adv.id).await.unwrap().state,
        ClusterState::Created
    );
    assert_eq!(
        c.get_restore(&adv.id, &r.id).await.unwrap().status,
        RestoreStatus::Pending
    );
    advance(&server, &adv.id).await;
    let done = c.get_restore(&adv.id, &r.id).await.unwrap();
    assert_eq!(
        (done.status, done.completion_percent),
        (RestoreStatus::Success, 1.0)
    );
    // nothing left to advance
    let (status, _) = admin_post(&server, &format!("clusters/{}/advance", adv.id), None).await;
    assert_eq!(status, 400);
    // the admin API takes the bootstrap key only
    let (_, sa) = admin_post(
        &server,
        "service-accounts",
        Some(serde_json::json!({"name": "not-bootstrap", "roles": [
            {"role": "ORG_ADMIN", "resource_type": "ORGANIZATION", "resource_id": "x"}]})),
    )
    .await;
    let resp = http()
        .post(format!(
            "{}/local/v1/clusters/{}/restores/{}/fail",
            server.base_url(),
            adv.id,
            r.id
        ))
        .bearer_auth(sa["secret"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 403);
    server.shutdown().await;
}
