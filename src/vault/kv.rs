//! [`KvStore`]: the [`SecretStore`] over a real Vault (or OpenBao) server, with `vaultrs` for KV
//! reads and writes and a plain HTTP call where vaultrs has no endpoint (mount discovery via
//! `sys/internal/ui/mounts`). Owns a current-thread tokio runtime so callers stay synchronous.
//!
//! Settings are passed in ([`VaultSettings`]); nothing here reads the environment.

use super::{KvData, KvSecret, KvVersion, MountInfo, SecretStore, TokenInfo, VaultError};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;
use vaultrs::api::kv2::requests::{ReadSecretRequest, SetSecretRequestOptions};
use vaultrs::client::{VaultClient, VaultClientSettingsBuilder};
use vaultrs::error::ClientError;

/// Where the token came from (for messages; never the token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// `--vault-token-file`.
    File(PathBuf),
    /// `VAULT_TOKEN`.
    Env,
    /// `~/.vault-token`.
    Home(PathBuf),
}

impl std::fmt::Display for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenSource::File(p) => write!(f, "--vault-token-file {}", p.display()),
            TokenSource::Env => f.write_str("VAULT_TOKEN"),
            TokenSource::Home(p) => write!(f, "{}", p.display()),
        }
    }
}

/// How to reach Vault: the standard `VAULT_*` settings, resolved by the caller.
#[derive(Clone)]
pub struct VaultSettings {
    /// `VAULT_ADDR`, e.g. `https://vault.example:8200`.
    pub addr: String,
    /// The token (from `VAULT_TOKEN`, `~/.vault-token` or a file; never an argument).
    pub token: String,
    /// Where the token came from.
    pub token_source: TokenSource,
    /// `VAULT_NAMESPACE` (Vault Enterprise / OpenBao namespaces).
    pub namespace: Option<String>,
    /// `VAULT_CACERT`: PEM bundle to trust for TLS.
    pub cacert: Option<PathBuf>,
    /// Per-request timeout.
    pub timeout: Duration,
}

impl std::fmt::Debug for VaultSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VaultSettings")
            .field("addr", &self.addr)
            .field("token", &"<redacted>")
            .field("token_source", &self.token_source)
            .field("namespace", &self.namespace)
            .field("cacert", &self.cacert)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// A Vault KV client with its own single-threaded runtime.
pub struct KvStore {
    rt: tokio::runtime::Runtime,
    client: VaultClient,
    settings: VaultSettings,
    /// The token's policies once `token_info` has run, for permission errors.
    policies: std::sync::OnceLock<Vec<String>>,
}

impl std::fmt::Debug for KvStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KvStore")
            .field("settings", &self.settings)
            .finish()
    }
}

