//! The scanned-blob cache of `scan --history --cache DIR`: per repository, the ids of the blobs
//! already scanned under one *key* (a hash of the effective rules and of every setting that
//! changes what a blob yields: file-class policy, size limit, suppression), with what each one
//! yielded — clean, skipped, or its findings per path. The next history scan reads only blobs
//! it has not seen and restores the rest (see `scan::git`'s hook), so a nightly rescan reads
//! only what the new commits added.
//!
//! Holds no secret: a finding is stored with its masked form (the prefix `Secret::masked` shows
//! and the length), its fingerprint, and the salted hash and byte length `History::presence`
//! needs to find the value again in `HEAD`. A cached finding's [`Secret`] is a stand-in that
//! masks exactly as the real one; `--show-secrets` therefore re-reads blobs with findings.
//!
//! One file per repository, `<DIR>/<repository id>.cache`: a header line with the format, the
//! key and the SHA-256 of the body, then a JSON body. Written to a temporary file and renamed
//! into place under an advisory lock (`<file>.lock`), merged with what a concurrent run saved
//! meanwhile under the same key. A file that fails its checksum, does not parse or is
//! truncated is never trusted: the scan starts empty and says why ([`BlobCache::warning`]).
//! A different key replaces the file (the rules changed: every blob is scanned again).
//!
//! Same imports as `scan`.

use crate::allow::{Reason, Suppressor};
use crate::detect::ClassPolicy;
use crate::finding::{
    Category, Confidence, Context, Finding, Fingerprint, Location, Origin, Secret, Tier,
};
use crate::rules::RuleSet;
use crate::source::SkipReason;
use crate::source::git::Oid;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Bumped when the file layout or what a finding records changes.
const FORMAT: &str = "vaultsweep-blob-cache 1";

/// The cache key: SHA-256 (hex) over the effective rules and everything else that changes what
/// a blob yields. `extra` is the caller's (the build of the program, for one: a new detector
/// must not trust an old one's verdicts).
pub fn key(
    rules: &RuleSet,
    policy: &ClassPolicy,
    suppressor: &Suppressor,
    max_file_size: u64,
    extra: &str,
) -> String {
    let mut h = Sha256::new();
    h.update(FORMAT.as_bytes());
    for r in rules.rules() {
        // The rule as written plus what loading and config derived from it.
        h.update(
            format!(
                "{:?}\0{:?}\0{}\0{:?}\0{}\0{}\0",
                r.spec, r.tier, r.fixed_tier, r.confidence, r.generic, r.windowed
            )
            .as_bytes(),
        );
    }
    h.update(format!("{policy:?}\0{max_file_size}\0").as_bytes());
    h.update(suppressor.settings_digest().as_bytes());
    h.update(b"\0");
    h.update(extra.as_bytes());
    hex::encode(h.finalize())
}

/// A stable file-name-safe id of a repository (its git directory, resolved).
pub fn repo_id(git_dir: &Path) -> String {
    let p = std::fs::canonicalize(git_dir).unwrap_or_else(|_| git_dir.to_path_buf());
    let name = p
        .components()
        .rev()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .find(|c| c != ".git")
        .unwrap_or_default();
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let digest = hex::encode(Sha256::digest(p.as_os_str().as_encoded_bytes()));
    format!("{safe}-{}", &digest[..16])
}

/// A blob skip worth remembering (the others do not occur in history).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Skip {
    /// [`SkipReason::Binary`].
    Binary,
    /// [`SkipReason::LfsPointer`].
    Lfs,
    /// [`SkipReason::TooLarge`] (the limit is part of the key).
    TooLarge(u64),
}

impl Skip {
    /// The skip to remember, if any.
    pub fn of(r: &SkipReason, limit: u64) -> Option<Skip> {
        match r {
            SkipReason::Binary => Some(Skip::Binary),
            SkipReason::LfsPointer => Some(Skip::Lfs),
            SkipReason::TooLarge { size, limit: l } if *l == limit => Some(Skip::TooLarge(*size)),
            _ => None,
        }
    }

