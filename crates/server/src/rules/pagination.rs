//! Keyset pagination: parse `pagination.*`, order items by a sort key, and
//! hand out opaque tokens naming the last item served (stable under inserts).

use crate::error::{ApiError, ApiResult};
use crdb_cloud::models::common::KeysetPaginationResponse;

/// Items per page when none (or 0) is asked for.
pub const DEFAULT_LIMIT: usize = 100;
/// The most items a page holds; larger limits are served as this.
pub const MAX_LIMIT: usize = 500;

/// A parsed page request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    /// Key after which the page starts (exclusive).
    pub after: Option<(String, String)>,
    /// Items on the page.
    pub limit: usize,
    /// Descending order.
    pub desc: bool,
}

/// Builds a page request from the query's `pagination.limit`, `pagination.page`
/// and `pagination.sort_order`; `scope` ties tokens to the sort they came from.
pub fn page_request(
    limit: Option<i64>,
    page: Option<&str>,
    sort_order: Option<&str>,
    scope: &str,
) -> ApiResult<PageRequest> {
    let limit = match limit {
        None | Some(0) => DEFAULT_LIMIT,
        Some(n) if n < 0 => {
            return Err(ApiError::invalid(format!(
                "pagination.limit: must not be negative, got {n}"
            )));
        }
        Some(n) => (n as usize).min(MAX_LIMIT),
    };
    let desc = match sort_order {
        None | Some("") | Some("ASC") => false,
        Some("DESC") => true,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "pagination.sort_order: expected ASC or DESC, got {other:?}"
            )));
        }
    };
    let after = match page.filter(|p| !p.is_empty()) {
        None => None,
        Some(token) => Some(decode_token(token, scope, desc).ok_or_else(|| {
            ApiError::invalid("pagination.page: not a page token from this list and sort order")
        })?),
    };
    Ok(PageRequest { after, limit, desc })
}

/// Serves one page of `items`, ordered by `key` (then by the id in the key).
pub fn paginate<T>(
    mut items: Vec<T>,
    key: impl Fn(&T) -> (String, String),
    req: &PageRequest,
    scope: &str,
) -> (Vec<T>, Option<KeysetPaginationResponse>) {
    let mut keyed: Vec<((String, String), T)> = items.drain(..).map(|i| (key(&i), i)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    if req.desc {
        keyed.reverse();
    }
    let start = match &req.after {
        None => 0,
        Some(after) => keyed
            .iter()
            .position(|(k, _)| if req.desc { k < after } else { k > after })
            .unwrap_or(keyed.len()),
    };
    let rest = keyed.len() - start;
    let page: Vec<((String, String), T)> = keyed.into_iter().skip(start).take(req.limit).collect();
    let next = if rest > req.limit {
        page.last().map(|(k, _)| KeysetPaginationResponse {
            next_page: Some(encode_token(k, scope, req.desc)),
            previous_page: None,
        })
    } else {
        None
    };
    (page.into_iter().map(|(_, i)| i).collect(), next)
}

/// Serves one page of items that come already in `key` order, taking from
/// the iterator only what the page needs (a page past the token, plus one
/// to know whether another follows): a long generated list is never built
/// whole.
pub fn paginate_sorted<T, I>(
    items: I,
    key: impl Fn(&T) -> (String, String),
    req: &PageRequest,
    scope: &str,
) -> (Vec<T>, Option<KeysetPaginationResponse>)
where
    I: DoubleEndedIterator<Item = T>,
{
    let ordered: Box<dyn Iterator<Item = T>> = if req.desc {
        Box::new(items.rev())
    } else {
        Box::new(items)
    };
    let past = |k: &(String, String)| match &req.after {
        None => true,
        Some(after) if req.desc => k < after,
        Some(after) => k > after,
    };
    let mut keyed = ordered
        .map(|item| (key(&item), item))
        .skip_while(|(k, _)| !past(k));
    let page: Vec<((String, String), T)> = keyed.by_ref().take(req.limit).collect();
    let next = match (keyed.next(), page.last()) {
        (Some(_), Some((k, _))) => Some(KeysetPaginationResponse {
            next_page: Some(encode_token(k, scope, req.desc)),
            previous_page: None,
        }),
        _ => None,
    };
    (page.into_iter().map(|(_, i)| i).collect(), next)
}

/// Serves one page by walking an ordered index from the page token, so a
/// page costs O(log n + limit) however long the list. `accept` turns an
/// index key into an item, or `None` to skip it (not visible, filtered out).
pub fn paginate_index<'a, T>(
    index: &'a std::collections::BTreeSet<(String, String)>,
    req: &PageRequest,
    scope: &str,
    mut accept: impl FnMut(&'a (String, String)) -> Option<T>,
) -> (Vec<T>, Option<KeysetPaginationResponse>) {
    use std::ops::Bound::{self, Excluded, Unbounded};
    type Key = (String, String);
    let bounds: (Bound<&Key>, Bound<&Key>) = match &req.after {
        None => (Unbounded, Unbounded),
        Some(after) if req.desc => (Unbounded, Excluded(after)),
        Some(after) => (Excluded(after), Unbounded),
    };
    let range = index.range::<Key, _>(bounds);
    let keys: Box<dyn Iterator<Item = &'a (String, String)>> = if req.desc {
        Box::new(range.rev())
    } else {
        Box::new(range)
    };
    let mut page = Vec::with_capacity(req.limit.min(64));
    let mut last_key = None;
    let mut more = false;
    for key in keys {
        let Some(item) = accept(key) else { continue };
        if page.len() == req.limit {
            more = true;
            break;
        }
        page.push(item);
        last_key = Some(key);
    }
    let next = match (more, last_key) {
        (true, Some(k)) => Some(KeysetPaginationResponse {
            next_page: Some(encode_token(k, scope, req.desc)),
            previous_page: None,
        }),
        _ => None,
    };
    (page, next)
}

