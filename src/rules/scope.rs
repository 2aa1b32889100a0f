//! Where a rule applies: the syntax of a file ([`Syntax`], from its name) and the class of
//! file it is ([`FileClass`]: lock file, source map, minified or vendored bundle, generated
//! code). Plain vocabulary shared by rules, the detector and classification; it reads names
//! and a few leading bytes, never the file system.

use aho_corasick::AhoCorasick;
use serde::Deserialize;
use std::sync::LazyLock;

/// The syntax family of a file, read from its name. A rule may be limited to the families where
/// its form means something (`DB_PASSWORD=…` to the end of the line is a value in `.env`, INI,
/// YAML and shell, not in Python or HTML).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Syntax {
    /// `.env`, INI, `.properties`, YAML, TOML, HCL/Terraform variables, Dockerfiles, rc files.
    Config,
    /// Shell and batch scripts, Makefiles.
    Shell,
    /// Programming languages.
    Code,
    /// HTML and template markup.
    Markup,
    /// Prose documentation: Markdown, reStructuredText, AsciiDoc.
    Docs,
    /// Structured data: JSON, XML, CSV.
    Data,
    /// Anything else (`.txt`, `.log`, patches, unknown extensions): every rule applies.
    Other,
}

impl Syntax {
    /// Every syntax.
    pub const ALL: [Syntax; 7] = [
        Syntax::Config,
        Syntax::Shell,
        Syntax::Code,
        Syntax::Markup,
        Syntax::Docs,
        Syntax::Data,
        Syntax::Other,
    ];

    /// Bit of this syntax in a rule's mask.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Syntax::Config => "config",
            Syntax::Shell => "shell",
            Syntax::Code => "code",
            Syntax::Markup => "markup",
            Syntax::Docs => "docs",
            Syntax::Data => "data",
            Syntax::Other => "other",
        }
    }

    /// The syntax of a file from its path (only the file name is read).
    pub fn of_path(path: &str) -> Syntax {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let lower = name.to_ascii_lowercase();
        // Names whose syntax does not show in an extension.
        if lower == ".env"
            || lower.starts_with(".env.")
            || lower.ends_with(".env")
            || lower.starts_with("dockerfile")
            || lower.ends_with(".dockerfile")
            || lower.starts_with("containerfile")
            || matches!(
                lower.as_str(),
                ".npmrc"
                    | ".yarnrc"
                    | ".pypirc"
                    | ".netrc"
                    | "_netrc"
                    | ".pgpass"
                    | ".gitconfig"
                    | ".git-credentials"
                    | ".htpasswd"
                    | ".s3cfg"
                    | ".boto"
                    | "credentials"
                    | "config"
                    | "procfile"
            )
        {
            return Syntax::Config;
        }
        if matches!(
            lower.as_str(),
            "makefile" | "gnumakefile" | ".bashrc" | ".zshrc" | ".profile" | ".bash_profile"
        ) {
            return Syntax::Shell;
        }
        // `settings.env.example`, `app.yaml.sample`: judge by the extension before the
        // template suffix.
        let mut stem = lower.as_str();
        for suffix in [
            ".example",
            ".sample",
            ".template",
            ".tmpl",
            ".dist",
            ".orig",
            ".bak",
        ] {
            if let Some(s) = stem.strip_suffix(suffix)
                && s.contains('.')
            {
                stem = s;
                break;
            }
        }
        let ext = match stem.rsplit_once('.') {
            Some((_, e)) => e,
            None => return Syntax::Other,
        };
        match ext {
            "env" | "ini" | "cfg" | "conf" | "cnf" | "properties" | "props" | "yaml" | "yml"
            | "toml" | "tfvars" | "hcl" | "tf" | "config" | "plist" | "desktop" | "service"
            | "pgpass" | "npmrc" | "editorconfig" => Syntax::Config,
            "sh" | "bash" | "zsh" | "ksh" | "fish" | "ps1" | "psm1" | "psd1" | "bat" | "cmd"
            | "mk" | "mak" => Syntax::Shell,
            "py" | "pyi" | "pyx" | "js" | "jsx" | "mjs" | "cjs" | "ts" | "tsx" | "mts" | "cts"
            | "go" | "rs" | "java" | "kt" | "kts" | "scala" | "sc" | "groovy" | "gradle" | "rb"
            | "rake" | "gemspec" | "php" | "cs" | "vb" | "fs" | "fsx" | "c" | "h" | "cc"
            | "cpp" | "cxx" | "hpp" | "hh" | "hxx" | "m" | "mm" | "swift" | "dart" | "ex"
            | "exs" | "erl" | "hrl" | "hs" | "lua" | "pl" | "pm" | "r" | "jl" | "clj" | "cljs"
            | "elm" | "ml" | "mli" | "nim" | "zig" | "v" | "sol" | "coffee" | "sql" | "tcl"
            | "d" | "pas" | "f90" | "cr" | "vala" => Syntax::Code,
            "html" | "htm" | "xhtml" | "vue" | "svelte" | "jinja" | "jinja2" | "j2" | "jsp"
            | "asp" | "aspx" | "cshtml" | "razor" | "erb" | "ejs" | "hbs" | "handlebars"
            | "mustache" | "twig" | "liquid" | "njk" | "tpl" | "haml" | "pug" | "jade" | "svg"
            | "astro" | "css" | "scss" | "sass" | "less" => Syntax::Markup,
            "md" | "markdown" | "mdx" | "rst" | "adoc" | "asciidoc" | "textile" | "rdoc"
            | "pod" | "tex" => Syntax::Docs,
            "json" | "jsonc" | "json5" | "xml" | "csv" | "tsv" | "ipynb" | "har" | "map"
            | "lock" | "sum" => Syntax::Data,
            _ => Syntax::Other,
        }
    }
}

