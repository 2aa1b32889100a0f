//! The keyword stage: every occurrence of every rule keyword (ASCII case-insensitive,
//! overlapping), found with an Aho-Corasick automaton.
//!
//! With hundreds of keywords no SIMD prefilter applies, and the DFA walk is bound by the latency
//! of one transition-table load per byte: each load depends on the previous one. So blobs are
//! split in four parts walked in lockstep, four independent chains the CPU overlaps. Each part
//! after the first starts `longest keyword - 1` bytes early so that no occurrence across a
//! border is lost, and reports only occurrences that end inside it.
//!
//! The DFA is our own flat [`Table`] over the automaton's states rather than aho-corasick's
//! DFA: ~8,100 states × 52 byte classes of `u32` is 1.7 MB, inside this machine's 2 MB L2 (the
//! crate's power-of-two stride made it 4 MB), and a step is a class load, an add and a
//! dependent load with no bounds check. On the e2e corpus in memory, one thread
//! (`examples/keywords_bench.rs`): 660 MB/s with aho-corasick's DFA walked in two halves,
//! 915 MB/s with the table in two halves, 1,420 MB/s in four parts (six or eight were slower).
//!
//! Building the table costs ~8 ms, more than the rest of a pre-commit scan of a small commit.
//! So the stage starts with aho-corasick's contiguous NFA (cheap to build, ~85 instructions per
//! byte more) and builds the table once [`DFA_AFTER`] bytes have been searched: small scans
//! never pay for it.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{Anchored, MatchKind};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Parts shorter than this are not worth the split.
const MIN_SPLIT_PART: usize = 128;

/// Independent walks interleaved over the table.
const CHAINS: usize = 4;

/// Bytes searched with the NFA before the table is built.
pub const DFA_AFTER: usize = 256 << 10;

/// A compiled keyword set.
#[derive(Debug)]
pub struct Keywords {
    /// The Aho-Corasick automaton in one allocation: searched until the table exists, and
    /// what the table is built from.
    cnfa: aho_corasick::nfa::contiguous::NFA,
    table: OnceLock<Table>,
    /// Bytes searched so far (until the table exists).
    searched: AtomicUsize,
    /// Length of the longest keyword.
    longest: usize,
    /// Byte classes: bytes that no keyword holds (in either case) are one class, and each
    /// keyword byte's ASCII case pair is one class.
    classes: [u8; 256],
    stride: usize,
}

impl Keywords {
    /// Compiles `keywords` (lower-case literals, at least one).
    pub fn new(keywords: &[String]) -> Self {
        let nfa = aho_corasick::nfa::noncontiguous::Builder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(keywords)
            .expect("keywords are plain literals");
        let cnfa = aho_corasick::nfa::contiguous::Builder::new()
            .build_from_noncontiguous(&nfa)
            .expect("the NFA was built from plain literals");
        let mut classes = [0u8; 256];
        let mut stride = 1;
        for b in keywords.iter().flat_map(|k| k.bytes()) {
            let b = b.to_ascii_lowercase();
            if classes[b as usize] == 0 {
                classes[b as usize] = u8::try_from(stride).expect("at most 255 keyword bytes");
                classes[b.to_ascii_uppercase() as usize] = classes[b as usize];
                stride += 1;
            }
        }
        Keywords {
            cnfa,
            table: OnceLock::new(),
            searched: AtomicUsize::new(0),
            longest: keywords.iter().map(String::len).max().unwrap_or(1),
            classes,
            stride,
        }
    }

    /// The table, once enough bytes were searched to pay for it.
    fn table(&self, len: usize) -> Option<&Table> {
        if let Some(table) = self.table.get() {
            return Some(table);
        }
        if self.searched.fetch_add(len, Ordering::Relaxed) + len < DFA_AFTER {
            return None;
        }
        Some(
            self.table
                .get_or_init(|| Table::new(&self.cnfa, &self.classes, self.stride)),
        )
    }

