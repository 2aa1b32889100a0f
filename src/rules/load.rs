//! Loading rule files (built-in and user) and the static lint that every rule must pass.

use super::facts::{self, PatternError, PatternFacts, TokenFacts};
use super::window::{WindowFacts, window_key};
use super::{Rule, RuleFile, RuleSet, RuleSyntax};
use crate::finding::Confidence;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The [`facts`] of every built-in pattern and token, computed by build.rs with the same
/// functions, keyed by their text.
#[derive(serde::Deserialize)]
struct BuiltinFacts {
    patterns: HashMap<String, PatternFacts>,
    tokens: HashMap<String, TokenFacts>,
    /// [`super::window::window_facts`] of each keyword rule's pattern, by [`window_key`].
    windows: HashMap<String, WindowFacts>,
}

fn builtin_facts() -> &'static BuiltinFacts {
    static FACTS: OnceLock<BuiltinFacts> = OnceLock::new();
    FACTS.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(
            env!("OUT_DIR"),
            "/builtin_facts.json"
        )))
        .expect("build.rs writes the facts it computed")
    })
}

/// [`facts::pattern_facts`], looked up for a built-in pattern.
fn pattern_facts(pattern: &str) -> Result<PatternFacts, PatternError> {
    match builtin_facts().patterns.get(pattern) {
        Some(f) => Ok(f.clone()),
        None => facts::pattern_facts(pattern),
    }
}

/// [`facts::token_facts`], looked up for a built-in token.
pub(super) fn token_facts(token: &str) -> Result<TokenFacts, String> {
    match builtin_facts().tokens.get(token) {
        Some(f) => Ok(f.clone()),
        None => facts::token_facts(token),
    }
}

/// Why a rule file or rule could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The file is not valid TOML or does not follow the rule schema.
    Syntax(String),
    /// The id does not match `^[a-z0-9]+([.-][a-z0-9]+)*$` or is longer than 64 characters.
    BadId,
    /// Two rules share an id.
    DuplicateId,
    /// The pattern does not compile.
    BadPattern(String),
    /// The pattern has no capture group for the secret.
    NoSecretGroup,
    /// A keyword is empty or not lower-case.
    BadKeyword(String),
    /// A positive example contains none of the rule's keywords, so the prefilter would hide it.
    ExampleWithoutKeyword(usize),
    /// The rule has no positive example.
    NoExamples,
    /// `sensitive_key = true` but the pattern has no `key` group.
    NoKeyGroup,
    /// A `[[services]]` row cannot be turned into a rule.
    BadService(String),
    /// The rule's `[rules.verify]` is malformed or sends the secret to another host.
    BadVerifier(String),
}

/// A rule loading error with the file and rule it concerns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    /// File the rule came from.
    pub path: String,
    /// Rule id, when the error concerns one rule.
    pub rule_id: Option<String>,
    /// What is wrong.
    pub kind: LoadErrorKind,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(id) = &self.rule_id {
            write!(f, ": rule {id}")?;
        }
        match &self.kind {
            LoadErrorKind::Syntax(e) => write!(f, ": invalid rule file: {e}"),
            LoadErrorKind::BadId => write!(
                f,
                ": id must match ^[a-z0-9]+([.-][a-z0-9]+)*$ and be at most 64 characters"
            ),
            LoadErrorKind::DuplicateId => write!(f, ": duplicate rule id"),
            LoadErrorKind::BadPattern(e) => write!(f, ": pattern does not compile: {e}"),
            LoadErrorKind::NoSecretGroup => {
                write!(
                    f,
                    ": pattern needs a capture group (named `secret` or group 1)"
                )
            }
            LoadErrorKind::BadKeyword(k) => {
                write!(f, ": keyword {k:?} must be non-empty and lower-case")
            }
            LoadErrorKind::ExampleWithoutKeyword(i) => write!(
                f,
                ": example #{} contains none of the rule's keywords, so the prefilter would hide it",
                i + 1
            ),
            LoadErrorKind::NoExamples => write!(f, ": a rule needs at least one example"),
            LoadErrorKind::NoKeyGroup => {
                write!(f, ": sensitive_key = true needs a (?P<key>…) group")
            }
            LoadErrorKind::BadService(why) => write!(f, ": service row: {why}"),
            LoadErrorKind::BadVerifier(why) => write!(f, ": verify: {why}"),
        }
    }
}

