#!/usr/bin/env python3
"""Write the second held-out corpus (issue 14) and its labels.

    python3 benches/heldout2/make.py [DIR]        # default /work/scratch/heldout2

Written blind to vaultsweep's rules: formats come from provider documentation (formats.py),
containers are new (containers.py), and decoys are of the hard kind: one-character near misses
of the documented formats, placeholders a person built, and identifiers that are not secrets.
Same layout and labels as benches/heldout (score with benches/heldout/score.py). Deterministic.
"""

import base64
import os
import string
import sys
from urllib.parse import quote

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "heldout"))

import containers as C  # noqa: E402
import formats as F  # noqa: E402
from hcommon import (generate_main, ALNUM, HEX, LOWALNUM, URLSAFE, Corpus, der, der_int, der_octets, der_oid, der_seq,  # noqa: E402
                     human_password, pem_armor, rand, rbytes, ssh_string, uuid4)
import random  # noqa: E402

SEED = "vaultsweep-heldout2-v1"


def rng_for(name):
    return random.Random(f"{SEED}/{name}")


def svc(row):
    return dict(id=row[0], name=row[1], env=row[2], host=row[3])


def make_value(rng, spec, post):
    segs = F.parse(spec)
    parts = F.fill(rng, segs)
    return F.crc_b62(parts) if post == "crc" else "".join(parts)


def place(corpus, group, rng, s, value, positive, provider, form, pool):
    fn = rng.choice(pool)
    name, lines = fn(s, value, rng)
    corpus.add(group, name, lines, positive, provider, form, marker=value if positive else None)


# --- positives ----------------------------------------------------------------------------------
def positives(corpus):
    rng = rng_for("prefixed")
    for row in F.PREFIXED:
        for i in range(2):
            v = make_value(rng, row[4], row[5])
            place(corpus, "prefixed", rng, svc(row), v, True, row[0], "prefixed", C.ALL)
    rng = rng_for("special")
    for row in F.SPECIAL:
        for i in range(2):
            v = row[4](rng)
            place(corpus, "prefixed", rng, svc(row), v, True, row[0], "structured-token", C.ALL)
    rng = rng_for("longtail")
    for row in F.LONGTAIL:
        for i in range(2):
            v = make_value(rng, row[4], None)
            place(corpus, "longtail", rng, svc(row), v, True, row[0], "named", C.NAMED)


