//! How far the migration is: the secrets already in Vault, from the `vault:` references in the
//! assessed files (the authority: the file refers to Vault now), the migration journals (when
//! and by which run, and the tier each value had when it moved) and the guard file
//! (`.vaultsweep/guard.json`, when present), against the findings still in plain text.

use crate::finding::Tier;
use crate::rules::Syntax;
use crate::vault::Reference;
use serde::{Deserialize, Serialize};

/// Where a guard file lives, relative to the repository root.
pub const GUARD_FILE: &str = crate::guard::GUARD_FILE;

/// A `vault:` reference found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefSite {
    /// The file, as walked.
    pub path: String,
    /// The file relative to the walked root (its context: test, docs…).
    pub rel: String,
    /// 1-based line.
    pub line: usize,
    /// The name it is assigned to (`DB_PASSWORD`), when there is one on its line.
    pub name: Option<String>,
    /// The reference text (`vault:secret/data/apps/x/prod/env#DB_PASSWORD`).
    pub text: String,
    /// The parsed reference.
    pub reference: Reference,
}

/// Marks every report `assess` writes (the JSON `format`, a comment in Markdown and HTML): the
/// references a report lists are not references of the application.
pub const REPORT_MARKER: &str = super::FORMAT_NAME;

/// Whether the `vault:` references of a file count as migrated secrets: only in configuration
/// (`.env`, YAML, TOML, properties, HCL…), shell scripts and data files (JSON, XML), where
/// `migrate` and people put them — not in program code, whose `vault:` strings are examples,
/// tests or parsers, nor in documentation; not in vaultsweep's own files (`.vaultsweep/`, the
/// guard file among them; `.vaultsweep.toml`) nor in an assessment report.
pub fn counts_references(rel: &str, bytes: &[u8]) -> bool {
    let own = rel
        .split('/')
        .any(|c| c == ".vaultsweep" || c == ".vaultsweep.toml");
    let config = matches!(
        Syntax::of_path(rel),
        Syntax::Config | Syntax::Shell | Syntax::Data
    );
    config && !own && memchr::memmem::find(bytes, REPORT_MARKER.as_bytes()).is_none()
}

/// Every `vault:` reference in `bytes` (the file at `path`, `rel` from its root).
pub fn references_in(path: &str, rel: &str, bytes: &[u8]) -> Vec<RefSite> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut counted = 0;
    for at in memchr::memmem::find_iter(bytes, b"vault:") {
        // `myvault:` is not a reference.
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
            continue;
        }
        let end = bytes[at..]
            .iter()
            .position(|&b| {
                b.is_ascii_whitespace()
                    || matches!(
                        b,
                        b'"' | b'\'' | b'`' | b',' | b';' | b')' | b']' | b'}' | b'<' | b'>'
                    )
            })
            .map_or(bytes.len(), |n| at + n);
        let Ok(text) = std::str::from_utf8(&bytes[at..end]) else {
            continue;
        };
        let Some(reference) = Reference::parse(text) else {
            continue;
        };
        line += memchr::memchr_iter(b'\n', &bytes[counted..at]).count();
        counted = at;
        out.push(RefSite {
            path: path.to_string(),
            rel: rel.to_string(),
            line,
            name: crate::classify::assigned_name(bytes, at),
            text: text.to_string(),
            reference,
        });
    }
    out
}

/// A secret already in Vault.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Migrated {
    /// The file that refers to it (or, for a guard entry without a file, empty).
    pub path: String,
    /// 1-based line of the reference (0 when not from a file).
    pub line: usize,
    /// The variable or key name.
    pub key: String,
    /// The reference (`vault:…#KEY`).
    pub reference: String,
    /// Application.
    pub service: String,
    /// Environment.
    pub env: String,
    /// Tier (see `tier_from`).
    pub tier: Tier,
    /// Where the tier comes from: `journal` (recorded when it moved), `earlier assessment`
    /// (`--since`), `guard`, or `estimated` (from its name and path, as `migrate plan` does for
    /// keys no rule flags).
    pub tier_from: String,
    /// What says it is migrated: `file`, `journal`, `guard`.
    pub evidence: Vec<String>,
    /// When a migration journal recorded it, the run's start (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub migrated_at: Option<String>,
}

/// Something a journal or the guard file says that the files do not (anymore).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Drift {
    /// The file.
    pub path: String,
    /// The key.
    pub key: String,
    /// What is wrong.
    pub note: String,
}

/// Counts for one tier.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// Already referred to in Vault.
    pub migrated: usize,
    /// Still in plain text (findings).
    pub remaining: usize,
}

impl Count {
    /// Migrated and remaining.
    pub fn total(&self) -> usize {
        self.migrated + self.remaining
    }

    /// Share migrated, 0–100 (0 when there is nothing).
    pub fn percent(&self) -> u32 {
        let total = self.total();
        if total == 0 {
            0
        } else {
            ((self.migrated * 100) as f64 / total as f64).round() as u32
        }
    }
}

/// Progress of one application.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServiceProgress {
    /// Application.
    pub service: String,
    /// All tiers.
    pub total: Count,
    /// By tier, critical first.
    pub tiers: Vec<TierCount>,
}

