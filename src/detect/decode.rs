//! Encoded content: base64 runs in a blob are decoded (bounded in depth, size and number) and
//! the decoded text is scanned in place of the encoded run, so a Kubernetes `Secret`'s
//! `password: <base64>` reads as `password: <the password>` to the context rules, and a
//! Docker `"auth": "<base64>"` as `"auth": "<user>:<password>"`. Findings are located at the
//! encoded text.

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use std::ops::Range;

/// Shortest run decoded anywhere, padding aside (30 decoded bytes): shorter runs are mostly
/// words and identifiers, and probing for them would cost a tenth of the scan.
pub const MIN_RUN: usize = 40;
/// Shortest run decoded in content whose format says values are base64 (see [`BASE64_FORMATS`]):
/// `cGFzc3dvcmQ=` ("password") has 11.
pub const MIN_RUN_IN_FORMAT: usize = 8;
/// Markers of formats whose values are base64: Kubernetes `Secret` manifests (`data:`), Docker
/// `config.json` (`"auth"`), HTTP Basic authorization.
pub const BASE64_FORMATS: &[&[u8]] = &[
    b"kind: Secret",
    b"\"kind\": \"Secret\"",
    b"\"auth\"",
    b"dockerconfigjson",
    b"Authorization: Basic",
];
/// Longest run decoded (a base64 kubeconfig or service-account JSON fits).
pub const MAX_RUN: usize = 256 * 1024;
/// Nesting: a base64 `.dockerconfigjson` holding base64 `auth` values is depth 2.
pub const MAX_DEPTH: u8 = 2;
/// Decoded bytes per blob and level, at most.
pub const MAX_DECODED: usize = 1 << 20;
/// Runs decoded per blob and level, at most.
pub const MAX_RUNS: usize = 1024;

/// Byte flags: which base64 characters a run holds. 0 = outside the standard alphabet. (The
/// URL-safe alphabet's `-` and `_` end a run: with them, every snake_case identifier and file
/// name would be tried.)
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const DIGIT: u8 = 4;
const SYMBOL: u8 = 8;
const HEX: u8 = 16;

static FLAGS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let hex = if c.is_ascii_hexdigit() { HEX } else { 0 };
        t[b] = if c.is_ascii_uppercase() {
            UPPER | hex
        } else if c.is_ascii_lowercase() {
            LOWER | hex
        } else if c.is_ascii_digit() {
            DIGIT | hex
        } else if c == b'+' || c == b'/' {
            SYMBOL
        } else {
            0
        };
        b += 1;
    }
    t
};

fn engine(alphabet: &base64::alphabet::Alphabet) -> GeneralPurpose {
    GeneralPurpose::new(
        alphabet,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    )
}

static STANDARD: std::sync::LazyLock<GeneralPurpose> =
    std::sync::LazyLock::new(|| engine(&base64::alphabet::STANDARD));

/// A base64 run and its decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The encoded bytes, padding included.
    pub range: Range<usize>,
    /// The decoded bytes: UTF-8 text without control characters other than tab and newlines.
    pub decoded: Vec<u8>,
}

