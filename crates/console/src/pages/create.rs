//! The create-cluster wizard: plan → cloud → regions → capacity → name →
//! review → create, then on to the new cluster.

use crate::api;
use crate::components::{CapacityFields, ErrorNote, NameField, loaded};
use crate::logic::{ClusterDraft, ConsoleError, cloud_label, plan_label, validate_cluster_name};
use crdb_cloud::models::clusters::CloudProviderRegion;
use crdb_cloud::models::common::{CloudProvider, Plan};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Plan,
    Cloud,
    Regions,
    Capacity,
    Name,
    Review,
}

impl Step {
    const ALL: [Step; 6] = [
        Step::Plan,
        Step::Cloud,
        Step::Regions,
        Step::Capacity,
        Step::Name,
        Step::Review,
    ];

    fn label(self) -> &'static str {
        match self {
            Step::Plan => "Plan",
            Step::Cloud => "Cloud",
            Step::Regions => "Regions",
            Step::Capacity => "Capacity",
            Step::Name => "Name",
            Step::Review => "Review",
        }
    }

    fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

fn plan_blurb(plan: &Plan) -> &'static str {
    match plan {
        Plan::Basic => "Pay for what you use; scales to zero. Optional monthly limits.",
        Plan::Standard => "Provisioned vCPUs shared with others; steady workloads.",
        _ => "Dedicated nodes and machines per region; full control.",
    }
}

/// One radio choice of a step.
fn radio<T: Clone + PartialEq + Send + Sync + 'static>(
    group: &'static str,
    value: T,
    title: String,
    blurb: &'static str,
    current: Signal<T>,
    pick: impl Fn(T) + 'static,
) -> impl IntoView {
    let id = format!("{group}-{}", title.to_lowercase());
    let for_id = id.clone();
    let v = value.clone();
    view! {
        <label class="choice" for=for_id class:picked=move || current.get() == v>
            <input
                type="radio"
                id=id
                name=group
                prop:checked={
                    let value = value.clone();
                    move || current.get() == value
                }
                on:change=move |_| pick(value.clone())
            />
            <span class="choice-title">{title}</span>
            <span class="choice-blurb">{blurb}</span>
        </label>
    }
}

