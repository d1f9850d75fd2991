//! The Maintenance tab: the weekly maintenance window and blackout windows
//! (Advanced), patch-version deferral, and major-version upgrades (upgrade,
//! roll back, finalize).

use super::ClusterCtx;
use crate::api::{self, ApiResult};
use crate::components::{ConfirmButton, Pending, loaded};
use crate::forms::maintenance::{DAYS, WeeklyWindow, blackout_times};
use crate::when;
use crdb_cloud::ListOptions;
use crdb_cloud::chrono::{TimeDelta, Utc};
use crdb_cloud::futures_util::TryStreamExt;
use crdb_cloud::models::blackout_windows::{
    BlackoutWindow, CreateBlackoutWindowBody, UpdateBlackoutWindowBody,
};
use crdb_cloud::models::clusters::{ClusterUpgradeStatus, UpdateClusterSpecification};
use crdb_cloud::models::common::Plan;
use crdb_cloud::models::maintenance::{
    ClusterVersionDeferral, ClusterVersionDeferralPolicy, ClusterVersionDeferralUpdate,
    MaintenanceWindow,
};
use leptos::prelude::*;

/// The window, or `None` when none is set (the API answers 404).
async fn window(id: String) -> ApiResult<Option<WeeklyWindow>> {
    match api::call(|c| async move { c.get_maintenance_window(&id).await }).await {
        Ok(w) => Ok(Some(WeeklyWindow::from_durations(
            w.offset_duration,
            w.window_duration,
        ))),
        Err(e) if e.status == Some(404) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The versions this cluster may upgrade to.
async fn upgrades(version: String) -> ApiResult<Vec<String>> {
    let list = api::call(|c| async move {
        c.list_major_cluster_versions(&ListOptions::limit(100))
            .await
    })
    .await?;
    Ok(list
        .versions
        .into_iter()
        .find(|v| version == v.version || version.starts_with(&format!("{}.", v.version)))
        .map(|v| v.allowed_upgrades)
        .unwrap_or_default())
}

/// Versions, and on Advanced the deferral and the windows.
#[component]
pub fn MaintenanceTab(ctx: ClusterCtx) -> impl IntoView {
    let advanced = ctx.cluster.get_untracked().plan == Plan::Advanced;
    view! {
        <VersionCard ctx=ctx />
        // The API refuses patch deferral, and windows, on Basic and Standard.
        {if advanced {
            view! {
                <DeferralCard ctx=ctx />
                <WindowCard ctx=ctx />
                <BlackoutCard ctx=ctx />
            }
            .into_any()
        } else {
            view! {
                <section class="card">
                    <h2>"Patch deferral, maintenance and blackout windows"</h2>
                    <p class="empty">
                        "Patch deferral and maintenance and blackout windows are for Advanced clusters; "
                        "Basic and Standard clusters are patched by CockroachDB Cloud."
                    </p>
                </section>
            }
            .into_any()
        }}
    }
}

/// Major-version upgrade, roll back and finalize.
#[component]
fn VersionCard(ctx: ClusterCtx) -> impl IntoView {
    let targets =
        LocalResource::new(move || upgrades(ctx.cluster.with(|c| c.cockroach_version.clone())));
    let pending = Pending::new();
    let send = move |spec: UpdateClusterSpecification| {
        let id = ctx.id();
        pending.run(
            async move { api::call(|c| async move { c.update_cluster(&id, &spec).await }).await },
            move |_| ctx.reload.run(()),
        );
    };
    let status = move || ctx.cluster.with(|c| c.upgrade_status.clone());
    view! {
        <section class="card" aria-labelledby="version-title">
            <h2 id="version-title">"Version"</h2>
            <dl class="spec">
                <dt>"Running"</dt>
                <dd>{move || ctx.cluster.with(|c| c.cockroach_version.clone())}</dd>
                <dt>"Upgrade status"</dt>
                <dd class="upgrade-status">{move || status().as_str().to_owned()}</dd>
            </dl>
            {pending.error()}
            {move || match status() {
                ClusterUpgradeStatus::PendingFinalization => view! {
                    <p class="hint">"The upgrade is done but not final: finalize it, or roll back to the previous version."</p>
                    <div class="actions">
                        <ConfirmButton
                            label="Finalize upgrade"
                            question="Finalize? Rolling back is no longer possible afterwards."
                            disabled=pending.busy
                            on_confirm=move || send(UpdateClusterSpecification {
                                upgrade_status: Some(ClusterUpgradeStatus::Finalized),
                                ..Default::default()
                            })
                        />
                        <ConfirmButton
                            label="Roll back"
                            question="Roll back to the previous version?"
                            disabled=pending.busy
                            on_confirm=move || send(UpdateClusterSpecification {
                                upgrade_status: Some(ClusterUpgradeStatus::RollbackRunning),
                                ..Default::default()
                            })
                        />
                    </div>
                }
                .into_any(),
                ClusterUpgradeStatus::UpgradeAvailable => loaded(targets, "Loading versions…", move |list: Vec<String>| {
                    list.into_iter()
                        .map(|v| {
                            let target = v.clone();
                            view! {
                                <ConfirmButton
                                    label=format!("Upgrade to {v}")
                                    question=format!("Upgrade the cluster to {v}? Nodes restart one at a time.")
                                    disabled=pending.busy
                                    on_confirm=move || send(UpdateClusterSpecification {
                                        cockroach_version: Some(target.clone()),
                                        ..Default::default()
                                    })
                                />
                            }
                        })
                        .collect_view()
                })
                .into_any(),
                ClusterUpgradeStatus::Finalized => view! { <p class="hint">"This is the newest version."</p> }.into_any(),
                _ => view! { <p class="notice" role="status">"An upgrade or roll back is running."</p> }.into_any(),
            }}
        </section>
    }
}

const POLICIES: [(ClusterVersionDeferralPolicy, &str); 4] = [
    (
        ClusterVersionDeferralPolicy::NotDeferred,
        "Apply patches when released",
    ),
    (
        ClusterVersionDeferralPolicy::Deferral30Days,
        "Defer patches 30 days",
    ),
    (
        ClusterVersionDeferralPolicy::Deferral60Days,
        "Defer patches 60 days",
    ),
    (
        ClusterVersionDeferralPolicy::Deferral90Days,
        "Defer patches 90 days",
    ),
];

/// Patch-version deferral.
#[component]
fn DeferralCard(ctx: ClusterCtx) -> impl IntoView {
    let deferral = LocalResource::new(move || {
        let id = ctx.id.get();
        async move { api::call(|c| async move { c.get_cluster_version_deferral(&id).await }).await }
    });
    view! {
        <section class="card" aria-labelledby="deferral-title">
            <h2 id="deferral-title">"Patch upgrades"</h2>
            {loaded(deferral, "Loading…", move |d: ClusterVersionDeferral| {
                view! { <DeferralForm ctx=ctx deferral=d /> }
            })}
        </section>
    }
}

#[component]
fn DeferralForm(ctx: ClusterCtx, deferral: ClusterVersionDeferral) -> impl IntoView {
    let policy = RwSignal::new(deferral.deferral_policy.as_str().to_owned());
    let until = RwSignal::new(deferral.deferred_until);
    let pending = Pending::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = ctx.id();
        let update = ClusterVersionDeferralUpdate {
            deferral_policy: ClusterVersionDeferralPolicy::from(policy.get_untracked().as_str()),
            deferred_until: None,
        };
        pending.run(
            async move {
                api::call(|c| async move { c.set_cluster_version_deferral(&id, &update).await })
                    .await
            },
            move |d| until.set(d.deferred_until),
        );
    };
    view! {
        <form novalidate class="form-row" on:submit=submit>
            <div class="field">
                <label for="deferral-policy">"Policy"</label>
                <select id="deferral-policy" on:change=move |ev| policy.set(event_target_value(&ev))>
                    {POLICIES
                        .iter()
                        .map(|(p, label)| {
                            let value = p.as_str().to_owned();
                            let v = value.clone();
                            view! {
                                <option value=value selected=move || policy.get() == v>{*label}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button" disabled=move || pending.busy.get()>
                {pending.label("Save policy")}
            </button>
        </form>
        <p class="hint">
            {move || until.get().map(|t| format!("Next patch not before {}.", when::day(&t)))}
        </p>
        {pending.error()}
    }
}

/// The weekly maintenance window.
#[component]
fn WindowCard(ctx: ClusterCtx) -> impl IntoView {
    let current = LocalResource::new(move || window(ctx.id.get()));
    view! {
        <section class="card" aria-labelledby="window-title">
            <h2 id="window-title">"Maintenance window"</h2>
            {loaded(current, "Loading…", move |w: Option<WeeklyWindow>| {
                view! { <WindowForm ctx=ctx current=w on_change=move || current.refetch() /> }
            })}
        </section>
    }
}

#[component]
fn WindowForm(
    ctx: ClusterCtx,
    current: Option<WeeklyWindow>,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let w = RwSignal::new(current.unwrap_or_default());
    let pending = Pending::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (offset, length) = match w.get_untracked().to_durations() {
            Ok(d) => d,
            Err(p) => return pending.refuse(p),
        };
        let id = ctx.id();
        let body = MaintenanceWindow {
            offset_duration: offset,
            window_duration: length,
        };
        pending.run(
            async move {
                api::call(|c| async move { c.set_maintenance_window(&id, &body).await }).await
            },
            move |_| on_change(),
        );
    };
    let remove = move || {
        let id = ctx.id();
        pending.run(
            async move { api::call(|c| async move { c.delete_maintenance_window(&id).await }).await },
            move |_| on_change(),
        );
    };
    view! {
        <p class="window-now">
            {match current {
                Some(c) => format!("Now: {}", c.describe()),
                None => "No maintenance window: maintenance may happen at any time.".to_owned(),
            }}
        </p>
        <form novalidate on:submit=submit>
            <div class="form-row">
                <div class="field">
                    <label for="window-day">"Day (UTC)"</label>
                    <select id="window-day" on:change=move |ev| w.update(|w| w.day = event_target_value(&ev).parse().unwrap_or(0))>
                        {DAYS
                            .iter()
                            .enumerate()
                            .map(|(i, d)| {
                                let i = u8::try_from(i).unwrap_or(0);
                                view! { <option value=i.to_string() selected=move || w.get().day == i>{*d}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="window-hour">"Starts at (UTC)"</label>
                    <select id="window-hour" on:change=move |ev| w.update(|w| w.hour = event_target_value(&ev).parse().unwrap_or(0))>
                        {(0u8..24)
                            .map(|h| view! { <option value=h.to_string() selected=move || w.get().hour == h>{format!("{h:02}:00")}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="window-hours">"Length (hours)"</label>
                    <input
                        id="window-hours"
                        type="number"
                        min="6"
                        max="167"
                        prop:value=move || w.get().hours.to_string()
                        on:input=move |ev| w.update(|w| w.hours = event_target_value(&ev).trim().parse().unwrap_or(0))
                    />
                </div>
            </div>
            <p class="hint">{move || w.get().describe()}</p>
            {pending.error()}
            <div class="actions">
                <button type="submit" class="button" disabled=move || pending.busy.get()>
                    {pending.label("Save window")}
                </button>
                {current.is_some().then(|| view! {
                    <ConfirmButton label="Remove window" question="Remove the maintenance window?" disabled=pending.busy on_confirm=remove />
                })}
            </div>
        </form>
    }
}

/// Every blackout window of the cluster.
async fn blackouts(id: String) -> ApiResult<Vec<BlackoutWindow>> {
    api::call(|c| async move { c.list_blackout_windows_all(&id).try_collect().await }).await
}

/// Blackout windows: list, add, remove.
#[component]
fn BlackoutCard(ctx: ClusterCtx) -> impl IntoView {
    let list = LocalResource::new(move || blackouts(ctx.id.get()));
    let soon = Utc::now() + TimeDelta::days(8);
    let start = RwSignal::new(when::input(&soon));
    let end = RwSignal::new(when::input(&(soon + TimeDelta::days(1))));
    let pending = Pending::new();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let times = blackout_times(&start.get_untracked(), &end.get_untracked(), Utc::now());
        let (start_time, end_time) = match times {
            Ok(t) => t,
            Err(p) => return pending.refuse(p),
        };
        let id = ctx.id();
        let body = CreateBlackoutWindowBody {
            start_time,
            end_time,
        };
        pending.run(
            async move {
                api::call(|c| async move { c.create_blackout_window(&id, &body).await }).await
            },
            move |_| list.refetch(),
        );
    };
    view! {
        <section class="card" aria-labelledby="blackout-title">
            <h2 id="blackout-title">"Blackout windows"</h2>
            <p class="hint">"No disruptive maintenance during these periods: up to 14 days each, set at least 7 days ahead."</p>
            <form novalidate class="form-row" on:submit=add>
                <div class="field">
                    <label for="blackout-start">"Start (UTC)"</label>
                    <input id="blackout-start" type="datetime-local" prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="blackout-end">"End (UTC)"</label>
                    <input id="blackout-end" type="datetime-local" prop:value=move || end.get() on:input=move |ev| end.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="button" disabled=move || pending.busy.get()>
                    {pending.label("Add blackout window")}
                </button>
            </form>
            {pending.error()}
            {loaded(list, "Loading blackout windows…", move |windows: Vec<BlackoutWindow>| {
                if windows.is_empty() {
                    return view! { <p class="empty">"No blackout windows."</p> }.into_any();
                }
                view! {
                    <ul class="blackouts">
                        {windows
                            .into_iter()
                            .map(|b| view! { <BlackoutItem ctx=ctx window=b on_change=move || list.refetch() /> })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}

/// One blackout window: its span, a form to move it, and remove.
#[component]
fn BlackoutItem(
    ctx: ClusterCtx,
    window: BlackoutWindow,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let span = format!(
        "{} → {}",
        when::minute(&window.start_time),
        when::minute(&window.end_time)
    );
    let window_id = StoredValue::new(window.id.clone());
    let editing = RwSignal::new(false);
    let start = RwSignal::new(when::input(&window.start_time));
    let end = RwSignal::new(when::input(&window.end_time));
    let pending = Pending::new();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let times = blackout_times(&start.get_untracked(), &end.get_untracked(), Utc::now());
        let (start_time, end_time) = match times {
            Ok(t) => t,
            Err(p) => return pending.refuse(p),
        };
        let (id, window) = (ctx.id(), window_id.get_value());
        let body = UpdateBlackoutWindowBody {
            start_time: Some(start_time),
            end_time: Some(end_time),
        };
        pending.run(
            async move {
                api::call(|c| async move { c.update_blackout_window(&id, &window, &body).await })
                    .await
            },
            move |_| on_change(),
        );
    };
    let remove = move || {
        let (id, window) = (ctx.id(), window_id.get_value());
        pending.run(
            async move {
                api::call(|c| async move { c.delete_blackout_window(&id, &window).await }).await
            },
            move |_| on_change(),
        );
    };
    let question = format!("Remove the blackout {span}?");
    let (start_id, end_id) = (
        format!("blackout-start-{}", window.id),
        format!("blackout-end-{}", window.id),
    );
    view! {
        <li>
            <span class="blackout-span">{span.clone()}</span>
            <button
                type="button"
                class="button secondary small"
                aria-expanded=move || editing.get().to_string()
                aria-label=format!("Change the blackout {span}")
                on:click=move |_| editing.update(|e| *e = !*e)
            >
                "Change"
            </button>
            <ConfirmButton label="Remove" question=question disabled=pending.busy on_confirm=remove />
            <Show when=move || editing.get()>
                <form novalidate class="form-row" on:submit=save>
                    <div class="field">
                        <label for=start_id.clone()>"New start (UTC)"</label>
                        <input id=start_id.clone() type="datetime-local" prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for=end_id.clone()>"New end (UTC)"</label>
                        <input id=end_id.clone() type="datetime-local" prop:value=move || end.get() on:input=move |ev| end.set(event_target_value(&ev)) />
                    </div>
                    <button type="submit" class="button small" disabled=move || pending.busy.get()>
                        {pending.label("Save")}
                    </button>
                </form>
            </Show>
            {pending.error()}
        </li>
    }
}
