//! Vault KV access behind the [`SecretStore`] seam: mount discovery (KV v1 or v2), reads (latest
//! or a given version), check-and-set writes, and typed errors ([`VaultError`]) that callers
//! branch on. [`kv::KvStore`] is the real implementation (vaultrs); tests inject faults through
//! their own `SecretStore`.
//!
//! Must not import any other module of the crate. vaultrs and tokio are used here only.

pub mod kv;

pub use kv::{KvStore, TokenSource, VaultSettings};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Version of a KV secrets engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KvVersion {
    /// KV version 1: unversioned, `<mount>/<path>`.
    V1,
    /// KV version 2: versioned, `<mount>/data/<path>`, check-and-set.
    V2,
}

impl fmt::Display for KvVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KvVersion::V1 => "kv-v1",
            KvVersion::V2 => "kv-v2",
        })
    }
}

/// A KV mount: its path (no leading or trailing `/`) and engine version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountInfo {
    /// Mount path, e.g. `secret` or `smart-dairy/kv`.
    pub path: String,
    /// Engine version.
    pub version: KvVersion,
}

/// The key/value pairs of one secret. `Debug` shows keys only, never values.
#[derive(Clone, Default, PartialEq)]
pub struct KvData(pub BTreeMap<String, serde_json::Value>);

impl KvData {
    /// The string value of `key`, if it is a string.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.as_str())
    }
}

impl fmt::Debug for KvData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}

/// A secret as read: its data and (KV v2) its version.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KvSecret {
    /// Key/value pairs (empty when the latest v2 version is deleted or destroyed).
    pub data: KvData,
    /// Version (KV v2 only).
    pub version: Option<u64>,
}

/// Errors of a Vault operation, by what the caller should do about them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// No connection (refused, DNS, TLS).
    #[error("Vault at {addr} is unreachable: {reason}")]
    Unreachable {
        /// Server address.
        addr: String,
        /// Why.
        reason: String,
    },
    /// The server is sealed (HTTP 503).
    #[error("Vault at {addr} is sealed")]
    Sealed {
        /// Server address.
        addr: String,
    },
    /// The token itself was refused by `auth/token/lookup-self`: invalid, expired or revoked.
    #[error(
        "Vault at {addr} refused the token: it is invalid or expired (checked with token lookup-self); log in again (`vault login`) and pass the new token in VAULT_TOKEN, ~/.vault-token or --vault-token-file"
    )]
    InvalidToken {
        /// Server address.
        addr: String,
    },
    /// No KV mount holds the path (Vault answers 403 for an unknown mount, as for a path the
    /// token may not see).
    #[error(
        "no KV mount at {path:?} (or the token may not see it); create it with `vault secrets enable -path={mount} kv-v2`, or name another with --mount"
    )]
    MountNotFound {
        /// Path asked for.
        path: String,
        /// The mount to create (the path, or the part before `/data/`).
        mount: String,
    },
    /// The token may not do this (HTTP 403).
    #[error(
        "permission denied on {path} ({})",
        if policies.is_empty() {
            "check the token's policies".to_string()
        } else {
            format!("the token's policies are {}: one must grant this path", policies.join(", "))
        }
    )]
    PermissionDenied {
        /// API path.
        path: String,
        /// The token's policies, when known (see [`SecretStore::token_info`]).
        policies: Vec<String>,
    },
    /// A check-and-set write found another version than expected: someone else wrote.
    #[error("check-and-set conflict on {path}: the secret was changed concurrently")]
    CasConflict {
        /// API path.
        path: String,
    },
    /// The secret, version or mount does not exist (or is deleted).
    #[error("{path}: not found")]
    NotFound {
        /// API path.
        path: String,
    },
    /// The request timed out.
    #[error("Vault request to {path} timed out")]
    Timeout {
        /// API path.
        path: String,
    },
    /// Anything else (unexpected status, unparsable answer, bad settings).
    #[error("Vault error: {0}")]
    Other(String),
}

/// What `lookup-self` says about the token in use (never the token).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenInfo {
    /// Display name (`token`, `root`, `approle`…).
    pub display_name: String,
    /// Policies attached to the token.
    pub policies: Vec<String>,
    /// Seconds left; 0 for a token that does not expire.
    pub ttl: u64,
}

