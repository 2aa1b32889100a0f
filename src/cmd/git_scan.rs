//! The git side of `vaultsweep scan`: `--staged` (the pre-commit hook) and `--history` (with the
//! pre-push hook's `--pre-push`), with the progress bar and the advice printed when a commit or
//! push is blocked.

use crate::config::{ScanConfig, ScanMode};
use crate::finding::Finding;
use crate::report;
use crate::scan::ScanOutcome;
use crate::scan::cache::{self, BlobCache};
use crate::scan::git::{HistoryProgress, scan_history_cached, scan_staged};
use crate::source::SkipReason;
use crate::source::git::{self, RefUpdate, Revisions};
use crate::source::staged;
use crate::ui;
use anyhow::{Context, Result};
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

/// Runs a staged scan (the pre-commit hook). Returns the outcome and the repository's top
/// level (the directory reported paths are relative to).
pub fn run_staged(
    cfg: &ScanConfig,
    opts: &staged::StagedOptions,
    all_lines: bool,
) -> Result<(ScanOutcome, Option<PathBuf>)> {
    let detector = super::scan::detector(cfg);
    let mut opts = opts.clone();
    opts.index_file = std::env::var_os("GIT_INDEX_FILE").map(PathBuf::from);
    let staged = staged::staged(&opts).context("Failed to read the staged changes")?;
    if staged.merging {
        log::info!("merge in progress: lines already on the merged branch are not re-judged");
    }
    let top = staged.workdir.clone();
    let guard = match top.as_deref() {
        Some(t) => super::guard::matcher_for(t)?,
        None => None,
    };
    Ok((
        scan_staged(
            &detector,
            &cfg.suppressor,
            staged,
            all_lines,
            guard.as_ref(),
        ),
        top,
    ))
}

/// Runs a history scan (and the pre-push hook's), with the progress bar. Returns the outcome
/// and the repository's top level.
pub fn run_history(
    cfg: &ScanConfig,
    opts: &git::HistoryOptions,
    quiet: bool,
) -> Result<(ScanOutcome, Option<PathBuf>)> {
    let detector = super::scan::detector(cfg);
    ui::install_interrupt_handler();
    let mut opts = opts.clone();
    if let Revisions::PrePush { updates, .. } = &mut opts.revisions {
        for line in std::io::stdin().lock().lines() {
            let line = line.context("Failed to read the pre-push ref list on stdin")?;
            updates.extend(RefUpdate::parse(&line));
        }
    }
    let history = git::History::open(&opts.path, opts.revisions.clone())
        .context("Failed to walk the git history")?;
    if history.is_shallow() {
        log::warn!(
            "shallow clone: commits before the shallow boundary are not in this repository and were not scanned (run `git fetch --unshallow` for a full scan)"
        );
    }
    let show = !quiet && std::io::stderr().is_terminal();
    let bar = Progress::new(show);
    let guard = match history.workdir() {
        Some(w) => super::guard::matcher_for(w)?,
        None => None,
    };
    let guard = match guard {
        Some(g) => Some(g),
        None => super::guard::matcher_for(&opts.path)?,
    };
    // A cached blob is not read again, so the guard could not see it: no cache under a guard.
    if guard.is_some() && cfg.cache.is_some() {
        log::info!("blob cache not used: the repository has a guard file");
    }
    let mut blob_cache = cfg.cache.as_deref().filter(|_| guard.is_none()).map(|dir| {
        let key = cache::key(
            &cfg.rules,
            &cfg.file_classes,
            &cfg.suppressor,
            opts.max_file_size,
            &build_identity(),
        );
        let mut c = BlobCache::open(dir, &cache::repo_id(history.git_dir()), &key);
        if let Some(w) = &c.warning {
            log::warn!("blob cache {w}");
        }
        c.serve_findings = !cfg.show_secrets;
        c
    });
    let (outcome, walked) = scan_history_cached(
        &detector,
        &cfg.suppressor,
        &history,
        &opts,
        &ui::INTERRUPTED,
        &bar,
        blob_cache.as_mut(),
        guard.as_ref(),
    )
    .context("Failed to walk the git history")?;
    bar.bar.finish_and_clear();
    if let Some(c) = &mut blob_cache {
        log::info!(
            "blob cache: {} blobs from the cache, {} blob reads",
            outcome.stats.blobs_cached,
            outcome.stats.blobs_read
        );
        if !ui::INTERRUPTED.load(Ordering::Relaxed) {
            c.save()
                .with_context(|| format!("Failed to save the blob cache {}", c.file().display()))?;
        }
    }
    if walked.submodules > 0 {
        log::info!("{} submodule entries not descended", walked.submodules);
    }
    log::info!(
        "{} commits, {} unique blobs ({} introductions)",
        walked.commits,
        walked.blobs,
        walked.introductions
    );
    Ok((outcome, history.workdir().map(std::path::Path::to_path_buf)))
}

