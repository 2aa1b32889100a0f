//! Command-line syntax ("low args"): clap derive only. Holds what the user typed; `config`
//! validates it. Imports only `finding` (for `Tier`).

use crate::finding::{Confidence, Tier};
use clap::{Args, Parser, Subcommand, ValueEnum, builder::PossibleValue};
use std::path::PathBuf;

// Examples and exit codes shown under each `--help` page (issue 13: none had examples).

const MAIN_HELP: &str = "Examples:
  vaultsweep scan .                          scan the current directory
  vaultsweep scan --staged .                 what the next commit would add (the hook)
  vaultsweep hook install --pre-push         block commits and pushes that add secrets
  vaultsweep migrate plan .env.production    what would move into Vault (dry run)
  vaultsweep assess . -o assessment.html     the migration plan for a team lead

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 error or incomplete scan,
130 interrupted. `vaultsweep <command> --help` has each command's examples.";

const SCAN_HELP: &str = "Examples:
  vaultsweep scan .                                   text report, grouped by file
  vaultsweep scan . --format sarif -o vaultsweep.sarif
  vaultsweep scan . --format gitlab -o gl-secret-detection-report.json
  vaultsweep scan . --format github                   GitHub Actions annotations
  vaultsweep scan . --fail-on high                    only HIGH and CRITICAL fail the run
  vaultsweep scan --history --range main..HEAD .      commits of a pull request
  vaultsweep scan --staged .                          the index against HEAD
  kubectl get secret app -o yaml | vaultsweep scan - --stdin-name k8s/prod/app.yaml

Exit codes:
  0    nothing at or above --fail-on (default: config fail_on, else low)
  1    findings at or above --fail-on (findings win over errors)
  2    error, or incomplete scan: a path could not be read, a path named on the command
       line was not scanned, or (--staged) a staged file was too large to scan
  130  interrupted";

const RULES_HELP: &str = "Examples:
  vaultsweep rules list
  vaultsweep rules list --format json | jq -r '.[].id'
  vaultsweep rules check my-rules.toml

Exit codes: 0 success, 2 error (a rule file that fails its checks).";

const RULES_LIST_HELP: &str = "Examples:
  vaultsweep rules list
  vaultsweep rules list --format json

Exit codes: 0 success, 2 error (bad config or rule file).";

const RULES_CHECK_HELP: &str = "Examples:
  vaultsweep rules check                     the built-in rules
  vaultsweep rules check my-rules.toml       your own rule file (same schema as patterns/)

Exit codes: 0 every rule passes, 2 a rule fails a lint or one of its examples.";

const BASELINE_HELP: &str = "Examples:
  vaultsweep baseline create                 accept today's findings (repository root file)
  vaultsweep baseline create -o ci/accepted.json services/

Exit codes: 0 written, 2 error or incomplete scan (the baseline is still written).";

const AUDIT_HELP: &str = "Examples:
  vaultsweep vault audit --mount secret --path apps/shop
  vaultsweep vault audit --mount kv --all-versions --format sarif --output audit.sarif

Vault: VAULT_ADDR, and VAULT_TOKEN, --vault-token-file or ~/.vault-token (list and read suffice).
Exit codes: 0 no value exposed, 1 a value is exposed (stderr lists what to rotate), 2 error
(Vault unreachable or sealed, bad token, no secret under the given paths).";

const MERGE_HELP: &str = "Examples:
  vaultsweep report merge out-0 out-1 out-2 --format sarif --output merged.sarif
  vaultsweep report merge out --format sarif --sarif-runs repository

Exit codes: 0 merged, 2 error (no report of that format among the inputs, unreadable input) or
a sweep's summary.json lists repositories it did not finish (the merge is still written).";

const HOOK_HELP: &str = "Examples:
  vaultsweep hook install                    pre-commit hook
  vaultsweep hook install --pre-push         pre-commit and pre-push hooks
  vaultsweep hook status
  vaultsweep hook uninstall

Exit codes: 0 success, 2 error (not a repository, a foreign hook in the way without --force).";

const HOOK_INSTALL_HELP: &str = "Examples:
  vaultsweep hook install
  vaultsweep hook install --pre-push --repo ~/src/app
  vaultsweep hook install --force            replace a foreign hook instead of chaining it

