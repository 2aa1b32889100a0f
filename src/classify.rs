//! Turns a [`RawMatch`] into a [`Finding`]: line and column, masked secret, location-free
//! fingerprint, category refined by the key name, and tier adjusted by context (company guide).
//!
//! Imports `detect`, `rules`, `finding`.

use crate::detect::filter;
use crate::detect::{RawMatch, Scope};
use crate::finding::{
    Category, Confidence, Context, Finding, Fingerprint, Location, Origin, Secret, Tier,
};
use crate::rules::{FileClass, NamedFile, RuleSet, Syntax};

/// Path tokens that signal production.
const PROD_TOKENS: &[&str] = &["prod", "production", "prd", "live"];
/// Path tokens that mark tests and test data.
const TEST_TOKENS: &[&str] = &[
    "test",
    "tests",
    "testing",
    "testdata",
    "testcase",
    "testcases",
    "testutils",
    "testutil",
    "testsuite",
    "spec",
    "specs",
    "fixture",
    "fixtures",
    "mock",
    "mocks",
    "stub",
    "stubs",
    "fake",
    "fakes",
    "conftest",
    "e2e",
];
/// Path tokens that mark examples, samples and templates.
const EXAMPLE_TOKENS: &[&str] = &[
    "example",
    "examples",
    "sample",
    "samples",
    "demo",
    "demos",
    "template",
    "templates",
    "tutorial",
    "tutorials",
    "dist",
    "skeleton",
    "boilerplate",
];
/// Path tokens that mark documentation.
const DOCS_TOKENS: &[&str] = &[
    "doc",
    "docs",
    "documentation",
    "man",
    "manual",
    "guide",
    "guides",
];
/// Path tokens that mark development and other non-production configuration.
const DEV_TOKENS: &[&str] = &[
    "dev",
    "development",
    "local",
    "staging",
    "stage",
    "qa",
    "uat",
    "sandbox",
];
/// Key-name tokens that mark a database credential.
const DB_TOKENS: &[&str] = &[
    "db",
    "database",
    "postgres",
    "postgresql",
    "pg",
    "psql",
    "mysql",
    "mariadb",
    "mongo",
    "mongodb",
    "redis",
    "sql",
    "mssql",
    "oracle",
    "cassandra",
    "couchdb",
    "neo4j",
    "elastic",
];
/// Key-name tokens that mark root/admin credentials or master keys: always CRITICAL.
const ROOT_TOKENS: &[&str] = &["master", "root", "admin", "superuser", "sa"];
/// Key-name tokens that mark cryptographic keys.
const CRYPTO_TOKENS: &[&str] = &[
    "jwt",
    "signing",
    "encryption",
    "encrypt",
    "hmac",
    "aes",
    "cipher",
    "kek",
    "dek",
    "wrapping",
];

/// Byte offsets of every newline in a blob, built once per blob that has matches.
#[derive(Debug)]
pub struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    /// Indexes `hay`.
    pub fn new(hay: &[u8]) -> Self {
        LineIndex {
            newlines: memchr::memchr_iter(b'\n', hay).collect(),
        }
    }

    /// 1-based (line, column) of a byte offset in `hay`; the column counts Unicode code points
    /// (bytes of invalid UTF-8 count one each), as SARIF's `unicodeCodePoints` column kind.
    pub fn position(&self, hay: &[u8], offset: usize) -> (usize, usize) {
        let line0 = self.newlines.partition_point(|&n| n < offset);
        let start = if line0 == 0 {
            0
        } else {
            self.newlines[line0 - 1] + 1
        };
        let chars = hay[start..offset.min(hay.len())]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        (line0 + 1, chars + 1)
    }
}

/// Context signals from the path relative to the scan root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathContext {
    /// Path mentions prod/production/live.
    pub production: bool,
    /// Path mentions test/example/dev/fixtures/…, or ends in `.example`/`.sample`/`.template`.
    pub nonproduction: bool,
    /// The kind of place: test, docs, example, development or production.
    pub context: Context,
}

impl Default for PathContext {
    fn default() -> Self {
        PathContext {
            production: false,
            nonproduction: false,
            context: Context::Production,
        }
    }
}

pub use crate::detect::filter::name_tokens;

