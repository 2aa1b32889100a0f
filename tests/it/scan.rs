//! Tree scans end to end: what is found, where, at which tier, and the exit code.

use crate::util::*;
use serde_json::Value;

/// Ordinary code, docs and configuration with no secret: nothing to report.
#[test]
fn clean_tree_exits_0_with_no_findings() {
    let t = TestDir::new();
    t.write(
        "README.md",
        "# Inventory\n\nSet `DB_PASSWORD` and `API_KEY` in your environment before `make run`.\n\
         Passwords are rotated every 90 days; ask #platform for a token.\n",
    );
    t.write(
        "src/main.rs",
        "use std::env;\n\nfn main() {\n    let password = env::var(\"DB_PASSWORD\").expect(\"DB_PASSWORD\");\n    \
         let token = std::fs::read_to_string(\"/run/secrets/token\").unwrap();\n    \
         println!(\"{} {}\", password.len(), token.len());\n}\n",
    );
    t.write(
        "app/settings.py",
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ[\"SECRET_KEY\"]\n\
         DATABASE_PASSWORD = os.getenv(\"DATABASE_PASSWORD\")\nPASSWORD_MIN_LENGTH = 12\n",
    );
    t.write(
        "config/app.yaml",
        "server:\n  port: 8080\n  host: 0.0.0.0\ndatabase:\n  host: db.internal\n  user: app\n  \
         password: ${DB_PASSWORD}\nfeatures:\n  new_dashboard: true\n",
    );
    t.write(
        "package.json",
        "{\n  \"name\": \"inventory-ui\",\n  \"version\": \"1.4.2\",\n  \"scripts\": {\"build\": \"vite build\"}\n}\n",
    );
    t.write(
        ".env.example",
        "DB_PASSWORD=changeme\nAPI_KEY=<your-api-key>\n",
    );

    let (run, findings) = t.scan_json(&["."]);
    assert!(
        findings.is_empty(),
        "false positives:\n{}",
        summary(&findings)
    );
    run.assert_code(0);

    let text = t.scan(&["."]);
    text.assert_code(0);
    assert!(
        text.stdout.contains("no secrets found"),
        "{}",
        text.describe()
    );
}

/// The "Must hold" tree: every secret is reported, on its line, with its category, and
/// the private key and the production database password are CRITICAL.
#[test]
fn must_hold_tree_reports_every_secret() {
    let (t, p) = planted_tree();
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    let all = summary(&findings);

    let aws = std::fs::read_to_string(t.join(AWS_FILE)).unwrap();
    let settings = std::fs::read_to_string(t.join(SETTINGS)).unwrap();
    let env = std::fs::read_to_string(t.join(ENV_PROD)).unwrap();

    // (what, file, line, category, exact secret if the rule captures it alone)
    let expected: Vec<(&str, &str, u64, &str, Option<&str>)> = vec![
        (
            "AWS access key id",
            AWS_FILE,
            line_of(&aws, &p.aws_key_id),
            "cloud-credential",
            Some(&p.aws_key_id),
        ),
        (
            "AWS secret access key",
            AWS_FILE,
            line_of(&aws, &p.aws_secret),
            "cloud-credential",
            Some(&p.aws_secret),
        ),
        (
            "GitHub token",
            SETTINGS,
            line_of(&settings, &p.github),
            "api-key",
            Some(&p.github),
        ),
        (
            "Stripe live key",
            SETTINGS,
            line_of(&settings, &p.stripe),
            "api-key",
            Some(&p.stripe),
        ),
        (
            "Slack bot token",
            SETTINGS,
            line_of(&settings, &p.slack),
            "api-key",
            Some(&p.slack),
        ),
        (
            "PostgreSQL URL with password",
            ENV_PROD,
            line_of(&env, &p.db_url_password),
            "database-credential",
            None,
        ),
        (
            "DB_PASSWORD",
            ENV_PROD,
            line_of(&env, &p.db_password),
            "database-credential",
            Some(&p.db_password),
        ),
    ];
    for (what, file, line, category, secret) in &expected {
        let here = at(&findings, file, *line);
        assert!(
            !here.is_empty(),
            "{what} ({file}:{line}) not reported; findings:\n{all}"
        );
        assert!(
            here.iter().any(|f| s(f, "category") == *category),
            "{what} ({file}:{line}) reported with category {:?}, expected {category}; findings:\n{all}",
            here.iter().map(|f| s(f, "category")).collect::<Vec<_>>()
        );
        if let Some(secret) = secret {
            assert!(
                here.iter().any(|f| s(f, "secret_masked") == masked(secret)),
                "{what} ({file}:{line}): no finding covers exactly the secret ({}); findings:\n{all}",
                masked(secret)
            );
        }
    }

    // The production database password (both forms) and the private key are CRITICAL.
    for line in [
        line_of(&env, &p.db_url_password),
        line_of(&env, &p.db_password),
    ] {
        let here = at(&findings, ENV_PROD, line);
        assert!(
            here.iter().all(|f| s(f, "tier") == "critical"),
            "production database password on {ENV_PROD}:{line} must be critical; findings:\n{all}"
        );
    }
    let key = in_file(&findings, TLS_KEY);
    assert!(
        !key.is_empty(),
        "RSA private key not reported; findings:\n{all}"
    );
    for f in &key {
        assert_eq!(s(f, "category"), "tls-private-key", "{all}");
        assert_eq!(s(f, "tier"), "critical", "{all}");
        assert_eq!(n(f, "rotation_days"), 30, "{all}");
        assert!(
            n(f, "line") <= 2,
            "key reported at the BEGIN line or the first body line: {all}"
        );
    }

    // Precision: nothing else in the tree is a finding.
    let secret_lines: Vec<(&str, u64)> = expected.iter().map(|e| (e.1, e.2)).collect();
    for f in &findings {
        let rel = s(f, "rel_path");
        assert!(
            rel == TLS_KEY || secret_lines.contains(&(rel, n(f, "line"))),
            "unexpected finding {rel}:{}; findings:\n{all}",
            f["line"]
        );
    }
}

/// `.gitignore` is honoured unless `--no-ignore`; hidden files are scanned; `.git/` never is.
#[test]
fn gitignore_hidden_files_and_dot_git() {
    let t = TestDir::new();
    t.write(".gitignore", "secrets.env\nbuild/\n");
    t.write("secrets.env", format!("GITHUB_TOKEN={}\n", github_pat()));
    t.write("build/out.txt", format!("token: {}\n", github_pat()));
    t.write("app.py", format!("TOKEN = \"{}\"\n", github_pat()));
    t.write(".env", format!("GITHUB_TOKEN={}\n", github_pat()));
    t.write("deploy/.hidden/token.txt", format!("{}\n", github_pat()));
    t.write(
        ".git/config",
        format!(
            "[remote \"origin\"]\n\turl = https://x:{}@github.com/acme/app.git\n",
            github_pat()
        ),
    );
    t.write(".git/ORIG_HEAD_TOKEN", format!("{}\n", github_pat()));

    let files = |findings: &[Value]| {
        let mut v: Vec<String> = findings
            .iter()
            .map(|f| s(f, "rel_path").to_string())
            .collect();
        v.sort();
        v.dedup();
        v
    };

    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    assert_eq!(
        files(&findings),
        [".env", "app.py", "deploy/.hidden/token.txt"],
        "default scan: ignored files and .git/ must be skipped, hidden files scanned:\n{}",
        summary(&findings)
    );

    let (_, findings) = t.scan_json(&["--no-ignore", "."]);
    assert_eq!(
        files(&findings),
        [
            ".env",
            "app.py",
            "build/out.txt",
            "deploy/.hidden/token.txt",
            "secrets.env"
        ],
        "--no-ignore includes ignored files but still never .git/:\n{}",
        summary(&findings)
    );

    // Scanning the .git directory's parent by absolute path changes nothing.
    let abs = t.path().to_string_lossy().into_owned();
    let (_, findings) = t.scan_json(&["--no-ignore", &abs]);
    assert!(
        findings
            .iter()
            .all(|f| !s(f, "rel_path").starts_with(".git/")),
        "{}",
        summary(&findings)
    );
}

/// Files that hold nothing but a secret are known by their name: `.erlang.cookie` and MongoDB
/// keyfiles are reported whole, while the same bytes under any other name are nothing.
#[test]
fn named_credential_files_are_found_by_name_only() {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut rng = Rng::new();
    let cookie = rng.secret(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20);
    // `openssl rand -base64 756`: 1008 characters in lines of 64.
    let keyfile: String = rng
        .string(B64, 1008)
        .as_bytes()
        .chunks(64)
        .map(|l| format!("{}\n", String::from_utf8_lossy(l)))
        .collect();
    let t = TestDir::new();
    t.write("home/.erlang.cookie", &cookie);
    t.write("deploy/mongo/keyfile", &keyfile);
    t.write("docker/mongodb-keyfile", &keyfile);
    // the same content under other names
    t.write("notes/cookie.txt", &cookie);
    t.write("data/blob.b64", &keyfile);
    t.write("ssl/keyfile", &keyfile);
    // a keyfile's name holding a path, not a key
    t.write(
        "mongo/keyfile.conf",
        "security:\n  keyFile: /etc/mongo/keyfile\n",
    );

    let (_, findings) = t.scan_json(&["--no-ignore", "."]);
    let mut found: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (s(f, "rel_path"), s(f, "rule_id")))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("deploy/mongo/keyfile", "mongodb.keyfile"),
            ("docker/mongodb-keyfile", "mongodb.keyfile"),
            ("home/.erlang.cookie", "erlang.cookie-file"),
        ],
        "{}",
        summary(&findings)
    );
}

