//! The Organization section: a tab bar over its parts, each a route
//! `/organization/:section` (Info is `/organization`), one module each.

mod api_keys;
mod audit_log;
mod folders;
mod info;
mod invoices;
mod roles;
mod service_accounts;

use crate::api::{self, ApiResult};
use crate::components::TabBar;
use crdb_cloud::ListOptions;
use crdb_cloud::api::folders::ListFoldersParams;
use crdb_cloud::futures_util::TryStreamExt;
use crdb_cloud::models::folders::FolderResource;
use crdb_cloud::models::service_accounts::ServiceAccount;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The sections: (route segment, tab label). Info's segment is empty.
pub const SECTIONS: &[(&str, &str)] = &[
    ("", "Info"),
    ("folders", "Folders"),
    ("service-accounts", "Service accounts"),
    ("api-keys", "API keys"),
    ("roles", "Role grants"),
    ("invoices", "Invoices"),
    ("audit-log", "Audit log"),
];

/// The Organization page with its tab bar.
#[component]
pub fn OrganizationPage() -> impl IntoView {
    let params = use_params_map();
    let section = Memo::new(move |_| params.with(|p| p.get("section").unwrap_or_default()));
    crate::pages::set_title("Organization");
    let tabs = Signal::derive(move || {
        let current = section.get();
        SECTIONS
            .iter()
            .map(|(seg, label)| {
                let href = if seg.is_empty() {
                    "/organization".to_owned()
                } else {
                    format!("/organization/{seg}")
                };
                (*label, href, current == *seg)
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="page org-page">
            <header class="page-head">
                <h1>"Organization"</h1>
            </header>
            <TabBar label="Organization" tabs=tabs />
            {move || match section.get().as_str() {
                "" => view! { <info::InfoSection /> }.into_any(),
                "folders" => view! { <folders::FoldersSection /> }.into_any(),
                "service-accounts" => view! { <service_accounts::ServiceAccountsSection /> }.into_any(),
                "api-keys" => view! { <api_keys::ApiKeysSection /> }.into_any(),
                "roles" => view! { <roles::RolesSection /> }.into_any(),
                "invoices" => view! { <invoices::InvoicesSection /> }.into_any(),
                "audit-log" => view! { <audit_log::AuditLogSection /> }.into_any(),
                _ => view! {
                    <div class="empty">
                        <p>"There is no such part of the organization."</p>
                        <a href="/organization">"Back to the organization"</a>
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}

/// Every folder of the organization (all pages).
pub(crate) async fn all_folders() -> ApiResult<Vec<FolderResource>> {
    api::call(|c| async move {
        let params = ListFoldersParams {
            pagination: ListOptions::limit(500),
            ..Default::default()
        };
        c.list_folders_all(params).try_collect().await
    })
    .await
}

/// Every service account (all pages).
pub(crate) async fn all_service_accounts() -> ApiResult<Vec<ServiceAccount>> {
    api::call(|c| async move {
        c.list_service_accounts_all(ListOptions::limit(500))
            .try_collect()
            .await
    })
    .await
}

/// A line saying what the last action did, announced politely.
pub(crate) fn done_note(done: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <p class="done-note" role="status" aria-live="polite">
            {move || done.get()}
        </p>
    }
}
