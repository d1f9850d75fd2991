//! Billing: monthly invoices computed from the clusters' plans and sizes with
//! one fixed price table ([`PRICES`]), in USD.
//!
//! - One invoice per calendar month (UTC) from the organization's creation
//!   month to the current one; past months are `FINALIZED`, the current one
//!   is a `DRAFT` priced up to now. Ids are `inv-YYYY-MM`.
//! - A cluster is billed for the hours it existed in the period (from
//!   `created_at` to `deleted_at` or now); clusters whose creation failed are
//!   not billed. Sizes are the clusters' current sizes (the server keeps no
//!   size history).
//! - Items are sorted by cluster name; quantities and amounts are rounded to
//!   cents (quantities to hundredths of a unit).

use crate::error::{ApiError, ApiResult};
use chrono::{Datelike, TimeZone, Utc};
use crdb_cloud::Timestamp;
use crdb_cloud::models::billing::*;
use crdb_cloud::models::clusters::{Cluster, ClusterState};
use crdb_cloud::models::common::Plan;

/// One row of the price table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Price {
    /// `Plan.Type` the price applies to.
    pub plan: &'static str,
    /// Line item description.
    pub description: &'static str,
    /// `QuantityUnit.Type`.
    pub unit: &'static str,
    /// USD per unit.
    pub unit_cost: f64,
}

/// The price table (USD). Basic: per cluster-hour; Standard: per provisioned
/// vCPU-hour; Advanced: per node vCPU-hour plus per node storage GiB-hour.
pub const PRICES: &[Price] = &[
    Price {
        plan: "BASIC",
        description: "Basic cluster",
        unit: "HOURS",
        unit_cost: 0.01,
    },
    Price {
        plan: "STANDARD",
        description: "Standard provisioned compute",
        unit: "VCPU_HOURS",
        unit_cost: 0.18,
    },
    Price {
        plan: "ADVANCED",
        description: "Advanced compute",
        unit: "VCPU_HOURS",
        unit_cost: 0.30,
    },
    Price {
        plan: "ADVANCED",
        description: "Advanced storage",
        unit: "GIB_HOURS",
        unit_cost: 0.0004,
    },
];

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn usd(amount: f64) -> CurrencyAmount {
    CurrencyAmount {
        amount: Some(round2(amount)),
        currency: Some(Currency::Usd),
    }
}

/// Start of the month `months` after the month of `t`.
fn month_start(t: Timestamp, months: i32) -> Option<Timestamp> {
    let index = t.year() * 12 + t.month0() as i32 + months;
    let (year, month0) = (index.div_euclid(12), index.rem_euclid(12));
    Utc.with_ymd_and_hms(year, month0 as u32 + 1, 1, 0, 0, 0)
        .single()
}

/// Hours of `[from, to)` inside `[start, end)`.
fn overlap_hours(from: Timestamp, to: Timestamp, start: Timestamp, end: Timestamp) -> f64 {
    let lo = from.max(start);
    let hi = to.min(end);
    if hi <= lo {
        return 0.0;
    }
    (hi - lo).num_microseconds().unwrap_or(i64::MAX) as f64 / 3_600_000_000.0
}

/// The size a price counts for a cluster: cluster, vCPUs or GiB. Counts are
/// multiplied as `f64` (exact for any product of two `i32`s, and never
/// wrapping), so no cluster size can turn an invoice negative.
fn units_per_hour(cluster: &Cluster, price: &Price) -> f64 {
    let nodes: f64 = cluster
        .regions
        .iter()
        .map(|r| f64::from(r.node_count.max(0)))
        .sum();
    let dedicated = cluster.config.dedicated.as_ref();
    match price.unit {
        "HOURS" => 1.0,
        "VCPU_HOURS" if cluster.plan == Plan::Advanced => {
            f64::from(dedicated.map_or(0, |d| d.num_virtual_cpus)) * nodes
        }
        "VCPU_HOURS" => cluster
            .config
            .serverless
            .as_ref()
            .and_then(|s| s.usage_limits.as_ref())
            .and_then(|l| l.provisioned_virtual_cpus)
            .unwrap_or(0) as f64,
        "GIB_HOURS" => f64::from(dedicated.map_or(0, |d| d.storage_gib)) * nodes,
        _ => 0.0,
    }
}

/// One cluster's charges in a period, if it existed then.
fn item(
    cluster: &Cluster,
    start: Timestamp,
    end: Timestamp,
    now: Timestamp,
) -> Option<InvoiceItem> {
    if cluster.state == ClusterState::CreationFailed {
        return None;
    }
    let from = cluster.created_at?;
    let to = cluster.deleted_at.unwrap_or(now).min(now);
    if from >= end || to < start || to < from {
        return None;
    }
    // a cluster made a moment ago is listed, with (nearly) zero hours
    let hours = overlap_hours(from, to, start, end);
    let line_items: Vec<LineItem> = PRICES
        .iter()
        .filter(|p| p.plan == cluster.plan.as_str())
        .map(|p| {
            let quantity = round2(hours * units_per_hour(cluster, p));
            LineItem {
                description: p.description.to_owned(),
                quantity,
                quantity_unit: QuantityUnit::from(p.unit),
                unit_cost: p.unit_cost,
                total: usd(quantity * p.unit_cost),
            }
        })
        .collect();
    let total: f64 = line_items.iter().filter_map(|l| l.total.amount).sum();
    Some(InvoiceItem {
        cluster: cluster.clone(),
        totals: vec![usd(total)],
        line_items,
    })
}

