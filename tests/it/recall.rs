//! Issue 14 through the whole binary: built placeholders after a provider prefix, near misses
//! (prefix in the wrong case, hex of odd length, an inner literal near its length), env files
//! escaped inside a string, and values that begin like a string prefix (`r8_…`, `RDME_…`).

use crate::util::{TestDir, in_file, masked, s};

/// A fixed pseudo-random token body (base62, no runs), so that the test holds no literal
/// secret for the repository's own scan.
fn body(seed: u64, n: usize) -> String {
    const A: &[u8] = b"Kq7vLm2pX9wN4tRz8sD3hB6cY1fG5jTa0eQuMiVoWxZbHnJdPkCyErSg";
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            A[(x >> 33) as usize % A.len()] as char
        })
        .collect()
}

#[test]
fn built_placeholders_after_a_prefix_are_not_tokens() {
    let d = TestDir::new();
    let real = format!("shpat_{}", "4f1c9a7e2b6d8305c1e4a9f7b2d6c803"); // vaultsweep:allow
    let built = format!("shpat_{}", "0123456789abcdef0123456789abcdef"); // vaultsweep:allow
    d.write(
        "real/shop.py",
        format!("SHOPIFY_ACCESS_TOKEN = \"{real}\"\n"),
    );
    d.write(
        "built/shop.py",
        format!("SHOPIFY_ACCESS_TOKEN = \"{built}\"\n"),
    );
    let (_, f) = d.scan_json(&["--no-ignore"]);
    assert_eq!(in_file(&f, "real/shop.py").len(), 1, "{f:#?}");
    assert!(in_file(&f, "built/shop.py").is_empty(), "{f:#?}");
}

#[test]
fn near_misses_are_not_reported_by_generic_rules() {
    let d = TestDir::new();
    let gl = body(1, 20);
    // The prefix in the wrong case.
    d.write("case/app.env", format!("GITLAB_TOKEN=GLPAT-{gl}\n"));
    // Hex of odd length under a secret name: one digit short of 40.
    d.write(
        "hex/app.env",
        "TODOIST_API_TOKEN=5ad7ea3ede1369234e4b9de4ba3a02685885009\n",
    ); // vaultsweep:allow
    // Mailchimp's `-us` literal, one hex digit too many.
    d.write(
        "mc/app.env",
        "MC_API_SECRET=5ad7ea3ede1369234e4b9de4ba3a026858-us14\n",
    ); // vaultsweep:allow
    // The service named on the line, not in the key the generic rule reads: Bitfinex
    // secrets are 43 alphanumerics, this is 42.
    let short = body(6, 42);
    d.write("line/notes.yml", format!("bitfinex secret: {short}\n"));
    // …or on the INI section that holds it: Vultr API keys are 36 of `[A-Z0-9]`, this is 35.
    let vultr = body(7, 35).to_ascii_uppercase();
    d.write(
        "section/settings.ini",
        format!("[vultr]\nurl = https://api.vultr.com\nsecret = {vultr}\n"),
    );
    d.write(
        "parent/app.yml",
        format!("vultr:\n  api:\n    secret: {vultr}\n"),
    );
    d.write(
        "control/settings.ini",
        format!("[general]\nurl = https://api.example.com\nsecret = {vultr}\n"),
    );
    // Controls: the same names with values in no known format are reported, and so is the
    // 42-character value on a line that names no service.
    d.write("control/app.env", format!("GITLAB_TOKEN={}\n", body(2, 26)));
    d.write("control/notes.yml", format!("secret: {short}\n"));
    let (_, f) = d.scan_json(&["--no-ignore"]);
    for rel in [
        "case/app.env",
        "hex/app.env",
        "mc/app.env",
        "line/notes.yml",
    ] {
        assert!(in_file(&f, rel).is_empty(), "{rel}: {f:#?}");
    }
    assert_eq!(in_file(&f, "control/app.env").len(), 1, "{f:#?}");
    assert_eq!(in_file(&f, "control/notes.yml").len(), 1, "{f:#?}");
    assert_eq!(in_file(&f, "control/settings.ini").len(), 1, "{f:#?}");
}

/// `n` pseudo-random lower-case hex digits.
fn hex(seed: u64, n: usize) -> String {
    body(seed, n * 2)
        .bytes()
        .map(|b| char::from(b"0123456789abcdef"[usize::from(b) % 16]))
        .take(n)
        .collect()
}

