//! What moves where: runs the detector over a file, adds keys with sensitive names, skips
//! placeholders and references, computes each file's destination (`{mount}` + path template)
//! and compares with what Vault already holds (create / unchanged / conflict).
//!
//! A plan never carries a value into its serialised form.

use super::Error;
use super::parse::{self, Document, Entry, FileFormat};
use crate::classify::{self, LineIndex, PathContext, name_tokens};
use crate::detect::{Detector, filter, names};
use crate::finding::{Category, Origin, Secret, Tier};
use crate::vault::{KvData, MountInfo, Reference, SecretStore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Default `--path-template`.
pub const DEFAULT_PATH_TEMPLATE: &str = "apps/{app}/{env}/{name}";

/// Options of a plan (saved with it by `migrate plan --out`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanOptions {
    /// KV mount (`secret`, `smart-dairy/kv`).
    pub mount: String,
    /// Application name; inferred from the directory when `None`.
    pub app: Option<String>,
    /// Environment; inferred from the file name when `None`.
    pub env: Option<String>,
    /// Path template with `{app}`, `{env}`, `{name}`.
    pub path_template: String,
    /// Keys to migrate whatever they look like.
    pub include: Vec<String>,
    /// Keys never to migrate.
    pub exclude: Vec<String>,
    /// The work tree of the files, resolved by the caller (not saved with a plan: it is the
    /// checkout's). Paths inside it give the context (production, test…) and the application
    /// of a file at its root.
    #[serde(skip)]
    pub repo: Option<PathBuf>,
}

impl PlanOptions {
    /// Plans into `mount` with nothing told: application and environment inferred, the
    /// default path template, no keys included or excluded, no repository.
    pub fn new(mount: &str) -> PlanOptions {
        PlanOptions {
            mount: mount.into(),
            app: None,
            env: None,
            path_template: DEFAULT_PATH_TEMPLATE.into(),
            include: vec![],
            exclude: vec![],
            repo: None,
        }
    }
}

/// What happens to one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Not in Vault yet: will be written.
    Create,
    /// Already in Vault with the same value: only the file is rewritten.
    Unchanged,
    /// In Vault with a different value: stops the run unless `--overwrite`.
    Conflict,
    /// A placeholder, empty value or reference: stays.
    SkipPlaceholder,
    /// Not a secret: stays.
    SkipNotSecret,
    /// The file already refers to the destination.
    Done,
}

impl Action {
    /// Kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Unchanged => "unchanged",
            Action::Conflict => "conflict",
            Action::SkipPlaceholder => "skip-placeholder",
            Action::SkipNotSecret => "skip-not-secret",
            Action::Done => "done",
        }
    }

    /// The key's value moves (or moved) to Vault.
    pub fn migrates(self) -> bool {
        matches!(self, Action::Create | Action::Unchanged | Action::Conflict)
    }
}

/// One key of a file.
#[derive(Debug, Clone, Serialize)]
pub struct PlanItem {
    /// Variable name or dotted JSON path; also the key inside the Vault secret.
    pub key: String,
    /// 1-based line of the value.
    pub line: usize,
    /// Tier, for keys that move.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// Category, for keys that move.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Scanner rule that flagged the value, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// What happens.
    pub action: Action,
    /// Why.
    pub reason: String,
    /// The `vault:` reference the file will hold, for keys that move.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The oldest commit of the file's git repository whose content holds this value (only
    /// for keys that move, and only when history was searched; see [`FilePlan::history`]).
    /// Moving an exposed secret into Vault is not enough: it must be rotated.
    pub exposed: Option<Exposure>,
    /// Index of the entry in the parsed document.
    #[serde(skip)]
    pub entry: usize,
    /// The value (never serialised).
    #[serde(skip)]
    pub value: Secret,
}

/// Where a value that moves was found in git history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exposure {
    /// Full commit id.
    pub commit: String,
    /// Author date, RFC 3339.
    pub date: String,
    /// First line of the commit message (withheld when it contains a value that moves).
    pub summary: String,
    /// Path of a file holding the value in that commit.
    pub path: String,
}

impl Exposure {
    /// `ROTATE: exposed in <short commit> (<date>)`.
    pub fn marker(&self) -> String {
        let short: String = self.commit.chars().take(7).collect();
        let day: String = self.date.chars().take(10).collect();
        format!("ROTATE: exposed in {short} ({day})")
    }
}