Exit codes: 0 installed, 2 error.";

const HOOK_UNINSTALL_HELP: &str = "Examples:
  vaultsweep hook uninstall
  vaultsweep hook uninstall --repo ~/src/app

Exit codes: 0 removed (or nothing to remove), 2 error.";

const HOOK_STATUS_HELP: &str = "Examples:
  vaultsweep hook status
  vaultsweep hook status --repo ~/src/app

Exit codes: 0 success, 2 error.";

const MIGRATE_HELP: &str = "Examples:
  vaultsweep migrate plan services/api/.env.production --mount apps/kv
  vaultsweep migrate apply services/api/.env.production --mount apps/kv --yes
  vaultsweep migrate rollback

Exit codes: 0 success, 2 error (nothing is half-done: re-run apply to complete it).";

const MIGRATE_PLAN_HELP: &str = "Examples:
  vaultsweep migrate plan .env.production
  vaultsweep migrate plan config/app.json --mount apps/kv --format json
  vaultsweep migrate plan .env.production --out plan.json   save it for `apply --plan`

Exit codes: 0 success, 2 error (unreadable file, Vault unreachable).";

const MIGRATE_APPLY_HELP: &str = "Examples:
  vaultsweep migrate apply .env.production --mount apps/kv          asks before writing
  vaultsweep migrate apply .env.production --mount apps/kv --yes
  vaultsweep migrate apply --plan plan.json --yes                    exactly a saved plan

Exit codes: 0 applied (or nothing to do), 2 error or not confirmed (re-run to complete an
interrupted run; nothing is deleted before its copy in Vault is verified).";

const MIGRATE_ROLLBACK_HELP: &str = "Examples:
  vaultsweep migrate rollback
  vaultsweep migrate rollback --journal-dir /var/lib/vaultsweep

Exit codes: 0 restored, 2 error.";

const ASSESS_HELP: &str = "Examples:
  vaultsweep assess . --output assessment.html       the report for people (one file)
  vaultsweep assess . --format json -o assessment.json
  vaultsweep assess services/ --format markdown       inventory, phases and commands
  vaultsweep assess . --emit-engine-config vault/     also database.sh and aws.sh
  vaultsweep assess . -o now.html --since assessment.json   what changed since

Exit codes: 0 written, 2 error or incomplete scan (the report is still written).";

const EXEC_HELP: &str = "Examples:
  vaultsweep exec --env-file .env.production -- ./run-server
  DB_PASSWORD=vault:apps/kv/data/api/prod/env#DB_PASSWORD vaultsweep exec -- ./migrate-db

Exit codes: the program's own exit code (1 if it was killed by a signal); 2 when vaultsweep
cannot start it (a reference that does not resolve, Vault unreachable).";

const ENV_HELP: &str = "Examples:
  vaultsweep env --env-file .env.production              export lines, values masked
  eval \"$(vaultsweep env --env-file .env.production --show-secrets)\"

Exit codes: 0 success, 2 error (a reference that does not resolve, Vault unreachable).";

/// Find hardcoded credentials, classify them by risk, report them, and move them into Vault.
#[derive(Debug, Parser)]
#[command(name = "vaultsweep", version, about, max_term_width = 100, after_help = MAIN_HELP)]
pub struct Cli {
    /// Options for every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by all commands.
#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// More logging on stderr (-v: info, -vv: debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors on stderr: no notes about skipped paths.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Configuration file (default: `.vaultsweep.toml` found from the first scan path upward).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Subcommands.
// One value per process, parsed once: the size of the scan variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and directories for secrets.
    #[command(after_help = SCAN_HELP)]
    Scan(ScanArgs),
    /// List or check detection rules.
    #[command(subcommand, after_help = RULES_HELP)]
    Rules(RulesCommand),
    /// Manage baselines of accepted findings.
    #[command(subcommand, after_help = BASELINE_HELP)]
    Baseline(BaselineCommand),
    /// Install, remove or inspect the git pre-commit / pre-push hooks.
    #[command(subcommand, after_help = HOOK_HELP)]
    Hook(HookCommand),
    /// Move secrets from .env and JSON files into Vault KV and rewrite the files to refer to them.
    #[command(subcommand, after_help = MIGRATE_HELP)]
    Migrate(MigrateCommand),
    /// Assess a migration to Vault: every secret by service, environment and tier, where it
    /// should live (KV, database, AWS, PKI, Transit), in which phase, and how far along it is.
    #[command(after_help = ASSESS_HELP)]
    Assess(AssessArgs),
    /// Run a program with `vault:` references in its environment and env files resolved.
    #[command(after_help = EXEC_HELP)]
    Exec(ExecArgs),
    /// Print `export` lines for env files, with `vault:` references resolved.
    #[command(after_help = ENV_HELP)]
    Env(EnvArgs),
    /// Check the values held in Vault against the repository.
    #[command(subcommand)]
    Vault(VaultCommand),
    /// Work with reports: merge per-repository or per-shard reports into one.
    #[command(subcommand)]
    Report(ReportCommand),
}

