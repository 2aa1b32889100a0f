//! `vaultsweep migrate plan|apply|rollback`: configuration from flags, `VAULT_*` and
//! `[migrate]`, the plan table, the confirmation prompt, progress and outcome messages.
//!
//! Test instrumentation (environment, read here only): `VAULTSWEEP_CRASH_AFTER=<step>` aborts
//! the process after that step (as `kill -9` would); `VAULTSWEEP_PAUSE_AFTER=<step>` with
//! `VAULTSWEEP_PAUSE_FILE=<path>` creates the file after that step and waits until it is removed.

use crate::cli::{
    ApplyArgs, GlobalArgs, MigrateArgs, MigrateCommand, PlanFormat, RollbackArgs, VaultArgs,
};
use crate::config::{self, FileConfig, MigrateFileConfig};
use crate::detect::Detector;
use crate::exit::ExitStatus;
use crate::migrate::apply::{self, ApplyOptions, Journal, Step};
use crate::migrate::plan::{self, Action, Plan, PlanOptions};
use crate::report::sanitize;
use crate::vault::{KvStore, VaultSettings};
use anyhow::{Context, Result, bail};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Entry point.
pub fn run(global: &GlobalArgs, cmd: &MigrateCommand) -> Result<ExitStatus> {
    match cmd {
        MigrateCommand::Plan(args) => {
            let (file_cfg, detector) = setup(global, &args.files)?;
            let store = vault_store(&args.vault, &file_cfg.migrate)?;
            let plan = make_plan(args, &file_cfg.migrate, &detector, &store)?;
            print_plan(&plan, args.format)?;
            Ok(ExitStatus::Clean)
        }
        MigrateCommand::Apply(args) => run_apply(global, args),
        MigrateCommand::Rollback(args) => run_rollback(global, args),
    }
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

/// The Vault client from flags / `VAULT_*` / `[migrate]` (token also from `~/.vault-token`).
pub fn vault_store(args: &VaultArgs, cfg: &MigrateFileConfig) -> Result<KvStore> {
    let addr = args
        .vault_addr
        .clone()
        .or_else(|| cfg.vault_addr.clone())
        .context("VAULT_ADDR is not set (or vault_addr in [migrate] of .vaultsweep.toml)")?;
    let token = match &args.vault_token {
        Some(t) if !t.is_empty() => t.clone(),
        _ => std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join(".vault-token"))
            .and_then(|p| std::fs::read_to_string(p).ok())
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .context("VAULT_TOKEN is not set (and there is no ~/.vault-token)")?,
    };
    let settings = VaultSettings {
        addr,
        token,
        namespace: args
            .vault_namespace
            .clone()
            .or_else(|| cfg.vault_namespace.clone())
            .filter(|n| !n.is_empty()),
        cacert: args
            .vault_cacert
            .clone()
            .or_else(|| cfg.vault_cacert.clone()),
        timeout: Duration::from_secs(args.vault_timeout.or(cfg.vault_timeout).unwrap_or(15)),
    };
    KvStore::new(settings).context("Failed to configure the Vault client")
}

fn plan_options(args: &MigrateArgs, cfg: &MigrateFileConfig) -> PlanOptions {
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
            .unwrap_or_else(|| plan::DEFAULT_PATH_TEMPLATE.into()),
        include,
        exclude,
    }
}

fn make_plan(
    args: &MigrateArgs,
    cfg: &MigrateFileConfig,
    detector: &Detector,
    store: &KvStore,
) -> Result<Plan> {
    let opts = plan_options(args, cfg);
    plan::plan(&args.files, &opts, detector, store).context("Failed to plan the migration")
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
            writeln!(
                out,
                "  {:w$}  {:8}  {:16}  {}",
                sanitize(&i.key),
                tier,
                i.action.as_str(),
                i.reason
            )?;
        }
        let moving = fp.migrating().count();
        writeln!(out, "  {moving} key(s) to migrate\n")?;
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
    let (file_cfg, detector) = setup(global, &args.target.files)?;
    let store = vault_store(&args.target.vault, &file_cfg.migrate)?;
    let plan = make_plan(&args.target, &file_cfg.migrate, &detector, &store)?;
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
    let opts = ApplyOptions {
        overwrite: args.overwrite,
        journal_dir: args
            .journal_dir
            .clone()
            .or_else(|| file_cfg.migrate.journal_dir.clone()),
    };
    let mut hook = step_hook();
    let result = apply::apply(&plan, &store, &opts, &mut hook);
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            let journal = apply::journal_dir(opts.journal_dir.as_deref(), &plan.files[0].file)
                .ok()
                .and_then(|d| apply::journals_in(&d).ok())
                .and_then(|v| v.last().cloned());
            if let Some(j) = journal {
                eprintln!(
                    "vaultsweep: journal {} (re-run `migrate apply` to finish, or `migrate rollback` to undo)",
                    j.display()
                );
            }
            return Err(anyhow::Error::new(e).context("Migration stopped"));
        }
    };
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
        writeln!(
            out,
            "{}: {} key(s) written, {} already present → {}{}; file rewritten",
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
    if let Some(p) = &args.emit_policy {
        std::fs::write(p, policy_hcl(&plan))
            .with_context(|| format!("Failed to write the policy to {}", p.display()))?;
        eprintln!("vaultsweep: policy written to {}", p.display());
    }
    if let Some(p) = &args.emit_agent_template {
        let t = agent_template(&plan).context("Failed to build the agent template")?;
        std::fs::write(p, t)
            .with_context(|| format!("Failed to write the agent template to {}", p.display()))?;
        eprintln!("vaultsweep: agent template written to {}", p.display());
    }
    Ok(ExitStatus::Clean)
}

