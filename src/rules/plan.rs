//! How the detector runs a rule's pattern, planned on the rule's first use: large bounded
//! repetitions inside the secret and key groups searched unbounded and length-checked after, a
//! cheaper pre-check where one exists, and whether the line of a keyword occurrence is window
//! enough. Pure analysis of the pattern's `regex_syntax` HIR; nothing here knows a rule's data.

use super::facts::find_group;
use super::window::{WindowFacts, window_facts};
#[cfg(test)]
use super::window::{fold_case, keyword_on_match_line, required_literals};
use regex_automata::hybrid;
use regex_automata::meta;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_syntax::hir::{Hir, HirKind};
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::OnceLock;

/// A compiled rule pattern: the meta regex `regex::bytes::Regex` wraps, built with the same
/// settings (bytes, Unicode classes off), so that the literal prefilter can be left out where it
/// cannot pay: building it is most of a compile (a case-insensitive name alternation expands
/// into many literals; 339 µs of cohere's 339 vs 84 µs without), and a rule searched in the
/// lines around a keyword starts its search on a line that holds the keyword anyway.
pub type Regex = meta::Regex;

/// How the detector runs a rule's pattern (built by [`plan`]).
#[derive(Debug, Clone)]
pub struct SearchPlan {
    /// The pattern searched: the rule's own, or a form of it with the large repetitions inside
    /// the secret and key groups unbounded ([`search_pattern`]); compiled on first use
    /// ([`SearchPlan::search`]), after a pre-check first passes: most rules a keyword wakes in
    /// a tree scan never get that far, and compiling is most of what planning costs.
    search_hir: Hir,
    search: OnceLock<Regex>,
    /// Whether `search` is built with a prefilter (whole-blob rules).
    prefilter: bool,
    /// Whether `search` differs from the rule's pattern (then matches breaking the length
    /// bounds below send the detector back to the rule's own pattern).
    pub relaxed_groups: bool,
    /// A quick pre-check matching a superset of `search`'s inputs, if one is cheaper.
    pub precheck: Option<Precheck>,
    /// Longest secret the rule's pattern allows, when `search` relaxed that group.
    pub secret_max_len: Option<usize>,
    /// The secret group's own pattern, anchored, when `search` relaxed two or more repetitions
    /// in it (with one, `secret_max_len` bounds it): a relaxed match
    /// whose secret breaks it (a part of a token longer than its bound, though the whole is
    /// within the group's maximum) sends the detector back to the rule's own pattern.
    /// Compiled with `search`.
    secret_exact_source: Option<String>,
    secret_exact: OnceLock<Regex>,
    /// Longest key name the rule's pattern allows, likewise.
    pub key_max_len: Option<usize>,
    /// Every match lies on one line and holds a keyword ([`keyword_on_match_line`]):
    /// search only the line of each keyword occurrence.
    pub line_window: bool,
    /// Literals one of which every match contains, ASCII case-insensitively
    /// ([`required_literals`]): a window holding none of them is not searched.
    pub required: Option<Required>,
}

/// Literals one of which every match of a rule contains, ASCII case-insensitively
/// ([`required_literals`]). A set of one literal (`secret`, `token`, `https://`) is found by
/// `memchr` of its rarest byte in both cases and a comparison around each hit, which on a
/// window of a line or two costs less than an Aho-Corasick search's set-up.
#[derive(Debug, Clone)]
pub enum Required {
    /// One lower-case literal, and the offset in it of the byte searched for.
    One(Vec<u8>, usize),
    /// Several.
    Many(aho_corasick::AhoCorasick),
}

/// Bytes in the order text holds them most (the e2e corpus: C, docs, scripts); a literal's
/// byte latest in this list, or absent from it, is searched for.
const COMMON_BYTES: &[u8] = b" etaisrnoc_dlpumfh\"g,b0-v:=.1xy(k/w2346>85'7}{<q9z][+|$j@!~";

