//! What an adversarial run against the server found (issue 11), one test
//! per defect: each fails on the server as it was before its fix.

mod common;

use common::accounts::{account_secret, account_with};
use common::raw::{self, RawResponse};
use common::{http, start, start_with};
use crdb_cloud_server::Server;
use serde_json::{Value, json};
use std::time::Duration;

/// `GET`/`POST`/... through reqwest with a key; the answer's status and JSON.
async fn call(
    server: &Server,
    key: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut req = http()
        .request(method, format!("{}{path}", server.base_url()))
        .bearer_auth(key);
    if let Some(body) = body {
        req = req.json(&body);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

async fn org_id(server: &Server) -> String {
    let (_, org) = call(
        server,
        server.api_key(),
        "GET",
        "/api/v1/organization",
        None,
    )
    .await;
    org["id"].as_str().unwrap().to_owned()
}

async fn bootstrap_account_id(server: &Server) -> String {
    let (_, list) = call(
        server,
        server.api_key(),
        "GET",
        "/api/v1/service-accounts",
        None,
    )
    .await;
    list["service_accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|sa| sa["name"] == "bootstrap-admin")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn new_cluster(server: &Server, body: Value) -> String {
    let (status, cluster) = call(
        server,
        server.api_key(),
        "POST",
        "/api/v1/clusters",
        Some(body),
    )
    .await;
    assert_eq!(status, 200, "{cluster}");
    cluster["id"].as_str().unwrap().to_owned()
}

fn advanced_body(name: &str) -> Value {
    json!({"name": name, "provider": "AWS", "spec": {"plan": "ADVANCED", "dedicated": {
        "region_nodes": {"us-east-1": 3},
        "hardware": {"machine_spec": {"num_virtual_cpus": 4}}}}})
}

fn standard_body(name: &str) -> Value {
    json!({"name": name, "provider": "GCP", "spec": {"plan": "STANDARD", "serverless": {
        "regions": ["us-central1"], "usage_limits": {"provisioned_virtual_cpus": "2"}}}})
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "crdb-hardening-{tag}-{}-{:?}",
        std::process::id(),
        std::time::SystemTime::now()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

// 1. HEAD skips nothing.
#[tokio::test]
async fn head_passes_the_same_checks_as_get() {
    let server = start().await;
    for path in [
        "/api/v1/service-accounts",
        "/api/v1/api-keys",
        "/api/v1/api-keys?service_account_id=x",
        "/api/v1/roles",
        "/api/v1/invoices",
        "/api/v1/auditlogevents",
        "/api/v1/organization",
        "/api/v1/clusters",
    ] {
        let r = raw::send(
            server.addr(),
            &format!("HEAD {path} HTTP/1.1\nHost: t"),
            b"",
        )
        .await;
        assert_eq!(r.status, 401, "HEAD {path} without a key: {r:?}");
        assert_eq!(r.header("content-type"), Some("application/json"), "{path}");
        let with_key = raw::send(
            server.addr(),
            &format!(
                "HEAD {path} HTTP/1.1\nHost: t\nAuthorization: Bearer {}",
                server.api_key()
            ),
            b"",
        )
        .await;
        assert_eq!(
            with_key.status, 200,
            "HEAD {path} with the key: {with_key:?}"
        );
        assert!(with_key.body.is_empty());
    }
    // the role check too: an account without ORG_ADMIN may not HEAD the audit log
    let org = org_id(&server).await;
    let (_, reader) = account_secret(
        &server,
        "reader",
        &[("CLUSTER_DEVELOPER", "ORGANIZATION", &org)],
    )
    .await;
    let r = raw::send(
        server.addr(),
        &format!("HEAD /api/v1/auditlogevents HTTP/1.1\nHost: t\nAuthorization: Bearer {reader}"),
        b"",
    )
    .await;
    assert_eq!(r.status, 403, "{r:?}");
}

// 2. Only bootstrap keys open /local/v1; nothing can shadow the account.
#[tokio::test]
async fn only_bootstrap_keys_open_the_admin_api() {
    let dir = temp_dir("admin");
    let config = |dir: &std::path::Path| crdb_cloud_server::Config {
        storage: crdb_cloud_server::Storage::Dir(dir.to_path_buf()),
        bootstrap_api_key: Some("CCDB1_bootstrapkeybootstrapk_0123".into()),
        rate_limit: 10_000,
        ..crdb_cloud_server::Config::in_memory()
    };
    let server = Server::start(config(&dir)).await.unwrap();
    let org = org_id(&server).await;
    let bootstrap = bootstrap_account_id(&server).await;
    // an ORG_ADMIN makes a key for the bootstrap account through the API
    let (_, admin_key) = account_secret(
        &server,
        "second-admin",
        &[("ORG_ADMIN", "ORGANIZATION", &org)],
    )
    .await;
    let (status, key) = call(
        &server,
        &admin_key,
        "POST",
        "/api/v1/api-keys",
        Some(json!({"name": "sneaky", "service_account_id": bootstrap})),
    )
    .await;
    assert_eq!(status, 200, "{key}");
    let sneaky = key["secret"].as_str().unwrap().to_owned();
    let (status, body) = call(&server, &sneaky, "GET", "/local/v1/faults", None).await;
    assert_eq!(
        status, 403,
        "an API-made key of the bootstrap account: {body}"
    );
    let (status, _) = call(&server, &admin_key, "GET", "/local/v1/faults", None).await;
    assert_eq!(status, 403);
    let (status, _) = call(&server, server.api_key(), "GET", "/local/v1/faults", None).await;
    assert_eq!(status, 200);

    // no second account of the bootstrap name, no unknown roles or scopes
    for (body, want) in [
        (json!({"name": "bootstrap-admin"}), 409),
        (
            json!({"name": "x", "roles": [{"role": "GOD", "resource_type": "ORGANIZATION", "resource_id": org}]}),
            400,
        ),
        (
            json!({"name": "y", "roles": [{"role": "ORG_ADMIN", "resource_type": "PLANET", "resource_id": org}]}),
            400,
        ),
        (json!({"name": ""}), 400),
    ] {
        let (status, answer) = call(
            &server,
            server.api_key(),
            "POST",
            "/local/v1/service-accounts",
            Some(body.clone()),
        )
        .await;
        assert_eq!(status, want, "{body} -> {answer}");
    }
    let (status, _) = call(
        &server,
        server.api_key(),
        "PATCH",
        &format!("/api/v1/service-accounts/{bootstrap}"),
        Some(json!({"name": "renamed"})),
    )
    .await;
    assert_eq!(status, 400, "the bootstrap account keeps its name");

    // after a restart (no --bootstrap-api-key) the same key, and only it, holds the admin API
    server.shutdown().await;
    let again = Server::start(crdb_cloud_server::Config {
        bootstrap_api_key: None,
        ..config(&dir)
    })
    .await
    .unwrap();
    let key = "CCDB1_bootstrapkeybootstrapk_0123";
    let url = format!("{}/local/v1/faults", again.base_url());
    assert_eq!(
        http()
            .get(&url)
            .bearer_auth(key)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        http()
            .get(&url)
            .bearer_auth(&sneaky)
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    again.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

// 4 and 5. Counts and sizes are bounded; a page of nodes is all that is built;
// invoices never go negative.
#[tokio::test]
async fn nodes_and_sizes_are_bounded() {
    let server = start().await;
    let id = new_cluster(&server, advanced_body("big-one")).await;
    let key = server.api_key().to_owned();
    let path = format!("/api/v1/clusters/{id}");
    for (body, want) in [
        (
            json!({"dedicated": {"region_nodes": {"us-east-1": 2147483647}}}),
            400,
        ),
        (
            json!({"dedicated": {"region_nodes": {"us-east-1": 151}}}),
            400,
        ),
        (
            json!({"dedicated": {"hardware": {"storage_gib": 99999999}}}),
            400,
        ),
        (
            json!({"dedicated": {"hardware": {"disk_iops": 2147483647}}}),
            400,
        ),
        (
            json!({"labels": (0..51).map(|i| (format!("k{i}"), json!("v"))).collect::<serde_json::Map<_, _>>()}),
            400,
        ),
        (json!({"labels": {"k": "v".repeat(64)}}), 400),
        (
            json!({"dedicated": {"region_machine_specs": {"us-east-1": {"num_virtual_cpus": -1}}}}),
            400,
        ),
        (
            json!({"dedicated": {"region_machine_specs": {"us-east-1": {"num_virtual_cpus": 8}}}}),
            200,
        ),
        (
            json!({"dedicated": {"region_nodes": {"us-east-1": 150}}}),
            200,
        ),
    ] {
        let (status, answer) = call(&server, &key, "PATCH", &path, Some(body.clone())).await;
        assert_eq!(status, want, "{body} -> {answer}");
    }
    let (status, page) = call(
        &server,
        &key,
        "GET",
        &format!("{path}/nodes?pagination.limit=100"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["nodes"].as_array().unwrap().len(), 100);
    let token = page["pagination"]["next_page"].as_str().unwrap().to_owned();
    let (_, rest) = call(
        &server,
        &key,
        "GET",
        &format!("{path}/nodes?pagination.limit=100&pagination.page={token}"),
        None,
    )
    .await;
    assert_eq!(rest["nodes"].as_array().unwrap().len(), 50, "{rest}");
    assert!(rest["pagination"].is_null());
    let (status, _) = call(
        &server,
        &key,
        "POST",
        "/api/v1/clusters",
        Some(json!({
        "name": "too-big", "provider": "AWS", "spec": {"plan": "ADVANCED", "dedicated": {
            "region_nodes": {"us-east-1": 1000000},
            "hardware": {"machine_spec": {"num_virtual_cpus": 4}}}}})),
    )
    .await;
    assert_eq!(status, 400);
    let (status, _) = call(&server, &key, "POST", "/api/v1/clusters", Some(json!({
        "name": "too-many-cpu", "provider": "GCP", "spec": {"plan": "STANDARD", "serverless": {
            "regions": ["us-central1"], "usage_limits": {"provisioned_virtual_cpus": "9223372036854775807"}}}}))).await;
    assert_eq!(status, 400);
    let (status, invoices) = call(&server, &key, "GET", "/api/v1/invoices", None).await;
    assert_eq!(status, 200, "{invoices}");
    for invoice in invoices["invoices"].as_array().unwrap() {
        for total in invoice["totals"].as_array().into_iter().flatten() {
            assert!(total["amount"].as_f64().unwrap_or(0.0) >= 0.0, "{invoice}");
        }
    }
}

// 6. More than one Authorization or Cc-Version header.
#[tokio::test]
async fn repeated_credentials_and_versions_are_refused() {
    let server = start().await;
    let key = server.api_key();
    let twice_auth = format!(
        "GET /api/v1/clusters HTTP/1.1\nHost: t\nAuthorization: Bearer {key}\nAuthorization: Bearer junk"
    );
    raw::send(server.addr(), &twice_auth, b"")
        .await
        .assert_status_body(401);
    let twice_version = format!(
        "GET /api/v1/clusters HTTP/1.1\nHost: t\nAuthorization: Bearer {key}\nCc-Version: 2024-09-16\nCc-Version: 2024-09-16"
    );
    raw::send(server.addr(), &twice_version, b"")
        .await
        .assert_status_body(400);
    let once = format!("GET /api/v1/clusters HTTP/1.1\nHost: t\nAuthorization: Bearer {key}");
    assert_eq!(raw::send(server.addr(), &once, b"").await.status, 200);
}

// 7. Every rejection in the Status shape; protocol limits hold.
#[tokio::test]
async fn every_rejection_has_the_status_body() {
    let server = start().await;
    let key = server.api_key();
    let auth = format!("Host: t\nAuthorization: Bearer {key}");
    for (head, status) in [
        (format!("GET /api/v1/clusters/%ff HTTP/1.1\n{auth}"), 400),
        (
            format!("GET /api/v1/clusters/%ff/nodes HTTP/1.1\n{auth}"),
            400,
        ),
        (
            format!("GET /api/v1/clusters?pagination.limit=x HTTP/1.1\n{auth}"),
            400,
        ),
        (format!("DELETE /api/v1/organization HTTP/1.1\n{auth}"), 405),
        (format!("BREW /api/v1/clusters HTTP/1.1\n{auth}"), 405),
        (format!("GET /api/v1/nothing-here HTTP/1.1\n{auth}"), 404),
        (format!("GET /local/v1/nothing-here HTTP/1.1\n{auth}"), 404),
    ] {
        raw::send(server.addr(), &head, b"")
            .await
            .assert_status_body(status);
    }
    let bad_json = format!(
        "POST /api/v1/clusters HTTP/1.1\n{auth}\nContent-Type: application/json\nContent-Length: 1"
    );
    raw::send(server.addr(), &bad_json, b"{")
        .await
        .assert_status_body(400);
    let big = vec![b' '; 2 * 1024 * 1024];
    let too_long = format!(
        "POST /api/v1/clusters HTTP/1.1\n{auth}\nContent-Type: application/json\nContent-Length: {}",
        big.len()
    );
    raw::send(server.addr(), &too_long, &big)
        .await
        .assert_status_body(413);
    // protocol-level: hyper answers these itself (no body); the server lives on
    let huge_header = format!(
        "GET /api/v1/clusters HTTP/1.1\n{auth}\nX-Big: {}",
        "a".repeat(1 << 20)
    );
    let r = raw::send(server.addr(), &huge_header, b"").await;
    assert!(r.status == 431 || r.status == 0, "{:?}", r.status);
    let long_url = format!(
        "GET /api/v1/clusters?x={} HTTP/1.1\n{auth}",
        "a".repeat(200 * 1024)
    );
    let r = raw::send(server.addr(), &long_url, b"").await;
    assert!(matches!(r.status, 0 | 414 | 431), "{:?}", r.status);
    let nul = format!("GET /api/v1/clusters HTTP/1.1\n{auth}\nX-Nul: a\0b");
    let r = raw::send(server.addr(), &nul, b"").await;
    assert!(r.status == 400 || r.status == 0, "{:?}", r.status);
    let ok = format!("GET /api/v1/clusters HTTP/1.1\n{auth}");
    assert_eq!(raw::send(server.addr(), &ok, b"").await.status, 200);
}

// 8. The pass-through keeps to /api/v1.
#[tokio::test]
async fn the_upstream_pass_through_keeps_to_api_v1() {
    let upstream = start().await;
    let front = start_with(|c| crdb_cloud_server::Config {
        upstream: Some(upstream.base_url()),
        ..c
    })
    .await;
    let auth = format!("Host: t\nAuthorization: Bearer {}", upstream.api_key());
    for path in [
        "/api/v1/../../local/v1/faults",
        "/api/v1/%2e%2e/%2e%2e/local/v1/faults",
        "/api/v1/%2E%2E/%2e./local/v1/faults",
        "/api/v1/.%2e/.%2E/local/v1/faults",
        "/api/v1/x%2f..%2f..%2flocal%2fv1%2ffaults",
        "/api/v1/x%5c..%5c..%5clocal/v1/faults",
        "/api/v1//clusters",
    ] {
        let r = raw::send(front.addr(), &format!("GET {path} HTTP/1.1\n{auth}"), b"").await;
        r.assert_status_body(400);
        assert!(
            r.json().get("rules").is_none(),
            "reached the upstream's faults: {r:?}"
        );
    }
    let r = raw::send(
        front.addr(),
        &format!("GET /api/v1/clusters?pagination.limit=1 HTTP/1.1\n{auth}"),
        b"",
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.body.contains("clusters"), "{r:?}");
}

// 9. The console folder serves no link to a file outside it.
#[cfg(unix)]
#[tokio::test]
async fn the_console_folder_serves_nothing_outside_itself() {
    let root = temp_dir("console");
    let dist = root.join("dist");
    let outside = root.join("outside");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>console</title>",
    )
    .unwrap();
    std::fs::write(dist.join("app.js"), "console.log(1)").unwrap();
    std::fs::write(outside.join("secret.txt"), "the secret").unwrap();
    std::os::unix::fs::symlink(outside.join("secret.txt"), dist.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(&outside, dist.join("sub")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.txt"), dist.join("page")).unwrap();
    let server = start_with(|c| crdb_cloud_server::Config {
        console_dir: Some(dist.clone()),
        ..c
    })
    .await;
    for path in ["/leak.txt", "/sub/secret.txt", "/page"] {
        let r = raw::send(server.addr(), &format!("GET {path} HTTP/1.1\nHost: t"), b"").await;
        assert!(!r.body.contains("the secret"), "{path}: {r:?}");
        assert_eq!(r.status, 404, "{path}: {r:?}");
    }
    let js = raw::send(server.addr(), "GET /app.js HTTP/1.1\nHost: t", b"").await;
    assert_eq!(js.status, 200);
    let deep = raw::send(server.addr(), "GET /clusters/abc HTTP/1.1\nHost: t", b"").await;
    assert_eq!(deep.status, 200);
    assert!(deep.body.contains("console"));
    let _ = std::fs::remove_dir_all(&root);
}

// 10. What is out of scope answers as if it did not exist.
#[tokio::test]
async fn out_of_scope_answers_like_a_made_up_id() {
    let server = start().await;
    let key = server.api_key().to_owned();
    let org = org_id(&server).await;
    let folder = |name: &str| json!({"name": name});
    let (_, a) = call(
        &server,
        &key,
        "POST",
        "/api/v1/folders",
        Some(folder("team-a")),
    )
    .await;
    let (_, b) = call(
        &server,
        &key,
        "POST",
        "/api/v1/folders",
        Some(folder("team-b")),
    )
    .await;
    let (a, b) = (
        a["resource_id"].as_str().unwrap().to_owned(),
        b["resource_id"].as_str().unwrap().to_owned(),
    );
    let made_up = "00000000-0000-4000-8000-000000000000";
    let (_, x_key) = account_secret(
        &server,
        "folder-a-admin",
        &[
            ("FOLDER_ADMIN", "FOLDER", &a),
            ("CLUSTER_CREATOR", "FOLDER", &a),
        ],
    )
    .await;
    for target in [&b, &made_up.to_owned()] {
        let (status, body) = call(
            &server,
            &x_key,
            "GET",
            &format!("/api/v1/folders/{target}/contents"),
            None,
        )
        .await;
        assert_eq!(status, 404, "contents of {target}: {body}");
        let (status, body) = call(
            &server,
            &x_key,
            "POST",
            "/api/v1/folders",
            Some(json!({"name": "inner", "parent_id": target})),
        )
        .await;
        assert_eq!(status, 404, "folder under {target}: {body}");
        let mut cluster = standard_body("scoped-1");
        cluster["spec"]["parent_id"] = json!(target);
        let (status, body) = call(&server, &x_key, "POST", "/api/v1/clusters", Some(cluster)).await;
        assert_eq!(status, 404, "cluster in {target}: {body}");
    }
    let (status, _) = call(
        &server,
        &x_key,
        "GET",
        &format!("/api/v1/folders/{a}/contents"),
        None,
    )
    .await;
    assert_eq!(status, 200);

    // RemoveUserFromRole: the same answer whether or not the target holds the grant
    let c1 = new_cluster(&server, standard_body("scope-c1")).await;
    let (holder, _) = account_with(&server, "holder", &[("ORG_ADMIN", "ORGANIZATION", &org)]).await;
    let (bare, _) = account_with(&server, "bare", &[("CLUSTER_DEVELOPER", "CLUSTER", &c1)]).await;
    let (_, y_key) =
        account_secret(&server, "c1-admin", &[("CLUSTER_ADMIN", "CLUSTER", &c1)]).await;
    let remove = |user: &str| format!("/api/v1/roles/{user}/ORGANIZATION/{org}/ORG_ADMIN");
    let (held, _) = call(&server, &y_key, "DELETE", &remove(&holder), None).await;
    let (not_held, _) = call(&server, &y_key, "DELETE", &remove(&bare), None).await;
    assert_eq!((held, not_held), (403, 403));

    // AddUserToRole answers only what the caller may see
    let (status, answer) = call(
        &server,
        &y_key,
        "POST",
        &format!("/api/v1/roles/{holder}/CLUSTER/{c1}/CLUSTER_DEVELOPER"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let roles = answer["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 1, "{answer}");
    assert_eq!(roles[0]["name"], "CLUSTER_DEVELOPER");
}

// 11. Slow and idle clients.
#[tokio::test]
async fn slow_clients_are_cut_off_and_idle_ones_hold_nothing_up() {
    use tokio::io::AsyncWriteExt;
    let server = start_with(|c| crdb_cloud_server::Config {
        connection_limits: crdb_cloud_server::serve::ConnectionLimits {
            header_read_timeout: Duration::from_millis(500),
            ..Default::default()
        },
        body_read_timeout: Duration::from_millis(500),
        ..c
    })
    .await;
    // a silent connection is closed
    let mut silent = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
    let r = tokio::time::timeout(Duration::from_secs(5), raw::read_answer(&mut silent)).await;
    assert!(r.is_ok(), "a silent connection is still open after 5 s");
    // half a head is closed too
    let mut half = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
    half.write_all(b"GET /api/v1/clusters HTTP/1.1\r\nHost: t\r\n")
        .await
        .unwrap();
    let r = tokio::time::timeout(Duration::from_secs(5), raw::read_answer(&mut half)).await;
    assert!(r.is_ok(), "a half-sent head is still open after 5 s");
    // a body that stops coming gets 408 with the Status body
    let mut slow = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
    let head = format!(
        "POST /api/v1/clusters HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"name\":",
        server.api_key()
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    let r = tokio::time::timeout(Duration::from_secs(5), raw::read_answer(&mut slow))
        .await
        .expect("an answer to a stalled body");
    r.assert_status_body(408);

    // 500 idle connections leave room for a normal request
    let mut idle = Vec::new();
    for _ in 0..500 {
        idle.push(tokio::net::TcpStream::connect(server.addr()).await.unwrap());
    }
    let ok = format!(
        "GET /api/v1/clusters HTTP/1.1\nHost: t\nAuthorization: Bearer {}",
        server.api_key()
    );
    assert_eq!(raw::send(server.addr(), &ok, b"").await.status, 200);
    drop(idle);
}

// 12. Failed authentications are limited per address; the admin API is limited too.
#[tokio::test]
async fn failed_authentications_are_limited_per_address() {
    let server = start_with(|c| crdb_cloud_server::Config {
        auth_failures_per_second: 5,
        rate_limit: 5,
        ..c
    })
    .await;
    let bad = "GET /api/v1/clusters HTTP/1.1\nHost: t\nAuthorization: Bearer wrong";
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(raw::send(server.addr(), bad, b"").await.status);
    }
    assert_eq!(&statuses[..5], &[401; 5], "{statuses:?}");
    assert!(statuses[5..].iter().all(|s| *s == 429), "{statuses:?}");
    // the good key from the same address still gets in
    let good = format!(
        "GET /api/v1/clusters HTTP/1.1\nHost: t\nAuthorization: Bearer {}",
        server.api_key()
    );
    assert_eq!(raw::send(server.addr(), &good, b"").await.status, 200);
    // another address is not locked out
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
    let mut other = socket.connect(server.addr()).await.unwrap();
    use tokio::io::AsyncWriteExt;
    other
        .write_all(format!("{}\r\nConnection: close\r\n\r\n", bad.replace('\n', "\r\n")).as_bytes())
        .await
        .unwrap();
    let r: RawResponse = raw::read_answer(&mut other).await;
    assert_eq!(r.status, 401, "{r:?}");
    // the admin API has a bucket of its own, and it is limited
    let url = format!("{}/local/v1/faults", server.base_url());
    let mut admin = Vec::new();
    for _ in 0..7 {
        admin.push(
            http()
                .get(&url)
                .bearer_auth(server.api_key())
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
        );
    }
    assert!(admin.contains(&429), "{admin:?}");
}

// 13. The data dir and its files are the owner's only.
#[cfg(unix)]
#[tokio::test]
async fn data_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let root = temp_dir("files");
    let dir = root.join("nested/data");
    let server = Server::start(crdb_cloud_server::Config {
        storage: crdb_cloud_server::Storage::Dir(dir.clone()),
        ..crdb_cloud_server::Config::in_memory()
    })
    .await
    .unwrap();
    new_cluster(&server, standard_body("private-1")).await;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    for file in [
        "crdb-cloud.sqlite3",
        "crdb-cloud.sqlite3-wal",
        "bootstrap-api-key",
    ] {
        assert_eq!(mode(&dir.join(file)), 0o600, "{file}");
    }
    server.shutdown().await;
    let _ = std::fs::remove_dir_all(&root);
}

// Request bodies by the proto3 JSON rules.
#[tokio::test]
async fn bodies_are_read_as_the_real_service_reads_them() {
    let server = start().await;
    let key = server.api_key().to_owned();
    // the official Go SDK's bodies: nil slices as null, zero values written out
    for body in [
        json!({"name": "go-ci", "description": "", "roles": null}),
        json!({"name": "left-out"}),
        json!({"name": "camel", "description": null}),
    ] {
        let (status, answer) = call(
            &server,
            &key,
            "POST",
            "/api/v1/service-accounts",
            Some(body.clone()),
        )
        .await;
        assert_eq!(status, 200, "{body} -> {answer}");
    }
    let (_, list) = call(&server, &key, "GET", "/api/v1/service-accounts", None).await;
    let go_ci = list["service_accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "go-ci")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for body in [json!({"roles": null}), json!({})] {
        let (status, answer) = call(
            &server,
            &key,
            "PUT",
            &format!("/api/v1/roles/{go_ci}"),
            Some(body.clone()),
        )
        .await;
        assert_eq!(status, 200, "{body} -> {answer}");
        assert_eq!(answer["roles"], json!([]));
    }
    // lowerCamelCase names and integers as strings, nested
    let (status, cluster) = call(
        &server,
        &key,
        "POST",
        "/api/v1/clusters",
        Some(json!({
        "name": "camel-case", "provider": "GCP", "spec": {"plan": "STANDARD", "serverless": {
            "regions": ["us-central1"], "usageLimits": {"provisionedVirtualCpus": 4}}}})),
    )
    .await;
    assert_eq!(status, 200, "{cluster}");
    assert_eq!(
        cluster["config"]["serverless"]["usage_limits"]["provisioned_virtual_cpus"],
        "4"
    );
    let (status, cluster) = call(
        &server,
        &key,
        "POST",
        "/api/v1/clusters",
        Some(json!({
        "name": "string-ints", "provider": "AWS", "spec": {"plan": "ADVANCED", "dedicated": {
            "regionNodes": {"us-east-1": "3"},
            "hardware": {"machineSpec": {"numVirtualCpus": "4"}, "storageGib": null}}}})),
    )
    .await;
    assert_eq!(status, 200, "{cluster}");
    // required values stay required, and the message names the field
    let (status, answer) = call(
        &server,
        &key,
        "POST",
        "/api/v1/clusters",
        Some(json!({
        "name": "no-regions", "provider": "GCP", "spec": {"serverless": {"regions": null}}})),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        answer["message"].as_str().unwrap().contains("regions"),
        "{answer}"
    );
}