    /// Calls `found(keyword index, start offset)` for every occurrence in `hay`, overlapping
    /// ones included. The order is unspecified.
    pub fn find_all(&self, hay: &[u8], mut found: impl FnMut(usize, usize)) {
        match self.table(hay.len()) {
            Some(table) => find_all(table, hay, self.longest, &mut found),
            None => find_all(&self.cnfa, hay, self.longest, &mut found),
        }
    }
}

/// The keyword DFA as a flat table: `trans[state + class(byte)]` is the next state, states
/// numbered premultiplied by the number of byte classes (no multiplication on the walk's
/// dependency chain), in breadth-first order from the start state (the states text visits
/// most sit together), match states last (a state is a match state iff it is at or after
/// `first_match`).
#[derive(Debug)]
struct Table {
    trans: Vec<u32>,
    classes: [u8; 256],
    start: u32,
    first_match: u32,
    stride: u32,
    /// For each match state, in order: its range in `matches`.
    match_at: Vec<Range<u32>>,
    /// (keyword index, keyword length) of the keywords ending at a match state.
    matches: Vec<(u32, u32)>,
}

impl Table {
    fn new(aut: &impl Automaton, classes: &[u8; 256], stride: usize) -> Table {
        // One representative byte per class.
        let mut reps = vec![0u8; stride];
        for b in (0..=255u8).rev() {
            reps[classes[b as usize] as usize] = b;
        }
        let start = aut
            .start_state(Anchored::No)
            .expect("unanchored searches are supported");
        // Breadth-first over the automaton's unanchored transitions (failure links followed).
        let mut index: HashMap<StateID, usize, foldhash::fast::FixedState> = HashMap::default();
        index.insert(start, 0);
        let mut order = vec![start];
        let mut next = Vec::new(); // next[i * stride + class] = BFS index
        let mut i = 0;
        while i < order.len() {
            let sid = order[i];
            for &b in &reps {
                let to = aut.next_state(Anchored::No, sid, b);
                let n = *index.entry(to).or_insert_with(|| {
                    order.push(to);
                    order.len() - 1
                });
                next.push(n);
            }
            i += 1;
        }
        // Renumber: non-match states in BFS order, then match states.
        let (plain, matching): (Vec<usize>, Vec<usize>) =
            (0..order.len()).partition(|&i| !aut.is_match(order[i]));
        let mut id = vec![0u32; order.len()];
        for (new, &old) in plain.iter().chain(&matching).enumerate() {
            id[old] = u32::try_from(new * stride).expect("keyword table fits in 32-bit ids");
        }
        let mut trans = Vec::with_capacity(order.len() * stride);
        for &old in plain.iter().chain(&matching) {
            trans.extend(
                next[old * stride..(old + 1) * stride]
                    .iter()
                    .map(|&n| id[n]),
            );
        }
        let mut match_at = Vec::with_capacity(matching.len());
        let mut matches = Vec::new();
        for &old in &matching {
            let sid = order[old];
            let from = matches.len() as u32;
            for k in 0..aut.match_len(sid) {
                let p = aut.match_pattern(sid, k);
                matches.push((p.as_u32(), aut.pattern_len(p) as u32));
            }
            match_at.push(from..matches.len() as u32);
        }
        let table = Table {
            start: id[0],
            first_match: (plain.len() * stride) as u32,
            stride: stride as u32,
            trans,
            classes: *classes,
            match_at,
            matches,
        };
        // What makes the unchecked loads in `step` sound: every state is a multiple of the
        // stride inside the table, and every class is below the stride.
        let states = table.trans.len() as u32;
        assert!(
            table
                .trans
                .iter()
                .chain([&table.start])
                .all(|&s| s % table.stride == 0 && s < states)
                && table.classes.iter().all(|&c| u32::from(c) < table.stride),
            "keyword table is consistent"
        );
        table
    }
}

