//! False-positive filters shared by every rule: entropy, stopwords, placeholders.

/// Substrings (lower-case) that mark a value as a placeholder or a reference to elsewhere.
pub const PLACEHOLDER_MARKERS: &[&str] = &[
    "example",
    "xxxx",
    "placeholder",
    "changeme",
    "change_me",
    "change-me",
    "your_",
    "your-",
    "yourapi",
    "redacted",
    "dummy",
    "replace_me",
    "replaceme",
    "insert_",
    "todo",
    "fixme",
    "*****",
    "....",
    "os.environ",
    "process.env",
    "getenv",
    "system.getenv",
];

/// Openings (lower-case) of template expressions and variable references: a value that
/// *starts* with one is substituted at run time, not a secret (`${DB_PASSWORD}`,
/// `{{ .Data.password }}`, `%(pw)s`, `<%= ENV['X'] %>`, `#{ENV['X']}`, `$(cat file)`).
pub const TEMPLATE_OPENINGS: &[&str] = &["${", "{{", "{%", "%(", "<%", "#{", "$("];

/// A complete `${NAME}` / `${NAME:-…` / `{{ .name }}` interpolation (not mere `${` or `{{`
/// characters, which random secrets can contain).
static INTERPOLATION: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::Regex::new(
        r"\$\{[a-z_][a-z0-9_.]*(?:\}|:|$)|\{\{\s*[.a-z_$][a-z0-9_.\[\]'\x22 |]*\}\}",
    )
    .expect("static regex")
});

/// Lower-case words of an identifier: `DB_PASSWORD` → `db`, `password`; `smtpPass` → `smtp`,
/// `pass`; `apikey_myservice` → `apikey`, `myservice`.
pub fn name_tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Name words that mean a secret on their own.
const SECRET_WORDS: &[&str] = &[
    "pass",
    "pwd",
    "pw",
    "pswd",
    "passwd",
    "auth",
    "authorization",
    "creds",
    "cred",
    "psk",
];

/// Fragments that make a name word mean a secret wherever they occur in it (`dbpassword`,
/// `secrete`, `accesstoken`, `clientsecret`, `credentials`).
const SECRET_FRAGMENTS: &[&str] = &[
    "password",
    "passwd",
    "passwort",
    "passphrase",
    "passcode",
    "secret",
    "token",
    "apikey",
    "accesskey",
    "privatekey",
    "privkey",
    "credential",
    "contrase",
];

/// Words that contain a fragment without naming a secret.
const NOT_SECRET_WORDS: &[&str] = &[
    "secretary",
    "secretariat",
    "tokenize",
    "tokenizer",
    "tokenizers",
    "tokenized",
    "tokenizing",
    "tokenization",
    "passwordless",
];

/// Two-word names of a secret: `api_key`, `access-key`, `privateKey`, `signing.key`.
const SECRET_PAIRS: &[(&str, &str)] = &[
    ("api", "key"),
    ("access", "key"),
    ("private", "key"),
    ("priv", "key"),
    ("client", "key"),
    ("master", "key"),
    ("signing", "key"),
    ("encryption", "key"),
    ("account", "key"),
    ("service", "key"),
    ("session", "key"),
];

