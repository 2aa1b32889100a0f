//! HTTP verifiers: the rule files' `[rules.verify]` requests (the host was checked against the
//! provider's documented API host when the rules loaded), Vault's `token/lookup-self` against
//! the Vault the user named, and AWS STS `GetCallerIdentity` signed with SigV4. One reqwest
//! client per worker thread, with a current-thread tokio runtime, a short timeout, no redirects
//! (a redirect could carry the secret to another host) and the proxy `cmd` passes in.

use super::hmac256;
use super::{Target, VerifyOptions};
use crate::finding::VerifyState;
use crate::rules::RuleSet;
use crate::rules::verify::SECRET;
use sha2::{Digest, Sha256};

/// The STS host `GetCallerIdentity` is sent to (the global endpoint, region us-east-1).
pub const STS_HOST: &str = "sts.amazonaws.com";

/// Twilio's REST API host.
pub const TWILIO_HOST: &str = "api.twilio.com";

/// The host suffix of an Azure storage account's Blob service: the account name is the first
/// label, so this verifier's host is `{account}.blob.core.windows.net`, never another.
pub const AZURE_BLOB_SUFFIX: &str = "blob.core.windows.net";
/// The storage REST API version the Shared Key request names.
pub const AZURE_VERSION: &str = "2021-12-02";

type Outcome = (VerifyState, String);

/// An HTTP client for one worker.
pub struct Client {
    rt: tokio::runtime::Runtime,
    http: reqwest::Client,
}

