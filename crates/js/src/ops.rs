//! The operation table the package is built from, and the checks of a
//! call's query and body against the SDK's models. Native code (tested with
//! `cargo test -p crdb-cloud-js`); the wasm exports in `wasm.rs` use it.
//!
//! Adding an operation is one line in `operations!` below; the wrapper's methods, iterators and
//! TypeScript signatures are generated from this table at build time.

use crate::types::*;
use crdb_cloud::models::api_keys::*;
use crdb_cloud::models::audit_logs::*;
use crdb_cloud::models::backups::*;
use crdb_cloud::models::billing::*;
use crdb_cloud::models::blackout_windows::*;
use crdb_cloud::models::clusters::*;
use crdb_cloud::models::cmek::*;
use crdb_cloud::models::common::Empty;
use crdb_cloud::models::databases::*;
use crdb_cloud::models::folders::*;
use crdb_cloud::models::maintenance::*;
use crdb_cloud::models::organization::*;
use crdb_cloud::models::roles::*;
use crdb_cloud::models::service_accounts::*;
use crdb_cloud::models::sql_users::*;
use crdb_cloud::operation::{self as op, Operation};
use crdb_cloud::{Client, Error, Query, Result, RetryPolicy};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use std::time::Duration;

/// Decodes JSON text the wrapper wrote into `T`.
pub fn decode<T: DeserializeOwned>(what: &str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::InvalidRequest(format!("{what}: {e}")))
}

/// Checks a request body against the model, read as loosely as the service
/// reads it (proto3 JSON: `null` is the default, camelCase names; int64 as
/// strings the models take already), so the package refuses nothing the
/// service takes. The loosening is one generic pass over the JSON
/// ([`crdb_cloud::proto3::loosen`]), so each model keeps its one decoder.
#[cfg(feature = "check-bodies")]
fn check_body<T: DeserializeOwned>(json: &str) -> Result<()> {
    let bad = |e: serde_json::Error| Error::InvalidRequest(format!("body: {e}"));
    let mut value: serde_json::Value = serde_json::from_str(json).map_err(bad)?;
    crdb_cloud::proto3::loosen(&mut value);
    let loose = serde_json::to_string(&value).map_err(bad)?;
    decode::<T>("body", &loose).map(drop)
}

/// Like [`decode`], but an absent value (`""`, `null`) is the default.
pub fn decode_opt<T: DeserializeOwned + Default>(what: &str, json: &str) -> Result<T> {
    if json.is_empty() || json == "null" {
        Ok(T::default())
    } else {
        decode(what, json)
    }
}

/// A positive number of milliseconds as a duration.
pub fn millis(what: &str, ms: f64) -> Result<Duration> {
    if ms.is_finite() && ms > 0.0 {
        Ok(Duration::from_secs_f64(ms / 1000.0))
    } else {
        Err(Error::InvalidRequest(format!(
            "{what} must be a positive number of milliseconds"
        )))
    }
}

