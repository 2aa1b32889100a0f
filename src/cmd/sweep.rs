//! `vaultsweep scan --repos FILE --output-dir DIR [--shard I/N]`: many repositories, each
//! scanned by a child `vaultsweep scan` (its own process: a time budget or memory ceiling stops
//! that repository, not the sweep), one report per repository and `DIR/summary.json`.
//!
//! Sharding needs no coordination: a repository belongs to shard `I` of `N` when the SHA-256
//! of its line (as written, trimmed), read as a big-endian integer of its first 8 bytes, is `I`
//! modulo `N`; N workers given `0/N` … `N-1/N` cover the list exactly once. Report names are
//! derived from the whole list, not the shard, so every worker names a repository the same way.

use crate::cli::{ColorChoice, FormatArg, GlobalArgs, ScanArgs};
use crate::exit::ExitStatus;
use crate::finding::Tier;
use crate::scan::ScanOutcome;
use crate::ui;
use anyhow::{Context, Result, bail};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// The summary file every sweep writes in its output directory.
pub const SUMMARY: &str = "summary.json";

/// A repository of the list.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The line as written (trimmed): what the shard hash is taken of.
    pub line: String,
    /// Report name: the repository's last path segment (`.git` dropped), with a short hash of
    /// the line when two lines would share it.
    pub name: String,
}

/// The shard (0-based) of a line among `n`.
pub fn shard_of(line: &str, n: u64) -> u64 {
    let d = Sha256::digest(line.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    u64::from_be_bytes(b) % n
}

fn is_url(line: &str) -> bool {
    line.contains("://") || (line.contains('@') && line.contains(':') && !Path::new(line).exists())
}

fn base_name(line: &str) -> String {
    let t = line.trim_end_matches('/');
    let last = t.rsplit(['/', ':', '\\']).next().unwrap_or(t);
    let last = last.strip_suffix(".git").unwrap_or(last);
    let safe: String = last
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    match safe.trim_matches('.') {
        "" => "repository".to_string(),
        s => s.to_string(),
    }
}

/// The repositories of a list file's text, named.
pub fn entries(text: &str) -> Vec<Entry> {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let mut count: HashMap<String, usize> = HashMap::new();
    for l in &lines {
        *count.entry(base_name(l).to_lowercase()).or_default() += 1;
    }
    lines
        .into_iter()
        .map(|line| {
            let base = base_name(&line);
            let name = if count[&base.to_lowercase()] > 1 {
                let h = hex::encode(Sha256::digest(line.as_bytes()));
                format!("{base}-{}", &h[..8])
            } else {
                base
            };
            Entry { line, name }
        })
        .collect()
}

/// The report file extension of a format.
pub fn extension(f: FormatArg) -> &'static str {
    match f {
        FormatArg::Text => "txt",
        FormatArg::Json => "json",
        FormatArg::Jsonl => "jsonl",
        FormatArg::Sarif => "sarif",
        FormatArg::Gitlab => "gitlab.json",
        FormatArg::Github => "github.txt",
    }
}

fn format_name(f: FormatArg) -> &'static str {
    match f {
        FormatArg::Text => "text",
        FormatArg::Json => "json",
        FormatArg::Jsonl => "jsonl",
        FormatArg::Sarif => "sarif",
        FormatArg::Gitlab => "gitlab",
        FormatArg::Github => "github",
    }
}

/// Writes a scan's counts for the sweep that started it (`--stats-file`).
pub fn write_stats(
    path: &Path,
    outcome: &ScanOutcome,
    exit: ExitStatus,
    unscanned: usize,
) -> Result<()> {
    let mut by_tier: BTreeMap<&str, usize> = Tier::ALL.iter().map(|t| (t.as_str(), 0)).collect();
    for f in &outcome.findings {
        *by_tier.entry(f.tier.as_str()).or_default() += 1;
    }
    let v = json!({
        "findings": by_tier,
        "suppressed": outcome.suppressed.len(),
        "files_scanned": outcome.stats.files_scanned,
        "errors": outcome.errors.len(),
        "unscanned": unscanned,
        "blobs_read": outcome.stats.blobs_read,
        "blobs_cached": outcome.stats.blobs_cached,
        "exit": exit.code(),
    });
    std::fs::write(path, serde_json::to_vec_pretty(&v)?)
        .with_context(|| format!("Failed to write {}", path.display()))
}

