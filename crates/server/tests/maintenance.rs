//! Maintenance windows and version deferral through the SDK client against
//! an in-process server.

mod common;
mod scoped;

use common::*;
use crdb_cloud::models::maintenance::*;
use scoped::*;
use std::time::Duration;

fn window(offset: u64, length: u64) -> MaintenanceWindow {
    MaintenanceWindow {
        offset_duration: Duration::from_secs(offset),
        window_duration: Duration::from_secs(length),
    }
}

fn deferral(p: ClusterVersionDeferralPolicy) -> ClusterVersionDeferralUpdate {
    ClusterVersionDeferralUpdate {
        deferral_policy: p,
        deferred_until: None,
    }
}

#[tokio::test]
async fn maintenance_window_set_get_delete_with_audit() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_advanced(&c, "maint-window").await;
    let id = &cluster.id;
    let err = c.get_maintenance_window(id).await.unwrap_err();
    assert_eq!((api_err(&err).0, api_err(&err).1), (404, 5));
    let set = c
        .set_maintenance_window(id, &window(172_800, 21_600))
        .await
        .unwrap();
    assert_eq!(set, window(172_800, 21_600));
    // the documented wire shape
    let raw: serde_json::Value = http()
        .get(format!(
            "{}/api/v1/clusters/{id}/maintenance-window",
            server.base_url()
        ))
        .bearer_auth(server.api_key())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        raw,
        serde_json::json!({"offset_duration": "172800s", "window_duration": "21600s"})
    );
    c.set_maintenance_window(id, &window(0, 604_799))
        .await
        .unwrap();
    assert_eq!(
        c.get_maintenance_window(id).await.unwrap(),
        window(0, 604_799)
    );
    let removed = c.delete_maintenance_window(id).await.unwrap();
    assert_eq!(removed, window(0, 604_799));
    assert_eq!(
        api_err(&c.delete_maintenance_window(id).await.unwrap_err()).0,
        404
    );
    let actions = audit_actions(&server).await;
    assert_eq!(
        actions[1..],
        [
            "AUDIT_LOG_ACTION_SET_CLUSTER_MAINTENANCE_WINDOW",
            "AUDIT_LOG_ACTION_SET_CLUSTER_MAINTENANCE_WINDOW",
            "AUDIT_LOG_ACTION_DELETE_CLUSTER_MAINTENANCE_WINDOW",
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn maintenance_window_limits_and_plans() {
    let server = start().await;
    let c = client(&server);
    let adv = created_advanced(&c, "maint-limits").await;
    for bad in [
        window(604_800, 21_600),
        window(0, 21_599),
        window(0, 604_800),
    ] {
        let err = c.set_maintenance_window(&adv.id, &bad).await.unwrap_err();
        assert_eq!(api_err(&err).1, 3, "{bad:?}");
    }
    let resp = http()
        .put(format!(
            "{}/api/v1/clusters/{}/maintenance-window",
            server.base_url(),
            adv.id
        ))
        .bearer_auth(server.api_key())
        .json(&serde_json::json!({"offset_duration": "two days", "window_duration": "21600s"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    let std = created_standard(&c, "maint-std").await;
    let err = c
        .set_maintenance_window(&std.id, &window(0, 21_600))
        .await
        .unwrap_err();
    let (status, code, message) = api_err(&err);
    assert_eq!((status, code), (400, 9));
    assert!(message.contains("ADVANCED"), "{message}");
    assert_eq!(
        api_err(&c.get_maintenance_window(&std.id).await.unwrap_err()).1,
        9
    );
    assert_eq!(
        api_err(&c.get_maintenance_window("nope").await.unwrap_err()).0,
        404
    );
    // a developer may not touch it
    let dev = client_for(&server, "dev", &[("CLUSTER_DEVELOPER", "CLUSTER", &adv.id)]).await;
    assert_eq!(
        api_err(&dev.get_maintenance_window(&adv.id).await.unwrap_err()).0,
        403
    );
    server.shutdown().await;
}

#[tokio::test]
async fn version_deferral_policies() {
    let server = start().await;
    let c = client(&server);
    let adv = created_advanced(&c, "defer-adv").await;
    let start = c.get_cluster_version_deferral(&adv.id).await.unwrap();
    assert_eq!(
        start,
        ClusterVersionDeferral {
            deferral_policy: ClusterVersionDeferralPolicy::NotDeferred,
            deferred_until: None
        }
    );
    let before = chrono::Utc::now();
    let set = c
        .set_cluster_version_deferral(
            &adv.id,
            &deferral(ClusterVersionDeferralPolicy::Deferral30Days),
        )
        .await
        .unwrap();
    assert_eq!(
        set.deferral_policy,
        ClusterVersionDeferralPolicy::Deferral30Days
    );
    let until = set.deferred_until.unwrap();
    assert!(until >= before + chrono::TimeDelta::days(30));
    assert!(until <= chrono::Utc::now() + chrono::TimeDelta::days(30));
    // FIXED_DEFERRAL means DEFERRAL_60_DAYS
    let fixed = c
        .set_cluster_version_deferral(
            &adv.id,
            &deferral(ClusterVersionDeferralPolicy::FixedDeferral),
        )
        .await
        .unwrap();
    assert_eq!(
        fixed.deferral_policy,
        ClusterVersionDeferralPolicy::Deferral60Days
    );
    assert_eq!(
        c.get_cluster_version_deferral(&adv.id).await.unwrap(),
        fixed
    );
    let off = c
        .set_cluster_version_deferral(
            &adv.id,
            &deferral(ClusterVersionDeferralPolicy::NotDeferred),
        )
        .await
        .unwrap();
    assert_eq!(off.deferred_until, None);
    let err = c
        .set_cluster_version_deferral(
            &adv.id,
            &deferral(ClusterVersionDeferralPolicy::Unknown(
                "DEFERRAL_7_DAYS".into(),
            )),
        )
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).1, 3);
    assert_eq!(
        audit_actions(&server).await[1..],
        ["AUDIT_LOG_ACTION_UPDATE_CLUSTER_VERSION_UPGRADE_DEFERRAL"; 3]
    );
    // Standard clusters are never deferred
    let std = created_standard(&c, "defer-std").await;
    assert_eq!(
        c.get_cluster_version_deferral(&std.id)
            .await
            .unwrap()
            .deferral_policy,
        ClusterVersionDeferralPolicy::NotDeferred
    );
    let err = c
        .set_cluster_version_deferral(
            &std.id,
            &deferral(ClusterVersionDeferralPolicy::Deferral90Days),
        )
        .await
        .unwrap_err();
    assert_eq!((api_err(&err).0, api_err(&err).1), (400, 9));
    c.set_cluster_version_deferral(
        &std.id,
        &deferral(ClusterVersionDeferralPolicy::NotDeferred),
    )
    .await
    .unwrap();
    server.shutdown().await;
}
