//! SARIF 2.1.0 through `serde-sarif`, shaped for GitHub code scanning.

use super::Report;
use crate::finding::{Finding, Tier};
use crate::rules::Rule;
use serde_json::json;
use serde_sarif::sarif::{
    ArtifactContent, ArtifactLocation, Invocation, Location, Message, MultiformatMessageString,
    Notification, PhysicalLocation, PropertyBag, Region, ReportingConfiguration,
    ReportingDescriptor, ReportingDescriptorReference, ReportingDescriptorRelationship,
    Result as SarifResult, ResultLevel, Run, SCHEMA_URL, Sarif, Tool, ToolComponent,
};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// Key under which our fingerprint travels in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "vaultsweep/v1";

/// SARIF level for a tier.
pub fn level(t: Tier) -> &'static str {
    match t {
        Tier::Critical | Tier::High => "error",
        Tier::Medium => "warning",
        Tier::Low => "note",
    }
}

/// GitHub `security-severity` for a tier.
pub fn security_severity(t: Tier) -> &'static str {
    match t {
        Tier::Critical => "9.5",
        Tier::High => "8.0",
        Tier::Medium => "5.5",
        Tier::Low => "3.0",
    }
}

fn result_level(t: Tier) -> ResultLevel {
    match t {
        Tier::Critical | Tier::High => ResultLevel::Error,
        Tier::Medium => ResultLevel::Warning,
        Tier::Low => ResultLevel::Note,
    }
}

fn props(pairs: Vec<(&str, serde_json::Value)>, tags: Option<Vec<String>>) -> PropertyBag {
    let map: BTreeMap<String, serde_json::Value> =
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    match tags {
        Some(t) => PropertyBag::builder()
            .tags(t)
            .additional_properties(map)
            .build(),
        None => PropertyBag::builder().additional_properties(map).build(),
    }
}

/// The descriptor id for results of `rule` at `tier`: the rule's id at its base tier, else
/// `<rule id>/<tier>` (GitHub shows a descriptor's severity, not a result's).
pub fn descriptor_id(rule: &Rule, tier: Tier) -> String {
    if tier == rule.tier {
        rule.id.clone()
    } else {
        format!("{}/{}", rule.id, tier.as_str())
    }
}

/// The descriptor of `rule` for results at `tier`. At another tier than the rule's own it is
/// related to the base descriptor (index `base_index`) as a subset of it.
fn descriptor(rule: &Rule, tier: Tier, base_index: usize) -> ReportingDescriptor {
    let days = tier.rotation_days();
    let what = rule
        .description
        .clone()
        .unwrap_or_else(|| format!("{} ({}).", rule.name, rule.category));
    let help_text = format!(
        "{what} Remove it from the code and history, rotate it (the secrets guide requires {} secrets to be rotated every {days} days), and store it in Vault: `vaultsweep migrate plan FILE` moves .env/JSON values into Vault KV and rewrites the file to reference them. If this is a false positive, add a `vaultsweep:allow` comment on the line or accept it in a baseline.",
        tier
    );
    let mut help_md = format!(
        "**{}** — tier **{}**, rotate every **{days} days**.\n\n{help_text}",
        rule.name, tier
    );
    for r in &rule.references {
        help_md.push_str(&format!("\n\n- <{r}>"));
    }
    let short = if tier == rule.tier {
        rule.name.clone()
    } else {
        format!("{} ({tier})", rule.name)
    };
    let mut d = ReportingDescriptor::builder()
        .id(descriptor_id(rule, tier))
        .name(rule.name.clone())
        .short_description(MultiformatMessageString::builder().text(short).build())
        .full_description(MultiformatMessageString::builder().text(what).build())
        .help(
            MultiformatMessageString::builder()
                .text(help_text)
                .markdown(help_md)
                .build(),
        )
        .default_configuration(level_at(tier))
        .properties(descriptor_properties(
            tier,
            &rule.id,
            rule.tier,
            rule.category.as_str(),
            rule.confidence.as_str(),
            rule.category.as_str(),
        ))
        .build();
    if tier != rule.tier {
        d.relationships = Some(vec![
            ReportingDescriptorRelationship::builder()
                .target(
                    ReportingDescriptorReference::builder()
                        .id(rule.id.clone())
                        .index(base_index as i64)
                        .build(),
                )
                .kinds(vec!["subset".to_string()])
                .description(
                    Message::builder()
                        .text(format!(
                            "Results of rule {} whose tier the context raised or lowered from {} to {tier}.",
                            rule.id, rule.tier
                        ))
                        .build(),
                )
                .build(),
        ]);
    }
    d
}

