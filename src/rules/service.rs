//! Service rows: the long tail of providers whose tokens have no distinctive prefix, as one
//! line of data each ([`ServiceSyntax`]), expanded into ordinary rules at load.
//!
//! A row names the service (its names and aliases, the keywords) and the token's exact format
//! (a regex of its alphabet and length, with a prefix where the provider documents one). The
//! generated rule finds the token after an identifier or text holding one of the names, on the
//! same line and within [`GAP`] bytes — `TODOIST_TOKEN = "…"`, `scrapfly: { key: … }`,
//! `X-Nimble-Key: …`, `the acme token is …` — bounded on both sides by characters outside the
//! token's alphabet, so a token inside a longer token is not reported. The detector then drops
//! values labelled as a property of the account rather than a credential (an id, a URL, a hash:
//! `label_check`).

use super::{Checksum, RuleSyntax, ServiceToken};
use crate::finding::{Category, Confidence, Tier};
use regex_syntax::hir::Hir;
use serde::Deserialize;

/// The most bytes between the end of the identifier holding the service's name and the token.
pub const GAP: usize = 48;

/// One service row as written in a `patterns/services-*.toml` file (`[[services]]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSyntax {
    /// The provider, lower-case (`todoist`); the rule id is `<id>.<kind>`.
    pub id: String,
    /// What the token is (`api-token`, `api-key`, `access-token`…). Default `api-key`.
    #[serde(default = "default_kind")]
    pub kind: String,
    /// Human name (`Todoist API token`).
    pub name: String,
    /// Lower-case names and aliases of the service as they appear in identifiers and text
    /// (`todoist`; `openweather`, `open_weather`). Each is a keyword.
    pub names: Vec<String>,
    /// The token's format as a regex without capture groups: alphabet, exact length(s) and any
    /// documented prefix (`[0-9a-f]{40}`, `pat_[A-Za-z0-9]{32}`).
    pub token: String,
    /// Default `api-key`.
    #[serde(default = "default_category")]
    pub category: Category,
    /// Default `high` (a production API key in the company guide; context moves it).
    #[serde(default = "default_tier")]
    pub tier: Tier,
    /// Minimum entropy; default from the token's alphabet (see [`default_entropy`]).
    #[serde(default)]
    pub min_entropy: Option<f32>,
    /// A checksum the provider embeds.
    #[serde(default)]
    pub checksum: Option<Checksum>,
    /// Overrides the derived confidence.
    #[serde(default)]
    pub confidence: Option<Confidence>,
    /// What the token is and how to revoke it.
    #[serde(default)]
    pub description: Option<String>,
    /// The provider's documentation of the format.
    #[serde(default)]
    pub references: Vec<String>,
    /// Inputs the rule must match.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Inputs the rule must not match.
    #[serde(default)]
    pub negative_examples: Vec<String>,
}

fn default_kind() -> String {
    "api-key".into()
}
fn default_category() -> Category {
    Category::ApiKey
}
fn default_tier() -> Tier {
    Tier::High
}

impl ServiceSyntax {
    /// The rule this row stands for, or why it cannot be built.
    pub fn to_rule(&self) -> Result<RuleSyntax, String> {
        if self.names.is_empty() {
            return Err("a service row needs at least one name".into());
        }
        for n in &self.names {
            if n.len() < 3
                || n.to_ascii_lowercase() != *n
                || !n
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            {
                return Err(format!(
                    "name {n:?}: three or more lower-case letters, digits, `_`, `-` or `.`"
                ));
            }
        }
        let facts = super::load::token_facts(&self.token)?;
        let min_len = facts.min_len;
        if min_len < 8 {
            return Err("token: at least 8 characters".into());
        }
        let alphabet = facts.alphabet_table();
        let standalone = standalone_prefixes(facts.literals.as_deref(), min_len, facts.max_len);
        let pattern = pattern_text(
            &self.names,
            &self.token,
            facts.alphabet,
            !standalone.is_empty(),
        );
        let mut keywords = self.names.clone();
        for p in standalone {
            if !keywords.contains(&p) {
                keywords.push(p);
            }
        }
        Ok(RuleSyntax {
            id: format!("{}.{}", self.id, self.kind),
            name: self.name.clone(),
            category: self.category,
            tier: self.tier,
            keywords,
            pattern,
            min_entropy: Some(
                self.min_entropy
                    .unwrap_or_else(|| default_entropy(&alphabet, min_len)),
            ),
            fixed_tier: false,
            opt_in: false,
            multiline: false,
            stopwords: Vec::new(),
            syntaxes: Vec::new(),
            files: Vec::new(),
            confidence: self.confidence,
            sensitive_key: false,
            literal_value: false,
            label_check: true,
            checksum: self.checksum,
            strict_checksum: false,
            description: self.description.clone(),
            references: self.references.clone(),
            examples: self.examples.clone(),
            negative_examples: self.negative_examples.clone(),
            verify: None,
            service: Some(ServiceToken {
                names: self.names.clone(),
                token: self.token.clone(),
                len: (min_len, facts.max_len),
                literals: facts.literals,
                alphabet,
            }),
        })
    }
}

