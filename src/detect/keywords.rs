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
//! The lockstep loop is a function of its own (inlined into the detector it kept its states on
//! the stack) whose dependency chain is one load per byte (session 15: 1,245 → 1,350 MB/s).
//! Narrower tables did not pay: `u16` state indices in rows of 64 (half the bytes) walked at
//! 1,225 MB/s, the shift back on the chain costing what the smaller table saved; the lines a
//! walk touches (~0.5 MB on the e2e corpus) already sit in L2, and the L1 misses (~9 % of steps
//! under cachegrind's simulation) were the same with either table.
//!
//! The table is built directly from the keywords (a trie, then failure links and the complete
//! transition function in one breadth-first pass): ~3,100 keywords make ~15,700 states and the
//! build takes ~6 ms (`cargo bench --bench detect -- keywords`), about what aho-corasick's NFA
//! took to build (the NFA served small scans until session 14, and the table was built from it
//! after 256 KiB, at ~150 M instructions more).

use std::ops::Range;

/// Parts shorter than this are not worth the split.
const MIN_SPLIT_PART: usize = 128;

/// Independent walks interleaved over the table.
const CHAINS: usize = 4;

/// A compiled keyword set.
#[derive(Debug)]
pub struct Keywords {
    table: Table,
    /// Length of the longest keyword.
    longest: usize,
}

