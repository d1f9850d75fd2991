//! SIGKILL in the middle of each multi-step admin action (a reset, demo
//! seeding): after a restart the organization, the bootstrap account and
//! its key are intact. Before resets were one transaction, 9 kills in 30
//! left a new organization behind.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const KEY: &str = "CCDB1_killtestkillteskilltes_0000";

fn spawn(data_dir: &Path, extra: &[&str]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crdb-cloud-server"))
        .args(["--listen", "127.0.0.1:0", "--bootstrap-api-key", KEY])
        .args(["--transitions", "instant", "--rate-limit", "1000000"])
        .args(extra)
        .arg("--data-dir")
        .arg(data_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let url = loop {
        let line = lines
            .next()
            .expect("the server printed its URL")
            .expect("stdout");
        if let Some(url) = line.strip_prefix("crdb-cloud-server listening on ") {
            break url.trim().to_owned();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (child, url)
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// The organization id, read with the bootstrap key.
fn org_id(url: &str) -> String {
    let org: serde_json::Value = client()
        .get(format!("{url}/api/v1/organization"))
        .bearer_auth(KEY)
        .send()
        .expect("organization")
        .json()
        .expect("json");
    org["id"].as_str().expect("an organization id").to_owned()
}

fn admin_works(url: &str) -> bool {
    client()
        .get(format!("{url}/local/v1/faults"))
        .bearer_auth(KEY)
        .send()
        .is_ok_and(|r| r.status() == 200)
}

fn data_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crdb-kill-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn create_cluster(url: &str, name: &str) {
    let _ = client()
        .post(format!("{url}/api/v1/clusters"))
        .bearer_auth(KEY)
        .json(
            &serde_json::json!({"name": name, "provider": "GCP", "spec": {"plan": "BASIC",
            "serverless": {"regions": ["us-central1"]}}}),
        )
        .send();
}

#[test]
fn sigkill_during_reset_keeps_the_organization() {
    let dir = data_dir("reset");
    let (mut child, mut url) = spawn(&dir, &[]);
    let org = org_id(&url);
    let mut resets_acknowledged = 0;
    for cycle in 0..30 {
        for i in 0..3 {
            create_cluster(&url, &format!("kill-{cycle}-{i}"));
        }
        let resetting = {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut done = 0;
                for _ in 0..50 {
                    match client()
                        .post(format!("{url}/local/v1/reset"))
                        .bearer_auth(KEY)
                        .send()
                    {
                        Ok(r) if r.status() == 200 => done += 1,
                        _ => break,
                    }
                }
                done
            })
        };
        std::thread::sleep(Duration::from_millis(fastrand::u64(0..40)));
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        resets_acknowledged += resetting.join().unwrap_or(0);
        let (next, next_url) = spawn(&dir, &[]);
        child = next;
        assert_eq!(
            org_id(&next_url),
            org,
            "cycle {cycle}: a new organization after the kill"
        );
        assert!(
            admin_works(&next_url),
            "cycle {cycle}: the bootstrap key lost the admin API"
        );
        lists_clusters(&next_url);
        url = next_url;
    }
    eprintln!(
        "30 kills during resets ({resets_acknowledged} resets acknowledged): organization intact"
    );
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);

    fn lists_clusters(url: &str) {
        assert_eq!(
            client()
                .get(format!("{url}/api/v1/clusters"))
                .bearer_auth(KEY)
                .send()
                .map(|r| r.status().as_u16())
                .unwrap_or(0),
            200
        );
    }
}

#[test]
fn sigkill_during_demo_seeding_keeps_the_organization() {
    for cycle in 0..5 {
        let dir = data_dir(&format!("demo-{cycle}"));
        let (mut child, url) = spawn(&dir, &["--demo"]);
        let org = org_id(&url);
        std::thread::sleep(Duration::from_millis(fastrand::u64(20..400)));
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        let (mut again, again_url) = spawn(&dir, &["--demo"]);
        assert_eq!(org_id(&again_url), org, "cycle {cycle}: a new organization");
        assert!(
            admin_works(&again_url),
            "cycle {cycle}: the admin API is gone"
        );
        let _ = again.kill();
        let _ = again.wait();
        let _ = std::fs::remove_dir_all(&dir);
    }
}
