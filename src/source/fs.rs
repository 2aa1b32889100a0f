//! Parallel, gitignore-aware tree walking with `ignore::WalkParallel`.

use super::{Blob, Event, Kind, SNIFF, SkipReason, SourceError, SourceErrorKind, judge, to_text};
use crate::finding::{Origin, normalise_path, os_path_text};
use ignore::{WalkBuilder, WalkState};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// File name of the per-directory ignore file (gitignore syntax).
pub const IGNORE_FILE: &str = ".vaultsweepignore";

/// How to walk.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// Files or directories to scan.
    pub roots: Vec<PathBuf>,
    /// Include files ignored by `.gitignore`/`.ignore` (not `.vaultsweepignore`).
    pub no_ignore: bool,
    /// Follow symbolic links.
    pub follow_links: bool,
    /// Files larger than this are skipped.
    pub max_file_size: u64,
    /// Worker threads (0 = automatic).
    pub threads: usize,
    /// The name standard input (`-`, `/dev/stdin`) is scanned and reported under.
    pub stdin_name: String,
}

/// The root that means standard input.
pub const STDIN: &str = "-";

/// Walks every root in parallel. `make_visitor` is called once per worker thread; the visitor it
/// returns receives every event from that thread. Walking stops early when `quit` is set.
pub fn walk<B, F>(opts: &WalkOptions, quit: &AtomicBool, make_visitor: B)
where
    B: Fn() -> F + Sync,
    F: FnMut(Event) + Send,
{
    for root in &opts.roots {
        if quit.load(Ordering::Relaxed) {
            return;
        }
        if let Some(ev) = stream_root(root, opts) {
            make_visitor()(ev);
            continue;
        }
        walk_root(root, opts, quit, &make_visitor);
    }
}

/// A root that is not a file or directory: `-`, `/dev/stdin`, a FIFO, a process substitution
/// (`/dev/fd/N`), a device. Read as a stream, up to the size limit.
fn stream_root(root: &Path, opts: &WalkOptions) -> Option<Event> {
    let is_stdin = |p: &Path| {
        p == Path::new(STDIN) || p == Path::new("/dev/stdin") || p == Path::new("/dev/fd/0")
    };
    if is_stdin(root) {
        let name = opts.stdin_name.clone();
        return Some(read_stream(
            std::io::stdin().lock(),
            Path::new(&name),
            name.clone(),
            opts.max_file_size,
        ));
    }
    let meta = std::fs::metadata(root).ok()?;
    if meta.is_file() || meta.is_dir() {
        return None;
    }
    // As for a file root, `rel` is the file name (`/dev/fd/63` must not read as a dev path).
    let rel = root
        .file_name()
        .map(|n| os_path_text(std::path::Path::new(n)))
        .unwrap_or_default();
    Some(match std::fs::File::open(root) {
        Ok(f) => read_stream(f, root, rel, opts.max_file_size),
        Err(e) => Event::Error(SourceError::from_io(root, &e)),
    })
}

/// What a non-regular file is, for messages.
fn special_kind(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "FIFO (named pipe)";
        }
        if ft.is_socket() {
            return "socket";
        }
        if ft.is_char_device() {
            return "character device";
        }
        if ft.is_block_device() {
            return "block device";
        }
    }
    let _ = ft;
    "special file"
}

/// Reads a stream of unknown length: the first bytes are judged before the rest is read, and
/// reading stops one byte past `max` (a stream that never ends, such as `/dev/zero`, is skipped
/// as binary or too large, not read forever).
pub fn read_stream(mut r: impl Read, path: &Path, rel: String, max: u64) -> Event {
    let skipped = |reason| Event::Skipped {
        path: path.to_path_buf(),
        reason,
    };
    let mut bytes = Vec::new();
    if let Err(e) = (&mut r).take(SNIFF as u64).read_to_end(&mut bytes) {
        return Event::Error(SourceError::from_io(path, &e));
    }
    if let Some(reason) = judge(bytes.len() as u64, max, &bytes, Kind::File) {
        return skipped(reason);
    }
    let rest = (max + 1).saturating_sub(bytes.len() as u64);
    if let Err(e) = (&mut r).take(rest).read_to_end(&mut bytes) {
        return Event::Error(SourceError::from_io(path, &e));
    }
    if bytes.len() as u64 > max {
        // The true size is unknown: at least this much.
        return skipped(SkipReason::TooLarge {
            size: bytes.len() as u64,
            limit: max,
        });
    }
    Event::Blob(Blob {
        bytes: to_text(bytes),
        origin: Origin::File {
            path: normalise_path(&os_path_text(path)),
            rel,
        },
    })
}

