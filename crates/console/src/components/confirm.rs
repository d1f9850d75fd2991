//! A button asking "are you sure?" before a destructive action.

use leptos::html;
use leptos::prelude::*;

/// `label` first; clicked, it asks `question` with Confirm and Cancel, and
/// Confirm runs `on_confirm`; Escape cancels. Keyboard focus follows: to Cancel (the safe
/// choice) when it asks, back to the button when cancelled.
#[component]
pub fn ConfirmButton(
    #[prop(into)] label: String,
    #[prop(into)] question: String,
    #[prop(into, optional)] disabled: Signal<bool>,
    on_confirm: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    // Whether focus should come back to the first button (after Cancel).
    let returning = RwSignal::new(false);
    let on_confirm = StoredValue::new(on_confirm);
    let first = NodeRef::<html::Button>::new();
    let cancel = NodeRef::<html::Button>::new();
    Effect::new(move || {
        if asking.get() {
            if let Some(b) = cancel.get() {
                let _ = b.focus();
            }
        } else if returning.get_untracked()
            && let Some(b) = first.get()
        {
            let _ = b.focus();
        }
    });
    // Escape answers "no", as Cancel does.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && asking.get_untracked() {
            ev.prevent_default();
            returning.set(true);
            asking.set(false);
        }
    };
    view! {
        <span class="confirm" on:keydown=on_key>
            <Show
                when=move || asking.get()
                fallback={
                    let label = label.clone();
                    move || {
                        view! {
                            <button
                                type="button"
                                class="button secondary small"
                                node_ref=first
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
                        returning.set(false);
                        asking.set(false);
                        on_confirm.with_value(|f| f());
                    }
                >
                    "Confirm"
                </button>
                <button
                    type="button"
                    class="button secondary small"
                    node_ref=cancel
                    on:click=move |_| {
                        returning.set(true);
                        asking.set(false);
                    }
                >
                    "Cancel"
                </button>
            </Show>
        </span>
    }
}
