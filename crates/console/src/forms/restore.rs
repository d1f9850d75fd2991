//! A restore of one database or one table (Advanced clusters), as the form
//! collects it, and the request it makes.

use super::names::validate_database_name;
use crdb_cloud::models::backups::{CreateRestoreBody, RestoreItem, RestoreOpts, RestoreType};

/// The object-restore form's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectRestore {
    /// `Database` or `Table`.
    pub kind: RestoreType,
    /// The database in the backup.
    pub database: String,
    /// Table restores: the table (optionally `schema.table`).
    pub table: String,
    /// Database restores: restore under this name instead (optional).
    pub new_name: String,
}

impl Default for ObjectRestore {
    fn default() -> Self {
        ObjectRestore {
            kind: RestoreType::Database,
            database: String::new(),
            table: String::new(),
            new_name: String::new(),
        }
    }
}

impl ObjectRestore {
    /// The `CreateRestore` body from the newest backup of this cluster, or
    /// what is wrong, in plain words. `databases` are the cluster's: the
    /// database must be one of them, and a new name none of them.
    pub fn to_body(&self, databases: &[String]) -> Result<CreateRestoreBody, String> {
        let database = self.database.trim();
        validate_database_name(database)?;
        if !databases.iter().any(|d| d == database) {
            return Err(format!(
                "The cluster has no database named {database}; it has {}.",
                databases.join(", ")
            ));
        }
        let (schema, table) = match self.kind {
            RestoreType::Table => {
                let t = self.table.trim();
                if t.is_empty() {
                    return Err("Enter the table to restore.".into());
                }
                let parts: Vec<&str> = t.split('.').collect();
                if parts.len() > 2 || parts.iter().any(|p| p.trim().is_empty()) {
                    return Err(format!(
                        "Write the table as table or schema.table, not {t}."
                    ));
                }
                match parts[..] {
                    [s, t] => (Some(s.to_owned()), Some(t.to_owned())),
                    _ => (None, Some(t.to_owned())),
                }
            }
            _ => (None, None),
        };
        let new_name = self.new_name.trim();
        let restore_opts = if self.kind == RestoreType::Database && !new_name.is_empty() {
            validate_database_name(new_name)?;
            if databases.iter().any(|d| d == new_name) {
                return Err(format!(
                    "A database named {new_name} exists already; pick another name."
                ));
            }
            Some(RestoreOpts {
                new_db_name: Some(new_name.to_owned()),
                ..Default::default()
            })
        } else {
            None
        };
        Ok(CreateRestoreBody {
            restore_type: self.kind.clone(),
            objects: Some(vec![RestoreItem {
                database: database.to_owned(),
                schema,
                table,
            }]),
            restore_opts,
            ..Default::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dbs() -> Vec<String> {
        vec!["movr".into(), "defaultdb".into()]
    }

    #[test]
    fn names_are_checked_against_the_clusters_databases() {
        let mut d = ObjectRestore {
            database: "nosuchdb".into(),
            ..Default::default()
        };
        assert_eq!(
            d.to_body(&dbs()).unwrap_err(),
            "The cluster has no database named nosuchdb; it has movr, defaultdb."
        );
        d.database = "movr".into();
        d.new_name = "defaultdb".into();
        assert!(d.to_body(&dbs()).unwrap_err().contains("exists already"));
        let t = ObjectRestore {
            kind: RestoreType::Table,
            database: "movr".into(),
            table: "a.b.c".into(),
            ..Default::default()
        };
        assert_eq!(
            t.to_body(&dbs()).unwrap_err(),
            "Write the table as table or schema.table, not a.b.c."
        );
    }

    #[test]
    fn database_restores_may_take_a_new_name() {
        let d = ObjectRestore {
            database: "movr".into(),
            new_name: "movr_restored".into(),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(d.to_body(&dbs()).unwrap()).unwrap(),
            json!({"type": "DATABASE", "objects": [{"database": "movr"}],
                   "restore_opts": {"new_db_name": "movr_restored"}})
        );
    }

    #[test]
    fn table_restores_need_a_table_and_read_a_schema() {
        let mut t = ObjectRestore {
            kind: RestoreType::Table,
            database: "movr".into(),
            new_name: "ignored".into(),
            ..Default::default()
        };
        assert!(t.to_body(&dbs()).unwrap_err().contains("table"));
        t.table = "public.rides".into();
        assert_eq!(
            serde_json::to_value(t.to_body(&dbs()).unwrap()).unwrap(),
            json!({"type": "TABLE", "objects": [{"database": "movr", "schema": "public", "table": "rides"}]})
        );
        t.database = "bad-name".into();
        assert!(t.to_body(&dbs()).is_err());
    }
}