PASSWORD_FORMS = [
    ("py-connect", "db.py", lambda p, q: [f'conn = psycopg2.connect(host="db", user="app", password="{p}")']),
    ("url-encoded", "db.py", lambda p, q: [f'engine = create_engine("postgresql+psycopg2://app:{q}@db.internal:5432/orders")']),
    ("node-url", "pool.js", lambda p, q: [f"const pool = new Pool({{ connectionString: 'postgres://app:{q}@db:5432/app' }});"]),
    ("go-dsn", "main.go", lambda p, q: [f'db, err := sql.Open("mysql", "app:{q}@tcp(db:3306)/shop")']),
    ("jdbc-call", "Dao.java", lambda p, q: [f'Connection c = DriverManager.getConnection("jdbc:postgresql://db/app", "app", "{p}");']),
    ("kotlin-auth", "Mail.kt", lambda p, q: [f'val auth = PasswordAuthentication("svc", "{p}".toCharArray())']),
    ("adonet", "Repo.cs", lambda p, q: [f'var conn = new SqlConnection("Server=db;Database=app;User Id=sa;Password={p};");']),
    ("netcred", "Mailer.cs", lambda p, q: [f'client.Credentials = new NetworkCredential("svc", "{p}");']),
    ("sshpass", "deploy.sh", lambda p, q: [f"sshpass -p '{p}' ssh deploy@web01 'sudo systemctl restart app'"]),
    ("mysql-flag", "backup.sh", lambda p, q: [f"mysqldump -h db -u root -p'{p}' shop > /backup/shop.sql"]),
    ("pgpassword", "migrate.sh", lambda p, q: [f"PGPASSWORD='{p}' psql -h db -U app -c 'select 1'"]),
    ("curl-user", "jenkins.sh", lambda p, q: [f"curl -u admin:'{p}' https://jenkins.internal/api/json"]),
    ("htpasswd", "setup.sh", lambda p, q: [f"htpasswd -b -c /etc/nginx/.htpasswd admin '{p}'"]),
    ("kubectl-literal", "bootstrap.sh", lambda p, q: [f"kubectl create secret generic db --from-literal=password='{p}'"]),
    ("sql-alter", "V3__users.sql", lambda p, q: [f"ALTER USER app WITH PASSWORD '{p}';"]),
    ("sql-identified", "init.sql", lambda p, q: [f"CREATE USER 'app'@'%' IDENTIFIED BY '{p}';"]),
    ("py-compare", "auth.py", lambda p, q: ["def check(password):", f'    if password == "{p}":', "        return True"]),
    ("js-compare", "login.js", lambda p, q: [f"if (req.body.password === '{p}') {{", "  ok();", "}"]),
    ("ruby-smtp", "mailer.rb", lambda p, q: [f"Net::SMTP.start('smtp.host', 587, 'example.com', 'mailer', '{p}', :login)"]),
    ("py-login", "alerts.py", lambda p, q: [f'smtp.login("alerts@example.com", "{p}")']),
    ("py-auth-tuple", "sync.py", lambda p, q: [f'r = requests.get(url, auth=("admin", "{p}"))']),
    ("php-pdo", "db.php", lambda p, q: [f"$pdo = new PDO('mysql:host=db;dbname=app', 'app', '{p}');"]),
    ("git-url", "clone.sh", lambda p, q: [f"git clone https://deploy:{q}@git.internal/acme/app.git"]),
    ("mongo-url", ".env", lambda p, q: [f"MONGO_URL=mongodb+srv://app:{q}@cluster0.abcde.mongodb.net/prod"]),
    ("redis-url", "cache.yml", lambda p, q: [f"url: redis://:{q}@cache.internal:6379/0"]),
    ("amqp-url", "worker.py", lambda p, q: [f'BROKER = "amqp://svc:{q}@mq.internal:5672/"']),
    ("jdbc-props", "app.conf", lambda p, q: [f"db.url=jdbc:sqlserver://db:1433;databaseName=app;user=sa;password={p};"]),
    ("odbc", "report.py", lambda p, q: [f'cs = "Driver={{ODBC Driver 18 for SQL Server}};Server=db;Uid=app;Pwd={p};"']),
    ("docker-login", "release.sh", lambda p, q: [f"docker login -u ci -p '{p}' registry.internal"]),
    ("wget", "fetch.sh", lambda p, q: [f"wget --user=ci --password='{p}' https://artifacts.internal/x.tgz"]),
    ("ldapsearch", "ldap.sh", lambda p, q: [f"ldapsearch -x -D 'cn=admin,dc=acme,dc=io' -w '{p}' -b dc=acme,dc=io"]),
    ("yaml-datasource", "application.yml", lambda p, q: ["spring:", "  datasource:", "    username: app", f'    password: "{p}"']),
    ("pgpass", ".pgpass", lambda p, q: [f"db.internal:5432:app:app:{p}"]),
    ("rust-builder", "db.rs", lambda p, q: ["let opts = PgConnectOptions::new()", '    .username("app")', f'    .password("{p}");']),
    ("ansible", "group_vars.yml", lambda p, q: [f'ansible_become_pass: "{p}"']),
    ("java-props", "Mail.java", lambda p, q: [f'props.put("mail.smtp.password", "{p}");']),
    ("terraform", "db.tf", lambda p, q: ['resource "azurerm_mssql_server" "main" {', f'  administrator_login_password = "{p}"', "}"]),
    ("xml-prop", "beans.xml", lambda p, q: [f'<property name="password" value="{p}"/>']),
    ("dockerfile", "Dockerfile", lambda p, q: ["FROM postgres:16", f"ENV POSTGRES_PASSWORD={p}"]),
    ("escaped-env", "values.json", lambda p, q: [f'{{"env": "DB_HOST=db\\nDB_USER=app\\nDB_PASSWORD={p}\\n"}}']),
]


