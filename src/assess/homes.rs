//! Where a secret should live in Vault, and in which phase of the company guide it moves there.
//!
//! The guide's phases: 2 — static secrets into KV v2 (non-production and low-risk first, then
//! production); 3 — database and cloud credentials onto Vault's dynamic engines (database
//! secrets engine roles, AWS STS roles); 4 — TLS material onto PKI, encryption and signing keys
//! onto Transit. (Phase 1 is this assessment.)

use crate::finding::{Category, Finding};
use serde::{Deserialize, Serialize};

/// The Vault engine a secret should end up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Home {
    /// KV v2: static API keys and application secrets.
    Kv,
    /// The database secrets engine: a dynamic role per application.
    Database,
    /// The AWS secrets engine: an STS role per application.
    Aws,
    /// The PKI engine: certificates issued on demand instead of a long-lived private key.
    Pki,
    /// The Transit engine: encryption and signing as a service; the key never leaves Vault.
    Transit,
}

impl Home {
    /// Every home, in phase order.
    pub const ALL: [Home; 5] = [
        Home::Kv,
        Home::Database,
        Home::Aws,
        Home::Pki,
        Home::Transit,
    ];

    /// The name used in JSON (`kv`, `database`, `aws`, `pki`, `transit`).
    pub fn as_str(self) -> &'static str {
        match self {
            Home::Kv => "kv",
            Home::Database => "database",
            Home::Aws => "aws",
            Home::Pki => "pki",
            Home::Transit => "transit",
        }
    }

    /// The name for people.
    pub fn title(self) -> &'static str {
        match self {
            Home::Kv => "KV v2",
            Home::Database => "Database secrets engine",
            Home::Aws => "AWS secrets engine",
            Home::Pki => "PKI",
            Home::Transit => "Transit",
        }
    }

    /// The guide's phase for this home: 2 (KV), 3 (dynamic engines), 4 (PKI, Transit).
    pub fn phase(self) -> u8 {
        match self {
            Home::Kv => 2,
            Home::Database | Home::Aws => 3,
            Home::Pki | Home::Transit => 4,
        }
    }
}

/// The phases of the guide this assessment plans, with their titles.
pub const PHASES: [(u8, &str); 3] = [
    (
        2,
        "Static secrets into KV v2 (non-production and low-risk first, then production)",
    ),
    (
        3,
        "Database and cloud credentials onto dynamic engines (database roles, AWS STS roles)",
    ),
    (
        4,
        "TLS material onto PKI, encryption and signing keys onto Transit",
    ),
];

/// Framework secrets the framework reads as a value (Django/Flask `SECRET_KEY`, Rails
/// `secret_key_base`, Laravel `APP_KEY`): Transit cannot stand in for them.
const FRAMEWORK_SECRETS: &[&str] = &[
    "crypto.django-secret-key",
    "crypto.secret-key-base",
    "crypto.laravel-app-key",
];

/// Database-credential rules that are API keys of hosted services, not accounts of a database
/// the database secrets engine can manage.
const HOSTED_DATABASE_KEYS: &[&str] = &[
    "supabase.secret-key",
    "supabase.service-role-key",
    "planetscale.password",
    "cloudant.password",
    "cloudant.url-credentials",
];

/// PEM rules for keys that are not TLS keys (SSH, PGP): no PKI certificate replaces them.
const NON_TLS_KEYS: &[&str] = &[
    "privatekey.openssh",
    "privatekey.putty",
    "privatekey.ssh2",
    "privatekey.pgp",
];

/// AWS rules whose credentials an STS role replaces.
const AWS_KEYS: &[&str] = &[
    "aws.access-key-id",
    "aws.secret-access-key",
    "aws.session-token",
];

/// Words in a key name or path that mark a signing key.
const SIGNING_WORDS: &[&str] = &["jwt", "jws", "signing", "sign", "signer", "token"];

/// The recommended home of a finding and a one-line reason.
pub fn home_of(f: &Finding) -> (Home, &'static str) {
    let rule = f.rule_id.as_str();
    match f.category {
        Category::TlsPrivateKey if NON_TLS_KEYS.contains(&rule) => (
            Home::Kv,
            "an SSH or PGP private key: no certificate replaces it; keep it in KV (Vault's SSH engine can later sign short-lived SSH certificates)",
        ),
        Category::TlsPrivateKey if signing_context(f) => (
            Home::Transit,
            "a private key used to sign tokens: sign through Transit, so the key never leaves Vault",
        ),
        Category::TlsPrivateKey => (
            Home::Pki,
            "a TLS private key: let the PKI engine issue short-lived certificates instead of keeping a long-lived key",
        ),
        Category::CryptographicKey if FRAMEWORK_SECRETS.contains(&rule) => (
            Home::Kv,
            "a framework secret the framework reads as a value: Transit cannot stand in for it, so KV",
        ),
        Category::CryptographicKey if rule == "nats.nkey-seed" => (
            Home::Kv,
            "a NATS identity seed the client reads as a value: KV",
        ),
        Category::CryptographicKey if rule.starts_with("jwt.") || signing_context(f) => (
            Home::Transit,
            "a token-signing key: sign (or HMAC) through Transit, so the key never leaves Vault",
        ),
        Category::CryptographicKey => (
            Home::Transit,
            "a data-encryption key: encrypt and decrypt through Transit, so the key never leaves Vault",
        ),
        Category::DatabaseCredential if HOSTED_DATABASE_KEYS.contains(&rule) => (
            Home::Kv,
            "an API key of a hosted database service, not an account the database engine can create: KV",
        ),
        Category::DatabaseCredential if rule == "database.amqp-uri" => (
            Home::Kv,
            "a message-broker password: KV (Vault's RabbitMQ engine can later issue it dynamically)",
        ),
        Category::DatabaseCredential => (
            Home::Database,
            "a database password: a database-engine role gives each instance short-lived credentials of its own",
        ),
        Category::CloudCredential if AWS_KEYS.contains(&rule) => (
            Home::Aws,
            "an AWS access key: an AWS-engine STS role gives short-lived credentials instead of a long-lived key",
        ),
        Category::CloudCredential => (
            Home::Kv,
            "a cloud API token: KV (no dynamic engine in this plan issues it)",
        ),
        Category::VaultToken => (
            Home::Kv,
            "a Vault token: revoke it; the application should log in with an auth method (AppRole, Kubernetes) instead",
        ),
        Category::PasswordHash => (
            Home::Kv,
            "a password hash: not a login credential, but open to offline guessing; keep it out of the repository",
        ),
        Category::ApiKey | Category::OauthCredential | Category::GenericSecret => {
            (Home::Kv, "a static API key or application secret: KV v2")
        }
    }
}

