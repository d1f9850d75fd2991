//! Rate limiting per service account: a token bucket (10/s, burst 10 by
//! default), and the `X-RateLimit-*` / `Retry-After` numbers.

use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use std::num::NonZeroU32;

/// What the limiter decided for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// Whether the request may proceed.
    pub allowed: bool,
    /// Requests per second (and burst).
    pub limit: u32,
    /// Requests left in the bucket.
    pub remaining: u32,
    /// Whole seconds until the bucket is full again.
    pub reset_secs: u64,
    /// Whole seconds (≥ 1) to wait when refused.
    pub retry_after_secs: u64,
}

type Keyed =
    RateLimiter<String, DefaultKeyedStateStore<String>, DefaultClock, StateInformationMiddleware>;

/// Keyed token buckets.
pub struct Limits {
    limiter: Keyed,
    limit: u32,
    clock: DefaultClock,
}

impl Limits {
    /// `per_second` requests a second per key, bursts of the same size (0 = 1).
    pub fn new(per_second: u32) -> Self {
        let n = NonZeroU32::new(per_second).unwrap_or(NonZeroU32::MIN);
        let limiter = RateLimiter::keyed(Quota::per_second(n).allow_burst(n))
            .with_middleware::<StateInformationMiddleware>();
        Limits {
            limiter,
            limit: n.get(),
            clock: DefaultClock::default(),
        }
    }

    /// Takes one token for `key`.
    pub fn check(&self, key: &str) -> Decision {
        let key = key.to_owned();
        let per_token = 1.0 / f64::from(self.limit);
        match self.limiter.check_key(&key) {
            Ok(snapshot) => {
                let remaining = snapshot.remaining_burst_capacity();
                let missing = f64::from(self.limit - remaining.min(self.limit));
                Decision {
                    allowed: true,
                    limit: self.limit,
                    remaining,
                    reset_secs: (missing * per_token).ceil() as u64,
                    retry_after_secs: 0,
                }
            }
            Err(not_until) => {
                let wait = not_until.wait_time_from(self.clock.now());
                let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
                Decision {
                    allowed: false,
                    limit: self.limit,
                    remaining: 0,
                    reset_secs: f64::from(self.limit).mul_add(per_token, 0.0).ceil() as u64,
                    retry_after_secs: secs,
                }
            }
        }
    }

    /// The configured requests per second.
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// Forgets buckets no one used lately.
    pub fn shrink(&self) {
        self.limiter.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_refuse_per_key() {
        let limits = Limits::new(10);
        let allowed = (0..30).filter(|_| limits.check("a").allowed).count();
        assert_eq!(allowed, 10);
        let refused = limits.check("a");
        assert!(!refused.allowed);
        assert!(refused.retry_after_secs >= 1);
        let other = limits.check("b");
        assert!(other.allowed);
        assert_eq!(other.remaining, 9);
    }
}
