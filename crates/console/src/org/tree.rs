//! The folder tree: nested folders built from each folder's parent id (the
//! organization is the root), the parents a folder may move to, and the
//! refusal of a move into itself or one of its own sub-folders.

use crdb_cloud::models::folders::FolderResource;
use std::collections::{HashMap, HashSet};

/// The parent id of the top level (the organization itself).
pub const ROOT: &str = "root";

/// One folder with its sub-folders, sorted by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderNode {
    /// Folder id.
    pub id: String,
    /// Folder name.
    pub name: String,
    /// Parent id (`root` at the top).
    pub parent_id: String,
    /// Sub-folders, sorted by name.
    pub children: Vec<FolderNode>,
}

/// Whether `parent_id` names the top level.
pub fn is_root(parent_id: &str) -> bool {
    parent_id.is_empty() || parent_id == ROOT
}

fn by_name(a: &FolderResource, b: &FolderResource) -> std::cmp::Ordering {
    a.name
        .to_lowercase()
        .cmp(&b.name.to_lowercase())
        .then_with(|| a.name.cmp(&b.name))
        .then_with(|| a.resource_id.cmp(&b.resource_id))
}

/// The folders as a tree, top level first. A folder whose parent is not
/// in the list (or that sits in a loop) is shown at the top level, so no
/// folder is ever hidden.
pub fn build_tree(folders: &[FolderResource]) -> Vec<FolderNode> {
    let ids: HashSet<&str> = folders.iter().map(|f| f.resource_id.as_str()).collect();
    let mut children: HashMap<&str, Vec<&FolderResource>> = HashMap::new();
    for f in folders {
        children.entry(f.parent_id.as_str()).or_default().push(f);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| by_name(a, b));
    }
    fn grow(
        f: &FolderResource,
        children: &HashMap<&str, Vec<&FolderResource>>,
        seen: &mut HashSet<String>,
    ) -> FolderNode {
        seen.insert(f.resource_id.clone());
        let mut kids = Vec::new();
        for c in children.get(f.resource_id.as_str()).into_iter().flatten() {
            if !seen.contains(&c.resource_id) {
                kids.push(grow(c, children, seen));
            }
        }
        FolderNode {
            id: f.resource_id.clone(),
            name: f.name.clone(),
            parent_id: f.parent_id.clone(),
            children: kids,
        }
    }
    let mut top: Vec<&FolderResource> = folders
        .iter()
        .filter(|f| is_root(&f.parent_id) || !ids.contains(f.parent_id.as_str()))
        .collect();
    top.sort_by(|a, b| by_name(a, b));
    let mut seen = HashSet::new();
    let mut roots: Vec<FolderNode> = top.iter().map(|f| grow(f, &children, &mut seen)).collect();
    // Folders in a loop never reach the top: show them there anyway.
    let mut lost: Vec<&FolderResource> = folders
        .iter()
        .filter(|f| !seen.contains(&f.resource_id))
        .collect();
    lost.sort_by(|a, b| by_name(a, b));
    for f in lost {
        if !seen.contains(&f.resource_id) {
            roots.push(grow(f, &children, &mut seen));
        }
    }
    roots
}

/// Every folder inside `id`, at any depth (not `id` itself).
pub fn descendants(folders: &[FolderResource], id: &str) -> HashSet<String> {
    let mut found = HashSet::new();
    let mut queue = vec![id.to_owned()];
    while let Some(at) = queue.pop() {
        for f in folders.iter().filter(|f| f.parent_id == at) {
            if f.resource_id != id && found.insert(f.resource_id.clone()) {
                queue.push(f.resource_id.clone());
            }
        }
    }
    found
}

fn name_of<'a>(folders: &'a [FolderResource], id: &str) -> &'a str {
    folders
        .iter()
        .find(|f| f.resource_id == id)
        .map_or("the folder", |f| f.name.as_str())
}

/// Checks moving folder `id` under `new_parent` (`root` for the top
/// level) before anything is sent. `Err` says why not, in plain words.
pub fn check_move(folders: &[FolderResource], id: &str, new_parent: &str) -> Result<(), String> {
    let name = name_of(folders, id);
    let current = folders
        .iter()
        .find(|f| f.resource_id == id)
        .map(|f| f.parent_id.as_str());
    let same = match current {
        Some(p) => p == new_parent || (is_root(p) && is_root(new_parent)),
        None => false,
    };
    if same {
        return Err(format!("“{name}” is already there."));
    }
    if new_parent == id {
        return Err(format!("“{name}” cannot be moved into itself."));
    }
    if !is_root(new_parent) && descendants(folders, id).contains(new_parent) {
        let target = name_of(folders, new_parent);
        return Err(format!(
            "“{name}” cannot be moved into “{target}”: that folder is inside it."
        ));
    }
    Ok(())
}

