//! Migration assessment for team leads (`vaultsweep assess`): every finding placed by
//! application, environment and tier, with the KV destination `migrate` would give it (the same
//! inference: [`crate::migrate::plan`]), whether `migrate` can move it or a person must change
//! code, whether git history exposes it (rotate), its recommended home in Vault and the phase
//! of the company guide it moves in ([`homes`]); starting points for the dynamic engines
//! ([`engines`]); how far the migration is ([`progress`]); what changed since an earlier
//! assessment ([`since`]). Rendered as JSON ([`Assessment`] serialised), Markdown
//! ([`markdown`]) and a self-contained HTML page ([`html`]), both over the tables and numbers of
//! [`view`].
//!
//! Imports `finding`, `migrate` (app, environment and destination inference, and the plan of
//! `.env`/JSON files), `detect` (the detector `migrate`'s plan runs), `vault` (references, the
//! offline store), `classify` (tiers of keys no rule flags, path context, assigned names),
//! `report` (which files `migrate` can move) and `rules` (file syntax). Prints nothing and reads no environment:
//! `cmd::assess` gathers the inputs. Never holds a value in anything it returns: findings are
//! carried by fingerprint and masked text.

pub mod engines;
pub mod homes;
pub mod html;
pub mod markdown;
pub mod progress;
pub mod since;
pub mod view;

use crate::classify::PathContext;
use crate::detect::Detector;
use crate::finding::{Category, Confidence, Context, Finding, Tier};
use crate::migrate::journal::{Journal, JournalState, Step};
use crate::migrate::parse::Document;
use crate::migrate::plan::{self, Exposure, FilePlan, HistoryCheck, PlanOptions};
use crate::vault::{KvData, KvSecret, KvVersion, MountInfo, SecretStore, VaultError};
use engines::{DbTarget, Engines};
use homes::Home;
use progress::{Count, Drift, GuardEntry, Migrated, Progress, RefSite, ServiceProgress, TierCount};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// `format` of an assessment's JSON.
pub const FORMAT_NAME: &str = "vaultsweep-assessment";
/// `version` of an assessment's JSON.
pub const FORMAT_VERSION: u32 = 1;

/// How a secret leaves its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Handling {
    /// A `.env`/JSON value `vaultsweep migrate` can move and replace with a `vault:` reference.
    Migrate,
    /// Anywhere else: a person must change the code to read it from Vault.
    Code,
}

/// Where an environment name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EnvFrom {
    /// `env` in `[migrate]` of the configuration.
    Config,
    /// The file name (`.env.production`), as `migrate` infers it.
    FileName,
    /// A directory on the path (`deploy/staging/…`).
    Path,
    /// The kind of place (test, development, production code) the path says it is.
    Context,
}

/// The KV secret a value would live at (KV v2 assumed: the assessment asks no server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KvDestination {
    /// Mount.
    pub mount: String,
    /// Secret path inside the mount (`apps/<app>/<env>/<name>`).
    pub path: String,
    /// Key inside the secret.
    pub key: String,
}

impl KvDestination {
    /// The `vault:` reference (KV v2).
    pub fn reference(&self) -> String {
        crate::vault::Reference::format(
            &MountInfo {
                path: self.mount.clone(),
                version: KvVersion::V2,
            },
            &self.path,
            &self.key,
        )
    }
}

/// One finding, placed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    /// The finding's fingerprint (location-free: rule, path, salted hash of the value).
    pub fingerprint: String,
    /// Rule id.
    pub rule: String,
    /// Rule name.
    pub rule_name: String,
    /// Category.
    pub category: Category,
    /// Tier.
    pub tier: Tier,
    /// Confidence.
    pub confidence: Confidence,
    /// Test, docs, example, development or production.
    pub context: Context,
    /// The file, as walked (relative to the directory the assessment ran in, when it was given
    /// relative paths).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The variable or key it is assigned to.
    pub key: Option<String>,
    /// The value, masked (`sk_l…(32 chars)`).
    pub masked: String,
    /// Application (as `migrate` infers it).
    pub service: String,
    /// Environment.
    pub env: String,
    /// Where the environment came from.
    pub env_from: EnvFrom,
    /// Where it would live in KV, if it went there (`None`: no valid path can be built).
    pub kv: Option<KvDestination>,
    /// `migrate` moves it, or a person changes code.
    pub handling: Handling,
    /// Why, when it is not obvious (why `migrate` leaves it).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub handling_note: Option<String>,
    /// The oldest commit whose content holds the value: rotate it.
    pub exposed: Option<Exposure>,
    /// Recommended home.
    pub home: Home,
    /// Why.
    pub home_reason: String,
    /// Phase of the guide: 2, 3 or 4.
    pub phase: u8,
    /// Position of its file's task in the phase (1 first).
    pub order: usize,
}

