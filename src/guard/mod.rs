//! The Vault-aware guard (issue 17): the guard file a repository commits
//! (`.vaultsweep/guard.json`: keyed fingerprints of the values `migrate apply` moved into
//! Vault, with their lengths and destinations, never a value and never the key), the
//! per-repository guard key, and the [`Matcher`] that finds a migrated value pasted back.
//!
//! Imports `finding` only. Reads no environment and prints nothing: `cmd/` finds the key (file,
//! environment variable) and passes its bytes in.
//!
//! What is stored per value: `HMAC-SHA256(key, value)` (hex); two 16-bit keyed pre-checks, a
//! `lead` (a keyed mix of the value's first four bytes: a scan looks further only at the rare
//! position whose four bytes carry a recorded lead) and a `probe` (SipHash-2-4 of the whole
//! value: the HMAC runs only on the rare window whose probe agrees), both under keys derived
//! from the guard key; its length in bytes, the file and key name it came from, the rule that
//! flagged it, its tier and its Vault destination. Without the key none of the three says
//! anything about the value beyond its length (and, like any deterministic tag, whether two
//! entries share a value or their first four bytes); with the key, a short or human-chosen
//! value can be guessed offline (README, "Guard").

use crate::finding::Tier;
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Where the guard file lives, relative to the repository root.
pub const GUARD_FILE: &str = ".vaultsweep/guard.json";
/// Where the key is created by default, relative to the git directory.
pub const KEY_FILE: &str = "vaultsweep/guard.key";
/// The rule id of a guard finding.
pub const RULE_ID: &str = "guard.migrated-value";
/// The rule's name, as `rules list` and SARIF show it.
pub const RULE_NAME: &str = "Secret migrated to Vault, in plain text";
/// The `format` field of a guard file.
pub const FORMAT: &str = "vaultsweep-guard";
/// The current version of the guard file.
pub const VERSION: u32 = 1;
/// Values longer than this are recorded but not matched by scans (they do not fit between
/// delimiters on one line: PEM keys and the like; `vault audit` finds them).
pub const MAX_MATCH_LEN: usize = 1024;
/// Values shorter than this are not recorded: a 1–5 byte value matches by chance everywhere.
pub const MIN_LEN: usize = 6;

/// Errors of the guard.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The guard file or key cannot be read or written.
    #[error("{}: {err}", path.display())]
    Io {
        /// Path.
        path: PathBuf,
        /// OS error.
        err: String,
    },
    /// The guard file or key is malformed.
    #[error("{}: {msg}", path.display())]
    Format {
        /// Path.
        path: PathBuf,
        /// What is wrong.
        msg: String,
    },
    /// The key does not belong to the guard file.
    #[error(
        "{}: made with guard key {want}, but the key given is {got}: guard findings cannot be checked (use the repository's key, see README \"Guard\")",
        path.display()
    )]
    WrongKey {
        /// Guard file.
        path: PathBuf,
        /// Key id in the file.
        want: String,
        /// Key id of the key given.
        got: String,
    },
}

impl Error {
    fn io(path: &Path, e: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            err: e.to_string(),
        }
    }
}

/// One migrated value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// HMAC-SHA256 of the value under the guard key, hex.
    pub fingerprint: String,
    /// 16-bit keyed pre-check of the value (see the module docs).
    pub probe: u16,
    /// 16-bit keyed tag of the value's first four bytes: where a scan starts looking.
    pub lead: u16,
    /// Length of the value in bytes.
    pub length: usize,
    /// The file the value was moved out of, relative to the repository root.
    pub file: String,
    /// The key or variable name it had there (also its key in the Vault secret).
    pub key: String,
    /// The scanner rule that flagged it, if any (a human password often has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Its tier when it moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// Where it lives now: `vault:<api path>#<key>`.
    pub destination: String,
}

/// The guard file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuardFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// Which key made the fingerprints ([`key_id`]): a wrong key is named, not silently blind.
    pub key_id: String,
    /// The values, in the order they were recorded.
    pub entries: Vec<Entry>,
}

impl GuardFile {
    /// An empty guard file for `key`.
    pub fn new(key: &[u8]) -> GuardFile {
        GuardFile {
            format: FORMAT.into(),
            version: VERSION,
            key_id: key_id(key),
            entries: Vec::new(),
        }
    }

