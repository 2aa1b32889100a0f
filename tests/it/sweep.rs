//! `scan --repos FILE --output-dir DIR [--shard I/N]` and `report merge` (issue 20): shards
//! cover a list of real repositories exactly once, and merging the shards' reports gives
//! exactly the merge of one unsharded sweep, schema-valid; one secret in several repositories
//! is one entry; a repository over its time or memory budget is "incomplete" (exit 2).

use crate::ci_formats::assert_valid_gitlab;
use crate::git::Repo;
use crate::report::assert_valid_sarif;
use crate::util::{Run, TestDir, github_pat, stripe_live, vaultsweep};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// 13 repositories: one leaked key shared by four of them, a key of their own in some, clean
/// ones, one with a secret only in history. Returns the repositories and the shared key.
fn fleet() -> (Vec<Repo>, String) {
    let shared = stripe_live();
    let repos: Vec<Repo> = (0..13)
        .map(|i| {
            let r = Repo::new();
            r.write("README.md", format!("service {i}\n"));
            // The same key at two paths: two fingerprints, one secret.
            if i % 8 == 0 {
                r.write("deploy/.env", format!("STRIPE_KEY={shared}\n"));
            } else if i % 4 == 0 {
                r.write("config/prod.env", format!("STRIPE_KEY={shared}\n"));
            }
            if i % 3 == 1 {
                r.write(
                    "config.py",
                    format!("GITHUB_TOKEN = \"{}\"\n", github_pat()),
                );
            }
            r.commit_all("first");
            if i == 5 {
                r.write("old.env", format!("STRIPE_KEY={}\n", stripe_live()));
                r.commit_all("oops");
                std::fs::remove_file(r.path().join("old.env")).unwrap();
                r.commit_all("remove");
            }
            r
        })
        .collect();
    (repos, shared)
}

fn sweep(dir: &Path, list: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut cmd = vaultsweep();
    cmd.current_dir(dir)
        .args(["scan", "--history", "--repos"])
        .arg(list)
        .arg("--output-dir")
        .arg(out)
        .args(extra);
    Run::of(&mut cmd)
}

fn merge(inputs: &[&Path], format: &str, extra: &[&str]) -> Value {
    let mut cmd = vaultsweep();
    cmd.args(["report", "merge"])
        .args(inputs)
        .args(["--format", format])
        .args(extra);
    let r = Run::of(&mut cmd);
    assert_eq!(r.code, 0, "{}", r.describe());
    serde_json::from_str(&r.stdout).expect("merged report is JSON")
}

fn summary(out: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap()
}

/// GitLab's scan times differ from run to run.
fn without_times(mut v: Value) -> Value {
    if let Some(s) = v.get_mut("scan").and_then(Value::as_object_mut) {
        s.remove("start_time");
        s.remove("end_time");
    }
    v
}

#[test]
fn three_shards_merged_equal_one_unsharded_sweep_in_every_merge_format() {
    let (repos, shared) = fleet();
    let work = TestDir::new();
    let mut list = String::from("# the fleet\n");
    for r in &repos {
        list.push_str(&format!("{}\n", r.path().display()));
    }
    let list_path = work.write("repos.txt", &list);
    for (format, ext) in [
        ("json", "json"),
        ("sarif", "sarif"),
        ("gitlab", "gitlab.json"),
    ] {
        let all = work.join(&format!("all-{format}"));
        let r = sweep(work.path(), &list_path, &all, &["--format", format]);
        assert_eq!(r.code, 1, "findings: {}", r.describe());
        let s = summary(&all);
        assert_eq!(s["totals"]["repositories"], 13);
        assert_eq!(s["totals"]["incomplete"], 0);
        let reports = std::fs::read_dir(&all)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "summary.json" && n.ends_with(&format!(".{ext}")))
            .count();
        assert_eq!(reports, 13, "one report per repository");
        // Three workers, no coordination.
        let mut shard_dirs = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for i in 0..3 {
            let out = work.join(&format!("shard{i}-{format}"));
            let r = sweep(
                work.path(),
                &list_path,
                &out,
                &["--format", format, "--shard", &format!("{i}/3")],
            );
            assert!(r.code == 0 || r.code == 1, "{}", r.describe());
            for row in summary(&out)["repositories"].as_array().unwrap() {
                seen.push(row["source"].as_str().unwrap().to_string());
            }
            shard_dirs.push(out);
        }
        let mut want: Vec<String> = repos
            .iter()
            .map(|r| r.path().display().to_string())
            .collect();
        want.sort();
        seen.sort();
        assert_eq!(seen, want, "every repository in exactly one shard");
        let shard_refs: Vec<&Path> = shard_dirs.iter().map(|p| p.as_path()).collect();
        let raw = merge(&[&all], format, &[]);
        let one = without_times(raw.clone());
        let three = without_times(merge(&shard_refs, format, &[]));
        assert_eq!(
            one, three,
            "{format}: shards merged differ from one sweep merged"
        );
        match format {
            "json" => {
                let arr = one.as_array().unwrap();
                let holding: Vec<&Value> = arr
                    .iter()
                    .filter(|f| f["repositories"].as_array().unwrap().len() > 1)
                    .collect();
                assert_eq!(holding.len(), 1, "the shared key is one entry");
                assert_eq!(holding[0]["repositories"].as_array().unwrap().len(), 4);
                assert_eq!(holding[0]["locations"].as_array().unwrap().len(), 4);
                let fps: BTreeSet<&str> = holding[0]["locations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l["fingerprint"].as_str().unwrap())
                    .collect();
                assert_eq!(fps.len(), 2, "fingerprints kept (one per path)");
                // 1 shared + 4 GitHub tokens + 1 in history.
                assert_eq!(arr.len(), 6, "{one:#}");
                assert!(!one.to_string().contains(&shared));
            }
            "sarif" => {
                assert_valid_sarif(&raw);
                let results = one["runs"][0]["results"].as_array().unwrap();
                assert_eq!(results.len(), 6);
                let multi: Vec<&Value> = results
                    .iter()
                    .filter(|r| r["locations"].as_array().unwrap().len() == 4)
                    .collect();
                assert_eq!(multi.len(), 1);
                for l in multi[0]["locations"].as_array().unwrap() {
                    let uri = l["physicalLocation"]["artifactLocation"]["uri"]
                        .as_str()
                        .unwrap();
                    assert!(uri.ends_with(".env") && uri.contains("/"), "{uri}");
                    assert!(
                        !uri.starts_with("deploy") && !uri.starts_with("config"),
                        "{uri}"
                    );
                }
                let per_repo = merge(&shard_refs, format, &["--sarif-runs", "repository"]);
                assert_valid_sarif(&per_repo);
                assert_eq!(per_repo["runs"].as_array().unwrap().len(), 13);
            }
            "gitlab" => {
                assert_valid_gitlab(&raw);
                assert_eq!(one["vulnerabilities"].as_array().unwrap().len(), 6);
            }
            _ => unreachable!(),
        }
    }
}

