//! The SQL users tab: create a user (with a generated password shown
//! once), give a user a new password, delete a user.

use super::ClusterCtx;
use crate::api::{self, ApiResult};
use crate::components::{ConfirmButton, DataTable, Pending, SecretOnce, loaded};
use crate::forms::names::validate_sql_user_name;
use crate::forms::password::{password_from, validate_password};
use crate::logic::ConsoleError;
use crdb_cloud::futures_util::TryStreamExt;
use crdb_cloud::models::sql_users::{CreateSqlUserBody, SqlUser, UpdateSqlUserPasswordBody};
use leptos::prelude::*;

/// A new random password from the browser's cryptographic generator.
fn generate_password() -> ApiResult<String> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| ConsoleError::local("This browser has no secure random generator."))?;
    let mut bytes = [0u8; 64];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| ConsoleError::local("The browser refused to make random numbers."))?;
    Ok(password_from(&bytes))
}

/// Every SQL user of the cluster.
pub(super) async fn list(id: String) -> ApiResult<Vec<SqlUser>> {
    api::call(|c| async move { c.list_sql_users_all(&id).try_collect().await }).await
}

/// Users, the create form, and the password shown once.
#[component]
pub fn SqlUsersTab(ctx: ClusterCtx) -> impl IntoView {
    let users = LocalResource::new(move || list(ctx.id.get()));
    // (user, password) just set, shown once.
    let secret = RwSignal::new(None::<(String, String)>);
    let pending = Pending::new();
    let name = RwSignal::new(String::new());
    let own_password = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let name_problem = Memo::new(move |_| name.with(|n| validate_sql_user_name(n.trim()).err()));
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if let Some(p) = name_problem.get_untracked() {
            pending.refuse(p);
            return;
        }
        let typed = own_password.get_untracked();
        let password = if typed.is_empty() {
            match generate_password() {
                Ok(p) => p,
                Err(e) => return pending.failure.set(Some(e)),
            }
        } else if let Err(p) = validate_password(&typed) {
            return pending.refuse(p);
        } else {
            typed
        };
        let body = CreateSqlUserBody {
            name: name.get_untracked().trim().to_owned(),
            password: password.clone(),
        };
        let id = ctx.id();
        pending.run(
            async move { api::call(|c| async move { c.create_sql_user(&id, &body).await }).await },
            move |user| {
                secret.set(Some((user.name, password)));
                name.set(String::new());
                own_password.set(String::new());
                touched.set(false);
                users.refetch();
            },
        );
    };
    view! {
        {move || {
            secret
                .get()
                .map(|(user, password)| {
                    view! {
                        <SecretOnce
                            title=format!("Password for {user}")
                            secret=password
                            on_done=move || secret.set(None)
                        />
                    }
                })
        }}
        <form novalidate class="card" on:submit=create aria-labelledby="new-user-title">
            <h2 id="new-user-title">"Create a SQL user"</h2>
            <p class="hint">"New users get the admin role. Leave the password empty to generate a strong one."</p>
            <div class="form-row">
                <div class="field grow">
                    <label for="sql-user-name">"User name"</label>
                    <input
                        id="sql-user-name"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        aria-invalid=move || (touched.get() && name_problem.with(Option::is_some)).to_string()
                        prop:value=move || name.get()
                        on:input=move |ev| {
                            touched.set(true);
                            name.set(event_target_value(&ev));
                        }
                    />
                </div>
                <div class="field grow">
                    <label for="sql-user-password">"Password (optional)"</label>
                    <input
                        id="sql-user-password"
                        type="password"
                        autocomplete="new-password"
                        prop:value=move || own_password.get()
                        on:input=move |ev| own_password.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="button" disabled=move || pending.busy.get()>
                    {pending.label("Create user")}
                </button>
            </div>
            <p class="hint invalid" aria-live="polite">
                {move || touched.get().then(|| name_problem.get()).flatten()}
            </p>
            {pending.error()}
        </form>
        <section class="card" aria-labelledby="users-title">
            <h2 id="users-title">"SQL users"</h2>
            {loaded(users, "Loading SQL users…", move |list: Vec<SqlUser>| {
                if list.is_empty() {
                    return view! { <p class="empty">"No SQL users yet."</p> }.into_any();
                }
                view! {
                    <DataTable class="sql-users" columns=&["User", ""]>
                                {list
                                    .into_iter()
                                    .map(|u| view! { <UserRow ctx=ctx name=u.name secret=secret on_change=move || users.refetch() /> })
                                    .collect_view()}
                            </DataTable>
                }
                .into_any()
            })}
        </section>
    }
}

/// One user with its actions.
#[component]
fn UserRow(
    ctx: ClusterCtx,
    name: String,
    secret: RwSignal<Option<(String, String)>>,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let pending = Pending::new();
    let user = StoredValue::new(name.clone());
    let new_password = move || {
        let password = match generate_password() {
            Ok(p) => p,
            Err(e) => return pending.failure.set(Some(e)),
        };
        let (id, user) = (ctx.id(), user.get_value());
        let body = UpdateSqlUserPasswordBody {
            password: password.clone(),
        };
        pending.run(
            async move {
                api::call(|c| async move { c.update_sql_user_password(&id, &user, &body).await })
                    .await
            },
            move |u| secret.set(Some((u.name, password))),
        );
    };
    let delete = move || {
        let (id, user) = (ctx.id(), user.get_value());
        pending.run(
            async move { api::call(|c| async move { c.delete_sql_user(&id, &user).await }).await },
            move |_| on_change(),
        );
    };
    view! {
        <tr>
            <th scope="row">{name.clone()}</th>
            <td>
                <div class="row-actions">
                    <ConfirmButton
                        label="New password"
                        question=format!("Replace the password of {name}?")
                        disabled=pending.busy
                        on_confirm=new_password
                    />
                    <ConfirmButton
                        label="Delete"
                        question=format!("Delete {name}?")
                        disabled=pending.busy
                        on_confirm=delete
                    />
                </div>
                {pending.error()}
            </td>
        </tr>
    }
}
