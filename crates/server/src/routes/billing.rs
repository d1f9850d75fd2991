//! The Billing tag: ListInvoices (filtered, by period start, unpaginated)
//! and GetInvoice, computed from the current state and clock.

use crate::app::Shared;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::extract::QueryParams;
use crate::rules::billing as rules;
use crate::store::model::Mem;
use axum::Json;
use axum::extract::{Path, State};
use crdb_cloud::models::billing::{Invoice, ListInvoicesResponse};
use crdb_cloud::models::clusters::Cluster;

fn all_invoices(mem: &Mem) -> Vec<Invoice> {
    let now = clock::now();
    let Some(org) = &mem.org else {
        return Vec::new();
    };
    let clusters: Vec<Cluster> = mem.clusters.values().map(|r| r.cluster.clone()).collect();
    rules::invoices(org.created_at, &clusters, now)
}

/// `GET /api/v1/invoices`.
pub async fn list(
    State(app): State<Shared>,
    q: QueryParams,
) -> ApiResult<Json<ListInvoicesResponse>> {
    let filter = rules::filter(q.get("status"), q.time("start_time")?, q.time("end_time")?)?;
    let invoices = app
        .store
        .read(all_invoices)
        .into_iter()
        .filter(|i| rules::keep(i, &filter))
        .collect();
    Ok(Json(ListInvoicesResponse { invoices }))
}

/// `GET /api/v1/invoices/{invoice_id}`.
pub async fn get(State(app): State<Shared>, Path(id): Path<String>) -> ApiResult<Json<Invoice>> {
    app.store
        .read(all_invoices)
        .into_iter()
        .find(|i| i.invoice_id == id)
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("invoice {id} not found")))
}
