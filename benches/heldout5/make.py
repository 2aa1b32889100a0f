#!/usr/bin/env python3
"""Write the fifth held-out corpus (issue 14) and its labels.

    python3 benches/heldout5/make.py [DIR]        # default /work/scratch/heldout5

Shaped like the two hidden sets the issue is judged on: (a) scanner rule tests, short snippets of
one or a few lines per case with a real-looking token, negatives near misses or placeholders; and
(b) detector tests, a token next to its service's name in many small contexts, decoys a
one-character change of a real token. Written blind to vaultsweep's rules (`patterns/` and
`src/detect` unopened). Providers (formats.py) are the long tail heldouts 1-4 used little.
Deterministic; no token is written in this source, each is drawn at generation time.
"""

import base64
import json
import os
import random
import string
import sys
from urllib.parse import quote

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "heldout"))

import formats as F  # noqa: E402
from hcommon import (generate_main, ALNUM, HEX, UPALNUM, URLSAFE, LOWALNUM, crc32_base62, encrypted_pkcs8_der,  # noqa: E402
                     gen_spec, human_password, pem_armor, rand, rbytes, rsa_key, rsa_pkcs8_der, uuid4)

SEED = "vaultsweep-heldout5-v1"
B64 = ALNUM + "+/"


def rng_for(name):
    return random.Random(f"{SEED}/{name}")


def snake(env):
    return env.lower()


def camel(env):
    p = env.lower().split("_")
    return p[0] + "".join(x.capitalize() for x in p[1:])


def jstr(s):
    return json.dumps(s)[1:-1]


# --- contexts: (filename, lines) for a service s and value v ---------------------------------------
def k_env(s, v):
    return ".env", [f"{s['env']}={v}"]


def k_yaml_parent(s, v):
    return "config.yml", [f"{s['id'].replace('-', '_')}:", "  enabled: true", f"  token: {v}"]


def k_ini_section(s, v):
    return "settings.ini", [f"[{s['id'].replace('-', '')}]", f"url = https://{s['host']}", f"key = {v}"]


def k_detector_line(s, v):
    return "sample.txt", [f"{s['name'].lower().replace(' ', '')} secret: {v}"]


def k_go_test(s, v):
    return "detector_test.go", ["var (", f'\tvalidPattern = "{s["id"]} key = \'{v}\'"', ")"]


def k_python(s, v):
    return "settings.py", [f'{snake(s["env"])} = "{v}"']


def k_js(s, v):
    return "config.js", [f"const {camel(s['env'])} = '{v}';"]


def k_json(s, v):
    return "credentials.json", ["{", f'  "{s["id"]}": {{ "apiKey": "{v}" }}', "}"]


def k_escaped_env(s, v):
    return "task.json", ['{"containerOverrides": [{"envFile": "' + jstr(f"MODE=prod\n{s['env']}={v}\n") + '"}]}']


def k_xml(s, v):
    tag = "".join(x.capitalize() for x in s["id"].split("-")) + "ApiKey"
    return "app.config.xml", ["<settings>", f"  <{tag}>{v}</{tag}>", "</settings>"]


def k_log(s, v):
    return "worker.log", [f"2026-12-01 09:14:02,118 [DEBUG] {s['name']} client configured with key={v}"]


def k_text(s, v):
    return "HANDOVER.md", [f"The {s['name']} API key for prod is {v} (rotate after the launch)."]


def k_header(s, v):
    return "call.sh", [f'curl -s -H "Authorization: Bearer {v}" https://{s["host"]}/v1/status']


def k_cli(s, v):
    return "setup.sh", [f"{s['id']}-cli login --api-key {v}"]


def k_tf(s, v):
    return "main.tf", [f'provider "{s["id"].replace("-", "_")}" {{', f'  api_key = "{v}"', "}"]


def k_ruby(s, v):
    return "initializer.rb", [f"ENV['{s['env']}'] ||= '{v}'"]


