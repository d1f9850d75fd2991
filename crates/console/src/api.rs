//! The one place that calls the SDK. It holds the client built from the
//! signed-in key; pages call these functions and get [`ConsoleError`]s in
//! plain words back.

use crate::logic::ConsoleError;
use crate::session::Credentials;
use crdb_cloud::api::clusters::{ListAvailableRegionsParams, ListClustersParams};
use crdb_cloud::futures_util::TryStreamExt;
use crdb_cloud::futures_util::future::{MaybeDone, maybe_done};
use crdb_cloud::models::clusters::{
    CloudProviderRegion, Cluster, CreateClusterRequest, DeleteProtectionState, Node,
    UpdateClusterSpecification,
};
use crdb_cloud::models::common::CloudProvider;
use crdb_cloud::models::organization::Organization;
use crdb_cloud::{Client, ListOptions, RetryNotice};
use std::cell::RefCell;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Waker};

/// Result of a console call.
pub type ApiResult<T> = Result<T, ConsoleError>;

/// What to do when the API refuses the key.
type Hook = Rc<dyn Fn(&ConsoleError)>;

/// What to do before the client retries a call.
type RetryHook = Rc<dyn Fn(&RetryNotice)>;

/// A read of every cluster, started before the page that shows it.
type EarlyClusters = MaybeDone<Pin<Box<dyn Future<Output = ApiResult<Vec<Cluster>>>>>>;

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    static ON_UNAUTHENTICATED: RefCell<Option<Hook>> = const { RefCell::new(None) };
    static ON_RETRY: RefCell<Option<RetryHook>> = const { RefCell::new(None) };
    static EARLY_CLUSTERS: RefCell<Option<EarlyClusters>> = const { RefCell::new(None) };
}

/// Called before the client retries a call itself (after a 429 it waits
/// the server's `Retry-After`), e.g. to show a short notice.
pub fn on_retry(f: impl Fn(&RetryNotice) + 'static) {
    ON_RETRY.with(|h| *h.borrow_mut() = Some(Rc::new(f)));
}

fn notify_retry(notice: &RetryNotice) {
    if let Some(hook) = ON_RETRY.with(|h| h.borrow().clone()) {
        hook(notice);
    }
}

/// Called whenever the API refuses the key (HTTP 401), e.g. to sign out.
pub fn on_unauthenticated(f: impl Fn(&ConsoleError) + 'static) {
    ON_UNAUTHENTICATED.with(|h| *h.borrow_mut() = Some(Rc::new(f)));
}

/// The SDK's result in plain words; a refused key also runs the hook.
fn check<T>(result: crdb_cloud::Result<T>) -> ApiResult<T> {
    result.map_err(|e| {
        let e = ConsoleError::from(e);
        if e.is_unauthenticated()
            && let Some(hook) = ON_UNAUTHENTICATED.with(|h| h.borrow().clone())
        {
            hook(&e);
        }
        e
    })
}

/// The page's own origin, e.g. `http://127.0.0.1:8080`: the default server.
pub fn same_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Builds the client for these credentials (nothing is sent yet).
pub fn connect(credentials: &Credentials) -> ApiResult<()> {
    let client = Client::builder()
        .api_key(credentials.api_key.trim())
        .base_url(credentials.server_url.trim())
        .user_agent(concat!("crdb-cloud-console/", env!("CARGO_PKG_VERSION")))
        // Just under the API's 10 a second, so timing jitter rarely meets a 429.
        .rate_limit(9)
        .on_retry(notify_retry)
        .build()?;
    CLIENT.with(|c| *c.borrow_mut() = Some(client));
    Ok(())
}

/// Drops the client (sign-out), and a read not picked up yet.
pub fn disconnect() {
    CLIENT.with(|c| *c.borrow_mut() = None);
    EARLY_CLUSTERS.with(|e| *e.borrow_mut() = None);
}

