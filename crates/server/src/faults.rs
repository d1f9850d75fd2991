//! Fault injection for client tests: a share of 429/500/503 answers, or
//! added latency, on chosen operations. Set through the local admin API.

use crate::error::ApiError;
use crdb_cloud::error::code;
use serde::{Deserialize, Serialize};
use std::sync::RwLock;
use std::time::Duration;

/// One fault rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultRule {
    /// Operation ids it applies to; empty means every operation.
    #[serde(default)]
    pub operations: Vec<String>,
    /// HTTP status to answer with: 429, 500 or 503 (0 = none, latency only).
    #[serde(default)]
    pub status: u16,
    /// Share of matching requests that fail, 0.0–1.0.
    #[serde(default)]
    pub rate: f64,
    /// Added latency in milliseconds.
    #[serde(default)]
    pub latency_ms: u64,
}

/// The set of fault rules in force.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FaultSet {
    /// Rules, first match wins.
    #[serde(default)]
    pub rules: Vec<FaultRule>,
}

impl FaultSet {
    /// Checks the rules: statuses 0, 429, 500 or 503, rates within 0–1.
    pub fn validate(&self) -> Result<(), ApiError> {
        for (i, r) in self.rules.iter().enumerate() {
            if ![0, 429, 500, 503].contains(&r.status) {
                return Err(ApiError::invalid(format!(
                    "rules[{i}].status: expected 0, 429, 500 or 503, got {}",
                    r.status
                )));
            }
            if !(0.0..=1.0).contains(&r.rate) {
                return Err(ApiError::invalid(format!(
                    "rules[{i}].rate: expected 0.0-1.0, got {}",
                    r.rate
                )));
            }
        }
        Ok(())
    }
}

/// Faults in force, shared by all requests.
#[derive(Debug, Default)]
pub struct Faults {
    set: RwLock<FaultSet>,
}

/// What to do to one request.
#[derive(Debug, Default)]
pub struct Injection {
    /// Sleep first.
    pub latency: Option<Duration>,
    /// Then fail with this.
    pub error: Option<ApiError>,
}

impl Faults {
    /// Replaces the rules.
    pub fn set(&self, set: FaultSet) {
        *self.set.write().unwrap_or_else(|e| e.into_inner()) = set;
    }

    /// The rules in force.
    pub fn get(&self) -> FaultSet {
        self.set.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Decides the faults for a call of `op`.
    pub fn pick(&self, op: &str) -> Injection {
        let set = self.set.read().unwrap_or_else(|e| e.into_inner());
        let Some(rule) = set
            .rules
            .iter()
            .find(|r| r.operations.is_empty() || r.operations.iter().any(|o| o == op))
        else {
            return Injection::default();
        };
        let latency = (rule.latency_ms > 0).then(|| Duration::from_millis(rule.latency_ms));
        let error = (rule.status != 0 && fastrand::f64() < rule.rate).then(|| match rule.status {
            429 => ApiError::rate_limited(1),
            503 => ApiError {
                retry_after: Some(1),
                ..ApiError::new(code::UNAVAILABLE, "service unavailable (injected fault)")
            },
            _ => ApiError::new(code::INTERNAL, "internal error (injected fault)"),
        });
        Injection { latency, error }
    }
}