/// `vaultsweep vault …`.
#[derive(Debug, Subcommand)]
pub enum VaultCommand {
    /// Read the secrets under `--path` and search the working tree and the whole git history
    /// for each value (as written, base64-, URL- and JSON-escaped), in one multi-pattern pass
    /// per blob. Reports where each value is exposed (masked; never printed or written) and
    /// which secrets to rotate. Exit 1 when any value is exposed. A token that can list and read
    /// is enough.
    #[command(after_help = AUDIT_HELP)]
    Audit(AuditArgs),
}

/// `vault audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Repository (or directory) to search.
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// KV mount.
    #[arg(long, default_value = "secret")]
    pub mount: String,
    /// Folder of the mount to read, recursively (repeatable; default the whole mount).
    #[arg(long = "path", value_name = "PREFIX")]
    pub paths: Vec<String>,
    /// Every version of KV v2 secrets, not only the current one.
    #[arg(long)]
    pub all_versions: bool,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: FormatArg,
    /// Write the report to FILE instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Vault connection.
    #[command(flatten)]
    pub vault: VaultArgs,
}

/// `vaultsweep report …`.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Merge reports (files, or directories of them such as `scan --repos` output directories)
    /// into one. Fingerprints are kept; one secret found in several repositories or paths
    /// becomes one entry listing every location. A file's repository is its name without the
    /// extension; paths are qualified with it.
    #[command(after_help = MERGE_HELP)]
    Merge {
        /// Report files or directories (searched recursively; a sweep's summary.json is read for
        /// the repositories it did not finish).
        #[arg(value_name = "DIR_OR_FILE", required = true)]
        inputs: Vec<PathBuf>,
        /// Format of the inputs and of the merged report: json, sarif or gitlab.
        #[arg(short, long, value_enum)]
        format: FormatArg,
        /// Write the merged report to FILE instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// SARIF: one merged run (repository-qualified URIs, one result per secret) or one run
        /// per repository.
        #[arg(long, value_enum, default_value_t = SarifRunsArg::Merged)]
        sarif_runs: SarifRunsArg,
    },
}

/// `report merge --sarif-runs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SarifRunsArg {
    /// One run; each secret one result with all its locations.
    Merged,
    /// One run per repository.
    Repository,
}

/// Output format of a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Grouped by file, for people.
    Text,
    /// One JSON array of findings.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitLab secret-detection report (`artifacts: reports: secret_detection`).
    Gitlab,
    /// GitHub Actions annotations (`::error file=…,line=…::…`), secrets always masked.
    Github,
}

impl ValueEnum for Confidence {
    fn value_variants<'a>() -> &'a [Self] {
        &Confidence::ALL
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()))
    }
}

impl ValueEnum for Tier {
    fn value_variants<'a>() -> &'a [Self] {
        &Tier::ALL
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()))
    }
}

/// What to walk and how.
#[derive(Debug, Args, Clone)]
pub struct WalkArgs {
    /// Files or directories to scan; `-` reads standard input. FIFOs, devices and process
    /// substitutions named here are read as streams, up to --max-file-size.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Also scan files ignored by .gitignore and .ignore (.vaultsweepignore still applies).
    #[arg(long)]
    pub no_ignore: bool,
    /// Follow symbolic links.
    #[arg(short = 'L', long)]
    pub follow: bool,
    /// Skip files larger than this (bytes; K, M, G suffixes allowed) [default: 10M; with
    /// --staged: config `staged_max_file_size`, else 100M].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,
    /// Worker threads (0: one per core).
    #[arg(short = 'j', long, default_value_t = 0)]
    pub threads: usize,
    /// Name to scan and report standard input under (PATH `-` or /dev/stdin); path rules
    /// apply to it, e.g. `config/.env.production` counts as production.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub stdin_name: String,
}

