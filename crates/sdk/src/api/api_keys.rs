//! API keys: list, create (the only time the secret is shown), read,
//! rename, delete.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::api_keys::{
    ApiKey, CreateApiKeyRequest, CreateApiKeyResponse, ListApiKeysResponse,
    UpdateApiKeySpecification,
};
use crate::operation as op;
use crate::pagination::{ListOptions, paginate};
use futures_util::Stream;

/// Query of [`Client::list_api_keys`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListApiKeysParams {
    /// Only this service account's keys.
    pub service_account_id: Option<String>,
    /// Paging.
    pub pagination: ListOptions,
}

impl Client {
    /// `ListApiKeys`: one page, sorted by `created_at`.
    pub async fn list_api_keys(&self, params: &ListApiKeysParams) -> Result<ListApiKeysResponse> {
        let mut q = Query::new();
        q.opt("service_account_id", params.service_account_id.as_deref());
        params.pagination.apply(&mut q);
        self.send(&op::LIST_API_KEYS, &[], &q, None::<&()>).await
    }

    /// Every API key, page after page.
    pub fn list_api_keys_all(
        &self,
        params: ListApiKeysParams,
    ) -> impl Stream<Item = Result<ApiKey>> + '_ {
        paginate(params, move |p: ListApiKeysParams| async move {
            let page = self.list_api_keys(&p).await?;
            let next = p
                .pagination
                .next(page.pagination.as_ref())
                .map(|pagination| ListApiKeysParams { pagination, ..p });
            Ok((page.api_keys, next))
        })
    }

    /// `CreateApiKey`: the answer holds the secret, which cannot be read again.
    pub async fn create_api_key(
        &self,
        request: &CreateApiKeyRequest,
    ) -> Result<CreateApiKeyResponse> {
        self.send(&op::CREATE_API_KEY, &[], &Query::new(), Some(request))
            .await
    }

    /// `DeleteApiKey`: answers with the deleted key.
    pub async fn delete_api_key(&self, id: &str) -> Result<ApiKey> {
        self.send(&op::DELETE_API_KEY, &[id], &Query::new(), None::<&()>)
            .await
    }

    /// `GetApiKey`.
    pub async fn get_api_key(&self, id: &str) -> Result<ApiKey> {
        self.send(&op::GET_API_KEY, &[id], &Query::new(), None::<&()>)
            .await
    }

    /// `UpdateApiKey`: rename.
    pub async fn update_api_key(
        &self,
        id: &str,
        spec: &UpdateApiKeySpecification,
    ) -> Result<ApiKey> {
        self.send(&op::UPDATE_API_KEY, &[id], &Query::new(), Some(spec))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::testing::Scripted;
    use futures_executor::block_on;
    use futures_util::TryStreamExt;

    #[test]
    fn list_filters_by_service_account_across_pages() {
        let key = |id: &str| {
            format!(
                r#"{{"id":"{id}","name":"n","service_account_id":"sa-1","created_at":"2024-09-16T00:00:00Z"}}"#
            )
        };
        let p1 = format!(
            r#"{{"api_keys":[{}],"pagination":{{"next_page":"t2"}}}}"#,
            key("k1")
        );
        let p2 = format!(r#"{{"api_keys":[{}],"pagination":null}}"#, key("k2"));
        let (client, t) = Scripted::client(&[&p1, &p2]);
        let params = ListApiKeysParams {
            service_account_id: Some("sa-1".into()),
            ..Default::default()
        };
        let all: Vec<ApiKey> = block_on(client.list_api_keys_all(params).try_collect()).unwrap();
        let ids: Vec<_> = all.iter().map(|k| k.id.as_str()).collect();
        assert_eq!(ids, ["k1", "k2"]);
        assert_eq!(
            t.calls()[1].1,
            "http://api.test/api/v1/api-keys?service_account_id=sa-1&pagination.page=t2"
        );
    }
}