/// Counts by tier.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierCounts {
    /// CRITICAL.
    pub critical: usize,
    /// HIGH.
    pub high: usize,
    /// MEDIUM.
    pub medium: usize,
    /// LOW.
    pub low: usize,
}

impl TierCounts {
    /// Adds one of `tier`.
    pub fn add(&mut self, tier: Tier) {
        *self.get_mut(tier) += 1;
    }

    fn get_mut(&mut self, tier: Tier) -> &mut usize {
        match tier {
            Tier::Critical => &mut self.critical,
            Tier::High => &mut self.high,
            Tier::Medium => &mut self.medium,
            Tier::Low => &mut self.low,
        }
    }

    /// The count of `tier`.
    pub fn get(&self, tier: Tier) -> usize {
        match tier {
            Tier::Critical => self.critical,
            Tier::High => self.high,
            Tier::Medium => self.medium,
            Tier::Low => self.low,
        }
    }

    /// All tiers.
    pub fn total(&self) -> usize {
        self.critical + self.high + self.medium + self.low
    }
}

/// Tiers, highest first (the order reports show them in).
pub const TIERS_DOWN: [Tier; 4] = [Tier::Critical, Tier::High, Tier::Medium, Tier::Low];

/// One application's inventory.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServiceSummary {
    /// Application.
    pub service: String,
    /// Findings.
    pub total: usize,
    /// By tier.
    pub tiers: TierCounts,
    /// In phase 2, 3, 4.
    pub phase2: usize,
    /// Phase 3.
    pub phase3: usize,
    /// Phase 4.
    pub phase4: usize,
    /// Exposed in git history.
    pub exposed: usize,
    /// Environments.
    pub envs: Vec<String>,
}

/// Totals.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Summary {
    /// Findings.
    pub total: usize,
    /// Files holding them.
    pub files: usize,
    /// By tier.
    pub tiers: TierCounts,
    /// By phase.
    pub phases: Vec<PhaseCount>,
    /// By home.
    pub homes: Vec<HomeCount>,
    /// `migrate` can move them.
    pub movable: usize,
    /// A person must change code.
    pub code: usize,
    /// Exposed in git history: rotate them.
    pub exposed: usize,
    /// By application.
    pub services: Vec<ServiceSummary>,
}

/// A phase's count.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhaseCount {
    /// 2, 3 or 4.
    pub phase: u8,
    /// Findings.
    pub count: usize,
}

/// A home's count.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HomeCount {
    /// Home.
    pub home: Home,
    /// Findings.
    pub count: usize,
}

/// The work on one file in one phase.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Task {
    /// Position in the phase (1 first).
    pub order: usize,
    /// `non-production` (first) or `production`.
    pub stage: String,
    /// The file.
    pub path: String,
    /// Application.
    pub service: String,
    /// Environment.
    pub env: String,
    /// Findings.
    pub count: usize,
    /// Highest tier among them.
    pub tier: Tier,
    /// Their homes.
    pub homes: Vec<Home>,
    /// Keys (or, without a name, masked values).
    pub keys: Vec<String>,
    /// Exposed in git history among them.
    pub exposed: usize,
    /// The `migrate` command (phase 2, files `migrate` can move).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub command: Option<String>,
    /// What to do, for people.
    pub todo: String,
}

/// One phase of the plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhasePlan {
    /// 2, 3 or 4.
    pub phase: u8,
    /// Title.
    pub title: String,
    /// Findings.
    pub count: usize,
    /// By tier.
    pub tiers: TierCounts,
    /// Files, in order.
    pub tasks: Vec<Task>,
    /// Phase 2: the `migrate` commands, in order.
    pub commands: Vec<String>,
}

/// A path that was not scanned, and why.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NotScanned {
    /// Path.
    pub path: String,
    /// Why.
    pub why: String,
}

/// A whole assessment (the JSON report).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Assessment {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// vaultsweep's version.
    pub tool_version: String,
    /// When (RFC 3339, UTC).
    pub generated: String,
    /// The paths assessed.
    pub roots: Vec<String>,
    /// KV mount destinations use.
    pub kv_mount: String,
    /// Path template destinations use.
    pub path_template: String,
    /// Whether git history was searched for the values (`checked`, `skipped`, …).
    pub history: HistoryCheck,
    /// Totals.
    pub summary: Summary,
    /// Every finding, placed, by application, path and line.
    pub items: Vec<Item>,
    /// Phases 2, 3, 4.
    pub phases: Vec<PhasePlan>,
    /// Starting points for the dynamic engines.
    pub engines: Engines,
    /// How far the migration is.
    pub progress: Progress,
    /// Paths not scanned.
    pub not_scanned: Vec<NotScanned>,
    /// Changes since an earlier assessment (`--since`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub since: Option<since::Changes>,
}

