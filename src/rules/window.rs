//! Where a keyword rule's pattern can match, as pure functions of the pattern and its
//! keywords: whether every match lies on the line of a keyword occurrence (the detector then
//! searches that line only) and which literals every match passes through (a window without
//! one is not searched).
//!
//! Planning a rule a scan wakes parsed the pattern and ran these analyses in every process.
//! Like [`super::facts`], this file depends on `regex_syntax`, `serde` and `std` only:
//! `build.rs` includes it to compute the answers for every built-in pattern rule at build time,
//! and planning looks them up ([`crate::rules::load`]); service rows, whose patterns loading
//! generates, and users' rules are analysed when first planned. The same functions give both
//! answers, and a test proves every looked-up answer equals a fresh one.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind};
use serde::{Deserialize, Serialize};

/// The window analyses of a keyword rule's pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowFacts {
    /// [`keyword_on_match_line`]: search only the line of each keyword occurrence.
    pub line_window: bool,
    /// [`required_literals`]: one of these (lower-case) is in every match.
    pub required: Option<Vec<Vec<u8>>>,
}

/// The window analyses of `hir`, a keyword rule's parsed pattern.
pub fn window_facts(hir: &Hir, keywords: &[String]) -> WindowFacts {
    let folded = fold_case(hir);
    WindowFacts {
        line_window: keyword_on_match_line(&folded, keywords),
        required: required_literals(&folded, keywords),
    }
}

/// The key a built-in rule's [`WindowFacts`] are stored under: a 64-bit FNV-1a hash of its
/// keywords and pattern, in hex (the pattern's text itself would double the facts that every
/// process reads at start-up). The test that compares every looked-up answer with a fresh one
/// would catch a collision.
pub fn window_key(pattern: &str, keywords: &[String]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for k in keywords {
        eat(k.as_bytes());
        eat(&[1]);
    }
    eat(&[0]);
    eat(pattern.as_bytes());
    format!("{h:016x}")
}

/// Whether `needle` occurs in `hay` (short literals and keywords: no search structure).
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
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
        lits.iter()
            .any(|l| !keywords.iter().any(|k| contains(l, k.as_bytes())))
            && !always_held(lits, keywords)
    };
    let best = required(folded, &useful)?;
    (shortest(&best) >= 2).then_some(best)
}

/// Whether every window holds one of `lits` whatever its other bytes: each keyword (a window
/// holds a whole occurrence of one, ASCII case-insensitively, as the literals are matched)
/// contains one of them. Such a set turns no window away and costs a search of each
/// (`\x1b[` beside `ghr_` in a token rule's boundary, a name rule's own keywords); a keyword
/// holding a line feed is not counted as held, the line window may end inside it.
fn always_held(lits: &[Vec<u8>], keywords: &[String]) -> bool {
    !keywords.is_empty()
        && keywords.iter().all(|k| {
            let k = k.as_bytes().to_ascii_lowercase();
            !k.contains(&b'\n') && lits.iter().any(|l| contains(&k, l))
        })
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
pub fn fold_case(hir: &Hir) -> Hir {
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
                    keywords.iter().any(|k| contains(&l, k.as_bytes()))
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