/// Last words that make a name describe a property of a secret, or something else entirely:
/// `password_length`, `token_url`, `secret_name`, `api_key_id`, `passwordField`.
const DESCRIPTOR_WORDS: &[&str] = &[
    "name",
    "names",
    "id",
    "ids",
    "type",
    "types",
    "kind",
    "url",
    "uri",
    "urls",
    "endpoint",
    "host",
    "hostname",
    "port",
    "path",
    "paths",
    "file",
    "filename",
    "files",
    "dir",
    "directory",
    "field",
    "fields",
    "label",
    "hint",
    "hints",
    "length",
    "len",
    "size",
    "min",
    "max",
    "policy",
    "policies",
    "regex",
    "regexp",
    "pattern",
    "prompt",
    "placeholder",
    "format",
    "expiry",
    "expires",
    "expire",
    "expiration",
    "expired",
    "ttl",
    "timeout",
    "lifetime",
    "age",
    "count",
    "limit",
    "attempts",
    "retries",
    "header",
    "headers",
    "param",
    "params",
    "parameter",
    "env",
    "var",
    "variable",
    "enabled",
    "enable",
    "disabled",
    "required",
    "mode",
    "method",
    "methods",
    "provider",
    "providers",
    "store",
    "manager",
    "service",
    "validator",
    "validation",
    "rule",
    "rules",
    "error",
    "errors",
    "message",
    "msg",
    "text",
    "title",
    "description",
    "desc",
    "help",
    "tooltip",
    "prefix",
    "suffix",
    "class",
    "input",
    "button",
    "btn",
    "link",
    "column",
    "col",
    "index",
    "idx",
    "hash",
    "hashed",
    "digest",
    "salt",
    "iterations",
    "rounds",
    "algorithm",
    "algo",
    "cost",
    "flag",
    "status",
    "state",
    "template",
    "version",
    "ref",
    "reference",
    "arn",
    "location",
    "source",
    "user",
    "username",
    "login",
    "email",
    "icon",
    "visible",
    "visibility",
    "toggle",
    "strength",
    "changed",
    "updated",
    "created",
    "date",
    "time",
    "at",
    "set",
    "exists",
    "option",
    "options",
    "config",
    "settings",
    "callback",
    "handler",
    "schema",
    "loader",
    "reader",
    "stream",
    "streams",
    "scheme",
    "schemes",
    "protocol",
    "tree",
    "trees",
    "parser",
    "lexer",
    "iter",
    "iterator",
    "factory",
    "builder",
    "num",
    "number",
    "bits",
    "mask",
    "gecos",
    "shell",
    "uid",
    "gid",
];

/// Words before `key` that make it a non-secret key: public keys, database and data-structure
/// keys, UI, keyboard and translation keys, pagination cursors, request ids, config names.
const NOT_SECRET_KEY_KINDS: &[&str] = &[
    "public",
    "pub",
    "publishable",
    "site",
    "verification",
    "gpg",
    "pgp",
    "fingerprint",
    "primary",
    "foreign",
    "unique",
    "composite",
    "surrogate",
    "natural",
    "candidate",
    "compound",
    "partition",
    "shard",
    "routing",
    "range",
    "sort",
    "cache",
    "lookup",
    "map",
    "dict",
    "hash",
    "table",
    "group",
    "order",
    "index",
    "idx",
    "join",
    "match",
    "merge",
    "row",
    "column",
    "col",
    "field",
    "attr",
    "attribute",
    "property",
    "prop",
    "param",
    "meta",
    "metadata",
    "config",
    "setting",
    "settings",
    "option",
    "env",
    "header",
    "json",
    "yaml",
    "registry",
    "object",
    "s3",
    "blob",
    "file",
    "path",
    "bucket",
    "react",
    "list",
    "item",
    "node",
    "child",
    "component",
    "element",
    "event",
    "action",
    "type",
    "kind",
    "cursor",
    "page",
    "pagination",
    "continuation",
    "next",
    "start",
    "resume",
    "idempotency",
    "dedup",
    "dedupe",
    "request",
    "correlation",
    "trace",
    "i18n",
    "translation",
    "locale",
    "message",
    "msg",
    "label",
    "text",
    "string",
    "title",
    "hot",
    "short",
    "shortcut",
    "keyboard",
    "modifier",
    "accel",
    "music",
    "redis",
    "memcache",
];

/// First words that make a name a question or a setting about a secret: `is_password_set`,
/// `min_password_length`, `forgotPassword`, `showPassword`.
const DESCRIPTOR_LEADS: &[&str] = &[
    "is", "has", "show", "hide", "min", "max", "num", "forgot", "enable", "disable", "use",
    "validate", "require", "allow", "no", "get", "fetch", "load", "read", "log", "print", "echo",
    "test", "assert", "expect", "check", "verify",
];

