//! `scan --verify` (issue 19) against real servers the tests start on free loopback ports in
//! temporary directories: PostgreSQL (initdb + postgres), MariaDB (mariadb-install-db +
//! mariadbd), Redis (redis-server), OpenBao (the migrate tests' shared dev server), AWS STS
//! (moto in server mode, TLS) and a local HTTPS server that checks the request shape each rule
//! file's `verify` declares. Right credentials are `live`, wrong ones `invalid`, closed ports
//! `unknown`, and each server's own log or counters show one authentication per unique secret.
//!
//! A missing server binary skips a test with a message, unless `VAULTSWEEP_REQUIRE_VERIFY=1`
//! (set by `.ci/run`), which makes it a failure. Nothing here reaches the internet: provider
//! hosts are pointed at the local server with the hidden `--verify-resolve` and `--verify-ca-file`.

use crate::util::{self, TestDir, free_port};
use serde_json::Value;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn required() -> bool {
    std::env::var_os("VAULTSWEEP_REQUIRE_VERIFY").is_some_and(|v| v != "0")
}

/// The path of `name` on PATH (or in the usual sbin/lib directories), or a skip / a failure.
fn tool(test: &str, name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    dirs.extend(["/usr/sbin", "/usr/bin", "/usr/lib/postgresql/15/bin"].map(PathBuf::from));
    if let Ok(rd) = std::fs::read_dir("/usr/lib/postgresql") {
        dirs.extend(rd.flatten().map(|e| e.path().join("bin")));
    }
    match dirs.iter().map(|d| d.join(name)).find(|p| p.is_file()) {
        Some(p) => Some(p),
        None if required() => panic!("VAULTSWEEP_REQUIRE_VERIFY is set but `{name}` was not found"),
        None => {
            eprintln!(
                "SKIPPED {test}: no `{name}` (apt-get install postgresql mariadb-server redis-server)"
            );
            None
        }
    }
}

fn wait_for(what: &str, timeout: Duration, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A server process under a small `sh` that kills it when our end of its stdin closes, so no
/// server outlives the test (the migrate tests' pattern).
struct Guarded(Option<Child>);

impl Guarded {
    fn spawn(argv: &[String], log: &Path) -> Guarded {
        let script = r#"log="$1"; shift; "$@" >>"$log" 2>&1 & pid=$!; read _; kill $pid 2>/dev/null; wait $pid 2>/dev/null; exit 0"#;
        let child = Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg("sh")
            .arg(log)
            .args(argv)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start server");
        Guarded(Some(child))
    }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            drop(c.stdin.take());
            let _ = c.wait();
        }
    }
}

fn run_ok(cmd: &mut Command, what: &str) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `argv` as the unprivileged `postgres` user when we are root (PostgreSQL refuses root).
fn as_pg_user(argv: Vec<String>) -> Vec<String> {
    if !is_root() {
        return argv;
    }
    let mut v: Vec<String> = [
        "setpriv",
        "--reuid=postgres",
        "--regid=postgres",
        "--clear-groups",
        "--",
    ]
    .map(String::from)
    .to_vec();
    v.extend(argv);
    v
}

/// `scan --format json --verify EXTRA… .` in `dir`, with no `VAULT_ADDR` or proxy from the
/// environment running the tests.
fn scan_verify(dir: &TestDir, extra: &[&str]) -> (util::Run, Vec<Value>) {
    let mut cmd = util::vaultsweep();
    cmd.current_dir(dir.path())
        .args(["scan", "--format", "json", "--verify"])
        .args(if extra.contains(&"--verify-rate") {
            &[][..]
        } else {
            &["--verify-rate", "50"][..]
        })
        .args(extra)
        .arg(".")
        .env_remove("VAULT_ADDR")
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy");
    let run = util::Run::of(&mut cmd);
    assert!(run.code == 0 || run.code == 1, "{}", run.describe());
    let findings = run.json_array();
    (run, findings)
}

fn state_of<'a>(findings: &'a [Value], rule: &str, secret_part: &str) -> Vec<&'a str> {
    findings
        .iter()
        .filter(|f| {
            f["rule_id"] == rule
                && f["secret"]
                    .as_str()
                    .is_some_and(|s| s.contains(secret_part))
        })
        .map(|f| f["verification"]["state"].as_str().unwrap_or("none"))
        .collect()
}

