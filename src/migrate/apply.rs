//! Carrying out a plan: write-ahead journal → KV write (check-and-set) → read back and compare
//! → atomic rewrite → audit line → journal done; and rolling back from the journal by reading
//! the recorded versions back from Vault. Each step is one function over a shared [`Run`]
//! context; the journal itself (types, salt, lock, which journal) is [`super::journal`].
//!
//! The journal and the audit log hold keys, destinations, versions and salted HMAC fingerprints,
//! never values. Every step can be re-run: a plan made after a crash sees values already in
//! Vault as `unchanged` and finishes the rewrite.
//!
//! Which files are rewritten (the rule the README documents): a symbolic link is followed and
//! its target rewritten in place, the link kept, but only when the target lies inside the
//! repository the link is in (`repo`); a link out of it, or any link outside a repository, is
//! refused before anything is written. A read-only file is refused unless `force`; forced, its
//! mode is kept. Rollback applies the same rule.

use super::journal::{self, DirLock, Journal, JournalFile, JournalKey};
use super::parse;
use super::plan::{Action, FilePlan, Plan};
use super::{Error, now_rfc3339, rewrite};
use crate::vault::{KvData, KvVersion, MountInfo, SecretStore};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use super::journal::Step;

/// Options of `migrate apply`.
#[derive(Debug, Clone, Default)]
pub struct ApplyOptions {
    /// Replace keys already in Vault with other values.
    pub overwrite: bool,
    /// Rewrite read-only files too (their mode is kept).
    pub force: bool,
    /// The work tree the files belong to (resolved by the caller): symbolic links are followed
    /// only to targets inside it.
    pub repo: Option<PathBuf>,
}

/// The hook called after each step; returning `false` stops the run at once, as a crash would
/// (fault-injection seam for tests; the command line uses it for progress).
pub type StepHook<'a> = &'a mut dyn FnMut(Step, &Path) -> bool;

/// Outcome of one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileOutcome {
    /// File.
    pub file: PathBuf,
    /// API path of the secret.
    pub destination: String,
    /// KV v2 version holding the values.
    pub version: Option<u64>,
    /// Keys written to Vault in this run.
    pub written: Vec<String>,
    /// Keys found in Vault already.
    pub unchanged: Vec<String>,
    /// The file was rewritten.
    pub rewritten: bool,
    /// The file is a symbolic link; this target was rewritten.
    pub link_target: Option<PathBuf>,
}

/// Outcome of `apply`.
#[derive(Debug, Clone, Serialize)]
pub struct ApplyReport {
    /// Journal written (none when there was nothing to do).
    pub journal: Option<PathBuf>,
    /// Audit log appended to.
    pub audit_log: Option<PathBuf>,
    /// Per file.
    pub files: Vec<FileOutcome>,
}

/// A failed `apply`: the error, and the journal of this run if it recorded anything to finish
/// or undo. A run that wrote nothing leaves no journal and names none.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct Failure {
    /// What went wrong.
    pub error: Error,
    /// This run's journal, if something was written.
    pub journal: Option<PathBuf>,
    /// Re-running `apply` can finish that journal (see [`Error::resumable`]).
    pub resumable: bool,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure {
            error,
            journal: None,
            resumable: false,
        }
    }
}

/// Opens the audit log for appending, readable by its owner only (0600; an older log with wider
/// permissions is tightened): it names every migrated key and where it went.
fn open_audit_log(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        o.mode(0o600);
        let f = o.open(path)?;
        if f.metadata()?.permissions().mode() & 0o077 != 0 {
            f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        Ok(f)
    }
    #[cfg(not(unix))]
    o.open(path)
}

fn stopped(step: Step, file: &Path) -> Error {
    Error::Journal {
        path: file.to_path_buf(),
        msg: format!("run stopped after step {}", step.as_str()),
    }
}

/// Refuses a file that must not be rewritten (see the module docs); returns the link's target
/// when `file` is a symbolic link that may be followed.
pub fn check_rewritable(
    file: &Path,
    repo: Option<&Path>,
    force: bool,
) -> Result<Option<PathBuf>, Error> {
    let refuse = |msg: String| Error::Refused {
        file: file.to_path_buf(),
        msg,
    };
    let meta = std::fs::symlink_metadata(file).map_err(|e| Error::io(file, e))?;
    let target = if meta.file_type().is_symlink() {
        let target = std::fs::canonicalize(file).map_err(|e| Error::io(file, e))?;
        let root = repo.and_then(|r| std::fs::canonicalize(r).ok());
        match root {
            Some(root) if target.starts_with(&root) => Some(target),
            Some(root) => {
                return Err(refuse(format!(
                    "a symbolic link to {}, outside the repository {}: only link targets inside the repository are rewritten (migrate the target where it lives)",
                    target.display(),
                    root.display()
                )));
            }
            None => {
                return Err(refuse(format!(
                    "a symbolic link (to {}) outside any git repository: name the target file instead",
                    target.display()
                )));
            }
        }
    } else {
        None
    };
    let real = target.as_deref().unwrap_or(file);
    let meta = std::fs::metadata(real).map_err(|e| Error::io(real, e))?;
    if meta.permissions().readonly() && !force {
        return Err(refuse(
            "read-only: pass --force to rewrite it anyway (its mode is kept)".into(),
        ));
    }
    Ok(target)
}