impl KvStore {
    /// Builds the client. Fails on a malformed address or an unreadable CA bundle.
    pub fn new(settings: VaultSettings) -> Result<KvStore, VaultError> {
        let url = reqwest::Url::parse(&settings.addr).map_err(|e| {
            VaultError::Other(format!("invalid VAULT_ADDR {:?}: {e}", settings.addr))
        })?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(VaultError::Other(format!(
                "invalid VAULT_ADDR {:?}: scheme must be http or https",
                settings.addr
            )));
        }
        if let Some(ca) = &settings.cacert
            && !ca.is_file()
        {
            return Err(VaultError::Other(format!(
                "VAULT_CACERT {}: no such file",
                ca.display()
            )));
        }
        let mut b = VaultClientSettingsBuilder::default();
        b.address(&settings.addr)
            .token(settings.token.clone())
            .timeout(Some(settings.timeout))
            .verify(true)
            .ca_certs(
                settings
                    .cacert
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect(),
            );
        if let Some(ns) = &settings.namespace {
            b.set_namespace(ns.clone());
        }
        let built = b
            .build()
            .map_err(|e| VaultError::Other(format!("Vault client settings: {e}")))?;
        let client = VaultClient::new(built)
            .map_err(|e| VaultError::Other(format!("Vault client: {}", describe(&e))))?;
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| VaultError::Other(format!("cannot start I/O runtime: {e}")))?;
        Ok(KvStore {
            rt,
            client,
            settings,
            policies: std::sync::OnceLock::new(),
        })
    }

    /// Runs a future with a hard deadline slightly past the HTTP timeout.
    fn block<T>(
        &self,
        path: &str,
        fut: impl Future<Output = Result<T, ClientError>>,
    ) -> Result<T, VaultError> {
        let deadline = self.settings.timeout + Duration::from_secs(1);
        match self
            .rt
            .block_on(async { tokio::time::timeout(deadline, fut).await })
        {
            Ok(r) => r.map_err(|e| self.map_err(path, e)),
            Err(_) => Err(VaultError::Timeout {
                path: path.to_string(),
            }),
        }
    }

    fn map_err(&self, path: &str, e: ClientError) -> VaultError {
        let path = path.to_string();
        match e {
            ClientError::APIError { code, errors } => {
                self.status_error(&path, code, &errors.join("; "))
            }
            ClientError::RestClientError { source } => match source {
                rustify::errors::ClientError::ServerResponseError { code, content } => {
                    self.status_error(&path, code, content.as_deref().unwrap_or(""))
                }
                rustify::errors::ClientError::RequestError { source, .. } => {
                    match source.downcast_ref::<reqwest::Error>() {
                        Some(r) if r.is_timeout() => VaultError::Timeout { path },
                        Some(r) => VaultError::Unreachable {
                            addr: self.settings.addr.clone(),
                            reason: chain(r),
                        },
                        None => VaultError::Unreachable {
                            addr: self.settings.addr.clone(),
                            reason: format!("{source:#}"),
                        },
                    }
                }
                other => VaultError::Other(format!("{path}: {}", chain(&other))),
            },
            other => VaultError::Other(format!("{path}: {}", describe(&other))),
        }
    }

    fn status_error(&self, path: &str, code: u16, detail: &str) -> VaultError {
        let path = path.to_string();
        match code {
            403 => VaultError::PermissionDenied {
                path,
                policies: self.policies.get().cloned().unwrap_or_default(),
            },
            404 => VaultError::NotFound { path },
            503 => VaultError::Sealed {
                addr: self.settings.addr.clone(),
            },
            400 if detail.contains("check-and-set") => VaultError::CasConflict { path },
            _ => VaultError::Other(format!("{path}: HTTP {code}: {}", short(detail))),
        }
    }

    async fn get_mount(&self, path: &str) -> Result<(u16, String), reqwest::Error> {
        let url = format!(
            "{}/v1/sys/internal/ui/mounts/{}",
            self.settings.addr.trim_end_matches('/'),
            path.trim_matches('/')
        );
        let mut req = self
            .client
            .http
            .http
            .get(url)
            .header("X-Vault-Token", &self.settings.token);
        if let Some(ns) = &self.settings.namespace {
            req = req.header("X-Vault-Namespace", ns);
        }
        let resp = req.send().await?;
        let status = resp.status().as_u16();
        Ok((status, resp.text().await?))
    }
}

/// An error and its sources on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

fn describe(e: &ClientError) -> String {
    chain(e)
}

fn short(s: &str) -> String {
    let t: String = s.chars().take(200).collect();
    t.replace(['\n', '\r'], " ")
}

fn to_data(v: serde_json::Value) -> KvData {
    match v {
        serde_json::Value::Object(m) => KvData(m.into_iter().collect()),
        _ => KvData::default(),
    }
}

/// [`VaultError::MountNotFound`] for `path`, suggesting the path itself as the mount to create
/// (or, for an API path of a KV v2 secret, the part before `/data/`).
fn mount_not_found(path: &str) -> VaultError {
    let path = path.trim_matches('/');
    let mount = path.split_once("/data/").map_or(path, |(m, _)| m);
    VaultError::MountNotFound {
        path: path.to_string(),
        mount: mount.to_string(),
    }
}

impl SecretStore for KvStore {
    fn token_info(&self) -> Result<Option<TokenInfo>, VaultError> {
        match self.block(
            "auth/token/lookup-self",
            vaultrs::token::lookup_self(&self.client),
        ) {
            Ok(r) => {
                let _ = self.policies.set(r.policies.clone());
                Ok(Some(TokenInfo {
                    display_name: r.display_name,
                    policies: r.policies,
                    ttl: r.ttl,
                }))
            }
            Err(VaultError::PermissionDenied { .. }) => Err(VaultError::InvalidToken {
                addr: self.settings.addr.clone(),
            }),
            Err(e) => Err(e),
        }
    }

    fn mount_info(&self, path: &str) -> Result<MountInfo, VaultError> {
        let api = format!("sys/internal/ui/mounts/{}", path.trim_matches('/'));
        let deadline = self.settings.timeout + Duration::from_secs(1);
        let (status, body) = match self
            .rt
            .block_on(async { tokio::time::timeout(deadline, self.get_mount(path)).await })
        {
            Err(_) => return Err(VaultError::Timeout { path: api }),
            Ok(Err(e)) if e.is_timeout() => return Err(VaultError::Timeout { path: api }),
            Ok(Err(e)) => {
                return Err(VaultError::Unreachable {
                    addr: self.settings.addr.clone(),
                    reason: chain(&e),
                });
            }
            Ok(Ok(x)) => x,
        };
        if status != 200 {
            // An unknown mount answers 403, as a path the token may not see does (the token
            // itself was checked first: see `token_info`).
            if status == 403 || status == 404 {
                return Err(mount_not_found(path));
            }
            return Err(self.status_error(&api, status, &body));
        }
        let v: serde_json::Value = serde_json::from_str(&body)
            .map_err(|e| VaultError::Other(format!("{api}: unparsable answer: {e}")))?;
        let data = &v["data"];
        let mount = data["path"].as_str().unwrap_or("").trim_matches('/');
        let kind = data["type"].as_str().unwrap_or("");
        if mount.is_empty() {
            return Err(mount_not_found(path));
        }
        if kind != "kv" && kind != "generic" {
            return Err(VaultError::Other(format!(
                "mount {mount:?} is a {kind:?} engine, not KV"
            )));
        }
        let version = match data["options"]["version"].as_str() {
            Some("2") => KvVersion::V2,
            _ => KvVersion::V1,
        };
        Ok(MountInfo {
            path: mount.to_string(),
            version,
        })
    }

