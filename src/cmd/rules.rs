//! `vaultsweep rules list|check`.

use crate::cli::{GlobalArgs, ListFormat, RulesCommand};
use crate::config;
use crate::detect::examples::{ExampleProblem, check_all};
use crate::exit::ExitStatus;
use crate::rules::{self, RuleSet};
use anyhow::{Context, Result};
use std::io::Write;

/// Entry point.
pub fn run(global: &GlobalArgs, cmd: &RulesCommand) -> Result<ExitStatus> {
    match cmd {
        RulesCommand::List { format } => list(global, *format),
        RulesCommand::Check { files } => check(global, files),
    }
}

fn list(global: &GlobalArgs, format: ListFormat) -> Result<ExitStatus> {
    let (path, file) = config::load_file_config(global, std::path::Path::new("."))?;
    let set = config::rule_set(&file, path.as_deref())?;
    // Opt-in built-in rules the config does not enable are listed too, as off.
    let off: Vec<rules::Rule> = rules::builtin_all()?
        .rules()
        .iter()
        .filter(|r| r.opt_in && set.index_of(&r.id).is_none() && !file.disable.contains(&r.id))
        .cloned()
        .collect();
    let listed = set
        .rules()
        .iter()
        .map(|r| (r, true))
        .chain(off.iter().map(|r| (r, false)));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        ListFormat::Json => {
            let v: Vec<serde_json::Value> = listed
                .map(|(r, enabled)| {
                    serde_json::json!({
                        "id": r.id, "name": r.name, "category": r.category.as_str(),
                        "tier": r.tier.as_str(), "rotation_days": r.tier.rotation_days(),
                        "keywords": r.keywords, "source": r.source,
                        "search": r.search_scope(), "opt_in": r.opt_in, "enabled": enabled,
                        "confidence": r.confidence.as_str(),
                        "syntaxes": crate::rules::Syntax::ALL
                            .iter()
                            .filter(|s| r.applies_in(**s))
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>(),
                        "files": r.files.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let mut v = v;
            // The guard's rule (issue 17): no pattern, on where a guard file and its key are.
            v.push(serde_json::json!({
                "id": crate::guard::RULE_ID, "name": crate::guard::RULE_NAME,
                "category": "generic-secret", "tier": "critical", "rotation_days": 30,
                "keywords": [], "source": "guard", "search": "guard", "opt_in": false,
                "enabled": true, "confidence": "high",
                "syntaxes": crate::rules::Syntax::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                "files": [],
            }));
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            writeln!(
                out,
                "{:<40} {:<9} {:<7} {:<20} NAME",
                "ID", "TIER", "CONFID.", "CATEGORY"
            )?;
            for (r, enabled) in listed {
                let off = if enabled { "" } else { " (opt-in, off)" };
                writeln!(
                    out,
                    "{:<40} {:<9} {:<7} {:<20} {}{off}",
                    r.id,
                    r.tier.as_str(),
                    r.confidence.as_str(),
                    r.category.as_str(),
                    r.name
                )?;
            }
            writeln!(
                out,
                "{:<40} {:<9} {:<7} {:<20} {} (guard: where {} and its key exist)",
                crate::guard::RULE_ID,
                "critical",
                "high",
                "generic-secret",
                crate::guard::RULE_NAME,
                crate::guard::GUARD_FILE
            )?;
            writeln!(
                out,
                "{} rules on, {} opt-in rules off",
                set.len(),
                off.len()
            )?;
            // Counts of the rules in effect: per category, and the providers they name (an
            // id's first part; service rows marked by their source file).
            let mut by_category: std::collections::BTreeMap<&str, usize> = Default::default();
            let mut providers = std::collections::BTreeSet::new();
            let mut services = 0;
            for r in set.rules() {
                *by_category.entry(r.category.as_str()).or_default() += 1;
                providers.insert(r.id.split('.').next().unwrap_or(&r.id));
                services += usize::from(r.service.is_some());
            }
            let cats: Vec<String> = by_category
                .iter()
                .map(|(c, n)| format!("{c} {n}"))
                .collect();
            writeln!(out, "by category: {}", cats.join(", "))?;
            writeln!(
                out,
                "{} providers and rule families; {services} rules from service rows",
                providers.len()
            )?;
        }
    }
    out.flush()?;
    Ok(ExitStatus::Clean)
}

fn check(global: &GlobalArgs, files: &[std::path::PathBuf]) -> Result<ExitStatus> {
    let mut sets = Vec::new();
    if files.is_empty() {
        sets.push(("built-in rules".to_string(), rules::builtin_all()?));
        // …and the rules of the configuration in effect (`.vaultsweep.toml`, `--config`),
        // which `rules list` and every scan use.
        let (path, file) = config::load_file_config(global, std::path::Path::new("."))?;
        let own = config::own_rules(&file, path.as_deref())?;
        if let Some(first) = own.first() {
            sets.push((format!("{} rules", first.source), RuleSet::new(own)?));
        }
    }
    let mut status = ExitStatus::Clean;
    for f in files {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("Failed to read rule file {}", f.display()))?;
        let loaded = rules::from_toml_str(&text, &f.display().to_string()).and_then(|rules| {
            rules.iter().try_for_each(rules::load::compile_now)?;
            RuleSet::new(rules)
        });
        match loaded {
            Ok(set) => sets.push((f.display().to_string(), set)),
            Err(e) => {
                eprintln!("vaultsweep: {e}");
                status = ExitStatus::Error;
            }
        }
    }
    for (name, set) in &sets {
        let failures = check_all(set);
        for fail in &failures {
            let rule = &set.get(set.index_of(&fail.rule_id).expect("rule from this set"));
            let (what, list) = match fail.problem {
                ExampleProblem::MissedPositive => ("example does not match", &rule.examples),
                ExampleProblem::MissedInFile => (
                    "example matches alone but not as a line of a file (a `$` meant as the end \
                     of a line needs `(?m)`)",
                    &rule.examples,
                ),
                ExampleProblem::MatchedNegative => {
                    ("negative example matches", &rule.negative_examples)
                }
            };
            // Examples are fake by construction; still, print only a short prefix.
            let ex: String = list[fail.index].chars().take(40).collect();
            let cut = if list[fail.index].chars().count() > 40 {
                "…"
            } else {
                ""
            };
            eprintln!(
                "{}: rule {}: {what} (#{}: {:?}{cut})",
                fail.source,
                fail.rule_id,
                fail.index + 1,
                ex
            );
        }
        let examples: usize = set
            .rules()
            .iter()
            .map(|r| r.examples.len() + r.negative_examples.len())
            .sum();
        println!(
            "{name}: {} rules, {examples} examples, {} failure{}",
            set.len(),
            failures.len(),
            if failures.len() == 1 { "" } else { "s" }
        );
        if !failures.is_empty() {
            status = ExitStatus::Error;
        }
    }
    Ok(status)
}
