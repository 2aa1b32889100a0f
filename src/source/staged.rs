//! What the next commit would contain: the index against `HEAD` (or the empty tree before the
//! first commit), diffed with zero context lines. Blobs are read from the *index*, never from the
//! work tree, and each carries the line ranges it adds, so callers can report findings on added
//! lines only.
//!
//! During a merge a line counts as added only if it is new against `HEAD` *and* against every
//! `MERGE_HEAD`: lines the other branch already committed were judged when they were committed.
//!
//! Uses git2; imports only `finding` (through `source`).

use super::git::{BlobRead, BlobReader};
use super::repo::{GitError, open_repo};
use super::{Blob, SkipReason, SourceError, SourceErrorKind};
use crate::finding::Origin;
use git2::{Delta, DiffFindOptions, DiffOptions, FileMode, Oid, Patch, Repository};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

/// How to read the index.
#[derive(Debug, Clone)]
pub struct StagedOptions {
    /// A path inside the repository; a subdirectory limits the scan to paths below it.
    pub path: PathBuf,
    /// Blobs larger than this are skipped.
    pub max_file_size: u64,
    /// The index file to read instead of the repository's (git sets `GIT_INDEX_FILE` for hooks
    /// during `git commit -a` and `git commit PATH…`).
    pub index_file: Option<PathBuf>,
}

/// One staged blob and the 1-based line ranges the commit would add to it.
#[derive(Debug)]
pub struct StagedBlob {
    /// Index content with `Origin::Staged`.
    pub blob: Blob,
    /// Added lines (inclusive ranges, ascending, disjoint).
    pub added: Vec<RangeInclusive<usize>>,
}

/// Everything the staged source produced.
#[derive(Debug, Default)]
pub struct Staged {
    /// The repository's top level (work tree), if it has one.
    pub workdir: Option<PathBuf>,
    /// Added, modified, renamed and copied paths to scan.
    pub blobs: Vec<StagedBlob>,
    /// Paths deliberately not scanned (binary, too large, submodule, unmerged…).
    pub skipped: Vec<(PathBuf, SkipReason)>,
    /// Objects that could not be read.
    pub errors: Vec<SourceError>,
    /// True when a merge is in progress (lines from `MERGE_HEAD` are not counted as added).
    pub merging: bool,
}