    /// Parses a guard file exactly: the format, the version and every field are checked.
    pub fn parse(text: &str) -> Result<GuardFile, String> {
        let g: GuardFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if g.format != FORMAT {
            return Err(format!("not a guard file (format {:?})", g.format));
        }
        if g.version != VERSION {
            return Err(format!(
                "guard file version {} (this vaultsweep reads version {VERSION})",
                g.version
            ));
        }
        for e in &g.entries {
            if e.fingerprint.len() != 64 || hex::decode(&e.fingerprint).is_err() {
                return Err(format!(
                    "entry {:?}: fingerprint is not 64 hex digits",
                    e.key
                ));
            }
            if !e.destination.starts_with("vault:") {
                return Err(format!(
                    "entry {:?}: destination is not a vault: reference",
                    e.key
                ));
            }
        }
        Ok(g)
    }

    /// Reads the guard file at `path`, if there is one.
    pub fn load(path: &Path) -> Result<Option<GuardFile>, Error> {
        match std::fs::read_to_string(path) {
            Ok(t) => GuardFile::parse(&t).map(Some).map_err(|msg| Error::Format {
                path: path.to_path_buf(),
                msg,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Checks that `key` made this file's fingerprints.
    pub fn check_key(&self, path: &Path, key: &[u8]) -> Result<(), Error> {
        let got = key_id(key);
        if got != self.key_id {
            return Err(Error::WrongKey {
                path: path.to_path_buf(),
                want: self.key_id.clone(),
                got,
            });
        }
        Ok(())
    }

    /// Records a value (replacing an entry of the same file and key). Values shorter than
    /// [`MIN_LEN`] are not recorded; returns whether it was.
    pub fn record(&mut self, key: &[u8], value: &[u8], mut entry: Entry) -> bool {
        if value.len() < MIN_LEN {
            return false;
        }
        entry.fingerprint = fingerprint(key, value);
        entry.probe = probe(key, value);
        entry.lead = lead_with(lead_keys(key), first4(value, 0));
        entry.length = value.len();
        self.entries
            .retain(|e| !(e.file == entry.file && e.key == entry.key));
        self.entries.push(entry);
        true
    }

    /// Removes the entries of `file` whose key is in `keys`; returns how many.
    pub fn remove(&mut self, file: &str, keys: &[String]) -> usize {
        let before = self.entries.len();
        self.entries
            .retain(|e| !(e.file == file && keys.contains(&e.key)));
        before - self.entries.len()
    }

    /// Writes the file atomically (temporary file, then rename), creating its directory.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".guard-")
            .tempfile_in(dir)
            .map_err(|e| Error::io(dir, e))?;
        let mut text = serde_json::to_string_pretty(self).expect("serialisable");
        text.push('\n');
        tmp.write_all(text.as_bytes())
            .and_then(|_| tmp.as_file().sync_all())
            .map_err(|e| Error::io(path, e))?;
        // Committed and read by everyone with the repository (the temporary file is 0600).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644));
        }
        tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// The key

/// A short public name of a key (the first 16 hex digits of SHA-256 over a label and the key).
pub fn key_id(key: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(b"vaultsweep guard key id v1\0");
    h.update(key);
    hex::encode(h.finalize())[..16].to_string()
}

/// Parses a key given as hex (at least 16 bytes).
pub fn parse_key(text: &str) -> Result<Vec<u8>, String> {
    let k = hex::decode(text.trim()).map_err(|_| "the guard key is not hex".to_string())?;
    if k.len() < 16 {
        return Err("the guard key is shorter than 16 bytes".into());
    }
    Ok(k)
}

/// Reads the key file at `path`, if there is one.
pub fn read_key(path: &Path) -> Result<Option<Vec<u8>>, Error> {
    match std::fs::read_to_string(path) {
        Ok(t) => parse_key(&t).map(Some).map_err(|msg| Error::Format {
            path: path.to_path_buf(),
            msg,
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// The key at `path`, created (32 random bytes, mode 0600) if there is none. Creation is
/// exclusive: two runs racing both end up with the one key that won; a key is never replaced.
pub fn load_or_create_key(path: &Path) -> Result<Vec<u8>, Error> {
    if let Some(k) = read_key(path)? {
        return Ok(k);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut key = vec![0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut key))
        .map_err(|e| Error::Io {
            path: path.to_path_buf(),
            err: format!("no random bytes for a new key (/dev/urandom: {e})"),
        })?;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(mut f) => {
            f.write_all(hex::encode(&key).as_bytes())
                .and_then(|_| f.sync_all())
                .map_err(|e| Error::io(path, e))?;
            Ok(key)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            read_key(path)?.ok_or_else(|| Error::Format {
                path: path.to_path_buf(),
                msg: "key file vanished while being created".into(),
            })
        }
        Err(e) => Err(Error::io(path, e)),
    }
}

/// HMAC-SHA256 of a value under the guard key, hex.
pub fn fingerprint(key: &[u8], value: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(b"vaultsweep guard v1\0");
    mac.update(value);
    hex::encode(mac.finalize().into_bytes())
}

/// The two SipHash keys of the probe, derived from the guard key.
fn probe_keys(key: &[u8]) -> (u64, u64) {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(b"vaultsweep guard probe v1\0");
    let d = mac.finalize().into_bytes();
    (
        u64::from_le_bytes(d[..8].try_into().expect("8 bytes")),
        u64::from_le_bytes(d[8..16].try_into().expect("8 bytes")),
    )
}

#[allow(deprecated)] // std's SipHasher is SipHash-2-4 with chosen keys: what is wanted here
fn probe_with((k0, k1): (u64, u64), value: &[u8]) -> u16 {
    use std::hash::Hasher;
    let mut h = std::hash::SipHasher::new_with_keys(k0, k1);
    h.write(value);
    (h.finish() >> 48) as u16
}

/// The 16-bit probe of a value.
pub fn probe(key: &[u8], value: &[u8]) -> u16 {
    probe_with(probe_keys(key), value)
}

/// The two keys of the lead tag, derived from the guard key.
fn lead_keys(key: &[u8]) -> (u64, u64) {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(b"vaultsweep guard lead v1\0");
    let d = mac.finalize().into_bytes();
    (
        u64::from_le_bytes(d[..8].try_into().expect("8 bytes")),
        u64::from_le_bytes(d[8..16].try_into().expect("8 bytes")) | 1,
    )
}

/// The four bytes at `at` as a little-endian number (zero-padded past the end).
#[inline]
fn first4(b: &[u8], at: usize) -> u32 {
    match b.get(at..at + 4) {
        Some(w) => u32::from_le_bytes(w.try_into().expect("4 bytes")),
        None => {
            let mut w = [0u8; 4];
            let rest = &b[at.min(b.len())..];
            w[..rest.len()].copy_from_slice(rest);
            u32::from_le_bytes(w)
        }
    }
}

/// Keyed multiply-shift of the first four bytes to 16 bits (a universal hash: for a secret
/// key the tag of an unknown prefix is uniform; equal prefixes give equal tags).
#[inline]
fn lead_with((k0, k1): (u64, u64), w: u32) -> u16 {
    ((u64::from(w) ^ k0).wrapping_mul(k1) >> 48) as u16
}

// ---------------------------------------------------------------------------------------------
// The matcher

/// Bytes that end a value outright: whitespace and other control bytes, quotes (`"`, `'`,
/// `` ` ``). A recorded value holding one of these is not matched by scans (README: `vault
/// audit` still finds it).
const fn is_strong(b: u8) -> bool {
    b <= 0x20 || b == b'"' || b == b'\'' || b == b'`'
}

/// Delimiters: the strong ones and the ASCII punctuation that surrounds values in code,
/// configuration, URLs and connection strings, which may also occur inside one (a password
/// with `@` or `:`): every punctuation byte but `-`, `.` and `_` (they join the parts of
/// tokens, names and hosts). A window may start after and end before any of them, and span
/// them. As ranges: `0x00..=0x2C`, `/`, `0x3A..=0x40`, `0x5B..=0x5E`, `` ` ``, `0x7B..=0x7E`.
const fn is_delim(b: u8) -> bool {
    b <= 0x2C
        || b == b'/'
        || (b >= 0x3A && b <= 0x40)
        || (b >= 0x5B && b <= 0x5E)
        || b == b'`'
        || (b >= 0x7B && b <= 0x7E)
}

const fn strong_table() -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = is_strong(i as u8);
        i += 1;
    }
    t
}

const fn weak_table() -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = is_delim(i as u8);
        i += 1;
    }
    t
}

static STRONG: [bool; 256] = strong_table();
static DELIM: [bool; 256] = weak_table();

const fn as_u8(t: [bool; 256], negate: bool) -> [u8; 256] {
    let mut o = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        o[i] = (t[i] != negate) as u8;
        i += 1;
    }
    o
}

/// 1 where a value may start (not whitespace or a quote).
static OPENS: [u8; 256] = as_u8(strong_table(), true);
/// 1 where a value may end before this byte (any delimiter).
static ENDS: [u8; 256] = as_u8(weak_table(), false);

/// Bit `i` (i < 64) set when bits `i..i + len` of `m` are all set (`len` ≤ 64).
#[inline]
fn runs_at_least(m: u128, len: usize) -> u64 {
    let mut r = m;
    let mut k = 1;
    while k * 2 <= len {
        r &= r >> k;
        k *= 2;
    }
    // r: runs of k ≥ len / 2; two of them overlapping cover len.
    (r & (r >> (len - k))) as u64
}

/// Bit masks of up to 64 bytes: (delimiters, bytes a value may start with).
#[inline]
fn classify(block: &[u8]) -> (u64, u64) {
    #[cfg(target_arch = "x86_64")]
    if block.len() == 64 {
        return classify64_sse2(block.try_into().expect("64 bytes"));
    }
    let (mut ends, mut opens) = (0u64, 0u64);
    for (i, &c) in block.iter().enumerate() {
        ends |= u64::from(ENDS[c as usize]) << i;
        opens |= u64::from(OPENS[c as usize]) << i;
    }
    (ends, opens)
}

/// [`classify`] of 64 bytes with SSE2 (part of every x86-64 CPU): range tests as
/// `max(x - lo, hi - lo) == hi - lo`, sixteen bytes at a time.
#[cfg(target_arch = "x86_64")]
#[inline]
fn classify64_sse2(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::*;
    let mut ends = 0u64;
    let mut opens = 0u64;
    for k in 0..4 {
        let chunk: &[u8; 16] = block[k * 16..k * 16 + 16].try_into().expect("16 bytes");
        // SAFETY: SSE2 is part of the x86-64 baseline; the load reads the 16 bytes of `chunk`.
        let (e, o) = unsafe {
            let x = _mm_loadu_si128(chunk.as_ptr().cast());
            let le = |v: __m128i, k: u8| {
                let k = _mm_set1_epi8(k as i8);
                _mm_cmpeq_epi8(_mm_max_epu8(v, k), k)
            };
            let within = |lo: u8, hi: u8| le(_mm_sub_epi8(x, _mm_set1_epi8(lo as i8)), hi - lo);
            let eq = |b: u8| _mm_cmpeq_epi8(x, _mm_set1_epi8(b as i8));
            let tick = eq(b'`');
            let delim = _mm_or_si128(
                _mm_or_si128(le(x, 0x2C), eq(b'/')),
                _mm_or_si128(
                    _mm_or_si128(within(0x3A, 0x40), within(0x5B, 0x5E)),
                    _mm_or_si128(tick, within(0x7B, 0x7E)),
                ),
            );
            let strong = _mm_or_si128(
                _mm_or_si128(le(x, 0x20), eq(b'"')),
                _mm_or_si128(eq(b'\''), tick),
            );
            (
                _mm_movemask_epi8(delim) as u32 as u64,
                !(_mm_movemask_epi8(strong) as u32) as u64 & 0xFFFF,
            )
        };
        ends |= e << (k * 16);
        opens |= o << (k * 16);
    }
    (ends, opens)
}

/// A recorded value found in some bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Where.
    pub span: Range<usize>,
    /// Which entry of the guard file.
    pub entry: usize,
}

/// Finds recorded values in bytes: windows of a recorded length whose both ends sit at value
/// delimiters, inside one run of text without whitespace or quotes; a window whose probe agrees
/// with an entry's is checked with the HMAC. Cheap when nothing matches: one table lookup per
/// byte, and for runs at least as long as the shortest value, a length test per pair of
/// delimiters in it.
#[derive(Debug, Clone)]
pub struct Matcher {
    mac: Hmac<Sha256>,
    sip: (u64, u64),
    lead_keys: (u64, u64),
    /// Bit `t` set: some entry's lead is `t`.
    leads: Box<[u64; 1024]>,
    /// Bit `n` set: some entry has length `n` (n ≤ [`MAX_MATCH_LEN`]).
    lengths: Vec<u64>,
    min_len: usize,
    max_len: usize,
    /// (length, probe) → entries.
    probes: HashMap<(u32, u16), Vec<usize>>,
    fingerprints: Vec<[u8; 32]>,
    entries: Vec<Entry>,
}

impl Matcher {
    /// A matcher of the entries of `guard`, made with `key` (check it first with
    /// [`GuardFile::check_key`]). `None` when there is nothing to match.
    pub fn new(key: &[u8], guard: &GuardFile) -> Option<Matcher> {
        let mut lengths = vec![0u64; MAX_MATCH_LEN / 64 + 1];
        let mut leads = Box::new([0u64; 1024]);
        let mut probes: HashMap<(u32, u16), Vec<usize>> = HashMap::new();
        let mut fingerprints = Vec::new();
        let (mut min_len, mut max_len) = (usize::MAX, 0);
        for (i, e) in guard.entries.iter().enumerate() {
            let mut fp = [0u8; 32];
            if hex::decode_to_slice(&e.fingerprint, &mut fp).is_err() {
                fingerprints.push(fp);
                continue;
            }
            fingerprints.push(fp);
            if e.length == 0 || e.length > MAX_MATCH_LEN {
                continue;
            }
            lengths[e.length / 64] |= 1 << (e.length % 64);
            leads[usize::from(e.lead) / 64] |= 1 << (e.lead % 64);
            min_len = min_len.min(e.length);
            max_len = max_len.max(e.length);
            probes
                .entry((e.length as u32, e.probe))
                .or_default()
                .push(i);
        }
        if probes.is_empty() {
            return None;
        }
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key");
        mac.update(b"vaultsweep guard v1\0");
        Some(Matcher {
            mac,
            sip: probe_keys(key),
            lead_keys: lead_keys(key),
            leads,
            lengths,
            min_len,
            max_len,
            probes,
            fingerprints,
            entries: guard.entries.clone(),
        })
    }

