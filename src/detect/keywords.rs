//! The keyword stage: every occurrence of every rule keyword (ASCII case-insensitive,
//! overlapping), found with an Aho-Corasick automaton.
//!
//! With hundreds of keywords no SIMD prefilter applies, and the DFA walk is bound by the latency
//! of one transition-table load per byte: each load depends on the previous one. Blobs of a few
//! kilobytes and more are therefore split in two halves walked in lockstep, two independent
//! chains the CPU overlaps, which measured 1.5–1.7× the speed of one walk
//! (`aho_corasick`'s own overlapping search included) on the benchmark corpus. The second half
//! starts `longest keyword - 1` bytes early so that no occurrence across the split is lost, and
//! reports only occurrences that end inside its half.
//!
//! The DFA over ~1,500 keywords (4 MB of transitions) costs ~70 M instructions to build, more
//! than the rest of a pre-commit scan of a small commit. So the stage starts with the
//! contiguous NFA (cheap to build from the NFA the DFA is made from, ~85 instructions per byte
//! more than the DFA) and builds the DFA once [`DFA_AFTER`] bytes have been searched: small
//! scans never pay for it, large ones pay ~20 M instructions for the first bytes.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::nfa::noncontiguous::NFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Halves shorter than this are not worth the split.
const MIN_SPLIT_HALF: usize = 512;

/// Bytes searched with the NFA before the DFA is built.
pub const DFA_AFTER: usize = 256 << 10;

/// A compiled keyword set.
#[derive(Debug)]
pub struct Keywords {
    nfa: NFA,
    /// The same automaton laid out in one allocation: searched until the DFA exists.
    cnfa: aho_corasick::nfa::contiguous::NFA,
    dfa: OnceLock<DFA>,
    /// Bytes searched so far (until the DFA exists).
    searched: AtomicUsize,
    /// Length of the longest keyword.
    longest: usize,
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
        Keywords {
            nfa,
            cnfa,
            dfa: OnceLock::new(),
            searched: AtomicUsize::new(0),
            longest: keywords.iter().map(String::len).max().unwrap_or(1),
        }
    }

    /// The DFA, once enough bytes were searched to pay for it.
    fn dfa(&self, len: usize) -> Option<&DFA> {
        if let Some(dfa) = self.dfa.get() {
            return Some(dfa);
        }
        if self.searched.fetch_add(len, Ordering::Relaxed) + len < DFA_AFTER {
            return None;
        }
        Some(self.dfa.get_or_init(|| {
            DFA::builder()
                .start_kind(StartKind::Unanchored)
                .build_from_noncontiguous(&self.nfa)
                .expect("the NFA was built from plain literals")
        }))
    }

    /// Calls `found(keyword index, start offset)` for every occurrence in `hay`, overlapping
    /// ones included. The order is unspecified.
    pub fn find_all(&self, hay: &[u8], found: impl FnMut(usize, usize)) {
        match self.dfa(hay.len()) {
            Some(dfa) => Walk {
                aut: dfa,
                longest: self.longest,
            }
            .find_all(hay, found),
            None => Walk {
                aut: &self.cnfa,
                longest: self.longest,
            }
            .find_all(hay, found),
        }
    }
}

/// The search over one automaton (the DFA or the NFA: same states' meaning, same results).
struct Walk<'a, A> {
    aut: &'a A,
    longest: usize,
}

impl<A: Automaton> Walk<'_, A> {
    fn find_all(&self, hay: &[u8], mut found: impl FnMut(usize, usize)) {
        let aut = self.aut;
        let start = aut
            .start_state(Anchored::No)
            .expect("unanchored searches are supported");
        let overlap = self.longest - 1;
        let half = hay.len() / 2;
        if half < MIN_SPLIT_HALF.max(2 * overlap) {
            self.walk_from(hay, 0, 0, hay.len(), start, &mut found);
            return;
        }
        // First walker: hay[0..half]. Second: ends in hay[half..], reading from half - overlap.
        let second_from = half - overlap;
        let steps = half - overlap;
        let (mut s1, mut s2) = (start, start);
        let a = &hay[..steps];
        let b = &hay[second_from..second_from + steps];
        for (i, (&x, &y)) in a.iter().zip(b).enumerate() {
            s1 = aut.next_state(Anchored::No, s1, x);
            s2 = aut.next_state(Anchored::No, s2, y);
            if aut.is_special(s1) | aut.is_special(s2) {
                self.report(s1, i, 0, &mut found);
                self.report(s2, second_from + i, half, &mut found);
            }
        }
        self.walk_from(hay, steps, 0, half, s1, &mut found);
        self.walk_from(hay, second_from + steps, half, hay.len(), s2, &mut found);
    }

    /// Walks `hay[from..to]` from state `sid`, reporting occurrences that end at or after
    /// `report_from`.
    fn walk_from(
        &self,
        hay: &[u8],
        from: usize,
        report_from: usize,
        to: usize,
        mut sid: StateID,
        found: &mut impl FnMut(usize, usize),
    ) {
        for (i, &byte) in hay[from..to].iter().enumerate() {
            sid = self.aut.next_state(Anchored::No, sid, byte);
            if self.aut.is_special(sid) {
                self.report(sid, from + i, report_from, found);
            }
        }
    }

    /// Reports the keywords that end at `at` in state `sid`, if `at >= report_from`.
    fn report(
        &self,
        sid: StateID,
        at: usize,
        report_from: usize,
        found: &mut impl FnMut(usize, usize),
    ) {
        if at < report_from || !self.aut.is_match(sid) {
            return;
        }
        for i in 0..self.aut.match_len(sid) {
            let pattern = self.aut.match_pattern(sid, i);
            found(pattern.as_usize(), at + 1 - self.aut.pattern_len(pattern));
        }
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
        assert!(k.dfa.get().is_none(), "small inputs use the NFA");
        k.searched.store(DFA_AFTER, Ordering::Relaxed);
        let mut dfa = Vec::new();
        k.find_all(hay, |k, s| dfa.push((k, s)));
        assert!(
            k.dfa.get().is_some(),
            "the DFA is built once enough was searched"
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
        // A keyword at every offset around the split point, in blobs large enough to split.
        let ks = keywords(&["secret_access_key", "key", "cret", "a"]);
        for len in [1024, 1025, 1500, 4096, 4097] {
            for at in (len / 2 - 20)..(len / 2 + 4) {
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
