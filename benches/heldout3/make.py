#!/usr/bin/env python3
"""Write the third held-out corpus (issue 14) and its labels.

    python3 benches/heldout3/make.py [DIR]        # default /work/scratch/heldout3

Written blind to vaultsweep's rules, like heldout2, but with other providers (the long tail:
analytics, monitoring, CI/CD, CRM, messaging, payment, maps, e-mail, SMS, feature flags, search,
AI), other containers (containers.py) and a larger share of hard decoys: one-character near misses
of documented formats, wrong checksums, placeholders a person built, documentation examples, and
identifiers that are not secrets. Labels and scoring are benches/heldout's. Deterministic.
"""

import base64
import hashlib
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
from hcommon import (generate_main, ALNUM, BECH32, HEX, LOWALNUM, UPALNUM, URLSAFE, Corpus, bech32_encode,  # noqa: E402
                     crc32_base62, human_password, rand, rbytes, to5, uuid4)

SEED = "vaultsweep-heldout3-v1"


def rng_for(name):
    return random.Random(f"{SEED}/{name}")


def svc(row):
    return dict(id=row[0], name=row[2], env=row[3], host=row[4])


# containers in which a URL-shaped value reads naturally
URL_OK = [C.c_systemd, C.c_compose_list, C.c_powershell, C.c_batch, C.c_makefile, C.c_ecs, C.c_gitlab_ci,
          C.c_serverless, C.c_c_header, C.c_dart, C.c_nix, C.c_kustomize, C.c_email, C.c_generic_yaml,
          C.c_generic_go]


def pool_for(value, named):
    if value.startswith("https://"):
        return URL_OK
    return C.NAMED if named else C.ALL


def place(corpus, group, rng, s, value, positive, provider, form, named):
    fn = rng.choice(pool_for(value, named))
    name, lines = fn(s, value, rng)
    corpus.add(group, name, lines, positive, provider, form, marker=value if positive else None)


# --- positives ----------------------------------------------------------------------------------
def positives(corpus):
    rng = rng_for("prefixed")
    for row in F.PREFIXED:
        for _ in range(3):
            place(corpus, "prefixed", rng, svc(row), F.make(rng, row[5]), True, row[0], row[1], named=False)
    rng = rng_for("longtail")
    for row in F.LONGTAIL:
        for _ in range(3):
            place(corpus, "longtail", rng, svc(row), F.make(rng, row[5]), True, row[0], row[1], named=True)
    # known checksummed formats in the new containers (GitHub, npm CRC32; age bech32)
    rng = rng_for("checksummed")
    gh = dict(id="github", name="GitHub", env="GH_TOKEN", host="api.github.com")
    for prefix in ("ghp_", "ghs_", "ghu_", "gho_", "npm_"):
        for _ in range(2):
            body = rand(rng, ALNUM, 30)
            v = prefix + body + crc32_base62(body)
            place(corpus, "prefixed", rng, gh, v, True, "github" if prefix != "npm_" else "npm", "checksummed", False)
    for _ in range(3):
        v = bech32_encode("age-secret-key-", to5(rbytes(rng, 32))).upper()
        place(corpus, "prefixed", rng, dict(id="age", name="age", env="SOPS_AGE_KEY", host="localhost"), v, True,
              "age", "checksummed", False)


