//! Parsing `.env` and JSON files into entries that keep the byte span of every value, so a
//! value can be replaced in place without touching any other byte.
//!
//! `.env` values are decoded as `dotenvy` decodes them (and cross-checked against it); JSON is
//! validated with `serde_json` first, then scanned for string values and their dotted key paths.

use super::Error;
use crate::finding::Secret;
use std::ops::Range;
use std::path::Path;

/// Kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    /// `KEY=value` lines.
    Dotenv,
    /// A JSON document.
    Json,
}

/// How a value was written, so the rewrite keeps the style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Quote {
    /// `KEY=value`.
    None,
    /// `KEY='value'`.
    Single,
    /// `KEY="value"` (and every JSON string).
    Double,
    /// Quoted pieces concatenated (`KEY=a"b"'c'`): rewritten unquoted.
    Mixed,
}

/// One key and its value.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Variable name (`.env`) or dotted key path (JSON, array indices as numbers).
    pub key: String,
    /// Decoded value.
    pub value: Secret,
    /// Byte range of the value as written (quotes included), replaced on rewrite.
    pub span: Range<usize>,
    /// 1-based line of the value.
    pub line: usize,
    /// Quoting style.
    pub quote: Quote,
    /// The value uses `$VAR` substitution (`.env`): it is a reference, not a literal.
    pub substituted: bool,
}

/// A parsed file.
#[derive(Debug, Clone)]
pub struct Document {
    /// Kind of file.
    pub format: FileFormat,
    /// Entries in file order (string values only, for JSON).
    pub entries: Vec<Entry>,
}

/// The format of a file, from its name: `*.json` is JSON, anything else dotenv.
pub fn format_of(path: &Path) -> FileFormat {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("json") => FileFormat::Json,
        _ => FileFormat::Dotenv,
    }
}

/// Parses `bytes` as the given format. `file` names the file in errors.
pub fn parse(file: &Path, bytes: &[u8], format: FileFormat) -> Result<Document, Error> {
    match format {
        FileFormat::Dotenv => parse_dotenv(file, bytes),
        FileFormat::Json => parse_json(file, bytes),
    }
}

fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

fn parse_err(file: &Path, bytes: &[u8], offset: usize, msg: impl Into<String>) -> Error {
    let (line, column) = position(bytes, offset);
    Error::Parse {
        file: file.to_path_buf(),
        line,
        column,
        msg: msg.into(),
    }
}

// ---------------------------------------------------------------------------------------------
// .env

/// Parses a dotenv file: blank lines, `#` comments, optional `export`, `KEY=value` with
/// unquoted, `'single'`, `"double"` (escapes `\\ \' \" \$ \  \n`) or concatenated values;
/// quoted values may span lines.
pub fn parse_dotenv(file: &Path, bytes: &[u8]) -> Result<Document, Error> {
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(parse_err(file, bytes, e.valid_up_to(), "not valid UTF-8"));
    }
    let mut entries = Vec::new();
    let mut i = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let n = bytes.len();
    let is_ws = |b: u8| b == b' ' || b == b'\t' || b == b'\r' || b == 0x0b || b == 0x0c;
    while i < n {
        // Start of a line.
        while i < n && is_ws(bytes[i]) {
            i += 1;
        }
        if i >= n {
            break;
        }
        if bytes[i] == b'\n' {
            i += 1;
            continue;
        }
        if bytes[i] == b'#' {
            i = line_end(bytes, i);
            continue;
        }
        let (mut key, mut after) = parse_key(file, bytes, i)?;
        let mut j = skip_ws(bytes, after);
        if key == "export" && bytes.get(j) != Some(&b'=') {
            (key, after) = parse_key(file, bytes, j)?;
            j = skip_ws(bytes, after);
        }
        if bytes.get(j) != Some(&b'=') {
            return Err(parse_err(
                file,
                bytes,
                j,
                format!("expected `=` after {key}"),
            ));
        }
        j = skip_ws(bytes, j + 1);
        let (value, span, quote, next) = parse_value(file, bytes, j)?;
        let (line, _) = position(bytes, span.start);
        entries.push(Entry {
            key,
            value: Secret::new(value),
            span,
            line,
            quote,
            substituted: false,
        });
        i = next;
    }
    cross_check(file, bytes, &mut entries)?;
    Ok(Document {
        format: FileFormat::Dotenv,
        entries,
    })
}

