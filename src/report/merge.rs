//! `vaultsweep report merge`: per-repository reports (as `scan --repos` writes them) merged into
//! one, over the reports' JSON (no `Finding`s: a report is all a merge has). Fingerprints are
//! kept; findings of one secret (same `secret_hash`, the salted hash of the value) in several
//! repositories or paths become one entry listing every location: one leaked key in five
//! repositories is one rotation. Paths are qualified with the repository name
//! (`<repository>/<path>`). Output is sorted, so merging the same reports in any grouping (all at
//! once, or shard by shard) gives the same bytes.
//!
//! Same imports as `report` (uses neither: JSON in, JSON out).

use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A report format a merge reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `--format json`: an array of findings.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitLab secret-detection report.
    Gitlab,
}

impl Kind {
    /// The format of a parsed report, by its shape.
    pub fn of(v: &Value) -> Option<Kind> {
        if v.is_array() {
            Some(Kind::Json)
        } else if v.get("runs").is_some() && v.get("version").is_some() {
            Some(Kind::Sarif)
        } else if v.get("vulnerabilities").is_some() && v.get("scan").is_some() {
            Some(Kind::Gitlab)
        } else {
            None
        }
    }
}

/// One input report and the repository it is of.
#[derive(Debug, Clone)]
pub struct Input {
    /// Repository name (the report's file name without its extension).
    pub repository: String,
    /// The parsed report.
    pub report: Value,
}

/// How SARIF inputs are merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SarifRuns {
    /// One run; each secret one result with every location (repository-qualified URIs).
    Merged,
    /// One run per repository as scanned; each result lists the repositories holding its secret.
    PerRepository,
}

fn text(v: &Value, k: &str) -> String {
    match v.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(x) => x.to_string(),
    }
}

fn num(v: &Value, k: &str) -> u64 {
    v.get(k).and_then(Value::as_u64).unwrap_or(0)
}

/// A member of a group: its repository, sort key and the value it came from.
struct Member<T> {
    repository: String,
    key: (String, String, u64, u64, String),
    item: T,
}

/// Groups members by secret (`secret_hash`, else repository + fingerprint), members sorted,
/// groups sorted by their first member.
fn grouped<T>(members: Vec<(Option<String>, String, Member<T>)>) -> Vec<Vec<Member<T>>> {
    let mut groups: HashMap<String, Vec<Member<T>>> = HashMap::new();
    for (hash, fingerprint, m) in members {
        let id = match hash {
            Some(h) if !h.is_empty() => format!("s:{h}"),
            _ => format!("f:{}:{fingerprint}", m.repository),
        };
        groups.entry(id).or_default().push(m);
    }
    let mut out: Vec<Vec<Member<T>>> = groups
        .into_values()
        .map(|mut v| {
            v.sort_by(|a, b| a.key.cmp(&b.key));
            v
        })
        .collect();
    out.sort_by(|a, b| a[0].key.cmp(&b[0].key));
    out
}

/// Merges JSON reports: one finding per secret, the first location's fields plus
/// `repository`, `repositories` and `locations` (each with repository, path, line, column,
/// rule, tier, fingerprint, and the introducing commit for history findings). Already merged
/// reports can be merged again (their `locations` are kept).
pub fn merge_json(inputs: &[Input]) -> Value {
    let mut members = Vec::new();
    for input in inputs {
        for f in input.report.as_array().into_iter().flatten() {
            let locs: Vec<Value> = match f.get("locations").and_then(Value::as_array) {
                Some(l) => l.clone(),
                None => vec![location_of(f, &input.repository)],
            };
            for loc in locs {
                let mut base = f.clone();
                if let Some(o) = base.as_object_mut() {
                    o.remove("locations");
                    o.remove("repositories");
                }
                for k in ["repository", "path", "line", "column", "fingerprint"] {
                    if let Some(x) = loc.get(k) {
                        base[k] = x.clone();
                    }
                }
                let repository = text(&loc, "repository");
                let m = Member {
                    key: (
                        repository.clone(),
                        text(&loc, "path"),
                        num(&loc, "line"),
                        num(&loc, "column"),
                        text(&loc, "rule_id"),
                    ),
                    repository,
                    item: (base, loc),
                };
                members.push((Some(text(f, "secret_hash")), text(f, "fingerprint"), m));
            }
        }
    }
    let out: Vec<Value> = grouped(members)
        .into_iter()
        .map(|g| {
            let repos: BTreeSet<&str> = g.iter().map(|m| m.repository.as_str()).collect();
            let mut first = g[0].item.0.clone();
            first["repositories"] = json!(repos);
            first["locations"] = Value::Array(g.iter().map(|m| m.item.1.clone()).collect());
            first
        })
        .collect();
    Value::Array(out)
}

