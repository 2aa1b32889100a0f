//! How the detector runs a rule's pattern, planned on the rule's first use: large bounded
//! repetitions inside the secret and key groups searched unbounded and length-checked after, a
//! cheaper pre-check where one exists, and whether the line of a keyword occurrence is window
//! enough. Pure analysis of the pattern's `regex_syntax` HIR; nothing here knows a rule's data.

use super::facts::find_group;
use regex_automata::meta;
use regex_automata::util::syntax;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind};
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
    pub precheck: Option<Regex>,
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
    pub required: Option<aho_corasick::AhoCorasick>,
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
                .get_or_init(|| build_windowed(source).expect("compiled when the rule loaded")),
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
            let _ = self.secret_exact.set(build_windowed(source)?);
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
) -> Result<SearchPlan, regex::Error> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .map_err(|e| regex::Error::Syntax(e.to_string()))?;
    let precheck = |h: &Hir| {
        (!windowed)
            .then(|| literal_suffix_pattern(h))
            .flatten()
            .or_else(|| relaxed_pattern(h))
    };
    // Keyword windows: the pattern with one-letter case classes folded, for the analyses
    // below that look for literals.
    let folded = windowed.then(|| fold_case(&hir));
    let relaxed = search_pattern(&hir, secret_group, key_group);
    let (search_hir, pre) = match &relaxed {
        Some(search) => (search.clone(), precheck(search)),
        None => (hir.clone(), precheck(&hir)),
    };
    let bound = |g: Option<usize>| {
        relaxed
            .as_ref()
            .and_then(|_| g.and_then(|g| group_max_len(&hir, g)))
    };
    let plan = SearchPlan {
        search_hir,
        search: OnceLock::new(),
        prefilter: !windowed,
        relaxed_groups: relaxed.is_some(),
        precheck: pre.map(|p| build_hir(&p, !windowed)).transpose()?,
        secret_max_len: bound(Some(secret_group)),
        // With one large repetition in the group, its length check above is exact enough;
        // only several (`x_[0-9]{1,30}_[a-z]{20,40}`) need the group's own pattern per match.
        secret_exact_source: match (&relaxed, find_group(&hir, secret_group)) {
            (Some(_), Some(group)) if large_repetitions(group) > 1 => {
                Some(format!("^(?:{group})$"))
            }
            _ => None,
        },
        secret_exact: OnceLock::new(),
        key_max_len: bound(key_group),
        line_window: folded
            .as_ref()
            .is_some_and(|f| keyword_on_match_line(f, keywords)),
        required: folded
            .as_ref()
            .and_then(|f| required_literals(f, keywords))
            .map(|lits| {
                aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(lits)
                    .expect("a few short literals")
            }),
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

/// Whether every match of the pattern lies on one line, give or take the line feeds around it,
/// and contains one of `keywords` (ASCII case-insensitively). The detector then searches only
/// the line of each keyword occurrence, with the line feed before it, instead of the lines
/// around it: such a match contains an occurrence, which the keyword stage records, and cannot
/// leave that occurrence's line.
///
/// The first part of the pattern may take the line feed before the line (a one-byte boundary
/// such as `(?:^|[^A-Za-z0-9_.-])`) and the last part the one after it (`(?:[^A-Za-z0-9]|$)`,
/// `\.(?:[^a-z]|$)`): the window holds both. A start-of-text `^` is allowed only in such a first
/// boundary, beside a branch that takes the line feed before the line. Conservative: `false` whenever the analysis cannot
/// prove it.
///
/// `folded` is the pattern after [`fold_case`].
pub fn keyword_on_match_line(folded: &Hir, keywords: &[String]) -> bool {
    // The structural test first: it is cheap, literal extraction is not.
    !keywords.is_empty() && on_one_line(folded) && contains_keyword(folded, keywords)
}

/// Literals (lower-case) one of which every match of the case-folded pattern `folded`
/// contains, for rejecting keyword windows without running the pattern: the set whose shortest
/// literal is longest, at least two bytes, leaving out sets the rule's keywords already
/// imply (every literal contains a keyword: the window is there because of one). `None` when
/// no set qualifies.
///
/// Sound because each set comes from a part every match passes through: a capture, a
/// repetition of at least one, all branches of an alternation, or any part of a
/// concatenation, whose prefixes (`regex_syntax`'s extractor, a finite sequence) begin every
/// match of that part.
pub fn required_literals(folded: &Hir, keywords: &[String]) -> Option<Vec<Vec<u8>>> {
    let useful = |lits: &Vec<Vec<u8>>| {
        lits.iter().any(|l| {
            !keywords
                .iter()
                .any(|k| memchr::memmem::find(l, k.as_bytes()).is_some())
        })
    };
    let best = required(folded, &useful)?;
    (shortest(&best) >= 2).then_some(best)
}

/// `lits` sorted, without a literal that another one begins (requiring `!=` already admits
/// every window that holds `!==`).
fn minimal(mut lits: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    lits.sort();
    lits.dedup();
    let mut out: Vec<Vec<u8>> = Vec::with_capacity(lits.len());
    for l in lits {
        if out.last().is_none_or(|p| !l.starts_with(p)) {
            out.push(l);
        }
    }
    out
}

/// The shortest literal's length (0 for an empty set).
fn shortest(lits: &[Vec<u8>]) -> usize {
    lits.iter().map(Vec::len).min().unwrap_or(0)
}

/// The better of two candidate sets: longer shortest literal, then fewer literals.
fn better(a: Option<Vec<Vec<u8>>>, b: Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let key = |l: &Vec<Vec<u8>>| (shortest(l), std::cmp::Reverse(l.len()));
            Some(if key(&b) > key(&a) { b } else { a })
        }
        (a, b) => a.or(b),
    }
}

