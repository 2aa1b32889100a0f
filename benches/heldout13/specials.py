"""Private keys, cloud credentials, signing and session secrets, webhook URLs and credentials in test code, for the
real-repository half (see realrepo.py). Each function f(rng) returns a list of cases; multi-line key blocks are
labelled from their first to their last line (end_line).
"""

import base64
import json

from hcommon import ALNUM, B64, HEX, LOWALNUM, URLSAFE, b64, encrypted_pkcs8_der, pem_armor, rand, rbytes, uuid4
import keys as K
import values as V
from values import chosen, token
from realrepo import case, conn_url, url_pw

DASH5 = "-" * 5


def block(group, form, context, path, lines, provider="private-key", shape="pem"):
    first = next(i for i, ln in enumerate(lines, 1) if DASH5 + "BEGIN" in ln or "PuTTY-User-Key-File" in ln)
    last = next((i for i, ln in enumerate(lines, 1) if i > first and (DASH5 + "END" in ln or "Private-MAC" in ln)), first)
    c = case(group, form, True, context, path, lines, line=first, shape=shape, provider=provider)
    c["end_line"] = last
    return c


def keys(rng):
    out = []
    g = "r-privkey"
    pem, _ = K.rsa_pem(rng, 2048)
    lines = ['"""Signing helpers for the partner callback API."""', "import base64", "", "from cryptography.hazmat.primitives import hashes, serialization",
             "from cryptography.hazmat.primitives.asymmetric import padding", "", 'PARTNER_SIGNING_KEY = b"""' + pem[0]] + pem[1:-1] + [pem[-1] + '"""',
            "", "", "def sign(payload: bytes) -> str:", "    key = serialization.load_pem_private_key(PARTNER_SIGNING_KEY, password=None)",
             "    return base64.b64encode(key.sign(payload, padding.PKCS1v15(), hashes.SHA256())).decode()"]
    out.append(block(g, "rsa-pkcs1-python-bytes", "python", "app/partners/signing.py", lines))
    pem, _ = K.rsa_pem(rng, 2048, pkcs8=True)
    out.append(block(g, "rsa-pkcs8-pem-file", "pem", "deploy/certs/api.lumen.io.key", pem))
    d, pub = K.p256_keypair(rng)
    pem = pem_armor("EC PRIVATE KEY", K.ec_sec1_der(d, pub))
    lines = ["package apns", "", "import (", '\t"crypto/x509"', '\t"encoding/pem"', ")", "", "// teamKey signs the APNs provider tokens.",
             "const teamKey = `" + pem[0]] + pem[1:-1] + [pem[-1] + "`", "", "func parseKey() (any, error) {", "\tblock, _ := pem.Decode([]byte(teamKey))",
                                                           "\treturn x509.ParseECPrivateKey(block.Bytes)", "}"]
    out.append(block(g, "ec-sec1-go-raw-string", "go", "internal/apns/key.go", lines))
    klines = K.openssh_rsa(rng, "deploy@lumen-ci")
    out.append(block(g, "openssh-rsa-file", "ssh", "deploy/keys/id_rsa", klines))
    klines, _ = K.openssh_ed25519(rng, "github-actions@lumen")
    lines = ["name: deploy-static", "on:", "  push:", "    branches: [main]", "jobs:", "  deploy:", "    runs-on: ubuntu-latest", "    env:",
             "      DEPLOY_HOST: web-01.lumen.io", "      DEPLOY_KEY: |"] + ["        " + ln for ln in klines] + [
                 "    steps:", "      - uses: actions/checkout@v4", "      - run: ./scripts/rsync-deploy.sh"]
    out.append(block(g, "openssh-ed25519-gha-env", "gha", ".github/workflows/deploy-static.yml", lines))
    klines, _ = K.openssh_ecdsa(rng, "backup@nas")
    lines = ["---", "- name: Install the backup key", "  ansible.builtin.copy:", "    dest: /root/.ssh/id_ecdsa", "    owner: root",
             "    mode: '0600'", "    content: |"] + ["      " + ln for ln in klines] + ["", "- name: Schedule the backup",
                                                                                      "  ansible.builtin.cron:", "    name: nightly backup",
                                                                                      "    hour: '2'", "    job: /usr/local/bin/backup.sh"]
    out.append(block(g, "openssh-ecdsa-ansible-copy", "ansible", "roles/backup/tasks/main.yml", lines))
    out.append(block(g, "putty-ppk-v2", "ppk", "tools/winscp/jumphost.ppk", K.putty_rsa_v2(rng, "rsa-key-20240311")))
    pem = pem_armor("ENCRYPTED PRIVATE KEY", encrypted_pkcs8_der(rng, 1218))
    lines = ["apiVersion: v1", "kind: Secret", "metadata:", "  name: saml-signing", "  namespace: sso", "type: Opaque", "stringData:",
             "  passphrase-hint: ask the identity team", "  key.pem: |"] + ["    " + ln for ln in pem]
    out.append(block(g, "encrypted-pkcs8-k8s", "k8s", "deploy/sso/saml-key.yaml", lines))
    pem, _ = K.rsa_pem(rng, 2048)
    doc = {"appId": 482913, "appSlug": "lumen-release-bot", "webhookSecretRef": "vault:kv/github-app/webhook", "privateKey": "\n".join(pem) + "\n",
           "installationId": 51203377, "permissions": {"contents": "write", "pull_requests": "write", "checks": "read"},
           "events": ["push", "pull_request"]}
    lines = json.dumps(doc, indent=2).split("\n")
    out.append(case(g, "rsa-github-app-json-escaped", True, "json", "config/github-app.json", lines,
                    line=next(i for i, ln in enumerate(lines, 1) if "BEGIN" in ln), shape="pem", provider="private-key"))
    seed, _ = K.ed25519_keypair(rng)
    pem = pem_armor("PRIVATE KEY", K.ed25519_pkcs8_der(seed))
    lines = ["resource \"tls_locally_signed_cert\" \"edge\" {", "  cert_request_pem   = tls_cert_request.edge.cert_request_pem",
             "  ca_private_key_pem = <<-EOT"] + ["    " + ln for ln in pem] + ["  EOT", "  ca_cert_pem        = file(\"${path.module}/ca.crt\")",
                                                                              "  validity_period_hours = 8760", "  allowed_uses = [\"server_auth\"]", "}"]
    out.append(block(g, "ed25519-terraform-heredoc", "terraform", "infra/pki/edge.tf", lines))
    pem, _ = K.rsa_pem(rng, 2048, pkcs8=True)
    lines = ["package io.lumen.saml;", "", "final class SigningKeys {", "    static final String SP_KEY = \"\"\"", ] + ["        " + ln for ln in pem] + [
        "        \"\"\";", "", "    private SigningKeys() {}", "}"]
    out.append(block(g, "rsa-pkcs8-java-text-block", "java", "src/main/java/io/lumen/saml/SigningKeys.java", lines))
    d, pub = K.p256_keypair(rng)
    pem = pem_armor("PRIVATE KEY", K.ec_pkcs8_der(d, pub))
    lines = ["APP_ENV=production", "APNS_KEY_ID=" + rand(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10), "APNS_TEAM_ID=" + rand(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10),
             'APNS_PRIVATE_KEY="' + pem[0]] + pem[1:-1] + [pem[-1] + '"', "APNS_TOPIC=io.lumen.app", "LOG_LEVEL=info"]
    out.append(block(g, "ec-pkcs8-dotenv-multiline", "dotenv", ".env.production", lines))
    pem, _ = K.rsa_pem(rng, 2048)
    lines = ["# frozen_string_literal: true", "", "module Sso", "  class Signer", "    KEY = OpenSSL::PKey::RSA.new(<<~PEM)"] + ["      " + ln for ln in pem] + [
        "    PEM", "", "    def sign(data)", "      Base64.strict_encode64(KEY.sign(OpenSSL::Digest.new('SHA256'), data))", "    end", "  end", "end"]
    out.append(block(g, "rsa-ruby-heredoc", "ruby", "app/lib/sso/signer.rb", lines))
    seed, _ = K.ed25519_keypair(rng)
    pem = pem_armor("PRIVATE KEY", K.ed25519_pkcs8_der(seed))
    lines = ["package io.lumen.license", "", "internal object LicenseKeys {", '    const val SIGNING_KEY = """'] + ["        " + ln for ln in pem] + [
        '    """', "", "    fun fingerprint(): String = SIGNING_KEY.hashCode().toString(16)", "}"]
    out.append(block(g, "ed25519-kotlin-raw-string", "kotlin", "license/src/main/kotlin/io/lumen/license/LicenseKeys.kt", lines))
    # negatives
    k = K.rsa_key(rng, 2048)
    from hcommon import rsa_spki_der
    pub = pem_armor("PUBLIC KEY", rsa_spki_der(k))
    lines = ['"""Verify webhook signatures from the payment provider."""', "from cryptography.hazmat.primitives import serialization", "",
             'PROVIDER_PUBLIC_KEY = b"""' + pub[0]] + pub[1:-1] + [pub[-1] + '"""', "", "",
                                                                  "def load():", "    return serialization.load_pem_public_key(PROVIDER_PUBLIC_KEY)"]
    out.append(case("rn-pub", "id-public-key-pem", False, "python", "app/webhooks/verify.py", lines))
    cert = K.cert_lines(rng, "partner-gateway.lumen.io")
    lines = ["package io.lumen.tls;", "", "final class PinnedCerts {", "    static final String GATEWAY = \"\"\""] + ["        " + ln for ln in cert] + [
        "        \"\"\";", "", "    private PinnedCerts() {}", "}"]
    out.append(case("rn-pub", "id-certificate-pem", False, "java", "src/main/java/io/lumen/tls/PinnedCerts.java", lines))
    keys_ = [K.ssh_host_pub(rng) + f" {u}@lumen" for u in ("ana", "bo", "cy")]
    out.append(case("rn-pub", "id-authorized-keys", False, "ssh", "provision/files/authorized_keys",
                    ["# managed by ansible: ops team keys"] + keys_ + ["", "# break-glass key (offline, in the safe)", K.ssh_host_pub(rng) + " breakglass@lumen",
                                                                       "", "# end of managed block", "#", "#", "#"]))
    out.append(case("rn-pub", "id-pgp-public-block", False, "markdown", "docs/verify-releases.md",
                    ["# Verifying releases", "", "Every release archive is signed. Import the release key and check the signature:", "", "```",
                     "gpg --import release.asc", "gpg --verify lumen-2.4.0.tar.gz.asc lumen-2.4.0.tar.gz", "```", "", "The release key:", "", "```"] +
                    K.pgp_public_block(rng, "Lumen Release <release@lumen.io>", 1709550000) + ["```"]))
    out.append(case("rn-pub", "id-jwks-public", False, "json", "public/.well-known/jwks.json",
                    json.dumps({"keys": [K.ec_public_jwk(rng, "es256-2025-01"), K.ec_public_jwk(rng, "es256-2025-02")]}, indent=2).split("\n")))
    out.append(case("rn-tmpl", "ph-key-elided", False, "markdown", "docs/ssh.md",
                    ["# SSH access", "", "Generate a key with `ssh-keygen -t ed25519` and send us the `.pub` file. Your private key file looks", "like this;",
                     "never paste it anywhere:", "", "```", DASH5 + "BEGIN OPENSSH PRIVATE KEY" + DASH5, "b3BlbnNzaC1rZXktdjEAAAAA...", "...",
                     DASH5 + "END OPENSSH PRIVATE KEY" + DASH5, "```"]))
    out.append(case("rn-ref", "ph-key-file-reference", False, "yaml", "config/tls.yaml",
                    ["server:", "  port: 8443", "  tls:", "    enabled: true", "    cert_file: /etc/lumen/tls/tls.crt", "    key_file: /etc/lumen/tls/tls.key",
                     "    min_version: \"1.2\"", "    client_ca_file: /etc/lumen/tls/ca.crt", "  read_timeout: 15s", "  write_timeout: 15s"]))
    out.append(case("rn-ordinary", "ordinary-code", False, "go", "internal/pki/keygen.go",
                    ["package pki", "", "import (", '\t"crypto/ecdsa"', '\t"crypto/elliptic"', '\t"crypto/rand"', '\t"crypto/x509"', '\t"encoding/pem"', ")", "",
                     "func NewKeyPEM() ([]byte, error) {", "\tkey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)", "\tif err != nil {",
                     "\t\treturn nil, err", "\t}", "\tder, _ := x509.MarshalECPrivateKey(key)",
                     '\treturn pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}), nil', "}"]))
    return out


