//! "High args": turns the command line and `.vaultsweep.toml` into validated configuration —
//! compiled rule set, suppressor, walk options, parsed tiers — that tests and benches can build
//! without a command line.
//!
//! The migrate layer ([`vault_settings`], [`plan_options`]) does the same for `migrate`,
//! `exec` and `env`: flags, `VAULT_*`, `~/.vault-token` and `[migrate]` into `VaultSettings`
//! and `PlanOptions`.
//!
//! Imports `cli`, `rules`, `finding`, and the option types of `allow`, `source`, `report`,
//! `vault` and `migrate`.

use crate::allow::{AllowError, BASELINE_FILE, Baseline, Suppressor};
use crate::cli::{FormatArg, GlobalArgs, MigrateArgs, ScanArgs, VaultArgs, WalkArgs};
use crate::detect::{ClassLimit, ClassPolicy};
use crate::finding::{Confidence, Tier};
use crate::migrate::plan::{DEFAULT_PATH_TEMPLATE, PlanOptions};
use crate::report::Format;
use crate::rules::{self, LoadError, RuleSet};
use crate::source::fs::WalkOptions;
use crate::source::git::{HistoryOptions, Revisions};
use crate::source::staged::StagedOptions;
use crate::vault::{TokenSource, VaultSettings};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Name of the configuration file looked up from the scan root upward.
pub const CONFIG_FILE: &str = ".vaultsweep.toml";

/// `--max-file-size` when not given (tree and history scans).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 << 20;

/// The staged scan's limit when neither `--max-file-size` nor `staged_max_file_size` is set:
/// high enough that a data file someone commits is scanned (17 MB scans in about 0.2 s), since
/// a staged file that is not scanned blocks the commit.
pub const DEFAULT_STAGED_MAX_FILE_SIZE: u64 = 100 << 20;

/// A size in config: bytes, or a string with a K, M or G suffix (as `--max-file-size`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size(pub u64);

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Size, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Bytes(u64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Bytes(n) => Ok(Size(n)),
            Raw::Text(t) => crate::cli::parse_size(&t)
                .map(Size)
                .map_err(serde::de::Error::custom),
        }
    }
}

/// `.vaultsweep.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Verify findings in the hooks too (`scan --verify` there; off unless set).
    #[serde(default)]
    pub verify_in_hooks: bool,
    /// Default `--fail-on`.
    #[serde(default)]
    pub fail_on: Option<Tier>,
    /// Default `--fail-on-confidence` for every scan.
    #[serde(default)]
    pub fail_on_confidence: Option<Confidence>,
    /// Default `--fail-on-confidence` for the hooks (`--staged`, pre-push), when
    /// `fail_on_confidence` is not set: medium.
    #[serde(default)]
    pub hook_fail_on_confidence: Option<Confidence>,
    /// Default `--fail-on-confidence-in-tests` for every scan.
    #[serde(default)]
    pub fail_on_confidence_in_tests: Option<Confidence>,
    /// Default `--fail-on-confidence-in-tests` for the hooks when
    /// `fail_on_confidence_in_tests` is not set: high.
    #[serde(default)]
    pub hook_fail_on_confidence_in_tests: Option<Confidence>,
    /// Default `--min-confidence`.
    #[serde(default)]
    pub min_confidence: Option<Confidence>,
    /// `[file_classes]`: what runs in lock files, source maps, minified and vendored bundles,
    /// generated code (`all`, `provider`, `skip`).
    #[serde(default)]
    pub file_classes: BTreeMap<String, String>,
    /// Size limit of `scan --staged` (the pre-commit hook) when `--max-file-size` is not given.
    #[serde(default)]
    pub staged_max_file_size: Option<Size>,
    /// Baseline file every scan reads (relative to this file's directory).
    #[serde(default)]
    pub baseline: Option<PathBuf>,
    /// Paths and secrets never reported.
    #[serde(default)]
    pub allowlist: Allowlist,
    /// Base tier overrides by rule id.
    #[serde(default)]
    pub tiers: BTreeMap<String, Tier>,
    /// Rule ids to disable.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Opt-in rule ids to enable.
    #[serde(default)]
    pub enable: Vec<String>,
    /// Extra rules, same schema as `patterns/*.toml`.
    #[serde(default)]
    pub rules: Vec<rules::RuleSyntax>,
    /// `[migrate]`: defaults for `migrate`, `exec` and `env`.
    #[serde(default)]
    pub migrate: MigrateFileConfig,
    /// `[cache]`: the history scanned-blob cache.
    #[serde(default)]
    pub cache: CacheFileConfig,
}