// The parts of a row's pattern that are the same for every row (or every row of one token
// alphabet). The pattern is written as text ([`pattern_text`]) and, for planning, built as a
// parsed `Hir` from these parts parsed once ([`pattern_hir`]): parsing a row's whole pattern
// (~350 characters) cost ~400,000 instructions, most of it these shared parts.
/// The name at the start of an identifier or after a separator (`todoist`, `MY_TODOIST`,
/// `api.todoist.com`), before the names.
const HEAD_LEAD: &str = "(?:[A-Za-z0-9_.-]{0,40}[_.-])?";
/// The start of a camelCase identifier (`myTodoistToken`), before the capitalised names.
const CAMEL_LEAD: &str = "[A-Za-z0-9_.-]{0,40}[a-z0-9]";
/// Before the identifier holding the name.
const KEY_START: &str = "(?:^|[^A-Za-z0-9_.-])";
/// The rest of that identifier (`_TOKEN`, `-api-key`).
const KEY_TAIL: &str = "(?:[A-Z0-9_.-][A-Za-z0-9_.-]{0,40})?";

/// Between the identifier and the token: at most [`GAP`] bytes on the same line.
fn gap() -> String {
    format!(
        "(?:[^A-Za-z0-9_.\\r\\n-][^\\r\\n]{{0,{gap}}}?)?",
        gap = GAP - 1
    )
}

/// The service's names, case-insensitively (`(?i:todoist|open_weather)`).
fn names_text(names: &[String]) -> String {
    let names: Vec<String> = names.iter().map(|n| regex_syntax::escape(n)).collect();
    format!("(?i:{})", names.join("|"))
}

/// The names as capitalised words of a camelCase identifier (`(?:T(?i:odoist))`), if any name
/// starts with a lower-case letter.
fn camel_text(names: &[String]) -> Option<String> {
    let camel: Vec<String> = names
        .iter()
        .filter(|n| n.as_bytes()[0].is_ascii_lowercase())
        .map(|n| {
            let (first, rest) = n.split_at(1);
            format!(
                "{}(?i:{})",
                first.to_ascii_uppercase(),
                regex_syntax::escape(rest)
            )
        })
        .collect();
    (!camel.is_empty()).then(|| format!("(?:{})", camel.join("|")))
}

/// After the token: a byte outside its alphabet, a `.` not followed by one, or the end.
fn tail_text(after: &str, after_dot: &str) -> String {
    format!("(?:{after}|\\.(?:{after_dot}|$)|$)")
}

/// The literal openings of a token that name its provider by themselves (lower-cased): a
/// token whose every form opens with a distinctive literal (`aio_`, `APP_USR-`, `sk1_`) and has
/// a narrow length is also found without the name, in a log line, a header or free text, like
/// a provider rule's token. Empty when the token has no such opening.
pub(crate) fn standalone_prefixes(
    literals: Option<&[Vec<u8>]>,
    min_len: usize,
    max_len: Option<usize>,
) -> Vec<String> {
    match (literals, max_len) {
        (Some(ps), Some(hi))
            if !ps.is_empty()
                && min_len >= 16
                && hi - min_len <= 8
                && ps.iter().all(|p| distinctive_prefix(p)) =>
        {
            ps.iter()
                .map(|p| String::from_utf8_lossy(p).to_ascii_lowercase())
                .collect()
        }
        _ => Vec::new(),
    }
}

/// A row's pattern: the token after an identifier holding one of the names, on the same line
/// and within [`GAP`] bytes (and, for a token with a distinctive opening, also alone), bounded
/// by bytes outside the token's alphabet.
fn pattern_text(names: &[String], token: &str, alphabet: [u64; 4], standalone: bool) -> String {
    let [before, after, after_dot] = boundaries(alphabet);
    let mut heads = vec![format!("{HEAD_LEAD}{}", names_text(names))];
    if let Some(camel) = camel_text(names) {
        heads.push(format!("{CAMEL_LEAD}{camel}"));
    }
    let named = format!(
        "{KEY_START}(?P<key>(?:{heads}){KEY_TAIL}){gap}{before}",
        heads = heads.join("|"),
        gap = gap(),
    );
    let opening = if standalone {
        format!("(?:{named}|(?:^|{before}))")
    } else {
        named
    };
    format!(
        "{opening}(?P<secret>{token}){}",
        tail_text(&after, &after_dot)
    )
}

