//! `vaultsweep exec` and `vaultsweep env`: resolve `vault:` references (from env files and the
//! inherited environment) with one read per secret path; never print a value unless
//! `env --show-secrets`.

use crate::cli::{EnvArgs, ExecArgs, GlobalArgs, VaultArgs};
use crate::config;
use crate::exit::ExitStatus;
use crate::migrate::{emit, parse};
use crate::report::sanitize;
use crate::vault::{KvData, Reference, SecretStore};
use anyhow::{Context, Result, bail};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::PathBuf;

/// Variables from env files, in order (later files win), decoded.
fn load_env_files(files: &[PathBuf]) -> Result<Vec<(String, String)>> {
    let mut vars: Vec<(String, String)> = Vec::new();
    for f in files {
        let bytes = std::fs::read(f).with_context(|| format!("Failed to read {}", f.display()))?;
        let doc = parse::parse_dotenv(f, &bytes)?;
        for e in doc.entries {
            let v = String::from_utf8_lossy(e.value.expose()).into_owned();
            vars.retain(|(k, _)| k != &e.key);
            vars.push((e.key, v));
        }
    }
    Ok(vars)
}

/// Variables from JSON files (after the env files; later files win): every string value,
/// named by [`emit::json_variable`]. Two keys of one file with the same name are an error.
fn load_json_files(files: &[PathBuf], vars: &mut Vec<(String, String)>) -> Result<()> {
    for f in files {
        let bytes = std::fs::read(f).with_context(|| format!("Failed to read {}", f.display()))?;
        let doc = parse::parse_json(f, &bytes)?;
        let mut seen: HashMap<String, String> = HashMap::new();
        for e in doc.entries {
            let name = emit::json_variable(&e.key);
            if let Some(other) = seen.insert(name.clone(), e.key.clone()) {
                bail!(
                    "{}: keys {} and {} both become the variable {name}",
                    sanitize(&f.display().to_string()),
                    sanitize(&other),
                    sanitize(&e.key)
                );
            }
            let v = String::from_utf8_lossy(e.value.expose()).into_owned();
            vars.retain(|(k, _)| k != &name);
            vars.push((name, v));
        }
    }
    Ok(())
}

/// Env files, then JSON files.
fn load_files(env_files: &[PathBuf], json_files: &[PathBuf]) -> Result<Vec<(String, String)>> {
    let mut vars = load_env_files(env_files)?;
    load_json_files(json_files, &mut vars)?;
    Ok(vars)
}

/// A secret to read: API path and pinned version.
type SecretId = (String, Option<u64>);

/// Resolves every `vault:` value in `vars`, reading each secret path once.
fn resolve(store: &dyn SecretStore, vars: &[(String, String)]) -> Result<HashMap<String, String>> {
    let mut by_secret: BTreeMap<SecretId, Vec<(String, Reference)>> = BTreeMap::new();
    for (name, value) in vars {
        if !value.starts_with("vault:") {
            continue;
        }
        let r = Reference::parse(value).with_context(|| {
            format!("{name}: malformed vault reference (expected vault:<mount>/<path>#<KEY>)")
        })?;
        by_secret
            .entry((r.api_path.clone(), r.version))
            .or_default()
            .push((name.clone(), r));
    }
    let mut out = HashMap::new();
    for ((api_path, version), refs) in by_secret {
        let mount = store
            .mount_info(&api_path)
            .with_context(|| format!("Failed to find the KV mount of {api_path}"))?;
        let path = refs[0]
            .1
            .secret_path(&mount)
            .with_context(|| format!("{api_path}: not a secret path in mount {}", mount.path))?;
        let data: KvData = match version {
            Some(v) => {
                store
                    .read_version(&mount.path, &path, v)
                    .with_context(|| format!("Failed to read {api_path} version {v}"))?
                    .data
            }
            None => {
                store
                    .read(&mount, &path)
                    .with_context(|| format!("Failed to read {api_path}"))?
                    .with_context(|| format!("{api_path}: no such secret"))?
                    .data
            }
        };
        for (name, r) in refs {
            let v = data
                .get_str(&r.key)
                .with_context(|| format!("{name}: key {} not found in {api_path}", r.key))?;
            out.insert(name, v.to_string());
        }
    }
    Ok(out)
}