def k_java(s, v):
    return "Keys.java", [f'    private static final String {s["env"]} = "{v}";']


def k_csharp(s, v):
    return "Startup.cs", [f'config["{s["name"].replace(" ", "")}:ApiKey"] = "{v}";']


def k_php(s, v):
    return "config.php", [f"define('{s['env']}', '{v}');"]


def k_k8s(s, v):
    return "secret.yaml", ["apiVersion: v1", "kind: Secret", "stringData:", f"  {s['env']}: \"{v}\""]


def k_docker_run(s, v):
    return "run.sh", [f"docker run -d -e {s['env']}={v} acme/worker:1.4"]


def k_md_table(s, v):
    return "credentials.md", ["| service | key |", "|---|---|", f"| {s['name']} | `{v}` |"]


def k_rust(s, v):
    return "config.rs", [f'const {s["env"]}: &str = "{v}";']


def k_toml(s, v):
    return "Config.toml", [f"[{s['id'].replace('-', '_')}]", f'secret = "{v}"']


NAMED = [k_env, k_yaml_parent, k_ini_section, k_detector_line, k_go_test, k_python, k_js, k_json, k_escaped_env,
         k_xml, k_log, k_text, k_header, k_cli, k_tf, k_ruby, k_java, k_csharp, k_php, k_k8s, k_docker_run,
         k_md_table, k_rust, k_toml]


def g_assign(s, v):
    return "const.py", [f'TOKEN = "{v}"']


def g_bearer(s, v):
    return "req.http", ["GET https://api.example.net/v2/me", f"Authorization: Bearer {v}"]


def g_bare(s, v):
    return "leak.txt", [v]


def g_list(s, v):
    return "fixtures.js", ["module.exports = [", f"  '{v}',", "];"]


GENERIC = [g_assign, g_bearer, g_bare, g_list]


def svc(row):
    return dict(id=row[0], name=row[2], env=row[3], host=row[4])


def place(corpus, group, rng, s, value, positive, provider, form, pool):
    name, lines = rng.choice(pool)(s, value)
    corpus.add(group, name, lines, positive, provider, form, marker=value if positive else None)


# --- positives ---------------------------------------------------------------------------------------
def positives(corpus):
    rng = rng_for("prefixed")
    for row in F.PREFIXED:
        for i in range(3):
            pool = GENERIC if i == 2 and not row[5].startswith("{") else NAMED
            place(corpus, "prefixed", rng, svc(row), gen_spec(rng, row[5]), True, row[0], row[1], pool)
    rng = rng_for("longtail")
    for row in F.LONGTAIL:
        for _ in range(3):
            place(corpus, "longtail", rng, svc(row), gen_spec(rng, row[5]), True, row[0], row[1], NAMED)
    rng = rng_for("checksummed")
    gh = dict(id="github", name="GitHub", env="GH_TOKEN", host="api.github.com")
    for prefix in ("ghp_", "ghs_", "ghu_", "npm_"):
        for _ in range(2):
            body = rand(rng, ALNUM, 30)
            place(corpus, "prefixed", rng, gh, prefix + body + crc32_base62(body), True,
                  "npm" if prefix == "npm_" else "github", "checksummed", GENERIC + NAMED[:6])