/// `vaultsweep scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// What to scan.
    #[command(flatten)]
    pub walk: WalkArgs,
    /// Report format.
    #[arg(short, long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Write the report to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The test oracle: every rule's own pattern over every whole blob, no keyword stage, no
    /// windows, no relaxed searches (slow; the tests compare it with the real detector).
    #[arg(long, hide = true)]
    pub reference_detector: bool,
    /// Exit 1 when a finding is at or above this tier (default: config `fail_on`, else low).
    #[arg(long, value_enum, value_name = "TIER")]
    pub fail_on: Option<Tier>,
    /// Only findings at or above this confidence fail the run (default: config
    /// `fail_on_confidence`; else medium for --staged and the pre-push hook, low otherwise).
    /// Findings below it are still reported.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on_confidence: Option<Confidence>,
    /// The same for findings in test, docs and example files (default: config
    /// `fail_on_confidence_in_tests`; else high for --staged and the pre-push hook, so only exact
    /// provider formats there block a commit; otherwise as --fail-on-confidence). May be lower
    /// or higher than --fail-on-confidence.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on_confidence_in_tests: Option<Confidence>,
    /// Report only findings at or above this confidence (default: config `min_confidence`,
    /// else low: everything). Findings below it count as suppressed.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_confidence: Option<Confidence>,
    /// What runs in a class of files: CLASS=LIMIT, CLASS one of lock, sourcemap, minified,
    /// vendored, generated; LIMIT one of all, provider (provider rules only, the default),
    /// skip. Repeatable; overrides config `[file_classes]`.
    #[arg(long = "file-class", value_name = "CLASS=LIMIT")]
    pub file_classes: Vec<String>,
    /// Suppress findings whose fingerprints are in this baseline file [default: config
    /// `baseline`, else .vaultsweep-baseline.json at the repository root if present].
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Print raw secrets in reports (they are masked by default).
    #[arg(long)]
    pub show_secrets: bool,
    /// What to scan in git instead of the work tree.
    #[command(flatten)]
    pub git: GitScanArgs,
    /// Verification (`--verify` and its switches).
    #[command(flatten)]
    pub verify: VerifyArgs,
    /// Many repositories (`--repos`).
    #[command(flatten)]
    pub sweep: SweepArgs,
}

/// `scan --verify`: ask each credential's service whether it is live. Off by default.
#[derive(Debug, Args, Clone, Default)]
pub struct VerifyArgs {
    /// Check each finding against the service it opens (database URIs: the host in the URI;
    /// Vault tokens: VAULT_ADDR or --verify-vault-addr only; provider tokens: the provider's
    /// documented API host). Off by default; the text report lists every host contacted.
    #[arg(long)]
    pub verify: bool,
    /// Exit 1 only for findings verified live (other findings are reported, not failing).
    #[arg(long, requires = "verify")]
    pub fail_on_live: bool,
    /// Verify only these rules (ids, or prefixes ending in `*`: `database.*`); comma-separated
    /// or repeated.
    #[arg(long, value_name = "RULE", value_delimiter = ',', requires = "verify")]
    pub verify_only: Vec<String>,
    /// Never verify these rules (ids, or prefixes ending in `*`); comma-separated or repeated.
    #[arg(long, value_name = "RULE", value_delimiter = ',', requires = "verify")]
    pub verify_exclude: Vec<String>,
    /// Contact only these hosts (`db.internal`, `cache:6380`, `*.blob.core.windows.net`); findings
    /// elsewhere are skipped. Comma-separated or repeated.
    #[arg(long, value_name = "HOST", value_delimiter = ',', requires = "verify")]
    pub verify_hosts: Vec<String>,
    /// Print what would be contacted, contact nothing.
    #[arg(long, requires = "verify")]
    pub verify_dry_run: bool,
    /// Vault address for Vault tokens [default: VAULT_ADDR]. Never guessed from the code.
    #[arg(long, value_name = "URL", requires = "verify")]
    pub verify_vault_addr: Option<String>,
    /// Attempts per second over the whole run.
    #[arg(long, value_name = "N", default_value_t = 20, requires = "verify")]
    pub verify_rate: u32,
    /// Timeout of one attempt, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 5, requires = "verify")]
    pub verify_timeout: u64,
    /// Test hook: send HTTP verifiers for HOST to ADDR:PORT (the URL, its host check and TLS
    /// name are unchanged).
    #[arg(long, value_name = "HOST=ADDR:PORT", hide = true)]
    pub verify_resolve: Vec<String>,
    /// Test hook: trust this CA (PEM) for HTTP verifiers.
    #[arg(long, value_name = "FILE", hide = true)]
    pub verify_ca_file: Option<PathBuf>,
}