impl Client {
    /// Builds the client from the options (proxy, test CA and resolve overrides, timeout).
    pub fn new(opts: &VerifyOptions) -> Result<Client, String> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the HTTP runtime: {e}"))?;
        let mut b = reqwest::Client::builder()
            .timeout(opts.timeout)
            .connect_timeout(opts.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!(
                "vaultsweep/",
                env!("CARGO_PKG_VERSION"),
                " (verify)"
            ))
            .no_proxy();
        if let Some(p) = &opts.proxy {
            b = b.proxy(reqwest::Proxy::https(p).map_err(|e| format!("bad HTTPS_PROXY: {e}"))?);
        }
        if let Some(pem) = &opts.ca_pem {
            let cert =
                reqwest::Certificate::from_pem(pem).map_err(|e| format!("bad CA file: {e}"))?;
            b = b.add_root_certificate(cert);
        }
        for (host, addr) in &opts.resolve {
            b = b.resolve(host, *addr);
        }
        let http = b
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Client { rt, http })
    }

    /// Verifies one HTTP-kind target.
    pub fn verify(&self, target: &Target, rules: &RuleSet) -> Outcome {
        match target {
            Target::Vault { addr, token } => self.vault(addr, token),
            Target::Http { rule, secret } => self.rule(rules, *rule, secret),
            Target::Aws { key_id, secret } => self.aws(key_id, secret),
            Target::Azure { account, key } => self.azure(account, key),
            Target::Twilio {
                account,
                user,
                secret,
            } => self.twilio(account, user, secret),
            _ => (VerifyState::Unknown, "not an HTTP verifier".into()),
        }
    }

    fn send(&self, req: reqwest::RequestBuilder) -> Result<(u16, String), String> {
        self.rt.block_on(async {
            let resp = req.send().await.map_err(|e| {
                let mut s = e.to_string();
                let mut src = std::error::Error::source(&e);
                while let Some(x) = src {
                    s.push_str(": ");
                    s.push_str(&x.to_string());
                    src = x.source();
                }
                format!("request failed: {s}")
            })?;
            let status = resp.status().as_u16();
            let body = resp.text().await.unwrap_or_default();
            Ok((status, body))
        })
    }

    fn vault(&self, addr: &str, token: &[u8]) -> Outcome {
        let token = String::from_utf8_lossy(token);
        let req = self
            .http
            .get(format!("{addr}/v1/auth/token/lookup-self"))
            .header("X-Vault-Token", token.as_ref());
        match self.send(req) {
            Ok((200, _)) => (VerifyState::Live, "token/lookup-self: 200".into()),
            Ok((403, _)) => (
                VerifyState::Invalid,
                "token/lookup-self: 403 permission denied".into(),
            ),
            Ok((s, _)) => (VerifyState::Unknown, format!("token/lookup-self: HTTP {s}")),
            Err(e) => (VerifyState::Unknown, e),
        }
    }

    fn rule(&self, rules: &RuleSet, idx: usize, secret: &[u8]) -> Outcome {
        let rule = rules.get(idx);
        let Some(v) = rule.verify.as_ref() else {
            return (VerifyState::Unknown, "no verifier".into());
        };
        let secret = String::from_utf8_lossy(secret);
        let place = |s: &str| s.replace(SECRET, &secret);
        let method = if v.method == "POST" {
            reqwest::Method::POST
        } else {
            reqwest::Method::GET
        };
        let mut req = self.http.request(method, place(&v.url));
        for (k, val) in &v.headers {
            req = req.header(k.as_str(), place(val));
        }
        if let Some(b) = &v.body {
            req = req
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(place(b));
        }
        match self.send(req) {
            Ok((s, body)) => {
                if v.invalid_body.as_deref().is_some_and(|m| body.contains(m)) {
                    (VerifyState::Invalid, format!("HTTP {s}, body says invalid"))
                } else if let Some(m) = v.unknown_body.iter().find(|m| body.contains(m.as_str())) {
                    (VerifyState::Unknown, format!("HTTP {s}, body says {m}"))
                } else if v.live.contains(&s)
                    && v.live_body.as_deref().is_none_or(|m| body.contains(m))
                {
                    (VerifyState::Live, format!("HTTP {s}"))
                } else if v.invalid.contains(&s) {
                    (VerifyState::Invalid, format!("HTTP {s}"))
                } else {
                    (
                        VerifyState::Unknown,
                        format!("HTTP {s}: neither live nor invalid"),
                    )
                }
            }
            Err(e) => (VerifyState::Unknown, e),
        }
    }

    fn twilio(&self, account: &str, user: &str, secret: &[u8]) -> Outcome {
        // The SIDs come from findings matching `AC`/`SK` + 32 hex: safe in a URL path.
        if !account.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return (VerifyState::Unknown, "malformed account SID".into());
        }
        let req = self
            .http
            .get(format!(
                "https://{TWILIO_HOST}/2010-04-01/Accounts/{account}.json"
            ))
            .basic_auth(user, Some(String::from_utf8_lossy(secret)));
        match self.send(req) {
            Ok((200, _)) => (VerifyState::Live, "Accounts/{SID}.json: 200".into()),
            Ok((401, _)) => (
                VerifyState::Invalid,
                "Accounts/{SID}.json: 401 authenticate".into(),
            ),
            Ok((s, _)) => (
                VerifyState::Unknown,
                format!("Accounts/{{SID}}.json: HTTP {s}"),
            ),
            Err(e) => (VerifyState::Unknown, e),
        }
    }

    fn azure(&self, account: &str, key: &[u8]) -> Outcome {
        use base64::Engine as _;
        let Ok(key) = base64::engine::general_purpose::STANDARD.decode(key) else {
            return (VerifyState::Unknown, "the account key is not base64".into());
        };
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let date = rfc1123(now);
        let sig = azure_list_signature(account, &key, &date, AZURE_VERSION);
        let req = self
            .http
            .get(format!("https://{account}.{AZURE_BLOB_SUFFIX}/?comp=list"))
            .header("x-ms-date", &date)
            .header("x-ms-version", AZURE_VERSION)
            .header("Authorization", format!("SharedKey {account}:{sig}"));
        match self.send(req) {
            Ok((200, _)) => (VerifyState::Live, "List Containers: 200".into()),
            Ok((403, b)) if b.contains("AuthenticationFailed") => (
                VerifyState::Invalid,
                "List Containers: 403 AuthenticationFailed".into(),
            ),
            Ok((s, _)) => (VerifyState::Unknown, format!("List Containers: HTTP {s}")),
            Err(e) => (VerifyState::Unknown, e),
        }
    }

    fn aws(&self, key_id: &str, secret: &[u8]) -> Outcome {
        let body = "Action=GetCallerIdentity&Version=2011-06-15";
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let headers = sigv4(key_id, secret, STS_HOST, body, now);
        let mut req = self.http.post(format!("https://{STS_HOST}/")).body(body);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        match self.send(req) {
            Ok((200, b)) if b.contains("GetCallerIdentityResult") => {
                let arn = b
                    .split("<Arn>")
                    .nth(1)
                    .and_then(|r| r.split("</Arn>").next())
                    .unwrap_or("?");
                (VerifyState::Live, format!("GetCallerIdentity: {arn}"))
            }
            Ok((403, b))
                if b.contains("InvalidClientTokenId") || b.contains("SignatureDoesNotMatch") =>
            {
                let code = if b.contains("InvalidClientTokenId") {
                    "InvalidClientTokenId"
                } else {
                    "SignatureDoesNotMatch"
                };
                (
                    VerifyState::Invalid,
                    format!("GetCallerIdentity: 403 {code}"),
                )
            }
            Ok((s, _)) => (VerifyState::Unknown, format!("GetCallerIdentity: HTTP {s}")),
            Err(e) => (VerifyState::Unknown, e),
        }
    }
}

