//! Does this name mean a secret? The one owner of that question, for detection (generic
//! rules' `key` groups), classification and migration (which `.env`/JSON keys move to Vault).

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
    // When and how a secret is used (`PasswordLastUsed`, `authMechanism`).
    "used",
    "date",
    "time",
    "timestamp",
    "mechanism",
    "mechanisms",
    "method",
    "methods",
    "provider",
    "providers",
    "strategy",
    "scheme",
    "schemes",
    "realm",
    "scope",
    "scopes",
    // Query lookups and comparisons (`password__startswith`, `token_contains`).
    "startswith",
    "endswith",
    "contains",
    "icontains",
    "iexact",
    "exact",
    "isnull",
    "iregex",
    // Counts, states and events about a secret, not the secret.
    "count",
    "counter",
    "mode",
    "enabled",
    "required",
    "changed",
    "reset",
    "hash",
    "hashed",
    "hasher",
    "hashers",
    "digest",
    "validator",
    "validators",
    "manager",
    "mgr",
    "handler",
    "handlers",
    "backend",
    "backends",
    "class",
    "helper",
    "error",
    "errors",
    "exception",
    "message",
    "msg",
    "callback",
    // Parts of a ciphertext stored beside it (`auth_tag`, `iv`, `nonce` of an AES-GCM
    // envelope): public by design.
    "tag",
    "iv",
    "nonce",
];

/// Words before `key` that make it a non-secret key: public keys, database and data-structure
/// keys, UI, keyboard and translation keys, pagination cursors, request ids, config names.
const NOT_SECRET_KEY_KINDS: &[&str] = &[
    "result",
    "results",
    "accept",
    "tenant",
    "websocket",
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
    "change", "reset", "validate", "require", "allow", "no", "get", "fetch", "load", "read", "log",
    "print", "echo", "assert", "expect", "check", "verify",
];

/// Words before `token` that make it a non-credential token: pagination cursors, idempotency
/// and change tokens of cloud APIs, CSRF and form tokens, parser and lexer tokens.
const NOT_SECRET_TOKEN_KINDS: &[&str] = &[
    "client",
    "verification",
    "next",
    "page",
    "pagination",
    "continuation",
    "cursor",
    "marker",
    "output",
    "input",
    "change",
    "purchase",
    "lifecycle",
    "action",
    "idempotency",
    "update",
    "starting",
    "lock",
    "sequence",
    "forward",
    "backward",
    "status",
    "sync",
    "resume",
    "cancellation",
    "cancel",
    "csrf",
    "xsrf",
    "form",
    "nonce",
    "state",
    "prev",
    "previous",
    "last",
    "first",
    "current",
    "end",
    "start",
    "lexer",
    "parser",
    "syntax",
    "word",
    "eof",
    "notification",
    "capacity",
    "max",
    "min",
];

/// `NextContinuationToken`, `ChangeToken`, `csrfToken`, `ClientRequestToken` (an idempotency
/// key), `--next-token`, `--idempotency-token`: tokens that are not credentials. OAuth's
/// `request_token` is one.
fn is_non_secret_token(toks: &[String]) -> bool {
    let n = toks.len();
    n >= 2 && matches!(toks[n - 1].as_str(), "token" | "tokens") && {
        let before = toks[n - 2].as_str();
        NOT_SECRET_TOKEN_KINDS.contains(&before)
            || (before == "request" && n >= 3 && toks[n - 3] == "client")
    }
}

