//! Blackout windows through the SDK client against an in-process server.

mod common;
mod scoped;

use chrono::TimeDelta;
use common::*;
use crdb_cloud::ListOptions;
use crdb_cloud::Timestamp;
use crdb_cloud::models::blackout_windows::*;
use scoped::*;

fn in_days(d: i64) -> Timestamp {
    chrono::Utc::now() + TimeDelta::days(d)
}

fn window(start: i64, end: i64) -> CreateBlackoutWindowBody {
    CreateBlackoutWindowBody {
        start_time: in_days(start),
        end_time: in_days(end),
    }
}

#[tokio::test]
async fn create_get_update_list_delete_with_audit() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_advanced(&c, "blackout-life").await;
    let id = &cluster.id;
    let empty = c
        .list_blackout_windows(id, &Default::default())
        .await
        .unwrap();
    assert_eq!(empty.blackout_windows.unwrap_or_default().len(), 0);
    let later = c.create_blackout_window(id, &window(20, 22)).await.unwrap();
    let sooner = c.create_blackout_window(id, &window(8, 10)).await.unwrap();
    assert_eq!(sooner.cluster_id, *id);
    assert_eq!(c.get_blackout_window(id, &later.id).await.unwrap(), later);
    let list = c
        .list_blackout_windows(id, &Default::default())
        .await
        .unwrap();
    let ids: Vec<String> = list
        .blackout_windows
        .unwrap()
        .into_iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(ids, [sooner.id.clone(), later.id.clone()]);
    let new_end = later.start_time + TimeDelta::days(14);
    let updated = c
        .update_blackout_window(
            id,
            &later.id,
            &UpdateBlackoutWindowBody {
                end_time: Some(new_end),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (updated.start_time, updated.end_time),
        (later.start_time, new_end)
    );
    let removed = c.delete_blackout_window(id, &sooner.id).await.unwrap();
    assert_eq!(removed.id, sooner.id);
    assert_eq!(
        api_err(&c.get_blackout_window(id, &sooner.id).await.unwrap_err()).0,
        404
    );
    assert_eq!(
        audit_actions(&server).await[1..],
        [
            "AUDIT_LOG_ACTION_CREATE_CLUSTER_BLACKOUT_WINDOW",
            "AUDIT_LOG_ACTION_CREATE_CLUSTER_BLACKOUT_WINDOW",
            "AUDIT_LOG_ACTION_UPDATE_CLUSTER_BLACKOUT_WINDOW",
            "AUDIT_LOG_ACTION_DELETE_CLUSTER_BLACKOUT_WINDOW",
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn window_rules_are_enforced() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_advanced(&c, "blackout-rules").await;
    let id = &cluster.id;
    for (bad, what) in [
        (window(6, 8), "start_time"), // less than 7 days ahead
        (window(10, 25), "14 days"),  // longer than 14 days
        (window(10, 9), "after"),     // ends before it starts
        (window(85, 95), "3 months"), // ends beyond 3 months
    ] {
        let err = c.create_blackout_window(id, &bad).await.unwrap_err();
        let (status, code, message) = api_err(&err);
        assert_eq!((status, code), (400, 3), "{message}");
        assert!(message.contains(what), "{message}");
    }
    let w = c.create_blackout_window(id, &window(10, 12)).await.unwrap();
    let err = c
        .create_blackout_window(id, &window(11, 13))
        .await
        .unwrap_err();
    let (_, code, message) = api_err(&err);
    assert_eq!(code, 3);
    assert!(message.contains(&w.id), "{message}");
    let err = c
        .update_blackout_window(
            id,
            &w.id,
            &UpdateBlackoutWindowBody {
                start_time: Some(in_days(3)),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).1, 3);
    assert_eq!(
        api_err(
            &c.update_blackout_window(id, "nope", &Default::default())
                .await
                .unwrap_err()
        )
        .0,
        404
    );
    assert_eq!(
        api_err(&c.delete_blackout_window(id, "nope").await.unwrap_err()).0,
        404
    );
    // missing end_time is a bad body
    let resp = http()
        .post(format!(
            "{}/api/v1/clusters/{id}/blackout-windows",
            server.base_url()
        ))
        .bearer_auth(server.api_key())
        .json(&serde_json::json!({"start_time": in_days(10)}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    // only ADVANCED clusters
    let std = created_standard(&c, "blackout-std").await;
    let err = c
        .create_blackout_window(&std.id, &window(10, 12))
        .await
        .unwrap_err();
    let (status, code, message) = api_err(&err);
    assert_eq!((status, code), (400, 9));
    assert!(message.contains("ADVANCED"), "{message}");
    assert_eq!(
        api_err(
            &c.list_blackout_windows(&std.id, &Default::default())
                .await
                .unwrap_err()
        )
        .1,
        9
    );
    server.shutdown().await;
}

#[tokio::test]
async fn pages_walk_in_start_order() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_advanced(&c, "blackout-pages").await;
    let mut made = Vec::new();
    for i in (0..5).rev() {
        made.push(
            c.create_blackout_window(&cluster.id, &window(8 + 3 * i, 9 + 3 * i))
                .await
                .unwrap(),
        );
    }
    made.reverse();
    let mut options = ListOptions::limit(2);
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = c
            .list_blackout_windows(&cluster.id, &options)
            .await
            .unwrap();
        pages += 1;
        seen.extend(page.blackout_windows.unwrap_or_default());
        match options.next(page.pagination.as_ref()) {
            Some(next) => options = next,
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, made);
    server.shutdown().await;
}
