//! Invoice amounts in words people read: `$1,234.56`, `120.00 credits`.

use crate::forms::whole::group_digits;
use crdb_cloud::models::billing::{Currency, CurrencyAmount, Invoice};

/// `1234.5` as `1,234.50` (two decimals, thousands separated).
pub fn grouped(amount: f64) -> String {
    let cents = (amount.abs() * 100.0).round() as u64;
    let (whole, frac) = (cents / 100, cents % 100);
    let out = group_digits(whole);
    let sign = if amount < 0.0 && cents > 0 { "-" } else { "" };
    format!("{sign}{out}.{frac:02}")
}

/// An amount in its currency: `$12.34` for USD, `12.34 credits` for
/// Cloud credits, the code otherwise.
pub fn format_amount(amount: f64, currency: &Currency) -> String {
    match currency {
        Currency::Usd if amount < 0.0 => format!("-${}", grouped(-amount)),
        Currency::Usd => format!("${}", grouped(amount)),
        Currency::CrdbCloudCredits => format!("{} credits", grouped(amount)),
        other => format!("{} {}", grouped(amount), other.as_str()),
    }
}

/// A `CurrencyAmount` (a missing currency is USD, a missing amount 0).
pub fn format_currency_amount(a: &CurrencyAmount) -> String {
    format_amount(
        a.amount.unwrap_or(0.0),
        a.currency.as_ref().unwrap_or(&Currency::Usd),
    )
}

/// Every total of an invoice, e.g. `$12.00 + 3.00 credits`; `$0.00` when
/// it has none.
pub fn totals_label(amounts: &[CurrencyAmount]) -> String {
    if amounts.is_empty() {
        return format_amount(0.0, &Currency::Usd);
    }
    amounts
        .iter()
        .map(format_currency_amount)
        .collect::<Vec<_>>()
        .join(" + ")
}

/// An invoice's total in one currency (0 when it has none in it).
pub fn total_in(invoice: &Invoice, currency: &Currency) -> f64 {
    invoice
        .totals
        .iter()
        .filter(|t| t.currency.as_ref().unwrap_or(&Currency::Usd) == currency)
        .filter_map(|t| t.amount)
        .sum()
}

/// The currencies of an invoice's totals, USD first.
pub fn currencies(invoices: &[Invoice]) -> Vec<Currency> {
    let mut out: Vec<Currency> = Vec::new();
    for t in invoices.iter().flat_map(|i| &i.totals) {
        let c = t.currency.clone().unwrap_or(Currency::Usd);
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out.sort_by_key(|c| (*c != Currency::Usd, c.as_str().to_owned()));
    if out.is_empty() {
        out.push(Currency::Usd);
    }
    out
}

/// A unit price in dollars: cents at least (`$0.30`), and the finer
/// digits a per-unit price has (`$0.0084`), never `$0.3`.
pub fn unit_cost(amount: f64) -> String {
    let fine = format!("{:.6}", amount.abs());
    let (whole, frac) = fine.split_once('.').unwrap_or((&fine, ""));
    let mut frac = frac.trim_end_matches('0').to_owned();
    while frac.len() < 2 {
        frac.push('0');
    }
    let whole = group_digits(whole.parse::<i64>().unwrap_or(0));
    let sign = if amount < 0.0 { "-" } else { "" };
    format!("{sign}${whole}.{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_costs_show_cents_at_least() {
        assert_eq!(unit_cost(0.3), "$0.30");
        assert_eq!(unit_cost(0.0084), "$0.0084");
        assert_eq!(unit_cost(1234.5), "$1,234.50");
        assert_eq!(unit_cost(2.0), "$2.00");
    }

    fn amount(a: f64, c: Currency) -> CurrencyAmount {
        CurrencyAmount {
            amount: Some(a),
            currency: Some(c),
        }
    }

    #[test]
    fn amounts_read_as_money() {
        assert_eq!(grouped(0.0), "0.00");
        assert_eq!(grouped(1234.5), "1,234.50");
        assert_eq!(grouped(999.999), "1,000.00");
        assert_eq!(grouped(1_234_567.891), "1,234,567.89");
        assert_eq!(format_amount(12.3, &Currency::Usd), "$12.30");
        assert_eq!(format_amount(-5.0, &Currency::Usd), "-$5.00");
        assert_eq!(
            format_amount(120.0, &Currency::CrdbCloudCredits),
            "120.00 credits"
        );
        assert_eq!(
            format_amount(1.0, &Currency::Unknown("EUR".into())),
            "1.00 EUR"
        );
        let missing = CurrencyAmount::default();
        assert_eq!(format_currency_amount(&missing), "$0.00");
    }

    #[test]
    fn totals_join_currencies_and_sum_one() {
        let inv = Invoice {
            totals: vec![
                amount(10.0, Currency::Usd),
                amount(3.0, Currency::CrdbCloudCredits),
                amount(2.5, Currency::Usd),
            ],
            ..Default::default()
        };
        assert_eq!(totals_label(&inv.totals), "$10.00 + 3.00 credits + $2.50");
        assert_eq!(totals_label(&[]), "$0.00");
        assert_eq!(total_in(&inv, &Currency::Usd), 12.5);
        assert_eq!(total_in(&inv, &Currency::CrdbCloudCredits), 3.0);
        assert_eq!(
            currencies(std::slice::from_ref(&inv)),
            [Currency::Usd, Currency::CrdbCloudCredits]
        );
        assert_eq!(currencies(&[]), [Currency::Usd]);
    }
}
