//! Service accounts: the table, create (name, description, roles on the
//! organization), edit name and description, delete.

use super::{all_service_accounts, done_note};
use crate::api::{self, ApiResult};
use crate::components::{DataTable, EditDeleteCell, Pending, loaded};
use crate::org::grants::{kind_label, role_label};
use crate::when;
use crdb_cloud::models::roles::{BuiltInRole, OrganizationUserRole, Resource};
use crdb_cloud::models::service_accounts::{
    CreateServiceAccountRequest, ServiceAccount, UpdateServiceAccountSpecification,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// What the rows share.
#[derive(Clone, Copy)]
struct Ctx {
    accounts: LocalResource<ApiResult<Vec<ServiceAccount>>>,
    pending: Pending,
    done: RwSignal<Option<String>>,
    editing: RwSignal<Option<String>>,
}

impl Ctx {
    fn changed(self, message: String) {
        self.editing.set(None);
        self.done.set(Some(message));
        self.accounts.refetch();
    }
}

/// The service accounts section.
#[component]
pub fn ServiceAccountsSection() -> impl IntoView {
    let ctx = Ctx {
        accounts: LocalResource::new(all_service_accounts),
        pending: Pending::new(),
        done: RwSignal::new(None),
        editing: RwSignal::new(None),
    };
    view! {
        <section class="card" aria-labelledby="sa-new-title">
            <h2 id="sa-new-title">"New service account"</h2>
            <CreateServiceAccount ctx=ctx />
        </section>
        <section class="card" aria-labelledby="sa-list-title">
            <h2 id="sa-list-title">"Service accounts"</h2>
            {done_note(ctx.done)}
            {ctx.pending.error()}
            {loaded(ctx.accounts, "Loading service accounts…", move |list| table(list, ctx))}
        </section>
    }
}

#[component]
fn CreateServiceAccount(ctx: Ctx) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let roles = RwSignal::new(Vec::<OrganizationUserRole>::new());
    let pending = Pending::new();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_owned();
        if n.is_empty() {
            pending.refuse("Enter a name for the service account.");
            return;
        }
        let request = CreateServiceAccountRequest {
            name: n,
            description: description.get_untracked().trim().to_owned(),
            roles: roles
                .get_untracked()
                .into_iter()
                .map(|name| BuiltInRole {
                    name,
                    resource: Resource::organization(),
                })
                .collect(),
        };
        pending.run(
            api::call(move |c| async move { c.create_service_account(&request).await }),
            move |sa| {
                name.set(String::new());
                description.set(String::new());
                roles.set(Vec::new());
                ctx.changed(format!("Service account “{}” created.", sa.name));
            },
        );
    };
    let role_box = move |role: OrganizationUserRole| {
        let id = format!("sa-role-{}", role.as_str().to_lowercase());
        let for_id = id.clone();
        let (r1, r2) = (role.clone(), role.clone());
        view! {
            <label class="check" for=for_id>
                <input
                    type="checkbox"
                    id=id
                    prop:checked=move || roles.with(|rs| rs.contains(&r1))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        roles.update(|rs| {
                            rs.retain(|r| *r != r2);
                            if on {
                                rs.push(r2.clone());
                            }
                        });
                    }
                />
                {role_label(&role)}
            </label>
        }
    };
    view! {
        <form novalidate on:submit=submit>
            <div class="form-row">
                <div class="field grow">
                    <label for="sa-name">"Name"</label>
                    <input
                        id="sa-name"
                        type="text"
                        autocomplete="off"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </div>
                <div class="field grow">
                    <label for="sa-description">"Description (optional)"</label>
                    <input
                        id="sa-description"
                        type="text"
                        autocomplete="off"
                        prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))
                    />
                </div>
            </div>
            <details class="roles-pick">
                <summary>"Roles on the organization (optional)"</summary>
                <fieldset class="checks">
                    <legend class="visually-hidden">"Roles on the organization"</legend>
                    {OrganizationUserRole::KNOWN.iter().cloned().map(role_box).collect_view()}
                </fieldset>
                <p class="hint">"Roles on a folder or a cluster are granted under Role grants."</p>
            </details>
            <button type="submit" class="button" disabled=move || pending.busy.get()>
                {pending.label("Create service account")}
            </button>
        </form>
        {pending.error()}
    }
}