    /// The reason it stands for.
    pub fn reason(self, limit: u64) -> SkipReason {
        match self {
            Skip::Binary => SkipReason::Binary,
            Skip::Lfs => SkipReason::LfsPointer,
            Skip::TooLarge(size) => SkipReason::TooLarge { size, limit },
        }
    }
}

/// One finding of a blob at one path, without its secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedFinding {
    rule_id: String,
    rule_name: String,
    category: Category,
    tier: Tier,
    confidence: Confidence,
    context: Context,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    span: (usize, usize),
    key: Option<String>,
    /// What `Secret::masked` shows before the `…`.
    shown: String,
    /// Characters in the secret (as `masked` counts them).
    chars: usize,
    /// `Secret::salted_hash` and the byte length: enough to recognise the value, not to give it.
    salted: String,
    len: usize,
    entropy: f32,
    fingerprint: Fingerprint,
    encoding: Option<String>,
    /// Why it was suppressed (`None`: kept).
    suppressed: Option<String>,
}

fn reason_code(r: Reason) -> &'static str {
    match r {
        Reason::Inline => "inline",
        Reason::Baseline => "baseline",
        Reason::AllowlistRegex => "allowlist-regex",
        Reason::AllowlistPath => "allowlist-path",
        Reason::BelowConfidence => "below-confidence",
    }
}

fn reason_of(code: &str) -> Option<Reason> {
    Some(match code {
        "inline" => Reason::Inline,
        "baseline" => Reason::Baseline,
        "allowlist-regex" => Reason::AllowlistRegex,
        "allowlist-path" => Reason::AllowlistPath,
        "below-confidence" => Reason::BelowConfidence,
        _ => return None,
    })
}

impl CachedFinding {
    /// Records a classified finding of a history blob and its verdict.
    pub fn of(f: &Finding, verdict: Option<Reason>) -> CachedFinding {
        let masked = f.secret.masked();
        let shown = masked[..masked.rfind('…').unwrap_or(0)].to_string();
        let chars = masked
            .rsplit('(')
            .next()
            .and_then(|t| t.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        CachedFinding {
            rule_id: f.rule_id.clone(),
            rule_name: f.rule_name.clone(),
            category: f.category,
            tier: f.tier,
            confidence: f.confidence,
            context: f.context,
            line: f.location.line,
            column: f.location.column,
            end_line: f.location.end_line,
            end_column: f.location.end_column,
            span: (f.location.span.start, f.location.span.end),
            key: f.key.clone(),
            shown,
            chars,
            salted: f.secret.salted_hash(),
            len: f.secret.expose().len(),
            entropy: f.entropy,
            fingerprint: f.fingerprint.clone(),
            encoding: f.encoding.clone(),
            suppressed: verdict.map(|r| reason_code(r).to_string()),
        }
    }

    /// The finding at `origin` (the introducing commit), and its verdict. The secret is a
    /// stand-in of the same length and masked form ([`Secret::masked`] gives the same text).
    pub fn restore(&self, origin: Origin) -> (Finding, Option<Reason>) {
        let f = Finding {
            rule_id: self.rule_id.clone(),
            rule_name: self.rule_name.clone(),
            category: self.category,
            tier: self.tier,
            confidence: self.confidence,
            context: self.context,
            location: Location {
                origin,
                line: self.line,
                column: self.column,
                end_line: self.end_line,
                end_column: self.end_column,
                span: self.span.0..self.span.1,
            },
            key: self.key.clone(),
            secret: Secret::stand_in(&self.shown, self.chars, self.salted.clone()),
            entropy: self.entropy,
            fingerprint: self.fingerprint.clone(),
            encoding: self.encoding.clone(),
            // Verification needs the value, which the cache does not keep.
            matched: None,
            verification: None,
        };
        (f, self.suppressed.as_deref().and_then(reason_of))
    }

    /// The finding's fingerprint.
    pub fn fingerprint(&self) -> &Fingerprint {
        &self.fingerprint
    }

    /// What [`History::presence`](crate::source::git::History::presence) needs to recognise
    /// the value: its byte length, salted hash, and the prefix the masked form shows.
    pub fn digest(&self) -> (usize, &str, &str) {
        (self.len, &self.salted, &self.shown)
    }
}

/// What one blob yielded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Entry {
    /// Scanned, no match (size in bytes, for the scan's counters).
    Clean(u64),
    /// Not scanned, for this reason.
    Skipped(Skip),
    /// Matches: size, and the findings (kept and suppressed) at each path the blob was
    /// attributed under. A path not listed was never attributed: the blob is read again there.
    Hits(u64, BTreeMap<String, Vec<CachedFinding>>),
}

