//! Suppression: inline `vaultsweep:allow` markers, allowlisted paths and regexes from config, and
//! baseline fingerprints. (`.vaultsweepignore` is honoured by the walker itself.)
//!
//! Imports only `finding`.

use crate::finding::{Confidence, Finding, Fingerprint};
use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::bytes::Regex;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The inline marker that suppresses a finding on its line or the line after it.
pub const INLINE_MARKER: &[u8] = b"vaultsweep:allow";

/// Other scanners' inline markers, honoured the same way so that a team moving to vaultsweep
/// keeps its reviewed exceptions: gitleaks (`gitleaks:allow`), detect-secrets
/// (`pragma: allowlist secret`, `pragma: allowlist nextline secret`), TruffleHog
/// (`trufflehog:ignore`).
pub const FOREIGN_MARKERS: &[&[u8]] = &[
    b"gitleaks:allow",
    b"pragma: allowlist secret",
    b"pragma: allowlist nextline secret",
    b"trufflehog:ignore",
];

/// Why a finding was suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// `vaultsweep:allow` on the line or the line before.
    Inline,
    /// Fingerprint listed in the baseline.
    Baseline,
    /// Secret matched an allowlisted regex.
    AllowlistRegex,
    /// Path matched an allowlisted glob.
    AllowlistPath,
    /// Confidence below `--min-confidence`.
    BelowConfidence,
}

/// Errors building a suppressor.
#[derive(Debug, thiserror::Error)]
pub enum AllowError {
    /// A glob does not parse.
    #[error("invalid allowlist path glob {glob:?}: {err}")]
    Glob {
        /// The glob.
        glob: String,
        /// Parser message.
        err: String,
    },
    /// A regex does not compile.
    #[error("invalid allowlist regex {regex:?}: {err}")]
    Regex {
        /// The regex.
        regex: String,
        /// Compiler message.
        err: String,
    },
    /// The baseline file cannot be read or parsed.
    #[error("cannot read baseline {path}: {err}")]
    Baseline {
        /// Baseline path.
        path: String,
        /// What went wrong.
        err: String,
    },
}

/// Decides which findings are kept.
#[derive(Debug, Default)]
pub struct Suppressor {
    paths: GlobSet,
    /// The globs `paths` was built from (for [`Suppressor::settings_digest`]).
    globs: Vec<String>,
    /// Absolute directory that path globs are relative to (the config file's directory).
    base: Option<PathBuf>,
    /// `base` with symbolic links resolved (git reports work trees that way).
    base_real: Option<PathBuf>,
    regexes: Vec<Regex>,
    baseline: HashSet<Fingerprint>,
    min_confidence: Option<Confidence>,
    /// Version 2 baseline fingerprints (paths relative to `anchors`).
    anchored: HashSet<Fingerprint>,
    /// The directory version 2 baseline paths are relative to, as given and resolved.
    anchors: Vec<PathBuf>,
}

impl Suppressor {
    /// Builds from allowlisted path globs, secret regexes, and baseline fingerprints.
    pub fn new(
        path_globs: &[String],
        regexes: &[String],
        baseline: HashSet<Fingerprint>,
    ) -> Result<Self, AllowError> {
        Self::with_base(path_globs, regexes, baseline, None)
    }

    /// As [`Suppressor::new`], with path globs relative to `base` (the config file's directory)
    /// for files below it; other files are matched by their path relative to the scan root.
    pub fn with_base(
        path_globs: &[String],
        regexes: &[String],
        baseline: HashSet<Fingerprint>,
        base: Option<PathBuf>,
    ) -> Result<Self, AllowError> {
        let mut b = GlobSetBuilder::new();
        for g in path_globs {
            b.add(Glob::new(g).map_err(|e| AllowError::Glob {
                glob: g.clone(),
                err: e.to_string(),
            })?);
            // A directory glob also covers everything below it.
            if let Ok(sub) = Glob::new(&format!("{}/**", g.trim_end_matches('/'))) {
                b.add(sub);
            }
        }
        let paths = b.build().map_err(|e| AllowError::Glob {
            glob: path_globs.join(", "),
            err: e.to_string(),
        })?;
        let regexes = regexes
            .iter()
            .map(|r| {
                Regex::new(r).map_err(|e| AllowError::Regex {
                    regex: r.clone(),
                    err: e.to_string(),
                })
            })
            .collect::<Result<_, _>>()?;
        let base = base.and_then(|b| std::path::absolute(b).ok());
        Ok(Suppressor {
            paths,
            globs: path_globs.to_vec(),
            base_real: base
                .as_deref()
                .and_then(|b| std::fs::canonicalize(b).ok())
                .filter(|r| Some(r) != base.as_ref()),
            base,
            regexes,
            baseline,
            min_confidence: None,
            anchored: HashSet::new(),
            anchors: Vec::new(),
        })
    }

