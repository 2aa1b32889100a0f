"""Negatives, part 2: identifiers that are not secrets, and ordinary code that mentions
services and credentials without holding one.

Identifiers: build coordinates, snake_case names with numbers, lock-file and content hashes,
git SHAs beside a service name, UUIDs labelled as ids, public keys and certificates, test
fixtures' obviously fake values. Ordinary code: environment look-ups, secret references,
prompts, parameterised SQL, variables passed to credential calls, documentation.
"""

import json

from hcommon import (ALNUM, B64, DIGITS, HEX, b64, der_int, der_seq, pem_armor, rand, rbytes, rng_for,
                     rsa_key, rsa_spki_der, ssh_mpint, ssh_string, to5, bech32_encode, uuid4)

GROUP = "negatives"


def sri(rng, n=64):
    return b64(rbytes(rng, n))


# --- identifiers ---------------------------------------------------------------------------------
def id_gradle(rng):
    return "build.gradle", ["plugins {", "    id 'java'", "}", "", "dependencies {",
                            "    implementation 'com.squareup.okhttp3:okhttp:4.12.0'",
                            "    implementation 'com.stripe:stripe-java:24.18.0'",
                            "    implementation 'io.github.openfeign:feign-okhttp:13.1'",
                            "    implementation 'com.twilio.sdk:twilio:10.0.0-rc.5'",
                            "    testImplementation 'org.junit.jupiter:junit-jupiter:5.10.1'", "}"], "build-coords"


def id_pom(rng):
    return "pom.xml", ["<dependencies>", "  <dependency>", "    <groupId>com.sendgrid</groupId>",
                       "    <artifactId>sendgrid-java</artifactId>", "    <version>4.10.1</version>", "  </dependency>",
                       "  <dependency>", "    <groupId>software.amazon.awssdk</groupId>",
                       "    <artifactId>secretsmanager</artifactId>", "    <version>2.21.29</version>", "  </dependency>",
                       "</dependencies>"], "build-coords"


def id_sbt(rng):
    return "build.sbt", ['libraryDependencies ++= Seq(', '  "com.typesafe.akka" %% "akka-http" % "10.5.3",',
                         '  "com.github.jwt-scala" %% "jwt-circe" % "9.4.5",', '  "org.postgresql" % "postgresql" % "42.7.1"', ")"], "build-coords"


def id_coords_text(rng):
    return "DEPENDENCIES.md", ["# Third-party artifacts", "", "| coordinate | licence |", "|---|---|",
                               "| `com.google.auth:google-auth-library-oauth2-http:1.20.0` | BSD-3 |",
                               "| `io.jsonwebtoken:jjwt-api:0.12.3` | Apache-2.0 |",
                               "| `org.apache.kafka:kafka-clients:3.6.1` | Apache-2.0 |",
                               "| `com.auth0:java-jwt:4.4.0` | MIT |"], "build-coords"


def id_requirements(rng):
    return "requirements.in", ["django-redis==5.4.0", "stripe==7.8.0", "python-jose[cryptography]==3.3.0",
                               "sentry-sdk[django]==1.39.1", "google-cloud-secret-manager==2.17.0", "boto3==1.34.11"], "build-coords"


def id_gomod(rng):
    return "go.mod", ["module github.com/acme/billing", "", "go 1.22", "", "require (",
                      "\tgithub.com/stripe/stripe-go/v76 v76.8.0",
                      f"\tgolang.org/x/oauth2 v0.0.0-2024021{rng.randrange(10)}1{rng.randrange(10)}2233-{rand(rng, HEX, 12)}",
                      "\tgithub.com/golang-jwt/jwt/v5 v5.2.0", ")"], "build-coords"


def id_migration(rng):
    return "0011_update_proxy_permissions.py", [
        "from django.db import migrations", "", "", "class Migration(migrations.Migration):", "    dependencies = [",
        "        ('auth', '0010_alter_group_name_max_length'),", "        ('accounts', '0042_apitoken_last_used_at'),", "    ]",
        "    operations = [", "        migrations.RunPython(update_proxy_model_permissions, reverse_update_proxy_model_permissions),",
        "    ]"], "snake-names"


