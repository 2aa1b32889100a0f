//! The migration journal and the one owner of its rules: journal types and states, the HMAC salt
//! and fingerprints, the exclusive lock on the journal directory, and which journal a command
//! acts on.
//!
//! - One journal per `apply` run, named `journal-<time>-<pid>.json`, owned by that run: a run
//!   only ever names the journal it created.
//! - The salt (`salt`) is created once per directory with an exclusive create (never replaced),
//!   and every journal records which salt it used (`salt_id`), so a replaced salt is reported as
//!   such instead of as values missing from Vault.
//! - `apply` and `rollback` hold [`DirLock`] (an advisory `flock` on `lock`, holding the pid) for
//!   their whole run. The kernel drops the lock when its process dies, so a lock file left by a
//!   dead process is taken over (and logged) without guessing from pids.
//! - `rollback` with no journal named takes the one unfinished journal, else asks (see
//!   [`choose_for_rollback`]).
//!
//! Holds keys, destinations, versions and fingerprints, never values. Same imports as `migrate`.

use super::parse::{FileFormat, Quote};
use super::{Error, Repo, now_rfc3339, rewrite};
use crate::vault::KvVersion;
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Steps of one file's migration, reported to the caller's hook after each completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Step {
    /// Recorded in the journal; nothing written yet.
    Planned,
    /// Written to Vault (or found there already).
    Written,
    /// Read back from Vault and compared.
    Verified,
    /// The file refers to Vault.
    Rewritten,
    /// Audited; finished.
    Done,
    /// Restored by `rollback`.
    RolledBack,
    /// Finished by a later run, whose journal records the file: nothing to undo here.
    Superseded,
}

impl Step {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Planned => "planned",
            Step::Written => "written",
            Step::Verified => "verified",
            Step::Rewritten => "rewritten",
            Step::Done => "done",
            Step::RolledBack => "rolledback",
            Step::Superseded => "superseded",
        }
    }

    /// Parses a name as printed by [`Step::as_str`].
    pub fn parse(s: &str) -> Option<Step> {
        [
            Step::Planned,
            Step::Written,
            Step::Verified,
            Step::Rewritten,
            Step::Done,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }
}

/// One key in the journal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JournalKey {
    /// Key (variable name or dotted JSON path), also the key inside the secret.
    pub key: String,
    /// The reference written into the file.
    pub reference: String,
    /// Quoting style of the original value.
    pub quote: Quote,
    /// HMAC-SHA256 of the value with the journal directory's salt, hex.
    pub fingerprint: String,
    /// The value's tier when it moved (absent in journals of older versions): `assess` counts
    /// migrated secrets by tier from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<crate::finding::Tier>,
}

/// One file in the journal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JournalFile {
    /// Absolute path as given (a symbolic link stays a link: its target is rewritten).
    pub file: PathBuf,
    /// Format.
    pub format: FileFormat,
    /// KV mount.
    pub mount: String,
    /// KV version of the mount.
    pub kv_version: KvVersion,
    /// Secret path inside the mount.
    pub path: String,
    /// Hash of the file's bytes when planned.
    pub file_hash: String,
    /// KV v2 version that holds the values (once written).
    pub version: Option<u64>,
    /// Last completed step.
    pub state: Step,
    /// Keys moved.
    pub keys: Vec<JournalKey>,
}

/// Where a journal stands, as `rollback` and its listing see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum JournalState {
    /// An apply or a rollback stopped part way: some file is neither done nor rolled back, or
    /// some files are rolled back and others not.
    Unfinished,
    /// Every file migrated.
    Done,
    /// Every file restored.
    RolledBack,
}

impl JournalState {
    /// Name for people.
    pub fn as_str(self) -> &'static str {
        match self {
            JournalState::Unfinished => "unfinished",
            JournalState::Done => "done",
            JournalState::RolledBack => "rolled back",
        }
    }
}