fn tokens(s: &str) -> impl Iterator<Item = String> + '_ {
    name_tokens(s).into_iter()
}

fn has_token(s: &str, set: &[&str]) -> bool {
    tokens(s).any(|t| set.contains(&t.as_str()))
}

impl PathContext {
    /// Reads the signals of a relative path.
    pub fn of(rel: &str) -> Self {
        let words: Vec<String> = tokens(rel).collect();
        let any = |set: &[&str]| words.iter().any(|w| set.contains(&w.as_str()));
        // Cucumber/Gherkin specifications (`*.feature`) are tests whatever their folder (a
        // `features/` folder alone is not: apps keep feature modules under that name).
        let gherkin = rel
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("feature"));
        let context = if any(TEST_TOKENS) || gherkin {
            Context::Test
        } else if any(EXAMPLE_TOKENS) {
            Context::Example
        } else if any(DOCS_TOKENS) || Syntax::of_path(rel) == Syntax::Docs {
            Context::Docs
        } else if any(DEV_TOKENS) {
            Context::Development
        } else {
            Context::Production
        };
        PathContext {
            production: any(PROD_TOKENS),
            nonproduction: context.is_nonproduction(),
            context,
        }
    }
}

/// What the detector should know of a blob from its path and first bytes: its syntax family,
/// file class and whether it is a credential file known by its name. Pass the path as walked
/// (the root as the user named it, joined with the relative path), so that `scan vendor/`
/// knows its files are vendored.
pub fn scope_of(path: &str, bytes: &[u8]) -> Scope {
    let syntax = Syntax::of_path(path);
    Scope {
        syntax,
        class: FileClass::of(path, syntax, bytes),
        file: NamedFile::of_path(path),
    }
}

/// Builds the finding for one raw match.
pub fn classify(
    rules: &RuleSet,
    m: &RawMatch,
    hay: &[u8],
    origin: &Origin,
    lines: &LineIndex,
) -> Finding {
    let rule = rules.get(m.rule);
    let (secret, key) = match &m.decoded {
        Some(d) => (
            Secret::new(d.secret.as_slice()),
            d.key
                .as_ref()
                .map(|k| String::from_utf8_lossy(k).into_owned()),
        ),
        None => (
            Secret::new(&hay[m.secret.clone()]),
            m.key
                .clone()
                .map(|r| String::from_utf8_lossy(&hay[r]).into_owned())
                // A connection string names its user, and a token format no name at all: take
                // the name the value is assigned to (`DATABASE_URL=postgres://…`).
                .or_else(|| {
                    let lead = hay[m.span.clone()]
                        .iter()
                        .take_while(|b| !b.is_ascii_alphanumeric())
                        .count();
                    // Rules without a key group (token formats, connection strings): the name the
                    // value is assigned to on its line, if any.
                    rule.key_group
                        .is_none()
                        .then(|| assigned_name(hay, m.secret.start.min(m.span.start + lead)))
                        .flatten()
                }),
        ),
    };
    let root_user = m
        .user
        .as_ref()
        .is_some_and(|u| has_token(&String::from_utf8_lossy(&hay[u.clone()]), ROOT_TOKENS));
    let (line, column) = lines.position(hay, m.secret.start);
    let (end_line, end_column) = lines.position(hay, m.secret.end);
    let matched = String::from_utf8_lossy(&hay[m.span.clone()]);
    let path = PathContext::of(origin.rel_path());
    let (category, tier) = tier_for(
        rule.category,
        rule.tier,
        rule.fixed_tier,
        key.as_deref(),
        &matched,
        path,
    );
    // Root/admin users of a database are CRITICAL wherever they are.
    let tier = if root_user && category != Category::PasswordHash {
        Tier::Critical
    } else {
        tier
    };
    let confidence = confidence_for(
        rule.confidence,
        secret.expose(),
        Syntax::of_path(origin.rel_path()),
    );
    Finding {
        fingerprint: Fingerprint::new(&rule.id, origin.rel_path(), &secret),
        rule_id: rule.id.clone(),
        rule_name: rule.name.clone(),
        category,
        tier,
        confidence,
        context: path.context,
        location: Location {
            origin: origin.clone(),
            line,
            column,
            end_line,
            end_column,
            span: m.secret.clone(),
        },
        key,
        secret,
        entropy: m.entropy,
        encoding: m.decoded.as_ref().map(|d| d.encoding.clone()),
        // Connection URIs (a `user` group): their verifier needs the host and user.
        matched: (m.user.is_some() && m.decoded.is_none())
            .then(|| Secret::new(&hay[m.span.clone()])),
        verification: None,
    }
}

