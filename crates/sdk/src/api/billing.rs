//! Billing: list and read invoices.

use crate::client::{Client, Query};
use crate::error::Result;
use crate::models::billing::{Invoice, InvoiceStatus, ListInvoicesResponse};
use crate::operation as op;
use crate::wire::Timestamp;

/// Query of [`Client::list_invoices`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListInvoicesParams {
    /// Only invoices with this status (default both).
    pub status: Option<InvoiceStatus>,
    /// Periods starting at or after this time (default: organization creation).
    pub start_time: Option<Timestamp>,
    /// Periods ending at or before this time (default: now).
    pub end_time: Option<Timestamp>,
}

impl ListInvoicesParams {
    /// The query string of these parameters.
    pub fn query(&self) -> Query {
        let rfc3339 = |t: Timestamp| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
        let mut q = Query::new();
        q.opt("status", self.status.as_ref())
            .opt("start_time", self.start_time.map(rfc3339))
            .opt("end_time", self.end_time.map(rfc3339));
        q
    }
}

impl Client {
    /// `ListInvoices`: every matching invoice, by period start (not paginated).
    pub async fn list_invoices(&self, params: &ListInvoicesParams) -> Result<ListInvoicesResponse> {
        self.send(&op::LIST_INVOICES, &[], &params.query(), None::<&()>)
            .await
    }

    /// `GetInvoice`.
    pub async fn get_invoice(&self, invoice_id: &str) -> Result<Invoice> {
        self.send(&op::GET_INVOICE, &[invoice_id], &Query::new(), None::<&()>)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_names_and_formats() {
        let p = ListInvoicesParams {
            status: Some(InvoiceStatus::Draft),
            start_time: Some("2024-01-01T00:00:00Z".parse().unwrap()),
            end_time: None,
        };
        assert_eq!(
            p.query().pairs(),
            &[
                ("status", "DRAFT".to_string()),
                ("start_time", "2024-01-01T00:00:00Z".to_string()),
            ]
        );
    }
}
