//! The clusters list.

use super::{REFRESH, every};
use crate::api;
use crate::components::{ClusterTable, loaded};
use crate::logic::{TableQuery, needs_refresh};
use crdb_cloud::models::clusters::Cluster;
use leptos::prelude::*;
use std::sync::Arc;

/// Every cluster in a searchable, filterable, sortable table; reads the list
/// again every few seconds while a cluster is CREATING or LOCKED.
#[component]
pub fn ClustersPage() -> impl IntoView {
    // Shared, not copied: the list is read by the table and the refresh
    // check, and a thousand clusters are costly to clone.
    let clusters = LocalResource::new(|| async { api::list_clusters().await.map(Arc::new) });
    let query = RwSignal::new(TableQuery::default());
    let changing = move || clusters.with(|r| matches!(r, Some(Ok(list)) if needs_refresh(list)));
    every(REFRESH, move || {
        let busy = clusters.with_untracked(|r| matches!(r, Some(Ok(list)) if needs_refresh(list)));
        if busy {
            clusters.refetch();
        }
    });
    view! {
        <section class="page">
            <header class="page-head">
                <h1>"Clusters"</h1>
                <div class="actions">
                    <Show when=changing>
                        <span class="live" role="status">"Refreshing while clusters change…"</span>
                    </Show>
                    <button type="button" class="button secondary" on:click=move |_| clusters.refetch()>
                        "Refresh"
                    </button>
                    <a class="button" href="/clusters/new">"Create cluster"</a>
                </div>
            </header>
            {loaded(clusters, "Loading clusters…", move |list: Arc<Vec<Cluster>>| {
                view! { <ClusterTable clusters=list query=query /> }
            })}
        </section>
    }
}