/// Whether git history was searched for a file's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HistoryCheck {
    /// Not searched (`--no-history`, or nothing in the file moves).
    Skipped,
    /// The file is not in a git repository.
    NoRepository,
    /// Searched; [`PlanItem::exposed`] is set where a value was found.
    Checked,
    /// The repository could not be read (a warning was logged).
    Failed,
}

/// One file's plan.
#[derive(Debug, Clone, Serialize)]
pub struct FilePlan {
    /// The file as given.
    pub file: PathBuf,
    /// `dotenv` or `json`.
    pub format: FileFormat,
    /// KV mount path.
    pub mount: String,
    /// `kv-v1` or `kv-v2`.
    pub kv_version: crate::vault::KvVersion,
    /// Secret path inside the mount.
    pub path: String,
    /// API path shown to people: `<mount>/data/<path>` (v2) or `<mount>/<path>` (v1).
    pub destination: String,
    /// Salted hash of the file's bytes at planning time.
    pub file_hash: String,
    /// Keys in file order.
    pub items: Vec<PlanItem>,
    /// Parsed document (spans for the rewrite).
    #[serde(skip)]
    pub doc: Document,
    /// Mount info.
    #[serde(skip)]
    pub mount_info: MountInfo,
    /// KV v2 version of the secret when planned (`None`: absent, or KV v1); `apply` writes with
    /// check-and-set against it, so a concurrent writer makes the run stop.
    pub current_version: Option<u64>,
    /// The secret as read when planned (values never serialised).
    #[serde(skip)]
    pub vault_state: Option<crate::vault::KvSecret>,
    /// Whether git history was searched for the values that move.
    pub history: HistoryCheck,
    /// JSON files whose keys move: how the application gets their values afterwards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runtime: Option<super::emit::JsonRuntime>,
}

impl FilePlan {
    /// Items whose values move to Vault.
    pub fn migrating(&self) -> impl Iterator<Item = &PlanItem> {
        self.items.iter().filter(|i| i.action.migrates())
    }
}

/// A whole plan.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// Files in the order given.
    pub files: Vec<FilePlan>,
}

/// Format version of a saved plan.
pub const SAVED_PLAN_VERSION: u32 = 2;

/// A plan saved by `migrate plan --out` for `migrate apply --plan`: the options, and per file
/// its destination, the keys that move and a hash of its content, so that apply refuses a file
/// changed since the plan was reviewed. Holds no value.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SavedPlan {
    /// Format version ([`SAVED_PLAN_VERSION`]).
    pub vaultsweep_plan: u32,
    /// When the plan was made (RFC 3339).
    pub created: String,
    /// The options the plan was made with; `apply --plan` plans again with exactly these.
    pub options: PlanOptions,
    /// The repository root the files were planned in (for people, and to resolve the files
    /// when the plan is applied outside any repository). Absent when not in a repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<PathBuf>,
    /// Files, in order.
    pub files: Vec<SavedFile>,
}

/// One file of a [`SavedPlan`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SavedFile {
    /// Path relative to the repository root (absolute when planned outside any repository,
    /// and in plans of format 1).
    pub file: PathBuf,
    /// API path of the secret.
    pub destination: String,
    /// KV mount.
    pub mount: String,
    /// Secret path inside the mount.
    pub path: String,
    /// SHA-256 of the file's bytes (see [`file_hash`]).
    pub file_hash: String,
    /// Keys whose values move.
    pub keys: Vec<String>,
    /// The plan's items as printed by `migrate plan --format json`, for review (not read back).
    #[serde(default)]
    pub items: Vec<serde_json::Value>,
}

impl SavedPlan {
    /// The saved form of `plan`, made with `opts`, its files relative to `root` (the
    /// repository they are in, resolved by the caller), so that the plan can be reviewed in
    /// one checkout and applied in another.
    pub fn new(plan: &Plan, opts: &PlanOptions, root: Option<&Path>) -> Result<SavedPlan, Error> {
        let root = root
            .map(|r| std::path::absolute(r).map_err(|e| Error::io(r, e)))
            .transpose()?;
        let mut files = Vec::new();
        for fp in &plan.files {
            let abs = std::path::absolute(&fp.file).map_err(|e| Error::io(&fp.file, e))?;
            let file = match &root {
                None => abs,
                Some(r) => relative_to(&abs, r).ok_or_else(|| Error::PlanFile {
                    path: fp.file.clone(),
                    msg: format!(
                        "not inside the repository {}: a saved plan holds paths relative to it",
                        r.display()
                    ),
                })?,
            };
            files.push(SavedFile {
                file,
                destination: fp.destination.clone(),
                mount: fp.mount.clone(),
                path: fp.path.clone(),
                file_hash: fp.file_hash.clone(),
                keys: fp.migrating().map(|i| i.key.clone()).collect(),
                items: fp
                    .items
                    .iter()
                    .map(|i| serde_json::to_value(i).expect("plan items serialise"))
                    .collect(),
            });
        }
        Ok(SavedPlan {
            vaultsweep_plan: SAVED_PLAN_VERSION,
            created: super::now_rfc3339(),
            options: opts.clone(),
            root,
            files,
        })
    }