/// The descriptor of the guard's rule (`guard.migrated-value`, issue 17).
fn guard_descriptor() -> ReportingDescriptor {
    let tier = Tier::Critical;
    let what = "A value that `vaultsweep migrate` moved into Vault is in a file again (found by its keyed fingerprint in the repository's guard file, not by a pattern).";
    let help = "The value lives in Vault now, at the path the result names: read it from there at run time (`vaultsweep exec`, an agent template) and remove it from the file. If it was committed, rotate it in Vault (the secrets guide requires CRITICAL secrets to be rotated every 30 days).";
    ReportingDescriptor::builder()
        .id(crate::guard::RULE_ID)
        .name(crate::guard::RULE_NAME)
        .short_description(
            MultiformatMessageString::builder()
                .text(crate::guard::RULE_NAME)
                .build(),
        )
        .full_description(MultiformatMessageString::builder().text(what).build())
        .help(MultiformatMessageString::builder().text(help).build())
        .default_configuration(level_at(tier))
        .properties(descriptor_properties(
            tier,
            crate::guard::RULE_ID,
            tier,
            "generic-secret",
            "high",
            "guard",
        ))
        .build()
}

/// A descriptor's default level: the tier's.
fn level_at(tier: Tier) -> ReportingConfiguration {
    ReportingConfiguration::builder()
        .level(json!(level(tier)))
        .build()
}

/// A descriptor's properties: severity, tier and what it derives from, category, rotation
/// period and confidence (as `precision` too, GitHub's name for it); tags `security`, `secret`
/// and `tag`.
fn descriptor_properties(
    tier: Tier,
    base_rule: &str,
    base_tier: Tier,
    category: &str,
    confidence: &str,
    tag: &str,
) -> PropertyBag {
    props(
        vec![
            ("security-severity", json!(security_severity(tier))),
            ("tier", json!(tier.as_str())),
            ("base_rule", json!(base_rule)),
            ("base_tier", json!(base_tier.as_str())),
            ("category", json!(category)),
            ("rotation_days", json!(tier.rotation_days())),
            ("precision", json!(confidence)),
            ("confidence", json!(confidence)),
        ],
        Some(vec!["security".into(), "secret".into(), tag.into()]),
    )
}

/// Percent-encodes a path for a URI (RFC 3986): unreserved characters and `/` stay, every
/// other byte of the UTF-8 (or raw) path becomes `%XX`.
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The artifact URI: relative to `%SRCROOT%` when the file is below it, else absolute.
fn uri(report: &Report<'_>, f: &Finding) -> String {
    percent_encode_path(&super::root_relative(report, f))
}

/// A result, pointing at its descriptor (`ruleId`, `ruleIndex`) when it has one.
fn result(report: &Report<'_>, f: &Finding, descriptor: Option<(&str, usize)>) -> SarifResult {
    let mut region = Region::builder()
        .start_line(f.location.line as i64)
        .start_column(f.location.column as i64)
        .end_line(f.location.end_line as i64)
        .end_column(f.location.end_column as i64)
        .build();
    if report.show_secrets {
        region.snippet = Some(
            ArtifactContent::builder()
                .text(String::from_utf8_lossy(f.secret.expose()).into_owned())
                .build(),
        );
    }
    let path = uri(report, f);
    let artifact = if path.starts_with('/') {
        ArtifactLocation::builder()
            .uri(format!("file://{path}"))
            .build()
    } else {
        ArtifactLocation::builder()
            .uri(path)
            .uri_base_id("%SRCROOT%")
            .build()
    };
    let location = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(artifact)
                .region(region)
                .build(),
        )
        .build();
    let message = format!(
        "{} ({}) {}: {}. Rotate within {} days and move it to Vault.",
        f.rule_name,
        f.tier,
        f.key
            .as_deref()
            .map(|k| format!("assigned to {k}"))
            .unwrap_or_else(|| "found".into()),
        report.secret_text(f),
        f.rotation_days()
    );
    let mut fp = BTreeMap::new();
    fp.insert(FINGERPRINT_KEY.to_string(), f.fingerprint.0.clone());
    let mut b = SarifResult::builder()
        .rule_id(descriptor.map_or(f.rule_id.clone(), |(id, _)| id.to_string()))
        .level(result_level(f.tier))
        .message(Message::builder().text(message).build())
        .locations(vec![location])
        .partial_fingerprints(fp)
        .properties(props(
            [
                ("tier", json!(f.tier.as_str())),
                ("rule_id", json!(f.rule_id)),
                ("category", json!(f.category.as_str())),
                ("rotation_days", json!(f.rotation_days())),
                ("confidence", json!(f.confidence.as_str())),
                ("context", json!(f.context.as_str())),
                ("secret_masked", json!(f.secret.masked())),
                ("secret_hash", json!(f.secret.salted_hash())),
            ]
            .into_iter()
            .chain(f.encoding.as_ref().map(|e| ("encoding", json!(e))))
            .chain(super::verification_json(f).map(|v| ("verification", v)))
            .chain(super::json::git_fields(f).unwrap_or_default())
            .collect(),
            None,
        ))
        .build();
    // `ruleId` + `ruleIndex`, not `rule`: the descriptor is in tool.driver, where the SARIF
    // multitool's SARIF2004 asks for `ruleId` alone.
    b.rule_index = descriptor.map(|(_, i)| i as i64);
    b
}