/// A value alone in a file of a `secrets/` directory (Docker Compose's secret files) and the
/// clear-text tables of pppd, rsyncd and libpq (`.pgpass`) and Rails' `config/master.key` are
/// found by where they are; the same bytes elsewhere,
/// and the directory's own documentation, are not.
#[test]
fn secret_files_and_password_tables_by_name() {
    const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = Rng::new();
    let value = rng.secret(ALNUM, 40);
    let ppp = format!(
        "# client server secret IP\nalice * \"{}\" *\n",
        rng.secret(ALNUM, 16)
    );
    let rsync = format!("backup:{}\n", rng.secret(ALNUM, 20));
    let pgpass = format!("db.example.org:5432:orders:app:{}\n", rng.secret(ALNUM, 20));
    let t = TestDir::new();
    t.write("deploy/secrets/geo_api_key", format!("{value}\n"));
    t.write("etc/ppp/chap-secrets", &ppp);
    t.write("etc/rsyncd.secrets", &rsync);
    t.write("home/app/.pgpass", &pgpass);
    t.write("home/app/pgpass.txt.bak", &pgpass);
    let master = rng.secret(b"0123456789abcdef", 32);
    t.write("web/config/master.key", &master);
    t.write("web/certs/master.key", &master);
    // the same content under other names, and documentation beside the secrets
    t.write("deploy/notes/geo_api_key", format!("{value}\n"));
    t.write("etc/ppp/options", &ppp);
    t.write("etc/rsync.conf", &rsync);
    t.write(
        "deploy/secrets/README.md",
        "Put each secret in a file of its own.\n",
    );
    t.write("deploy/secrets/geo_api_key.example", "your-geo-api-key\n");

    let (_, findings) = t.scan_json(&["--no-ignore", "."]);
    let mut found: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (s(f, "rel_path"), s(f, "rule_id")))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("deploy/secrets/geo_api_key", "generic.secret-file"),
            ("etc/ppp/chap-secrets", "generic.ppp-secrets"),
            ("etc/rsyncd.secrets", "generic.rsync-secrets"),
            ("home/app/.pgpass", "database.pgpass"),
            ("web/config/master.key", "crypto.rails-master-key"),
        ],
        "{}",
        summary(&findings)
    );
}

