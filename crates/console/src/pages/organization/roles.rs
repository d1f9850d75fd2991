//! Role grants: who holds which role on what; grant a role to a service
//! account (or a person found by email), revoke one.

use super::{all_folders, all_service_accounts, done_note};
use crate::api::{self, ApiResult};
use crate::components::{ConfirmButton, DataTable, Pending, loaded};
use crate::org::grants::{GrantRow, grant_rows, kind_label, role_label, roles_for};
use crate::org::tree::{parent_choices, path_label};
use crdb_cloud::ListOptions;
use crdb_cloud::futures_util::TryStreamExt;
use crdb_cloud::models::clusters::Cluster;
use crdb_cloud::models::folders::FolderResource;
use crdb_cloud::models::roles::{OrganizationUserRole, ResourceType, UserRoleGrants};
use crdb_cloud::models::service_accounts::ServiceAccount;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// What the grants point at, read once: the organization, the service
/// accounts, folders and clusters (names for ids, choices for the form).
#[derive(Debug, Clone)]
struct Data {
    org_id: String,
    accounts: Vec<ServiceAccount>,
    folders: Vec<FolderResource>,
    clusters: Vec<Cluster>,
}

async fn load() -> ApiResult<Data> {
    Ok(Data {
        org_id: api::organization().await?.id,
        accounts: all_service_accounts().await?,
        folders: all_folders().await?,
        clusters: api::list_clusters(false).await?,
    })
}

/// Every direct grant (all pages); read again after each change.
async fn load_grants() -> ApiResult<Vec<UserRoleGrants>> {
    api::call(|c| async move {
        c.list_role_grants_all(ListOptions::limit(500))
            .try_collect()
            .await
    })
    .await
}

/// What the rows share.
#[derive(Clone, Copy)]
struct Ctx {
    grants: LocalResource<ApiResult<Vec<UserRoleGrants>>>,
    pending: Pending,
    done: RwSignal<Option<String>>,
}

impl Ctx {
    fn changed(self, message: String) {
        self.done.set(Some(message));
        self.grants.refetch();
    }
}

/// The role grants section.
#[component]
pub fn RolesSection() -> impl IntoView {
    let data = LocalResource::new(load);
    let ctx = Ctx {
        grants: LocalResource::new(load_grants),
        pending: Pending::new(),
        done: RwSignal::new(None),
    };
    view! {
        <section class="card" aria-labelledby="grant-new-title">
            <h2 id="grant-new-title">"Grant a role"</h2>
            {loaded(data, "Loading…", move |d| view! { <GrantForm data=d ctx=ctx /> })}
        </section>
        <section class="card" aria-labelledby="grant-list-title">
            <h2 id="grant-list-title">"Role grants"</h2>
            {done_note(ctx.done)}
            {ctx.pending.error()}
            {loaded(data, "Loading role grants…", move |d| {
                loaded(ctx.grants, "Loading role grants…", move |g| table(g, d.clone(), ctx))
            })}
        </section>
    }
}

/// The value of the principal select that asks for an email instead.
const BY_EMAIL: &str = "@email";

