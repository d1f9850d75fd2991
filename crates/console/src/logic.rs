//! Plain logic of the console, with no browser in it: cluster-name
//! validation, the clusters table's filtering, sorting and paging, the create
//! request the wizard sends, and API errors in plain words. Unit-tested
//! natively and used by the wasm32 UI.

use crate::forms::whole::{
    NODES_PER_REGION, PROVISIONED_VCPUS, REQUEST_UNIT_LIMIT, STORAGE_GIB_LIMIT,
    STORAGE_GIB_PER_NODE, WholeRange,
};
use crdb_cloud::Error;
use crdb_cloud::models::clusters::{
    Cluster, ClusterState, ClusterStatus, CreateClusterRequest, CreateClusterSpecification,
    DedicatedClusterCreateSpecification, DedicatedHardwareCreateSpecification,
    DedicatedMachineTypeSpecification, ServerlessClusterCreateSpecification, UsageLimits,
};
use crdb_cloud::models::common::{CloudProvider, Plan};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

/// Checks a cluster name as the API does: 6–20 of `[a-z0-9-]`, no leading
/// or trailing dash. `Err` carries the sentence to show under the field.
pub fn validate_cluster_name(name: &str) -> Result<(), String> {
    let len = name.chars().count();
    if len == 0 {
        return Err("Enter a name.".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(format!(
            "{c:?} is not allowed: use lowercase letters, digits and dashes."
        ));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Err("The name cannot start or end with a dash.".into());
    }
    if len < 6 {
        return Err(format!("Too short: {len} of at least 6 characters."));
    }
    if len > 20 {
        return Err(format!("Too long: {len} of at most 20 characters."));
    }
    Ok(())
}

/// A column the clusters table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Cluster name (the default).
    #[default]
    Name,
    /// Plan.
    Plan,
    /// Cloud provider.
    Cloud,
    /// Lifecycle state.
    State,
    /// CockroachDB version.
    Version,
    /// Creation time.
    Created,
}

impl SortKey {
    /// Every sortable column, in table order.
    pub const ALL: [SortKey; 6] = [
        SortKey::Name,
        SortKey::Plan,
        SortKey::Cloud,
        SortKey::State,
        SortKey::Version,
        SortKey::Created,
    ];

    /// Column heading.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "Name",
            SortKey::Plan => "Plan",
            SortKey::Cloud => "Cloud",
            SortKey::State => "State",
            SortKey::Version => "Version",
            SortKey::Created => "Created",
        }
    }
}

/// What the clusters table shows: search text, filters, sort and page.
#[derive(Debug, Clone, PartialEq)]
pub struct TableQuery {
    /// Case-insensitive text matched against name, id, regions and version.
    pub search: String,
    /// Only this plan.
    pub plan: Option<Plan>,
    /// Only this state.
    pub state: Option<ClusterState>,
    /// Only this cloud.
    pub cloud: Option<CloudProvider>,
    /// Sort column.
    pub sort: SortKey,
    /// Ascending when true.
    pub ascending: bool,
    /// Zero-based page.
    pub page: usize,
    /// Rows per page (at least 1).
    pub page_size: usize,
}

impl Default for TableQuery {
    fn default() -> Self {
        TableQuery {
            search: String::new(),
            plan: None,
            state: None,
            cloud: None,
            sort: SortKey::Name,
            ascending: true,
            page: 0,
            page_size: 10,
        }
    }
}

impl TableQuery {
    /// Clicking a heading: the same column flips direction, another one
    /// sorts ascending by it. Either way back to the first page.
    pub fn toggle_sort(&mut self, key: SortKey) {
        if self.sort == key {
            self.ascending = !self.ascending;
        } else {
            self.sort = key;
            self.ascending = true;
        }
        self.page = 0;
    }
}