    /// Writes the plan atomically.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let mut text = serde_json::to_vec_pretty(self).expect("saved plans serialise");
        text.push(b'\n');
        super::rewrite::atomic_write(path, &text)
    }

    /// Reads a saved plan.
    pub fn load(path: &Path) -> Result<SavedPlan, Error> {
        let bad = |msg: String| Error::PlanFile {
            path: path.to_path_buf(),
            msg,
        };
        let text = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let v: serde_json::Value =
            serde_json::from_slice(&text).map_err(|e| bad(format!("not JSON: {e}")))?;
        match v.get("vaultsweep_plan").and_then(|n| n.as_u64()) {
            // Format 1 differs only in holding absolute paths, which resolve to themselves.
            Some(n) if n == 1 || n == u64::from(SAVED_PLAN_VERSION) => {}
            Some(n) => return Err(bad(format!("plan format {n} is not supported"))),
            None => return Err(bad("not a plan saved by `migrate plan --out`".into())),
        }
        let saved: SavedPlan =
            serde_json::from_value(v).map_err(|e| bad(format!("unreadable: {e}")))?;
        if saved.files.is_empty() {
            return Err(bad("the plan names no file".into()));
        }
        Ok(saved)
    }

    /// The files of the plan, resolved against `repo` (the repository it is applied in, as the
    /// caller found it), else against the recorded [`SavedPlan::root`].
    pub fn file_paths(&self, plan_path: &Path, repo: Option<&Path>) -> Result<Vec<PathBuf>, Error> {
        let base = repo.or(self.root.as_deref());
        self.files
            .iter()
            .map(|f| match base {
                _ if f.file.is_absolute() => Ok(f.file.clone()),
                Some(b) => Ok(b.join(&f.file)),
                None => Err(Error::PlanFile {
                    path: plan_path.to_path_buf(),
                    msg: format!(
                        "{} is relative to a repository: apply the plan from inside one",
                        f.file.display()
                    ),
                }),
            })
            .collect()
    }

    /// Refuses unless every file (`paths`, from [`SavedPlan::file_paths`]) still has the
    /// content it had when the plan was made. Call it before anything else happens, and
    /// [`SavedPlan::check_plan`] on the plan made again.
    pub fn check_files(&self, plan_path: &Path, paths: &[PathBuf]) -> Result<(), Error> {
        for (f, p) in self.files.iter().zip(paths) {
            let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
            if file_hash(&bytes) != f.file_hash {
                return Err(self.stale(plan_path, p, "its content changed"));
            }
        }
        Ok(())
    }

    /// Refuses unless `plan`, made again with [`SavedPlan::options`], moves the same keys of
    /// the same file contents to the same destinations.
    pub fn check_plan(&self, plan_path: &Path, plan: &Plan) -> Result<(), Error> {
        if plan.files.len() != self.files.len() {
            return Err(Error::PlanFile {
                path: plan_path.to_path_buf(),
                msg: "the plan made again has other files".into(),
            });
        }
        for (saved, fp) in self.files.iter().zip(&plan.files) {
            if fp.file_hash != saved.file_hash {
                return Err(self.stale(plan_path, &fp.file, "its content changed"));
            }
            if fp.mount != saved.mount || fp.path != saved.path {
                return Err(self.stale(
                    plan_path,
                    &fp.file,
                    &format!(
                        "its destination changed ({} now, {} in the plan)",
                        fp.destination, saved.destination
                    ),
                ));
            }
            let now: Vec<&str> = fp.migrating().map(|i| i.key.as_str()).collect();
            if now != saved.keys.iter().map(String::as_str).collect::<Vec<_>>() {
                return Err(self.stale(
                    plan_path,
                    &fp.file,
                    &format!(
                        "the keys that move changed ({} now, {} in the plan; rules or configuration changed?)",
                        list_or_none(&now),
                        list_or_none(&saved.keys.iter().map(String::as_str).collect::<Vec<_>>())
                    ),
                ));
            }
        }
        Ok(())
    }

    fn stale(&self, plan_path: &Path, file: &Path, why: &str) -> Error {
        Error::PlanStale {
            file: file.to_path_buf(),
            plan: plan_path.to_path_buf(),
            why: why.to_string(),
        }
    }
}

