//! Git repositories: opening them (with a clear error outside one) and walking history: every
//! blob each selected commit introduces, with a flag on the first introduction of each unique
//! blob, streamed to the caller (nothing per commit is kept); blob reads for the workers.
//!
//! Uses git2; imports only `finding` (through `source`).

pub use super::repo::{GitError, open_repo};
use super::{SkipReason, SourceError, SourceErrorKind};
use crate::finding::CommitInfo;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use git2::Repository;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Git object ids, as the history walk reports them.
pub use git2::Oid;

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

/// One (commit, path) that introduced a blob, as the walk meets it: the blob differs from the
/// one at `path` in every parent (or the commit has no parent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intro {
    /// The blob.
    pub blob: Oid,
    /// True the first time the walk meets this blob (scan it); false when an earlier
    /// (commit, path) already introduced it (a rename, a copy, a revert).
    pub first: bool,
    /// Position of the commit in the walk (parents before children): smaller is older.
    pub seq: u32,
    /// The commit.
    pub commit: Oid,
    /// Path inside the repository, `/`-separated.
    pub path: String,
}

/// What a finished walk counted. Nothing in it grows with the number of commits but `errors`.
#[derive(Debug, Default)]
pub struct WalkSummary {
    /// Commits walked.
    pub commits: u64,
    /// Unique blobs met (each reported once with `first == true`).
    pub blobs: u64,
    /// Introductions reported (first or not).
    pub introductions: u64,
    /// Submodule entries seen (not descended).
    pub submodules: u64,
    /// Their paths (each once), to name them.
    pub submodule_paths: std::collections::BTreeSet<String>,
    /// Commits or trees that could not be read (the scan is incomplete).
    pub errors: Vec<SourceError>,
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

/// What [`History::presence`] looks for: a secret's paths, the blobs known to hold it, and
/// its bytes (empty: judge by blob id only).
#[derive(Debug)]
pub struct Presence<'a> {
    /// Every path the secret was introduced under.
    pub paths: &'a [String],
    /// Blobs known to hold it.
    pub blobs: &'a std::collections::HashSet<Oid>,
    /// The secret as it appears in a blob (empty when it is stored encoded).
    pub needle: &'a [u8],
    /// When the value itself is not at hand (a finding restored from the history blob cache):
    /// its byte length, `Secret::salted_hash` and the prefix its masked form shows (possibly
    /// empty). A blob holds it if some window of that length hashes the same.
    pub digest: Option<(usize, &'a str, &'a str)>,
}

/// True if some `len`-byte window of `hay` has the salted hash `salted` (`shown`, when not
/// empty and exact, narrows the windows to those that start with it).
fn holds_digest(hay: &[u8], (len, salted, shown): (usize, &str, &str)) -> bool {
    if len == 0 || hay.len() < len {
        return false;
    }
    let same = |at: usize| crate::finding::Secret::new(&hay[at..at + len]).salted_hash() == salted;
    if shown.is_empty() || shown.contains(['?', '\u{fffd}']) {
        return (0..=hay.len() - len).any(same);
    }
    memchr::memmem::find_iter(hay, shown.as_bytes())
        .filter(|&at| at + len <= hay.len())
        .any(same)
}

/// Whether `HEAD` holds a secret, and the commit that removed it when known.
pub type Removal = (bool, Option<CommitInfo>);

/// Formats seconds since the epoch at an offset (minutes) as RFC 3339.
pub fn rfc3339(secs: i64, offset_min: i32) -> String {
    let local = secs + i64::from(offset_min) * 60;
    let days = local.div_euclid(86_400);
    let tod = local.rem_euclid(86_400);
    let (y, m, d) = crate::finding::civil_from_days(days);
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

fn commit_info_of(repo: &Repository, id: Oid) -> CommitInfo {
    match repo.find_commit(id) {
        Ok(c) => commit_info(&c),
        Err(_) => CommitInfo {
            id: id.to_string(),
            ..CommitInfo::default()
        },
    }
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

/// libgit2 settings for reading whole histories, set once per process:
/// - no SHA-1 re-hash of every object read (`git cat-file --batch` does not re-hash either;
///   a damaged object still fails zlib's checksum and is reported), about a fifth of the CPU
///   of a history scan otherwise;
/// - no object cache: it would keep every parsed commit and small tree of the history (up to
///   256 MB); the walk keeps the few trees it needs itself ([`TreeCache`]).
fn configure_libgit2() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        git2::opts::strict_hash_verification(false);
        git2::opts::enable_caching(false);
    });
}