/// Whether a variable or property name names a secret itself, not a property of one.
///
/// `DB_PASSWORD`, `smtpPass`, `apikey_myservice`, `secrete`, `my_password_secure`,
/// `aws_secret_access_key` do; `password_length`, `token_url`, `bypass`, `tokenizer`,
/// `author`, `is_password_set` do not.
pub fn key_names_secret(key: &[u8]) -> bool {
    let key = String::from_utf8_lossy(key);
    let toks = name_tokens(&key);
    let sensitive = |t: &str| {
        SECRET_WORDS.contains(&t)
            || (SECRET_FRAGMENTS.iter().any(|f| t.contains(f))
                && !NOT_SECRET_WORDS.iter().any(|w| t.starts_with(w)))
    };
    // `KEY`, `signing_key`, `hmacKey`, `webhook_key`: a key of some kind, unless the word before
    // says what non-secret kind (`public_key`, `sort_key`, `cache_key`, `i18n_key`).
    let names_a_key = toks.last().is_some_and(|t| t == "key")
        && (toks.len() == 1 || !NOT_SECRET_KEY_KINDS.contains(&toks[toks.len() - 2].as_str()));
    let has_secret = toks.iter().any(|t| sensitive(t))
        || names_a_key
        || toks
            .windows(2)
            .any(|w| SECRET_PAIRS.contains(&(w[0].as_str(), w[1].as_str())));
    if !has_secret {
        return false;
    }
    let last = toks.last().map(String::as_str).unwrap_or_default();
    let first = toks.first().map(String::as_str).unwrap_or_default();
    // A name ending in a descriptor still names a secret when the descriptor is itself the
    // secret word (`secret`, `client_key`…): only reject when the last word is not sensitive.
    let describes = DESCRIPTOR_WORDS.contains(&last) && !sensitive(last);
    let asks = DESCRIPTOR_LEADS.contains(&first) && toks.len() > 1;
    !(describes || asks)
}

/// Words of user-interface text and instructions: a multi-word value containing one is a
/// message about a secret (`"Please enter your password"`), not a passphrase.
const PROSE_WORDS: &[&str] = &[
    "the",
    "your",
    "you",
    "please",
    "enter",
    "must",
    "should",
    "is",
    "are",
    "not",
    "invalid",
    "incorrect",
    "wrong",
    "required",
    "missing",
    "failed",
    "fails",
    "error",
    "cannot",
    "can't",
    "characters",
    "least",
    "click",
    "here",
    "field",
    "match",
    "matches",
    "does",
    "do",
    "don't",
    "forgot",
    "reset",
    "type",
    "provide",
    "minimum",
    "maximum",
    "new",
    "confirm",
    "will",
    "be",
    "been",
    "this",
    "that",
    "if",
    "for",
    "doesnt",
    "dont",
    "isnt",
    "cant",
    "wont",
    "to",
    "of",
    "was",
    "has",
    "have",
    "show",
    "hide",
    "change",
    "used",
    "use",
    "set",
    "from",
    "into",
    "string",
];

/// Secret words: a value that mentions one is a label, a message or a format string
/// (`"authorization="`), not the secret.
const SELF_NAMING: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "api key",
    "apikey",
    "credential",
    "auth=",
];

