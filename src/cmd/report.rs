//! `vaultsweep report merge`: reads report files (and directories of them), merges them with
//! `report::merge`, writes the result.

use crate::cli::{FormatArg, GlobalArgs, ReportCommand, SarifRunsArg};
use crate::exit::ExitStatus;
use crate::report::merge::{self, Input, Kind, SarifRuns};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// Extensions `scan --repos` gives each format (see `cmd::sweep::extension`).
const EXTENSIONS: [&str; 3] = [".gitlab.json", ".sarif", ".json"];

/// The repository a report file is of: its name without the report extension.
fn repository_of(p: &Path) -> String {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for ext in EXTENSIONS {
        if let Some(stem) = name.strip_suffix(ext) {
            return stem.to_string();
        }
    }
    name
}

/// Report files under `p` (a file, or a directory searched recursively), sorted.
fn files(p: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .with_context(|| format!("Failed to read {}", p.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            let name = e
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            if e.is_dir() {
                files(&e, out)?;
            } else if name == super::sweep::SUMMARY || EXTENSIONS.iter().any(|x| name.ends_with(x))
            {
                // A sweep's summary is read for the repositories it could not finish.
                out.push(e);
            }
        }
    } else {
        out.push(p.to_path_buf());
    }
    Ok(())
}

/// Entry point.
pub fn run(_global: &GlobalArgs, c: &ReportCommand) -> Result<ExitStatus> {
    let ReportCommand::Merge {
        inputs,
        format,
        output,
        sarif_runs,
    } = c;
    let want = match format {
        FormatArg::Json => Kind::Json,
        FormatArg::Sarif => Kind::Sarif,
        FormatArg::Gitlab => Kind::Gitlab,
        other => bail!("report merge reads and writes json, sarif or gitlab, not {other:?}"),
    };
    let mut paths = Vec::new();
    for p in inputs {
        files(p, &mut paths)?;
    }
    let mut reports = Vec::new();
    let mut incomplete: Vec<String> = Vec::new();
    for p in &paths {
        let bytes = std::fs::read(p).with_context(|| format!("Failed to read {}", p.display()))?;
        let v: serde_json::Value = serde_json::from_slice(&bytes)
            .with_context(|| format!("Failed to parse {} as JSON", p.display()))?;
        // A sweep's summary: repositories it could not finish are missing from the merge.
        if p.file_name().is_some_and(|n| n == super::sweep::SUMMARY) {
            for r in v["repositories"].as_array().into_iter().flatten() {
                if r["status"] == "incomplete" {
                    incomplete.push(format!(
                        "{} ({})",
                        r["name"].as_str().unwrap_or("?"),
                        r["reason"].as_str().unwrap_or("incomplete")
                    ));
                }
            }
            continue;
        }
        match Kind::of(&v) {
            Some(k) if k == want => reports.push(Input {
                repository: repository_of(p),
                report: v,
            }),
            // Directories hold other files too (another format, a summary): named, skipped.
            _ if !inputs.contains(p) => {
                log::info!("skipped {} (not a {want:?} report)", p.display())
            }
            _ => bail!("{} is not a {want:?} report", p.display()),
        }
    }
    if reports.is_empty() {
        // An empty merged report would read as "no findings".
        bail!(
            "no {want:?} report among the inputs: nothing to merge (merge the reports in the format the sweep wrote, or run the sweep with --format {})",
            format!("{want:?}").to_lowercase()
        );
    }
    reports.sort_by(|a, b| a.repository.cmp(&b.repository));
    log::info!("merging {} reports", reports.len());
    let merged = match want {
        Kind::Json => merge::merge_json(&reports),
        Kind::Sarif => merge::merge_sarif(
            &reports,
            match sarif_runs {
                SarifRunsArg::Merged => SarifRuns::Merged,
                SarifRunsArg::Repository => SarifRuns::PerRepository,
            },
        ),
        Kind::Gitlab => merge::merge_gitlab(&reports),
    };
    let mut text = serde_json::to_vec_pretty(&merged)?;
    text.push(b'\n');
    match output {
        Some(p) => {
            std::fs::write(p, &text).with_context(|| format!("Failed to write {}", p.display()))?
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&text)?;
        }
    }
    if !incomplete.is_empty() {
        eprintln!(
            "vaultsweep: the merged report lacks {} repositories a sweep did not finish: {}",
            incomplete.len(),
            incomplete.join(", ")
        );
        return Ok(ExitStatus::Error);
    }
    Ok(ExitStatus::Clean)
}
