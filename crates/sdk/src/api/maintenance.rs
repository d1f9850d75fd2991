//! Maintenance windows and patch-upgrade deferral.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::maintenance::{
    ClusterVersionDeferral, ClusterVersionDeferralUpdate, MaintenanceWindow,
};
use crate::operation as op;

impl Client {
    /// `GetMaintenanceWindow`.
    pub async fn get_maintenance_window(&self, cluster_id: &str) -> Result<MaintenanceWindow> {
        self.send(
            &op::GET_MAINTENANCE_WINDOW,
            &[cluster_id],
            &Query::new(),
            None::<&()>,
        )
        .await
    }

    /// `SetMaintenanceWindow` (Advanced clusters).
    pub async fn set_maintenance_window(
        &self,
        cluster_id: &str,
        window: &MaintenanceWindow,
    ) -> Result<MaintenanceWindow> {
        self.send(
            &op::SET_MAINTENANCE_WINDOW,
            &[cluster_id],
            &Query::new(),
            Some(window),
        )
        .await
    }

    /// `DeleteMaintenanceWindow`: answers with the window removed.
    pub async fn delete_maintenance_window(&self, cluster_id: &str) -> Result<MaintenanceWindow> {
        self.send(
            &op::DELETE_MAINTENANCE_WINDOW,
            &[cluster_id],
            &Query::new(),
            None::<&()>,
        )
        .await
    }

    /// `GetClusterVersionDeferral`.
    pub async fn get_cluster_version_deferral(
        &self,
        cluster_id: &str,
    ) -> Result<ClusterVersionDeferral> {
        self.send(
            &op::GET_CLUSTER_VERSION_DEFERRAL,
            &[cluster_id],
            &Query::new(),
            None::<&()>,
        )
        .await
    }

    /// `SetClusterVersionDeferral`.
    pub async fn set_cluster_version_deferral(
        &self,
        cluster_id: &str,
        update: &ClusterVersionDeferralUpdate,
    ) -> Result<ClusterVersionDeferral> {
        self.send(
            &op::SET_CLUSTER_VERSION_DEFERRAL,
            &[cluster_id],
            &Query::new(),
            Some(update),
        )
        .await
    }
}
