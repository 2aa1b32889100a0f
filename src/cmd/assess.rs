//! `vaultsweep assess`: scans like `scan` (every finding counts: a baselined secret is still a
//! secret to move), searches git history for the values (the same search as `migrate`'s ROTATE
//! marks), finds the `vault:` references, journals and guard file that tell the progress, reads
//! an earlier assessment, and hands all of it to [`crate::assess`]; then writes the report and
//! the engine scripts.

use crate::assess::{self, Assessment, Input, progress};
use crate::cli::{
    AssessArgs, AssessFormat, FormatArg, GitScanArgs, GlobalArgs, MigrateArgs, PlanFormat,
    ScanArgs, VaultArgs,
};
use crate::config;
use crate::detect::Detector;
use crate::exit::ExitStatus;
use crate::finding::Origin;
use crate::finding::{Confidence, Finding, os_path_text};
use crate::migrate::journal::{self, Journal};
use crate::migrate::plan::{Exposure, HistoryCheck};
use crate::report::sanitize;
use crate::source::SkipReason;
use crate::ui;
use anyhow::{Context, Result};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::Ordering;

/// Entry point.
pub fn run(global: &GlobalArgs, args: &AssessArgs) -> Result<ExitStatus> {
    let format = format_of(args);
    // Read first: a bad --since stops the run before the scan.
    let earlier = match &args.since {
        Some(p) => {
            let text = std::fs::read_to_string(p).with_context(|| {
                format!("Failed to read the earlier assessment {}", p.display())
            })?;
            let e = assess::since::parse(&text)
                .map_err(anyhow::Error::msg)
                .with_context(|| format!("{}", p.display()))?;
            Some((e, os_path_text(p)))
        }
        None => None,
    };
    let scan_args = ScanArgs {
        walk: args.walk.clone(),
        format: FormatArg::Json,
        output: None,
        reference_detector: false,
        fail_on: None,
        fail_on_confidence: None,
        fail_on_confidence_in_tests: None,
        min_confidence: None,
        file_classes: Vec::new(),
        baseline: None,
        show_secrets: false,
        git: GitScanArgs::default(),
        verify: Default::default(),
        sweep: Default::default(),
    };
    let mut cfg =
        config::scan_config(global, &scan_args).context("Failed to configure the scan")?;
    let (config_path, file_cfg) = config::load_file_config(global, &cfg.walk.roots[0])
        .context("Failed to read the configuration")?;
    if let Some(p) = &config_path {
        log::info!("using config {}", p.display());
    }
    // No baseline: an accepted finding is still a secret to move. Inline markers and
    // allowlists (false positives) still apply.
    cfg.suppressor = config::suppressor(&file_cfg, config_path.as_deref(), HashSet::new())
        .context("Failed to configure the scan")?
        .with_min_confidence(file_cfg.min_confidence.unwrap_or(Confidence::Low));
    // One walk: the scan, and the `vault:` references of the same reads.
    ui::install_interrupt_handler();
    let detector = Detector::new(cfg.rules.clone()).with_policy(cfg.file_classes.clone());
    let found = Mutex::new(Vec::new());
    let observe = |origin: &Origin, bytes: &[u8]| {
        let (path, rel) = (origin.display_path(), origin.rel_path());
        if memchr::memmem::find(bytes, b"vault:").is_some()
            && progress::counts_references(rel, bytes)
        {
            let sites = progress::references_in(path, rel, bytes);
            found
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .extend(sites);
        }
    };
    let outcome = crate::scan::scan_tree_observed(
        &detector,
        &cfg.suppressor,
        &cfg.walk,
        &ui::INTERRUPTED,
        Some(&observe),
        None,
    );
    super::scan::log_skips(&outcome, true);
    let mut references = found.into_inner().unwrap_or_else(|p| p.into_inner());
    references.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));

    let repo = super::migrate::repository(&cfg.walk.roots[0]);
    let mut opts = config::plan_options(
        &MigrateArgs {
            mount: args.mount.clone(),
            app: None,
            env: None,
            path_template: args.path_template.clone(),
            include: Vec::new(),
            exclude: Vec::new(),
            format: PlanFormat::Text,
            no_history: args.no_history,
            vault: VaultArgs::default(),
        },
        &file_cfg.migrate,
    );
    opts.repo = repo.as_ref().map(|r| r.root.clone());

    let (exposures, history) = if args.no_history {
        (Vec::new(), HistoryCheck::Skipped)
    } else {
        exposures(&outcome.findings)
    };
    let journal_dir = args
        .journal_dir
        .clone()
        .or_else(|| file_cfg.migrate.journal_dir.clone())
        .map(Ok)
        .unwrap_or_else(|| match &repo {
            Some(r) => Ok(r.git_dir.join("vaultsweep")),
            None => super::migrate::state_journal_dir(),
        });
    let journals = match journal_dir {
        Ok(d) => load_journals(&d),
        Err(e) => {
            log::info!("no journal directory: {e:#}");
            Vec::new()
        }
    };
    let guard = guard_file(repo.as_ref().map(|r| r.root.as_path()), &cfg.walk.roots);
    let not_scanned: Vec<(String, String)> = outcome
        .skipped
        .iter()
        .filter(|(_, r)| !matches!(r, SkipReason::Allowlisted))
        .map(|(p, r)| (os_path_text(p), r.to_string()))
        .chain(
            outcome
                .errors
                .iter()
                .map(|e| (os_path_text(&e.path), e.to_string())),
        )
        .collect();
    let input = Input {
        findings: &outcome.findings,
        exposures: &exposures,
        history,
        opts: &opts,
        detector: &detector,
        references: &references,
        journals: &journals,
        guard,
        earlier: earlier.as_ref().map(|(e, f)| (e, f.clone())),
        roots: &cfg.walk.roots,
        generated: crate::migrate::now_rfc3339(),
        not_scanned,
    };
    let assessment = assess::assess(&input);
    write_report(&assessment, format, args.output.as_deref())?;
    if let Some(dir) = &args.emit_engine_config {
        emit_engine_config(dir, &assessment)?;
    }
    let s = &assessment.summary;
    eprintln!(
        "vaultsweep: assessed {} secret(s) in {} file(s): phase 2 {}, phase 3 {}, phase 4 {}; {} exposed in git history; {} of {} in Vault already{}",
        s.total,
        s.files,
        s.phases
            .iter()
            .find(|p| p.phase == 2)
            .map_or(0, |p| p.count),
        s.phases
            .iter()
            .find(|p| p.phase == 3)
            .map_or(0, |p| p.count),
        s.phases
            .iter()
            .find(|p| p.phase == 4)
            .map_or(0, |p| p.count),
        s.exposed,
        assessment.progress.total.migrated,
        assessment.progress.total.migrated + assessment.progress.total.remaining,
        args.output
            .as_ref()
            .map(|o| format!("; report written to {}", sanitize(&o.display().to_string())))
            .unwrap_or_default()
    );
    let unscanned = super::scan::unscanned(&cfg, &outcome);
    let mut status = ExitStatus::Clean;
    if !outcome.errors.is_empty() || !unscanned.is_empty() {
        log::error!(
            "assessment incomplete: {} path(s) could not be scanned",
            outcome.errors.len() + unscanned.len()
        );
        status = status.merge(ExitStatus::Error);
    }
    if ui::INTERRUPTED.load(Ordering::SeqCst) {
        status = status.merge(ExitStatus::Interrupted);
    }
    Ok(status)
}