fn client() -> ApiResult<Client> {
    CLIENT
        .with(|c| c.borrow().clone())
        .ok_or_else(|| ConsoleError::local("Not signed in."))
}

/// Any SDK call with the signed-in client, its error in plain words:
/// `api::call(|c| async move { c.list_sql_users(&id, None).await })`.
pub async fn call<T, F, Fut>(f: F) -> ApiResult<T>
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = crdb_cloud::Result<T>>,
{
    check(f(client()?).await)
}

/// `GetOrganizationInfo`: also how sign-in checks the key.
pub async fn organization() -> ApiResult<Organization> {
    check(client()?.get_organization_info().await)
}

/// Starts reading every cluster now, for the clusters page the app is about
/// to draw: its first request goes out before the drawing, not after it,
/// and the page's first [`list_clusters`] picks the read up where it is.
pub fn start_listing_clusters() {
    let mut read: EarlyClusters = maybe_done(Box::pin(read_all_clusters(false)));
    // One poll sends the first request; the page's task, with its own
    // waker, polls the read from then on.
    let _ = Pin::new(&mut read).poll(&mut Context::from_waker(Waker::noop()));
    EARLY_CLUSTERS.with(|e| *e.borrow_mut() = Some(read));
}

/// Every cluster (all pages): the active ones, through the read
/// [`start_listing_clusters`] began the first time, else a new one; with
/// `show_inactive`, the failed and deleted ones too.
pub async fn list_clusters(show_inactive: bool) -> ApiResult<Vec<Cluster>> {
    if show_inactive {
        return read_all_clusters(true).await;
    }
    match EARLY_CLUSTERS.with(|e| e.borrow_mut().take()) {
        Some(mut read) => {
            (&mut read).await;
            Pin::new(&mut read)
                .take_output()
                .unwrap_or_else(|| Err(ConsoleError::local("The cluster list was read twice.")))
        }
        None => read_all_clusters(false).await,
    }
}

async fn read_all_clusters(show_inactive: bool) -> ApiResult<Vec<Cluster>> {
    let client = client()?;
    let params = ListClustersParams {
        pagination: ListOptions::limit(500),
        show_inactive: show_inactive.then_some(true),
        ..Default::default()
    };
    check(client.list_clusters_all(params).try_collect().await)
}

/// `GetCluster`.
pub async fn get_cluster(id: &str) -> ApiResult<Cluster> {
    check(client()?.get_cluster(id).await)
}

/// `CreateCluster`.
pub async fn create_cluster(request: &CreateClusterRequest) -> ApiResult<Cluster> {
    check(client()?.create_cluster(request).await)
}

/// Switches delete protection on or off.
pub async fn set_delete_protection(id: &str, enabled: bool) -> ApiResult<Cluster> {
    let spec = UpdateClusterSpecification {
        delete_protection: Some(if enabled {
            DeleteProtectionState::Enabled
        } else {
            DeleteProtectionState::Disabled
        }),
        ..Default::default()
    };
    check(client()?.update_cluster(id, &spec).await)
}

/// `DeleteCluster`.
pub async fn delete_cluster(id: &str) -> ApiResult<Cluster> {
    check(client()?.delete_cluster(id).await)
}

/// Every node of a cluster.
pub async fn list_nodes(id: &str) -> ApiResult<Vec<Node>> {
    let client = client()?;
    check(client.list_cluster_nodes_all(id, None).try_collect().await)
}

/// The regions a plan may use on a cloud (`serverless` for Basic and Standard).
pub async fn list_regions(
    provider: CloudProvider,
    serverless: bool,
) -> ApiResult<Vec<CloudProviderRegion>> {
    let client = client()?;
    let params = ListAvailableRegionsParams {
        provider: Some(provider),
        serverless: Some(serverless),
        pagination: ListOptions::limit(200),
    };
    let mut regions = check(client.list_available_regions(&params).await)?.regions;
    regions.retain(|r| !serverless || r.serverless);
    regions.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(regions)
}
