//! The operations this SDK implements: id, method and path template. The
//! client builds every URL from this table, the server routes by it, and a
//! test checks it against the upstream spec.

/// HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// The method name as HTTP writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// One operation of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The spec's operationId without its `CockroachCloud_` prefix.
    pub id: &'static str,
    /// The spec tag the operation belongs to.
    pub tag: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template with `{name}` placeholders, starting at `/api/v1`.
    pub path: &'static str,
}

macro_rules! operations {
    ($( $konst:ident = $tag:literal $method:ident $path:literal $id:literal; )+) => {
        $(
            #[doc = concat!("`", $id, "`: ", stringify!($method), " `", $path, "`")]
            pub const $konst: Operation = Operation { id: $id, tag: $tag, method: Method::$method, path: $path };
        )+
        /// Every operation, in the order of the spec's tags.
        pub const ALL: &[Operation] = &[ $( $konst ),+ ];
    };
}

operations! {
    GET_ORGANIZATION_INFO = "Organizations" Get "/api/v1/organization" "GetOrganizationInfo";
    LIST_MAJOR_CLUSTER_VERSIONS = "Clusters" Get "/api/v1/cluster-versions" "ListMajorClusterVersions";
    LIST_CLUSTERS = "Clusters" Get "/api/v1/clusters" "ListClusters";
    CREATE_CLUSTER = "Clusters" Post "/api/v1/clusters" "CreateCluster";
    LIST_AVAILABLE_REGIONS = "Clusters" Get "/api/v1/clusters/available-regions" "ListAvailableRegions";
    DELETE_CLUSTER = "Clusters" Delete "/api/v1/clusters/{cluster_id}" "DeleteCluster";
    GET_CLUSTER = "Clusters" Get "/api/v1/clusters/{cluster_id}" "GetCluster";
    UPDATE_CLUSTER = "Clusters" Patch "/api/v1/clusters/{cluster_id}" "UpdateCluster";
    GET_CONNECTION_STRING = "Clusters" Get "/api/v1/clusters/{cluster_id}/connection-string" "GetConnectionString";
    LIST_CLUSTER_NODES = "Clusters" Get "/api/v1/clusters/{cluster_id}/nodes" "ListClusterNodes";
    LIST_SQL_USERS = "SQL Users" Get "/api/v1/clusters/{cluster_id}/sql-users" "ListSQLUsers";
    CREATE_SQL_USER = "SQL Users" Post "/api/v1/clusters/{cluster_id}/sql-users" "CreateSQLUser";
    DELETE_SQL_USER = "SQL Users" Delete "/api/v1/clusters/{cluster_id}/sql-users/{name}" "DeleteSQLUser";
    UPDATE_SQL_USER_PASSWORD = "SQL Users" Put "/api/v1/clusters/{cluster_id}/sql-users/{name}/password" "UpdateSQLUserPassword";
    LIST_DATABASES = "Databases" Get "/api/v1/clusters/{cluster_id}/databases" "ListDatabases";
    EDIT_DATABASE2 = "Databases" Patch "/api/v1/clusters/{cluster_id}/databases" "EditDatabase2";
    CREATE_DATABASE = "Databases" Post "/api/v1/clusters/{cluster_id}/databases" "CreateDatabase";
    DELETE_DATABASE = "Databases" Delete "/api/v1/clusters/{cluster_id}/databases/{name}" "DeleteDatabase";
    EDIT_DATABASE = "Databases" Patch "/api/v1/clusters/{cluster_id}/databases/{name}" "EditDatabase";
    GET_CMEK_CLUSTER_INFO = "Customer-managed Encryption Keys" Get "/api/v1/clusters/{cluster_id}/cmek" "GetCMEKClusterInfo";
    UPDATE_CMEK_STATUS = "Customer-managed Encryption Keys" Patch "/api/v1/clusters/{cluster_id}/cmek" "UpdateCMEKStatus";
    ENABLE_CMEK_SPEC = "Customer-managed Encryption Keys" Post "/api/v1/clusters/{cluster_id}/cmek" "EnableCMEKSpec";
    UPDATE_CMEK_SPEC = "Customer-managed Encryption Keys" Put "/api/v1/clusters/{cluster_id}/cmek" "UpdateCMEKSpec";
    LIST_AUDIT_LOGS = "Audit Logs" Get "/api/v1/auditlogevents" "ListAuditLogs";
    LIST_INVOICES = "Billing" Get "/api/v1/invoices" "ListInvoices";
    GET_INVOICE = "Billing" Get "/api/v1/invoices/{invoice_id}" "GetInvoice";
    LIST_ROLE_GRANTS = "Role Management" Get "/api/v1/roles" "ListRoleGrants";
    GET_ALL_ROLES_FOR_USER = "Role Management" Get "/api/v1/roles/{user_id}" "GetAllRolesForUser";
    SET_ROLES_FOR_USER = "Role Management" Put "/api/v1/roles/{user_id}" "SetRolesForUser";
    REMOVE_USER_FROM_ROLE = "Role Management" Delete "/api/v1/roles/{user_id}/{resource_type}/{resource_id}/{role_name}" "RemoveUserFromRole";
    ADD_USER_TO_ROLE = "Role Management" Post "/api/v1/roles/{user_id}/{resource_type}/{resource_id}/{role_name}" "AddUserToRole";
    GET_PERSON_USERS_BY_EMAIL = "Role Management" Get "/api/v1/users/persons-by-email" "GetPersonUsersByEmail";
    LIST_SERVICE_ACCOUNTS = "Service Accounts" Get "/api/v1/service-accounts" "ListServiceAccounts";
    CREATE_SERVICE_ACCOUNT = "Service Accounts" Post "/api/v1/service-accounts" "CreateServiceAccount";
    DELETE_SERVICE_ACCOUNT = "Service Accounts" Delete "/api/v1/service-accounts/{id}" "DeleteServiceAccount";
    GET_SERVICE_ACCOUNT = "Service Accounts" Get "/api/v1/service-accounts/{id}" "GetServiceAccount";
    UPDATE_SERVICE_ACCOUNT = "Service Accounts" Patch "/api/v1/service-accounts/{id}" "UpdateServiceAccount";
    LIST_API_KEYS = "API Keys" Get "/api/v1/api-keys" "ListApiKeys";
    CREATE_API_KEY = "API Keys" Post "/api/v1/api-keys" "CreateApiKey";
    DELETE_API_KEY = "API Keys" Delete "/api/v1/api-keys/{id}" "DeleteApiKey";
    GET_API_KEY = "API Keys" Get "/api/v1/api-keys/{id}" "GetApiKey";
    UPDATE_API_KEY = "API Keys" Patch "/api/v1/api-keys/{id}" "UpdateApiKey";
    LIST_FOLDERS = "Folders" Get "/api/v1/folders" "ListFolders";
    CREATE_FOLDER = "Folders" Post "/api/v1/folders" "CreateFolder";
    DELETE_FOLDER = "Folders" Delete "/api/v1/folders/{folder_id}" "DeleteFolder";
    GET_FOLDER = "Folders" Get "/api/v1/folders/{folder_id}" "GetFolder";
    UPDATE_FOLDER = "Folders" Patch "/api/v1/folders/{folder_id}" "UpdateFolder";
    LIST_FOLDER_CONTENTS = "Folders" Get "/api/v1/folders/{folder_id}/contents" "ListFolderContents";
    LIST_BACKUPS = "Backup/Restore" Get "/api/v1/clusters/{cluster_id}/backups" "ListBackups";
    GET_BACKUP_CONFIGURATION = "Backup/Restore" Get "/api/v1/clusters/{cluster_id}/backups-config" "GetBackupConfiguration";
    UPDATE_BACKUP_CONFIGURATION = "Backup/Restore" Patch "/api/v1/clusters/{cluster_id}/backups-config" "UpdateBackupConfiguration";
    LIST_RESTORES = "Backup/Restore" Get "/api/v1/clusters/{cluster_id}/restores" "ListRestores";
    GET_RESTORE = "Backup/Restore" Get "/api/v1/clusters/{cluster_id}/restores/{restore_id}" "GetRestore";
    CREATE_RESTORE = "Backup/Restore" Post "/api/v1/clusters/{destination_cluster_id}/restores" "CreateRestore";
    DELETE_MAINTENANCE_WINDOW = "Maintenance Windows" Delete "/api/v1/clusters/{cluster_id}/maintenance-window" "DeleteMaintenanceWindow";
    GET_MAINTENANCE_WINDOW = "Maintenance Windows" Get "/api/v1/clusters/{cluster_id}/maintenance-window" "GetMaintenanceWindow";
    SET_MAINTENANCE_WINDOW = "Maintenance Windows" Put "/api/v1/clusters/{cluster_id}/maintenance-window" "SetMaintenanceWindow";
    GET_CLUSTER_VERSION_DEFERRAL = "Version Deferral" Get "/api/v1/clusters/{cluster_id}/version-deferral" "GetClusterVersionDeferral";
    SET_CLUSTER_VERSION_DEFERRAL = "Version Deferral" Put "/api/v1/clusters/{cluster_id}/version-deferral" "SetClusterVersionDeferral";
    LIST_BLACKOUT_WINDOWS = "Blackout Windows" Get "/api/v1/clusters/{cluster_id}/blackout-windows" "ListBlackoutWindows";
    CREATE_BLACKOUT_WINDOW = "Blackout Windows" Post "/api/v1/clusters/{cluster_id}/blackout-windows" "CreateBlackoutWindow";
    DELETE_BLACKOUT_WINDOW = "Blackout Windows" Delete "/api/v1/clusters/{cluster_id}/blackout-windows/{blackout_window_id}" "DeleteBlackoutWindow";
    GET_BLACKOUT_WINDOW = "Blackout Windows" Get "/api/v1/clusters/{cluster_id}/blackout-windows/{blackout_window_id}" "GetBlackoutWindow";
    UPDATE_BLACKOUT_WINDOW = "Blackout Windows" Patch "/api/v1/clusters/{cluster_id}/blackout-windows/{blackout_window_id}" "UpdateBlackoutWindow";
}

impl Operation {
    /// Finds an operation by its id (without the `CockroachCloud_` prefix).
    pub fn by_id(id: &str) -> Option<&'static Operation> {
        ALL.iter().find(|op| op.id == id)
    }

    /// The Rust method name of the operation: its id in snake_case.
    pub fn method_name(&self) -> String {
        snake_case(self.id)
    }
}

/// `GetCMEKClusterInfo` → `get_cmek_cluster_info`, `EditDatabase2` → `edit_database2`.
pub fn snake_case(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let mut out = String::with_capacity(id.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_keeps_acronyms_together() {
        assert_eq!(snake_case("GetCMEKClusterInfo"), "get_cmek_cluster_info");
        assert_eq!(snake_case("ListSQLUsers"), "list_sql_users");
        assert_eq!(snake_case("EditDatabase2"), "edit_database2");
        assert_eq!(snake_case("ListApiKeys"), "list_api_keys");
        assert_eq!(
            snake_case("UpdateSQLUserPassword"),
            "update_sql_user_password"
        );
    }

    #[test]
    fn table_has_the_sixty_four_operations_once_each() {
        assert_eq!(ALL.len(), 64);
        let mut ids: Vec<_> = ALL.iter().map(|o| o.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 64);
    }
}