/// `[cache]` of `.vaultsweep.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheFileConfig {
    /// Directory of `scan --history`'s scanned-blob cache (relative to the config file's
    /// directory); `--cache` overrides it.
    pub dir: Option<PathBuf>,
}

/// `[migrate]` in `.vaultsweep.toml`. Command-line flags and `VAULT_*` variables win.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrateFileConfig {
    /// KV mount (default `secret`).
    pub mount: Option<String>,
    /// Application name.
    pub app: Option<String>,
    /// Environment.
    pub env: Option<String>,
    /// Secret path template.
    pub path_template: Option<String>,
    /// Keys always migrated.
    #[serde(default)]
    pub include: Vec<String>,
    /// Keys never migrated.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Journal directory.
    pub journal_dir: Option<PathBuf>,
    /// Vault address (`VAULT_ADDR` wins).
    pub vault_addr: Option<String>,
    /// Vault namespace (`VAULT_NAMESPACE` wins).
    pub vault_namespace: Option<String>,
    /// CA bundle (`VAULT_CACERT` wins).
    pub vault_cacert: Option<PathBuf>,
    /// Request timeout, seconds.
    pub vault_timeout: Option<u64>,
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
    /// Vault settings missing or unusable.
    #[error("{0}")]
    Vault(String),
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
    /// `--staged` / `--history` take one path inside one repository.
    #[error("--staged and --history take a single PATH inside the repository, got {0}")]
    GitPaths(usize),
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
    /// ... and at or above this confidence.
    pub fail_on_confidence: Confidence,
    /// ... or this one for findings in test, docs and example files.
    pub fail_on_confidence_in_tests: Confidence,
    /// What runs in each file class.
    pub file_classes: ClassPolicy,
    /// Detect with the reference detector (the tests' oracle, hidden `--reference-detector`).
    pub reference_detector: bool,
    /// Report format.
    pub format: Format,
    /// Report destination (stdout if none).
    pub output: Option<PathBuf>,
    /// Show raw secrets.
    pub show_secrets: bool,
    /// Config file used, if any.
    pub config_path: Option<PathBuf>,
    /// Work tree, staged changes or history.
    pub mode: ScanMode,
    /// Run by a hook (`--hook`, or `--pre-push`): findings once, with advice, on stderr.
    pub hook: bool,
    /// Verify findings: `--verify`, or in a hook only config `verify_in_hooks = true`.
    pub verify: bool,
    /// `--fail-on-live`: only findings verified live fail the run.
    pub fail_on_live: bool,
    /// History scans: the scanned-blob cache directory (`--cache`, config `[cache] dir`).
    pub cache: Option<PathBuf>,
}

/// What a scan reads.
#[derive(Debug, Clone)]
pub enum ScanMode {
    /// Files and directories (`walk`).
    Tree,
    /// The index against HEAD.
    Staged {
        /// Where the repository is.
        opts: StagedOptions,
        /// Report whole staged files, not only added lines.
        all_lines: bool,
    },
    /// Commits.
    History(HistoryOptions),
}

/// The scan mode from the git flags (`file` gives the staged size limit).
pub fn scan_mode(args: &ScanArgs, file: &FileConfig) -> Result<ScanMode, ConfigError> {
    let g = &args.git;
    if !g.staged && !g.history {
        return Ok(ScanMode::Tree);
    }
    if args.walk.paths.len() != 1 {
        return Err(ConfigError::GitPaths(args.walk.paths.len()));
    }
    let path = args.walk.paths[0].clone();
    if g.staged {
        return Ok(ScanMode::Staged {
            opts: StagedOptions {
                path,
                max_file_size: args
                    .walk
                    .max_file_size
                    .or(file.staged_max_file_size.map(|s| s.0))
                    .unwrap_or(DEFAULT_STAGED_MAX_FILE_SIZE),
                index_file: None,
            },
            all_lines: g.all_lines,
        });
    }
    let revisions = if let Some(remote) = &g.pre_push {
        Revisions::PrePush {
            remote: remote.clone(),
            updates: Vec::new(),
        }
    } else if let Some(r) = &g.range {
        Revisions::Range(r.clone())
    } else if let Some(r) = &g.since_commit {
        Revisions::Since(r.clone())
    } else {
        Revisions::All
    };
    Ok(ScanMode::History(HistoryOptions {
        path,
        revisions,
        max_file_size: args.walk.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
        threads: args.walk.threads,
    }))
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

/// The configuration's own rules (`[[rules]]` in it), loaded and compiled, named by the file
/// they come from.
pub fn own_rules(
    file: &FileConfig,
    path: Option<&Path>,
) -> Result<Vec<rules::Rule>, rules::LoadError> {
    let src = path
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| CONFIG_FILE.to_string());
    file.rules
        .iter()
        .map(|syntax| {
            let rule = rules::load::compile(syntax.clone(), &src)?;
            rules::load::compile_now(&rule)?;
            Ok(rule)
        })
        .collect()
}

