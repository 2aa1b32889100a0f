#!/usr/bin/env python3
"""Write the fourth held-out corpus (issue 14) and its labels.

    python3 benches/heldout4/make.py [DIR]        # default /work/scratch/heldout4

Written blind to vaultsweep's rules (`patterns/` and `src/detect` unopened), like heldouts 2 and 3,
with providers those sets used little (formats.py), containers of issue 14 item 5 (containers.py),
the generic credential forms of item 2 in many languages, the structured credentials of item 3, and
a large share of hard decoys (items 4 and 6): one-character near misses of documented formats,
wrong checksums, placeholders a person built, documentation examples, identifiers next to a
service's name, lock-file hashes, build coordinates, public halves of key pairs, and ordinary code
that handles credentials without holding one. Labels and scoring are benches/heldout's.
Deterministic; no token is written in this source, each is drawn at generation time.
"""

import base64
import hashlib
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

import containers as C  # noqa: E402
import formats as F  # noqa: E402
from hcommon import (generate_main, ALNUM, HEX, LOWALNUM, UHEX, UPALNUM, URLSAFE, crc32_base62,  # noqa: E402
                     encrypted_pkcs8_der, human_password, pem_armor, rand, rbytes, rsa_key, rsa_pkcs8_der,
                     rsa_spki_der, uuid4)

SEED = "vaultsweep-heldout4-v1"
B64 = ALNUM + "+/"


def rng_for(name):
    return random.Random(f"{SEED}/{name}")


def svc(row):
    return dict(id=row[0], name=row[2], env=row[3], host=row[4])


def pool_for(value, named):
    if value.startswith("https://"):
        return C.URL_OK
    return C.NAMED if named else C.ALL


def place(corpus, group, rng, s, value, positive, provider, form, named):
    fn = rng.choice(pool_for(value, named))
    name, lines = fn(s, value, rng)
    corpus.add(group, name, lines, positive, provider, form, marker=value if positive else None)


# --- positives: provider tokens ---------------------------------------------------------------------
def positives(corpus):
    rng = rng_for("prefixed")
    for row in F.PREFIXED:
        for _ in range(3):
            place(corpus, "prefixed", rng, svc(row), F.make(rng, row[5]), True, row[0], row[1], named=False)
    rng = rng_for("longtail")
    for row in F.LONGTAIL:
        for _ in range(3):
            place(corpus, "longtail", rng, svc(row), F.make(rng, row[5]), True, row[0], row[1], named=True)
    rng = rng_for("checksummed")
    gh = dict(id="github", name="GitHub", env="GITHUB_TOKEN", host="api.github.com")
    for prefix in ("ghp_", "gho_", "ghr_", "npm_"):
        for _ in range(2):
            body = rand(rng, ALNUM, 30)
            place(corpus, "prefixed", rng, gh, prefix + body + crc32_base62(body), True,
                  "npm" if prefix == "npm_" else "github", "checksummed", False)