/// Reads the staged changes of the repository containing `opts.path`.
pub fn staged(opts: &StagedOptions) -> Result<Staged, GitError> {
    let mut repo = open_repo(&opts.path)?;
    let mut merge_heads: Vec<Oid> = Vec::new();
    // Errors here only mean "no merge in progress".
    let _ = repo.mergehead_foreach(|oid| {
        merge_heads.push(*oid);
        true
    });
    let repo = repo;
    let index = match &opts.index_file {
        Some(f) => git2::Index::open(f),
        None => repo.index().and_then(|mut i| i.read(false).map(|()| i)),
    }
    .map_err(GitError::git("cannot read the index"))?;
    let head_tree = match repo.head() {
        Ok(h) => Some(
            h.peel_to_tree()
                .map_err(GitError::git("cannot read the HEAD tree"))?,
        ),
        Err(e)
            if e.code() == git2::ErrorCode::UnbornBranch
                || e.code() == git2::ErrorCode::NotFound =>
        {
            None // first commit: compare with the empty tree
        }
        Err(e) => return Err(GitError::git("cannot resolve HEAD")(e)),
    };
    let mut dopts = DiffOptions::new();
    dopts
        .context_lines(0)
        .interhunk_lines(0)
        .force_text(true)
        .ignore_submodules(false)
        .include_typechange(true);
    if let Some(spec) = pathspec(&repo, &opts.path) {
        dopts.pathspec(spec);
    }
    let mut diff = repo
        .diff_tree_to_index(head_tree.as_ref(), Some(&index), Some(&mut dopts))
        .map_err(GitError::git("cannot diff HEAD against the index"))?;
    // A pure rename adds no lines; a rename with edits adds only the edited lines.
    let mut find = DiffFindOptions::new();
    find.renames(true).copies(false);
    diff.find_similar(Some(&mut find))
        .map_err(GitError::git("cannot detect renames"))?;

    let merge_trees: Vec<git2::Tree<'_>> = merge_heads
        .iter()
        .filter_map(|o| repo.find_commit(*o).ok()?.tree().ok())
        .collect();

    let mut out = Staged {
        workdir: repo.workdir().map(Path::to_path_buf),
        merging: !merge_trees.is_empty(),
        ..Staged::default()
    };
    let mut reader: Option<Result<BlobReader, String>> = None;
    for (idx, delta) in diff.deltas().enumerate() {
        let new = delta.new_file();
        let raw = new.path_bytes().unwrap_or_default();
        let rel = crate::finding::path_text(raw);
        let rel_path = PathBuf::from(&rel);
        let git_path = new.path().map(Path::to_path_buf).unwrap_or_default();
        match delta.status() {
            Delta::Deleted | Delta::Unmodified | Delta::Ignored | Delta::Untracked => continue,
            Delta::Conflicted => {
                out.skipped.push((rel_path, SkipReason::Unmerged));
                continue;
            }
            _ => {}
        }
        match new.mode() {
            FileMode::Commit => {
                out.skipped.push((rel_path, SkipReason::Submodule));
                continue;
            }
            FileMode::Link | FileMode::Tree | FileMode::Unreadable => continue,
            _ => {}
        }
        // Intent-to-add entries (`git add -N`) carry no content yet.
        if new.id().is_zero() {
            continue;
        }
        // Read with gix, as history does: an owned buffer (no second copy of a large blob),
        // through the same size / binary / LFS check and UTF-16 transcoding.
        let reader = match reader.get_or_insert_with(|| BlobReader::open(repo.path())) {
            Ok(r) => r,
            Err(e) => {
                out.errors.push(SourceError {
                    path: rel_path,
                    kind: SourceErrorKind::Io(e.clone()),
                });
                continue;
            }
        };
        let bytes = match reader.read(new.id(), opts.max_file_size) {
            BlobRead::Bytes(b) => b,
            BlobRead::Skipped(reason) => {
                out.skipped.push((rel_path, reason));
                continue;
            }
            BlobRead::Error(e) => {
                out.errors.push(SourceError {
                    path: rel_path,
                    kind: SourceErrorKind::Io(format!("cannot read index blob: {e}")),
                });
                continue;
            }
        };
        // A new file adds every line: no patch (libgit2 would load the blob again and build
        // a record per line, several times the file's size for a large one).
        let new_file = delta.status() == Delta::Added;
        let patch = if new_file {
            Ok(None)
        } else {
            Patch::from_diff(&diff, idx)
        };
        let mut added = match patch {
            Ok(_) if new_file => vec![1..=usize::MAX],
            Ok(Some(p)) => added_ranges(&p),
            Ok(None) => Vec::new(),
            Err(e) => {
                out.errors.push(SourceError {
                    path: rel_path,
                    kind: SourceErrorKind::Io(format!("cannot diff: {e}")),
                });
                continue;
            }
        };
        for tree in &merge_trees {
            if added.is_empty() {
                break;
            }
            let theirs = tree
                .get_path(&git_path)
                .ok()
                .filter(|e| e.kind() == Some(git2::ObjectType::Blob))
                .and_then(|e| repo.find_blob(e.id()).ok());
            if let Some(theirs) = theirs {
                let mut o = DiffOptions::new();
                o.context_lines(0).interhunk_lines(0).force_text(true);
                match Patch::from_buffers(theirs.content(), None, &bytes, None, Some(&mut o)) {
                    Ok(p) => added = intersect(&added, &added_ranges(&p)),
                    Err(e) => {
                        log::debug!("cannot diff {rel} against MERGE_HEAD: {e}");
                    }
                }
            }
        }
        if added.is_empty() {
            continue;
        }
        out.blobs.push(StagedBlob {
            blob: Blob {
                bytes,
                origin: Origin::Staged { path: rel },
            },
            added,
        });
    }
    Ok(out)
}

/// Pathspec limiting the diff to `path` when it is a subdirectory (or file) of the work tree.
fn pathspec(repo: &Repository, path: &Path) -> Option<String> {
    let workdir = std::fs::canonicalize(repo.workdir()?).ok()?;
    let abs = std::fs::canonicalize(path).ok()?;
    let rel = abs.strip_prefix(&workdir).ok()?;
    if rel.as_os_str().is_empty() {
        return None;
    }
    Some(rel.to_string_lossy().replace('\\', "/"))
}

/// New-side line ranges of every hunk of a zero-context patch.
fn added_ranges(p: &Patch<'_>) -> Vec<RangeInclusive<usize>> {
    let mut out = Vec::new();
    for h in 0..p.num_hunks() {
        if let Ok((hunk, _)) = p.hunk(h) {
            let (start, n) = (hunk.new_start() as usize, hunk.new_lines() as usize);
            if n > 0 {
                out.push(start..=start + n - 1);
            }
        }
    }
    out
}

/// Intersection of two ascending lists of disjoint inclusive ranges.
pub fn intersect(
    a: &[RangeInclusive<usize>],
    b: &[RangeInclusive<usize>],
) -> Vec<RangeInclusive<usize>> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        let lo = *a[i].start().max(b[j].start());
        let hi = *a[i].end().min(b[j].end());
        if lo <= hi {
            out.push(lo..=hi);
        }
        if a[i].end() < b[j].end() {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersect_ranges() {
        assert_eq!(
            intersect(&[1..=5, 10..=12], &[3..=11]),
            vec![3..=5, 10..=11]
        );
        assert_eq!(intersect(&[1..=2], &[3..=4]), vec![]);
        assert_eq!(intersect(&[1..=9], &[1..=9]), vec![1..=9]);
    }
}