/// `scan --repos FILE --output-dir DIR`: many repositories, one report each.
#[derive(Debug, Args, Clone, Default)]
pub struct SweepArgs {
    /// Scan every repository listed in FILE (one local path or clone URL per line; blank lines
    /// and `#` comments ignored), each in its own process, into DIR/<name>.<ext> and
    /// DIR/summary.json. With --history scans their histories.
    #[arg(
        long,
        value_name = "FILE",
        requires = "output_dir",
        conflicts_with_all = ["staged", "output"]
    )]
    pub repos: Option<PathBuf>,
    /// With --repos: the directory of the per-repository reports and summary.json.
    #[arg(long, value_name = "DIR", requires = "repos")]
    pub output_dir: Option<PathBuf>,
    /// With --repos: scan only shard I of N (0 ≤ I < N): the repositories whose stable hash
    /// (SHA-256 of the line) is I modulo N. N workers with I = 0…N-1 cover the list once.
    #[arg(long, value_name = "I/N", requires = "repos", value_parser = parse_shard)]
    pub shard: Option<(u64, u64)>,
    /// With --repos: where clone URLs are cloned (kept and fetched on the next run)
    /// [default: vaultsweep-clones in the temporary directory].
    #[arg(long, value_name = "DIR", requires = "repos")]
    pub work_dir: Option<PathBuf>,
    /// With --repos: stop a repository's scan after this many seconds (status "incomplete").
    #[arg(long, value_name = "SECONDS", requires = "repos")]
    pub repo_timeout: Option<u64>,
    /// With --repos: stop a repository's scan when its resident memory exceeds SIZE (K, M, G
    /// suffixes; status "incomplete").
    #[arg(long, value_name = "SIZE", requires = "repos", value_parser = parse_size)]
    pub repo_max_memory: Option<u64>,
    /// Write the scan's counts (findings by tier, completeness) as JSON to FILE (used by
    /// --repos for each repository).
    #[arg(long, value_name = "FILE", hide = true)]
    pub stats_file: Option<PathBuf>,
}

/// `I/N` with `I < N`.
pub fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let (i, n) = s
        .split_once('/')
        .ok_or_else(|| format!("{s:?}: expected I/N, e.g. 0/4"))?;
    let i: u64 = i
        .trim()
        .parse()
        .map_err(|_| format!("{s:?}: I is not a number"))?;
    let n: u64 = n
        .trim()
        .parse()
        .map_err(|_| format!("{s:?}: N is not a number"))?;
    if n == 0 || i >= n {
        return Err(format!("{s:?}: need 0 <= I < N"));
    }
    Ok((i, n))
}

