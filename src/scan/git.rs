//! Git pipelines: the staged scan (index vs `HEAD`, findings on added lines only, one thread)
//! and the history scan (each unique blob once, in parallel, findings attributed to every
//! commit that introduced the blob, then grouped by fingerprint).
//!
//! Same imports as `scan`.

use super::cache::{BlobCache, CachedFinding, Entry, Skip, WalkMemo};
use super::{ScanOutcome, guard_finding, guard_piece, place, scan_piece};
use crate::allow::{Reason, Suppressor};
use crate::classify::{LineIndex, classify, scope_of};
use crate::detect::{Detector, RawMatch, Scratch};
use crate::finding::{CommitInfo, Finding, Fingerprint, Occurrence, Origin};
use crate::guard::Matcher;
use crate::source::git::{
    BlobRead, BlobReader, BlobStore, GitError, History, HistoryOptions, Intro, Oid, Presence,
    Removal, Revisions, WalkSummary,
};
use crate::source::staged::Staged;
use crate::source::{Piece, SkipReason, SourceError, SourceErrorKind, pieces};
use foldhash::{HashMap, HashMapExt};
use std::collections::HashSet;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// True if the finding's lines overlap an added range.
fn on_added_line(f: &Finding, added: &[RangeInclusive<usize>]) -> bool {
    let (a, b) = (f.location.line, f.location.end_line.max(f.location.line));
    added.iter().any(|r| *r.start() <= b && a <= *r.end())
}

/// Scans staged blobs on one thread. With `all_lines`, findings anywhere in a staged file are
/// kept; otherwise only those on lines the commit adds. Values `guard` recorded are looked
/// for in the same pieces.
pub fn scan_staged(
    detector: &Detector,
    suppressor: &Suppressor,
    staged: Staged,
    all_lines: bool,
    guard: Option<&Matcher>,
) -> ScanOutcome {
    let start = Instant::now();
    let mut out = ScanOutcome::default();
    let mut scratch = detector.scratch();
    // Staged paths are relative to the work tree, whatever directory vaultsweep runs in.
    let root = staged.workdir.as_deref();
    for sb in staged.blobs {
        let origin = &sb.blob.origin;
        if suppressor.path_allowed_in(root, origin.display_path(), origin.rel_path()) {
            out.skipped
                .push((origin.display_path().into(), SkipReason::Allowlisted));
            continue;
        }
        let mut one = ScanOutcome::default();
        let bytes = &sb.blob.bytes;
        one.stats.files_scanned = 1;
        // Large blobs are scanned in overlapping pieces, as large files are (bounded memory).
        for (range, piece) in pieces(bytes) {
            scan_piece(
                detector,
                suppressor,
                root,
                (&bytes[range.clone()], origin),
                &piece,
                &mut scratch,
                &mut one,
            );
            if let Some(g) = guard {
                let piece_bytes = (&bytes[range.clone()], origin);
                guard_piece(g, suppressor, root, piece_bytes, &piece, &mut one);
            }
        }
        if !all_lines {
            one.findings.retain(|f| on_added_line(f, &sb.added));
            one.suppressed.retain(|(f, _)| on_added_line(f, &sb.added));
        }
        out.merge(one);
    }
    out.skipped.extend(staged.skipped);
    out.errors.extend(staged.errors);
    out.sort();
    out.stats.elapsed = start.elapsed();
    out
}

/// What one history worker produced: findings with the walk position of their commit.
#[derive(Default)]
struct HistoryPart {
    /// Kept findings: walk position of the commit, the blob, the finding.
    kept: Vec<(u32, Oid, Finding)>,
    /// Suppressed findings: walk position, the blob (the commit for messages), the finding.
    suppressed: Vec<(u32, Oid, Finding, Reason)>,
    skipped: Vec<(PathBuf, SkipReason)>,
    errors: Vec<SourceError>,
    files: u64,
    bytes: u64,
    /// Blob reads (every read, later re-reads included).
    reads: u64,
    /// Blobs restored from the cache instead of read.
    cached: u64,
    /// What each blob read yielded, for the cache (only when there is one).
    memo: Vec<(Oid, Entry)>,
}

impl HistoryPart {
    fn merge(mut self, o: HistoryPart) -> HistoryPart {
        self.kept.extend(o.kept);
        self.suppressed.extend(o.suppressed);
        self.skipped.extend(o.skipped);
        self.errors.extend(o.errors);
        self.files += o.files;
        self.bytes += o.bytes;
        self.reads += o.reads;
        self.cached += o.cached;
        self.memo.extend(o.memo);
        self
    }
}

