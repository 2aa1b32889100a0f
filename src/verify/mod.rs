//! `scan --verify`: tells a live credential from a dead one by asking the service it opens, and
//! says exactly what it contacted. Owns which verifier a finding gets ([`target_of`]), the
//! safety switches (only/exclude rules, host allow-list, dry run), at most one attempt per unique
//! secret per run, the global rate limit and the worker threads. `db.rs` speaks the database
//! protocols (connect, authenticate, disconnect: no query runs); `http.rs` sends the rule files'
//! HTTP verifiers, Vault's `token/lookup-self` and AWS STS `GetCallerIdentity` (SigV4).
//!
//! Imports `finding` and `rules` only. Reads no environment and prints nothing: `cmd` passes
//! `VAULT_ADDR` and `HTTPS_PROXY` in [`VerifyOptions`] and shows the progress it is given.

pub mod db;
pub mod http;
pub mod url;

use crate::finding::{Finding, Verification, VerifyState};
use crate::rules::RuleSet;
use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Default requests per second over the whole run.
pub const DEFAULT_RATE: u32 = 20;
/// Default timeout of one attempt (connect plus answer).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// Worker threads: attempts wait on the network, not on the CPU.
pub const WORKERS: usize = 8;

/// How verification runs (`cmd` builds it from the flags and the environment).
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// Only these rules (`--verify-only`; an id, or a prefix ending in `*`); empty = all.
    pub only: Vec<String>,
    /// Never these rules (`--verify-exclude`).
    pub exclude: Vec<String>,
    /// Contact only these hosts (`--verify-hosts`; `*.suffix` allows any host below it); empty =
    /// any host a finding names.
    pub hosts: Vec<String>,
    /// Contact nothing; every finding that would be checked is `skipped` with its endpoint.
    pub dry_run: bool,
    /// Vault's address for Vault tokens (`--verify-vault-addr`, else `VAULT_ADDR`).
    pub vault_addr: Option<String>,
    /// HTTPS proxy for HTTP verifiers (`HTTPS_PROXY`).
    pub proxy: Option<String>,
    /// Attempts per second over the run.
    pub rate: u32,
    /// Timeout of one attempt.
    pub timeout: Duration,
    /// Test hook: `host=addr:port` overrides for HTTP verifiers (the host check still applies
    /// to the URL's host).
    pub resolve: Vec<(String, std::net::SocketAddr)>,
    /// Test hook: an extra trusted CA (PEM) for HTTP verifiers.
    pub ca_pem: Option<Vec<u8>>,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            only: Vec::new(),
            exclude: Vec::new(),
            hosts: Vec::new(),
            dry_run: false,
            vault_addr: None,
            proxy: None,
            rate: DEFAULT_RATE,
            timeout: DEFAULT_TIMEOUT,
            resolve: Vec::new(),
            ca_pem: None,
        }
    }
}

/// What a verifier will contact, with what. Holds the secret: never printed.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// PostgreSQL startup and authentication.
    Postgres(db::DbUrl),
    /// MySQL / MariaDB handshake.
    Mysql(db::DbUrl),
    /// Redis `AUTH`.
    Redis(db::DbUrl),
    /// Vault `GET /v1/auth/token/lookup-self`.
    Vault {
        /// Vault's address.
        addr: String,
        /// The token.
        token: Vec<u8>,
    },
    /// A rule file's HTTP verifier.
    Http {
        /// Index of the rule in the rule set.
        rule: usize,
        /// The secret.
        secret: Vec<u8>,
    },
    /// Twilio `GET /2010-04-01/Accounts/{account}.json` with HTTP basic auth `user:secret`
    /// (`user` is the account SID for an auth token, the API key SID for an API key secret).
    Twilio {
        /// Account SID (`AC…`).
        account: String,
        /// Basic-auth user: the account SID or the API key SID (`SK…`).
        user: String,
        /// The auth token or API key secret.
        secret: Vec<u8>,
    },
    /// Azure storage `GET https://{account}.blob.core.windows.net/?comp=list`, Shared Key signed.
    Azure {
        /// Storage account name (`[a-z0-9]{3,24}`: it becomes the host's first label).
        account: String,
        /// The account key (base64, as written).
        key: Vec<u8>,
    },
    /// AWS STS `GetCallerIdentity`.
    Aws {
        /// Access key id.
        key_id: String,
        /// Secret access key.
        secret: Vec<u8>,
    },
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Target(")?;
        f.write_str(&self.host())?;
        f.write_str(")")
    }
}

