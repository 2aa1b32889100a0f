//! `scan --verify`: builds `verify::VerifyOptions` from the flags and the environment
//! (`VAULT_ADDR`, `HTTPS_PROXY`), runs the verifiers with a progress bar on a terminal, prints
//! what a dry run would contact, and orders live findings first.

use crate::cli::VerifyArgs;
use crate::finding::Finding;
use crate::rules::RuleSet;
use crate::verify::{self, VerifyOptions, VerifyRun};
use anyhow::{Context, Result, bail};
use std::io::IsTerminal;
use std::time::Duration;

/// The options from the flags and the environment.
pub fn options(args: &VerifyArgs) -> Result<VerifyOptions> {
    let mut resolve = Vec::new();
    for r in &args.verify_resolve {
        let Some((host, addr)) = r.split_once('=') else {
            bail!("--verify-resolve takes HOST=ADDR:PORT, not {r:?}");
        };
        let addr = addr
            .parse()
            .with_context(|| format!("--verify-resolve: bad address {addr:?}"))?;
        resolve.push((host.to_ascii_lowercase(), addr));
    }
    let ca_pem = match &args.verify_ca_file {
        Some(p) => {
            Some(std::fs::read(p).with_context(|| format!("Failed to read {}", p.display()))?)
        }
        None => None,
    };
    // A host, host:port or *.suffix: a URL or a path here would allow nothing, silently.
    for h in &args.verify_hosts {
        let (name, port) = match h.rsplit_once(':') {
            Some((n, p)) => (n, Some(p)),
            None => (h.as_str(), None),
        };
        let name = name.strip_prefix("*.").unwrap_or(name);
        let ipv6 = name.starts_with('[') && name.ends_with(']');
        let ok_name = ipv6
            || !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        let ok_port = port.is_none_or(|p| p.parse::<u16>().is_ok());
        if !ok_name || !ok_port {
            bail!(
                "--verify-hosts takes HOST, HOST:PORT or *.SUFFIX (no scheme or path), not {h:?}"
            );
        }
    }
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    Ok(VerifyOptions {
        only: args.verify_only.clone(),
        exclude: args.verify_exclude.clone(),
        hosts: args.verify_hosts.clone(),
        dry_run: args.verify_dry_run,
        vault_addr: args.verify_vault_addr.clone().or_else(|| env("VAULT_ADDR")),
        proxy: env("HTTPS_PROXY").or_else(|| env("https_proxy")),
        rate: args.verify_rate.max(1),
        timeout: Duration::from_secs(args.verify_timeout.max(1)),
        resolve,
        ca_pem,
    })
}

/// Verifies `findings` in place and orders live ones first; prints a dry run's endpoints on
/// stderr.
pub fn run(
    args: &VerifyArgs,
    rules: &RuleSet,
    findings: &mut [Finding],
    quiet: bool,
) -> Result<VerifyRun> {
    let opts = options(args)?;
    let show = !quiet && std::io::stderr().is_terminal();
    let bar = if show {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "verifying {bar:30} {pos}/{len} secrets ({per_sec}) {elapsed}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let progress = |done: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(done);
    };
    crate::ui::install_interrupt_handler();
    let run = verify::verify(findings, rules, &opts, &progress, &crate::ui::INTERRUPTED);
    bar.finish_and_clear();
    if opts.dry_run {
        if run.would_contact.is_empty() {
            eprintln!("verify dry run: nothing would be contacted");
        } else {
            eprintln!("verify dry run: would contact (nothing was contacted):");
            for e in &run.would_contact {
                eprintln!("  {}", crate::report::sanitize(e));
            }
        }
    }
    log::info!(
        "verification: {} attempt(s), {} host(s) contacted",
        run.attempts,
        run.contacted.len()
    );
    verify::live_first(findings);
    Ok(run)
}
