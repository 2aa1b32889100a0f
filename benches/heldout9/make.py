#!/usr/bin/env python3
"""Write the ninth held-out corpus and its labels.

    python3 benches/heldout9/make.py [DIR]        # default /work/scratch/heldout9

Shaped like the hidden sets the project is judged on: (a) rule-test snippets of one to four lines
with a real-looking credential in a small context, (b) detector-test decoys a character away from a
real token, and (c) the credential files, key blocks and ordinary code of real repositories. Written
blind to vaultsweep's rules (`patterns/` and `src/` unopened) and to other scanners' rule and test
files. Providers (formats.py), contexts, password forms, structured kinds, generated-secret kinds and
decoys are chosen away from heldouts 1-8. Deterministic; no token is written in this source, each is
drawn at generation time.
"""

import base64
import hashlib
import json
import os
import random
import re
import string
import sys
from urllib.parse import quote

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "heldout"))

import formats as F  # noqa: E402
from hcommon import (generate_main, ALNUM, HEX, UHEX, UPALNUM, URLSAFE, LOWALNUM, LOWER, UPPER, DIGITS,  # noqa: E402
                     BASE58, crc32_base62, gen_spec, human_password, pem_armor, rand, rbytes, rsa_key, rsa_pkcs1_der,
                     uuid4, der, der_seq, der_int, der_oid, der_octets, der_null, ssh_string, bech32_encode, to5,
                     b64url_nopad)

SEED = "vaultsweep-heldout9-v1"
B64 = ALNUM + "+/"
BASE32 = UPPER + "234567"
DASH5 = "-" * 5


def rng_for(name):
    return random.Random(f"{SEED}/{name}")


def camel(env):
    p = env.lower().split("_")
    return p[0] + "".join(x.capitalize() for x in p[1:])


def pascal(env):
    return "".join(x.capitalize() for x in env.lower().split("_"))


def ident(s):
    return re.sub(r"[^a-z0-9]", "_", s["id"].lower())


def kebab(s):
    return ident(s).replace("_", "-")


def svc(row):
    return dict(id=row[0], name=row[2], env=row[3], host=row[4])


def jlines(doc, indent=2):
    return json.dumps(doc, indent=indent).split("\n")


def b64(data):
    return base64.b64encode(data).decode()


# --- contexts: (filename, lines) for a service s and value v (none of heldouts 5-8's) ----------------------
# Python, JS/TS, Ruby, PHP
def c_click_option(s, v):
    return "cli.py", [f'@click.option("--{kebab(s)}-api-key", envvar="{s["env"]}", default="{v}", show_default=False)']


def c_pydantic(s, v):
    return "settings.py", ["class Settings(BaseSettings):", f'    {ident(s)}_api_key: str = "{v}"', '    model_config = SettingsConfigDict(env_file=".env")']


def c_monkeypatch(s, v):
    return "conftest.py", ["@pytest.fixture(autouse=True)", "def _env(monkeypatch):", f'    monkeypatch.setenv("{s["env"]}", "{v}")']


def c_patch_dict(s, v):
    return "test_sync.py", [f'@mock.patch.dict(os.environ, {{"{s["env"]}": "{v}"}})', "def test_sync_uses_env_key():"]


def c_jest_setup(s, v):
    return "jest.setup.js", [f"process.env.{s['env']} = '{v}';"]


def c_vite_define(s, v):
    return "vite.config.ts", ["export default defineConfig({", "  define: {", f"    'import.meta.env.VITE_{s['env']}': JSON.stringify('{v}'),", "  },", "});"]


def c_next_config(s, v):
    return "next.config.js", ["module.exports = {", "  env: {", f"    {s['env']}: '{v}',", "  },", "};"]


def c_deno_env_set(s, v):
    return "main.ts", [f'Deno.env.set("{s["env"]}", "{v}");']


def c_rails_config_x(s, v):
    return "config/environments/production.rb", ["Rails.application.configure do", f'  config.x.{ident(s)}.api_key = "{v}"', "end"]


def c_sinatra_set(s, v):
    return "app.rb", ["class App < Sinatra::Base", f"  set :{ident(s)}_api_key, '{v}'", "end"]


def c_php_define(s, v):
    return "wp-config.php", [f"define( '{s['env']}', '{v}' );"]


def c_symfony_params(s, v):
    return "config/services.yaml", ["parameters:", f"    app.{ident(s)}_api_key: '{v}'"]


# JVM and .NET
def c_test_property_source(s, v):
    return "SyncIntegrationTest.java", [f'@TestPropertySource(properties = "{ident(s).replace("_", ".")}.api-key={v}")',
                                        "class SyncIntegrationTest {"]


def c_micronaut_property(s, v):
    return "ClientTest.java", ["@MicronautTest", f'@Property(name = "{kebab(s)}.api-key", value = "{v}")', "class ClientTest {"]


def c_kts_extra(s, v):
    return "build.gradle.kts", [f'extra["{camel(s["env"])}"] = "{v}"']


def c_cs_inmemory(s, v):
    return "Program.cs", ["builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>", "{",
                          f'    ["{pascal(ident(s))}:ApiKey"] = "{v}",', "});"]


# native and other languages, config languages
def c_cpp_constexpr(s, v):
    return "config.hpp", ["#pragma once", f'constexpr char k{pascal(s["env"])}[] = "{v}";']


def c_gleam(s, v):
    return "src/config.gleam", [f'pub const {s["env"].lower()} = "{v}"']


def c_go_flag(s, v):
    return "main.go", [f'apiKey := flag.String("{kebab(s)}-api-key", "{v}", "{s["name"]} API key")', "flag.Parse()"]


def c_viper_default(s, v):
    return "config.go", [f'viper.SetDefault("{ident(s)}.api_key", "{v}")']


def c_rust_builder(s, v):
    return "src/main.rs", [f"let client = {pascal(ident(s))}Client::builder()", f'    .api_key("{v}")', "    .build()?;"]


def c_swift_init(s, v):
    return "Config.swift", [f'let {camel(ident(s))} = {pascal(ident(s))}Configuration(apiKey: "{v}")']


def c_cue(s, v):
    return "config.cue", [f"{ident(s)}: {{", f'\tapiKey: "{v}"', "}"]


def c_jsonnet(s, v):
    return "config.jsonnet", [f"local {camel(s['env'])} = '{v}';", f"{{ {ident(s)}: {{ apiKey: {camel(s['env'])} }} }}"]


# infrastructure and deployment
def c_terragrunt(s, v):
    return "terragrunt.hcl", ["inputs = {", f'  {ident(s)}_api_key = "{v}"', "}"]


def c_packer_env(s, v):
    return "build.pkr.hcl", ['provisioner "shell" {', f'  environment_vars = ["{s["env"]}={v}"]', '  script           = "install.sh"', "}"]


def c_salt_pillar(s, v):
    return f"pillar/{ident(s)}.sls", [f"{ident(s)}:", f"  api_key: {v}"]


def c_cloud_init(s, v):
    return "user-data", ["#cloud-config", "write_files:", f"  - path: /etc/default/{kebab(s)}-sync", "    content: |",
                         f"      {s['env']}={v}"]


def c_helm_set(s, v):
    return "deploy.sh", [f"helm upgrade --install {kebab(s)}-sync ./chart --set {camel(ident(s))}.apiKey={v}"]


def c_docker_secret_create(s, v):
    return "secrets.sh", [f"printf '%s' '{v}' | docker secret create {ident(s)}_api_key -"]


def c_fly_secrets(s, v):
    return "deploy-fly.sh", [f"fly secrets set {s['env']}={v} --app acme-sync"]


def c_netlify_env(s, v):
    return "setup-netlify.sh", [f"netlify env:set {s['env']} {v}"]


def c_wrangler_vars(s, v):
    return "wrangler.toml", ['name = "acme-edge"', "", "[vars]", f'{s["env"]} = "{v}"']


def c_render_yaml(s, v):
    return "render.yaml", ["services:", "  - type: worker", "    name: sync", "    envVars:", f"      - key: {s['env']}", f"        value: {v}"]


def c_gcloud_run(s, v):
    return "deploy-run.sh", [f"gcloud run deploy sync --image europe-docker.pkg.dev/acme/app/sync:1.4 --set-env-vars {s['env']}={v}"]


def c_az_appsettings(s, v):
    return "deploy-azure.sh", [f"az webapp config appsettings set -g acme-prod -n acme-api --settings {s['env']}={v}"]


def c_lambda_env(s, v):
    return "deploy-lambda.sh", [f"aws lambda update-function-configuration --function-name sync --environment \"Variables={{{s['env']}={v}}}\""]


def c_circleci_env(s, v):
    return ".circleci/config.yml", ["jobs:", "  sync:", "    docker:", "      - image: cimg/python:3.12", "    environment:",
                                    f"      {s['env']}: {v}"]


def c_taskfile(s, v):
    return "Taskfile.yml", ["version: '3'", "env:", f"  {s['env']}: '{v}'"]


def c_justfile(s, v):
    return "justfile", [f'export {s["env"]} := "{v}"', "", "sync:", "    python -m acme.sync"]


