//! Report formats: SARIF against the official 2.1.0 schema and GitHub's expectations, masking
//! in every format, `--show-secrets`, `--output`.

use crate::util::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

pub(crate) fn sarif_validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let text = std::fs::read_to_string(repo_path("fixtures/sarif-schema-2.1.0.json"))
            .expect("fixtures/sarif-schema-2.1.0.json");
        let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
        assert_eq!(
            schema["$schema"], "http://json-schema.org/draft-04/schema#",
            "the official SARIF 2.1.0 schema is a draft-04 schema"
        );
        jsonschema::draft4::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("SARIF schema compiles")
    })
}

#[track_caller]
pub(crate) fn assert_valid_sarif(sarif: &Value) {
    assert_schema_valid(
        sarif_validator(),
        sarif,
        "SARIF does not validate against the 2.1.0 schema",
    );
}

/// `vaultsweep scan --format sarif ARGS` in `t`; SARIF parsed.
fn sarif(t: &TestDir, args: &[&str]) -> (Run, Value) {
    let mut all = vec!["--format", "sarif"];
    all.extend_from_slice(args);
    let run = t.scan(&all);
    assert!(run.code == 0 || run.code == 1, "{}", run.describe());
    let v = run.json();
    (run, v)
}

fn level_of(tier: &str) -> &'static str {
    match tier {
        "critical" | "high" => "error",
        "medium" => "warning",
        "low" => "note",
        t => panic!("unknown tier {t}"),
    }
}

fn severity_of(tier: &str) -> &'static str {
    match tier {
        "critical" => "9.5",
        "high" => "8.0",
        "medium" => "5.5",
        "low" => "3.0",
        t => panic!("unknown tier {t}"),
    }
}

/// `rules list --format json`, by id.
fn rule_catalog() -> BTreeMap<String, Value> {
    let t = TestDir::new();
    let run = t.run(&["rules", "list", "--format", "json"]);
    run.assert_code(0);
    // The rules in effect: opt-in rules the config does not enable are listed, as off.
    run.json_array()
        .into_iter()
        .filter(|r| r["enabled"] == true)
        .map(|r| (s(&r, "id").to_string(), r))
        .collect()
}

#[test]
fn sarif_validates_with_findings_and_when_clean() {
    let (t, _) = planted_tree();
    let (run, v) = sarif(&t, &["."]);
    run.assert_code(1);
    assert_valid_sarif(&v);
    assert!(
        v["runs"][0]["results"]
            .as_array()
            .is_some_and(|r| r.len() >= 8),
        "expected the planted findings in SARIF results"
    );
    // The validator does reject broken SARIF, so the checks above can fail.
    let mut bad = v.clone();
    bad["runs"][0]["results"][0]["level"] = Value::from("critical");
    assert!(
        !sarif_validator().is_valid(&bad),
        "'critical' is not a SARIF level"
    );
    let mut bad = v;
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!sarif_validator().is_valid(&bad), "startLine is 1-based");

    let clean = TestDir::new();
    clean.write(
        "src/lib.rs",
        "pub fn add(a: i32, b: i32) -> i32 { a + b }\n",
    );
    let (run, v) = sarif(&clean, &["."]);
    run.assert_code(0);
    assert_valid_sarif(&v);
    assert_eq!(v["runs"][0]["results"], Value::Array(vec![]));
}