/// A repository opened for a history walk, its revisions already resolved.
pub struct History {
    repo: Repository,
    revisions: Revisions,
}

impl History {
    /// Opens the repository containing `path` and resolves `revisions` (a bad revision fails
    /// here, before any work starts).
    pub fn open(path: &Path, revisions: Revisions) -> Result<History, GitError> {
        configure_libgit2();
        let repo = open_repo(path)?;
        select(&repo, &revisions)?;
        Ok(History { repo, revisions })
    }

    /// The git directory (readers open their own handle on it: `Repository` is not `Sync`).
    pub fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    /// The top of the work tree, if the repository has one.
    pub fn workdir(&self) -> Option<&Path> {
        self.repo.workdir()
    }

    /// True for a shallow clone: history before the boundary is not there.
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// Author, date and summary of a commit (only the id if it cannot be read).
    pub fn commit_info(&self, id: Oid) -> CommitInfo {
        commit_info_of(&self.repo, id)
    }

    /// For each query: whether `HEAD` still holds its secret and, if not, which commit removed
    /// it. One walk down `HEAD`'s first-parent line serves every query: the newest commit that
    /// holds a secret (at one of its paths the blob is one of its blobs, or contains its
    /// needle) names its child as the remover. Looks back at most `limit` commits. `None` for
    /// every query without a `HEAD`.
    pub fn presence(&self, queries: &[Presence<'_>], limit: usize) -> Vec<Option<Removal>> {
        let Some(head) = self.repo.head().ok().and_then(|h| h.peel_to_commit().ok()) else {
            return vec![None; queries.len()];
        };
        // Per query, the verdict for each blob id already judged.
        let mut verdicts: Vec<HashMap<Oid, bool>> = vec![HashMap::new(); queries.len()];
        // Paths are resolved through the trees of this commit and the one before (libgit2's
        // object cache is off, and a `get_path` per query and commit re-read every tree on the
        // path: 100,000 instructions a query on a history of 7,700 findings).
        let mut trees = TreeCache {
            repo: &self.repo,
            prev: HashMap::new(),
            cur: HashMap::new(),
        };
        let mut holds = |i: usize, trees: &mut TreeCache<'_>, root: Oid| -> bool {
            let q = &queries[i];
            q.paths.iter().any(|p| {
                let raw = crate::finding::path_bytes(p);
                let Some(id) = blob_at(trees, root, &raw) else {
                    return false;
                };
                *verdicts[i].entry(id).or_insert_with(|| {
                    q.blobs.contains(&id)
                        || (!q.needle.is_empty()
                            && self.repo.find_blob(id).is_ok_and(|b| {
                                memchr::memmem::find(b.content(), q.needle).is_some()
                            }))
                        || q.digest.is_some_and(|d| {
                            self.repo
                                .find_blob(id)
                                .is_ok_and(|b| holds_digest(b.content(), d))
                        })
                })
            })
        };
        let mut out: Vec<Option<Removal>> = vec![None; queries.len()];
        let mut pending: Vec<usize> = Vec::new();
        let head_tree = head.tree_id();
        if trees.get(head_tree).is_err() {
            return out;
        }
        for (i, slot) in out.iter_mut().enumerate() {
            if holds(i, &mut trees, head_tree) {
                *slot = Some((true, None));
            } else {
                pending.push(i);
            }
        }
        let mut child = head;
        for _ in 0..limit {
            if pending.is_empty() {
                break;
            }
            let Ok(parent) = child.parent(0) else { break };
            let tree = parent.tree_id();
            trees.next_commit();
            let info = std::cell::OnceCell::new();
            pending.retain(|&i| {
                if holds(i, &mut trees, tree) {
                    let info = info.get_or_init(|| commit_info(&child)).clone();
                    out[i] = Some((false, Some(info)));
                    false
                } else {
                    true
                }
            });
            child = parent;
        }
        for i in pending {
            out[i] = Some((false, None));
        }
        out
    }

    /// Walks the selected commits, parents before children, and reports every blob each one
    /// introduces: `on_commit(seq, id, message)` before a commit's introductions, `on_intro`
    /// for each.
    /// Trees are compared by id, so unchanged subtrees are never read. In a merge, a blob that
    /// some parent other than the first already had at that path is not new. Stops early when
    /// `quit` is set.
    ///
    /// Memory: the set of blob ids seen, and the trees of the last two commits' changed paths.
    pub fn walk(
        &self,
        quit: &AtomicBool,
        on_commit: &mut dyn FnMut(u32, Oid, &[u8]),
        on_intro: &mut dyn FnMut(Intro),
    ) -> Result<WalkSummary, GitError> {
        self.walk_hiding(&[], quit, on_commit, on_intro)
    }