def passwords(corpus):
    rng = rng_for("passwords")
    for form, name, tmpl in PASSWORD_FORMS:
        p = human_password(rng, reserved="@:#%" if form.endswith("url") or form == "url-encoded" else "")
        p = p.replace("'", "").replace('"', "")
        q = quote(p, safe="")
        lines = tmpl(p, q)
        marker = q if q in "\n".join(lines) and p not in "\n".join(lines) else p
        corpus.add("passwords", name, lines, True, "password", form, marker=marker)


def ec_pem(rng):
    body = der_seq(der_int(1), der_octets(rbytes(rng, 32)), der(0xA0, der_oid("1.2.840.10045.3.1.7")),
                   der(0xA1, der(0x03, b"\x00\x04" + rbytes(rng, 64))))
    return pem_armor("EC PRIVATE KEY", body)


def openssh_ed25519(rng):
    pub = rbytes(rng, 32)
    pubblob = ssh_string("ssh-ed25519") + ssh_string(pub)
    check = rbytes(rng, 4)
    priv = check + check + ssh_string("ssh-ed25519") + ssh_string(pub) + ssh_string(rbytes(rng, 32) + pub) \
        + ssh_string("deploy@ci")
    pad = 1
    while len(priv) % 8:
        priv += bytes([pad])
        pad += 1
    blob = b"openssh-key-v1\x00" + ssh_string("none") + ssh_string("none") + ssh_string(b"") \
        + (1).to_bytes(4, "big") + ssh_string(pubblob) + ssh_string(priv)
    b = base64.b64encode(blob).decode()
    dash = "-" * 5
    return [f"{dash}BEGIN OPENSSH PRIVATE KEY{dash}"] + [b[i:i + 70] for i in range(0, len(b), 70)] \
        + [f"{dash}END OPENSSH PRIVATE KEY{dash}"]


def structured(corpus):
    rng = rng_for("structured")
    for i in range(3):
        key = ec_pem(rng)
        lines = ["# staging TLS", "tls:", "  key: |"] + ["    " + k for k in key]
        rel_first = 4
        corpus.add("structured", "tls.yaml", lines, True, "ec-key", "pem-in-yaml", line=rel_first)
        corpus.labels[-1]["end_line"] = len(lines)
    for i in range(3):
        key = openssh_ed25519(rng)
        corpus.add("structured", "id_ed25519", key, True, "openssh", "openssh-file", line=1)
        corpus.labels[-1]["end_line"] = len(key)
    for i in range(3):
        kid = "AKIA" + rand(rng, string.ascii_uppercase + "234567", 16)
        sec = rand(rng, ALNUM + "+/", 40)
        corpus.add("structured", "credentials", ["[ci]", f"aws_access_key_id = {kid}",
                                                 f"aws_secret_access_key = {sec}", "region = eu-west-1"],
                   True, "aws", "aws-credentials-file", marker=sec)
    for i in range(3):
        acct = "st" + rand(rng, LOWALNUM, 10)
        k = base64.b64encode(rbytes(rng, 64)).decode()
        corpus.add("structured", "appsettings.json",
                   ["{", '  "Storage": {', f'    "Connection": "DefaultEndpointsProtocol=https;AccountName={acct};'
                    f'AccountKey={k};EndpointSuffix=core.windows.net"', "  }", "}"],
                   True, "azure-storage", "connection-string", marker=k)
    for i in range(3):
        user = rng.choice(["ci-bot", "deploy"])
        pw = rand(rng, ALNUM, 24)
        auth = base64.b64encode(f"{user}:{pw}".encode()).decode()
        corpus.add("structured", "config.json", ["{", '  "auths": {', '    "registry.internal:5000": {',
                                                 f'      "auth": "{auth}"', "    }", "  }", "}"],
                   True, "docker", "docker-auth", marker=auth)
    for i in range(3):
        tok = uuid4(rng)
        corpus.add("structured", ".netrc", ["machine api.heroku.com", "  login ops@example.com",
                                            f"  password {tok}"], True, "heroku", "netrc", marker=tok)