fn count(text: &str, needle: &str) -> usize {
    text.lines().filter(|l| l.contains(needle)).count()
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

#[test]
fn postgres_right_wrong_closed_and_one_attempt_per_secret() {
    let test = "postgres_right_wrong_closed_and_one_attempt_per_secret";
    let (Some(initdb), Some(postgres)) = (tool(test, "initdb"), tool(test, "postgres")) else {
        return;
    };
    let dir = TestDir::new();
    let data = dir.join("pgdata");
    let password = util::url_password();
    dir.write("pw", &password);
    if is_root() {
        run_ok(
            Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path()),
            "chown",
        );
    }
    let argv = as_pg_user(vec![
        initdb.display().to_string(),
        "-D".into(),
        data.display().to_string(),
        "-U".into(),
        "app".into(),
        format!("--pwfile={}", dir.join("pw").display()),
        // SCRAM for every user but `legacy` (MD5, below), so both exchanges are tested.
        "--auth-host=scram-sha-256".into(),
        "--auth-local=trust".into(),
        "--no-sync".into(),
        "-E".into(),
        "UTF8".into(),
    ]);
    run_ok(Command::new(&argv[0]).args(&argv[1..]), "initdb");
    let hba = data.join("pg_hba.conf");
    let rules = std::fs::read_to_string(&hba).unwrap();
    std::fs::write(&hba, format!("host all legacy 127.0.0.1/32 md5\n{rules}")).unwrap();
    let port = free_port();
    let log = dir.join("pg.log");
    std::fs::write(&log, "").unwrap();
    if is_root() {
        run_ok(
            Command::new("chown").args(["postgres:postgres"]).arg(&log),
            "chown log",
        );
    }
    let argv = as_pg_user(vec![
        postgres.display().to_string(),
        "-D".into(),
        data.display().to_string(),
        "-p".into(),
        port.to_string(),
        "-k".into(),
        dir.path().display().to_string(),
        "-c".into(),
        "listen_addresses=127.0.0.1".into(),
        "-c".into(),
        "log_connections=on".into(),
        "-c".into(),
        "fsync=off".into(),
    ]);
    let _server = Guarded::spawn(&argv, &log);
    wait_for("postgres to listen", Duration::from_secs(60), || {
        std::fs::read_to_string(&log).is_ok_and(|l| l.contains("ready to accept connections"))
    });
    let legacy = util::url_password();
    if let Some(psql) = tool(test, "psql") {
        run_ok(
            Command::new(psql)
                .args([
                    "-h",
                    &dir.path().display().to_string(),
                    "-p",
                    &port.to_string(),
                ])
                .args(["-U", "app", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c"])
                .arg(format!(
                    "SET password_encryption = 'md5'; CREATE ROLE legacy LOGIN PASSWORD '{legacy}';"
                )),
            "create role",
        );
    }
    let closed = free_port();
    let wrong = util::url_password();
    // The right URI twice (two files), the wrong one, a closed port; the MD5 role right and wrong.
    dir.write(
        "e/.env",
        format!("DATABASE_URL=postgres://legacy:{legacy}@127.0.0.1:{port}/app\n"),
    );
    dir.write(
        "f/.env",
        format!("DATABASE_URL=postgres://legacy:{wrong}@127.0.0.1:{port}/app\n"),
    );
    let right_uri = format!("postgres://app:{password}@127.0.0.1:{port}/app");
    dir.write("a/.env", format!("DATABASE_URL={right_uri}\n"));
    dir.write("b/.env", format!("DATABASE_URL={right_uri}\n"));
    dir.write(
        "c/.env",
        format!("DATABASE_URL=postgres://app:{wrong}@127.0.0.1:{port}/app\n"),
    );
    dir.write(
        "d/.env",
        format!("DATABASE_URL=postgres://app:{password}@127.0.0.1:{closed}/app\n"),
    );
    let before = std::fs::read_to_string(&log).unwrap();
    let (_run, findings) = scan_verify(&dir, &["--show-secrets"]);
    let pg: Vec<&Value> = findings
        .iter()
        .filter(|f| f["rule_id"] == "database.postgres-uri")
        .collect();
    assert_eq!(pg.len(), 6, "{findings:#?}");
    let by_path = |p: &str| verification_under(&pg, p);
    assert_eq!(by_path("a/")["state"], "live", "{:#?}", by_path("a/"));
    assert_eq!(by_path("b/")["state"], "live");
    assert_eq!(by_path("c/")["state"], "invalid", "{:#?}", by_path("c/"));
    assert_eq!(by_path("d/")["state"], "unknown");
    assert_eq!(by_path("e/")["state"], "live", "{:#?}", by_path("e/"));
    assert_eq!(by_path("f/")["state"], "invalid");
    assert_eq!(
        by_path("a/")["endpoint"],
        format!("postgres://127.0.0.1:{port}")
    );
    // Live findings come first.
    assert!(pg[..3].iter().all(|f| f["verification"]["state"] == "live"));
    // The server saw four connections: one per unique secret (app's right one once, not
    // twice), authenticated with SCRAM for app and MD5 for legacy.
    let after = std::fs::read_to_string(&log).unwrap();
    let new = &after[before.len()..];
    assert_eq!(count(new, "connection received"), 4, "{new}");
    assert_eq!(count(new, "password authentication failed"), 2, "{new}");
    assert_eq!(count(new, "connection authorized"), 2, "{new}");
    assert_eq!(count(new, "method=scram-sha-256"), 1, "{new}");
    assert_eq!(count(new, "method=md5"), 1, "{new}");
    assert_eq!(count(new, "statement:"), 0, "{new}");
}

// ---------------------------------------------------------------------------------------------
// MariaDB

#[test]
fn mariadb_right_wrong_closed_and_one_attempt_per_secret() {
    let test = "mariadb_right_wrong_closed_and_one_attempt_per_secret";
    let (Some(install), Some(mariadbd), Some(client)) = (
        tool(test, "mariadb-install-db"),
        tool(test, "mariadbd"),
        tool(test, "mariadb"),
    ) else {
        return;
    };
    let dir = TestDir::new();
    let data = dir.join("data");
    let user: Vec<String> = if is_root() {
        vec!["--user=root".into()]
    } else {
        vec![]
    };
    let out = Command::new(&install)
        .arg("--no-defaults")
        .arg(format!("--datadir={}", data.display()))
        .arg("--auth-root-authentication-method=socket")
        .arg("--skip-test-db")
        .args(&user)
        .output()
        .expect("mariadb-install-db");
    assert!(
        out.status.success(),
        "mariadb-install-db: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let port = free_port();
    let sock = dir.join("m.sock");
    let general = dir.join("general.log");
    let mut argv = vec![
        mariadbd.display().to_string(),
        "--no-defaults".into(),
        format!("--datadir={}", data.display()),
        format!("--port={port}"),
        "--bind-address=127.0.0.1".into(),
        format!("--socket={}", sock.display()),
        format!("--pid-file={}", dir.join("m.pid").display()),
        "--general-log=1".into(),
        format!("--general-log-file={}", general.display()),
        "--skip-name-resolve".into(),
        "--innodb-buffer-pool-size=16M".into(),
    ];
    argv.extend(user.clone());
    let _server = Guarded::spawn(&argv, &dir.join("err.log"));
    wait_for("mariadbd to listen", Duration::from_secs(60), || {
        TcpStream::connect(("127.0.0.1", port)).is_ok() && sock.exists()
    });
    let password = util::url_password();
    run_ok(
        Command::new(&client)
            .arg("--no-defaults")
            .arg(format!("--socket={}", sock.display()))
            .args(["-uroot", "-e"])
            .arg(format!("CREATE USER 'app'@'%' IDENTIFIED BY '{password}';")),
        "create user",
    );
    let wrong = util::url_password();
    let closed = free_port();
    let right_uri = format!("mysql://app:{password}@127.0.0.1:{port}/app");
    dir.write("a/.env", format!("DATABASE_URL={right_uri}\n"));
    dir.write("b/.env", format!("DATABASE_URL={right_uri}\n"));
    dir.write(
        "c/.env",
        format!("DATABASE_URL=mysql://app:{wrong}@127.0.0.1:{port}/app\n"),
    );
    dir.write(
        "d/.env",
        format!("DATABASE_URL=mysql://app:{password}@127.0.0.1:{closed}/app\n"),
    );
    let before = std::fs::read_to_string(&general).unwrap_or_default();
    let (_run, findings) = scan_verify(&dir, &[]);
    let my: Vec<&Value> = findings
        .iter()
        .filter(|f| f["rule_id"] == "database.mysql-uri")
        .collect();
    assert_eq!(my.len(), 4, "{findings:#?}");
    let state = |p: &str| verification_under(&my, p);
    assert_eq!(state("a/")["state"], "live", "{:#?}", state("a/"));
    assert_eq!(state("b/")["state"], "live");
    assert_eq!(state("c/")["state"], "invalid", "{:#?}", state("c/"));
    assert_eq!(state("d/")["state"], "unknown");
    let after = std::fs::read_to_string(&general).unwrap();
    let new = &after[before.len()..];
    // General log: one Connect line per attempt, the wrong one "Access denied"; no query.
    // (MariaDB writes a second Connect line for a refused login, under the same thread id.)
    let connections: std::collections::BTreeSet<&str> = new
        .lines()
        .filter(|l| l.contains("Connect") && l.contains("app"))
        .filter_map(|l| {
            l.split_whitespace()
                .rev()
                .find(|w| w.parse::<u64>().is_ok() && l.contains(&format!("{w} Connect")))
        })
        .collect();
    assert_eq!(connections.len(), 2, "{new}");
    assert_eq!(count(new, "Access denied for user 'app'"), 1, "{new}");
    assert_eq!(count(new, "Query"), 0, "{new}");
}

// ---------------------------------------------------------------------------------------------
// Redis

fn redis_cli(cli: &Path, port: u16, password: &str, args: &[&str]) -> String {
    let out = Command::new(cli)
        .args([
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "--no-auth-warning",
            "-a",
            password,
        ])
        .args(args)
        .output()
        .expect("redis-cli");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn redis_stat(cli: &Path, port: u16, password: &str, key: &str) -> u64 {
    let text = redis_cli(cli, port, password, &["INFO", "stats"]);
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {key} in INFO stats: {text}"))
}

#[test]
fn redis_right_wrong_closed_and_one_attempt_per_secret() {
    let test = "redis_right_wrong_closed_and_one_attempt_per_secret";
    let (Some(server), Some(cli)) = (tool(test, "redis-server"), tool(test, "redis-cli")) else {
        return;
    };
    let dir = TestDir::new();
    let port = free_port();
    let password = util::url_password();
    let argv = vec![
        server.display().to_string(),
        "--port".into(),
        port.to_string(),
        "--bind".into(),
        "127.0.0.1".into(),
        "--requirepass".into(),
        password.clone(),
        "--save".into(),
        "".into(),
        "--appendonly".into(),
        "no".into(),
        "--dir".into(),
        dir.path().display().to_string(),
    ];
    let _server = Guarded::spawn(&argv, &dir.join("redis.log"));
    wait_for("redis to listen", Duration::from_secs(30), || {
        TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    let wrong = util::url_password();
    let closed = free_port();
    let right = format!("redis://:{password}@127.0.0.1:{port}/0");
    dir.write("a/.env", format!("REDIS_URL={right}\n"));
    dir.write("b/.env", format!("REDIS_URL={right}\n"));
    dir.write(
        "c/.env",
        format!("REDIS_URL=redis://:{wrong}@127.0.0.1:{port}/0\n"),
    );
    dir.write(
        "d/.env",
        format!("REDIS_URL=redis://:{password}@127.0.0.1:{closed}/0\n"),
    );
    redis_cli(&cli, port, &password, &["ACL", "LOG", "RESET"]);
    let conns = redis_stat(&cli, port, &password, "total_connections_received");
    let (_run, findings) = scan_verify(&dir, &[]);
    let rd: Vec<&Value> = findings
        .iter()
        .filter(|f| f["rule_id"] == "database.redis-uri")
        .collect();
    assert_eq!(rd.len(), 4, "{findings:#?}");
    let state = |p: &str| {
        verification_under(&rd, p)["state"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        [state("a/"), state("b/"), state("c/"), state("d/")],
        ["live", "live", "invalid", "unknown"].map(String::from)
    );
    // Two connections from the scan (one per unique secret) plus this INFO query's own.
    let conns_after = redis_stat(&cli, port, &password, "total_connections_received");
    assert_eq!(conns_after - conns, 3, "connections");
    // The ACL log holds one failed AUTH (entry count 1, reason auth).
    let log = redis_cli(&cli, port, &password, &["ACL", "LOG"]);
    let lines: Vec<&str> = log.lines().collect();
    let field = |k: &str| lines.iter().position(|l| *l == k).map(|i| lines[i + 1]);
    assert_eq!(
        (field("count"), field("reason")),
        (Some("1"), Some("auth")),
        "{log}"
    );
    assert_eq!(lines.iter().filter(|l| **l == "count").count(), 1, "{log}");
    // Text report: the live findings first, under their heading, marked LIVE; the host line.
    let text = dir.scan(&["--verify", "."]);
    let out = &text.stdout;
    let heading = out.find("VERIFIED LIVE").expect(out);
    let other = out.find("Other findings").expect(out);
    assert!(heading < other, "{out}");
    assert_eq!(out[heading..other].matches("LIVE ").count(), 2, "{out}");
    assert!(
        out[other..].contains("invalid") && out[other..].contains("unknown"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "Verification: 2 live; contacted 2 hosts: 127.0.0.1:{closed}, 127.0.0.1:{port}"
        )) || out.contains(&format!(
            "Verification: 2 live; contacted 2 hosts: 127.0.0.1:{port}, 127.0.0.1:{closed}"
        )),
        "{out}"
    );
    // --fail-on-live: live findings fail the run; without them it passes.
    assert_eq!(dir.scan(&["--verify", "--fail-on-live", "."]).code, 1);
    assert_eq!(
        dir.scan(&[
            "--verify",
            "--fail-on-live",
            "--verify-only",
            "generic.*",
            "."
        ])
        .code,
        0
    );
}

// ---------------------------------------------------------------------------------------------
// Safety switches: dry run, host allow-list, rule selection, --fail-on-live, text report

/// A listener that counts the connections it accepts.
fn counting_listener() -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let n = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let n2 = n.clone();
    std::thread::spawn(move || {
        for s in l.incoming() {
            n2.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            drop(s);
        }
    });
    (port, n)
}

#[test]
fn dry_run_and_host_allow_list_contact_nothing() {
    let (port, accepted) = counting_listener();
    let dir = TestDir::new();
    let pw = util::url_password();
    dir.write(
        ".env",
        format!("DATABASE_URL=postgres://app:{pw}@127.0.0.1:{port}/app\n"),
    );
    // Dry run: skipped, the endpoint named, nothing contacted.
    let (run, findings) = scan_verify(&dir, &["--verify-dry-run"]);
    let v = &findings[0]["verification"];
    assert_eq!(v["state"], "skipped");
    assert_eq!(v["endpoint"], format!("postgres://127.0.0.1:{port}"));
    assert!(
        run.stderr.contains(&format!("postgres://127.0.0.1:{port}")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nothing was contacted"),
        "{}",
        run.stderr
    );
    // Allow-list without the host: skipped.
    let (_, findings) = scan_verify(&dir, &["--verify-hosts", "db.internal"]);
    assert_eq!(findings[0]["verification"]["state"], "skipped");
    assert!(
        findings[0]["verification"]["reason"]
            .as_str()
            .unwrap()
            .contains("--verify-hosts")
    );
    // The text report says why a finding was not verified.
    let text = dir.scan(&["--verify", "--verify-dry-run", "."]);
    assert!(
        text.stdout.contains("not verified: dry run"),
        "{}",
        text.describe()
    );
    // An entry that is not a host (a URL, a path) would allow nothing, silently: an error.
    for bad in ["http://db.internal", "db.internal:notaport", "db/internal"] {
        let run = dir.scan(&["--verify", "--verify-hosts", bad, "."]);
        run.assert_code(2);
        assert!(
            run.stderr.contains("--verify-hosts takes"),
            "{}",
            run.describe()
        );
    }
    // A path after the switch is a path, not another host; two hosts, comma-separated.
    dir.write(
        "sub/.env",
        format!("DATABASE_URL=postgres://app:{pw}@127.0.0.2:{port}/app\n"),
    );
    let run = dir.scan(&[
        "--format",
        "json",
        "--verify",
        "--verify-hosts",
        "db.internal,cache.internal",
        "sub",
    ]);
    let only_sub = run.json_array();
    assert_eq!(only_sub.len(), 1, "{}", run.describe());
    assert_eq!(only_sub[0]["verification"]["state"], "skipped");
    std::fs::remove_dir_all(dir.join("sub")).unwrap();
    // --verify-exclude and --verify-only
    let (_, findings) = scan_verify(&dir, &["--verify-exclude", "database.*"]);
    assert_eq!(findings[0]["verification"]["state"], "skipped");
    let (_, findings) = scan_verify(&dir, &["--verify-only", "github.personal-access-token"]);
    assert_eq!(findings[0]["verification"]["state"], "skipped");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        accepted.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "something was contacted"
    );
    // Allowed host: contacted once (the listener closes at once: unknown).
    let (_, findings) = scan_verify(&dir, &["--verify-hosts", "127.0.0.1"]);
    assert_eq!(findings[0]["verification"]["state"], "unknown");
    wait_for("one connection", Duration::from_secs(5), || {
        accepted.load(std::sync::atomic::Ordering::SeqCst) == 1
    });
    // Text report: the state column and the hosts-contacted line.
    let text = dir.scan(&["--verify", "--verify-hosts", "127.0.0.1", "."]);
    assert!(
        text.stdout
            .contains(&format!("contacted 1 host: 127.0.0.1:{port}")),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("unknown"), "{}", text.stdout);
    // Without --verify: no field, nothing contacted.
    let (_, findings) = dir.scan_json(&["."]);
    assert!(findings[0].get("verification").is_none());
    // --fail-on-live: a finding that is not live does not fail the run.
    let run = dir.scan(&["--verify", "--fail-on-live", "--verify-dry-run", "."]);
    run.assert_code(0);
}

#[test]
fn verification_never_runs_in_the_hook_unless_configured() {
    let (port, accepted) = counting_listener();
    let dir = TestDir::new();
    run_ok(
        Command::new("git")
            .args(["init", "-q"])
            .current_dir(dir.path()),
        "git init",
    );
    let pw = util::url_password();
    dir.write(
        ".env",
        format!("DATABASE_URL=postgres://app:{pw}@127.0.0.1:{port}/app\n"),
    );
    run_ok(
        Command::new("git")
            .args(["add", ".env"])
            .current_dir(dir.path()),
        "git add",
    );
    // The hook's own command line (hooks pass --hook), even with --verify added by hand.
    let run = dir.scan(&["--staged", "--hook", "--verify", "."]);
    assert_eq!(run.code, 1, "{}", run.describe());
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 0);
    dir.write(".vaultsweep.toml", "verify_in_hooks = true\n");
    let run = dir.scan(&["--staged", "--hook", "--format", "json", "--verify", "."]);
    assert_eq!(run.code, 1, "{}", run.describe());
    wait_for(
        "the configured hook to verify",
        Duration::from_secs(5),
        || accepted.load(std::sync::atomic::Ordering::SeqCst) == 1,
    );
}

// ---------------------------------------------------------------------------------------------
// Vault (OpenBao)

#[test]
fn vault_tokens_only_against_the_named_vault() {
    let test = "vault_tokens_only_against_the_named_vault";
    let Some(bao) = crate::migrate::bao_or_skip(test) else {
        return;
    };
    // A dev server of our own, with a file audit device (OpenBao takes audit devices from its
    // config only): its log records every request, refused ones included.
    let dir = TestDir::new();
    let audit = dir.join("audit.log");
    let config = dir.write(
        "audit.hcl",
        format!(
            "audit \"file\" \"verify\" {{\n  options {{\n    file_path = \"{}\"\n  }}\n}}\n",
            audit.display()
        ),
    );
    let port = free_port();
    let addr = format!("http://127.0.0.1:{port}");
    let root = format!(
        "root-{}",
        util::Rng::new().string(b"abcdefghijklmnopqrstuvwxyz0123456789", 16)
    );
    let argv: Vec<String> = vec![
        bao.display().to_string(),
        "server".into(),
        "-dev".into(),
        "-dev-no-store-token".into(),
        format!("-dev-root-token-id={root}"),
        format!("-dev-listen-address=127.0.0.1:{port}"),
        format!("-config={}", config.display()),
    ];
    let _server = Guarded::spawn(&argv, &dir.join("bao.log"));
    wait_for("bao -dev to answer", Duration::from_secs(30), || {
        crate::migrate::http(&addr, "GET", "sys/health", None, None).0 == 200
    });
    let (code, body) = crate::migrate::http(
        &addr,
        "POST",
        "auth/token/create",
        Some(&root),
        Some(&serde_json::json!({"policies": ["default"], "ttl": "10m"})),
    );
    assert_eq!(code, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    let token = v["auth"]["client_token"].as_str().unwrap().to_string();
    let prefix = &token[..2];
    let fake = format!(
        "{prefix}{}",
        util::Rng::new().string(
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            24
        )
    );
    let src = TestDir::new();
    src.write("a/deploy.sh", format!("export VAULT_TOKEN={token}\n"));
    src.write("b/deploy.sh", format!("export VAULT_TOKEN={fake}\n"));
    src.write("c/deploy.sh", format!("export VAULT_TOKEN={token}\n"));
    let lookups = || {
        std::fs::read_to_string(&audit)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("\"type\":\"request\"") && l.contains("auth/token/lookup-self"))
            .count()
    };
    // No Vault named: unknown, nothing guessed, nothing sent.
    let (_, findings) = scan_verify(&src, &[]);
    assert_eq!(findings.len(), 3, "{findings:#?}");
    for f in &findings {
        assert_eq!(f["verification"]["state"], "unknown");
        assert!(
            f["verification"]["reason"]
                .as_str()
                .unwrap()
                .contains("VAULT_ADDR")
        );
    }
    assert_eq!(lookups(), 0);
    // --verify-vault-addr: live, invalid; one lookup per unique token.
    let (_, findings) = scan_verify(&src, &["--verify-vault-addr", &addr, "--show-secrets"]);
    let rule = findings[0]["rule_id"].as_str().unwrap();
    assert_eq!(
        state_of(&findings, rule, &token),
        ["live", "live"],
        "{findings:#?}"
    );
    assert_eq!(state_of(&findings, rule, &fake), ["invalid"]);
    assert_eq!(
        findings[0]["verification"]["endpoint"],
        format!("{addr}/v1/auth/token/lookup-self")
    );
    wait_for("two audited lookups", Duration::from_secs(5), || {
        lookups() == 2
    });
    // VAULT_ADDR from the environment works the same.
    let mut cmd = util::vaultsweep();
    cmd.current_dir(src.path())
        .args(["scan", "--format", "json", "--verify", "."])
        .env("VAULT_ADDR", &addr);
    let run = util::Run::of(&mut cmd);
    let states: Vec<String> = run
        .json_array()
        .iter()
        .map(|f| f["verification"]["state"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(states, ["live", "live", "invalid"], "{}", run.describe());
    wait_for("four audited lookups", Duration::from_secs(5), || {
        lookups() == 4
    });
}

// ---------------------------------------------------------------------------------------------
// HTTPS: the rule files' verifiers against a local server, AWS STS against moto

/// A test CA and a server certificate for `hosts` signed by it (openssl CLI), in `dir`:
/// `ca.pem`, `server.pem`, `server.key`.
fn test_pki(dir: &TestDir, hosts: &[&str]) {
    let ossl = |args: &[&str]| {
        run_ok(
            Command::new("openssl").args(args).current_dir(dir.path()),
            "openssl",
        )
    };
    ossl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "1",
        "-subj",
        "/CN=vaultsweep test CA",
    ]);
    ossl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=vaultsweep test server",
    ]);
    let san: Vec<String> = hosts.iter().map(|h| format!("DNS:{h}")).collect();
    dir.write(
        "ext.cnf",
        format!(
            "subjectAltName={}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
            san.join(",")
        ),
    );
    ossl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "1",
        "-extfile",
        "ext.cnf",
    ]);
}

