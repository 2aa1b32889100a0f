//! Rules as data: the TOML syntax ([`RuleSyntax`]), compiled [`Rule`]s and the [`RuleSet`].
//!
//! Imports only `finding`. Loading and linting live in [`load`].

pub mod load;

pub use load::{LoadError, LoadErrorKind, builtin, from_toml_str};

use crate::finding::{Category, Tier};
use regex::bytes::{Regex, RegexBuilder};
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
    /// Matches may lie more than two lines away from a keyword (PEM blocks, JSON documents):
    /// search the whole blob instead of the lines around each keyword.
    #[serde(default)]
    pub multiline: bool,
    /// Secrets containing any of these (case-insensitive) are dropped.
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// The `key` group must name a secret (`db_password`, `apiKey`), not a property of one
    /// (`password_length`, `token_url`): see `detect::filter::key_names_secret`.
    #[serde(default)]
    pub sensitive_key: bool,
    /// The secret must read as a literal value, not code, an identifier or a UI message: see
    /// `detect::filter::is_literal_value`.
    #[serde(default)]
    pub literal_value: bool,
    /// A checksum the provider embeds in the token. A token whose checksum verifies is reported
    /// even when it looks low-entropy; one that fails goes through the usual filters.
    #[serde(default)]
    pub checksum: Option<Checksum>,
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
}

/// Token checksums defined by providers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Checksum {
    /// GitHub (and npm) tokens: the last 6 characters are the CRC32 of the characters between
    /// the `prefix_` and them, in base62 (`0-9A-Za-z`), left-padded with `0`.
    GithubCrc32,
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
        }
    }
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

/// A rule file: `[[rules]]` tables.
#[derive(Debug, Deserialize)]
pub struct RuleFile {
    /// The rules.
    #[serde(default)]
    pub rules: Vec<RuleSyntax>,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id.
    pub id: String,
    /// Human name.
    pub name: String,
    /// Category.
    pub category: Category,
    /// Base tier (after any tier override from config).
    pub tier: Tier,
    /// Whether context may move the tier.
    pub fixed_tier: bool,
    /// Lower-case prefilter keywords.
    pub keywords: Vec<String>,
    /// The pattern, compiled on first use (bytes, Unicode classes off).
    pub regex: LazyRegex,
    /// Index of the secret capture group.
    pub secret_group: usize,
    /// Index of the `key` capture group, if any.
    pub key_group: Option<usize>,
    /// Longest secret the rule's pattern allows, when the detector searches that group with
    /// its large repetitions unbounded (see [`load::search_pattern`]).
    pub secret_max_len: Option<usize>,
    /// Longest key name the rule's pattern allows, likewise.
    pub key_max_len: Option<usize>,
    /// Minimum entropy of the secret.
    pub min_entropy: Option<f32>,
    /// Lower-case stopwords.
    pub stopwords: Vec<String>,
    /// The key must name a secret.
    pub sensitive_key: bool,
    /// The value must read as a literal.
    pub literal_value: bool,
    /// Embedded checksum, if the format has one.
    pub checksum: Option<Checksum>,
    /// Whether this is a context rule (see `load::CONTEXT_RULE_PREFIXES`) that yields to
    /// provider rules on overlap.
    pub generic: bool,
    /// Whether the detector may search only the lines around keyword occurrences (every rule
    /// with keywords, unless its matches can span many lines: `multiline = true`).
    pub windowed: bool,
    /// Whether every match lies on one line and contains a keyword
    /// (see [`load::keyword_on_match_line`]): the detector then searches only the line of each
    /// keyword occurrence.
    pub line_window: bool,
    /// Description for help texts.
    pub description: Option<String>,
    /// Documentation links.
    pub references: Vec<String>,
    /// Positive examples.
    pub examples: Vec<String>,
    /// Negative examples.
    pub negative_examples: Vec<String>,
    /// File the rule came from (`aws.toml`, a user path…).
    pub source: String,
}

impl Rule {
    /// Where the detector runs the rule's regex: `keyword-line` (the line of each keyword
    /// occurrence), `keyword-lines` (the lines around each occurrence) or `blob` (the whole
    /// blob: rules without keywords and `multiline` rules).
    pub fn search_scope(&self) -> &'static str {
        match (self.windowed, self.line_window) {
            (true, true) => "keyword-line",
            (true, false) => "keyword-lines",
            (false, _) => "blob",
        }
    }
}

