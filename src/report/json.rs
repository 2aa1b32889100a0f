//! JSON (one array) and JSON Lines reports.

use super::Report;
use crate::finding::Finding;
use serde_json::{Value, json};
use std::io::{self, Write};

/// The JSON object for one finding; `secret` appears only with `--show-secrets`.
pub fn finding_json(report: &Report<'_>, f: &Finding) -> Value {
    let mut v = json!({
        "rule_id": f.rule_id,
        "rule_name": f.rule_name,
        "category": f.category.as_str(),
        "tier": f.tier.as_str(),
        "rotation_days": f.rotation_days(),
        "confidence": f.confidence.as_str(),
        "context": f.context.as_str(),
        "path": f.location.origin.display_path(),
        "rel_path": f.location.origin.rel_path(),
        "line": f.location.line,
        "column": f.location.column,
        "end_line": f.location.end_line,
        "end_column": f.location.end_column,
        "key": f.key,
        "secret_masked": f.secret.masked(),
        "secret_hash": f.secret.salted_hash(),
        "entropy": ((f64::from(f.entropy)) * 100.0).round() / 100.0,
        "fingerprint": f.fingerprint,
    });
    if let Some(e) = &f.encoding {
        v["encoding"] = Value::String(e.clone());
    }
    if let Some(x) = super::verification_json(f) {
        v["verification"] = x;
    }
    if report.show_secrets {
        v["secret"] = Value::String(String::from_utf8_lossy(f.secret.expose()).into_owned());
    }
    if let Some(extra) = git_fields(f) {
        for (k, x) in extra {
            v[k] = x;
        }
    }
    v
}

/// History findings: the introducing commit, the other commits that introduced the same
/// secret (same fingerprint), every path it was introduced under, whether `HEAD` still holds
/// it and, if not, the commit that removed it.
pub fn git_fields(f: &Finding) -> Option<Vec<(&'static str, Value)>> {
    let crate::finding::Origin::Commit {
        commit,
        more,
        paths,
        in_head,
        removed_in,
        ..
    } = &f.location.origin
    else {
        return None;
    };
    let occurrences: Vec<Value> = more
        .iter()
        .map(|o| {
            json!({
                "commit": o.commit.id,
                "author": o.commit.author,
                "date": o.commit.date,
                "commit_summary": o.commit.summary,
                "line": o.line,
            })
        })
        .collect();
    Some(vec![
        ("commit", json!(commit.id)),
        ("author", json!(commit.author)),
        ("date", json!(commit.date)),
        ("commit_summary", json!(commit.summary)),
        ("occurrences", Value::Array(occurrences)),
        (
            "paths",
            if paths.is_empty() {
                json!([f.location.origin.display_path()])
            } else {
                json!(paths)
            },
        ),
        ("in_head", json!(in_head)),
        (
            "removed_in",
            match removed_in {
                Some(c) => json!({
                    "commit": c.id,
                    "author": c.author,
                    "date": c.date,
                    "commit_summary": c.summary,
                }),
                None => Value::Null,
            },
        ),
    ])
}

/// Findings rendered at a time for JSON Lines (in parallel, then written in order).
const LINES_BATCH: usize = 4096;

/// Writes a JSON array (`lines == false`) or JSON Lines. Findings are rendered on every core:
/// with thousands of findings (a credential-dense history) rendering was a serial tenth of the
/// scan.
pub fn write(report: &Report<'_>, out: &mut dyn Write, lines: bool) -> io::Result<()> {
    use rayon::prelude::*;
    if lines {
        for batch in report.findings.chunks(LINES_BATCH) {
            let rows: Vec<Vec<u8>> = batch
                .par_iter()
                .map(|f| serde_json::to_vec(&finding_json(report, f)))
                .collect::<Result<_, _>>()?;
            for row in rows {
                out.write_all(&row)?;
                writeln!(out)?;
            }
        }
    } else {
        let all: Vec<Value> = report
            .findings
            .par_iter()
            .map(|f| finding_json(report, f))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &all)?;
        writeln!(out)?;
    }
    Ok(())
}