/// One step of an automaton the keyword search walks: the table, or aho-corasick's contiguous
/// NFA before the table exists (the same states' meaning, the same results).
trait Steps {
    type State: Copy;
    fn start(&self) -> Self::State;
    fn step(&self, state: Self::State, byte: u8) -> Self::State;
    /// Whether `state` may be a match state (cheap; [`Steps::report`] checks).
    fn special(&self, state: Self::State) -> bool;
    /// Calls `found(keyword, length)` for each keyword ending in `state`.
    fn report(&self, state: Self::State, found: &mut impl FnMut(usize, usize));
}

impl Steps for Table {
    type State = u32;

    fn start(&self) -> u32 {
        self.start
    }

    #[inline(always)]
    fn step(&self, state: u32, byte: u8) -> u32 {
        let at = state as usize + self.classes[byte as usize] as usize;
        // SAFETY: `state` is a state of this table and classes are below the stride
        // (checked in `Table::new`), so `at < trans.len()`.
        unsafe { *self.trans.get_unchecked(at) }
    }

    #[inline(always)]
    fn special(&self, state: u32) -> bool {
        state >= self.first_match
    }

    fn report(&self, state: u32, found: &mut impl FnMut(usize, usize)) {
        if state < self.first_match {
            return;
        }
        let m = &self.match_at[((state - self.first_match) / self.stride) as usize];
        for &(pattern, len) in &self.matches[m.start as usize..m.end as usize] {
            found(pattern as usize, len as usize);
        }
    }
}

impl<A: Automaton> Steps for A {
    type State = StateID;

    fn start(&self) -> StateID {
        self.start_state(Anchored::No)
            .expect("unanchored searches are supported")
    }

    fn step(&self, state: StateID, byte: u8) -> StateID {
        self.next_state(Anchored::No, state, byte)
    }

    fn special(&self, state: StateID) -> bool {
        self.is_special(state)
    }

    fn report(&self, state: StateID, found: &mut impl FnMut(usize, usize)) {
        if !self.is_match(state) {
            return;
        }
        for i in 0..self.match_len(state) {
            let pattern = self.match_pattern(state, i);
            found(pattern.as_usize(), self.pattern_len(pattern));
        }
    }
}

/// Calls `found(keyword, start)` for every occurrence in `hay` of a keyword of `aut` (the
/// longest `longest` bytes long).
fn find_all<S: Steps>(aut: &S, hay: &[u8], longest: usize, found: &mut impl FnMut(usize, usize)) {
    let overlap = longest - 1;
    let part = hay.len() / CHAINS;
    if part < MIN_SPLIT_PART.max(2 * overlap) {
        walk_from(aut, hay, 0, 0, hay.len(), aut.start(), found);
        return;
    }
    // Walker j reports the occurrences that end in hay[j * part..(j + 1) * part] (the last
    // one up to the end), reading from `overlap` bytes earlier so none across a border is
    // lost. All walk `part` bytes in lockstep, then each finishes its own.
    let report: [usize; CHAINS] = std::array::from_fn(|j| j * part);
    let from: [usize; CHAINS] = std::array::from_fn(|j| (j * part).saturating_sub(overlap));
    let to: [usize; CHAINS] = std::array::from_fn(|j| {
        if j + 1 == CHAINS {
            hay.len()
        } else {
            (j + 1) * part
        }
    });
    let mut s = [aut.start(); CHAINS];
    let [a, b, c, d] = from.map(|f| &hay[f..f + part]);
    for (i, (((&w, &x), &y), &z)) in a.iter().zip(b).zip(c).zip(d).enumerate() {
        s[0] = aut.step(s[0], w);
        s[1] = aut.step(s[1], x);
        s[2] = aut.step(s[2], y);
        s[3] = aut.step(s[3], z);
        if s.iter().any(|&q| aut.special(q)) {
            for j in 0..CHAINS {
                report_at(aut, s[j], from[j] + i, report[j], found);
            }
        }
    }
    for j in 0..CHAINS {
        walk_from(aut, hay, from[j] + part, report[j], to[j], s[j], found);
    }
}