/// Whether a cluster passes the filters and `needle` (the search text,
/// trimmed and in lower case: made once per list, not once per cluster).
fn matches(cluster: &Cluster, q: &TableQuery, needle: &str) -> bool {
    if q.plan.as_ref().is_some_and(|p| *p != cluster.plan)
        || q.state.as_ref().is_some_and(|s| *s != cluster.state)
        || q.cloud
            .as_ref()
            .is_some_and(|c| *c != cluster.cloud_provider)
    {
        return false;
    }
    needle.is_empty()
        || cluster.name.to_lowercase().contains(needle)
        || cluster.id.to_lowercase().contains(needle)
        || cluster.cockroach_version.to_lowercase().contains(needle)
        || cluster
            .regions
            .iter()
            .any(|r| r.name.to_lowercase().contains(needle))
}

fn compare(a: &Cluster, b: &Cluster, key: SortKey) -> Ordering {
    let primary = match key {
        SortKey::Name => Ordering::Equal,
        SortKey::Plan => a.plan.as_str().cmp(b.plan.as_str()),
        SortKey::Cloud => a.cloud_provider.as_str().cmp(b.cloud_provider.as_str()),
        SortKey::State => a.state.as_str().cmp(b.state.as_str()),
        SortKey::Version => {
            version_key(&a.cockroach_version).cmp(&version_key(&b.cockroach_version))
        }
        SortKey::Created => a.created_at.cmp(&b.created_at),
    };
    // Ties (and the name column) order by name, then id, so the order is total.
    primary
        .then_with(|| a.name.cmp(&b.name))
        .then_with(|| a.id.cmp(&b.id))
}

/// `v24.1.10` as numbers, so it sorts after `v24.1.9`.
fn version_key(v: &str) -> Vec<u64> {
    v.trim_start_matches('v')
        .split(['.', '-'])
        .map(|p| p.parse().unwrap_or(0))
        .collect()
}

/// The clusters passing the query, sorted (before paging). Borrows: only
/// the rows of the page shown are ever copied.
pub fn filter_sort<'a>(clusters: &'a [Cluster], q: &TableQuery) -> Vec<&'a Cluster> {
    let needle = q.search.trim().to_lowercase();
    let mut rows: Vec<&Cluster> = clusters.iter().filter(|c| matches(c, q, &needle)).collect();
    rows.sort_by(|a, b| {
        let o = compare(a, b, q.sort);
        if q.ascending { o } else { o.reverse() }
    });
    rows
}

/// One page of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct TablePage {
    /// Rows of this page.
    pub rows: Vec<Cluster>,
    /// Rows passing the filters, over all pages.
    pub matching: usize,
    /// Zero-based page shown (clamped to the last page).
    pub page: usize,
    /// Number of pages (at least 1).
    pub pages: usize,
}

/// Filters, sorts and cuts one page; a page past the end shows the last one.
pub fn table_page(clusters: &[Cluster], q: &TableQuery) -> TablePage {
    let rows = filter_sort(clusters, q);
    let size = q.page_size.max(1);
    let pages = rows.len().div_ceil(size).max(1);
    let page = q.page.min(pages - 1);
    let matching = rows.len();
    let rows = rows
        .into_iter()
        .skip(page * size)
        .take(size)
        .cloned()
        .collect();
    TablePage {
        rows,
        matching,
        page,
        pages,
    }
}

/// Whether the list should refresh itself: some cluster is still changing.
pub fn needs_refresh(clusters: &[Cluster]) -> bool {
    clusters
        .iter()
        .any(|c| matches!(c.state, ClusterState::Creating | ClusterState::Locked))
}