/// Several paths, files and directories, may be given; only they are scanned.
#[test]
fn several_paths_at_once() {
    let t = TestDir::new();
    t.write(
        "svc-a/config.env",
        format!("GITHUB_TOKEN={}\n", github_pat()),
    );
    t.write(
        "svc-b/settings.py",
        format!("STRIPE = \"{}\"\n", stripe_live()),
    );
    t.write("svc-b/other.py", format!("SLACK = \"{}\"\n", slack_bot()));
    t.write(
        "svc-c/not-scanned.env",
        format!("GITHUB_TOKEN={}\n", github_pat()),
    );

    let (run, findings) = t.scan_json(&["svc-a", "svc-b/settings.py"]);
    run.assert_code(1);
    let mut paths: Vec<&str> = findings.iter().map(|f| s(f, "path")).collect();
    paths.sort();
    assert_eq!(
        paths,
        ["svc-a/config.env", "svc-b/settings.py"],
        "{}",
        summary(&findings)
    );
}

/// A path that does not exist is an error (exit 2) that names it.
#[test]
fn missing_path_is_an_error() {
    let t = TestDir::new();
    t.write("ok.txt", "nothing\n");
    let run = t.scan(&["ok.txt", "no-such-dir"]);
    run.assert_code(2);
    assert!(run.stderr.contains("no-such-dir"), "{}", run.describe());
}

