//! What the provider rules and service rows know of token formats, applied to the values that
//! generic rules find: a value in a provider's format that the provider's own rule rejected
//! (one character short or long, outside the alphabet, a failed checksum), or a value next to
//! a service's name in a near miss of that service's format, is not a credential of that
//! provider — it is a decoy or a typo, and reporting it through a generic rule would undo the
//! exactness of the provider rule.

use super::names::{issued_key_name, name_tokens, names_a_password};
use crate::rules::Regex;
use crate::rules::RuleSet;
use crate::rules::facts;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// A service's token shape: the exact format, its alphabet and length bounds. Clones share
/// the format and its compiled form (one shape stands under each of a service's names).
#[derive(Debug, Clone)]
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
    /// Inner literals (lower-case) of provider formats without a prefix, with the format's
    /// shortest and longest token.
    infixes: Vec<(Vec<u8>, usize, usize)>,
    /// Literal prefixes of service rows' tokens (`aio_`, `tskey-`) with the token's shape. A
    /// service row only reports a token near the service's name, and its format is often
    /// written from one documented example, so here the prefix in the wrong case makes a near
    /// miss, and in its own case only a value near a row of one documented length
    /// ([`Shape::near_miss`]); a value that fails a row with a range of lengths is left to the
    /// generic rules.
    service_prefixes: Vec<(Vec<u8>, Shape)>,
    /// Service names → the shapes of their tokens.
    services: HashMap<String, Vec<Shape>>,
    /// Provider rules recognised by the provider's name rather than a prefix, of one length or
    /// a narrow range (`okta.api-token`: `okta` … `00` + 40 characters): judged like service
    /// rows by that name. Their shapes are built on first use ([`Self::named_shapes`]), so
    /// parsing their patterns is no start-up cost.
    named_rules: Vec<NamedRule>,
    named_shapes: OnceLock<HashMap<String, Vec<Shape>>>,
    /// Where the prefixes of each lower-case first byte sit in `prefixes` and
    /// `service_prefixes` (both sorted by it): a value can only open with a prefix, in its case
    /// or another, of its own first byte. A pass over all ~1,500 for each value judged cost
    /// ~100,000 instructions.
    prefix_at: Vec<(Range<u32>, Range<u32>)>,
}

/// What [`KnownFormats::named_shapes`] needs of a provider rule found by name.
#[derive(Debug)]
struct NamedRule {
    /// The rule's keywords that are the provider's name (`okta`, `datadog`).
    names: Vec<String>,
    pattern: String,
    secret_group: usize,
    min_len: usize,
    max_len: usize,
}

/// Rules whose secret lengths span more than this are not judged by name (the same bound as a
/// near miss's three characters either side of one length).
const NAMED_SPAN: usize = 4;

/// A provider rule's keywords that name the provider or its product: the provider part of
/// the rule id (`okta` of `okta.api-token`, `auth0`), the start of it of five letters or more
/// (`mongo` of `mongodb`), or the first word of the rest (`recaptcha` of
/// `google.recaptcha-secret-key`). Not the other words a rule keys on (`consumer`, `seed`,
/// `-us`).
fn provider_names(id: &str, keywords: &[String]) -> Vec<String> {
    let alnum = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let mut parts = id.splitn(2, '.');
    let provider = alnum(parts.next().unwrap_or_default());
    let product = alnum(
        parts
            .next()
            .and_then(|rest| rest.split('-').next())
            .unwrap_or_default(),
    );
    // Products named by a plain noun (`aws.secret-access-key`, `azure.storage-key`,
    // `digitalocean.spaces-secret-key`) are not named by that noun.
    let product = match product.as_str() {
        "secret" | "storage" | "spaces" | "atlas" | "access" | "client" | "service" | "account"
        | "private" | "public" | "master" | "application" => String::new(),
        _ => product,
    };
    keywords
        .iter()
        .filter(|k| {
            k.len() >= 4
                && k.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                && k.bytes().any(|b| b.is_ascii_lowercase())
                && (**k == provider
                    || **k == product
                    || (k.len() >= 5 && provider.starts_with(k.as_str())))
        })
        .cloned()
        .collect()
}

/// Prefixes shorter than this are not distinctive enough to claim a value on their own (`sk-`,
/// `pk_` begin keys of many services that have no rule here).
const MIN_PREFIX: usize = 4;

/// Whether a format prefix is distinctive enough to claim a value: four characters or more,
/// or three that are not all letters (`SG.`, `r8_`, `hf_`, `dt0`) and not one of the
/// `sk`/`pk`/`rk` families many services share; either way with at least two characters that
/// are not digits. A letter and digits (`K80`, `K800`: Backblaze's `K` and a cluster number,
/// expanded from `K[0-9]{3}`) is how any password or identifier may begin.
fn distinctive(p: &[u8]) -> bool {
    p.iter().filter(|b| !b.is_ascii_digit()).count() >= 2
        && (p.len() >= MIN_PREFIX
            || (p.len() == 3
                && !p.iter().all(u8::is_ascii_alphabetic)
                && !matches!(&p[..2], b"sk" | b"pk" | b"rk" | b"SK" | b"PK" | b"RK")))
}

impl KnownFormats {
    /// Collects the formats of `rules`.
    pub fn new(rules: &RuleSet) -> Self {
        let mut prefixes: Vec<(Vec<u8>, usize, usize)> = rules
            .rules()
            .iter()
            .filter(|r| !r.generic && r.service.is_none())
            .filter_map(|r| Some((r, r.secret_len.0, r.secret_len.1?)))
            .flat_map(|(r, lo, hi)| r.prefixes.iter().map(move |p| (p.clone(), lo, hi)))
            .filter(|(p, _, _)| distinctive(p))
            .collect();
        prefixes.sort_by(|a, b| (first_folded(&a.0), &a.0).cmp(&(first_folded(&b.0), &b.0)));
        prefixes.dedup();
        // Formats known by an inner literal rather than a prefix (`-us` of Mailchimp keys,
        // `:AA` of Telegram bot tokens, `Q~` of Entra client secrets): keywords of
        // prefix-less rules of a narrow length that open with `-`, `:` or `~` or hold `:` or
        // `~` (not key names such as `client_secret`, nor `cf-`-style openings that random
        // base64url text holds by chance).
        let mut infixes: Vec<(Vec<u8>, usize, usize)> = rules
            .rules()
            .iter()
            .filter(|r| !r.generic && r.service.is_none() && r.prefixes.is_empty())
            .filter_map(|r| Some((r, r.secret_len.0, r.secret_len.1?)))
            .filter(|(_, lo, hi)| hi - lo <= 16)
            .flat_map(|(r, lo, hi)| {
                r.keywords
                    .iter()
                    .filter(|k| {
                        let b = k.as_bytes();
                        b.len() >= 2
                            && b.iter().any(u8::is_ascii_alphanumeric)
                            && (matches!(b[0], b'-' | b':' | b'~')
                                || b.iter().any(|c| matches!(c, b':' | b'~')))
                    })
                    .map(move |k| (k.to_ascii_lowercase().into_bytes(), lo, hi))
            })
            .collect();
        infixes.sort();
        infixes.dedup();
        let mut services: HashMap<String, Vec<Shape>> = HashMap::new();
        let mut service_prefixes = Vec::new();
        for rule in rules.rules() {
            let Some(svc) = &rule.service else { continue };
            let (min_len, Some(max_len), alphabet) = (svc.len.0, svc.len.1, svc.alphabet) else {
                continue;
            };
            let shape = Shape::new(svc.token.clone(), alphabet, min_len, max_len);
            for p in rule.prefixes.iter().filter(|p| distinctive(p)) {
                service_prefixes.push((p.clone(), shape.clone()));
            }
            for name in &svc.names {
                services
                    .entry(name.clone())
                    .or_default()
                    .push(shape.clone());
            }
        }
        service_prefixes.sort_by_key(|(p, _)| first_folded(p));
        let ranges = |firsts: Vec<u8>| {
            let mut at: Vec<Option<Range<u32>>> = vec![None; 256];
            for (i, b) in firsts.iter().enumerate() {
                let r = at[*b as usize].get_or_insert(i as u32..i as u32);
                r.end = i as u32 + 1;
            }
            at.into_iter()
                .map(Option::unwrap_or_default)
                .collect::<Vec<_>>()
        };
        let plain = ranges(prefixes.iter().map(|(p, _, _)| first_folded(p)).collect());
        let service = ranges(
            service_prefixes
                .iter()
                .map(|(p, _)| first_folded(p))
                .collect(),
        );
        let prefix_at = plain.into_iter().zip(service).collect();
        let named_rules = rules
            .rules()
            .iter()
            .filter(|r| !r.generic && r.service.is_none() && r.prefixes.is_empty())
            .filter_map(|r| {
                let (min_len, max_len) = (r.secret_len.0, r.secret_len.1?);
                let names = provider_names(&r.id, &r.keywords);
                (max_len - min_len <= NAMED_SPAN && !names.is_empty()).then(|| NamedRule {
                    names,
                    pattern: r.pattern.clone(),
                    secret_group: r.secret_group,
                    min_len,
                    max_len,
                })
            })
            .collect();
        KnownFormats {
            prefixes,
            infixes,
            service_prefixes,
            services,
            named_rules,
            named_shapes: OnceLock::new(),
            prefix_at,
        }
    }