/// What identifies this build of the program in the blob cache key: a rebuilt detector must not
/// trust an older one's verdicts (its version, and the executable's size and modification time).
fn build_identity() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{}:{:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}

/// The history progress bar on stderr (hidden unless stderr is a terminal): commits walked,
/// blobs and bytes scanned, and the byte rate.
struct Progress {
    bar: indicatif::ProgressBar,
    commits: AtomicU64,
    blobs: AtomicU64,
}

impl Progress {
    fn new(show: bool) -> Progress {
        let bar = if show {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{spinner} scanning history: {msg}, {bytes} ({bytes_per_sec}) {elapsed}",
            ) {
                bar.set_style(style);
            }
            bar.set_message("0 commits, 0 blobs");
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        } else {
            indicatif::ProgressBar::hidden()
        };
        Progress {
            bar,
            commits: AtomicU64::new(0),
            blobs: AtomicU64::new(0),
        }
    }

    fn show(&self) {
        self.bar.set_message(format!(
            "{} commits, {} blobs",
            self.commits.load(Ordering::Relaxed),
            self.blobs.load(Ordering::Relaxed)
        ));
    }
}

impl HistoryProgress for Progress {
    fn commit(&self, n: u64) {
        self.commits.store(n, Ordering::Relaxed);
        if !self.bar.is_hidden() {
            self.show();
        }
    }

    fn blob(&self, bytes: u64) {
        let n = self.blobs.fetch_add(1, Ordering::Relaxed) + 1;
        self.bar.inc(bytes);
        if n.is_multiple_of(256) && !self.bar.is_hidden() {
            self.show();
        }
    }
}

/// One finding as the hook lists it: quoted path, line, rule, tier, masked secret.
pub fn finding_line(f: &Finding) -> String {
    let commit = f
        .location
        .origin
        .commit()
        .map(|c| {
            let short: String = c.id.chars().take(12).collect();
            format!("  (in commit {short}: {})", report::sanitize(&c.summary))
        })
        .unwrap_or_default();
    let gone = match &f.location.origin {
        crate::finding::Origin::Commit {
            in_head: Some(false),
            ..
        } => "  removed since, but rotate now: it stays in history",
        _ => "",
    };
    format!(
        "{}:{}  {}  {}  {}{commit}{gone}",
        report::shell_quote(f.location.origin.display_path()),
        f.location.line,
        f.rule_id,
        f.tier,
        f.secret.masked()
    )
}

