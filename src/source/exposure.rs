//! Where given byte strings first appear in a repository's history: for `migrate`'s
//! `ROTATE: exposed in <commit> (<date>)` mark. A targeted search, cheaper than a history scan:
//! commits oldest first, each new blob read once and searched for the needles with `memmem`,
//! stopping as soon as every needle is attributed. Nothing is detected or reported here; the
//! caller never gets the bytes back, only commits and paths.
//!
//! Imports only `finding` (through `source`), like the rest of `source`.

use super::git::rfc3339;
use super::repo::{GitError, open_repo};
use crate::finding::CommitInfo;
use foldhash::{HashSet, HashSetExt};
use git2::{Oid, Repository};
use std::path::Path;

/// The oldest commit found holding a needle, and a path where it held it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposed {
    /// The commit (full id, author, author date, summary).
    pub commit: CommitInfo,
    /// Path inside the repository of a file holding the needle in that commit.
    pub path: String,
}

/// What a search found.
#[derive(Debug, Default)]
pub struct ExposureSearch {
    /// Per value (in the order given): the oldest commit found holding any of its forms.
    pub found: Vec<Option<Exposed>>,
    /// The repository is a shallow clone: history before the boundary was not searched.
    pub shallow: bool,
    /// Blobs skipped for size (larger than the limit).
    pub too_large: u64,
    /// Objects that could not be read (the search is incomplete).
    pub errors: u64,
}

/// Searches every commit reachable from any ref or `HEAD` of the repository containing `path`,
/// oldest first, for each value: `values[i]` lists the byte forms value `i` may take in a file
/// (as is, escaped…). Blobs larger than `max_blob` are skipped and counted. Empty forms never
/// match.
pub fn first_commits(
    path: &Path,
    values: &[Vec<Vec<u8>>],
    max_blob: u64,
) -> Result<ExposureSearch, GitError> {
    let repo = open_repo(path)?;
    let mut out = ExposureSearch {
        found: vec![None; values.len()],
        shallow: repo.is_shallow(),
        ..ExposureSearch::default()
    };
    if values.is_empty() {
        return Ok(out);
    }
    let mut walk = repo
        .revwalk()
        .map_err(GitError::git("cannot walk commits"))?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)
        .map_err(GitError::git("cannot sort commits"))?;
    if let Ok(refs) = repo.references() {
        for r in refs.flatten() {
            if let Ok(c) = r.peel_to_commit() {
                let _ = walk.push(c.id());
            }
        }
    }
    if let Ok(c) = repo.head().and_then(|h| h.peel_to_commit()) {
        let _ = walk.push(c.id());
    }
    let odb = repo
        .odb()
        .map_err(GitError::git("cannot open the object database"))?;
    let mut seen_blobs: HashSet<Oid> = HashSet::new();
    let mut seen_trees: HashSet<Oid> = HashSet::new();
    let mut left = values.len();
    let mut blobs = Vec::new();
    for oid in walk {
        let Ok(oid) = oid else {
            out.errors += 1;
            continue;
        };
        let Ok(commit) = repo.find_commit(oid) else {
            out.errors += 1;
            continue;
        };
        let Ok(tree) = commit.tree() else {
            out.errors += 1;
            continue;
        };
        blobs.clear();
        if new_blobs(
            &repo,
            &tree,
            "",
            &mut seen_trees,
            &mut seen_blobs,
            &mut blobs,
        )
        .is_err()
        {
            out.errors += 1;
        }
        for (path, blob) in &blobs {
            let bytes = match odb.read_header(*blob) {
                Ok((size, _)) if size as u64 > max_blob => {
                    out.too_large += 1;
                    continue;
                }
                Ok(_) => match odb.read(*blob) {
                    Ok(o) => o,
                    Err(_) => {
                        out.errors += 1;
                        continue;
                    }
                },
                Err(_) => {
                    out.errors += 1;
                    continue;
                }
            };
            for (n, forms) in values.iter().enumerate() {
                if out.found[n].is_some() {
                    continue;
                }
                let hit = forms
                    .iter()
                    .any(|f| !f.is_empty() && memchr::memmem::find(bytes.data(), f).is_some());
                if hit {
                    out.found[n] = Some(Exposed {
                        commit: info(&commit),
                        path: path.clone(),
                    });
                    left -= 1;
                }
            }
            if left == 0 {
                return Ok(out);
            }
        }
    }
    Ok(out)
}