/// A local HTTPS server (Python's standard library) that answers the requests a spec file
/// describes: a request with the declared method, path and header values gets the `live`
/// answer, one with the declared method and path but other header values the `invalid` answer,
/// anything else 400. Every request is appended to `requests.log`. The spec is re-read per
/// request, so a test can change what counts as the right secret.
const HTTPS_SERVER: &str = r#"
import json, ssl, sys, http.server
port, spec_path, log_path, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
class H(http.server.BaseHTTPRequestHandler):
    def answer(self):
        n = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(n).decode() if n else ''
        with open(log_path, 'a') as f:
            f.write(json.dumps({'method': self.command, 'path': self.path, 'host': self.headers.get('Host'), 'body': body}) + '\n')
        routes = [r for r in json.load(open(spec_path)) if r['method'] == self.command and r['path'] == self.path and r['host'] == self.headers.get('Host')]
        status, text = 400, 'request shape not declared'
        for r in routes:
            if all(self.headers.get(k) == v for k, v in r['headers'].items()) and (r['body'] is None or r['body'] == body):
                status, text = r['live'], r['live_body']
                break
            if all(self.headers.get(k) is not None for k in r['headers']):
                status, text = r['invalid'], r['invalid_body']
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(text)))
        self.end_headers()
        self.wfile.write(text.encode())
    do_GET = answer
    do_POST = answer
    def log_message(self, *a): pass
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
s = http.server.ThreadingHTTPServer(('127.0.0.1', port), H)
s.socket = ctx.wrap_socket(s.socket, server_side=True)
print('ready', flush=True)
s.serve_forever()
"#;

