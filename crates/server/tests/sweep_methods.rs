//! The method sweep, kept in the suite since issue 11: every operation
//! under every HTTP method, with and without a key. No answer skips a check
//! (no 2xx without a key but a CORS preflight, HEAD answers as GET does),
//! and none is outside the Status shape.

mod common;

use common::concrete;
use common::raw;
use common::start_with;
use crdb_cloud::operation::ALL;
use std::collections::BTreeMap;

const MADE_UP: &str = "00000000-0000-4000-8000-000000000000";

#[tokio::test]
async fn every_operation_under_every_method() {
    // the sweep is itself a flood of failed authentications: lift that limit
    let server = start_with(|c| crdb_cloud_server::Config {
        auth_failures_per_second: 1_000_000,
        ..c
    })
    .await;
    let key = server.api_key().to_owned();
    let methods = [
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "BREW",
    ];
    let mut sent = 0;
    let mut by_status: BTreeMap<u16, usize> = BTreeMap::new();
    for op in ALL {
        let path = concrete(op.path, MADE_UP);
        for method in methods {
            for with_key in [false, true] {
                let auth = if with_key {
                    format!("\nAuthorization: Bearer {key}")
                } else {
                    String::new()
                };
                let head = format!(
                    "{method} {path} HTTP/1.1\nHost: t{auth}\nContent-Type: application/json\nContent-Length: 2"
                );
                let r = raw::send(server.addr(), &head, b"{}").await;
                sent += 1;
                *by_status.entry(r.status).or_default() += 1;
                let what = format!("{method} {path} (key: {with_key})");
                assert!(
                    (200..500).contains(&r.status),
                    "{what}: {} {}",
                    r.status,
                    r.body
                );
                if !with_key {
                    assert!(
                        r.status >= 400,
                        "{what} answered {} without a key",
                        r.status
                    );
                }
                if method != "HEAD" && r.status >= 400 {
                    r.assert_status_body(r.status);
                }
                if method == "HEAD" {
                    let get = raw::send(
                        server.addr(),
                        &format!("GET {path} HTTP/1.1\nHost: t{auth}"),
                        b"",
                    )
                    .await;
                    if op.method.as_str() == "GET" {
                        assert_eq!(r.status, get.status, "{what}: HEAD differs from GET");
                    }
                }
            }
        }
    }
    // a CORS preflight is answered without a key, with nothing but CORS headers
    let preflight = raw::send(
        server.addr(),
        "OPTIONS /api/v1/clusters HTTP/1.1\nHost: t\nOrigin: http://app.test\nAccess-Control-Request-Method: GET",
        b"",
    )
    .await;
    assert_eq!(preflight.status, 200, "{preflight:?}");
    assert!(preflight.header("access-control-allow-methods").is_some());
    assert!(preflight.body.is_empty());
    // the admin API without its key
    for (method, path) in [
        ("POST", "/local/v1/reset"),
        ("GET", "/local/v1/faults"),
        ("HEAD", "/local/v1/audit-log"),
        ("POST", "/local/v1/service-accounts"),
    ] {
        let r = raw::send(
            server.addr(),
            &format!("{method} {path} HTTP/1.1\nHost: t"),
            b"",
        )
        .await;
        assert_eq!(r.status, 401, "{method} {path}");
        sent += 1;
    }
    eprintln!("method sweep: {sent} requests, statuses {by_status:?}");
}