/// `scan --staged` / `scan --history`: PATH is then a path inside the repository.
#[derive(Debug, Args, Clone, Default)]
pub struct GitScanArgs {
    /// Scan what the next commit would contain (index vs HEAD), reporting added lines only.
    #[arg(long, conflicts_with = "history")]
    pub staged: bool,
    /// Hook mode (the installed hooks pass it): a text report is replaced by the blocked
    /// message on stderr, each finding listed once; a clean commit prints nothing unless -v.
    #[arg(long, hide = true)]
    pub hook: bool,
    /// With --staged: report findings anywhere in the staged files, not only on added lines.
    #[arg(long, requires = "staged")]
    pub all_lines: bool,
    /// Scan every commit reachable from any ref (branches, tags, remote-tracking refs).
    #[arg(long)]
    pub history: bool,
    /// With --history: only commits not reachable from REV.
    #[arg(
        long,
        value_name = "REV",
        requires = "history",
        conflicts_with = "range"
    )]
    pub since_commit: Option<String>,
    /// With --history: keep a scanned-blob cache in DIR (default: config `[cache] dir`). The
    /// next history scan with the same rules and settings reads only blobs it has not seen.
    #[arg(long, value_name = "DIR", requires = "history")]
    pub cache: Option<PathBuf>,
    /// With --history: only commits in A..B (or everything reachable from a single REV).
    #[arg(long, value_name = "A..B", requires = "history")]
    pub range: Option<String>,
    /// With --history: pre-push mode, reads `<local ref> <local sha> <remote ref> <remote sha>`
    /// lines on stdin and scans the commits being pushed to REMOTE.
    #[arg(long, value_name = "REMOTE", requires = "history", hide = true)]
    pub pre_push: Option<String>,
}

/// `vaultsweep hook …`.
#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Install the pre-commit hook (and with --pre-push the pre-push hook) in the directory git
    /// uses for hooks (core.hooksPath, worktrees and `.git` files honoured). An existing foreign
    /// hook is kept as `<hook>.local` and run first, unless --force replaces it.
    #[command(after_help = HOOK_INSTALL_HELP)]
    Install {
        /// Also install the pre-push hook (scans the commits being pushed).
        #[arg(long)]
        pre_push: bool,
        /// Replace an existing hook instead of chaining it.
        #[arg(long)]
        force: bool,
        /// A path inside the repository.
        #[arg(long, value_name = "DIR", default_value = ".")]
        repo: PathBuf,
    },
    /// Remove vaultsweep's hooks, restoring chained `<hook>.local` hooks.
    #[command(after_help = HOOK_UNINSTALL_HELP)]
    Uninstall {
        /// A path inside the repository.
        #[arg(long, value_name = "DIR", default_value = ".")]
        repo: PathBuf,
    },
    /// Show which hooks are installed and where.
    #[command(after_help = HOOK_STATUS_HELP)]
    Status {
        /// A path inside the repository.
        #[arg(long, value_name = "DIR", default_value = ".")]
        repo: PathBuf,
    },
}

/// `vaultsweep rules …`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List the rules in effect (built-in plus config).
    #[command(after_help = RULES_LIST_HELP)]
    List {
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Lint rule files and run every example through the full detect path.
    #[command(after_help = RULES_CHECK_HELP)]
    Check {
        /// Rule files (TOML with [[rules]]); none = the built-in rules.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// Format of `rules list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table.
    Text,
    /// A JSON array.
    Json,
}

/// `vaultsweep baseline …`.
#[derive(Debug, Subcommand)]
pub enum BaselineCommand {
    /// Scan and record every current finding's fingerprint as accepted. Paths are recorded
    /// relative to the repository root, so scans of any subdirectory, from any directory, match.
    #[command(after_help = BASELINE_HELP)]
    Create {
        /// Baseline file to write [default: config `baseline`, else .vaultsweep-baseline.json
        /// at the repository root, which every scan and both hooks read].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// What to scan.
        #[command(flatten)]
        walk: WalkArgs,
    },
}

/// Vault connection: the standard `VAULT_*` variables (or `[migrate]` in `.vaultsweep.toml`).
#[derive(Debug, Args, Clone, Default)]
pub struct VaultArgs {
    /// Vault server address.
    #[arg(long, env = "VAULT_ADDR", value_name = "URL")]
    pub vault_addr: Option<String>,
    /// File holding the Vault token. Otherwise the token comes from `VAULT_TOKEN`, then
    /// `~/.vault-token`; it is never accepted as an argument (`ps` would show it).
    #[arg(long, value_name = "FILE")]
    pub vault_token_file: Option<PathBuf>,
    /// Vault namespace.
    #[arg(long, env = "VAULT_NAMESPACE", value_name = "NS")]
    pub vault_namespace: Option<String>,
    /// PEM bundle of CA certificates to trust.
    #[arg(long, env = "VAULT_CACERT", value_name = "FILE")]
    pub vault_cacert: Option<PathBuf>,
    /// Per-request timeout in seconds (default 15).
    #[arg(long, value_name = "SECS")]
    pub vault_timeout: Option<u64>,
}

/// Output format of `migrate plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// A table, for people.
    Text,
    /// JSON, for scripts.
    Json,
}