/// A KV store that answers planning questions without a server: every mount is KV v2, every
/// secret absent. Lets the assessment run `migrate`'s own plan offline.
#[derive(Debug, Clone, Copy, Default)]
pub struct Offline;

impl SecretStore for Offline {
    fn mount_info(&self, path: &str) -> Result<MountInfo, VaultError> {
        Ok(MountInfo {
            path: path.to_string(),
            version: KvVersion::V2,
        })
    }
    fn read(&self, _: &MountInfo, _: &str) -> Result<Option<KvSecret>, VaultError> {
        Ok(None)
    }
    fn read_version(&self, _: &str, path: &str, _: u64) -> Result<KvSecret, VaultError> {
        Err(VaultError::NotFound { path: path.into() })
    }
    fn write(
        &self,
        _: &MountInfo,
        path: &str,
        _: &KvData,
        _: Option<u64>,
    ) -> Result<Option<u64>, VaultError> {
        Err(VaultError::Other(format!(
            "{path}: the assessment never writes to Vault"
        )))
    }
}

/// What `cmd::assess` gathered.
pub struct Input<'a> {
    /// The scan's findings, sorted.
    pub findings: &'a [Finding],
    /// Per finding (same order; empty when history was not searched): the oldest commit
    /// holding its value.
    pub exposures: &'a [Option<Exposure>],
    /// Whether history was searched.
    pub history: HistoryCheck,
    /// Mount, path template, `[migrate]` app/env, the repository's work tree.
    pub opts: &'a PlanOptions,
    /// The detector `migrate`'s plan runs.
    pub detector: &'a Detector,
    /// `vault:` references in the assessed files.
    pub references: &'a [RefSite],
    /// Migration journals of the repository.
    pub journals: &'a [Journal],
    /// The guard file (path as shown, entries), when present.
    pub guard: Option<(String, Vec<GuardEntry>)>,
    /// An earlier assessment (`--since`) and its path.
    pub earlier: Option<(&'a since::Earlier, String)>,
    /// The paths assessed, as given.
    pub roots: &'a [PathBuf],
    /// Now (RFC 3339).
    pub generated: String,
    /// Paths not scanned, and why.
    pub not_scanned: Vec<(String, String)>,
}

/// A file holding findings, read once.
struct FileInfo {
    bytes: Option<Vec<u8>>,
    plan: Option<Result<FilePlan, String>>,
    env: String,
    env_from: EnvFrom,
}