/// Walks `hay[from..to]` from `state`, reporting occurrences that end at or after
/// `report_from`.
fn walk_from<S: Steps>(
    aut: &S,
    hay: &[u8],
    from: usize,
    report_from: usize,
    to: usize,
    mut state: S::State,
    found: &mut impl FnMut(usize, usize),
) {
    for (i, &byte) in hay[from..to].iter().enumerate() {
        state = aut.step(state, byte);
        if aut.special(state) {
            report_at(aut, state, from + i, report_from, found);
        }
    }
}

/// Reports the keywords that end at `at` in `state`, if `at >= report_from`.
fn report_at<S: Steps>(
    aut: &S,
    state: S::State,
    at: usize,
    report_from: usize,
    found: &mut impl FnMut(usize, usize),
) {
    if at >= report_from {
        aut.report(state, &mut |pattern, len| found(pattern, at + 1 - len));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    /// Every occurrence, as the crate's own overlapping search finds them.
    fn reference(keywords: &[String], hay: &[u8]) -> Vec<(usize, usize)> {
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(keywords)
            .unwrap();
        let mut v: Vec<_> = ac
            .find_overlapping_iter(hay)
            .map(|m| (m.pattern().as_usize(), m.start()))
            .collect();
        v.sort_unstable();
        v
    }

    /// Both automata's occurrences; they must agree.
    fn ours(keywords: &[String], hay: &[u8]) -> Vec<(usize, usize)> {
        let k = Keywords::new(keywords);
        let mut nfa = Vec::new();
        k.find_all(hay, |k, s| nfa.push((k, s)));
        assert!(k.table.get().is_none(), "small inputs use the NFA");
        k.searched.store(DFA_AFTER, Ordering::Relaxed);
        let mut dfa = Vec::new();
        k.find_all(hay, |k, s| dfa.push((k, s)));
        assert!(
            k.table.get().is_some(),
            "the table is built once enough was searched"
        );
        nfa.sort_unstable();
        dfa.sort_unstable();
        assert_eq!(nfa, dfa);
        dfa
    }

    fn keywords(ks: &[&str]) -> Vec<String> {
        ks.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_overlapping_and_case_folded_occurrences() {
        let ks = keywords(&["pass", "password", "word", "ghp_"]);
        let hay = b"x PassWord=1 ghp_ GHP_ passpass";
        let got = ours(&ks, hay);
        assert_eq!(got, reference(&ks, hay));
        assert!(got.contains(&(1, 2)) && got.contains(&(0, 2)) && got.contains(&(2, 6)));
        assert_eq!(got.iter().filter(|(k, _)| *k == 3).count(), 2);
    }

    #[test]
    fn split_blobs_lose_and_duplicate_nothing() {
        // A keyword at every offset around each split point (halves for the NFA, quarters for
        // the table), in blobs large enough to split.
        let ks = keywords(&["secret_access_key", "key", "cret", "a"]);
        let borders = |len: usize| [len / 4, len / 2, 3 * len / 4].map(|b| (b - 20)..(b + 4));
        for len in [600, 1024, 1025, 1027, 1500, 4096, 4097, 4099] {
            for at in borders(len).into_iter().flatten() {
                let mut hay = vec![b'.'; len];
                hay[at..at + 17].copy_from_slice(b"SECRET_access_KEY");
                assert_eq!(ours(&ks, &hay), reference(&ks, &hay), "len {len} at {at}");
            }
        }
    }

    #[test]
    fn agrees_with_the_reference_on_mixed_text() {
        let ks = keywords(&["token", "pw", "://", "${", "xoxb-", "sk_live_", "to"]);
        let mut hay = Vec::new();
        let mut x: u32 = 12345;
        for _ in 0..20_000 {
            // A cheap deterministic generator over an alphabet rich in keyword bytes.
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            hay.push(b"tokenTOKpw:/${}xb-sk_live_ \n"[(x >> 16) as usize % 27]);
        }
        for len in [0, 1, 7, 1023, 1024, 3000, hay.len()] {
            assert_eq!(
                ours(&ks, &hay[..len]),
                reference(&ks, &hay[..len]),
                "len {len}"
            );
        }
    }
}
