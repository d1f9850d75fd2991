//! Databases through the SDK client against an in-process server.

mod common;
mod scoped;

use common::*;
use crdb_cloud::ListOptions;
use crdb_cloud::models::databases::*;
use scoped::*;

fn names(list: &ListDatabasesResponse) -> Vec<&str> {
    list.databases.iter().map(|d| d.name.as_str()).collect()
}

fn create(name: &str) -> CreateDatabaseBody {
    CreateDatabaseBody { name: name.into() }
}

fn edit(name: &str, new_name: &str) -> EditDatabaseBody {
    EditDatabaseBody {
        name: name.into(),
        new_name: new_name.into(),
    }
}

#[tokio::test]
async fn new_clusters_have_defaultdb_and_postgres() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_standard(&c, "dbs-default").await;
    let list = c
        .list_databases(&cluster.id, &Default::default())
        .await
        .unwrap();
    assert_eq!(names(&list), ["defaultdb", "postgres"]);
    assert!(list.databases.iter().all(|d| d.table_count == Some(0)));
    assert!(list.pagination.is_none());
    // table_count is an int64 string on the wire
    let raw: serde_json::Value = http()
        .get(format!(
            "{}/api/v1/clusters/{}/databases",
            server.base_url(),
            cluster.id
        ))
        .bearer_auth(server.api_key())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(raw["databases"][0]["table_count"], "0");
    server.shutdown().await;
}

#[tokio::test]
async fn create_rename_both_ways_and_delete_with_audit() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_advanced(&c, "dbs-life").await;
    let made = c
        .create_database(&cluster.id, &create("shop"))
        .await
        .unwrap();
    assert_eq!((made.name.as_str(), made.table_count), ("shop", Some(0)));
    let renamed = c
        .edit_database(&cluster.id, "shop", &edit("shop", "store"))
        .await
        .unwrap();
    assert_eq!(renamed.name, "store");
    let renamed = c
        .edit_database2(&cluster.id, &edit("store", "market"))
        .await
        .unwrap();
    assert_eq!(renamed.name, "market");
    let list = c
        .list_databases(&cluster.id, &Default::default())
        .await
        .unwrap();
    assert_eq!(names(&list), ["defaultdb", "market", "postgres"]);
    let gone = c.delete_database(&cluster.id, "market").await.unwrap();
    assert_eq!(gone.name, "market");
    // the initial databases can be dropped too, as in CockroachDB
    c.delete_database(&cluster.id, "postgres").await.unwrap();
    let list = c
        .list_databases(&cluster.id, &Default::default())
        .await
        .unwrap();
    assert_eq!(names(&list), ["defaultdb"]);
    let actions = audit_actions(&server).await;
    assert_eq!(actions.len(), 6);
    assert!(
        actions[1..]
            .iter()
            .all(|a| a == "AUDIT_LOG_ACTION_UPDATE_CLUSTER")
    );
    server.shutdown().await;
}

#[tokio::test]
async fn edit_database_takes_the_name_from_the_path() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_standard(&c, "dbs-path").await;
    c.create_database(&cluster.id, &create("alpha"))
        .await
        .unwrap();
    // v7 body: only new_name
    let url = format!(
        "{}/api/v1/clusters/{}/databases/alpha",
        server.base_url(),
        cluster.id
    );
    let resp = http()
        .patch(&url)
        .bearer_auth(server.api_key())
        .json(&serde_json::json!({"new_name": "beta"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    // a body name that differs from the path is refused, nothing changes
    let err = c
        .edit_database(&cluster.id, "beta", &edit("gamma", "delta"))
        .await
        .unwrap_err();
    let (status, code, message) = api_err(&err);
    assert_eq!((status, code), (400, 3));
    assert!(message.starts_with("name:"), "{message}");
    let list = c
        .list_databases(&cluster.id, &Default::default())
        .await
        .unwrap();
    assert_eq!(names(&list), ["beta", "defaultdb", "postgres"]);
    // missing new_name is a bad body
    let resp = http()
        .patch(format!(
            "{}/api/v1/clusters/{}/databases",
            server.base_url(),
            cluster.id
        ))
        .bearer_auth(server.api_key())
        .json(&serde_json::json!({"name": "beta"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    server.shutdown().await;
}

#[tokio::test]
async fn errors_bad_names_duplicates_and_missing_databases() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_standard(&c, "dbs-errors").await;
    for bad in ["1db", "my-db", "a.b", "system", ""] {
        let err = c
            .create_database(&cluster.id, &create(bad))
            .await
            .unwrap_err();
        assert_eq!(api_err(&err).1, 3, "{bad}");
    }
    c.create_database(&cluster.id, &create("dup"))
        .await
        .unwrap();
    for dup in ["dup", "DUP", "defaultdb"] {
        let err = c
            .create_database(&cluster.id, &create(dup))
            .await
            .unwrap_err();
        assert_eq!((api_err(&err).0, api_err(&err).1), (409, 6), "{dup}");
    }
    let err = c
        .edit_database2(&cluster.id, &edit("dup", "postgres"))
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).0, 409);
    let err = c
        .edit_database2(&cluster.id, &edit("dup", "bad name"))
        .await
        .unwrap_err();
    let (_, code, message) = api_err(&err);
    assert_eq!(code, 3);
    assert!(message.starts_with("new_name:"), "{message}");
    let err = c
        .edit_database2(&cluster.id, &edit("nothere", "fine"))
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).0, 404);
    let err = c.delete_database(&cluster.id, "nothere").await.unwrap_err();
    assert_eq!(api_err(&err).0, 404);
    let err = c
        .list_databases("nothere", &Default::default())
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).0, 404);
    server.shutdown().await;
}

#[tokio::test]
async fn a_creating_cluster_refuses_with_its_state() {
    let server = start_manual().await;
    let c = client(&server);
    let cluster = created_standard(&c, "dbs-creating").await;
    let err = c
        .create_database(&cluster.id, &create("x"))
        .await
        .unwrap_err();
    let (status, code, message) = api_err(&err);
    assert_eq!((status, code), (400, 9));
    assert!(message.contains("CREATING"), "{message}");
    advance(&server, &cluster.id).await;
    c.create_database(&cluster.id, &create("x")).await.unwrap();
    server.shutdown().await;
}

#[tokio::test]
async fn pages_walk_in_name_order_and_roles_are_enforced() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_standard(&c, "dbs-pages").await;
    for i in 0..5 {
        c.create_database(&cluster.id, &create(&format!("db{i}")))
            .await
            .unwrap();
    }
    let mut options = ListOptions::limit(3);
    let mut all = Vec::new();
    loop {
        let page = c.list_databases(&cluster.id, &options).await.unwrap();
        all.extend(page.databases.into_iter().map(|d| d.name));
        match options.next(page.pagination.as_ref()) {
            Some(next) => options = next,
            None => break,
        }
    }
    assert_eq!(
        all,
        ["db0", "db1", "db2", "db3", "db4", "defaultdb", "postgres"]
    );
    let dev = client_for(
        &server,
        "dev",
        &[("CLUSTER_DEVELOPER", "CLUSTER", &cluster.id)],
    )
    .await;
    dev.list_databases(&cluster.id, &Default::default())
        .await
        .unwrap();
    let err = dev
        .create_database(&cluster.id, &create("nope"))
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).0, 403);
    let op = client_for(
        &server,
        "operator",
        &[("CLUSTER_OPERATOR_WRITER", "CLUSTER", &cluster.id)],
    )
    .await;
    op.create_database(&cluster.id, &create("yes"))
        .await
        .unwrap();
    server.shutdown().await;
}