/// `--fail-on` sets the tier at or above which the run fails.
#[test]
fn fail_on_threshold() {
    let t = TestDir::new();
    t.write(
        "app/settings.py",
        format!("GITHUB_TOKEN = \"{}\"\n", github_pat()),
    );
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    assert_eq!(findings.len(), 1, "{}", summary(&findings));
    assert_eq!(
        s(&findings[0], "tier"),
        "high",
        "a GitHub token in ordinary code is HIGH"
    );

    // Below the threshold: exit 0, but the report still lists the finding.
    let (run, findings) = t.scan_json(&["--fail-on", "critical", "."]);
    run.assert_code(0);
    assert_eq!(findings.len(), 1);
    t.scan(&["--fail-on", "high", "."]).assert_code(1);

    t.write("tls/server.key", rsa_private_key());
    t.scan(&["--fail-on", "critical", "."]).assert_code(1);

    // Not a tier: usage error.
    let bad = t.scan(&["--fail-on", "severe", "."]);
    bad.assert_code(2);
}

/// JSON and JSONL carry every documented field, with consistent values.
#[test]
fn json_and_jsonl_fields() {
    let (t, _planted) = planted_tree();
    let (_, findings) = t.scan_json(&["."]);
    assert!(findings.len() >= 8, "{}", summary(&findings));

    let jsonl = t.scan(&["--format", "jsonl", "."]);
    jsonl.assert_code(1);
    let lines: Vec<Value> = jsonl
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSONL line {l:?}: {e}")))
        .collect();
    assert_eq!(
        lines, findings,
        "JSONL holds the same objects as JSON, in order"
    );

    for f in &findings {
        for key in [
            "rule_id",
            "rule_name",
            "category",
            "tier",
            "path",
            "secret_masked",
            "fingerprint",
        ] {
            assert!(
                f[key].as_str().is_some_and(|v| !v.is_empty()),
                "field {key} missing or empty: {f}"
            );
        }
        for key in ["rotation_days", "line", "column"] {
            assert!(f[key].as_u64().is_some_and(|v| v >= 1), "field {key}: {f}");
        }
        assert_eq!(n(f, "rotation_days"), rotation_days(s(f, "tier")), "{f}");
        assert!(
            [
                "database-credential",
                "api-key",
                "cryptographic-key",
                "oauth-credential",
                "cloud-credential",
                "tls-private-key",
                "vault-token",
                "generic-secret"
            ]
            .contains(&s(f, "category")),
            "{f}"
        );
        let fp = s(f, "fingerprint");
        assert!(
            fp.len() >= 32 && fp.bytes().all(|b| b.is_ascii_hexdigit()),
            "fingerprint should be a hash: {fp}"
        );
        assert!(
            f.get("secret").is_none(),
            "raw secret field without --show-secrets: {f}"
        );
    }
    let mut fps: Vec<&str> = findings.iter().map(|f| s(f, "fingerprint")).collect();
    fps.sort();
    fps.dedup();
    assert_eq!(fps.len(), findings.len(), "fingerprints must be distinct");
}

