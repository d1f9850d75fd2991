//! The capacity fields of a cluster (usage limits, provisioned vCPUs, or
//! nodes, machine size and storage), shared by the create wizard and the
//! Capacity tab.

use crate::forms::whole::{
    NODES_PER_REGION, PROVISIONED_VCPUS, REQUEST_UNIT_LIMIT, STORAGE_GIB_LIMIT,
    STORAGE_GIB_PER_NODE, WholeRange,
};
use crate::logic::{ClusterDraft, VCPU_CHOICES};
use crdb_cloud::models::common::Plan;
use leptos::prelude::*;

/// A whole-number field of the draft. It keeps the text as typed (a
/// text input: a number input loses what it cannot read), reads it against
/// `range`, and says under itself what is wrong; the draft holds the last
/// good value and the field's problem, which blocks going on.
fn number_field(
    draft: RwSignal<ClusterDraft>,
    id: &'static str,
    label: &'static str,
    hint: String,
    range: WholeRange,
    get: fn(&ClusterDraft) -> i64,
    set: fn(&mut ClusterDraft, i64),
) -> impl IntoView {
    let initial = draft.with_untracked(get).to_string();
    let error = Memo::new(move |_| draft.with(|d| d.field_errors.get(id).cloned()));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = format!("{hint_id} {error_id}");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                inputmode="numeric"
                autocomplete="off"
                spellcheck="false"
                value=initial
                aria-describedby=described
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    draft.update(|d| match range.read(&text) {
                        Ok(v) => {
                            set(d, v);
                            d.field_errors.remove(id);
                        }
                        Err(e) => {
                            d.field_errors.insert(id, e);
                        }
                    });
                }
            />
            <p class="hint" id=hint_id>{hint}</p>
            <p class="hint invalid" id=error_id aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// An i64 bounded by an i32 range, as the i32 the draft keeps.
fn narrow(v: i64) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// The fields for the draft's plan.
#[component]
pub fn CapacityFields(draft: RwSignal<ClusterDraft>) -> impl IntoView {
    // Fields start from the draft's values, so no earlier text's problem
    // stands.
    if draft.with_untracked(|d| !d.field_errors.is_empty()) {
        draft.update(|d| d.field_errors.clear());
    }
    let plan = Memo::new(move |_| draft.with(|d| d.plan.clone()));
    move || match plan.get() {
        Plan::Basic => view! {
            <fieldset>
                <legend>"Usage limits (optional)"</legend>
                {number_field(
                    draft,
                    "limit-ru",
                    "Request units per month",
                    format!("0 means no limit. {}", REQUEST_UNIT_LIMIT.hint()),
                    REQUEST_UNIT_LIMIT,
                    |d| d.request_unit_limit,
                    |d, v| d.request_unit_limit = v,
                )}
                {number_field(
                    draft,
                    "limit-storage",
                    "Storage limit (GiB)",
                    format!("0 means no limit. {}", STORAGE_GIB_LIMIT.hint()),
                    STORAGE_GIB_LIMIT,
                    |d| d.storage_gib_limit,
                    |d, v| d.storage_gib_limit = v,
                )}
            </fieldset>
        }
        .into_any(),
        Plan::Standard => view! {
            <fieldset>
                <legend>"Provisioned capacity"</legend>
                {number_field(
                    draft,
                    "provisioned-vcpus",
                    "Provisioned vCPUs",
                    PROVISIONED_VCPUS.hint(),
                    PROVISIONED_VCPUS,
                    |d| d.provisioned_vcpus,
                    |d, v| d.provisioned_vcpus = v,
                )}
            </fieldset>
        }
        .into_any(),
        _ => view! {
            <fieldset>
                <legend>"Nodes and machines"</legend>
                {number_field(
                    draft,
                    "nodes-per-region",
                    "Nodes per region",
                    NODES_PER_REGION.hint(),
                    NODES_PER_REGION,
                    |d| d.nodes_per_region.into(),
                    |d, v| d.nodes_per_region = narrow(v),
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
                    draft,
                    "storage-per-node",
                    "Storage per node (GiB)",
                    STORAGE_GIB_PER_NODE.hint(),
                    STORAGE_GIB_PER_NODE,
                    |d| d.storage_gib_per_node.into(),
                    |d, v| d.storage_gib_per_node = narrow(v),
                )}
            </fieldset>
        }
        .into_any(),
    }
}