/// Files whose content is not written by a person, or not the project's own: lock files,
/// source maps, minified bundles, vendored code, generated code. By default only provider
/// rules (exact token formats and provider context) run in them: a live provider key in a
/// vendored bundle is still a leak, while generic `name = value` matches there are noise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileClass {
    /// Ordinary source, configuration or documentation.
    Normal,
    /// Package-manager lock files (`package-lock.json`, `Cargo.lock`, `go.sum`…).
    Lock,
    /// JavaScript/CSS source maps (`*.map`).
    SourceMap,
    /// Minified bundles (`*.min.js`, or lines far longer than code is written).
    Minified,
    /// Vendored third-party code (`vendor/`, `node_modules/`, `third_party/`, `site-packages/`).
    Vendored,
    /// Generated code (`@generated`, "DO NOT EDIT", "Code generated … by" in its head).
    Generated,
}

/// Lock files by name.
const LOCK_FILES: &[&str] = &[
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lock",
    "cargo.lock",
    "go.sum",
    "poetry.lock",
    "pipfile.lock",
    "pdm.lock",
    "uv.lock",
    "composer.lock",
    "gemfile.lock",
    "podfile.lock",
    "packages.lock.json",
    "mix.lock",
    "pubspec.lock",
    "flake.lock",
    "gradle.lockfile",
    "shard.lock",
    "deno.lock",
];

/// Directory names of vendored third-party code.
const VENDOR_DIRS: &[&str] = &[
    "vendor",
    "vendors",
    "node_modules",
    "third_party",
    "third-party",
    "thirdparty",
    "3rdparty",
    "site-packages",
    "bower_components",
    "jspm_packages",
];

/// Bytes of a file's head read for generated-code markers and line lengths.
pub const HEAD_BYTES: usize = 4096;

impl FileClass {
    /// Every class but `Normal`.
    pub const LIMITED: [FileClass; 5] = [
        FileClass::Lock,
        FileClass::SourceMap,
        FileClass::Minified,
        FileClass::Vendored,
        FileClass::Generated,
    ];