/// Builds the assessment.
pub fn assess(input: &Input<'_>) -> Assessment {
    let opts = input.opts;
    // Files: read once, planned by `migrate`'s own plan when it can move them.
    let mut files: BTreeMap<String, FileInfo> = BTreeMap::new();
    let with_db: BTreeSet<&str> = input
        .findings
        .iter()
        .filter(|f| f.category == Category::DatabaseCredential)
        .map(|f| f.location.origin.display_path())
        .collect();
    for f in input.findings {
        let path = f.location.origin.display_path().to_string();
        if files.contains_key(&path) {
            continue;
        }
        let (env, env_from) = env_of(Path::new(&path), f.location.origin.rel_path(), opts);
        let needs_bytes = crate::report::migratable(&path) || with_db.contains(path.as_str());
        let bytes = needs_bytes.then(|| std::fs::read(&path).ok()).flatten();
        let plan = match (&bytes, crate::report::migratable(&path)) {
            (Some(b), true) => {
                let mut o = opts.clone();
                o.env = Some(env.clone());
                let mount = MountInfo {
                    path: opts.mount.clone(),
                    version: KvVersion::V2,
                };
                Some(
                    plan::plan_file(Path::new(&path), b, &o, &mount, input.detector, &Offline)
                        .map_err(|e| e.to_string()),
                )
            }
            _ => None,
        };
        files.insert(
            path,
            FileInfo {
                bytes,
                plan,
                env,
                env_from,
            },
        );
    }

    // Items.
    let mut items: Vec<Item> = Vec::with_capacity(input.findings.len());
    for (n, f) in input.findings.iter().enumerate() {
        let path = f.location.origin.display_path().to_string();
        let info = &files[&path];
        let service = service_of(Path::new(&path), opts);
        let (home, reason) = homes::home_of(f);
        let mut handling = Handling::Code;
        let mut note = None;
        let mut kv = None;
        match &info.plan {
            Some(Ok(fp)) => {
                let item = fp.items.iter().find(|it| {
                    let sp = &fp.doc.entries[it.entry].span;
                    sp.start <= f.location.span.start && f.location.span.end <= sp.end
                });
                match item {
                    Some(it) if it.action.migrates() => {
                        handling = Handling::Migrate;
                        kv = Some(KvDestination {
                            mount: opts.mount.clone(),
                            path: fp.path.clone(),
                            key: it.key.clone(),
                        });
                    }
                    Some(it) => note = Some(format!("migrate leaves it: {}", it.reason)),
                    None => note = Some("not a value migrate reads in this file".into()),
                }
            }
            Some(Err(e)) => note = Some(format!("migrate cannot read the file: {e}")),
            None => {}
        }
        if kv.is_none() {
            kv = code_destination(f, &path, &info.env, opts);
        }
        items.push(Item {
            fingerprint: f.fingerprint.0.clone(),
            rule: f.rule_id.clone(),
            rule_name: f.rule_name.clone(),
            category: f.category,
            tier: f.tier,
            confidence: f.confidence,
            context: f.context,
            path,
            line: f.location.line,
            column: f.location.column,
            key: f.key.clone(),
            masked: f.secret.masked(),
            service,
            env: info.env.clone(),
            env_from: info.env_from,
            kv,
            handling,
            handling_note: note,
            exposed: input.exposures.get(n).cloned().flatten(),
            home,
            home_reason: reason.to_string(),
            phase: home.phase(),
            order: 0,
        });
    }

    // Engines: the database of each database credential, the AWS keys.
    let mut targets: Vec<(usize, Option<DbTarget>)> = Vec::new();
    let mut aws = Vec::new();
    for (n, (f, it)) in input.findings.iter().zip(&items).enumerate() {
        match it.home {
            Home::Database => {
                let info = &files[&it.path];
                let doc: Option<&Document> = match &info.plan {
                    Some(Ok(fp)) => Some(&fp.doc),
                    _ => None,
                };
                let t = info
                    .bytes
                    .as_deref()
                    .and_then(|b| engines::database_of(f, b, doc));
                targets.push((n, t));
            }
            Home::Aws => aws.push(n),
            _ => {}
        }
    }
    let engines = engines::build(&items, &targets, &aws);

    // Phases and their tasks.
    let phases = plan_phases(&mut items, &engines, opts);

    // Progress.
    let progress = progress_of(input, &items);

    // Summary.
    let summary = summarise(&items);

    let mut items_sorted = items;
    items_sorted.sort_by(|a, b| {
        (&a.service, &a.path, a.line, a.column, &a.rule)
            .cmp(&(&b.service, &b.path, b.line, b.column, &b.rule))
    });
    let mut out = Assessment {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        tool_version: env!("CARGO_PKG_VERSION").into(),
        generated: input.generated.clone(),
        roots: input
            .roots
            .iter()
            .map(|r| crate::finding::os_path_text(r))
            .collect(),
        kv_mount: opts.mount.clone(),
        path_template: opts.path_template.clone(),
        history: input.history,
        summary,
        items: items_sorted,
        phases,
        engines,
        progress,
        not_scanned: input
            .not_scanned
            .iter()
            .map(|(p, w)| NotScanned {
                path: p.clone(),
                why: w.clone(),
            })
            .collect(),
        since: None,
    };
    if let Some((earlier, file)) = &input.earlier {
        out.since = Some(since::compare(earlier, file, &out));
    }
    out
}

/// The application of a file: `[migrate] app`, else `migrate`'s inference, else `unknown`.
pub fn service_of(path: &Path, opts: &PlanOptions) -> String {
    opts.app
        .clone()
        .or_else(|| plan::infer_app(path, opts.repo.as_deref()))
        .unwrap_or_else(|| "unknown".into())
}

/// The environment of a file: `[migrate] env`; else the file name, as `migrate` infers it;
/// else a directory on its path (`deploy/staging/…`); else the kind of place it is
/// (development, test or example files; `prod` for code that ships).
pub fn env_of(path: &Path, rel: &str, opts: &PlanOptions) -> (String, EnvFrom) {
    if let Some(e) = &opts.env {
        return (e.clone(), EnvFrom::Config);
    }
    if let Some(e) = plan::infer_env(path) {
        return (e, EnvFrom::FileName);
    }
    let dirs: Vec<&str> = rel.split('/').collect();
    for d in dirs.iter().rev().skip(1) {
        // The same words `migrate` reads in a file name, read in each directory name.
        if *d != ".env"
            && let Some(e) = plan::infer_env(Path::new(d))
        {
            return (e, EnvFrom::Path);
        }
    }
    let env = match PathContext::of(rel).context {
        Context::Development => "dev",
        Context::Test => "test",
        Context::Example | Context::Docs => "example",
        Context::Production => "prod",
    };
    (env.into(), EnvFrom::Context)
}

