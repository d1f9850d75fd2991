//! The Databases tab: list with table counts, create, rename, delete.

use super::ClusterCtx;
use crate::api::{self, ApiResult};
use crate::components::{ConfirmButton, DataTable, Pending, loaded};
use crate::forms::names::validate_database_name;
use crdb_cloud::futures_util::TryStreamExt;
use crdb_cloud::models::databases::{CreateDatabaseBody, Database, EditDatabaseBody};
use leptos::prelude::*;

/// Every database of the cluster.
pub(super) async fn list(id: String) -> ApiResult<Vec<Database>> {
    api::call(|c| async move { c.list_databases_all(&id).try_collect().await }).await
}

/// Databases and the create form.
#[component]
pub fn DatabasesTab(ctx: ClusterCtx) -> impl IntoView {
    let databases = LocalResource::new(move || list(ctx.id.get()));
    let pending = Pending::new();
    let name = RwSignal::new(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = name.get_untracked().trim().to_owned();
        if let Err(p) = validate_database_name(&wanted) {
            return pending.refuse(p);
        }
        let id = ctx.id();
        let body = CreateDatabaseBody { name: wanted };
        pending.run(
            async move { api::call(|c| async move { c.create_database(&id, &body).await }).await },
            move |_| {
                name.set(String::new());
                databases.refetch();
            },
        );
    };
    view! {
        <form novalidate class="card" on:submit=create aria-labelledby="new-db-title">
            <h2 id="new-db-title">"Create a database"</h2>
            <div class="form-row">
                <div class="field grow">
                    <label for="database-name">"Database name"</label>
                    <input
                        id="database-name"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="button" disabled=move || pending.busy.get()>
                    {pending.label("Create database")}
                </button>
            </div>
            {pending.error()}
        </form>
        <section class="card" aria-labelledby="dbs-title">
            <h2 id="dbs-title">"Databases"</h2>
            {loaded(databases, "Loading databases…", move |list: Vec<Database>| {
                if list.is_empty() {
                    return view! { <p class="empty">"No databases."</p> }.into_any();
                }
                view! {
                    <DataTable class="databases" columns=&["Database", "Tables", ""]>
                                {list
                                    .into_iter()
                                    .map(|d| view! { <DatabaseRow ctx=ctx database=d on_change=move || databases.refetch() /> })
                                    .collect_view()}
                            </DataTable>
                }
                .into_any()
            })}
        </section>
    }
}

/// One database: rename in place, delete.
#[component]
fn DatabaseRow(
    ctx: ClusterCtx,
    database: Database,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let pending = Pending::new();
    let current = StoredValue::new(database.name.clone());
    let renaming = RwSignal::new(false);
    let new_name = RwSignal::new(database.name.clone());
    let field_id = format!("rename-{}", database.name);
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = new_name.get_untracked().trim().to_owned();
        if let Err(p) = validate_database_name(&wanted) {
            return pending.refuse(p);
        }
        let (id, name) = (ctx.id(), current.get_value());
        let body = EditDatabaseBody {
            name: name.clone(),
            new_name: wanted,
        };
        pending.run(
            async move { api::call(|c| async move { c.edit_database(&id, &name, &body).await }).await },
            move |_| on_change(),
        );
    };
    let delete = move || {
        let (id, name) = (ctx.id(), current.get_value());
        pending.run(
            async move { api::call(|c| async move { c.delete_database(&id, &name).await }).await },
            move |_| on_change(),
        );
    };
    let tables = database
        .table_count
        .map_or_else(|| "–".to_owned(), |n| n.to_string());
    let name = database.name.clone();
    view! {
        <tr>
            <th scope="row">
                <Show when=move || renaming.get() fallback=move || current.get_value()>
                    <form novalidate class="form-row" on:submit=rename>
                        <label class="visually-hidden" for=field_id.clone()>
                            {format!("New name for {}", current.get_value())}
                        </label>
                        <input
                            id=field_id.clone()
                            type="text"
                            prop:value=move || new_name.get()
                            on:input=move |ev| new_name.set(event_target_value(&ev))
                        />
                        <button type="submit" class="button small" disabled=move || pending.busy.get()>
                            "Save"
                        </button>
                        <button type="button" class="button secondary small" on:click=move |_| renaming.set(false)>
                            "Cancel"
                        </button>
                    </form>
                </Show>
            </th>
            <td>{tables}</td>
            <td>
                <div class="row-actions">
                    <button
                        type="button"
                        class="button secondary small"
                        aria-label=format!("Rename {name}")
                        on:click=move |_| renaming.set(true)
                    >
                        "Rename"
                    </button>
                    <ConfirmButton
                        label="Delete"
                        question=format!("Delete {name} and its tables?")
                        disabled=pending.busy
                        on_confirm=delete
                    />
                </div>
                {pending.error()}
            </td>
        </tr>
    }
}