/// `tool.driver.rules`: every rule once, remediation help naming rotation, GitHub's
/// `security-severity` and `defaultConfiguration.level` from the rule's tier.
#[test]
fn sarif_rule_descriptors() {
    let t = TestDir::new();
    t.write("empty.txt", "");
    let (_, v) = sarif(&t, &["."]);
    let rules = v["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("tool.driver.rules");
    let catalog = rule_catalog();
    assert!(catalog.len() >= 40, "only {} rules", catalog.len());

    let ids: Vec<&str> = rules.iter().map(|r| s(r, "id")).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(
        unique.len(),
        ids.len(),
        "duplicate rule ids in tool.driver.rules"
    );
    assert_eq!(
        unique,
        catalog.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        "tool.driver.rules must list exactly the rules in effect"
    );

    for r in rules {
        let id = s(r, "id");
        let tier = s(&catalog[id], "tier");
        let help = r["help"]["text"].as_str().unwrap_or_default();
        assert!(
            help.to_lowercase().contains("rotat"),
            "rule {id}: help text must say how to remediate, including rotation: {help:?}"
        );
        assert!(
            help.contains(&rotation_days(tier).to_string()),
            "rule {id}: help text must give the rotation period ({} days): {help:?}",
            rotation_days(tier)
        );
        assert_eq!(
            r["properties"]["security-severity"],
            severity_of(tier),
            "rule {id} ({tier}): security-severity"
        );
        assert_eq!(
            r["defaultConfiguration"]["level"],
            level_of(tier),
            "rule {id} ({tier}): defaultConfiguration.level"
        );
        assert!(
            r["shortDescription"]["text"]
                .as_str()
                .is_some_and(|d| !d.is_empty()),
            "rule {id}: shortDescription"
        );
    }
}

/// Results: level from the tier, `%SRCROOT%`-relative URIs that resolve to the scanned file,
/// a region, the location-free fingerprint, and tier/category/rotation properties.
#[test]
fn sarif_results() {
    let (t, _) = planted_tree();
    let (_, v) = sarif(&t, &["."]);
    let (_, json) = t.scan_json(&["."]);
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(
        results.len(),
        json.len(),
        "SARIF and JSON report the same findings"
    );

    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .expect("originalUriBaseIds.%SRCROOT%.uri");
    let base_path = base
        .strip_prefix("file://")
        .unwrap_or_else(|| panic!("%SRCROOT% is a file URI: {base}"));
    assert!(base.ends_with('/'), "%SRCROOT% must end with '/': {base}");
    assert_eq!(
        Path::new(base_path).canonicalize().unwrap(),
        t.path().canonicalize().unwrap(),
        "%SRCROOT% is the directory the scan ran in"
    );

    let mut sarif_fps = BTreeSet::new();
    for r in results {
        let props = &r["properties"];
        let tier = props["tier"]
            .as_str()
            .unwrap_or_else(|| panic!("properties.tier: {r}"));
        assert_eq!(r["level"], level_of(tier), "level from tier: {r}");
        assert!(
            props["category"].as_str().is_some_and(|c| !c.is_empty()),
            "properties.category: {r}"
        );
        assert_eq!(props["rotation_days"], rotation_days(tier), "{r}");

        let rule_id = s(r, "ruleId");
        if let Some(i) = r["ruleIndex"].as_u64() {
            assert_eq!(
                rules[i as usize]["id"], rule_id,
                "ruleIndex points at the rule"
            );
        }
        assert!(
            rules.iter().any(|d| d["id"] == rule_id),
            "{rule_id} not in driver.rules"
        );

        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().expect("uri");
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%", "{r}");
        assert!(
            !uri.starts_with('/') && !uri.contains("://") && !uri.starts_with("./"),
            "uri must be relative to %SRCROOT%: {uri}"
        );
        assert!(
            t.join(uri).is_file(),
            "uri {uri} does not resolve to a scanned file"
        );
        let region = &loc["region"];
        assert!(region["startLine"].as_u64().is_some_and(|l| l >= 1), "{r}");
        assert!(
            region["startColumn"].as_u64().is_some_and(|c| c >= 1),
            "{r}"
        );

        let fps = r["partialFingerprints"]
            .as_object()
            .expect("partialFingerprints");
        assert!(!fps.is_empty(), "partialFingerprints is empty: {r}");
        sarif_fps.extend(fps.values().map(|f| f.as_str().unwrap().to_string()));
    }
    let json_fps: BTreeSet<String> = json
        .iter()
        .map(|f| s(f, "fingerprint").to_string())
        .collect();
    assert_eq!(
        sarif_fps, json_fps,
        "partialFingerprints carry our fingerprints"
    );
}

/// Scanning a tree by absolute path from elsewhere still yields `%SRCROOT%`-relative URIs that
/// resolve to the scanned files.
#[test]
fn sarif_uris_relative_when_scanning_an_absolute_path() {
    let (t, _) = planted_tree();
    let elsewhere = TestDir::new();
    let abs = t.path().to_string_lossy().into_owned();
    let (_, v) = sarif(&elsewhere, &[&abs]);
    assert_valid_sarif(&v);
    let run = &v["runs"][0];
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap_or("file:///")
        .strip_prefix("file://")
        .unwrap_or("/")
        .to_string();
    for r in run["results"].as_array().unwrap() {
        let al = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        let uri = al["uri"].as_str().unwrap();
        assert_eq!(
            al["uriBaseId"], "%SRCROOT%",
            "result for {uri} has no %SRCROOT% base (scan of absolute path {abs})"
        );
        assert!(
            !uri.starts_with('/') && !uri.contains("://"),
            "absolute uri {uri}"
        );
        assert!(
            Path::new(&base).join(uri).is_file(),
            "{uri} does not resolve against %SRCROOT% {base}"
        );
    }
}

/// File names with spaces, `#`, `%` and non-ASCII characters become valid, percent-encoded
/// URI references that still resolve to the file.
#[test]
fn sarif_uris_are_percent_encoded() {
    let t = TestDir::new();
    let names = [
        "my service/config file.py",
        "notes/#1 draft.env",
        "caf\u{e9}/100% ready.env",
    ];
    for name in names {
        t.write(name, format!("GITHUB_TOKEN = \"{}\"\n", github_pat()));
    }
    let (_, v) = sarif(&t, &["."]);
    assert_valid_sarif(&v);
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), names.len());
    let mut resolved: Vec<String> = Vec::new();
    for r in results {
        let uri = s(
            &r["locations"][0]["physicalLocation"]["artifactLocation"],
            "uri",
        );
        assert!(
            uri.bytes()
                .all(|b| b.is_ascii_graphic() && b != b'#' && b != b' '),
            "uri must be percent-encoded ASCII: {uri:?}"
        );
        resolved.push(percent_decode(uri));
    }
    resolved.sort();
    let mut expected: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    expected.sort();
    assert_eq!(resolved, expected);
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).expect("percent escape"));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8 path")
}

