//! Placeholders: values a person wrote to stand for a secret (`changeme`, `<password>`,
//! `${DB_PASSWORD}`, `xxxx`, sequences, alphabet runs, repeated blocks), and references to a
//! value kept elsewhere.

/// Substrings (lower-case) that mark a value as a placeholder or a reference to elsewhere.
pub const PLACEHOLDER_MARKERS: &[&str] = &[
    "example",
    "placeholder",
    "changeme",
    "change_me",
    "change-me",
    "your_",
    "your-",
    "yourapi",
    "redacted",
    "dummy",
    "notareal",
    "not_a_real",
    "not-a-real",
    "replace_me",
    "replaceme",
    "insert_",
    "fixme",
    "*****",
    "...",
    "…",
    "os.environ",
    "process.env",
    "getenv",
    "system.getenv",
];

/// Whether `value` holds a four-letter marker as a person writes one: `xxxx` in one case
/// (`sk_test_xxxx…`, `XXXX-XXXX`), `todo` in one case at a word's edge (`TODO_SET_ME`,
/// `changeit-todo`). Matched without case and anywhere, each would turn up in about one random
/// 20-character token in 50,000 (`IBmtToDoIvyE7zizySPx`), often enough to drop real passwords.
fn has_short_marker(value: &[u8]) -> bool {
    let one_case =
        |w: &[u8]| w.iter().all(u8::is_ascii_lowercase) || w.iter().all(u8::is_ascii_uppercase);
    let edge = |at: usize, len: usize| {
        at == 0
            || !value[at - 1].is_ascii_alphanumeric()
            || value
                .get(at + len)
                .is_none_or(|b| !b.is_ascii_alphanumeric())
    };
    value.windows(4).enumerate().any(|(at, w)| {
        one_case(w)
            && (w.eq_ignore_ascii_case(b"xxxx") || (w.eq_ignore_ascii_case(b"todo") && edge(at, 4)))
    })
}

/// Openings (lower-case) of template expressions and variable references: a value that
/// *starts* with one is substituted at run time, not a secret (`${DB_PASSWORD}`,
/// `{{ .Data.password }}`, `%(pw)s`, `<%= ENV['X'] %>`, `#{ENV['X']}`, `$(cat file)`), or
/// encrypted in place by a tool that decrypts it at deploy time (Ansible Vault's `!vault |`
/// tag, SOPS's `ENC[AES256_GCM,…]`).
pub const TEMPLATE_OPENINGS: &[&str] = &[
    "${",
    "{{",
    "{%",
    "%(",
    "<%",
    "#{",
    "$(",
    "!vault",
    "enc[aes256_gcm,",
    "enc[pkcs7,",
    // ejson (`EJ[1:<public key>:<nonce>:<box>]`), dotenvx (`encrypted:<ECIES ciphertext>`),
    // an AWS KMS ciphertext blob in base64 (version 1 or 2 header, `AQICAH…`/`AQECAH…`).
    "ej[1:",
    "encrypted:",
    "aqicah",
    "aqecah",
];

/// Values the providers publish in their own documentation for everyone to copy, matched whole:
/// the Azure Storage emulator's (Azurite's) fixed account key, the test-mode keys of Stripe's
/// API reference, and the integration-environment secret Transbank's Webpay SDKs ship. They
/// open nothing that is not already public. (AWS's documented pair holds `EXAMPLE` and is
/// caught by [`PLACEHOLDER_MARKERS`].)
pub const PUBLISHED_VALUES: &[&str] = &[
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    "pk_test_TYooMQauvdEDq54NiTphI7jx",
    "579B532A7440BB0C9079DED94D31EA1615BACEB56610332264630D42D0A36B1C",
];

/// Secret-manager references written where the value goes (`aws-secretsmanager:prod/db`,
/// `op://vault/item/field`, `arn:aws:ssm:…:parameter/…`): the value names where the secret is
/// kept, it is not the secret. Matched at the start of the value, lower-cased.
pub const REFERENCE_SCHEMES: &[&str] = &[
    "vault:",
    "aws-secretsmanager:",
    "secretsmanager:",
    "aws-ssm:",
    "ssm:/",
    "arn:aws:secretsmanager:",
    "arn:aws:ssm:",
    "gcp-secretmanager:",
    "sm://",
    "azure-keyvault:",
    "akv://",
    "keyvault:",
    "op://",
    "doppler://",
    "infisical://",
    "bws://",
];

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
    if PUBLISHED_VALUES.iter().any(|p| p.as_bytes() == value) {
        return true;
    }
    let lower = value.to_ascii_lowercase();
    if lower.is_empty() {
        return true;
    }
    if PLACEHOLDER_MARKERS
        .iter()
        .any(|m| memchr::memmem::find(&lower, m.as_bytes()).is_some())
        || has_short_marker(value)
    {
        return true;
    }
    if REFERENCE_SCHEMES
        .iter()
        .any(|o| lower.starts_with(o.as_bytes()))
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
    has_built_run(&lower)
        || is_repeated_block(&lower)
        || (lower.len() >= 12 && lower.len() <= 512 && built_coverage(&lower) * 2 >= lower.len())
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