/// `path` relative to `root`, comparing canonical forms when the spelled ones differ (a
/// symbolic link in either, e.g. `/tmp`).
fn relative_to(path: &Path, root: &Path) -> Option<PathBuf> {
    if let Ok(r) = path.strip_prefix(root) {
        return Some(r.to_path_buf());
    }
    let root = std::fs::canonicalize(root).ok()?;
    let dir = std::fs::canonicalize(path.parent()?).ok()?;
    dir.strip_prefix(&root)
        .ok()
        .map(|r| r.join(path.file_name().unwrap_or_default()))
}

fn list_or_none(keys: &[&str]) -> String {
    if keys.is_empty() {
        "none".into()
    } else {
        keys.join(", ")
    }
}

/// Hash of a file's bytes (salted, so it reveals nothing about short files).
pub fn file_hash(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(b"vaultsweep file v1\0");
    h.update(bytes);
    hex::encode(h.finalize())
}

/// Plans every file. Vault is read (never written) to tell create / unchanged / conflict.
pub fn plan(
    files: &[PathBuf],
    opts: &PlanOptions,
    detector: &Detector,
    store: &dyn SecretStore,
) -> Result<Plan, Error> {
    let mount = store
        .mount_info(&opts.mount)
        .map_err(|e| Error::vault(format!("looking up mount {:?}", opts.mount), e))?;
    let mut out = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
        out.push(plan_file(file, &bytes, opts, &mount, detector, store)?);
    }
    Ok(Plan { files: out })
}

/// Plans one file whose bytes are given.
pub fn plan_file(
    file: &Path,
    bytes: &[u8],
    opts: &PlanOptions,
    mount: &MountInfo,
    detector: &Detector,
    store: &dyn SecretStore,
) -> Result<FilePlan, Error> {
    let format = parse::format_of(file);
    let doc = parse::parse(file, bytes, format)?;
    let path = destination_path(file, format, opts)?;
    let items = classify_entries(file, bytes, &doc, opts, mount, &path, detector);
    let mut fp = FilePlan {
        file: file.to_path_buf(),
        format,
        mount: mount.path.clone(),
        kv_version: mount.version,
        destination: api_path(mount, &path),
        path,
        file_hash: file_hash(bytes),
        items,
        doc,
        mount_info: mount.clone(),
        current_version: None,
        vault_state: None,
        history: HistoryCheck::Skipped,
        runtime: None,
    };
    if fp.items.iter().any(|i| i.action == Action::Create) {
        let existing = store
            .read(mount, &fp.path)
            .map_err(|e| Error::vault(format!("reading {}", fp.destination), e))?;
        let data = existing
            .as_ref()
            .map(|s| s.data.clone())
            .unwrap_or_default();
        compare_with_vault(&mut fp.items, &data);
        fp.current_version = existing.as_ref().and_then(|s| s.version);
        fp.vault_state = existing;
    }
    fp.runtime = super::emit::json_runtime(&fp);
    Ok(fp)
}

/// `<mount>/data/<path>` (v2) or `<mount>/<path>` (v1).
pub fn api_path(mount: &MountInfo, path: &str) -> String {
    match mount.version {
        crate::vault::KvVersion::V2 => format!("{}/data/{}", mount.path, path),
        crate::vault::KvVersion::V1 => format!("{}/{}", mount.path, path),
    }
}

/// Turns provisional `Create`s into `Unchanged` or `Conflict` given Vault's current data.
pub fn compare_with_vault(items: &mut [PlanItem], data: &KvData) {
    for item in items.iter_mut().filter(|i| i.action == Action::Create) {
        match data.0.get(&item.key) {
            None => {}
            Some(v) if v.as_str().map(str::as_bytes) == Some(item.value.expose()) => {
                item.action = Action::Unchanged;
                item.reason = "already in Vault with this value".into();
            }
            Some(_) => {
                item.action = Action::Conflict;
                item.reason = "in Vault with a different value".into();
            }
        }
    }
}

