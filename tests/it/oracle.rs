//! The search plan (keyword automaton, one-line windows, relaxed repetitions, pre-checks, lazy
//! compiles) against the reference detector (`--reference-detector`: every rule's pattern as
//! written, keywords found by a plain substring search): the same findings on a tree and on a
//! history made of every built-in rule's examples and negative examples, in files of several
//! syntaxes, many to a file so that windows, overlaps and decoding meet.

use crate::git::Repo;
use serde_json::Value;

/// Every example and negative example of every built-in rule (the opt-in ones included), one
/// per line, shuffled by a fixed stride so neighbouring lines come from different rules.
fn example_lines() -> Vec<String> {
    let rules = vaultsweep::rules::builtin_all().expect("built-in rules load");
    let mut lines: Vec<String> = rules
        .rules()
        .iter()
        .flat_map(|r| r.examples.iter().chain(&r.negative_examples))
        .flat_map(|e| e.lines().map(str::to_string).collect::<Vec<_>>())
        .collect();
    let n = lines.len();
    let mut shuffled = Vec::with_capacity(n);
    let stride = 7919; // a prime that does not divide the count
    assert_ne!(n % stride, 0);
    for i in 0..n {
        shuffled.push(std::mem::take(&mut lines[(i * stride) % n]));
    }
    shuffled
}

/// The findings' identities, sorted: rule, file, line, column, fingerprint.
fn identities(findings: &[Value]) -> Vec<String> {
    let mut v: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {}:{} {}",
                f["rule_id"].as_str().unwrap(),
                f["rel_path"]
                    .as_str()
                    .unwrap_or_else(|| f["path"].as_str().unwrap()),
                f["line"],
                f["column"],
                f["fingerprint"].as_str().unwrap()
            )
        })
        .collect();
    v.sort();
    v
}

fn scan(repo: &Repo, args: &[&str]) -> Vec<Value> {
    let mut cmd = crate::util::vaultsweep();
    cmd.current_dir(repo.path())
        .args([
            "scan",
            "--format",
            "json",
            "--no-ignore",
            "--min-confidence",
            "low",
        ])
        .args(args);
    let run = crate::util::Run::of(&mut cmd);
    assert!(run.code == 0 || run.code == 1, "{}", run.describe());
    run.json_array()
}

#[test]
fn the_planned_detector_finds_what_the_reference_finds_in_a_tree_and_a_history() {
    let lines = example_lines();
    let repo = Repo::new();
    // Three commits, each adding a third of the lines to files of five syntax families.
    let third = lines.len() / 3 + 1;
    for (c, chunk) in lines.chunks(third).enumerate() {
        for ext in ["py", "yaml", "sh", "xml", "txt"] {
            let text = chunk.join("\n");
            repo.write(&format!("part{c}/all.{ext}"), text);
        }
        repo.commit_all(&format!("part {c}"));
    }
    let tree = identities(&scan(&repo, &["."]));
    let tree_ref = identities(&scan(&repo, &[".", "--reference-detector"]));
    assert!(
        tree.len() > 1000,
        "the examples yield findings: {}",
        tree.len()
    );
    assert_eq!(tree, tree_ref, "tree scan differs from the reference");
    let history = identities(&scan(&repo, &["--history", "."]));
    let history_ref = identities(&scan(&repo, &["--history", ".", "--reference-detector"]));
    assert!(history.len() > 1000, "{}", history.len());
    assert_eq!(
        history, history_ref,
        "history scan differs from the reference"
    );
}