/// `(year, month, day, hour, minute, second)` of a Unix time.
fn utc(secs: u64) -> (i64, i64, i64, u64, u64, u64) {
    let (y, m, d) = crate::finding::civil_from_days((secs / 86400) as i64);
    let t = secs % 86400;
    (y, m, d, t / 3600, t / 60 % 60, t % 60)
}

/// The storage account name in a connection string's `AccountName=…;` (kept as the finding's
/// matched text), if it is a valid account name: 3 to 24 lower-case letters and digits, so it
/// can only ever name a host below `blob.core.windows.net`.
pub fn azure_account_of(matched: &str) -> Option<String> {
    let lower = matched.to_ascii_lowercase();
    let at = lower.find("accountname=")? + "accountname=".len();
    let name = matched[at..].split(';').next()?.trim();
    (3..=24)
        .contains(&name.len())
        .then_some(())
        .filter(|_| {
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        .map(|_| name.to_string())
}

/// An HTTP date (`Mon, 07 Dec 2026 02:13:00 GMT`) of a Unix time.
pub fn rfc1123(secs: u64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, mo, d, h, mi, s) = utc(secs);
    format!(
        "{}, {d:02} {} {y:04} {h:02}:{mi:02}:{s:02} GMT",
        DAYS[(secs / 86400 % 7) as usize],
        MONTHS[(mo - 1) as usize]
    )
}

/// The Shared Key signature of `GET https://{account}.blob.core.windows.net/?comp=list` with
/// `x-ms-date` and `x-ms-version` (Microsoft's "Authorize with Shared Key": base64 of
/// HMAC-SHA256, keyed with the decoded account key, over the verb, eleven empty standard
/// headers, the canonicalized `x-ms-` headers and the canonicalized resource).
pub fn azure_list_signature(account: &str, key: &[u8], date: &str, version: &str) -> String {
    use base64::Engine as _;
    let to_sign = format!(
        "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:{date}\nx-ms-version:{version}\n/{account}/\ncomp:list"
    );
    base64::engine::general_purpose::STANDARD.encode(hmac256(key, to_sign.as_bytes()))
}

/// The headers of an AWS SigV4-signed `POST /` to STS in us-east-1 (`Authorization`,
/// `X-Amz-Date`, `Content-Type`).
pub fn sigv4(
    key_id: &str,
    secret: &[u8],
    host: &str,
    body: &str,
    now: u64,
) -> Vec<(&'static str, String)> {
    let (y, mo, d, h, mi, s) = utc(now);
    let date = format!("{y:04}{mo:02}{d:02}");
    let amz_date = format!("{date}T{h:02}{mi:02}{s:02}Z");
    let content_type = "application/x-www-form-urlencoded; charset=utf-8";
    let payload_hash = hex::encode(Sha256::digest(body.as_bytes()));
    let canonical = format!(
        "POST\n/\n\ncontent-type:{content_type}\nhost:{host}\nx-amz-date:{amz_date}\n\ncontent-type;host;x-amz-date\n{payload_hash}"
    );
    let scope = format!("{date}/us-east-1/sts/aws4_request");
    let to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let mut k = b"AWS4".to_vec();
    k.extend_from_slice(secret);
    let k = hmac256(&k, date.as_bytes());
    let k = hmac256(&k, b"us-east-1");
    let k = hmac256(&k, b"sts");
    let k = hmac256(&k, b"aws4_request");
    let signature = hex::encode(hmac256(&k, to_sign.as_bytes()));
    vec![
        ("Content-Type", content_type.to_string()),
        ("X-Amz-Date", amz_date),
        (
            "Authorization",
            format!(
                "AWS4-HMAC-SHA256 Credential={key_id}/{scope}, SignedHeaders=content-type;host;x-amz-date, Signature={signature}"
            ),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn azure_pieces() {
        // 2012-02-15 was a Wednesday; 2026-12-07 a Monday.
        assert_eq!(rfc1123(1_329_264_000), "Wed, 15 Feb 2012 00:00:00 GMT");
        assert_eq!(rfc1123(1_796_609_580), "Mon, 07 Dec 2026 02:13:00 GMT");
        assert_eq!(
            azure_account_of("AccountName=billing01;AccountKey=x").as_deref(),
            Some("billing01")
        );
        // A name that is not an account name cannot become a host.
        for bad in [
            "AccountName=evil.example/x;AccountKey=x",
            "AccountName=ab;AccountKey=x",
            "AccountName=Billing;AccountKey=x",
            "AccountKey=x",
        ] {
            assert_eq!(azure_account_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn azure_signature_matches_an_independent_hmac() {
        // Computed with Python's hmac/hashlib, not with this code:
        //   key = bytes(range(64)); s = 'GET\n' + '\n'*11 + 'x-ms-date:Mon, 07 Dec 2026 02:13:00 GMT\n'
        //     'x-ms-version:2021-12-02\n/billing01/\ncomp:list'
        //   base64.b64encode(hmac.new(key, s.encode(), hashlib.sha256).digest())
        let key: Vec<u8> = (0u8..64).collect();
        assert_eq!(
            azure_list_signature(
                "billing01",
                &key,
                "Mon, 07 Dec 2026 02:13:00 GMT",
                "2021-12-02"
            ),
            "qGe5VvZYpS3zl3bHtkhWTHK3SMcRlsiU3fhoe3dEpVs="
        );
    }

    #[test]
    fn sigv4_signing_key_matches_aws_example() {
        // AWS's documented signing-key example (secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY,
        // 20120215, us-east-1, iam).
        let secret = b"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"; // vaultsweep:allow
        let mut k = b"AWS4".to_vec();
        k.extend_from_slice(secret);
        let k = hmac256(&k, b"20120215");
        let k = hmac256(&k, b"us-east-1");
        let k = hmac256(&k, b"iam");
        let k = hmac256(&k, b"aws4_request");
        assert_eq!(
            hex::encode(k),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
        );
        let h = sigv4("AKIDEXAMPLE", secret, STS_HOST, "x", 1_329_264_000);
        assert_eq!(h[1].1, "20120215T000000Z");
        assert!(h[2].1.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20120215/us-east-1/sts/aws4_request"
        ));
    }
}