/// Builds the SDK client from `ClientOptions` JSON, sending through
/// `transport` when given (the SDK's default otherwise).
pub fn build_client(
    options: &str,
    transport: Option<std::sync::Arc<dyn crdb_cloud::transport::Transport>>,
) -> Result<Client> {
    let o: ClientOptions = decode("options", options)?;
    let mut b = Client::builder().api_key(o.api_key);
    if let Some(t) = transport {
        b = b.transport(t);
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
            Retries::Count(n) => {
                p.max_rate_limit_retries = n;
                p.max_retries = n;
            }
            Retries::Policy(j) => {
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

/// Requests without a body.
pub struct NoBody;

/// Checks a request body against the SDK's model `T` (field names, types,
/// required fields, int64 strings, timestamps) and hands on the text as
/// written. Decoding only, with no re-encoding, keeps one instance of the
/// send path for every operation and the wasm small (see BENCHMARKS.md).
pub trait Body {
    /// The checked body, `None` when the operation has none.
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
        if json.is_empty() {
            return Err(Error::InvalidRequest("a body is required".into()));
        }
        #[cfg(feature = "check-bodies")]
        check_body::<T>(&json)?;
        RawValue::from_string(json)
            .map(Some)
            .map_err(|e| Error::InvalidRequest(format!("body: {e}")))
    }
}

/// A checked query and body, ready to send.
pub type Prepared = (Query, Option<Box<RawValue>>);

/// One operation of the package.
pub struct Entry {
    /// The SDK's operation (id, method, path).
    pub op: &'static Operation,
    /// The JS method name: the operationId in camelCase.
    pub name: &'static str,
    /// TypeScript name of the query object type, if the operation has one.
    pub query: Option<&'static str>,
    /// TypeScript name of the body type, if the operation has one.
    pub body: Option<&'static str>,
    /// TypeScript name of the answer type.
    pub response: &'static str,
    /// For a paged list: the answer's field holding the items.
    pub items: Option<&'static str>,
    /// For a paged list: where the answer names the next page, and the
    /// query field that asks for it (dotted paths).
    pub next: (&'static str, &'static str),
    /// Checks a query and body (JSON text) and turns them into a request.
    pub prepare: fn(String, String) -> Result<Prepared>,
}

fn prepare<Q: ToQuery, B: Body>(query: String, body: String) -> Result<Prepared> {
    let mut q = Query::new();
    decode_opt::<Q>("query", &query)?.apply(&mut q);
    Ok((q, B::check(body)?))
}

macro_rules! operations {
    ($table:ident; $( $konst:ident $js:literal query: $q:ident body: $b:ident -> $resp:ident $([$items:ident $(: $from:ident => $to:ident)?])? ; )+) => {
        /// Operations of the package, in the SDK's table order.
        pub const $table: &[Entry] = &[ $(
            Entry {
                op: &op::$konst,
                name: $js,
                query: operations!(@name $q),
                body: operations!(@name $b),
                response: stringify!($resp),
                items: operations!(@items $($items)?),
                next: operations!(@next $($($from $to)?)?),
                prepare: prepare::<operations!(@q $q), operations!(@b $b)>,
            },
        )+ ];

        // The answer types named above are SDK models, and a list's items
        // field is one of its answer's fields (checked at compile time).
        #[allow(dead_code)]
        fn _response_types_exist() {
            $(
                let _: Option<$resp> = None;
                $( let _ = |r: $resp| r.$items; )?
            )+
        }
    };
    (@name none) => { None };
    (@name $t:ident) => { Some(stringify!($t)) };
    (@items) => { None };
    (@items $i:ident) => { Some(stringify!($i)) };
    (@next) => { ("pagination.next_page", "pagination.page") };
    (@next $from:ident $to:ident) => { (stringify!($from), stringify!($to)) };
    (@q none) => { NoQuery };
    (@q $t:ident) => { $t };
    (@b none) => { NoBody };
    (@b $t:ident) => { $t };
}

operations! {
    ENTRIES;
    GET_ORGANIZATION_INFO "getOrganizationInfo" query: none body: none -> Organization;
    LIST_MAJOR_CLUSTER_VERSIONS "listMajorClusterVersions" query: PageQuery body: none -> ListMajorClusterVersionsResponse [versions];
    LIST_CLUSTERS "listClusters" query: ListClustersQuery body: none -> ListClustersResponse [clusters];
    CREATE_CLUSTER "createCluster" query: none body: CreateClusterRequest -> Cluster;
    LIST_AVAILABLE_REGIONS "listAvailableRegions" query: ListAvailableRegionsQuery body: none -> ListAvailableRegionsResponse [regions];
    DELETE_CLUSTER "deleteCluster" query: none body: none -> Cluster;
    GET_CLUSTER "getCluster" query: none body: none -> Cluster;
    UPDATE_CLUSTER "updateCluster" query: none body: UpdateClusterSpecification -> Cluster;
    GET_CONNECTION_STRING "getConnectionString" query: ConnectionStringQuery body: none -> GetConnectionStringResponse;
    LIST_CLUSTER_NODES "listClusterNodes" query: ListClusterNodesQuery body: none -> ListClusterNodesResponse [nodes];
    LIST_SQL_USERS "listSqlUsers" query: PageQuery body: none -> ListSqlUsersResponse [users];
    CREATE_SQL_USER "createSqlUser" query: none body: CreateSqlUserBody -> SqlUser;
    DELETE_SQL_USER "deleteSqlUser" query: none body: none -> SqlUser;
    UPDATE_SQL_USER_PASSWORD "updateSqlUserPassword" query: none body: UpdateSqlUserPasswordBody -> SqlUser;
    LIST_DATABASES "listDatabases" query: PageQuery body: none -> ListDatabasesResponse [databases];
    EDIT_DATABASE2 "editDatabase2" query: none body: EditDatabaseBody -> Database;
    CREATE_DATABASE "createDatabase" query: none body: CreateDatabaseBody -> Database;
    DELETE_DATABASE "deleteDatabase" query: none body: none -> Database;
    EDIT_DATABASE "editDatabase" query: none body: EditDatabaseBody -> Database;
    GET_CMEK_CLUSTER_INFO "getCmekClusterInfo" query: none body: none -> CmekClusterInfo;
    UPDATE_CMEK_STATUS "updateCmekStatus" query: none body: UpdateCmekStatusBody -> CmekClusterInfo;
    ENABLE_CMEK_SPEC "enableCmekSpec" query: none body: EnableCmekSpecBody -> CmekClusterInfo;
    UPDATE_CMEK_SPEC "updateCmekSpec" query: none body: UpdateCmekSpecBody -> CmekClusterInfo;
    LIST_BACKUPS "listBackups" query: TimeRangeQuery body: none -> ListBackupsResponse [backups];
    GET_BACKUP_CONFIGURATION "getBackupConfiguration" query: none body: none -> BackupConfiguration;
    UPDATE_BACKUP_CONFIGURATION "updateBackupConfiguration" query: none body: UpdateBackupConfigurationSpec -> BackupConfiguration;
    LIST_RESTORES "listRestores" query: TimeRangeQuery body: none -> ListRestoresResponse [restores];
    GET_RESTORE "getRestore" query: none body: none -> Restore;
    CREATE_RESTORE "createRestore" query: none body: CreateRestoreBody -> Restore;
    DELETE_MAINTENANCE_WINDOW "deleteMaintenanceWindow" query: none body: none -> MaintenanceWindow;
    GET_MAINTENANCE_WINDOW "getMaintenanceWindow" query: none body: none -> MaintenanceWindow;
    SET_MAINTENANCE_WINDOW "setMaintenanceWindow" query: none body: MaintenanceWindow -> MaintenanceWindow;
    GET_CLUSTER_VERSION_DEFERRAL "getClusterVersionDeferral" query: none body: none -> ClusterVersionDeferral;
    SET_CLUSTER_VERSION_DEFERRAL "setClusterVersionDeferral" query: none body: ClusterVersionDeferralUpdate -> ClusterVersionDeferral;
    LIST_BLACKOUT_WINDOWS "listBlackoutWindows" query: PageQuery body: none -> ListBlackoutWindowsResponse [blackout_windows];
    CREATE_BLACKOUT_WINDOW "createBlackoutWindow" query: none body: CreateBlackoutWindowBody -> BlackoutWindow;
    DELETE_BLACKOUT_WINDOW "deleteBlackoutWindow" query: none body: none -> BlackoutWindow;
    GET_BLACKOUT_WINDOW "getBlackoutWindow" query: none body: none -> BlackoutWindow;
    UPDATE_BLACKOUT_WINDOW "updateBlackoutWindow" query: none body: UpdateBlackoutWindowBody -> BlackoutWindow;
    LIST_AUDIT_LOGS "listAuditLogs" query: ListAuditLogsQuery body: none -> ListAuditLogsResponse [entries: next_starting_from => starting_from];
    LIST_INVOICES "listInvoices" query: ListInvoicesQuery body: none -> ListInvoicesResponse;
    GET_INVOICE "getInvoice" query: none body: none -> Invoice;
    LIST_ROLE_GRANTS "listRoleGrants" query: PageQuery body: none -> ListRoleGrantsResponse [grants];
    GET_ALL_ROLES_FOR_USER "getAllRolesForUser" query: none body: none -> GetAllRolesForUserResponse;
    SET_ROLES_FOR_USER "setRolesForUser" query: none body: SetRolesForUserBody -> GetAllRolesForUserResponse;
    REMOVE_USER_FROM_ROLE "removeUserFromRole" query: none body: none -> GetAllRolesForUserResponse;
    ADD_USER_TO_ROLE "addUserToRole" query: none body: none -> GetAllRolesForUserResponse;
    GET_PERSON_USERS_BY_EMAIL "getPersonUsersByEmail" query: PersonUsersByEmailQuery body: none -> GetPersonUsersByEmailResponse;
    LIST_SERVICE_ACCOUNTS "listServiceAccounts" query: PageQuery body: none -> ListServiceAccountsResponse [service_accounts];
    CREATE_SERVICE_ACCOUNT "createServiceAccount" query: none body: CreateServiceAccountRequest -> ServiceAccount;
    DELETE_SERVICE_ACCOUNT "deleteServiceAccount" query: none body: none -> ServiceAccount;
    GET_SERVICE_ACCOUNT "getServiceAccount" query: none body: none -> ServiceAccount;
    UPDATE_SERVICE_ACCOUNT "updateServiceAccount" query: none body: UpdateServiceAccountSpecification -> ServiceAccount;
    LIST_API_KEYS "listApiKeys" query: ListApiKeysQuery body: none -> ListApiKeysResponse [api_keys];
    CREATE_API_KEY "createApiKey" query: none body: CreateApiKeyRequest -> CreateApiKeyResponse;
    DELETE_API_KEY "deleteApiKey" query: none body: none -> ApiKey;
    GET_API_KEY "getApiKey" query: none body: none -> ApiKey;
    UPDATE_API_KEY "updateApiKey" query: none body: UpdateApiKeySpecification -> ApiKey;
    LIST_FOLDERS "listFolders" query: ListFoldersQuery body: none -> ListFoldersResponse [folders];
    CREATE_FOLDER "createFolder" query: none body: CreateFolderRequest -> FolderResource;
    DELETE_FOLDER "deleteFolder" query: none body: none -> Empty;
    GET_FOLDER "getFolder" query: none body: none -> FolderResource;
    UPDATE_FOLDER "updateFolder" query: none body: UpdateFolderSpecification -> FolderResource;
    LIST_FOLDER_CONTENTS "listFolderContents" query: PageQuery body: none -> FolderResourceList [resources];
}

/// Every operation of the package.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    ENTRIES.iter()
}

/// Finds an operation by its JS name.
pub fn entry(name: &str) -> Result<&'static Entry> {
    entries()
        .find(|e| e.name == name)
        .ok_or_else(|| Error::InvalidRequest(format!("no operation {name}")))
}