/// The name a value at `start` is assigned to on its line: `DATABASE_URL` in
/// `DATABASE_URL="postgres://…"`, `url` in `url: postgres://…`, `db` in `"db" => "…"`.
pub fn assigned_name(hay: &[u8], start: usize) -> Option<String> {
    let line_start = memchr::memrchr(b'\n', &hay[..start]).map_or(0, |i| i + 1);
    let before = &hay[line_start..start];
    let mut i = before.len();
    let skip = |i: &mut usize, f: &dyn Fn(u8) -> bool| {
        while *i > 0 && f(before[*i - 1]) {
            *i -= 1;
        }
    };
    skip(&mut i, &|b| matches!(b, b' ' | b'\t' | b'"' | b'\'' | b'`'));
    let op_end = i;
    skip(&mut i, &|b| matches!(b, b'=' | b':' | b'>'));
    if i == op_end {
        return None;
    }
    skip(&mut i, &|b| {
        matches!(b, b' ' | b'\t' | b'"' | b'\'' | b'`' | b']')
    });
    let name_end = i;
    skip(&mut i, &|b| {
        b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
    });
    let name = &before[i..name_end];
    (!name.is_empty() && (name[0].is_ascii_alphabetic() || name[0] == b'_'))
        .then(|| String::from_utf8_lossy(name).into_owned())
}

/// How sure we are that a match is a credential: the rule's confidence, raised from low to
/// medium for a generic match with strong evidence — a value in a configuration file or
/// script, where values are written out as such, that is not a plain word; or a value shaped
/// like a machine-made or deliberately strong secret ([`filter::looks_strong`]).
pub fn confidence_for(rule: Confidence, secret: &[u8], syntax: Syntax) -> Confidence {
    if rule != Confidence::Low {
        return rule;
    }
    let config = matches!(syntax, Syntax::Config | Syntax::Shell);
    if (config && secret.len() >= 8 && filter::shannon_entropy(secret) >= 3.0)
        || filter::looks_strong(secret)
    {
        Confidence::Medium
    } else {
        Confidence::Low
    }
}