/// Rules that recognise a *container* of secrets (an assignment, a connection string, a
/// credentials file, a JWT, a value named as an encryption or signing key) rather than a
/// provider's token format: the generic filters (near misses of known formats, built values)
/// judge their values. When one of them and a
/// provider rule find overlapping secrets, the provider rule's finding is kept.
pub const CONTEXT_RULE_PREFIXES: &[&str] = &[
    "generic.",
    "credfiles.",
    "database.",
    "jwt.token",
    "crypto.encryption-key",
];

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.split(['.', '-']).all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Compiles and lints one rule.
pub fn compile(syntax: RuleSyntax, source: &str) -> Result<Rule, LoadError> {
    let err = |kind| LoadError {
        path: source.to_string(),
        rule_id: Some(syntax.id.clone()),
        kind,
    };
    if !valid_id(&syntax.id) {
        return Err(err(LoadErrorKind::BadId));
    }
    // A service row's rule has a known layout (`key` group 1, `secret` group 2) and the row
    // already analysed its token; other patterns are analysed here (or looked up, for the
    // built-in ones). The pattern itself is parsed again when the rule is first planned, and
    // `rules check` compiles every rule.
    let (secret_group, key_group, user_group, literals, secret_len) = match &syntax.service {
        Some(svc) => (2, Some(1), None, svc.literals.clone(), svc.len),
        None => {
            let f = pattern_facts(&syntax.pattern).map_err(|e| {
                err(match e {
                    PatternError::Bad(why) => LoadErrorKind::BadPattern(why),
                    PatternError::NoSecretGroup => LoadErrorKind::NoSecretGroup,
                })
            })?;
            (
                f.secret_group,
                f.key_group,
                f.user_group,
                f.literals,
                f.secret_len,
            )
        }
    };
    for k in &syntax.keywords {
        if k.is_empty() || k.to_ascii_lowercase() != *k {
            return Err(err(LoadErrorKind::BadKeyword(k.clone())));
        }
    }
    if syntax.sensitive_key && key_group.is_none() {
        return Err(err(LoadErrorKind::NoKeyGroup));
    }
    if let Some(v) = &syntax.verify {
        super::verify::check(&syntax.id, v).map_err(|why| err(LoadErrorKind::BadVerifier(why)))?;
    }
    if syntax.examples.is_empty() {
        return Err(err(LoadErrorKind::NoExamples));
    }
    if !syntax.keywords.is_empty() {
        for (i, ex) in syntax.examples.iter().enumerate() {
            let lower = ex.to_ascii_lowercase();
            if !syntax.keywords.iter().any(|k| lower.contains(k.as_str())) {
                return Err(err(LoadErrorKind::ExampleWithoutKeyword(i)));
            }
        }
    }
    let windowed = !syntax.multiline && !syntax.keywords.is_empty();
    let generic = CONTEXT_RULE_PREFIXES
        .iter()
        .any(|p| syntax.id.starts_with(p));
    let confidence = syntax.confidence.unwrap_or_else(|| {
        if syntax.id.starts_with("generic.") {
            Confidence::Low
        } else if generic {
            Confidence::Medium
        } else if syntax.checksum.is_some() || literals.is_some() {
            Confidence::High
        } else {
            Confidence::Medium
        }
    });
    let syntaxes = if syntax.syntaxes.is_empty() {
        u8::MAX
    } else {
        syntax.syntaxes.iter().fold(0, |m, s| m | s.bit())
    };
    let file_mask = syntax.files.iter().fold(0, |m, f| m | f.bit());
    let prefixes = if generic {
        Vec::new()
    } else {
        literals.unwrap_or_default()
    };
    let mut spec = syntax;
    spec.stopwords = spec
        .stopwords
        .iter()
        .map(|s| s.to_ascii_lowercase())
        .collect();
    Ok(Rule {
        tier: spec.tier,
        fixed_tier: spec.fixed_tier,
        generic,
        confidence,
        syntaxes,
        file_mask,
        windowed,
        window: (windowed && spec.service.is_none())
            .then(|| {
                builtin_facts()
                    .windows
                    .get(&window_key(&spec.pattern, &spec.keywords))
            })
            .flatten(),
        plan: std::sync::OnceLock::new(),
        exact: std::sync::OnceLock::new(),
        secret_group,
        key_group,
        user_group,
        source: source.to_string(),
        prefixes,
        secret_len,
        spec,
    })
}

