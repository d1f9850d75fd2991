//! The bar chart of monthly invoice totals: one bar a month, scaled to a
//! fixed drawing area with a rounded top value, and a sentence saying what
//! it shows (for screen readers).

use super::money::{format_amount, total_in};
use crdb_cloud::chrono::Datelike;
use crdb_cloud::models::billing::{Currency, Invoice};

/// One month's total.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthTotal {
    /// `YYYY-MM` of the period start.
    pub month: String,
    /// Total in the chart's currency.
    pub amount: f64,
}

/// Each month's total in `currency`, oldest first (invoices of the same
/// month are added up), at most the last `keep` months.
pub fn monthly_totals(invoices: &[Invoice], currency: &Currency, keep: usize) -> Vec<MonthTotal> {
    let mut months: Vec<MonthTotal> = Vec::new();
    let mut sorted: Vec<&Invoice> = invoices.iter().collect();
    sorted.sort_by_key(|i| i.period_start);
    for inv in sorted {
        let month = format!(
            "{:04}-{:02}",
            inv.period_start.year(),
            inv.period_start.month()
        );
        let amount = total_in(inv, currency);
        match months.last_mut() {
            Some(last) if last.month == month => last.amount += amount,
            _ => months.push(MonthTotal { month, amount }),
        }
    }
    let skip = months.len().saturating_sub(keep);
    months.split_off(skip)
}

/// A round value at or above `max` (1, 2, 2.5 or 5 times a power of ten),
/// so the axis reads well; 1 when `max` is zero or less.
pub fn nice_ceiling(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] {
        let v = step * power;
        if v >= max * (1.0 - 1e-12) {
            return v;
        }
    }
    10.0 * power
}

/// One bar, in drawing units (y grows downwards, as in SVG).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height (0 for a zero or negative total).
    pub height: f64,
    /// The month, `YYYY-MM`.
    pub label: String,
    /// E.g. `2026-03: $12.00`, the bar's `<title>`.
    pub title: String,
}

/// The whole chart, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Bars, oldest month first.
    pub bars: Vec<Bar>,
    /// The value the top of the plot stands for.
    pub top: f64,
    /// Bottom of the plot (the baseline's y).
    pub baseline: f64,
    /// A sentence summarizing the chart, for `aria-label`.
    pub summary: String,
}

/// The widest a bar is drawn, so a month or two alone do not fill the plot.
pub const MAX_BAR_WIDTH: f64 = 80.0;

/// Scales `months` into a plot `width` × `height` (each month has an equal
/// slot, its bar 70% of it at most [`MAX_BAR_WIDTH`], centred; the tallest
/// month reaches [`nice_ceiling`] of the largest total).
pub fn scale_bars(months: &[MonthTotal], currency: &Currency, width: f64, height: f64) -> BarChart {
    let max = months.iter().map(|m| m.amount).fold(0.0, f64::max);
    let top = nice_ceiling(max);
    let n = months.len().max(1) as f64;
    let slot = width / n;
    let bar_width = (slot * 0.7).min(MAX_BAR_WIDTH);
    let bars = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let h = (m.amount.max(0.0) / top * height).min(height);
            Bar {
                x: i as f64 * slot + (slot - bar_width) / 2.0,
                y: height - h,
                width: bar_width,
                height: h,
                label: m.month.clone(),
                title: format!("{}: {}", m.month, format_amount(m.amount, currency)),
            }
        })
        .collect();
    BarChart {
        bars,
        top,
        baseline: height,
        summary: summary(months, currency),
    }
}