/// `line` and `column` point at the secret's first character (columns count characters).
#[test]
fn line_and_column_point_at_the_secret() {
    let gh = github_pat();
    let st = stripe_live();
    let sl = slack_bot();
    let t = TestDir::new();
    let text = format!(
        "# Configuración de producción\n\n    headers = {{\"Authorization\": \"token {gh}\"}}\nnote = \"café\"; stripe_key = '{st}'\n\tslack:   {sl}\n"
    );
    t.write("svc/config.py", &text);
    let (_, findings) = t.scan_json(&["--show-secrets", "."]);
    assert_eq!(findings.len(), 3, "{}", summary(&findings));

    let lines: Vec<&str> = text.lines().collect();
    for secret in [&gh, &st, &sl] {
        let f = findings
            .iter()
            .find(|f| s(f, "secret") == secret.as_str())
            .unwrap_or_else(|| panic!("{secret} not found: {}", summary(&findings)));
        let line = n(f, "line") as usize;
        let col = n(f, "column") as usize;
        assert_eq!(line as u64, line_of(&text, secret), "line of {secret}");
        let from_col: String = lines[line - 1].chars().skip(col - 1).collect();
        assert!(
            from_col.starts_with(secret.as_str()),
            "column {col} of line {line} is {from_col:?}, expected it to start with {secret}"
        );
        let end_col = n(f, "end_column") as usize;
        assert_eq!(
            end_col - col,
            secret.chars().count(),
            "end_column is past the secret"
        );
    }
}

/// Context moves the tier: the same password is lower in development and fixtures than in
/// production; placeholders in `.env.example` are no finding at all.
#[test]
fn tier_follows_context() {
    let pw = password();
    let db_pw = password();
    let t = TestDir::new();
    let body = format!("SMTP_PASSWORD={pw}\nDB_PASSWORD={db_pw}\n");
    t.write(".env.production", &body);
    t.write(".env.development", &body);
    t.write("fixtures/app.env", &body);
    t.write(
        ".env.example",
        "SMTP_PASSWORD=changeme\nDB_PASSWORD=changeme\nAPI_KEY=changeme\nSECRET_KEY=changeme\n",
    );
    let (_, findings) = t.scan_json(&["."]);
    let all = summary(&findings);
    assert!(
        in_file(&findings, ".env.example").is_empty(),
        ".env.example placeholders reported:\n{all}"
    );
    let tier = |file: &str, line: u64| -> &str {
        let here = at(&findings, file, line);
        assert_eq!(
            here.len(),
            1,
            "expected one finding at {file}:{line}:\n{all}"
        );
        s(here[0], "tier")
    };
    for line in [1, 2] {
        let prod = tier(".env.production", line);
        for other in [".env.development", "fixtures/app.env"] {
            let t = tier(other, line);
            assert!(
                tier_rank(t) < tier_rank(prod),
                "line {line}: {other} is {t}, .env.production is {prod}; must be lower:\n{all}"
            );
        }
    }
    assert_eq!(
        tier(".env.production", 2),
        "critical",
        "production DB password:\n{all}"
    );

    // A .env.example alone is a clean scan.
    let ex = TestDir::new();
    ex.write(
        ".env.example",
        "DB_PASSWORD=changeme\nSTRIPE_SECRET_KEY=changeme\nSECRET_KEY=changeme\n",
    );
    let (run, findings) = ex.scan_json(&["."]);
    assert!(findings.is_empty(), "{}", summary(&findings));
    run.assert_code(0);
}