    /// The entries matched.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    fn has_length(&self, n: usize) -> bool {
        n <= MAX_MATCH_LEN && self.lengths[n / 64] & (1 << (n % 64)) != 0
    }

    /// Appends the recorded values found in `hay` to `out` (in order of position).
    ///
    /// One pass: a position is a start when the byte before it is a delimiter (or it is the
    /// first) and it is not whitespace or a quote; a start whose four bytes carry no recorded
    /// lead (all but ~0.3 % of them for 200 values) costs one keyed multiply. The others try
    /// every end up to the longest value: before a delimiter, of a recorded length, probe, HMAC.
    pub fn find(&self, hay: &[u8], out: &mut Vec<Hit>) {
        let n = hay.len();
        if n < self.min_len {
            return;
        }
        // Blocks of 64 positions: two bit masks built with SSE2 (delimiters; bytes a value may
        // start with); a start is a position after a delimiter that opens a run of at least
        // `min_len` bytes without whitespace or quotes (the next block's mask is looked at for
        // that); only starts are visited, at one keyed multiply each.
        // MIN_LEN ≥ 6 keeps the four-byte load inside `hay`.
        let last = n - self.min_len;
        let (k0, k1) = self.lead_keys;
        let leads = &*self.leads;
        let blocks = n.div_ceil(64);
        let masks = |b: usize| {
            if b < blocks {
                classify(&hay[b * 64..(b * 64 + 64).min(n)])
            } else {
                (0, 0)
            }
        };
        let (mut ends, mut opens) = masks(0);
        let mut carry = 1u64;
        for b in 0..blocks {
            let base = b * 64;
            if base > last {
                break;
            }
            let (next_ends, next_opens) = masks(b + 1);
            let long = runs_at_least(
                u128::from(opens) | u128::from(next_opens) << 64,
                self.min_len.min(64),
            );
            let mut starts = ((ends << 1) | carry) & opens & long;
            if last - base < 63 {
                starts &= (1u64 << (last - base + 1)) - 1;
            }
            carry = ends >> 63;
            while starts != 0 {
                let p = base + starts.trailing_zeros() as usize;
                starts &= starts - 1;
                let w = u32::from_le_bytes(hay[p..p + 4].try_into().expect("4 bytes"));
                let t = ((u64::from(w) ^ k0).wrapping_mul(k1) >> 48) as usize;
                if (leads[t >> 6] >> (t & 63)) & 1 != 0 {
                    self.ends_from(hay, p, out);
                }
            }
            (ends, opens) = (next_ends, next_opens);
        }
    }