/// Whether a name is a token that is not a credential (see [`is_non_secret_token`]): for the
/// rules that take any value after a token-like name (`--next-token …` on a command line).
pub fn names_a_non_secret_token(key: &[u8]) -> bool {
    is_non_secret_token(&name_tokens(&String::from_utf8_lossy(key)))
}

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
    if is_non_secret_token(&toks) {
        return false;
    }
    // `publicApiKey`, `publishable_client_key`, `NEXT_PUBLIC_MAPS_API_KEY`, `MAPS_BROWSER_KEY`,
    // `SUPABASE_ANON_KEY`, `CLIENT_SIDE_KEY`: a key the name says is public (shipped to
    // browsers and apps), whatever word stands between; also a `public_token`. Not
    // `NEXT_PUBLIC_STRIPE_SECRET_KEY` (a secret exposed to browsers is still a secret).
    let head = toks.split_last().map(|(_, h)| h).unwrap_or_default();
    let public = |t: &String| t == "public" || t == "publishable";
    let shipped = |t: &String| {
        public(t)
            || matches!(
                t.as_str(),
                "browser" | "frontend" | "widget" | "anon" | "anonymous"
            )
    };
    let client_side = head.windows(2).any(|w| w[0] == "client" && w[1] == "side")
        || head.iter().any(|t| t == "clientside");
    if ((matches!(last, "key" | "keys") && (head.iter().any(shipped) || client_side))
        || (last == "token" && head.iter().any(public)))
        && !toks
            .iter()
            .any(|t| t.contains("secret") || t.contains("private"))
    {
        return false;
    }
    // `existingSecret`, `auth.existingSecretPasswordKey`: Helm charts' name of a Kubernetes
    // secret that already holds the value.
    if toks.iter().any(|t| t == "existing") {
        return false;
    }
    // `token_cache_key`, `session_lookup_key`: a key into a cache or table, whatever it keys.
    if last == "key"
        && toks.len() >= 2
        && NOT_SECRET_KEY_KINDS.contains(&toks[toks.len() - 2].as_str())
    {
        return false;
    }
    // A name ending in a descriptor still names a secret when the descriptor is itself the
    // secret word (`secret`, `client_key`…): only reject when the last word is not sensitive.
    let describes = DESCRIPTOR_WORDS.contains(&last) && !sensitive(last);
    let asks = DESCRIPTOR_LEADS.contains(&first) && toks.len() > 1;
    !(describes || asks)
}

/// Whether `key` names a key or token a provider issues (`apiKey`, `X-Api-Key`, `api_token`,
/// `ACCESS_TOKEN`, `authToken`, `AccountKey`) rather than a password or a secret a person may
/// choose: `formats::shape_slip` judges the shapes of issued tokens only under such a name.
pub fn issued_key_name(key: &[u8]) -> bool {
    let norm: Vec<u8> = key
        .iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(u8::to_ascii_lowercase)
        .collect();
    let has = |w: &[u8]| memchr::memmem::find(&norm, w).is_some();
    (has(b"apikey")
        || has(b"apitoken")
        || has(b"accesstoken")
        || has(b"authtoken")
        || has(b"accountkey")
        || has(b"accesskey"))
        && !(has(b"secret") || has(b"pass") || has(b"pwd"))
}

/// Whether `key` names a password (`DB_PASSWORD`, `pwd`, `passphrase`): a value a person may
/// have chosen, which `formats::shape_slip` does not judge by the shapes of issued tokens.
pub fn names_a_password(key: &[u8]) -> bool {
    let lower = key.to_ascii_lowercase();
    memchr::memmem::find(&lower, b"pass").is_some()
        || memchr::memmem::find(&lower, b"pwd").is_some()
}

/// Whether a name written as a quoted argument or tuple element before a value
/// (`define('DB_PASSWORD', '…')`, `setenv("API_TOKEN", "…")`, `put("password", "…")`) names a
/// secret. Stricter than [`key_names_secret`]: lists and tuples of strings put words such as
/// `auth` or `token` before unrelated strings (`("auth", "0011_update_proxy_permissions")`,
/// `['token', 'quoted value']`), and type names before type names (`'OAuth2Auth',
/// 'OAuth2Client'`). A single generic word (`auth`, `token`, `key`, `credentials`) or a
/// CamelCase type name does not count here.
pub fn argument_names_secret(key: &[u8]) -> bool {
    if !key_names_secret(key) {
        return false;
    }
    let separated = key.iter().any(|b| matches!(b, b'_' | b'-' | b'.'));
    let humps = key
        .windows(2)
        .filter(|w| {
            (w[0].is_ascii_lowercase() || w[0].is_ascii_digit()) && w[1].is_ascii_uppercase()
        })
        .count();
    if !separated && key.first().is_some_and(u8::is_ascii_uppercase) && humps >= 1 {
        return false; // `OAuth2Auth`, `TokenAuth`: a type name
    }
    let key = String::from_utf8_lossy(key);
    let toks = name_tokens(&key);
    !(toks.len() == 1
        && matches!(
            toks[0].as_str(),
            "auth"
                | "authorization"
                | "token"
                | "tokens"
                | "key"
                | "credential"
                | "credentials"
                | "creds"
                | "cred"
        ))
}

/// Name words that make a configuration setting sensitive for migration although detection
/// does not treat them as secret names on their own: a Sentry DSN, a certificate, a salt or
/// pepper, a PIN, a signature secret.
const SETTING_WORDS: &[&str] = &[
    "dsn",
    "cert",
    "salt",
    "pepper",
    "pin",
    "signature",
    "secrets",
    "private",
];

