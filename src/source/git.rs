//! Git repositories: opening them (with a clear error outside one) and enumerating the blobs of
//! history, each unique blob once, with every (commit, path) that introduced it.
//!
//! Uses git2; imports only `finding` (through `source`).

use super::{SkipReason, SourceError, SourceErrorKind};
use crate::finding::CommitInfo;
use git2::{Oid, Repository};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Why a git source could not start.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// No repository at or above the path.
    #[error("{}: not inside a git repository (run `git init`, or scan a directory without --staged/--history)", path.display())]
    NotARepository {
        /// The path given.
        path: PathBuf,
    },
    /// A revision given on the command line does not resolve.
    #[error("unknown revision {rev:?}: {err}")]
    BadRevision {
        /// What the user typed.
        rev: String,
        /// git's message.
        err: String,
    },
    /// Any other libgit2 failure, with what we were doing.
    #[error("{context}: {err}")]
    Git {
        /// What failed.
        context: &'static str,
        /// git's message.
        err: String,
    },
}

impl GitError {
    /// `map_err` helper: wraps a libgit2 error with context.
    pub fn git(context: &'static str) -> impl Fn(git2::Error) -> GitError {
        move |e| GitError::Git {
            context,
            err: e.message().to_string(),
        }
    }
}

/// Opens the repository containing `path` (searching upward, as git does).
pub fn open_repo(path: &Path) -> Result<Repository, GitError> {
    Repository::discover(path).map_err(|e| match e.code() {
        git2::ErrorCode::NotFound => GitError::NotARepository {
            path: path.to_path_buf(),
        },
        _ => GitError::git("cannot open the git repository")(e),
    })
}

/// Which commits a history scan covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revisions {
    /// Every commit reachable from any ref (branches, tags, remote-tracking refs) or `HEAD`.
    All,
    /// As `All`, minus commits reachable from REV.
    Since(String),
    /// `A..B` (reachable from B, not from A), or everything reachable from a single REV.
    Range(String),
    /// A pre-push hook: the commits being pushed to `remote`, from the hook's stdin lines.
    PrePush {
        /// Remote name (first hook argument).
        remote: String,
        /// The ref updates read from stdin.
        updates: Vec<RefUpdate>,
    },
}

/// One line of a pre-push hook's stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefUpdate {
    /// Local ref name.
    pub local_ref: String,
    /// Local object id (all zeros when deleting).
    pub local_sha: String,
    /// Remote ref name.
    pub remote_ref: String,
    /// Remote object id (all zeros when the remote ref is new).
    pub remote_sha: String,
}

impl RefUpdate {
    /// Parses `<local ref> <local sha> <remote ref> <remote sha>`; `None` for other lines.
    pub fn parse(line: &str) -> Option<RefUpdate> {
        let mut it = line.split_whitespace();
        let u = RefUpdate {
            local_ref: it.next()?.to_string(),
            local_sha: it.next()?.to_string(),
            remote_ref: it.next()?.to_string(),
            remote_sha: it.next()?.to_string(),
        };
        Some(u)
    }
}

/// How to scan history.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// A path inside the repository.
    pub path: PathBuf,
    /// Which commits.
    pub revisions: Revisions,
    /// Blobs larger than this are skipped (and counted).
    pub max_file_size: u64,
    /// Worker threads (0: one per core).
    pub threads: usize,
}

/// One (commit, path) that introduced a blob: the blob differs from the one at `path` in every
/// parent (or the commit has no parent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Introduction {
    /// Index into [`HistoryPlan::commits`] (oldest first, topological).
    pub commit: u32,
    /// Path inside the repository.
    pub path: std::sync::Arc<str>,
}

/// Every unique blob of the selected commits, with where it was introduced.
#[derive(Debug, Default)]
pub struct HistoryPlan {
    /// The repository's git directory (workers open their own handle on it).
    pub git_dir: PathBuf,
    /// Selected commits, parents before children.
    pub commits: Vec<CommitInfo>,
    /// Unique blob ids, first-seen order, each with its introductions.
    pub blobs: Vec<(Oid, Vec<Introduction>)>,
    /// Submodule entries seen (not descended).
    pub submodules: u64,
    /// The repository is a shallow clone: history before the boundary is not there.
    pub shallow: bool,
    /// Objects that could not be read (the scan is incomplete).
    pub errors: Vec<SourceError>,
}

