//! `vaultsweep assess` (issue 16): homes and phases on the sample tree, the engine scripts
//! (no password; they run against a stub `vault`), exposure in git history, progress from
//! `vault:` references, journals (after a real `migrate apply` against OpenBao) and the guard
//! file, `--since`, and the HTML report rendered by a real headless Chromium.
//!
//! The browser test skips with a message when no Chromium is found, unless
//! `VAULTSWEEP_REQUIRE_BROWSER=1` (set by `.ci/run`), which turns that into a failure.

use crate::util::{self, Run, TestDir, repo_path, vaultsweep};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Helpers

/// A copy of `fixtures/smart-dairy` (dot files included) in a fresh directory.
fn sample_copy() -> TestDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let (src, dst) = (e.path(), to.join(e.file_name()));
            if e.file_type().unwrap().is_dir() {
                copy(&src, &dst);
            } else {
                std::fs::copy(&src, &dst).unwrap();
            }
        }
    }
    let t = TestDir::new();
    copy(&repo_path("fixtures/smart-dairy"), t.path());
    t
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", std::env::temp_dir().join("vaultsweep-it-no-home"))
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn assess(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = vaultsweep();
    cmd.current_dir(dir).arg("assess").args(args);
    Run::of(&mut cmd)
}

/// `assess --format json ARGS…` in `dir`: exit 0, valid against the schema.
fn assess_json(dir: &Path, args: &[&str]) -> (Run, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = assess(dir, &all);
    run.assert_code(0);
    let v = run.json();
    assert_valid(&v);
    (run, v)
}

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let text = std::fs::read_to_string(repo_path("docs/assessment.schema.json"))
            .expect("docs/assessment.schema.json");
        let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
        jsonschema::draft7::options()
            .build(&schema)
            .expect("assessment schema compiles")
    })
}

#[track_caller]
fn assert_valid(v: &Value) {
    util::assert_schema_valid(
        validator(),
        v,
        "assessment does not validate against docs/assessment.schema.json",
    );
}

/// Every raw value the scanner finds in `dir` (`--show-secrets`), and the body lines of its
/// private keys: none of them may appear in anything `assess` writes.
fn raw_values(dir: &Path) -> Vec<String> {
    let mut cmd = vaultsweep();
    cmd.current_dir(dir)
        .args(["scan", "--format", "json", "--show-secrets", "."]);
    let run = Run::of(&mut cmd);
    let mut out: Vec<String> = run
        .json_array()
        .iter()
        .map(|f| util::s(f, "secret").to_string())
        .collect();
    for f in run.json_array() {
        if util::s(&f, "category") == "tls-private-key" {
            let text = std::fs::read_to_string(dir.join(util::s(&f, "rel_path"))).unwrap();
            out.extend(util::pem_body_lines(&text));
        }
    }
    assert!(out.len() > 15, "the sample tree holds its secrets: {out:?}");
    out
}

#[track_caller]
fn assert_no_raw_value(what: &str, text: &str, values: &[String]) {
    for v in values {
        assert!(
            !text.contains(v.as_str()),
            "{what} holds a raw value ({} chars)",
            v.len()
        );
    }
}

fn rel(item: &Value) -> &str {
    let p = util::s(item, "path");
    p.strip_prefix("./").unwrap_or(p)
}

/// The item of `path` whose key (else rule) is `name`.
fn item<'a>(a: &'a Value, path: &str, name: &str) -> &'a Value {
    a["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| rel(i) == path && (i["key"].as_str() == Some(name) || i["rule"] == name))
        .unwrap_or_else(|| panic!("no item {path} {name} in:\n{:#}", a["items"]))
}

// ---------------------------------------------------------------------------------------------
// Homes and phases

