//! Managed backups and restores: the backup schedule, the backups taken, and
//! restore jobs.

use crate::models::common::KeysetPaginationResponse;
use crate::wire::Timestamp;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// `RestoreStatus.Type`: `PENDING` → `SUCCESS` | `FAILED`.
    pub enum RestoreStatus {
        Pending = "PENDING",
        Success = "SUCCESS",
        Failed = "FAILED",
    }
}

crate::wire_enum! {
    /// `RestoreType.Type`: what a restore covers.
    pub enum RestoreType {
        Cluster = "CLUSTER",
        Database = "DATABASE",
        Table = "TABLE",
    }
}

/// `BackupConfiguration`: the managed backup schedule of a cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupConfiguration {
    /// Whether backups are taken.
    #[serde(default)]
    pub enabled: bool,
    /// Days backups are kept.
    #[serde(default)]
    pub retention_days: i32,
    /// Minutes between backups (the cluster's RPO).
    #[serde(default)]
    pub frequency_minutes: i32,
}

/// `UpdateBackupConfigurationSpec`: PATCH body; absent fields are unchanged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateBackupConfigurationSpec {
    /// Turn backups on or off (when turning off, set nothing else).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// One of 5, 10, 15, 30, 60, 240, 1440.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency_minutes: Option<i32>,
    /// One of 2, 7, 30, 90, 365; can be set only once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<i32>,
}

/// `BackupSummary`: one backup taken.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSummary {
    /// Backup id.
    #[serde(default)]
    pub id: String,
    /// The point in time (UTC) the backup restores to.
    #[serde(with = "crate::wire::timestamp", default)]
    pub as_of_time: Timestamp,
}

/// `ListBackupsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListBackupsResponse {
    /// This page of backups.
    #[serde(default)]
    pub backups: Vec<BackupSummary>,
    /// `null` on the last page.
    #[serde(default)]
    pub pagination: Option<KeysetPaginationResponse>,
}

/// `RestoreItem`: a database, or a table within one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreItem {
    /// Database name.
    #[serde(default)]
    pub database: String,
    /// Schema name (table restores).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Table name (table restores).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
}

/// `RestoreOpts`: options of a restore job.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreOpts {
    /// Table restores: the database to restore tables into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub into_db: Option<String>,
    /// Database restores: the name of the database to create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_db_name: Option<String>,
    /// Restore the schema only, no data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_only: Option<bool>,
    /// Go on despite mismatched localities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_localities_check: Option<bool>,
    /// Restore tables whose foreign keys point at missing rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_missing_foreign_keys: Option<bool>,
    /// Restore tables whose defaults use missing sequences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_missing_sequences: Option<bool>,
    /// Skip views whose dependencies are not restored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_missing_views: Option<bool>,
}

/// `Restore`: a restore job.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Restore {
    /// Restore id.
    #[serde(default)]
    pub id: String,
    /// Backup restored from.
    #[serde(default)]
    pub backup_id: String,
    /// Where the job stands.
    #[serde(default)]
    pub status: RestoreStatus,
    /// When the job started.
    #[serde(with = "crate::wire::timestamp", default)]
    pub created_at: Timestamp,
    /// What the job restores.
    #[serde(rename = "type", default)]
    pub restore_type: RestoreType,
    /// Progress, from 0 to 1.
    #[serde(default)]
    pub completion_percent: f32,
    /// Cluster the backup was taken from.
    #[serde(default)]
    pub source_cluster_name: String,
    /// Cluster restored into.
    #[serde(default)]
    pub destination_cluster_name: String,
    /// When the backup data was captured.
    #[serde(with = "crate::wire::timestamp", default)]
    pub backup_end_time: Timestamp,
    /// Set only when the job failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_error_code: Option<i32>,
    /// Set only when the job failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_error_message: Option<String>,
    /// When the job finished.
    #[serde(
        with = "crate::wire::timestamp::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub completed_at: Option<Timestamp>,
    /// CockroachDB's own job id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crdb_job_id: Option<String>,
    /// Databases and tables restored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objects: Option<Vec<RestoreItem>>,
    /// Options the job runs with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore_opts: Option<RestoreOpts>,
}

