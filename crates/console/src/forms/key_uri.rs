//! CMEK key URIs checked by the shape each cloud's key service gives
//! them, before anything is sent.

use crdb_cloud::models::common::CloudProvider;

/// `Ok` when `uri` has the shape of a key on `cloud`'s key service, else
/// the sentence saying what it should look like.
pub fn check_key_uri(cloud: &CloudProvider, uri: &str) -> Result<(), String> {
    let uri = uri.trim();
    if uri.is_empty() {
        return Err("Enter the key URI.".into());
    }
    let ok = match cloud {
        CloudProvider::Aws => aws(uri),
        CloudProvider::Azure => azure(uri),
        _ => gcp(uri),
    };
    if ok {
        Ok(())
    } else {
        Err(match cloud {
            CloudProvider::Aws => {
                "An AWS KMS key ARN looks like arn:aws:kms:us-east-1:123456789012:key/<key id>."
            }
            CloudProvider::Azure => {
                "An Azure Key Vault key looks like https://<vault>.vault.azure.net/keys/<key>/<version>."
            }
            _ => "A Cloud KMS key looks like projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>.",
        }
        .into())
    }
}

/// A path segment: non-empty, no spaces or slashes.
fn segment(s: &str) -> bool {
    !s.is_empty() && !s.contains(char::is_whitespace) && !s.contains('/')
}

/// `arn:<partition>:kms:<region>:<12-digit account>:key/<id>` or `alias/<name>`.
fn aws(uri: &str) -> bool {
    let parts: Vec<&str> = uri.splitn(6, ':').collect();
    let [arn, partition, kms, region, account, resource] = parts[..] else {
        return false;
    };
    let resource_ok = resource
        .strip_prefix("key/")
        .or_else(|| resource.strip_prefix("alias/"))
        .is_some_and(segment);
    arn == "arn"
        && partition.starts_with("aws")
        && kms == "kms"
        && segment(region)
        && account.len() == 12
        && account.chars().all(|c| c.is_ascii_digit())
        && resource_ok
}

/// `projects/p/locations/l/keyRings/r/cryptoKeys/k`, optionally with
/// `/cryptoKeyVersions/v`.
fn gcp(uri: &str) -> bool {
    let parts: Vec<&str> = uri.split('/').collect();
    let names = [
        "projects",
        "locations",
        "keyRings",
        "cryptoKeys",
        "cryptoKeyVersions",
    ];
    (parts.len() == 8 || parts.len() == 10)
        && parts
            .chunks(2)
            .zip(names)
            .all(|(pair, name)| pair[0] == name && pair.get(1).is_some_and(|v| segment(v)))
}

/// `https://<vault>.vault.azure.net/keys/<name>[/<version>]`.
fn azure(uri: &str) -> bool {
    let Some(rest) = uri.strip_prefix("https://") else {
        return false;
    };
    let parts: Vec<&str> = rest.split('/').collect();
    let host_ok = parts.first().is_some_and(|h| {
        h.strip_suffix(".vault.azure.net")
            .or_else(|| h.strip_suffix(".managedhsm.azure.net"))
            .is_some_and(segment)
    });
    host_ok
        && (parts.len() == 3 || parts.len() == 4)
        && parts[1] == "keys"
        && parts[2..].iter().all(|p| segment(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_each_clouds_shape() {
        let ok = [
            (
                CloudProvider::Aws,
                "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd",
            ),
            (
                CloudProvider::Aws,
                "arn:aws:kms:us-east-1:123456789012:alias/crdb",
            ),
            (
                CloudProvider::Gcp,
                "projects/p/locations/us/keyRings/r/cryptoKeys/k",
            ),
            (
                CloudProvider::Gcp,
                "projects/p/locations/us/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1",
            ),
            (
                CloudProvider::Azure,
                "https://v1.vault.azure.net/keys/k/0123abcd",
            ),
        ];
        for (cloud, uri) in ok {
            assert_eq!(check_key_uri(&cloud, uri), Ok(()), "{uri}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_key() {
        let bad = [
            (CloudProvider::Aws, "not a uri"),
            (CloudProvider::Aws, "arn:aws:kms:us-east-1:1234:key/k"),
            (
                CloudProvider::Aws,
                "projects/p/locations/us/keyRings/r/cryptoKeys/k",
            ),
            (CloudProvider::Gcp, "projects/p/locations/us/keyRings/r"),
            (
                CloudProvider::Gcp,
                "projects/p/locations/us/keyRings/r/cryptoKeys/",
            ),
            (CloudProvider::Azure, "http://v1.vault.azure.net/keys/k/1"),
            (CloudProvider::Azure, "https://example.com/keys/k/1"),
        ];
        for (cloud, uri) in bad {
            assert!(check_key_uri(&cloud, uri).is_err(), "{uri}");
        }
        assert_eq!(
            check_key_uri(&CloudProvider::Aws, " "),
            Err("Enter the key URI.".into())
        );
    }
}