def cloud(rng):
    out = []
    g = "r-cloud"

    def akia():
        return "AKIA" + rand(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)

    def aws_secret():
        while True:
            s = rand(rng, B64, 40)
            if "EXAMPLE" not in s:
                return s

    sk = aws_secret()
    out.append(case(g, "aws-boto3-client-kwargs", True, "python", "jobs/export_to_s3.py",
                    ["import boto3", "", "BUCKET = 'lumen-exports'", "", "s3 = boto3.client(", "    's3',", "    region_name='eu-west-1',",
                     f"    aws_access_key_id='{akia()}',", f"    aws_secret_access_key='{sk}',", ")", "", "",
                     "def upload(path, key):", "    s3.upload_file(path, BUCKET, key)"], marker=sk, shape="base64", provider="aws"))
    sk = aws_secret()
    out.append(case(g, "aws-credentials-file", True, "ini", "ops/aws/credentials",
                    ["[default]", "region = eu-west-1", "", "[lumen-prod]", f"aws_access_key_id = {akia()}", f"aws_secret_access_key = {sk}", "",
                     "[lumen-dev]", "role_arn = arn:aws:iam::210987654321:role/Developer", "source_profile = lumen-prod", "mfa_serial = arn:aws:iam::123456789012:mfa/ops"],
                    marker=sk, shape="base64", provider="aws"))
    sk = aws_secret()
    out.append(case(g, "aws-js-sdk-config", True, "javascript", "scripts/upload-assets.js",
                    ["const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');", "", "const s3 = new S3Client({", "  region: 'eu-west-1',",
                     "  credentials: {", f"    accessKeyId: '{akia()}',", f"    secretAccessKey: '{sk}',", "  },", "});", "",
                     "module.exports = (key, body) => s3.send(new PutObjectCommand({ Bucket: 'lumen-assets', Key: key, Body: body }));"],
                    marker=sk, shape="base64", provider="aws"))
    sk = aws_secret()
    out.append(case(g, "aws-java-basic-credentials", True, "java", "src/main/java/io/lumen/storage/S3Config.java",
                    ["package io.lumen.storage;", "", "import com.amazonaws.auth.AWSStaticCredentialsProvider;", "import com.amazonaws.auth.BasicAWSCredentials;",
                     "import com.amazonaws.services.s3.AmazonS3ClientBuilder;", "", "public class S3Config {", "    public AmazonS3 s3() {",
                     f"        BasicAWSCredentials creds = new BasicAWSCredentials(\"{akia()}\", \"{sk}\");",
                     "        return AmazonS3ClientBuilder.standard().withRegion(\"eu-west-1\")", "            .withCredentials(new AWSStaticCredentialsProvider(creds)).build();",
                     "    }", "}"], marker=sk, shape="base64", provider="aws"))
    sk = aws_secret()
    out.append(case(g, "aws-env-pair", True, "dotenv", "worker/.env",
                    ["APP_ENV=production", "QUEUE=orders", f"AWS_ACCESS_KEY_ID={akia()}", f"AWS_SECRET_ACCESS_KEY={sk}", "AWS_DEFAULT_REGION=eu-west-1",
                     "S3_BUCKET=lumen-orders", "LOG_LEVEL=info", "WORKERS=4", "VISIBILITY_TIMEOUT=60", "METRICS=true"], marker=sk, shape="base64", provider="aws"))
    sk = aws_secret()
    out.append(case(g, "aws-go-static-credentials", True, "go", "internal/storage/s3.go",
                    ["package storage", "", "import (", '\t"github.com/aws/aws-sdk-go-v2/aws"', '\t"github.com/aws/aws-sdk-go-v2/credentials"',
                     '\t"github.com/aws/aws-sdk-go-v2/service/s3"', ")", "", "func NewClient() *s3.Client {", "\treturn s3.New(s3.Options{",
                     '\t\tRegion: "eu-west-1",', f'\t\tCredentials: credentials.NewStaticCredentialsProvider("{akia()}", "{sk}", ""),', "\t})", "}"],
                    marker=sk, shape="base64", provider="aws"))
    for form, ctx, path, builder in [
        ("azure-storage-appsettings", "json", "src/Lumen.Api/appsettings.Production.json",
         lambda k: json.dumps({"Logging": {"LogLevel": {"Default": "Information"}}, "AllowedHosts": "*",
                               "ConnectionStrings": {"Blobs": f"DefaultEndpointsProtocol=https;AccountName=lumenprodfiles;AccountKey={k};EndpointSuffix=core.windows.net"},
                               "Features": {"Exports": True}}, indent=2).split("\n")),
        ("azure-storage-python", "python", "jobs/archive.py",
         lambda k: ["from azure.storage.blob import BlobServiceClient", "",
                    f'CONN = "DefaultEndpointsProtocol=https;AccountName=lumenarchive;AccountKey={k};EndpointSuffix=core.windows.net"', "",
                    "service = BlobServiceClient.from_connection_string(CONN)", "container = service.get_container_client('archive')", "", "",
                    "def archive(name, data):", "    container.upload_blob(name, data, overwrite=True)"]),
    ]:
        key = b64(rbytes(rng, 64))
        out.append(case(g, form, True, ctx, path, builder(key), marker=key, shape="base64", provider="azure"))
    sig = quote_sig(b64(rbytes(rng, 32)))
    out.append(case(g, "azure-sas-url", True, "shell", "scripts/pull-reports.sh",
                    ["#!/usr/bin/env bash", "set -euo pipefail", "DEST=${1:-./reports}", "mkdir -p \"$DEST\"",
                     f"SAS_URL='https://lumenreports.blob.core.windows.net/monthly?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig={sig}'",
                     "azcopy copy \"$SAS_URL\" \"$DEST\" --recursive", "echo \"copied to $DEST\"", "", "# monthly reports, read-only", "exit 0"],
                    marker=sig, shape="base64", provider="azure"))
    key = b64(rbytes(rng, 32))
    out.append(case(g, "azure-servicebus-csharp", True, "csharp", "src/Lumen.Orders/Messaging/BusFactory.cs",
                    ["using Azure.Messaging.ServiceBus;", "", "namespace Lumen.Orders.Messaging;", "", "public static class BusFactory", "{",
                     "    private const string ConnectionString =",
                     f'        "Endpoint=sb://lumen-orders.servicebus.windows.net/;SharedAccessKeyName=sender;SharedAccessKey={key}";', "",
                     "    public static ServiceBusSender Create() =>", "        new ServiceBusClient(ConnectionString).CreateSender(\"orders\");", "}"],
                    marker=key, shape="base64", provider="azure"))
    sp = rand(rng, ALNUM, 3) + "8Q~" + rand(rng, URLSAFE + ".~", 34)
    out.append(case(g, "azure-client-secret-appsettings", True, "json", "src/Lumen.Worker/appsettings.json",
                    json.dumps({"AzureAd": {"Instance": "https://login.microsoftonline.com/", "TenantId": uuid4(rng), "ClientId": uuid4(rng),
                                            "ClientSecret": sp}, "Logging": {"LogLevel": {"Default": "Warning"}}, "Queue": "orders"}, indent=2).split("\n"),
                    marker=sp, shape="prefixed", provider="azure"))
    doc = gcp_sa(rng, "lumen-analytics-4471", "bq-loader")
    lines = json.dumps(doc, indent=2).split("\n")
    out.append(case(g, "gcp-sa-json-file", True, "json", "secrets/bq-loader.json", lines,
                    line=next(i for i, ln in enumerate(lines, 1) if '"private_key"' in ln), shape="json", provider="google"))
    doc = gcp_sa(rng, "lumen-web-2290", "firebase-adminsdk-" + rand(rng, LOWALNUM, 5))
    body = json.dumps(doc, indent=4).split("\n")
    lines = ["from google.oauth2 import service_account", "", "SERVICE_ACCOUNT_INFO = " + body[0]] + body[1:] + ["",
                                                                                                             "credentials = service_account.Credentials.from_service_account_info(SERVICE_ACCOUNT_INFO)"]
    out.append(case(g, "gcp-sa-python-dict", True, "python", "app/firebase_admin.py", lines,
                    line=next(i for i, ln in enumerate(lines, 1) if '"private_key"' in ln), shape="json", provider="google"))
    doc = gcp_sa(rng, "lumen-infra-9012", "terraform")
    body = json.dumps(doc, indent=2).split("\n")
    lines = ["provider \"google\" {", "  project     = \"lumen-infra-9012\"", "  region      = \"europe-west1\"", "  credentials = <<-EOT"] + [
        "    " + ln for ln in body] + ["  EOT", "}"]
    out.append(case(g, "gcp-sa-terraform-heredoc", True, "terraform", "infra/gcp/provider.tf", lines,
                    line=next(i for i, ln in enumerate(lines, 1) if '"private_key"' in ln), shape="json", provider="google"))
    # negatives
    out.append(case("rn-docval", "ph-doc-example", False, "python", "tests/test_s3_upload.py",
                    ["import boto3", "from moto import mock_aws", "", "", "@mock_aws", "def test_upload_roundtrip(tmp_path):",
                     f"    s3 = boto3.client('s3', region_name='us-east-1', aws_access_key_id='{V.AWS_DOC_ID}',",
                     f"                      aws_secret_access_key='{V.AWS_DOC_SECRET}')", "    s3.create_bucket(Bucket='exports')",
                     "    s3.put_object(Bucket='exports', Key='a.txt', Body=b'hello')", "    assert s3.get_object(Bucket='exports', Key='a.txt')['Body'].read() == b'hello'"]))
    out.append(case("rn-docval", "ph-azurite-key", False, "json", "src/Lumen.Api/appsettings.Development.json",
                    json.dumps({"ConnectionStrings": {"Blobs": f"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={V.AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"},
                                "Logging": {"LogLevel": {"Default": "Debug"}}, "AllowedHosts": "*"}, indent=2).split("\n")))
    out.append(case("rn-tmpl", "ph-sas-placeholder", False, "shell", "docs/snippets/pull-reports.sh",
                    ["#!/usr/bin/env bash", "# usage: SAS_TOKEN=... ./pull-reports.sh", "set -euo pipefail", "DEST=${1:-./reports}",
                     "azcopy copy \"https://lumenreports.blob.core.windows.net/monthly?${SAS_TOKEN}\" \"$DEST\" --recursive",
                     "# example: https://<account>.blob.core.windows.net/<container>?sv=<version>&sig=<signature>", "echo done", "", "exit 0", "#"]))
    out.append(case("rn-ordinary", "ordinary-code", False, "csharp", "src/Lumen.Api/Program.cs",
                    ["using Azure.Identity;", "using Azure.Storage.Blobs;", "", "var builder = WebApplication.CreateBuilder(args);",
                     "builder.Services.AddSingleton(_ => new BlobServiceClient(", "    new Uri(\"https://lumenprodfiles.blob.core.windows.net\"),",
                     "    new DefaultAzureCredential()));", "builder.Configuration.AddAzureKeyVault(new Uri(\"https://kv-lumen-prod.vault.azure.net/\"), new DefaultAzureCredential());",
                     "var app = builder.Build();", "app.MapGet(\"/healthz\", () => \"ok\");", "app.Run();"]))
    out.append(case("rn-smref", "ph-keyvault-reference", False, "json", "infra/appsettings.azure.json",
                    json.dumps({"Values": {"DbPassword": "@Microsoft.KeyVault(SecretUri=https://kv-lumen-prod.vault.azure.net/secrets/db-password/)",
                                           "StorageConnection": "@Microsoft.KeyVault(VaultName=kv-lumen-prod;SecretName=storage-connection)",
                                           "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated", "AzureWebJobsStorage__accountName": "lumenfuncs",
                                           "Exports__Container": "monthly"},
                                "Host": {"CORS": "https://portal.lumen.io"}, "IsEncrypted": False}, indent=2).split("\n")))
    out.append(case("rn-smref", "ph-arn-reference", False, "yaml", "serverless.yml",
                    ["service: lumen-exports", "provider:", "  name: aws", "  runtime: python3.12", "  region: eu-west-1", "  environment:",
                     "    DB_SECRET_ARN: arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/exports/db-" + rand(rng, ALNUM, 6),
                     "    API_TOKEN: ${ssm:/prod/exports/api-token}", "functions:", "  export:", "    handler: handler.run"]))
    return out