    /// The commits every ref (and `HEAD`) points at, sorted: where a walk of
    /// [`Revisions::All`] starts.
    pub fn tips(&self) -> Vec<Oid> {
        let mut v: Vec<Oid> = self
            .repo
            .references()
            .map(|refs| {
                refs.flatten()
                    .filter_map(|r| r.peel_to_commit().ok().map(|c| c.id()))
                    .collect()
            })
            .unwrap_or_default();
        if let Ok(c) = self.repo.head().and_then(|h| h.peel_to_commit()) {
            v.push(c.id());
        }
        v.sort();
        v.dedup();
        v
    }

    /// True if every commit of `old` is still reachable from a ref or `HEAD` (no history was
    /// rewritten or deleted since a walk from `old`).
    pub fn reaches(&self, old: &[Oid]) -> bool {
        let now = self.tips();
        old.iter().all(|o| {
            now.iter()
                .any(|n| n == o || self.repo.graph_descendant_of(*n, *o).unwrap_or(false))
        })
    }

    /// As [`History::walk`], without the commits reachable from `hidden` (commits a previous
    /// walk already met): each commit walked is still compared with its parents' trees.
    pub fn walk_hiding(
        &self,
        hidden: &[Oid],
        quit: &AtomicBool,
        on_commit: &mut dyn FnMut(u32, Oid, &[u8]),
        on_intro: &mut dyn FnMut(Intro),
    ) -> Result<WalkSummary, GitError> {
        let mut walk = select(&self.repo, &self.revisions)?;
        for h in hidden {
            walk.hide(*h)
                .map_err(GitError::git("cannot hide a commit"))?;
        }
        let mut sum = WalkSummary::default();
        let mut seen: HashSet<Oid> = HashSet::new();
        let mut trees = TreeCache {
            repo: &self.repo,
            prev: HashMap::new(),
            cur: HashMap::new(),
        };
        let mut changed = Vec::new();
        // (commit, tree) of the commit walked last: usually the next one's first parent.
        let mut last: Option<(Oid, Oid)> = None;
        let mut seq = 0u32;
        for oid in walk {
            if quit.load(Ordering::Relaxed) {
                break;
            }
            let oid = match oid {
                Ok(o) => o,
                Err(e) => {
                    sum.errors.push(object_error("commit", None, &e));
                    continue;
                }
            };
            let commit = match self.repo.find_commit(oid) {
                Ok(c) => c,
                Err(e) => {
                    sum.errors.push(object_error("commit", Some(oid), &e));
                    continue;
                }
            };
            let tree = commit.tree_id();
            let mut parents: Vec<Oid> = Vec::with_capacity(commit.parent_count());
            for p in commit.parent_ids() {
                match last {
                    Some((c, t)) if c == p => parents.push(t),
                    _ => match self.repo.find_commit(p) {
                        Ok(pc) => parents.push(pc.tree_id()),
                        Err(e) => sum
                            .errors
                            .push(object_error("parent of commit", Some(oid), &e)),
                    },
                }
            }
            let message = commit.message_bytes().to_vec();
            drop(commit);
            trees.next_commit();
            changed.clear();
            if let Err(e) = diff_trees(
                &mut trees,
                parents.first().copied(),
                tree,
                "",
                &mut changed,
                &mut sum.submodules,
                &mut sum.submodule_paths,
            ) {
                sum.errors
                    .push(object_error("tree of commit", Some(oid), &e));
            }
            let others: Vec<git2::Tree<'_>> = parents
                .iter()
                .skip(1)
                .filter_map(|t| match trees.get(*t) {
                    Ok(t) => Some(t),
                    Err(e) => {
                        sum.errors
                            .push(object_error("parent tree of commit", Some(oid), &e));
                        None
                    }
                })
                .collect();
            on_commit(seq, oid, &message);
            for (path, blob) in changed.drain(..) {
                if others
                    .iter()
                    .any(|t| t.get_path(Path::new(&path)).is_ok_and(|e| e.id() == blob))
                {
                    continue;
                }
                let first = seen.insert(blob);
                sum.introductions += 1;
                sum.blobs += u64::from(first);
                on_intro(Intro {
                    blob,
                    first,
                    seq,
                    commit: oid,
                    path,
                });
            }
            sum.commits += 1;
            seq += 1;
            last = Some((oid, tree));
        }
        Ok(sum)
    }
}

