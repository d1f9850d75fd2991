//! SQL users: list, create, delete, change password.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::sql_users::{
    CreateSqlUserBody, ListSqlUsersResponse, SqlUser, UpdateSqlUserPasswordBody,
};
use crate::operation as op;
use crate::pagination::{ListOptions, paginate};
use futures_util::Stream;

impl Client {
    /// `ListSQLUsers`: one page of a cluster's SQL users, by name.
    pub async fn list_sql_users(
        &self,
        cluster_id: &str,
        pagination: &ListOptions,
    ) -> Result<ListSqlUsersResponse> {
        let mut q = Query::new();
        pagination.apply(&mut q);
        self.send(&op::LIST_SQL_USERS, &[cluster_id], &q, None::<&()>)
            .await
    }

    /// Every SQL user of a cluster, page after page.
    pub fn list_sql_users_all<'a>(
        &'a self,
        cluster_id: &'a str,
    ) -> impl Stream<Item = Result<SqlUser>> + 'a {
        paginate(ListOptions::default(), move |p: ListOptions| async move {
            let page = self.list_sql_users(cluster_id, &p).await?;
            Ok((page.users, p.next(page.pagination.as_ref())))
        })
    }

    /// `CreateSQLUser`: the user gets the SQL `admin` role.
    pub async fn create_sql_user(
        &self,
        cluster_id: &str,
        body: &CreateSqlUserBody,
    ) -> Result<SqlUser> {
        self.send(
            &op::CREATE_SQL_USER,
            &[cluster_id],
            &Query::new(),
            Some(body),
        )
        .await
    }

    /// `DeleteSQLUser`.
    pub async fn delete_sql_user(&self, cluster_id: &str, name: &str) -> Result<SqlUser> {
        self.send(
            &op::DELETE_SQL_USER,
            &[cluster_id, name],
            &Query::new(),
            None::<&()>,
        )
        .await
    }

    /// `UpdateSQLUserPassword`.
    pub async fn update_sql_user_password(
        &self,
        cluster_id: &str,
        name: &str,
        body: &UpdateSqlUserPasswordBody,
    ) -> Result<SqlUser> {
        self.send(
            &op::UPDATE_SQL_USER_PASSWORD,
            &[cluster_id, name],
            &Query::new(),
            Some(body),
        )
        .await
    }
}