static CODE_EXPRESSION: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::Regex::new(
        r#"(?x)^(?:
                # a call or an index, possibly chained, possibly continued on the next line:
                # getPassword(), os.getenv('X').strip(), args[0], env['X'], resend(ctx,
                [A-Za-z_$@][A-Za-z0-9_$]*(?:(?:\.|::|->|\?\.)[A-Za-z0-9_$]+)*
                [(\[].*
                # a member or path without digits: cfg.db.password, self->pw, Config::PASSWORD
              | [A-Za-z_$@][A-Za-z_$]*(?:(?:\.|::|->|\?\.)[A-Za-z_$][A-Za-z_$]*)+
                # a bare identifier ending an argument list or statement: f(user_auth=value)
              | [A-Za-z_$][A-Za-z0-9_$]*[;,)]+
                # a generic type (maybe continued on the next line) or a macro call:
                # Option<String>, Option<, format!(…)
              | [A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*(?:<.*|!\s*[(\[{].*)
                # a shell, Perl or PHP variable expression: $variable{"PWD"}, ${x:-y}, $(cmd)
              | \$[A-Za-z_{(].*
                # a numeric constant: 887563923, 0xFE76, 42UL
                # with C or Rust suffixes: 42UL, 49187u32, 0xFFusize
              | (?:[0-9][0-9_]{0,11}|0[xX][0-9A-Fa-f_]{1,10})(?:[uUlL]{0,3}|[ui](?:8|16|32|64|128|size))
                # identifiers joined by bitwise or arithmetic operators, spaced (a ^ b) or
                # snake_case (client_pk^server_sk); Granite%Owl4 stays a password
              | [A-Za-z_][A-Za-z0-9_]*(?:[ \t]+[\^|&*%][ \t]+[A-Za-z_][A-Za-z0-9_]*)+
              | [a-z]+_[a-z0-9_]*(?:[\^|&*%][a-z]+_[a-z0-9_]*)+
              | (?:new|await|require|import|function|lambda|fn|func|typeof)\b.*
                # a negation, a grouping, a reference or a dereference: !isValid(), (a || b),
                # &cfg, *ptr; but `!` before a value with a digit reads as a password (!Dd5G4s9)
              | ![A-Za-z_$][A-Za-z_$.]*(?:\(.*\))?
              | [(\[{&*].*
            )[;,)]*$"#,
    )
    .expect("static regex")
});

/// A file-system path or glob: `/usr/local/share`, `~/.ssh/id_rsa`, `tests/run-pass/*.rs`,
/// `C:\keys\app.pfx`.
/// A path through a namespace, quoted or not (`windows_sys::Win32::Foundation::HANDLE`,
/// `$serde_json::private::Number`, `rng.random::<u128>()`): code, not a secret.
static NAMESPACE_PATH: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::Regex::new(r"^[$@]?[A-Za-z_][A-Za-z0-9_.]*::[<A-Za-z_].*$").expect("static regex")
});

/// A CONSTANT_CASE or snake_case name that digits do not make a secret
/// (`D3D10_SB_RESOURCE_RETURN_TYPE`, `SCSI_PASS_THROUGH32`, `x25519_generate_private_key`): one
/// case throughout, at least two `_`-separated words of two or more letters (one, in a constant of
/// four parts or more: `TLS13_CHACHA20_POLY1305_SHA256_INTERNAL`), and three parts for snake_case
/// (`db_pass` alone is too short to judge).
fn is_constant_or_snake_name(value: &[u8]) -> bool {
    let value = value.strip_suffix(b",").unwrap_or(value);
    let upper = value
        .iter()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_');
    let lower = value
        .iter()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_');
    if !(upper || lower) || !value.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let parts: Vec<&[u8]> = value.split(|&b| b == b'_').collect();
    let words = parts
        .iter()
        .filter(|p| p.len() >= 2 && p.iter().all(u8::is_ascii_alphabetic))
        .count();
    let enough_words = words >= 2 || (upper && words >= 1 && parts.len() >= 4);
    enough_words && parts.len() >= if upper { 2 } else { 3 }
}

static PATH: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::Regex::new(
        r"(?x)^(?:
            (?:~|\.{1,2})?/[A-Za-z0-9_.*@+-]*(?:/[A-Za-z0-9_.*@+-]*)*
          | [A-Za-z0-9_.*-]+(?:/[A-Za-z0-9_.*-]+)*/[A-Za-z0-9_-]*[.*][A-Za-z0-9_.*-]*
          | [A-Za-z]:\\[^\s]*
        )$",
    )
    .expect("static regex")
});

/// Whether the secret at `span` of `hay` reads as a literal value: it holds a letter or digit;
/// a quoted value is closed by the same quote; a single word is not only letters (a plain word
/// or identifier such as `somefakekey`, `real_key`); a multi-word value is not a message (no
/// user-interface words, does not name the secret, no sentence punctuation, at most six words);
/// an unquoted value is not code (a variable, member access or call).
pub fn is_literal_value(hay: &[u8], span: std::ops::Range<usize>) -> bool {
    let value = &hay[span.clone()];
    if !value.iter().any(u8::is_ascii_alphanumeric) {
        return false;
    }
    let quote = |b: u8| matches!(b, b'"' | b'\'' | b'`');
    let before = span.start.checked_sub(1).map(|i| hay[i]);
    let quoted = before.is_some_and(quote);
    if let Some(open) = before.filter(|&b| quote(b)) {
        let mut close = span.end;
        if hay.get(close) == Some(&b'\\') {
            close += 1;
        }
        if hay.get(close) != Some(&open) {
            return false;
        }
    }
    let lower = value.to_ascii_lowercase();
    if SELF_NAMING
        .iter()
        .any(|w| memchr::memmem::find(&lower, w.as_bytes()).is_some())
    {
        return false;
    }
    let words: Vec<&[u8]> = value
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 1 {
        // Three or more capitalised words are a title or a label ("TLS Web Server
        // Authentication", "RSA PRIVATE KEY"), not a passphrase.
        let title = words.len() >= 3
            && words
                .iter()
                .all(|w| w[0].is_ascii_uppercase() || w[0].is_ascii_digit());
        let prose = title
            || words.len() > 6
            || matches!(value.last(), Some(b'.' | b':' | b'?'))
            || words.iter().any(|w| {
                let w: Vec<u8> = w
                    .iter()
                    .filter(|b| b.is_ascii_alphabetic() || **b == b'\'')
                    .map(u8::to_ascii_lowercase)
                    .collect();
                PROSE_WORDS.iter().any(|p| p.as_bytes() == w.as_slice())
            });
        return quoted && !prose;
    }
    // `authorization=`, `token:`: a key prefix in a format string. An unquoted value's trailing
    // comma ends a code literal's element (`token_range: start..end,`). Judge what comes before.
    let stem = match value.last() {
        Some(b'=' | b':') => &value[..value.len() - 1],
        Some(b',') if !quoted => &value[..value.len() - 1],
        _ => value,
    };
    let identifier_like = stem
        .iter()
        .all(|b| b.is_ascii_alphabetic() || matches!(b, b'_' | b'.' | b'-' | b'/'));
    if identifier_like
        || PATH.is_match(value)
        || NAMESPACE_PATH.is_match(stem)
        || is_constant_or_snake_name(stem)
    {
        return false;
    }
    quoted || !CODE_EXPRESSION.is_match(value)
}

/// Shannon entropy in bits per byte.
pub fn shannon_entropy(bytes: &[u8]) -> f32 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    let n = bytes.len() as f32;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f32 / n;
            -p * p.log2()
        })
        .sum()
}