/// Every invoice of an organization created at `org_created`, by period start.
pub fn invoices(org_created: Timestamp, clusters: &[Cluster], now: Timestamp) -> Vec<Invoice> {
    let mut out = Vec::new();
    let mut months = 0;
    while let (Some(start), Some(end)) = (
        month_start(org_created, months),
        month_start(org_created, months + 1),
    ) {
        if start > now {
            break;
        }
        let mut items: Vec<InvoiceItem> = clusters
            .iter()
            .filter_map(|c| item(c, start, end, now))
            .collect();
        items.sort_by(|a, b| {
            a.cluster
                .name
                .cmp(&b.cluster.name)
                .then(a.cluster.id.cmp(&b.cluster.id))
        });
        let total: f64 = items
            .iter()
            .flat_map(|i| i.totals.iter().filter_map(|t| t.amount))
            .sum();
        out.push(Invoice {
            invoice_id: format!("inv-{:04}-{:02}", start.year(), start.month()),
            period_start: start,
            period_end: end,
            totals: vec![usd(total)],
            balances: vec![usd(0.0)],
            invoice_items: items,
            adjustments: None,
            folder_resources: None,
            status: Some(if end <= now {
                InvoiceStatus::Finalized
            } else {
                InvoiceStatus::Draft
            }),
        });
        months += 1;
    }
    out
}

/// The ListInvoices filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InvoiceFilter {
    /// Only this status.
    pub status: Option<InvoiceStatus>,
    /// Periods starting at or after this time.
    pub start_time: Option<Timestamp>,
    /// Periods ending at or before this time; unset: no bound, so the
    /// current `DRAFT` is listed.
    pub end_time: Option<Timestamp>,
}

/// Validates the filters.
pub fn filter(
    status: Option<&str>,
    start_time: Option<Timestamp>,
    end_time: Option<Timestamp>,
) -> ApiResult<InvoiceFilter> {
    let status = match status {
        None | Some("") => None,
        Some("FINALIZED") => Some(InvoiceStatus::Finalized),
        Some("DRAFT") => Some(InvoiceStatus::Draft),
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "status: expected FINALIZED or DRAFT, got {other:?}"
            )));
        }
    };
    if let (Some(s), Some(e)) = (start_time, end_time)
        && s > e
    {
        return Err(ApiError::invalid("start_time: must not be after end_time"));
    }
    Ok(InvoiceFilter {
        status,
        start_time,
        end_time,
    })
}