# editors and shells
def c_jetbrains_run(s, v):
    return ".run/Sync.run.xml", ['<component name="ProjectRunConfigurationManager">', '  <configuration name="Sync" type="PythonConfigurationType">',
                                 "    <envs>", f'      <env name="{s["env"]}" value="{v}" />', "    </envs>"]


def c_launch_json(s, v):
    return ".vscode/launch.json", ["{", '  "configurations": [{', '    "name": "sync",', f'    "env": {{ "{s["env"]}": "{v}" }}', "  }]", "}"]


def c_mise(s, v):
    return ".mise.toml", ["[tools]", 'python = "3.12"', "", "[env]", f'{s["env"]} = "{v}"']


def c_devcontainer(s, v):
    return ".devcontainer/devcontainer.json", ["{", '  "image": "mcr.microsoft.com/devcontainers/python:3.12",', '  "containerEnv": {',
                                               f'    "{s["env"]}": "{v}"', "  }", "}"]


def c_ps_setenv(s, v):
    return "profile.ps1", [f"[Environment]::SetEnvironmentVariable('{s['env']}', '{v}', 'User')"]


def c_env_cmd(s, v):
    return "run-sync.sh", ["#!/bin/sh", f"exec env {s['env']}={v} /opt/acme/bin/{kebab(s)}-sync --daemon"]


# stores, docs, logs
def c_mongo_insert(s, v):
    return "seed.js", [f"db.integrations.insertOne({{ name: '{s['name']}', apiKey: '{v}', enabled: true }});"]


def c_redis_hset(s, v):
    return "seed-cache.sh", [f"redis-cli HSET integration:{ident(s)} api_key {v}"]


def c_asciidoc(s, v):
    return "docs/setup.adoc", [f"= {s['name']} integration", f":{kebab(s)}-api-key: {v}", "", "Set the key in the admin console."]


def c_xtrace(s, v):
    return "ci-job.log", ["$ ./scripts/smoke.sh", f"+ curl -fsS -H 'X-Api-Key: {v}' https://{s['host']}/v1/status", '{"status":"ok"}']


# HTTP clients and tools (the service named by its host)
def c_requests_session(s, v):
    return "client.py", ["session = requests.Session()", f'session.headers.update({{"X-Api-Key": "{v}"}})',
                         f'resp = session.get("https://{s["host"]}/v1/status")']


def c_axios_create(s, v):
    return "api.ts", [f"const api = axios.create({{ baseURL: 'https://{s['host']}', headers: {{ 'X-Api-Key': '{v}' }} }});"]


def c_java_httprequest(s, v):
    return "StatusClient.java", [f'HttpRequest req = HttpRequest.newBuilder(URI.create("https://{s["host"]}/v1/status"))',
                                 f'    .header("X-Api-Key", "{v}")', "    .build();"]


def c_guzzle(s, v):
    return "StatusClient.php", [f"$client = new Client(['base_uri' => 'https://{s['host']}', 'headers' => ['X-Api-Key' => '{v}']]);"]


def c_cs_default_headers(s, v):
    return "ApiClient.cs", [f'http.BaseAddress = new Uri("https://{s["host"]}");', f'http.DefaultRequestHeaders.Add("X-Api-Key", "{v}");']


def c_swift_header(s, v):
    return "Api.swift", [f'var request = URLRequest(url: URL(string: "https://{s["host"]}/v1/status")!)',
                         f'request.setValue("{v}", forHTTPHeaderField: "X-Api-Key")']


def c_curlrc(s, v):
    return f"{kebab(s)}.curlrc", [f'url = "https://{s["host"]}/v1/status"', f'header = "X-Api-Key: {v}"']


def c_hurl(s, v):
    return "smoke.hurl", [f"GET https://{s['host']}/v1/status", f"X-Api-Key: {v}", "HTTP 200"]


def c_bruno_headers(s, v):
    return "status.bru", ["get {", f"  url: https://{s['host']}/v1/status", "}", "", "headers {", f"  X-Api-Key: {v}", "}"]


def c_haproxy_header(s, v):
    return "haproxy.cfg", [f"backend {ident(s)}_api", f"    http-request set-header X-Api-Key {v}", f"    server upstream {s['host']}:443 ssl verify required"]


NAMED = [c_click_option, c_pydantic, c_monkeypatch, c_patch_dict, c_jest_setup, c_vite_define, c_next_config, c_deno_env_set,
         c_rails_config_x, c_sinatra_set, c_php_define, c_symfony_params, c_test_property_source, c_micronaut_property, c_kts_extra,
         c_cs_inmemory, c_cpp_constexpr, c_gleam, c_go_flag, c_viper_default, c_rust_builder, c_swift_init, c_cue, c_jsonnet,
         c_terragrunt, c_packer_env, c_salt_pillar, c_cloud_init, c_helm_set, c_docker_secret_create, c_fly_secrets, c_netlify_env,
         c_wrangler_vars, c_render_yaml, c_gcloud_run, c_az_appsettings, c_lambda_env, c_circleci_env, c_taskfile, c_justfile,
         c_jetbrains_run, c_launch_json, c_mise, c_devcontainer, c_ps_setenv, c_env_cmd, c_mongo_insert, c_redis_hset, c_asciidoc,
         c_xtrace, c_requests_session, c_axios_create, c_java_httprequest, c_guzzle, c_cs_default_headers, c_swift_header, c_curlrc,
         c_hurl, c_bruno_headers, c_haproxy_header]


def g_rust_test(s, v):
    return "tests/auth.rs", ["#[test]", "fn accepts_live_token() {", f'    let token = "{v}";', "    assert!(parse(token).is_ok());", "}"]


def g_json_fixture(s, v):
    return "fixtures/credentials.json", ["{", '  "credentials": {', f'    "secret": "{v}"', "  }", "}"]


def g_java_test(s, v):
    return "TokenTest.java", ["@Test", "void rejectsRevokedToken() {", f'    var token = "{v}";', "    assertThrows(Revoked.class, () -> auth.check(token));", "}"]


def g_markdown_inline(s, v):
    return "NOTES.md", ["## Staging access", f"- token: `{v}`", "- expires end of quarter"]


GENERIC = [g_rust_test, g_json_fixture, g_java_test, g_markdown_inline]


def place(corpus, group, rng, s, value, positive, provider, form, pool):
    name, lines = rng.choice(pool)(s, value)
    corpus.add(group, name, lines, positive, provider, form, marker=value if positive else None)


def shape(spec):
    if spec in ("{uuid}", "{UUID}"):
        return "uuid"
    m = re.fullmatch(r"\{([a-zA-Z])\d+\}", spec)
    kind = m.group(1) if m else ""
    return {"h": "hex", "H": "hex", "a": "alnum", "l": "alnum", "u": "alnum", "s": "urlsafe", "b": "base64"}.get(kind, "structured")


# --- positives ----------------------------------------------------------------------------------------
NAMED_ONLY = ("momento", "nxcloud", "develocity")


def positives(corpus):
    rng = rng_for("prefixed")
    for row in F.PREFIXED:
        for i in range(3):
            pool = GENERIC if i == 2 and row[0] not in NAMED_ONLY else NAMED
            place(corpus, "prefixed", rng, svc(row), gen_spec(rng, row[5]), True, row[0], row[0], pool)
    rng = rng_for("checksummed")
    gh = dict(id="github", name="GitHub", env="GITHUB_TOKEN", host="api.github.com")
    npm = dict(id="npm", name="npm", env="NPM_TOKEN", host="registry.npmjs.org")
    for prefix in ("ghu_", "ghr_", "ghp_", "npm_"):
        for _ in range(2):
            body = rand(rng, ALNUM, 30)
            place(corpus, "prefixed", rng, npm if prefix == "npm_" else gh, prefix + body + crc32_base62(body), True,
                  "npm" if prefix == "npm_" else "github", "checksummed", NAMED)
    rng = rng_for("longtail")
    for row in F.LONGTAIL:
        for _ in range(3):
            place(corpus, "longtail", rng, svc(row), gen_spec(rng, row[5]), True, row[0], shape(row[5]), NAMED)


# --- application secrets (framework and self-hosted app keys) ------------------------------------------------
SYMBOLISH = ALNUM + ".,;:^&*-_+=~@"


