//! Restores: what may be restored where, which backup is used, and how a
//! job moves `PENDING` → `SUCCESS` (progress growing on the server's clock)
//! or `FAILED` (local admin API). A CLUSTER restore locks its destination.

use super::backups;
use super::cluster::{PendingKind, lock, require_created};
use super::databases;
use crate::error::{ApiError, ApiResult};
use crate::store::data::RestoreRow;
use crate::store::model::ClusterRow;
use crdb_cloud::Timestamp;
use crdb_cloud::models::backups::*;
use crdb_cloud::models::clusters::{ClusterState, ClusterStatus};
use crdb_cloud::models::common::Plan;

/// How far back a restore without `backup_id` looks for a backup.
pub const DEFAULT_BACKUP_DAYS: i64 = 7;

/// Checks the body's shape: type, objects and options.
pub fn validate_body(body: &CreateRestoreBody) -> ApiResult<()> {
    let t = &body.restore_type;
    if !t.is_known() {
        return Err(ApiError::invalid(format!(
            "type: unknown value {:?}; expected one of CLUSTER, DATABASE, TABLE",
            t.as_str()
        )));
    }
    let objects = body.objects.as_deref().unwrap_or_default();
    if *t == RestoreType::Cluster {
        if !objects.is_empty() {
            return Err(ApiError::invalid(
                "objects: not allowed for CLUSTER restores",
            ));
        }
    } else if objects.is_empty() {
        return Err(ApiError::invalid(format!(
            "objects: required for {t} restores"
        )));
    }
    for (i, o) in objects.iter().enumerate() {
        if o.database.is_empty() {
            return Err(ApiError::invalid(format!(
                "objects[{i}].database: required"
            )));
        }
        match t {
            RestoreType::Table if o.table.as_deref().unwrap_or_default().is_empty() => {
                return Err(ApiError::invalid(format!(
                    "objects[{i}].table: required for TABLE restores"
                )));
            }
            RestoreType::Database if o.table.is_some() || o.schema.is_some() => {
                return Err(ApiError::invalid(format!(
                    "objects[{i}]: DATABASE restores name databases only"
                )));
            }
            _ => {}
        }
    }
    if let Some(opts) = &body.restore_opts {
        if opts.new_db_name.is_some() {
            if *t != RestoreType::Database {
                return Err(ApiError::invalid(
                    "restore_opts.new_db_name: only for DATABASE restores",
                ));
            }
            if objects.len() != 1 {
                return Err(ApiError::invalid(
                    "restore_opts.new_db_name: restores exactly one database",
                ));
            }
        }
        if opts.into_db.is_some() && *t != RestoreType::Table {
            return Err(ApiError::invalid(
                "restore_opts.into_db: only for TABLE restores",
            ));
        }
    }
    Ok(())
}

/// Checks what may be restored into `dest` from `source` (`None`: itself).
pub fn check_placement(
    dest: &ClusterRow,
    source: Option<&ClusterRow>,
    t: &RestoreType,
) -> ApiResult<()> {
    let plan = &dest.cluster.plan;
    if *plan != Plan::Advanced {
        if source.is_some() {
            return Err(ApiError::precondition(format!(
                "{plan} clusters can be restored only from their own backups"
            )));
        }
        if *t != RestoreType::Cluster {
            return Err(ApiError::precondition(format!(
                "{plan} clusters can be restored only at CLUSTER level"
            )));
        }
    } else if let Some(src) = source
        && src.cluster.plan != Plan::Advanced
    {
        return Err(ApiError::precondition(format!(
            "an ADVANCED cluster can be restored only from ADVANCED clusters; the source is {}",
            src.cluster.plan
        )));
    }
    if *t == RestoreType::Cluster {
        let extra = databases::user_databases(dest);
        if !extra.is_empty() {
            return Err(ApiError::precondition(format!(
                "a CLUSTER restore needs an empty destination; drop these databases first: {}",
                extra.join(", ")
            )));
        }
    }
    Ok(())
}

