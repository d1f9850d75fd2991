//! Pieces the pages share.

mod capacity_fields;
mod cluster_table;
mod confirm;
mod data_table;
mod loaded;
mod name_field;
mod pending;
mod row_actions;
mod secret;

pub use capacity_fields::CapacityFields;
pub use cluster_table::ClusterTable;
pub use confirm::ConfirmButton;
pub use data_table::DataTable;
pub use loaded::loaded;
pub use name_field::NameField;
pub use pending::Pending;
pub use row_actions::EditDeleteCell;
pub use secret::SecretOnce;

use crate::logic::{ConsoleError, state_tone};
use crdb_cloud::models::clusters::ClusterState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A cluster state as a coloured badge (the text says it too).
#[component]
pub fn StateBadge(state: ClusterState) -> impl IntoView {
    let class = format!("badge badge-{}", state_tone(&state));
    view! { <span class=class>{state.as_str().to_owned()}</span> }
}

/// An error in plain words, announced to screen readers.
#[component]
/// The message says what happened and what to do; no generic lead-in, and
/// no "sign out" advice (a refused key already reads "sign in again", which
/// is right whether or not anyone is signed in).
pub fn ErrorNote(error: ConsoleError) -> impl IntoView {
    view! {
        <div class="error" role="alert">
            {error.to_string()}
        </div>
    }
}

/// The clipboard, when the page may use it: `navigator.clipboard` is
/// undefined outside secure contexts (plain http to a non-local host).
fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = web_sys::window()?.navigator();
    let value = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
    (!value.is_undefined() && !value.is_null()).then(|| value.unchecked_into())
}

/// A button copying `text` to the clipboard, saying whether it worked.
#[component]
pub fn CopyButton(
    #[prop(into)] text: Signal<String>,
    #[prop(into)] label: String,
) -> impl IntoView {
    let (said, set_said) = signal(None::<&'static str>);
    let copy = move |_| {
        let text = text.get_untracked();
        leptos::task::spawn_local(async move {
            let ok = match clipboard() {
                Some(c) => JsFuture::from(c.write_text(&text)).await.is_ok(),
                None => false,
            };
            set_said.set(Some(if ok {
                "Copied"
            } else {
                "Copy failed: select the text and copy it"
            }));
        });
    };
    view! {
        <button type="button" class="button secondary" on:click=copy aria-label=label.clone()>
            "Copy"
        </button>
        <span class="copy-note" role="status">
            {move || said.get()}
        </span>
    }
}

/// A row of tabs as links: `(label, href, selected)`.
#[component]
pub fn TabBar(
    #[prop(into)] label: String,
    tabs: Signal<Vec<(&'static str, String, bool)>>,
) -> impl IntoView {
    view! {
        <nav class="tabs" aria-label=label>
            {move || {
                tabs.get()
                    .into_iter()
                    .map(|(name, href, selected)| {
                        view! {
                            <a
                                href=href
                                class="tab"
                                class:selected=selected
                                aria-current=if selected { Some("page") } else { None }
                            >
                                {name}
                            </a>
                        }
                    })
                    .collect_view()
            }}
        </nav>
    }
}
