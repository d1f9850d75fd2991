//! ListAuditLogs: the `starting_from` / `sort_order` / `limit` cursor over the
//! stored audit rows, and the mapping of a row onto `AuditLogEntry`.
//!
//! - `starting_from` is exclusive. Unset: the beginning of time (ASC) or now,
//!   i.e. every entry (DESC).
//! - `limit`: unset or 0 is 200, negative is 400, above 1000 is served as 1000.
//!   A page always holds every entry at its last timestamp, so it may run over.
//! - `next_starting_from`: ASC always returns one (the last entry's time, or
//!   the request's `starting_from`, or the Unix epoch, on an empty page), so a
//!   client polls until it gets an empty page; DESC returns one until the
//!   earliest entry has been served.

use crate::error::{ApiError, ApiResult};
use crate::store::model::AuditRow;
use crdb_cloud::Timestamp;
use crdb_cloud::models::audit_logs::{AuditLogAction, AuditLogEntry, AuditLogSource};

/// Entries per page when none (or 0) is asked for.
pub const DEFAULT_LIMIT: usize = 200;
/// The most entries asked for per page; larger limits are served as this.
pub const MAX_LIMIT: usize = 1000;

/// A parsed ListAuditLogs query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditQuery {
    /// Exclusive start point.
    pub starting_from: Option<Timestamp>,
    /// Newest first.
    pub desc: bool,
    /// Entries asked for.
    pub limit: usize,
}

/// Validates the query parameters.
pub fn parse(
    starting_from: Option<Timestamp>,
    sort_order: Option<&str>,
    limit: Option<i64>,
) -> ApiResult<AuditQuery> {
    let desc = match sort_order {
        None | Some("") | Some("ASC") => false,
        Some("DESC") => true,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "sort_order: expected ASC or DESC, got {other:?}"
            )));
        }
    };
    let limit = match limit {
        None | Some(0) => DEFAULT_LIMIT,
        Some(n) if n < 0 => {
            return Err(ApiError::invalid(format!(
                "limit: must not be negative, got {n}"
            )));
        }
        Some(n) => usize::try_from(n).unwrap_or(MAX_LIMIT).min(MAX_LIMIT),
    };
    Ok(AuditQuery {
        starting_from,
        desc,
        limit,
    })
}

/// One page of `rows` (in writing order) and the next cursor.
pub fn page(rows: &[AuditRow], q: &AuditQuery) -> (Vec<AuditRow>, Option<Timestamp>) {
    let mut selected: Vec<&AuditRow> = rows
        .iter()
        .filter(|r| match (q.starting_from, q.desc) {
            (None, _) => true,
            (Some(t), false) => r.created_at > t,
            (Some(t), true) => r.created_at < t,
        })
        .collect();
    selected.sort_by_key(|r| (r.created_at, r.seq));
    if q.desc {
        selected.reverse();
    }
    let mut end = selected.len().min(q.limit);
    if end > 0 {
        let last = selected[end - 1].created_at;
        while end < selected.len() && selected[end].created_at == last {
            end += 1;
        }
    }
    let more = end < selected.len();
    let served: Vec<AuditRow> = selected[..end].iter().map(|r| (*r).clone()).collect();
    let next = match (q.desc, served.last()) {
        (false, Some(last)) => Some(last.created_at),
        (false, None) => Some(q.starting_from.unwrap_or(Timestamp::UNIX_EPOCH)),
        (true, Some(last)) if more => Some(last.created_at),
        (true, _) => None,
    };
    (served, next)
}

/// A stored row as the API shows it.
pub fn entry(row: &AuditRow) -> AuditLogEntry {
    AuditLogEntry {
        id: Some(row.id.clone()),
        action: Some(AuditLogAction::from(row.action.as_str())),
        created_at: Some(row.created_at),
        cluster_id: row.cluster_id.clone(),
        cluster_name: row.cluster_name.clone(),
        payload: row.payload.clone(),
        service_account_name: Some(row.service_account_name.clone()),
        source: Some(AuditLogSource::from(row.source.as_str())),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Timestamp {
        Timestamp::UNIX_EPOCH + chrono::Duration::seconds(secs)
    }

    fn rows(times: &[i64]) -> Vec<AuditRow> {
        times
            .iter()
            .enumerate()
            .map(|(i, &t)| AuditRow {
                id: format!("e{i}"),
                seq: i as u64 + 1,
                created_at: at(t),
                action: "AUDIT_LOG_ACTION_CREATE_CLUSTER".into(),
                source: "AUDIT_LOG_SOURCE_CC_API".into(),
                service_account_name: "sa".into(),
                cluster_id: None,
                cluster_name: None,
                payload: None,
            })
            .collect()
    }

    fn ids(page: &[AuditRow]) -> Vec<&str> {
        page.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn parse_defaults_and_refusals() {
        let q = parse(None, None, None).unwrap();
        assert_eq!((q.desc, q.limit), (false, 200));
        assert_eq!(parse(None, None, Some(0)).unwrap().limit, 200);
        assert_eq!(parse(None, None, Some(1 << 40)).unwrap().limit, MAX_LIMIT);
        assert!(parse(None, Some("DESC"), Some(3)).unwrap().desc);
        assert_eq!(parse(None, None, Some(-1)).unwrap_err().code, 3);
        assert_eq!(parse(None, Some("UP"), None).unwrap_err().code, 3);
    }

    #[test]
    fn ascending_pages_include_every_entry_at_the_last_timestamp() {
        let all = rows(&[1, 2, 2, 2, 3]);
        let q = parse(None, None, Some(2)).unwrap();
        let (p, next) = page(&all, &q);
        assert_eq!(ids(&p), ["e0", "e1", "e2", "e3"]);
        assert_eq!(next, Some(at(2)));
        let q = parse(next, None, Some(2)).unwrap();
        let (p, next) = page(&all, &q);
        assert_eq!(ids(&p), ["e4"]);
        assert_eq!(next, Some(at(3)));
        // the end: an empty page that still names a cursor
        let q = parse(next, None, Some(2)).unwrap();
        let (p, next) = page(&all, &q);
        assert!(p.is_empty());
        assert_eq!(next, Some(at(3)));
        let (p, next) = page(&[], &parse(None, None, None).unwrap());
        assert!(p.is_empty());
        assert_eq!(next, Some(Timestamp::UNIX_EPOCH));
    }

    #[test]
    fn descending_pages_stop_at_the_earliest_entry() {
        let all = rows(&[1, 2, 3, 3, 4]);
        let q = parse(None, Some("DESC"), Some(2)).unwrap();
        let (p, next) = page(&all, &q);
        assert_eq!(ids(&p), ["e4", "e3", "e2"]);
        assert_eq!(next, Some(at(3)));
        let q = parse(next, Some("DESC"), Some(2)).unwrap();
        let (p, next) = page(&all, &q);
        assert_eq!(ids(&p), ["e1", "e0"]);
        assert_eq!(next, None);
        let q = parse(Some(at(2)), Some("DESC"), Some(5)).unwrap();
        assert_eq!(ids(&page(&all, &q).0), ["e0"]);
    }

    #[test]
    fn rows_map_onto_entries() {
        let e = entry(&rows(&[5])[0]);
        assert_eq!(e.action, Some(AuditLogAction::CreateCluster));
        assert_eq!(e.source, Some(AuditLogSource::CcApi));
        assert_eq!(e.service_account_name.as_deref(), Some("sa"));
        assert_eq!(e.created_at, Some(at(5)));
    }
}