fn roles_text(sa: &ServiceAccount) -> String {
    if sa.roles.is_empty() {
        return "–".into();
    }
    sa.roles
        .iter()
        .map(|r| match &r.resource.id {
            Some(id) if !id.is_empty() => format!(
                "{} ({} {id})",
                role_label(&r.name),
                kind_label(&r.resource.resource_type).to_lowercase()
            ),
            _ => role_label(&r.name),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn table(list: Vec<ServiceAccount>, ctx: Ctx) -> AnyView {
    if list.is_empty() {
        return view! { <div class="empty"><p>"No service accounts yet."</p></div> }.into_any();
    }
    view! {
        <DataTable class="stack" caption="Service accounts" columns=&["Name", "Description", "Roles", "Created", ""]>{list.into_iter().map(|sa| row(sa, ctx)).collect_view()}</DataTable>
    }
    .into_any()
}

fn row(sa: ServiceAccount, ctx: Ctx) -> impl IntoView {
    let id = StoredValue::new(sa.id.clone());
    let label = sa.name.clone();
    let editing = move || {
        ctx.editing
            .with(|e| e.as_deref() == Some(id.get_value().as_str()))
    };
    let delete = {
        let label = label.clone();
        move || {
            let (sa_id, label) = (id.get_value(), label.clone());
            ctx.pending.run(
                api::call(move |c| async move { c.delete_service_account(&sa_id).await }),
                move |_| ctx.changed(format!("Service account “{label}” deleted.")),
            );
        }
    };
    let sa_edit = sa.clone();
    view! {
        <tr data-account=label.clone()>
            <th scope="row" data-label="Name">{sa.name.clone()}</th>
            <td data-label="Description">{if sa.description.is_empty() { "–".to_owned() } else { sa.description.clone() }}</td>
            <td data-label="Roles">{roles_text(&sa)}</td>
            <td data-label="Created">{when::minute(&sa.created_at)}</td>
            <EditDeleteCell
                edit="Edit"
                target=label.clone()
                open=Signal::derive(editing)
                on_edit=move || {
                            ctx.pending.failure.set(None);
                            let me = id.get_value();
                            ctx.editing.update(|e| *e = if e.as_deref() == Some(me.as_str()) { None } else { Some(me) });
                        }
                question=format!("Delete “{label}” and its API keys?")
                busy=ctx.pending.busy
                on_delete=delete
            />
        </tr>
        {move || editing().then(|| edit_row(sa_edit.clone(), ctx))}
    }
}

fn edit_row(sa: ServiceAccount, ctx: Ctx) -> impl IntoView {
    let name = RwSignal::new(sa.name.clone());
    let description = RwSignal::new(sa.description.clone());
    let first = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = first.get() {
            let _ = el.focus();
        }
    });
    let (name_id, desc_id) = (
        format!("sa-edit-name-{}", sa.id),
        format!("sa-edit-desc-{}", sa.id),
    );
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_owned();
        let d = description.get_untracked().trim().to_owned();
        if n.is_empty() {
            ctx.pending.refuse("The name cannot be empty.");
            return;
        }
        let spec = UpdateServiceAccountSpecification {
            name: (n != sa.name).then_some(n),
            description: (d != sa.description).then_some(d),
        };
        if spec == UpdateServiceAccountSpecification::default() {
            ctx.editing.set(None);
            return;
        }
        let id = sa.id.clone();
        ctx.pending.run(
            api::call(move |c| async move { c.update_service_account(&id, &spec).await }),
            move |sa| ctx.changed(format!("Service account “{}” saved.", sa.name)),
        );
    };
    view! {
        <tr class="edit-row">
            <td colspan="5">
                <form novalidate
                    class="form-row"
                    on:submit=submit
                    on:keydown=move |ev| if ev.key() == "Escape" { ctx.editing.set(None) }
                >
                    <div class="field grow">
                        <label for=name_id.clone()>"Name"</label>
                        <input
                            id=name_id
                            type="text"
                            node_ref=first
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="field grow">
                        <label for=desc_id.clone()>"Description"</label>
                        <input
                            id=desc_id
                            type="text"
                            prop:value=move || description.get()
                            on:input=move |ev| description.set(event_target_value(&ev))
                        />
                    </div>
                    <button type="submit" class="button small" disabled=move || ctx.pending.busy.get()>
                        {ctx.pending.label("Save")}
                    </button>
                    <button type="button" class="button secondary small" on:click=move |_| ctx.editing.set(None)>
                        "Cancel"
                    </button>
                </form>
            </td>
        </tr>
    }
}