    /// Every setting that decides a verdict, as stable text (sets sorted): the history blob
    /// cache keys on it, so a changed allowlist or baseline is never served old verdicts.
    pub fn settings_digest(&self) -> String {
        let sorted = |s: &HashSet<Fingerprint>| {
            let mut v: Vec<&str> = s.iter().map(|f| f.0.as_str()).collect();
            v.sort_unstable();
            v.join(",")
        };
        let regexes: Vec<&str> = self.regexes.iter().map(Regex::as_str).collect();
        format!(
            "globs={:?}\0base={:?}\0real={:?}\0regexes={regexes:?}\0baseline={}\0min={:?}\0anchored={}\0anchors={:?}",
            self.globs,
            self.base,
            self.base_real,
            sorted(&self.baseline),
            self.min_confidence,
            sorted(&self.anchored),
            self.anchors
        )
    }

    /// Suppresses findings below `level` ([`Reason::BelowConfidence`]).
    pub fn with_min_confidence(mut self, level: Confidence) -> Self {
        self.min_confidence = (level > Confidence::Low).then_some(level);
        self
    }

    /// Adds a loaded baseline file's accepted findings.
    pub fn with_accepted(mut self, accepted: Accepted) -> Self {
        self.baseline.extend(accepted.scan_root);
        self.anchored.extend(accepted.anchored);
        if let Some(anchor) = accepted.anchor {
            self.anchors = anchor_forms(&anchor);
        }
        self
    }

    /// True if a file is allowlisted (it need not be read at all). `display` is the path as
    /// walked, `rel` the path relative to the scan root.
    pub fn path_allowed(&self, display: &str, rel: &str) -> bool {
        self.path_allowed_in(None, display, rel)
    }

    /// As [`Suppressor::path_allowed`], with a relative `display` path taken relative to
    /// `root` instead of the current directory: git origins carry paths relative to the
    /// repository's work tree, whatever directory vaultsweep runs in.
    pub fn path_allowed_in(&self, root: Option<&Path>, display: &str, rel: &str) -> bool {
        if self.paths.is_empty() {
            return false;
        }
        let abs = match root {
            Some(root) => Ok(root.join(display)),
            None => std::path::absolute(display),
        };
        if let Ok(abs) = abs {
            for base in self.base.iter().chain(&self.base_real) {
                if let Ok(under) = abs.strip_prefix(base) {
                    return self.paths.is_match(under);
                }
            }
        }
        self.paths.is_match(rel)
    }

    /// Why `finding` (found in `blob`) is suppressed, or `None` to keep it.
    pub fn check(&self, finding: &Finding, blob: &[u8]) -> Option<Reason> {
        self.check_in(None, finding, blob)
    }

    /// As [`Suppressor::check`], with paths relative to `root` (see
    /// [`Suppressor::path_allowed_in`]).
    pub fn check_in(&self, root: Option<&Path>, finding: &Finding, blob: &[u8]) -> Option<Reason> {
        if has_inline_allow(blob, finding.location.span.start) {
            return Some(Reason::Inline);
        }
        if self.min_confidence.is_some_and(|m| finding.confidence < m) {
            return Some(Reason::BelowConfidence);
        }
        let origin = &finding.location.origin;
        if self.path_allowed_in(root, origin.display_path(), origin.rel_path()) {
            return Some(Reason::AllowlistPath);
        }
        if self
            .regexes
            .iter()
            .any(|r| r.is_match(finding.secret.expose()))
        {
            return Some(Reason::AllowlistRegex);
        }
        if self.baseline.contains(&finding.fingerprint) {
            return Some(Reason::Baseline);
        }
        if !self.anchored.is_empty()
            && anchored_fingerprint(&self.anchors, root, finding)
                .is_some_and(|fp| self.anchored.contains(&fp))
        {
            return Some(Reason::Baseline);
        }
        None
    }
}

/// The default baseline file, read from the repository root by every scan and both hooks.
pub const BASELINE_FILE: &str = ".vaultsweep-baseline.json";

/// Accepted findings from a baseline file, ready for [`Suppressor::with_accepted`].
#[derive(Debug, Default, Clone)]
pub struct Accepted {
    /// Version 1 fingerprints (paths relative to the scan root the baseline was made from).
    pub scan_root: HashSet<Fingerprint>,
    /// Version 2 fingerprints (paths relative to `anchor`).
    pub anchored: HashSet<Fingerprint>,
    /// The directory version 2 paths are relative to.
    pub anchor: Option<PathBuf>,
}

