//! Sign-in: an API key and the server it is for.

use crate::api;
use crate::app::{SessionCtx, SignedIn};
use crate::components::ErrorNote;
use crate::logic::ConsoleError;
use crate::session::{self, Credentials};
use leptos::prelude::*;

/// The sign-in form. The key is checked with GetOrganizationInfo before it is
/// kept (a 403 there still proves the key); it is kept in memory, and in this tab's sessionStorage only if asked.
#[component]
pub fn SignIn() -> impl IntoView {
    let ctx = expect_context::<SessionCtx>();
    let key = RwSignal::new(String::new());
    let server = RwSignal::new(api::same_origin());
    let remember = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ConsoleError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let credentials = Credentials {
            api_key: key.get_untracked().trim().to_owned(),
            server_url: server
                .get_untracked()
                .trim()
                .trim_end_matches('/')
                .to_owned(),
        };
        if credentials.api_key.is_empty() {
            failure.set(Some(ConsoleError::local("Paste an API key.")));
            return;
        }
        if let Err(e) = api::connect(&credentials) {
            failure.set(Some(e));
            return;
        }
        busy.set(true);
        failure.set(None);
        let remember = remember.get_untracked();
        leptos::task::spawn_local(async move {
            // A key whose roles do not include reading the organization
            // (403, not 401) is a valid key: sign in, and let each view say
            // what the key may not see.
            let org = match api::organization().await {
                Ok(org) => Ok((org.name, false)),
                Err(e) if e.is_permission_denied() => Ok((String::new(), true)),
                Err(e) => Err(e),
            };
            match org {
                Ok((org_name, org_hidden)) => {
                    session::save(&credentials, remember);
                    key.set(String::new());
                    ctx.notice.set(None);
                    ctx.user.set(Some(SignedIn {
                        server_url: credentials.server_url.clone(),
                        org_name,
                        remembered: remember,
                        org_hidden,
                    }));
                }
                Err(e) => {
                    api::disconnect();
                    failure.set(Some(e));
                }
            }
            busy.set(false);
        });
    };
    view! {
        <main class="sign-in" id="main">
            <form novalidate class="card" method="post" on:submit=submit aria-labelledby="sign-in-title">
                <h1 id="sign-in-title">"Sign in to the Cloud Console"</h1>
                <p class="hint">
                    "Use a service account's API key. "
                    "With ./scripts/run.sh the key is printed when the server starts."
                </p>
                <div class="field">
                    <label for="api-key">"API key"</label>
                    <input
                        id="api-key"
                        name="api-key"
                        type="password"
                        autocomplete="off"
                        spellcheck="false"
                        required
                        prop:value=move || key.get()
                        on:input=move |ev| key.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="server-url">"Server URL"</label>
                    <input
                        id="server-url"
                        name="server-url"
                        type="url"
                        required
                        prop:value=move || server.get()
                        on:input=move |ev| server.set(event_target_value(&ev))
                    />
                    <p class="hint">"This console's own server by default."</p>
                </div>
                <div class="field check">
                    <input
                        id="remember"
                        type="checkbox"
                        prop:checked=move || remember.get()
                        on:change=move |ev| remember.set(event_target_checked(&ev))
                    />
                    <label for="remember">"Remember in this tab (until the tab is closed)"</label>
                </div>
                {move || ctx.notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
                {move || failure.get().map(|e| view! { <ErrorNote error=e /> })}
                <button type="submit" class="button" disabled=move || busy.get()>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </main>
    }
}
