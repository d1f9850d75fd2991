//! Invoices: a bar chart of monthly totals (inline SVG), the table, and an
//! invoice's items when one is opened.

use crate::api::{self, ApiResult};
use crate::components::loaded;
use crate::org::chart::{BarChart, monthly_totals, scale_bars};
use crate::org::money::{
    currencies, format_amount, format_currency_amount, totals_label, unit_cost,
};
use crate::when;
use crdb_cloud::api::billing::ListInvoicesParams;
use crdb_cloud::models::billing::{Currency, Invoice, InvoiceStatus};
use leptos::prelude::*;

/// Drawing size of the chart's plot, in SVG units.
const PLOT_WIDTH: f64 = 600.0;
const PLOT_HEIGHT: f64 = 180.0;
/// Room left of the plot for the axis values, and below it for months.
const LEFT: f64 = 64.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 12.0;
/// Months the chart shows at most.
const MONTHS: usize = 12;

fn period(i: &Invoice) -> String {
    format!(
        "{} – {}",
        when::day(&i.period_start),
        when::day(&i.period_end)
    )
}

fn status_badge(status: &Option<InvoiceStatus>) -> impl IntoView + use<> {
    let (class, text) = match status {
        Some(InvoiceStatus::Finalized) => ("badge badge-ok", "Finalized".to_owned()),
        Some(InvoiceStatus::Draft) => ("badge badge-busy", "Draft".to_owned()),
        Some(other) => ("badge badge-off", other.as_str().to_owned()),
        None => ("badge badge-off", "–".to_owned()),
    };
    view! { <span class=class>{text}</span> }
}

/// The invoices section.
#[component]
pub fn InvoicesSection() -> impl IntoView {
    let invoices = LocalResource::new(|| async {
        api::call(|c| async move { c.list_invoices(&ListInvoicesParams::default()).await })
            .await
            .map(|r| r.invoices)
    });
    let open = RwSignal::new(None::<String>);
    view! {
        {loaded(invoices, "Loading invoices…", move |list: Vec<Invoice>| {
            if list.is_empty() {
                return view! {
                    <section class="card">
                        <h2>"Invoices"</h2>
                        <div class="empty"><p>"No invoices yet."</p></div>
                    </section>
                }
                .into_any();
            }
            view! {
                <ChartCard invoices=list.clone() />
                <section class="card" aria-labelledby="invoice-list-title">
                    <h2 id="invoice-list-title">"Invoices"</h2>
                    {table(list, open)}
                </section>
            }
            .into_any()
        })}
        {move || open.get().map(|id| view! { <InvoiceDetail id=id on_close=move || open.set(None) /> })}
    }
}

