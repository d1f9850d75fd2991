//! Types many resource families share: pagination, plans, providers, the
//! empty answer of some deletes.

use serde::{Deserialize, Serialize};

/// `KeysetPaginationResponse`: where the next and previous pages are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeysetPaginationResponse {
    /// Token for the next page; absent or empty on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page: Option<String>,
    /// Token for the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_page: Option<String>,
}

/// The `{}` some deletes answer with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Empty {}

crate::wire_enum! {
    /// `CloudProvider.Type`.
    pub enum CloudProvider {
        Gcp = "GCP",
        Aws = "AWS",
        Azure = "AZURE",
    }
}

crate::wire_enum! {
    /// `Plan.Type`: BASIC (on demand), STANDARD (provisioned vCPUs), ADVANCED (dedicated).
    pub enum Plan {
        Basic = "BASIC",
        Standard = "STANDARD",
        Advanced = "ADVANCED",
    }
}