impl Required {
    /// The check for `lits` (at least one, none empty).
    pub fn new(lits: Vec<Vec<u8>>) -> Required {
        if let [lit] = &lits[..] {
            let lit = lit.to_ascii_lowercase();
            let rank = |b: u8| {
                COMMON_BYTES
                    .iter()
                    .position(|&c| c == b)
                    .unwrap_or(usize::MAX)
            };
            let rarest = (0..lit.len())
                .max_by_key(|&i| rank(lit[i]))
                .expect("required literals are not empty");
            return Required::One(lit, rarest);
        }
        Required::Many(
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(lits)
                .expect("a few short literals"),
        )
    }

    /// Whether `hay` contains one of the literals.
    pub fn is_match(&self, hay: &[u8]) -> bool {
        match self {
            Required::One(lit, at) => {
                let holds = |i: usize| {
                    i >= *at
                        && hay
                            .get(i - at..i - at + lit.len())
                            .is_some_and(|w| w.eq_ignore_ascii_case(lit))
                };
                let b = lit[*at];
                match b.is_ascii_alphabetic() {
                    true => memchr::memchr2_iter(b, b.to_ascii_uppercase(), hay).any(holds),
                    false => memchr::memchr_iter(b, hay).any(holds),
                }
            }
            Required::Many(ac) => ac.is_match(hay),
        }
    }
}

impl SearchPlan {
    /// The regex searched (compiled now if this is its first use).
    pub fn search(&self) -> &Regex {
        self.search.get_or_init(|| {
            build_hir(&self.search_hir, self.prefilter).expect("compiled when the rule loaded")
        })
    }

    /// The secret group's own pattern, when the group needs a check per match.
    pub fn secret_exact(&self) -> Option<&Regex> {
        let source = self.secret_exact_source.as_ref()?;
        Some(
            self.secret_exact
                .get_or_init(|| build_exact(source).expect("compiled when the rule loaded")),
        )
    }

    /// Compiles everything now, reporting an error (size limits) instead of panicking later:
    /// for rules loaded from files and `rules check`.
    pub fn compile_all(&self) -> Result<(), regex::Error> {
        if self.search.get().is_none() {
            let _ = self
                .search
                .set(build_hir(&self.search_hir, self.prefilter)?);
        }
        if let Some(source) = &self.secret_exact_source
            && self.secret_exact.get().is_none()
        {
            let _ = self.secret_exact.set(build_exact(source)?);
        }
        Ok(())
    }
}

/// The builder settings every rule pattern is compiled with (bytes, Unicode classes off), with
/// a literal prefilter: for whole-blob searches.
pub fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    build(pattern, true)
}

/// The same settings without the prefilter: for searches of short windows and anchored checks.
pub fn build_windowed(pattern: &str) -> Result<Regex, regex::Error> {
    build(pattern, false)
}

/// The same settings for a whole-value check (`^(?:…)$` on a secret or token of a few dozen
/// bytes): no lazy DFA, so neither the reverse NFA it needs nor its warm-up; such a check runs
/// on the one-pass DFA or the bounded backtracker, which need only the forward NFA.
pub fn build_exact(pattern: &str) -> Result<Regex, regex::Error> {
    let mut b = builder(false);
    b.configure(meta::Config::new().hybrid(false).dfa(false));
    b.syntax(syntax::Config::new().unicode(false).utf8(false))
        .build(pattern)
        .map_err(build_error)
}

fn build(pattern: &str, prefilter: bool) -> Result<Regex, regex::Error> {
    builder(prefilter)
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .build(pattern)
        .map_err(build_error)
}

/// Compiles a pattern already parsed (as [`plan`] parses: bytes, no Unicode): planning parses each pattern
/// once, and a compile from text would parse it again (about half of a compile's cost).
fn build_hir(hir: &Hir, prefilter: bool) -> Result<Regex, regex::Error> {
    builder(prefilter).build_from_hir(hir).map_err(build_error)
}

fn builder(prefilter: bool) -> meta::Builder {
    let mut b = meta::Builder::new();
    b.configure(
        meta::Config::new()
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(false)
            .auto_prefilter(prefilter)
            .nfa_size_limit(Some(32 * 1024 * 1024))
            .hybrid_cache_capacity(32 * 1024 * 1024),
    );
    b
}

fn build_error(e: meta::BuildError) -> regex::Error {
    match e.size_limit() {
        Some(n) => regex::Error::CompiledTooBig(n),
        None => regex::Error::Syntax(e.to_string()),
    }
}

