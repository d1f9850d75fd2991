//! Waiters: poll a resource until it settles, with an interval, a timeout
//! and cancellation, on wasm32 and natively alike.

use crate::error::{Error, Result};
use crate::runtime::{now_millis, sleep};
use futures_util::future::{Either, select};
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// How a waiter polls.
#[derive(Debug, Clone)]
pub struct WaitOptions {
    /// Time between polls (default 5 s).
    pub interval: Duration,
    /// Give up after this long (default 1 h, as cluster creation may take).
    pub timeout: Duration,
    /// Stop early when this token is cancelled. Dropping the waiter's future
    /// stops it too.
    pub cancel: Option<CancelToken>,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            interval: Duration::from_secs(5),
            timeout: Duration::from_secs(3600),
            cancel: None,
        }
    }
}

impl WaitOptions {
    /// Poll every `interval`, for at most `timeout`.
    pub fn new(interval: Duration, timeout: Duration) -> Self {
        WaitOptions {
            interval,
            timeout,
            cancel: None,
        }
    }

    /// Stop when `token` is cancelled.
    pub fn cancel_with(mut self, token: CancelToken) -> Self {
        self.cancel = Some(token);
        self
    }
}

/// A cancellation flag that any clone can raise, waking every waiter.
#[derive(Debug, Clone, Default)]
pub struct CancelToken {
    state: Arc<CancelState>,
}

#[derive(Debug, Default)]
struct CancelState {
    cancelled: AtomicBool,
    wakers: Mutex<Vec<Waker>>,
}

impl CancelToken {
    /// A token not yet cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancel: every wait using this token ends with [`Error::Cancelled`].
    pub fn cancel(&self) {
        self.state.cancelled.store(true, Ordering::SeqCst);
        let wakers =
            std::mem::take(&mut *self.state.wakers.lock().unwrap_or_else(|p| p.into_inner()));
        wakers.into_iter().for_each(Waker::wake);
    }

    /// Whether [`CancelToken::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.state.cancelled.load(Ordering::SeqCst)
    }

    /// Resolves once the token is cancelled.
    pub fn cancelled(&self) -> Cancelled<'_> {
        Cancelled { token: self }
    }
}

/// Future returned by [`CancelToken::cancelled`].
#[derive(Debug)]
pub struct Cancelled<'a> {
    token: &'a CancelToken,
}

impl Future for Cancelled<'_> {
    type Output = ();

    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.token.is_cancelled() {
            return Poll::Ready(());
        }
        {
            let mut wakers = self
                .token
                .state
                .wakers
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            if !wakers.iter().any(|w| w.will_wake(cx.waker())) {
                wakers.push(cx.waker().clone());
            }
        }
        // Cancelled between the first check and registering: don't miss it.
        if self.token.is_cancelled() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

/// What a waiter makes of one observation.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// The wanted state was reached.
    Done,
    /// Still moving; the state seen.
    Pending(String),
    /// A state the wanted one cannot follow.
    Failed {
        /// The state seen.
        state: String,
        /// Detail for people.
        message: String,
    },
}

/// Errors a waiter rides out by polling again: the service may be busy or
/// briefly unreachable while a long operation runs.
fn transient(err: &Error) -> bool {
    match err {
        Error::Transport(_) | Error::Timeout(_) | Error::RateLimited { .. } => true,
        Error::Api(e) => e.status >= 500,
        _ => false,
    }
}

/// Runs `work` unless the token is cancelled first.
async fn unless_cancelled<T>(
    cancel: Option<&CancelToken>,
    work: impl Future<Output = T>,
) -> Result<T> {
    match cancel {
        None => Ok(work.await),
        Some(token) => match select(pin!(work), pin!(token.cancelled())).await {
            Either::Left((value, _)) => Ok(value),
            Either::Right(_) => Err(Error::Cancelled),
        },
    }
}