/// Carries out a plan, holding the journal directory's lock. Conflicts stop the run before
/// anything is written unless `opts.overwrite`. Files are handled one at a time; a failure
/// leaves earlier files migrated (their values verified in Vault) and later files untouched.
pub fn apply(
    plan: &Plan,
    store: &dyn SecretStore,
    opts: &ApplyOptions,
    lock: &DirLock,
    hook: StepHook<'_>,
) -> Result<ApplyReport, Failure> {
    if !opts.overwrite {
        for fp in &plan.files {
            let keys: Vec<String> = fp
                .items
                .iter()
                .filter(|i| i.action == Action::Conflict)
                .map(|i| i.key.clone())
                .collect();
            if !keys.is_empty() {
                return Err(Error::Conflict {
                    destination: fp.destination.clone(),
                    keys,
                }
                .into());
            }
        }
    }
    let work: Vec<&FilePlan> = plan
        .files
        .iter()
        .filter(|f| f.migrating().next().is_some())
        .collect();
    let mut report = ApplyReport {
        journal: None,
        audit_log: None,
        files: Vec::new(),
    };
    let up_to_date: Vec<PathBuf> = plan
        .files
        .iter()
        .filter(|f| f.migrating().next().is_none())
        .filter_map(|f| std::path::absolute(&f.file).ok())
        .collect();
    if work.is_empty() {
        // Nothing left to do, perhaps because a crashed run got this far: settle its journal.
        journal::settle(lock, None, &[], &up_to_date)?;
        return Ok(report);
    }
    let mut targets = Vec::new();
    for fp in &work {
        targets.push(check_rewritable(
            &fp.file,
            opts.repo.as_deref(),
            opts.force,
        )?);
    }
    let salt = journal::salt(lock)?;
    let mut journal = Journal::create(lock, &salt);
    for fp in &work {
        journal.files.push(JournalFile {
            file: std::path::absolute(&fp.file).map_err(|e| Error::io(&fp.file, e))?,
            format: fp.format,
            mount: fp.mount.clone(),
            kv_version: fp.kv_version,
            path: fp.path.clone(),
            file_hash: fp.file_hash.clone(),
            version: None,
            state: Step::Planned,
            keys: fp
                .migrating()
                .map(|i| JournalKey {
                    key: i.key.clone(),
                    reference: i.reference.clone().unwrap_or_default(),
                    quote: fp.doc.entries[i.entry].quote,
                    fingerprint: journal::fingerprint(&salt, i.value.expose()),
                    tier: i.tier,
                })
                .collect(),
        });
    }
    journal.save()?;
    report.journal = Some(journal.path.clone());
    let audit_path = lock.dir().join("audit.log");
    report.audit_log = Some(audit_path.clone());
    let mut run = Run {
        store,
        opts,
        journal,
        salt,
        audit_path,
        hook,
    };
    for (n, (fp, target)) in work.iter().zip(targets).enumerate() {
        match run.file(n, fp, target) {
            Ok(outcome) => report.files.push(outcome),
            Err(error) => return Err(run.failure(error)),
        }
    }
    let migrated: Vec<PathBuf> = run.journal.files.iter().map(|f| f.file.clone()).collect();
    journal::settle(lock, Some(&run.journal.path), &migrated, &up_to_date)?;
    Ok(report)
}

/// What every step of a run shares.
struct Run<'a, 'h> {
    store: &'a dyn SecretStore,
    opts: &'a ApplyOptions,
    journal: Journal,
    salt: Vec<u8>,
    audit_path: PathBuf,
    hook: StepHook<'h>,
}

/// One file on its way through the steps.
struct FileRun<'p> {
    n: usize,
    fp: &'p FilePlan,
    written: Vec<String>,
    unchanged: Vec<String>,
    version: Option<u64>,
}

impl Run<'_, '_> {
    /// The failure of this run: its journal is named only if something was written; a journal
    /// recording nothing is removed.
    fn failure(&self, error: Error) -> Failure {
        if self.journal.wrote_nothing() {
            let _ = std::fs::remove_file(&self.journal.path);
            return Failure {
                error,
                journal: None,
                resumable: false,
            };
        }
        Failure {
            resumable: error.resumable(),
            error,
            journal: Some(self.journal.path.clone()),
        }
    }

