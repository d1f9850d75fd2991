//! Invoices through the SDK client against an in-process server.

mod common;

use common::accounts::account_with;
use common::*;
use crdb_cloud::api::billing::ListInvoicesParams;
use crdb_cloud::models::billing::*;

fn code(e: &crdb_cloud::Error) -> (u16, i32) {
    let (status, code, _) = api_err(e);
    (status, code)
}

#[tokio::test]
async fn the_current_month_is_a_draft_priced_per_cluster() {
    let server = start().await;
    let c = client(&server);
    c.create_cluster(&standard("zz-standard")).await.unwrap();
    c.create_cluster(&advanced("aa-advanced")).await.unwrap();
    let list = c.list_invoices(&Default::default()).await.unwrap();
    assert_eq!(list.invoices.len(), 1);
    let draft = &list.invoices[0];
    assert_eq!(draft.status, Some(InvoiceStatus::Draft));
    assert!(draft.period_start <= crdb_cloud::chrono::Utc::now());
    assert!(draft.period_end > crdb_cloud::chrono::Utc::now());
    assert!(draft.invoice_id.starts_with("inv-"));
    let names: Vec<_> = draft
        .invoice_items
        .iter()
        .map(|i| i.cluster.name.as_str())
        .collect();
    assert_eq!(names, ["aa-advanced", "zz-standard"]);
    let adv = &draft.invoice_items[0];
    let units: Vec<_> = adv
        .line_items
        .iter()
        .map(|l| l.quantity_unit.clone())
        .collect();
    assert_eq!(units, [QuantityUnit::VcpuHours, QuantityUnit::GibHours]);
    assert_eq!(adv.line_items[0].unit_cost, 0.30);
    assert_eq!(draft.totals[0].currency, Some(Currency::Usd));
    // GetInvoice answers the same invoice
    let got = c.get_invoice(&draft.invoice_id).await.unwrap();
    assert_eq!(got.invoice_id, draft.invoice_id);
    assert_eq!(got.invoice_items.len(), 2);
    server.shutdown().await;
}

#[tokio::test]
async fn filters_and_errors() {
    let server = start().await;
    let c = client(&server);
    let now = crdb_cloud::chrono::Utc::now();
    let only = |status| ListInvoicesParams {
        status: Some(status),
        ..Default::default()
    };
    assert!(
        c.list_invoices(&only(InvoiceStatus::Finalized))
            .await
            .unwrap()
            .invoices
            .is_empty()
    );
    assert_eq!(
        c.list_invoices(&only(InvoiceStatus::Draft))
            .await
            .unwrap()
            .invoices
            .len(),
        1
    );
    let future = ListInvoicesParams {
        start_time: Some(now + crdb_cloud::chrono::Duration::days(40)),
        ..Default::default()
    };
    assert!(c.list_invoices(&future).await.unwrap().invoices.is_empty());
    // the draft's period has not ended by now
    let ended = ListInvoicesParams {
        end_time: Some(now),
        ..Default::default()
    };
    assert!(c.list_invoices(&ended).await.unwrap().invoices.is_empty());
    let err = c
        .list_invoices(&only(InvoiceStatus::from("PAID")))
        .await
        .unwrap_err();
    assert_eq!(code(&err), (400, 3));
    let backwards = ListInvoicesParams {
        start_time: Some(now),
        end_time: Some(now - crdb_cloud::chrono::Duration::days(1)),
        ..Default::default()
    };
    assert_eq!(
        code(&c.list_invoices(&backwards).await.unwrap_err()),
        (400, 3)
    );
    let raw = http()
        .get(format!(
            "{}/api/v1/invoices?start_time=soon",
            server.base_url()
        ))
        .bearer_auth(server.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    assert_eq!(
        code(&c.get_invoice("inv-1999-01").await.unwrap_err()),
        (404, 5)
    );
    server.shutdown().await;
}

#[tokio::test]
async fn billing_roles() {
    let server = start().await;
    let c = client(&server);
    let cluster = c.create_cluster(&standard("billed-one")).await.unwrap();
    let (_, bc) = account_with(
        &server,
        "billing",
        &[("BILLING_COORDINATOR", "ORGANIZATION", "")],
    )
    .await;
    let list = bc.list_invoices(&Default::default()).await.unwrap();
    bc.get_invoice(&list.invoices[0].invoice_id).await.unwrap();
    let (_, oa) = account_with(&server, "admin-only", &[("ORG_ADMIN", "ORGANIZATION", "")]).await;
    assert_eq!(
        code(&oa.list_invoices(&Default::default()).await.unwrap_err()),
        (403, 7)
    );
    let (_, ca) = account_with(
        &server,
        "cluster-scoped",
        &[("CLUSTER_ADMIN", "CLUSTER", &cluster.id)],
    )
    .await;
    assert_eq!(
        code(&ca.list_invoices(&Default::default()).await.unwrap_err()),
        (403, 7)
    );
    assert_eq!(
        code(&ca.get_invoice("inv-2026-01").await.unwrap_err()),
        (403, 7)
    );
    server.shutdown().await;
}
