//! Clusters and CMEK through the SDK client against an in-process server.

mod common;

use common::*;
use crdb_cloud::ListOptions;
use crdb_cloud::api::clusters::ListClustersParams;
use crdb_cloud::models::clusters::*;
use crdb_cloud::models::cmek::*;

#[tokio::test]
async fn organization_info_is_served() {
    let server = start().await;
    let org = client(&server).get_organization_info().await.unwrap();
    assert!(!org.id.is_empty());
    assert_eq!(org.name, "Local Organization");
    server.shutdown().await;
}

#[tokio::test]
async fn cluster_create_get_list_delete_with_audit() {
    let server = start().await;
    let c = client(&server);
    let created = c.create_cluster(&standard("first-cluster")).await.unwrap();
    assert_eq!(created.state, ClusterState::Creating);
    // instant transitions: the next read sees CREATED
    let got = c.get_cluster(&created.id).await.unwrap();
    assert_eq!(got.state, ClusterState::Created);
    assert_eq!(got.plan, crdb_cloud::models::common::Plan::Standard);
    let list = c.list_clusters(&Default::default()).await.unwrap();
    assert_eq!(list.clusters.len(), 1);
    assert!(list.pagination.is_none());
    let deleted = c.delete_cluster(&created.id).await.unwrap();
    assert_eq!(deleted.state, ClusterState::Deleted);
    assert_eq!(
        c.get_cluster(&created.id).await.unwrap().state,
        ClusterState::Deleted
    );
    assert!(
        c.list_clusters(&Default::default())
            .await
            .unwrap()
            .clusters
            .is_empty()
    );
    let inactive = c
        .list_clusters(&ListClustersParams {
            show_inactive: Some(true),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(inactive.clusters.len(), 1);
    // the name is free again once deleted
    c.create_cluster(&standard("first-cluster")).await.unwrap();
    assert_eq!(
        audit_actions(&server).await,
        vec![
            "AUDIT_LOG_ACTION_CREATE_CLUSTER",
            "AUDIT_LOG_ACTION_DELETE_CLUSTER",
            "AUDIT_LOG_ACTION_CREATE_CLUSTER"
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn delete_protection_refuses_then_allows() {
    let server = start().await;
    let c = client(&server);
    let mut req = standard("protected-one");
    req.spec.delete_protection = Some(DeleteProtectionState::Enabled);
    let cluster = c.create_cluster(&req).await.unwrap();
    let err = c.delete_cluster(&cluster.id).await.unwrap_err();
    assert_eq!(
        api_err(&err),
        (400, 9, "cluster has delete protection enabled".into())
    );
    assert_eq!(
        c.get_cluster(&cluster.id).await.unwrap().state,
        ClusterState::Created
    );
    c.update_cluster(
        &cluster.id,
        &UpdateClusterSpecification {
            delete_protection: Some(DeleteProtectionState::Disabled),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        c.delete_cluster(&cluster.id).await.unwrap().state,
        ClusterState::Deleted
    );
    server.shutdown().await;
}

#[tokio::test]
async fn names_are_validated_and_unique() {
    let server = start().await;
    let c = client(&server);
    for bad in [
        "short",
        "-leading-dash",
        "UPPERCASE-name",
        "way-too-long-cluster-name",
    ] {
        let err = c.create_cluster(&standard(bad)).await.unwrap_err();
        let (status, code, message) = api_err(&err);
        assert_eq!((status, code), (400, 3), "{bad}");
        assert!(message.starts_with("name:"), "{message}");
    }
    c.create_cluster(&standard("taken-name")).await.unwrap();
    let err = c.create_cluster(&standard("taken-name")).await.unwrap_err();
    assert_eq!(api_err(&err).0, 409);
    assert_eq!(api_err(&err).1, 6);
    assert_eq!(
        c.list_clusters(&Default::default())
            .await
            .unwrap()
            .clusters
            .len(),
        1
    );
    server.shutdown().await;
}

#[tokio::test]
async fn per_plan_validation() {
    let server = start().await;
    let c = client(&server);
    let mut no_vcpus = standard("no-vcpus-std");
    no_vcpus.spec.serverless.as_mut().unwrap().usage_limits = None;
    assert_eq!(
        api_err(&c.create_cluster(&no_vcpus).await.unwrap_err()).1,
        3
    );
    let mut two_nodes = advanced("two-nodes-adv");
    two_nodes.spec.dedicated.as_mut().unwrap().region_nodes = [("us-east-1".to_owned(), 2)].into();
    let (_, code, msg) = api_err(&c.create_cluster(&two_nodes).await.unwrap_err());
    assert_eq!(code, 3);
    assert!(msg.contains("at least 3"), "{msg}");
    let mut disagree = standard("disagreeing");
    disagree.spec.plan = Some(crdb_cloud::models::common::Plan::Basic);
    assert!(
        api_err(&c.create_cluster(&disagree).await.unwrap_err())
            .2
            .contains("disagree")
    );
    server.shutdown().await;
}

#[tokio::test]
async fn pagination_walks_pages_with_stable_tokens() {
    let server = start().await;
    let c = client(&server);
    for i in 0..7 {
        c.create_cluster(&standard(&format!("page-test-{i}")))
            .await
            .unwrap();
    }
    let mut names = Vec::new();
    let mut options = ListOptions::limit(3);
    let mut pages = 0;
    loop {
        let page = c
            .list_clusters(&ListClustersParams {
                pagination: options.clone(),
                ..Default::default()
            })
            .await
            .unwrap();
        pages += 1;
        names.extend(page.clusters.iter().map(|c| c.name.clone()));
        match options.next(page.pagination.as_ref()) {
            Some(next) => options = next,
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(names.len(), 7);
    let err = c
        .list_clusters(&ListClustersParams {
            pagination: ListOptions::limit(-1),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).1, 3);
    let all = c
        .list_clusters(&ListClustersParams {
            pagination: ListOptions::limit(0),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.clusters.len(), 7);
    server.shutdown().await;
}

#[tokio::test]
async fn scaling_an_advanced_cluster_locks_it_until_done() {
    let server = start_with(|c| crdb_cloud_server::Config {
        transitions: crdb_cloud_server::Transitions::Manual,
        ..c
    })
    .await;
    let c = client(&server);
    let cluster = c.create_cluster(&advanced("scale-me-now")).await.unwrap();
    // manual: still CREATING until advanced through the admin API
    assert_eq!(
        c.get_cluster(&cluster.id).await.unwrap().state,
        ClusterState::Creating
    );
    let nodes = c
        .list_cluster_nodes(&cluster.id, None, &Default::default())
        .await
        .unwrap();
    assert!(nodes.nodes.iter().all(|n| n.status == NodeStatus::NotReady));
    let busy = c
        .update_cluster(
            &cluster.id,
            &UpdateClusterSpecification {
                dedicated: Some(DedicatedClusterUpdateSpecification {
                    region_nodes: Some([("us-east-1".to_owned(), 5)].into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    let (status, code, message) = api_err(&busy);
    assert_eq!((status, code), (400, 9));
    assert!(message.contains("CREATING"), "{message}");
    advance(&server, &cluster.id).await;
    let scaled = c
        .update_cluster(
            &cluster.id,
            &UpdateClusterSpecification {
                dedicated: Some(DedicatedClusterUpdateSpecification {
                    region_nodes: Some([("us-east-1".to_owned(), 5)].into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(scaled.state, ClusterState::Locked);
    assert_eq!(scaled.operation_status, ClusterStatus::CrdbScaleRunning);
    assert_eq!(
        c.list_cluster_nodes(&cluster.id, None, &Default::default())
            .await
            .unwrap()
            .nodes
            .len(),
        5
    );
    advance(&server, &cluster.id).await;
    let done = c.get_cluster(&cluster.id).await.unwrap();
    assert_eq!(
        (done.state, done.operation_status),
        (ClusterState::Created, ClusterStatus::Unspecified)
    );
    server.shutdown().await;
}

async fn advance(server: &crdb_cloud_server::Server, id: &str) {
    let r = http()
        .post(format!(
            "{}/local/v1/clusters/{id}/advance",
            server.base_url()
        ))
        .bearer_auth(server.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

fn key(region: &str) -> CmekRegionSpecification {
    CmekRegionSpecification {
        region: Some(region.into()),
        key_spec: Some(CmekKeySpecification {
            key_type: Some(CmekKeyType::AwsKms),
            uri: Some("arn:aws:kms:us-east-1:123:key/abc".into()),
            auth_principal: Some("arn:aws:iam::123:role/crdb".into()),
        }),
    }
}

#[tokio::test]
async fn cmek_works_on_advanced_and_is_refused_on_standard() {
    let server = start().await;
    let c = client(&server);
    let std = c.create_cluster(&standard("std-no-cmek")).await.unwrap();
    let err = c.get_cmek_cluster_info(&std.id).await.unwrap_err();
    assert_eq!(api_err(&err).1, 9);
    let err = c
        .enable_cmek_spec(
            &std.id,
            &EnableCmekSpecBody {
                region_specs: vec![key("us-central1")],
            },
        )
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).1, 9);

    let adv = c.create_cluster(&advanced("adv-with-cmek")).await.unwrap();
    let before = c.get_cmek_cluster_info(&adv.id).await.unwrap();
    assert_eq!(before.status, Some(CmekStatus::Disabled));
    let enabling = c
        .enable_cmek_spec(
            &adv.id,
            &EnableCmekSpecBody {
                region_specs: vec![key("us-east-1")],
            },
        )
        .await
        .unwrap();
    assert_eq!(enabling.status, Some(CmekStatus::Enabling));
    assert_eq!(
        c.get_cluster(&adv.id).await.unwrap().state,
        ClusterState::Created
    );
    let enabled = c.get_cmek_cluster_info(&adv.id).await.unwrap();
    assert_eq!(enabled.status, Some(CmekStatus::Enabled));
    let revoking = c
        .update_cmek_status(
            &adv.id,
            &UpdateCmekStatusBody {
                action: CmekCustomerAction::Revoke,
            },
        )
        .await
        .unwrap();
    assert_eq!(revoking.status, Some(CmekStatus::Revoking));
    assert_eq!(
        c.get_cmek_cluster_info(&adv.id).await.unwrap().status,
        Some(CmekStatus::Revoked)
    );
    let actions = audit_actions(&server).await;
    assert!(actions.contains(&"AUDIT_LOG_ACTION_UPDATE_CMEK".to_owned()));
    assert!(actions.contains(&"AUDIT_LOG_ACTION_REVOKE_CMEK".to_owned()));
    server.shutdown().await;
}

#[tokio::test]
async fn data_survives_a_restart_on_the_same_data_dir() {
    let dir = std::env::temp_dir().join(format!("crdb-cloud-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let config = |c: crdb_cloud_server::Config| crdb_cloud_server::Config {
        storage: crdb_cloud_server::Storage::Dir(dir.clone()),
        bootstrap_api_key: Some("CCDB1_test_durable-secret".into()),
        ..c
    };
    let server = start_with(config).await;
    let c = client(&server);
    let cluster = c.create_cluster(&standard("durable-one")).await.unwrap();
    server.shutdown().await;

    let server = start_with(config).await;
    let c = client(&server);
    let again = c.get_cluster(&cluster.id).await.unwrap();
    assert_eq!(again.name, "durable-one");
    assert_eq!(again.state, ClusterState::Created);
    assert_eq!(
        audit_actions(&server).await,
        vec!["AUDIT_LOG_ACTION_CREATE_CLUSTER"]
    );
    let err = c
        .create_cluster(&standard("durable-one"))
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).1, 6);
    server.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_creates_of_one_name_have_exactly_one_winner() {
    let server = start().await;
    let c = client(&server);
    let attempts: Vec<_> = (0..24)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move { c.create_cluster(&standard("contested")).await })
        })
        .collect();
    let (mut won, mut conflicts) = (0, 0);
    for a in attempts {
        match a.await.unwrap() {
            Ok(_) => won += 1,
            Err(e) => {
                assert_eq!((api_err(&e).0, api_err(&e).1), (409, 6), "{e}");
                conflicts += 1;
            }
        }
    }
    assert_eq!((won, conflicts), (1, 23));
    let listed = c.list_clusters(&Default::default()).await.unwrap().clusters;
    assert_eq!(listed.iter().filter(|c| c.name == "contested").count(), 1);
    server.shutdown().await;
}