impl Target {
    /// The host (and port) contacted, as the allow-list and the report name it.
    pub fn host(&self) -> String {
        match self {
            Target::Postgres(u) | Target::Mysql(u) | Target::Redis(u) => u.host.clone(),
            Target::Vault { addr, .. } => url::host_of(addr).unwrap_or_default(),
            Target::Http { .. }
            | Target::Aws { .. }
            | Target::Twilio { .. }
            | Target::Azure { .. } => String::new(),
        }
    }
}

/// A finding's verifier and what it would contact; `Err` says why it has none.
fn target_of(
    f: &Finding,
    rules: &RuleSet,
    opts: &VerifyOptions,
    findings: &[Finding],
) -> Result<(Target, String, String), String> {
    let id = f.rule_id.as_str();
    match id {
        "database.postgres-uri" | "database.mysql-uri" | "database.redis-uri" => {
            let m = f.matched.as_ref().ok_or("no connection URI kept")?;
            let u = url::parse_db(m.expose())?;
            let endpoint = format!("{}://{}:{}", u.scheme, u.host, u.port);
            let host = format!("{}:{}", u.host, u.port);
            let t = match id {
                "database.postgres-uri" => Target::Postgres(u),
                "database.mysql-uri" => Target::Mysql(u),
                _ => Target::Redis(u),
            };
            Ok((t, endpoint, host))
        }
        "vault.service-token" | "vault.batch-token" | "vault.legacy-token" => {
            let addr = opts
                .vault_addr
                .clone()
                .ok_or("no VAULT_ADDR or --verify-vault-addr: a Vault token is only checked against the Vault you name")?;
            let addr = addr.trim_end_matches('/').to_string();
            let host = url::host_of(&addr).ok_or("VAULT_ADDR is not an http(s):// URL")?;
            Ok((
                Target::Vault {
                    addr: addr.clone(),
                    token: f.secret.expose().to_vec(),
                },
                format!("{addr}/v1/auth/token/lookup-self"),
                host,
            ))
        }
        "aws.secret-access-key" => {
            let key_id = aws_key_id_near(f, findings)
                .ok_or("no AWS access key id in the same file to pair the secret key with")?;
            Ok((
                Target::Aws {
                    key_id,
                    secret: f.secret.expose().to_vec(),
                },
                format!("https://{}/ GetCallerIdentity", http::STS_HOST),
                http::STS_HOST.to_string(),
            ))
        }
        "azure.storage-account-key" => {
            let m = f
                .matched
                .as_ref()
                .ok_or("no AccountName=…; before the key: the account it opens is not known")?;
            let account = http::azure_account_of(&String::from_utf8_lossy(m.expose()))
                .ok_or("the AccountName before the key is not a storage account name")?;
            let host = format!("{account}.{}", http::AZURE_BLOB_SUFFIX);
            Ok((
                Target::Azure {
                    account,
                    key: f.secret.expose().to_vec(),
                },
                format!("https://{host}/?comp=list"),
                host,
            ))
        }
        "twilio.auth-token" | "twilio.api-key-secret" => {
            let account = nearest(f, findings, "twilio.account-sid")
                .ok_or("no Twilio account SID (AC…) in the same file to pair the secret with")?;
            let user = if id == "twilio.auth-token" {
                account.clone()
            } else {
                nearest(f, findings, "twilio.api-key-sid")
                    .ok_or("no Twilio API key SID (SK…) in the same file to pair the secret with")?
            };
            Ok((
                Target::Twilio {
                    account: account.clone(),
                    user,
                    secret: f.secret.expose().to_vec(),
                },
                format!(
                    "https://{}/2010-04-01/Accounts/{account}.json",
                    http::TWILIO_HOST
                ),
                http::TWILIO_HOST.to_string(),
            ))
        }
        _ => {
            let idx = rules.index_of(id).ok_or("rule not in the rule set")?;
            let rule = rules.get(idx);
            let v = rule.verify.as_ref().ok_or("no verifier for this rule")?;
            let host = crate::rules::verify::https_host(&v.url).ok_or("bad verifier URL")?;
            let shown = v.url.split('?').next().unwrap_or(&v.url).to_string();
            Ok((
                Target::Http {
                    rule: idx,
                    secret: f.secret.expose().to_vec(),
                },
                shown,
                host,
            ))
        }
    }
}

/// The access key id of an AWS secret key: the `aws.access-key-id` finding in the same blob
/// closest to it.
fn aws_key_id_near(f: &Finding, findings: &[Finding]) -> Option<String> {
    nearest(f, findings, "aws.access-key-id")
}

