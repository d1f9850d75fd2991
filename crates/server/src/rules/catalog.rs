//! Fixed facts the emulator serves: major versions, cloud regions and
//! machine types.

use crdb_cloud::models::clusters::{
    ClusterMajorVersion, ClusterMajorVersionSupportStatus, ReleaseType,
};
use crdb_cloud::models::common::CloudProvider;

/// Major versions, oldest first: (version, patch release, release type, support).
pub const VERSIONS: &[(&str, &str, bool, &str)] = &[
    ("v23.1", "v23.1.30", false, "UNSUPPORTED"),
    ("v23.2", "v23.2.20", false, "UNSUPPORTED"),
    ("v24.1", "v24.1.14", false, "SUPPORTED"),
    ("v24.2", "v24.2.10", true, "SUPPORTED"),
    ("v24.3", "v24.3.8", false, "SUPPORTED"),
    ("v25.1", "v25.1.2", true, "SUPPORTED"),
    ("v25.2", "v25.2.0", false, "SUPPORTED"),
];

/// The newest major version.
pub fn latest_major() -> &'static str {
    VERSIONS.last().map_or("v25.2", |v| v.0)
}

/// `v24.1.3` or `v24.1` → `v24.1`, if that major version is known.
pub fn major_of(version: &str) -> Option<&'static str> {
    let mut parts = version.split('.');
    let major = format!("{}.{}", parts.next()?, parts.next()?);
    VERSIONS.iter().find(|v| v.0 == major).map(|v| v.0)
}

/// The full release a cluster on this major version runs.
pub fn patch_release(major: &str) -> String {
    VERSIONS
        .iter()
        .find(|v| v.0 == major)
        .map_or_else(|| format!("{major}.0"), |v| v.1.to_owned())
}

/// Majors a cluster on `major` may upgrade to: the next regular release and
/// any innovation release between.
pub fn allowed_upgrades(major: &str) -> Vec<String> {
    let Some(pos) = VERSIONS.iter().position(|v| v.0 == major) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for v in &VERSIONS[pos + 1..] {
        out.push(v.0.to_owned());
        if !v.2 {
            break;
        }
    }
    out
}

/// Every major version as the API lists it, newest first.
pub fn major_versions() -> Vec<ClusterMajorVersion> {
    VERSIONS
        .iter()
        .enumerate()
        .rev()
        .map(|(i, v)| ClusterMajorVersion {
            version: v.0.to_owned(),
            allowed_upgrades: allowed_upgrades(v.0),
            release_type: if v.2 {
                ReleaseType::Innovation
            } else {
                ReleaseType::Regular
            },
            support_end: chrono::DateTime::from_timestamp(1_735_689_600 + i as i64 * 15_552_000, 0)
                .unwrap_or_default(),
            support_status: ClusterMajorVersionSupportStatus::from(v.3),
        })
        .collect()
}

/// Regions: (provider, code, location, serverless, distance in miles).
pub const REGIONS: &[(&str, &str, &str, bool, f32)] = &[
    ("AWS", "ap-south-1", "Mumbai", true, 8000.0),
    ("AWS", "eu-central-1", "Frankfurt", true, 4300.0),
    ("AWS", "us-east-1", "N. Virginia", true, 250.0),
    ("AWS", "us-east-2", "Ohio", false, 400.0),
    ("AWS", "us-west-2", "Oregon", true, 2400.0),
    ("AZURE", "centralus", "Iowa", false, 900.0),
    ("AZURE", "eastus2", "Virginia", true, 260.0),
    ("AZURE", "westeurope", "Netherlands", true, 3700.0),
    ("GCP", "asia-southeast1", "Jurong West", true, 9500.0),
    ("GCP", "europe-west1", "St. Ghislain", true, 3800.0),
    ("GCP", "us-central1", "Iowa", true, 850.0),
    ("GCP", "us-east1", "South Carolina", true, 500.0),
    ("GCP", "us-west2", "Los Angeles", true, 2500.0),
];

/// Whether `provider` has region `code` (for serverless plans if `serverless`).
pub fn region_exists(provider: &CloudProvider, code: &str, serverless: bool) -> bool {
    REGIONS
        .iter()
        .any(|r| r.0 == provider.as_str() && r.1 == code && (!serverless || r.3))
}

/// Machine type for `vcpus` on `provider`.
pub fn machine_type(provider: &CloudProvider, vcpus: i32) -> String {
    match provider {
        CloudProvider::Aws => match vcpus {
            2 => "m6i.large".to_owned(),
            4 => "m6i.xlarge".to_owned(),
            n => format!("m6i.{}xlarge", n / 4),
        },
        CloudProvider::Azure => format!("Standard_D{vcpus}ds_v5"),
        _ => format!("n2-standard-{vcpus}"),
    }
}

/// vCPUs of a machine type this catalog names, if it can tell.
pub fn vcpus_of_machine(machine: &str) -> Option<i32> {
    if let Some(n) = machine.strip_prefix("n2-standard-") {
        return n.parse().ok();
    }
    if let Some(rest) = machine.strip_prefix("Standard_D") {
        return rest
            .split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok();
    }
    match machine {
        "m6i.large" => Some(2),
        "m6i.xlarge" => Some(4),
        _ => {
            let n: i32 = machine
                .strip_prefix("m6i.")?
                .strip_suffix("xlarge")?
                .parse()
                .ok()?;
            Some(n * 4)
        }
    }
}

/// vCPU counts Advanced nodes may have.
pub const VCPU_CHOICES: &[i32] = &[2, 4, 8, 16, 32, 48, 64];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_resolve_and_upgrade_forward() {
        assert_eq!(major_of("v24.1.3"), Some("v24.1"));
        assert_eq!(major_of("v24.1"), Some("v24.1"));
        assert_eq!(major_of("v99.1"), None);
        assert_eq!(major_of("nonsense"), None);
        assert_eq!(allowed_upgrades("v24.1"), vec!["v24.2", "v24.3"]);
        assert_eq!(allowed_upgrades("v24.3"), vec!["v25.1", "v25.2"]);
        assert!(allowed_upgrades(latest_major()).is_empty());
        let listed = major_versions();
        assert_eq!(listed[0].version, latest_major());
    }

    #[test]
    fn machine_types_round_trip() {
        for provider in [CloudProvider::Aws, CloudProvider::Gcp, CloudProvider::Azure] {
            for &n in VCPU_CHOICES {
                assert_eq!(vcpus_of_machine(&machine_type(&provider, n)), Some(n));
            }
        }
    }
}
