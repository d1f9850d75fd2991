//! One module per page.

mod cluster;
mod clusters;
mod create;
mod organization;
mod sign_in;

pub use cluster::ClusterPage;
pub use clusters::ClustersPage;
pub use create::CreateClusterPage;
pub use organization::OrganizationPage;
pub use sign_in::SignIn;

use leptos::prelude::*;
use std::time::Duration;

/// Calls `tick` every `every` while the calling component lives.
pub(crate) fn every(every: Duration, tick: impl Fn() + 'static) {
    if let Ok(handle) = set_interval_with_handle(tick, every) {
        on_cleanup(move || handle.clear());
    }
}

/// How often changing clusters are read again.
pub(crate) const REFRESH: Duration = Duration::from_secs(2);

/// Names the browser tab: `Clusters · Cloud Console`.
pub(crate) fn set_title(page: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(&format!("{page} · Cloud Console"));
    }
}
