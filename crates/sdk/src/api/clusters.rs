//! Clusters: list, create, read, update, delete, nodes, versions, regions,
//! connection strings, and waiting for a cluster to be ready.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::clusters::{
    Cluster, ClusterSortBy, ClusterState, CreateClusterRequest, GetConnectionStringResponse,
    ListAvailableRegionsResponse, ListClusterNodesResponse, ListClustersResponse,
    ListMajorClusterVersionsResponse, Node, OperatingSystem, UpdateClusterSpecification,
};
use crate::models::common::CloudProvider;
use crate::operation as op;
use crate::pagination::{ListOptions, paginate};
use crate::wait::{Progress, WaitOptions, poll_until};
use futures_util::Stream;

/// Query of [`Client::list_clusters`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListClustersParams {
    /// Include deleted and failed clusters.
    pub show_inactive: Option<bool>,
    /// Sort key (`pagination.sort_by`).
    pub sort_by: Option<ClusterSortBy>,
    /// Paging.
    pub pagination: ListOptions,
}

/// Query of [`Client::list_available_regions`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListAvailableRegionsParams {
    /// Only this provider's regions.
    pub provider: Option<CloudProvider>,
    /// Only regions Basic and Standard clusters may use.
    pub serverless: Option<bool>,
    /// Paging.
    pub pagination: ListOptions,
}

/// Query of [`Client::get_connection_string`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConnectionStringParams {
    /// Database (default `defaultdb`).
    pub database: Option<String>,
    /// SQL user to put in the string.
    pub sql_user: Option<String>,
    /// Operating system the string is for.
    pub os: Option<OperatingSystem>,
}

impl Client {
    /// `ListClusters`: one page of the organization's clusters.
    pub async fn list_clusters(&self, params: &ListClustersParams) -> Result<ListClustersResponse> {
        let mut q = Query::new();
        q.opt("show_inactive", params.show_inactive)
            .opt("pagination.sort_by", params.sort_by.as_ref());
        params.pagination.apply(&mut q);
        self.send(&op::LIST_CLUSTERS, &[], &q, None::<&()>).await
    }

    /// Every cluster, page after page.
    pub fn list_clusters_all(
        &self,
        params: ListClustersParams,
    ) -> impl Stream<Item = Result<Cluster>> + '_ {
        paginate(params, move |p: ListClustersParams| async move {
            let page = self.list_clusters(&p).await?;
            let next = p
                .pagination
                .next(page.pagination.as_ref())
                .map(|pagination| ListClustersParams { pagination, ..p });
            Ok((page.clusters, next))
        })
    }

    /// `CreateCluster`: starts creating a cluster; it is `CREATING` until ready.
    pub async fn create_cluster(&self, request: &CreateClusterRequest) -> Result<Cluster> {
        self.send(&op::CREATE_CLUSTER, &[], &Query::new(), Some(request))
            .await
    }

    /// `GetCluster`.
    pub async fn get_cluster(&self, cluster_id: &str) -> Result<Cluster> {
        self.send(&op::GET_CLUSTER, &[cluster_id], &Query::new(), None::<&()>)
            .await
    }

    /// `UpdateCluster`: scale, edit, upgrade, protect, relabel or move.
    pub async fn update_cluster(
        &self,
        cluster_id: &str,
        spec: &UpdateClusterSpecification,
    ) -> Result<Cluster> {
        self.send(
            &op::UPDATE_CLUSTER,
            &[cluster_id],
            &Query::new(),
            Some(spec),
        )
        .await
    }

    /// `DeleteCluster`: refused while delete protection is enabled.
    pub async fn delete_cluster(&self, cluster_id: &str) -> Result<Cluster> {
        self.send(
            &op::DELETE_CLUSTER,
            &[cluster_id],
            &Query::new(),
            None::<&()>,
        )
        .await
    }

    /// `GetConnectionString`.
    pub async fn get_connection_string(
        &self,
        cluster_id: &str,
        params: &ConnectionStringParams,
    ) -> Result<GetConnectionStringResponse> {
        let mut q = Query::new();
        q.opt("database", params.database.as_deref())
            .opt("sql_user", params.sql_user.as_deref())
            .opt("os", params.os.as_ref());
        self.send(&op::GET_CONNECTION_STRING, &[cluster_id], &q, None::<&()>)
            .await
    }

    /// `ListClusterNodes`, optionally for one region.
    pub async fn list_cluster_nodes(
        &self,
        cluster_id: &str,
        region_name: Option<&str>,
        pagination: &ListOptions,
    ) -> Result<ListClusterNodesResponse> {
        let mut q = Query::new();
        q.opt("region_name", region_name);
        pagination.apply(&mut q);
        self.send(&op::LIST_CLUSTER_NODES, &[cluster_id], &q, None::<&()>)
            .await
    }

    /// Every node of a cluster, page after page.
    pub fn list_cluster_nodes_all<'a>(
        &'a self,
        cluster_id: &'a str,
        region_name: Option<&'a str>,
    ) -> impl Stream<Item = Result<Node>> + 'a {
        paginate(ListOptions::default(), move |p: ListOptions| async move {
            let page = self.list_cluster_nodes(cluster_id, region_name, &p).await?;
            Ok((page.nodes, p.next(page.pagination.as_ref())))
        })
    }

    /// `ListMajorClusterVersions`: versions, newest first.
    pub async fn list_major_cluster_versions(
        &self,
        pagination: &ListOptions,
    ) -> Result<ListMajorClusterVersionsResponse> {
        let mut q = Query::new();
        pagination.apply(&mut q);
        self.send(&op::LIST_MAJOR_CLUSTER_VERSIONS, &[], &q, None::<&()>)
            .await
    }

    /// `ListAvailableRegions`.
    pub async fn list_available_regions(
        &self,
        params: &ListAvailableRegionsParams,
    ) -> Result<ListAvailableRegionsResponse> {
        let mut q = Query::new();
        q.opt("provider", params.provider.as_ref())
            .opt("serverless", params.serverless);
        params.pagination.apply(&mut q);
        self.send(&op::LIST_AVAILABLE_REGIONS, &[], &q, None::<&()>)
            .await
    }

    /// Waits until the cluster is `CREATED`; fails at once on
    /// `CREATION_FAILED` or `DELETED`. Also waits out `LOCKED` after an update.
    pub async fn wait_for_cluster(
        &self,
        cluster_id: &str,
        options: &WaitOptions,
    ) -> Result<Cluster> {
        poll_until(
            "cluster",
            options,
            || self.get_cluster(cluster_id),
            cluster_progress,
        )
        .await
    }
}

/// How far a cluster is from being ready.
pub fn cluster_progress(cluster: &Cluster) -> Progress {
    match &cluster.state {
        ClusterState::Created => Progress::Done,
        state @ (ClusterState::CreationFailed | ClusterState::Deleted) => Progress::Failed {
            state: state.to_string(),
            message: format!("cluster {} can no longer become CREATED", cluster.id),
        },
        state => Progress::Pending(state.to_string()),
    }
}
