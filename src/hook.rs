//! Git hooks: install, uninstall and inspect vaultsweep's `pre-commit` and `pre-push` hooks in
//! the directory git actually runs hooks from (`core.hooksPath`, else the common git directory's
//! `hooks/`, which covers linked worktrees and `.git` files), as `git rev-parse --git-path hooks`.
//!
//! An existing hook that is not ours is *chained*, not overwritten: it is renamed to
//! `<hook>.local` and our script runs it first (its failure blocks the commit as before). If a
//! `<hook>.local` already exists we refuse rather than guess. `--force` replaces a foreign hook.
//! Uninstall removes our script and moves `<hook>.local` back.
//!
//! The scripts live in `hooks/` at the top of the repository and are embedded here. Uses git2;
//! imports nothing else of the crate.

use std::fmt;
use std::path::{Path, PathBuf};

/// Marker line that identifies a hook we wrote.
pub const MARKER: &str = "vaultsweep-managed-hook";

/// Which hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookKind {
    /// Scans staged changes before each commit.
    PreCommit,
    /// Scans the pushed commits before each push.
    PrePush,
}

impl HookKind {
    /// Both hooks.
    pub const ALL: [HookKind; 2] = [HookKind::PreCommit, HookKind::PrePush];

    /// The hook's file name (`pre-commit`, `pre-push`).
    pub fn name(self) -> &'static str {
        match self {
            HookKind::PreCommit => "pre-commit",
            HookKind::PrePush => "pre-push",
        }
    }

    /// The POSIX-sh script we install.
    pub fn script(self) -> &'static str {
        match self {
            HookKind::PreCommit => include_str!("../hooks/pre-commit"),
            HookKind::PrePush => include_str!("../hooks/pre-push"),
        }
    }
}

impl fmt::Display for HookKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Hook errors.
#[derive(Debug, thiserror::Error)]
pub enum HookError {
    /// Not inside a repository.
    #[error("{}: not inside a git repository", path.display())]
    NotARepository {
        /// The path given.
        path: PathBuf,
    },
    /// A foreign hook exists and so does the name we would chain it under.
    #[error(
        "{} is not a vaultsweep hook and {} already exists, so it cannot be chained; \
         merge them by hand or use --force to replace {}",
        hook.display(), local.display(), hook.display()
    )]
    CannotChain {
        /// The existing hook.
        hook: PathBuf,
        /// The existing `<hook>.local`.
        local: PathBuf,
    },
    /// Uninstall found a hook that is not ours.
    #[error("{} is not a vaultsweep hook; leaving it alone", .0.display())]
    Foreign(PathBuf),
    /// libgit2 failure.
    #[error("git: {0}")]
    Git(String),
    /// File system failure.
    #[error("{}: {err}", path.display())]
    Io {
        /// Path concerned.
        path: PathBuf,
        /// What failed.
        err: std::io::Error,
    },
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> HookError + '_ {
    move |err| HookError::Io {
        path: path.to_path_buf(),
        err,
    }
}

/// Where git runs hooks from, for the repository containing `start`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HooksDir {
    /// The directory.
    pub dir: PathBuf,
    /// True when it comes from `core.hooksPath`.
    pub from_hooks_path: bool,
}

/// Resolves the hooks directory as git does (`git rev-parse --git-path hooks`).
pub fn hooks_dir(start: &Path) -> Result<HooksDir, HookError> {
    let repo = git2::Repository::discover(start).map_err(|e| match e.code() {
        git2::ErrorCode::NotFound => HookError::NotARepository {
            path: start.to_path_buf(),
        },
        _ => HookError::Git(e.message().to_string()),
    })?;
    let configured = repo
        .config()
        .and_then(|mut c| c.snapshot())
        .ok()
        .and_then(|c| c.get_path("core.hooksPath").ok())
        .filter(|p| !p.as_os_str().is_empty());
    if let Some(p) = configured {
        // Relative paths are relative to where hooks run: the work tree's top (bare: git dir).
        let base = repo.workdir().unwrap_or_else(|| repo.path());
        return Ok(HooksDir {
            dir: if p.is_absolute() { p } else { base.join(p) },
            from_hooks_path: true,
        });
    }
    Ok(HooksDir {
        dir: repo.commondir().join("hooks"),
        from_hooks_path: false,
    })
}