def ejson(rng):
    return f"EJ[1:{b64(rbytes(rng, 32))}:{b64(rbytes(rng, 24))}:{b64(rbytes(rng, 40))}]"


def quote_sig(s):
    from urllib.parse import quote
    return quote(s, safe="")


def gcp_sa(rng, project, name):
    pem, _ = K.rsa_pem(rng, 2048, pkcs8=True)
    from urllib.parse import quote
    email = f"{name}@{project}.iam.gserviceaccount.com"
    return {"type": "service_account", "project_id": project, "private_key_id": rand(rng, HEX, 40), "private_key": "\n".join(pem) + "\n",
            "client_email": email, "client_id": str(rng.randrange(10 ** 20, 10 ** 21)), "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": "https://oauth2.googleapis.com/token", "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/" + quote(email, safe=""), "universe_domain": "googleapis.com"}


def signing(rng):
    out = []
    g = "r-signing"
    k = V.django_key(rng)
    out.append(case(g, "django-secret-key", True, "python", "lumen/settings/production.py",
                    ["from .base import *  # noqa", "", "DEBUG = False", 'ALLOWED_HOSTS = ["portal.lumen.io"]', "",
                     f"SECRET_KEY = '{k}'", "", "DATABASES['default']['HOST'] = 'db.internal.lumen'", "SESSION_COOKIE_SECURE = True",
                     "CSRF_COOKIE_SECURE = True", "SECURE_HSTS_SECONDS = 31536000"], marker=k, shape="random", provider="django"))
    k = "django-insecure-" + V.django_key(rng)
    out.append(case(g, "django-insecure-secret-key", True, "python", "portal/settings.py",
                    ["from pathlib import Path", "", "BASE_DIR = Path(__file__).resolve().parent.parent", "",
                     "# SECURITY WARNING: keep the secret key used in production secret!", f"SECRET_KEY = '{k}'", "",
                     "# SECURITY WARNING: don't run with debug turned on in production!", "DEBUG = True", "", "ALLOWED_HOSTS = []"],
                    marker=k, shape="random", provider="django"))
    k = rand(rng, HEX, 128)
    out.append(case(g, "rails-secret-key-base", True, "yaml", "config/secrets.yml",
                    ["# Be sure to restart your server when you modify this file.", "", "default: &default", "  time_zone: UTC", "",
                     "development:", "  <<: *default", "  secret_key_base: <%= ENV['SECRET_KEY_BASE'] %>", "", "production:", "  <<: *default",
                     f"  secret_key_base: {k}"], marker=k, shape="hex", provider="rails"))
    k = token(rng, "hex64")
    out.append(case(g, "flask-secret-key", True, "python", "app/__init__.py",
                    ["from flask import Flask", "", "", "def create_app():", "    app = Flask(__name__)", f"    app.config['SECRET_KEY'] = '{k}'",
                     "    app.config['SESSION_COOKIE_SECURE'] = True", "    from .views import bp", "    app.register_blueprint(bp)", "    return app"],
                    marker=k, shape="hex", provider="flask"))
    k = "base64:" + b64(rbytes(rng, 32))
    out.append(case(g, "laravel-config-app-key", True, "php", "config/app.php",
                    ["<?php", "", "return [", "    'name' => env('APP_NAME', 'Lumen'),", "    'env' => env('APP_ENV', 'production'),",
                     "    'debug' => (bool) env('APP_DEBUG', false),", "    'url' => env('APP_URL', 'https://lumen.io'),", "    'timezone' => 'UTC',",
                     f"    'key' => env('APP_KEY', '{k}'),", "    'cipher' => 'AES-256-CBC',", "];"], marker=k, shape="base64", provider="laravel"))
    k = token(rng, "alnum40")
    out.append(case(g, "express-session-secret", True, "javascript", "server/app.js",
                    ["const express = require('express');", "const session = require('express-session');", "", "const app = express();",
                     "app.use(express.json());", "app.use(session({", f"  secret: '{k}',", "  resave: false,", "  saveUninitialized: false,",
                     "  cookie: { secure: true, httpOnly: true, maxAge: 8 * 3600 * 1000 },", "}));", "", "module.exports = app;"],
                    marker=k, shape="random", provider="express"))
    k = b64(rbytes(rng, 48))
    out.append(case(g, "phoenix-secret-key-base", True, "elixir", "config/prod.exs",
                    ["import Config", "", "config :lumen, LumenWeb.Endpoint,", "  url: [host: \"lumen.io\", port: 443, scheme: \"https\"],",
                     "  cache_static_manifest: \"priv/static/cache_manifest.json\",", f"  secret_key_base: \"{k}\"", "",
                     "config :logger, level: :info", "", "config :lumen, Lumen.Repo, pool_size: 20"], marker=k, shape="base64", provider="phoenix"))
    vk, dk = rand(rng, "0123456789ABCDEF", 128), rand(rng, "0123456789ABCDEF", 64)
    out.append(case(g, "aspnet-machinekey", True, "xml-webconfig", "src/Lumen.Legacy/Web.config",
                    ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <system.web>", '    <compilation debug="false" targetFramework="4.8" />',
                     '    <httpRuntime targetFramework="4.8" />', f'    <machineKey validationKey="{vk}"', f'                decryptionKey="{dk}"',
                     '                validation="HMACSHA256" decryption="AES" />', "  </system.web>", "</configuration>"],
                    marker=vk, shape="hex", provider="aspnet"))
    k = rand(rng, HEX, 32)
    out.append(case(g, "symfony-app-secret", True, "dotenv", ".env.prod",
                    ["APP_ENV=prod", f"APP_SECRET={k}", "MESSENGER_TRANSPORT_DSN=doctrine://default?auto_setup=0", "TRUSTED_PROXIES=127.0.0.1,REMOTE_ADDR",
                     "LOCK_DSN=flock", "MAILER_DSN=null://null", "CORS_ALLOW_ORIGIN='^https?://(portal|admin)\\.lumen\\.io$'", "", "# end", "#"],
                    marker=k, shape="hex", provider="symfony"))
    k = token(rng, "alnum32")
    out.append(case(g, "gorilla-cookie-store", True, "go", "internal/web/session.go",
                    ["package web", "", "import (", '\t"net/http"', "", '\t"github.com/gorilla/sessions"', ")", "",
                     f'var store = sessions.NewCookieStore([]byte("{k}"))', "", "func Session(r *http.Request) (*sessions.Session, error) {",
                     '\treturn store.Get(r, "lumen_session")', "}"], marker=k, shape="random", provider="gorilla"))
    k = token(rng, "urlsafe43")
    out.append(case(g, "cookie-parser-secret", True, "typescript", "src/main.ts",
                    ["import { NestFactory } from '@nestjs/core';", "import cookieParser from 'cookie-parser';", "import { AppModule } from './app.module';", "",
                     "async function bootstrap() {", "  const app = await NestFactory.create(AppModule);", f"  app.use(cookieParser('{k}'));",
                     "  app.enableShutdownHooks();", "  await app.listen(3000);", "}", "bootstrap();"], marker=k, shape="random", provider="express"))
    k = token(rng, "hex64")
    out.append(case(g, "webhook-signing-secret", True, "python", "app/webhooks/github.py",
                    ['"""Receive push events from GitHub and queue a deploy."""', "import hashlib", "import hmac", "",
                     "from flask import Blueprint, abort, request", "", "bp = Blueprint('github', __name__)", f"WEBHOOK_SECRET = b'{k}'", "", "",
                     "def verify(body: bytes, signature: str) -> bool:", "    mac = hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()",
                     "    return hmac.compare_digest(f'sha256={mac}', signature)"], marker=k, shape="hex", provider="hmac"))
    # negatives of the same shape
    out.append(case("rn-ref", "ph-env-reference", False, "python", "lumen/settings/production.py",
                    ["from .base import *  # noqa", "import os", "", "DEBUG = False", 'ALLOWED_HOSTS = ["portal.lumen.io"]', "",
                     'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]', "", "SESSION_COOKIE_SECURE = True", "CSRF_COOKIE_SECURE = True",
                     "SECURE_HSTS_SECONDS = 31536000"]))
    out.append(case("rn-ordinary", "ordinary-code", False, "python", "scripts/gen_secret.py",
                    ['"""Print a fresh SECRET_KEY for a new environment."""', "import secrets", "", "", "def main():",
                     "    print(secrets.token_urlsafe(50))", "", "", 'if __name__ == "__main__":', "    main()"]))
    pub = rand(rng, HEX, 64)
    out.append(case("rn-enc", "ph-ejson-encrypted", False, "ejson", "config/secrets.production.ejson",
                    json.dumps({"_public_key": pub, "environment": {"DATABASE_PASSWORD": ejson(rng), "SECRET_KEY_BASE": ejson(rng),
                                                                    "SMTP_PASSWORD": ejson(rng)},
                                "_comment": "encrypted with ejson; decrypt on the host with the private key in /opt/ejson/keys",
                                "api": {"token": ejson(rng)}}, indent=2).split("\n")))
    return out


