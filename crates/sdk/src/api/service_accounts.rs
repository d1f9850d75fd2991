//! Service accounts: list, create, read, rename, delete.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::service_accounts::{
    CreateServiceAccountRequest, ListServiceAccountsResponse, ServiceAccount,
    UpdateServiceAccountSpecification,
};
use crate::operation as op;
use crate::pagination::{ListOptions, paginate};
use futures_util::Stream;

impl Client {
    /// `ListServiceAccounts`: one page, sorted by name.
    pub async fn list_service_accounts(
        &self,
        pagination: &ListOptions,
    ) -> Result<ListServiceAccountsResponse> {
        let mut q = Query::new();
        pagination.apply(&mut q);
        self.send(&op::LIST_SERVICE_ACCOUNTS, &[], &q, None::<&()>)
            .await
    }

    /// Every service account, page after page.
    pub fn list_service_accounts_all(
        &self,
        pagination: ListOptions,
    ) -> impl Stream<Item = Result<ServiceAccount>> + '_ {
        paginate(pagination, move |p: ListOptions| async move {
            let page = self.list_service_accounts(&p).await?;
            Ok((page.service_accounts, p.next(page.pagination.as_ref())))
        })
    }

    /// `CreateServiceAccount`.
    pub async fn create_service_account(
        &self,
        request: &CreateServiceAccountRequest,
    ) -> Result<ServiceAccount> {
        self.send(
            &op::CREATE_SERVICE_ACCOUNT,
            &[],
            &Query::new(),
            Some(request),
        )
        .await
    }

    /// `DeleteServiceAccount`: answers with the deleted account.
    pub async fn delete_service_account(&self, id: &str) -> Result<ServiceAccount> {
        self.send(
            &op::DELETE_SERVICE_ACCOUNT,
            &[id],
            &Query::new(),
            None::<&()>,
        )
        .await
    }

    /// `GetServiceAccount`.
    pub async fn get_service_account(&self, id: &str) -> Result<ServiceAccount> {
        self.send(&op::GET_SERVICE_ACCOUNT, &[id], &Query::new(), None::<&()>)
            .await
    }

    /// `UpdateServiceAccount`: name and description; roles go through role management.
    pub async fn update_service_account(
        &self,
        id: &str,
        spec: &UpdateServiceAccountSpecification,
    ) -> Result<ServiceAccount> {
        self.send(
            &op::UPDATE_SERVICE_ACCOUNT,
            &[id],
            &Query::new(),
            Some(spec),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::testing::Scripted;
    use futures_executor::block_on;

    #[test]
    fn update_patches_only_the_set_fields() {
        let (client, t) = Scripted::client(&[r#"{"id":"sa-1","name":"renamed"}"#]);
        let spec = UpdateServiceAccountSpecification {
            name: Some("renamed".into()),
            ..Default::default()
        };
        let sa = block_on(client.update_service_account("sa-1", &spec)).unwrap();
        assert_eq!(sa.name, "renamed");
        assert_eq!(
            t.calls(),
            [(
                "PATCH".to_string(),
                "http://api.test/api/v1/service-accounts/sa-1".to_string()
            )]
        );
        assert_eq!(t.body(0).as_deref(), Some(r#"{"name":"renamed"}"#));
    }
}
