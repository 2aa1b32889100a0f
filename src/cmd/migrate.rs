//! `vaultsweep migrate plan|apply|rollback`: configuration from flags, `VAULT_*` and
//! `[migrate]`, the plan table, the git-history search behind `ROTATE` marks, saved plans
//! (`plan --out`, `apply --plan`), the confirmation prompt, progress and outcome messages.
//!
//! Test instrumentation (environment, read here only): `VAULTSWEEP_CRASH_AFTER=<step>` aborts
//! the process after that step (as `kill -9` would); `VAULTSWEEP_PAUSE_AFTER=<step>` with
//! `VAULTSWEEP_PAUSE_FILE=<path>` creates the file after that step and waits until it is removed.

use crate::cli::{
    ApplyArgs, GlobalArgs, MigrateCommand, PlanArgs, PlanFormat, RollbackArgs, VaultArgs,
};
use crate::config::{self, FileConfig, MigrateFileConfig};
use crate::detect::Detector;
use crate::exit::ExitStatus;
use crate::migrate::Repo;
use crate::migrate::apply::{self, ApplyOptions, RollbackOptions, Step};
use crate::migrate::emit::{self, AgentTemplate};
use crate::migrate::journal::{self, DirLock, Journal, RollbackChoice};
use crate::migrate::plan::{self, Exposure, HistoryCheck, Plan, PlanOptions, SavedPlan};
use crate::report::sanitize;
use crate::vault::{KvStore, SecretStore};
use anyhow::{Context, Result, bail};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Entry point.
pub fn run(global: &GlobalArgs, cmd: &MigrateCommand) -> Result<ExitStatus> {
    match cmd {
        MigrateCommand::Plan(args) => run_plan(global, args),
        MigrateCommand::Apply(args) => run_apply(global, args),
        MigrateCommand::Rollback(args) => run_rollback(global, args),
    }
}

fn run_plan(global: &GlobalArgs, args: &PlanArgs) -> Result<ExitStatus> {
    let (file_cfg, detector) = setup(global, &args.files)?;
    let store = vault_store(&args.target.vault, &file_cfg.migrate)?;
    let mut opts = config::plan_options(&args.target, &file_cfg.migrate);
    opts.repo = args.files.first().and_then(|f| work_tree(f));
    let mut plan = make_plan(&args.files, &opts, &detector, &store)?;
    if !args.target.no_history {
        mark_exposed(&mut plan);
    }
    print_plan(&plan, args.target.format)?;
    if let Some(out) = &args.out {
        SavedPlan::new(&plan, &opts, opts.repo.as_deref())
            .and_then(|saved| saved.save(out))
            .with_context(|| format!("Failed to save the plan to {}", out.display()))?;
        eprintln!(
            "vaultsweep: plan saved to {} (apply it with `vaultsweep migrate apply --plan {}`)",
            sanitize(&out.display().to_string()),
            sanitize(&out.display().to_string())
        );
    }
    Ok(ExitStatus::Clean)
}

fn setup(global: &GlobalArgs, files: &[PathBuf]) -> Result<(FileConfig, Detector)> {
    for f in files {
        if !f.is_file() {
            bail!("{}: no such file", sanitize(&f.display().to_string()));
        }
    }
    let first = files
        .first()
        .map(PathBuf::as_path)
        .unwrap_or(Path::new("."));
    let (path, file_cfg) =
        config::load_file_config(global, first).context("Failed to read the configuration")?;
    if let Some(p) = &path {
        log::info!("using config {}", p.display());
    }
    let rules = config::rule_set(&file_cfg, path.as_deref()).context("Failed to load rules")?;
    Ok((file_cfg, Detector::new(Arc::new(rules))))
}