# --- positives: passwords outside `name = value` (issue 14 item 2) ----------------------------------
URL_RESERVED = "@:/#%?&"
CS_RESERVED = ";=@"
PASSWORD_FORMS = [
    # comparisons
    ("py-compare", "auth.py", "", lambda p, q: ["def check(password):", f'    if password == "{p}":', "        return True"]),
    ("js-compare", "login.js", "", lambda p, q: [f"if (req.body.pwd === '{p}') {{", "  grantAdmin(req);", "}"]),
    ("go-compare", "auth.go", "", lambda p, q: [f'if pass != "{p}" {{', "\treturn ErrUnauthorized", "}"]),
    ("java-equals", "AdminFilter.java", "", lambda p, q: [f'if ("{p}".equals(request.getParameter("password"))) {{',
                                                          "    chain.doFilter(request, response);", "}"]),
    ("csharp-equals", "Gate.cs", "", lambda p, q: [f'if (string.Equals(adminPassword, "{p}", StringComparison.Ordinal))',
                                                   "    return Ok();"]),
    ("ruby-compare", "sessions_controller.rb", "", lambda p, q: [f"return head(:ok) if params[:password] == '{p}'"]),
    ("php-compare", "admin.php", "", lambda p, q: [f"if ($_POST['password'] === '{p}') {{", "    $_SESSION['admin'] = true;", "}"]),
    ("rust-compare", "guard.rs", "", lambda p, q: [f'if creds.password == "{p}" {{', "    return Ok(Role::Admin);", "}"]),
    # constructors and call arguments
    ("cs-networkcredential", "Backup.cs", "", lambda p, q: [f'var cred = new NetworkCredential("svc_backup", "{p}", "ACME");']),
    ("java-passwordauth", "Mailer.java", "", lambda p, q: ["protected PasswordAuthentication getPasswordAuthentication() {",
                                                           f'    return new PasswordAuthentication("mailer", "{p}".toCharArray());', "}"]),
    ("py-requests-auth", "export.py", "", lambda p, q: [f'r = requests.get(url, auth=("admin", "{p}"), timeout=10)']),
    ("py-httpbasicauth", "jira.py", "", lambda p, q: [f'session.auth = HTTPBasicAuth("svc-jira", "{p}")']),
    ("py-smtplib", "alerts.py", "", lambda p, q: ['with smtplib.SMTP_SSL("smtp.acme.io", 465) as s:',
                                                  f'    s.login("alerts@acme.io", "{p}")']),
    ("py-ftplib", "upload.py", "", lambda p, q: ['ftp = ftplib.FTP("ftp.acme.io")', f'ftp.login("uploader", "{p}")']),
    ("js-axios-auth", "sync.ts", "", lambda p, q: [f"await axios.get(url, {{ auth: {{ username: 'ci', password: '{p}' }} }});"]),
    ("go-setbasicauth", "push.go", "", lambda p, q: [f'req.SetBasicAuth("deploy", "{p}")']),
    ("rust-basic-auth", "client.rs", "", lambda p, q: ['let resp = client.get(url)', f'    .basic_auth("deploy", Some("{p}"))',
                                                       "    .send()?;"]),
    ("php-pdo", "db.php", "", lambda p, q: [f"$pdo = new PDO('mysql:host=db01;dbname=shop', 'shop', '{p}');"]),
    ("java-drivermanager", "Report.java", "", lambda p, q: [f'Connection c = DriverManager.getConnection(url, "report", "{p}");']),
    ("swift-urlcredential", "Auth.swift", "", lambda p, q: [f'let cred = URLCredential(user: "ios", password: "{p}", persistence: .forSession)']),
    ("ruby-net-smtp", "mailer.rb", "", lambda p, q: [f"Net::SMTP.start('smtp.acme.io', 587, 'acme.io', 'mailer', '{p}', :login) do |smtp|",
                                                     "  smtp.send_message(msg, from, to)", "end"]),
    ("kotlin-okhttp", "Api.kt", "", lambda p, q: [f'val credential = Credentials.basic("svc", "{p}")']),
    ("py-redis-kw", "cache.py", "", lambda p, q: [f'r = redis.Redis(host="cache01", port=6379, password="{p}")']),
    # command-line flags
    ("mysql-p", "restore.sh", "", lambda p, q: [f"mysql -uroot -p'{p}' shop < dump.sql"]),
    ("mysqladmin", "reload.sh", "", lambda p, q: [f"mysqladmin -u root --password='{p}' flush-privileges"]),
    ("sshpass", "deploy.sh", "", lambda p, q: [f"sshpass -p '{p}' ssh deploy@web01 'sudo systemctl restart app'"]),
    ("curl-user", "poke.sh", "", lambda p, q: [f"curl -fsS --user admin:'{p}' https://jenkins.acme.io/api/json"]),
    ("wget-password", "fetch.sh", "", lambda p, q: [f"wget --user=ci --password='{p}' https://repo.acme.io/app.tgz"]),
    ("htpasswd", "nginx-setup.sh", "", lambda p, q: [f"htpasswd -bc /etc/nginx/.htpasswd admin '{p}'"]),
    ("smbclient", "backup.sh", "", lambda p, q: [f"smbclient //fs01/share -U 'backup%{p}' -c 'put db.bak'"]),
    ("xfreerdp", "rdp.sh", "", lambda p, q: [f"xfreerdp /v:rdp01.acme.io /u:Administrator /p:'{p}' /cert:ignore"]),
    ("docker-login-p", "ci.sh", "", lambda p, q: [f"docker login -u ci -p '{p}' registry.acme.io"]),
    ("helm-repo", "charts.sh", "", lambda p, q: [f"helm repo add acme https://charts.acme.io --username ci --password '{p}'"]),
    ("pgpassword-env", "migrate.sh", "", lambda p, q: [f"PGPASSWORD='{p}' psql -h db01 -U app -d app -f migrate.sql"]),
    ("az-login", "login.sh", "", lambda p, q: [f"az login --service-principal -u http://deploy -p '{p}' --tenant acme.onmicrosoft.com"]),
    ("git-clone-url", "bootstrap.sh", URL_RESERVED, lambda p, q: [f"git clone https://deploy:{q}@git.acme.io/acme/app.git"]),
    # SQL
    ("oracle-identified", "create_user.sql", "", lambda p, q: [f'CREATE USER app IDENTIFIED BY "{p}";', "GRANT CONNECT TO app;"]),
    ("mysql-alter-identified", "rotate.sql", "", lambda p, q: [f"ALTER USER 'app'@'%' IDENTIFIED BY '{p}';"]),
    ("mysql-grant-identified", "grants.sql", "", lambda p, q: [f"GRANT ALL ON shop.* TO 'shop'@'localhost' IDENTIFIED BY '{p}';"]),
    ("pg-role-password", "roles.sql", "", lambda p, q: [f"CREATE ROLE reporter WITH LOGIN PASSWORD '{p}';"]),
    ("mssql-login", "logins.sql", "", lambda p, q: [f"CREATE LOGIN etl WITH PASSWORD = '{p}', CHECK_POLICY = OFF;"]),
    ("mysql-set-password", "reset.sql", "", lambda p, q: [f"SET PASSWORD FOR 'app'@'%' = '{p}';"]),
    # connection strings with reserved characters; ODBC / ADO.NET / JDBC / OLE DB
    ("adonet-quoted", "appsettings.json", CS_RESERVED,
     lambda p, q: ['{ "ConnectionStrings": {', f'  "Db": "Server=sql01;Database=app;User Id=app;Password=\'{p}\';Encrypt=true"', "} }"]),
    ("odbc-braced", "etl.py", CS_RESERVED,
     lambda p, q: [f'cs = "DRIVER={{ODBC Driver 18 for SQL Server}};SERVER=sql01;DATABASE=dw;UID=etl;PWD={{{p}}};"']),
    ("jdbc-sqlserver", "application.properties", CS_RESERVED,
     lambda p, q: [f"spring.datasource.url=jdbc:sqlserver://sql01:1433;databaseName=app;user=app;password={{{p}}};encrypt=true"]),
    ("jdbc-mysql-query", "db.properties", URL_RESERVED,
     lambda p, q: [f"url=jdbc:mysql://db01:3306/shop?user=shop&password={q}&useSSL=true"]),
    ("jdbc-oracle-thin", "ds.xml", "",
     lambda p, q: [f'<connection-url>jdbc:oracle:thin:app/"{p}"@//db01:1521/ORCLPDB1</connection-url>']),
    ("mongo-uri-encoded", "db.ts", URL_RESERVED,
     lambda p, q: [f'const uri = "mongodb+srv://app:{q}@cluster0.ab1cd.mongodb.net/app?retryWrites=true";']),
    ("redis-url-encoded", "cache.env", URL_RESERVED, lambda p, q: [f"CACHE_URL=redis://:{q}@cache01:6379/0"]),
    ("amqp-url", "celeryconfig.py", URL_RESERVED, lambda p, q: [f'broker_url = "amqp://worker:{q}@mq01:5672/%2F"']),
    ("sqlalchemy-pyodbc", "dw.py", URL_RESERVED,
     lambda p, q: [f'engine = create_engine("mssql+pyodbc://etl:{q}@sql01/dw?driver=ODBC+Driver+18+for+SQL+Server")']),
    ("pg-keyword-dsn", "pool.go", "", lambda p, q: [f'dsn := "host=db01 port=5432 dbname=app user=app password=\'{p}\' sslmode=require"']),
    ("oledb", "Report.vbs", CS_RESERVED,
     lambda p, q: [f'conn.Open "Provider=SQLOLEDB;Data Source=sql01;Initial Catalog=app;User ID=app;Pwd={{{p}}};"']),
    ("snowflake-url", "dbt_env.sh", URL_RESERVED,
     lambda p, q: [f"export DBT_SNOWFLAKE_URL='snowflake://loader:{q}@acme-xy12345/analytics/public?warehouse=load_wh'"]),
]