# --- passwords outside name = value -------------------------------------------------------------------
PASSWORD_FORMS = [
    ("c-strcmp", "auth.c", lambda p, q: [f'if (strcmp(input, "{p}") == 0) {{', "    grant();", "}"]),
    ("kotlin-compare", "Login.kt", lambda p, q: [f'if (pwd == "{p}") return true']),
    ("bash-test", "gate.sh", lambda p, q: [f'if [ "$ADMIN_PASS" = "{p}" ]; then', "  echo ok", "fi"]),
    ("java-equals-field", "Auth.java", lambda p, q: [f'return password.equals("{p}");']),
    ("py-assert-login", "test_login.py", lambda p, q: [f'client.login(username="admin", password="{p}")']),
    ("psycopg2", "etl.py", lambda p, q: [f'conn = psycopg2.connect(host="db01", dbname="dw", user="etl", password="{p}")']),
    ("mysql-connector", "load.py", lambda p, q: [f"cnx = mysql.connector.connect(user='loader', password='{p}', host='db02')"]),
    ("pysftp", "sync.py", lambda p, q: [f"with pysftp.Connection('sftp.acme.io', username='sync', password='{p}') as sftp:"]),
    ("imaplib", "inbox.py", lambda p, q: [f'M = imaplib.IMAP4_SSL("imap.acme.io")', f'M.login("support@acme.io", "{p}")']),
    ("winrm", "remote.py", lambda p, q: [f"s = winrm.Session('win01', auth=('Administrator', '{p}'))"]),
    ("java-setpassword", "DataSourceConfig.java", lambda p, q: ['ds.setUsername("app");', f'ds.setPassword("{p}");']),
    ("cs-sqlbuilder", "Db.cs", lambda p, q: ['var b = new SqlConnectionStringBuilder { DataSource = "sql01", UserID = "app",',
                                              f'    Password = "{p}" }};']),
    ("php-mysqli", "db.php", lambda p, q: [f"$db = mysqli_connect('db01', 'shop', '{p}', 'shop');"]),
    ("php-ldap-bind", "ldap.php", lambda p, q: [f"ldap_bind($conn, 'cn=svc,dc=acme,dc=io', '{p}');"]),
    ("node-ssh2", "deploy.js", lambda p, q: [f"conn.connect({{ host: 'web01', username: 'deploy', password: '{p}' }});"]),
    ("node-mysql", "pool.js", lambda p, q: ["const pool = mysql.createPool({", "  host: 'db01', user: 'api',",
                                             f"  password: '{p}',", "});"]),
    ("go-sql-dsn", "store.go", lambda p, q: [f'db, err := sql.Open("mysql", "api:{p}@tcp(db01:3306)/shop")']),
    ("ldapsearch-w", "users.sh", lambda p, q: [f"ldapsearch -x -D 'cn=admin,dc=acme,dc=io' -w '{p}' -b dc=acme,dc=io"]),
    ("mysqldump", "backup.sh", lambda p, q: [f"mysqldump -u backup --password='{p}' --all-databases > all.sql"]),
    ("mongodump", "backup.sh", lambda p, q: [f"mongodump --host db03 --username backup --password '{p}' --out /backup"]),
    ("sudo-S", "provision.sh", lambda p, q: [f"echo '{p}' | sudo -S apt-get install -y nginx"]),
    ("net-user", "setup.bat", lambda p, q: [f"net user svc_deploy {p} /add"]),
    ("openssl-passin", "convert.sh", lambda p, q: [f"openssl rsa -in key.enc -out key.pem -passin pass:{p}"]),
    ("pg-alter-role", "roles.sql", lambda p, q: [f"ALTER ROLE reporting WITH PASSWORD '{p}';"]),
    ("mysql-create-identified", "users.sql", lambda p, q: [f"CREATE USER 'grafana'@'%' IDENTIFIED BY '{p}';"]),
    ("oracle-alter-identified", "unlock.sql", lambda p, q: [f"ALTER USER hr IDENTIFIED BY {p} ACCOUNT UNLOCK;"]),
    ("url-reserved", "worker.env", lambda p, q: [f"BROKER_URL=amqp://worker:{q}@mq01:5672/prod"]),
    ("pg-url-reserved", "deploy.sh", lambda p, q: [f'psql "postgresql://admin:{q}@db01:5432/app" -c "select 1"']),
    ("adonet-reserved", "App.config", lambda p, q: ['<connectionStrings>',
                                                     f'  <add name="Main" connectionString="Data Source=sql01;Initial Catalog=app;User ID=app;Password=\'{p}\';" />',
                                                     '</connectionStrings>']),
    ("odbc-pwd", "report.R", lambda p, q: [f'con <- dbConnect(odbc::odbc(), .connection_string = "Driver={{PostgreSQL}};Server=db01;Uid=r;Pwd={{{p}}};")']),
    ("jdbc-pg-param", "application.yml", lambda p, q: ["spring:", "  datasource:",
                                                        f"    url: jdbc:postgresql://db01:5432/app?user=app&password={q}"]),
    ("netrc", ".netrc", lambda p, q: ["machine git.acme.io", "  login deploy", f"  password {p}"]),
    ("pgpass", ".pgpass", lambda p, q: [f"db01.acme.io:5432:app:app:{p.replace(':', '')}"]),
    ("requests-data", "scrape.py", lambda p, q: [f'requests.post(LOGIN_URL, data={{"username": "bot", "password": "{p}"}})']),
]