PASSWORD_FORMS = [
    ("powershell-securestring", "deploy.ps1",
     lambda p, q: [f'$pw = ConvertTo-SecureString "{p}" -AsPlainText -Force',
                   '$cred = New-Object System.Management.Automation.PSCredential("svc_deploy", $pw)']),
    ("net-use", "map.cmd", lambda p, q: [f"net use Z: \\\\files01\\share /user:ACME\\backup {p}"]),
    ("sqlcmd", "restore.sh", lambda p, q: [f"sqlcmd -S db01 -U sa -P '{p}' -i restore.sql"]),
    ("redis-cli", "flush.sh", lambda p, q: [f"redis-cli -h cache01 -a '{p}' FLUSHDB"]),
    ("mongosh", "seed.sh", lambda p, q: [f"mongosh --host db01 -u admin --password '{p}' --authenticationDatabase admin"]),
    ("rabbitmqctl", "mq.sh", lambda p, q: [f"rabbitmqctl add_user worker '{p}'"]),
    ("mount-cifs", "fstab", lambda p, q: [f"//nas01/backup /mnt/backup cifs username=backup,password={p},uid=1000 0 0"]),
    ("openssl-pass", "mkcert.sh", lambda p, q: [f"openssl pkcs12 -export -in c.pem -inkey k.pem -out c.p12 -passout pass:{p}"]),
    ("keytool", "keystore.sh", lambda p, q: [f"keytool -importkeystore -srckeystore a.p12 -destkeystore a.jks -deststorepass '{p}'"]),
    ("zip-p", "archive.sh", lambda p, q: [f"zip -r -P '{p}' export.zip ./export"]),
    ("my-cnf", ".my.cnf", lambda p, q: ["[client]", "user=backup", f"password={p}", "host=db01"]),
    ("ftp-url", "sync.py", lambda p, q: [f'FTP_URL = "ftp://uploader:{q}@ftp.acme.io/incoming"']),
    ("smtp-url", "settings.py", lambda p, q: [f'EMAIL_URL = "smtp+tls://mailer:{q}@smtp.acme.io:587"']),
    ("paramiko", "ssh.py", lambda p, q: [f'client.connect("bastion", username="ops", password="{p}")']),
    ("pymysql", "etl.py", lambda p, q: [f'conn = pymysql.connect(host="db01", user="etl", passwd="{p}", db="dw")']),
    ("go-plainauth", "mail.go", lambda p, q: [f'auth := smtp.PlainAuth("", "alerts@acme.io", "{p}", "smtp.acme.io")']),
    ("spring-token", "AuthTest.java",
     lambda p, q: [f'Authentication a = authManager.authenticate(new UsernamePasswordAuthenticationToken("admin", "{p}"));']),
    ("elixir-repo", "prod.exs", lambda p, q: ["config :acme, Acme.Repo,", '  username: "acme",', f'  password: "{p}",',
                                               '  hostname: "db01"']),
    ("jenkins-cred", "Jenkinsfile", lambda p, q: [f"sh \"curl -u deploy:{p} https://nexus.acme.io/service/rest/v1/status\""]),
    ("useradd", "provision.sh", lambda p, q: [f"echo 'deploy:{p}' | chpasswd"]),
    ("docker-stdin", "login.sh", lambda p, q: [f"echo '{p}' | docker login registry.acme.io -u ci --password-stdin"]),
    ("ldap-bind", "ldap.py", lambda p, q: [f'conn = ldap3.Connection(server, "cn=svc,dc=acme,dc=io", "{p}", auto_bind=True)']),
    ("hocon-db", "application.conf", lambda p, q: ["db.default {", '  url = "jdbc:postgresql://db01/app"', '  user = "app"',
                                                    f'  password = "{p}"', "}"]),
    ("systemd-env", "app.service", lambda p, q: ["[Service]", f'Environment="DB_PASSWORD={p}"']),
    ("php-mysqli", "db.php", lambda p, q: [f"$db = new mysqli('db01', 'shop', '{p}', 'shop');"]),
    ("npgsql", "appsettings.Production.json",
     lambda p, q: ['{ "ConnectionStrings": {', f'  "Main": "Host=db01;Username=app;Password={p};Database=app"', "} }"]),
    ("oracle-sqlplus", "report.sh", lambda p, q: [f"sqlplus -s reporter/{q}@//ora01:1521/ORCL @report.sql"]),
    ("ruby-pg", "db.rb", lambda p, q: [f"PG.connect(host: 'db01', user: 'app', password: '{p}', dbname: 'app')"]),
    ("ini-section", "odbc.ini", lambda p, q: ["[reporting]", "Driver=PostgreSQL", "Servername=db01",
                                               "Username=report", f"Password={p}"]),
    ("ps-credential-xml", "creds.xml", lambda p, q: ['<Credential>', '  <UserName>ACME\\svc_sql</UserName>',
                                                      f'  <Password>{p}</Password>', '</Credential>']),
]


