//! Human report: findings grouped by file, tier-coloured on a terminal, secrets masked.

use super::{Report, sanitize};
use crate::finding::{Tier, VerifyState};
use std::io::{self, Write};

fn paint(report: &Report<'_>, code: &str, s: &str) -> String {
    if report.color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn tier_colour(t: Tier) -> &'static str {
    match t {
        Tier::Critical => "1;31",
        Tier::High => "31",
        Tier::Medium => "33",
        Tier::Low => "36",
    }
}

/// Writes the text report.
pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut current: Option<&str> = None;
    let live = |f: &crate::finding::Finding| {
        f.verification
            .as_ref()
            .is_some_and(|v| v.state == VerifyState::Live)
    };
    let mut in_live = false;
    for f in report.findings {
        let path = f.location.origin.display_path();
        // Verified-live findings come first (the caller sorts them), under their own heading.
        if live(f) != in_live || (current.is_none() && live(f)) {
            if current.is_some() {
                writeln!(out)?;
            }
            in_live = live(f);
            let heading = if in_live {
                "VERIFIED LIVE: these open a door today; rotate them first"
            } else {
                "Other findings"
            };
            writeln!(out, "{}", paint(report, "1;31", heading))?;
            current = None;
        }
        if current != Some(path) {
            if current.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "{}", paint(report, "1", &sanitize(path)))?;
            current = Some(path);
        }
        // A verified-live finding is shown one tier up (never above CRITICAL); the finding's
        // own tier (JSON, SARIF, the counts, --fail-on) does not move.
        let shown_tier = if live(f) { f.tier.raised() } else { f.tier };
        let tier = format!("{:<8}", shown_tier.to_string());
        let key = f
            .key
            .as_deref()
            .map(|k| format!(" {}", sanitize(k)))
            .unwrap_or_default();
        let context = if f.context == crate::finding::Context::Production {
            String::new()
        } else {
            format!(", {}", f.context)
        };
        // With --verify: the state in front of the tier (LIVE raised in red).
        let state = match &f.verification {
            Some(v) if v.state == VerifyState::Live => {
                format!("{} ", paint(report, "1;41", "LIVE"))
            }
            Some(v) => format!("{:<8}", v.state.as_str()),
            None => String::new(),
        };
        writeln!(
            out,
            "  {:>5}:{:<4} {state}{} {} ({}){} {}  rotate every {} days [{} confidence{}]",
            f.location.line,
            f.location.column,
            paint(report, tier_colour(shown_tier), &tier),
            f.rule_name,
            f.rule_id,
            key,
            sanitize(&report.secret_text(f)),
            f.rotation_days(),
            f.confidence,
            context
        )?;
        if let Some(v) = &f.verification
            && v.state == VerifyState::Skipped
        {
            // Why it was not tried (a dry run, --verify-only, --verify-hosts, the cache).
            writeln!(out, "             not verified: {}", sanitize(&v.reason))?;
        } else if let Some(v) = &f.verification {
            writeln!(
                out,
                "             verified {}: {}{}{}",
                v.state,
                sanitize(&v.reason),
                v.endpoint
                    .as_deref()
                    .map(|e| format!(" ({})", sanitize(e)))
                    .unwrap_or_default(),
                if shown_tier != f.tier {
                    format!(
                        "; {shown_tier} raised: verified live (rule tier {})",
                        f.tier
                    )
                } else {
                    String::new()
                }
            )?;
        }
        if let crate::finding::Origin::Commit {
            commit,
            more,
            paths,
            in_head,
            removed_in,
            ..
        } = &f.location.origin
        {
            let short: String = commit.id.chars().take(12).collect();
            let date = commit.date.get(..10).unwrap_or(&commit.date);
            // Other occurrences: in other commits, or on other lines of this one.
            let others: std::collections::BTreeSet<&str> = more
                .iter()
                .filter(|o| o.commit.id != commit.id)
                .map(|o| o.commit.id.as_str())
                .collect();
            let lines: Vec<String> = more
                .iter()
                .filter(|o| o.commit.id == commit.id)
                .map(|o| o.line.to_string())
                .collect();
            let mut notes = Vec::new();
            if !lines.is_empty() {
                notes.push(format!(
                    "also on line{} {}",
                    if lines.len() == 1 { "" } else { "s" },
                    lines.join(", ")
                ));
            }
            if !others.is_empty() {
                notes.push(format!(
                    "and {} more commit{}",
                    others.len(),
                    if others.len() == 1 { "" } else { "s" }
                ));
            }
            let also = if notes.is_empty() {
                String::new()
            } else {
                format!(" ({})", notes.join("; "))
            };
            writeln!(
                out,
                "             introduced in {short} {date} {}: {}{also}",
                sanitize(&commit.author),
                sanitize(&commit.summary)
            )?;
            if paths.len() > 1 {
                let shown: Vec<String> = paths.iter().map(|p| sanitize(p)).collect();
                writeln!(out, "             also under {}", shown[1..].join(", "))?;
            }
            match (in_head, removed_in) {
                (Some(true), _) => writeln!(out, "             still in HEAD")?,
                (Some(false), Some(c)) => {
                    let short: String = c.id.chars().take(12).collect();
                    writeln!(
                        out,
                        "             removed in {short} {}: rotate now: it stays in history",
                        sanitize(&c.summary)
                    )?
                }
                (Some(false), None) => writeln!(
                    out,
                    "             not in HEAD: rotate now: it stays in history"
                )?,
                (None, _) => {}
            }
        }
    }
    if !report.findings.is_empty() {
        writeln!(out)?;
    }
    let mut counts = [0usize; 4];
    for f in report.findings {
        counts[f.tier as usize] += 1;
    }
    let files: std::collections::BTreeSet<&str> = report
        .findings
        .iter()
        .map(|f| f.location.origin.display_path())
        .collect();
    let s = &report.summary;
    let by_tier: Vec<String> = Tier::ALL
        .iter()
        .rev()
        .filter(|t| counts[**t as usize] > 0)
        .map(|t| format!("{} {}", counts[*t as usize], t.as_str()))
        .collect();
    let head = if report.findings.is_empty() && !s.not_scanned.is_empty() {
        // Never "no secrets found" about something that was not read.
        let n = s.not_scanned.len();
        let shown: Vec<String> = s
            .not_scanned
            .iter()
            .take(3)
            .map(|(p, why)| format!("{} ({why})", sanitize(p)))
            .collect();
        let more = if n > 3 {
            format!(" and {} more on stderr", n - 3)
        } else {
            String::new()
        };
        format!(
            "{n} file{} NOT scanned: {}{more}; 0 findings in the files scanned",
            if n == 1 { "" } else { "s" },
            shown.join(", ")
        )
    } else if report.findings.is_empty() {
        "no secrets found".to_string()
    } else {
        format!(
            "{} finding{} ({}) in {} file{}",
            report.findings.len(),
            if report.findings.len() == 1 { "" } else { "s" },
            by_tier.join(", "),
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        )
    };
    writeln!(
        out,
        "{head}; {} file{} ({:.1} MB) scanned in {:.2}s, {} skipped, {} unreadable, {} suppressed",
        s.files_scanned,
        if s.files_scanned == 1 { "" } else { "s" },
        s.bytes_scanned as f64 / 1e6,
        s.elapsed.as_secs_f64(),
        s.skipped,
        s.errors,
        s.suppressed
    )?;
    if let Some(hosts) = &s.verified_hosts {
        let live = report.findings.iter().filter(|f| live(f)).count();
        if hosts.is_empty() {
            writeln!(out, "Verification: {live} live; contacted no host")?;
        } else {
            let shown: Vec<String> = hosts.iter().map(|h| sanitize(h)).collect();
            writeln!(
                out,
                "Verification: {live} live; contacted {} host{}: {}",
                hosts.len(),
                if hosts.len() == 1 { "" } else { "s" },
                shown.join(", ")
            )?;
        }
    }
    if !report.findings.is_empty() {
        writeln!(
            out,
            "{}",
            report.advice.unwrap_or(
                "Move secrets to Vault (`vaultsweep migrate plan FILE`) and rotate them; mark a false positive with a `vaultsweep:allow` comment or a baseline (`vaultsweep baseline create`)."
            )
        )?;
    }
    Ok(())
}