/// A journal: one per `apply` run, rewritten atomically after every step.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Journal {
    /// Format version.
    pub journal_version: u32,
    /// When the run started.
    pub created: String,
    /// Which salt the fingerprints use ([`salt_id`]); absent in journals of older versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt_id: Option<String>,
    /// Files.
    pub files: Vec<JournalFile>,
    /// Where it lives.
    #[serde(skip)]
    pub path: PathBuf,
}

impl Journal {
    /// A new, empty journal in the locked directory, for a run starting now.
    pub fn create(lock: &DirLock, salt: &[u8]) -> Journal {
        let created = now_rfc3339();
        let stamp: String = created.chars().filter(|c| c.is_ascii_digit()).collect();
        Journal {
            journal_version: 1,
            created,
            salt_id: Some(salt_id(salt)),
            files: Vec::new(),
            path: lock
                .dir()
                .join(format!("journal-{stamp}-{}.json", std::process::id())),
        }
    }

    /// Reads a journal file.
    pub fn load(path: &Path) -> Result<Journal, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut j: Journal = serde_json::from_str(&text).map_err(|e| Error::Journal {
            path: path.to_path_buf(),
            msg: format!("unreadable: {e}"),
        })?;
        j.path = path.to_path_buf();
        Ok(j)
    }

    /// Writes the journal (atomically).
    pub fn save(&self) -> Result<(), Error> {
        let mut text = serde_json::to_vec_pretty(self).expect("journal serialises");
        text.push(b'\n');
        rewrite::atomic_write(&self.path, &text)
    }

    /// The directory holding this journal.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// The salt this journal's fingerprints were made with: the directory's salt, checked
    /// against the recorded [`salt_id`].
    pub fn salt(&self) -> Result<Vec<u8>, Error> {
        let salt = read_salt(self.dir())?.ok_or_else(|| Error::Journal {
            path: self.path.clone(),
            msg: format!(
                "the salt file {} is gone: the fingerprints cannot be checked",
                self.dir().join(SALT).display()
            ),
        })?;
        if let Some(want) = &self.salt_id
            && *want != salt_id(&salt)
        {
            return Err(Error::Journal {
                path: self.path.clone(),
                msg: format!(
                    "written with salt {want}, but {} holds salt {}: the salt file was replaced, so the fingerprints cannot be checked (restore the original salt file)",
                    self.dir().join(SALT).display(),
                    salt_id(&salt)
                ),
            });
        }
        Ok(salt)
    }

    /// Where the journal stands (files finished by a later run do not count).
    pub fn state(&self) -> JournalState {
        let own: Vec<Step> = self
            .files
            .iter()
            .map(|f| f.state)
            .filter(|s| *s != Step::Superseded)
            .collect();
        if !own.is_empty() && own.iter().all(|s| *s == Step::RolledBack) {
            JournalState::RolledBack
        } else if own.iter().all(|s| *s == Step::Done) {
            JournalState::Done
        } else {
            JournalState::Unfinished
        }
    }

    /// Nothing was written anywhere yet (every file still `planned`).
    pub fn wrote_nothing(&self) -> bool {
        self.files.iter().all(|f| f.state == Step::Planned)
    }

    /// Number of keys recorded.
    pub fn key_count(&self) -> usize {
        self.files.iter().map(|f| f.keys.len()).sum()
    }
}

/// After a run finished, marks what it finished in the earlier unfinished journals of the
/// locked directory, so that "re-run `apply` to finish" really finishes them: a file they had
/// not rewritten yet and that this run `migrated` is `superseded` (this run's journal restores
/// it); a file they had rewritten but not audited, and that now refers to Vault (`up_to_date`,
/// or migrated now), is `done`. `this_run` is the run's own journal, if it made one (a run that
/// found nothing to do makes none). Returns the journals changed.
pub fn settle(
    lock: &DirLock,
    this_run: Option<&Path>,
    migrated: &[PathBuf],
    up_to_date: &[PathBuf],
) -> Result<Vec<PathBuf>, Error> {
    let mut changed = Vec::new();
    for p in journals_in(lock.dir())? {
        if Some(p.as_path()) == this_run {
            continue;
        }
        let mut j = Journal::load(&p)?;
        if j.state() != JournalState::Unfinished {
            continue;
        }
        let mut touched = false;
        for f in &mut j.files {
            let now_migrated = migrated.contains(&f.file);
            match f.state {
                Step::Planned | Step::Written | Step::Verified if now_migrated => {
                    f.state = Step::Superseded;
                    touched = true;
                }
                Step::Rewritten if now_migrated || up_to_date.contains(&f.file) => {
                    f.state = Step::Done;
                    touched = true;
                }
                _ => {}
            }
        }
        if touched {
            j.save()?;
            changed.push(p);
        }
    }
    Ok(changed)
}

