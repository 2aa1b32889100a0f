//! The repository handle and its error, shared by the history walk (`git.rs`), the staged
//! source (`staged.rs`) and the exposure search (`exposure.rs`), so none imports another for it.
//!
//! Uses git2; imports only `finding` (through `source`).

use git2::Repository;
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