fn line_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i] != b'\n' {
        i += 1;
    }
    i
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\r' | 0x0b | 0x0c) {
        // A `\r` only counts as whitespace when it is not the end of the line.
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            break;
        }
        i += 1;
    }
    i
}

fn parse_key(file: &Path, bytes: &[u8], i: usize) -> Result<(String, usize), Error> {
    if !bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
    {
        return Err(parse_err(
            file,
            bytes,
            i,
            "expected a variable name (letters, digits, `_`, `.`; not starting with a digit)",
        ));
    }
    let mut j = i;
    while j < bytes.len()
        && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] == b'.')
    {
        j += 1;
    }
    Ok((String::from_utf8_lossy(&bytes[i..j]).into_owned(), j))
}

/// Decodes a value starting at `i`. Returns (decoded, span, quote, index after the line).
fn parse_value(
    file: &Path,
    bytes: &[u8],
    start: usize,
) -> Result<(Vec<u8>, Range<usize>, Quote, usize), Error> {
    let n = bytes.len();
    let mut out = Vec::new();
    let mut i = start;
    let mut quotes_seen: Vec<u8> = Vec::new();
    let mut unquoted_seen = false;
    // Value ends at whitespace (then optional comment) or end of line.
    let end;
    loop {
        if i >= n || bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            end = i;
            break;
        }
        match bytes[i] {
            b' ' | b'\t' => {
                end = i;
                break;
            }
            b'#' if i == start => {
                // `KEY=#comment` and `KEY= # comment` are empty values.
                end = i;
                break;
            }
            b'\'' => {
                quotes_seen.push(b'\'');
                let close = bytes[i + 1..]
                    .iter()
                    .position(|&b| b == b'\'')
                    .map(|p| i + 1 + p)
                    .ok_or_else(|| parse_err(file, bytes, i, "unterminated single quote"))?;
                out.extend_from_slice(&bytes[i + 1..close]);
                i = close + 1;
            }
            b'"' => {
                quotes_seen.push(b'"');
                let open = i;
                i += 1;
                loop {
                    if i >= n {
                        return Err(parse_err(file, bytes, open, "unterminated double quote"));
                    }
                    match bytes[i] {
                        b'"' => {
                            i += 1;
                            break;
                        }
                        b'\\' => {
                            i += 1;
                            match bytes.get(i) {
                                Some(c @ (b'\\' | b'\'' | b'"' | b'$' | b' ')) => out.push(*c),
                                Some(b'n') => out.push(b'\n'),
                                _ => {
                                    return Err(parse_err(
                                        file,
                                        bytes,
                                        i,
                                        "unsupported escape sequence in double quotes",
                                    ));
                                }
                            }
                            i += 1;
                        }
                        b => {
                            out.push(b);
                            i += 1;
                        }
                    }
                }
            }
            b'\\' => {
                unquoted_seen = true;
                match bytes.get(i + 1) {
                    Some(c @ (b'\\' | b'\'' | b'"' | b'$' | b' ')) => out.push(*c),
                    Some(b'n') => out.push(b'\n'),
                    _ => {
                        return Err(parse_err(file, bytes, i + 1, "unsupported escape sequence"));
                    }
                }
                i += 2;
            }
            b => {
                unquoted_seen = true;
                out.push(b);
                i += 1;
            }
        }
    }
    // After the value: only whitespace, then an optional comment.
    let mut k = end;
    while k < n && (bytes[k] == b' ' || bytes[k] == b'\t') {
        k += 1;
    }
    let at_eol =
        k >= n || bytes[k] == b'\n' || (bytes[k] == b'\r' && bytes.get(k + 1) == Some(&b'\n'));
    if !at_eol && bytes[k] != b'#' {
        return Err(parse_err(
            file,
            bytes,
            k,
            "unexpected text after the value (quote values that contain spaces)",
        ));
    }
    let next = line_end(bytes, k);
    let quote = match (quotes_seen.as_slice(), unquoted_seen) {
        ([], _) => Quote::None,
        ([b'\''], false) => Quote::Single,
        ([b'"'], false) => Quote::Double,
        _ => Quote::Mixed,
    };
    Ok((out, start..end, quote, next))
}

