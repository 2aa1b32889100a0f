//! Rules as data: the TOML syntax ([`RuleSyntax`]), compiled [`Rule`]s and the [`RuleSet`].
//!
//! Imports only `finding`. Loading and linting live in [`load`].

pub mod facts;
pub mod load;
pub mod plan;
pub mod scope;
pub mod service;
pub mod verify;
pub mod window;

pub use load::{LoadError, LoadErrorKind, builtin, builtin_all, from_toml_str};
pub use plan::{Regex, SearchPlan, build_exact, build_regex, build_windowed};
pub use scope::{FileClass, NamedFile, Syntax};

use crate::finding::{Category, Confidence, Tier};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One rule as written in a `patterns/*.toml` file or a user's `.vaultsweep.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSyntax {
    /// Unique id, `^[a-z0-9]+([.-][a-z0-9]+)*$`.
    pub id: String,
    /// Human name.
    pub name: String,
    /// Category from the company guide.
    pub category: Category,
    /// Base tier.
    pub tier: Tier,
    /// Lower-case prefilter keywords; empty = always run.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Regex; group `secret` or group 1 is the secret, optional group `key` the variable name.
    pub pattern: String,
    /// Minimum Shannon entropy of the secret, bits per byte.
    #[serde(default)]
    pub min_entropy: Option<f32>,
    /// Context never moves the tier.
    #[serde(default)]
    pub fixed_tier: bool,
    /// Not in the default rule set: runs only when a config's `enable` lists it. For findings a
    /// team may reasonably not want by default (a passphrase-protected private key).
    #[serde(default)]
    pub opt_in: bool,
    /// Matches may lie more than two lines away from a keyword (PEM blocks, JSON documents):
    /// search the whole blob instead of the lines around each keyword.
    #[serde(default)]
    pub multiline: bool,
    /// Secrets containing any of these (case-insensitive) are dropped.
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// The file syntaxes the rule applies in (`config`, `shell`, `code`, `markup`, `docs`,
    /// `data`, `other`); empty = all.
    #[serde(default)]
    pub syntaxes: Vec<Syntax>,
    /// The named credential files the rule runs in, and only there (`erlang-cookie`,
    /// `mongodb-keyfile`: see [`NamedFile`]); empty = every file. For files whose whole content
    /// is the secret and that only their name identifies. The rule's examples are checked as
    /// the content of such a file.
    #[serde(default)]
    pub files: Vec<NamedFile>,
    /// How sure a match makes us that the value is a credential. Default: `low` for generic
    /// rules, `high` for rules with a checksum or a secret with a literal prefix or suffix of
    /// three or more characters (a provider's token format), `medium` otherwise (a provider's
    /// name next to a well-shaped value, connection strings, credential files).
    #[serde(default)]
    pub confidence: Option<Confidence>,
    /// The `key` group must name a secret (`db_password`, `apiKey`), not a property of one
    /// (`password_length`, `token_url`): see `detect::filter::key_names_secret`.
    #[serde(default)]
    pub sensitive_key: bool,
    /// The secret must read as a literal value, not code, an identifier or a UI message: see
    /// `detect::filter::is_literal_value`.
    #[serde(default)]
    pub literal_value: bool,
    /// The value must not be labelled as a property of an account rather than a credential: the
    /// `key` group, or the last word between it and the secret, naming an id, URL, user, hash,
    /// version… (`ACME_PROJECT_ID`, `acme commit: …`): see `detect::names::labels_a_property`.
    /// Set on the rules built from service rows.
    #[serde(default)]
    pub label_check: bool,
    /// A checksum the provider embeds in the token. A token whose checksum verifies is reported
    /// even when it looks low-entropy; one that fails goes through the usual filters, or is
    /// dropped when the check is a required structure ([`Checksum::required`]).
    #[serde(default)]
    pub checksum: Option<Checksum>,
    /// A token whose checksum fails is dropped, whatever the checksum kind's default: for
    /// formats whose every issued token carries the checksum (GitHub's and npm's since 2021),
    /// so a near miss (one character changed, shortened or lengthened) is not reported.
    #[serde(default)]
    pub strict_checksum: bool,
    /// What the secret is.
    #[serde(default)]
    pub description: Option<String>,
    /// Format documentation.
    #[serde(default)]
    pub references: Vec<String>,
    /// Inputs the rule must match.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Inputs the rule must not match.
    #[serde(default)]
    pub negative_examples: Vec<String>,
    /// How `scan --verify` checks a finding of this rule over HTTP (`[rules.verify]`).
    #[serde(default)]
    pub verify: Option<verify::HttpVerify>,
    /// For a rule built from a service row: the row's names and token format (not written in
    /// rule files).
    #[serde(skip)]
    pub service: Option<ServiceToken>,
}