    /// Every window from `s` that ends before a delimiter (or at the end), holds no whitespace
    /// or quote, and has a recorded length.
    fn ends_from(&self, hay: &[u8], s: usize, out: &mut Vec<Hit>) {
        let stop = (s + self.max_len).min(hay.len());
        for (q, &c) in hay[s + 1..stop].iter().enumerate() {
            let e = s + 1 + q;
            if DELIM[c as usize] && self.has_length(e - s) {
                self.check(hay, s..e, out);
            }
            if STRONG[c as usize] {
                return;
            }
        }
        if self.has_length(stop - s) && (stop == hay.len() || DELIM[hay[stop] as usize]) {
            self.check(hay, s..stop, out);
        }
    }

    fn check(&self, hay: &[u8], w: Range<usize>, out: &mut Vec<Hit>) {
        let bytes = &hay[w.clone()];
        let p = probe_with(self.sip, bytes);
        let Some(cands) = self.probes.get(&(bytes.len() as u32, p)) else {
            return;
        };
        let mut mac = self.mac.clone();
        mac.update(bytes);
        let got = mac.finalize().into_bytes();
        if let Some(&e) = cands.iter().find(|&&e| self.fingerprints[e][..] == got[..]) {
            out.push(Hit { span: w, entry: e });
        }
    }
}

