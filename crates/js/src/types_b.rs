//! Query objects of the family B operations (audit logs, billing, roles,
//! service accounts, API keys, folders); built only when the SDK has them
//! (see build.rs). `crdb-cloud-typegen` reads this file too.

use crate::types::{Pagination, ToQuery};
use crdb_cloud::models::billing::InvoiceStatus;
use crdb_cloud::{ListOptions, Query, SortOrder, Timestamp};
use serde::Deserialize;

fn rfc3339(t: Timestamp) -> String {
    t.to_rfc3339_opts(crdb_cloud::chrono::SecondsFormat::AutoSi, true)
}

/// Query of `listAuditLogs`: a time cursor, not keyset pages.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ListAuditLogsQuery {
    /// Entries from this time on (a previous answer's `next_starting_from`).
    pub starting_from: Option<Timestamp>,
    /// Sort direction.
    pub sort_order: Option<SortOrder>,
    /// Entries per page.
    pub limit: Option<i32>,
}

impl ToQuery for ListAuditLogsQuery {
    fn apply(self, q: &mut Query) {
        q.opt("starting_from", self.starting_from.map(rfc3339))
            .opt("sort_order", self.sort_order.as_ref())
            .opt("limit", self.limit);
    }
}

/// Query of `listInvoices`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ListInvoicesQuery {
    /// Only invoices in this status.
    pub status: Option<InvoiceStatus>,
    /// Only invoices at or after this time (RFC 3339).
    pub start_time: Option<Timestamp>,
    /// Only invoices before this time (RFC 3339).
    pub end_time: Option<Timestamp>,
}

impl ToQuery for ListInvoicesQuery {
    fn apply(self, q: &mut Query) {
        q.opt("status", self.status.as_ref())
            .opt("start_time", self.start_time.map(rfc3339))
            .opt("end_time", self.end_time.map(rfc3339));
    }
}

/// Query of `getPersonUsersByEmail`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonUsersByEmailQuery {
    /// The person's email address.
    pub email: String,
}

impl ToQuery for PersonUsersByEmailQuery {
    fn apply(self, q: &mut Query) {
        q.opt("email", Some(self.email));
    }
}

/// Query of `listApiKeys`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ListApiKeysQuery {
    /// Only this service account's keys.
    pub service_account_id: Option<String>,
    /// Paging.
    pub pagination: Pagination,
}

impl ToQuery for ListApiKeysQuery {
    fn apply(self, q: &mut Query) {
        q.opt("service_account_id", self.service_account_id.as_deref());
        ListOptions::from(self.pagination).apply(q);
    }
}

/// Query of `listFolders`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ListFoldersQuery {
    /// Only the folder at this path.
    pub path: Option<String>,
    /// Paging.
    pub pagination: Pagination,
}

impl ToQuery for ListFoldersQuery {
    fn apply(self, q: &mut Query) {
        q.opt("path", self.path.as_deref());
        ListOptions::from(self.pagination).apply(q);
    }
}