/// Compiles a rule's regex now (user rules, `rules check`), so size-limit errors surface at
/// load time rather than mid-scan.
pub fn compile_now(rule: &Rule) -> Result<(), LoadError> {
    rule.force_plan()
        .and_then(|plan| plan.compile_all())
        .map_err(|e| LoadError {
            path: rule.source.clone(),
            rule_id: Some(rule.id.clone()),
            kind: LoadErrorKind::BadPattern(e.to_string()),
        })
}

/// Parses and checks every rule of a TOML rule file.
pub fn from_toml_str(text: &str, source: &str) -> Result<Vec<Rule>, LoadError> {
    let file: RuleFile = toml::from_str(text).map_err(|e| syntax_error(e, source))?;
    from_file(file, source)
}

/// Parses and checks every rule of a rule file given as JSON (how build.rs embeds the
/// built-in TOML files: the same document, deserialised several times faster).
fn from_json_str(text: &str, source: &str) -> Result<Vec<Rule>, LoadError> {
    let file: RuleFile = serde_json::from_str(text).map_err(|e| syntax_error(e, source))?;
    from_file(file, source)
}

fn syntax_error(e: impl fmt::Display, source: &str) -> LoadError {
    LoadError {
        path: source.to_string(),
        rule_id: None,
        kind: LoadErrorKind::Syntax(e.to_string()),
    }
}

/// Checks and compiles a parsed rule file: its rules, then its service rows.
fn from_file(file: RuleFile, source: &str) -> Result<Vec<Rule>, LoadError> {
    let services = file.services.into_iter().map(|row| {
        row.to_rule().map_err(|why| LoadError {
            path: source.to_string(),
            rule_id: Some(format!("{}.{}", row.id, row.kind)),
            kind: LoadErrorKind::BadService(why),
        })
    });
    let rules = file.rules.into_iter().map(Ok);
    rules
        .chain(services)
        .map(|r| r.and_then(|r| compile(r, source)))
        .collect()
}

/// The built-in rule set embedded from `patterns/`.
pub fn builtin() -> Result<RuleSet, LoadError> {
    let mut set = builtin_all()?;
    set.retain(|r| !r.opt_in);
    Ok(set)
}