/// What a service row says of its token, kept on the rule it builds: the detector knows from it
/// that a value next to one of these names in another shape is not this service's token.
#[derive(Debug, Clone)]
pub struct ServiceToken {
    /// The service's names (lower-case).
    pub names: Vec<String>,
    /// The token's format (a regex without groups).
    pub token: String,
    /// The token's format literals (see `load::format_literals`).
    pub literals: Option<Vec<Vec<u8>>>,
    /// The token's shortest and longest length.
    pub len: (usize, Option<usize>),
    /// Every byte the token may contain.
    pub alphabet: [bool; 256],
}

/// Token checksums defined by providers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Checksum {
    /// GitHub (and npm) tokens: the last 6 characters are the CRC32 of the characters between
    /// the `prefix_` and them, in base62 (`0-9A-Za-z`), left-padded with `0`.
    GithubCrc32,
    /// Jira/Confluence Data Center personal access tokens: 44 base64 characters encoding
    /// `<numeric token id>:<20 random bytes>`. A structure rather than a checksum, and
    /// required: a 44-character base64 string that does not decode so is not such a token.
    AtlassianPat,
    /// Bech32 (BIP 173): the part after the last `1` ends in a 6-character checksum over the
    /// human-readable part and the data (age's `AGE-SECRET-KEY-1…`). Required.
    Bech32,
    /// Laravel Sanctum 4 tokens: `<id>|` + 40 random characters + the CRC32 of those 40 as 8
    /// lower-case hex digits (`hash('crc32b', …)`). Required.
    SanctumCrc32,
    /// Base58Check (Bitcoin's): the base58 string decodes to a payload and 4 bytes that are the
    /// start of the payload's double SHA-256 (WIF private keys, BIP 32 `xprv`, Tezos `edsk`).
    /// Required.
    Base58check,
}

impl Checksum {
    /// Whether `token` carries a valid checksum.
    pub fn verify(self, token: &[u8]) -> bool {
        match self {
            Checksum::GithubCrc32 => {
                let Some(us) = token.iter().rposition(|&b| b == b'_') else {
                    return false;
                };
                let body = &token[us + 1..];
                if body.len() <= 6 || !body.iter().all(u8::is_ascii_alphanumeric) {
                    return false;
                }
                let (random, tail) = body.split_at(body.len() - 6);
                base62_6(crc32fast::hash(random)) == tail
            }
            Checksum::AtlassianPat => {
                use base64::Engine;
                let Ok(raw) = base64::engine::general_purpose::STANDARD.decode(token) else {
                    return false;
                };
                let Some(colon) = raw.iter().position(|&b| b == b':') else {
                    return false;
                };
                raw.len() == 33
                    && (8..=20).contains(&colon)
                    && raw[..colon].iter().all(u8::is_ascii_digit)
            }
            Checksum::Bech32 => bech32_valid(token),
            Checksum::Base58check => base58check_valid(token),
            Checksum::SanctumCrc32 => {
                let Some(bar) = token.iter().position(|&b| b == b'|') else {
                    return false;
                };
                let body = &token[bar + 1..];
                body.len() == 48
                    && format!("{:08x}", crc32fast::hash(&body[..40])).as_bytes() == &body[40..]
            }
        }
    }

    /// Whether a token that fails the check is dropped (a structure every real token has),
    /// rather than judged by the usual entropy and placeholder filters.
    pub fn required(self) -> bool {
        match self {
            Checksum::GithubCrc32 => false,
            Checksum::AtlassianPat
            | Checksum::Bech32
            | Checksum::SanctumCrc32
            | Checksum::Base58check => true,
        }
    }
}

