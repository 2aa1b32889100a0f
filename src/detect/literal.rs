//! Does this value read as a literal secret, or as code, markup, an identifier, a path or a
//! message? Judged on the value and the bytes around it.

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
    // A long run of letters and digits mixed is a token's random body, not a word of a name
    // (`plane_api_661189f7ee04…`: a provider's prefix and 32 hex digits).
    if parts.iter().any(|p| {
        p.len() >= 16
            && p.iter().filter(|b| b.is_ascii_digit()).count() >= 3
            && p.iter().filter(|b| b.is_ascii_alphabetic()).count() >= 3
    }) {
        return false;
    }
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

/// Code inside a string: format placeholders and interpolation (`'/Users/%s'`, `"OAuth {0}"`,
/// `"Basic $auth_value"`, `` `Basic ${…}` ``, `"#{user}"`), the inside of a concatenation
/// (`" + proxy_auth_header + b"`), a regular expression (`[A-Za-z0-9\-]+`), an indexed member
/// path or query (`Jobs[-1].JobId`, `NextMarker || Contents[-1].Key`), a keyword constant that
/// ends a signature (`None):`), an HTML tag or a cross-reference (`~flask.current_app`).
static CODE_TEXT: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::Regex::new(
        r#"(?x)
          ^\s+[+.]\s | \s[+.]\s*$
        | \[[^\]]*[A-Za-z0-9]-[A-Za-z0-9][^\]]*\][+*?{]
        | \\[dwsDWS][+*?{] | \(\?[:P<=!i]
        | ^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])+(?:\.[A-Za-z_][A-Za-z0-9_]*)+
        | \s(?:\|\||&&)\s
        | ^(?:None|null|nil|NULL|Null|true|false|True|False|undefined|NaN)[):;,\]}]
        | ^\s*</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>
        | [^\\]\.[+*]\??(?:$|[)$|])
        | ^/.*[\[\]^$*+?|].*/[gimsuyd]*[,;]?$
        | &[A-Za-z_][A-Za-z0-9_]*=
        | ^[_$a-z][A-Za-z0-9_$]{0,19}(?:\.[A-Za-z_$][A-Za-z0-9_$]*)+(?:\(.*|[,;):]*)$
        | ^![A-Za-z_$][A-Za-z0-9_$.]*\(
        | ^[A-Za-z_$][A-Za-z0-9_$.]*[\[(]$
        | ^~[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$
        "#,
    )
    .expect("static regex")
});

/// Format placeholders and interpolation: `%s`, `%(name)s`, `%.2f`, `{0}`, `{name}`, `$name`
/// after a separator, `${…`, `#{…`. A value holding one is a template (`'/Users/%s'`, `"OAuth
/// {0}"`, `"Basic $auth_value"`) when what is left around the placeholders has no digit: random
/// passwords hold `%s!` or `{ab}` by chance, and they hold digits.
static PLACEHOLDERS: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::Regex::new(
        r#"(?x)
          %(?:\([A-Za-z_][A-Za-z0-9_]*\))?[sdr](?:[^A-Za-z0-9]|$)
        | %-?[0-9]*\.[0-9]+f
        | \{[0-9]?\}
        | (?:^|[^{])\{[A-Za-z_][A-Za-z_.]*(?:![rsa])?(?::[^{}]*)?\}
        | [\s/:=,@]\$[A-Za-z_][A-Za-z0-9_]*
        | \$\{[A-Za-z_][A-Za-z0-9_.]*[}(:.\[] | \#\{[A-Za-z_@][A-Za-z0-9_.]*[}(.\[]
        "#,
    )
    .expect("static regex")
});

/// Whether a value is a template: placeholders with no digit left around them.
fn is_template(value: &[u8]) -> bool {
    PLACEHOLDERS.is_match(value)
        && !PLACEHOLDERS
            .replace_all(value, &b""[..])
            .iter()
            .any(u8::is_ascii_digit)
}

/// Whether a value is code or markup inside a string rather than a literal (see [`CODE_TEXT`]).
pub fn is_code_text(value: &[u8]) -> bool {
    // A JWT's dot-separated base64url segments read like a member path: never code.
    !value.starts_with(b"eyJ") && (is_template(value) || CODE_TEXT.is_match(value))
}

/// Markup around a value: a reStructuredText role (`` :attr:`request.FILES` ``), or a value
/// that is the text of an HTML element (`<th>Password:</th>`, `<label>Password</label>`).
fn is_markup_around(hay: &[u8], span: std::ops::Range<usize>) -> bool {
    let before = &hay[span.start.saturating_sub(40)..span.start];
    if let Some(rest) = before.strip_suffix(b"`")
        && let Some(colon) = rest.strip_suffix(b":")
    {
        let role = colon
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
            .count();
        return role > 0 && colon.len() > role && colon[colon.len() - role - 1] == b':';
    }
    false
}

/// A name made of words rather than a secret: snake_case, dotted or kebab-case lower-case
/// words (`0011_update_proxy_permissions`, `access_logs.s3.enabled`, `mysql_native_password`),
/// or a CamelCase name of three or more words (`AsyncOAuth1Client`, `Ipv6CidrAssociations`).
/// Each word has a vowel and at most two trailing digits; numbers of up to four digits may
/// stand between them. Mixed-case words with separators (`Harbor_Lights_77`) are kept: that is
/// how people write passwords.
pub fn is_compound_identifier(value: &[u8]) -> bool {
    if value.len() < 6
        || !value
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
    {
        return false;
    }
    let word = |w: &[u8]| {
        let letters = w.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let digits = &w[letters..];
        if (1..=2).contains(&letters) && (1..=2).contains(&digits.len()) {
            return digits.iter().all(u8::is_ascii_digit); // s3, v2, md5
        }
        letters >= 2
            && digits.len() <= 2
            && digits.iter().all(u8::is_ascii_digit)
            // a vowel, unless a short acronym (pkcs11, ssh, tls)
            && (letters <= 4 || w[..letters].iter().any(|b| b"aeiouyAEIOUY".contains(b)))
            && !w[..letters]
                .windows(5)
                .any(|c| c.iter().all(|b| !b"aeiouyAEIOUY".contains(b)))
    };
    let number = |w: &[u8]| !w.is_empty() && w.len() <= 4 && w.iter().all(u8::is_ascii_digit);
    let separated = value.iter().any(|b| matches!(b, b'_' | b'.' | b'-'));
    if separated {
        if value.iter().any(u8::is_ascii_uppercase) || is_memorable_password(value) {
            return false;
        }
        let parts: Vec<&[u8]> = value
            .split(|b| matches!(b, b'_' | b'.' | b'-'))
            .filter(|p| !p.is_empty())
            .collect();
        let words = parts.iter().filter(|p| word(p)).count();
        return parts.len() >= 2
            && words >= 2
            && parts.iter().all(|p| word(p) || number(p))
            && (parts.len() >= 3 || parts.iter().all(|p| word(p) && p.len() >= 4));
    }
    // CamelCase: three or more capitalised words (an acronym may lead one: `OAuth1`), each with
    // three or more lower-case letters and at most one digit after them.
    CAMEL_WORDS.is_match(value)
}

/// A memorable password as password managers generate them (`violet-cobalt-maple-56`): three
/// to six plain words of four or more letters joined by `-`, and a number of two to four digits
/// at the end. Identifiers join words with `_` or `.`, and kebab-case names rarely end in a
/// bare number after three long words (`app-server-prod-01` has a word of three letters).
fn is_memorable_password(value: &[u8]) -> bool {
    let parts: Vec<&[u8]> = value.split(|&b| b == b'-').collect();
    let Some((last, words)) = parts.split_last() else {
        return false;
    };
    (3..=6).contains(&words.len())
        && words
            .iter()
            .all(|w| w.len() >= 4 && w.iter().all(u8::is_ascii_lowercase))
        && (2..=4).contains(&last.len())
        && last.iter().all(u8::is_ascii_digit)
}

static CAMEL_WORDS: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::Regex::new(
        r"^(?:[a-z]{3,}[0-9]?|[A-Z]{1,4}[a-z]{3,}[0-9]?)(?:[A-Z]{1,4}[a-z]{3,}[0-9]?){2,}$",
    )
    .expect("static regex")
});