    fn list(&self, mount: &MountInfo, path: &str) -> Result<Vec<String>, VaultError> {
        let r = match mount.version {
            KvVersion::V1 => {
                let api = format!("{}/{}", mount.path, path);
                self.block(&api, vaultrs::kv1::list(&self.client, &mount.path, path))
                    .map(|r| r.data.keys)
            }
            KvVersion::V2 => {
                let api = format!("{}/metadata/{}", mount.path, path);
                self.block(&api, vaultrs::kv2::list(&self.client, &mount.path, path))
            }
        };
        match r {
            Err(VaultError::NotFound { .. }) => Ok(Vec::new()),
            r => r,
        }
    }

    fn read(&self, mount: &MountInfo, path: &str) -> Result<Option<KvSecret>, VaultError> {
        match mount.version {
            KvVersion::V1 => {
                let api = format!("{}/{}", mount.path, path);
                match self.block(&api, vaultrs::kv1::get_raw(&self.client, &mount.path, path)) {
                    Ok(r) => Ok(Some(KvSecret {
                        data: to_data(r.data),
                        version: None,
                    })),
                    Err(VaultError::NotFound { .. }) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            KvVersion::V2 => {
                let api = format!("{}/data/{}", mount.path, path);
                let endpoint = ReadSecretRequest::builder()
                    .mount(&mount.path)
                    .path(path)
                    .build()
                    .map_err(|e| VaultError::Other(e.to_string()))?;
                match self.block(&api, vaultrs::api::exec_with_result(&self.client, endpoint)) {
                    Ok(r) => Ok(Some(KvSecret {
                        data: to_data(r.data),
                        version: Some(r.metadata.version),
                    })),
                    Err(VaultError::NotFound { .. }) => {
                        // Never written, or the latest version is deleted/destroyed.
                        let meta_api = format!("{}/metadata/{}", mount.path, path);
                        match self.block(
                            &meta_api,
                            vaultrs::kv2::read_metadata(&self.client, &mount.path, path),
                        ) {
                            Ok(m) => Ok(Some(KvSecret {
                                data: KvData::default(),
                                version: Some(m.current_version),
                            })),
                            Err(VaultError::NotFound { .. }) => Ok(None),
                            Err(e) => Err(e),
                        }
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    fn read_version(&self, mount: &str, path: &str, version: u64) -> Result<KvSecret, VaultError> {
        let api = format!("{mount}/data/{path}?version={version}");
        let endpoint = ReadSecretRequest::builder()
            .mount(mount)
            .path(path)
            .version(Some(version))
            .build()
            .map_err(|e| VaultError::Other(e.to_string()))?;
        let r = self.block(&api, vaultrs::api::exec_with_result(&self.client, endpoint))?;
        Ok(KvSecret {
            data: to_data(r.data),
            version: Some(r.metadata.version),
        })
    }

    fn write(
        &self,
        mount: &MountInfo,
        path: &str,
        data: &KvData,
        cas: Option<u64>,
    ) -> Result<Option<u64>, VaultError> {
        match mount.version {
            KvVersion::V1 => {
                let api = format!("{}/{}", mount.path, path);
                let map: std::collections::HashMap<&str, &serde_json::Value> =
                    data.0.iter().map(|(k, v)| (k.as_str(), v)).collect();
                self.block(
                    &api,
                    vaultrs::kv1::set(&self.client, &mount.path, path, &map),
                )?;
                Ok(None)
            }
            KvVersion::V2 => {
                let api = format!("{}/data/{}", mount.path, path);
                let map: &BTreeMap<String, serde_json::Value> = &data.0;
                let meta = match cas {
                    Some(c) => {
                        let cas = u32::try_from(c).map_err(|_| {
                            VaultError::Other(format!("{api}: version {c} out of range"))
                        })?;
                        self.block(
                            &api,
                            vaultrs::kv2::set_with_options(
                                &self.client,
                                &mount.path,
                                path,
                                map,
                                SetSecretRequestOptions { cas },
                            ),
                        )?
                    }
                    None => self.block(
                        &api,
                        vaultrs::kv2::set(&self.client, &mount.path, path, map),
                    )?,
                };
                Ok(Some(meta.version))
            }
        }
    }
}