# --- negatives ----------------------------------------------------------------------------------
BADCHAR = {"h": "ghijkmnopqrstuvwxyz", "H": "GHIJKLMNPQRSTUVWXYZ", "d": "abcdefxyz", "W": "0189",
           "x": "0123456789", "L": "0123456789", "l": "ABCDEFGHJKLMNPQRSTUVWXYZ", "u": "abcdefghjkmnpqrstuvwxyz"}
# formats whose body lengths are documented as fixed (length near misses only for these)
FIXED = {"github", "github-oauth", "github-app", "github-refresh", "npm", "aws", "google", "sendgrid", "shopify",
         "shopify-secret", "digitalocean", "digitalocean-oauth", "postman", "mailchimp", "mailgun", "sentry",
         "newrelic", "databricks", "pulumi", "doppler", "anthropic", "dynatrace", "airtable", "telegram",
         "sonarqube", "azure-ad", "langsmith", "openrouter", "linear", "google-oauth", "supabase", "buildkite",
         "shippo", "flutterwave", "easypost", "brevo", "stripe-webhook", "gitlab-trigger", "huggingface",
         "slack-webhook", "jfrog", "paystack", "elevenlabs", "replicate", "groq", "perplexity", "xai", "circleci"}


def near_miss(rng, row, kind):
    spec, post = row[4], row[5]
    segs = F.parse(spec)
    parts = F.fill(rng, segs)
    rand_idx = [i for i, s in enumerate(segs) if not isinstance(s, str)]
    big = max(rand_idx, key=lambda i: segs[i][1])
    code = segs[big][0]
    if kind == "badcrc":
        v = F.crc_b62(parts)
        last = v[-1]
        return v[:-1] + ("A" if last != "A" else "B")
    if kind == "short":
        parts[big] = parts[big][:-1]
    elif kind == "long":
        parts[big] = parts[big] + rand(rng, F.ALPHA[code], 1)
    elif kind == "badchar":
        p = parts[big]
        pos = len(p) // 2
        parts[big] = p[:pos] + rng.choice(BADCHAR[code]) + p[pos + 1:]
    elif kind == "prefixcase":
        first = segs[0]
        parts[0] = first.swapcase()
    return "".join(parts)


def kinds_for(row):
    segs = F.parse(row[4])
    ks = []
    if row[5] == "crc":
        ks.append("badcrc")
    if row[0] in FIXED:
        ks += ["short", "long"]
    big = max((s for s in segs if not isinstance(s, str)), key=lambda s: s[1])
    if big[0] in BADCHAR:
        ks.append("badchar")
    if isinstance(segs[0], str) and any(c.isalpha() for c in segs[0]) and len(segs[0]) >= 3:
        ks.append("prefixcase")
    return ks


def crc_near(rng, row, kind):
    """GitHub/npm near misses that keep a valid-looking layout: a body one short or long with the
    checksum of the written body (so only the length is wrong)."""
    prefix = row[4].split("{")[0]
    n = 29 if kind == "short" else 31
    body = rand(rng, ALNUM, n)
    return prefix + body + F.crc32_base62(body)


def near_misses(corpus):
    rng = rng_for("near-miss")
    for row in F.PREFIXED:
        ks = kinds_for(row)
        if not ks:
            continue
        for kind in ks[:2]:
            if row[5] == "crc" and kind in ("short", "long"):
                v = crc_near(rng, row, kind)
            elif row[5] == "crc" and kind in ("badchar", "prefixcase"):
                v = make_value(rng, row[4], row[5])
                v = v.replace(row[4][:4], row[4][:4].swapcase(), 1) if kind == "prefixcase" else v
            else:
                v = near_miss(rng, row, kind)
            if v is None:
                continue
            place(corpus, "negatives", rng, svc(row), v, False, row[0], f"near-miss-{kind}", C.ALL)
    # long-tail hex keys one character short of the documented length
    for row in F.LONGTAIL:
        if row[4] in ("{h32}", "{h40}", "{h64}"):
            n = int(row[4][2:-1]) - 1
            v = rand(rng, HEX, n)
            place(corpus, "negatives", rng, svc(row), v, False, row[0], "near-miss-short-hex", C.NAMED)


