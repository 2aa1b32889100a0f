//! "High args": turns the command line and `.vaultsweep.toml` into validated configuration —
//! compiled rule set, suppressor, walk options, parsed tiers — that tests and benches can build
//! without a command line.
//!
//! Imports `cli`, `rules`, `finding`, and the option types of `allow`, `source`, `report`.

use crate::allow::{AllowError, Baseline, Suppressor};
use crate::cli::{FormatArg, GlobalArgs, ScanArgs, WalkArgs};
use crate::finding::Tier;
use crate::report::Format;
use crate::rules::{self, LoadError, RuleSet};
use crate::source::fs::WalkOptions;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Name of the configuration file looked up from the scan root upward.
pub const CONFIG_FILE: &str = ".vaultsweep.toml";

/// `.vaultsweep.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Default `--fail-on`.
    #[serde(default)]
    pub fail_on: Option<Tier>,
    /// Paths and secrets never reported.
    #[serde(default)]
    pub allowlist: Allowlist,
    /// Base tier overrides by rule id.
    #[serde(default)]
    pub tiers: BTreeMap<String, Tier>,
    /// Rule ids to disable.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Extra rules, same schema as `patterns/*.toml`.
    #[serde(default)]
    pub rules: Vec<rules::RuleSyntax>,
}

/// `[allowlist]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allowlist {
    /// Globs over paths relative to the scan root.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Regexes over the secret value.
    #[serde(default)]
    pub regexes: Vec<String>,
}

/// Configuration errors.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The config file cannot be read.
    #[error("cannot read config {path}: {err}")]
    Read {
        /// Path.
        path: PathBuf,
        /// Message.
        err: String,
    },
    /// The config file is not valid.
    #[error("invalid config {path}: {err}")]
    Parse {
        /// Path.
        path: PathBuf,
        /// Message.
        err: String,
    },
    /// A rule (built-in or from config) failed to load.
    #[error(transparent)]
    Rules(#[from] LoadError),
    /// A tier override or disable names a rule that does not exist.
    #[error("config {path}: no rule with id {id:?}")]
    UnknownRule {
        /// Path.
        path: PathBuf,
        /// Rule id.
        id: String,
    },
    /// Allowlist or baseline problem.
    #[error(transparent)]
    Allow(#[from] AllowError),
    /// A scan path does not exist.
    #[error("{0}: no such file or directory")]
    MissingPath(PathBuf),
}

/// Validated configuration of a scan.
#[derive(Debug)]
pub struct ScanConfig {
    /// Walk options.
    pub walk: WalkOptions,
    /// Rules in effect.
    pub rules: Arc<RuleSet>,
    /// Suppression.
    pub suppressor: Suppressor,
    /// Exit 1 at or above this tier.
    pub fail_on: Tier,
    /// Report format.
    pub format: Format,
    /// Report destination (stdout if none).
    pub output: Option<PathBuf>,
    /// Show raw secrets.
    pub show_secrets: bool,
    /// Config file used, if any.
    pub config_path: Option<PathBuf>,
}

/// Finds `.vaultsweep.toml` from `start` (a file or directory) upward.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).ok()?;
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(CONFIG_FILE);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// Reads and parses a config file.
pub fn read_file_config(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
        path: path.to_path_buf(),
        err: e.to_string(),
    })?;
    toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.to_path_buf(),
        err: e.to_string(),
    })
}

/// The config file in effect (explicit `--config`, else discovered from the first path) and
/// its contents.
pub fn load_file_config(
    global: &GlobalArgs,
    first_path: &Path,
) -> Result<(Option<PathBuf>, FileConfig), ConfigError> {
    let path = match &global.config {
        Some(p) => Some(p.clone()),
        None => discover(first_path),
    };
    match &path {
        Some(p) => Ok((path.clone(), read_file_config(p)?)),
        None => Ok((None, FileConfig::default())),
    }
}

/// Built-in rules plus the config's rules, overrides and disables.
pub fn rule_set(file: &FileConfig, path: Option<&Path>) -> Result<RuleSet, ConfigError> {
    let mut set = rules::builtin()?;
    let src = path
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| CONFIG_FILE.to_string());
    for syntax in &file.rules {
        set.push(rules::load::compile(syntax.clone(), &src)?)?;
    }
    let cfg_path = || path.map(Path::to_path_buf).unwrap_or_default();
    for (id, tier) in &file.tiers {
        if !set.override_tier(id, *tier) {
            return Err(ConfigError::UnknownRule {
                path: cfg_path(),
                id: id.clone(),
            });
        }
    }
    for id in &file.disable {
        if set.index_of(id).is_none() {
            return Err(ConfigError::UnknownRule {
                path: cfg_path(),
                id: id.clone(),
            });
        }
    }
    let disabled: HashSet<&String> = file.disable.iter().collect();
    set.retain(|r| !disabled.contains(&r.id));
    Ok(set)
}

/// The suppressor for a config file: path globs are relative to the config file's directory.
pub fn suppressor(
    file: &FileConfig,
    config_path: Option<&Path>,
    baseline: HashSet<crate::finding::Fingerprint>,
) -> Result<Suppressor, ConfigError> {
    Ok(Suppressor::with_base(
        &file.allowlist.paths,
        &file.allowlist.regexes,
        baseline,
        config_path.and_then(Path::parent).map(Path::to_path_buf),
    )?)
}

/// Walk options from the command line.
pub fn walk_options(w: &WalkArgs) -> Result<WalkOptions, ConfigError> {
    for p in &w.paths {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(ConfigError::MissingPath(p.clone()));
        }
    }
    Ok(WalkOptions {
        roots: w.paths.clone(),
        no_ignore: w.no_ignore,
        follow_links: w.follow,
        max_file_size: w.max_file_size,
        threads: w.threads,
    })
}

/// Builds the scan configuration.
pub fn scan_config(global: &GlobalArgs, args: &ScanArgs) -> Result<ScanConfig, ConfigError> {
    let walk = walk_options(&args.walk)?;
    let (config_path, file) = load_file_config(global, &walk.roots[0])?;
    let rules = rule_set(&file, config_path.as_deref())?;
    let baseline = match &args.baseline {
        Some(p) => Baseline::load(p)?.fingerprints(),
        None => HashSet::new(),
    };
    let suppressor = suppressor(&file, config_path.as_deref(), baseline)?;
    Ok(ScanConfig {
        walk,
        rules: Arc::new(rules),
        suppressor,
        fail_on: args.fail_on.or(file.fail_on).unwrap_or(Tier::Low),
        format: match args.format {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Sarif => Format::Sarif,
        },
        output: args.output.clone(),
        show_secrets: args.show_secrets,
        config_path,
    })
}