def passwords(corpus):
    rng = rng_for("passwords")
    for form, name, fn in PASSWORD_FORMS:
        for _ in range(2):
            reserved = "@:/%#;" if ("reserved" in form or "param" in form) else ""
            p = human_password(rng, reserved=reserved)
            if form in ("net-user", "oracle-alter-identified", "openssl-passin"):
                p = p.replace(" ", "").replace("$", "").replace("!", "") .replace("-", "").replace("#", "")
            corpus.add("passwords", name, fn(p, quote(p, safe="")), True, "password", form, marker=None,
                       line=next(i for i, ln in enumerate(fn(p, quote(p, safe="")), 1)
                                 if p in ln or quote(p, safe="") in ln or p.replace(':', '') in ln))


# --- structured credentials ----------------------------------------------------------------------------
def structured(corpus):
    rng = rng_for("structured")
    key = rsa_key(rng, 1024)
    pem = pem_armor("PRIVATE KEY", rsa_pkcs8_der(key))
    sa = {"type": "service_account", "project_id": "acme-analytics", "private_key_id": rand(rng, HEX, 40),
          "private_key": "\n".join(pem) + "\n", "client_email": "etl@acme-analytics.iam.gserviceaccount.com",
          "client_id": rand(rng, string.digits, 21), "token_uri": "https://oauth2.googleapis.com/token"}
    lines = json.dumps(sa, indent=2).split("\n")
    corpus.add("structured", "sa.json", lines, True, "gcp", "service-account", line=next(
        i for i, ln in enumerate(lines, 1) if '"private_key":' in ln))
    env_line = "GOOGLE_CREDENTIALS=" + json.dumps(json.dumps(sa))
    corpus.add("structured", "ci.env", ["CI=true", env_line], True, "gcp", "service-account-env", line=2)
    acct = rand(rng, string.ascii_lowercase, 10)
    for i in range(2):
        k = base64.b64encode(rbytes(rng, 64)).decode()
        corpus.add("structured", "local.settings.json", ['{ "Values": {',
                   f'  "Storage": "DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={k};EndpointSuffix=core.windows.net"',
                   "} }"], True, "azure", "storage-conn", line=2)
    enc = pem_armor("ENCRYPTED PRIVATE KEY", encrypted_pkcs8_der(rng, 640))
    corpus.add("structured", "signing.key", enc, True, "private-key", "encrypted-pkcs8", line=1)
    esc = "\\n".join(pem)
    corpus.add("structured", "deploy.env", [f'SSH_KEY="{esc}"'], True, "private-key", "escaped-pem", line=1)
    for i in range(2):
        kid = "AKIA" + rand(rng, UPPER234, 16)
        sec = rand(rng, B64, 40)
        corpus.add("structured", "credentials", ["[deploy]", f"aws_access_key_id = {kid}",
                   f"aws_secret_access_key = {sec}"], True, "aws", "credentials-file", line=3)
    tok = "ghp_" + (b := rand(rng, ALNUM, 30)) + crc32_base62(b)
    corpus.add("structured", ".git-credentials", [f"https://deploy:{tok}@github.com"], True, "github", "git-credentials", line=1)
    pw = human_password(rng)
    corpus.add("structured", "docker-auth.json", ['{"auths": {"registry.acme.io": {"auth": "' +
               base64.b64encode(f"ci:{pw}".encode()).decode() + '"}}}'], True, "docker", "docker-auth", line=1)