/// Name words that make a setting plain configuration, whatever else its name says: a public
/// or publishable key, a file or path to one, a lifetime, a size, an identifier, an address.
const NOT_SETTING_WORDS: &[&str] = &[
    "public",
    "publishable",
    "file",
    "path",
    "ttl",
    "expiry",
    "expires",
    "timeout",
    "length",
    "size",
    "id",
    "name",
    "url",
    "host",
    "port",
    "user",
    "username",
    "header",
    "algorithm",
    "type",
    "enabled",
    "version",
];

/// Whether a configuration setting (a `.env` or JSON key) holds a secret that belongs in
/// Vault: every name [`key_names_secret`] accepts (`DB_PASSWORD`, `apiKey`, `STRIPE_SECRET_KEY`)
/// and the setting words above (`SENTRY_DSN`), unless a word says the setting describes a
/// secret rather than holds one (`KEY_ID`, `PUBLIC_KEY`, `TOKEN_TTL`).
pub fn is_sensitive_setting(key: &str) -> bool {
    let toks = name_tokens(key);
    if toks.iter().any(|t| NOT_SETTING_WORDS.contains(&t.as_str())) {
        return false;
    }
    key_names_secret(key.as_bytes()) || toks.iter().any(|t| SETTING_WORDS.contains(&t.as_str()))
}

/// Words that, labelling the value after them, make it a property of an account or of a
/// resource rather than a credential: identifiers, addresses, people, digests, versions.
const PROPERTY_WORDS: &[&str] = &[
    "id",
    "ids",
    "uuid",
    "guid",
    "sid",
    "url",
    "uri",
    "host",
    "hostname",
    "domain",
    "endpoint",
    "user",
    "username",
    "login",
    "email",
    "mail",
    "phone",
    "number",
    "account",
    "org",
    "organization",
    "team",
    "project",
    "workspace",
    "tenant",
    "region",
    "version",
    "commit",
    "sha",
    "sha1",
    "sha256",
    "hash",
    "digest",
    "checksum",
    "integrity",
    "etag",
    "revision",
    "build",
    "release",
    "tag",
    "channel",
    "file",
    "path",
    "public",
    "publishable",
    "site",
    "name",
    "color",
    "colour",
    "image",
    "logo",
    "icon",
];

/// Top-level domains that end a host name used as a key (`api.newsapi.org`, `id.twitch.tv`):
/// such a key is an address, and its words (`org`, `id`) label nothing.
const HOST_ENDINGS: &[&str] = &[
    "com", "org", "net", "io", "dev", "ai", "co", "app", "cloud", "tv", "me", "us", "eu", "uk",
    "de", "fr", "in", "so", "sh", "xyz", "info", "biz", "tech", "site", "online",
];

