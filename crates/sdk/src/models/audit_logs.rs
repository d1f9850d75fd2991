//! Audit logs: the organization's record of who changed what, and when.

use crate::wire::Timestamp;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// `AuditLogAction`: what an audit log entry records (105 values in the
    /// 2024-09-16 spec; newer servers add more, kept as `Unknown`).
    pub enum AuditLogAction {
        CreateCluster = "AUDIT_LOG_ACTION_CREATE_CLUSTER",
        DeleteCluster = "AUDIT_LOG_ACTION_DELETE_CLUSTER",
        InviteUserToOrganization = "AUDIT_LOG_ACTION_INVITE_USER_TO_ORGANIZATION",
        EditUserInvite = "AUDIT_LOG_ACTION_EDIT_USER_INVITE",
        RevokeUserInvite = "AUDIT_LOG_ACTION_REVOKE_USER_INVITE",
        AcceptUserInvite = "AUDIT_LOG_ACTION_ACCEPT_USER_INVITE",
        AssignUserRole = "AUDIT_LOG_ACTION_ASSIGN_USER_ROLE",
        DeleteUserFromOrganization = "AUDIT_LOG_ACTION_DELETE_USER_FROM_ORGANIZATION",
        CreateServiceAccount = "AUDIT_LOG_ACTION_CREATE_SERVICE_ACCOUNT",
        UpdateServiceAccount = "AUDIT_LOG_ACTION_UPDATE_SERVICE_ACCOUNT",
        DeleteServiceAccount = "AUDIT_LOG_ACTION_DELETE_SERVICE_ACCOUNT",
        CreateApiKey = "AUDIT_LOG_ACTION_CREATE_API_KEY",
        UpdateApiKey = "AUDIT_LOG_ACTION_UPDATE_API_KEY",
        DeleteApiKey = "AUDIT_LOG_ACTION_DELETE_API_KEY",
        UpdateCluster = "AUDIT_LOG_ACTION_UPDATE_CLUSTER",
        CreateSqlUser = "AUDIT_LOG_ACTION_CREATE_SQL_USER",
        ChangeSqlUserPassword = "AUDIT_LOG_ACTION_CHANGE_SQL_USER_PASSWORD",
        DeleteSqlUser = "AUDIT_LOG_ACTION_DELETE_SQL_USER",
        AddIpAllowlist = "AUDIT_LOG_ACTION_ADD_IP_ALLOWLIST",
        EditIpAllowlist = "AUDIT_LOG_ACTION_EDIT_IP_ALLOWLIST",
        DeleteIpAllowlist = "AUDIT_LOG_ACTION_DELETE_IP_ALLOWLIST",
        CreateVpcPeering = "AUDIT_LOG_ACTION_CREATE_VPC_PEERING",
        DeleteVpcPeering = "AUDIT_LOG_ACTION_DELETE_VPC_PEERING",
        CreatePrivateLink = "AUDIT_LOG_ACTION_CREATE_PRIVATE_LINK",
        AcceptPrivateLink = "AUDIT_LOG_ACTION_ACCEPT_PRIVATE_LINK",
        RejectPrivateLink = "AUDIT_LOG_ACTION_REJECT_PRIVATE_LINK",
        UserLogin = "AUDIT_LOG_ACTION_USER_LOGIN",
        AddUserToRole = "AUDIT_LOG_ACTION_ADD_USER_TO_ROLE",
        RemoveUserFromRole = "AUDIT_LOG_ACTION_REMOVE_USER_FROM_ROLE",
        CreateUser = "AUDIT_LOG_ACTION_CREATE_USER",
        DeleteUser = "AUDIT_LOG_ACTION_DELETE_USER",
        UpdateUser = "AUDIT_LOG_ACTION_UPDATE_USER",
        CreateGroup = "AUDIT_LOG_ACTION_CREATE_GROUP",
        DeleteGroup = "AUDIT_LOG_ACTION_DELETE_GROUP",
        UpdateGroup = "AUDIT_LOG_ACTION_UPDATE_GROUP",
        SetClientCaCert = "AUDIT_LOG_ACTION_SET_CLIENT_CA_CERT",
        UpdateClientCaCert = "AUDIT_LOG_ACTION_UPDATE_CLIENT_CA_CERT",
        DeleteClientCaCert = "AUDIT_LOG_ACTION_DELETE_CLIENT_CA_CERT",
        CreateApiOidcConfig = "AUDIT_LOG_ACTION_CREATE_API_OIDC_CONFIG",
        DeleteApiOidcConfig = "AUDIT_LOG_ACTION_DELETE_API_OIDC_CONFIG",
        UpdateApiOidcConfig = "AUDIT_LOG_ACTION_UPDATE_API_OIDC_CONFIG",
        CreateFolder = "AUDIT_LOG_ACTION_CREATE_FOLDER",
        DeleteFolder = "AUDIT_LOG_ACTION_DELETE_FOLDER",
        UpdateFolder = "AUDIT_LOG_ACTION_UPDATE_FOLDER",
        AddPrivateEndpointTrustedOwner = "AUDIT_LOG_ACTION_ADD_PRIVATE_ENDPOINT_TRUSTED_OWNER",
        RemovePrivateEndpointTrustedOwner = "AUDIT_LOG_ACTION_REMOVE_PRIVATE_ENDPOINT_TRUSTED_OWNER",
        AddAlertRecipient = "AUDIT_LOG_ACTION_ADD_ALERT_RECIPIENT",
        RemoveAlertRecipient = "AUDIT_LOG_ACTION_REMOVE_ALERT_RECIPIENT",
        ToggleAlerts = "AUDIT_LOG_ACTION_TOGGLE_ALERTS",
        TestAlertEmail = "AUDIT_LOG_ACTION_TEST_ALERT_EMAIL",
        UpdateCmek = "AUDIT_LOG_ACTION_UPDATE_CMEK",
        RevokeCmek = "AUDIT_LOG_ACTION_REVOKE_CMEK",
        UpdateClusterLogExport = "AUDIT_LOG_ACTION_UPDATE_CLUSTER_LOG_EXPORT",
        DeleteClusterLogExport = "AUDIT_LOG_ACTION_DELETE_CLUSTER_LOG_EXPORT",
        UpdateClusterMetricExport = "AUDIT_LOG_ACTION_UPDATE_CLUSTER_METRIC_EXPORT",
        DeleteClusterMetricExport = "AUDIT_LOG_ACTION_DELETE_CLUSTER_METRIC_EXPORT",
        RestoreCluster = "AUDIT_LOG_ACTION_RESTORE_CLUSTER",
        UpdateClusterMajorVersion = "AUDIT_LOG_ACTION_UPDATE_CLUSTER_MAJOR_VERSION",
        RollbackClusterMajorVersionUpdate = "AUDIT_LOG_ACTION_ROLLBACK_CLUSTER_MAJOR_VERSION_UPDATE",
        FinalizeClusterMajorVersionUpdate = "AUDIT_LOG_ACTION_FINALIZE_CLUSTER_MAJOR_VERSION_UPDATE",
        UpdateClusterVersionUpgradeDeferral = "AUDIT_LOG_ACTION_UPDATE_CLUSTER_VERSION_UPGRADE_DEFERRAL",
        SetClusterMaintenanceWindow = "AUDIT_LOG_ACTION_SET_CLUSTER_MAINTENANCE_WINDOW",
        DeleteClusterMaintenanceWindow = "AUDIT_LOG_ACTION_DELETE_CLUSTER_MAINTENANCE_WINDOW",
        SetEgressTrafficPolicy = "AUDIT_LOG_ACTION_SET_EGRESS_TRAFFIC_POLICY",
        AddEgressRule = "AUDIT_LOG_ACTION_ADD_EGRESS_RULE",
        EditEgressRule = "AUDIT_LOG_ACTION_EDIT_EGRESS_RULE",
        DeleteEgressRule = "AUDIT_LOG_ACTION_DELETE_EGRESS_RULE",
        EnableCloudOrgSso = "AUDIT_LOG_ACTION_ENABLE_CLOUD_ORG_SSO",
        AddAuthenticationMethod = "AUDIT_LOG_ACTION_ADD_AUTHENTICATION_METHOD",
        UpdateAuthenticationMethod = "AUDIT_LOG_ACTION_UPDATE_AUTHENTICATION_METHOD",
        DeleteAuthenticationMethod = "AUDIT_LOG_ACTION_DELETE_AUTHENTICATION_METHOD",
        SetDeleteProtection = "AUDIT_LOG_ACTION_SET_DELETE_PROTECTION",
        MarketplaceCreateSubscription = "AUDIT_LOG_ACTION_MARKETPLACE_CREATE_SUBSCRIPTION",
        MarketplaceCancelSubscription = "AUDIT_LOG_ACTION_MARKETPLACE_CANCEL_SUBSCRIPTION",
        AddJwtIssuer = "AUDIT_LOG_ACTION_ADD_JWT_ISSUER",
        DeleteJwtIssuer = "AUDIT_LOG_ACTION_DELETE_JWT_ISSUER",
        UpdateJwtIssuer = "AUDIT_LOG_ACTION_UPDATE_JWT_ISSUER",
        CreateLicense = "AUDIT_LOG_ACTION_CREATE_LICENSE",
        UpdateOrganizationName = "AUDIT_LOG_ACTION_UPDATE_ORGANIZATION_NAME",
        CreateLicenses = "AUDIT_LOG_ACTION_CREATE_LICENSES",
        CreatePlanMigration = "AUDIT_LOG_ACTION_CREATE_PLAN_MIGRATION",
        CancelPlanMigration = "AUDIT_LOG_ACTION_CANCEL_PLAN_MIGRATION",
        CutoverPlanMigration = "AUDIT_LOG_ACTION_CUTOVER_PLAN_MIGRATION",
        CreateEgressPrivateEndpoint = "AUDIT_LOG_ACTION_CREATE_EGRESS_PRIVATE_ENDPOINT",
        DeleteEgressPrivateEndpoint = "AUDIT_LOG_ACTION_DELETE_EGRESS_PRIVATE_ENDPOINT",
        UpdateEgressPrivateEndpoint = "AUDIT_LOG_ACTION_UPDATE_EGRESS_PRIVATE_ENDPOINT",
        CreatePhysicalReplicationStream = "AUDIT_LOG_ACTION_CREATE_PHYSICAL_REPLICATION_STREAM",
        FailoverPhysicalReplicationStream = "AUDIT_LOG_ACTION_FAILOVER_PHYSICAL_REPLICATION_STREAM",
        CancelPhysicalReplicationStream = "AUDIT_LOG_ACTION_CANCEL_PHYSICAL_REPLICATION_STREAM",
        CreateClusterBlackoutWindow = "AUDIT_LOG_ACTION_CREATE_CLUSTER_BLACKOUT_WINDOW",
        UpdateClusterBlackoutWindow = "AUDIT_LOG_ACTION_UPDATE_CLUSTER_BLACKOUT_WINDOW",
        DeleteClusterBlackoutWindow = "AUDIT_LOG_ACTION_DELETE_CLUSTER_BLACKOUT_WINDOW",
        StartFaultToleranceDemo = "AUDIT_LOG_ACTION_START_FAULT_TOLERANCE_DEMO",
        EndFaultToleranceDemo = "AUDIT_LOG_ACTION_END_FAULT_TOLERANCE_DEMO",
        UpdateClusterDisruption = "AUDIT_LOG_ACTION_UPDATE_CLUSTER_DISRUPTION",
        SetClusterSetting = "AUDIT_LOG_ACTION_SET_CLUSTER_SETTING",
        EvictByocCluster = "AUDIT_LOG_ACTION_EVICT_BYOC_CLUSTER",
        McpOauthConsent = "AUDIT_LOG_ACTION_MCP_OAUTH_CONSENT",
        EnableMfaEnforcement = "AUDIT_LOG_ACTION_ENABLE_MFA_ENFORCEMENT",
        DisableMfaEnforcement = "AUDIT_LOG_ACTION_DISABLE_MFA_ENFORCEMENT",
        ResetUserMfa = "AUDIT_LOG_ACTION_RESET_USER_MFA",
        EnrollUserMfa = "AUDIT_LOG_ACTION_ENROLL_USER_MFA",
        RegenerateRecoveryCodes = "AUDIT_LOG_ACTION_REGENERATE_RECOVERY_CODES",
        CreateMigrationAssistant = "AUDIT_LOG_ACTION_CREATE_MIGRATION_ASSISTANT",
        DeleteMigrationAssistant = "AUDIT_LOG_ACTION_DELETE_MIGRATION_ASSISTANT",
    }
}

