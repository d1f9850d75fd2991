//! Local admin API for backups and restores (bootstrap key only): take a
//! backup now, make a running restore fail.

use crate::app::Shared;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::rules::{backups, restores};
use crate::store::model::{Change, ClusterRow, Mem};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use crdb_cloud::models::backups::{BackupSummary, Restore};
use serde::Deserialize;

fn cluster(mem: &Mem, id: &str) -> ApiResult<ClusterRow> {
    let mut row = mem
        .clusters
        .get(id)
        .cloned()
        .ok_or_else(|| ApiError::not_found(format!("cluster {id} not found")))?;
    crate::rules::cluster::settle(&mut row, clock::now());
    Ok(row)
}

/// `POST /local/v1/clusters/{cluster_id}/backups`: a backup taken now.
pub async fn take_backup(
    State(app): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<BackupSummary>> {
    let backup = app
        .store
        .mutate_async(move |mem| {
            let mut row = cluster(mem, &id)?;
            let backup = backups::take_backup(&mut row, clock::now())?;
            Ok((backup, vec![Change::Cluster(Box::new(row))]))
        })
        .await?;
    Ok(Json(backup))
}

/// Optional body of the fail call: the client error to report.
#[derive(Debug, Deserialize)]
struct FailBody {
    #[serde(default)]
    code: Option<i32>,
    #[serde(default)]
    message: Option<String>,
}

/// `POST /local/v1/clusters/{cluster_id}/restores/{restore_id}/fail`: a
/// PENDING restore becomes FAILED with `client_error_code` (default 9) and
/// `client_error_message`, both settable by an optional JSON body.
pub async fn fail_restore(
    State(app): State<Shared>,
    Path((id, restore_id)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<Json<Restore>> {
    let body: FailBody = if body.iter().all(u8::is_ascii_whitespace) {
        FailBody {
            code: None,
            message: None,
        }
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::invalid(format!("invalid request body: {e}")))?
    };
    let code = body.code.unwrap_or(9);
    let message = body
        .message
        .unwrap_or_else(|| "restore failed (made to fail through the local admin API)".into());
    let restore = app
        .store
        .mutate_async(move |mem| {
            let mut row = cluster(mem, &id)?;
            let failed = restores::fail(&mut row, &restore_id, code, &message, clock::now())?;
            Ok((failed, vec![Change::Cluster(Box::new(row))]))
        })
        .await?;
    Ok(Json(restore))
}
