//! `vaultsweep vault audit` (issue 17): reads the secrets under `--path` of a KV mount (v1 or
//! v2, every version with `--all-versions`), then searches the working tree and every blob of
//! the git history for each value — as written, base64 (standard and URL-safe, unpadded),
//! URL-escaped and JSON-escaped — with one Aho-Corasick pass per blob. Each exposure is a
//! finding `vault.exposed-value` (CRITICAL, masked) in the report format asked for; exit 1 when
//! any value is exposed. Values live in memory only: never printed, logged or written.
//!
//! History is read with `scan --history`'s walk (`History::walk`: each blob once, at its first
//! introduction) and `HEAD`'s verdict comes from its `History::presence`, so a finding's git
//! fields (`commit`, `occurrences`, `paths`, `in_head`, `removed_in`) mean what they mean there:
//! a copy in the working tree is attributed to the oldest commit that held the value at that
//! path (its line is the working tree's); a value only in history to the oldest commit that held
//! it anywhere, with every path it was committed under.

use crate::classify::{LineIndex, PathContext};
use crate::cli::{AuditArgs, GlobalArgs};
use crate::exit::ExitStatus;
use crate::finding::{
    Category, CommitInfo, Confidence, Finding, Fingerprint, Location, Occurrence, Origin, Secret,
    Tier,
};
use crate::report::{self, Report, Summary, sanitize};
use crate::source::git::{GitError, History, Oid, Presence, Removal, Revisions};
use crate::vault::{MountInfo, SecretStore};
use aho_corasick::AhoCorasick;
use anyhow::{Context, Result, bail};
use base64::Engine;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

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

/// Where a hit sits in its blob: byte span, (line, column) of its first byte and just past it.
#[derive(Debug, Clone)]
struct Pos {
    span: std::ops::Range<usize>,
    start: (usize, usize),
    end: (usize, usize),
}

impl Pos {
    fn of(lines: &LineIndex, bytes: &[u8], span: std::ops::Range<usize>) -> Pos {
        Pos {
            start: lines.position(bytes, span.start),
            end: lines.position(bytes, span.end),
            span,
        }
    }
}