crate::wire_enum! {
    /// `AuditLogSource`: where the action came from.
    pub enum AuditLogSource {
        /// The Cloud API.
        CcApi = "AUDIT_LOG_SOURCE_CC_API",
        /// The `ccloud` command line.
        Cli = "AUDIT_LOG_SOURCE_CLI",
        /// The web console.
        Ui = "AUDIT_LOG_SOURCE_UI",
        /// Cockroach Labs itself.
        Internal = "AUDIT_LOG_SOURCE_INTERNAL",
        /// The MCP server.
        Mcp = "AUDIT_LOG_SOURCE_MCP",
        /// The SSH gateway.
        SshGateway = "AUDIT_LOG_SOURCE_SSH_GATEWAY",
    }
}

crate::wire_enum! {
    /// `SystemActorName`: the system actor behind an entry no person or
    /// service account caused.
    pub enum SystemActorName {
        System = "SYSTEM_ACTOR_NAME_SYSTEM",
    }
}

/// `AuditLogEntry`: one recorded event. Every field is optional on the wire.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLogEntry {
    /// Unique id of the entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<AuditLogAction>,
    /// When it was recorded; entries are ordered by this.
    #[serde(
        with = "crate::wire::timestamp::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<Timestamp>,
    /// The cluster the entry is about, if it is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    /// That cluster's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    /// The error, if the entry records a failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Request metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<AuditLogMetadata>,
    /// The essential details, as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<String>,
    /// The service account that acted; empty for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_account_name: Option<String>,
    /// Opaque id correlating entries of one user session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// Where the action came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<AuditLogSource>,
    /// The system actor, when neither a person nor a service account acted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_actor_name: Option<SystemActorName>,
    /// Opaque id correlating entries of one process.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
    /// The person who acted; empty for service accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_email: Option<String>,
}

