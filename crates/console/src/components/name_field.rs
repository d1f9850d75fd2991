//! The cluster-name field with live validation.

use crate::logic::validate_cluster_name;
use leptos::prelude::*;

/// A text field for a cluster name, saying as you type what is wrong.
#[component]
pub fn NameField(value: RwSignal<String>) -> impl IntoView {
    let verdict = Memo::new(move |_| value.with(|v| validate_cluster_name(v)));
    let touched = RwSignal::new(false);
    view! {
        <div class="field">
            <label for="cluster-name">"Cluster name"</label>
            <input
                id="cluster-name"
                name="cluster-name"
                type="text"
                autocomplete="off"
                spellcheck="false"
                maxlength="40"
                aria-describedby="cluster-name-hint"
                aria-invalid=move || if touched.get() && verdict.get().is_err() { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=move |ev| {
                    touched.set(true);
                    value.set(event_target_value(&ev));
                }
            />
            <p
                id="cluster-name-hint"
                class="hint"
                class:invalid=move || touched.get() && verdict.get().is_err()
                class:valid=move || verdict.get().is_ok()
                aria-live="polite"
            >
                {move || match verdict.get() {
                    Ok(()) => "✓ Valid name.".to_owned(),
                    Err(e) if touched.get() => e,
                    Err(_) => "6–20 lowercase letters, digits or dashes; no dash at either end.".to_owned(),
                }}
            </p>
        </div>
    }
}