/// The backup to restore: `backup_id` from the source's kept backups, or the
/// newest from the last 7 days.
pub fn pick_backup(
    source: &ClusterRow,
    backup_id: Option<&str>,
    now: Timestamp,
) -> ApiResult<BackupSummary> {
    match backup_id.filter(|b| !b.is_empty()) {
        Some(id) => backups::find(source, now, id).ok_or_else(|| {
            ApiError::not_found(format!(
                "backup {id} not found for cluster {}",
                source.cluster.id
            ))
        }),
        None => backups::newest_recent(source, now).ok_or_else(|| {
            ApiError::precondition(format!(
                "cluster {} has no backup from the last {DEFAULT_BACKUP_DAYS} days",
                source.cluster.id
            ))
        }),
    }
}

/// Facts a new restore takes from the server.
#[derive(Debug, Clone)]
pub struct NewRestore {
    /// Restore id.
    pub id: String,
    /// The server's clock now.
    pub now: Timestamp,
    /// When it completes (`None`: manual).
    pub due_at: Option<Timestamp>,
}

/// CreateRestore into `dest` from `source` (`None`: itself). Returns the job.
pub fn create(
    dest: &mut ClusterRow,
    source: Option<&ClusterRow>,
    body: &CreateRestoreBody,
    new: &NewRestore,
) -> ApiResult<Restore> {
    validate_body(body)?;
    require_created(&dest.cluster)?;
    check_placement(dest, source, &body.restore_type)?;
    let backup = pick_backup(source.unwrap_or(dest), body.backup_id.as_deref(), new.now)?;
    let restore = Restore {
        id: new.id.clone(),
        backup_id: backup.id,
        status: RestoreStatus::Pending,
        created_at: new.now,
        restore_type: body.restore_type.clone(),
        completion_percent: 0.0,
        source_cluster_name: source.unwrap_or(dest).cluster.name.clone(),
        destination_cluster_name: dest.cluster.name.clone(),
        backup_end_time: backup.as_of_time,
        crdb_job_id: Some(format!("{}", new.now.timestamp_micros())),
        objects: body.objects.clone().filter(|o| !o.is_empty()),
        restore_opts: body.restore_opts.clone(),
        ..Default::default()
    };
    if body.restore_type == RestoreType::Cluster {
        let status = if dest.cluster.plan == Plan::Advanced {
            ClusterStatus::DedicatedFullClusterRestoreRunning
        } else {
            ClusterStatus::TenantRestoreRunning
        };
        lock(
            dest,
            PendingKind::Restore {
                restore_id: restore.id.clone(),
            },
            status,
            new.due_at,
            Vec::new(),
        );
    }
    dest.meta.data.restores.push(RestoreRow {
        restore: restore.clone(),
        due_at: new.due_at,
    });
    Ok(restore)
}

/// A restore as of `now`: `SUCCESS` once due, else progress so far.
pub fn view(row: &RestoreRow, now: Timestamp) -> Restore {
    let mut r = row.restore.clone();
    if r.status != RestoreStatus::Pending {
        return r;
    }
    match row.due_at {
        Some(due) if due <= now => {
            r.status = RestoreStatus::Success;
            r.completion_percent = 1.0;
            r.completed_at = Some(due);
        }
        Some(due) => {
            let total = (due - r.created_at).num_milliseconds().max(1) as f64;
            let done = (now - r.created_at).num_milliseconds().max(0) as f64;
            r.completion_percent = ((done / total).clamp(0.0, 0.99)) as f32;
        }
        None => {}
    }
    r
}

/// The restores into a cluster as of `now`.
pub fn list(row: &ClusterRow, now: Timestamp) -> Vec<Restore> {
    row.meta
        .data
        .restores
        .iter()
        .map(|r| view(r, now))
        .collect()
}

/// One restore as of `now`; 404 if the cluster has none with this id.
pub fn get(row: &ClusterRow, id: &str, now: Timestamp) -> ApiResult<Restore> {
    row.meta
        .data
        .restores
        .iter()
        .find(|r| r.restore.id == id)
        .map(|r| view(r, now))
        .ok_or_else(|| ApiError::not_found(format!("restore {id} not found")))
}

/// Makes every restore still running complete at `now`. Returns whether any did.
pub fn advance(row: &mut ClusterRow, now: Timestamp) -> bool {
    let mut any = false;
    for r in &mut row.meta.data.restores {
        if view(r, now).status == RestoreStatus::Pending {
            r.due_at = Some(now);
            any = true;
        }
    }
    any
}

