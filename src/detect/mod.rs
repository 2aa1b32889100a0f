//! The detector: keyword prefilter → regex on bytes → secret group → entropy → stopword and
//! placeholder filters → overlap resolution.
//!
//! Takes `&[u8]` only: never sees paths, git or output. Imports only `rules`.

pub mod decode;
pub mod examples;
pub mod filter;
pub mod formats;
pub mod keywords;
pub mod literal;
pub mod names;
pub mod placeholder;

use crate::rules::{FileClass, NamedFile, RuleSet, Syntax};
use keywords::Keywords;
use regex_automata::Span;
use std::borrow::Cow;
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
    /// Byte range of the user name, when the rule captures one (connection strings).
    pub user: Option<Range<usize>>,
    /// Shannon entropy of the secret.
    pub entropy: f32,
    /// Set when the secret was found in decoded content: `span` and `secret` then both cover
    /// the encoded text in the scanned bytes, and this holds what was found inside it.
    pub decoded: Option<Box<Decoded>>,
}

/// A secret found in decoded content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The encoding peeled off (`base64`, `base64/base64` when nested).
    pub encoding: String,
    /// The decoded secret.
    pub secret: Vec<u8>,
    /// The decoded key name, when the rule captured one.
    pub key: Option<Vec<u8>>,
}

/// What the detector knows of the blob it scans (never its path): the syntax family of the
/// file, its class, and whether it is a credential file known by its name. Rules limited to
/// other syntaxes or to other named files do not run; in a limited class ([`ClassPolicy`]) only
/// provider rules do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// Syntax family.
    pub syntax: Syntax,
    /// File class.
    pub class: FileClass,
    /// The named credential file the blob is (`.erlang.cookie`, a MongoDB keyfile), if any.
    pub file: Option<NamedFile>,
}

impl Default for Scope {
    /// An ordinary file of unknown syntax: every rule runs.
    fn default() -> Self {
        Scope {
            syntax: Syntax::Other,
            class: FileClass::Normal,
            file: None,
        }
    }
}

/// What runs in a file of a given class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassLimit {
    /// Every rule, as in ordinary files.
    All,
    /// Only rules that recognise a format (provider tokens, connection strings, headers,
    /// credential files: medium or high confidence), not generic `name = value` rules.
    Provider,
    /// Nothing: the file is not scanned.
    Skip,
}

impl ClassLimit {
    /// Parses a configuration value (`all`, `provider`, `skip`).
    pub fn parse(s: &str) -> Option<ClassLimit> {
        match s {
            "all" => Some(ClassLimit::All),
            "provider" => Some(ClassLimit::Provider),
            "skip" => Some(ClassLimit::Skip),
            _ => None,
        }
    }
}

/// The limit for each [`FileClass`]. Default: provider rules only in lock files, source maps,
/// minified and vendored bundles and generated code; every rule elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassPolicy {
    limits: [ClassLimit; 6],
}

impl Default for ClassPolicy {
    fn default() -> Self {
        let mut limits = [ClassLimit::Provider; 6];
        limits[FileClass::Normal as usize] = ClassLimit::All;
        ClassPolicy { limits }
    }
}

impl ClassPolicy {
    /// The limit for `class`.
    pub fn limit(&self, class: FileClass) -> ClassLimit {
        self.limits[class as usize]
    }

    /// Sets the limit for `class` (ordinary files always run every rule).
    pub fn set(&mut self, class: FileClass, limit: ClassLimit) {
        if class != FileClass::Normal {
            self.limits[class as usize] = limit;
        }
    }
}

/// Compiled matcher over a rule set; cheap to share between threads.
#[derive(Debug)]
pub struct Detector {
    rules: Arc<RuleSet>,
    prefilter: Option<Keywords>,
    /// For each prefilter pattern, the rules it enables.
    keyword_rules: Vec<Vec<usize>>,
    /// Rules without keywords: always run.
    always: Vec<usize>,
    /// For each rule, the prefilter patterns of its keywords.
    rule_keywords: Vec<Vec<usize>>,
    /// What runs in each file class.
    policy: ClassPolicy,
    /// Token formats the rules know, for judging generic matches.
    formats: formats::KnownFormats,
    /// The reference detector ([`Detector::reference`]).
    reference: bool,
}

/// Per-thread scratch space, reused across blobs.
#[derive(Debug, Default)]
pub struct Scratch {
    enabled: Vec<bool>,
    seen_keyword: Vec<bool>,
    /// The keywords seen in this blob (to reset `seen_keyword` and `hits` without a pass over
    /// every keyword per blob).
    seen_list: Vec<usize>,
    active: Vec<usize>,
    matches: Vec<RawMatch>,
    /// Offsets of every keyword occurrence, by prefilter pattern.
    hits: Vec<Vec<usize>>,
    /// Search windows of the rule being run.
    windows: Vec<Range<usize>>,
    /// The windows around each keyword's occurrences in this blob, by keyword: its lines
    /// ([`window`]) and its line ([`line_window`]), computed for the first rule that needs
    /// them (rules share keywords: `pass` wakes 16) and reset with `hits`.
    keyword_windows: Vec<[Vec<Range<usize>>; 2]>,
    /// Which of `keyword_windows` are computed: bit 0 the lines, bit 1 the line.
    keyword_windows_done: Vec<u8>,
    /// Scratch of the next decoding level (base64 runs, unescaped lines), kept: a fresh one
    /// is a vector per rule and per keyword.
    nested: Option<Box<Scratch>>,
    /// Results of windowed rule runs by window content ([`Scratch::remember_windows`]).
    memo: Option<WindowMemo>,
}

impl Scratch {
    /// Remembers, for each windowed rule run, what it found by the exact bytes of its window,
    /// and answers a window seen before from memory, up to `budget` bytes of remembered
    /// windows (then it starts over). A rule's run on a window reads only the window, so the
    /// answer is the same (the oracle test holds either way). For history scans, where
    /// successive versions of a file share most of their lines.
    pub fn remember_windows(&mut self, budget: usize) {
        self.memo = Some(WindowMemo {
            budget,
            ..WindowMemo::default()
        });
    }
}

