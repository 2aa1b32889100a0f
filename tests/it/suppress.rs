//! Suppression and configuration: inline markers, `.vaultsweepignore`, baselines, and
//! `.vaultsweep.toml` (allowlists, tier overrides, default `fail_on`, `--config`).

use crate::util::*;

#[test]
fn inline_allow_on_the_line_and_the_line_before() {
    let t = TestDir::new();
    let (a, b, c, d) = (github_pat(), github_pat(), github_pat(), github_pat());
    t.write(
        "src/settings.py",
        format!(
            "SAME_LINE = \"{a}\"  # vaultsweep:allow test fixture\n\
             # vaultsweep:allow sample token for the docs\n\
             LINE_AFTER = \"{b}\"\n\
             \n\
             TWO_LINES_AFTER = \"{c}\"\n\
             REPORTED = \"{d}\"\n"
        ),
    );
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    assert_eq!(findings.len(), 2, "{}", summary(&findings));
    let lines: Vec<u64> = findings.iter().map(|f| n(f, "line")).collect();
    assert_eq!(
        lines,
        [5, 6],
        "the marker reaches only its own line and the next:\n{}",
        summary(&findings)
    );

    // All suppressed: clean exit.
    let t2 = TestDir::new();
    t2.write("a.env", format!("GITHUB_TOKEN={a} # vaultsweep:allow\n"));
    let (run, findings) = t2.scan_json(&["."]);
    assert!(findings.is_empty(), "{}", summary(&findings));
    run.assert_code(0);
}

#[test]
fn vaultsweepignore_excludes_files_with_gitignore_syntax() {
    let t = TestDir::new();
    t.write(
        ".vaultsweepignore",
        "# test data\n*.snap\ndocs/generated/\n!docs/generated/keep.md\n",
    );
    t.write(
        "tests/__snapshots__/api.snap",
        format!("token: {}\n", github_pat()),
    );
    t.write(
        "docs/generated/api.md",
        format!("token: {}\n", github_pat()),
    );
    t.write(
        "docs/generated/keep.md",
        format!("token: {}\n", github_pat()),
    );
    t.write("src/app.py", format!("TOKEN = \"{}\"\n", github_pat()));
    // .vaultsweepignore holds even with --no-ignore (which only drops .gitignore/.ignore).
    for args in [&["."][..], &["--no-ignore", "."][..]] {
        let (_, findings) = t.scan_json(args);
        let mut files: Vec<&str> = findings.iter().map(|f| s(f, "rel_path")).collect();
        files.sort();
        assert_eq!(files, ["src/app.py"], "{args:?}:\n{}", summary(&findings));
    }
}

#[test]
fn baseline_accepts_current_findings_only() {
    let (t, p) = planted_tree();
    let out = TestDir::new();
    let base = out.join("base.json");
    let base_s = base.to_string_lossy().into_owned();

    let run = t.run(&["baseline", "create", "--output", &base_s, "."]);
    run.assert_code(0);
    let text = std::fs::read_to_string(&base).expect("baseline written");
    for (what, secret) in p.tokens() {
        assert!(!text.contains(secret), "the baseline stores the raw {what}");
    }
    for l in pem_body_lines(&p.rsa_key) {
        assert!(
            !text.contains(&l),
            "the baseline stores a line of the private key"
        );
    }
    assert!(
        !text.contains(&masked(&p.github)),
        "the baseline needs no masked secret either"
    );
    let b: serde_json::Value = serde_json::from_str(&text).expect("baseline is JSON");
    assert!(
        b["findings"].as_array().is_some_and(|f| f.len() >= 8),
        "{text}"
    );

    // Everything accepted.
    let (run, findings) = t.scan_json(&["--baseline", &base_s, "."]);
    assert!(findings.is_empty(), "{}", summary(&findings));
    run.assert_code(0);

    // Lines added above the secrets: still accepted (fingerprints are location-free).
    let settings = std::fs::read_to_string(t.join(SETTINGS)).unwrap();
    t.write(
        SETTINGS,
        format!("# Reviewed 2024-05-01\n# Owner: platform team\n\n{settings}"),
    );
    let env = std::fs::read_to_string(t.join(ENV_PROD)).unwrap();
    t.write(ENV_PROD, format!("# production\nREGION=eu-west-1\n{env}"));
    let (run, findings) = t.scan_json(&["--baseline", &base_s, "."]);
    assert!(
        findings.is_empty(),
        "moving secrets down must not make them new:\n{}",
        summary(&findings)
    );
    run.assert_code(0);

    // A new secret is reported, and only it.
    let fresh = github_pat();
    t.write(
        SETTINGS,
        format!(
            "{}NEW_TOKEN = \"{fresh}\"\n",
            std::fs::read_to_string(t.join(SETTINGS)).unwrap()
        ),
    );
    let (run, findings) = t.scan_json(&["--baseline", &base_s, "."]);
    run.assert_code(1);
    assert_eq!(findings.len(), 1, "{}", summary(&findings));
    assert_eq!(s(&findings[0], "secret_masked"), masked(&fresh));

    // The same secret in another file is a new finding too (the path is part of the identity).
    t.write(
        "config/copy.py",
        format!("GITHUB_TOKEN = \"{}\"\n", p.github),
    );
    let (_, findings) = t.scan_json(&["--baseline", &base_s, "."]);
    assert!(
        !in_file(&findings, "config/copy.py").is_empty(),
        "{}",
        summary(&findings)
    );
}

