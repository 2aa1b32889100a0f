//! Shared helpers: temporary trees, the binary under test, random fake secrets.
//!
//! Every secret the suite plants is generated at run time, so no test source file carries a
//! credential-shaped literal and every run uses values no rule author has seen.

#![allow(dead_code)] // not every test module uses every helper

use assert_cmd::Command;
use serde_json::Value;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

// ---------------------------------------------------------------------------------------------
// Temporary trees

/// A temporary directory tree, removed on drop.
pub struct TestDir {
    dir: tempfile::TempDir,
}

impl TestDir {
    /// A fresh empty directory.
    pub fn new() -> Self {
        TestDir {
            dir: tempfile::Builder::new()
                .prefix("vsit")
                .tempdir()
                .expect("create temp dir"),
        }
    }

    /// Absolute path of the tree's root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Absolute path of `rel` inside the tree.
    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes `bytes` to `rel` (parent directories created) and returns the absolute path.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create parent dirs");
        }
        std::fs::write(&p, bytes).expect("write test file");
        p
    }

    /// Creates a directory (and its parents).
    pub fn mkdir(&self, rel: &str) -> PathBuf {
        let p = self.join(rel);
        std::fs::create_dir_all(&p).expect("create dir");
        p
    }

    /// Creates a symbolic link at `rel` pointing to `target` (taken literally).
    #[cfg(unix)]
    pub fn symlink(&self, target: impl AsRef<Path>, rel: &str) -> PathBuf {
        let p = self.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create parent dirs");
        }
        std::os::unix::fs::symlink(target, &p).expect("create symlink");
        p
    }

    /// `vaultsweep ARGS…` run with this tree as the current directory.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = vaultsweep();
        cmd.current_dir(self.path()).args(args);
        Run::of(&mut cmd)
    }

    /// `vaultsweep scan ARGS…` in this tree (paths are relative to it).
    pub fn scan(&self, args: &[&str]) -> Run {
        let mut all = vec!["scan"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `vaultsweep scan --format json ARGS…`, with the parsed findings. Panics unless the
    /// command exits 0 or 1 with a JSON array on stdout.
    pub fn scan_json(&self, args: &[&str]) -> (Run, Vec<Value>) {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let run = self.scan(&all);
        assert!(
            run.code == 0 || run.code == 1,
            "scan {all:?} failed:\n{}",
            run.describe()
        );
        let findings = run.json_array();
        (run, findings)
    }
}

/// The binary under test, isolated from the user's git configuration (global excludes could
/// otherwise hide files) and from colour settings.
pub fn vaultsweep() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vaultsweep"));
    let nowhere = std::env::temp_dir().join("vaultsweep-it-no-home");
    cmd.env("HOME", &nowhere)
        .env("XDG_CONFIG_HOME", &nowhere)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .env_remove("RUST_LOG")
        .env_remove("GIT_DIR");
    cmd
}

/// A finished command.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 if killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Runs `cmd` to completion.
    pub fn of(cmd: &mut Command) -> Run {
        let out = cmd.output().expect("run vaultsweep");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Exit code, stdout and stderr, for assertion messages.
    pub fn describe(&self) -> String {
        format!(
            "exit code {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    /// Stdout parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.describe()))
    }

    /// Stdout parsed as a JSON array.
    pub fn json_array(&self) -> Vec<Value> {
        match self.json() {
            Value::Array(a) => a,
            other => panic!("expected a JSON array, got {other}"),
        }
    }

    /// Asserts the exit code, showing everything on failure.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            code,
            "unexpected exit code:\n{}",
            self.describe()
        );
        self
    }
}

// ---------------------------------------------------------------------------------------------
// Findings (JSON objects as printed by `scan --format json`)

/// A string field of a finding.
pub fn s<'a>(f: &'a Value, key: &str) -> &'a str {
    f[key]
        .as_str()
        .unwrap_or_else(|| panic!("finding has no string field {key:?}: {f}"))
}

/// An integer field of a finding.
pub fn n(f: &Value, key: &str) -> u64 {
    f[key]
        .as_u64()
        .unwrap_or_else(|| panic!("finding has no integer field {key:?}: {f}"))
}

