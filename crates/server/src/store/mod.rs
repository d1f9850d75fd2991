//! Storage: the whole state in memory for reads, written through to a
//! durable [`Backend`] by one writer at a time. A mutation sees the current
//! state, returns the changes it makes, and those are committed to the
//! backend before memory (and so any response) reflects them.

pub mod backend;
pub mod data;
pub mod model;
pub mod sqlite;

use crate::config::Storage;
use crate::error::{ApiError, ApiResult};
use backend::{Backend, Record};
use model::{Change, ClusterRow, Mem};
use std::sync::{Arc, Mutex, RwLock};
use tokio::runtime::RuntimeFlavor;

/// The state plus its durable copy.
pub struct Store {
    mem: RwLock<Mem>,
    writer: Mutex<Box<dyn Backend>>,
}

const KIND_ORG: &str = "organization";
const KIND_SERVICE_ACCOUNT: &str = "service_account";
const KIND_API_KEY: &str = "api_key";
const KIND_CLUSTER: &str = "cluster";
const KIND_AUDIT: &str = "audit";
const KIND_FOLDER: &str = "folder";
/// `meta` of a record that marks its resource removed (a tombstone).
const REMOVED: &str = r#"{"removed":true}"#;

impl Store {
    /// Opens the storage the config names and loads everything into memory.
    pub fn open(storage: &Storage) -> Result<Store, String> {
        let backend: Box<dyn Backend> = match storage {
            Storage::InMemory => Box::new(sqlite::SqliteBackend::open_in_memory()?),
            Storage::Dir(dir) => {
                create_private_dir(dir)?;
                Box::new(sqlite::SqliteBackend::open_dir(dir)?)
            }
        };
        Self::with_backend(backend)
    }

    /// A store over any backend.
    pub fn with_backend(mut backend: Box<dyn Backend>) -> Result<Store, String> {
        let mut mem = Mem::default();
        for record in backend.load()? {
            mem.apply(decode(&record)?);
        }
        Ok(Store {
            mem: RwLock::new(mem),
            writer: Mutex::new(backend),
        })
    }

    /// Reads the state.
    pub fn read<R>(&self, f: impl FnOnce(&Mem) -> R) -> R {
        let mem = self.mem.read().unwrap_or_else(|e| e.into_inner());
        f(&mem)
    }

    /// Runs one mutation: `f` sees the state and returns its answer and the
    /// changes to make; they are committed durably, then applied in memory.
    /// Mutations run one at a time. Blocking: call from a blocking thread.
    pub fn mutate<R>(&self, f: impl FnOnce(&Mem) -> ApiResult<(R, Vec<Change>)>) -> ApiResult<R> {
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let (answer, changes) = {
            let mem = self.mem.read().unwrap_or_else(|e| e.into_inner());
            f(&mem)?
        };
        if changes.is_empty() {
            return Ok(answer);
        }
        let records = changes.iter().map(encode).collect::<Result<Vec<_>, _>>()?;
        writer.commit(&records).map_err(ApiError::internal)?;
        let mut mem = self.mem.write().unwrap_or_else(|e| e.into_inner());
        for change in changes {
            mem.apply(change);
        }
        Ok(answer)
    }

    /// [`Store::mutate`] for async handlers, off the async scheduler.
    ///
    /// On the server's multi-threaded runtime the write runs on the thread
    /// already serving the request (`block_in_place` hands that worker's other
    /// tasks to another thread): no wait for a blocking-pool thread to wake,
    /// then for this one to wake again. A current-thread runtime (most tests)
    /// cannot do that, so there the write goes to the blocking pool.
    pub async fn mutate_async<R, F>(self: &Arc<Self>, f: F) -> ApiResult<R>
    where
        R: Send + 'static,
        F: FnOnce(&Mem) -> ApiResult<(R, Vec<Change>)> + Send + 'static,
    {
        if tokio::runtime::Handle::current().runtime_flavor() == RuntimeFlavor::MultiThread {
            return tokio::task::block_in_place(|| self.mutate(f));
        }
        let store = Arc::clone(self);
        tokio::task::spawn_blocking(move || store.mutate(f))
            .await
            .map_err(ApiError::internal)?
    }

    /// Replaces everything with `seed` (computed from the old state), in one
    /// durable transaction.
    pub fn reset(&self, seed: impl FnOnce(&Mem) -> Vec<Change>) -> ApiResult<()> {
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let changes = {
            let mem = self.mem.read().unwrap_or_else(|e| e.into_inner());
            seed(&mem)
        };
        let records = changes.iter().map(encode).collect::<Result<Vec<_>, _>>()?;
        writer.replace_all(&records).map_err(ApiError::internal)?;
        let mut mem = self.mem.write().unwrap_or_else(|e| e.into_inner());
        *mem = Mem::default();
        for change in changes {
            mem.apply(change);
        }
        Ok(())
    }
}