impl HistoryPlan {
    /// Total number of introductions (commit, path, blob).
    pub fn introductions(&self) -> usize {
        self.blobs.iter().map(|(_, v)| v.len()).sum()
    }
}

/// Resolves a revision to a commit id.
fn commit_of(repo: &Repository, rev: &str) -> Result<Oid, GitError> {
    repo.revparse_single(rev)
        .and_then(|o| o.peel_to_commit())
        .map(|c| c.id())
        .map_err(|e| GitError::BadRevision {
            rev: rev.to_string(),
            err: e.message().to_string(),
        })
}

fn push_all_refs(repo: &Repository, walk: &mut git2::Revwalk<'_>) -> Result<(), GitError> {
    let refs = repo
        .references()
        .map_err(GitError::git("cannot list references"))?;
    for r in refs.flatten() {
        // Tags may point at trees or blobs; only commits start a walk.
        if let Ok(c) = r.peel_to_commit() {
            walk.push(c.id())
                .map_err(GitError::git("cannot walk a ref"))?;
        }
    }
    if let Ok(c) = repo.head().and_then(|h| h.peel_to_commit()) {
        walk.push(c.id())
            .map_err(GitError::git("cannot walk HEAD"))?;
    }
    Ok(())
}

fn select<'r>(repo: &'r Repository, revs: &Revisions) -> Result<git2::Revwalk<'r>, GitError> {
    let mut walk = repo
        .revwalk()
        .map_err(GitError::git("cannot walk commits"))?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)
        .map_err(GitError::git("cannot sort commits"))?;
    match revs {
        Revisions::All => push_all_refs(repo, &mut walk)?,
        Revisions::Since(rev) => {
            push_all_refs(repo, &mut walk)?;
            walk.hide(commit_of(repo, rev)?)
                .map_err(GitError::git("cannot hide a commit"))?;
        }
        Revisions::Range(spec) => match spec.split_once("..") {
            Some((a, b)) if !b.starts_with('.') => {
                let b = if b.is_empty() { "HEAD" } else { b };
                walk.push(commit_of(repo, b)?)
                    .map_err(GitError::git("cannot walk a commit"))?;
                if !a.is_empty() {
                    walk.hide(commit_of(repo, a)?)
                        .map_err(GitError::git("cannot hide a commit"))?;
                }
            }
            Some(_) => {
                return Err(GitError::BadRevision {
                    rev: spec.clone(),
                    err: "symmetric ranges (A...B) are not supported; use A..B".into(),
                });
            }
            None => walk
                .push(commit_of(repo, spec)?)
                .map_err(GitError::git("cannot walk a commit"))?,
        },
        Revisions::PrePush { remote, updates } => {
            for u in updates {
                let Ok(local) = Oid::from_str(&u.local_sha) else {
                    continue;
                };
                if local.is_zero() {
                    continue; // deleting a remote ref pushes no content
                }
                walk.push(local)
                    .map_err(GitError::git("cannot walk a pushed commit"))?;
                if let Ok(remote_oid) = Oid::from_str(&u.remote_sha)
                    && !remote_oid.is_zero()
                    && repo.find_commit(remote_oid).is_ok()
                {
                    let _ = walk.hide(remote_oid);
                }
            }
            // What the remote already has was judged when it was pushed.
            let _ = walk.hide_glob(&format!("refs/remotes/{remote}/*"));
        }
    }
    Ok(walk)
}

/// Formats seconds since the epoch at an offset (minutes) as RFC 3339.
pub fn rfc3339(secs: i64, offset_min: i32) -> String {
    let local = secs + i64::from(offset_min) * 60;
    let days = local.div_euclid(86_400);
    let tod = local.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let (sign, off) = if offset_min < 0 {
        ('-', -offset_min)
    } else {
        ('+', offset_min)
    };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        tod / 3600,
        tod / 60 % 60,
        tod % 60,
        off / 60,
        off % 60
    )
}

