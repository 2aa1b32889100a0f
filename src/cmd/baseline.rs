//! `vaultsweep baseline create`.

use crate::allow::{Baseline, anchor_of};
use crate::cli::{BaselineCommand, GlobalArgs};
use crate::config;
use crate::detect::Detector;
use crate::exit::ExitStatus;
use crate::scan::scan_tree;
use crate::ui;
use anyhow::{Context, Result};
use std::collections::HashSet;

/// Entry point.
pub fn run(global: &GlobalArgs, cmd: &BaselineCommand) -> Result<ExitStatus> {
    let BaselineCommand::Create { output, walk } = cmd;
    let walk = config::walk_options(walk)?;
    let (path, file) = config::load_file_config(global, &walk.roots[0])?;
    let rules = std::sync::Arc::new(config::rule_set(&file, path.as_deref())?);
    // Allowlists still apply; nothing is baselined that would be suppressed anyway.
    let suppressor = config::suppressor(&file, path.as_deref(), HashSet::new())?;
    ui::install_interrupt_handler();
    let detector = Detector::new(rules);
    let outcome = scan_tree(&detector, &suppressor, &walk, &ui::INTERRUPTED);
    for e in &outcome.errors {
        log::error!("{e}");
    }
    if ui::INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst) {
        return Ok(ExitStatus::Interrupted);
    }
    let output = config::baseline_location(
        output.as_deref(),
        &file,
        path.as_deref(),
        &walk.roots[0],
        false,
    )
    .context("Not inside a git repository: give the baseline file with --output FILE")?;
    let output = &output;
    let baseline = Baseline::anchored(&outcome.findings, &anchor_of(output), None);
    let text = serde_json::to_string_pretty(&baseline)?;
    if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("Failed to create {}", dir.display()))?;
    }
    std::fs::write(output, text + "\n")
        .with_context(|| format!("Failed to write baseline {}", output.display()))?;
    eprintln!(
        "vaultsweep: baseline {} records {} finding(s)",
        output.display(),
        baseline.findings.len()
    );
    Ok(if outcome.errors.is_empty() {
        ExitStatus::Clean
    } else {
        ExitStatus::Error
    })
}