/// Whether `s` is Base58Check: base58 (Bitcoin's alphabet) of a payload followed by the first
/// four bytes of the payload's double SHA-256.
fn base58check_valid(s: &[u8]) -> bool {
    use sha2::{Digest, Sha256};
    const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    if s.is_empty() || s.len() > 200 {
        return false;
    }
    // Big-endian base-256 digits of the number, built digit by digit.
    let mut bytes: Vec<u8> = Vec::with_capacity(s.len());
    for &c in s {
        let Some(mut carry) = ALPHABET.iter().position(|&a| a == c).map(|v| v as u32) else {
            return false;
        };
        for b in bytes.iter_mut().rev() {
            carry += u32::from(*b) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    // Each leading `1` is a leading zero byte.
    let zeros = s.iter().take_while(|&&c| c == b'1').count();
    let mut raw = vec![0u8; zeros];
    raw.extend(bytes);
    if raw.len() < 5 {
        return false;
    }
    let (payload, check) = raw.split_at(raw.len() - 4);
    let digest = Sha256::digest(Sha256::digest(payload));
    digest[..4] == *check
}

/// Whether `s` is a valid Bech32 string (BIP 173; either case, not mixed): human-readable part,
/// `1`, data characters of which the last six are the checksum.
fn bech32_valid(s: &[u8]) -> bool {
    const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let lower = s.to_ascii_lowercase();
    if lower != s && s.to_ascii_uppercase() != s {
        return false;
    }
    let Some(sep) = lower.iter().rposition(|&b| b == b'1') else {
        return false;
    };
    let (hrp, data) = (&lower[..sep], &lower[sep + 1..]);
    if hrp.is_empty() || data.len() < 6 {
        return false;
    }
    let mut values = Vec::with_capacity(hrp.len() * 2 + 1 + data.len());
    values.extend(hrp.iter().map(|b| b >> 5));
    values.push(0);
    values.extend(hrp.iter().map(|b| b & 31));
    for b in data {
        match CHARSET.iter().position(|c| c == b) {
            Some(v) => values.push(v as u8),
            None => return false,
        }
    }
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk == 1
}

/// `n` in base62 (`0-9A-Za-z`), 6 digits, left-padded with `0`.
fn base62_6(mut n: u32) -> [u8; 6] {
    const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut out = [b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(n % 62) as usize];
        n /= 62;
    }
    out
}

/// A rule file: `[[rules]]` tables and `[[services]]` rows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// The rules.
    #[serde(default)]
    pub rules: Vec<RuleSyntax>,
    /// Service rows, each expanded into one rule ([`service::ServiceSyntax::to_rule`]).
    #[serde(default)]
    pub services: Vec<service::ServiceSyntax>,
}

/// A compiled rule: the rule as written ([`RuleSyntax`], reached through `Deref`, so a new rule
/// field is declared once, in the syntax) and what loading derived from it.
///
/// `tier` and `fixed_tier` here are the effective values (config `[tiers]` may override the
/// written ones); `syntaxes` is the written list's bit mask and `confidence` the resolved one.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The rule as written (keywords and stopwords lower-cased).
    pub spec: RuleSyntax,
    /// Base tier (after any tier override from config).
    pub tier: Tier,
    /// Whether context may move the tier.
    pub fixed_tier: bool,
    /// Index of the secret capture group.
    pub secret_group: usize,
    /// Index of the `key` capture group, if any.
    pub key_group: Option<usize>,
    /// Index of the `user` capture group (the user name of a connection string), if any.
    pub user_group: Option<usize>,
    /// Bit mask of the [`Syntax`]es the rule applies in (all bits set: everywhere).
    pub syntaxes: u8,
    /// Bit mask of the [`NamedFile`]s the rule is limited to (0: every file).
    pub file_mask: u16,
    /// How sure a match of this rule makes us (before per-finding evidence).
    pub confidence: Confidence,
    /// Whether this is a context rule (see `load::CONTEXT_RULE_PREFIXES`) that yields to
    /// provider rules on overlap.
    pub generic: bool,
    /// Whether the detector may search only the lines around keyword occurrences (every rule
    /// with keywords, unless its matches can span many lines: `multiline = true`).
    pub windowed: bool,
    /// File the rule came from (`aws.toml`, a user path…).
    pub source: String,
    /// The literal prefixes every secret of a provider format rule starts with (`ghp_`,
    /// `AKIA`/`ASIA`); empty for context rules and formats without one.
    pub prefixes: Vec<Vec<u8>>,
    /// The shortest and longest secret the pattern allows (no longest: unbounded).
    pub secret_len: (usize, Option<usize>),
    /// The search plan, built on the rule's first use.
    plan: OnceLock<SearchPlan>,
    /// Where the pattern can match, as build.rs analysed it (built-in pattern rules); `None`:
    /// planning analyses it.
    pub(crate) window: Option<&'static window::WindowFacts>,
    /// The pattern as written, compiled, when the plan searches a relaxed form of it.
    exact: OnceLock<Regex>,
}