fn commit_info(c: &git2::Commit<'_>) -> CommitInfo {
    let a = c.author();
    let name = String::from_utf8_lossy(a.name_bytes());
    let email = String::from_utf8_lossy(a.email_bytes());
    let when = a.when();
    CommitInfo {
        id: c.id().to_string(),
        author: format!("{name} <{email}>"),
        date: rfc3339(when.seconds(), when.offset_minutes()),
        summary: c
            .summary_bytes()
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .unwrap_or_default(),
    }
}

/// Blobs in `new` whose (path, id) differ from `old`, recursing only into changed subtrees.
fn changed_blobs(
    repo: &Repository,
    old: Option<&git2::Tree<'_>>,
    new: &git2::Tree<'_>,
    prefix: &str,
    out: &mut Vec<(String, Oid)>,
    submodules: &mut u64,
) -> Result<(), git2::Error> {
    let old_entries: HashMap<Vec<u8>, (Oid, i32)> = old
        .map(|t| {
            t.iter()
                .map(|e| (e.name_bytes().to_vec(), (e.id(), e.filemode())))
                .collect()
        })
        .unwrap_or_default();
    for e in new.iter() {
        let before = old_entries.get(e.name_bytes());
        if before.is_some_and(|(id, mode)| *id == e.id() && *mode == e.filemode()) {
            continue;
        }
        let name = String::from_utf8_lossy(e.name_bytes());
        let path = if prefix.is_empty() {
            name.into_owned()
        } else {
            format!("{prefix}/{name}")
        };
        match e.filemode() {
            0o040000 => {
                let sub = repo.find_tree(e.id())?;
                let old_sub = match before {
                    Some((id, 0o040000)) => Some(repo.find_tree(*id)?),
                    _ => None,
                };
                changed_blobs(repo, old_sub.as_ref(), &sub, &path, out, submodules)?;
            }
            // A mode-only change (chmod) introduces no new content.
            0o100644 | 0o100755 | 0o100664 if before.is_none_or(|(id, _)| *id != e.id()) => {
                out.push((path, e.id()));
            }
            0o160000 => *submodules += 1,
            _ => {} // symbolic links
        }
    }
    Ok(())
}

/// Walks the selected commits and lists every blob they introduce, each unique blob once.
/// `on_commit` is called after each commit with the number done so far.
pub fn plan(
    opts: &HistoryOptions,
    on_commit: &mut dyn FnMut(u64),
) -> Result<HistoryPlan, GitError> {
    let repo = open_repo(&opts.path)?;
    let walk = select(&repo, &opts.revisions)?;
    let mut out = HistoryPlan {
        git_dir: repo.path().to_path_buf(),
        shallow: repo.is_shallow(),
        ..HistoryPlan::default()
    };
    let mut seen: HashMap<Oid, usize> = HashMap::new();
    let mut paths: HashMap<String, std::sync::Arc<str>> = HashMap::new();
    let mut changed = Vec::new();
    for (n, oid) in walk.enumerate() {
        let oid = match oid {
            Ok(o) => o,
            Err(e) => {
                out.errors.push(object_error("commit", None, &e));
                continue;
            }
        };
        let commit = match repo.find_commit(oid) {
            Ok(c) => c,
            Err(e) => {
                out.errors.push(object_error("commit", Some(oid), &e));
                continue;
            }
        };
        let tree = match commit.tree() {
            Ok(t) => t,
            Err(e) => {
                out.errors
                    .push(object_error("tree of commit", Some(oid), &e));
                continue;
            }
        };
        let parents: Vec<git2::Tree<'_>> = commit
            .parents()
            .filter_map(|p| match p.tree() {
                Ok(t) => Some(t),
                Err(e) => {
                    out.errors
                        .push(object_error("parent tree of commit", Some(oid), &e));
                    None
                }
            })
            .collect();
        changed.clear();
        if let Err(e) = changed_blobs(
            &repo,
            parents.first(),
            &tree,
            "",
            &mut changed,
            &mut out.submodules,
        ) {
            out.errors
                .push(object_error("tree of commit", Some(oid), &e));
        }
        let idx = out.commits.len() as u32;
        let mut used = false;
        for (path, blob) in changed.drain(..) {
            // In a merge, a blob some other parent already had at this path is not new.
            if parents
                .iter()
                .skip(1)
                .any(|t| t.get_path(Path::new(&path)).is_ok_and(|e| e.id() == blob))
            {
                continue;
            }
            let path = paths
                .entry(path)
                .or_insert_with_key(|k| std::sync::Arc::from(k.as_str()))
                .clone();
            let slot = *seen.entry(blob).or_insert_with(|| {
                out.blobs.push((blob, Vec::new()));
                out.blobs.len() - 1
            });
            out.blobs[slot].1.push(Introduction { commit: idx, path });
            used = true;
        }
        if used {
            out.commits.push(commit_info(&commit));
        } else {
            // Keep indices dense but still count the commit.
            out.commits.push(CommitInfo {
                id: commit.id().to_string(),
                ..CommitInfo::default()
            });
        }
        on_commit(n as u64 + 1);
    }
    Ok(out)
}