def id_test_names(rng):
    return "test_tokens.py", ["def test_refresh_token_after_401_returns_new_access_token_v2(client):", "    ...", "",
                              "def test_api_key_rotation_2024_q3_keeps_old_key_for_24h(client):", "    ...", "",
                              "class TestAsyncOAuth1Client:", "    pass"], "snake-names"


def id_constants(rng):
    return "limits.h", ["#define SECRET_KEY_LEN_32 32", "#define MAX_TOKEN_LENGTH_V2 4096",
                        "#define AES256_GCM_TAG_LEN_16 16", "#define HMAC_SHA256_BLOCK_SIZE_64 64",
                        "static const char *password_policy_v3_min_len_12 = \"password_policy_v3_min_len_12\";"], "snake-names"


def id_i18n(rng):
    return "en.json", json.dumps({"auth": {"password_reset_token_expired_v2": "This link has expired.",
                                           "api_key_regenerated_2fa_required": "Confirm with your second factor.",
                                           "secret_rotation_notice_q3_2024": "Keys older than 90 days are rotated."}},
                                 indent=2).split("\n"), "snake-names"


def id_flags(rng):
    return "flags.yaml", ["flags:", "  enable_oauth2_pkce_flow_v3: true", "  stripe_payment_element_rollout_2024_06: 25",
                          "  github_app_installation_token_cache_ttl_s: 3300", "  use_hmac_sha512_webhook_signatures: false"], "snake-names"


def id_columns(rng):
    return "schema.sql", ["CREATE TABLE api_keys (", "  id BIGSERIAL PRIMARY KEY,", "  api_key_hash_sha256 CHAR(64) NOT NULL,",
                          "  api_key_prefix_8 CHAR(8) NOT NULL,", "  password_changed_at_utc TIMESTAMPTZ,",
                          "  oauth2_refresh_token_enc BYTEA", ");"], "snake-names"


