//! The detector: keyword prefilter → regex on bytes → secret group → entropy → stopword and
//! placeholder filters → overlap resolution.
//!
//! Takes `&[u8]` only: never sees paths, git or output. Imports only `rules`.

pub mod examples;
pub mod filter;

use crate::rules::RuleSet;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// A match before classification: indices into the scanned bytes, no copies.
#[derive(Debug, Clone, PartialEq)]
pub struct RawMatch {
    /// Index of the rule in the [`RuleSet`].
    pub rule: usize,
    /// Byte range of the whole match.
    pub span: Range<usize>,
    /// Byte range of the secret.
    pub secret: Range<usize>,
    /// Byte range of the key/variable name, when the rule captures one.
    pub key: Option<Range<usize>>,
    /// Shannon entropy of the secret.
    pub entropy: f32,
}

/// Compiled matcher over a rule set; cheap to share between threads.
#[derive(Debug)]
pub struct Detector {
    rules: Arc<RuleSet>,
    prefilter: Option<AhoCorasick>,
    /// For each prefilter pattern, the rules it enables.
    keyword_rules: Vec<Vec<usize>>,
    /// Rules without keywords: always run.
    always: Vec<usize>,
}

/// Per-thread scratch space, reused across blobs.
#[derive(Debug, Default)]
pub struct Scratch {
    enabled: Vec<bool>,
    seen_keyword: Vec<bool>,
    active: Vec<usize>,
    matches: Vec<RawMatch>,
}

impl Detector {
    /// Builds the prefilter over every rule's keywords.
    pub fn new(rules: Arc<RuleSet>) -> Self {
        let mut keyword_index: HashMap<String, usize> = HashMap::new();
        let mut keywords: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for (i, rule) in rules.rules().iter().enumerate() {
            if rule.keywords.is_empty() {
                always.push(i);
            }
            for k in &rule.keywords {
                let idx = *keyword_index.entry(k.clone()).or_insert_with(|| {
                    keywords.push(k.clone());
                    keyword_rules.push(Vec::new());
                    keywords.len() - 1
                });
                keyword_rules[idx].push(i);
            }
        }
        let prefilter = if keywords.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&keywords)
                    .expect("keywords are plain literals"),
            )
        };
        Detector {
            rules,
            prefilter,
            keyword_rules,
            always,
        }
    }

    /// The rules this detector runs.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Shared handle to the rules.
    pub fn rules_arc(&self) -> &Arc<RuleSet> {
        &self.rules
    }

    /// Fresh scratch space sized for this detector.
    pub fn scratch(&self) -> Scratch {
        Scratch {
            enabled: vec![false; self.rules.len()],
            seen_keyword: vec![false; self.keyword_rules.len()],
            active: Vec::new(),
            matches: Vec::new(),
        }
    }

    /// Scans `hay` and returns the surviving matches, sorted by secret position.
    pub fn detect<'s>(&self, hay: &[u8], scratch: &'s mut Scratch) -> &'s [RawMatch] {
        if scratch.enabled.len() != self.rules.len() {
            *scratch = self.scratch();
        }
        scratch.matches.clear();
        scratch.active.clear();
        scratch.active.extend_from_slice(&self.always);
        if let Some(ac) = &self.prefilter {
            let mut distinct = 0;
            for m in ac.find_overlapping_iter(hay) {
                let k = m.pattern().as_usize();
                if scratch.seen_keyword[k] {
                    continue;
                }
                scratch.seen_keyword[k] = true;
                distinct += 1;
                for &r in &self.keyword_rules[k] {
                    if !scratch.enabled[r] {
                        scratch.enabled[r] = true;
                        scratch.active.push(r);
                    }
                }
                if distinct == self.keyword_rules.len() {
                    break;
                }
            }
            scratch.seen_keyword.iter_mut().for_each(|s| *s = false);
        }
        for i in 0..scratch.active.len() {
            let r = scratch.active[i];
            scratch.enabled[r] = false;
            self.run_rule(r, hay, &mut scratch.matches);
        }
        resolve_overlaps(&self.rules, &mut scratch.matches);
        &scratch.matches
    }

    fn run_rule(&self, r: usize, hay: &[u8], out: &mut Vec<RawMatch>) {
        let rule = self.rules.get(r);
        for caps in rule.regex.get().captures_iter(hay) {
            let Some(secret) = caps.get(rule.secret_group) else {
                continue;
            };
            if secret.is_empty() {
                continue;
            }
            let value = secret.as_bytes();
            let entropy = filter::shannon_entropy(value);
            if rule.min_entropy.is_some_and(|min| entropy < min) {
                continue;
            }
            if filter::has_stopword(value, &rule.stopwords) || filter::is_placeholder(value) {
                continue;
            }
            let whole = caps.get(0).expect("group 0 always matches");
            out.push(RawMatch {
                rule: r,
                span: whole.range(),
                secret: secret.range(),
                key: rule.key_group.and_then(|g| caps.get(g)).map(|m| m.range()),
                entropy,
            });
        }
    }
}

