//! One cluster: tabs (Overview, Delete; more slot in later), each a route
//! `/clusters/:id/:tab`.

use super::{REFRESH, every};
use crate::api;
use crate::components::{CopyButton, ErrorNote, StateBadge, TabBar, error_list};
use crate::logic::{ConsoleError, cloud_label, needs_refresh, plan_label};
use crdb_cloud::models::clusters::{Cluster, DeleteProtectionState};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

/// The tabs of a cluster: (route segment, label). Add new tabs here.
pub const TABS: &[(&str, &str)] = &[("overview", "Overview"), ("delete", "Delete")];

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
                <span>
                    {move || {
                        cluster
                            .get()
                            .and_then(|r| r.ok())
                            .map(|c| c.name)
                            .unwrap_or_else(|| id.get())
                    }}
                </span>
            </nav>
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading the cluster…"</p> }>
                <ErrorBoundary fallback=error_list>
                    {move || Suspend::new(async move {
                        let c = cluster.await?;
                        let state = c.state.clone();
                        Ok::<_, ConsoleError>(view! {
                            <header class="page-head">
                                <h1>{c.name.clone()}</h1>
                                <StateBadge state=state />
                            </header>
                            <TabBar label="Cluster" tabs=tabs />
                            {match tab.get().as_str() {
                                "delete" => view! { <DeleteTab cluster=c on_change=move || cluster.refetch() /> }.into_any(),
                                _ => view! { <OverviewTab cluster=c /> }.into_any(),
                            }}
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

fn created(c: &Cluster) -> String {
    c.created_at
        .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_else(|| "–".into())
}

fn capacity(c: &Cluster) -> String {
    if let Some(d) = &c.config.dedicated {
        return format!(
            "{} · {} vCPUs, {} GiB RAM, {} GiB storage per node",
            d.machine_type, d.num_virtual_cpus, d.memory_gib, d.storage_gib
        );
    }
    match c
        .config
        .serverless
        .as_ref()
        .and_then(|s| s.usage_limits.as_ref())
    {
        Some(l) if l.provisioned_virtual_cpus.is_some() => {
            format!(
                "{} provisioned vCPUs",
                l.provisioned_virtual_cpus.unwrap_or(0)
            )
        }
        Some(l) => {
            let ru = l
                .request_unit_limit
                .map_or("unlimited".into(), |v| v.to_string());
            let mib = l
                .storage_mib_limit
                .map_or("unlimited".into(), |v| format!("{} GiB", v / 1024));
            format!("{ru} request units a month, storage {mib}")
        }
        None => "No usage limits".into(),
    }
}

/// Spec, state, version, connection string and nodes.
#[component]
fn OverviewTab(cluster: Cluster) -> impl IntoView {
    let id = cluster.id.clone();
    let conn = LocalResource::new({
        let id = id.clone();
        move || {
            let id = id.clone();
            async move { api::connection_string(&id).await }
        }
    });
    let nodes = LocalResource::new(move || {
        let id = id.clone();
        async move { api::list_nodes(&id).await }
    });
    let c = &cluster;
    let regions = c
        .regions
        .iter()
        .map(|r| match r.node_count {
            0 => r.name.clone(),
            n => format!("{} ({n} nodes)", r.name),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let protection = match c.delete_protection {
        Some(DeleteProtectionState::Enabled) => "Enabled",
        _ => "Disabled",
    };
    let conn_text = Signal::derive(move || conn.get().and_then(|r| r.ok()).unwrap_or_default());
    view! {
        <div class="grid">
            <section class="card" aria-labelledby="spec-title">
                <h2 id="spec-title">"Cluster"</h2>
                <dl class="spec">
                    <dt>"State"</dt>
                    <dd><StateBadge state=c.state.clone() /></dd>
                    <dt>"Plan"</dt>
                    <dd>{plan_label(&c.plan)}</dd>
                    <dt>"Cloud"</dt>
                    <dd>{cloud_label(&c.cloud_provider)}</dd>
                    <dt>"Regions"</dt>
                    <dd>{regions}</dd>
                    <dt>"Version"</dt>
                    <dd>{c.cockroach_version.clone()}</dd>
                    <dt>"Capacity"</dt>
                    <dd>{capacity(c)}</dd>
                    <dt>"Delete protection"</dt>
                    <dd>{protection}</dd>
                    <dt>"Created"</dt>
                    <dd>{created(c)}</dd>
                    <dt>"Cluster id"</dt>
                    <dd><code>{c.id.clone()}</code></dd>
                </dl>
            </section>
            <section class="card" aria-labelledby="connect-title">
                <h2 id="connect-title">"Connect"</h2>
                <Transition fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        match conn.await {
                            Ok(s) => view! {
                                <label for="connection-string">"Connection string"</label>
                                <div class="copy-row">
                                    <input id="connection-string" type="text" readonly prop:value=s />
                                    <CopyButton text=conn_text label="Copy the connection string" />
                                </div>
                                <p class="hint">"Put your SQL user's password in place of the placeholder."</p>
                            }
                            .into_any(),
                            Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </div>
        <section class="card" aria-labelledby="nodes-title">
            <h2 id="nodes-title">"Nodes"</h2>
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading nodes…"</p> }>
                {move || Suspend::new(async move {
                    match nodes.await {
                        Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <p class="empty">"No nodes to show: Basic and Standard clusters are serverless."</p>
                        }
                        .into_any(),
                        Ok(list) => view! {
                            <div class="table-wrap">
                                <table>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Node"</th>
                                            <th scope="col">"Region"</th>
                                            <th scope="col">"Status"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list
                                            .into_iter()
                                            .map(|n| {
                                                let tone = if n.status.as_str() == "LIVE" { "badge badge-ok" } else { "badge badge-busy" };
                                                view! {
                                                    <tr>
                                                        <th scope="row" data-label="Node">{n.name}</th>
                                                        <td data-label="Region">{n.region_name}</td>
                                                        <td data-label="Status">
                                                            <span class=tone>{n.status.as_str().to_owned()}</span>
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Delete protection, and deleting once the name is typed.
#[component]
fn DeleteTab(
    cluster: Cluster,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
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
                    on_change();
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
        <form class="card danger" method="post" on:submit=delete aria-labelledby="delete-title">
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