def passwords(corpus):
    rng = rng_for("passwords")
    for form, name, reserved, tmpl in PASSWORD_FORMS:
        for _ in range(2):
            p = human_password(rng, reserved=reserved)
            p = p.replace("'", "").replace('"', "").replace("\\", "").replace("{", "").replace("}", "")
            if "%" in p and not reserved.startswith("@"):
                p = p.replace("%", "#")
            q = quote(p, safe="")
            lines = tmpl(p, q)
            text = "\n".join(lines)
            marker = q if (q in text and p not in text) else p
            corpus.add("passwords", name, lines, True, "password", form, marker=marker)


# --- positives: structured credentials (issue 14 item 3) --------------------------------------------
def pem_escaped(label, der):
    return "\\n".join(pem_armor(label, der)) + "\\n"


def structured(corpus):
    rng = rng_for("structured")
    keys = [rsa_key(rng, 2048) for _ in range(2)]
    for i, k in enumerate(keys):
        proj = rng.choice(["acme-prod", "billing-etl", "acme-analytics"])
        pk = pem_escaped("PRIVATE KEY", rsa_pkcs8_der(k))
        lines = ["{", '  "type": "service_account",', f'  "project_id": "{proj}",',
                 f'  "private_key_id": "{rand(rng, HEX, 40)}",', f'  "private_key": "{pk}",',
                 f'  "client_email": "deployer@{proj}.iam.gserviceaccount.com",',
                 f'  "client_id": "{rng.randrange(10**20, 10**21)}",',
                 '  "token_uri": "https://oauth2.googleapis.com/token"', "}"]
        corpus.add("structured", f"{proj}-sa{i}.json", lines, True, "gcp", "gcp-service-account", line=5)
        # the same kind of file escaped into an env variable
        doc = json.dumps({"type": "service_account", "project_id": proj, "private_key": pk.replace("\\n", "\n"),
                          "client_email": f"ci@{proj}.iam.gserviceaccount.com"})
        corpus.add("structured", ".env.ci", ["CI=true", f"GOOGLE_CREDENTIALS='{doc}'"], True, "gcp",
                   "gcp-service-account-env", line=2)
    for i in range(2):
        acct = rng.choice(["acmeprod", "acmelogs", "backupstore"])
        key = base64.b64encode(rbytes(rng, 64)).decode()
        cs = f"DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={key};EndpointSuffix=core.windows.net"
        name, lines = rng.choice([C.c_webconfig, C.c_vault_kv, C.c_toml_table])(
            dict(id="azure-storage", name="Azure Storage", env="AZURE_STORAGE_CONNECTION_STRING",
                 host=f"{acct}.blob.core.windows.net"), cs, rng)
        corpus.add("structured", name, lines, True, "azure", "azure-storage-connstr", marker=key)
        sig = quote(base64.b64encode(rbytes(rng, 32)).decode(), safe="")
        sas = (f"https://{acct}.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=sco&sp=rwdlac"
               f"&se=2027-01-01T00:00:00Z&st=2026-11-01T00:00:00Z&spr=https&sig={sig}")
        corpus.add("structured", "restore.ps1", [f'$sas = "{sas}"', "azcopy copy $sas ./restore --recursive"], True,
                   "azure", "azure-sas-url", marker=sig)
    for i in range(2):
        lines = pem_armor("ENCRYPTED PRIVATE KEY", encrypted_pkcs8_der(rng, 1218))
        corpus.add("structured", f"signing{i}.key", lines, True, "private-key", "encrypted-pkcs8", line=1)
        corpus.labels[-1]["end_line"] = len(lines)
        body = base64.b64encode(rbytes(rng, 1190)).decode()
        dash = "-" * 5
        legacy = [f"{dash}BEGIN RSA PRIVATE KEY{dash}", "Proc-Type: 4,ENCRYPTED",
                  f"DEK-Info: AES-256-CBC,{rand(rng, UHEX, 32)}", ""] + [body[j:j + 64] for j in range(0, len(body), 64)] + [
            f"{dash}END RSA PRIVATE KEY{dash}"]
        corpus.add("structured", f"legacy{i}.pem", legacy, True, "private-key", "encrypted-pem-legacy", line=1)
        corpus.labels[-1]["end_line"] = len(legacy)
    for i, k in enumerate(keys):
        pem = "\n".join(pem_armor("PRIVATE KEY", rsa_pkcs8_der(k))) + "\n"
        kd = base64.b64encode(pem.encode()).decode()
        lines = ["apiVersion: v1", "kind: Config", "users:", "- name: ci", "  user:",
                 f"    client-certificate-data: {base64.b64encode(b'cert-placeholder-for-ci').decode()}",
                 f"    client-key-data: {kd}"]
        corpus.add("structured", "kubeconfig", lines, True, "kubernetes", "kubeconfig-client-key", line=7)
        tf = ['resource "tls_locally_signed_cert" "ci" {', "  ca_private_key_pem = <<EOT"] + pem.rstrip("\n").split("\n") + ["EOT", "}"]
        corpus.add("structured", "ca.tf", tf, True, "private-key", "pem-in-heredoc", line=3)
        corpus.labels[-1]["end_line"] = len(tf) - 2
    for i in range(2):
        p = human_password(rng)
        auth = base64.b64encode(f"ci-bot:{p}".encode()).decode()
        corpus.add("structured", "config.json", ['{', '  "auths": {', '    "registry.acme.io": {',
                                                 f'      "auth": "{auth}"', "    }", "  }", "}"], True, "docker",
                   "docker-auths", marker=auth)
        wg = base64.b64encode(rbytes(rng, 32)).decode()
        corpus.add("structured", "wg0.conf", ["[Interface]", "Address = 10.8.0.2/24", f"PrivateKey = {wg}", "",
                                              "[Peer]", f"PublicKey = {base64.b64encode(rbytes(rng, 32)).decode()}",
                                              "Endpoint = vpn.acme.io:51820"], True, "wireguard", "wireguard-private", line=3)
        ppk = base64.b64encode(rbytes(rng, 48)).decode()
        corpus.add("structured", "deploy.ppk", ["PuTTY-User-Key-File-3: ssh-ed25519", "Encryption: none",
                                                "Comment: deploy@acme", "Public-Lines: 2",
                                                base64.b64encode(rbytes(rng, 48)).decode(),
                                                base64.b64encode(rbytes(rng, 3)).decode(),
                                                "Private-Lines: 1", ppk, f"Private-MAC: {rand(rng, HEX, 64)}"], True,
                   "private-key", "putty-ppk", line=8)
        npw = base64.b64encode(human_password(rng).encode()).decode()
        corpus.add("structured", ".npmrc", ["registry=https://npm.acme.io/", "//npm.acme.io/:username=ci",
                                            f"//npm.acme.io/:_password={npw}", "//npm.acme.io/:email=ci@acme.io"],
                   True, "npm", "npmrc-password", marker=npw)
        q = quote(human_password(rng, reserved="@:/"), safe="")
        corpus.add("structured", "pip.conf", ["[global]", f"index-url = https://ci:{q}@pypi.acme.io/simple/"], True,
                   "password", "pip-index-url", marker=q)
        mp = human_password(rng).replace("<", "").replace("&", "")
        corpus.add("structured", "settings.xml", ["<settings><servers>", "  <server>", "    <id>releases</id>",
                                                  "    <username>ci</username>", f"    <password>{mp}</password>",
                                                  "  </server>", "</servers></settings>"], True, "password",
                   "maven-server-password", marker=mp)
        ng = human_password(rng).replace("<", "").replace("&", "").replace('"', "")
        corpus.add("structured", "NuGet.Config", ["<configuration>", "  <packageSourceCredentials>", "    <acme>",
                                                  '      <add key="Username" value="ci" />',
                                                  f'      <add key="ClearTextPassword" value="{ng}" />', "    </acme>",
                                                  "  </packageSourceCredentials>", "</configuration>"], True, "password",
                   "nuget-cleartext", marker=ng)


