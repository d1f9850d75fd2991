//! The Capacity tab: scale the cluster (usage limits on Basic, provisioned
//! vCPUs on Standard, nodes, machine size and storage on Advanced).

use super::ClusterCtx;
use crate::api;
use crate::components::{CapacityFields, Pending};
use crate::forms::capacity::{draft_from, scale_request};
use crdb_cloud::models::clusters::ClusterState;
use leptos::prelude::*;

/// The scale form, filled with the cluster's capacity now.
#[component]
pub fn CapacityTab(ctx: ClusterCtx) -> impl IntoView {
    let draft = RwSignal::new(draft_from(&ctx.cluster.get_untracked()));
    let pending = Pending::new();
    let saved = RwSignal::new(false);
    let locked = move || ctx.cluster.with(|c| c.state != ClusterState::Created);
    let problem = Memo::new(move |_| draft.with(|d| d.capacity_error()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        if let Some(p) = problem.get_untracked() {
            pending.refuse(p);
            return;
        }
        let (id, body) = (ctx.id(), scale_request(&draft.get_untracked()));
        pending.run(
            async move { api::call(|c| async move { c.update_cluster(&id, &body).await }).await },
            move |_| {
                saved.set(true);
                ctx.reload.run(());
            },
        );
    };
    view! {
        <form novalidate class="card" on:submit=submit aria-labelledby="capacity-title">
            <h2 id="capacity-title">"Scale"</h2>
            <CapacityFields draft=draft />
            // A number field explains its own problem.
            <p class="hint invalid" aria-live="polite">
                {move || draft.with(|d| d.field_errors.is_empty()).then(|| problem.get()).flatten()}
            </p>
            <Show when=locked>
                <p class="notice">"The cluster is busy; it can be scaled once it is CREATED again."</p>
            </Show>
            {pending.error()}
            <Show when=move || saved.get()>
                <p class="hint valid" role="status">"Saved. The cluster is applying the new capacity."</p>
            </Show>
            <button
                type="submit"
                class="button"
                disabled=move || pending.busy.get() || problem.with(Option::is_some) || locked()
            >
                {pending.label("Apply")}
            </button>
        </form>
    }
}