/// The child's arguments besides the path, the output and the stats file: everything of
/// `args` that changes what a scan finds or how it reports.
fn child_args(global: &GlobalArgs, args: &ScanArgs) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    // Children run in their repository: paths the user gave are made absolute.
    let abs = |p: &PathBuf| {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.clone())
            .display()
            .to_string()
    };
    let mut opt = |k: &str, val: Option<String>| {
        if let Some(val) = val {
            v.push(k.to_string());
            v.push(val);
        }
    };
    opt("--format", Some(format_name(args.format).to_string()));
    opt("--fail-on", args.fail_on.map(|t| t.as_str().to_string()));
    opt(
        "--fail-on-confidence",
        args.fail_on_confidence.map(|c| c.as_str().to_string()),
    );
    opt(
        "--fail-on-confidence-in-tests",
        args.fail_on_confidence_in_tests
            .map(|c| c.as_str().to_string()),
    );
    opt(
        "--min-confidence",
        args.min_confidence.map(|c| c.as_str().to_string()),
    );
    opt("--baseline", args.baseline.as_ref().map(abs));
    opt(
        "--max-file-size",
        args.walk.max_file_size.map(|n| n.to_string()),
    );
    opt("--threads", Some(args.walk.threads.to_string()));
    opt("--config", global.config.as_ref().map(abs));
    opt("--since-commit", args.git.since_commit.clone());
    opt("--range", args.git.range.clone());
    opt("--cache", args.git.cache.as_ref().map(abs));
    for fc in &args.file_classes {
        opt("--file-class", Some(fc.clone()));
    }
    for (on, flag) in [
        (args.git.history, "--history"),
        (args.show_secrets, "--show-secrets"),
        (args.walk.no_ignore, "--no-ignore"),
        (args.walk.follow, "--follow"),
        (global.quiet, "--quiet"),
    ] {
        if on {
            v.push(flag.to_string());
        }
    }
    if global.verbose > 0 {
        v.push(format!("-{}", "v".repeat(global.verbose.into())));
    }
    v.push("--color".into());
    v.push(
        match global.color {
            ColorChoice::Always => "always",
            _ => "never",
        }
        .into(),
    );
    v
}