/// `--format`, else from `--output`'s extension, else Markdown.
fn format_of(args: &AssessArgs) -> AssessFormat {
    if let Some(f) = args.format {
        return f;
    }
    let ext = args
        .output
        .as_ref()
        .and_then(|o| o.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm") => AssessFormat::Html,
        Some("json") => AssessFormat::Json,
        _ => AssessFormat::Markdown,
    }
}

fn write_report(a: &Assessment, format: AssessFormat, output: Option<&Path>) -> Result<()> {
    let mut buf = Vec::new();
    match format {
        AssessFormat::Json => {
            serde_json::to_writer_pretty(&mut buf, a)?;
            buf.push(b'\n');
        }
        AssessFormat::Markdown => assess::markdown::write(a, &mut buf)?,
        AssessFormat::Html => assess::html::write(a, &mut buf)?,
    }
    match output {
        Some(p) => std::fs::write(p, &buf)
            .with_context(|| format!("Failed to write the assessment to {}", p.display()))?,
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(&buf)?;
            lock.flush()?;
        }
    }
    Ok(())
}

/// `database.sh` and `aws.sh` into `dir` (created), executable.
fn emit_engine_config(dir: &Path, a: &Assessment) -> Result<()> {
    let scripts = [
        ("database.sh", &a.engines.database_script),
        ("aws.sh", &a.engines.aws_script),
    ];
    if scripts.iter().all(|(_, s)| s.is_empty()) {
        eprintln!(
            "vaultsweep: no database or AWS credential found: no engine configuration written to {}",
            sanitize(&dir.display().to_string())
        );
        return Ok(());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("Failed to create {}", dir.display()))?;
    for (name, text) in scripts {
        if text.is_empty() {
            continue;
        }
        let path = dir.join(name);
        std::fs::write(&path, text)
            .with_context(|| format!("Failed to write {}", path.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755));
        }
        eprintln!(
            "vaultsweep: engine configuration written to {} (review it before running it)",
            sanitize(&path.display().to_string())
        );
    }
    Ok(())
}