/// The finding's name or file says it signs tokens (`JWT_PRIVATE_KEY`, `keys/jwt-signing.pem`).
fn signing_context(f: &Finding) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_ascii_lowercase())
            .collect()
    };
    let file = f
        .location
        .origin
        .rel_path()
        .rsplit('/')
        .next()
        .unwrap_or("");
    let mut all = words(file);
    if let Some(k) = &f.key {
        all.extend(words(k));
    }
    all.iter().any(|w| SIGNING_WORDS.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Confidence, Context, Fingerprint, Location, Origin, Secret, Tier};

    fn finding(rule: &str, category: Category, rel: &str, key: Option<&str>) -> Finding {
        let secret = Secret::new("not-a-real-value-0000");
        Finding {
            rule_id: rule.into(),
            rule_name: rule.into(),
            category,
            tier: Tier::High,
            confidence: Confidence::High,
            context: Context::Production,
            location: Location {
                origin: Origin::File {
                    path: rel.into(),
                    rel: rel.into(),
                },
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 2,
                span: 0..1,
            },
            key: key.map(String::from),
            fingerprint: Fingerprint::new(rule, rel, &secret),
            secret,
            entropy: 4.0,
            encoding: None,
            matched: None,
            verification: None,
        }
    }

    #[test]
    fn homes_and_phases_by_kind() {
        let cases = [
            (
                "database.postgres-uri",
                Category::DatabaseCredential,
                "a/.env",
                Some("DATABASE_URL"),
                Home::Database,
            ),
            (
                "generic.password",
                Category::DatabaseCredential,
                "a/.env",
                Some("DB_PASSWORD"),
                Home::Database,
            ),
            (
                "supabase.secret-key",
                Category::DatabaseCredential,
                "a/.env",
                None,
                Home::Kv,
            ),
            (
                "aws.access-key-id",
                Category::CloudCredential,
                "a/settings.py",
                Some("AWS_ACCESS_KEY_ID"),
                Home::Aws,
            ),
            (
                "aws.secret-access-key",
                Category::CloudCredential,
                "a/settings.py",
                None,
                Home::Aws,
            ),
            (
                "gcp.service-account-key",
                Category::CloudCredential,
                "a/sa.json",
                None,
                Home::Kv,
            ),
            (
                "privatekey.rsa",
                Category::TlsPrivateKey,
                "a/tls/server.key",
                None,
                Home::Pki,
            ),
            (
                "privatekey.rsa",
                Category::TlsPrivateKey,
                "a/keys/jwt-signing.pem",
                None,
                Home::Transit,
            ),
            (
                "privatekey.openssh",
                Category::TlsPrivateKey,
                "a/id_ed25519",
                None,
                Home::Kv,
            ),
            (
                "jwt.signing-secret-env",
                Category::CryptographicKey,
                "a/.env",
                Some("JWT_SECRET"),
                Home::Transit,
            ),
            (
                "crypto.encryption-key",
                Category::CryptographicKey,
                "a/.env",
                Some("DATA_ENCRYPTION_KEY"),
                Home::Transit,
            ),
            (
                "crypto.django-secret-key",
                Category::CryptographicKey,
                "a/settings.py",
                Some("SECRET_KEY"),
                Home::Kv,
            ),
            (
                "stripe.secret-key",
                Category::ApiKey,
                "a/.env",
                Some("STRIPE_SECRET_KEY"),
                Home::Kv,
            ),
            (
                "vault.service-token",
                Category::VaultToken,
                "a/.env",
                None,
                Home::Kv,
            ),
        ];
        for (rule, cat, rel, key, want) in cases {
            let (home, reason) = home_of(&finding(rule, cat, rel, key));
            assert_eq!(home, want, "{rule} at {rel}");
            assert!(!reason.is_empty() && !reason.contains('\n'));
        }
        assert_eq!(Home::Kv.phase(), 2);
        assert_eq!(Home::Database.phase(), 3);
        assert_eq!(Home::Aws.phase(), 3);
        assert_eq!(Home::Pki.phase(), 4);
        assert_eq!(Home::Transit.phase(), 4);
    }
}