fn store_for(
    global: &GlobalArgs,
    vault: &VaultArgs,
    first: &std::path::Path,
) -> Result<crate::vault::KvStore> {
    let (_, file_cfg) = config::load_file_config(global, first)?;
    super::migrate::vault_store(vault, &file_cfg.migrate)
}

/// `vaultsweep exec`.
pub fn run_exec(global: &GlobalArgs, args: &ExecArgs) -> Result<ExitStatus> {
    let file_vars = load_files(&args.env_files, &args.json_files)?;
    let inherited: Vec<(String, String)> = std::env::vars()
        .filter(|(k, v)| v.starts_with("vault:") && !file_vars.iter().any(|(fk, _)| fk == k))
        .collect();
    let mut all = file_vars.clone();
    all.extend(inherited);
    let needs_vault = all.iter().any(|(_, v)| v.starts_with("vault:"));
    let resolved = if needs_vault {
        let cwd = std::env::current_dir()?;
        let first = args
            .env_files
            .first()
            .or(args.json_files.first())
            .cloned()
            .unwrap_or(cwd);
        let store = store_for(global, &args.vault, &first)?;
        resolve(&store, &all)?
    } else {
        HashMap::new()
    };
    let (program, rest) = args.command.split_first().context("no COMMAND given")?;
    let mut cmd = std::process::Command::new(program);
    cmd.args(rest);
    for (k, v) in &all {
        cmd.env(k, resolved.get(k).unwrap_or(v));
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let err = cmd.exec();
        bail!(
            "Failed to run {}: {err}",
            sanitize(&program.to_string_lossy())
        );
    }
    #[cfg(not(unix))]
    {
        let status = cmd
            .status()
            .with_context(|| format!("Failed to run {}", program.to_string_lossy()))?;
        std::process::exit(status.code().unwrap_or(1));
    }
}

/// Quotes a value for POSIX shells.
fn shell_quote(v: &str) -> String {
    format!("'{}'", v.replace('\'', "'\\''"))
}

/// `vaultsweep env`.
pub fn run_env(global: &GlobalArgs, args: &EnvArgs) -> Result<ExitStatus> {
    let vars = load_files(&args.env_files, &args.json_files)?;
    let needs_vault = vars.iter().any(|(_, v)| v.starts_with("vault:"));
    let resolved = if needs_vault {
        let first = args.env_files.first().or(args.json_files.first());
        let store = store_for(global, &args.vault, first.context("no file given")?)?;
        resolve(&store, &vars)?
    } else {
        HashMap::new()
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (k, v) in &vars {
        match resolved.get(k) {
            Some(secret) if args.show_secrets => {
                writeln!(out, "export {k}={}", shell_quote(secret))?
            }
            Some(secret) => writeln!(
                out,
                "# export {k}=…  ({} chars from {}; add --show-secrets to print)",
                secret.chars().count(),
                sanitize(v)
            )?,
            None if !args.show_secrets && crate::detect::names::is_sensitive_setting(k) => {
                writeln!(
                    out,
                    "# export {k}=…  ({} chars, not in Vault; add --show-secrets to print)",
                    v.chars().count()
                )?
            }
            None => writeln!(out, "export {k}={}", shell_quote(v))?,
        }
    }
    out.flush()?;
    Ok(ExitStatus::Clean)
}

#[cfg(test)]
mod tests {
    #[test]
    fn shell_quoting() {
        assert_eq!(super::shell_quote("it's"), "'it'\\''s'");
        assert_eq!(super::shell_quote("a b"), "'a b'");
    }
}