/// Windowed rule runs by (rule, window bytes): what each found, relative to the window. A run
/// that searched (its pre-check passed) is remembered at once; one the pre-check turned away is
/// cheap to repeat and is remembered on its second sighting: most windows of a history of
/// unique files never repeat, and storing each cost more than its run (+7 % CPU, +40 MB on
/// `benches/history.sh`).
#[derive(Debug, Default)]
struct WindowMemo {
    map: HashMap<Box<[u8]>, Box<[RawMatch]>, foldhash::fast::RandomState>,
    /// Hashes of the keys seen once (a collision only remembers a key early).
    once: std::collections::HashSet<u64, foldhash::fast::RandomState>,
    /// The key being looked up: the rule index, then the window's bytes.
    key: Vec<u8>,
    /// Bytes held: keys remembered, and 8 per key seen once.
    held: usize,
    budget: usize,
}

impl WindowMemo {
    /// Pushes what `run` finds in `hay[within]` (offsets into `hay`), remembered or run.
    /// `run` says whether it searched (rather than being turned away by the pre-check).
    fn run(
        &mut self,
        r: usize,
        hay: &[u8],
        within: Range<usize>,
        out: &mut Vec<RawMatch>,
        run: impl FnOnce(&mut Vec<RawMatch>) -> bool,
    ) {
        self.key.clear();
        self.key.extend_from_slice(&(r as u32).to_le_bytes());
        self.key.extend_from_slice(&hay[within.clone()]);
        let shift = |m: &RawMatch, by: isize| {
            let at = |x: usize| x.wrapping_add_signed(by);
            let range = |r: &Range<usize>| at(r.start)..at(r.end);
            RawMatch {
                span: range(&m.span),
                secret: range(&m.secret),
                key: m.key.as_ref().map(range),
                user: m.user.as_ref().map(range),
                ..m.clone()
            }
        };
        if let Some(found) = self.map.get(self.key.as_slice()) {
            out.extend(found.iter().map(|m| shift(m, within.start as isize)));
            return;
        }
        let before = out.len();
        let searched = run(out);
        let first_sighting = !searched
            && self.once.insert(std::hash::BuildHasher::hash_one(
                self.map.hasher(),
                self.key.as_slice(),
            ));
        let cost = if first_sighting { 8 } else { self.key.len() };
        if self.held + cost > self.budget {
            self.map.clear();
            self.once.clear();
            self.held = 0;
        }
        self.held += cost;
        if first_sighting {
            return;
        }
        let found = out[before..]
            .iter()
            .map(|m| shift(m, -(within.start as isize)))
            .collect();
        self.map.insert(self.key.as_slice().into(), found);
    }
}

/// Lines of context around a keyword occurrence searched by context rules.
const WINDOW_LINES: usize = 2;
/// Bytes of context at most on each side of a keyword occurrence (minified files have huge
/// lines).
const WINDOW_BYTES: usize = 2048;

/// The line of a keyword at `pos` with the line feeds before and after it, capped at
/// `WINDOW_BYTES` on each side (see `rules::load::keyword_on_match_line`).
fn line_window(hay: &[u8], pos: usize) -> Range<usize> {
    let lo = pos.saturating_sub(WINDOW_BYTES);
    let start = memchr::memrchr(b'\n', &hay[lo..pos]).map_or(lo, |i| lo + i);
    let hi = (pos + WINDOW_BYTES).min(hay.len());
    let end = memchr::memchr(b'\n', &hay[pos..hi]).map_or(hi, |i| pos + i + 1);
    start..end
}

/// Sorts windows and merges the overlapping ones, in place (no allocation on the hot path).
fn merge_windows(windows: &mut Vec<Range<usize>>) {
    windows.sort_unstable_by_key(|w| w.start);
    windows.dedup_by(|next, prev| {
        let overlaps = next.start <= prev.end;
        if overlaps {
            prev.end = prev.end.max(next.end);
        }
        overlaps
    });
}

/// The window around a keyword at `pos`: `WINDOW_LINES` whole lines on each side, capped at
/// `WINDOW_BYTES`.
fn window(hay: &[u8], pos: usize) -> Range<usize> {
    let lo = pos.saturating_sub(WINDOW_BYTES);
    let mut start = pos;
    let mut newlines = 0;
    while newlines <= WINDOW_LINES {
        match memchr::memrchr(b'\n', &hay[lo..start]) {
            Some(i) => {
                start = lo + i;
                newlines += 1;
            }
            None => {
                start = lo;
                break;
            }
        }
    }
    if newlines > WINDOW_LINES {
        start += 1; // begin just after the newline
    }
    let hi = (pos + WINDOW_BYTES).min(hay.len());
    let mut end = pos;
    let mut newlines = 0;
    while newlines <= WINDOW_LINES {
        match memchr::memchr(b'\n', &hay[end..hi]) {
            Some(i) => {
                end += i + 1;
                newlines += 1;
            }
            None => {
                end = hi;
                break;
            }
        }
    }
    start..end
}