# --- negatives: near misses ------------------------------------------------------------------------
BADCHAR = {"h": "ghijkmnopqrstuvwxyz", "H": "GHIJKLMNPQRSTUVWXYZ", "l": "ABCDEFGHJKLMNPQRSTUVWXYZ",
           "u": "abcdefghjkmnpqrstuvwxyz", "d": "abcdefxyz", "a": "-.+", "s": "+/.", "z": "0189",
           "L": "0123456789", "U": "0123456789", "b": "-_."}


def near_miss(rng, spec, kind):
    segs = F.parse(spec)
    parts = F.fill(rng, segs)
    idx = [i for i, s in enumerate(segs) if not isinstance(s, str)]
    big = max(idx, key=lambda i: segs[i][1])
    code = segs[big][0]
    p = parts[big]
    if code in ("uuid", "UUID"):
        if kind == "short":
            parts[big] = p[:-1]
        elif kind == "long":
            parts[big] = p + rng.choice(HEX)
        else:
            parts[big] = p[:9] + ("g" if code == "uuid" else "G") + p[10:]
    elif kind == "short":
        parts[big] = p[:-1]
    elif kind == "long":
        parts[big] = p + rand(rng, F.ALPHA[code], 1)
    elif kind == "badchar":
        pos = len(p) // 2
        parts[big] = p[:pos] + rng.choice(BADCHAR[code]) + p[pos + 1:]
    elif kind == "prefixcase":
        parts[0] = parts[0].swapcase()
    return "".join(parts)


def near_kinds(row):
    segs = F.parse(row[5])
    ks = []
    if row[6]:
        ks += ["short", "long"]
    big = max((s for s in segs if not isinstance(s, str)), key=lambda s: s[1])
    if big[0] in BADCHAR or big[0] in ("uuid", "UUID"):
        ks.append("badchar")
    if isinstance(segs[0], str) and any(c.isalpha() for c in segs[0]) and len(segs[0]) >= 3:
        ks.append("prefixcase")
    return ks