    /// Name used in configuration and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            FileClass::Normal => "normal",
            FileClass::Lock => "lock",
            FileClass::SourceMap => "sourcemap",
            FileClass::Minified => "minified",
            FileClass::Vendored => "vendored",
            FileClass::Generated => "generated",
        }
    }

    /// Parses a configuration name.
    pub fn parse(s: &str) -> Option<FileClass> {
        FileClass::LIMITED
            .into_iter()
            .chain([FileClass::Normal])
            .find(|c| c.as_str() == s)
    }

    /// The class of a file from its path (as walked), its syntax ([`Syntax::of_path`] of the
    /// same path) and the first bytes of its content ([`HEAD_BYTES`] are enough).
    pub fn of(path: &str, syntax: Syntax, content: &[u8]) -> FileClass {
        let norm = path.replace('\\', "/");
        let name = norm
            .rsplit('/')
            .next()
            .unwrap_or(&norm)
            .to_ascii_lowercase();
        if LOCK_FILES.contains(&name.as_str()) {
            return FileClass::Lock;
        }
        if name.ends_with(".map") {
            return FileClass::SourceMap;
        }
        if name.contains(".min.") || name.ends_with("-min.js") || name.ends_with(".bundle.js") {
            return FileClass::Minified;
        }
        // Generators' naming conventions: protobuf (`.pb.go`, `_pb2.py`), `.generated.`,
        // `.designer.cs`, Dart's `.g.dart`.
        if [
            ".generated.",
            "_generated.",
            ".pb.go",
            "_pb2.py",
            "_pb2_grpc.py",
            ".designer.cs",
            ".g.dart",
            ".g.cs",
        ]
        .iter()
        .any(|m| name.contains(m))
        {
            return FileClass::Generated;
        }
        let mut dirs = norm.split('/').rev().skip(1);
        if dirs.any(|d| VENDOR_DIRS.iter().any(|v| v.eq_ignore_ascii_case(d))) {
            return FileClass::Vendored;
        }
        // Generated and minified apply to code, markup and data (JavaScript, CSS, JSON). A
        // rendered `.env` ("managed by Ansible, do not edit") holds real values, and a text
        // file of long lines is not a bundle.
        if !matches!(syntax, Syntax::Code | Syntax::Markup | Syntax::Data) {
            return FileClass::Normal;
        }
        let head = &content[..content.len().min(HEAD_BYTES)];
        if is_generated(head) {
            return FileClass::Generated;
        }
        if is_minified(head, content.len()) {
            return FileClass::Minified;
        }
        FileClass::Normal
    }
}

/// Generated-code markers near the top of a file: `@generated` (Facebook/Google tooling),
/// Go's `Code generated … DO NOT EDIT.`, and the "auto-generated … do not edit" banners of
/// protobuf, Thrift, OpenAPI and similar generators.
fn is_generated(head: &[u8]) -> bool {
    /// The markers, as `GENERATED_MARKERS` numbers them.
    const AT_GENERATED: u32 = 1 << 0;
    const DO_NOT_EDIT: u32 = 1 << 1 | 1 << 2;
    const AUTO: u32 = 1 << 3 | 1 << 4 | 1 << 5;
    const EDIT_WORD: u32 = 1 << 6 | 1 << 7 | 1 << 8 | 1 << 9;
    static GENERATED_MARKERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "@generated",
                "do not edit",
                "don't edit this file",
                "auto-generated",
                "autogenerated",
                "automatically generated",
                "edit",
                "modif",
                "regenerat",
                "by",
            ])
            .expect("plain literals")
    });
    // Markers count only in the first lines, where generators put them.
    let cut = memchr::memchr_iter(b'\n', head)
        .nth(9)
        .unwrap_or(head.len());
    let mut seen = 0u32;
    for m in GENERATED_MARKERS.find_overlapping_iter(&head[..cut]) {
        seen |= 1 << m.pattern().as_u32();
    }
    seen & (AT_GENERATED | DO_NOT_EDIT) != 0 || (seen & AUTO != 0 && seen & EDIT_WORD != 0)
}

