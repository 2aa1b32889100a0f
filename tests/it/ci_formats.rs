//! CI report formats: GitLab's secret-detection report against its official 15.2.4 schema
//! (`fixtures/gitlab-secret-detection-report-format-15.2.4.json`, copied unchanged from GitLab's
//! `security-report-schemas`, tag v15.2.4, MIT) for tree, staged and history scans, and GitHub
//! workflow-command annotations.

use crate::git::Repo;
use crate::util::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub(crate) fn gitlab_validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let path = repo_path("fixtures/gitlab-secret-detection-report-format-15.2.4.json");
        let text = std::fs::read_to_string(&path).expect("GitLab schema fixture");
        let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
        assert_eq!(
            schema["$schema"], "http://json-schema.org/draft-07/schema#",
            "GitLab's report schemas are draft-07"
        );
        jsonschema::draft7::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("GitLab schema compiles")
    })
}

#[track_caller]
pub(crate) fn assert_valid_gitlab(report: &Value) {
    assert_schema_valid(
        gitlab_validator(),
        report,
        "report does not validate against GitLab's 15.2.4 schema",
    );
}

fn gitlab_severity(tier: &str) -> &'static str {
    match tier {
        "critical" => "Critical",
        "high" => "High",
        "medium" => "Medium",
        "low" => "Low",
        t => panic!("unknown tier {t}"),
    }
}

/// The id GitLab sees for a fingerprint: its first 128 bits, UUID-shaped.
fn id_of(fingerprint: &str) -> String {
    let h = &fingerprint[..32];
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

fn detail<'a>(v: &'a Value, key: &str) -> &'a Value {
    &v["details"][key]["value"]
}

#[track_caller]
fn assert_no_secret(run: &Run, secrets: &[&str]) {
    for s in secrets {
        assert!(
            !run.stdout.contains(s) && !run.stderr.contains(s),
            "raw secret {} in output",
            masked(s)
        );
    }
}

