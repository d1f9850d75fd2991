//! SQL users through the SDK client against an in-process server.

mod common;
mod scoped;

use common::*;
use crdb_cloud::ListOptions;
use crdb_cloud::models::sql_users::*;
use scoped::*;

fn user(name: &str, password: &str) -> CreateSqlUserBody {
    CreateSqlUserBody {
        name: name.into(),
        password: password.into(),
    }
}

#[tokio::test]
async fn create_list_change_password_delete_with_audit() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_standard(&c, "users-cluster").await;
    let empty = c
        .list_sql_users(&cluster.id, &Default::default())
        .await
        .unwrap();
    assert!(empty.users.is_empty());
    assert!(empty.pagination.is_none());
    for name in ["carol", "Alice", "bob"] {
        let made = c
            .create_sql_user(&cluster.id, &user(name, "s3cret-pass"))
            .await
            .unwrap();
        assert_eq!(made.name, name.to_ascii_lowercase());
    }
    let list = c
        .list_sql_users(&cluster.id, &Default::default())
        .await
        .unwrap();
    let names: Vec<&str> = list.users.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["alice", "bob", "carol"]);
    let changed = c
        .update_sql_user_password(
            &cluster.id,
            "bob",
            &UpdateSqlUserPasswordBody {
                password: "another-pass".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(changed.name, "bob");
    assert_eq!(
        c.delete_sql_user(&cluster.id, "bob").await.unwrap().name,
        "bob"
    );
    let list = c
        .list_sql_users(&cluster.id, &Default::default())
        .await
        .unwrap();
    assert_eq!(list.users.len(), 2);
    let actions = audit_actions(&server).await;
    assert_eq!(
        actions[1..],
        [
            "AUDIT_LOG_ACTION_CREATE_SQL_USER",
            "AUDIT_LOG_ACTION_CREATE_SQL_USER",
            "AUDIT_LOG_ACTION_CREATE_SQL_USER",
            "AUDIT_LOG_ACTION_CHANGE_SQL_USER_PASSWORD",
            "AUDIT_LOG_ACTION_DELETE_SQL_USER",
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn passwords_never_appear_in_answers_or_the_audit_log() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_standard(&c, "secret-cluster").await;
    let raw = http()
        .post(format!(
            "{}/api/v1/clusters/{}/sql-users",
            server.base_url(),
            cluster.id
        ))
        .bearer_auth(server.api_key())
        .json(&serde_json::json!({"name": "dave", "password": "TopSecret-123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status().as_u16(), 200);
    assert_eq!(
        raw.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!({"name": "dave"})
    );
    c.update_sql_user_password(
        &cluster.id,
        "dave",
        &UpdateSqlUserPasswordBody {
            password: "TopSecret-456".into(),
        },
    )
    .await
    .unwrap();
    let log = http()
        .get(format!("{}/local/v1/audit-log", server.base_url()))
        .bearer_auth(server.api_key())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(log.contains("dave"));
    assert!(!log.contains("TopSecret"), "{log}");
    server.shutdown().await;
}

#[tokio::test]
async fn invalid_names_and_short_passwords_are_refused() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_standard(&c, "rules-cluster").await;
    let long = "a".repeat(64);
    for bad in [
        "1user",
        "-user",
        "us er",
        "us@er",
        "root",
        long.as_str(),
        "",
    ] {
        let err = c
            .create_sql_user(&cluster.id, &user(bad, "password-ok"))
            .await
            .unwrap_err();
        let (status, code, message) = api_err(&err);
        assert_eq!((status, code), (400, 3), "{bad}: {message}");
        assert!(message.starts_with("name:"), "{message}");
    }
    let ok63 = "b".repeat(63);
    c.create_sql_user(&cluster.id, &user(&ok63, "password-ok"))
        .await
        .unwrap();
    c.create_sql_user(&cluster.id, &user("_a.b-c9", "password-ok"))
        .await
        .unwrap();
    let err = c
        .create_sql_user(&cluster.id, &user("erin", "short"))
        .await
        .unwrap_err();
    let (status, code, message) = api_err(&err);
    assert_eq!((status, code), (400, 3));
    assert!(message.starts_with("password:"), "{message}");
    c.create_sql_user(&cluster.id, &user("erin", "long-enough"))
        .await
        .unwrap();
    let err = c
        .update_sql_user_password(
            &cluster.id,
            "erin",
            &UpdateSqlUserPasswordBody {
                password: "1234567".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).1, 3);
    // a missing password field is a bad body
    let raw = http()
        .post(format!(
            "{}/api/v1/clusters/{}/sql-users",
            server.base_url(),
            cluster.id
        ))
        .bearer_auth(server.api_key())
        .json(&serde_json::json!({"name": "frank"}))
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status().as_u16(), 400);
    server.shutdown().await;
}

#[tokio::test]
async fn duplicates_conflict_and_unknown_users_are_not_found() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_standard(&c, "dupes-cluster").await;
    c.create_sql_user(&cluster.id, &user("gina", "password-1"))
        .await
        .unwrap();
    for dup in ["gina", "GINA"] {
        let err = c
            .create_sql_user(&cluster.id, &user(dup, "password-2"))
            .await
            .unwrap_err();
        let (status, code, _) = api_err(&err);
        assert_eq!((status, code), (409, 6));
    }
    let err = c.delete_sql_user(&cluster.id, "nobody").await.unwrap_err();
    assert_eq!(api_err(&err).0, 404);
    let err = c
        .update_sql_user_password(
            &cluster.id,
            "nobody",
            &UpdateSqlUserPasswordBody {
                password: "password-3".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).0, 404);
    // unknown and deleted clusters are not found
    let err = c
        .list_sql_users("no-such-cluster", &Default::default())
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).1, 5);
    c.delete_cluster(&cluster.id).await.unwrap();
    let err = c
        .create_sql_user(&cluster.id, &user("hank", "password-4"))
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).0, 404);
    server.shutdown().await;
}