/// A file whose head is mostly very long lines: a minified bundle, not code a person wrote.
fn is_minified(head: &[u8], total: usize) -> bool {
    if total < 1024 {
        return false;
    }
    let newlines = memchr::memchr_iter(b'\n', head).count();
    // Code lines average well under 100 bytes; minified bundles run to thousands.
    head.len() >= 1024 && head.len() / (newlines + 1) > 500
}

/// Credential files known by their name alone: the file's whole content is the secret, and
/// nothing in it (no keyword, no armour) says so. A rule limited to such files (`files = […]`
/// in its TOML) runs only in them; the scan tells the detector which one a blob is
/// ([`NamedFile::of_path`]), as it tells it the blob's [`Syntax`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NamedFile {
    /// Erlang's distribution cookie, `~/.erlang.cookie` (RabbitMQ, CouchDB, Elixir releases).
    ErlangCookie,
    /// A MongoDB replica-set / sharded-cluster keyFile (`security.keyFile`): `mongodb-keyfile`,
    /// `mongo.key`, or a `keyfile` / `*.key` in a directory whose name says mongo.
    MongodbKeyfile,
    /// A file of its own in a `secrets/` directory (Docker and Compose secrets,
    /// `/run/secrets/<name>`, Kubernetes `secretGenerator` files): the content is the value.
    SecretFile,
    /// pppd's `chap-secrets` / `pap-secrets`: `client server secret [addresses]` lines.
    PppSecrets,
    /// rsync daemon's `secrets file` (`rsyncd.secrets`): `user:password` lines.
    RsyncSecrets,
    /// PostgreSQL's password file (`~/.pgpass`, `pgpass.conf` on Windows):
    /// `hostname:port:database:username:password` lines.
    Pgpass,
    /// Rails' master key (`config/master.key`, `config/credentials/<environment>.key`): the
    /// key that decrypts `credentials.yml.enc`.
    RailsMasterKey,
    /// A Jetty `HashLoginService` realm file (`realm.properties`, `*-realm.properties`) or
    /// Karaf's `users.properties`: `user: password[, role …]` lines.
    RealmProperties,
    /// davfs2's credentials file (`/etc/davfs2/secrets`, `~/.davfs2/secrets`, or any file named
    /// `secrets` outside a secrets directory): `url-or-mount-point user password` lines.
    Davfs2Secrets,
    /// A Solana CLI keypair (`~/.config/solana/id.json`, any `id.json`, `*keypair*.json`): a
    /// JSON array of the 64 bytes of an Ed25519 secret and public key (the rule asks for that
    /// content; the name only narrows where it looks).
    SolanaKeypair,
    /// OpenShift's installer output `auth/kubeadmin-password`: the cluster admin's password.
    KubeadminPassword,
    /// Two-factor recovery codes saved to a file (`github-recovery-codes.txt`,
    /// `*recovery-codes*`, `*recovery_codes*`, `*backup-codes*`).
    RecoveryCodes,
}

impl NamedFile {
    /// Every named file.
    pub const ALL: [NamedFile; 12] = [
        NamedFile::ErlangCookie,
        NamedFile::MongodbKeyfile,
        NamedFile::SecretFile,
        NamedFile::PppSecrets,
        NamedFile::RsyncSecrets,
        NamedFile::Pgpass,
        NamedFile::RailsMasterKey,
        NamedFile::RealmProperties,
        NamedFile::Davfs2Secrets,
        NamedFile::SolanaKeypair,
        NamedFile::KubeadminPassword,
        NamedFile::RecoveryCodes,
    ];