/// True if the value contains one of the (lower-case) stopwords, ignoring ASCII case.
pub fn has_stopword(value: &[u8], stopwords: &[String]) -> bool {
    !stopwords.is_empty() && {
        let lower = value.to_ascii_lowercase();
        stopwords
            .iter()
            .any(|w| memchr::memmem::find(&lower, w.as_bytes()).is_some())
    }
}

/// True if the value is a placeholder, template, variable reference, vault reference, a single
/// repeated character, or a plain ascending sequence such as `0123456789` or `abcdef123456`.
///
/// Template and reference checks are structural (the value *is* `${X}`, `<password>`, `$VAR`),
/// not substring matches: a random secret may well contain `{{` or `>` somewhere.
pub fn is_placeholder(value: &[u8]) -> bool {
    let lower = value.to_ascii_lowercase();
    if lower.is_empty() {
        return true;
    }
    if PLACEHOLDER_MARKERS
        .iter()
        .any(|m| memchr::memmem::find(&lower, m.as_bytes()).is_some())
    {
        return true;
    }
    if lower.starts_with(b"vault:")
        || TEMPLATE_OPENINGS
            .iter()
            .any(|o| lower.starts_with(o.as_bytes()))
    {
        return true;
    }
    // `<password>`, `<your token here>`: a description in angle brackets.
    if lower.len() >= 2 && lower[0] == b'<' && lower[1].is_ascii_alphabetic() {
        return true;
    }
    // A format placeholder as the whole value: `{password}`, `{0}`, `{db.pass:>8}`.
    if lower.len() >= 2
        && lower[0] == b'{'
        && lower[lower.len() - 1] == b'}'
        && lower[1..lower.len() - 1]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'>' | b'<'))
    {
        return true;
    }
    // A complete interpolation anywhere: `user-${ENV_NAME}-x`, `{{ .Values.password }}`.
    if INTERPOLATION.is_match(&lower) {
        return true;
    }
    // `$DB_PASS`, `%DB_PASS%`: a shell or batch variable.
    let ident = |s: &[u8]| {
        !s.is_empty()
            && (s[0].is_ascii_alphabetic() || s[0] == b'_')
            && s.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
    };
    if lower[0] == b'$' && ident(&lower[1..]) {
        return true;
    }
    if lower.len() > 2
        && lower[0] == b'%'
        && lower[lower.len() - 1] == b'%'
        && ident(&lower[1..lower.len() - 1])
    {
        return true;
    }
    if lower.iter().all(|&b| b == lower[0]) {
        return true;
    }
    is_sequence(&lower)
}