/// Progress of a history scan, called from the walking thread (`commit`) and from the workers
/// (`blob`).
pub trait HistoryProgress: Sync {
    /// `n` commits walked so far.
    fn commit(&self, _n: u64) {}
    /// One blob done (`bytes` scanned; 0 when skipped).
    fn blob(&self, _bytes: u64) {}
}

impl HistoryProgress for () {}

/// Blobs sent to the workers and not yet known to be clean, and blobs with findings: each with
/// the later introductions of the same blob (renames, copies, reverts) met by the walk, which
/// are attributed once the walk is over. Clean blobs leave the map as soon as they are scanned,
/// so it holds the blobs in flight plus the blobs with findings.
type Tracked = Mutex<HashMap<Oid, Vec<Intro>>>;

/// What the workers share.
struct Ctx<'a> {
    detector: &'a Detector,
    suppressor: &'a Suppressor,
    /// The work tree: allowlist globs are matched relative to it, not to the current directory.
    root: Option<&'a Path>,
    store: &'a BlobStore,
    max_file_size: u64,
    quit: &'a AtomicBool,
    progress: &'a dyn HistoryProgress,
    tracked: &'a Tracked,
    guard: Option<&'a Matcher>,
    /// Record what each blob yields (a blob cache is in use).
    record: bool,
}

/// Scans history: one thread walks the commits (comparing trees by id) and sends each blob it
/// meets for the first time to `opts.threads` workers (one repository handle each), so walking
/// and scanning overlap. A blob that is introduced again (rename, copy, revert) is not read
/// again unless it has findings; those are attributed to every introducing (commit, path).
/// Findings with the same fingerprint become one finding at the oldest introducing commit, the
/// others in `Origin::Commit::more`.
///
/// Memory: the walk's seen-blob set, the blobs in flight, and the findings.
pub fn scan_history(
    detector: &Detector,
    suppressor: &Suppressor,
    history: &History,
    opts: &HistoryOptions,
    quit: &AtomicBool,
    progress: &dyn HistoryProgress,
    guard: Option<&Matcher>,
) -> Result<(ScanOutcome, WalkSummary), GitError> {
    scan_history_cached(
        detector, suppressor, history, opts, quit, progress, None, guard,
    )
}