/// The location entry of one finding of a JSON report.
fn location_of(f: &Value, repository: &str) -> Value {
    let mut loc = json!({
        "repository": f.get("repository").and_then(Value::as_str).unwrap_or(repository),
        "path": f.get("path"),
        "line": f.get("line"),
        "column": f.get("column"),
        "end_line": f.get("end_line"),
        "end_column": f.get("end_column"),
        "rule_id": f.get("rule_id"),
        "tier": f.get("tier"),
        "fingerprint": f.get("fingerprint"),
    });
    if let Some(c) = f.get("commit") {
        loc["commit"] = c.clone();
    }
    loc
}

/// A repository-qualified copy of a SARIF location: `<repository>/<uri>` for URIs relative to
/// the run's `%SRCROOT%` (the repository a per-repository report was made in).
fn qualify_location(loc: &Value, repository: &str) -> Value {
    let mut loc = loc.clone();
    if let Some(al) = loc.pointer_mut("/physicalLocation/artifactLocation")
        && let Some(o) = al.as_object_mut()
    {
        let relative = o
            .get("uri")
            .and_then(Value::as_str)
            .filter(|u| !u.contains("://"))
            .map(str::to_string);
        if let Some(uri) = relative
            && !uri.starts_with(&format!("{repository}/"))
        {
            o.insert("uri".into(), json!(format!("{repository}/{uri}")));
            o.remove("uriBaseId");
        }
    }
    loc
}

