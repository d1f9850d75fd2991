//! The limits sweep, kept in the suite since issue 11: every numeric field
//! of every body (read from the upstream spec, so a new operation's fields
//! join by themselves) and every numeric query parameter, at 0, -1, the
//! largest allowed, one past it, 2^31 and 2^63. Each is 200 or 400 (404 for
//! a list a made-up id), never a 5xx, a hang or a crash, and the server's
//! memory stays bounded. (Its own test binary, so the memory it reads is
//! the server's and this sweep's alone.)

mod common;

use common::concrete;
use common::start;
use crdb_cloud::operation::ALL;
use crdb_cloud_server::Server;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Numeric fields of an operation's request body in the upstream spec, as
/// paths (`*` a map value, `[]` a list entry).
fn numeric_fields(spec: &Value, op_id: &str) -> Option<(Vec<Vec<String>>, Vec<String>)> {
    let schemas = &spec["components"]["schemas"];
    for item in spec["paths"].as_object()?.values() {
        for op in item.as_object()?.values() {
            if op["operationId"].as_str() != Some(&format!("CockroachCloud_{op_id}")) {
                continue;
            }
            let mut fields = Vec::new();
            if let Some(content) = op["requestBody"]["content"].as_object() {
                for media in content.values() {
                    walk(schemas, &media["schema"], &mut Vec::new(), &mut fields, 0);
                }
            }
            let query = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .filter(|p| {
                    p["schema"]["type"] == "integer"
                        || matches!(p["schema"]["format"].as_str(), Some("int32" | "int64"))
                })
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect();
            return Some((fields, query));
        }
    }
    None
}

fn walk(
    schemas: &Value,
    schema: &Value,
    path: &mut Vec<String>,
    out: &mut Vec<Vec<String>>,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    let schema = match schema["$ref"].as_str() {
        Some(r) => &schemas[r.rsplit('/').next().unwrap_or_default()],
        None => schema,
    };
    let ty = schema["type"].as_str().unwrap_or("");
    let format = schema["format"].as_str().unwrap_or("");
    if ty == "integer" || (ty == "string" && matches!(format, "int32" | "int64")) {
        out.push(path.clone());
        return;
    }
    if let Some(props) = schema["properties"].as_object() {
        for (name, sub) in props {
            path.push(name.clone());
            walk(schemas, sub, path, out, depth + 1);
            path.pop();
        }
    }
    if schema["additionalProperties"].is_object() {
        path.push("*".into());
        walk(
            schemas,
            &schema["additionalProperties"],
            path,
            out,
            depth + 1,
        );
        path.pop();
    }
    if ty == "array" {
        path.push("[]".into());
        walk(schemas, &schema["items"], path, out, depth + 1);
        path.pop();
    }
}

/// Writes `value` at `path` into `body`, making what is missing (`*` is the
/// map key `us-east-1` or the one key already there).
fn set(body: &mut Value, path: &[String], value: Value) {
    let Some((first, rest)) = path.split_first() else {
        *body = value;
        return;
    };
    if !body.is_object() && first != "[]" {
        *body = json!({});
    }
    match first.as_str() {
        "[]" => {
            if !body.is_array() || body.as_array().is_some_and(Vec::is_empty) {
                *body = json!([{}]);
            }
            set(&mut body[0], rest, value);
        }
        "*" => {
            let map = body.as_object_mut().expect("object");
            let key = map
                .keys()
                .next()
                .cloned()
                .unwrap_or_else(|| "us-east-1".into());
            let slot = map.entry(key).or_insert(Value::Null);
            set(slot, rest, value);
        }
        name => set(&mut body[name], rest, value),
    }
}

/// A body of each swept operation that succeeds as it is, and the path it
/// goes to; `{id}` is the cluster under test.
fn base(op_id: &str, n: usize) -> Option<(&'static str, Value)> {
    let name = format!("sweep-{n}");
    Some(match op_id {
        "CreateCluster" if n.is_multiple_of(2) => (
            "/api/v1/clusters",
            json!({"name": name, "provider": "AWS", "spec": {"plan": "ADVANCED", "dedicated": {
                "region_nodes": {"us-east-1": 3},
                "hardware": {"machine_spec": {"num_virtual_cpus": 4}, "storage_gib": 100}}}}),
        ),
        "CreateCluster" => (
            "/api/v1/clusters",
            json!({"name": name, "provider": "GCP", "spec": {"plan": "STANDARD", "serverless": {
                "regions": ["us-central1"], "usage_limits": {"provisioned_virtual_cpus": "2"}}}}),
        ),
        "UpdateCluster" => (
            "/api/v1/clusters/{id}",
            json!({"dedicated": {"region_nodes": {"us-east-1": 3}}}),
        ),
        "UpdateBackupConfiguration" => (
            "/api/v1/clusters/{id}/backups-config",
            json!({"enabled": true}),
        ),
        _ => return None,
    })
}