impl Detector {
    /// Builds the prefilter over every rule's keywords.
    pub fn new(rules: Arc<RuleSet>) -> Self {
        let mut keyword_index: HashMap<String, usize> = HashMap::new();
        let mut keywords: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        let mut rule_keywords = vec![Vec::new(); rules.len()];
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
                rule_keywords[i].push(idx);
            }
        }
        let prefilter = if keywords.is_empty() {
            None
        } else {
            Some(Keywords::new(&keywords))
        };
        Detector {
            formats: formats::KnownFormats::new(&rules),
            rules,
            prefilter,
            keyword_rules,
            always,
            rule_keywords,
            policy: ClassPolicy::default(),
            reference: false,
        }
    }

    /// The test oracle for the search plan: every rule that applies runs its own pattern as
    /// written — no keyword automaton (keywords found by a plain substring search), no
    /// one-line windows, no relaxed repetitions, no pre-checks, no lazy compiles — with the
    /// same filters, decoding and overlap resolution ([`Detector::run_reference`]). What the
    /// plan changes is speed; the tests check that findings stay those of this detector. Slow.
    pub fn reference(rules: Arc<RuleSet>) -> Self {
        Detector {
            reference: true,
            ..Detector::new(rules)
        }
    }

    /// Sets what runs in each file class.
    pub fn with_policy(mut self, policy: ClassPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The file-class policy.
    pub fn policy(&self) -> &ClassPolicy {
        &self.policy
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
            seen_list: Vec::new(),
            active: Vec::new(),
            matches: Vec::new(),
            hits: vec![Vec::new(); self.keyword_rules.len()],
            windows: Vec::new(),
            keyword_windows: vec![[Vec::new(), Vec::new()]; self.keyword_rules.len()],
            keyword_windows_done: vec![0; self.keyword_rules.len()],
            nested: None,
            memo: None,
        }
    }

    /// Scans `hay` as a file of unknown syntax and returns the surviving matches, sorted by
    /// secret position.
    pub fn detect<'s>(&self, hay: &[u8], scratch: &'s mut Scratch) -> &'s [RawMatch] {
        self.detect_in(hay, Scope::default(), scratch)
    }

    /// Scans `hay` with the rules that apply in `scope`.
    pub fn detect_in<'s>(
        &self,
        hay: &[u8],
        scope: Scope,
        scratch: &'s mut Scratch,
    ) -> &'s [RawMatch] {
        let provider_only = match self.policy.limit(scope.class) {
            ClassLimit::Skip => {
                scratch.matches.clear();
                return &scratch.matches;
            }
            ClassLimit::Provider => true,
            ClassLimit::All => false,
        };
        let filter = RuleFilter {
            syntax: scope.syntax,
            file: scope.file,
            provider_only,
        };
        self.detect_at(hay, scratch, 0, filter)
    }

    fn detect_at<'s>(
        &self,
        hay: &[u8],
        scratch: &'s mut Scratch,
        depth: u8,
        filter: RuleFilter,
    ) -> &'s [RawMatch] {
        if scratch.enabled.len() != self.rules.len() {
            *scratch = self.scratch();
        }
        scratch.matches.clear();
        scratch.active.clear();
        scratch.active.extend_from_slice(&self.always);
        let lower = self.reference.then(|| hay.to_ascii_lowercase());
        if self.reference {
            scratch.active.clear();
            scratch.active.extend(0..self.rules.len());
        } else if let Some(keywords) = &self.prefilter {
            keywords.find_all(hay, |k, start| {
                if !scratch.seen_keyword[k] {
                    scratch.seen_keyword[k] = true;
                    scratch.seen_list.push(k);
                    for &r in &self.keyword_rules[k] {
                        if !scratch.enabled[r] {
                            scratch.enabled[r] = true;
                            scratch.active.push(r);
                        }
                    }
                }
                scratch.hits[k].push(start);
            });
        }
        for i in 0..scratch.active.len() {
            let r = scratch.active[i];
            scratch.enabled[r] = false;
            let rule = self.rules.get(r);
            if !rule.applies_in(filter.syntax)
                || !rule.runs_in_file(filter.file)
                || (filter.provider_only && !rule.recognises_a_format())
            {
                continue;
            }
            if let Some(lower) = &lower {
                self.run_reference(r, hay, lower, &mut scratch.matches);
            } else if rule.windowed {
                // The rule matches around its keyword (a prefix, a variable name, a URL
                // scheme…): search only the lines around each occurrence, not the whole blob;
                // only its line when every match contains a keyword.
                scratch.windows.clear();
                let kind = usize::from(rule.plan().line_window);
                for &k in &self.rule_keywords[r] {
                    if !scratch.seen_keyword[k] {
                        continue; // no occurrence (and nothing to reset after the blob)
                    }
                    let done = &mut scratch.keyword_windows_done[k];
                    let cached = &mut scratch.keyword_windows[k][kind];
                    if *done & (1 << kind) == 0 {
                        *done |= 1 << kind;
                        cached.clear();
                        let hits = scratch.hits[k].iter();
                        if kind == 1 {
                            cached.extend(hits.map(|&p| line_window(hay, p)));
                        } else {
                            cached.extend(hits.map(|&p| window(hay, p)));
                        }
                    }
                    scratch.windows.extend_from_slice(cached);
                }
                merge_windows(&mut scratch.windows);
                for w in 0..scratch.windows.len() {
                    let within = scratch.windows[w].clone();
                    match &mut scratch.memo {
                        Some(memo) => {
                            memo.run(r, hay, within.clone(), &mut scratch.matches, |out| {
                                self.run_rule(r, hay, within, out)
                            })
                        }
                        None => {
                            self.run_rule(r, hay, within, &mut scratch.matches);
                        }
                    }
                }
            } else {
                self.run_rule(r, hay, 0..hay.len(), &mut scratch.matches);
            }
        }
        for k in scratch.seen_list.drain(..) {
            scratch.seen_keyword[k] = false;
            scratch.hits[k].clear();
            scratch.keyword_windows_done[k] = 0;
        }
        if depth < decode::MAX_DEPTH {
            let Scratch {
                matches, nested, ..
            } = scratch;
            // What is decoded or unescaped is a line of text, not the named file itself.
            let filter = RuleFilter {
                file: None,
                ..filter
            };
            self.detect_encoded(hay, depth, filter, matches, nested);
            // Character references stand for quotes in markup, XML and documentation.
            if !matches!(filter.syntax, Syntax::Code | Syntax::Config | Syntax::Shell) {
                self.detect_unescaped(hay, depth, filter, matches, nested);
            }
        }
        resolve_overlaps(&self.rules, &mut scratch.matches);
        &scratch.matches
    }

    /// Decodes the base64 runs of `hay` and scans each one's line with the run replaced by its
    /// decoded text; matches that touch the decoded text are reported at the encoded run.
    fn detect_encoded(
        &self,
        hay: &[u8],
        depth: u8,
        filter: RuleFilter,
        out: &mut Vec<RawMatch>,
        nested: &mut Option<Box<Scratch>>,
    ) {
        let runs = decode::runs(hay);
        if runs.is_empty() {
            return;
        }
        let scratch = nested.get_or_insert_with(|| Box::new(self.scratch()));
        let mut text = Vec::new();
        for run in runs {
            let line_start = memchr::memrchr(b'\n', &hay[..run.range.start]).map_or(0, |i| i + 1);
            let line_end = memchr::memchr(b'\n', &hay[run.range.end..])
                .map_or(hay.len(), |i| run.range.end + i);
            text.clear();
            text.extend_from_slice(&hay[line_start..run.range.start]);
            let inner = text.len()..text.len() + run.decoded.len();
            text.extend_from_slice(&run.decoded);
            text.extend_from_slice(&hay[run.range.end..line_end]);
            for m in self.detect_at(&text, scratch, depth + 1, filter) {
                if m.secret.end <= inner.start || m.secret.start >= inner.end {
                    continue; // outside the decoded text: the plain scan reports it
                }
                let decoded = match &m.decoded {
                    Some(d) => Decoded {
                        encoding: format!("base64/{}", d.encoding),
                        ..(**d).clone()
                    },
                    None => Decoded {
                        encoding: "base64".to_string(),
                        secret: text[m.secret.clone()].to_vec(),
                        key: m.key.clone().map(|k| text[k].to_vec()),
                    },
                };
                out.push(RawMatch {
                    rule: m.rule,
                    span: run.range.clone(),
                    secret: run.range.clone(),
                    key: None,
                    user: None,
                    entropy: m.entropy,
                    decoded: Some(Box::new(decoded)),
                });
            }
        }
    }

    /// Rescans lines whose quotes are written as character references (`&quot;…&quot;` in
    /// markup) with the references unescaped. A secret that appears as written in the line is
    /// reported there; one that spans a reference is reported at the line, as decoded (`html`).
    fn detect_unescaped(
        &self,
        hay: &[u8],
        depth: u8,
        filter: RuleFilter,
        out: &mut Vec<RawMatch>,
        nested: &mut Option<Box<Scratch>>,
    ) {
        let lines = decode::entity_lines(hay);
        if lines.is_empty() {
            return;
        }
        let scratch = nested.get_or_insert_with(|| Box::new(self.scratch()));
        for (line, text) in lines {
            let orig = &hay[line.clone()];
            for m in self.detect_at(&text, scratch, depth + 1, filter) {
                if m.decoded.is_some() {
                    continue;
                }
                let secret = &text[m.secret.clone()];
                let at = memchr::memmem::find(orig, secret).map(|i| line.start + i);
                let already = out.iter().any(|o| {
                    o.rule == m.rule && at.is_some_and(|a| o.secret == (a..a + secret.len()))
                });
                if already {
                    continue;
                }
                // Where the secret stands as written; else the whole line.
                let place = at.map_or(line.clone(), |a| a..a + secret.len());
                out.push(RawMatch {
                    rule: m.rule,
                    span: place.clone(),
                    secret: place,
                    key: None,
                    user: None,
                    entropy: m.entropy,
                    decoded: Some(Box::new(Decoded {
                        encoding: "html".to_string(),
                        secret: secret.to_vec(),
                        key: m.key.clone().map(|k| text[k].to_vec()),
                    })),
                });
            }
        }
    }

    /// The reference detector's run of rule `r`: its pattern as written, over the whole blob,
    /// or, for a rule with keywords, over the lines around each keyword occurrence found by a
    /// plain substring search of the lower-cased blob (the windows are the rule's meaning: a
    /// rule may match near its keywords without containing one).
    fn run_reference(&self, r: usize, hay: &[u8], lower: &[u8], out: &mut Vec<RawMatch>) {
        let rule = self.rules.get(r);
        if !rule.windowed {
            self.collect(r, rule.exact(), hay, 0..hay.len(), out);
            return;
        }
        let mut windows: Vec<Range<usize>> = rule
            .keywords
            .iter()
            .flat_map(|k| memchr::memmem::find_iter(lower, k.as_bytes()))
            .map(|p| window(hay, p))
            .collect();
        merge_windows(&mut windows);
        for w in windows {
            self.collect(r, rule.exact(), hay, w, out);
        }
    }

    /// Runs rule `r` on `hay[within]`; reported ranges are offsets into `hay`. False when the
    /// pre-check turned the window away (nothing searched).
    fn run_rule(
        &self,
        r: usize,
        hay: &[u8],
        within: Range<usize>,
        out: &mut Vec<RawMatch>,
    ) -> bool {
        let rule = self.rules.get(r);
        let hay_in = &hay[within.clone()];
        if !rule.may_match(hay_in) {
            return false;
        }
        // Most searched windows hold no match: a plain match test answers them without the
        // capture search's set-up (its slots are allocated per call).
        if !rule.search().is_match(hay_in) {
            return true;
        }
        let before = out.len();
        if !self.collect(r, rule.search(), hay, within.clone(), out) {
            // A match of the relaxed search broke the rule's length bounds: the rule's own
            // pattern may match differently here (a bounded prefix of a long run, say).
            out.truncate(before);
            self.collect(r, rule.exact(), hay, within, out);
        }
        true
    }

    /// Pushes `regex`'s matches in `hay_in` that pass rule `r`'s filters, at offsets shifted by
    /// `base`. False, after pushing what it found, if a secret or key was longer than the rule
    /// allows.
    fn collect(
        &self,
        r: usize,
        regex: &crate::rules::Regex,
        hay: &[u8],
        within: Range<usize>,
        out: &mut Vec<RawMatch>,
    ) -> bool {
        let base = within.start;
        let hay_in = &hay[within];
        let rule = self.rules.get(r);
        let plan = rule.plan();
        let shift = |m: Span| (m.start + base)..(m.end + base);
        let mut within_bounds = true;
        for caps in regex.captures_iter(hay_in) {
            let Some(secret) = caps.get_group(rule.secret_group) else {
                continue;
            };
            let key = rule.key_group.and_then(|g| caps.get_group(g));
            let text = |s: Span| &hay_in[s.range()];
            if plan.secret_max_len.is_some_and(|n| secret.len() > n)
                || plan
                    .secret_exact()
                    .is_some_and(|exact| !exact.is_match(text(secret)))
                || plan
                    .key_max_len
                    .is_some_and(|n| key.is_some_and(|k| k.len() > n))
            {
                within_bounds = false;
                continue;
            }
            if secret.is_empty() {
                continue;
            }
            // A generic value that runs on into a query string (`hh5s93j4&oauth_verifier=…`)
            // ends at the `&` that starts the next parameter.
            let secret_range = match rule.generic.then(|| query_continuation(text(secret))) {
                Some(Some(i)) if i > 0 => secret.start..secret.start + i,
                _ => secret.range(),
            };
            let value = &hay_in[secret_range.clone()];
            let entropy = filter::shannon_entropy(value);
            let verified = rule.checksum.is_some_and(|c| c.verify(value));
            if !verified
                && rule
                    .checksum
                    .is_some_and(|c| c.required() || rule.strict_checksum)
            {
                continue;
            }
            if !verified {
                if rule.min_entropy.is_some_and(|min| entropy < min) {
                    continue;
                }
                if filter::has_stopword(value, &rule.stopwords) || filter::is_placeholder(value) {
                    continue;
                }
            }
            if rule.sensitive_key && !key.is_some_and(|k| filter::key_names_secret(text(k))) {
                continue;
            }
            if rule.sensitive_key
                && let Some(k) = key
                && not_an_assignment(hay_in, k.range(), secret.start, value)
            {
                continue;
            }
            if rule.label_check
                && let Some(k) = key
                && names::labels_a_property(
                    text(k),
                    hay_in.get(k.end..secret.start).unwrap_or_default(),
                )
            {
                continue;
            }
            // `--next-token …`, `--idempotency-token …`: a token-like name that is no credential
            // (rules that do not ask the key to name a secret take any such name).
            if rule.generic
                && !rule.sensitive_key
                && key.is_some_and(|k| names::names_a_non_secret_token(text(k)))
            {
                continue;
            }
            if rule.generic && literal::is_empty_basic_auth(value) {
                continue;
            }
            // `github_token=github_token`, `"password": "PASSWORD"`: the name repeated as its
            // own value stands in for the value a test or template fills in.
            if rule.generic && key.is_some_and(|k| same_name(text(k), value)) {
                continue;
            }
            // (Rules with `literal_value` get the code check in `is_literal_value` below.)
            if rule.generic && !rule.literal_value && literal::is_code_text(value) {
                continue;
            }
            // A near miss of a format a provider rule or service row knows: not a credential.
            // The service may be named by the key, elsewhere on the line before the value
            // (`bitfinex secret: …`), or by the section or parent keys that hold it.
            if rule.generic {
                let pos = base + secret_range.start;
                let parents = parent_keys(hay, pos);
                // Under a SealedSecret's `encryptedData` (Bitnami sealed-secrets): ciphertext
                // only the cluster's controller opens, made to be committed.
                if parents
                    .as_deref()
                    .is_some_and(|p| p.split(|b| *b == b' ').any(|w| w == b"encryptedData"))
                {
                    continue;
                }
                // An unquoted value that ends where its quoted container does
                // (`"…?apiKey=AbC…"`): the format is judged without the container's quote.
                let token = &value[..value.len() - unmatched_closing_quote(value)];
                if formats::shape_slip(token, key.map(text)) {
                    continue;
                }
                // A value whose exact format a service named around it documents is that
                // service's token, whatever the value-only checks say (Cloudflare's global key
                // is 37 hex digits: an odd length, which elsewhere marks a cut hex string).
                let texts = naming_texts(hay, pos, key.map(text), parents);
                let named = self.formats.named_verdict(&texts, token);
                if named != Some(true) && (named == Some(false) || self.formats.near_miss(token)) {
                    continue;
                }
            }
            // A provider token whose body (after the rule's prefix) holds one slip (`sk_live_` +
            // 64 hex with a `y`, one capital in a lower-case body): the rule's wider alphabet
            // let through what random text almost never shows; a copy with a typo, or a decoy.
            if !rule.generic && !verified && formats::slipped_body(value, &rule.prefixes) {
                continue;
            }
            // A JWT with no payload, or a payload or signature outside base64url, or one that runs
            // on past the match (a `+` inside a segment, a fourth segment): a corrupted copy or a
            // decoy, by whichever rule found it.
            if !verified && formats::broken_jwt(value) {
                continue;
            }
            if formats::jwt_runs_on(value, &hay_in[secret_range.end..]) {
                continue;
            }
            // A value cut short by a mask (`SG.abc….***…0Ioj`, `ghp_12AB****`): the part a
            // pattern stops at is not the credential, and the rest was never written.
            if hay_in[secret_range.end..].starts_with(b"***")
                || hay_in[..secret_range.start].ends_with(b"***")
            {
                continue;
            }
            // Values a person built to look random (alphabet runs, count-downs, alternations,
            // repeated blocks), where only a name says what the value is: generic rules and
            // service rows. Provider rules with a token format of their own keep them: the
            // providers' documented test tokens hold such runs.
            if (rule.generic || rule.label_check) && !verified && placeholder::is_built(value) {
                continue;
            }
            // …and a provider format's body that is mostly built (issue 14, item 4).
            if !verified && placeholder::is_built_token(value, &rule.prefixes) {
                continue;
            }
            if !rule.reports_password_hashes() && filter::is_password_hash(value) {
                continue;
            }
            if rule.literal_value && !filter::is_literal_value(hay_in, secret_range.clone()) {
                continue;
            }
            let whole = caps.get_match().expect("a match").span();
            out.push(RawMatch {
                rule: r,
                span: shift(whole),
                secret: (secret_range.start + base)..(secret_range.end + base),
                key: key.map(shift),
                user: rule.user_group.and_then(|g| caps.get_group(g)).map(shift),
                entropy,
                decoded: None,
            });
        }
        within_bounds
    }
}