/// A pre-check: only ever asked whether a window may match, so a window search needs no more
/// than a forward lazy DFA of the pattern without its groups. A `meta::Regex` would also
/// compile the reverse NFA (to find where a match starts) and set up the capture engines:
/// about half of what building a pre-check cost. Whole-blob pre-checks keep the meta regex
/// for its literal prefilter.
#[derive(Debug, Clone)]
pub enum Precheck {
    /// Forward lazy DFA (keyword windows).
    Forward(std::sync::Arc<ForwardCheck>),
    /// The meta regex, with its prefilter (whole blobs), or where the lazy DFA cannot be built.
    Meta(Regex),
}

/// A forward lazy DFA with one cache per thread, as `meta::Regex` keeps them.
pub struct ForwardCheck {
    dfa: std::sync::Arc<hybrid::dfa::DFA>,
    min_len: usize,
    caches: Pool<hybrid::dfa::Cache, CacheFn>,
}

type CacheFn = Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

impl std::fmt::Debug for ForwardCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ForwardCheck").finish_non_exhaustive()
    }
}

impl Precheck {
    fn new(hir: &Hir, prefilter: bool) -> Result<Precheck, regex::Error> {
        if !prefilter && let Some(fwd) = ForwardCheck::new(hir) {
            return Ok(Precheck::Forward(std::sync::Arc::new(fwd)));
        }
        build_hir(hir, prefilter).map(Precheck::Meta)
    }

    /// False when the pattern certainly does not match `hay`.
    pub fn is_match(&self, hay: &[u8]) -> bool {
        match self {
            Precheck::Forward(f) => f.is_match(hay),
            Precheck::Meta(re) => re.is_match(hay),
        }
    }
}

impl ForwardCheck {
    /// `None` when the lazy DFA cannot be built (the caller builds a meta regex instead).
    fn new(hir: &Hir) -> Option<ForwardCheck> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(false)
                    .shrink(false)
                    .which_captures(thompson::WhichCaptures::None)
                    .nfa_size_limit(Some(32 * 1024 * 1024)),
            )
            .build_from_hir(hir)
            .ok()?;
        let dfa = hybrid::dfa::Builder::new()
            .configure(
                hybrid::dfa::Config::new()
                    .match_kind(regex_automata::MatchKind::LeftmostFirst)
                    .cache_capacity(32 * 1024 * 1024)
                    .skip_cache_capacity_check(false)
                    // As `meta` configures its lazy DFA: give up when the cache thrashes
                    // (then the window is searched, as if the check had passed).
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa)
            .ok()?;
        let dfa = std::sync::Arc::new(dfa);
        let for_pool = dfa.clone();
        Some(ForwardCheck {
            dfa,
            min_len: hir.properties().minimum_len().unwrap_or(0),
            caches: Pool::new(Box::new(move || for_pool.create_cache())),
        })
    }

    fn is_match(&self, hay: &[u8]) -> bool {
        if hay.len() < self.min_len {
            return false;
        }
        let mut cache = self.caches.get();
        let input = regex_automata::Input::new(hay).earliest(true);
        // An error is the DFA giving up: say "may match" and let the search decide.
        self.dfa
            .try_search_fwd(&mut cache, &input)
            .map_or(true, |m| m.is_some())
    }
}

/// Plans how the detector runs a rule's pattern (on a rule's first use): large repetitions in
/// the secret and key groups searched unbounded and their lengths checked after
/// ([`search_pattern`]); a cheaper pre-check where one exists (led by a literal for rules
/// searching whole blobs, [`literal_suffix_pattern`], else [`relaxed_pattern`]); and whether the
/// line of a keyword occurrence is window enough ([`keyword_on_match_line`]).
pub fn plan(
    pattern: &str,
    secret_group: usize,
    key_group: Option<usize>,
    keywords: &[String],
    windowed: bool,
    known: Option<&WindowFacts>,
) -> Result<SearchPlan, regex::Error> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .map_err(|e| regex::Error::Syntax(e.to_string()))?;
    plan_parsed(hir, secret_group, key_group, keywords, windowed, known)
}

