//! The JavaScript-facing shapes that are not wire models: client options
//! and the query objects of list and read operations. `crdb-cloud-typegen`
//! reads this file too, so their TypeScript declarations come from here.

use crdb_cloud::models::billing::InvoiceStatus;
use crdb_cloud::models::clusters::{ClusterSortBy, OperatingSystem};
use crdb_cloud::models::common::CloudProvider;
use crdb_cloud::{ListOptions, Query, SortOrder, Timestamp};
use serde::Deserialize;

/// Options of `new CloudClient(options)`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ClientOptions {
    /// The service account API key.
    pub api_key: String,
    /// Where the API lives (default `https://cockroachlabs.cloud`).
    pub base_url: Option<String>,
    /// The `Cc-Version` header (default `2024-09-16`).
    pub version: Option<String>,
    /// The `User-Agent` header, where the runtime lets it be set.
    pub user_agent: Option<String>,
    /// Give up on one attempt after this many milliseconds (default 30000).
    pub timeout_ms: Option<f64>,
    /// Retries: a count for both kinds, or the policy's fields.
    pub retries: Option<Retries>,
    /// Keep under this many requests a second on the client side.
    pub rate_limit: Option<u32>,
}

/// `retries`: a number (both limits) or the policy's fields.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Retries {
    /// Retry a 429 (any method) and a 5xx or lost connection (GET) this often.
    Count(u32),
    /// The policy field by field.
    Policy(RetryOptions),
}

/// The retry policy, field by field; absent fields keep their defaults.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct RetryOptions {
    /// Retries after a 429, any method (default 3).
    pub max_rate_limit_retries: Option<u32>,
    /// Retries of a GET after a 5xx, a timeout or a lost connection (default 3).
    pub max_retries: Option<u32>,
    /// First backoff step in milliseconds (default 200).
    pub base_delay_ms: Option<f64>,
    /// Ceiling of one backoff in milliseconds, `Retry-After` included (default 30000).
    pub max_delay_ms: Option<f64>,
}

/// The `pagination.*` query parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pagination {
    /// A previous answer's `pagination.next_page`.
    pub page: Option<String>,
    /// Items per page (server default 100, at most 500).
    pub limit: Option<i32>,
    /// Read the list as of this time (RFC 3339).
    pub as_of_time: Option<Timestamp>,
    /// Sort direction.
    pub sort_order: Option<SortOrder>,
}

impl From<Pagination> for ListOptions {
    fn from(p: Pagination) -> Self {
        ListOptions {
            page: p.page,
            limit: p.limit,
            as_of_time: p.as_of_time,
            sort_order: p.sort_order,
        }
    }
}

/// A query object as JavaScript passes it (wire names, `pagination`
/// nested), written as the operation's query parameters.
pub trait ToQuery: serde::de::DeserializeOwned + Default {
    /// Adds the parameters to `q`.
    fn apply(self, q: &mut Query);
}

/// Operations without query parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoQuery {}

impl ToQuery for NoQuery {
    fn apply(self, _: &mut Query) {}
}

/// Query of lists with paging only.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageQuery {
    /// Paging.
    pub pagination: Pagination,
}

impl ToQuery for PageQuery {
    fn apply(self, q: &mut Query) {
        ListOptions::from(self.pagination).apply(q);
    }
}

/// Query of `listClusters`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ListClustersQuery {
    /// Include deleted and failed clusters.
    pub show_inactive: Option<bool>,
    /// Sort key (`pagination.sort_by`).
    pub sort_by: Option<ClusterSortBy>,
    /// Paging.
    pub pagination: Pagination,
}

impl ToQuery for ListClustersQuery {
    fn apply(self, q: &mut Query) {
        q.opt("show_inactive", self.show_inactive)
            .opt("pagination.sort_by", self.sort_by.as_ref());
        ListOptions::from(self.pagination).apply(q);
    }
}

/// Query of `listAvailableRegions`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ListAvailableRegionsQuery {
    /// Only this provider's regions.
    pub provider: Option<CloudProvider>,
    /// Only regions Basic and Standard clusters may use.
    pub serverless: Option<bool>,
    /// Paging.
    pub pagination: Pagination,
}

impl ToQuery for ListAvailableRegionsQuery {
    fn apply(self, q: &mut Query) {
        q.opt("provider", self.provider.as_ref())
            .opt("serverless", self.serverless);
        ListOptions::from(self.pagination).apply(q);
    }
}

/// Query of `getConnectionString`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConnectionStringQuery {
    /// Database (default `defaultdb`).
    pub database: Option<String>,
    /// SQL user to put in the string.
    pub sql_user: Option<String>,
    /// Operating system the string is for.
    pub os: Option<OperatingSystem>,
}

impl ToQuery for ConnectionStringQuery {
    fn apply(self, q: &mut Query) {
        q.opt("database", self.database.as_deref())
            .opt("sql_user", self.sql_user.as_deref())
            .opt("os", self.os.as_ref());
    }
}

/// Query of `listClusterNodes`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ListClusterNodesQuery {
    /// Only this region's nodes.
    pub region_name: Option<String>,
    /// Paging.
    pub pagination: Pagination,
}

impl ToQuery for ListClusterNodesQuery {
    fn apply(self, q: &mut Query) {
        q.opt("region_name", self.region_name.as_deref());
        ListOptions::from(self.pagination).apply(q);
    }
}

/// Query of `listBackups` and `listRestores`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TimeRangeQuery {
    /// Only items at or after this time (inclusive, RFC 3339).
    pub start_time: Option<Timestamp>,
    /// Only items before this time (exclusive, RFC 3339).
    pub end_time: Option<Timestamp>,
    /// Paging.
    pub pagination: Pagination,
}

impl ToQuery for TimeRangeQuery {
    fn apply(self, q: &mut Query) {
        let rfc3339 =
            |t: Timestamp| t.to_rfc3339_opts(crdb_cloud::chrono::SecondsFormat::AutoSi, true);
        ListOptions::from(self.pagination).apply(q);
        q.opt("start_time", self.start_time.map(rfc3339))
            .opt("end_time", self.end_time.map(rfc3339));
    }
}

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
