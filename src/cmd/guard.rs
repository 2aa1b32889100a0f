//! Finding the guard for a command: the repository's guard file (`.vaultsweep/guard.json`)
//! and its key (`VAULTSWEEP_GUARD_KEY` (hex), else the file `VAULTSWEEP_GUARD_KEY_FILE` names,
//! else `<git common dir>/vaultsweep/guard.key`), and recording what `migrate` moved.

use crate::guard::{self, Entry, GuardFile, Matcher};
use crate::migrate::Repo;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The git directory shared by every worktree of a repository (a linked worktree's
/// `.git/worktrees/<name>` names it in its `commondir` file).
pub(crate) fn common_dir(git_dir: &Path) -> PathBuf {
    match std::fs::read_to_string(git_dir.join("commondir")) {
        Ok(t) => {
            let p = PathBuf::from(t.trim());
            if p.is_absolute() { p } else { git_dir.join(p) }
        }
        Err(_) => git_dir.to_path_buf(),
    }
}

/// Where the key is, by the precedence above: `Ok(Key::Bytes)` from the environment, else the
/// key file's path.
enum KeySource {
    Bytes(Vec<u8>),
    File(PathBuf),
}

fn key_source(repo: &Repo) -> Result<KeySource> {
    if let Some(v) = std::env::var_os("VAULTSWEEP_GUARD_KEY").filter(|v| !v.is_empty()) {
        let k = guard::parse_key(&v.to_string_lossy())
            .map_err(anyhow::Error::msg)
            .context("VAULTSWEEP_GUARD_KEY")?;
        return Ok(KeySource::Bytes(k));
    }
    if let Some(p) = std::env::var_os("VAULTSWEEP_GUARD_KEY_FILE").filter(|v| !v.is_empty()) {
        return Ok(KeySource::File(PathBuf::from(p)));
    }
    Ok(KeySource::File(
        common_dir(&repo.git_dir).join(guard::KEY_FILE),
    ))
}

/// The key to record with: from the environment, else the key file (created on first use).
pub(crate) fn key_for_recording(repo: &Repo) -> Result<Vec<u8>> {
    match key_source(repo)? {
        KeySource::Bytes(k) => Ok(k),
        KeySource::File(p) => guard::load_or_create_key(&p)
            .with_context(|| format!("Failed to create or read the guard key {}", p.display())),
    }
}

/// The matcher of the repository holding `path`: `None` when there is no guard file (the scan
/// costs nothing more). When the guard file cannot be applied (no key, a wrong key, an
/// unreadable file) the scan goes on without it, said on stderr, rather than failing every
/// commit; with `VAULTSWEEP_GUARD_REQUIRED=1` (for CI, where a missing key is a setup
/// mistake that would silently drop the guard) that is an error.
pub(crate) fn matcher_for(path: &Path) -> Result<Option<Matcher>> {
    match applied(path) {
        Ok(m) => Ok(m),
        Err(why) if required() => {
            anyhow::bail!("guard not applied (VAULTSWEEP_GUARD_REQUIRED is set): {why}")
        }
        Err(why) => {
            log::warn!("guard not applied: {why}");
            Ok(None)
        }
    }
}

/// Whether `VAULTSWEEP_GUARD_REQUIRED` asks for the guard to be applied or the scan to fail.
fn required() -> bool {
    std::env::var_os("VAULTSWEEP_GUARD_REQUIRED").is_some_and(|v| v != "0" && !v.is_empty())
}

/// The matcher, `Ok(None)` without a guard file, or why the guard file cannot be applied.
fn applied(path: &Path) -> std::result::Result<Option<Matcher>, String> {
    let Some(repo) = crate::cmd::migrate::repository(path) else {
        return Ok(None);
    };
    let file = repo.root.join(guard::GUARD_FILE);
    let g = match GuardFile::load(&file) {
        Ok(Some(g)) => g,
        Ok(None) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let key = match key_source(&repo) {
        Ok(KeySource::Bytes(k)) => k,
        Ok(KeySource::File(p)) => match guard::read_key(&p) {
            Ok(Some(k)) => k,
            Ok(None) => {
                return Err(format!(
                    "{} exists but there is no guard key ({} or VAULTSWEEP_GUARD_KEY); migrated values are not checked",
                    guard::GUARD_FILE,
                    p.display()
                ));
            }
            Err(e) => return Err(e.to_string()),
        },
        Err(e) => return Err(format!("{e:#}")),
    };
    if let Err(e) = g.check_key(&file, &key) {
        return Err(e.to_string());
    }
    Ok(Matcher::new(&key, &g))
}

/// A value `migrate apply` moved.
pub(crate) struct Moved<'a> {
    /// The file it was in.
    pub file: &'a Path,
    /// Its key.
    pub key: &'a str,
    /// The value.
    pub value: &'a [u8],
    /// Rule and tier.
    pub rule: Option<String>,
    /// Tier.
    pub tier: Option<crate::finding::Tier>,
    /// `vault:…` reference.
    pub destination: String,
}

fn rel_to(repo: &Repo, file: &Path) -> String {
    let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let root = std::fs::canonicalize(&repo.root).unwrap_or_else(|_| repo.root.clone());
    let abs = abs
        .parent()
        .and_then(|d| std::fs::canonicalize(d).ok())
        .map(|d| d.join(abs.file_name().unwrap_or_default()))
        .unwrap_or(abs);
    abs.strip_prefix(&root)
        .unwrap_or(&abs)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Records moved values in the repository's guard file (created with the key on first use).
/// Returns the guard file's path and how many values it records now.
pub(crate) fn record(repo: &Repo, moved: &[Moved<'_>]) -> Result<(PathBuf, usize)> {
    let path = repo.root.join(guard::GUARD_FILE);
    let key = key_for_recording(repo)?;
    let mut g = match GuardFile::load(&path)? {
        Some(g) => {
            g.check_key(&path, &key)?;
            g
        }
        None => GuardFile::new(&key),
    };
    for m in moved {
        g.record(
            &key,
            m.value,
            Entry {
                fingerprint: String::new(),
                probe: 0,
                lead: 0,
                length: 0,
                file: rel_to(repo, m.file),
                key: m.key.to_string(),
                rule: m.rule.clone(),
                tier: m.tier,
                destination: m.destination.clone(),
            },
        );
    }
    g.save(&path)?;
    Ok((path, g.entries.len()))
}

/// Removes the entries of values `migrate rollback` restored to `file`.
pub(crate) fn forget(repo: &Repo, file: &Path, keys: &[String]) -> Result<usize> {
    let path = repo.root.join(guard::GUARD_FILE);
    let Some(mut g) = GuardFile::load(&path)? else {
        return Ok(0);
    };
    let n = g.remove(&rel_to(repo, file), keys);
    if n > 0 {
        g.save(&path)?;
    }
    Ok(n)
}
