//! `vaultsweep hook install|uninstall|status`, the hooks blocking real `git commit` / `git push`,
//! and the `pre-commit` framework (from PyPI) driving `.pre-commit-hooks.yaml`.

use crate::git::{Repo, git_cmd, git_in};
use crate::util::{TestDir, aws_key_id, github_pat, masked, path_with_vaultsweep, repo_path};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `git ARGS` with vaultsweep on PATH (as a developer would have it), capturing the output.
fn git_with_vs(cwd: &Path, args: &[&str]) -> Output {
    git_cmd(cwd)
        .env("PATH", path_with_vaultsweep())
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run git")
}

fn text(o: &Output) -> String {
    format!(
        "status {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn hook_path(r: &Repo, name: &str) -> PathBuf {
    r.path().join(".git/hooks").join(name)
}

#[cfg(unix)]
fn write_exec(path: &Path, script: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, script).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn install_status_uninstall_round_trip() {
    let r = Repo::new();
    let st = r.vs(&["hook", "status"]);
    st.assert_code(0);
    assert!(
        st.stdout.contains("pre-commit: not installed"),
        "{}",
        st.describe()
    );
    r.vs(&["hook", "install"]).assert_code(0);
    let hook = hook_path(&r, "pre-commit");
    let body = std::fs::read_to_string(&hook).unwrap();
    assert_eq!(
        body,
        std::fs::read_to_string(repo_path("hooks/pre-commit")).unwrap()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&hook).unwrap().permissions().mode();
        assert!(mode & 0o111 != 0, "hook not executable: {mode:o}");
    }
    let st = r.vs(&["hook", "status"]);
    assert!(
        st.stdout.contains("pre-commit: installed"),
        "{}",
        st.describe()
    );
    assert!(
        st.stdout.contains("pre-push: not installed"),
        "{}",
        st.describe()
    );
    // Installing again is an update, not a chain of ourselves.
    r.vs(&["hook", "install", "--pre-push"]).assert_code(0);
    assert!(!hook.with_extension("local").exists());
    assert!(!r.path().join(".git/hooks/pre-commit.local").exists());
    assert!(hook_path(&r, "pre-push").exists());
    r.vs(&["hook", "uninstall"]).assert_code(0);
    assert!(!hook.exists() && !hook_path(&r, "pre-push").exists());
}

