//! `vaultsweep scan`.

use crate::cli::{GlobalArgs, ScanArgs};
use crate::config::{self, ScanConfig};
use crate::detect::Detector;
use crate::exit::ExitStatus;
use crate::finding::os_path_text;
use crate::report::{self, Report, Summary};
use crate::scan::{ScanOutcome, scan_tree_observed};
use crate::source::SkipReason;
use crate::ui;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

/// The detector a scan runs: the real one, or the tests' oracle (`--reference-detector`).
pub(crate) fn detector(cfg: &ScanConfig) -> Detector {
    let detector = match cfg.reference_detector {
        true => Detector::reference(cfg.rules.clone()),
        false => Detector::new(cfg.rules.clone()),
    };
    detector.with_policy(cfg.file_classes.clone())
}

/// Runs the configured tree scan.
pub fn run_scan(cfg: &ScanConfig) -> Result<ScanOutcome> {
    ui::install_interrupt_handler();
    let detector = detector(cfg);
    // The guard of the repository holding the first root, if it has a guard file.
    let guard = match cfg.walk.roots.first() {
        Some(r) => super::guard::matcher_for(r)?,
        None => None,
    };
    Ok(scan_tree_observed(
        &detector,
        &cfg.suppressor,
        &cfg.walk,
        &ui::INTERRUPTED,
        None,
        guard.as_ref(),
    ))
}

/// Names every skipped and unreadable path on stderr (one place for every mode). History
/// (`name_binaries == false`) only counts binary blobs, as there are many.
pub(crate) fn log_skips(outcome: &ScanOutcome, name_binaries: bool) {
    let mut binary = 0;
    for (path, reason) in &outcome.skipped {
        match reason {
            SkipReason::Allowlisted => {}
            SkipReason::Binary if !name_binaries => binary += 1,
            _ => log::warn!(
                "skipped {}: {reason}",
                report::sanitize(&os_path_text(path))
            ),
        }
    }
    if binary > 0 {
        log::info!("skipped {binary} binary blob(s)");
    }
    for e in &outcome.errors {
        log::error!("{}", report::sanitize(&e.to_string()));
    }
}

/// `%SRCROOT%` for a tree scan: the current directory when every root is below it (CI runs
/// from the checkout's top); else the single root's directory; else none (absolute URIs).
fn tree_srcroot(roots: &[std::path::PathBuf]) -> Option<std::path::PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let dirs: Vec<std::path::PathBuf> = roots
        .iter()
        .filter_map(|r| {
            let abs = crate::report::lexical_absolute(&cwd, r);
            if abs.is_dir() {
                Some(abs)
            } else {
                abs.parent().map(|p| p.to_path_buf())
            }
        })
        .collect();
    if dirs.iter().all(|d| d.starts_with(&cwd)) {
        Some(cwd)
    } else if dirs.len() == 1 {
        dirs.into_iter().next()
    } else {
        None
    }
}

/// The confidence a finding needs to fail the run: `--fail-on-confidence`, or
/// `--fail-on-confidence-in-tests` for test, docs and example files.
fn confidence_needed(cfg: &ScanConfig, f: &crate::finding::Finding) -> crate::finding::Confidence {
    use crate::finding::Context;
    match f.context {
        Context::Test | Context::Docs | Context::Example => cfg.fail_on_confidence_in_tests,
        Context::Development | Context::Production => cfg.fail_on_confidence,
    }
}

/// Whether a finding fails the run: at or above `--fail-on` and the confidence it needs; with
/// `--fail-on-live`, verified live.
pub fn fails(cfg: &ScanConfig, f: &crate::finding::Finding) -> bool {
    if cfg.fail_on_live {
        return f
            .verification
            .as_ref()
            .is_some_and(|v| v.state == crate::finding::VerifyState::Live);
    }
    f.tier >= cfg.fail_on && f.confidence >= confidence_needed(cfg, f)
}

/// Skipped paths that make the run incomplete: a path the user named on the command line
/// (the user asked about it), and in a staged scan (the pre-commit hook) a file too large to
/// scan, which would otherwise be committed unchecked. Allowlisted paths are policy, not gaps.
pub fn unscanned<'a>(cfg: &ScanConfig, outcome: &'a ScanOutcome) -> Vec<&'a (PathBuf, SkipReason)> {
    outcome
        .skipped
        .iter()
        .filter(|(p, r)| match cfg.mode {
            config::ScanMode::Staged { .. } => matches!(r, SkipReason::TooLarge { .. }),
            config::ScanMode::Tree => {
                !matches!(r, SkipReason::Allowlisted | SkipReason::FileClass(_)) && named(cfg, p)
            }
            config::ScanMode::History(_) => false,
        })
        .collect()
}

/// True when `path` (as the walk reports it) is one of the roots the user named.
fn named(cfg: &ScanConfig, path: &std::path::Path) -> bool {
    cfg.walk.roots.iter().any(|root| {
        root == path
            || (root.as_os_str() == crate::source::fs::STDIN
                && path == std::path::Path::new(&cfg.walk.stdin_name))
    })
}

/// Exit status of a finished scan; `incomplete` counts skipped paths that must not pass.
pub fn status(outcome: &ScanOutcome, cfg: &ScanConfig, incomplete: usize) -> ExitStatus {
    let mut s = ExitStatus::Clean;
    if !outcome.errors.is_empty() || incomplete > 0 {
        s = s.merge(ExitStatus::Error);
    }
    if outcome.findings.iter().any(|f| fails(cfg, f)) {
        s = s.merge(ExitStatus::Findings);
    }
    if ui::INTERRUPTED.load(Ordering::SeqCst) {
        s = s.merge(ExitStatus::Interrupted);
    }
    s
}