#[component]
fn GrantForm(data: Data, ctx: Ctx) -> impl IntoView {
    let principal = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let kind = RwSignal::new(ResourceType::Organization);
    let resource = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let pending = Pending::new();
    let org_id = data.org_id.clone();
    let folder_choices: Vec<(String, String)> =
        parent_choices(&data.folders).into_iter().skip(1).collect();
    let mut clusters: Vec<(String, String)> = data
        .clusters
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    clusters.sort_by(|a, b| a.1.cmp(&b.1));
    let folder_choices = StoredValue::new(folder_choices);
    let cluster_choices = StoredValue::new(clusters);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let who = principal.get_untracked();
        let kind_now = kind.get_untracked();
        let role_now = role.get_untracked();
        if who.is_empty() {
            pending.refuse("Choose who gets the role.");
            return;
        }
        let resource_id = match kind_now {
            ResourceType::Organization => org_id.clone(),
            _ => resource.get_untracked(),
        };
        if resource_id.is_empty() {
            pending.refuse(format!(
                "Choose the {} the role is on.",
                kind_label(&kind_now).to_lowercase()
            ));
            return;
        }
        if role_now.is_empty() {
            pending.refuse("Choose a role.");
            return;
        }
        let role_name = OrganizationUserRole::from(role_now.as_str());
        let address = email.get_untracked().trim().to_owned();
        if who == BY_EMAIL && !address.contains('@') {
            pending.refuse("Enter the person's email address, like ann@example.com.");
            return;
        }
        let label = role_label(&role_name);
        pending.run(
            async move {
                let user_id = if who == BY_EMAIL {
                    let found =
                        api::call(|c| async move { c.get_person_users_by_email(&address).await })
                            .await?;
                    found.user.map(|u| u.id).unwrap_or_default()
                } else {
                    who
                };
                api::call(|c| async move {
                    c.add_user_to_role(&user_id, &kind_now, &resource_id, &role_name)
                        .await
                })
                .await
            },
            move |_| {
                role.set(String::new());
                ctx.changed(format!("Role {label} granted."));
            },
        );
    };
    let accounts = data.accounts.clone();
    view! {
        <form novalidate on:submit=submit>
            <div class="form-row">
                <div class="field grow">
                    <label for="grant-principal">"Who"</label>
                    <select id="grant-principal" on:change=move |ev| principal.set(event_target_value(&ev))>
                        <option value="" selected=move || principal.get().is_empty()>"Choose…"</option>
                        <optgroup label="Service accounts">
                            {accounts
                                .into_iter()
                                .map(|sa| {
                                    let v = sa.id.clone();
                                    view! { <option value=sa.id selected=move || principal.get() == v>{sa.name}</option> }
                                })
                                .collect_view()}
                        </optgroup>
                        <option value=BY_EMAIL selected=move || principal.get() == BY_EMAIL>"A person, by email…"</option>
                    </select>
                </div>
                <Show when=move || principal.get() == BY_EMAIL>
                    <div class="field grow">
                        <label for="grant-email">"Email address"</label>
                        <input
                            id="grant-email"
                            type="email"
                            autocomplete="off"
                            prop:value=move || email.get()
                            on:input=move |ev| email.set(event_target_value(&ev))
                        />
                    </div>
                </Show>
            </div>
            <div class="form-row">
                <div class="field">
                    <label for="grant-kind">"On"</label>
                    <select
                        id="grant-kind"
                        on:change=move |ev| {
                            kind.set(ResourceType::from(event_target_value(&ev).as_str()));
                            resource.set(String::new());
                            role.set(String::new());
                        }
                    >
                        {ResourceType::KNOWN
                            .iter()
                            .map(|k| {
                                let v = k.clone();
                                view! {
                                    <option value=k.as_str().to_owned() selected=move || kind.get() == v>
                                        {kind_label(k)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                {move || match kind.get() {
                    ResourceType::Organization => ().into_any(),
                    k => {
                        let choices = if k == ResourceType::Folder {
                            folder_choices.get_value()
                        } else {
                            cluster_choices.get_value()
                        };
                        let what = kind_label(&k);
                        let none = choices.is_empty();
                        view! {
                            <div class="field grow">
                                <label for="grant-resource">{what.clone()}</label>
                                <select id="grant-resource" on:change=move |ev| resource.set(event_target_value(&ev))>
                                    <option value="" selected=move || resource.get().is_empty()>
                                        {if none { format!("No {} yet", what.to_lowercase()) } else { "Choose…".to_owned() }}
                                    </option>
                                    {choices
                                        .into_iter()
                                        .map(|(id, label)| {
                                            let v = id.clone();
                                            view! { <option value=id selected=move || resource.get() == v>{label}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                        }
                        .into_any()
                    }
                }}
                <div class="field grow">
                    <label for="grant-role">"Role"</label>
                    <select id="grant-role" on:change=move |ev| role.set(event_target_value(&ev))>
                        <option value="" selected=move || role.get().is_empty()>"Choose…"</option>
                        {move || {
                            roles_for(&kind.get())
                                .into_iter()
                                .map(|r| {
                                    let v = r.as_str().to_owned();
                                    let w = v.clone();
                                    view! { <option value=v selected=move || role.get() == w>{role_label(&r)}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
            </div>
            <button type="submit" class="button" disabled=move || pending.busy.get()>
                {pending.label("Grant role")}
            </button>
        </form>
        {pending.error()}
    }
}

fn table(grants: Vec<UserRoleGrants>, d: Data, ctx: Ctx) -> AnyView {
    let Data {
        org_id,
        accounts,
        folders,
        clusters,
    } = d;
    let rows = grant_rows(
        &grants,
        |id| accounts.iter().find(|a| a.id == id).map(|a| a.name.clone()),
        |kind, id| match kind {
            ResourceType::Folder => {
                let p = path_label(&folders, id);
                (!p.is_empty()).then_some(p)
            }
            ResourceType::Cluster => clusters.iter().find(|c| c.id == id).map(|c| c.name.clone()),
            _ => None,
        },
    );
    if rows.is_empty() {
        return view! { <div class="empty"><p>"Nobody holds a role yet."</p></div> }.into_any();
    }
    let org_id = StoredValue::new(org_id);
    view! {
        <DataTable class="stack" caption="Role grants" columns=&["Who", "Kind", "Role", "On", ""]>{rows.into_iter().map(|r| row(r, org_id, ctx)).collect_view()}</DataTable>
    }
    .into_any()
}

fn row(r: GrantRow, org_id: StoredValue<String>, ctx: Ctx) -> impl IntoView {
    let role = role_label(&r.role);
    let question = format!(
        "Remove {role} on {} from {}?",
        r.resource_label, r.principal
    );
    let testid = format!("{} {} {}", r.principal, r.role.as_str(), r.resource_label);
    let revoke = {
        let r = r.clone();
        move || {
            let r = r.clone();
            let resource_id = match r.resource.resource_type {
                ResourceType::Organization => org_id.get_value(),
                _ => r.resource.id.clone().unwrap_or_default(),
            };
            let label = role_label(&r.role);
            let who = r.principal.clone();
            ctx.pending.run(
                api::call(move |c| async move {
                    c.remove_user_from_role(
                        &r.principal_id,
                        &r.resource.resource_type,
                        &resource_id,
                        &r.role,
                    )
                    .await
                }),
                move |_| ctx.changed(format!("Role {label} removed from {who}.")),
            );
        }
    };
    view! {
        <tr data-grant=testid>
            <th scope="row" data-label="Who">{r.principal.clone()}</th>
            <td data-label="Kind">{r.kind}</td>
            <td data-label="Role">{role}</td>
            <td data-label="On">{r.resource_label.clone()}</td>
            <td class="actions-cell">
                <span class="row-actions">
                    <ConfirmButton
                        label="Remove"
                        question=question
                        disabled=Signal::derive(move || ctx.pending.busy.get())
                        on_confirm=revoke
                    />
                </span>
            </td>
        </tr>
    }
}
