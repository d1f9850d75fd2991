//! Service accounts with chosen roles, made through the local admin API.

use crdb_cloud_server::Server;

/// A new service account holding `roles` as `(role, resource_type,
/// resource_id)`; returns its id and its API key's secret.
pub async fn account_secret(
    server: &Server,
    name: &str,
    roles: &[(&str, &str, &str)],
) -> (String, String) {
    let roles: Vec<serde_json::Value> = roles
        .iter()
        .map(|(role, rt, id)| {
            serde_json::json!({"role": role, "resource_type": rt, "resource_id": id})
        })
        .collect();
    let made: serde_json::Value = super::http()
        .post(format!("{}/local/v1/service-accounts", server.base_url()))
        .bearer_auth(server.api_key())
        .json(&serde_json::json!({"name": name, "roles": roles}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = made["id"].as_str().unwrap().to_owned();
    (id, made["secret"].as_str().unwrap().to_owned())
}

/// [`account_secret`], with a client authenticated as the account.
pub async fn account_with(
    server: &Server,
    name: &str,
    roles: &[(&str, &str, &str)],
) -> (String, crdb_cloud::Client) {
    let (id, secret) = account_secret(server, name, roles).await;
    (id, super::client_with_key(server, &secret))
}