/// Per finding, the oldest commit of its repository holding its value (`migrate`'s ROTATE
/// search, one pass per repository).
fn exposures(findings: &[Finding]) -> (Vec<Option<Exposure>>, HistoryCheck) {
    let mut out = vec![None; findings.len()];
    let mut repos: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut by_repo: HashMap<PathBuf, Vec<usize>> = HashMap::new();
    for (n, f) in findings.iter().enumerate() {
        if f.secret.expose().len() < super::migrate::HISTORY_MIN_VALUE {
            continue;
        }
        let dir = std::path::absolute(f.location.origin.display_path())
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_default();
        let git_dir = repos
            .entry(dir.clone())
            .or_insert_with(|| super::migrate::repository(&dir).map(|r| r.git_dir))
            .clone();
        if let Some(g) = git_dir {
            by_repo.entry(g).or_default().push(n);
        }
    }
    if by_repo.is_empty() {
        return (out, HistoryCheck::NoRepository);
    }
    let mut status = HistoryCheck::Checked;
    for (git_dir, idx) in by_repo {
        let mut values: Vec<Vec<u8>> = Vec::new();
        let mut which = Vec::with_capacity(idx.len());
        for &n in &idx {
            let v = findings[n].secret.expose();
            let at = values.iter().position(|x| x == v).unwrap_or_else(|| {
                values.push(v.to_vec());
                values.len() - 1
            });
            which.push(at);
        }
        match super::migrate::search_history(&git_dir, &values) {
            Ok(found) => {
                for (&n, &at) in idx.iter().zip(&which) {
                    out[n] = found[at].clone();
                }
            }
            Err(e) => {
                log::warn!(
                    "{}: git history not searched: {e:#}",
                    sanitize(&git_dir.display().to_string())
                );
                status = HistoryCheck::Failed;
            }
        }
    }
    (out, status)
}

fn load_journals(dir: &Path) -> Vec<Journal> {
    let paths = match journal::journals_in(dir) {
        Ok(p) => p,
        Err(e) => {
            log::warn!("journals not read: {e}");
            return Vec::new();
        }
    };
    paths
        .iter()
        .filter_map(|p| match Journal::load(p) {
            Ok(j) => Some(j),
            Err(e) => {
                log::warn!("{e}");
                None
            }
        })
        .collect()
}

/// `.vaultsweep/guard.json` at the repository root (else at the first assessed directory).
fn guard_file(
    repo: Option<&Path>,
    roots: &[PathBuf],
) -> Option<(String, Vec<progress::GuardEntry>)> {
    let base = repo
        .map(Path::to_path_buf)
        .or_else(|| roots.first().filter(|r| r.is_dir()).cloned())?;
    let path = base.join(progress::GUARD_FILE);
    let text = std::fs::read_to_string(&path).ok()?;
    match progress::parse_guard(&text) {
        Ok(entries) => Some((os_path_text(&path), entries)),
        Err(e) => {
            log::warn!("{}: not read: {e}", sanitize(&path.display().to_string()));
            None
        }
    }
}
