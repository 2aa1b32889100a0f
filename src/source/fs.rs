//! Parallel, gitignore-aware tree walking with `ignore::WalkParallel`.

use super::{
    Blob, CHUNK, Chunk, Event, Kind, Piece, SNIFF, SkipReason, SourceError, SourceErrorKind, judge,
    to_text, utf16,
};
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
        if stream_root(root, opts, &mut make_visitor()) {
            continue;
        }
        walk_root(root, opts, quit, &make_visitor);
    }
}

/// A root that is not a file or directory: `-`, `/dev/stdin`, a FIFO, a process substitution
/// (`/dev/fd/N`), a device. Read as a stream, up to the size limit. False for other roots.
fn stream_root(root: &Path, opts: &WalkOptions, visit: &mut dyn FnMut(Event)) -> bool {
    let is_stdin = |p: &Path| {
        p == Path::new(STDIN) || p == Path::new("/dev/stdin") || p == Path::new("/dev/fd/0")
    };
    if is_stdin(root) {
        let name = opts.stdin_name.clone();
        read_content(
            std::io::stdin().lock(),
            Path::new(&name),
            name.clone(),
            opts.max_file_size,
            None,
            visit,
        );
        return true;
    }
    let Ok(meta) = std::fs::metadata(root) else {
        return false;
    };
    if meta.is_file() || meta.is_dir() {
        return false;
    }
    // As for a file root, `rel` is the file name (`/dev/fd/63` must not read as a dev path).
    let rel = root
        .file_name()
        .map(|n| os_path_text(std::path::Path::new(n)))
        .unwrap_or_default();
    match std::fs::File::open(root) {
        Ok(f) => read_content(f, root, rel, opts.max_file_size, None, visit),
        Err(e) => visit(Event::Error(SourceError::from_io(root, &e))),
    }
    true
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
                    visit_entry(root, root_is_file, &entry, max, &mut visit);
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
    visit: &mut dyn FnMut(Event),
) {
    let path = entry.path();
    let Some(ft) = entry.file_type() else { return };
    if ft.is_dir() {
        return;
    }
    if ft.is_symlink() {
        // Only reached when links are not followed.
        let reason = if std::fs::metadata(path).is_err() {
            SkipReason::BrokenSymlink
        } else {
            SkipReason::Symlink
        };
        return visit(Event::Skipped {
            path: path.to_path_buf(),
            reason,
        });
    }
    if !ft.is_file() {
        return visit(Event::Skipped {
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
    read_file(path, rel, max, visit)
}

/// Reads one file: the size limit applies before reading, [`super::judge`] to the first bytes
/// before reading the rest (a big binary file costs one small read), and content larger than
/// [`CHUNK`] is sent in overlapping chunks.
pub fn read_file(path: &Path, rel: String, max: u64, visit: &mut dyn FnMut(Event)) {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return visit(Event::Error(SourceError::from_io(path, &e))),
    };
    let size = match file.metadata() {
        Ok(m) => m.len(),
        Err(e) => return visit(Event::Error(SourceError::from_io(path, &e))),
    };
    read_content(file, path, rel, max, Some(size), visit);
}

/// Reads content of known (`size`) or unknown length (a stream: reading stops one byte past
/// `max`, so `/dev/zero` is judged on its first bytes and never read forever). Sends one
/// [`Event::Blob`] for content up to [`CHUNK`] (or UTF-16, transcoded whole), else a series of
/// [`Event::Chunk`]s holding at most [`CHUNK`] bytes each.
pub fn read_content(
    mut r: impl Read,
    path: &Path,
    rel: String,
    max: u64,
    size: Option<u64>,
    visit: &mut dyn FnMut(Event),
) {
    let skipped = |reason| Event::Skipped {
        path: path.to_path_buf(),
        reason,
    };
    let too_large = |size| skipped(SkipReason::TooLarge { size, limit: max });
    if let Some(size) = size.filter(|s| *s > max) {
        return visit(too_large(size));
    }
    let mut buf = Vec::with_capacity(size.map_or(SNIFF, |s| s.min(SNIFF as u64) as usize));
    if let Err(e) = (&mut r).take(SNIFF as u64).read_to_end(&mut buf) {
        return visit(Event::Error(SourceError::from_io(path, &e)));
    }
    let known = size.unwrap_or(0).max(buf.len() as u64);
    if let Some(reason) = judge(known, max, &buf, Kind::File) {
        return visit(skipped(reason));
    }
    let origin = Origin::File {
        path: normalise_path(&os_path_text(path)),
        rel,
    };
    let chunked =
        buf.len() == SNIFF && size.is_none_or(|s| s > CHUNK as u64) && utf16(&buf).is_none();
    if !chunked {
        if buf.len() == SNIFF {
            if let Some(s) = size {
                buf.reserve((s as usize).saturating_sub(SNIFF) + 1);
            }
            // Read at most max+1 bytes so a file that grew since stat cannot blow memory.
            let rest = (max + 1).saturating_sub(buf.len() as u64);
            if let Err(e) = (&mut r).take(rest).read_to_end(&mut buf) {
                return visit(Event::Error(SourceError::from_io(path, &e)));
            }
            if buf.len() as u64 > max {
                return visit(too_large(buf.len() as u64));
            }
        }
        return visit(Event::Blob(Blob {
            bytes: to_text(buf),
            origin,
        }));
    }
    let mut piece = Piece::first();
    loop {
        buf.reserve(CHUNK.saturating_sub(buf.len()));
        let room = (max + 1).saturating_sub(piece.offset + buf.len() as u64);
        let want = ((CHUNK - buf.len()) as u64).min(room);
        if let Err(e) = (&mut r).take(want).read_to_end(&mut buf) {
            return visit(Event::Error(SourceError::from_io(path, &e)));
        }
        let end = piece.offset + buf.len() as u64;
        if end > max {
            // A stream longer than the limit: what was sent is reported, the rest named.
            return visit(too_large(end));
        }
        if buf.len() < CHUNK {
            return visit(Event::Chunk(Chunk {
                blob: Blob { bytes: buf, origin },
                piece,
            }));
        }
        let (next, this, following) = piece.split(&buf);
        let tail = buf[next..].to_vec();
        visit(Event::Chunk(Chunk {
            blob: Blob {
                bytes: buf,
                origin: origin.clone(),
            },
            piece: this,
        }));
        piece = following;
        buf = tail;
    }
}
