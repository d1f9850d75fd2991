//! Audit log: newest first, filtered by action, actor and first day; the
//! next page loads when the end of the list scrolls into view (an
//! IntersectionObserver on a sentinel), or with the "Load more" button.

use crate::api;
use crate::components::{DataTable, ErrorNote, Pending};
use crate::org::audit::{AuditFeed, AuditFilter, action_label, actor, parse_day, subject};
use crate::when;
use crdb_cloud::models::audit_logs::AuditLogEntry;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{IntersectionObserver, IntersectionObserverEntry};

/// The audit log section.
#[component]
pub fn AuditLogSection() -> impl IntoView {
    let feed = RwSignal::new(AuditFeed::default());
    let filter = RwSignal::new(AuditFilter::default());
    let day_text = RwSignal::new(String::new());
    let day_error = RwSignal::new(None::<String>);
    let pending = Pending::new();
    let started = RwSignal::new(false);
    let sentinel = NodeRef::<leptos::html::Div>::new();
    let observer =
        StoredValue::new_local(None::<(IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>)>);

    // Looks again whether the sentinel is in view: observing anew always
    // reports the current state once.
    let recheck = move || {
        observer.with_value(|o| {
            if let (Some((obs, _)), Some(el)) = (o, sentinel.get_untracked()) {
                obs.unobserve(&el);
                obs.observe(&el);
            }
        })
    };
    let load_more = move || {
        if pending.busy.get_untracked() {
            return;
        }
        let wants = feed.with_untracked(|f| filter.with_untracked(|q| f.wants_more(q)));
        let Some(params) = feed.with_untracked(|f| f.next.clone()) else {
            return;
        };
        if !wants {
            return;
        }
        let asked = params.clone();
        pending.run(
            api::call(move |c| async move { c.list_audit_logs(&params).await }),
            move |page| {
                started.try_set(true);
                feed.try_update(|f| f.add_page(&asked, &page));
                // Let the new rows render, then see if the end is still in view.
                request_animation_frame(recheck);
            },
        );
    };
    load_more();

    Effect::new(move |_| {
        let Some(el) = sentinel.get() else {
            return;
        };
        if observer.with_value(Option::is_some) {
            return;
        }
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let visible = entries.iter().any(|e| {
                e.dyn_into::<IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if visible {
                load_more();
            }
        });
        if let Ok(obs) = IntersectionObserver::new(callback.as_ref().unchecked_ref()) {
            obs.observe(&el);
            observer.set_value(Some((obs, callback)));
        }
    });
    on_cleanup(move || {
        observer.with_value(|o| {
            if let Some((obs, _)) = o {
                obs.disconnect();
            }
        })
    });

    let rows = Memo::new(move |_| feed.with(|f| filter.with(|q| f.visible(q))));
    let actions = Memo::new(move |_| feed.with(AuditFeed::actions));
    let set_filter = move |f: &dyn Fn(&mut AuditFilter)| {
        filter.update(|q| f(q));
        request_animation_frame(recheck);
    };

    view! {
        <section class="card" aria-labelledby="audit-title">
            <h2 id="audit-title">"Audit log"</h2>
            <p class="hint">"Every change made through the API, newest first."</p>
            <div class="table-tools" role="search" aria-label="Filter the audit log">
                <div class="field inline">
                    <label for="audit-action">"Action"</label>
                    <select
                        id="audit-action"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            set_filter(&|q| q.action = (!v.is_empty()).then(|| v.clone()));
                        }
                    >
                        <option value="" selected=move || filter.with(|q| q.action.is_none())>"Any"</option>
                        {move || {
                            actions
                                .get()
                                .into_iter()
                                .map(|(wire, label)| {
                                    let w = wire.clone();
                                    view! {
                                        <option value=wire selected=move || filter.with(|q| q.action.as_deref() == Some(w.as_str()))>
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field inline grow">
                    <label for="audit-actor">"Actor"</label>
                    <input
                        id="audit-actor"
                        type="search"
                        placeholder="Email or service account"
                        prop:value=move || filter.with(|q| q.actor.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            set_filter(&|q| q.actor = v.clone());
                        }
                    />
                </div>
                <div class="field inline">
                    <label for="audit-from">"From (UTC)"</label>
                    <input
                        id="audit-from"
                        type="date"
                        aria-describedby="audit-from-error"
                        prop:value=move || day_text.get()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            day_text.set(v.clone());
                            match parse_day(&v) {
                                Ok(day) => {
                                    day_error.set(None);
                                    set_filter(&|q| q.from = day);
                                }
                                Err(e) => day_error.set(Some(e)),
                            }
                        }
                    />
                    <span id="audit-from-error" class="hint invalid" aria-live="polite">{move || day_error.get()}</span>
                </div>
                <Show when=move || filter.with(AuditFilter::is_active)>
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| {
                            day_text.set(String::new());
                            day_error.set(None);
                            set_filter(&|q| *q = AuditFilter::default());
                        }
                    >
                        "Clear filters"
                    </button>
                </Show>
            </div>
            <p class="count" role="status">
                {move || {
                    let (shown, read) = (rows.with(Vec::len), feed.with(|f| f.entries.len()));
                    if filter.with(AuditFilter::is_active) {
                        format!("{shown} of {read} entries read match")
                    } else {
                        format!("{read} entries read")
                    }
                }}
            </p>
            {move || {
                if !started.get() {
                    return match pending.failure.get() {
                        Some(e) => view! { <ErrorNote error=e /> }.into_any(),
                        None => view! { <p class="loading" role="status">"Loading the audit log…"</p> }.into_any(),
                    };
                }
                if rows.with(Vec::is_empty) {
                    let text = if feed.with(|f| f.entries.is_empty()) {
                        "Nothing has been recorded yet."
                    } else {
                        "No entry read so far matches the filters."
                    };
                    return view! { <div class="empty"><p>{text}</p></div> }.into_any();
                }
                view! {
                    <DataTable class="stack audit" caption="Audit log entries, newest first" columns=&["Time", "Actor", "Action", "Cluster or resource", "Details"]>
                                <For
                                    each=move || rows.get()
                                    key=|e: &AuditLogEntry| (e.id.clone(), e.created_at)
                                    children=entry_row
                                />
                            </DataTable>
                }
                .into_any()
            }}
            {move || started.get().then(|| pending.error())}
            <div class="sentinel" node_ref=sentinel aria-hidden="true"></div>
            <div class="load-more">
                {move || {
                    let more = feed.with(|f| f.next.is_some());
                    if more {
                        view! {
                            <button
                                type="button"
                                class="button secondary"
                                disabled=move || pending.busy.get()
                                on:click=move |_| load_more()
                            >
                                {move || if pending.busy.get() { "Loading…" } else { "Load more" }}
                            </button>
                        }
                        .into_any()
                    } else {
                        view! { <p class="hint end-of-log">"That is the whole log."</p> }.into_any()
                    }
                }}
            </div>
        </section>
    }
}

fn entry_row(e: AuditLogEntry) -> impl IntoView {
    let time = e
        .created_at
        .as_ref()
        .map_or_else(|| "–".to_owned(), when::second);
    let action = e
        .action
        .as_ref()
        .map_or_else(|| "–".to_owned(), action_label);
    let wire = e
        .action
        .as_ref()
        .map(|a| a.as_str().to_owned())
        .unwrap_or_default();
    let payload = e.payload.clone().filter(|p| !p.is_empty());
    let failed = e.error.clone().filter(|p| !p.is_empty());
    view! {
        <tr data-action=wire>
            <td data-label="Time">{time}</td>
            <td data-label="Actor">{actor(&e)}</td>
            <th scope="row" data-label="Action">{action}</th>
            <td data-label="Resource">{subject(&e)}</td>
            <td data-label="Details">
                {failed.map(|f| view! { <span class="badge badge-bad">"Failed"</span>" "{f} })}
                {match payload {
                    Some(p) => view! {
                        <details>
                            <summary>"Payload"</summary>
                            <code class="payload">{p}</code>
                        </details>
                    }
                    .into_any(),
                    None => "–".into_any(),
                }}
            </td>
        </tr>
    }
}