/// Compares each decoded value with dotenvy's. A difference in a value that uses `$`
/// substitution marks it as substituted; any other difference is an error.
fn cross_check(file: &Path, bytes: &[u8], entries: &mut [Entry]) -> Result<(), Error> {
    let mut theirs = Vec::new();
    for item in dotenvy::from_read_iter(bytes) {
        match item {
            Ok(kv) => theirs.push(kv),
            Err(e) => {
                // Our parser accepted the file: locate dotenvy's complaint as best it can.
                let (line, col) = match &e {
                    dotenvy::Error::LineParse(text, idx) => {
                        let at = find_line(bytes, text).unwrap_or(0);
                        let (l, _) = position(bytes, at);
                        (l, idx + 1)
                    }
                    _ => (0, 0),
                };
                return Err(Error::Parse {
                    file: file.to_path_buf(),
                    line,
                    column: col,
                    msg: format!(
                        "dotenv syntax not accepted by dotenv parsers: {}",
                        kind_of(&e)
                    ),
                });
            }
        }
    }
    if theirs.len() != entries.len() {
        return Err(Error::Parse {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            msg: format!(
                "found {} variables, dotenvy finds {}: unsupported dotenv syntax",
                entries.len(),
                theirs.len()
            ),
        });
    }
    for (ours, (key, value)) in entries.iter_mut().zip(theirs) {
        let raw = &bytes[ours.span.clone()];
        if ours.key != key {
            return Err(parse_err(
                file,
                bytes,
                ours.span.start,
                format!("variable name {} read differently by dotenvy", ours.key),
            ));
        }
        if ours.value.expose() != value.as_bytes() {
            let uses_dollar = ours.quote != Quote::Single && raw.contains(&b'$');
            if uses_dollar {
                ours.substituted = true;
            } else {
                return Err(parse_err(
                    file,
                    bytes,
                    ours.span.start,
                    format!("value of {} decoded differently by dotenvy", ours.key),
                ));
            }
        }
    }
    Ok(())
}

fn kind_of(e: &dotenvy::Error) -> String {
    match e {
        // The line text may hold a secret: never echo it.
        dotenvy::Error::LineParse(_, idx) => format!("parse error at index {idx}"),
        dotenvy::Error::Io(io) => io.to_string(),
        _ => "invalid file".to_string(),
    }
}

fn find_line(bytes: &[u8], text: &str) -> Option<usize> {
    let first = text.lines().next()?;
    memchr::memmem::find(bytes, first.as_bytes())
}

// ---------------------------------------------------------------------------------------------
// JSON

/// Parses JSON: validates with serde_json (errors carry line and column), then records every
/// string value with its dotted key path and span.
pub fn parse_json(file: &Path, bytes: &[u8]) -> Result<Document, Error> {
    if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
        return Err(Error::Parse {
            file: file.to_path_buf(),
            line: e.line(),
            column: e.column(),
            msg: format!("invalid JSON: {}", json_kind(&e)),
        });
    }
    let mut s = JsonScanner {
        bytes,
        i: 0,
        entries: Vec::new(),
        line: 1,
        counted: 0,
    };
    if s.bytes.starts_with(b"\xEF\xBB\xBF") {
        s.i = 3;
    }
    s.value(&mut Vec::new())
        .map_err(|off| parse_err(file, bytes, off, "invalid JSON"))?;
    Ok(Document {
        format: FileFormat::Json,
        entries: s.entries,
    })
}

fn json_kind(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "unexpected end of file",
        Category::Syntax => "syntax error",
        Category::Data => "invalid data",
        Category::Io => "read error",
    }
}

struct JsonScanner<'a> {
    bytes: &'a [u8],
    i: usize,
    entries: Vec<Entry>,
    /// 1-based line of `counted`: values come in order, so lines are counted once, forward
    /// (counting from the start for every value made large files quadratic).
    line: usize,
    counted: usize,
}