#[tokio::test]
async fn a_cluster_that_is_not_created_refuses_with_its_state() {
    use crdb_cloud::models::clusters::*;
    let server = start_manual().await;
    let c = client(&server);
    let cluster = created_advanced(&c, "creating-users").await;
    let err = c
        .create_sql_user(&cluster.id, &user("ivan", "password-1"))
        .await
        .unwrap_err();
    let (status, code, message) = api_err(&err);
    assert_eq!((status, code), (400, 9));
    assert!(message.contains("CREATING"), "{message}");
    let err = c
        .list_sql_users(&cluster.id, &Default::default())
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).1, 9);
    advance(&server, &cluster.id).await;
    c.create_sql_user(&cluster.id, &user("ivan", "password-1"))
        .await
        .unwrap();
    // LOCKED by a scale-up: mutations refused, the list still served
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
    let err = c.delete_sql_user(&cluster.id, "ivan").await.unwrap_err();
    let (status, code, message) = api_err(&err);
    assert_eq!((status, code), (400, 9));
    assert!(message.contains("LOCKED"), "{message}");
    let list = c
        .list_sql_users(&cluster.id, &Default::default())
        .await
        .unwrap();
    assert_eq!(list.users.len(), 1);
    advance(&server, &cluster.id).await;
    c.delete_sql_user(&cluster.id, "ivan").await.unwrap();
    server.shutdown().await;
}

#[tokio::test]
async fn pages_walk_in_name_order() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_standard(&c, "paged-users").await;
    for i in (0..7).rev() {
        c.create_sql_user(&cluster.id, &user(&format!("user{i}"), "password-x"))
            .await
            .unwrap();
    }
    let mut options = ListOptions::limit(3);
    let mut names = Vec::new();
    let mut pages = 0;
    loop {
        let page = c.list_sql_users(&cluster.id, &options).await.unwrap();
        pages += 1;
        names.extend(page.users.into_iter().map(|u| u.name));
        match options.next(page.pagination.as_ref()) {
            Some(next) => options = next,
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let expected: Vec<String> = (0..7).map(|i| format!("user{i}")).collect();
    assert_eq!(names, expected);
    server.shutdown().await;
}

#[tokio::test]
async fn roles_are_enforced() {
    let server = start().await;
    let c = client(&server);
    let cluster = created_standard(&c, "rbac-users").await;
    let other = created_standard(&c, "rbac-other").await;
    let dev = client_for(
        &server,
        "dev",
        &[("CLUSTER_DEVELOPER", "CLUSTER", &cluster.id)],
    )
    .await;
    // a developer may list but not create
    dev.list_sql_users(&cluster.id, &Default::default())
        .await
        .unwrap();
    let err = dev
        .create_sql_user(&cluster.id, &user("jane", "password-1"))
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).0, 403);
    // another cluster is out of scope: not found
    let err = dev
        .list_sql_users(&other.id, &Default::default())
        .await
        .unwrap_err();
    assert_eq!(api_err(&err).0, 404);
    server.shutdown().await;
}
