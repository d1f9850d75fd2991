//! Managed backups and restores: the backup schedule, listing backups,
//! starting restores and waiting for them to finish.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::backups::{
    BackupConfiguration, BackupSummary, CreateRestoreBody, ListBackupsResponse,
    ListRestoresResponse, Restore, RestoreStatus, UpdateBackupConfigurationSpec,
};
use crate::operation as op;
use crate::pagination::{ListOptions, paginate};
use crate::wait::{Progress, WaitOptions, poll_until};
use crate::wire::Timestamp;
use futures_util::Stream;

/// Query of [`Client::list_backups`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListBackupsParams {
    /// Only backups at or after this time (inclusive).
    pub start_time: Option<Timestamp>,
    /// Only backups before this time (exclusive).
    pub end_time: Option<Timestamp>,
    /// Paging.
    pub pagination: ListOptions,
}

/// Query of [`Client::list_restores`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListRestoresParams {
    /// Only restores at or after this time (inclusive).
    pub start_time: Option<Timestamp>,
    /// Only restores before this time (exclusive).
    pub end_time: Option<Timestamp>,
    /// Paging.
    pub pagination: ListOptions,
}

/// The time range and paging parameters both lists share.
fn range_query(start: Option<Timestamp>, end: Option<Timestamp>, paging: &ListOptions) -> Query {
    let rfc3339 = |t: Timestamp| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
    let mut q = Query::new();
    paging.apply(&mut q);
    q.opt("start_time", start.map(rfc3339))
        .opt("end_time", end.map(rfc3339));
    q
}

impl Client {
    /// `ListBackups`: one page of a cluster's managed backups.
    pub async fn list_backups(
        &self,
        cluster_id: &str,
        params: &ListBackupsParams,
    ) -> Result<ListBackupsResponse> {
        let q = range_query(params.start_time, params.end_time, &params.pagination);
        self.send(&op::LIST_BACKUPS, &[cluster_id], &q, None::<&()>)
            .await
    }

    /// Every backup of a cluster in the range, page after page.
    pub fn list_backups_all<'a>(
        &'a self,
        cluster_id: &'a str,
        params: ListBackupsParams,
    ) -> impl Stream<Item = Result<BackupSummary>> + 'a {
        paginate(params, move |p: ListBackupsParams| async move {
            let page = self.list_backups(cluster_id, &p).await?;
            let next = p
                .pagination
                .next(page.pagination.as_ref())
                .map(|pagination| ListBackupsParams { pagination, ..p });
            Ok((page.backups, next))
        })
    }

    /// `GetBackupConfiguration`.
    pub async fn get_backup_configuration(&self, cluster_id: &str) -> Result<BackupConfiguration> {
        self.send(
            &op::GET_BACKUP_CONFIGURATION,
            &[cluster_id],
            &Query::new(),
            None::<&()>,
        )
        .await
    }

    /// `UpdateBackupConfiguration`: change what the spec sets, keep the rest.
    pub async fn update_backup_configuration(
        &self,
        cluster_id: &str,
        spec: &UpdateBackupConfigurationSpec,
    ) -> Result<BackupConfiguration> {
        self.send(
            &op::UPDATE_BACKUP_CONFIGURATION,
            &[cluster_id],
            &Query::new(),
            Some(spec),
        )
        .await
    }

    /// `ListRestores`: one page of the restores run on a cluster.
    pub async fn list_restores(
        &self,
        cluster_id: &str,
        params: &ListRestoresParams,
    ) -> Result<ListRestoresResponse> {
        let q = range_query(params.start_time, params.end_time, &params.pagination);
        self.send(&op::LIST_RESTORES, &[cluster_id], &q, None::<&()>)
            .await
    }

    /// Every restore of a cluster in the range, page after page.
    pub fn list_restores_all<'a>(
        &'a self,
        cluster_id: &'a str,
        params: ListRestoresParams,
    ) -> impl Stream<Item = Result<Restore>> + 'a {
        paginate(params, move |p: ListRestoresParams| async move {
            let page = self.list_restores(cluster_id, &p).await?;
            let next = p
                .pagination
                .next(page.pagination.as_ref())
                .map(|pagination| ListRestoresParams { pagination, ..p });
            Ok((page.restores, next))
        })
    }

    /// `GetRestore`.
    pub async fn get_restore(&self, cluster_id: &str, restore_id: &str) -> Result<Restore> {
        self.send(
            &op::GET_RESTORE,
            &[cluster_id, restore_id],
            &Query::new(),
            None::<&()>,
        )
        .await
    }

    /// `CreateRestore`: restore into `destination_cluster_id`; the job starts
    /// `PENDING`.
    pub async fn create_restore(
        &self,
        destination_cluster_id: &str,
        body: &CreateRestoreBody,
    ) -> Result<Restore> {
        self.send(
            &op::CREATE_RESTORE,
            &[destination_cluster_id],
            &Query::new(),
            Some(body),
        )
        .await
    }

    /// Waits until the restore is `SUCCESS`; fails at once on `FAILED`.
    pub async fn wait_for_restore(
        &self,
        cluster_id: &str,
        restore_id: &str,
        options: &WaitOptions,
    ) -> Result<Restore> {
        poll_until(
            "restore",
            options,
            || self.get_restore(cluster_id, restore_id),
            restore_progress,
        )
        .await
    }
}

