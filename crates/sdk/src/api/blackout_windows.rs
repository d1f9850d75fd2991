//! Blackout windows: list, create, read, update, delete.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::blackout_windows::{
    BlackoutWindow, CreateBlackoutWindowBody, ListBlackoutWindowsResponse, UpdateBlackoutWindowBody,
};
use crate::operation as op;
use crate::pagination::{ListOptions, paginate};
use futures_util::Stream;

impl Client {
    /// `ListBlackoutWindows`: one page of a cluster's blackout windows.
    pub async fn list_blackout_windows(
        &self,
        cluster_id: &str,
        pagination: &ListOptions,
    ) -> Result<ListBlackoutWindowsResponse> {
        let mut q = Query::new();
        pagination.apply(&mut q);
        self.send(&op::LIST_BLACKOUT_WINDOWS, &[cluster_id], &q, None::<&()>)
            .await
    }

    /// Every blackout window of a cluster, page after page.
    pub fn list_blackout_windows_all<'a>(
        &'a self,
        cluster_id: &'a str,
    ) -> impl Stream<Item = Result<BlackoutWindow>> + 'a {
        paginate(ListOptions::default(), move |p: ListOptions| async move {
            let page = self.list_blackout_windows(cluster_id, &p).await?;
            let next = p.next(page.pagination.as_ref());
            Ok((page.blackout_windows.unwrap_or_default(), next))
        })
    }

    /// `CreateBlackoutWindow` (Advanced clusters).
    pub async fn create_blackout_window(
        &self,
        cluster_id: &str,
        body: &CreateBlackoutWindowBody,
    ) -> Result<BlackoutWindow> {
        self.send(
            &op::CREATE_BLACKOUT_WINDOW,
            &[cluster_id],
            &Query::new(),
            Some(body),
        )
        .await
    }

    /// `GetBlackoutWindow`.
    pub async fn get_blackout_window(
        &self,
        cluster_id: &str,
        blackout_window_id: &str,
    ) -> Result<BlackoutWindow> {
        self.send(
            &op::GET_BLACKOUT_WINDOW,
            &[cluster_id, blackout_window_id],
            &Query::new(),
            None::<&()>,
        )
        .await
    }

    /// `UpdateBlackoutWindow`: move the start, the end, or both.
    pub async fn update_blackout_window(
        &self,
        cluster_id: &str,
        blackout_window_id: &str,
        body: &UpdateBlackoutWindowBody,
    ) -> Result<BlackoutWindow> {
        self.send(
            &op::UPDATE_BLACKOUT_WINDOW,
            &[cluster_id, blackout_window_id],
            &Query::new(),
            Some(body),
        )
        .await
    }

    /// `DeleteBlackoutWindow`: answers with the window removed.
    pub async fn delete_blackout_window(
        &self,
        cluster_id: &str,
        blackout_window_id: &str,
    ) -> Result<BlackoutWindow> {
        self.send(
            &op::DELETE_BLACKOUT_WINDOW,
            &[cluster_id, blackout_window_id],
            &Query::new(),
            None::<&()>,
        )
        .await
    }
}