#[cfg(unix)]
#[test]
fn install_chains_a_foreign_hook_and_uninstall_restores_it() {
    let r = Repo::new();
    let foreign = hook_path(&r, "pre-commit");
    write_exec(
        &foreign,
        "#!/bin/sh\necho foreign-hook-ran >&2\n[ ! -e BLOCK ] || exit 3\n",
    );
    let run = r.vs(&["hook", "install"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("pre-commit.local"),
        "{}",
        run.describe()
    );
    let local = r.path().join(".git/hooks/pre-commit.local");
    assert!(local.exists());
    let st = r.vs(&["hook", "status"]);
    assert!(
        st.stdout.contains("chaining pre-commit.local"),
        "{}",
        st.describe()
    );

    // Both run on a real commit; the foreign one first, and its failure still blocks.
    r.write("a.txt", "hello\n");
    r.git(&["add", "a.txt"]);
    let out = git_with_vs(r.path(), &["commit", "-q", "-m", "ok"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("foreign-hook-ran"));
    r.write("BLOCK", "");
    r.write("b.txt", "b\n");
    r.git(&["add", "b.txt"]);
    let out = git_with_vs(r.path(), &["commit", "-q", "-m", "blocked by foreign"]);
    assert!(!out.status.success(), "{}", text(&out));

    // A second foreign hook cannot be chained while pre-commit.local exists.
    r.vs(&["hook", "uninstall"]).assert_code(0);
    assert!(!local.exists());
    assert!(
        std::fs::read_to_string(&foreign)
            .unwrap()
            .contains("foreign-hook-ran")
    );
    write_exec(&local, "#!/bin/sh\nexit 0\n");
    let run = r.vs(&["hook", "install"]);
    run.assert_code(2);
    assert!(run.stderr.contains("--force"), "{}", run.describe());
    // --force replaces it.
    r.vs(&["hook", "install", "--force"]).assert_code(0);
    let body = std::fs::read_to_string(&foreign).unwrap();
    assert!(body.contains("vaultsweep-managed-hook"));
}

#[test]
fn uninstall_leaves_a_foreign_hook_alone() {
    let r = Repo::new();
    let foreign = hook_path(&r, "pre-commit");
    std::fs::create_dir_all(foreign.parent().unwrap()).unwrap();
    std::fs::write(&foreign, "#!/bin/sh\nexit 0\n").unwrap();
    let run = r.vs(&["hook", "uninstall"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("not a vaultsweep hook"),
        "{}",
        run.describe()
    );
    assert!(foreign.exists());
}

#[test]
fn install_honours_core_hooks_path() {
    let r = Repo::new();
    r.git(&["config", "core.hooksPath", "tools/githooks"]);
    let run = r.vs(&["hook", "install"]);
    run.assert_code(0);
    assert!(
        r.path().join("tools/githooks/pre-commit").exists(),
        "{}",
        run.describe()
    );
    assert!(!hook_path(&r, "pre-commit").exists());
    let st = r.vs(&["hook", "status"]);
    assert!(st.stdout.contains("core.hooksPath"), "{}", st.describe());
    // And git runs it from there.
    let tok = github_pat();
    r.write("leak.env", format!("TOKEN={tok}\n"));
    r.git(&["add", "leak.env"]);
    let out = git_with_vs(r.path(), &["commit", "-q", "-m", "leak"]);
    assert!(!out.status.success(), "{}", text(&out));
}

#[test]
fn install_from_a_linked_worktree_uses_the_common_hooks_dir() {
    let r = Repo::new();
    r.write("a.txt", "a\n");
    r.commit_all("init");
    let wt = TestDir::new();
    let wt_path = wt.path().join("wt");
    r.git(&["worktree", "add", "-q", wt_path.to_str().unwrap()]);
    assert!(
        wt_path.join(".git").is_file(),
        "a linked worktree has a .git file"
    );
    let mut cmd = crate::util::vaultsweep();
    cmd.current_dir(&wt_path).args(["hook", "install"]);
    crate::util::Run::of(&mut cmd).assert_code(0);
    let expected = git_in(&wt_path, &["rev-parse", "--git-path", "hooks"]);
    let expected = wt_path.join(expected).join("pre-commit");
    assert!(expected.exists(), "{}", expected.display());
    assert!(hook_path(&r, "pre-commit").exists());
}

#[test]
fn hook_blocks_a_real_commit_with_advice_and_no_verify_bypasses() {
    let r = Repo::new();
    r.write("README.md", "demo\n");
    r.commit_all("init");
    r.vs(&["hook", "install"]).assert_code(0);
    let tok = github_pat();
    r.write(
        "config/settings.py",
        format!("DEBUG = False\nGITHUB_TOKEN = \"{tok}\"\n"),
    );
    r.git(&["add", "config/settings.py"]);
    let out = git_with_vs(r.path(), &["commit", "-m", "add settings"]);
    let all = text(&out);
    assert!(!out.status.success(), "{all}");
    for needle in [
        "config/settings.py",
        ":2",
        "github.personal-access-token",
        "HIGH",
        &masked(&tok),
        "In config/settings.py: move the value to an environment variable or Vault, then rotate",
        "vaultsweep:allow",
        "vaultsweep baseline create",
        "git commit --no-verify",
        // what blocks: the tier and the confidence it needs
        "at or above LOW, with medium confidence or more; high in tests and docs",
    ] {
        assert!(all.contains(needle), "missing {needle:?} in:\n{all}");
    }
    assert!(!all.contains(&tok), "raw secret in hook output:\n{all}");
    // Issue 13, item 5: migrate cannot read Python; each finding is listed once.
    assert!(!all.contains("migrate plan config/settings.py"), "{all}");
    assert_eq!(all.matches(&masked(&tok)).count(), 1, "{all}");
    assert_eq!(
        r.git(&["rev-list", "--count", "HEAD"]),
        "1",
        "commit must not exist"
    );

    // `git commit -a` judges the temporary index git hands the hook.
    r.git(&["reset", "-q"]);
    r.write("README.md", "demo\n");
    r.git(&["add", "README.md"]);
    r.write("README.md", format!("demo\ntoken {}\n", github_pat()));
    let out = git_with_vs(r.path(), &["commit", "-a", "-m", "commit -a"]);
    assert!(!out.status.success(), "{}", text(&out));

    let out = git_with_vs(r.path(), &["commit", "--no-verify", "-a", "-m", "bypass"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(r.git(&["rev-list", "--count", "HEAD"]), "2");
}

/// Issue 13, item 2: a 17 MB SQL dump with an AWS key on its last line used to pass the hook
/// ("no secrets found; 0 files scanned, 1 skipped"). The staged limit is high enough to scan it,
/// and a staged file that is still too large blocks the commit with a way to pass.
#[test]
fn hook_scans_a_17_mb_staged_file_and_blocks_what_it_cannot_scan() {
    let r = Repo::new();
    r.write("README.md", "demo\n");
    r.commit_all("init");
    r.vs(&["hook", "install"]).assert_code(0);
    let key = aws_key_id();
    let row = "INSERT INTO milk_yield VALUES (1042, '2026-03-01', 18.25, 'barn-7');\n";
    let mut dump = row.repeat(17_000_000 / row.len() + 1);
    dump.push_str(&format!("-- aws_access_key_id = {key}\n"));
    assert!(dump.len() > 17_000_000);
    r.write("db/dump.sql", &dump);
    r.git(&["add", "db/dump.sql"]);
    let out = git_with_vs(r.path(), &["commit", "-m", "add dump"]);
    let all = text(&out);
    assert!(!out.status.success(), "{all}");
    assert!(
        all.contains("db/dump.sql") && all.contains(&masked(&key)),
        "the key on the last line must be found:\n{all}"
    );
    assert!(!all.contains(&key), "raw secret in hook output:\n{all}");
    assert_eq!(r.git(&["rev-list", "--count", "HEAD"]), "1");

    // A limit below the file's size: not scanned, so the commit is blocked, saying why and how.
    r.write(".vaultsweep.toml", "staged_max_file_size = \"1M\"\n");
    let out = git_with_vs(r.path(), &["commit", "-m", "add dump"]);
    let all = text(&out);
    assert!(!out.status.success(), "{all}");
    assert_eq!(r.git(&["rev-list", "--count", "HEAD"]), "1");
    for needle in [
        "commit blocked",
        "NOT scanned",
        "db/dump.sql",
        "too large",
        "staged_max_file_size = \"18M\"",
        "git restore --staged db/dump.sql",
        "git commit --no-verify",
    ] {
        assert!(all.contains(needle), "missing {needle:?} in:\n{all}");
    }
    assert!(!all.contains("no secrets found"), "{all}");
    assert!(
        !all.contains(&masked(&key)),
        "the file was not to be read:\n{all}"
    );

    // The advice works: with the suggested limit the file is scanned and its key blocks.
    r.write(".vaultsweep.toml", "staged_max_file_size = \"18M\"\n");
    let out = git_with_vs(r.path(), &["commit", "-m", "add dump"]);
    let all = text(&out);
    assert!(!out.status.success(), "{all}");
    assert!(
        all.contains(&masked(&key)) && !all.contains("NOT scanned"),
        "{all}"
    );

    // Without the secret the raised limit lets the commit through.
    r.write("db/dump.sql", &dump[..dump.len() - 45]);
    r.git(&["add", "db/dump.sql"]);
    let out = git_with_vs(r.path(), &["commit", "-q", "-m", "add dump"]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn hook_lets_a_clean_commit_through() {
    let r = Repo::new();
    r.vs(&["hook", "install"]).assert_code(0);
    r.write("a.txt", "nothing secret here\n");
    r.git(&["add", "a.txt"]);
    let out = git_with_vs(r.path(), &["commit", "-q", "-m", "clean"]);
    assert!(out.status.success(), "{}", text(&out));
    // A clean commit is silent.
    assert!(
        out.stdout.is_empty() && out.stderr.is_empty(),
        "{}",
        text(&out)
    );
}

/// Issue 13, item 5: advice fits the file (migrate for `.env`/JSON only) and paths with spaces
/// are quoted so that the printed command works when pasted.
#[test]
fn hook_advice_fits_the_file_and_quotes_paths() {
    let r = Repo::new();
    r.write("README.md", "demo\n");
    r.commit_all("init");
    r.vs(&["hook", "install"]).assert_code(0);
    let (a, b) = (github_pat(), github_pat());
    r.write("deploy conf/.env.production", format!("GITHUB_TOKEN={a}\n"));
    r.write("src/app.js", format!("const token = \"{b}\";\n"));
    r.git(&["add", "-A"]);
    let out = git_with_vs(r.path(), &["commit", "-m", "two"]);
    let all = text(&out);
    assert!(!out.status.success(), "{all}");
    assert!(
        all.contains("vaultsweep migrate plan 'deploy conf/.env.production'"),
        "{all}"
    );
    assert!(!all.contains("migrate plan src/app.js"), "{all}");
    assert!(
        all.contains("In src/app.js: move the value to an environment variable or Vault"),
        "{all}"
    );
    // The printed command is valid shell for the real file: the same line with `test -f` in
    // place of `vaultsweep migrate plan` succeeds in the repository.
    let line = all
        .lines()
        .find(|l| l.contains("vaultsweep migrate plan"))
        .unwrap()
        .trim()
        .replacen("vaultsweep migrate plan", "test -f", 1);
    let ok = Command::new("sh")
        .current_dir(r.path())
        .arg("-c")
        .arg(&line)
        .status()
        .unwrap();
    assert!(ok.success(), "{line:?} does not name the file");
}

/// A file that holds nothing but the secret (Docker Compose's `secrets/…`) is not to be
/// annotated or edited: the advice is to keep the file out of the repository, and a false
/// positive goes to the baseline, not an allow comment inside the value's file.
#[test]
fn hook_advice_for_a_one_value_secret_file() {
    let r = Repo::new();
    r.write("README.md", "demo\n");
    r.commit_all("init");
    r.vs(&["hook", "install"]).assert_code(0);
    let value = crate::util::Rng::new().string(
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        40,
    );
    r.write("deploy/secrets/geo_api_key", format!("{value}\n"));
    r.git(&["add", "-A"]);
    let out = git_with_vs(r.path(), &["commit", "-m", "secret file"]);
    let all = text(&out);
    assert!(!out.status.success(), "{all}");
    for needle in [
        "deploy/secrets/geo_api_key",
        "generic.secret-file",
        "hold(s) nothing but the secret",
        "git rm --cached",
        ".gitignore",
        "vaultsweep baseline create",
    ] {
        assert!(all.contains(needle), "missing {needle:?} in:\n{all}");
    }
    assert!(!all.contains("vaultsweep:allow"), "{all}");
    assert!(!all.contains("environment variable"), "{all}");
    assert!(!all.contains(&value), "raw secret in hook output:\n{all}");
}

/// Issue 13, item 5: a baseline made at the repository root (the default file) is honoured by
/// scans of `services/`, scans run from a subdirectory, and both hooks.
#[test]
fn root_baseline_suppresses_from_services_a_subdirectory_and_the_hooks() {
    let remote = TestDir::new();
    git_in(remote.path(), &["init", "-q", "--bare", "-b", "main"]);
    let r = Repo::new();
    let (old, fresh) = (github_pat(), github_pat());
    r.write("services/api/settings.py", format!("TOKEN = \"{old}\"\n"));
    r.commit_all("legacy secret");
    r.git(&["remote", "add", "origin", remote.path().to_str().unwrap()]);

    // Without a baseline every scope reports it.
    let (_, f) = r.scan_json(&["services"]);
    assert_eq!(f.len(), 1);

    r.vs(&["baseline", "create"]).assert_code(0);
    let file = r.path().join(".vaultsweep-baseline.json");
    let body = std::fs::read_to_string(&file).unwrap();
    assert!(body.contains("\"services/api/settings.py\""), "{body}");
    assert!(!body.contains(&old), "{body}");

    for scope in [".", "services", "services/api", "services/api/settings.py"] {
        let (run, f) = r.scan_json(&[scope]);
        run.assert_code(0);
        assert!(f.is_empty(), "scan {scope}: {f:?}");
    }
    // From a subdirectory, with relative paths.
    let mut cmd = crate::util::vaultsweep();
    cmd.current_dir(r.path().join("services/api"))
        .args(["scan", "--format", "json", "."]);
    let run = crate::util::Run::of(&mut cmd);
    run.assert_code(0);
    assert!(run.json_array().is_empty(), "{}", run.describe());

    // A new secret is still reported, from every scope.
    r.write("services/api/new.py", format!("TOKEN = \"{fresh}\"\n"));
    let (run, f) = r.scan_json(&["services"]);
    run.assert_code(1);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["secret_masked"], masked(&fresh));
    std::fs::remove_file(r.path().join("services/api/new.py")).unwrap();

    // The pre-push hook on this old repository passes thanks to the baseline…
    r.vs(&["hook", "install", "--pre-push"]).assert_code(0);
    let out = git_with_vs(r.path(), &["push", "-q", "origin", "main"]);
    assert!(out.status.success(), "{}", text(&out));
    // …and the pre-commit hook accepts a baselined secret in a file first committed now.
    r.write("services/api/legacy.env", format!("OLD_TOKEN={old}\n"));
    let out = git_with_vs(r.path(), &["add", "services/api/legacy.env"]);
    assert!(out.status.success());
    let out = git_with_vs(r.path(), &["commit", "-q", "-m", "legacy env"]);
    assert!(!out.status.success(), "not yet accepted: {}", text(&out));
    r.vs(&["baseline", "create"]).assert_code(0);
    let out = git_with_vs(r.path(), &["commit", "-q", "-m", "legacy env"]);
    assert!(out.status.success(), "{}", text(&out));

    // A baseline made from a subdirectory scan root matches a scan of the whole repository.
    std::fs::remove_file(&file).unwrap();
    let (_, f) = r.scan_json(&["."]);
    assert_eq!(f.len(), 2, "{f:?}");
    r.vs(&[
        "baseline",
        "create",
        "--output",
        "ci/accepted.json",
        "services/api",
    ])
    .assert_code(0);
    let (run, f) = r.scan_json(&["--baseline", "ci/accepted.json", "."]);
    run.assert_code(0);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn hook_fails_closed_when_the_binary_is_missing() {
    let r = Repo::new();
    r.vs(&["hook", "install"]).assert_code(0);
    r.write("a.txt", "a\n");
    r.git(&["add", "a.txt"]);
    let out = git_cmd(r.path())
        .env("VAULTSWEEP_BIN", "vaultsweep-not-installed-anywhere")
        .args(["commit", "-q", "-m", "x"])
        .output()
        .unwrap();
    let all = text(&out);
    assert!(!out.status.success(), "{all}");
    assert!(
        all.contains("not installed") && all.contains("Install it"),
        "{all}"
    );
    // Issue 13, item 8: a command that works, not a placeholder URL.
    assert!(
        all.contains("cargo install --path . --locked") && !all.contains("repository URL>"),
        "{all}"
    );
    assert!(all.contains("--no-verify"), "{all}");
}

#[test]
fn pre_push_hook_blocks_pushed_commits_that_add_a_secret() {
    let remote = TestDir::new();
    git_in(remote.path(), &["init", "-q", "--bare", "-b", "main"]);
    let r = Repo::new();
    r.write("a.txt", "a\n");
    r.commit_all("init");
    r.git(&["remote", "add", "origin", remote.path().to_str().unwrap()]);
    r.git(&["push", "-q", "origin", "main"]);
    r.vs(&["hook", "install", "--pre-push"]).assert_code(0);
    // Clean push passes.
    r.write("b.txt", "b\n");
    r.commit_all("clean");
    let out = git_with_vs(r.path(), &["push", "-q", "origin", "main"]);
    assert!(out.status.success(), "{}", text(&out));
    // A secret committed with --no-verify is caught at push time, even if deleted since.
    let tok = github_pat();
    r.write("c.env", format!("TOKEN={tok}\n"));
    let bad = r.commit_all("leak");
    r.git(&["rm", "-q", "c.env"]);
    r.commit_all("remove leak");
    let out = git_with_vs(r.path(), &["push", "origin", "main"]);
    let all = text(&out);
    assert!(!out.status.success(), "{all}");
    assert!(
        all.contains(&bad[..12]) && all.contains("git push --no-verify"),
        "{all}"
    );
    assert!(!all.contains(&tok), "{all}");
    // A new branch with no new commits passes.
    r.git(&["branch", "topic", "HEAD~2"]);
    let out = git_with_vs(r.path(), &["push", "-q", "origin", "topic"]);
    assert!(out.status.success(), "{}", text(&out));
}

/// A venv with `pre-commit` from PyPI, cached under the target directory across runs.
fn pre_commit_tool() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-venv");
    let exe = venv.join("bin/pre-commit");
    if exe.exists() {
        return Some(exe);
    }
    let ok = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success())
        && Command::new(venv.join("bin/pip"))
            .args(["install", "-q", "--disable-pip-version-check", "pre-commit"])
            .status()
            .is_ok_and(|s| s.success());
    if ok && exe.exists() { Some(exe) } else { None }
}

#[test]
fn pre_commit_framework_runs_vaultsweep_from_pre_commit_hooks_yaml() {
    let Some(tool) = pre_commit_tool() else {
        if std::env::var_os("CI").is_some() {
            panic!("could not install `pre-commit` from PyPI into a venv; CI must be able to");
        }
        eprintln!(
            "SKIPPED pre_commit_framework test: could not pip-install pre-commit (set CI=1 to make this fail)"
        );
        return;
    };
    // A hooks repository holding exactly our .pre-commit-hooks.yaml.
    let hooks_repo = Repo::new();
    let yaml = std::fs::read_to_string(repo_path(".pre-commit-hooks.yaml")).unwrap();
    hooks_repo.write(".pre-commit-hooks.yaml", &yaml);
    let rev = hooks_repo.commit_all("hooks");
    // The project: README's snippet, pointed at that repository and commit.
    let snippet = readme_snippet("pre-commit");
    let placeholder = snippet
        .split_whitespace()
        .skip_while(|w| *w != "rev:")
        .nth(1)
        .expect("README's pre-commit snippet has a rev")
        .to_owned();
    assert!(
        placeholder.len() == 40 && snippet.contains(README_HOOKS_URL),
        "README's pre-commit snippet: {snippet}"
    );
    let config = snippet
        .replace(README_HOOKS_URL, &hooks_repo.path().display().to_string())
        .replace(&placeholder, &rev);
    let r = Repo::new();
    r.write(".pre-commit-config.yaml", &config);
    r.write("README.md", "demo\n");
    r.commit_all("init");
    let cache = TestDir::new();
    let run_tool = |args: &[&str]| {
        Command::new(&tool)
            .current_dir(r.path())
            .env("PATH", path_with_vaultsweep())
            .env("PRE_COMMIT_HOME", cache.path())
            .env("HOME", cache.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Ada Tester")
            .env("GIT_AUTHOR_EMAIL", "ada@example.test")
            .env("GIT_COMMITTER_NAME", "Ada Tester")
            .env("GIT_COMMITTER_EMAIL", "ada@example.test")
            .args(args)
            .output()
            .unwrap()
    };
    let out = run_tool(&["install"]);
    assert!(out.status.success(), "{}", text(&out));
    let tok = github_pat();
    r.write("app.env", format!("GH_TOKEN={tok}\n"));
    r.git(&["add", "app.env"]);
    let out = run_tool(&["run"]);
    let all = text(&out);
    assert!(!out.status.success(), "pre-commit run should fail:\n{all}");
    assert!(
        all.contains("app.env") && all.contains(&masked(&tok)),
        "{all}"
    );
    assert!(!all.contains(&tok), "{all}");
    // The installed hook blocks a real commit too.
    let out = git_cmd(r.path())
        .env("PATH", path_with_vaultsweep())
        .env("PRE_COMMIT_HOME", cache.path())
        .args(["commit", "-q", "-m", "leak"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "{}", text(&out));
    // Without the secret it passes.
    r.git(&["rm", "-q", "--cached", "app.env"]);
    r.write("ok.txt", "fine\n");
    r.git(&["add", "ok.txt"]);
    let out = run_tool(&["run"]);
    assert!(out.status.success(), "{}", text(&out));
    // README's other form, a local hook running the installed binary, as it stands.
    r.write(
        ".pre-commit-config.yaml",
        readme_snippet("pre-commit-local"),
    );
    r.git(&["add", ".pre-commit-config.yaml"]);
    let out = run_tool(&["run"]);
    assert!(out.status.success(), "{}", text(&out));
    r.git(&["add", "app.env"]);
    let out = run_tool(&["run"]);
    let all = text(&out);
    assert!(!out.status.success(), "the local hook should fail:\n{all}");
    assert!(
        all.contains("app.env") && all.contains(&masked(&tok)) && !all.contains(&tok),
        "{all}"
    );
}

/// The repository URL README's pre-commit snippet names.
const README_HOOKS_URL: &str = "https://github.com/vaultsweep/vaultsweep";

/// The fenced block after `<!-- snippet: NAME -->` in README.md (what users copy; the CI
/// scripts read the other snippets the same way).
fn readme_snippet(name: &str) -> String {
    let readme = std::fs::read_to_string(repo_path("README.md")).unwrap();
    let marker = format!("<!-- snippet: {name} -->\n");
    let after = &readme[readme.find(&marker).expect("README snippet marker") + marker.len()..];
    let body = &after[after.find('\n').expect("a fence line") + 1..];
    body[..body.find("```").expect("a closing fence")].to_owned()
}
