//! vaultsweep: find hardcoded credentials, classify them by the company's risk tiers, report
//! them (text, JSON, SARIF), and move them into Vault.
//!
//! Scan a byte slice with the built-in rules:
//! ```
//! use std::sync::Arc;
//! use vaultsweep::{detect::Detector, rules};
//! let detector = Detector::new(Arc::new(rules::builtin().unwrap()));
//! let mut scratch = detector.scratch();
//! let text = b"GITHUB_TOKEN=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\n"; // vaultsweep:allow
//! let found = detector.detect(text, &mut scratch);
//! assert_eq!(detector.rules().get(found[0].rule).id, "github.personal-access-token");
//! ```
#![warn(missing_docs)]

pub mod allow;
pub mod assess;
pub mod classify;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod detect;
pub mod exit;
pub mod finding;
pub mod hook;
pub mod migrate;
pub mod report;
pub mod rules;
pub mod scan;
pub mod source;
pub mod ui;
pub mod vault;
pub mod verify;

use cli::{Cli, Command};
use exit::ExitStatus;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    ui::init_logger(cli.global.verbose, cli.global.quiet);
    match &cli.command {
        Command::Scan(args) => cmd::scan::run(&cli.global, args),
        Command::Rules(c) => cmd::rules::run(&cli.global, c),
        Command::Baseline(c) => cmd::baseline::run(&cli.global, c),
        Command::Hook(c) => cmd::hook::run(&cli.global, c),
        Command::Migrate(c) => cmd::migrate::run(&cli.global, c),
        Command::Assess(a) => cmd::assess::run(&cli.global, a),
        Command::Exec(a) => cmd::exec::run_exec(&cli.global, a),
        Command::Env(a) => cmd::exec::run_env(&cli.global, a),
        Command::Report(c) => cmd::report::run(&cli.global, c),
    }
}