/// No format prints a raw secret by default: not the tokens, not a line of the key, not even
/// with debug logging on.
#[test]
fn no_raw_secret_in_any_format_by_default() {
    let (t, p) = planted_tree();
    let key_lines = pem_body_lines(&p.rsa_key);
    for format in ["text", "json", "jsonl", "sarif"] {
        let run = t.scan(&["-vv", "--format", format, "."]);
        run.assert_code(1);
        for (what, secret) in p.tokens() {
            assert!(
                !run.stdout.contains(secret) && !run.stderr.contains(secret),
                "--format {format} prints the raw {what}"
            );
        }
        for l in &key_lines {
            assert!(
                !run.stdout.contains(l.as_str()) && !run.stderr.contains(l.as_str()),
                "--format {format} prints a line of the private key"
            );
        }
        // The masked form is there instead.
        assert!(
            run.stdout.contains(&masked(&p.github)),
            "--format {format}: masked GitHub token missing"
        );
    }
}

/// `--show-secrets` prints them (JSON `secret`, text, SARIF).
#[test]
fn show_secrets_reveals_raw_values() {
    let (t, p) = planted_tree();
    for format in ["text", "json", "jsonl", "sarif"] {
        let run = t.scan(&["--format", format, "--show-secrets", "."]);
        run.assert_code(1);
        for (what, secret) in p.tokens() {
            assert!(
                run.stdout.contains(secret),
                "--format {format} --show-secrets does not show the {what}"
            );
        }
        if format == "json" {
            let findings = run.json_array();
            for f in &findings {
                assert_eq!(s(f, "secret_masked"), masked(s(f, "secret")), "{f}");
            }
            assert!(findings.iter().any(|f| s(f, "secret") == p.github));
        }
    }
}

/// `--output FILE` writes the report to the file and nothing to stdout.
#[test]
fn output_file_instead_of_stdout() {
    let (t, p) = planted_tree();
    let out_dir = TestDir::new();
    for (format, name) in [("json", "r.json"), ("sarif", "r.sarif")] {
        let out = out_dir.join(name);
        let out_s = out.to_string_lossy().into_owned();
        let run = t.scan(&["--format", format, "--output", &out_s, "."]);
        run.assert_code(1);
        assert_eq!(run.stdout, "", "--output {format}: stdout must be empty");
        let written = std::fs::read_to_string(&out).expect("report file written");
        assert!(
            written.contains(&masked(&p.github)),
            "{format} report: {written}"
        );
        assert!(
            !written.contains(&p.github),
            "{format} report holds a raw secret"
        );
        match format {
            "json" => {
                let v: Value = serde_json::from_str(&written).unwrap();
                assert!(v.as_array().is_some_and(|a| a.len() >= 8));
            }
            "sarif" => assert_valid_sarif(&serde_json::from_str(&written).unwrap()),
            _ => {}
        }
    }
}