/// Polls `fetch` until `judge` says the resource is done or failed, the
/// timeout passes, or the wait is cancelled.
pub async fn poll_until<T, F, Fut>(
    resource: &'static str,
    options: &WaitOptions,
    mut fetch: F,
    judge: impl Fn(&T) -> Progress,
) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let started = now_millis();
    let cancel = options.cancel.as_ref();
    let mut last_state;
    loop {
        if cancel.is_some_and(CancelToken::is_cancelled) {
            return Err(Error::Cancelled);
        }
        match unless_cancelled(cancel, fetch()).await? {
            Ok(value) => match judge(&value) {
                Progress::Done => return Ok(value),
                Progress::Failed { state, message } => {
                    return Err(Error::Failed {
                        resource,
                        state,
                        message,
                    });
                }
                Progress::Pending(state) => last_state = state,
            },
            Err(e) if transient(&e) => last_state = format!("unreachable ({e})"),
            Err(e) => return Err(e),
        }
        let waited = Duration::from_secs_f64((now_millis() - started).max(0.0) / 1000.0);
        let Some(remaining) = options.timeout.checked_sub(waited).filter(|r| !r.is_zero()) else {
            return Err(Error::WaitTimeout { waited, last_state });
        };
        unless_cancelled(cancel, sleep(options.interval.min(remaining))).await?;
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::error::ApiError;
    use std::sync::atomic::AtomicU32;

    fn fast() -> WaitOptions {
        WaitOptions::new(Duration::from_millis(5), Duration::from_secs(5))
    }

    #[tokio::test]
    async fn returns_once_done() {
        let calls = AtomicU32::new(0);
        let got = poll_until(
            "thing",
            &fast(),
            || async { Ok(calls.fetch_add(1, Ordering::SeqCst) + 1) },
            |n| {
                if *n >= 3 {
                    Progress::Done
                } else {
                    Progress::Pending(format!("step {n}"))
                }
            },
        )
        .await
        .unwrap();
        assert_eq!(got, 3);
    }

    #[tokio::test]
    async fn fails_at_once_on_a_failed_state() {
        let err = poll_until(
            "cluster",
            &fast(),
            || async { Ok(()) },
            |_| Progress::Failed {
                state: "CREATION_FAILED".into(),
                message: "quota".into(),
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, Error::Failed { resource: "cluster", ref state, .. } if state == "CREATION_FAILED"),
            "{err}"
        );
    }

    #[tokio::test]
    async fn times_out_with_the_last_state() {
        let opts = WaitOptions::new(Duration::from_millis(10), Duration::from_millis(50));
        let err = poll_until(
            "cluster",
            &opts,
            || async { Ok(()) },
            |_| Progress::Pending("CREATING".into()),
        )
        .await
        .unwrap_err();
        match err {
            Error::WaitTimeout { last_state, waited } => {
                assert_eq!(last_state, "CREATING");
                assert!(waited >= Duration::from_millis(40), "{waited:?}");
            }
            other => panic!("unexpected {other}"),
        }
    }

    #[tokio::test]
    async fn cancellation_ends_a_sleeping_wait() {
        let token = CancelToken::new();
        let opts = WaitOptions::new(Duration::from_secs(60), Duration::from_secs(600))
            .cancel_with(token.clone());
        let t = token.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(20)).await;
            t.cancel();
        });
        let started = std::time::Instant::now();
        let err = poll_until(
            "cluster",
            &opts,
            || async { Ok(()) },
            |_| Progress::Pending("CREATING".into()),
        )
        .await
        .unwrap_err();
        assert!(matches!(err, Error::Cancelled));
        assert!(started.elapsed() < Duration::from_secs(30));
    }

    #[tokio::test]
    async fn rides_out_server_errors_but_not_client_errors() {
        let calls = AtomicU32::new(0);
        let got = poll_until(
            "x",
            &fast(),
            || async {
                if calls.fetch_add(1, Ordering::SeqCst) == 0 {
                    Err(Error::Api(ApiError {
                        status: 503,
                        code: 14,
                        message: "busy".into(),
                        details: vec![],
                    }))
                } else {
                    Ok(1)
                }
            },
            |_| Progress::Done,
        )
        .await
        .unwrap();
        assert_eq!(got, 1);
        let err = poll_until(
            "x",
            &fast(),
            || async {
                Err::<(), _>(Error::Api(ApiError {
                    status: 404,
                    code: 5,
                    message: "gone".into(),
                    details: vec![],
                }))
            },
            |_| Progress::Done,
        )
        .await
        .unwrap_err();
        assert!(err.is_not_found());
    }
}