/// Region codes of a cluster, comma-separated.
pub fn regions_label(cluster: &Cluster) -> String {
    cluster
        .regions
        .iter()
        .map(|r| r.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A plan as the official console names it.
pub fn plan_label(plan: &Plan) -> String {
    match plan {
        Plan::Basic => "Basic".into(),
        Plan::Standard => "Standard".into(),
        Plan::Advanced => "Advanced".into(),
        other => other.as_str().to_owned(),
    }
}

/// A cloud as people write it.
pub fn cloud_label(cloud: &CloudProvider) -> String {
    match cloud {
        CloudProvider::Gcp => "GCP".into(),
        CloudProvider::Aws => "AWS".into(),
        CloudProvider::Azure => "Azure".into(),
        other => other.as_str().to_owned(),
    }
}

/// The key id inside an API key's secret (`CCDB1_<id>_<random>` →
/// `CCDB1_<id>`), the id the API lists the key under.
pub fn key_id_of(secret: &str) -> Option<&str> {
    let rest = secret.strip_prefix("CCDB1_")?;
    let (id, random) = rest.split_once('_')?;
    (!id.is_empty() && !random.is_empty()).then(|| &secret[..6 + id.len()])
}

/// The operation a cluster runs, in plain words (`DEDICATED_FULL_CLUSTER_
/// RESTORE_RUNNING` → "Full cluster restore running"); `None` when idle.
pub fn operation_label(status: &ClusterStatus) -> Option<String> {
    let raw = status.as_str();
    if matches!(raw, "" | "UNSPECIFIED") {
        return None;
    }
    let words = ["CRDB_", "DEDICATED_", "TENANT_"]
        .iter()
        .fold(raw, |s, p| s.strip_prefix(p).unwrap_or(s))
        .replace('_', " ")
        .to_lowercase()
        .replace("cmek", "CMEK")
        .replace("ca ", "CA ");
    Some(sentence(&words).trim_end_matches('.').to_owned())
}

/// The CSS class suffix of a state badge: ok, busy, bad or off.
pub fn state_tone(state: &ClusterState) -> &'static str {
    match state {
        ClusterState::Created => "ok",
        ClusterState::Creating | ClusterState::Locked => "busy",
        ClusterState::CreationFailed => "bad",
        _ => "off",
    }
}

/// An API or network error, in plain words, with its code when the API sent
/// one. Cheap to clone, so views and resources can hold it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsoleError {
    /// HTTP status, when the API answered.
    pub status: Option<u16>,
    /// gRPC code from the body, when the API sent one.
    pub code: Option<i32>,
    /// What went wrong, for people.
    pub message: String,
}

impl ConsoleError {
    /// An error the console itself found (nothing was sent).
    pub fn local(message: impl Into<String>) -> Self {
        ConsoleError {
            status: None,
            code: None,
            message: message.into(),
        }
    }

    /// Whether the API refused the key (sign in again).
    pub fn is_unauthenticated(&self) -> bool {
        self.status == Some(401)
    }

    /// Whether the key is valid but its roles do not allow the call.
    pub fn is_permission_denied(&self) -> bool {
        self.status == Some(403)
    }
}

