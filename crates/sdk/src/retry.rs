//! Retry policy as data, and the client-side token bucket.
//!
//! A 429 means nothing was done, so every method is retried after the
//! server's `Retry-After`. 5xx answers and lost connections are retried only
//! for GET, since a write may have happened. No delay before a first attempt.

use crate::operation::Method;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How many times and how long to retry.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after a 429 (any method). 0 disables them.
    pub max_rate_limit_retries: u32,
    /// Retries of a GET after a 5xx, a timeout or a lost connection.
    pub max_retries: u32,
    /// First backoff step for 5xx and connection retries.
    pub base_delay: Duration,
    /// Ceiling of any single backoff, `Retry-After` included.
    pub max_delay: Duration,
    /// Most jitter added on top of `Retry-After`.
    pub rate_limit_jitter: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_rate_limit_retries: 3,
            max_retries: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(30),
            rate_limit_jitter: Duration::from_millis(250),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_rate_limit_retries: 0,
            max_retries: 0,
            ..Self::default()
        }
    }
}

/// What came of one attempt, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// A 2xx, or an error answer retrying cannot change (4xx other than 429).
    Final,
    /// HTTP 429 with the server's `Retry-After`.
    RateLimited(Duration),
    /// HTTP 5xx.
    ServerError,
    /// No answer: timeout or connection failure.
    NoAnswer,
}

/// A retry the client is about to make, as told to
/// [`ClientBuilder::on_retry`](crate::ClientBuilder::on_retry) (e.g. to show
/// "the API is busy, retrying in 2 s").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryNotice {
    /// Why the last attempt is retried.
    pub outcome: Outcome,
    /// How long the client waits before the next attempt.
    pub delay: Duration,
    /// Which retry this is (1 for the first).
    pub attempt: u32,
}

/// Whether to try again, and after how long.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decision {
    /// Stop and report the outcome.
    Stop,
    /// Try again after this delay.
    Retry(Duration),
}

/// Retries made so far, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attempts {
    /// Retries after 429.
    pub rate_limited: u32,
    /// Retries after 5xx or no answer.
    pub failed: u32,
}

impl RetryPolicy {
    /// Decide after an attempt. `unit` is a uniform sample from `[0, 1)` for
    /// jitter (passed in so the decision is a pure function).
    pub fn decide(
        &self,
        method: Method,
        outcome: Outcome,
        attempts: &mut Attempts,
        unit: f64,
    ) -> Decision {
        match outcome {
            Outcome::Final => Decision::Stop,
            Outcome::RateLimited(retry_after) => {
                if attempts.rate_limited >= self.max_rate_limit_retries {
                    return Decision::Stop;
                }
                attempts.rate_limited += 1;
                let jitter = self.rate_limit_jitter.mul_f64(unit);
                Decision::Retry((retry_after + jitter).min(self.max_delay.max(retry_after)))
            }
            Outcome::ServerError | Outcome::NoAnswer => {
                if method != Method::Get || attempts.failed >= self.max_retries {
                    return Decision::Stop;
                }
                // Full jitter: uniform in [0, min(max, base * 2^n)].
                let exp = 2u32.saturating_pow(attempts.failed);
                let cap = self.base_delay.saturating_mul(exp).min(self.max_delay);
                attempts.failed += 1;
                Decision::Retry(cap.mul_f64(unit))
            }
        }
    }
}

/// A token bucket shared by a client and its clones, keeping a busy program
/// under the API's rate limit before the server has to say 429.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    state: Arc<Mutex<Bucket>>,
}

#[derive(Debug)]
struct Bucket {
    per_second: f64,
    burst: f64,
    tokens: f64,
    updated_ms: f64,
}

impl RateLimiter {
    /// `per_second` requests a second on average, bursts of up to `burst`.
    /// Non-positive or non-finite rates are raised to one per minute.
    pub fn new(per_second: f64, burst: u32) -> Self {
        let per_second = if per_second.is_finite() && per_second > 0.0 {
            per_second
        } else {
            1.0 / 60.0
        };
        let burst = f64::from(burst.max(1));
        RateLimiter {
            state: Arc::new(Mutex::new(Bucket {
                per_second,
                burst,
                tokens: burst,
                updated_ms: crate::runtime::now_millis(),
            })),
        }
    }

