//! The Backup and restore tab: managed-backup settings, the backups kept,
//! and restores with their progress until SUCCESS or FAILED.

use super::ClusterCtx;
use crate::api::{self, ApiResult};
use crate::components::{ConfirmButton, DataTable, Pending, loaded};
use crate::forms::backup_settings::{backup_update, retention_already_changed};
use crate::forms::restore::ObjectRestore;
use crate::pages::every;
use crate::when;
use crdb_cloud::ListOptions;
use crdb_cloud::api::backups::{ListBackupsParams, ListRestoresParams};
use crdb_cloud::models::backups::{
    BackupConfiguration, BackupSummary, CreateRestoreBody, Restore, RestoreStatus, RestoreType,
};
use crdb_cloud::models::common::Plan;
use leptos::prelude::*;
use std::time::Duration;

/// Backup frequencies the API accepts, in minutes.
const FREQUENCIES: [(i32, &str); 7] = [
    (5, "Every 5 minutes"),
    (10, "Every 10 minutes"),
    (15, "Every 15 minutes"),
    (30, "Every 30 minutes"),
    (60, "Every hour"),
    (240, "Every 4 hours"),
    (1440, "Every day"),
];
/// Retention periods the API accepts, in days.
const RETENTIONS: [i32; 5] = [2, 7, 30, 90, 365];

/// The newest backups (one page).
async fn backups(id: String) -> ApiResult<Vec<BackupSummary>> {
    let params = ListBackupsParams {
        pagination: ListOptions::limit(20),
        ..Default::default()
    };
    api::call(|c| async move { c.list_backups(&id, &params).await })
        .await
        .map(|r| r.backups)
}

/// The restores into this cluster, newest first.
async fn restores(id: String) -> ApiResult<Vec<Restore>> {
    let params = ListRestoresParams {
        pagination: ListOptions::limit(50),
        ..Default::default()
    };
    let mut list = api::call(|c| async move { c.list_restores(&id, &params).await })
        .await?
        .restores;
    list.sort_by_key(|r| std::cmp::Reverse(r.created_at));
    Ok(list)
}

