//! One user action in flight: whether it runs and how it failed.

use super::ErrorNote;
use crate::api::ApiResult;
use crate::logic::ConsoleError;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// The state of a form's action: `busy` while the call runs, `failure`
/// when it failed. Copy it into event handlers.
#[derive(Debug, Clone, Copy)]
pub struct Pending {
    /// True while the call runs (buttons disable themselves).
    pub busy: RwSignal<bool>,
    /// The last failure, in plain words.
    pub failure: RwSignal<Option<ConsoleError>>,
}

impl Default for Pending {
    fn default() -> Self {
        Self::new()
    }
}

impl Pending {
    /// Nothing running, nothing failed.
    pub fn new() -> Self {
        Pending {
            busy: RwSignal::new(false),
            failure: RwSignal::new(None),
        }
    }

    /// Runs `call` unless one is running; `done` gets its value, a failure
    /// is kept for [`Pending::error`] to show.
    pub fn run<T: 'static>(
        self,
        call: impl Future<Output = ApiResult<T>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        self.start(Box::pin(async move { call.await.map(done) }));
    }

    /// The part of [`Pending::run`] that does not depend on the call's type,
    /// kept apart so the wasm holds it once rather than once per call site.
    fn start(self, call: Pin<Box<dyn Future<Output = ApiResult<()>>>>) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.failure.set(None);
        leptos::task::spawn_local(async move {
            let result = call.await;
            // The call's `done` may have left the page, disposing these.
            self.busy.try_set(false);
            if let Err(error) = result {
                self.failure.try_set(Some(error));
            }
        });
    }

    /// Shows a local problem (bad input) the same way as an API error.
    pub fn refuse(self, message: impl Into<String>) {
        self.failure.set(Some(ConsoleError::local(message)));
    }

    /// The failure, if any, in plain words.
    pub fn error(self) -> impl IntoView {
        move || self.failure.get().map(|e| view! { <ErrorNote error=e /> })
    }

    /// `idle` normally, "Working…" while the call runs.
    pub fn label(self, idle: &'static str) -> impl Fn() -> &'static str + Copy {
        move || if self.busy.get() { "Working…" } else { idle }
    }
}