/// The KV destination of a secret `migrate` cannot move: the same template, with `{name}` the
/// file's name (`settings.py`: never the secret of a `settings.json` beside it) and the key its
/// variable name (else `private_key` for a key file, else the rule's last word).
fn code_destination(
    f: &Finding,
    path: &str,
    env: &str,
    opts: &PlanOptions,
) -> Option<KvDestination> {
    let p = Path::new(path);
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                    c
                } else {
                    '_'
                }
            })
            .collect::<String>()
            .trim_matches('.')
            .to_string()
    };
    let file = clean(&p.file_name()?.to_string_lossy());
    let name = if file.is_empty() {
        "secrets".to_string()
    } else {
        file
    };
    let mut o = opts.clone();
    o.env = Some(env.to_string());
    let path = plan::destination_named(p, &name, &o).ok()?;
    let key = f.key.clone().unwrap_or_else(|| {
        if f.category == Category::TlsPrivateKey {
            "private_key".into()
        } else {
            clean(f.rule_id.rsplit('.').next().unwrap_or("secret"))
        }
    });
    Some(KvDestination {
        mount: opts.mount.clone(),
        path,
        key,
    })
}

/// Orders each phase's files (non-production first, then lowest tier first, then path), and
/// writes the tasks and, for phase 2, the `migrate` commands.
fn plan_phases(items: &mut [Item], engines: &Engines, opts: &PlanOptions) -> Vec<PhasePlan> {
    let mut out = Vec::new();
    for (phase, title) in homes::PHASES {
        // Files of this phase.
        let mut by_file: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (n, it) in items.iter().enumerate().filter(|(_, it)| it.phase == phase) {
            by_file.entry(it.path.clone()).or_default().push(n);
        }
        // Keys `migrate` would move that wait for a later phase, by file.
        let mut waiting: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for it in items.iter() {
            if it.home != Home::Kv
                && it.handling == Handling::Migrate
                && let Some(k) = &it.kv
            {
                waiting
                    .entry(it.path.clone())
                    .or_default()
                    .insert(k.key.clone());
            }
        }
        let mut tasks: Vec<(Task, Vec<usize>)> = Vec::new();
        for (path, idx) in by_file {
            let first = &items[idx[0]];
            let tier = idx
                .iter()
                .map(|&i| items[i].tier)
                .max()
                .unwrap_or(Tier::Low);
            let stage = if first.env == "prod" {
                "production"
            } else {
                "non-production"
            };
            let mut homes: Vec<Home> = idx.iter().map(|&i| items[i].home).collect();
            homes.sort();
            homes.dedup();
            let keys: Vec<String> = idx
                .iter()
                .map(|&i| {
                    items[i]
                        .key
                        .clone()
                        .unwrap_or_else(|| items[i].masked.clone())
                })
                .collect();
            let exposed = idx.iter().filter(|&&i| items[i].exposed.is_some()).count();
            let movable = idx
                .iter()
                .filter(|&&i| items[i].handling == Handling::Migrate)
                .count();
            let command = (phase == 2 && movable > 0).then(|| {
                // Keys whose home is not KV wait for their phase: excluded here.
                let none = BTreeSet::new();
                let excluded = waiting.get(path.as_str()).unwrap_or(&none);
                migrate_command(&path, first, opts, excluded)
            });
            let todo = todo(phase, &idx, items, engines, movable);
            tasks.push((
                Task {
                    order: 0,
                    stage: stage.into(),
                    path,
                    service: first.service.clone(),
                    env: first.env.clone(),
                    count: idx.len(),
                    tier,
                    homes,
                    keys,
                    exposed,
                    command,
                    todo,
                },
                idx,
            ));
        }
        tasks.sort_by(|(a, _), (b, _)| {
            (a.stage != "non-production", a.tier, &a.service, &a.path).cmp(&(
                b.stage != "non-production",
                b.tier,
                &b.service,
                &b.path,
            ))
        });
        let mut tiers = TierCounts::default();
        let mut count = 0;
        for (n, (task, idx)) in tasks.iter_mut().enumerate() {
            task.order = n + 1;
            for &i in idx.iter() {
                items[i].order = n + 1;
                tiers.add(items[i].tier);
                count += 1;
            }
        }
        let commands = tasks
            .iter()
            .filter_map(|(t, _)| t.command.clone())
            .collect();
        out.push(PhasePlan {
            phase,
            title: title.into(),
            count,
            tiers,
            tasks: tasks.into_iter().map(|(t, _)| t).collect(),
            commands,
        });
    }
    out
}

/// `vaultsweep migrate apply FILE --mount M [--env E] [--exclude K]…`: `--env` when `migrate`
/// would not infer the same environment from the file name itself.
fn migrate_command(
    path: &str,
    first: &Item,
    opts: &PlanOptions,
    exclude: &BTreeSet<String>,
) -> String {
    let q = crate::report::shell_quote;
    let mut c = format!(
        "vaultsweep migrate apply {} --mount {}",
        q(path),
        q(&opts.mount)
    );
    if matches!(first.env_from, EnvFrom::Path | EnvFrom::Context) {
        c.push_str(&format!(" --env {}", q(&first.env)));
    }
    for k in exclude {
        c.push_str(&format!(" --exclude {}", q(k)));
    }
    c
}

