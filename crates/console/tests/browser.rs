//! Component tests in headless Chromium (wasm-bindgen-test): the wizard's
//! name field and capacity fields, the key store (memory vs
//! sessionStorage), the clusters table's sorting and filtering, the
//! confirm button, the secret shown once and an action's busy/failure
//! state, in the real DOM.
#![cfg(target_arch = "wasm32")]

use crdb_cloud::models::clusters::{Cluster, ClusterState, Region};
use crdb_cloud::models::common::{CloudProvider, Plan};
use crdb_cloud_console::components::{
    CapacityFields, ClusterTable, ConfirmButton, CopyButton, NameField, Pending, SecretOnce,
};
use crdb_cloud_console::logic::TableQuery;
use crdb_cloud_console::logic::{ClusterDraft, ConsoleError};
use crdb_cloud_console::session::{self, Credentials, STORAGE_KEY};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Lets the reactive system run its effects.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// A fresh element in the body to mount into.
fn host() -> HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn find(root: &HtmlElement, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

fn text(root: &HtmlElement, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

async fn type_into(root: &HtmlElement, selector: &str, value: &str) {
    let input: HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
}

#[wasm_bindgen_test]
async fn name_field_validates_as_you_type() {
    let root = host();
    let value = RwSignal::new(String::new());
    let _mounted =
        leptos::mount::mount_to(root.clone(), move || view! { <NameField value=value /> });
    tick().await;
    assert!(text(&root, "#cluster-name-hint").contains("6–20"));
    let cases = [
        ("ab", "Too short", "true"),
        ("my-cluster", "Valid", "false"),
        ("-my-cluster", "dash", "true"),
        ("My-cluster", "'M'", "true"),
        ("abcdefghijklmnopqrstu", "Too long", "true"),
        ("prod-east-1", "Valid", "false"),
    ];
    for (typed, says, invalid) in cases {
        type_into(&root, "#cluster-name", typed).await;
        assert_eq!(value.get_untracked(), typed);
        let hint = text(&root, "#cluster-name-hint");
        assert!(hint.contains(says), "{typed:?}: {hint}");
        let input = find(&root, "#cluster-name");
        assert_eq!(
            input.get_attribute("aria-invalid").as_deref(),
            Some(invalid),
            "{typed:?}"
        );
        assert_eq!(
            find(&root, "#cluster-name-hint")
                .class_list()
                .contains("invalid"),
            invalid == "true",
            "{typed:?}"
        );
    }
}

fn storage(local: bool) -> web_sys::Storage {
    let w = web_sys::window().unwrap();
    if local {
        w.local_storage().unwrap().unwrap()
    } else {
        w.session_storage().unwrap().unwrap()
    }
}

#[wasm_bindgen_test]
fn key_store_keeps_the_key_in_memory_unless_asked() {
    session::clear();
    storage(true).clear().unwrap();
    let c = Credentials {
        api_key: "CCDB1_secret_value".into(),
        server_url: "http://127.0.0.1:8080".into(),
    };
    assert!(
        !format!("{c:?}").contains("secret"),
        "Debug must redact the key"
    );

    // Not remembered: memory only.
    session::save(&c, false);
    assert_eq!(session::load(), Some(c.clone()));
    assert_eq!(storage(false).get_item(STORAGE_KEY).unwrap(), None);
    assert!(!session::is_remembered());
    session::forget_memory(); // as a reload does
    assert_eq!(session::load(), None);

    // Remembered: survives losing the memory copy, in this tab only.
    session::save(&c, true);
    assert!(session::is_remembered());
    assert!(
        storage(false)
            .get_item(STORAGE_KEY)
            .unwrap()
            .unwrap()
            .contains("CCDB1_secret_value")
    );
    session::forget_memory();
    assert_eq!(session::load(), Some(c.clone()));

    // Signing in again without "remember" drops the remembered copy.
    session::save(&c, false);
    assert_eq!(storage(false).get_item(STORAGE_KEY).unwrap(), None);

    // Sign-out forgets everywhere.
    session::save(&c, true);
    session::clear();
    assert_eq!(session::load(), None);
    assert_eq!(storage(false).get_item(STORAGE_KEY).unwrap(), None);

    // Never localStorage, never the URL.
    assert_eq!(storage(true).length().unwrap(), 0);
    let href = web_sys::window().unwrap().location().href().unwrap();
    assert!(!href.contains("secret"), "{href}");
}

fn cluster(name: &str, plan: Plan, cloud: CloudProvider, state: ClusterState) -> Cluster {
    Cluster {
        id: format!("id-{name}"),
        name: name.into(),
        plan,
        cloud_provider: cloud,
        state,
        cockroach_version: "v24.1.2".into(),
        regions: vec![Region {
            name: "us-central1".into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn row_names(root: &HtmlElement) -> Vec<String> {
    let rows = root.query_selector_all("tbody tr").unwrap();
    (0..rows.length())
        .map(|i| {
            rows.item(i)
                .unwrap()
                .unchecked_into::<Element>()
                .get_attribute("data-cluster")
                .unwrap()
        })
        .collect()
}

async fn click(root: &HtmlElement, selector: &str) {
    find(root, selector).unchecked_into::<HtmlElement>().click();
    tick().await;
}

async fn choose(root: &HtmlElement, selector: &str, value: &str) {
    let select: HtmlSelectElement = find(root, selector).unchecked_into();
    select.set_value(value);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
}

#[wasm_bindgen_test]
async fn cluster_table_sorts_filters_and_pages() {
    let root = host();
    let mut clusters = vec![
        cluster(
            "charlie-1",
            Plan::Standard,
            CloudProvider::Aws,
            ClusterState::Created,
        ),
        cluster(
            "alpha-01",
            Plan::Basic,
            CloudProvider::Gcp,
            ClusterState::Creating,
        ),
        cluster(
            "bravo-02",
            Plan::Advanced,
            CloudProvider::Gcp,
            ClusterState::Created,
        ),
    ];
    for i in 0..10 {
        clusters.push(cluster(
            &format!("zz-extra-{i:02}"),
            Plan::Basic,
            CloudProvider::Azure,
            ClusterState::Created,
        ));
    }
    let query = RwSignal::new(TableQuery::default());
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ClusterTable clusters=std::sync::Arc::new(clusters) query=query /> }
    });
    tick().await;
    // First page of 10, sorted by name.
    let names = row_names(&root);
    assert_eq!(names.len(), 10);
    assert_eq!(&names[..3], ["alpha-01", "bravo-02", "charlie-1"]);
    assert!(text(&root, ".pager").contains("Page 1 of 2"));
    click(&root, ".pager button:last-of-type").await;
    assert_eq!(
        row_names(&root),
        ["zz-extra-07", "zz-extra-08", "zz-extra-09"]
    );

    // Name again: descending, back to page 1.
    click(&root, "button[data-sort='Name']").await;
    assert_eq!(row_names(&root)[0], "zz-extra-09");
    assert_eq!(
        find(&root, "th[aria-sort='descending']")
            .text_content()
            .unwrap()
            .trim_end_matches(" ▼"),
        "Name"
    );

    // Filters: cloud GCP, then also state CREATED.
    choose(&root, "#filter-cloud", "GCP").await;
    assert_eq!(row_names(&root), ["bravo-02", "alpha-01"]);
    choose(&root, "#filter-state", "CREATED").await;
    assert_eq!(row_names(&root), ["bravo-02"]);
    assert!(text(&root, ".pager .count").contains("1 of 13 clusters"));
    choose(&root, "#filter-state", "").await;
    choose(&root, "#filter-cloud", "").await;

    // Sort by plan ascending (ADVANCED < BASIC < STANDARD), then search.
    click(&root, "button[data-sort='Plan']").await;
    assert_eq!(row_names(&root)[0], "bravo-02");
    assert_eq!(row_names(&root)[1], "alpha-01");
    type_into(&root, "#cluster-search", "CHAR").await;
    assert_eq!(row_names(&root), ["charlie-1"]);

    // Nothing matches: the empty state offers to clear the filters.
    type_into(&root, "#cluster-search", "no-such-cluster").await;
    assert!(row_names(&root).is_empty());
    assert!(text(&root, ".empty").contains("No cluster matches"));
    click(&root, ".empty button").await;
    assert_eq!(row_names(&root).len(), 10);
    assert_eq!(query.get_untracked().search, "");
}

#[wasm_bindgen_test]
async fn copy_button_reports_the_outcome_and_never_panics() {
    let root = host();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        view! { <CopyButton text="postgresql://u@h:26257/defaultdb".to_owned() label="Copy it" /> }
    });
    tick().await;
    assert_eq!(text(&root, ".copy-note"), "");
    click(&root, "button[aria-label='Copy it']").await;
    // Headless runs may deny the clipboard; either way the user is told.
    let mut note = String::new();
    for _ in 0..50 {
        note = text(&root, ".copy-note");
        if !note.is_empty() {
            break;
        }
        tick().await;
    }
    assert!(
        note == "Copied" || note.starts_with("Copy failed"),
        "{note:?}"
    );
}

fn buttons(root: &HtmlElement) -> Vec<String> {
    let list = root.query_selector_all("button").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn confirm_button_asks_before_acting() {
    let root = host();
    let done = RwSignal::new(0);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <ConfirmButton
                label="Delete"
                question="Delete movr?"
                on_confirm=move || done.update(|n| *n += 1)
            />
        }
    });
    tick().await;
    assert_eq!(buttons(&root), ["Delete"]);
    click(&root, "button").await;
    assert_eq!(text(&root, "[role=alert]"), "Delete movr?");
    assert_eq!(buttons(&root), ["Confirm", "Cancel"]);
    let focused = || {
        document()
            .active_element()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    assert_eq!(focused(), "Cancel", "asking moves focus to the safe choice");
    // Cancel does nothing and puts the button back.
    click(&root, "button.secondary").await;
    assert_eq!(
        (buttons(&root), done.get_untracked()),
        (vec!["Delete".into()], 0)
    );
    click(&root, "button").await;
    click(&root, "button.danger").await;
    assert_eq!(
        (buttons(&root), done.get_untracked()),
        (vec!["Delete".into()], 1)
    );
}