impl fmt::Display for ConsoleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        match (self.code, self.status) {
            (Some(code), Some(status)) => write!(f, " (code {code}, HTTP {status})"),
            (None, Some(status)) => write!(f, " (HTTP {status})"),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for ConsoleError {}

fn sentence(s: &str) -> String {
    let s = s.trim();
    let mut out: String = s.chars().take(1).flat_map(char::to_uppercase).collect();
    out.push_str(&s[s.chars().take(1).map(char::len_utf8).sum::<usize>()..]);
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

impl From<&Error> for ConsoleError {
    fn from(e: &Error) -> Self {
        use crdb_cloud::error::code;
        match e {
            Error::Api(api) | Error::RateLimited { error: api, .. } => {
                let lead = match api.code {
                    code::UNAUTHENTICATED => "The API key was not accepted; sign in again with a valid key",
                    code::PERMISSION_DENIED => "This key's roles do not allow that",
                    code::NOT_FOUND => "Not found",
                    code::ALREADY_EXISTS => "That already exists",
                    code::FAILED_PRECONDITION => "Not possible right now",
                    code::RESOURCE_EXHAUSTED => "Too many requests; wait a moment and try again",
                    code::INVALID_ARGUMENT | code::OUT_OF_RANGE => "The request was refused",
                    code::UNAVAILABLE => "The service is unavailable for now; try again soon",
                    code::UNIMPLEMENTED => "The server does not support this",
                    _ => "The server failed",
                };
                let detail = if api.message.is_empty() {
                    String::new()
                } else {
                    format!(": {}", api.message.trim_end_matches('.'))
                };
                ConsoleError {
                    status: Some(api.status),
                    code: (api.code != 0).then_some(api.code),
                    message: sentence(&format!("{lead}{detail}")),
                }
            }
            Error::Transport(msg) => ConsoleError::local(sentence(&format!(
                "Could not reach the server ({msg}); check the server URL and that it is running"
            ))),
            Error::Timeout(d) => ConsoleError::local(format!(
                "The server did not answer within {} seconds.",
                d.as_secs()
            )),
            Error::Decode { status, .. } => ConsoleError {
                status: Some(*status),
                code: None,
                message: "The server's answer could not be read; is the server URL a CockroachDB Cloud API?".into(),
            },
            Error::InvalidRequest(msg) => ConsoleError::local(sentence(msg)),
            other => ConsoleError::local(sentence(&other.to_string())),
        }
    }
}

impl From<Error> for ConsoleError {
    fn from(e: Error) -> Self {
        ConsoleError::from(&e)
    }
}

/// Choices of the create-cluster wizard.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterDraft {
    /// Plan.
    pub plan: Plan,
    /// Cloud.
    pub cloud: CloudProvider,
    /// Region codes, in the order picked; the first is primary.
    pub regions: Vec<String>,
    /// Basic: monthly request-unit limit (0 = unlimited).
    pub request_unit_limit: i64,
    /// Basic: storage limit in GiB (0 = unlimited).
    pub storage_gib_limit: i64,
    /// Standard: provisioned vCPUs.
    pub provisioned_vcpus: i64,
    /// Advanced: nodes in each region.
    pub nodes_per_region: i32,
    /// Advanced: vCPUs per node (the machine size).
    pub vcpus_per_node: i32,
    /// Advanced: storage per node, GiB.
    pub storage_gib_per_node: i32,
    /// Cluster name.
    pub name: String,
    /// Capacity fields whose text cannot be used, by field id, with what
    /// is wrong (the field shows it; the draft cannot go on meanwhile).
    pub field_errors: BTreeMap<&'static str, String>,
}

impl Default for ClusterDraft {
    fn default() -> Self {
        ClusterDraft {
            plan: Plan::Basic,
            cloud: CloudProvider::Gcp,
            regions: Vec::new(),
            request_unit_limit: 0,
            storage_gib_limit: 0,
            provisioned_vcpus: 2,
            nodes_per_region: 3,
            vcpus_per_node: 4,
            storage_gib_per_node: 150,
            name: String::new(),
            field_errors: BTreeMap::new(),
        }
    }
}

/// Machine sizes (vCPUs per node) offered for Advanced clusters.
pub const VCPU_CHOICES: [i32; 7] = [2, 4, 8, 16, 32, 48, 64];

impl ClusterDraft {
    /// The problem with the capacity step, if any: a field's unusable
    /// text first, then each number against the bounds the API enforces.
    pub fn capacity_error(&self) -> Option<String> {
        if let Some((_, e)) = self.field_errors.iter().next() {
            return Some(e.clone());
        }
        let field = |label: &str, range: WholeRange, v: i64| {
            range
                .check(v)
                .err()
                .map(|e| format!("{label}: {}", e.to_lowercase()))
        };
        match self.plan {
            Plan::Basic => field("Request units", REQUEST_UNIT_LIMIT, self.request_unit_limit)
                .or_else(|| field("Storage limit", STORAGE_GIB_LIMIT, self.storage_gib_limit)),
            Plan::Standard => field(
                "Provisioned vCPUs",
                PROVISIONED_VCPUS,
                self.provisioned_vcpus,
            ),
            _ if !VCPU_CHOICES.contains(&self.vcpus_per_node) => {
                Some("Pick a machine size.".into())
            }
            _ => field(
                "Nodes per region",
                NODES_PER_REGION,
                self.nodes_per_region.into(),
            )
            .or_else(|| {
                field(
                    "Storage per node",
                    STORAGE_GIB_PER_NODE,
                    self.storage_gib_per_node.into(),
                )
            }),
        }
    }