/// The base64 runs of `hay` that decode to text, in order, within the size and count bounds.
///
/// A run is a maximal stretch of the standard base64 alphabet, at least [`MIN_RUN`] long, not
/// all hex digits, mixing upper and lower case and holding a digit, `+`, `/` or `=` padding (so
/// words, identifiers and digests are not tried; in a format whose values are base64, letters
/// alone will do), with at most two `=` of padding.
pub fn runs(hay: &[u8]) -> Vec<Run> {
    let in_format = in_base64_format(hay);
    let min_run = if in_format {
        MIN_RUN_IN_FORMAT
    } else {
        MIN_RUN
    };
    let mut out = Vec::new();
    let mut budget = MAX_DECODED;
    let in_alphabet = |b: u8| FLAGS[b as usize] != 0;
    let mut i = 0;
    while i + min_run <= hay.len() && out.len() < MAX_RUNS && budget > 0 {
        // Any run of `min_run` or more starting in i..i + min_run covers i + min_run - 1: when
        // that byte is outside the alphabet, skip the whole stretch (most of a source file).
        let probe = i + min_run - 1;
        if !in_alphabet(hay[probe]) {
            i = probe + 1;
            continue;
        }
        let mut start = probe;
        while start > i && in_alphabet(hay[start - 1]) {
            start -= 1;
        }
        if start == i && i > 0 && in_alphabet(hay[i - 1]) {
            // Inside a run that was already judged too short or rejected.
            while i < hay.len() && in_alphabet(hay[i]) {
                i += 1;
            }
            continue;
        }
        // The run must reach start + min_run - 1: when that byte is outside the alphabet, the
        // run (a word) is too short, and so is any other starting before it.
        let far = start + min_run - 1;
        if far > probe && !hay.get(far).is_some_and(|&b| in_alphabet(b)) {
            i = far + 1;
            continue;
        }
        let mut any = 0u8;
        let mut all = HEX;
        let mut body_end = start;
        while let Some(&b) = hay.get(body_end) {
            let f = FLAGS[b as usize];
            if f == 0 {
                break;
            }
            any |= f;
            all &= f;
            body_end += 1;
        }
        let mut end = body_end;
        while end < hay.len() && end - body_end < 2 && hay[end] == b'=' {
            end += 1;
        }
        i = end.max(body_end + 1);
        let len = body_end - start;
        let padded = end > body_end;
        if len < min_run || len > MAX_RUN || len % 4 == 1 || all & HEX != 0 {
            continue;
        }
        // Base64 of text mixes cases and holds digits or padding; words and identifiers do not.
        // Where the format says values are base64 (a `Secret`'s `data:`), a run of letters alone
        // is tried too: one in 25 base64 encodings of a 24-character password holds no digit
        // (`MGRJUGZiSVFpMDBDbFdJNnlRSzVISWtl`), and the decoded text must still be text.
        let marked = any & (DIGIT | SYMBOL) != 0 || padded || in_format;
        if !marked || any & (UPPER | LOWER) != UPPER | LOWER {
            continue;
        }
        // Cheap rejection: the first 6 bytes must already be text (bytes of multi-byte UTF-8
        // are judged with the whole run).
        let Ok(head) = STANDARD.decode(&hay[start..start + 8]) else {
            continue;
        };
        if !head.iter().all(|&b| b >= 0x80 || is_text_char(b as char)) {
            continue;
        }
        let Ok(decoded) = STANDARD.decode(&hay[start..body_end]) else {
            continue;
        };
        if !is_text(&decoded) {
            continue;
        }
        budget = budget.saturating_sub(decoded.len());
        out.push(Run {
            range: start..end,
            decoded,
        });
    }
    out
}

/// One SIMD pass for all of [`BASE64_FORMATS`] (Teddy), where the CPU has it.
static FORMAT_MARKERS: std::sync::LazyLock<Option<aho_corasick::packed::Searcher>> =
    std::sync::LazyLock::new(|| aho_corasick::packed::Searcher::new(BASE64_FORMATS));

fn in_base64_format(hay: &[u8]) -> bool {
    match &*FORMAT_MARKERS {
        Some(s) => s.find(hay).is_some(),
        None => BASE64_FORMATS
            .iter()
            .any(|m| memchr::memmem::find(hay, m).is_some()),
    }
}

/// UTF-8 text of at least 4 bytes with letters in it and no control characters but tab, CR, LF.
fn is_text(bytes: &[u8]) -> bool {
    bytes.len() >= 4
        && std::str::from_utf8(bytes).is_ok_and(|s| s.chars().all(is_text_char))
        && bytes.iter().any(u8::is_ascii_alphabetic)
}

/// Not a control character, except tab, CR and LF.
fn is_text_char(c: char) -> bool {
    !c.is_control() || matches!(c, '\t' | '\n' | '\r')
}

/// HTML/XML character references that stand for quotes, the ones that hide a quoted value in
/// markup (`placeholder="password: &quot;…&quot;"`).
const QUOTE_ENTITIES: &[(&[u8], u8)] = &[
    (b"&quot;", b'"'),
    (b"&#34;", b'"'),
    (b"&#x22;", b'"'),
    (b"&apos;", b'\''),
    (b"&#39;", b'\''),
    (b"&#x27;", b'\''),
];