#[component]
fn ChartCard(invoices: Vec<Invoice>) -> impl IntoView {
    let choices = currencies(&invoices);
    let currency = RwSignal::new(choices.first().cloned().unwrap_or(Currency::Usd));
    let invoices = StoredValue::new(invoices);
    let chart = Memo::new(move |_| {
        let c = currency.get();
        invoices.with_value(|list| {
            let months = monthly_totals(list, &c, MONTHS);
            scale_bars(&months, &c, PLOT_WIDTH, PLOT_HEIGHT)
        })
    });
    let many = choices.len() > 1;
    view! {
        <section class="card" aria-labelledby="invoice-chart-title">
            <div class="card-head">
                <h2 id="invoice-chart-title">"Monthly totals"</h2>
                {many.then(|| view! {
                    <div class="field inline">
                        <label for="chart-currency">"Currency"</label>
                        <select id="chart-currency" on:change=move |ev| currency.set(Currency::from(event_target_value(&ev).as_str()))>
                            {choices
                                .iter()
                                .map(|c| {
                                    let v = c.clone();
                                    view! { <option value=c.as_str().to_owned() selected=move || currency.get() == v>{c.as_str().to_owned()}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                })}
            </div>
            {move || svg(chart.get(), &currency.get())}
        </section>
    }
}

/// The chart as inline SVG: no `style` attribute (the CSP forbids them),
/// colours come from CSS classes.
fn svg(chart: BarChart, currency: &Currency) -> impl IntoView + use<> {
    let width = LEFT + PLOT_WIDTH + 8.0;
    let height = TOP + PLOT_HEIGHT + BOTTOM;
    let view_box = format!("0 0 {width} {height}");
    let base_y = TOP + chart.baseline;
    let top_label = format_amount(chart.top, currency);
    let mid_label = format_amount(chart.top / 2.0, currency);
    let bars = chart
        .bars
        .into_iter()
        .map(|b| {
            let x = LEFT + b.x;
            let label_x = x + b.width / 2.0;
            view! {
                <g class="chart-bar">
                    <rect
                        x=format!("{x:.2}")
                        y=format!("{:.2}", TOP + b.y)
                        width=format!("{:.2}", b.width)
                        height=format!("{:.2}", b.height.max(0.0))
                        rx="3"
                    >
                        <title>{b.title}</title>
                    </rect>
                    <text class="chart-label" x=format!("{label_x:.2}") y=format!("{:.2}", base_y + 18.0) text-anchor="middle">
                        {b.label}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            class="invoice-chart"
            viewBox=view_box
            role="img"
            aria-label=chart.summary.clone()
            preserveAspectRatio="xMidYMid meet"
        >
            <line class="chart-grid" x1=LEFT.to_string() x2=(LEFT + PLOT_WIDTH).to_string() y1=TOP.to_string() y2=TOP.to_string() />
            <line
                class="chart-grid"
                x1=LEFT.to_string()
                x2=(LEFT + PLOT_WIDTH).to_string()
                y1=(TOP + PLOT_HEIGHT / 2.0).to_string()
                y2=(TOP + PLOT_HEIGHT / 2.0).to_string()
            />
            <text class="chart-axis" x=(LEFT - 6.0).to_string() y=(TOP + 4.0).to_string() text-anchor="end">{top_label}</text>
            <text class="chart-axis" x=(LEFT - 6.0).to_string() y=(TOP + PLOT_HEIGHT / 2.0 + 4.0).to_string() text-anchor="end">
                {mid_label}
            </text>
            <text class="chart-axis" x=(LEFT - 6.0).to_string() y=(base_y + 4.0).to_string() text-anchor="end">"0"</text>
            {bars}
            <line class="chart-base" x1=LEFT.to_string() x2=(LEFT + PLOT_WIDTH).to_string() y1=base_y.to_string() y2=base_y.to_string() />
        </svg>
        <p class="hint">{chart.summary}</p>
    }
}

fn table(list: Vec<Invoice>, open: RwSignal<Option<String>>) -> impl IntoView {
    // Newest first in the table; the chart reads left to right in time.
    let mut list = list;
    list.sort_by_key(|i| std::cmp::Reverse(i.period_start));
    view! {
        <div class="table-wrap">
            <table class="stack">
                <caption class="visually-hidden">"Invoices"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Period"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Total"</th>
                        <th scope="col">"Balance"</th>
                        <th scope="col"><span class="visually-hidden">"Details"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|i| {
                            let id = i.invoice_id.clone();
                            let is_open = {
                                let id = id.clone();
                                move || open.with(|o| o.as_deref() == Some(id.as_str()))
                            };
                            let name = period(&i);
                            view! {
                                <tr data-invoice=i.invoice_id.clone()>
                                    <th scope="row" data-label="Period">{name.clone()}</th>
                                    <td data-label="Status">{status_badge(&i.status)}</td>
                                    <td data-label="Total">{totals_label(&i.totals)}</td>
                                    <td data-label="Balance">{totals_label(&i.balances)}</td>
                                    <td class="actions-cell">
                                        <button
                                            type="button"
                                            class="button secondary small"
                                            aria-label=format!("Details of {name}")
                                            aria-pressed=move || if is_open() { "true" } else { "false" }
                                            on:click=move |_| open.set(Some(id.clone()))
                                        >
                                            "Details"
                                        </button>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One invoice's items per cluster, adjustments and totals.
#[component]
fn InvoiceDetail(id: String, on_close: impl Fn() + Send + Sync + Copy + 'static) -> impl IntoView {
    let invoice: LocalResource<ApiResult<Invoice>> = LocalResource::new(move || {
        let id = id.clone();
        async move { api::call(|c| async move { c.get_invoice(&id).await }).await }
    });
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <section class="card invoice-detail" aria-labelledby="invoice-detail-title">
            <div class="card-head">
                <h2 id="invoice-detail-title" tabindex="-1" node_ref=heading>"Invoice details"</h2>
                <button type="button" class="button secondary small" on:click=move |_| on_close()>"Close"</button>
            </div>
            {loaded(invoice, "Loading the invoice…", detail)}
        </section>
    }
}

fn detail(i: Invoice) -> impl IntoView {
    let adjustments = i.adjustments.clone().unwrap_or_default();
    let items = i.invoice_items.clone();
    view! {
        <dl class="spec">
            <dt>"Period"</dt>
            <dd>{period(&i)}</dd>
            <dt>"Status"</dt>
            <dd>{status_badge(&i.status)}</dd>
            <dt>"Total"</dt>
            <dd data-field="total">{totals_label(&i.totals)}</dd>
            <dt>"Balance"</dt>
            <dd>{totals_label(&i.balances)}</dd>
            <dt>"Invoice id"</dt>
            <dd><code>{i.invoice_id.clone()}</code></dd>
        </dl>
        {if items.is_empty() {
            view! { <p class="empty">"No charges in this period."</p> }.into_any()
        } else {
            items
                .into_iter()
                .map(|item| {
                    let title = if item.cluster.name.is_empty() { item.cluster.id.clone() } else { item.cluster.name.clone() };
                    view! {
                        <h3 class="item-title">{title.clone()}" · "{totals_label(&item.totals)}</h3>
                        <div class="table-wrap">
                            <table class="stack line-items">
                                <caption class="visually-hidden">{format!("Charges of {title}")}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Item"</th>
                                        <th scope="col">"Quantity"</th>
                                        <th scope="col">"Unit cost"</th>
                                        <th scope="col">"Total"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {item
                                        .line_items
                                        .into_iter()
                                        .map(|l| view! {
                                            <tr>
                                                <th scope="row" data-label="Item">{l.description}</th>
                                                <td data-label="Quantity">{format!("{} {}", l.quantity, unit(l.quantity_unit.as_str()))}</td>
                                                <td data-label="Unit cost">{unit_cost(l.unit_cost)}</td>
                                                <td data-label="Total">{format_currency_amount(&l.total)}</td>
                                            </tr>
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })
                .collect_view()
                .into_any()
        }}
        {(!adjustments.is_empty()).then(|| view! {
            <h3 class="item-title">"Adjustments"</h3>
            <ul>
                {adjustments
                    .into_iter()
                    .map(|a| view! { <li>{a.name}": "{format_currency_amount(&a.amount)}</li> })
                    .collect_view()}
            </ul>
        })}
    }
}

/// A quantity unit in words.
fn unit(wire: &str) -> String {
    match wire {
        "HOURS" => "hours".into(),
        "REQUEST_UNITS" => "request units".into(),
        "GIB" => "GiB".into(),
        "GIB_HOURS" => "GiB-hours".into(),
        "VCPU_HOURS" => "vCPU-hours".into(),
        other => other.to_lowercase(),
    }
}