    /// Bit of this file in a rule's mask.
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// Name used in rule files and `rules list`.
    pub fn as_str(self) -> &'static str {
        match self {
            NamedFile::ErlangCookie => "erlang-cookie",
            NamedFile::MongodbKeyfile => "mongodb-keyfile",
            NamedFile::SecretFile => "secret-file",
            NamedFile::PppSecrets => "ppp-secrets",
            NamedFile::RsyncSecrets => "rsync-secrets",
            NamedFile::Pgpass => "pgpass",
            NamedFile::RailsMasterKey => "rails-master-key",
            NamedFile::RealmProperties => "realm-properties",
            NamedFile::Davfs2Secrets => "davfs2-secrets",
            NamedFile::SolanaKeypair => "solana-keypair",
            NamedFile::KubeadminPassword => "kubeadmin-password",
            NamedFile::RecoveryCodes => "recovery-codes",
        }
    }

    /// The named file a path is, if any (the file name, and for MongoDB keyfiles the names of
    /// the directories above it).
    pub fn of_path(path: &str) -> Option<NamedFile> {
        // Called for every file a scan reads: the names are compared in place (no copies).
        let sep = |c: char| c == '/' || c == '\\';
        let (dir, name) = match path.rfind(sep) {
            Some(i) => (&path[..i], &path[i + 1..]),
            None => ("", path),
        };
        let mut dirs = dir.rsplit(sep);
        let parent = dirs.next().unwrap_or_default();
        let grandparent = dirs.next().unwrap_or_default();
        let secrets_dir = ["secrets", ".secrets", "secret"]
            .iter()
            .any(|d| parent.eq_ignore_ascii_case(d));
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        let ends = |suffix: &str| {
            name.len() >= suffix.len()
                && name.as_bytes()[name.len() - suffix.len()..]
                    .eq_ignore_ascii_case(suffix.as_bytes())
        };
        let has = |text: &str, needle: &str| {
            text.as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        };
        if is(".erlang.cookie") {
            return Some(NamedFile::ErlangCookie);
        }
        if is("chap-secrets") || is("pap-secrets") {
            return Some(NamedFile::PppSecrets);
        }
        if ends(".secrets") && has(name, "rsync") {
            return Some(NamedFile::RsyncSecrets);
        }
        if is(".pgpass") || is("pgpass") || is("pgpass.conf") {
            return Some(NamedFile::Pgpass);
        }
        if is("realm.properties")
            || ends("-realm.properties")
            || ends("_realm.properties")
            || (is("users.properties") && has(dir, "karaf"))
        {
            return Some(NamedFile::RealmProperties);
        }
        if is("secrets") && !secrets_dir {
            return Some(NamedFile::Davfs2Secrets);
        }
        if is("id.json") || (ends(".json") && has(name, "keypair")) {
            return Some(NamedFile::SolanaKeypair);
        }
        if is("kubeadmin-password") {
            return Some(NamedFile::KubeadminPassword);
        }
        if [
            "recovery-codes",
            "recovery_codes",
            "backup-codes",
            "backup_codes",
        ]
        .iter()
        .any(|k| has(name, k))
            && !ends(".md")
        {
            return Some(NamedFile::RecoveryCodes);
        }
        if (is("master.key") && parent.eq_ignore_ascii_case("config"))
            || (ends(".key")
                && parent.eq_ignore_ascii_case("credentials")
                && grandparent.eq_ignore_ascii_case("config"))
        {
            return Some(NamedFile::RailsMasterKey);
        }
        let keyish = ["keyfile", "key-file", "key_file"]
            .iter()
            .any(|k| has(name, k))
            || ends(".key")
            || ends("-key")
            || ends("_key");
        if keyish && (has(name, "mongo") || has(dir, "mongo")) {
            return Some(NamedFile::MongodbKeyfile);
        }
        if !secrets_dir {
            return None;
        }
        // A file of its own in a secrets directory; not the directory's documentation or
        // placeholders kept beside the values (`.gitkeep`, `README.md`, `*.example`).
        let documentation = name.starts_with('.')
            || name
                .get(..6)
                .is_some_and(|p| p.eq_ignore_ascii_case("readme"))
            || [".md", ".example", ".sample", ".template", ".dist", ".tpl"]
                .iter()
                .any(|s| ends(s));
        (!documentation).then_some(NamedFile::SecretFile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_from_names() {
        for (p, s) in [
            (".env", Syntax::Config),
            ("svc/.env.production", Syntax::Config),
            ("prod.env", Syntax::Config),
            ("config/app.yaml", Syntax::Config),
            ("settings.ini.example", Syntax::Config),
            ("Dockerfile", Syntax::Config),
            ("deploy.sh", Syntax::Shell),
            ("Makefile", Syntax::Shell),
            ("app/views.py", Syntax::Code),
            ("src/index.tsx", Syntax::Code),
            ("templates/login.html", Syntax::Markup),
            ("README.md", Syntax::Docs),
            ("package.json", Syntax::Data),
            ("notes.txt", Syntax::Other),
            ("LICENSE", Syntax::Other),
        ] {
            assert_eq!(Syntax::of_path(p), s, "{p}");
        }
    }

    #[test]
    fn named_files_from_paths() {
        for (p, f) in [
            ("home/.erlang.cookie", Some(NamedFile::ErlangCookie)),
            (".erlang.cookie", Some(NamedFile::ErlangCookie)),
            ("docker/mongodb-keyfile", Some(NamedFile::MongodbKeyfile)),
            ("mongo-keyfile", Some(NamedFile::MongodbKeyfile)),
            ("secrets/mongo.key", Some(NamedFile::MongodbKeyfile)),
            ("deploy/mongo/keyfile", Some(NamedFile::MongodbKeyfile)),
            ("mongodb/rs0/replica.key", Some(NamedFile::MongodbKeyfile)),
            (
                "C:\\infra\\MongoDB\\keyfile.txt",
                Some(NamedFile::MongodbKeyfile),
            ),
            // not the cookie: a document about it
            ("docs/erlang.cookie.md", None),
            ("secrets/opnsense_api_key", Some(NamedFile::SecretFile)),
            (
                "deploy/secrets/db_password.txt",
                Some(NamedFile::SecretFile),
            ),
            ("/run/secrets/registry-token", Some(NamedFile::SecretFile)),
            ("secrets/README.md", None),
            ("secrets/.gitkeep", None),
            ("secrets/db_password.txt.example", None),
            // a file further down is not the directory's own
            ("secrets/tls/ca.crt", None),
            ("etc/ppp/chap-secrets", Some(NamedFile::PppSecrets)),
            ("pap-secrets", Some(NamedFile::PppSecrets)),
            ("etc/rsyncd.secrets", Some(NamedFile::RsyncSecrets)),
            ("ipsec.secrets", None),
            ("home/app/.pgpass", Some(NamedFile::Pgpass)),
            (
                "AppData\\Roaming\\postgresql\\pgpass.conf",
                Some(NamedFile::Pgpass),
            ),
            ("docs/pgpass.md", None),
            (
                "etc/jetty/realm.properties",
                Some(NamedFile::RealmProperties),
            ),
            (
                "src/test/resources/test-realm.properties",
                Some(NamedFile::RealmProperties),
            ),
            (
                "apache-karaf-4.4/etc/users.properties",
                Some(NamedFile::RealmProperties),
            ),
            ("src/main/resources/users.properties", None),
            ("etc/davfs2/secrets", Some(NamedFile::Davfs2Secrets)),
            ("home/ops/.davfs2/secrets", Some(NamedFile::Davfs2Secrets)),
            ("secrets.yaml", None),
            (
                "home/dev/.config/solana/id.json",
                Some(NamedFile::SolanaKeypair),
            ),
            (
                "deploy/program-keypair.json",
                Some(NamedFile::SolanaKeypair),
            ),
            ("keys/id.json", Some(NamedFile::SolanaKeypair)),
            ("src/ids.json", None),
            (
                "clusters/prod/auth/kubeadmin-password",
                Some(NamedFile::KubeadminPassword),
            ),
            ("github-recovery-codes.txt", Some(NamedFile::RecoveryCodes)),
            ("docs/recovery-codes.md", None),
            ("config/master.key", Some(NamedFile::RailsMasterKey)),
            (
                "app/config/credentials/production.key",
                Some(NamedFile::RailsMasterKey),
            ),
            ("certs/master.key", None),
            ("myconfig/master.key", None),
            // a keyfile of anything else, and mongo files that are not keys
            ("ssl/keyfile", None),
            ("server.key", None),
            ("mongo/mongod.conf", None),
            ("mongodb/init.js", None),
        ] {
            assert_eq!(NamedFile::of_path(p), f, "{p}");
        }
    }

    fn class(path: &str, content: &[u8]) -> FileClass {
        FileClass::of(path, Syntax::of_path(path), content)
    }

    #[test]
    fn classes_from_names_and_heads() {
        assert_eq!(class("web/package-lock.json", b"{}"), FileClass::Lock);
        assert_eq!(class("Cargo.lock", b""), FileClass::Lock);
        assert_eq!(class("dist/app.js.map", b"{}"), FileClass::SourceMap);
        assert_eq!(class("dist/app.min.js", b""), FileClass::Minified);
        assert_eq!(
            class("lib/de/diagnosticMessages.generated.json", b"{}"),
            FileClass::Generated
        );
        assert_eq!(
            class("vendor/github.com/x/y.go", b"package y"),
            FileClass::Vendored
        );
        assert_eq!(
            class(
                "api/x.pb.go",
                b"// Code generated by protoc-gen-go. DO NOT EDIT.\n"
            ),
            FileClass::Generated
        );
        assert_eq!(
            class("x.py", b"# @generated by tool\nimport os\n"),
            FileClass::Generated
        );
        let bundle = [b"var a=1;".repeat(300), b"\n".to_vec()].concat();
        assert_eq!(class("dist/app.js", &bundle), FileClass::Minified);
        // long lines of text are not a bundle
        let text = [b"word ".repeat(300), b"\n".to_vec()].concat();
        assert_eq!(class("notes.txt", &text), FileClass::Normal);
        // generated configuration keeps every rule
        assert_eq!(
            class(
                "deploy/.env",
                b"# Managed by Ansible. DO NOT EDIT.\nDB_PASSWORD=x\n"
            ),
            FileClass::Normal
        );
        // ordinary code stays normal, and markers far down the file do not count
        let code = "def f():\n    return 1\n".repeat(100);
        assert_eq!(class("app/views.py", code.as_bytes()), FileClass::Normal);
        let late = format!("{}# DO NOT EDIT below\n", "x = 1\n".repeat(20));
        assert_eq!(class("app/x.py", late.as_bytes()), FileClass::Normal);
        // a directory named like a vendor dir only counts as a directory, in any case
        assert_eq!(class("src/vendor.py", b"x"), FileClass::Normal);
        assert_eq!(class("web/Node_Modules/a/b.js", b"x"), FileClass::Vendored);
        // "auto-generated" counts with a word about editing or its maker, not alone
        assert_eq!(
            class("x.ts", b"// This file is Auto-Generated by openapi-gen\n"),
            FileClass::Generated
        );
        assert_eq!(
            class(
                "x.ts",
                b"/* automatically generated; changes will be lost on regeneration */"
            ),
            FileClass::Generated
        );
        assert_eq!(
            class("x.ts", b"// autogenerated ids\nconst x = 1;\n"),
            FileClass::Normal
        );
    }
}
