//! A table in a horizontally scrolling frame, with its column headings.

use leptos::prelude::*;

/// `<table class=class>` with a `<thead>` of `columns` (an empty name is an
/// actions column, named for screen readers only) and `children` as the
/// body rows. Tables with the `stack` class turn into cards on phones.
#[component]
pub fn DataTable(
    /// Classes of the `<table>`.
    class: &'static str,
    /// Column headings, in order.
    columns: &'static [&'static str],
    /// What the table holds, for screen readers (a hidden caption).
    #[prop(optional)]
    caption: Option<&'static str>,
    /// The `<tr>` rows.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class=class>
                {caption.map(|c| view! { <caption class="visually-hidden">{c}</caption> })}
                <thead>
                    <tr>
                        {columns
                            .iter()
                            .map(|c| match *c {
                                "" => view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> }.into_any(),
                                c => view! { <th scope="col">{c}</th> }.into_any(),
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