    /// The provider and service-row prefixes `value` may open with, in any case: those of its
    /// first byte.
    #[allow(clippy::type_complexity)]
    fn prefixes_of(&self, value: &[u8]) -> (&[(Vec<u8>, usize, usize)], &[(Vec<u8>, Shape)]) {
        let Some(&b) = value.first() else {
            return (&[], &[]);
        };
        let Some((plain, service)) = self.prefix_at.get(b.to_ascii_lowercase() as usize) else {
            return (&[], &[]);
        };
        let slice = |r: &Range<u32>| r.start as usize..r.end as usize;
        (
            &self.prefixes[slice(plain)],
            &self.service_prefixes[slice(service)],
        )
    }

    /// Whether `value` opens with a provider format's or a service row's known prefix.
    fn has_known_prefix(&self, value: &[u8]) -> bool {
        let (plain, service) = self.prefixes_of(value);
        plain.iter().any(|(p, _, _)| value.starts_with(p))
            || service.iter().any(|(p, _)| value.starts_with(p))
    }

    /// Provider names → the secret shapes of the provider rules found by that name.
    fn named_shapes(&self) -> &HashMap<String, Vec<Shape>> {
        self.named_shapes.get_or_init(|| {
            let mut shapes: HashMap<String, Vec<Shape>> = HashMap::new();
            for rule in &self.named_rules {
                let Ok(hir) = facts::parse(&rule.pattern) else {
                    continue;
                };
                let Some(group) = facts::find_group(&hir, rule.secret_group) else {
                    continue;
                };
                let shape = Shape::new(
                    group.to_string(),
                    facts::alphabet(group),
                    rule.min_len,
                    rule.max_len,
                );
                for name in &rule.names {
                    shapes.entry(name.clone()).or_default().push(shape.clone());
                }
            }
            shapes
        })
    }

    /// Whether a generic rule's `value` is a near miss of a known format rather than a
    /// credential, by the value alone: it starts with a provider format's prefix and is within
    /// three characters of its length (the provider rule, which would have reported a
    /// well-formed token, did not), or holds a format's inner literal, or is hex of a length or
    /// with a slip no key or digest has. Names around the value are
    /// [`Self::service_near_miss`]'s.
    pub fn near_miss(&self, value: &[u8]) -> bool {
        // `Authorization: Bearer <token>` taken whole by a name rule: the token is what a
        // format describes.
        let value = without_auth_scheme(value);
        // The token itself, or the last word of a value that holds a scheme before it
        // (`Bearer AIza…`, `token ghp_…`).
        let last_word = value
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map(|i| &value[i + 1..]);
        // A prefix in the wrong case, unless another format has the prefix in that case
        // (`API-` of one service is not a wrong `api-` of another).
        let miscased = |v: &[u8], p: &[u8]| wrong_case_prefix(v, p) && !self.has_known_prefix(v);
        // A known prefix with a body less than half its format's (`PMAK-123`, `bg_1234abcd`) is
        // a stub written in the token's place. (One pass over the prefixes for every check.)
        // A stub is typed in the token's place: letters, digits and `-_.` (a password that
        // opens with `AIza` and holds `*=` is a password). Three characters are too few to
        // claim a longer value: some strong password in a few thousand opens with one of the
        // three-character prefixes (`NF-uTvUjD72fy8y_`), so there the body must also be as
        // short as a stub is (eight characters at most).
        let stub = |v: &[u8], p: &[u8], lo: usize| {
            let body = &v[p.len()..];
            body.len() * 2 < lo.saturating_sub(p.len())
                && (p.len() >= MIN_PREFIX || body.len() <= 8)
                && body
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        };
        if std::iter::once(value).chain(last_word).any(|v| {
            let (plain, service) = self.prefixes_of(v);
            plain.iter().any(|(p, lo, hi)| {
                if v.starts_with(p) {
                    near(v.len(), *lo, *hi) || stub(v, p, *lo)
                } else {
                    near(v.len(), *lo, *hi) && miscased(v, p)
                }
            }) || service.iter().any(|(p, s)| {
                if v.starts_with(p) {
                    !generic_prefix(p) && (s.near_miss(v) || stub(v, p, s.min_len))
                } else {
                    near(v.len(), s.min_len, s.max_len) && miscased(v, p)
                }
            })
        }) {
            return true;
        }
        // One to four capital letters before or after a lower-case hex body that misses whole
        // bytes or holds one slip (`SK` + 31 hex digits, one short of Twilio's 32; 35 hex digits
        // and New Relic's `NRAL`): the case change marks where the body ends, so it is judged
        // as hex.
        let head = value.iter().take_while(|b| b.is_ascii_uppercase()).count();
        let tail = value
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        for (from, to) in [(head, value.len()), (0, value.len() - tail)] {
            let caps = value.len() - (to - from);
            if (1..=4).contains(&caps) && to - from >= 24 {
                let body = &value[from..to];
                if !body.iter().any(u8::is_ascii_uppercase) && hex_near_miss(body) {
                    return true;
                }
            }
        }
        // A structured token with a hex group that misses whole bytes or holds one slip
        // (`APP_USR-<16>-<6>-<31 hex>-<9>`, `v2_ak_<id>_<63 hex>`, `…$production$…$<31 hex>`,
        // `1/<41 hex>`).
        if value
            .split(|b| matches!(b, b'-' | b'_' | b'.' | b':' | b'$' | b'|' | b'/'))
            .any(|g| (g.len() >= 31 && odd_hex(g)) || hex_with_one_slip(g))
        {
            return true;
        }
        let body = prefixed_body(value);
        // The secret half of an `<id>:<secret>` pair (`2/…/…:c44d…`, `<24 hex>:<64 hex>`).
        let after_colon = value
            .iter()
            .rposition(|&b| b == b':')
            .map(|i| &value[i + 1..]);
        if odd_hex(value)
            || odd_hex(body)
            || hex_with_one_slip(value)
            || hex_with_one_slip(body)
            || after_colon.is_some_and(|t| odd_hex(t) || hex_with_one_slip(t))
            || broken_uuid(value)
        {
            return true;
        }
        if !self.infixes.is_empty() && !value.iter().any(u8::is_ascii_whitespace) {
            let lower = value.to_ascii_lowercase();
            if self.infixes.iter().any(|(k, lo, hi)| {
                near(value.len(), *lo, *hi) && memchr::memmem::find(&lower, k).is_some()
            }) {
                return true;
            }
        }
        false
    }

    /// Whether the service rows and provider rules named in `texts` (a key, the text around a
    /// value: `bitfinex secret: …`, `etherscan-cli login --api-key …`) know a token shape
    /// that `value` misses by a few characters or one outside the alphabet, without
    /// matching any of them.
    pub fn service_near_miss<T: AsRef<[u8]>>(&self, texts: &[T], value: &[u8]) -> bool {
        self.named_verdict(texts, value) == Some(false)
    }

