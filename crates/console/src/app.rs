//! The app: who is signed in, the page frame, and the routes.

use crate::api;
use crate::pages::{ClusterPage, ClustersPage, CreateClusterPage, OrganizationPage, SignIn};
use crate::session;
use crdb_cloud::RetryNotice;
use crdb_cloud::retry::Outcome;
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use leptos_router::components::{A, Redirect, Route, Router, Routes};
use leptos_router::path;
use std::future::Future;

/// Who is signed in (never the key itself: that stays in [`api`] and
/// [`session`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SignedIn {
    /// The API server.
    pub server_url: String,
    /// The organization's name, once known.
    pub org_name: String,
    /// Whether the key is remembered in this tab.
    pub remembered: bool,
    /// The key's roles do not allow reading the organization (a
    /// least-privilege key, such as one with CLUSTER_ADMIN only).
    pub org_hidden: bool,
}

/// The session, in context.
#[derive(Debug, Clone, Copy)]
pub struct SessionCtx {
    /// `None` when signed out.
    pub user: RwSignal<Option<SignedIn>>,
    /// Why the user was signed out, shown on the sign-in form.
    pub notice: RwSignal<Option<String>>,
}

impl SessionCtx {
    /// Forgets the key everywhere and shows the sign-in form.
    pub fn sign_out(&self) {
        session::clear();
        api::disconnect();
        self.user.set(None);
    }
}

/// The whole console.
#[component]
pub fn App() -> impl IntoView {
    let user = RwSignal::new(None::<SignedIn>);
    let notice = RwSignal::new(None::<String>);
    let ctx = SessionCtx { user, notice };
    provide_context(ctx);
    // A key the API refuses while signed in (revoked, or another server)
    // signs out, saying why. Deferred: the refusal arrives inside a page's
    // resource, which signing out disposes.
    api::on_unauthenticated(move |e| {
        if user.get_untracked().is_some() {
            notice.set(Some(format!("You were signed out. {e}")));
            leptos::task::spawn_local(async move { ctx.sign_out() });
        }
    });
    // The client retries a refused (429) or failed read by itself; say so
    // while it waits, and clear the notice when the wait is over.
    let retrying = RwSignal::new(None::<String>);
    api::on_retry(move |n| {
        retrying.set(Some(retry_message(n)));
        set_timeout(
            move || retrying.set(None),
            n.delay + std::time::Duration::from_millis(500),
        );
    });
    // A key remembered in this tab signs in again after a reload.
    if let Some(c) = session::load()
        && api::connect(&c).is_ok()
    {
        user.set(Some(SignedIn {
            server_url: c.server_url.clone(),
            org_name: String::new(),
            remembered: session::is_remembered(),
            org_hidden: false,
        }));
        if opens_on_clusters() {
            api::start_listing_clusters();
        }
        leptos::task::spawn_local(async move {
            // A refused key signs out through the hook above.
            let org = api::organization().await;
            user.update(|u| {
                if let Some(u) = u {
                    match org {
                        Ok(org) => u.org_name = org.name,
                        Err(e) => u.org_hidden = e.is_permission_denied(),
                    }
                }
            });
        });
    }
    view! {
        <Router>
            <a class="skip" href="#main">"Skip to content"</a>
            <Show when=move || user.with(Option::is_some) fallback=|| view! { <SignIn /> }>
                <Shell />
            </Show>
            <div class="retry-status" role="status" aria-live="polite">
                {move || retrying.get().map(|m| view! { <p class="notice retry-notice">{m}</p> })}
            </div>
        </Router>
    }
}

/// Whether the page opens on the clusters list (`/` leads there).
fn opens_on_clusters() -> bool {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok());
    matches!(path.as_deref(), Some("/" | "/clusters"))
}