def app_secrets(corpus):
    rng = rng_for("appsecrets")
    g = "appsecrets"

    def add(name, lines, provider, line):
        corpus.add(g, name, lines, True, provider, "app-secret", line=line)

    add("metabase.env", ["MB_DB_TYPE=postgres", f"MB_ENCRYPTION_SECRET_KEY={b64(rbytes(rng, 32))}", "MB_SITE_URL=https://bi.acme.io"], "metabase", 2)
    add("redash.env", ["REDASH_DATABASE_URL=postgresql://redash@pg/redash", f"REDASH_COOKIE_SECRET={rand(rng, HEX, 64)}"], "redash", 2)
    add("config/config.json", ["{", '  "SqlSettings": {', '    "DriverName": "postgres",', f'    "AtRestEncryptKey": "{rand(rng, ALNUM, 32)}"', "  }", "}"],
        "mattermost", 4)
    add("zulip-secrets.conf", ["[secrets]", f"secret_key = {rand(rng, ALNUM, 50)}", f"avatar_salt = {rand(rng, ALNUM, 32)}"], "zulip", 2)
    add("kibana.yml", ['server.publicBaseUrl: "https://kibana.acme.io"', f'xpack.security.encryptionKey: "{rand(rng, ALNUM, 32)}"'], "kibana", 2)
    add("woodpecker.env", ["WOODPECKER_HOST=https://ci.acme.io", f"WOODPECKER_AGENT_SECRET={rand(rng, HEX, 64)}"], "woodpecker", 2)
    add("authentik.env", ["PG_USER=authentik", f"AUTHENTIK_SECRET_KEY={b64(rbytes(rng, 60))}"], "authentik", 2)
    add("docker-compose.yml", ["services:", "  zitadel:", "    image: ghcr.io/zitadel/zitadel:v2.54.3",
                               f"    command: 'start-from-init --masterkey \"{rand(rng, ALNUM, 32)}\" --tlsMode disabled'"], "zitadel", 4)
    add("homeserver.yaml", ["server_name: acme.io", f'macaroon_secret_key: "{rand(rng, SYMBOLISH, 50)}"', "report_stats: false"], "synapse", 2)  # vaultsweep:allow (template: the value is drawn at generation time)
    add("searxng/settings.yml", ["server:", "  port: 8888", f'  secret_key: "{rand(rng, HEX, 64)}"'], "searxng", 3)  # vaultsweep:allow (template: the value is drawn at generation time)
    add("config/production.yaml", ["webserver:", "  hostname: 'videos.acme.io'", "secrets:", f"  peertube: '{rand(rng, HEX, 64)}'"], "peertube", 4)
    add("app.rb", ["class Web < Sinatra::Base", "  enable :sessions", f'  set :session_secret, "{rand(rng, HEX, 128)}"', "end"], "sinatra", 3)
    add("src/auth/auth.module.ts", ["JwtModule.register({", f"  secret: '{rand(rng, ALNUM, 48)}',", "  signOptions: { expiresIn: '1h' },", "}),"],  # vaultsweep:allow (template: the value is drawn at generation time)
        "nestjs", 2)
    add("app/main.py", ["app = FastAPI()", f'app.add_middleware(SessionMiddleware, secret_key="{b64url_nopad(rbytes(rng, 32))}")'], "starlette", 2)  # vaultsweep:allow (template: the value is drawn at generation time)
    add("Application.kt", ["install(Sessions) {", '    cookie<UserSession>("user_session") {',
                           f'        transform(SessionTransportTransformerEncrypt(hex("{rand(rng, HEX, 32)}"), hex("{rand(rng, HEX, 32)}")))',
                           "    }", "}"], "ktor", 3)
    add(".env", ["PORT=3333", "HOST=0.0.0.0", f"APP_KEY={rand(rng, URLSAFE, 32)}", "NODE_ENV=production"], "adonisjs", 3)


# --- realistic generated secrets -------------------------------------------------------------------------
DICE = ["anchor", "bishop", "candle", "dragon", "effort", "fabric", "gadget", "hollow", "island", "jigsaw", "kettle", "ladder",
        "magnet", "napkin", "orange", "parrot", "quiver", "rocket", "saddle", "tablet", "umpire", "velcro", "wander", "yonder",
        "zipper", "blanket", "cactus", "dolphin", "eclipse", "feather", "granite", "harvest", "iceberg", "jasmine", "kingdom",
        "lobster", "mustard", "nebula", "oyster", "pelican", "quarry", "raccoon", "sparrow", "trumpet", "unicorn", "volcano"]
DJANGO_CHARS = LOWER + DIGITS + "!@#$%^&*(-_=+)"


def diceware(rng):
    """A diceware-style passphrase: 5 or 6 words with a separator, sometimes a capital and a digit."""
    words = [rng.choice(DICE) for _ in range(rng.choice((5, 6)))]
    if rng.random() < 0.5:
        k = rng.randrange(len(words))
        words[k] = words[k].capitalize() + str(rng.randrange(10))
    return rng.choice("-.").join(words)


GEN_KINDS = [
    ("openssl-base64-48", lambda rng: b64(rbytes(rng, 48))),
    ("pwgen-s-24", lambda rng: rand(rng, ALNUM, 24)),
    ("diceware", diceware),
    ("django-style-50", lambda rng: rand(rng, DJANGO_CHARS, 50)),
    ("hex-64-bytes", lambda rng: rbytes(rng, 64).hex()),
]


def gen_containers():
    return [
        lambda n, v: ("config.toml", ["[server]", "port = 8080", "", "[secrets]", f'{n.lower()} = "{v}"']),
        lambda n, v: ("application.properties", ["server.port=8080", f"app.{n.lower().replace('_', '.')}={v}"]),
        lambda n, v: ("locals.tf", ["locals {", f'  {n.lower()} = "{v}"', "}"]),
        lambda n, v: ("config/default.js", ["module.exports = {", f"  {camel(n)}: '{v}',", "};"]),
    ]


def generated(corpus):
    rng = rng_for("generated")
    names = ["BACKUP_PASSPHRASE", "VAULT_PASSWORD", "STORAGE_ENCRYPTION_KEY", "CSRF_SECRET", "OAUTH_CLIENT_SECRET",  # vaultsweep:allow (names only; values are drawn at generation time)
             "LDAP_BIND_PASSWORD", "MQTT_PASSWORD", "SFTP_PASSWORD", "ARCHIVE_PASSWORD", "SIGNING_KEY", "INTERNAL_API_SECRET",
             "SESSION_KEY", "KEYSTORE_PASSWORD", "DATA_KEY", "MAIL_PASSWORD", "REPLICATION_PASSWORD", "AUTH_SECRET",
             "WEBHOOK_SIGNING_SECRET", "ADMIN_SECRET", "EXPORT_PASSPHRASE"]
    conts = gen_containers()
    i = 0
    for form, fn in GEN_KINDS:
        for c in conts:
            v = fn(rng)
            name, lines = c(names[i], v)
            corpus.add("generated", name, lines, True, "generic", form, marker=v)
            i += 1


# --- passwords outside name = value ---------------------------------------------------------------------
SHELL_SQ = "'"
DQ = '"\\$`!'
BARE = "#;:,\"' $\\{}&|<>%="
BATCH = '"%^&|<>! '
XML = "&<>\"'"
PHP_SQ = "'\\$"