fn classify_entries(
    file: &Path,
    bytes: &[u8],
    doc: &Document,
    opts: &PlanOptions,
    mount: &MountInfo,
    path: &str,
    detector: &Detector,
) -> Vec<PlanItem> {
    let mut scratch = detector.scratch();
    let matches = detector.detect(bytes, &mut scratch).to_vec();
    // Context (production, test…) comes from the path inside the repository, not from where
    // the checkout happens to live.
    let rel = std::path::absolute(file)
        .ok()
        .and_then(|abs| {
            let root = opts.repo.as_deref()?;
            abs.strip_prefix(root)
                .ok()
                .map(|r| r.to_string_lossy().into_owned())
        })
        .or_else(|| file.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let origin = Origin::File {
        path: file.display().to_string(),
        rel: rel.clone(),
    };
    let lines = LineIndex::new(bytes);
    let ctx = PathContext::of(&rel);
    let mut items = Vec::new();
    for (idx, entry) in doc.entries.iter().enumerate() {
        let finding = matches
            .iter()
            .find(|m| entry.span.start <= m.secret.start && m.secret.end <= entry.span.end)
            .map(|m| classify::classify(detector.rules(), m, bytes, &origin, &lines));
        let reference = Reference::format(mount, path, &entry.key);
        let included = opts.include.iter().any(|k| k == &entry.key);
        let excluded = opts.exclude.iter().any(|k| k == &entry.key);
        let sensitive = names::is_sensitive_setting(last_segment(&entry.key));
        let (action, reason) = decide(
            entry,
            &reference,
            included,
            excluded,
            sensitive,
            finding.is_some(),
        );
        let (tier, category) = match (&finding, action.migrates()) {
            (Some(f), true) => (Some(f.tier), Some(f.category)),
            (None, true) => {
                let (c, t) = classify::tier_for(
                    Category::GenericSecret,
                    Tier::Medium,
                    false,
                    Some(last_segment(&entry.key)),
                    "",
                    ctx,
                );
                (Some(t), Some(c))
            }
            _ => (None, None),
        };
        items.push(PlanItem {
            key: entry.key.clone(),
            line: entry.line,
            tier,
            category,
            rule: finding.as_ref().map(|f| f.rule_id.clone()),
            action,
            reason,
            reference: (action.migrates() || action == Action::Done).then_some(reference),
            exposed: None,
            entry: idx,
            value: entry.value.clone(),
        });
    }
    items
}

fn decide(
    entry: &Entry,
    reference: &str,
    included: bool,
    excluded: bool,
    sensitive: bool,
    flagged: bool,
) -> (Action, String) {
    let value = entry.value.expose();
    if value == reference.as_bytes() {
        return (Action::Done, "already refers to the destination".into());
    }
    if excluded {
        return (Action::SkipNotSecret, "excluded (--exclude)".into());
    }
    let candidate = included || flagged || sensitive;
    if value.starts_with(b"vault:") {
        return (Action::SkipPlaceholder, "a Vault reference".into());
    }
    if !candidate {
        return (Action::SkipNotSecret, "configuration, not a secret".into());
    }
    if value.is_empty() {
        return (Action::SkipPlaceholder, "empty value".into());
    }
    if entry.substituted {
        return (Action::SkipPlaceholder, "a variable reference".into());
    }
    if !included && filter::is_placeholder(value) {
        return (Action::SkipPlaceholder, "a placeholder".into());
    }
    let reason = if included {
        "included (--include)"
    } else if flagged {
        "flagged by the scanner"
    } else {
        "sensitive key name"
    };
    (Action::Create, reason.into())
}

fn last_segment(key: &str) -> &str {
    key.rsplit('.').next().unwrap_or(key)
}

/// The environment a file name implies: `.env.production`/`.env.prod` → prod, `.env.staging`
/// → staging, `.env.development`/`.env.dev`/`.env` → dev, `.env.test` → test.
pub fn infer_env(file: &Path) -> Option<String> {
    let name = file.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name == ".env" {
        return Some("dev".into());
    }
    for t in name_tokens(&name) {
        let env = match t.as_str() {
            "production" | "prod" | "prd" => "prod",
            "staging" | "stage" | "stg" => "staging",
            "development" | "dev" => "dev",
            "test" | "testing" => "test",
            _ => continue,
        };
        return Some(env.into());
    }
    None
}

/// Directory names that hold configuration rather than name a service.
const GENERIC_DIRS: &[&str] = &[
    "config",
    "configs",
    "conf",
    "settings",
    "env",
    "envs",
    "environments",
    "secrets",
    "deploy",
    "deployment",
    "src",
    "etc",
    "k8s",
    "kubernetes",
    "helm",
    "docker",
    ".config",
    // Key and certificate directories (`services/gate/tls/server.key` belongs to `gate`).
    "tls",
    "ssl",
    "certs",
    "certificates",
    "pki",
];

/// The application a file belongs to: the nearest enclosing directory that is not a generic
/// configuration directory (`services/milk-tracker/.env.production` → `milk-tracker`), or the
/// repository's name when the file sits at the repository root.
pub fn infer_app(file: &Path, repo: Option<&Path>) -> Option<String> {
    let abs = std::path::absolute(file).ok()?;
    let mut dir = abs.parent();
    while let Some(d) = dir {
        let name = d.file_name()?.to_string_lossy().into_owned();
        if repo.is_some_and(|r| r.components().eq(d.components())) {
            return Some(name);
        }
        if !GENERIC_DIRS.contains(&name.to_ascii_lowercase().as_str()) {
            return Some(name);
        }
        dir = d.parent();
    }
    None
}

/// The secret path for a file: the template with `{app}`, `{env}`, `{name}` filled in.
pub fn destination_path(
    file: &Path,
    format: FileFormat,
    opts: &PlanOptions,
) -> Result<String, Error> {
    let name = match format {
        FileFormat::Dotenv => "env".to_string(),
        FileFormat::Json => file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    destination_named(file, &name, opts)
}

/// [`destination_path`] with `{name}` given: the one place the template is filled in, also for
/// files `migrate` cannot move (the assessment's suggested destination for a secret in code).
pub fn destination_named(file: &Path, name: &str, opts: &PlanOptions) -> Result<String, Error> {
    let derr = |msg: String| Error::Destination {
        file: file.to_path_buf(),
        msg,
    };
    let template = &opts.path_template;
    let env = match &opts.env {
        Some(e) => e.clone(),
        None if template.contains("{env}") => infer_env(file).ok_or_else(|| {
            derr("cannot infer the environment from the file name; pass --env".into())
        })?,
        None => String::new(),
    };
    let app = match &opts.app {
        Some(a) => a.clone(),
        None if template.contains("{app}") => infer_app(file, opts.repo.as_deref())
            .ok_or_else(|| derr("cannot infer the application; pass --app".into()))?,
        None => String::new(),
    };
    let path = template
        .replace("{app}", &app)
        .replace("{env}", &env)
        .replace("{name}", name);
    if path.contains('{') || path.contains('}') {
        return Err(derr(format!(
            "path template {template:?}: only {{app}}, {{env}} and {{name}} are known"
        )));
    }
    let path = path.trim_matches('/').to_string();
    let ok_chars = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if path.is_empty()
        || !ok_chars
        || path
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return Err(derr(format!(
            "destination path {path:?} is not a valid Vault path (letters, digits, - _ . /)"
        )));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::KvVersion;

    #[test]
    fn env_and_app_inference() {
        assert_eq!(infer_env(Path::new("a/.env.production")).unwrap(), "prod");
        assert_eq!(infer_env(Path::new(".env.prod")).unwrap(), "prod");
        assert_eq!(infer_env(Path::new(".env.staging")).unwrap(), "staging");
        assert_eq!(infer_env(Path::new(".env.development")).unwrap(), "dev");
        assert_eq!(infer_env(Path::new(".env.dev")).unwrap(), "dev");
        assert_eq!(infer_env(Path::new(".env")).unwrap(), "dev");
        assert_eq!(infer_env(Path::new(".env.local")), None);
        assert_eq!(
            infer_app(
                Path::new("/nonexistent/services/milk-tracker/.env.production"),
                None
            )
            .unwrap(),
            "milk-tracker"
        );
        assert_eq!(
            infer_app(
                Path::new("/nonexistent/services/milk-tracker/config/app.json"),
                None
            )
            .unwrap(),
            "milk-tracker"
        );
        assert_eq!(
            infer_app(Path::new("/nonexistent/services/gate/tls/server.key"), None).unwrap(),
            "gate"
        );
    }

    fn opts() -> PlanOptions {
        PlanOptions::new("secret")
    }

    #[test]
    fn destination_from_template() {
        let p = destination_path(
            Path::new("/nonexistent/services/milk-tracker/.env.production"),
            FileFormat::Dotenv,
            &opts(),
        )
        .unwrap();
        assert_eq!(p, "apps/milk-tracker/prod/env");
        let mut o = opts();
        o.env = Some("qa".into());
        o.app = Some("herd".into());
        let p = destination_path(Path::new("x/settings.json"), FileFormat::Json, &o).unwrap();
        assert_eq!(p, "apps/herd/qa/settings");
        let p = destination_named(Path::new("x/settings.py"), "settings", &o).unwrap();
        assert_eq!(p, "apps/herd/qa/settings");
        o.path_template = "teams/{team}/{name}".into();
        assert!(destination_path(Path::new("x/.env"), FileFormat::Dotenv, &o).is_err());
        o.path_template = "apps/{app}/../{name}".into();
        assert!(destination_path(Path::new("x/.env"), FileFormat::Dotenv, &o).is_err());
        assert!(
            destination_path(
                Path::new("/nonexistent/x/.env.local"),
                FileFormat::Dotenv,
                &opts()
            )
            .is_err()
        );
    }

    #[test]
    fn what_moves() {
        // Fake secrets, split so that the dogfood scan of this file does not flag them.
        let text = concat!(
            "APP_NAME=milk\nLOG_LEVEL=debug\nDB_HOST=db.internal\nDB_PORT=5432\n",
            "DB_PASSWORD=Qm8v!x2LpZr4\nAPI_TOKEN=${TOKEN}\nSECRET_KEY=changeme\nGITHUB=gh", // vaultsweep:allow
            "p_CwuQTO6FpwSUXT28qUsmPdrfsEIA4c0Puv6O\n",
            "DONE=vault:secret/data/apps/milk/prod/env#DONE\nOTHER=vault:secret/data/x#Y\nFORCE=plain\nSKIPME_PASSWORD=Zx9!aQ2wLm\n" // vaultsweep:allow
        );
        let rules = std::sync::Arc::new(crate::rules::builtin().unwrap());
        let det = Detector::new(rules);
        let file = Path::new("/nonexistent/milk/.env.production");
        let doc = parse::parse_dotenv(file, text.as_bytes()).unwrap();
        let mount = MountInfo {
            path: "secret".into(),
            version: KvVersion::V2,
        };
        let mut o = opts();
        o.include = vec!["FORCE".into()];
        o.exclude = vec!["SKIPME_PASSWORD".into()];
        let items = classify_entries(
            file,
            text.as_bytes(),
            &doc,
            &o,
            &mount,
            "apps/milk/prod/env",
            &det,
        );
        let got: Vec<(&str, Action)> = items.iter().map(|i| (i.key.as_str(), i.action)).collect();
        assert_eq!(
            got,
            [
                ("APP_NAME", Action::SkipNotSecret),
                ("LOG_LEVEL", Action::SkipNotSecret),
                ("DB_HOST", Action::SkipNotSecret),
                ("DB_PORT", Action::SkipNotSecret),
                ("DB_PASSWORD", Action::Create),
                ("API_TOKEN", Action::SkipPlaceholder),
                ("SECRET_KEY", Action::SkipPlaceholder),
                ("GITHUB", Action::Create),
                ("DONE", Action::Done),
                ("OTHER", Action::SkipPlaceholder),
                ("FORCE", Action::Create),
                ("SKIPME_PASSWORD", Action::SkipNotSecret),
            ]
        );
        assert_eq!(
            items[4].tier,
            Some(Tier::Critical),
            "production DB password"
        );
        assert!(items[7].rule.as_deref().unwrap().starts_with("github"));
        let json = serde_json::to_string(&items).unwrap();
        assert!(!json.contains("Qm8v") && !json.contains("ghp_R8"), "{json}");
    }

    /// A KV v2 store holding nothing (planning only reads).
    struct Empty;

    impl SecretStore for Empty {
        fn mount_info(&self, path: &str) -> Result<MountInfo, crate::vault::VaultError> {
            Ok(MountInfo {
                path: path.into(),
                version: KvVersion::V2,
            })
        }
        fn read(
            &self,
            _: &MountInfo,
            _: &str,
        ) -> Result<Option<crate::vault::KvSecret>, crate::vault::VaultError> {
            Ok(None)
        }
        fn read_version(
            &self,
            _: &str,
            path: &str,
            _: u64,
        ) -> Result<crate::vault::KvSecret, crate::vault::VaultError> {
            Err(crate::vault::VaultError::NotFound { path: path.into() })
        }
        fn write(
            &self,
            _: &MountInfo,
            _: &str,
            _: &KvData,
            _: Option<u64>,
        ) -> Result<Option<u64>, crate::vault::VaultError> {
            unreachable!("planning never writes")
        }
    }

    #[test]
    fn saved_plan_holds_no_value_and_refuses_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let svc = dir.path().join("milk");
        std::fs::create_dir(&svc).unwrap();
        let file = svc.join(".env.production");
        // A fake secret, split so that the dogfood scan of this file does not flag it.
        let pw = concat!("Qm8v!x2L", "pZr4Tb");
        std::fs::write(&file, format!("APP_NAME=milk\nDB_PASSWORD={pw}\n")).unwrap();
        let det = Detector::new(std::sync::Arc::new(crate::rules::builtin().unwrap()));
        let files = vec![file.clone()];
        let made = plan(&files, &opts(), &det, &Empty).unwrap();
        let saved = SavedPlan::new(&made, &opts(), Some(dir.path())).unwrap();
        assert_eq!(saved.files[0].file, Path::new("milk/.env.production"));
        let at = dir.path().join("plan.json");
        saved.save(&at).unwrap();
        let text = std::fs::read_to_string(&at).unwrap();
        assert!(!text.contains(pw), "{text}");
        let loaded = SavedPlan::load(&at).unwrap();
        assert_eq!(loaded.options, opts());
        assert_eq!(loaded.files[0].keys, ["DB_PASSWORD"]);
        // Resolved against the repository it is applied in, else the recorded root.
        let elsewhere_root = Path::new("/elsewhere/checkout");
        assert_eq!(
            loaded.file_paths(&at, Some(elsewhere_root)).unwrap(),
            [elsewhere_root.join("milk/.env.production")]
        );
        let paths = loaded.file_paths(&at, None).unwrap();
        assert_eq!(paths, [dir.path().join("milk/.env.production")]);
        loaded.check_files(&at, &paths).unwrap();
        loaded.check_plan(&at, &made).unwrap();
        // Another destination, other keys, other content: each refused, naming the file.
        let mut o = opts();
        o.env = Some("staging".into());
        let elsewhere = plan(&files, &o, &det, &Empty).unwrap();
        let err = loaded.check_plan(&at, &elsewhere).unwrap_err();
        assert!(err.to_string().contains("destination changed"), "{err}");
        let mut o = opts();
        o.exclude = vec!["DB_PASSWORD".into()];
        let fewer = plan(&files, &o, &det, &Empty).unwrap();
        let err = loaded.check_plan(&at, &fewer).unwrap_err();
        assert!(err.to_string().contains("keys that move changed"), "{err}");
        std::fs::write(&file, format!("APP_NAME=milk\nDB_PASSWORD={pw}\nX=1\n")).unwrap();
        let err = loaded.check_files(&at, &paths).unwrap_err();
        assert!(
            matches!(&err, Error::PlanStale { file: f, .. } if f == &file),
            "{err}"
        );
        assert!(!err.to_string().contains(pw));
        // Not a plan at all.
        std::fs::write(&at, "{}").unwrap();
        assert!(matches!(SavedPlan::load(&at), Err(Error::PlanFile { .. })));
    }

    #[test]
    fn exposure_marker() {
        let x = Exposure {
            commit: "0123456789abcdef0123456789abcdef01234567".into(),
            date: "2024-05-01T12:00:00+02:00".into(),
            summary: "add settings".into(),
            path: ".env".into(),
        };
        assert_eq!(x.marker(), "ROTATE: exposed in 0123456 (2024-05-01)");
    }

    #[test]
    fn vault_state_decides_unchanged_and_conflict() {
        let mk = |k: &str, v: &str| PlanItem {
            key: k.into(),
            line: 1,
            tier: None,
            category: None,
            rule: None,
            action: Action::Create,
            reason: String::new(),
            reference: None,
            exposed: None,
            entry: 0,
            value: Secret::new(v),
        };
        let mut items = vec![mk("A", "1"), mk("B", "2"), mk("C", "3")];
        let mut data = KvData::default();
        data.0.insert("A".into(), "1".into());
        data.0.insert("B".into(), "other".into());
        compare_with_vault(&mut items, &data);
        let acts: Vec<_> = items.iter().map(|i| i.action).collect();
        assert_eq!(acts, [Action::Unchanged, Action::Conflict, Action::Create]);
    }
}
