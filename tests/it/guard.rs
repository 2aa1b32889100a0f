//! Issue 17, the Vault-aware guard: `migrate apply` against a real OpenBao server records keyed
//! fingerprints of the values it moved (`.vaultsweep/guard.json`), and every scan — the real
//! pre-commit hook, `--history`, the tree — finds a migrated value pasted back, naming its Vault
//! path, without printing or storing it. `migrate rollback` forgets the values it restored.

use crate::git::{Repo, git_cmd};
use crate::migrate::{shared, vs};
use crate::util::{path_with_vaultsweep, s, vaultsweep};

/// A human-chosen password: no rule recognises it by its shape.
const PASSWORD: &str = "Sunflower@Tuesday:1987"; // vaultsweep:allow

/// A repository whose `.env` held `DB_PASSWORD`, migrated to the mount; the rewritten `.env`
/// and the guard file committed. Returns the repository and the destination recorded.
fn migrated(server: &crate::migrate::Server, version: &str) -> (Repo, String) {
    let mount = server.mount(version);
    let r = Repo::new();
    r.write(".vaultsweep.toml", "[migrate]\nenv = \"prod\"\n");
    r.write(
        "services/shop/.env",
        format!("APP_NAME=shop\nDB_PASSWORD={PASSWORD}\n"),
    );
    r.commit_all("base (before migration)");
    let apply = vs(
        server,
        r.path(),
        &[
            "migrate",
            "apply",
            "--yes",
            "--mount",
            &mount,
            "services/shop/.env",
        ],
    );
    apply.assert_code(0);
    assert!(
        apply.stderr.contains(".vaultsweep/guard.json"),
        "{}",
        apply.describe()
    );
    let guard = std::fs::read_to_string(r.path().join(".vaultsweep/guard.json")).unwrap();
    assert!(
        !guard.contains(PASSWORD) && !guard.contains("Sunflower"),
        "{guard}"
    );
    let key = std::fs::read_to_string(r.path().join(".git/vaultsweep/guard.key")).unwrap();
    assert!(
        !guard.contains(key.trim()),
        "the key is not in the guard file"
    );
    let g: serde_json::Value = serde_json::from_str(&guard).unwrap();
    assert_eq!(g["version"], 1);
    let e = &g["entries"][0];
    assert_eq!(e["key"], "DB_PASSWORD");
    assert_eq!(e["file"], "services/shop/.env");
    assert_eq!(e["length"], PASSWORD.len());
    let dest = s(e, "destination").to_string();
    assert!(dest.starts_with(&format!("vault:{mount}/")), "{dest}");
    assert!(dest.ends_with("#DB_PASSWORD"), "{dest}");
    // The value is in Vault, not in the file.
    assert!(
        !std::fs::read_to_string(r.path().join("services/shop/.env"))
            .unwrap()
            .contains(PASSWORD)
    );
    r.commit_all("move the database password to Vault");
    (r, dest)
}

fn guard_findings(findings: &[serde_json::Value]) -> Vec<&serde_json::Value> {
    findings
        .iter()
        .filter(|f| f["rule_id"] == "guard.migrated-value")
        .collect()
}