def id_package_lock(rng):
    deps = {}
    for name, ver in [("stripe", "14.9.0"), ("@octokit/auth-token", "4.0.0"), ("jsonwebtoken", "9.0.2"), ("@sendgrid/mail", "8.1.0")]:
        deps["node_modules/" + name] = {"version": ver, "resolved": f"https://registry.npmjs.org/{name}/-/{name.split('/')[-1]}-{ver}.tgz",
                                        "integrity": "sha512-" + sri(rng)}
    doc = {"name": "billing", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": deps}
    return "package-lock.json", json.dumps(doc, indent=2).split("\n"), "lock-hash"


def id_yarn_lock(rng):
    lines = []
    for name, ver in [("axios", "1.6.2"), ("twilio", "4.19.3"), ("passport-github2", "0.1.12")]:
        lines += [f'"{name}@^{ver}":', f'  version "{ver}"',
                  f'  resolved "https://registry.yarnpkg.com/{name}/-/{name}-{ver}.tgz#{rand(rng, HEX, 40)}"',
                  f'  integrity sha512-{sri(rng)}', ""]
    return "yarn.lock", lines, "lock-hash"


def id_poetry_lock(rng):
    return "poetry.lock", ['[[package]]', 'name = "requests-oauthlib"', 'version = "1.3.1"', 'files = [',
                           f'    {{file = "requests_oauthlib-1.3.1-py2.py3-none-any.whl", hash = "sha256:{rand(rng, HEX, 64)}"}},',
                           f'    {{file = "requests-oauthlib-1.3.1.tar.gz", hash = "sha256:{rand(rng, HEX, 64)}"}},', ']'], "lock-hash"


def id_gosum(rng):
    return "go.sum", [f"github.com/stripe/stripe-go/v76 v76.8.0 h1:{sri(rng, 32)}",
                      f"github.com/stripe/stripe-go/v76 v76.8.0/go.mod h1:{sri(rng, 32)}",
                      f"golang.org/x/oauth2 v0.15.0 h1:{sri(rng, 32)}"], "lock-hash"


def id_cargo_lock(rng):
    return "Cargo.lock", ["[[package]]", 'name = "jsonwebtoken"', 'version = "9.2.0"',
                          'source = "registry+https://github.com/rust-lang/crates.io-index"',
                          f'checksum = "{rand(rng, HEX, 64)}"'], "lock-hash"


def id_requirements_hashes(rng):
    return "requirements.txt", ["# pip-compile --generate-hashes", "stripe==7.8.0 \\",
                                f"    --hash=sha256:{rand(rng, HEX, 64)} \\", f"    --hash=sha256:{rand(rng, HEX, 64)}",
                                "twilio==8.11.0 \\", f"    --hash=sha256:{rand(rng, HEX, 64)}"], "lock-hash"


def id_tf_lock(rng):
    return ".terraform.lock.hcl", ['provider "registry.terraform.io/cloudflare/cloudflare" {', '  version     = "4.20.0"',
                                   '  constraints = "~> 4.0"', "  hashes = [", f'    "h1:{sri(rng, 32)}",',
                                   f'    "zh:{rand(rng, HEX, 64)}",', f'    "zh:{rand(rng, HEX, 64)}",', "  ]", "}"], "lock-hash"


def id_pnpm_lock(rng):
    return "pnpm-lock.yaml", ["lockfileVersion: '6.0'", "packages:", "  /@slack/web-api@6.11.0:",
                              f"    resolution: {{integrity: sha512-{sri(rng)}}}", "    engines: {node: '>= 12.13.0'}"], "lock-hash"


def id_actions_sha(rng):
    return "ci.yml", ["jobs:", "  build:", "    runs-on: ubuntu-latest", "    steps:",
                      f"      - uses: actions/checkout@{rand(rng, HEX, 40)} # v4.1.1",
                      f"      - uses: aws-actions/configure-aws-credentials@{rand(rng, HEX, 40)} # v4.0.1",
                      "        with:", "          role-to-assume: arn:aws:iam::123456789012:role/ci",
                      f"      - uses: slackapi/slack-github-action@{rand(rng, HEX, 40)}"], "git-sha"


def id_pkg_git(rng):
    return "package.json", json.dumps({"name": "web", "dependencies": {
        "stripe-internal": f"github:acme/stripe-node#{rand(rng, HEX, 40)}",
        "sendgrid-templates": f"git+https://github.com/acme/sendgrid-templates.git#{rand(rng, HEX, 40)}"}}, indent=2).split("\n"), "git-sha"


def id_changelog(rng):
    return "CHANGELOG.md", ["## 2.4.1", "",
                            f"- Stripe webhooks: verify the signature header before parsing ({rand(rng, HEX, 40)})",
                            f"- Twilio: retry 429s with backoff (commit {rand(rng, HEX, 12)})",
                            f"- OpenAI client bumped, see {rand(rng, HEX, 40)}"], "git-sha"


def id_release_sha(rng):
    return "release.env", [f"SENTRY_RELEASE={rand(rng, HEX, 40)}", f"GIT_COMMIT_SHA={rand(rng, HEX, 40)}",
                           "SENTRY_ORG=acme", "SENTRY_PROJECT=web"], "git-sha"


def id_argocd(rng):
    return "application.yaml", ["apiVersion: argoproj.io/v1alpha1", "kind: Application", "metadata:", "  name: payments",
                                "spec:", "  source:", "    repoURL: https://github.com/acme/payments-deploy.git",
                                f"    targetRevision: {rand(rng, HEX, 40)}", "    path: overlays/prod"], "git-sha"


def id_uuids_azure(rng):
    return "azure.tfvars", [f'tenant_id       = "{uuid4(rng)}"', f'subscription_id = "{uuid4(rng)}"',
                            f'client_id       = "{uuid4(rng)}"', 'location        = "westeurope"'], "uuid-id"


def id_uuids_json(rng):
    return "event.json", json.dumps({"requestId": uuid4(rng), "traceId": rand(rng, HEX, 32), "accountId": uuid4(rng),
                                     "type": "invoice.paid", "workspace_id": uuid4(rng)}, indent=2).split("\n"), "uuid-id"


def id_uuids_env(rng):
    return ".env", ["GOOGLE_ANALYTICS_ID=G-4QX7Z1K2LM", f"SEGMENT_WORKSPACE_ID={uuid4(rng)}",
                    f"DATADOG_SITE=datadoghq.eu", f"OKTA_ORG_ID={uuid4(rng)}", f"SENTRY_PROJECT_ID={rng.randrange(10**6, 10**7)}"], "uuid-id"


def id_uuids_code(rng):
    return "constants.py", [f'ORGANIZATION_ID = "{uuid4(rng)}"', f'DEFAULT_TENANT_UUID = "{uuid4(rng)}"',
                            f'STRIPE_PRODUCT_ID = "prod_{rand(rng, ALNUM, 14)}"', f'INSTALLATION_ID = {rng.randrange(10**7, 10**8)}'], "uuid-id"


def id_uuid_yaml(rng):
    return "tenants.yaml", ["tenants:", "  - name: acme-eu", f"    id: {uuid4(rng)}", "    region: eu-central-1",
                            "  - name: acme-us", f"    id: {uuid4(rng)}", "    region: us-east-1"], "uuid-id"


def id_ssh_pub(rng):
    k1 = b64(ssh_string("ssh-ed25519") + ssh_string(rbytes(rng, 32)))
    k2 = b64(ssh_string("ssh-rsa") + ssh_mpint(65537) + ssh_mpint(int.from_bytes(b"\x01" + rbytes(rng, 255), "big")))
    return "authorized_keys", [f"ssh-ed25519 {k1} deploy@build01", f"ssh-rsa {k2} jdoe@laptop"], "public-key"


def id_known_hosts(rng):
    k = b64(ssh_string("ssh-ed25519") + ssh_string(rbytes(rng, 32)))
    return "known_hosts", [f"github.com ssh-ed25519 {k}", f"|1|{b64(rbytes(rng, 20))}|{b64(rbytes(rng, 20))} ssh-ed25519 {k}"], "public-key"


def id_pem_public(rng):
    k = rsa_key(rng, 1024)
    return "jwt-public.pem", pem_armor("PUBLIC KEY", rsa_spki_der(k)), "public-key"


def id_certificate(rng):
    body = der_seq(der_seq(der_int(2), der_int(int.from_bytes(rbytes(rng, 16), "big")), rbytes(rng, 400)), rbytes(rng, 256))
    return "ca.crt", pem_armor("CERTIFICATE", body), "public-key"


def id_jwks(rng):
    return "jwks.json", json.dumps({"keys": [{"kty": "RSA", "use": "sig", "kid": rand(rng, HEX, 16), "alg": "RS256",
                                              "n": b64(rbytes(rng, 256)).replace("+", "-").replace("/", "_").rstrip("="), "e": "AQAB"}]},
                                   indent=2).split("\n"), "public-key"


def id_wireguard_pub(rng):
    return "peers.conf", ["[Peer]", f"PublicKey = {b64(rbytes(rng, 32))}", "AllowedIPs = 10.8.0.2/32",
                          "Endpoint = vpn.acme-corp.io:51820"], "public-key"


def id_age_recipient(rng):
    return ".sops.yaml", ["creation_rules:", "  - path_regex: secrets/.*\\.yaml$",
                          f"    age: {bech32_encode('age', to5(rbytes(rng, 32)))}"], "public-key"


def id_pgp_public(rng):
    armor = pem_armor("PGP PUBLIC KEY BLOCK", b"\x99\x01\x0d\x04" + rbytes(rng, 300))
    return "signing-key.asc", [armor[0], ""] + armor[1:-1] + ["=" + b64(rbytes(rng, 3)), armor[-1]], "public-key"


def id_aws_docs_example(rng):
    # the documentation's own example pair, assembled so this source file does not hold it
    kid = "AKIA" + "IOSFODNN7" + "EXAMPLE"
    sec = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY"
    return "aws_test.py", ["# values from the AWS documentation", "def test_signs_request(monkeypatch):",
                           f'    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "{kid}")',
                           f'    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "{sec}")', "    assert sign(req).headers"], "fake-fixture"


def id_fake_fixture(rng):
    return "conftest.py", ["import pytest", "", "@pytest.fixture", "def settings():",
                           '    return {"api_key": "test-api-key", "password": "test", "token": "dummy-token",',
                           '            "webhook_secret": "fake-webhook-secret-for-tests"}'], "fake-fixture"


def id_fake_spec(rng):
    return "auth.spec.ts", ["describe('login', () => {", "  it('rejects a wrong password', async () => {",
                            "    const res = await login('alice@example.com', 'wrong-password');",
                            "    expect(res.status).toBe(401);", "  });", "});"], "fake-fixture"


def id_jwt_io(rng):
    # the jwt.io sample token, assembled at generation time
    parts = ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
             "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ",
             "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV" + "_adQssw5c"]
    return "jwt_test.go", ["// The example token from jwt.io's debugger.", f'const sampleJWT = "{".".join(parts)}"', "",
                           "func TestParseSample(t *testing.T) {", "\tif _, err := parseUnverified(sampleJWT); err != nil {",
                           "\t\tt.Fatal(err)", "\t}", "}"], "fake-fixture"