/// Sorts matches and drops duplicates: the same secret found by one rule twice, and generic
/// (context-only) matches whose secret overlaps a provider rule's secret.
fn resolve_overlaps(rules: &RuleSet, matches: &mut Vec<RawMatch>) {
    if matches.len() < 2 {
        return;
    }
    matches.sort_by(|a, b| {
        (a.secret.start, a.secret.end, a.rule).cmp(&(b.secret.start, b.secret.end, b.rule))
    });
    matches.dedup_by(|b, a| a.rule == b.rule && a.secret == b.secret);
    let mut keep = vec![true; matches.len()];
    for i in 0..matches.len() {
        for j in (i + 1)..matches.len() {
            if matches[j].secret.start >= matches[i].secret.end {
                break;
            }
            let (gi, gj) = (
                rules.get(matches[i].rule).generic,
                rules.get(matches[j].rule).generic,
            );
            if gi && !gj {
                keep[i] = false;
            } else if gj && !gi {
                keep[j] = false;
            } else if gi && gj {
                // Two context rules on the same value: keep the first (longer/earlier) one.
                keep[j] = false;
            }
        }
    }
    let mut k = keep.iter();
    matches.retain(|_| *k.next().unwrap());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::from_toml_str;

    fn detector(toml: &str) -> Detector {
        Detector::new(Arc::new(
            RuleSet::new(from_toml_str(toml, "t.toml").unwrap()).unwrap(),
        ))
    }

    const RULES: &str = r#"
[[rules]]
id = "p.tok"
name = "P token"
category = "api-key"
tier = "high"
keywords = ["ptok_"]
pattern = '\b(ptok_[a-zA-Z0-9]{16})\b'
min_entropy = 3.0
examples = ["ptok_a8Fk2LmQ9xZr4TbW"]

[[rules]]
id = "generic.token"
name = "Generic token"
category = "generic-secret"
tier = "medium"
keywords = ["token"]
pattern = '''(?i)(?P<key>\w*token\w*)\s*=\s*["'](?P<secret>[^"']{6,})["']'''
examples = ["token = 'abcdefgh'"]
"#;

    #[test]
    fn prefilter_gates_rules_and_matches_are_indices() {
        let d = detector(RULES);
        let mut s = d.scratch();
        let hay = b"x = 1\nkey: PTOK_a8Fk2LmQ9xZr4TbW\nptok_a8Fk2LmQ9xZr4TbW\n";
        let m = d.detect(hay, &mut s).to_vec();
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(&hay[m[0].secret.clone()], b"ptok_a8Fk2LmQ9xZr4TbW");
        assert!(d.detect(b"nothing here", &mut s).is_empty());
    }

    #[test]
    fn entropy_and_placeholders_filter() {
        let d = detector(RULES);
        let mut s = d.scratch();
        // low entropy
        assert!(d.detect(b"ptok_aaaaaaaabbbbbbbb", &mut s).is_empty());
        // placeholder value in a context rule
        assert!(d.detect(b"api_token = '${API_TOKEN}'", &mut s).is_empty());
        assert!(
            d.detect(b"api_token = 'your-token-here'", &mut s)
                .is_empty()
        );
        assert_eq!(d.detect(b"api_token = 'Tr0ub4dor&3'", &mut s).len(), 1); // vaultsweep:allow
    }

    #[test]
    fn provider_match_wins_over_generic_overlap() {
        let d = detector(RULES);
        let mut s = d.scratch();
        let hay = b"auth_token = \"ptok_a8Fk2LmQ9xZr4TbW\""; // vaultsweep:allow
        let m = d.detect(hay, &mut s).to_vec();
        assert_eq!(m.len(), 1);
        assert_eq!(d.rules().get(m[0].rule).id, "p.tok");
    }

    #[test]
    fn key_group_is_reported() {
        let d = detector(RULES);
        let mut s = d.scratch();
        let hay = b"DB_TOKEN = 'Zq8!mPw2'"; // vaultsweep:allow
        let m = d.detect(hay, &mut s).to_vec();
        assert_eq!(&hay[m[0].key.clone().unwrap()], b"DB_TOKEN");
    }
}