impl Entry {
    /// Folds `other` (the same blob, recorded later) into `self`: paths accumulate.
    fn absorb(&mut self, other: Entry) {
        match (self, other) {
            (Entry::Hits(_, mine), Entry::Hits(_, theirs)) => {
                for (p, v) in theirs {
                    mine.entry(p).or_insert(v);
                }
            }
            (me, other @ Entry::Hits(..)) => *me = other,
            _ => {}
        }
    }
}

/// What the last complete walk of every ref left (history scans of all refs only): enough for
/// the next scan to walk only the commits added since, and to restore what the older ones
/// introduced. Trusted only while every one of its `tips` is still reachable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WalkMemo {
    /// The commits the refs and `HEAD` pointed at (hex).
    pub tips: Vec<String>,
    /// Commits walked (the next walk numbers its commits after them).
    pub commits: u32,
    /// Unique blobs met.
    pub blobs: u64,
    /// Introductions met.
    pub introductions: u64,
    /// Blobs scanned, and their bytes.
    pub files: u64,
    /// Bytes of the blobs scanned.
    pub bytes: u64,
    /// Introductions of blobs with findings: (walk position, commit, blob, path).
    pub hits: Vec<(u32, String, String, String)>,
    /// Blobs skipped: (label, why).
    pub skipped: Vec<(String, Skip)>,
    /// Submodule paths met.
    pub submodules: Vec<String>,
    /// Submodule entries met.
    pub submodule_entries: u64,
    /// Findings in commit messages: (walk position, commit, finding).
    pub messages: Vec<(u32, String, CachedFinding)>,
}

/// The file body. Clean blobs, nearly all of a history, are one hex string of 28-byte records
/// (20-byte id, 8-byte little-endian size): a warm run of a large history parses one string,
/// not one JSON entry per blob.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Body {
    /// Clean blobs, packed.
    clean: String,
    /// Other blobs: id (hex) → what it yielded.
    other: HashMap<String, Entry>,
    /// The last complete walk of every ref.
    #[serde(default)]
    walk: Option<WalkMemo>,
}

/// Bytes of one packed clean-blob record.
const RECORD: usize = 28;

/// Errors saving the cache (loading never fails: a bad file is rebuilt).
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// A file operation on the cache failed.
    #[error("{path}: {err}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What failed.
        err: std::io::Error,
    },
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> CacheError + '_ {
    move |err| CacheError::Io {
        path: path.to_path_buf(),
        err,
    }
}

/// The cache of one repository under one key, loaded for a scan.
#[derive(Debug)]
pub struct BlobCache {
    file: PathBuf,
    key: String,
    known: HashMap<Oid, Entry>,
    added: HashMap<Oid, Entry>,
    /// The checksum of the body loaded (saving skips re-reading a file no one changed since).
    loaded: Option<String>,
    /// The walk memo loaded.
    pub walk: Option<WalkMemo>,
    /// The walk memo this scan leaves (saved in place of the loaded one when set).
    pub new_walk: Option<WalkMemo>,
    /// Restore findings (false under `--show-secrets`: the real values are needed, so blobs
    /// with findings are read again; clean and skipped blobs still are not).
    pub serve_findings: bool,
    /// Why the file on disk was not used (corrupt, truncated, another key), if it was not.
    pub warning: Option<String>,
}

