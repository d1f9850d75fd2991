//! The audit log as the console reads it: newest first, a page at a time,
//! filtered by action, actor text and a first day; who acted and what was
//! done, in words.

use crdb_cloud::SortOrder;
use crdb_cloud::Timestamp;
use crdb_cloud::api::audit_logs::ListAuditLogsParams;
use crdb_cloud::chrono::{NaiveDate, TimeZone, Utc};
use crdb_cloud::models::audit_logs::{AuditLogAction, AuditLogEntry, ListAuditLogsResponse};
use std::collections::HashSet;

/// Entries asked for per page.
pub const PAGE_SIZE: i32 = 25;

/// `AUDIT_LOG_ACTION_CREATE_API_KEY` as `Create api key` → `Create API key`.
pub fn action_label(action: &AuditLogAction) -> String {
    let wire = action.as_str();
    let rest = wire.strip_prefix("AUDIT_LOG_ACTION_").unwrap_or(wire);
    let words: Vec<String> = rest
        .split('_')
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| match w {
            "API" | "SQL" | "IP" | "VPC" | "CA" | "CMEK" | "SSO" | "JWT" | "OIDC" | "MFA"
            | "BYOC" | "MCP" | "OAUTH" => w.to_owned(),
            _ if i == 0 => {
                let lower = w.to_lowercase();
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
            _ => w.to_lowercase(),
        })
        .collect();
    if words.is_empty() {
        wire.to_owned()
    } else {
        words.join(" ")
    }
}

/// Who acted: the person's email, the service account's name, the system,
/// or `–`.
pub fn actor(entry: &AuditLogEntry) -> String {
    let some = |s: &Option<String>| {
        s.as_deref()
            .filter(|v| !v.trim().is_empty())
            .map(str::to_owned)
    };
    some(&entry.user_email)
        .or_else(|| some(&entry.service_account_name))
        .or_else(|| {
            entry
                .system_actor_name
                .as_ref()
                .map(|_| "System".to_owned())
        })
        .unwrap_or_else(|| "–".into())
}

/// What an entry is about: the cluster's name (or id); else the `name`
/// (or `user_id`) in its payload, when the payload is a JSON object; else `–`.
pub fn subject(entry: &AuditLogEntry) -> String {
    let some = |s: &Option<String>| s.as_deref().filter(|v| !v.is_empty()).map(str::to_owned);
    some(&entry.cluster_name)
        .or_else(|| some(&entry.cluster_id))
        .or_else(|| entry.payload.as_deref().and_then(payload_subject))
        .unwrap_or_else(|| "–".into())
}

fn payload_subject(payload: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(payload).ok()?;
    ["name", "user_id"].iter().find_map(|key| {
        value
            .get(key)
            .and_then(serde_json::Value::as_str)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    })
}

/// What the table shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditFilter {
    /// Only this action (wire name); `None` for any.
    pub action: Option<String>,
    /// Case-insensitive text in the actor.
    pub actor: String,
    /// Only entries on or after the start of this day (UTC).
    pub from: Option<NaiveDate>,
}

impl AuditFilter {
    /// Whether anything is filtered.
    pub fn is_active(&self) -> bool {
        self.action.is_some() || !self.actor.trim().is_empty() || self.from.is_some()
    }

    /// The first instant the filter keeps, if it has a day.
    pub fn from_instant(&self) -> Option<Timestamp> {
        self.from
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| Utc.from_utc_datetime(&t))
    }

    /// Whether `entry` passes.
    pub fn matches(&self, entry: &AuditLogEntry) -> bool {
        if let Some(action) = &self.action
            && entry.action.as_ref().map(|a| a.as_str()) != Some(action.as_str())
        {
            return false;
        }
        let needle = self.actor.trim().to_lowercase();
        if !needle.is_empty() && !actor(entry).to_lowercase().contains(&needle) {
            return false;
        }
        match (self.from_instant(), entry.created_at) {
            (Some(from), Some(at)) => at >= from,
            (Some(_), None) => false,
            (None, _) => true,
        }
    }
}

/// Reads `YYYY-MM-DD` (an `<input type=date>` value); empty is no day.
pub fn parse_day(text: &str) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("“{text}” is not a date like 2026-01-31."))
}

