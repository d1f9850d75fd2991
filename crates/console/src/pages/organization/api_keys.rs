//! API keys: the table (name, service account, created), create for a
//! service account (the secret is shown once), rename, delete.

use super::{all_service_accounts, done_note};
use crate::api::{self, ApiResult};
use crate::components::{DataTable, EditDeleteCell, Pending, SecretOnce, loaded};
use crate::session;
use crate::when;
use crdb_cloud::ListOptions;
use crdb_cloud::api::api_keys::ListApiKeysParams;
use crdb_cloud::futures_util::TryStreamExt;
use crdb_cloud::models::api_keys::{ApiKey, CreateApiKeyRequest, UpdateApiKeySpecification};
use crdb_cloud::models::service_accounts::ServiceAccount;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Keys and the accounts that own them.
type Keys = (Vec<ApiKey>, Vec<ServiceAccount>);

async fn load() -> ApiResult<Keys> {
    let keys = api::call(|c| async move {
        let params = ListApiKeysParams {
            pagination: ListOptions::limit(500),
            ..Default::default()
        };
        c.list_api_keys_all(params).try_collect().await
    })
    .await?;
    Ok((keys, all_service_accounts().await?))
}

/// What the rows share.
#[derive(Clone, Copy)]
struct Ctx {
    data: LocalResource<ApiResult<Keys>>,
    pending: Pending,
    done: RwSignal<Option<String>>,
    renaming: RwSignal<Option<String>>,
}

impl Ctx {
    fn changed(self, message: String) {
        self.renaming.set(None);
        self.done.set(Some(message));
        self.data.refetch();
    }
}

/// A secret just created: (key name, secret).
type Fresh = Option<(String, String)>;

/// The API keys section.
#[component]
pub fn ApiKeysSection() -> impl IntoView {
    let ctx = Ctx {
        data: LocalResource::new(load),
        pending: Pending::new(),
        done: RwSignal::new(None),
        renaming: RwSignal::new(None),
    };
    let fresh = RwSignal::new(None::<(String, String)>);
    view! {
        <section class="card" aria-labelledby="key-new-title">
            <h2 id="key-new-title">"New API key"</h2>
            {move || fresh.get().map(|(name, secret)| view! {
                <SecretOnce
                    title=format!("Secret of API key “{name}”")
                    secret=secret
                    on_done=move || fresh.set(None)
                />
            })}
            {loaded(ctx.data, "Loading service accounts…", move |(_, accounts)| {
                view! { <CreateKey accounts=accounts ctx=ctx fresh=fresh /> }
            })}
        </section>
        <section class="card" aria-labelledby="key-list-title">
            <h2 id="key-list-title">"API keys"</h2>
            {done_note(ctx.done)}
            {ctx.pending.error()}
            {loaded(ctx.data, "Loading API keys…", move |(keys, accounts)| table(keys, accounts, ctx))}
        </section>
    }
}

