//! Moving secrets from `.env` and JSON files into Vault KV, then rewriting the files to refer to
//! Vault: [`parse`] (values with byte spans) → [`plan`] (what moves where) → [`apply`]
//! (check-and-set write, read-back verification, atomic [`rewrite`], audit; rollback), with the
//! [`journal`] (and its lock) as the record of each run, and [`emit`] for what the application
//! side needs (policy, agent templates, JSON runtime).
//!
//! Imports `detect`, `classify`, `rules`, `finding`, `vault`. Prints nothing: `cmd::migrate`
//! reports. No value is ever written anywhere but into Vault and (on rollback) its file.

pub mod apply;
pub mod emit;
pub mod journal;
pub mod parse;
pub mod plan;
pub mod rewrite;

use crate::vault::VaultError;
use std::path::PathBuf;

/// Errors of a migration. Every one of them leaves the files untouched unless their values are
/// verified in Vault.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A malformed `.env` or JSON file.
    #[error("{}:{line}:{column}: {msg}", file.display())]
    Parse {
        /// File.
        file: PathBuf,
        /// 1-based line (0 if unknown).
        line: usize,
        /// 1-based column (0 if unknown).
        column: usize,
        /// What is wrong (never the value).
        msg: String,
    },
    /// A file cannot be read or written.
    #[error("{}: {err}", path.display())]
    Io {
        /// Path.
        path: PathBuf,
        /// OS error.
        err: String,
    },
    /// Vault refused or failed. (The Vault error is part of the message, not a `source`:
    /// chained reports would print it twice.)
    #[error("{context}: {err}")]
    Vault {
        /// What was being done.
        context: String,
        /// The Vault error.
        err: VaultError,
    },
    /// Keys already in Vault with other values (use `--overwrite` to replace them).
    #[error(
        "conflict at {destination}: {} already present in Vault with a different value (nothing written; use --overwrite to replace)",
        keys.join(", ")
    )]
    Conflict {
        /// Secret path.
        destination: String,
        /// Conflicting keys.
        keys: Vec<String>,
    },
    /// The file changed between planning and rewriting.
    #[error("{}: changed since it was planned; not rewritten (re-run to plan again)", file.display())]
    FileChanged {
        /// File.
        file: PathBuf,
    },
    /// A plan saved by `migrate plan --out` no longer matches a file (`apply --plan`).
    #[error(
        "{}: {why} since the plan {} was made; nothing applied (review and save a new plan with `migrate plan --out`)",
        file.display(),
        plan.display()
    )]
    PlanStale {
        /// File.
        file: PathBuf,
        /// The saved plan.
        plan: PathBuf,
        /// What differs.
        why: String,
    },
    /// A saved plan cannot be used.
    #[error("plan {}: {msg}", path.display())]
    PlanFile {
        /// Plan path.
        path: PathBuf,
        /// Why.
        msg: String,
    },
    /// A KV v1 secret (no check-and-set there) changed between planning and writing.
    #[error(
        "{destination} was changed by someone else since it was planned (KV v1 has no check-and-set; nothing written, file untouched; re-run to plan again)"
    )]
    ConcurrentChange {
        /// API path of the secret.
        destination: String,
    },
    /// Reading back from Vault did not give the value written.
    #[error(
        "verification failed at {destination}#{key}: Vault does not hold the value; file not rewritten"
    )]
    Verify {
        /// Secret path.
        destination: String,
        /// Key.
        key: String,
    },
    /// The destination cannot be determined or is invalid.
    #[error("{}: {msg}", file.display())]
    Destination {
        /// File.
        file: PathBuf,
        /// Why.
        msg: String,
    },
    /// Another `apply` or `rollback` holds the journal directory.
    #[error(
        "another migration is running in this repository{} (lock {}); wait for it to finish",
        pid.map(|p| format!(" (pid {p})")).unwrap_or_default(),
        dir.join("lock").display()
    )]
    Locked {
        /// Journal directory.
        dir: PathBuf,
        /// Process holding it, if it wrote its pid.
        pid: Option<u32>,
    },
    /// A file that must not be rewritten as asked (read-only, or a link out of the
    /// repository).
    #[error("{}: {msg}; nothing written", file.display())]
    Refused {
        /// File.
        file: PathBuf,
        /// Why, and what to do.
        msg: String,
    },
    /// A file recorded in a journal no longer exists.
    #[error(
        "{}: the file is gone, so journal {} cannot restore it (restore the file, e.g. from git, and roll back again)",
        file.display(),
        journal.display()
    )]
    FileGone {
        /// File.
        file: PathBuf,
        /// Journal.
        journal: PathBuf,
    },
    /// An agent template cannot render a file (nothing is written).
    #[error("{}: cannot render an agent template: {msg}", file.display())]
    Template {
        /// File.
        file: PathBuf,
        /// Why.
        msg: String,
    },
    /// The journal cannot be used.
    #[error("journal {}: {msg}", path.display())]
    Journal {
        /// Journal path.
        path: PathBuf,
        /// Why.
        msg: String,
    },
}

impl Error {
    pub(crate) fn io(path: &std::path::Path, e: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            err: e.to_string(),
        }
    }

    pub(crate) fn vault(context: impl Into<String>, err: VaultError) -> Error {
        Error::Vault {
            context: context.into(),
            err,
        }
    }

    /// Whether re-running `apply` (which plans again) can get past this error once its cause
    /// is gone: Vault down or sealed, a concurrent writer, a file edited meanwhile. Not for a
    /// refused token, a failed verification, or a journal problem.
    pub fn resumable(&self) -> bool {
        match self {
            Error::Vault { err, .. } => matches!(
                err,
                VaultError::Unreachable { .. }
                    | VaultError::Sealed { .. }
                    | VaultError::Timeout { .. }
                    | VaultError::CasConflict { .. }
            ),
            Error::FileChanged { .. } | Error::ConcurrentChange { .. } | Error::Io { .. } => true,
            _ => false,
        }
    }
}

/// A git repository as the caller found it (`migrate` never looks for one itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    /// The work tree's root.
    pub root: PathBuf,
    /// Its git directory (`.git`, or a worktree's or submodule's own git directory).
    pub git_dir: PathBuf,
}

/// Current UTC time as RFC 3339 (`2024-05-01T12:00:00Z`).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339(secs)
}

fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = crate::finding::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_dates() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(super::rfc3339(1_714_564_800), "2024-05-01T12:00:00Z");
    }
}
