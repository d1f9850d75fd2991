//! ListAuditLogs through the SDK client against an in-process server.

mod common;

use common::accounts::account_with;
use common::*;
use crdb_cloud::SortOrder;
use crdb_cloud::api::audit_logs::ListAuditLogsParams;
use crdb_cloud::futures_util::TryStreamExt;
use crdb_cloud::models::audit_logs::{AuditLogAction, AuditLogEntry, AuditLogSource};

#[tokio::test]
async fn entries_come_ascending_with_their_fields() {
    let server = start().await;
    let c = client(&server);
    let first = c.create_cluster(&standard("audit-one")).await.unwrap();
    c.delete_cluster(&first.id).await.unwrap();
    let page = c.list_audit_logs(&Default::default()).await.unwrap();
    let entries = page.entries.unwrap();
    assert_eq!(entries.len(), 2);
    let e = &entries[0];
    assert_eq!(e.action, Some(AuditLogAction::CreateCluster));
    assert_eq!(e.source, Some(AuditLogSource::CcApi));
    assert_eq!(e.service_account_name.as_deref(), Some("bootstrap-admin"));
    assert_eq!(e.cluster_id.as_deref(), Some(first.id.as_str()));
    assert_eq!(e.cluster_name.as_deref(), Some("audit-one"));
    assert!(e.id.is_some() && e.created_at.is_some());
    assert_eq!(entries[1].action, Some(AuditLogAction::DeleteCluster));
    // ascending always names a cursor: the last entry's time
    assert_eq!(page.next_starting_from, entries[1].created_at);
    server.shutdown().await;
}

#[tokio::test]
async fn pages_follow_the_cursor_both_ways() {
    let server = start().await;
    let c = client(&server);
    for name in ["audit-aa", "audit-bb", "audit-cc", "audit-dd", "audit-ee"] {
        c.create_cluster(&standard(name)).await.unwrap();
    }
    let names = |v: &[AuditLogEntry]| -> Vec<String> {
        v.iter()
            .map(|e| e.cluster_name.clone().unwrap_or_default())
            .collect()
    };
    // ascending, two at a time, until an empty page
    let all: Vec<AuditLogEntry> = c
        .list_audit_logs_all(ListAuditLogsParams {
            limit: Some(2),
            ..Default::default()
        })
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        names(&all),
        ["audit-aa", "audit-bb", "audit-cc", "audit-dd", "audit-ee"]
    );
    // starting_from is exclusive
    let after_first = c
        .list_audit_logs(&ListAuditLogsParams {
            starting_from: all[0].created_at,
            limit: Some(1),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(names(&after_first.entries.unwrap())[0], "audit-bb");
    // descending from now; the cursor disappears at the earliest entry
    let desc = c
        .list_audit_logs(&ListAuditLogsParams {
            sort_order: Some(SortOrder::Desc),
            limit: Some(3),
            ..Default::default()
        })
        .await
        .unwrap();
    let entries = desc.entries.unwrap();
    assert_eq!(names(&entries), ["audit-ee", "audit-dd", "audit-cc"]);
    assert_eq!(desc.next_starting_from, entries[2].created_at);
    let rest = c
        .list_audit_logs(&ListAuditLogsParams {
            sort_order: Some(SortOrder::Desc),
            starting_from: desc.next_starting_from,
            limit: Some(3),
        })
        .await
        .unwrap();
    assert_eq!(names(&rest.entries.unwrap()), ["audit-bb", "audit-aa"]);
    assert_eq!(rest.next_starting_from, None);
    let all_desc: Vec<AuditLogEntry> = c
        .list_audit_logs_all(ListAuditLogsParams {
            sort_order: Some(SortOrder::Desc),
            limit: Some(2),
            ..Default::default()
        })
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all_desc.len(), 5);
    server.shutdown().await;
}

#[tokio::test]
async fn an_empty_log_still_answers_a_cursor_ascending() {
    let server = start().await;
    let page = client(&server)
        .list_audit_logs(&Default::default())
        .await
        .unwrap();
    assert_eq!(page.entries.unwrap_or_default().len(), 0);
    assert!(page.next_starting_from.is_some());
    let desc = client(&server)
        .list_audit_logs(&ListAuditLogsParams {
            sort_order: Some(SortOrder::Desc),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(desc.next_starting_from, None);
    server.shutdown().await;
}

#[tokio::test]
async fn bad_parameters_and_wrong_roles_are_refused() {
    let server = start().await;
    let c = client(&server);
    let err = c
        .list_audit_logs(&ListAuditLogsParams {
            limit: Some(-1),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).0, 400);
    assert_eq!(api_err(&err).1, 3);
    let raw = http()
        .get(format!(
            "{}/api/v1/auditlogevents?sort_order=SIDEWAYS",
            server.base_url()
        ))
        .bearer_auth(server.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    let raw = http()
        .get(format!(
            "{}/api/v1/auditlogevents?starting_from=yesterday",
            server.base_url()
        ))
        .bearer_auth(server.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    // CLUSTER_ADMIN on the organization is not enough
    let (_, ca) = account_with(
        &server,
        "cluster-admin",
        &[("CLUSTER_ADMIN", "ORGANIZATION", "")],
    )
    .await;
    let err = ca.list_audit_logs(&Default::default()).await.unwrap_err();
    assert_eq!(api_err(&err).0, 403);
    assert_eq!(api_err(&err).1, 7);
    // ORG_ADMIN on a folder does not count: only the organization scope does
    let (_, fa) = account_with(&server, "folder-admin", &[("ORG_ADMIN", "FOLDER", "f")]).await;
    assert_eq!(
        api_err(&fa.list_audit_logs(&Default::default()).await.unwrap_err()).0,
        403
    );
    server.shutdown().await;
}