fn encode_token(key: &(String, String), scope: &str, desc: bool) -> String {
    let raw = format!(
        "v1\u{1f}{scope}\u{1f}{}\u{1f}{}\u{1f}{}",
        u8::from(desc),
        key.0,
        key.1
    );
    raw.bytes().map(|b| format!("{b:02x}")).collect()
}

fn decode_token(token: &str, scope: &str, desc: bool) -> Option<(String, String)> {
    if !token.len().is_multiple_of(2) {
        return None;
    }
    let bytes = (0..token.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(token.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut parts = text.split('\u{1f}');
    if parts.next()? != "v1"
        || parts.next()? != scope
        || parts.next()? != if desc { "1" } else { "0" }
    {
        return None;
    }
    let k = parts.next()?.to_owned();
    let id = parts.next()?.to_owned();
    parts.next().is_none().then_some((k, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_pages_match_sorted_pages_in_both_directions() {
        let items: Vec<(String, String)> = (0..23)
            .map(|i| (format!("name-{:02}", (i * 7) % 23), format!("id-{i}")))
            .collect();
        let index: std::collections::BTreeSet<_> = items.iter().cloned().collect();
        for desc in [false, true] {
            let mut via_sort = Vec::new();
            let mut via_index = Vec::new();
            let (mut t1, mut t2) = (None::<String>, None::<String>);
            loop {
                let req = page_request(
                    Some(5),
                    t1.as_deref(),
                    Some(if desc { "DESC" } else { "ASC" }),
                    "s",
                )
                .unwrap();
                let (page, next) = paginate(items.clone(), |k| k.clone(), &req, "s");
                via_sort.extend(page);
                t1 = next.and_then(|n| n.next_page);
                if t1.is_none() {
                    break;
                }
            }
            loop {
                let req = page_request(
                    Some(5),
                    t2.as_deref(),
                    Some(if desc { "DESC" } else { "ASC" }),
                    "s",
                )
                .unwrap();
                let (page, next) = paginate_index(&index, &req, "s", |k| {
                    (!k.1.ends_with('3')).then(|| k.clone())
                });
                via_index.extend(page);
                t2 = next.and_then(|n| n.next_page);
                if t2.is_none() {
                    break;
                }
            }
            via_sort.retain(|k| !k.1.ends_with('3'));
            assert_eq!(via_index, via_sort, "desc={desc}");
        }
    }

    fn key(s: &&str) -> (String, String) {
        (s.to_string(), s.to_string())
    }

    #[test]
    fn limits_default_cap_and_refuse_negatives() {
        assert_eq!(page_request(None, None, None, "x").unwrap().limit, 100);
        assert_eq!(page_request(Some(0), None, None, "x").unwrap().limit, 100);
        assert_eq!(
            page_request(Some(9999), None, None, "x").unwrap().limit,
            500
        );
        assert_eq!(page_request(Some(-1), None, None, "x").unwrap_err().code, 3);
        assert_eq!(
            page_request(None, Some("zz"), None, "x").unwrap_err().code,
            3
        );
        assert_eq!(
            page_request(None, None, Some("UP"), "x").unwrap_err().code,
            3
        );
    }

    #[test]
    fn tokens_are_stable_under_inserts() {
        let req = page_request(Some(2), None, None, "s").unwrap();
        let (page, next) = paginate(vec!["c", "a", "b", "d"], key, &req, "s");
        assert_eq!(page, vec!["a", "b"]);
        let token = next.unwrap().next_page.unwrap();
        // an item inserted before the cursor does not shift the next page
        let req = page_request(Some(2), Some(&token), None, "s").unwrap();
        let (page, next) = paginate(vec!["c", "a", "aa", "b", "d"], key, &req, "s");
        assert_eq!(page, vec!["c", "d"]);
        assert!(next.is_none());
        // a token from another sort is refused
        assert!(page_request(Some(2), Some(&token), Some("DESC"), "s").is_err());
        assert!(page_request(Some(2), Some(&token), None, "other").is_err());
    }

    #[test]
    fn descending_pages_walk_backwards() {
        let req = page_request(Some(3), None, Some("DESC"), "s").unwrap();
        let (page, next) = paginate(vec!["a", "b", "c", "d"], key, &req, "s");
        assert_eq!(page, vec!["d", "c", "b"]);
        let req = page_request(
            Some(3),
            next.unwrap().next_page.as_deref(),
            Some("DESC"),
            "s",
        )
        .unwrap();
        let (page, next) = paginate(vec!["a", "b", "c", "d"], key, &req, "s");
        assert_eq!(page, vec!["a"]);
        assert!(next.is_none());
    }
}