/// Built-in rules (opt-in ones only where enabled) plus the config's rules, overrides and
/// disables.
pub fn rule_set(file: &FileConfig, path: Option<&Path>) -> Result<RuleSet, ConfigError> {
    let mut set = rules::builtin_all()?;
    for rule in own_rules(file, path)? {
        set.push(rule)?;
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
    for id in file.disable.iter().chain(&file.enable) {
        if set.index_of(id).is_none() {
            return Err(ConfigError::UnknownRule {
                path: cfg_path(),
                id: id.clone(),
            });
        }
    }
    let disabled: HashSet<&String> = file.disable.iter().collect();
    let enabled: HashSet<&String> = file.enable.iter().collect();
    set.retain(|r| !disabled.contains(&r.id) && (!r.opt_in || enabled.contains(&r.id)));
    Ok(set)
}

/// The suppressor for a config file: path globs are relative to the config file's directory.
pub fn suppressor(
    file: &FileConfig,
    config_path: Option<&Path>,
    baseline: HashSet<crate::finding::Fingerprint>,
) -> Result<Suppressor, ConfigError> {
    // The config file itself holds the examples of its own rules: never report them.
    let mut paths = file.allowlist.paths.clone();
    if let Some(name) = config_path.and_then(Path::file_name) {
        paths.push(name.to_string_lossy().into_owned());
    }
    Suppressor::with_base(
        &paths,
        &file.allowlist.regexes,
        baseline,
        config_path.and_then(Path::parent).map(Path::to_path_buf),
    )
    .map_err(|e| ConfigError::Parse {
        path: config_path.map(Path::to_path_buf).unwrap_or_default(),
        err: e.to_string(),
    })
}

/// The top of the git work tree holding `start` (the nearest ancestor with a `.git`).
pub fn repo_root(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).ok()?;
    let dir = if abs.is_dir() {
        abs.as_path()
    } else {
        abs.parent()?
    };
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// Where the baseline is written or read: `--baseline`/`--output`, else config `baseline`
/// (relative to the config file's directory), else `.vaultsweep-baseline.json` at the root of
/// the repository holding `first_path`. `must_exist` drops the last one when absent.
pub fn baseline_location(
    given: Option<&Path>,
    file: &FileConfig,
    config_path: Option<&Path>,
    first_path: &Path,
    must_exist: bool,
) -> Option<PathBuf> {
    if let Some(p) = given {
        return Some(p.to_path_buf());
    }
    if let Some(p) = &file.baseline {
        let dir = config_path.and_then(Path::parent).unwrap_or(Path::new(""));
        return Some(dir.join(p));
    }
    let p = repo_root(first_path)?.join(BASELINE_FILE);
    (!must_exist || p.is_file()).then_some(p)
}

/// The baseline a scan reads, if any (see [`baseline_location`]).
pub fn baseline_path(
    given: Option<&Path>,
    file: &FileConfig,
    config_path: Option<&Path>,
    first_path: &Path,
) -> Option<PathBuf> {
    baseline_location(given, file, config_path, first_path, true)
}

/// Walk options from the command line.
pub fn walk_options(w: &WalkArgs) -> Result<WalkOptions, ConfigError> {
    // A path that does not exist is an error only when nothing else was named: with other
    // paths, the walk reports it (the scan is then incomplete, exit 2, unless it finds secrets).
    let missing: Vec<&PathBuf> = w
        .paths
        .iter()
        .filter(|p| {
            p.as_os_str() != crate::source::fs::STDIN && std::fs::symlink_metadata(p).is_err()
        })
        .collect();
    if let Some(first) = missing.first()
        && missing.len() == w.paths.len()
    {
        return Err(ConfigError::MissingPath((*first).clone()));
    }
    Ok(WalkOptions {
        roots: w.paths.clone(),
        no_ignore: w.no_ignore,
        follow_links: w.follow,
        max_file_size: w.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
        threads: w.threads,
        stdin_name: w.stdin_name.clone(),
    })
}

/// The file-class policy: config `[file_classes]`, then `--file-class CLASS=LIMIT` flags.
pub fn class_policy(
    file: &FileConfig,
    flags: &[String],
    config_path: Option<&Path>,
) -> Result<ClassPolicy, ConfigError> {
    let mut policy = ClassPolicy::default();
    let from_file = config_path.map(Path::to_path_buf).unwrap_or_default();
    let from_flag = PathBuf::from("--file-class");
    let entries = file
        .file_classes
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str(), &from_file))
        .chain(flags.iter().map(|f| {
            let (k, v) = f.split_once('=').unwrap_or((f.as_str(), ""));
            (k, v, &from_flag)
        }));
    for (class, limit, source) in entries {
        let parsed = crate::rules::FileClass::parse(class)
            .filter(|c| *c != crate::rules::FileClass::Normal)
            .zip(ClassLimit::parse(limit));
        let Some((c, l)) = parsed else {
            return Err(ConfigError::Parse {
                path: source.clone(),
                err: format!(
                    "file class {class:?} = {limit:?}: expected one of lock, sourcemap, minified, vendored, generated = all, provider or skip"
                ),
            });
        };
        policy.set(c, l);
    }
    Ok(policy)
}

