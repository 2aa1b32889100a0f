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
        let [before, after, after_dot] = boundaries(facts.alphabet);
        let names = self
            .names
            .iter()
            .map(|n| regex_syntax::escape(n))
            .collect::<Vec<_>>();
        // The name at the start of an identifier or after a separator (`todoist`, `MY_TODOIST`,
        // `api.todoist.com`) or as a capitalised word of a camelCase one (`myTodoistToken`).
        let mut heads = vec![format!(
            "(?:[A-Za-z0-9_.-]{{0,40}}[_.-])?(?i:{})",
            names.join("|")
        )];
        let camel: Vec<String> = self
            .names
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
        if !camel.is_empty() {
            heads.push(format!(
                "[A-Za-z0-9_.-]{{0,40}}[a-z0-9](?:{})",
                camel.join("|")
            ));
        }
        // A token whose every form opens with a distinctive literal (`aio_`, `APP_USR-`, `sk1_`)
        // and has a narrow length names its provider by itself: it is also found without the
        // name, in a log line, a header or free text, like a provider rule's token.
        let standalone: Vec<String> = match (&facts.literals, facts.max_len) {
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
        };
        let named = format!(
            "(?:^|[^A-Za-z0-9_.-])(?P<key>(?:{heads})(?:[A-Z0-9_.-][A-Za-z0-9_.-]{{0,40}})?)\
             (?:[^A-Za-z0-9_.\\r\\n-][^\\r\\n]{{0,{gap}}}?)?{before}",
            heads = heads.join("|"),
            gap = GAP - 1,
        );
        let opening = if standalone.is_empty() {
            named
        } else {
            format!("(?:{named}|(?:^|{before}))")
        };
        let pattern = format!(
            "{opening}(?P<secret>{token})(?:{after}|\\.(?:{after_dot}|$)|$)",
            token = self.token,
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