/// The directory a baseline file's paths are relative to: the repository root holding it (the
/// nearest ancestor with a `.git`), else the baseline file's own directory. Scans from any
/// root or working directory then name a file the same way.
pub fn anchor_of(baseline_file: &Path) -> PathBuf {
    let abs = std::path::absolute(baseline_file).unwrap_or_else(|_| baseline_file.to_path_buf());
    let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
        .unwrap_or(dir)
}

/// `anchor` as given (absolute) and with symbolic links resolved, when different.
fn anchor_forms(anchor: &Path) -> Vec<PathBuf> {
    let mut v = vec![std::path::absolute(anchor).unwrap_or_else(|_| anchor.to_path_buf())];
    if let Ok(real) = std::fs::canonicalize(anchor)
        && real != v[0]
    {
        v.push(real);
    }
    v
}

/// A finding's path relative to the anchor (`root`: the directory git origins are relative to).
fn anchored_path(anchors: &[PathBuf], root: Option<&Path>, display: &str) -> Option<String> {
    let abs = match root {
        Some(root) => root.join(display),
        None => std::path::absolute(display).ok()?,
    };
    let real = abs
        .parent()
        .and_then(|p| std::fs::canonicalize(p).ok())
        .zip(abs.file_name())
        .map(|(p, n)| p.join(n));
    for path in std::iter::once(&abs).chain(real.iter()) {
        for anchor in anchors {
            if let Ok(under) = path.strip_prefix(anchor) {
                return Some(crate::finding::normalise_path(
                    &crate::finding::os_path_text(under),
                ));
            }
        }
    }
    None
}

/// The version 2 fingerprint of a finding: rule, anchored path, secret.
fn anchored_fingerprint(
    anchors: &[PathBuf],
    root: Option<&Path>,
    f: &Finding,
) -> Option<Fingerprint> {
    // Outside the anchor: the scan-root path, as `Baseline::anchored` records it.
    let path = anchored_path(anchors, root, f.location.origin.display_path())
        .unwrap_or_else(|| f.location.origin.rel_path().to_string());
    Some(Fingerprint::new(&f.rule_id, &path, &f.secret))
}

/// True if the line holding `offset`, or the line before it, carries the inline marker.
pub fn has_inline_allow(blob: &[u8], offset: usize) -> bool {
    let offset = offset.min(blob.len());
    let line_start = memchr::memrchr(b'\n', &blob[..offset]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &blob[offset..]).map_or(blob.len(), |i| offset + i);
    let prev_start = if line_start == 0 {
        0
    } else {
        memchr::memrchr(b'\n', &blob[..line_start - 1]).map_or(0, |i| i + 1)
    };
    let lines = &blob[prev_start..line_end];
    std::iter::once(INLINE_MARKER)
        .chain(FOREIGN_MARKERS.iter().copied())
        .any(|m| memchr::memmem::find(lines, m).is_some())
}

/// A baseline file: accepted findings by fingerprint. Holds no secret.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Baseline {
    /// Format version.
    pub version: u32,
    /// Accepted findings.
    pub findings: Vec<BaselineEntry>,
}

/// One accepted finding.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BaselineEntry {
    /// Location-free fingerprint.
    pub fingerprint: Fingerprint,
    /// Rule id, for people reading the file.
    pub rule_id: String,
    /// Relative path, for people reading the file.
    pub path: String,
    /// Tier at the time of acceptance.
    pub tier: crate::finding::Tier,
}

