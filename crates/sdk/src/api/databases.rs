//! Databases: list, create, rename, delete.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::databases::{
    CreateDatabaseBody, Database, EditDatabaseBody, ListDatabasesResponse,
};
use crate::operation as op;
use crate::pagination::{ListOptions, paginate};
use futures_util::Stream;

impl Client {
    /// `ListDatabases`: one page of a cluster's databases, by name.
    pub async fn list_databases(
        &self,
        cluster_id: &str,
        pagination: &ListOptions,
    ) -> Result<ListDatabasesResponse> {
        let mut q = Query::new();
        pagination.apply(&mut q);
        self.send(&op::LIST_DATABASES, &[cluster_id], &q, None::<&()>)
            .await
    }

    /// Every database of a cluster, page after page.
    pub fn list_databases_all<'a>(
        &'a self,
        cluster_id: &'a str,
    ) -> impl Stream<Item = Result<Database>> + 'a {
        paginate(ListOptions::default(), move |p: ListOptions| async move {
            let page = self.list_databases(cluster_id, &p).await?;
            Ok((page.databases, p.next(page.pagination.as_ref())))
        })
    }

    /// `CreateDatabase`.
    pub async fn create_database(
        &self,
        cluster_id: &str,
        body: &CreateDatabaseBody,
    ) -> Result<Database> {
        self.send(
            &op::CREATE_DATABASE,
            &[cluster_id],
            &Query::new(),
            Some(body),
        )
        .await
    }

    /// `EditDatabase`: rename the database the path names (`PATCH
    /// /databases/{name}`); the body repeats the current name.
    pub async fn edit_database(
        &self,
        cluster_id: &str,
        name: &str,
        body: &EditDatabaseBody,
    ) -> Result<Database> {
        self.send(
            &op::EDIT_DATABASE,
            &[cluster_id, name],
            &Query::new(),
            Some(body),
        )
        .await
    }

    /// `EditDatabase2`: rename the database the body names (`PATCH /databases`).
    pub async fn edit_database2(
        &self,
        cluster_id: &str,
        body: &EditDatabaseBody,
    ) -> Result<Database> {
        self.send(
            &op::EDIT_DATABASE2,
            &[cluster_id],
            &Query::new(),
            Some(body),
        )
        .await
    }

    /// `DeleteDatabase`.
    pub async fn delete_database(&self, cluster_id: &str, name: &str) -> Result<Database> {
        self.send(
            &op::DELETE_DATABASE,
            &[cluster_id, name],
            &Query::new(),
            None::<&()>,
        )
        .await
    }
}