/// Lines of `hay` holding quote entities, each with its text unescaped (quotes and `&amp;`).
/// At most [`MAX_RUNS`] lines.
pub fn entity_lines(hay: &[u8]) -> Vec<(Range<usize>, Vec<u8>)> {
    let mut out = Vec::new();
    // One pass over the `&`s: most blobs have none of these references.
    let entity_at = |i: usize| QUOTE_ENTITIES.iter().any(|(e, _)| hay[i..].starts_with(e));
    if !memchr::memchr_iter(b'&', hay).any(entity_at) {
        return out;
    }
    let mut start = 0;
    while start < hay.len() && out.len() < MAX_RUNS {
        let end = memchr::memchr(b'\n', &hay[start..]).map_or(hay.len(), |i| start + i);
        let line = &hay[start..end];
        if QUOTE_ENTITIES
            .iter()
            .any(|(e, _)| memchr::memmem::find(line, e).is_some())
        {
            let mut text = Vec::with_capacity(line.len());
            let mut i = 0;
            'bytes: while i < line.len() {
                if line[i] == b'&' {
                    for (e, c) in QUOTE_ENTITIES.iter().chain([(&b"&amp;"[..], b'&')].iter()) {
                        if line[i..].starts_with(e) {
                            text.push(*c);
                            i += e.len();
                            continue 'bytes;
                        }
                    }
                }
                text.push(line[i]);
                i += 1;
            }
            out.push((start..end, text));
        }
        start = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_entities_are_unescaped_per_line() {
        let hay = b"a\n<b title=\"pw: &quot;x&amp;y&quot;\">\nc &#39;z&#39;\nd";
        let lines = entity_lines(hay);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].1, b"<b title=\"pw: \"x&y\"\">");
        assert_eq!(
            &hay[lines[0].0.clone()],
            b"<b title=\"pw: &quot;x&amp;y&quot;\">"
        );
        assert_eq!(lines[1].1, b"c 'z'");
        assert!(entity_lines(b"no entities &amp; here").is_empty());
    }

    fn decoded(hay: &str) -> Vec<(String, String)> {
        runs(hay.as_bytes())
            .into_iter()
            .map(|r| {
                (
                    hay[r.range].to_string(),
                    String::from_utf8(r.decoded).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn text_runs_are_decoded_and_located() {
        assert_eq!(
            decoded("kind: Secret\ndata:\n  password: aHVudGVyMg==\n"), // vaultsweep:allow
            [("aHVudGVyMg==".to_string(), "hunter2".to_string())]
        );
        assert_eq!(
            decoded("  password: U3VtbWVyMjAyNCFTdW1tZXIyMDI0IVN1bW1lcjIwMjQh\n"), // vaultsweep:allow
            [(
                "U3VtbWVyMjAyNCFTdW1tZXIyMDI0IVN1bW1lcjIwMjQh".to_string(),
                "Summer2024!Summer2024!Summer2024!".to_string()
            )]
        );
        assert_eq!(
            decoded(r#"{"auth": "dXNlcjpTM2NyM3RQQHNz"}"#), // vaultsweep:allow
            [(
                "dXNlcjpTM2NyM3RQQHNz".to_string(),
                "user:S3cr3tP@ss".to_string()
            )]
        );
        // letters alone, where the format says values are base64 (no digit, no padding)
        assert_eq!(
            decoded("kind: Secret\ndata:\n  password: MGRJUGZiSVFpMDBDbFdJNnlRSzVISWtl\n")[0].1, // vaultsweep:allow
            "0dIPfbIQi00ClWI6yQK5HIke" // vaultsweep:allow
        );
        // a run inside a longer line, after `=`
        assert_eq!(
            decoded("x=eyJrIjoiYWJjMTIzZGVmIiwidiI6ImdoaTQ1NmprbCJ9 y")[0].1,
            r#"{"k":"abc123def","v":"ghi456jkl"}"#
        );
    }

    #[test]
    fn non_text_words_and_short_runs_are_not_decoded() {
        // random bytes (a PEM body line) decode to binary
        let pem_line = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"; // vaultsweep:allow
        assert!(decoded(pem_line).is_empty());
        // an identifier: no digit, no padding (outside a base64 format; inside one, an
        // identifier decodes to bytes that are not text)
        assert!(decoded("getConfigurationValue()").is_empty());
        assert!(
            decoded("kind: Secret\nmetadata:\n  name: ApplicationSettingsManagerConfiguration\n")
                .is_empty()
        );
        // too short, and short runs outside a base64 format
        assert!(decoded("YWJj").is_empty());
        assert!(decoded("password: aHVudGVyMg==").is_empty());
        // a hex digest decodes to binary
        assert!(decoded("d41d8cd98f00b204e9800998ecf8427e").is_empty());
        // snake_case ends a run
        assert!(decoded("aHVu_dGVy_Mg+/").is_empty());
    }
}