#[test]
fn bad_baseline_is_an_error() {
    let t = TestDir::new();
    t.write("a.txt", "hello\n");
    t.write("base.json", "{ not json");
    let run = t.scan(&["--baseline", "base.json", "."]);
    run.assert_code(2);
    assert!(run.stderr.contains("base.json"), "{}", run.describe());
    let run = t.scan(&["--baseline", "missing.json", "."]);
    run.assert_code(2);
    assert!(run.stderr.contains("missing.json"), "{}", run.describe());
}

#[test]
fn config_allowlist_paths() {
    let t = TestDir::new();
    t.write(
        ".vaultsweep.toml",
        "[allowlist]\npaths = [\"vendor\", \"**/*.lock\"]\n",
    );
    t.write(
        "vendor/lib/config.js",
        format!("token = '{}'\n", github_pat()),
    );
    t.write("deps/yarn.lock", format!("token {}\n", github_pat()));
    t.write("src/app.js", format!("token = '{}'\n", github_pat()));
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    let files: Vec<&str> = findings.iter().map(|f| s(f, "rel_path")).collect();
    assert_eq!(files, ["src/app.js"], "{}", summary(&findings));

    // Globs are relative to the config file, also when scanning a subdirectory.
    let (_, findings) = t.scan_json(&["vendor"]);
    assert!(findings.is_empty(), "{}", summary(&findings));
}

#[test]
fn config_allowlist_regexes() {
    let t = TestDir::new();
    let allowed = stripe_live();
    let other = stripe_live();
    t.write(
        ".vaultsweep.toml",
        format!("[allowlist]\nregexes = ['^{}$']\n", regex::escape(&allowed)),
    );
    t.write(
        "billing.py",
        format!("A = \"{allowed}\"\nB = \"{other}\"\n"),
    );
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    assert_eq!(findings.len(), 1, "{}", summary(&findings));
    assert_eq!(s(&findings[0], "secret_masked"), masked(&other));
    assert_eq!(n(&findings[0], "line"), 2);
}

#[test]
fn config_tier_override_and_fail_on() {
    let t = TestDir::new();
    t.write(
        "app/settings.py",
        format!("GITHUB_TOKEN = \"{}\"\n", github_pat()),
    );
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    let rule_id = s(&findings[0], "rule_id").to_string();
    assert_eq!(s(&findings[0], "tier"), "high");

    // [tiers] lowers this rule's tier.
    t.write(
        ".vaultsweep.toml",
        format!("[tiers]\n\"{rule_id}\" = \"low\"\n"),
    );
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    assert_eq!(s(&findings[0], "tier"), "low", "{}", summary(&findings));
    assert_eq!(n(&findings[0], "rotation_days"), 365);
    t.scan(&["--fail-on", "medium", "."]).assert_code(0);

    // fail_on in the config is the default --fail-on; the flag still wins.
    t.write(".vaultsweep.toml", "fail_on = \"critical\"\n");
    t.scan(&["."]).assert_code(0);
    t.scan(&["--fail-on", "high", "."]).assert_code(1);
    t.write("tls/server.key", rsa_private_key());
    t.scan(&["."]).assert_code(1);

    // An override naming no rule is a configuration error.
    t.write(".vaultsweep.toml", "[tiers]\n\"no.such-rule\" = \"low\"\n");
    let run = t.scan(&["."]);
    run.assert_code(2);
    assert!(run.stderr.contains("no.such-rule"), "{}", run.describe());
}

