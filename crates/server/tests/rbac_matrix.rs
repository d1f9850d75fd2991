//! The RBAC matrix: every role × every operation of the 15 tags. Which roles
//! may call an operation is read from the upstream spec's descriptions (not
//! from the server's own table); the allowed calls succeed, the others get
//! 403 (or 404, which hides a resource out of scope).

mod common;

use common::{advanced, standard, start};
use crdb_cloud::operation::{ALL, Operation};
use crdb_cloud_server::Server;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

const ROLES: [&str; 12] = [
    "BILLING_COORDINATOR",
    "ORG_ADMIN",
    "ORG_MEMBER",
    "CLUSTER_ADMIN",
    "CLUSTER_OPERATOR_WRITER",
    "CLUSTER_DEVELOPER",
    "CLUSTER_CREATOR",
    "FOLDER_ADMIN",
    "FOLDER_MOVER",
    "METRICS_VIEWER",
    "CLUSTER_MONITOR",
    "BILLING_VIEWER",
];

/// Who may call an operation, per the spec's description.
#[derive(Debug, Clone, PartialEq)]
enum Allowed {
    AnyMember,
    Roles(Vec<String>),
    /// "the CC rules for role assignment": ORG_ADMIN and CLUSTER_ADMIN (for
    /// a cluster role on a cluster) may; roles without admin rights may not.
    Assignment,
}

impl Allowed {
    /// `Some(true)` allowed, `Some(false)` refused, `None` not pinned down.
    fn allows(&self, role: &str) -> Option<bool> {
        match self {
            Allowed::AnyMember => Some(true),
            Allowed::Roles(roles) => Some(roles.iter().any(|r| r == role)),
            Allowed::Assignment => match role {
                "ORG_ADMIN" | "CLUSTER_ADMIN" => Some(true),
                "FOLDER_ADMIN" => None,
                _ => Some(false),
            },
        }
    }
}

fn spec_rules() -> Option<HashMap<String, Allowed>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/cloud-api/openapi.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "\n*** SKIPPED: {} not readable; RBAC matrix NOT checked ***\n",
            path.display()
        );
        return None;
    };
    let spec: Value = serde_json::from_str(&text).expect("spec is JSON");
    let mut rules = HashMap::new();
    for item in spec["paths"].as_object().expect("paths").values() {
        for op in item.as_object().expect("item").values() {
            let (Some(id), Some(text)) = (op["operationId"].as_str(), op["description"].as_str())
            else {
                continue;
            };
            let id = id.trim_start_matches("CockroachCloud_").to_owned();
            let allowed = if text.contains("any member of the organization") {
                Allowed::AnyMember
            } else if text.contains("rules for role assignment") {
                Allowed::Assignment
            } else if let Some(at) = text.find("Can be used by the following roles") {
                let roles = text[at..]
                    .lines()
                    .skip(1)
                    .map_while(|l| l.strip_prefix("- "))
                    .map(|r| r.trim().to_owned())
                    .collect();
                Allowed::Roles(roles)
            } else {
                continue;
            };
            rules.insert(id, allowed);
        }
    }
    Some(rules)
}

/// Ids of the resources every role's calls refer to.
struct Fixture {
    org: String,
    standard: String,
    advanced: String,
    folder: String,
    target_sa: String,
    api_key: String,
    blackout: String,
    restore: String,
    invoice: String,
}

