//! The managed-backup settings form: the `UpdateBackupConfiguration` body
//! the API accepts for what the form shows.

use crdb_cloud::models::backups::{BackupConfiguration, UpdateBackupConfigurationSpec};

/// The body that turns `saved` into `wanted`. Disabling sends only
/// `enabled: false` (the API refuses frequency or retention with it);
/// retention is sent only when it changes, as it may change only once.
pub fn backup_update(
    saved: &BackupConfiguration,
    wanted: &BackupConfiguration,
) -> UpdateBackupConfigurationSpec {
    if !wanted.enabled {
        return UpdateBackupConfigurationSpec {
            enabled: Some(false),
            ..Default::default()
        };
    }
    UpdateBackupConfigurationSpec {
        enabled: Some(true),
        frequency_minutes: Some(wanted.frequency_minutes),
        retention_days: (wanted.retention_days != saved.retention_days)
            .then_some(wanted.retention_days),
    }
}

/// Whether the API's answer says retention was changed once already.
pub fn retention_already_changed(message: &str) -> bool {
    message.contains("already has a retention policy")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn config(enabled: bool, frequency: i32, retention: i32) -> BackupConfiguration {
        BackupConfiguration {
            enabled,
            frequency_minutes: frequency,
            retention_days: retention,
        }
    }

    #[test]
    fn disabling_sends_only_enabled_false() {
        let body = backup_update(&config(true, 240, 30), &config(false, 240, 7));
        assert_eq!(
            serde_json::to_value(body).unwrap(),
            json!({"enabled": false})
        );
    }

    #[test]
    fn retention_is_sent_only_when_it_changes() {
        let saved = config(true, 60, 30);
        let same = serde_json::to_value(backup_update(&saved, &config(true, 240, 30))).unwrap();
        assert_eq!(same, json!({"enabled": true, "frequency_minutes": 240}));
        let changed = serde_json::to_value(backup_update(&saved, &config(true, 60, 7))).unwrap();
        assert_eq!(changed["retention_days"], 7);
        assert!(retention_already_changed(
            "cluster already has a retention policy set, open a support ticket to change it"
        ));
    }
}
