//! Issue 11, real-code precision: confidence beside tier, context in every finding, file
//! classes that run provider rules only, password hashes opt-in, other scanners' inline markers,
//! and the hook blocking on tier and confidence.

use crate::git::Repo;
use crate::util::{TestDir, at, github_pat, in_file, password, s};

#[test]
fn findings_carry_confidence_and_context() {
    let d = TestDir::new();
    let tok = github_pat();
    let pw = password();
    d.write("app/settings.py", format!("GITHUB_TOKEN = \"{tok}\"\n"));
    d.write("tests/test_login.py", format!("password = \"{pw}\"\n"));
    d.write("docs/setup.md", format!("Set `GITHUB_TOKEN=\"{tok}\"`\n"));
    d.write("examples/demo.py", format!("GITHUB_TOKEN = \"{tok}\"\n"));
    let (_, f) = d.scan_json(&[]);
    let one = |rel: &str| {
        let v = in_file(&f, rel);
        assert_eq!(v.len(), 1, "{rel}: {f:#?}");
        v[0].clone()
    };
    let app = one("app/settings.py");
    assert_eq!(s(&app, "confidence"), "high", "an exact token format");
    assert_eq!(s(&app, "context"), "production");
    let test = one("tests/test_login.py");
    assert_eq!(s(&test, "context"), "test");
    assert_eq!(s(&test, "rule_id"), "generic.password");
    // a strong-looking password under a password name: medium, not low
    assert_eq!(s(&test, "confidence"), "medium");
    assert_eq!(s(&one("docs/setup.md"), "context"), "docs");
    assert_eq!(s(&one("examples/demo.py"), "context"), "example");
    // the test value is reported with a lowered tier
    assert_eq!(s(&test, "tier"), "medium", "{test:#}");
}

#[test]
fn sarif_and_text_reports_carry_confidence() {
    let d = TestDir::new();
    d.write("app.py", format!("GITHUB_TOKEN = \"{}\"\n", github_pat()));
    let run = d.scan(&["--format", "sarif"]);
    let sarif = run.json();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["properties"]["confidence"], "high", "{result:#}");
    assert_eq!(result["properties"]["context"], "production");
    let text = d.scan(&["--color", "never"]);
    assert!(
        text.stdout.contains("[high confidence]"),
        "{}",
        text.describe()
    );
}

#[test]
fn test_prefixed_names_are_still_reported() {
    let d = TestDir::new();
    let pw = password();
    d.write(
        ".env",
        format!("TEST_PASSWORD={pw}\nTEST_USER_PASSWORD={pw}\n"),
    );
    let (_, f) = d.scan_json(&[]);
    assert_eq!(
        f.len(),
        2,
        "a key name does not make a value a test value: {f:#?}"
    );
}

#[test]
fn min_confidence_hides_generic_matches() {
    let d = TestDir::new();
    d.write("app.py", "def connect():\n    token = \"qz7wk4hp2m\"\n"); // vaultsweep:allow
    let (_, all) = d.scan_json(&[]);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(s(&all[0], "confidence"), "low");
    let (run, some) = d.scan_json(&["--min-confidence", "medium"]);
    assert!(some.is_empty(), "{}", run.describe());
    run.assert_code(0);
}

#[test]
fn hook_blocks_on_tier_and_confidence() {
    let r = Repo::new();
    r.write("README.md", "x\n");
    r.commit_all("init");
    // a generic low-confidence match in code: reported, not blocking
    r.write("app/client.py", "token = \"qz7wk4hp2m\"\n"); // vaultsweep:allow
    r.git(&["add", "-A"]);
    let run = r.vs(&["scan", "--staged", "--format", "json"]);
    run.assert_code(0);
    let f = run.json_array();
    assert_eq!(f.len(), 1, "{}", run.describe());
    assert_eq!(s(&f[0], "confidence"), "low");
    // the same scan of the tree fails (default fail_on_confidence is low outside the hook)
    r.vs(&["scan", "app"]).assert_code(1);
    // a value in a .env file is strong evidence: blocks
    r.write(".env", format!("DB_PASSWORD={}\n", password()));
    r.git(&["add", "-A"]);
    r.vs(&["scan", "--staged"]).assert_code(1);
    r.git(&["rm", "-q", "--cached", ".env"]);
    // a provider token blocks
    r.write("app/gh.py", format!("TOKEN = \"{}\"\n", github_pat()));
    r.git(&["add", "app/gh.py"]);
    r.vs(&["scan", "--staged"]).assert_code(1);
    // in test files only exact provider formats block: a strong-looking test password does not
    r.git(&["rm", "-q", "--cached", "app/gh.py"]);
    r.write(
        "tests/test_login.py",
        format!("PASSWORD = \"{}\"\n", password()),
    );
    r.git(&["add", "tests/test_login.py"]);
    r.vs(&["scan", "--staged"]).assert_code(0);
    r.vs(&[
        "scan",
        "--staged",
        "--fail-on-confidence-in-tests",
        "medium",
    ])
    .assert_code(1);
    r.write(
        "tests/fixtures.py",
        format!("TOKEN = \"{}\"\n", github_pat()),
    );
    r.git(&["add", "tests/fixtures.py"]);
    r.vs(&["scan", "--staged"]).assert_code(1);
    r.git(&[
        "rm",
        "-q",
        "--cached",
        "tests/fixtures.py",
        "tests/test_login.py",
    ]);
    // the threshold in test files may also be lower than elsewhere
    r.write(
        "tests/test_login.py",
        format!("PASSWORD = \"{}\"\n", "qz7wk4hp2m"),
    );
    r.git(&["add", "tests/test_login.py"]);
    r.vs(&["scan", "--staged"]).assert_code(0);
    r.vs(&["scan", "--staged", "--fail-on-confidence-in-tests", "low"])
        .assert_code(1);
    r.git(&["rm", "-q", "--cached", "tests/test_login.py"]);
    // and the threshold is a setting
    r.write(".vaultsweep.toml", "hook_fail_on_confidence = \"low\"\n");
    r.vs(&["scan", "--staged"]).assert_code(1);
    r.vs(&["scan", "--staged", "--fail-on-confidence", "medium"])
        .assert_code(0);
}