/// The Vault client from flags / `VAULT_*` / `~/.vault-token` / `[migrate]`, its token checked
/// first (`lookup-self`): a wrong or expired token is reported as such, before any mount or
/// secret is asked for.
pub fn vault_store(args: &VaultArgs, cfg: &MigrateFileConfig) -> Result<KvStore> {
    let settings = config::vault_settings(args, cfg)?;
    let source = settings.token_source.clone();
    let store = KvStore::new(settings).context("Failed to configure the Vault client")?;
    match store.token_info() {
        Ok(Some(t)) => log::info!(
            "Vault token from {source}: {}, policies {}, {}",
            t.display_name,
            t.policies.join(", "),
            if t.ttl == 0 {
                "no expiry".to_string()
            } else {
                format!("expires in {} s", t.ttl)
            }
        ),
        Ok(None) => {}
        Err(e) => {
            return Err(anyhow::Error::new(e).context(format!("Vault token from {source}")));
        }
    }
    Ok(store)
}

fn make_plan(
    files: &[PathBuf],
    opts: &PlanOptions,
    detector: &Detector,
    store: &KvStore,
) -> Result<Plan> {
    plan::plan(files, opts, detector, store).context("Failed to plan the migration")
}

// ---------------------------------------------------------------------------------------------
// ROTATE: values that move and that git history already holds.
//
// The search itself is `source::exposure` (git2 lives in `source`). It is called from here,
// not from `migrate`, because `migrate` may not import `source` (the dependency rule):
// `migrate::plan` only carries the result ([`Exposure`]).

/// Blobs larger than this are not searched.
const HISTORY_MAX_BLOB: u64 = 64 * 1024 * 1024;
/// Values shorter than this are not searched: they would be found everywhere.
pub(crate) const HISTORY_MIN_VALUE: usize = 6;

/// Marks every item that moves whose value appears in any commit of its file's repository
/// (`ROTATE: exposed in <commit> (<date>)`). Problems are logged; the plan stays usable.
fn mark_exposed(plan: &mut Plan) {
    // Files grouped by repository (its git directory).
    let mut repos: Vec<(PathBuf, Vec<usize>)> = Vec::new();
    for (n, fp) in plan.files.iter_mut().enumerate() {
        if fp.migrating().next().is_none() {
            continue;
        }
        let dir = std::path::absolute(&fp.file)
            .ok()
            .and_then(|a| a.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
        match crate::source::git::open_repo(&dir) {
            Ok(repo) => {
                let git_dir = repo.path().to_path_buf();
                match repos.iter_mut().find(|(g, _)| *g == git_dir) {
                    Some((_, v)) => v.push(n),
                    None => repos.push((git_dir, vec![n])),
                }
            }
            Err(crate::source::git::GitError::NotARepository { .. }) => {
                fp.history = HistoryCheck::NoRepository;
            }
            Err(e) => {
                log::warn!(
                    "{}: git history not searched: {e}",
                    sanitize(&fp.file.display().to_string())
                );
                fp.history = HistoryCheck::Failed;
            }
        }
    }
    for (git_dir, files) in repos {
        // Every distinct value that moves, and the forms it may take in a file.
        let mut values: Vec<Vec<u8>> = Vec::new();
        for &n in &files {
            for item in plan.files[n].migrating() {
                let v = item.value.expose();
                if v.len() >= HISTORY_MIN_VALUE && !values.iter().any(|x| x == v) {
                    values.push(v.to_vec());
                }
            }
        }
        match search_history(&git_dir, &values) {
            Ok(found) => {
                for &n in &files {
                    let fp = &mut plan.files[n];
                    fp.history = HistoryCheck::Checked;
                    for item in fp.items.iter_mut().filter(|i| i.action.migrates()) {
                        let v = item.value.expose();
                        item.exposed = values
                            .iter()
                            .position(|x| x == v)
                            .and_then(|at| found[at].clone());
                    }
                }
            }
            Err(e) => {
                log::warn!(
                    "{}: git history not searched: {e}",
                    sanitize(&git_dir.display().to_string())
                );
                for &n in &files {
                    plan.files[n].history = HistoryCheck::Failed;
                }
            }
        }
    }
}

/// The forms a value may take in a committed file: as is, JSON-escaped, and escaped inside
/// double quotes of a dotenv file.
fn value_forms(v: &[u8]) -> Vec<Vec<u8>> {
    let mut forms = vec![v.to_vec()];
    if let Ok(text) = std::str::from_utf8(v) {
        let json = serde_json::to_string(text).expect("strings serialise");
        forms.push(json.as_bytes()[1..json.len() - 1].to_vec());
    }
    let mut dq = Vec::with_capacity(v.len());
    for &b in v {
        match b {
            b'\\' | b'"' | b'$' => dq.extend_from_slice(&[b'\\', b]),
            b'\n' => dq.extend_from_slice(b"\\n"),
            _ => dq.push(b),
        }
    }
    forms.push(dq);
    forms.sort();
    forms.dedup();
    forms
}

/// For each value, the oldest commit (of every ref and `HEAD`) whose content holds it. Also
/// `assess`'s "exposed in git history" column.
pub(crate) fn search_history(git_dir: &Path, values: &[Vec<u8>]) -> Result<Vec<Option<Exposure>>> {
    let forms: Vec<Vec<Vec<u8>>> = values.iter().map(|v| value_forms(v)).collect();
    let search = crate::source::exposure::first_commits(git_dir, &forms, HISTORY_MAX_BLOB)?;
    if search.shallow {
        log::warn!(
            "shallow clone: history before the boundary was not searched for exposed values"
        );
    }
    if search.errors > 0 {
        log::warn!(
            "{} git object(s) could not be read: the search for exposed values is incomplete",
            search.errors
        );
    }
    if search.too_large > 0 {
        log::info!(
            "{} blob(s) larger than {HISTORY_MAX_BLOB} bytes not searched for exposed values",
            search.too_large
        );
    }
    let holds_value = |text: &str| values.iter().any(|v| contains_bytes(text.as_bytes(), v));
    Ok(search
        .found
        .into_iter()
        .map(|found| {
            let x = found?;
            Some(Exposure {
                summary: if holds_value(&x.commit.summary) {
                    "(withheld: the message holds a secret value)".into()
                } else {
                    x.commit.summary
                },
                path: if holds_value(&x.path) {
                    "(withheld)".into()
                } else {
                    x.path
                },
                commit: x.commit.id,
                date: x.commit.date,
            })
        })
        .collect())
}

fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

/// On stderr after an apply: moving an exposed value into Vault does not un-expose it.
fn warn_exposed(plan: &Plan) {
    for fp in &plan.files {
        for i in fp.migrating() {
            if let Some(x) = &i.exposed {
                eprintln!(
                    "vaultsweep: {} {}: {}: the value is in git history; rotate it (moving it into Vault is not enough)",
                    sanitize(&fp.file.display().to_string()),
                    sanitize(&i.key),
                    x.marker()
                );
            }
        }
    }
}

fn print_plan(plan: &Plan, format: PlanFormat) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        PlanFormat::Json => {
            serde_json::to_writer_pretty(&mut out, plan)?;
            writeln!(out)?;
        }
        PlanFormat::Text => write_plan_text(&mut out, plan)?,
    }
    out.flush()?;
    Ok(())
}