def webhooks(rng):
    out = []
    g = "r-webhook"
    t = rand(rng, ALNUM, 24)
    url = f"https://hooks.slack.com/services/T{rand(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/B{rand(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/{t}"
    out.append(case(g, "slack-webhook-python", True, "python", "ops/notify.py",
                    ["import json", "import urllib.request", "", f'SLACK_WEBHOOK = "{url}"', "", "",
                     "def notify(text):", "    data = json.dumps({'text': text}).encode()",
                     "    req = urllib.request.Request(SLACK_WEBHOOK, data=data, headers={'Content-Type': 'application/json'})",
                     "    urllib.request.urlopen(req, timeout=10)"], marker=t, shape="url", provider="slack"))
    t = rand(rng, URLSAFE, 68)
    out.append(case(g, "discord-webhook-js", True, "javascript", "scripts/release-note.js",
                    ["const https = require('https');", "", f"const WEBHOOK = 'https://discord.com/api/webhooks/{rng.randrange(10 ** 18, 10 ** 19)}/{t}';", "",
                     "function post(content) {", "  const req = https.request(WEBHOOK, { method: 'POST', headers: { 'Content-Type': 'application/json' } });",
                     "  req.end(JSON.stringify({ content }));", "}", "", "post(`Released ${process.argv[2]}`);"], marker=t, shape="url", provider="discord"))
    h = rand(rng, HEX, 32)
    out.append(case(g, "teams-webhook-powershell", True, "powershell", "ops/Send-TeamsAlert.ps1",
                    ["param([string]$Title, [string]$Text)", "",
                     f"$uri = 'https://lumen.webhook.office.com/webhookb2/{uuid4(rng)}@{uuid4(rng)}/IncomingWebhook/{h}/{uuid4(rng)}'",
                     "$body = @{ title = $Title; text = $Text } | ConvertTo-Json", "Invoke-RestMethod -Method Post -Uri $uri -Body $body -ContentType 'application/json'",
                     "", "# called by the nightly job", "# owner: platform-team", "exit 0", "#"], marker=h, shape="url", provider="teams"))
    tok = rand(rng, URLSAFE, 43) + "%3D"
    out.append(case(g, "googlechat-webhook-alertmanager", True, "yaml", "monitoring/alertmanager.yml",
                    ["route:", "  receiver: chat-oncall", "  group_by: [alertname, service]", "  repeat_interval: 4h", "receivers:", "  - name: chat-oncall",
                     "    webhook_configs:",
                     f"      - url: https://chat.googleapis.com/v1/spaces/AAAA{rand(rng, URLSAFE, 7)}/messages?key=AIza{rand(rng, URLSAFE, 35)}&token={tok}",
                     "        send_resolved: true", "inhibit_rules: []"], marker=tok, shape="url", provider="google"))
    t = rand(rng, LOWALNUM, 26)
    out.append(case(g, "mattermost-webhook", True, "yaml", "monitoring/alertmanager-mm.yml",
                    ["route:", "  receiver: mattermost", "receivers:", "  - name: mattermost", "    slack_configs:",
                     f"      - api_url: https://chat.lumen.io/hooks/{t}", "        channel: ops-alerts", "        send_resolved: true",
                     "        title: '{{ .CommonLabels.alertname }}'", "templates: []"], marker=t, shape="url", provider="mattermost"))
    t = token(rng, "hex32")
    out.append(case(g, "jenkins-remote-trigger-token", True, "groovy", "Jenkinsfile",
                    ["pipeline {", "  agent any", "  stages {", "    stage('Build') {", "      steps { sh 'make build' }", "    }", "    stage('Downstream') {",
                     "      steps {", f"        sh 'curl -fsS -X POST \"https://ci.lumen.io/job/deploy/buildWithParameters?token={t}&ENV=staging\"'", "      }",
                     "    }", "  }", "}"], marker=t, shape="random", provider="jenkins"))
    out.append(case("rn-docval", "ph-doc-example", False, "python", "docs/examples/notify.py",
                    ["import json", "import urllib.request", "", "# Replace with your own incoming-webhook URL", f'SLACK_WEBHOOK = "{V.SLACK_DOC_HOOK}"', "", "",
                     "def notify(text):", "    data = json.dumps({'text': text}).encode()",
                     "    urllib.request.urlopen(urllib.request.Request(SLACK_WEBHOOK, data=data), timeout=10)"]))
    out.append(case("rn-ref", "ph-env-reference", False, "yaml", "monitoring/alertmanager.yml",
                    ["route:", "  receiver: chat-oncall", "receivers:", "  - name: chat-oncall", "    slack_configs:",
                     "      - api_url_file: /etc/alertmanager/secrets/slack-webhook", "        channel: '#ops-alerts'", "        send_resolved: true",
                     "inhibit_rules: []", "templates: []"]))
    return out


