//! Folders through the SDK client against an in-process server.

mod common;

use common::accounts::account_with;
use common::*;
use crdb_cloud::ListOptions;
use crdb_cloud::api::folders::ListFoldersParams;
use crdb_cloud::models::clusters::UpdateClusterSpecification;
use crdb_cloud::models::folders::*;
use crdb_cloud::models::roles::{OrganizationUserRole, ResourceType};

fn code(e: &crdb_cloud::Error) -> (u16, i32) {
    let (status, code, _) = api_err(e);
    (status, code)
}

fn folder(name: &str, parent: Option<&str>) -> CreateFolderRequest {
    CreateFolderRequest {
        name: name.into(),
        parent_id: parent.map(str::to_owned),
        labels: None,
    }
}

fn names(list: &[FolderResource]) -> Vec<&str> {
    list.iter().map(|f| f.name.as_str()).collect()
}

#[tokio::test]
async fn folder_lifecycle_with_audit() {
    let server = start().await;
    let c = client(&server);
    let org = c.get_organization_info().await.unwrap();
    let team = c.create_folder(&folder("Team A", None)).await.unwrap();
    assert_eq!(team.resource_type, FolderResourceType::Folder);
    assert_eq!(team.parent_id, "root");
    assert_eq!(team.organization_id, org.id);
    assert!(team.path.is_empty());
    let mut req = folder("Prod", Some(&team.resource_id));
    req.labels = Some([("env".to_owned(), "prod".to_owned())].into());
    let prod = c.create_folder(&req).await.unwrap();
    assert_eq!(prod.parent_id, team.resource_id);
    assert_eq!(prod.path.len(), 1);
    assert_eq!(prod.path[0].name.as_deref(), Some("Team A"));
    assert_eq!(prod.labels["env"], "prod");
    assert_eq!(c.get_folder(&prod.resource_id).await.unwrap(), prod);
    c.create_folder(&folder("Archive", Some("root")))
        .await
        .unwrap();
    // list by name, paged
    let all = c.list_folders(&Default::default()).await.unwrap();
    assert_eq!(names(&all.folders), ["Archive", "Prod", "Team A"]);
    let page = c
        .list_folders(&ListFoldersParams {
            pagination: ListOptions {
                limit: Some(2),
                ..Default::default()
            },
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(names(&page.folders), ["Archive", "Prod"]);
    assert!(page.pagination.is_some());
    // path filter: leading and trailing slashes are optional
    for path in ["/Team A/Prod", "Team A/Prod/", "Team A/Prod"] {
        let hit = c
            .list_folders(&ListFoldersParams {
                path: Some(path.into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(names(&hit.folders), ["Prod"], "{path}");
    }
    let miss = c
        .list_folders(&ListFoldersParams {
            path: Some("/Prod".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(miss.folders.is_empty());
    // rename, relabel, move to the top
    let moved = c
        .update_folder(
            &prod.resource_id,
            &UpdateFolderSpecification {
                name: Some("Production".into()),
                parent_id: Some("root".into()),
                labels: Some(Default::default()),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (moved.name.as_str(), moved.parent_id.as_str()),
        ("Production", "root")
    );
    assert!(moved.path.is_empty() && moved.labels.is_empty());
    // delete answers {}
    let deleted = c.delete_folder(&moved.resource_id).await.unwrap();
    assert_eq!(deleted, Default::default());
    assert_eq!(
        code(&c.get_folder(&moved.resource_id).await.unwrap_err()),
        (404, 5)
    );
    let folder_actions: Vec<_> = audit_actions(&server)
        .await
        .into_iter()
        .filter(|a| a.contains("FOLDER"))
        .collect();
    assert_eq!(
        folder_actions,
        [
            "AUDIT_LOG_ACTION_CREATE_FOLDER",
            "AUDIT_LOG_ACTION_CREATE_FOLDER",
            "AUDIT_LOG_ACTION_CREATE_FOLDER",
            "AUDIT_LOG_ACTION_UPDATE_FOLDER",
            "AUDIT_LOG_ACTION_DELETE_FOLDER",
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn folder_errors() {
    let server = start().await;
    let c = client(&server);
    for bad in ["", " lead", "a/b", "trail-", &"x".repeat(65)] {
        let err = c.create_folder(&folder(bad, None)).await.unwrap_err();
        assert_eq!(code(&err), (400, 3), "{bad:?}");
    }
    let a = c.create_folder(&folder("A", None)).await.unwrap();
    let b = c
        .create_folder(&folder("B", Some(&a.resource_id)))
        .await
        .unwrap();
    let other = c.create_folder(&folder("B", None)).await.unwrap();
    // siblings only: "B" at the top and under A can both exist, not twice in A
    let err = c
        .create_folder(&folder("B", Some(&a.resource_id)))
        .await
        .unwrap_err();
    assert_eq!(code(&err), (409, 6));
    let err = c
        .update_folder(
            &other.resource_id,
            &UpdateFolderSpecification {
                parent_id: Some(a.resource_id.clone()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (409, 6), "moving into a folder with that name");
    let err = c
        .update_folder(
            &other.resource_id,
            &UpdateFolderSpecification {
                name: Some("A".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (409, 6), "renaming to a sibling's name");
    // unknown parent
    let err = c
        .create_folder(&folder("C", Some("no-such-folder")))
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 5));
    // no cycles
    for parent in [&b.resource_id, &a.resource_id] {
        let err = c
            .update_folder(
                &a.resource_id,
                &UpdateFolderSpecification {
                    parent_id: Some(parent.clone()),
                    ..Default::default()
                },
            )
            .await
            .unwrap_err();
        assert_eq!(code(&err), (400, 3));
    }
    // only empty folders go
    let err = c.delete_folder(&a.resource_id).await.unwrap_err();
    assert_eq!(code(&err), (400, 9));
    let mut req = standard("in-folder-b");
    req.spec.parent_id = Some(b.resource_id.clone());
    let cluster = c.create_cluster(&req).await.unwrap();
    assert_eq!(
        code(&c.delete_folder(&b.resource_id).await.unwrap_err()),
        (400, 9)
    );
    c.delete_cluster(&cluster.id).await.unwrap();
    c.delete_folder(&b.resource_id).await.unwrap();
    c.delete_folder(&a.resource_id).await.unwrap();
    // unknown ids
    assert_eq!(code(&c.get_folder("nope").await.unwrap_err()), (404, 5));
    assert_eq!(code(&c.delete_folder("nope").await.unwrap_err()), (404, 5));
    let err = c
        .update_folder("nope", &Default::default())
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 5));
    let err = c
        .list_folder_contents("nope", &Default::default())
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 5));
    // clusters cannot name a folder that does not exist
    let mut req = standard("lost-cluster");
    req.spec.parent_id = Some("no-such-folder".into());
    assert_eq!(code(&c.create_cluster(&req).await.unwrap_err()), (404, 5));
    let root_cluster = c.create_cluster(&standard("root-cluster")).await.unwrap();
    let err = c
        .update_cluster(
            &root_cluster.id,
            &UpdateClusterSpecification {
                parent_id: Some("no-such-folder".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 5));
    server.shutdown().await;
}

#[tokio::test]
async fn contents_list_folders_then_clusters() {
    let server = start().await;
    let c = client(&server);
    let zed = c.create_folder(&folder("zed", None)).await.unwrap();
    c.create_folder(&folder("alpha", None)).await.unwrap();
    c.create_cluster(&standard("b-root-cluster")).await.unwrap();
    let a_cluster = c.create_cluster(&standard("a-root-cluster")).await.unwrap();
    let gone = c.create_cluster(&standard("c-gone-cluster")).await.unwrap();
    c.delete_cluster(&gone.id).await.unwrap();
    let root = c
        .list_folder_contents("root", &Default::default())
        .await
        .unwrap();
    let items = root.resources.unwrap();
    assert_eq!(
        names(&items),
        ["alpha", "zed", "a-root-cluster", "b-root-cluster"]
    );
    assert_eq!(items[2].resource_type, FolderResourceType::Cluster);
    assert_eq!(items[2].parent_id, "root");
    // paged
    let first = c
        .list_folder_contents(
            "root",
            &ListOptions {
                limit: Some(3),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(first.resources.unwrap().len(), 3);
    let rest = c
        .list_folder_contents(
            "root",
            &ListOptions {
                limit: Some(3),
                page: first.pagination.unwrap().next_page,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(names(&rest.resources.unwrap()), ["b-root-cluster"]);
    // a cluster moves into a folder by update, another is created there
    let moved = c
        .update_cluster(
            &a_cluster.id,
            &UpdateClusterSpecification {
                parent_id: Some(zed.resource_id.clone()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(moved.parent_id.as_deref(), Some(zed.resource_id.as_str()));
    let mut req = standard("made-in-zed");
    req.spec.parent_id = Some(zed.resource_id.clone());
    let made = c.create_cluster(&req).await.unwrap();
    assert_eq!(made.parent_id.as_deref(), Some(zed.resource_id.as_str()));
    c.create_folder(&folder("inner", Some(&zed.resource_id)))
        .await
        .unwrap();
    let inside = c
        .list_folder_contents(&zed.resource_id, &Default::default())
        .await
        .unwrap()
        .resources
        .unwrap();
    assert_eq!(names(&inside), ["inner", "a-root-cluster", "made-in-zed"]);
    assert_eq!(inside[1].path[0].name.as_deref(), Some("zed"));
    // and back to the top
    c.update_cluster(
        &a_cluster.id,
        &UpdateClusterSpecification {
            parent_id: Some(String::new()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        c.get_cluster(&a_cluster.id)
            .await
            .unwrap()
            .parent_id
            .as_deref(),
        Some("root")
    );
    server.shutdown().await;
}

#[tokio::test]
async fn folder_grants_reach_sub_folders_and_their_clusters() {
    let server = start().await;
    let c = client(&server);
    let team = c.create_folder(&folder("team", None)).await.unwrap();
    let sub = c
        .create_folder(&folder("sub", Some(&team.resource_id)))
        .await
        .unwrap();
    c.create_folder(&folder("elsewhere", None)).await.unwrap();
    let mut req = standard("deep-cluster");
    req.spec.parent_id = Some(sub.resource_id.clone());
    let deep = c.create_cluster(&req).await.unwrap();
    let top = c.create_cluster(&standard("top-cluster")).await.unwrap();

    // a folder-scoped developer sees the clusters below its folder only
    let (_, dev) = account_with(
        &server,
        "folder-dev",
        &[("CLUSTER_DEVELOPER", "FOLDER", &team.resource_id)],
    )
    .await;
    dev.get_cluster(&deep.id).await.unwrap();
    assert_eq!(code(&dev.get_cluster(&top.id).await.unwrap_err()), (404, 5));
    let listed = dev.list_clusters(&Default::default()).await.unwrap();
    assert_eq!(listed.clusters.len(), 1);
    let folders = dev.list_folders(&Default::default()).await.unwrap();
    assert_eq!(names(&folders.folders), ["sub", "team"]);
    assert_eq!(
        code(&dev.get_folder("root-less").await.unwrap_err()),
        (404, 5)
    );

    // a folder admin manages inside its folder, not outside
    let (_, fa) = account_with(
        &server,
        "folder-admin",
        &[("FOLDER_ADMIN", "FOLDER", &team.resource_id)],
    )
    .await;
    let mine = fa
        .create_folder(&folder("mine", Some(&sub.resource_id)))
        .await
        .unwrap();
    let err = fa.create_folder(&folder("top", None)).await.unwrap_err();
    assert_eq!(code(&err), (403, 7));
    let err = fa
        .update_folder(
            &mine.resource_id,
            &UpdateFolderSpecification {
                parent_id: Some("root".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (403, 7), "moving out of its folders");
    fa.delete_folder(&mine.resource_id).await.unwrap();
    let (grantee, _) = account_with(&server, "grantee", &[]).await;
    fa.add_user_to_role(
        &grantee,
        &ResourceType::Cluster,
        &deep.id,
        &OrganizationUserRole::ClusterAdmin,
    )
    .await
    .unwrap();
    fa.add_user_to_role(
        &grantee,
        &ResourceType::Folder,
        &sub.resource_id,
        &OrganizationUserRole::FolderMover,
    )
    .await
    .unwrap();
    let err = fa
        .add_user_to_role(
            &grantee,
            &ResourceType::Cluster,
            &top.id,
            &OrganizationUserRole::ClusterAdmin,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (403, 7));

    // moving a cluster needs the caller's roles at the destination
    let (_, deep_admin) = account_with(
        &server,
        "deep-admin",
        &[
            ("CLUSTER_ADMIN", "CLUSTER", &deep.id),
            ("CLUSTER_ADMIN", "FOLDER", &team.resource_id),
        ],
    )
    .await;
    let to = |parent: &str| UpdateClusterSpecification {
        parent_id: Some(parent.to_owned()),
        ..Default::default()
    };
    deep_admin
        .update_cluster(&deep.id, &to(&team.resource_id))
        .await
        .unwrap();
    let err = deep_admin
        .update_cluster(&deep.id, &to("root"))
        .await
        .unwrap_err();
    assert_eq!(code(&err), (403, 7));
    c.update_cluster(&deep.id, &to(&sub.resource_id))
        .await
        .unwrap();

    // a folder-scoped cluster creator creates clusters there, not at the top
    let (_, creator) = account_with(
        &server,
        "folder-creator",
        &[("CLUSTER_CREATOR", "FOLDER", &team.resource_id)],
    )
    .await;
    let mut req = standard("creator-made");
    req.spec.parent_id = Some(team.resource_id.clone());
    let made = creator.create_cluster(&req).await.unwrap();
    // the creator became its admin and can read it
    creator.get_cluster(&made.id).await.unwrap();
    let err = creator
        .create_cluster(&standard("creator-top"))
        .await
        .unwrap_err();
    assert_eq!(code(&err), (403, 7));
    server.shutdown().await;
}

#[tokio::test]
async fn folders_and_their_deletion_survive_a_restart() {
    let dir = std::env::temp_dir().join(format!("crdb-cloud-folder-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let config = |c: crdb_cloud_server::Config| crdb_cloud_server::Config {
        storage: crdb_cloud_server::Storage::Dir(dir.clone()),
        bootstrap_api_key: Some("CCDB1_test_folder-durable-secret".into()),
        ..c
    };
    let server = start_with(config).await;
    let c = client(&server);
    let kept = c.create_folder(&folder("kept", None)).await.unwrap();
    let dropped = c.create_folder(&folder("dropped", None)).await.unwrap();
    let mut req = standard("kept-cluster");
    req.spec.parent_id = Some(kept.resource_id.clone());
    let cluster = c.create_cluster(&req).await.unwrap();
    c.delete_folder(&dropped.resource_id).await.unwrap();
    server.shutdown().await;

    let server = start_with(config).await;
    let c = client(&server);
    assert_eq!(c.get_folder(&kept.resource_id).await.unwrap(), kept);
    assert_eq!(
        code(&c.get_folder(&dropped.resource_id).await.unwrap_err()),
        (404, 5)
    );
    let inside = c
        .list_folder_contents(&kept.resource_id, &Default::default())
        .await
        .unwrap()
        .resources
        .unwrap();
    assert_eq!(inside[0].resource_id, cluster.id);
    // the name of the deleted folder is free again
    c.create_folder(&folder("dropped", None)).await.unwrap();
    server.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