impl std::ops::Deref for Rule {
    type Target = RuleSyntax;
    fn deref(&self) -> &RuleSyntax {
        &self.spec
    }
}

impl Rule {
    /// Whether the rule recognises a format (a provider's token, a connection string, a
    /// header, a credentials file: medium or high confidence) rather than a name next to a
    /// value. Only these run in lock files, bundles, vendored and generated code by default.
    pub fn recognises_a_format(&self) -> bool {
        self.confidence >= Confidence::Medium
    }

    /// Whether the rule reports password hashes (which every other rule leaves alone).
    pub fn reports_password_hashes(&self) -> bool {
        self.category == Category::PasswordHash
    }

    /// Whether the rule applies in files of syntax `s`.
    pub fn applies_in(&self, s: Syntax) -> bool {
        self.syntaxes & s.bit() != 0
    }

    /// Whether the rule runs in a blob that is the named file `file` (`None`: no named file).
    pub fn runs_in_file(&self, file: Option<NamedFile>) -> bool {
        self.file_mask == 0 || file.is_some_and(|f| self.file_mask & f.bit() != 0)
    }

    /// Where the detector runs the rule's regex: `keyword-line` (the line of each keyword
    /// occurrence), `keyword-lines` (the lines around each occurrence) or `blob` (the whole
    /// blob: rules without keywords and `multiline` rules).
    pub fn search_scope(&self) -> &'static str {
        match (self.windowed, self.windowed && self.plan().line_window) {
            (true, true) => "keyword-line",
            (true, false) => "keyword-lines",
            (false, _) => "blob",
        }
    }
}

/// Planning and compiling happen on a rule's first use, not at load: compiling 300+ regexes
/// takes a third of a second and analysing them tens of milliseconds, while a pre-commit scan
/// of a few files needs only the handful of rules whose keywords occur.
impl Rule {
    /// The search plan (planned and compiled now if this is the first use).
    pub fn plan(&self) -> &SearchPlan {
        match self.plan.get() {
            Some(p) => p,
            None => self
                .force_plan()
                .expect("rule patterns are validated when loaded"),
        }
    }

    /// The regex the detector searches with.
    pub fn search(&self) -> &Regex {
        self.plan().search()
    }

    /// False when the pattern certainly does not match `hay`; true when it may.
    pub fn may_match(&self, hay: &[u8]) -> bool {
        let plan = self.plan();
        plan.required.as_ref().is_none_or(|req| req.is_match(hay))
            && plan.precheck.as_ref().is_none_or(|pre| pre.is_match(hay))
    }

    /// The rule's own pattern compiled (the searched one unless the plan relaxed its groups).
    pub fn exact(&self) -> &Regex {
        let plan = self.plan();
        if !plan.relaxed_groups {
            return plan.search();
        }
        self.exact.get_or_init(|| {
            let built = match self.windowed {
                true => build_windowed(&self.pattern),
                false => build_regex(&self.pattern),
            };
            built.expect("rule patterns are validated when loaded")
        })
    }

    /// Plans and compiles now, reporting a compile error (size limits) instead of panicking
    /// later.
    pub fn force_plan(&self) -> Result<&SearchPlan, regex::Error> {
        if let Some(p) = self.plan.get() {
            return Ok(p);
        }
        let plan = match &self.service {
            // A service row's pattern, built from parts parsed once instead of parsed whole.
            Some(row) => plan::plan_parsed(
                service::pattern_hir(row).map_err(regex::Error::Syntax)?,
                self.secret_group,
                self.key_group,
                &self.keywords,
                self.windowed,
                self.window,
            ),
            None => plan::plan(
                &self.pattern,
                self.secret_group,
                self.key_group,
                &self.keywords,
                self.windowed,
                self.window,
            ),
        }?;
        Ok(self.plan.get_or_init(|| plan))
    }
}

/// All rules in effect, in a stable order.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    by_id: HashMap<String, usize>,
}