#[test]
fn vendored_and_generated_files_run_provider_rules_only() {
    let d = TestDir::new();
    let tok = github_pat();
    let generic = "password = \"Kestrel#4417x\"\n"; // vaultsweep:allow
    d.write(
        "vendor/lib/client.py",
        format!("{generic}TOKEN = \"{tok}\"\n"),
    );
    d.write(
        "api/types.pb.go",
        format!("// Code generated by protoc-gen-go. DO NOT EDIT.\nvar {generic}"),
    );
    d.write("app/main.py", generic);
    let (_, f) = d.scan_json(&[]);
    let rules = |rel: &str| -> Vec<String> {
        in_file(&f, rel)
            .iter()
            .map(|v| s(v, "rule_id").to_string())
            .collect()
    };
    assert_eq!(
        rules("vendor/lib/client.py"),
        ["github.personal-access-token"]
    );
    assert!(rules("api/types.pb.go").is_empty(), "{f:#?}");
    assert_eq!(rules("app/main.py"), ["generic.password"]);
    // switchable: from the command line and from config
    let (_, all) = d.scan_json(&["--file-class", "vendored=all"]);
    assert_eq!(in_file(&all, "vendor/lib/client.py").len(), 2, "{all:#?}");
    let (skip_run, none) = d.scan_json(&["--file-class", "vendored=skip"]);
    assert!(in_file(&none, "vendor/lib/client.py").is_empty());
    assert!(
        skip_run.stderr.contains("vendored file"),
        "a skipped file is named: {}",
        skip_run.describe()
    );
    // scanning the vendored directory itself still knows it is vendored
    let (_, direct) = d.scan_json(&["vendor"]);
    assert_eq!(direct.len(), 1, "{direct:#?}");
    assert_eq!(s(&direct[0], "rule_id"), "github.personal-access-token");
    d.write(".vaultsweep.toml", "[file_classes]\ngenerated = \"all\"\n");
    let (_, gen_all) = d.scan_json(&[]);
    assert_eq!(
        in_file(&gen_all, "api/types.pb.go").len(),
        1,
        "{gen_all:#?}"
    );
    d.write(
        ".vaultsweep.toml",
        "[file_classes]\ngenerated = \"sometimes\"\n",
    );
    let bad = d.scan(&[]);
    bad.assert_code(2);
    assert!(bad.stderr.contains("generated"), "{}", bad.describe());
}

#[test]
fn password_hashes_are_opt_in_and_never_critical() {
    let d = TestDir::new();
    let hash = "$6$Qz8v1Lm2$Wf0k3HqZx9Rt7YpLm2Nb5Vc8Xa1Sd4Fg6Hj9Kl0Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz2Xc4Vb6Nm8Qw0Er2T"; // 86 characters, as SHA-512 crypt has
    d.write("seed.py", format!("ADMIN_PASSWORD = \"{hash}\"\n"));
    let (_, f) = d.scan_json(&[]);
    assert!(f.is_empty(), "a hash is not a password: {f:#?}");
    d.write(".vaultsweep.toml", "enable = [\"passwordhash.crypt\"]\n");
    let (_, f) = d.scan_json(&[]);
    let h = at(&f, "seed.py", 1);
    assert_eq!(h.len(), 1, "{f:#?}");
    assert_eq!(s(h[0], "category"), "password-hash");
    assert_ne!(s(h[0], "tier"), "critical");
}

