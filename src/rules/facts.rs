//! What loading needs to know about a rule's pattern or a service row's token, as pure
//! functions of their text.
//!
//! Parsing ~1,300 patterns is most of rule loading, and rule loading is most of a small
//! scan's start-up. So this file depends on `regex_syntax`, `serde` and `std` only:
//! `build.rs` includes it to compute the facts of every built-in pattern at build time, and
//! loading looks them up by the pattern's text ([`crate::rules::load`]). The same function
//! computes a pattern's facts at build time and at run time, so a looked-up answer is the one
//! parsing would give.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind};
use serde::{Deserialize, Serialize};

/// The facts of a rule's pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatternFacts {
    /// Index of the secret capture group (`secret`, or group 1).
    pub secret_group: usize,
    /// Index of the `key` group, if any.
    pub key_group: Option<usize>,
    /// Index of the `user` group, if any.
    pub user_group: Option<usize>,
    /// The secret's format literals ([`group_literals`] of the secret group).
    pub literals: Option<Vec<Vec<u8>>>,
    /// The secret group's shortest and longest match.
    pub secret_len: (usize, Option<usize>),
}

/// Why a pattern has no [`PatternFacts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// It does not parse.
    Bad(String),
    /// It has no capture group.
    NoSecretGroup,
}

/// The facts of a service row's token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenFacts {
    /// Shortest match.
    pub min_len: usize,
    /// Longest match, if bounded.
    pub max_len: Option<usize>,
    /// Every byte the token may contain, as a bit set.
    pub alphabet: [u64; 4],
    /// The token's format literals ([`group_literals`]).
    pub literals: Option<Vec<Vec<u8>>>,
}

impl TokenFacts {
    /// The alphabet as a table.
    pub fn alphabet_table(&self) -> [bool; 256] {
        std::array::from_fn(|b| self.alphabet[b / 64] >> (b % 64) & 1 == 1)
    }
}

/// Parses a pattern the way every rule pattern is parsed (bytes, no Unicode classes).
pub fn parse(pattern: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())
}

/// The facts of a rule's pattern.
pub fn pattern_facts(pattern: &str) -> Result<PatternFacts, PatternError> {
    let hir = parse(pattern).map_err(PatternError::Bad)?;
    let mut names: Vec<Option<String>> = vec![None];
    capture_names(&hir, &mut names);
    let secret_group = match names.iter().position(|n| n.as_deref() == Some("secret")) {
        Some(i) => i,
        None if names.len() > 1 => 1,
        None => return Err(PatternError::NoSecretGroup),
    };
    let group = find_group(&hir, secret_group);
    Ok(PatternFacts {
        secret_group,
        key_group: names.iter().position(|n| n.as_deref() == Some("key")),
        user_group: names.iter().position(|n| n.as_deref() == Some("user")),
        literals: group.and_then(group_literals),
        secret_len: group.map_or((0, None), |g| {
            let props = g.properties();
            (props.minimum_len().unwrap_or(0), props.maximum_len())
        }),
    })
}

/// The facts of a service row's token, or why it cannot be one.
pub fn token_facts(token: &str) -> Result<TokenFacts, String> {
    let hir = parse(token).map_err(|e| format!("token: {e}"))?;
    if has_capture(&hir) {
        return Err("token: no capture groups (the rule adds its own)".into());
    }
    let Some(min_len) = hir.properties().minimum_len() else {
        return Err("token: matches nothing".into());
    };
    let mut bits = [0u64; 4];
    for (b, _) in alphabet(&hir)
        .iter()
        .enumerate()
        .filter(|(_, in_it)| **in_it)
    {
        bits[b / 64] |= 1 << (b % 64);
    }
    Ok(TokenFacts {
        min_len,
        max_len: hir.properties().maximum_len(),
        alphabet: bits,
        literals: group_literals(&hir),
    })
}

/// Every capture group's name, by index (`None`: unnamed).
pub fn capture_names(hir: &Hir, out: &mut Vec<Option<String>>) {
    match hir.kind() {
        HirKind::Capture(c) => {
            let i = c.index as usize;
            if out.len() <= i {
                out.resize(i + 1, None);
            }
            out[i] = c.name.as_deref().map(str::to_string);
            capture_names(&c.sub, out);
        }
        HirKind::Concat(xs) | HirKind::Alternation(xs) => {
            xs.iter().for_each(|x| capture_names(x, out))
        }
        HirKind::Repetition(r) => capture_names(&r.sub, out),
        _ => {}
    }
}

/// The sub-expression of capture group `index`.
pub fn find_group(hir: &Hir, index: usize) -> Option<&Hir> {
    match hir.kind() {
        HirKind::Capture(c) if c.index as usize == index => Some(&c.sub),
        HirKind::Capture(c) => find_group(&c.sub, index),
        HirKind::Repetition(r) => find_group(&r.sub, index),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().find_map(|h| find_group(h, index)),
        _ => None,
    }
}

/// Whether every secret of the expression starts or ends with a literal of three or more
/// characters, not all digits (`ghp_`, `AKIA`/`ASIA`, `xoxb-`, `.apps.googleusercontent.com`):
/// the mark of a provider's token format, as opposed to a value recognised only by the name
/// near it. `Some` holds the prefixes (empty when only a suffix qualifies); `None` when the
/// secret has no such literal.
pub fn group_literals(group: &Hir) -> Option<Vec<Vec<u8>>> {
    let qualifying = |prefix: bool| {
        let mut ex = Extractor::new();
        ex.kind(if prefix {
            ExtractKind::Prefix
        } else {
            ExtractKind::Suffix
        });
        let seq = ex.extract(group);
        let lits = seq.literals()?;
        let ok = !lits.is_empty()
            && lits.iter().all(|l| {
                l.as_bytes().len() >= 3 && l.as_bytes().iter().any(|b| !b.is_ascii_digit())
            });
        ok.then(|| {
            lits.iter()
                .map(|l| l.as_bytes().to_vec())
                .collect::<Vec<_>>()
        })
    };
    qualifying(true).or_else(|| qualifying(false).map(|_| Vec::new()))
}

fn has_capture(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Capture(_) => true,
        HirKind::Repetition(r) => has_capture(&r.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(has_capture),
        _ => false,
    }
}

/// Every byte the expression may match.
pub fn alphabet(hir: &Hir) -> [bool; 256] {
    let mut set = [false; 256];
    fn walk(hir: &Hir, set: &mut [bool; 256]) {
        match hir.kind() {
            HirKind::Literal(l) => l.0.iter().for_each(|&b| set[b as usize] = true),
            HirKind::Class(Class::Bytes(c)) => {
                for r in c.ranges() {
                    (r.start()..=r.end()).for_each(|b| set[b as usize] = true);
                }
            }
            HirKind::Class(Class::Unicode(c)) => {
                for r in c.ranges() {
                    let (lo, hi) = (r.start() as u32, (r.end() as u32).min(255));
                    (lo..=hi).for_each(|b| set[b as usize] = true);
                }
            }
            HirKind::Repetition(r) => walk(&r.sub, set),
            HirKind::Capture(c) => walk(&c.sub, set),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().for_each(|h| walk(h, set)),
            _ => {}
        }
    }
    walk(hir, &mut set);
    set
}