/// [`scan_history`] with a blob cache (`scan --history --cache`): a blob the cache knows is not
/// read; its findings at each known path are restored and attributed like fresh ones (a path
/// it was never attributed under is read as usual). What this scan read is recorded in the
/// cache (not saved: the caller saves it) unless the scan was interrupted.
#[allow(clippy::too_many_arguments)] // the guard joined the cache as an optional extra
pub fn scan_history_cached(
    detector: &Detector,
    suppressor: &Suppressor,
    history: &History,
    opts: &HistoryOptions,
    quit: &AtomicBool,
    progress: &dyn HistoryProgress,
    cache: Option<&mut BlobCache>,
    guard: Option<&Matcher>,
) -> Result<(ScanOutcome, WalkSummary), GitError> {
    let start = Instant::now();
    let threads = match opts.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let tracked = Tracked::default();
    let store = BlobStore::open(history.git_dir()).map_err(|err| GitError::Git {
        context: "cannot open the object store",
        err,
    })?;
    let ctx = Ctx {
        detector,
        suppressor,
        root: history.workdir(),
        store: &store,
        max_file_size: opts.max_file_size,
        quit,
        progress,
        tracked: &tracked,
        guard,
        record: cache.is_some(),
    };
    let known: Option<&BlobCache> = cache.as_deref();
    // A walk of every ref with findings served: the commits an earlier walk met need not be
    // walked again (see `WalkMemo`), and a memo is left for the next scan.
    let all_refs =
        matches!(opts.revisions, Revisions::All) && known.is_some_and(|c| c.serve_findings);
    let tips = if all_refs { history.tips() } else { Vec::new() };
    let memo = known
        .filter(|_| all_refs)
        .and_then(|c| usable_memo(c, history));
    let hidden: Vec<Oid> = memo
        .map(|m| {
            m.tips
                .iter()
                .filter_map(|t| Oid::from_str(t).ok())
                .collect()
        })
        .unwrap_or_default();
    let base = memo.map_or(0, |m| m.commits);
    // First introductions served by the cache: restored after the walk.
    let mut restored: Vec<Intro> = Vec::new();
    let mut cache_part = HistoryPart::default();
    // Commit messages are scanned on the walking thread (they are small), attributed to their
    // commit under the path `COMMIT_MESSAGE`.
    let mut msg_scratch = detector.scratch();
    let mut msg_part = HistoryPart::default();
    let (tx, rx) = crossbeam_channel::bounded::<Intro>(threads * 16);
    let (walked, part) = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let rx = rx.clone();
                let ctx = &ctx;
                s.spawn(move || history_worker(ctx, rx))
            })
            .collect();
        drop(rx);
        let walked = {
            let tx = tx;
            history.walk_hiding(
                &hidden,
                quit,
                &mut |seq, oid, message| {
                    let seq = seq + base;
                    let n = u64::from(seq) + 1;
                    if n.is_multiple_of(64) {
                        progress.commit(n);
                    }
                    scan_message(
                        &ctx,
                        history,
                        &mut msg_scratch,
                        seq,
                        oid,
                        message,
                        &mut msg_part,
                    );
                },
                &mut |mut intro| {
                    intro.seq += base;
                    if intro.first
                        && let Some(c) = known
                    {
                        match serve_first(c, &intro, &tracked, opts.max_file_size, &mut cache_part)
                        {
                            Served::Restore => return restored.push(intro),
                            Served::Done => return,
                            Served::No => {}
                        }
                    }
                    let mut t = tracked.lock().unwrap_or_else(|p| p.into_inner());
                    if intro.first {
                        t.insert(intro.blob, Vec::new());
                        drop(t);
                        // Fails only if every worker is gone (a panic, re-raised below).
                        let _ = tx.send(intro);
                    } else if let Some(later) = t.get_mut(&intro.blob) {
                        later.push(intro);
                    }
                },
            )
        };
        let part = workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .fold(HistoryPart::default(), HistoryPart::merge);
        (walked, part)
    });
    let mut walked = walked?;
    let mut part = part.merge(msg_part).merge(cache_part);
    let mut infos = HashMap::new();
    if let Some(c) = known {
        for i in &restored {
            restore(c, history, &mut infos, i, &mut part);
        }
        if let Some(m) = memo {
            replay(c, m, history, opts.max_file_size, &mut infos, &mut part);
            walked.commits += u64::from(m.commits);
            walked.blobs += m.blobs;
            walked.introductions += m.introductions;
            walked.submodules += m.submodule_entries;
            walked.submodule_paths.extend(m.submodules.iter().cloned());
        }
    }
    progress.commit(walked.commits);
    // Later introductions of blobs with findings: read those few blobs again.
    let later: Vec<Vec<Intro>> = tracked
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .drain()
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
        .collect();
    if !later.is_empty() && !quit.load(Ordering::Relaxed) {
        match store.reader() {
            Ok(reader) => {
                let mut scratch = detector.scratch();
                for mut intros in later {
                    // Introductions at paths the cache knows for a blob it serves: restored.
                    if let Some(c) = known {
                        intros.retain(|i| {
                            let served = c.findings_at(i.blob, &i.path).is_some()
                                && restored.iter().any(|r| r.blob == i.blob);
                            if served {
                                restore(c, history, &mut infos, i, &mut part);
                            }
                            !served
                        });
                        if intros.is_empty() {
                            continue;
                        }
                    }
                    read_and_attribute(
                        &ctx,
                        &reader,
                        &mut scratch,
                        &mut infos,
                        &intros,
                        &mut part,
                        false,
                    );
                }
            }
            Err(e) => part.errors.push(SourceError {
                path: history.git_dir().to_path_buf(),
                kind: SourceErrorKind::Io(e),
            }),
        }
    }

    // What presence needs of restored findings' values (their stand-in secrets are not them).
    let digests: HashMap<Fingerprint, CachedFinding> = match known {
        Some(c) => restored_digests(c, &part.kept),
        None => HashMap::new(),
    };
    let memo = std::mem::take(&mut part.memo);
    let interrupted = quit.load(Ordering::Relaxed);
    let new_walk = (all_refs && !interrupted && walked.errors.is_empty())
        .then(|| walk_memo(&tips, &walked, &part, opts.max_file_size));
    let mut out = ScanOutcome {
        findings: if interrupted {
            group(part.kept).into_iter().map(|(f, _)| f).collect()
        } else {
            mark_presence(history, group(part.kept), &digests)
        },
        suppressed: {
            let mut seen = std::collections::HashSet::new();
            let mut v = part.suppressed;
            v.sort_by_key(|(c, _, f, _)| (*c, f.location.line));
            v.into_iter()
                .filter(|(_, _, f, _)| seen.insert(f.fingerprint.clone()))
                .map(|(_, _, f, r)| (f, r))
                .collect()
        },
        skipped: part.skipped,
        errors: walked.errors.clone(),
        ..ScanOutcome::default()
    };
    out.errors.extend(part.errors);
    out.skipped.extend(
        walked
            .submodule_paths
            .iter()
            .map(|p| (PathBuf::from(p), SkipReason::Submodule)),
    );
    out.stats.files_scanned = part.files;
    out.stats.bytes_scanned = part.bytes;
    out.stats.blobs_read = part.reads;
    out.stats.blobs_cached = part.cached;
    if let Some(c) = cache
        && !interrupted
    {
        for (blob, entry) in memo {
            c.record(blob, entry);
        }
        c.new_walk = new_walk;
    }
    out.sort();
    out.stats.elapsed = start.elapsed();
    Ok((out, walked))
}