def id_docker_digest(rng):
    return "docker-compose.yml", ["services:", "  proxy:", f"    image: nginx@sha256:{rand(rng, HEX, 64)}",
                                  "  vault:", f"    image: hashicorp/vault@sha256:{rand(rng, HEX, 64)}"], "content-hash"


def id_sri_html(rng):
    return "index.html", ['<script src="https://js.stripe.com/v3/" ></script>',
                          f'<script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/js/bootstrap.bundle.min.js" integrity="sha384-{sri(rng, 48)}" crossorigin="anonymous"></script>'], "content-hash"


def id_checksums(rng):
    return "SHA256SUMS", [f"{rand(rng, HEX, 64)}  vault_1.15.4_linux_amd64.zip", f"{rand(rng, HEX, 64)}  vault_1.15.4_darwin_arm64.zip",
                          f"{rand(rng, HEX, 64)}  terraform-provider-github_5.42.0_linux_amd64.zip"], "content-hash"


def id_bazel(rng):
    return "WORKSPACE", ["http_archive(", '    name = "com_github_grpc_grpc",',
                         f'    sha256 = "{rand(rng, HEX, 64)}",', '    strip_prefix = "grpc-1.60.0",',
                         '    urls = ["https://github.com/grpc/grpc/archive/v1.60.0.tar.gz"],', ")"], "content-hash"