fn object_error(what: &str, oid: Option<Oid>, e: &git2::Error) -> SourceError {
    SourceError {
        path: PathBuf::from(oid.map(|o| o.to_string()).unwrap_or_default()),
        kind: SourceErrorKind::Io(format!("cannot read {what}: {}", e.message())),
    }
}

/// What reading one history blob gave.
#[derive(Debug)]
pub enum BlobRead {
    /// Content to scan.
    Bytes(Vec<u8>),
    /// Deliberately not scanned.
    Skipped(SkipReason),
    /// Missing or corrupt.
    Error(String),
}

/// One worker's handle on the repository (`git2::Repository` is not `Sync`).
pub struct BlobReader {
    repo: Repository,
}

impl BlobReader {
    /// Opens the repository at `git_dir` (a [`HistoryPlan::git_dir`]).
    pub fn open(git_dir: &Path) -> Result<BlobReader, String> {
        Repository::open(git_dir)
            .map(|repo| BlobReader { repo })
            .map_err(|e| format!("cannot open {}: {}", git_dir.display(), e.message()))
    }

    /// Reads one blob (see [`read_blob`]).
    pub fn read(&self, oid: Oid, max: u64) -> BlobRead {
        match self.repo.odb() {
            Ok(odb) => read_blob(&odb, oid, max),
            Err(e) => BlobRead::Error(format!("cannot open the object database: {}", e.message())),
        }
    }
}

/// Reads a blob by id through `odb`, applying the size limit before decompressing and the
/// binary and LFS checks after.
pub fn read_blob(odb: &git2::Odb<'_>, oid: Oid, max: u64) -> BlobRead {
    match odb.read_header(oid) {
        Ok((size, _)) if size as u64 > max => {
            return BlobRead::Skipped(SkipReason::TooLarge {
                size: size as u64,
                limit: max,
            });
        }
        Ok(_) => {}
        Err(e) => return BlobRead::Error(format!("cannot read blob {oid}: {}", e.message())),
    }
    let obj = match odb.read(oid) {
        Ok(o) => o,
        Err(e) => return BlobRead::Error(format!("cannot read blob {oid}: {}", e.message())),
    };
    let bytes = obj.data();
    if memchr::memchr(0, &bytes[..bytes.len().min(8 * 1024)]).is_some() {
        return BlobRead::Skipped(SkipReason::Binary);
    }
    if super::staged::is_lfs_pointer(bytes) {
        return BlobRead::Skipped(SkipReason::LfsPointer);
    }
    BlobRead::Bytes(bytes.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_dates() {
        assert_eq!(rfc3339(0, 0), "1970-01-01T00:00:00+00:00");
        assert_eq!(rfc3339(1_700_000_000, 60), "2023-11-14T23:13:20+01:00");
        assert_eq!(rfc3339(951_782_400, -330), "2000-02-28T18:30:00-05:30");
    }

    #[test]
    fn pre_push_lines() {
        let u = RefUpdate::parse("refs/heads/main 1111 refs/heads/main 0000").unwrap();
        assert_eq!(u.remote_sha, "0000");
        assert!(RefUpdate::parse("garbage").is_none());
    }
}
