//! Cluster-scoped data (SQL users, databases, backups, restores, maintenance
//! and blackout windows) survives a restart on the same data dir, and the
//! stored data holds no SQL password.

mod common;
mod scoped;

use common::*;
use crdb_cloud::models::backups::{
    CreateRestoreBody, RestoreStatus, RestoreType, UpdateBackupConfigurationSpec,
};
use crdb_cloud::models::blackout_windows::CreateBlackoutWindowBody;
use crdb_cloud::models::databases::CreateDatabaseBody;
use crdb_cloud::models::maintenance::*;
use crdb_cloud::models::sql_users::CreateSqlUserBody;
use scoped::*;
use std::time::Duration;

#[tokio::test]
async fn everything_survives_a_restart_and_no_password_is_stored() {
    let dir = std::env::temp_dir().join(format!("crdb-cloud-data-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let config = |c: crdb_cloud_server::Config| crdb_cloud_server::Config {
        storage: crdb_cloud_server::Storage::Dir(dir.clone()),
        bootstrap_api_key: Some("CCDB1_test_durable-data".into()),
        ..c
    };
    let server = start_with(config).await;
    let c = client(&server);
    let cluster = created_advanced(&c, "durable-data").await;
    let id = cluster.id.clone();
    c.create_sql_user(
        &id,
        &CreateSqlUserBody {
            name: "keeper".into(),
            password: "Never-Stored-42".into(),
        },
    )
    .await
    .unwrap();
    c.create_database(
        &id,
        &CreateDatabaseBody {
            name: "kept".into(),
        },
    )
    .await
    .unwrap();
    c.update_backup_configuration(
        &id,
        &UpdateBackupConfigurationSpec {
            retention_days: Some(7),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let backups = c.list_backups(&id, &Default::default()).await.unwrap();
    let restore = c
        .create_restore(
            &id,
            &CreateRestoreBody {
                restore_type: RestoreType::Database,
                objects: Some(vec![crdb_cloud::models::backups::RestoreItem {
                    database: "kept".into(),
                    ..Default::default()
                }]),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let window = MaintenanceWindow {
        offset_duration: Duration::from_secs(3600),
        window_duration: Duration::from_secs(6 * 3600),
    };
    c.set_maintenance_window(&id, &window).await.unwrap();
    let deferral = c
        .set_cluster_version_deferral(
            &id,
            &ClusterVersionDeferralUpdate {
                deferral_policy: ClusterVersionDeferralPolicy::Deferral90Days,
                deferred_until: None,
            },
        )
        .await
        .unwrap();
    let now = chrono::Utc::now();
    let blackout = c
        .create_blackout_window(
            &id,
            &CreateBlackoutWindowBody {
                start_time: now + chrono::TimeDelta::days(8),
                end_time: now + chrono::TimeDelta::days(9),
            },
        )
        .await
        .unwrap();
    server.shutdown().await;

    // no file in the data dir holds the password
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Never-Stored-42"));
    }

    let server = start_with(config).await;
    let c = client(&server);
    let users = c.list_sql_users(&id, &Default::default()).await.unwrap();
    assert_eq!(users.users[0].name, "keeper");
    let dbs = c.list_databases(&id, &Default::default()).await.unwrap();
    assert!(dbs.databases.iter().any(|d| d.name == "kept"));
    assert_eq!(
        c.get_backup_configuration(&id)
            .await
            .unwrap()
            .retention_days,
        7
    );
    let again = c.list_backups(&id, &Default::default()).await.unwrap();
    assert_eq!(again.backups[..backups.backups.len()], backups.backups[..]);
    let r = c.get_restore(&id, &restore.id).await.unwrap();
    assert_eq!(r.status, RestoreStatus::Success);
    assert_eq!(c.get_maintenance_window(&id).await.unwrap(), window);
    assert_eq!(c.get_cluster_version_deferral(&id).await.unwrap(), deferral);
    assert_eq!(
        c.get_blackout_window(&id, &blackout.id).await.unwrap(),
        blackout
    );
    server.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