/// Creates the data dir (and missing parents) readable by its owner only
/// (0700); a folder that exists already is left as it is.
fn create_private_dir(dir: &std::path::Path) -> Result<(), String> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| format!("cannot create data dir {}: {e}", dir.display()))
}

fn time(t: &crdb_cloud::Timestamp) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// A change as a stored record.
fn encode(change: &Change) -> ApiResult<Record> {
    let record = |kind: &str, id: &str, json: String| Record {
        kind: kind.to_owned(),
        id: id.to_owned(),
        parent_id: None,
        name: None,
        created_at: None,
        json,
        meta: None,
    };
    Ok(match change {
        Change::Organization(org) => Record {
            name: Some(org.name.clone()),
            created_at: Some(time(&org.created_at)),
            ..record(KIND_ORG, &org.id, serde_json::to_string(org)?)
        },
        Change::ServiceAccount(sa) => Record {
            name: Some(sa.name.clone()),
            created_at: Some(time(&sa.created_at)),
            ..record(KIND_SERVICE_ACCOUNT, &sa.id, serde_json::to_string(sa)?)
        },
        Change::ApiKey(key) => Record {
            parent_id: Some(key.service_account_id.clone()),
            name: Some(key.name.clone()),
            created_at: Some(time(&key.created_at)),
            ..record(KIND_API_KEY, &key.id, serde_json::to_string(key)?)
        },
        Change::Cluster(row) => Record {
            parent_id: row.cluster.parent_id.clone(),
            name: Some(row.cluster.name.clone()),
            created_at: row.cluster.created_at.as_ref().map(time),
            meta: Some(serde_json::to_string(&row.meta)?),
            ..record(
                KIND_CLUSTER,
                &row.cluster.id,
                serde_json::to_string(&row.cluster)?,
            )
        },
        Change::Audit(a) => Record {
            parent_id: a.cluster_id.clone(),
            created_at: Some(time(&a.created_at)),
            ..record(
                KIND_AUDIT,
                &format!("{:020}", a.seq),
                serde_json::to_string(a)?,
            )
        },
        Change::RemoveServiceAccount(sa) => Record {
            meta: Some(REMOVED.to_owned()),
            ..record(KIND_SERVICE_ACCOUNT, &sa.id, serde_json::to_string(sa)?)
        },
        Change::RemoveApiKey(key) => Record {
            parent_id: Some(key.service_account_id.clone()),
            meta: Some(REMOVED.to_owned()),
            ..record(KIND_API_KEY, &key.id, serde_json::to_string(key)?)
        },
        Change::Folder(f) => Record {
            parent_id: Some(f.parent_id.clone()),
            name: Some(f.name.clone()),
            created_at: Some(time(&f.created_at)),
            ..record(KIND_FOLDER, &f.id, serde_json::to_string(f)?)
        },
        Change::RemoveFolder(f) => Record {
            meta: Some(REMOVED.to_owned()),
            ..record(KIND_FOLDER, &f.id, serde_json::to_string(f)?)
        },
    })
}

/// A stored record as the change that recreates it.
fn decode(r: &Record) -> Result<Change, String> {
    let bad = |e: serde_json::Error| format!("stored {} {} is unreadable: {e}", r.kind, r.id);
    let removed = r.meta.as_deref() == Some(REMOVED);
    Ok(match r.kind.as_str() {
        KIND_SERVICE_ACCOUNT if removed => {
            Change::RemoveServiceAccount(serde_json::from_str(&r.json).map_err(bad)?)
        }
        KIND_API_KEY if removed => {
            Change::RemoveApiKey(serde_json::from_str(&r.json).map_err(bad)?)
        }
        KIND_FOLDER if removed => Change::RemoveFolder(serde_json::from_str(&r.json).map_err(bad)?),
        KIND_FOLDER => Change::Folder(serde_json::from_str(&r.json).map_err(bad)?),
        KIND_ORG => Change::Organization(serde_json::from_str(&r.json).map_err(bad)?),
        KIND_SERVICE_ACCOUNT => Change::ServiceAccount(serde_json::from_str(&r.json).map_err(bad)?),
        KIND_API_KEY => Change::ApiKey(serde_json::from_str(&r.json).map_err(bad)?),
        KIND_CLUSTER => Change::Cluster(Box::new(ClusterRow {
            cluster: serde_json::from_str(&r.json).map_err(bad)?,
            meta: match &r.meta {
                Some(m) => serde_json::from_str(m).map_err(bad)?,
                None => Default::default(),
            },
        })),
        KIND_AUDIT => Change::Audit(serde_json::from_str(&r.json).map_err(bad)?),
        other => return Err(format!("unknown stored kind {other:?}")),
    })
}