    /// The create request for these choices.
    pub fn to_request(&self) -> CreateClusterRequest {
        let mut spec = CreateClusterSpecification {
            plan: Some(self.plan.clone()),
            ..Default::default()
        };
        match self.plan {
            Plan::Advanced => {
                spec.dedicated = Some(DedicatedClusterCreateSpecification {
                    hardware: DedicatedHardwareCreateSpecification {
                        storage_gib: self.storage_gib_per_node,
                        disk_iops: None,
                        machine_spec: Some(DedicatedMachineTypeSpecification {
                            machine_type: None,
                            num_virtual_cpus: Some(self.vcpus_per_node),
                        }),
                    },
                    region_nodes: self
                        .regions
                        .iter()
                        .map(|r| (r.clone(), self.nodes_per_region))
                        .collect::<BTreeMap<_, _>>(),
                    ..Default::default()
                });
            }
            _ => {
                let usage_limits = if self.plan == Plan::Standard {
                    Some(UsageLimits {
                        provisioned_virtual_cpus: Some(self.provisioned_vcpus),
                        ..Default::default()
                    })
                } else if self.request_unit_limit > 0 || self.storage_gib_limit > 0 {
                    Some(UsageLimits {
                        request_unit_limit: (self.request_unit_limit > 0)
                            .then_some(self.request_unit_limit),
                        storage_mib_limit: (self.storage_gib_limit > 0)
                            .then_some(self.storage_gib_limit * 1024),
                        ..Default::default()
                    })
                } else {
                    None
                };
                spec.serverless = Some(ServerlessClusterCreateSpecification {
                    regions: self.regions.clone(),
                    primary_region: (self.regions.len() > 1).then(|| self.regions[0].clone()),
                    usage_limits,
                    ..Default::default()
                });
            }
        }
        CreateClusterRequest {
            name: self.name.trim().to_owned(),
            provider: self.cloud.clone(),
            spec,
            plan: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crdb_cloud::ApiError;
    use crdb_cloud::models::clusters::Region;

    fn cluster(name: &str, plan: Plan, state: ClusterState, cloud: CloudProvider) -> Cluster {
        Cluster {
            id: format!("id-{name}"),
            name: name.into(),
            plan,
            state,
            cloud_provider: cloud,
            regions: vec![Region {
                name: "us-central1".into(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn sample() -> Vec<Cluster> {
        let mut v = vec![
            cluster(
                "charlie-1",
                Plan::Standard,
                ClusterState::Created,
                CloudProvider::Aws,
            ),
            cluster(
                "alpha-01",
                Plan::Basic,
                ClusterState::Creating,
                CloudProvider::Gcp,
            ),
            cluster(
                "bravo-02",
                Plan::Advanced,
                ClusterState::Created,
                CloudProvider::Gcp,
            ),
        ];
        v[0].cockroach_version = "v24.1.10".into();
        v[1].cockroach_version = "v24.1.9".into();
        v[2].cockroach_version = "v23.2.1".into();
        v
    }

    fn names<C: std::borrow::Borrow<Cluster>>(rows: &[C]) -> Vec<&str> {
        rows.iter().map(|c| c.borrow().name.as_str()).collect()
    }

    #[test]
    fn names_follow_the_api_rules() {
        for ok in ["abcdef", "my-cluster-1", "a-b-c-d", "12345678901234567890"] {
            assert_eq!(validate_cluster_name(ok), Ok(()), "{ok}");
        }
        for (bad, says) in [
            ("", "Enter"),
            ("abc", "Too short"),
            ("abcdefghijklmnopqrstu", "Too long"),
            ("-abcdef", "dash"),
            ("abcdef-", "dash"),
            ("Abcdef", "'A'"),
            ("abc_def", "'_'"),
            ("abc def", "' '"),
        ] {
            let e = validate_cluster_name(bad).unwrap_err();
            assert!(e.contains(says), "{bad:?}: {e}");
        }
    }

    #[test]
    fn sorts_by_each_column_both_ways() {
        let all = sample();
        let mut q = TableQuery::default();
        assert_eq!(
            names(&filter_sort(&all, &q)),
            ["alpha-01", "bravo-02", "charlie-1"]
        );
        q.toggle_sort(SortKey::Name);
        assert!(!q.ascending);
        assert_eq!(
            names(&filter_sort(&all, &q)),
            ["charlie-1", "bravo-02", "alpha-01"]
        );
        q.toggle_sort(SortKey::Plan);
        assert!(q.ascending);
        assert_eq!(
            names(&filter_sort(&all, &q)),
            ["bravo-02", "alpha-01", "charlie-1"]
        );
        q.toggle_sort(SortKey::Version);
        assert_eq!(
            names(&filter_sort(&all, &q)),
            ["bravo-02", "alpha-01", "charlie-1"]
        );
        q.toggle_sort(SortKey::Cloud);
        assert_eq!(
            names(&filter_sort(&all, &q)),
            ["charlie-1", "alpha-01", "bravo-02"]
        );
        q.toggle_sort(SortKey::State);
        q.toggle_sort(SortKey::State);
        assert_eq!(
            names(&filter_sort(&all, &q)),
            ["alpha-01", "charlie-1", "bravo-02"]
        );
    }

    #[test]
    fn filters_and_search_combine() {
        let all = sample();
        let q = TableQuery {
            cloud: Some(CloudProvider::Gcp),
            ..Default::default()
        };
        assert_eq!(names(&filter_sort(&all, &q)), ["alpha-01", "bravo-02"]);
        let q = TableQuery {
            cloud: Some(CloudProvider::Gcp),
            state: Some(ClusterState::Created),
            ..Default::default()
        };
        assert_eq!(names(&filter_sort(&all, &q)), ["bravo-02"]);
        let q = TableQuery {
            search: "  CHAR ".into(),
            ..Default::default()
        };
        assert_eq!(names(&filter_sort(&all, &q)), ["charlie-1"]);
        let q = TableQuery {
            search: "central".into(),
            plan: Some(Plan::Basic),
            ..Default::default()
        };
        assert_eq!(names(&filter_sort(&all, &q)), ["alpha-01"]);
        let q = TableQuery {
            search: "nothing".into(),
            ..Default::default()
        };
        assert!(filter_sort(&all, &q).is_empty());
    }

    #[test]
    fn pages_are_cut_and_clamped() {
        let all: Vec<Cluster> = (0..25)
            .map(|i| {
                cluster(
                    &format!("c-{i:02}-xx"),
                    Plan::Basic,
                    ClusterState::Created,
                    CloudProvider::Gcp,
                )
            })
            .collect();
        let mut q = TableQuery::default();
        let p = table_page(&all, &q);
        assert_eq!((p.rows.len(), p.matching, p.page, p.pages), (10, 25, 0, 3));
        q.page = 2;
        let p = table_page(&all, &q);
        assert_eq!(
            names(&p.rows),
            ["c-20-xx", "c-21-xx", "c-22-xx", "c-23-xx", "c-24-xx"]
        );
        q.page = 9;
        assert_eq!(table_page(&all, &q).page, 2);
        let p = table_page(&[], &q);
        assert_eq!((p.rows.len(), p.page, p.pages), (0, 0, 1));
    }

    #[test]
    fn refreshes_only_while_something_changes() {
        let mut all = sample();
        assert!(needs_refresh(&all));
        all[1].state = ClusterState::Created;
        assert!(!needs_refresh(&all));
        all[0].state = ClusterState::Locked;
        assert!(needs_refresh(&all));
    }

    #[test]
    fn api_errors_read_as_sentences_with_their_code() {
        let e = ConsoleError::from(Error::Api(ApiError {
            status: 400,
            code: 9,
            message: "cluster has delete protection enabled".into(),
            details: vec![],
        }));
        assert_eq!(
            e.to_string(),
            "Not possible right now: cluster has delete protection enabled. (code 9, HTTP 400)"
        );
        let e = ConsoleError::from(Error::Api(ApiError {
            status: 401,
            code: 16,
            message: String::new(),
            details: vec![],
        }));
        assert!(e.is_unauthenticated());
        assert!(e.to_string().starts_with("The API key was not accepted"));
        let e = ConsoleError::from(Error::Transport("connection refused".into()));
        assert!(
            e.to_string()
                .starts_with("Could not reach the server (connection refused)")
        );
    }

    #[test]
    fn key_ids_come_from_secrets() {
        assert_eq!(key_id_of("CCDB1_abc123_deadbeef"), Some("CCDB1_abc123"));
        assert_eq!(key_id_of("CCDB1_abc123"), None);
        assert_eq!(key_id_of("other"), None);
    }

    #[test]
    fn operations_read_as_words() {
        assert_eq!(operation_label(&ClusterStatus::Unspecified), None);
        assert_eq!(
            operation_label(&ClusterStatus::DedicatedFullClusterRestoreRunning).as_deref(),
            Some("Full cluster restore running")
        );
        assert_eq!(
            operation_label(&ClusterStatus::TenantRestoreRunning).as_deref(),
            Some("Restore running")
        );
        assert_eq!(
            operation_label(&ClusterStatus::CrdbCmekOperationRunning).as_deref(),
            Some("CMEK operation running")
        );
    }

    #[test]
    fn drafts_become_the_documented_requests() {
        let basic = ClusterDraft {
            name: " my-basic ".into(),
            regions: vec!["us-central1".into()],
            ..Default::default()
        };
        let json = serde_json::to_value(basic.to_request()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"name": "my-basic", "provider": "GCP",
                "spec": {"plan": "BASIC", "serverless": {"regions": ["us-central1"]}}})
        );
        let standard = ClusterDraft {
            plan: Plan::Standard,
            regions: vec!["us-east1".into(), "us-central1".into()],
            provisioned_vcpus: 4,
            ..basic.clone()
        };
        let s = standard.to_request().spec.serverless.unwrap();
        assert_eq!(s.primary_region.as_deref(), Some("us-east1"));
        assert_eq!(s.usage_limits.unwrap().provisioned_virtual_cpus, Some(4));
        let advanced = ClusterDraft {
            plan: Plan::Advanced,
            cloud: CloudProvider::Aws,
            regions: vec!["us-east-1".into()],
            ..basic.clone()
        };
        assert_eq!(advanced.capacity_error(), None);
        let d = advanced.to_request().spec.dedicated.unwrap();
        assert_eq!(d.region_nodes["us-east-1"], 3);
        assert_eq!(d.hardware.machine_spec.unwrap().num_virtual_cpus, Some(4));
        let too_few = ClusterDraft {
            nodes_per_region: 1,
            ..advanced
        };
        assert_eq!(
            too_few.capacity_error().as_deref(),
            Some("Nodes per region: at least 3.")
        );
        let huge = ClusterDraft {
            storage_gib_per_node: 99_999_999,
            ..too_few.clone()
        };
        assert_eq!(
            ClusterDraft {
                nodes_per_region: 3,
                ..huge
            }
            .capacity_error()
            .as_deref(),
            Some("Storage per node: at most 16,384.")
        );
        let mut typo = too_few.clone();
        typo.field_errors
            .insert("nodes-per-region", "Enter a number.".into());
        assert_eq!(typo.capacity_error().as_deref(), Some("Enter a number."));
        let limited = ClusterDraft {
            storage_gib_limit: 5,
            ..basic
        };
        let limits = limited
            .to_request()
            .spec
            .serverless
            .unwrap()
            .usage_limits
            .unwrap();
        assert_eq!(limits.storage_mib_limit, Some(5120));
        assert_eq!(limits.request_unit_limit, None);
    }
}
