//! Billing: monthly invoices, per cluster and per currency.

use crate::models::clusters::Cluster;
use crate::models::folders::FolderResource;
use crate::wire::Timestamp;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// `InvoiceStatus.Type`: past periods are `FINALIZED`, the current one `DRAFT`.
    pub enum InvoiceStatus {
        Finalized = "FINALIZED",
        Draft = "DRAFT",
    }
}

crate::wire_enum! {
    /// `Currency.Type`.
    pub enum Currency {
        /// US dollars.
        Usd = "USD",
        /// Prepaid CockroachDB Cloud credits.
        CrdbCloudCredits = "CRDB_CLOUD_CREDITS",
    }
}

crate::wire_enum! {
    /// `QuantityUnit.Type`: what a line item counts.
    pub enum QuantityUnit {
        Hours = "HOURS",
        RequestUnits = "REQUEST_UNITS",
        Gib = "GIB",
        GibHours = "GIB_HOURS",
        VcpuHours = "VCPU_HOURS",
    }
}

/// `CurrencyAmount`. Amounts are exact decimals on the server but travel
/// as JSON numbers (doubles).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CurrencyAmount {
    /// The amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// Its currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
}

/// `Invoice`: one billing period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Invoice {
    /// Invoice id.
    #[serde(default)]
    pub invoice_id: String,
    /// Start of the period (inclusive).
    #[serde(with = "crate::wire::timestamp", default)]
    pub period_start: Timestamp,
    /// End of the period (exclusive).
    #[serde(with = "crate::wire::timestamp", default)]
    pub period_end: Timestamp,
    /// Totals, one per currency.
    #[serde(default)]
    pub totals: Vec<CurrencyAmount>,
    /// Balances left at invoice time, one per currency.
    #[serde(default)]
    pub balances: Vec<CurrencyAmount>,
    /// One item per cluster, sorted by cluster name.
    #[serde(default)]
    pub invoice_items: Vec<InvoiceItem>,
    /// Credits or costs not tied to a cluster (e.g. a free credit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjustments: Option<Vec<InvoiceAdjustment>>,
    /// Preview: the organization's resources and their folder paths.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder_resources: Option<Vec<FolderResource>>,
    /// Finalized or draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InvoiceStatus>,
}

/// `InvoiceItem`: one cluster's charges.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InvoiceItem {
    /// The cluster charged.
    #[serde(default)]
    pub cluster: Cluster,
    /// Totals of its line items, one per currency.
    #[serde(default)]
    pub totals: Vec<CurrencyAmount>,
    /// The charges.
    #[serde(default)]
    pub line_items: Vec<LineItem>,
}

/// `LineItem`: one charge.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LineItem {
    /// What was charged, e.g. a machine type.
    #[serde(default)]
    pub description: String,
    /// How much was used.
    #[serde(default)]
    pub quantity: f64,
    /// Unit of `quantity`.
    #[serde(default)]
    pub quantity_unit: QuantityUnit,
    /// Price per unit.
    #[serde(default)]
    pub unit_cost: f64,
    /// The charge.
    #[serde(default)]
    pub total: CurrencyAmount,
}

/// `InvoiceAdjustment`: a credit or cost on the whole invoice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InvoiceAdjustment {
    /// What it is, e.g. "Serverless Free Credit".
    #[serde(default)]
    pub name: String,
    /// How much (negative for credits).
    #[serde(default)]
    pub amount: CurrencyAmount,
}

/// `ListInvoicesResponse`: every matching invoice, by period start, unpaginated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListInvoicesResponse {
    /// The invoices.
    #[serde(default)]
    pub invoices: Vec<Invoice>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const INVOICE: &str = r#"{
        "invoice_id": "inv-1",
        "period_start": "2024-08-01T00:00:00Z",
        "period_end": "2024-09-01T00:00:00Z",
        "totals": [{"amount": 12.5, "currency": "USD"}],
        "balances": [{"amount": 400, "currency": "CRDB_CLOUD_CREDITS"}],
        "invoice_items": [{
            "cluster": {"id": "c-1", "name": "my-cluster", "plan": "STANDARD", "state": "CREATED"},
            "totals": [{"amount": 12.5, "currency": "USD"}],
            "line_items": [{
                "description": "Provisioned vCPUs",
                "quantity": 1488,
                "quantity_unit": "VCPU_HOURS",
                "unit_cost": 0.0084,
                "total": {"amount": 12.5, "currency": "USD"}
            }]
        }],
        "adjustments": [{"name": "Serverless Free Credit", "amount": {"amount": -5, "currency": "USD"}}],
        "status": "FINALIZED"
    }"#;

    #[test]
    fn decodes_an_invoice_and_round_trips_it() {
        let inv: Invoice = serde_json::from_str(INVOICE).unwrap();
        assert_eq!(inv.status, Some(InvoiceStatus::Finalized));
        assert_eq!(
            inv.period_start,
            "2024-08-01T00:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(inv.balances[0].currency, Some(Currency::CrdbCloudCredits));
        assert_eq!(inv.balances[0].amount, Some(400.0));
        let item = &inv.invoice_items[0];
        assert_eq!(item.cluster.name, "my-cluster");
        let line = &item.line_items[0];
        assert_eq!(line.quantity_unit, QuantityUnit::VcpuHours);
        assert_eq!((line.quantity, line.unit_cost), (1488.0, 0.0084));
        let adj = inv.adjustments.as_deref().unwrap();
        assert_eq!(adj[0].amount.amount, Some(-5.0));
        assert_eq!(inv.folder_resources, None);
        let again: Invoice = serde_json::from_str(&serde_json::to_string(&inv).unwrap()).unwrap();
        assert_eq!(again, inv);
    }

    #[test]
    fn list_ignores_the_documented_null_pagination() {
        let text = format!(r#"{{"invoices":[{INVOICE}],"pagination":null}}"#);
        let list: ListInvoicesResponse = serde_json::from_str(&text).unwrap();
        assert_eq!(list.invoices.len(), 1);
        let empty: ListInvoicesResponse = serde_json::from_str("{}").unwrap();
        assert!(empty.invoices.is_empty());
    }

    #[test]
    fn a_draft_with_unknown_units_and_currencies_still_decodes() {
        let text = r#"{"invoice_id":"inv-2","status":"DRAFT","invoice_items":[{"line_items":[{"quantity_unit":"TIB_MONTHS","total":{"currency":"EUR"}}]}]}"#;
        let inv: Invoice = serde_json::from_str(text).unwrap();
        assert_eq!(inv.status, Some(InvoiceStatus::Draft));
        let line = &inv.invoice_items[0].line_items[0];
        assert_eq!(
            line.quantity_unit,
            QuantityUnit::Unknown("TIB_MONTHS".into())
        );
        assert_eq!(line.total.currency, Some(Currency::Unknown("EUR".into())));
        assert_eq!(line.total.amount, None);
        assert_eq!(
            serde_json::to_string(&line.total).unwrap(),
            r#"{"currency":"EUR"}"#
        );
    }
}