#[test]
fn other_scanners_inline_markers_suppress() {
    let d = TestDir::new();
    let tok = github_pat();
    d.write(
        "a.py",
        format!(
            "A = \"{tok}\"  # gitleaks:allow\nB = \"{tok}\"  # pragma: allowlist secret\n# trufflehog:ignore\nC = \"{tok}\"\nD = \"{tok}\"\n"
        ),
    );
    let (_, f) = d.scan_json(&[]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["line"], 5);
}

#[test]
fn code_that_looks_like_assignments_is_not_reported() {
    let d = TestDir::new();
    d.write(
        "auth/backends.py",
        "class B:\n    def authenticate(self, request, username=None, password=None):\n        pass\n",
    );
    d.write(
        "auth/migrations/0012_x.py",
        "dependencies = [\n    (\"auth\", \"0011_update_proxy_permissions\"),\n]\n",
    );
    d.write(
        "templates/login.html",
        "<label for=\"password\">Password:</label>\n<th>Password:</th>\n",
    );
    d.write(
        "vars.py",
        "omit = '__omit_place_holder__%s' % x\nhome = ['-passwd', '/Users/%s']\n",
    );
    d.write(
        "sdk/paginators.json",
        "{\"output_token\": \"Jobs[-1].JobId\", \"ChangeToken\": \"abcd12f2-46da-4fdb-b8d5-fbd4c466928f\"}\n",
    );
    let (run, f) = d.scan_json(&[]);
    assert!(f.is_empty(), "{}", run.describe());
}

#[test]
fn connection_strings_name_their_variable_and_production_raises_app_secrets() {
    let d = TestDir::new();
    let pw = crate::util::url_password();
    d.write(
        "svc/.env.production",
        format!(
            "DATABASE_URL=postgres://root:{pw}@db.internal/app\nSLACK_WEBHOOK=https://hooks.slack.com/services/T0A1B2C3D/B0A1B2C3D/{pw}Q7wZ\n"
        ),
    );
    d.write(
        "app/db.py",
        format!("URL = \"mysql://reader:{pw}@db/app\"\n"),
    );
    let (_, f) = d.scan_json(&[]);
    let pg = at(&f, "svc/.env.production", 1);
    assert_eq!(pg.len(), 1, "{f:#?}");
    assert_eq!(
        s(pg[0], "key"),
        "DATABASE_URL",
        "the variable, not the user name"
    );
    assert_eq!(
        s(pg[0], "tier"),
        "critical",
        "a root user and a production file"
    );
    let hook = at(&f, "svc/.env.production", 2);
    assert_eq!(hook.len(), 1, "{f:#?}");
    assert_eq!(
        s(hook[0], "tier"),
        "high",
        "production application secrets are at least HIGH"
    );
    let my = at(&f, "app/db.py", 1);
    assert_eq!(s(my[0], "key"), "URL");
    // token formats get the name they are assigned to as well
    d.write(
        "app/gh.py",
        format!("GITHUB_TOKEN = \"{}\"\n", github_pat()),
    );
    let (_, f) = d.scan_json(&["app/gh.py"]);
    assert_eq!(s(&f[0], "key"), "GITHUB_TOKEN", "{f:#?}");
}

#[test]
fn a_missing_path_among_others_does_not_stop_the_scan() {
    let d = TestDir::new();
    d.write("src/app.py", format!("TOKEN = \"{}\"\n", github_pat()));
    let missing = d.join("no-such-dir");
    let run = d.scan(&[missing.to_str().unwrap(), "src", "--format", "json"]);
    run.assert_code(1); // findings win over the unreadable path
    assert_eq!(run.json_array().len(), 1, "{}", run.describe());
    assert!(run.stderr.contains("no-such-dir"), "{}", run.describe());
    d.write("src/app.py", "x = 1\n");
    let run = d.scan(&[missing.to_str().unwrap(), "src"]);
    run.assert_code(2); // nothing found, and a named path was not scanned
}

#[test]
fn credential_file_rules_stay_in_their_files() {
    let d = TestDir::new();
    let pw = password();
    d.write(
        ".npmrc",
        format!(
            "//registry.example.com/:_password={}\n",
            "S2s5TXEycEx3N1pyUTJtUA=="
        ),
    );
    d.write(
        "app/store.py",
        format!("class S:\n    def f(self):\n        self.vault_password = \"{pw}\"\n"),
    );
    let (_, f) = d.scan_json(&[]);
    let npmrc = in_file(&f, ".npmrc");
    assert_eq!(npmrc.len(), 1, "{f:#?}");
    assert_eq!(s(npmrc[0], "rule_id"), "credfiles.npmrc-auth");
    let py = in_file(&f, "app/store.py");
    assert_eq!(py.len(), 1, "{f:#?}");
    assert_eq!(
        s(py[0], "rule_id"),
        "generic.password",
        "not an .npmrc rule in Python"
    );
}
