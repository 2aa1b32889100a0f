//! The library pipeline: source → detect → classify → allow, collected into a sorted
//! [`ScanOutcome`]. Benches and tests call this without a command line.
//!
//! Imports `source`, `detect`, `classify`, `allow`, `rules`, `finding`.

pub mod cache;
pub mod git;

use crate::allow::{Reason, Suppressor};
use crate::classify::{LineIndex, classify, scope_of};
use crate::detect::{ClassLimit, Detector, Scratch};
use crate::finding::{Finding, Origin};
use crate::source::fs::{WalkOptions, walk};
use crate::source::{Event, Piece, SkipReason, SourceError};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// Counters of a scan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanStats {
    /// Files (blobs) scanned.
    pub files_scanned: u64,
    /// Bytes scanned.
    pub bytes_scanned: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// History: blob reads (later re-reads of blobs with findings included).
    pub blobs_read: u64,
    /// History: blobs served by the blob cache instead of read (counted in `files_scanned`).
    pub blobs_cached: u64,
}

/// Everything a scan produced.
#[derive(Debug, Default)]
pub struct ScanOutcome {
    /// Kept findings, sorted by path, line, column, rule.
    pub findings: Vec<Finding>,
    /// Suppressed findings and why.
    pub suppressed: Vec<(Finding, Reason)>,
    /// Paths deliberately not scanned.
    pub skipped: Vec<(PathBuf, SkipReason)>,
    /// Paths that could not be scanned (the scan is incomplete).
    pub errors: Vec<SourceError>,
    /// Counters.
    pub stats: ScanStats,
}

impl ScanOutcome {
    fn merge(&mut self, other: ScanOutcome) {
        self.findings.extend(other.findings);
        self.suppressed.extend(other.suppressed);
        self.skipped.extend(other.skipped);
        self.errors.extend(other.errors);
        self.stats.files_scanned += other.stats.files_scanned;
        self.stats.bytes_scanned += other.stats.bytes_scanned;
    }

    fn sort(&mut self) {
        let key = |f: &Finding| {
            (
                f.location.origin.display_path().to_string(),
                f.location.line,
                f.location.column,
                f.rule_id.clone(),
            )
        };
        self.findings.sort_by_cached_key(key);
        self.suppressed.sort_by_cached_key(|(f, _)| key(f));
        self.skipped.sort_by(|a, b| a.0.cmp(&b.0));
        self.errors.sort_by(|a, b| a.path.cmp(&b.path));
    }
}

/// Scans one blob: detect, classify and suppress. `scratch` is the caller's per-thread space.
/// A blob of a file class the policy skips is recorded as skipped instead.
pub fn scan_blob(
    detector: &Detector,
    suppressor: &Suppressor,
    bytes: &[u8],
    origin: &Origin,
    scratch: &mut Scratch,
    out: &mut ScanOutcome,
) {
    let scope = scope_of(origin.display_path(), bytes);
    if detector.policy().limit(scope.class) == ClassLimit::Skip {
        // Policy, not a gap: named on stderr and counted as skipped, never scanned silently.
        out.skipped.push((
            origin.display_path().into(),
            SkipReason::FileClass(scope.class.as_str()),
        ));
        return;
    }
    out.stats.files_scanned += 1;
    out.stats.bytes_scanned += bytes.len() as u64;
    let matches = detector.detect_in(bytes, scope, scratch);
    if matches.is_empty() {
        return;
    }
    let lines = LineIndex::new(bytes);
    for m in matches {
        let finding = classify(detector.rules(), m, bytes, origin, &lines);
        match suppressor.check(&finding, bytes) {
            None => out.findings.push(finding),
            Some(reason) => out.suppressed.push((finding, reason)),
        }
    }
}