/// A pattern validated at load (parsed, capture groups known) and compiled on first use.
///
/// Compiling 300+ regexes takes a third of a second; a pre-commit scan of a few files needs
/// only the handful of rules whose keywords occur, so compilation is deferred per rule.
///
/// Most searches find nothing, so a pattern with large bounded repetitions also carries a
/// relaxed form (see [`load::relaxed_pattern`]) that rejects those searches cheaply.
#[derive(Debug)]
pub struct LazyRegex {
    pattern: String,
    compiled: OnceLock<Regex>,
    relaxed: Option<(String, OnceLock<Regex>)>,
    exact: Option<(String, OnceLock<Regex>)>,
}

fn clone_lock(lock: &OnceLock<Regex>) -> OnceLock<Regex> {
    let out = OnceLock::new();
    if let Some(r) = lock.get() {
        let _ = out.set(r.clone());
    }
    out
}

impl Clone for LazyRegex {
    fn clone(&self) -> Self {
        LazyRegex {
            pattern: self.pattern.clone(),
            compiled: clone_lock(&self.compiled),
            relaxed: self
                .relaxed
                .as_ref()
                .map(|(p, lock)| (p.clone(), clone_lock(lock))),
            exact: self
                .exact
                .as_ref()
                .map(|(p, lock)| (p.clone(), clone_lock(lock))),
        }
    }
}

impl LazyRegex {
    /// Wraps a pattern that [`LazyRegex::build`] accepts.
    pub fn new(pattern: String) -> Self {
        Self::with_relaxed(pattern, None)
    }

    /// Wraps a pattern and a relaxed form of it that matches a superset of its inputs.
    pub fn with_relaxed(pattern: String, relaxed: Option<String>) -> Self {
        LazyRegex {
            pattern,
            compiled: OnceLock::new(),
            relaxed: relaxed.map(|p| (p, OnceLock::new())),
            exact: None,
        }
    }

    /// Sets the rule's own pattern, when the searched one is a relaxed form of it: the
    /// detector falls back to it where a relaxed match breaks the rule's length bounds.
    pub fn with_exact(mut self, exact: String) -> Self {
        self.exact = Some((exact, OnceLock::new()));
        self
    }

    /// The rule's own pattern compiled: the searched one unless [`LazyRegex::with_exact`] set
    /// another.
    pub fn exact(&self) -> &Regex {
        match &self.exact {
            Some((p, lock)) => lock
                .get_or_init(|| Self::build(p).expect("rule patterns are validated when loaded")),
            None => self.get(),
        }
    }

    /// The relaxed pattern, if the rule has one.
    pub fn relaxed_str(&self) -> Option<&str> {
        self.relaxed.as_ref().map(|(p, _)| p.as_str())
    }

    /// False when the pattern certainly does not match `hay` (the relaxed form does not);
    /// true when it may.
    pub fn may_match(&self, hay: &[u8]) -> bool {
        match &self.relaxed {
            Some((p, lock)) => lock
                .get_or_init(|| Self::build(p).expect("relaxed patterns are validated when loaded"))
                .is_match(hay),
            None => true,
        }
    }

    /// The builder settings every rule pattern is compiled with.
    pub fn build(pattern: &str) -> Result<Regex, regex::Error> {
        RegexBuilder::new(pattern)
            .unicode(false)
            .size_limit(32 * 1024 * 1024)
            .dfa_size_limit(32 * 1024 * 1024)
            .build()
    }

    /// The source pattern.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The compiled regex (compiled now if this is the first use).
    pub fn get(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            Self::build(&self.pattern).expect("rule patterns are validated when loaded")
        })
    }

    /// Compiles now (the relaxed form too), reporting a compile error (size limits) instead
    /// of panicking later.
    pub fn force(&self) -> Result<&Regex, regex::Error> {
        for (p, lock) in self.relaxed.iter().chain(&self.exact) {
            if lock.get().is_none() {
                let r = Self::build(p)?;
                let _ = lock.set(r);
            }
        }
        if let Some(r) = self.compiled.get() {
            return Ok(r);
        }
        let r = Self::build(&self.pattern)?;
        Ok(self.compiled.get_or_init(|| r))
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
