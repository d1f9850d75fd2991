//! `--demo`: a few clusters of each plan on an empty organization.

use crate::rules::cluster::{NewCluster, build_cluster};
use crate::store::Store;
use crate::store::model::Change;
use crdb_cloud::models::clusters::*;
use crdb_cloud::models::common::{CloudProvider, Plan};

fn demo_requests() -> Vec<CreateClusterRequest> {
    let serverless = |name: &str, plan: Plan, limits: UsageLimits| CreateClusterRequest {
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
    };
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
                        ..Default::default()
                    },
                    ..Default::default()
                }),
                ..Default::default()
            },
        },
    ]
}

/// Adds the demo clusters if the organization has none.
pub fn seed(store: &Store, creator_id: &str) -> Result<(), String> {
    store
        .mutate(|mem| {
            if !mem.clusters.is_empty() {
                return Ok(((), Vec::new()));
            }
            let now = crate::clock::now();
            let mut changes = Vec::new();
            for req in demo_requests() {
                let new = NewCluster {
                    id: uuid::Uuid::new_v4().to_string(),
                    creator_id: creator_id.to_owned(),
                    now,
                    due_at: Some(now),
                };
                let mut row = build_cluster(&req, &new)?;
                crate::rules::cluster::settle(&mut row, now);
                changes.push(Change::Cluster(Box::new(row)));
            }
            Ok(((), changes))
        })
        .map_err(|e| e.to_string())
}
