//! Folders: the organization's folders as a tree (built from parent ids;
//! the organization is the root), with create, rename, move, delete, and
//! each folder's contents.

use super::{all_folders, done_note};
use crate::api::{self, ApiResult};
use crate::components::{ConfirmButton, Pending, loaded};
use crate::org::tree::{
    FolderNode, ROOT, build_tree, check_folder_name, check_move, is_root, parent_choices,
};
use crdb_cloud::ListOptions;
use crdb_cloud::futures_util::TryStreamExt;
use crdb_cloud::models::folders::{
    CreateFolderRequest, FolderResource, FolderResourceType, UpdateFolderSpecification,
};
use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;

/// What is open under a folder's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Rename,
    Move,
    Contents,
}

/// What every row of the tree shares.
#[derive(Clone, Copy)]
struct TreeCtx {
    folders: LocalResource<ApiResult<Vec<FolderResource>>>,
    pending: Pending,
    done: RwSignal<Option<String>>,
    open: RwSignal<Option<(String, Open)>>,
}

impl TreeCtx {
    fn is_open(self, id: &str, what: Open) -> bool {
        self.open
            .with(|o| o.as_ref().is_some_and(|(i, w)| i == id && *w == what))
    }

    fn toggle(self, id: &str, what: Open) {
        let now = self.is_open(id, what);
        self.pending.failure.set(None);
        self.open.set(if now {
            None
        } else {
            Some((id.to_owned(), what))
        });
    }

    /// After a change: say what happened and read the folders again.
    fn changed(self, message: String) {
        self.open.set(None);
        self.done.set(Some(message));
        self.folders.refetch();
    }
}

/// The folders section.
#[component]
pub fn FoldersSection() -> impl IntoView {
    let ctx = TreeCtx {
        folders: LocalResource::new(all_folders),
        pending: Pending::new(),
        done: RwSignal::new(None),
        open: RwSignal::new(None),
    };
    view! {
        <section class="card" aria-labelledby="folder-new-title">
            <h2 id="folder-new-title">"New folder"</h2>
            {loaded(ctx.folders, "Loading folders…", move |list| view! { <CreateFolder folders=list ctx=ctx /> })}
        </section>
        <section class="card" aria-labelledby="folder-tree-title">
            <h2 id="folder-tree-title">"Folders"</h2>
            <p class="hint">"The organization is the top level; folders hold folders and clusters."</p>
            {done_note(ctx.done)}
            {ctx.pending.error()}
            {loaded(ctx.folders, "Loading folders…", move |list| tree(list, ctx))}
        </section>
    }
}

/// `<option>`s of the places a folder can go, `current` selected.
fn parent_options(choices: Vec<(String, String)>, current: RwSignal<String>) -> impl IntoView {
    choices
        .into_iter()
        .map(|(id, label)| {
            let v = id.clone();
            view! { <option value=id selected=move || current.get() == v>{label}</option> }
        })
        .collect_view()
}

#[component]
fn CreateFolder(folders: Vec<FolderResource>, ctx: TreeCtx) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let parent = RwSignal::new(ROOT.to_owned());
    let pending = Pending::new();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = name.get_untracked().trim().to_owned();
        if let Err(e) = check_folder_name(&text) {
            pending.refuse(e);
            return;
        }
        let p = parent.get_untracked();
        let request = CreateFolderRequest {
            name: text,
            parent_id: (!is_root(&p)).then_some(p),
            labels: None,
        };
        pending.run(
            api::call(move |c| async move { c.create_folder(&request).await }),
            move |f| {
                name.set(String::new());
                ctx.changed(format!("Folder “{}” created.", f.name));
            },
        );
    };
    view! {
        <form novalidate class="form-row" on:submit=submit>
            <div class="field grow">
                <label for="new-folder-name">"Folder name"</label>
                <input
                    id="new-folder-name"
                    type="text"
                    autocomplete="off"
                    maxlength="64"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="new-folder-parent">"Inside"</label>
                <select id="new-folder-parent" on:change=move |ev| parent.set(event_target_value(&ev))>
                    {parent_options(parent_choices(&folders), parent)}
                </select>
            </div>
            <button type="submit" class="button" disabled=move || pending.busy.get()>
                {pending.label("Create folder")}
            </button>
        </form>
        {pending.error()}
    }
}