/// The trees read for the current and the previous commit (in a topological walk the previous
/// commit is usually the parent, whose changed subtrees are exactly the ones compared next).
struct TreeCache<'r> {
    repo: &'r Repository,
    prev: HashMap<Oid, git2::Tree<'r>>,
    cur: HashMap<Oid, git2::Tree<'r>>,
}

impl<'r> TreeCache<'r> {
    fn next_commit(&mut self) {
        self.prev = std::mem::take(&mut self.cur);
    }

    fn get(&mut self, id: Oid) -> Result<git2::Tree<'r>, git2::Error> {
        if let Some(t) = self.cur.get(&id) {
            return Ok(t.clone());
        }
        let t = match self.prev.remove(&id) {
            Some(t) => t,
            None => self.repo.find_tree(id)?,
        };
        self.cur.insert(id, t.clone());
        Ok(t)
    }
}

/// The id of the entry at `path` (git's bytes, `/`-separated) in the tree `root`; `None` when
/// a tree on the way cannot be read or the path is not there.
fn blob_at(trees: &mut TreeCache<'_>, root: Oid, path: &[u8]) -> Option<Oid> {
    let mut tree = root;
    let mut names = path.split(|&b| b == b'/').peekable();
    while let Some(name) = names.next() {
        let id = trees.get(tree).ok()?.get_name_bytes(name)?.id();
        if names.peek().is_none() {
            return Some(id);
        }
        tree = id;
    }
    None
}

const MODE_TREE: i32 = 0o040000;
const MODE_GITLINK: i32 = 0o160000;

/// Git's tree order: names compared bytewise, a tree's name as if it ended in `/`.
fn tree_order(a: &[u8], a_tree: bool, b: &[u8], b_tree: bool) -> std::cmp::Ordering {
    let n = a.len().min(b.len());
    a[..n].cmp(&b[..n]).then_with(|| {
        let next = |s: &[u8], tree: bool| s.get(n).copied().or(tree.then_some(b'/'));
        next(a, a_tree).cmp(&next(b, b_tree))
    })
}

/// Blobs in tree `new` whose (path, id) differ from tree `old`: a merge join of the two sorted
/// entry lists, recursing only into subtrees whose ids differ.
fn diff_trees(
    trees: &mut TreeCache<'_>,
    old: Option<Oid>,
    new: Oid,
    prefix: &str,
    out: &mut Vec<(String, Oid)>,
    submodules: &mut u64,
    submodule_paths: &mut std::collections::BTreeSet<String>,
) -> Result<(), git2::Error> {
    if old == Some(new) {
        return Ok(());
    }
    let new_tree = trees.get(new)?;
    let old_tree = old.map(|o| trees.get(o)).transpose()?;
    let mut olds = old_tree.iter().flat_map(|t| t.iter()).peekable();
    for e in new_tree.iter() {
        let mode = e.filemode();
        let name = e.name_bytes();
        let mut before = None;
        while let Some(o) = olds.peek() {
            match tree_order(
                o.name_bytes(),
                o.filemode() == MODE_TREE,
                name,
                mode == MODE_TREE,
            ) {
                std::cmp::Ordering::Less => {
                    olds.next();
                }
                std::cmp::Ordering::Equal => {
                    before = olds.next().map(|o| (o.id(), o.filemode()));
                    break;
                }
                std::cmp::Ordering::Greater => break,
            }
        }
        let id = e.id();
        if before == Some((id, mode)) {
            continue;
        }
        let path = || {
            let name = crate::finding::path_text(name);
            if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            }
        };
        match mode {
            MODE_TREE => {
                let old_sub = before.and_then(|(id, m)| (m == MODE_TREE).then_some(id));
                diff_trees(
                    trees,
                    old_sub,
                    id,
                    &path(),
                    out,
                    submodules,
                    submodule_paths,
                )?;
            }
            // A mode-only change (chmod) introduces no new content.
            0o100644 | 0o100755 | 0o100664 if before.is_none_or(|(old, _)| old != id) => {
                out.push((path(), id));
            }
            MODE_GITLINK => {
                *submodules += 1;
                submodule_paths.insert(path());
            }
            _ => {} // symbolic links
        }
    }
    Ok(())
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