/// `AuditLogMetadata`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLogMetadata {
    /// Address the request came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
}

/// `ListAuditLogsResponse`: one page of entries and where the next starts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListAuditLogsResponse {
    /// Entries in the requested order; every entry of a timestamp is
    /// included, so a page may hold a few more than `limit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entries: Option<Vec<AuditLogEntry>>,
    /// Pass as `starting_from` (exclusive) to continue in the same
    /// direction; absent when there are no more entries and never will be.
    #[serde(
        with = "crate::wire::timestamp::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_starting_from: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_an_entry_with_every_field() {
        let text = r#"{
            "entries": [{
                "action": "AUDIT_LOG_ACTION_CREATE_CLUSTER",
                "cluster_id": "c-1",
                "cluster_name": "my-cluster",
                "created_at": "2024-09-16T12:00:00.5Z",
                "error": "",
                "id": "e-1",
                "metadata": {"ip_address": "203.0.113.7"},
                "payload": "{\"name\":\"my-cluster\"}",
                "service_account_name": "ci",
                "session_id": "s-1",
                "source": "AUDIT_LOG_SOURCE_CC_API",
                "system_actor_name": "SYSTEM_ACTOR_NAME_SYSTEM",
                "trace_id": "t-1",
                "user_email": ""
            }],
            "next_starting_from": "2024-09-16T12:00:00.5Z"
        }"#;
        let page: ListAuditLogsResponse = serde_json::from_str(text).unwrap();
        let entries = page.entries.clone().unwrap();
        let e = &entries[0];
        assert_eq!(e.action, Some(AuditLogAction::CreateCluster));
        assert_eq!(e.source, Some(AuditLogSource::CcApi));
        assert_eq!(e.system_actor_name, Some(SystemActorName::System));
        assert_eq!(
            e.metadata.as_ref().and_then(|m| m.ip_address.as_deref()),
            Some("203.0.113.7")
        );
        let at: Timestamp = "2024-09-16T12:00:00.5Z".parse().unwrap();
        assert_eq!(e.created_at, Some(at));
        assert_eq!(page.next_starting_from, Some(at));
        let again: ListAuditLogsResponse =
            serde_json::from_str(&serde_json::to_string(&page).unwrap()).unwrap();
        assert_eq!(again, page);
    }

    #[test]
    fn keeps_actions_and_sources_from_newer_servers() {
        let text = r#"{"action":"AUDIT_LOG_ACTION_UPDATE_BACKUP_CONFIGURATION","source":"AUDIT_LOG_SOURCE_TERRAFORM"}"#;
        let e: AuditLogEntry = serde_json::from_str(text).unwrap();
        assert_eq!(
            e.action,
            Some(AuditLogAction::Unknown(
                "AUDIT_LOG_ACTION_UPDATE_BACKUP_CONFIGURATION".into()
            ))
        );
        assert!(!e.source.as_ref().unwrap().is_known());
        assert_eq!(serde_json::to_string(&e).unwrap(), text);
    }

    #[test]
    fn knows_all_105_actions_of_the_spec() {
        assert_eq!(AuditLogAction::KNOWN.len(), 105);
        let mut wire: Vec<&str> = AuditLogAction::KNOWN.iter().map(|a| a.as_str()).collect();
        assert!(wire.iter().all(|w| w.starts_with("AUDIT_LOG_ACTION_")));
        wire.sort_unstable();
        wire.dedup();
        assert_eq!(wire.len(), 105);
        for a in AuditLogAction::KNOWN {
            assert_eq!(&AuditLogAction::from(a.as_str()), a);
        }
        assert_eq!(
            AuditLogAction::KNOWN.last().map(|a| a.as_str()),
            Some("AUDIT_LOG_ACTION_DELETE_MIGRATION_ASSISTANT")
        );
        assert_eq!(AuditLogSource::KNOWN.len(), 6);
    }

    #[test]
    fn an_empty_last_page_decodes_and_absent_fields_stay_absent() {
        let page: ListAuditLogsResponse = serde_json::from_str("{}").unwrap();
        assert_eq!(page, ListAuditLogsResponse::default());
        let page: ListAuditLogsResponse =
            serde_json::from_str(r#"{"entries":[],"next_starting_from":null}"#).unwrap();
        assert_eq!(page.entries, Some(vec![]));
        assert_eq!(page.next_starting_from, None);
        assert_eq!(serde_json::to_string(&page).unwrap(), r#"{"entries":[]}"#);
        assert_eq!(
            serde_json::to_string(&AuditLogEntry::default()).unwrap(),
            "{}"
        );
    }
}