/// Blobs of `tree` not seen before (in any earlier commit), skipping subtrees seen before:
/// an unchanged subtree holds only blobs already searched.
fn new_blobs(
    repo: &Repository,
    tree: &git2::Tree<'_>,
    prefix: &str,
    seen_trees: &mut HashSet<Oid>,
    seen_blobs: &mut HashSet<Oid>,
    out: &mut Vec<(String, Oid)>,
) -> Result<(), git2::Error> {
    if !seen_trees.insert(tree.id()) {
        return Ok(());
    }
    for e in tree.iter() {
        let name = String::from_utf8_lossy(e.name_bytes());
        let path = if prefix.is_empty() {
            name.into_owned()
        } else {
            format!("{prefix}/{name}")
        };
        match e.kind() {
            Some(git2::ObjectType::Tree) if !seen_trees.contains(&e.id()) => {
                let sub = repo.find_tree(e.id())?;
                new_blobs(repo, &sub, &path, seen_trees, seen_blobs, out)?;
            }
            Some(git2::ObjectType::Blob) if seen_blobs.insert(e.id()) => out.push((path, e.id())),
            _ => {} // submodules (commits), trees and blobs already searched
        }
    }
    Ok(())
}

fn info(c: &git2::Commit<'_>) -> CommitInfo {
    let a = c.author();
    let when = a.when();
    CommitInfo {
        id: c.id().to_string(),
        author: format!(
            "{} <{}>",
            String::from_utf8_lossy(a.name_bytes()),
            String::from_utf8_lossy(a.email_bytes())
        ),
        date: rfc3339(when.seconds(), when.offset_minutes()),
        summary: c
            .summary_bytes()
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(
        repo: &Repository,
        files: &[(&str, &str)],
        msg: &str,
        parent: Option<Oid>,
        refname: &str,
    ) -> Oid {
        let mut tb = repo.treebuilder(None).unwrap();
        for (name, text) in files {
            let blob = repo.blob(text.as_bytes()).unwrap();
            tb.insert(name, blob, 0o100644).unwrap();
        }
        let tree = repo.find_tree(tb.write().unwrap()).unwrap();
        let sig = git2::Signature::new("T", "t@example.test", &git2::Time::new(1_700_000_000, 0))
            .unwrap();
        let parents: Vec<git2::Commit<'_>> = parent
            .map(|p| repo.find_commit(p).unwrap())
            .into_iter()
            .collect();
        let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        repo.commit(Some(refname), &sig, &sig, msg, &tree, &refs)
            .unwrap()
    }

    #[test]
    fn oldest_commit_of_every_ref_and_only_committed_values() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let main = "refs/heads/main";
        let first = commit(&repo, &[(".env", "A=one-value\n")], "add", None, main);
        let second = commit(&repo, &[(".env", "A=\n")], "remove", Some(first), main);
        commit(
            &repo,
            &[(".env", "A=\n"), ("copy.txt", "one-value")],
            "copy",
            Some(second),
            main,
        );
        // A value only on another branch is in history too.
        let side = commit(
            &repo,
            &[("side.json", "{\"k\": \"side\\\"value\"}")],
            "side",
            Some(first),
            "refs/heads/side",
        );
        let values = vec![
            vec![b"one-value".to_vec()],
            vec![b"never-committed".to_vec()],
            vec![b"side\"value".to_vec(), b"side\\\"value".to_vec()],
            vec![Vec::new()],
        ];
        let s = first_commits(dir.path(), &values, 1 << 20).unwrap();
        let got = |n: usize| {
            s.found[n]
                .as_ref()
                .map(|x| (x.commit.id.clone(), x.path.clone()))
        };
        assert_eq!(got(0), Some((first.to_string(), ".env".into())));
        assert_eq!(got(1), None);
        assert_eq!(got(2), Some((side.to_string(), "side.json".into())));
        assert_eq!(got(3), None, "an empty form matches nothing");
        assert_eq!(s.found[0].as_ref().unwrap().commit.summary, "add");
        assert!(!s.shallow && s.errors == 0);
        // Blobs over the limit are skipped and counted.
        let s = first_commits(dir.path(), &values, 4).unwrap();
        assert!(s.found.iter().all(Option::is_none) && s.too_large > 0);
    }
}