/// Opt-in rules (passphrase-protected private keys) run only when the config enables them;
/// enabling a rule that does not exist is a configuration error.
#[test]
fn opt_in_rules_run_only_when_enabled() {
    let t = TestDir::new();
    let hash = "\"password\": \"pbkdf2_sha256$600000$Xb3LqZ8nW2cR$dV7kL0mQ9tYwE4rT6uI8oP1aS3dF5gH7jK9lZ2xC4vB=\",\n"; // vaultsweep:allow
    t.write("fixtures/users.json", hash);
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(0);
    assert!(findings.is_empty(), "{}", summary(&findings));

    t.write(".vaultsweep.toml", "enable = [\"passwordhash.django\"]\n");
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    assert_eq!(findings.len(), 1, "{}", summary(&findings));
    assert_eq!(s(&findings[0], "rule_id"), "passwordhash.django");

    t.write(".vaultsweep.toml", "enable = [\"no.such-rule\"]\n");
    let run = t.scan(&["."]);
    run.assert_code(2);
    assert!(run.stderr.contains("no.such-rule"), "{}", run.describe());
}

/// A passphrase-protected private key is reported by default, at HIGH (below a plain key's
/// CRITICAL: usable only with its passphrase, which often sits nearby); `disable` turns it off.
#[test]
fn encrypted_private_keys_are_reported_by_default_below_plain_keys() {
    let t = TestDir::new();
    // The armour is split so that this source file is not itself a finding.
    let key = concat!(
        "-----BEGIN ENCRYPTED ",
        "PRIVATE KEY-----\n",
        "MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIJAA7m8YoZwWpWOaM\n",
        "fJFiKFojmOIguUttbyk8Ty50FK+PqQOaaw2CBiBWom+BdiVoHGZkmJ0jDq05guyd\n",
        "-----END ENCRYPTED PRIVATE KEY-----\n"
    );
    t.write("certs/signing.key", key);
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    assert_eq!(findings.len(), 1, "{}", summary(&findings));
    assert_eq!(s(&findings[0], "rule_id"), "privatekey.encrypted-pkcs8");
    assert_eq!(s(&findings[0], "tier"), "high");

    t.write(
        ".vaultsweep.toml",
        "disable = [\"privatekey.encrypted-pkcs8\"]\n",
    );
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(0);
    assert!(findings.is_empty(), "{}", summary(&findings));
}

/// `.vaultsweep.toml` is found from the scan root upward; `--config` names another file.
#[test]
fn config_discovery_and_explicit_config() {
    let t = TestDir::new();
    // Globs are relative to the directory of the config file.
    t.write(
        ".vaultsweep.toml",
        "[allowlist]\npaths = [\"svc/legacy\"]\n",
    );
    t.write(
        "svc/legacy/old.env",
        format!("GITHUB_TOKEN={}\n", github_pat()),
    );
    // Scanning a subdirectory: the config in the parent still applies.
    let (run, findings) = t.scan_json(&["svc"]);
    assert!(findings.is_empty(), "{}", summary(&findings));
    run.assert_code(0);

    let cfg_dir = TestDir::new();
    let cfg = cfg_dir.write("strict.toml", "fail_on = \"low\"\n");
    let cfg_s = cfg.to_string_lossy().into_owned();
    let run = t.run(&["--config", &cfg_s, "scan", "svc"]);
    run.assert_code(1);
    // --config after the subcommand works too (global flag).
    t.run(&["scan", "--config", &cfg_s, "svc"]).assert_code(1);
}

#[test]
fn invalid_config_is_exit_2_with_a_clear_message() {
    let t = TestDir::new();
    t.write("a.txt", "hello\n");
    let cases: &[(&str, &str)] = &[
        ("syntax", "fail_on = \n"),
        ("unknown tier", "fail_on = \"severe\"\n"),
        ("unknown key", "fial_on = \"low\"\n"),
        ("bad regex", "[allowlist]\nregexes = [\"(unclosed\"]\n"),
        ("bad glob", "[allowlist]\npaths = [\"[z-a\"]\n"),
    ];
    let mut unclear = Vec::new();
    for (case, body) in cases {
        t.write(".vaultsweep.toml", body);
        let run = t.scan(&["."]);
        assert_eq!(run.code, 2, "{case}: {}", run.describe());
        assert!(run.stdout.is_empty(), "{case}: no report on a config error");
        if !run.stderr.contains(".vaultsweep.toml") {
            unclear.push(format!("{case}: {}", run.stderr.trim()));
        }
    }
    assert!(
        unclear.is_empty(),
        "config errors must name the config file:\n{}",
        unclear.join("\n")
    );
    std::fs::remove_file(t.join(".vaultsweep.toml")).unwrap();
    let run = t.run(&["--config", "nope.toml", "scan", "."]);
    run.assert_code(2);
    assert!(run.stderr.contains("nope.toml"), "{}", run.describe());
}
