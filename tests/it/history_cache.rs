//! `scan --history --cache DIR` (issue 20): a warm scan reads no blob a cold scan read, and
//! reports exactly what a scan without a cache reports, in every format; a rule change or a
//! corrupt cache file makes it scan everything again. Real repositories built with real `git`.

use crate::git::Repo;
use crate::util::{TestDir, stripe_live};
use serde_json::Value;
use std::path::Path;

/// `(blobs from the cache, blob reads)` from the scan's `-v` log line.
#[track_caller]
fn cache_counts(stderr: &str) -> (u64, u64) {
    let line = stderr
        .lines()
        .find(|l| l.contains("blob cache: "))
        .unwrap_or_else(|| panic!("no blob cache line in:\n{stderr}"));
    let nums: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|t| t.parse().ok())
        .collect();
    (nums[0], nums[1])
}

/// The report in `format`, with the only run-dependent fields (wall time, GitLab's scan
/// times) removed.
fn normalised(format: &str, stdout: &str) -> String {
    if format == "text" {
        return stdout
            .lines()
            .map(|l| match l.find(" scanned in ") {
                Some(at) => {
                    let rest = &l[at + 12..];
                    format!(
                        "{} scanned in _{}",
                        &l[..at],
                        &rest[rest.find('s').unwrap()..]
                    )
                }
                None => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    if format != "gitlab" {
        return stdout.to_string();
    }
    let mut v: Value = serde_json::from_str(stdout).expect("GitLab report is JSON");
    for k in ["start_time", "end_time"] {
        v["scan"].as_object_mut().unwrap().remove(k);
    }
    v.to_string()
}

const FORMATS: [&str; 6] = ["text", "json", "jsonl", "sarif", "gitlab", "github"];

/// Every format's report of `scan --history` without a cache.
fn reference(repo: &Repo) -> Vec<String> {
    FORMATS
        .iter()
        .map(|f| {
            let r = repo.vs(&["scan", "--history", ".", "--format", f]);
            assert!(r.code == 0 || r.code == 1, "{}", r.describe());
            normalised(f, &r.stdout)
        })
        .collect()
}

/// Runs `scan --history --cache` in every format, asserting each equals `want`; returns the
/// counts of the first run.
#[track_caller]
fn cached_equals(repo: &Repo, cache: &Path, want: &[String], extra: &[&str]) -> (u64, u64) {
    let mut first = None;
    for (f, want) in FORMATS.iter().zip(want) {
        let mut args = vec![
            "scan",
            "--history",
            ".",
            "-v",
            "--cache",
            cache.to_str().unwrap(),
            "--format",
            f,
        ];
        args.extend_from_slice(extra);
        let r = repo.vs(&args);
        assert!(r.code == 0 || r.code == 1, "{}", r.describe());
        assert_eq!(&normalised(f, &r.stdout), want, "format {f} differs");
        first.get_or_insert(cache_counts(&r.stderr));
    }
    first.unwrap()
}

/// A history with a secret that is edited around, renamed, kept under an allow marker, one
/// in a commit message, one removed, and clean files.
fn history(key: &str, other: &str) -> Repo {
    let repo = Repo::new();
    repo.write(".env", format!("STRIPE_KEY={key}\n"));
    repo.write("README.md", "hello\n");
    repo.commit_all("add env");
    for i in 0..4 {
        repo.write("notes.txt", "n\n".repeat(i + 1));
        repo.commit_all(&format!("notes {i}"));
    }
    repo.write(".env", format!("DEBUG=1\nSTRIPE_KEY={key}\n"));
    repo.commit_all("edit env");
    repo.git(&["mv", ".env", "prod.env"]);
    repo.commit_all("rename");
    repo.write("old.cfg", format!("stripe_secret = \"{other}\"\n"));
    repo.commit_all("add old");
    std::fs::remove_file(repo.path().join("old.cfg")).unwrap();
    repo.commit_all("drop old");
    // Still in HEAD, now allowed inline: the old finding stays "in HEAD" (found by value).
    repo.write(
        "prod.env",
        format!("DEBUG=1\nSTRIPE_KEY={key} # vaultsweep:allow\n"),
    );
    repo.commit_all("allow it");
    repo
}

#[test]
fn a_warm_history_scan_reads_no_blob_again_and_reports_the_same_in_every_format() {
    let (key, other) = (stripe_live(), stripe_live());
    let repo = history(&key, &other);
    let cache = TestDir::new();
    let want = reference(&repo);
    assert!(want[1].contains("\"in_head\": true"), "{}", want[1]);
    assert!(want[1].contains("\"removed_in\": {"), "{}", want[1]);
    // Cold: every blob read (the renamed blob with findings twice, as without a cache).
    let (cached, cold_reads) = cached_equals(&repo, cache.path(), &want, &[]);
    assert_eq!(cached, 0);
    assert!(cold_reads >= 8, "{cold_reads}");
    // Warm: nothing read, the same reports (the first run of the loop above already warmed it,
    // so check a fresh warm run of each format).
    let (cached, reads) = cached_equals(&repo, cache.path(), &want, &[]);
    assert_eq!(reads, 0, "a warm scan read blobs");
    assert!(cached >= 7, "{cached}");
    // One new commit: only its new blobs are read, one with a secret, one clean.
    repo.write("new.env", format!("STRIPE_KEY={other}\n"));
    repo.write("notes.txt", "changed\n");
    repo.commit_all("new");
    let want = reference(&repo);
    let (_, reads) = cached_equals(&repo, cache.path(), &want, &[]);
    assert_eq!(reads, 2, "only the two new blobs");
    let (_, reads) = cached_equals(&repo, cache.path(), &want, &[]);
    assert_eq!(reads, 0);
    // The cache holds no secret.
    for e in std::fs::read_dir(cache.path()).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        assert!(!text.contains(&key) && !text.contains(&other));
    }
}

#[test]
fn show_secrets_reads_blobs_with_findings_again() {
    let key = stripe_live();
    let repo = history(&key, &stripe_live());
    let cache = TestDir::new();
    let c = cache.path().to_str().unwrap();
    let args = [
        "scan",
        "--history",
        ".",
        "-v",
        "--cache",
        c,
        "--format",
        "json",
    ];
    repo.vs(&args);
    let r = repo.vs(&[&args[..], &["--show-secrets"]].concat());
    assert!(r.stdout.contains(&key), "{}", r.describe());
    let (cached, reads) = cache_counts(&r.stderr);
    assert!(reads > 0 && cached > 0, "{reads} {cached}");
}

#[test]
fn a_rule_change_invalidates_the_cache() {
    let repo = history(&stripe_live(), &stripe_live());
    let cache = TestDir::new();
    let c = cache.path().to_str().unwrap();
    let args = [
        "scan",
        "--history",
        ".",
        "-v",
        "--cache",
        c,
        "--format",
        "json",
    ];
    let cold = cache_counts(&repo.vs(&args).stderr).1;
    assert_eq!(cache_counts(&repo.vs(&args).stderr).1, 0);
    // A tier override changes what the rules yield: nothing is trusted.
    repo.write(
        ".vaultsweep.toml",
        "[tiers]\n\"stripe.live-secret-key\" = \"critical\"\n",
    );
    let r = repo.vs(&args);
    assert!(r.stderr.contains("other rules or settings"), "{}", r.stderr);
    assert_eq!(cache_counts(&r.stderr), (0, cold));
    assert!(r.stdout.contains("\"critical\""));
    assert_eq!(cache_counts(&repo.vs(&args).stderr).1, 0);
}

#[test]
fn a_corrupt_or_truncated_cache_is_rebuilt_with_a_warning() {
    let repo = history(&stripe_live(), &stripe_live());
    let cache = TestDir::new();
    let c = cache.path().to_str().unwrap();
    let args = [
        "scan",
        "--history",
        ".",
        "-v",
        "--cache",
        c,
        "--format",
        "json",
    ];
    let first = repo.vs(&args);
    let cold = cache_counts(&first.stderr).1;
    let file = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "cache"))
        .expect("a cache file");
    let raw = std::fs::read(&file).unwrap();
    let flipped = {
        let mut b = raw.clone();
        let at = b.len() - 30;
        b[at] = if b[at] == b'1' { b'2' } else { b'1' };
        b
    };
    for bad in [&raw[..raw.len() / 2], &flipped[..], b"not a cache"] {
        std::fs::write(&file, bad).unwrap();
        let r = repo.vs(&args);
        assert!(r.stderr.contains("rebuilding it"), "{}", r.stderr);
        assert_eq!(cache_counts(&r.stderr), (0, cold));
        assert_eq!(r.stdout, first.stdout);
        let again = repo.vs(&args);
        assert_eq!(cache_counts(&again.stderr).1, 0, "rebuilt");
        assert_eq!(again.stdout, first.stdout);
    }
}