/// Where to migrate to, and how to plan.
#[derive(Debug, Args, Clone)]
pub struct MigrateArgs {
    /// KV mount (default `secret`).
    #[arg(long, value_name = "MOUNT")]
    pub mount: Option<String>,
    /// Application name (default: the nearest service directory, or the repository name).
    #[arg(long, value_name = "APP")]
    pub app: Option<String>,
    /// Environment (default: from the file name, `.env.production` → prod).
    #[arg(long, value_name = "ENV")]
    pub env: Option<String>,
    /// Secret path template (default `apps/{app}/{env}/{name}`).
    #[arg(long, value_name = "TEMPLATE")]
    pub path_template: Option<String>,
    /// Migrate this key whatever it looks like (repeatable).
    #[arg(long, value_name = "KEY")]
    pub include: Vec<String>,
    /// Never migrate this key (repeatable).
    #[arg(long, value_name = "KEY")]
    pub exclude: Vec<String>,
    /// Output format of the plan.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
    /// Do not search git history for the values that move (no `ROTATE` marks; faster).
    #[arg(long)]
    pub no_history: bool,
    /// Vault connection.
    #[command(flatten)]
    pub vault: VaultArgs,
}

/// `vaultsweep migrate …`.
#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Dry run: per key, the tier, destination and action (never a value).
    #[command(after_help = MIGRATE_PLAN_HELP)]
    Plan(PlanArgs),
    /// Migrate: journal, write to Vault (check-and-set), verify, rewrite the files.
    #[command(after_help = MIGRATE_APPLY_HELP)]
    Apply(Box<ApplyArgs>),
    /// Restore the original values in the files from the versions recorded in a journal.
    #[command(after_help = MIGRATE_ROLLBACK_HELP)]
    Rollback(RollbackArgs),
}

/// `migrate plan`.
#[derive(Debug, Args, Clone)]
pub struct PlanArgs {
    /// `.env` files (any name) and `*.json` files.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Where and how.
    #[command(flatten)]
    pub target: MigrateArgs,
    /// Also save the plan (destinations, keys, a hash of each file; never a value) for
    /// `migrate apply --plan`.
    #[arg(long, value_name = "PLAN.json")]
    pub out: Option<PathBuf>,
}

/// `migrate apply`.
#[derive(Debug, Args, Clone)]
pub struct ApplyArgs {
    /// `.env` files (any name) and `*.json` files (none with `--plan`).
    #[arg(value_name = "FILE", required_unless_present = "plan")]
    pub files: Vec<PathBuf>,
    /// Apply a plan saved by `migrate plan --out`: its files, destinations and options; refuses
    /// if any file changed since.
    #[arg(
        long,
        value_name = "PLAN.json",
        conflicts_with_all = ["files", "mount", "app", "env", "path_template", "include", "exclude"]
    )]
    pub plan: Option<PathBuf>,
    /// What and where.
    #[command(flatten)]
    pub target: MigrateArgs,
    /// Do not ask for confirmation.
    #[arg(short, long)]
    pub yes: bool,
    /// Replace keys already in Vault with different values.
    #[arg(long)]
    pub overwrite: bool,
    /// Rewrite read-only files too (their mode is kept).
    #[arg(long)]
    pub force: bool,
    /// Journal directory (default `.git/vaultsweep/`; never inside a work tree).
    #[arg(long, value_name = "DIR")]
    pub journal_dir: Option<PathBuf>,
    /// Also write a least-privilege Vault policy (HCL) for the migrated paths.
    #[arg(long, value_name = "FILE")]
    pub emit_policy: Option<PathBuf>,
    /// Also write a Vault Agent template that renders the migrated env file.
    #[arg(long, value_name = "FILE")]
    pub emit_agent_template: Option<PathBuf>,
}