/// The journal directory for a run: `explicit` (`--journal-dir` / `journal_dir`, with the
/// repository it lies in, if any), else `.git/vaultsweep/` of `repo` (the files' repository).
/// Refuses a directory inside a work tree (outside its git directory): the journal must never
/// be tracked.
pub fn journal_dir(
    explicit: Option<(&Path, Option<&Repo>)>,
    repo: Option<&Repo>,
) -> Result<PathBuf, Error> {
    match explicit {
        Some((d, in_repo)) => {
            let dir = std::path::absolute(d).map_err(|e| Error::io(d, e))?;
            if let Some(r) = in_repo
                && dir.starts_with(&r.root)
                && !dir.starts_with(&r.git_dir)
            {
                return Err(Error::Journal {
                    path: dir,
                    msg: format!(
                        "inside the work tree of {}: the journal must never be tracked; use a directory outside it",
                        r.root.display()
                    ),
                });
            }
            Ok(dir)
        }
        None => repo
            .map(|r| r.git_dir.join("vaultsweep"))
            .ok_or_else(|| Error::Journal {
                path: PathBuf::from("."),
                msg: "the files are not in a git repository: pass --journal-dir (outside any work tree)"
                    .into(),
            }),
    }
}

fn ensure_dir(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Lock

const LOCK: &str = "lock";

/// The exclusive lock on a journal directory, held for the whole of an `apply` or `rollback`.
/// Released (and the pid cleared) when dropped, or by the kernel when the process dies.
#[derive(Debug)]
pub struct DirLock {
    file: std::fs::File,
    dir: PathBuf,
    /// Pid left in the lock file by a process that died holding it (the lock was taken over).
    pub stale_pid: Option<u32>,
}

impl DirLock {
    /// Takes the lock on `dir` (created if needed), or fails at once with [`Error::Locked`]
    /// naming the process that holds it.
    pub fn acquire(dir: &Path) -> Result<DirLock, Error> {
        ensure_dir(dir)?;
        let path = dir.join(LOCK);
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let mut held = String::new();
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let _ = file.read_to_string(&mut held);
                return Err(Error::Locked {
                    dir: dir.to_path_buf(),
                    pid: held.trim().parse().ok(),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        // Ours now. A pid still written there belongs to a process that died holding the lock
        // (a clean exit clears it): the kernel released its lock, so taking over is safe.
        let _ = file.read_to_string(&mut held);
        let stale_pid = held.trim().parse().ok();
        file.set_len(0)
            .and_then(|_| file.rewind())
            .and_then(|_| writeln!(file, "{}", std::process::id()))
            .and_then(|_| file.sync_all())
            .map_err(|e| Error::io(&path, e))?;
        Ok(DirLock {
            file,
            dir: dir.to_path_buf(),
            stale_pid,
        })
    }

    /// The locked directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

// ---------------------------------------------------------------------------------------------
// Salt and fingerprints

const SALT: &str = "salt";

/// The salt of a journal directory, if it has one.
fn read_salt(dir: &Path) -> Result<Option<Vec<u8>>, Error> {
    let path = dir.join(SALT);
    match std::fs::read_to_string(&path) {
        Ok(s) => hex::decode(s.trim())
            .ok()
            .filter(|b| !b.is_empty())
            .map(Some)
            .ok_or_else(|| Error::Journal {
                path: path.clone(),
                msg: "salt file is corrupt".into(),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// The salt of the locked directory, created on first use. Creation is exclusive: the salt is
/// written to a temporary file, then linked into place, which fails if a salt exists already
/// (the existing one is used then). A salt is never replaced.
pub fn salt(lock: &DirLock) -> Result<Vec<u8>, Error> {
    let dir = lock.dir();
    if let Some(s) = read_salt(dir)? {
        return Ok(s);
    }
    let path = dir.join(SALT);
    let mut bytes = vec![0u8; 32];
    fill_random(&mut bytes);
    let mut tmp = tempfile::Builder::new()
        .prefix(".salt-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o600));
    }
    tmp.write_all(hex::encode(&bytes).as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| Error::io(tmp.path(), e))?;
    match std::fs::hard_link(tmp.path(), &path) {
        Ok(()) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            read_salt(dir)?.ok_or_else(|| Error::Journal {
                path,
                msg: "salt file vanished while being created".into(),
            })
        }
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// A short public name of a salt (the first 16 hex digits of its SHA-256), recorded in each
/// journal.
pub fn salt_id(salt: &[u8]) -> String {
    hex::encode(Sha256::digest(salt))[..16].to_string()
}

fn fill_random(buf: &mut [u8]) {
    if std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(buf))
        .is_ok()
    {
        return;
    }
    // No /dev/urandom: hash what varies.
    let mut h = Sha256::new();
    h.update(format!("{:?}{}", std::time::SystemTime::now(), std::process::id()).as_bytes());
    h.update((buf.as_ptr() as usize).to_le_bytes());
    let d = h.finalize();
    for (i, b) in buf.iter_mut().enumerate() {
        *b = d[i % d.len()];
    }
}

/// HMAC-SHA256 of a value under `salt`, hex.
pub fn fingerprint(salt: &[u8], value: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(salt).expect("HMAC takes any key");
    mac.update(value);
    hex::encode(mac.finalize().into_bytes())
}

// ---------------------------------------------------------------------------------------------
// Which journal

/// Journals in a directory, oldest first.
pub fn journals_in(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("journal-") && n.ends_with(".json"))
        })
        .collect();
    v.sort();
    Ok(v)
}

/// What `rollback` without a journal named acts on.
#[derive(Debug)]
pub enum RollbackChoice {
    /// These journals, newest first.
    Journals(Vec<Journal>),
    /// No single journal stands out: every journal of the directory (oldest first), for the
    /// caller to list and ask the user to name one or pass `--all`.
    Ask(Vec<Journal>),
}

/// The rule for `rollback` without a journal named: with `all`, every journal not yet rolled
/// back (newest first); otherwise the one unfinished journal if there is exactly one, else ask.
/// A finished migration is never rolled back unless named or `all`. No journal is an error.
pub fn choose_for_rollback(dir: &Path, all: bool) -> Result<RollbackChoice, Error> {
    let paths = journals_in(dir)?;
    if paths.is_empty() {
        return Err(Error::Journal {
            path: dir.to_path_buf(),
            msg: "no journal here: nothing to roll back".into(),
        });
    }
    let journals = paths
        .iter()
        .map(|p| Journal::load(p))
        .collect::<Result<Vec<_>, _>>()?;
    if all {
        let mut v: Vec<Journal> = journals
            .into_iter()
            .filter(|j| j.state() != JournalState::RolledBack)
            .collect();
        v.reverse();
        return Ok(RollbackChoice::Journals(v));
    }
    let unfinished: Vec<&Journal> = journals
        .iter()
        .filter(|j| j.state() == JournalState::Unfinished)
        .collect();
    if let [one] = unfinished[..] {
        return Ok(RollbackChoice::Journals(vec![one.clone()]));
    }
    Ok(RollbackChoice::Ask(journals))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journal(dir: &Path, name: &str, states: &[Step]) -> PathBuf {
        let j = Journal {
            journal_version: 1,
            created: "2026-01-01T00:00:00Z".into(),
            salt_id: None,
            files: states
                .iter()
                .map(|&state| JournalFile {
                    file: dir.join("f.env"),
                    format: FileFormat::Dotenv,
                    mount: "secret".into(),
                    kv_version: KvVersion::V2,
                    path: "p".into(),
                    file_hash: String::new(),
                    version: None,
                    state,
                    keys: vec![],
                })
                .collect(),
            path: dir.join(name),
        };
        j.save().unwrap();
        j.path
    }

    fn names(v: &[Journal]) -> Vec<String> {
        v.iter()
            .map(|j| j.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn rollback_takes_the_one_unfinished_journal_else_asks() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path();
        assert!(choose_for_rollback(dir, false).is_err(), "no journal");
        journal(dir, "journal-1.json", &[Step::Done, Step::Done]);
        // Only a finished migration: never rolled back unasked.
        let RollbackChoice::Ask(v) = choose_for_rollback(dir, false).unwrap() else {
            panic!("a finished journal must not be chosen")
        };
        assert_eq!(names(&v), ["journal-1.json"]);
        journal(dir, "journal-2.json", &[Step::Done, Step::Written]);
        let RollbackChoice::Journals(v) = choose_for_rollback(dir, false).unwrap() else {
            panic!("one unfinished journal")
        };
        assert_eq!(names(&v), ["journal-2.json"]);
        journal(dir, "journal-3.json", &[Step::RolledBack, Step::Done]);
        assert!(matches!(
            choose_for_rollback(dir, false).unwrap(),
            RollbackChoice::Ask(v) if v.len() == 3
        ));
        journal(dir, "journal-4.json", &[Step::RolledBack]);
        let RollbackChoice::Journals(v) = choose_for_rollback(dir, true).unwrap() else {
            panic!("--all")
        };
        assert_eq!(
            names(&v),
            ["journal-3.json", "journal-2.json", "journal-1.json"]
        );
    }

    #[test]
    fn lock_is_exclusive_and_names_its_holder() {
        let d = tempfile::tempdir().unwrap();
        let a = DirLock::acquire(d.path()).unwrap();
        assert_eq!(a.stale_pid, None);
        match DirLock::acquire(d.path()) {
            Err(Error::Locked { pid, .. }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("{other:?}"),
        }
        drop(a);
        let b = DirLock::acquire(d.path()).unwrap();
        assert_eq!(b.stale_pid, None, "a clean release leaves no pid");
    }

    #[test]
    fn a_lock_left_by_a_dead_process_is_taken_over() {
        let d = tempfile::tempdir().unwrap();
        // A lock file whose writer died: the pid is there, no one holds the flock.
        std::fs::write(d.path().join(LOCK), "999999\n").unwrap();
        let l = DirLock::acquire(d.path()).unwrap();
        assert_eq!(l.stale_pid, Some(999_999));
        let text = std::fs::read_to_string(d.path().join(LOCK)).unwrap();
        assert_eq!(text.trim(), std::process::id().to_string());
    }

    #[test]
    fn salt_is_created_once_and_a_replaced_salt_is_named() {
        let d = tempfile::tempdir().unwrap();
        let lock = DirLock::acquire(d.path()).unwrap();
        let s1 = salt(&lock).unwrap();
        assert_eq!(salt(&lock).unwrap(), s1, "never replaced");
        let mut j = Journal::create(&lock, &s1);
        j.save().unwrap();
        assert_eq!(Journal::load(&j.path).unwrap().salt().unwrap(), s1);
        std::fs::write(d.path().join(SALT), hex::encode([7u8; 32])).unwrap();
        let err = Journal::load(&j.path).unwrap().salt().unwrap_err();
        assert!(err.to_string().contains("salt file was replaced"), "{err}");
        j.salt_id = None;
        j.save().unwrap();
        assert!(
            Journal::load(&j.path).unwrap().salt().is_ok(),
            "old journals"
        );
    }
}