/// [`plan`] of a pattern already parsed as [`plan`] parses it (bytes, no Unicode): a service
/// row's pattern is built from parts parsed once ([`super::service`]).
pub fn plan_parsed(
    hir: Hir,
    secret_group: usize,
    key_group: Option<usize>,
    keywords: &[String],
    windowed: bool,
    known: Option<&WindowFacts>,
) -> Result<SearchPlan, regex::Error> {
    let precheck = |h: &Hir| {
        (!windowed)
            .then(|| literal_suffix_pattern(h))
            .flatten()
            .or_else(|| relaxed_pattern(h))
    };
    // Keyword windows: where a match can lie (looked up for built-in rules, which build.rs
    // analysed).
    let window = windowed.then(|| {
        known
            .cloned()
            .unwrap_or_else(|| window_facts(&hir, keywords))
    });
    let relaxed = search_pattern(&hir, secret_group, key_group);
    let pre = precheck(relaxed.as_ref().unwrap_or(&hir));
    let bound = |g: Option<usize>| {
        relaxed
            .as_ref()
            .and_then(|_| g.and_then(|g| group_max_len(&hir, g)))
    };
    let (secret_max_len, key_max_len) = (bound(Some(secret_group)), bound(key_group));
    // With one large repetition in the group, its length check above is exact enough;
    // only several (`x_[0-9]{1,30}_[a-z]{20,40}`) need the group's own pattern per match.
    let secret_exact_source = match (&relaxed, find_group(&hir, secret_group)) {
        (Some(_), Some(group)) if large_repetitions(group) > 1 => Some(format!("^(?:{group})$")),
        _ => None,
    };
    let relaxed_groups = relaxed.is_some();
    let plan = SearchPlan {
        // The parsed pattern itself when nothing was relaxed (moved, not copied).
        search_hir: relaxed.unwrap_or(hir),
        search: OnceLock::new(),
        prefilter: !windowed,
        relaxed_groups,
        precheck: pre.map(|p| Precheck::new(&p, !windowed)).transpose()?,
        secret_max_len,
        secret_exact_source,
        secret_exact: OnceLock::new(),
        key_max_len,
        line_window: window.as_ref().is_some_and(|w| w.line_window),
        required: window.and_then(|w| w.required).map(Required::new),
    };
    // Without a pre-check, the first use searches: compile now.
    if plan.precheck.is_none() {
        plan.compile_all()?;
    }
    Ok(plan)
}

/// Repetitions whose upper bound exceeds the lower by more than this are "large": the regex
/// engines pay a state per count for them (a `[^\r\n]{0,255}` is 255 NFA states, all live at
/// once while a capture search crosses it, and hundreds of lazy-DFA states per line shape).
const RELAX_SPAN: u32 = 16;

/// How many large repetitions (see [`RELAX_SPAN`]) `hir` holds.
fn large_repetitions(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Repetition(r) => {
            let large = r.max.is_some_and(|max| max - r.min > RELAX_SPAN);
            usize::from(large) + large_repetitions(&r.sub)
        }
        HirKind::Capture(c) => large_repetitions(&c.sub),
        HirKind::Concat(xs) | HirKind::Alternation(xs) => xs.iter().map(large_repetitions).sum(),
        _ => 0,
    }
}

/// What [`relax`] rewrites.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Relax {
    /// Large repetitions inside these two capture groups (secret, key); groups kept.
    Groups(usize, Option<usize>),
    /// Every large repetition; capture groups dropped.
    All,
}

/// `hir` with large repetitions made unbounded (`{0,255}` → `*`), where `how` says. Sets
/// `changed` when it rewrote one.
fn relax(hir: &Hir, how: Relax, inside: bool, changed: &mut bool) -> Hir {
    relaxed(hir, how, inside, changed).unwrap_or_else(|| hir.clone())
}

