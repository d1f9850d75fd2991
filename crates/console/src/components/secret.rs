//! A secret the API shows once (a generated SQL password, an API key).

use super::CopyButton;
use leptos::prelude::*;

/// Shows `secret` with a copy button and a warning that it will not be
/// shown again; `on_done` hides it.
#[component]
pub fn SecretOnce(
    /// What the secret is, e.g. "Password for maxroach".
    #[prop(into)]
    title: String,
    secret: String,
    on_done: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let text = Signal::derive({
        let secret = secret.clone();
        move || secret.clone()
    });
    let (region, heading) = (title.clone(), title.clone());
    view! {
        <div class="secret" role="region" aria-label=region>
            <h3>{heading}</h3>
            <p>"Copy it now: it is shown only once and cannot be read again."</p>
            <div class="copy-row">
                <input type="text" class="secret-value" readonly prop:value=secret aria-label=title />
                <CopyButton text=text label="Copy the secret" />
            </div>
            <button type="button" class="button secondary" on:click=move |_| on_done()>
                "I have copied it"
            </button>
        </div>
    }
}