def special_near(rng):
    """One-character near misses of the structured formats: a fixed-width group one short or with a
    character outside its alphabet."""
    d = string.digits
    return [
        ("braintree", f"access_token$production${rand(rng, LOWALNUM, 16)}${rand(rng, HEX, 31)}", "near-miss-short"),
        ("braintree", f"access_token$production${rand(rng, LOWALNUM, 16)}${rand(rng, HEX, 15)}q{rand(rng, HEX, 16)}", "near-miss-badchar"),
        ("mercadopago", f"APP_USR-{rand(rng, d, 16)}-{rand(rng, d, 6)}-{rand(rng, HEX, 31)}-{rand(rng, d, 9)}", "near-miss-short"),
        ("mercadopago", f"APP_USR-{rand(rng, d, 15)}x-{rand(rng, d, 6)}-{rand(rng, HEX, 32)}-{rand(rng, d, 9)}", "near-miss-badchar"),
        ("akamai", f"akab-{rand(rng, LOWALNUM, 16)}-{rand(rng, LOWALNUM, 15)}", "near-miss-short"),
        ("akamai", f"akab-{rand(rng, LOWALNUM, 8)}_{rand(rng, LOWALNUM, 7)}-{rand(rng, LOWALNUM, 16)}", "near-miss-badchar"),
        ("github-fine", f"github_pat_11{rand(rng, UPALNUM, 20)}_{rand(rng, ALNUM, 58)}", "near-miss-short"),
        ("github-fine", f"github_pat_11{rand(rng, UPALNUM, 20)}_{rand(rng, ALNUM, 60)}", "near-miss-long"),
        ("terraform-cloud", f"{rand(rng, ALNUM, 14)}.atlasv1.{rand(rng, ALNUM, 66)}", "near-miss-short"),
        ("openrouteservice", "5b3ce3597851110001cf6248" + rand(rng, HEX, 31), "near-miss-short"),
        ("openrouteservice", "5b3ce3597851110001cf6248" + rand(rng, HEX, 16) + "x" + rand(rng, HEX, 15), "near-miss-badchar"),
        ("salesloft", f"v2_ak_{rng.randrange(10000, 999999)}_{rand(rng, HEX, 63)}", "near-miss-short"),
        ("gcs-hmac", "GOOG1E" + rand(rng, UPALNUM, 54), "near-miss-short"),
        ("gcs-hmac", "GOOG1E" + rand(rng, UPALNUM, 27) + "q" + rand(rng, UPALNUM, 27), "near-miss-badchar"),
        ("slack-webhook", f"https://hooks.slack.com/services/T{rand(rng, UPALNUM, 10)}/B{rand(rng, UPALNUM, 10)}/{rand(rng, ALNUM, 23)}",
         "near-miss-short"),
        ("matrix", "syt_" + base64.b64encode(b"alice").decode().rstrip("=") + "_" + rand(rng, ALNUM, 19) + "_" + rand(rng, ALNUM, 6),
         "near-miss-short"),
    ]


def near_misses(corpus):
    rng = rng_for("near-miss")
    for row in F.PREFIXED:
        if row[5] in F.SPECIAL:
            continue
        for kind in near_kinds(row)[:3]:
            v = near_miss(rng, row[5], kind)
            place(corpus, "negatives", rng, svc(row), v, False, row[0], f"near-miss-{kind}", named=False)
    for pid, v, form in special_near(rng):
        place(corpus, "negatives", rng, svc(F.BY_ID[pid]), v, False, pid, form, named=False)
    for row in F.LONGTAIL:
        if row[5] in F.SPECIAL:
            continue
        segs = F.parse(row[5])
        big = max((s for s in segs if not isinstance(s, str)), key=lambda s: s[1])
        if big[0] in ("h", "H"):
            kind = rng.choice(["short", "long", "badchar"])
        elif big[0] in ("uuid", "UUID"):
            kind = rng.choice(["short", "badchar"])
        else:
            continue
        v = near_miss(rng, row[5], kind)
        place(corpus, "negatives", rng, svc(row), v, False, row[0], f"near-miss-{kind}", named=True)
    # wrong checksums: GitHub / npm CRC32 with one character of the checksum changed
    gh = dict(id="github", name="GitHub", env="GITHUB_TOKEN", host="api.github.com")
    for prefix in ("ghp_", "gho_", "ghr_", "npm_", "ghp_", "npm_"):
        body = rand(rng, ALNUM, 30)
        crc = crc32_base62(body)
        i = rng.randrange(6)
        bad = crc[:i] + ("Z" if crc[i] != "Z" else "Y") + crc[i + 1:]
        place(corpus, "negatives", rng, gh, prefix + body + bad, False, "github", "near-miss-badcrc", named=False)