/// The texts that may name the service a value at `pos` belongs to, for the near-miss check:
/// its key, the line before the value, and the INI/TOML section and YAML/JSON parent keys that
/// hold it (`parents`: [`parent_keys`] of `pos`, which the caller has already looked at).
fn naming_texts<'h>(
    hay: &'h [u8],
    pos: usize,
    key: Option<&'h [u8]>,
    parents: Option<Vec<u8>>,
) -> Vec<Cow<'h, [u8]>> {
    let mut texts: Vec<Cow<'h, [u8]>> = key.into_iter().map(Cow::Borrowed).collect();
    texts.push(Cow::Borrowed(line_before(hay, pos)));
    texts.extend(section_name(hay, pos).map(Cow::Borrowed));
    texts.extend(parents.map(Cow::Owned));
    texts
}

/// The text of the line before `pos`, at most 160 bytes of it (a minified line names nothing
/// useful further back).
fn line_before(hay: &[u8], pos: usize) -> &[u8] {
    let from = pos.saturating_sub(160);
    let start = memchr::memrchr(b'\n', &hay[from..pos]).map_or(from, |i| from + i + 1);
    &hay[start..pos]
}

/// The name of the INI/TOML section (`[vultr]`, `[servers.binance]`) that holds `pos`: the
/// nearest line before it, within 2 KB, that is a bracketed name alone.
fn section_name(hay: &[u8], pos: usize) -> Option<&[u8]> {
    let from = pos.saturating_sub(2048);
    let mut end = memchr::memrchr(b'\n', &hay[from..pos]).map(|i| from + i)?;
    while end > from {
        let start = memchr::memrchr(b'\n', &hay[from..end]).map_or(from, |i| from + i + 1);
        let line = hay[start..end].trim_ascii();
        if line.len() > 2 && line[0] == b'[' && line[line.len() - 1] == b']' {
            let name = &line[1..line.len() - 1];
            return name
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b' ' | b'"'))
                .then_some(name);
        }
        if start == from {
            break;
        }
        end = start - 1;
    }
    None
}