impl JsonScanner<'_> {
    fn ws(&mut self) {
        while self.i < self.bytes.len()
            && matches!(self.bytes[self.i], b' ' | b'\t' | b'\n' | b'\r')
        {
            self.i += 1;
        }
    }

    /// Returns the span of a string starting at `self.i` (a `"`), and moves past it.
    fn string(&mut self) -> Result<Range<usize>, usize> {
        let start = self.i;
        if self.bytes.get(self.i) != Some(&b'"') {
            return Err(self.i);
        }
        self.i += 1;
        while self.i < self.bytes.len() {
            match self.bytes[self.i] {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return Ok(start..self.i);
                }
                _ => self.i += 1,
            }
        }
        Err(start)
    }

    fn decode(&self, span: Range<usize>) -> Result<String, usize> {
        serde_json::from_slice::<String>(&self.bytes[span.clone()]).map_err(|_| span.start)
    }

    fn value(&mut self, path: &mut Vec<String>) -> Result<(), usize> {
        self.ws();
        match self.bytes.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                self.ws();
                if self.bytes.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.ws();
                    let kspan = self.string()?;
                    let key = self.decode(kspan)?;
                    self.ws();
                    if self.bytes.get(self.i) != Some(&b':') {
                        return Err(self.i);
                    }
                    self.i += 1;
                    path.push(key);
                    self.value(path)?;
                    path.pop();
                    self.ws();
                    match self.bytes.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err(self.i),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                self.ws();
                if self.bytes.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(());
                }
                let mut idx = 0usize;
                loop {
                    path.push(idx.to_string());
                    self.value(path)?;
                    path.pop();
                    idx += 1;
                    self.ws();
                    match self.bytes.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err(self.i),
                    }
                }
            }
            Some(b'"') => {
                let span = self.string()?;
                let value = self.decode(span.clone())?;
                if !path.is_empty() {
                    self.line +=
                        memchr::memchr_iter(b'\n', &self.bytes[self.counted..span.start]).count();
                    self.counted = span.start;
                    let line = self.line;
                    self.entries.push(Entry {
                        key: path.join("."),
                        value: Secret::new(value),
                        span,
                        line,
                        quote: Quote::Double,
                        substituted: false,
                    });
                }
                Ok(())
            }
            Some(_) => {
                // number, true, false, null: skip the token.
                while self.i < self.bytes.len()
                    && !matches!(
                        self.bytes[self.i],
                        b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'
                    )
                {
                    self.i += 1;
                }
                Ok(())
            }
            None => Err(self.i),
        }
    }
}

/// Encodes a replacement value in the style of the original (the reference text is plain
/// ASCII without quotes, spaces or backslashes, so every style can hold it verbatim).
pub fn encode(format: FileFormat, quote: Quote, text: &str) -> Vec<u8> {
    match format {
        FileFormat::Json => serde_json::to_vec(text).expect("strings serialise"),
        FileFormat::Dotenv => match quote {
            Quote::Single => format!("'{text}'").into_bytes(),
            Quote::Double => format!("\"{text}\"").into_bytes(),
            Quote::None | Quote::Mixed => text.as_bytes().to_vec(),
        },
    }
}