fn tree(list: Vec<FolderResource>, ctx: TreeCtx) -> AnyView {
    let nodes = build_tree(&list);
    if nodes.is_empty() {
        return view! {
            <div class="empty">
                <p>"No folders yet."</p>
                <p class="hint">"Create one above to group clusters by team or stage."</p>
            </div>
        }
        .into_any();
    }
    let all = StoredValue::new(list);
    view! {
        <ul class="folder-tree">
            {nodes.into_iter().map(|n| node(n, all, ctx)).collect_view()}
        </ul>
    }
    .into_any()
}

/// One folder's row, what is open under it, and its sub-folders.
fn node(n: FolderNode, all: StoredValue<Vec<FolderResource>>, ctx: TreeCtx) -> AnyView {
    let FolderNode {
        id, name, children, ..
    } = n;
    let id = StoredValue::new(id);
    let name = StoredValue::new(name);
    let is = move |what: Open| move || id.with_value(|i| ctx.is_open(i, what));
    let toggle = move |what: Open| move |_| id.with_value(|i| ctx.toggle(i, what));
    let expanded = move |what: Open| move || if is(what)() { "true" } else { "false" };
    let delete = move || {
        let (folder, label) = (id.get_value(), name.get_value());
        ctx.open.set(None);
        ctx.pending.run(
            api::call(move |c| async move { c.delete_folder(&folder).await }),
            move |_| ctx.changed(format!("Folder “{label}” deleted.")),
        );
    };
    let label = name.get_value();
    view! {
        <li class="folder" data-folder=label.clone()>
            <div class="folder-row">
                <span class="folder-name">
                    <span class="folder-icon" aria-hidden="true"></span>
                    {label.clone()}
                </span>
                <span class="row-actions">
                    <button
                        type="button"
                        class="button secondary small"
                        aria-label=format!("Contents of {label}")
                        aria-expanded=expanded(Open::Contents)
                        on:click=toggle(Open::Contents)
                    >
                        "Contents"
                    </button>
                    <button
                        type="button"
                        class="button secondary small"
                        aria-label=format!("Rename {label}")
                        aria-expanded=expanded(Open::Rename)
                        on:click=toggle(Open::Rename)
                    >
                        "Rename"
                    </button>
                    <button
                        type="button"
                        class="button secondary small"
                        aria-label=format!("Move {label}")
                        aria-expanded=expanded(Open::Move)
                        on:click=toggle(Open::Move)
                    >
                        "Move"
                    </button>
                    <ConfirmButton
                        label="Delete"
                        question=format!("Delete “{label}”?")
                        disabled=Signal::derive(move || ctx.pending.busy.get())
                        on_confirm=delete
                    />
                </span>
            </div>
            {move || is(Open::Rename)().then(|| rename_form(id.get_value(), name.get_value(), ctx))}
            {move || is(Open::Move)().then(|| move_form(id.get_value(), name.get_value(), all, ctx))}
            {move || is(Open::Contents)().then(|| view! { <FolderContents id=id.get_value() /> })}
            {(!children.is_empty()).then(|| view! {
                <ul>{children.into_iter().map(|c| node(c, all, ctx)).collect_view()}</ul>
            })}
        </li>
    }
    .into_any()
}

/// Escape closes the form.
fn escape_closes(ctx: TreeCtx) -> impl Fn(KeyboardEvent) + 'static {
    move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            ctx.open.set(None);
        }
    }
}

fn rename_form(id: String, current: String, ctx: TreeCtx) -> impl IntoView {
    let text = RwSignal::new(current.clone());
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let field = format!("rename-{id}");
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let new_name = text.get_untracked().trim().to_owned();
        if let Err(e) = check_folder_name(&new_name) {
            ctx.pending.refuse(e);
            return;
        }
        if new_name == current {
            ctx.open.set(None);
            return;
        }
        let spec = UpdateFolderSpecification {
            name: Some(new_name),
            ..Default::default()
        };
        let id = id.clone();
        let old = current.clone();
        ctx.pending.run(
            api::call(move |c| async move { c.update_folder(&id, &spec).await }),
            move |f| ctx.changed(format!("Folder “{old}” renamed to “{}”.", f.name)),
        );
    };
    view! {
        <form novalidate class="inline-form" on:submit=submit on:keydown=escape_closes(ctx)>
            <div class="field grow">
                <label for=field.clone()>"New name"</label>
                <input
                    id=field
                    type="text"
                    autocomplete="off"
                    maxlength="64"
                    node_ref=input
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                />
            </div>
            <button type="submit" class="button small" disabled=move || ctx.pending.busy.get()>
                {ctx.pending.label("Save name")}
            </button>
            <button type="button" class="button secondary small" on:click=move |_| ctx.open.set(None)>
                "Cancel"
            </button>
        </form>
    }
}