/// The largest value the server allows for a field, where it has one.
fn largest(field: &str) -> Option<i64> {
    use crdb_cloud_server::rules::bounds::*;
    Some(match field {
        "*" => i64::from(MAX_NODES_PER_REGION),
        "storage_gib" => i64::from(MAX_STORAGE_GIB),
        "disk_iops" => i64::from(MAX_DISK_IOPS),
        "provisioned_virtual_cpus" => MAX_PROVISIONED_VCPUS,
        "request_unit_limit" => MAX_REQUEST_UNITS,
        "storage_mib_limit" => MAX_STORAGE_MIB,
        "num_virtual_cpus" => 64,
        "frequency_minutes" => 1440,
        "retention_days" => 365,
        "pagination.limit" => 500,
        "limit" => 1000,
        _ => return None,
    })
}

fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

async fn send(server: &Server, method: &str, path: &str, body: Option<&Value>) -> (u16, String) {
    static CLIENT: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    let mut req = CLIENT
        .get_or_init(reqwest::Client::new)
        .request(
            reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
            format!("{}{path}", server.base_url()),
        )
        .bearer_auth(server.api_key())
        .timeout(std::time::Duration::from_secs(10));
    if let Some(body) = body {
        req = req.json(body);
    }
    let resp = req.send().await.expect("an answer within 10 s");
    (
        resp.status().as_u16(),
        resp.text().await.unwrap_or_default(),
    )
}

#[tokio::test]
async fn every_numeric_field_at_its_edges() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/cloud-api/openapi.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        panic!("{} is needed for the limits sweep", path.display());
    };
    let spec: Value = serde_json::from_str(&text).unwrap();
    let server = start().await;
    let (status, cluster) = send(
        &server,
        "POST",
        "/api/v1/clusters",
        Some(&json!({
        "name": "sweep-target", "provider": "AWS", "spec": {"plan": "ADVANCED", "dedicated": {
            "region_nodes": {"us-east-1": 3},
            "hardware": {"machine_spec": {"num_virtual_cpus": 4}}}}})),
    )
    .await;
    assert_eq!(status, 200, "{cluster}");
    let id = serde_json::from_str::<Value>(&cluster).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = resident_kib();
    let mut sent = 0;
    let mut n = 0;
    let mut by_status: BTreeMap<u16, usize> = BTreeMap::new();
    for op in ALL {
        let Some((fields, query)) = numeric_fields(&spec, op.id) else {
            continue;
        };
        for field in &fields {
            let last = field.last().map(String::as_str).unwrap_or("");
            let mut values: Vec<Value> = vec![
                json!(0),
                json!(-1),
                json!(2_147_483_648_i64),
                json!(9_223_372_036_854_775_807_i64),
                json!("9223372036854775808"),
            ];
            if let Some(max) = largest(last) {
                values.extend([json!(max), json!(max + 1)]);
            }
            for value in values {
                n += 1;
                let (path, mut body) = base(op.id, n).unwrap_or_else(|| {
                    panic!(
                        "{}: numeric field {} has no base body in the sweep",
                        op.id,
                        field.join(".")
                    )
                });
                set(&mut body, field, value.clone());
                let path = path.replace("{id}", &id);
                let (status, answer) = send(&server, op.method.as_str(), &path, Some(&body)).await;
                sent += 1;
                *by_status.entry(status).or_default() += 1;
                assert!(
                    status == 200 || status == 400,
                    "{} {} = {value}: {status} {answer}",
                    op.id,
                    field.join(".")
                );
            }
        }
        for name in &query {
            let path = concrete(op.path, &id);
            let max = largest(name).unwrap_or(1000);
            for value in [
                "0",
                "-1",
                &max.to_string(),
                &(max + 1).to_string(),
                "2147483648",
                "9223372036854775808",
                "x",
            ] {
                let (status, answer) =
                    send(&server, "GET", &format!("{path}?{name}={value}"), None).await;
                sent += 1;
                *by_status.entry(status).or_default() += 1;
                assert!(
                    matches!(status, 200 | 400 | 404),
                    "{} ?{name}={value}: {status} {answer}",
                    op.id
                );
            }
        }
    }
    let after = resident_kib();
    eprintln!(
        "limits sweep: {sent} requests, statuses {by_status:?}, RSS {before:?} -> {after:?} KiB"
    );
    assert!(sent > 50, "the sweep sent only {sent} requests");
    if let (Some(b), Some(a)) = (before, after) {
        assert!(
            a < b + 256 * 1024,
            "resident memory grew from {b} to {a} KiB"
        );
    }
    // the server still answers, and the cluster list is whole
    let (status, _) = send(&server, "GET", "/api/v1/clusters", None).await;
    assert_eq!(status, 200);
}