/// The keys of the YAML mappings or JSON objects that hold the line of `pos` (`twitter:` then
/// `  api:` then `    secret: …`; `"travis": {` then `"apiKey": …`), nearest first, joined by
/// spaces: each line before it, within 2 KB, that is indented less than the last one found and
/// holds only a key and `:` (and `{`). None when there is none.
fn parent_keys(hay: &[u8], pos: usize) -> Option<Vec<u8>> {
    let from = pos.saturating_sub(2048);
    let line_start = memchr::memrchr(b'\n', &hay[from..pos]).map_or(from, |i| from + i + 1);
    let indent = |line: &[u8]| {
        line.iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count()
    };
    let mut depth = indent(&hay[line_start..pos]);
    if depth == 0 || line_start == from {
        return None;
    }
    let mut names = Vec::new();
    let mut end = line_start - 1;
    while end > from && depth > 0 {
        let start = memchr::memrchr(b'\n', &hay[from..end]).map_or(from, |i| from + i + 1);
        let line = &hay[start..end];
        let d = indent(line);
        let text = line[d..].trim_ascii_end();
        if d < depth && !text.is_empty() {
            let text = text.strip_suffix(b"{").unwrap_or(text).trim_ascii_end();
            let Some(key) = text.strip_suffix(b":") else {
                break; // a line of another shape: not a mapping's key
            };
            let key = key.trim_ascii();
            let key = key
                .strip_prefix(b"\"")
                .and_then(|k| k.strip_suffix(b"\""))
                .unwrap_or(key);
            if key.is_empty()
                || !key
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            {
                break;
            }
            if !names.is_empty() {
                names.push(b' ');
            }
            names.extend_from_slice(key);
            depth = d;
        }
        if start == from {
            break;
        }
        end = start - 1;
    }
    (!names.is_empty()).then_some(names)
}

