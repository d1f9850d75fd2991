//! `--demo`: sample data for a new organization, made through the server's
//! own API with the SDK client, so it obeys the same rules and leaves a real
//! audit history: clusters on all three plans, SQL users, databases, backup
//! settings, a folder, a maintenance window, a service account and a key.

use crate::config::Transitions;
use crdb_cloud::models::api_keys::CreateApiKeyRequest;
use crdb_cloud::models::backups::UpdateBackupConfigurationSpec;
use crdb_cloud::models::clusters::*;
use crdb_cloud::models::common::{CloudProvider, Plan};
use crdb_cloud::models::databases::CreateDatabaseBody;
use crdb_cloud::models::folders::CreateFolderRequest;
use crdb_cloud::models::maintenance::MaintenanceWindow;
use crdb_cloud::models::roles::{BuiltInRole, OrganizationUserRole, Resource, ResourceType};
use crdb_cloud::models::service_accounts::CreateServiceAccountRequest;
use crdb_cloud::models::sql_users::CreateSqlUserBody;
use crdb_cloud::operation::{Method, Operation};
use crdb_cloud::{Client, Query, WaitOptions};
use std::time::Duration;

/// The local admin call that finishes a cluster's pending work now.
const ADVANCE: Operation = Operation {
    id: "LocalAdvance",
    tag: "Local admin",
    method: Method::Post,
    path: "/local/v1/clusters/{cluster_id}/advance",
};

fn serverless(name: &str, plan: Plan, limits: UsageLimits) -> CreateClusterRequest {
    CreateClusterRequest {
        name: name.into(),
        provider: CloudProvider::Gcp,
        plan: Some(plan),
        spec: CreateClusterSpecification {
            serverless: Some(ServerlessClusterCreateSpecification {
                regions: vec!["us-central1".into()],
                usage_limits: Some(limits),
                ..Default::default()
            }),
            ..Default::default()
        },
    }
}

fn demo_clusters() -> Vec<CreateClusterRequest> {
    vec![
        serverless(
            "demo-basic",
            Plan::Basic,
            UsageLimits {
                request_unit_limit: Some(50_000_000),
                storage_mib_limit: Some(5_242_880),
                ..Default::default()
            },
        ),
        serverless(
            "demo-standard",
            Plan::Standard,
            UsageLimits {
                provisioned_virtual_cpus: Some(2),
                ..Default::default()
            },
        ),
        CreateClusterRequest {
            name: "demo-advanced".into(),
            provider: CloudProvider::Aws,
            plan: Some(Plan::Advanced),
            spec: CreateClusterSpecification {
                dedicated: Some(DedicatedClusterCreateSpecification {
                    region_nodes: [("us-east-1".to_owned(), 3)].into(),
                    cockroach_version: Some("v24.3".into()),
                    hardware: DedicatedHardwareCreateSpecification {
                        machine_spec: Some(DedicatedMachineTypeSpecification {
                            num_virtual_cpus: Some(4),
                            ..Default::default()
                        }),
                        storage_gib: 150,
                        ..Default::default()
                    },
                    ..Default::default()
                }),
                ..Default::default()
            },
        },
    ]
}

fn password() -> String {
    (0..20).map(|_| fastrand::alphanumeric()).collect()
}

/// Seeds the demo data in the background of a started server; reports on
/// stderr. Does nothing if the organization already has clusters.
pub async fn seed(base_url: String, api_key: String, transitions: Transitions) {
    let client = match Client::builder()
        .base_url(base_url)
        .api_key(api_key)
        .rate_limit(8)
        .build()
    {
        Ok(c) => c,
        Err(e) => return eprintln!("crdb-cloud-server: no demo data: {e}"),
    };
    match run(&client, transitions).await {
        Ok(true) => eprintln!("crdb-cloud-server: demo data ready"),
        Ok(false) => {}
        Err(e) => eprintln!("crdb-cloud-server: demo data incomplete: {e}"),
    }
}

/// Makes the demo data; `Ok(false)` when there was already data.
async fn run(client: &Client, transitions: Transitions) -> crdb_cloud::Result<bool> {
    if !client
        .list_clusters(&Default::default())
        .await?
        .clusters
        .is_empty()
    {
        return Ok(false);
    }
    // Demo data is meant to be ready: under manual transitions, finish its
    // own work through the local admin API instead of waiting for a person.
    let ready = |id: String| async move {
        if transitions == Transitions::Manual {
            client
                .send::<(), Cluster>(&ADVANCE, &[&id], &Query::new(), None)
                .await?;
        }
        let wait = WaitOptions::new(Duration::from_millis(250), Duration::from_secs(600));
        client.wait_for_cluster(&id, &wait).await
    };
    let mut clusters = Vec::new();
    for request in demo_clusters() {
        let created = client.create_cluster(&request).await?;
        clusters.push(ready(created.id).await?);
    }
    for cluster in &clusters {
        for name in ["app_user", "analytics"] {
            let body = CreateSqlUserBody {
                name: name.into(),
                password: password(),
            };
            client.create_sql_user(&cluster.id, &body).await?;
        }
        for name in ["movr", "inventory"] {
            client
                .create_database(&cluster.id, &CreateDatabaseBody { name: name.into() })
                .await?;
        }
    }
    let standard = &clusters[1];
    let advanced = &clusters[2];
    let backups = UpdateBackupConfigurationSpec {
        frequency_minutes: Some(30),
        retention_days: Some(7),
        enabled: Some(true),
    };
    client
        .update_backup_configuration(&standard.id, &backups)
        .await?;
    let window = MaintenanceWindow {
        offset_duration: Duration::from_secs(2 * 86_400),
        window_duration: Duration::from_secs(6 * 3600),
    };
    client.set_maintenance_window(&advanced.id, &window).await?;
    let folder = client
        .create_folder(&CreateFolderRequest {
            name: "production".into(),
            ..Default::default()
        })
        .await?;
    let moved = UpdateClusterSpecification {
        parent_id: Some(folder.resource_id.clone()),
        ..Default::default()
    };
    if client.update_cluster(&advanced.id, &moved).await?.state != ClusterState::Created {
        ready(advanced.id.clone()).await?;
    }
    let account = client
        .create_service_account(&CreateServiceAccountRequest {
            name: "ci-deployer".into(),
            description: "Deploys from CI".into(),
            roles: vec![BuiltInRole {
                name: OrganizationUserRole::ClusterAdmin,
                resource: Resource {
                    resource_type: ResourceType::Folder,
                    id: Some(folder.resource_id.clone()),
                },
            }],
        })
        .await?;
    client
        .create_api_key(&CreateApiKeyRequest {
            name: "ci-key".into(),
            service_account_id: account.id,
        })
        .await?;
    Ok(true)
}