    fn file(
        &mut self,
        n: usize,
        fp: &FilePlan,
        target: Option<PathBuf>,
    ) -> Result<FileOutcome, Error> {
        if !(self.hook)(Step::Planned, &fp.file) {
            return Err(stopped(Step::Planned, &fp.file));
        }
        let mut f = FileRun {
            n,
            fp,
            written: Vec::new(),
            unchanged: Vec::new(),
            version: None,
        };
        self.write(&mut f)?;
        self.verify(&f)?;
        self.rewrite(&f)?;
        self.audit(&f)?;
        Ok(FileOutcome {
            file: fp.file.clone(),
            destination: fp.destination.clone(),
            version: f.version,
            written: f.written,
            unchanged: f.unchanged,
            rewritten: true,
            link_target: target,
        })
    }

    /// Records that `f` completed `step`, then lets the hook stop the run.
    fn completed(&mut self, f: &FileRun<'_>, step: Step) -> Result<(), Error> {
        self.journal.files[f.n].state = step;
        self.journal.save()?;
        if !(self.hook)(step, &f.fp.file) {
            return Err(stopped(step, &f.fp.file));
        }
        Ok(())
    }

    /// Step 1, write: merge into the secret as planned, with check-and-set against the
    /// planned version, so anything written since (a concurrent writer) stops the run.
    fn write(&mut self, f: &mut FileRun<'_>) -> Result<(), Error> {
        let fp = f.fp;
        let (mount, dest) = (&fp.mount_info, &fp.destination);
        let (mut data, current) = match &fp.vault_state {
            Some(s) => (s.data.clone(), s.version),
            None => (KvData::default(), None),
        };
        let mut conflicts = Vec::new();
        for item in fp.migrating() {
            let value = std::str::from_utf8(item.value.expose()).map_err(|_| Error::Parse {
                file: fp.file.clone(),
                line: item.line,
                column: 0,
                msg: format!("value of {} is not UTF-8; Vault stores text", item.key),
            })?;
            match data.0.get(&item.key) {
                Some(v) if v.as_str() == Some(value) => f.unchanged.push(item.key.clone()),
                Some(_) if !self.opts.overwrite => conflicts.push(item.key.clone()),
                _ => {
                    data.0.insert(
                        item.key.clone(),
                        serde_json::Value::String(value.to_string()),
                    );
                    f.written.push(item.key.clone());
                }
            }
        }
        if !conflicts.is_empty() {
            return Err(Error::Conflict {
                destination: dest.clone(),
                keys: conflicts,
            });
        }
        f.version = if f.written.is_empty() {
            current
        } else {
            let cas = match mount.version {
                KvVersion::V2 => Some(current.unwrap_or(0)),
                KvVersion::V1 => {
                    // KV v1 has no check-and-set: read again right before writing and stop if
                    // the secret is not what was planned (the merge would drop the other
                    // writer's change). A write landing between this read and ours is still
                    // lost: the read-back catches it only when it removed one of our keys.
                    let fresh = self
                        .store
                        .read(mount, &fp.path)
                        .map_err(|e| Error::vault(format!("reading {dest}"), e))?
                        .map(|s| s.data)
                        .unwrap_or_default();
                    let planned = fp
                        .vault_state
                        .as_ref()
                        .map(|s| s.data.clone())
                        .unwrap_or_default();
                    if fresh != planned {
                        return Err(Error::ConcurrentChange {
                            destination: dest.clone(),
                        });
                    }
                    None
                }
            };
            self.store
                .write(mount, &fp.path, &data, cas)
                .map_err(|e| Error::vault(format!("writing {dest}"), e))?
        };
        self.journal.files[f.n].version = f.version;
        self.completed(f, Step::Written)
    }

    /// Step 2, verify: read back and compare every value.
    fn verify(&mut self, f: &FileRun<'_>) -> Result<(), Error> {
        let fp = f.fp;
        let (mount, dest) = (&fp.mount_info, &fp.destination);
        let back = match (mount.version, f.version) {
            (KvVersion::V2, Some(v)) => self
                .store
                .read_version(&mount.path, &fp.path, v)
                .map_err(|e| Error::vault(format!("reading back {dest} version {v}"), e))?,
            (KvVersion::V2, None) => {
                return Err(Error::vault(
                    format!("reading back {dest}"),
                    crate::vault::VaultError::Other("no version after write".into()),
                ));
            }
            (KvVersion::V1, _) => self
                .store
                .read(mount, &fp.path)
                .map_err(|e| Error::vault(format!("reading back {dest}"), e))?
                .unwrap_or_default(),
        };
        for item in fp.migrating() {
            if back.data.get_str(&item.key).map(str::as_bytes) != Some(item.value.expose()) {
                return Err(Error::Verify {
                    destination: dest.clone(),
                    key: item.key.clone(),
                });
            }
        }
        self.completed(f, Step::Verified)
    }