/// The message of a guard finding: where the value lives now and what to do.
pub fn message(e: &Entry) -> String {
    format!(
        "Secret migrated to Vault, in plain text: this value now lives at {} (moved from {} in {}); read it from there instead of committing it (in history: the commit exposes it; rotate it if that commit was shared)",
        e.destination, e.key, e.file
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn guard(values: &[&str]) -> (GuardFile, Matcher) {
        let mut g = GuardFile::new(KEY);
        for (i, v) in values.iter().enumerate() {
            let e = Entry {
                fingerprint: String::new(),
                probe: 0,
                lead: 0,
                length: 0,
                file: ".env".into(),
                key: format!("K{i}"),
                rule: None,
                tier: Some(Tier::Critical),
                destination: format!("vault:secret/data/apps/a/prod/env#K{i}"),
            };
            assert!(g.record(KEY, v.as_bytes(), e));
        }
        let m = Matcher::new(KEY, &g).unwrap();
        (g, m)
    }

    fn found(m: &Matcher, hay: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        m.find(hay.as_bytes(), &mut out);
        out.into_iter()
            .map(|h| (hay[h.span].to_string(), h.entry))
            .collect()
    }

    #[test]
    fn value_with_at_and_colon_inside_a_url() {
        let (_, m) = guard(&["p@ss:w0rd!x"]); // vaultsweep:allow
        let url = "DATABASE_URL=postgres://app:p@ss:w0rd!x@db.internal:5432/app"; // vaultsweep:allow
        assert_eq!(
            found(&m, url),
            [("p@ss:w0rd!x".to_string(), 0)] // vaultsweep:allow
        );
    }

    #[test]
    fn at_start_and_end_of_line_and_of_input() {
        let (_, m) = guard(&["Tr0ub4dor&3xyz"]); // vaultsweep:allow
        let hay = "Tr0ub4dor&3xyz\npassword: Tr0ub4dor&3xyz\nx = 'Tr0ub4dor&3xyz'"; // vaultsweep:allow
        assert_eq!(found(&m, hay).len(), 3);
        assert_eq!(found(&m, "Tr0ub4dor&3xyz").len(), 1); // vaultsweep:allow
    }

    #[test]
    fn not_a_substring_of_a_longer_token() {
        let (_, m) = guard(&["hunter2hunter"]); // vaultsweep:allow
        for hay in [
            "xhunter2hunter",      // vaultsweep:allow
            "hunter2hunterx",      // vaultsweep:allow
            "my_hunter2hunter_pw", // vaultsweep:allow
            "hunter2hunte",        // vaultsweep:allow
            "hunter2.hunter",      // vaultsweep:allow
        ] {
            assert!(found(&m, hay).is_empty(), "{hay}");
        }
        assert_eq!(found(&m, "a=hunter2hunter;b").len(), 1); // vaultsweep:allow
    }

    #[test]
    fn several_values_of_one_length_and_wrong_key() {
        let (g, m) = guard(&["aaaa-bbbb-cc", "zzzz-yyyy-xx"]); // vaultsweep:allow
        assert_eq!(
            found(&m, "[aaaa-bbbb-cc,zzzz-yyyy-xx]"), // vaultsweep:allow
            [
                ("aaaa-bbbb-cc".to_string(), 0), // vaultsweep:allow
                ("zzzz-yyyy-xx".to_string(), 1)  // vaultsweep:allow
            ]
        );
        let other = b"fedcba9876543210fedcba9876543210";
        assert!(g.check_key(Path::new("g"), other).is_err());
        assert!(g.check_key(Path::new("g"), KEY).is_ok());
        let blind = Matcher::new(other, &g).unwrap();
        assert!(found(&blind, "aaaa-bbbb-cc").is_empty()); // vaultsweep:allow
    }

    #[test]
    fn file_round_trips_exactly_and_holds_no_value() {
        let (mut g, _) = guard(&["s3cr3t-value-1"]); // vaultsweep:allow
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(GUARD_FILE);
        g.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("s3cr3t")); // vaultsweep:allow
        assert!(!text.contains(&hex::encode(KEY)));
        assert_eq!(GuardFile::load(&path).unwrap().unwrap(), g);
        assert_eq!(g.remove(".env", &["K0".into()]), 1);
        assert!(g.entries.is_empty());
        assert!(GuardFile::parse(&text.replace("\"version\": 1", "\"version\": 2")).is_err());
        assert!(GuardFile::parse(&text.replace(FORMAT, "other")).is_err());
        assert!(GuardFile::load(&dir.path().join("none")).unwrap().is_none());
    }

    #[test]
    fn key_is_created_once() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("git/vaultsweep/guard.key");
        let k1 = load_or_create_key(&p).unwrap();
        assert_eq!(k1.len(), 32);
        assert_eq!(load_or_create_key(&p).unwrap(), k1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0);
        }
        assert!(parse_key("abcd").is_err());
    }

    #[test]
    fn found_at_every_offset_across_block_boundaries() {
        let v = "k9:Zx@7!q-LmN2"; // vaultsweep:allow
        let (_, m) = guard(&[v]);
        for pad in 0..140 {
            for (left, right) in [(" ", "\n"), ("=", ";"), ("'", "'"), ("//", "@h")] {
                let filler: String = "ab cd=ef,".chars().cycle().take(pad).collect();
                let hay = format!("{filler}{left}{v}{right}{filler}");
                let got = found(&m, &hay);
                assert_eq!(got.len(), 1, "pad {pad} {left:?}: {got:?}");
                let hay = format!("{filler}x{v}{right}");
                assert!(
                    found(&m, &hay).is_empty(),
                    "pad {pad}: inside a longer token"
                );
            }
        }
        assert_eq!(found(&m, v).len(), 1);
    }

    #[test]
    fn runs_of_set_bits() {
        let m: u128 = 0b0111_1110_0011;
        assert_eq!(runs_at_least(m, 6), 1 << 5);
        assert_eq!(runs_at_least(m, 2), 0b0011_1110_0001);
        assert_eq!(runs_at_least(m, 7), 0);
        assert_eq!(runs_at_least(u128::MAX, 40), u64::MAX);
    }

    #[test]
    fn simd_classification_equals_the_tables() {
        let mut block = [0u8; 64];
        for start in (0..256).step_by(64) {
            for (i, b) in block.iter_mut().enumerate() {
                *b = (start + i) as u8;
            }
            let (e, o) = classify(&block);
            let (mut se, mut so) = (0u64, 0u64);
            for (i, &c) in block.iter().enumerate() {
                se |= u64::from(ENDS[c as usize]) << i;
                so |= u64::from(OPENS[c as usize]) << i;
            }
            assert_eq!((e, o), (se, so), "bytes {start}..");
        }
    }

    #[test]
    fn short_values_are_not_recorded() {
        let mut g = GuardFile::new(KEY);
        let e = Entry {
            fingerprint: String::new(),
            probe: 0,
            lead: 0,
            length: 0,
            file: ".env".into(),
            key: "K".into(),
            rule: None,
            tier: None,
            destination: "vault:x#K".into(),
        };
        assert!(!g.record(KEY, b"abc", e));
        assert!(Matcher::new(KEY, &g).is_none());
    }
}