def passwords(corpus):
    rng = rng_for("passwords")
    for form, name, tmpl in PASSWORD_FORMS:
        for _ in range(2):
            p = human_password(rng, reserved="@:/#%" if form.endswith("url") or form == "oracle-sqlplus" else "")
            p = p.replace("'", "").replace('"', "").replace("\\", "")
            q = quote(p, safe="")
            lines = tmpl(p, q)
            text = "\n".join(lines)
            marker = q if q in text and p not in text else p
            corpus.add("passwords", name, lines, True, "password", form, marker=marker)


# --- negatives ----------------------------------------------------------------------------------
BADCHAR = {"h": "ghijkmnopqrstuvwxyz", "H": "GHIJKLMNPQRSTUVWXYZ", "l": "ABCDEFGHJKLMNPQRSTUVWXYZ",
           "u": "abcdefghjkmnpqrstuvwxyz", "d": "abcdefxyz", "a": "-_.", "s": "+/.", "z": "0189",
           "L": "0123456789", "U": "0123456789"}


def near_miss(rng, row, kind):
    segs = F.parse(row[5])
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
        elif kind == "badchar":
            parts[big] = p[:9] + "g" + p[10:] if code == "uuid" else p[:9] + "G" + p[10:]
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


def near_misses(corpus):
    rng = rng_for("near-miss")
    for row in F.PREFIXED:
        if row[5] in F.SPECIAL:
            continue
        for kind in near_kinds(row)[:3]:
            v = near_miss(rng, row, kind)
            place(corpus, "negatives", rng, svc(row), v, False, row[0], f"near-miss-{kind}", named=False)
    for row in F.LONGTAIL:
        if row[5] in F.SPECIAL:
            continue
        segs = F.parse(row[5])
        big = max((s for s in segs if not isinstance(s, str)), key=lambda s: s[1])
        if big[0] in ("h", "H", "uuid", "UUID"):
            kind = rng.choice(["short", "badchar"]) if big[0] in ("uuid", "UUID") else "short"
            v = near_miss(rng, row + (True,), kind)
            place(corpus, "negatives", rng, svc(row), v, False, row[0], f"near-miss-{kind}", named=True)
    # wrong checksums: GitHub/npm CRC32 with the last character changed; age with a bad bech32 checksum
    gh = dict(id="github", name="GitHub", env="GH_TOKEN", host="api.github.com")
    for prefix in ("ghp_", "ghs_", "ghu_", "gho_", "npm_", "ghp_", "ghs_", "npm_"):
        body = rand(rng, ALNUM, 30)
        crc = crc32_base62(body)
        bad = crc[:-1] + ("a" if crc[-1] != "a" else "b")
        place(corpus, "negatives", rng, gh, prefix + body + bad, False, "github", "near-miss-badcrc", named=False)
    for _ in range(4):
        v = bech32_encode("age-secret-key-", to5(rbytes(rng, 32))).upper()
        last = v[-1]
        alt = [c for c in BECH32.upper() if c != last]
        v = v[:-1] + rng.choice(alt)
        place(corpus, "negatives", rng, dict(id="age", name="age", env="SOPS_AGE_KEY", host="localhost"), v, False,
              "age", "near-miss-badcrc", named=False)


