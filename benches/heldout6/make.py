#!/usr/bin/env python3
"""Write the sixth held-out corpus and its labels.

    python3 benches/heldout6/make.py [DIR]        # default /work/scratch/heldout6

Shaped like the hidden sets the project is judged on: (a) rule-test snippets of one to three lines
with a real-looking credential in a small context, and (b) detector-test decoys (near misses,
person-built placeholders, identifiers, public keys, ordinary code). Written blind to vaultsweep's
rules (`patterns/` and `src/` unopened). Providers (formats.py), contexts, password forms and decoys
are chosen away from heldouts 1-5. Deterministic; no token is written in this source, each is drawn
at generation time.
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
                     crc32_base62, encrypted_pkcs8_der, gen_spec, human_password, pem_armor, rand, rbytes,
                     rsa_key, rsa_pkcs8_der, uuid4, der, der_seq, der_int, der_oid, der_octets, ssh_string,
                     bech32_encode, to5, b64url_nopad)

SEED = "vaultsweep-heldout6-v1"
B64 = ALNUM + "+/"


def rng_for(name):
    return random.Random(f"{SEED}/{name}")


def camel(env):
    p = env.lower().split("_")
    return p[0] + "".join(x.capitalize() for x in p[1:])


def pascal(env):
    return "".join(x.capitalize() for x in env.lower().split("_"))


def ident(s):
    return re.sub(r"[^a-z0-9]", "_", s["id"].lower())


def jstr(s):
    return json.dumps(s)[1:-1]


# --- contexts: (filename, lines) for a service s and value v (none of heldout5's 24) -------------------
def c_export(s, v):
    return ".bashrc", [f'export {s["env"]}="{v}"']


def c_compose(s, v):
    return "docker-compose.yml", ["services:", "  api:", "    environment:", f"      {s['env']}: {v}"]


def c_gha(s, v):
    return ".github/workflows/sync.yml", ["    steps:", "      - run: ./sync.sh", "        env:", f"          {s['env']}: {v}"]


def c_gitlab(s, v):
    return ".gitlab-ci.yml", ["variables:", "  GIT_DEPTH: 10", f"  {s['env']}: \"{v}\""]


def c_dockerfile(s, v):
    return "Dockerfile", ["FROM python:3.12-slim", f"ENV {s['env']}={v}"]


def c_tfvars(s, v):
    return "prod.tfvars", [f'{s["env"].lower()} = "{v}"']


def c_tf_variable(s, v):
    return "variables.tf", [f'variable "{s["env"].lower()}" {{', "  type    = string", f'  default = "{v}"', "}"]


def c_k8s_env(s, v):
    return "deployment.yaml", ["        env:", f"          - name: {s['env']}", f'            value: "{v}"']


def c_helm(s, v):
    return "values.yaml", ["secrets:", f"  {camel(s['env'])}: {v}"]


def c_appsettings(s, v):
    return "appsettings.json", ["{", f'  "{pascal(s["id"].replace("-", "_"))}": {{ "ClientSecret": "{v}" }}', "}"]


def c_py_dict(s, v):
    return "config.py", ["CONFIG = {", f'    "{s["env"].lower()}": "{v}",', "}"]


def c_py_ctor(s, v):
    return "client.py", [f"client = {ident(s)}.Client(api_key=\"{v}\")"]


def c_js_ctor(s, v):
    return "client.mjs", [f"const client = new {pascal(s['id'].replace('-', '_'))}Client({{ apiKey: '{v}' }});"]


def c_ts_const(s, v):
    return "config.ts", [f"export const {camel(s['env'])} = \"{v}\" as const;"]


def c_go_const(s, v):
    return "config.go", [f'const {camel(s["env"])} = "{v}"']


def c_java_props(s, v):
    return "application.properties", [f"{s['id'].replace('_', '-')}.api-key={v}"]


def c_kotlin(s, v):
    return "Config.kt", [f'val {camel(s["env"])} = "{v}"']


def c_swift(s, v):
    return "Secrets.swift", [f'static let {camel(s["env"])} = "{v}"']


def c_cs_const(s, v):
    return "Keys.cs", [f'public const string {pascal(s["env"])} = "{v}";']


def c_php_array(s, v):
    return "services.php", ["return [", f"    '{ident(s)}' => ['secret' => '{v}'],", "];"]


def c_ruby_configure(s, v):
    return "initializer.rb", [f"{pascal(ident(s))}.configure do |c|", f"  c.api_key = '{v}'", "end"]


def c_curl_user(s, v):
    return "check.sh", [f"curl -s -u {v}: https://{s['host']}/v1/account"]


def c_raw_http(s, v):
    return "request.http", ["GET /v1/items HTTP/1.1", f"Host: {s['host']}", f"X-Api-Key: {v}"]


def c_url_query(s, v):
    return "access.log", [f'10.0.3.7 - - [01/Dec/2026:10:01:44 +0000] "GET /v2/data?api_key={v}&q=1 HTTP/1.1" 200 512 "-" "{s["id"]}-sdk/2.1"']


def c_xml_attr(s, v):
    return "Web.config", ["<appSettings>", f'  <add key="{pascal(s["env"])}" value="{v}" />', "</appSettings>"]


def c_json_log(s, v):
    return "app.jsonl", ['{"level":"debug","msg":"' + s["id"] + ' request","headers":{"x-api-key":"' + v + '"}}']


def c_chat(s, v):
    return "slack-export.txt", [f"[10:42] dana: here's the {s['name']} key for staging: {v}"]


def c_toml_inline(s, v):
    return "config.toml", [f'{ident(s)} = {{ api_key = "{v}", timeout = 30 }}']


def c_powershell(s, v):
    return "profile.ps1", [f'$env:{s["env"]} = "{v}"']


def c_makefile(s, v):
    return "Makefile", [f"{s['env']} ?= {v}", "deploy:", "\t./deploy.sh"]


def c_spring_yaml(s, v):
    return "application.yml", [f"{ident(s).replace('_', '-')}:", "  api:", f"    secret: {v}"]


def c_sql_insert(s, v):
    return "seed.sql", [f"INSERT INTO integrations (provider, api_key) VALUES ('{s['id']}', '{v}');"]


def c_vault_put(s, v):
    return "bootstrap.sh", [f"vault kv put secret/{s['id']} api_key={v}"]


def c_gh_secret(s, v):
    return "setup-ci.sh", [f'gh secret set {s["env"]} --body "{v}"']


def c_heroku(s, v):
    return "release.sh", [f"heroku config:set {s['env']}={v} -a acme-prod"]


def c_ssm(s, v):
    return "params.sh", [f"aws ssm put-parameter --name /prod/{s['id']}/api-key --type SecureString --value '{v}'"]


def c_kubectl(s, v):
    return "secrets.sh", [f"kubectl create secret generic {s['id']} --from-literal={s['env'].lower().replace('_', '-')}={v}"]


NAMED = [c_export, c_compose, c_gha, c_gitlab, c_dockerfile, c_tfvars, c_tf_variable, c_k8s_env, c_helm,
         c_appsettings, c_py_dict, c_py_ctor, c_js_ctor, c_ts_const, c_go_const, c_java_props, c_kotlin, c_swift,
         c_cs_const, c_php_array, c_ruby_configure, c_curl_user, c_raw_http, c_url_query, c_xml_attr, c_json_log,
         c_chat, c_toml_inline, c_powershell, c_makefile, c_spring_yaml, c_sql_insert, c_vault_put, c_gh_secret,
         c_heroku, c_ssm, c_kubectl]


def g_yaml_token(s, v):
    return "settings.yaml", [f"token: {v}"]


def g_fetch(s, v):
    return "api.js", ["await fetch(url, {", f"  headers: {{ Authorization: `Bearer {v}` }},", "});"]


def g_note(s, v):
    return "notes.md", [f"new one: {v}"]


def g_py_list(s, v):
    return "fixtures.py", ["TOKENS = [", f'    "{v}",', "]"]


GENERIC = [g_yaml_token, g_fetch, g_note, g_py_list]


def svc(row):
    return dict(id=row[0], name=row[2], env=row[3], host=row[4])


def place(corpus, group, rng, s, value, positive, provider, form, pool):
    name, lines = rng.choice(pool)(s, value)
    corpus.add(group, name, lines, positive, provider, form, marker=value if positive else None)


# --- positives ----------------------------------------------------------------------------------------
def positives(corpus):
    rng = rng_for("prefixed")
    for row in F.PREFIXED:
        for i in range(3):
            pool = GENERIC if i == 2 and not row[5].startswith("{") and row[0] not in ("recaptcha", "ntfy") else NAMED
            place(corpus, "prefixed", rng, svc(row), gen_spec(rng, row[5]), True, row[0], row[1], pool)
    rng = rng_for("longtail")
    for row in F.LONGTAIL:
        for _ in range(3):
            place(corpus, "longtail", rng, svc(row), gen_spec(rng, row[5]), True, row[0], row[1], NAMED)
    rng = rng_for("checksummed")
    gh = dict(id="github", name="GitHub", env="GH_TOKEN", host="api.github.com")
    for prefix in ("ghp_", "gho_", "ghs_", "npm_"):
        for _ in range(2):
            body = rand(rng, ALNUM, 30)
            place(corpus, "prefixed", rng, gh, prefix + body + crc32_base62(body), True,
                  "npm" if prefix == "npm_" else "github", "checksummed", NAMED)


# --- application secrets (framework keys) -----------------------------------------------------------------
DJANGO = string.ascii_lowercase + string.digits + "!@#$%^&*(-_=+)"
WP = string.ascii_letters + string.digits + "!@#$%^&*()-_[]{}<>~+=,.;:/?|"


def app_secrets(corpus):
    rng = rng_for("appsecrets")
    for _ in range(2):
        v = rand(rng, DJANGO, 50)
        corpus.add("appsecrets", "settings.py", ["DEBUG = False", f"SECRET_KEY = '{v}'"], True, "django", "app-secret", line=2)
        v = "base64:" + base64.b64encode(rbytes(rng, 32)).decode()
        corpus.add("appsecrets", ".env", ["APP_NAME=Shop", f"APP_KEY={v}"], True, "laravel", "app-secret", line=2)
        v = rand(rng, HEX, 32)
        corpus.add("appsecrets", ".env.prod", ["APP_ENV=prod", f"APP_SECRET={v}"], True, "symfony", "app-secret", line=2)
        v = rand(rng, HEX, 128)
        corpus.add("appsecrets", "secrets.yml", ["production:", f"  secret_key_base: {v}"], True, "rails", "app-secret", line=2)
        v = rand(rng, WP.replace("'", ""), 64)
        corpus.add("appsecrets", "wp-config.php", [f"define( 'AUTH_KEY',         '{v}' );"], True, "wordpress", "app-secret", line=1)
        v = rand(rng, HEX, 64)
        corpus.add("appsecrets", "app.py", ["app = Flask(__name__)", f"app.config['SECRET_KEY'] = '{v}'"], True, "flask", "app-secret", line=2)
        v = base64.b64encode(rbytes(rng, 32)).decode()
        corpus.add("appsecrets", ".env.local", [f"NEXTAUTH_SECRET={v}", "NEXTAUTH_URL=https://acme.io"], True, "nextauth", "app-secret", line=1)
        v = rand(rng, HEX, 64)
        corpus.add("appsecrets", "auth.go", [f'var jwtSigningKey = []byte("{v}")'], True, "jwt", "app-secret", line=1)
    v = rand(rng, HEX, 32)
    corpus.add("appsecrets", "config/master.key", [v], True, "rails", "master-key", line=1)


# --- passwords outside name = value ---------------------------------------------------------------------
PASSWORD_FORMS = [
    ("mysqladmin-attached", "check.sh", lambda p, q: [f'mysqladmin -uroot -p"{p}" status']),
    ("bcp-P", "export.bat", lambda p, q: [f'bcp Sales.dbo.Orders out orders.dat -S sql01 -U etl -P "{p}" -c']),
    ("isql-dsn", "probe.sh", lambda p, q: [f"isql -v PROD_DSN app '{p}'"]),
    ("mongo-p", "restore.sh", lambda p, q: [f"mongo admin -u root -p '{p}' --eval 'db.stats()'"]),
    ("cqlsh", "cql.sh", lambda p, q: [f"cqlsh cass01 9042 -u cassandra -p '{p}'"]),
    ("influx-cli", "influx.sh", lambda p, q: [f"influx -host tsdb01 -username admin -password '{p}' -execute 'SHOW DATABASES'"]),
    ("rabbitmqadmin", "queues.sh", lambda p, q: [f"rabbitmqadmin -H mq01 -u admin -p '{p}' list queues"]),
    ("lftp-u", "mirror.sh", lambda p, q: [f"lftp -u deploy,'{p}' sftp://files.acme.io -e 'mirror -R dist /www; quit'"]),
    ("svn-password", "checkout.sh", lambda p, q: [f"svn checkout https://svn.acme.io/repo/trunk --username ci --password '{p}'"]),
    ("ipmitool-P", "bmc.sh", lambda p, q: [f"ipmitool -I lanplus -H 10.0.9.21 -U ADMIN -P '{p}' chassis power status"]),
    ("nmcli-wifi", "wifi.sh", lambda p, q: [f"nmcli dev wifi connect Office-5G password '{p}'"]),
    ("wpa-passphrase", "wifi-setup.sh", lambda p, q: [f"wpa_passphrase Office-5G '{p}' >> /etc/wpa_supplicant.conf"]),
    ("psexec-p", "remote.bat", lambda p, q: [f'psexec \\\\srv02 -u ACME\\svc_deploy -p "{p}" cmd /c ipconfig']),
    ("schtasks-rp", "task.bat", lambda p, q: [f'schtasks /create /tn Backup /tr C:\\bin\\backup.cmd /sc daily /ru ACME\\svc_backup /rp "{p}"']),
    ("sc-config", "service.bat", lambda p, q: [f'sc.exe config AcmeAgent obj= ".\\svc_agent" password= "{p}"']),
    ("invoke-sqlcmd", "report.ps1", lambda p, q: [f"Invoke-Sqlcmd -ServerInstance sql01 -Username sa -Password '{p}' -Query 'SELECT 1'"]),
    ("connect-viserver", "vmware.ps1", lambda p, q: [f"Connect-VIServer -Server vc01.acme.io -User administrator@vsphere.local -Password '{p}'"]),
    ("vault-userpass", "login.sh", lambda p, q: [f"vault login -method=userpass username=ops password='{p}'"]),
    ("kubectl-literal", "db-secret.sh", lambda p, q: [f"kubectl create secret generic pg --from-literal=username=app --from-literal=password='{p}'"]),
    ("pexpect-sendline", "enable.py", lambda p, q: ["child.expect('Password:')", f"child.sendline('{p}')"]),
    ("expect-send", "login.exp", lambda p, q: ['expect "password:"', f'send "{p}\\r"']),
    ("redis-py", "cache.py", lambda p, q: [f"r = redis.Redis(host='cache01', port=6379, password='{p}')"]),
    ("pymongo", "store.py", lambda p, q: [f"client = MongoClient('db01', 27017, username='app', password='{p}')"]),
    ("cx-oracle-positional", "hr.py", lambda p, q: [f"conn = cx_Oracle.connect('scott', '{p}', 'db01/ORCLPDB1')"]),
    ("pyodbc-braced", "warehouse.py", lambda p, q: [f'cnxn = pyodbc.connect("DRIVER={{ODBC Driver 18 for SQL Server}};SERVER=sql01;DATABASE=dw;UID=etl;PWD={{{p}}}")']),
    ("sqlalchemy-url-create", "db.py", lambda p, q: [f'url = URL.create("postgresql+psycopg", username="app", password="{p}", host="db01", database="app")']),
    ("java-keystore-load", "Tls.java", lambda p, q: [f'ks.load(new FileInputStream("server.jks"), "{p}".toCharArray());']),
    ("jedis-auth", "Cache.java", lambda p, q: [f'jedis.auth("{p}");']),
    ("javamail-transport", "Mailer.java", lambda p, q: [f'Transport.send(message, "alerts@acme.io", "{p}");']),
    ("mysql-net-connstr", "Repo.cs", lambda p, q: [f'using var conn = new MySqlConnection("Server=db01;Database=shop;Uid=shop;Pwd={p};");']),
    ("oracle-net-connstr", "OraRepo.cs", lambda p, q: [f'var conn = new OracleConnection("User Id=hr;Password={p};Data Source=db01:1521/ORCLPDB1;");']),
    ("go-ssh-password", "ssh.go", lambda p, q: ['cfg := &ssh.ClientConfig{User: "deploy",', f'\tAuth: []ssh.AuthMethod{{ssh.Password("{p}")}}}}']),
    ("go-redis-options", "cache.go", lambda p, q: [f'rdb := redis.NewClient(&redis.Options{{Addr: "cache01:6379", Password: "{p}"}})']),
    ("sqlx-builder", "db.rs", lambda p, q: [f'let opts = PgConnectOptions::new().host("db01").username("app").password("{p}");']),
    ("ruby-net-ssh", "deploy.rb", lambda p, q: [f"Net::SSH.start('web01', 'deploy', password: '{p}') do |ssh|"]),
    ("php-ftp-login", "upload.php", lambda p, q: [f"ftp_login($conn, 'upload', '{p}');"]),
    ("phpmailer", "mail.php", lambda p, q: ["$mail->Username = 'alerts@acme.io';", f"$mail->Password = '{p}';"]),
    ("nodemailer", "mailer.js", lambda p, q: [f"nodemailer.createTransport({{ host: 'smtp.acme.io', auth: {{ user: 'alerts', pass: '{p}' }} }});"]),
    ("perl-dbi", "report.pl", lambda p, q: [f'my $dbh = DBI->connect("dbi:Pg:dbname=app;host=db01", "report", "{p}");']),
    ("openssl-passwd", "useradd.sh", lambda p, q: [f"useradd -m -p \"$(openssl passwd -6 '{p}')\" deploy"]),
    ("mosquitto-pub", "mqtt.sh", lambda p, q: [f"mosquitto_pub -h broker.acme.io -u sensor -P '{p}' -t temp -m 21"]),
    ("pg-create-role", "roles.sql", lambda p, q: [f"CREATE ROLE analytics LOGIN PASSWORD '{p}';"]),
    ("mssql-sp-addlogin", "logins.sql", lambda p, q: [f"EXEC sp_addlogin 'reporting', '{p}';"]),
    ("snowflake-create-user", "users.sql", lambda p, q: [f"CREATE USER loader PASSWORD = '{p}' DEFAULT_ROLE = LOADER;"]),
    ("clickhouse-user", "users.sql", lambda p, q: [f"CREATE USER grafana IDENTIFIED WITH sha256_password BY '{p}';"]),
    ("mongo-createuser", "init.js", lambda p, q: [f'db.createUser({{ user: "app", pwd: "{p}", roles: ["readWrite"] }});']),
    ("cassandra-role", "roles.cql", lambda p, q: [f"CREATE ROLE app WITH PASSWORD = '{p}' AND LOGIN = true;"]),
    ("neo4j-user", "users.cypher", lambda p, q: [f"CREATE USER reader SET PASSWORD '{p}' CHANGE NOT REQUIRED;"]),
    ("redis-acl", "acl.redis", lambda p, q: [f"ACL SETUSER worker on >{p} ~jobs:* +@all"]),
    ("redis-requirepass", "redis.conf", lambda p, q: ["bind 0.0.0.0", f"requirepass {p}"]),
    ("kafka-jaas", "client.properties", lambda p, q: [
        'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="svc" password="' + p + '";']),
    ("jdbc-db2", "db2.properties", lambda p, q: [f"url=jdbc:db2://db2.acme.io:50000/SAMPLE:user=app;password={p};"]),
    ("adonet-json-escaped", "appsettings.json", lambda p, q: ['{ "ConnectionStrings": {',
                                                              f'  "Main": "Server=sql01;Database=app;User Id=app;Password=\\"{p};x\\";"',
                                                              "} }"]),
    ("redis-url-empty-user", "worker.env", lambda p, q: [f"REDIS_URL=rediss://:{q}@cache01.acme.io:6380/0"]),
    ("mongodb-srv-reserved", "db.js", lambda p, q: [f"await mongoose.connect('mongodb+srv://app:{q}@cluster0.ab1cd.mongodb.net/app?retryWrites=true');"]),
    ("smb-url", "mount.sh", lambda p, q: [f"gio mount 'smb://ACME;backup:{q}@nas01/backups'"]),
    ("nats-url", "nats.conf", lambda p, q: [f'cluster {{ routes: ["nats://route:{q}@nats02:6222"] }}']),
    ("mqtt-url", "bridge.yaml", lambda p, q: ["mqtt:", f"  broker: mqtts://gateway:{q}@broker.acme.io:8883"]),
    ("proxy-url", "proxy.env", lambda p, q: [f"HTTPS_PROXY=http://svc-proxy:{q}@proxy.acme.io:3128"]),
    ("pip-index-url", "install.sh", lambda p, q: [f"pip install --index-url https://ci:{q}@pypi.acme.io/simple acme-core"]),
    ("basic-auth-extraheader", "clone.sh", lambda p, q: None),
    ("gradle-signing", "gradle.properties", lambda p, q: ["signing.keyId=24875D73", f"signing.password={p}"]),
    ("android-storepassword", "build.gradle", lambda p, q: ["release {", "    storeFile file('release.jks')", f"    storePassword '{p}'", "}"]),
]


def passwords(corpus):
    rng = rng_for("passwords")
    for form, name, fn in PASSWORD_FORMS:
        for _ in range(2):
            reserved = "@:/%#;" if ("url" in form or "reserved" in form or "braced" in form) else ""
            p = human_password(rng, reserved=reserved)
            if form in ("redis-acl", "redis-requirepass", "jdbc-db2", "psexec-p", "expect-send", "mysql-net-connstr",
                        "oracle-net-connstr", "gradle-signing"):
                p = re.sub(r"[ $!#;\"\\]", "", p)
            if form == "pyodbc-braced":
                p = p.replace("}", "")
            q = quote(p, safe="")
            if form == "basic-auth-extraheader":
                b = base64.b64encode(f"ci-bot:{p}".encode()).decode()
                lines = [f'git -c http.extraHeader="Authorization: Basic {b}" clone https://git.acme.io/platform/infra.git']
                corpus.add("passwords", name, lines, True, "password", form, line=1)
                continue
            lines = fn(p, q)
            line = next(i for i, ln in enumerate(lines, 1) if p in ln or q in ln)
            corpus.add("passwords", name, lines, True, "password", form, line=line)


# --- structured credentials ---------------------------------------------------------------------------------
def sshbuf_u32(n):
    return n.to_bytes(4, "big")


def openssh_ed25519(rng, encrypted=False, comment="deploy@ci"):
    pk = rbytes(rng, 32)
    sk = rbytes(rng, 32)
    pub = ssh_string("ssh-ed25519") + ssh_string(pk)
    chk = rbytes(rng, 4)
    priv = chk + chk + ssh_string("ssh-ed25519") + ssh_string(pk) + ssh_string(sk + pk) + ssh_string(comment)
    block = 16 if encrypted else 8
    i = 1
    while len(priv) % block:
        priv += bytes([i])
        i += 1
    if encrypted:
        kdf = ssh_string(ssh_string(rbytes(rng, 16)) + sshbuf_u32(24))
        head = ssh_string("aes256-ctr") + ssh_string("bcrypt") + kdf
        priv = rbytes(rng, len(priv)) + rbytes(rng, 16)  # ciphertext + the tag-less trailing block
    else:
        head = ssh_string("none") + ssh_string("none") + ssh_string(b"")
    blob = b"openssh-key-v1\0" + head + sshbuf_u32(1) + ssh_string(pub) + ssh_string(priv)
    return pem_armor("OPENSSH PRIVATE KEY", blob, width=70), pk


P256 = "1.2.840.10045.3.1.7"


def ec_sec1(rng):
    return der_seq(der_int(1), der_octets(rbytes(rng, 32)), der(0xA0, der_oid(P256)))


def ec_pkcs8(rng):
    inner = der_seq(der_int(1), der_octets(rbytes(rng, 32)))
    return der_seq(der_int(0), der_seq(der_oid("1.2.840.10045.2.1"), der_oid(P256)), der_octets(inner))


def crc24(data):
    crc = 0xB704CE
    for b in data:
        crc ^= b << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def pgp_block(rng, secret=True):
    oid = bytes([0x2B, 0x06, 0x01, 0x04, 0x01, 0xDA, 0x47, 0x0F, 0x01])
    body = bytes([4]) + rng.getrandbits(32).to_bytes(4, "big") + bytes([22, len(oid)]) + oid
    body += (263).to_bytes(2, "big") + b"\x40" + rbytes(rng, 32)
    if secret:
        body += b"\x00" + (256).to_bytes(2, "big") + (rbytes(rng, 1)[0] | 0x80).to_bytes(1, "big") + rbytes(rng, 31) + rbytes(rng, 2)
        tag = 0x95
    else:
        tag = 0x99
    pkt = bytes([tag]) + len(body).to_bytes(2, "big") + body
    uid = b"Release Signing <release@acme.io>"
    pkt += bytes([0xB4, len(uid)]) + uid
    kind = "PRIVATE" if secret else "PUBLIC"
    enc = base64.b64encode(pkt).decode()
    lines = [f"-----BEGIN PGP {kind} KEY BLOCK-----", ""] + [enc[i:i + 64] for i in range(0, len(enc), 64)]
    lines += ["=" + base64.b64encode(crc24(pkt).to_bytes(3, "big")).decode(), f"-----END PGP {kind} KEY BLOCK-----"]
    return lines


def add_block(corpus, group, name, lines, provider, form, first):
    """A key block labelled from its BEGIN line to its END line."""
    corpus.add(group, name, lines, True, provider, form, line=first)
    corpus.labels[-1]["end_line"] = next(i for i, ln in enumerate(lines, 1) if i > first and "-----END" in ln)


def structured(corpus):
    rng = rng_for("structured")
    g = "structured"
    # OpenSSH ed25519, plain and encrypted
    for enc, form in ((False, "openssh"), (True, "openssh-encrypted")):
        for _ in range(2):
            lines, _ = openssh_ed25519(rng, encrypted=enc)
            add_block(corpus, g, "id_ed25519", lines, "private-key", form, 1)
    # EC keys: SEC1 in a Helm values block scalar, PKCS#8 App Store Connect key
    for _ in range(2):
        pem = pem_armor("EC PRIVATE KEY", ec_sec1(rng))
        lines = ["tls:", "  key: |"] + ["    " + ln for ln in pem]
        add_block(corpus, g, "values.yaml", lines, "private-key", "ec-sec1-yaml", 3)
        pem = pem_armor("PRIVATE KEY", ec_pkcs8(rng))
        add_block(corpus, g, f"AuthKey_{rand(rng, UPALNUM, 10)}.p8", pem, "apple", "p8-key", 1)
    # PGP private key block
    for _ in range(2):
        lines = pgp_block(rng, secret=True)
        add_block(corpus, g, "release-signing.asc", lines, "private-key", "pgp-private", 1)
    # encrypted PKCS#8 in a Terraform heredoc
    enc = pem_armor("ENCRYPTED PRIVATE KEY", encrypted_pkcs8_der(rng, 1190))
    lines = ['resource "tls_locally_signed_cert" "api" {', "  ca_private_key_pem = <<EOT"] + enc + ["EOT", "}"]
    add_block(corpus, g, "ca.tf", lines, "private-key", "encrypted-pkcs8-heredoc", 3)
    # Kubernetes TLS secret with a base64-encoded PEM key
    key = rsa_key(rng, 1024)
    pem = "\n".join(pem_armor("PRIVATE KEY", rsa_pkcs8_der(key))) + "\n"
    corpus.add(g, "tls-secret.yaml", ["apiVersion: v1", "kind: Secret", "type: kubernetes.io/tls", "data:",
                                      f"  tls.crt: {base64.b64encode(b'-----BEGIN CERTIFICATE-----').decode()}",
                                      f"  tls.key: {base64.b64encode(pem.encode()).decode()}"], True, "private-key",
               "k8s-tls-b64", line=6)
    # Kubernetes service-account JWT in a kubeconfig
    for _ in range(2):
        hdr = {"alg": "RS256", "kid": rand(rng, URLSAFE, 43)}
        ns, sa = rng.choice([("ci", "deployer"), ("argo", "argocd-manager"), ("monitoring", "prometheus")])
        pl = {"aud": ["https://kubernetes.default.svc.cluster.local"], "exp": 1893456000, "iat": 1735689600,
              "iss": "https://kubernetes.default.svc.cluster.local",
              "kubernetes.io": {"namespace": ns, "serviceaccount": {"name": sa, "uid": uuid4(rng)}},
              "sub": f"system:serviceaccount:{ns}:{sa}"}
        tok = ".".join([b64url_nopad(json.dumps(hdr, separators=(",", ":")).encode()),
                        b64url_nopad(json.dumps(pl, separators=(",", ":")).encode()),
                        b64url_nopad(rbytes(rng, 256))])
        corpus.add(g, "kubeconfig", ["users:", f"- name: {sa}", "  user:", f"    token: {tok}"], True, "kubernetes",
                   "sa-token", line=4)
    # Google authorized_user ADC file
    for _ in range(2):
        doc = {"account": "", "client_id": f"{rng.randrange(10**11, 10**12)}-{rand(rng, LOWALNUM, 32)}.apps.googleusercontent.com",
               "client_secret": "GOCSPX-" + rand(rng, URLSAFE, 28), "quota_project_id": "acme-dev",
               "refresh_token": "1//0" + rand(rng, URLSAFE, 99), "type": "authorized_user", "universe_domain": "googleapis.com"}
        lines = json.dumps(doc, indent=2).split("\n")
        corpus.add(g, "application_default_credentials.json", lines, True, "gcp", "adc-authorized-user",
                   line=next(i for i, ln in enumerate(lines, 1) if "client_secret" in ln))
    # Firebase admin service account as a Python dict
    key = rsa_key(rng, 1024)
    pem = "\\n".join(pem_armor("PRIVATE KEY", rsa_pkcs8_der(key))) + "\\n"
    lines = ["cred = credentials.Certificate({", '    "type": "service_account",', '    "project_id": "acme-mobile",',
             f'    "private_key_id": "{rand(rng, HEX, 40)}",', f'    "private_key": "{pem}",',
             '    "client_email": "firebase-adminsdk-x1y2z@acme-mobile.iam.gserviceaccount.com",', "})"]
    corpus.add(g, "firebase_init.py", lines, True, "gcp", "service-account-dict", line=5)
    # Azure connection strings
    def ns():
        return rng.choice(["acme", "contoso", "fabrikam", "northwind"]) + "-" + rand(rng, LOWER, 4)
    for _ in range(2):
        k = base64.b64encode(rbytes(rng, 32)).decode()
        corpus.add(g, "local.settings.json", ['{ "Values": {', f'  "ServiceBusConnection": "Endpoint=sb://{ns()}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={k}"', "} }"],
                   True, "azure", "servicebus-conn", line=2)
        k = base64.b64encode(rbytes(rng, 32)).decode()
        corpus.add(g, "device.env", [f"IOTHUB_CONNECTION_STRING=HostName={ns()}.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey={k}"],
                   True, "azure", "iothub-conn", line=1)
        k = base64.b64encode(rbytes(rng, 64)).decode()
        corpus.add(g, "appsettings.Production.json", ['{', f'  "Cosmos": "AccountEndpoint=https://{ns()}.documents.azure.com:443/;AccountKey={k};"', '}'],
                   True, "azure", "cosmos-conn", line=2)
        k = base64.b64encode(rbytes(rng, 64)).decode()
        corpus.add(g, "sms.py", [f'client = SmsClient.from_connection_string("endpoint=https://{ns()}.communication.azure.com/;accesskey={k}")'],
                   True, "azure", "acs-conn", line=1)
        k = base64.b64encode(rbytes(rng, 32)).decode()
        corpus.add(g, "appconfig.sh", [f'export APPCONFIG_CONNECTION_STRING="Endpoint=https://{ns()}.azconfig.io;Id={rand(rng, ALNUM, 4)}-l0-s0:{rand(rng, ALNUM, 20)};Secret={k}"'],
                   True, "azure", "appconfig-conn", line=1)
        k = base64.b64encode(rbytes(rng, 32)).decode()
        corpus.add(g, "signalr.tf", [f'  connection_string = "Endpoint=https://{ns()}.service.signalr.net;AccessKey={k};Version=1.0;"'],
                   True, "azure", "signalr-conn", line=1)
    # Azure service principal (az ad sp create-for-rbac output)
    for _ in range(2):
        sec = rand(rng, URLSAFE, 3) + "8Q~" + rand(rng, ALNUM + "_~.-", 34)
        lines = ["{", f'  "appId": "{uuid4(rng)}",', '  "displayName": "github-deployer",', f'  "password": "{sec}",',
                 f'  "tenant": "{uuid4(rng)}"', "}"]
        corpus.add(g, "sp.json", lines, True, "azure", "sp-create-for-rbac", line=4)
    # package-manager credential files not used before
    tok = gen_spec(rng, "{pypi}")
    corpus.add(g, ".pypirc", ["[pypi]", "username = __token__", f"password = {tok}"], True, "pypi", "pypirc", line=3)
    corpus.add(g, "credentials", ["---", f":rubygems_api_key: rubygems_{rand(rng, HEX, 48)}"], True, "rubygems", "gem-credentials", line=2)
    b = rand(rng, ALNUM, 30)
    corpus.add(g, "auth.json", ['{', f'  "github-oauth": {{ "github.com": "ghp_{b}{crc32_base62(b)}" }}', '}'], True, "github", "composer-auth", line=2)
    cred = rand(rng, HEX, 60)
    corpus.add(g, "auth.json", ['{ "http-basic": { "repo.packagist.com": {', '  "username": "token",',
                                '  "pass' + 'word": "' + cred + '" } } }'], True, "packagist", "composer-auth", line=3)
    b = rand(rng, ALNUM, 30)
    tok = "npm_" + b + crc32_base62(b)
    corpus.add(g, ".yarnrc.yml", ['npmRegistryServer: "https://registry.npmjs.org"', "npmAuthToken: " + json.dumps(tok)],
               True, "npm", "yarnrc", line=2)
    corpus.add(g, ".s3cfg", ["[default]", f"access_key = AKIA{rand(rng, UPPER + '234567', 16)}", f"secret_key = {rand(rng, B64, 40)}"], True, "aws", "s3cfg", line=3)


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
            "x": string.ascii_letters}.get(code, ALNUM)


def near_fixed(rng, spec, kind):
    """Draw a value from spec and mutate only its longest drawn segment."""
    ms = list(re.finditer(r"\{([hHasludbx])(\d+)\}", spec))
    m = max(ms, key=lambda x: int(x.group(2)))
    seg = gen_spec(rng, "{" + m.group(1) + m.group(2) + "}")
    seg = mutate(rng, seg, kind, spec_alpha(m.group(1)))
    return gen_spec(rng, spec[: m.start()]) + seg + gen_spec(rng, spec[m.end():])


def near_misses(corpus):
    rng = rng_for("near")
    for row in F.PREFIXED:
        if not row[6]:
            continue
        for kind in ("short", "long", "outside"):
            place(corpus, "near", rng, svc(row), near_fixed(rng, row[5], kind), False, row[0], f"near-{kind}", NAMED)
        v = gen_spec(rng, row[5])
        j = next((i for i, c in enumerate(v[:8]) if c.isalpha()), None)
        if j is not None and not v[0].isdigit():
            v = v[:j] + v[j].swapcase() + v[j + 1:]
            place(corpus, "near", rng, svc(row), v, False, row[0], "near-prefix-case", NAMED)
    # non-fixed prefixed formats: the prefix in the wrong case, or a value too short for its prefix
    for row in F.PREFIXED:
        if row[6] or row[5].startswith("{"):
            continue
        v = gen_spec(rng, row[5])
        j = next(i for i, c in enumerate(v) if c.isalpha())
        place(corpus, "near", rng, svc(row), v[:j] + v[j].swapcase() + v[j + 1:], False, row[0], "near-prefix-case", NAMED)
        lit = re.match(r"[^{]*", row[5]).group(0)
        place(corpus, "near", rng, svc(row), lit + rand(rng, ALNUM, 6), False, row[0], "near-too-short", NAMED)
    # long-tail keys one character off, twice per service
    for row in F.LONGTAIL:
        for kind in rng.sample(["short", "long", "outside"], 2):
            v = gen_spec(rng, row[5])
            if row[5] in ("{uuid}", "{UUID}"):
                if kind == "short":
                    v = v[:-1]
                elif kind == "long":
                    v = v + rng.choice(HEX)
                else:
                    v = v[:20] + ("g" if row[5] == "{uuid}" else "G") + v[21:]
            else:
                v = mutate(rng, v, kind, spec_alpha(row[5][1]))
            place(corpus, "near", rng, svc(row), v, False, row[0], f"near-longtail-{kind}", NAMED)
    # wrong checksums
    gh = dict(id="github", name="GitHub", env="GITHUB_TOKEN", host="api.github.com")
    for prefix in ("ghp_", "ghu_", "gho_", "npm_"):
        body = rand(rng, ALNUM, 30)
        good = crc32_base62(body)
        bad = good[:-2] + ("zz" if good[-2:] != "zz" else "yy")
        place(corpus, "near", rng, gh, prefix + body + bad, False, "github", "near-checksum", NAMED + GENERIC)
    # structured near misses
    for _ in range(2):
        k = base64.b64encode(rbytes(rng, 32)).decode()[:-2]  # 42 chars: cut key
        corpus.add("near", "local.settings.json", [f'{{ "ServiceBus": "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Send;SharedAccessKey={k[:30]}" }}'],
                   False, "azure", "near-structured")
    corpus.add("near", "app.env", [f"BLOCKFROST_PROJECT_ID=testnet{rand(rng, ALNUM, 31)}"], False, "blockfrost", "near-structured")
    corpus.add("near", "app.env", [f"ASTRA_TOKEN=AstraCS:{rand(rng, string.ascii_letters, 24)}:{rand(rng, HEX, 40)}"], False, "astra", "near-structured")


# --- negatives: placeholders -----------------------------------------------------------------------------------
def built(rng, n, alphabet, style):
    if style == "run":
        base = "0123456789abcdef" if alphabet in (HEX,) else ("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" if alphabet == UPALNUM
                                                            else "abcdefghijklmnopqrstuvwxyz0123456789")
        return ((base * 10)[rng.randrange(3):])[:n]
    if style == "countdown":
        return (("fedcba9876543210" if alphabet == HEX else "zyxwvutsrqponmlkjihgfedcba9876543210") * 8)[:n]
    if style == "alternate":
        return (("a0" if alphabet in (HEX, LOWALNUM, DIGITS) else "Ab") * 80)[:n]
    if style == "repeat":
        return (rand(rng, alphabet if alphabet != B64 else ALNUM, 6) * 40)[:n]
    if style == "filler":
        return ("0" if alphabet in (HEX, DIGITS) else "X") * n
    if style == "word":
        return (("YOURKEYHERE" if alphabet in (UPALNUM,) else "your_key_here_" if alphabet != HEX else "deadbeef") * 20)[:n]
    raise ValueError(style)


STYLES = ["run", "countdown", "alternate", "repeat", "filler", "word"]


def placeholders(corpus):
    rng = rng_for("placeholders")
    for idx, row in enumerate(F.PREFIXED):
        spec = row[5]
        ms = list(re.finditer(r"\{([hHasludbx])(\d+)\}", spec))
        if not ms:
            continue
        m = max(ms, key=lambda x: int(x.group(2)))
        style = STYLES[idx % len(STYLES)]
        v = gen_spec(rng, spec[: m.start()]) + built(rng, int(m.group(2)), spec_alpha(m.group(1)), style) + gen_spec(rng, spec[m.end():])
        if row[0] == "ebay":  # every group of a Cert ID is secret material: build them all
            t = built(rng, 28, HEX, style)
            v = f"PRD-{t[:12]}-{t[12:16]}-{t[16:20]}-{t[20:24]}-{t[24:]}"
        place(corpus, "placeholders", rng, svc(row), v, False, row[0], f"ph-{style}", NAMED)
    for idx, row in enumerate(F.LONGTAIL):
        if idx % 2:
            continue
        style = STYLES[(idx // 2) % len(STYLES)]
        if row[5] in ("{uuid}", "{UUID}"):
            v = {"run": "12345678-1234-1234-1234-123456789abc", "countdown": "98765432-9876-5432-1098-765432109876",
                 "alternate": "abababab-abab-abab-abab-abababababab", "repeat": "deadbeef-dead-beef-dead-beefdeadbeef",
                 "filler": "00000000-0000-0000-0000-000000000000", "word": "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"}[style]
        else:
            v = built(rng, int(row[5][2:-1]), spec_alpha(row[5][1]), style)
        place(corpus, "placeholders", rng, svc(row), v, False, row[0], f"ph-{style}", NAMED)
    docs = ["your_key_here", "<token>", "${AUTH0_CLIENT_SECRET}", "{{ secrets.CALLRAIL_API_KEY }}", "<YOUR_API_KEY>",
            "$(WEATHERBIT_KEY)", "%CONSUL_HTTP_TOKEN%", "{{ .Values.quay.robotToken }}", "changeme", "REPLACE_WITH_YOUR_KEY",
            "********************************", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "AstraCS:...", "tk_<token>",
            "ory_pat_xxxxxxxx", "sa_api_key_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "op://Infra/OTX/credential",
            "vault:secret/data/gorgias#api_key", "projects/acme/secrets/xero-client-secret/versions/latest",
            "<redacted>", "***REMOVED***", "sk-...", "mainnetXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "PRD-xxxxxxxxxxxx-xxxx-xxxx-xxxx-xxxx",
            "env:MINIO_ROOT_PASSWORD", "TODO: add key", "null", "none"]
    rows = F.PREFIXED + [r + (False,) for r in F.LONGTAIL]
    for w in docs:
        row = rng.choice(rows)
        place(corpus, "placeholders", rng, svc(row), w, False, row[0], "ph-doc", NAMED)
    pw_forms = [("cqlsh", lambda w: [f"cqlsh cass01 9042 -u cassandra -p '{w}'"]),
                ("ipmitool-P", lambda w: [f"ipmitool -I lanplus -H 10.0.9.21 -U ADMIN -P '{w}' chassis power status"]),
                ("pg-create-role", lambda w: [f"CREATE ROLE analytics LOGIN PASSWORD '{w}';"]),
                ("redis-py", lambda w: [f"r = redis.Redis(host='cache01', port=6379, password='{w}')"]),
                ("kafka-jaas", lambda w: ['sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="svc" password="' + w + '";'])]
    for i, w in enumerate(["<password>", "${KAFKA_PASSWORD}", "changeme", "$(cat /run/secrets/pw)", "********", "{{ pg_password }}",
                           "YOUR_PASSWORD", "%(password)s", "password", "example"]):
        form, fn = pw_forms[i % len(pw_forms)]
        corpus.add("placeholders", "snippet.txt", fn(w), False, "password", "ph-password")


# --- negatives: identifiers and public material ---------------------------------------------------------------
def identifiers(corpus):
    rng = rng_for("identifiers")
    h = lambda n: rand(rng, HEX, n)  # noqa: E731
    b = lambda n: base64.b64encode(rbytes(rng, n)).decode()  # noqa: E731
    B32L = "abcdefghijklmnopqrstuvwxyz234567"
    cases = [
        ("build-coords", "build.gradle.kts", lambda: [f'implementation("com.auth0:java-jwt:4.{rng.randrange(2, 6)}.0")']),
        ("build-coords", "gradle.lockfile", lambda: [f"com.squareup.okio:okio:3.{rng.randrange(4, 10)}.0=compileClasspath,runtimeClasspath"]),
        ("build-coords", "pom.xml", lambda: ["<dependency>", "  <groupId>io.helius</groupId><artifactId>helius-sdk</artifactId>",
                                             f"  <version>1.{rng.randrange(0, 9)}.{rng.randrange(0, 20)}</version>", "</dependency>"]),
        ("lock-hash", "uv.lock", lambda: ['[[package]]', 'name = "auth0-python"', f'sdist = {{ url = "https://files.pythonhosted.org/x.tar.gz", hash = "sha256:{h(64)}" }}']),
        ("lock-hash", "Gemfile.lock", lambda: ["CHECKSUMS", f"  nokogiri (1.16.{rng.randrange(0, 9)}) sha256={h(64)}"]),
        ("lock-hash", ".terraform.lock.hcl", lambda: ['provider "registry.terraform.io/hashicorp/azurerm" {', '  hashes = [',
                                                      f'    "h1:{b(32)}",', f'    "zh:{h(64)}",', "  ]", "}"]),
        ("lock-hash", "deno.lock", lambda: ['"remote": {', f'  "https://deno.land/std@0.224.0/assert/mod.ts": "{h(64)}"', "}"]),
        ("lock-hash", "gradle-wrapper.properties", lambda: [f"distributionSha256Sum={h(64)}",
                                                            "distributionUrl=https\\://services.gradle.org/distributions/gradle-8.10-bin.zip"]),
        ("git-sha", "ci.yml", lambda: [f"      - uses: actions/checkout@{h(40)} # v4.2.2"]),
        ("git-sha", "vcpkg.json", lambda: ['{', f'  "builtin-baseline": "{h(40)}"', '}']),
        ("git-sha", "submodules.txt", lambda: [f" {h(40)} vendor/auth0-lib (v3.1.0)"]),
        ("git-sha", "release-notes.md", lambda: [f"- Bump CallRail client to 2.4 ({h(40)})"]),
        ("image-digest", "Dockerfile", lambda: [f"FROM node:20-alpine@sha256:{h(64)}"]),
        ("request-id", "access.log", lambda: [f"INFO request completed request_id={uuid4(rng)} status=200 duration_ms=41"]),
        ("request-id", "lambda.log", lambda: [f"REPORT RequestId: {uuid4(rng)}\tDuration: 12.40 ms\tBilled Duration: 13 ms"]),
        ("request-id", "response.txt", lambda: ["HTTP/1.1 429 Too Many Requests", f"x-ms-request-id: {uuid4(rng)}", "Retry-After: 30"]),
        ("trace-id", "headers.txt", lambda: [f"traceparent: 00-{h(32)}-{h(16)}-01"]),
        ("uuid-id", "main.tf", lambda: ['provider "azurerm" {', f'  tenant_id       = "{uuid4(rng)}"', f'  subscription_id = "{uuid4(rng)}"', "}"]),
        ("uuid-id", "auth0.json", lambda: ['{', f'  "client_id": "{rand(rng, ALNUM, 32)}",', '  "domain": "acme.eu.auth0.com"', '}']),
        ("uuid-id", "consul.hcl", lambda: [f'node_id = "{uuid4(rng)}"', 'datacenter = "eu-west"']),
        ("account-id", "backend.tf", lambda: [f'  role_arn = "arn:aws:iam::{rng.randrange(10**11, 10**12)}:role/terraform"']),
        ("account-id", "oci.tf", lambda: [f'tenancy_ocid = "ocid1.tenancy.oc1..aaaaaaaa{rand(rng, B32L, 52)}"']),
        ("account-id", "project.pbxproj", lambda: [f"DEVELOPMENT_TEAM = {rand(rng, UPALNUM, 10)};"]),
        ("account-id", "apns.env", lambda: [f"APNS_KEY_ID={rand(rng, UPALNUM, 10)}", f"APNS_TEAM_ID={rand(rng, UPALNUM, 10)}"]),
        ("snake-name", "metrics.py", lambda: [f'GAUGE = "auth0_client_secret_rotation_age_v{rng.randrange(2, 9)}"']),
        ("snake-name", "migrations.sql", lambda: [f"ALTER TABLE integrations RENAME COLUMN api_key_v{rng.randrange(1, 4)} TO api_key_encrypted_v{rng.randrange(4, 9)};"]),
        ("asset-hash", "index.html", lambda: [f'<script src="/static/js/main.{h(8)}.js"></script>', f'<link href="/static/css/main.{h(8)}.css" rel="stylesheet">']),
        ("asset-hash", "response.txt", lambda: [f'ETag: "{h(32)}"', f"Content-MD5: {b(16)}"]),
        ("test-vector", "test_hash.py", lambda: [f'assert hashlib.sha256(b"abc").hexdigest() == "{hashlib.sha256(b"abc").hexdigest()}"']),
        ("uuid-v7", "events.json", lambda: ['{"id": "0193' + h(4) + "-" + h(4) + "-7" + h(3) + "-" + rng.choice("89ab") + h(3) + "-" + h(12) + '", "type": "order.created"}']),
    ]
    for _ in range(2):
        for form, name, fn in cases:
            corpus.add("identifiers", name, fn(), False, "none", form)
    # public material labelled as public
    for _ in range(2):
        corpus.add("identifiers", "index.html", [f'<div class="g-recaptcha" data-sitekey="6L{rand(rng, URLSAFE, 38)}"></div>'], False, "recaptcha", "public-key")
        corpus.add("identifiers", ".env.production", [f"NEXT_PUBLIC_RECAPTCHA_SITE_KEY=6L{rand(rng, URLSAFE, 38)}"], False, "recaptcha", "public-key")
        corpus.add("identifiers", "push.env", [f"VAPID_PUBLIC_KEY=B{rand(rng, URLSAFE, 86)}"], False, "webpush", "public-key")
        _, pk = openssh_ed25519(rng)
        blob = base64.b64encode(ssh_string("ssh-ed25519") + ssh_string(pk)).decode()
        corpus.add("identifiers", "authorized_keys", [f"ssh-ed25519 {blob} deploy@ci"], False, "ssh", "public-key")
        spki = der_seq(der_seq(der_oid("1.2.840.10045.2.1"), der_oid(P256)), der(0x03, b"\x00\x04" + rbytes(rng, 64)))
        corpus.add("identifiers", "signing-public.pem", pem_armor("PUBLIC KEY", spki), False, "ec", "public-key")
        corpus.add("identifiers", "release-public.asc", pgp_block(rng, secret=False), False, "pgp", "public-key")
        corpus.add("identifiers", "recipients.txt", [bech32_encode("age", to5(rbytes(rng, 32)))], False, "age", "public-key")
        corpus.add("identifiers", "minisign.pub", ["untrusted comment: minisign public key " + h(16).upper(),
                                                   "RW" + base64.b64encode(rbytes(rng, 40)).decode()[:54]], False, "minisign", "public-key")
        corpus.add("identifiers", "wg0.conf", ["[Peer]", f"PublicKey = {b(32)}", "AllowedIPs = 10.8.0.2/32"], False, "wireguard", "public-key")


ORDINARY = [
    ("auth.py", ["def get_client():", "    return auth0.Client(client_secret=os.environ['AUTH0_CLIENT_SECRET'])"]),
    ("cache.go", ['rdb := redis.NewClient(&redis.Options{Addr: cfg.Addr, Password: cfg.RedisPassword})']),
    ("Tls.java", ['ks.load(new FileInputStream(path), System.getenv("KEYSTORE_PASSWORD").toCharArray());']),
    ("mailer.js", ["nodemailer.createTransport({ host, auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS } });"]),
    ("kafka.properties", ['sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${KAFKA_USER}" password="${KAFKA_PASS}";']),
    ("bmc.sh", ['ipmitool -I lanplus -H "$BMC_HOST" -U ADMIN -E chassis power status']),
    ("deploy.rb", ["Net::SSH.start(host, user, keys: [ENV.fetch('DEPLOY_KEY_PATH')]) do |ssh|"]),
    ("roles.sql", ["CREATE ROLE analytics LOGIN PASSWORD NULL;", "-- password is set by the bootstrap job"]),
    ("db.rs", ['let opts = PgConnectOptions::new().host(&cfg.host).password(&std::env::var("PGPASSWORD")?);']),
    ("Repo.cs", ['using var conn = new MySqlConnection(configuration.GetConnectionString("Shop"));']),
    ("values.yaml", ["auth0:", "  clientSecret: \"\"", "  existingSecret: auth0-credentials"]),
    ("deployment.yaml", ["        env:", "          - name: CALLRAIL_API_KEY", "            valueFrom:",
                         "              secretKeyRef: { name: callrail, key: api-key }"]),
    ("ci.yml", ["        env:", "          QUAY_ROBOT_TOKEN: ${{ secrets.QUAY_ROBOT_TOKEN }}"]),
    ("variables.tf", ['variable "xero_client_secret" {', "  type      = string", "  sensitive = true", "}"]),
    ("validate.ts", ["const ASTRA_TOKEN_RE = /^AstraCS:[A-Za-z]{24}:[0-9a-f]{64}$/;"]),
    ("README.md", ["Set `OTX_API_KEY` to the 64-character key from your AlienVault profile page.",
                   "Canvas tokens look like `<account id>~<64 characters>`."]),
    ("mask.py", ["def mask(key):", "    return key[:4] + '*' * (len(key) - 8) + key[-4:]"]),
    ("hash.py", ["pw_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12))"]),
    ("Dockerfile", ["FROM python:3.12-slim", "ARG WEATHERBIT_API_KEY", "ENV WEATHERBIT_API_KEY=${WEATHERBIT_API_KEY}"]),
    ("settings.py", ["SECRET_KEY = os.environ['DJANGO_SECRET_KEY']", "DEBUG = env.bool('DEBUG', default=False)"]),
    ("login.exp", ['expect "password:"', 'send "$env(SSH_PASS)\\r"']),
    ("appsettings.json", ['{ "ConnectionStrings": { "Storage": "UseDevelopmentStorage=true" } }']),
    ("errors.go", ['return fmt.Errorf("consul: ACL token rejected (check CONSUL_HTTP_TOKEN)")']),
    ("keygen.sh", ["ssh-keygen -t ed25519 -N '' -f ./id_ed25519 -C deploy@ci", "cat ./id_ed25519.pub"]),
    ("test_mask.py", ["def test_mask():", "    assert mask('tk_abcdef') == 'tk_a***'"]),
]


def ordinary(corpus):
    for name, lines in ORDINARY:
        corpus.add("ordinary", name, lines, False, "none", "ordinary-code")


def main():
    generate_main(__doc__, "/work/scratch/heldout6", [positives, app_secrets, passwords, structured, near_misses,
                                                      placeholders, identifiers, ordinary])


if __name__ == "__main__":
    main()