/// [`pattern_text`]'s pattern parsed (as planning parses: bytes, no Unicode), built from its
/// parts: the parts every row shares, and those of each token alphabet, are parsed once per
/// thread; only the names and the token are parsed per row. Equal to parsing the text (a test
/// compares every built-in row).
pub(crate) fn pattern_hir(row: &ServiceToken) -> Result<Hir, String> {
    use regex_syntax::hir::{Capture, Look};
    let parse = super::facts::parse;
    let mut alphabet = [0u64; 4];
    for (b, &inside) in row.alphabet.iter().enumerate() {
        alphabet[b / 64] |= u64::from(inside) << (b % 64);
    }
    let standalone = !standalone_prefixes(row.literals.as_deref(), row.len.0, row.len.1).is_empty();
    let shared = shared_parts()?;
    let [before, tail] = alphabet_parts(alphabet)?;
    let mut head = Hir::concat(vec![
        shared.head_lead.clone(),
        parse(&names_text(&row.names))?,
    ]);
    if let Some(camel) = camel_text(&row.names) {
        let camel = Hir::concat(vec![shared.camel_lead.clone(), parse(&camel)?]);
        head = Hir::alternation(vec![head, camel]);
    }
    let key = Hir::capture(Capture {
        index: 1,
        name: Some("key".into()),
        sub: Box::new(Hir::concat(vec![head, shared.key_tail.clone()])),
    });
    let named = vec![
        shared.key_start.clone(),
        key,
        shared.gap.clone(),
        before.clone(),
    ];
    let mut parts = if standalone {
        let alone = Hir::alternation(vec![Hir::look(Look::Start), before]);
        vec![Hir::alternation(vec![Hir::concat(named), alone])]
    } else {
        named
    };
    parts.push(Hir::capture(Capture {
        index: 2,
        name: Some("secret".into()),
        sub: Box::new(parse(&row.token)?),
    }));
    parts.push(tail);
    Ok(Hir::concat(parts))
}

/// The parsed parts every row's pattern shares.
struct SharedParts {
    head_lead: Hir,
    camel_lead: Hir,
    key_start: Hir,
    key_tail: Hir,
    gap: Hir,
}

