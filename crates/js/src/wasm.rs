//! The wasm32 exports: `WasmClient` and `CancelHandle`.

use crate::JsError;
use crdb_cloud::api::backups::restore_progress;
use crdb_cloud::api::clusters::cluster_progress;
use crdb_cloud::api::cmek::cmek_progress;
use crdb_cloud::models::backups::Restore;
use crdb_cloud::models::backups::{CreateRestoreBody, UpdateBackupConfigurationSpec};
use crdb_cloud::models::blackout_windows::{CreateBlackoutWindowBody, UpdateBlackoutWindowBody};
use crdb_cloud::models::clusters::Cluster;
use crdb_cloud::models::clusters::{
    ClusterSortBy, CreateClusterRequest, OperatingSystem, UpdateClusterSpecification,
};
use crdb_cloud::models::cmek::{EnableCmekSpecBody, UpdateCmekSpecBody, UpdateCmekStatusBody};
use crdb_cloud::models::common::CloudProvider;
use crdb_cloud::models::databases::{CreateDatabaseBody, EditDatabaseBody};
use crdb_cloud::models::maintenance::{ClusterVersionDeferralUpdate, MaintenanceWindow};
use crdb_cloud::models::sql_users::{CreateSqlUserBody, UpdateSqlUserPasswordBody};
use crdb_cloud::operation::{self as op, Operation};
use crdb_cloud::wait::{Progress, poll_until};
use crdb_cloud::{
    CancelToken, Client, Error, ListOptions, Query, RetryPolicy, SortOrder, Timestamp, WaitOptions,
};
use js_sys::Promise;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

type Result<T> = crdb_cloud::Result<T>;

/// Rejects with the error as JSON text, which the wrapper parses and
/// turns into a `CloudApiError`.
fn throw(e: &Error) -> JsValue {
    JsValue::from_str(&serde_json::to_string(&JsError::from(e)).unwrap_or_default())
}

/// Decodes a request from the JSON text the wrapper wrote, into the SDK's
/// typed model (so a malformed request fails before anything is sent).
fn decode<T: DeserializeOwned>(what: &str, json: String) -> Result<T> {
    serde_json::from_str(&json).map_err(|e| Error::InvalidRequest(format!("{what}: {e}")))
}

/// Like [`decode`], but an absent value (`""`, `null`) is the default.
fn decode_opt<T: DeserializeOwned + Default>(what: &str, json: String) -> Result<T> {
    if json.is_empty() || json == "null" {
        Ok(T::default())
    } else {
        decode(what, json)
    }
}

/// `pagination.*` query parameters, as JavaScript passes them.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct JsPagination {
    page: Option<String>,
    limit: Option<i32>,
    as_of_time: Option<Timestamp>,
    sort_order: Option<SortOrder>,
}

impl From<JsPagination> for ListOptions {
    fn from(p: JsPagination) -> Self {
        ListOptions {
            page: p.page,
            limit: p.limit,
            as_of_time: p.as_of_time,
            sort_order: p.sort_order,
        }
    }
}

/// A query object as JavaScript passes it (wire names, `pagination` nested),
/// written as the operation's query parameters.
trait ToQuery: DeserializeOwned + Default {
    fn apply(self, q: &mut Query);
}

/// Operations without query parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoQuery {}

impl ToQuery for NoQuery {
    fn apply(self, _: &mut Query) {}
}

impl ToQuery for PageQuery {
    fn apply(self, q: &mut Query) {
        ListOptions::from(self.pagination).apply(q);
    }
}

impl ToQuery for ListClustersQuery {
    fn apply(self, q: &mut Query) {
        q.opt("show_inactive", self.show_inactive)
            .opt("pagination.sort_by", self.sort_by.as_ref());
        ListOptions::from(self.pagination).apply(q);
    }
}

impl ToQuery for ListAvailableRegionsQuery {
    fn apply(self, q: &mut Query) {
        q.opt("provider", self.provider.as_ref())
            .opt("serverless", self.serverless);
        ListOptions::from(self.pagination).apply(q);
    }
}

impl ToQuery for ConnectionStringQuery {
    fn apply(self, q: &mut Query) {
        q.opt("database", self.database.as_deref())
            .opt("sql_user", self.sql_user.as_deref())
            .opt("os", self.os.as_ref());
    }
}

