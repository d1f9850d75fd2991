//! Role management through the SDK client against an in-process server.

mod common;

use common::accounts::account_with;
use common::*;
use crdb_cloud::ListOptions;
use crdb_cloud::models::roles::*;
use crdb_cloud::models::service_accounts::CreateServiceAccountRequest;

fn code(e: &crdb_cloud::Error) -> (u16, i32) {
    let (status, code, _) = api_err(e);
    (status, code)
}

fn role(name: OrganizationUserRole, resource: Resource) -> BuiltInRole {
    BuiltInRole { name, resource }
}

async fn bare_account(c: &crdb_cloud::Client, name: &str) -> String {
    c.create_service_account(&CreateServiceAccountRequest {
        name: name.into(),
        description: String::new(),
        roles: vec![],
    })
    .await
    .unwrap()
    .id
}

#[tokio::test]
async fn add_set_remove_and_list_with_audit() {
    let server = start().await;
    let c = client(&server);
    let cluster = c.create_cluster(&standard("roles-cluster")).await.unwrap();
    let org = c.get_organization_info().await.unwrap();
    let user = bare_account(&c, "target").await;
    let got = c
        .add_user_to_role(
            &user,
            &ResourceType::Cluster,
            &cluster.id,
            &OrganizationUserRole::ClusterDeveloper,
        )
        .await
        .unwrap();
    let dev = role(
        OrganizationUserRole::ClusterDeveloper,
        Resource::cluster(&cluster.id),
    );
    assert_eq!(got.roles.clone().unwrap(), std::slice::from_ref(&dev));
    assert_eq!(got.group_roles, Some(vec![]));
    // adding it again changes nothing
    c.add_user_to_role(
        &user,
        &ResourceType::Cluster,
        &cluster.id,
        &OrganizationUserRole::ClusterDeveloper,
    )
    .await
    .unwrap();
    // the organization scope takes the organization's id in the path
    let got = c
        .add_user_to_role(
            &user,
            &ResourceType::Organization,
            &org.id,
            &OrganizationUserRole::OrgMember,
        )
        .await
        .unwrap();
    let member = role(OrganizationUserRole::OrgMember, Resource::organization());
    assert_eq!(got.roles.unwrap(), [dev.clone(), member.clone()]);
    assert_eq!(
        c.get_all_roles_for_user(&user)
            .await
            .unwrap()
            .roles
            .unwrap(),
        [dev.clone(), member.clone()]
    );
    // replace
    let admin = role(
        OrganizationUserRole::ClusterAdmin,
        Resource::cluster(&cluster.id),
    );
    let set = c
        .set_roles_for_user(
            &user,
            &SetRolesForUserBody {
                roles: vec![admin.clone(), member.clone()],
            },
        )
        .await
        .unwrap();
    assert_eq!(set.roles.unwrap(), [admin.clone(), member.clone()]);
    // remove
    let left = c
        .remove_user_from_role(
            &user,
            &ResourceType::Organization,
            &org.id,
            &OrganizationUserRole::OrgMember,
        )
        .await
        .unwrap();
    assert_eq!(left.roles.unwrap(), std::slice::from_ref(&admin));
    // list: every account with grants, by user id, a page at a time
    let page = c.list_role_grants(&Default::default()).await.unwrap();
    let grants = page.grants.unwrap();
    assert_eq!(grants.len(), 2);
    let mine = grants.iter().find(|g| g.user_id == user).unwrap();
    assert_eq!(mine.roles, std::slice::from_ref(&admin));
    assert_eq!(page.user_group_grants, Some(vec![]));
    let first = c
        .list_role_grants(&ListOptions {
            limit: Some(1),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(first.grants.unwrap().len(), 1);
    let token = first.pagination.unwrap().next_page;
    let second = c
        .list_role_grants(&ListOptions {
            limit: Some(1),
            page: token,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(second.grants.unwrap().len(), 1);
    assert!(second.pagination.is_none());
    // an empty set removes everything
    let none = c
        .set_roles_for_user(&user, &SetRolesForUserBody { roles: vec![] })
        .await
        .unwrap();
    assert_eq!(none.roles, Some(vec![]));
    let actions = audit_actions(&server).await;
    let role_actions: Vec<_> = actions
        .iter()
        .filter(|a| a.contains("ROLE"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        role_actions,
        [
            "AUDIT_LOG_ACTION_ADD_USER_TO_ROLE",
            "AUDIT_LOG_ACTION_ADD_USER_TO_ROLE",
            "AUDIT_LOG_ACTION_ASSIGN_USER_ROLE",
            "AUDIT_LOG_ACTION_REMOVE_USER_FROM_ROLE",
            "AUDIT_LOG_ACTION_ASSIGN_USER_ROLE",
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn grants_take_effect_on_the_next_request() {
    let server = start().await;
    let c = client(&server);
    let cluster = c.create_cluster(&standard("rbac-cluster")).await.unwrap();
    let (id, sa) = account_with(&server, "later-dev", &[("ORG_MEMBER", "ORGANIZATION", "")]).await;
    assert_eq!(
        code(&sa.get_cluster(&cluster.id).await.unwrap_err()),
        (403, 7)
    );
    c.add_user_to_role(
        &id,
        &ResourceType::Cluster,
        &cluster.id,
        &OrganizationUserRole::ClusterDeveloper,
    )
    .await
    .unwrap();
    sa.get_cluster(&cluster.id).await.unwrap();
    c.remove_user_from_role(
        &id,
        &ResourceType::Cluster,
        &cluster.id,
        &OrganizationUserRole::ClusterDeveloper,
    )
    .await
    .unwrap();
    assert_eq!(
        code(&sa.get_cluster(&cluster.id).await.unwrap_err()),
        (403, 7)
    );
    server.shutdown().await;
}

#[tokio::test]
async fn role_assignment_rules() {
    let server = start().await;
    let c = client(&server);
    let mine = c.create_cluster(&standard("mine-cluster")).await.unwrap();
    let theirs = c.create_cluster(&standard("their-cluster")).await.unwrap();
    let org = c.get_organization_info().await.unwrap();
    let user = bare_account(&c, "grantee").await;
    let (_, ca) = account_with(
        &server,
        "cluster-admin",
        &[
            ("CLUSTER_ADMIN", "CLUSTER", &mine.id),
            ("ORG_MEMBER", "ORGANIZATION", ""),
        ],
    )
    .await;
    // a cluster admin grants cluster roles on its own cluster...
    ca.add_user_to_role(
        &user,
        &ResourceType::Cluster,
        &mine.id,
        &OrganizationUserRole::ClusterOperatorWriter,
    )
    .await
    .unwrap();
    // ...not on another cluster, and no organization roles
    let err = ca
        .add_user_to_role(
            &user,
            &ResourceType::Cluster,
            &theirs.id,
            &OrganizationUserRole::ClusterDeveloper,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (403, 7));
    let err = ca
        .add_user_to_role(
            &user,
            &ResourceType::Organization,
            &org.id,
            &OrganizationUserRole::OrgMember,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (403, 7));
    // replacing a set is checked for what is added and what is removed
    c.add_user_to_role(
        &user,
        &ResourceType::Organization,
        &org.id,
        &OrganizationUserRole::BillingCoordinator,
    )
    .await
    .unwrap();
    let keep_billing = role(
        OrganizationUserRole::BillingCoordinator,
        Resource::organization(),
    );
    let dev_mine = role(
        OrganizationUserRole::ClusterDeveloper,
        Resource::cluster(&mine.id),
    );
    ca.set_roles_for_user(
        &user,
        &SetRolesForUserBody {
            roles: vec![keep_billing.clone(), dev_mine.clone()],
        },
    )
    .await
    .unwrap();
    let err = ca
        .set_roles_for_user(
            &user,
            &SetRolesForUserBody {
                roles: vec![dev_mine.clone()],
            },
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (403, 7), "removing BILLING_COORDINATOR");
    assert_eq!(
        c.get_all_roles_for_user(&user)
            .await
            .unwrap()
            .roles
            .unwrap(),
        [keep_billing.clone(), dev_mine.clone()]
    );
    let err = ca
        .remove_user_from_role(
            &user,
            &ResourceType::Organization,
            &org.id,
            &OrganizationUserRole::BillingCoordinator,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (403, 7));
    // without any admin role: nothing
    let (_, dev) = account_with(
        &server,
        "developer",
        &[("CLUSTER_DEVELOPER", "CLUSTER", &mine.id)],
    )
    .await;
    let err = dev
        .add_user_to_role(
            &user,
            &ResourceType::Cluster,
            &mine.id,
            &OrganizationUserRole::ClusterDeveloper,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (403, 7));
    assert_eq!(
        code(&dev.get_all_roles_for_user(&user).await.unwrap_err()),
        (403, 7)
    );
    assert_eq!(
        code(&dev.list_role_grants(&Default::default()).await.unwrap_err()),
        (403, 7)
    );
    // an account with no roles at all is refused before anything else
    let (_, nobody) = account_with(&server, "nobody", &[]).await;
    let err = nobody
        .set_roles_for_user(&user, &SetRolesForUserBody { roles: vec![] })
        .await
        .unwrap_err();
    assert_eq!(code(&err), (403, 7));
    server.shutdown().await;
}

#[tokio::test]
async fn role_errors() {
    let server = start().await;
    let c = client(&server);
    let cluster = c.create_cluster(&standard("errs-cluster")).await.unwrap();
    let org = c.get_organization_info().await.unwrap();
    let user = bare_account(&c, "someone").await;
    let dev = OrganizationUserRole::ClusterDeveloper;
    // unknown user
    assert_eq!(
        code(&c.get_all_roles_for_user("ghost").await.unwrap_err()),
        (404, 5)
    );
    let err = c
        .add_user_to_role("ghost", &ResourceType::Cluster, &cluster.id, &dev)
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 5));
    let err = c
        .set_roles_for_user("ghost", &SetRolesForUserBody { roles: vec![] })
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 5));
    // unknown role, unknown resource type, a role that does not fit
    let owner = OrganizationUserRole::from("OWNER");
    let err = c
        .add_user_to_role(&user, &ResourceType::Cluster, &cluster.id, &owner)
        .await
        .unwrap_err();
    assert_eq!(code(&err), (400, 3));
    let err = c
        .add_user_to_role(&user, &ResourceType::from("PROJECT"), "p", &dev)
        .await
        .unwrap_err();
    assert_eq!(code(&err), (400, 3));
    let err = c
        .add_user_to_role(
            &user,
            &ResourceType::Cluster,
            &cluster.id,
            &OrganizationUserRole::OrgAdmin,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (400, 3));
    // unknown cluster, folder, organization
    let err = c
        .add_user_to_role(&user, &ResourceType::Cluster, "no-such-cluster", &dev)
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 5));
    let err = c
        .add_user_to_role(&user, &ResourceType::Folder, "no-such-folder", &dev)
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 5));
    let err = c
        .add_user_to_role(
            &user,
            &ResourceType::Organization,
            "other-org",
            &OrganizationUserRole::OrgMember,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 5));
    let err = c
        .set_roles_for_user(
            &user,
            &SetRolesForUserBody {
                roles: vec![role(dev.clone(), Resource::cluster("no-such-cluster"))],
            },
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 5));
    // removing a role not held
    let err = c
        .remove_user_from_role(&user, &ResourceType::Cluster, &cluster.id, &dev)
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 5));
    // the last ORG_ADMIN stays
    let me = c
        .list_service_accounts(&Default::default())
        .await
        .unwrap()
        .service_accounts
        .into_iter()
        .find(|s| s.name == "bootstrap-admin")
        .unwrap();
    let err = c
        .remove_user_from_role(
            &me.id,
            &ResourceType::Organization,
            &org.id,
            &OrganizationUserRole::OrgAdmin,
        )
        .await
        .unwrap_err();
    assert_eq!(code(&err), (400, 9));
    let err = c
        .set_roles_for_user(&me.id, &SetRolesForUserBody { roles: vec![] })
        .await
        .unwrap_err();
    assert_eq!(code(&err), (400, 9));
    // none of that changed anything
    assert_eq!(
        c.get_all_roles_for_user(&user).await.unwrap().roles,
        Some(vec![])
    );
    server.shutdown().await;
}

#[tokio::test]
async fn person_users_by_email() {
    let server = start().await;
    let c = client(&server);
    let err = c
        .get_person_users_by_email("someone@example.com")
        .await
        .unwrap_err();
    assert_eq!(code(&err), (404, 5));
    assert_eq!(
        code(&c.get_person_users_by_email("").await.unwrap_err()),
        (400, 3)
    );
    assert_eq!(
        code(
            &c.get_person_users_by_email("not-an-email")
                .await
                .unwrap_err()
        ),
        (400, 3)
    );
    let (_, dev) = account_with(&server, "dev", &[("CLUSTER_DEVELOPER", "ORGANIZATION", "")]).await;
    assert_eq!(
        code(&dev.get_person_users_by_email("a@b.c").await.unwrap_err()),
        (403, 7)
    );
    server.shutdown().await;
}
