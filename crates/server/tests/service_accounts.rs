//! Service accounts and API keys through the SDK client against an
//! in-process server.

mod common;

use common::accounts::account_with;
use common::*;
use crdb_cloud::ListOptions;
use crdb_cloud::api::api_keys::ListApiKeysParams;
use crdb_cloud::models::api_keys::*;
use crdb_cloud::models::roles::{BuiltInRole, OrganizationUserRole, Resource};
use crdb_cloud::models::service_accounts::*;

fn role(name: OrganizationUserRole, resource: Resource) -> BuiltInRole {
    BuiltInRole { name, resource }
}

fn new_account(name: &str, roles: Vec<BuiltInRole>) -> CreateServiceAccountRequest {
    CreateServiceAccountRequest {
        name: name.into(),
        description: format!("{name} account"),
        roles,
    }
}

fn code(e: &crdb_cloud::Error) -> (u16, i32) {
    let (status, code, _) = api_err(e);
    (status, code)
}

#[tokio::test]
async fn service_account_lifecycle_with_audit() {
    let server = start().await;
    let c = client(&server);
    let sa = c
        .create_service_account(&new_account(
            "ci-bot",
            vec![role(
                OrganizationUserRole::ClusterAdmin,
                Resource::organization(),
            )],
        ))
        .await
        .unwrap();
    assert_eq!(sa.name, "ci-bot");
    assert_eq!(sa.description, "ci-bot account");
    assert_eq!(sa.creator_name, "bootstrap-admin");
    assert_eq!(
        sa.roles,
        [role(
            OrganizationUserRole::ClusterAdmin,
            Resource::organization()
        )]
    );
    assert!(sa.group_roles.is_empty());
    assert_eq!(c.get_service_account(&sa.id).await.unwrap(), sa);
    // the roles given at creation are grants
    let roles = c.get_all_roles_for_user(&sa.id).await.unwrap();
    assert_eq!(roles.roles.unwrap(), sa.roles);
    c.create_service_account(&new_account("alpha", vec![]))
        .await
        .unwrap();
    // listed by name, a page at a time
    let page = c
        .list_service_accounts(&ListOptions {
            limit: Some(2),
            ..Default::default()
        })
        .await
        .unwrap();
    let names: Vec<_> = page
        .service_accounts
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["alpha", "bootstrap-admin"]);
    let next = ListOptions {
        limit: Some(2),
        page: page.pagination.unwrap().next_page,
        ..Default::default()
    };
    let page = c.list_service_accounts(&next).await.unwrap();
    assert_eq!(page.service_accounts.len(), 1);
    assert_eq!(page.service_accounts[0].name, "ci-bot");
    assert!(page.pagination.is_none());
    // update
    let updated = c
        .update_service_account(
            &sa.id,
            &UpdateServiceAccountSpecification {
                name: Some("deploy-bot".into()),
                description: Some(String::new()),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (updated.name.as_str(), updated.description.as_str()),
        ("deploy-bot", "")
    );
    assert_eq!(updated.roles, sa.roles);
    // delete
    let deleted = c.delete_service_account(&sa.id).await.unwrap();
    assert_eq!(deleted.name, "deploy-bot");
    assert_eq!(
        code(&c.get_service_account(&sa.id).await.unwrap_err()),
        (404, 5)
    );
    assert_eq!(
        audit_actions(&server).await,
        [
            "AUDIT_LOG_ACTION_CREATE_SERVICE_ACCOUNT",
            "AUDIT_LOG_ACTION_CREATE_SERVICE_ACCOUNT",
            "AUDIT_LOG_ACTION_UPDATE_SERVICE_ACCOUNT",
            "AUDIT_LOG_ACTION_DELETE_SERVICE_ACCOUNT",
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn service_account_errors() {
    let server = start().await;
    let c = client(&server);
    for bad in ["", "  ", " padded", "line\nbreak"] {
        let err = c
            .create_service_account(&new_account(bad, vec![]))
            .await
            .unwrap_err();
        assert_eq!(code(&err), (400, 3), "{bad:?}");
    }
    let long = new_account(&"n".repeat(129), vec![]);
    assert_eq!(
        code(&c.create_service_account(&long).await.unwrap_err()),
        (400, 3)
    );
    let taken = c
        .create_service_account(&new_account("taken", vec![]))
        .await
        .unwrap();
    let other = c
        .create_service_account(&new_account("other", vec![]))
        .await
        .unwrap();
    let dup = c
        .create_service_account(&new_account("taken", vec![]))
        .await
        .unwrap_err();
    assert_eq!(code(&dup), (409, 6));
    let rename = UpdateServiceAccountSpecification {
        name: Some("taken".into()),
        ..Default::default()
    };
    assert_eq!(
        code(
            &c.update_service_account(&other.id, &rename)
                .await
                .unwrap_err()
        ),
        (409, 6)
    );
    // renaming to its own name is fine
    c.update_service_account(&taken.id, &rename).await.unwrap();
    let empty = UpdateServiceAccountSpecification {
        name: Some(String::new()),
        ..Default::default()
    };
    assert_eq!(
        code(
            &c.update_service_account(&other.id, &empty)
                .await
                .unwrap_err()
        ),
        (400, 3)
    );
    // unknown ids
    assert_eq!(
        code(&c.get_service_account("nope").await.unwrap_err()),
        (404, 5)
    );
    assert_eq!(
        code(&c.update_service_account("nope", &rename).await.unwrap_err()),
        (404, 5)
    );
    assert_eq!(
        code(&c.delete_service_account("nope").await.unwrap_err()),
        (404, 5)
    );
    // roles: a role that does not fit its resource, an unknown cluster
    let misfit = new_account(
        "misfit",
        vec![role(OrganizationUserRole::OrgAdmin, Resource::cluster("c"))],
    );
    assert_eq!(
        code(&c.create_service_account(&misfit).await.unwrap_err()),
        (400, 3)
    );
    let ghost = new_account(
        "ghost",
        vec![role(
            OrganizationUserRole::ClusterAdmin,
            Resource::cluster("no-such-cluster"),
        )],
    );
    assert_eq!(
        code(&c.create_service_account(&ghost).await.unwrap_err()),
        (404, 5)
    );
    // nothing was made by the failures
    let all = c.list_service_accounts(&Default::default()).await.unwrap();
    assert_eq!(all.service_accounts.len(), 3);
    server.shutdown().await;
}

#[tokio::test]
async fn who_may_create_and_delete_service_accounts() {
    let server = start().await;
    let c = client(&server);
    let cluster = c.create_cluster(&standard("sa-cluster")).await.unwrap();
    let (ca_id, ca) = account_with(
        &server,
        "org-cluster-admin",
        &[("CLUSTER_ADMIN", "ORGANIZATION", "")],
    )
    .await;
    // CLUSTER_ADMIN may create accounts with cluster roles on its clusters...
    let dev = ca
        .create_service_account(&new_account(
            "dev",
            vec![role(
                OrganizationUserRole::ClusterDeveloper,
                Resource::cluster(&cluster.id),
            )],
        ))
        .await
        .unwrap();
    assert_eq!(dev.creator_name, "org-cluster-admin");
    // ...but not hand out organization roles
    let err = ca
        .create_service_account(&new_account(
            "boss",
            vec![role(
                OrganizationUserRole::OrgAdmin,
                Resource::organization(),
            )],
        ))
        .await
        .unwrap_err();
    assert_eq!(code(&err), (403, 7));
    // reading is allowed, deleting and updating are ORG_ADMIN only
    ca.get_service_account(&dev.id).await.unwrap();
    assert_eq!(
        code(&ca.delete_service_account(&dev.id).await.unwrap_err()),
        (403, 7)
    );
    assert_eq!(
        code(
            &ca.update_service_account(&dev.id, &Default::default())
                .await
                .unwrap_err()
        ),
        (403, 7)
    );
    // a developer cannot even list
    let (_, d) = account_with(
        &server,
        "plain-dev",
        &[("CLUSTER_DEVELOPER", "CLUSTER", &cluster.id)],
    )
    .await;
    assert_eq!(
        code(
            &d.list_service_accounts(&Default::default())
                .await
                .unwrap_err()
        ),
        (403, 7)
    );
    // an account cannot delete itself, and the bootstrap account stays
    let (oa_id, oa) = account_with(
        &server,
        "second-admin",
        &[("ORG_ADMIN", "ORGANIZATION", "")],
    )
    .await;
    let err = oa.delete_service_account(&oa_id).await.unwrap_err();
    assert_eq!(code(&err), (400, 9));
    let bootstrap = c
        .list_service_accounts(&Default::default())
        .await
        .unwrap()
        .service_accounts
        .into_iter()
        .find(|s| s.name == "bootstrap-admin")
        .unwrap();
    let err = oa.delete_service_account(&bootstrap.id).await.unwrap_err();
    assert_eq!(api_err(&err).1, 9);
    let rename = UpdateServiceAccountSpecification {
        name: Some("renamed-admin".into()),
        ..Default::default()
    };
    let err = oa
        .update_service_account(&bootstrap.id, &rename)
        .await
        .unwrap_err();
    assert_eq!(code(&err), (400, 9));
    let describe = UpdateServiceAccountSpecification {
        description: Some("still the bootstrap account".into()),
        ..Default::default()
    };
    oa.update_service_account(&bootstrap.id, &describe)
        .await
        .unwrap();
    // deleting another account works
    oa.delete_service_account(&ca_id).await.unwrap();
    assert_eq!(
        api_err(&ca.get_service_account(&dev.id).await.unwrap_err()).0,
        401
    );
    server.shutdown().await;
}

#[tokio::test]
async fn api_key_lifecycle_secret_once_and_revocation() {
    let server = start().await;
    let c = client(&server);
    let sa = c
        .create_service_account(&new_account(
            "keyed",
            vec![role(
                OrganizationUserRole::OrgAdmin,
                Resource::organization(),
            )],
        ))
        .await
        .unwrap();
    let created = c
        .create_api_key(&CreateApiKeyRequest {
            name: "first".into(),
            service_account_id: sa.id.clone(),
        })
        .await
        .unwrap();
    let key = created.api_key.clone();
    assert!(key.id.starts_with("CCDB1_"), "{}", key.id);
    assert!(created.secret.starts_with(&format!("{}_", key.id)));
    assert_eq!(key.name, "first");
    assert_eq!(key.service_account_id, sa.id);
    // the secret authenticates as the account, at once
    let as_sa = client_with_key(&server, &created.secret);
    as_sa.get_organization_info().await.unwrap();
    // the secret is never shown again, nor logged
    let got = c.get_api_key(&key.id).await.unwrap();
    assert_eq!(got, key);
    let log = http()
        .get(format!("{}/local/v1/audit-log", server.base_url()))
        .bearer_auth(server.api_key())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let tail = created.secret.rsplit('_').next().unwrap();
    assert!(!log.contains(tail));
    // a second key; lists by creation time, filtered by account
    let second = c
        .create_api_key(&CreateApiKeyRequest {
            name: "second".into(),
            service_account_id: sa.id.clone(),
        })
        .await
        .unwrap();
    let mine = c
        .list_api_keys(&ListApiKeysParams {
            service_account_id: Some(sa.id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    let names: Vec<_> = mine.api_keys.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names, ["first", "second"]);
    let all = c.list_api_keys(&Default::default()).await.unwrap();
    assert_eq!(all.api_keys.len(), 3, "the bootstrap key too");
    let page = c
        .list_api_keys(&ListApiKeysParams {
            service_account_id: Some(sa.id.clone()),
            pagination: ListOptions {
                limit: Some(1),
                ..Default::default()
            },
        })
        .await
        .unwrap();
    assert_eq!(page.api_keys[0].name, "first");
    assert!(page.pagination.is_some());
    // rename
    let renamed = c
        .update_api_key(
            &key.id,
            &UpdateApiKeySpecification {
                name: Some("renamed".into()),
            },
        )
        .await
        .unwrap();
    assert_eq!(renamed.name, "renamed");
    // delete: that key stops at once, the other still works
    let deleted = c.delete_api_key(&key.id).await.unwrap();
    assert_eq!(deleted.id, key.id);
    assert_eq!(
        code(&as_sa.get_organization_info().await.unwrap_err()),
        (401, 16)
    );
    assert_eq!(code(&c.get_api_key(&key.id).await.unwrap_err()), (404, 5));
    client_with_key(&server, &second.secret)
        .get_organization_info()
        .await
        .unwrap();
    // deleting the account deletes its keys
    c.delete_service_account(&sa.id).await.unwrap();
    assert_eq!(
        code(
            &client_with_key(&server, &second.secret)
                .get_organization_info()
                .await
                .unwrap_err()
        ),
        (401, 16)
    );
    assert!(
        c.list_api_keys(&ListApiKeysParams {
            service_account_id: Some(sa.id.clone()),
            ..Default::default()
        })
        .await
        .unwrap()
        .api_keys
        .is_empty()
    );
    let actions = audit_actions(&server).await;
    for action in [
        "AUDIT_LOG_ACTION_CREATE_API_KEY",
        "AUDIT_LOG_ACTION_UPDATE_API_KEY",
        "AUDIT_LOG_ACTION_DELETE_API_KEY",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action}");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn api_key_errors_and_roles() {
    let server = start().await;
    let c = client(&server);
    let sa = c
        .create_service_account(&new_account("holder", vec![]))
        .await
        .unwrap();
    let err = c
        .create_api_key(&CreateApiKeyRequest {
            name: "k".into(),
            service_account_id: "no-such-account".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 5));
    let err = c
        .create_api_key(&CreateApiKeyRequest {
            name: String::new(),
            service_account_id: sa.id.clone(),
        })
        .await
        .unwrap_err();
    assert_eq!(code(&err), (400, 3));
    assert_eq!(
        code(&c.get_api_key("CCDB1_nope").await.unwrap_err()),
        (404, 5)
    );
    assert_eq!(
        code(&c.delete_api_key("CCDB1_nope").await.unwrap_err()),
        (404, 5)
    );
    let rename = UpdateApiKeySpecification {
        name: Some("x".into()),
    };
    assert_eq!(
        code(&c.update_api_key("CCDB1_nope", &rename).await.unwrap_err()),
        (404, 5)
    );
    let key = c
        .create_api_key(&CreateApiKeyRequest {
            name: "k".into(),
            service_account_id: sa.id.clone(),
        })
        .await
        .unwrap()
        .api_key;
    let blank = UpdateApiKeySpecification {
        name: Some(" ".into()),
    };
    assert_eq!(
        code(&c.update_api_key(&key.id, &blank).await.unwrap_err()),
        (400, 3)
    );
    // a key of an account without roles authenticates but may do nothing
    let bare = c
        .create_api_key(&CreateApiKeyRequest {
            name: "bare".into(),
            service_account_id: sa.id.clone(),
        })
        .await
        .unwrap();
    let b = client_with_key(&server, &bare.secret);
    assert_eq!(code(&b.get_api_key(&key.id).await.unwrap_err()), (403, 7));
    // CLUSTER_ADMIN reads keys but may not create, rename or delete them
    let (_, ca) = account_with(&server, "ca", &[("CLUSTER_ADMIN", "ORGANIZATION", "")]).await;
    ca.get_api_key(&key.id).await.unwrap();
    ca.list_api_keys(&Default::default()).await.unwrap();
    let req = CreateApiKeyRequest {
        name: "k2".into(),
        service_account_id: sa.id.clone(),
    };
    assert_eq!(code(&ca.create_api_key(&req).await.unwrap_err()), (403, 7));
    assert_eq!(
        code(&ca.update_api_key(&key.id, &rename).await.unwrap_err()),
        (403, 7)
    );
    assert_eq!(
        code(&ca.delete_api_key(&key.id).await.unwrap_err()),
        (403, 7)
    );
    server.shutdown().await;
}

#[tokio::test]
async fn deletions_survive_a_restart() {
    let dir = std::env::temp_dir().join(format!("crdb-cloud-sa-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let config = |c: crdb_cloud_server::Config| crdb_cloud_server::Config {
        storage: crdb_cloud_server::Storage::Dir(dir.clone()),
        bootstrap_api_key: Some("CCDB1_test_sa-durable-secret".into()),
        ..c
    };
    let server = start_with(config).await;
    let c = client(&server);
    let sa = c
        .create_service_account(&new_account(
            "durable",
            vec![role(
                OrganizationUserRole::OrgMember,
                Resource::organization(),
            )],
        ))
        .await
        .unwrap();
    let kept = c
        .create_api_key(&CreateApiKeyRequest {
            name: "kept".into(),
            service_account_id: sa.id.clone(),
        })
        .await
        .unwrap();
    let dropped = c
        .create_api_key(&CreateApiKeyRequest {
            name: "dropped".into(),
            service_account_id: sa.id.clone(),
        })
        .await
        .unwrap();
    c.delete_api_key(&dropped.api_key.id).await.unwrap();
    server.shutdown().await;

    let server = start_with(config).await;
    let c = client(&server);
    assert_eq!(c.get_service_account(&sa.id).await.unwrap().name, "durable");
    client_with_key(&server, &kept.secret)
        .get_organization_info()
        .await
        .unwrap();
    assert_eq!(
        api_err(
            &client_with_key(&server, &dropped.secret)
                .get_organization_info()
                .await
                .unwrap_err()
        )
        .0,
        401
    );
    c.delete_service_account(&sa.id).await.unwrap();
    server.shutdown().await;

    let server = start_with(config).await;
    let c = client(&server);
    assert_eq!(
        api_err(&c.get_service_account(&sa.id).await.unwrap_err()).0,
        404
    );
    assert_eq!(
        api_err(
            &client_with_key(&server, &kept.secret)
                .get_organization_info()
                .await
                .unwrap_err()
        )
        .0,
        401
    );
    server.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