/// Whether a provider token (`value`, which starts with one of the format's literal
/// `prefixes`) has a body a person built: at least half of what follows the prefix is covered
/// by alphabet runs or count-downs of eight or more, alternations, or a block of two to eight
/// characters (three or more distinct) repeated over sixteen or more (`sk_live_` +
/// `Ab3dAb3dAb3d…`, `hf_A9C8E7G6I5…`). A random body with one short run in it (a test token
/// that ends in `76543210`) is kept, and so are formats without a literal prefix (keyword
/// rules over plain hex or base62, whose documented test values are often such strings):
/// only a prefix proves the value claims a format a generator fills. A structured token's last
/// segment (after its last `-`, `:` or `.`, 16 characters or more) is judged the same way on
/// its own, prefix or not: the ids before it are not what a generator fills.
pub fn is_built_token(value: &[u8], prefixes: &[Vec<u8>]) -> bool {
    // The random part of a structured token is its last segment (`xoxp-<team>-<user>-<id>-`
    // + 32, `<bot id>:AA` + 33): when that is built, the ids before it do not make it random.
    if let Some(i) = value.iter().rposition(|b| matches!(b, b'-' | b':' | b'.')) {
        let last = value[i + 1..].to_ascii_lowercase();
        if last.len() >= 16 && last.len() <= 512 {
            let covered = built_coverage(&last);
            if covered * 2 >= last.len() && covered >= 12 {
                return true;
            }
        }
    }
    let Some(p) = prefixes
        .iter()
        .filter(|p| value.starts_with(p))
        .map(Vec::len)
        .max()
    else {
        return false;
    };
    let body = value[p..].to_ascii_lowercase();
    if body.len() < 12 || body.len() > 512 {
        return false;
    }
    // Twelve characters at least: in a short body one chance alternation covers half
    // (`AKIA` + `TLQ4E23E4O5R6B7J`, nine of sixteen), which a generator draws about once in
    // fifty thousand keys.
    let covered = built_coverage(&body);
    covered * 2 >= body.len() && covered >= 12
}

