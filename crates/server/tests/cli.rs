//! The command line: bad flags, an unusable data dir and a port in use each
//! give one clear line on stderr and a non-zero exit; a first start prints
//! the URL and a generated key, and writes the key file with mode 0600.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn server() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crdb-cloud-server"))
}

fn fails_with(args: &[&str], wanted: &str) {
    let out = server().args(args).output().expect("runs");
    assert!(!out.status.success(), "{args:?} should fail");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(wanted), "{args:?}: stderr was {stderr:?}");
}

#[test]
fn bad_flags_are_refused_with_a_clear_line() {
    fails_with(&["--listen", "nowhere"], "--listen");
    fails_with(&["--transitions", "sometimes"], "--transitions");
    fails_with(&["--rate-limit", "0"], "--rate-limit");
    fails_with(&["--in-memory", "--data-dir", "/tmp/x"], "--data-dir");
    fails_with(&["--frobnicate"], "--frobnicate");
}

#[test]
fn an_unusable_data_dir_is_one_line_and_a_failure() {
    let file = std::env::temp_dir().join(format!("crdb-cli-file-{}", std::process::id()));
    std::fs::write(&file, "not a folder").expect("temp file");
    let out = server()
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&file)
        .output()
        .expect("runs");
    let _ = std::fs::remove_file(&file);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr:?}");
    assert!(stderr.starts_with("crdb-cloud-server: "), "{stderr:?}");
}

#[test]
fn a_port_in_use_is_one_line_and_a_failure() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let out = server()
        .args(["--in-memory", "--listen", &addr])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("cannot listen on {addr}")),
        "{stderr:?}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr:?}");
}

#[test]
fn first_start_prints_the_url_and_writes_the_generated_key() {
    let dir = std::env::temp_dir().join(format!("crdb-cli-data-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut child = server()
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let url = lines.next().expect("a line").expect("text");
    let key_line = lines.next().expect("a line").expect("text");
    child.kill().expect("stop");
    let _ = child.wait();
    assert!(
        url.starts_with("crdb-cloud-server listening on http://127.0.0.1:"),
        "{url}"
    );
    let key = key_line
        .strip_prefix("bootstrap API key (shown once): ")
        .expect("key line")
        .trim()
        .to_owned();
    let file = dir.join("bootstrap-api-key");
    assert_eq!(
        std::fs::read_to_string(&file).expect("key file").trim(),
        key
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
