//! The `crdb-cloud-server` command line.

use clap::Parser;
use crdb_cloud_server::embedded::BuiltIn;
use crdb_cloud_server::{Config, Server, Storage, Transitions, app, config};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::LazyLock;

/// What `--version` prints after the name: the crate version, the Cloud API
/// version spoken, and whether a console is built in.
static VERSION: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{}\nCc-Version {}\nweb console: {}",
        env!("CARGO_PKG_VERSION"),
        app::API_VERSION,
        BuiltIn::get()
    )
});

/// A local CockroachDB Cloud API server.
#[derive(Debug, Parser)]
#[command(name = "crdb-cloud-server", version = VERSION.as_str())]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Data folder (default: $XDG_DATA_HOME/crdb-cloud or ~/.local/share/crdb-cloud).
    #[arg(long, conflicts_with = "in_memory")]
    data_dir: Option<PathBuf>,
    /// Keep nothing on disk.
    #[arg(long)]
    in_memory: bool,
    /// API key of the bootstrap ORG_ADMIN service account (generated if absent).
    #[arg(long)]
    bootstrap_api_key: Option<String>,
    /// How long-running work completes: instant, delay:<n>s or manual.
    #[arg(long, default_value = "delay:5s", value_parser = parse_transitions)]
    transitions: Transitions,
    /// Requests per second per service account.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    rate_limit: u32,
    /// Connections served at once (more wait in the listen backlog).
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..=65536))]
    max_connections: u32,
    /// Seed demo clusters on first start.
    #[arg(long)]
    demo: bool,
    /// Serve the web console from this folder (e.g. `dist`) at `/` instead
    /// of the one built in.
    #[arg(long, value_name = "DIR")]
    console: Option<PathBuf>,
    /// Serve no web console, only the API.
    #[arg(long, conflicts_with = "console")]
    no_console: bool,
    /// Pass `/api/v1/*` through to this Cloud API (e.g. https://cockroachlabs.cloud).
    #[arg(long, value_name = "URL")]
    upstream: Option<String>,
}

/// Completes on Ctrl-C or SIGTERM; never, if neither can be watched.
async fn stop_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// What the start-up message says of the console; nothing with `--no-console`.
fn console_line(url: &str, dir: Option<&std::path::Path>, off: bool) -> Option<String> {
    match (dir, BuiltIn::get()) {
        _ if off => None,
        (Some(dir), _) => Some(format!("{url}/ (from {})", dir.display())),
        (None, built_in @ BuiltIn::Console(_)) => Some(format!("{url}/ ({built_in})")),
        (None, built_in) => Some(built_in.to_string()),
    }
}

fn parse_transitions(s: &str) -> Result<Transitions, String> {
    s.parse()
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let storage = if cli.in_memory {
        Storage::InMemory
    } else {
        match cli.data_dir.or_else(config::default_data_dir) {
            Some(dir) => Storage::Dir(dir),
            None => {
                eprintln!(
                    "crdb-cloud-server: no data dir: set --data-dir, HOME or XDG_DATA_HOME, or use --in-memory"
                );
                return ExitCode::FAILURE;
            }
        }
    };
    let (console_dir, no_console) = (cli.console.clone(), cli.no_console);
    let config = Config {
        listen: cli.listen,
        storage: storage.clone(),
        bootstrap_api_key: cli.bootstrap_api_key,
        transitions: cli.transitions,
        rate_limit: cli.rate_limit,
        demo: cli.demo,
        console_dir: cli.console,
        console_embedded: !cli.no_console,
        upstream: cli.upstream,
        connection_limits: crdb_cloud_server::serve::ConnectionLimits {
            max_connections: cli.max_connections as usize,
            ..Default::default()
        },
        ..Config::in_memory()
    };
    let server = match Server::start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("crdb-cloud-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("crdb-cloud-server listening on {}", server.base_url());
    if let Some(line) = console_line(&server.base_url(), console_dir.as_deref(), no_console) {
        println!("web console: {line}");
    }
    if server.key_was_generated() {
        println!("bootstrap API key (shown once): {}", server.api_key());
        if let Storage::Dir(dir) = &storage {
            println!(
                "  also written to {}",
                dir.join("bootstrap-api-key").display()
            );
        }
    }
    if server.run_until(stop_signal()).await {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
