//! Showing a resource: a loading line, the error in plain words, or the
//! value.

use super::ErrorNote;
use crate::api::ApiResult;
use leptos::prelude::*;

/// `view(value)` once `resource` has loaded; before that `loading` (as a
/// status line), and the error in plain words if the call failed. While it
/// reloads the old view stays.
///
/// Reads the resource directly rather than through `Suspense`: each
/// `Suspend` future is its own copy of the async machinery in the wasm,
/// and this helper has many callers.
pub fn loaded<T, V, F>(
    resource: LocalResource<ApiResult<T>>,
    loading: &'static str,
    view: F,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
{
    move || match resource.get() {
        None => view! { <p class="loading" role="status">{loading}</p> }.into_any(),
        Some(Ok(value)) => view(value).into_any(),
        Some(Err(error)) => view! { <ErrorNote error=error /> }.into_any(),
    }
}
