//! The little the SDK needs from its runtime: sleeping and a monotonic clock,
//! from tokio natively and from the JavaScript host on wasm32.

use std::time::Duration;

/// Sleep for `d` without blocking the thread.
#[cfg(not(target_arch = "wasm32"))]
pub async fn sleep(d: Duration) {
    tokio::time::sleep(d).await;
}

/// Sleep for `d` without blocking the thread.
#[cfg(target_arch = "wasm32")]
pub async fn sleep(d: Duration) {
    let millis = u32::try_from(d.as_millis()).unwrap_or(u32::MAX);
    gloo_timers::future::TimeoutFuture::new(millis).await;
}

/// Milliseconds on a clock that never goes backwards (its origin is arbitrary).
#[cfg(not(target_arch = "wasm32"))]
pub fn now_millis() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// Milliseconds on a clock that never goes backwards (its origin is arbitrary).
#[cfg(target_arch = "wasm32")]
pub fn now_millis() -> f64 {
    // Date.now exists in every JS host; keep it monotonic against clock steps.
    use std::cell::Cell;
    thread_local!(static LAST: Cell<f64> = const { Cell::new(0.0) });
    let now = js_sys::Date::now();
    LAST.with(|last| {
        let t = now.max(last.get());
        last.set(t);
        t
    })
}

/// A uniform sample from `[0, 1)`, for jitter.
pub fn random_unit() -> f64 {
    fastrand::f64()
}
