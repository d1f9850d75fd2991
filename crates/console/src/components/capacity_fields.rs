//! The capacity fields of a cluster (usage limits, provisioned vCPUs, or
//! nodes, machine size and storage), shared by the create wizard and the
//! Capacity tab.

use crate::logic::{ClusterDraft, VCPU_CHOICES};
use crdb_cloud::models::common::Plan;
use leptos::prelude::*;

/// A whole-number field; what cannot be read becomes -1, which the
/// draft's checks refuse.
fn number_field(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    value: Signal<i64>,
    set: impl Fn(i64) + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="number"
                inputmode="numeric"
                min="0"
                prop:value=move || value.get().to_string()
                on:input=move |ev| set(event_target_value(&ev).trim().parse().unwrap_or(-1))
            />
            <p class="hint">{hint}</p>
        </div>
    }
}

/// The fields for the draft's plan.
#[component]
pub fn CapacityFields(draft: RwSignal<ClusterDraft>) -> impl IntoView {
    let plan = Memo::new(move |_| draft.with(|d| d.plan.clone()));
    move || {
        let d = move || draft.get();
        match plan.get() {
            Plan::Basic => view! {
                <fieldset>
                    <legend>"Usage limits (optional)"</legend>
                    {number_field(
                        "limit-ru",
                        "Request units per month",
                        "0 means no limit.",
                        Signal::derive(move || d().request_unit_limit),
                        move |v| draft.update(|d| d.request_unit_limit = v),
                    )}
                    {number_field(
                        "limit-storage",
                        "Storage limit (GiB)",
                        "0 means no limit.",
                        Signal::derive(move || d().storage_gib_limit),
                        move |v| draft.update(|d| d.storage_gib_limit = v),
                    )}
                </fieldset>
            }
            .into_any(),
            Plan::Standard => view! {
                <fieldset>
                    <legend>"Provisioned capacity"</legend>
                    {number_field(
                        "provisioned-vcpus",
                        "Provisioned vCPUs",
                        "Between 2 and 1000.",
                        Signal::derive(move || d().provisioned_vcpus),
                        move |v| draft.update(|d| d.provisioned_vcpus = v),
                    )}
                </fieldset>
            }
            .into_any(),
            _ => view! {
                <fieldset>
                    <legend>"Nodes and machines"</legend>
                    {number_field(
                        "nodes-per-region",
                        "Nodes per region",
                        "At least 3.",
                        Signal::derive(move || i64::from(d().nodes_per_region)),
                        move |v| draft.update(|d| d.nodes_per_region = i32::try_from(v).unwrap_or(-1)),
                    )}
                    <div class="field">
                        <label for="machine-size">"Machine size"</label>
                        <select
                            id="machine-size"
                            on:change=move |ev| {
                                let v = event_target_value(&ev).parse().unwrap_or(0);
                                draft.update(|d| d.vcpus_per_node = v)
                            }
                        >
                            {VCPU_CHOICES
                                .iter()
                                .map(|n| {
                                    let n = *n;
                                    view! {
                                        <option
                                            value=n.to_string()
                                            selected=move || draft.with(|d| d.vcpus_per_node == n)
                                        >
                                            {format!("{n} vCPUs, {} GiB RAM", n * 4)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    {number_field(
                        "storage-per-node",
                        "Storage per node (GiB)",
                        "At least 15.",
                        Signal::derive(move || i64::from(d().storage_gib_per_node)),
                        move |v| draft.update(|d| d.storage_gib_per_node = i32::try_from(v).unwrap_or(-1)),
                    )}
                </fieldset>
            }
            .into_any(),
        }
    }
}