/// Whether an invoice passes the filters.
pub fn keep(invoice: &Invoice, f: &InvoiceFilter) -> bool {
    f.status
        .as_ref()
        .is_none_or(|s| invoice.status.as_ref() == Some(s))
        && f.start_time.is_none_or(|t| invoice.period_start >= t)
        && f.end_time.is_none_or(|t| invoice.period_end <= t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crdb_cloud::models::clusters::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn standard(name: &str, vcpus: i64, created: &str, deleted: Option<&str>) -> Cluster {
        Cluster {
            id: name.into(),
            name: name.into(),
            plan: Plan::Standard,
            state: if deleted.is_some() {
                ClusterState::Deleted
            } else {
                ClusterState::Created
            },
            created_at: Some(t(created)),
            deleted_at: deleted.map(t),
            config: ClusterConfig {
                serverless: Some(ServerlessClusterConfig {
                    usage_limits: Some(UsageLimits {
                        provisioned_virtual_cpus: Some(vcpus),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    fn advanced(name: &str, created: &str) -> Cluster {
        Cluster {
            id: name.into(),
            name: name.into(),
            plan: Plan::Advanced,
            state: ClusterState::Created,
            created_at: Some(t(created)),
            config: ClusterConfig {
                dedicated: Some(DedicatedHardwareConfig {
                    num_virtual_cpus: 4,
                    storage_gib: 100,
                    ..Default::default()
                }),
                ..Default::default()
            },
            regions: vec![Region {
                node_count: 3,
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn one_invoice_per_month_the_last_a_draft() {
        let now = t("2026-03-10T00:00:00Z");
        let all = invoices(t("2026-01-20T08:00:00Z"), &[], now);
        let ids: Vec<_> = all.iter().map(|i| i.invoice_id.as_str()).collect();
        assert_eq!(ids, ["inv-2026-01", "inv-2026-02", "inv-2026-03"]);
        assert_eq!(all[0].period_start, t("2026-01-01T00:00:00Z"));
        assert_eq!(all[0].period_end, t("2026-02-01T00:00:00Z"));
        assert_eq!(all[1].status, Some(InvoiceStatus::Finalized));
        assert_eq!(all[2].status, Some(InvoiceStatus::Draft));
        assert_eq!(all[2].totals, [usd(0.0)]);
        let year_end = invoices(t("2025-12-31T00:00:00Z"), &[], t("2026-01-01T00:00:00Z"));
        assert_eq!(year_end.len(), 2);
        assert_eq!(year_end[1].invoice_id, "inv-2026-01");
    }

    #[test]
    fn clusters_are_priced_by_the_hours_they_existed() {
        let now = t("2026-02-01T12:00:00Z");
        let clusters = [
            // 10 hours in January at 2 vCPUs: 20 vCPU-hours * 0.18 = 3.60
            standard(
                "std",
                2,
                "2026-01-31T12:00:00Z",
                Some("2026-01-31T22:00:00Z"),
            ),
            // 12 hours in February so far: 3 nodes * 4 vCPUs * 12 h * 0.30 = 43.20
            // and 3 * 100 GiB * 12 h * 0.0004 = 1.44
            advanced("adv", "2026-02-01T00:00:00Z"),
        ];
        let all = invoices(t("2026-01-05T00:00:00Z"), &clusters, now);
        assert_eq!(all.len(), 2);
        let jan = &all[0];
        assert_eq!(jan.invoice_items.len(), 1);
        let line = &jan.invoice_items[0].line_items[0];
        assert_eq!((line.quantity, line.unit_cost), (20.0, 0.18));
        assert_eq!(line.quantity_unit, QuantityUnit::VcpuHours);
        assert_eq!(jan.totals, [usd(3.6)]);
        let feb = &all[1];
        assert_eq!(feb.status, Some(InvoiceStatus::Draft));
        let adv = &feb.invoice_items[0];
        assert_eq!(adv.line_items.len(), 2);
        assert_eq!(adv.line_items[0].total, usd(43.2));
        assert_eq!(adv.line_items[1].total, usd(1.44));
        assert_eq!(feb.totals, [usd(44.64)]);
    }

    #[test]
    fn filters_are_validated_and_applied() {
        let now = t("2026-03-10T00:00:00Z");
        let all = invoices(t("2026-01-20T08:00:00Z"), &[], now);
        let f = filter(Some("DRAFT"), None, None).unwrap();
        assert_eq!(all.iter().filter(|i| keep(i, &f)).count(), 1);
        let f = filter(None, Some(t("2026-02-01T00:00:00Z")), None).unwrap();
        assert_eq!(all.iter().filter(|i| keep(i, &f)).count(), 2);
        let f = filter(None, None, Some(t("2026-03-01T00:00:00Z"))).unwrap();
        assert_eq!(all.iter().filter(|i| keep(i, &f)).count(), 2);
        assert_eq!(filter(Some("PAID"), None, None).unwrap_err().code, 3);
        let backwards = filter(None, Some(now), Some(t("2026-01-01T00:00:00Z")));
        assert_eq!(backwards.unwrap_err().code, 3);
    }

    #[test]
    fn the_largest_clusters_bill_positive_finite_amounts() {
        use crate::rules::bounds::*;
        let mut huge = advanced("huge", "2026-01-01T00:00:00Z");
        huge.regions = (0..MAX_REGIONS)
            .map(|_| Region {
                node_count: MAX_NODES_PER_REGION,
                ..Default::default()
            })
            .collect();
        if let Some(d) = huge.config.dedicated.as_mut() {
            d.num_virtual_cpus = 64;
            d.storage_gib = MAX_STORAGE_GIB;
        }
        // beyond the bounds too (a data dir from before them): no wrap, no panic
        let mut beyond = advanced("beyond", "2026-01-01T00:00:00Z");
        beyond.regions[0].node_count = i32::MAX;
        if let Some(d) = beyond.config.dedicated.as_mut() {
            d.num_virtual_cpus = i32::MAX;
            d.storage_gib = i32::MAX;
        }
        let wide = standard("wide", MAX_PROVISIONED_VCPUS, "2026-01-01T00:00:00Z", None);
        let clusters = [huge, beyond, wide];
        let all = invoices(
            t("2026-01-01T00:00:00Z"),
            &clusters,
            t("2026-03-01T00:00:00Z"),
        );
        assert_eq!(all.len(), 3);
        for invoice in &all {
            for total in &invoice.totals {
                let amount = total.amount.unwrap_or_default();
                assert!(amount.is_finite() && amount >= 0.0, "{invoice:?}");
            }
        }
        // January: far past what an i32 could hold, and positive
        let january = all[0].totals[0].amount.unwrap_or_default();
        assert!(january > f64::from(i32::MAX), "{january}");
    }

    #[test]
    fn the_price_table_covers_every_plan() {
        for plan in Plan::KNOWN {
            assert!(PRICES.iter().any(|p| p.plan == plan.as_str()), "{plan}");
        }
        for p in PRICES {
            assert!(QuantityUnit::from(p.unit).is_known(), "{}", p.unit);
        }
    }
}