impl Keywords {
    /// Compiles `keywords` (lower-case literals, at least one).
    pub fn new(keywords: &[String]) -> Self {
        // Byte classes: bytes that no keyword holds (in either case) are one class, and each
        // keyword byte's ASCII case pair is one class.
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
            table: Table::new(keywords, &classes, stride),
            longest: keywords.iter().map(String::len).max().unwrap_or(1),
        }
    }

    /// Calls `found(keyword index, start offset)` for every occurrence in `hay`, overlapping
    /// ones included. The order is unspecified.
    pub fn find_all(&self, hay: &[u8], mut found: impl FnMut(usize, usize)) {
        find_all(&self.table, hay, self.longest, &mut found)
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
    /// The Aho-Corasick DFA of `keywords` over byte classes, built directly: a trie, then
    /// failure links and the full transition function in one breadth-first pass (a missing
    /// edge of state `s` is the edge of `fail(s)`, already complete). Asking the NFA for each
    /// of the ~900,000 transitions, failure chains followed and states hashed, cost ~150 M
    /// instructions; this costs a few. The states and their matches are those of
    /// aho-corasick's automaton for the same keywords (`MatchKind::Standard`: a state's own
    /// keyword, then those of its failure state), so the walk reports the same occurrences.
    fn new(keywords: &[String], classes: &[u8; 256], stride: usize) -> Table {
        const NONE: u32 = u32::MAX;
        // Trie: goto[s * stride + class], the keywords ending at each state.
        let mut goto: Vec<u32> = vec![NONE; stride];
        let mut own: Vec<Vec<u32>> = vec![Vec::new()];
        for (k, word) in keywords.iter().enumerate() {
            let mut s = 0usize;
            for &b in word.as_bytes() {
                let at = s * stride + classes[b as usize] as usize;
                s = match goto[at] {
                    NONE => {
                        let new = own.len();
                        goto[at] = new as u32;
                        goto.extend(std::iter::repeat_n(NONE, stride));
                        own.push(Vec::new());
                        new
                    }
                    t => t as usize,
                };
            }
            own[s].push(k as u32);
        }
        let states = own.len();
        // Breadth-first: failure links, completed transitions, and each state's matches (its
        // own keywords, then its failure state's, which is shallower and so done).
        let mut fail = vec![0u32; states];
        let mut out: Vec<Vec<u32>> = vec![Vec::new(); states];
        let mut order = Vec::with_capacity(states);
        order.push(0u32);
        out[0] = own[0].clone();
        for edge in &mut goto[..stride] {
            match *edge {
                NONE => *edge = 0,
                t => order.push(t), // depth 1: fails to the root
            }
        }
        let mut i = 1;
        while i < order.len() {
            let s = order[i] as usize;
            let f = fail[s] as usize;
            let mut matches = std::mem::take(&mut own[s]);
            matches.extend_from_slice(&out[f]);
            out[s] = matches;
            for c in 0..stride {
                let at = s * stride + c;
                match goto[at] {
                    NONE => goto[at] = goto[f * stride + c],
                    t => {
                        fail[t as usize] = goto[f * stride + c];
                        order.push(t);
                    }
                }
            }
            i += 1;
        }
        debug_assert_eq!(order.len(), states);
        // Renumber: non-match states in breadth-first order, then match states.
        let (plain, matching): (Vec<u32>, Vec<u32>) =
            order.iter().partition(|&&s| out[s as usize].is_empty());
        let mut id = vec![0u32; states];
        for (new, &old) in plain.iter().chain(&matching).enumerate() {
            id[old as usize] =
                u32::try_from(new * stride).expect("keyword table fits in 32-bit ids");
        }
        let mut trans = Vec::with_capacity(states * stride);
        for &old in plain.iter().chain(&matching) {
            let old = old as usize;
            trans.extend(
                goto[old * stride..(old + 1) * stride]
                    .iter()
                    .map(|&n| id[n as usize]),
            );
        }
        let mut match_at = Vec::with_capacity(matching.len());
        let mut matches = Vec::new();
        for &old in &matching {
            let from = matches.len() as u32;
            matches.extend(
                out[old as usize]
                    .iter()
                    .map(|&k| (k, keywords[k as usize].len() as u32)),
            );
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
        // stride inside the table, and every class is below the stride. Every transition and
        // the start are values of `id`, so checking `id` checks them all (a division per
        // transition was a fifth of the build).
        let len = table.trans.len();
        assert!(
            table.trans.len() == states * stride
                && id
                    .iter()
                    .all(|&s| (s as usize).is_multiple_of(stride) && (s as usize) < len)
                && table.classes.iter().all(|&c| usize::from(c) < stride),
            "keyword table is consistent"
        );
        table
    }
}

impl Table {
    /// The start state. The walk holds states as `usize` (a `u32` loaded from the table is
    /// already zero-extended: no conversion on the chain of dependent loads).
    fn start(&self) -> usize {
        self.start as usize
    }

    /// The state after `byte`.
    #[inline(always)]
    fn step(&self, state: usize, byte: u8) -> usize {
        // The byte's column is computed off the chain of dependent loads, which is then the
        // load alone (`[column + state * 4]`, one addressing mode; `state + class` first put
        // an add on the chain).
        let class = self.classes[byte as usize] as usize;
        // SAFETY: `state` is a state of this table and classes are below the stride
        // (checked in `Table::new`), so `class + state < trans.len()`.
        unsafe { *self.trans.as_ptr().add(class).add(state) as usize }
    }

    /// Whether `state` is a match state.
    #[inline(always)]
    fn special(&self, state: usize) -> bool {
        state >= self.first_match as usize
    }

    /// Calls `found(keyword, length)` for each keyword ending in `state`.
    fn report(&self, state: usize, found: &mut impl FnMut(usize, usize)) {
        if !self.special(state) {
            return;
        }
        let m = &self.match_at[(state - self.first_match as usize) / self.stride as usize];
        for &(pattern, len) in &self.matches[m.start as usize..m.end as usize] {
            found(pattern as usize, len as usize);
        }
    }
}

/// Calls `found(keyword, start)` for every occurrence in `hay` of a keyword of `aut` (the
/// longest `longest` bytes long).
fn find_all(aut: &Table, hay: &[u8], longest: usize, found: &mut impl FnMut(usize, usize)) {
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
    let parts = from.map(|f| &hay[f..f + part]);
    let mut i = 0;
    while i < part {
        i = lockstep(aut, parts, &mut s, i);
        if i == part {
            break;
        }
        for j in 0..CHAINS {
            report_at(aut, s[j], from[j] + i, report[j], found);
        }
        i += 1;
    }
    for j in 0..CHAINS {
        walk_from(aut, hay, from[j] + part, report[j], to[j], s[j], found);
    }
}

/// Steps the four walks over `parts[j][at..]` in lockstep until one reaches a match state;
/// returns the offset of the byte that took it there, or the parts' length. A function of its
/// own, not inlined: inlined into the detector with the reporting closure, the loop ran out of
/// registers and kept states and part pointers on the stack, a store and a reload on each
/// chain per byte.
#[inline(never)]
fn lockstep(aut: &Table, parts: [&[u8]; CHAINS], s: &mut [usize; CHAINS], at: usize) -> usize {
    let [mut q0, mut q1, mut q2, mut q3] = *s;
    let len = parts[0].len();
    assert!(parts.iter().all(|p| p.len() == len));
    let [a, b, c, d] = parts.map(<[u8]>::as_ptr);
    let mut i = at;
    while i < len {
        // SAFETY: the four parts are `len` bytes long and `i < len`.
        unsafe {
            q0 = aut.step(q0, *a.add(i));
            q1 = aut.step(q1, *b.add(i));
            q2 = aut.step(q2, *c.add(i));
            q3 = aut.step(q3, *d.add(i));
        }
        if aut.special(q0) || aut.special(q1) || aut.special(q2) || aut.special(q3) {
            break;
        }
        i += 1;
    }
    *s = [q0, q1, q2, q3];
    i
}

/// Walks `hay[from..to]` from `state`, reporting occurrences that end at or after
/// `report_from`.
fn walk_from(
    aut: &Table,
    hay: &[u8],
    from: usize,
    report_from: usize,
    to: usize,
    mut state: usize,
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
fn report_at(
    aut: &Table,
    state: usize,
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

    /// The table's occurrences, sorted.
    fn ours(keywords: &[String], hay: &[u8]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        Keywords::new(keywords).find_all(hay, |k, s| found.push((k, s)));
        found.sort_unstable();
        found
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
        // A keyword at every offset around each split point (quarters for
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
    fn agrees_with_the_reference_on_the_built_in_keywords() {
        // Every keyword of the built-in rules (thousands, sharing prefixes and suffixes:
        // `pass`, `password`, `db_password`…), in text made of their pieces in both cases.
        let rules = crate::rules::load::builtin_all().unwrap();
        let mut ks: Vec<String> = rules
            .rules()
            .iter()
            .flat_map(|r| r.keywords.iter().cloned())
            .collect();
        ks.sort_unstable();
        ks.dedup();
        let mut hay = Vec::new();
        let mut x: u64 = 99;
        while hay.len() < 200_000 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let k = ks[(x >> 33) as usize % ks.len()].as_bytes();
            // A random piece of a keyword (a prefix, a suffix or all of it), sometimes upper-cased.
            let (a, b) = match (x >> 8) % 3 {
                0 => (0, k.len()),
                1 => (0, 1 + (x >> 12) as usize % k.len()),
                _ => ((x >> 12) as usize % k.len(), k.len()),
            };
            let upper = (x >> 20).is_multiple_of(4);
            hay.extend(
                k[a..b]
                    .iter()
                    .map(|c| if upper { c.to_ascii_uppercase() } else { *c }),
            );
            if (x >> 24).is_multiple_of(3) {
                hay.push(b" \n=_-."[(x >> 28) as usize % 6]);
            }
        }
        assert_eq!(ours(&ks, &hay), reference(&ks, &hay));
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