/// The entries read so far, newest first, and where the next page starts.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditFeed {
    /// Entries, newest first, without repeats.
    pub entries: Vec<AuditLogEntry>,
    /// The query of the next (older) page; `None` once every entry is read.
    pub next: Option<ListAuditLogsParams>,
}

impl Default for AuditFeed {
    fn default() -> Self {
        AuditFeed {
            entries: Vec::new(),
            next: Some(Self::first_page()),
        }
    }
}

impl AuditFeed {
    /// The query of the newest page.
    pub fn first_page() -> ListAuditLogsParams {
        ListAuditLogsParams {
            starting_from: None,
            sort_order: Some(SortOrder::Desc),
            limit: Some(PAGE_SIZE),
        }
    }

    /// Adds the answer to `asked`; entries already held are skipped.
    pub fn add_page(&mut self, asked: &ListAuditLogsParams, page: &ListAuditLogsResponse) {
        let mut seen: HashSet<String> = self.entries.iter().filter_map(|e| e.id.clone()).collect();
        for e in page.entries.iter().flatten() {
            let new = match &e.id {
                Some(id) => seen.insert(id.clone()),
                None => true,
            };
            if new {
                self.entries.push(e.clone());
            }
        }
        let empty = page.entries.as_ref().is_none_or(Vec::is_empty);
        self.next = if empty { None } else { asked.next(page) };
    }

    /// Whether another page may be read for `filter`: there is one, and
    /// the oldest entry read is not yet before the filter's first day.
    pub fn wants_more(&self, filter: &AuditFilter) -> bool {
        if self.next.is_none() {
            return false;
        }
        match (filter.from_instant(), self.oldest()) {
            (Some(from), Some(oldest)) => oldest >= from,
            _ => true,
        }
    }

    /// The oldest time read so far.
    pub fn oldest(&self) -> Option<Timestamp> {
        self.entries.iter().filter_map(|e| e.created_at).min()
    }

    /// The entries passing `filter`, newest first.
    pub fn visible(&self, filter: &AuditFilter) -> Vec<AuditLogEntry> {
        self.entries
            .iter()
            .filter(|e| filter.matches(e))
            .cloned()
            .collect()
    }

    /// The actions among the entries read, as `(wire, label)` sorted by label.
    pub fn actions(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for a in self.entries.iter().filter_map(|e| e.action.as_ref()) {
            if !out.iter().any(|(w, _)| w == a.as_str()) {
                out.push((a.as_str().to_owned(), action_label(a)));
            }
        }
        out.sort_by(|a, b| a.1.cmp(&b.1));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, at: &str, action: AuditLogAction, who: &str) -> AuditLogEntry {
        AuditLogEntry {
            id: Some(id.into()),
            created_at: Some(at.parse().unwrap()),
            action: Some(action),
            service_account_name: Some(who.into()),
            ..Default::default()
        }
    }

    #[test]
    fn actions_read_as_words() {
        assert_eq!(
            action_label(&AuditLogAction::CreateApiKey),
            "Create API key"
        );
        assert_eq!(action_label(&AuditLogAction::CreateFolder), "Create folder");
        assert_eq!(
            action_label(&AuditLogAction::AddUserToRole),
            "Add user to role"
        );
        assert_eq!(
            action_label(&AuditLogAction::Unknown("SOMETHING_NEW".into())),
            "Something new"
        );
    }