/// The path history findings in a commit message are reported under.
pub const COMMIT_MESSAGE: &str = "(commit message)";

/// Scans one commit message: its findings are attributed to the commit.
fn scan_message(
    ctx: &Ctx<'_>,
    history: &History,
    scratch: &mut Scratch,
    seq: u32,
    commit: Oid,
    message: &[u8],
    part: &mut HistoryPart,
) {
    let matches = ctx.detector.detect(message, scratch);
    if matches.is_empty() {
        return;
    }
    let origin = Origin::Commit {
        commit: history.commit_info(commit),
        path: COMMIT_MESSAGE.to_string(),
        more: Vec::new(),
        paths: Vec::new(),
        in_head: None,
        removed_in: None,
    };
    let lines = LineIndex::new(message);
    for m in matches {
        let f = classify(ctx.detector.rules(), m, message, &origin, &lines);
        match ctx.suppressor.check_in(ctx.root, &f, message) {
            None => part.kept.push((seq, commit, f)),
            Some(r) => part.suppressed.push((seq, commit, f, r)),
        }
    }
}

/// `<short commit>:<path>`, how history blobs are named in skips and errors.
fn label(i: &Intro) -> PathBuf {
    let id = i.commit.to_string();
    PathBuf::from(format!("{}:{}", &id[..12.min(id.len())], i.path))
}

/// Window bytes each history worker remembers rule results for (successive versions of a file
/// share most windows; see `Scratch::remember_windows`).
const WINDOW_MEMO_BYTES: usize = 16 << 20;

/// One worker: reads, detects and attributes the blobs the walk sends until the channel closes.
fn history_worker(ctx: &Ctx<'_>, rx: crossbeam_channel::Receiver<Intro>) -> HistoryPart {
    let reader = ctx.store.reader();
    let mut scratch = ctx.detector.scratch();
    scratch.remember_windows(WINDOW_MEMO_BYTES);
    let mut infos: HashMap<Oid, CommitInfo> = HashMap::new();
    let mut part = HistoryPart::default();
    for intro in rx {
        let hit = !ctx.quit.load(Ordering::Relaxed)
            && scan_one(ctx, &reader, &mut scratch, &mut infos, &intro, &mut part);
        if !hit {
            ctx.tracked
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .remove(&intro.blob);
        }
    }
    part
}

/// Scans a blob at its first introduction; true if it has matches (whatever their verdict).
fn scan_one(
    ctx: &Ctx<'_>,
    reader: &Result<BlobReader, String>,
    scratch: &mut Scratch,
    infos: &mut HashMap<Oid, CommitInfo>,
    intro: &Intro,
    part: &mut HistoryPart,
) -> bool {
    let reader = match reader {
        Ok(r) => r,
        Err(e) => {
            part.errors.push(SourceError {
                path: label(intro),
                kind: SourceErrorKind::Io(e.clone()),
            });
            return false;
        }
    };
    read_and_attribute(
        ctx,
        reader,
        scratch,
        infos,
        std::slice::from_ref(intro),
        part,
        true,
    )
}

/// The one read → detect → attribute path of history: reads the blob of `intros` (all the same
/// blob), detects, and attributes its matches to every introduction. `first`: this is the
/// blob's first scan, so skips and errors are recorded (against `intros[0]`) and it is counted.
/// True if the blob has matches (whatever their verdict).
fn read_and_attribute(
    ctx: &Ctx<'_>,
    reader: &BlobReader,
    scratch: &mut Scratch,
    infos: &mut HashMap<Oid, CommitInfo>,
    intros: &[Intro],
    part: &mut HistoryPart,
    first: bool,
) -> bool {
    part.reads += 1;
    let bytes = match reader.read(intros[0].blob, ctx.max_file_size) {
        BlobRead::Bytes(b) => b,
        BlobRead::Skipped(r) => {
            if ctx.record
                && let Some(s) = Skip::of(&r, ctx.max_file_size)
            {
                part.memo.push((intros[0].blob, Entry::Skipped(s)));
            }
            if first {
                part.skipped.push((label(&intros[0]), r));
                ctx.progress.blob(0);
            }
            return false;
        }
        BlobRead::Error(e) => {
            if first {
                part.errors.push(SourceError {
                    path: label(&intros[0]),
                    kind: SourceErrorKind::Io(e),
                });
            }
            return false;
        }
    };
    if first {
        part.files += 1;
        part.bytes += bytes.len() as u64;
        ctx.progress.blob(bytes.len() as u64);
    }
    // A large blob is detected in overlapping pieces, as large files are.
    let (kept0, suppressed0) = (part.kept.len(), part.suppressed.len());
    let mut hit = false;
    let scope = scope_of(&intros[0].path, &bytes);
    for (range, piece) in pieces(&bytes) {
        if let Some(g) = ctx.guard {
            hit |= attribute_guard(
                g,
                ctx,
                reader,
                infos,
                (&bytes[range.clone()], &piece),
                intros,
                part,
            );
        }
        let matches = ctx
            .detector
            .detect_in(&bytes[range.clone()], scope, scratch);
        if !matches.is_empty() {
            hit = true;
            attribute(
                ctx,
                reader,
                infos,
                (&bytes[range], &piece),
                matches,
                intros,
                part,
            );
        }
    }
    if ctx.record {
        let entry = if hit {
            Entry::Hits(
                bytes.len() as u64,
                memo_of(intros, &part.kept[kept0..], &part.suppressed[suppressed0..]),
            )
        } else {
            Entry::Clean(bytes.len() as u64)
        };
        part.memo.push((intros[0].blob, entry));
    }
    hit
}