    /// What the service rows and provider rules named in `texts` say of `value`: `Some(true)`
    /// when one knows its exact shape (`CLOUDFLARE_API_KEY` and 37 hex digits, an odd length
    /// the hex checks of [`Self::near_miss`] would otherwise call a near miss), `Some(false)`
    /// when none does and one is missed by a few characters or one outside its alphabet,
    /// `None` otherwise.
    pub fn named_verdict<T: AsRef<[u8]>>(&self, texts: &[T], value: &[u8]) -> Option<bool> {
        let value = without_auth_scheme(value);
        if self.services.is_empty() && self.named_rules.is_empty() {
            return None;
        }
        let names: Vec<String> = texts
            .iter()
            .flat_map(|t| key_names(&String::from_utf8_lossy(t.as_ref())))
            .collect();
        // Provider rules found by name have no prefix: a value that opens with a known
        // format's prefix is not theirs to judge (`NETLIFY_AUTH_TOKEN = "nfp_…"` is no near
        // miss of Netlify's unprefixed legacy token; the prefix checks had their say).
        let named = (!self.named_rules.is_empty()).then(|| self.named_shapes());
        let by_name = |t: &String| named.and_then(|n| n.get(t));
        // (The prefix scan is a pass over ~1,500 prefixes: only when a name asks for it.)
        let use_named = names.iter().any(|t| by_name(t).is_some()) && !self.has_known_prefix(value);
        let mut shapes = names
            .iter()
            .filter_map(|t| self.services.get(t))
            .chain(
                names
                    .iter()
                    .filter_map(|t| by_name(t).filter(|_| use_named)),
            )
            .flatten()
            .peekable();
        shapes.peek()?;
        let shapes: Vec<&Shape> = shapes.collect();
        if shapes.iter().any(|s| s.matches(value)) {
            return Some(true);
        }
        shapes
            .iter()
            .any(|s| {
                let outside = value.iter().filter(|&&b| !s.alphabet[b as usize]).count();
                outside <= 1 && near(value.len(), s.min_len, s.max_len)
            })
            .then_some(false)
    }
}

/// `value` without a leading HTTP authorization scheme (`Bearer `, `Token `, `OAuth `, `Bot `),
/// the way a name rule captures a whole `Authorization` header value.
fn without_auth_scheme(value: &[u8]) -> &[u8] {
    const SCHEMES: [&[u8]; 6] = [b"bearer", b"token", b"oauth", b"bot", b"apikey", b"key"];
    for scheme in SCHEMES {
        if value.len() > scheme.len() + 1
            && value[..scheme.len()].eq_ignore_ascii_case(scheme)
            && value[scheme.len()] == b' '
        {
            return value[scheme.len() + 1..].trim_ascii_start();
        }
    }
    value
}

/// The names a key may hold a service row's name as: each word (`SUMO`, `ACCESS`), each two
/// or three adjacent words joined as rows write multi-word names (`sumo_access`,
/// `sumoaccess`, `sumo-access`, `nasdaq_data_link`), and the whole key, lower-cased.
fn key_names(key: &str) -> Vec<String> {
    let words = name_tokens(key);
    let mut out: Vec<String> = words.clone();
    for n in [2, 3] {
        for run in words.windows(n) {
            for sep in ["_", "", "-"] {
                out.push(run.join(sep));
            }
        }
    }
    out.push(key.to_ascii_lowercase());
    out
}

impl Shape {
    fn new(token: String, alphabet: [bool; 256], min_len: usize, max_len: usize) -> Self {
        Shape {
            token: Arc::new(token),
            exact: Arc::new(OnceLock::new()),
            alphabet,
            min_len,
            max_len,
        }
    }

    /// Whether `value`, which starts with this shape's prefix, is a near miss of it: a
    /// one-length shape (the provider documents one length) that `value`, written in the
    /// shape's alphabet, misses by one to three characters. Rows with a range of lengths are
    /// not judged (their bounds are often wider or narrower than the tokens issued), nor values
    /// with a character outside the alphabet (a row's alphabet may be narrower than the
    /// provider's).
    fn near_miss(&self, value: &[u8]) -> bool {
        self.min_len == self.max_len
            && value.len() != self.min_len
            && near(value.len(), self.min_len, self.max_len)
            && value.iter().all(|&b| self.alphabet[b as usize])
    }

    /// Whether `value` is exactly a token of this shape.
    fn matches(&self, value: &[u8]) -> bool {
        self.exact
            .get_or_init(|| crate::rules::build_exact(&format!("^(?:{})$", self.token)).ok())
            .as_ref()
            .is_some_and(|re| re.is_match(value))
    }
}

/// A run of hex digits of odd length, 25 or more (`…5885009`, one digit short of 40): keys,
/// digests and random tokens written in hex encode whole bytes, two digits each, so an odd
/// count is a truncated or padded copy. (A provider that documents an odd hex length, such as
/// a 31-digit key, has a rule or service row of its own, which this does not judge.)
fn odd_hex(value: &[u8]) -> bool {
    let lower = value.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let upper = value.iter().all(|b| matches!(b, b'0'..=b'9' | b'A'..=b'F'));
    value.len() >= 25
        && value.len() % 2 == 1
        && (lower || upper)
        && value.iter().any(u8::is_ascii_digit)
        && value.iter().any(u8::is_ascii_alphabetic)
}

/// Base64 no encoder writes, in a value of 24 characters or more made only of base64
/// characters: both alphabets at once (`+` or `/` of the standard one beside `-` or `_` of the
/// URL-safe one), `=` padding after a length that is no multiple of four, or standard-alphabet
/// text of a length unpadded base64 never has (4k + 1). Keys, tokens and connection-string
/// `AccountKey`s written in base64 come out of an encoder; these are copies with a character
/// swapped, dropped or added, or decoys built that way. A random password would need a
/// generator whose only symbols are these, and then it is unlikely to hold `=` only at its end.
fn broken_base64(value: &[u8]) -> bool {
    base64_slip(value, false)
}

/// The part of [`broken_base64`] that rests on `=` padding alone (padding after a length that
/// is no multiple of four, or after both alphabets); see [`shape_slip`] for where each part is
/// judged.
fn broken_base64_padding(value: &[u8]) -> bool {
    base64_slip(value, true)
}

fn base64_slip(value: &[u8], padded_only: bool) -> bool {
    let body_len = value.iter().rposition(|&b| b != b'=').map_or(0, |i| i + 1);
    let (body, pad) = value.split_at(body_len);
    if body.len() < 24
        || pad.len() > 2
        || !body
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_'))
        || body.iter().filter(|b| b.is_ascii_digit()).count() < 2
    {
        return false;
    }
    // Random base64 holds a symbol in about 32 characters; paths and names hold more.
    let symbols = body.iter().filter(|b| !b.is_ascii_alphanumeric()).count();
    if symbols > body.len() / 8 {
        return false;
    }
    let standard = body.iter().any(|b| matches!(b, b'+' | b'/'));
    let url_safe = body.iter().any(|b| matches!(b, b'-' | b'_'));
    // `/` beside `-` or `_` is also a path (`keys/prod-db_2`): mixed alphabets count with a
    // `+` or with padding.
    let mixed = standard && url_safe && (body.contains(&b'+') || !pad.is_empty());
    if padded_only {
        return !pad.is_empty() && (mixed || !value.len().is_multiple_of(4));
    }
    mixed
        || (!pad.is_empty() && !value.len().is_multiple_of(4))
        || (pad.is_empty() && standard && !url_safe && body.len() % 4 == 1 && body.len() >= 40)
}

