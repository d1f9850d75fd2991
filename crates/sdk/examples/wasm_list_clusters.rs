//! A minimal wasm32 program that lists clusters: the yardstick for the SDK's
//! size in a browser or worker (see BENCHMARKS.md, `scripts/bench-sdk-size.sh`).

#[cfg(target_arch = "wasm32")]
mod wasm {
    use wasm_bindgen::prelude::*;

    /// Lists the first page of clusters and returns their names.
    #[wasm_bindgen(js_name = listClusterNames)]
    pub async fn list_cluster_names(
        base_url: String,
        api_key: String,
    ) -> Result<Vec<String>, JsError> {
        let client = crdb_cloud::Client::builder()
            .api_key(api_key)
            .base_url(base_url)
            .build()?;
        let page = client.list_clusters(&Default::default()).await?;
        Ok(page.clusters.into_iter().map(|c| c.name).collect())
    }
}