/// Whether a value given as the second argument of a call or tuple (`f("password", VALUE)`)
/// reads as an argument rather than a secret: a description with spaces
/// (`require_setting("cookie_secret", "secure cookies")`), a plain lower-case word
/// (`writeString('mysql_native_password', 'latin1')`), or a path (`lookup('password',
/// '/dev/null seed=foo')`).
pub fn is_argument_value(value: &[u8]) -> bool {
    let word = value.iter().take_while(|b| b.is_ascii_lowercase()).count();
    value.contains(&b' ')
        || (word >= 2 && value.len() - word <= 2 && value[word..].iter().all(u8::is_ascii_digit))
        || value.starts_with(b"/")
        || value.starts_with(b"~/")
        || value.starts_with(b"./")
}

/// `Basic <base64>` whose credentials have an empty password (`Basic dXNlcjo=` is `user:`):
/// nothing to leak.
pub fn is_empty_basic_auth(value: &[u8]) -> bool {
    use base64::Engine;
    let Some(rest) = value
        .strip_prefix(b"Basic ")
        .or_else(|| value.strip_prefix(b"basic "))
    else {
        return false;
    };
    let rest = rest.trim_ascii();
    match base64::engine::general_purpose::STANDARD.decode(rest) {
        Ok(raw) => raw.ends_with(b":") && raw.iter().filter(|&&b| b == b':').count() == 1,
        Err(_) => false,
    }
}

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
    if is_code_text(value) || is_markup_around(hay, span.clone()) || is_compound_identifier(value) {
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
        // Words of letters only, one of them beyond ASCII ("Contraseña actual", "Mot de passe
        // oublié"): a translation in a locale file, not a passphrase. (ASCII words alone may
        // be one: "Blue Harbor".)
        let letters_only = words
            .iter()
            .all(|w| w.iter().all(|b| b.is_ascii_alphabetic() || *b >= 0x80))
            && value.iter().any(|b| *b >= 0x80);
        let prose = title
            || letters_only
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

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(line: &str, value: &str) -> bool {
        let start = line.find(value).expect("value in line");
        is_literal_value(line.as_bytes(), start..start + value.len())
    }

    #[test]
    fn code_and_markup_inside_strings_are_dropped() {
        for (line, value) in [
            ("home = ['-passwd', '/Users/%s']", "/Users/%s"),
            ("pw = 'user-%(name)s'", "user-%(name)s"),
            (
                "self._omit_token = '__omit_place_holder__%s' % x",
                "__omit_place_holder__%s",
            ),
            (
                r#"headers = {"Authorization": "OAuth {0}".format(t)}"#,
                "OAuth {0}",
            ),
            (
                r#"h.Add("Authorization", "Basic $auth_value")"#,
                "Basic $auth_value",
            ),
            (
                "Authorization: `Basic ${Buffer.from(x)}`",
                "Basic ${Buffer.from(x)}",
            ),
            (
                r#"req += b"Proxy-Authorization: " + proxy_auth_header + b"
""#,
                " + proxy_auth_header + b",
            ),
            (r#""token": "[A-Za-z0-9\-]+""#, r"[A-Za-z0-9\-]+"),
            (r#""output_token": "Jobs[-1].JobId","#, "Jobs[-1].JobId"),
            (
                r#""output_token": "NextMarker || Contents[-1].Key","#,
                "NextMarker || Contents[-1].Key",
            ),
            (
                "def authenticate(self, request, username=None, password=None):",
                "None):",
            ),
            (
                r#""secret": "<p>The responses to the challenge</p>""#,
                "<p>The responses to the challenge</p>",
            ),
            (
                "pass :attr:`request.FILES <django.http.HttpRequest.FILES>`",
                "request.FILES <django.http.HttpRequest.FILES>",
            ),
            ("pass :data:`~flask.current_app` as", "~flask.current_app"),
            (
                "authPluginData1: connection._handshakePacket.authPluginData1,",
                "connection._handshakePacket.authPluginData1,",
            ),
            ("csrfToken: _context6.t7,", "_context6.t7,"),
            ("const PREV_TOKEN = /^[)\\]}>]$/u;", "/^[)\\]}>]$/u;"),
            (
                "const onlyCredentials = !options.providers.some(",
                "!options.providers.some(",
            ),
            (
                "access_token=request.resource_owner_key):",
                "request.resource_owner_key):",
            ),
            (
                r#""pattern":"arn:aws:secret:AmazonLookoutMetrics-.+""#,
                "AmazonLookoutMetrics-.+",
            ),
            ("oauth_consumer_key=b&oauth_nonce=c&'", "b&oauth_nonce=c&'"),
            (
                r#"KEY = os.getenv("SENDGRID_API_KEY", SETTINGS["sendgrid"])"#,
                "SETTINGS[",
            ),
            // Kebab-case names: a short word, or no number at the end.
            (r#"password = "app-server-prod-01""#, "app-server-prod-01"),
            (r#"secret = "release-notes-draft""#, "release-notes-draft"),
            (
                r#"("auth", "0011_update_proxy_permissions"),"#,
                "0011_update_proxy_permissions",
            ),
            ("'OAuth1Auth', 'AsyncOAuth1Client',", "AsyncOAuth1Client"),
            (
                r#""Key": "access_logs.s3.enabled","#,
                "access_logs.s3.enabled",
            ),
            (
                r#""result_key": "PublicAddressPools","#,
                "PublicAddressPools",
            ),
        ] {
            assert!(!literal(line, value), "{value} in {line} should be dropped");
        }
    }

    #[test]
    fn argument_values_and_empty_basic_credentials() {
        for v in ["secure cookies", "latin1", "/dev/null seed=foo", "utf8"] {
            assert!(is_argument_value(v.as_bytes()), "{v}");
        }
        for v in ["Kestrel#4417", "s3krit", "x7Kq2mWz9pL4", "hunter2hunter2"] {
            assert!(!is_argument_value(v.as_bytes()), "{v}");
        }
        assert!(is_empty_basic_auth(b"Basic dXNlcjo="));
        assert!(!is_empty_basic_auth(b"Basic dXNlcjpwYXNz"), "user:pass");
        assert!(!is_empty_basic_auth(b"Bearer dXNlcjo="));
    }

    #[test]
    fn passwords_that_look_like_code_are_kept() {
        for (line, value) in [
            (r#"password = "Harbor_Lights_77""#, "Harbor_Lights_77"), // vaultsweep:allow
            (
                "dict(username='person', password='$ecret k3y')", // vaultsweep:allow
                "$ecret k3y",
            ),
            (r#"password = "MySekretPa$$word""#, "MySekretPa$$word"), // vaultsweep:allow
            (
                r#"password = "x/gfuL?4Zuj{n73m}eeJt1""#, // vaultsweep:allow
                "x/gfuL?4Zuj{n73m}eeJt1",
            ),
            (r#"password = "Granite%Owl4""#, "Granite%Owl4"), // vaultsweep:allow
            (
                r#"token = "2YotnFZFEjr1zCsicMWpAA""#, // vaultsweep:allow
                "2YotnFZFEjr1zCsicMWpAA",
            ),
            (r#"secret = "tiger^5HHH""#, "tiger^5HHH"),
            (r#"password = "s4lmon-Creek""#, "s4lmon-Creek"), // vaultsweep:allow
            (r#"pw = "blue-Otter93!""#, "blue-Otter93!"),     // vaultsweep:allow
            (
                r#"token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ""#, // vaultsweep:allow
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ", // vaultsweep:allow
            ),
            (r#"password = "Tiger.Lily5""#, "Tiger.Lily5"), // vaultsweep:allow
            (r#"password = "s3cr3t&more""#, "s3cr3t&more"), // vaultsweep:allow
            (
                r#"sas = "aBBKDWQvyuVcTPH9EBp%2FXTI9E%2F%2Fmq171%2BZU178wcwqU%3D""#,
                "aBBKDWQvyuVcTPH9EBp%2FXTI9E%2F%2Fmq171%2BZU178wcwqU%3D",
            ),
            (r#"password = "pass%3dword""#, "pass%3dword"), // vaultsweep:allow
            (r#"password = "B5c%s!jkJ4k-bSTD""#, "B5c%s!jkJ4k-bSTD"), // vaultsweep:allow
            (r#"password = "Kq{ab}9x$zW!w_%d""#, "Kq{ab}9x$zW!w_%d"), // vaultsweep:allow
            (r#"password = "Zx9!k.+Qw=7@""#, "Zx9!k.+Qw=7@"), // vaultsweep:allow
            (r#"password = "Q7m^x2_Lk9=w+""#, "Q7m^x2_Lk9=w+"), // vaultsweep:allow
            (r#"password = "+Q7m^x2_Lk9=w""#, "+Q7m^x2_Lk9=w"), // vaultsweep:allow
            // A generated memorable password.
            (
                r#"password = "violet-cobalt-maple-56""#, // vaultsweep:allow
                "violet-cobalt-maple-56",
            ), // vaultsweep:allow
        ] {
            assert!(literal(line, value), "{value} in {line} should be kept");
        }
    }

    #[test]
    fn literal_values_are_kept() {
        assert!(literal(r#"password = "Summer2024!""#, "Summer2024!")); // vaultsweep:allow
        assert!(literal(
            r#"pw = "value with quotes and spaces""#, // vaultsweep:allow
            "value with quotes and spaces"
        ));
        assert!(literal("secret := A,.:-x@*?!", "A,.:-x@*?!"));
        // a provider's snake_case prefix before a random body is a token, not a name
        assert!(literal(
            r#"plane_api_key = "plane_api_661189f7ee04861fe22f1103b0e7790f""#, // vaultsweep:allow
            "plane_api_661189f7ee04861fe22f1103b0e7790f"
        ));
        assert!(literal("DB_PASSWORD=Hunter2", "Hunter2"));
        assert!(literal("password:!Dd5G4s9", "!Dd5G4s9"));
        // digits or mixed case keep these from reading as names
        assert!(literal("API_TOKEN=AB12_CD34_EF56", "AB12_CD34_EF56")); // vaultsweep:allow
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
        // translations: words with letters beyond ASCII (a single such word, like sésame, may
        // be a test's password and is kept)
        assert!(!literal(
            r#""forgot": "Mot de passe oublié""#,
            "Mot de passe oublié"
        ));
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
}
