//! Placeholders: values a person wrote to stand for a secret (`changeme`, `<password>`,
//! `${DB_PASSWORD}`, `xxxx`, sequences), and references to a value kept elsewhere.

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
}