/// Fails a running restore with this client error (local admin API); a
/// cluster locked by it is unlocked with the matching `*_FAILED` status.
pub fn fail(
    row: &mut ClusterRow,
    id: &str,
    code: i32,
    message: &str,
    now: Timestamp,
) -> ApiResult<Restore> {
    let current = get(row, id, now)?;
    if current.status != RestoreStatus::Pending {
        return Err(ApiError::precondition(format!(
            "restore {id} is {}; only a PENDING restore can fail",
            current.status
        )));
    }
    let mut failed = current;
    failed.status = RestoreStatus::Failed;
    failed.client_error_code = Some(code);
    failed.client_error_message = Some(message.to_owned());
    failed.completed_at = Some(now);
    if let Some(r) = row
        .meta
        .data
        .restores
        .iter_mut()
        .find(|r| r.restore.id == id)
    {
        r.restore = failed.clone();
        r.due_at = None;
    }
    let locked_by_it = matches!(
        &row.meta.pending,
        Some(p) if matches!(&p.kind, PendingKind::Restore { restore_id } if restore_id == id)
    );
    if locked_by_it {
        row.meta.pending = None;
        row.cluster.state = ClusterState::Created;
        row.cluster.operation_status = if row.cluster.plan == Plan::Advanced {
            ClusterStatus::DedicatedFullClusterRestoreFailed
        } else {
            ClusterStatus::TenantRestoreFailed
        };
        row.cluster.updated_at = Some(now);
    }
    Ok(failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cluster::settle;
    use chrono::{TimeDelta, TimeZone};

    fn t(secs: i64) -> Timestamp {
        chrono::Utc.timestamp_opt(1_700_000_000 + secs, 0).unwrap()
    }

    fn row(id: &str, plan: Plan) -> ClusterRow {
        let mut row = ClusterRow {
            cluster: Default::default(),
            meta: Default::default(),
        };
        row.cluster.id = id.into();
        row.cluster.name = format!("{id}-name");
        row.cluster.plan = plan;
        row.cluster.state = ClusterState::Created;
        row.cluster.created_at = Some(t(0));
        row
    }

    fn body(t: RestoreType) -> CreateRestoreBody {
        CreateRestoreBody {
            restore_type: t,
            ..Default::default()
        }
    }

    fn new(due: Option<Timestamp>) -> NewRestore {
        NewRestore {
            id: "r1".into(),
            now: t(100),
            due_at: due,
        }
    }

    #[test]
    fn bodies_need_objects_for_database_and_table() {
        validate_body(&body(RestoreType::Cluster)).unwrap();
        for t in [RestoreType::Database, RestoreType::Table] {
            assert_eq!(validate_body(&body(t)).unwrap_err().code, 3);
        }
        let mut table = body(RestoreType::Table);
        table.objects = Some(vec![RestoreItem {
            database: "db".into(),
            ..Default::default()
        }]);
        assert!(validate_body(&table).unwrap_err().message.contains("table"));
        let mut cluster = body(RestoreType::Cluster);
        cluster.objects = table.objects.clone();
        assert_eq!(validate_body(&cluster).unwrap_err().code, 3);
        let mut db = body(RestoreType::Database);
        db.objects = Some(vec![
            RestoreItem {
                database: "a".into(),
                ..Default::default()
            },
            RestoreItem {
                database: "b".into(),
                ..Default::default()
            },
        ]);
        validate_body(&db).unwrap();
        db.restore_opts = Some(RestoreOpts {
            new_db_name: Some("c".into()),
            ..Default::default()
        });
        assert!(
            validate_body(&db)
                .unwrap_err()
                .message
                .contains("exactly one")
        );
        assert_eq!(
            validate_body(&body(RestoreType::Unknown("SCHEMA".into())))
                .unwrap_err()
                .code,
            3
        );
    }

    #[test]
    fn placement_rules_per_plan() {
        let std = row("s", Plan::Standard);
        let adv = row("a", Plan::Advanced);
        let adv2 = row("b", Plan::Advanced);
        check_placement(&std, None, &RestoreType::Cluster).unwrap();
        assert_eq!(
            check_placement(&std, Some(&adv), &RestoreType::Cluster)
                .unwrap_err()
                .code,
            9
        );
        assert_eq!(
            check_placement(&std, None, &RestoreType::Database)
                .unwrap_err()
                .code,
            9
        );
        check_placement(&adv, Some(&adv2), &RestoreType::Table).unwrap();
        assert_eq!(
            check_placement(&adv, Some(&std), &RestoreType::Cluster)
                .unwrap_err()
                .code,
            9
        );
        let mut busy = row("x", Plan::Advanced);
        databases::create(&mut busy, "shop").unwrap();
        let e = check_placement(&busy, None, &RestoreType::Cluster).unwrap_err();
        assert_eq!(e.code, 9);
        assert!(e.message.contains("shop"));
        check_placement(&busy, None, &RestoreType::Database).unwrap();
    }

    #[test]
    fn cluster_restore_locks_and_progresses_to_success() {
        let mut dest = row("s", Plan::Standard);
        let r = create(
            &mut dest,
            None,
            &body(RestoreType::Cluster),
            &new(Some(t(200))),
        )
        .unwrap();
        assert_eq!(r.status, RestoreStatus::Pending);
        assert_eq!(r.backup_end_time, t(0));
        assert_eq!(dest.cluster.state, ClusterState::Locked);
        assert_eq!(
            dest.cluster.operation_status,
            ClusterStatus::TenantRestoreRunning
        );
        let half = get(&dest, "r1", t(150)).unwrap();
        assert!((half.completion_percent - 0.5).abs() < 0.01);
        let done = get(&dest, "r1", t(200)).unwrap();
        assert_eq!(
            (done.status, done.completion_percent),
            (RestoreStatus::Success, 1.0)
        );
        assert_eq!(done.completed_at, Some(t(200)));
        assert!(settle(&mut dest, t(200)));
        assert_eq!(dest.cluster.state, ClusterState::Created);
        // locked: a second restore waits
        let mut dest2 = row("s2", Plan::Standard);
        create(&mut dest2, None, &body(RestoreType::Cluster), &new(None)).unwrap();
        assert_eq!(
            create(&mut dest2, None, &body(RestoreType::Cluster), &new(None))
                .unwrap_err()
                .code,
            9
        );
        assert_eq!(
            get(&dest2, "r1", t(10_000)).unwrap().completion_percent,
            0.0
        );
        assert!(advance(&mut dest2, t(300)));
        assert_eq!(
            get(&dest2, "r1", t(300)).unwrap().status,
            RestoreStatus::Success
        );
        assert!(!advance(&mut dest2, t(301)));
    }

    #[test]
    fn backups_are_picked_by_id_or_newest_recent() {
        let src = row("a", Plan::Advanced);
        let now = t(3 * 3600 + 5);
        let newest = pick_backup(&src, None, now).unwrap();
        assert_eq!(newest.as_of_time, t(3 * 3600));
        let first = backups::backup_id("a", t(0));
        assert_eq!(
            pick_backup(&src, Some(&first), now).unwrap().as_of_time,
            t(0)
        );
        assert_eq!(
            pick_backup(&src, Some("nope"), now).unwrap_err().status,
            404
        );
        let late = t(0) + TimeDelta::days(40);
        let mut off = row("o", Plan::Advanced);
        backups::update(
            &mut off,
            &UpdateBackupConfigurationSpec {
                enabled: Some(false),
                ..Default::default()
            },
            t(10),
        )
        .unwrap();
        assert_eq!(pick_backup(&off, None, late).unwrap_err().code, 9);
    }

    #[test]
    fn failing_unlocks_the_cluster() {
        let mut dest = row("a", Plan::Advanced);
        create(&mut dest, None, &body(RestoreType::Cluster), &new(None)).unwrap();
        assert_eq!(
            dest.cluster.operation_status,
            ClusterStatus::DedicatedFullClusterRestoreRunning
        );
        let f = fail(&mut dest, "r1", 3, "boom", t(150)).unwrap();
        assert_eq!(f.status, RestoreStatus::Failed);
        assert_eq!(f.client_error_message.as_deref(), Some("boom"));
        assert_eq!(dest.cluster.state, ClusterState::Created);
        assert_eq!(
            dest.cluster.operation_status,
            ClusterStatus::DedicatedFullClusterRestoreFailed
        );
        assert_eq!(
            get(&dest, "r1", t(10_000)).unwrap().status,
            RestoreStatus::Failed
        );
        assert_eq!(
            fail(&mut dest, "r1", 3, "again", t(151)).unwrap_err().code,
            9
        );
        assert_eq!(
            fail(&mut dest, "r9", 3, "x", t(151)).unwrap_err().status,
            404
        );
    }
}