#[test]
fn slips_masks_and_broken_base64_are_not_reported() {
    let d = TestDir::new();
    // A live key whose body is hex but for one letter (a Stripe-prefixed key of another
    // provider with a typo); the control is a base62 body.
    let h = hex(11, 64);
    let slipped = format!("{}y{}", &h[..40], &h[41..]);
    d.write(
        "slip/config.go",
        format!("const Key = \"sk_live_{slipped}\"\n"),
    );
    d.write(
        "control/slip.go",
        format!("const Key = \"sk_live_{}\"\n", body(12, 99)),
    );
    // A token cut short by a mask.
    d.write(
        "mask/req.http",
        format!(
            "GET https://api.sendgrid.com/v3/user\nAuthorization: Bearer SG.{}.{}{}\n",
            body(13, 22),
            "*".repeat(39),
            body(14, 4)
        ),
    );
    // A storage account key with a URL-safe character among standard base64, padded; the
    // control has the standard character.
    let key = body(15, 86);
    let conn = |k: &str| {
        format!(
            "AZURE_STORAGE_CONNECTION_STRING=\"DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey={k}==;EndpointSuffix=core.windows.net\"\n"
        )
    };
    d.write(
        "b64/app.env",
        conn(&format!("{}/{}_{}", &key[..20], &key[21..50], &key[51..])),
    );
    d.write(
        "control/b64.env",
        conn(&format!("{}/{}+{}", &key[..20], &key[21..50], &key[51..])),
    );
    // A query parameter at the end of a quoted URL: the closing quote is not the value's, so
    // the value (33 characters) is judged against Polygon.io's 32.
    d.write(
        "query/check.sh",
        format!(
            "curl -s \"https://api.polygon.io/v2/status?apiKey={}\"\n",
            body(16, 33)
        ),
    );
    // A service named by three words of the key: Nasdaq Data Link keys are 20 of
    // `[A-Za-z0-9_-]`; this one holds a `/`.
    d.write(
        "three/ci.yml",
        format!(
            "env:\n  NASDAQ_DATA_LINK_API_KEY: {}/{}\n",
            body(17, 9),
            body(18, 10)
        ),
    );
    // A JWT whose signature holds a character outside base64url; the control is whole.
    let jwt = |sig: &str| {
        format!(
            "{{:api-key \"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ{}.{sig}\"}}\n",
            body(19, 60)
        )
    };
    d.write(
        "jwt/config.edn",
        jwt(&format!("{}+{}", body(20, 7), body(21, 35))),
    );
    d.write("control/jwt.edn", jwt(&body(22, 43)));
    // One capital in a lower-case token: a slip under an issued-key name; a password a person
    // chose may hold one, and is reported.
    let lower = body(23, 40).to_ascii_lowercase();
    let one_cap = format!("{}Q{}", &lower[..20], &lower[20..]);
    d.write("case/app.env", format!("WORDNIK_API_KEY={one_cap}\n"));
    d.write("control/case.env", format!("DB_PASSWORD={one_cap}\n"));
    // `+` beside `_` without padding: a password a person chose, reported.
    d.write(
        "control/b64pw.env",
        format!("DB_PASSWORD=Harbor_{}+{}\n", body(25, 10), body(26, 12)),
    );
    let (_, f) = d.scan_json(&["--no-ignore"]);
    for rel in [
        "case/app.env",
        "jwt/config.edn",
        "slip/config.go",
        "mask/req.http",
        "b64/app.env",
        "query/check.sh",
        "three/ci.yml",
    ] {
        assert!(in_file(&f, rel).is_empty(), "{rel}: {f:#?}");
    }
    for rel in [
        "control/slip.go",
        "control/b64.env",
        "control/jwt.edn",
        "control/case.env",
        "control/b64pw.env",
    ] {
        assert_eq!(in_file(&f, rel).len(), 1, "{rel}: {f:#?}");
    }
}

#[test]
fn env_files_escaped_in_a_string_are_read() {
    let d = TestDir::new();
    let pw = format!("{}#{}", body(3, 6), body(4, 6));
    d.write(
        "task-def.json",
        format!("{{\"envFile\": \"APP_ENV=prod\\nDB_PASSWORD={pw}\\nPORT=8080\\n\"}}\n"),
    );
    let (_, f) = d.scan_json(&["--no-ignore", "--show-secrets"]);
    let v = in_file(&f, "task-def.json");
    assert_eq!(v.len(), 1, "{f:#?}");
    assert_eq!(s(v[0], "secret"), pw, "the escape ends the value");
}

#[test]
fn a_value_is_not_cut_after_a_letter_that_opens_a_string_prefix() {
    // `r`, `b`, `u` open Python string prefixes (`r"…"`) only when a quote follows.
    let d = TestDir::new();
    let v = format!("rA{}", body(5, 30));
    d.write("settings.yaml", format!("signing:\n  key: {v}\n"));
    let (_, f) = d.scan_json(&["--no-ignore"]);
    let got = in_file(&f, "settings.yaml");
    assert_eq!(got.len(), 1, "{f:#?}");
    assert_eq!(s(got[0], "secret_masked"), masked(&v));
}

#[test]
fn a_format_the_named_service_documents_outweighs_the_value_only_checks() {
    let d = TestDir::new();
    let entry =
        |name: &str, value: &str| format!("env:\n  - name: {name}\n    value: \"{value}\"\n");
    // Cloudflare's global API key is 37 hex digits: an odd length, which the value-only
    // checks read as a hex string cut short — but the name says whose format it is.
    d.write("a/deploy.yaml", entry("CLOUDFLARE_API_KEY", &hex(37, 37)));
    // The same value under a name no format is known for stays a near miss; so does a
    // Cloudflare key one digit short.
    d.write("b/deploy.yaml", entry("ACME_API_KEY", &hex(37, 37)));
    d.write("c/deploy.yaml", entry("CLOUDFLARE_API_KEY", &hex(37, 36)));
    let (_, f) = d.scan_json(&[]);
    assert_eq!(in_file(&f, "a/deploy.yaml").len(), 1, "{f:#?}");
    assert!(in_file(&f, "b/deploy.yaml").is_empty(), "{f:#?}");
    assert!(in_file(&f, "c/deploy.yaml").is_empty(), "{f:#?}");
}
