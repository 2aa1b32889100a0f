//! Where blobs come from: [`fs`] walks trees, [`staged`] reads the index, [`git`] walks history.
//! Produces [`Blob`]s with their [`Origin`] beside the bytes, and names every path it skips or
//! cannot read. [`judge`] is the one size / binary / LFS check every source applies.
//!
//! Imports only `finding`.

pub mod exposure;
pub mod fs;
pub mod git;
pub mod repo;
pub mod staged;

use crate::finding::Origin;
use std::fmt;
use std::path::PathBuf;

/// Bytes to scan and where they came from.
#[derive(Debug)]
pub struct Blob {
    /// Content.
    pub bytes: Vec<u8>,
    /// Provenance.
    pub origin: Origin,
}

/// Why a path was deliberately not scanned (policy, not failure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// A NUL byte in the first 8 KiB.
    Binary,
    /// Larger than `--max-file-size`.
    TooLarge {
        /// File size in bytes.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// A symbolic link, not followed without `--follow`.
    Symlink,
    /// A symbolic link whose target does not exist.
    BrokenSymlink,
    /// Allowlisted by configuration.
    Allowlisted,
    /// A git submodule (gitlink): not descended.
    Submodule,
    /// A Git LFS pointer: the content lives outside the repository.
    LfsPointer,
    /// An unmerged (conflicted) index entry: resolve and `git add` it first.
    Unmerged,
    /// A FIFO, socket or device met in a walk: reading it could block or never end (name it on
    /// the command line to read it as a stream).
    Special(&'static str),
    /// A file class (`vendored`, `lock`, …) that the file-class policy says to skip.
    FileClass(&'static str),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Binary => f.write_str("binary file"),
            SkipReason::TooLarge { size, limit } => {
                write!(f, "file too large ({size} bytes > size limit {limit})")
            }
            SkipReason::Symlink => f.write_str("symbolic link not followed (use --follow)"),
            SkipReason::BrokenSymlink => f.write_str("broken symbolic link"),
            SkipReason::Allowlisted => f.write_str("allowlisted path"),
            SkipReason::Submodule => f.write_str("git submodule (not descended)"),
            SkipReason::LfsPointer => {
                f.write_str("Git LFS pointer (content not in the repository)")
            }
            SkipReason::Unmerged => {
                f.write_str("unmerged path (resolve the conflict and `git add` it)")
            }
            SkipReason::FileClass(class) => write!(
                f,
                "{class} file, skipped by the file-class policy (--file-class {class}=provider to scan it)"
            ),
            SkipReason::Special(kind) => write!(
                f,
                "{kind}, not a regular file (name it on the command line to read it as a stream)"
            ),
        }
    }
}

/// What kind of failure prevented reading a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceErrorKind {
    /// Permission denied.
    PermissionDenied,
    /// The path disappeared or a link target is missing.
    NotFound,
    /// A symbolic link loop.
    SymlinkLoop,
    /// Any other I/O or walk error.
    Io(String),
}

/// A path that could not be scanned: the scan is incomplete.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", crate::finding::os_path_text(path), match kind {
    SourceErrorKind::PermissionDenied => "permission denied".to_string(),
    SourceErrorKind::NotFound => "not found".to_string(),
    SourceErrorKind::SymlinkLoop => "symbolic link loop".to_string(),
    SourceErrorKind::Io(e) => e.clone(),
})]
pub struct SourceError {
    /// The path concerned (may be empty when the walker gave none).
    pub path: PathBuf,
    /// What went wrong.
    pub kind: SourceErrorKind,
}

impl SourceError {
    /// Classifies an I/O error for a path.
    pub fn from_io(path: impl Into<PathBuf>, e: &std::io::Error) -> Self {
        let kind = match e.kind() {
            std::io::ErrorKind::PermissionDenied => SourceErrorKind::PermissionDenied,
            std::io::ErrorKind::NotFound => SourceErrorKind::NotFound,
            _ => SourceErrorKind::Io(e.to_string()),
        };
        SourceError {
            path: path.into(),
            kind,
        }
    }
}

/// Content larger than this is scanned in overlapping chunks of this size, so memory does not
/// grow with the file (a 300 MB line costs a few chunks, not a few times 300 MB).
pub const CHUNK: usize = 8 << 20;

/// How much consecutive chunks overlap. A match starting in the last quarter of the overlap
/// belongs to the next chunk, so a secret or base64 run up to a quarter of this long that
/// straddles a cut is seen whole by one chunk and reported once.
pub const OVERLAP: usize = 1 << 20;

/// Where a piece of content larger than [`CHUNK`] sits in it. Pieces start at a line start
/// when there is one in the overlap window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// 1-based line number of the first byte.
    pub first_line: usize,
    /// Bytes between the start of that line and the first byte (0 at a line start).
    pub first_column: usize,
    /// Byte offset of the first byte in the content.
    pub offset: u64,
    /// Only matches starting in this range belong to this piece (the others are reported by
    /// the neighbouring piece, which sees them whole).
    pub owned: std::ops::Range<usize>,
}