/// Every built-in rule, the opt-in ones (see [`crate::rules::RuleSyntax::opt_in`]) included.
///
/// The files are parsed and checked in parallel (rayon keeps their order): loading ~140 files
/// and ~900 rules is ~50 ms of one core, before any scan can start.
pub fn builtin_all() -> Result<RuleSet, LoadError> {
    use rayon::prelude::*;
    let files: Vec<Vec<Rule>> = BUILTIN_RULE_FILES
        .par_iter()
        .map(|(name, json)| from_json_str(json, &format!("patterns/{name}")))
        .collect::<Result<_, _>>()?;
    let mut set = RuleSet::default();
    for rule in files.into_iter().flatten() {
        set.push(rule)?;
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(extra: &str) -> Result<Vec<Rule>, LoadError> {
        from_toml_str(
            &format!(
                "[[rules]]\nid = \"t.x\"\nname = \"T\"\ncategory = \"api-key\"\ntier = \"high\"\n{extra}"
            ),
            "t.toml",
        )
    }

    #[test]
    fn lint_rejects_broken_rules() {
        let k = |r: Result<Vec<Rule>, LoadError>| r.unwrap_err().kind;
        assert!(matches!(
            k(one("pattern = '(unclosed'\nexamples=['x']")),
            LoadErrorKind::BadPattern(_)
        ));
        assert_eq!(
            k(one("pattern = 'abc'\nexamples=['abc']")),
            LoadErrorKind::NoSecretGroup
        );
        assert_eq!(
            k(one("pattern = '(abc)'\nkeywords=['zzz']\nexamples=['abc']")),
            LoadErrorKind::ExampleWithoutKeyword(0)
        );
        assert_eq!(
            k(one("pattern = '(abc)'\nkeywords=['ABC']\nexamples=['abc']")),
            LoadErrorKind::BadKeyword("ABC".into())
        );
        assert_eq!(k(one("pattern = '(abc)'")), LoadErrorKind::NoExamples);
        assert!(matches!(
            k(one("pattern = '(abc)'\nbogus = 1\nexamples=['abc']")),
            LoadErrorKind::Syntax(_)
        ));
        let bad_id = from_toml_str(
            "[[rules]]\nid = \"Bad_ID\"\nname = \"T\"\ncategory = \"api-key\"\ntier = \"high\"\npattern='(a)'\nexamples=['a']",
            "t.toml",
        );
        assert_eq!(bad_id.unwrap_err().kind, LoadErrorKind::BadId);
    }

    #[test]
    fn secret_group_named_or_first() {
        let r = one("pattern = '(?P<key>k)=(?P<secret>v+)'\nexamples=['k=v']").unwrap();
        assert_eq!(r[0].secret_group, 2);
        assert_eq!(r[0].key_group, Some(1));
        let r = one("pattern = 'x(v+)'\nexamples=['xv']").unwrap();
        assert_eq!((r[0].secret_group, r[0].key_group), (1, None));
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut rules = one("pattern = '(a)'\nexamples=['a']").unwrap();
        rules.push(rules[0].clone());
        assert_eq!(
            RuleSet::new(rules).unwrap_err().kind,
            LoadErrorKind::DuplicateId
        );
    }

    #[test]
    fn embedded_json_is_the_toml_it_was_made_from() {
        // build.rs embeds each patterns/*.toml as JSON; loading it must give what loading the
        // TOML gives, field for field.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns");
        let mut n = 0;
        for (name, json) in BUILTIN_RULE_FILES {
            let toml = std::fs::read_to_string(dir.join(name)).unwrap();
            let a = from_toml_str(&toml, name).unwrap();
            let b = from_json_str(json, name).unwrap();
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{name}");
            n += a.len();
        }
        assert!(n >= 1000, "only {n} rules compared");
    }

    #[test]
    fn looked_up_facts_are_what_parsing_gives() {
        let built = builtin_facts();
        assert!(built.patterns.len() >= 300 && built.tokens.len() >= 200);
        for (p, f) in &built.patterns {
            assert_eq!(facts::pattern_facts(p).as_ref(), Ok(f), "{p}");
        }
        for (t, f) in &built.tokens {
            assert_eq!(facts::token_facts(t).as_ref(), Ok(f), "{t}");
        }
        // Every built-in rule's pattern or token has its facts precomputed.
        for (name, json) in BUILTIN_RULE_FILES {
            let file: RuleFile = serde_json::from_str(json).unwrap();
            for r in &file.rules {
                assert!(built.patterns.contains_key(&r.pattern), "{name}: {}", r.id);
            }
            for s in &file.services {
                assert!(built.tokens.contains_key(&s.token), "{name}: {}", s.id);
            }
        }
    }

    /// Every built-in keyword rule written as a pattern plans with window facts build.rs
    /// computed, and they are what the analysis gives now.
    #[test]
    fn looked_up_window_facts_are_what_the_analysis_gives() {
        let set = builtin_all().unwrap();
        let mut n = 0;
        for rule in set.rules() {
            if !rule.windowed || rule.service.is_some() {
                assert!(rule.window.is_none(), "{}", rule.id);
                continue;
            }
            let hir = facts::parse(&rule.pattern).unwrap();
            let fresh = super::super::window::window_facts(&hir, &rule.keywords);
            assert_eq!(rule.window, Some(&fresh), "{}", rule.id);
            n += 1;
        }
        assert!(n >= 300, "only {n} rules have window facts");
    }

    #[test]
    fn builtin_rules_load_and_are_many() {
        let set = builtin().expect("built-in rules must load");
        assert!(set.len() >= 40, "only {} built-in rules", set.len());
    }
}
