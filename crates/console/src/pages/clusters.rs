//! The clusters list.

use super::{REFRESH, every, set_title};
use crate::api;
use crate::components::{ClusterTable, loaded};
use crate::logic::{TableQuery, needs_refresh};
use crdb_cloud::models::clusters::{Cluster, ClusterState};
use leptos::prelude::*;
use std::sync::Arc;

/// Every cluster in a searchable, filterable, sortable table; reads the list
/// again every few seconds while a cluster is CREATING or LOCKED, and with
/// the inactive ones when the State filter picks CREATION_FAILED or DELETED.
#[component]
pub fn ClustersPage() -> impl IntoView {
    // Shared, not copied: the list is read by the table and the refresh
    // check, and a thousand clusters are costly to clone.
    set_title("Clusters");
    let query = RwSignal::new(TableQuery::default());
    // Failed and deleted clusters are listed only when the State filter
    // asks for one of them (`show_inactive`).
    let inactive = Memo::new(move |_| query.with(|q| q.state.as_ref().is_some_and(is_inactive)));
    let clusters = LocalResource::new(move || {
        let inactive = inactive.get();
        async move { api::list_clusters(inactive).await.map(Arc::new) }
    });
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

/// States the list shows only when asked (`show_inactive`).
fn is_inactive(state: &ClusterState) -> bool {
    matches!(state, ClusterState::CreationFailed | ClusterState::Deleted)
}
