//! `vaultsweep hook install|uninstall|status`.

use crate::cli::{GlobalArgs, HookCommand};
use crate::exit::ExitStatus;
use crate::hook::{self, HookKind, HookState, Installed, Uninstalled};
use anyhow::{Context, Result};

/// Entry point.
pub fn run(_global: &GlobalArgs, cmd: &HookCommand) -> Result<ExitStatus> {
    match cmd {
        HookCommand::Install {
            pre_push,
            force,
            repo,
        } => {
            let kinds: &[HookKind] = if *pre_push {
                &HookKind::ALL
            } else {
                &[HookKind::PreCommit]
            };
            for &kind in kinds {
                let (path, done) = hook::install(repo, kind, *force)
                    .with_context(|| format!("Failed to install the {kind} hook"))?;
                let what = match done {
                    Installed::New => "installed".to_string(),
                    Installed::Updated => "updated".to_string(),
                    Installed::Replaced => {
                        "installed, replacing the previous hook (--force)".to_string()
                    }
                    Installed::Chained(local) => format!(
                        "installed; the previous hook was kept as {} and runs first",
                        local.display()
                    ),
                };
                eprintln!("vaultsweep: {kind} hook {what}: {}", path.display());
            }
            if !on_path("vaultsweep") {
                eprintln!(
                    "vaultsweep: warning: `vaultsweep` is not on PATH; the hook will block commits until it is (or set VAULTSWEEP_BIN)"
                );
            }
            Ok(ExitStatus::Clean)
        }
        HookCommand::Uninstall { repo } => {
            for kind in HookKind::ALL {
                let (path, done) = hook::uninstall(repo, kind)
                    .with_context(|| format!("Failed to uninstall the {kind} hook"))?;
                match done {
                    Uninstalled::NotInstalled => {}
                    Uninstalled::Removed { restored: None } => {
                        eprintln!("vaultsweep: {kind} hook removed: {}", path.display())
                    }
                    Uninstalled::Removed {
                        restored: Some(local),
                    } => eprintln!(
                        "vaultsweep: {kind} hook removed; restored {} to {}",
                        local.display(),
                        path.display()
                    ),
                }
            }
            Ok(ExitStatus::Clean)
        }
        HookCommand::Status { repo } => {
            for kind in HookKind::ALL {
                let st = hook::status(repo, kind)
                    .with_context(|| format!("Failed to inspect the {kind} hook"))?;
                let state = match st.state {
                    HookState::Missing => "not installed".to_string(),
                    HookState::Foreign => "another tool's hook (not vaultsweep)".to_string(),
                    HookState::Installed { chained, current } => format!(
                        "installed{}{}",
                        if chained {
                            format!(", chaining {kind}.local")
                        } else {
                            String::new()
                        },
                        if current {
                            ""
                        } else {
                            ", outdated (run `vaultsweep hook install` to update)"
                        }
                    ),
                };
                let via = if st.from_hooks_path {
                    " (core.hooksPath)"
                } else {
                    ""
                };
                println!("{kind}: {state}: {}{via}", st.path.display());
            }
            Ok(ExitStatus::Clean)
        }
    }
}

/// True if `name` is an executable file in a `PATH` directory.
fn on_path(name: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| {
        std::env::split_paths(&p).any(|d| {
            let f = d.join(name);
            f.is_file()
        })
    })
}
