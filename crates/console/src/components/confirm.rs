//! A button asking "are you sure?" before a destructive action.

use leptos::prelude::*;

/// `label` first; clicked, it asks `question` with Confirm and Cancel, and
/// Confirm runs `on_confirm`.
#[component]
pub fn ConfirmButton(
    #[prop(into)] label: String,
    #[prop(into)] question: String,
    #[prop(into, optional)] disabled: Signal<bool>,
    on_confirm: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let on_confirm = StoredValue::new(on_confirm);
    view! {
        <span class="confirm">
            <Show
                when=move || asking.get()
                fallback={
                    let label = label.clone();
                    move || {
                        view! {
                            <button
                                type="button"
                                class="button secondary small"
                                disabled=move || disabled.get()
                                on:click=move |_| asking.set(true)
                            >
                                {label.clone()}
                            </button>
                        }
                    }
                }
            >
                <span class="confirm-question" role="alert">{question.clone()}</span>
                <button
                    type="button"
                    class="button danger small"
                    on:click=move |_| {
                        asking.set(false);
                        on_confirm.with_value(|f| f());
                    }
                >
                    "Confirm"
                </button>
                <button type="button" class="button secondary small" on:click=move |_| asking.set(false)>
                    "Cancel"
                </button>
            </Show>
        </span>
    }
}