/// Findings whose path relative to the scan root is `rel`.
pub fn in_file<'a>(findings: &'a [Value], rel: &str) -> Vec<&'a Value> {
    findings
        .iter()
        .filter(|f| s(f, "rel_path") == rel)
        .collect()
}

/// Findings in `rel` on `line`.
pub fn at<'a>(findings: &'a [Value], rel: &str, line: u64) -> Vec<&'a Value> {
    findings
        .iter()
        .filter(|f| s(f, "rel_path") == rel && n(f, "line") == line)
        .collect()
}

/// Compact one-line summary of findings for assertion messages.
pub fn summary(findings: &[Value]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {} [{} {}] {}",
                f["rel_path"].as_str().unwrap_or("?"),
                f["line"],
                f["column"],
                f["rule_id"].as_str().unwrap_or("?"),
                f["category"].as_str().unwrap_or("?"),
                f["tier"].as_str().unwrap_or("?"),
                f["secret_masked"].as_str().unwrap_or("?"),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rank of a tier name: low 0 … critical 3.
pub fn tier_rank(t: &str) -> u8 {
    match t {
        "low" => 0,
        "medium" => 1,
        "high" => 2,
        "critical" => 3,
        other => panic!("unknown tier {other:?}"),
    }
}

/// Rotation period the company guide sets for a tier.
pub fn rotation_days(t: &str) -> u64 {
    match t {
        "critical" => 30,
        "high" => 90,
        "medium" => 180,
        "low" => 365,
        other => panic!("unknown tier {other:?}"),
    }
}

/// How the scanner masks a secret (`ghp_…(40 chars)`).
pub fn masked(secret: &str) -> String {
    vaultsweep::finding::Secret::new(secret).masked()
}

/// 1-based line of the first occurrence of `needle` in `text`.
pub fn line_of(text: &str, needle: &str) -> u64 {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    text[..at].matches('\n').count() as u64 + 1
}

/// Absolute path of a file in the repository (fixtures, src…).
pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

// ---------------------------------------------------------------------------------------------
// Random fake secrets

/// splitmix64, seeded from the clock, the pid, a counter and std's per-process random keys.
pub struct Rng(u64);

impl Rng {
    /// A freshly seeded generator.
    pub fn new() -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut h = RandomState::new().build_hasher();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        h.write_u128(nanos);
        h.write_u32(std::process::id());
        h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        Rng(h.finish())
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// `len` characters drawn from `alphabet`.
    pub fn string(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())] as char)
            .collect()
    }

    /// [`Rng::string`] drawn again while the draw reads as a placeholder: twenty random letters
    /// and digits spell `todo` or `xxxx` about once in 20,000 draws (`3TODozFEZ5…` failed a CI
    /// run), and a test that plants a secret must not fail by the luck of the draw.
    pub fn secret(&mut self, alphabet: &[u8], len: usize) -> String {
        loop {
            let v = self.string(alphabet, len);
            if !vaultsweep::detect::filter::is_placeholder(v.as_bytes()) {
                return v;
            }
        }
    }
}

impl Default for Rng {
    fn default() -> Self {
        Rng::new()
    }
}

const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const DIGITS: &[u8] = b"0123456789";
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const AWS_SECRET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";
const SYMBOLS: &[u8] = b"!%*-_+=@^";

/// Draws until `make` yields a value that looks like a real secret: not something the
/// scanner's placeholder or code-text filters would drop (by chance a random string can contain
/// `todo`, `xxxx`, a sequence, a printf placeholder such as `%s` at its end…) and with at least
/// `min_entropy` bits per byte.
fn realistic(min_entropy: f32, mut make: impl FnMut(&mut Rng) -> String) -> String {
    let mut rng = Rng::new();
    loop {
        let v = make(&mut rng);
        if !vaultsweep::detect::filter::is_placeholder(v.as_bytes())
            && !vaultsweep::detect::literal::is_code_text(v.as_bytes())
            && vaultsweep::detect::filter::shannon_entropy(v.as_bytes()) >= min_entropy
        {
            return v;
        }
    }
}