/// How many characters of `lower` lie in a run of eight or more stepping by one, an
/// alternation (five or more every other character stepping by one, the other kind between),
/// or a block of 2–8 characters (three or more distinct) repeated over sixteen or more (a
/// longer block repeated twice is left alone: `…gireogicracklegireogicrackle…` is a test value).
fn built_coverage(lower: &[u8]) -> usize {
    let n = lower.len();
    let mut covered = vec![false; n];
    // One step along the orders people type: the alphabet, the digits (`…7890` wraps), and
    // the hex digits (`…89abcdef0…`).
    let step = |a: u8, b: u8| -> i16 {
        match (a, b) {
            (b'9', b'0') | (b'9', b'a') | (b'f', b'0') => 1,
            (b'0', b'9') | (b'a', b'9') | (b'0', b'f') => -1,
            _ if a.is_ascii_alphanumeric()
                && b.is_ascii_alphanumeric()
                && a.is_ascii_digit() == b.is_ascii_digit() =>
            {
                i16::from(b) - i16::from(a)
            }
            _ => 0,
        }
    };
    for i in 0..n {
        for s in [1usize, 2] {
            if i + s >= n {
                continue;
            }
            let d = step(lower[i], lower[i + s]);
            if d != 1 && d != -1 {
                continue;
            }
            let mut k = 1; // steps taken
            while i + s * (k + 1) < n && step(lower[i + s * k], lower[i + s * (k + 1)]) == d {
                k += 1;
            }
            let end = i + s * k;
            let qualifies = if s == 1 {
                k >= 7
            } else {
                k >= 4
                    && (0..k).all(|j| {
                        let b = lower[i + 2 * j + 1];
                        b.is_ascii_alphanumeric() && b.is_ascii_digit() != lower[i].is_ascii_digit()
                    })
            };
            if qualifies {
                covered[i..=end].iter_mut().for_each(|c| *c = true);
            }
        }
    }
    for p in 2..=8usize {
        let mut run = 0;
        for i in p..n {
            // Separators repeat with the block (`a9a8a7a-a9a8a7a-…`); its letters and digits
            // must still be three or more distinct.
            if lower[i] == lower[i - p]
                && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b'.'))
            {
                run += 1;
                if run + p >= 16 {
                    let mut block: Vec<u8> = lower[i + 1 - p..=i]
                        .iter()
                        .copied()
                        .filter(u8::is_ascii_alphanumeric)
                        .collect();
                    block.sort_unstable();
                    block.dedup();
                    if block.len() >= 3 {
                        covered[i + 1 - p - run..=i]
                            .iter_mut()
                            .for_each(|c| *c = true);
                    }
                }
            } else {
                run = 0;
            }
        }
    }
    covered.iter().filter(|&&c| c).count()
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
            "TODO_SET_ME",
            "changeit-todo",
            "sk_live_XXXXXXXXXXXXXXXX",
            "your-api-key-here",
            "YOUR_API_KEY",
            "$DB_PASS",
            "vault:secret/data/app#KEY",
            "aws-secretsmanager:prod/hibob",
            "op://Private/Stripe/credential",
            "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db",
            "AKIAIOSFODNN7EXAMPLE",
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
            "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
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
            "!vault |",
            "ENC[AES256_GCM,data:Tr7o=,iv:1=,tag:2=,type:str]",
            "ENC[PKCS7,MIIBiQYJKoZIhvcNAQcDoIIBejCCAXYCAQAxggEhMIIBHQIBADAFMAACAQEw]",
            "EJ[1:w7qnSqhRMqnd/QknONwEkymC2d/etLY8QniQ=:xPwaMvMVL8kJJoJJ:lGJWeXk4jpx3o0b1z3]",
            "encrypted:BDW5PjOrmjIgfLA4fKLhetcdmnj65kknhRl+Om65U7eAlNGoBESBhR",
            "AQICAHhqHw+w7DrBUM6yfytbn1tFUPah5II8UL5TarDXyEGU5++Xdm/WETsEug48me",
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
    fn built_token_bodies_after_a_format_prefix() {
        let pre = |ps: &[&str]| ps.iter().map(|p| p.as_bytes().to_vec()).collect::<Vec<_>>();
        for (v, p) in [
            ("sk_live_51Ab3dAb3dAb3dAb3dAb3dAb3d", "sk_live_"),
            (
                "xoxb-123456789012-9876543210987-abcdefghijklmnopqrstuvwx",
                "xoxb-",
            ),
            ("hf_A9C8E7G6I5K4M3O2Q1S0U9W8Y7A6C5E4G3", "hf_"),
            ("dapi9876543210fedcba9876543210fedcba", "dapi"),
            ("glpat-x9Fk2x9Fk2x9Fk2x9Fk2", "glpat-"),
            // Hex order runs on through `9a` and wraps at `f0`.
            ("dapi56789abcdef0123456789abcdef01234", "dapi"),
            (
                "access-production-789abcde-3456-4ef0-b9ab-9abcdef01234",
                "access-production-",
            ),
            // A block repeated with its separator.
            (
                "sk-helicone-a9a8a7a-a9a8a7a-a9a8a7a-a9a8a7a",
                "sk-helicone-",
            ),
        ] {
            assert!(
                is_built_token(v.as_bytes(), &pre(&[p])),
                "{v} is built by a person"
            );
        }
        for (v, p) in [
            // Random bodies, one with a short count-down at its end.
            ("ghp_R8xk2LmQ9xZr4TbW1nPq7sVd3Hy6Jc0aFgEu", "ghp_"), // vaultsweep:allow
            (
                "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", // vaultsweep:allow
                "gsk_",
            ), // vaultsweep:allow
            // Encoded structure repeating one character.
            ("AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0uSeid9kq2Lm", "AAAA"),
            // A short body where one chance alternation covers half.
            ("AKIATLQ4E23E4O5R6B7J", "AKIA"), // vaultsweep:allow
            // No prefix: a keyword rule's plain value is not judged here.
            ("abcd1234abcd1234abcd1234abcd1234", "zz_"),
        ] {
            assert!(
                !is_built_token(v.as_bytes(), &pre(&[p])),
                "{v} is not built"
            );
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
            "opaque-Tr0ub4dor&3", // a word that starts like a reference scheme
            "sk_test_4eC39HqLyjWDarjtT1zdp7dd", // one off a published value; vaultsweep:allow
            "IBmtToDoIvyE7zizySPx", // `todo` and `xxxx` by chance inside random text
            "Qm8vXxXx2LpZr4Tw",
        ] {
            assert!(!is_placeholder(v.as_bytes()), "{v} should be kept");
        }
    }
}
