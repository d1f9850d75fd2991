//! Audit logs: read the organization's event log, a page at a time or as
//! one stream.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::audit_logs::{AuditLogEntry, ListAuditLogsResponse};
use crate::operation as op;
use crate::pagination::{SortOrder, paginate};
use crate::wire::Timestamp;
use futures_util::Stream;

/// Query of [`Client::list_audit_logs`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListAuditLogsParams {
    /// Entries strictly after (ASC) or before (DESC) this time. Unset:
    /// the beginning of time for ASC, now for DESC.
    pub starting_from: Option<Timestamp>,
    /// Direction (default ASC).
    pub sort_order: Option<SortOrder>,
    /// Entries per page (server default 200; a page holds every entry of
    /// its last timestamp, so it may run a little over).
    pub limit: Option<i32>,
}

impl ListAuditLogsParams {
    /// The query string of these parameters.
    pub fn query(&self) -> Query {
        let mut q = Query::new();
        q.opt(
            "starting_from",
            self.starting_from
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
        )
        .opt("sort_order", self.sort_order.as_ref())
        .opt("limit", self.limit);
        q
    }

    /// The parameters of the page after `response`, if there is one.
    pub fn next(&self, response: &ListAuditLogsResponse) -> Option<ListAuditLogsParams> {
        let next = response.next_starting_from?;
        if self.starting_from == Some(next) {
            return None; // no progress: a repeated cursor would loop forever
        }
        Some(ListAuditLogsParams {
            starting_from: Some(next),
            ..self.clone()
        })
    }
}

impl Client {
    /// `ListAuditLogs`: one page of audit log entries.
    pub async fn list_audit_logs(
        &self,
        params: &ListAuditLogsParams,
    ) -> Result<ListAuditLogsResponse> {
        self.send(&op::LIST_AUDIT_LOGS, &[], &params.query(), None::<&()>)
            .await
    }

    /// Every entry from `params.starting_from` on, in the requested
    /// direction. Ascending, the server always returns a next cursor, so
    /// the stream ends at the first empty page.
    pub fn list_audit_logs_all(
        &self,
        params: ListAuditLogsParams,
    ) -> impl Stream<Item = Result<AuditLogEntry>> + '_ {
        paginate(params, move |p: ListAuditLogsParams| async move {
            let page = self.list_audit_logs(&p).await?;
            let next = p.next(&page);
            Ok((page.entries.unwrap_or_default(), next))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::testing::Scripted;
    use futures_util::TryStreamExt;

    #[test]
    fn the_stream_follows_the_cursor_until_an_empty_page() {
        let (client, t) = Scripted::client(&[
            r#"{"entries":[{"id":"1"},{"id":"2"}],"next_starting_from":"2024-09-16T12:00:02Z"}"#,
            r#"{"entries":[{"id":"3"}],"next_starting_from":"2024-09-16T12:00:03Z"}"#,
            r#"{"entries":[],"next_starting_from":"2024-09-16T12:00:03Z"}"#,
        ]);
        let params = ListAuditLogsParams {
            limit: Some(2),
            ..Default::default()
        };
        let all: Vec<AuditLogEntry> =
            futures_executor::block_on(client.list_audit_logs_all(params).try_collect()).unwrap();
        let ids: Vec<_> = all.iter().filter_map(|e| e.id.as_deref()).collect();
        assert_eq!(ids, ["1", "2", "3"]);
        let urls: Vec<_> = t.calls().into_iter().map(|(_, u)| u).collect();
        assert_eq!(
            urls,
            [
                "http://api.test/api/v1/auditlogevents?limit=2",
                "http://api.test/api/v1/auditlogevents?starting_from=2024-09-16T12%3A00%3A02Z&limit=2",
                "http://api.test/api/v1/auditlogevents?starting_from=2024-09-16T12%3A00%3A03Z&limit=2",
            ]
        );
    }

    #[test]
    fn the_stream_ends_when_descending_reaches_the_first_entry() {
        let (client, t) = Scripted::client(&[r#"{"entries":[{"id":"9"}]}"#]);
        let params = ListAuditLogsParams {
            sort_order: Some(SortOrder::Desc),
            ..Default::default()
        };
        let all: Vec<AuditLogEntry> =
            futures_executor::block_on(client.list_audit_logs_all(params).try_collect()).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(t.calls().len(), 1);
    }

    #[test]
    fn query_has_the_audit_log_names_not_pagination_ones() {
        let p = ListAuditLogsParams {
            starting_from: Some("2024-09-16T12:00:00.25Z".parse().unwrap()),
            sort_order: Some(SortOrder::Desc),
            limit: Some(50),
        };
        assert_eq!(
            p.query().pairs(),
            &[
                ("starting_from", "2024-09-16T12:00:00.250Z".to_string()),
                ("sort_order", "DESC".to_string()),
                ("limit", "50".to_string()),
            ]
        );
        assert!(ListAuditLogsParams::default().query().pairs().is_empty());
    }

    #[test]
    fn next_moves_the_cursor_and_stops_without_progress() {
        let t1: Timestamp = "2024-09-16T12:00:00Z".parse().unwrap();
        let p = ListAuditLogsParams {
            limit: Some(2),
            ..Default::default()
        };
        assert_eq!(p.next(&ListAuditLogsResponse::default()), None);
        let page = ListAuditLogsResponse {
            entries: Some(vec![AuditLogEntry::default()]),
            next_starting_from: Some(t1),
        };
        let n = p.next(&page).unwrap();
        assert_eq!(n.starting_from, Some(t1));
        assert_eq!(n.limit, Some(2));
        assert_eq!(n.next(&page), None);
    }
}
