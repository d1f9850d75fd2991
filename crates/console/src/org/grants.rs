//! Role grants as the console shows them: who holds which role on what,
//! in words, and which roles fit which kind of resource.

use crdb_cloud::models::roles::{OrganizationUserRole, Resource, ResourceType, UserRoleGrants};

/// Roles about clusters: grantable on the organization, a folder or a cluster.
const CLUSTER_ROLES: &[OrganizationUserRole] = &[
    OrganizationUserRole::ClusterAdmin,
    OrganizationUserRole::ClusterOperatorWriter,
    OrganizationUserRole::ClusterDeveloper,
    OrganizationUserRole::ClusterMonitor,
    OrganizationUserRole::MetricsViewer,
];

/// Roles about folders: grantable on the organization or a folder.
const FOLDER_ROLES: &[OrganizationUserRole] = &[
    OrganizationUserRole::FolderAdmin,
    OrganizationUserRole::FolderMover,
    OrganizationUserRole::ClusterCreator,
];

/// The roles that may be granted on a kind of resource: every role on the
/// organization, folder and cluster roles on a folder, cluster roles on a
/// cluster.
pub fn roles_for(kind: &ResourceType) -> Vec<OrganizationUserRole> {
    match kind {
        ResourceType::Organization => OrganizationUserRole::KNOWN.to_vec(),
        ResourceType::Folder => FOLDER_ROLES.iter().chain(CLUSTER_ROLES).cloned().collect(),
        ResourceType::Cluster => CLUSTER_ROLES.to_vec(),
        _ => Vec::new(),
    }
}

/// A role as the official console names it, e.g. `Cluster Operator`.
pub fn role_label(role: &OrganizationUserRole) -> String {
    use OrganizationUserRole as R;
    match role {
        R::BillingCoordinator => "Billing Coordinator",
        R::OrgAdmin => "Org Administrator",
        R::OrgMember => "Org Member",
        R::ClusterAdmin => "Cluster Admin",
        R::ClusterOperatorWriter => "Cluster Operator",
        R::ClusterDeveloper => "Cluster Developer",
        R::ClusterCreator => "Cluster Creator",
        R::FolderAdmin => "Folder Admin",
        R::FolderMover => "Folder Mover",
        R::MetricsViewer => "Metrics Viewer",
        R::ClusterMonitor => "Cluster Monitor",
        R::BillingViewer => "Billing Viewer",
        other => return other.as_str().to_owned(),
    }
    .to_owned()
}

/// A kind of resource in words.
pub fn kind_label(kind: &ResourceType) -> String {
    match kind {
        ResourceType::Organization => "Organization".into(),
        ResourceType::Folder => "Folder".into(),
        ResourceType::Cluster => "Cluster".into(),
        other => other.as_str().to_owned(),
    }
}

/// One row of the grants table: one role of one principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRow {
    /// The user or service account id.
    pub principal_id: String,
    /// Its name, or the id when unknown.
    pub principal: String,
    /// `Service account` or `User`.
    pub kind: &'static str,
    /// The role.
    pub role: OrganizationUserRole,
    /// What it is granted on.
    pub resource: Resource,
    /// That resource in words, e.g. `Folder Apps / backend`.
    pub resource_label: String,
}

