//! Server settings: where to listen, where to keep data, how fast
//! long-running work finishes, and the rate limit.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

/// How long-running work (cluster creation, scaling, CMEK) completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transitions {
    /// Done as soon as anyone reads the resource again.
    Instant,
    /// Done after this delay on the server's clock.
    Delay(Duration),
    /// Done only when advanced through the local admin API.
    Manual,
}

impl FromStr for Transitions {
    type Err = String;

    /// Parses `instant`, `manual` or `delay:<n>s` / `delay:<n>ms`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "instant" => Ok(Transitions::Instant),
            "manual" => Ok(Transitions::Manual),
            other => {
                let bad = || {
                    format!("expected instant, manual or delay:<n>s (e.g. delay:5s), got {other:?}")
                };
                let spec = other.strip_prefix("delay:").ok_or_else(bad)?;
                let (digits, unit_ms) = if let Some(ms) = spec.strip_suffix("ms") {
                    (ms, 1)
                } else if let Some(s) = spec.strip_suffix('s') {
                    (s, 1000)
                } else {
                    return Err(bad());
                };
                let n: u64 = digits.parse().map_err(|_| bad())?;
                Ok(Transitions::Delay(Duration::from_millis(
                    n.saturating_mul(unit_ms),
                )))
            }
        }
    }
}

/// Where the server keeps its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    /// Nothing survives the process (tests).
    InMemory,
    /// A SQLite database in this folder, created if missing.
    Dir(PathBuf),
}

/// Everything [`crate::Server::start`] needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Data location.
    pub storage: Storage,
    /// The bootstrap service account's key; generated when `None` on first start.
    pub bootstrap_api_key: Option<String>,
    /// How long-running work completes.
    pub transitions: Transitions,
    /// Requests per second per service account (also the burst).
    pub rate_limit: u32,
    /// Failed authentications per second per client address (also the
    /// burst); past it the address gets 429 until its bucket refills.
    pub auth_failures_per_second: u32,
    /// Seed a few demo clusters on first start.
    pub demo: bool,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Serve the built web console from this folder at `/`.
    pub console_dir: Option<PathBuf>,
    /// Without `console_dir`, serve the console built into the binary at
    /// `/`, when it has one ([`crate::embedded::BuiltIn`]).
    pub console_embedded: bool,
    /// Pass `/api/v1/*` through to this Cloud API instead of answering locally.
    pub upstream: Option<String>,
    /// Open connections, header read timeout, request head size.
    pub connection_limits: crate::serve::ConnectionLimits,
    /// Time to receive a request's body once its headers are in.
    pub body_read_timeout: Duration,
}

impl Config {
    /// An in-memory server on `127.0.0.1:0` with instant transitions: the test setup.
    pub fn in_memory() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            storage: Storage::InMemory,
            bootstrap_api_key: None,
            transitions: Transitions::Instant,
            rate_limit: 10,
            auth_failures_per_second: 20,
            demo: false,
            max_body_bytes: 1024 * 1024,
            console_dir: None,
            console_embedded: false,
            upstream: None,
            connection_limits: crate::serve::ConnectionLimits::default(),
            body_read_timeout: Duration::from_secs(30),
        }
    }
}

/// The per-user data folder: `$XDG_DATA_HOME/crdb-cloud` or `~/.local/share/crdb-cloud`.
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(xdg).join("crdb-cloud"));
    }
    let home = std::env::var_os("HOME").filter(|v| !v.is_empty())?;
    Some(PathBuf::from(home).join(".local/share/crdb-cloud"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_transition_modes() {
        assert_eq!("instant".parse(), Ok(Transitions::Instant));
        assert_eq!("manual".parse(), Ok(Transitions::Manual));
        assert_eq!(
            "delay:5s".parse(),
            Ok(Transitions::Delay(Duration::from_secs(5)))
        );
        assert_eq!(
            "delay:250ms".parse(),
            Ok(Transitions::Delay(Duration::from_millis(250)))
        );
        for bad in ["", "delay", "delay:", "delay:5", "delay:xs", "soon"] {
            assert!(bad.parse::<Transitions>().is_err(), "{bad}");
        }
    }
}