#[test]
fn hook_blocks_a_migrated_password_pasted_into_a_connection_string() {
    let Some(server) = shared("hook_blocks_a_migrated_password_pasted_into_a_connection_string")
    else {
        return;
    };
    let (r, dest) = migrated(server, "2");
    r.vs(&["hook", "install"]).assert_code(0);
    r.write(
        "deploy/app.properties",
        format!("db.url=postgresql://shop:{PASSWORD}@db.internal:5432/shop?sslmode=require\n"),
    );
    r.git(&["add", "-A"]);
    let out = git_cmd(r.path())
        .env("PATH", path_with_vaultsweep())
        .env("NO_COLOR", "1")
        .args(["commit", "-q", "-m", "configure the database"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "commit went through:\n{stderr}");
    assert!(stderr.contains("guard.migrated-value"), "{stderr}");
    assert!(stderr.contains(&dest), "names the Vault path:\n{stderr}");
    assert!(stderr.contains("read it from there"), "{stderr}");
    assert!(
        !stderr.contains(PASSWORD) && !stdout.contains(PASSWORD),
        "{stderr}"
    );
    assert_eq!(
        r.git(&["rev-list", "--count", "HEAD"]),
        "2",
        "nothing committed"
    );

    // The same staged scan in every report format names it, masked.
    for format in ["json", "sarif", "gitlab", "github", "text"] {
        let run = r.vs(&["scan", "--staged", "--format", format]);
        run.assert_code(1);
        assert!(
            run.stdout.contains("guard.migrated-value"),
            "{format}: {}",
            run.describe()
        );
        assert!(
            run.stdout.contains("DB_PASSWORD"),
            "{format}: {}",
            run.describe()
        );
        assert!(!run.stdout.contains(PASSWORD), "{format} printed the value");
    }
}

#[test]
fn history_finds_a_migrated_password_pasted_into_yaml_later() {
    let Some(server) = shared("history_finds_a_migrated_password_pasted_into_yaml_later") else {
        return;
    };
    let (r, dest) = migrated(server, "1");
    // Pasted under a name that says nothing, where no rule looks: only the guard can know.
    r.write(
        "k8s/values.yaml",
        format!("app:\n  replicas: 2\n  greeting: {PASSWORD}\n"),
    );
    let pasted = r.commit_all("tune the chart");
    r.write("README.md", "shop\n");
    r.commit_all("docs");
    let run = r.vs(&["scan", "--history", "--format", "json"]);
    run.assert_code(1);
    let findings = run.json_array();
    let all = guard_findings(&findings);
    // The .env's original commit holds it too (it was committed before the migration: a
    // value to rotate); the pasted copy is the other finding.
    assert_eq!(all.len(), 2, "{}", run.describe());
    assert!(all.iter().any(|f| f["path"] == "services/shop/.env"));
    let g: Vec<_> = all
        .into_iter()
        .filter(|f| f["path"] == "k8s/values.yaml")
        .collect();
    assert_eq!(g.len(), 1, "{}", run.describe());
    assert_eq!(g[0]["line"], 3);
    assert_eq!(g[0]["tier"], "critical");
    assert_eq!(g[0]["commit"], pasted.as_str(), "{}", g[0]);
    assert!(s(g[0], "rule_name").contains(&dest), "{}", g[0]);
    assert!(!run.stdout.contains(PASSWORD) && !run.stderr.contains(PASSWORD));
    // No rule but the guard reports it.
    assert!(
        findings
            .iter()
            .filter(|f| f["path"] == "k8s/values.yaml")
            .all(|f| f["rule_id"] == "guard.migrated-value"),
        "{}",
        run.describe()
    );

    // The tree scan finds it too; a longer token holding it is not a hit.
    r.write("notes.txt", format!("x{PASSWORD}\n{PASSWORD}y\n"));
    let tree = r.vs(&["scan", ".", "--format", "json"]);
    tree.assert_code(1);
    let tf = tree.json_array();
    let tg = guard_findings(&tf);
    assert_eq!(tg.len(), 1, "{}", tree.describe());
    assert_eq!(tg[0]["path"], "k8s/values.yaml");

    // Without the key (a CI runner without VAULTSWEEP_GUARD_KEY): said, not silently blind.
    std::fs::remove_file(r.path().join(".git/vaultsweep/guard.key")).unwrap();
    let blind = r.vs(&["scan", ".", "--format", "json"]);
    assert!(guard_findings(&blind.json_array()).is_empty());
    assert!(
        blind.stderr.contains("no guard key"),
        "{}",
        blind.describe()
    );
    // A CI job can require the guard: then a missing key fails the scan (exit 2), for the
    // tree, the staged and the history scan alike.
    for args in [
        &["scan", "."][..],
        &["scan", "--staged", "."][..],
        &["scan", "--history", "."][..],
    ] {
        let mut cmd = crate::util::vaultsweep();
        cmd.current_dir(r.path())
            .args(args)
            .env("VAULTSWEEP_GUARD_REQUIRED", "1");
        let strict = crate::util::Run::of(&mut cmd);
        strict.assert_code(2);
        assert!(
            strict.stderr.contains("VAULTSWEEP_GUARD_REQUIRED")
                && strict.stderr.contains("no guard key"),
            "{}",
            strict.describe()
        );
    }
}

#[test]
fn rollback_removes_the_fingerprints_it_restored() {
    let Some(server) = shared("rollback_removes_the_fingerprints_it_restored") else {
        return;
    };
    let (r, _) = migrated(server, "2");
    let mut cmd = vaultsweep();
    cmd.current_dir(r.path());
    let back = vs(server, r.path(), &["migrate", "rollback", "--all"]);
    back.assert_code(0);
    assert!(
        std::fs::read_to_string(r.path().join("services/shop/.env"))
            .unwrap()
            .contains(PASSWORD)
    );
    let guard = std::fs::read_to_string(r.path().join(".vaultsweep/guard.json")).unwrap();
    let g: serde_json::Value = serde_json::from_str(&guard).unwrap();
    assert_eq!(g["entries"].as_array().unwrap().len(), 0, "{guard}");
    // And a scan no longer calls the value in the .env a pasted-back one.
    let run = r.vs(&["scan", ".", "--format", "json"]);
    assert!(guard_findings(&run.json_array()).is_empty());
}

// ---------------------------------------------------------------------------------------------
// vault audit

fn put(
    server: &crate::migrate::Server,
    mount: &str,
    v2: bool,
    path: &str,
    data: serde_json::Value,
) {
    let (url, body) = if v2 {
        (
            format!("{mount}/data/{path}"),
            serde_json::json!({ "data": data }),
        )
    } else {
        (format!("{mount}/{path}"), data)
    };
    let (code, resp) = server.api("POST", &url, Some(body));
    assert!(code == 200 || code == 204, "write {url}: {code} {resp}");
}

#[test]
fn vault_audit_finds_deleted_and_base64_values_and_never_prints_one() {
    let Some(server) = shared("vault_audit_finds_deleted_and_base64_values_and_never_prints_one")
    else {
        return;
    };
    use base64::Engine;
    let mount = server.mount("2");
    let v1 = server.mount("1");
    let deleted = crate::util::password();
    let manifest = crate::util::url_password();
    let elsewhere = crate::util::password();
    let nested = crate::util::url_password();
    let old_version = crate::util::url_password();
    let in_v1 = crate::util::url_password();
    put(
        server,
        &mount,
        true,
        "apps/shop/prod/env",
        serde_json::json!({"DB_PASSWORD": old_version, "X": "short"}),
    );
    put(
        server,
        &mount,
        true,
        "apps/shop/prod/env",
        serde_json::json!({"DB_PASSWORD": deleted, "API_TOKEN": manifest, "UNUSED": elsewhere}),
    );
    put(
        server,
        &mount,
        true,
        "apps/shop/other/deep/cfg",
        serde_json::json!({"K": nested}),
    );
    put(
        server,
        &mount,
        true,
        "unrelated/x",
        serde_json::json!({"K": crate::util::password()}),
    );
    put(
        server,
        &v1,
        false,
        "apps/legacy",
        serde_json::json!({"TOKEN": in_v1}),
    );

    let r = Repo::new();
    r.write("config/old.env", format!("DB_PASSWORD={deleted}\n"));
    let first = r.commit_all("add config");
    let b64 = base64::engine::general_purpose::STANDARD.encode(&manifest);
    r.write(
        "k8s/secret.yaml",
        format!(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: shop\ndata:\n  API_TOKEN: {b64}\n"
        ),
    );
    r.commit_all("manifest");
    std::fs::remove_file(r.path().join("config/old.env")).unwrap();
    let dropped = r.commit_all("drop the env file");
    r.write("README.md", format!("old: {old_version}\n"));
    r.commit_all("docs");
    r.write("legacy.ini", format!("[auth]\ntoken = {in_v1}\n"));

    let out_dir = crate::util::TestDir::new();
    let run = vs(
        server,
        r.path(),
        &[
            "vault", "audit", "--mount", &mount, "--path", "apps", "--format", "json",
        ],
    );
    run.assert_code(1);
    let found = run.json_array();
    assert_eq!(found.len(), 2, "{}", run.describe());
    let old = found
        .iter()
        .find(|f| f["path"] == "config/old.env")
        .expect("deleted value");
    assert_eq!(old["commit"], first.as_str(), "{old}");
    assert_eq!(old["line"], 1);
    assert_eq!(old["in_head"], false, "{old}");
    assert_eq!(old["removed_in"]["commit"], dropped.as_str(), "{old}");
    assert!(s(old, "rule_name").contains("#DB_PASSWORD"), "{old}");
    let yaml = found
        .iter()
        .find(|f| f["path"] == "k8s/secret.yaml")
        .expect("base64 value");
    assert_eq!(yaml["line"], 6);
    assert!(s(yaml, "rule_name").contains("base64"), "{yaml}");
    assert!(s(yaml, "rule_name").contains("#API_TOKEN"), "{yaml}");
    // Not under --path apps: the other folder's value; not in the repository: UNUSED, nested.
    assert!(run.stderr.contains("rotate"), "{}", run.describe());

    // Every version: the old DB_PASSWORD, in README.md.
    let all = vs(
        server,
        r.path(),
        &[
            "vault",
            "audit",
            "--mount",
            &mount,
            "--all-versions",
            "--format",
            "json",
        ],
    );
    all.assert_code(1);
    let af = all.json_array();
    assert_eq!(af.len(), 3, "{}", all.describe());
    let old = af
        .iter()
        .find(|f| f["path"] == "README.md")
        .expect("the old version");
    // The key is the secret's key, and the rotation advice says the version was replaced.
    assert_eq!(old["key"], "DB_PASSWORD", "{old}");
    assert!(
        old["rule_name"]
            .as_str()
            .unwrap()
            .contains("replaced since"),
        "{old}"
    );
    assert!(all.stderr.contains("since replaced"), "{}", all.describe());

    // KV v1.
    let legacy = vs(
        server,
        r.path(),
        &["vault", "audit", "--mount", &v1, "--format", "json"],
    );
    legacy.assert_code(1);
    assert_eq!(legacy.json_array()[0]["path"], "legacy.ini");

    // Nothing in the repository: exit 0.
    let clean = vs(
        server,
        r.path(),
        &[
            "vault",
            "audit",
            "--mount",
            &mount,
            "--path",
            "apps/shop/other",
        ],
    );
    clean.assert_code(0);

    // A path under which Vault holds nothing (a typo, the mount's name repeated) is an error,
    // not a clean audit.
    let typo = vs(
        server,
        r.path(),
        &["vault", "audit", "--mount", &mount, "--path", "no/such/app"],
    );
    typo.assert_code(2);
    assert!(
        typo.stderr.contains("no secrets under"),
        "{}",
        typo.describe()
    );

    // No value in any output or written file, in any format.
    let mut runs = vec![run, all, legacy, clean];
    for format in ["text", "json", "jsonl", "sarif", "gitlab", "github"] {
        let file = out_dir.join(&format!("audit.{format}"));
        runs.push(vs(
            server,
            r.path(),
            &[
                "vault",
                "audit",
                "--mount",
                &mount,
                "--all-versions",
                "--format",
                format,
                "--output",
                file.to_str().unwrap(),
            ],
        ));
    }
    let values = [
        &deleted,
        &manifest,
        &elsewhere,
        &nested,
        &old_version,
        &in_v1,
    ];
    for run in &runs {
        for v in values {
            assert!(
                !run.stdout.contains(v.as_str()) && !run.stderr.contains(v.as_str()),
                "value printed:\n{}",
                run.describe()
            );
        }
    }
    for e in std::fs::read_dir(out_dir.path()).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains("vault.exposed-value"), "{}", p.display());
        for v in values {
            assert!(
                !text.contains(v.as_str()),
                "value written to {}",
                p.display()
            );
        }
    }
}