/// The walk memo (commits an earlier scan walked are not walked again) is dropped when
/// history is rewritten, and a branch from an old commit is walked like any new commit.
#[test]
fn rewritten_history_and_new_branches_report_what_a_scan_without_a_cache_reports() {
    let repo = history(&stripe_live(), &stripe_live());
    let cache = TestDir::new();
    cached_equals(&repo, cache.path(), &reference(&repo), &[]);
    // A branch from an old commit, with a secret of its own and an old secret re-added.
    let old = repo.git(&["rev-list", "--max-parents=0", "HEAD"]);
    repo.git(&["checkout", "-q", "-b", "side", &old]);
    repo.write("side.env", format!("STRIPE_KEY={}\n", stripe_live()));
    repo.commit_all("side secret");
    repo.git(&["checkout", "-q", "main"]);
    let want = reference(&repo);
    let (_, reads) = cached_equals(&repo, cache.path(), &want, &[]);
    assert_eq!(reads, 1, "only the side branch's new blob");
    // Rewrite main: its last two commits are gone, another takes their place.
    repo.git(&["reset", "-q", "--hard", "HEAD~2"]);
    repo.write("other.txt", "x\n");
    repo.commit_all("rewritten");
    let want = reference(&repo);
    cached_equals(&repo, cache.path(), &want, &[]);
    let (_, reads) = cached_equals(&repo, cache.path(), &want, &[]);
    assert_eq!(reads, 0);
}
