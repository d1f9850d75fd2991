//! Who may call what: the roles of each operation (from the spec) as data,
//! and the scope check (organization, folder, cluster).

use crate::error::{ApiError, ApiResult};
use crate::store::model::Grant;

/// At which scopes an operation's roles count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Any member of the organization (any role at all).
    AnyMember,
    /// Roles granted on the organization only.
    Org,
    /// Roles on the organization or a folder.
    OrgFolder,
    /// Roles on the organization, a folder, or the cluster itself.
    OrgFolderCluster,
    /// Decided by the handler (role-assignment rules).
    Custom,
}

/// Roles of an operation and where they count.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Operation id.
    pub op: &'static str,
    /// Scope kind.
    pub scope: Scope,
    /// Allowed roles.
    pub roles: &'static [&'static str],
}

const OA: &str = "ORG_ADMIN";
const OM: &str = "ORG_MEMBER";
const CA: &str = "CLUSTER_ADMIN";
const COW: &str = "CLUSTER_OPERATOR_WRITER";
const CD: &str = "CLUSTER_DEVELOPER";
const CC: &str = "CLUSTER_CREATOR";
const FA: &str = "FOLDER_ADMIN";
const FM: &str = "FOLDER_MOVER";
const MV: &str = "METRICS_VIEWER";
const CM: &str = "CLUSTER_MONITOR";
const BC: &str = "BILLING_COORDINATOR";

const READ: &[&str] = &[OA, CA, COW, CD, FA, FM, MV, CM];
const CA_COW: &[&str] = &[CA, COW];

macro_rules! rules {
    ($( $op:literal => $scope:ident $roles:expr; )+) => {
        /// The role table, one rule per operation of the SDK's table.
        pub const RULES: &[Rule] = &[ $( Rule { op: $op, scope: Scope::$scope, roles: $roles } ),+ ];
    };
}

rules! {
    "GetOrganizationInfo" => Org &[OA, OM];
    "ListMajorClusterVersions" => AnyMember &[];
    "ListClusters" => OrgFolderCluster READ;
    "CreateCluster" => OrgFolder &[CA, CC];
    "ListAvailableRegions" => AnyMember &[];
    "DeleteCluster" => OrgFolderCluster &[CA];
    "GetCluster" => OrgFolderCluster READ;
    "UpdateCluster" => OrgFolderCluster CA_COW;
    "GetConnectionString" => OrgFolderCluster READ;
    "ListClusterNodes" => OrgFolderCluster &[OA, CA, COW, CD];
    "ListSQLUsers" => OrgFolderCluster &[CA, COW, CD];
    "CreateSQLUser" => OrgFolderCluster &[CA];
    "DeleteSQLUser" => OrgFolderCluster &[CA];
    "UpdateSQLUserPassword" => OrgFolderCluster &[CA];
    "ListDatabases" => OrgFolderCluster &[CA, COW, CD];
    "EditDatabase2" => OrgFolderCluster CA_COW;
    "CreateDatabase" => OrgFolderCluster CA_COW;
    "DeleteDatabase" => OrgFolderCluster CA_COW;
    "EditDatabase" => OrgFolderCluster CA_COW;
    "GetCMEKClusterInfo" => OrgFolderCluster CA_COW;
    "UpdateCMEKStatus" => OrgFolderCluster CA_COW;
    "EnableCMEKSpec" => OrgFolderCluster CA_COW;
    "UpdateCMEKSpec" => OrgFolderCluster CA_COW;
    "ListAuditLogs" => Org &[OA];
    "ListInvoices" => Org &[BC, CA];
    "GetInvoice" => Org &[BC, CA];
    "ListRoleGrants" => Org &[OA, CA, FA];
    "GetAllRolesForUser" => Org &[OA, CA, FA];
    "SetRolesForUser" => Custom &[];
    "RemoveUserFromRole" => Custom &[];
    "AddUserToRole" => Custom &[];
    "GetPersonUsersByEmail" => Org &[OA, CA, FA];
    "ListServiceAccounts" => Org &[OA, CA];
    "CreateServiceAccount" => Org &[OA, CA];
    "DeleteServiceAccount" => Org &[OA];
    "GetServiceAccount" => Org &[OA, CA];
    "UpdateServiceAccount" => Org &[OA];
    "ListApiKeys" => Org &[OA, CA];
    "CreateApiKey" => Org &[OA];
    "DeleteApiKey" => Org &[OA];
    "GetApiKey" => Org &[OA, CA];
    "UpdateApiKey" => Org &[OA];
    "ListFolders" => OrgFolder &[OA, CA, COW, CD, CC, FA, FM, MV, CM];
    "CreateFolder" => OrgFolder &[FA];
    "DeleteFolder" => OrgFolder &[FA];
    "GetFolder" => OrgFolder &[OA, CA, COW, CD, CC, FA, FM, MV, CM];
    "UpdateFolder" => OrgFolder &[FA, FM];
    "ListFolderContents" => OrgFolderCluster READ;
    "ListBackups" => OrgFolderCluster CA_COW;
    "GetBackupConfiguration" => OrgFolderCluster CA_COW;
    "UpdateBackupConfiguration" => OrgFolderCluster CA_COW;
    "ListRestores" => OrgFolderCluster CA_COW;
    "GetRestore" => OrgFolderCluster CA_COW;
    "CreateRestore" => OrgFolderCluster CA_COW;
    "DeleteMaintenanceWindow" => OrgFolderCluster CA_COW;
    "GetMaintenanceWindow" => OrgFolderCluster CA_COW;
    "SetMaintenanceWindow" => OrgFolderCluster CA_COW;
    "GetClusterVersionDeferral" => OrgFolderCluster CA_COW;
    "SetClusterVersionDeferral" => OrgFolderCluster CA_COW;
    "ListBlackoutWindows" => OrgFolderCluster CA_COW;
    "CreateBlackoutWindow" => OrgFolderCluster CA_COW;
    "DeleteBlackoutWindow" => OrgFolderCluster CA_COW;
    "GetBlackoutWindow" => OrgFolderCluster CA_COW;
    "UpdateBlackoutWindow" => OrgFolderCluster CA_COW;
}

