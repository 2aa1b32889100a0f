//! Shared vocabulary: tiers, categories, masked secrets, fingerprints, findings.
//!
//! Plain data only. Must not import any other module of the crate.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// Risk tier from the company's secrets-management guide. Ordered: `Low < Medium < High < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Public client-side keys, feature flags: rotate annually.
    Low,
    /// Development keys, non-production credentials, monitoring tokens: 180 days.
    Medium,
    /// Payment and production API keys, service accounts, application secrets: 90 days.
    High,
    /// Root/admin credentials, master keys, production DB passwords, private keys: 30 days.
    Critical,
}

impl Tier {
    /// All tiers, lowest first.
    pub const ALL: [Tier; 4] = [Tier::Low, Tier::Medium, Tier::High, Tier::Critical];

    /// Rotation period the guide sets for this tier, in days.
    pub fn rotation_days(self) -> u32 {
        match self {
            Tier::Critical => 30,
            Tier::High => 90,
            Tier::Medium => 180,
            Tier::Low => 365,
        }
    }

    /// Lower-case name (`critical`, `high`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Low => "low",
            Tier::Medium => "medium",
            Tier::High => "high",
            Tier::Critical => "critical",
        }
    }

    /// One tier up, saturating at `Critical`.
    pub fn raised(self) -> Tier {
        match self {
            Tier::Low => Tier::Medium,
            Tier::Medium => Tier::High,
            _ => Tier::Critical,
        }
    }

    /// One tier down, saturating at `Low`.
    pub fn lowered(self) -> Tier {
        match self {
            Tier::Critical => Tier::High,
            Tier::High => Tier::Medium,
            _ => Tier::Low,
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str().to_ascii_uppercase())
    }
}

impl FromStr for Tier {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Ok(Tier::Low),
            "medium" => Ok(Tier::Medium),
            "high" => Ok(Tier::High),
            "critical" => Ok(Tier::Critical),
            _ => Err(format!(
                "unknown tier {s:?} (expected critical, high, medium or low)"
            )),
        }
    }
}

/// How sure the scanner is that a finding is a credential (independent of [`Tier`], which says
/// how bad a leak of that kind of secret would be). Ordered: `Low < Medium < High`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A value under a secret-like name, judged by words and shape only (generic rules).
    Low,
    /// A provider's name next to a value of the provider's shape, or a generic match with
    /// strong evidence (a configuration file, a random-looking value).
    Medium,
    /// An exact provider format: a distinctive prefix, a fixed length and alphabet, a checksum,
    /// PEM armour.
    High,
}

impl Confidence {
    /// All levels, lowest first.
    pub const ALL: [Confidence; 3] = [Confidence::Low, Confidence::Medium, Confidence::High];

    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Confidence {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Ok(Confidence::Low),
            "medium" => Ok(Confidence::Medium),
            "high" => Ok(Confidence::High),
            _ => Err(format!(
                "unknown confidence {s:?} (expected high, medium or low)"
            )),
        }
    }
}

/// What kind of place a finding sits in, read from its path (and, for docs, its file type).
/// Test, docs and example values are still reported, with a lowered tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    /// Tests, fixtures, test data, mocks.
    Test,
    /// Documentation: `docs/`, Markdown, reStructuredText, AsciiDoc.
    Docs,
    /// Examples, samples, demos, templates (`*.example`, `.env.sample`).
    Example,
    /// Development, staging and other non-production configuration (`.env.development`).
    Development,
    /// Anything else: code and configuration that ships.
    Production,
}

impl Context {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Context::Test => "test",
            Context::Docs => "docs",
            Context::Example => "example",
            Context::Development => "development",
            Context::Production => "production",
        }
    }

    /// Test, docs, example or development: not a place live credentials belong.
    pub fn is_nonproduction(self) -> bool {
        self != Context::Production
    }
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Secret category managed by the company guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// PostgreSQL, MySQL, MongoDB, Redis… passwords and URIs.
    DatabaseCredential,
    /// Payment, SMS, e-mail, maps, analytics and other SaaS API keys.
    ApiKey,
    /// JWT-signing, data-encryption and key-wrapping keys.
    CryptographicKey,
    /// OAuth client secrets and tokens (Google, Azure, Apple…).
    OauthCredential,
    /// AWS, Azure, GCP credentials.
    CloudCredential,
    /// Private keys of TLS certificates and other PEM private keys.
    TlsPrivateKey,
    /// HashiCorp Vault tokens and unseal keys.
    VaultToken,
    /// Passwords, tokens and secrets found by context only.
    GenericSecret,
    /// Password hashes (crypt, bcrypt, PBKDF2, Argon2): not usable to log in, but open to
    /// offline guessing. Opt-in rules only; never CRITICAL.
    PasswordHash,
}