/// `git log --no-renames --format=%H --diff-filter=FILTER -- PATH`, oldest first: the commits
/// that added (`A`) or deleted (`D`) a path, as git itself says.
fn git_log_ids(r: &Repo, filter: &str, path: &str) -> Vec<String> {
    r.git(&[
        "log",
        "--reverse",
        "--no-renames",
        "--format=%H",
        &format!("--diff-filter={filter}"),
        "--",
        path,
    ])
    .lines()
    .map(str::to_string)
    .collect()
}

/// The audit's git fields carry `scan --history`'s names and meaning: `commit` (with `author`,
/// `date`, `commit_summary`), `occurrences`, `paths`, `in_head` and `removed_in`, for a value
/// still in the working tree as for one only in history, with the ids `git log` gives.
#[test]
fn vault_audit_reports_commits_in_head_and_removal_like_scan_history() {
    let Some(server) = shared("vault_audit_reports_commits_in_head_and_removal_like_scan_history")
    else {
        return;
    };
    let mount = server.mount("2");
    let kept = crate::util::password();
    let deleted = crate::util::password();
    let again = crate::util::url_password();
    let moved = crate::util::url_password();
    let head_only = crate::util::url_password();
    let untracked = crate::util::url_password();
    put(
        server,
        &mount,
        true,
        "shop/env",
        serde_json::json!({
            "DB_PASSWORD": kept, "OLD_PASSWORD": deleted, "NOTES_TOKEN": again,
            "MOVED": moved, "HEAD_ONLY": head_only, "LOCAL": untracked,
        }),
    );

    let r = Repo::new();
    r.write("config/app.env", format!("APP=shop\nDB_PASSWORD={kept}\n"));
    r.write("notes.txt", format!("a\nb\ntoken: {again}\n"));
    let c_app = r.commit_all("add app config");
    r.write("config/old.env", format!("DB_PASSWORD={deleted}\n"));
    r.write("config/extra.ini", format!("[x]\nk = {head_only}\n"));
    r.commit_all("add old config");
    std::fs::remove_file(r.path().join("notes.txt")).unwrap();
    r.commit_all("drop notes");
    r.write("notes.txt", format!("a\nb\ntoken: {again}\n"));
    let c_notes_back = r.commit_all("restore notes");
    std::fs::remove_file(r.path().join("config/old.env")).unwrap();
    let c_drop = r.commit_all("drop the old config");
    r.write("a/one.txt", format!("{moved}\n"));
    r.commit_all("add one");
    std::fs::create_dir_all(r.path().join("b")).unwrap();
    std::fs::rename(r.path().join("a/one.txt"), r.path().join("b/two.txt")).unwrap();
    r.commit_all("rename one");
    std::fs::remove_file(r.path().join("b/two.txt")).unwrap();
    r.commit_all("drop two");
    // Not committed: a deletion (HEAD still holds the value) and an untracked file.
    std::fs::remove_file(r.path().join("config/extra.ini")).unwrap();
    r.write("local.txt", format!("secret: {untracked}\n"));

    let run = vs(
        server,
        r.path(),
        &["vault", "audit", "--mount", &mount, "--format", "json"],
    );
    run.assert_code(1);
    let found = run.json_array();
    let at = |path: &str| -> &serde_json::Value {
        let all: Vec<&serde_json::Value> = found.iter().filter(|f| f["path"] == path).collect();
        assert_eq!(all.len(), 1, "{path}: {}", run.describe());
        all[0]
    };
    assert_eq!(found.len(), 6, "{}", run.describe());
    let info = |id: &str, fmt: &str| r.git(&["log", "-1", &format!("--format={fmt}"), id]);
    // Strict ISO 8601 author date; git may write UTC as `Z`, RFC 3339 allows both.
    let date = |id: &str| {
        let d = info(id, "%aI");
        match d.strip_suffix('Z') {
            Some(utc) => format!("{utc}+00:00"),
            None => d,
        }
    };

    // Still in the tree and in HEAD: the commit that added the file, as `git log` says.
    let app = at("config/app.env");
    assert_eq!(git_log_ids(&r, "A", "config/app.env"), [c_app.as_str()]);
    assert_eq!(app["commit"], c_app.as_str(), "{app}");
    assert_eq!(app["author"], info(&c_app, "%an <%ae>").as_str());
    assert_eq!(app["date"], date(&c_app).as_str());
    assert_eq!(app["commit_summary"], "add app config");
    assert_eq!(app["line"], 2);
    assert_eq!(app["in_head"], true);
    assert_eq!(app["removed_in"], serde_json::Value::Null);
    assert_eq!(app["paths"], serde_json::json!(["config/app.env"]));
    assert_eq!(app["occurrences"], serde_json::json!([]));
    assert_eq!(app["key"], "DB_PASSWORD");

    // Added, deleted, added back: the first commit, the other one as an occurrence.
    let notes = at("notes.txt");
    let added = git_log_ids(&r, "A", "notes.txt");
    assert_eq!(added, [c_app.clone(), c_notes_back.clone()]);
    assert_eq!(notes["commit"], added[0].as_str(), "{notes}");
    assert_eq!(notes["line"], 3);
    assert_eq!(notes["occurrences"][0]["commit"], added[1].as_str());
    assert_eq!(notes["occurrences"][0]["line"], 3);
    assert_eq!(notes["occurrences"].as_array().unwrap().len(), 1);
    assert_eq!(notes["in_head"], true);

    // Gone from the tree: where it was introduced, and the commit that removed it.
    let old = at("config/old.env");
    let added = git_log_ids(&r, "A", "config/old.env");
    let removed = git_log_ids(&r, "D", "config/old.env");
    assert_eq!(removed, [c_drop.as_str()]);
    assert_eq!(old["commit"], added[0].as_str(), "{old}");
    assert_eq!(old["in_head"], false);
    assert_eq!(old["removed_in"]["commit"], removed[0].as_str(), "{old}");
    assert_eq!(old["removed_in"]["commit_summary"], "drop the old config");
    assert_eq!(old["removed_in"]["date"], date(&c_drop).as_str());

    // Renamed, then deleted: both paths; removed by the commit that deleted the new name.
    let one = at("a/one.txt");
    assert_eq!(one["commit"], git_log_ids(&r, "A", "a/one.txt")[0].as_str());
    assert_eq!(one["paths"], serde_json::json!(["a/one.txt", "b/two.txt"]));
    assert_eq!(one["in_head"], false);
    assert_eq!(
        one["removed_in"]["commit"],
        git_log_ids(&r, "D", "b/two.txt")[0].as_str(),
        "{one}"
    );

    // Deleted in the work tree only: HEAD still holds it, nothing removed it yet.
    let extra = at("config/extra.ini");
    assert_eq!(
        extra["commit"],
        git_log_ids(&r, "A", "config/extra.ini")[0].as_str()
    );
    assert_eq!(extra["in_head"], true);
    assert_eq!(extra["removed_in"], serde_json::Value::Null);

    // Never committed: no git fields.
    let local = at("local.txt");
    for k in ["commit", "in_head", "removed_in", "occurrences"] {
        assert!(local.get(k).is_none(), "{k} in {local}");
    }

    // `scan --history` says the same of the same file, under the same names.
    let hist = r.vs(&["scan", "--history", "--format", "json"]);
    let scanned = hist.json_array();
    let s_old = scanned
        .iter()
        .find(|f| f["path"] == "config/old.env")
        .unwrap_or_else(|| panic!("scan --history finds the old password: {}", hist.describe()));
    for k in [
        "commit",
        "author",
        "date",
        "commit_summary",
        "in_head",
        "removed_in",
        "paths",
        "line",
    ] {
        assert_eq!(old[k], s_old[k], "{k}: audit {old}\nscan {s_old}");
    }
    let s_app = scanned
        .iter()
        .find(|f| f["path"] == "config/app.env")
        .unwrap_or_else(|| {
            panic!(
                "scan --history finds the kept password: {}",
                hist.describe()
            )
        });
    for k in ["commit", "date", "in_head", "removed_in", "paths", "line"] {
        assert_eq!(app[k], s_app[k], "{k}: audit {app}\nscan {s_app}");
    }

    // The text report, SARIF and GitLab carry them too; both validate against their schemas.
    let text = vs(server, r.path(), &["vault", "audit", "--mount", &mount]);
    text.assert_code(1);
    let short: String = c_drop.chars().take(12).collect();
    assert!(
        text.stdout
            .contains(&format!("removed in {short} drop the old config")),
        "{}",
        text.describe()
    );
    assert!(text.stdout.contains("still in HEAD"), "{}", text.describe());
    let sarif = vs(
        server,
        r.path(),
        &["vault", "audit", "--mount", &mount, "--format", "sarif"],
    );
    sarif.assert_code(1);
    let sarif: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    crate::report::assert_valid_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let s_old = results
        .iter()
        .find(|x| {
            x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "config/old.env"
        })
        .expect("old.env in SARIF");
    assert_eq!(s_old["properties"]["commit"], old["commit"]);
    assert_eq!(s_old["properties"]["removed_in"]["commit"], c_drop.as_str());
    let gitlab = vs(
        server,
        r.path(),
        &["vault", "audit", "--mount", &mount, "--format", "gitlab"],
    );
    gitlab.assert_code(1);
    let gitlab: serde_json::Value = serde_json::from_str(&gitlab.stdout).unwrap();
    crate::ci_formats::assert_valid_gitlab(&gitlab);
    let v_app = gitlab["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["location"]["file"] == "config/app.env")
        .expect("app.env in the GitLab report");
    assert_eq!(v_app["location"]["commit"]["sha"], c_app.as_str());

    // A token that can only list and read gets the same report (README: "list and read
    // suffice"), every version included.
    let policy = format!("path \"{mount}/*\" {{\n  capabilities = [\"read\", \"list\"]\n}}\n");
    let (code, body) = server.api(
        "PUT",
        &format!("sys/policies/acl/audit-{mount}"),
        Some(serde_json::json!({ "policy": policy })),
    );
    assert!(code == 204 || code == 200, "policy: {body}");
    let (code, body) = server.api(
        "POST",
        "auth/token/create",
        Some(serde_json::json!({"policies": [format!("audit-{mount}")]})),
    );
    assert_eq!(code, 200, "token: {body}");
    let mut cmd = crate::util::vaultsweep();
    cmd.current_dir(r.path())
        .env("VAULT_ADDR", &server.addr)
        .env(
            "VAULT_TOKEN",
            body["auth"]["client_token"].as_str().unwrap(),
        )
        .env_remove("VAULT_NAMESPACE")
        .env_remove("VAULT_CACERT")
        .args([
            "vault",
            "audit",
            "--mount",
            &mount,
            "--all-versions",
            "--format",
            "json",
        ]);
    let ro = crate::util::Run::of(&mut cmd);
    ro.assert_code(1);
    let strip = |v: &[serde_json::Value]| -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = v
            .iter()
            .map(|f| (s(f, "path").to_string(), f["commit"].to_string()))
            .collect();
        out.sort();
        out
    };
    assert_eq!(strip(&ro.json_array()), strip(&found), "{}", ro.describe());

    let values = [&kept, &deleted, &again, &moved, &head_only, &untracked];
    for run in [&run, &text, &hist, &ro] {
        for v in values {
            assert!(
                !run.stdout.contains(v.as_str()) && !run.stderr.contains(v.as_str()),
                "value printed:\n{}",
                run.describe()
            );
        }
    }
}