impl Baseline {
    /// Builds a baseline from findings (deduplicated by fingerprint, sorted).
    pub fn from_findings<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut seen = HashSet::new();
        let mut entries: Vec<BaselineEntry> = findings
            .into_iter()
            .filter(|f| seen.insert(f.fingerprint.clone()))
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.clone(),
                rule_id: f.rule_id.clone(),
                path: f.location.origin.rel_path().to_string(),
                tier: f.tier,
            })
            .collect();
        entries.sort_by(|a, b| {
            (&a.path, &a.rule_id, &a.fingerprint).cmp(&(&b.path, &b.rule_id, &b.fingerprint))
        });
        Baseline {
            version: 1,
            findings: entries,
        }
    }

    /// Builds a version 2 baseline: paths (and fingerprints) relative to `anchor` (see
    /// [`anchor_of`]); `root` is the directory git origins are relative to. A finding outside
    /// the anchor keeps its scan-root path.
    pub fn anchored<'a>(
        findings: impl IntoIterator<Item = &'a Finding>,
        anchor: &Path,
        root: Option<&Path>,
    ) -> Self {
        let anchors = anchor_forms(anchor);
        let mut seen = HashSet::new();
        let mut entries: Vec<BaselineEntry> = findings
            .into_iter()
            .map(|f| {
                let path = anchored_path(&anchors, root, f.location.origin.display_path())
                    .unwrap_or_else(|| f.location.origin.rel_path().to_string());
                BaselineEntry {
                    fingerprint: Fingerprint::new(&f.rule_id, &path, &f.secret),
                    rule_id: f.rule_id.clone(),
                    path,
                    tier: f.tier,
                }
            })
            .filter(|e| seen.insert(e.fingerprint.clone()))
            .collect();
        entries.sort_by(|a, b| {
            (&a.path, &a.rule_id, &a.fingerprint).cmp(&(&b.path, &b.rule_id, &b.fingerprint))
        });
        Baseline {
            version: 2,
            findings: entries,
        }
    }

    /// What this baseline, read from `file`, accepts: version 1 fingerprints as they are,
    /// version 2 ones relative to [`anchor_of`] `file`.
    pub fn accepted(&self, file: &Path) -> Accepted {
        let fps = self.fingerprints();
        if self.version == 1 {
            Accepted {
                scan_root: fps,
                ..Accepted::default()
            }
        } else {
            Accepted {
                anchored: fps,
                anchor: Some(anchor_of(file)),
                ..Accepted::default()
            }
        }
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Self, AllowError> {
        let err = |e: String| AllowError::Baseline {
            path: path.display().to_string(),
            err: e,
        };
        let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| err(e.to_string()))?;
        if b.version != 1 && b.version != 2 {
            return Err(err(format!("unsupported baseline version {}", b.version)));
        }
        Ok(b)
    }

    /// The fingerprints.
    pub fn fingerprints(&self) -> HashSet<Fingerprint> {
        self.findings
            .iter()
            .map(|e| e.fingerprint.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_marker_on_line_or_line_before() {
        let blob =
            b"a = 1\ntoken = 'x' # vaultsweep:allow\n# vaultsweep:allow\nkey = 'y'\nother = 'z'\n";
        let pos = |s: &[u8]| memchr::memmem::find(blob, s).unwrap();
        assert!(has_inline_allow(blob, pos(b"'x'")));
        assert!(has_inline_allow(blob, pos(b"'y'")));
        assert!(!has_inline_allow(blob, pos(b"'z'")));
        assert!(!has_inline_allow(blob, pos(b"1")));
    }

    #[test]
    fn other_scanners_markers_are_honoured() {
        for marker in [
            "gitleaks:allow",
            "pragma: allowlist secret",
            "trufflehog:ignore",
        ] {
            let blob = format!("a = 1\ntoken = 'x' # {marker}\nother = 'z'\n");
            let b = blob.as_bytes();
            let pos = |s: &[u8]| memchr::memmem::find(b, s).unwrap();
            assert!(has_inline_allow(b, pos(b"'x'")), "{marker}");
            assert!(
                !has_inline_allow(b, pos(b"1")),
                "{marker} only covers its line and the next"
            );
        }
        // detect-secrets' next-line form
        let b = b"# pragma: allowlist nextline secret\nkey = 'y'\n";
        assert!(has_inline_allow(
            b,
            memchr::memmem::find(b, b"'y'").unwrap()
        ));
        // a similar word is not a marker
        let b = b"token = 'x' # gitleaks allowed\n";
        assert!(!has_inline_allow(b, 9));
    }

    #[test]
    fn path_globs_cover_directories() {
        let s =
            Suppressor::new(&["fixtures".into(), "*.lock".into()], &[], HashSet::new()).unwrap();
        assert!(s.path_allowed("fixtures/a/b.env", "fixtures/a/b.env"));
        assert!(s.path_allowed("Cargo.lock", "Cargo.lock"));
        assert!(!s.path_allowed("src/main.rs", "src/main.rs"));
        // Relative to the config's directory when the file is below it.
        let base = std::env::temp_dir().join("proj");
        let s = Suppressor::with_base(
            &["fixtures".into()],
            &[],
            HashSet::new(),
            Some(base.clone()),
        )
        .unwrap();
        let inside = base.join("fixtures/x/a.env");
        assert!(s.path_allowed(&inside.to_string_lossy(), "a.env"));
        assert!(!s.path_allowed(&base.join("src/a.env").to_string_lossy(), "a.env"));
        assert!(Suppressor::new(&["[".into()], &[], HashSet::new()).is_err());
        assert!(Suppressor::new(&[], &["(".into()], HashSet::new()).is_err());
    }
}