/// Advice on stderr when a hook blocks: each finding once, what to do with each file (migrate
/// for `.env`/JSON, an environment variable or Vault for code), paths shell-quoted.
pub fn print_blocked(cfg: &ScanConfig, findings: &[&Finding]) {
    let (action, bypass) = match &cfg.mode {
        ScanMode::Staged { .. } => ("commit", "git commit --no-verify"),
        ScanMode::History(o) if matches!(o.revisions, Revisions::PrePush { .. }) => {
            ("push", "git push --no-verify")
        }
        _ => return,
    };
    let mut files: Vec<&str> = findings
        .iter()
        .map(|f| f.location.origin.display_path())
        .collect();
    files.sort_unstable();
    files.dedup();
    // What blocks: the tier and the confidence it needs (higher in tests and docs).
    let mut msg = format!(
        "\nvaultsweep: {action} blocked: {} secret(s) in {} file(s) (the hook blocks at or \
         above {}, with {} confidence or more; {} in tests and docs).\n",
        findings.len(),
        files.len(),
        cfg.fail_on,
        cfg.fail_on_confidence,
        cfg.fail_on_confidence_in_tests,
    );
    for f in findings {
        msg.push_str(&format!("  {}\n", finding_line(f)));
    }
    // Files that hold nothing but the secret (named files: secrets/…, .erlang.cookie, a Mongo
    // keyfile): no line to annotate, no value to replace with a variable; the file itself goes.
    let whole = |f: &Finding| {
        cfg.rules
            .index_of(&f.rule_id)
            .is_some_and(|i| !cfg.rules.get(i).files.is_empty())
    };
    let mut secret_files: Vec<&str> = findings
        .iter()
        .filter(|f| whole(f))
        .map(|f| f.location.origin.display_path())
        .collect();
    secret_files.sort_unstable();
    secret_files.dedup();
    let (data, code): (Vec<&str>, Vec<&str>) = files
        .iter()
        .filter(|f| !secret_files.contains(f))
        .partition(|f| report::migratable(f));
    msg.push_str("What to do:\n");
    // A migrated value pasted back (issue 17): it is in Vault already, so only where to read it.
    let mut back: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule_id == crate::guard::RULE_ID)
        .map(|f| f.rule_name.as_str())
        .collect();
    back.sort_unstable();
    back.dedup();
    for m in back {
        msg.push_str(&format!("  - {}.\n", report::sanitize(m)));
    }
    if !data.is_empty() {
        msg.push_str("  - Move the secret to Vault and read it at run time:\n");
        for file in &data {
            msg.push_str(&format!(
                "      vaultsweep migrate plan {}\n",
                report::shell_quote(file)
            ));
        }
    }
    if !code.is_empty() {
        let quoted: Vec<String> = code.iter().map(|f| report::shell_quote(f)).collect();
        msg.push_str(&format!(
            "  - In {}: move the value to an environment variable or Vault, then rotate it.\n",
            quoted.join(", ")
        ));
    }
    if !secret_files.is_empty() {
        let quoted: Vec<String> = secret_files
            .iter()
            .map(|f| report::shell_quote(f))
            .collect();
        msg.push_str(&format!(
            "  - {} hold(s) nothing but the secret: keep the file out of the repository\n    \
             (`git rm --cached` it, list it in .gitignore) and create it at deploy time from Vault;\n    \
             rotate the value.\n",
            quoted.join(", ")
        ));
    }
    if action == "commit" && !secret_files.is_empty() && data.is_empty() && code.is_empty() {
        msg.push_str("    Then commit again.\n");
    } else if action == "commit" {
        msg.push_str("    Then `git add` the file again.\n");
    } else {
        msg.push_str("    And rotate it: it is already in a local commit (rewrite that commit before pushing).\n");
    }
    msg.push_str(if secret_files.len() == files.len() {
        // An allow comment in a one-value file would change the value (and the file).
        "  - False positive? Accept what is there now in the repository's baseline, which every\n    scan and both hooks read:\n      vaultsweep baseline create   (writes .vaultsweep-baseline.json at the repository root)\n"
    } else {
        "  - False positive? Put a `vaultsweep:allow` comment on its line (or the line before),\n    or accept what is there now in the repository's baseline, which every scan and both hooks read:\n      vaultsweep baseline create   (writes .vaultsweep-baseline.json at the repository root)\n"
    });
    msg.push_str(&format!(
        "  - Bypass this check once (not recommended): {bypass}\n"
    ));
    eprint!("{msg}");
}

/// Advice on stderr when a staged file was not scanned: the commit is blocked (exit 2), and the
/// message says why and how to pass.
pub fn print_unscanned(
    cfg: &ScanConfig,
    unscanned: &[&(PathBuf, SkipReason)],
    errors: &[crate::source::SourceError],
) {
    if !matches!(cfg.mode, ScanMode::Staged { .. }) || (unscanned.is_empty() && errors.is_empty()) {
        return;
    }
    let n = unscanned.len() + errors.len();
    let mut msg = format!(
        "\nvaultsweep: commit blocked: {n} staged file{} NOT scanned, so {} not be checked for secrets:\n",
        if n == 1 { "" } else { "s" },
        if n == 1 { "it could" } else { "they could" }
    );
    let mut largest = 0;
    for (path, reason) in unscanned {
        if let SkipReason::TooLarge { size, .. } = reason {
            largest = largest.max(*size);
        }
        msg.push_str(&format!(
            "  {}: {reason}\n",
            report::shell_quote(&crate::finding::os_path_text(path))
        ));
    }
    for e in errors {
        msg.push_str(&format!("  {}\n", report::sanitize(&e.to_string())));
    }
    msg.push_str("To pass:\n");
    if largest > 0 {
        let mib = largest.div_ceil(1 << 20) + 1;
        msg.push_str(&format!(
            "  - Raise the staged size limit in .vaultsweep.toml at the repository root:\n      staged_max_file_size = \"{mib}M\"\n    (or run `vaultsweep scan --staged --max-file-size {mib}M .` yourself), then commit again.\n"
        ));
    }
    let mut paths: Vec<String> = unscanned
        .iter()
        .map(|(p, _)| report::shell_quote(&crate::finding::os_path_text(p)))
        .collect();
    paths.extend(
        errors
            .iter()
            .map(|e| report::shell_quote(&crate::finding::os_path_text(&e.path))),
    );
    msg.push_str(&format!(
        "  - Or leave it out of this commit: git restore --staged {}\n",
        paths.join(" ")
    ));
    msg.push_str("  - Bypass this check once (not recommended): git commit --no-verify\n");
    eprint!("{msg}");
}
