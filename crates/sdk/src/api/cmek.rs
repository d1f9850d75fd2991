//! Customer-managed encryption keys: enable, rotate, revoke, read, and wait
//! for a change to settle.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::cmek::{
    CmekClusterInfo, EnableCmekSpecBody, UpdateCmekSpecBody, UpdateCmekStatusBody,
};
use crate::operation as op;
use crate::wait::{Progress, WaitOptions, poll_until};

impl Client {
    /// `GetCMEKClusterInfo`.
    pub async fn get_cmek_cluster_info(&self, cluster_id: &str) -> Result<CmekClusterInfo> {
        self.send(
            &op::GET_CMEK_CLUSTER_INFO,
            &[cluster_id],
            &Query::new(),
            None::<&()>,
        )
        .await
    }

    /// `EnableCMEKSpec`: turn on CMEK with one key per region.
    pub async fn enable_cmek_spec(
        &self,
        cluster_id: &str,
        body: &EnableCmekSpecBody,
    ) -> Result<CmekClusterInfo> {
        self.send(
            &op::ENABLE_CMEK_SPEC,
            &[cluster_id],
            &Query::new(),
            Some(body),
        )
        .await
    }

    /// `UpdateCMEKSpec`: rotate to new keys.
    pub async fn update_cmek_spec(
        &self,
        cluster_id: &str,
        body: &UpdateCmekSpecBody,
    ) -> Result<CmekClusterInfo> {
        self.send(
            &op::UPDATE_CMEK_SPEC,
            &[cluster_id],
            &Query::new(),
            Some(body),
        )
        .await
    }

    /// `UpdateCMEKStatus`: revoke.
    pub async fn update_cmek_status(
        &self,
        cluster_id: &str,
        body: &UpdateCmekStatusBody,
    ) -> Result<CmekClusterInfo> {
        self.send(
            &op::UPDATE_CMEK_STATUS,
            &[cluster_id],
            &Query::new(),
            Some(body),
        )
        .await
    }

    /// Waits until no CMEK operation is in progress; fails on a `*_FAILED` status.
    pub async fn wait_for_cmek(
        &self,
        cluster_id: &str,
        options: &WaitOptions,
    ) -> Result<CmekClusterInfo> {
        poll_until(
            "cmek",
            options,
            || self.get_cmek_cluster_info(cluster_id),
            cmek_progress,
        )
        .await
    }
}

/// How far a CMEK change is from settling.
pub fn cmek_progress(info: &CmekClusterInfo) -> Progress {
    let status = info.status.clone().unwrap_or_default();
    if status.is_failed() {
        let message = info
            .region_infos
            .iter()
            .flatten()
            .flat_map(|r| r.key_infos.iter().flatten())
            .filter_map(|k| k.user_message.clone())
            .next()
            .unwrap_or_default();
        Progress::Failed {
            state: status.to_string(),
            message,
        }
    } else if status.is_in_progress() || !status.is_known() {
        Progress::Pending(status.to_string())
    } else {
        Progress::Done
    }
}