/// What one read of a blob with matches yielded at each of its paths, for the cache: the
/// findings of the first introduction at each path (the others are copies with another
/// commit), kept and suppressed. A path with none (allowlisted) is recorded empty.
fn memo_of(
    intros: &[Intro],
    kept: &[(u32, Oid, Finding)],
    suppressed: &[(u32, Oid, Finding, Reason)],
) -> std::collections::BTreeMap<String, Vec<CachedFinding>> {
    let mut out = std::collections::BTreeMap::new();
    for i in intros {
        if out.contains_key(&i.path) {
            continue;
        }
        let here =
            |seq: u32, f: &Finding| seq == i.seq && f.location.origin.display_path() == i.path;
        let v: Vec<CachedFinding> = kept
            .iter()
            .filter(|(s, _, f)| here(*s, f))
            .map(|(_, _, f)| CachedFinding::of(f, None))
            .chain(
                suppressed
                    .iter()
                    .filter(|(s, _, f, _)| here(*s, f))
                    .map(|(_, _, f, r)| CachedFinding::of(f, Some(*r))),
            )
            .collect();
        out.insert(i.path.clone(), v);
    }
    out
}

/// The cache's walk memo, if it can be trusted: every commit it started from is still
/// reachable, and every introduction it lists can be served.
fn usable_memo<'c>(c: &'c BlobCache, history: &History) -> Option<&'c WalkMemo> {
    let m = c.walk.as_ref()?;
    let tips: Vec<Oid> = m
        .tips
        .iter()
        .map(|t| Oid::from_str(t).ok())
        .collect::<Option<_>>()?;
    let servable = m.hits.iter().all(|(_, _, blob, path)| {
        Oid::from_str(blob).is_ok_and(|b| c.findings_at(b, path).is_some())
    });
    (servable && history.reaches(&tips)).then_some(m)
}

/// Restores what the commits of a walk memo introduced: findings (blobs and messages), skips
/// and counts.
fn replay(
    c: &BlobCache,
    m: &WalkMemo,
    history: &History,
    max_file_size: u64,
    infos: &mut HashMap<Oid, CommitInfo>,
    part: &mut HistoryPart,
) {
    for (seq, commit, blob, path) in &m.hits {
        let (Ok(commit), Ok(blob)) = (Oid::from_str(commit), Oid::from_str(blob)) else {
            continue;
        };
        let i = Intro {
            blob,
            first: true,
            seq: *seq,
            commit,
            path: path.clone(),
        };
        restore(c, history, infos, &i, part);
    }
    for (seq, commit, cf) in &m.messages {
        let Ok(id) = Oid::from_str(commit) else {
            continue;
        };
        let info = infos
            .entry(id)
            .or_insert_with(|| history.commit_info(id))
            .clone();
        let origin = Origin::Commit {
            commit: info,
            path: COMMIT_MESSAGE.to_string(),
            more: Vec::new(),
            paths: Vec::new(),
            in_head: None,
            removed_in: None,
        };
        match cf.restore(origin) {
            (f, None) => part.kept.push((*seq, id, f)),
            (f, Some(r)) => part.suppressed.push((*seq, id, f, r)),
        }
    }
    for (label, skip) in &m.skipped {
        part.skipped
            .push((PathBuf::from(label), skip.reason(max_file_size)));
    }
    part.files += m.files;
    part.bytes += m.bytes;
    part.cached += m.blobs;
}

