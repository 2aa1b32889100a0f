//! Connection URIs as the database rules match them (`postgres://user:pass@host:port`): the
//! scheme, the first host and its port, the user and the password, percent-decoded. The host is
//! the one written in the URI: verification never goes anywhere else.

/// A database URI's parts. Holds the password: never printed (no `Debug` of the fields).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DbUrl {
    /// `postgres`, `mysql`, `redis`, … (lower-case, dialect suffix removed).
    pub scheme: String,
    /// Host name or address (IPv6 without brackets).
    pub host: String,
    /// Port (the scheme's default when none is written).
    pub port: u16,
    /// User name (may be empty for Redis).
    pub user: String,
    /// Password.
    pub password: Vec<u8>,
    /// `rediss://`: TLS, which these verifiers do not speak.
    pub tls: bool,
}

fn default_port(scheme: &str) -> Option<u16> {
    Some(match scheme {
        "postgres" | "postgresql" => 5432,
        "mysql" | "mariadb" => 3306,
        "redis" | "rediss" => 6379,
        _ => return None,
    })
}

fn percent_decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%'
            && i + 2 < s.len()
            && let (Some(h), Some(l)) = (
                (s[i + 1] as char).to_digit(16),
                (s[i + 2] as char).to_digit(16),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// Parses the text a database rule matched (it may start with the character before the
/// scheme, and ends after the host and port).
pub fn parse_db(matched: &[u8]) -> Result<DbUrl, String> {
    let text = matched;
    let sep = text
        .windows(3)
        .position(|w| w == b"://")
        .ok_or("no :// in the URI")?;
    let start = text[..sep]
        .iter()
        .rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'+' || *b == b'.' || *b == b'-'))
        .map_or(0, |i| i + 1);
    let scheme_full = String::from_utf8_lossy(&text[start..sep]).to_ascii_lowercase();
    let scheme_full = scheme_full.strip_prefix("jdbc:").unwrap_or(&scheme_full);
    let scheme = scheme_full.split('+').next().unwrap_or("").to_string();
    let port0 = default_port(&scheme).ok_or_else(|| format!("no verifier for {scheme}://"))?;
    let rest = &text[sep + 3..];
    let at = rest
        .iter()
        .rposition(|b| *b == b'@')
        .ok_or("no user information")?;
    let userinfo = &rest[..at];
    let hostpart = &rest[at + 1..];
    let colon = userinfo
        .iter()
        .position(|b| *b == b':')
        .ok_or("no password")?;
    let user = String::from_utf8_lossy(&percent_decode(&userinfo[..colon])).into_owned();
    let password = percent_decode(&userinfo[colon + 1..]);
    let hostpart = String::from_utf8_lossy(hostpart);
    let first = hostpart
        .split([',', '/', '?'])
        .next()
        .unwrap_or("")
        .to_string();
    if first.is_empty() {
        return Err("a Unix socket, not a host".into());
    }
    let (host, port) = if let Some(v6) = first.strip_prefix('[') {
        let (h, after) = v6.split_once(']').ok_or("bad IPv6 host")?;
        let port = match after.strip_prefix(':') {
            Some(p) => p.parse().map_err(|_| "bad port")?,
            None => port0,
        };
        (h.to_string(), port)
    } else {
        match first.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), p.parse().map_err(|_| "bad port")?),
            None => (first.clone(), port0),
        }
    };
    if host.is_empty() || host.contains('%') {
        return Err("no host".into());
    }
    Ok(DbUrl {
        tls: scheme == "rediss",
        scheme: if scheme == "postgresql" {
            "postgres".into()
        } else {
            scheme
        },
        host,
        port,
        user,
        password,
    })
}

/// `host:port` of an `http(s)://` URL (default ports filled in).
pub fn host_of(url: &str) -> Option<String> {
    let (rest, port) = if let Some(r) = url.strip_prefix("https://") {
        (r, 443)
    } else if let Some(r) = url.strip_prefix("http://") {
        (r, 80)
    } else {
        return None;
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    if authority.is_empty() {
        return None;
    }
    let has_port = authority
        .rsplit_once(':')
        .is_some_and(|(_, p)| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && !authority.ends_with(']');
    Some(if has_port {
        authority.to_ascii_lowercase()
    } else {
        format!("{}:{port}", authority.to_ascii_lowercase())
    })
}

/// `host` of `host:port`.
pub fn strip_port(host: &str) -> &str {
    match host.rsplit_once(':') {
        Some((h, p)) if p.bytes().all(|b| b.is_ascii_digit()) && !h.is_empty() => {
            h.trim_start_matches('[').trim_end_matches(']')
        }
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_the_rules_match() {
        let u = parse_db(b"=postgres://billing:lQQY%23vsl@db.internal:6543").unwrap(); // vaultsweep:allow
        assert_eq!(
            (u.scheme.as_str(), u.host.as_str(), u.port),
            ("postgres", "db.internal", 6543)
        );
        assert_eq!(
            (u.user.as_str(), u.password.as_slice()),
            ("billing", &b"lQQY#vsl"[..])
        );
        let u = parse_db(b"\"postgresql+psycopg2://app:pw@10.0.3.12/orders").unwrap(); // vaultsweep:allow
        assert_eq!((u.host.as_str(), u.port), ("10.0.3.12", 5432));
        let u = parse_db(b" redis://:s3cret@[::1]:6380").unwrap(); // vaultsweep:allow
        assert_eq!(
            (u.host.as_str(), u.port, u.user.as_str()),
            ("::1", 6380, "")
        );
        let u = parse_db(b"mysql://root:a@b@db-1,db-2:3307").unwrap(); // vaultsweep:allow
        assert_eq!((u.host.as_str(), u.port), ("db-1", 3306));
        assert_eq!(u.password, b"a@b");
        assert!(parse_db(b"postgres://u:p@/db").is_err()); // vaultsweep:allow
        assert!(parse_db(b"amqp://u:p@mq:5672").is_err()); // vaultsweep:allow
    }

    #[test]
    fn hosts_of_urls() {
        assert_eq!(
            host_of("http://127.0.0.1:8200").as_deref(),
            Some("127.0.0.1:8200")
        );
        assert_eq!(
            host_of("https://Vault.corp/").as_deref(),
            Some("vault.corp:443")
        );
        assert_eq!(strip_port("vault.corp:443"), "vault.corp");
        assert_eq!(strip_port("[::1]:5432"), "::1");
    }
}