/// Issue 16, "Must hold": on the sample tree, every finding gets the expected home and phase.
#[test]
fn sample_tree_homes_and_phases() {
    let root = repo_path("fixtures/smart-dairy");
    let (_, a) = assess_json(&root, &["--no-history", "."]);
    // (file, key or rule, home, phase, service, env, handling)
    let expected: &[(&str, &str, &str, u64, &str, &str, &str)] = &[
        (
            "services/milk-tracker/.env.production",
            "DB_PASSWORD",
            "database",
            3,
            "milk-tracker",
            "prod",
            "migrate",
        ),
        (
            "services/milk-tracker/.env.production",
            "DATABASE_URL",
            "database",
            3,
            "milk-tracker",
            "prod",
            "migrate",
        ),
        (
            "services/milk-tracker/.env.production",
            "REDIS_URL",
            "database",
            3,
            "milk-tracker",
            "prod",
            "migrate",
        ),
        (
            "services/milk-tracker/.env.production",
            "STRIPE_SECRET_KEY",
            "kv",
            2,
            "milk-tracker",
            "prod",
            "migrate",
        ),
        (
            "services/milk-tracker/.env.development",
            "STRIPE_SECRET_KEY",
            "kv",
            2,
            "milk-tracker",
            "dev",
            "migrate",
        ),
        (
            "services/herd-api/config/settings.py",
            "AWS_ACCESS_KEY_ID",
            "aws",
            3,
            "herd-api",
            "prod",
            "code",
        ),
        (
            "services/herd-api/config/settings.py",
            "aws.secret-access-key",
            "aws",
            3,
            "herd-api",
            "prod",
            "code",
        ),
        (
            "services/herd-api/config/settings.py",
            "SECRET_KEY",
            "kv",
            2,
            "herd-api",
            "prod",
            "code",
        ),
        (
            "services/herd-api/config/settings.py",
            "SLACK_BOT_TOKEN",
            "kv",
            2,
            "herd-api",
            "prod",
            "code",
        ),
        (
            "services/herd-api/config/settings.py",
            "GITHUB_TOKEN",
            "kv",
            2,
            "herd-api",
            "prod",
            "code",
        ),
        (
            "services/herd-api/config/notifications.json",
            "api_key",
            "kv",
            2,
            "herd-api",
            "prod",
            "migrate",
        ),
        (
            "services/herd-api/config/notifications.json",
            "browser_key",
            "kv",
            2,
            "herd-api",
            "prod",
            "migrate",
        ),
        (
            "services/auth-gateway/.env.production",
            "JWT_SECRET",
            "transit",
            4,
            "auth-gateway",
            "prod",
            "migrate",
        ),
        (
            "services/auth-gateway/.env.production",
            "DATA_ENCRYPTION_KEY",
            "transit",
            4,
            "auth-gateway",
            "prod",
            "migrate",
        ),
        (
            "services/auth-gateway/.env.staging",
            "JWT_SECRET",
            "transit",
            4,
            "auth-gateway",
            "staging",
            "migrate",
        ),
        (
            "services/gate-sensor/config/gateway.json",
            "password",
            "kv",
            2,
            "gate-sensor",
            "prod",
            "migrate",
        ),
        (
            "services/gate-sensor/tls/gateway.key",
            "privatekey.ec",
            "pki",
            4,
            "gate-sensor",
            "prod",
            "code",
        ),
        (
            "deploy/tls/server.key",
            "privatekey.rsa",
            "pki",
            4,
            "smart-dairy",
            "prod",
            "code",
        ),
        (
            "deploy/k8s/secret.yaml",
            "api-token",
            "kv",
            2,
            "smart-dairy",
            "prod",
            "code",
        ),
        // `data:`'s base64 password, whose encoding holds no digit
        (
            "deploy/k8s/secret.yaml",
            "password",
            "kv",
            2,
            "smart-dairy",
            "prod",
            "code",
        ),
    ];
    let items = a["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        expected.len(),
        "every finding, and only findings:\n{:#}",
        a["items"]
    );
    for (path, name, home, phase, service, env, handling) in expected {
        let i = item(&a, path, name);
        let got = (
            util::s(i, "home"),
            util::n(i, "phase"),
            util::s(i, "service"),
            util::s(i, "env"),
            util::s(i, "handling"),
        );
        assert_eq!(
            got,
            (*home, *phase, *service, *env, *handling),
            "{path} {name}: {i:#}"
        );
        assert_eq!(util::s(i, "fingerprint").len(), 64);
        assert!(util::n(i, "line") >= 1 && !util::s(i, "tier").is_empty());
        assert!(!util::s(i, "home_reason").is_empty());
    }
    // KV destinations: migrate's own template and inference.
    let kv = |path: &str, name: &str| {
        let k = &item(&a, path, name)["kv"];
        format!(
            "{}/{}#{}",
            util::s(k, "mount"),
            util::s(k, "path"),
            util::s(k, "key")
        )
    };
    assert_eq!(
        kv("services/milk-tracker/.env.production", "STRIPE_SECRET_KEY"),
        "secret/apps/milk-tracker/prod/env#STRIPE_SECRET_KEY"
    );
    assert_eq!(
        kv("services/herd-api/config/notifications.json", "api_key"),
        "secret/apps/herd-api/prod/notifications#sendgrid.api_key"
    );
    assert_eq!(
        kv("services/herd-api/config/settings.py", "SECRET_KEY"),
        "secret/apps/herd-api/prod/settings.py#SECRET_KEY"
    );
    // Counts add up.
    let sum = &a["summary"];
    assert_eq!(util::n(sum, "total"), expected.len() as u64);
    let by_phase: Vec<u64> = sum["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| util::n(p, "count"))
        .collect();
    assert_eq!(by_phase, [10, 5, 5]);
    let tiers = &sum["tiers"];
    assert_eq!(
        ["critical", "high", "medium", "low"]
            .iter()
            .map(|t| util::n(tiers, t))
            .sum::<u64>(),
        expected.len() as u64
    );
    assert_eq!(a["history"], "skipped");
    // The schema can fail: a KV item in phase 4, a raw-looking value.
    let mut bad = a.clone();
    let kv_at = items.iter().position(|i| i["home"] == "kv").unwrap();
    bad["items"][kv_at]["phase"] = serde_json::json!(4);
    bad["items"][0]["masked"] = serde_json::json!("not masked");
    assert_eq!(validator().iter_errors(&bad).count(), 2);
    // Phase 2: non-production first, lowest tier first; a command per file migrate can move,
    // holding back the keys whose home is not KV.
    let p2 = &a["phases"][0];
    assert_eq!(p2["phase"], 2);
    let cmds: Vec<&str> = p2["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(cmds.len(), 4, "{cmds:#?}");
    assert!(
        cmds[0].contains("services/milk-tracker/.env.development"),
        "{cmds:#?}"
    );
    let prod = cmds
        .iter()
        .find(|c| c.contains("milk-tracker/.env.production"))
        .unwrap();
    for k in ["DATABASE_URL", "DB_PASSWORD", "REDIS_URL"] {
        assert!(prod.contains(&format!("--exclude {k}")), "{prod}");
    }
    assert!(!prod.contains("STRIPE"), "{prod}");
    let json_cmd = cmds.iter().find(|c| c.contains("gateway.json")).unwrap();
    assert!(
        json_cmd.contains("--env prod"),
        "migrate cannot infer a JSON file's env: {json_cmd}"
    );
    let stages: Vec<&str> = p2["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| util::s(t, "stage"))
        .collect();
    let first_prod = stages.iter().position(|s| *s == "production").unwrap();
    assert!(stages[..first_prod].iter().all(|s| *s == "non-production"));
    assert!(
        stages[first_prod..].iter().all(|s| *s == "production"),
        "{stages:?}"
    );
    // Phase 3 starts from the databases and AWS keys found.
    let dbs = a["engines"]["databases"].as_array().unwrap();
    let pg = dbs
        .iter()
        .find(|d| d["engine"] == "postgresql")
        .expect("postgres");
    assert_eq!(
        (
            util::s(pg, "host"),
            util::n(pg, "port"),
            util::s(pg, "database")
        ),
        ("prod-db.smartdairy.internal", 5432, "milk")
    );
    assert_eq!(pg["users"], serde_json::json!(["milk_app"]));
    assert!(
        dbs.iter()
            .any(|d| d["engine"] == "redis" && d["host"] == "cache.smartdairy.internal")
    );
    assert_eq!(
        dbs.len(),
        2,
        "DB_* settings and DATABASE_URL name one database: {dbs:#?}"
    );
    let aws = a["engines"]["aws"].as_array().unwrap();
    assert_eq!(aws.len(), 1);
    assert_eq!(util::s(&aws[0], "name"), "herd-api-prod");
}

// ---------------------------------------------------------------------------------------------
// Engine scripts

/// The engine scripts hold no password (nor any other value), parse as shell, and run: against
/// a stub `vault` they issue the commands the report shows, with the admin password taken
/// from the environment, and without it they stop before any command.
#[test]
fn engine_scripts_hold_no_secret_and_run_against_a_stub_vault() {
    let t = sample_copy();
    let values = raw_values(t.path());
    let run = assess(
        t.path(),
        &[
            "--no-history",
            "--emit-engine-config",
            "engines",
            "-o",
            "a.json",
            ".",
        ],
    );
    run.assert_code(0);
    let a: Value =
        serde_json::from_str(&std::fs::read_to_string(t.join("a.json")).unwrap()).unwrap();
    let db = std::fs::read_to_string(t.join("engines/database.sh")).unwrap();
    let aws = std::fs::read_to_string(t.join("engines/aws.sh")).unwrap();
    assert_eq!(
        db,
        util::s(&a["engines"], "database_script"),
        "the report shows the script written"
    );
    assert_no_raw_value("database.sh", &db, &values);
    assert_no_raw_value("aws.sh", &aws, &values);
    assert!(
        !db.contains("AKIA")
            && !aws.contains(&values.iter().find(|v| v.starts_with("AKIA")).unwrap()[4..])
    );
    for (name, text) in [("database.sh", &db), ("aws.sh", &aws)] {
        let out = Command::new("sh")
            .args(["-n", "-c", text])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name} is not valid sh: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(t.join("engines/database.sh"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o111, 0o111, "executable");
    }
    // A stub `vault` that records its arguments, one per line.
    let bin = t.mkdir("stub-bin");
    let log = t.join("vault.log");
    std::fs::write(
        bin.join("vault"),
        "#!/bin/sh\n{ echo '---'; for a in \"$@\"; do printf '%s\\n' \"$a\"; done; } >> \"$VAULT_LOG\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(bin.join("vault"), std::fs::Permissions::from_mode(0o755))
            .unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let admin = util::password();
    let sh = |script: &str, envs: &[(&str, &str)]| {
        let mut c = Command::new("sh");
        c.arg(t.join(script))
            .env("PATH", &path)
            .env("VAULT_LOG", &log);
        for (k, v) in envs {
            c.env(k, v);
        }
        c.output().unwrap()
    };
    // Runs `script` afresh; it must succeed. The calls it made.
    let calls_of = |script: &str, envs: &[(&str, &str)]| -> String {
        let _ = std::fs::remove_file(&log);
        let out = sh(script, envs);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read_to_string(&log).unwrap()
    };
    let assert_calls = |calls: &str, wanted: &[&str]| {
        for want in wanted {
            assert!(
                calls.lines().any(|l| l == *want),
                "{want:?} not among the calls:\n{calls}"
            );
        }
    };
    // Without the admin password: stops, naming the variable, before any command.
    let out = sh(
        "engines/database.sh",
        &[("PROD_DB_MILK_ADMIN_USER", "vault_admin")],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("PROD_DB_MILK_ADMIN_PASSWORD"));
    assert!(
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .all(|l| l == "---"
                || l == "secrets"
                || l == "list"
                || l == "enable"
                || l == "database")
    );
    let calls = calls_of(
        "engines/database.sh",
        &[
            ("PROD_DB_MILK_ADMIN_USER", "vault_admin"),
            ("PROD_DB_MILK_ADMIN_PASSWORD", &admin),
            ("CACHE_REDIS_ADMIN_USER", "default"),
            ("CACHE_REDIS_ADMIN_PASSWORD", &admin),
        ],
    );
    assert_calls(
        &calls,
        &[
            "database/config/prod-db-milk",
            "plugin_name=postgresql-database-plugin",
            "connection_url=postgresql://{{username}}:{{password}}@prod-db.smartdairy.internal:5432/milk",
            "username=vault_admin",
            &format!("password={admin}"),
            "database/roles/milk-tracker-prod-postgresql",
            "db_name=prod-db-milk",
            "database/config/cache-redis",
            "host=cache.smartdairy.internal",
            "port=6379",
        ],
    );
    assert!(
        calls.lines().any(
            |l| l.starts_with("creation_statements=CREATE ROLE \"{{name}}\"")
                && l.contains("GRANT \"milk_app\" TO \"{{name}}\"")
        ),
        "{calls}"
    );
    let calls = calls_of(
        "engines/aws.sh",
        &[
            ("VAULT_AWS_ACCESS_KEY_ID", "placeholder-id"),
            ("VAULT_AWS_SECRET_ACCESS_KEY", "placeholder-secret"),
            ("AWS_ACCOUNT_ID", "123456789012"),
        ],
    );
    assert_calls(
        &calls,
        &[
            "aws/roles/herd-api-prod",
            "credential_type=assumed_role",
            "role_arns=arn:aws:iam::123456789012:role/herd-api-prod",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// History

/// Values committed are "exposed" (rotate), with their commit; a file never committed is not.
#[test]
fn exposure_in_git_history_marks_committed_values_only() {
    let t = sample_copy();
    git(t.path(), &["init", "-q"]);
    git(
        t.path(),
        &["add", "services/milk-tracker", "services/herd-api"],
    );
    git(t.path(), &["commit", "-q", "--no-verify", "-m", "services"]);
    let head = git(t.path(), &["rev-parse", "HEAD"]);
    let (_, a) = assess_json(t.path(), &["."]);
    assert_eq!(a["history"], "checked");
    let stripe = item(
        &a,
        "services/milk-tracker/.env.production",
        "STRIPE_SECRET_KEY",
    );
    assert_eq!(util::s(&stripe["exposed"], "commit"), head);
    let aws = item(
        &a,
        "services/herd-api/config/settings.py",
        "AWS_ACCESS_KEY_ID",
    );
    assert_eq!(util::s(&aws["exposed"], "commit"), head);
    let jwt = item(&a, "services/auth-gateway/.env.production", "JWT_SECRET");
    assert!(jwt["exposed"].is_null(), "never committed: {jwt:#}");
    let exposed = a["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| !i["exposed"].is_null())
        .count();
    assert_eq!(util::n(&a["summary"], "exposed"), exposed as u64);
    assert_eq!(exposed, 12, "the 12 findings of milk-tracker and herd-api");
    let p2 = &a["phases"][0]["tasks"];
    let settings = p2
        .as_array()
        .unwrap()
        .iter()
        .find(|t| util::s(t, "path").ends_with("settings.py"))
        .unwrap();
    assert!(util::s(settings, "todo").contains("rotate"), "{settings:#}");
}

// ---------------------------------------------------------------------------------------------
// Progress without Vault: references, the guard file, --since

/// A value replaced by a `vault:` reference counts as migrated (tier from the earlier
/// assessment), a deleted one as gone, a new one as new; a guard entry counts too.
#[test]
fn since_and_references_show_progress() {
    let t = sample_copy();
    let (run, first) = assess_json(t.path(), &["--no-history", "."]);
    std::fs::write(t.join("first.json"), &run.stdout).unwrap();
    assert_eq!(util::n(&first["progress"]["total"], "migrated"), 0);
    // By hand: the MQTT password of a JSON config replaced by a reference (counts), a token
    // in Python code replaced by a `vault:` string (program code: does not count), another
    // deleted, a new one added.
    let gateway = t.join("services/gate-sensor/config/gateway.json");
    let json = std::fs::read_to_string(&gateway).unwrap();
    let old = json
        .lines()
        .find(|l| l.contains("\"password\""))
        .unwrap()
        .to_string();
    std::fs::write(
        &gateway,
        json.replace(
            &old,
            "    \"password\": \"vault:secret/data/apps/gate-sensor/prod/gateway#mqtt.password\"",
        ),
    )
    .unwrap();
    let settings = t.join("services/herd-api/config/settings.py");
    let text = std::fs::read_to_string(&settings).unwrap();
    let new_token = util::github_pat();
    let text: String = text
        .lines()
        .map(|l| {
            if l.starts_with("SLACK_BOT_TOKEN") {
                "SLACK_BOT_TOKEN = \"vault:secret/data/apps/herd-api/prod/settings#SLACK_BOT_TOKEN\""
                    .to_string()
            } else if l.starts_with("GITHUB_TOKEN") {
                String::new()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(
        &settings,
        format!("{text}\nDEPLOY_TOKEN = \"{new_token}\"\n"),
    )
    .unwrap();
    // A guard file (issue 17's) naming a value moved out of a file since deleted.
    t.write(
        ".vaultsweep/guard.json",
        r#"{"format":"vaultsweep-guard","version":1,"key_id":"0123456789abcdef","entries":[{"fingerprint":"0000000000000000000000000000000000000000000000000000000000000000","probe":0,"lead":0,"length":32,"file":"services/old-billing/.env.production","key":"BILLING_API_KEY","destination":"vault:secret/data/apps/old-billing/prod/env#BILLING_API_KEY","tier":"high"}]}"#,
    );
    let (run, a) = assess_json(t.path(), &["--no-history", "--since", "first.json", "."]);
    let c = &a["since"];
    let outcome = |key: &str| {
        c["resolved"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == key)
            .map(|r| util::s(r, "outcome").to_string())
    };
    assert_eq!(outcome("password").as_deref(), Some("migrated"), "{c:#}");
    assert_eq!(
        outcome("SLACK_BOT_TOKEN").as_deref(),
        Some("gone"),
        "a vault: string in program code is not a migration: {c:#}"
    );
    assert_eq!(outcome("GITHUB_TOKEN").as_deref(), Some("gone"), "{c:#}");
    assert!(
        c["new"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["key"] == "DEPLOY_TOKEN"),
        "{c:#}"
    );
    let migrated = a["progress"]["migrated"].as_array().unwrap();
    assert!(!migrated.iter().any(|m| m["key"] == "SLACK_BOT_TOKEN"));
    let mqtt = migrated.iter().find(|m| m["key"] == "password").unwrap();
    assert_eq!(
        (
            util::s(mqtt, "service"),
            util::s(mqtt, "tier"),
            util::s(mqtt, "tier_from")
        ),
        ("gate-sensor", "high", "earlier assessment")
    );
    let billing = migrated
        .iter()
        .find(|m| m["key"] == "BILLING_API_KEY")
        .expect("guard entry");
    assert_eq!(billing["evidence"], serde_json::json!(["guard"]));
    assert_eq!(util::s(billing, "service"), "old-billing");
    let svc = |name: &str| {
        let s = a["progress"]["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["service"] == name)
            .unwrap();
        (
            util::n(&s["total"], "migrated"),
            util::n(&s["total"], "remaining"),
        )
    };
    assert_eq!(svc("herd-api"), (0, 6));
    assert_eq!(svc("gate-sensor"), (1, 1));
    assert_eq!(util::n(&a["progress"]["total"], "migrated"), 2);
    assert!(run.stderr.contains("2 of"), "{}", run.stderr);
    // The Markdown report says the same, without a raw value.
    let values = raw_values(t.path());
    let md = assess(
        t.path(),
        &[
            "--no-history",
            "--since",
            "first.json",
            "--format",
            "markdown",
            ".",
        ],
    );
    md.assert_code(0);
    assert!(
        md.stdout.contains("## Changes since `first.json`"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains(
            "resolved (migrated): `services/gate-sensor/config/gateway.json:7` `password`"
        ),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("## Phase 2: Static secrets into KV v2"));
    assert!(md.stdout.contains("```sh\nvaultsweep migrate apply services/milk-tracker/.env.development --mount secret\n"), "{}", md.stdout);
    assert_no_raw_value("the Markdown report", &md.stdout, &values);
}

/// What is not an assessment is refused before anything is scanned.
#[test]
fn since_refuses_what_is_not_an_assessment() {
    let t = sample_copy();
    let r = assess(t.path(), &["--since", "missing.json", "."]);
    r.assert_code(2);
    assert!(r.stderr.contains("missing.json"), "{}", r.describe());
    t.write("scan.json", "[]");
    let r = assess(t.path(), &["--since", "scan.json", "."]);
    r.assert_code(2);
    assert!(r.stderr.contains("not an assessment"), "{}", r.describe());
    let r = assess(t.path(), &["no-such-dir"]);
    r.assert_code(2);
}

// ---------------------------------------------------------------------------------------------
// Progress after a real migration (OpenBao)

/// Issue 16, "Must hold": after `migrate apply` of one service (the phase-2 commands the first
/// assessment gives, run against a real OpenBao), a second assessment shows that service's
/// progress, with the tiers the journal recorded.
#[test]
fn second_assessment_shows_the_progress_of_a_migrated_service() {
    let Some(server) =
        crate::migrate::shared("second_assessment_shows_the_progress_of_a_migrated_service")
    else {
        return;
    };
    let mount = server.mount("2");
    let t = sample_copy();
    git(t.path(), &["init", "-q"]);
    git(t.path(), &["add", "-A"]);
    git(t.path(), &["commit", "-q", "--no-verify", "-m", "sample"]);
    let (run, first) = assess_json(t.path(), &["--mount", &mount, "."]);
    std::fs::write(t.join("first.json"), &run.stdout).unwrap();
    let svc = |a: &Value, name: &str| -> (u64, u64) {
        let s = a["progress"]["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["service"] == name)
            .unwrap_or_else(|| panic!("{name} in {:#}", a["progress"]));
        (
            util::n(&s["total"], "migrated"),
            util::n(&s["total"], "remaining"),
        )
    };
    assert_eq!(svc(&first, "milk-tracker"), (0, 5));
    // Run milk-tracker's phase-2 commands, as the report gives them.
    let cmds: Vec<String> = first["phases"][0]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .filter(|c| c.contains("milk-tracker"))
        .collect();
    assert_eq!(cmds.len(), 2, "{cmds:?}");
    for c in &cmds {
        let args: Vec<&str> = c.split_whitespace().skip(1).collect();
        let mut all = args.clone();
        all.push("--yes");
        let r = crate::migrate::vs(server, t.path(), &all);
        r.assert_code(0);
    }
    let env_prod =
        std::fs::read_to_string(t.join("services/milk-tracker/.env.production")).unwrap();
    assert!(
        env_prod.contains(&format!(
            "STRIPE_SECRET_KEY=vault:{mount}/data/apps/milk-tracker/prod/env#STRIPE_SECRET_KEY"
        )),
        "{env_prod}"
    );
    assert!(
        env_prod.contains("DB_PASSWORD=d%y0"),
        "excluded keys wait for phase 3: {env_prod}"
    );
    let stored = server.secret(&mount, true, "apps/milk-tracker/prod/env");
    assert!(
        stored["STRIPE_SECRET_KEY"]
            .as_str()
            .is_some_and(|v| v.starts_with("sk_live_"))
    );
    // The second assessment.
    let (_, second) = assess_json(t.path(), &["--mount", &mount, "--since", "first.json", "."]);
    assert_eq!(svc(&second, "milk-tracker"), (2, 3));
    assert_eq!(
        svc(&second, "herd-api"),
        svc(&first, "herd-api"),
        "untouched"
    );
    let milk = second["progress"]["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "milk-tracker")
        .unwrap();
    let by_tier: Vec<(&str, u64, u64)> = milk["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                util::s(t, "tier"),
                util::n(t, "migrated"),
                util::n(t, "remaining"),
            )
        })
        .collect();
    assert_eq!(
        by_tier,
        [
            ("critical", 0, 3),
            ("high", 1, 0),
            ("medium", 0, 0),
            ("low", 1, 0)
        ]
    );
    let migrated = second["progress"]["migrated"].as_array().unwrap();
    let live = migrated
        .iter()
        .find(|m| {
            util::s(m, "path").ends_with(".env.production") && m["key"] == "STRIPE_SECRET_KEY"
        })
        .unwrap();
    assert_eq!(util::s(live, "tier"), "high");
    assert_eq!(util::s(live, "tier_from"), "journal");
    // `migrate apply` records the guard file too (issue 17).
    assert_eq!(
        live["evidence"],
        serde_json::json!(["file", "journal", "guard"])
    );
    assert!(live["migrated_at"].is_string());
    let test_key = migrated
        .iter()
        .find(|m| util::s(m, "path").ends_with(".env.development"))
        .unwrap();
    assert_eq!(
        util::s(test_key, "tier"),
        "low",
        "the journal's tier, not an estimate"
    );
    let delta = second["since"]["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "milk-tracker")
        .unwrap();
    assert_eq!(util::n(&delta["before"], "migrated"), 0);
    assert_eq!(util::n(&delta["now"], "migrated"), 2);
    let resolved: Vec<&str> = second["since"]["resolved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| util::s(r, "outcome"))
        .collect();
    assert_eq!(resolved, ["migrated", "migrated"]);
    // Phase 2 no longer lists what moved.
    let cmds: Vec<&str> = second["phases"][0]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(
        !cmds.iter().any(|c| c.contains(".env.development")),
        "{cmds:?}"
    );
    // The HTML report shows the progress too.
    let html = assess(t.path(), &["--mount", &mount, "--format", "html", "."]);
    html.assert_code(0);
    assert!(
        html.stdout
            .contains("<td>milk-tracker</td><td class=\"n\">2</td><td class=\"n\">3</td>"),
        "progress row"
    );
}

// ---------------------------------------------------------------------------------------------
// HTML in a real browser

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("VAULTSWEEP_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            let c = dir.join(name);
            if c.is_file() {
                return Some(c);
            }
        }
    }
    None
}

fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    match chromium() {
        Some(c) => Some(c),
        None if std::env::var_os("VAULTSWEEP_REQUIRE_BROWSER").is_some_and(|v| v != "0") => panic!(
            "VAULTSWEEP_REQUIRE_BROWSER is set but no Chromium was found (apt-get install chromium, or set VAULTSWEEP_CHROMIUM)"
        ),
        None => {
            eprintln!("SKIPPED {test}: no Chromium (apt-get install chromium)");
            None
        }
    }
}

/// Runs headless Chromium on `page` with `extra` arguments: (stdout, stderr). Killed after 90 s.
fn run_chromium(bin: &Path, profile: &Path, page: &Path, extra: &[String]) -> (String, String) {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let o = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).ok();
        s
    });
    let e = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut err, &mut s).ok();
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (o.join().unwrap(), e.join().unwrap())
}

/// Issue 16, "Must hold": the HTML report renders in headless Chromium without script errors,
/// shows the totals, holds no raw value (in the file and in the rendered page), and its
/// screenshot is not blank (the tier chart's colours are on it).
#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(bin) = chromium_or_skip("html_report_renders_in_headless_chromium") else {
        return;
    };
    let t = sample_copy();
    git(t.path(), &["init", "-q"]);
    git(t.path(), &["add", "-A"]);
    git(t.path(), &["commit", "-q", "--no-verify", "-m", "sample"]);
    // A file name that is markup: it must show as text, never become an element.
    t.write(
        "services/evil/x<img src=x onerror=document.title='pwned'>.env",
        format!("GITHUB_TOKEN={}\n", util::github_pat()),
    );
    let values = raw_values(t.path());
    let (_, a) = assess_json(t.path(), &["."]);
    let total = util::n(&a["summary"], "total");
    assert!(
        a["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| util::s(i, "path").contains("onerror")),
        "the planted token in the markup-named file is found"
    );
    let critical = util::n(&a["summary"]["tiers"], "critical");
    let run = assess(t.path(), &["-o", "report.html", "."]);
    run.assert_code(0);
    let page = t.join("report.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_no_raw_value("report.html", &html, &values);
    // Self-contained: nothing fetched from anywhere.
    for bad in [
        "http://",
        "https://",
        "<img",
        "<script src",
        "<iframe",
        "<link",
        "@import",
        "url(",
    ] {
        let hits: Vec<&str> = html
            .lines()
            .filter(|l| l.contains(bad) && !l.contains("xmlns=\"http://www.w3.org/2000/svg\""))
            .collect();
        assert!(hits.is_empty(), "{bad:?} in the page: {hits:?}");
    }
    let profile = TestDir::new();
    let (dom, err) = run_chromium(&bin, &profile.join("p1"), &page, &["--dump-dom".into()]);
    assert!(!err.contains("Uncaught"), "script error:\n{err}");
    assert!(
        dom.contains("data-script=\"ready\""),
        "the page's script did not run to its end:\n{err}"
    );
    assert!(
        dom.contains(&format!("id=\"total-secrets\">{total}<")),
        "total {total} not shown"
    );
    assert!(dom.contains("Click a column heading to sort a table."));
    assert!(
        dom.contains("x&lt;img src=x onerror=document.title='pwned'&gt;.env"),
        "the file name as text"
    );
    assert!(
        !dom.contains("<img") && !dom.contains("<title>pwned"),
        "markup from a file name became an element"
    );
    assert!(dom.contains("<title id=\"tier-chart-title\">Secrets by tier</title>"));
    assert!(dom.contains(&format!("<title>CRITICAL: {critical}</title>")));
    assert_no_raw_value("the rendered page", &dom, &values);
    let shot = profile.join("shot.png");
    let (_, err) = run_chromium(
        &bin,
        &profile.join("p2"),
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,2000".into(),
        ],
    );
    assert!(!err.contains("Uncaught"), "script error:\n{err}");
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&shot).expect("screenshot written"),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1200, 2000));
    let channels = info.color_type.samples();
    assert!(channels >= 3);
    let mut colours = std::collections::HashSet::new();
    let (mut non_white, mut critical_red, mut header_blue) = (0usize, 0usize, 0usize);
    for px in buf[..info.buffer_size()].chunks(channels) {
        let rgb = (px[0], px[1], px[2]);
        colours.insert(rgb);
        if rgb != (255, 255, 255) {
            non_white += 1;
        }
        if rgb == (0xb3, 0x26, 0x1e) {
            critical_red += 1;
        }
        if rgb == (0x16, 0x32, 0x4f) {
            header_blue += 1;
        }
    }
    let all = (info.width * info.height) as usize;
    assert!(
        colours.len() > 50,
        "{} distinct colours: blank?",
        colours.len()
    );
    assert!(
        non_white * 10 > all,
        "{non_white} of {all} pixels not white"
    );
    assert!(
        critical_red > 1000,
        "the critical bar is drawn ({critical_red} pixels)"
    );
    assert!(
        header_blue > 20_000,
        "the header is drawn ({header_blue} pixels)"
    );
}