/// Private keys and admin/root credentials are CRITICAL wherever they are; a test key is lower
/// than a live one.
#[test]
fn always_critical_and_test_keys_lower() {
    let t = TestDir::new();
    t.write("fixtures/certs/rsa.key", rsa_private_key());
    t.write("tests/data/ec.pem", ec_private_key());
    t.write("examples/pkcs8.pem", pkcs8_private_key());
    t.write(
        ".env.development",
        format!("ADMIN_PASSWORD={}\n", password()),
    );
    t.write(
        "billing/charge.py",
        format!("KEY = \"{}\"\n", stripe_live()),
    );
    t.write(
        "billing/refund.py",
        format!("KEY = \"{}\"\n", stripe_test()),
    );
    let (_, findings) = t.scan_json(&["."]);
    let all = summary(&findings);
    for file in [
        "fixtures/certs/rsa.key",
        "tests/data/ec.pem",
        "examples/pkcs8.pem",
        ".env.development",
    ] {
        let here = in_file(&findings, file);
        assert!(!here.is_empty(), "{file} not reported:\n{all}");
        assert!(
            here.iter().all(|f| s(f, "tier") == "critical"),
            "{file} must be critical:\n{all}"
        );
    }
    let live = in_file(&findings, "billing/charge.py");
    let test = in_file(&findings, "billing/refund.py");
    assert!(live.len() == 1 && test.len() == 1, "{all}");
    assert!(
        tier_rank(s(test[0], "tier")) < tier_rank(s(live[0], "tier")),
        "sk_test_ must be lower than sk_live_:\n{all}"
    );
}

/// The shipped sample tree (README's first command) finds its planted secrets and exits 1.
#[test]
fn sample_tree_in_fixtures() {
    let root = repo_path("fixtures/smart-dairy");
    let mut cmd = vaultsweep();
    cmd.current_dir(&root)
        .args(["scan", "--format", "json", "."]);
    let run = Run::of(&mut cmd);
    run.assert_code(1);
    let findings = run.json_array();
    let all = summary(&findings);
    for file in [
        "services/milk-tracker/.env.production",
        "services/herd-api/config/settings.py",
        "deploy/tls/server.key",
    ] {
        assert!(
            !in_file(&findings, file).is_empty(),
            "{file} not reported:\n{all}"
        );
    }
    assert!(
        in_file(&findings, "services/milk-tracker/.env.example").is_empty(),
        ".env.example holds only placeholders:\n{all}"
    );
}

/// Issue 13, item 8: none of the `--help` pages had an example and `scan --help` did not list
/// the exit codes. Every page now shows examples and exit codes.
#[test]
fn every_help_page_has_examples_and_exit_codes() {
    let pages: &[&[&str]] = &[
        &[],
        &["scan"],
        &["rules"],
        &["rules", "list"],
        &["rules", "check"],
        &["baseline"],
        &["baseline", "create"],
        &["hook"],
        &["hook", "install"],
        &["hook", "uninstall"],
        &["hook", "status"],
        &["migrate"],
        &["migrate", "plan"],
        &["migrate", "apply"],
        &["migrate", "rollback"],
        &["exec"],
        &["env"],
        &["assess"],
        &["vault", "audit"],
        &["report", "merge"],
    ];
    for page in pages {
        for flag in ["--help", "-h"] {
            let mut args = page.to_vec();
            args.push(flag);
            let run = Run::of(vaultsweep().args(&args));
            run.assert_code(0);
            assert!(
                run.stdout.contains("Examples:\n  vaultsweep") && run.stdout.contains("Exit codes"),
                "vaultsweep {args:?}:\n{}",
                run.stdout
            );
        }
    }
    let scan = Run::of(vaultsweep().args(["scan", "--help"]));
    for code in ["  0 ", "  1 ", "  2 ", "  130 "] {
        assert!(scan.stdout.contains(code), "{code:?} in:\n{}", scan.stdout);
    }
}