/// Tree scan: schema-valid; every finding of the JSON report is there with its severity,
/// rule id first among identifiers, root-relative file and lines, `HEAD`, confidence and
/// context in `details`, a solution naming the rotation period and `migrate` only for
/// `.env`/JSON files; no secret text.
#[test]
fn gitlab_tree_report_validates_and_carries_every_field() {
    let (t, p) = planted_tree();
    let run = t.scan(&["--format", "gitlab", "."]);
    run.assert_code(1);
    let v = run.json();
    assert_valid_gitlab(&v);
    let tokens: Vec<&str> = p.tokens().into_iter().map(|(_, s)| s).collect();
    assert_no_secret(&run, &tokens);
    assert!(!run.stdout.contains("BEGIN RSA PRIVATE KEY\n"));

    assert_eq!(v["version"], "15.2.4");
    assert_eq!(v["scan"]["type"], "secret_detection");
    assert_eq!(v["scan"]["status"], "success");
    assert_eq!(v["scan"]["scanner"]["id"], "vaultsweep");
    assert_eq!(v["scan"]["analyzer"]["vendor"]["name"], "vaultsweep");
    assert!(s(&v["scan"], "start_time") <= s(&v["scan"], "end_time"));

    let (_, json) = t.scan_json(&["."]);
    let vulns = v["vulnerabilities"].as_array().unwrap();
    assert_eq!(
        vulns.len(),
        json.len(),
        "GitLab and JSON list the same findings"
    );
    assert!(vulns.len() >= 8, "{}", summary(&json));
    let by_id: BTreeMap<&str, &Value> = vulns.iter().map(|x| (s(x, "id"), x)).collect();
    assert_eq!(by_id.len(), vulns.len(), "ids are unique");
    let mut migrate_advice = 0;
    for f in &json {
        let x = by_id[id_of(s(f, "fingerprint")).as_str()];
        let tier = s(f, "tier");
        assert_eq!(x["severity"], gitlab_severity(tier), "{f}");
        assert_eq!(x["identifiers"][0]["value"], f["rule_id"], "rule id first");
        assert_eq!(x["identifiers"][0]["type"], "vaultsweep_rule_id");
        assert_eq!(x["location"]["file"], f["rel_path"]);
        assert_eq!(x["location"]["start_line"], f["line"]);
        assert_eq!(x["location"]["end_line"], f["end_line"]);
        assert_eq!(x["location"]["commit"]["sha"], "HEAD");
        assert_eq!(detail(x, "confidence"), &f["confidence"]);
        assert_eq!(detail(x, "context"), &f["context"]);
        assert_eq!(detail(x, "tier"), &f["tier"]);
        assert_eq!(detail(x, "secret_masked"), &f["secret_masked"]);
        assert_eq!(detail(x, "fingerprint"), &f["fingerprint"]);
        let solution = s(x, "solution");
        assert!(
            solution.contains(&format!("within {} days", rotation_days(tier))),
            "{solution}"
        );
        let rel = s(f, "rel_path");
        let migratable = rel == ENV_PROD;
        assert_eq!(
            solution.contains(&format!("vaultsweep migrate plan {rel}")),
            migratable,
            "{rel}: {solution}"
        );
        migrate_advice += usize::from(migratable);
        assert!(x.get("raw_source_code_extract").is_none());
    }
    assert!(
        migrate_advice >= 2,
        "the .env.production findings advise migrate"
    );

    // The validator does reject what GitLab would reject, so the check above can fail.
    let mut bad = v.clone();
    bad["vulnerabilities"][0]["severity"] = Value::from("critical");
    assert!(
        !gitlab_validator().is_valid(&bad),
        "severity is capitalised"
    );
    let mut bad = v.clone();
    bad["vulnerabilities"][0]["location"]
        .as_object_mut()
        .unwrap()
        .remove("commit");
    assert!(
        !gitlab_validator().is_valid(&bad),
        "location.commit is required"
    );
    let mut bad = v;
    bad["scan"]["start_time"] = Value::from("2026-01-01T00:00:00Z");
    assert!(
        !gitlab_validator().is_valid(&bad),
        "no zone suffix in times"
    );
}

#[test]
fn gitlab_clean_tree_is_valid_and_empty() {
    let t = TestDir::new();
    t.write(
        "src/lib.rs",
        "pub fn add(a: i32, b: i32) -> i32 { a + b }\n",
    );
    let run = t.scan(&["--format", "gitlab", "."]);
    run.assert_code(0);
    let v = run.json();
    assert_valid_gitlab(&v);
    assert_eq!(v["vulnerabilities"], Value::Array(vec![]));
}

#[test]
fn gitlab_show_secrets_puts_the_value_in_the_extract_only_when_asked() {
    let t = TestDir::new();
    let token = github_pat();
    t.write("deploy.sh", format!("export GH_TOKEN={token}\n"));
    let v = t
        .scan(&["--format", "gitlab", "--show-secrets", "."])
        .json();
    assert_valid_gitlab(&v);
    assert_eq!(
        v["vulnerabilities"][0]["raw_source_code_extract"],
        token.as_str()
    );
}