#[wasm_bindgen_test]
async fn secret_is_shown_once_until_dismissed() {
    let root = host();
    let shown = RwSignal::new(true);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Show when=move || shown.get()>
                <SecretOnce
                    title="Password for maxroach"
                    secret="s3cret-Value".to_owned()
                    on_done=move || shown.set(false)
                />
            </Show>
        }
    });
    tick().await;
    let region = find(&root, "[role=region]");
    assert_eq!(
        region.get_attribute("aria-label").unwrap(),
        "Password for maxroach"
    );
    let value: HtmlInputElement = find(&root, "input.secret-value").unchecked_into();
    assert_eq!(value.value(), "s3cret-Value");
    assert!(value.read_only());
    assert!(text(&root, ".secret").contains("shown only once"));
    let dismiss = buttons(&root)
        .iter()
        .position(|b| b == "I have copied it")
        .unwrap();
    let list = root.query_selector_all("button").unwrap();
    list.item(dismiss as u32)
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    tick().await;
    assert!(root.query_selector(".secret").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn pending_runs_one_call_at_a_time_and_keeps_failures() {
    let root = host();
    let pending = Pending::new();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <button disabled=move || pending.busy.get()>{pending.label("Save")}</button>
            {pending.error()}
        }
    });
    tick().await;
    assert_eq!(text(&root, "button"), "Save");
    let got = RwSignal::new(0);
    pending.run(
        async {
            tick().await;
            Ok::<_, ConsoleError>(7)
        },
        move |v| got.set(v),
    );
    // A second call while the first runs is ignored.
    pending.run(async { Ok::<_, ConsoleError>(99) }, move |v| got.set(v));
    tick().await;
    assert_eq!(text(&root, "button"), "Working…");
    tick().await;
    tick().await;
    assert_eq!(
        (got.get_untracked(), text(&root, "button")),
        (7, "Save".into())
    );
    pending.run(
        async { Err::<(), _>(ConsoleError::local("The API refused.")) },
        |_| {},
    );
    tick().await;
    assert!(text(&root, "[role=alert]").contains("The API refused."));
    pending.refuse("Enter a name.");
    tick().await;
    assert!(text(&root, "[role=alert]").contains("Enter a name."));
}

