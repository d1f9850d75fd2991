//! `GET /api/openapi.json` (no key needed): an OpenAPI 3 description of
//! what this server implements, built from the SDK's operation table plus
//! the local admin API. Schemas are the upstream spec's; this document names
//! the operations, their parameters and the error body.

use axum::Json;
use crdb_cloud::operation::{ALL, Operation};
use serde_json::{Map, Value, json};

/// Where the document is served.
pub const PATH: &str = "/api/openapi.json";

/// The local admin endpoints: (method, path, summary).
const LOCAL: &[(&str, &str, &str)] = &[
    (
        "post",
        "/local/v1/clusters/{cluster_id}/advance",
        "Complete a cluster's pending work (and its running restores) now.",
    ),
    (
        "post",
        "/local/v1/clusters/{cluster_id}/fail",
        "Fail a cluster's pending creation (CREATION_FAILED).",
    ),
    (
        "post",
        "/local/v1/clusters/{cluster_id}/backups",
        "Take a managed backup now.",
    ),
    (
        "post",
        "/local/v1/clusters/{cluster_id}/restores/{restore_id}/fail",
        "Make a running restore FAILED.",
    ),
    ("get", "/local/v1/faults", "The injected faults."),
    (
        "put",
        "/local/v1/faults",
        "Inject faults: a share of 429/500/503 answers or added latency, per operation id.",
    ),
    ("delete", "/local/v1/faults", "Remove every injected fault."),
    (
        "post",
        "/local/v1/service-accounts",
        "Create a service account with chosen roles; answers its secret once.",
    ),
    (
        "get",
        "/local/v1/audit-log",
        "Every audit entry, oldest first.",
    ),
    (
        "post",
        "/local/v1/reset",
        "Remove everything but the bootstrap organization, account and key.",
    ),
];

fn path_parameters(path: &str) -> Vec<Value> {
    path.split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
        .collect()
}

fn operation(op: &Operation) -> Value {
    json!({
        "operationId": format!("CockroachCloud_{}", op.id),
        "tags": [op.tag],
        "parameters": path_parameters(op.path),
        "responses": {
            "200": {"description": "A successful response."},
            "default": {"description": "An error.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}
        }
    })
}

/// The whole document.
pub fn document() -> Value {
    let mut paths: Map<String, Value> = Map::new();
    let mut add = |path: &str, method: &str, body: Value| {
        let entry = paths.entry(path.to_owned()).or_insert_with(|| json!({}));
        if let Some(map) = entry.as_object_mut() {
            map.insert(method.to_owned(), body);
        }
    };
    for op in ALL {
        add(
            op.path,
            &op.method.as_str().to_ascii_lowercase(),
            operation(op),
        );
    }
    for (method, path, summary) in LOCAL {
        add(
            path,
            method,
            json!({
                "summary": summary,
                "tags": ["Local admin"],
                "parameters": path_parameters(path),
                "description": "Only the bootstrap API key may call the local admin API.",
                "responses": {"200": {"description": "Done."}}
            }),
        );
    }
    let mut tags: Vec<&str> = ALL.iter().map(|op| op.tag).collect();
    tags.dedup();
    tags.push("Local admin");
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "crdb-cloud local server",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "A local stand-in for the CockroachDB Cloud API (version 2024-09-16). Request and response bodies follow the upstream spec."
        },
        "servers": [{"url": "/"}],
        "security": [{"Bearer": []}],
        "tags": tags.iter().map(|t| json!({"name": t})).collect::<Vec<_>>(),
        "paths": paths,
        "components": {
            "securitySchemes": {"Bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Status": {
                "type": "object",
                "properties": {
                    "code": {"type": "integer", "format": "int32"},
                    "message": {"type": "string"},
                    "details": {"type": "array", "items": {"type": "object"}}
                }
            }}
        }
    })
}

/// Serves [`document`].
pub async fn get() -> Json<Value> {
    Json(document())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_every_operation_once_with_its_path_parameters() {
        let doc = document();
        let ops: Vec<&Value> = doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|item| item.as_object().unwrap().values())
            .filter(|op| op["operationId"].is_string())
            .collect();
        assert_eq!(ops.len(), ALL.len());
        let delete_user = &doc["paths"]["/api/v1/clusters/{cluster_id}/sql-users/{name}"]["delete"];
        assert_eq!(delete_user["operationId"], "CockroachCloud_DeleteSQLUser");
        assert_eq!(delete_user["parameters"].as_array().unwrap().len(), 2);
        assert!(doc["paths"]["/local/v1/reset"]["post"].is_object());
    }
}
