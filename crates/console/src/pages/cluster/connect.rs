//! The Connect dialog: pick a SQL user, a database, the operating system
//! and the tool; the string comes from `GetConnectionString` with those
//! parameters, with the password's place marked.

use super::{ClusterCtx, databases, sql_users};
use crate::api::{self, ApiResult};
use crate::components::{CopyButton, loaded};
use crate::forms::connect::{PASSWORD, Tool, snippet};
use crdb_cloud::api::clusters::ConnectionStringParams;
use crdb_cloud::models::clusters::{GetConnectionStringResponse, OperatingSystem};
use leptos::html::Dialog;
use leptos::prelude::*;

/// What the dialog asks the API for.
#[derive(Debug, Clone, PartialEq)]
struct Choice {
    user: String,
    database: String,
    os: OperatingSystem,
}

async fn connection(id: String, choice: Choice) -> ApiResult<GetConnectionStringResponse> {
    let params = ConnectionStringParams {
        database: Some(choice.database).filter(|d| !d.is_empty()),
        sql_user: Some(choice.user).filter(|u| !u.is_empty()),
        os: Some(choice.os),
    };
    api::call(|c| async move { c.get_connection_string(&id, &params).await }).await
}

/// A select of `choices` (value = label) bound to `value`.
fn pick(
    id: &'static str,
    label: &'static str,
    choices: Vec<(String, String)>,
    value: Signal<String>,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| set(event_target_value(&ev))>
                {choices
                    .into_iter()
                    .map(|(v, text)| {
                        let is = v.clone();
                        view! { <option value=v selected=move || value.get() == is>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The snippet with the password placeholder marked.
fn marked(text: String) -> impl IntoView {
    let parts: Vec<String> = text.split(PASSWORD).map(str::to_owned).collect();
    let last = parts.len().saturating_sub(1);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            view! {
                {part}
                {(i < last).then(|| view! { <mark class="password-slot">{PASSWORD}</mark> })}
            }
        })
        .collect_view()
}

/// The "Connect" button and its dialog.
#[component]
pub fn ConnectDialog(ctx: ClusterCtx) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let open = RwSignal::new(false);
    let users = LocalResource::new(move || {
        let (id, open) = (ctx.id.get(), open.get());
        async move {
            if open {
                sql_users::list(id).await
            } else {
                Ok(Vec::new())
            }
        }
    });
    let dbs = LocalResource::new(move || {
        let (id, open) = (ctx.id.get(), open.get());
        async move {
            if open {
                databases::list(id).await
            } else {
                Ok(Vec::new())
            }
        }
    });
    let user = RwSignal::new(String::new());
    let database = RwSignal::new("defaultdb".to_owned());
    let os = RwSignal::new(OperatingSystem::Linux);
    let tool = RwSignal::new(Tool::CockroachSql);
    // The first SQL user, once the list is in.
    Effect::new(move |_| {
        if let Some(Ok(list)) = users.get()
            && user.get_untracked().is_empty()
            && let Some(first) = list.first()
        {
            user.set(first.name.clone());
        }
    });
    let answer = LocalResource::new(move || {
        let choice = Choice {
            user: user.get(),
            database: database.get(),
            os: os.get(),
        };
        let (id, open) = (ctx.id.get(), open.get());
        async move {
            if open {
                connection(id, choice).await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    let text = Signal::derive(move || {
        let t = tool.get();
        answer
            .get()
            .and_then(Result::ok)
            .flatten()
            .map(|a| snippet(t, &a))
            .unwrap_or_default()
    });
    let show = move |_| {
        open.set(true);
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let os_choices = [
        (OperatingSystem::Linux, "Linux"),
        (OperatingSystem::Mac, "macOS"),
        (OperatingSystem::Windows, "Windows"),
    ];
    view! {
        <p class="hint">"Connection strings for a SQL user, a database and your tool."</p>
        <button type="button" class="button" on:click=show>"Connect…"</button>
        <dialog node_ref=dialog class="card connect-dialog" aria-labelledby="connect-dialog-title">
            <h2 id="connect-dialog-title">"Connect to the cluster"</h2>
            <div class="form-row">
                {loaded(users, "Loading SQL users…", move |list: Vec<crdb_cloud::models::sql_users::SqlUser>| {
                    if list.is_empty() {
                        return view! {
                            <p class="notice">"No SQL user yet: create one on the SQL users tab."</p>
                        }
                        .into_any();
                    }
                    let choices = list.into_iter().map(|u| (u.name.clone(), u.name)).collect();
                    pick("connect-user", "SQL user", choices, user.into(), move |v| user.set(v)).into_any()
                })}
                {loaded(dbs, "Loading databases…", move |list: Vec<crdb_cloud::models::databases::Database>| {
                    let mut choices: Vec<(String, String)> =
                        list.into_iter().map(|d| (d.name.clone(), d.name)).collect();
                    if choices.is_empty() {
                        choices.push(("defaultdb".into(), "defaultdb".into()));
                    }
                    pick("connect-database", "Database", choices, database.into(), move |v| database.set(v))
                })}
                {pick(
                    "connect-os",
                    "Operating system",
                    os_choices.iter().map(|(o, l)| (o.as_str().to_owned(), (*l).to_owned())).collect(),
                    Signal::derive(move || os.get().as_str().to_owned()),
                    move |v| os.set(OperatingSystem::from(v.as_str())),
                )}
                {pick(
                    "connect-tool",
                    "Tool",
                    Tool::ALL.iter().map(|t| (t.id().to_owned(), t.label().to_owned())).collect(),
                    Signal::derive(move || tool.get().id().to_owned()),
                    move |v| tool.set(Tool::from_id(&v)),
                )}
            </div>
            {move || answer.get().and_then(Result::err).map(|e| view! { <crate::components::ErrorNote error=e /> })}
            <pre class="snippet" aria-label="Connection string"><code>{move || marked(text.get())}</code></pre>
            <p class="hint">
                "Put the SQL user's password where "
                <mark class="password-slot">{PASSWORD}</mark>
                " is. The console never knows it; set a new one on the SQL users tab if it is lost."
            </p>
            <div class="wizard-buttons">
                <CopyButton text=text label="Copy the connection string" />
                <button type="button" class="button secondary" on:click=close>"Close"</button>
            </div>
        </dialog>
    }
}