/// `migrate rollback`.
#[derive(Debug, Args, Clone)]
pub struct RollbackArgs {
    /// Journal file. Default: the one unfinished journal in `.git/vaultsweep/` of the current
    /// repository; if there is none or several, the journals are listed and one must be named
    /// (or `--all` given).
    #[arg(value_name = "JOURNAL")]
    pub journal: Option<PathBuf>,
    /// Roll back every journal not rolled back yet, newest first.
    #[arg(long, conflicts_with = "journal")]
    pub all: bool,
    /// Say what would be restored (Vault is read; nothing is written).
    #[arg(long)]
    pub dry_run: bool,
    /// Rewrite read-only files too.
    #[arg(long)]
    pub force: bool,
    /// Directory holding the journals.
    #[arg(long, value_name = "DIR")]
    pub journal_dir: Option<PathBuf>,
    /// Vault connection.
    #[command(flatten)]
    pub vault: VaultArgs,
}

/// Format of `assess`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AssessFormat {
    /// One self-contained page for people (no network, printable).
    Html,
    /// Markdown, for a pull request or a wiki.
    Markdown,
    /// JSON, for scripts and `--since`.
    Json,
}

/// `vaultsweep assess`.
#[derive(Debug, Args, Clone)]
pub struct AssessArgs {
    /// What to assess.
    #[command(flatten)]
    pub walk: WalkArgs,
    /// Report format [default: from --output's extension (.html, .md, .json), else markdown].
    #[arg(short, long, value_enum)]
    pub format: Option<AssessFormat>,
    /// Write the report to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the dynamic engines' starting points into DIR: `database.sh` and `aws.sh`
    /// (commands to review; no password in them).
    #[arg(long, value_name = "DIR")]
    pub emit_engine_config: Option<PathBuf>,
    /// Show what changed since an earlier assessment (its `--format json` report).
    #[arg(long, value_name = "REPORT.json")]
    pub since: Option<PathBuf>,
    /// KV mount the destinations are given in (default: config `[migrate] mount`, else `secret`).
    #[arg(long, value_name = "MOUNT")]
    pub mount: Option<String>,
    /// Secret path template (default: config, else `apps/{app}/{env}/{name}`).
    #[arg(long, value_name = "TEMPLATE")]
    pub path_template: Option<String>,
    /// Do not search git history for the values (no "exposed" column; faster).
    #[arg(long)]
    pub no_history: bool,
    /// Directory of the migration journals (default: config `journal_dir`, else
    /// `.git/vaultsweep/`).
    #[arg(long, value_name = "DIR")]
    pub journal_dir: Option<PathBuf>,
}

/// `vaultsweep exec`.
#[derive(Debug, Args, Clone)]
pub struct ExecArgs {
    /// Env files to load (later files win; they override the inherited environment).
    #[arg(long = "env-file", value_name = "FILE")]
    pub env_files: Vec<PathBuf>,
    /// JSON files to load after the env files: every string, `vault:` references resolved, as
    /// a variable named by its key path upper-cased, other characters `_`
    /// (`database.password` → `DATABASE_PASSWORD`).
    #[arg(long = "json-file", value_name = "FILE")]
    pub json_files: Vec<PathBuf>,
    /// Vault connection.
    #[command(flatten)]
    pub vault: VaultArgs,
    /// The program and its arguments (after `--`).
    #[arg(
        value_name = "COMMAND",
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<std::ffi::OsString>,
}

/// `vaultsweep env`.
#[derive(Debug, Args, Clone)]
pub struct EnvArgs {
    /// Env files to print (later files win).
    #[arg(
        long = "env-file",
        value_name = "FILE",
        required_unless_present = "json_files"
    )]
    pub env_files: Vec<PathBuf>,
    /// JSON files to print after the env files, flattened as `exec --json-file` does.
    #[arg(long = "json-file", value_name = "FILE")]
    pub json_files: Vec<PathBuf>,
    /// Print the values resolved from Vault (otherwise they are masked).
    #[arg(long)]
    pub show_secrets: bool,
    /// Vault connection.
    #[command(flatten)]
    pub vault: VaultArgs,
}

/// Parses `1024`, `10K`, `10M`, `1G`, `10MiB`, `10MB` (binary multiples).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits);
    let n: u64 = num.parse().map_err(|_| format!("invalid size {s:?}"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("invalid size unit in {s:?} (use K, M or G)")),
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("size {s:?} too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10M").unwrap(), 10 << 20);
        assert_eq!(parse_size("512").unwrap(), 512);
        assert_eq!(parse_size("2KiB").unwrap(), 2048);
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5T").is_err());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