/// The grants as rows, by principal name then role. `account_name` names a
/// service account by id (`None`: not a service account, so a person);
/// `resource_name` names a folder or cluster by id.
pub fn grant_rows(
    grants: &[UserRoleGrants],
    account_name: impl Fn(&str) -> Option<String>,
    resource_name: impl Fn(&ResourceType, &str) -> Option<String>,
) -> Vec<GrantRow> {
    let mut rows: Vec<GrantRow> = grants
        .iter()
        .flat_map(|g| {
            let name = account_name(&g.user_id);
            let kind = if name.is_some() {
                "Service account"
            } else {
                "User"
            };
            let principal = name.unwrap_or_else(|| g.user_id.clone());
            let resource_name = &resource_name;
            g.roles.iter().map(move |r| {
                let kind_text = kind_label(&r.resource.resource_type);
                let resource_label = match (&r.resource.resource_type, &r.resource.id) {
                    (ResourceType::Organization, _) | (_, None) => kind_text,
                    (t, Some(id)) => {
                        let name = resource_name(t, id).unwrap_or_else(|| id.clone());
                        format!("{kind_text} {name}")
                    }
                };
                GrantRow {
                    principal_id: g.user_id.clone(),
                    principal: principal.clone(),
                    kind,
                    role: r.name.clone(),
                    resource: r.resource.clone(),
                    resource_label,
                }
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        (
            a.principal.to_lowercase(),
            &a.principal_id,
            role_label(&a.role),
            &a.resource_label,
        )
            .cmp(&(
                b.principal.to_lowercase(),
                &b.principal_id,
                role_label(&b.role),
                &b.resource_label,
            ))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crdb_cloud::models::roles::BuiltInRole;

    #[test]
    fn roles_fit_their_resources() {
        assert_eq!(roles_for(&ResourceType::Organization).len(), 12);
        let folder = roles_for(&ResourceType::Folder);
        assert!(folder.contains(&OrganizationUserRole::FolderAdmin));
        assert!(folder.contains(&OrganizationUserRole::ClusterAdmin));
        assert!(!folder.contains(&OrganizationUserRole::OrgAdmin));
        let cluster = roles_for(&ResourceType::Cluster);
        assert!(!cluster.contains(&OrganizationUserRole::FolderAdmin));
        assert_eq!(cluster.len(), 5);
        assert!(roles_for(&ResourceType::Unknown("X".into())).is_empty());
    }

    #[test]
    fn labels_read_as_the_console_names() {
        assert_eq!(
            role_label(&OrganizationUserRole::ClusterOperatorWriter),
            "Cluster Operator"
        );
        assert_eq!(
            role_label(&OrganizationUserRole::Unknown("NEW".into())),
            "NEW"
        );
        assert_eq!(kind_label(&ResourceType::Folder), "Folder");
    }

    #[test]
    fn rows_name_principals_and_resources() {
        let grants = vec![
            UserRoleGrants {
                user_id: "sa-2".into(),
                roles: vec![
                    BuiltInRole {
                        name: OrganizationUserRole::FolderAdmin,
                        resource: Resource::folder("f-1"),
                    },
                    BuiltInRole {
                        name: OrganizationUserRole::ClusterAdmin,
                        resource: Resource::cluster("gone"),
                    },
                ],
            },
            UserRoleGrants {
                user_id: "sa-1".into(),
                roles: vec![BuiltInRole {
                    name: OrganizationUserRole::OrgAdmin,
                    resource: Resource::organization(),
                }],
            },
            UserRoleGrants {
                user_id: "person-9".into(),
                roles: vec![BuiltInRole {
                    name: OrganizationUserRole::OrgMember,
                    resource: Resource::organization(),
                }],
            },
        ];
        let rows = grant_rows(
            &grants,
            |id| match id {
                "sa-1" => Some("Bootstrap".into()),
                "sa-2" => Some("ci-bot".into()),
                _ => None,
            },
            |kind, id| (*kind == ResourceType::Folder && id == "f-1").then(|| "Apps".into()),
        );
        let text: Vec<String> = rows
            .iter()
            .map(|r| {
                format!(
                    "{} ({}) {} on {}",
                    r.principal,
                    r.kind,
                    role_label(&r.role),
                    r.resource_label
                )
            })
            .collect();
        assert_eq!(
            text,
            [
                "Bootstrap (Service account) Org Administrator on Organization",
                "ci-bot (Service account) Cluster Admin on Cluster gone",
                "ci-bot (Service account) Folder Admin on Folder Apps",
                "person-9 (User) Org Member on Organization",
            ]
        );
    }
}
