//! The actions cell of a table row: a button opening an edit form below the
//! row, and a delete that asks first.

use super::ConfirmButton;
use leptos::prelude::*;

/// `<td>` with "`edit` `target`" (toggling `open`) and Delete (asking
/// `question` first).
#[component]
pub fn EditDeleteCell(
    /// The edit button's word, e.g. "Rename" or "Edit".
    edit: &'static str,
    /// What the row is, for the buttons' accessible names.
    #[prop(into)]
    target: String,
    /// Whether the edit form is open.
    #[prop(into)]
    open: Signal<bool>,
    /// Opens or closes the edit form.
    on_edit: impl Fn() + 'static,
    /// The delete confirmation.
    #[prop(into)]
    question: String,
    /// Disables the buttons while a call runs.
    #[prop(into)]
    busy: Signal<bool>,
    /// Deletes.
    on_delete: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <td class="actions-cell">
            <span class="row-actions">
                <button
                    type="button"
                    class="button secondary small"
                    aria-label=format!("{edit} {target}")
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    on:click=move |_| on_edit()
                >
                    {edit}
                </button>
                <ConfirmButton label="Delete" question=question disabled=busy on_confirm=on_delete />
            </span>
        </td>
    }
}