def test_positives(rng):
    """Real-looking credentials in test code: positives by the labelling policy (location does not make a value fake)."""
    out = []
    p = chosen(rng, avoid=V.CODE_AVOID)
    out.append(case("r-password", "test-integration-staging-password", True, "python", "tests/integration/conftest.py",
                    ["import pytest", "import psycopg2", "", "STAGING_HOST = 'staging-db.lumen.io'", "", "", "@pytest.fixture(scope='session')",
                     "def staging_conn():", f"    conn = psycopg2.connect(host=STAGING_HOST, dbname='orders', user='qa_runner', password='{p}')",
                     "    yield conn", "    conn.close()"], marker=p, shape="chosen"))
    tk = token(rng, "alnum40")
    out.append(case("r-bearer", "test-e2e-api-token", True, "typescript", "e2e/support/api.ts",
                    ["import { request } from '@playwright/test';", "", "export const API_BASE = 'https://staging-api.lumen.io';",
                     f"export const QA_API_TOKEN = '{tk}';", "", "export async function apiContext() {", "  return request.newContext({",
                     "    baseURL: API_BASE,", "    extraHTTPHeaders: { Authorization: `Bearer ${QA_API_TOKEN}` },", "  });", "}"],
                    marker=tk, shape="random"))
    p = chosen(rng, avoid=V.CODE_AVOID)
    out.append(case("r-password", "test-smoke-admin-password", True, "java", "src/test/java/io/lumen/smoke/AdminSmokeTest.java",
                    ["package io.lumen.smoke;", "", "import org.junit.jupiter.api.Test;", "", "class AdminSmokeTest {",
                     "    private static final String BASE = \"https://admin.staging.lumen.io\";", f"    private static final String ADMIN_PASSWORD = \"{p}\";", "",
                     "    @Test", "    void adminCanLogIn() {", "        assertEquals(200, login(BASE, \"smoke-admin\", ADMIN_PASSWORD));", "    }", "}"],
                    marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.CODE_AVOID)
    out.append(case("r-password", "test-go-fixture-realistic", True, "go", "internal/mailer/mailer_integration_test.go",
                    ["//go:build integration", "", "package mailer", "", 'import "testing"', "", "func TestSendViaRelay(t *testing.T) {",
                     f'\tm := New("smtp.lumen.io:587", "relay@lumen.io", "{p}")', '\tif err := m.Send("qa@lumen.io", "ping", "body"); err != nil {',
                     '\t\tt.Fatal(err)', "\t}", "}"], marker=p, shape="chosen"))
    out.append(case("rn-weak", "ph-test-dummy", False, "python", "tests/unit/test_settings.py",
                    ["from app.settings import Settings", "", "", "def test_reads_password_from_env(monkeypatch):",
                     "    monkeypatch.setenv('DB_PASSWORD', 'dummy')", "    monkeypatch.setenv('API_TOKEN', 'fake-token')",
                     "    s = Settings()", "    assert s.db_password == 'dummy'", "    assert s.api_token == 'fake-token'", "", "",
                     "def test_defaults():", "    assert Settings().db_port == 5432"]))
    return out


SPECIALS = [keys, cloud, signing, webhooks, test_positives]
assert base64 and B64 and conn_url and url_pw