/// [`required_literals`]' search: the best set for `hir` that `useful` accepts.
fn required(hir: &Hir, useful: &dyn Fn(&Vec<Vec<u8>>) -> bool) -> Option<Vec<Vec<u8>>> {
    let prefixes = |h: &Hir| {
        let mut ex = Extractor::new();
        ex.kind(ExtractKind::Prefix)
            .limit_class(4)
            .limit_repeat(4)
            .limit_literal_len(16)
            .limit_total(64);
        let seq = ex.extract(h);
        let lits = minimal(
            seq.literals()?
                .iter()
                .map(|l| l.as_bytes().to_ascii_lowercase())
                .collect(),
        );
        (!lits.is_empty() && shortest(&lits) > 0 && useful(&lits)).then_some(lits)
    };
    match hir.kind() {
        HirKind::Capture(c) => required(&c.sub, useful),
        HirKind::Repetition(r) if r.min >= 1 => better(required(&r.sub, useful), prefixes(hir)),
        HirKind::Alternation(xs) => {
            let mut all = Vec::new();
            for x in xs {
                // Each branch's own best set; the union must still be useful.
                all.extend(required(x, &|_| true)?);
            }
            let all = minimal(all);
            (all.len() <= 64 && useful(&all)).then_some(all)
        }
        // Any run of consecutive parts is passed through too; three are enough for the
        // literals of an operator or a word split by case classes, and cheaper to extract.
        HirKind::Concat(xs) => (0..xs.len()).fold(None, |best, i| {
            let run = Hir::concat(xs[i..xs.len().min(i + 3)].to_vec());
            better(best, better(required(&xs[i], useful), prefixes(&run)))
        }),
        _ => prefixes(hir),
    }
}

/// Whether every match lies on one line, give or take the line feeds around it.
fn on_one_line(hir: &Hir) -> bool {
    let parts: &[Hir] = match hir.kind() {
        HirKind::Concat(xs) => xs,
        _ => std::slice::from_ref(hir),
    };
    let (first, rest) = parts.split_first().expect("a concatenation has parts");
    let Some((last, middle)) = rest.split_last() else {
        return inner(first);
    };
    starts_line(first) && ends_line(last) && middle.iter().all(inner)
}

/// Within one line: never a line feed, no start-of-text assertion.
fn inner(hir: &Hir) -> bool {
    !can_match_newline(hir) && !has_start_of_text(hir)
}

/// A leading part that stays on the line or takes only the line feed before it (at most one
/// byte; with a start-of-text branch only beside a branch that takes the line feed).
fn starts_line(hir: &Hir) -> bool {
    if inner(hir) {
        return true;
    }
    if hir.properties().maximum_len().is_some_and(|n| n <= 1) {
        return !has_start_of_text(hir) || can_match_newline(hir);
    }
    match hir.kind() {
        HirKind::Capture(c) => starts_line(&c.sub),
        HirKind::Concat(xs) => xs
            .split_first()
            .is_some_and(|(f, r)| starts_line(f) && r.iter().all(inner)),
        _ => false,
    }
}

