//! Organizations: who the key belongs to.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::organization::Organization;
use crate::operation as op;

impl Client {
    /// `GetOrganizationInfo`: the caller's organization.
    pub async fn get_organization_info(&self) -> Result<Organization> {
        self.send(&op::GET_ORGANIZATION_INFO, &[], &Query::new(), None::<&()>)
            .await
    }
}