/// Whether the value after `key` (and the `gap` of text between them) is labelled as a
/// property of an account rather than a credential. The nearest label decides: the last
/// identifier in the gap (`acme project id: …`, `"acme": {"account": "…"`,
/// `ACME_USERNAME=alice ACME_ACCESS_KEY=…` is labelled by `ACME_ACCESS_KEY`), else the key
/// itself (`ACME_PROJECT_ID`, `acme_commit`; `ACME_USER_TOKEN` names a secret). A host name as
/// key (`api.acme.org`) labels nothing.
pub fn labels_a_property(key: &[u8], gap: &[u8]) -> bool {
    let property = |name: &[u8]| {
        let text = String::from_utf8_lossy(name);
        let toks = name_tokens(&text);
        !key_names_secret(name) && toks.iter().any(|t| PROPERTY_WORDS.contains(&t.as_str()))
    };
    let ident = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
    if let Some(end) = gap.iter().rposition(ident).map(|i| i + 1) {
        let start = gap[..end]
            .iter()
            .rposition(|b| !ident(b))
            .map_or(0, |i| i + 1);
        return property(&gap[start..end]);
    }
    let host = key.contains(&b'.')
        && key.rsplit(|&b| b == b'.').next().is_some_and(|tld| {
            HOST_ENDINGS
                .iter()
                .any(|e| e.as_bytes().eq_ignore_ascii_case(tld))
        });
    !host && property(key)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "_oauth_request_token",
            "TEST_PASSWORD",
            "TEST_USER_PASSWORD",
            "credentials",
            "auth",
            "PASSWD",
            "NEXT_PUBLIC_STRIPE_SECRET_KEY",
            "CLIENT_KEY",
            "SDK_KEY",
            "BROWSER_PRIVATE_KEY",
            "PUBLIC_SECRET_TOKEN",
        ] {
            assert!(key_names_secret(k.as_bytes()), "{k} names a secret");
        }
    }

    #[test]
    fn argument_names_are_judged_more_strictly() {
        for k in [
            "DB_PASSWORD",
            "API_TOKEN",
            "password",
            "client_secret",
            "apiKey",
        ] {
            assert!(argument_names_secret(k.as_bytes()), "{k} names a secret");
        }
        for k in [
            "auth",
            "token",
            "OAuth2Auth",
            "TokenAuth",
            "Authorization",
            "password_length",
        ] {
            assert!(
                !argument_names_secret(k.as_bytes()),
                "{k} is not judged a secret name here"
            );
        }
    }

    #[test]
    fn tokens_that_are_not_credentials() {
        for k in [
            "next-token",
            "idempotency-token",
            "starting-token",
            "PolicyUpdateToken",
            "LockToken",
            "nextSequenceToken",
            "nextForwardToken",
            "NodeAssociationStatusToken",
        ] {
            assert!(names_a_non_secret_token(k.as_bytes()), "{k}");
        }
        for k in [
            "token",
            "api-token",
            "auth-token",
            "request_token",
            "access-token",
        ] {
            assert!(!names_a_non_secret_token(k.as_bytes()), "{k}");
        }
    }

    #[test]
    fn names_of_issued_keys_and_of_passwords() {
        assert!(issued_key_name(b"wordnik_api_key"));
        assert!(issued_key_name(b"X-Api-Key"));
        assert!(issued_key_name(b"GITHUB_ACCESS_TOKEN"));
        assert!(issued_key_name(b"AccountKey"));
        assert!(!issued_key_name(b"api_secret_key"));
        assert!(!issued_key_name(b"DB_PASSWORD"));
        assert!(!issued_key_name(b"SESSION_SECRET"));
        assert!(names_a_password(b"DB_PASSWORD"));
        assert!(names_a_password(b"mysql_pwd"));
        assert!(!names_a_password(b"AccountKey"));
    }

    #[test]
    fn key_names_that_describe_or_miss_a_secret() {
        for k in [
            "auth.existingSecret",
            "existingSecretPasswordKey",
            "password_length",
            "passwordMinLength",
            "password__startswith",
            "NextContinuationToken",
            "ChangeToken",
            "PolicyUpdateToken",
            "ClientRequestToken",
            "clientRequestToken",
            "ClientToken",
            "VerificationToken",
            "token_cache_key",
            "change_password",
            "reset_password_from_key",
            "csrfToken",
            "PasswordLastUsed",
            "authMechanism",
            "HTTPPasswordMgr",
            "PASSWORD_HASHERS",
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
            "publicApiKey",
            "NEXT_PUBLIC_MAPS_API_KEY",
            "publishable_client_key",
            "MAPS_BROWSER_KEY",
            "SUPABASE_ANON_KEY",
            "ACME_CLIENT_SIDE_KEY",
            "widgetKey",
            "MAPBOX_PUBLIC_TOKEN",
            "auth_tag",
            "token_iv",
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
    #[test]
    fn sensitive_names() {
        for k in [
            "DB_PASSWORD",
            "apiKey",
            "STRIPE_SECRET_KEY",
            "JWT_SECRET",
            "PRIVATE_KEY",
            "AUTH_TOKEN",
            "SENTRY_DSN",
            "aws_credentials",
        ] {
            assert!(is_sensitive_setting(k), "{k}");
        }
        for k in [
            "APP_NAME",
            "LOG_LEVEL",
            "DB_HOST",
            "DB_PORT",
            "AWS_KEY_ID",
            "STRIPE_PUBLIC_KEY",
            "TOKEN_TTL",
            "KEY_FILE",
            "monkey",
        ] {
            assert!(!is_sensitive_setting(k), "{k}");
        }
    }

    #[test]
    fn a_value_labelled_as_a_property_is_not_a_credential() {
        use super::labels_a_property as p;
        assert!(p(b"ACME_PROJECT_ID", b"="));
        assert!(p(b"acme", b" project id: "));
        assert!(p(b"acme_commit", b"\": \""));
        assert!(p(b"acme", b"\": {\"account\": \""));
        assert!(!p(b"ACME_USER_TOKEN", b"="));
        assert!(!p(b"acme", b" api key is "));
        assert!(!p(b"X-Acme-Key", b": "));
        assert!(!p(b"acme", b"\": {\"user\": \"bob\", \"token\": \""));
        assert!(!p(b"ACME", b"="));
        // The nearest label decides; a host name labels nothing.
        assert!(!p(b"ACME_USERNAME", b"=alice ACME_ACCESS_KEY="));
        assert!(p(b"ACME_TOKEN", b"=x ACME_ORG_ID="));
        assert!(!p(b"api.newsapi.org", b"/"));
        assert!(!p(b"id.twitch.tv", b"/oauth2/token?client_secret="));
        assert!(p(b"acme.project.id", b"="));
    }
}