    /// Step 3, rewrite: only if the file is still what was planned, and only if the result
    /// parses and holds exactly the references.
    fn rewrite(&mut self, f: &FileRun<'_>) -> Result<(), Error> {
        let fp = f.fp;
        let bytes = std::fs::read(&fp.file).map_err(|e| Error::io(&fp.file, e))?;
        if super::plan::file_hash(&bytes) != fp.file_hash {
            return Err(Error::FileChanged {
                file: fp.file.clone(),
            });
        }
        let replacements: Vec<_> = fp
            .migrating()
            .map(|i| {
                let e = &fp.doc.entries[i.entry];
                let reference = i.reference.as_deref().unwrap_or_default();
                (e.span.clone(), parse::encode(fp.format, e.quote, reference))
            })
            .collect();
        let new = rewrite::replace_spans(&bytes, &replacements);
        let doc = parse::parse(&fp.file, &new, fp.format)?;
        for i in fp.migrating() {
            let ok = doc.entries.iter().any(|e| {
                e.key == i.key
                    && Some(e.value.expose()) == i.reference.as_deref().map(str::as_bytes)
            });
            if !ok {
                return Err(Error::Journal {
                    path: fp.file.clone(),
                    msg: format!(
                        "internal error: rewrite of {} did not round-trip; file left untouched",
                        i.key
                    ),
                });
            }
        }
        rewrite::atomic_write(&fp.file, &new)?;
        self.completed(f, Step::Rewritten)
    }

    /// Step 4, audit: one line per key (fingerprint, never the value), synced.
    fn audit(&mut self, f: &FileRun<'_>) -> Result<(), Error> {
        let audit_path = &self.audit_path;
        let mut log = open_audit_log(audit_path).map_err(|e| Error::io(audit_path, e))?;
        let time = now_rfc3339();
        let file_abs = &self.journal.files[f.n].file;
        let mut lines = String::new();
        for item in f.fp.migrating() {
            let line = serde_json::json!({
                "time": time,
                "type": "migrate",
                "file": file_abs,
                "key": item.key,
                "destination": format!("{}#{}", f.fp.destination, item.key),
                "version": f.version,
                "action": if f.written.contains(&item.key) { "written" } else { "unchanged" },
                "fingerprint": format!(
                    "hmac-sha256:{}",
                    journal::fingerprint(&self.salt, item.value.expose())
                ),
            });
            lines.push_str(&line.to_string());
            lines.push('\n');
        }
        log.write_all(lines.as_bytes())
            .and_then(|_| log.sync_all())
            .map_err(|e| Error::io(audit_path, e))?;
        self.completed(f, Step::Done)
    }
}

/// Options of `migrate rollback`.
#[derive(Debug, Clone, Default)]
pub struct RollbackOptions {
    /// Only say what would be restored (Vault is read, nothing is written).
    pub dry_run: bool,
    /// Rewrite read-only files too.
    pub force: bool,
    /// The work tree (symbolic links are followed only to targets inside it).
    pub repo: Option<PathBuf>,
}

/// Outcome of a rollback, per file.
#[derive(Debug, Clone, Serialize)]
pub struct RollbackOutcome {
    /// File.
    pub file: PathBuf,
    /// Keys restored from Vault (with `dry_run`: that would be).
    pub restored: Vec<String>,
    /// Keys that already held their original values.
    pub already: Vec<String>,
    /// Keys left alone because the file holds something else now.
    pub skipped: Vec<String>,
}