/// The walk memo this scan leaves: where it started, what it counted, and every introduction
/// with findings (old ones replayed included).
fn walk_memo(
    tips: &[Oid],
    walked: &WalkSummary,
    part: &HistoryPart,
    max_file_size: u64,
) -> WalkMemo {
    let mut hits: Vec<(u32, String, String, String)> = Vec::new();
    let mut messages = Vec::new();
    let commit_of = |f: &Finding| f.location.origin.commit().map(|c| c.id.clone());
    let entries = part.kept.iter().map(|(s, b, f)| (*s, *b, f, None)).chain(
        part.suppressed
            .iter()
            .map(|(s, b, f, r)| (*s, *b, f, Some(*r))),
    );
    for (seq, blob, f, verdict) in entries {
        let Some(commit) = commit_of(f) else { continue };
        let path = f.location.origin.display_path();
        if path == COMMIT_MESSAGE {
            messages.push((seq, commit, CachedFinding::of(f, verdict)));
        } else {
            hits.push((seq, commit, blob.to_string(), path.to_string()));
        }
    }
    hits.sort();
    hits.dedup();
    WalkMemo {
        tips: tips.iter().map(Oid::to_string).collect(),
        commits: u32::try_from(walked.commits).unwrap_or(u32::MAX),
        blobs: walked.blobs,
        introductions: walked.introductions,
        files: part.files,
        bytes: part.bytes,
        hits,
        skipped: part
            .skipped
            .iter()
            .filter_map(|(p, r)| Skip::of(r, max_file_size).map(|s| (p.display().to_string(), s)))
            .collect(),
        submodules: walked.submodule_paths.iter().cloned().collect(),
        submodule_entries: walked.submodules,
        messages,
    }
}

/// What the cache did with a blob's first introduction.
enum Served {
    /// Nothing: read it.
    No,
    /// Clean or skipped: counted, nothing more to do.
    Done,
    /// Findings at this path: restore them (after the walk).
    Restore,
}

/// Serves a blob's first introduction from the cache if it can. A blob with findings is
/// tracked, so its later introductions are attributed after the walk, as for a read blob.
fn serve_first(
    c: &BlobCache,
    intro: &Intro,
    tracked: &Tracked,
    max_file_size: u64,
    part: &mut HistoryPart,
) -> Served {
    match c.get(intro.blob) {
        Some(Entry::Clean(size)) => {
            part.files += 1;
            part.bytes += size;
            part.cached += 1;
            Served::Done
        }
        Some(Entry::Skipped(s)) => {
            part.skipped.push((label(intro), s.reason(max_file_size)));
            part.cached += 1;
            Served::Done
        }
        Some(Entry::Hits(size, _)) if c.findings_at(intro.blob, &intro.path).is_some() => {
            part.files += 1;
            part.bytes += size;
            part.cached += 1;
            tracked
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(intro.blob, Vec::new());
            Served::Restore
        }
        _ => Served::No,
    }
}

/// Restores the cached findings of one introduction, attributed to its commit.
fn restore(
    c: &BlobCache,
    history: &History,
    infos: &mut HashMap<Oid, CommitInfo>,
    i: &Intro,
    part: &mut HistoryPart,
) {
    let Some(found) = c.findings_at(i.blob, &i.path) else {
        return;
    };
    if found.is_empty() {
        return;
    }
    let commit = infos
        .entry(i.commit)
        .or_insert_with(|| history.commit_info(i.commit))
        .clone();
    for cf in found {
        let origin = Origin::Commit {
            commit: commit.clone(),
            path: i.path.clone(),
            more: Vec::new(),
            paths: Vec::new(),
            in_head: None,
            removed_in: None,
        };
        match cf.restore(origin) {
            (f, None) => part.kept.push((i.seq, i.blob, f)),
            (f, Some(r)) => part.suppressed.push((i.seq, i.blob, f, r)),
        }
    }
}

/// For each kept finding restored from the cache (its blob served by it), what recognises its
/// value (its secret is a stand-in). One fingerprint is one value, so the digest also serves a
/// group whose first finding was read in this scan.
fn restored_digests(
    c: &BlobCache,
    kept: &[(u32, Oid, Finding)],
) -> HashMap<Fingerprint, CachedFinding> {
    let mut out = HashMap::new();
    for (_, blob, f) in kept {
        let path = f.location.origin.display_path();
        if let Some(cf) = c
            .findings_at(*blob, path)
            .and_then(|v| v.iter().find(|cf| cf.fingerprint() == &f.fingerprint))
        {
            out.entry(f.fingerprint.clone())
                .or_insert_with(|| cf.clone());
        }
    }
    out
}

