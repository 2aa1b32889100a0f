//! `vaultsweep vault audit` (issue 17): reads the secrets under `--path` of a KV mount (v1 or
//! v2, every version with `--all-versions`), then searches the working tree and every blob of
//! the git history for each value — as written, base64 (standard and URL-safe, unpadded),
//! URL-escaped and JSON-escaped — with one Aho-Corasick pass per blob. Each exposure is a
//! finding `vault.exposed-value` (CRITICAL, masked) in the report format asked for; exit 1 when
//! any value is exposed. Values live in memory only: never printed, logged or written.

use crate::classify::{LineIndex, PathContext};
use crate::cli::{AuditArgs, FormatArg, GlobalArgs};
use crate::exit::ExitStatus;
use crate::finding::{
    Category, CommitInfo, Confidence, Finding, Fingerprint, Location, Origin, Secret, Tier,
};
use crate::report::{self, Format, Report, Summary, sanitize};
use crate::vault::{MountInfo, SecretStore};
use aho_corasick::AhoCorasick;
use anyhow::{Context, Result, bail};
use base64::Engine;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

/// The rule id of an exposed Vault value.
pub const RULE_ID: &str = "vault.exposed-value";
/// Values shorter than this are not searched (they would match by chance).
const MIN_LEN: usize = 6;
/// Blobs larger than this are not searched.
const MAX_BLOB: usize = 64 << 20;

/// One value read from Vault (held in memory only).
struct Held {
    /// `vault:<api path>#<key>`.
    reference: String,
    /// The key inside the secret.
    key: String,
    /// For a KV v2 version older than the current one (`--all-versions`): its number.
    old_version: Option<u64>,
    value: Secret,
}

impl Held {
    /// What to rotate, as stderr lists it.
    fn rotation(&self) -> String {
        match self.old_version {
            None => self.reference.clone(),
            Some(n) => format!(
                "{} (version {n}, since replaced: rotate it wherever that value is still in use)",
                self.reference
            ),
        }
    }
}

/// The encoded forms of a value a file may hold.
fn forms(v: &[u8]) -> Vec<(Vec<u8>, &'static str)> {
    let mut out = vec![(v.to_vec(), "")];
    let b64 = base64::engine::general_purpose::STANDARD_NO_PAD.encode(v);
    out.push((b64.into_bytes(), "base64"));
    let b64u = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
    out.push((b64u.into_bytes(), "base64url"));
    let mut url = Vec::new();
    for &b in v {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            url.push(b);
        } else {
            url.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
    }
    out.push((url, "url"));
    if let Ok(t) = std::str::from_utf8(v) {
        let j = serde_json::to_string(t).expect("strings serialise");
        out.push((j.as_bytes()[1..j.len() - 1].to_vec(), "json"));
    }
    let mut seen = HashSet::new();
    out.retain(|(f, _)| seen.insert(f.clone()));
    out
}