def built_bodies(rng, alphabet, n):
    runs = {
        "ph-alpha-run": lambda: ((string.ascii_lowercase + string.digits) * 4)[rng.randrange(5):][:n],
        "ph-countdown": lambda: ("9876543210" * 20)[rng.randrange(10):][:n],
        "ph-alternating": lambda: "".join((string.ascii_uppercase[i % 26] if i % 2 == 0 else str(9 - (i // 2) % 10))
                                          for i in range(n)),
        "ph-repeated-block": lambda: (rand(rng, ALNUM, rng.choice([4, 6, 8])) * 40)[:n],
        "ph-filler": lambda: rng.choice("xX0*") * n,
        "ph-hex-run": lambda: ("0123456789abcdef" * 10)[rng.randrange(16):][:n],
    }
    return runs


def placeholders(corpus):
    rng = rng_for("placeholders")
    rows = [r for r in F.PREFIXED if r[5] is None]
    forms = ["ph-alpha-run", "ph-countdown", "ph-alternating", "ph-repeated-block", "ph-filler"]
    for i, row in enumerate(rng.sample(rows, 45)):
        segs = F.parse(row[4])
        form = forms[i % len(forms)]
        parts = []
        for s in segs:
            if isinstance(s, str):
                parts.append(s)
            else:
                b = built_bodies(rng, s[0], s[1])[form]()
                if s[0] in "hH":
                    b = built_bodies(rng, s[0], s[1])["ph-hex-run"]() if form != "ph-filler" else "0" * s[1]
                    b = b.upper() if s[0] == "H" else b
                if s[0] == "d":
                    b = ("1234567890" * 10)[:s[1]] if form != "ph-countdown" else ("9876543210" * 10)[:s[1]]
                parts.append(b)
        v = "".join(parts)
        place(corpus, "negatives", rng, svc(row), v, False, row[0], form, C.ALL)
    words = ["<your-api-key>", "${API_TOKEN}", "{{ .Values.apiToken }}", "REPLACE_WITH_YOUR_KEY",
             "your_token_here", "changeme", "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", "INSERT_KEY_HERE",
             "<%= ENV['API_KEY'] %>", "$(cat /run/secrets/api_key)", "TODO-set-me", "dummy-key-for-tests",
             "sk_live_...", "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "AKIAXXXXXXXXXXXXXXXX"]
    for w in words:
        row = rng.choice(F.LONGTAIL + [r[:5] for r in F.PREFIXED])
        place(corpus, "negatives", rng, svc(row), w, False, row[0], "ph-word", C.NAMED)
    # hex placeholders next to long-tail names
    for row in rng.sample([r for r in F.LONGTAIL if r[4] in ("{h32}", "{h40}")], 12):
        n = int(row[4][2:-1])
        v = rng.choice([("0123456789abcdef" * 4)[:n], ("deadbeef" * 8)[:n], ("abcdef1234567890" * 4)[:n],
                        ("fedcba9876543210" * 4)[:n], ("a1b2c3d4" * 8)[:n], ("1234" * 16)[:n]])
        place(corpus, "negatives", rng, svc(row), v, False, row[0], "ph-hex-built", C.NAMED)


def identifiers(corpus):
    rng = rng_for("identifiers")
    h = lambda n: rand(rng, HEX, n)  # noqa: E731
    b64 = lambda n: base64.b64encode(rbytes(rng, n)).decode()  # noqa: E731
    cases = [
        ("build-coords", "build.gradle", lambda: ["dependencies {",
         f"    implementation 'com.acme.billing:billing-client:{rng.randrange(1, 9)}.{rng.randrange(20)}.{rng.randrange(9)}'",
         "    implementation 'io.stripe:stripe-java:24.3.0'", "}"]),
        ("build-coords", "pom.xml", lambda: ["<dependency>", "  <groupId>com.github.secrets-manager</groupId>",
         "  <artifactId>token-client_2.13</artifactId>", f"  <version>{rng.randrange(1, 5)}.{rng.randrange(30)}.1</version>",
         "</dependency>"]),
        ("lock-hash", "package-lock.json", lambda: ['{', '  "packages": {', '    "node_modules/left-pad": {',
         '      "version": "1.3.0",', f'      "integrity": "sha512-{b64(64)}"', "    }", "  }", "}"]),
        ("lock-hash", "go.sum", lambda: [f"github.com/stripe/stripe-go/v76 v76.8.0 h1:{b64(32)}",
                                         f"github.com/stripe/stripe-go/v76 v76.8.0/go.mod h1:{b64(32)}"]),
        ("lock-hash", "Cargo.lock", lambda: ["[[package]]", 'name = "secrecy"', 'version = "0.8.0"',
         'source = "registry+https://github.com/rust-lang/crates.io-index"', f'checksum = "{h(64)}"']),
        ("lock-hash", "poetry.lock", lambda: ["[[package]]", 'name = "twilio"', 'version = "9.0.0"', "files = [",
         f'    {{file = "twilio-9.0.0-py2.py3-none-any.whl", hash = "sha256:{h(64)}"}},', "]"]),
        ("lock-hash", ".terraform.lock.hcl", lambda: ['provider "registry.terraform.io/hashicorp/aws" {',
         '  version = "5.31.0"', "  hashes = [", f'    "h1:{b64(32)}",', f'    "zh:{h(64)}",', "  ]", "}"]),
        ("lock-hash", "requirements.txt", lambda: [f"stripe==8.0.0 --hash=sha256:{h(64)}"]),
        ("lock-hash", "flake.lock", lambda: ['{ "nodes": { "nixpkgs": { "locked": {', f'  "narHash": "sha256-{b64(32)}",',
                                             f'  "rev": "{h(40)}"', "} } } }"]),
        ("git-sha", "ci.yml", lambda: ["steps:", f"  - uses: actions/checkout@{h(40)}", "    with:",
                                       "      token: ${{ secrets.GITHUB_TOKEN }}"]),
        ("git-sha", "release.json", lambda: ['{', f'  "github_commit": "{h(40)}",', '  "tag": "v2.3.1"', '}']),
        ("image-digest", "deploy.yaml", lambda: ["containers:", "  - name: api",
                                                 f"    image: ghcr.io/acme/api@sha256:{h(64)}"]),
        ("uuid-id", "event.json", lambda: ['{', f'  "request_id": "{uuid4(rng)}",', f'  "tenant_id": "{uuid4(rng)}",',
                                           '  "status": 200', '}']),
        ("uuid-id", "azure.tf", lambda: ['provider "azurerm" {', f'  subscription_id = "{uuid4(rng)}"',
                                         f'  tenant_id       = "{uuid4(rng)}"', "  features {}", "}"]),
        ("trace-id", "trace.log", lambda: [f"2026-11-30T08:12:45Z INFO handled trace_id={h(32)} span_id={h(16)} dur=12ms"]),
        ("client-id", "oauth.yaml", lambda: ["google:", f"  client_id: {rng.randrange(10**11, 10**12)}-{rand(rng, LOWALNUM, 32)}.apps.googleusercontent.com",
                                             "  client_secret: ${GOOGLE_CLIENT_SECRET}"]),
        ("twilio-sid", "sms.py", lambda: [f'ACCOUNT_SID = "AC{h(32)}"', 'AUTH_TOKEN = os.environ["TWILIO_AUTH_TOKEN"]']),
        ("snake-name", "flags.yaml", lambda: ["feature_flags:", f"  key: checkout_v2_rollout_2024_q{rng.randrange(1, 5)}_cohort_{rng.randrange(10, 99)}",
                                              "  enabled: true"]),
        ("snake-name", "i18n.py", lambda: [f'TOKEN_EXPIRED_MESSAGE_KEY = "auth.errors.token_expired_after_{rng.randrange(10, 99)}_minutes_v2"']),
        ("sri-hash", "index.html", lambda: [f'<script src="https://cdn.example.com/lib.js" integrity="sha384-{b64(48)}" crossorigin="anonymous"></script>']),
        ("md5-manifest", "MANIFEST", lambda: [f"md5: {h(32)}  dist/app-{rng.randrange(1, 9)}.0.tar.gz",
                                              f"sha1: {h(40)}  dist/app.tar.gz"]),
        ("chunk-hash", "asset-manifest.json", lambda: ['{', f'  "main.js": "/static/js/main.{h(8)}.js",',
                                                       f'  "apiKeyForm.js": "/static/js/apiKeyForm.{h(20)}.chunk.js"', '}']),
        ("public-key", "authorized_keys", lambda: [f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{rand(rng, ALNUM + '+/', 43)} deploy@ci"]),
        ("k8s-uid", "pod.json", lambda: ['{"metadata": {', f'  "uid": "{uuid4(rng)}",', f'  "resourceVersion": "{rng.randrange(10**6, 10**7)}"', "}}"]),
        ("etag", "cache.log", lambda: [f'GET /v1/tokens 200 etag="W/{h(32)}" token_count=12']),
    ]
    for i in range(2):
        for form, name, fn in cases:
            corpus.add("negatives", name, fn(), False, "none", form)


ORDINARY = [
    ("settings.py", ['import os', 'API_KEY = os.environ["ACME_API_KEY"]', 'DB_PASSWORD = os.getenv("DB_PASSWORD", "")']),
    ("client.go", ['token := os.Getenv("GITHUB_TOKEN")', 'req.Header.Set("Authorization", "Bearer "+token)']),
    ("auth.js", ["function login(user, password) {", "  if (password === confirmPassword) return save(user, password);", "}"]),
    ("deploy.yml", ["env:", "  STRIPE_SECRET_KEY: ${{ secrets.STRIPE_SECRET_KEY }}", "  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}"]),
    ("cli.py", ['parser.add_argument("--password", help="database password (or set DB_PASSWORD)")',
                'parser.add_argument("--api-key", default=None)']),
    ("query.sql", ["CREATE USER app IDENTIFIED BY :app_password;", "GRANT SELECT ON orders TO app;"]),
    ("backup.sh", ['mysqldump -u "$DB_USER" -p"$DB_PASSWORD" shop > out.sql', 'curl -u "$JENKINS_USER:$JENKINS_TOKEN" "$URL"']),
    ("values.yaml", ["auth:", "  existingSecret: api-credentials", "  secretKeys:", "    tokenKey: api-token"]),
    ("Config.java", ['String token = System.getenv("SLACK_BOT_TOKEN");', 'if (token == null) throw new IllegalStateException("SLACK_BOT_TOKEN missing");']),
    ("README.md", ["## Configuration", "", "Set `OPENAI_API_KEY` to a key from https://platform.openai.com/api-keys.",
                   "Keys start with `sk-proj-`; never commit them."]),
    ("types.ts", ["export interface Credentials {", "  apiKey: string;", "  secretKey: string;", "  password?: string;", "}"]),
    ("vault.hcl", ['path "secret/data/apps/*" {', '  capabilities = ["read"]', "}"]),
]


def ordinary(corpus):
    for name, lines in ORDINARY:
        corpus.add("negatives", name, lines, False, "none", "ordinary-code")


def main():
    generate_main(__doc__, "/work/scratch/heldout2", [positives, passwords, structured, near_misses, placeholders, identifiers, ordinary])


if __name__ == "__main__":
    main()