impl ToQuery for ListClusterNodesQuery {
    fn apply(self, q: &mut Query) {
        q.opt("region_name", self.region_name.as_deref());
        ListOptions::from(self.pagination).apply(q);
    }
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

/// `{ pagination? }`: lists with no other query parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PageQuery {
    pagination: JsPagination,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ListClustersQuery {
    show_inactive: Option<bool>,
    sort_by: Option<ClusterSortBy>,
    pagination: JsPagination,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ListAvailableRegionsQuery {
    provider: Option<CloudProvider>,
    serverless: Option<bool>,
    pagination: JsPagination,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ConnectionStringQuery {
    database: Option<String>,
    sql_user: Option<String>,
    os: Option<OperatingSystem>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ListClusterNodesQuery {
    region_name: Option<String>,
    pagination: JsPagination,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct TimeRangeQuery {
    start_time: Option<Timestamp>,
    end_time: Option<Timestamp>,
    pagination: JsPagination,
}

/// `retries`: a number (both limits) or the policy's fields.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum JsRetries {
    Count(u32),
    Policy(JsRetryPolicy),
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct JsRetryPolicy {
    max_rate_limit_retries: Option<u32>,
    max_retries: Option<u32>,
    base_delay_ms: Option<f64>,
    max_delay_ms: Option<f64>,
}

/// Constructor options of `CloudClient`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct JsOptions {
    api_key: Option<String>,
    base_url: Option<String>,
    version: Option<String>,
    user_agent: Option<String>,
    timeout_ms: Option<f64>,
    retries: Option<JsRetries>,
    rate_limit: Option<u32>,
}

fn millis(what: &str, ms: f64) -> Result<Duration> {
    if ms.is_finite() && ms > 0.0 {
        Ok(Duration::from_secs_f64(ms / 1000.0))
    } else {
        Err(Error::InvalidRequest(format!(
            "{what} must be a positive number of milliseconds"
        )))
    }
}

fn build(options: String) -> Result<Client> {
    let o: JsOptions = decode("options", options)?;
    let mut b = Client::builder();
    if let Some(k) = o.api_key {
        b = b.api_key(k);
    }
    if let Some(u) = o.base_url {
        b = b.base_url(u);
    }
    if let Some(v) = o.version {
        b = b.version(v);
    }
    if let Some(a) = o.user_agent {
        b = b.user_agent(a);
    }
    if let Some(t) = o.timeout_ms {
        b = b.timeout(millis("timeoutMs", t)?);
    }
    if let Some(r) = o.retries {
        let mut p = RetryPolicy::default();
        match r {
            JsRetries::Count(n) => {
                p.max_rate_limit_retries = n;
                p.max_retries = n;
            }
            JsRetries::Policy(j) => {
                if let Some(n) = j.max_rate_limit_retries {
                    p.max_rate_limit_retries = n;
                }
                if let Some(n) = j.max_retries {
                    p.max_retries = n;
                }
                if let Some(ms) = j.base_delay_ms {
                    p.base_delay = millis("retries.baseDelayMs", ms)?;
                }
                if let Some(ms) = j.max_delay_ms {
                    p.max_delay = millis("retries.maxDelayMs", ms)?;
                }
            }
        }
        b = b.retry_policy(p);
    }
    if let Some(n) = o.rate_limit {
        if n == 0 {
            return Err(Error::InvalidRequest("rateLimit must be at least 1".into()));
        }
        b = b.rate_limit(n);
    }
    b.build()
}

/// A cancellation flag shared with the SDK's waiters; the wrapper raises it
/// from an `AbortSignal`'s `abort` event.
#[wasm_bindgen]
pub struct CancelHandle(CancelToken);

#[wasm_bindgen]
impl CancelHandle {
    /// A handle not yet cancelled.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> CancelHandle {
        CancelHandle(CancelToken::new())
    }

    /// Cancel every wait holding this handle or one of its forks.
    pub fn cancel(&self) {
        self.0.cancel();
    }

    /// A second handle on the same flag (a waiter takes its handle by value).
    pub fn fork(&self) -> CancelHandle {
        CancelHandle(self.0.clone())
    }
}

/// Waiter options: interval and timeout in milliseconds, optional cancel.
fn wait_options(
    interval_ms: Option<f64>,
    timeout_ms: Option<f64>,
    cancel: Option<CancelHandle>,
) -> Result<WaitOptions> {
    let mut o = WaitOptions::default();
    if let Some(ms) = interval_ms {
        o.interval = millis("intervalMs", ms)?;
    }
    if let Some(ms) = timeout_ms {
        o.timeout = millis("timeoutMs", ms)?;
    }
    o.cancel = cancel.map(|c| c.0);
    Ok(o)
}

/// Requests without a body.
struct NoBody;

/// Checks a request body against the SDK's model `T` (field names, types,
/// required fields, int64 strings, timestamps) and hands on the text as
/// written. Decoding only, with no re-encoding, keeps one instance of the
/// send path for every operation and the wasm small (see BENCHMARKS.md).
trait Body {
    fn check(json: String) -> Result<Option<Box<RawValue>>>;
}

impl Body for NoBody {
    fn check(json: String) -> Result<Option<Box<RawValue>>> {
        if json.is_empty() || json == "null" {
            Ok(None)
        } else {
            Err(Error::InvalidRequest("this operation takes no body".into()))
        }
    }
}

impl<T: DeserializeOwned> Body for T {
    fn check(json: String) -> Result<Option<Box<RawValue>>> {
        decode::<T>("body", json.clone())?;
        RawValue::from_string(json)
            .map(Some)
            .map_err(|e| Error::InvalidRequest(format!("body: {e}")))
    }
}

/// A checked query and body, ready to send.
type Prepared = (Query, Option<Box<RawValue>>);

/// The table the wrapper builds `CloudClient` from: one line per operation
/// (the SDK's operation, its JS name, query and body types).
struct Entry {
    op: &'static Operation,
    name: &'static str,
    has_query: bool,
    has_body: bool,
    prepare: fn(String, String) -> Result<Prepared>,
}

fn prepare<Q: ToQuery, B: Body>(query: String, body: String) -> Result<Prepared> {
    let mut q = Query::new();
    decode_opt::<Q>("query", query)?.apply(&mut q);
    Ok((q, B::check(body)?))
}

macro_rules! operations {
    ($( $konst:ident $js:literal query: $q:ident body: $b:ident ; )+) => {
        const ENTRIES: &[Entry] = &[ $(
            Entry {
                op: &op::$konst,
                name: $js,
                has_query: !operations!(@none $q),
                has_body: !operations!(@none $b),
                prepare: prepare::<operations!(@q $q), operations!(@b $b)>,
            },
        )+ ];
    };
    (@none none) => { true };
    (@none $t:ident) => { false };
    (@q none) => { NoQuery };
    (@q $t:ident) => { $t };
    (@b none) => { NoBody };
    (@b $t:ident) => { $t };
}

operations! {
    GET_ORGANIZATION_INFO "getOrganizationInfo" query: none body: none;
    LIST_MAJOR_CLUSTER_VERSIONS "listMajorClusterVersions" query: PageQuery body: none;
    LIST_CLUSTERS "listClusters" query: ListClustersQuery body: none;
    CREATE_CLUSTER "createCluster" query: none body: CreateClusterRequest;
    LIST_AVAILABLE_REGIONS "listAvailableRegions" query: ListAvailableRegionsQuery body: none;
    DELETE_CLUSTER "deleteCluster" query: none body: none;
    GET_CLUSTER "getCluster" query: none body: none;
    UPDATE_CLUSTER "updateCluster" query: none body: UpdateClusterSpecification;
    GET_CONNECTION_STRING "getConnectionString" query: ConnectionStringQuery body: none;
    LIST_CLUSTER_NODES "listClusterNodes" query: ListClusterNodesQuery body: none;
    LIST_SQL_USERS "listSqlUsers" query: PageQuery body: none;
    CREATE_SQL_USER "createSqlUser" query: none body: CreateSqlUserBody;
    DELETE_SQL_USER "deleteSqlUser" query: none body: none;
    UPDATE_SQL_USER_PASSWORD "updateSqlUserPassword" query: none body: UpdateSqlUserPasswordBody;
    LIST_DATABASES "listDatabases" query: PageQuery body: none;
    EDIT_DATABASE2 "editDatabase2" query: none body: EditDatabaseBody;
    CREATE_DATABASE "createDatabase" query: none body: CreateDatabaseBody;
    DELETE_DATABASE "deleteDatabase" query: none body: none;
    EDIT_DATABASE "editDatabase" query: none body: EditDatabaseBody;
    GET_CMEK_CLUSTER_INFO "getCmekClusterInfo" query: none body: none;
    UPDATE_CMEK_STATUS "updateCmekStatus" query: none body: UpdateCmekStatusBody;
    ENABLE_CMEK_SPEC "enableCmekSpec" query: none body: EnableCmekSpecBody;
    UPDATE_CMEK_SPEC "updateCmekSpec" query: none body: UpdateCmekSpecBody;
    LIST_BACKUPS "listBackups" query: TimeRangeQuery body: none;
    GET_BACKUP_CONFIGURATION "getBackupConfiguration" query: none body: none;
    UPDATE_BACKUP_CONFIGURATION "updateBackupConfiguration" query: none body: UpdateBackupConfigurationSpec;
    LIST_RESTORES "listRestores" query: TimeRangeQuery body: none;
    GET_RESTORE "getRestore" query: none body: none;
    CREATE_RESTORE "createRestore" query: none body: CreateRestoreBody;
    DELETE_MAINTENANCE_WINDOW "deleteMaintenanceWindow" query: none body: none;
    GET_MAINTENANCE_WINDOW "getMaintenanceWindow" query: none body: none;
    SET_MAINTENANCE_WINDOW "setMaintenanceWindow" query: none body: MaintenanceWindow;
    GET_CLUSTER_VERSION_DEFERRAL "getClusterVersionDeferral" query: none body: none;
    SET_CLUSTER_VERSION_DEFERRAL "setClusterVersionDeferral" query: none body: ClusterVersionDeferralUpdate;
    LIST_BLACKOUT_WINDOWS "listBlackoutWindows" query: PageQuery body: none;
    CREATE_BLACKOUT_WINDOW "createBlackoutWindow" query: none body: CreateBlackoutWindowBody;
    DELETE_BLACKOUT_WINDOW "deleteBlackoutWindow" query: none body: none;
    GET_BLACKOUT_WINDOW "getBlackoutWindow" query: none body: none;
    UPDATE_BLACKOUT_WINDOW "updateBlackoutWindow" query: none body: UpdateBlackoutWindowBody;
}

/// Path parameter names of an operation, from its template.
fn path_params(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// The operations this build exports, as JSON: `[{ name, id, method, path,
/// params, query, body }]`, in the SDK's table order. The wrapper defines
/// one `CloudClient` method per entry: `name(...params, body?, query?)`.
#[wasm_bindgen]
pub fn operations() -> String {
    let list: Vec<serde_json::Value> = ENTRIES
        .iter()
        .map(|e| {
            serde_json::json!({
                "name": e.name,
                "id": e.op.id,
                "method": e.op.method.as_str(),
                "path": e.op.path,
                "params": path_params(e.op.path),
                "query": e.has_query,
                "body": e.has_body,
            })
        })
        .collect();
    serde_json::to_string(&list).unwrap_or_default()
}

/// The SDK client. Arguments and answers are JSON text: `call` returns a
/// promise of the answer's body and rejects with the JSON of a
/// `{ name: "CloudApiError", ... }` object.
#[wasm_bindgen]
pub struct WasmClient {
    client: Client,
}

#[wasm_bindgen]
impl WasmClient {
    /// Options: `{ apiKey, baseUrl?, version?, userAgent?, timeoutMs?, retries?, rateLimit? }`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: String) -> std::result::Result<WasmClient, JsValue> {
        build(options)
            .map(|client| WasmClient { client })
            .map_err(|e| throw(&e))
    }

    /// The base URL calls go to.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.client.base_url().to_owned()
    }

    /// Calls the operation named `name` (its JS name) with its path
    /// parameters, query object (JSON, `""` when none) and body (JSON, `""`
    /// when none): the SDK checks the query and body against its models,
    /// builds the URL, sends with retries and the rate limit, and decodes
    /// errors. Resolves with the answer's body as sent.
    pub fn call(&self, name: String, params: Vec<String>, query: String, body: String) -> Promise {
        let c = self.client.clone();
        future_to_promise(async move {
            let answer = async {
                let entry = ENTRIES
                    .iter()
                    .find(|e| e.name == name)
                    .ok_or_else(|| Error::InvalidRequest(format!("no operation {name}")))?;
                let (q, b) = (entry.prepare)(query, body)?;
                let path: Vec<&str> = params.iter().map(String::as_str).collect();
                c.send_raw(entry.op, &path, &q, b.as_deref()).await
            };
            match answer.await {
                Ok(r) if r.body.trim().is_empty() => Ok(JsValue::from_str("{}")),
                Ok(r) => Ok(JsValue::from_str(&r.body)),
                Err(e) => Err(throw(&e)),
            }
        })
    }

    /// `waitForCluster(clusterId, intervalMs?, timeoutMs?, cancel?)`: the
    /// SDK's waiter (`poll_until` + `cluster_progress`), resolving with the
    /// last answer's body.
    #[wasm_bindgen(js_name = waitForCluster)]
    pub fn wait_for_cluster(
        &self,
        cluster_id: String,
        interval_ms: Option<f64>,
        timeout_ms: Option<f64>,
        cancel: Option<CancelHandle>,
    ) -> Promise {
        let c = self.client.clone();
        body_promise(async move {
            let o = wait_options(interval_ms, timeout_ms, cancel)?;
            let judge = |s: &ClusterState| {
                cluster_progress(&Cluster {
                    id: s.id.clone(),
                    state: s.state.clone(),
                    ..Default::default()
                })
            };
            wait_raw(&c, "cluster", &op::GET_CLUSTER, &[&cluster_id], &o, judge).await
        })
    }

    /// `waitForRestore(clusterId, restoreId, intervalMs?, timeoutMs?, cancel?)`.
    #[wasm_bindgen(js_name = waitForRestore)]
    pub fn wait_for_restore(
        &self,
        cluster_id: String,
        restore_id: String,
        interval_ms: Option<f64>,
        timeout_ms: Option<f64>,
        cancel: Option<CancelHandle>,
    ) -> Promise {
        let c = self.client.clone();
        body_promise(async move {
            let o = wait_options(interval_ms, timeout_ms, cancel)?;
            let judge = |s: &RestoreState| {
                restore_progress(&Restore {
                    id: s.id.clone(),
                    status: s.status.clone(),
                    client_error_message: s.client_error_message.clone(),
                    ..Default::default()
                })
            };
            let path = [cluster_id.as_str(), restore_id.as_str()];
            wait_raw(&c, "restore", &op::GET_RESTORE, &path, &o, judge).await
        })
    }

    /// `waitForCmek(clusterId, intervalMs?, timeoutMs?, cancel?)`.
    #[wasm_bindgen(js_name = waitForCmek)]
    pub fn wait_for_cmek(
        &self,
        cluster_id: String,
        interval_ms: Option<f64>,
        timeout_ms: Option<f64>,
        cancel: Option<CancelHandle>,
    ) -> Promise {
        let c = self.client.clone();
        body_promise(async move {
            let o = wait_options(interval_ms, timeout_ms, cancel)?;
            let path = [cluster_id.as_str()];
            wait_raw(
                &c,
                "cmek",
                &op::GET_CMEK_CLUSTER_INFO,
                &path,
                &o,
                cmek_progress,
            )
            .await
        })
    }
}

/// The fields of a `Cluster` its waiter judges by.
#[derive(Deserialize)]
struct ClusterState {
    #[serde(default)]
    id: String,
    #[serde(default)]
    state: crdb_cloud::models::clusters::ClusterState,
}

/// The fields of a `Restore` its waiter judges by.
#[derive(Deserialize)]
struct RestoreState {
    #[serde(default)]
    id: String,
    #[serde(default)]
    status: crdb_cloud::models::backups::RestoreStatus,
    #[serde(default)]
    client_error_message: Option<String>,
}

/// The SDK's `poll_until` over a raw GET: each answer is decoded as `T`
/// only as far as `judge` needs; resolves with the last body.
async fn wait_raw<T: DeserializeOwned>(
    c: &Client,
    resource: &'static str,
    operation: &'static Operation,
    path: &[&str],
    options: &WaitOptions,
    judge: impl Fn(&T) -> Progress,
) -> Result<String> {
    let fetch = || async {
        let r = c
            .send_raw(operation, path, &Query::new(), None::<&RawValue>)
            .await?;
        match serde_json::from_str::<T>(&r.body) {
            Ok(t) => Ok((t, r.body)),
            Err(e) => Err(Error::Decode {
                status: r.status,
                message: e.to_string(),
                body: r.body,
            }),
        }
    };
    poll_until(resource, options, fetch, |(t, _)| judge(t))
        .await
        .map(|(_, body)| body)
}

/// A promise of a body (JSON text), rejecting with a `CloudApiError` object.
fn body_promise<F>(work: F) -> Promise
where
    F: std::future::Future<Output = Result<String>> + 'static,
{
    future_to_promise(async move {
        match work.await {
            Ok(body) if body.trim().is_empty() => Ok(JsValue::from_str("{}")),
            Ok(body) => Ok(JsValue::from_str(&body)),
            Err(e) => Err(throw(&e)),
        }
    })
}