/// State of one hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HookState {
    /// No hook file.
    Missing,
    /// Our script; `chained` when a `<hook>.local` runs before it; `current` when it matches
    /// this version's script.
    Installed {
        /// A `<hook>.local` exists and will run first.
        chained: bool,
        /// Identical to the script this binary would install.
        current: bool,
    },
    /// Someone else's hook.
    Foreign,
}

/// Status of one hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookStatus {
    /// Which hook.
    pub kind: HookKind,
    /// Its path.
    pub path: PathBuf,
    /// What is there.
    pub state: HookState,
    /// The hooks directory comes from `core.hooksPath`.
    pub from_hooks_path: bool,
}

fn local_of(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".local");
    PathBuf::from(s)
}

fn is_ours(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|b| b.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()))
}

/// Reports on one hook.
pub fn status(start: &Path, kind: HookKind) -> Result<HookStatus, HookError> {
    let dir = hooks_dir(start)?;
    let path = dir.dir.join(kind.name());
    let state = if std::fs::symlink_metadata(&path).is_err() {
        HookState::Missing
    } else if is_ours(&path) {
        HookState::Installed {
            chained: local_of(&path).exists(),
            current: std::fs::read(&path).is_ok_and(|b| b == kind.script().as_bytes()),
        }
    } else {
        HookState::Foreign
    };
    Ok(HookStatus {
        kind,
        path,
        state,
        from_hooks_path: dir.from_hooks_path,
    })
}

/// What `install` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    /// Wrote a new hook.
    New,
    /// Our hook was there; rewritten with this version's script.
    Updated,
    /// A foreign hook was moved to this path and is run first.
    Chained(PathBuf),
    /// A foreign hook was replaced (`--force`).
    Replaced,
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), HookError> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).map_err(io(path))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> Result<(), HookError> {
    Ok(())
}

/// Installs one hook. Returns its path and what was done.
pub fn install(
    start: &Path,
    kind: HookKind,
    force: bool,
) -> Result<(PathBuf, Installed), HookError> {
    let st = status(start, kind)?;
    let path = st.path;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let done = match st.state {
        HookState::Missing => Installed::New,
        HookState::Installed { .. } => Installed::Updated,
        HookState::Foreign if force => Installed::Replaced,
        HookState::Foreign => {
            let local = local_of(&path);
            if std::fs::symlink_metadata(&local).is_ok() {
                return Err(HookError::CannotChain { hook: path, local });
            }
            std::fs::rename(&path, &local).map_err(io(&path))?;
            Installed::Chained(local)
        }
    };
    // Write beside, then rename: a half-written hook must never run.
    let tmp = dir.join(format!(".{}.vaultsweep-tmp", kind.name()));
    std::fs::write(&tmp, kind.script()).map_err(io(&tmp))?;
    make_executable(&tmp)?;
    std::fs::rename(&tmp, &path).map_err(io(&path))?;
    Ok((path, done))
}

/// What `uninstall` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Uninstalled {
    /// There was no hook.
    NotInstalled,
    /// Removed ours; `restored` names the chained hook moved back into place.
    Removed {
        /// The `<hook>.local` moved back, if any.
        restored: Option<PathBuf>,
    },
}

/// Removes one hook if it is ours, restoring a chained `<hook>.local`.
pub fn uninstall(start: &Path, kind: HookKind) -> Result<(PathBuf, Uninstalled), HookError> {
    let st = status(start, kind)?;
    let path = st.path;
    match st.state {
        HookState::Missing => Ok((path, Uninstalled::NotInstalled)),
        HookState::Foreign => Err(HookError::Foreign(path)),
        HookState::Installed { chained, .. } => {
            std::fs::remove_file(&path).map_err(io(&path))?;
            let restored = if chained {
                let local = local_of(&path);
                std::fs::rename(&local, &path).map_err(io(&local))?;
                Some(local)
            } else {
                None
            };
            Ok((path, Uninstalled::Removed { restored }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_marked_posix_sh() {
        for k in HookKind::ALL {
            let s = k.script();
            assert!(s.starts_with("#!/bin/sh\n"), "{k}");
            assert!(s.contains(MARKER), "{k}");
            assert!(s.contains("--no-verify"), "{k}");
        }
    }
}