/// The header of a cache file's bytes: (key, body checksum), if it has one.
fn header(raw: &[u8]) -> Option<(&str, &str)> {
    let nl = memchr::memchr(b'\n', raw)?;
    let h = std::str::from_utf8(&raw[..nl]).ok()?;
    let mut parts = h.rsplitn(3, ' ');
    let sum = parts.next()?;
    let key = parts.next()?;
    (parts.next()? == FORMAT).then_some((key, sum))
}

/// Reads and checks a cache file: `Ok(None)` if absent, `Err(why)` if it cannot be trusted.
/// Gives the key, the body's checksum and the body.
fn load(file: &Path) -> Result<Option<(String, String, Body)>, String> {
    let raw = match std::fs::read(file) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read it: {e}")),
    };
    let nl = memchr::memchr(b'\n', &raw).ok_or("no header line (truncated?)")?;
    let header = std::str::from_utf8(&raw[..nl]).map_err(|_| "header is not text")?;
    let body = &raw[nl + 1..];
    let mut parts = header.rsplitn(3, ' ');
    let (sum, key, format) = match (parts.next(), parts.next(), parts.next()) {
        (Some(s), Some(k), Some(f)) => (s, k, f),
        _ => return Err("malformed header".into()),
    };
    if format != FORMAT {
        return Err(format!("unknown format {format:?}"));
    }
    if hex::encode(Sha256::digest(body)) != sum {
        return Err("checksum mismatch (truncated or corrupt)".into());
    }
    let body: Body = serde_json::from_slice(body).map_err(|e| format!("unreadable body: {e}"))?;
    Ok(Some((key.to_string(), sum.to_string(), body)))
}

fn parse_blobs(body: Body) -> Result<HashMap<Oid, Entry>, String> {
    let packed = hex::decode(&body.clean).map_err(|_| "bad clean-blob table")?;
    if !packed.len().is_multiple_of(RECORD) {
        return Err("bad clean-blob table".into());
    }
    let mut out = HashMap::with_capacity(packed.len() / RECORD + body.other.len());
    for r in packed.chunks_exact(RECORD) {
        let id = Oid::from_bytes(&r[..20]).map_err(|_| "bad blob id")?;
        let mut size = [0u8; 8];
        size.copy_from_slice(&r[20..]);
        out.insert(id, Entry::Clean(u64::from_le_bytes(size)));
    }
    for (k, v) in body.other {
        let id = Oid::from_str(&k).map_err(|_| format!("bad blob id {k:?}"))?;
        out.insert(id, v);
    }
    Ok(out)
}

fn body_of(all: &HashMap<Oid, Entry>, walk: Option<WalkMemo>) -> Body {
    let mut packed = Vec::with_capacity(all.len() * RECORD);
    let mut other = HashMap::new();
    for (id, e) in all {
        match e {
            Entry::Clean(size) => {
                packed.extend_from_slice(id.as_bytes());
                packed.extend_from_slice(&size.to_le_bytes());
            }
            e => {
                other.insert(id.to_string(), e.clone());
            }
        }
    }
    Body {
        clean: hex::encode(packed),
        other,
        walk,
    }
}

/// Holds an advisory lock on `<file>.lock` until dropped.
struct FileLock(std::fs::File);

