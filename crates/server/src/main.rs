//! The `crdb-cloud-server` command line.

use clap::Parser;
use crdb_cloud_server::{Config, Server, Storage, Transitions, config};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// A local CockroachDB Cloud API server.
#[derive(Debug, Parser)]
#[command(name = "crdb-cloud-server", version)]
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
    /// Serve the built web console (e.g. `dist`) at `/`.
    #[arg(long, value_name = "DIR")]
    console: Option<PathBuf>,
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
    let has_console = cli.console.is_some();
    let config = Config {
        listen: cli.listen,
        storage: storage.clone(),
        bootstrap_api_key: cli.bootstrap_api_key,
        transitions: cli.transitions,
        rate_limit: cli.rate_limit,
        demo: cli.demo,
        console_dir: cli.console,
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
    if has_console {
        println!("web console: {}/", server.base_url());
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