/// [`relax`], `None` where `hir` comes out as it went in: only the parts above a rewrite are
/// built again (building a node recomputes its properties, and planning relaxes every pattern
/// a scan wakes, once or twice).
fn relaxed(hir: &Hir, how: Relax, inside: bool, changed: &mut bool) -> Option<Hir> {
    let mut go = |h: &Hir, inside| relaxed(h, how, inside, changed);
    match hir.kind() {
        HirKind::Capture(c) => match how {
            Relax::All => Some(go(&c.sub, true).unwrap_or_else(|| (*c.sub).clone())),
            Relax::Groups(secret, key) => {
                let i = c.index as usize;
                let inside = inside || i == secret || Some(i) == key;
                go(&c.sub, inside).map(|sub| {
                    Hir::capture(regex_syntax::hir::Capture {
                        sub: Box::new(sub),
                        ..c.clone()
                    })
                })
            }
        },
        HirKind::Concat(xs) | HirKind::Alternation(xs) => {
            let parts: Vec<Option<Hir>> = xs.iter().map(|x| go(x, inside)).collect();
            if parts.iter().all(Option::is_none) {
                return None;
            }
            let parts = parts
                .into_iter()
                .zip(xs)
                .map(|(p, x)| p.unwrap_or_else(|| x.clone()))
                .collect();
            Some(match hir.kind() {
                HirKind::Concat(_) => Hir::concat(parts),
                _ => Hir::alternation(parts),
            })
        }
        HirKind::Repetition(r) => {
            let large = r.max.is_some_and(|max| max - r.min > RELAX_SPAN);
            let sub = go(&r.sub, inside);
            let unbound = large && (inside || how == Relax::All);
            if unbound {
                *changed = true;
            } else if sub.is_none() {
                return None;
            }
            Some(Hir::repetition(regex_syntax::hir::Repetition {
                min: r.min,
                max: if unbound { None } else { r.max },
                greedy: r.greedy,
                sub: Box::new(sub.unwrap_or_else(|| (*r.sub).clone())),
            }))
        }
        _ => None,
    }
}

/// The pattern the detector runs: large repetitions inside the secret and key groups made
/// unbounded, the groups' maximum lengths then checked on each match
/// ([`group_max_len`]). `None` when no such repetition exists (the rule's own pattern runs).
///
/// Bounds outside the groups (how far a secret may sit from its key or provider name) are kept
/// exactly; so is every other part of the pattern.
pub fn search_pattern(hir: &Hir, secret: usize, key: Option<usize>) -> Option<Hir> {
    let mut changed = false;
    let out = relax(hir, Relax::Groups(secret, key), false, &mut changed);
    changed.then_some(out)
}

/// The maximum length of capture group `index`'s matches in `hir`, if it is bounded.
pub fn group_max_len(hir: &Hir, index: usize) -> Option<usize> {
    match hir.kind() {
        HirKind::Capture(c) if c.index as usize == index => c.sub.properties().maximum_len(),
        HirKind::Capture(c) => group_max_len(&c.sub, index),
        HirKind::Repetition(r) => group_max_len(&r.sub, index),
        HirKind::Concat(xs) | HirKind::Alternation(xs) => {
            xs.iter().find_map(|x| group_max_len(x, index))
        }
        _ => None,
    }
}

/// A relaxed form of a pattern for the search plan's quick rejection: every large repetition
/// made unbounded and capture groups removed. It matches a superset of the pattern's inputs
/// with a far smaller lazy DFA. `None` when no repetition is large.
pub fn relaxed_pattern(hir: &Hir) -> Option<Hir> {
    let mut changed = false;
    let relaxed = relax(hir, Relax::All, false, &mut changed);
    changed.then_some(relaxed)
}