/// AWS access key id: `AKIA` + 16 of `A-Z2-7`.
pub fn aws_key_id() -> String {
    realistic(3.5, |r| format!("AKIA{}", r.string(BASE32, 16)))
}

/// AWS secret access key: 40 of `[A-Za-z0-9/+]`.
pub fn aws_secret() -> String {
    realistic(4.5, |r| r.string(AWS_SECRET, 40))
}

/// GitHub classic personal access token: `ghp_` + 30 alphanumerics + their CRC32 in 6 base62
/// digits, as GitHub issues them (patterns/github.toml requires the checksum).
pub fn github_pat() -> String {
    const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    realistic(4.5, |r| {
        let random = r.string(ALNUM, 30);
        let mut n = crc32fast::hash(random.as_bytes());
        let mut check = [b'0'; 6];
        for slot in check.iter_mut().rev() {
            *slot = BASE62[(n % 62) as usize];
            n /= 62;
        }
        format!("ghp_{random}{}", String::from_utf8_lossy(&check))
    })
}

/// Stripe live secret key: `sk_live_` + 24 alphanumerics (patterns/stripe.toml: 24–247).
pub fn stripe_live() -> String {
    realistic(4.0, |r| format!("sk_live_{}", r.string(ALNUM, 24)))
}

/// Stripe test secret key: `sk_test_` + 24 alphanumerics.
pub fn stripe_test() -> String {
    realistic(4.0, |r| format!("sk_test_{}", r.string(ALNUM, 24)))
}

/// Slack bot token: `xoxb-` + 12 digits + `-` + 13 digits + `-` + 24 alphanumerics
/// (patterns/slack.toml: 10–13 digits, 10–13 digits, 24 alphanumerics).
pub fn slack_bot() -> String {
    realistic(4.0, |r| {
        format!(
            "xoxb-{}{}-{}{}-{}",
            r.string(b"123456789", 1),
            r.string(DIGITS, 11),
            r.string(b"123456789", 1),
            r.string(DIGITS, 12),
            r.string(ALNUM, 24)
        )
    })
}

/// An application secret as password managers generate one with "at least one symbol": 19–31
/// alphanumerics and one symbol anywhere (`!#*^&~`), starting with a letter. Held under a
/// secret name (not a password name), a value with one stray mark must still be reported: a
/// filter that took it for a one-character near miss dropped two thirds of such values.
pub fn one_symbol_secret() -> String {
    realistic(3.5, |r| {
        let len = 19 + r.below(13);
        let mut p: Vec<u8> = r.string(ALNUM, len).into_bytes();
        let at = 1 + r.below(p.len());
        p.insert(at, b"!#*^&~"[r.below(6)]);
        p.insert(0, LOWER[r.below(LOWER.len())]);
        String::from_utf8(p).expect("ascii")
    })
}

/// A 16-character password with upper, lower, digits and symbols (no quotes, `#`, `$` or
/// spaces, so it stays one token in .env, INI and Python files), starting with a letter.
pub fn password() -> String {
    realistic(3.5, |r| {
        let mut all = Vec::new();
        all.extend_from_slice(UPPER);
        all.extend_from_slice(LOWER);
        all.extend_from_slice(DIGITS);
        all.extend_from_slice(SYMBOLS);
        let mut p: Vec<u8> = r.string(&all, 11).into_bytes();
        // guarantee every class
        for class in [UPPER, LOWER, DIGITS, SYMBOLS] {
            let c = class[r.below(class.len())];
            let at = r.below(p.len() + 1);
            p.insert(at, c);
        }
        // start with a letter, as most generated passwords do (and a leading `%`/`*` reads as
        // a template or a mask)
        p.insert(0, LOWER[r.below(LOWER.len())].to_ascii_uppercase());
        String::from_utf8(p).expect("ascii")
    })
}

/// A 20-character alphanumeric password, safe inside a connection URI.
pub fn url_password() -> String {
    realistic(3.6, |r| r.string(ALNUM, 20))
}

/// An RSA private key in traditional PEM (`BEGIN RSA PRIVATE KEY`), from
/// `openssl genrsa -traditional 2048`: generated once per test run (key generation costs
/// about half a second) and shared by the tests of that run.
pub fn rsa_private_key() -> String {
    static KEY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    KEY.get_or_init(|| openssl(&["genrsa", "-traditional", "2048"]))
        .clone()
}