/// Resident memory of a process, in bytes (Linux `/proc`; `None` elsewhere).
fn rss_of(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// How one repository's scan ended.
struct Outcome {
    complete: bool,
    reason: Option<String>,
    exit: Option<i32>,
    stats: Option<Value>,
}

/// Limits of one repository's scan.
struct Limits {
    time: Option<Duration>,
    memory: Option<u64>,
}

/// Runs one child scan under the limits.
fn run_child(mut cmd: Command, limits: &Limits, stats_file: &Path) -> Result<Outcome> {
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .context("Failed to start vaultsweep for a repository")?;
    let stopped = loop {
        if let Some(st) = child.try_wait()? {
            break Ok(st);
        }
        if ui::INTERRUPTED.load(Ordering::Relaxed) {
            break Err("interrupted".to_string());
        }
        if let Some(t) = limits.time
            && start.elapsed() > t
        {
            break Err(format!("time budget of {}s exceeded", t.as_secs()));
        }
        if let Some(m) = limits.memory
            && let Some(rss) = rss_of(child.id())
            && rss > m
        {
            break Err(format!(
                "memory ceiling of {} MiB exceeded ({} MiB resident)",
                m >> 20,
                rss >> 20
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    match stopped {
        Ok(st) => {
            let stats: Option<Value> = std::fs::read(stats_file)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok());
            let code = st.code();
            let (complete, reason) = match (&stats, code) {
                (Some(s), Some(0 | 1))
                    if s["errors"].as_u64() == Some(0) && s["unscanned"].as_u64() == Some(0) =>
                {
                    (true, None)
                }
                (Some(s), _) => (
                    false,
                    Some(format!(
                        "{} path(s) could not be scanned",
                        s["errors"].as_u64().unwrap_or(0) + s["unscanned"].as_u64().unwrap_or(0)
                    )),
                ),
                (None, _) => (false, Some(format!("scan failed ({st})"))),
            };
            Ok(Outcome {
                complete,
                reason,
                exit: code,
                stats,
            })
        }
        Err(why) => {
            let _ = child.kill();
            let _ = child.wait();
            Ok(Outcome {
                complete: false,
                reason: Some(why),
                exit: None,
                stats: None,
            })
        }
    }
}

/// Clones `url` into `dir`, or fetches if it is there already.
fn clone_or_fetch(url: &str, dir: &Path) -> Result<(), String> {
    let mut cmd = Command::new("git");
    if dir.join(".git").exists() {
        cmd.arg("-C")
            .arg(dir)
            .args(["pull", "--quiet", "--ff-only"]);
    } else {
        cmd.args(["clone", "--quiet", "--", url]).arg(dir);
    }
    match cmd.output() {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(format!(
            "git {} failed: {}",
            if dir.join(".git").exists() {
                "pull"
            } else {
                "clone"
            },
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Err(e) => Err(format!("cannot run git: {e}")),
    }
}

/// Entry point of `scan --repos`.
pub fn run(global: &GlobalArgs, args: &ScanArgs) -> Result<ExitStatus> {
    let (Some(list), Some(out_dir)) = (&args.sweep.repos, &args.sweep.output_dir) else {
        bail!("--repos needs --output-dir");
    };
    if args.walk.paths != [PathBuf::from(".")] {
        bail!("--repos takes no PATH: the repositories are the lines of the list");
    }
    ui::install_interrupt_handler();
    let text = std::fs::read_to_string(list)
        .with_context(|| format!("Failed to read the repository list {}", list.display()))?;
    let base = list
        .parent()
        .map(Path::to_path_buf)
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."));
    let all = entries(&text);
    let mine: Vec<&Entry> = match args.sweep.shard {
        Some((i, n)) => all.iter().filter(|e| shard_of(&e.line, n) == i).collect(),
        None => all.iter().collect(),
    };
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("Failed to create {}", out_dir.display()))?;
    let work = args
        .sweep
        .work_dir
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join("vaultsweep-clones"));
    let stats_dir = tempfile::tempdir().context("Failed to create a temporary directory")?;
    let exe = std::env::current_exe().context("Failed to find the vaultsweep executable")?;
    let common = child_args(global, args);
    let limits = Limits {
        time: args.sweep.repo_timeout.map(Duration::from_secs),
        memory: args.sweep.repo_max_memory,
    };
    let ext = extension(args.format);
    log::info!("{} of {} repositories in this shard", mine.len(), all.len());
    let sweep_start = Instant::now();
    let mut rows = Vec::new();
    let (mut incomplete, mut findings) = (0usize, false);
    let mut totals: BTreeMap<&str, u64> = Tier::ALL.iter().map(|t| (t.as_str(), 0)).collect();
    for e in mine {
        let start = Instant::now();
        let report = out_dir.join(format!("{}.{ext}", e.name));
        let stats_file = stats_dir.path().join(format!("{}.json", e.name));
        let path = if is_url(&e.line) {
            let dir = work.join(&e.name);
            clone_or_fetch(&e.line, &dir).map(|()| dir)
        } else {
            let p = base.join(&e.line);
            if p.exists() {
                Ok(p)
            } else {
                Err(format!("{} does not exist", p.display()))
            }
        };
        let outcome = match path {
            Ok(path) => {
                // In the repository, so reports name paths relative to it (SARIF's %SRCROOT%).
                let mut cmd = Command::new(&exe);
                cmd.current_dir(&path)
                    .arg("scan")
                    .arg(".")
                    .args(&common)
                    .arg("--output")
                    .arg(std::path::absolute(&report)?)
                    .arg("--stats-file")
                    .arg(&stats_file);
                run_child(cmd, &limits, &stats_file)?
            }
            Err(why) => Outcome {
                complete: false,
                reason: Some(why),
                exit: None,
                stats: None,
            },
        };
        let wrote = outcome.stats.is_some() && report.exists();
        if !wrote {
            // Stopped mid-way: no half-written report for `report merge` to read.
            let _ = std::fs::remove_file(&report);
        }
        if !outcome.complete {
            incomplete += 1;
            log::error!(
                "{}: incomplete: {}",
                e.name,
                outcome.reason.as_deref().unwrap_or("?")
            );
        }
        findings |= outcome.exit == Some(1);
        let by_tier = outcome
            .stats
            .as_ref()
            .map(|s| s["findings"].clone())
            .unwrap_or(Value::Null);
        for t in Tier::ALL {
            *totals.entry(t.as_str()).or_default() += by_tier[t.as_str()].as_u64().unwrap_or(0);
        }
        rows.push(json!({
            "name": e.name,
            "source": e.line,
            "report": wrote.then(|| format!("{}.{ext}", e.name)),
            "status": if outcome.complete { "complete" } else { "incomplete" },
            "reason": outcome.reason,
            "findings": by_tier,
            "suppressed": outcome.stats.as_ref().map(|s| s["suppressed"].clone()),
            "files_scanned": outcome.stats.as_ref().map(|s| s["files_scanned"].clone()),
            "exit": outcome.exit,
            "seconds": (start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
        }));
        if ui::INTERRUPTED.load(Ordering::Relaxed) {
            break;
        }
    }
    let summary = json!({
        "version": 1,
        "shard": args.sweep.shard.map(|(i, n)| json!({"index": i, "count": n})),
        "mode": if args.git.history { "history" } else { "tree" },
        "format": format_name(args.format),
        "repositories": rows,
        "totals": {
            "repositories": rows.len(),
            "listed": all.len(),
            "complete": rows.len() - incomplete,
            "incomplete": incomplete,
            "findings": totals,
            "seconds": (sweep_start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
        },
    });
    let sp = out_dir.join(SUMMARY);
    std::fs::write(&sp, serde_json::to_vec_pretty(&summary)?)
        .with_context(|| format!("Failed to write {}", sp.display()))?;
    // The sweep's own line on stderr (children print only their errors): what ran, where.
    if !global.quiet {
        eprintln!(
            "vaultsweep: {} repositories: {} complete, {} incomplete; reports and summary in {}",
            rows.len(),
            rows.len() - incomplete,
            incomplete,
            out_dir.display()
        );
    }
    Ok(if ui::INTERRUPTED.load(Ordering::Relaxed) {
        ExitStatus::Interrupted
    } else if incomplete > 0 {
        // The interface: an incomplete repository makes the sweep exit 2, even when
        // others had findings (their reports and summary.json say so).
        ExitStatus::Error
    } else if findings {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_stable_and_unique() {
        let e = entries(
            "# list\n/srv/a/api.git\n\nhttps://git.example/x/api.git\ngit@host:team/web\n./tools/\n",
        );
        let names: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names.len(), 4);
        assert!(names[0].starts_with("api-") && names[1].starts_with("api-"));
        assert_ne!(names[0], names[1]);
        assert_eq!(names[2], "web");
        assert_eq!(names[3], "tools");
    }

    #[test]
    fn shards_partition_the_list() {
        let lines: Vec<String> = (0..200).map(|i| format!("repo-{i}")).collect();
        for n in 1..6 {
            let mut seen = vec![0; lines.len()];
            for i in 0..n {
                for (k, l) in lines.iter().enumerate() {
                    if shard_of(l, n) == i {
                        seen[k] += 1;
                    }
                }
            }
            assert!(seen.iter().all(|&c| c == 1));
        }
        // Not all in one shard.
        assert!((0..3).all(|i| lines.iter().any(|l| shard_of(l, 3) == i)));
    }
}