/// Path parameter names of an operation, from its template.
pub fn path_params(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// `GetCMEKClusterInfo` → `getCmekClusterInfo` (the SDK's snake_case, camelCased).
pub fn js_name(op: &Operation) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in op.method_name().chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The table as JSON, for the wrapper's build step: `[{ name, id, method,
/// path, params, query, body, response, items }]`.
pub fn operations_json() -> String {
    let list: Vec<serde_json::Value> = entries()
        .map(|e| {
            serde_json::json!({
                "name": e.name,
                "id": e.op.id,
                "method": e.op.method.as_str(),
                "path": e.op.path,
                "params": path_params(e.op.path),
                "query": e.query,
                "body": e.body,
                "response": e.response,
                "items": e.items,
                "next": e.items.map(|_| serde_json::json!({ "from": e.next.0, "to": e.next.1 })),
            })
        })
        .collect();
    serde_json::to_string(&list).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_camel_case_operation_ids_each_once() {
        let mut seen = std::collections::BTreeSet::new();
        for e in entries() {
            assert_eq!(e.name, js_name(e.op), "{}", e.op.id);
            assert!(seen.insert(e.op.id), "{} twice", e.op.id);
        }
        assert_eq!(js_name(&op::GET_CMEK_CLUSTER_INFO), "getCmekClusterInfo");
        assert_eq!(js_name(&op::EDIT_DATABASE2), "editDatabase2");
    }

    #[test]
    fn paged_lists_name_their_items_and_take_a_query() {
        for e in entries() {
            if e.items.is_some() {
                assert!(e.query.is_some(), "{}", e.name);
                assert!(e.name.starts_with("list"), "{}", e.name);
            }
        }
    }

    #[test]
    fn queries_are_checked_and_written_with_wire_names() {
        let e = entry("listClusters").unwrap();
        let (q, b) = (e.prepare)(
            r#"{"show_inactive":true,"sort_by":"NAME","pagination":{"limit":2,"page":"p"}}"#.into(),
            String::new(),
        )
        .unwrap();
        assert!(b.is_none());
        let pairs: Vec<_> = q.pairs().iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(
            pairs,
            [
                "show_inactive=true",
                "pagination.sort_by=NAME",
                "pagination.page=p",
                "pagination.limit=2"
            ]
        );
        let err = (e.prepare)(r#"{"showInactive":true}"#.into(), String::new()).unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{err}");
    }

    #[test]
    fn bodies_are_checked_against_the_model_and_sent_as_written() {
        let e = entry("createSqlUser").unwrap();
        let body = r#"{"name":"u","password":"pw123456789"}"#;
        let (_, b) = (e.prepare)(String::new(), body.into()).unwrap();
        assert_eq!(b.unwrap().get(), body);
        if cfg!(feature = "check-bodies") {
            assert!((e.prepare)(String::new(), r#"{"name":5}"#.into()).is_err());
        }
        assert!((e.prepare)(String::new(), String::new()).is_err());
        let get = entry("getCluster").unwrap();
        assert!((get.prepare)(String::new(), "{}".into()).is_err());
    }

    fn build_client_str(options: &str) -> Result<Client> {
        build_client(options, None)
    }

    #[test]
    fn bodies_are_checked_as_the_service_reads_them() {
        if !cfg!(feature = "check-bodies") {
            return;
        }
        // proto3 JSON: null is the default, camelCase names, integers as strings
        for (name, body) in [
            (
                "createServiceAccount",
                r#"{"name":"ci","description":"","roles":null}"#,
            ),
            ("createServiceAccount", r#"{"name":"ci"}"#),
            ("setRolesForUser", r#"{"roles":null}"#),
            (
                "createCluster",
                r#"{"name":"c-1","provider":"AWS","spec":{"dedicated":{"regionNodes":{"us-east-1":3},"hardware":{"machineSpec":{"numVirtualCpus":4}}}}}"#,
            ),
            (
                "createCluster",
                r#"{"name":"c-2","provider":"GCP","spec":{"serverless":{"regions":["us-central1"],"usageLimits":{"provisionedVirtualCpus":"2"}},"labels":null}}"#,
            ),
        ] {
            let e = entry(name).unwrap();
            let (_, b) = (e.prepare)(String::new(), body.into())
                .unwrap_or_else(|err| panic!("{name} {body}: {err}"));
            assert_eq!(b.unwrap().get(), body);
        }
    }

    #[test]
    fn client_options_are_checked() {
        assert!(build_client_str(r#"{"apiKey":"k","baseUrl":"http://127.0.0.1:1"}"#).is_ok());
        assert!(
            build_client_str(r#"{"apiKey":"k","retries":2,"rateLimit":5,"timeoutMs":100}"#).is_ok()
        );
        assert!(
            build_client_str(r#"{"apiKey":"k","retries":{"maxRetries":0,"baseDelayMs":5}}"#)
                .is_ok()
        );
        assert!(build_client_str(r#"{}"#).is_err());
        assert!(build_client_str(r#"{"apiKey":"k","timeoutMs":0}"#).is_err());
        assert!(build_client_str(r#"{"apiKey":"k","apikey":"x"}"#).is_err());
        assert!(build_client_str(r#"{"apiKey":"k","baseUrl":"ftp://x"}"#).is_err());
    }

    #[test]
    fn the_table_is_json_for_the_build() {
        let v: serde_json::Value = serde_json::from_str(&operations_json()).unwrap();
        let first = &v[0];
        assert_eq!(first["name"], "getOrganizationInfo");
        let get = v
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == "getCluster")
            .unwrap();
        assert_eq!(get["params"], serde_json::json!(["cluster_id"]));
        assert_eq!(get["response"], "Cluster");
    }
}