/// A freshly generated EC private key (`BEGIN EC PRIVATE KEY`).
pub fn ec_private_key() -> String {
    openssl(&["ecparam", "-genkey", "-name", "prime256v1", "-noout"])
}

/// A freshly generated PKCS#8 private key (`BEGIN PRIVATE KEY`).
pub fn pkcs8_private_key() -> String {
    openssl(&["genpkey", "-algorithm", "ed25519"])
}

fn openssl(args: &[&str]) -> String {
    let out = std::process::Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl must be installed to generate private keys (see .ci/run)");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pem = String::from_utf8(out.stdout).expect("PEM is ASCII");
    assert!(
        pem.contains("PRIVATE KEY-----"),
        "not a PEM private key: {pem}"
    );
    pem
}

/// The base64 body lines of a PEM block (what must never be printed).
pub fn pem_body_lines(pem: &str) -> Vec<String> {
    pem.lines()
        .filter(|l| !l.starts_with("-----") && !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The "Must hold" tree of issue 2

/// The secrets planted by [`planted_tree`].
pub struct Planted {
    pub aws_key_id: String,
    pub aws_secret: String,
    pub github: String,
    pub stripe: String,
    pub slack: String,
    pub db_url_password: String,
    pub db_password: String,
    pub rsa_key: String,
}

impl Planted {
    /// Every single-token secret (the key is checked through its body lines).
    pub fn tokens(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("AWS access key id", &self.aws_key_id),
            ("AWS secret access key", &self.aws_secret),
            ("GitHub token", &self.github),
            ("Stripe live key", &self.stripe),
            ("Slack bot token", &self.slack),
            ("database URL password", &self.db_url_password),
            ("DB_PASSWORD", &self.db_password),
        ]
    }
}

/// Path of the AWS credentials file in [`planted_tree`].
pub const AWS_FILE: &str = "config/aws_credentials.ini";
/// Path of the Python settings in [`planted_tree`].
pub const SETTINGS: &str = "config/settings.py";
/// Path of the production env file in [`planted_tree`].
pub const ENV_PROD: &str = ".env.production";
/// Path of the TLS key in [`planted_tree`].
pub const TLS_KEY: &str = "tls/server.key";

/// A small service tree with every secret the "Must hold" section names, freshly
/// generated, next to ordinary code.
pub fn planted_tree() -> (TestDir, Planted) {
    let p = Planted {
        aws_key_id: aws_key_id(),
        aws_secret: aws_secret(),
        github: github_pat(),
        stripe: stripe_live(),
        slack: slack_bot(),
        db_url_password: url_password(),
        db_password: password(),
        rsa_key: rsa_private_key(),
    };
    let t = TestDir::new();
    t.write(
        "README.md",
        "# Herd service\n\nRun `make dev`; settings come from the environment.\n",
    );
    t.write(
        "app/main.py",
        "import os\n\nfrom config import settings\n\n\ndef handler(event):\n    return {\"ok\": True, \"region\": os.environ.get(\"AWS_REGION\")}\n",
    );
    t.write(
        AWS_FILE,
        format!(
            "[default]\naws_access_key_id = {}\naws_secret_access_key = {}\nregion = eu-west-1\n",
            p.aws_key_id, p.aws_secret
        ),
    );
    t.write(
        SETTINGS,
        format!(
            "\"\"\"Service settings.\"\"\"\nimport os\n\nDEBUG = False\nGITHUB_TOKEN = \"{}\"\nSTRIPE_SECRET_KEY = \"{}\"\nSLACK_BOT_TOKEN = \"{}\"\nDATABASE_PASSWORD = os.environ[\"DATABASE_PASSWORD\"]\n",
            p.github, p.stripe, p.slack
        ),
    );
    t.write(
        ENV_PROD,
        format!(
            "APP_NAME=herd-api\nDATABASE_URL={}://app_user:{}@prod-db.example.internal:5432/app\nDB_PASSWORD={}\nLOG_LEVEL=info\n",
            "postgresql", p.db_url_password, p.db_password
        ),
    );
    t.write(TLS_KEY, &p.rsa_key);
    (t, p)
}

#[test]
fn generators_produce_the_documented_shapes() {
    let all_of = |s: &str, set: &[u8]| s.bytes().all(|b| set.contains(&b));
    for _ in 0..20 {
        let id = aws_key_id();
        assert!(id.len() == 20 && id.starts_with("AKIA") && all_of(&id[4..], BASE32));
        let sec = aws_secret();
        assert!(sec.len() == 40 && all_of(&sec, AWS_SECRET));
        let gh = github_pat();
        assert!(gh.len() == 40 && gh.starts_with("ghp_") && all_of(&gh[4..], ALNUM));
        let st = stripe_live();
        assert!(st.len() == 32 && all_of(&st[8..], ALNUM));
        let sl = slack_bot();
        let parts: Vec<&str> = sl.split('-').collect();
        assert_eq!(parts.len(), 4, "{sl}");
        assert!(parts[1].len() == 12 && parts[2].len() == 13 && parts[3].len() == 24);
        let pw = password();
        assert_eq!(pw.len(), 16);
        assert!(pw.as_bytes()[0].is_ascii_alphabetic(), "{pw}");
        for class in [UPPER, LOWER, DIGITS, SYMBOLS] {
            assert!(pw.bytes().any(|b| class.contains(&b)), "{pw}");
        }
    }
    assert_ne!(github_pat(), github_pat(), "generators must not repeat");
}

/// Every generated value is found by the built-in rules in a typical assignment, so tests that
/// plant them cannot pass or fail by the luck of the draw.
#[test]
fn generated_secrets_are_always_detected() {
    use std::sync::Arc;
    use vaultsweep::detect::Detector;
    let rules = Arc::new(vaultsweep::rules::builtin().expect("built-in rules"));
    let detector = Detector::new(rules);
    let mut scratch = detector.scratch();
    // Drawn once: a password that opens with a letter and digits, as a service row's
    // expanded prefix (`K` and a cluster number) does.
    let mut missed: Vec<String> = ["DB_PASSWORD=K89i6wx_2A^41IXK\n".to_string()] // vaultsweep:allow
        .into_iter()
        .filter(|l| detector.detect(l.as_bytes(), &mut scratch).is_empty())
        .collect();
    for _ in 0..100 {
        for line in [
            format!("aws_access_key_id = {}\n", aws_key_id()),
            format!("aws_secret_access_key = {}\n", aws_secret()),
            format!("GITHUB_TOKEN = \"{}\"\n", github_pat()),
            format!("STRIPE_SECRET_KEY = \"{}\"\n", stripe_live()),
            format!("SLACK_BOT_TOKEN = \"{}\"\n", slack_bot()),
            format!("DB_PASSWORD={}\n", password()),
            format!("JWT_SECRET=\"{}\"\n", one_symbol_secret()),
            format!("ACME_API_KEY={}\n", one_symbol_secret()),
            format!("SMTP_PASSWORD={}\n", password()),
            format!(
                "DATABASE_URL={}://app:{}@prod-db.example.internal:5432/app\n",
                "postgresql",
                url_password()
            ),
        ] {
            if detector.detect(line.as_bytes(), &mut scratch).is_empty() {
                missed.push(line);
            }
        }
    }
    assert!(
        missed.is_empty(),
        "generated secrets not detected:\n{}",
        missed.concat()
    );
}

/// Asserts `value` validates against `schema`; else fails with `what` and every error (where in
/// the schema, where in the value).
#[track_caller]
pub fn assert_schema_valid(schema: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = schema
        .iter_errors(value)
        .map(|e| format!("{} at {}: {e}", e.schema_path(), e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

/// A loopback port nothing listens on right now (for servers the tests start).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("bind a free port")
        .port()
}

/// PATH with the directory of the binary under test first (for hooks that run `vaultsweep`).
pub fn path_with_vaultsweep() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_vaultsweep"))
        .parent()
        .unwrap()
        .to_path_buf();
    let mut dirs = vec![bin];
    if let Some(p) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&p));
    }
    std::env::join_paths(dirs).unwrap()
}