/// The wizard page.
#[component]
pub fn CreateClusterPage() -> impl IntoView {
    crate::pages::set_title("Create a cluster");
    let draft = RwSignal::new(ClusterDraft::default());
    let step = RwSignal::new(Step::Plan);
    let name = RwSignal::new(String::new());
    let creating = RwSignal::new(false);
    let failure = RwSignal::new(None::<ConsoleError>);
    let navigate = use_navigate();

    let plan = Signal::derive(move || draft.with(|d| d.plan.clone()));
    let cloud = Signal::derive(move || draft.with(|d| d.cloud.clone()));
    let regions = LocalResource::new(move || {
        let (cloud, serverless) = draft.with(|d| (d.cloud.clone(), d.plan != Plan::Advanced));
        async move { api::list_regions(cloud, serverless).await }
    });

    // Why "Next" is not possible on this step, if it is not.
    let blocker = move || -> Option<String> {
        match step.get() {
            Step::Regions if draft.with(|d| d.regions.is_empty()) => {
                Some("Pick at least one region.".into())
            }
            Step::Capacity => draft.with(ClusterDraft::capacity_error),
            Step::Name => validate_cluster_name(&name.get()).err(),
            _ => None,
        }
    };
    let go = move |to: Step| {
        failure.set(None);
        step.set(to);
    };
    let next = move || {
        if blocker().is_none() {
            let i = step.get_untracked().index();
            if let Some(s) = Step::ALL.get(i + 1) {
                go(*s);
            }
        }
    };
    let back = move || {
        let i = step.get_untracked().index();
        if i > 0 {
            go(Step::ALL[i - 1]);
        }
    };
    let create = move || {
        if creating.get_untracked() {
            return;
        }
        let mut d = draft.get_untracked();
        d.name = name.get_untracked().trim().to_owned();
        let request = d.to_request();
        creating.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::create_cluster(&request).await {
                Ok(cluster) => navigate(&format!("/clusters/{}", cluster.id), Default::default()),
                Err(e) => {
                    failure.set(Some(e));
                    creating.set(false);
                }
            }
        });
    };

    let plan_step = move || {
        view! {
            <fieldset class="choices">
                <legend>"Choose a plan"</legend>
                {[Plan::Basic, Plan::Standard, Plan::Advanced]
                    .into_iter()
                    .map(|p| {
                        let blurb = plan_blurb(&p);
                        radio("plan", p.clone(), plan_label(&p), blurb, plan, move |p: Plan| {
                            draft.update(|d| {
                                if d.plan != p {
                                    d.regions.clear();
                                }
                                d.plan = p;
                            })
                        })
                    })
                    .collect_view()}
            </fieldset>
        }
    };
    let cloud_step = move || {
        view! {
            <fieldset class="choices">
                <legend>"Choose a cloud"</legend>
                {[CloudProvider::Gcp, CloudProvider::Aws, CloudProvider::Azure]
                    .into_iter()
                    .map(|c| {
                        radio("cloud", c.clone(), cloud_label(&c), "", cloud, move |c: CloudProvider| {
                            draft.update(|d| {
                                if d.cloud != c {
                                    d.regions.clear();
                                }
                                d.cloud = c;
                            })
                        })
                    })
                    .collect_view()}
            </fieldset>
        }
    };
    let regions_step = move || {
        view! {
            <fieldset class="choices">
                <legend>"Choose regions"</legend>
                <p class="hint">"The first region you pick is the primary region."</p>
                {loaded(regions, "Loading regions…", move |list: Vec<CloudProviderRegion>| {
                        match list {
                            list if list.is_empty() => {
                                view! { <p class="empty">"No region available for this plan and cloud."</p> }
                                    .into_any()
                            }
                            list => list
                                .into_iter()
                                .map(|r| {
                                    let code = r.name.clone();
                                    let id = format!("region-{code}");
                                    let for_id = id.clone();
                                    let c1 = code.clone();
                                    let c2 = code.clone();
                                    view! {
                                        <label class="choice check" for=for_id>
                                            <input
                                                type="checkbox"
                                                id=id
                                                value=code.clone()
                                                prop:checked=move || draft.with(|d| d.regions.contains(&c1))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    let code = c2.clone();
                                                    draft.update(|d| {
                                                        d.regions.retain(|r| *r != code);
                                                        if on {
                                                            d.regions.push(code);
                                                        }
                                                    })
                                                }
                                            />
                                            <span class="choice-title">{code.clone()}</span>
                                            <span class="choice-blurb">{r.location.clone()}</span>
                                        </label>
                                    }
                                })
                                .collect_view()
                                .into_any(),
                        }
                    })}
            </fieldset>
        }
    };
    let capacity_step = move || view! { <CapacityFields draft=draft /> };
    let review_step = move || {
        let mut d = draft.get();
        d.name = name.get();
        let capacity = match d.plan {
            Plan::Basic => match (d.request_unit_limit, d.storage_gib_limit) {
                (0, 0) => "No limits".to_owned(),
                (ru, gib) => format!(
                    "{} request units a month, {} GiB storage",
                    if ru == 0 {
                        "unlimited".into()
                    } else {
                        ru.to_string()
                    },
                    if gib == 0 {
                        "unlimited".into()
                    } else {
                        gib.to_string()
                    }
                ),
            },
            Plan::Standard => format!("{} provisioned vCPUs", d.provisioned_vcpus),
            _ => format!(
                "{} nodes per region, {} vCPUs and {} GiB storage each",
                d.nodes_per_region, d.vcpus_per_node, d.storage_gib_per_node
            ),
        };
        view! {
            <dl class="spec">
                <dt>"Name"</dt>
                <dd>{d.name.clone()}</dd>
                <dt>"Plan"</dt>
                <dd>{plan_label(&d.plan)}</dd>
                <dt>"Cloud"</dt>
                <dd>{cloud_label(&d.cloud)}</dd>
                <dt>"Regions"</dt>
                <dd>{d.regions.join(", ")}</dd>
                <dt>"Capacity"</dt>
                <dd>{capacity}</dd>
            </dl>
        }
    };

    view! {
        <section class="page wizard">
            <header class="page-head">
                <h1>"Create a cluster"</h1>
                <a class="button secondary" href="/clusters">"Cancel"</a>
            </header>
            <ol class="steps" aria-label="Steps">
                {Step::ALL
                    .into_iter()
                    .map(|s| {
                        view! {
                            <li
                                class:current=move || step.get() == s
                                class:done={move || step.get() > s}
                                aria-current=move || (step.get() == s).then_some("step")
                            >
                                {s.label()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <form
                novalidate
                class="card"
                method="post"
                on:submit=move |ev| {
                    ev.prevent_default();
                    if step.get_untracked() == Step::Review { create() } else { next() }
                }
            >
                <h2>{move || step.get().label()}</h2>
                {move || match step.get() {
                    Step::Plan => plan_step().into_any(),
                    Step::Cloud => cloud_step().into_any(),
                    Step::Regions => regions_step().into_any(),
                    Step::Capacity => capacity_step().into_any(),
                    Step::Name => view! { <NameField value=name /> }.into_any(),
                    Step::Review => review_step().into_any(),
                }}
                // The name field, and a number field, explain their own problems.
                <p class="blocker" role="status">
                    {move || {
                        let own = step.get() == Step::Name
                            || (step.get() == Step::Capacity
                                && draft.with(|d| !d.field_errors.is_empty()));
                        if own { None } else { blocker() }
                    }}
                </p>
                {move || failure.get().map(|e| view! { <ErrorNote error=e /> })}
                <div class="wizard-buttons">
                    <button
                        type="button"
                        class="button secondary"
                        disabled=move || step.get() == Step::Plan || creating.get()
                        on:click=move |_| back()
                    >
                        "Back"
                    </button>
                    <button type="submit" class="button" disabled=move || blocker().is_some() || creating.get()>
                        {move || match (step.get(), creating.get()) {
                            (Step::Review, true) => "Creating…",
                            (Step::Review, false) => "Create cluster",
                            _ => "Next",
                        }}
                    </button>
                </div>
            </form>
        </section>
    }
}