/// E.g. `Monthly invoice totals in USD, 3 months from 2026-01 to 2026-03;
/// highest $30.00 in 2026-02; latest $5.00 in 2026-03.`
pub fn summary(months: &[MonthTotal], currency: &Currency) -> String {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return "No invoices to chart.".into();
    };
    let code = match currency {
        Currency::CrdbCloudCredits => "Cloud credits".to_owned(),
        other => other.as_str().to_owned(),
    };
    let mut highest = first;
    for m in months {
        if m.amount > highest.amount {
            highest = m;
        }
    }
    let count = match months.len() {
        1 => "1 month".to_owned(),
        n => format!("{n} months"),
    };
    format!(
        "Monthly invoice totals in {code}, {count} from {} to {}; highest {} in {}; latest {} in {}.",
        first.month,
        last.month,
        format_amount(highest.amount, currency),
        highest.month,
        format_amount(last.amount, currency),
        last.month
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crdb_cloud::models::billing::CurrencyAmount;

    fn month(m: &str, amount: f64) -> MonthTotal {
        MonthTotal {
            month: m.into(),
            amount,
        }
    }

    fn invoice(start: &str, usd: f64) -> Invoice {
        Invoice {
            period_start: start.parse().unwrap(),
            totals: vec![CurrencyAmount {
                amount: Some(usd),
                currency: Some(Currency::Usd),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn ceilings_are_round() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(-3.0), 1.0);
        assert_eq!(nice_ceiling(1.0), 1.0);
        assert_eq!(nice_ceiling(1.2), 2.0);
        assert_eq!(nice_ceiling(2.2), 2.5);
        assert_eq!(nice_ceiling(3.0), 5.0);
        assert_eq!(nice_ceiling(7.5), 10.0);
        assert_eq!(nice_ceiling(120.0), 200.0);
        assert_eq!(nice_ceiling(0.042), 0.05);
    }

    #[test]
    fn bars_scale_to_the_rounded_top_and_share_the_width() {
        let months = [
            month("2026-01", 50.0),
            month("2026-02", 100.0),
            month("2026-03", 0.0),
        ];
        let c = scale_bars(&months, &Currency::Usd, 300.0, 200.0);
        assert_eq!(c.top, 100.0);
        let heights: Vec<f64> = c.bars.iter().map(|b| b.height).collect();
        assert_eq!(heights, [100.0, 200.0, 0.0]);
        assert_eq!(c.bars[1].y, 0.0);
        assert_eq!(c.bars[2].y, 200.0);
        assert_eq!(c.bars[0].width, 70.0);
        assert_eq!(c.bars[0].x, 15.0);
        assert_eq!(c.bars[2].x, 215.0);
        assert_eq!(c.bars[1].title, "2026-02: $100.00");
        assert_eq!(c.baseline, 200.0);
        // one month alone keeps a bar's width, centred
        let one = scale_bars(&months[..1], &Currency::Usd, 600.0, 200.0);
        assert_eq!((one.bars[0].x, one.bars[0].width), (260.0, MAX_BAR_WIDTH));
        assert_eq!(one.bars[0].height, 200.0);
    }

    #[test]
    fn empty_zero_and_negative_months_draw_nothing_tall() {
        let c = scale_bars(&[], &Currency::Usd, 300.0, 200.0);
        assert!(c.bars.is_empty());
        assert_eq!(c.summary, "No invoices to chart.");
        let c = scale_bars(
            &[month("2026-01", 0.0), month("2026-02", -4.0)],
            &Currency::Usd,
            100.0,
            50.0,
        );
        assert_eq!(c.top, 1.0);
        assert!(c.bars.iter().all(|b| b.height == 0.0 && b.y == 50.0));
    }

    #[test]
    fn months_add_up_sort_and_keep_the_latest() {
        let invoices = [
            invoice("2026-03-01T00:00:00Z", 5.0),
            invoice("2026-01-01T00:00:00Z", 10.0),
            invoice("2026-02-01T00:00:00Z", 30.0),
            invoice("2026-02-15T00:00:00Z", 1.5),
        ];
        let months = monthly_totals(&invoices, &Currency::Usd, 12);
        assert_eq!(
            months,
            [
                month("2026-01", 10.0),
                month("2026-02", 31.5),
                month("2026-03", 5.0)
            ]
        );
        let last_two = monthly_totals(&invoices, &Currency::Usd, 2);
        assert_eq!(last_two[0].month, "2026-02");
        assert_eq!(
            summary(&months, &Currency::Usd),
            "Monthly invoice totals in USD, 3 months from 2026-01 to 2026-03; \
             highest $31.50 in 2026-02; latest $5.00 in 2026-03."
        );
        assert!(
            summary(&months[..1], &Currency::CrdbCloudCredits)
                .starts_with("Monthly invoice totals in Cloud credits, 1 month from")
        );
    }
}