/// How far a restore is from finishing.
pub fn restore_progress(restore: &Restore) -> Progress {
    match &restore.status {
        RestoreStatus::Success => Progress::Done,
        RestoreStatus::Failed => Progress::Failed {
            state: RestoreStatus::Failed.to_string(),
            message: restore.client_error_message.clone().unwrap_or_default(),
        },
        status => Progress::Pending(status.to_string()),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::api::testing::Scripted;
    use crate::error::Error;
    use crate::models::backups::RestoreType;
    use futures_util::TryStreamExt;
    use std::time::Duration;

    fn restore(status: &str, message: Option<&str>) -> Restore {
        Restore {
            id: "r1".into(),
            status: status.into(),
            restore_type: RestoreType::Cluster,
            client_error_message: message.map(str::to_owned),
            ..Default::default()
        }
    }

    #[test]
    fn restore_progress_follows_the_status() {
        assert_eq!(restore_progress(&restore("SUCCESS", None)), Progress::Done);
        assert_eq!(
            restore_progress(&restore("PENDING", None)),
            Progress::Pending("PENDING".into())
        );
        assert_eq!(
            restore_progress(&restore("FAILED", Some("destination not empty"))),
            Progress::Failed {
                state: "FAILED".into(),
                message: "destination not empty".into()
            }
        );
        assert_eq!(
            restore_progress(&restore("PAUSED", None)),
            Progress::Pending("PAUSED".into())
        );
    }

    #[tokio::test]
    async fn list_backups_sends_the_time_range_and_walks_pages() {
        let (client, canned) = Scripted::client(&[
            r#"{"backups":[{"id":"b1","as_of_time":"2024-09-16T00:00:00Z"}],"pagination":{"next_page":"p2"}}"#,
            r#"{"backups":[{"id":"b2","as_of_time":"2024-09-15T00:00:00Z"}],"pagination":null}"#,
        ]);
        let params = ListBackupsParams {
            start_time: Some("2024-09-01T00:00:00Z".parse().unwrap()),
            end_time: Some("2024-09-17T00:00:00Z".parse().unwrap()),
            pagination: ListOptions::limit(1),
        };
        let all: Vec<BackupSummary> = client
            .list_backups_all("c1", params)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(
            all.iter().map(|b| b.id.as_str()).collect::<Vec<_>>(),
            ["b1", "b2"]
        );
        let seen: Vec<String> = canned.calls().into_iter().map(|(_, url)| url).collect();
        assert_eq!(
            seen[0],
            "http://api.test/api/v1/clusters/c1/backups?pagination.limit=1\
             &start_time=2024-09-01T00%3A00%3A00Z&end_time=2024-09-17T00%3A00%3A00Z"
        );
        assert!(seen[1].contains("pagination.page=p2"), "{}", seen[1]);
        assert!(seen[1].contains("start_time="), "{}", seen[1]);
    }

    #[tokio::test]
    async fn create_restore_posts_to_the_destination_cluster() {
        let (client, canned) = Scripted::client(&[
            r#"{"id":"r1","backup_id":"b1","status":"PENDING","created_at":"2024-09-16T00:00:00Z","type":"CLUSTER","completion_percent":0}"#,
        ]);
        let body = CreateRestoreBody {
            restore_type: RestoreType::Cluster,
            source_cluster_id: Some("src".into()),
            ..Default::default()
        };
        let r = client.create_restore("dst", &body).await.unwrap();
        assert_eq!(r.status, RestoreStatus::Pending);
        assert_eq!(
            canned.calls()[0],
            (
                "POST".to_owned(),
                "http://api.test/api/v1/clusters/dst/restores".to_owned()
            )
        );
        assert_eq!(
            canned.body(0).as_deref(),
            Some(r#"{"type":"CLUSTER","source_cluster_id":"src"}"#)
        );
    }

    #[tokio::test]
    async fn wait_for_restore_polls_until_success_or_failure() {
        let fast = WaitOptions::new(Duration::from_millis(1), Duration::from_secs(5));
        let (client, canned) = Scripted::client(&[
            r#"{"id":"r1","status":"PENDING","completion_percent":0.2}"#,
            r#"{"id":"r1","status":"SUCCESS","completion_percent":1}"#,
        ]);
        let done = client.wait_for_restore("c1", "r1", &fast).await.unwrap();
        assert_eq!(done.status, RestoreStatus::Success);
        assert_eq!(canned.calls().len(), 2);
        assert_eq!(
            canned.calls()[0].1,
            "http://api.test/api/v1/clusters/c1/restores/r1"
        );

        let (client, _) = Scripted::client(&[
            r#"{"id":"r1","status":"FAILED","client_error_code":3,"client_error_message":"not empty"}"#,
        ]);
        let err = client
            .wait_for_restore("c1", "r1", &fast)
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::Failed { resource: "restore", ref message, .. } if message == "not empty"),
            "{err}"
        );
    }
}