fn write_plan_text(out: &mut impl Write, plan: &Plan) -> Result<()> {
    for fp in &plan.files {
        writeln!(
            out,
            "{} → {} ({})",
            sanitize(&fp.file.display().to_string()),
            fp.destination,
            fp.kv_version
        )?;
        let w = fp
            .items
            .iter()
            .map(|i| i.key.len())
            .max()
            .unwrap_or(3)
            .max(3);
        writeln!(out, "  {:w$}  {:8}  {:16}  REASON", "KEY", "TIER", "ACTION")?;
        for i in &fp.items {
            let tier = i.tier.map(|t| t.to_string()).unwrap_or_else(|| "-".into());
            let rotate = i
                .exposed
                .as_ref()
                .map(|x| format!("; {}", x.marker()))
                .unwrap_or_default();
            writeln!(
                out,
                "  {:w$}  {:8}  {:16}  {}{rotate}",
                sanitize(&i.key),
                tier,
                i.action.as_str(),
                i.reason
            )?;
        }
        if let Some(r) = &fp.runtime {
            writeln!(out, "  NOTE: {}", sanitize(&r.note))?;
        }
        let moving = fp.migrating().count();
        let exposed = fp.migrating().filter(|i| i.exposed.is_some()).count();
        if exposed > 0 {
            writeln!(
                out,
                "  {moving} key(s) to migrate; {exposed} of them exposed in git history: rotate them\n"
            )?;
        } else {
            writeln!(out, "  {moving} key(s) to migrate\n")?;
        }
    }
    Ok(())
}

