//! HTTP verifiers as data: a rule's `[rules.verify]` table (method, URL, headers with the
//! secret placed in them, the answers that mean live and invalid) and the one check made when
//! rules load: the URL's host must be the provider's documented API host ([`PROVIDER_HOSTS`]),
//! so a rule file cannot send a secret anywhere else. Pure data; `verify` sends the request.
//!
//! Imports nothing from the crate.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The placeholder replaced by the secret in `url`, `headers` and `body`.
pub const SECRET: &str = "{secret}";

/// A rule's HTTP verifier as written in its rule file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpVerify {
    /// `GET` or `POST`.
    #[serde(default = "get")]
    pub method: String,
    /// `https://` URL on the provider's API host; may hold `{secret}` (query-string keys).
    pub url: String,
    /// Request headers; values may hold `{secret}`.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Form body for `POST` (`application/x-www-form-urlencoded`); may hold `{secret}`.
    #[serde(default)]
    pub body: Option<String>,
    /// Status codes that mean live (default 200).
    #[serde(default = "ok")]
    pub live: Vec<u16>,
    /// Status codes that mean invalid (default 401).
    #[serde(default = "unauthorized")]
    pub invalid: Vec<u16>,
    /// With a live status, the body must also contain this (Slack answers 200 `"ok":false`).
    #[serde(default)]
    pub live_body: Option<String>,
    /// A body containing this means invalid whatever the status.
    #[serde(default)]
    pub invalid_body: Option<String>,
    /// A body containing any of these means unknown (checked after `invalid_body`, before
    /// `live`): answers that neither accept nor reject the key (Google's `REQUEST_DENIED` for a
    /// key restricted to other APIs).
    #[serde(default)]
    pub unknown_body: Vec<String>,
}

fn get() -> String {
    "GET".into()
}
fn ok() -> Vec<u16> {
    vec![200]
}
fn unauthorized() -> Vec<u16> {
    vec![401]
}

/// Each provider's documented API hosts, by the first part of its rule ids (`github.` →
/// `api.github.com`). A verifier URL whose host is not listed for its rule's provider is
/// rejected when the rules load; a provider not listed cannot have an HTTP verifier.
pub const PROVIDER_HOSTS: &[(&str, &[&str])] = &[
    ("anthropic", &["api.anthropic.com"]),
    ("digitalocean", &["api.digitalocean.com"]),
    ("github", &["api.github.com"]),
    ("gitlab", &["gitlab.com"]),
    ("google", &["www.googleapis.com", "maps.googleapis.com"]),
    ("groq", &["api.groq.com"]),
    ("huggingface", &["huggingface.co"]),
    ("mistral", &["api.mistral.ai"]),
    ("npm", &["registry.npmjs.org"]),
    ("openai", &["api.openai.com"]),
    ("sendgrid", &["api.sendgrid.com"]),
    ("slack", &["slack.com"]),
    ("stripe", &["api.stripe.com"]),
];

/// The allowed hosts of a rule's provider.
pub fn provider_hosts(rule_id: &str) -> &'static [&'static str] {
    let provider = rule_id.split('.').next().unwrap_or(rule_id);
    PROVIDER_HOSTS
        .iter()
        .find(|(p, _)| *p == provider)
        .map_or(&[], |(_, hosts)| *hosts)
}

/// The host of an `https://` URL (lower-case, without port or user information), or `None`
/// for another scheme or a URL with user information or a port.
pub fn https_host(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') || authority.contains(':') {
        return None;
    }
    Some(authority.to_ascii_lowercase())
}

/// Checks a verifier against its rule's provider: an `https://` URL on one of the provider's
/// documented API hosts, `{secret}` not in the host, a known method. The error says why.
pub fn check(rule_id: &str, v: &HttpVerify) -> Result<(), String> {
    if !matches!(v.method.as_str(), "GET" | "POST") {
        return Err(format!("method {:?} is not GET or POST", v.method));
    }
    let host = https_host(&v.url)
        .ok_or_else(|| format!("url {:?} is not https://HOST/… without a port", v.url))?;
    if host.contains('{') {
        return Err("the secret cannot be placed in the host".into());
    }
    let allowed = provider_hosts(rule_id);
    if !allowed.contains(&host.as_str()) {
        return Err(format!(
            "host {host} is not the provider's documented API host ({})",
            if allowed.is_empty() {
                "no HTTP verifier is allowed for this provider".to_string()
            } else {
                allowed.join(", ")
            }
        ));
    }
    let placed = v.url.contains(SECRET)
        || v.headers.values().any(|h| h.contains(SECRET))
        || v.body.as_deref().is_some_and(|b| b.contains(SECRET));
    if !placed {
        return Err("the secret ({secret}) is placed nowhere in the request".into());
    }
    if v.live.is_empty() {
        return Err("`live` lists no status".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(url: &str) -> HttpVerify {
        HttpVerify {
            method: "GET".into(),
            url: url.into(),
            headers: [("Authorization".to_string(), "token {secret}".to_string())].into(),
            body: None,
            live: vec![200],
            invalid: vec![401],
            live_body: None,
            invalid_body: None,
            unknown_body: Vec::new(),
        }
    }

    #[test]
    fn only_the_providers_host_passes() {
        assert!(
            check(
                "github.personal-access-token",
                &v("https://api.github.com/user")
            )
            .is_ok()
        );
        let e = check(
            "github.personal-access-token",
            &v("https://evil.example/user"),
        )
        .unwrap_err();
        assert!(e.contains("api.github.com"), "{e}");
        // a look-alike host, a port, user information, plain http
        for url in [
            "https://api.github.com.evil.example/user",
            "https://api.github.com:8443/user",
            "https://x@api.github.com/user",
            "http://api.github.com/user",
        ] {
            assert!(
                check("github.personal-access-token", &v(url)).is_err(),
                "{url}"
            );
        }
        // another provider's host, and a provider without verifiers
        assert!(check("stripe.live-secret-key", &v("https://api.github.com/user")).is_err());
        assert!(check("generic.password", &v("https://api.github.com/user")).is_err());
    }

    #[test]
    fn the_secret_must_be_placed() {
        let mut x = v("https://api.github.com/user");
        x.headers.clear();
        assert!(check("github.personal-access-token", &x).is_err());
        x.url = "https://api.github.com/user?k={secret}".into();
        assert!(check("github.personal-access-token", &x).is_ok());
    }
}