impl Piece {
    /// The first piece of some content.
    pub fn first() -> Piece {
        Piece {
            first_line: 1,
            first_column: 0,
            offset: 0,
            owned: 0..usize::MAX,
        }
    }

    /// For a full piece `buf` ([`CHUNK`] bytes) starting where `self` says: where the next one
    /// starts in `buf`, this piece with its ownership ending at the cut, and the next piece.
    pub fn split(&self, buf: &[u8]) -> (usize, Piece, Piece) {
        let len = buf.len();
        let cut = len - OVERLAP / 4;
        let window = len - OVERLAP..len - OVERLAP / 2;
        let next = memchr::memrchr(b'\n', &buf[window.clone()])
            .map_or(window.start, |i| window.start + i + 1);
        let newlines = memchr::memchr_iter(b'\n', &buf[..next]).count();
        let (first_line, first_column) = match memchr::memrchr(b'\n', &buf[..next]) {
            Some(i) => (self.first_line + newlines, next - i - 1),
            None => (self.first_line, self.first_column + next),
        };
        let this = Piece {
            owned: self.owned.start..cut,
            ..self.clone()
        };
        let following = Piece {
            first_line,
            first_column,
            offset: self.offset + next as u64,
            owned: cut - next..usize::MAX,
        };
        (next, this, following)
    }
}

/// In-memory content cut into the same overlapping pieces as a stream: each piece's byte
/// range and position. One piece when `bytes` fits in a [`CHUNK`].
pub fn pieces(bytes: &[u8]) -> Vec<(std::ops::Range<usize>, Piece)> {
    let mut out = Vec::new();
    let (mut start, mut piece) = (0, Piece::first());
    while bytes.len() - start > CHUNK {
        let (next, this, following) = piece.split(&bytes[start..start + CHUNK]);
        out.push((start..start + CHUNK, this));
        start += next;
        piece = following;
    }
    out.push((start..bytes.len(), piece));
    out
}

/// One piece of content too large to scan at once (see [`CHUNK`]).
#[derive(Debug)]
pub struct Chunk {
    /// This piece's bytes, with the content's origin.
    pub blob: Blob,
    /// Where it sits in the content.
    pub piece: Piece,
}

/// One event from a source.
#[derive(Debug)]
pub enum Event {
    /// Content to scan.
    Blob(Blob),
    /// A piece of content too large to scan at once.
    Chunk(Chunk),
    /// A path deliberately not scanned.
    Skipped {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: SkipReason,
    },
    /// A path that could not be scanned.
    Error(SourceError),
}

/// Number of leading bytes inspected to decide whether content is text.
pub const SNIFF: usize = 8 * 1024;

/// Where content comes from, for [`judge`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A file on disk or a stream.
    File,
    /// A git blob (index or history): Git LFS pointers are skipped.
    GitBlob,
}

/// The one check every source applies before scanning: `size` against `limit`, then the first
/// bytes of the content (`head`, at least the first [`SNIFF`] bytes when there are that many):
/// a NUL there means binary; a small git blob opening with the LFS header is a pointer.
/// `None` means "scan it".
pub fn judge(size: u64, limit: u64, head: &[u8], kind: Kind) -> Option<SkipReason> {
    if size > limit {
        return Some(SkipReason::TooLarge { size, limit });
    }
    let head = &head[..head.len().min(SNIFF)];
    if kind == Kind::GitBlob && size < 1024 && is_lfs_pointer(head) {
        return Some(SkipReason::LfsPointer);
    }
    if memchr::memchr(0, head).is_some() && utf16(head).is_none() {
        return Some(SkipReason::Binary);
    }
    None
}

/// Byte order of UTF-16 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf16 {
    /// Little-endian (Windows: PowerShell, `.reg`, some `.config`).
    Le,
    /// Big-endian.
    Be,
}

/// UTF-16 detected from the first bytes: a byte-order mark, or the NUL pattern of mostly-ASCII
/// text (a NUL in at least 40% of the odd (LE) or even (BE) bytes and in at most 5% of the
/// others, over at least 8 code units). A UTF-32 BOM is not UTF-16.
pub fn utf16(head: &[u8]) -> Option<Utf16> {
    let head = &head[..head.len().min(SNIFF)];
    if head.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return None;
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Some(Utf16::Le);
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Some(Utf16::Be);
    }
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None; // too little to tell text from binary
    }
    let (mut even, mut odd) = (0, 0);
    for p in head.chunks_exact(2) {
        even += usize::from(p[0] == 0);
        odd += usize::from(p[1] == 0);
    }
    if odd * 10 >= pairs * 4 && even * 20 <= pairs {
        Some(Utf16::Le)
    } else if even * 10 >= pairs * 4 && odd * 20 <= pairs {
        Some(Utf16::Be)
    } else {
        None
    }
}