fn step_hook() -> impl FnMut(Step, &Path) -> bool {
    let crash = std::env::var("VAULTSWEEP_CRASH_AFTER")
        .ok()
        .and_then(|s| Step::parse(&s));
    let pause = std::env::var("VAULTSWEEP_PAUSE_AFTER")
        .ok()
        .and_then(|s| Step::parse(&s));
    let pause_file = std::env::var_os("VAULTSWEEP_PAUSE_FILE").map(PathBuf::from);
    let mut paused = false;
    move |step, file| {
        log::info!(
            "{}: {}",
            sanitize(&file.display().to_string()),
            step.as_str()
        );
        if crash == Some(step) {
            std::process::abort();
        }
        if pause == Some(step)
            && !paused
            && let Some(pf) = &pause_file
        {
            paused = true;
            let _ = std::fs::write(pf, step.as_str());
            let start = std::time::Instant::now();
            while pf.exists() && start.elapsed() < Duration::from_secs(120) {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        true
    }
}

fn confirm(plan: &Plan) -> Result<bool> {
    let n: usize = plan.files.iter().map(|f| f.migrating().count()).sum();
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        bail!(
            "refusing to apply without --yes: no terminal to confirm on (review with `vaultsweep migrate plan`)"
        );
    }
    eprint!("Move {n} value(s) into Vault and rewrite the files? [y/N] ");
    std::io::stderr().flush()?;
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes" | "YES" | "Yes"))
}

fn run_apply(global: &GlobalArgs, args: &ApplyArgs) -> Result<ExitStatus> {
    // A saved plan fixes the files and the options; it is checked before Vault is asked.
    // Its files are relative to the repository of the current directory, else to the one it
    // was made in.
    let (saved, files) = match &args.plan {
        Some(p) => {
            let saved = SavedPlan::load(p).context("Migration refused")?;
            let here = std::env::current_dir().ok().and_then(|d| work_tree(&d));
            let files = saved
                .file_paths(p, here.as_deref())
                .context("Migration refused")?;
            saved.check_files(p, &files).context("Migration refused")?;
            (Some((p, saved)), files)
        }
        None => (None, args.files.clone()),
    };
    let (file_cfg, detector) = setup(global, &files)?;
    // The journal directory is locked for the whole run, planning included: a second run
    // waits for nothing and plans nothing, it refuses.
    let explicit_dir = args
        .journal_dir
        .clone()
        .or_else(|| file_cfg.migrate.journal_dir.clone());
    let repo = repository(&files[0]);
    let explicit_repo = explicit_dir.as_deref().and_then(repository);
    let dir = match (&explicit_dir, &repo) {
        // Files outside any git repository: the user's state directory, keyed by the
        // directory the run starts in (`migrate rollback` there finds it the same way).
        (None, None) => state_journal_dir(),
        _ => journal::journal_dir(
            explicit_dir.as_deref().map(|d| (d, explicit_repo.as_ref())),
            repo.as_ref(),
        )
        .map_err(anyhow::Error::from),
    };
    let lock = match &dir {
        Ok(d) => Some(lock_dir(d, "Migration refused")?),
        Err(_) => None,
    };
    let store = vault_store(&args.target.vault, &file_cfg.migrate)?;
    let mut opts = match &saved {
        Some((_, s)) => s.options.clone(),
        None => config::plan_options(&args.target, &file_cfg.migrate),
    };
    opts.repo = repo.as_ref().map(|r| r.root.clone());
    let mut plan = make_plan(&files, &opts, &detector, &store)?;
    if let Some((p, s)) = &saved {
        s.check_plan(p, &plan).context("Migration refused")?;
    }
    if !args.target.no_history {
        mark_exposed(&mut plan);
    }
    let todo: usize = plan.files.iter().map(|f| f.migrating().count()).sum();
    if !args.yes {
        print_plan(&plan, args.target.format)?;
        if todo == 0 {
            eprintln!("vaultsweep: nothing to migrate");
            return Ok(ExitStatus::Clean);
        }
        if !confirm(&plan)? {
            eprintln!("vaultsweep: not applied");
            return Ok(ExitStatus::Error);
        }
    }
    let lock = match (lock, dir) {
        (Some(l), _) => l,
        (None, Err(e)) if todo > 0 => return Err(e).context("Migration refused"),
        (None, _) => {
            println!("nothing to migrate: every secret already refers to Vault");
            return Ok(ExitStatus::Clean);
        }
    };
    let opts = ApplyOptions {
        overwrite: args.overwrite,
        force: args.force,
        repo: repo.as_ref().map(|r| r.root.clone()),
    };
    // Built from the files as planned, before anything is written: a file that cannot be
    // rendered stops the run here.
    let templates = match &args.emit_agent_template {
        Some(_) => Some(
            emit::agent_templates(&plan)
                .context("Failed to build the agent template; nothing migrated")?,
        ),
        None => None,
    };
    let mut hook = step_hook();
    let report = match apply::apply(&plan, &store, &opts, &lock, &mut hook) {
        Ok(r) => r,
        Err(f) => {
            // Only this run's journal, and only if it recorded something to finish or undo.
            if let Some(j) = &f.journal {
                let j = sanitize(&j.display().to_string());
                if f.resumable {
                    eprintln!(
                        "vaultsweep: this run's journal {j} is unfinished: once the cause is fixed, re-run `vaultsweep migrate apply` to finish, or undo with `vaultsweep migrate rollback {j}`"
                    );
                } else {
                    eprintln!(
                        "vaultsweep: this run's journal {j} is unfinished: undo it with `vaultsweep migrate rollback {j}`"
                    );
                }
            }
            return Err(anyhow::Error::new(f.error).context("Migration stopped"));
        }
    };
    record_guard(repo.as_ref(), &plan, &report)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if report.files.is_empty() {
        writeln!(
            out,
            "nothing to migrate: every secret already refers to Vault"
        )?;
    }
    for f in &report.files {
        let version = f
            .version
            .map(|v| format!(" version {v}"))
            .unwrap_or_default();
        let target = f
            .link_target
            .as_ref()
            .map(|t| {
                format!(
                    " (link target {} rewritten; link kept)",
                    sanitize(&t.display().to_string())
                )
            })
            .unwrap_or_default();
        writeln!(
            out,
            "{}: {} key(s) written, {} already present → {}{}; file rewritten{target}",
            sanitize(&f.file.display().to_string()),
            f.written.len(),
            f.unchanged.len(),
            f.destination,
            version
        )?;
    }
    if let Some(j) = &report.journal {
        eprintln!("vaultsweep: journal {}", j.display());
    }
    if let Some(a) = &report.audit_log {
        eprintln!("vaultsweep: audit log {}", a.display());
    }
    warn_exposed(&plan);
    for fp in &plan.files {
        if let Some(r) = &fp.runtime {
            eprintln!("vaultsweep: {}", sanitize(&r.note));
        }
    }
    if let Some(p) = &args.emit_policy {
        std::fs::write(p, emit::policy_hcl(&plan))
            .with_context(|| format!("Failed to write the policy to {}", p.display()))?;
        eprintln!("vaultsweep: policy written to {}", p.display());
    }
    if let (Some(p), Some(templates)) = (&args.emit_agent_template, templates) {
        write_templates(p, &templates, opts.repo.as_deref())?;
    }
    Ok(ExitStatus::Clean)
}

/// Records every value the run moved in the repository's guard file (issue 17), so that a
/// scan recognises it if it is pasted back. Outside a git repository there is no guard.
fn record_guard(repo: Option<&Repo>, plan: &Plan, report: &apply::ApplyReport) -> Result<()> {
    let Some(repo) = repo else {
        if !report.files.is_empty() {
            eprintln!("vaultsweep: not in a git repository: no guard file recorded");
        }
        return Ok(());
    };
    let done = |f: &Path| report.files.iter().any(|o| o.file == f);
    let moved: Vec<super::guard::Moved<'_>> = plan
        .files
        .iter()
        .filter(|fp| done(&fp.file))
        .flat_map(|fp| {
            fp.migrating().map(move |i| super::guard::Moved {
                file: &fp.file,
                key: &i.key,
                value: i.value.expose(),
                rule: i.rule.clone(),
                tier: i.tier,
                destination: i
                    .reference
                    .clone()
                    .unwrap_or_else(|| format!("vault:{}#{}", fp.destination, i.key)),
            })
        })
        .collect();
    if moved.is_empty() {
        return Ok(());
    }
    let (path, n) = super::guard::record(repo, &moved)
        .context("Values migrated, but the guard file could not be updated")?;
    eprintln!(
        "vaultsweep: guard {} records {n} migrated value(s) (fingerprints only; commit it)",
        sanitize(&path.display().to_string())
    );
    Ok(())
}

/// Writes the agent templates: one source → `path` is its template; several (or `path` is a
/// directory) → `path` is a directory holding `<source path in the repository, / as __>.tpl`.
fn write_templates(path: &Path, templates: &[AgentTemplate], repo: Option<&Path>) -> Result<()> {
    if let [t] = templates
        && !path.is_dir()
    {
        std::fs::write(path, &t.text)
            .with_context(|| format!("Failed to write the agent template to {}", path.display()))?;
        eprintln!(
            "vaultsweep: agent template for {} written to {}",
            sanitize(&t.source.display().to_string()),
            sanitize(&path.display().to_string())
        );
        return Ok(());
    }
    std::fs::create_dir_all(path)
        .with_context(|| format!("Failed to create {}", path.display()))?;
    for t in templates {
        let abs = std::path::absolute(&t.source)?;
        let rel = repo
            .and_then(|r| abs.strip_prefix(r).ok())
            .unwrap_or_else(|| Path::new(abs.file_name().unwrap_or_default()));
        let name = format!("{}.tpl", rel.to_string_lossy().replace('/', "__"));
        let dest = path.join(name);
        std::fs::write(&dest, &t.text)
            .with_context(|| format!("Failed to write the agent template to {}", dest.display()))?;
        eprintln!(
            "vaultsweep: agent template for {} written to {}",
            sanitize(&t.source.display().to_string()),
            sanitize(&dest.display().to_string())
        );
    }
    Ok(())
}

/// Takes the journal directory's lock, saying so when it was left by a dead process.
fn lock_dir(dir: &Path, what: &'static str) -> Result<DirLock> {
    let lock = DirLock::acquire(dir).context(what)?;
    if let Some(pid) = lock.stale_pid {
        log::warn!(
            "took over the lock of {} left by process {pid}, which is no longer running",
            sanitize(&dir.display().to_string())
        );
    }
    Ok(lock)
}

/// The repository holding `path` (resolved here and passed to `migrate`): the nearest
/// enclosing directory with a `.git` directory, or a `.git` file (`gitdir: …`, as in worktrees
/// and submodules) naming the git directory.
pub(crate) fn repository(path: &Path) -> Option<Repo> {
    let abs = std::path::absolute(path).ok()?;
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        let dot = d.join(".git");
        if dot.is_dir() {
            return Some(Repo {
                root: d.to_path_buf(),
                git_dir: dot,
            });
        }
        if dot.is_file() {
            let text = std::fs::read_to_string(&dot).ok()?;
            let target = PathBuf::from(text.trim().strip_prefix("gitdir:")?.trim());
            return Some(Repo {
                root: d.to_path_buf(),
                git_dir: if target.is_absolute() {
                    target
                } else {
                    d.join(target)
                },
            });
        }
        dir = d.parent();
    }
    None
}