#[test]
fn a_repository_over_its_budget_is_incomplete_and_the_sweep_exits_2() {
    let (repos, _) = fleet();
    let work = TestDir::new();
    let list = format!(
        "{}\n{}\n{}\n",
        repos[0].path().display(),
        repos[1].path().display(),
        work.path().join("no-such-repo").display()
    );
    let list_path = work.write("repos.txt", &list);
    for (flag, value, why) in [
        ("--repo-timeout", "0", "time budget"),
        ("--repo-max-memory", "1K", "memory ceiling"),
    ] {
        let out = work.join(flag.trim_start_matches('-'));
        let r = sweep(
            work.path(),
            &list_path,
            &out,
            &[flag, value, "--format", "json"],
        );
        assert_eq!(r.code, 2, "{}", r.describe());
        let s = summary(&out);
        let rows = s["repositories"].as_array().unwrap();
        assert_eq!(rows.len(), 3);
        for row in &rows[..2] {
            assert_eq!(row["status"], "incomplete", "{row}");
            assert!(row["reason"].as_str().unwrap().contains(why), "{row}");
            assert!(row["report"].is_null(), "no half-written report");
        }
        assert!(
            rows[2]["reason"]
                .as_str()
                .unwrap()
                .contains("does not exist")
        );
    }
    // Without limits the two repositories are complete; the missing one still fails the sweep.
    let out = work.join("plain");
    let r = sweep(work.path(), &list_path, &out, &["--format", "json"]);
    assert_eq!(r.code, 2);
    let s = summary(&out);
    assert_eq!(s["totals"]["complete"], 2);
    assert_eq!(s["repositories"][0]["status"], "complete");
    assert!(s["repositories"][0]["findings"]["high"].as_u64().unwrap() >= 1);
    assert!(
        r.stderr.contains("2 complete, 1 incomplete"),
        "{}",
        r.describe()
    );

    // Merging that sweep: the reports it has, and exit 2 naming the repository it lacks.
    let mut cmd = vaultsweep();
    cmd.args(["report", "merge"])
        .arg(&out)
        .args(["--format", "json"]);
    let merged = Run::of(&mut cmd);
    assert_eq!(merged.code, 2, "{}", merged.describe());
    assert!(
        merged.stderr.contains("no-such-repo"),
        "{}",
        merged.describe()
    );
    let found: Value = serde_json::from_str(&merged.stdout).expect("the merged report is written");
    assert!(
        !found.as_array().unwrap().is_empty(),
        "the complete repositories' findings"
    );
    // No report of the format asked for: an error, not an empty "clean" report.
    let mut cmd = vaultsweep();
    cmd.args(["report", "merge"])
        .arg(&out)
        .args(["--format", "sarif"]);
    let none = Run::of(&mut cmd);
    assert_eq!(none.code, 2, "{}", none.describe());
    assert!(none.stdout.is_empty() && none.stderr.contains("nothing to merge"));
}