fn move_form(
    id: String,
    name: String,
    all: StoredValue<Vec<FolderResource>>,
    ctx: TreeCtx,
) -> impl IntoView {
    let target = RwSignal::new(String::new());
    let field = format!("move-{id}");
    let verdict = {
        let id = id.clone();
        Memo::new(move |_| {
            let t = target.get();
            (!t.is_empty()).then(|| all.with_value(|a| check_move(a, &id, &t)))
        })
    };
    let choices = all.with_value(|a| parent_choices(a));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let to = target.get_untracked();
        if to.is_empty() {
            ctx.pending
                .refuse(format!("Choose where to move “{name}”."));
            return;
        }
        // The refusal is on screen under the list already; send nothing.
        if verdict.get_untracked().is_some_and(|v| v.is_err()) {
            return;
        }
        let spec = UpdateFolderSpecification {
            parent_id: Some(to.clone()),
            ..Default::default()
        };
        let id = id.clone();
        let place = choices_label(all, &to);
        let name = name.clone();
        ctx.pending.run(
            api::call(move |c| async move { c.update_folder(&id, &spec).await }),
            move |_| ctx.changed(format!("Folder “{name}” moved to {place}.")),
        );
    };
    let hint_id = format!("{field}-hint");
    view! {
        <form novalidate class="inline-form" on:submit=submit on:keydown=escape_closes(ctx)>
            <div class="field grow">
                <label for=field.clone()>"Move into"</label>
                <select
                    id=field
                    aria-describedby=hint_id.clone()
                    aria-invalid=move || if verdict.get().is_some_and(|v| v.is_err()) { "true" } else { "false" }
                    on:change=move |ev| target.set(event_target_value(&ev))
                >
                    <option value="" selected=move || target.get().is_empty()>"Choose a place…"</option>
                    {parent_options(choices, target)}
                </select>
                <p id=hint_id class="hint" class:invalid=move || verdict.get().is_some_and(|v| v.is_err()) aria-live="polite">
                    {move || match verdict.get() {
                        Some(Err(why)) => why,
                        Some(Ok(())) => "Ready to move.".to_owned(),
                        None => "A folder cannot go into itself or its own sub-folders.".to_owned(),
                    }}
                </p>
            </div>
            <button type="submit" class="button small" disabled=move || ctx.pending.busy.get()>
                {ctx.pending.label("Move here")}
            </button>
            <button type="button" class="button secondary small" on:click=move |_| ctx.open.set(None)>
                "Cancel"
            </button>
        </form>
    }
}

/// Where a parent id is, in words: “the top level” or “Apps / backend”.
fn choices_label(all: StoredValue<Vec<FolderResource>>, parent: &str) -> String {
    if is_root(parent) {
        return "the top level".to_owned();
    }
    all.with_value(|a| format!("“{}”", crate::org::tree::path_label(a, parent)))
}

/// The folders and clusters directly in a folder.
#[component]
fn FolderContents(id: String) -> impl IntoView {
    let contents = LocalResource::new(move || {
        let id = id.clone();
        async move {
            api::call(|c| async move {
                c.list_folder_contents_all(&id, ListOptions::limit(200))
                    .try_collect::<Vec<_>>()
                    .await
            })
            .await
        }
    });
    view! {
        <div class="folder-contents">
            {loaded(contents, "Loading the contents…", |items: Vec<FolderResource>| {
                if items.is_empty() {
                    return view! { <p class="hint">"This folder is empty."</p> }.into_any();
                }
                view! {
                    <ul class="contents-list">
                        {items
                            .into_iter()
                            .map(|r| match r.resource_type {
                                FolderResourceType::Cluster => {
                                    let href = format!("/clusters/{}", r.resource_id);
                                    view! {
                                        <li><span class="kind">"Cluster"</span>" "<a href=href>{r.name}</a></li>
                                    }
                                    .into_any()
                                }
                                _ => view! {
                                    <li><span class="kind">"Folder"</span>" "{r.name}</li>
                                }
                                .into_any(),
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </div>
    }
}