/// Encodes an original value back into the file for rollback, in its recorded style. Values
/// that the style cannot hold verbatim fall back to a style that can.
pub fn encode_value(format: FileFormat, quote: Quote, value: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(value);
    match format {
        FileFormat::Json => serde_json::to_vec(&text).expect("strings serialise"),
        FileFormat::Dotenv => {
            let plain_ok = !value.is_empty()
                && value.iter().all(|&b| {
                    b.is_ascii_graphic() && !matches!(b, b'\'' | b'"' | b'\\' | b'#' | b'$')
                });
            // dotenv line splitters treat `\` inside single quotes as an escape.
            let single_ok = !value.contains(&b'\'') && !value.contains(&b'\\');
            match quote {
                Quote::None | Quote::Mixed if plain_ok => value.to_vec(),
                Quote::Single if single_ok => {
                    let mut v = b"'".to_vec();
                    v.extend_from_slice(value);
                    v.push(b'\'');
                    v
                }
                _ => {
                    if single_ok && quote != Quote::Double {
                        let mut v = b"'".to_vec();
                        v.extend_from_slice(value);
                        v.push(b'\'');
                        return v;
                    }
                    let mut v = b"\"".to_vec();
                    for &b in value {
                        match b {
                            b'\\' | b'"' | b'$' => {
                                v.push(b'\\');
                                v.push(b);
                            }
                            b'\n' => v.extend_from_slice(b"\\n"),
                            _ => v.push(b),
                        }
                    }
                    v.push(b'"');
                    v
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Document {
        parse_dotenv(Path::new(".env"), s.as_bytes()).unwrap()
    }

    fn val(e: &Entry) -> &str {
        std::str::from_utf8(e.value.expose()).unwrap()
    }

    #[test]
    fn dotenv_spans_quotes_comments_export_crlf() {
        let text = "# top\r\n\r\nexport A=plain  # note\r\nB='single q'\r\nC=\"dq \\\"x\\\" \\$y\"\r\nD=\r\nE=a'b'\"c\"\r\n  F = 7\r\n";
        let d = p(text);
        let keys: Vec<_> = d.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["A", "B", "C", "D", "E", "F"]);
        let e = &d.entries;
        assert_eq!(val(&e[0]), "plain");
        assert_eq!(&text[e[0].span.clone()], "plain");
        assert_eq!(e[0].quote, Quote::None);
        assert_eq!(val(&e[1]), "single q");
        assert_eq!(&text[e[1].span.clone()], "'single q'");
        assert_eq!(e[1].quote, Quote::Single);
        assert_eq!(val(&e[2]), "dq \"x\" $y");
        assert_eq!(e[2].quote, Quote::Double);
        assert_eq!(val(&e[3]), "");
        assert_eq!(val(&e[4]), "abc");
        assert_eq!(e[4].quote, Quote::Mixed);
        assert_eq!(val(&e[5]), "7");
        assert_eq!(e[5].line, 8);
    }

    #[test]
    fn dotenv_multiline_quoted_value() {
        let text = "KEY=\"-----BEGIN X-----\nabc\n-----END X-----\"\nNEXT=1\n";
        let d = p(text);
        assert_eq!(
            val(&d.entries[0]),
            "-----BEGIN X-----\nabc\n-----END X-----"
        );
        assert_eq!(d.entries[1].key, "NEXT");
        assert_eq!(d.entries[1].line, 4);
    }

    #[test]
    fn dotenv_substitution_is_marked() {
        let d = p("A=x\nB=${A}y\nC='$A'\n");
        assert!(!d.entries[0].substituted);
        assert!(d.entries[1].substituted);
        assert!(!d.entries[2].substituted);
        assert_eq!(val(&d.entries[2]), "$A");
    }

    #[test]
    fn dotenv_errors_name_line_and_column() {
        for (text, line, col) in [
            ("A=1\nB='open\n", 2, 3),
            ("A=1\n1BAD=x\n", 2, 1),
            ("A=1\nB=two words\n", 2, 7),
            ("A=1\nNOEQUALS\n", 2, 9),
            ("A=\"bad \\q\"\n", 1, 9),
        ] {
            match parse_dotenv(Path::new("f.env"), text.as_bytes()) {
                Err(Error::Parse {
                    line: l, column: c, ..
                }) => assert_eq!((l, c), (line, col), "{text:?}"),
                other => panic!("{text:?}: expected parse error, got {other:?}"),
            }
        }
        let err = parse_dotenv(Path::new("f.env"), b"A=1\nB=\xff\n").unwrap_err();
        assert!(matches!(err, Error::Parse { line: 2, .. }), "{err:?}");
    }

    #[test]
    fn dotenv_error_does_not_echo_value() {
        let err = parse_dotenv(Path::new("f.env"), b"PW=hunter2 hunter3\n").unwrap_err();
        assert!(!err.to_string().contains("hunter"), "{err}");
    }

    #[test]
    fn json_spans_and_paths() {
        let text = "{\n  \"db\": {\"user\": \"p\\u0041ss\", \"port\": 5432},\n  \"list\": [\"a\", {\"k\": \"v\"}],\n  \"flag\": true\n}\n";
        let d = parse_json(Path::new("c.json"), text.as_bytes()).unwrap();
        let keys: Vec<_> = d.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["db.user", "list.0", "list.1.k"]);
        assert_eq!(val(&d.entries[0]), "pAss");
        assert_eq!(&text[d.entries[0].span.clone()], "\"p\\u0041ss\"");
        assert_eq!(d.entries[0].line, 2);
    }

    #[test]
    fn json_errors_have_line_and_column() {
        let err = parse_json(Path::new("c.json"), b"{\n \"a\": \"x\",\n}\n").unwrap_err();
        assert!(matches!(err, Error::Parse { line: 3, .. }), "{err:?}");
    }

    #[test]
    fn encode_round_trips_through_the_parser() {
        for v in [
            "plain",
            "with space",
            "it's",
            "q\"uote$x\\",
            "multi\nline",
            "#hash",
        ] {
            for q in [Quote::None, Quote::Single, Quote::Double, Quote::Mixed] {
                let enc = encode_value(FileFormat::Dotenv, q, v.as_bytes());
                let mut text = b"K=".to_vec();
                text.extend_from_slice(&enc);
                text.push(b'\n');
                let d = parse_dotenv(Path::new(".env"), &text)
                    .unwrap_or_else(|e| panic!("{v:?} {q:?}: {e}"));
                assert_eq!(d.entries[0].value.expose(), v.as_bytes(), "{v:?} {q:?}");
            }
        }
    }
}