/// Whether the text from a key to its value is not an assignment of the value to the key:
/// - an argument list or tuple (`("auth", "0011_update_proxy_permissions")`): a quoted name, a
///   comma and a value count only when the name says more than `auth` or `token` and the value
///   does not read as an argument (a description, a plain word, a path);
/// - a match arm or enum mapping (an unquoted capitalised name before `=>`, as in Rust's
///   `Variant => b"…"`).
fn not_an_assignment(hay: &[u8], key: Range<usize>, value_start: usize, value: &[u8]) -> bool {
    if key.end > value_start {
        return false; // the key follows the value (a rule's own layout)
    }
    let quoted = key
        .start
        .checked_sub(1)
        .is_some_and(|i| matches!(hay[i], b'"' | b'\'' | b'`'));
    let argument = is_argument_form(&hay[key.end..value_start])
        && !is_tuple_pair(hay, key.start)
        && (!names::argument_names_secret(&hay[key.clone()])
            || !quoted
            || literal::is_argument_value(value));
    argument || is_match_arm(hay, key, value_start)
}

/// Whether `value` is the name `key` (or its last dotted part) again, compared as letters and
/// digits without case (`GITHUB_TOKEN` and `github-token`).
fn same_name(key: &[u8], value: &[u8]) -> bool {
    let norm = |s: &[u8]| -> Vec<u8> {
        s.iter()
            .filter(|b| b.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase)
            .collect()
    };
    let v = norm(value);
    let last = key.rsplit(|&b| b == b'.').next().unwrap_or(key);
    v.len() >= 4 && (v == norm(key) || v == norm(last))
}

/// 1 when `value` ends with a quote character that occurs nowhere else in it (the closing
/// quote of the string the value sits in), else 0.
fn unmatched_closing_quote(value: &[u8]) -> usize {
    match value.split_last() {
        Some((&q, rest)) if matches!(q, b'"' | b'\'' | b'`') && !rest.is_empty() => {
            usize::from(!rest.contains(&q))
        }
        _ => 0,
    }
}

/// Where a query string's next parameter (`&name=`) starts in a value, if it does.
fn query_continuation(value: &[u8]) -> Option<usize> {
    static NEXT_PARAM: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(r"&[A-Za-z_][A-Za-z0-9_]*=").expect("static regex")
    });
    NEXT_PARAM.find(value).map(|m| m.start())
}

/// Whether the bytes between a key and its value are an argument separator (`", "`), not an
/// assignment operator.
fn is_argument_form(between: &[u8]) -> bool {
    between.contains(&b',') && !between.iter().any(|b| matches!(b, b'=' | b':' | b'('))
}

/// Whether the key at `key_start` opens a brace tuple (`{api_key, "…"}` in an Erlang
/// sys.config, `{:password, "…"}` in Elixir): a name and its value, not a call's arguments.
fn is_tuple_pair(hay: &[u8], key_start: usize) -> bool {
    let before = hay[..key_start]
        .iter()
        .rev()
        .copied()
        .skip_while(|b| matches!(b, b':' | b'\''))
        .find(|b| !matches!(b, b' ' | b'\t'));
    before == Some(b'{')
}

/// Whether `key` is an unquoted capitalised name followed by `=>`: a match arm (`Variant =>
/// …`) rather than a hash entry (`'password' => …`, `:password => …`).
fn is_match_arm(hay: &[u8], key: Range<usize>, value_start: usize) -> bool {
    let before = key.start.checked_sub(1).map(|i| hay[i]);
    let quoted_or_symbol = before.is_some_and(|b| matches!(b, b'"' | b'\'' | b'`' | b':' | b'$'));
    !quoted_or_symbol
        && hay[key.start].is_ascii_uppercase()
        && memchr::memmem::find(&hay[key.end..value_start], b"=>").is_some()
}

/// Which rules run on a blob.
#[derive(Debug, Clone, Copy)]
struct RuleFilter {
    syntax: Syntax,
    file: Option<NamedFile>,
    provider_only: bool,
}