/// The same secret keeps its id when lines are added above it and across runs.
#[test]
fn gitlab_ids_survive_edits_above_the_secret() {
    let t = TestDir::new();
    let token = github_pat();
    t.write("app/settings.py", format!("GITHUB_TOKEN = \"{token}\"\n"));
    let ids = |t: &TestDir| -> Vec<(String, u64)> {
        let v = t.scan(&["--format", "gitlab", "."]).json();
        assert_valid_gitlab(&v);
        v["vulnerabilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| (s(x, "id").to_string(), n(&x["location"], "start_line")))
            .collect()
    };
    let before = ids(&t);
    assert_eq!(before.len(), 1);
    assert_eq!(ids(&t), before, "same run, same ids");
    t.write(
        "app/settings.py",
        format!("import os\n\nDEBUG = False\nGITHUB_TOKEN = \"{token}\"\n"),
    );
    let after = ids(&t);
    assert_eq!(after[0].0, before[0].0, "id kept after an edit above");
    assert_eq!(after[0].1, 4, "the line moved");
}

/// Staged scan (the pre-commit hook's view): schema-valid, `HEAD`, repository-relative path.
#[test]
fn gitlab_staged_report_validates() {
    let r = Repo::new();
    r.write("README.md", "# demo\n");
    r.commit_all("initial");
    let pw = password();
    r.write("config/.env", format!("APP=demo\nDB_PASSWORD={pw}\n"));
    r.git(&["add", "config/.env"]);
    let run = r.vs(&["scan", "--staged", "--format", "gitlab"]);
    run.assert_code(1);
    assert_no_secret(&run, &[&pw]);
    let v = run.json();
    assert_valid_gitlab(&v);
    let x = &v["vulnerabilities"][0];
    assert_eq!(x["location"]["file"], "config/.env");
    assert_eq!(x["location"]["start_line"], 2);
    assert_eq!(x["location"]["commit"]["sha"], "HEAD");
    assert!(
        s(x, "solution").contains("vaultsweep migrate plan config/.env"),
        "{x}"
    );
}

/// History scan: schema-valid, the introducing commit (sha, author, message) in
/// `location.commit`, and a rotation deadline counted from that commit's date.
#[test]
fn gitlab_history_report_names_the_introducing_commit() {
    let r = Repo::new();
    r.write("README.md", "# demo\n");
    r.commit_all("initial");
    let token = github_pat();
    r.write("deploy.sh", format!("#!/bin/sh\nexport GH_TOKEN={token}\n"));
    let introducing = r.commit_all("add deploy script");
    r.write(
        "deploy.sh",
        "#!/bin/sh\nexport GH_TOKEN=\"$(vault read gh)\"\n",
    );
    r.commit_all("remove the token");
    let run = r.vs(&["scan", "--history", "--format", "gitlab"]);
    run.assert_code(1);
    assert_no_secret(&run, &[&token]);
    let v = run.json();
    assert_valid_gitlab(&v);
    let vulns = v["vulnerabilities"].as_array().unwrap();
    assert_eq!(vulns.len(), 1, "{vulns:#?}");
    let x = &vulns[0];
    let c = &x["location"]["commit"];
    assert_eq!(c["sha"], introducing.as_str());
    assert_eq!(c["message"], "add deploy script");
    assert!(s(c, "author").contains("Ada Tester"));
    assert_eq!(x["location"]["file"], "deploy.sh");
    assert_eq!(x["location"]["start_line"], 2);
    assert_eq!(detail(x, "in_head"), &Value::Bool(false));
    let days = rotation_days(detail(x, "tier").as_str().unwrap());
    let solution = s(x, "solution");
    let committed = &s(c, "date")[..10];
    let (_, rest) = solution
        .split_once("(by ")
        .unwrap_or_else(|| panic!("no deadline: {solution}"));
    let deadline = &rest[..10];
    assert!(
        deadline > committed
            && rest[10..].starts_with(&format!(": {days} days after it was committed")),
        "deadline {deadline} is {days} days after {committed}: {solution}"
    );
    assert!(
        !solution.contains("migrate plan"),
        "deploy.sh is code: {solution}"
    );
}

// ---------------------------------------------------------------------------------------------
// GitHub annotations

/// Lines of `scan --format github` output.
fn annotations(run: &Run) -> Vec<&str> {
    run.stdout.lines().collect()
}

/// A path with `,`, `:` and `%` in it: escaped in the `file` property and the message exactly as
/// GitHub's `escapeProperty` / `escapeData` do; the secret masked; one line per finding.
#[test]
fn github_annotation_escapes_properties_and_message_exactly() {
    let t = TestDir::new();
    let pw = password();
    t.write("we,ird:dir/app%1.env", format!("DB_PASSWORD={pw}\n"));
    let run = t.scan(&["--format", "github", "."]);
    run.assert_code(1);
    assert_no_secret(&run, &[&pw]);
    let (_, json) = t.scan_json(&["."]);
    assert_eq!(json.len(), 1, "{}", summary(&json));
    assert_eq!(s(&json[0], "rule_id"), "generic.password-unquoted");
    assert_eq!(s(&json[0], "tier"), "high");
    let expected = format!(
        "::error file=we%2Cird%3Adir/app%251.env,line=1,endLine=1,col=13,endColumn=29,\
         title=Password in a .env%2C properties%2C INI or YAML file (HIGH)::\
         Password in a .env, properties, INI or YAML file in DB_PASSWORD: {} \
         [{} confidence, production; rule generic.password-unquoted]. Rotate it within 90 days \
         and move it to Vault: vaultsweep migrate plan we,ird:dir/app%251.env.",
        masked(&pw).replace('%', "%25"),
        s(&json[0], "confidence"),
    );
    assert_eq!(annotations(&run), vec![expected.as_str()]);
}

/// A file name holding a newline and a workflow command cannot inject a command: CR/LF and
/// `:` are escaped, so the output has exactly one command line per finding.
#[test]
fn github_annotation_cannot_be_split_by_a_file_name() {
    let t = TestDir::new();
    let pw = password();
    let evil = "x\n::error title=injected::boom\r.env";
    t.write(evil, format!("DB_PASSWORD={pw}\n"));
    let run = t.scan(&["--format", "github", "."]);
    run.assert_code(1);
    let lines = annotations(&run);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0]
            .starts_with("::error file=x%0A%3A%3Aerror title=injected%3A%3Aboom%0D.env,line=1,"),
        "{}",
        lines[0]
    );
    assert!(!lines[0].contains('\r'));
}