def id_nix(rng):
    return "default.nix", ["src = fetchFromGitHub {", '  owner = "stripe";', '  repo = "stripe-cli";', '  rev = "v1.19.1";',
                           f'  hash = "sha256-{sri(rng, 32)}";', "};"], "content-hash"


def id_data_uri(rng):
    return "logo.css", [".logo {", f"  background-image: url(data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9h{b64(rbytes(rng, 120))});", "}"], "content-hash"


IDENTIFIERS = [id_gradle, id_pom, id_sbt, id_coords_text, id_requirements, id_gomod, id_migration, id_test_names,
               id_constants, id_i18n, id_flags, id_columns, id_package_lock, id_yarn_lock, id_poetry_lock, id_gosum,
               id_cargo_lock, id_requirements_hashes, id_tf_lock, id_pnpm_lock, id_actions_sha, id_pkg_git, id_changelog,
               id_release_sha, id_argocd, id_uuids_azure, id_uuids_json, id_uuids_env, id_uuids_code, id_uuid_yaml,
               id_ssh_pub, id_known_hosts, id_pem_public, id_certificate, id_jwks, id_wireguard_pub, id_age_recipient,
               id_pgp_public, id_aws_docs_example, id_fake_fixture, id_fake_spec, id_jwt_io, id_docker_digest, id_sri_html,
               id_checksums, id_bazel, id_nix, id_data_uri]


# --- ordinary code: credentials referenced, never held -------------------------------------------
def oc(fn, lines, provider="-"):
    return lambda rng: (fn, lines, "ordinary-code", provider)


