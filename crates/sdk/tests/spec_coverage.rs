//! Checks the SDK against the upstream spec in `../shared/cloud-api/openapi.json`:
//! every operation of the 15 tags has a table entry with the spec's method
//! and path, and a client method named after its operationId.
#![cfg(not(target_arch = "wasm32"))]

use crdb_cloud::operation::{self, snake_case};
use serde_json::Value;
use std::path::PathBuf;

/// The spec tags this SDK covers.
const TAGS: [&str; 15] = [
    "Organizations",
    "Clusters",
    "SQL Users",
    "Databases",
    "Customer-managed Encryption Keys",
    "Audit Logs",
    "Billing",
    "Role Management",
    "Service Accounts",
    "API Keys",
    "Folders",
    "Backup/Restore",
    "Maintenance Windows",
    "Version Deferral",
    "Blackout Windows",
];

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn spec() -> Option<Value> {
    let path = workspace().join("../shared/cloud-api/openapi.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str(&text).expect("openapi.json is JSON")),
        Err(e) => {
            eprintln!(
                "\n\n*** SKIPPED: {} not readable ({e}); spec coverage NOT checked ***\n\n",
                path.display()
            );
            None
        }
    }
}

/// (tag, METHOD, path, operationId without prefix) for the covered tags.
fn spec_operations(spec: &Value) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            let Some(tag) = op["tags"].get(0).and_then(Value::as_str) else {
                continue;
            };
            if !TAGS.contains(&tag) {
                continue;
            }
            let id = op["operationId"]
                .as_str()
                .expect("operationId")
                .trim_start_matches("CockroachCloud_");
            out.push((
                tag.to_owned(),
                method.to_uppercase(),
                path.clone(),
                id.to_owned(),
            ));
        }
    }
    out
}

fn client_source() -> String {
    let dir = workspace().join("crates/sdk/src/api");
    let mut all = String::new();
    for entry in std::fs::read_dir(&dir).expect("src/api") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            all.push_str(&std::fs::read_to_string(&path).expect("source"));
        }
    }
    all
}

#[test]
fn every_spec_operation_of_the_fifteen_tags_has_a_table_entry_and_a_method() {
    let Some(spec) = spec() else { return };
    let ops = spec_operations(&spec);
    assert_eq!(ops.len(), 64, "the 15 tags should hold 64 operations");
    let source = client_source();
    let mut missing = Vec::new();
    for (tag, method, path, id) in &ops {
        match operation::Operation::by_id(id) {
            None => missing.push(format!("{id} ({method} {path}): no entry in operation.rs")),
            Some(entry) => {
                if entry.method.as_str() != method || entry.path != path || entry.tag != tag {
                    missing.push(format!(
                        "{id}: table says {} {} [{}], spec says {method} {path} [{tag}]",
                        entry.method.as_str(),
                        entry.path,
                        entry.tag
                    ));
                }
            }
        }
        let name = snake_case(id);
        if !source.contains(&format!("pub async fn {name}(")) {
            missing.push(format!("{id} ({method} {path}): no client method `{name}`"));
        }
    }
    assert!(
        missing.is_empty(),
        "{} operations not covered:\n  {}",
        missing.len(),
        missing.join("\n  ")
    );
}

#[test]
fn table_has_nothing_the_spec_lacks() {
    let Some(spec) = spec() else { return };
    let ids: Vec<String> = spec_operations(&spec).into_iter().map(|o| o.3).collect();
    let extra: Vec<_> = operation::ALL
        .iter()
        .filter(|op| !ids.iter().any(|id| id == op.id))
        .map(|op| op.id)
        .collect();
    assert!(extra.is_empty(), "operations not in the spec: {extra:?}");
}
