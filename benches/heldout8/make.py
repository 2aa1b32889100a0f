#!/usr/bin/env python3
"""Write the eighth held-out corpus and its labels.

    python3 benches/heldout8/make.py [DIR]        # default /work/scratch/heldout8

Shaped like the hidden sets the project is judged on: (a) rule-test snippets of one to four lines
with a real-looking credential in a small context, (b) detector-test decoys a character away from a
real token, and (c) the credential files, key blocks and ordinary code of real repositories. Written
blind to vaultsweep's rules (`patterns/` and `src/` unopened) and to other scanners' rule and test
files. Providers (formats.py), contexts, password forms, structured kinds and decoys are chosen away
from heldouts 1-7; a new group holds secrets as password managers and `openssl rand` make them.
Deterministic; no token is written in this source, each is drawn at generation time.
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
                     BASE58, BECH32, crc32_base62, gen_spec, human_password, pem_armor, rand, rbytes, rsa_key,
                     rsa_pkcs8_der, rsa_spki_der, uuid4, der, der_seq, der_int, der_oid, der_octets, ssh_string,
                     ssh_mpint, bech32_encode, to5, b64url_nopad)

SEED = "vaultsweep-heldout8-v1"
B64 = ALNUM + "+/"
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


# --- contexts: (filename, lines) for a service s and value v (none of heldouts 5-7's) ----------------------
def c_fish(s, v):
    return "config.fish", [f"# {s['name']}", f"set -gx {s['env']} {v}"]


def c_nushell(s, v):
    return "env.nu", [f"$env.{s['env']} = \"{v}\""]


def c_setx(s, v):
    return "setup.cmd", ["@echo off", f'setx {s["env"]} "{v}"']


def c_csh(s, v):
    return ".cshrc", [f"setenv {s['env']} {v}"]


def c_dart(s, v):
    return "lib/env.dart", [f"const String k{pascal(s['env'])} = '{v}';"]


def c_haskell(s, v):
    n = camel(s["env"])
    return "src/Config.hs", [f"{n} :: Text", f'{n} = "{v}"']


def c_clojure(s, v):
    return "src/acme/config.clj", [f'(def {s["env"].lower().replace("_", "-")} "{v}")']


def c_ocaml(s, v):
    return "config.ml", [f'let {s["env"].lower()} = "{v}"']


def c_zig(s, v):
    return "config.zig", [f'pub const {s["env"].lower()} = "{v}";']


def c_nim(s, v):
    return "config.nim", [f'const {camel(s["env"])}* = "{v}"']


def c_julia(s, v):
    return "setup.jl", [f'ENV["{s["env"]}"] = "{v}"']


def c_matlab(s, v):
    return "startup.m", [f"setenv('{s['env']}', '{v}');"]


def c_gradle_buildconfig(s, v):
    return "app/build.gradle", ["defaultConfig {", f'    buildConfigField "String", "{s["env"]}", "\\"{v}\\""', "}"]


def c_android_strings(s, v):
    return "res/values/secrets.xml", ["<resources>", f'    <string name="{ident(s)}_api_key">{v}</string>', "</resources>"]


def c_plist(s, v):
    return "Info.plist", ["<dict>", f"    <key>{pascal(s['env'])}</key>", f"    <string>{v}</string>", "</dict>"]


def c_erlang(s, v):
    return "sys.config", ["[", f'  {{acme, [{{{ident(s)}_api_key, "{v}"}}]}}', "]."]


def c_vscode(s, v):
    return ".vscode/settings.json", ["{", f'  "{camel(ident(s))}.apiKey": "{v}"', "}"]


def c_regfile(s, v):
    return "acme.reg", ["Windows Registry Editor Version 5.00", "", f"[HKEY_CURRENT_USER\\Software\\Acme\\{pascal(ident(s))}]",
                        f'"ApiKey"="{v}"']


def c_crontab(s, v):
    return "crontab", [f"{s['env']}={v}", f"*/15 * * * * /opt/acme/bin/{kebab(s)}-sync >> /var/log/sync.log 2>&1"]


def c_caddy(s, v):
    return "Caddyfile", ["api.acme.io {", f"    reverse_proxy https://{s['host']} {{", f"        header_up X-Api-Key {v}", "    }", "}"]


def c_traefik(s, v):
    return "dynamic.yml", ["http:", "  middlewares:", f"    {kebab(s)}-auth:", "      headers:", "        customRequestHeaders:",
                           f'          X-Api-Key: "{v}"']


def c_envoy(s, v):
    return "envoy.yaml", [f"  - name: {kebab(s)}_upstream", "    request_headers_to_add:",
                          f'      - header: {{ key: "x-api-key", value: "{v}" }}']


def c_secret_file(s, v):
    return f"secrets/{ident(s)}_api_key", [v]


def c_vagrant(s, v):
    return "Vagrantfile", ['Vagrant.configure("2") do |config|',
                           f'  config.vm.provision "shell", path: "provision.sh", env: {{ "{s["env"]}" => "{v}" }}', "end"]


def c_docker_arg(s, v):
    return "Dockerfile", ["FROM python:3.12-slim", f"ARG {s['env']}={v}", "RUN pip install -r requirements.txt"]


def c_kustomize(s, v):
    return "kustomization.yaml", ["secretGenerator:", f"  - name: {kebab(s)}-credentials", "    literals:", f"      - {s['env']}={v}"]


def c_argparse(s, v):
    return "cli.py", [f'parser.add_argument("--{kebab(s)}-api-key", default="{v}")']


def c_go_setenv(s, v):
    return "main_test.go", ["func TestMain(m *testing.M) {", f'\tos.Setenv("{s["env"]}", "{v}")', "\tos.Exit(m.Run())", "}"]


def c_java_sysprop(s, v):
    return "Bootstrap.java", [f'System.setProperty("{ident(s).replace("_", ".")}.api.key", "{v}");']


def c_cs_setenv(s, v):
    return "Startup.cs", [f'Environment.SetEnvironmentVariable("{s["env"]}", "{v}");']


def c_php_putenv(s, v):
    return "bootstrap.php", ["<?php", f'putenv("{s["env"]}={v}");']


def c_ruby_env_or(s, v):
    return "spec_helper.rb", [f'ENV["{s["env"]}"] ||= "{v}"']


def c_perl_env(s, v):
    return "setup.pl", [f"$ENV{{{s['env']}}} = '{v}';"]


def c_sql_update(s, v):
    return "seed.sql", [f"UPDATE integrations SET api_key = '{v}' WHERE name = '{s['name']}';"]


def c_redis_set(s, v):
    return "seed-redis.sh", [f"redis-cli SET config:{ident(s)}:api_key {v}"]


def c_etcdctl(s, v):
    return "seed-etcd.sh", [f"etcdctl put /config/{kebab(s)}/api-key {v}"]


def c_consul_kv(s, v):
    return "seed-consul.sh", [f"consul kv put config/{kebab(s)}/api_key {v}"]


def c_git_patch(s, v):
    return "0001-config.patch", ["--- a/.env", "+++ b/.env", "@@ -3,2 +3,3 @@", " LOG_LEVEL=info", f"+{s['env']}={v}"]


def c_zsh_history(s, v):
    return ".zsh_history", [": 1718003311:0;cd ~/src/sync", f": 1718003352:0;{s['env']}={v} ./sync.sh --full"]


def c_har(s, v):
    doc = {"log": {"version": "1.2", "entries": [{"request": {"method": "GET", "url": f"https://{s['host']}/v1/status",
                                                              "headers": [{"name": "accept", "value": "application/json"},
                                                                          {"name": "x-api-key", "value": v}]}}]}}
    return "session.har", jlines(doc)


def c_procfile(s, v):
    return "Procfile", [f"worker: {s['env']}={v} bundle exec sidekiq"]


def c_npm_script(s, v):
    return "package.json", ["{", '  "scripts": {', f'    "sync": "{s["env"]}={v} node scripts/sync.js"', "  }", "}"]


def c_urllib(s, v):
    return "fetch.py", [f'req = urllib.request.Request("https://{s["host"]}/v1/status")', f'req.add_header("X-Api-Key", "{v}")']


def c_okhttp(s, v):
    return "Api.kt", ["val request = Request.Builder()", f'    .url("https://{s["host"]}/v1/status")', f'    .addHeader("X-Api-Key", "{v}")',
                      "    .build()"]


def c_go_header(s, v):
    return "client.go", [f'req, _ := http.NewRequest("GET", "https://{s["host"]}/v1/status", nil)', f'req.Header.Set("X-Api-Key", "{v}")']


def c_pwsh_headers(s, v):
    return "check.ps1", [f'Invoke-RestMethod -Uri "https://{s["host"]}/v1/status" -Headers @{{ "X-Api-Key" = "{v}" }}']


def c_wget(s, v):
    return "fetch.sh", [f'wget -qO- --header="X-Api-Key: {v}" https://{s["host"]}/v1/status']


def c_httpie(s, v):
    return "smoke.sh", [f"http GET https://{s['host']}/v1/status X-Api-Key:{v}"]


def c_azure_pipelines(s, v):
    return "azure-pipelines.yml", ["variables:", f"  - name: {s['env']}", f"    value: {v}"]


def c_gha_with(s, v):
    return ".github/workflows/notify.yml", ["    steps:", f"      - uses: acme/{kebab(s)}-action@v2", "        with:", f"          api-key: {v}"]


NAMED = [c_fish, c_nushell, c_setx, c_csh, c_dart, c_haskell, c_clojure, c_ocaml, c_zig, c_nim, c_julia, c_matlab,
         c_gradle_buildconfig, c_android_strings, c_plist, c_erlang, c_vscode, c_regfile, c_crontab, c_caddy, c_traefik,
         c_envoy, c_secret_file, c_vagrant, c_docker_arg, c_kustomize, c_argparse, c_go_setenv, c_java_sysprop, c_cs_setenv,
         c_php_putenv, c_ruby_env_or, c_perl_env, c_sql_update, c_redis_set, c_etcdctl, c_consul_kv, c_git_patch,
         c_zsh_history, c_har, c_procfile, c_npm_script, c_urllib, c_okhttp, c_go_header, c_pwsh_headers, c_wget, c_httpie,
         c_azure_pipelines, c_gha_with]


def g_py_headers(s, v):
    return "client.py", [f'HEADERS = {{"Authorization": "Bearer {v}"}}']


def g_go_table(s, v):
    return "auth_test.go", ["var cases = []struct{ name, token string }{", f'\t{{"valid", "{v}"}},', "}"]


def g_ts_object(s, v):
    return "client.spec.ts", [f"const client = createClient({{ apiKey: '{v}' }});"]


def g_ini_auth(s, v):
    return "settings.ini", ["[auth]", f"key = {v}"]


GENERIC = [g_py_headers, g_go_table, g_ts_object, g_ini_auth]


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
NAMED_ONLY = ("qstash", "persona", "sumsub")


def positives(corpus):
    rng = rng_for("prefixed")
    for row in F.PREFIXED:
        for i in range(3):
            pool = GENERIC if i == 2 and row[0] not in NAMED_ONLY else NAMED
            place(corpus, "prefixed", rng, svc(row), gen_spec(rng, row[5]), True, row[0], row[0], pool)
    rng = rng_for("checksummed")
    gh = dict(id="github", name="GitHub", env="GITHUB_TOKEN", host="api.github.com")
    for prefix in ("gho_", "ghs_", "ghp_", "npm_"):
        for _ in range(2):
            body = rand(rng, ALNUM, 30)
            place(corpus, "prefixed", rng, gh, prefix + body + crc32_base62(body), True,
                  "npm" if prefix == "npm_" else "github", "checksummed", NAMED)
    rng = rng_for("longtail")
    for row in F.LONGTAIL:
        for _ in range(3):
            place(corpus, "longtail", rng, svc(row), gen_spec(rng, row[5]), True, row[0], shape(row[5]), NAMED)


# --- application secrets (framework keys) ----------------------------------------------------------------
def app_secrets(corpus):
    rng = rng_for("appsecrets")
    g = "appsecrets"

    def add(name, lines, provider, line):
        corpus.add(g, name, lines, True, provider, "app-secret", line=line)

    add("configuration.yml", ["identity_validation:", "  reset_password:", f"    jwt_secret: '{rand(rng, ALNUM, 64)}'",  # vaultsweep:allow (template or fixed fragment: the secret value is drawn at generation time)
                              "session:", "  cookies:", "    - domain: acme.io"], "authelia", 3)
    add(".env.production", ["LOCAL_DOMAIN=social.acme.io", f"OTP_SECRET={rand(rng, HEX, 128)}", "SMTP_PORT=587"], "mastodon", 2)
    add("outline.env", ["URL=https://wiki.acme.io", f"SECRET_KEY={rand(rng, HEX, 64)}", "PORT=3000"], "outline", 2)  # vaultsweep:allow (template: the value is drawn at generation time)
    add("directus.env", ["PUBLIC_URL=https://cms.acme.io", f"SECRET=\"{b64url_nopad(rbytes(rng, 32))}\"", "DB_CLIENT=pg"], "directus", 2)
    add("payload.env", ["DATABASE_URI=mongodb://mongo:27017/payload", f"PAYLOAD_SECRET={rand(rng, HEX, 48)}"], "payload", 2)
    add("auth.env", [f"BETTER_AUTH_SECRET={b64(rbytes(rng, 32))}", "BETTER_AUTH_URL=http://localhost:3000"], "better-auth", 1)
    add("lib/session.ts", ["export const sessionOptions: SessionOptions = {", f"  password: '{rand(rng, ALNUM, 40)}',",  # vaultsweep:allow (template: the value is drawn at generation time)
                           "  cookieName: 'acme_session',", "};"], "iron-session", 2)
    add("kratos.yml", ["secrets:", "  cookie:", f"    - {rand(rng, ALNUM, 32)}", "  cipher:", f"    - {rand(rng, ALNUM, 32)}"], "ory-kratos", 3)
    add("vaultwarden.env", ["DOMAIN=https://vault.acme.io", f"ADMIN_TOKEN={b64(rbytes(rng, 48))}"], "vaultwarden", 2)
    add("gitlab-secrets.json", ["{", '  "gitlab_rails": {', f'    "secret_key_base": "{rand(rng, HEX, 128)}",',  # vaultsweep:allow (template: the value is drawn at generation time)
                                f'    "db_key_base": "{rand(rng, HEX, 128)}",', f'    "otp_key_base": "{rand(rng, HEX, 128)}"', "  }", "}"], "gitlab-omnibus", 4)
    add("config/app_local.php", ["'Security' => [", f"    'salt' => env('SECURITY_SALT', '{rand(rng, HEX, 64)}'),", "],"], "cakephp", 2)
    add("codeigniter.env", ["CI_ENVIRONMENT = production", f"encryption.key = hex2bin:{rand(rng, HEX, 64)}"], "codeigniter", 2)
    add("config/web.php", ["'request' => [", f"    'cookieValidationKey' => '{rand(rng, URLSAFE, 32)}',", "],"], "yii2", 2)
    add("server.js", ["const app = new Koa();", f"app.keys = ['{rand(rng, ALNUM, 32)}', '{rand(rng, ALNUM, 32)}'];"], "koa", 2)
    add("application.properties", ["quarkus.http.port=8080", f"quarkus.http.auth.session.encryption-key={rand(rng, ALNUM, 32)}"], "quarkus", 2)
    add("application.yml", ["micronaut:", "  security:", "    token:", "      jwt:", "        signatures:", "          secret:",
                            "            generator:", f'              secret: "{rand(rng, ALNUM, 48)}"'], "micronaut", 8)  # vaultsweep:allow (template: the value is drawn at generation time)


# --- realistic generated secrets -------------------------------------------------------------------------
PM_SYMBOLS = "!@#$%^&*-_"


def pm_secret(rng):
    """A password-manager value: 20-32 alphanumerics with one or two symbols inside."""
    n = rng.randrange(20, 33)
    v = list(rand(rng, ALNUM, n))
    for _ in range(rng.choice((1, 2))):
        v[rng.randrange(1, n - 1)] = rng.choice(PM_SYMBOLS)
    return "".join(v)


def apple_style(rng):
    """Apple/1Password 'strong password' style: three groups of six joined by dashes, one digit, one capital."""
    groups = [rand(rng, LOWER, 6) for _ in range(3)]
    gi = rng.randrange(3)
    w = list(groups[gi])
    w[rng.randrange(6)] = rng.choice(DIGITS)
    groups[gi] = "".join(w)
    flat = list("-".join(groups))
    k = rng.choice([i for i, c in enumerate(flat) if c.isalpha()])
    flat[k] = flat[k].upper()
    return "".join(flat)


GEN_KINDS = [
    ("pm-symbols", pm_secret),
    ("openssl-base64-32", lambda rng: b64(rbytes(rng, 32))),
    ("openssl-hex-32", lambda rng: rbytes(rng, 32).hex()),
    ("pm-dashed", apple_style),
    ("base64url-32", lambda rng: b64url_nopad(rbytes(rng, 32))),
]


def gen_containers():
    return [
        lambda n, v: (".env", ["APP_ENV=production", f"{n}={v}"]),
        lambda n, v: ("values.yaml", ["app:", f"  {camel(n)}: \"{v}\""]),
        lambda n, v: ("config.json", ["{", f'  "{camel(n)}": "{v}",', '  "port": 8080', "}"]),
        lambda n, v: ("settings.py", [f"{n} = \"{v}\""]),
    ]


def generated(corpus):
    rng = rng_for("generated")
    names = ["WEBHOOK_SECRET", "SESSION_SECRET", "ENCRYPTION_KEY", "JWT_SECRET", "DB_PASSWORD", "ADMIN_PASSWORD",  # vaultsweep:allow (template or fixed fragment: the secret value is drawn at generation time)
             "REDIS_PASSWORD", "CLIENT_SECRET", "SIGNING_SECRET", "API_SECRET", "SMTP_PASSWORD", "COOKIE_SECRET",
             "MASTER_KEY", "APP_SECRET", "HMAC_SECRET", "SERVICE_PASSWORD", "TOKEN_SECRET", "RABBITMQ_PASSWORD",
             "POSTGRES_PASSWORD", "SECRET_KEY"]
    conts = gen_containers()
    i = 0
    for form, fn in GEN_KINDS:
        for c in conts:
            v = fn(rng)
            if form == "pm-symbols" and "$" in v and c is conts[0]:
                v = v.replace("$", "#")
            name, lines = c(names[i], v)
            corpus.add("generated", name, lines, True, "generic", form, marker=v)
            i += 1


# --- passwords outside name = value ---------------------------------------------------------------------
SHELL_SQ = "'"
DQ = '"\\$`!'
BARE = "#;:,\"' $\\{}&|<>%"
BATCH = '"%^&|<>! '
XML = "&<>\"'"

PASSWORD_FORMS = [
    # admin CLIs
    ("chpasswd", "provision.sh", SHELL_SQ + ":", lambda p, q: [f"echo 'deploy:{p}' | chpasswd"]),
    ("rpcclient-U", "enum.sh", SHELL_SQ + "%", lambda p, q: [f"rpcclient -U 'ACME\\svc_audit%{p}' 10.0.4.12 -c enumdomusers"]),
    ("rdesktop-p", "rdp.sh", SHELL_SQ, lambda p, q: [f"rdesktop -u Administrator -p '{p}' -g 1280x800 10.0.4.20"]),
    ("openconnect-stdin", "vpn.sh", SHELL_SQ, lambda p, q: [f"echo '{p}' | openconnect --user=alice --passwd-on-stdin vpn.acme.io"]),
    ("skopeo-dest-creds", "mirror.sh", SHELL_SQ + ":", lambda p, q: [f"skopeo copy docker://alpine:3.20 docker://registry.acme.io/base/alpine:3.20 --dest-creds 'ci:{p}'"]),
    ("argocd-login", "argocd.sh", SHELL_SQ, lambda p, q: [f"argocd login argocd.acme.io --username admin --password '{p}' --grpc-web"]),
    ("oc-login", "openshift.sh", SHELL_SQ, lambda p, q: [f"oc login https://api.ocp.acme.io:6443 -u developer -p '{p}'"]),
    ("db2-connect-using", "db2.sh", SHELL_SQ, lambda p, q: [f"db2 connect to SAMPLE user db2inst1 using '{p}'"]),
    ("cypher-shell-p", "graph.sh", SHELL_SQ, lambda p, q: [f"cypher-shell -a neo4j://graph01:7687 -u neo4j -p '{p}' 'MATCH (n) RETURN count(n)'"]),
    ("wp-cli-user-pass", "wp-setup.sh", SHELL_SQ, lambda p, q: [f"wp user create editor editor@acme.io --role=editor --user_pass='{p}'"]),
    ("dsadd-pwd", "users.bat", BATCH, lambda p, q: [f'dsadd user "CN=svc_sync,OU=Service,DC=acme,DC=local" -pwd "{p}" -mustchpwd no']),
    ("apksigner-ks-pass", "sign.sh", SHELL_SQ, lambda p, q: [f"apksigner sign --ks release.jks --ks-pass 'pass:{p}' app-release.apk"]),
    ("security-unlock-keychain", "ci-keychain.sh", SHELL_SQ, lambda p, q: [f"security unlock-keychain -p '{p}' build.keychain"]),
    # client-library calls
    ("impacket-smb-login", "smb.py", DQ, lambda p, q: ['conn = SMBConnection("fs01", "10.0.4.12")', f'conn.login("svc_backup", "{p}", "ACME")']),
    ("keyring-set-password", "store.py", DQ, lambda p, q: [f'keyring.set_password("acme-vpn", "alice", "{p}")']),
    ("ldap3-connection", "directory.py", DQ, lambda p, q: [f'conn = Connection(server, "cn=admin,dc=acme,dc=io", "{p}", auto_bind=True)']),
    ("jsch-setpassword", "Transfer.java", DQ, lambda p, q: ['Session session = jsch.getSession("deploy", "files.acme.io", 22);', f'session.setPassword("{p}");']),
    ("jndi-security-credentials", "Ldap.java", DQ, lambda p, q: ['env.put(Context.SECURITY_PRINCIPAL, "cn=admin,dc=acme,dc=io");',
                                                               f'env.put(Context.SECURITY_CREDENTIALS, "{p}");']),
    ("sshnet-client", "Deploy.cs", DQ, lambda p, q: [f'using var client = new SshClient("web01.acme.io", "deploy", "{p}");']),
    ("nats-userinfo", "bus.go", DQ, lambda p, q: [f'nc, err := nats.Connect("nats://bus.acme.io:4222", nats.UserInfo("svc", "{p}"))']),
    ("ldapjs-bind", "ldap.js", SHELL_SQ + "\\", lambda p, q: [f"client.bind('cn=admin,dc=acme,dc=io', '{p}', (err) => {{", "  if (err) throw err;", "});"]),
    ("sequelize-ctor", "db.js", SHELL_SQ + "\\", lambda p, q: [f"const sequelize = new Sequelize('shop', 'app', '{p}', {{ host: 'db01', dialect: 'mariadb' }});"]),
    ("php-redis-auth", "cache.php", SHELL_SQ + "\\", lambda p, q: ["$redis = new Redis();", "$redis->connect('cache01', 6379);", f"$redis->auth('{p}');"]),
    ("ruby-net-ldap-auth", "ldap.rb", DQ + "#", lambda p, q: ['ldap = Net::LDAP.new(host: "ldap.acme.io", port: 636)', f'ldap.auth "cn=admin,dc=acme,dc=io", "{p}"']),
    ("rust-ssh2-userauth", "ssh.rs", DQ, lambda p, q: [f'sess.userauth_password("deploy", "{p}")?;']),
    # server and network configuration
    ("ppp-chap-secrets", "chap-secrets", BARE, lambda p, q: ["# client  server  secret  IP addresses", f"alice   *   \"{p}\"   *"]),
    ("ipsec-secrets-psk", "ipsec.secrets", BARE, lambda p, q: [f'203.0.113.10 198.51.100.7 : PSK "{p}"']),
    ("openvpn-auth-user-pass", "auth.txt", BARE, lambda p, q: ["vpnuser", p]),
    ("rsyncd-secrets", "rsyncd.secrets", BARE, lambda p, q: [f"backup:{p}"]),
    ("fstab-cifs", "fstab", BARE + "=", lambda p, q: [f"//fs01/share /mnt/share cifs username=svc_scan,password={p},vers=3.0 0 0"]),
    ("freeradius-users", "users", BARE, lambda p, q: [f'alice   Cleartext-Password := "{p}"']),
    ("snmp-community", "core01.cfg", BARE, lambda p, q: ["hostname core01", f"snmp-server community {p} RO 10"]),
    ("apache-ldap-bind-password", "ldap-auth.conf", BARE, lambda p, q: ['AuthLDAPBindDN "cn=apache,ou=svc,dc=acme,dc=io"', f'AuthLDAPBindPassword "{p}"']),
    ("msmtprc", ".msmtprc", BARE, lambda p, q: ["account default", "host smtp.acme.io", "user alerts@acme.io", f"password {p}"]),
    # SQL
    ("mssql-linkedsrvlogin", "links.sql", SHELL_SQ, lambda p, q: [f"EXEC sp_addlinkedsrvlogin @rmtsrvname = N'LEGACY', @useself = N'False', @rmtuser = N'app', @rmtpassword = N'{p}';"]),
    ("mssql-create-credential", "credential.sql", SHELL_SQ, lambda p, q: [f"CREATE CREDENTIAL BackupCred WITH IDENTITY = 'svc_backup', SECRET = '{p}';"]),
    # UI tests
    ("playwright-fill", "login.spec.ts", SHELL_SQ + "\\", lambda p, q: ["await page.fill('#email', 'qa@acme.io');", f"await page.fill('#password', '{p}');"]),
    ("puppeteer-type", "login.js", SHELL_SQ + "\\", lambda p, q: [f"await page.type('input[type=password]', '{p}');"]),
    ("selenium-py-send-keys", "test_login.py", DQ, lambda p, q: [f'driver.find_element(By.ID, "password").send_keys("{p}")']),
    ("gherkin-step", "login.feature", DQ, lambda p, q: ["Scenario: Admin logs in", f'  When I log in as "admin" with password "{p}"']),
    # URLs
    ("sftp-url", "sync.env", "", lambda p, q: [f"BACKUP_TARGET=sftp://backup:{q}@files.acme.io:22/srv/backups"]),
    ("davs-url", "rclone.sh", "", lambda p, q: [f"duplicity /srv/data davs://alice:{q}@dav.acme.io/remote.php/webdav/backup"]),
    ("https-userinfo-elastic", "logstash.env", "", lambda p, q: [f"ES_URL=https://elastic:{q}@es01.acme.io:9200"]),
    # prose
    ("readme-default-login", "README.md", "`", lambda p, q: ["## Staging", f"Log in at https://staging.acme.io with `admin` / `{p}`."]),
    ("email-temporary-password", "welcome.eml", BARE, lambda p, q: ["Subject: Your new account", "", "Username: j.doe",
                                                                   f"Temporary password: {p}", "You will be asked to change it."]),
]
URL_FORMS = ("sftp-url", "davs-url", "https-userinfo-elastic")


def draw_password(rng, form, drop):
    while True:
        p = human_password(rng, reserved="@:/%#;" if form in URL_FORMS else "")
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
    corpus.labels[-1]["end_line"] = next(i for i, ln in enumerate(lines, 1) if i > first and (DASH5 + "END" in ln or "---- END" in ln))


def pkcs8_raw(oid, raw):
    return der_seq(der_int(0), der_seq(der_oid(oid)), der_octets(der_octets(raw)))


def ec_sec1(rng, curve_oid, n, pub_n):
    return der_seq(der_int(1), der_octets(rbytes(rng, n)), der(0xA0, der_oid(curve_oid)),
                   der(0xA1, der(0x03, b"\x00\x04" + rbytes(rng, pub_n))))


def ec_pkcs8(rng, curve_oid, n):
    inner = der_seq(der_int(1), der_octets(rbytes(rng, n)))
    return der_seq(der_int(0), der_seq(der_oid("1.2.840.10045.2.1"), der_oid(curve_oid)), der_octets(inner))


def b64_int(v):
    return b64(v.to_bytes((v.bit_length() + 7) // 8, "big"))


def openssh_rsa(rng, k, comment="deploy@ci"):
    kt = "ssh-rsa"
    pub = ssh_string(kt) + ssh_mpint(k["e"]) + ssh_mpint(k["n"])
    chk = rbytes(rng, 4)
    priv = (chk + chk + ssh_string(kt) + ssh_mpint(k["n"]) + ssh_mpint(k["e"]) + ssh_mpint(k["d"])
            + ssh_mpint(pow(k["q"], -1, k["p"])) + ssh_mpint(k["p"]) + ssh_mpint(k["q"]) + ssh_string(comment))
    i = 1
    while len(priv) % 8:
        priv += bytes([i])
        i += 1
    blob = (b"openssh-key-v1\0" + ssh_string("none") + ssh_string("none") + ssh_string(b"") + (1).to_bytes(4, "big")
            + ssh_string(pub) + ssh_string(priv))
    return pem_armor("OPENSSH PRIVATE KEY", blob, width=70)


def base36(rng, n):
    return rand(rng, DIGITS + LOWER, n)


def structured(corpus):
    rng = rng_for("structured")
    g = "structured"
    # modern curves in PKCS#8
    add_block(corpus, g, "x25519.pem", pem_armor("PRIVATE KEY", pkcs8_raw("1.3.101.110", rbytes(rng, 32))), "private-key", "x25519-pkcs8", 1)  # vaultsweep:allow (template: the value is drawn at generation time)
    add_block(corpus, g, "ed448.key", pem_armor("PRIVATE KEY", pkcs8_raw("1.3.101.113", rbytes(rng, 57))), "private-key", "ed448-pkcs8", 1)  # vaultsweep:allow (template: the value is drawn at generation time)
    add_block(corpus, g, "server.key", pem_armor("EC PRIVATE KEY", ec_sec1(rng, "1.3.132.0.34", 48, 96)), "private-key", "ec-p384-sec1", 1)
    add_block(corpus, g, "validator.pem", pem_armor("PRIVATE KEY", ec_pkcs8(rng, "1.3.132.0.10", 32)), "private-key", "secp256k1-pkcs8", 1)  # vaultsweep:allow (template: the value is drawn at generation time)
    # RSA PKCS#8 in a Go raw string
    k = rsa_key(rng, 1024)
    pem = pem_armor("PRIVATE KEY", rsa_pkcs8_der(k))
    lines = ["package testdata", "", "const signingKey = `" + pem[0]] + pem[1:-1] + [pem[-1] + "`"]
    add_block(corpus, g, "keys.go", lines, "private-key", "rsa-pkcs8-go-raw-string", 3)
    # .NET RSA XML private key
    k = rsa_key(rng, 1024)
    p, q = k["p"], k["q"]
    xml = (f"<RSAKeyValue><Modulus>{b64_int(k['n'])}</Modulus><Exponent>AQAB</Exponent><P>{b64_int(p)}</P><Q>{b64_int(q)}</Q>"
           f"<DP>{b64_int(k['d'] % (p - 1))}</DP><DQ>{b64_int(k['d'] % (q - 1))}</DQ><InverseQ>{b64_int(pow(q, -1, p))}</InverseQ>"
           f"<D>{b64_int(k['d'])}</D></RSAKeyValue>")
    corpus.add(g, "private.xml", [xml], True, "private-key", "dotnet-rsa-xml", line=1)
    # OpenSSH RSA
    add_block(corpus, g, "id_rsa", openssh_rsa(rng, rsa_key(rng, 1024)), "private-key", "openssh-rsa", 1)
    # SSH.com (SECSH) encrypted private key
    blob = bytes.fromhex("3f6ff9eb") + len(b"").to_bytes(4, "big") + ssh_string("if-modn{sign{rsa-pkcs1-sha1},encrypt{rsa-pkcs1v2-oaep}}") + ssh_string("3des-cbc") + rbytes(rng, 620)
    body = b64(blob)
    lines = ["---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----", 'Comment: "rsa-key-20240611"'] + [body[i:i + 70] for i in range(0, len(body), 70)] + ["---- END SSH2 ENCRYPTED PRIVATE KEY ----"]
    add_block(corpus, g, "id_rsa.ssh2", lines, "private-key", "ssh2-secsh-encrypted", 1)
    # DNS: a TSIG key and a DNSSEC private key file
    corpus.add(g, "named.conf.keys", ['key "xfer-acme" {', "    algorithm hmac-sha256;", f'    secret "{b64(rbytes(rng, 32))}";', "};"],
               True, "bind", "tsig-key", line=3)
    corpus.add(g, "Kacme.io.+013+41772.private", ["Private-key-format: v1.3", "Algorithm: 13 (ECDSAP256SHA256)",
                                                  f"PrivateKey: {b64(rbytes(rng, 32))}", "Created: 20240611090000",
                                                  "Publish: 20240611090000", "Activate: 20240611090000"], True, "bind", "dnssec-private", line=3)
    # cluster shared secrets
    kf = b64(rbytes(rng, 567))
    corpus.add(g, "mongodb-keyfile", [kf[i:i + 76] for i in range(0, len(kf), 76)], True, "mongodb", "mongodb-keyfile", line=1)
    corpus.add(g, ".erlang.cookie", [rand(rng, UPPER, 20)], True, "erlang", "erlang-cookie", line=1)
    corpus.add(g, "consul.hcl", ['datacenter = "eu1"', 'data_dir = "/opt/consul"', f'encrypt = "{b64(rbytes(rng, 32))}"'], True, "consul", "consul-gossip-key", line=3)
    corpus.add(g, "encryption-config.yaml", ["apiVersion: apiserver.config.k8s.io/v1", "kind: EncryptionConfiguration", "resources:",
                                            "  - resources: [secrets]", "    providers:", "      - aescbc:", "          keys:", "            - name: key1",
                                            f"              secret: {b64(rbytes(rng, 32))}", "      - identity: {}"], True, "kubernetes", "k8s-encryption-config", line=9)
    corpus.add(g, "join-worker.sh", [f"docker swarm join --token SWMTKN-1-{base36(rng, 50)}-{base36(rng, 25)} 10.0.4.10:2377"],  # vaultsweep:allow (template or fixed fragment: the secret value is drawn at generation time)
               True, "docker", "swarm-join-token", line=1)
    corpus.add(g, "k3s-agent.env", ["K3S_URL=https://10.0.4.10:6443", f"K3S_TOKEN=K10{rand(rng, HEX, 64)}::server:{rand(rng, HEX, 32)}"],
               True, "k3s", "k3s-token", line=2)
    corpus.add(g, "join.sh", [f"kubeadm join 10.0.4.10:6443 --token {rand(rng, LOWALNUM, 6)}.{rand(rng, LOWALNUM, 16)} \\",
                              f"    --discovery-token-ca-cert-hash sha256:{rand(rng, HEX, 64)}"], True, "kubernetes", "kubeadm-token", line=1)
    corpus.add(g, "identity.secret", [f"{rand(rng, HEX, 10)}:0:{rand(rng, HEX, 128)}:{rand(rng, HEX, 128)}"], True, "zerotier", "zerotier-identity", line=1)
    add_block(corpus, g, "ca.key", pem_armor("NEBULA ED25519 PRIVATE KEY", rbytes(rng, 64)), "nebula", "nebula-ca-key", 1)
    corpus.add(g, "minisign.key", ["untrusted comment: minisign encrypted secret key",
                                   b64(b"Ed" + b"Sc" + b"B2" + rbytes(rng, 152))], True, "minisign", "minisign-secret-key", line=2)
    add_block(corpus, g, "cosign.key", pem_armor("ENCRYPTED SIGSTORE PRIVATE KEY", json.dumps(
        {"kdf": {"name": "scrypt", "params": {"N": 65536, "r": 8, "p": 1}, "salt": b64(rbytes(rng, 32))},
         "cipher": {"name": "nacl/secretbox", "nonce": b64(rbytes(rng, 24))}, "ciphertext": b64(rbytes(rng, 137))}).encode()),
        "sigstore", "cosign-encrypted-key", 1)
    # OpenVPN static key in an inline profile
    hexlines = [rand(rng, HEX, 32) for _ in range(16)]
    lines = ["client", "remote vpn.acme.io 1194", "key-direction 1", "<tls-auth>", "-----BEGIN OpenVPN Static key V1-----"] + hexlines + [
        "-----END OpenVPN Static key V1-----", "</tls-auth>"]
    add_block(corpus, g, "client.ovpn", lines, "openvpn", "openvpn-static-key", 5)
    # cloud SSO cache, state files, tool profiles
    doc = {"startUrl": "https://acme.awsapps.com/start", "region": "eu-west-1", "accessToken": "aoa" + rand(rng, URLSAFE, 200),
           "expiresAt": "2026-12-01T18:04:11Z", "clientId": rand(rng, URLSAFE, 22), "clientSecret": "eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0." + rand(rng, URLSAFE, 300),  # vaultsweep:allow (template or fixed fragment: the secret value is drawn at generation time)
           "refreshToken": "aor" + rand(rng, URLSAFE, 300)}
    lines = jlines(doc)
    corpus.add(g, f"{rand(rng, HEX, 40)}.json", lines, True, "aws", "aws-sso-cache", line=next(i for i, ln in enumerate(lines, 1) if "accessToken" in ln))
    pw = human_password(rng).replace('"', "").replace("\\", "")
    doc = {"version": 4, "terraform_version": "1.9.5", "resources": [{"mode": "managed", "type": "aws_db_instance", "name": "main",
                                                                     "instances": [{"attributes": {"identifier": "app-db", "username": "app", "password": pw}}]}]}
    lines = jlines(doc)
    corpus.add(g, "terraform.tfstate", lines, True, "terraform", "tfstate-password", line=next(i for i, ln in enumerate(lines, 1) if '"password"' in ln))
    lines = ["Unseal Key 1: " + b64(rbytes(rng, 33)), "Unseal Key 2: " + b64(rbytes(rng, 33)), "Unseal Key 3: " + b64(rbytes(rng, 33)), "",
             "Initial Root Token: hvs." + rand(rng, ALNUM, 24)]
    corpus.add(g, "vault-init.txt", lines, True, "vault", "vault-unseal-keys", line=1)
    pw = human_password(rng).replace('"', "")
    corpus.add(g, "profiles.yml", ["analytics:", "  target: prod", "  outputs:", "    prod:", "      type: postgres", "      host: warehouse.acme.io",
                                   "      user: dbt", f"      password: \"{pw}\"", "      dbname: analytics"], True, "dbt", "dbt-profiles", line=8)
    pw = human_password(rng).replace('"', "")
    corpus.add(g, "config", ["[connections.prod]", "accountname = acme-eu1", "username = LOADER", f'password = "{pw}"', "warehousename = LOAD_WH"],
               True, "snowflake", "snowsql-config", line=4)


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
    if "{uuid}" in spec:
        u = uuid4(rng)
        head, tail = u[:24], u[24:]
        tail = mutate(rng, tail, kind, HEX, lo=1)
        return spec.replace("{uuid}", head + tail)
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
        if row[0] == "tinybird":
            v = "P." + v[2:]
        elif row[0] == "qstash":
            v = "EyJ" + v[3:]  # no longer base64 of a JSON object
        elif row[0] == "sumsub":
            v = "PRD:" + v[4:]
        else:
            v = swap_prefix_case(v)
        place(corpus, g, rng, s, v, False, row[0], "near-miss-prefix-case", NAMED)
    # long-tail keys one character off, twice per service
    for row in F.LONGTAIL:
        for kind in rng.sample(["short", "long", "outside"], 2):
            if row[5] in ("{uuid}", "{UUID}"):
                v = gen_spec(rng, row[5])
                if kind == "short":
                    v = v[:-1]
                elif kind == "long":
                    v = v + rng.choice(HEX if row[5] == "{uuid}" else UHEX)
                else:
                    v = v[:20] + ("g" if row[5] == "{uuid}" else "G") + v[21:]
            else:
                v = near_fixed(rng, row[5], kind)
            place(corpus, g, rng, svc(row), v, False, row[0], f"near-miss-longtail-{kind}", NAMED)
    # wrong checksums
    gh = dict(id="github", name="GitHub", env="GITHUB_TOKEN", host="api.github.com")
    for prefix in ("gho_", "ghs_", "ghp_", "npm_"):
        body = rand(rng, ALNUM, 30)
        good = crc32_base62(body)
        bad = good[:-2] + ("zz" if good[-2:] != "zz" else "yy")
        place(corpus, g, rng, gh, prefix + body + bad, False, "github", "near-miss-checksum", NAMED)
    # structured: a swarm token with its secret part one short, a kubeadm token one long
    corpus.add(g, "join-worker.sh", [f"docker swarm join --token SWMTKN-1-{base36(rng, 50)}-{base36(rng, 24)} 10.0.4.10:2377"],  # vaultsweep:allow (template or fixed fragment: the secret value is drawn at generation time)
               False, "docker", "near-miss-structured")
    corpus.add(g, "join.sh", [f"kubeadm join 10.0.4.10:6443 --token {rand(rng, LOWALNUM, 6)}.{rand(rng, LOWALNUM, 17)}"],
               False, "kubernetes", "near-miss-structured")


# --- negatives: placeholders -----------------------------------------------------------------------------------
def built(rng, n, alphabet, style):
    if style == "run":
        base = "0123456789abcdef" if alphabet in (HEX,) else ("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" if alphabet in (UPALNUM, UHEX)
                                                            else "abcdefghijklmnopqrstuvwxyz0123456789")
        return ((base * 10)[rng.randrange(3):])[:n]
    if style == "countdown":
        return (("fedcba9876543210" if alphabet == HEX else "zyxwvutsrqponmlkjihgfedcba9876543210") * 8)[:n]
    if style == "alternate":
        return (("a0" if alphabet in (HEX, LOWALNUM, DIGITS) else "Ab") * 80)[:n]
    if style == "repeat":
        return (rand(rng, alphabet if alphabet not in (B64, BASE58) else ALNUM, 5) * 60)[:n]
    if style == "filler":
        return ("0" if alphabet in (HEX, DIGITS) else "X") * n
    if style == "word":
        return (("YOURKEYHERE" if alphabet in (UPALNUM,) else "your_key_here_" if alphabet not in (HEX, DIGITS) else "deadbeef") * 40)[:n]
    raise ValueError(style)


STYLES = ["run", "countdown", "alternate", "repeat", "filler", "word"]


def placeholders(corpus):
    rng = rng_for("placeholders")
    g = "placeholders"
    n = 0
    for row in F.PREFIXED:
        spec = row[5]
        if not re.search(SEG, spec) or "{uuid}" in spec:
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
        v = row[5].replace("{uuid}", uuids[style])
        v = re.sub(SEG, lambda m: built(rng, int(m.group(2)), spec_alpha(m.group(1)), style), v)
        place(corpus, g, rng, svc(row), v, False, row[0], f"ph-{style}", NAMED)
    rows = F.PREFIXED + [r + (False,) for r in F.LONGTAIL]
    docs = [lambda s: "op://Production/" + s["id"] + "/credential", lambda s: "${{ secrets." + s["env"] + " }}",
            lambda s: "$(params." + kebab(s) + "-api-key)", lambda s: "%env(" + s["env"] + ")%", lambda s: "{{ .Values." + camel(s["env"]) + " }}",
            lambda s: "vault:secret/data/" + s["id"] + "#api_key", lambda s: "__" + s["env"] + "__", lambda s: "@@" + s["env"] + "@@",
            lambda s: "${" + s["env"] + ":?must be set}", lambda s: "<insert " + s["name"] + " key>", lambda s: "sm://projects/acme/secrets/" + kebab(s),
            lambda s: "PLACEHOLDER", lambda s: "replace-with-real-key", lambda s: "sample-api-key", lambda s: "000000",
            lambda s: "NOT_A_REAL_KEY", lambda s: "[[" + s["env"].lower() + "]]", lambda s: "<<" + s["env"] + ">>"]
    for fn in docs:
        row = rng.choice(rows)
        s = svc(row)
        place(corpus, g, rng, s, fn(s), False, row[0], "ph-doc", NAMED)
    # ciphertexts that are meant to be committed (kinds not used before)
    for _ in range(2):
        row = rng.choice(rows)
        s = svc(row)
        corpus.add(g, "application.yml", [f"{camel(ident(s))}:", f"  api-key: ENC({b64(rbytes(rng, 48))})"], False, row[0], "ph-encrypted")
        corpus.add(g, "credentials.yml.enc", [f"{b64(rbytes(rng, 180))}--{b64(rbytes(rng, 12))}--{b64(rbytes(rng, 16))}"], False, row[0], "ph-encrypted")
        corpus.add(g, "transit.json", ["{", f'  "{camel(s["env"])}": "vault:v1:{b64(rbytes(rng, 60))}"', "}"], False, row[0], "ph-encrypted")
    pw_forms = [lambda w: [f"oc login https://api.ocp.acme.io:6443 -u developer -p '{w}'"],
                lambda w: [f'conn.login("svc_backup", "{w}", "ACME")'],
                lambda w: [f'alice   Cleartext-Password := "{w}"'],
                lambda w: [f"await page.fill('#password', '{w}');"],
                lambda w: [f"CREATE CREDENTIAL BackupCred WITH IDENTITY = 'svc_backup', SECRET = '{w}';"]]
    for i, w in enumerate(["<password>", "${ADMIN_PASSWORD}", "changeme", "{{ radius_password }}", "$(cat /run/secrets/backup_pw)",
                           "********", "REPLACE_ME", "%SVC_PASSWORD%", "password123", "<%= @password %>"]):
        corpus.add(g, "snippet.txt", pw_forms[i % len(pw_forms)](w), False, "password", "ph-password")


# --- negatives: identifiers and public material ---------------------------------------------------------------
def b32nix(rng, n):
    return rand(rng, "0123456789abcdfghijklmnpqrsvwxyz", n)


def identifiers(corpus):
    rng = rng_for("identifiers")
    h = lambda n: rand(rng, HEX, n)  # noqa: E731
    u = lambda n: rand(rng, URLSAFE, n)  # noqa: E731

    def wg_peer():
        return ["[Peer]", f"# {rng.choice(['laptop', 'phone', 'office'])}", f"PublicKey = {b64(rbytes(rng, 32))}",
                "AllowedIPs = 10.8.0.2/32", "Endpoint = vpn.acme.io:51820"]

    def known_hosts():
        return [f"|1|{b64(rbytes(rng, 20))}|{b64(rbytes(rng, 20))} ssh-ed25519 {b64(ssh_string('ssh-ed25519') + ssh_string(rbytes(rng, 32)))}"
                for _ in range(2)]

    def cosign_pub():
        k = rsa_key(rng, 1024)
        return pem_armor("PUBLIC KEY", rsa_spki_der(k))

    cases = [
        ("lock-hash", "flake.lock", lambda: ['    "nixpkgs": {', '      "locked": {', f'        "narHash": "sha256-{b64(rbytes(rng, 32))}",',
                                             f'        "rev": "{h(40)}",', '        "type": "github"', "      }", "    }"]),
        ("lock-hash", "uv.lock", lambda: ["[[package]]", 'name = "httpx"', 'version = "0.28.1"',
                                          f'sdist = {{ url = "https://files.pythonhosted.org/packages/httpx-0.28.1.tar.gz", hash = "sha256:{h(64)}" }}']),
        ("lock-hash", ".terraform.lock.hcl", lambda: ['provider "registry.terraform.io/hashicorp/aws" {', '  version = "5.72.1"', "  hashes = [",
                                                      f'    "h1:{b64(rbytes(rng, 32))}",', f'    "zh:{h(64)}",', "  ]", "}"]),
        ("lock-hash", "Package.resolved", lambda: ['      "identity" : "swift-argument-parser",', '      "state" : {',
                                                   f'        "revision" : "{h(40)}",', '        "version" : "1.5.0"', "      }"]),
        ("nix-store-path", "build.log", lambda: [f"building '/nix/store/{b32nix(rng, 32)}-acme-api-1.4.2.drv'...",
                                                 f"/nix/store/{b32nix(rng, 32)}-openssl-3.0.14"]),
        ("checksum", "SHA256SUMS", lambda: [f"{h(64)}  vaultsweep-x86_64-linux.tar.gz", f"{h(64)}  vaultsweep-aarch64-darwin.tar.gz"]),
        ("checksum", "cert.txt", lambda: ["SHA256 Fingerprint=" + ":".join(h(2).upper() for _ in range(32))]),
        ("public-key", "wg0.conf", wg_peer),
        ("public-key", "known_hosts", known_hosts),
        ("public-key", "cosign.pub", cosign_pub),
        ("public-key", ".sops.yaml", lambda: ["creation_rules:", "  - path_regex: secrets/.*\\.yaml$",
                                              f"    age: {bech32_encode('age', to5(rbytes(rng, 32)))}"]),
        ("public-key", "minisign.pub", lambda: ["untrusted comment: minisign public key " + h(16).upper(), b64(b"Ed" + rbytes(rng, 40))]),
        ("public-key", "root.json", lambda: ['  "keys": {', f'    "{h(64)}": {{', '      "keytype": "ed25519",', '      "scheme": "ed25519",',
                                             f'      "keyval": {{ "public": "{h(64)}" }}', "    }", "  }"]),
        ("client-id", "amplify.json", lambda: ['{ "Auth": { "Cognito": {', f'  "userPoolId": "eu-west-1_{rand(rng, ALNUM, 9)}",',
                                               f'  "userPoolClientId": "{rand(rng, LOWALNUM, 26)}",', f'  "identityPoolId": "eu-west-1:{uuid4(rng)}"', "} } }"]),
        ("client-id", "auth0.ts", lambda: ["export const auth0 = {", "  domain: 'acme.eu.auth0.com',", f"  clientId: '{rand(rng, ALNUM, 32)}',", "};"]),
        ("client-id", "msal.ts", lambda: ["auth: {", f"  clientId: '{uuid4(rng)}',", f"  authority: 'https://login.microsoftonline.com/{uuid4(rng)}',", "}"]),
        ("publishable-key", "rum.js", lambda: ["datadogRum.init({", f"  applicationId: '{uuid4(rng)}',", f"  clientToken: 'pub{h(32)}',", "  site: 'datadoghq.eu',", "});"]),
        ("publishable-key", "contact.html", lambda: [f'<div class="g-recaptcha" data-sitekey="6L{rand(rng, URLSAFE, 38)}"></div>']),
        ("publishable-key", "chat.js", lambda: [f'window.$crisp=[];window.CRISP_WEBSITE_ID="{uuid4(rng)}";',
                                                f"Tawk_API.load('{h(24)}', 'default');"]),
        ("publishable-key", "flags.ts", lambda: [f"const ldClient = initialize('{h(24)}', context);"]),
        ("object-id", "videos.json", lambda: ["[", f'  {{ "youtubeId": "{u(11)}", "title": "Rotating API keys" }},',
                                              f'  {{ "spotifyTrack": "{rand(rng, ALNUM, 22)}" }}', "]"]),
        ("object-id", "messages.json", lambda: [f'{{ "guild_id": "{rng.randrange(10**17, 10**18)}", "channel_id": "{rng.randrange(10**17, 10**18)}" }}']),
        ("object-id", "firebase-export.json", lambda: ['{ "posts": {', f'  "-{rand(rng, URLSAFE, 19)}": {{ "title": "Token bucket" }}', "} }"]),
        ("request-id", "cloudtrail.json", lambda: ["{", f'  "eventID": "{uuid4(rng)}",', f'  "requestID": "{rand(rng, UPALNUM, 16)}",',
                                                   '  "eventName": "GetSecretValue",', f'  "userIdentity": {{ "accountId": "{rng.randrange(10**11, 10**12)}" }}', "}"]),
        ("request-id", "trace.log", lambda: [f"traceparent: 00-{h(32)}-{h(16)}-01", f"x-request-id: {uuid4(rng)}"]),
        ("git-sha", "CHANGELOG.md", lambda: [f"- Rotate Plex token handling ([{h(7)}](https://github.com/acme/media/commit/{h(40)}))"]),
        ("git-sha", ".gitmodules.lock", lambda: [f"{h(40)} vendor/netbox-client (v4.1.0)", f"{h(40)} vendor/redmine-sdk (v2.3.1)"]),
        ("asset-hash", "manifest.json", lambda: ["{", f'  "main.js": "/static/js/main.{h(8)}.js",', f'  "main.css": "/static/css/main.{h(8)}.css"', "}"]),
        ("asset-hash", "sw.js", lambda: [f'precacheAndRoute([{{ url: "/index.html", revision: "{h(32)}" }}]);']),
        ("password-hash", "users.yml", lambda: ["- username: admin", f"  password_hash: $argon2id$v=19$m=65536,t=3,p=4${b64(rbytes(rng, 16)).rstrip('=')}${b64(rbytes(rng, 32)).rstrip('=')}"]),
        ("encoded-text", "fixtures.py", lambda: [f'GREETING_B64 = "{b64(rng.choice([b"Hello from the token service, have a nice day!", b"The quick brown fox jumps over the lazy dog again"]))}"']),
        ("uuid-id", "grafana-dashboard.json", lambda: ['  "datasource": {', '    "type": "prometheus",', f'    "uid": "{rand(rng, LOWALNUM, 14)}"', "  },", f'  "uid": "{rand(rng, ALNUM, 9)}"']),
        ("uuid-id", "workspace.xml", lambda: [f'<component name="ProjectId" id="{rand(rng, ALNUM, 27)}" />', f'<option name="configurationId" value="{uuid4(rng)}" />']),
        ("image-ref", "compose.lock.yml", lambda: [f"image: ghcr.io/acme/netbox-sync@sha256:{h(64)}"]),
        ("public-cert", "ca.crt", lambda: pem_armor("CERTIFICATE", der_seq(der_seq(der(0xA0, der_int(2)), der_int(rng.getrandbits(64)),
                                                                                        der_seq(der_oid("1.2.840.113549.1.1.11"))), rbytes(rng, 300)))),
    ]
    for _ in range(2):
        for form, name, fn in cases:
            corpus.add("identifiers", name, fn(), False, "none", form)


ORDINARY = [
    ("tokenizer.rs", ["pub fn next_token(&mut self) -> Option<Token> {", "    self.skip_whitespace();", "    self.lex_one()", "}"]),
    ("keyboard.c", ["static const uint8_t keymap[KEY_COUNT] = { KEY_ESC, KEY_1, KEY_2, KEY_3 };"]),
    ("PasswordField.tsx", ["export function PasswordField({ value, onChange }: Props) {",
                           "  return <input type=\"password\" autoComplete=\"current-password\" value={value} onChange={onChange} />;", "}"]),
    ("secrets.go", ['func loadSecret(name string) (string, error) {', '\tb, err := os.ReadFile(filepath.Join("/run/secrets", name))',
                    "\treturn strings.TrimSpace(string(b)), err", "}"]),
    ("netbox.py", ['nb = pynetbox.api(os.environ["NETBOX_URL"], token=os.environ["NETBOX_TOKEN"])']),
    ("plex.env.example", ["PLEX_TOKEN=", "SONARR_API_KEY=", "RADARR_API_KEY=", "TAUTULLI_API_KEY="]),
    ("hash.py", ["def fingerprint(api_key: str) -> str:", "    return hashlib.sha256(api_key.encode()).hexdigest()[:12]"]),
    ("docker-compose.yml", ["services:", "  paperless:", "    environment:", "      PAPERLESS_SECRET_KEY_FILE: /run/secrets/paperless_key",
                            "    secrets: [paperless_key]"]),
    ("SecretRotation.md", ["# Rotating the Tinybird token", "1. Create a new token in the workspace UI.", "2. Store it with `vault kv put`.",
                           "3. Revoke the old token."]),
    ("PasswordValidator.java", ["if (password.length() < MIN_LENGTH) {", '    throw new ValidationException("password too short");', "}"]),
    ("keyring.rb", ["def api_key", "  @api_key ||= Rails.application.credentials.dig(:holded, :api_key)", "end"]),
    ("jwt.ts", ["const secret = new TextEncoder().encode(process.env.JWT_SECRET);", "const { payload } = await jwtVerify(token, secret);"]),
    ("ssh_config", ["Host bastion", "  HostName bastion.acme.io", "  User ops", "  IdentityFile ~/.ssh/id_ed25519"]),
    ("vault-policy.hcl", ['path "secret/data/daytona/*" {', '  capabilities = ["read"]', "}"]),
    ("token_bucket.py", ["class TokenBucket:", "    def __init__(self, rate, capacity):", "        self.tokens = capacity"]),
    ("api_keys.sql", ["ALTER TABLE api_keys ADD COLUMN revoked_at timestamptz;", "CREATE INDEX ON api_keys (prefix);"]),
    ("auth.proto", ["message LoginRequest {", "  string username = 1;", "  string password = 2;", "}"]),
    ("middleware.go", ['key := r.Header.Get("X-Api-Key")', 'if !store.Valid(key) { http.Error(w, "forbidden", 403); return }']),
    ("reset.html", ['<form method="post"><label>New password <input name="new_password" type="password"></label></form>']),
    ("sealed.sh", ["kubectl create secret generic plex --from-literal=token=\"$PLEX_TOKEN\" --dry-run=client -o yaml | kubeseal > sealed.yaml"]),
    ("settings.py", ["SECRET_KEY = os.environ['DJANGO_SECRET_KEY']", "DEBUG = False"]),
    ("Secrets.swift", ['let apiKey = Bundle.main.object(forInfoDictionaryKey: "FlightAwareApiKey") as? String ?? ""']),
    ("gen-key.sh", ["# generate a fresh session secret", "openssl rand -base64 32 > /run/secrets/session_secret"]),
    ("redact.js", ["export const redact = (s) => s.replace(/(api[_-]?key=)[^&]+/gi, '$1[REDACTED]');"]),
    ("Makefile", ["secrets:", "\t@op inject -i .env.tpl -o .env", "\t@echo 'wrote .env from 1Password'"]),
]


def ordinary(corpus):
    for name, lines in ORDINARY:
        corpus.add("ordinary", name, lines, False, "none", "ordinary-code")


def main():
    generate_main(__doc__, "/work/scratch/heldout8", [positives, app_secrets, generated, passwords, structured, near_misses,
                                                      placeholders, identifiers, ordinary])


if __name__ == "__main__":
    main()