impl FileLock {
    fn take(file: &Path) -> Result<FileLock, CacheError> {
        let path = file.with_extension("lock");
        let f = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_err(&path))?;
        f.lock().map_err(io_err(&path))?;
        Ok(FileLock(f))
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

impl BlobCache {
    /// Opens the cache of the repository `repo_id` in `dir` for `key`. Never fails: a missing
    /// file gives an empty cache, an untrusted one an empty cache and a [`BlobCache::warning`].
    pub fn open(dir: &Path, repo_id: &str, key: &str) -> BlobCache {
        let file = dir.join(format!("{repo_id}.cache"));
        let mut warning = None;
        let mut loaded = None;
        let mut walk = None;
        let known = match load(&file) {
            Ok(None) => HashMap::new(),
            Ok(Some((k, _, _))) if k != key => {
                warning = Some(format!(
                    "{}: made with other rules or settings; rebuilding it",
                    file.display()
                ));
                HashMap::new()
            }
            Ok(Some((_, sum, mut body))) => match parse_blobs({
                walk = body.walk.take();
                body
            }) {
                Ok(m) => {
                    loaded = Some(sum);
                    m
                }
                Err(why) => {
                    walk = None;
                    warning = Some(format!("{}: {why}; rebuilding it", file.display()));
                    HashMap::new()
                }
            },
            Err(why) => {
                warning = Some(format!("{}: {why}; rebuilding it", file.display()));
                HashMap::new()
            }
        };
        BlobCache {
            file,
            key: key.to_string(),
            known,
            added: HashMap::new(),
            loaded,
            walk,
            new_walk: None,
            serve_findings: true,
            warning,
        }
    }

    /// The cache file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Blobs known before this scan.
    pub fn len(&self) -> usize {
        self.known.len()
    }

    /// True when nothing was known before this scan.
    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// What `blob` yielded in an earlier scan, if it was scanned under this key.
    pub fn get(&self, blob: Oid) -> Option<&Entry> {
        self.known.get(&blob)
    }

    /// The findings recorded for `blob` at `path`, if the blob was attributed there and
    /// findings may be served.
    pub fn findings_at(&self, blob: Oid, path: &str) -> Option<&[CachedFinding]> {
        match self.known.get(&blob) {
            Some(Entry::Hits(_, by_path)) if self.serve_findings => {
                by_path.get(path).map(Vec::as_slice)
            }
            _ => None,
        }
    }

    /// Records what a blob yielded in this scan.
    pub fn record(&mut self, blob: Oid, entry: Entry) {
        match self.added.get_mut(&blob) {
            Some(e) => e.absorb(entry),
            None => {
                self.added.insert(blob, entry);
            }
        }
    }

