//! SQLite storage: WAL mode, `synchronous=FULL`, versioned migrations kept
//! in `PRAGMA user_version`.

use super::backend::{Backend, Record};
use rusqlite::{Connection, params};
use std::path::Path;

/// Schema migrations; entry `n` moves the schema from version `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE resources (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        parent_id TEXT,
        name TEXT,
        created_at TEXT,
        json TEXT NOT NULL,
        meta TEXT,
        PRIMARY KEY (kind, id)
    );
    CREATE INDEX resources_by_parent ON resources (kind, parent_id);
    CREATE INDEX resources_by_name ON resources (kind, name);",
    // Nothing queries by parent or name (the server loads everything at start),
    // and each index cost every durable write a B-tree update.
    "DROP INDEX resources_by_parent;
    DROP INDEX resources_by_name;",
];

/// A SQLite database file, or an in-memory one.
pub struct SqliteBackend {
    conn: Connection,
}

impl SqliteBackend {
    /// Opens (creating if needed) `dir/crdb-cloud.sqlite3` and migrates it.
    /// The file is its owner's only (0600); SQLite gives its `-wal` and
    /// `-shm` files the database file's mode.
    pub fn open_dir(dir: &Path) -> Result<Self, String> {
        let path = dir.join("crdb-cloud.sqlite3");
        make_private(&path)?;
        let conn = Connection::open(&path)
            .map_err(|e| format!("cannot open database {}: {e}", path.display()))?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| format!("cannot enable WAL on {}: {e}", path.display()))?;
        for side in ["-wal", "-shm"] {
            let mut name = path.clone().into_os_string();
            name.push(side);
            let side = std::path::PathBuf::from(name);
            if side.exists() {
                make_private(&side)?;
            }
        }
        Self::setup(conn)
    }

    /// An in-memory database (nothing survives the process).
    pub fn open_in_memory() -> Result<Self, String> {
        let conn = Connection::open_in_memory()
            .map_err(|e| format!("cannot open SQLite in memory: {e}"))?;
        Self::setup(conn)
    }

    fn setup(mut conn: Connection) -> Result<Self, String> {
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(|e| format!("cannot set synchronous=FULL: {e}"))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| e.to_string())?;
        migrate(&mut conn)?;
        Ok(SqliteBackend { conn })
    }
}

/// Creates `path` empty with mode 0600 if missing, else narrows its mode to
/// 0600 (a database from before this rule may be 0644).
fn make_private(path: &Path) -> Result<(), String> {
    let bad = |e: std::io::Error| format!("cannot create {}: {e}", path.display());
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path).map_err(bad)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(bad)?;
    }
    #[cfg(not(unix))]
    options.open(path).map_err(bad)?;
    Ok(())
}

/// Applies the migrations the database has not seen yet.
fn migrate(conn: &mut Connection) -> Result<(), String> {
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|e| format!("cannot read schema version: {e}"))?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(format!(
            "database schema version {version} is newer than this server knows ({known})"
        ));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        tx.execute_batch(sql)
            .map_err(|e| format!("migration {} failed: {e}", i + 1))?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)
            .map_err(|e| e.to_string())?;
        tx.commit().map_err(|e| e.to_string())?;
    }
    Ok(())
}

impl Backend for SqliteBackend {
    fn load(&mut self) -> Result<Vec<Record>, String> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT kind, id, parent_id, name, created_at, json, meta FROM resources ORDER BY kind, id",
            )
            .map_err(|e| e.to_string())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Record {
                    kind: r.get(0)?,
                    id: r.get(1)?,
                    parent_id: r.get(2)?,
                    name: r.get(3)?,
                    created_at: r.get(4)?,
                    json: r.get(5)?,
                    meta: r.get(6)?,
                })
            })
            .map_err(|e| e.to_string())?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())
    }

    fn commit(&mut self, records: &[Record]) -> Result<(), String> {
        let tx = self.conn.transaction().map_err(|e| e.to_string())?;
        insert(&tx, records)?;
        tx.commit().map_err(|e| e.to_string())
    }

    fn replace_all(&mut self, records: &[Record]) -> Result<(), String> {
        let tx = self.conn.transaction().map_err(|e| e.to_string())?;
        tx.execute("DELETE FROM resources", [])
            .map_err(|e| e.to_string())?;
        insert(&tx, records)?;
        tx.commit().map_err(|e| e.to_string())
    }
}

/// Inserts or replaces `records` inside the transaction `tx`.
fn insert(tx: &rusqlite::Transaction<'_>, records: &[Record]) -> Result<(), String> {
    let mut stmt = tx
        .prepare_cached(
            "INSERT OR REPLACE INTO resources (kind, id, parent_id, name, created_at, json, meta)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .map_err(|e| e.to_string())?;
    for r in records {
        stmt.execute(params![
            r.kind,
            r.id,
            r.parent_id,
            r.name,
            r.created_at,
            r.json,
            r.meta
        ])
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, json: &str) -> Record {
        Record {
            kind: "cluster".into(),
            id: id.into(),
            parent_id: None,
            name: Some(id.into()),
            created_at: None,
            json: json.into(),
            meta: None,
        }
    }

    #[test]
    fn commits_replace_and_load_in_order() {
        let mut db = SqliteBackend::open_in_memory().unwrap();
        db.commit(&[record("b", "{}"), record("a", "{}")]).unwrap();
        db.commit(&[record("a", r#"{"x":1}"#)]).unwrap();
        let all = db.load().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].id, "a");
        assert_eq!(all[0].json, r#"{"x":1}"#);
        db.replace_all(&[record("c", "{}")]).unwrap();
        let all = db.load().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].id, "c");
    }

    #[test]
    fn a_failed_replace_keeps_the_old_records() {
        let mut db = SqliteBackend::open_in_memory().unwrap();
        db.commit(&[record("a", "{}")]).unwrap();
        // a trigger refuses record b, half-way through the replacement
        let bad = record("b", "{}");
        db.conn
            .execute_batch("CREATE TRIGGER no_b BEFORE INSERT ON resources WHEN NEW.id = 'b' BEGIN SELECT RAISE(ABORT, 'refused'); END;")
            .unwrap();
        assert!(db.replace_all(&[record("c", "{}"), bad]).is_err());
        let all = db.load().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].id, "a");
    }

    #[test]
    fn migrations_set_the_user_version_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, MIGRATIONS.len() as i64);
    }
}