PASSWORD_FORMS = [
    # admin CLIs
    ("clickhouse-client-password", "ch-query.sh", SHELL_SQ, lambda p, q: [f"clickhouse-client --host ch01 --user analyst --password '{p}' --query 'SELECT 1'"]),
    ("vsql-w", "vertica.sh", SHELL_SQ, lambda p, q: [f"vsql -h vertica01 -U dbadmin -w '{p}' -c 'SELECT version();'"]),
    ("ldappasswd-s", "reset-pw.sh", SHELL_SQ, lambda p, q: [f"ldappasswd -H ldap://ldap01 -x -D 'cn=admin,dc=acme,dc=io' -y /root/.ldap_admin -s '{p}' 'uid=alice,ou=people,dc=acme,dc=io'"]),
    ("kinit-stdin", "etl-auth.sh", SHELL_SQ, lambda p, q: [f"echo '{p}' | kinit svc_etl@ACME.IO"]),
    ("unrar-p", "restore.sh", SHELL_SQ, lambda p, q: [f"unrar x -p'{p}' backups/2024-06.rar /srv/restore/"]),
    ("qpdf-password", "unlock.sh", SHELL_SQ, lambda p, q: [f"qpdf --decrypt --password='{p}' statements/2024-05.pdf /tmp/statement.pdf"]),
    ("virt-customize-root-password", "image.sh", SHELL_SQ, lambda p, q: [f"virt-customize -a debian-12.qcow2 --hostname build01 --root-password 'password:{p}'"]),
    ("reg-add-defaultpassword", "autologon.cmd", BATCH, lambda p, q: ['reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v DefaultUserName /t REG_SZ /d kiosk /f',
                                                                      f'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v DefaultPassword /t REG_SZ /d "{p}" /f']),
    ("sqlpackage-targetpassword", "publish.ps1", DQ, lambda p, q: [f'sqlpackage /Action:Publish /SourceFile:App.dacpac /TargetServerName:sql01 /TargetDatabaseName:App /TargetUser:deploy /TargetPassword:"{p}"']),
    ("drush-account-pass", "install-site.sh", SHELL_SQ, lambda p, q: [f"drush site:install standard --account-name=admin --account-pass='{p}' -y"]),
    ("kubectl-docker-password", "regcred.sh", SHELL_SQ, lambda p, q: [f"kubectl create secret docker-registry regcred --docker-server=registry.acme.io --docker-username=ci --docker-password='{p}'"]),
    ("neo4j-admin-initial-password", "neo4j-init.sh", SHELL_SQ, lambda p, q: [f"neo4j-admin dbms set-initial-password '{p}'"]),  # vaultsweep:allow (template: the value is drawn at generation time)
    ("hdbuserstore-set", "hana-setup.sh", SHELL_SQ, lambda p, q: [f"hdbuserstore SET BACKUP hana01:30015 SYSTEM '{p}'"]),
    # client-library calls
    ("django-create-superuser", "seed_admin.py", DQ, lambda p, q: ["from django.contrib.auth import get_user_model", "User = get_user_model()",
                                                                   f'User.objects.create_superuser("admin", "admin@acme.io", "{p}")']),
    ("devise-seed", "db/seeds.rb", DQ + "#", lambda p, q: [f'User.create!(email: "ops@acme.io", password: "{p}", password_confirmation: "{p}")']),
    ("spring-inmemory-user", "SecurityConfig.java", DQ, lambda p, q: ["UserDetails admin = User.withDefaultPasswordEncoder()", '    .username("admin")',
                                                                      f'    .password("{p}")', '    .roles("ADMIN")', "    .build();"]),
    ("netmiko-enable-secret", "backup_configs.py", DQ, lambda p, q: [f'conn = ConnectHandler(device_type="cisco_ios", host="core01", username="netops", password=os.environ["NET_PW"], secret="{p}")']),
    ("exchangelib-credentials", "mailbox.py", DQ, lambda p, q: [f'creds = Credentials("svc_mail@acme.io", "{p}")',
                                                                'account = Account("svc_mail@acme.io", credentials=creds, autodiscover=True)']),
    ("paho-username-pw-set", "sensor.py", DQ, lambda p, q: ["client = mqtt.Client()", f'client.username_pw_set("sensor01", "{p}")', 'client.connect("mqtt.acme.io", 8883)']),
    ("zipfile-pwd-bytes", "unpack.py", DQ, lambda p, q: ['with zipfile.ZipFile("exports.zip") as zf:', f'    zf.extractall(path="data", pwd=b"{p}")']),
    ("fluentftp-client", "Upload.cs", DQ, lambda p, q: [f'using var ftp = new FtpClient("ftp.acme.io", "deploy", "{p}");', "ftp.AutoConnect();"]),
    ("rabbitmq-dotnet-factory", "Bus.cs", DQ, lambda p, q: [f'var factory = new ConnectionFactory {{ HostName = "mq01", UserName = "app", Password = "{p}" }};']),
    ("rdkafka-sasl-password", "src/consumer.rs", DQ, lambda p, q: ["let consumer: StreamConsumer = ClientConfig::new()", '    .set("sasl.username", "etl")',
                                                                   f'    .set("sasl.password", "{p}")', "    .create()?;"]),
    ("perl-net-smtp-auth", "notify.pl", SHELL_SQ + "\\", lambda p, q: ["my $smtp = Net::SMTP->new('smtp.acme.io', Port => 587);", f"$smtp->auth('alerts\\@acme.io', '{p}');"]),
    # server and device configuration
    ("davfs2-secrets", "secrets", BARE, lambda p, q: ["# davfs2 secrets file", f'https://dav.acme.io/remote.php/webdav  alice  "{p}"']),
    ("networkmanager-psk", "Office.nmconnection", BARE, lambda p, q: ["[wifi]", "ssid=Acme-Office", "", "[wifi-security]", "key-mgmt=wpa-psk", f"psk={p}"]),
    ("asterisk-sip-secret", "sip.conf", BARE, lambda p, q: ["[1001]", "type=friend", "host=dynamic", "context=office", f"secret={p}"]),
    ("icecast-source-password", "icecast.xml", XML, lambda p, q: ["<authentication>", f"    <source-password>{p}</source-password>", "</authentication>"]),
    ("minecraft-rcon-password", "server.properties", BARE, lambda p, q: ["enable-rcon=true", "rcon.port=25575", f"rcon.password={p}"]),
    ("valve-rcon-password", "server.cfg", BARE, lambda p, q: ['hostname "Acme LAN"', f'rcon_password "{p}"', "sv_lan 1"]),
    ("redis-sentinel-auth-pass", "sentinel.conf", BARE, lambda p, q: ["sentinel monitor mymaster 10.0.0.5 6379 2", f"sentinel auth-pass mymaster {p}"]),
    ("joomla-configuration", "configuration.php", PHP_SQ, lambda p, q: ["<?php", "class JConfig {", "    public $user = 'joomla';", f"    public $password = '{p}';", "}"]),
    ("nagios-resource-macro", "resource.cfg", BARE, lambda p, q: ["$USER1$=/usr/lib/nagios/plugins", f"$USER3$={p}"]),
    ("preseed-root-password", "preseed.cfg", BARE, lambda p, q: [f"d-i passwd/root-password password {p}", f"d-i passwd/root-password-again password {p}"]),
    ("vyos-plaintext-password", "config.boot.sh", SHELL_SQ, lambda p, q: [f"set system login user vyos authentication plaintext-password '{p}'"]),
    ("jetty-realm-properties", "realm.properties", BARE, lambda p, q: ["# username: password[,rolename ...]", f"admin: {p},admin,user"]),
    # SQL
    ("mssql-master-key", "keys.sql", SHELL_SQ, lambda p, q: [f"CREATE MASTER KEY ENCRYPTION BY PASSWORD = '{p}';"]),
    ("mysql-create-server", "federated.sql", SHELL_SQ, lambda p, q: [f"CREATE SERVER legacy FOREIGN DATA WRAPPER mysql OPTIONS (HOST 'db-legacy', DATABASE 'crm', USER 'app', PASSWORD '{p}');"]),
    ("teradata-logon", "load.bteq", SHELL_SQ + ",;", lambda p, q: [f".LOGON tdprod/etl_user,'{p}';", "SELECT COUNT(*) FROM sales.orders;"]),
    # URLs
    ("git-https-requirements", "requirements.txt", "", lambda p, q: ["requests==2.32.3", f"git+https://deploy:{q}@git.acme.io/acme/sdk.git@v1.4.0#egg=acme-sdk"]),
    ("mysqlx-url", "shell.sh", "", lambda p, q: [f"mysqlsh --uri 'mysqlx://app:{q}@db01:33060/shop' --sql -e 'SELECT 1'"]),
    ("trino-sqlalchemy-url", "warehouse.py", "", lambda p, q: [f'engine = create_engine("trino://analyst:{q}@trino.acme.io:443/hive")']),
    # UI tests
    ("capybara-fill-in", "login_spec.rb", DQ + "#", lambda p, q: ['fill_in "Email", with: "qa@acme.io"', f'fill_in "Password", with: "{p}"', 'click_button "Sign in"']),
    ("webdriverio-setvalue", "login.e2e.js", SHELL_SQ + "\\", lambda p, q: ["await $('#username').setValue('qa');", f"await $('#password').setValue('{p}');"]),
    ("espresso-typetext", "LoginTest.kt", DQ, lambda p, q: [f'onView(withId(R.id.password)).perform(typeText("{p}"), closeSoftKeyboard())']),
    # markup
    ("html-prefilled-password", "login.html", XML + "`", lambda p, q: ['<form method="post" action="/login">', '  <input name="user" value="kiosk">',
                                                                       f'  <input type="password" name="pass" value="{p}">', "</form>"]),
]
URL_FORMS = ("git-https-requirements", "mysqlx-url", "trino-sqlalchemy-url")


def draw_password(rng, form, drop):
    while True:
        p = human_password(rng, reserved="@:/%#?" if form in URL_FORMS else "")
        p = "".join(c for c in p if c not in drop)
        if len(p) >= 10:
            return p


def passwords(corpus):
    rng = rng_for("passwords")
    for form, name, drop, fn in PASSWORD_FORMS:
        for _ in range(2):
            p = draw_password(rng, form, drop)
            q = quote(p, safe="")
            lines = fn(p, q)
            line = next(i for i, ln in enumerate(lines, 1) if p in ln or q in ln)
            corpus.add("passwords", name, lines, True, "password", form, line=line)


# --- structured credentials ---------------------------------------------------------------------------------
def add_block(corpus, group, name, lines, provider, form, first):
    """A key block labelled from its BEGIN line to its END line."""
    corpus.add(group, name, lines, True, provider, form, line=first)
    corpus.labels[-1]["end_line"] = next(i for i, ln in enumerate(lines, 1) if i > first and DASH5 + "END" in ln)


def pkcs8_raw(oid, raw):
    return der_seq(der_int(0), der_seq(der_oid(oid)), der_octets(der_octets(raw)))


def ec_pkcs8(rng, curve_oid, n, pub_n):
    inner = der_seq(der_int(1), der_octets(rbytes(rng, n)), der(0xA1, der(0x03, b"\x00\x04" + rbytes(rng, pub_n))))
    return der_seq(der_int(0), der_seq(der_oid("1.2.840.10045.2.1"), der_oid(curve_oid)), der_octets(inner))


def ec_sec1(rng, curve_oid, n, pub_n):
    return der_seq(der_int(1), der_octets(rbytes(rng, n)), der(0xA0, der_oid(curve_oid)),
                   der(0xA1, der(0x03, b"\x00\x04" + rbytes(rng, pub_n))))


def b58encode(data):
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = BASE58[r] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out


