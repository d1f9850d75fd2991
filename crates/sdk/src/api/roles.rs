//! Role management: list grants, read and replace a user's roles, grant
//! and revoke one role, find people by email.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::roles::{
    GetAllRolesForUserResponse, GetPersonUsersByEmailResponse, ListRoleGrantsResponse,
    OrganizationUserRole, ResourceType, SetRolesForUserBody, UserRoleGrants,
};
use crate::operation as op;
use crate::pagination::{ListOptions, paginate};
use futures_util::Stream;

impl Client {
    /// `ListRoleGrants`: one page of the organization's grants.
    pub async fn list_role_grants(
        &self,
        pagination: &ListOptions,
    ) -> Result<ListRoleGrantsResponse> {
        let mut q = Query::new();
        pagination.apply(&mut q);
        self.send(&op::LIST_ROLE_GRANTS, &[], &q, None::<&()>).await
    }

    /// Every user's direct grants, page after page. Grants through groups
    /// (`user_group_grants`) are only in [`Client::list_role_grants`].
    pub fn list_role_grants_all(
        &self,
        pagination: ListOptions,
    ) -> impl Stream<Item = Result<UserRoleGrants>> + '_ {
        paginate(pagination, move |p: ListOptions| async move {
            let page = self.list_role_grants(&p).await?;
            let next = p.next(page.pagination.as_ref());
            Ok((page.grants.unwrap_or_default(), next))
        })
    }

    /// `GetAllRolesForUser`: the roles of a user or service account.
    pub async fn get_all_roles_for_user(
        &self,
        user_id: &str,
    ) -> Result<GetAllRolesForUserResponse> {
        self.send(
            &op::GET_ALL_ROLES_FOR_USER,
            &[user_id],
            &Query::new(),
            None::<&()>,
        )
        .await
    }

    /// `SetRolesForUser`: replaces every direct grant of a user or service account.
    pub async fn set_roles_for_user(
        &self,
        user_id: &str,
        body: &SetRolesForUserBody,
    ) -> Result<GetAllRolesForUserResponse> {
        self.send(
            &op::SET_ROLES_FOR_USER,
            &[user_id],
            &Query::new(),
            Some(body),
        )
        .await
    }

    /// `RemoveUserFromRole`: revokes one role on one resource.
    pub async fn remove_user_from_role(
        &self,
        user_id: &str,
        resource_type: &ResourceType,
        resource_id: &str,
        role_name: &OrganizationUserRole,
    ) -> Result<GetAllRolesForUserResponse> {
        self.send(
            &op::REMOVE_USER_FROM_ROLE,
            &[
                user_id,
                resource_type.as_str(),
                resource_id,
                role_name.as_str(),
            ],
            &Query::new(),
            None::<&()>,
        )
        .await
    }

    /// `AddUserToRole`: grants one role on one resource.
    pub async fn add_user_to_role(
        &self,
        user_id: &str,
        resource_type: &ResourceType,
        resource_id: &str,
        role_name: &OrganizationUserRole,
    ) -> Result<GetAllRolesForUserResponse> {
        self.send(
            &op::ADD_USER_TO_ROLE,
            &[
                user_id,
                resource_type.as_str(),
                resource_id,
                role_name.as_str(),
            ],
            &Query::new(),
            None::<&()>,
        )
        .await
    }

    /// `GetPersonUsersByEmail`: the person with this email address.
    pub async fn get_person_users_by_email(
        &self,
        email: &str,
    ) -> Result<GetPersonUsersByEmailResponse> {
        let mut q = Query::new();
        q.opt("email", Some(email));
        self.send(&op::GET_PERSON_USERS_BY_EMAIL, &[], &q, None::<&()>)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::testing::Scripted;
    use crate::models::roles::{BuiltInRole, Resource};
    use futures_executor::block_on;
    use futures_util::TryStreamExt;

    #[test]
    fn single_role_calls_put_the_enums_in_the_path() {
        let (client, t) = Scripted::client(&[r#"{"roles":[]}"#, "{}"]);
        block_on(client.add_user_to_role(
            "u-1",
            &ResourceType::Cluster,
            "c-1",
            &OrganizationUserRole::ClusterOperatorWriter,
        ))
        .unwrap();
        block_on(client.remove_user_from_role(
            "u-1",
            &ResourceType::Folder,
            "f/1",
            &OrganizationUserRole::FolderAdmin,
        ))
        .unwrap();
        assert_eq!(
            t.calls(),
            [
                (
                    "POST".to_string(),
                    "http://api.test/api/v1/roles/u-1/CLUSTER/c-1/CLUSTER_OPERATOR_WRITER"
                        .to_string()
                ),
                (
                    "DELETE".to_string(),
                    "http://api.test/api/v1/roles/u-1/FOLDER/f%2F1/FOLDER_ADMIN".to_string()
                ),
            ]
        );
    }

    #[test]
    fn set_roles_sends_the_whole_set_and_lookup_sends_the_email() {
        let (client, t) = Scripted::client(&[
            r#"{"roles":[{"name":"ORG_MEMBER","resource":{"type":"ORGANIZATION"}}]}"#,
            r#"{"user":{"id":"u-9","email":"a+b@example.com"}}"#,
        ]);
        let body = SetRolesForUserBody {
            roles: vec![BuiltInRole {
                name: OrganizationUserRole::OrgMember,
                resource: Resource::organization(),
            }],
        };
        let got = block_on(client.set_roles_for_user("u-9", &body)).unwrap();
        assert_eq!(got.roles, Some(body.roles.clone()));
        let who = block_on(client.get_person_users_by_email("a+b@example.com")).unwrap();
        assert_eq!(who.user.map(|u| u.id), Some("u-9".to_string()));
        let calls = t.calls();
        assert_eq!(calls[0].0, "PUT");
        assert_eq!(
            t.body(0).as_deref(),
            Some(r#"{"roles":[{"name":"ORG_MEMBER","resource":{"type":"ORGANIZATION"}}]}"#)
        );
        assert_eq!(
            calls[1].1,
            "http://api.test/api/v1/users/persons-by-email?email=a%2Bb%40example.com"
        );
    }

    #[test]
    fn grants_stream_walks_pages() {
        let (client, t) = Scripted::client(&[
            r#"{"grants":[{"user_id":"a","roles":[]}],"pagination":{"next_page":"p2"}}"#,
            r#"{"grants":[{"user_id":"b","roles":[]}],"pagination":null}"#,
        ]);
        let all: Vec<UserRoleGrants> = block_on(
            client
                .list_role_grants_all(ListOptions::limit(1))
                .try_collect(),
        )
        .unwrap();
        let users: Vec<_> = all.iter().map(|g| g.user_id.as_str()).collect();
        assert_eq!(users, ["a", "b"]);
        assert_eq!(
            t.calls()[1].1,
            "http://api.test/api/v1/roles?pagination.page=p2&pagination.limit=1"
        );
    }
}
