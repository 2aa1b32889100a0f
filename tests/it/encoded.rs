//! Encoded content (base64 in Kubernetes Secrets, Docker auths, blobs) and provider checksums.

use crate::util::*;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

fn b64(s: &str) -> String {
    STANDARD.encode(s)
}

#[test]
fn kubernetes_secret_and_docker_auth_are_decoded_and_located_at_the_encoded_text() {
    let t = TestDir::new();
    let db = password();
    let registry = password();
    let manifest = format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing\ntype: Opaque\ndata:\n  \
         LOG_LEVEL: {}\n  DB_PASSWORD: {}\n",
        b64("debug"),
        b64(&db)
    );
    t.write("k8s/billing-secret.yaml", &manifest);
    let docker = format!(
        "{{\n  \"auths\": {{\n    \"registry.acme.io\": {{\n      \"auth\": \"{}\"\n    }}\n  }}\n}}\n",
        b64(&format!("ci-bot:{registry}"))
    );
    t.write("docker/config.json", &docker);

    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    let all = summary(&findings);

    let enc_db = b64(&db);
    let k8s = in_file(&findings, "k8s/billing-secret.yaml");
    assert_eq!(k8s.len(), 1, "one finding in the manifest:\n{all}");
    let f = k8s[0];
    assert_eq!(s(f, "encoding"), "base64", "{all}");
    assert_eq!(s(f, "key"), "DB_PASSWORD", "{all}");
    assert_eq!(n(f, "line"), line_of(&manifest, &enc_db), "{all}");
    let line = manifest.lines().nth(n(f, "line") as usize - 1).unwrap();
    assert_eq!(
        n(f, "column") as usize,
        line.find(&enc_db).unwrap() + 1,
        "located at the encoded value: {all}"
    );
    assert_eq!(s(f, "category"), "database-credential", "{all}");
    // LOG_LEVEL decodes to a plain word: not a secret

    let enc_auth = b64(&format!("ci-bot:{registry}"));
    let d = in_file(&findings, "docker/config.json");
    assert_eq!(d.len(), 1, "one finding in the Docker config:\n{all}");
    assert_eq!(s(d[0], "encoding"), "base64", "{all}");
    assert_eq!(n(d[0], "line"), line_of(&docker, &enc_auth), "{all}");

    // Masked by default: neither the decoded nor the encoded value is printed.
    for secret in [&db, &registry, &enc_db, &enc_auth] {
        assert!(!run.stdout.contains(secret.as_str()), "{secret} leaked");
        assert!(!run.stderr.contains(secret.as_str()), "{secret} leaked");
    }
    // Shown on request: the decoded secret.
    let (_, shown) = t.scan_json(&["--show-secrets", "k8s"]);
    assert_eq!(s(&shown[0], "secret"), db);
}

#[test]
fn base64_blob_holding_a_private_key_is_found() {
    let t = TestDir::new();
    let values = format!(
        "tls:\n  enabled: true\n  keyPem: {}\n",
        b64(&format!("# issued 2026\n{}", rsa_private_key()))
    );
    t.write("helm/values.yaml", &values);
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    let f = in_file(&findings, "helm/values.yaml");
    assert!(
        f.iter()
            .any(|f| s(f, "encoding") == "base64" && s(f, "tier") == "critical"),
        "{}",
        summary(&findings)
    );
}

#[test]
fn base64_of_ordinary_text_is_not_a_finding() {
    let t = TestDir::new();
    t.write(
        "k8s/config.yaml",
        format!(
            "apiVersion: v1\nkind: Secret\ndata:\n  APP_NAME: {}\n  GREETING: {}\n",
            b64("milk-tracker"),
            b64("Hello from the milk tracker, version 2.4.1!")
        ),
    );
    t.write(
        "docs/notes.md",
        format!(
            "Attachment: {}\n",
            b64("The quick brown fox jumps over the lazy dog 1234567890")
        ),
    );
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(0);
    assert!(findings.is_empty(), "{}", summary(&findings));
}

/// GitHub's token format: 30 random base62 characters, then their CRC32 in 6 base62 digits.
fn github_token(prefix: &str, body: &str) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut n = crc32fast::hash(body.as_bytes());
    let mut tail = [b'0'; 6];
    for slot in tail.iter_mut().rev() {
        *slot = DIGITS[(n % 62) as usize];
        n /= 62;
    }
    format!("{prefix}{body}{}", std::str::from_utf8(&tail).unwrap())
}

#[test]
fn github_checksum_confirms_low_entropy_tokens_and_rejects_forged_ones() {
    let t = TestDir::new();
    // Checksum-valid although low-entropy: GitHub could have issued it.
    let valid = github_token("ghp_", &"0".repeat(30));
    // The same shape with a wrong checksum and low entropy: not a token.
    let forged = format!("ghp_{}", "0".repeat(36));
    t.write("ci/valid.env", format!("GITHUB_TOKEN={valid}\n"));
    t.write("ci/forged.env", format!("GITHUB_TOKEN={forged}\n"));
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    let all = summary(&findings);
    let v = in_file(&findings, "ci/valid.env");
    assert!(
        v.iter()
            .any(|f| s(f, "rule_id") == "github.personal-access-token"),
        "{all}"
    );
    assert!(in_file(&findings, "ci/forged.env").is_empty(), "{all}");
}
