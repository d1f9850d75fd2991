//! Scaling an existing cluster: the wizard's capacity choices read from a
//! cluster, and the update request that applies them.

use crate::logic::ClusterDraft;
use crdb_cloud::models::clusters::{
    Cluster, DedicatedClusterUpdateSpecification, DedicatedHardwareUpdateSpecification,
    DedicatedMachineTypeSpecification, ServerlessClusterUpdateSpecification,
    UpdateClusterSpecification, UsageLimits,
};
use crdb_cloud::models::common::Plan;

/// The capacity a cluster has now, as the wizard's draft (so the same
/// fields and checks serve creating and scaling).
pub fn draft_from(c: &Cluster) -> ClusterDraft {
    let mut d = ClusterDraft {
        plan: c.plan.clone(),
        cloud: c.cloud_provider.clone(),
        regions: c.regions.iter().map(|r| r.name.clone()).collect(),
        name: c.name.clone(),
        ..ClusterDraft::default()
    };
    if let Some(h) = &c.config.dedicated {
        d.vcpus_per_node = h.num_virtual_cpus;
        d.storage_gib_per_node = h.storage_gib;
        d.nodes_per_region = c.regions.iter().map(|r| r.node_count).max().unwrap_or(3);
    }
    let limits = c
        .config
        .serverless
        .as_ref()
        .and_then(|s| s.usage_limits.clone())
        .unwrap_or_default();
    d.request_unit_limit = limits.request_unit_limit.unwrap_or(0);
    d.storage_gib_limit = limits.storage_mib_limit.map_or(0, |m| m / 1024);
    d.provisioned_vcpus = limits.provisioned_virtual_cpus.unwrap_or(2);
    d
}

/// The `UpdateCluster` body that gives the cluster the draft's capacity:
/// usage limits (Basic, 0 = unlimited), provisioned vCPUs (Standard), or
/// nodes per region, machine size and storage (Advanced).
pub fn scale_request(d: &ClusterDraft) -> UpdateClusterSpecification {
    match d.plan {
        Plan::Advanced => UpdateClusterSpecification {
            dedicated: Some(DedicatedClusterUpdateSpecification {
                hardware: Some(DedicatedHardwareUpdateSpecification {
                    storage_gib: Some(d.storage_gib_per_node),
                    machine_spec: Some(DedicatedMachineTypeSpecification {
                        machine_type: None,
                        num_virtual_cpus: Some(d.vcpus_per_node),
                    }),
                    disk_iops: None,
                }),
                region_nodes: Some(
                    d.regions
                        .iter()
                        .map(|r| (r.clone(), d.nodes_per_region))
                        .collect(),
                ),
                ..Default::default()
            }),
            ..Default::default()
        },
        _ => {
            let usage_limits = if d.plan == Plan::Standard {
                UsageLimits {
                    provisioned_virtual_cpus: Some(d.provisioned_vcpus),
                    ..Default::default()
                }
            } else {
                UsageLimits {
                    request_unit_limit: (d.request_unit_limit > 0).then_some(d.request_unit_limit),
                    storage_mib_limit: (d.storage_gib_limit > 0)
                        .then_some(d.storage_gib_limit * 1024),
                    provisioned_virtual_cpus: None,
                }
            };
            UpdateClusterSpecification {
                serverless: Some(ServerlessClusterUpdateSpecification {
                    usage_limits: Some(usage_limits),
                    ..Default::default()
                }),
                ..Default::default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crdb_cloud::models::clusters::{
        ClusterConfig, DedicatedHardwareConfig, Region, ServerlessClusterConfig,
    };
    use serde_json::json;

    fn advanced() -> Cluster {
        Cluster {
            plan: Plan::Advanced,
            config: ClusterConfig {
                dedicated: Some(DedicatedHardwareConfig {
                    num_virtual_cpus: 8,
                    storage_gib: 200,
                    ..Default::default()
                }),
                serverless: None,
            },
            regions: vec![Region {
                name: "us-east-1".into(),
                node_count: 3,
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn advanced_scale_sends_nodes_machine_and_storage() {
        let mut d = draft_from(&advanced());
        assert_eq!(
            (d.nodes_per_region, d.vcpus_per_node, d.storage_gib_per_node),
            (3, 8, 200)
        );
        d.nodes_per_region = 5;
        let body = serde_json::to_value(scale_request(&d)).unwrap();
        assert_eq!(body["dedicated"]["region_nodes"], json!({"us-east-1": 5}));
        assert_eq!(
            body["dedicated"]["hardware"]["machine_spec"]["num_virtual_cpus"],
            8
        );
        assert_eq!(body["dedicated"]["hardware"]["storage_gib"], 200);
        assert!(body.get("serverless").is_none());
    }

    #[test]
    fn serverless_scale_replaces_the_limits() {
        let basic = Cluster {
            plan: Plan::Basic,
            config: ClusterConfig {
                serverless: Some(ServerlessClusterConfig {
                    usage_limits: Some(UsageLimits {
                        request_unit_limit: Some(1000),
                        storage_mib_limit: Some(2048),
                        provisioned_virtual_cpus: None,
                    }),
                    ..Default::default()
                }),
                dedicated: None,
            },
            ..Default::default()
        };
        let mut d = draft_from(&basic);
        assert_eq!((d.request_unit_limit, d.storage_gib_limit), (1000, 2));
        d.request_unit_limit = 0;
        let body = serde_json::to_value(scale_request(&d)).unwrap();
        // 0 = unlimited: the limit is left out.
        assert_eq!(
            body["serverless"]["usage_limits"],
            json!({"storage_mib_limit": "2048"})
        );
        let mut s = d.clone();
        s.plan = Plan::Standard;
        s.provisioned_vcpus = 8;
        let body = serde_json::to_value(scale_request(&s)).unwrap();
        assert_eq!(
            body["serverless"]["usage_limits"],
            json!({"provisioned_virtual_cpus": "8"})
        );
    }
}