fn todo(phase: u8, idx: &[usize], items: &[Item], engines: &Engines, movable: usize) -> String {
    let first = &items[idx[0]];
    let keys = |filter: &dyn Fn(&Item) -> bool| -> String {
        let v: Vec<String> = idx
            .iter()
            .map(|&i| &items[i])
            .filter(|i| filter(i))
            .map(|i| i.key.clone().unwrap_or_else(|| i.masked.clone()))
            .collect();
        v.join(", ")
    };
    // The first KV destination among the file's secrets handled so.
    let dest_of = |handling: Handling| {
        idx.iter()
            .map(|&i| &items[i])
            .filter(|i| i.handling == handling)
            .find_map(|i| i.kv.as_ref())
    };
    let mut parts = Vec::new();
    match phase {
        2 => {
            if movable > 0 {
                let dest = dest_of(Handling::Migrate)
                    .map(|k| format!("{}/{}", k.mount, k.path))
                    .unwrap_or_default();
                parts.push(format!(
                    "run the command: it moves {} into {dest}, and the file then holds vault: references (start the app with vaultsweep exec, or render the file with Vault Agent)",
                    keys(&|i| i.handling == Handling::Migrate)
                ));
            }
            let code = keys(&|i| i.handling == Handling::Code);
            if !code.is_empty() {
                let dest = dest_of(Handling::Code)
                    .map(|k| format!(" at {}/{}", k.mount, k.path))
                    .unwrap_or_default();
                parts.push(format!(
                    "by hand: put {code} into KV{dest}, read it at run time, and delete the literal"
                ));
            }
        }
        3 => {
            let db: BTreeSet<String> = engines
                .databases
                .iter()
                .flat_map(|d| d.roles.iter())
                .filter(|r| r.service == first.service && r.env == first.env)
                .map(|r| format!("database/creds/{}", r.name))
                .collect();
            let aws: BTreeSet<String> = engines
                .aws
                .iter()
                .filter(|r| r.service == first.service && r.env == first.env)
                .map(|r| format!("aws/sts/{}", r.name))
                .collect();
            let db_keys = keys(&|i| i.home == Home::Database);
            if !db_keys.is_empty() {
                parts.push(if db.is_empty() {
                    format!("{db_keys}: set up a database-engine role for this database (not identified: see the database script's list) and read credentials from it")
                } else {
                    format!(
                        "{db_keys}: read short-lived credentials from {} (database.sh), then drop the static password",
                        db.into_iter().collect::<Vec<_>>().join(", ")
                    )
                });
            }
            let aws_keys = keys(&|i| i.home == Home::Aws);
            if !aws_keys.is_empty() {
                parts.push(format!(
                    "{aws_keys}: get STS credentials from {} (aws.sh), then deactivate the access key",
                    aws.into_iter().collect::<Vec<_>>().join(", ")
                ));
            }
        }
        _ => {
            let pki = keys(&|i| i.home == Home::Pki);
            if !pki.is_empty() {
                parts.push(format!(
                    "{pki}: issue {}'s certificates from PKI (a role per service, short TTLs), then delete the key and revoke its certificate",
                    first.service
                ));
            }
            let transit = keys(&|i| i.home == Home::Transit);
            if !transit.is_empty() {
                parts.push(format!(
                    "{transit}: create a Transit key ({}-…) and encrypt or sign through it; re-encrypt stored data (or re-issue tokens), then delete the key",
                    engines::slug(&first.service)
                ));
            }
        }
    }
    let exposed = keys(&|i| i.exposed.is_some());
    if !exposed.is_empty() {
        parts.push(format!("rotate {exposed}: exposed in git history"));
    }
    parts.join("; ")
}

fn summarise(items: &[Item]) -> Summary {
    let mut s = Summary {
        total: items.len(),
        ..Summary::default()
    };
    let mut services: BTreeMap<String, ServiceSummary> = BTreeMap::new();
    let mut files = BTreeSet::new();
    for it in items {
        files.insert(it.path.clone());
        s.tiers.add(it.tier);
        match it.handling {
            Handling::Migrate => s.movable += 1,
            Handling::Code => s.code += 1,
        }
        s.exposed += usize::from(it.exposed.is_some());
        let e = services
            .entry(it.service.clone())
            .or_insert_with(|| ServiceSummary {
                service: it.service.clone(),
                total: 0,
                tiers: TierCounts::default(),
                phase2: 0,
                phase3: 0,
                phase4: 0,
                exposed: 0,
                envs: Vec::new(),
            });
        e.total += 1;
        e.tiers.add(it.tier);
        match it.phase {
            2 => e.phase2 += 1,
            3 => e.phase3 += 1,
            _ => e.phase4 += 1,
        }
        e.exposed += usize::from(it.exposed.is_some());
        if !e.envs.contains(&it.env) {
            e.envs.push(it.env.clone());
            e.envs.sort();
        }
    }
    s.files = files.len();
    s.phases = homes::PHASES
        .iter()
        .map(|(p, _)| PhaseCount {
            phase: *p,
            count: items.iter().filter(|i| i.phase == *p).count(),
        })
        .collect();
    s.homes = Home::ALL
        .iter()
        .map(|h| HomeCount {
            home: *h,
            count: items.iter().filter(|i| i.home == *h).count(),
        })
        .collect();
    let mut services: Vec<ServiceSummary> = services.into_values().collect();
    // Most critical work first.
    services.sort_by(|a, b| {
        (b.tiers.critical, b.tiers.high, b.total, &a.service).cmp(&(
            a.tiers.critical,
            a.tiers.high,
            a.total,
            &b.service,
        ))
    });
    s.services = services;
    s
}