impl Category {
    /// Kebab-case name as used in rule files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::DatabaseCredential => "database-credential",
            Category::ApiKey => "api-key",
            Category::CryptographicKey => "cryptographic-key",
            Category::OauthCredential => "oauth-credential",
            Category::CloudCredential => "cloud-credential",
            Category::TlsPrivateKey => "tls-private-key",
            Category::VaultToken => "vault-token",
            Category::GenericSecret => "generic-secret",
            Category::PasswordHash => "password-hash",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secret value. `Debug` and `Display` are masked; [`Secret::expose`] gives the raw bytes.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Secret(Vec<u8>, Option<String>);

impl Secret {
    /// Wraps raw secret bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Secret(bytes.into(), None)
    }

    /// A stand-in for a value that is not at hand (a history finding restored from the blob
    /// cache): `shown` is what [`Secret::masked`] shows before the `…` and `chars` the length it
    /// gives; [`Secret::salted_hash`] gives `salted`. [`Secret::expose`] gives filler, not the
    /// value: callers that need the value must not use a stand-in.
    pub fn stand_in(shown: &str, chars: usize, salted: String) -> Self {
        let filler = chars.saturating_sub(shown.chars().count());
        Secret(
            format!("{shown}{}", "*".repeat(filler)).into_bytes(),
            Some(salted),
        )
    }

    /// Whether this is a [`Secret::stand_in`], not the value.
    pub fn is_stand_in(&self) -> bool {
        self.1.is_some()
    }

    /// The raw value. Only reports under `--show-secrets` and the Vault migration may call this.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Length in characters (bytes where not UTF-8).
    pub fn char_len(&self) -> usize {
        match std::str::from_utf8(&self.0) {
            Ok(s) => s.chars().count(),
            Err(_) => self.0.len(),
        }
    }

    /// Masked form such as `ghp_…(40 chars)`: a short prefix (never more than a quarter of the
    /// value, at most 4 characters, none for values under 8) and the length.
    pub fn masked(&self) -> String {
        let text = String::from_utf8_lossy(&self.0);
        let n = text.chars().count();
        let shown = if n < 8 { 0 } else { (n / 4).min(4) };
        let prefix: String = text
            .chars()
            .take(shown)
            .map(|c| if c.is_control() { '?' } else { c })
            .collect();
        format!("{prefix}…({n} chars)")
    }