/// The text report groups findings under their file, with tier, rule and rotation period.
#[test]
fn text_report_is_grouped_by_file() {
    let (t, p) = planted_tree();
    let run = t.scan(&["."]);
    run.assert_code(1);
    let out = &run.stdout;
    let header = out
        .lines()
        .position(|l| l == SETTINGS)
        .unwrap_or_else(|| panic!("no header line for {SETTINGS}:\n{out}"));
    let block: Vec<&str> = out
        .lines()
        .skip(header + 1)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(block.len(), 3, "three findings under {SETTINGS}:\n{out}");
    assert!(
        block.iter().any(|l| l.contains(&masked(&p.github))),
        "{out}"
    );
    assert!(
        block
            .iter()
            .all(|l| l.contains("HIGH") && l.contains("90 days")),
        "{out}"
    );
    assert!(out.contains("CRITICAL"), "{out}");
}

/// Issue 13, item 7: `scan --show-secrets -o FILE` wrote raw secrets world-readable (0644). The
/// file is created 0600, and an existing file is tightened before secrets go into it.
#[cfg(unix)]
#[test]
fn show_secrets_output_file_is_0600() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let t = TestDir::new();
    let tok = github_pat();
    t.write("app/settings.py", format!("GITHUB_TOKEN = \"{tok}\"\n"));
    let out = TestDir::new();
    let raw = out.join("raw.json");
    let raw_s = raw.to_string_lossy().into_owned();
    t.scan(&["--show-secrets", "--format", "json", "-o", &raw_s, "."])
        .assert_code(1);
    assert!(std::fs::read_to_string(&raw).unwrap().contains(&tok));
    assert_eq!(mode(&raw), 0o600);

    // A report that existed, world-readable, is tightened.
    let old = out.write("old.txt", "previous report\n");
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
    let old_s = old.to_string_lossy().into_owned();
    t.scan(&["--show-secrets", "-o", &old_s, "."])
        .assert_code(1);
    assert_eq!(mode(&old), 0o600);
    assert!(std::fs::read_to_string(&old).unwrap().contains(&tok));

    // A masked report holds no secret: it keeps the usual permissions (not forced private).
    let masked_out = out.join("masked.sarif");
    let m_s = masked_out.to_string_lossy().into_owned();
    t.scan(&["--format", "sarif", "-o", &m_s, "."])
        .assert_code(1);
    assert!(!std::fs::read_to_string(&masked_out).unwrap().contains(&tok));
}

