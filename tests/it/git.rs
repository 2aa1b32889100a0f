//! `scan --staged` and `scan --history` against real repositories built with real `git` at test
//! time (STYLE.md habit 12: no committed nested `.git`). Every secret is generated per run.

use crate::util::{Run, TestDir, github_pat, masked, n, s, stripe_live, vaultsweep};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary git repository driven by the real `git`, isolated from the user's config.
pub struct Repo {
    pub dir: TestDir,
}

/// `git` isolated from global and system configuration, with a fixed identity.
pub fn git_cmd(cwd: &Path) -> Command {
    let mut c = Command::new("git");
    let nowhere = std::env::temp_dir().join("vaultsweep-it-no-home");
    c.current_dir(cwd)
        .env("HOME", &nowhere)
        .env("XDG_CONFIG_HOME", &nowhere)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ada Tester")
        .env("GIT_AUTHOR_EMAIL", "ada@example.test")
        .env("GIT_COMMITTER_NAME", "Ada Tester")
        .env("GIT_COMMITTER_EMAIL", "ada@example.test")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE");
    c
}

/// Runs `git ARGS` in `cwd`; panics with its output unless it succeeds.
#[track_caller]
pub fn git_in(cwd: &Path, args: &[&str]) -> String {
    let out = git_cmd(cwd).args(args).output().expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl Repo {
    /// `git init` in a fresh temporary directory (branch `main`).
    pub fn new() -> Repo {
        let dir = TestDir::new();
        git_in(dir.path(), &["init", "-q", "-b", "main"]);
        Repo { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> PathBuf {
        self.dir.write(rel, text)
    }

    #[track_caller]
    pub fn git(&self, args: &[&str]) -> String {
        git_in(self.path(), args)
    }

    /// `git add -A && git commit -m MSG --no-verify`; returns the new commit id.
    #[track_caller]
    pub fn commit_all(&self, msg: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--no-verify", "-m", msg]);
        self.git(&["rev-parse", "HEAD"])
    }

    /// `vaultsweep ARGS` in the repository.
    pub fn vs(&self, args: &[&str]) -> Run {
        let mut cmd = vaultsweep();
        cmd.current_dir(self.path()).args(args);
        Run::of(&mut cmd)
    }

    /// `vaultsweep scan --format json ARGS`, asserting exit 0 or 1.
    #[track_caller]
    pub fn scan_json(&self, args: &[&str]) -> (Run, Vec<Value>) {
        let mut all = vec!["scan", "--format", "json"];
        all.extend_from_slice(args);
        let run = self.vs(&all);
        assert!(
            run.code == 0 || run.code == 1,
            "scan {all:?}:\n{}",
            run.describe()
        );
        let f = run.json_array();
        (run, f)
    }
}

/// Asserts no output stream carries any of the raw secrets.
#[track_caller]
fn assert_masked(run: &Run, secrets: &[&str]) {
    for secret in secrets {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "raw secret in output:\n{}",
            run.describe()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// --staged

#[test]
fn staged_first_commit_blocks_with_masked_text() {
    let r = Repo::new();
    let tok = github_pat();
    r.write(
        "app/settings.py",
        format!("DEBUG = False\nGITHUB_TOKEN = \"{tok}\"\n"),
    );
    r.git(&["add", "app/settings.py"]);
    let run = r.vs(&["scan", "--staged"]);
    run.assert_code(1);
    assert!(run.stdout.contains("app/settings.py"), "{}", run.describe());
    assert!(run.stdout.contains(&masked(&tok)), "{}", run.describe());
    assert!(
        run.stderr.contains("git commit --no-verify"),
        "{}",
        run.describe()
    );
    assert_masked(&run, &[&tok]);
}

#[test]
fn staged_secret_only_in_work_tree_does_not_block() {
    let r = Repo::new();
    r.write("config.py", "HOST = 'db'\n");
    r.commit_all("init");
    r.write("config.py", "HOST = 'db'\nPORT = 5432\n");
    r.git(&["add", "config.py"]);
    // Written after staging: not part of the commit.
    r.write(
        "config.py",
        format!("HOST = 'db'\nPORT = 5432\nTOKEN = '{}'\n", github_pat()),
    );
    let (run, f) = r.scan_json(&["--staged"]);
    run.assert_code(0);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn staged_secret_removed_from_work_tree_but_not_restaged_still_blocks() {
    let r = Repo::new();
    r.write("config.py", "HOST = 'db'\n");
    r.commit_all("init");
    let tok = github_pat();
    r.write("config.py", format!("HOST = 'db'\nTOKEN = '{tok}'\n"));
    r.git(&["add", "config.py"]);
    // The work tree is clean again, the index still holds the secret.
    r.write("config.py", "HOST = 'db'\n");
    let (run, f) = r.scan_json(&["--staged"]);
    run.assert_code(1);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(s(&f[0], "path"), "config.py");
    assert_eq!(n(&f[0], "line"), 2);
    assert_masked(&run, &[&tok]);
}

#[test]
fn staged_old_secret_elsewhere_in_touched_file_does_not_block() {
    let r = Repo::new();
    let old = stripe_live();
    r.write("billing.env", format!("STRIPE_KEY={old}\nRETRIES=3\n"));
    r.commit_all("legacy");
    r.write(
        "billing.env",
        format!("STRIPE_KEY={old}\nRETRIES=4\nTIMEOUT=30\n"),
    );
    r.git(&["add", "billing.env"]);
    let (run, f) = r.scan_json(&["--staged"]);
    run.assert_code(0);
    assert!(f.is_empty(), "{f:?}");
    // The whole-file option reports it.
    let (run, f) = r.scan_json(&["--staged", "--all-lines"]);
    run.assert_code(1);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(n(&f[0], "line"), 1);
    // A new secret on an added line of the same file blocks.
    let new = github_pat();
    r.write(
        "billing.env",
        format!("STRIPE_KEY={old}\nRETRIES=4\nGH={new}\n"),
    );
    r.git(&["add", "billing.env"]);
    let (run, f) = r.scan_json(&["--staged"]);
    run.assert_code(1);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(n(&f[0], "line"), 3);
    assert_masked(&run, &[&old, &new]);
}

#[test]
fn staged_deleted_file_and_pure_rename_do_not_block() {
    let r = Repo::new();
    r.write("old.env", format!("TOKEN={}\n", github_pat()));
    r.write("moved.env", format!("TOKEN={}\n", github_pat()));
    r.commit_all("secrets from long ago");
    r.git(&["rm", "-q", "old.env"]);
    r.git(&["mv", "moved.env", "renamed.env"]);
    let (run, f) = r.scan_json(&["--staged"]);
    run.assert_code(0);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn staged_binary_file_is_skipped_and_named() {
    let r = Repo::new();
    let mut bytes = b"\x00\x01PNG\x00".to_vec();
    bytes.extend_from_slice(format!("TOKEN={}\n", github_pat()).as_bytes());
    r.write("logo.png", &bytes);
    r.git(&["add", "logo.png"]);
    let (run, f) = r.scan_json(&["--staged"]);
    run.assert_code(0);
    assert!(f.is_empty(), "{f:?}");
    assert!(
        run.stderr.contains("logo.png") && run.stderr.contains("binary"),
        "{}",
        run.describe()
    );
}

#[test]
fn staged_intent_to_add_has_no_content_yet() {
    let r = Repo::new();
    r.write("a.txt", "a\n");
    r.commit_all("init");
    r.write("later.env", format!("TOKEN={}\n", github_pat()));
    r.git(&["add", "-N", "later.env"]);
    let (run, f) = r.scan_json(&["--staged"]);
    run.assert_code(0);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn staged_unmerged_path_is_named_not_scanned() {
    let r = Repo::new();
    r.write("conf.txt", "value = 1\n");
    r.commit_all("base");
    r.git(&["checkout", "-q", "-b", "other"]);
    r.write("conf.txt", "value = 2\n");
    r.commit_all("other");
    r.git(&["checkout", "-q", "main"]);
    r.write("conf.txt", "value = 3\n");
    r.commit_all("main");
    let out = git_cmd(r.path())
        .args(["merge", "-q", "other"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "expected a conflict");
    let run = r.vs(&["scan", "--staged"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("conf.txt") && run.stderr.contains("unmerged"),
        "{}",
        run.describe()
    );
}

#[test]
fn staged_merge_does_not_rejudge_lines_from_the_merged_branch() {
    let r = Repo::new();
    r.write("a.txt", "a\n");
    r.commit_all("base");
    r.git(&["checkout", "-q", "-b", "feature"]);
    let theirs = github_pat();
    r.write("feature.env", format!("TOKEN={theirs}\n"));
    r.commit_all("feature brings a secret (judged when it was committed)");
    r.git(&["checkout", "-q", "main"]);
    r.write("b.txt", "b\n");
    r.commit_all("main moves on");
    r.git(&["merge", "-q", "--no-commit", "--no-ff", "feature"]);
    let (run, f) = r.scan_json(&["--staged"]);
    run.assert_code(0);
    assert!(f.is_empty(), "{f:?}");
    // A secret added while resolving the merge is judged.
    let mine = github_pat();
    r.write("feature.env", format!("TOKEN={theirs}\nOTHER={mine}\n"));
    r.git(&["add", "feature.env"]);
    let (run, f) = r.scan_json(&["--staged"]);
    run.assert_code(1);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(n(&f[0], "line"), 2);
}

#[test]
fn staged_outside_a_repository_exits_2_with_a_clear_message() {
    let d = TestDir::new();
    d.write("a.txt", "hello\n");
    let mut cmd = vaultsweep();
    cmd.current_dir(d.path())
        .env("GIT_CEILING_DIRECTORIES", d.path().parent().unwrap())
        .args(["scan", "--staged"]);
    let run = Run::of(&mut cmd);
    run.assert_code(2);
    assert!(
        run.stderr.contains("not inside a git repository"),
        "{}",
        run.describe()
    );
}

/// A repository that has just added (staged, not committed) a submodule whose own history holds
/// a token, at `vendor/inner`. The inner repository is returned to keep it alive.
fn repo_with_submodule_holding_a_secret() -> (Repo, Repo) {
    let inner = Repo::new();
    inner.write("secret.env", format!("TOKEN={}\n", github_pat()));
    inner.commit_all("inner");
    let r = Repo::new();
    r.write("a.txt", "a\n");
    r.commit_all("init");
    r.git(&[
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        inner.path().to_str().unwrap(),
        "vendor/inner",
    ]);
    (inner, r)
}

#[test]
fn staged_submodule_is_not_descended() {
    let (_inner, r) = repo_with_submodule_holding_a_secret();
    let (run, f) = r.scan_json(&["--staged"]);
    run.assert_code(0);
    assert!(f.is_empty(), "{f:?}");
    assert!(run.stderr.contains("submodule"), "{}", run.describe());
}

// ---------------------------------------------------------------------------------------------
// --history

/// A history: c1 clean, c2 adds a token, c3 deletes it, c4 re-adds the same token elsewhere in
/// the same file along with edits in c5 and c6 (new blobs, same secret → same fingerprint).
struct History {
    repo: Repo,
    token: String,
    commits: Vec<String>,
}

fn history() -> History {
    let r = Repo::new();
    let token = github_pat();
    let mut commits = Vec::new();
    r.write("README.md", "# demo\n");
    commits.push(r.commit_all("initial"));
    r.write("deploy.sh", format!("#!/bin/sh\nexport GH_TOKEN={token}\n"));
    commits.push(r.commit_all("add deploy script with a token"));
    r.write(
        "deploy.sh",
        "#!/bin/sh\nexport GH_TOKEN=\"$(vault read gh)\"\n",
    );
    commits.push(r.commit_all("remove the token"));
    for i in 0..3 {
        r.write(
            "deploy.sh",
            format!("#!/bin/sh\n# revision {i}\nexport GH_TOKEN={token}\n"),
        );
        commits.push(r.commit_all(&format!("token back, revision {i}")));
    }
    History {
        repo: r,
        token,
        commits,
    }
}

#[test]
fn history_attributes_to_the_introducing_commit_and_groups_by_fingerprint() {
    let h = history();
    let (run, f) = h.repo.scan_json(&["--history"]);
    run.assert_code(1);
    assert_eq!(f.len(), 1, "one fingerprint, one finding: {f:#?}");
    let x = &f[0];
    assert_eq!(s(x, "path"), "deploy.sh");
    assert_eq!(
        s(x, "commit"),
        h.commits[1],
        "attributed to the adding commit"
    );
    assert_eq!(s(x, "author"), "Ada Tester <ada@example.test>");
    assert_eq!(s(x, "commit_summary"), "add deploy script with a token");
    assert!(s(x, "date").len() >= 20, "{x}");
    assert_eq!(n(x, "line"), 2);
    let occ = x["occurrences"].as_array().expect("occurrences");
    let ids: Vec<&str> = occ.iter().map(|o| s(o, "commit")).collect();
    assert_eq!(ids, &h.commits[3..6], "{x:#}");
    assert_masked(&run, &[&h.token]);
}

#[test]
fn history_reports_a_secret_that_was_added_then_deleted() {
    let r = Repo::new();
    let token = stripe_live();
    r.write("a.txt", "a\n");
    r.commit_all("init");
    r.write("pay.env", format!("STRIPE_SECRET={token}\n"));
    let added = r.commit_all("oops");
    r.git(&["rm", "-q", "pay.env"]);
    r.commit_all("remove it");
    // The tree scan sees nothing; history does.
    let (run, f) = r.scan_json(&["."]);
    run.assert_code(0);
    assert!(f.is_empty());
    let (run, f) = r.scan_json(&["--history"]);
    run.assert_code(1);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(s(&f[0], "commit"), added);
    assert_masked(&run, &[&token]);
}

#[test]
fn history_range_and_since_commit_limit_the_commits() {
    let h = history();
    // Only the removal commit: nothing introduced there.
    let range = format!("{}..{}", h.commits[1], h.commits[2]);
    let (run, f) = h.repo.scan_json(&["--history", "--range", &range]);
    run.assert_code(0);
    assert!(f.is_empty(), "{f:?}");
    // From c3 on: the token re-enters at c4 (commits[3]).
    let (run, f) = h
        .repo
        .scan_json(&["--history", "--since-commit", &h.commits[2]]);
    run.assert_code(1);
    assert_eq!(s(&f[0], "commit"), h.commits[3]);
    assert_eq!(f[0]["occurrences"].as_array().unwrap().len(), 2);
    let bad = h.repo.vs(&["scan", "--history", "--range", "nope..HEAD"]);
    bad.assert_code(2);
    assert!(bad.stderr.contains("nope"), "{}", bad.describe());
}

#[test]
fn history_text_names_first_commit_and_how_many_more() {
    let h = history();
    let run = h.repo.vs(&["scan", "--history"]);
    run.assert_code(1);
    assert!(
        run.stdout.contains(&h.commits[1][..12]),
        "{}",
        run.describe()
    );
    assert!(run.stdout.contains("3 more"), "{}", run.describe());
    assert_masked(&run, &[&h.token]);
}

#[test]
fn history_sarif_carries_commit_properties_and_one_fingerprint() {
    let h = history();
    let run = h.repo.vs(&["scan", "--history", "--format", "sarif"]);
    run.assert_code(1);
    let v = run.json();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:#?}");
    let p = &results[0]["properties"];
    assert_eq!(p["commit"], h.commits[1].as_str());
    assert_eq!(p["commit_summary"], "add deploy script with a token");
    assert!(p["author"].as_str().unwrap().contains("Ada Tester"));
    assert_eq!(p["occurrences"].as_array().unwrap().len(), 3);
    assert_masked(&run, &[&h.token]);
}

#[test]
fn history_merges_attribute_to_the_branch_commit_not_the_merge() {
    let r = Repo::new();
    r.write("a.txt", "a\n");
    r.commit_all("base");
    r.git(&["checkout", "-q", "-b", "feature"]);
    r.write("f.env", format!("TOKEN={}\n", github_pat()));
    let feature = r.commit_all("feature secret");
    r.git(&["checkout", "-q", "main"]);
    r.write("b.txt", "b\n");
    r.commit_all("main");
    r.git(&["merge", "-q", "--no-ff", "-m", "merge feature", "feature"]);
    let (run, f) = r.scan_json(&["--history"]);
    run.assert_code(1);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(s(&f[0], "commit"), feature);
    assert!(f[0]["occurrences"].as_array().unwrap().is_empty(), "{f:?}");
}

#[test]
fn history_skips_huge_and_lfs_blobs_and_counts_them() {
    let r = Repo::new();
    let mut big = String::new();
    while big.len() < 4096 {
        big.push_str("filler line of text\n");
    }
    big.push_str(&format!("TOKEN={}\n", github_pat()));
    r.write("big.txt", &big);
    r.write(
        "model.bin",
        "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n",
    );
    r.commit_all("big and lfs");
    let (run, f) = r.scan_json(&["--history", "--max-file-size", "1K"]);
    run.assert_code(0);
    assert!(f.is_empty(), "{f:?}");
    assert!(
        run.stderr.contains("big.txt") && run.stderr.contains("too large"),
        "{}",
        run.describe()
    );
    assert!(
        run.stderr.contains("model.bin") && run.stderr.contains("LFS"),
        "{}",
        run.describe()
    );
}

#[test]
fn history_missing_object_is_named_and_exits_2() {
    let r = Repo::new();
    r.write("a.txt", "a\n");
    r.commit_all("init");
    r.write("b.txt", format!("TOKEN={}\n", github_pat()));
    r.commit_all("second");
    let blob = r.git(&["rev-parse", "HEAD:b.txt"]);
    let obj = r
        .path()
        .join(".git/objects")
        .join(&blob[..2])
        .join(&blob[2..]);
    std::fs::remove_file(&obj).expect("loose object present");
    let run = r.vs(&["scan", "--history"]);
    run.assert_code(2);
    assert!(run.stderr.contains(&blob), "{}", run.describe());
}

#[test]
fn history_in_a_shallow_clone_says_so() {
    let h = history();
    let clone = TestDir::new();
    let url = format!("file://{}", h.repo.path().display());
    git_in(clone.path(), &["clone", "-q", "--depth", "2", &url, "c"]);
    let mut cmd = vaultsweep();
    cmd.current_dir(clone.join("c")).args(["scan", "--history"]);
    let run = Run::of(&mut cmd);
    assert!(run.code == 0 || run.code == 1, "{}", run.describe());
    assert!(run.stderr.contains("shallow"), "{}", run.describe());
}

#[test]
fn history_revert_and_rename_reuse_the_scanned_blob_and_are_attributed() {
    let r = Repo::new();
    let token = github_pat();
    r.write("README.md", "# demo\n");
    r.commit_all("initial");
    r.write("deploy.env", format!("GH_TOKEN={token}\n"));
    let added = r.commit_all("add a token");
    r.git(&["rm", "-q", "deploy.env"]);
    let removed = r.commit_all("remove the token");
    // The revert brings back the very same blob; so does the rename.
    r.git(&["revert", "--no-edit", &removed]);
    let reverted = r.git(&["rev-parse", "HEAD"]);
    r.git(&["mv", "deploy.env", "prod.env"]);
    let renamed = r.commit_all("rename");
    let (run, f) = r.scan_json(&["-v", "--history"]);
    run.assert_code(1);
    // Two blobs read, four introductions attributed.
    assert!(
        run.stderr.contains("2 unique blobs (4 introductions)"),
        "{}",
        run.describe()
    );
    // One secret: attributed to its first introduction, the revert and the rename as
    // occurrences, both paths listed (issue 13: the rename used to be a second finding).
    assert_eq!(f.len(), 1, "{f:#?}");
    let first = &f[0];
    assert_eq!(s(first, "path"), "deploy.env");
    assert_eq!(s(first, "commit"), added);
    let occ: Vec<&str> = first["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| s(o, "commit"))
        .collect();
    assert_eq!(occ, [reverted.as_str(), renamed.as_str()], "{first:#}");
    assert_eq!(
        first["paths"],
        serde_json::json!(["deploy.env", "prod.env"])
    );
    assert_eq!(first["in_head"], Value::Bool(true));
    assert_masked(&run, &[&token]);
}

#[test]
fn history_submodule_is_not_descended() {
    let (_inner, r) = repo_with_submodule_holding_a_secret();
    r.commit_all("add a submodule");
    let (run, f) = r.scan_json(&["-v", "--history"]);
    run.assert_code(0);
    assert!(f.is_empty(), "{f:?}");
    assert!(
        run.stderr.contains("1 submodule entries not descended"),
        "{}",
        run.describe()
    );
    // Issue 13, item 6: the skipped submodule is named, and the report says it was not scanned.
    assert!(
        run.stderr.contains("skipped vendor/inner: git submodule"),
        "{}",
        run.describe()
    );
    let text = r.vs(&["scan", "--history"]);
    assert!(
        text.stdout.contains("1 file NOT scanned: vendor/inner"),
        "{}",
        text.describe()
    );
}

/// Issue 13, item 6: commit messages were not scanned. A secret pasted into one is found and
/// attributed to that commit; it can never leave history.
#[test]
fn commit_message_secret_is_found_and_attributed() {
    let r = Repo::new();
    let tok = github_pat();
    r.write("a.txt", "a\n");
    r.git(&["add", "a.txt"]);
    r.git(&[
        "commit",
        "-q",
        "--no-verify",
        "-m",
        "Fix deploy",
        "-m",
        &format!("Used GITHUB_TOKEN={tok} to test it."),
    ]);
    let id = r.git(&["rev-parse", "HEAD"]);
    let (run, f) = r.scan_json(&["--history"]);
    run.assert_code(1);
    assert_eq!(f.len(), 1, "{}", run.describe());
    assert_eq!(s(&f[0], "path"), "(commit message)");
    assert_eq!(s(&f[0], "commit"), id);
    assert_eq!(n(&f[0], "line"), 3);
    assert_eq!(f[0]["in_head"], Value::Bool(false));
    assert_masked(&run, &[&tok]);
}

#[test]
fn history_corrupt_object_is_named_and_the_scan_goes_on() {
    let r = Repo::new();
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&format!("line {i}: some ordinary configuration text\n"));
    }
    r.write("notes.txt", &text);
    r.commit_all("notes");
    let blob = r.git(&["rev-parse", "HEAD:notes.txt"]);
    let obj = r
        .path()
        .join(".git/objects")
        .join(&blob[..2])
        .join(&blob[2..]);
    let mut bytes = std::fs::read(&obj).expect("loose object present");
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 16] {
        *b ^= 0x5a;
    }
    let mut perms = std::fs::metadata(&obj).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&obj, perms).unwrap();
    std::fs::write(&obj, &bytes).unwrap();
    // Incomplete and nothing found: exit 2, the object named.
    let run = r.vs(&["scan", "--history"]);
    run.assert_code(2);
    assert!(run.stderr.contains(&blob), "{}", run.describe());
    // The scan goes on past it: a later secret is still found (findings win over errors).
    let token = github_pat();
    r.write("later.env", format!("TOKEN={token}\n"));
    let later = r.commit_all("later");
    let (run, f) = r.scan_json(&["--history"]);
    run.assert_code(1);
    assert!(run.stderr.contains(&blob), "{}", run.describe());
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(s(&f[0], "commit"), later);
    assert_masked(&run, &[&token]);
}

#[test]
fn history_progress_only_on_a_terminal() {
    let h = history();
    // Not a terminal: nothing but the report.
    let run = h.repo.vs(&["scan", "--history", "--format", "json"]);
    run.assert_code(1);
    assert!(
        !run.stderr.contains("scanning history"),
        "{}",
        run.describe()
    );
    // Under a pseudo-terminal (`script` from util-linux) the bar is drawn on stderr.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to provide a terminal");
        return;
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_vaultsweep"));
    let nowhere = std::env::temp_dir().join("vaultsweep-it-no-home");
    let out = Command::new("script")
        .current_dir(h.repo.path())
        .env("HOME", &nowhere)
        .env("XDG_CONFIG_HOME", &nowhere)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("TERM", "xterm")
        .args(["-qec"])
        .arg(format!(
            "'{}' scan --history --format json >/dev/null",
            bin.display()
        ))
        .arg("/dev/null")
        .output()
        .expect("run script");
    let tty = String::from_utf8_lossy(&out.stdout);
    assert!(tty.contains("scanning history"), "{tty}");
    assert!(tty.contains("commits"), "{tty}");
}

#[test]
fn history_and_staged_allowlist_globs_are_relative_to_the_config_not_the_cwd() {
    let r = Repo::new();
    r.write(".vaultsweep.toml", "[allowlist]\npaths = [\"fixtures\"]\n");
    let (fixture, real) = (github_pat(), github_pat());
    r.write("fixtures/sample.env", format!("TOKEN={fixture}\n"));
    r.write("app/prod.env", format!("TOKEN={real}\n"));
    r.commit_all("fixture and a real secret");
    // History, from a subdirectory.
    let mut cmd = vaultsweep();
    cmd.current_dir(r.path().join("app"))
        .args(["scan", "--history", "--format", "json", "."]);
    let run = Run::of(&mut cmd);
    run.assert_code(1);
    let f = run.json_array();
    let paths: Vec<&str> = f.iter().map(|x| s(x, "path")).collect();
    assert_eq!(paths, ["app/prod.env"], "{}", run.describe());
    // Staged, from a subdirectory, of the whole repository.
    r.write("fixtures/more.env", format!("TOKEN={}\n", github_pat()));
    r.write("app/more.env", format!("TOKEN={}\n", github_pat()));
    r.git(&["add", "-A"]);
    let mut cmd = vaultsweep();
    cmd.current_dir(r.path().join("app"))
        .args(["scan", "--staged", "--format", "json", ".."]);
    let run = Run::of(&mut cmd);
    run.assert_code(1);
    let f = run.json_array();
    let paths: Vec<&str> = f.iter().map(|x| s(x, "path")).collect();
    assert_eq!(paths, ["app/more.env"], "{}", run.describe());
    assert_masked(&run, &[&fixture, &real]);
}

/// Issue 13, item 6: a secret removed from the tree but alive in history said nothing about
/// it; now each history finding says whether `HEAD` still holds it and which commit removed it.
#[test]
fn removed_secret_reports_in_head_false_with_the_removing_commit() {
    let r = Repo::new();
    let (gone, kept) = (github_pat(), github_pat());
    r.write("README.md", "# demo\n");
    r.commit_all("init");
    r.write("config/old.env", format!("TOKEN={gone}\n"));
    r.write("config/live.env", format!("TOKEN={kept}\n"));
    let intro = r.commit_all("add tokens");
    r.write("notes.txt", "unrelated\n");
    r.commit_all("unrelated");
    r.git(&["rm", "-q", "config/old.env"]);
    let removal = r.commit_all("remove the old token");
    r.write("later.txt", "later\n");
    r.commit_all("later");

    let (run, f) = r.scan_json(&["--history"]);
    run.assert_code(1);
    assert_eq!(f.len(), 2, "{}", run.describe());
    let by = |rel: &str| {
        f.iter()
            .find(|x| s(x, "rel_path") == rel)
            .unwrap_or_else(|| panic!("no finding in {rel}"))
    };
    let g = by("config/old.env");
    assert_eq!(s(g, "commit"), intro);
    assert_eq!(g["in_head"], Value::Bool(false), "{g}");
    assert_eq!(s(&g["removed_in"], "commit"), removal, "{g}");
    assert_eq!(
        s(&g["removed_in"], "commit_summary"),
        "remove the old token"
    );
    let k = by("config/live.env");
    assert_eq!(k["in_head"], Value::Bool(true), "{k}");
    assert!(k["removed_in"].is_null(), "{k}");

    // The text report says what to do about the removed one.
    let text = r.vs(&["scan", "--history"]);
    assert!(
        text.stdout.contains(&format!(
            "removed in {} remove the old token: rotate now: it stays in history",
            &removal[..12]
        )),
        "{}",
        text.describe()
    );
    assert!(text.stdout.contains("still in HEAD"), "{}", text.describe());
    // SARIF carries the same in its result properties.
    let sarif = r.vs(&["scan", "--history", "--format", "sarif"]);
    let v: Value = serde_json::from_str(&sarif.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|x| x["properties"]["in_head"] == Value::Bool(false)
                && x["properties"]["removed_in"]["commit"] == Value::String(removal.clone())),
        "{}",
        sarif.stdout
    );
}

/// Issue 13, item 6: a renamed file's secret was reported twice, once blamed on the rename.
/// The same blob under a new path is one finding at its first introduction, with both paths.
#[test]
fn renamed_secret_is_one_finding_with_both_paths() {
    let r = Repo::new();
    let tok = github_pat();
    r.write("app/settings.py", format!("GITHUB_TOKEN = \"{tok}\"\n"));
    let intro = r.commit_all("settings");
    r.git(&["mv", "app/settings.py", "app/config.py"]);
    r.commit_all("rename settings");
    let (run, f) = r.scan_json(&["--history"]);
    run.assert_code(1);
    assert_eq!(f.len(), 1, "{}", run.describe());
    assert_eq!(s(&f[0], "commit"), intro);
    assert_eq!(s(&f[0], "rel_path"), "app/settings.py");
    assert_eq!(
        f[0]["paths"],
        serde_json::json!(["app/settings.py", "app/config.py"])
    );
    // Still in HEAD, under its new name.
    assert_eq!(f[0]["in_head"], Value::Bool(true));
}

/// Issue 13, item 4: a history blob larger than a chunk (under a raised --max-file-size) is
/// detected in overlapping pieces; each secret is found once, on its own line.
#[test]
fn history_large_blob_finds_every_secret_once_in_place() {
    let r = Repo::new();
    const MIB: usize = 1 << 20;
    let row = format!(
        "{:<79}\n",
        "INSERT INTO yields VALUES (42, '2026-03-01', 18.25);"
    );
    let mut text = String::with_capacity(19 * MIB);
    let mut planted: Vec<(String, u64)> = Vec::new();
    let mut line = 1u64;
    // Secrets near the first cut (8 MiB less a quarter of the 1 MiB overlap) and far from it.
    let marks = [
        3 * MIB,
        8 * MIB - MIB / 4 - 40,
        8 * MIB - MIB / 4 + 40,
        16 * MIB,
    ];
    let mut next_mark = 0;
    while text.len() < 18 * MIB {
        if next_mark < marks.len() && text.len() + row.len() > marks[next_mark] {
            next_mark += 1;
            let tok = github_pat();
            text.push_str(&format!("GITHUB_TOKEN={tok}\n"));
            planted.push((tok, line));
        } else {
            text.push_str(&row);
        }
        line += 1;
    }
    assert_eq!(planted.len(), marks.len());
    r.write("db/big.sql", &text);
    r.commit_all("big dump");
    let (run, f) = r.scan_json(&["--history", "--max-file-size", "64M"]);
    run.assert_code(1);
    assert_eq!(f.len(), planted.len(), "{}", run.describe());
    for (tok, line) in &planted {
        let here: Vec<_> = f.iter().filter(|x| n(x, "line") == *line).collect();
        assert_eq!(here.len(), 1, "line {line}");
        assert_eq!(s(here[0], "secret_masked"), masked(tok));
        assert_eq!(n(here[0], "column"), 14);
    }
}

#[test]
fn history_text_counts_other_commits_and_other_lines_apart() {
    let r = Repo::new();
    let tok = github_pat();
    // The same token on two lines of one commit: one more line, no other commit.
    r.write("a.env", format!("TOKEN={tok}\nTOKEN_COPY={tok}\n"));
    r.commit_all("first");
    let run = r.vs(&["scan", "--history", "."]);
    run.assert_code(1);
    assert!(
        run.stdout.contains("(also on line 2)"),
        "{}",
        run.describe()
    );
    assert!(!run.stdout.contains("more commit"), "{}", run.describe());
    // A later commit changing the file brings the token in again: one more commit.
    r.write("a.env", format!("TOKEN={tok}\nTOKEN_COPY={tok}\nX=1\n"));
    r.commit_all("second");
    let run = r.vs(&["scan", "--history", "."]);
    assert!(
        run.stdout.contains("(also on line 2; and 1 more commit)"),
        "{}",
        run.describe()
    );
}