ORDINARY = [
    oc("settings.py", ["import os", "", 'STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]',
                       'OPENWEATHER_API_KEY = os.getenv("OPENWEATHER_API_KEY")', 'DATABASES = {"default": env.db("DATABASE_URL")}'], "stripe"),
    oc("config.js", ["module.exports = {", "  sendgrid: { apiKey: process.env.SENDGRID_API_KEY },",
                     "  todoist: { token: process.env.TODOIST_API_TOKEN ?? '' },", "};"], "sendgrid"),
    oc("main.go", ['token := os.Getenv("GITHUB_TOKEN")', 'if token == "" {', '\tlog.Fatal("GITHUB_TOKEN is not set")', "}"], "github"),
    oc("Config.java", ['String key = System.getenv("NEWSAPI_KEY");', 'Objects.requireNonNull(key, "NEWSAPI_KEY missing");'], "newsapi"),
    oc("twilio.rb", ["Twilio.configure do |config|", "  config.account_sid = ENV.fetch('TWILIO_ACCOUNT_SID')",
                     "  config.auth_token = ENV.fetch('TWILIO_AUTH_TOKEN')", "end"], "twilio"),
    oc("mail.php", ["<?php", "$mg = Mailgun::create(getenv('MAILGUN_API_KEY'), 'https://api.eu.mailgun.net');"], "mailgun"),
    oc("docker-compose.yml", ["services:", "  app:", "    image: acme/app:2.1.0", "    environment:",
                              "      OPENAI_API_KEY: ${OPENAI_API_KEY}", "      DATABASE_PASSWORD: ${DATABASE_PASSWORD:?set it}",
                              "      SCRAPFLY_KEY: ${SCRAPFLY_KEY:-}"], "openai"),
    oc("release.yml", ["jobs:", "  publish:", "    runs-on: ubuntu-latest", "    steps:", "      - run: npm publish",
                       "        env:", "          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}",
                       "          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}"], "npm"),
    oc("deployment.yaml", ["env:", "  - name: DB_PASSWORD", "    valueFrom:", "      secretKeyRef:", "        name: db-credentials",
                           "        key: password", "  - name: SHODAN_API_KEY", "    valueFrom:", "      secretKeyRef: {name: shodan, key: api-key}"], "shodan"),
    oc("variables.tf", ['variable "datadog_api_key" {', "  type      = string", "  sensitive = true", "}", "",
                        'provider "datadog" {', "  api_key = var.datadog_api_key", "  app_key = data.vault_generic_secret.dd.data[\"app_key\"]", "}"], "datadog"),
    oc("template.yaml", ["Resources:", "  Db:", "    Type: AWS::RDS::DBInstance", "    Properties:", "      MasterUsername: admin",
                         "      MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'"], "aws"),
    oc("app.properties", ["spring.datasource.url=jdbc:postgresql://db:5432/app", "spring.datasource.username=${DB_USER}",
                          "spring.datasource.password=${DB_PASSWORD}", "stripe.api-key=${vault.stripe.secret-key}"], "stripe"),
    oc("login.py", ["import getpass", "", "user = input('User: ')", "password = getpass.getpass('Password: ')",
                    "if password != confirm_password:", "    raise SystemExit('passwords do not match')", "ftp.login(user, password)"], "password"),
    oc("auth.cs", ["var cred = new NetworkCredential(userName, securePassword);",
                   "if (pwd == storedHashVerifier.Compute(input)) { return true; }"], "password"),
    oc("db.py", ["cur.execute(\"CREATE USER %s IDENTIFIED BY %s\", (name, password))",
                 "cur.execute(\"ALTER ROLE reporting WITH PASSWORD %(pw)s\", {\"pw\": new_password})"], "password"),
    oc("backup.sh", ["#!/bin/bash", 'mysqldump -u root -p"$MYSQL_ROOT_PASSWORD" shop > shop.sql',
                     'echo "$REGISTRY_PASSWORD" | docker login -u ci --password-stdin registry.acme-corp.io',
                     "mysql -u root -p   # prompts for the password", 'sshpass -e ssh deploy@10.0.3.21'], "password"),
    oc("conn.cs", ['var cs = $"Server={host};Database=Shop;User Id={user};Password={password};";',
                   'var cs2 = string.Format("Server={0};Uid={1};Pwd={2};", host, user, pw);',
                   'var cs3 = "Server=sql01;Database=Shop;Integrated Security=true;";'], "password"),
    oc("database.yml", ["production:", "  adapter: postgresql", "  url: <%= ENV['DATABASE_URL'] %>",
                        "  password: <%= Rails.application.credentials.dig(:db, :password) %>"], "password"),
    oc(".env.example", ["# copy to .env and fill in", "OPENWEATHER_API_KEY=", "NEWSAPI_KEY=<your newsapi key>",
                        "DATABASE_URL=postgres://user:password@localhost:5432/app", "STRIPE_SECRET_KEY=sk_test_..."], "openweather"),
    oc("README.md", ["## Configuration", "", "Get a key at https://openweathermap.org/api and export it:", "",
                     "```sh", "export OPENWEATHER_API_KEY=<your key>", "curl \"https://api.openweathermap.org/data/2.5/weather?q=Berlin&appid=$OPENWEATHER_API_KEY\"", "```"], "openweather"),
    oc("openapi.yaml", ["components:", "  securitySchemes:", "    ApiKeyAuth:", "      type: apiKey", "      in: header",
                        "      name: X-API-Key", "    bearerAuth:", "      type: http", "      scheme: bearer", "      bearerFormat: JWT"], "-"),
    oc("schema.json", json.dumps({"type": "object", "properties": {"apiKey": {"type": "string", "minLength": 32, "pattern": "^[a-f0-9]{32}$"},
                                                                  "password": {"type": "string", "writeOnly": True}}}, indent=2).split("\n"), "-"),
    oc("client.py", ["class TodoistClient:", "    def __init__(self, api_token: str, base_url: str = 'https://api.todoist.com'):",
                     "        self._headers = {'Authorization': f'Bearer {api_token}'}", "",
                     "    def get_api_key(self) -> str:", "        return self._headers['Authorization'].split()[1]"], "todoist"),
    oc("redact.log", ["2024-03-02 10:11:12,001 [DEBUG] newsapi.client: using key=***redacted***",
                      "2024-03-02 10:11:12,104 [DEBUG] http: Authorization: Bearer [FILTERED]",
                      "2024-03-02 10:11:13,550 [INFO] stripe: api_key=sk_live_****************4242"], "newsapi"),
    oc("call.sh", ["#!/bin/sh", 'curl -H "Authorization: Bearer ${TOKEN}" https://api.todoist.com/rest/v2/tasks',
                   'curl -u "$JENKINS_USER:$JENKINS_TOKEN" https://jenkins.acme-corp.io/api/json'], "todoist"),
    oc("signup.html", ['<form method="post" action="/signup">', '  <input type="email" name="email" autocomplete="email">',
                       '  <input type="password" name="password" autocomplete="new-password" minlength="12">',
                       '  <input type="password" name="password_confirmation">', "</form>"], "password"),
    oc("messages.properties", ["error.password.too_short=Password must contain at least 12 characters",
                               "error.api_key.invalid=The API key you entered is not valid",
                               "hint.token=Paste the token from Settings > Developer > Tokens"], "-"),
    oc("hash.py", ["import bcrypt", "", "def set_password(user, raw):",
                   "    user.password_hash = bcrypt.hashpw(raw.encode(), bcrypt.gensalt(rounds=12))"], "password"),
    oc("vault.hcl", ['path "secret/data/stripe/*" {', '  capabilities = ["read"]', "}",
                     'template { destination = "/etc/app/stripe.env" contents = "{{ with secret \\"secret/data/stripe\\" }}STRIPE_KEY={{ .Data.data.key }}{{ end }}" }'], "stripe"),
    oc("Dockerfile", ["FROM node:20-alpine", "ARG NPM_TOKEN", 'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
                      "ENV NODE_ENV=production"], "npm"),
    oc(".npmrc", ["@acme:registry=https://npm.pkg.github.com", "//npm.pkg.github.com/:_authToken=${GITHUB_PACKAGES_TOKEN}"], "github"),
    oc("settings.xml", ["<servers>", "  <server>", "    <id>nexus</id>", "    <username>${env.NEXUS_USER}</username>",
                        "    <password>${env.NEXUS_PASSWORD}</password>", "  </server>", "</servers>"], "password"),
    oc("ansible.yml", ["- hosts: db", "  vars:", "    mysql_root_password: \"{{ vault_mysql_root_password }}\"",
                       "  tasks:", "    - mysql_user: name=app password={{ app_db_password }} priv=app.*:ALL"], "password"),
    oc("k8s-secret.yaml", ["apiVersion: v1", "kind: Secret", "metadata:", "  name: app", "type: Opaque",
                           "stringData:", "  API_KEY: \"\"  # filled by the external-secrets operator"], "-"),
    oc("auth.go", ["func check(r *http.Request) bool {", "\tuser, pass, ok := r.BasicAuth()",
                   "\treturn ok && subtle.ConstantTimeCompare([]byte(pass), []byte(cfg.MetricsPassword)) == 1", "}"], "password"),
    oc("sequelize.js", ["const sequelize = new Sequelize(process.env.DB_NAME, process.env.DB_USER, process.env.DB_PASS, {",
                        "  host: process.env.DB_HOST, dialect: 'postgres',", "});"], "password"),
    oc("StripeService.java", ["import com.stripe.Stripe;", "", "public class StripeService {",
                              "    public StripeService(@Value(\"${stripe.secret-key}\") String key) {", "        Stripe.apiKey = key;", "    }", "}"], "stripe"),
    oc("weather.py", ["import requests", "", "def current(city, api_key):",
                      "    r = requests.get('https://api.openweathermap.org/data/2.5/weather', params={'q': city, 'appid': api_key})",
                      "    return r.json()['main']['temp']"], "openweather"),
    oc("slack.ts", ["import { WebClient } from '@slack/web-api';", "", "const web = new WebClient(process.env.SLACK_BOT_TOKEN);",
                    "await web.chat.postMessage({ channel: '#deploys', text: 'Deployed' });"], "slack"),
    oc("pgpass.sample", ["# hostname:port:database:username:password", "# db.internal:5432:app:app_user:<password>"], "password"),
    oc("connect.php", ["<?php", "$pdo = new PDO($dsn, $config['db']['user'], $config['db']['password']);"], "password"),
    oc("security.md", ["# Rotating credentials", "", "1. Create a new token in the provider console (for GitHub: Settings > Developer settings).",
                       "2. Store it with `vault kv put secret/ci github_token=-` (reads stdin).", "3. Revoke the old token.",
                       "Never paste a token into an issue; tokens look like `ghp_` followed by 36 characters."], "github"),
    oc("Makefile", ["deploy:", "\t@test -n \"$(HCLOUD_TOKEN)\" || (echo 'HCLOUD_TOKEN missing'; exit 1)",
                    "\tterraform apply -var hcloud_token=$(HCLOUD_TOKEN)"], "hetzner"),
    oc("appsettings.json", ["{", '  "ConnectionStrings": {', '    "Default": "Server=(localdb)\\\\mssqllocaldb;Database=Shop;Trusted_Connection=True;"', "  },",
                            '  "Stripe": { "SecretKey": "" }', "}"], "stripe"),
    oc("sql_login.py", ["conn = pyodbc.connect(f'DRIVER={{ODBC Driver 18 for SQL Server}};SERVER={host};UID={user};PWD={password}')"], "password"),
    oc("celery.py", ["app.conf.broker_url = f\"amqp://{os.environ['RABBIT_USER']}:{quote(os.environ['RABBIT_PASS'])}@rabbitmq:5672//\""], "password"),
    oc("tokens.rs", ["let token = std::env::var(\"CARGO_REGISTRY_TOKEN\").context(\"CARGO_REGISTRY_TOKEN not set\")?;",
                     "let client = Client::builder().default_headers(auth_header(&token)).build()?;"], "cratesio"),
    oc("azure-pipelines.yml", ["steps:", "  - task: AzureCLI@2", "    inputs:", "      azureSubscription: 'prod-connection'",
                               "  - script: ./deploy.sh", "    env:", "      ARM_CLIENT_SECRET: $(armClientSecret)"], "azure"),
    oc("notes.txt", ["The Scrapfly key lives in 1Password under 'Scraping / Scrapfly'.",
                     "Ask in #data-platform for access; do not copy it into the repo."], "scrapfly"),
    oc("password_policy.py", ["MIN_LENGTH = 12", "FORBIDDEN = {'password', 'changeme', 'letmein', 'qwerty123'}",
                              "def acceptable(pw):", "    return len(pw) >= MIN_LENGTH and pw.lower() not in FORBIDDEN"], "password"),
]


def generate(corpus):
    rng = rng_for(GROUP + "/text")
    second = [f for f in IDENTIFIERS if f not in (id_gradle, id_pom, id_sbt, id_coords_text, id_requirements, id_migration,
                                                   id_test_names, id_constants, id_i18n, id_flags, id_columns, id_aws_docs_example,
                                                   id_fake_fixture, id_fake_spec, id_jwt_io, id_pem_public, id_certificate)]
    for f in IDENTIFIERS + second:
        fn, lines, form = f(rng)
        corpus.add(GROUP, fn, lines, False, "-", form)
    for f in ORDINARY:
        fn, lines, form, provider = f(rng)
        corpus.add(GROUP, fn, lines, False, provider, form)