def built(rng, code, n, form):
    if form == "ph-alpha-run":
        base = string.ascii_lowercase + string.digits if code not in ("h", "H") else "0123456789abcdef"
        s = (base * 10)[rng.randrange(len(base)):][:n]
    elif form == "ph-countdown":
        s = ("9876543210" * 30)[rng.randrange(10):][:n]
        if code not in ("d", "h", "H"):
            s = ("zyxwvutsrqponmlkjihgfedcba9876543210" * 10)[:n]
    elif form == "ph-alternating":
        s = "".join(("X" if i % 2 == 0 else str(9 - (i // 2) % 10)) for i in range(n))
        if code in ("h", "l", "L"):
            s = "".join(("a" if i % 2 == 0 else str(9 - (i // 2) % 10)) for i in range(n))
    elif form == "ph-repeated-block":
        blk = rand(rng, F.ALPHA.get(code, ALNUM) if code not in ("uuid", "UUID") else HEX, rng.choice([4, 5, 8]))
        s = (blk * 60)[:n]
    else:  # ph-filler
        s = ("x" if code not in ("d", "h", "H") else "0") * n
    if code == "H" or code == "U":
        s = s.upper()
    if code in ("L", "l", "h", "z"):
        s = s.lower()
    if code == "z":
        s = s.translate(str.maketrans("0189", "2345"))
    return s


def placeholders(corpus):
    rng = rng_for("placeholders")
    forms = ["ph-alpha-run", "ph-countdown", "ph-alternating", "ph-repeated-block", "ph-filler"]
    rows = [r for r in F.PREFIXED if r[5] not in F.SPECIAL]
    for i, row in enumerate(rows):
        form = forms[i % len(forms)]
        parts = []
        for seg in F.parse(row[5]):
            if isinstance(seg, str):
                parts.append(seg)
            elif seg[0] in ("uuid", "UUID"):
                parts.append("00000000-0000-0000-0000-000000000000" if form == "ph-filler" else
                             "12345678-1234-1234-1234-123456789abc")
            else:
                parts.append(built(rng, seg[0], seg[1], form))
        place(corpus, "negatives", rng, svc(row), "".join(parts), False, row[0], form, named=False)
    # documentation examples and fill-in-the-blank values after a real prefix or name
    docs = ["sk_test_xxxxxxxxxxxxxxxxxxxxxxxx", "tvly-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "fc-YOUR_API_KEY",
            "<YOUR_FIRECRAWL_API_KEY>", "e2b_***", "sk-lf-...", "llx-...", "nvapi-REPLACE_ME", "cu_<your key>",
            "xaat-your-token-here", "ATBB<app-password>", "sgp_<token>", "pcsk_xxxxx_xxxxxxxxxxxxxxxx",
            "ser.XXXXXXXXXXXXXXXXXXXXXX", "live_YOUR_GOCARDLESS_TOKEN", "%ELASTIC_API_KEY%", "$(cat /run/secrets/key)",
            "{{ secrets.API_KEY }}", "${env:API_KEY}", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/key)",
            "REDACTED", "********************************", "sk_live_\u2022\u2022\u2022\u2022\u2022\u2022\u20221a2b",
            "ends-in-4f2a", "paste-your-key-here", "<insert token>", "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
            "YOUR_API_KEY_HERE", "TBD", "none", "null", "false", "example-key-do-not-use", "dummy",
            "test-api-key-123", "sk-helicone-xxxxxxx-xxxxxxx-xxxxxxx-xxxxxxx", "key_" + "0" * 128,
            "MLY|0000000000000000|00000000000000000000000000000000", "private-xxxxxxxxxxxxxxxxxxxxxxxx"]
    for w in docs:
        row = rng.choice(F.LONGTAIL + F.PREFIXED)
        place(corpus, "negatives", rng, svc(row), w, False, row[0], "ph-doc-example", named=True)
    # hex / uuid placeholders next to long-tail names
    for row in rng.sample([r for r in F.LONGTAIL if r[5] in ("{h32}", "{h40}", "{H64}", "{h64}", "{uuid}")], 14):
        if row[5] == "{uuid}":
            v = rng.choice(["11111111-2222-3333-4444-555555555555", "01234567-89ab-cdef-0123-456789abcdef",
                            "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "12345678-90ab-cdef-1234-567890abcdef"])
        else:
            n = int(row[5][2:-1])
            v = rng.choice([("0123456789abcdef" * 6)[:n], ("deadbeefcafe" * 8)[:n], ("f0e1d2c3b4a59687" * 6)[:n],
                            ("abc123" * 20)[:n], ("0" * n), ("1a2b3c4d5e6f" * 8)[:n]])
            if row[5] == "{H64}":
                v = v.upper()
        place(corpus, "negatives", rng, svc(row), v, False, row[0], "ph-hex-built", named=True)


def mapbox_public(rng):
    doc = '{"u":"acme","a":"cl' + rand(rng, LOWALNUM, 23) + '"}'
    return base64.urlsafe_b64encode(doc.encode()).decode().rstrip("=") + "." + rand(rng, URLSAFE, 22)


def identifiers(corpus):
    rng = rng_for("identifiers")
    h = lambda n: rand(rng, HEX, n)  # noqa: E731
    a = lambda n: rand(rng, ALNUM, n)  # noqa: E731
    b64 = lambda n: base64.b64encode(rbytes(rng, n)).decode()  # noqa: E731
    cases = [
        ("stripe-ids", "webhook.json", lambda: ['{', f'  "id": "evt_1{a(23)}",', f'  "customer": "cus_{a(14)}",',
                                                f'  "payment_intent": "pi_3{a(23)}",', f'  "price": "price_1{a(23)}"', '}']),
        ("openai-ids", "completion.json", lambda: ['{', f'  "id": "chatcmpl-{a(29)}",', f'  "system_fingerprint": "fp_{h(10)}",',
                                                   '  "model": "gpt-4o-mini"', '}']),
        ("openai-ids", "assistant.py", lambda: [f'ASSISTANT_ID = "asst_{a(24)}"', f'VECTOR_STORE_ID = "vs_{a(24)}"',
                                                f'FILE_ID = "file-{a(22)}"']),
        ("anthropic-ids", "response.json", lambda: ['{', f'  "id": "msg_01{a(22)}",', '  "type": "message",',
                                                    f'  "request_id": "req_01{a(22)}"', '}']),
        ("aws-ids", "outputs.json", lambda: ['{', f'  "InstanceId": "i-0{h(16)}",', f'  "ImageId": "ami-0{h(16)}",',
                                             f'  "SecurityGroupId": "sg-0{h(16)}",', f'  "VpcId": "vpc-0{h(16)}",',
                                             f'  "KmsKeyId": "{uuid4(rng)}"', '}']),
        ("aws-ids", "arn.tf", lambda: [f'role_arn = "arn:aws:iam::{rng.randrange(10**11, 10**12)}:role/deploy-{h(8)}"',
                                       f'kms_key  = "arn:aws:kms:eu-west-1:{rng.randrange(10**11, 10**12)}:key/{uuid4(rng)}"']),
        ("eth-tx", "receipt.json", lambda: ['{', f'  "transactionHash": "0x{h(64)}",', f'  "blockHash": "0x{h(64)}",',
                                            f'  "from": "0x{h(40)}",', '  "status": "0x1"', '}']),
        ("eth-address", "contracts.ts", lambda: [f'export const USDC_ADDRESS = "0x{h(40)}";',
                                                 f'export const ROUTER_ADDRESS = "0x{h(40)}";']),
        ("ipfs-cid", "nft.json", lambda: ['{', f'  "image": "ipfs://bafybei{rand(rng, BECH32.replace("1", ""), 52)}",',
                                          f'  "metadata": "ipfs://Qm{rand(rng, "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz", 44)}"', '}']),
        ("lfs-pointer", "model.bin", lambda: ["version https://git-lfs.github.com/spec/v1", f"oid sha256:{h(64)}",
                                              f"size {rng.randrange(10**6, 10**9)}"]),
        ("sln-guid", "Acme.sln", lambda: [f'Project("{{{uuid4(rng, True)}}}") = "Acme.Api", "Acme.Api\\Acme.Api.csproj", "{{{uuid4(rng, True)}}}"',
                                          "EndProject"]),
        ("xcode-id", "project.pbxproj", lambda: [f"\t\t{rand(rng, '0123456789ABCDEF', 24)} /* AppDelegate.swift in Sources */ = "
                                                 f"{{isa = PBXBuildFile; fileRef = {rand(rng, '0123456789ABCDEF', 24)}; }};"]),
        ("firebase-appid", "firebase.js", lambda: ["const firebaseConfig = {", f'  appId: "1:{rng.randrange(10**11, 10**12)}:web:{h(22)}",',
                                                   f'  measurementId: "G-{rand(rng, UPALNUM, 10)}",', '  projectId: "acme-prod"', "};"]),
        ("public-key", "analytics.js", lambda: [f"posthog.init('phc_{a(43)}', {{ api_host: 'https://eu.i.posthog.com' }});"]),
        ("public-key", "langfuse.py", lambda: [f'LANGFUSE_PUBLIC_KEY = "pk-lf-{uuid4(rng)}"',
                                               'LANGFUSE_SECRET_KEY = os.environ["LANGFUSE_SECRET_KEY"]']),
        ("public-key", "search.js", lambda: [f"const client = ElasticAppSearch.createClient({{ searchKey: 'search-{rand(rng, LOWALNUM, 24)}',",
                                             "  endpointBase: 'https://acme.ent.eu-west-1.aws.found.io', engineName: 'docs' });"]),
        ("public-key", "checkout.js", lambda: [f"const stripe = Stripe('pk_live_51{a(97)}');"]),
        ("public-key", "flags.ts", lambda: [f"const gb = new GrowthBook({{ clientKey: 'sdk-{a(16)}', apiHost: 'https://cdn.growthbook.io' }});"]),
        ("public-key", "logrocket.js", lambda: [f"LogRocket.init('{rand(rng, LOWALNUM, 6)}/acme-web');"]),
        ("public-key", "map.js", lambda: ["mapboxgl.accessToken = 'pk." + mapbox_public(rng) + "';"]),
        ("fingerprint", "known_hosts.md", lambda: [f"ED25519 key fingerprint is SHA256:{rand(rng, ALNUM + '+/', 43)}.",
                                                    f"RSA key fingerprint is MD5:{':'.join(h(2) for _ in range(16))}."]),
        ("fingerprint", "KEYS.md", lambda: [f"Release signing key: {' '.join(rand(rng, '0123456789ABCDEF', 4) for _ in range(10))}"]),
        ("image-id", "build.log", lambda: [f"Successfully built {h(12)}", f"writing image sha256:{h(64)} done",
                                           f"naming to docker.io/acme/api:{h(7)}"]),
        ("content-hash", "manifest.json", lambda: ['{', f'  "main.css": "/assets/main.{h(20)}.css",',
                                                   f'  "vendor.js": "/assets/vendor.{h(20)}.js"', '}']),
        ("content-hash", "webpack-stats.json", lambda: ['{', f'  "hash": "{h(20)}",', f'  "fullhash": "{h(32)}",',
                                                        '  "chunks": []', '}']),
        ("data-uri", "icon.css", lambda: [f".logo {{ background: url(data:image/png;base64,{b64(96)}); }}"]),
        ("known-digest", "checksums.txt", lambda: [f"{hashlib.sha256(b'').hexdigest()}  empty.txt",
                                                    f"{hashlib.sha256(rbytes(rng, 64)).hexdigest()}  release-1.4.2.tar.gz"]),
        ("snake-name", "metrics.py", lambda: [f'COUNTER_NAME = "api_key_rotation_total_v{rng.randrange(2, 9)}_{h(6)}_bucket"']),
        ("snake-name", "events.ts", lambda: [f"export const TOKEN_REFRESH_EVENT = 'auth.token_refresh_failed_after_retry_{rng.randrange(3, 9)}';"]),
        ("build-coords", "build.sbt", lambda: [f'libraryDependencies += "com.acme.secrets" %% "token-vault-client" % "{rng.randrange(1, 5)}.{rng.randrange(20)}.{rng.randrange(9)}"']),
        ("build-coords", "gradle.lockfile", lambda: [f"com.squareup.okhttp3:okhttp:4.{rng.randrange(9, 13)}.0=compileClasspath",
                                                      f"io.sentry:sentry-android:7.{rng.randrange(20)}.0=runtimeClasspath"]),
        ("lock-hash", "pnpm-lock.yaml", lambda: ["packages:", "  /stripe@14.5.0:", f"    resolution: {{integrity: sha512-{b64(64)}}}"]),
        ("lock-hash", "composer.lock", lambda: ['{ "packages": [ { "name": "twilio/sdk",', f'  "dist": {{ "shasum": "{h(40)}" }},',
                                                f'  "source": {{ "reference": "{h(40)}" }} }} ] }}']),
        ("lock-hash", "Podfile.lock", lambda: ["SPEC CHECKSUMS:", f"  Firebase: {h(40)}", f"  Mixpanel-swift: {h(40)}", "",
                                               f"PODFILE CHECKSUM: {h(40)}"]),
        ("uuid-id", "tenants.yaml", lambda: ["tenants:", f"  - id: {uuid4(rng)}", "    name: acme", f"    workspace_id: {uuid4(rng)}"]),
        ("uuid-id", "dashboard.json", lambda: ['{', f'  "uid": "{rand(rng, LOWALNUM, 9)}",', f'  "datasource_uid": "{uuid4(rng)}",',
                                               '  "title": "Checkly latency"', '}']),
        ("trace-id", "otel.log", lambda: [f'{{"traceId":"{h(32)}","spanId":"{h(16)}","name":"POST /v1/keys"}}']),
        ("git-sha", "CHANGELOG.md", lambda: [f"- Rotate the Checkly API key on deploy ({h(40)})",
                                              f"- Bump Axiom client ({h(7)})"]),
        ("git-sha", "renovate.json", lambda: ['{ "packageRules": [ {', f'  "matchCurrentDigest": "{h(40)}",',
                                              '  "matchPackageNames": ["actions/checkout"] } ] }']),
        ("color-css", "theme.scss", lambda: [f"$token-primary: #{h(6)};", f"$token-secondary: #{h(8)};"]),
        ("base64-text", "fixtures.json", lambda: ['{', f'  "greeting_b64": "{base64.b64encode(b"hello from the acme integration tests").decode()}"', '}']),
        ("hmac-vector", "hmac_test.go", lambda: ["// RFC 4231 test case 2", 'key := []byte("Jefe")',
                                                  'want := "5bdcc146bf60754a6a042426089575c75a003f089d2739839dec58b964ec3843"']),
        ("jwk-public", "jwks.json", lambda: ['{"keys": [{"kty": "RSA", "use": "sig", "kid": "' + h(16) + '",',
                                             '  "n": "' + rand(rng, URLSAFE, 342) + '",', '  "e": "AQAB"}]}']),
        ("cert-public", "ca.pem", lambda: ["-----BEGIN CERTIFICATE-----"] + [rand(rng, ALNUM + "+/", 64) for _ in range(6)]
         + ["-----END CERTIFICATE-----"]),
        ("account-sid", "sms.yaml", lambda: ["signalwire:", f"  project_id: {uuid4(rng)}", "  space: acme",
                                             "  token: ${SIGNALWIRE_TOKEN}"]),
        ("client-id", "oauth.json", lambda: ['{', f'  "paypal_client_id": "A{rand(rng, URLSAFE, 79)}",',
                                             '  "paypal_client_secret": "${PAYPAL_CLIENT_SECRET}"', '}']),
    ]
    for _ in range(2):
        for form, name, fn in cases:
            corpus.add("negatives", name, fn(), False, "none", form)


ORDINARY = [
    ("setup.ps1", ['$env:TAVILY_API_KEY = Read-Host -Prompt "Tavily key"', '$pw = Read-Host -AsSecureString']),
    ("worker.service", ["[Service]", "EnvironmentFile=/etc/acme/worker.env", "ExecStart=/usr/bin/worker"]),
    ("runtime.exs", ["import Config", 'config :acme, :checkly, api_key: System.fetch_env!("CHECKLY_API_KEY")']),
    ("config.go", ['cfg := Config{APIKey: os.Getenv("AXIOM_TOKEN"), Dataset: "logs"}']),
    ("Jenkinsfile", ["withCredentials([string(credentialsId: 'firecrawl-key', variable: 'FIRECRAWL_API_KEY')]) {",
                     "  sh './crawl.sh'", "}"]),
    ("values.yaml", ["secrets:", "  tavily:", "    apiKey: {{ .Values.global.tavilyKey | quote }}"]),
    ("deployment.yaml", ["env:", "  - name: E2B_API_KEY", "    valueFrom:", "      secretKeyRef:", "        name: e2b",
                         "        key: api-key"]),
    (".gitlab-ci.yml", ["variables:", "  LANGFUSE_HOST: https://cloud.langfuse.com", "  # LANGFUSE_SECRET_KEY is a masked CI variable"]),
    ("docs.md", ["## Keys", "", "Tavily keys start with `tvly-`, Firecrawl keys with `fc-` and Axiom tokens with `xaat-`.",
                 "Create them in each dashboard and store them in Vault, never in the repository."]),
    ("auth.py", ["def verify(password: str, stored_hash: bytes) -> bool:",
                 "    return bcrypt.checkpw(password.encode(), stored_hash)"]),
    ("login.rb", ["def authenticate(user, password)", "  user.authenticate(password) || raise(Unauthorized)", "end"]),
    ("mask_test.py", ["def test_mask():", '    assert mask("abc") == "***"', '    assert mask("") == ""']),
    ("schema.sql", ["CREATE TABLE integrations (", "  provider text NOT NULL,", "  api_key_ciphertext bytea NOT NULL,",
                    "  api_key_last4 char(4)", ");"]),
    ("main.tf", ['variable "coralogix_private_key" {', "  type      = string", "  sensitive = true", "}",
                 'provider "coralogix" {', "  api_key = var.coralogix_private_key", "}"]),
    ("client.rs", ['let key = std::env::var("NVIDIA_API_KEY").context("NVIDIA_API_KEY missing")?;']),
    ("settings.py", ['PAYPAL_CLIENT_SECRET = env("PAYPAL_CLIENT_SECRET", default="")',
                     'VONAGE_API_SECRET = env.str("VONAGE_API_SECRET")']),
    ("notify.sh", ['curl -fsS -H "X-Api-Key: ${CHECKLY_API_KEY}" https://api.checklyhq.com/v1/checks']),
    ("deploy.cmd", ["set /p BRAVE_SEARCH_API_KEY=Enter the Brave Search key: ", "python deploy.py"]),
    ("Env.dart", ["class Env {", "  static const apiKey = String.fromEnvironment('MAPTILER_KEY');", "}"]),
    ("mysql.sh", ['mysql -u "$DB_USER" -p"$DB_PASSWORD" -h db01 shop < dump.sql',
                  "sqlcmd -S db01 -U sa -P \"$SA_PASSWORD\" -i restore.sql"]),
    ("Login.java", ["if (password.equals(user.getPassword())) {", "    grant(user);", "}"]),
    ("creds.ps1", ['$cred = Get-Credential -UserName "ACME\\svc_sql" -Message "SQL service account"']),
    ("odbc.ini", ["[reporting]", "Driver=PostgreSQL", "Username=report", "Password=${REPORT_DB_PASSWORD}"]),
    ("errors.go", ['var ErrInvalidAPIKey = errors.New("invalid api key: expected 32 hex characters")']),
    ("openapi.yaml", ["components:", "  securitySchemes:", "    ApiKeyAuth:", "      type: apiKey", "      in: header",
                      "      name: X-Api-Key"]),
]


def ordinary(corpus):
    for name, lines in ORDINARY:
        corpus.add("negatives", name, lines, False, "none", "ordinary-code")


def main():
    generate_main(__doc__, "/work/scratch/heldout3", [positives, passwords, near_misses, placeholders, identifiers, ordinary])


if __name__ == "__main__":
    main()
