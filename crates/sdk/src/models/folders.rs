//! Folders: a tree of folders and clusters under the organization, with
//! `"root"` as the top.

use crate::models::common::KeysetPaginationResponse;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

crate::wire_enum! {
    /// `FolderResourceType.Type`: what a node of the folder tree is.
    pub enum FolderResourceType {
        Folder = "FOLDER",
        Cluster = "CLUSTER",
    }
}

/// `FolderResource`: a folder, or a cluster seen as a node of the tree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderResource {
    /// The folder's or cluster's id.
    #[serde(default)]
    pub resource_id: String,
    /// Folder or cluster.
    #[serde(default)]
    pub resource_type: FolderResourceType,
    /// Parent folder id; `"root"` at the top level.
    #[serde(default)]
    pub parent_id: String,
    /// The organization it belongs to.
    #[serde(default)]
    pub organization_id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Ancestors, from the top down.
    #[serde(default)]
    pub path: Vec<PathSegment>,
    /// Labels.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

/// `PathSegment`: one ancestor folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathSegment {
    /// Folder id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Folder name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `FolderResourceList`: one page of a folder's contents (folders by name,
/// then clusters by name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderResourceList {
    /// This page of children.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<FolderResource>>,
    /// `null` on the last page.
    #[serde(default)]
    pub pagination: Option<KeysetPaginationResponse>,
}

/// `CreateFolderRequest`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateFolderRequest {
    /// Name.
    pub name: String,
    /// Parent folder id; absent, empty or `"root"` for the top level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// Labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
}

/// `UpdateFolderSpecification`: rename, move or relabel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateFolderSpecification {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New parent folder id (moves the folder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// `Some` replaces every label (`Some` of an empty map removes them
    /// all); `None` leaves the labels unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
}

/// `ListFoldersResponse`: one page of folders, sorted by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListFoldersResponse {
    /// This page of folders.
    #[serde(default)]
    pub folders: Vec<FolderResource>,
    /// `null` on the last page.
    #[serde(default)]
    pub pagination: Option<KeysetPaginationResponse>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const FOLDER: &str = r#"{"resource_id":"f-2","resource_type":"FOLDER","parent_id":"f-1","organization_id":"org-1","name":"folder2","path":[{"id":"f-1","name":"folder1"}],"labels":{"env":"prod","team":"db"}}"#;

    #[test]
    fn folder_resource_round_trips() {
        let f: FolderResource = serde_json::from_str(FOLDER).unwrap();
        assert_eq!(f.resource_type, FolderResourceType::Folder);
        assert_eq!(f.path[0].name.as_deref(), Some("folder1"));
        assert_eq!(f.labels.get("team").map(String::as_str), Some("db"));
        assert_eq!(serde_json::to_string(&f).unwrap(), FOLDER);
    }

    #[test]
    fn contents_list_clusters_and_unknown_kinds() {
        let text = r#"{"resources":[{"resource_id":"c-1","resource_type":"CLUSTER","parent_id":"root","organization_id":"o","name":"my-cluster","path":[],"labels":{}},{"resource_id":"x","resource_type":"PROJECT"}],"pagination":null}"#;
        let page: FolderResourceList = serde_json::from_str(text).unwrap();
        let items = page.resources.as_deref().unwrap();
        assert_eq!(items[0].resource_type, FolderResourceType::Cluster);
        assert_eq!(items[0].parent_id, "root");
        assert_eq!(
            items[1].resource_type,
            FolderResourceType::Unknown("PROJECT".into())
        );
        assert!(items[1].labels.is_empty());
        assert_eq!(page.pagination, None);
    }

    #[test]
    fn create_request_matches_the_spec_example() {
        let req = CreateFolderRequest {
            name: "folder_name".into(),
            parent_id: Some("12345678-1234-1234-1234-123456789012".into()),
            labels: None,
        };
        let text = r#"{"name":"folder_name","parent_id":"12345678-1234-1234-1234-123456789012"}"#;
        assert_eq!(serde_json::to_string(&req).unwrap(), text);
        assert_eq!(
            serde_json::from_str::<CreateFolderRequest>(text).unwrap(),
            req
        );
        assert!(serde_json::from_str::<CreateFolderRequest>("{}").is_err());
    }

    #[test]
    fn update_tells_clearing_labels_from_leaving_them() {
        let keep = UpdateFolderSpecification {
            name: Some("renamed".into()),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&keep).unwrap(),
            r#"{"name":"renamed"}"#
        );
        let clear = UpdateFolderSpecification {
            labels: Some(BTreeMap::new()),
            ..Default::default()
        };
        assert_eq!(serde_json::to_string(&clear).unwrap(), r#"{"labels":{}}"#);
        let back: UpdateFolderSpecification = serde_json::from_str(r#"{"labels":{}}"#).unwrap();
        assert_eq!(back.labels, Some(BTreeMap::new()));
        let back: UpdateFolderSpecification = serde_json::from_str("{}").unwrap();
        assert_eq!(back.labels, None);
    }

    #[test]
    fn list_folders_reads_a_next_page_token() {
        let page: ListFoldersResponse = serde_json::from_str(&format!(
            r#"{{"folders":[{FOLDER}],"pagination":{{"next_page":"tok"}}}}"#
        ))
        .unwrap();
        assert_eq!(page.folders[0].resource_id, "f-2");
        assert_eq!(
            page.pagination.and_then(|p| p.next_page).as_deref(),
            Some("tok")
        );
    }
}