/// Entry point.
pub fn run(global: &GlobalArgs, args: &ScanArgs) -> Result<ExitStatus> {
    if args.sweep.repos.is_some() {
        return super::sweep::run(global, args);
    }
    let cfg = config::scan_config(global, args).context("Failed to configure the scan")?;
    if let Some(p) = &cfg.config_path {
        log::info!("using config {}", p.display());
    }
    // The one match on what a scan reads.
    let (mut outcome, git_top) = match &cfg.mode {
        config::ScanMode::Tree => (run_scan(&cfg)?, None),
        config::ScanMode::Staged { opts, all_lines } => {
            super::git_scan::run_staged(&cfg, opts, *all_lines)?
        }
        config::ScanMode::History(opts) => super::git_scan::run_history(&cfg, opts, global.quiet)?,
    };
    log_skips(&outcome, !matches!(cfg.mode, config::ScanMode::History(_)));
    let verified = if cfg.verify {
        Some(super::verify::run(
            &args.verify,
            &cfg.rules,
            &mut outcome.findings,
            global.quiet,
        )?)
    } else {
        None
    };
    let mut not_scanned: Vec<(String, String)> = outcome
        .skipped
        .iter()
        .filter(|(_, r)| *r != SkipReason::Allowlisted)
        .map(|(p, r)| (os_path_text(p), r.to_string()))
        .collect();
    not_scanned.extend(outcome.errors.iter().map(|e| {
        let full = e.to_string();
        let path = os_path_text(&e.path);
        let why = full
            .strip_prefix(&format!("{path}: "))
            .unwrap_or(&full)
            .to_string();
        (path, why)
    }));
    let summary = Summary {
        files_scanned: outcome.stats.files_scanned,
        bytes_scanned: outcome.stats.bytes_scanned,
        skipped: outcome
            .skipped
            .iter()
            .filter(|(_, r)| *r != SkipReason::Allowlisted)
            .count(),
        errors: outcome.errors.len(),
        suppressed: outcome.suppressed.len(),
        not_scanned,
        elapsed: outcome.stats.elapsed,
        verified_hosts: verified
            .as_ref()
            .map(|v| v.contacted.iter().cloned().collect()),
    };
    let report = Report {
        advice: None,
        findings: &outcome.findings,
        rules: &cfg.rules,
        summary,
        show_secrets: cfg.show_secrets,
        color: ui::use_color(global.color, cfg.output.is_some()),
        fail_on: cfg.fail_on,
        srcroot: git_top
            .or_else(|| tree_srcroot(&cfg.walk.roots))
            .map(|d| d.display().to_string()),
        cwd: std::env::current_dir()
            .ok()
            .map(|d| d.display().to_string()),
    };
    let unscanned = unscanned(&cfg, &outcome);
    let blocking: Vec<_> = outcome.findings.iter().filter(|f| fails(&cfg, f)).collect();
    if cfg.hook && cfg.format == report::Format::Text && cfg.output.is_none() {
        // A hook lists findings once, in the blocked message; a clean commit is silent.
        for f in outcome.findings.iter().filter(|f| !fails(&cfg, f)) {
            let why = if f.tier < cfg.fail_on {
                format!("below --fail-on {}", cfg.fail_on)
            } else {
                format!(
                    "{} confidence, below the {} this scan needs in {} files",
                    f.confidence,
                    confidence_needed(&cfg, f),
                    f.context
                )
            };
            log::warn!("not blocking ({why}): {}", super::git_scan::finding_line(f));
        }
        log::info!(
            "{} files scanned, {} secret(s) at or above {}",
            outcome.stats.files_scanned,
            blocking.len(),
            cfg.fail_on
        );
    } else {
        write_report(cfg.format, &report, cfg.output.as_deref())?;
    }
    if !outcome.errors.is_empty() || !unscanned.is_empty() {
        log::error!(
            "scan incomplete: {} path(s) could not be scanned",
            outcome.errors.len() + unscanned.len()
        );
    }
    if !blocking.is_empty() {
        super::git_scan::print_blocked(&cfg, &blocking);
    }
    super::git_scan::print_unscanned(&cfg, &unscanned, &outcome.errors);
    let exit = status(&outcome, &cfg, unscanned.len());
    if let Some(p) = &args.sweep.stats_file {
        super::sweep::write_stats(p, &outcome, exit, unscanned.len())?;
    }
    // The process ends here: the exit returns the rule set's memory (~1,300 rules, their
    // plans and compiled regexes) at once, where dropping it frees it allocation by
    // allocation (8 M instructions, a sixth of a staged scan's own work after loading).
    std::mem::forget(cfg);
    Ok(exit)
}

/// Writes a report to a file or stdout. A report holding raw secrets (`--show-secrets`) is
/// created readable by its owner only (0600), and an existing file is tightened before the
/// secrets are written into it.
pub fn write_report(
    format: report::Format,
    report: &Report<'_>,
    output: Option<&std::path::Path>,
) -> Result<()> {
    match output {
        Some(path) => {
            let mut buf = Vec::new();
            report::write(format, report, &mut buf)?;
            let context = || format!("Failed to write report to {}", path.display());
            let mut o = std::fs::OpenOptions::new();
            o.write(true).create(true).truncate(true);
            #[cfg(unix)]
            if report.show_secrets {
                use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
                o.mode(0o600);
                if let Ok(m) = std::fs::metadata(path)
                    && m.permissions().mode() & 0o077 != 0
                {
                    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                        .with_context(context)?;
                }
            }
            let mut f = o.open(path).with_context(context)?;
            f.write_all(&buf).with_context(context)?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            report::write(format, report, &mut lock)?;
            lock.flush()?;
        }
    }
    Ok(())
}
