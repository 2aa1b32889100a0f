//! `assess --since REPORT.json`: what changed since an earlier assessment. Findings are matched
//! by fingerprint (rule, path relative to the scanned root, salted hash of the value), so the
//! earlier assessment must be of the same root. A finding that is gone is `migrated` when a
//! `vault:` reference now stands where it was (same file, same key), else `gone` (deleted,
//! rotated to another value, or suppressed).

use super::homes::Home;
use super::progress::Count;
use super::{Assessment, KvDestination};
use crate::finding::Tier;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// What is read of an earlier assessment (unknown fields are ignored, so any later version of
/// the format with these fields reads).
#[derive(Debug, Clone, Deserialize)]
pub struct Earlier {
    /// Must be [`super::FORMAT_NAME`].
    pub format: String,
    /// When it was made.
    pub generated: String,
    /// Its findings.
    pub items: Vec<EarlierItem>,
    /// Its progress.
    #[serde(default)]
    pub progress: EarlierProgress,
}

/// A finding of an earlier assessment.
#[derive(Debug, Clone, Deserialize)]
pub struct EarlierItem {
    /// Fingerprint.
    pub fingerprint: String,
    /// File.
    pub path: String,
    /// Line.
    pub line: usize,
    /// Variable name.
    #[serde(default)]
    pub key: Option<String>,
    /// Tier.
    pub tier: Tier,
    /// Home.
    pub home: Home,
    /// Phase.
    pub phase: u8,
    /// Application.
    pub service: String,
    /// KV destination.
    #[serde(default)]
    pub kv: Option<KvDestination>,
}

/// The progress of an earlier assessment.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EarlierProgress {
    /// Totals.
    #[serde(default)]
    pub total: Count,
    /// By application.
    #[serde(default)]
    pub services: Vec<EarlierService>,
}

/// An application's progress then.
#[derive(Debug, Clone, Deserialize)]
pub struct EarlierService {
    /// Application.
    pub service: String,
    /// Counts.
    pub total: Count,
}

/// Parses an earlier assessment's JSON.
pub fn parse(text: &str) -> Result<Earlier, String> {
    let e: Earlier = serde_json::from_str(text).map_err(|e| {
        format!("not an assessment written by `vaultsweep assess --format json`: {e}")
    })?;
    if e.format != super::FORMAT_NAME {
        return Err(format!(
            "format {:?}, expected {:?} (`vaultsweep assess --format json`)",
            e.format,
            super::FORMAT_NAME
        ));
    }
    Ok(e)
}

/// A finding, briefly.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Brief {
    /// Fingerprint.
    pub fingerprint: String,
    /// File.
    pub path: String,
    /// Line.
    pub line: usize,
    /// Variable name.
    pub key: Option<String>,
    /// Tier.
    pub tier: Tier,
    /// Application.
    pub service: String,
}

/// A finding gone since.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Resolved {
    /// The finding then.
    #[serde(flatten)]
    pub item: Brief,
    /// `migrated` (a `vault:` reference stands there now) or `gone`.
    pub outcome: String,
    /// The reference, when migrated.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reference: Option<String>,
}

/// A finding still there, judged otherwise.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Changed {
    /// The finding now.
    #[serde(flatten)]
    pub item: Brief,
    /// What changed (`tier medium → high`).
    pub what: String,
}

/// An application's progress then and now.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServiceDelta {
    /// Application.
    pub service: String,
    /// Then.
    pub before: Count,
    /// Now.
    pub now: Count,
}

/// What changed since an earlier assessment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Changes {
    /// The earlier assessment's file.
    pub earlier_file: String,
    /// When it was made.
    pub earlier_generated: String,
    /// Findings not there then.
    pub new: Vec<Brief>,
    /// Findings there then, gone now.
    pub resolved: Vec<Resolved>,
    /// Findings judged otherwise now.
    pub changed: Vec<Changed>,
    /// Totals then.
    pub before: Count,
    /// Totals now.
    pub now: Count,
    /// By application (every application of either).
    pub services: Vec<ServiceDelta>,
}

/// Compares an earlier assessment with the current one.
pub fn compare(earlier: &Earlier, file: &str, now: &Assessment) -> Changes {
    let then: HashMap<&str, &EarlierItem> = earlier
        .items
        .iter()
        .map(|i| (i.fingerprint.as_str(), i))
        .collect();
    let current: HashMap<&str, &super::Item> = now
        .items
        .iter()
        .map(|i| (i.fingerprint.as_str(), i))
        .collect();
    let brief = |i: &super::Item| Brief {
        fingerprint: i.fingerprint.clone(),
        path: i.path.clone(),
        line: i.line,
        key: i.key.clone(),
        tier: i.tier,
        service: i.service.clone(),
    };
    let mut new = Vec::new();
    let mut changed = Vec::new();
    for i in &now.items {
        match then.get(i.fingerprint.as_str()) {
            None => new.push(brief(i)),
            Some(e) => {
                let mut what = Vec::new();
                if e.tier != i.tier {
                    what.push(format!("tier {} → {}", e.tier.as_str(), i.tier.as_str()));
                }
                if e.home != i.home {
                    what.push(format!("home {} → {}", e.home.as_str(), i.home.as_str()));
                }
                if !what.is_empty() {
                    changed.push(Changed {
                        item: brief(i),
                        what: what.join(", "),
                    });
                }
            }
        }
    }
    let mut resolved = Vec::new();
    for e in &earlier.items {
        if current.contains_key(e.fingerprint.as_str()) {
            continue;
        }
        let keys: Vec<&str> = e
            .key
            .iter()
            .map(String::as_str)
            .chain(e.kv.iter().map(|k| k.key.as_str()))
            .collect();
        let migrated = now
            .progress
            .migrated
            .iter()
            .find(|m| m.path == e.path && keys.contains(&m.key.as_str()));
        resolved.push(Resolved {
            item: Brief {
                fingerprint: e.fingerprint.clone(),
                path: e.path.clone(),
                line: e.line,
                key: e.key.clone(),
                tier: e.tier,
                service: e.service.clone(),
            },
            outcome: if migrated.is_some() {
                "migrated"
            } else {
                "gone"
            }
            .into(),
            reference: migrated.map(|m| m.reference.clone()),
        });
    }
    let mut services: BTreeMap<String, ServiceDelta> = BTreeMap::new();
    for s in &earlier.progress.services {
        services.insert(
            s.service.clone(),
            ServiceDelta {
                service: s.service.clone(),
                before: s.total,
                now: Count::default(),
            },
        );
    }
    for s in &now.progress.services {
        services
            .entry(s.service.clone())
            .or_insert_with(|| ServiceDelta {
                service: s.service.clone(),
                before: Count::default(),
                now: Count::default(),
            })
            .now = s.total;
    }
    Changes {
        earlier_file: file.to_string(),
        earlier_generated: earlier.generated.clone(),
        new,
        resolved,
        changed,
        before: earlier.progress.total,
        now: now.progress.total,
        services: services.into_values().collect(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn refuses_what_is_not_an_assessment() {
        assert!(super::parse("[]").is_err());
        assert!(super::parse(r#"{"format":"other","generated":"x","items":[]}"#).is_err());
        let e = super::parse(
            r#"{"format":"vaultsweep-assessment","generated":"x","items":[],"extra":1}"#,
        )
        .unwrap();
        assert!(e.items.is_empty());
    }
}
