//! Durability: SIGKILL the server binary in the middle of a stream of
//! acknowledged creates, restart it on the same data dir, and find every
//! acknowledged write.

use crdb_cloud::api::clusters::ListClustersParams;
use crdb_cloud::models::clusters::{
    CreateClusterRequest, CreateClusterSpecification, ServerlessClusterCreateSpecification,
};
use crdb_cloud::models::common::{CloudProvider, Plan};
use crdb_cloud::{Client, RetryPolicy};
use futures_util::TryStreamExt;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const KEY: &str = "durability-test-key";

/// Starts the real binary and returns it with its base URL.
fn spawn_server(data_dir: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crdb-cloud-server"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--bootstrap-api-key",
            KEY,
            "--transitions",
            "instant",
        ])
        .args(["--rate-limit", "1000000", "--data-dir"])
        .arg(data_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("server starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let url = loop {
        let line = lines
            .next()
            .expect("server printed its URL")
            .expect("readable stdout");
        if let Some(url) = line.strip_prefix("crdb-cloud-server listening on ") {
            break url.trim().to_owned();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, url)
}

fn client(url: &str) -> Client {
    Client::builder()
        .api_key(KEY)
        .base_url(url)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client")
}

fn basic(name: &str) -> CreateClusterRequest {
    CreateClusterRequest {
        name: name.to_owned(),
        provider: CloudProvider::Gcp,
        spec: CreateClusterSpecification {
            plan: Some(Plan::Basic),
            serverless: Some(ServerlessClusterCreateSpecification {
                regions: vec!["us-central1".into()],
                ..Default::default()
            }),
            ..Default::default()
        },
        plan: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_create_survives_sigkill() {
    let dir = std::env::temp_dir().join(format!("crdb-durability-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (mut child, url) = spawn_server(&dir);
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));

    let writers: Vec<_> = (0..4)
        .map(|w| {
            let c = client(&url);
            let acked = acked.clone();
            tokio::spawn(async move {
                for i in 0..100_000 {
                    let name = format!("dur-{w}-{i:06}");
                    match c.create_cluster(&basic(&name)).await {
                        Ok(created) => {
                            assert_eq!(created.name, name);
                            acked.lock().unwrap().push(name);
                        }
                        Err(_) => break, // the server is gone
                    }
                }
            })
        })
        .collect();

    // Let a stream of writes get going, then kill without warning.
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(10)).await;
        if acked.lock().unwrap().len() >= 200 {
            break;
        }
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    for w in writers {
        w.await.expect("writer task");
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 20,
        "too few writes before the kill: {}",
        acked.len()
    );

    let (mut child, url) = spawn_server(&dir);
    let names: Vec<String> = client(&url)
        .list_clusters_all(ListClustersParams::default())
        .map_ok(|c| c.name)
        .try_collect()
        .await
        .expect("list after restart");
    child.kill().expect("stop");
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    let missing: Vec<_> = acked.iter().filter(|n| !names.contains(n)).collect();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged creates lost: {:?}",
        missing.len(),
        acked.len(),
        missing
    );
    eprintln!(
        "{} acknowledged creates, all found after SIGKILL and restart ({} stored)",
        acked.len(),
        names.len()
    );
}