    #[test]
    fn actors_and_subjects_fall_back_in_order() {
        let mut e = AuditLogEntry {
            user_email: Some("ann@example.com".into()),
            service_account_name: Some("ci".into()),
            ..Default::default()
        };
        assert_eq!(actor(&e), "ann@example.com");
        e.user_email = Some(String::new());
        assert_eq!(actor(&e), "ci");
        e.service_account_name = None;
        assert_eq!(actor(&e), "–");
        e.system_actor_name = Some(Default::default());
        assert_eq!(actor(&e), "System");
        assert_eq!(subject(&e), "–");
        e.payload = Some("not json".into());
        assert_eq!(subject(&e), "–");
        e.payload = Some(r#"{"user_id":"sa-1","roles":[]}"#.into());
        assert_eq!(subject(&e), "sa-1");
        e.payload = Some(r#"{"resource_id":"f-1","name":"Team A","user_id":"x"}"#.into());
        assert_eq!(subject(&e), "Team A");
        e.cluster_id = Some("c-1".into());
        assert_eq!(subject(&e), "c-1");
        e.cluster_name = Some("prod".into());
        assert_eq!(subject(&e), "prod");
    }

    #[test]
    fn filters_combine_action_actor_and_day() {
        let a = entry(
            "1",
            "2026-03-02T10:00:00Z",
            AuditLogAction::CreateFolder,
            "Bootstrap",
        );
        let b = entry(
            "2",
            "2026-03-01T23:59:59Z",
            AuditLogAction::DeleteFolder,
            "ci-bot",
        );
        let mut f = AuditFilter::default();
        assert!(!f.is_active());
        assert!(f.matches(&a) && f.matches(&b));
        f.action = Some("AUDIT_LOG_ACTION_CREATE_FOLDER".into());
        assert!(f.matches(&a) && !f.matches(&b));
        f.action = None;
        f.actor = " CI ".into();
        assert!(!f.matches(&a) && f.matches(&b));
        f.actor.clear();
        f.from = parse_day("2026-03-02").unwrap();
        assert!(f.is_active());
        assert!(f.matches(&a) && !f.matches(&b));
        assert!(!f.matches(&AuditLogEntry::default()));
        assert_eq!(parse_day(" ").unwrap(), None);
        assert!(parse_day("03/02/2026").unwrap_err().contains("not a date"));
    }

    #[test]
    fn the_feed_pages_back_without_repeats_and_stops() {
        let mut feed = AuditFeed::default();
        let first = feed.next.clone().unwrap();
        assert_eq!(first.sort_order, Some(SortOrder::Desc));
        assert_eq!(first.limit, Some(PAGE_SIZE));
        let t2: Timestamp = "2026-03-02T00:00:00Z".parse().unwrap();
        let page = ListAuditLogsResponse {
            entries: Some(vec![
                entry(
                    "3",
                    "2026-03-03T00:00:00Z",
                    AuditLogAction::CreateFolder,
                    "a",
                ),
                entry(
                    "2",
                    "2026-03-02T00:00:00Z",
                    AuditLogAction::CreateApiKey,
                    "a",
                ),
            ]),
            next_starting_from: Some(t2),
        };
        feed.add_page(&first, &page);
        assert_eq!(feed.entries.len(), 2);
        let second = feed.next.clone().unwrap();
        assert_eq!(second.starting_from, Some(t2));
        assert!(feed.wants_more(&AuditFilter::default()));
        // a filter from a later day needs nothing older
        let later = AuditFilter {
            from: parse_day("2026-03-03").unwrap(),
            ..Default::default()
        };
        assert!(!feed.wants_more(&later));
        // a repeated entry is skipped; no cursor means the end
        let last = ListAuditLogsResponse {
            entries: Some(vec![
                entry(
                    "2",
                    "2026-03-02T00:00:00Z",
                    AuditLogAction::CreateApiKey,
                    "a",
                ),
                entry(
                    "1",
                    "2026-03-01T00:00:00Z",
                    AuditLogAction::CreateFolder,
                    "b",
                ),
            ]),
            next_starting_from: None,
        };
        feed.add_page(&second, &last);
        let ids: Vec<_> = feed
            .entries
            .iter()
            .filter_map(|e| e.id.as_deref())
            .collect();
        assert_eq!(ids, ["3", "2", "1"]);
        assert_eq!(feed.next, None);
        assert!(!feed.wants_more(&AuditFilter::default()));
        assert_eq!(feed.oldest(), Some("2026-03-01T00:00:00Z".parse().unwrap()));
        let labels: Vec<_> = feed.actions().into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, ["Create API key", "Create folder"]);
        let only_b = AuditFilter {
            actor: "b".into(),
            ..Default::default()
        };
        assert_eq!(feed.visible(&only_b).len(), 1);
        // an empty page ends the feed even with a cursor
        let mut feed = AuditFeed::default();
        let empty = ListAuditLogsResponse {
            entries: Some(vec![]),
            next_starting_from: Some(t2),
        };
        feed.add_page(&first, &empty);
        assert_eq!(feed.next, None);
    }
}