impl RuleSet {
    /// Builds a set; later rules with an id already present are rejected.
    pub fn new(rules: Vec<Rule>) -> Result<Self, LoadError> {
        let mut set = RuleSet::default();
        for r in rules {
            set.push(r)?;
        }
        Ok(set)
    }

    /// Adds a rule, refusing duplicate ids.
    pub fn push(&mut self, rule: Rule) -> Result<(), LoadError> {
        if self.by_id.contains_key(&rule.id) {
            return Err(LoadError {
                path: rule.source.clone(),
                rule_id: Some(rule.id.clone()),
                kind: LoadErrorKind::DuplicateId,
            });
        }
        self.by_id.insert(rule.id.clone(), self.rules.len());
        self.rules.push(rule);
        Ok(())
    }

    /// The rules, in load order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// True when there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Index of a rule by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Rule by index.
    pub fn get(&self, idx: usize) -> &Rule {
        &self.rules[idx]
    }

    /// Sets the base tier of a rule (config `[tiers]` overrides); the tier then stays fixed.
    pub fn override_tier(&mut self, id: &str, tier: Tier) -> bool {
        match self.by_id.get(id) {
            Some(&i) => {
                self.rules[i].tier = tier;
                self.rules[i].fixed_tier = true;
                true
            }
            None => false,
        }
    }

    /// Keeps only the rules for which `keep` returns true.
    pub fn retain(&mut self, mut keep: impl FnMut(&Rule) -> bool) {
        self.rules.retain(|r| keep(r));
        self.by_id = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::Checksum;

    #[test]
    fn atlassian_pat_structure_is_required() {
        let c = Checksum::AtlassianPat;
        assert!(c.required() && !Checksum::GithubCrc32.required());
        // base64 of "926607655526:" and 20 random bytes
        assert!(c.verify(b"OTI2NjA3NjU1NTI2Oh2DOnASdOHoIhEGyqIuYrdkYaQZ"));
        // a 4-digit id, a random 44-character string, not base64 at all
        assert!(!c.verify(b"MDAwMToPTwEV1TLGOh2DOnASdOHoIhEGyqIuYrdkYaQZ"));
        assert!(!c.verify(b"NABV8mVtJVXOaTNM4bvKz9+hV313C1xI4OcOEqlOm4hS"));
        assert!(!c.verify(b"not base64!"));
    }

    #[test]
    fn sanctum_crc32() {
        let c = Checksum::SanctumCrc32;
        assert!(c.required());
        // crc32b of the 40 characters after the bar, in lower-case hex
        assert!(c.verify(b"7|8XbOByGgSFTsB2KDyRrcIBPPVXBEbolvYKdVAO4A3781bcfc")); // vaultsweep:allow
        assert!(!c.verify(b"7|8XbOByGgSFTsB2KDyRrcIBPPVXBEbolvYKdVAO4A3781bc00")); // vaultsweep:allow
        // Sanctum 3's 40 characters carry no checksum; no bar at all
        assert!(!c.verify(b"7|8XbOByGgSFTsB2KDyRrcIBPPVXBEbolvYKdVAO4A")); // vaultsweep:allow
        assert!(!c.verify(b"8XbOByGgSFTsB2KDyRrcIBPPVXBEbolvYKdVAO4A3781bcfc"));
    }

    #[test]
    fn base58check_checksum() {
        let c = Checksum::Base58check;
        assert!(c.required());
        // Bitcoin's genesis address, and a WIF key from the Bitcoin wiki's WIF page.
        assert!(c.verify(b"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"));
        assert!(c.verify(b"5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ")); // vaultsweep:allow
        // One character changed, one dropped, a character outside the alphabet.
        assert!(!c.verify(b"5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTK"));
        assert!(!c.verify(b"5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyT"));
        assert!(!c.verify(b"5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvy0J"));
    }

    #[test]
    fn bech32_checksum() {
        let c = Checksum::Bech32;
        assert!(c.required());
        // BIP 173's valid test vectors, in both cases.
        assert!(c.verify(b"A12UEL5L"));
        assert!(c.verify(b"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"));
        assert!(c.verify(b"?1ezyfcl"));
        // One character changed, mixed case, no separator.
        assert!(!c.verify(b"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx"));
        assert!(!c.verify(b"A12uEL5L"));
        assert!(!c.verify(b"pzry9x0s0muk"));
    }
}
