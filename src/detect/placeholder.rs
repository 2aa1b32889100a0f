//! Placeholders: values a person wrote to stand for a secret (`changeme`, `<password>`,
//! `${DB_PASSWORD}`, `xxxx`, sequences, alphabet runs, repeated blocks), and references to a
//! value kept elsewhere.

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
    "...",
    "…",
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
    // A format placeholder or a description as the whole value: `{password}`, `{0}`,
    // `{db.pass:>8}`, `{Client ID}`, `[claim_signature]`, `[AuthenticationResponseJSON]`.
    for (open, close) in [(b'{', b'}'), (b'[', b']')] {
        if lower.len() >= 2
            && lower[0] == open
            && lower[lower.len() - 1] == close
            && lower[1..lower.len() - 1].iter().all(|b| {
                b.is_ascii_alphanumeric()
                    || matches!(b, b'_' | b'.' | b':' | b'>' | b'<' | b' ' | b'-')
            })
            && (open == b'{' || lower[1].is_ascii_alphabetic())
        {
            return true;
        }
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

/// A value a person built to look random (generic rules only: a provider's documented
/// test tokens may hold such runs): an alphabet run or count-down inside it, alternating runs,
/// or a repeated block. See [`has_built_run`] and [`is_repeated_block`].
pub fn is_built(value: &[u8]) -> bool {
    let lower = value.to_ascii_lowercase();
    has_built_run(&lower) || is_repeated_block(&lower)
}

/// A run a person typed rather than a generator drew: eight or more alphanumerics stepping by
/// one (`abcdefgh`, `9876543210`), or five or more every other character, between characters of
/// the other kind (`a1b2c3d4e5`, `x9y8z7a6w5`). Random tokens practically never hold either.
fn has_built_run(lower: &[u8]) -> bool {
    let step = |a: u8, b: u8| -> i16 {
        if a.is_ascii_alphanumeric()
            && b.is_ascii_alphanumeric()
            && a.is_ascii_digit() == b.is_ascii_digit()
        {
            i16::from(b) - i16::from(a)
        } else {
            0
        }
    };
    // `n` steps of +1 (or of -1) from `i`, `s` characters apart.
    let runs = |i: usize, s: usize, n: usize| -> bool {
        if i + s * n >= lower.len() {
            return false;
        }
        let d = step(lower[i], lower[i + s]);
        (d == 1 || d == -1) && (1..n).all(|k| step(lower[i + s * k], lower[i + s * (k + 1)]) == d)
    };
    let other_kind_between = |i: usize| {
        (0..4).all(|k| {
            lower.get(i + 2 * k + 1).is_some_and(|b| {
                b.is_ascii_alphanumeric() && b.is_ascii_digit() != lower[i].is_ascii_digit()
            })
        })
    };
    (0..lower.len()).any(|i| runs(i, 1, 7) || (runs(i, 2, 4) && other_kind_between(i)))
}

/// A short block repeated to fill the value (`abcabcabcabc`, `x9x9x9x9`, `12ab12ab12ab`).
fn is_repeated_block(lower: &[u8]) -> bool {
    lower.len() >= 8
        && (2..=lower.len() / 3).any(|p| (p..lower.len()).all(|i| lower[i] == lower[i - p]))
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
            "{Client ID}",
            "[claim_signature]",
            "eyJh...0M30",
            "MIID/zCCAuegAwIBAg...VGgdy+xoA==",
        ] {
            assert!(is_placeholder(p.as_bytes()), "{p} should be a placeholder");
        }
    }

    #[test]
    fn built_values_are_recognised() {
        for p in [
            "A1B2C3D4E5F6G7H8I9J0",
            "abcdefghijklmnopqrstuvwxyz0123456789",
            "sk_live_9876543210fedcba",
            "X9y8Z7a6W5",
            "abcabcabcabc",
            "9f8e9f8e9f8e9f8e",
        ] {
            assert!(is_built(p.as_bytes()), "{p} is built by a person");
        }
        for v in [
            "2YotnFZFEjr1zCsicMWpAA",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCY7",
            "abcd1234efgh",
            "Kestrel#4417",
            "Tr0ub4dor&3",
        ] {
            assert!(!is_built(v.as_bytes()), "{v} is not built");
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
            "[9f8Qz!x2]",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCY7",
            "2YotnFZFEjr1zCsicMWpAA",
            "abcd1234efgh", // short runs and one repeat are not built
            "Kestrel#4417",
        ] {
            assert!(!is_placeholder(v.as_bytes()), "{v} should be kept");
        }
    }
}