    /// Salted SHA-256 of the value, hex. Stable across runs and machines, reveals nothing.
    pub fn salted_hash(&self) -> String {
        if let Some(known) = &self.1 {
            return known.clone();
        }
        let mut h = Sha256::new();
        h.update(b"vaultsweep secret salt v1\0");
        h.update(&self.0);
        hex::encode(h.finalize())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.masked())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// Location-free identity of a finding: sha256(rule id, normalised path, salted secret hash).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fingerprint(pub String);

impl Fingerprint {
    /// Computes the fingerprint. `path` is normalised: `\` → `/`, leading `./` dropped.
    pub fn new(rule_id: &str, path: &str, secret: &Secret) -> Self {
        let mut h = Sha256::new();
        h.update(b"vaultsweep fingerprint v1\0");
        h.update(rule_id.as_bytes());
        h.update(b"\0");
        h.update(normalise_path(path).as_bytes());
        h.update(b"\0");
        h.update(secret.salted_hash().as_bytes());
        Fingerprint(hex::encode(h.finalize()))
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A path's bytes as report text, losslessly. Valid UTF-8 is kept as it is. A name that is
/// not valid UTF-8 has every byte outside a valid UTF-8 sequence written `\xNN` (two lowercase
/// hex digits) and every `\` written `\\`, so [`path_bytes`] gives the original bytes back
/// (U+FFFD replacement would lose them, and two such files would share one name).
pub fn path_text(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// The inverse of [`path_text`] for a name that was escaped (one holding `\x`): the original
/// bytes. Text without escapes is returned as its UTF-8 bytes.
pub fn path_bytes(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'\\') {
            out.push(b'\\');
            i += 2;
        } else if b[i] == b'\\'
            && b.get(i + 1) == Some(&b'x')
            && let Some(v) = text
                .get(i + 2..i + 4)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// The bytes of an OS path as report text ([`path_text`]).
pub fn os_path_text(p: &std::path::Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path_text(p.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        p.to_string_lossy().into_owned()
    }
}

/// Normalises a path for fingerprints and reports: forward slashes (Windows separators turned
/// to `/`; elsewhere `\` is an ordinary file-name byte, and [`path_text`]'s escape), no
/// leading `./`.
pub fn normalise_path(path: &str) -> String {
    let p = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let mut s = p.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

/// Where a scanned blob came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A file in a scanned tree.
    File {
        /// Path as it should be shown (the root as given, joined with the relative path).
        path: String,
        /// Path relative to the scan root, normalised; used for fingerprints, context and SARIF.
        rel: String,
    },
    /// A blob in git history, attributed to the (first) commit that introduced it at `path`.
    Commit {
        /// The introducing commit.
        commit: CommitInfo,
        /// Path inside the repository (relative to its top level, `/`-separated).
        path: String,
        /// Further commits that introduced the same secret at the same path (same fingerprint),
        /// oldest first. Empty until the history scan groups occurrences.
        more: Vec<Occurrence>,
        /// Every path the secret was introduced under when the same blob moved (renames,
        /// copies), `path` first. Empty when there was only `path`.
        paths: Vec<String>,
        /// Whether `HEAD` still holds the secret at one of its paths (`None`: not known, e.g.
        /// no `HEAD`).
        in_head: Option<bool>,
        /// When gone from `HEAD`: the commit on `HEAD`'s first-parent line that removed it.
        removed_in: Option<Box<CommitInfo>>,
    },
    /// A blob in the git index (what the next commit would contain).
    Staged {
        /// Path inside the repository (relative to its top level, `/`-separated).
        path: String,
    },
}

/// The commit a history finding is attributed to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct CommitInfo {
    /// Full hex commit id.
    pub id: String,
    /// Author as `Name <email>`.
    pub author: String,
    /// Author date, RFC 3339 with the author's offset.
    pub date: String,
    /// First line of the commit message.
    pub summary: String,
}

/// Another place in history where the same secret (same fingerprint) was introduced.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Occurrence {
    /// The introducing commit.
    pub commit: CommitInfo,
    /// 1-based line of the secret in that commit's blob.
    pub line: usize,
}

impl Origin {
    /// Path to display.
    pub fn display_path(&self) -> &str {
        match self {
            Origin::File { path, .. } => path,
            Origin::Commit { path, .. } | Origin::Staged { path } => path,
        }
    }

    /// Path relative to the scan root (for git origins: to the repository's top level).
    pub fn rel_path(&self) -> &str {
        match self {
            Origin::File { rel, .. } => rel,
            Origin::Commit { path, .. } | Origin::Staged { path } => path,
        }
    }

    /// The introducing commit, for history findings.
    pub fn commit(&self) -> Option<&CommitInfo> {
        match self {
            Origin::Commit { commit, .. } => Some(commit),
            _ => None,
        }
    }
}

/// Position of a finding inside its blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Where the blob came from.
    pub origin: Origin,
    /// 1-based line of the secret's first byte.
    pub line: usize,
    /// 1-based column of the secret's first character, in Unicode code points (SARIF's
    /// `unicodeCodePoints`; a byte of invalid UTF-8 counts as one).
    pub column: usize,
    /// 1-based line of the secret's last byte.
    pub end_line: usize,
    /// 1-based column just past the secret's last byte.
    pub end_column: usize,
    /// Byte range of the secret in the blob.
    pub span: Range<usize>,
}

/// One classified secret.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Rule that matched.
    pub rule_id: String,
    /// Human name of the rule.
    pub rule_name: String,
    /// Category after context refinement.
    pub category: Category,
    /// Tier after context adjustment.
    pub tier: Tier,
    /// How sure the scanner is that this is a credential.
    pub confidence: Confidence,
    /// What kind of place it sits in (test, docs, example, development, production).
    pub context: Context,
    /// Where it is.
    pub location: Location,
    /// The variable or key name the secret was assigned to, when the rule captured one.
    pub key: Option<String>,
    /// The secret (masked unless exposed).
    pub secret: Secret,
    /// Shannon entropy of the secret, bits per byte.
    pub entropy: f32,
    /// Location-free identity.
    pub fingerprint: Fingerprint,
    /// The encoding the secret was found under (`base64`), when it was not in plain text.
    pub encoding: Option<String>,
    /// The whole matched text, kept (masked like the secret) for rules whose verifier needs
    /// more than the secret: connection URIs (user, host, port). `None` for other rules.
    pub matched: Option<Secret>,
    /// What `scan --verify` found out; `None` when verification did not run.
    pub verification: Option<Verification>,
}