/// Whether a provider rule's `value`, less the longest of the rule's literal `prefixes` it
/// starts with, holds one slip: one letter of the other case in a one-case body
/// ([`case_slip`]), or hex with one letter outside hex ([`hex_with_one_slip`]) inside it — a
/// letter among the last or first three characters is a format's own marker (Keygen's
/// `prod-<64 hex>v3`).
pub(crate) fn slipped_body(value: &[u8], prefixes: &[Vec<u8>]) -> bool {
    let cut = prefixes
        .iter()
        .filter(|p| value.starts_with(p))
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let body = &value[cut..];
    if case_slip(prefixed_body(body)) {
        return true;
    }
    hex_with_one_slip(body)
        && body
            .iter()
            .position(|b| !b.is_ascii_hexdigit())
            .is_some_and(|i| i >= 3 && i + 3 < body.len())
}

/// A token of letters and digits, 24 characters or more, whose letters are all of one case but
/// one (`lsj8tzfacay5clx80mf27e0Evk76…`, `hcaik_yay8…zPa8…`; judged in provider tokens' bodies
/// and in generic values under an issued-key name, [`issued_key_name`]): issuers draw a lower-case
/// (base36, hex) or an upper-case alphabet, or a mixed one in which a long token holds many
/// letters of each case — a mixed-case token of 24 characters has about one chance in 30,000
/// of holding a single capital. One letter of the other case is a copy with a typo or a
/// decoy. The odd letter must stand inside the token, not among its first or last three
/// characters (a capitalised word, a version mark).
fn case_slip(value: &[u8]) -> bool {
    if value.len() < 24 || !value.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let upper = value.iter().filter(|b| b.is_ascii_uppercase()).count();
    let lower = value.iter().filter(|b| b.is_ascii_lowercase()).count();
    let inside = |odd: fn(&u8) -> bool| {
        value
            .iter()
            .position(odd)
            .is_some_and(|i| i >= 3 && i + 3 < value.len())
    };
    (upper == 1 && lower >= 10 && inside(u8::is_ascii_uppercase))
        || (lower == 1 && upper >= 10 && inside(u8::is_ascii_lowercase))
}

/// Whether `value` is a JWT header (one that decodes to a JSON object naming its `alg`) with
/// no payload after its `.` — nothing, or characters outside base64url (`eyJhbGciOi….{`, a
/// value a pattern cut where a changed character broke it) — or with a signature that holds
/// such a character (`….75mZ2uD+8ZYny…`). Values whose header does not
/// decode are not judged (other formats open with `eyJ` too), nor JWE (`enc`). A payload of
/// base64url characters is not decoded here: made-up test tokens pair a real header with a
/// random payload, and a real JWT's reader is the one to reject it.
pub(crate) fn broken_jwt(value: &[u8]) -> bool {
    if !value.starts_with(b"eyJ") || !value.contains(&b'.') {
        return false;
    }
    let mut parts = value.split(|&b| b == b'.');
    let header = parts.next().unwrap_or_default();
    let header = header
        .strip_suffix(b"==")
        .or_else(|| header.strip_suffix(b"="))
        .unwrap_or(header);
    if !signed_jwt_header(header) {
        return false;
    }
    let url_safe = |seg: &[u8]| {
        seg.iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'='))
    };
    let payload = parts.next().unwrap_or_default();
    // A signature, when there is one, is base64url too (`+` or `/` is a slip).
    let signature = parts.next().unwrap_or_default();
    payload.is_empty() || !url_safe(payload) || !url_safe(signature)
}

/// Generic-value shape checks that depend on what the value's `key` says it is: base64 that
/// no encoder writes by its `=` padding (under any name but a password's), and, only under a
/// name that says a provider issued the value ([`issued_key_name`]), base64 of both alphabets or
/// a 4k+1 length and a one-case token with one letter of the other case — a password or a
/// secret a person chose may have those shapes. Judged on the value after a prefix of short
/// words (`mb_` before Metabase's base64).
pub(crate) fn shape_slip(token: &[u8], key: Option<&[u8]>) -> bool {
    let body = prefixed_body(token);
    let issued = key.is_some_and(issued_key_name);
    let password = key.is_some_and(names_a_password);
    (!password && broken_base64_padding(body))
        || (issued && (case_slip(body) || broken_base64(body)))
}

/// Whether a JWT a pattern took (`value`, `after` the text that follows it) runs on past
/// where the pattern stopped in a way no JWT does: cut before its signature, which a character
/// outside base64url broke (`header.payload` + `.75mZ2uD+8ZYny…`); cut inside a segment by `+`
/// (`…Iiw+anRp…`: standard base64, not base64url; or by `/`, `~`, `!`, `*` when no signature was
/// taken); or followed by a fourth segment (`header.payload.sig.more`: a signed JWT has three
/// parts, an encrypted one five with `enc` in its header). A short signature that ends at a
/// delimiter (`….wrong"` in a library's test) is not judged, nor a sentence's full stop.
pub(crate) fn jwt_runs_on(value: &[u8], after: &[u8]) -> bool {
    if !value.starts_with(b"eyJ") {
        return false;
    }
    let dots = value.iter().filter(|&&b| b == b'.').count();
    let base64url = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_');
    let slip = |b: u8| matches!(b, b'+' | b'/' | b'~' | b'!' | b'*');
    match after {
        // Cut where a segment runs on past a character outside base64url.
        [b'+', next, ..] if base64url(next) => true,
        [b, next, ..] if dots == 1 && slip(*b) && base64url(next) => true,
        [b'.', rest @ ..] if dots == 1 => rest
            .iter()
            .find(|b| !base64url(b))
            .is_some_and(|&b| slip(b)),
        [b'.', rest @ ..] if dots == 2 => {
            let run = rest.iter().take_while(|b| base64url(b)).count();
            run >= 8 && signed_jwt_header(value.split(|&b| b == b'.').next().unwrap_or_default())
        }
        _ => false,
    }
}

/// Whether a JWT's header segment (unpadded base64url) decodes to an object with `alg` and
/// without `enc`: a signed JWT's, which [`broken_jwt`] and [`jwt_runs_on`] judge (other formats
/// open with `eyJ` too, and an encrypted JWT has five parts).
fn signed_jwt_header(segment: &[u8]) -> bool {
    use base64::Engine;
    let Ok(raw) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(segment) else {
        return false;
    };
    match serde_json::from_slice(&raw) {
        Ok(serde_json::Value::Object(m)) => m.contains_key("alg") && !m.contains_key("enc"),
        _ => false,
    }
}

/// Hex that misses whole bytes ([`odd_hex`]) or holds one slip ([`hex_with_one_slip`]).
fn hex_near_miss(value: &[u8]) -> bool {
    odd_hex(value) || hex_with_one_slip(value)
}

/// A prefix made of words many providers open their tokens with (`live_`, `test_`,
/// `api_`, `key_`): a service row's prefix of that kind does not claim a value on its own.
fn generic_prefix(p: &[u8]) -> bool {
    const WORDS: &[&[u8]] = &[
        b"live", b"test", b"prod", b"sandbox", b"sbox", b"dev", b"api", b"key", b"token",
        b"secret", b"sk", b"pk", b"rk", b"pat", b"private", b"public", b"access",
    ];
    p.split(|b| matches!(b, b'_' | b'-' | b'.'))
        .filter(|w| !w.is_empty())
        .all(|w| WORDS.iter().any(|g| w.eq_ignore_ascii_case(g)))
}

/// A run of hex digits, 24 or more, with exactly one letter outside hex (`…3qc80…`): random
/// text over a wider alphabet is almost never so close to hex (a 32-character base36 string
/// has about one chance in ten billion), so this is a hex key with a typo or a decoy.
fn hex_with_one_slip(value: &[u8]) -> bool {
    // `0x…` is hex notation, not a slip.
    let value = value
        .strip_prefix(b"0x")
        .or_else(|| value.strip_prefix(b"0X"))
        .unwrap_or(value);
    if value.len() < 24 {
        return false;
    }
    let lower = !value.iter().any(u8::is_ascii_uppercase);
    let upper = !value.iter().any(u8::is_ascii_lowercase);
    let slips = value.iter().filter(|b| !b.is_ascii_hexdigit()).count();
    slips == 1
        && (lower || upper)
        && value
            .iter()
            .all(|b| b.is_ascii_hexdigit() || b.is_ascii_alphabetic())
        && value.iter().filter(|b| b.is_ascii_digit()).count() >= 4
        && value
            .iter()
            .filter(|b| b.is_ascii_hexdigit() && b.is_ascii_alphabetic())
            .count()
            >= 4
}

