//! GitHub Actions workflow-command annotations (`::error file=…,line=…::message`), for runners
//! without code scanning: each finding becomes an annotation on its file and line.
//!
//! Workflow logs are readable by everyone who can read the repository, so annotations always
//! carry the masked secret, even under `--show-secrets`. Every value is escaped by GitHub's
//! rules (`@actions/core`'s `escapeData` / `escapeProperty`), so no path, key or secret can end
//! a command early or start another one.

use super::Report;
use crate::finding::{Finding, Origin, Tier};
use std::io::{self, Write};

/// The workflow command for a tier: `error` for critical and high, `warning` for medium,
/// `notice` for low.
pub fn command(t: Tier) -> &'static str {
    match t {
        Tier::Critical | Tier::High => "error",
        Tier::Medium => "warning",
        Tier::Low => "notice",
    }
}

/// Escapes a command's message: `%` → `%25`, CR → `%0D`, LF → `%0A`.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property's value: as [`escape_data`], and `:` → `%3A`, `,` → `%2C`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation line (without the newline).
pub fn annotation(report: &Report<'_>, f: &Finding) -> String {
    let path = super::root_relative(report, f);
    let l = &f.location;
    let live = f
        .verification
        .as_ref()
        .is_some_and(|v| v.state == crate::finding::VerifyState::Live);
    let title = if live {
        format!("LIVE {} ({})", f.rule_name, f.tier)
    } else {
        format!("{} ({})", f.rule_name, f.tier)
    };
    let mut msg = format!(
        "{} {}: {} [{} confidence, {}; rule {}]. Rotate it within {} days",
        f.rule_name,
        f.key
            .as_deref()
            .map(|k| format!("in {k}"))
            .unwrap_or_else(|| "found".into()),
        f.secret.masked(),
        f.confidence,
        f.context,
        f.rule_id,
        f.rotation_days(),
    );
    if super::migratable(&path) {
        msg.push_str(&format!(
            " and move it to Vault: vaultsweep migrate plan {}",
            super::shell_quote(&path)
        ));
    } else {
        msg.push_str(" and read it from an environment variable or Vault");
    }
    msg.push('.');
    if let Origin::Commit { commit, .. } = &l.origin {
        let short: String = commit.id.chars().take(12).collect();
        msg.push_str(&format!(
            " Introduced in commit {short} ({}).",
            commit.summary
        ));
    }
    if let Some(v) = &f.verification {
        msg.push_str(&format!(" Verification: {} ({}).", v.state, v.reason));
    }
    let mut props = vec![
        format!("file={}", escape_property(&path)),
        format!("line={}", l.line),
        format!("endLine={}", l.end_line),
    ];
    if l.line == l.end_line {
        // GitHub reads columns only for single-line annotations.
        props.push(format!("col={}", l.column));
        props.push(format!("endColumn={}", l.end_column));
    }
    props.push(format!("title={}", escape_property(&title)));
    format!(
        "::{} {}::{}",
        command(f.tier),
        props.join(","),
        escape_data(&msg)
    )
}

/// Writes one annotation per finding, then a warning per path that was not scanned.
pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for f in report.findings {
        writeln!(out, "{}", annotation(report, f))?;
    }
    for (path, why) in &report.summary.not_scanned {
        let rel = super::root_relative_path(report, path);
        writeln!(
            out,
            "::warning file={},title={}::{}",
            escape_property(&rel),
            escape_property("vaultsweep: not scanned"),
            escape_data(&format!("{rel} was not scanned ({why})"))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_github_rules() {
        assert_eq!(escape_data("50%\r\nnext::x, y"), "50%25%0D%0Anext::x, y");
        assert_eq!(escape_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
        // `%` first, so an escape already in the input is not mistaken for one of ours.
        assert_eq!(escape_property("%3A"), "%253A");
    }

    #[test]
    fn levels_by_tier() {
        assert_eq!(command(Tier::Critical), "error");
        assert_eq!(command(Tier::High), "error");
        assert_eq!(command(Tier::Medium), "warning");
        assert_eq!(command(Tier::Low), "notice");
    }
}