/// A trailing part that stays on the line or ends with the line feed after it.
fn ends_line(hir: &Hir) -> bool {
    if inner(hir) {
        return true;
    }
    if has_start_of_text(hir) {
        return false;
    }
    if hir.properties().maximum_len().is_some_and(|n| n <= 1) {
        return true;
    }
    match hir.kind() {
        HirKind::Capture(c) => ends_line(&c.sub),
        HirKind::Alternation(xs) => xs.iter().all(ends_line),
        HirKind::Concat(xs) => xs
            .split_last()
            .is_some_and(|(l, r)| ends_line(l) && r.iter().all(inner)),
        _ => false,
    }
}

/// Whether `hir` holds a start-of-text assertion (`^` without `(?m)`, `\A`).
fn has_start_of_text(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(look) => *look == regex_syntax::hir::Look::Start,
        HirKind::Repetition(r) => has_start_of_text(&r.sub),
        HirKind::Capture(c) => has_start_of_text(&c.sub),
        HirKind::Concat(xs) | HirKind::Alternation(xs) => xs.iter().any(has_start_of_text),
        _ => false,
    }
}

/// Whether some match of `hir` can include a line feed.
fn can_match_newline(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(lit) => lit.0.contains(&b'\n'),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        HirKind::Class(Class::Unicode(c)) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= '\n' && '\n' <= r.end()),
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Repetition(r) => r.max != Some(0) && can_match_newline(&r.sub),
        HirKind::Capture(c) => can_match_newline(&c.sub),
        HirKind::Concat(xs) | HirKind::Alternation(xs) => xs.iter().any(can_match_newline),
    }
}

/// `hir` with every class that is exactly one ASCII letter in both cases (`(?i:p)`) replaced by
/// the lower-case letter, so that literal extraction sees `pass`, not sixteen case variants.
fn fold_case(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Bytes(c)) => {
            let r = c.ranges();
            if r.len() == 2
                && r[0].start() == r[0].end()
                && r[1].start() == r[1].end()
                && r[0].start().is_ascii_uppercase()
                && r[1].start() == r[0].start().to_ascii_lowercase()
            {
                Hir::literal([r[1].start()])
            } else {
                hir.clone()
            }
        }
        HirKind::Literal(lit) => Hir::literal(lit.0.to_ascii_lowercase()),
        HirKind::Capture(c) => fold_case(&c.sub),
        HirKind::Concat(xs) => Hir::concat(xs.iter().map(fold_case).collect()),
        HirKind::Alternation(xs) => Hir::alternation(xs.iter().map(fold_case).collect()),
        HirKind::Repetition(r) => Hir::repetition(regex_syntax::hir::Repetition {
            sub: Box::new(fold_case(&r.sub)),
            ..r.clone()
        }),
        _ => hir.clone(),
    }
}

/// Whether every match of the (case-folded) `hir` contains one of `keywords`: some part of it
/// that every match must pass through starts with one of a finite set of literals, each of
/// which contains a keyword.
fn contains_keyword(hir: &Hir, keywords: &[String]) -> bool {
    let prefixes_hold = |h: &Hir| {
        let seq = Extractor::new().kind(ExtractKind::Prefix).extract(h);
        seq.literals().is_some_and(|lits| {
            !lits.is_empty()
                && lits.iter().all(|l| {
                    let l = l.as_bytes().to_ascii_lowercase();
                    keywords
                        .iter()
                        .any(|k| memchr::memmem::find(&l, k.as_bytes()).is_some())
                })
        })
    };
    match hir.kind() {
        HirKind::Capture(c) => contains_keyword(&c.sub, keywords),
        HirKind::Repetition(r) if r.min >= 1 => contains_keyword(&r.sub, keywords),
        HirKind::Alternation(xs) => xs.iter().all(|x| contains_keyword(x, keywords)),
        HirKind::Concat(xs) => (0..xs.len()).any(|i| {
            contains_keyword(&xs[i], keywords) || prefixes_hold(&Hir::concat(xs[i..].to_vec()))
        }),
        _ => prefixes_hold(hir),
    }
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
        let plan = |p: &str| plan(p, 1, None, &[], false).unwrap();
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