/// Lists every secret under `prefix`, recursively.
fn list_all(store: &dyn SecretStore, mount: &MountInfo, prefix: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut todo = vec![prefix.trim_matches('/').to_string()];
    while let Some(dir) = todo.pop() {
        let names = store
            .list(mount, &dir)
            .with_context(|| format!("Failed to list {}/{dir}", mount.path))?;
        for n in names {
            let full = if dir.is_empty() {
                n.clone()
            } else {
                format!("{dir}/{n}")
            };
            if n.ends_with('/') {
                todo.push(full.trim_end_matches('/').to_string());
            } else {
                out.push(full);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads every value under the paths asked for.
fn read_values(store: &dyn SecretStore, args: &AuditArgs) -> Result<Vec<Held>> {
    let mount = store
        .mount_info(&args.mount)
        .with_context(|| format!("Failed to find the mount {}", args.mount))?;
    let prefixes = if args.paths.is_empty() {
        vec![String::new()]
    } else {
        args.paths.clone()
    };
    let mut held = Vec::new();
    let mut seen: HashSet<Vec<u8>> = HashSet::new();
    for prefix in &prefixes {
        for path in list_all(store, &mount, prefix)? {
            let api = crate::vault::Reference::format(&mount, &path, "");
            let api = api.trim_end_matches('#').to_string();
            let Some(cur) = store
                .read(&mount, &path)
                .with_context(|| format!("Failed to read {api}"))?
            else {
                continue;
            };
            let mut versions = vec![(None, cur.data)];
            if args.all_versions
                && let Some(v) = cur.version
            {
                for old in 1..v {
                    if let Ok(s) = store.read_version(&mount.path, &path, old) {
                        versions.push((Some(old), s.data));
                    }
                }
            }
            for (version, data) in versions {
                for (key, value) in &data.0 {
                    let Some(text) = value.as_str() else { continue };
                    if text.len() < MIN_LEN || !seen.insert(text.as_bytes().to_vec()) {
                        continue;
                    }
                    held.push(Held {
                        reference: format!("{api}#{key}"),
                        key: key.clone(),
                        old_version: version,
                        value: Secret::new(text.as_bytes()),
                    });
                }
            }
        }
    }
    Ok(held)
}

/// A hit: value index, encoding, byte span.
type Hit = (usize, &'static str, std::ops::Range<usize>);

/// The automaton over every form of every value, with (value, encoding) per pattern.
struct Needles {
    ac: AhoCorasick,
    owner: Vec<(usize, &'static str)>,
}

impl Needles {
    fn new(held: &[Held]) -> Result<Needles> {
        let mut pats = Vec::new();
        let mut owner = Vec::new();
        for (i, h) in held.iter().enumerate() {
            for (f, enc) in forms(h.value.expose()) {
                pats.push(f);
                owner.push((i, enc));
            }
        }
        Ok(Needles {
            ac: AhoCorasick::new(&pats).context("Failed to build the search automaton")?,
            owner,
        })
    }

    /// One pass over `hay`: every occurrence of any form (overlapping).
    fn find(&self, hay: &[u8]) -> Vec<Hit> {
        self.ac
            .find_overlapping_iter(hay)
            .map(|m| {
                let (v, enc) = self.owner[m.pattern().as_usize()];
                (v, enc, m.range())
            })
            .collect()
    }
}

fn finding(
    held: &Held,
    enc: &str,
    span: std::ops::Range<usize>,
    bytes: &[u8],
    origin: Origin,
    first: Option<&CommitInfo>,
) -> Finding {
    let lines = LineIndex::new(bytes);
    let (line, column) = lines.position(bytes, span.start);
    let (end_line, end_column) = lines.position(bytes, span.end);
    let how = if enc.is_empty() {
        String::new()
    } else {
        format!(" ({enc}-encoded)")
    };
    let since = first
        .map(|c| {
            format!(
                "; first committed in {} ({})",
                &c.id[..12.min(c.id.len())],
                c.date.get(..10).unwrap_or(&c.date)
            )
        })
        .unwrap_or_default();
    let rel = origin.rel_path().to_string();
    Finding {
        rule_id: RULE_ID.into(),
        rule_name: match held.old_version {
            None => format!(
                "Value held in Vault at {}{how} is exposed in the repository{since}: rotate it in Vault",
                held.reference
            ),
            Some(n) => format!(
                "Version {n} of {} (replaced since){how} is exposed in the repository{since}: rotate it wherever that value is still in use",
                held.reference
            ),
        },
        category: Category::GenericSecret,
        tier: Tier::Critical,
        confidence: Confidence::High,
        context: PathContext::of(&rel).context,
        location: Location {
            origin,
            line,
            column,
            end_line,
            end_column,
            span,
        },
        key: Some(held.key.clone()),
        fingerprint: Fingerprint::new(RULE_ID, &rel, &held.value),
        secret: held.value.clone(),
        entropy: 0.0,
        encoding: (!enc.is_empty()).then(|| enc.to_string()),
        matched: None,
        verification: None,
    }
}

/// Searches every blob of the history once (commits oldest first): per value, its first
/// (commit, path, blob bytes, span, encoding).
type FirstSeen = HashMap<
    usize,
    (
        CommitInfo,
        String,
        Vec<u8>,
        std::ops::Range<usize>,
        &'static str,
    ),
>;

fn search_history(root: &Path, needles: &Needles) -> Result<FirstSeen> {
    let mut first: FirstSeen = HashMap::new();
    let repo = match git2::Repository::discover(root) {
        Ok(r) => r,
        Err(_) => return Ok(first),
    };
    let mut walk = repo.revwalk()?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)?;
    let _ = walk.push_glob("*");
    let _ = walk.push_head();
    let mut seen_blobs = HashSet::new();
    for id in walk {
        let commit = repo.find_commit(id?)?;
        let tree = commit.tree()?;
        let mut blobs = Vec::new();
        tree.walk(git2::TreeWalkMode::PreOrder, |dir, e| {
            if e.kind() == Some(git2::ObjectType::Blob) && seen_blobs.insert(e.id()) {
                blobs.push((format!("{dir}{}", e.name().unwrap_or("?")), e.id()));
            }
            git2::TreeWalkResult::Ok
        })?;
        for (path, oid) in blobs {
            let Ok(blob) = repo.find_blob(oid) else {
                continue;
            };
            if blob.size() > MAX_BLOB {
                continue;
            }
            for (v, enc, span) in needles.find(blob.content()) {
                first.entry(v).or_insert_with(|| {
                    let a = commit.author();
                    let secs = commit.time().seconds();
                    let (y, m, d) = crate::finding::civil_from_days(secs.div_euclid(86_400));
                    (
                        CommitInfo {
                            id: commit.id().to_string(),
                            author: format!(
                                "{} <{}>",
                                a.name().unwrap_or(""),
                                a.email().unwrap_or("")
                            ),
                            date: format!("{y:04}-{m:02}-{d:02}"),
                            summary: commit
                                .summary_bytes()
                                .map(|b| String::from_utf8_lossy(b).into_owned())
                                .unwrap_or_default(),
                        },
                        path.clone(),
                        blob.content().to_vec(),
                        span,
                        enc,
                    )
                });
            }
        }
    }
    Ok(first)
}

/// Runs `vault audit`.
pub fn run(global: &GlobalArgs, args: &AuditArgs) -> Result<ExitStatus> {
    let (_, file_cfg) = crate::config::load_file_config(global, &args.root)?;
    let store = super::migrate::vault_store(&args.vault, &file_cfg.migrate)?;
    let held = read_values(&store, args)?;
    log::info!("{} value(s) read from Vault", held.len());
    if held.is_empty() {
        // A mistyped --path must not pass as "nothing exposed".
        bail!(
            "no secrets under {} in mount {:?}: nothing to audit (--path is a path inside the mount, without the mount's name)",
            args.paths
                .iter()
                .map(|p| format!("{p:?}"))
                .collect::<Vec<_>>()
                .join(", "),
            args.mount
        );
    }
    let mut findings = Vec::new();
    // The values found exposed (indices into `held`), for the rotation list.
    let mut exposed: HashSet<usize> = HashSet::new();
    let mut files = 0u64;
    let mut bytes_read = 0u64;
    if !held.is_empty() {
        let needles = Needles::new(&held)?;
        let history = search_history(&args.root, &needles)?;
        let mut in_tree: HashSet<usize> = HashSet::new();
        for entry in ignore::WalkBuilder::new(&args.root).hidden(false).build() {
            let Ok(e) = entry else { continue };
            if !e.file_type().is_some_and(|t| t.is_file())
                || e.path().components().any(|c| c.as_os_str() == ".git")
            {
                continue;
            }
            let Ok(bytes) = std::fs::read(e.path()) else {
                continue;
            };
            files += 1;
            bytes_read += bytes.len() as u64;
            let rel = e
                .path()
                .strip_prefix(&args.root)
                .unwrap_or(e.path())
                .to_string_lossy()
                .trim_start_matches("./")
                .to_string();
            for (v, enc, span) in needles.find(&bytes) {
                in_tree.insert(v);
                let origin = Origin::File {
                    path: rel.clone(),
                    rel: rel.clone(),
                };
                let first = history.get(&v).map(|h| &h.0);
                exposed.insert(v);
                findings.push(finding(&held[v], enc, span, &bytes, origin, first));
            }
        }
        // Values no longer in the files but in history: where they were first committed.
        for (v, (commit, path, blob, span, enc)) in &history {
            if in_tree.contains(v) {
                continue;
            }
            let origin = Origin::Commit {
                commit: commit.clone(),
                path: path.clone(),
                more: Vec::new(),
                paths: vec![path.clone()],
                in_head: Some(false),
                removed_in: None,
            };
            exposed.insert(*v);
            findings.push(finding(&held[*v], enc, span.clone(), blob, origin, None));
        }
    }
    findings.sort_by_cached_key(|f| {
        (
            f.location.origin.display_path().to_string(),
            f.location.line,
            f.location.column,
        )
    });
    let mut rotate: Vec<String> = exposed.iter().map(|&v| held[v].rotation()).collect();
    rotate.sort_unstable();
    rotate.dedup();
    let rules = crate::rules::RuleSet::new(Vec::new())?;
    let format = match args.format {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Gitlab => Format::Gitlab,
        FormatArg::Github => Format::Github,
    };
    let report = Report {
        advice: Some(
            "Rotate these secrets in Vault (a new value, then the old one revoked where it is used): their values are exposed in the repository and its history.",
        ),
        findings: &findings,
        rules: &rules,
        summary: Summary {
            files_scanned: files,
            bytes_scanned: bytes_read,
            ..Summary::default()
        },
        show_secrets: false,
        color: crate::ui::use_color(global.color, args.output.is_some()),
        fail_on: Tier::Low,
        srcroot: std::path::absolute(&args.root)
            .ok()
            .map(|d| d.display().to_string()),
        cwd: std::env::current_dir()
            .ok()
            .map(|d| d.display().to_string()),
    };
    match &args.output {
        Some(p) => {
            let mut f = std::io::BufWriter::new(
                std::fs::File::create(p)
                    .with_context(|| format!("Failed to create {}", p.display()))?,
            );
            report::write(format, &report, &mut f)?;
            f.flush()?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            report::write(format, &report, &mut out)?;
        }
    }
    if findings.is_empty() {
        eprintln!(
            "vaultsweep: none of the {} value(s) read from Vault is in the repository",
            held.len()
        );
        return Ok(ExitStatus::Clean);
    }
    eprintln!("vaultsweep: rotate these secrets (their values are exposed in the repository):");
    for r in rotate {
        eprintln!("  {}", sanitize(&r));
    }
    Ok(ExitStatus::Findings)
}
