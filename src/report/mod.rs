//! Reports over a sorted `&[Finding]`: text for people, JSON/JSONL for scripts, SARIF 2.1.0 for
//! code-scanning tools, GitLab's secret-detection report for merge requests. Every format masks
//! secrets unless `show_secrets` is set.
//!
//! Imports `finding` and `rules` only: reporters never see detect, source or scan.

pub mod github;
pub mod gitlab;
pub mod json;
pub mod merge;
pub mod sarif;
pub mod text;

use crate::finding::{Finding, Tier, normalise_path};
use crate::rules::RuleSet;
use std::io::{self, Write};
use std::time::Duration;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Grouped by file, for people.
    Text,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// SARIF 2.1.0.
    Sarif,
    /// GitLab secret-detection report (schema 15.2.4).
    Gitlab,
    /// GitHub Actions workflow-command annotations.
    Github,
}

/// Scan totals shown by reports.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Files scanned.
    pub files_scanned: u64,
    /// Bytes scanned.
    pub bytes_scanned: u64,
    /// Paths skipped on purpose (binary, too large, symlinks).
    pub skipped: usize,
    /// Paths that could not be read.
    pub errors: usize,
    /// Findings suppressed by baseline, inline markers or allowlists.
    pub suppressed: usize,
    /// Every path not scanned (skipped or unreadable) and why, so that no report says
    /// "no secrets found" about something it did not read.
    pub not_scanned: Vec<(String, String)>,
    /// Wall time.
    pub elapsed: Duration,
    /// With `--verify`: every host verification contacted (`host:port`).
    pub verified_hosts: Option<Vec<String>>,
}

/// What a reporter renders.
#[derive(Debug)]
pub struct Report<'a> {
    /// Kept findings, sorted.
    pub findings: &'a [Finding],
    /// The rules in effect (SARIF lists them).
    pub rules: &'a RuleSet,
    /// Totals.
    pub summary: Summary,
    /// Print raw secrets (`--show-secrets`).
    pub show_secrets: bool,
    /// ANSI colours (text only).
    pub color: bool,
    /// Tier at or above which the run fails, for the text footer.
    pub fail_on: Tier,
    /// Absolute directory that SARIF URIs are relative to (`%SRCROOT%`).
    pub srcroot: Option<String>,
    /// Absolute working directory that relative display paths are relative to.
    pub cwd: Option<String>,
    /// The text report's closing advice when there are findings (`None`: move the secrets to
    /// Vault and rotate them; `vault audit`'s values are in Vault already).
    pub advice: Option<&'static str>,
}

impl Report<'_> {
    /// The secret as it may be printed: masked unless `show_secrets`.
    pub fn secret_text(&self, f: &Finding) -> String {
        if self.show_secrets {
            String::from_utf8_lossy(f.secret.expose()).into_owned()
        } else {
            f.secret.masked()
        }
    }
}

/// A finding's verification as every JSON-based format writes it:
/// `{"state", "endpoint", "reason"}`, or `None` when verification did not run.
pub fn verification_json(f: &Finding) -> Option<serde_json::Value> {
    f.verification.as_ref().map(|v| {
        serde_json::json!({
            "state": v.state.as_str(),
            "endpoint": v.endpoint,
            "reason": v.reason,
        })
    })
}

/// Renders a report.
pub fn write(format: Format, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Text => text::write(report, out),
        Format::Json => json::write(report, out, false),
        Format::Jsonl => json::write(report, out, true),
        Format::Sarif => sarif::write(report, out),
        Format::Gitlab => gitlab::write(report, out),
        Format::Github => github::write(report, out),
    }
}

/// A finding's path relative to the report's source root (`%SRCROOT%`: the repository's top
/// level, or the tree scan's root) when the file is below it, else absolute; normalised, not
/// encoded. Without a root, the displayed path.
pub fn root_relative(report: &Report<'_>, f: &Finding) -> String {
    root_relative_path(report, f.location.origin.display_path())
}

/// [`root_relative`] for a displayed path.
pub fn root_relative_path(report: &Report<'_>, shown: &str) -> String {
    let (Some(root), Some(cwd)) = (&report.srcroot, &report.cwd) else {
        return normalise_path(shown);
    };
    let abs = lexical_absolute(std::path::Path::new(cwd), std::path::Path::new(shown));
    match abs.strip_prefix(root) {
        Ok(rel) => normalise_path(&rel.to_string_lossy()),
        Err(_) => abs.to_string_lossy().into_owned(),
    }
}

/// Whether `migrate` can move values out of this file: a `.env` file (`.env`, `.env.*`,
/// `*.env`) or JSON.
pub fn migratable(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    name == ".env" || name.starts_with(".env.") || name.ends_with(".env") || name.ends_with(".json")
}

/// `path` made absolute against `cwd` and cleaned of `.` and `..` without touching the file
/// system (symbolic links are not resolved, as the walker does not resolve them either).
pub fn lexical_absolute(cwd: &std::path::Path, path: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut out = std::path::PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Escapes control and bidirectional-override characters so untrusted paths cannot drive the
/// terminal.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
        if c.is_control() || bidi {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// A path as a POSIX shell word, for advice meant to be pasted: left bare when it holds only
/// characters no shell treats specially, else single-quoted (`'` as `'\''`). Control and bidi
/// characters are escaped first ([`sanitize`]), so the result is safe to print.
pub fn shell_quote(s: &str) -> String {
    let s = sanitize(s);
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-./+=:,@%".contains(&b));
    if plain {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shell_quote_quotes_only_when_needed() {
        assert_eq!(super::shell_quote("config/app.env"), "config/app.env");
        assert_eq!(super::shell_quote("my dir/a.py"), "'my dir/a.py'");
        assert_eq!(super::shell_quote("it's"), "'it'\\''s'");
        assert_eq!(super::shell_quote("$(x)"), "'$(x)'");
    }

    #[test]
    fn sanitize_escapes_control_and_bidi() {
        assert_eq!(super::sanitize("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(super::sanitize("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(super::sanitize("plain/path.env"), "plain/path.env");
    }
}
