//! Keyset pagination: the `pagination.*` query parameters, and streams that
//! walk every page so callers never touch page tokens unless they want to.

use crate::client::Query;
use crate::error::Result;
use crate::models::common::KeysetPaginationResponse;
use crate::wire::Timestamp;
use futures_util::stream::{self, Stream, TryStreamExt};
use std::future::Future;

crate::wire_enum! {
    /// `pagination.sort_order` (and the audit log's `sort_order`).
    pub enum SortOrder {
        /// Ascending, the default.
        Asc = "ASC",
        /// Descending.
        Desc = "DESC",
    }
}

/// The `pagination.*` query parameters of a keyset-paginated list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListOptions {
    /// Opaque token from a previous answer's `pagination.next_page`.
    pub page: Option<String>,
    /// Items per page (server default 100, capped at 500).
    pub limit: Option<i32>,
    /// Read the list as of this time.
    pub as_of_time: Option<Timestamp>,
    /// Sort direction.
    pub sort_order: Option<SortOrder>,
}

impl ListOptions {
    /// Options asking for `limit` items per page.
    pub fn limit(limit: i32) -> Self {
        ListOptions {
            limit: Some(limit),
            ..Self::default()
        }
    }

    /// The same options, on the page a token names.
    pub fn with_page(&self, page: impl Into<String>) -> Self {
        ListOptions {
            page: Some(page.into()),
            ..self.clone()
        }
    }

    /// Adds the `pagination.*` parameters to a query.
    pub fn apply(&self, query: &mut Query) {
        query
            .opt("pagination.page", self.page.as_deref())
            .opt("pagination.limit", self.limit)
            .opt(
                "pagination.as_of_time",
                self.as_of_time
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
            )
            .opt("pagination.sort_order", self.sort_order.as_ref());
    }

    /// The options for the page after `response`, if there is one.
    pub fn next(&self, response: Option<&KeysetPaginationResponse>) -> Option<ListOptions> {
        let token = response?.next_page.as_deref().filter(|t| !t.is_empty())?;
        if self.page.as_deref() == Some(token) {
            return None; // a server repeating its token would loop forever
        }
        Some(self.with_page(token))
    }
}

/// Walks pages: `fetch` turns a cursor into a page of items and the cursor
/// of the next page. Ends at the first page without a next cursor, or at an
/// empty page.
pub fn paginate<'a, T, C, F, Fut>(first: C, fetch: F) -> impl Stream<Item = Result<T>> + 'a
where
    T: 'a,
    C: 'a,
    F: FnMut(C) -> Fut + 'a,
    Fut: Future<Output = Result<(Vec<T>, Option<C>)>> + 'a,
{
    stream::try_unfold((fetch, Some(first)), |(mut fetch, cursor)| async move {
        let Some(cursor) = cursor else {
            return Ok(None);
        };
        let (items, next) = fetch(cursor).await?;
        let next = if items.is_empty() { None } else { next };
        Ok(Some((items, (fetch, next))))
    })
    .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
    .try_flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_pagination_parameters() {
        let mut q = Query::new();
        ListOptions {
            page: Some("t".into()),
            limit: Some(5),
            as_of_time: None,
            sort_order: Some(SortOrder::Desc),
        }
        .apply(&mut q);
        assert_eq!(
            q.pairs(),
            &[
                ("pagination.page", "t".to_string()),
                ("pagination.limit", "5".to_string()),
                ("pagination.sort_order", "DESC".to_string())
            ]
        );
    }

    #[test]
    fn next_stops_on_missing_empty_or_repeated_tokens() {
        let o = ListOptions::limit(2);
        assert_eq!(o.next(None), None);
        let empty = KeysetPaginationResponse {
            next_page: Some(String::new()),
            previous_page: None,
        };
        assert_eq!(o.next(Some(&empty)), None);
        let more = KeysetPaginationResponse {
            next_page: Some("p2".into()),
            previous_page: None,
        };
        let n = o.next(Some(&more)).unwrap();
        assert_eq!(n.page.as_deref(), Some("p2"));
        assert_eq!(n.limit, Some(2));
        assert_eq!(n.next(Some(&more)), None);
    }

    #[test]
    fn paginate_yields_every_item_of_every_page() {
        let pages = [vec![1, 2], vec![3], vec![4, 5]];
        let s = paginate(0usize, move |i: usize| {
            let page = pages[i].clone();
            async move { Ok((page, if i < 2 { Some(i + 1) } else { None })) }
        });
        let all: Vec<i32> = futures_executor::block_on(s.try_collect()).unwrap();
        assert_eq!(all, vec![1, 2, 3, 4, 5]);
    }
}
