//! The Security tab: customer-managed encryption keys (CMEK) on Advanced
//! clusters: enable, rotate, revoke, and the status of each region's key.

use super::ClusterCtx;
use crate::api;
use crate::components::{ConfirmButton, DataTable, Pending, loaded};
use crate::forms::key_uri::check_key_uri;
use crate::pages::every;
use crdb_cloud::models::clusters::Cluster;
use crdb_cloud::models::cmek::{
    CmekClusterInfo, CmekCustomerAction, CmekKeySpecification, CmekKeyType,
    CmekRegionSpecification, CmekStatus, EnableCmekSpecBody, UpdateCmekSpecBody,
    UpdateCmekStatusBody,
};
use crdb_cloud::models::common::{CloudProvider, Plan};
use leptos::prelude::*;
use std::time::Duration;

/// The key service of the cluster's cloud.
fn key_type(cloud: &CloudProvider) -> CmekKeyType {
    match cloud {
        CloudProvider::Aws => CmekKeyType::AwsKms,
        CloudProvider::Azure => CmekKeyType::AzureKeyVault,
        _ => CmekKeyType::GcpCloudKms,
    }
}

/// What a key URI looks like on the cluster's cloud.
fn uri_hint(cloud: &CloudProvider) -> &'static str {
    match cloud {
        CloudProvider::Aws => "arn:aws:kms:us-east-1:123456789012:key/…",
        CloudProvider::Azure => "https://vault-name.vault.azure.net/keys/key-name/version",
        _ => "projects/p/locations/l/keyRings/r/cryptoKeys/k",
    }
}

fn status_badge(status: &CmekStatus) -> impl IntoView + use<> {
    let tone = if status.is_failed() || *status == CmekStatus::Revoked {
        "badge badge-bad"
    } else if status.is_in_progress() {
        "badge badge-busy"
    } else if *status == CmekStatus::Enabled {
        "badge badge-ok"
    } else {
        "badge badge-off"
    };
    view! { <span class=tone>{status.as_str().to_owned()}</span> }
}

/// CMEK status and actions, or why there are none.
#[component]
pub fn SecurityTab(ctx: ClusterCtx) -> impl IntoView {
    let advanced = ctx.cluster.get_untracked().plan == Plan::Advanced;
    if !advanced {
        return view! {
            <section class="card">
                <h2>"Customer-managed encryption keys"</h2>
                <p class="empty">"CMEK is available on Advanced clusters only."</p>
            </section>
        }
        .into_any();
    }
    let info = LocalResource::new(move || {
        let id = ctx.id.get();
        async move { api::call(|c| async move { c.get_cmek_cluster_info(&id).await }).await }
    });
    every(Duration::from_secs(1), move || {
        let moving = info.get_untracked().is_some_and(|r| {
            r.is_ok_and(|i| i.status.as_ref().is_some_and(CmekStatus::is_in_progress))
        });
        if moving {
            info.refetch();
        }
    });
    view! {
        <section class="card" aria-labelledby="cmek-title">
            <h2 id="cmek-title">"Customer-managed encryption keys"</h2>
            {loaded(info, "Loading CMEK status…", move |i: CmekClusterInfo| {
                view! { <CmekPanel ctx=ctx info=i on_change=move || info.refetch() /> }
            })}
        </section>
    }
    .into_any()
}