#[wasm_bindgen_test]
async fn capacity_fields_follow_the_plan_and_refuse_bad_numbers() {
    let root = host();
    let draft = RwSignal::new(ClusterDraft {
        plan: Plan::Standard,
        ..Default::default()
    });
    let _mounted = leptos::mount::mount_to(
        root.clone(),
        move || view! { <CapacityFields draft=draft /> },
    );
    tick().await;
    assert!(root.query_selector("#provisioned-vcpus").unwrap().is_some());
    assert!(root.query_selector("#nodes-per-region").unwrap().is_none());
    type_into(&root, "#provisioned-vcpus", "abc").await;
    assert!(draft.with_untracked(ClusterDraft::capacity_error).is_some());
    type_into(&root, "#provisioned-vcpus", "8").await;
    assert_eq!(draft.with_untracked(|d| d.provisioned_vcpus), 8);
    assert!(draft.with_untracked(ClusterDraft::capacity_error).is_none());
    draft.update(|d| d.plan = Plan::Advanced);
    tick().await;
    assert!(root.query_selector("#provisioned-vcpus").unwrap().is_none());
    type_into(&root, "#nodes-per-region", "2").await;
    assert!(
        draft
            .with_untracked(ClusterDraft::capacity_error)
            .unwrap()
            .contains("At least 3")
    );
}