def b58check(payload):
    return b58encode(payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4])


def wif(rng, good=True):
    payload = b"\x80" + rbytes(rng, 32) + b"\x01"
    s = b58check(payload)
    if not good:
        raw = payload + bytes(b ^ 0x5A for b in hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4])
        s = b58encode(raw)
    return s


def xprv(rng, good=True):
    payload = bytes.fromhex("0488ADE4") + b"\x00" + b"\x00" * 4 + b"\x00" * 4 + rbytes(rng, 32) + b"\x00" + rbytes(rng, 32)
    if good:
        return b58check(payload)
    return b58encode(payload + b"\x00\x11\x22\x33")


def nsec(rng, good=True):
    s = bech32_encode("nsec", to5(rbytes(rng, 32)))
    if not good:
        last = s[-1]
        s = s[:-1] + ("q" if last != "q" else "p")
    return s


def structured(corpus):
    rng = rng_for("structured")
    g = "structured"
    # key algorithms and curves not used before
    k = rsa_key(rng, 1024)
    pss = der_seq(der_int(0), der_seq(der_oid("1.2.840.113549.1.1.10")), der_octets(rsa_pkcs1_der(k)))
    add_block(corpus, g, "signer-pss.pem", pem_armor("PRIVATE KEY", pss), "private-key", "rsa-pss-pkcs8", 1)
    add_block(corpus, g, "es512.key", pem_armor("PRIVATE KEY", ec_pkcs8(rng, "1.3.132.0.35", 66, 132)), "private-key", "ec-p521-pkcs8", 1)  # vaultsweep:allow (template: the value is drawn at generation time)
    add_block(corpus, g, "brainpool.pem", pem_armor("EC PRIVATE KEY", ec_sec1(rng, "1.3.36.3.3.2.8.1.1.7", 32, 64)), "private-key", "ec-brainpoolp256r1-sec1", 1)
    add_block(corpus, g, "x448.pem", pem_armor("PRIVATE KEY", pkcs8_raw("1.3.101.111", rbytes(rng, 56))), "private-key", "x448-pkcs8", 1)  # vaultsweep:allow (template: the value is drawn at generation time)
    # a multi-line PEM inside double quotes in a dotenv file (Probot-style GitHub App)
    k = rsa_key(rng, 1024)
    pem = pem_armor("RSA PRIVATE KEY", rsa_pkcs1_der(k))
    lines = ["APP_ID=381204", "WEBHOOK_PROXY_URL=https://smee.io/acme-bot", 'PRIVATE_KEY="' + pem[0]] + pem[1:-1] + [pem[-1] + '"']
    add_block(corpus, g, ".env", lines, "private-key", "rsa-pkcs1-dotenv-multiline", 3)
    # fastlane App Store Connect API key JSON (PKCS#8 EC key, newlines escaped)
    pem = pem_armor("PRIVATE KEY", ec_pkcs8(rng, "1.2.840.10045.3.1.7", 32, 64))
    doc = {"key_id": rand(rng, UPALNUM, 10), "issuer_id": uuid4(rng), "key": "\n".join(pem) + "\n", "duration": 1200, "in_house": False}
    lines = jlines(doc)
    corpus.add(g, "fastlane/api_key.json", lines, True, "apple", "asc-api-key-json", line=next(i for i, ln in enumerate(lines, 1) if '"key"' in ln))
    # tool key files
    sexp = (f"Created: 20240611T090000\nKey: (private-key (ecc (curve Ed25519)(flags eddsa)(q #40{rand(rng, UHEX, 64)}#)"
            f"(d #{rand(rng, UHEX, 64)}#)))").split("\n")
    corpus.add(g, "private-keys-v1.d/" + rand(rng, UHEX, 40) + ".key", sexp, True, "gnupg", "gnupg-keygrip-sexp", line=2)
    blob = b"Ed" + b"BK" + (42).to_bytes(4, "big") + rbytes(rng, 16) + rbytes(rng, 8) + rbytes(rng, 8) + rbytes(rng, 64)
    corpus.add(g, "release.sec", ["untrusted comment: signify secret key", b64(blob)], True, "signify", "signify-secret-key", line=2)
    body = b64(rbytes(rng, 420))
    corpus.add(g, "keys/acme_backup", [f"BORG_KEY {rand(rng, HEX, 64)}"] + [body[i:i + 80] for i in range(0, len(body), 80)], True,
               "borg", "borg-keyfile", line=2)
    ceph = b64(b"\x01\x00" + rng.getrandbits(32).to_bytes(4, "little") + rbytes(rng, 4) + b"\x10\x00" + rbytes(rng, 16))
    corpus.add(g, "ceph.client.admin.keyring", ["[client.admin]", f"\tkey = {ceph}", '\tcaps mon = "allow *"', '\tcaps osd = "allow *"'],
               True, "ceph", "ceph-keyring", line=2)
    # a PKCS#12 bundle as one base64 line in CI variables
    pfx = der_seq(der_int(3), der_seq(der_oid("1.2.840.113549.1.7.1"), der(0xA0, der_octets(rbytes(rng, 1700)))),
                  der_seq(der_seq(der_seq(der_oid("2.16.840.1.101.3.4.2.1"), der_null()), der_octets(rbytes(rng, 32))), der_octets(rbytes(rng, 8)), der_int(2048)))
    corpus.add(g, ".gitlab-ci.yml", ["variables:", "  IOS_TEAM_ID: A1B2C3D4E5", f"  IOS_DIST_CERT_P12: {b64(pfx)}", "  IOS_DIST_CERT_PASSWORD: $P12_PW"],
               True, "apple", "pkcs12-base64-ci", line=3)
    # wallets and chain keys
    corpus.add(g, "signer.ts", ["import { ECPairFactory } from 'ecpair';", f"const keyPair = ECPair.fromWIF('{wif(rng)}', networks.bitcoin);"],
               True, "bitcoin", "bitcoin-wif", line=2)
    corpus.add(g, "wallet.py", [f'root = BIP32.from_xpriv("{xprv(rng)}")', 'child = root.get_privkey_from_path("m/84h/0h/0h/0/0")'],
               True, "bitcoin", "bip32-xprv", line=1)
    corpus.add(g, "hardhat.config.js", ["module.exports = {", '  solidity: "0.8.24",', "  networks: {", "    sepolia: {",
                                        '      url: "https://rpc.sepolia.org",', f'      accounts: ["0x{rand(rng, HEX, 64)}"],', "    },", "  },", "};"],
               True, "ethereum", "eth-private-key-hardhat", line=6)
    corpus.add(g, "id.json", ["[" + ",".join(str(rng.randrange(256)) for _ in range(64)) + "]"], True, "solana", "solana-keypair-json", line=1)
    corpus.add(g, "bot.js", ["import { nip19, getPublicKey } from 'nostr-tools';", f"const {{ data: sk }} = nip19.decode('{nsec(rng)}');"],
               True, "nostr", "nostr-nsec", line=2)
    lines = jlines({"type": "PaymentSigningKeyShelley_ed25519", "description": "Payment Signing Key", "cborHex": "5820" + rand(rng, HEX, 64)}, indent=4)
    corpus.add(g, "payment.skey", lines, True, "cardano", "cardano-signing-key", line=4)
    ident_ = b"\x03" + rbytes(rng, 16) + b"\x00" + rbytes(rng, 40)
    mac = (b"\x02" + b"\x01" + bytes([3]) + b"lnd" + b"\x02" + bytes([len(ident_)]) + ident_ + b"\x00"
           + b"\x00" + b"\x06" + bytes([32]) + rbytes(rng, 32))
    corpus.add(g, "lnd.env", ["LND_GRPC_HOST=lnd01:10009", f"LND_MACAROON_HEX={mac.hex()}"], True, "lightning", "lnd-macaroon-hex", line=2)
    seed = bytes([13, 15, 58, 7]) + rbytes(rng, 32)
    lines = jlines([{"name": "baker", "value": "unencrypted:" + b58check(seed)}])
    corpus.add(g, "secret_keys", lines, True, "tezos", "tezos-edsk", line=next(i for i, ln in enumerate(lines, 1) if "unencrypted:" in ln))
    # cluster and server bootstrap secrets
    corpus.add(g, "secrets/master.key", [rand(rng, HEX, 256)], True, "jenkins", "jenkins-master-key", line=1)
    corpus.add(g, "auth/kubeadmin-password", ["-".join(rand(rng, ALNUM, 5) for _ in range(4))], True, "openshift", "openshift-kubeadmin-password", line=1)
    token = {"ver": "8.14.1", "adr": ["10.0.4.21:9200"], "fgr": rand(rng, HEX, 64), "key": f"{rand(rng, URLSAFE, 20)}:{rand(rng, URLSAFE, 22)}"}
    corpus.add(g, "enroll-node.sh", [f"bin/elasticsearch --enrollment-token {b64(json.dumps(token, separators=(',', ':')).encode())}"],
               True, "elastic", "elastic-enrollment-token", line=1)
    corpus.add(g, "bootstrap.txt", ["$ consul acl bootstrap", f"AccessorID:       {uuid4(rng)}", f"SecretID:         {uuid4(rng)}",
                                    "Description:      Bootstrap Token (Global Management)", "Local:            false",
                                    "Policies:", "   00000000-0000-0000-0000-000000000001 - global-management"], True, "consul", "consul-acl-bootstrap", line=3)
    # second factors and exported credentials
    corpus.add(g, "fixtures/totp.py", [f'TOTP_URI = "otpauth://totp/Acme:ci-bot@acme.io?secret={rand(rng, BASE32, 32)}&issuer=Acme"'],
               True, "totp", "otpauth-uri", line=1)
    codes = [f"{rand(rng, HEX, 5)}-{rand(rng, HEX, 5)}" for _ in range(16)]
    corpus.add(g, "github-recovery-codes.txt", codes, True, "github", "recovery-codes", line=1)
    corpus.labels[-1]["end_line"] = len(codes)
    pw = human_password(rng).replace("<", "").replace("&", "")
    corpus.add(g, "sitemanager.xml", ['<?xml version="1.0" encoding="UTF-8"?>', "<FileZilla3>", "  <Servers>", "    <Server>",
                                      "      <Host>files.acme.io</Host>", "      <Protocol>1</Protocol>", "      <User>deploy</User>",
                                      f'      <Pass encoding="base64">{b64(pw.encode())}</Pass>', "    </Server>", "  </Servers>", "</FileZilla3>"],
               True, "filezilla", "filezilla-sitemanager", line=8)
    pw = human_password(rng).replace(",", "").replace('"', "")
    corpus.add(g, "Chrome Passwords.csv", ["name,url,username,password,note", f"intranet.acme.io,https://intranet.acme.io/login,j.doe,{pw},"],
               True, "chrome", "browser-password-export", line=2)  # vaultsweep:allow


