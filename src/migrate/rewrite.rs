//! Byte-exact rewrites: replace value spans, keep every other byte, and swap the file atomically
//! (temporary file in the same directory, permissions copied, fsync, rename).

use super::Error;
use std::io::Write;
use std::ops::Range;
use std::path::Path;

/// `bytes` with each span replaced. Spans must not overlap; order does not matter.
pub fn replace_spans(bytes: &[u8], replacements: &[(Range<usize>, Vec<u8>)]) -> Vec<u8> {
    let mut sorted: Vec<&(Range<usize>, Vec<u8>)> = replacements.iter().collect();
    sorted.sort_by_key(|(r, _)| r.start);
    let mut out = Vec::with_capacity(bytes.len() + 64 * sorted.len());
    let mut at = 0;
    for (span, with) in sorted {
        assert!(
            span.start >= at && span.end <= bytes.len(),
            "overlapping spans"
        );
        out.extend_from_slice(&bytes[at..span.start]);
        out.extend_from_slice(with);
        at = span.end;
    }
    out.extend_from_slice(&bytes[at..]);
    out
}

/// Replaces `path`'s contents with `bytes` atomically, keeping its permissions. A symbolic
/// link is followed: its target is replaced (in the target's directory) and the link kept.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let resolved;
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            resolved = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
            resolved.as_path()
        }
        _ => path,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let meta = std::fs::metadata(path).ok();
    let mut tmp = tempfile::Builder::new()
        .prefix(".vaultsweep-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(tmp.path(), e))?;
    if let Some(m) = &meta {
        std::fs::set_permissions(tmp.path(), m.permissions())
            .map_err(|e| Error::io(tmp.path(), e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(tmp.path(), e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_spans() {
        let b = b"A=1\r\nB='22'\r\n# c\r\n";
        let out = replace_spans(b, &[(7..11, b"'x'".to_vec()), (2..3, b"yy".to_vec())]);
        assert_eq!(out, b"A=yy\r\nB='x'\r\n# c\r\n");
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_through_a_link_replaces_the_target_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/.env");
        std::fs::write(&target, b"old").unwrap();
        let link = dir.path().join(".env");
        std::os::unix::fs::symlink("real/.env", &link).unwrap();
        atomic_write(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".env");
        std::fs::write(&p, b"old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        atomic_write(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }
}