// ---------------------------------------------------------------------------------------------
// Progress

fn progress_of(input: &Input<'_>, items: &[Item]) -> Progress {
    let opts = input.opts;
    let abs = |p: &str| std::path::absolute(p).unwrap_or_else(|_| PathBuf::from(p));
    let roots: Vec<PathBuf> = input
        .roots
        .iter()
        .map(|r| std::path::absolute(r).unwrap_or_else(|_| r.clone()))
        .collect();
    let under_roots = |p: &Path| roots.iter().any(|r| p.starts_with(r));
    let earlier_tier = |path: &str, key: &str| -> Option<Tier> {
        let (e, _) = input.earlier.as_ref()?;
        e.items
            .iter()
            .find(|i| {
                i.path == path
                    && (i.key.as_deref() == Some(key)
                        || i.kv.as_ref().is_some_and(|k| k.key == key))
            })
            .map(|i| i.tier)
    };
    let mut migrated: Vec<Migrated> = Vec::new();
    let mut seen: HashMap<(PathBuf, String), usize> = HashMap::new();
    for site in input.references {
        // References in tests, docs and examples are not migrated secrets.
        let ctx = PathContext::of(&site.rel).context;
        if !matches!(ctx, Context::Production | Context::Development) {
            continue;
        }
        let id = (abs(&site.path), site.text.clone());
        if seen.contains_key(&id) {
            continue;
        }
        let key = site
            .name
            .clone()
            .unwrap_or_else(|| site.reference.key.clone());
        let (env, _) = env_of(Path::new(&site.path), &site.rel, opts);
        let (tier, tier_from) = match earlier_tier(&site.path, &key) {
            Some(t) => (t, "earlier assessment"),
            None => (estimated_tier(&key, &site.rel), "estimated"),
        };
        seen.insert(id, migrated.len());
        migrated.push(Migrated {
            path: site.path.clone(),
            line: site.line,
            key,
            reference: site.text.clone(),
            service: service_of(Path::new(&site.path), opts),
            env,
            tier,
            tier_from: tier_from.into(),
            evidence: vec!["file".into()],
            migrated_at: None,
        });
    }
    // Journals: when each value moved and its tier then; what the files contradict.
    let mut drift = Vec::new();
    for j in input.journals {
        if j.state() == JournalState::RolledBack {
            continue;
        }
        let name = j
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for jf in j
            .files
            .iter()
            .filter(|f| matches!(f.state, Step::Rewritten | Step::Done))
        {
            let file = std::path::absolute(&jf.file).unwrap_or_else(|_| jf.file.clone());
            if !under_roots(&file) {
                continue;
            }
            for k in &jf.keys {
                match seen.get(&(file.clone(), k.reference.clone())) {
                    Some(&at) => {
                        let m = &mut migrated[at];
                        if !m.evidence.iter().any(|e| e == "journal") {
                            m.evidence.push("journal".into());
                        }
                        if let Some(t) = k.tier {
                            m.tier = t;
                            m.tier_from = "journal".into();
                        }
                        m.migrated_at = Some(j.created.clone());
                    }
                    None => drift.push(Drift {
                        path: crate::finding::os_path_text(&jf.file),
                        key: k.key.clone(),
                        note: if file.exists() {
                            format!(
                                "journal {name} moved it to Vault, but the file no longer refers to it (edited or restored by hand?)"
                            )
                        } else {
                            format!("journal {name} moved it to Vault, but the file is gone")
                        },
                    }),
                }
            }
        }
    }
    // The guard file: every value `migrate` moved, by destination.
    let mut guard_file = None;
    if let Some((gpath, entries)) = &input.guard {
        guard_file = Some(gpath.clone());
        for e in entries {
            let Some((api, key)) = progress::guard_target(e) else {
                continue;
            };
            let hit = migrated.iter_mut().find(|m| {
                crate::vault::Reference::parse(&m.reference)
                    .is_some_and(|r| r.api_path == api && r.key == key)
            });
            match hit {
                Some(m) => {
                    if !m.evidence.iter().any(|x| x == "guard") {
                        m.evidence.push("guard".into());
                    }
                    if let (Some(t), "estimated") = (e.tier, m.tier_from.as_str()) {
                        m.tier = t;
                        m.tier_from = "guard".into();
                    }
                }
                None => {
                    let file = e.file.clone().unwrap_or_default();
                    let fpath = opts
                        .repo
                        .as_ref()
                        .map(|r| r.join(&file))
                        .unwrap_or_else(|| PathBuf::from(&file));
                    let name = e.key.clone().unwrap_or_else(|| key.clone());
                    let (env, _) = env_of(&fpath, &file, opts);
                    let (tier, from) = match e.tier {
                        Some(t) => (t, "guard"),
                        None => (estimated_tier(&name, &file), "estimated"),
                    };
                    migrated.push(Migrated {
                        path: file.clone(),
                        line: 0,
                        key: name,
                        reference: format!("vault:{api}#{key}"),
                        service: if file.is_empty() {
                            "unknown".into()
                        } else {
                            service_of(&fpath, opts)
                        },
                        env,
                        tier,
                        tier_from: from.into(),
                        evidence: vec!["guard".into()],
                        migrated_at: None,
                    });
                }
            }
        }
    }
    migrated.sort_by(|a, b| {
        (&a.service, &a.path, a.line, &a.key).cmp(&(&b.service, &b.path, b.line, &b.key))
    });
    // Counts by application and tier.
    let mut per: BTreeMap<String, BTreeMap<Tier, Count>> = BTreeMap::new();
    for m in &migrated {
        per.entry(m.service.clone())
            .or_default()
            .entry(m.tier)
            .or_default()
            .migrated += 1;
    }
    for it in items {
        per.entry(it.service.clone())
            .or_default()
            .entry(it.tier)
            .or_default()
            .remaining += 1;
    }
    let tiers_of = |m: &BTreeMap<Tier, Count>| -> Vec<TierCount> {
        TIERS_DOWN
            .iter()
            .map(|t| TierCount {
                tier: *t,
                count: m.get(t).copied().unwrap_or_default(),
            })
            .collect()
    };
    let sum = |m: &BTreeMap<Tier, Count>| Count {
        migrated: m.values().map(|c| c.migrated).sum(),
        remaining: m.values().map(|c| c.remaining).sum(),
    };
    let mut all: BTreeMap<Tier, Count> = BTreeMap::new();
    for m in per.values() {
        for (t, c) in m {
            let e = all.entry(*t).or_default();
            e.migrated += c.migrated;
            e.remaining += c.remaining;
        }
    }
    let services = per
        .iter()
        .map(|(s, m)| ServiceProgress {
            service: s.clone(),
            total: sum(m),
            tiers: tiers_of(m),
        })
        .collect();
    Progress {
        total: sum(&all),
        tiers: tiers_of(&all),
        services,
        migrated,
        drift,
        journals_read: input.journals.len(),
        guard_file,
    }
}

