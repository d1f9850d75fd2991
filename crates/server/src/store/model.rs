//! What the server keeps: one row type per resource, the in-memory state
//! built from them, and the changes a mutation makes.

use crate::rules::cluster::Pending;
use crdb_cloud::Timestamp;
use crdb_cloud::models::clusters::{Cluster, ClusterState};
use crdb_cloud::models::cmek::CmekClusterInfo;
use crdb_cloud::models::organization::Organization;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A role granted on a resource (`BuiltInRole` once that model exists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// `OrganizationUserRole.Type`, e.g. `CLUSTER_ADMIN`.
    pub role: String,
    /// `ORGANIZATION`, `FOLDER` or `CLUSTER`.
    pub resource_type: String,
    /// The organization, folder or cluster id.
    pub resource_id: String,
}

/// A service account and its roles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceAccountRow {
    /// Id (uuid).
    pub id: String,
    /// Name, shown in audit logs.
    pub name: String,
    /// Description.
    pub description: String,
    /// Who created it.
    pub creator_name: String,
    /// Creation time.
    pub created_at: Timestamp,
    /// Roles granted to it.
    pub roles: Vec<Grant>,
    /// Whether this is the account made on first start: it cannot be
    /// deleted or renamed, and only its bootstrap keys open `/local/v1`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bootstrap: bool,
}

/// An API key: only the SHA-256 of its secret is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyRow {
    /// Id, the part of the secret before the random tail.
    pub id: String,
    /// Name.
    pub name: String,
    /// Owner.
    pub service_account_id: String,
    /// Hex SHA-256 of the secret.
    pub secret_hash: String,
    /// Creation time.
    pub created_at: Timestamp,
    /// A bootstrap key (first start or `--bootstrap-api-key`), the only kind
    /// that opens the local admin API; never set through the API.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub local_admin: bool,
}

/// Server-side facts about a cluster that are not part of its wire model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterMeta {
    /// Long-running work under way, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<Pending>,
    /// CMEK configuration (Advanced clusters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cmek: Option<CmekClusterInfo>,
    /// Full version before a major upgrade, for rollback.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_version: Option<String>,
    /// SQL users, databases, backups, restores, maintenance and blackout windows.
    #[serde(default, skip_serializing_if = "super::data::ClusterData::is_empty")]
    pub data: super::data::ClusterData,
}

/// A cluster: its wire model plus the server's own facts.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterRow {
    /// The cluster as the API shows it (before settling pending work).
    pub cluster: Cluster,
    /// Server-side facts.
    pub meta: ClusterMeta,
}

/// One audit log entry; field names follow `AuditLogEntry`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// Id.
    pub id: String,
    /// Order of writing, from 1.
    pub seq: u64,
    /// When.
    pub created_at: Timestamp,
    /// `AuditLogAction`, e.g. `AUDIT_LOG_ACTION_CREATE_CLUSTER`.
    pub action: String,
    /// `AuditLogSource`; always `AUDIT_LOG_SOURCE_CC_API` here.
    pub source: String,
    /// The caller's service account name.
    pub service_account_name: String,
    /// Cluster touched, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    /// What was asked, as JSON (secrets removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<String>,
}

/// A folder of the organization's folder tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderRow {
    /// Id (uuid).
    pub id: String,
    /// Name, unique among its siblings.
    pub name: String,
    /// Parent folder id, or `root`.
    pub parent_id: String,
    /// Labels.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Creation time.
    pub created_at: Timestamp,
}

/// One change a mutation makes; applied to the database, then to memory.
#[derive(Debug, Clone)]
pub enum Change {
    /// Create or replace the organization.
    Organization(Organization),
    /// Create or replace a service account.
    ServiceAccount(ServiceAccountRow),
    /// Create or replace an API key.
    ApiKey(ApiKeyRow),
    /// Create or replace a cluster.
    Cluster(Box<ClusterRow>),
    /// Append an audit entry.
    Audit(AuditRow),
    /// Remove a service account (its keys are removed by their own changes).
    RemoveServiceAccount(ServiceAccountRow),
    /// Remove an API key: its secret stops authenticating.
    RemoveApiKey(ApiKeyRow),
    /// Create or replace a folder.
    Folder(FolderRow),
    /// Remove a folder.
    RemoveFolder(FolderRow),
}

