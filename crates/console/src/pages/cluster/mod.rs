//! One cluster: a header and tabs, each a route `/clusters/:id/:tab`.
//!
//! The header follows the cluster on every tab (re-read every two seconds
//! while it is CREATING or LOCKED, every ten otherwise, and after a change);
//! while it is not CREATED the tabs' actions are disabled, saying why. The
//! page stays mounted across its tabs (one route), and a tab is built once
//! per visit, so a form being filled in, or a secret shown once, survives
//! those refreshes.

mod backups;
mod capacity;
mod connect;
mod databases;
mod delete;
mod maintenance;
mod overview;
mod security;
mod sql_users;

use super::{REFRESH, every, set_title};
use crate::api;
use crate::components::{StateBadge, TabBar, loaded};
use crate::logic::{needs_refresh, operation_label};
use crdb_cloud::models::clusters::{Cluster, ClusterState};
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

    /// Whether the cluster is not CREATED (creating, locked by an operation,
    /// failed, deleted): what changes it waits.
    pub fn busy(&self) -> bool {
        self.cluster.with(|c| c.state != ClusterState::Created)
    }
}

/// Ticks of [`REFRESH`] between reads of a cluster that is not changing.
const IDLE_TICKS: u32 = 5;

/// Tabs whose content stays usable while the cluster is busy (reading it,
/// or deleting it).
const USABLE_WHILE_BUSY: [&str; 2] = ["overview", "delete"];

/// The cluster page with its tab bar.
#[component]
pub fn ClusterPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    // An unknown tab is kept as it is, so the page can say so.
    let tab =
        Memo::new(move |_| params.with(|p| p.get("tab").unwrap_or_else(|| "overview".into())));
    let cluster = LocalResource::new(move || {
        let id = id.get();
        async move { api::get_cluster(&id).await }
    });
    // Busy clusters are read every tick; others every IDLE_TICKS, so a
    // change made elsewhere (a restore, another tab) shows here too.
    let ticks = StoredValue::new(0_u32);
    every(REFRESH, move || {
        let busy = cluster
            .get_untracked()
            .is_some_and(|r| r.is_ok_and(|c| needs_refresh(std::slice::from_ref(&c))));
        ticks.update_value(|t| *t = (*t + 1) % IDLE_TICKS);
        if busy || ticks.get_value() == 0 {
            cluster.refetch();
        }
    });
    let current = Memo::new(move |_| cluster.get().and_then(Result::ok));
    Effect::new(move |_| {
        if let Some(name) = current.with(|c| c.as_ref().map(|c| c.name.clone())) {
            let label = TABS
                .iter()
                .find(|(seg, _)| *seg == tab.get())
                .map_or("Overview", |(_, l)| *l);
            set_title(&format!("{name} · {label}"));
        }
    });
    let ready = Memo::new(move |_| current.with(|c| c.as_ref().map(|c| c.id.clone())));
    let ctx = ClusterCtx {
        id,
        cluster: Signal::derive(move || current.get().unwrap_or_default()),
        reload: Callback::new(move |()| cluster.refetch()),
    };
    let tabs = Signal::derive(move || {
        let (id, tab) = (id.get(), tab.get());
        TABS.iter()
            .map(|(seg, label)| (*label, format!("/clusters/{id}/{seg}"), tab == *seg))
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
                let why = busy_reason(&c);
                view! {
                    <header class="page-head">
                        <h1>{c.name.clone()}</h1>
                        <StateBadge state=c.state.clone() />
                        {operation_label(&c.operation_status)
                            .map(|o| view! { <span class="hint operation">{o}</span> })}
                    </header>
                    {why.map(|w| view! { <p class="notice cluster-busy" role="status">{w}</p> })}
                }
            })}
            <Show when=move || ready.with(|l| l.as_deref() == Some(id.get().as_str()))>
                <TabBar label="Cluster" tabs=tabs />
                <fieldset
                    class="tab-body"
                    disabled=move || ctx.busy() && !USABLE_WHILE_BUSY.contains(&tab.get().as_str())
                >
                    {move || tab_view(&tab.get(), ctx)}
                </fieldset>
            </Show>
        </section>
    }
}

/// Why the cluster's changes wait, when it is not CREATED, and what can be
/// done.
fn busy_reason(c: &Cluster) -> Option<String> {
    let why = match c.state {
        ClusterState::Created => return None,
        ClusterState::Creating => {
            "The cluster is being created; changes can be made once it is CREATED."
        }
        ClusterState::Locked => {
            "The cluster is locked by an operation; changes can be made once it is CREATED again."
        }
        ClusterState::Deleted => {
            "The cluster was deleted; it is shown for the record and cannot be changed."
        }
        ClusterState::CreationFailed => {
            "The cluster could not be created. Delete it (Delete tab) to free its name, then create it again, perhaps in another region or with another size."
        }
        _ => "The cluster is busy; changes can be made once it is CREATED again.",
    };
    Some(why.to_owned())
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
        "overview" => view! { <overview::OverviewTab ctx=ctx /> }.into_any(),
        other => {
            let overview = format!("/clusters/{}/overview", ctx.id());
            view! {
                <section class="card">
                    <h2>"No such tab"</h2>
                    <p class="empty">{format!("A cluster has no tab named \"{other}\".")}</p>
                    <p><a href=overview>"Open the overview"</a></p>
                </section>
            }
            .into_any()
        }
    }
}