/// The folder's place as names from the top, e.g. `Team A / prod`.
pub fn path_label(folders: &[FolderResource], id: &str) -> String {
    let mut names = Vec::new();
    let mut at = Some(id.to_owned());
    let mut steps = 0;
    while let Some(current) = at {
        let Some(f) = folders.iter().find(|f| f.resource_id == current) else {
            break;
        };
        names.push(f.name.clone());
        steps += 1;
        if steps > folders.len() || is_root(&f.parent_id) {
            break;
        }
        at = Some(f.parent_id.clone());
    }
    names.reverse();
    names.join(" / ")
}

/// The places a folder can be put: the top level, then every folder as
/// `(id, path label)` in tree order.
pub fn parent_choices(folders: &[FolderResource]) -> Vec<(String, String)> {
    fn walk(nodes: &[FolderNode], folders: &[FolderResource], out: &mut Vec<(String, String)>) {
        for n in nodes {
            out.push((n.id.clone(), path_label(folders, &n.id)));
            walk(&n.children, folders, out);
        }
    }
    let mut out = vec![(ROOT.to_owned(), "Organization (top level)".to_owned())];
    walk(&build_tree(folders), folders, &mut out);
    out
}

/// Checks a folder name as typed: not blank, at most 64 characters.
/// (The API checks the allowed characters and says so.)
pub fn check_folder_name(name: &str) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Enter a folder name.".into());
    }
    let len = name.chars().count();
    if len > 64 {
        return Err(format!("Too long: {len} of at most 64 characters."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(id: &str, name: &str, parent: &str) -> FolderResource {
        FolderResource {
            resource_id: id.into(),
            name: name.into(),
            parent_id: parent.into(),
            ..Default::default()
        }
    }

    /// root ─ a (Apps) ─ b (backend) ─ c (db)
    ///      └ d (Data)
    fn sample() -> Vec<FolderResource> {
        vec![
            folder("c", "db", "b"),
            folder("d", "Data", "root"),
            folder("b", "backend", "a"),
            folder("a", "Apps", "root"),
        ]
    }

    fn names(nodes: &[FolderNode]) -> Vec<String> {
        nodes.iter().map(|n| n.name.clone()).collect()
    }

    #[test]
    fn builds_the_tree_from_parent_ids_sorted_by_name() {
        let tree = build_tree(&sample());
        assert_eq!(names(&tree), ["Apps", "Data"]);
        assert_eq!(names(&tree[0].children), ["backend"]);
        assert_eq!(names(&tree[0].children[0].children), ["db"]);
        assert!(tree[1].children.is_empty());
        assert!(build_tree(&[]).is_empty());
    }

    #[test]
    fn orphans_and_loops_still_show_at_the_top() {
        let mut all = sample();
        all.push(folder("o", "orphan", "gone"));
        all.push(folder("x", "x-loop", "y"));
        all.push(folder("y", "y-loop", "x"));
        let tree = build_tree(&all);
        assert_eq!(names(&tree), ["Apps", "Data", "orphan", "x-loop"]);
        assert_eq!(names(&tree[3].children), ["y-loop"]);
        assert!(tree[3].children[0].children.is_empty());
        // an empty parent id is the top level too
        let tree = build_tree(&[folder("e", "empty-parent", "")]);
        assert_eq!(names(&tree), ["empty-parent"]);
    }

    #[test]
    fn finds_every_descendant() {
        let all = sample();
        let mut d: Vec<_> = descendants(&all, "a").into_iter().collect();
        d.sort();
        assert_eq!(d, ["b", "c"]);
        assert!(descendants(&all, "c").is_empty());
    }

    #[test]
    fn refuses_moves_into_itself_or_below_in_plain_words() {
        let all = sample();
        assert_eq!(check_move(&all, "b", "d"), Ok(()));
        assert_eq!(check_move(&all, "c", "root"), Ok(()));
        assert_eq!(
            check_move(&all, "a", "a"),
            Err("“Apps” cannot be moved into itself.".into())
        );
        assert_eq!(
            check_move(&all, "a", "c"),
            Err("“Apps” cannot be moved into “db”: that folder is inside it.".into())
        );
        assert_eq!(
            check_move(&all, "b", "a"),
            Err("“backend” is already there.".into())
        );
        assert_eq!(
            check_move(&all, "a", ""),
            Err("“Apps” is already there.".into())
        );
    }

    #[test]
    fn labels_paths_and_lists_parent_choices_in_tree_order() {
        let all = sample();
        assert_eq!(path_label(&all, "c"), "Apps / backend / db");
        assert_eq!(path_label(&all, "d"), "Data");
        let choices = parent_choices(&all);
        let labels: Vec<_> = choices.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Organization (top level)",
                "Apps",
                "Apps / backend",
                "Apps / backend / db",
                "Data"
            ]
        );
        assert_eq!(choices[0].0, ROOT);
    }

    #[test]
    fn folder_names_are_checked_as_typed() {
        assert!(check_folder_name("  ").unwrap_err().contains("Enter"));
        assert!(
            check_folder_name(&"x".repeat(65))
                .unwrap_err()
                .contains("65")
        );
        assert_eq!(check_folder_name(" team a "), Ok(()));
    }
}