struct VerifierRule {
    id: String,
    example: String,
    verify: toml::Value,
}

/// Every rule in `patterns/` with a `verify` table.
fn rules_with_verifiers() -> Vec<VerifierRule> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(util::repo_path("patterns"))
        .unwrap()
        .flatten()
    {
        if e.path().extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let doc: toml::Value = toml::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
        for r in doc
            .get("rules")
            .and_then(|r| r.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(v) = r.get("verify") {
                out.push(VerifierRule {
                    id: r["id"].as_str().unwrap().to_string(),
                    example: r["examples"][0].as_str().unwrap().to_string(),
                    verify: v.clone(),
                });
            }
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn python3(test: &str) -> Option<PathBuf> {
    tool(test, "python3")
}

#[test]
fn http_verifiers_send_the_declared_request_to_the_provider_host_only() {
    let test = "http_verifiers_send_the_declared_request_to_the_provider_host_only";
    let Some(python) = python3(test) else { return };
    let rules = rules_with_verifiers();
    assert!(rules.len() >= 15, "{} rules with verifiers", rules.len());
    let dir = TestDir::new();
    // Each rule's first example in its own file; the secret as the scan reports it.
    for (i, r) in rules.iter().enumerate() {
        dir.write(
            &format!("src/{i:02}-{}.txt", r.id),
            format!("{}\n", r.example),
        );
    }
    let (_, plain) = dir.scan_json(&["--show-secrets", "src"]);
    let secret_of = |id: &str| -> String {
        plain
            .iter()
            .find(|f| f["rule_id"] == id)
            .unwrap_or_else(|| panic!("{id}'s example is not found as {id}"))["secret"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let host_of = |url: &str| {
        url.trim_start_matches("https://")
            .split('/')
            .next()
            .unwrap()
            .to_string()
    };
    let mut hosts: Vec<String> = rules
        .iter()
        .map(|r| host_of(r.verify["url"].as_str().unwrap()))
        .collect();
    hosts.sort();
    hosts.dedup();
    let host_refs: Vec<&str> = hosts.iter().map(String::as_str).collect();
    test_pki(&dir, &host_refs);
    // The spec: each rule's declared request, with its example's secret placed.
    let spec = |right: bool| -> String {
        let routes: Vec<Value> = rules
            .iter()
            .map(|r| {
                let secret = if right {
                    secret_of(&r.id)
                } else {
                    "not-the-secret".to_string()
                };
                let place = |s: &str| s.replace("{secret}", &secret);
                let v = &r.verify;
                let url = v["url"].as_str().unwrap();
                let headers: serde_json::Map<String, Value> = v
                    .get("headers")
                    .and_then(|h| h.as_table())
                    .into_iter()
                    .flatten()
                    .map(|(k, x)| {
                        (
                            k.to_ascii_lowercase(),
                            Value::String(place(x.as_str().unwrap())),
                        )
                    })
                    .collect();
                let live = v
                    .get("live")
                    .and_then(|l| l.as_array())
                    .map_or(200, |l| l[0].as_integer().unwrap());
                // The rule's default is 401; Slack declares none (200 with an error body).
                let invalid = match v.get("invalid").and_then(|l| l.as_array()) {
                    None => 401,
                    Some(l) => l.first().map_or(200, |x| x.as_integer().unwrap()),
                };
                // A secret in the URL (Google's `key=`): the wrong-secret server still knows the
                // path, and answers it with the invalid answer.
                let in_url = url.contains("{secret}");
                let url_secret = if in_url {
                    secret_of(&r.id)
                } else {
                    secret.clone()
                };
                let path = format!(
                    "/{}",
                    url.replace("{secret}", &url_secret)
                        .trim_start_matches("https://")
                        .split_once('/')
                        .unwrap()
                        .1
                );
                let invalid_body = v
                    .get("invalid_body")
                    .and_then(|b| b.as_str())
                    .map_or("{}".to_string(), |b| format!("{{\"error\":\"{b}\"}}"));
                let (live, live_body) = if in_url && !right {
                    (invalid, invalid_body.clone())
                } else {
                    (
                        live,
                        v.get("live_body")
                            .and_then(|b| b.as_str())
                            .unwrap_or("{}")
                            .to_string(),
                    )
                };
                serde_json::json!({
                    "method": v.get("method").and_then(|m| m.as_str()).unwrap_or("GET"),
                    "host": host_of(url),
                    "path": path,
                    "headers": headers,
                    "body": v.get("body").and_then(|b| b.as_str()).map(place),
                    "live": live,
                    "live_body": live_body,
                    "invalid": invalid,
                    "invalid_body": invalid_body,
                })
            })
            .collect();
        serde_json::to_string(&routes).unwrap()
    };
    let spec_path = dir.write("spec.json", spec(true));
    let log = dir.join("requests.log");
    let port = free_port();
    dir.write("server.py", HTTPS_SERVER);
    let argv: Vec<String> = vec![
        python.display().to_string(),
        dir.join("server.py").display().to_string(),
        port.to_string(),
        spec_path.display().to_string(),
        log.display().to_string(),
        dir.join("server.pem").display().to_string(),
        dir.join("server.key").display().to_string(),
    ];
    let _server = Guarded::spawn(&argv, &dir.join("server.out"));
    wait_for("the HTTPS test server", Duration::from_secs(20), || {
        TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    let ca = dir.join("ca.pem").display().to_string();
    let mut args: Vec<String> = vec!["--verify-ca-file".into(), ca];
    for h in &hosts {
        args.push("--verify-resolve".into());
        args.push(format!("{h}=127.0.0.1:{port}"));
    }
    args.push("--show-secrets".into());
    let args_ref: Vec<&str> = args.iter().map(String::as_str).collect();
    let check = |want: &str| {
        let (_, findings) = scan_verify(&dir, &args_ref);
        for r in &rules {
            let f = findings
                .iter()
                .find(|f| f["rule_id"] == r.id.as_str())
                .unwrap_or_else(|| panic!("no {} finding", r.id));
            assert_eq!(
                f["verification"]["state"], want,
                "{}: {:#}",
                r.id, f["verification"]
            );
            let endpoint = f["verification"]["endpoint"].as_str().unwrap();
            assert!(
                endpoint.starts_with(r.verify["url"].as_str().unwrap().split('?').next().unwrap()),
                "{endpoint}"
            );
        }
    };
    check("live");
    let unique: std::collections::BTreeSet<String> = rules
        .iter()
        .map(|r| format!("{}{}", r.verify["url"], secret_of(&r.id)))
        .collect();
    let requests = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        requests.lines().count(),
        unique.len(),
        "one request per unique secret:\n{requests}"
    );
    // The same requests, but the server no longer knows the secrets: invalid.
    std::fs::write(&spec_path, spec(false)).unwrap();
    check("invalid");
    // Through HTTPS_PROXY (no resolve override): the proxy is asked to CONNECT to each
    // provider's API host on 443, nothing else, and the answers are the same.
    let proxy_port = free_port();
    dir.write("proxy.py", CONNECT_PROXY);
    let proxy_log = dir.join("proxy.log");
    let argv: Vec<String> = vec![
        python.display().to_string(),
        dir.join("proxy.py").display().to_string(),
        proxy_port.to_string(),
        port.to_string(),
        proxy_log.display().to_string(),
    ];
    let _proxy = Guarded::spawn(&argv, &dir.join("proxy.out"));
    wait_for("the test proxy", Duration::from_secs(20), || {
        TcpStream::connect(("127.0.0.1", proxy_port)).is_ok()
    });
    let mut cmd = util::vaultsweep();
    cmd.current_dir(dir.path())
        .args([
            "scan",
            "--format",
            "json",
            "--verify",
            "--verify-rate",
            "50",
        ])
        .args([
            "--verify-ca-file",
            &dir.join("ca.pem").display().to_string(),
            ".",
        ])
        .env_remove("VAULT_ADDR")
        .env("HTTPS_PROXY", format!("http://127.0.0.1:{proxy_port}"));
    let run = util::Run::of(&mut cmd);
    let findings = run.json_array();
    for r in &rules {
        let f = findings
            .iter()
            .find(|f| f["rule_id"] == r.id.as_str())
            .unwrap();
        assert_eq!(
            f["verification"]["state"], "invalid",
            "{}: {:#}",
            r.id, f["verification"]
        );
    }
    let connects = std::fs::read_to_string(&proxy_log).unwrap();
    let asked: std::collections::BTreeSet<&str> = connects.lines().collect();
    let expected: std::collections::BTreeSet<String> =
        hosts.iter().map(|h| format!("CONNECT {h}:443")).collect();
    assert_eq!(
        asked,
        expected.iter().map(String::as_str).collect(),
        "{connects}"
    );
}

/// A CONNECT proxy (Python's standard library) that logs each CONNECT line and tunnels every
/// one to the local HTTPS test server, whatever host it names.
const CONNECT_PROXY: &str = r#"
import socket, sys, threading
port, target, log_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def pipe(a, b):
    try:
        while True:
            d = a.recv(65536)
            if not d:
                break
            b.sendall(d)
    except OSError:
        pass
    finally:
        for s in (a, b):
            try: s.shutdown(socket.SHUT_RDWR)
            except OSError: pass
def handle(c):
    head = b''
    while b'\r\n\r\n' not in head:
        d = c.recv(4096)
        if not d:
            c.close(); return
        head += d
    line = head.split(b'\r\n')[0].decode()
    with open(log_path, 'a') as f:
        f.write(' '.join(line.split(' ')[:2]) + '\n')
    if not line.startswith('CONNECT '):
        c.sendall(b'HTTP/1.1 405 Method Not Allowed\r\n\r\n'); c.close(); return
    u = socket.create_connection(('127.0.0.1', target))
    c.sendall(b'HTTP/1.1 200 Connection established\r\n\r\n')
    threading.Thread(target=pipe, args=(c, u), daemon=True).start()
    pipe(u, c)
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', port)); s.listen(64)
while True:
    c, _ = s.accept()
    threading.Thread(target=handle, args=(c,), daemon=True).start()
"#;

#[test]
fn a_verifier_sending_the_secret_elsewhere_is_rejected_at_rule_load() {
    let dir = TestDir::new();
    let rule = |url: &str| {
        format!(
            "[[rules]]\nid = \"github.test-token\"\nname = \"t\"\ncategory = \"api-key\"\ntier = \"high\"\nkeywords = [\"ghx_\"]\npattern = '''(ghx_[a-z0-9]{{20}})'''\nexamples = ['''ghx_q8w2k5z1m9r4t7y3b6n0''']\nverify = {{ url = \"{url}\", headers = {{ Authorization = \"token {{secret}}\" }} }}\n"
        )
    };
    dir.write("good.toml", rule("https://api.github.com/user"));
    dir.write("bad.toml", rule("https://collector.example.net/user"));
    let good = dir.run(&["rules", "check", "good.toml"]);
    assert_eq!(good.code, 0, "{}", good.describe());
    let bad = dir.run(&["rules", "check", "bad.toml"]);
    assert_eq!(bad.code, 2, "{}", bad.describe());
    let all = format!("{}{}", bad.stdout, bad.stderr);
    assert!(
        all.contains("collector.example.net") && all.contains("api.github.com"),
        "{all}"
    );
    // The same rule in a scan's config is refused too: the scan does not start.
    dir.write(
        ".vaultsweep.toml",
        rule("https://collector.example.net/user"),
    );
    dir.write("app.txt", "nothing here\n");
    let scan = dir.scan(&["--verify", "app.txt"]);
    assert_eq!(scan.code, 2, "{}", scan.describe());
    assert!(
        scan.stderr.contains("collector.example.net"),
        "{}",
        scan.stderr
    );
}

#[test]
fn aws_keys_against_moto_sts_with_sigv4() {
    let test = "aws_keys_against_moto_sts_with_sigv4";
    let moto = std::env::var_os("VAULTSWEEP_MOTO")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/moto-venv/bin/moto_server"));
    if !moto.is_file() {
        if required() {
            panic!(
                "VAULTSWEEP_REQUIRE_VERIFY is set but no moto_server at {} (set VAULTSWEEP_MOTO)",
                moto.display()
            );
        }
        eprintln!(
            "SKIPPED {test}: no moto_server (python3 -m venv /tmp/moto-venv && /tmp/moto-venv/bin/pip install moto==5.2.6 flask flask-cors)"
        );
        return;
    }
    let python = moto.with_file_name("python");
    let dir = TestDir::new();
    test_pki(&dir, &["sts.amazonaws.com"]);
    let port = free_port();
    let argv: Vec<String> = vec![
        "env".into(),
        // The first two requests (CreateUser, CreateAccessKey) need no credentials; every later
        // one is authenticated against moto's IAM, signature included.
        "INITIAL_NO_AUTH_ACTION_COUNT=2".into(),
        moto.display().to_string(),
        "-H".into(),
        "127.0.0.1".into(),
        "-p".into(),
        port.to_string(),
        "-c".into(),
        dir.join("server.pem").display().to_string(),
        "-k".into(),
        dir.join("server.key").display().to_string(),
    ];
    let _server = Guarded::spawn(&argv, &dir.join("moto.log"));
    wait_for("moto to listen", Duration::from_secs(60), || {
        TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    let script = format!(
        "import boto3, urllib3\nurllib3.disable_warnings()\nc = boto3.client('iam', endpoint_url='https://127.0.0.1:{port}', region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x', verify=False)\nc.create_user(UserName='app')\nk = c.create_access_key(UserName='app')['AccessKey']\nprint(k['AccessKeyId'], k['SecretAccessKey'])\n"
    );
    let out = Command::new(&python)
        .arg("-c")
        .arg(&script)
        .output()
        .expect("python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (key_id, secret) = text.trim().split_once(' ').expect("key id and secret");
    let mut wrong: Vec<u8> = secret.bytes().collect();
    wrong[5] = if wrong[5] == b'A' { b'B' } else { b'A' };
    let wrong = String::from_utf8(wrong).unwrap();
    dir.write(
        "a/credentials",
        format!("[default]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n"),
    );
    dir.write(
        "b/credentials",
        format!("[default]\naws_access_key_id = {key_id}\naws_secret_access_key = {wrong}\n"),
    );
    let ca = dir.join("ca.pem").display().to_string();
    let resolve = format!("sts.amazonaws.com=127.0.0.1:{port}");
    let (_, findings) = scan_verify(
        &dir,
        &[
            "--verify-ca-file",
            &ca,
            "--verify-resolve",
            &resolve,
            "--show-secrets",
        ],
    );
    assert_eq!(
        state_of(&findings, "aws.secret-access-key", secret),
        ["live"],
        "{findings:#?}"
    );
    assert_eq!(
        state_of(&findings, "aws.secret-access-key", &wrong),
        ["invalid"],
        "{findings:#?}"
    );
    let live = findings.iter().find(|f| f["secret"] == secret).unwrap();
    assert!(
        live["verification"]["reason"]
            .as_str()
            .unwrap()
            .contains("arn:aws:iam::"),
        "{live:#}"
    );
}

// ---------------------------------------------------------------------------------------------
// Scale: 1,000 findings under the rate limit, with a progress bar on a terminal

#[test]
fn a_thousand_findings_finish_within_the_rate_limit_with_a_progress_bar() {
    let (port, accepted) = counting_listener();
    let dir = TestDir::new();
    let mut text = String::new();
    let mut rng = util::Rng::new();
    for i in 0..1000 {
        let pw = rng.string(
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            20,
        );
        text.push_str(&format!(
            "DB_{i}=postgres://app:{pw}@127.0.0.1:{port}/app\n"
        ));
    }
    dir.write("many.env", &text);
    let rate = 250u32;
    let start = Instant::now();
    let (_, findings) = scan_verify(&dir, &["--verify-rate", &rate.to_string()]);
    let elapsed = start.elapsed();
    let found: std::collections::HashSet<u64> =
        findings.iter().map(|f| util::n(f, "line")).collect();
    let missed: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(i, _)| !found.contains(&(*i as u64 + 1)))
        .map(|(_, l)| l)
        .collect();
    assert!(missed.is_empty(), "not found: {missed:?}");
    assert_eq!(findings.len(), 1000);
    assert!(
        findings
            .iter()
            .all(|f| f["verification"]["state"] == "unknown")
    );
    wait_for("1000 connections", Duration::from_secs(5), || {
        accepted.load(std::sync::atomic::Ordering::SeqCst) == 1000
    });
    // 1,000 attempts at 250/s: never faster than the limit, and not much slower.
    let floor = Duration::from_millis(999 * 1000 / u64::from(rate));
    assert!(
        elapsed >= floor,
        "{elapsed:?} < {floor:?}: the rate limit was not kept"
    );
    assert!(elapsed < floor + Duration::from_secs(20), "{elapsed:?}");
    // On a terminal (script(1) gives the binary a pty) a progress bar is drawn on stderr.
    if Command::new("script").arg("--version").output().is_ok() {
        let small = TestDir::new();
        small.write(".env", text.lines().take(40).collect::<Vec<_>>().join("\n"));
        let cmd = format!(
            "{} scan --verify --verify-rate 20 -f json -o /dev/null .",
            env!("CARGO_BIN_EXE_vaultsweep")
        );
        let out = Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .current_dir(small.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("script");
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(
            shown.contains("verifying") && shown.contains("/40 secrets"),
            "{shown}"
        );
    }
}

#[test]
fn every_report_format_carries_the_verification() {
    let dir = TestDir::new();
    let pw = util::url_password();
    dir.write(
        ".env",
        format!("DATABASE_URL=postgres://app:{pw}@db.internal:5432/app\n"),
    );
    let run = |format: &str| {
        let r = dir.scan(&["--verify", "--verify-dry-run", "--format", format, "."]);
        assert_eq!(r.code, 1, "{}", r.describe());
        r
    };
    let want = serde_json::json!({
        "state": "skipped",
        "endpoint": "postgres://db.internal:5432",
        "reason": "dry run: nothing contacted",
    });
    let sarif: Value = serde_json::from_str(&run("sarif").stdout).unwrap();
    util::assert_schema_valid(
        crate::report::sarif_validator(),
        &sarif,
        "SARIF with verification",
    );
    assert_eq!(
        sarif["runs"][0]["results"][0]["properties"]["verification"],
        want
    );
    let gitlab: Value = serde_json::from_str(&run("gitlab").stdout).unwrap();
    util::assert_schema_valid(
        crate::ci_formats::gitlab_validator(),
        &gitlab,
        "GitLab with verification",
    );
    let details = &gitlab["vulnerabilities"][0]["details"];
    assert_eq!(details["verification"]["value"], "skipped");
    assert_eq!(
        details["verification_endpoint"]["value"],
        "postgres://db.internal:5432"
    );
    let jsonl = run("jsonl").stdout;
    let first: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["verification"], want);
    let github = run("github").stdout;
    assert!(
        github.contains("Verification: skipped (dry run: nothing contacted)."),
        "{github}"
    );
    let text = run("text").stdout;
    assert!(text.contains(" skipped "), "{text}");
    assert!(
        text.contains("Verification: 0 live; contacted no host"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// Verifiers written in code (paired credentials, signed requests) against the local HTTPS server

/// `scan --verify EXTRA… .` in `dir` as a text report (no proxy from the environment).
fn scan_verify_text(dir: &TestDir, extra: &[String]) -> String {
    let mut cmd = util::vaultsweep();
    cmd.current_dir(dir.path())
        .args(["scan", "--verify", "--verify-rate", "50"])
        .args(extra)
        .arg(".")
        .env_remove("VAULT_ADDR")
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy");
    let run = util::Run::of(&mut cmd);
    assert!(run.code == 0 || run.code == 1, "{}", run.describe());
    run.stdout
}

/// Starts `script` (argv: port, spec, log, cert, key) as a local HTTPS server for `hosts` in
/// `dir`, and returns it with the scan arguments that point those hosts at it.
fn local_https(
    dir: &TestDir,
    python: &Path,
    hosts: &[&str],
    script: &str,
    spec: &str,
) -> (Guarded, Vec<String>) {
    test_pki(dir, hosts);
    let spec_path = dir.write("spec.json", spec);
    let port = free_port();
    dir.write("server.py", script);
    let argv: Vec<String> = vec![
        python.display().to_string(),
        dir.join("server.py").display().to_string(),
        port.to_string(),
        spec_path.display().to_string(),
        dir.join("requests.log").display().to_string(),
        dir.join("server.pem").display().to_string(),
        dir.join("server.key").display().to_string(),
    ];
    let server = Guarded::spawn(&argv, &dir.join("server.out"));
    wait_for("the HTTPS test server", Duration::from_secs(20), || {
        TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    let mut args = vec![
        "--verify-ca-file".to_string(),
        dir.join("ca.pem").display().to_string(),
        "--show-secrets".to_string(),
    ];
    for h in hosts {
        args.push("--verify-resolve".into());
        args.push(format!("{h}=127.0.0.1:{port}"));
    }
    (server, args)
}

fn requests(dir: &TestDir) -> Vec<Value> {
    std::fs::read_to_string(dir.join("requests.log"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn verification_of<'a>(findings: &'a [Value], rule: &str, path: &str) -> &'a Value {
    &findings
        .iter()
        .find(|f| f["rule_id"] == rule && f["path"].as_str().is_some_and(|p| p.ends_with(path)))
        .unwrap_or_else(|| panic!("no {rule} finding in {path}: {findings:#?}"))["verification"]
}

/// The verification of the finding among `findings` whose path starts with `dir`.
fn verification_under(findings: &[&Value], dir: &str) -> Value {
    findings
        .iter()
        .find(|f| f["rel_path"].as_str().unwrap().starts_with(dir))
        .map(|f| f["verification"].clone())
        .unwrap_or_else(|| panic!("no finding under {dir}: {findings:#?}"))
}

fn basic(user: &str, password: &str) -> String {
    use base64::Engine as _;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

#[test]
fn twilio_token_and_api_key_paired_with_the_account_sid() {
    let test = "twilio_token_and_api_key_paired_with_the_account_sid";
    let Some(python) = python3(test) else { return };
    let dir = TestDir::new();
    let sid = "AC4c9e1f07d3a25b86e0f1a9c37d52b8e4"; // vaultsweep:allow
    let token = "9f2b7c41e08d36a5b1c4e7f20a93d65b"; // vaultsweep:allow
    let wrong = "0d3e8a61f5b24c79e2a0d48b13f67c9e"; // vaultsweep:allow
    let key_sid = "SK7e20b9d4c1f36a85e4b07d2c9a1f63e8"; // vaultsweep:allow
    let key_secret = "q7Lm2VxT9pR4sK8nW3cY6hJ1bF5dZ0gA"; // vaultsweep:allow
    let path = format!("/2010-04-01/Accounts/{sid}.json");
    let route = |user: &str, secret: &str| {
        serde_json::json!({
            "method": "GET", "host": "api.twilio.com", "path": path,
            "headers": {"authorization": basic(user, secret)}, "body": null,
            "live": 200, "live_body": "{\"status\":\"active\"}",
            "invalid": 401, "invalid_body": "{\"code\":20003,\"message\":\"Authenticate\"}",
        })
    };
    let spec = serde_json::to_string(&[route(sid, token), route(key_sid, key_secret)]).unwrap();
    let (_server, args) = local_https(&dir, &python, &["api.twilio.com"], HTTPS_SERVER, &spec);
    // Account SIDs are identifiers: their rule is opt-in, and pairing needs it.
    dir.write(".vaultsweep.toml", "enable = [\"twilio.account-sid\"]\n");
    // The SID a few lines away from its token; a second file with a wrong token; a token with
    // no SID in its file (not paired, nothing sent); an API key SID + secret + account SID.
    dir.write(
        "live.env",
        format!("TWILIO_ACCOUNT_SID={sid}\nOTHER=1\nTWILIO_AUTH_TOKEN={token}\n"),
    );
    dir.write(
        "wrong.env",
        format!("TWILIO_AUTH_TOKEN={wrong}\nTWILIO_ACCOUNT_SID={sid}\n"),
    );
    dir.write("alone.env", format!("TWILIO_AUTH_TOKEN={token}\n"));
    dir.write(
        "apikey.env",
        format!(
            "TWILIO_ACCOUNT_SID={sid}\nTWILIO_API_KEY={key_sid}\nTWILIO_API_SECRET={key_secret}\n"
        ),
    );
    dir.write(
        "apikey-alone.env",
        format!("TWILIO_API_KEY={key_sid}\nTWILIO_API_SECRET={key_secret}\n"),
    );
    let args_ref: Vec<&str> = args.iter().map(String::as_str).collect();
    let (_, findings) = scan_verify(&dir, &args_ref);
    let v = verification_of(&findings, "twilio.auth-token", "live.env");
    assert_eq!(v["state"], "live", "{v:#}");
    assert_eq!(
        v["endpoint"],
        format!("https://api.twilio.com{path}"),
        "{v:#}"
    );
    let v = verification_of(&findings, "twilio.auth-token", "wrong.env");
    assert_eq!(v["state"], "invalid", "{v:#}");
    let v = verification_of(&findings, "twilio.auth-token", "alone.env");
    assert_eq!(v["state"], "unknown", "{v:#}");
    assert!(
        v["reason"].as_str().unwrap().contains("account SID"),
        "{v:#}"
    );
    let v = verification_of(&findings, "twilio.api-key-secret", "apikey.env");
    assert_eq!(v["state"], "live", "{v:#}");
    let v = verification_of(&findings, "twilio.api-key-secret", "apikey-alone.env");
    assert_eq!(v["state"], "unknown", "{v:#}");
    // The SIDs are reported (LOW identifiers) but not verified on their own.
    let v = verification_of(&findings, "twilio.account-sid", "live.env");
    assert_eq!(v["state"], "unknown", "{v:#}");
    // Three requests: right token, wrong token, API key; every one with basic auth on the
    // account's URL.
    let sent = requests(&dir);
    assert_eq!(sent.len(), 3, "{sent:#?}");
    assert!(
        sent.iter()
            .all(|r| r["path"] == path.as_str() && r["method"] == "GET"),
        "{sent:#?}"
    ); // The text report shows the two live HIGH secrets one tier up, says why, and leaves the
    // finding's own tier alone in JSON.
    let text = scan_verify_text(&dir, &args);
    let raised: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("raised: verified live"))
        .collect();
    assert_eq!(raised.len(), 2, "{text}");
    assert!(
        raised
            .iter()
            .all(|l| l.contains("CRITICAL raised: verified live (rule tier HIGH)")),
        "{text}"
    );
    assert_eq!(text.matches("LIVE CRITICAL").count(), 2, "{text}");
    assert!(!text.contains("invalid CRITICAL"), "{text}");
    let v = findings
        .iter()
        .find(|f| f["rule_id"] == "twilio.auth-token" && f["path"] == "live.env")
        .unwrap();
    assert_eq!(v["tier"], "high");
}

#[test]
fn google_api_keys_accepted_rejected_or_restricted() {
    let test = "google_api_keys_accepted_rejected_or_restricted";
    let Some(python) = python3(test) else { return };
    let dir = TestDir::new();
    let accepted = "AIzaSyB3kQ9vX2mT7pL4wR8nZ1cF6hJ0dG5sKxE"; // vaultsweep:allow
    let rejected = "AIzaSyD8rN2qW5vL1xK7mT4pZ9cH3jF6bG0sAyU"; // vaultsweep:allow
    let restricted = "AIzaSyF1tM6wQ3zR8nL5kX2pV7cJ9hD4bG0sEyI"; // vaultsweep:allow
    // Google's answers (HTTP 200 in every case; the status is in the body).
    let route = |key: &str, body: &str| {
        serde_json::json!({
            "method": "GET", "host": "maps.googleapis.com",
            "path": format!("/maps/api/geocode/json?address=x&key={key}"),
            "headers": {}, "body": null, "live": 200, "live_body": body,
            "invalid": 400, "invalid_body": "{}",
        })
    };
    let spec = serde_json::to_string(&[
        route(accepted, r#"{"results" : [], "status" : "ZERO_RESULTS"}"#),
        route(
            rejected,
            r#"{"error_message" : "The provided API key is invalid. ", "results" : [], "status" : "REQUEST_DENIED"}"#,
        ),
        route(
            restricted,
            r#"{"error_message" : "This API project is not authorized to use this API.", "results" : [], "status" : "REQUEST_DENIED"}"#,
        ),
    ])
    .unwrap();
    let (_server, args) = local_https(&dir, &python, &["maps.googleapis.com"], HTTPS_SERVER, &spec);
    for (name, key) in [("a", accepted), ("b", rejected), ("c", restricted)] {
        dir.write(&format!("{name}.env"), format!("GOOGLE_API_KEY={key}\n"));
    }
    let args_ref: Vec<&str> = args.iter().map(String::as_str).collect();
    let (_, findings) = scan_verify(&dir, &args_ref);
    let v = verification_of(&findings, "google.api-key", "a.env");
    assert_eq!(v["state"], "live", "{v:#}");
    // The key is in the query string: the endpoint shown stops before it.
    assert_eq!(
        v["endpoint"], "https://maps.googleapis.com/maps/api/geocode/json",
        "{v:#}"
    );
    let v = verification_of(&findings, "google.api-key", "b.env");
    assert_eq!(v["state"], "invalid", "{v:#}");
    let v = verification_of(&findings, "google.api-key", "c.env");
    assert_eq!(v["state"], "unknown", "{v:#}");
    assert!(
        v["reason"].as_str().unwrap().contains("REQUEST_DENIED"),
        "{v:#}"
    );
    assert_eq!(requests(&dir).len(), 3);
}

/// A local Azure Blob service (Python's standard library) that checks Shared Key signatures the
/// way Microsoft documents them, computed here independently of vaultsweep: the spec maps
/// account names to their base64 keys; `GET /?comp=list` with a right signature, a fresh
/// `x-ms-date` and an `x-ms-version` is 200, a wrong signature 403 `AuthenticationFailed`.
const AZURE_SERVER: &str = r#"
import base64, email.utils, hashlib, hmac, json, ssl, sys, time, http.server, urllib.parse
port, spec_path, log_path, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        host = self.headers.get('Host') or ''
        account = host.split('.')[0]
        auth = self.headers.get('Authorization') or ''
        with open(log_path, 'a') as f:
            f.write(json.dumps({'method': 'GET', 'path': self.path, 'host': host, 'auth': auth.split(':')[0]}) + '\n')
        keys = json.load(open(spec_path))
        u = urllib.parse.urlsplit(self.path)
        ms = sorted((k.lower(), v.strip()) for k, v in self.headers.items() if k.lower().startswith('x-ms-'))
        headers = ''.join(f'{k}:{v}\n' for k, v in ms)
        resource = f'/{account}{u.path}' + ''.join(f'\n{k.lower()}:{",".join(sorted(v))}' for k, v in sorted(urllib.parse.parse_qs(u.query).items()))
        std = [self.headers.get(h) or '' for h in ('Content-Encoding', 'Content-Language', 'Content-Length', 'Content-MD5', 'Content-Type', 'Date', 'If-Modified-Since', 'If-Match', 'If-None-Match', 'If-Unmodified-Since', 'Range')]
        to_sign = 'GET\n' + ''.join(x + '\n' for x in std) + headers + resource
        date = self.headers.get('x-ms-date')
        fresh = date is not None and abs(time.time() - email.utils.parsedate_to_datetime(date).timestamp()) < 900
        ok = False
        if account in keys and fresh and self.headers.get('x-ms-version') and u.path == '/' and u.query == 'comp=list':
            sig = base64.b64encode(hmac.new(base64.b64decode(keys[account]), to_sign.encode(), hashlib.sha256).digest()).decode()
            ok = auth == f'SharedKey {account}:{sig}'
        if ok:
            status, text = 200, '<?xml version="1.0" encoding="utf-8"?><EnumerationResults><Containers/></EnumerationResults>'
        else:
            status, text = 403, '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.</Message></Error>'
        self.send_response(status)
        self.send_header('Content-Type', 'application/xml')
        self.send_header('Content-Length', str(len(text)))
        self.end_headers()
        self.wfile.write(text.encode())
    def log_message(self, *a): pass
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
s = http.server.ThreadingHTTPServer(('127.0.0.1', port), H)
s.socket = ctx.wrap_socket(s.socket, server_side=True)
print('ready', flush=True)
s.serve_forever()
"#;

#[test]
fn azure_storage_keys_shared_key_signed_to_the_account_host() {
    let test = "azure_storage_keys_shared_key_signed_to_the_account_host";
    let Some(python) = python3(test) else { return };
    let dir = TestDir::new();
    let right =
        "kP3vN8qW2xL5mT9rZ1cF6hJ0dG4sB7yEaU2iO5pQ8wR3tY6uI9oP1aS4dF7gH0jK3lZ6xC9vB2nM5qW8eR1tYg=="; // vaultsweep:allow
    let wrong =
        "UZaVL5GV7hUJ4b50AopyYMaOnA2g/3UIAx6sGoV+bSW8VN79Iwl71KIpjlRFvf8mczA0l+1YLenzI+32XcukBA=="; // vaultsweep:allow
    let spec = serde_json::json!({ "billing01": right, "archive7": right }).to_string();
    let hosts = [
        "billing01.blob.core.windows.net",
        "archive7.blob.core.windows.net",
    ];
    let (_server, args) = local_https(&dir, &python, &hosts, AZURE_SERVER, &spec);
    dir.write(
        "live.env",
        format!("AZURE_STORAGE=DefaultEndpointsProtocol=https;AccountName=billing01;AccountKey={right};EndpointSuffix=core.windows.net\n"),
    );
    dir.write(
        "wrong.env",
        format!("AZURE_STORAGE=DefaultEndpointsProtocol=https;AccountName=archive7;AccountKey={wrong};EndpointSuffix=core.windows.net\n"),
    );
    // A key without its account name: not paired, nothing sent.
    dir.write("alone.env", format!("AZURE_STORAGE_KEY={right}\n"));
    let args_ref: Vec<&str> = args.iter().map(String::as_str).collect();
    let (_, findings) = scan_verify(&dir, &args_ref);
    let v = verification_of(&findings, "azure.storage-account-key", "live.env");
    assert_eq!(v["state"], "live", "{v:#}");
    assert_eq!(
        v["endpoint"], "https://billing01.blob.core.windows.net/?comp=list",
        "{v:#}"
    );
    let v = verification_of(&findings, "azure.storage-account-key", "wrong.env");
    assert_eq!(v["state"], "invalid", "{v:#}");
    assert!(
        v["reason"]
            .as_str()
            .unwrap()
            .contains("AuthenticationFailed"),
        "{v:#}"
    );
    let v = verification_of(&findings, "azure.storage-account-key", "alone.env");
    assert_eq!(v["state"], "unknown", "{v:#}");
    assert!(
        v["reason"].as_str().unwrap().contains("AccountName"),
        "{v:#}"
    );
    let sent = requests(&dir);
    assert_eq!(sent.len(), 2, "{sent:#?}");
    for r in &sent {
        let account = r["host"].as_str().unwrap().split('.').next().unwrap();
        assert_eq!(r["auth"], format!("SharedKey {account}"), "{sent:#?}");
        assert_eq!(r["path"], "/?comp=list", "{sent:#?}");
    }
    // The allow-list takes the accounts' wildcard; another host list skips them.
    let mut only = args.clone();
    only.extend(["--verify-hosts".into(), "*.blob.core.windows.net".into()]);
    let only_ref: Vec<&str> = only.iter().map(String::as_str).collect();
    let (_, findings) = scan_verify(&dir, &only_ref);
    let v = verification_of(&findings, "azure.storage-account-key", "live.env");
    assert_eq!(v["state"], "live", "{v:#}");
    let mut other = args.clone();
    other.extend(["--verify-hosts".into(), "api.github.com".into()]);
    let other_ref: Vec<&str> = other.iter().map(String::as_str).collect();
    let (_, findings) = scan_verify(&dir, &other_ref);
    let v = verification_of(&findings, "azure.storage-account-key", "live.env");
    assert_eq!(v["state"], "skipped", "{v:#}");
    assert_eq!(requests(&dir).len(), 4);
    // Already CRITICAL: shown LIVE, never above CRITICAL, no "raised" note.
    let text = scan_verify_text(&dir, &args);
    assert_eq!(text.matches("LIVE CRITICAL").count(), 1, "{text}");
    assert!(!text.contains("raised"), "{text}");
}