async fn call(
    server: &Server,
    key: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let url = format!("{}{path}", server.base_url());
    let req = common::http()
        .request(method.parse().expect("method"), url)
        .bearer_auth(key);
    let req = match body {
        Some(b) => req.json(&b),
        None => req,
    };
    let resp = req.send().await.expect("server answers");
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn ok(server: &Server, method: &str, path: &str, body: Option<Value>) -> Value {
    let (status, answer) = call(server, server.api_key(), method, path, body).await;
    assert_eq!(status, 200, "setup {method} {path}: {answer}");
    answer
}

async fn setup(server: &Server) -> Fixture {
    let org = ok(server, "GET", "/api/v1/organization", None).await["id"]
        .as_str()
        .expect("org id")
        .to_owned();
    let standard_id = ok(
        server,
        "POST",
        "/api/v1/clusters",
        Some(serde_json::to_value(standard("rbac-standard")).expect("json")),
    )
    .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let advanced_id = ok(
        server,
        "POST",
        "/api/v1/clusters",
        Some(serde_json::to_value(advanced("rbac-advanced")).expect("json")),
    )
    .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let folder = ok(
        server,
        "POST",
        "/api/v1/folders",
        Some(json!({"name": "rbac-folder"})),
    )
    .await["resource_id"]
        .as_str()
        .expect("folder")
        .to_owned();
    let target_sa = ok(
        server,
        "POST",
        "/api/v1/service-accounts",
        Some(json!({"name": "rbac-target", "description": "", "roles": []})),
    )
    .await["id"]
        .as_str()
        .expect("sa")
        .to_owned();
    let api_key = ok(
        server,
        "POST",
        "/api/v1/api-keys",
        Some(json!({"name": "rbac-key", "service_account_id": target_sa})),
    )
    .await["api_key"]["id"]
        .as_str()
        .expect("key")
        .to_owned();
    ok(
        server,
        "POST",
        &format!("/api/v1/clusters/{standard_id}/sql-users"),
        Some(json!({"name": "setup_user", "password": "correct-horse"})),
    )
    .await;
    ok(
        server,
        "POST",
        &format!("/api/v1/clusters/{standard_id}/databases"),
        Some(json!({"name": "setup_db"})),
    )
    .await;
    let start = chrono::Utc::now() + chrono::Duration::days(10);
    let end = start + chrono::Duration::days(2);
    let blackout = ok(
        server,
        "POST",
        &format!("/api/v1/clusters/{advanced_id}/blackout-windows"),
        Some(json!({"start_time": start, "end_time": end})),
    )
    .await["id"]
        .as_str()
        .expect("blackout")
        .to_owned();
    ok(
        server,
        "POST",
        &format!("/local/v1/clusters/{advanced_id}/backups"),
        None,
    )
    .await;
    let restore = ok(
        server,
        "POST",
        &format!("/api/v1/clusters/{advanced_id}/restores"),
        Some(json!({"type": "CLUSTER", "source_cluster_id": advanced_id})),
    )
    .await["id"]
        .as_str()
        .expect("restore")
        .to_owned();
    ok(
        server,
        "PUT",
        &format!("/api/v1/clusters/{advanced_id}/maintenance-window"),
        Some(json!({"offset_duration": "172800s", "window_duration": "21600s"})),
    )
    .await;
    let invoices = ok(server, "GET", "/api/v1/invoices", None).await;
    let invoice = invoices["invoices"][0]["invoice_id"]
        .as_str()
        .expect("an invoice")
        .to_owned();
    Fixture {
        org,
        standard: standard_id,
        advanced: advanced_id,
        folder,
        target_sa,
        api_key,
        blackout,
        restore,
        invoice,
    }
}

/// One request per operation, in an order where deletes come last.
fn requests(
    f: &Fixture,
    role: &str,
) -> Vec<(&'static Operation, Vec<String>, String, Option<Value>)> {
    let tag = role.to_ascii_lowercase().replace('_', "-");
    let short: String = tag
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(10)
        .collect();
    let (s, a, sa) = (f.standard.clone(), f.advanced.clone(), f.target_sa.clone());
    let soon = chrono::Utc::now() + chrono::Duration::days(20);
    let mut out: Vec<(&'static str, Vec<String>, String, Option<Value>)> = vec![
        ("GetOrganizationInfo", vec![], String::new(), None),
        ("ListMajorClusterVersions", vec![], String::new(), None),
        ("ListClusters", vec![], String::new(), None),
        ("ListAvailableRegions", vec![], String::new(), None),
        ("GetCluster", vec![s.clone()], String::new(), None),
        (
            "UpdateCluster",
            vec![s.clone()],
            String::new(),
            Some(json!({"labels": {"rbac": "yes"}})),
        ),
        ("GetConnectionString", vec![s.clone()], String::new(), None),
        ("ListClusterNodes", vec![s.clone()], String::new(), None),
        ("ListSQLUsers", vec![s.clone()], String::new(), None),
        (
            "CreateSQLUser",
            vec![s.clone()],
            String::new(),
            Some(json!({"name": format!("u_{short}"), "password": "correct-horse"})),
        ),
        (
            "UpdateSQLUserPassword",
            vec![s.clone(), "setup_user".into()],
            String::new(),
            Some(json!({"password": "battery-staple"})),
        ),
        ("ListDatabases", vec![s.clone()], String::new(), None),
        (
            "CreateDatabase",
            vec![s.clone()],
            String::new(),
            Some(json!({"name": format!("db_{short}")})),
        ),
        (
            "EditDatabase",
            vec![s.clone(), "setup_db".into()],
            String::new(),
            Some(json!({"name": "setup_db", "new_name": "renamed_db"})),
        ),
        (
            "EditDatabase2",
            vec![s.clone()],
            String::new(),
            Some(json!({"name": "renamed_db", "new_name": "setup_db"})),
        ),
        ("GetCMEKClusterInfo", vec![a.clone()], String::new(), None),
        (
            "EnableCMEKSpec",
            vec![a.clone()],
            String::new(),
            Some(
                json!({"region_specs": [{"region": "us-east-1", "key_spec": {"type": "AWS_KMS", "uri": "arn:aws:kms:us-east-1:1:key/a", "auth_principal": "arn:aws:iam::1:role/r"}}]}),
            ),
        ),
        (
            "UpdateCMEKSpec",
            vec![a.clone()],
            String::new(),
            Some(
                json!({"region_specs": [{"region": "us-east-1", "key_spec": {"type": "AWS_KMS", "uri": "arn:aws:kms:us-east-1:1:key/b", "auth_principal": "arn:aws:iam::1:role/r"}}]}),
            ),
        ),
        (
            "UpdateCMEKStatus",
            vec![a.clone()],
            String::new(),
            Some(json!({"action": "REVOKE"})),
        ),
        ("ListAuditLogs", vec![], String::new(), None),
        ("ListInvoices", vec![], String::new(), None),
        ("GetInvoice", vec![f.invoice.clone()], String::new(), None),
        ("ListRoleGrants", vec![], String::new(), None),
        ("GetAllRolesForUser", vec![sa.clone()], String::new(), None),
        (
            "SetRolesForUser",
            vec![sa.clone()],
            String::new(),
            Some(
                json!({"roles": [{"name": "CLUSTER_DEVELOPER", "resource": {"type": "CLUSTER", "id": s}}]}),
            ),
        ),
        (
            "AddUserToRole",
            vec![
                sa.clone(),
                "CLUSTER".into(),
                s.clone(),
                "CLUSTER_MONITOR".into(),
            ],
            String::new(),
            None,
        ),
        (
            "GetPersonUsersByEmail",
            vec![],
            "?email=nobody%40example.com".into(),
            None,
        ),
        ("ListServiceAccounts", vec![], String::new(), None),
        (
            "CreateServiceAccount",
            vec![],
            String::new(),
            Some(json!({"name": format!("sa-{tag}"), "description": "", "roles": []})),
        ),
        ("GetServiceAccount", vec![sa.clone()], String::new(), None),
        (
            "UpdateServiceAccount",
            vec![sa.clone()],
            String::new(),
            Some(json!({"description": "changed"})),
        ),
        ("ListApiKeys", vec![], String::new(), None),
        (
            "CreateApiKey",
            vec![],
            String::new(),
            Some(json!({"name": format!("key-{tag}"), "service_account_id": sa})),
        ),
        ("GetApiKey", vec![f.api_key.clone()], String::new(), None),
        (
            "UpdateApiKey",
            vec![f.api_key.clone()],
            String::new(),
            Some(json!({"name": "renamed-key"})),
        ),
        ("ListFolders", vec![], String::new(), None),
        (
            "CreateFolder",
            vec![],
            String::new(),
            Some(json!({"name": format!("f-{tag}")})),
        ),
        ("GetFolder", vec![f.folder.clone()], String::new(), None),
        (
            "UpdateFolder",
            vec![f.folder.clone()],
            String::new(),
            Some(json!({"name": "renamed-folder"})),
        ),
        (
            "ListFolderContents",
            vec![f.folder.clone()],
            String::new(),
            None,
        ),
        ("ListBackups", vec![a.clone()], String::new(), None),
        (
            "GetBackupConfiguration",
            vec![s.clone()],
            String::new(),
            None,
        ),
        (
            "UpdateBackupConfiguration",
            vec![s.clone()],
            String::new(),
            Some(json!({"frequency_minutes": 30})),
        ),
        ("ListRestores", vec![a.clone()], String::new(), None),
        (
            "GetRestore",
            vec![a.clone(), f.restore.clone()],
            String::new(),
            None,
        ),
        (
            "CreateRestore",
            vec![a.clone()],
            String::new(),
            Some(json!({"type": "CLUSTER", "source_cluster_id": a})),
        ),
        ("GetMaintenanceWindow", vec![a.clone()], String::new(), None),
        (
            "SetMaintenanceWindow",
            vec![a.clone()],
            String::new(),
            Some(json!({"offset_duration": "3600s", "window_duration": "25200s"})),
        ),
        (
            "GetClusterVersionDeferral",
            vec![a.clone()],
            String::new(),
            None,
        ),
        (
            "SetClusterVersionDeferral",
            vec![a.clone()],
            String::new(),
            Some(json!({"deferral_policy": "DEFERRAL_30_DAYS"})),
        ),
        ("ListBlackoutWindows", vec![a.clone()], String::new(), None),
        (
            "CreateBlackoutWindow",
            vec![a.clone()],
            String::new(),
            Some(json!({"start_time": soon, "end_time": soon + chrono::Duration::days(1)})),
        ),
        (
            "GetBlackoutWindow",
            vec![a.clone(), f.blackout.clone()],
            String::new(),
            None,
        ),
        (
            "UpdateBlackoutWindow",
            vec![a.clone(), f.blackout.clone()],
            String::new(),
            Some(json!({"end_time": chrono::Utc::now() + chrono::Duration::days(13)})),
        ),
        // Deletes last.
        (
            "DeleteBlackoutWindow",
            vec![a.clone(), f.blackout.clone()],
            String::new(),
            None,
        ),
        (
            "DeleteMaintenanceWindow",
            vec![a.clone()],
            String::new(),
            None,
        ),
        (
            "DeleteSQLUser",
            vec![s.clone(), "setup_user".into()],
            String::new(),
            None,
        ),
        (
            "DeleteDatabase",
            vec![s.clone(), "setup_db".into()],
            String::new(),
            None,
        ),
        (
            "RemoveUserFromRole",
            vec![
                sa.clone(),
                "CLUSTER".into(),
                s.clone(),
                "CLUSTER_DEVELOPER".into(),
            ],
            String::new(),
            None,
        ),
        ("DeleteApiKey", vec![f.api_key.clone()], String::new(), None),
        (
            "DeleteServiceAccount",
            vec![sa.clone()],
            String::new(),
            None,
        ),
        ("DeleteFolder", vec![f.folder.clone()], String::new(), None),
        // A CLUSTER_CREATOR becomes CLUSTER_ADMIN of what it creates, which
        // would widen its rights for the calls after; so create late.
        (
            "CreateCluster",
            vec![],
            String::new(),
            Some(serde_json::to_value(standard(&format!("c-{short}"))).expect("json")),
        ),
        ("DeleteCluster", vec![s.clone()], String::new(), None),
    ];
    let _ = &f.org;
    out.drain(..)
        .map(|(id, params, query, body)| {
            let op = Operation::by_id(id).unwrap_or_else(|| panic!("no operation {id}"));
            (op, params, query, body)
        })
        .collect()
}

fn fill(op: &Operation, params: &[String]) -> String {
    let refs: Vec<&str> = params.iter().map(String::as_str).collect();
    crdb_cloud::client::fill_path(op, &refs).expect("path parameters")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_against_every_operation() {
    let Some(rules) = spec_rules() else { return };
    let covered: Vec<&str> = ALL.iter().map(|o| o.id).collect();
    let mut failures = Vec::new();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for role in ROLES {
        let server = start().await;
        let fixture = setup(&server).await;
        let (_, created) = call(
            &server,
            server.api_key(),
            "POST",
            "/local/v1/service-accounts",
            Some(json!({"name": format!("rbac-{role}"), "roles": [{"role": role, "resource_type": "ORGANIZATION", "resource_id": fixture.org}]})),
        )
        .await;
        let key = created["secret"].as_str().expect("secret").to_owned();
        let reqs = requests(&fixture, role);
        assert_eq!(reqs.len(), covered.len(), "one request per operation");
        for (op, params, query, body) in reqs {
            let allowed = rules
                .get(op.id)
                .unwrap_or_else(|| panic!("spec has no role rule for {}", op.id));
            let path = format!("{}{query}", fill(op, &params));
            let (status, answer) = call(&server, &key, op.method.as_str(), &path, body).await;
            let entry = counts.entry(role).or_default();
            match allowed.allows(role) {
                Some(true) => {
                    entry.0 += 1;
                    let fine = status == 200 || (op.id == "GetPersonUsersByEmail" && status == 404);
                    if !fine {
                        failures.push(format!(
                            "{role} {} ({} {path}): allowed by the spec, got {status} {answer}",
                            op.id,
                            op.method.as_str()
                        ));
                    }
                }
                Some(false) => {
                    entry.1 += 1;
                    if status != 403 && status != 404 {
                        failures.push(format!(
                            "{role} {}: not allowed by the spec, got {status} {answer}",
                            op.id
                        ));
                    }
                }
                None => {}
            }
        }
        server.shutdown().await;
    }
    eprintln!("role: (allowed calls, refused calls) = {counts:?}");
    assert!(
        failures.is_empty(),
        "{} RBAC mismatches:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}