# --- negatives: near misses -----------------------------------------------------------------------------------
def mutate(rng, value, kind, alphabet, lo=None):
    i = rng.randrange(lo if lo is not None else len(value) // 2, len(value))
    if kind == "short":
        return value[:i] + value[i + 1:]
    if kind == "long":
        return value[:i] + rng.choice(alphabet) + value[i:]
    if kind == "outside":
        bad = rng.choice([c for c in ".+!~*" if c not in alphabet]) if alphabet not in (HEX, UHEX) else rng.choice("ghjkxz")
        return value[:i] + bad + value[i + 1:]
    raise ValueError(kind)


def spec_alpha(code):
    return {"h": HEX, "H": UHEX, "a": ALNUM, "s": URLSAFE, "l": LOWALNUM, "u": UPALNUM, "d": DIGITS, "b": B64,
            "x": string.ascii_letters, "m": BASE58}.get(code, ALNUM)


SEG = r"\{([hHasludbxm])(\d+)\}"


def near_fixed(rng, spec, kind):
    """Draw a value from spec and mutate only its longest drawn segment (a UUID: its last group)."""
    if "{uuid}" in spec or "{UUID}" in spec:
        up = "{UUID}" in spec
        u = uuid4(rng, upper=up)
        head, tail = u[:24], u[24:]
        tail = mutate(rng, tail, kind, UHEX if up else HEX, lo=1)
        return spec.replace("{UUID}" if up else "{uuid}", head + tail)
    if spec == "{netbird}":
        body = rand(rng, ALNUM, 30)
        return "nbp_" + mutate(rng, body + crc32_base62(body), kind, ALNUM)
    ms = list(re.finditer(SEG, spec))
    m = max(ms, key=lambda x: int(x.group(2)))
    seg = gen_spec(rng, "{" + m.group(1) + m.group(2) + "}")
    seg = mutate(rng, seg, kind, spec_alpha(m.group(1)))
    return gen_spec(rng, spec[: m.start()]) + seg + gen_spec(rng, spec[m.end():])


def swap_prefix_case(v):
    j = next(i for i, c in enumerate(v) if c.isalpha())
    return v[:j] + v[j].swapcase() + v[j + 1:]


def near_misses(corpus):
    rng = rng_for("near")
    g = "near"
    for row in F.PREFIXED:
        s = svc(row)
        if row[6]:
            for kind in ("short", "long", "outside"):
                place(corpus, g, rng, s, near_fixed(rng, row[5], kind), False, row[0], f"near-miss-{kind}", NAMED)
        v = gen_spec(rng, row[5])
        if row[0] == "momento":
            v = "EyJ" + v[3:]  # no longer base64 of a JSON object
        elif row[0] == "nxcloud":
            v = v[0].swapcase() + v[1:]
        elif row[0] == "dotenvvault":
            v = v.replace(":key_", ":Key_")
        elif row[0] == "asaas":
            v = "$AACT_" + v[6:]
        elif row[0] == "develocity":
            v = v.upper()  # host and key in upper case: the key alphabet is lower case
        else:
            v = swap_prefix_case(v)
        place(corpus, g, rng, s, v, False, row[0], "near-miss-prefix-case", NAMED)
    # NetBird and GitHub/npm tokens with a wrong CRC32
    nb = svc(next(r for r in F.PREFIXED if r[0] == "netbird"))
    gh = dict(id="github", name="GitHub", env="GITHUB_TOKEN", host="api.github.com")
    npm = dict(id="npm", name="npm", env="NPM_TOKEN", host="registry.npmjs.org")
    for prefix, s in (("nbp_", nb), ("nbp_", nb), ("ghu_", gh), ("ghr_", gh), ("ghp_", gh), ("npm_", npm)):
        body = rand(rng, ALNUM, 30)
        good = crc32_base62(body)
        bad = good[:-2] + ("zz" if good[-2:] != "zz" else "yy")
        place(corpus, g, rng, s, prefix + body + bad, False, s["id"], "near-miss-checksum", NAMED)
    # long-tail keys one character off, twice per service
    for row in F.LONGTAIL:
        for kind in rng.sample(["short", "long", "outside"], 2):
            place(corpus, g, rng, svc(row), near_fixed(rng, row[5], kind), False, row[0], f"near-miss-longtail-{kind}", NAMED)
    # chain keys with a broken checksum
    corpus.add(g, "signer.ts", [f"const keyPair = ECPair.fromWIF('{wif(rng, good=False)}', networks.bitcoin);"], False, "bitcoin", "near-miss-checksum")
    corpus.add(g, "wallet.py", [f'root = BIP32.from_xpriv("{xprv(rng, good=False)}")'], False, "bitcoin", "near-miss-checksum")
    corpus.add(g, "bot.js", [f"const {{ data: sk }} = nip19.decode('{nsec(rng, good=False)}');"], False, "nostr", "near-miss-checksum")


# --- negatives: placeholders -----------------------------------------------------------------------------------
def built(rng, n, alphabet, style):
    if style == "run":
        base = "0123456789abcdef" if alphabet in (HEX,) else ("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" if alphabet in (UPALNUM, UHEX)
                                                            else "abcdefghijklmnopqrstuvwxyz0123456789")
        return ((base * 20)[rng.randrange(3):])[:n]
    if style == "countdown":
        return (("fedcba9876543210" if alphabet == HEX else "FEDCBA9876543210" if alphabet == UHEX
                 else "zyxwvutsrqponmlkjihgfedcba9876543210") * 20)[:n]
    if style == "alternate":
        return (("a0" if alphabet in (HEX, LOWALNUM, DIGITS) else "A0" if alphabet in (UHEX, UPALNUM) else "Ab") * 400)[:n]
    if style == "repeat":
        return (rand(rng, alphabet if alphabet not in (B64, BASE58) else ALNUM, 5) * 200)[:n]
    if style == "filler":
        return ("0" if alphabet in (HEX, UHEX, DIGITS) else "X") * n
    if style == "word":
        return (("YOURKEYHERE" if alphabet in (UPALNUM,) else "your_key_here_" if alphabet not in (HEX, UHEX, DIGITS) else "deadbeef") * 80)[:n]
    raise ValueError(style)


STYLES = ["run", "countdown", "alternate", "repeat", "filler", "word"]


def placeholders(corpus):
    rng = rng_for("placeholders")
    g = "placeholders"
    n = 0
    for row in F.PREFIXED:
        spec = row[5]
        if not re.search(SEG, spec):
            continue
        style = STYLES[n % len(STYLES)]
        n += 1
        v = re.sub(SEG, lambda m: built(rng, int(m.group(2)), spec_alpha(m.group(1)), style), spec)
        place(corpus, g, rng, svc(row), v, False, row[0], f"ph-{style}", NAMED)
    uuids = {"run": "12345678-1234-1234-1234-123456789abc", "countdown": "98765432-9876-5432-1098-765432109876",
             "alternate": "abababab-abab-abab-abab-abababababab", "repeat": "cafebabe-cafe-babe-cafe-babecafebabe",
             "filler": "00000000-0000-0000-0000-000000000000", "word": "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"}
    for idx, row in enumerate(F.LONGTAIL):
        if idx % 2:
            continue
        style = STYLES[(idx // 2) % len(STYLES)]
        v = row[5].replace("{uuid}", uuids[style]).replace("{UUID}", uuids[style].upper())
        v = re.sub(SEG, lambda m: built(rng, int(m.group(2)), spec_alpha(m.group(1)), style), v)
        place(corpus, g, rng, svc(row), v, False, row[0], f"ph-{style}", NAMED)
    rows = F.PREFIXED + [r + (False,) for r in F.LONGTAIL]
    docs = [lambda s: '{{ env "' + s["env"] + '" }}', lambda s: "${env:" + s["env"] + "}", lambda s: "#{" + s["env"] + "}#",
            lambda s: "%(" + ident(s) + "_api_key)s", lambda s: "{{ lookup('env', '" + s["env"] + "') }}",
            lambda s: "ref+vault://secret/" + kebab(s) + "#/api_key", lambda s: "${ssm:/acme/prod/" + kebab(s) + "-api-key}",
            lambda s: "secretref:" + kebab(s) + "-api-key", lambda s: "[REDACTED]", lambda s: "*" * 32,
            lambda s: "<redacted>", lambda s: "TODO_SET_ME", lambda s: "dummy-key-for-tests", lambda s: "insert-" + kebab(s) + "-key-here",
            lambda s: "${{ vars." + s["env"] + " }}", lambda s: "$(" + s["env"] + ")"]
    for fn in docs:
        row = rng.choice(rows)
        s = svc(row)
        place(corpus, g, rng, s, fn(s), False, row[0], "ph-doc", NAMED)
    # committed ciphertexts (kinds not used before)
    row = rng.choice(rows)
    s = svc(row)
    corpus.add(g, f"{ident(s)}.key.age", pem_armor("AGE ENCRYPTED FILE", b"age-encryption.org/v1\n-> X25519 " + rbytes(rng, 180)), False, row[0], "ph-encrypted")
    corpus.add(g, f"{ident(s)}.env.asc", pem_armor("PGP MESSAGE", b"\x85\x01\x0c\x03" + rbytes(rng, 330)), False, row[0], "ph-encrypted")
    corpus.add(g, "secrets.yaml", [f"{ident(s)}_api_key: AQICAHh{b64(rbytes(rng, 150))}"], False, row[0], "ph-encrypted")
    corpus.add(g, "data_bags/keys/" + ident(s) + ".json", jlines({"id": ident(s), "api_key": {"encrypted_data": b64(rbytes(rng, 60)),
                                                                                              "iv": b64(rbytes(rng, 12)), "auth_tag": b64(rbytes(rng, 16)),
                                                                                              "version": 3, "cipher": "aes-256-gcm"}}), False, row[0], "ph-encrypted")
    corpus.add(g, "secrets.ejson", ["{", f'  "_public_key": "{rand(rng, HEX, 64)}",',
                                    f'  "{ident(s)}_api_key": "EJ[1:{b64(rbytes(rng, 32))}:{b64(rbytes(rng, 24))}:{b64(rbytes(rng, 48))}]"', "}"],
               False, row[0], "ph-encrypted")
    corpus.add(g, ".env.production", ["#/-------------------[DOTENV_PUBLIC_KEY]--------------------/", f'DOTENV_PUBLIC_KEY_PRODUCTION="02{rand(rng, HEX, 64)}"',
                                      f'{s["env"]}="encrypted:BD{b64(rbytes(rng, 120))}"'], False, row[0], "ph-encrypted")
    pw_forms = [lambda w: [f"clickhouse-client --host ch01 --user analyst --password '{w}' --query 'SELECT 1'"],
                lambda w: [f'User.objects.create_superuser("admin", "admin@acme.io", "{w}")'],
                lambda w: ["[wifi-security]", "key-mgmt=wpa-psk", f"psk={w}"],
                lambda w: [f"CREATE MASTER KEY ENCRYPTION BY PASSWORD = '{w}';"],
                lambda w: [f"await $('#password').setValue('{w}');"]]
    for i, w in enumerate(["<password>", "${CH_PASSWORD}", "{{ wifi_psk }}", "$(MASTER_KEY_PW)", "process.env.E2E_PASSWORD",
                           "********", "CHANGE_ME", "%ADMIN_PW%", "<your-password-here>", "xxxxxxxx"]):
        corpus.add(g, "snippet.txt", pw_forms[i % len(pw_forms)](w), False, "password", "ph-password")


# --- negatives: identifiers and public material ---------------------------------------------------------------
def crypt_salt(rng, n):
    return rand(rng, ALNUM + "./", n)


def identifiers(corpus):
    rng = rng_for("identifiers")
    h = lambda n: rand(rng, HEX, n)  # noqa: E731
    u = lambda n: rand(rng, URLSAFE, n)  # noqa: E731

    def signify_pub():
        return ["untrusted comment: signify public key", b64(b"Ed" + rbytes(rng, 8) + rbytes(rng, 32))]

    def csr():
        body = der_seq(der_seq(der_int(0), der_seq(), der_seq(der_seq(der_oid("1.2.840.10045.2.1"), der_oid("1.2.840.10045.3.1.7")),
                                                                der(0x03, b"\x00\x04" + rbytes(rng, 64)))),
                       der_seq(der_oid("1.2.840.10045.4.3.2")), der(0x03, b"\x00" + rbytes(rng, 70)))
        return pem_armor("CERTIFICATE REQUEST", body)

    def dhparams():
        p = rng.getrandbits(1024) | (1 << 1023) | 1
        return pem_armor("DH PARAMETERS", der_seq(der_int(p), der_int(2)))

    cases = [
        ("password-hash", ".htpasswd", lambda: [f"alice:$2y$05${crypt_salt(rng, 53)}", f"bob:$apr1${crypt_salt(rng, 8)}${crypt_salt(rng, 22)}"]),
        ("password-hash", "shadow", lambda: [f"root:$6${crypt_salt(rng, 16)}${crypt_salt(rng, 86)}:19889:0:99999:7:::", "daemon:*:19889:0:99999:7:::"]),
        ("password-hash", "fixtures/users.json", lambda: ["[{", '  "model": "auth.user",', '  "pk": 1,',
                                                          f'  "fields": {{ "username": "admin", "password": "pbkdf2_sha256$720000${rand(rng, ALNUM, 22)}${b64(rbytes(rng, 32))}" }}', "}]"]),
        ("lock-hash", "Podfile.lock", lambda: ["SPEC CHECKSUMS:", f"  Alamofire: {h(40)}", f"  KeychainAccess: {h(40)}", "", f"PODFILE CHECKSUM: {h(40)}"]),
        ("lock-hash", "pixi.lock", lambda: ["- kind: conda", "  name: openssl", "  version: 3.3.1", f"  sha256: {h(64)}", f"  md5: {h(32)}"]),
        ("lock-hash", "Manifest.toml", lambda: ['[[deps.HTTP]]', 'deps = ["Base64", "Dates", "Sockets"]', f'git-tree-sha1 = "{h(40)}"', 'version = "1.10.8"']),
        ("checksum", "PKGBUILD", lambda: ["pkgname=acme-cli", "pkgver=1.4.2", f"sha256sums=('{h(64)}'", "            'SKIP')"]),
        ("checksum", "APKBUILD", lambda: ['pkgname="acme-agent"', f'sha512sums="{h(128)}  acme-agent-1.4.2.tar.gz"']),
        ("checksum", "default.nix", lambda: ["src = fetchFromGitHub {", '  owner = "acme";', '  repo = "agent";', '  rev = "v1.4.2";',
                                             f'  hash = "sha256-{b64(rbytes(rng, 32))}";', "};"]),
        ("checksum", "Chart.lock", lambda: ["dependencies:", "- name: postgresql", "  repository: oci://registry-1.docker.io/bitnamicharts",
                                           "  version: 15.5.38", f"digest: sha256:{h(64)}", "generated: \"2024-06-11T09:00:00Z\""]),
        ("checksum", "acme-core-1.4.2.jar.sha1", lambda: [h(40)]),
        ("public-key", "payment.vkey", lambda: jlines({"type": "PaymentVerificationKeyShelley_ed25519", "description": "Payment Verification Key",
                                                       "cborHex": "5820" + h(64)}, indent=4)),
        ("public-key", "release.pub", signify_pub),
        ("public-key", "Anchor.toml", lambda: ["[programs.localnet]", f'acme_vault = "{rand(rng, BASE58, 44)}"', "", "[provider]", 'cluster = "localnet"']),
        ("public-key", "jwks.json", lambda: ['{ "keys": [', f'  {{ "kty": "OKP", "crv": "Ed25519", "kid": "{h(8)}", "x": "{b64url_nopad(rbytes(rng, 32))}" }}', "] }"]),
        ("public-key", "id_ed25519-cert.pub", lambda: [f"ssh-ed25519-cert-v01@openssh.com {b64(ssh_string('ssh-ed25519-cert-v01@openssh.com') + ssh_string(rbytes(rng, 32)) + ssh_string(rbytes(rng, 32)) + rbytes(rng, 180))} deploy@ci"]),
        ("publishable-key", "room.tsx", lambda: [f'const client = createClient({{ publicApiKey: "pk_prod_{u(48)}" }});']),  # vaultsweep:allow (template of a publishable-key decoy: the value is drawn at generation time)
        ("publishable-key", "checkout.html", lambda: ['<script src="https://checkout.wompi.co/widget.js"', f'  data-public-key="pub_prod_{rand(rng, ALNUM, 32)}"', '  data-currency="COP"></script>']),
        ("publishable-key", "AppDelegate.swift", lambda: [f'Purchases.configure(withAPIKey: "appl_{rand(rng, ALNUM, 24)}")']),  # vaultsweep:allow (template of a publishable-key decoy: the value is drawn at generation time)
        ("publishable-key", "google-services.json", lambda: ['  "client": [{', '    "client_info": {', f'      "mobilesdk_app_id": "1:{rng.randrange(10**11, 10**12)}:android:{h(16)}"',
                                                             "    },", f'    "api_key": [{{ "current_key": "AIza{u(35)}" }}]', "  }]"]),
        ("object-id", "links.md", lambda: [f"- Budget: https://airtable.com/app{rand(rng, ALNUM, 14)}/tbl{rand(rng, ALNUM, 14)}/viw{rand(rng, ALNUM, 14)}",
                                           f"- Roadmap: https://docs.google.com/spreadsheets/d/{u(44)}/edit#gid=0"]),
        ("object-id", "design.md", lambda: [f"Components live in https://www.figma.com/design/{rand(rng, ALNUM, 22)}/Design-System",
                                            f"Runbook: https://www.notion.so/acme/Rotate-keys-{h(32)}"]),
        ("object-id", "machine-id", lambda: [h(32)]),
        ("object-id", "Product.wxs", lambda: [f'<Package Name="Acme Agent" Manufacturer="Acme" Version="1.4.2" UpgradeCode="{uuid4(rng, upper=True)}">']),
        ("object-id", "ceph.conf", lambda: ["[global]", f"fsid = {uuid4(rng)}", "mon_host = 10.0.4.31,10.0.4.32,10.0.4.33"]),
        ("request-id", "access.log", lambda: [f"X-Amzn-Trace-Id: Root=1-{h(8)}-{h(24)};Parent={h(16)};Sampled=1",
                                              f"X-Cloud-Trace-Context: {h(32)}/{rng.randrange(10**18, 10**19)};o=1"]),
        ("notebook-output", "analysis.ipynb", lambda: ['  {', '   "cell_type": "code",', f'   "id": "{h(8)}-{h(4)}-{h(4)}",',
                                                       f'   "outputs": [{{ "data": {{ "image/png": "iVBORw0KGgo{b64(rbytes(rng, 90))}" }} }}]', "  }"]),
        ("public-cert", "server.csr", csr),
        ("public-cert", "dhparam.pem", dhparams),
        ("encoded-asset", "fonts.css", lambda: ["@font-face {", "  font-family: 'Inter';", f"  src: url(data:font/woff2;base64,d09GMgABAAAA{b64(rbytes(rng, 120))}) format('woff2');", "}"]),
        ("image-ref", "manifest.json", lambda: jlines({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                                                       "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:" + h(64), "size": 1470},
                                                       "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:" + h(64), "size": 3623807}]})),
        ("client-id", "liveblocks.config.ts", lambda: ['export const ROOM_PREFIX = "acme-";', f'export const PROJECT_ID = "{rand(rng, LOWALNUM, 24)}";']),
        ("client-id", ".vercel/project.json", lambda: [f'{{"projectId":"prj_{rand(rng, ALNUM, 28)}","orgId":"team_{rand(rng, ALNUM, 24)}"}}']),
        ("key-id", "AuthKey.md", lambda: [f"The App Store Connect key id is `{rand(rng, UPALNUM, 10)}`, issuer `{uuid4(rng)}`;",
                                          "the .p8 itself lives in 1Password, not in this repository."]),
        ("uuid-id", "terraform.tfvars", lambda: [f'subscription_id = "{uuid4(rng)}"', f'tenant_id       = "{uuid4(rng)}"', 'location        = "westeurope"']),
    ]
    for _ in range(2):
        for form, name, fn in cases:
            corpus.add("identifiers", name, fn(), False, "none", form)


