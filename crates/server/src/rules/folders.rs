//! Folders: name rules, parents, cycles, paths, and the mapping of folders
//! and clusters onto `FolderResource`.
//!
//! - Names: 1–64 characters of letters, digits, spaces, `-`, `_` and `.`,
//!   starting and ending with a letter or digit; unique among the folder's
//!   siblings (else 409, code 6).
//! - `parent_id`: absent, empty or `root` is the top level; otherwise an
//!   existing folder (else 404). A folder cannot move under itself or one of
//!   its descendants (400, code 3).
//! - `path`: the ancestors from the top down, the resource itself excluded.
//! - Only an empty folder (no folders, no live clusters) can be deleted
//!   (400, code 9).

use crate::error::{ApiError, ApiResult};
use crate::store::model::FolderRow;
use crdb_cloud::models::clusters::Cluster;
use crdb_cloud::models::folders::{FolderResource, FolderResourceType, PathSegment};
use std::collections::HashMap;

/// The parent id of the top level.
pub const ROOT: &str = "root";
/// Longest folder name.
pub const MAX_NAME: usize = 64;

/// Checks a folder name.
pub fn validate_name(name: &str) -> ApiResult<()> {
    let len = name.chars().count();
    if len == 0 || len > MAX_NAME {
        return Err(ApiError::invalid(format!(
            "name: 1 to {MAX_NAME} characters, got {len}"
        )));
    }
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.');
    if let Some(bad) = name.chars().find(|&c| !allowed(c)) {
        return Err(ApiError::invalid(format!(
            "name: only letters, digits, spaces, '-', '_' and '.' are allowed, got {bad:?}"
        )));
    }
    let ends_ok = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    if !ends_ok(name.chars().next()) || !ends_ok(name.chars().last()) {
        return Err(ApiError::invalid(
            "name: must start and end with a letter or digit",
        ));
    }
    Ok(())
}

/// The parent a request names: `root` for absent, empty or `root`.
pub fn parent_of(requested: Option<&str>) -> String {
    match requested {
        None | Some("") => ROOT.to_owned(),
        Some(p) => p.to_owned(),
    }
}

/// 400 when moving `folder_id` under `new_parent` would make a cycle.
pub fn check_no_cycle(
    folders: &HashMap<String, FolderRow>,
    folder_id: &str,
    new_parent: &str,
) -> ApiResult<()> {
    let mut at = Some(new_parent);
    let mut steps = 0;
    while let Some(id) = at {
        if id == folder_id {
            return Err(ApiError::invalid(format!(
                "parent_id: cannot move folder {folder_id} under itself or one of its sub-folders"
            )));
        }
        steps += 1;
        if steps > folders.len() {
            break;
        }
        at = folders.get(id).map(|f| f.parent_id.as_str());
    }
    Ok(())
}

/// The ancestors of a resource whose parent is `parent_id`, from the top down.
pub fn path(folders: &HashMap<String, FolderRow>, parent_id: &str) -> Vec<PathSegment> {
    let mut segments = Vec::new();
    let mut at = folders.get(parent_id);
    while let Some(folder) = at {
        if segments.len() > folders.len() {
            break;
        }
        segments.push(PathSegment {
            id: Some(folder.id.clone()),
            name: Some(folder.name.clone()),
        });
        at = folders.get(&folder.parent_id);
    }
    segments.reverse();
    segments
}

/// The names of an absolute path filter (`/a/b/`, `a/b` and `/a/b` are the same).
pub fn path_names(filter: &str) -> Vec<&str> {
    filter.split('/').filter(|s| !s.is_empty()).collect()
}

/// Whether a folder's full path (ancestors, then itself) is `names`.
pub fn matches_path(
    folders: &HashMap<String, FolderRow>,
    folder: &FolderRow,
    names: &[&str],
) -> bool {
    let mut full: Vec<String> = path(folders, &folder.parent_id)
        .into_iter()
        .filter_map(|s| s.name)
        .collect();
    full.push(folder.name.clone());
    full.len() == names.len() && full.iter().zip(names).all(|(a, b)| a == b)
}

/// A folder as the API shows it.
pub fn folder_resource(
    folders: &HashMap<String, FolderRow>,
    folder: &FolderRow,
    org_id: &str,
) -> FolderResource {
    FolderResource {
        resource_id: folder.id.clone(),
        resource_type: FolderResourceType::Folder,
        parent_id: folder.parent_id.clone(),
        organization_id: org_id.to_owned(),
        name: folder.name.clone(),
        path: path(folders, &folder.parent_id),
        labels: folder.labels.clone(),
    }
}

/// A cluster as a node of the folder tree.
pub fn cluster_resource(
    folders: &HashMap<String, FolderRow>,
    cluster: &Cluster,
    org_id: &str,
) -> FolderResource {
    let parent = cluster.parent_id.clone().unwrap_or_else(|| ROOT.to_owned());
    FolderResource {
        resource_id: cluster.id.clone(),
        resource_type: FolderResourceType::Cluster,
        path: path(folders, &parent),
        parent_id: parent,
        organization_id: org_id.to_owned(),
        name: cluster.name.clone(),
        labels: cluster.labels.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(rows: &[(&str, &str, &str)]) -> HashMap<String, FolderRow> {
        rows.iter()
            .map(|(id, name, parent)| {
                (
                    id.to_string(),
                    FolderRow {
                        id: id.to_string(),
                        name: name.to_string(),
                        parent_id: parent.to_string(),
                        labels: Default::default(),
                        created_at: crdb_cloud::Timestamp::UNIX_EPOCH,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn names_follow_the_rules() {
        for ok in ["a", "Team A", "prod-1", "v1.2_x", "Équipe"] {
            validate_name(ok).unwrap();
        }
        for bad in ["", " lead", "trail-", "a/b", "x\ny", &"n".repeat(65)] {
            assert_eq!(validate_name(bad).unwrap_err().code, 3, "{bad:?}");
        }
    }

    #[test]
    fn parents_default_to_root() {
        assert_eq!(parent_of(None), "root");
        assert_eq!(parent_of(Some("")), "root");
        assert_eq!(parent_of(Some("root")), "root");
        assert_eq!(parent_of(Some("f1")), "f1");
    }

    #[test]
    fn cycles_are_refused() {
        let t = tree(&[("a", "A", "root"), ("b", "B", "a"), ("c", "C", "b")]);
        check_no_cycle(&t, "c", "a").unwrap();
        check_no_cycle(&t, "b", "root").unwrap();
        assert_eq!(check_no_cycle(&t, "a", "c").unwrap_err().code, 3);
        assert_eq!(check_no_cycle(&t, "a", "a").unwrap_err().code, 3);
    }

    #[test]
    fn paths_run_from_the_top_down() {
        let t = tree(&[("a", "A", "root"), ("b", "B", "a"), ("c", "C", "b")]);
        let names: Vec<_> = path(&t, "b").into_iter().filter_map(|s| s.name).collect();
        assert_eq!(names, ["A", "B"]);
        assert!(path(&t, "root").is_empty());
        let c = &t["c"];
        assert!(matches_path(&t, c, &path_names("/A/B/C/")));
        assert!(matches_path(&t, c, &path_names("A/B/C")));
        assert!(!matches_path(&t, c, &path_names("/B/C")));
        let r = folder_resource(&t, c, "org");
        assert_eq!((r.parent_id.as_str(), r.path.len()), ("b", 2));
        assert_eq!(r.resource_type, FolderResourceType::Folder);
    }
}
