//! `crdb-cloud-server`: a local emulator of the CockroachDB Cloud API
//! (`/api/v1`), speaking the wire format of the `crdb-cloud` SDK, with a
//! local admin API under `/local/v1`.
//!
//! ```no_run
//! # async fn demo() -> Result<(), String> {
//! let server = crdb_cloud_server::Server::start(crdb_cloud_server::Config::in_memory()).await?;
//! println!("listening on {} with key {}", server.base_url(), server.api_key());
//! server.shutdown().await;
//! # Ok(()) }
//! ```

pub mod app;
pub mod audit;
pub mod auth;
pub mod clock;
pub mod config;
pub mod demo;
pub mod embedded;
pub mod error;
pub mod extract;
pub mod faults;
pub mod limits;
pub mod rbac;
pub mod routes;
pub mod rules;
pub mod serve;
pub mod store;
pub mod web;

pub use config::{Config, Storage, Transitions};
pub use error::ApiError;

use app::AppState;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running server.
pub struct Server {
    addr: SocketAddr,
    api_key: String,
    generated_key: bool,
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Server {
    /// Opens the storage, bootstraps on first start, binds and starts serving.
    /// Errors are one line, fit for stderr.
    pub async fn start(config: Config) -> Result<Server, String> {
        let store = {
            let config = config.clone();
            tokio::task::spawn_blocking(move || -> Result<_, String> {
                let store = store::Store::open(&config.storage)?;
                let boot = app::bootstrap(&store, &config).map_err(|e| e.to_string())?;
                Ok((store, boot))
            })
            .await
            .map_err(|e| e.to_string())??
        };
        let (store, boot) = store;
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let (api_key, generated_key) = match (&config.bootstrap_api_key, &boot.generated_key) {
            (Some(k), _) => (k.clone(), false),
            (None, Some(k)) => (k.clone(), true),
            (None, None) => (String::new(), false),
        };
        if let (Some(key), config::Storage::Dir(dir)) = (&boot.generated_key, &config.storage) {
            write_key_file(&dir.join("bootstrap-api-key"), key)?;
        }
        let state = Arc::new(AppState {
            store: Arc::new(store),
            limits: limits::Limits::new(config.rate_limit),
            faults: faults::Faults::default(),
            transitions: config.transitions,
            bootstrap_sa: boot.service_account_id,
            auth_failures: limits::Limits::new(config.auth_failures_per_second),
        });
        let cleaner = {
            let state = state.clone();
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                    state.limits.shrink();
                    state.auth_failures.shrink();
                }
            })
        };
        let console = match &config.console_dir {
            Some(dir) => Some(web::ConsoleSource::Dir(dir.clone())),
            None if config.console_embedded => embedded::BuiltIn::get()
                .files()
                .map(web::ConsoleSource::Embedded),
            None => None,
        };
        let router = web::wrap(
            routes::router(state, config.max_body_bytes, config.body_read_timeout),
            console,
            config.upstream.as_deref(),
        )?;
        let connection_limits = config.connection_limits;
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            serve::serve(
                listener,
                router,
                connection_limits,
                async {
                    let _ = rx.await;
                },
                std::time::Duration::from_secs(10),
            )
            .await;
            cleaner.abort();
        });
        if config.demo {
            if api_key.is_empty() {
                eprintln!(
                    "crdb-cloud-server: --demo needs the bootstrap key on an existing data dir (--bootstrap-api-key); no demo data added"
                );
            } else {
                tokio::spawn(demo::seed(
                    format!("http://{addr}"),
                    api_key.clone(),
                    config.transitions,
                ));
            }
        }
        Ok(Server {
            addr,
            api_key,
            generated_key,
            shutdown: tx,
            task,
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://<addr>`, the SDK's base URL for this server.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bootstrap API key given or generated on this start; empty when an
    /// existing data dir's key was generated on an earlier start (see
    /// `DIR/bootstrap-api-key`).
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// Whether [`Server::api_key`] was generated on this start.
    pub fn key_was_generated(&self) -> bool {
        self.generated_key
    }

    /// Stops accepting requests and waits for the server to finish.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
    }

    /// Serves until `signal` completes (then shuts down gracefully, `true`)
    /// or the server stops by itself on an error (`false`).
    pub async fn run_until<F: std::future::Future>(mut self, signal: F) -> bool {
        tokio::select! {
            _ = signal => {
                self.shutdown().await;
                true
            }
            _ = &mut self.task => false,
        }
    }
}

fn write_key_file(path: &std::path::Path, key: &str) -> Result<(), String> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    writeln!(file, "{key}").map_err(|e| format!("cannot write {}: {e}", path.display()))
}