/// Builds the scan configuration.
pub fn scan_config(global: &GlobalArgs, args: &ScanArgs) -> Result<ScanConfig, ConfigError> {
    let walk = walk_options(&args.walk)?;
    let (config_path, file) = load_file_config(global, &walk.roots[0])?;
    let mode = scan_mode(args, &file)?;
    let rules = rule_set(&file, config_path.as_deref())?;
    let mut suppressor = suppressor(&file, config_path.as_deref(), HashSet::new())?
        .with_min_confidence(
            args.min_confidence
                .or(file.min_confidence)
                .unwrap_or(Confidence::Low),
        );
    if let Some(p) = baseline_path(
        args.baseline.as_deref(),
        &file,
        config_path.as_deref(),
        &walk.roots[0],
    ) {
        log::debug!("using baseline {}", p.display());
        suppressor = suppressor.with_accepted(Baseline::load(&p)?.accepted(&p));
    }
    let hook_mode = match &mode {
        ScanMode::Staged { .. } => true,
        ScanMode::History(h) => matches!(h.revisions, Revisions::PrePush { .. }),
        ScanMode::Tree => false,
    };
    let fail_on_confidence = args
        .fail_on_confidence
        .or(file.fail_on_confidence)
        .or(if hook_mode {
            Some(file.hook_fail_on_confidence.unwrap_or(Confidence::Medium))
        } else {
            None
        })
        .unwrap_or(Confidence::Low);
    let fail_on_confidence_in_tests = args
        .fail_on_confidence_in_tests
        .or(file.fail_on_confidence_in_tests)
        .or(if hook_mode {
            Some(
                file.hook_fail_on_confidence_in_tests
                    .unwrap_or(Confidence::High),
            )
        } else {
            None
        })
        .unwrap_or(fail_on_confidence);
    let file_classes = class_policy(&file, &args.file_classes, config_path.as_deref())?;
    let cache = match (&args.git.cache, &file.cache.dir) {
        (Some(d), _) => Some(d.clone()),
        (None, Some(d)) if args.git.history => Some(
            config_path
                .as_deref()
                .and_then(Path::parent)
                .map_or_else(|| d.clone(), |base| base.join(d)),
        ),
        _ => None,
    };
    Ok(ScanConfig {
        walk,
        rules: Arc::new(rules),
        suppressor,
        fail_on_confidence,
        fail_on_confidence_in_tests,
        file_classes,
        reference_detector: args.reference_detector,
        fail_on: args.fail_on.or(file.fail_on).unwrap_or(Tier::Low),
        format: report_format(args.format),
        output: args.output.clone(),
        show_secrets: args.show_secrets,
        config_path,
        mode,
        hook: args.git.hook || args.git.pre_push.is_some(),
        verify: if args.git.hook || args.git.pre_push.is_some() {
            file.verify_in_hooks
        } else {
            args.verify.verify
        },
        fail_on_live: args.verify.fail_on_live,
        cache,
    })
}

// ---------------------------------------------------------------------------------------------
// Migrate layer

