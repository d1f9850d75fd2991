//! Folders: list, create, read, update, delete, and list a folder's contents.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::common::Empty;
use crate::models::folders::{
    CreateFolderRequest, FolderResource, FolderResourceList, ListFoldersResponse,
    UpdateFolderSpecification,
};
use crate::operation as op;
use crate::pagination::{ListOptions, paginate};
use futures_util::Stream;

/// Query of [`Client::list_folders`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListFoldersParams {
    /// Only the folder at this absolute path (`/a/b`, `a/b/`... are the
    /// same); no match gives an empty list.
    pub path: Option<String>,
    /// Paging.
    pub pagination: ListOptions,
}

impl Client {
    /// `ListFolders`: one page of folders, sorted by name.
    pub async fn list_folders(&self, params: &ListFoldersParams) -> Result<ListFoldersResponse> {
        let mut q = Query::new();
        q.opt("path", params.path.as_deref());
        params.pagination.apply(&mut q);
        self.send(&op::LIST_FOLDERS, &[], &q, None::<&()>).await
    }

    /// Every folder, page after page.
    pub fn list_folders_all(
        &self,
        params: ListFoldersParams,
    ) -> impl Stream<Item = Result<FolderResource>> + '_ {
        paginate(params, move |p: ListFoldersParams| async move {
            let page = self.list_folders(&p).await?;
            let next = p
                .pagination
                .next(page.pagination.as_ref())
                .map(|pagination| ListFoldersParams { pagination, ..p });
            Ok((page.folders, next))
        })
    }

    /// `CreateFolder`.
    pub async fn create_folder(&self, request: &CreateFolderRequest) -> Result<FolderResource> {
        self.send(&op::CREATE_FOLDER, &[], &Query::new(), Some(request))
            .await
    }

    /// `DeleteFolder`: answers `{}`.
    pub async fn delete_folder(&self, folder_id: &str) -> Result<Empty> {
        self.send(&op::DELETE_FOLDER, &[folder_id], &Query::new(), None::<&()>)
            .await
    }

    /// `GetFolder`.
    pub async fn get_folder(&self, folder_id: &str) -> Result<FolderResource> {
        self.send(&op::GET_FOLDER, &[folder_id], &Query::new(), None::<&()>)
            .await
    }

    /// `UpdateFolder`: rename, move, or replace the labels.
    pub async fn update_folder(
        &self,
        folder_id: &str,
        spec: &UpdateFolderSpecification,
    ) -> Result<FolderResource> {
        self.send(&op::UPDATE_FOLDER, &[folder_id], &Query::new(), Some(spec))
            .await
    }

    /// `ListFolderContents`: one page of a folder's children (`"root"` for
    /// the top level): folders by name, then clusters by name.
    pub async fn list_folder_contents(
        &self,
        folder_id: &str,
        pagination: &ListOptions,
    ) -> Result<FolderResourceList> {
        let mut q = Query::new();
        pagination.apply(&mut q);
        self.send(&op::LIST_FOLDER_CONTENTS, &[folder_id], &q, None::<&()>)
            .await
    }

    /// Every child of a folder, page after page.
    pub fn list_folder_contents_all<'a>(
        &'a self,
        folder_id: &'a str,
        pagination: ListOptions,
    ) -> impl Stream<Item = Result<FolderResource>> + 'a {
        paginate(pagination, move |p: ListOptions| async move {
            let page = self.list_folder_contents(folder_id, &p).await?;
            let next = p.next(page.pagination.as_ref());
            Ok((page.resources.unwrap_or_default(), next))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::testing::Scripted;
    use futures_executor::block_on;
    use futures_util::TryStreamExt;

    #[test]
    fn delete_answers_empty_and_list_sends_the_path() {
        let (client, t) = Scripted::client(&["{}", r#"{"folders":[],"pagination":null}"#]);
        assert_eq!(block_on(client.delete_folder("f-1")).unwrap(), Empty {});
        let params = ListFoldersParams {
            path: Some("/team a/prod/".into()),
            ..Default::default()
        };
        let page = block_on(client.list_folders(&params)).unwrap();
        assert!(page.folders.is_empty());
        assert_eq!(
            t.calls(),
            [
                (
                    "DELETE".to_string(),
                    "http://api.test/api/v1/folders/f-1".to_string()
                ),
                (
                    "GET".to_string(),
                    "http://api.test/api/v1/folders?path=%2Fteam%20a%2Fprod%2F".to_string()
                ),
            ]
        );
    }

    #[test]
    fn contents_stream_of_root_walks_pages() {
        let (client, t) = Scripted::client(&[
            r#"{"resources":[{"resource_id":"f","resource_type":"FOLDER"}],"pagination":{"next_page":"n"}}"#,
            r#"{"resources":[{"resource_id":"c","resource_type":"CLUSTER"}]}"#,
        ]);
        let all: Vec<FolderResource> = block_on(
            client
                .list_folder_contents_all("root", ListOptions::default())
                .try_collect(),
        )
        .unwrap();
        let ids: Vec<_> = all.iter().map(|r| r.resource_id.as_str()).collect();
        assert_eq!(ids, ["f", "c"]);
        assert_eq!(
            t.calls()[1].1,
            "http://api.test/api/v1/folders/root/contents?pagination.page=n"
        );
    }
}
