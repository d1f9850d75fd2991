//! The Delete tab: the delete-protection switch, and deleting once the
//! cluster's name is typed.

use super::ClusterCtx;
use crate::api;
use crate::components::ErrorNote;
use crate::logic::ConsoleError;
use crdb_cloud::models::clusters::DeleteProtectionState;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Delete protection, and deleting once the name is typed.
#[component]
pub fn DeleteTab(ctx: ClusterCtx) -> impl IntoView {
    let cluster = ctx.cluster.get_untracked();
    let protected =
        RwSignal::new(cluster.delete_protection == Some(DeleteProtectionState::Enabled));
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ConsoleError>);
    let typed = RwSignal::new(String::new());
    let navigate = use_navigate();
    let id = StoredValue::new(cluster.id.clone());
    let name = StoredValue::new(cluster.name.clone());
    let toggle = move |_| {
        let want = !protected.get_untracked();
        busy.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            match api::set_delete_protection(&id.get_value(), want).await {
                Ok(c) => {
                    protected.set(c.delete_protection == Some(DeleteProtectionState::Enabled));
                    ctx.reload.run(());
                }
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let can_delete =
        move || !protected.get() && !busy.get() && typed.with(|t| t.trim() == name.get_value());
    let delete = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !can_delete() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::delete_cluster(&id.get_value()).await {
                Ok(_) => navigate("/clusters", Default::default()),
                Err(e) => {
                    failure.set(Some(e));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="protect-title">
            <h2 id="protect-title">"Delete protection"</h2>
            <p>"While delete protection is on, the cluster cannot be deleted."</p>
            <div class="switch-row">
                <button
                    type="button"
                    role="switch"
                    id="delete-protection"
                    class="switch"
                    aria-checked=move || if protected.get() { "true" } else { "false" }
                    disabled=move || busy.get()
                    on:click=toggle
                >
                    <span class="knob" aria-hidden="true"></span>
                </button>
                <label for="delete-protection">
                    {move || if protected.get() { "Delete protection is on" } else { "Delete protection is off" }}
                </label>
            </div>
        </section>
        <form novalidate class="card danger" method="post" on:submit=delete aria-labelledby="delete-title">
            <h2 id="delete-title">"Delete this cluster"</h2>
            <p>"Deleting removes the cluster and all its data. This cannot be undone."</p>
            <div class="field">
                <label for="confirm-name">
                    "Type " <strong>{name.get_value()}</strong> " to confirm"
                </label>
                <input
                    id="confirm-name"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
            </div>
            <Show when=move || protected.get()>
                <p class="hint">"Turn delete protection off first."</p>
            </Show>
            {move || failure.get().map(|e| view! { <ErrorNote error=e /> })}
            <button type="submit" class="button danger" disabled=move || !can_delete()>
                {move || if busy.get() { "Working…" } else { "Delete cluster" }}
            </button>
        </form>
    }
}