/// Access to a Vault KV store. Implemented by [`KvStore`]; tests implement it to inject faults.
pub trait SecretStore {
    /// Checks the token before anything else ([`VaultError::InvalidToken`] if refused). `None`
    /// where the store has no tokens (test stores).
    fn token_info(&self) -> Result<Option<TokenInfo>, VaultError> {
        Ok(None)
    }
    /// The KV mount containing `path` (a mount path or any path below it).
    fn mount_info(&self, path: &str) -> Result<MountInfo, VaultError>;
    /// The latest version of a secret; `None` if it never existed. A v2 secret whose latest
    /// version is deleted reads as empty data with that version, so check-and-set can follow.
    fn read(&self, mount: &MountInfo, path: &str) -> Result<Option<KvSecret>, VaultError>;
    /// The names under a folder of a mount (`vault audit`): secrets, and folders ending in `/`.
    /// An empty or missing folder lists as empty.
    fn list(&self, mount: &MountInfo, path: &str) -> Result<Vec<String>, VaultError> {
        let _ = (mount, path);
        Err(VaultError::Other("this store cannot list".into()))
    }
    /// A given version of a KV v2 secret (`NotFound` if deleted or destroyed).
    fn read_version(&self, mount: &str, path: &str, version: u64) -> Result<KvSecret, VaultError>;
    /// Writes the whole secret. KV v2: check-and-set with `cas` (0 = must not exist), returns
    /// the new version. KV v1: plain write (`cas` ignored), returns `None`.
    fn write(
        &self,
        mount: &MountInfo,
        path: &str,
        data: &KvData,
        cas: Option<u64>,
    ) -> Result<Option<u64>, VaultError>;
}

/// A `vault:` reference as understood by bank-vaults' vault-env:
/// `vault:<mount>/data/<path>#<KEY>` (KV v2) or `vault:<mount>/<path>#<KEY>` (KV v1), with an
/// optional `#<version>` suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Everything between `vault:` and the first `#`: the API path below `/v1/`.
    pub api_path: String,
    /// Key inside the secret.
    pub key: String,
    /// Pinned version, if any.
    pub version: Option<u64>,
}

impl Reference {
    /// Parses `vault:…#KEY[#VERSION]`; `None` if `s` is not a reference.
    pub fn parse(s: &str) -> Option<Reference> {
        let rest = s.strip_prefix("vault:")?;
        let mut parts = rest.splitn(3, '#');
        let api_path = parts.next()?.trim_matches('/');
        let key = parts.next()?;
        let version = match parts.next() {
            Some(v) => Some(v.parse().ok()?),
            None => None,
        };
        if api_path.is_empty() || key.is_empty() {
            return None;
        }
        Some(Reference {
            api_path: api_path.to_string(),
            key: key.to_string(),
            version,
        })
    }

    /// The reference text for a key of the secret at `path` in `mount`.
    pub fn format(mount: &MountInfo, path: &str, key: &str) -> String {
        match mount.version {
            KvVersion::V2 => format!("vault:{}/data/{}#{}", mount.path, path, key),
            KvVersion::V1 => format!("vault:{}/{}#{}", mount.path, path, key),
        }
    }

    /// Splits the API path into the secret path inside `mount` (drops `data/` for v2).
    pub fn secret_path(&self, mount: &MountInfo) -> Option<String> {
        let rest = self
            .api_path
            .strip_prefix(&mount.path)?
            .trim_start_matches('/');
        let rest = match mount.version {
            KvVersion::V2 => rest.strip_prefix("data/")?,
            KvVersion::V1 => rest,
        };
        (!rest.is_empty()).then(|| rest.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_round_trip() {
        let m2 = MountInfo {
            path: "smart-dairy/kv".into(),
            version: KvVersion::V2,
        };
        let s = Reference::format(&m2, "apps/milk/prod/env", "DB_PASSWORD");
        assert_eq!(
            s,
            "vault:smart-dairy/kv/data/apps/milk/prod/env#DB_PASSWORD"
        );
        let r = Reference::parse(&s).unwrap();
        assert_eq!(r.key, "DB_PASSWORD");
        assert_eq!(r.secret_path(&m2).unwrap(), "apps/milk/prod/env");
        let m1 = MountInfo {
            path: "kv1".into(),
            version: KvVersion::V1,
        };
        let s = Reference::format(&m1, "apps/a/dev/env", "K");
        assert_eq!(s, "vault:kv1/apps/a/dev/env#K");
        assert_eq!(
            Reference::parse(&s).unwrap().secret_path(&m1).unwrap(),
            "apps/a/dev/env"
        );
        assert_eq!(Reference::parse("vault:x/y#K#3").unwrap().version, Some(3));
        assert!(Reference::parse("vault:x/y").is_none());
        assert!(Reference::parse("plain").is_none());
        assert!(Reference::parse("vault:x#K#notanumber").is_none());
    }

    #[test]
    fn kv_data_debug_hides_values() {
        let mut d = KvData::default();
        d.0.insert("K".into(), serde_json::Value::String("s3cr3t-value".into()));
        assert!(!format!("{d:?}").contains("s3cr3t"));
    }
}