/// Sorts matches and drops duplicates: the same secret found by one rule twice, generic
/// (context-only) matches whose secret overlaps a provider rule's secret, and provider matches
/// on exactly the secret of an earlier-loaded provider rule.
fn resolve_overlaps(rules: &RuleSet, matches: &mut Vec<RawMatch>) {
    if matches.len() < 2 {
        return;
    }
    // A match inside decoded content sorts before the plain match of the same rule on the
    // same encoded text, so that deduplication keeps what was found inside.
    matches.sort_by(|a, b| {
        (a.secret.start, a.secret.end, a.rule, a.decoded.is_none()).cmp(&(
            b.secret.start,
            b.secret.end,
            b.rule,
            b.decoded.is_none(),
        ))
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
                // Two context rules on the same value: keep the first (longer/earlier) one,
                // unless only the second looked inside the encoded value.
                if matches[j].decoded.is_some() && matches[i].decoded.is_none() {
                    keep[i] = false;
                } else {
                    keep[j] = false;
                }
            } else if matches[i].secret == matches[j].secret
                && matches[i].decoded.is_some() == matches[j].decoded.is_some()
            {
                // Two provider rules on exactly the same secret (a current format and the
                // looser legacy one): one secret, reported once, by the rule loaded first.
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
    fn a_value_that_repeats_its_name_is_no_secret() {
        assert!(same_name(b"github_token", b"github_token"));
        assert!(same_name(b"GITHUB_TOKEN", b"github-token"));
        assert!(same_name(b"auth.password", b"PASSWORD"));
        assert!(!same_name(b"github_token", b"ghx_github_token_9f2"));
        assert!(!same_name(b"pw", b"pw"));
    }

    #[test]
    fn a_closing_quote_alone_at_the_end_is_the_container_s() {
        assert_eq!(unmatched_closing_quote(b"JYln9uJySP1y9dQqWu\""), 1);
        assert_eq!(unmatched_closing_quote(b"abc'"), 1);
        // Quoted inside, or nothing but the quote: the value's own.
        assert_eq!(unmatched_closing_quote(b"a\"bc\""), 0);
        assert_eq!(unmatched_closing_quote(b"\""), 0);
        assert_eq!(unmatched_closing_quote(b"abc"), 0);
    }

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
    fn named_file_rules_run_only_in_their_files() {
        let d = detector(
            r#"
[[rules]]
id = "e.cookie-file"
name = "cookie file"
category = "cryptographic-key"
tier = "high"
files = ["erlang-cookie"]
keywords = []
pattern = '\A\s*(?P<secret>[A-Z]{20})\s*\z'
examples = ["QWERTZUIOPASDFGHJKLY"]
"#,
        );
        let mut s = d.scratch();
        let hay = b"QCTFKBNTAYPPUSXZGHSG\n";
        let cookie = Scope {
            file: Some(NamedFile::ErlangCookie),
            ..Scope::default()
        };
        assert_eq!(d.detect_in(hay, cookie, &mut s).len(), 1);
        // the same content in any other file, or in another named file, is nothing
        assert!(d.detect(hay, &mut s).is_empty());
        let keyfile = Scope {
            file: Some(NamedFile::MongodbKeyfile),
            ..Scope::default()
        };
        assert!(d.detect_in(hay, keyfile, &mut s).is_empty());
        // nor is it found again inside what the named file's content decodes to
        let encoded = b"UUNURktCTlRBWVBQVVNYWkdIU0c=\n";
        assert!(d.detect_in(encoded, cookie, &mut s).is_empty());
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
    fn windows_cover_lines_around_the_keyword() {
        let hay = b"l1\nl2\nl3\nl4 token here\nl5\nl6\nl7\n";
        let pos = memchr::memmem::find(hay, b"token").unwrap();
        let w = window(hay, pos);
        assert_eq!(&hay[w], b"l2\nl3\nl4 token here\nl5\nl6\n");
        let w = line_window(hay, pos);
        assert_eq!(&hay[w], b"\nl4 token here\n");
        assert_eq!(line_window(b"token", 0), 0..5);
        let w = window(b"token", 0);
        assert_eq!(w, 0..5);
        let long = vec![b'a'; 10_000];
        assert_eq!(
            line_window(&long, 5000),
            (5000 - WINDOW_BYTES)..(5000 + WINDOW_BYTES)
        );
        let w = window(&long, 5000);
        assert_eq!(w, (5000 - WINDOW_BYTES)..(5000 + WINDOW_BYTES));
    }

    #[test]
    fn remembered_windows_answer_as_a_fresh_search_would() {
        let d = detector(RULES);
        let blob = |first: &str, secret: &str| {
            format!(
                "{first}\nx = 1\ny = 2\nz = 3\nw = 4\napi_token = \"{secret}\"\nq = ptok_a8Fk2LmQ9xZr4TbW\n"
            )
        };
        // Successive versions of a file: a new first line (every offset moves), then a
        // changed value in a remembered window, then the first version again. A budget of one
        // window also exercises the memo starting over.
        let versions = [
            blob("v1", "Qm9vZ2xlLUFQSS1r"),
            blob("version two", "Qm9vZ2xlLUFQSS1r"),
            blob("version two", "Zk2pQ7vR1xT9sW4e"),
            blob("v1", "Qm9vZ2xlLUFQSS1r"),
        ];
        for budget in [16 << 20, 8] {
            let mut memo = d.scratch();
            memo.remember_windows(budget);
            for v in &versions {
                let fresh = d.detect(v.as_bytes(), &mut d.scratch()).to_vec();
                assert_eq!(fresh.len(), 2, "{v}");
                assert_eq!(d.detect(v.as_bytes(), &mut memo), fresh, "{v}");
            }
            let held = memo.memo.as_ref().unwrap();
            assert!(
                held.held <= budget || held.map.len() == 1,
                "the memo keeps to its budget"
            );
        }
    }

    #[test]
    fn keyword_windows_shared_by_rules_are_fresh_in_every_blob() {
        // Two rules share `secret` and take different windows (the line; the lines around);
        // the second also has `passwd`, absent from the first blob: its windows must not
        // carry over to the next blob through the scratch that the rules share.
        let d = detector(
            r#"
[[rules]]
id = "line.secret"
name = "Line"
category = "generic-secret"
tier = "medium"
keywords = ["secret"]
pattern = '''secret=(?P<secret>[a-z0-9]{12})'''
examples = ["secret=abcdefgh1234"]

[[rules]]
id = "lines.secret"
name = "Lines"
category = "generic-secret"
tier = "medium"
keywords = ["secret", "passwd"]
pattern = '''(?:secret|passwd)\s*:\s*(?P<secret>[A-Z0-9]{12})'''
examples = ["passwd: ABCDEFGH1234"]
"#,
        );
        let mut shared = d.scratch();
        let blobs = [
            "a\nsecret=k3j4h5g6f7d8\nb\n",
            "x\npasswd:\n  Q7W8E9R0T1Y2\n1\n2\n3\n4\nsecret=z9x8c7v6b5n4\n",
            "passwd: P0O9I8U7Y6T5\nsecret:\nM1N2B3V4C5X6\n",
        ];
        for blob in blobs {
            let fresh = d.detect(blob.as_bytes(), &mut d.scratch()).to_vec();
            assert!(!fresh.is_empty(), "{blob}");
            assert_eq!(d.detect(blob.as_bytes(), &mut shared), fresh, "{blob}");
        }
    }

    #[test]
    fn context_rule_matches_far_from_the_start_of_a_blob() {
        let d = detector(RULES);
        let mut s = d.scratch();
        let mut hay = "x = 1\n".repeat(5000).into_bytes();
        hay.extend_from_slice(b"db_token = 'Zq8!mPw2x'\n"); // vaultsweep:allow
        hay.extend_from_slice(&"y = 2\n".repeat(100).into_bytes());
        let m = d.detect(&hay, &mut s).to_vec();
        assert_eq!(m.len(), 1);
        assert_eq!(&hay[m[0].secret.clone()], b"Zq8!mPw2x");
    }

    #[test]
    fn key_group_is_reported() {
        let d = detector(RULES);
        let mut s = d.scratch();
        let hay = b"DB_TOKEN = 'Zq8!mPw2'"; // vaultsweep:allow
        let m = d.detect(hay, &mut s).to_vec();
        assert_eq!(&hay[m[0].key.clone().unwrap()], b"DB_TOKEN");
    }

    /// A `[[rules]]` table for a test rule of category api-key, tier high.
    fn rule(id: &str, keyword: &str, pattern: &str, example: &str) -> String {
        format!(
            "[[rules]]\nid = \"{id}\"\nname = \"{id}\"\ncategory = \"api-key\"\ntier = \"high\"\n\
             keywords = [\"{keyword}\"]\npattern = '{pattern}'\nexamples = [\"{example}\"]\n"
        )
    }

    #[test]
    fn relaxed_search_keeps_the_rules_bounds() {
        let d = detector(
            &(rule("p.run", "ab", "(?P<secret>AB[A-Z]{8,40})", "ABCDEFGHIJ")
                + &rule(
                    "p.key",
                    "tok",
                    "tok=(?P<secret>[a-z0-9]{4,60})(?:;|$)",
                    "tok=abcd1234",
                )),
        );
        let mut s = d.scratch();
        // Unanchored: the pattern takes the first 42 bytes of a longer run, as its own
        // `{8,40}` does, although the search runs `{8,}`.
        let hay = format!("x AB{} y", "QWERTYUIOPASDFGHJKLZ".repeat(5));
        let m = d.detect(hay.as_bytes(), &mut s).to_vec();
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].secret.len(), 42);
        // Anchored: a value over the bound is no match, one within it is.
        let long = format!("tok={};", "a1".repeat(31));
        assert!(d.detect(long.as_bytes(), &mut s).is_empty());
        let ok = "tok=k3x9q2m7w4r8t1y6u0p5z2n8b4v7c1h9j3g6f0d5s2a8l4e7i1o9k2w5m8q3";
        assert_eq!(d.detect(ok.as_bytes(), &mut s).len(), 1);
    }

    #[test]
    fn two_provider_rules_on_one_secret_report_it_once() {
        let d = detector(
            &(rule(
                "p.new",
                "tk-",
                r"\b(tk-[0-9]{6}-[a-f0-9]{16})\b",
                "tk-583921-4b7e1a9c3f0d2e6b",
            ) + &rule(
                "p.legacy",
                "tk-",
                r"\b(tk-[0-9]{4,8}-[a-f0-9]{10,40})\b",
                "tk-5839-4b7e1a9c3f",
            )),
        );
        let mut s = d.scratch();
        let m = d.detect(b"k = tk-583921-4b7e1a9c3f0d2e6b", &mut s).to_vec();
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(d.rules().get(m[0].rule).id, "p.new");
        // Different secrets (only the legacy rule matches this one) are both kept.
        let m = d
            .detect(b"tk-583921-4b7e1a9c3f0d2e6b tk-5839-4b7e1a9c3f", &mut s)
            .to_vec();
        assert_eq!(m.len(), 2, "{m:?}");
    }

    #[test]
    fn the_section_and_line_that_name_a_value() {
        let ini = b"[general]\nenv = prod\n\n[vultr]\nurl = https://api.vultr.com\nsecret = X\n";
        let at = ini.len() - 2;
        assert_eq!(section_name(ini, at), Some(&b"vultr"[..]));
        assert_eq!(line_before(ini, at), b"secret = ");
        assert_eq!(section_name(b"secret = X\n", 9), None);
        // Not a section: an array, a line with more on it.
        assert_eq!(section_name(b"[1, 2]\nsecret = X", 16), None);
        assert_eq!(section_name(b"[a] = b\nsecret = X", 17), None);
        // Only the nearest bracketed line counts, and only 2 KB back.
        let far = [&b"[vultr]\n"[..], &[b'#'; 3000], b"\nsecret = X"].concat();
        assert_eq!(section_name(&far, far.len() - 1), None);
    }

    #[test]
    fn the_mapping_keys_that_hold_a_value() {
        let yaml = b"replicas: 2\ntwitter:\n  api:\n    url: https://api.x.com\n    secret: X\n";
        assert_eq!(
            parent_keys(yaml, yaml.len() - 2).as_deref(),
            Some(&b"api twitter"[..])
        );
        let json = b"{\n  \"travis\": {\n    \"apiKey\": \"X\"\n  }\n}";
        let at = json.iter().position(|&b| b == b'X').unwrap();
        assert_eq!(parent_keys(json, at).as_deref(), Some(&b"travis"[..]));
        // At the top level, or under a line that is not a bare key, there is none.
        assert_eq!(parent_keys(b"secret: X", 8), None);
        let list = b"items:\n  - name: a\n    secret: X";
        assert_eq!(parent_keys(list, list.len() - 1), None);
    }

    #[test]
    fn quotes_written_as_entities_are_unescaped_and_located() {
        let d = Detector::new(Arc::new(crate::rules::builtin().unwrap()));
        let mut s = d.scratch();
        let hay = b"<p>x</p>\n<input placeholder=\"password: &quot;Kq7#vLm2pX9!&quot;\">\n"; // vaultsweep:allow
        let m = d.detect(hay, &mut s).to_vec();
        let html: Vec<_> = m
            .iter()
            .filter(|m| m.decoded.as_ref().is_some_and(|x| x.encoding == "html"))
            .collect();
        assert_eq!(html.len(), 1, "{m:?}");
        assert_eq!(&hay[html[0].secret.clone()], b"Kq7#vLm2pX9!");
        // without entities nothing is rescanned
        assert!(d.detect(b"<p>no quotes here</p>", &mut s).is_empty());
    }
}
