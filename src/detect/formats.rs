//! What the provider rules and service rows know of token formats, applied to the values that
//! generic rules find: a value in a provider's format that the provider's own rule rejected
//! (one character short or long, outside the alphabet, a failed checksum), or a value next to
//! a service's name in a near miss of that service's format, is not a credential of that
//! provider — it is a decoy or a typo, and reporting it through a generic rule would undo the
//! exactness of the provider rule.

use super::names::name_tokens;
use crate::rules::Regex;
use crate::rules::RuleSet;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// A service's token shape: the exact format, its alphabet and length bounds.
#[derive(Debug)]
struct Shape {
    /// The token's format, compiled anchored on first use (hundreds of rows; few are needed).
    token: Arc<String>,
    exact: Arc<OnceLock<Option<Regex>>>,
    alphabet: [bool; 256],
    min_len: usize,
    max_len: usize,
}

/// Token formats known from the rule set.
#[derive(Debug, Default)]
pub struct KnownFormats {
    /// Literal prefixes of provider formats (`ghp_`, `xoxb-`, `AKIA`) with the format's
    /// shortest and longest token.
    prefixes: Vec<(Vec<u8>, usize, usize)>,
    /// Service names → the shapes of their tokens.
    services: HashMap<String, Vec<Shape>>,
}

/// Prefixes shorter than this are not distinctive enough to claim a value (`sk-`, `pk_`
/// begin keys of many services that have no rule here).
const MIN_PREFIX: usize = 4;

impl KnownFormats {
    /// Collects the formats of `rules`.
    pub fn new(rules: &RuleSet) -> Self {
        let mut prefixes: Vec<(Vec<u8>, usize, usize)> = rules
            .rules()
            .iter()
            .filter(|r| !r.generic && r.service.is_none())
            .filter_map(|r| Some((r, r.secret_len.0, r.secret_len.1?)))
            .flat_map(|(r, lo, hi)| r.prefixes.iter().map(move |p| (p.clone(), lo, hi)))
            .filter(|(p, _, _)| p.len() >= MIN_PREFIX)
            .collect();
        prefixes.sort();
        prefixes.dedup();
        let mut services: HashMap<String, Vec<Shape>> = HashMap::new();
        for rule in rules.rules() {
            let Some(svc) = &rule.service else { continue };
            let (min_len, Some(max_len), alphabet) = (svc.len.0, svc.len.1, svc.alphabet) else {
                continue;
            };
            let token = Arc::new(svc.token.clone());
            let exact = Arc::new(OnceLock::new());
            for name in &svc.names {
                services.entry(name.clone()).or_default().push(Shape {
                    token: Arc::clone(&token),
                    exact: Arc::clone(&exact),
                    alphabet,
                    min_len,
                    max_len,
                });
            }
        }
        KnownFormats { prefixes, services }
    }

    /// Whether a generic rule's `value` (assigned to `key`, if any) is a near miss of a known
    /// format rather than a credential: it starts with a provider format's prefix and is within
    /// three characters of its length (the provider rule, which would have reported a
    /// well-formed token, did not), or the key names a service
    /// and the value is within three characters of the length, and at most one character
    /// outside the alphabet, of one of that service's token shapes without matching any.
    pub fn near_miss(&self, key: Option<&[u8]>, value: &[u8]) -> bool {
        if self
            .prefixes
            .iter()
            .any(|(p, lo, hi)| value.starts_with(p) && near(value.len(), *lo, *hi))
        {
            return true;
        }
        let Some(key) = key else { return false };
        if self.services.is_empty() {
            return false;
        }
        let text = String::from_utf8_lossy(key);
        let mut shapes = name_tokens(&text)
            .into_iter()
            .map(|t| t.to_ascii_lowercase())
            .chain(std::iter::once(text.to_ascii_lowercase()))
            .filter_map(|t| self.services.get(&t))
            .flatten()
            .peekable();
        if shapes.peek().is_none() {
            return false;
        }
        let shapes: Vec<&Shape> = shapes.collect();
        if shapes.iter().any(|s| s.matches(value)) {
            return false;
        }
        shapes.iter().any(|s| {
            let outside = value.iter().filter(|&&b| !s.alphabet[b as usize]).count();
            outside <= 1 && near(value.len(), s.min_len, s.max_len)
        })
    }
}

impl Shape {
    /// Whether `value` is exactly a token of this shape.
    fn matches(&self, value: &[u8]) -> bool {
        self.exact
            .get_or_init(|| crate::rules::build_windowed(&format!("^(?:{})$", self.token)).ok())
            .as_ref()
            .is_some_and(|re| re.is_match(value))
    }
}

/// Within three characters of a format's length bounds: a near miss rather than another
/// variant of the format that the rules do not describe.
fn near(len: usize, lo: usize, hi: usize) -> bool {
    len + 3 >= lo && len <= hi + 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::from_toml_str;

    fn formats() -> KnownFormats {
        let rules = from_toml_str(
            r#"
[[rules]]
id = "acme.token"
name = "Acme token"
category = "api-key"
tier = "high"
keywords = ["acme_"]
pattern = '\b(acme_[a-z0-9]{10})\b'
examples = ['acme_q8z3k5m1x9']

[[services]]
id = "widget"
name = "Widget key"
names = ["widget"]
token = '[0-9a-f]{32}'
examples = ['WIDGET_KEY=4f1c9a7e2b6d8305c1e4a9f7b2d6c803']
"#,
            "t.toml",
        )
        .unwrap();
        KnownFormats::new(&RuleSet::new(rules).unwrap())
    }

    #[test]
    fn near_misses_of_known_formats() {
        let f = formats();
        // A provider prefix: the provider rule owns the format.
        assert!(f.near_miss(Some(b"TOKEN"), b"acme_q8z3k5m1x9z"));
        // …but not a far longer token with the prefix: a variant the rule does not describe.
        assert!(!f.near_miss(Some(b"TOKEN"), b"acme_q8z3k5m1x9zq8z3k5m1x9z"));
        // A service's name in the key, the value one character short, long, or off-alphabet.
        assert!(f.near_miss(Some(b"WIDGET_KEY"), b"4f1c9a7e2b6d8305c1e4a9f7b2d6c80"));
        assert!(f.near_miss(Some(b"widgetApiKey"), b"4f1c9a7e2b6d8305c1e4a9f7b2d6c8031"));
        assert!(f.near_miss(Some(b"widget_key"), b"4f1c9a7e2b6d8305c1e4a9f7b2d6c80z"));
        // Kept: the exact format, another credential of the service (another shape), other names.
        assert!(!f.near_miss(Some(b"WIDGET_KEY"), b"4f1c9a7e2b6d8305c1e4a9f7b2d6c803"));
        assert!(!f.near_miss(Some(b"WIDGET_PASSWORD"), b"Kq7#vLm2pX9!"));
        assert!(!f.near_miss(Some(b"OTHER_KEY"), b"4f1c9a7e2b6d8305c1e4a9f7b2d6c80"));
        assert!(!f.near_miss(None, b"4f1c9a7e2b6d8305c1e4a9f7b2d6c80"));
    }
}