ORDINARY = [
    ("turbopuffer_client.py", ["def namespace(name: str) -> tpuf.Namespace:", "    return tpuf.Namespace(name, api_key=os.environ['TURBOPUFFER_API_KEY'])"]),
    ("netbird.tf", ['provider "netbird" {', "  token = var.netbird_token", "}", 'variable "netbird_token" { sensitive = true }']),
    ("fly.toml", ['app = "acme-sync"', "[env]", '  LOG_LEVEL = "info"', "# secrets are set with `fly secrets set`, never here"]),
    ("KeyRotation.kt", ["fun rotate(old: ApiKey): ApiKey {", "    val next = keyService.issue(old.owner)", "    keyService.revokeAfter(old, Duration.ofHours(24))",
                        "    return next", "}"]),
    ("password_policy.rb", ["MIN_PASSWORD_LENGTH = 12", "def strong_password?(pw)", "  pw.length >= MIN_PASSWORD_LENGTH && pw.match?(/\\d/)", "end"]),
    ("token.go", ["type Token struct {", '\tValue     string    `json:"-"`', '\tExpiresAt time.Time `json:"expires_at"`', "}"]),
    ("secret_scanner.yml", ["on: [push]", "jobs:", "  scan:", "    runs-on: ubuntu-latest", "    steps:", "      - uses: actions/checkout@v4",
                            "      - run: vaultsweep scan . --fail-on high"]),
    ("LoginForm.vue", ['<input v-model="password" type="password" autocomplete="current-password" />', '<button @click="login">Sign in</button>']),
    ("hmac.py", ["def verify(body: bytes, signature: str, secret: bytes) -> bool:", "    mac = hmac.new(secret, body, hashlib.sha256).hexdigest()",
                 "    return hmac.compare_digest(mac, signature)"]),
    ("api_key_auth.cs", ['if (!Request.Headers.TryGetValue("X-Api-Key", out var key) || !_keys.IsValid(key))', "    return Unauthorized();"]),
    ("env.example", ["LICHESS_TOKEN=", "CASHFREE_SECRET_KEY=", "WOMPI_PRIVATE_KEY=", "MOMENTO_API_KEY="]),
    ("Secrets.md", ["# Where secrets live", "Production keys are in Vault under `kv/acme/prod/*`.", "Local development reads `.env.local`, which git ignores."]),
    ("vault-agent.hcl", ['template {', '  source      = "/etc/acme/env.ctmpl"', '  destination = "/run/acme/env"', "}"]),
    ("mask.ts", ["export function mask(key: string): string {", "  return key.slice(0, 4) + '…' + key.slice(-4);", "}"]),
    ("PasswordHasher.java", ["public String hash(char[] password) {", "    return encoder.encode(CharBuffer.wrap(password));", "}"]),
    ("docker-compose.override.yml", ["services:", "  api:", "    env_file: .env.local", "    secrets:", "      - source: tibber_token", "        target: /run/secrets/tibber"]),
    ("tokens.sql", ["CREATE TABLE api_tokens (", "  id bigserial PRIMARY KEY,", "  token_hash bytea NOT NULL,", "  last_used_at timestamptz", ");"]),
    ("keygen.sh", ["# create a fresh signing key for local testing", "ssh-keygen -t ed25519 -N '' -f ./tmp/dev_signing_key"]),
    ("auth_middleware.ex", ["def call(conn, _opts) do", '  case get_req_header(conn, "authorization") do', '    ["Bearer " <> token] -> verify(conn, token)',
                            "    _ -> unauthorized(conn)", "  end", "end"]),
    ("secret.rs", ["pub struct Secret(String);", "impl fmt::Debug for Secret {", '    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { f.write_str("Secret(***)") }', "}"]),
    ("credentials_test.py", ["def test_missing_key_raises(monkeypatch):", '    monkeypatch.delenv("SEMRUSH_API_KEY", raising=False)',
                             "    with pytest.raises(ConfigError):", "        load_config()"]),
    ("passwd.c", ["if (strlen(password) < MIN_PW_LEN) {", '    fprintf(stderr, "password too short\\n");', "    return -1;", "}"]),
    ("rotate.yml", ["- name: Rotate Planning Center secret", "  ansible.builtin.uri:", "    url: https://vault.acme.io/v1/kv/data/pco",
                    "    headers:", '      X-Vault-Token: "{{ lookup(\'env\', \'VAULT_TOKEN\') }}"']),
    ("i18n/en.json", ["{", '  "login.password": "Password",', '  "login.forgot": "Forgot your password?",', '  "settings.apiKey": "API key"', "}"]),
    ("Makefile", ["decrypt:", "\tsops -d secrets.enc.yaml > secrets.yaml", "", "encrypt:", "\tsops -e secrets.yaml > secrets.enc.yaml"]),
]


def ordinary(corpus):
    for name, lines in ORDINARY:
        corpus.add("ordinary", name, lines, False, "none", "ordinary-code")


def main():
    generate_main(__doc__, "/work/scratch/heldout9", [positives, app_secrets, generated, passwords, structured, near_misses,
                                                      placeholders, identifiers, ordinary])


if __name__ == "__main__":
    main()