/// `CreateRestoreBody`. The destination cluster is the path parameter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateRestoreBody {
    /// What to restore.
    #[serde(rename = "type")]
    pub restore_type: RestoreType,
    /// Backup to restore; the newest backup of `source_cluster_id` if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_id: Option<String>,
    /// Cluster whose backup is restored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_cluster_id: Option<String>,
    /// Required for DATABASE and TABLE restores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objects: Option<Vec<RestoreItem>>,
    /// Options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore_opts: Option<RestoreOpts>,
}

/// `ListRestoresResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListRestoresResponse {
    /// This page of restores.
    #[serde(default)]
    pub restores: Vec<Restore>,
    /// `null` on the last page.
    #[serde(default)]
    pub pagination: Option<KeysetPaginationResponse>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::round_trip;
    use serde_json::json;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn backup_configuration_matches_the_documented_example() {
        let c: BackupConfiguration =
            round_trip(json!({"enabled": true, "retention_days": 30, "frequency_minutes": 240}));
        assert_eq!(
            c,
            BackupConfiguration {
                enabled: true,
                retention_days: 30,
                frequency_minutes: 240
            }
        );
    }

    #[test]
    fn update_backup_configuration_sends_only_what_is_set() {
        let off = UpdateBackupConfigurationSpec {
            enabled: Some(false),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&off).unwrap(),
            json!({"enabled": false})
        );
        let full: UpdateBackupConfigurationSpec =
            round_trip(json!({"enabled": true, "frequency_minutes": 60, "retention_days": 7}));
        assert_eq!(full.frequency_minutes, Some(60));
        assert_eq!(
            serde_json::to_value(UpdateBackupConfigurationSpec::default()).unwrap(),
            json!({})
        );
    }

    #[test]
    fn list_backups_round_trips() {
        let list: ListBackupsResponse = round_trip(json!({
            "backups": [
                {"id": "b2", "as_of_time": "2024-09-16T12:00:00Z"},
                {"id": "b1", "as_of_time": "2024-09-16T08:00:00Z"}
            ],
            "pagination": null
        }));
        assert_eq!(list.backups[0].id, "b2");
        assert_eq!(list.backups[1].as_of_time, at("2024-09-16T08:00:00Z"));
    }

    #[test]
    fn restore_matches_the_spec_example() {
        let r: Restore = round_trip(json!({
            "backup_end_time": "2025-07-09T14:00:00Z",
            "backup_id": "1234abcd-1234-1234-abcd-12345678abcd",
            "completion_percent": 0.0,
            "created_at": "2025-07-09T15:04:05Z",
            "destination_cluster_name": "dest-cluster",
            "id": "abcd1234-5678-90ab-cdef-1234567890ab",
            "objects": [{"database": "mydb", "schema": "public", "table": "users"}],
            "source_cluster_name": "src-cluster",
            "status": "PENDING",
            "type": "TABLE"
        }));
        assert_eq!(r.status, RestoreStatus::Pending);
        assert_eq!(r.restore_type, RestoreType::Table);
        assert_eq!(r.created_at, at("2025-07-09T15:04:05Z"));
        assert_eq!(r.backup_end_time, at("2025-07-09T14:00:00Z"));
        assert_eq!(r.source_cluster_name, "src-cluster");
        let objects = r.objects.unwrap();
        assert_eq!(objects[0].table.as_deref(), Some("users"));
        assert_eq!(r.completed_at, None);
        assert_eq!(r.client_error_message, None);
    }

    #[test]
    fn restore_decodes_the_documented_short_example() {
        let r: Restore = serde_json::from_value(json!({
            "id": "r1",
            "backup_id": "b1",
            "status": "PENDING",
            "created_at": "2024-09-16T00:00:00Z",
            "type": "CLUSTER",
            "completion_percent": 1
        }))
        .unwrap();
        assert_eq!(r.restore_type, RestoreType::Cluster);
        assert_eq!(r.completion_percent, 1.0);
        assert_eq!(r.source_cluster_name, "");
        let out = serde_json::to_value(&r).unwrap();
        assert_eq!(out["type"], "CLUSTER");
        assert!(out.get("restore_type").is_none());
        assert!(out.get("objects").is_none());
    }

    #[test]
    fn failed_restore_and_every_option_round_trip() {
        let r: Restore = round_trip(json!({
            "id": "r2",
            "backup_id": "b9",
            "status": "FAILED",
            "created_at": "2024-09-16T00:00:00Z",
            "type": "DATABASE",
            "completion_percent": 0.5,
            "source_cluster_name": "src",
            "destination_cluster_name": "dst",
            "backup_end_time": "2024-09-15T23:00:00Z",
            "client_error_code": 3,
            "client_error_message": "destination not empty",
            "completed_at": "2024-09-16T00:05:00Z",
            "crdb_job_id": "987654321",
            "objects": [{"database": "db1"}],
            "restore_opts": {
                "into_db": "x",
                "new_db_name": "db1_copy",
                "schema_only": false,
                "skip_localities_check": true,
                "skip_missing_foreign_keys": true,
                "skip_missing_sequences": false,
                "skip_missing_views": true
            }
        }));
        assert_eq!(r.client_error_code, Some(3));
        assert_eq!(
            r.restore_opts.and_then(|o| o.new_db_name).as_deref(),
            Some("db1_copy")
        );
    }

    #[test]
    fn unknown_restore_enums_are_kept() {
        let r: Restore =
            serde_json::from_value(json!({"status": "CANCELLED", "type": "SCHEMA"})).unwrap();
        assert_eq!(r.status, RestoreStatus::Unknown("CANCELLED".into()));
        assert_eq!(r.restore_type, RestoreType::Unknown("SCHEMA".into()));
        let out = serde_json::to_value(&r).unwrap();
        assert_eq!(
            (out["status"].clone(), out["type"].clone()),
            (json!("CANCELLED"), json!("SCHEMA"))
        );
    }

    #[test]
    fn create_restore_body_matches_the_spec_example() {
        // The spec's example also carries `destination_cluster_id`, which is
        // the path parameter, not a body field.
        let b: CreateRestoreBody = round_trip(json!({
            "backup_id": "1234abcd-1234-1234-abcd-12345678abcd",
            "objects": [
                {"database": "database1", "schema": "schema1", "table": "table1"},
                {"database": "database1", "schema": "schema1", "table": "table2"}
            ],
            "restore_opts": {"into_db": "database2", "schema_only": true},
            "type": "TABLE"
        }));
        assert_eq!(b.restore_type, RestoreType::Table);
        assert_eq!(b.objects.as_ref().map(Vec::len), Some(2));
        let minimal = CreateRestoreBody {
            restore_type: RestoreType::Cluster,
            source_cluster_id: Some("c1".into()),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&minimal).unwrap(),
            json!({"type": "CLUSTER", "source_cluster_id": "c1"})
        );
        assert!(serde_json::from_value::<CreateRestoreBody>(json!({"backup_id": "b"})).is_err());
    }

    #[test]
    fn list_restores_round_trips() {
        let list: ListRestoresResponse = round_trip(json!({
            "restores": [{
                "id": "r1", "backup_id": "b1", "status": "SUCCESS",
                "created_at": "2024-09-16T00:00:00Z", "type": "CLUSTER",
                "completion_percent": 1.0, "source_cluster_name": "a",
                "destination_cluster_name": "a", "backup_end_time": "2024-09-15T00:00:00Z",
                "completed_at": "2024-09-16T00:10:00Z"
            }],
            "pagination": {"next_page": "n"}
        }));
        assert_eq!(list.restores[0].status, RestoreStatus::Success);
    }
}
