//! The Overview tab: spec, state, version, connection string, the folder
//! the cluster is in, and nodes.

use super::ClusterCtx;
use super::connect::ConnectDialog;
use crate::api;
use crate::components::{DataTable, Pending, StateBadge, loaded};
use crate::logic::{cloud_label, plan_label};
use crate::org::tree::{ROOT, is_root, parent_choices};
use crate::pages::organization::all_folders;
use crdb_cloud::models::clusters::{
    Cluster, DeleteProtectionState, Node, UpdateClusterSpecification,
};
use crdb_cloud::models::folders::FolderResource;
use leptos::prelude::*;

fn created(c: &Cluster) -> String {
    c.created_at
        .map(|t| crate::when::second(&t))
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

/// The spec card's facts about a cluster.
fn spec_list(c: Cluster) -> impl IntoView {
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
    view! {
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
            <dd>{capacity(&c)}</dd>
            <dt>"Delete protection"</dt>
            <dd>{protection}</dd>
            <dt>"Created"</dt>
            <dd>{created(&c)}</dd>
            <dt>"Cluster id"</dt>
            <dd><code>{c.id.clone()}</code></dd>
        </dl>
    }
}

/// Spec, state, version, connection string and nodes.
#[component]
pub fn OverviewTab(ctx: ClusterCtx) -> impl IntoView {
    let nodes = LocalResource::new(move || {
        let id = ctx.id.get();
        async move { api::list_nodes(&id).await }
    });
    view! {
        <div class="grid">
            <section class="card" aria-labelledby="spec-title">
                <h2 id="spec-title">"Cluster"</h2>
                {move || spec_list(ctx.cluster.get())}
            </section>
            <section class="card" aria-labelledby="connect-title">
                <h2 id="connect-title">"Connect"</h2>
                <ConnectDialog ctx=ctx />
            </section>
        </div>
        <FolderCard ctx=ctx />
        <section class="card" aria-labelledby="nodes-title">
            <h2 id="nodes-title">"Nodes"</h2>
            {loaded(nodes, "Loading nodes…", |list: Vec<Node>| {
                    match list {
                        list if list.is_empty() => view! {
                            <p class="empty">"No nodes to show: Basic and Standard clusters are serverless."</p>
                        }
                        .into_any(),
                        list => view! {
                            <DataTable class="" columns=&["Node", "Region", "Status"]>
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
                                    </DataTable>
                        }
                        .into_any(),
                    }
                })}
        </section>
    }
}

/// Which folder the cluster is in, and moving it to another.
#[component]
fn FolderCard(ctx: ClusterCtx) -> impl IntoView {
    let list = LocalResource::new(all_folders);
    view! {
        <section class="card" aria-labelledby="folder-title">
            <h2 id="folder-title">"Folder"</h2>
            {loaded(list, "Loading folders…", move |all: Vec<FolderResource>| {
                view! { <FolderForm ctx=ctx folders=all /> }
            })}
        </section>
    }
}

#[component]
fn FolderForm(ctx: ClusterCtx, folders: Vec<FolderResource>) -> impl IntoView {
    let choices = parent_choices(&folders);
    let folder_of = |c: &Cluster| {
        c.parent_id
            .clone()
            .filter(|p| !is_root(p))
            .unwrap_or_else(|| ROOT.to_owned())
    };
    let current = ctx.cluster.with_untracked(folder_of);
    let picked = RwSignal::new(current.clone());
    // The folder as last read: the cluster is read again after a move.
    let now = {
        let choices = choices.clone();
        move || {
            let id = ctx.cluster.with(folder_of);
            choices
                .iter()
                .find(|(c, _)| *c == id)
                .map_or(id, |(_, l)| l.clone())
        }
    };
    let pending = Pending::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (id, parent) = (ctx.id(), picked.get_untracked());
        let spec = UpdateClusterSpecification {
            parent_id: Some(parent),
            ..Default::default()
        };
        pending.run(
            async move { api::call(|c| async move { c.update_cluster(&id, &spec).await }).await },
            move |_| ctx.reload.run(()),
        );
    };
    view! {
        <p class="folder-now">"In: " <strong>{now}</strong></p>
        <form novalidate class="form-row" on:submit=submit>
            <div class="field">
                <label for="cluster-folder">"Move to"</label>
                <select id="cluster-folder" on:change=move |ev| picked.set(event_target_value(&ev))>
                    {choices
                        .into_iter()
                        .map(|(id, label)| {
                            let selected = id == current;
                            view! { <option value=id selected=selected>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button secondary" disabled=move || pending.busy.get()>
                {pending.label("Move")}
            </button>
        </form>
        {pending.error()}
    }
}
