//! Orchestration of each subcommand: the only modules that print, show progress or use anyhow.

pub mod baseline;
pub mod rules;
pub mod scan;
