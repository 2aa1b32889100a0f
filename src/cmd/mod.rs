//! Orchestration of each subcommand: the only modules that print, show progress or use anyhow.

pub mod assess;
pub mod baseline;
pub mod exec;
pub mod git_scan;
pub mod hook;
pub mod migrate;
pub mod report;
pub mod rules;
pub mod scan;
pub mod sweep;
pub mod verify;
