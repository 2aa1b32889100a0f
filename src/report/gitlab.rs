//! GitLab's secret-detection report (schema 15.2.4), the file `artifacts: reports:
//! secret_detection` takes.
//!
//! Each finding's `id` is derived from its location-free fingerprint, so the same secret keeps
//! its id across runs and edits above it. No secret text appears unless `show_secrets`.

use super::Report;
use crate::finding::{Finding, Origin, Tier};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The schema version the report declares.
pub const SCHEMA_VERSION: &str = "15.2.4";

/// URL of that schema.
pub const SCHEMA_URL: &str = "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.2.4/dist/secret-detection-report-format.json";

/// GitLab severity for a tier.
pub fn severity(t: Tier) -> &'static str {
    match t {
        Tier::Critical => "Critical",
        Tier::High => "High",
        Tier::Medium => "Medium",
        Tier::Low => "Low",
    }
}

/// A UUID-shaped id from a hex fingerprint (its first 128 bits) and, for the second and later
/// finding with the same fingerprint in one report, the occurrence number.
pub fn stable_id(fingerprint: &str, occurrence: usize) -> String {
    let hex: String = if occurrence == 0 {
        fingerprint.chars().take(32).collect()
    } else {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(fingerprint.as_bytes());
        h.update(format!("\0{occurrence}").as_bytes());
        hex::encode(h.finalize())[..32].to_string()
    };
    let hex = format!("{hex:0<32}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// `yyyy-mm-ddThh:mm:ss` (UTC), the schema's time format.
pub fn utc_timestamp(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = crate::finding::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn text_field(name: &str, value: &str) -> Value {
    json!({"name": name, "type": "text", "value": value})
}

fn value_field(name: &str, value: Value) -> Value {
    json!({"name": name, "type": "value", "value": value})
}

/// The advice: rotate within the tier's period (by a date when the introducing commit's date
/// is known), and the `migrate` command where the value sits in a `.env`/JSON file.
fn solution(f: &Finding, path: &str) -> String {
    let days = f.rotation_days();
    let deadline = match &f.location.origin {
        Origin::Commit { commit, .. } => commit_deadline(&commit.date, days)
            .map(|d| format!(" (by {d}: {days} days after it was committed)"))
            .unwrap_or_default(),
        _ => String::new(),
    };
    let mut s = format!(
        "Rotate this {} secret within {days} days{deadline}, as the secrets guide requires for its tier, and remove it from the code and history.",
        f.tier
    );
    if super::migratable(path) {
        s.push_str(&format!(
            " Move it to Vault: `vaultsweep migrate plan {}` then `vaultsweep migrate apply`.",
            super::shell_quote(path)
        ));
    } else {
        s.push_str(" Read it at run time from an environment variable or Vault instead.");
    }
    s.push_str(" If it is a false positive, add a `vaultsweep:allow` comment on its line or accept it in a baseline.");
    s
}

/// `YYYY-MM-DD` that is `days` after the date part of an RFC 3339 `date`.
fn commit_deadline(date: &str, days: u32) -> Option<String> {
    let (y, rest) = date.get(..10)?.split_once('-')?;
    let (m, d) = rest.split_once('-')?;
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let days_since = crate::finding::days_from_civil(y, m, d) + i64::from(days);
    let t = UNIX_EPOCH.checked_add(Duration::from_secs(
        u64::try_from(days_since).ok()? * 86_400,
    ))?;
    Some(utc_timestamp(t)[..10].to_string())
}

fn vulnerability(report: &Report<'_>, f: &Finding, occurrence: usize) -> Value {
    let rule = report
        .rules
        .index_of(&f.rule_id)
        .map(|i| report.rules.get(i));
    let path = super::root_relative(report, f);
    let description = rule
        .and_then(|r| r.description.clone())
        .unwrap_or_else(|| format!("{} ({}).", f.rule_name, f.category));
    let mut details = BTreeMap::new();
    details.insert("tier", value_field("Tier", json!(f.tier.as_str())));
    details.insert(
        "confidence",
        value_field("Confidence", json!(f.confidence.as_str())),
    );
    details.insert("context", value_field("Context", json!(f.context.as_str())));
    details.insert(
        "category",
        value_field("Category", json!(f.category.as_str())),
    );
    details.insert(
        "rotation_days",
        value_field("Rotation period (days)", json!(f.rotation_days())),
    );
    details.insert(
        "secret_masked",
        text_field("Secret (masked)", &f.secret.masked()),
    );
    details.insert("fingerprint", text_field("Fingerprint", &f.fingerprint.0));
    details.insert(
        "secret_hash",
        text_field("Secret hash (salted SHA-256)", &f.secret.salted_hash()),
    );
    if let Some(k) = &f.key {
        details.insert("key", text_field("Key", k));
    }
    if let Some(e) = &f.encoding {
        details.insert("encoding", text_field("Encoding", e));
    }
    if let Some(v) = &f.verification {
        details.insert("verification", text_field("Verification", v.state.as_str()));
        if let Some(e) = &v.endpoint {
            details.insert("verification_endpoint", text_field("Verified against", e));
        }
        details.insert(
            "verification_reason",
            text_field("Verification result", &v.reason),
        );
    }
    let mut commit = json!({"sha": "HEAD"});
    if let Origin::Commit {
        commit: c, in_head, ..
    } = &f.location.origin
    {
        commit = json!({
            "sha": c.id,
            "author": c.author,
            "date": c.date,
            "message": c.summary,
        });
        if let Some(h) = in_head {
            details.insert("in_head", value_field("Still in HEAD", json!(h)));
        }
    }
    let mut v = json!({
        "id": stable_id(&f.fingerprint.0, occurrence),
        "name": f.rule_name,
        "description": description,
        "severity": severity(f.tier),
        "solution": solution(f, &path),
        "identifiers": [
            {
                "type": "vaultsweep_rule_id",
                "name": format!("vaultsweep rule {}", f.rule_id),
                "value": f.rule_id,
            },
            {
                "type": "cwe",
                "name": "CWE-798",
                "value": "798",
                "url": "https://cwe.mitre.org/data/definitions/798.html",
            },
        ],
        "location": {
            "file": path,
            "start_line": f.location.line,
            "end_line": f.location.end_line,
            "commit": commit,
        },
        "details": details,
    });
    if let Some(r) = rule
        && !r.references.is_empty()
    {
        v["links"] = r
            .references
            .iter()
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
            .map(|u| json!({"url": u}))
            .collect();
    }
    if report.show_secrets {
        v["raw_source_code_extract"] = json!(report.secret_text(f));
    }
    v
}

/// Builds the report. `end` is when the scan finished; the start is `end` minus its wall time.
pub fn build(report: &Report<'_>, end: SystemTime) -> Value {
    let start = end.checked_sub(report.summary.elapsed).unwrap_or(end);
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let vulnerabilities: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let n = seen.entry(f.fingerprint.0.as_str()).or_insert(0);
            let v = vulnerability(report, f, *n);
            *n += 1;
            v
        })
        .collect();
    let tool = json!({
        "id": "vaultsweep",
        "name": "vaultsweep",
        "url": "https://github.com/vaultsweep/vaultsweep",
        "version": env!("CARGO_PKG_VERSION"),
        "vendor": {"name": "vaultsweep"},
    });
    let mut scan = json!({
        "type": "secret_detection",
        "analyzer": tool,
        "scanner": tool,
        "start_time": utc_timestamp(start),
        "end_time": utc_timestamp(end),
        // A path it could not read makes the scan a failure (exit 2): its findings are not
        // the whole story.
        "status": if report.summary.errors == 0 { "success" } else { "failure" },
    });
    let messages: Vec<Value> = report
        .summary
        .not_scanned
        .iter()
        .map(|(p, why)| {
            json!({
                "level": "warn",
                "value": format!(
                    "not scanned: {} ({why})",
                    super::sanitize(&super::root_relative_path(report, p))
                ),
            })
        })
        .collect();
    if !messages.is_empty() {
        scan["messages"] = Value::Array(messages);
    }
    json!({
        "version": SCHEMA_VERSION,
        "schema": SCHEMA_URL,
        "scan": scan,
        "vulnerabilities": vulnerabilities,
    })
}

/// Writes the report as pretty JSON.
pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &build(report, SystemTime::now()))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_civil_time() {
        assert_eq!(utc_timestamp(UNIX_EPOCH), "1970-01-01T00:00:00");
        let t = UNIX_EPOCH + Duration::from_secs(1_580_181_962); // 2020-01-28T03:26:02Z
        assert_eq!(utc_timestamp(t), "2020-01-28T03:26:02");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(&utc_timestamp(leap)[..10], "2000-02-29");
    }

    #[test]
    fn deadline_adds_the_rotation_period() {
        assert_eq!(
            commit_deadline("2024-01-15T10:00:00+02:00", 30).as_deref(),
            Some("2024-02-14")
        );
        assert_eq!(
            commit_deadline("2023-12-31T23:00:00Z", 365).as_deref(),
            Some("2024-12-30")
        );
        assert_eq!(commit_deadline("garbage", 30), None);
    }

    #[test]
    fn ids_are_uuid_shaped_and_distinct_per_occurrence() {
        let fp = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assert_eq!(stable_id(fp, 0), "01234567-89ab-cdef-0123-456789abcdef");
        assert_ne!(stable_id(fp, 1), stable_id(fp, 0));
        assert_eq!(stable_id(fp, 1), stable_id(fp, 1));
        assert_eq!(stable_id(fp, 1).len(), 36);
    }
}