/// A finding. Where git knows the value from, `origin` says so (`Origin::Commit`): every report
/// writes those fields itself, so the rule name does not repeat them.
fn finding(held: &Held, enc: &str, pos: Pos, origin: Origin) -> Finding {
    let how = if enc.is_empty() {
        String::new()
    } else {
        format!(" ({enc}-encoded)")
    };
    let rel = origin.rel_path().to_string();
    Finding {
        rule_id: RULE_ID.into(),
        rule_name: match held.old_version {
            None => format!(
                "Value held in Vault at {}{how} is exposed in the repository: rotate it in Vault",
                held.reference
            ),
            Some(n) => format!(
                "Version {n} of {} (replaced since){how} is exposed in the repository: rotate it wherever that value is still in use",
                held.reference
            ),
        },
        category: Category::GenericSecret,
        tier: Tier::Critical,
        confidence: Confidence::High,
        context: PathContext::of(&rel).context,
        location: Location {
            origin,
            line: pos.start.0,
            column: pos.start.1,
            end_line: pos.end.0,
            end_column: pos.end.1,
            span: pos.span,
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

/// The first hit of each value in a blob: value index → (encoding, position).
type BlobHits = HashMap<usize, (&'static str, Pos)>;

/// One (commit, path) that introduced a blob holding a value.
#[derive(Debug, Clone)]
struct Intro {
    seq: u32,
    commit: Oid,
    path: String,
    blob: Oid,
}

/// What the history search found: the repository, every history blob holding a value (with
/// where), and per value every introduction of such a blob, oldest first.
struct Found {
    history: History,
    blobs: HashMap<Oid, BlobHits>,
    intros: HashMap<usize, Vec<Intro>>,
}

impl Found {
    /// The blobs of history holding value `v`.
    fn blobs_of(&self, v: usize) -> HashSet<Oid> {
        self.intros
            .get(&v)
            .map(|i| i.iter().map(|i| i.blob).collect())
            .unwrap_or_default()
    }

    /// The introductions of value `v` at `path`, oldest first.
    fn at_path(&self, v: usize, path: &str) -> Vec<&Intro> {
        self.intros
            .get(&v)
            .map(|i| i.iter().filter(|i| i.path == path).collect())
            .unwrap_or_default()
    }

    /// Where value `v` sits in `blob` (its first hit there).
    fn hit(&self, v: usize, blob: Oid) -> Option<&(&'static str, Pos)> {
        self.blobs.get(&blob).and_then(|h| h.get(&v))
    }

    /// The later introductions at the first one's path, as `Origin::Commit::more` (oldest
    /// first, the line of the value in each).
    fn more(&self, v: usize, intros: &[&Intro]) -> Vec<Occurrence> {
        intros
            .iter()
            .skip(1)
            .map(|i| Occurrence {
                commit: self.history.commit_info(i.commit),
                line: self.hit(v, i.blob).map_or(0, |h| h.1.start.0),
            })
            .collect()
    }
}

/// Walks every commit reachable from a ref or `HEAD` (the history walk of `scan --history`:
/// each blob read once, at its first introduction) and searches each blob for every form of
/// every value. `None` outside a git repository.
fn search_history(root: &Path, needles: &Needles) -> Result<Option<Found>> {
    let history = match History::open(root, Revisions::All) {
        Ok(h) => h,
        Err(GitError::NotARepository { .. }) => return Ok(None),
        Err(e) => return Err(e).context("Failed to open the git repository"),
    };
    if history.is_shallow() {
        log::warn!(
            "shallow clone: history before its boundary is not searched (git fetch --unshallow)"
        );
    }
    let repo = git2::Repository::open(history.git_dir())
        .context("Failed to open the git repository's objects")?;
    let odb = repo
        .odb()
        .context("Failed to open the git object database")?;
    let mut blobs: HashMap<Oid, BlobHits> = HashMap::new();
    let mut intros: HashMap<usize, Vec<Intro>> = HashMap::new();
    let mut unread = 0u64;
    let quit = AtomicBool::new(false);
    let summary = history
        .walk(&quit, &mut |_, _, _| {}, &mut |intro| {
            if intro.first {
                let too_large = odb
                    .read_header(intro.blob)
                    .is_ok_and(|(size, _)| size > MAX_BLOB);
                if too_large {
                    return;
                }
                let Ok(blob) = repo.find_blob(intro.blob) else {
                    unread += 1;
                    return;
                };
                let bytes = blob.content();
                let mut hits: BlobHits = HashMap::new();
                let mut lines = None;
                for (v, enc, span) in needles.find(bytes) {
                    let lines = lines.get_or_insert_with(|| LineIndex::new(bytes));
                    let earlier = hits.get(&v).is_some_and(|h| h.1.span.start <= span.start);
                    if !earlier {
                        hits.insert(v, (enc, Pos::of(lines, bytes, span)));
                    }
                }
                if !hits.is_empty() {
                    blobs.insert(intro.blob, hits);
                }
            }
            if let Some(hits) = blobs.get(&intro.blob) {
                for &v in hits.keys() {
                    intros.entry(v).or_default().push(Intro {
                        seq: intro.seq,
                        commit: intro.commit,
                        path: intro.path.clone(),
                        blob: intro.blob,
                    });
                }
            }
        })
        .context("Failed to walk the git history")?;
    if unread > 0 || !summary.errors.is_empty() {
        log::warn!(
            "{} object(s) of the git history could not be read: the history search is incomplete",
            unread + summary.errors.len() as u64
        );
    }
    for list in intros.values_mut() {
        list.sort_by_key(|i| i.seq);
    }
    Ok(Some(Found {
        history,
        blobs,
        intros,
    }))
}

/// A presence answer as `Origin::Commit`'s `in_head` and `removed_in`.
fn split(answer: Option<Removal>) -> (Option<bool>, Option<Box<CommitInfo>>) {
    match answer {
        Some((head, removed)) => (Some(head), removed.map(Box::new)),
        None => (None, None),
    }
}

/// `HEAD`'s verdict for each query (one walk down its first-parent line for all): whether it
/// still holds the value at one of the paths and, if not, the commit that removed it — the
/// same lookup, with the same reach, as `scan --history`.
fn presence(found: &Found, queries: &[(Vec<String>, HashSet<Oid>)]) -> Vec<Option<Removal>> {
    let asked: Vec<Presence<'_>> = queries
        .iter()
        .map(|(paths, blobs)| Presence {
            paths,
            blobs,
            // Every blob of history was searched: the blob ids say which hold the value, in
            // whatever form.
            needle: &[],
            digest: None,
        })
        .collect();
    found
        .history
        .presence(&asked, crate::scan::git::REMOVAL_LOOKBACK)
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
    let needles = Needles::new(&held)?;
    let found = search_history(&args.root, &needles)?;
    // Where the audit root sits in the repository's work tree (tree paths → repository paths).
    let prefix = found
        .as_ref()
        .and_then(|f| f.history.workdir())
        .and_then(|top| {
            let top = std::fs::canonicalize(top).ok()?;
            let root = std::fs::canonicalize(&args.root).ok()?;
            root.strip_prefix(&top).ok().map(Path::to_path_buf)
        });
    // Tree hits: (value, encoding, position, shown path, repository path).
    let mut tree_hits = Vec::new();
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
        let repo_path = prefix
            .as_ref()
            .map(|p| crate::finding::normalise_path(&p.join(&rel).to_string_lossy()));
        let lines = LineIndex::new(&bytes);
        for (v, enc, span) in needles.find(&bytes) {
            in_tree.insert(v);
            let pos = Pos::of(&lines, &bytes, span);
            tree_hits.push((v, enc, pos, rel.clone(), repo_path.clone()));
        }
    }
    // Values no longer in the files but in history: one finding each, at the oldest commit
    // that held it, with every path it was committed under.
    let gone: Vec<usize> = match &found {
        Some(f) => {
            let mut v: Vec<usize> = f
                .intros
                .keys()
                .copied()
                .filter(|v| !in_tree.contains(v))
                .collect();
            v.sort_unstable();
            v
        }
        None => Vec::new(),
    };
    if let Some(found) = &found {
        // One presence lookup for all: per tree hit at a path some commit held the value at,
        // then per value only in history.
        let mut queries: Vec<(Vec<String>, HashSet<Oid>)> = Vec::new();
        // Per tree hit: its introductions at its path, oldest first, and its query.
        let mut tree_git: Vec<Option<(Vec<&Intro>, String, usize)>> = Vec::new();
        for (v, _, _, _, repo_path) in &tree_hits {
            let intros = repo_path
                .as_deref()
                .map(|p| found.at_path(*v, p))
                .unwrap_or_default();
            match repo_path {
                Some(p) if !intros.is_empty() => {
                    tree_git.push(Some((intros, p.clone(), queries.len())));
                    queries.push((vec![p.clone()], found.blobs_of(*v)));
                }
                _ => tree_git.push(None),
            }
        }
        let gone_from = queries.len();
        for &v in &gone {
            let mut paths: Vec<String> = Vec::new();
            for i in &found.intros[&v] {
                if !paths.contains(&i.path) {
                    paths.push(i.path.clone());
                }
            }
            queries.push((paths, found.blobs_of(v)));
        }
        let answers = presence(found, &queries);
        for ((v, enc, pos, rel, _), git) in tree_hits.drain(..).zip(tree_git) {
            let origin = match git {
                Some((intros, path, q)) => {
                    let (in_head, removed_in) = split(answers[q].clone());
                    Origin::Commit {
                        commit: found.history.commit_info(intros[0].commit),
                        path,
                        more: found.more(v, &intros),
                        paths: Vec::new(),
                        in_head,
                        removed_in,
                    }
                }
                // Never committed at this path: the working tree's copy only.
                None => Origin::File {
                    path: rel.clone(),
                    rel,
                },
            };
            exposed.insert(v);
            findings.push(finding(&held[v], enc, pos, origin));
        }
        for (n, &v) in gone.iter().enumerate() {
            let q = gone_from + n;
            let (in_head, removed_in) = split(answers[q].clone());
            let intros = found.at_path(v, &found.intros[&v][0].path);
            let Some((enc, pos)) = found.hit(v, intros[0].blob).cloned() else {
                continue;
            };
            let paths = &queries[q].0;
            let origin = Origin::Commit {
                commit: found.history.commit_info(intros[0].commit),
                path: intros[0].path.clone(),
                more: found.more(v, &intros),
                paths: if paths.len() > 1 {
                    paths.clone()
                } else {
                    Vec::new()
                },
                in_head,
                removed_in,
            };
            exposed.insert(v);
            findings.push(finding(&held[v], enc, pos, origin));
        }
    }
    // Outside a repository: the tree's copies only.
    for (v, enc, pos, rel, _) in tree_hits {
        exposed.insert(v);
        let origin = Origin::File {
            path: rel.clone(),
            rel,
        };
        findings.push(finding(&held[v], enc, pos, origin));
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
    let format = crate::config::report_format(args.format);
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