/// The part of `value` after a prefix of short words each closed by `_`, `-`, `.` or `:`
/// (`fc-`, `sk-lf-`, `sgp_local_`, `default:production.`), or `value` itself when it has none. A word is 1 to 12
/// letters or digits with at least one letter (`53141516-` is an account number, not a
/// prefix), and the words together are at most 24 characters.
fn prefixed_body(value: &[u8]) -> &[u8] {
    let mut end = 0;
    let mut word = 0;
    let mut letter = false;
    for (i, &b) in value.iter().enumerate().take(24) {
        if b.is_ascii_alphanumeric() {
            word += 1;
            letter |= b.is_ascii_alphabetic();
            if word > 12 {
                break;
            }
        } else if matches!(b, b'_' | b'-' | b'.' | b':') && letter {
            end = i + 1;
            word = 0;
            letter = false;
        } else {
            break;
        }
    }
    &value[end..]
}

/// A value that ends in the layout of a UUID (groups of 8-4-4-4-12, after an optional prefix
/// such as `xaat-` or `sk-lf-`) but is not one: a group one character short or long, or one
/// character outside hex. Issuers generate UUIDs, so such a value is a decoy or a typo.
fn broken_uuid(value: &[u8]) -> bool {
    // The last five dash-separated groups.
    let groups: Vec<&[u8]> = value.rsplitn(6, |&b| b == b'-').collect();
    if groups.len() < 5 {
        return false;
    }
    let mut groups: Vec<&[u8]> = groups[..5].to_vec();
    groups.reverse();
    // The first group may carry a prefix glued to it (`xx3f2a…`): judge its last 7 to 9
    // characters only when the group is longer than that.
    let want = [8usize, 4, 4, 4, 12];
    let (mut off, mut bad) = (0usize, 0usize);
    for (k, (g, w)) in groups.iter().zip(want).enumerate() {
        let g = if k == 0 && g.len() > 9 {
            &g[g.len() - 8..]
        } else {
            g
        };
        if g.is_empty() || !g.iter().all(u8::is_ascii_alphanumeric) {
            return false;
        }
        off += g.len().abs_diff(w);
        bad += g.iter().filter(|b| !b.is_ascii_hexdigit()).count();
    }
    // One slip only: a group off by one, or one non-hex character; never a well-formed UUID.
    let lower = groups.iter().all(|g| !g.iter().any(u8::is_ascii_uppercase));
    let upper = groups.iter().all(|g| !g.iter().any(u8::is_ascii_lowercase));
    (lower || upper) && off + bad == 1
}

/// `value` starts with the format prefix `p` in another case (`GHP_`, `Sk_live_`, `akia`):
/// providers write their prefixes in one case, so this is a typo or a decoy, not a token.
fn wrong_case_prefix(value: &[u8], p: &[u8]) -> bool {
    p.iter().any(u8::is_ascii_alphabetic)
        && value.len() >= p.len()
        && value[..p.len()].eq_ignore_ascii_case(p)
        && !value.starts_with(p)
}

/// A prefix's first byte in lower case: what [`KnownFormats::prefixes_of`] files it under.
fn first_folded(p: &[u8]) -> u8 {
    p.first().map_or(0, u8::to_ascii_lowercase)
}