#[component]
fn CreateKey(accounts: Vec<ServiceAccount>, ctx: Ctx, fresh: RwSignal<Fresh>) -> impl IntoView {
    if accounts.is_empty() {
        return view! {
            <p class="empty">
                "A key acts as a service account: "
                <a href="/organization/service-accounts">"create a service account"</a>
                " first."
            </p>
        }
        .into_any();
    }
    let name = RwSignal::new(String::new());
    let account = RwSignal::new(String::new());
    let pending = Pending::new();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_owned();
        let sa = account.get_untracked();
        if n.is_empty() {
            pending.refuse("Enter a name for the key.");
            return;
        }
        if sa.is_empty() {
            pending.refuse("Choose the service account the key acts as.");
            return;
        }
        let request = CreateApiKeyRequest {
            name: n,
            service_account_id: sa,
        };
        pending.run(
            api::call(move |c| async move { c.create_api_key(&request).await }),
            move |created| {
                let key_name = created.api_key.name.clone();
                fresh.set(Some((key_name.clone(), created.secret)));
                name.set(String::new());
                ctx.changed(format!("API key “{key_name}” created."));
            },
        );
    };
    view! {
        <form novalidate class="form-row" on:submit=submit>
            <div class="field grow">
                <label for="key-name">"Key name"</label>
                <input
                    id="key-name"
                    type="text"
                    autocomplete="off"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </div>
            <div class="field grow">
                <label for="key-account">"Service account"</label>
                <select id="key-account" on:change=move |ev| account.set(event_target_value(&ev))>
                    <option value="" selected=move || account.get().is_empty()>"Choose…"</option>
                    {accounts
                        .into_iter()
                        .map(|sa| {
                            let v = sa.id.clone();
                            view! { <option value=sa.id selected=move || account.get() == v>{sa.name}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button" disabled=move || pending.busy.get()>
                {pending.label("Create key")}
            </button>
        </form>
        {pending.error()}
    }
    .into_any()
}

fn table(keys: Vec<ApiKey>, accounts: Vec<ServiceAccount>, ctx: Ctx) -> AnyView {
    if keys.is_empty() {
        return view! { <div class="empty"><p>"No API keys yet."</p></div> }.into_any();
    }
    let owner = move |id: &str| {
        accounts
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    };
    let rows = keys
        .into_iter()
        .map(|k| {
            let o = owner(&k.service_account_id);
            row(k, o, ctx)
        })
        .collect_view();
    view! {
        <DataTable class="stack" caption="API keys" columns=&["Name", "Service account", "Key id", "Created", ""]>{rows}</DataTable>
    }
    .into_any()
}

fn row(key: ApiKey, owner: String, ctx: Ctx) -> impl IntoView {
    let id = StoredValue::new(key.id.clone());
    let label = key.name.clone();
    let renaming = move || {
        ctx.renaming
            .with(|r| r.as_deref() == Some(id.get_value().as_str()))
    };
    let delete = {
        let label = label.clone();
        move || {
            let (key_id, label) = (id.get_value(), label.clone());
            ctx.pending.run(
                api::call(move |c| async move { c.delete_api_key(&key_id).await }),
                move |_| ctx.changed(format!("API key “{label}” deleted.")),
            );
        }
    };
    let current = key.name.clone();
    view! {
        <tr data-key=label.clone()>
            <th scope="row" data-label="Name">{key.name.clone()}</th>
            <td data-label="Service account">{owner}</td>
            <td data-label="Key id"><code>{key.id.clone()}</code></td>
            <td data-label="Created">{when::minute(&key.created_at)}</td>
            <EditDeleteCell
                edit="Rename"
                target=label.clone()
                open=Signal::derive(renaming)
                on_edit=move || {
                            ctx.pending.failure.set(None);
                            let me = id.get_value();
                            ctx.renaming.update(|r| *r = if r.as_deref() == Some(me.as_str()) { None } else { Some(me) });
                        }
                question=if session::key_id().as_deref() == Some(key.id.as_str()) {
                    format!("Delete “{label}”? It is the key you are signed in with: you will be signed out.")
                } else {
                    format!("Delete “{label}”? Programs using it stop working.")
                }
                busy=ctx.pending.busy
                on_delete=delete
            />
        </tr>
        {move || renaming().then(|| rename_row(id.get_value(), current.clone(), ctx))}
    }
}

fn rename_row(id: String, current: String, ctx: Ctx) -> impl IntoView {
    let text = RwSignal::new(current.clone());
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let field = format!("key-rename-{id}");
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = text.get_untracked().trim().to_owned();
        if n.is_empty() {
            ctx.pending.refuse("The name cannot be empty.");
            return;
        }
        if n == current {
            ctx.renaming.set(None);
            return;
        }
        let spec = UpdateApiKeySpecification { name: Some(n) };
        let id = id.clone();
        ctx.pending.run(
            api::call(move |c| async move { c.update_api_key(&id, &spec).await }),
            move |k| ctx.changed(format!("API key renamed to “{}”.", k.name)),
        );
    };
    view! {
        <tr class="edit-row">
            <td colspan="5">
                <form novalidate
                    class="form-row"
                    on:submit=submit
                    on:keydown=move |ev| if ev.key() == "Escape" { ctx.renaming.set(None) }
                >
                    <div class="field grow">
                        <label for=field.clone()>"New key name"</label>
                        <input
                            id=field
                            type="text"
                            node_ref=input
                            prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))
                        />
                    </div>
                    <button type="submit" class="button small" disabled=move || ctx.pending.busy.get()>
                        {ctx.pending.label("Save name")}
                    </button>
                    <button type="button" class="button secondary small" on:click=move |_| ctx.renaming.set(None)>
                        "Cancel"
                    </button>
                </form>
            </td>
        </tr>
    }
}