/// The short notice shown while the client waits to retry.
fn retry_message(n: &RetryNotice) -> String {
    let secs = n.delay.as_secs_f64().ceil().max(1.0);
    match n.outcome {
        Outcome::RateLimited(_) => {
            format!("The API is busy (429 Too Many Requests). Retrying in {secs:.0} s…")
        }
        _ => format!("The API did not answer. Retrying in {secs:.0} s…"),
    }
}

/// Header, navigation and the signed-in pages.
#[component]
fn Shell() -> impl IntoView {
    let ctx = expect_context::<SessionCtx>();
    let who = move || {
        ctx.user.get().unwrap_or(SignedIn {
            server_url: String::new(),
            org_name: String::new(),
            remembered: false,
            org_hidden: false,
        })
    };
    view! {
        <header class="top">
            <a class="brand" href="/clusters">
                <span class="logo" aria-hidden="true"></span>
                "Cloud Console"
            </a>
            <nav class="main-nav" aria-label="Main">
                // A marks the current section with aria-current="page".
                <A href="/clusters">"Clusters"</A>
                <A href="/organization">"Organization"</A>
            </nav>
            <div class="who">
                <span class="org" title=move || who().server_url>
                    {move || {
                        let w = who();
                        if w.org_name.is_empty() { w.server_url } else { w.org_name }
                    }}
                </span>
                <Show when=move || who().org_hidden>
                    <span
                        class="badge badge-off limited-key"
                        title="This key's roles do not allow reading the organization; views it may not use say so."
                    >
                        "Limited key"
                    </span>
                </Show>
                <button type="button" class="button secondary" on:click=move |_| ctx.sign_out()>
                    "Sign out"
                </button>
            </div>
        </header>
        <main id="main">
            <Routes fallback=|| view! {
                <section class="page">
                    <h1>"Page not found"</h1>
                    <p><a href="/clusters">"Back to clusters"</a></p>
                </section>
            }>
                <Route path=path!("/") view=|| view! { <Redirect path="/clusters" /> } />
                <Route path=path!("/clusters") view=ClustersPage />
                <Route path=path!("/clusters/new") view=|| section(create_cluster_section) />
                // One route for every tab, so switching tabs keeps the page.
                <Route path=path!("/clusters/:id/:tab?") view=|| section(cluster_section) />
                <Route path=path!("/organization") view=|| section(organization_section) />
                <Route path=path!("/organization/:section") view=|| section(organization_section) />
            </Routes>
        </main>
    }
}

// Sections outside the first load. Each is a split point: the build
// (scripts/console-wasm.sh) moves the code only it reaches into its own wasm
// chunk, fetched the first time the section opens. `fallible`: a chunk that
// cannot be fetched is an error to show, not a panic that stops the app.

/// A section fetched on first use: its view once loaded, or plain words and
/// a button to try again (a failed fetch is not remembered).
fn section<Load>(load: fn() -> Load) -> impl IntoView
where
    Load: Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static,
{
    let attempt = RwSignal::new(0_u32);
    move || {
        attempt.track();
        Suspend::new(async move {
            load().await.unwrap_or_else(|_| {
                view! {
                    <section class="page">
                        <div class="error" role="alert">
                            <strong>"This part of the console could not be loaded. "</strong>
                            "Check the connection to the server, then try again."
                        </div>
                        <button type="button" class="button" on:click=move |_| attempt.update(|n| *n += 1)>
                            "Try again"
                        </button>
                    </section>
                }
                .into_any()
            })
        })
    }
}

/// The create-cluster wizard.
#[wasm_split(console_create_cluster, wasm_split_path = ::leptos::wasm_split, fallible)]
fn create_cluster_section() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <CreateClusterPage /> }.into_any())
}

/// One cluster's tabs.
#[wasm_split(console_cluster, wasm_split_path = ::leptos::wasm_split, fallible)]
fn cluster_section() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <ClusterPage /> }.into_any())
}

/// The Organization pages.
#[wasm_split(console_organization, wasm_split_path = ::leptos::wasm_split, fallible)]
fn organization_section() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <OrganizationPage /> }.into_any())
}