/// The README's path escaping undone: `\\` is `\`, `\xNN` the byte NN.
fn unescape_path(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let (mut out, mut i) = (Vec::new(), 0);
    while i < b.len() {
        match (b[i], b.get(i + 1)) {
            (b'\\', Some(b'\\')) => {
                out.push(b'\\');
                i += 2;
            }
            (b'\\', Some(b'x')) => {
                out.push(u8::from_str_radix(&text[i + 2..i + 4], 16).unwrap());
                i += 4;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Issue 13, item 7: non-UTF-8 file names became U+FFFD in reports, so a finding could not be
/// mapped back to its file (and two such files shared one name). Bytes outside UTF-8 are kept
/// as `\xNN` (and `\` as `\\`) in every format.
#[cfg(unix)]
#[test]
fn non_utf8_paths_are_kept_losslessly() {
    use std::os::unix::ffi::OsStrExt;
    let t = TestDir::new();
    let (a, b) = (github_pat(), github_pat());
    let name_a: &[u8] = b"caf\xe9.env";
    let name_b: &[u8] = b"caf\xe8.env";
    for (name, tok) in [(name_a, &a), (name_b, &b)] {
        let p = t.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(&p, format!("GITHUB_TOKEN={tok}\n")).unwrap();
    }
    let (run, f) = t.scan_json(&["."]);
    run.assert_code(1);
    assert_eq!(f.len(), 2, "{}", summary(&f));
    let mut rels: Vec<&str> = f.iter().map(|x| s(x, "rel_path")).collect();
    rels.sort_unstable();
    assert_eq!(rels, [r"caf\xe8.env", r"caf\xe9.env"]);
    for x in &f {
        // The documented escaping maps back to the file on disk, holding that finding's secret.
        let rel = s(x, "rel_path");
        let raw = unescape_path(rel);
        let body =
            std::fs::read_to_string(t.path().join(std::ffi::OsStr::from_bytes(&raw))).unwrap();
        let tok = if raw == name_a { &a } else { &b };
        assert!(body.contains(tok.as_str()));
        assert_eq!(s(x, "secret_masked"), masked(tok));
    }
    // Text names both files distinctly, with the escapes.
    let text = t.scan(&["."]);
    assert!(
        text.stdout.contains(r"caf\xe9.env") && text.stdout.contains(r"caf\xe8.env"),
        "{}",
        text.describe()
    );
    // SARIF: two distinct URIs carrying the escapes (percent-encoded as URIs are).
    let (_, sarif_out) = sarif(&t, &["."]);
    let uris: BTreeSet<String> = sarif_out["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(uris.len(), 2, "{uris:?}");
    // A skipped file is named on stderr the same way.
    let bin = t.path().join(std::ffi::OsStr::from_bytes(b"caf\xe7.bin"));
    std::fs::write(&bin, b"bin\0ary").unwrap();
    let run = t.scan(&["."]);
    assert!(
        run.stderr.contains(r"caf\xe7.bin: binary file"),
        "{}",
        run.describe()
    );
    assert!(
        uris.iter().all(|u| u.contains("xe9") || u.contains("xe8")),
        "{uris:?}"
    );
}

/// What GitHub code scanning displays for each result: the `security-severity` of the rule
/// descriptor the result points at (by `ruleIndex`, else by `ruleId`), not anything on the
/// result itself. Returns (descriptor, displayed severity) after checking that the index and
/// the id agree.
fn github_view<'a>(run: &'a Value, result: &Value) -> (&'a Value, &'a str) {
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let id = s(result, "ruleId");
    let d = match result["ruleIndex"].as_u64() {
        Some(i) => {
            let d = &rules[i as usize];
            assert_eq!(d["id"], id, "ruleIndex and ruleId disagree: {result}");
            d
        }
        None => rules.iter().find(|d| d["id"] == id).expect("descriptor"),
    };
    assert!(result.get("rule").is_none(), "ruleId, not rule (SARIF2004)");
    let sev = d["properties"]["security-severity"]
        .as_str()
        .unwrap_or_else(|| panic!("descriptor {id} has no security-severity"));
    (d, sev)
}

/// GitHub shows the descriptor's severity: a production Postgres URI raised to CRITICAL must
/// show 9.5, a test key lowered to LOW 3.0, a docs token MEDIUM 5.5, even when the rule's base
/// tier is another. One descriptor per (rule, tier reached), each id once, each tiered one
/// related to its base rule and used by a result; fingerprints are those of the JSON report.
#[test]
fn sarif_severity_as_github_displays_it_matches_each_results_tier() {
    let (t, _) = planted_tree();
    t.write(
        "tests/fixtures/payments.py",
        format!("STRIPE_KEY = \"{}\"\n", stripe_test()),
    );
    t.write(
        "docs/setup.md",
        format!("Set `GITHUB_TOKEN={}`.\n", github_pat()),
    );
    let (_, v) = sarif(&t, &["."]);
    assert_valid_sarif(&v);
    let (_, json) = t.scan_json(&["."]);
    let catalog = rule_catalog();
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| s(r, "id")).collect();
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>().len(),
        ids.len(),
        "rule metadata once per descriptor id"
    );
    let json_tier: BTreeMap<&str, &str> = json
        .iter()
        .map(|f| (s(f, "fingerprint"), s(f, "tier")))
        .collect();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), json.len());
    let (mut raised, mut lowered) = (0, 0);
    let mut used = BTreeSet::new();
    for r in results {
        let fp = s(&r["partialFingerprints"], "vaultsweep/v1");
        let tier = json_tier[fp];
        assert_eq!(r["properties"]["tier"], tier);
        let (d, shown) = github_view(run, r);
        assert_eq!(
            shown,
            severity_of(tier),
            "GitHub would show {shown} for a {tier} result: {r}"
        );
        assert_eq!(d["defaultConfiguration"]["level"], level_of(tier));
        assert_eq!(r["level"], level_of(tier));
        let rule_id = s(&r["properties"], "rule_id");
        let base_tier = s(&catalog[rule_id], "tier");
        if tier == base_tier {
            assert_eq!(s(d, "id"), rule_id, "base tier: the rule's own descriptor");
        } else {
            assert_eq!(s(d, "id"), format!("{rule_id}/{tier}"));
            let rel = &d["relationships"][0]["target"];
            assert_eq!(rel["id"], rule_id, "related to the base rule: {d}");
            assert_eq!(
                rules[rel["index"].as_u64().unwrap() as usize]["id"],
                rule_id
            );
            if tier_rank(tier) > tier_rank(base_tier) {
                raised += 1;
            } else {
                lowered += 1;
            }
        }
        used.insert(s(d, "id"));
        let col = &r["locations"][0]["physicalLocation"]["region"];
        assert!(
            n(col, "startColumn") >= 1 && n(col, "endColumn") >= 1,
            "{r}"
        );
    }
    assert!(
        raised >= 1 && lowered >= 1,
        "raised {raised}, lowered {lowered}"
    );
    for id in ids.iter().filter(|i| i.contains('/')) {
        assert!(
            used.contains(id),
            "descriptor {id} for a tier no result reached"
        );
    }
    // The base descriptors are exactly the rules in effect, at their base tiers.
    let base: BTreeSet<&str> = ids.iter().copied().filter(|i| !i.contains('/')).collect();
    assert_eq!(base, catalog.keys().map(String::as_str).collect());
}