    /// Take a token, returning how long the caller must wait before it may
    /// send. Tokens may go negative: each caller reserves its own slot.
    pub fn reserve_at(&self, now_ms: f64) -> Duration {
        // A poisoned lock only means another thread panicked mid-update; the
        // numbers are still usable.
        let mut b = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let elapsed = (now_ms - b.updated_ms).max(0.0) / 1000.0;
        b.tokens = (b.tokens + elapsed * b.per_second).min(b.burst);
        b.updated_ms = now_ms.max(b.updated_ms);
        b.tokens -= 1.0;
        if b.tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-b.tokens / b.per_second)
        }
    }

    /// Wait until a request may be sent.
    pub async fn acquire(&self) {
        let wait = self.reserve_at(crate::runtime::now_millis());
        if !wait.is_zero() {
            crate::runtime::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    #[test]
    fn retry_decisions_follow_the_table() {
        let p = RetryPolicy::default();
        struct Case {
            name: &'static str,
            method: Method,
            outcome: Outcome,
            before: Attempts,
            unit: f64,
            want: Decision,
        }
        let cases = [
            Case {
                name: "success stops",
                method: Method::Get,
                outcome: Outcome::Final,
                before: Attempts::default(),
                unit: 0.5,
                want: Decision::Stop,
            },
            Case {
                name: "429 on POST waits Retry-After",
                method: Method::Post,
                outcome: Outcome::RateLimited(secs(2.0)),
                before: Attempts::default(),
                unit: 0.0,
                want: Decision::Retry(secs(2.0)),
            },
            Case {
                name: "429 adds jitter",
                method: Method::Delete,
                outcome: Outcome::RateLimited(secs(1.0)),
                before: Attempts::default(),
                unit: 0.5,
                want: Decision::Retry(secs(1.125)),
            },
            Case {
                name: "429 gives up after the budget",
                method: Method::Get,
                outcome: Outcome::RateLimited(secs(1.0)),
                before: Attempts {
                    rate_limited: 3,
                    failed: 0,
                },
                unit: 0.0,
                want: Decision::Stop,
            },
            Case {
                name: "503 on GET retries with full jitter",
                method: Method::Get,
                outcome: Outcome::ServerError,
                before: Attempts::default(),
                unit: 0.5,
                want: Decision::Retry(Duration::from_millis(100)),
            },
            Case {
                name: "backoff doubles",
                method: Method::Get,
                outcome: Outcome::ServerError,
                before: Attempts {
                    rate_limited: 0,
                    failed: 2,
                },
                unit: 0.5,
                want: Decision::Retry(Duration::from_millis(400)),
            },
            Case {
                name: "503 on POST is not retried",
                method: Method::Post,
                outcome: Outcome::ServerError,
                before: Attempts::default(),
                unit: 0.5,
                want: Decision::Stop,
            },
            Case {
                name: "lost connection on PATCH is not retried",
                method: Method::Patch,
                outcome: Outcome::NoAnswer,
                before: Attempts::default(),
                unit: 0.5,
                want: Decision::Stop,
            },
            Case {
                name: "lost connection on GET is retried",
                method: Method::Get,
                outcome: Outcome::NoAnswer,
                before: Attempts::default(),
                unit: 0.0,
                want: Decision::Retry(Duration::ZERO),
            },
            Case {
                name: "GET gives up after the budget",
                method: Method::Get,
                outcome: Outcome::ServerError,
                before: Attempts {
                    rate_limited: 0,
                    failed: 3,
                },
                unit: 0.5,
                want: Decision::Stop,
            },
        ];
        for c in cases {
            let mut attempts = c.before;
            assert_eq!(
                p.decide(c.method, c.outcome, &mut attempts, c.unit),
                c.want,
                "{}",
                c.name
            );
        }
    }

    #[test]
    fn backoff_never_exceeds_max_delay() {
        let p = RetryPolicy {
            max_retries: 100,
            ..RetryPolicy::default()
        };
        let mut a = Attempts {
            rate_limited: 0,
            failed: 40,
        };
        match p.decide(Method::Get, Outcome::ServerError, &mut a, 0.999) {
            Decision::Retry(d) => assert!(d <= p.max_delay),
            Decision::Stop => panic!("should retry"),
        }
    }

    #[test]
    fn none_policy_never_retries() {
        let p = RetryPolicy::none();
        let mut a = Attempts::default();
        assert_eq!(
            p.decide(Method::Get, Outcome::RateLimited(secs(1.0)), &mut a, 0.0),
            Decision::Stop
        );
        assert_eq!(
            p.decide(Method::Get, Outcome::ServerError, &mut a, 0.0),
            Decision::Stop
        );
    }

    #[test]
    fn bucket_allows_the_burst_then_spaces_requests() {
        let l = RateLimiter::new(10.0, 10);
        let t0 = l.state.lock().unwrap().updated_ms;
        for _ in 0..10 {
            assert_eq!(l.reserve_at(t0), Duration::ZERO);
        }
        let wait = l.reserve_at(t0);
        assert!((wait.as_secs_f64() - 0.1).abs() < 1e-9, "{wait:?}");
        let wait = l.reserve_at(t0);
        assert!((wait.as_secs_f64() - 0.2).abs() < 1e-9, "{wait:?}");
        // After a quiet second the bucket has refilled (minus what was reserved).
        assert_eq!(l.reserve_at(t0 + 1200.0), Duration::ZERO);
    }

    #[test]
    fn clones_share_one_bucket() {
        let a = RateLimiter::new(1.0, 1);
        let b = a.clone();
        let t0 = a.state.lock().unwrap().updated_ms;
        assert_eq!(a.reserve_at(t0), Duration::ZERO);
        assert!(b.reserve_at(t0) > Duration::ZERO);
    }
}