    /// Writes the cache: what was known, what this scan added, and what a concurrent run saved
    /// meanwhile under the same key; atomically (temporary file, rename) under the lock. Not
    /// synced: a file cut short by a crash fails its checksum and is rebuilt. Nothing is
    /// written when this scan added nothing to an unchanged file.
    pub fn save(&mut self) -> Result<(), CacheError> {
        let dir = self.file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let _lock = FileLock::take(&self.file)?;
        let current = std::fs::read(&self.file).ok();
        let unchanged = match (&current, &self.loaded) {
            (Some(raw), Some(sum)) => header(raw) == Some((self.key.as_str(), sum.as_str())),
            _ => false,
        };
        if unchanged
            && self.added.is_empty()
            && (self.new_walk.is_none() || self.new_walk == self.walk)
        {
            return Ok(());
        }
        let mut all = std::mem::take(&mut self.known);
        if !unchanged
            && let Ok(Some((k, _, body))) = load(&self.file)
            && k == self.key
            && let Ok(theirs) = parse_blobs(body)
        {
            for (id, e) in theirs {
                match all.get_mut(&id) {
                    Some(mine) => mine.absorb(e),
                    None => {
                        all.insert(id, e);
                    }
                }
            }
        }
        for (id, e) in self.added.drain() {
            match all.get_mut(&id) {
                Some(mine) => mine.absorb(e),
                None => {
                    all.insert(id, e);
                }
            }
        }
        let walk = self.new_walk.clone().or_else(|| self.walk.clone());
        let body = body_of(&all, walk);
        self.known = all;
        let json = serde_json::to_vec(&body).expect("cache entries serialise");
        let sum = hex::encode(Sha256::digest(&json));
        self.loaded = Some(sum.clone());
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io_err(dir))?;
        let write = |t: &mut tempfile::NamedTempFile| -> std::io::Result<()> {
            writeln!(t, "{FORMAT} {} {sum}", self.key)?;
            t.write_all(&json)
        };
        write(&mut tmp).map_err(io_err(tmp.path()))?;
        tmp.persist(&self.file).map_err(|e| CacheError::Io {
            path: self.file.clone(),
            err: e.error,
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::CommitInfo;

    fn finding(secret: &str) -> Finding {
        let origin = Origin::Commit {
            commit: CommitInfo::default(),
            path: "a/.env".into(),
            more: Vec::new(),
            paths: Vec::new(),
            in_head: None,
            removed_in: None,
        };
        let s = Secret::new(secret);
        Finding {
            rule_id: "r".into(),
            rule_name: "R".into(),
            category: Category::ApiKey,
            tier: Tier::High,
            confidence: Confidence::Medium,
            context: Context::Production,
            location: Location {
                origin,
                line: 3,
                column: 5,
                end_line: 3,
                end_column: 25,
                span: 40..60,
            },
            key: Some("API_KEY".into()),
            fingerprint: Fingerprint::new("r", "a/.env", &s),
            secret: s,
            entropy: 4.1,
            encoding: None,
            matched: None,
            verification: None,
        }
    }

    #[test]
    fn a_cached_finding_masks_the_same_and_holds_no_secret() {
        for secret in [
            "sk_live_0123456789abcdefXYZ",
            "abc",
            "hunter22",
            "é\u{1}xyzéxyzxyz",
        ] {
            let f = finding(secret);
            let c = CachedFinding::of(&f, Some(Reason::Inline));
            let json = serde_json::to_string(&c).unwrap();
            assert!(!json.contains(secret), "{json}");
            let (back, r) = c.restore(f.location.origin.clone());
            assert_eq!(r, Some(Reason::Inline));
            assert_eq!(back.secret.masked(), f.secret.masked());
            assert_eq!(back.secret.salted_hash(), f.secret.salted_hash());
            assert_eq!(back.fingerprint, f.fingerprint);
            assert_eq!(back.location, f.location);
            let salted = f.secret.salted_hash();
            assert_eq!(c.digest().0, secret.len());
            assert_eq!(c.digest().1, salted);
        }
    }

    fn oid(n: u8) -> Oid {
        Oid::from_bytes(&[n; 20]).unwrap()
    }

    #[test]
    fn saves_loads_merges_and_rebuilds_a_corrupt_file() {
        let d = tempfile::tempdir().unwrap();
        let mut c = BlobCache::open(d.path(), "repo", "k1");
        assert!(c.is_empty() && c.warning.is_none());
        c.record(oid(1), Entry::Clean(10));
        c.save().unwrap();
        // A concurrent run saved another blob under the same key: both are kept.
        let mut other = BlobCache::open(d.path(), "repo", "k1");
        let mut mine = BlobCache::open(d.path(), "repo", "k1");
        other.record(oid(2), Entry::Skipped(Skip::Binary));
        other.save().unwrap();
        mine.record(oid(3), Entry::Clean(3));
        mine.save().unwrap();
        let c = BlobCache::open(d.path(), "repo", "k1");
        assert_eq!(c.len(), 3);
        assert_eq!(c.get(oid(2)), Some(&Entry::Skipped(Skip::Binary)));
        // Another key: not trusted.
        let c2 = BlobCache::open(d.path(), "repo", "k2");
        assert!(c2.is_empty());
        assert!(c2.warning.unwrap().contains("other rules"));
        // Truncated: not trusted, then rebuilt.
        let raw = std::fs::read(c.file()).unwrap();
        std::fs::write(c.file(), &raw[..raw.len() - 7]).unwrap();
        let mut c3 = BlobCache::open(d.path(), "repo", "k1");
        assert!(c3.is_empty());
        assert!(c3.warning.as_deref().unwrap().contains("checksum"));
        c3.record(oid(4), Entry::Clean(1));
        c3.save().unwrap();
        let c4 = BlobCache::open(d.path(), "repo", "k1");
        assert!(c4.warning.is_none());
        assert_eq!(c4.len(), 1);
        // Garbage: not trusted.
        std::fs::write(c.file(), b"\x00\x01garbage").unwrap();
        assert!(BlobCache::open(d.path(), "repo", "k1").warning.is_some());
    }
}
