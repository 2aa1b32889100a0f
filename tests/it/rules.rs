//! Rules as data: the built-in rules pass their own examples through the full detect path,
//! `rules list` shows them, and `rules check` judges users' rule files.

use crate::util::*;
use std::collections::BTreeSet;
use vaultsweep::detect::examples::{ExampleProblem, check_all};
use vaultsweep::rules::{self, RuleSet};

fn builtin() -> RuleSet {
    rules::builtin_all().unwrap_or_else(|e| panic!("built-in rules do not load: {e}"))
}

/// Habit 1: every rule matches all its examples and none of its negatives, through the same
/// function `vaultsweep rules check` uses.
#[test]
fn builtin_rules_pass_their_examples() {
    let set = builtin();
    let failures = check_all(&set);
    let lines: Vec<String> = failures
        .iter()
        .map(|f| {
            let rule = set.get(set.index_of(&f.rule_id).expect("rule of this set"));
            let (what, list) = match f.problem {
                ExampleProblem::MissedPositive => ("example not matched", &rule.examples),
                ExampleProblem::MissedInFile => {
                    ("example not matched as a line of a file", &rule.examples)
                }
                ExampleProblem::MatchedNegative => {
                    ("negative example matched", &rule.negative_examples)
                }
            };
            format!(
                "{} ({}): {what} #{}: {:?}",
                f.rule_id,
                f.source,
                f.index + 1,
                list[f.index]
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} example failure(s):\n{}",
        failures.len(),
        lines.join("\n")
    );
}

#[test]
fn builtin_rule_set_is_broad_and_well_formed() {
    let set = builtin();
    assert!(
        set.len() >= 40,
        "only {} built-in rules (issue 2: at least 40)",
        set.len()
    );
    let mut ids = BTreeSet::new();
    let mut problems = Vec::new();
    for r in set.rules() {
        if !ids.insert(r.id.as_str()) {
            problems.push(format!("{}: duplicate id", r.id));
        }
        if r.examples.is_empty() {
            problems.push(format!("{}: no example", r.id));
        }
        if r.negative_examples.is_empty() {
            problems.push(format!("{}: no negative example", r.id));
        }
        if r.name.trim().is_empty() {
            problems.push(format!("{}: no name", r.id));
        }
        let stem = r
            .source
            .rsplit('/')
            .next()
            .and_then(|f| f.strip_suffix(".toml"))
            .unwrap_or("");
        // Service rows (`services-*.toml`) hold many providers; their ids start with the row's.
        if !stem.starts_with("services-") && !r.id.starts_with(&format!("{stem}.")) {
            problems.push(format!(
                "{}: id does not start with its file stem {stem:?}",
                r.id
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The company's categories are all covered.
    let cats: BTreeSet<&str> = set.rules().iter().map(|r| r.category.as_str()).collect();
    for c in [
        "database-credential",
        "api-key",
        "oauth-credential",
        "cloud-credential",
        "tls-private-key",
        "vault-token",
        "generic-secret",
    ] {
        assert!(cats.contains(c), "no built-in rule of category {c}");
    }
}

/// The providers issue 2 asks for each have at least one rule file.
#[test]
fn builtin_rules_cover_the_required_providers() {
    let set = builtin();
    let sources: BTreeSet<&str> = set
        .rules()
        .iter()
        .map(|r| r.source.rsplit('/').next().unwrap_or(""))
        .collect();
    let missing: Vec<&str> = [
        "aws.toml",
        "github.toml",
        "gitlab.toml",
        "slack.toml",
        "stripe.toml",
        "twilio.toml",
        "sendgrid.toml",
        "mailgun.toml",
        "database.toml",
        "privatekey.toml",
        "generic.toml",
    ]
    .into_iter()
    .filter(|f| !sources.contains(f))
    .collect();
    assert!(
        missing.is_empty(),
        "missing rule files: {missing:?} (have {sources:?})"
    );
}

#[test]
fn rules_list_json() {
    let t = TestDir::new();
    let run = t.run(&["rules", "list", "--format", "json"]);
    run.assert_code(0);
    let mut listed = run.json_array();
    let set = builtin();
    // The guard's rule (issue 17) is listed last: no pattern, so not in the rule set.
    let guard = listed.pop().unwrap();
    assert_eq!(s(&guard, "id"), "guard.migrated-value");
    assert_eq!(s(&guard, "tier"), "critical");
    assert_eq!(
        listed.len(),
        set.len(),
        "rules list shows every built-in rule, opt-in ones as off"
    );
    let by_id: std::collections::HashMap<&str, &serde_json::Value> =
        listed.iter().map(|l| (s(l, "id"), l)).collect();
    let mut off = 0;
    for r in set.rules() {
        let l = by_id
            .get(r.id.as_str())
            .unwrap_or_else(|| panic!("{} not listed", r.id));
        assert_eq!(s(l, "name"), r.name);
        assert_eq!(s(l, "category"), r.category.as_str());
        assert_eq!(s(l, "tier"), r.tier.as_str());
        assert_eq!(l["opt_in"], r.opt_in, "{}", r.id);
        assert_eq!(l["enabled"], !r.opt_in, "{} (no config enables it)", r.id);
        off += usize::from(r.opt_in);
        assert!(
            ["keyword-line", "keyword-lines", "blob"].contains(&s(l, "search")),
            "{l}"
        );
        let kw: Vec<&str> = l["keywords"]
            .as_array()
            .unwrap_or_else(|| panic!("keywords array: {l}"))
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        assert_eq!(kw, r.keywords, "{}", r.id);
    }
    assert!(off >= 2, "the password-hash rules are opt-in");
    let text = t.run(&["rules", "list"]);
    text.assert_code(0);
    assert!(
        text.stdout.starts_with("ID ") && text.stdout.lines().next().unwrap().ends_with("NAME"),
        "a header names the columns:\n{}",
        text.stdout
    );
    assert!(
        text.stdout.contains(&format!(
            "{} rules on, {off} opt-in rules off",
            set.len() - off
        )),
        "{}",
        text.stdout
    );
    // Enabling one in the config turns it on in the list.
    t.write(".vaultsweep.toml", "enable = [\"passwordhash.django\"]\n");
    let listed = t.run(&["rules", "list", "--format", "json"]).json_array();
    let on = listed
        .iter()
        .find(|l| s(l, "id") == "passwordhash.django")
        .expect("listed");
    assert_eq!(on["enabled"], true);
}

/// A well-formed user rule file with a private token format.
fn good_rule(id: &str) -> String {
    format!(
        r#"[[rules]]
id = "{id}"
name = "Acme deploy token"
category = "api-key"
tier = "high"
keywords = ["acmedt_"]
pattern = '\b(acmedt_[A-Za-z0-9]{{32}})\b'
min_entropy = 3.5
examples = ["ACME_DEPLOY_TOKEN=acmedt_{tok}"]
negative_examples = [
    # placeholder
    "ACME_DEPLOY_TOKEN=acmedt_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
]
"#,
        tok = acme_secret()
    )
}

fn acme_secret() -> String {
    let mut r = Rng::new();
    loop {
        let v = r.string(
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            32,
        );
        if !vaultsweep::detect::filter::is_placeholder(v.as_bytes())
            && vaultsweep::detect::filter::shannon_entropy(v.as_bytes()) > 4.0
        {
            return v;
        }
    }
}

#[test]
fn rules_check_accepts_a_good_file() {
    let t = TestDir::new();
    t.write("acme.toml", good_rule("acme.deploy-token"));
    let run = t.run(&["rules", "check", "acme.toml"]);
    run.assert_code(0);
    assert!(run.stdout.contains("0 failures"), "{}", run.describe());
    // (`rules check` without a file checks the built-in rules with the same function as
    // builtin_rules_pass_their_examples; .ci/run runs it.)
}

#[test]
fn rules_check_rejects_a_matching_negative_example() {
    let t = TestDir::new();
    let bad = good_rule("acme.deploy-token").replace(
        "\"ACME_DEPLOY_TOKEN=acmedt_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"",
        &format!("\"token: acmedt_{}\"", acme_secret()),
    );
    t.write("acme.toml", bad);
    let run = t.run(&["rules", "check", "acme.toml"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("acme.deploy-token") && run.stderr.contains("negative"),
        "stderr must name the rule and the failing negative example:\n{}",
        run.describe()
    );
}

#[test]
fn rules_check_rejects_an_unmatched_example() {
    let t = TestDir::new();
    let bad = good_rule("acme.deploy-token").replace("[A-Za-z0-9]{32}", "[A-Za-z0-9]{40}");
    t.write("acme.toml", bad);
    let run = t.run(&["rules", "check", "acme.toml"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("acme.deploy-token") && run.stderr.contains("example"),
        "{}",
        run.describe()
    );
}

/// A pattern that ends with `$` but lacks `(?m)` matches its bare example and nothing inside a
/// file (the line feed after the value is not the end of the text): `rules check` says so.
#[test]
fn rules_check_names_a_pattern_that_only_matches_at_the_end_of_the_text() {
    let t = TestDir::new();
    let bad = good_rule("acme.deploy-token").replace(
        r"\b(acmedt_[A-Za-z0-9]{32})\b",
        r"=(acmedt_[A-Za-z0-9]{32})$",
    );
    assert!(bad.contains("{32})$'"), "{bad}");
    t.write("acme.toml", bad);
    let run = t.run(&["rules", "check", "acme.toml"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("acme.deploy-token")
            && run.stderr.contains("not as a line of a file")
            && run.stderr.contains("(?m)"),
        "{}",
        run.describe()
    );
}

#[test]
fn rules_check_rejects_a_broken_regex_naming_the_rule() {
    let t = TestDir::new();
    let bad = format!(
        "{}\n{}",
        good_rule("acme.deploy-token"),
        good_rule("acme.broken-pattern").replace(r"[A-Za-z0-9]{32})\b", r"[A-Za-z0-9]{32}\b")
    );
    t.write("acme.toml", bad);
    let run = t.run(&["rules", "check", "acme.toml"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("acme.broken-pattern") && run.stderr.contains("pattern"),
        "stderr must name the rule and say its pattern is broken:\n{}",
        run.describe()
    );
    assert!(
        run.stderr.contains("acme.toml"),
        "and the file:\n{}",
        run.describe()
    );

    // Not TOML at all.
    t.write("junk.toml", "[[rules]\nid = ");
    let run = t.run(&["rules", "check", "junk.toml"]);
    run.assert_code(2);
    assert!(run.stderr.contains("junk.toml"), "{}", run.describe());
}

/// Users add rules through `.vaultsweep.toml`; scans and `rules list` use them.
#[test]
fn user_rules_from_config_are_used() {
    let t = TestDir::new();
    let rule = good_rule("acme.deploy-token");
    t.write(".vaultsweep.toml", &rule);
    let tok = format!("acmedt_{}", acme_secret());
    t.write("deploy.sh", format!("export ACME_DEPLOY_TOKEN={tok}\n"));
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    // (The rule's own example in .vaultsweep.toml is a finding too; only deploy.sh matters.)
    let here = in_file(&findings, "deploy.sh");
    assert_eq!(here.len(), 1, "{}", summary(&findings));
    assert_eq!(s(here[0], "rule_id"), "acme.deploy-token");
    assert_eq!(s(here[0], "secret_masked"), masked(&tok));

    let list = t.run(&["rules", "list", "--format", "json"]);
    list.assert_code(0);
    assert!(
        list.json_array()
            .iter()
            .any(|r| s(r, "id") == "acme.deploy-token"),
        "rules list must include config rules"
    );

    // `rules check` without a file checks the configuration's rules too.
    let check = t.run(&["rules", "check"]);
    check.assert_code(0);
    assert!(
        check.stdout.contains(".vaultsweep.toml rules: 1 rules"),
        "{}",
        check.describe()
    );
    let broken = rule.replace("[A-Za-z0-9]{32}", "[A-Za-z0-9]{40}");
    t.write(".vaultsweep.toml", &broken);
    let check = t.run(&["rules", "check"]);
    check.assert_code(2);
    assert!(
        check.stderr.contains("acme.deploy-token") && check.stderr.contains("does not match"),
        "{}",
        check.describe()
    );

    // A user rule that clashes with a built-in id is refused.
    let clash = good_rule(&builtin().rules()[0].id);
    t.write(".vaultsweep.toml", clash);
    let run = t.scan(&["."]);
    run.assert_code(2);
    assert!(run.stderr.contains("duplicate"), "{}", run.describe());
}

/// `rules list` ends with the counts per category and of providers, and they add up to the
/// rules in effect (issue 14: the count per category).
#[test]
fn rules_list_counts_rules_per_category() {
    let t = TestDir::new();
    let text = t.run(&["rules", "list"]);
    text.assert_code(0);
    let on: usize = text
        .stdout
        .lines()
        .find_map(|l| {
            l.split(" rules on,")
                .next()
                .filter(|_| l.contains(" rules on,"))
        })
        .and_then(|n| n.trim().parse().ok())
        .expect("a 'rules on' line");
    let cats = text
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("by category: "))
        .expect("a 'by category' line");
    let sum: usize = cats
        .split(", ")
        .map(|c| c.rsplit(' ').next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(sum, on, "{cats}");
    assert!(
        cats.contains("api-key") && cats.contains("cloud-credential"),
        "{cats}"
    );
    let services = text
        .stdout
        .lines()
        .find_map(|l| {
            l.split("; ")
                .nth(1)?
                .strip_suffix(" rules from service rows")
        })
        .and_then(|n| n.parse::<usize>().ok())
        .expect("a service-row count");
    assert!(services >= 500, "{services} rules from service rows");
}