# --- negatives: placeholders -------------------------------------------------------------------------
def built(rng, code, n, form):
    if form == "ph-alpha-run":
        base = "0123456789abcdef" if code in ("h", "H") else string.ascii_lowercase + string.digits
        s = (base * 10)[rng.randrange(len(base)):][:n]
    elif form == "ph-countdown":
        s = ("9876543210" * 30)[rng.randrange(10):][:n] if code in ("d", "h", "H") else \
            ("zyxwvutsrqponmlkjihgfedcba9876543210" * 10)[:n]
    elif form == "ph-alternating":
        s = "".join(("a" if code in ("h", "l", "z", "L") else "Q") if i % 2 == 0 else str(i // 2 % 10) for i in range(n))
    elif form == "ph-repeated-block":
        blk = rand(rng, F.ALPHA.get(code, ALNUM), rng.choice([3, 6, 7]))
        s = (blk * 60)[:n]
    elif form == "ph-mixed-words":
        s = ("YourApiKeyGoesHere" * 10)[:n] if code not in ("h", "H", "d") else ("deadbeef" * 20)[:n]
    else:  # ph-filler
        s = ("X" if code not in ("d", "h", "H", "z") else "0") * n
    if code in ("H", "U", "u"):
        s = s.upper()
    if code in ("L", "l", "h", "z"):
        s = s.lower()
    if code == "z":
        s = s.translate(str.maketrans("0189", "2345"))
    if code == "d":
        s = "".join(c if c.isdigit() else "0" for c in s)
    return s


def placeholders(corpus):
    rng = rng_for("placeholders")
    forms = ["ph-alpha-run", "ph-countdown", "ph-alternating", "ph-repeated-block", "ph-filler", "ph-mixed-words"]
    rows = [r for r in F.PREFIXED if r[5] not in F.SPECIAL]
    for i, row in enumerate(rows):
        form = forms[i % len(forms)]
        parts = []
        for seg in F.parse(row[5]):
            if isinstance(seg, str):
                parts.append(seg)
            elif seg[0] in ("uuid", "UUID"):
                parts.append("00000000-0000-0000-0000-000000000000")
            else:
                parts.append(built(rng, seg[0], seg[1], form))
        place(corpus, "negatives", rng, svc(row), "".join(parts), False, row[0], form, named=False)
    # values too short for the format they claim, after a real prefix
    short = ["aio_1234", "wg_abc123", "sk1_deadbeef", "nfp_test", "tgp_v1_demo", "rpa_XXXX", "bg_1234abcd",
             "lin_api_example", "PMAK-123", "GOCSPX-abc", "shpat_1234", "AIzaSyExample", "sk_sbox_xxx", "token_abc",
             "BBFF-demo"]
    for v in short:
        row = next((r for r in F.PREFIXED if isinstance(F.parse(r[5])[0], str) and v.startswith(F.parse(r[5])[0])),
                   None) or rng.choice(F.PREFIXED)
        place(corpus, "negatives", rng, svc(row), v, False, row[0], "ph-too-short", named=True)
    # documentation examples and fill-in-the-blank values next to a service's name
    docs = ["<YOUR_ALGOLIA_ADMIN_KEY>", "your-zendesk-api-token", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "{{ datadog_api_key }}",
            "${{ secrets.FASTLY_API_TOKEN }}", "%(MISTRAL_API_KEY)s", "$COHERE_API_KEY", "#{ENV['ZOOM_CLIENT_SECRET']}",
            "!vault |", "ENC[AES256_GCM,data:,iv:,tag:,type:str]", "op://Private/Bybit/credential",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/lever-AbCdEf", "vault:secret/data/pagerduty#key",
            "projects/acme/secrets/attio-key/versions/latest", "sk_sbox_<your-secret-key>", "aio_XXXXXXXXXXXXXXXXXXXXXXXXXXXX",
            "wg_<api key>", "tgp_v1_...", "REPLACE_WITH_YOUR_TOKEN", "changeme", "<redacted>", "***redacted***",
            "sk1_" + "x" * 64, "EZAK" + "X" * 54, "CHANGE-ME-IN-PROD", "placeholder", "dummy-key-for-tests",
            "00000000000000000000000000000000", "ffffffffffffffffffffffffffffffff", "your_api_key_here",
            "...", "<token>", "Bearer <access_token>", "api-key-goes-here", "test", "N/A"]
    for w in docs:
        row = rng.choice(F.LONGTAIL + F.PREFIXED)
        place(corpus, "negatives", rng, svc(row), w, False, row[0], "ph-doc-example", named=True)


# --- negatives: identifiers --------------------------------------------------------------------------
def identifiers(corpus):
    rng = rng_for("identifiers")
    h = lambda n: rand(rng, HEX, n)  # noqa: E731
    a = lambda n: rand(rng, ALNUM, n)  # noqa: E731
    b64 = lambda n: base64.b64encode(rbytes(rng, n)).decode()  # noqa: E731
    d = lambda n: rand(rng, string.digits, n)  # noqa: E731
    cases = [
        ("build-coords", "pom.xml", lambda: ["<dependency>", "  <groupId>com.acme.security</groupId>",
                                              "  <artifactId>api-key-rotator</artifactId>",
                                              f"  <version>{rng.randrange(1, 9)}.{rng.randrange(30)}.{rng.randrange(9)}</version>",
                                              "</dependency>"]),
        ("build-coords", "libs.versions.toml", lambda: ["[libraries]",
                                                        f'okhttp = "com.squareup.okhttp3:okhttp:4.{rng.randrange(9, 13)}.0"',
                                                        f'stripe = "com.stripe:stripe-java:{rng.randrange(20, 29)}.{rng.randrange(9)}.0"']),
        ("build-coords", "build.gradle.kts", lambda: [f'implementation("io.sentry:sentry-android:7.{rng.randrange(20)}.{rng.randrange(5)}")',
                                                      'implementation("com.datadoghq:dd-sdk-android-rum:2.14.0")']),
        ("lock-hash", "package-lock.json", lambda: ['"node_modules/@sendgrid/mail": {', '  "version": "8.1.4",',
                                                    '  "resolved": "https://registry.npmjs.org/@sendgrid/mail/-/mail-8.1.4.tgz",',
                                                    f'  "integrity": "sha512-{b64(64)}"', "}"]),
        ("lock-hash", "yarn.lock", lambda: ['"@algolia/client-search@^5.0.0":', '  version "5.12.0"',
                                            f'  resolved "https://registry.yarnpkg.com/@algolia/client-search/-/client-search-5.12.0.tgz#{h(40)}"',
                                            f"  integrity sha512-{b64(64)}"]),
        ("lock-hash", "Cargo.lock", lambda: ["[[package]]", 'name = "reqwest"', 'version = "0.12.9"',
                                             'source = "registry+https://github.com/rust-lang/crates.io-index"',
                                             f'checksum = "{h(64)}"']),
        ("lock-hash", "go.sum", lambda: [f"github.com/stripe/stripe-go/v76 v76.25.0 h1:{b64(32)}",
                                         f"github.com/stripe/stripe-go/v76 v76.25.0/go.mod h1:{b64(32)}"]),
        ("lock-hash", "poetry.lock", lambda: ["[[package]]", 'name = "cohere"', 'version = "5.11.0"', "files = [",
                                              f'    {{file = "cohere-5.11.0-py3-none-any.whl", hash = "sha256:{h(64)}"}},', "]"]),
        ("lock-hash", "flake.lock", lambda: ['{"nodes": {"nixpkgs": {"locked": {', f'  "narHash": "sha256-{b64(32)}",',
                                             f'  "rev": "{h(40)}"', "}}}}"]),
        ("lock-hash", "Package.resolved", lambda: ['{ "pins": [ { "identity": "mixpanel-swift",',
                                                   f'  "state": {{ "revision": "{h(40)}", "version": "4.3.0" }} }} ] }}']),
        ("lock-hash", "WORKSPACE", lambda: ["http_archive(", '    name = "rules_go",', f'    sha256 = "{h(64)}",',
                                            '    urls = ["https://github.com/bazelbuild/rules_go/releases/download/v0.50.1/rules_go-v0.50.1.zip"],', ")"]),
        ("lock-hash", "Formula.rb", lambda: ['url "https://github.com/acme/keytool/archive/refs/tags/v1.4.0.tar.gz"',
                                             f'sha256 "{h(64)}"']),
        ("snake-name", "metrics.go", lambda: [f'const metricName = "pagerduty_api_key_rotation_seconds_bucket_v{rng.randrange(2, 9)}"']),
        ("snake-name", "flags.py", lambda: [f'FEATURE_FLAG = "enable_zendesk_token_refresh_{rng.randrange(2019, 2027)}_q{rng.randrange(1, 5)}"']),
        ("snake-name", "events.kt", lambda: [f'const val EVENT = "auth_password_reset_requested_v{rng.randrange(2, 9)}"']),
        ("image-digest", "deploy.yaml", lambda: [f"image: ghcr.io/acme/worker@sha256:{h(64)}"]),
        ("k8s-uid", "pod.json", lambda: ['{"metadata": {', f'  "uid": "{uuid4(rng)}",', f'  "resourceVersion": "{d(8)}",',
                                         '  "name": "zendesk-sync-7f9c"', "}}"]),
        ("tfstate-lineage", "terraform.tfstate", lambda: ['{"version": 4, "terraform_version": "1.9.8",',
                                                          f'  "serial": {rng.randrange(1, 400)}, "lineage": "{uuid4(rng)}",',
                                                          '  "outputs": {}}']),
        ("cloudflare-ids", "cloudflare.tf", lambda: [f'zone_id    = "{h(32)}"', f'account_id = "{h(32)}"',
                                                     'api_token  = var.cloudflare_api_token']),
        ("twilio-sid", "sms.yaml", lambda: ["twilio:", f"  account_sid: AC{h(32)}", "  auth_token: ${TWILIO_AUTH_TOKEN}"]),
        ("client-id", "oauth.env", lambda: [f"ZOOM_CLIENT_ID={a(22)}", "ZOOM_CLIENT_SECRET=${ZOOM_CLIENT_SECRET}"]),
        ("client-id", "docusign.json", lambda: ['{', f'  "integrationKey": "{uuid4(rng)}",', f'  "userId": "{uuid4(rng)}",',
                                                f'  "accountId": "{uuid4(rng)}",', '  "privateKeyPath": "./keys/docusign.pem"', '}']),
        ("account-id", "datadog.yaml", lambda: ["datadog:", "  site: datadoghq.eu", f"  org_id: {d(6)}",
                                                "  api_key: ENC[datadog_api_key]"]),
        ("account-id", "algolia.ts", lambda: [f"export const ALGOLIA_APP_ID = '{rand(rng, UPALNUM, 10)}';",
                                              "export const ALGOLIA_INDEX = 'products_prod';"]),
        ("account-id", "snyk.yml", lambda: [f"snyk_org_id: {uuid4(rng)}", f"snyk_project_id: {uuid4(rng)}"]),
        ("account-id", "pagerduty.tf", lambda: [f'service_id        = "P{rand(rng, UPALNUM, 6)}"',
                                                f'escalation_policy = "P{rand(rng, UPALNUM, 6)}"']),
        ("public-key", "id_ed25519.pub", lambda: [f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{rand(rng, B64, 43)} deploy@acme"]),
        ("public-key", "wg-peer.conf", lambda: ["[Peer]", f"PublicKey = {b64(32)}", "AllowedIPs = 10.8.0.0/24"]),
        ("public-key", "spki.pem", lambda: pem_armor("PUBLIC KEY", rsa_spki_der(PUBKEY))),
        ("trace-id", "trace.json", lambda: [f'{{"trace_id": "{h(32)}", "span_id": "{h(16)}", "service": "bybit-sync"}}']),
        ("git-sha", "RELEASES.md", lambda: [f"- Rotate Linear API key handling ({h(40)})", f"- Fix Fastly purge ({h(12)})"]),
        ("sri", "index.html", lambda: [f'<script src="https://cdn.acme.io/app.js" integrity="sha384-{b64(48)}" crossorigin="anonymous"></script>']),
        ("etag", "s3-listing.xml", lambda: ["<Contents>", "  <Key>backups/db.sql.gz</Key>", f"  <ETag>&quot;{h(32)}&quot;</ETag>",
                                            "</Contents>"]),
        ("slack-ids", "channels.yml", lambda: [f"alerts_channel: C0{rand(rng, UPALNUM, 9)}", f"oncall_user: U0{rand(rng, UPALNUM, 9)}"]),
        ("unity-guid", "Player.prefab.meta", lambda: ["fileFormatVersion: 2", f"guid: {h(32)}"]),
        ("eth-address", "addresses.json", lambda: ['{', f'  "usdc": "0x{h(40)}",', f'  "treasury": "0x{h(40)}"', '}']),
        ("solana-address", "programs.ts", lambda: [f"export const PROGRAM_ID = new PublicKey('{rand(rng, F.BASE58, 44)}');"]),
        ("content-hash", "asset-manifest.json", lambda: ['{', f'  "main.js": "/static/js/main.{h(8)}.js",',
                                                         f'  "runtime.js": "/static/js/runtime.{h(20)}.js"', '}']),
        ("azurite-dev", "local.settings.json", lambda: ['{ "Values": {', '  "AzureWebJobsStorage": "UseDevelopmentStorage=true"', "} }"]),
        ("csp-hash", "nginx.conf", lambda: [f"add_header Content-Security-Policy \"script-src 'self' 'sha256-{b64(32)}'\";"]),
        ("gpg-fingerprint", "SECURITY.md", lambda: [f"Our release key: `{' '.join(rand(rng, UHEX, 4) for _ in range(10))}`"]),
        ("base64-config", "feature.json", lambda: ['{', '  "payload": "' + FEATURE_B64 + '"', '}']),
        ("empty-sa", "sa-template.json", lambda: ['{', '  "type": "service_account",', '  "project_id": "acme-prod",',
                                                  '  "private_key": "",', '  "client_email": "deployer@acme-prod.iam.gserviceaccount.com"', '}']),
    ]
    for _ in range(2):
        for form, name, fn in cases:
            corpus.add("negatives", name, fn(), False, "none", form)


PUBKEY = None
FEATURE_B64 = base64.b64encode(json.dumps({"theme": "dark", "beta": True}).encode()).decode()


# --- negatives: ordinary code -------------------------------------------------------------------------
ORDINARY = [
    ("Config.kt", ['val apiKey: String = System.getenv("MISTRAL_API_KEY") ?: error("MISTRAL_API_KEY not set")']),
    ("Secrets.swift", ['let token = ProcessInfo.processInfo.environment["EXPO_TOKEN"] ?? ""']),
    ("config.zig", ['const key = std.posix.getenv("LINODE_TOKEN") orelse return error.MissingToken;']),
    ("Settings.vb", ['Dim key As String = Environment.GetEnvironmentVariable("ZENDESK_API_TOKEN")']),
    ("setup.jl", ['key = get(ENV, "COHERE_API_KEY", "")']),
    ("config.edn", ['{:fastly {:token #env FASTLY_API_TOKEN}}']),
    ("auth.py", ["if password == confirm_password:", "    user.set_password(password)"]),
    ("auth.py", ['if password == "":', '    raise ValueError("password required")']),
    ("Login.cs", ["var cred = new NetworkCredential(userName, password, domain);"]),
    ("client.py", ['r = requests.get(url, auth=(user, os.environ["JIRA_PASSWORD"]))']),
    ("mailer.js", ["auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },"]),
    ("db.go", ['req.SetBasicAuth(cfg.User, cfg.Password)']),
    ("restore.sh", ["mysql -u root -p shop < dump.sql   # prompts for the password"]),
    ("login.sh", ['docker login -u ci --password-stdin registry.acme.io < "$REGISTRY_PASSWORD_FILE"']),
    ("deploy.sh", ['sshpass -f ~/.ssh/deploy.pass ssh deploy@web01 uptime']),
    ("migrate.sh", ['PGPASSWORD="$(cat /run/secrets/pg_password)" psql -h db01 -U app app']),
    ("users.sql", ["CREATE USER app IDENTIFIED EXTERNALLY;", "CREATE USER 'ops'@'localhost' IDENTIFIED WITH auth_socket;"]),
    ("bind.sql", ["ALTER USER app IDENTIFIED BY :new_password;"]),
    ("appsettings.json", ['{ "ConnectionStrings": { "Db": "Server=sql01;Database=app;User Id=app;Password=${DB_PASSWORD};" } }']),
    ("etl.py", ['cs = f"DRIVER={{ODBC Driver 18 for SQL Server}};SERVER=sql01;UID={uid};PWD={{{pwd}}};"']),
    ("application.properties", ["spring.datasource.url=jdbc:mysql://db01/shop?user=shop&password=${DB_PASSWORD}"]),
    ("db.ts", ["const uri = `mongodb+srv://${process.env.MONGO_USER}:${process.env.MONGO_PASS}@cluster0.mongodb.net/app`;"]),
    ("settings.xml", ["<server>", "  <id>releases</id>", "  <username>${env.NEXUS_USER}</username>",
                      "  <password>${env.NEXUS_PASSWORD}</password>", "</server>"]),
    ("NuGet.Config", ['<add key="ClearTextPassword" value="%NUGET_PASSWORD%" />']),
    ("ci.yml", ["      - uses: docker/login-action@v3", "        with:", "          username: ${{ github.actor }}",
                "          password: ${{ secrets.GITHUB_TOKEN }}"]),
    ("constants.py", ["PASSWORD_MIN_LENGTH = 12", "BCRYPT_ROUNDS = 12", "PASSWORD_RESET_TIMEOUT = 259200",
                      'TOKEN_TYPE = "bearer"', 'GRANT_TYPE = "password"']),
    ("form.html", ['<input type="password" name="password" autocomplete="current-password" required>']),
    ("validators.ts", ["export const PASSWORD_RE = /^(?=.*[A-Z])(?=.*\\d)(?=.*[^\\w]).{12,}$/;"]),
    ("Account.java", ["public void setPassword(String newPassword) {", "    this.passwordHash = encoder.encode(newPassword);", "}"]),
    ("test_auth.py", ['def test_rejects_wrong_password(client):', '    resp = client.post("/login", data={"user": "a", "password": ""})',
                      "    assert resp.status_code == 401"]),
    ("odbc.ini", ["[dw]", "Driver=ODBC Driver 18 for SQL Server", "Server=sql01", "Trusted_Connection=yes"]),
    ("grafana.ini", ["[security]", "admin_password = $__file{/etc/secrets/grafana_admin}"]),
    ("vault.hcl", ['seal "awskms" {', '  kms_key_id = "alias/vault-unseal"', "}"]),
    ("README.md", ["Set `PAGERDUTY_ROUTING_KEY` to the 32-character integration key from the service's Integrations tab.",
                   "Bybit secrets are 36 characters; never commit them."]),
    ("errors.rs", ['return Err(anyhow!("invalid Linode token: expected 64 hex characters"));']),
    ("Makefile", ["deploy:", "\t@test -n \"$(FASTLY_API_TOKEN)\" || (echo FASTLY_API_TOKEN unset; exit 1)"]),
    ("kubeconfig", ["users:", "- name: eks", "  user:", "    exec:", "      apiVersion: client.authentication.k8s.io/v1beta1",
                    "      command: aws", "      args: [eks, get-token, --cluster-name, prod]"]),
    ("docker-config.json", ['{ "credsStore": "desktop", "auths": { "registry.acme.io": {} } }']),
]


def ordinary(corpus):
    for name, lines in ORDINARY:
        corpus.add("negatives", name, lines, False, "none", "ordinary-code")


def main():
    global PUBKEY
    PUBKEY = rsa_key(rng_for("pubkey"), 1024)
    generate_main(__doc__, "/work/scratch/heldout4", [positives, passwords, structured, near_misses, placeholders,
                                                      identifiers, ordinary])


if __name__ == "__main__":
    main()