/// Delta bases each blob reader keeps (gix's default is 96 MiB per handle).
const PACK_CACHE_BYTES: usize = 16 << 20;

/// The object store the blob readers share (`Sync`): packs are mapped and indices loaded once
/// for all workers.
pub struct BlobStore {
    objects: gix::ThreadSafeRepository,
    git_dir: PathBuf,
}

impl BlobStore {
    /// Opens the object store of the repository at `git_dir` (a [`History::git_dir`]).
    pub fn open(git_dir: &Path) -> Result<BlobStore, String> {
        configure_libgit2();
        let objects = gix::ThreadSafeRepository::open_opts(git_dir, gix::open::Options::isolated())
            .map_err(|e| format!("cannot open {}: {e}", git_dir.display()))?;
        Ok(BlobStore {
            objects,
            git_dir: git_dir.to_path_buf(),
        })
    }

    /// A reader for one thread.
    pub fn reader(&self) -> Result<BlobReader, String> {
        let repo = Repository::open(&self.git_dir)
            .map_err(|e| format!("cannot open {}: {}", self.git_dir.display(), e.message()))?;
        let mut objects = self.objects.to_thread_local();
        // Each blob is read once: cache a few delta bases, never whole objects.
        objects.object_cache_size(0);
        objects.objects.set_pack_cache(|| {
            Box::new(gix::odb::pack::cache::lru::StaticLinkedList::<64>::new(
                PACK_CACHE_BYTES,
            ))
        });
        Ok(BlobReader { objects, repo })
    }
}

/// One thread's handle on the repository (`git2::Repository` is not `Sync`). Blobs are read with
/// gix: in pack order it reads them about 1.8 times as fast as libgit2 with the system zlib
/// (benches/README.md), and a history scan is mostly blob reads and detection.
pub struct BlobReader {
    objects: gix::Repository,
    repo: Repository,
}

impl BlobReader {
    /// Opens a reader on its own store (see [`BlobStore`] to share one between threads).
    pub fn open(git_dir: &Path) -> Result<BlobReader, String> {
        BlobStore::open(git_dir)?.reader()
    }

    /// Author, date and summary of a commit (only the id if it cannot be read).
    pub fn commit_info(&self, id: Oid) -> CommitInfo {
        commit_info_of(&self.repo, id)
    }

    /// Reads one blob: the size limit applies before decompressing, [`super::judge`] after.
    pub fn read(&self, oid: Oid, max: u64) -> BlobRead {
        let id = gix::ObjectId::from_bytes_or_panic(oid.as_bytes());
        match self.objects.find_header(id) {
            Ok(h) if h.size() > max => {
                return BlobRead::Skipped(SkipReason::TooLarge {
                    size: h.size(),
                    limit: max,
                });
            }
            Ok(_) => {}
            Err(e) => return BlobRead::Error(format!("cannot read blob {oid}: {e}")),
        }
        let bytes = match self.objects.find_object(id) {
            Ok(mut o) => std::mem::take(&mut o.data),
            Err(e) => return BlobRead::Error(format!("cannot read blob {oid}: {e}")),
        };
        match super::judge(bytes.len() as u64, max, &bytes, super::Kind::GitBlob) {
            Some(reason) => BlobRead::Skipped(reason),
            None => BlobRead::Bytes(super::to_text(bytes)),
        }
    }
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
    fn tree_order_sorts_trees_as_if_they_ended_in_a_slash() {
        use std::cmp::Ordering::*;
        assert_eq!(tree_order(b"a", false, b"b", false), Less);
        assert_eq!(tree_order(b"foo", false, b"foo", false), Equal);
        // "foo.c" < "foo/" (b'.' < b'/') but "foo" (file) < "foo.c".
        assert_eq!(tree_order(b"foo.c", false, b"foo", true), Less);
        assert_eq!(tree_order(b"foo", false, b"foo.c", false), Less);
        // A file and a tree of the same name are different entries.
        assert_eq!(tree_order(b"foo", false, b"foo", true), Less);
        assert_eq!(tree_order(b"foo", true, b"foo", true), Equal);
    }

    #[test]
    fn pre_push_lines() {
        let u = RefUpdate::parse("refs/heads/main 1111 refs/heads/main 0000").unwrap();
        assert_eq!(u.remote_sha, "0000");
        assert!(RefUpdate::parse("garbage").is_none());
    }
}