/// A least-privilege policy: read on each secret's data path, list (and read) on its metadata.
fn policy_hcl(plan: &Plan) -> String {
    let mut out = String::from(
        "# Vault policy written by `vaultsweep migrate apply`: read-only access to the\n# migrated secrets.\n",
    );
    let mut seen = std::collections::BTreeSet::new();
    for fp in &plan.files {
        if fp.migrating().next().is_none() && !fp.items.iter().any(|i| i.action == Action::Done) {
            continue;
        }
        if !seen.insert(fp.destination.clone()) {
            continue;
        }
        match fp.kv_version {
            crate::vault::KvVersion::V2 => {
                out.push_str(&format!(
                    "\npath \"{}/data/{}\" {{\n  capabilities = [\"read\"]\n}}\n\npath \"{}/metadata/{}\" {{\n  capabilities = [\"list\", \"read\"]\n}}\n",
                    fp.mount, fp.path, fp.mount, fp.path
                ));
            }
            crate::vault::KvVersion::V1 => {
                out.push_str(&format!(
                    "\npath \"{}/{}\" {{\n  capabilities = [\"read\"]\n}}\n",
                    fp.mount, fp.path
                ));
            }
        }
    }
    out
}

/// A Vault Agent template rendering the (rewritten) env files: each reference becomes a
/// `{{ with secret … }}` lookup, every other byte is kept.
fn agent_template(plan: &Plan) -> Result<String> {
    let mut out = String::new();
    for fp in &plan.files {
        if fp.format != crate::migrate::parse::FileFormat::Dotenv {
            continue;
        }
        let bytes = std::fs::read(&fp.file)
            .with_context(|| format!("Failed to read {}", fp.file.display()))?;
        let doc = crate::migrate::parse::parse(&fp.file, &bytes, fp.format)?;
        let field = match fp.kv_version {
            crate::vault::KvVersion::V2 => ".Data.data",
            crate::vault::KvVersion::V1 => ".Data",
        };
        let reps: Vec<_> = doc
            .entries
            .iter()
            .filter_map(|e| {
                let r =
                    crate::vault::Reference::parse(std::str::from_utf8(e.value.expose()).ok()?)?;
                let expr = format!(
                    "{{{{ with secret \"{}\" }}}}{{{{ index {} \"{}\" }}}}{{{{ end }}}}",
                    r.api_path, field, r.key
                );
                Some((
                    e.span.clone(),
                    crate::migrate::parse::encode(fp.format, e.quote, &expr),
                ))
            })
            .collect();
        let text = crate::migrate::rewrite::replace_spans(&bytes, &reps);
        out.push_str(&String::from_utf8_lossy(&text));
    }
    Ok(out)
}

fn run_rollback(global: &GlobalArgs, args: &RollbackArgs) -> Result<ExitStatus> {
    let cwd = std::env::current_dir()?;
    let (_, file_cfg) = config::load_file_config(global, &cwd)?;
    let journals = match &args.journal {
        Some(j) => vec![j.clone()],
        None => {
            let dir = match args
                .journal_dir
                .clone()
                .or_else(|| file_cfg.migrate.journal_dir.clone())
            {
                Some(d) => d,
                None => crate::migrate::git_dir(&cwd)
                    .map(|g| g.join("vaultsweep"))
                    .context("not in a git repository: name the JOURNAL or pass --journal-dir")?,
            };
            let mut v = apply::journals_in(&dir)?;
            v.reverse();
            if v.is_empty() {
                bail!("no journal in {}", dir.display());
            }
            v
        }
    };
    let store = vault_store(&args.vault, &file_cfg.migrate)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in journals {
        let mut journal = Journal::load(&path)?;
        let outcomes = apply::rollback(&mut journal, &store)
            .with_context(|| format!("Rollback of {} stopped", path.display()))?;
        for o in outcomes {
            writeln!(
                out,
                "{}: {} key(s) restored from Vault, {} already original{}",
                sanitize(&o.file.display().to_string()),
                o.restored.len(),
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