/// The rule of an operation.
pub fn rule(op: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.op == op)
}

/// Where a resource sits: its cluster id and the folders above it (nearest first).
#[derive(Debug, Clone, Default)]
pub struct Target<'a> {
    /// The cluster the call is about, if any.
    pub cluster_id: Option<&'a str>,
    /// Folder ids containing the resource, nearest first.
    pub folders: &'a [String],
}

fn grant_covers(g: &Grant, target: &Target<'_>) -> bool {
    match g.resource_type.as_str() {
        "ORGANIZATION" => true,
        "FOLDER" => target.folders.contains(&g.resource_id),
        "CLUSTER" => target.cluster_id == Some(g.resource_id.as_str()),
        _ => false,
    }
}

/// Whether a grant's scope kind is one the rule accepts.
fn scope_allows(scope: Scope, g: &Grant) -> bool {
    match scope {
        Scope::AnyMember | Scope::Custom => true,
        Scope::Org => g.resource_type == "ORGANIZATION",
        Scope::OrgFolder => matches!(g.resource_type.as_str(), "ORGANIZATION" | "FOLDER"),
        Scope::OrgFolderCluster => true,
    }
}

/// Step one, before the resource is known: 403 (code 7) unless the caller
/// holds one of the operation's roles somewhere it could count.
/// An operation without a rule is refused: access control fails closed.
pub fn check_role(op: &str, grants: &[Grant]) -> ApiResult<()> {
    let Some(rule) = rule(op) else {
        return Err(ApiError::permission_denied(format!(
            "{op} has no access rule, so no caller may use it"
        )));
    };
    let ok = match rule.scope {
        Scope::AnyMember | Scope::Custom => !grants.is_empty(),
        scope => grants
            .iter()
            .any(|g| rule.roles.contains(&g.role.as_str()) && scope_allows(scope, g)),
    };
    if ok {
        Ok(())
    } else {
        Err(ApiError::permission_denied(format!(
            "the caller's roles do not allow {op}"
        )))
    }
}

/// Step two, with the resource: whether some allowed role covers it. Callers
/// answer 404 when it does not, so a resource outside the scope is invisible.
pub fn covers(op: &str, grants: &[Grant], target: &Target<'_>) -> bool {
    let Some(rule) = rule(op) else {
        return false;
    };
    match rule.scope {
        Scope::AnyMember | Scope::Custom => !grants.is_empty(),
        scope => grants.iter().any(|g| {
            rule.roles.contains(&g.role.as_str())
                && scope_allows(scope, g)
                && grant_covers(g, target)
        }),
    }
}

/// Whether the caller may see a folder (`folders`: it and the folders above
/// it, nearest first) at all, that is whether GetFolder's roles reach it. A
/// folder it may not see answers as one that does not exist (404), never
/// 403, so its existence does not leak.
pub fn sees_folder(grants: &[Grant], folders: &[String]) -> bool {
    covers(
        crdb_cloud::operation::GET_FOLDER.id,
        grants,
        &Target {
            cluster_id: None,
            folders,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operation_without_a_rule_is_refused() {
        let admin = [grant("ORG_ADMIN", "ORGANIZATION", "org")];
        assert_eq!(
            check_role("NoSuchOperation", &admin).unwrap_err().status,
            403
        );
        assert!(!covers("NoSuchOperation", &admin, &Target::default()));
    }

    fn grant(role: &str, rt: &str, id: &str) -> Grant {
        Grant {
            role: role.into(),
            resource_type: rt.into(),
            resource_id: id.into(),
        }
    }

    #[test]
    fn every_sdk_operation_has_a_rule() {
        for op in crdb_cloud::operation::ALL {
            assert!(rule(op.id).is_some(), "{} has no rule", op.id);
        }
        assert_eq!(RULES.len(), crdb_cloud::operation::ALL.len());
    }

    #[test]
    fn wrong_role_is_denied_and_foreign_cluster_is_invisible() {
        let dev = vec![grant("CLUSTER_DEVELOPER", "CLUSTER", "c1")];
        assert_eq!(check_role("DeleteCluster", &dev).unwrap_err().code, 7);
        check_role("GetCluster", &dev).unwrap();
        let mine = Target {
            cluster_id: Some("c1"),
            folders: &[],
        };
        let other = Target {
            cluster_id: Some("c2"),
            folders: &[],
        };
        assert!(covers("GetCluster", &dev, &mine));
        assert!(!covers("GetCluster", &dev, &other));
        let admin = vec![grant("ORG_ADMIN", "ORGANIZATION", "org")];
        assert!(covers("GetCluster", &admin, &other));
        assert_eq!(check_role("CreateCluster", &admin).unwrap_err().code, 7);
        let creator = vec![grant("CLUSTER_CREATOR", "ORGANIZATION", "org")];
        check_role("CreateCluster", &creator).unwrap();
        assert_eq!(check_role("GetCluster", &creator).unwrap_err().code, 7);
        check_role("ListMajorClusterVersions", &creator).unwrap();
    }
}
