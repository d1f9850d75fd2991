//! GetOrganizationInfo.

use crate::app::Shared;
use crate::error::{ApiError, ApiResult};
use axum::Json;
use axum::extract::State;
use crdb_cloud::models::organization::Organization;

/// `GET /api/v1/organization`.
pub async fn get(State(app): State<Shared>) -> ApiResult<Json<Organization>> {
    app.store
        .read(|mem| mem.org.clone())
        .map(Json)
        .ok_or_else(|| ApiError::internal("organization missing"))
}
