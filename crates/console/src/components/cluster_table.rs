//! The clusters table: search, filters (plan, state, cloud), sorting by any
//! column, and pages. The logic is in [`crate::logic`]; this is its view.

use super::StateBadge;
use crate::logic::{SortKey, TableQuery, cloud_label, plan_label, regions_label, table_page};
use crdb_cloud::models::clusters::{Cluster, ClusterState};
use crdb_cloud::models::common::{CloudProvider, Plan};
use leptos::prelude::*;
use std::sync::Arc;

fn options<T: Clone + 'static>(
    all: &[T],
    label: fn(&T) -> String,
    wire: fn(&T) -> String,
) -> Vec<(String, String)> {
    all.iter().map(|v| (wire(v), label(v))).collect()
}

/// A filter drop-down: "Any" or one of the values.
fn filter_select(
    id: &'static str,
    label: &'static str,
    choices: Vec<(String, String)>,
    current: Signal<String>,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <div class="field inline">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| set(event_target_value(&ev))>
                <option value="" selected=move || current.get().is_empty()>"Any"</option>
                {choices
                    .into_iter()
                    .map(|(value, text)| {
                        let v = value.clone();
                        view! {
                            <option value=value selected=move || current.get() == v>{text}</option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

fn created(c: &Cluster) -> String {
    c.created_at
        .map(|t| crate::when::minute(&t))
        .unwrap_or_else(|| "–".into())
}

/// The table of clusters. `query` holds search, filters, sort and page, so
/// the page keeps them while the list refreshes.
#[component]
pub fn ClusterTable(
    #[prop(into)] clusters: Signal<Arc<Vec<Cluster>>>,
    query: RwSignal<TableQuery>,
) -> impl IntoView {
    let page = Memo::new(move |_| clusters.with(|all| query.with(|q| table_page(all, q))));
    let total = move || clusters.with(|all| all.len());
    let filtered = move || {
        query.with(|q| {
            !q.search.trim().is_empty()
                || q.plan.is_some()
                || q.state.is_some()
                || q.cloud.is_some()
        })
    };
    let plan = Signal::derive(move || {
        query.with(|q| {
            q.plan
                .as_ref()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default()
        })
    });
    let state = Signal::derive(move || {
        query.with(|q| {
            q.state
                .as_ref()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default()
        })
    });
    let cloud = Signal::derive(move || {
        query.with(|q| {
            q.cloud
                .as_ref()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default()
        })
    });
    let some = |v: String| (!v.is_empty()).then_some(v);

    let header = move |key: SortKey| {
        let sorted = move || query.with(|q| q.sort == key);
        let aria = move || {
            query.with(|q| match (q.sort == key, q.ascending) {
                (false, _) => "none",
                (true, true) => "ascending",
                (true, false) => "descending",
            })
        };
        let arrow = move || {
            query.with(|q| match (q.sort == key, q.ascending) {
                (false, _) => "",
                (true, true) => " ▲",
                (true, false) => " ▼",
            })
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button
                    type="button"
                    class="sort"
                    class:sorted=sorted
                    data-sort=key.label()
                    on:click=move |_| query.update(|q| q.toggle_sort(key))
                >
                    {key.label()}
                    <span aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };

    view! {
        <div class="table-tools" role="search">
            <div class="field inline grow">
                <label for="cluster-search">"Search"</label>
                <input
                    id="cluster-search"
                    type="search"
                    placeholder="Name, id, region or version"
                    prop:value=move || query.with(|q| q.search.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        query.update(|q| {
                            q.search = text;
                            q.page = 0;
                        })
                    }
                />
            </div>
            {filter_select(
                "filter-plan",
                "Plan",
                options(Plan::KNOWN, plan_label, |p| p.as_str().to_owned()),
                plan,
                move |v| query.update(|q| {
                    q.plan = some(v).map(|v| Plan::from(v.as_str()));
                    q.page = 0;
                }),
            )}
            {filter_select(
                "filter-state",
                "State",
                options(ClusterState::KNOWN, |s| s.as_str().to_owned(), |s| s.as_str().to_owned()),
                state,
                move |v| query.update(|q| {
                    q.state = some(v).map(|v| ClusterState::from(v.as_str()));
                    q.page = 0;
                }),
            )}
            {filter_select(
                "filter-cloud",
                "Cloud",
                options(CloudProvider::KNOWN, cloud_label, |c| c.as_str().to_owned()),
                cloud,
                move |v| query.update(|q| {
                    q.cloud = some(v).map(|v| CloudProvider::from(v.as_str()));
                    q.page = 0;
                }),
            )}
        </div>
        <Show
            when=move || { page.with(|p| !p.rows.is_empty()) }
            fallback=move || {
                if total() == 0 {
                    view! {
                        <div class="empty">
                            <p>"No clusters yet."</p>
                            <a class="button" href="/clusters/new">"Create your first cluster"</a>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <div class="empty">
                            <p>"No cluster matches the search and filters."</p>
                            <button
                                type="button"
                                class="button secondary"
                                on:click=move |_| query.update(|q| {
                                    q.search.clear();
                                    q.plan = None;
                                    q.state = None;
                                    q.cloud = None;
                                    q.page = 0;
                                })
                            >
                                "Clear filters"
                            </button>
                        </div>
                    }
                        .into_any()
                }
            }
        >
            <div class="table-wrap">
                <table class="clusters">
                    <caption class="visually-hidden">"Clusters"</caption>
                    <thead>
                        <tr>
                            {header(SortKey::Name)}
                            {header(SortKey::Plan)}
                            {header(SortKey::Cloud)}
                            <th scope="col">"Regions"</th>
                            {header(SortKey::State)}
                            {header(SortKey::Version)}
                            {header(SortKey::Created)}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            page.get()
                                .rows
                                .into_iter()
                                .map(|c| {
                                    let href = format!("/clusters/{}", c.id);
                                    view! {
                                        <tr data-cluster=c.name.clone()>
                                            <th scope="row" data-label="Name">
                                                <a href=href>{c.name.clone()}</a>
                                            </th>
                                            <td data-label="Plan">{plan_label(&c.plan)}</td>
                                            <td data-label="Cloud">{cloud_label(&c.cloud_provider)}</td>
                                            <td data-label="Regions">{regions_label(&c)}</td>
                                            <td data-label="State">
                                                <StateBadge state=c.state.clone() />
                                            </td>
                                            <td data-label="Version">{c.cockroach_version.clone()}</td>
                                            <td data-label="Created">{created(&c)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </Show>
        <nav class="pager" aria-label="Pages">
            <span class="count" role="status">
                {move || {
                    let (matching, all) = (page.with(|p| p.matching), total());
                    let noun = if all == 1 { "cluster" } else { "clusters" };
                    if filtered() {
                        format!("{matching} of {all} {noun}")
                    } else {
                        format!("{all} {noun}")
                    }
                }}
            </span>
            <button
                type="button"
                class="button secondary"
                disabled=move || page.with(|p| p.page == 0)
                on:click=move |_| {
                    let current = page.with_untracked(|p| p.page);
                    query.update(|q| q.page = current.saturating_sub(1))
                }
            >
                "Previous"
            </button>
            <span>{move || page.with(|p| format!("Page {} of {}", p.page + 1, p.pages))}</span>
            <button
                type="button"
                class="button secondary"
                disabled=move || page.with(|p| p.page + 1 >= p.pages)
                on:click=move |_| {
                    let current = page.with_untracked(|p| p.page);
                    query.update(|q| q.page = current + 1)
                }
            >
                "Next"
            </button>
        </nav>
    }
}