/// The bytes to scan: UTF-16 text (see [`utf16`]) transcoded to UTF-8 without its byte-order
/// mark — one `\n` per U+000A, so line numbers are the original file's — anything else as it
/// is. Only content holding a NUL or a BOM is considered, so UTF-8 text is never touched.
pub fn to_text(bytes: Vec<u8>) -> Vec<u8> {
    let head = &bytes[..bytes.len().min(SNIFF)];
    let bom = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    if !bom && memchr::memchr(0, head).is_none() {
        return bytes;
    }
    let Some(order) = utf16(head) else {
        return bytes;
    };
    let units = bytes.chunks_exact(2).map(|p| match order {
        Utf16::Le => u16::from_le_bytes([p[0], p[1]]),
        Utf16::Be => u16::from_be_bytes([p[0], p[1]]),
    });
    let mut out = String::with_capacity(bytes.len() / 2 + 16);
    out.extend(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
    let text = out.strip_prefix('\u{FEFF}').unwrap_or(&out);
    text.as_bytes().to_vec()
}

/// True for a Git LFS pointer file (`version https://git-lfs.github.com/spec/v1` + oid + size).
pub fn is_lfs_pointer(bytes: &[u8]) -> bool {
    bytes.len() < 1024 && bytes.starts_with(b"version https://git-lfs.github.com/spec/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lfs_pointer() {
        let p = b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n";
        assert!(is_lfs_pointer(p));
        assert!(!is_lfs_pointer(b"hello"));
        assert_eq!(
            judge(p.len() as u64, 100, p, Kind::GitBlob),
            Some(SkipReason::LfsPointer)
        );
        assert_eq!(judge(p.len() as u64, 100, p, Kind::File), None);
    }

    #[test]
    fn size_then_binary() {
        assert_eq!(
            judge(11, 10, b"abc", Kind::File),
            Some(SkipReason::TooLarge {
                size: 11,
                limit: 10
            })
        );
        assert_eq!(judge(4, 10, b"a\0bc", Kind::File), Some(SkipReason::Binary));
        assert_eq!(judge(3, 10, b"abc", Kind::GitBlob), None);
    }

    #[test]
    fn pieces_tile_ownership_and_know_their_lines() {
        for line_len in [97usize, CHUNK * 3] {
            // Lines of `line_len` bytes (the second case: one line, no newline to cut at).
            let bytes: Vec<u8> = (0..CHUNK * 2 + 12_345)
                .map(|i| {
                    if i % line_len == line_len - 1 {
                        b'\n'
                    } else {
                        b'a'
                    }
                })
                .collect();
            let ps = pieces(&bytes);
            assert!(ps.len() >= 3);
            let mut owned_to = 0usize;
            for (range, p) in &ps {
                assert_eq!(p.offset as usize, range.start);
                assert!(range.len() <= CHUNK);
                assert_eq!(range.start + p.owned.start, owned_to, "no gap, no double");
                owned_to = range.start + p.owned.end.min(range.len());
                let before = &bytes[..range.start];
                let lines = before.iter().filter(|&&b| b == b'\n').count();
                assert_eq!(p.first_line, 1 + lines);
                let line_start = before
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                assert_eq!(p.first_column, range.start - line_start);
            }
            assert_eq!(owned_to, bytes.len());
            assert_eq!(ps.last().unwrap().0.end, bytes.len());
        }
        assert_eq!(pieces(b"small").len(), 1);
    }

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut v: Vec<u8> = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        v.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        v
    }

    #[test]
    fn utf16_is_detected_and_transcoded() {
        let text = "$token = 'abc'\r\n# Grüße\r\n";
        for bom in [true, false] {
            let le = utf16le(text, bom);
            assert_eq!(utf16(&le), Some(Utf16::Le));
            assert_eq!(judge(le.len() as u64, 1 << 20, &le, Kind::File), None);
            assert_eq!(to_text(le), text.as_bytes());
            let mut be: Vec<u8> = if bom { vec![0xFE, 0xFF] } else { Vec::new() };
            be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            assert_eq!(utf16(&be), Some(Utf16::Be));
            assert_eq!(to_text(be), text.as_bytes());
        }
        // Binary with NULs everywhere, UTF-8 text and a UTF-32 BOM are left alone.
        let bin = [0u8, 1, 0, 0, 7, 0, 0, 0, 0, 0];
        assert_eq!(utf16(&bin), None);
        assert_eq!(judge(10, 100, &bin, Kind::File), Some(SkipReason::Binary));
        assert_eq!(to_text(b"plain".to_vec()), b"plain");
        assert_eq!(utf16(&[0xFF, 0xFE, 0, 0, b'a', 0, 0, 0]), None);
    }
}