/// Counts for one tier.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TierCount {
    /// Tier.
    pub tier: Tier,
    /// Counts.
    #[serde(flatten)]
    pub count: Count,
}

/// Progress of the whole migration.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Progress {
    /// Everything.
    pub total: Count,
    /// By tier, critical first.
    pub tiers: Vec<TierCount>,
    /// By application.
    pub services: Vec<ServiceProgress>,
    /// The secrets already in Vault.
    pub migrated: Vec<Migrated>,
    /// Journal or guard entries the files contradict.
    pub drift: Vec<Drift>,
    /// Migration journals read.
    pub journals_read: usize,
    /// The guard file read, if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub guard_file: Option<String>,
}

/// One entry of a guard file as assessments use it: what `migrate apply` recorded about a
/// value it moved (never the value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuardEntry {
    /// The file the value was moved out of.
    pub file: Option<String>,
    /// The key or variable name.
    pub key: Option<String>,
    /// Where the value lives now: a `vault:` reference.
    pub destination: Option<String>,
    /// Its tier, if recorded.
    pub tier: Option<Tier>,
}

/// Reads the entries of a guard file, exactly as [`crate::guard::GuardFile::parse`] does
/// (format, version and fields checked).
pub fn parse_guard(text: &str) -> Result<Vec<GuardEntry>, String> {
    let g = crate::guard::GuardFile::parse(text)?;
    Ok(g.entries
        .into_iter()
        .map(|e| GuardEntry {
            file: Some(e.file),
            key: Some(e.key),
            destination: Some(e.destination),
            tier: e.tier,
        })
        .collect())
}

/// The `(api path, key)` a guard destination names: `vault:<api>#KEY`, `<api>#KEY`, or `<api>`
/// with the key given apart.
pub fn guard_target(e: &GuardEntry) -> Option<(String, String)> {
    let d = e.destination.as_deref()?;
    let text = if d.starts_with("vault:") {
        d.to_string()
    } else {
        format!("vault:{d}")
    };
    if let Some(r) = Reference::parse(&text) {
        return Some((r.api_path, r.key));
    }
    let key = e.key.clone()?;
    Some((
        d.trim_start_matches("vault:").trim_matches('/').to_string(),
        key,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_references_with_lines_and_names() {
        let text = b"APP=x\nDB_PASSWORD=vault:secret/data/apps/a/prod/env#DB_PASSWORD\n\n  \"k\": \"vault:kv/apps/a/prod/cfg#k#3\",\nmyvault:x/y#z\nnote: vault:nothing\n";
        let refs = references_in("a/.env", ".env", text);
        let got: Vec<(usize, Option<&str>, &str)> = refs
            .iter()
            .map(|r| (r.line, r.name.as_deref(), r.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    2,
                    Some("DB_PASSWORD"),
                    "vault:secret/data/apps/a/prod/env#DB_PASSWORD"
                ),
                (4, Some("k"), "vault:kv/apps/a/prod/cfg#k#3"),
            ]
        );
        assert_eq!(refs[1].reference.version, Some(3));
    }

    #[test]
    fn own_files_and_reports_hold_no_migrated_secret() {
        assert!(counts_references("svc/.env", b"A=vault:x/y#A"));
        assert!(counts_references("k8s/deploy.yaml", b"value: vault:x/y#A"));
        assert!(counts_references(
            "svc/config/app.json",
            b"\"a\": \"vault:x/y#A\""
        ));
        assert!(!counts_references(
            "src/vault.rs",
            b"let r = \"vault:x/y#A\";"
        ));
        assert!(!counts_references("README.md", b"A=vault:x/y#A"));
        assert!(!counts_references(".vaultsweep/guard.json", b"vault:x/y#A"));
        assert!(!counts_references("a/.vaultsweep.toml", b"vault:x/y#A"));
        assert!(!counts_references(
            "assessment.json",
            b"{\"format\": \"vaultsweep-assessment\", \"r\": \"vault:x/y#A\"}"
        ));
    }

    #[test]
    fn guard_files_are_read_exactly() {
        let fp = "ab".repeat(32);
        let g = parse_guard(&format!(
            r#"{{"format": "vaultsweep-guard", "version": 1, "key_id": "0011223344556677", "entries": [{{"fingerprint": "{fp}", "probe": 7, "lead": 9, "length": 16, "file": "svc/.env", "key": "DB_PASSWORD", "destination": "vault:secret/data/apps/svc/prod/env#DB_PASSWORD", "tier": "critical"}}]}}"#
        ))
        .unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].tier, Some(Tier::Critical));
        assert_eq!(
            guard_target(&g[0]).unwrap(),
            ("secret/data/apps/svc/prod/env".into(), "DB_PASSWORD".into())
        );
        assert!(parse_guard("3").is_err());
        assert!(parse_guard("{\"other\": []}").is_err());
        // The lenient shapes of before the guard existed are refused now.
        assert!(
            parse_guard(
                r#"{"version": 1, "entries": [{"key": "X", "vault_path": "secret/data/a"}]}"#
            )
            .is_err()
        );
    }

    #[test]
    fn percent_of_counts() {
        assert_eq!(
            Count {
                migrated: 1,
                remaining: 2
            }
            .percent(),
            33
        );
        assert_eq!(Count::default().percent(), 0);
    }
}