/// Levels by tier (critical/high → error, medium → warning, low → notice) for every finding,
/// and `--show-secrets` does not unmask annotations: workflow logs are widely readable.
#[test]
fn github_levels_follow_tiers_and_secrets_stay_masked() {
    let (t, p) = planted_tree();
    let test_key = stripe_test();
    t.write(
        "tests/fixtures/payments.py",
        format!("STRIPE_KEY = \"{test_key}\"\n"),
    );
    t.write(
        "docs/setup.md",
        format!("Set `GITHUB_TOKEN={}`.\n", github_pat()),
    );
    let run = t.scan(&["--format", "github", "--show-secrets", "."]);
    run.assert_code(1);
    let mut secrets: Vec<&str> = p.tokens().into_iter().map(|(_, s)| s).collect();
    secrets.push(&test_key);
    assert_no_secret(&run, &secrets);
    let (_, json) = t.scan_json(&["."]);
    let lines = annotations(&run);
    assert_eq!(lines.len(), json.len());
    let mut levels = std::collections::BTreeSet::new();
    for (line, f) in lines.iter().zip(&json) {
        let level = match s(f, "tier") {
            "critical" | "high" => "error",
            "medium" => "warning",
            _ => "notice",
        };
        levels.insert(level);
        let props = format!(
            "::{level} file={},line={},endLine={},",
            s(f, "rel_path"),
            n(f, "line"),
            n(f, "end_line")
        );
        assert!(line.starts_with(&props), "{line}\nexpected {props}");
        assert!(
            line.contains(&s(f, "secret_masked").replace('%', "%25")),
            "{line}"
        );
    }
    assert_eq!(
        levels,
        ["error", "notice", "warning"].into_iter().collect(),
        "production secrets, a docs token and a test key reach all three levels"
    );
}

/// A path that was not scanned is not passed over in silence: it becomes a warning.
#[test]
fn github_names_paths_not_scanned() {
    let t = TestDir::new();
    t.write("big.txt", "x".repeat(4096));
    let run = t.scan(&["--format", "github", "--max-file-size", "1K", "."]);
    let lines = annotations(&run);
    assert_eq!(lines.len(), 1, "{}", run.describe());
    assert!(
        lines[0].starts_with(
            "::warning file=big.txt,title=vaultsweep%3A not scanned::big.txt was not scanned ("
        ),
        "{}",
        lines[0]
    );
}