/// The outcome of checking a credential against the service it opens (`scan --verify`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VerifyState {
    /// The service accepted the credential.
    Live,
    /// The service rejected it.
    Invalid,
    /// Could not decide: network error, unexpected answer, no verifier for the rule.
    Unknown,
    /// Not attempted: excluded by the user's switches, a dry run, or a host not allowed.
    Skipped,
}

impl VerifyState {
    /// Lower-case name used in every report.
    pub fn as_str(self) -> &'static str {
        match self {
            VerifyState::Live => "live",
            VerifyState::Invalid => "invalid",
            VerifyState::Unknown => "unknown",
            VerifyState::Skipped => "skipped",
        }
    }
}

impl fmt::Display for VerifyState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding's verification: its state, what was (or would have been) contacted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Live, invalid, unknown or skipped.
    pub state: VerifyState,
    /// What was contacted (`postgres://db.internal:5432`, `https://api.github.com/user`), if any.
    pub endpoint: Option<String>,
    /// Why this state: the server's answer, the error, or the switch that skipped it.
    pub reason: String,
}

impl Finding {
    /// Rotation period for this finding's tier.
    pub fn rotation_days(&self) -> u32 {
        self.tier.rotation_days()
    }
}

/// The civil date `(year, month, day)` of a count of days since 1970-01-01, proleptic
/// Gregorian (Howard Hinnant's `civil_from_days`). The one date routine of the crate: reports,
/// git and migration all write dates without a date library.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Days since 1970-01-01 of a civil date: the inverse of [`civil_from_days`].
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {

    #[test]
    fn path_text_is_lossless() {
        assert_eq!(path_text(b"dir/app.env"), "dir/app.env");
        assert_eq!(path_text(b"a\\b"), "a\\b"); // valid UTF-8: untouched
        let raw = b"caf\xe9\\x/\xff.env";
        let text = path_text(raw);
        assert_eq!(text, "caf\\xe9\\\\x/\\xff.env");
        assert_eq!(path_bytes(&text), raw);
        assert_ne!(path_text(b"\xe9"), path_text(b"\xe8"));
    }

    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        for days in [-800_000, -1, 0, 59, 60, 11_016, 19_723, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn mask_never_shows_more_than_a_quarter() {
        let s = Secret::new("ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"); // vaultsweep:allow
        assert_eq!(s.masked(), "ghp_…(40 chars)");
        assert_eq!(Secret::new("hunter22").masked(), "hu…(8 chars)");
        assert_eq!(Secret::new("abc").masked(), "…(3 chars)");
        assert!(!format!("{s:?}").contains("aBcDeF"));
    }

    #[test]
    fn tiers_order_and_rotation() {
        assert!(Tier::Critical > Tier::High && Tier::Medium > Tier::Low);
        assert_eq!(Tier::Low.lowered(), Tier::Low);
        assert_eq!(Tier::High.raised(), Tier::Critical);
        assert_eq!(Tier::Medium.rotation_days(), 180);
        assert_eq!("HIGH".parse::<Tier>().unwrap(), Tier::High);
        assert!("severe".parse::<Tier>().is_err());
    }

    #[test]
    fn fingerprint_depends_on_rule_path_secret_not_on_dot_slash() {
        let s = Secret::new("secret-value-1");
        let a = Fingerprint::new("r", "./a/b.env", &s);
        assert_eq!(a, Fingerprint::new("r", "a/b.env", &s));
        assert_ne!(a, Fingerprint::new("r2", "a/b.env", &s));
        assert_ne!(a, Fingerprint::new("r", "a/c.env", &s));
        assert_ne!(a, Fingerprint::new("r", "a/b.env", &Secret::new("other")));
        assert!(!a.0.contains("secret-value"));
    }
}
