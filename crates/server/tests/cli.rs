//! The command line: bad flags, an unusable data dir and a port in use each
//! give one clear line on stderr and a non-zero exit; a first start prints
//! the URL and a generated key, and writes the key file with mode 0600;
//! `--version` and the start say whether a console is built in, and a binary
//! without one starts all the same and says how to get one.

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
    fails_with(&["--no-console", "--console", "dist"], "--console");
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
        .args(["--listen", "127.0.0.1:0", "--no-console", "--data-dir"])
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

/// The `web console:` line of `--version`.
fn version_console_line() -> String {
    let out = server().arg("--version").output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(concat!("crdb-cloud-server ", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(lines.next(), Some("Cc-Version 2024-09-16"));
    let console = lines.next().expect("a console line").to_owned();
    assert!(console.starts_with("web console: "), "{console}");
    console
}

/// Starts the binary with `args`, reads its stdout up to the `web console:`
/// line, and gets `/`; returns that line and the answer's status and type.
fn start_and_get_root(args: &[&str]) -> (Option<String>, u16, String) {
    let mut child = server()
        .args(["--listen", "127.0.0.1:0", "--in-memory"])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("starts");
    let lines: Vec<String> = BufReader::new(child.stdout.take().expect("stdout"))
        .lines()
        .map_while(Result::ok)
        .take_while(|l| !l.starts_with("bootstrap API key"))
        .collect();
    let url = lines[0]
        .strip_prefix("crdb-cloud-server listening on ")
        .expect("the URL line")
        .to_owned();
    let console = lines
        .iter()
        .find(|l| l.starts_with("web console: "))
        .cloned();
    let (status, content_type) = get(&url);
    child.kill().expect("stop");
    let _ = child.wait();
    (console, status, content_type)
}

/// A plain HTTP/1.0 GET of `/`: the status and the content type.
fn get(url: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let addr = url.strip_prefix("http://").expect("http URL");
    let mut conn = std::net::TcpStream::connect(addr).expect("connects");
    conn.write_all(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n")
        .expect("sends");
    let mut answer = String::new();
    conn.read_to_string(&mut answer).expect("reads");
    let status = answer[9..12].parse().expect("a status");
    let content_type = answer
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-type: ")
                .map(str::to_owned)
        })
        .unwrap_or_default();
    (status, content_type)
}

#[test]
fn version_and_start_say_whether_a_console_is_built_in() {
    let version = version_console_line();
    let (line, status, content_type) = start_and_get_root(&[]);
    let line = line.expect("a web console line");
    if version.starts_with("web console: built in (") {
        // Served at / with no flag.
        assert!(line.contains("/ (built in ("), "{line}");
        assert_eq!(status, 200);
        assert!(content_type.starts_with("text/html"), "{content_type}");
    } else {
        // A build without a console starts and says how to get one.
        assert!(version.contains("not built in"), "{version}");
        assert!(line.contains("not built in"), "{line}");
        assert!(
            line.contains("scripts/build-console.sh") || line.contains("`console` feature"),
            "{line}"
        );
        assert_eq!(status, 404);
        assert!(
            content_type.starts_with("application/json"),
            "{content_type}"
        );
    }
    // --no-console: the API only, and nothing said of a console.
    let (line, status, content_type) = start_and_get_root(&["--no-console"]);
    assert_eq!(line, None);
    assert_eq!(status, 404);
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
}