fn first_uri(r: &Value) -> String {
    r.pointer("/locations/0/physicalLocation/artifactLocation/uri")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn first_line(r: &Value) -> u64 {
    r.pointer("/locations/0/physicalLocation/region/startLine")
        .and_then(Value::as_u64)
        .unwrap_or(0)
}

/// Merges SARIF reports.
pub fn merge_sarif(inputs: &[Input], runs: SarifRuns) -> Value {
    // Rules: the union by id, in first-seen order; results point into it by index.
    let mut rules: Vec<Value> = Vec::new();
    let mut rule_at: HashMap<String, usize> = HashMap::new();
    let mut driver: Option<Value> = None;
    let mut holders: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for input in inputs {
        for run in input.report["runs"].as_array().into_iter().flatten() {
            if driver.is_none() {
                driver = Some(run["tool"]["driver"].clone());
            }
            for r in run["tool"]["driver"]["rules"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let id = text(r, "id");
                if let std::collections::hash_map::Entry::Vacant(e) = rule_at.entry(id) {
                    e.insert(rules.len());
                    rules.push(r.clone());
                }
            }
            for res in run["results"].as_array().into_iter().flatten() {
                let h = text(&res["properties"], "secret_hash");
                if !h.is_empty() {
                    holders
                        .entry(h)
                        .or_default()
                        .insert(input.repository.clone());
                }
            }
        }
    }
    let mut driver = driver.unwrap_or_else(|| json!({"name": "vaultsweep"}));
    driver["rules"] = Value::Array(rules);
    let reindex = |res: &mut Value| {
        if let Some(i) = rule_at.get(&text(res, "ruleId")) {
            res["ruleIndex"] = json!(i);
        }
    };
    let schema = inputs
        .first()
        .and_then(|i| i.report.get("$schema").cloned())
        .unwrap_or(json!("https://json.schemastore.org/sarif-2.1.0.json"));
    let out_runs: Vec<Value> = match runs {
        SarifRuns::PerRepository => {
            let mut v = Vec::new();
            for input in inputs {
                for run in input.report["runs"].as_array().into_iter().flatten() {
                    let mut run = run.clone();
                    run["tool"]["driver"] = driver.clone();
                    run["automationDetails"] =
                        json!({"id": format!("vaultsweep/{}/", input.repository)});
                    for res in run["results"].as_array_mut().into_iter().flatten() {
                        reindex(res);
                        let h = text(&res["properties"], "secret_hash");
                        if let Some(repos) = holders.get(&h)
                            && res["properties"].is_object()
                        {
                            res["properties"]["repositories"] = json!(repos);
                        }
                    }
                    v.push(run);
                }
            }
            v
        }
        SarifRuns::Merged => {
            let mut members = Vec::new();
            for input in inputs {
                for run in input.report["runs"].as_array().into_iter().flatten() {
                    for res in run["results"].as_array().into_iter().flatten() {
                        let mut res = res.clone();
                        let locs: Vec<Value> = res["locations"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .map(|l| qualify_location(l, &input.repository))
                            .collect();
                        res["locations"] = Value::Array(locs);
                        let fp = res
                            .pointer("/partialFingerprints/vaultsweep~1v1")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string();
                        let m = Member {
                            key: (
                                input.repository.clone(),
                                first_uri(&res),
                                first_line(&res),
                                0,
                                text(&res, "ruleId"),
                            ),
                            repository: input.repository.clone(),
                            item: (res, fp.clone()),
                        };
                        let h = text(&m.item.0["properties"], "secret_hash");
                        members.push((Some(h), fp, m));
                    }
                }
            }
            let results: Vec<Value> = grouped(members)
                .into_iter()
                .map(|g| {
                    let mut first = g[0].item.0.clone();
                    let mut locations = Vec::new();
                    let mut listed = Vec::new();
                    for m in &g {
                        for l in m.item.0["locations"].as_array().into_iter().flatten() {
                            locations.push(l.clone());
                        }
                        listed.push(json!({
                            "repository": m.repository,
                            "uri": first_uri(&m.item.0),
                            "line": first_line(&m.item.0),
                            "fingerprint": m.item.1,
                        }));
                    }
                    let repos: BTreeSet<&str> = g.iter().map(|m| m.repository.as_str()).collect();
                    first["locations"] = Value::Array(locations);
                    if first["properties"].is_object() {
                        first["properties"]["repository"] = json!(g[0].repository);
                        first["properties"]["repositories"] = json!(repos);
                        first["properties"]["locations"] = Value::Array(listed);
                    }
                    reindex(&mut first);
                    first
                })
                .collect();
            vec![json!({
                "tool": {"driver": driver},
                "automationDetails": {"id": "vaultsweep/merged/"},
                "results": results,
            })]
        }
    };
    json!({"$schema": schema, "version": "2.1.0", "runs": out_runs})
}

/// Merges GitLab reports: one vulnerability per secret, at its first location
/// (`<repository>/<file>`), with `details.locations` listing every location and
/// `details.repositories` the repositories. The scan spans the earliest start and latest end.
pub fn merge_gitlab(inputs: &[Input]) -> Value {
    let mut members = Vec::new();
    let (mut start, mut end): (Option<String>, Option<String>) = (None, None);
    let mut status = "success";
    for input in inputs {
        let scan = &input.report["scan"];
        let s = text(scan, "start_time");
        let e = text(scan, "end_time");
        if !s.is_empty() && start.as_ref().is_none_or(|x| s < *x) {
            start = Some(s);
        }
        if !e.is_empty() && end.as_ref().is_none_or(|x| e > *x) {
            end = Some(e);
        }
        if text(scan, "status") != "success" {
            status = "failure";
        }
        for v in input.report["vulnerabilities"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let mut v = v.clone();
            let file = text(&v["location"], "file");
            let qualified = if file.starts_with(&format!("{}/", input.repository)) {
                file
            } else {
                format!("{}/{file}", input.repository)
            };
            v["location"]["file"] = json!(qualified);
            let fp = v
                .pointer("/details/fingerprint/value")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let h = v
                .pointer("/details/secret_hash/value")
                .and_then(Value::as_str)
                .map(str::to_string);
            let m = Member {
                key: (
                    input.repository.clone(),
                    qualified,
                    num(&v["location"], "start_line"),
                    0,
                    text(&v, "id"),
                ),
                repository: input.repository.clone(),
                item: (v, fp.clone()),
            };
            members.push((h, fp, m));
        }
    }
    let vulnerabilities: Vec<Value> = grouped(members)
        .into_iter()
        .map(|g| {
            let mut first = g[0].item.0.clone();
            let repos: BTreeSet<&str> = g.iter().map(|m| m.repository.as_str()).collect();
            let items: Vec<Value> = g
                .iter()
                .map(|m| {
                    json!({"type": "text", "value": format!(
                        "{}:{} (fingerprint {})",
                        text(&m.item.0["location"], "file"),
                        num(&m.item.0["location"], "start_line"),
                        m.item.1
                    )})
                })
                .collect();
            if let Some(d) = first.get_mut("details").and_then(Value::as_object_mut) {
                d.insert(
                    "locations".into(),
                    json!({"name": "Locations of this secret", "type": "list", "items": items}),
                );
                d.insert(
                    "repositories".into(),
                    json!({"name": "Repositories", "type": "list", "items":
                        repos.iter().map(|r| json!({"type": "text", "value": r})).collect::<Vec<_>>()}),
                );
            }
            first
        })
        .collect();
    let mut top = inputs
        .first()
        .map(|i| i.report.clone())
        .unwrap_or_else(|| json!({"version": "15.2.4", "scan": {}}));
    if let Some(o) = top.as_object_mut() {
        o.insert("vulnerabilities".into(), Value::Array(vulnerabilities));
        let mut scan: Map<String, Value> = o
            .get("scan")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        if let Some(s) = start {
            scan.insert("start_time".into(), json!(s));
        }
        if let Some(e) = end {
            scan.insert("end_time".into(), json!(e));
        }
        scan.insert("status".into(), json!(status));
        o.insert("scan".into(), Value::Object(scan));
    }
    top
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(path: &str, hash: &str, fp: &str) -> Value {
        json!({"rule_id": "r", "tier": "high", "path": path, "line": 1, "column": 2,
               "secret_hash": hash, "fingerprint": fp})
    }

    #[test]
    fn one_secret_in_several_repositories_is_one_entry() {
        let a = Input {
            repository: "a".into(),
            report: json!([finding(".env", "h1", "fa"), finding("x.py", "h2", "fx")]),
        };
        let b = Input {
            repository: "b".into(),
            report: json!([finding("conf/.env", "h1", "fb")]),
        };
        let m = merge_json(&[b.clone(), a.clone()]);
        let arr = m.as_array().unwrap();
        assert_eq!(arr.len(), 2);
        assert_eq!(arr[0]["repository"], "a");
        assert_eq!(arr[0]["repositories"], json!(["a", "b"]));
        let fps: Vec<&str> = arr[0]["locations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["fingerprint"].as_str().unwrap())
            .collect();
        assert_eq!(fps, ["fa", "fb"]);
        // Order of inputs and re-merging do not change the result.
        assert_eq!(m, merge_json(&[a.clone(), b.clone()]));
        let again = merge_json(&[Input {
            repository: "x".into(),
            report: m.clone(),
        }]);
        assert_eq!(again, m);
    }
}