/// Alphanumerics form at most two ascending runs (`abcdef`, `123456`, `abc123`), at least 6 long.
fn is_sequence(lower: &[u8]) -> bool {
    let alnum: Vec<u8> = lower
        .iter()
        .copied()
        .filter(|b| b.is_ascii_alphanumeric())
        .collect();
    if alnum.len() < 6 {
        return false;
    }
    let mut runs = 1;
    let mut run_len = 1;
    for w in alnum.windows(2) {
        let next = w[1] == w[0].wrapping_add(1) || (w[0] == b'9' && w[1] == b'0');
        if next {
            run_len += 1;
        } else {
            if run_len < 3 {
                return false;
            }
            runs += 1;
            run_len = 1;
        }
    }
    runs <= 2 && run_len >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_of_known_strings() {
        assert_eq!(shannon_entropy(b"aaaa"), 0.0);
        assert!((shannon_entropy(b"abcd") - 2.0).abs() < 1e-6);
        assert!(shannon_entropy(b"q8Zr2LmX9pTbW4yKc7NvE1hG") > 4.0);
    }

    #[test]
    fn placeholders_are_dropped() {
        for p in [
            "changeme",
            "<password>",
            "${DB_PASSWORD}",
            "{{ .Data.password }}",
            "%(pw)s",
            "xxxxxxxxxxxx",
            "your-api-key-here",
            "YOUR_API_KEY",
            "$DB_PASS",
            "vault:secret/data/app#KEY",
            "AKIAIOSFODNN7EXAMPLE",
            "aaaaaaaaaaaa",
            "0123456789",
            "abcdef123456",
            "REDACTED",
            "os.environ['X']",
            "<%= ENV['DB_PASSWORD'] %>",
            "#{ENV['TOKEN']}",
            "$(cat /run/secrets/db)",
            "%DB_PASSWORD%",
            "<your token here>",
            "<your",
            "-${default_pw",
            "pre-{{ .Values.db.password }}",
            "{stripe}",
            "{0}",
        ] {
            assert!(is_placeholder(p.as_bytes()), "{p} should be a placeholder");
        }
    }

    #[test]
    fn real_looking_values_are_kept() {
        for v in [
            "Summer2024!",
            "hunter2hunter2",
            "Tr0ub4dor&3",
            "ghp_R8xk2LmQ9xZr4TbW1nPq7sVd3Hy6Jc0aFgEu", // vaultsweep:allow
            "sk_test_51Hq2kLmN8xZr4TbW",
            "p@ssw0rd-2023",
            "$2b$10$abc",
            "m{{h}o)p${e]nob(ody[finds>-_$#thisone}}",
            "a<b>c-9f8e7d",
        ] {
            assert!(!is_placeholder(v.as_bytes()), "{v} should be kept");
        }
    }

    #[test]
    fn key_names_that_name_a_secret() {
        for k in [
            "key",
            "KEY",
            "signing_key",
            "hmacKey",
            "webhook-key",
            "DB_PASSWORD",
            "smtpPass",
            "apikey_myservice",
            "secrete",
            "my_password_secure",
            "aws_secret_access_key",
            "db_pass",
            "client-secret",
            "AccessToken",
            "private_key",
            "signing.key",
            "credentials",
            "auth",
            "PASSWD",
        ] {
            assert!(key_names_secret(k.as_bytes()), "{k} names a secret");
        }
    }

    #[test]
    fn key_names_that_describe_or_miss_a_secret() {
        for k in [
            "password_length",
            "passwordMinLength",
            "token_url",
            "secret_name",
            "api_key_id",
            "bypass",
            "compass",
            "passenger",
            "tokenizer",
            "author",
            "secretary",
            "is_password_set",
            "forgotPassword",
            "passwordField",
            "token_type",
            "TokenStream",
            "token_tree",
            "auth_scheme",
            "public_key",
            "sortKey",
            "CACHE_KEY",
            "i18n_key",
            "hotkey",
            "SERVER_AUTH_PROTOCOL",
            "monkey",
        ] {
            assert!(
                !key_names_secret(k.as_bytes()),
                "{k} does not name a secret"
            );
        }
    }

    fn literal(line: &str, value: &str) -> bool {
        let start = line.find(value).expect("value in line");
        is_literal_value(line.as_bytes(), start..start + value.len())
    }

    #[test]
    fn literal_values_are_kept() {
        assert!(literal(r#"password = "Summer2024!""#, "Summer2024!")); // vaultsweep:allow
        assert!(literal(
            r#"pw = "value with quotes and spaces""#, // vaultsweep:allow
            "value with quotes and spaces"
        ));
        assert!(literal("secret := A,.:-x@*?!", "A,.:-x@*?!"));
        assert!(literal("DB_PASSWORD=Hunter2", "Hunter2"));
        assert!(literal("password:!Dd5G4s9", "!Dd5G4s9"));
        // digits or mixed case keep these from reading as names
        assert!(literal("API_TOKEN=AB12_CD34_EF56", "AB12_CD34_EF56"));
        assert!(literal("db_pass = sun_flower_7X", "sun_flower_7X"));
        assert!(literal("export MYSQL_PWD=Granite%Owl4", "Granite%Owl4"));
        // a comma inside quotes belongs to the value; two capitalised words may be a passphrase
        assert!(literal(r#"password = "Kq7#vLm2,""#, "Kq7#vLm2,")); // vaultsweep:allow
        assert!(literal(r#"pw = "Blue Harbor""#, "Blue Harbor")); // vaultsweep:allow
        assert!(literal(
            "token=eyJhbGciOi.eyJzdWIiOjF9.Sfl4Kx",
            "eyJhbGciOi.eyJzdWIiOjF9.Sfl4Kx"
        ));
        assert!(literal(
            r#"{\"password\":\"Tundra@3Fern\"}"#, // vaultsweep:allow
            "Tundra@3Fern"
        ));
        assert!(literal(
            "db_pass := m{{h}o)p${e]nob(ody}}",
            "m{{h}o)p${e]nob(ody}}"
        ));
    }

    #[test]
    fn code_identifiers_and_messages_are_dropped() {
        // mismatched quotes
        assert!(!literal(r#"private_key "hopenob0dy';"#, "hopenob0dy"));
        // no letter or digit
        assert!(!literal(r#"password = ",.:-@*?!""#, ",.:-@*?!"));
        // plain words and identifiers
        assert!(!literal(r#"password: "real_key""#, "real_key"));
        assert!(!literal("token = Bearer", "Bearer"));
        // user-interface text
        assert!(!literal(
            r#"password = "Please enter your password""#,
            "Please enter your password"
        ));
        assert!(!literal(
            r#"pw = "Passwords do not match""#,
            "Passwords do not match"
        ));
        assert!(!literal(
            r#"token = "Session expired.""#,
            "Session expired."
        ));
        // unquoted code
        assert!(!literal(
            "password = getpass.getpass()",
            "getpass.getpass()"
        ));
        assert!(!literal(
            "password = settings.DB_PASSWORD",
            "settings.DB_PASSWORD"
        ));
        assert!(!literal("secret = os.environ['S3']", "os.environ['S3']"));
        assert!(!literal("pw = new Password(1)", "new Password(1)"));
        assert!(!literal("password: !vault |", "!vault |"));
        assert!(!literal("pass = !isValid", "!isValid"));
        // namespace paths, constants and long snake_case names, digits or not
        assert!(!literal(
            "token: windows_sys::Win32::Foundation::HANDLE,",
            "windows_sys::Win32::Foundation::HANDLE,"
        ));
        assert!(!literal(
            r#"TOKEN: &str = "$serde_json::private::Number";"#,
            "$serde_json::private::Number"
        ));
        assert!(!literal(
            "token = rng.random::<u128>();",
            "rng.random::<u128>();"
        ));
        assert!(!literal(
            "ReturnTypeToken: D3D10_SB_RESOURCE_RETURN_TYPE",
            "D3D10_SB_RESOURCE_RETURN_TYPE"
        ));
        assert!(!literal(
            "private_key: x25519_generate_private_key",
            "x25519_generate_private_key"
        ));
        // unclosed calls and generic types (the line continues below)
        assert!(!literal(
            "credentials = resend_needed(ctx->client,",
            "resend_needed(ctx->client,"
        ));
        assert!(!literal("type HttpPasswordCB = Option<", "Option<"));
        assert!(!literal(
            "let tokens = self.0.clone().into_iter();",
            "self.0.clone().into_iter();"
        ));
        assert!(!literal("token_range: start..end,", "start..end,"));
        assert!(!literal("AUTH_PROTOCOL = 49187u32;", "49187u32;"));
        assert!(!literal(
            "shared_secret = client_pk^server_sk;",
            "client_pk^server_sk;"
        ));
        assert!(!literal(
            "expander = TLS13_CHACHA20_POLY1305_SHA256_INTERNAL",
            "TLS13_CHACHA20_POLY1305_SHA256_INTERNAL"
        ));
        assert!(!literal(
            r#"{"serverAuth", "TLS Web Server Authentication","#,
            "TLS Web Server Authentication"
        ));
        assert!(!literal(
            r#"RsaPrivateKey => b"RSA PRIVATE KEY""#,
            "RSA PRIVATE KEY"
        ));
        assert!(!literal(
            "pw: !this.session.locked()",
            "!this.session.locked()"
        ));
        assert!(!literal("token = a b c", "a b c"));
        assert!(!literal("secret: Range<usize>,", "Range<usize>,"));
        assert!(!literal("let token = format!(", "format!("));
        assert!(!literal(
            r#"mount (`secret`, `smart-dairy/kv`)"#,
            "smart-dairy/kv"
        ));
        assert!(!literal(
            "$pwd = $variable{\"PWD\"};",
            "$variable{\"PWD\"};"
        ));
        assert!(!literal("f(user_auth=auth_value)", "auth_value)"));
        assert!(!literal("#define PWD_SUSPEND_EN 0xFE76", "0xFE76"));
        assert!(!literal(
            r#"#define AUTHZ "authorization=""#,
            "authorization="
        ));
        assert!(!literal(
            r#"x = "doesnt start right""#,
            "doesnt start right"
        ));
        // paths and globs
        assert!(!literal(r#"pwd = "/usr/local/share""#, "/usr/local/share"));
        assert!(!literal("PWD=/home/ci/build", "/home/ci/build"));
        assert!(!literal(
            r#"t.pass("tests/run-pass/*.rs");"#,
            "tests/run-pass/*.rs"
        ));
        assert!(literal(
            "aws_secret = wJalrXUtnFEMI/K7MDENG/bPxRfiCY7",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCY7"
        ));
    }

    #[test]
    fn stopwords_ignore_case() {
        let words = vec!["sample".to_string()];
        assert!(has_stopword(b"MySAMPLEkey", &words));
        assert!(!has_stopword(b"MyRealKey", &words));
        assert!(!has_stopword(b"anything", &[]));
    }
}