/// Builds the SARIF log.
pub fn build(report: &Report<'_>) -> Sarif {
    let all = report.rules.rules();
    // One descriptor per rule at its base tier (index = the rule's index), then one per
    // (rule, other tier) that a result actually reached, in rule then tier order.
    let mut rules: Vec<ReportingDescriptor> = all
        .iter()
        .enumerate()
        .map(|(i, r)| descriptor(r, r.tier, i))
        .collect();
    let reached: BTreeSet<(usize, Tier)> = report
        .findings
        .iter()
        .filter_map(|f| Some((report.rules.index_of(&f.rule_id)?, f.tier)))
        .filter(|&(i, t)| all[i].tier != t)
        .collect();
    let mut index_of: BTreeMap<(usize, Tier), usize> = BTreeMap::new();
    for (i, t) in reached {
        index_of.insert((i, t), rules.len());
        rules.push(descriptor(&all[i], t, i));
    }
    // The guard's rule (not a pattern rule, always in effect where a guard file is), last.
    rules.push(guard_descriptor());
    let guard_at = Some(rules.len() - 1);
    let results: Vec<SarifResult> = report
        .findings
        .iter()
        .map(|f| {
            let d = report
                .rules
                .index_of(&f.rule_id)
                .map(|i| {
                    let at = if all[i].tier == f.tier {
                        i
                    } else {
                        index_of[&(i, f.tier)]
                    };
                    (descriptor_id(&all[i], f.tier), at)
                })
                .or_else(|| {
                    guard_at
                        .filter(|_| f.rule_id == crate::guard::RULE_ID)
                        .map(|at| (f.rule_id.clone(), at))
                });
            result(report, f, d.as_ref().map(|(id, at)| (id.as_str(), *at)))
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("vaultsweep")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri("https://github.com/vaultsweep/vaultsweep")
        .rules(rules)
        .build();
    let mut bases = BTreeMap::new();
    if let Some(root) = &report.srcroot {
        let mut u = format!("file://{}", percent_encode_path(root));
        if !u.ends_with('/') {
            u.push('/');
        }
        bases.insert(
            "%SRCROOT%".to_string(),
            ArtifactLocation::builder().uri(u).build(),
        );
    }
    // Whether the scan read everything it was asked to: a path it could not read makes the run
    // unsuccessful (exit 2), so that no consumer takes an empty result list for a clean tree.
    // Each path not scanned, unreadable or skipped on purpose (binary, too large), is named.
    let notifications: Vec<Notification> = report
        .summary
        .not_scanned
        .iter()
        .map(|(p, why)| {
            Notification::builder()
                .level(json!("warning"))
                .message(
                    Message::builder()
                        .text(format!(
                            "not scanned: {} ({why})",
                            super::sanitize(&super::root_relative_path(report, p))
                        ))
                        .build(),
                )
                .build()
        })
        .collect();
    let mut invocation = Invocation::builder()
        .execution_successful(report.summary.errors == 0)
        .build();
    invocation.tool_execution_notifications = (!notifications.is_empty()).then_some(notifications);
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .invocations(vec![invocation])
        .results(results)
        .build();
    if !bases.is_empty() {
        run.original_uri_base_ids = Some(bases);
    }
    run.column_kind = Some(json!("unicodeCodePoints"));
    Sarif::builder()
        .schema(SCHEMA_URL)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

/// Writes the SARIF log as pretty JSON.
pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &build(report))?;
    writeln!(out)
}
