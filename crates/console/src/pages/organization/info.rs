//! Info: the organization's name, label, id and creation time, and the
//! cloud identities CockroachDB Cloud acts as.

use crate::api;
use crate::components::loaded;
use crate::when;
use crdb_cloud::models::organization::Organization;
use leptos::prelude::*;

/// The organization's details.
#[component]
pub fn InfoSection() -> impl IntoView {
    let org = LocalResource::new(api::organization);
    view! {
        <section class="card" aria-labelledby="org-info-title">
            <h2 id="org-info-title">"Organization"</h2>
            {loaded(org, "Loading the organization…", details)}
        </section>
    }
}

fn details(o: Organization) -> impl IntoView {
    let principals = o.cockroach_cloud_service_principals.clone().map(|p| {
        let aws = p.aws.and_then(|a| a.user_arn);
        let gcp = p.gcp.and_then(|g| g.service_account_email);
        let azure = p.azure.and_then(|a| a.app_registration_client_id);
        view! {
            {aws.map(|v| view! { <dt>"AWS identity"</dt><dd><code>{v}</code></dd> })}
            {gcp.map(|v| view! { <dt>"GCP identity"</dt><dd><code>{v}</code></dd> })}
            {azure.map(|v| view! { <dt>"Azure app client id"</dt><dd><code>{v}</code></dd> })}
        }
    });
    view! {
        <dl class="spec org-info">
            <dt>"Name"</dt>
            <dd data-field="name">{o.name.clone()}</dd>
            <dt>"Label"</dt>
            <dd data-field="label">{if o.label.is_empty() { "–".to_owned() } else { o.label.clone() }}</dd>
            <dt>"Organization id"</dt>
            <dd data-field="id"><code>{o.id.clone()}</code></dd>
            <dt>"Created"</dt>
            <dd data-field="created">{when::second(&o.created_at)}</dd>
            {principals}
        </dl>
    }
}