/// The tier of a key no rule judged, from its name and path: what `migrate plan` gives keys it
/// moves for their names alone.
fn estimated_tier(key: &str, rel: &str) -> Tier {
    crate::classify::tier_for(
        Category::GenericSecret,
        Tier::Medium,
        false,
        Some(key),
        "",
        PathContext::of(rel),
    )
    .1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> PlanOptions {
        PlanOptions::new("secret")
    }

    #[test]
    fn environments_from_config_file_name_path_and_context() {
        let o = opts();
        let env = |p: &str| env_of(Path::new(p), p, &o);
        assert_eq!(
            env("svc/.env.production"),
            ("prod".into(), EnvFrom::FileName)
        );
        assert_eq!(
            env("deploy/staging/values.yaml"),
            ("staging".into(), EnvFrom::Path)
        );
        assert_eq!(
            env("svc/config/settings.py"),
            ("prod".into(), EnvFrom::Context)
        );
        assert_eq!(
            env("svc/tests/conftest.py"),
            ("test".into(), EnvFrom::Context)
        );
        let mut o = opts();
        o.env = Some("qa".into());
        assert_eq!(
            env_of(Path::new("x/.env.production"), "x/.env.production", &o),
            ("qa".into(), EnvFrom::Config)
        );
    }

    #[test]
    fn offline_store_plans_but_never_writes() {
        let m = Offline.mount_info("kv").unwrap();
        assert_eq!(m.version, KvVersion::V2);
        assert!(Offline.read(&m, "a").unwrap().is_none());
        assert!(Offline.write(&m, "a", &KvData::default(), None).is_err());
    }

    #[test]
    fn tier_counts_add_up() {
        let mut t = TierCounts::default();
        t.add(Tier::Critical);
        t.add(Tier::Low);
        t.add(Tier::Low);
        assert_eq!((t.get(Tier::Low), t.total()), (2, 3));
    }
}