/// Within three characters of a format's length bounds: a near miss rather than another
/// variant of the format that the rules do not describe.
fn near(len: usize, lo: usize, hi: usize) -> bool {
    len + 3 >= lo && len <= hi + 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_schemes_are_taken_off_before_a_format_judges_the_token() {
        assert_eq!(without_auth_scheme(b"Bearer abc.def"), b"abc.def");
        assert_eq!(without_auth_scheme(b"token  ghx_1"), b"ghx_1");
        assert_eq!(without_auth_scheme(b"OAuth 557c-9021"), b"557c-9021");
        // not a scheme: a word that merely starts the same, or nothing after it
        assert_eq!(without_auth_scheme(b"Bearertoken"), b"Bearertoken");
        assert_eq!(without_auth_scheme(b"keystone 1"), b"keystone 1");
        assert_eq!(without_auth_scheme(b"Bearer "), b"Bearer ");
    }

    /// The near-miss judgement of a value assigned to `key`, as the detector makes it: by the
    /// value, then by the services the key names.
    fn near(f: &KnownFormats, key: Option<&[u8]>, value: &[u8]) -> bool {
        f.near_miss(value) || key.is_some_and(|k| f.service_near_miss(&[k], value))
    }
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

[[rules]]
id = "chirp.token"
name = "Chirp token"
category = "api-key"
tier = "high"
keywords = [":cq"]
pattern = '\b([0-9]{8}:CQ[a-z0-9]{12})\b'
examples = ['12345678:CQq8z3k5m1x9ab']

[[rules]]
id = "blip.token"
name = "Blip token"
category = "api-key"
tier = "high"
keywords = ["bp_"]
pattern = '\b(bp_[A-Za-z0-9]{40})\b'
examples = ['bp_q8z3k5m1x9q8z3k5m1x9q8z3k5m1x9q8z3k5m1x9']

[[rules]]
id = "zork.api-token"
name = "Zork API token"
category = "api-key"
tier = "high"
keywords = ["zork", "ztok"]
pattern = '(?i:zork)[\w]{0,20}\s*=\s*(00[A-Za-z0-9]{20})\b'
examples = ['ZORK_TOKEN = 00q8z3k5m1x9q8z3k5m1x9']

[[services]]
id = "widget"
name = "Widget key"
names = ["widget"]
token = '[0-9a-f]{32}'
examples = ['WIDGET_KEY=4f1c9a7e2b6d8305c1e4a9f7b2d6c803']

[[services]]
id = "sumo"
name = "Sumo access key"
names = ["sumo_access"]
token = '[A-Za-z0-9]{40}'
examples = ['SUMO_ACCESS_KEY=Q8x3k5M1x9aBq8z3K5m1X9abQ8z3k5M1x9aB7c2D']  # vaultsweep:allow

[[services]]
id = "gizmo"
name = "Gizmo key"
names = ["gizmo"]
token = 'gz_[a-z0-9]{12}'
examples = ['GIZMO_KEY=gz_q8z3k5m1x9ab']  # vaultsweep:allow
"#,
            "t.toml",
        )
        .unwrap();
        KnownFormats::new(&RuleSet::new(rules).unwrap())
    }

    #[test]
    fn multi_word_service_names_in_keys() {
        let f = formats();
        // `SUMO_ACCESS_KEY` holds the row's name `sumo_access` as two words: a value one
        // character short of its 40, or with one character outside its alphabet, is a near miss.
        let short = b"Q8x3k5M1x9aBq8z3K5m1X9abQ8z3k5M1x9aB7c2";
        let slip = b"Q8x3k5M1x9aBq8z3K5m1X9ab~8z3k5M1x9aB7c2D";
        for key in [
            &b"SUMO_ACCESS_KEY"[..],
            b"sumoAccessKey",
            b"sumo-access-key",
        ] {
            assert!(
                near(&f, Some(key), short),
                "{}",
                String::from_utf8_lossy(key)
            );
            assert!(near(&f, Some(key), slip));
        }
        // The words apart, or the one word alone, name no row: the value is left to the rule.
        assert!(!near(&f, Some(b"SUMO_KEY"), short));
        assert!(!near(&f, Some(b"ACCESS_SUMO_KEY"), short));
        // A well-formed value is not a near miss.
        assert!(!near(
            &f,
            Some(b"SUMO_ACCESS_KEY"),
            b"Q8x3k5M1x9aBq8z3K5m1X9abQ8z3k5M1x9aB7c2D"
        ));
    }

    #[test]
    fn provider_rules_found_by_name_judge_near_misses_by_that_name() {
        let f = formats();
        assert_eq!(
            provider_names("zork.api-token", &["zork".into(), "ztok".into()]),
            ["zork"]
        );
        assert_eq!(
            provider_names("mongodb.atlas-key", &["mongo".into(), "spaces".into()]),
            ["mongo"]
        );
        assert_eq!(
            provider_names("google.recaptcha-secret-key", &["recaptcha".into()]),
            ["recaptcha"]
        );
        assert_eq!(
            provider_names("auth0.client-secret", &["auth0".into()]),
            ["auth0"]
        );
        // A product named by a plain noun is not named by it.
        assert!(provider_names("aws.secret-access-key", &["secret".into()]).is_empty());
        // One short, one long, one character outside the alphabet: near misses.
        for v in [
            &b"00q8z3k5m1x9q8z3k5m1x"[..],
            b"00q8z3k5m1x9q8z3k5m1x9a",
            b"00q8z3k5m1x9q8z3k5m1x-",
        ] {
            assert!(f.service_near_miss(&[b"ZORK_TOKEN"], v), "{v:?}");
        }
        // The exact format, another name, a value far off, another format's prefix: not.
        assert!(!f.service_near_miss(&[b"ZORK_TOKEN"], b"00q8z3k5m1x9q8z3k5m1x9")); // vaultsweep:allow
        assert!(!f.service_near_miss(&[b"ZTOK"], b"00q8z3k5m1x9q8z3k5m1x"));
        assert!(!f.service_near_miss(&[b"ZORK_TOKEN"], b"00q8z3k5m1x9q8")); // vaultsweep:allow
        assert!(!f.service_near_miss(&[b"ZORK_TOKEN"], b"acme_q8z3k5m1x9q8z3k5m1x9")); // vaultsweep:allow
    }

    #[test]
    fn named_shapes_match_their_rules_examples() {
        // The shape is the secret group printed back from its parse: every built-in rule it is
        // made for must accept the secrets of its own examples.
        let rules = crate::rules::builtin().expect("built-in rules");
        let f = KnownFormats::new(&rules);
        assert!(f.named_rules.len() > 40, "{}", f.named_rules.len());
        for named in &f.named_rules {
            let rule = rules
                .rules()
                .iter()
                .find(|r| r.pattern == named.pattern)
                .expect("the rule");
            let one = RuleSet::new(vec![rule.clone()]).expect("one rule");
            let detector = crate::detect::Detector::new(Arc::new(one));
            let mut scratch = detector.scratch();
            let shapes = &f.named_shapes()[&named.names[0]];
            for ex in &rule.examples {
                for m in detector.detect(ex.as_bytes(), &mut scratch) {
                    let secret = &ex.as_bytes()[m.secret.clone()];
                    assert!(
                        shapes.iter().any(|s| s.matches(secret)),
                        "{}: {ex}",
                        rule.id
                    );
                }
            }
        }
    }

    #[test]
    fn distinctive_prefixes() {
        for p in ["ghp_", "SG.", "r8_", "hf_", "dt0"] {
            assert!(distinctive(p.as_bytes()), "{p}");
        }
        for p in ["sk-", "pk_", "rk_", "pat", "key", "ab", "K80", "K800"] {
            assert!(!distinctive(p.as_bytes()), "{p}");
        }
    }

    #[test]
    fn base64_no_encoder_writes_is_a_near_miss() {
        let f = formats();
        // Both alphabets at once (a storage AccountKey with a `_`), padded.
        let mixed = b"zVGBXq5E/wAa5BbaC7Pc3l9U9x+VGUtJcvVwFq/BSzt7eTH_dwlDg/WCdPHciDuyno5S6FIizZgXO3rxF88kgQ==";
        assert!(broken_base64(mixed));
        assert!(broken_base64_padding(mixed));
        // Unpadded, with `+`: a base64url token with one standard character.
        assert!(broken_base64(
            b"77Qf76W4e8Dusy-I1lzgvPjs+o_2-TZ81PFb4tsJJG2"
        ));
        // Padding after a length that is no multiple of four (87 characters).
        assert!(broken_base64(
            b"z-Ly_WpPjPtwMIRo9s36QqtBR99aPGn6gvzFFr66O6R2TWfb9g3SgIT0KKg8DVl1HYORLeHdyzutvlPTdOEL4=="
        ));
        // Standard alphabet, unpadded, 4k + 1 characters (an AWS secret key one too long).
        assert!(broken_base64(b"wJa1rXUtnF3MI/K7MDENG/bPxRfiCY2k9mPLqKEYx"));
        // Kept: well-formed base64 of either alphabet, padded or not…
        assert!(!broken_base64(
            b"zVGBXq5E/wAa5BbaC7Pc3l9U9x+VGUtJcvVwFq/BSzt7eTHrdwlDg/WCdPHciDuyno5S6FIizZgXO3rxF88kgQ=="
        ));
        assert!(!broken_base64(
            b"77Qf76W4e8Dusy-I1lzgvPjsWo_2-TZ81PFb4tsJJG2"
        ));
        assert!(!broken_base64(b"wJa1rXUtnF3MI/K7MDENG/bPxRfiCY2k9mPLqKEY"));
        // …a path of words with `/` and `-` or `_`, and a password with other symbols.
        assert!(!broken_base64(b"secrets/prod-db_2/keys/main-signing_key9"));
        assert!(!broken_base64(b"Xk9#pL2+vQ8_mN4!rT6/wY1-zA3$bC5%dE7=="));
        // A prefix of short words is not part of the base64 (Metabase's `mb_` + standard
        // base64 is well formed).
        assert!(!near(
            &f,
            Some(b"apiKey"),
            b"mb_2oaEu7g+GHpvJh72Uc57/cVjChQnbrr8bTvBlY546O38"
        ));
    }

    #[test]
    fn hex_bodies_of_provider_tokens_with_one_slip() {
        let prefixes = vec![b"sk_live_".to_vec(), b"sk_".to_vec()];
        assert!(slipped_body(
            b"sk_live_5000aa7c955d5217c6d48cb4f44f057bfc5eda7fya08157416b9d853ad1d7e17",
            &prefixes
        ));
        // Random base62 is kept; so is a letter that marks a version at the end.
        assert!(!slipped_body(
            b"sk_live_51HqLyjWDarjtT1zdp7dcXkvTq5xGbNWtLqB0dPf8vYw2Zb", // vaultsweep:allow
            &prefixes
        ));
        assert!(!slipped_body(
            b"prod-40e205f920ab438983319d5cac1e8840bfb7837e4183890218a84fe5e48194b2v3",
            &[b"prod-".to_vec()]
        ));
    }

    #[test]
    fn one_letter_of_the_other_case_is_a_slip() {
        assert!(case_slip(
            b"lsj8tzfacay5clx80mf27e0Evk76lh9kxz58nlukv8nouj8hre"
        ));
        assert!(case_slip(b"DUGCALEBBGBCPPQIZIZIKWKT5KQSCURSUjXBOOYC"));
        assert!(slipped_body(
            b"hcaik_yay8icecw90tflpht2twyp4i0lfujmg6cwyc0tbpzPa8qq7abarl8qp9xf",
            &[b"hcaik_".to_vec()]
        ));
        // Mixed-case tokens, a capitalised word, a version mark, separators: kept.
        assert!(!case_slip(b"gyqEI21FmrcmAeXkpQAa0dWyhQR7Ynv0PKjc8ILAfj0e"));
        assert!(!case_slip(b"Sunshineinthegarden2024xy"));
        assert!(!case_slip(b"sunshineinthegarden2024xY"));
        assert!(!case_slip(
            b"lsj8tzfacay5clx80mf27e0evk76lh9kxz58nlukv8nouj8hre"
        ));
        assert!(!case_slip(b"lsj8tzfacay5-lx80mf27e0Evk76lh9kxz58nl"));
    }

    #[test]
    fn jwts_that_run_on_past_the_match_are_broken() {
        let h = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
        let p = "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ";
        let sig = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        let jws = format!("{h}.{p}.{sig}");
        let cut = |v: &str, after: &str| jwt_runs_on(v.as_bytes(), after.as_bytes());
        // Whole, followed by what ends a token.
        for after in [
            "",
            "\"",
            "'",
            ". Next",
            ".",
            "\n",
            "/",
            " ",
            "&x=1",
            "/callback",
        ] {
            assert!(!cut(&jws, after), "{after:?}");
        }
        // A fourth segment, or `+` inside a segment.
        assert!(cut(&jws, ".h5eq8uehRJuA'"));
        assert!(cut(&format!("{h}.{p}"), "+anRpIjoiYXQ.sig"));
        assert!(cut(&jws, "+Zx9kQ"));
        // Cut before a signature holding `+` or `/`; `/` right after the payload.
        assert!(cut(&format!("{h}.{p}"), ".75mZ2uD+8ZYny"));
        assert!(cut(&format!("{h}.{p}"), "/8ZYny"));
        assert!(!cut(&format!("{h}.{p}"), ".wrong\""));
        // A fourth part after an encrypted token's header is not judged (JWE has five).
        let jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ";
        assert!(!cut(&format!("{jwe}.{p}.{sig}"), ".48V1_ALb6US04U3b"));
    }

    #[test]
    fn jwts_that_do_not_decode_are_broken() {
        use base64::Engine;
        let b = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let h = b(r#"{"alg":"HS256","typ":"JWT"}"#);
        let p = b(r#"{"sub":"48e68081","iat":1723117504}"#);
        let good = format!("{h}.{p}.QuJajR6AdVmX7wRh8HbstUJXNTDrpVCGXjQp1F11VUA");
        assert!(!broken_jwt(good.as_bytes()));
        // A character changed inside the payload, a header cut off, a payload missing.
        assert!(broken_jwt(format!("{h}.{{").as_bytes()));
        assert!(broken_jwt(format!("{h}.").as_bytes()));
        assert!(broken_jwt(
            format!("{h}.{p}.QuJajR6AdVmX7wRh8Hb+tUJXNTDrpVCGXjQp1F11VUA").as_bytes()
        ));
        // A random payload after a real header (made-up test tokens) is not judged.
        assert!(!broken_jwt(
            format!("{h}.eyJzdWIiOiIwjqlNKJPfuFR06xIEHWGses2A-F-D-O9AW_9O9-3").as_bytes()
        ));
        // A header that does not decode is not judged (made-up `eyJ…` examples).
        assert!(!broken_jwt(
            format!("{}.{p}.sig", &h[..h.len() - 3]).as_bytes()
        ));
        // A payload of another encoding (TeamCity's) is not judged either.
        assert!(!broken_jwt(
            format!("{h}.XeOdhXz2tPbzUc1i9wWnQp4mKkl7Vf3cZyR8sLq0.sig").as_bytes()
        ));
        // JWE: an encrypted key, not JSON, after the header.
        let jwe = b(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#);
        assert!(!broken_jwt(format!("{jwe}.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGe.48V1_ALb6US04U3b.5eym8T.XFBoMYUZ").as_bytes()));
        assert!(!broken_jwt(b"not-a-jwt.at-all"));
    }

    #[test]
    fn shape_checks_by_what_the_name_says() {
        let pw = b"Vacation+Summer_2024abcdefgh";
        assert!(shape_slip(pw, Some(b"ACME_API_KEY")));
        assert!(!shape_slip(pw, Some(b"DB_PASSWORD")));
        assert!(!shape_slip(pw, Some(b"SESSION_SECRET")));
        // A chosen password with `+` beside `_`: only the full check, under an issued-key
        // name, reads it as broken base64; padding alone never appears in it.
        assert!(broken_base64(b"Summer_Vacation+2024abcdefgh"));
        assert!(!broken_base64_padding(b"Summer_Vacation+2024abcdefgh"));
        assert!(broken_base64_padding(
            b"z-Ly_WpPjPtwMIRo9s36QqtBR99aPGn6gvzFFr66O6R2TWfb9g3SgIT0KKg8DVl1HYORLeHdyzutvlPTdOEL4=="
        ));
    }

    #[test]
    fn names_of_three_words_are_read_from_a_key() {
        let names = key_names("NASDAQ_DATA_LINK_API_KEY");
        assert!(names.contains(&"nasdaq_data_link".to_string()));
        assert!(names.contains(&"nasdaqdatalink".to_string()));
        assert!(names.contains(&"data-link-api".to_string()));
        assert!(names.contains(&"nasdaq".to_string()));
    }

    #[test]
    fn near_misses_of_known_formats() {
        let f = formats();
        // A provider prefix: the provider rule owns the format.
        assert!(near(&f, Some(b"TOKEN"), b"acme_q8z3k5m1x9z"));
        // …but not a far longer token with the prefix: a variant the rule does not describe.
        assert!(!near(&f, Some(b"TOKEN"), b"acme_q8z3k5m1x9zq8z3k5m1x9z"));
        // The prefix in another case: a decoy of the format, at its length or near it.
        assert!(near(&f, Some(b"TOKEN"), b"ACME_q8z3k5m1x9"));
        assert!(near(&f, Some(b"TOKEN"), b"Acme_q8z3k5m1x9z"));
        assert!(!near(&f, Some(b"TOKEN"), b"ACME_q8z3k5m1x9zq8z3k5m1x9z"));
        // A service row's prefix in the wrong case.
        assert!(near(&f, Some(b"api_key"), b"GZ_q8z3k5m1x9ab"));
        // Hex of odd length: not whole bytes.
        assert!(near(
            &f,
            Some(b"api_key"),
            b"5ad7ea3ede1369234e4b9de4ba3a02685885009"
        ));
        assert!(near(&f, None, b"B6C3327DB6FED469BD8E30529530821"));
        assert!(!near(
            &f,
            Some(b"api_key"),
            b"5ad7ea3ede1369234e4b9de4ba3a026858850091"
        ));
        assert!(!near(
            &f,
            Some(b"api_key"),
            b"5ad7eA3eDe1369234e4b9dE4ba3a02685885009x1"
        ));
        // Hex of odd length after a prefix of short words.
        assert!(near(
            &f,
            Some(b"api_key"),
            b"fc-5ad7ea3ede1369234e4b9de4ba3a02685"
        ));
        assert!(near(
            &f,
            None,
            b"sgp_local_5ad7ea3ede1369234e4b9de4ba3a02685885009"
        ));
        assert!(!near(&f, None, b"fc-5ad7ea3ede1369234e4b9de4ba3a0268"));
        assert!(!near(&f, None, b"53141516-d6b68a6db46785e15e3df0f88"));
        assert!(near(
            &f,
            Some(b"UnleashApiToken"),
            b"default:production.064c3812290903d9e6cfd5c69d38f16fie80ded441c202de8a9b72c6c3b8fc27"
        ));
        assert!(!near(&f, None, b"dp.pt.5Ad7eA3eDe1369234e4b9dz4bA3a0268a"));
        // Hex with one letter outside hex, alone or after a prefix; base36 text is kept.
        assert!(near(
            &f,
            Some(b"api_key"),
            b"fc-4dcfe84fcc03df23qc80b5f324f8781b"
        ));
        assert!(near(
            &f,
            Some(b"api_key"),
            b"27f6114baa258655mfee41ea4217c797"
        ));
        assert!(near(
            &f,
            None,
            b"49C2BD9533D513801A5DC7BB435C5F08C7CC2C7E2C12D74FDB9E792DB098F5Z6"
        ));
        assert!(!near(
            &f,
            Some(b"api_key"),
            b"27f6114baa258655mfee41ea4217c7q7"
        ));
        assert!(!near(&f, Some(b"api_key"), b"k8s2p0xw7rmz4q1v9ntb3y6c5j"));
        assert!(!near(
            &f,
            Some(b"AUTH_1"),
            b"0xd94fcfea65fddf21dc6e0d24a0253508"
        ));
        // A UUID with one slip, alone or after a prefix; a UUID itself is kept.
        assert!(near(
            &f,
            Some(b"token"),
            b"3f2a9c1e-4b7d-4e21-9a3c-5d8e7f6a1b2"
        ));
        assert!(near(
            &f,
            Some(b"token"),
            b"xaat-3f2a9c1e-4b7d-4e21-9a3c-5d8e7f6a1b2c9"
        ));
        assert!(near(
            &f,
            Some(b"token"),
            b"xx3f2a9c1e-4b7d-4e2g-9a3c-5d8e7f6a1b2c"
        ));
        assert!(near(
            &f,
            Some(b"token"),
            b"3F2A9C1E-4B7D-4E21-9A3C-5D8E7F6A1B2"
        ));
        assert!(!near(
            &f,
            Some(b"token"),
            b"3f2a9c1e-4b7d-4e21-9a3c-5d8e7f6a1b2c"
        ));
        assert!(!near(
            &f,
            Some(b"token"),
            b"xaat-3f2a9c1e-4b7d-4e21-9a3c-5d8e7f6a1b2c", // vaultsweep:allow
        )); // vaultsweep:allow
        // Not UUID-like: words with dashes, two slips, mixed case.
        assert!(!near(
            &f,
            Some(b"token"),
            b"correct-horse-battery-staple-envelope"
        ));
        assert!(!near(
            &f,
            Some(b"token"),
            b"3f2a9c1e-4b7d-4e21-9a3-5d8e7f6a1b2"
        ));
        assert!(!near(
            &f,
            Some(b"token"),
            b"3f2a9c1e-4B7d-4e21-9a3c-5d8e7f6a1b2"
        ));
        // The secret half of an id:secret pair with one slip, or of odd hex length; kept whole.
        assert!(near(
            &f,
            Some(b"token"),
            b"2/0597095253249392/7296698125510899:c44d3c331376d4a6hfb0e54a4af603f3"
        )); // vaultsweep:allow
        assert!(near(
            &f,
            Some(b"token"),
            b"1/6732600403818053:cc1a404797c3676c873eac630da8e91"
        )); // vaultsweep:allow
        assert!(!near(
            &f,
            Some(b"token"),
            b"1/6732600403818053:cc1a404797c3676c873eac630da8e91e"
        )); // vaultsweep:allow
        assert!(!near(
            &f,
            Some(b"token"),
            b"admin:Kq7vLm2pX9wR4tZ8nB3cF6hJ1yD5sG0a"
        )); // vaultsweep:allow
        // The service named in the text before the value rather than in the key.
        let short = b"4f1c9a7e2b6d8305c1e4a9f7b2d6c8q"; // vaultsweep:allow
        assert!(f.service_near_miss(&[b"widget secret: "], short));
        assert!(!f.service_near_miss(&[b"secret: "], short));
        assert!(!f.service_near_miss(&[b"widget secret: "], b"4f1c9a7e2b6d8305c1e4a9f7b2d6c803")); // vaultsweep:allow
        // A service row of one length with a prefix: the prefix with a body that misses it.
        assert!(near(&f, Some(b"token"), b"gz_q8z3k5m1x9a"));
        assert!(near(&f, Some(b"token"), b"gz_q8z3k5m1x9abc"));
        assert!(!near(&f, Some(b"token"), b"gz_q8z3k5m1-9ab"));
        assert!(!near(&f, Some(b"token"), b"gz_q8z3k5m1x9ab"));
        assert!(!near(&f, Some(b"token"), b"gz_q8z3k5m1x9abq8z3k5m1x9ab"));
        assert!(generic_prefix(b"live_") && generic_prefix(b"sk_live_") && !generic_prefix(b"gz_"));
        // A known prefix with a body far too short for its format: a stub.
        assert!(near(&f, Some(b"TOKEN"), b"acme_q8z"));
        assert!(near(&f, Some(b"GIZMO_KEY"), b"gz_q8z3k"));
        assert!(!near(&f, Some(b"TOKEN"), b"acme_q8z3k5"));
        // Three characters claim a stub's short body, not a password that happens to open
        // with them.
        assert!(near(&f, Some(b"TOKEN"), b"bp_q8z3k5"));
        assert!(!near(&f, Some(b"SMTP_PASSWORD"), b"bp_uTvUjD72fy8y_"));
        assert!(!near(&f, Some(b"SMTP_PASSWORD"), b"acme_q*=z"));
        // Capital letters before or after lower-case hex that misses whole bytes or holds one
        // slip; whole bytes are kept.
        assert!(near(
            &f,
            Some(b"license_key"),
            b"b6c54efb6ff50cee9d59ab35e996cff3de6NRAL"
        )); // vaultsweep:allow
        assert!(near(
            &f,
            Some(b"license_key"),
            b"b6c54efb6ff50cee9d59ab35e996cff3dq61NRAL"
        )); // vaultsweep:allow
        let licence = b"b6c54efb6ff50cee9d59ab35e996cff3de61NRAL"; // vaultsweep:allow
        assert!(!near(&f, Some(b"license_key"), licence));
        assert!(near(
            &f,
            Some(b"api_key"),
            b"SK2cd969b247d0bdd7a83a5906d313548"
        )); // vaultsweep:allow
        assert!(near(
            &f,
            Some(b"api_key"),
            b"SK2cd969b247d0bdd7a83a5906d313548a7"
        )); // vaultsweep:allow
        assert!(near(
            &f,
            Some(b"api_key"),
            b"SK2cd969b247d0bdd7a8qa5906d313548a"
        )); // vaultsweep:allow
        assert!(!near(
            &f,
            Some(b"api_key"),
            b"SK2cd969b247d0bdd7a83a5906d313548a", // vaultsweep:allow
        )); // vaultsweep:allow
        // A hex group of a structured token that misses whole bytes or holds one slip.
        assert!(near(
            &f,
            Some(b"token"),
            b"APP_USR-4126497160588706-368660-1305c54caab9ff40332836c2fc3e31b-716755878"
        )); // vaultsweep:allow
        assert!(near(
            &f,
            Some(b"token"),
            b"access_token$production$k3v9q2m8x7z1w4t6$1305c54caab9ff40q32836c2fc3e31b1"
        )); // vaultsweep:allow
        let mp = b"APP_USR-4126497160588706-368660-1305c54caab9ff40332836c2fc3e31b9-716755878"; // vaultsweep:allow
        assert!(!near(&f, Some(b"token"), mp));
        // An inner literal of a format without a prefix, near its length.
        assert!(near(&f, Some(b"bot_token"), b"48213975:CQq8z3k5m1x9a"));
        assert!(near(&f, Some(b"bot_token"), b"48213975:CQq8z3k5m1x9abc"));
        assert!(!near(
            &f,
            Some(b"bot_token"),
            b"48213975:CQq8z3k5m1x9abq8z3k5m1x9ab"
        ));
        // After an authorization scheme.
        assert!(near(&f, Some(b"Authorization"), b"Bearer acme_q8z3k5m1x9z"));
        assert!(!near(
            &f,
            Some(b"Authorization"),
            b"Bearer q8z3k5m1x9zq8z3k5m"
        ));
        // A service's name in the key, the value one character short, long, or off-alphabet.
        assert!(near(
            &f,
            Some(b"WIDGET_KEY"),
            b"4f1c9a7e2b6d8305c1e4a9f7b2d6c80"
        ));
        assert!(near(
            &f,
            Some(b"widgetApiKey"),
            b"4f1c9a7e2b6d8305c1e4a9f7b2d6c8031"
        ));
        assert!(near(
            &f,
            Some(b"widget_key"),
            b"4f1c9a7e2b6d8305c1e4a9f7b2d6c80z"
        ));
        // Kept: the exact format, another credential of the service (another shape), other names.
        assert!(!near(
            &f,
            Some(b"WIDGET_KEY"),
            b"4f1c9a7e2b6d8305c1e4a9f7b2d6c803"
        ));
        assert!(!near(&f, Some(b"WIDGET_PASSWORD"), b"Kq7#vLm2pX9!"));
        assert!(!near(
            &f,
            Some(b"OTHER_KEY"),
            b"4f1c9a7e2b6d8305c1e4a9f7b2d6c8"
        ));
        assert!(!near(&f, None, b"4f1c9a7e2b6d8305c1e4a9f7b2d6c8"));
    }
}