fn walk_root<B, F>(root: &Path, opts: &WalkOptions, quit: &AtomicBool, make_visitor: &B)
where
    B: Fn() -> F + Sync,
    F: FnMut(Event) + Send,
{
    let root_is_file = std::fs::metadata(root)
        .map(|m| m.is_file())
        .unwrap_or(false);
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(false)
        .parents(true)
        .require_git(false)
        .git_ignore(!opts.no_ignore)
        .git_global(!opts.no_ignore)
        .git_exclude(!opts.no_ignore)
        .ignore(!opts.no_ignore)
        .follow_links(opts.follow_links)
        .threads(opts.threads)
        .add_custom_ignore_filename(IGNORE_FILE)
        .filter_entry(|e| e.file_name() != ".git");
    let max = opts.max_file_size;
    builder.build_parallel().run(|| {
        let mut visit = make_visitor();
        Box::new(move |entry| {
            if quit.load(Ordering::Relaxed) {
                return WalkState::Quit;
            }
            match entry {
                Ok(entry) => {
                    if let Some(ev) = visit_entry(root, root_is_file, &entry, max) {
                        visit(ev);
                    }
                }
                Err(err) => visit(error_event(walk_error(err))),
            }
            WalkState::Continue
        })
    });
}

/// A dangling symbolic link has no content to miss: it is skipped, not an error.
fn error_event(e: SourceError) -> Event {
    let dangling = e.kind != SourceErrorKind::SymlinkLoop
        && std::fs::symlink_metadata(&e.path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(&e.path).is_err_and(|io| io.kind() == std::io::ErrorKind::NotFound);
    if dangling {
        Event::Skipped {
            path: e.path,
            reason: SkipReason::BrokenSymlink,
        }
    } else {
        Event::Error(e)
    }
}

fn walk_error(err: ignore::Error) -> SourceError {
    fn inner(err: &ignore::Error, path: Option<PathBuf>) -> SourceError {
        match err {
            ignore::Error::WithPath { path, err } => inner(err, Some(path.clone())),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner(err, path)
            }
            ignore::Error::Loop { child, .. } => SourceError {
                path: child.clone(),
                kind: SourceErrorKind::SymlinkLoop,
            },
            ignore::Error::Io(io) => SourceError::from_io(path.unwrap_or_default(), io),
            other => SourceError {
                path: path.unwrap_or_default(),
                kind: SourceErrorKind::Io(other.to_string()),
            },
        }
    }
    inner(&err, None)
}

fn visit_entry(
    root: &Path,
    root_is_file: bool,
    entry: &ignore::DirEntry,
    max: u64,
) -> Option<Event> {
    let path = entry.path();
    let ft = entry.file_type()?;
    if ft.is_dir() {
        return None;
    }
    if ft.is_symlink() {
        // Only reached when links are not followed.
        let reason = if std::fs::metadata(path).is_err() {
            SkipReason::BrokenSymlink
        } else {
            SkipReason::Symlink
        };
        return Some(Event::Skipped {
            path: path.to_path_buf(),
            reason,
        });
    }
    if !ft.is_file() {
        return Some(Event::Skipped {
            path: path.to_path_buf(),
            reason: SkipReason::Special(special_kind(&ft)),
        });
    }
    let rel = if root_is_file {
        path.file_name()
            .map(|n| os_path_text(std::path::Path::new(n)))
            .unwrap_or_default()
    } else {
        normalise_path(&os_path_text(path.strip_prefix(root).unwrap_or(path)))
    };
    Some(read_file(path, rel, max))
}

/// Reads one file into a blob, or says why it was skipped or failed. The size limit applies
/// before reading and [`super::judge`] to the first bytes before reading the rest, so a big
/// binary file costs one small read.
pub fn read_file(path: &Path, rel: String, max: u64) -> Event {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Event::Error(SourceError::from_io(path, &e)),
    };
    let size = match file.metadata() {
        Ok(m) => m.len(),
        Err(e) => return Event::Error(SourceError::from_io(path, &e)),
    };
    let skipped = |reason| Event::Skipped {
        path: path.to_path_buf(),
        reason,
    };
    if size > max {
        return skipped(SkipReason::TooLarge { size, limit: max });
    }
    let mut bytes = Vec::with_capacity(size.min(SNIFF as u64) as usize);
    if let Err(e) = (&mut file).take(SNIFF as u64).read_to_end(&mut bytes) {
        return Event::Error(SourceError::from_io(path, &e));
    }
    if let Some(reason) = judge(size.max(bytes.len() as u64), max, &bytes, Kind::File) {
        return skipped(reason);
    }
    if bytes.len() == SNIFF {
        bytes.reserve((size as usize).saturating_sub(SNIFF) + 1);
        // Read at most max+1 bytes so a file that grew since stat cannot blow memory.
        let rest = (max + 1).saturating_sub(bytes.len() as u64);
        if let Err(e) = (&mut file).take(rest).read_to_end(&mut bytes) {
            return Event::Error(SourceError::from_io(path, &e));
        }
        if bytes.len() as u64 > max {
            return skipped(SkipReason::TooLarge {
                size: bytes.len() as u64,
                limit: max,
            });
        }
    }
    Event::Blob(Blob {
        bytes: to_text(bytes),
        origin: Origin::File {
            path: normalise_path(&os_path_text(path)),
            rel,
        },
    })
}