/// Restores the original values of every file in a journal by reading the recorded versions
/// back from Vault and checking them against the recorded fingerprints. Values stay in Vault.
/// Holds the lock of the journal's directory.
pub fn rollback(
    journal: &mut Journal,
    store: &dyn SecretStore,
    opts: &RollbackOptions,
    _lock: &DirLock,
) -> Result<Vec<RollbackOutcome>, Error> {
    let salt = journal.salt()?;
    let mut out = Vec::new();
    for n in 0..journal.files.len() {
        let jf = journal.files[n].clone();
        if matches!(jf.state, Step::RolledBack | Step::Superseded) {
            continue;
        }
        let mut outcome = RollbackOutcome {
            file: jf.file.clone(),
            restored: Vec::new(),
            already: Vec::new(),
            skipped: Vec::new(),
        };
        if jf.state == Step::Planned {
            // Nothing was written: the file still holds its values.
            if !opts.dry_run {
                journal.files[n].state = Step::RolledBack;
                journal.save()?;
            }
            outcome.already = jf.keys.iter().map(|k| k.key.clone()).collect();
            out.push(outcome);
            continue;
        }
        let bytes = match std::fs::read(&jf.file) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::FileGone {
                    file: jf.file.clone(),
                    journal: journal.path.clone(),
                });
            }
            Err(e) => return Err(Error::io(&jf.file, e)),
        };
        let doc = parse::parse(&jf.file, &bytes, jf.format)?;
        let mut replacements = Vec::new();
        let mut secret: Option<KvData> = None;
        for k in &jf.keys {
            let Some(entry) = doc.entries.iter().find(|e| e.key == k.key) else {
                outcome.skipped.push(k.key.clone());
                continue;
            };
            let current = entry.value.expose();
            if journal::fingerprint(&salt, current) == k.fingerprint {
                outcome.already.push(k.key.clone());
                continue;
            }
            if current != k.reference.as_bytes() {
                outcome.skipped.push(k.key.clone());
                continue;
            }
            if secret.is_none() {
                secret = Some(read_recorded(store, &jf)?);
            }
            let data = secret.as_ref().expect("read above");
            let value = data.get_str(&k.key).map(str::as_bytes).unwrap_or_default();
            if journal::fingerprint(&salt, value) != k.fingerprint {
                return Err(Error::Verify {
                    destination: recorded_destination(&jf),
                    key: k.key.clone(),
                });
            }
            replacements.push((
                entry.span.clone(),
                parse::encode_value(jf.format, k.quote, value),
            ));
            outcome.restored.push(k.key.clone());
        }
        if !replacements.is_empty() {
            check_rewritable(&jf.file, opts.repo.as_deref(), opts.force)?;
        }
        if opts.dry_run {
            out.push(outcome);
            continue;
        }
        if !replacements.is_empty() {
            let new = rewrite::replace_spans(&bytes, &replacements);
            rewrite::atomic_write(&jf.file, &new)?;
        }
        journal.files[n].state = Step::RolledBack;
        journal.save()?;
        out.push(outcome);
    }
    Ok(out)
}

fn recorded_destination(jf: &JournalFile) -> String {
    let mount = MountInfo {
        path: jf.mount.clone(),
        version: jf.kv_version,
    };
    super::plan::api_path(&mount, &jf.path)
}