/// The work tree holding `path`.
fn work_tree(path: &Path) -> Option<PathBuf> {
    repository(path).map(|r| r.root)
}

fn run_rollback(global: &GlobalArgs, args: &RollbackArgs) -> Result<ExitStatus> {
    let cwd = std::env::current_dir()?;
    let (_, file_cfg) = config::load_file_config(global, &cwd)?;
    let dir = match &args.journal {
        Some(j) => {
            if !j.is_file() {
                bail!("{}: no such journal", sanitize(&j.display().to_string()));
            }
            std::path::absolute(j)?
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| cwd.clone())
        }
        None => match args
            .journal_dir
            .clone()
            .or_else(|| file_cfg.migrate.journal_dir.clone())
        {
            Some(d) => d,
            None => match repository(&cwd) {
                Some(r) => r.git_dir.join("vaultsweep"),
                None => state_journal_dir()?,
            },
        },
    };
    if args.journal.is_none() && journal::journals_in(&dir)?.is_empty() {
        bail!("no journal in {}", sanitize(&dir.display().to_string()));
    }
    let lock = lock_dir(&dir, "Rollback refused")?;
    let journals = match &args.journal {
        Some(j) => vec![Journal::load(j)?],
        None => match journal::choose_for_rollback(&dir, args.all)? {
            RollbackChoice::Journals(v) => v,
            RollbackChoice::Ask(v) => {
                eprintln!(
                    "vaultsweep: journals in {}:",
                    sanitize(&dir.display().to_string())
                );
                for j in &v {
                    eprintln!(
                        "  {}  {}  {:11}  {} key(s) in {} file(s)",
                        sanitize(&j.path.display().to_string()),
                        j.created,
                        j.state().as_str(),
                        j.key_count(),
                        j.files.len()
                    );
                }
                let unfinished = v
                    .iter()
                    .filter(|j| j.state() == journal::JournalState::Unfinished)
                    .count();
                bail!(
                    "{}: name the journal to roll back (`vaultsweep migrate rollback JOURNAL`) or pass --all",
                    if unfinished == 0 {
                        "no unfinished journal, and a finished migration is rolled back only when named"
                    } else {
                        "several unfinished journals"
                    }
                );
            }
        },
    };
    if journals.is_empty() {
        eprintln!("vaultsweep: every journal is rolled back already");
        return Ok(ExitStatus::Clean);
    }
    let store = vault_store(&args.vault, &file_cfg.migrate)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for mut journal in journals {
        let opts = RollbackOptions {
            dry_run: args.dry_run,
            force: args.force,
            repo: journal.files.first().and_then(|f| work_tree(&f.file)),
        };
        let path = journal.path.clone();
        eprintln!(
            "vaultsweep: {} journal {}",
            if args.dry_run {
                "dry run of"
            } else {
                "rolling back"
            },
            sanitize(&path.display().to_string())
        );
        let outcomes = apply::rollback(&mut journal, &store, &opts, &lock)
            .with_context(|| format!("Rollback of {} stopped", path.display()))?;
        for o in outcomes {
            // Restored values are in the file again: the guard no longer watches for them.
            if !args.dry_run
                && !o.restored.is_empty()
                && let Some(r) = repository(&o.file)
            {
                let n = super::guard::forget(&r, &o.file, &o.restored)
                    .context("Rolled back, but the guard file could not be updated")?;
                if n > 0 {
                    eprintln!("vaultsweep: guard: {n} restored value(s) removed");
                }
            }
            writeln!(
                out,
                "{}: {} key(s) {} from Vault, {} already original{}",
                sanitize(&o.file.display().to_string()),
                o.restored.len(),
                if args.dry_run {
                    "would be restored"
                } else {
                    "restored"
                },
                o.already.len(),
                if o.skipped.is_empty() {
                    String::new()
                } else {
                    format!(", left alone (changed since): {}", o.skipped.join(", "))
                }
            )?;
        }
    }
    Ok(ExitStatus::Clean)
}

/// The journal directory of migrations run outside any git repository:
/// `$XDG_STATE_HOME/vaultsweep/journals/<dir>-<hash>` (else `~/.local/state/…`), keyed by the
/// absolute path of the current directory, so that `migrate rollback` run in the same directory
/// finds it. Never inside the work tree, so a journal is never committed.
pub(crate) fn state_journal_dir() -> Result<PathBuf> {
    use sha2::Digest;
    let cwd = std::path::absolute(std::env::current_dir()?)?;
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))
        .context(
            "not in a git repository and neither XDG_STATE_HOME nor HOME is set: pass --journal-dir",
        )?;
    let hash = hex::encode(sha2::Sha256::digest(cwd.as_os_str().as_encoded_bytes()));
    let name = cwd
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "root".into());
    Ok(base.join("vaultsweep/journals").join(format!(
        "{}-{}",
        sanitize(&name).replace('/', "_"),
        &hash[..16]
    )))
}