/// Issue 16, defect 1: a number field keeps what is typed (no "-1" after
/// clearing it, no "51" from "1.5"), says what is wrong under itself, and
/// refuses more than the API allows.
#[wasm_bindgen_test]
async fn number_fields_keep_the_text_and_say_what_is_wrong() {
    let root = host();
    let draft = RwSignal::new(ClusterDraft {
        plan: Plan::Advanced,
        ..Default::default()
    });
    let _mounted = leptos::mount::mount_to(
        root.clone(),
        move || view! { <CapacityFields draft=draft /> },
    );
    tick().await;
    let value = |sel: &str| {
        find(&root, sel)
            .unchecked_into::<HtmlInputElement>()
            .value()
    };
    type_into(&root, "#storage-per-node", "").await;
    assert_eq!(value("#storage-per-node"), "");
    assert_eq!(text(&root, "#storage-per-node-error"), "Enter a number.");
    assert_eq!(
        find(&root, "#storage-per-node")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    type_into(&root, "#storage-per-node", "1.5").await;
    assert_eq!(value("#storage-per-node"), "1.5");
    assert!(text(&root, "#storage-per-node-error").contains("whole number"));
    type_into(&root, "#storage-per-node", "99,999,999").await;
    assert_eq!(value("#storage-per-node"), "99,999,999");
    assert_eq!(text(&root, "#storage-per-node-error"), "At most 16,384.");
    assert!(draft.with_untracked(ClusterDraft::capacity_error).is_some());
    type_into(&root, "#storage-per-node", "16").await;
    assert_eq!(value("#storage-per-node"), "16");
    assert_eq!(text(&root, "#storage-per-node-error"), "");
    assert_eq!(draft.with_untracked(|d| d.storage_gib_per_node), 16);
    assert!(draft.with_untracked(ClusterDraft::capacity_error).is_none());
    type_into(&root, "#nodes-per-region", "151").await;
    assert_eq!(text(&root, "#nodes-per-region-error"), "At most 150.");
    assert_eq!(text(&root, "#nodes-per-region-hint"), "From 3 to 150.");
}
