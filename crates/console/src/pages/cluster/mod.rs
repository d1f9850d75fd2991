//! One cluster: a header and tabs, each a route `/clusters/:id/:tab`.
//!
//! The header follows the cluster (re-read every two seconds while it is
//! CREATING or LOCKED); a tab is built once per visit, so a form being
//! filled in, or a secret shown once, survives those refreshes.

mod backups;
mod capacity;
mod databases;
mod delete;
mod maintenance;
mod overview;
mod security;
mod sql_users;

use super::{REFRESH, every};
use crate::api;
use crate::components::{StateBadge, TabBar, loaded};
use crate::logic::needs_refresh;
use crdb_cloud::models::clusters::Cluster;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The tabs of a cluster: (route segment, label). Add new tabs here and in
/// [`tab_view`].
pub const TABS: &[(&str, &str)] = &[
    ("overview", "Overview"),
    ("capacity", "Capacity"),
    ("sql-users", "SQL users"),
    ("databases", "Databases"),
    ("backups", "Backup and restore"),
    ("security", "Security"),
    ("maintenance", "Maintenance"),
    ("delete", "Delete"),
];

/// What a tab gets: the cluster as last read, and a way to read it again
/// after changing it.
#[derive(Clone, Copy)]
pub struct ClusterCtx {
    /// The cluster's id (from the URL).
    pub id: Memo<String>,
    /// The cluster as last read.
    pub cluster: Signal<Cluster>,
    /// Reads the cluster again (after a change).
    pub reload: Callback<()>,
}

impl ClusterCtx {
    /// The id, for a call.
    pub fn id(&self) -> String {
        self.id.get_untracked()
    }
}

/// The cluster page with its tab bar.
#[component]
pub fn ClusterPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let tab = Memo::new(move |_| {
        params.with(|p| {
            p.get("tab")
                .filter(|t| TABS.iter().any(|(seg, _)| seg == t))
                .unwrap_or_else(|| "overview".into())
        })
    });
    let cluster = LocalResource::new(move || {
        let id = id.get();
        async move { api::get_cluster(&id).await }
    });
    every(REFRESH, move || {
        let busy = cluster
            .get_untracked()
            .is_some_and(|r| r.is_ok_and(|c| needs_refresh(std::slice::from_ref(&c))));
        if busy {
            cluster.refetch();
        }
    });
    let current = Memo::new(move |_| cluster.get().and_then(Result::ok));
    let ready = Memo::new(move |_| current.with(|c| c.as_ref().map(|c| c.id.clone())));
    let ctx = ClusterCtx {
        id,
        cluster: Signal::derive(move || current.get().unwrap_or_default()),
        reload: Callback::new(move |()| cluster.refetch()),
    };
    let tabs = Signal::derive(move || {
        let (id, tab) = (id.get(), tab.get());
        TABS.iter()
            .map(|(seg, label)| {
                let href = if *seg == "overview" {
                    format!("/clusters/{id}")
                } else {
                    format!("/clusters/{id}/{seg}")
                };
                (*label, href, tab == *seg)
            })
            .collect::<Vec<_>>()
    });

    view! {
        <section class="page">
            <nav class="crumbs" aria-label="Breadcrumb">
                <a href="/clusters">"Clusters"</a>
                <span aria-hidden="true">" / "</span>
                <span>{move || current.get().map(|c| c.name).unwrap_or_else(|| id.get())}</span>
            </nav>
            {loaded(cluster, "Loading the cluster…", |c: Cluster| {
                view! {
                    <header class="page-head">
                        <h1>{c.name.clone()}</h1>
                        <StateBadge state=c.state.clone() />
                    </header>
                }
            })}
            <Show when=move || ready.with(|l| l.as_deref() == Some(id.get().as_str()))>
                <TabBar label="Cluster" tabs=tabs />
                {move || tab_view(&tab.get(), ctx)}
            </Show>
        </section>
    }
}

/// The body of one tab.
fn tab_view(tab: &str, ctx: ClusterCtx) -> AnyView {
    match tab {
        "capacity" => view! { <capacity::CapacityTab ctx=ctx /> }.into_any(),
        "sql-users" => view! { <sql_users::SqlUsersTab ctx=ctx /> }.into_any(),
        "databases" => view! { <databases::DatabasesTab ctx=ctx /> }.into_any(),
        "backups" => view! { <backups::BackupsTab ctx=ctx /> }.into_any(),
        "security" => view! { <security::SecurityTab ctx=ctx /> }.into_any(),
        "maintenance" => view! { <maintenance::MaintenanceTab ctx=ctx /> }.into_any(),
        "delete" => view! { <delete::DeleteTab ctx=ctx /> }.into_any(),
        _ => view! { <overview::OverviewTab ctx=ctx /> }.into_any(),
    }
}