/// Status, per-region keys, and the form for the next action.
#[component]
fn CmekPanel(
    ctx: ClusterCtx,
    info: CmekClusterInfo,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let cluster: Cluster = ctx.cluster.get_untracked();
    let status = info.status.clone().unwrap_or(CmekStatus::Disabled);
    let cloud = cluster.cloud_provider.clone();
    let uris = RwSignal::new(
        cluster
            .regions
            .iter()
            .map(|r| (r.name.clone(), String::new()))
            .collect::<Vec<_>>(),
    );
    let principal = RwSignal::new(String::new());
    let pending = Pending::new();
    let kind = key_type(&cloud);
    let key_note = format!("Keys in {} ({}).", kind.as_str(), cloud.as_str());
    let specs = move || {
        uris.get_untracked()
            .into_iter()
            .map(|(region, uri)| CmekRegionSpecification {
                region: Some(region),
                key_spec: Some(CmekKeySpecification {
                    key_type: Some(kind.clone()),
                    uri: Some(uri.trim().to_owned()),
                    auth_principal: Some(principal.get_untracked().trim().to_owned())
                        .filter(|p| !p.is_empty()),
                }),
            })
            .collect::<Vec<_>>()
    };
    let enabling = status == CmekStatus::Disabled;
    let cloud_check = cloud.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Each key URI must have the shape of a key on the cluster's cloud.
        let problem = uris.with_untracked(|u| {
            u.iter().find_map(|(region, uri)| {
                check_key_uri(&cloud_check, uri)
                    .err()
                    .map(|e| format!("Key URI for {region}: {e}"))
            })
        });
        if let Some(p) = problem {
            return pending.refuse(p);
        }
        let (id, region_specs) = (ctx.id(), specs());
        pending.run(
            async move {
                api::call(|c| async move {
                    if enabling {
                        c.enable_cmek_spec(&id, &EnableCmekSpecBody { region_specs })
                            .await
                    } else {
                        c.update_cmek_spec(&id, &UpdateCmekSpecBody { region_specs })
                            .await
                    }
                })
                .await
            },
            move |_| on_change(),
        );
    };
    let revoke = move || {
        let id = ctx.id();
        let body = UpdateCmekStatusBody {
            action: CmekCustomerAction::Revoke,
        };
        pending.run(
            async move { api::call(|c| async move { c.update_cmek_status(&id, &body).await }).await },
            move |_| on_change(),
        );
    };
    let can_act = matches!(status, CmekStatus::Disabled | CmekStatus::Enabled);
    let regions = info.region_infos.clone().unwrap_or_default();
    view! {
        <p class="cmek-status">"Status: " {status_badge(&status)}</p>
        {(!regions.is_empty()).then(|| view! {
            <DataTable class="cmek-regions" columns=&["Region", "Status", "Key"]>
                        {regions
                            .into_iter()
                            .map(|r| {
                                let key = r
                                    .key_infos
                                    .unwrap_or_default()
                                    .into_iter()
                                    .next_back()
                                    .and_then(|k| k.spec)
                                    .and_then(|s| s.uri)
                                    .unwrap_or_default();
                                view! {
                                    <tr>
                                        <th scope="row">{r.region.unwrap_or_default()}</th>
                                        <td>{status_badge(&r.status.unwrap_or(CmekStatus::Disabled))}</td>
                                        <td><code>{key}</code></td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </DataTable>
        })}
        {(!can_act).then(|| view! {
            <p class="notice" role="status">"A key change is in progress or has failed; actions return once it settles."</p>
        })}
        <form novalidate class="cmek-form" on:submit=submit>
            <fieldset disabled=!can_act || status == CmekStatus::Revoked>
                <legend>{if enabling { "Enable CMEK" } else { "Rotate to new keys" }}</legend>
                <p class="hint">{key_note}</p>
                {move || {
                    uris.get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, (region, uri))| {
                            let field = format!("cmek-uri-{i}");
                            view! {
                                <div class="field">
                                    <label for=field.clone()>{format!("Key URI for {region}")}</label>
                                    <input
                                        id=field
                                        type="text"
                                        spellcheck="false"
                                        placeholder=uri_hint(&cloud)
                                        prop:value=uri
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            uris.update(|u| u[i].1 = v);
                                        }
                                    />
                                </div>
                            }
                        })
                        .collect_view()
                }}
                <div class="field">
                    <label for="cmek-principal">"Auth principal (optional)"</label>
                    <input
                        id="cmek-principal"
                        type="text"
                        spellcheck="false"
                        prop:value=move || principal.get()
                        on:input=move |ev| principal.set(event_target_value(&ev))
                    />
                </div>
                {pending.error()}
                <div class="actions">
                    <button type="submit" class="button" disabled=move || pending.busy.get()>
                        {pending.label(if enabling { "Enable CMEK" } else { "Rotate keys" })}
                    </button>
                    {(!enabling).then(|| view! {
                        <ConfirmButton
                            label="Revoke"
                            question="Revoke the keys? The cluster's data becomes unreadable."
                            disabled=pending.busy
                            on_confirm=revoke
                        />
                    })}
                </div>
            </fieldset>
        </form>
    }
}