/// A history scan's SARIF validates and shows each result's tier the same way.
#[test]
fn sarif_history_severity_as_github_displays_it() {
    let r = crate::git::Repo::new();
    r.write("README.md", "# demo\n");
    r.commit_all("initial");
    r.write(
        ".env.production",
        format!(
            "DATABASE_URL=postgresql://app:{}@prod-db.example.internal:5432/app\n",
            url_password()
        ),
    );
    r.write("tests/conf.py", format!("KEY = \"{}\"\n", stripe_test()));
    r.commit_all("config");
    let run = r.vs(&["scan", "--history", "--format", "sarif"]);
    run.assert_code(1);
    let v = run.json();
    assert_valid_sarif(&v);
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() >= 2, "{results:#?}");
    assert!(
        results.iter().any(|x| s(x, "ruleId").contains('/')),
        "a result away from its rule's base tier: {results:#?}"
    );
    for x in results {
        let tier = s(&x["properties"], "tier");
        let (_, shown) = github_view(&v["runs"][0], x);
        assert_eq!(shown, severity_of(tier), "{x}");
    }
}

/// GitHub tracks an alert by `ruleId` and `partialFingerprints`: both stay the same across runs
/// and when lines are added above the secret, while the region follows the secret.
#[test]
fn sarif_partial_fingerprints_survive_runs_and_edits_above() {
    let t = TestDir::new();
    let token = github_pat();
    t.write("app/settings.py", format!("GITHUB_TOKEN = \"{token}\"\n"));
    let view = |t: &TestDir| -> (String, Value, u64) {
        let (_, v) = sarif(t, &["."]);
        assert_valid_sarif(&v);
        let r = &v["runs"][0]["results"][0];
        (
            s(r, "ruleId").to_string(),
            r["partialFingerprints"].clone(),
            n(
                &r["locations"][0]["physicalLocation"]["region"],
                "startLine",
            ),
        )
    };
    let first = view(&t);
    assert!(first.1.as_object().is_some_and(|o| !o.is_empty()));
    assert_eq!(view(&t), first, "same tree, same result identity");
    t.write(
        "app/settings.py",
        format!("import os\n\n# settings\nGITHUB_TOKEN = \"{token}\"\n"),
    );
    let edited = view(&t);
    assert_eq!((&edited.0, &edited.1), (&first.0, &first.1));
    assert_eq!(edited.2, 4, "the region follows the secret");
}