/// Classifies the `matches` of one blob (or of one piece of it: only the matches it owns, placed
/// in the whole blob) for each of its introductions: once per distinct path
/// (classification depends on the path), then copied per commit.
fn attribute(
    ctx: &Ctx<'_>,
    reader: &BlobReader,
    infos: &mut HashMap<Oid, CommitInfo>,
    (bytes, piece): (&[u8], &Piece),
    matches: &[RawMatch],
    intros: &[Intro],
    part: &mut HistoryPart,
) {
    if matches.is_empty() {
        return;
    }
    let lines = LineIndex::new(bytes);
    let mut info = |id: Oid| {
        infos
            .entry(id)
            .or_insert_with(|| reader.commit_info(id))
            .clone()
    };
    let mut by_path: Vec<(&str, Vec<&Intro>)> = Vec::new();
    for i in intros {
        match by_path.iter_mut().find(|(p, _)| *p == i.path) {
            Some((_, v)) => v.push(i),
            None => by_path.push((&i.path, vec![i])),
        }
    }
    for (path, group) in by_path {
        if ctx.suppressor.path_allowed_in(ctx.root, path, path) {
            continue;
        }
        for m in matches
            .iter()
            .filter(|m| piece.owned.contains(&m.span.start))
        {
            let origin = Origin::Commit {
                commit: info(group[0].commit),
                path: path.to_string(),
                more: Vec::new(),
                paths: Vec::new(),
                in_head: None,
                removed_in: None,
            };
            let mut f = classify(ctx.detector.rules(), m, bytes, &origin, &lines);
            let verdict = ctx.suppressor.check_in(ctx.root, &f, bytes);
            place(&mut f, piece);
            for (n, i) in group.iter().enumerate() {
                let mut f = f.clone();
                if n > 0
                    && let Origin::Commit { commit, .. } = &mut f.location.origin
                {
                    *commit = info(i.commit);
                }
                match verdict {
                    None => part.kept.push((i.seq, i.blob, f)),
                    Some(r) => part.suppressed.push((i.seq, i.blob, f, r)),
                }
            }
        }
    }
}

/// The guard findings of one blob (or piece) for each of its introductions, as [`attribute`]
/// does for matches. True if a recorded value is in it (whatever the verdict).
fn attribute_guard(
    guard: &Matcher,
    ctx: &Ctx<'_>,
    reader: &BlobReader,
    infos: &mut HashMap<Oid, CommitInfo>,
    (bytes, piece): (&[u8], &Piece),
    intros: &[Intro],
    part: &mut HistoryPart,
) -> bool {
    let mut hits = Vec::new();
    guard.find(bytes, &mut hits);
    hits.retain(|h| piece.owned.contains(&h.span.start));
    if hits.is_empty() {
        return false;
    }
    let lines = LineIndex::new(bytes);
    for i in intros {
        if ctx.suppressor.path_allowed_in(ctx.root, &i.path, &i.path) {
            continue;
        }
        let commit = infos
            .entry(i.commit)
            .or_insert_with(|| reader.commit_info(i.commit))
            .clone();
        let origin = Origin::Commit {
            commit,
            path: i.path.clone(),
            more: Vec::new(),
            paths: Vec::new(),
            in_head: None,
            removed_in: None,
        };
        for h in &hits {
            let mut f = guard_finding(guard, h, bytes, &origin, &lines);
            let verdict = ctx.suppressor.check_in(ctx.root, &f, bytes);
            place(&mut f, piece);
            match verdict {
                None => part.kept.push((i.seq, i.blob, f)),
                Some(r) => part.suppressed.push((i.seq, i.blob, f, r)),
            }
        }
    }
    true
}