/// The secret of the `rule` finding in the same blob closest (by line) to `f`: the identifier
/// a secret is paired with (an AWS access key id, a Twilio account or API key SID).
fn nearest(f: &Finding, findings: &[Finding], rule: &str) -> Option<String> {
    let path = f.location.origin.display_path();
    findings
        .iter()
        .filter(|o| o.rule_id == rule && o.location.origin.display_path() == path)
        .filter(|o| !o.secret.is_stand_in())
        .min_by_key(|o| o.location.line.abs_diff(f.location.line))
        .map(|o| String::from_utf8_lossy(o.secret.expose()).into_owned())
}

fn rule_selected(pattern: &str, id: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => id.starts_with(prefix),
        None => pattern == id,
    }
}

fn host_allowed(allowed: &[String], host: &str) -> bool {
    let bare = url::strip_port(host);
    allowed.iter().any(|a| {
        a.eq_ignore_ascii_case(host)
            || a.eq_ignore_ascii_case(bare)
            // `*.blob.core.windows.net`: any one account's host below it
            || a.strip_prefix('*').is_some_and(|suffix| {
                suffix.starts_with('.')
                    && bare.len() > suffix.len()
                    && bare.to_ascii_lowercase().ends_with(&suffix.to_ascii_lowercase())
            })
    })
}

/// What a run did: every host contacted, how many attempts, what a dry run would contact.
#[derive(Debug, Default, Clone)]
pub struct VerifyRun {
    /// Hosts contacted (`host:port`).
    pub contacted: BTreeSet<String>,
    /// Endpoints a dry run would have contacted.
    pub would_contact: BTreeSet<String>,
    /// Attempts made (one per unique secret and target).
    pub attempts: usize,
}

/// A global rate limit: attempts start at least `1/rate` seconds apart.
struct RateLimit {
    next: Mutex<Instant>,
    gap: Duration,
}

impl RateLimit {
    fn new(rate: u32) -> Self {
        RateLimit {
            next: Mutex::new(Instant::now()),
            gap: Duration::from_secs(1) / rate.max(1),
        }
    }

    fn wait(&self) {
        let at = {
            let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            let at = (*next).max(now);
            *next = at + self.gap;
            at
        };
        let now = Instant::now();
        if at > now {
            std::thread::sleep(at - now);
        }
    }
}

/// Verifies every finding in place (`finding.verification`), at most one attempt per unique
/// target, `progress(done, total)` after each. `stop` ends the run early (Ctrl-C): what was not
/// attempted is `skipped`.
pub fn verify(
    findings: &mut [Finding],
    rules: &RuleSet,
    opts: &VerifyOptions,
    progress: &(dyn Fn(u64, u64) + Sync),
    stop: &std::sync::atomic::AtomicBool,
) -> VerifyRun {
    let mut run = VerifyRun::default();
    let mut jobs: Vec<(Target, String, String)> = Vec::new();
    let mut job_of: HashMap<Target, usize> = HashMap::new();
    let mut pending: Vec<(usize, usize)> = Vec::new();
    let targets: Vec<Result<(Target, String, String), String>> = findings
        .iter()
        .map(|f| target_of(f, rules, opts, findings))
        .collect();
    for (i, (f, t)) in findings.iter_mut().zip(targets).enumerate() {
        let skip = |reason: String, endpoint: Option<String>| Verification {
            state: VerifyState::Skipped,
            endpoint,
            reason,
        };
        if !opts.only.is_empty() && !opts.only.iter().any(|p| rule_selected(p, &f.rule_id)) {
            f.verification = Some(skip("not in --verify-only".into(), None));
            continue;
        }
        if opts.exclude.iter().any(|p| rule_selected(p, &f.rule_id)) {
            f.verification = Some(skip("in --verify-exclude".into(), None));
            continue;
        }
        if f.secret.is_stand_in() {
            f.verification = Some(skip(
                "restored from the history cache, which does not keep the value (scan without --cache to verify it)".into(),
                None,
            ));
            continue;
        }
        let (target, endpoint, host) = match t {
            Ok(t) => t,
            Err(why) => {
                f.verification = Some(Verification {
                    state: VerifyState::Unknown,
                    endpoint: None,
                    reason: why,
                });
                continue;
            }
        };
        if !opts.hosts.is_empty() && !host_allowed(&opts.hosts, &host) {
            f.verification = Some(skip(
                format!("host {host} is not in --verify-hosts"),
                Some(endpoint),
            ));
            continue;
        }
        if opts.dry_run {
            run.would_contact.insert(endpoint.clone());
            f.verification = Some(skip("dry run: nothing contacted".into(), Some(endpoint)));
            continue;
        }
        let next = jobs.len();
        let j = *job_of.entry(target.clone()).or_insert(next);
        if j == next {
            jobs.push((target, endpoint, host));
        }
        pending.push((i, j));
    }
    let total = jobs.len() as u64;
    let results: Vec<Mutex<Option<Verification>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let done = AtomicU64::new(0);
    let limit = RateLimit::new(opts.rate);
    let contacted = Mutex::new(BTreeSet::new());
    if total > 0 {
        progress(0, total);
        std::thread::scope(|s| {
            for _ in 0..WORKERS.min(jobs.len()) {
                s.spawn(|| {
                    let mut http = None;
                    loop {
                        let j = next.fetch_add(1, Ordering::SeqCst);
                        let Some((target, endpoint, host)) = jobs.get(j) else {
                            break;
                        };
                        let v = if stop.load(Ordering::SeqCst) {
                            Verification {
                                state: VerifyState::Skipped,
                                endpoint: Some(endpoint.clone()),
                                reason: "interrupted".into(),
                            }
                        } else {
                            limit.wait();
                            contacted
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .insert(host.clone());
                            let (state, reason) = attempt(target, rules, opts, &mut http);
                            Verification {
                                state,
                                endpoint: Some(endpoint.clone()),
                                reason,
                            }
                        };
                        *results[j].lock().unwrap_or_else(|e| e.into_inner()) = Some(v);
                        progress(done.fetch_add(1, Ordering::SeqCst) + 1, total);
                    }
                });
            }
        });
    }
    let results: Vec<Option<Verification>> = results
        .into_iter()
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect();
    for (i, j) in pending {
        findings[i].verification = results[j].clone();
    }
    run.attempts = jobs.len();
    run.contacted = contacted.into_inner().unwrap_or_else(|e| e.into_inner());
    run
}