/// The values recorded for a journal file: its KV v2 version, or the KV v1 secret.
fn read_recorded(store: &dyn SecretStore, jf: &JournalFile) -> Result<KvData, Error> {
    let mount = MountInfo {
        path: jf.mount.clone(),
        version: jf.kv_version,
    };
    let dest = recorded_destination(jf);
    let read = match (jf.kv_version, jf.version) {
        (KvVersion::V2, Some(v)) => store.read_version(&jf.mount, &jf.path, v),
        (KvVersion::V2, None) => Err(crate::vault::VaultError::NotFound { path: dest.clone() }),
        (KvVersion::V1, _) => store
            .read(&mount, &jf.path)
            .and_then(|s| s.ok_or(crate::vault::VaultError::NotFound { path: dest.clone() })),
    };
    let what = match jf.version {
        Some(v) => format!("reading {dest} version {v}"),
        None => format!("reading {dest}"),
    };
    Ok(read.map_err(|e| Error::vault(what, e))?.data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Detector;
    use crate::migrate::journal::journals_in;
    use crate::migrate::plan::{self, PlanOptions};
    use crate::vault::{KvSecret, VaultError};
    use std::cell::{Cell, RefCell};
    use std::collections::HashMap;

    /// In-memory KV v2 with check-and-set, failing every call from call number `fail_from` on.
    #[derive(Default)]
    struct MemStore {
        versions: RefCell<HashMap<String, Vec<KvData>>>,
        calls: Cell<usize>,
        fail_from: Cell<Option<usize>>,
        /// Behave as a KV v1 mount: no versions, no check-and-set.
        kv1: Cell<bool>,
    }

    impl MemStore {
        fn tick(&self) -> Result<(), VaultError> {
            let n = self.calls.get();
            self.calls.set(n + 1);
            match self.fail_from.get() {
                Some(f) if n >= f => Err(VaultError::Unreachable {
                    addr: "mem".into(),
                    reason: "injected".into(),
                }),
                _ => Ok(()),
            }
        }
        fn current(&self, path: &str) -> Option<u64> {
            self.versions.borrow().get(path).map(|v| v.len() as u64)
        }
    }

    impl SecretStore for MemStore {
        fn mount_info(&self, path: &str) -> Result<MountInfo, VaultError> {
            self.tick()?;
            Ok(MountInfo {
                path: path.trim_matches('/').into(),
                version: if self.kv1.get() {
                    KvVersion::V1
                } else {
                    KvVersion::V2
                },
            })
        }
        fn read(&self, _m: &MountInfo, path: &str) -> Result<Option<KvSecret>, VaultError> {
            self.tick()?;
            Ok(self.versions.borrow().get(path).map(|v| KvSecret {
                data: v.last().cloned().unwrap_or_default(),
                version: (!self.kv1.get()).then_some(v.len() as u64),
            }))
        }
        fn read_version(&self, _m: &str, path: &str, version: u64) -> Result<KvSecret, VaultError> {
            self.tick()?;
            let map = self.versions.borrow();
            let v = map
                .get(path)
                .and_then(|v| v.get(version as usize - 1))
                .ok_or(VaultError::NotFound { path: path.into() })?;
            Ok(KvSecret {
                data: v.clone(),
                version: Some(version),
            })
        }
        fn write(
            &self,
            _m: &MountInfo,
            path: &str,
            data: &KvData,
            cas: Option<u64>,
        ) -> Result<Option<u64>, VaultError> {
            self.tick()?;
            let mut map = self.versions.borrow_mut();
            let v = map.entry(path.to_string()).or_default();
            if self.kv1.get() {
                v.push(data.clone());
                return Ok(None);
            }
            if cas.is_some_and(|c| c != v.len() as u64) {
                return Err(VaultError::CasConflict { path: path.into() });
            }
            v.push(data.clone());
            Ok(Some(v.len() as u64))
        }
    }

    // Fake secrets, split so that the dogfood scan of this file does not flag them.
    const STRIPE: &str = concat!("sk_", "live_51HqLmN8xZr4TbW2kPq7sVd3Hy6Jc0aFgEuR8xk2");
    const ORIGINAL: &str = concat!(
        "# milk tracker\r\nAPP_NAME=milk-tracker\r\nexport DB_PASSWORD='Qm8v!x2Lp Zr4'\r\n\r\n", // vaultsweep:allow
        "DB_HOST=db.internal # primary\r\nSTRIPE_SECRET_KEY=\"sk_",
        "live_51HqLmN8xZr4TbW2kPq7sVd3Hy6Jc0aFgEuR8xk2\"\r\nLOG_LEVEL=info\r\n"
    );
    const REWRITTEN: &str = "# milk tracker\r\nAPP_NAME=milk-tracker\r\nexport DB_PASSWORD='vault:secret/data/apps/milk-tracker/prod/env#DB_PASSWORD'\r\n\r\nDB_HOST=db.internal # primary\r\nSTRIPE_SECRET_KEY=\"vault:secret/data/apps/milk-tracker/prod/env#STRIPE_SECRET_KEY\"\r\nLOG_LEVEL=info\r\n";
    const PATH: &str = "apps/milk-tracker/prod/env";

    struct Fixture {
        _dir: tempfile::TempDir,
        file: PathBuf,
        journal_dir: PathBuf,
        detector: &'static Detector,
    }

    fn detector() -> &'static Detector {
        static D: std::sync::OnceLock<Detector> = std::sync::OnceLock::new();
        D.get_or_init(|| Detector::new(std::sync::Arc::new(crate::rules::builtin().unwrap())))
    }

    fn fixture() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let svc = dir.path().join("services/milk-tracker");
        std::fs::create_dir_all(&svc).unwrap();
        let file = svc.join(".env.production");
        std::fs::write(&file, ORIGINAL).unwrap();
        Fixture {
            journal_dir: dir.path().join(".git/vaultsweep"),
            _dir: dir,
            file,
            detector: detector(),
        }
    }

    fn opts() -> PlanOptions {
        PlanOptions::new("secret")
    }

    fn lock(fx: &Fixture) -> DirLock {
        DirLock::acquire(&fx.journal_dir).unwrap()
    }

    fn run(fx: &Fixture, store: &MemStore, hook: StepHook<'_>) -> Result<ApplyReport, Failure> {
        let p = plan::plan(std::slice::from_ref(&fx.file), &opts(), fx.detector, store)?;
        apply(&p, store, &ApplyOptions::default(), &lock(fx), hook)
    }

    fn assert_values_in(store: &MemStore) {
        let map = store.versions.borrow();
        let last = map
            .get(PATH)
            .and_then(|v| v.last())
            .expect("secret written");
        assert_eq!(last.get_str("DB_PASSWORD"), Some("Qm8v!x2Lp Zr4"));
        assert_eq!(last.get_str("STRIPE_SECRET_KEY"), Some(STRIPE));
        assert!(!last.0.contains_key("APP_NAME") && !last.0.contains_key("DB_HOST"));
    }

    fn rollback_all(fx: &Fixture, store: &MemStore) {
        for j in journals_in(&fx.journal_dir).unwrap().iter().rev() {
            let mut journal = Journal::load(j).unwrap();
            rollback(&mut journal, store, &RollbackOptions::default(), &lock(fx)).unwrap();
        }
    }

    #[test]
    fn apply_rewrites_byte_exact_and_is_idempotent_and_rolls_back() {
        let fx = fixture();
        let store = MemStore::default();
        let r = run(&fx, &store, &mut |_, _| true).unwrap();
        assert_eq!(std::fs::read_to_string(&fx.file).unwrap(), REWRITTEN);
        assert_values_in(&store);
        assert_eq!(r.files[0].version, Some(1));
        // Second run: nothing to do, no new version.
        let r2 = run(&fx, &store, &mut |_, _| true).unwrap();
        assert!(r2.files.is_empty() && r2.journal.is_none());
        assert_eq!(store.current(PATH), Some(1));
        // Journal and audit log hold no value.
        for f in std::fs::read_dir(&fx.journal_dir).unwrap() {
            let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
            assert!(
                !text.contains("Qm8v") && !text.contains("sk_live_51"),
                "{text}"
            );
        }
        let audit = std::fs::read_to_string(fx.journal_dir.join("audit.log")).unwrap();
        assert_eq!(audit.lines().count(), 2);
        assert!(audit.contains("hmac-sha256:"));
        rollback_all(&fx, &store);
        assert_eq!(std::fs::read_to_string(&fx.file).unwrap(), ORIGINAL);
    }

    #[test]
    fn vault_failure_after_any_call_leaves_values_recoverable_and_rerun_completes() {
        for fail_at in 0..12 {
            let fx = fixture();
            let store = MemStore::default();
            store.fail_from.set(Some(fail_at));
            let res = run(&fx, &store, &mut |_, _| true);
            let text = std::fs::read_to_string(&fx.file).unwrap();
            if res.is_err() {
                // Untouched, or rewritten only with the values verified in Vault.
                if text != ORIGINAL {
                    assert_eq!(text, REWRITTEN, "fail_at {fail_at}");
                    assert_values_in(&store);
                }
            }
            store.fail_from.set(None);
            run(&fx, &store, &mut |_, _| true).unwrap();
            assert_eq!(std::fs::read_to_string(&fx.file).unwrap(), REWRITTEN);
            assert_values_in(&store);
            assert_eq!(
                store.current(PATH),
                Some(1),
                "one version only (fail_at {fail_at})"
            );
            rollback_all(&fx, &store);
            assert_eq!(
                std::fs::read_to_string(&fx.file).unwrap(),
                ORIGINAL,
                "fail_at {fail_at}"
            );
        }
    }

    #[test]
    fn crash_after_each_step_then_rerun_completes_and_rollback_restores() {
        for stop in [
            Step::Planned,
            Step::Written,
            Step::Verified,
            Step::Rewritten,
            Step::Done,
        ] {
            let fx = fixture();
            let store = MemStore::default();
            let err = run(&fx, &store, &mut |s, _| s != stop).unwrap_err();
            assert!(err.to_string().contains(stop.as_str()), "{err}");
            run(&fx, &store, &mut |_, _| true).unwrap();
            assert_eq!(
                std::fs::read_to_string(&fx.file).unwrap(),
                REWRITTEN,
                "{stop:?}"
            );
            assert_eq!(store.current(PATH), Some(1), "{stop:?}");
            rollback_all(&fx, &store);
            assert_eq!(
                std::fs::read_to_string(&fx.file).unwrap(),
                ORIGINAL,
                "{stop:?}"
            );
        }
    }

    #[test]
    fn a_rerun_settles_the_journal_of_the_run_it_finished() {
        use crate::migrate::journal::JournalState;
        for stop in [Step::Planned, Step::Written, Step::Rewritten] {
            let fx = fixture();
            let store = MemStore::default();
            let failed = run(&fx, &store, &mut |s, _| s != stop).unwrap_err();
            let crashed = match stop {
                // A run stopped before writing anything leaves no journal.
                Step::Planned => {
                    assert!(failed.journal.is_none(), "{stop:?}");
                    assert!(journals_in(&fx.journal_dir).unwrap().is_empty());
                    run(&fx, &store, &mut |_, _| true).unwrap();
                    continue;
                }
                _ => failed.journal.clone().expect("names its journal"),
            };
            assert_eq!(
                journals_in(&fx.journal_dir).unwrap(),
                std::slice::from_ref(&crashed)
            );
            assert_eq!(
                Journal::load(&crashed).unwrap().state(),
                JournalState::Unfinished
            );
            // After `rewritten` there is nothing left to do: the re-run makes no journal but
            // still settles the crashed one.
            let r = run(&fx, &store, &mut |_, _| true).unwrap();
            assert_eq!(r.journal.is_none(), stop == Step::Rewritten, "{stop:?}");
            assert_eq!(
                Journal::load(&crashed).unwrap().state(),
                JournalState::Done,
                "{stop:?}"
            );
            rollback_all(&fx, &store);
            assert_eq!(std::fs::read_to_string(&fx.file).unwrap(), ORIGINAL);
        }
    }

    #[test]
    fn conflict_stops_before_writing_and_overwrite_replaces() {
        let fx = fixture();
        let store = MemStore::default();
        let mut other = KvData::default();
        other.0.insert("DB_PASSWORD".into(), "different".into());
        store.versions.borrow_mut().insert(PATH.into(), vec![other]);
        let err = run(&fx, &store, &mut |_, _| true).unwrap_err().error;
        assert!(matches!(err, Error::Conflict { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&fx.file).unwrap(), ORIGINAL);
        assert_eq!(store.current(PATH), Some(1));
        let p = plan::plan(std::slice::from_ref(&fx.file), &opts(), fx.detector, &store).unwrap();
        let o = ApplyOptions {
            overwrite: true,
            ..Default::default()
        };
        apply(&p, &store, &o, &lock(&fx), &mut |_, _| true).unwrap();
        assert_values_in(&store);
        assert_eq!(store.current(PATH), Some(2));
    }

    /// A hook that, once the plan is made, has someone else write an unrelated key at `PATH`.
    fn another_writer_after_planning(store: &MemStore) -> impl FnMut(Step, &Path) -> bool + '_ {
        move |s: Step, _: &Path| {
            if s == Step::Planned {
                let mut other = KvData::default();
                other.0.insert("UNRELATED".into(), "x".into());
                store.versions.borrow_mut().insert(PATH.into(), vec![other]);
            }
            true
        }
    }

    #[test]
    fn concurrent_writer_makes_cas_fail_and_rerun_merges() {
        let fx = fixture();
        let store = MemStore::default();
        let p = plan::plan(std::slice::from_ref(&fx.file), &opts(), fx.detector, &store).unwrap();
        let mut hook = another_writer_after_planning(&store);
        let err = apply(&p, &store, &ApplyOptions::default(), &lock(&fx), &mut hook)
            .unwrap_err()
            .error;
        assert!(
            matches!(
                &err,
                Error::Vault {
                    err: VaultError::CasConflict { .. },
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&fx.file).unwrap(), ORIGINAL);
        run(&fx, &store, &mut |_, _| true).unwrap();
        assert_values_in(&store);
        let map = store.versions.borrow();
        assert_eq!(
            map[PATH].last().unwrap().get_str("UNRELATED"),
            Some("x"),
            "merged"
        );
    }

    #[test]
    fn kv1_change_between_plan_and_write_stops_before_writing() {
        let fx = fixture();
        let store = MemStore::default();
        store.kv1.set(true);
        let p = plan::plan(std::slice::from_ref(&fx.file), &opts(), fx.detector, &store).unwrap();
        let mut hook = another_writer_after_planning(&store);
        let err = apply(&p, &store, &ApplyOptions::default(), &lock(&fx), &mut hook)
            .unwrap_err()
            .error;
        assert!(matches!(err, Error::ConcurrentChange { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&fx.file).unwrap(), ORIGINAL);
        assert_eq!(store.versions.borrow()[PATH].len(), 1, "nothing written");
        // Planned again, the run merges into the other writer's secret.
        run(&fx, &store, &mut |_, _| true).unwrap();
        assert_values_in(&store);
        assert_eq!(
            store.versions.borrow()[PATH]
                .last()
                .unwrap()
                .get_str("UNRELATED"),
            Some("x")
        );
        assert_eq!(
            std::fs::read_to_string(&fx.file).unwrap(),
            REWRITTEN.replace("/data/", "/")
        );
        rollback_all(&fx, &store);
        assert_eq!(std::fs::read_to_string(&fx.file).unwrap(), ORIGINAL);
    }

    #[test]
    fn file_changed_since_plan_is_not_rewritten() {
        let fx = fixture();
        let store = MemStore::default();
        let p = plan::plan(std::slice::from_ref(&fx.file), &opts(), fx.detector, &store).unwrap();
        std::fs::write(&fx.file, format!("{ORIGINAL}NEW=1\r\n")).unwrap();
        let err = apply(
            &p,
            &store,
            &ApplyOptions::default(),
            &lock(&fx),
            &mut |_, _| true,
        )
        .unwrap_err()
        .error;
        assert!(matches!(err, Error::FileChanged { .. }), "{err}");
        assert_eq!(
            std::fs::read_to_string(&fx.file).unwrap(),
            format!("{ORIGINAL}NEW=1\r\n")
        );
    }

    #[test]
    fn journal_dir_outside_work_tree_only() {
        use crate::migrate::Repo;
        use crate::migrate::journal::journal_dir;
        let fx = fixture();
        let root = fx.journal_dir.parent().unwrap().parent().unwrap();
        let repo = Repo {
            root: root.to_path_buf(),
            git_dir: root.join(".git"),
        };
        let inside = root.join("journals");
        assert!(journal_dir(Some((&inside, Some(&repo))), Some(&repo)).is_err());
        let in_git = root.join(".git/elsewhere");
        assert!(journal_dir(Some((&in_git, Some(&repo))), Some(&repo)).is_ok());
        assert_eq!(journal_dir(None, Some(&repo)).unwrap(), fx.journal_dir);
        assert!(
            journal_dir(None, None).is_err(),
            "no repository, no --journal-dir"
        );
        let outside = tempfile::tempdir().unwrap();
        assert!(journal_dir(Some((outside.path(), None)), Some(&repo)).is_ok());
    }
}