/// Scans one piece of a large content (`bytes` is the piece, `origin` the content's): only the
/// matches it owns,
/// suppressed (paths relative to `root`, as [`Suppressor::check_in`]) and then located in the
/// whole content (line, column and byte span shifted by the piece's position). Returns the
/// kept and suppressed findings.
pub fn scan_piece(
    detector: &Detector,
    suppressor: &Suppressor,
    root: Option<&std::path::Path>,
    (bytes, origin): (&[u8], &Origin),
    piece: &Piece,
    scratch: &mut Scratch,
    out: &mut ScanOutcome,
) {
    // Bytes this piece owns (the overlap is counted once).
    out.stats.bytes_scanned += bytes
        .len()
        .min(piece.owned.end)
        .saturating_sub(piece.owned.start) as u64;
    // Only the first piece holds the head that generated-code and minified checks read; later
    // pieces of the same content are judged by its name.
    let head: &[u8] = if piece.offset == 0 { bytes } else { b"" };
    let matches = detector.detect_in(bytes, scope_of(origin.display_path(), head), scratch);
    if matches.is_empty() {
        return;
    }
    let lines = LineIndex::new(bytes);
    for m in matches {
        if !piece.owned.contains(&m.span.start) {
            continue; // the neighbouring piece sees it whole and reports it
        }
        let mut f = classify(detector.rules(), m, bytes, origin, &lines);
        let verdict = suppressor.check_in(root, &f, bytes);
        place(&mut f, piece);
        match verdict {
            None => out.findings.push(f),
            Some(reason) => out.suppressed.push((f, reason)),
        }
    }
}

/// Moves a finding classified within a piece to its place in the whole content: line, column
/// (on the piece's first line) and byte span.
pub fn place(f: &mut Finding, piece: &Piece) {
    let loc = &mut f.location;
    if loc.line == 1 {
        loc.column += piece.first_column;
    }
    if loc.end_line == 1 {
        loc.end_column += piece.first_column;
    }
    loc.line += piece.first_line - 1;
    loc.end_line += piece.first_line - 1;
    let offset = piece.offset as usize;
    loc.span = loc.span.start + offset..loc.span.end + offset;
}

/// Sees every whole blob a tree scan reads (after the path allowlist; not the pieces of large
/// files), so a caller can look for something else in the same read (`assess` looks for
/// `vault:` references).
pub type Observer<'a> = &'a (dyn Fn(&Origin, &[u8]) + Sync);

/// Per-thread worker: scratch and a local outcome, merged into the shared one on drop.
struct Worker<'a> {
    detector: &'a Detector,
    suppressor: &'a Suppressor,
    scratch: Scratch,
    local: ScanOutcome,
    shared: &'a Mutex<ScanOutcome>,
    observe: Option<Observer<'a>>,
}

impl Worker<'_> {
    fn handle(&mut self, event: Event) {
        match event {
            Event::Blob(blob) => {
                if self
                    .suppressor
                    .path_allowed(blob.origin.display_path(), blob.origin.rel_path())
                {
                    return;
                }
                if let Some(o) = self.observe {
                    o(&blob.origin, &blob.bytes);
                }
                scan_blob(
                    self.detector,
                    self.suppressor,
                    &blob.bytes,
                    &blob.origin,
                    &mut self.scratch,
                    &mut self.local,
                );
            }
            Event::Chunk(chunk) => {
                let origin = &chunk.blob.origin;
                if self
                    .suppressor
                    .path_allowed(origin.display_path(), origin.rel_path())
                {
                    return;
                }
                // A file counts once, at its first chunk.
                self.local.stats.files_scanned += u64::from(chunk.piece.offset == 0);
                scan_piece(
                    self.detector,
                    self.suppressor,
                    None,
                    (&chunk.blob.bytes, origin),
                    &chunk.piece,
                    &mut self.scratch,
                    &mut self.local,
                );
            }
            Event::Skipped { path, reason } => self.local.skipped.push((path, reason)),
            Event::Error(e) => self.local.errors.push(e),
        }
    }
}

impl Drop for Worker<'_> {
    fn drop(&mut self) {
        let local = std::mem::take(&mut self.local);
        self.shared
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .merge(local);
    }
}

/// Scans files and directories in parallel.
pub fn scan_tree(
    detector: &Detector,
    suppressor: &Suppressor,
    opts: &WalkOptions,
    quit: &AtomicBool,
) -> ScanOutcome {
    scan_tree_observed(detector, suppressor, opts, quit, None)
}

/// [`scan_tree`], showing every whole blob read to `observe` as well.
pub fn scan_tree_observed(
    detector: &Detector,
    suppressor: &Suppressor,
    opts: &WalkOptions,
    quit: &AtomicBool,
    observe: Option<Observer<'_>>,
) -> ScanOutcome {
    let start = Instant::now();
    let shared = Mutex::new(ScanOutcome::default());
    walk(opts, quit, || {
        let mut w = Worker {
            detector,
            suppressor,
            scratch: detector.scratch(),
            local: ScanOutcome::default(),
            shared: &shared,
            observe,
        };
        move |ev| w.handle(ev)
    });
    let mut outcome = shared.into_inner().unwrap_or_else(|p| p.into_inner());
    outcome.sort();
    outcome.stats.elapsed = start.elapsed();
    outcome
}