/// One attempt against one target.
fn attempt(
    target: &Target,
    rules: &RuleSet,
    opts: &VerifyOptions,
    http: &mut Option<Result<http::Client, String>>,
) -> (VerifyState, String) {
    match target {
        Target::Postgres(u) => db::postgres(u, opts.timeout),
        Target::Mysql(u) => db::mysql(u, opts.timeout),
        Target::Redis(u) => db::redis(u, opts.timeout),
        Target::Vault { .. }
        | Target::Http { .. }
        | Target::Aws { .. }
        | Target::Twilio { .. }
        | Target::Azure { .. } => {
            let client = http.get_or_insert_with(|| http::Client::new(opts));
            match client {
                Ok(c) => c.verify(target, rules),
                Err(e) => (VerifyState::Unknown, e.clone()),
            }
        }
    }
}

/// Orders findings for people: live first, then as they were.
pub fn live_first(findings: &mut [Finding]) {
    findings.sort_by_key(|f| {
        !matches!(
            f.verification.as_ref().map(|v| v.state),
            Some(VerifyState::Live)
        )
    });
}

/// HMAC-SHA-256 (SCRAM's proofs, SigV4's and Azure Shared Key's signing keys).
pub(crate) fn hmac256(key: &[u8], data: &[u8]) -> [u8; 32] {
    use hmac::{KeyInit, Mac};
    let mut m = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    m.update(data);
    m.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_patterns_and_hosts() {
        assert!(rule_selected("database.*", "database.redis-uri"));
        assert!(rule_selected(
            "github.personal-access-token",
            "github.personal-access-token"
        ));
        assert!(!rule_selected(
            "github.personal",
            "github.personal-access-token"
        ));
        let allowed = vec!["db.internal".to_string(), "cache:6380".to_string()];
        assert!(host_allowed(&allowed, "db.internal:5432"));
        assert!(host_allowed(&allowed, "cache:6380"));
        assert!(!host_allowed(&allowed, "cache:6379"));
        assert!(!host_allowed(&allowed, "evil.example:5432"));
        let azure = vec!["*.blob.core.windows.net".to_string()];
        assert!(host_allowed(&azure, "billing.blob.core.windows.net"));
        assert!(!host_allowed(&azure, "blob.core.windows.net"));
        assert!(!host_allowed(
            &azure,
            "billing.blob.core.windows.net.evil.example"
        ));
    }

    #[test]
    fn rate_limit_spaces_attempts() {
        let l = RateLimit::new(50);
        let start = Instant::now();
        for _ in 0..11 {
            l.wait();
        }
        // 11 attempts at 50/s: the last starts 200 ms after the first.
        assert!(
            start.elapsed() >= Duration::from_millis(195),
            "{:?}",
            start.elapsed()
        );
    }
}