fn shared_parts() -> Result<&'static SharedParts, String> {
    static PARTS: std::sync::OnceLock<Result<SharedParts, String>> = std::sync::OnceLock::new();
    PARTS
        .get_or_init(|| {
            let parse = super::facts::parse;
            Ok(SharedParts {
                head_lead: parse(HEAD_LEAD)?,
                camel_lead: parse(CAMEL_LEAD)?,
                key_start: parse(KEY_START)?,
                key_tail: parse(KEY_TAIL)?,
                gap: parse(&gap())?,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The parsed parts of one token alphabet: the class before the token, and what may follow it.
fn alphabet_parts(alphabet: [u64; 4]) -> Result<[Hir; 2], String> {
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<[u64; 4], [Hir; 2]>> =
            Default::default();
    }
    if let Some(parts) = MEMO.with(|m| m.borrow().get(&alphabet).cloned()) {
        return Ok(parts);
    }
    let [before, after, after_dot] = boundaries(alphabet);
    let parts = [
        super::facts::parse(&before)?,
        super::facts::parse(&tail_text(&after, &after_dot))?,
    ];
    MEMO.with(|m| m.borrow_mut().insert(alphabet, parts.clone()));
    Ok(parts)
}

/// Whether a token's literal opening names its provider by itself: four characters or more
/// (`nk-`, `as-` are too short to), not made only of words many providers share (`live_`,
/// `test_`, `api_`, `LIVE_API_KEY:`).
fn distinctive_prefix(p: &[u8]) -> bool {
    const SHARED: &[&[u8]] = &[
        b"live", b"test", b"prod", b"sandbox", b"sbox", b"dev", b"api", b"key", b"token",
        b"secret", b"sk", b"pk", b"rk", b"pat", b"private", b"public", b"access", b"app", b"user",
        b"bearer", b"auth", b"client",
    ];
    let long_enough = p.len() >= 4;
    let shared = p
        .split(|b| matches!(b, b'_' | b'-' | b'.' | b':'))
        .filter(|w| !w.is_empty())
        .all(|w| SHARED.iter().any(|g| w.eq_ignore_ascii_case(g)));
    long_enough && !shared && p.iter().any(u8::is_ascii_alphabetic)
}

/// The classes around a token of this alphabet (`TokenFacts::alphabet`): before it, after
/// it, and after a `.` that follows it. Rows share a few dozen alphabets, so each thread
/// writes each alphabet's classes once.
fn boundaries(alphabet: [u64; 4]) -> [String; 3] {
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<[u64; 4], [String; 3]>> =
            Default::default();
    }
    MEMO.with(|m| {
        m.borrow_mut()
            .entry(alphabet)
            .or_insert_with(|| write_boundaries(alphabet))
            .clone()
    })
}

fn write_boundaries(alphabet: [u64; 4]) -> [String; 3] {
    // Outside the token: neither a letter or digit nor a character of its alphabet.
    let mut bound = [false; 256];
    for b in 0..=255u8 {
        bound[b as usize] =
            b.is_ascii_alphanumeric() || alphabet[b as usize / 64] >> (b % 64) & 1 == 1;
    }
    // A negated class of ranges (`[^\x2B\x2F-\x39\x41-\x5A…]`): short patterns parse fast.
    let outside = |extra: &[u8], not: &[u8]| {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut inside = bound;
        not.iter().for_each(|&b| inside[b as usize] = false);
        extra.iter().for_each(|&b| inside[b as usize] = true);
        let byte = |b: usize| [b'\\', b'x', HEX[b >> 4], HEX[b & 15]];
        let mut class = Vec::with_capacity(64);
        let mut b = 0usize;
        while b <= 255 {
            if !inside[b] {
                b += 1;
                continue;
            }
            let start = b;
            while b < 255 && inside[b + 1] {
                b += 1;
            }
            class.extend(byte(start));
            if b > start {
                class.push(b'-');
                class.extend(byte(b));
            }
            b += 1;
        }
        format!("[^{}]", String::from_utf8(class).expect("ASCII"))
    };
    [
        // Before the token: not a path, fragment, mention or member (`/…`, `#…`, `@…`, `.…`).
        // `=` may precede a token whose alphabet holds it (base64 padding only ends a token).
        outside(b"\r\n/#@.\\", b"="),
        // After: not a file extension or a longer token (`<hex>.png`).
        outside(b".", b""),
        outside(b"", b""),
    ]
}

/// The entropy floor of a token: about three quarters of what a random token of its alphabet
/// reaches at that length (a 32-character hex string: ~3.7 bits per byte, floor 2.9), so that
/// `0000…`, `abcabc…` and words fail and random tokens pass.
pub fn default_entropy(alphabet: &[bool; 256], min_len: usize) -> f32 {
    let size = alphabet.iter().filter(|&&b| b).count().max(2) as f32;
    let ceiling = size.log2().min((min_len as f32).log2());
    (ceiling * 0.75).min(3.2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::facts::{alphabet, parse};

    fn row(token: &str) -> ServiceSyntax {
        ServiceSyntax {
            id: "acme".into(),
            kind: "api-token".into(),
            name: "Acme API token".into(),
            names: vec!["acme".into()],
            token: token.into(),
            category: Category::ApiKey,
            tier: Tier::High,
            min_entropy: None,
            checksum: None,
            confidence: None,
            description: None,
            references: vec![],
            examples: vec![],
            negative_examples: vec![],
        }
    }

    fn matches(token: &str, text: &str) -> Option<String> {
        let rule = row(token).to_rule().unwrap();
        let re = regex::bytes::Regex::new(&format!("(?-u){}", rule.pattern)).unwrap();
        re.captures(text.as_bytes())
            .and_then(|c| c.name("secret"))
            .map(|m| String::from_utf8_lossy(m.as_bytes()).into_owned())
    }

    #[test]
    fn the_token_is_bounded_by_characters_outside_its_alphabet() {
        let hex = "[0-9a-f]{32}";
        let t = "0c9f4e7a2b1d8e6f3a5c7b9d1e2f4a6b"; // vaultsweep:allow
        assert_eq!(matches(hex, &format!("ACME_TOKEN={t}")).as_deref(), Some(t));
        assert_eq!(
            matches(hex, &format!("acme api key: '{t}'")).as_deref(),
            Some(t)
        );
        assert_eq!(
            matches(hex, &format!("myAcmeKey = \"{t}\";")).as_deref(),
            Some(t)
        );
        // One character too many or from outside the alphabet: a longer token, not this one.
        assert_eq!(matches(hex, &format!("ACME_TOKEN={t}0")), None);
        assert_eq!(matches(hex, &format!("ACME_TOKEN={t}g")), None);
        assert_eq!(matches(hex, &format!("ACME_TOKEN=x{t}")), None);
        // A path, fragment or file name, and a name inside another word.
        assert_eq!(matches(hex, &format!("acme/{t}")), None);
        assert_eq!(matches(hex, &format!("acme-1.0.tgz#{t}")), None);
        assert_eq!(matches(hex, &format!("acme_logo = {t}.png")), None);
        assert_eq!(matches(hex, &format!("placme_token = {t}")), None);
        assert_eq!(
            matches(hex, &format!("ACME_TOKEN={t}.")).as_deref(),
            Some(t)
        );
    }

    #[test]
    fn a_distinctive_prefix_is_found_without_the_name() {
        let t = "aq7_q8z3k5m1x9zq8z3k5m1x9z"; // vaultsweep:allow
        let pre = "aq7_[a-z0-9]{22}";
        assert_eq!(
            matches(pre, &format!("[DEBUG] using {t}")).as_deref(),
            Some(t)
        );
        assert_eq!(matches(pre, t).as_deref(), Some(t));
        assert!(
            row(pre)
                .to_rule()
                .unwrap()
                .keywords
                .contains(&"aq7_".to_string())
        );
        // Not inside a longer token, a path or a member; and a shared or short prefix, or a
        // format without one, still needs the name.
        assert_eq!(matches(pre, &format!("x{t}")), None);
        assert_eq!(matches(pre, &format!("/{t}")), None);
        let live = "live_q8z3k5m1x9zq8z3k5m1x9z"; // vaultsweep:allow
        assert_eq!(
            matches("live_[a-z0-9]{22}", &format!("[DEBUG] using {live}")),
            None
        );
        assert_eq!(
            matches("live_[a-z0-9]{22}", &format!("ACME_KEY={live}")).as_deref(),
            Some(live)
        );
        assert_eq!(
            matches("[0-9a-f]{32}", "[DEBUG] 0c9f4e7a2b1d8e6f3a5c7b9d1e2f4a6b"),
            None
        ); // vaultsweep:allow
        assert!(distinctive_prefix(b"APP_USR-") && distinctive_prefix(b"sk1_"));
        for p in ["sk_live_", "pk_", "api_", "nk-", "LIVE_API_KEY:"] {
            assert!(!distinctive_prefix(p.as_bytes()), "{p}");
        }
    }

    #[test]
    fn a_row_s_pattern_built_from_parts_equals_its_text_parsed() {
        let rules = crate::rules::builtin_all().unwrap();
        let mut rows = 0;
        for rule in rules.rules() {
            let Some(service) = &rule.service else {
                continue;
            };
            assert_eq!(
                pattern_hir(service).unwrap(),
                parse(&rule.pattern).unwrap(),
                "{}",
                rule.id
            );
            rows += 1;
        }
        assert!(rows > 500, "only {rows} service rows compared");
        // Both forms of opening (with and without a standalone prefix), with and without
        // camelCase names.
        for (names, token) in [
            (vec!["acme".to_string()], "aq7_[a-z0-9]{22}"),
            (vec!["acme".into(), "9acme".into()], "[0-9a-f]{32}"),
            (vec!["9acme".into()], "[A-Za-z0-9+/]{40}="),
        ] {
            let mut r = row(token);
            r.names = names;
            let rule = r.to_rule().unwrap();
            let service = rule.service.as_ref().unwrap();
            assert_eq!(pattern_hir(service).unwrap(), parse(&rule.pattern).unwrap());
        }
    }

    #[test]
    fn rows_are_linted() {
        assert!(row("[a-z]{4}").to_rule().is_err(), "too short");
        assert!(row("([a-z]{32})").to_rule().is_err(), "capture group");
        let mut r = row("[a-z]{32}");
        r.names = vec!["Acme".into()];
        assert!(r.to_rule().is_err(), "upper-case name");
        r.names = vec!["ac".into()];
        assert!(r.to_rule().is_err(), "two-letter name");
    }

    #[test]
    fn entropy_floor_follows_the_alphabet() {
        let hex = alphabet(&parse("[0-9a-f]{32}").unwrap());
        let digits = alphabet(&parse("[0-9]{10}").unwrap());
        assert!((2.8..=3.1).contains(&default_entropy(&hex, 32)));
        assert!(default_entropy(&digits, 10) < 2.6);
    }
}