UPPER234 = string.ascii_uppercase + "234567"


# --- negatives: near misses (detector-test decoys) -------------------------------------------------------
def mutate(rng, value, kind, alphabet):
    """One-character changes of a valid token's body (the prefix kept)."""
    i = rng.randrange(len(value) // 2, len(value))
    if kind == "short":
        return value[:i] + value[i + 1:]
    if kind == "long":
        return value[:i] + rng.choice(alphabet) + value[i:]
    if kind == "outside":
        bad = rng.choice([c for c in "-.+/!~" if c not in alphabet]) if alphabet != HEX else rng.choice("ghjkxz")
        return value[:i] + bad + value[i + 1:]
    raise ValueError(kind)


def body_alphabet(spec):
    code = spec[spec.rfind("{") + 1]
    return {"h": HEX, "a": ALNUM, "s": URLSAFE, "l": LOWALNUM, "u": UPALNUM, "d": string.digits}.get(code, ALNUM)


def near_misses(corpus):
    rng = rng_for("near")
    for row in F.PREFIXED:
        if not row[6]:
            continue
        alpha = body_alphabet(row[5])
        for kind in ("short", "long", "outside"):
            v = gen_spec(rng, row[5])
            if v.endswith("-X") or v.endswith(":fx") or v.endswith("-us21"):
                tail = v[v.rfind("-" if not v.endswith(":fx") else ":"):]
                v = mutate(rng, v[: -len(tail)], kind, alpha) + tail
            else:
                v = mutate(rng, v, kind, alpha)
            place(corpus, "near", rng, svc(row), v, False, row[0], f"near-{kind}", NAMED)
        v = gen_spec(rng, row[5])
        lit = v[: next((i for i, c in enumerate(v) if c.isalpha()), 0) + 1]
        if any(c.isalpha() for c in v[:4]) and not v[0].isdigit():
            j = next(i for i, c in enumerate(v) if c.isalpha())
            v = v[:j] + v[j].swapcase() + v[j + 1:]
            place(corpus, "near", rng, svc(row), v, False, row[0], "near-prefix-case", NAMED)
    # long-tail keys of a fixed hex/uuid/alnum length, one character off, next to the service name
    for row in F.LONGTAIL:
        v = gen_spec(rng, row[5])
        kind = rng.choice(["short", "long", "outside"])
        if row[5] == "{uuid}":
            v = v[:-1] if kind == "short" else (v + rng.choice(HEX) if kind == "long" else v[:10] + "g" + v[11:])
        else:
            v = mutate(rng, v, kind, body_alphabet(row[5]))
        place(corpus, "near", rng, svc(row), v, False, row[0], f"near-longtail-{kind}", NAMED)
    # wrong checksums
    gh = dict(id="github", name="GitHub", env="GH_TOKEN", host="api.github.com")
    for prefix in ("ghp_", "gho_", "npm_"):
        for _ in range(2):
            body = rand(rng, ALNUM, 30)
            good = crc32_base62(body)
            bad = good[:-1] + ("A" if good[-1] != "A" else "B")
            place(corpus, "near", rng, gh, prefix + body + bad, False, "github", "near-checksum", GENERIC + NAMED[:6])
    # Paystack-like and Stripe-like near misses: sk_live_ with a body one off
    for n in (39, 41):
        v = "sk_live_" + rand(rng, HEX, n)
        place(corpus, "near", rng, dict(id="paystack", name="Paystack", env="PAYSTACK_SECRET_KEY", host="api.paystack.co"),
              v, False, "paystack", "near-paystack", NAMED)


# --- negatives: placeholders -------------------------------------------------------------------------------
def built(rng, n, alphabet, style):
    if style == "run":
        base = "abcdefghijklmnopqrstuvwxyz0123456789" if alphabet != HEX else "0123456789abcdef"
        s = (base * 8)[rng.randrange(4):]
        return s[:n]
    if style == "countdown":
        return ("9876543210" * 10)[:n] if alphabet != HEX else ("fedcba9876543210" * 6)[:n]
    if style == "alternate":
        pat = "X9y8Z7w6V5u4T3s2R1q0" if alphabet not in (HEX,) else "a1b2c3d4e5f6"
        return (pat * 8)[:n]
    if style == "repeat":
        blk = rand(rng, alphabet, 4)
        return (blk * 30)[:n]
    if style == "filler":
        return "x" * n
    if style == "word":
        return ("YOURAPIKEYHERE" if alphabet in (UPALNUM,) else "your_api_key_here_" * 6)[:n]
    raise ValueError(style)


def placeholders(corpus):
    rng = rng_for("placeholders")
    import re
    styles = ["run", "countdown", "alternate", "repeat", "filler", "word"]
    for idx, row in enumerate(F.PREFIXED):
        spec = row[5]
        # the longest drawn segment is the secret part (`pat<id>.<64 hex>`, `dt0c01.<id>.<secret>`)
        ms = list(re.finditer(r"\{([hasludm])(\d+)\}", spec))
        if not ms or spec.startswith("{"):
            continue
        m = max(ms, key=lambda x: int(x.group(2)))
        style = styles[idx % len(styles)]
        alpha = body_alphabet(spec)
        v = gen_spec(rng, spec[: m.start()]) + built(rng, int(m.group(2)), alpha, style) + gen_spec(rng, spec[m.end():])
        place(corpus, "placeholders", rng, svc(row), v, False, row[0], f"ph-{style}", NAMED)
    docs = ["<your-api-key>", "${BUILDKITE_API_TOKEN}", "{{ .Values.groqKey }}", "sk_live_...", "gsk_************",
            "REPLACE_ME", "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", "00000000-0000-0000-0000-000000000000",
            "insert-token-here", "process.env.RENDER_API_KEY", "os.getenv('TIINGO_API_KEY')", "%ROLLBAR_TOKEN%",
            "vault:secret/data/binance#secret", "aws-secretsmanager:prod/hibob", "<REDACTED>", "[hidden]",
            "sntryu_<token>", "pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "dapi" + "0" * 32,
            "FLWSECK_TEST-SANDBOXDEMOKEY-X", "key-" + "a" * 32, "EXAMPLE_TOKEN_DO_NOT_USE", "sk-or-v1-" + "0" * 64,
            "pat-na1-00000000-0000-0000-0000-000000000000", "********", "none", "TODO", "null"]
    for w in docs:
        row = rng.choice(F.PREFIXED + [r + (False,) for r in F.LONGTAIL])
        place(corpus, "placeholders", rng, svc(row), w, False, row[0], "ph-doc", NAMED)
    # passwords that are placeholders in password forms
    for w in ["changeme", "<password>", "${DB_PASSWORD}", "$(cat /run/secrets/db)", "password", "********", "%s", "?", ""]:
        corpus.add("placeholders", "users.sql", [f"CREATE USER 'app'@'%' IDENTIFIED BY '{w}';"], False, "password", "ph-password")
        corpus.add("placeholders", "db.py", [f'conn = psycopg2.connect(host="db01", user="etl", password="{w}")'], False,
                   "password", "ph-password")


# --- negatives: identifiers ---------------------------------------------------------------------------------
def identifiers(corpus):
    rng = rng_for("identifiers")
    h = lambda n: rand(rng, HEX, n)  # noqa: E731
    b = lambda n: base64.b64encode(rbytes(rng, n)).decode()  # noqa: E731
    cases = [
        ("build-coords", "build.sbt", lambda: [f'libraryDependencies += "com.squareup.okhttp3" % "okhttp" % "4.{rng.randrange(9, 13)}.0"']),
        ("build-coords", "deps.edn", lambda: ['{:deps {io.sentry/sentry-clj {:mvn/version "7.4.213"}}}']),
        ("build-coords", "verification-metadata.xml", lambda: ['<component group="io.grpc" name="grpc-netty" version="1.60.0">',
                                                               f'  <artifact name="grpc-netty-1.60.0.jar"><sha256 value="{h(64)}"/></artifact>',
                                                               "</component>"]),
        ("lock-hash", "pnpm-lock.yaml", lambda: ["  /@sentry/node@8.40.0:", f"    resolution: {{integrity: sha512-{b(64)}}}"]),
        ("lock-hash", "composer.lock", lambda: ['"dist": { "type": "zip",', '  "url": "https://api.github.com/repos/stripe/stripe-php/zipball/' + h(40) + '",',
                                                f'  "reference": "{h(40)}", "shasum": "" }}']),
        ("lock-hash", "Pipfile.lock", lambda: ['"groq": {', f'  "hashes": ["sha256:{h(64)}"],', '  "version": "==0.13.0"', "}"]),
        ("lock-hash", "requirements.txt", lambda: [f"replicate==1.0.4 --hash=sha256:{h(64)}"]),
        ("lock-hash", "mix.lock", lambda: [f'  "jason": {{:hex, :jason, "1.4.4", "{h(64)}", [:mix], [], "hexpm", "{h(64)}"}},']),
        ("lock-hash", "pubspec.lock", lambda: ["  http:", "    description:", f'      sha256: "{h(64)}"', '    version: "1.2.2"']),
        ("lock-hash", "packages.lock.json", lambda: ['"Sentry": {', '  "type": "Direct",', '  "resolved": "4.13.0",',
                                                     f'  "contentHash": "{b(64)}"', "}"]),
        ("go-pseudo", "go.mod", lambda: [f"require github.com/acme/pusher-go v0.0.0-20241010123456-{h(12)}"]),
        ("image-digest", "Chart.lock", lambda: ["dependencies:", "- name: redis", '  version: 20.1.0', f"digest: sha256:{h(64)}"]),
        ("object-id", "fixtures.json", lambda: [f'{{"_id": {{"$oid": "{h(24)}"}}, "name": "pipedrive-sync"}}']),
        ("ulid", "events.csv", lambda: ["id,type", f"01J{rand(rng, '0123456789ABCDEFGHJKMNPQRSTVWXYZ', 23)},signup"]),
        ("snake-name", "metrics.py", lambda: [f'COUNTER = "binance_api_secret_rotation_total_v{rng.randrange(2, 9)}"']),
        ("snake-name", "routes.rb", lambda: [f"get '/settings/groq_api_key_{rng.randrange(100, 999)}_form', to: 'keys#edit'"]),
        ("uuid-id", "cypress.config.ts", lambda: [f"  projectId: '{rand(rng, LOWALNUM, 6)}',"]),
        ("uuid-id", "datasource.yaml", lambda: ["datasources:", "  - name: Prometheus", f"    uid: {uuid4(rng)}"]),
        ("account-id", "pusher.env", lambda: [f"PUSHER_APP_ID={rng.randrange(1000000, 1999999)}", f"PUSHER_KEY={h(20)}",
                                              "PUSHER_CLUSTER=eu"]),
        ("account-id", "agora.ts", lambda: [f"export const AGORA_APP_ID = '{h(32)}';"]),
        ("account-id", "braze.yml", lambda: ["braze:", f"  app_group_id: {uuid4(rng)}", "  rest_api_key: ${BRAZE_KEY}"]),
        ("git-sha", "CHANGELOG.md", lambda: [f"* fix Typesense retries ([{h(7)}](https://github.com/acme/app/commit/{h(40)}))"]),
        ("sri", "embed.html", lambda: [f'<link rel="stylesheet" href="https://cdn.acme.io/x.css" integrity="sha256-{b(32)}">']),
        ("public-key", "known_hosts", lambda: [f"git.acme.io ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{rand(rng, B64, 43)}"]),
        ("hash", "checksums.txt", lambda: [f"{h(64)}  vaultsweep-x86_64-linux.tar.gz", f"{h(64)}  vaultsweep-aarch64-linux.tar.gz"]),
        ("tx-hash", "payout.log", lambda: [f"INFO payout settled tx=0x{h(64)}"]),
        ("color-ids", "theme.css", lambda: [f".btn {{ color: #{h(6)}; background: #{h(6)}; }}"]),
    ]
    for _ in range(2):
        for form, name, fn in cases:
            corpus.add("identifiers", name, fn(), False, "none", form)


ORDINARY = [
    ("auth.c", ['if (strcmp(input, expected_password) == 0) {', "    grant();", "}"]),
    ("Login.kt", ['if (pwd == confirmPwd) return true']),
    ("etl.py", ['conn = psycopg2.connect(host=cfg.host, dbname="dw", user=cfg.user, password=cfg.password)']),
    ("deploy.js", ["conn.connect({ host: 'web01', username: 'deploy', privateKey: fs.readFileSync(keyPath) });"]),
    ("users.sh", ["ldapsearch -x -D \"$BIND_DN\" -y /etc/ldap.secret -b dc=acme,dc=io"]),
    ("backup.sh", ['mysqldump -u backup --password="$MYSQL_PWD" --all-databases > all.sql']),
    ("Db.cs", ['var b = new SqlConnectionStringBuilder { DataSource = host, UserID = user, Password = password };']),
    ("db.php", ["$db = mysqli_connect($host, $user, $pass, 'shop');"]),
    ("pool.js", ["const pool = mysql.createPool({ host, user, password: process.env.DB_PASSWORD });"]),
    ("store.go", ['db, err := sql.Open("mysql", fmt.Sprintf("%s:%s@tcp(%s)/shop", user, pass, host))']),
    ("roles.sql", ["ALTER ROLE reporting WITH PASSWORD NULL;"]),
    ("README.md", ["Create a Buildkite API token with `read_builds` scope and export it as `BUILDKITE_API_TOKEN`.",
                   "Groq keys start with `gsk_`; Perplexity keys with `pplx-`."]),
    ("errors.ts", ["throw new Error('Paystack secret keys start with sk_live_ or sk_test_');"]),
    ("validate.py", ["OPENROUTER_RE = re.compile(r'^sk-or-v1-[0-9a-f]{64}$')"]),
    ("settings.py", ["TIINGO_API_KEY = env('TIINGO_API_KEY')", "HETZNER_TOKEN = env.str('HCLOUD_TOKEN', default=None)"]),
    ("Keys.java", ['    private static final String TOKEN_HEADER = "X-Rollbar-Access-Token";']),
    ("client.rb", ["Telegram::Bot::Client.run(ENV.fetch('TELEGRAM_BOT_TOKEN')) do |bot|"]),
    ("docker-compose.yml", ["services:", "  worker:", "    environment:", "      - DEEPL_AUTH_KEY", "      - MAILGUN_API_KEY=${MAILGUN_API_KEY:?}"]),
    ("secret.yaml", ["apiVersion: v1", "kind: Secret", "stringData:", "  GROQ_API_KEY: \"\""]),
    ("test_keys.py", ["def test_masks_keys():", "    assert mask('gsk_abc') == 'gsk_***'"]),
]


def ordinary(corpus):
    for name, lines in ORDINARY:
        corpus.add("ordinary", name, lines, False, "none", "ordinary-code")


def main():
    generate_main(__doc__, "/work/scratch/heldout5", [positives, passwords, structured, near_misses, placeholders,
                                                      identifiers, ordinary])


if __name__ == "__main__":
    main()
