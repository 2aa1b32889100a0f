//! Git pipelines: the staged scan (index vs `HEAD`, findings on added lines only, one thread)
//! and the history scan (each unique blob once, in parallel, findings attributed to every
//! commit that introduced the blob, then grouped by fingerprint).
//!
//! Same imports as `scan`.

use super::{ScanOutcome, scan_blob};
use crate::allow::{Reason, Suppressor};
use crate::classify::{LineIndex, classify};
use crate::detect::Detector;
use crate::finding::{Finding, Fingerprint, Occurrence, Origin};
use crate::source::git::{BlobRead, BlobReader, HistoryPlan};
use crate::source::staged::Staged;
use crate::source::{SkipReason, SourceError, SourceErrorKind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// True if the finding's lines overlap an added range.
fn on_added_line(f: &Finding, added: &[RangeInclusive<usize>]) -> bool {
    let (a, b) = (f.location.line, f.location.end_line.max(f.location.line));
    added.iter().any(|r| *r.start() <= b && a <= *r.end())
}

/// Scans staged blobs on one thread. With `all_lines`, findings anywhere in a staged file are
/// kept; otherwise only those on lines the commit adds.
pub fn scan_staged(
    detector: &Detector,
    suppressor: &Suppressor,
    staged: Staged,
    all_lines: bool,
) -> ScanOutcome {
    let start = Instant::now();
    let mut out = ScanOutcome::default();
    let mut scratch = detector.scratch();
    for sb in staged.blobs {
        let origin = &sb.blob.origin;
        if suppressor.path_allowed(origin.display_path(), origin.rel_path()) {
            out.skipped
                .push((origin.display_path().into(), SkipReason::Allowlisted));
            continue;
        }
        let mut one = ScanOutcome::default();
        scan_blob(
            detector,
            suppressor,
            &sb.blob.bytes,
            origin,
            &mut scratch,
            &mut one,
        );
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

/// What one history worker produced: findings with the index of their commit.
#[derive(Default)]
struct HistoryPart {
    kept: Vec<(u32, Finding)>,
    suppressed: Vec<(u32, Finding, Reason)>,
    skipped: Vec<(PathBuf, SkipReason)>,
    errors: Vec<SourceError>,
    files: u64,
    bytes: u64,
}

impl HistoryPart {
    fn merge(mut self, o: HistoryPart) -> HistoryPart {
        self.kept.extend(o.kept);
        self.suppressed.extend(o.suppressed);
        self.skipped.extend(o.skipped);
        self.errors.extend(o.errors);
        self.files += o.files;
        self.bytes += o.bytes;
        self
    }
}

/// Scans every unique blob of `plan` once, in parallel (one repository handle per worker), and
/// attributes each finding to every (commit, path) that introduced the blob. Findings with the
/// same fingerprint become one finding at the oldest introducing commit, the others listed in
/// `Origin::Commit::more`. `on_blob(bytes)` is called after each blob.
pub fn scan_history(
    detector: &Detector,
    suppressor: &Suppressor,
    plan: &HistoryPlan,
    max_file_size: u64,
    quit: &AtomicBool,
    on_blob: &(dyn Fn(u64) + Sync),
) -> ScanOutcome {
    let start = Instant::now();
    let git_dir = plan.git_dir.clone();
    let part = plan
        .blobs
        .par_iter()
        .map_init(
            || (BlobReader::open(&git_dir), detector.scratch()),
            |(repo, scratch), (oid, intros)| {
                let mut part = HistoryPart::default();
                if quit.load(Ordering::Relaxed) {
                    return part;
                }
                let first_path = || {
                    PathBuf::from(format!(
                        "{}:{}",
                        short(plan, intros[0].commit),
                        intros[0].path
                    ))
                };
                let reader = match repo {
                    Ok(r) => r,
                    Err(e) => {
                        part.errors.push(SourceError {
                            path: first_path(),
                            kind: SourceErrorKind::Io(e.clone()),
                        });
                        return part;
                    }
                };
                let bytes = match reader.read(*oid, max_file_size) {
                    BlobRead::Bytes(b) => b,
                    BlobRead::Skipped(r) => {
                        part.skipped.push((first_path(), r));
                        on_blob(0);
                        return part;
                    }
                    BlobRead::Error(e) => {
                        part.errors.push(SourceError {
                            path: first_path(),
                            kind: SourceErrorKind::Io(e),
                        });
                        return part;
                    }
                };
                part.files = 1;
                part.bytes = bytes.len() as u64;
                on_blob(bytes.len() as u64);
                let matches = detector.detect(&bytes, scratch);
                if matches.is_empty() {
                    return part;
                }
                let lines = LineIndex::new(&bytes);
                // Classification depends on the path: once per distinct path, then per commit.
                let mut by_path: Vec<(&str, Vec<u32>)> = Vec::new();
                for i in intros {
                    match by_path.iter_mut().find(|(p, _)| *p == &*i.path) {
                        Some((_, v)) => v.push(i.commit),
                        None => by_path.push((&i.path, vec![i.commit])),
                    }
                }
                for (path, commits) in by_path {
                    if suppressor.path_allowed(path, path) {
                        continue;
                    }
                    for m in matches {
                        let origin = Origin::Commit {
                            commit: plan.commits[commits[0] as usize].clone(),
                            path: path.to_string(),
                            more: Vec::new(),
                        };
                        let f = classify(detector.rules(), m, &bytes, &origin, &lines);
                        let verdict = suppressor.check(&f, &bytes);
                        for &c in &commits {
                            let mut f = f.clone();
                            if let Origin::Commit { commit, .. } = &mut f.location.origin {
                                *commit = plan.commits[c as usize].clone();
                            }
                            match verdict {
                                None => part.kept.push((c, f)),
                                Some(r) => part.suppressed.push((c, f, r)),
                            }
                        }
                    }
                }
                part
            },
        )
        .reduce(HistoryPart::default, HistoryPart::merge);

    let mut out = ScanOutcome {
        findings: group(part.kept),
        suppressed: {
            let mut seen = std::collections::HashSet::new();
            let mut v = part.suppressed;
            v.sort_by_key(|(c, f, _)| (*c, f.location.line));
            v.into_iter()
                .filter(|(_, f, _)| seen.insert(f.fingerprint.clone()))
                .map(|(_, f, r)| (f, r))
                .collect()
        },
        skipped: part.skipped,
        errors: plan.errors.clone(),
        ..ScanOutcome::default()
    };
    out.errors.extend(part.errors);
    out.stats.files_scanned = part.files;
    out.stats.bytes_scanned = part.bytes;
    out.sort();
    out.stats.elapsed = start.elapsed();
    out
}

fn short(plan: &HistoryPlan, commit: u32) -> String {
    plan.commits[commit as usize].id.chars().take(12).collect()
}

/// One finding per fingerprint, at the oldest introducing commit (topological order), with the
/// other introductions as occurrences.
fn group(kept: Vec<(u32, Finding)>) -> Vec<Finding> {
    let mut groups: HashMap<Fingerprint, Vec<(u32, Finding)>> = HashMap::new();
    for (c, f) in kept {
        groups
            .entry(f.fingerprint.clone())
            .or_default()
            .push((c, f));
    }
    let mut out = Vec::with_capacity(groups.len());
    for (_, mut v) in groups {
        v.sort_by_key(|(c, f)| (*c, f.location.line, f.location.column));
        let mut it = v.into_iter();
        let (_, mut first) = it.next().expect("groups are never empty");
        let rest: Vec<Occurrence> = it
            .filter_map(|(_, f)| match f.location.origin {
                Origin::Commit { commit, .. } => Some(Occurrence {
                    commit,
                    line: f.location.line,
                }),
                _ => None,
            })
            .collect();
        if let Origin::Commit { more, .. } = &mut first.location.origin {
            *more = rest;
        }
        out.push(first);
    }
    out
}