/// Settings, backups and restores.
#[component]
pub fn BackupsTab(ctx: ClusterCtx) -> impl IntoView {
    let config = LocalResource::new(move || {
        let id = ctx.id.get();
        async move { api::call(|c| async move { c.get_backup_configuration(&id).await }).await }
    });
    let kept = LocalResource::new(move || backups(ctx.id.get()));
    let restores = LocalResource::new(move || restores(ctx.id.get()));
    // Follow restores until none is PENDING.
    every(Duration::from_secs(1), move || {
        let running = restores
            .get_untracked()
            .is_some_and(|r| r.is_ok_and(|l| l.iter().any(|r| r.status == RestoreStatus::Pending)));
        if running {
            restores.refetch();
        }
    });
    let pending = Pending::new();
    let restore = move |backup_id: Option<String>| {
        let id = ctx.id();
        let body = CreateRestoreBody {
            restore_type: RestoreType::Cluster,
            backup_id,
            source_cluster_id: Some(id.clone()),
            ..Default::default()
        };
        pending.run(
            async move { api::call(|c| async move { c.create_restore(&id, &body).await }).await },
            move |_| {
                restores.refetch();
                // The restore locks the cluster: the header says so at once.
                ctx.reload.run(());
            },
        );
    };
    let basic = move || ctx.cluster.with(|c| c.plan == Plan::Basic);
    let advanced = move || ctx.cluster.with_untracked(|c| c.plan == Plan::Advanced);
    view! {
        <section class="card" aria-labelledby="backup-settings-title">
            <h2 id="backup-settings-title">"Backup settings"</h2>
            {loaded(config, "Loading backup settings…", move |c: BackupConfiguration| {
                view! { <SettingsForm ctx=ctx config=c read_only=basic() /> }
            })}
        </section>
        <section class="card" aria-labelledby="restores-title">
            <h2 id="restores-title">"Restores"</h2>
            <p class="hint">"A restore replaces the cluster's data with a backup's. Data written since is lost."</p>
            <ConfirmButton
                label="Restore the newest backup"
                question="Restore the whole cluster from its newest backup?"
                disabled=pending.busy
                on_confirm=move || restore(None)
            />
            {pending.error()}
            {advanced().then(|| view! { <ObjectRestoreForm ctx=ctx on_started=move || restores.refetch() /> })}
            {loaded(restores, "Loading restores…", |list: Vec<Restore>| {
                if list.is_empty() {
                    return view! { <p class="empty">"No restores yet."</p> }.into_any();
                }
                view! {
                    <DataTable class="restores" columns=&["Started", "Backup from", "Type", "Status"]>{list.into_iter().map(restore_row).collect_view()}</DataTable>
                }
                .into_any()
            })}
        </section>
        <section class="card" aria-labelledby="backups-title">
            <h2 id="backups-title">"Backups"</h2>
            {loaded(kept, "Loading backups…", move |list: Vec<BackupSummary>| {
                if list.is_empty() {
                    return view! { <p class="empty">"No backups kept yet."</p> }.into_any();
                }
                view! {
                    <DataTable class="backups" columns=&["Taken", "Backup id", ""]>
                                {list
                                    .into_iter()
                                    .map(|b| {
                                        let taken = when::second(&b.as_of_time);
                                        let backup = b.id.clone();
                                        view! {
                                            <tr>
                                                <th scope="row">{taken.clone()}</th>
                                                <td><code>{b.id}</code></td>
                                                <td>
                                                    <ConfirmButton
                                                        label="Restore"
                                                        question=format!("Restore the cluster to {taken}?")
                                                        disabled=pending.busy
                                                        on_confirm=move || restore(Some(backup.clone()))
                                                    />
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </DataTable>
                }
                .into_any()
            })}
        </section>
    }
}

/// Advanced clusters: restore one database (optionally under a new name)
/// or one table from the newest backup.
#[component]
fn ObjectRestoreForm(
    ctx: ClusterCtx,
    on_started: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let draft = RwSignal::new(ObjectRestore::default());
    let pending = Pending::new();
    let is_table = move || draft.with(|d| d.kind == RestoreType::Table);
    // The cluster's databases, which the names are checked against.
    let databases = LocalResource::new(move || super::databases::list(ctx.id.get()));
    let names = Memo::new(move |_| {
        databases
            .get()
            .and_then(Result::ok)
            .map(|l| l.into_iter().map(|d| d.name).collect::<Vec<_>>())
    });
    let problem = Memo::new(move |_| match names.get() {
        None => Some("Reading the cluster's databases…".to_owned()),
        Some(names) => draft.with(|d| d.to_body(&names)).err(),
    });
    let typed = move || draft.with(|d| !d.database.trim().is_empty() || !d.table.trim().is_empty());
    let start = move || {
        let names = names.get_untracked().unwrap_or_default();
        let body = match draft.with_untracked(|d| d.to_body(&names)) {
            Ok(b) => b,
            Err(p) => return pending.refuse(p),
        };
        let id = ctx.id();
        pending.run(
            async move { api::call(|c| async move { c.create_restore(&id, &body).await }).await },
            move |_| on_started(),
        );
    };
    let submit = move |ev: leptos::ev::SubmitEvent| ev.prevent_default();
    let text = move |id: &'static str,
                     label: &'static str,
                     get: fn(&ObjectRestore) -> String,
                     set: fn(&mut ObjectRestore, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    type="text"
                    spellcheck="false"
                    prop:value=move || draft.with(get)
                    on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
                />
            </div>
        }
    };
    view! {
        <form novalidate class="object-restore" on:submit=submit>
            <fieldset>
                <legend>"Restore one database or table from the newest backup"</legend>
                <div class="form-row">
                    <div class="field">
                        <label for="restore-kind">"What"</label>
                        <select
                            id="restore-kind"
                            on:change=move |ev| {
                                let kind = RestoreType::from(event_target_value(&ev).as_str());
                                draft.update(|d| d.kind = kind);
                            }
                        >
                            <option value="DATABASE">"A database"</option>
                            <option value="TABLE">"A table"</option>
                        </select>
                    </div>
                    {text("restore-database", "Database", |d| d.database.clone(), |d, v| d.database = v)}
                    <Show
                        when=is_table
                        fallback=move || text("restore-new-name", "New name (optional)", |d| d.new_name.clone(), |d, v| d.new_name = v)
                    >
                        {text("restore-table", "Table (schema.table)", |d| d.table.clone(), |d, v| d.table = v)}
                    </Show>
                    <ConfirmButton
                        label="Start restore"
                        question="Restore it from the newest backup? What is there now is replaced."
                        disabled=Signal::derive(move || pending.busy.get() || problem.with(Option::is_some))
                        on_confirm=start
                    />
                </div>
                <p class="hint invalid" aria-live="polite">
                    {move || typed().then(|| problem.get()).flatten()}
                </p>
                {pending.error()}
            </fieldset>
        </form>
    }
}

/// One restore with its progress.
fn restore_row(r: Restore) -> impl IntoView {
    let percent = (f64::from(r.completion_percent) * 100.0).round();
    let (tone, status) = match r.status {
        RestoreStatus::Success => ("badge badge-ok", "SUCCESS".to_owned()),
        RestoreStatus::Failed => ("badge badge-bad", "FAILED".to_owned()),
        RestoreStatus::Pending => ("badge badge-busy", format!("PENDING {percent}%")),
        ref other => ("badge badge-off", other.as_str().to_owned()),
    };
    let failure = r.client_error_message.clone();
    view! {
        <tr class="restore" data-status=r.status.as_str().to_owned()>
            <th scope="row">{when::second(&r.created_at)}</th>
            <td>{when::second(&r.backup_end_time)}</td>
            <td>{r.restore_type.as_str().to_owned()}</td>
            <td>
                <span class=tone>{status}</span>
                <progress max="100" value=percent.to_string() aria-label="Restore progress"></progress>
                {failure.map(|m| view! { <p class="hint invalid">{m}</p> })}
            </td>
        </tr>
    }
}

/// The settings form (read-only on Basic, which cannot change them).
#[component]
fn SettingsForm(ctx: ClusterCtx, config: BackupConfiguration, read_only: bool) -> impl IntoView {
    let enabled = RwSignal::new(config.enabled);
    let frequency = RwSignal::new(config.frequency_minutes);
    let retention = RwSignal::new(config.retention_days);
    // What the API holds now, which the next change is measured against.
    let saved_config = StoredValue::new(config);
    // Retention may change once; after that the field is locked.
    let retention_locked = RwSignal::new(false);
    let pending = Pending::new();
    let saved = RwSignal::new(false);
    Effect::new(move |_| {
        let refused = pending.failure.with(|f| {
            f.as_ref()
                .is_some_and(|e| retention_already_changed(&e.to_string()))
        });
        if refused {
            retention_locked.set(true);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let id = ctx.id();
        let wanted = BackupConfiguration {
            enabled: enabled.get_untracked(),
            frequency_minutes: frequency.get_untracked(),
            retention_days: retention.get_untracked(),
        };
        let spec = saved_config.with_value(|s| backup_update(s, &wanted));
        let retention_changes = spec.retention_days.is_some();
        pending.run(
            async move {
                api::call(|c| async move { c.update_backup_configuration(&id, &spec).await }).await
            },
            move |now| {
                if retention_changes {
                    retention_locked.set(true);
                }
                retention.set(now.retention_days);
                saved_config.set_value(now);
                saved.set(true);
            },
        );
    };
    let off = move || !enabled.get();
    view! {
        <form novalidate on:submit=submit>
            <fieldset disabled=read_only>
                <div class="field check">
                    <input
                        id="backups-enabled"
                        type="checkbox"
                        prop:checked=move || enabled.get()
                        on:change=move |ev| enabled.set(event_target_checked(&ev))
                    />
                    <label for="backups-enabled">"Managed backups enabled"</label>
                </div>
                <div class="form-row">
                    <div class="field">
                        <label for="backup-frequency">"Frequency"</label>
                        <select
                            id="backup-frequency"
                            disabled=off
                            on:change=move |ev| frequency.set(event_target_value(&ev).parse().unwrap_or(60))
                        >
                            {FREQUENCIES
                                .iter()
                                .map(|(m, label)| {
                                    let m = *m;
                                    view! {
                                        <option value=m.to_string() selected=move || frequency.get() == m>
                                            {*label}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="backup-retention">"Retention"</label>
                        <select
                            id="backup-retention"
                            disabled=move || off() || retention_locked.get()
                            on:change=move |ev| retention.set(event_target_value(&ev).parse().unwrap_or(30))
                        >
                            {RETENTIONS
                                .iter()
                                .map(|d| {
                                    let d = *d;
                                    view! {
                                        <option value=d.to_string() selected=move || retention.get() == d>
                                            {format!("{d} days")}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                </div>
                <p class="hint">
                    {move || match (off(), retention_locked.get()) {
                        (true, _) => "Backups are off: frequency and retention apply once they are on again.",
                        (false, true) => "Retention has had its one allowed change; ask support to change it again.",
                        (false, false) => "Retention can be changed only once per cluster.",
                    }}
                </p>
                {read_only.then(|| view! { <p class="hint">"Basic clusters keep the default backup settings."</p> })}
                {pending.error()}
                <Show when=move || saved.get()>
                    <p class="hint valid" role="status">"Backup settings saved."</p>
                </Show>
                <button type="submit" class="button" disabled=move || pending.busy.get()>
                    {pending.label("Save settings")}
                </button>
            </fieldset>
        </form>
    }
}