/// A pre-check for rules that search whole blobs: the part of the pattern from its first
/// literal after the start on (`\.[A-Za-z0-9_-]{6}\.…` in a Discord token), relaxed. Every match
/// of the pattern contains a match of it, and the regex engine finds it by searching for the
/// literal first instead of running its automaton over every byte. `None` when the pattern
/// starts with a literal (the engine does that already) or holds none.
pub fn literal_suffix_pattern(hir: &Hir) -> Option<Hir> {
    fn flatten(hir: &Hir, out: &mut Vec<Hir>) {
        match hir.kind() {
            HirKind::Capture(c) => flatten(&c.sub, out),
            HirKind::Concat(xs) => xs.iter().for_each(|x| flatten(x, out)),
            _ => out.push(hir.clone()),
        }
    }
    let mut parts = Vec::new();
    flatten(hir, &mut parts);
    let first = parts
        .iter()
        .position(|p| matches!(p.kind(), HirKind::Literal(_)))?;
    if first == 0 {
        return None;
    }
    let mut changed = false;
    let suffix = Hir::concat(parts.split_off(first));
    Some(relax(&suffix, Relax::All, false, &mut changed))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`relax`] as it was before it kept unchanged parts (it rebuilt every node): the oracle
    /// for the one that does.
    fn relax_rebuilding(hir: &Hir, how: Relax, inside: bool, changed: &mut bool) -> Hir {
        let mut go = |h: &Hir, inside| relax_rebuilding(h, how, inside, changed);
        match hir.kind() {
            HirKind::Capture(c) => match how {
                Relax::All => go(&c.sub, true),
                Relax::Groups(secret, key) => {
                    let i = c.index as usize;
                    let inside = inside || i == secret || Some(i) == key;
                    Hir::capture(regex_syntax::hir::Capture {
                        sub: Box::new(go(&c.sub, inside)),
                        ..c.clone()
                    })
                }
            },
            HirKind::Concat(xs) => Hir::concat(xs.iter().map(|x| go(x, inside)).collect()),
            HirKind::Alternation(xs) => {
                Hir::alternation(xs.iter().map(|x| go(x, inside)).collect())
            }
            HirKind::Repetition(r) => {
                let large = r.max.is_some_and(|max| max - r.min > RELAX_SPAN);
                let sub = Box::new(go(&r.sub, inside));
                let max = if large && (inside || how == Relax::All) {
                    *changed = true;
                    None
                } else {
                    r.max
                };
                Hir::repetition(regex_syntax::hir::Repetition {
                    min: r.min,
                    max,
                    greedy: r.greedy,
                    sub,
                })
            }
            _ => hir.clone(),
        }
    }

    fn required_of(pattern: &str, keywords: &[&str]) -> Option<Vec<String>> {
        let ks: Vec<String> = keywords.iter().map(|k| k.to_string()).collect();
        required_literals(&fold_case(&hir(pattern)), &ks).map(|lits| {
            lits.into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    #[test]
    fn required_literals_are_what_every_match_passes_through() {
        // A comparison operator every match holds; the key's own words are the keywords.
        assert_eq!(
            required_of(
                r#""(?P<secret>[^"]+)"[ \t]*(?:={2,3}|!==?|\.equals\()[ \t]*(?P<key>(?i:pass|token))"#,
                &["pass", "token"]
            ),
            Some(vec!["!=".into(), ".equals(".into(), "==".into()])
        );
        // Case-insensitive words come out lower-case; a branch's best part is taken.
        assert_eq!(
            required_of(
                r"(?m)^(?:(?i:ENV)|#[ \t]*define|setenv)[ \t]+(?P<key>\w*(?i:secret)\w*)[ \t]+(?P<secret>\S+)",
                &["secret"]
            ),
            Some(vec!["define".into(), "env".into(), "setenv".into()])
        );
        // Only the keywords themselves, an optional part, or a single byte: nothing to use.
        assert_eq!(
            required_of(r"(?P<key>(?i:secret))=(?P<secret>\S+)", &["secret"]),
            None
        );
        assert_eq!(
            required_of(r"(?:Bearer )?(?P<key>token)=(?P<secret>\S+)", &["token"]),
            None
        );
        assert_eq!(
            required_of(r"(?:ENV |x)(?P<key>token)=(?P<secret>\S+)", &["token"]),
            None
        );
        // A set every keyword holds one of turns no window away: a token's boundary
        // (`\x1b[` of a colour code, or the keyword itself) is no test.
        assert_eq!(
            required_of(r"(?:\x1b\[[0-9;]*m|\b)(ghr_[A-Za-z0-9]{36})", &["ghr_"]),
            None
        );
        assert_eq!(
            required_of(
                r"(?:\x1b\[[0-9;]*m|\b)(ghr_[A-Za-z0-9]{36})",
                &["ghr_", "xyz"]
            ),
            Some(vec!["\x1b[".into(), "ghr_".into()])
        );
    }

    #[test]
    fn required_literals_are_found_as_aho_corasick_finds_them() {
        let lits = ["secret", "==", "https://", "t3blbkfj", "x", "-u\t", "a_b"];
        let mut hay = Vec::new();
        let mut x: u32 = 7;
        let alphabet = b"sEcReT=htps:/T3BLbkfjX-u\ta_B \nKeYtOkN,'\"-.i";
        for _ in 0..4_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            hay.push(alphabet[(x >> 16) as usize % alphabet.len()]);
        }
        let sets: Vec<Vec<&str>> = lits
            .iter()
            .map(|l| vec![*l])
            .chain([vec!["key", "token"], vec!["http://", "https://"]])
            .collect();
        for set in sets {
            let lit = set[0];
            let one = Required::new(set.iter().map(|l| l.as_bytes().to_vec()).collect());
            assert_eq!(matches!(one, Required::One(..)), set.len() == 1, "{set:?}");
            let ac = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&set)
                .unwrap();
            for start in (0..hay.len()).step_by(7) {
                for len in [0, 1, 2, 5, 9, 40, 300] {
                    let w = &hay[start..(start + len).min(hay.len())];
                    assert_eq!(one.is_match(w), ac.is_match(w), "{set:?} in {w:?}");
                }
            }
            assert!(one.is_match(lit.to_ascii_uppercase().as_bytes()));
        }
    }

    #[test]
    fn built_in_single_required_literals_are_found_as_aho_corasick_finds_them() {
        let rules = crate::rules::builtin_all().unwrap();
        let mut checked = 0;
        for rule in rules.rules() {
            let Some(Required::One(lit, _)) = &rule.force_plan().unwrap().required else {
                continue;
            };
            let ac = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([lit])
                .unwrap();
            let req = rule.plan().required.as_ref().unwrap();
            for ex in rule.examples.iter().chain(&rule.negative_examples) {
                let ex = ex.as_bytes();
                for cut in 0..ex.len().min(64) {
                    let (a, b) = (&ex[cut..], &ex[..ex.len() - cut]);
                    assert_eq!(req.is_match(a), ac.is_match(a), "{}", rule.id);
                    assert_eq!(req.is_match(b), ac.is_match(b), "{}", rule.id);
                }
            }
            checked += 1;
        }
        assert!(
            checked >= 20,
            "only {checked} rules have one required literal"
        );
    }

    #[test]
    fn every_rule_example_holds_one_of_its_required_literals() {
        let rules = crate::rules::builtin_all().unwrap();
        let mut checked = 0;
        for rule in rules.rules() {
            let Some(req) = &rule.force_plan().unwrap().required else {
                continue;
            };
            for ex in &rule.examples {
                assert!(req.is_match(ex.as_bytes()), "{}: {ex}", rule.id);
            }
            checked += 1;
        }
        assert!(checked >= 5, "only {checked} rules have required literals");
    }

    #[test]
    fn relax_gives_what_rebuilding_every_node_gave() {
        let rules = crate::rules::builtin_all().unwrap();
        let mut relaxed_some = 0;
        for rule in rules.rules() {
            let h = hir(&rule.pattern);
            for how in [Relax::Groups(rule.secret_group, rule.key_group), Relax::All] {
                let (mut a, mut b) = (false, false);
                let old = relax_rebuilding(&h, how, false, &mut a);
                let new = relax(&h, how, false, &mut b);
                assert_eq!(old, new, "{}", rule.id);
                assert_eq!(a, b, "{}", rule.id);
                relaxed_some += usize::from(b);
            }
        }
        assert!(relaxed_some > 100, "only {relaxed_some} rewrites compared");
    }

    fn hir(pattern: &str) -> Hir {
        regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .parse(pattern)
            .unwrap()
    }

    fn on_line(pattern: &str, keywords: &[&str]) -> bool {
        let ks: Vec<String> = keywords.iter().map(|k| k.to_string()).collect();
        keyword_on_match_line(&fold_case(&hir(pattern)), &ks)
    }

    #[test]
    fn line_windows_only_when_every_match_holds_a_keyword_on_one_line() {
        // Kept: the key holds the keyword, boundaries may take the line feeds around the line.
        let key = r#"(?:^|[^A-Za-z0-9_])(?P<key>(?i:[a-z_]*?(?:pass|pwd)[a-z_]*))=(?P<secret>[^\s"]+)(?:[^a-z]|$)"#;
        assert!(on_line(key, &["pass", "pwd"]));
        assert!(on_line(r"\b(ghp_[A-Za-z0-9]{36})\b", &["ghp_"]));
        assert!(on_line(
            r"(?i)heroku[^\r\n]{0,20}([0-9a-f]{32})",
            &["heroku"]
        ));
        assert!(on_line(
            r"(?m)^[ \t]*(?i:api[_-]?key)=(\S+)$",
            &["api_key", "api-key", "apikey"]
        ));
        // Dropped: a branch without a keyword (`pwd` is not `pass`)…
        assert!(!on_line(key, &["pass"]));
        assert!(!on_line(r"(?:ghp_|gho_)([a-z]{4})", &["ghp_"]));
        // …a keyword that may sit on another line (`\s` takes line feeds)…
        assert!(!on_line(r"secret[\s:=]+([a-z0-9]{32})", &["secret"]));
        assert!(!on_line(r"(?s)heroku.{0,40}([0-9a-f]{32})", &["heroku"]));
        // …or a start-of-text `^` that the line window (which starts at the line feed before
        // the line) would never satisfy.
        assert!(!on_line(r"^token=(\w+)", &["token"]));
        assert!(!on_line(r"x([a-z]+)", &[]));
    }

    #[test]
    fn large_repetitions_are_relaxed_in_groups_and_bounded_after() {
        let h = hir(r"(?P<key>[a-z_]{1,40})=(?P<secret>[a-z]{0,255})[ ]{0,100}(?:x|$)");
        let search = search_pattern(&h, 2, Some(1)).expect("the groups hold large repetitions");
        let search = search.to_string();
        // Inside the groups: unbounded. Outside (a distance): kept exactly.
        assert!(
            !search.contains("255") && !search.contains("40}"),
            "{search}"
        );
        assert!(search.contains("100}"), "{search}");
        assert_eq!(group_max_len(&h, 2), Some(255));
        assert_eq!(group_max_len(&h, 1), Some(40));
        // The pre-check drops groups and every bound.
        let relaxed = relaxed_pattern(&h).unwrap().to_string();
        assert!(
            !relaxed.contains("100}") && !relaxed.contains("?P<"),
            "{relaxed}"
        );
        // Whole-blob rules: from the first literal on, so the engine can search for it.
        let discord = hir(r"\b([MNO][A-Za-z0-9_-]{22,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})");
        let suffix = literal_suffix_pattern(&discord).unwrap().to_string();
        assert!(
            suffix.trim_start_matches("(?:").starts_with(r"\.") && !suffix.contains("MNO"),
            "{suffix}"
        );
        assert!(literal_suffix_pattern(&hir(r"SK([0-9a-f]{32})")).is_none());
        assert!(literal_suffix_pattern(&hir(r"\b([a-z]{32})")).is_none());
        // Small repetitions change nothing.
        let small = hir(r"(?P<secret>[a-z]{8,20})");
        assert!(search_pattern(&small, 1, None).is_none() && relaxed_pattern(&small).is_none());
    }

    #[test]
    fn several_relaxed_parts_keep_the_group_exact() {
        let plan = |p: &str| plan(p, 1, None, &[], false, None).unwrap();
        // One large repetition: the length check suffices, no per-match regex.
        assert!(
            plan(r"\b(ghp_[A-Za-z0-9]{36,255})\b")
                .secret_exact()
                .is_none()
        );
        // Two: a part longer than its bound fails although the whole is short enough.
        let two = plan(r"\b(sk_[0-9]{1,30}_[A-Za-z]{20,40})\b");
        let exact = two.secret_exact().expect("two relaxed parts");
        assert!(exact.is_match(b"sk_12_abcdefghijklmnopqrstuvwxyz"));
        assert!(!exact.is_match(b"sk_1_abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq"));
    }
}