/// The company guide's tiering: base tier, then key name, then path and match context.
pub fn tier_for(
    base_category: Category,
    base: Tier,
    fixed: bool,
    key: Option<&str>,
    matched: &str,
    path: PathContext,
) -> (Category, Tier) {
    if base_category == Category::PasswordHash {
        // A hash is not a usable credential: never CRITICAL, whatever its name or place.
        return (base_category, base.min(Tier::High));
    }
    if fixed {
        return (base_category, base);
    }
    let mut category = base_category;
    if let Some(key) = key {
        if category == Category::GenericSecret {
            if has_token(key, DB_TOKENS) {
                category = Category::DatabaseCredential;
            } else if has_token(key, CRYPTO_TOKENS) {
                category = Category::CryptographicKey;
            }
        }
        if has_token(key, ROOT_TOKENS) {
            // Root/admin credentials and master keys are CRITICAL wherever they are.
            return (category, Tier::Critical);
        }
    }
    if category == Category::TlsPrivateKey {
        return (category, Tier::Critical);
    }
    let production = path.production || has_token(matched, PROD_TOKENS);
    // Production application secrets are at least HIGH; public client-side keys (LOW by
    // nature) stay LOW.
    let raisable = match category {
        Category::DatabaseCredential | Category::GenericSecret | Category::CryptographicKey => true,
        Category::TlsPrivateKey | Category::PasswordHash => false,
        _ => base >= Tier::Medium,
    };
    let tier = if production && !path.nonproduction && raisable {
        if category == Category::DatabaseCredential {
            Tier::Critical
        } else {
            base.max(Tier::High)
        }
    } else if path.nonproduction && !path.production {
        base.lowered()
    } else {
        base
    };
    (category, tier)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_positions() {
        let hay = "ab\ncd\n\nef\néx".as_bytes();
        let idx = LineIndex::new(hay);
        assert_eq!(idx.position(hay, 0), (1, 1));
        assert_eq!(idx.position(hay, 1), (1, 2));
        assert_eq!(idx.position(hay, 3), (2, 1));
        assert_eq!(idx.position(hay, 7), (4, 1));
        assert_eq!(idx.position(hay, 12), (5, 2), "é is one column");
    }

    #[test]
    fn names_values_are_assigned_to() {
        let name = |line: &str, at: &str| assigned_name(line.as_bytes(), line.find(at).unwrap());
        assert_eq!(
            name("DATABASE_URL=postgres://u:p@h/d", "postgres").as_deref(),
            Some("DATABASE_URL")
        );
        assert_eq!(
            name("  url: \"postgres://u:p@h\"", "postgres").as_deref(),
            Some("url")
        );
        assert_eq!(
            name("'db' => 'mysql://u:p@h'", "mysql").as_deref(),
            Some("db")
        );
        assert_eq!(name("connect(\"postgres://u:p@h\")", "postgres"), None);
        assert_eq!(name("x\n  postgres://u:p@h", "postgres"), None);
    }

    #[test]
    fn path_context_tokens() {
        assert!(PathContext::of(".env.production").production);
        assert!(PathContext::of("deploy/prod/values.yaml").production);
        assert!(!PathContext::of("src/product.rs").production);
        assert!(!PathContext::of("delivery/app.py").production);
        assert!(PathContext::of("fixtures/app.env").nonproduction);
        assert!(PathContext::of(".env.development").nonproduction);
        assert!(PathContext::of("config/settings.example").nonproduction);
        assert!(PathContext::of("src/myTestHelper.ts").nonproduction);
        assert!(!PathContext::of("src/latest.ts").nonproduction);
        // Gherkin specifications are tests; an app's features/ folder is not
        assert_eq!(
            PathContext::of("features/login.feature").context,
            Context::Test
        );
        assert_eq!(
            PathContext::of("src/features/billing/config.ts").context,
            Context::Production
        );
    }

    #[test]
    fn production_database_password_is_critical() {
        let prod = PathContext::of(".env.production");
        let (c, t) = tier_for(
            Category::GenericSecret,
            Tier::High,
            false,
            Some("DB_PASSWORD"),
            "",
            prod,
        );
        assert_eq!((c, t), (Category::DatabaseCredential, Tier::Critical));
        // host name in the URI is a production signal too
        let (_, t) = tier_for(
            Category::DatabaseCredential,
            Tier::High,
            false,
            None,
            "postgresql://app:pw@prod-db.internal/app",
            PathContext::default(),
        );
        assert_eq!(t, Tier::Critical);
    }

    #[test]
    fn nonproduction_lowers_but_never_below_low_and_fixed_never_moves() {
        let dev = PathContext::of(".env.development");
        assert_eq!(
            tier_for(Category::ApiKey, Tier::High, false, None, "", dev).1,
            Tier::Medium
        );
        assert_eq!(
            tier_for(Category::ApiKey, Tier::Low, false, None, "", dev).1,
            Tier::Low
        );
        assert_eq!(
            tier_for(Category::TlsPrivateKey, Tier::Critical, true, None, "", dev).1,
            Tier::Critical
        );
        assert_eq!(
            tier_for(Category::TlsPrivateKey, Tier::High, false, None, "", dev).1,
            Tier::Critical
        );
    }

    #[test]
    fn root_and_master_keys_are_critical() {
        let none = PathContext::default();
        assert_eq!(
            tier_for(
                Category::GenericSecret,
                Tier::Medium,
                false,
                Some("MASTER_KEY"),
                "",
                none
            ),
            (Category::GenericSecret, Tier::Critical)
        );
        assert_eq!(
            tier_for(
                Category::GenericSecret,
                Tier::High,
                false,
                Some("adminPassword"),
                "",
                none
            )
            .1,
            Tier::Critical
        );
        assert_eq!(
            tier_for(
                Category::GenericSecret,
                Tier::High,
                false,
                Some("jwt_secret"),
                "",
                none
            )
            .0,
            Category::CryptographicKey
        );
    }
}