/// One finding per secret, at the oldest introducing commit (topological order), with the
/// other introductions as occurrences. The same match in the same blob under several paths
/// (a rename or copy) is one secret: it keeps the identity of its oldest introduction, and the
/// finding lists every path. Returns each finding with the blobs that hold it.
fn group(kept: Vec<(u32, Oid, Finding)>) -> Vec<(Finding, HashSet<Oid>)> {
    type Key = (Oid, String, usize);
    let key = |blob: Oid, f: &Finding| (blob, f.rule_id.clone(), f.location.span.start);
    let path = |f: &Finding| f.location.origin.display_path().to_string();
    // The oldest (commit, path) of each match in each blob.
    let mut canon: HashMap<Key, (u32, String, Fingerprint)> = HashMap::new();
    for (seq, blob, f) in &kept {
        let cand = (*seq, path(f), f.fingerprint.clone());
        canon
            .entry(key(*blob, f))
            .and_modify(|c| {
                if (cand.0, &cand.1) < (c.0, &c.1) {
                    *c = cand.clone();
                }
            })
            .or_insert(cand);
    }
    // A fingerprint at a later path stands for the one at the oldest path.
    let mut alias: HashMap<Fingerprint, Fingerprint> = HashMap::new();
    for (_, blob, f) in &kept {
        let c = &canon[&key(*blob, f)];
        if c.2 != f.fingerprint {
            alias.insert(f.fingerprint.clone(), c.2.clone());
        }
    }
    let resolve = |fp: &Fingerprint| {
        let mut fp = fp.clone();
        // Renames chain (a → b → c); the cap guards against a cycle in odd histories.
        for _ in 0..16 {
            match alias.get(&fp) {
                Some(next) if *next != fp => fp = next.clone(),
                _ => break,
            }
        }
        fp
    };
    let mut groups: HashMap<Fingerprint, Vec<(u32, Oid, Finding)>> = HashMap::new();
    for (c, blob, f) in kept {
        groups
            .entry(resolve(&f.fingerprint))
            .or_default()
            .push((c, blob, f));
    }
    let mut out = Vec::with_capacity(groups.len());
    for (_, mut v) in groups {
        v.sort_by(|a, b| {
            (a.0, path(&a.2), a.2.location.line, a.2.location.column).cmp(&(
                b.0,
                path(&b.2),
                b.2.location.line,
                b.2.location.column,
            ))
        });
        let blobs: HashSet<Oid> = v.iter().map(|(_, b, _)| *b).collect();
        let mut all_paths: Vec<String> = Vec::new();
        for (_, _, f) in &v {
            let p = path(f);
            if !all_paths.contains(&p) {
                all_paths.push(p);
            }
        }
        let mut it = v.into_iter();
        let (_, _, mut first) = it.next().expect("groups are never empty");
        let rest: Vec<Occurrence> = it
            .filter_map(|(_, _, f)| match f.location.origin {
                Origin::Commit { commit, .. } => Some(Occurrence {
                    commit,
                    line: f.location.line,
                }),
                _ => None,
            })
            .collect();
        if let Origin::Commit { more, paths, .. } = &mut first.location.origin {
            *more = rest;
            if all_paths.len() > 1 {
                *paths = all_paths;
            }
        }
        out.push((first, blobs));
    }
    out
}

/// Commits looked back along `HEAD`'s first-parent line for the one that removed a secret
/// (also `vault audit`'s, so both say the same of one value).
pub const REMOVAL_LOOKBACK: usize = 10_000;

/// Sets `in_head` and `removed_in` on each history finding (one walk back for all of them).
fn mark_presence(
    history: &History,
    grouped: Vec<(Finding, HashSet<Oid>)>,
    digests: &HashMap<Fingerprint, CachedFinding>,
) -> Vec<Finding> {
    let digest = |f: &Finding| {
        if f.encoding.is_some() {
            return None;
        }
        digests.get(&f.fingerprint).map(CachedFinding::digest)
    };
    let needles: Vec<Vec<u8>> = grouped
        .iter()
        .map(|(f, _)| {
            if f.encoding.is_some() || digest(f).is_some() {
                Vec::new() // decoded: the blob holds it encoded; judge by blob id only
            } else {
                f.secret.expose().to_vec()
            }
        })
        .collect();
    let paths: Vec<Vec<String>> = grouped
        .iter()
        .map(|(f, _)| match &f.location.origin {
            Origin::Commit { path, paths, .. } if paths.is_empty() => vec![path.clone()],
            Origin::Commit { paths, .. } => paths.clone(),
            _ => Vec::new(),
        })
        .collect();
    // Commit messages never leave history: nothing to look up.
    let asked: Vec<usize> = (0..grouped.len())
        .filter(|&i| grouped[i].0.location.origin.display_path() != COMMIT_MESSAGE)
        .collect();
    let queries: Vec<Presence<'_>> = asked
        .iter()
        .map(|&i| Presence {
            paths: &paths[i],
            blobs: &grouped[i].1,
            needle: &needles[i],
            digest: digest(&grouped[i].0),
        })
        .collect();
    let answers = history.presence(&queries, REMOVAL_LOOKBACK);
    let mut by_index: HashMap<usize, Removal> = HashMap::new();
    for (&i, a) in asked.iter().zip(answers) {
        if let Some(a) = a {
            by_index.insert(i, a);
        }
    }
    grouped
        .into_iter()
        .enumerate()
        .map(|(i, (mut f, _))| {
            let is_message = f.location.origin.display_path() == COMMIT_MESSAGE;
            if let Origin::Commit {
                in_head,
                removed_in,
                ..
            } = &mut f.location.origin
            {
                if is_message {
                    *in_head = Some(false);
                } else if let Some((head, removed)) = by_index.remove(&i) {
                    *in_head = Some(head);
                    *removed_in = removed.map(Box::new);
                }
            }
            f
        })
        .collect()
}
