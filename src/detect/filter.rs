//! The shared false-positive filters, by what they judge: entropy and stopwords here; names
//! in [`super::names`], placeholders in [`super::placeholder`], literal values (code, markup,
//! identifiers) in [`super::literal`].

pub use super::literal::is_literal_value;
pub use super::names::{key_names_secret, name_tokens};
pub use super::placeholder::{PLACEHOLDER_MARKERS, TEMPLATE_OPENINGS, is_placeholder};

/// A value shaped like a machine-made or deliberately strong secret: no spaces, and either at
/// least 8 characters drawing on three of the four character classes (lower case, upper case,
/// digits, symbols), or at least 16 letters and digits with both kinds and 3.5+ bits of
/// entropy per character.
pub fn looks_strong(v: &[u8]) -> bool {
    if v.iter().any(|b| b.is_ascii_whitespace()) {
        return false;
    }
    let lower = v.iter().any(u8::is_ascii_lowercase);
    let upper = v.iter().any(u8::is_ascii_uppercase);
    let digit = v.iter().any(u8::is_ascii_digit);
    let symbol = v.iter().any(|b| b.is_ascii_punctuation());
    let classes = [lower, upper, digit, symbol].iter().filter(|&&c| c).count();
    (v.len() >= 8 && classes >= 3)
        || (v.len() >= 16 && (lower || upper) && digit && shannon_entropy(v) >= 3.5)
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

/// Password hashes: crypt(3) formats (`$1$`, `$2b$`, `$5$`, `$6$`, `$y$`, `$argon2id$`,
/// `$pbkdf2-sha256$`…), Django's `<algorithm>$…` forms (`pbkdf2_sha256$…`, `bcrypt$$…`, and the
/// bare algorithm prefix `sha1$`), LDAP's `{SSHA}…`, and PostgreSQL's stored verifiers
/// (`SCRAM-SHA-256$<iterations>:<salt>$…`, `md5` + 32 hex). Not a usable credential; reported
/// only by the opt-in `passwordhash.*` rules.
static PASSWORD_HASH: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::Regex::new(
        r"(?x)^(?:
            \$(?:1|2[abxy]?|5|6|7|y|gy|md5|apr1|sha1|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha(?:1|256|512))?|P|H)\$
          | (?i:pbkdf2_sha(?:1|256|512)|argon2|bcrypt(?:_sha256)?|scrypt|sha1|md5|unsalted_md5|unsalted_sha1|crypt)\$
          | \{(?i:ssha|sha|smd5|md5|crypt|ssha256|ssha512|sha256|sha512|pbkdf2[^}]{0,20}|argon2)\}[A-Za-z0-9+/=.$]
          | SCRAM-SHA-(?:1|256)\$[0-9]{1,7}:[A-Za-z0-9+/=]{4,}\$
          | md5[0-9a-f]{32}$
        )",
    )
    .expect("static regex")
});

/// Whether a value is a password hash (see [`PASSWORD_HASH`]).
pub fn is_password_hash(value: &[u8]) -> bool {
    PASSWORD_HASH.is_match(value)
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
    fn password_hashes_are_recognised() {
        for h in [
            "$6$rounds=5000$saltsalt$Ab3dE5fG7hIjKlMnOpQrStUvWxYz0123456789",
            "$2b$12$KIXQJfG0y6ZlqR4qFhO7SOa1Pz3vYQ9b8wM6XlA2eN5cT7dR0uV1W",
            "pbkdf2_sha256$30000$Vo0VlMnkR4Bk$qEvtdyZRWTcOsCnI/oQ7fVOu1XA=",
            "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
            "{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
            "sha1$",
            "bcrypt$$",
            // PostgreSQL's stored verifiers (pg_authid.rolpassword): SCRAM and MD5
            "SCRAM-SHA-256$4096:GVRXx5b56O6cekY10zH4cw==$7Lm6vRystsx+dcPjIbxhunUO1499iU6c=:UnRy/eD63arXyG=",
            "md53175bce1d3201d16594cebf9d7eb3f9d",
        ] {
            assert!(is_password_hash(h.as_bytes()), "{h}");
        }
        for v in [
            "$ecret-Pa55",
            "Kestrel#4417",
            "$2bad",
            "sha1sum",
            "{SSHA}",
            "md5-Lantern-42",
            "SCRAM-SHA-256",
        ] {
            assert!(!is_password_hash(v.as_bytes()), "{v}");
        }
    }

    #[test]
    fn stopwords_ignore_case() {
        let words = vec!["sample".to_string()];
        assert!(has_stopword(b"MySAMPLEkey", &words));
        assert!(!has_stopword(b"MyRealKey", &words));
        assert!(!has_stopword(b"anything", &[]));
    }
}