/// The whole state, kept in memory for reads.
#[derive(Debug, Default, Clone)]
pub struct Mem {
    /// The one organization.
    pub org: Option<Organization>,
    /// Service accounts by id.
    pub service_accounts: HashMap<String, ServiceAccountRow>,
    /// API keys by id.
    pub api_keys: HashMap<String, ApiKeyRow>,
    /// Secret hash → key id.
    pub key_by_hash: HashMap<String, String>,
    /// Clusters by id, deleted ones included.
    pub clusters: HashMap<String, ClusterRow>,
    /// Names of non-deleted clusters → id.
    pub active_names: HashMap<String, String>,
    /// Every cluster as (name, id), in list order.
    pub clusters_by_name: std::collections::BTreeSet<(String, String)>,
    /// Every cluster as (created_at key, id), in list order.
    pub clusters_by_created: std::collections::BTreeSet<(String, String)>,
    /// Audit entries in order.
    pub audit: Vec<AuditRow>,
    /// Folders by id.
    pub folders: HashMap<String, FolderRow>,
}

/// A cluster's `created_at` as a key that sorts like the time.
pub fn created_key(cluster: &crdb_cloud::models::clusters::Cluster) -> String {
    timestamp_key(cluster.created_at.as_ref())
}

/// A time as a key that sorts like the time (empty when absent).
pub fn timestamp_key(t: Option<&crdb_cloud::Timestamp>) -> String {
    t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true))
        .unwrap_or_default()
}

impl Mem {
    /// Applies a committed change.
    pub fn apply(&mut self, change: Change) {
        match change {
            Change::Organization(org) => self.org = Some(org),
            Change::ServiceAccount(sa) => {
                self.service_accounts.insert(sa.id.clone(), sa);
            }
            Change::ApiKey(key) => {
                if let Some(old) = self.api_keys.get(&key.id) {
                    self.key_by_hash.remove(&old.secret_hash);
                }
                self.key_by_hash
                    .insert(key.secret_hash.clone(), key.id.clone());
                self.api_keys.insert(key.id.clone(), key);
            }
            Change::Cluster(row) => {
                let id = row.cluster.id.clone();
                if let Some(old) = self.clusters.get(&id) {
                    if self.active_names.get(&old.cluster.name) == Some(&id) {
                        self.active_names.remove(&old.cluster.name);
                    }
                    self.clusters_by_name
                        .remove(&(old.cluster.name.clone(), id.clone()));
                    self.clusters_by_created
                        .remove(&(created_key(&old.cluster), id.clone()));
                }
                self.clusters_by_name
                    .insert((row.cluster.name.clone(), id.clone()));
                self.clusters_by_created
                    .insert((created_key(&row.cluster), id.clone()));
                if row.cluster.state != ClusterState::Deleted {
                    self.active_names
                        .insert(row.cluster.name.clone(), id.clone());
                }
                self.clusters.insert(id, *row);
            }
            Change::Audit(row) => self.audit.push(row),
            Change::RemoveServiceAccount(sa) => {
                self.service_accounts.remove(&sa.id);
            }
            Change::RemoveApiKey(key) => {
                if let Some(old) = self.api_keys.remove(&key.id) {
                    self.key_by_hash.remove(&old.secret_hash);
                }
            }
            Change::Folder(folder) => {
                self.folders.insert(folder.id.clone(), folder);
            }
            Change::RemoveFolder(folder) => {
                self.folders.remove(&folder.id);
            }
        }
    }

    /// The folders above a resource whose parent is `parent_id`, nearest
    /// first (empty at the root or for an unknown folder).
    pub fn folder_chain(&self, parent_id: Option<&str>) -> Vec<String> {
        let mut chain = Vec::new();
        let mut at = parent_id;
        while let Some(folder) = at.and_then(|id| self.folders.get(id)) {
            if chain.contains(&folder.id) {
                break;
            }
            chain.push(folder.id.clone());
            at = Some(folder.parent_id.as_str());
        }
        chain
    }

    /// The sequence number the next audit entry gets.
    pub fn next_audit_seq(&self) -> u64 {
        self.audit.last().map_or(1, |a| a.seq + 1)
    }
}