/// The Vault settings from flags, `VAULT_*` and `[migrate]` (flags and variables win). The token
/// comes from `--vault-token-file`, else `VAULT_TOKEN`, else `~/.vault-token`: never from an
/// argument value.
pub fn vault_settings(
    args: &VaultArgs,
    cfg: &MigrateFileConfig,
) -> Result<VaultSettings, ConfigError> {
    let addr = args
        .vault_addr
        .clone()
        .or_else(|| cfg.vault_addr.clone())
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            ConfigError::Vault(
                "VAULT_ADDR is not set (or vault_addr in [migrate] of .vaultsweep.toml)".into(),
            )
        })?;
    let home = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".vault-token"));
    let (token, token_source) = token(
        args.vault_token_file.as_deref(),
        std::env::var("VAULT_TOKEN").ok(),
        home,
    )?;
    Ok(VaultSettings {
        addr,
        token,
        token_source,
        namespace: args
            .vault_namespace
            .clone()
            .or_else(|| cfg.vault_namespace.clone())
            .filter(|n| !n.is_empty()),
        cacert: args
            .vault_cacert
            .clone()
            .or_else(|| cfg.vault_cacert.clone()),
        timeout: std::time::Duration::from_secs(
            args.vault_timeout.or(cfg.vault_timeout).unwrap_or(15),
        ),
    })
}

/// The token and where it came from: `file`, else `env` (`VAULT_TOKEN`), else `home`
/// (`~/.vault-token`, if it exists).
fn token(
    file: Option<&Path>,
    env: Option<String>,
    home: Option<PathBuf>,
) -> Result<(String, TokenSource), ConfigError> {
    let read = |p: &Path| -> Result<String, ConfigError> {
        let t = std::fs::read_to_string(p).map_err(|e| {
            ConfigError::Vault(format!("cannot read the token file {}: {e}", p.display()))
        })?;
        let t = t.trim().to_string();
        if t.is_empty() {
            return Err(ConfigError::Vault(format!(
                "the token file {} is empty",
                p.display()
            )));
        }
        Ok(t)
    };
    if let Some(f) = file {
        return Ok((read(f)?, TokenSource::File(f.to_path_buf())));
    }
    if let Some(t) = env.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) {
        return Ok((t, TokenSource::Env));
    }
    match home {
        Some(h) if h.is_file() => Ok((read(&h)?, TokenSource::Home(h))),
        _ => Err(ConfigError::Vault(
            "no Vault token: set VAULT_TOKEN, log in (`vault login` writes ~/.vault-token) or pass --vault-token-file FILE".into(),
        )),
    }
}

/// How to plan a migration, from flags and `[migrate]` (flags win; their lists add up). The
/// repository is the caller's to fill in.
pub fn plan_options(args: &MigrateArgs, cfg: &MigrateFileConfig) -> PlanOptions {
    let mut include = cfg.include.clone();
    include.extend(args.include.iter().cloned());
    let mut exclude = cfg.exclude.clone();
    exclude.extend(args.exclude.iter().cloned());
    PlanOptions {
        mount: args
            .mount
            .clone()
            .or_else(|| cfg.mount.clone())
            .unwrap_or_else(|| "secret".into())
            .trim_matches('/')
            .to_string(),
        app: args.app.clone().or_else(|| cfg.app.clone()),
        env: args.env.clone().or_else(|| cfg.env.clone()),
        path_template: args
            .path_template
            .clone()
            .or_else(|| cfg.path_template.clone())
            .unwrap_or_else(|| DEFAULT_PATH_TEMPLATE.into()),
        include,
        exclude,
        repo: None,
    }
}

/// The report format a `--format` value names.
pub fn report_format(f: FormatArg) -> Format {
    match f {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Gitlab => Format::Gitlab,
        FormatArg::Github => Format::Github,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_comes_from_the_file_then_vault_token_then_home_never_elsewhere() {
        let d = tempfile::tempdir().unwrap();
        let file = d.path().join("t");
        std::fs::write(&file, "from-file\n").unwrap();
        let home = d.path().join(".vault-token");
        std::fs::write(&home, "from-home\n").unwrap();
        let (t, src) = token(Some(&file), Some("from-env".into()), Some(home.clone())).unwrap();
        assert_eq!(
            (t.as_str(), src),
            ("from-file", TokenSource::File(file.clone()))
        );
        let (t, src) = token(None, Some("from-env".into()), Some(home.clone())).unwrap();
        assert_eq!((t.as_str(), src), ("from-env", TokenSource::Env));
        let (t, src) = token(None, Some(" ".into()), Some(home.clone())).unwrap();
        assert_eq!(
            (t.as_str(), src),
            ("from-home", TokenSource::Home(home.clone()))
        );
        let none = token(None, None, Some(d.path().join("missing"))).unwrap_err();
        assert!(none.to_string().contains("--vault-token-file"), "{none}");
        std::fs::write(&file, "").unwrap();
        assert!(
            token(Some(&file), None, None)
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
    }
}
