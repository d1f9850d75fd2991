//! Showing a resource: a loading line, the error in plain words, or the
//! value.

use super::ErrorNote;
use crate::api::ApiResult;
use leptos::prelude::*;

/// `view(value)` once `resource` has loaded; meanwhile `loading` (as a
/// status line), and the error in plain words if the call failed. While it
/// reloads the old view stays (a `Transition`).
pub fn loaded<T, V, F>(
    resource: LocalResource<ApiResult<T>>,
    loading: &'static str,
    view: F,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    view! {
        <Transition fallback=move || view! { <p class="loading" role="status">{loading}</p> }>
            {move || {
                let view = view.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => view(value).into_any(),
                        Err(error) => view! { <ErrorNote error=error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
