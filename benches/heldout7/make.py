#!/usr/bin/env python3
"""Write the seventh held-out corpus and its labels.

    python3 benches/heldout7/make.py [DIR]        # default /work/scratch/heldout7

Shaped like the hidden sets the project is judged on: (a) rule-test snippets of one to four lines
with a real-looking credential in a small context, (b) detector-test decoys a character away from a
real token, and (c) the credential files, key blocks and ordinary code of real repositories. Written
blind to vaultsweep's rules (`patterns/` and `src/` unopened) and to other scanners' rule and test
files. Providers (formats.py), contexts, password forms, structured kinds and decoys are chosen away
from heldouts 1-6. Deterministic; no token is written in this source, each is drawn at generation
time.
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
                     BASE58, crc32_base62, gen_spec, human_password, pem_armor, rand, rbytes, rsa_key,
                     rsa_pkcs1_der, rsa_pkcs8_der, rsa_spki_der, uuid4, der, der_seq, der_int, der_oid,
                     der_octets, ssh_string, ssh_mpint, bech32_encode, to5, b64url_nopad)

SEED = "vaultsweep-heldout7-v1"
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


def svc(row):
    return dict(id=row[0], name=row[2], env=row[3], host=row[4])


def jlines(doc, indent=2):
    return json.dumps(doc, indent=indent).split("\n")


# --- contexts: (filename, lines) for a service s and value v (none of heldout5's or heldout6's) ------------
def c_ansible_groupvars(s, v):
    return "group_vars/all.yml", ["---", f"# {s['name']}", f"{s['env'].lower()}: \"{v}\""]


def c_ansible_uri(s, v):
    return "tasks/check.yml", [f"- name: Query {s['name']}", "  ansible.builtin.uri:", f"    url: https://{s['host']}/v1/status",
                               "    headers:", f"      X-Api-Key: \"{v}\""]


def c_hiera(s, v):
    return "data/common.yaml", [f"profile::{ident(s)}::api_key: '{v}'"]


def c_chef_attr(s, v):
    return "attributes/default.rb", [f"default['acme']['{ident(s)}']['api_key'] = '{v}'"]


def c_systemd(s, v):
    return "worker.service", ["[Service]", f'Environment="{s["env"]}={v}"', "ExecStart=/usr/local/bin/worker"]


def c_nginx(s, v):
    return "upstream.conf", ["location /ext/ {", f"    proxy_pass https://{s['host']}/;", f'    proxy_set_header X-Api-Key "{v}";', "}"]


def c_apache(s, v):
    return "vhost.conf", ["<VirtualHost *:443>", "    ServerName app.acme.io", f"    SetEnv {s['env']} {v}", "</VirtualHost>"]


def c_supervisord(s, v):
    return "supervisord.conf", ["[program:worker]", "command=/srv/bin/worker", f'environment={s["env"]}="{v}",LOG_LEVEL="info"']


def c_jupyter(s, v):
    nb = {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [],
                     "source": ["import os\n", f"os.environ[\"{s['env']}\"] = \"{v}\"\n", f"client = {ident(s)}.Client()"]}],
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    return "explore.ipynb", jlines(nb, 1)


def c_java_value(s, v):
    return "Client.java", [f'@Value("${{{ident(s).replace("_", "-")}.api-key:{v}}}")', "private String apiKey;"]


def c_usersecrets(s, v):
    return "secrets.json", ["{", f'  "{pascal(ident(s))}:ApiKey": "{v}"', "}"]


def c_elixir(s, v):
    return "config/runtime.exs", [f"config :acme, :{ident(s)},", f'  api_key: "{v}"']


def c_rust_unwrap(s, v):
    return "main.rs", [f'let api_key = std::env::var("{s["env"]}").unwrap_or_else(|_| "{v}".to_string());']


def c_scala(s, v):
    return "Settings.scala", [f'val {camel(s["env"])} = sys.env.getOrElse("{s["env"]}", "{v}")']


def c_jenkinsfile(s, v):
    return "Jenkinsfile", ["pipeline {", "  agent any", "  environment {", f"    {s['env']} = '{v}'", "  }"]


def c_lua(s, v):
    return "config.lua", ["return {", f'  {ident(s)} = {{ api_key = "{v}" }},', "}"]


def c_r_setenv(s, v):
    return "setup.R", [f'Sys.setenv({s["env"]} = "{v}")']


def c_perl_hash(s, v):
    return "Config.pm", ["our %CONFIG = (", f"    {s['env'].lower()} => '{v}',", ");"]


def c_heredoc(s, v):
    return "bootstrap.sh", ["cat > /etc/acme/worker.env <<'EOF'", f"{s['env']}={v}", "EOF"]


def c_postman(s, v):
    doc = {"info": {"name": f"{s['name']} API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
           "item": [{"name": "Status", "request": {"method": "GET", "header": [{"key": "x-api-key", "value": v, "type": "text"}],
                                                   "url": {"raw": f"https://{s['host']}/v1/status"}}}]}
    return "collection.json", jlines(doc)


def c_insomnia(s, v):
    doc = {"_type": "export", "__export_format": 4,
           "resources": [{"_type": "environment", "name": "Production",
                          "data": {"base_url": f"https://{s['host']}", f"{ident(s)}_api_key": v}}]}
    return "insomnia.json", jlines(doc)


def c_openapi(s, v):
    return "openapi.yaml", ["servers:", f"  - url: https://{s['host']}/v1", "paths:", "  /lookup:", "    get:",
                            "      parameters:", "        - name: api_key", "          in: query", f"          example: {v}"]


def c_serverless(s, v):
    return "serverless.yml", [f"service: {s['id']}-sync", "provider:", "  name: aws", "  environment:", f"    {s['env']}: {v}"]


def c_pulumi(s, v):
    return "Pulumi.prod.yaml", ["config:", "  aws:region: eu-west-1", f"  acme:{camel(s['env'])}: {v}"]


def c_cfn_params(s, v):
    return "params.json", ["[", '  { "ParameterKey": "Stage", "ParameterValue": "prod" },',
                           f'  {{ "ParameterKey": "{pascal(s["env"])}", "ParameterValue": "{v}" }}', "]"]


def c_nomad(s, v):
    return "worker.nomad.hcl", ['task "worker" {', '  driver = "docker"', "  env {", f'    {s["env"]} = "{v}"', "  }", "}"]


def c_argocd(s, v):
    return "application.yaml", ["  source:", "    helm:", "      parameters:", f"        - name: {camel(ident(s))}.apiKey",
                                f'          value: "{v}"']


def c_jira(s, v):
    return "comment.txt", [f"Rotated the {s['name']} key this morning, new value is {{{{{v}}}}} - please update the runbook."]


def c_readme_block(s, v):
    return "README.md", [f"## {s['name']}", "", "```bash", f'curl -H "Authorization: Token {v}" https://{s["host"]}/v1/me', "```"]


def c_stacktrace(s, v):
    return "error.log", ["Traceback (most recent call last):", '  File "sync.py", line 41, in <module>',
                         f"requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://{s['host']}/v1/lookup?apikey={v}"]


def c_csv(s, v):
    return "credentials.csv", ["service,environment,api_key,owner", f"{s['name']},production,{v},platform"]


def c_tox(s, v):
    return "tox.ini", ["[testenv]", "setenv =", f"    {s['env']}={v}"]


def c_spring_bean(s, v):
    return "beans.xml", [f'<bean id="{camel(ident(s))}Client" class="com.acme.{pascal(ident(s))}Client">',
                         f'  <property name="apiKey" value="{v}"/>', "</bean>"]


def c_textproto(s, v):
    return "service.textproto", [f"{ident(s)} {{", f'  api_key: "{v}"', "}"]


def c_rest_client(s, v):
    var = camel(ident(s)) + "Key"
    return "requests.http", [f"@{var} = {v}", "", f"GET https://{s['host']}/v1/account", f"X-Api-Key: {{{{{var}}}}}"]


def c_py_setdefault(s, v):
    return "conftest.py", ["import os", f'os.environ.setdefault("{s["env"]}", "{v}")']


def c_js_env_or(s, v):
    return "config.js", [f"const {camel(s['env'])} = process.env.{s['env']} || '{v}';"]


def c_bicep(s, v):
    return "main.bicep", [f"param {camel(s['env'])} string = '{v}'"]


def c_xcconfig(s, v):
    return "Secrets.xcconfig", [f"{s['env']} = {v}"]


NAMED = [c_ansible_groupvars, c_ansible_uri, c_hiera, c_chef_attr, c_systemd, c_nginx, c_apache, c_supervisord,
         c_jupyter, c_java_value, c_usersecrets, c_elixir, c_rust_unwrap, c_scala, c_jenkinsfile, c_lua, c_r_setenv,
         c_perl_hash, c_heredoc, c_postman, c_insomnia, c_openapi, c_serverless, c_pulumi, c_cfn_params, c_nomad,
         c_argocd, c_jira, c_readme_block, c_stacktrace, c_csv, c_tox, c_spring_bean, c_textproto, c_rest_client,
         c_py_setdefault, c_js_env_or, c_bicep, c_xcconfig]


def g_bare(s, v):
    return "token.txt", [v]


def g_bearer_http(s, v):
    return "call.http", ["POST https://api.example.com/v1/run", f"Authorization: Bearer {v}"]


def g_json_token(s, v):
    return "fixture.json", ["{", f'  "token": "{v}"', "}"]


def g_cli_arg(s, v):
    return "run.sh", [f"./bin/sync --token {v} --dry-run"]


GENERIC = [g_bare, g_bearer_http, g_json_token, g_cli_arg]


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
NAMED_ONLY = ("sanctum", "turso", "lemonsqueezy")


def positives(corpus):
    rng = rng_for("prefixed")
    for row in F.PREFIXED:
        for i in range(3):
            pool = GENERIC if i == 2 and row[0] not in NAMED_ONLY else NAMED
            place(corpus, "prefixed", rng, svc(row), gen_spec(rng, row[5]), True, row[0], row[0], pool)
    rng = rng_for("checksummed")
    gh = dict(id="github", name="GitHub", env="GITHUB_TOKEN", host="api.github.com")
    for prefix in ("ghp_", "ghu_", "ghr_", "npm_"):
        for _ in range(2):
            body = rand(rng, ALNUM, 30)
            place(corpus, "prefixed", rng, gh, prefix + body + crc32_base62(body), True,
                  "npm" if prefix == "npm_" else "github", "checksummed", NAMED)
    rng = rng_for("longtail")
    for row in F.LONGTAIL:
        for _ in range(3):
            place(corpus, "longtail", rng, svc(row), gen_spec(rng, row[5]), True, row[0], shape(row[5]), NAMED)


# --- application secrets (framework keys) ----------------------------------------------------------------
DJANGO = string.ascii_lowercase + string.digits + "!@#$%^&*(-_=+)"


def app_secrets(corpus):
    rng = rng_for("appsecrets")
    g = "appsecrets"

    def add(name, lines, provider, line):
        corpus.add(g, name, lines, True, provider, "app-secret", line=line)

    add("config/prod.exs", ["config :acme, AcmeWeb.Endpoint,", '  url: [host: "acme.io", port: 443],',
                            f'  secret_key_base: "{base64.b64encode(rbytes(rng, 48)).decode()}"'], "phoenix", 3)  # vaultsweep:allow (template: the value is drawn at generation time)
    add("app.js", ["app.use(session({", f"  secret: '{rand(rng, HEX, 64)}',", "  resave: false,",  # vaultsweep:allow (template: the value is drawn at generation time)
                   "  saveUninitialized: false,", "}));"], "express-session", 2)
    add("web.config", ["<system.web>", f'  <machineKey validationKey="{rand(rng, UHEX, 128)}" decryptionKey="{rand(rng, UHEX, 64)}" '
                       'validation="HMACSHA256" decryption="AES" />', "</system.web>"], "aspnet-machinekey", 2)
    add("application.properties", ["spring.application.name=billing",
                                   f"jwt.secret={base64.b64encode(rbytes(rng, 64)).decode()}", "jwt.expiration=3600"], "spring-jwt", 2)
    keys = ",".join(base64.b64encode(rbytes(rng, 16)).decode() for _ in range(4))
    add(".env", ["HOST=0.0.0.0", "PORT=1337", f"APP_KEYS={keys}", f"API_TOKEN_SALT={base64.b64encode(rbytes(rng, 16)).decode()}"],
        "strapi", 3)
    add("config/initializers/devise.rb", ["Devise.setup do |config|", f"  config.secret_key = '{rand(rng, HEX, 128)}'", "end"], "devise", 2)  # vaultsweep:allow (template: the value is drawn at generation time)
    add("conf/application.conf", ['play.http.secret.key="' + rand(rng, ALNUM, 64) + '"', 'play.i18n.langs = ["en"]'], "play", 1)
    add("grafana.ini", ["[security]", "admin_user = admin", f"secret_key = {rand(rng, ALNUM, 20)}"], "grafana", 3)
    add("airflow.cfg", ["[core]", "executor = CeleryExecutor", f"fernet_key = {base64.urlsafe_b64encode(rbytes(rng, 32)).decode()}"],
        "airflow", 3)
    add("jupyterhub_config.py", ["c.JupyterHub.bind_url = 'http://:8000'", f"c.JupyterHub.cookie_secret = bytes.fromhex('{rand(rng, HEX, 64)}')"],
        "jupyterhub", 2)
    itok = ".".join([b64url_nopad(b'{"alg":"HS256","typ":"JWT"}'),
                     b64url_nopad(json.dumps({"nbf": rng.randrange(1600000000, 1700000000)}, separators=(",", ":")).encode()),
                     b64url_nopad(rbytes(rng, 32))])
    add("app.ini", ["[security]", "INSTALL_LOCK = true", f"INTERNAL_TOKEN = {itok}"], "gitea", 3)
    add("config/config.php", ["<?php", "$CONFIG = array (", f"  'passwordsalt' => '{rand(rng, ALNUM, 30)}',",  # vaultsweep:allow (template: the value is drawn at generation time)
                              f"  'secret' => '{rand(rng, B64, 48)}',", "  'trusted_domains' => array ('cloud.acme.io'),", ");"],  # vaultsweep:allow (template: the value is drawn at generation time)
        "nextcloud", 4)
    add(".env.hasura", [f'HASURA_GRAPHQL_JWT_SECRET={{"type":"HS256","key":"{rand(rng, HEX, 64)}"}}'], "hasura", 1)
    add("Rocket.toml", ["[release]", "port = 8000", f'secret_key = "{base64.b64encode(rbytes(rng, 32)).decode()}"'], "rocket", 3)  # vaultsweep:allow (template: the value is drawn at generation time)
    add(".env.n8n", ["N8N_HOST=n8n.acme.io", f"N8N_ENCRYPTION_KEY={rand(rng, ALNUM, 32)}"], "n8n", 2)
    add("sentry/config.yml", ["mail.backend: 'smtp'", f"system.secret-key: '{rand(rng, DJANGO, 50)}'"], "sentry-selfhosted", 2)  # vaultsweep:allow (template: the value is drawn at generation time)


# --- passwords outside name = value ---------------------------------------------------------------------
SHELL_SQ = "'"
DQ = '"\\$`!'
BARE = "#;:,\"' $\\{}&|<>%"
BATCH = '"%^&|<>! '
XML = "&<>\"'"

PASSWORD_FORMS = [
    # CLI tools
    ("impacket-secretsdump", "dump.sh", SHELL_SQ + "@:", lambda p, q: [f"secretsdump.py 'ACME/administrator:{p}@10.0.4.12' -just-dc-ntlm"]),
    ("netexec-smb", "enum.sh", SHELL_SQ, lambda p, q: [f"nxc smb 10.0.4.0/24 -u administrator -p '{p}' --shares"]),
    ("evil-winrm", "shell.sh", SHELL_SQ, lambda p, q: [f"evil-winrm -i 10.0.4.15 -u svc_backup -p '{p}'"]),
    ("x11vnc-passwd", "vnc.sh", SHELL_SQ, lambda p, q: [f"x11vnc -display :0 -forever -shared -passwd '{p}'"]),
    ("ncftpput", "publish.sh", SHELL_SQ, lambda p, q: [f"ncftpput -u upload -p '{p}' ftp.acme.io /incoming build/app.tar.gz"]),
    ("sshfs-password-stdin", "mount-data.sh", SHELL_SQ, lambda p, q: [f"echo '{p}' | sshfs deploy@files.acme.io:/srv/data /mnt/data -o password_stdin"]),
    ("7z-p", "archive.sh", SHELL_SQ, lambda p, q: [f"7z a -p'{p}' -mhe=on backup.7z ./dump"]),
    ("gpg-passphrase", "encrypt.sh", SHELL_SQ, lambda p, q: [f"gpg --batch --yes --pinentry-mode loopback --passphrase '{p}' -c secrets.tar"]),
    ("openssl-enc-k", "seal.sh", SHELL_SQ, lambda p, q: [f"openssl enc -aes-256-cbc -pbkdf2 -in db.sql -out db.sql.enc -k '{p}'"]),
    ("jarsigner-storepass", "sign.sh", SHELL_SQ, lambda p, q: [f"jarsigner -keystore release.jks -storepass '{p}' app-release-unsigned.apk release"]),
    ("plink-pw", "switch.bat", BATCH, lambda p, q: [f'plink -ssh -batch -pw "{p}" admin@10.0.2.9 "show running-config"']),
    ("cmdkey-pass", "creds.bat", BATCH, lambda p, q: [f"cmdkey /add:fs01.acme.local /user:ACME\\svc_sync /pass:{p}"]),
    ("wmic-password", "inventory.bat", BATCH, lambda p, q: [f'wmic /node:srv03 /user:ACME\\admin /password:"{p}" process list brief']),
    ("az-admin-password", "vm.sh", SHELL_SQ, lambda p, q: [f"az vm create -g rg-prod -n vm01 --image Ubuntu2204 --admin-username azureuser --admin-password '{p}'"]),
    ("aws-rds-master-password", "rds.sh", SHELL_SQ, lambda p, q: [
        f"aws rds create-db-instance --db-instance-identifier app-db --engine postgres --master-username app --master-user-password '{p}'"]),
    ("curl-proxy-user", "probe.sh", SHELL_SQ, lambda p, q: [f"curl -sS --proxy http://proxy.acme.io:3128 --proxy-user 'svc_proxy:{p}' https://status.example.org/"]),
    ("jenkins-cli-auth", "jobs.sh", SHELL_SQ, lambda p, q: [f"java -jar jenkins-cli.jar -s https://ci.acme.io/ -auth 'admin:{p}' list-jobs"]),
    # driver and library calls
    ("rust-mysql-opts", "db.rs", DQ, lambda p, q: [f'let opts = OptsBuilder::new().ip_or_hostname(Some("db01")).user(Some("app")).pass(Some("{p}"));']),
    ("rust-tiberius", "mssql.rs", DQ, lambda p, q: [f'config.authentication(AuthMethod::sql_server("sa", "{p}"));']),
    ("rust-lettre", "mail.rs", DQ, lambda p, q: [f'let creds = Credentials::new("alerts@acme.io".to_owned(), "{p}".to_owned());']),
    ("go-ldap-bind", "ldap.go", DQ, lambda p, q: [f'if err := l.Bind("cn=admin,dc=acme,dc=io", "{p}"); err != nil {{', "\treturn err", "}"]),
    ("go-gomail-dialer", "notify.go", DQ, lambda p, q: [f'd := gomail.NewDialer("smtp.acme.io", 587, "alerts@acme.io", "{p}")']),
    ("go-ftp-login", "upload.go", DQ, lambda p, q: [f'if err := c.Login("upload", "{p}"); err != nil {{', "\tlog.Fatal(err)", "}"]),
    ("java-httpclient5-credentials", "Sync.java", DQ, lambda p, q: [
        f'creds.setCredentials(new AuthScope("nexus.acme.io", 443), new UsernamePasswordCredentials("svc-sync", "{p}".toCharArray()));']),
    ("cs-mongo-credential", "Store.cs", DQ, lambda p, q: [f'var credential = MongoCredential.CreateCredential("admin", "root", "{p}");']),
    ("cs-mailkit-authenticate", "Mailer.cs", DQ, lambda p, q: ['await client.ConnectAsync("smtp.acme.io", 587, SecureSocketOptions.StartTls);',
                                                              f'await client.AuthenticateAsync("alerts@acme.io", "{p}");']),
    ("py-poplib-pass", "inbox.py", DQ, lambda p, q: ['pop = poplib.POP3_SSL("mail.acme.io")', 'pop.user("alerts")', f'pop.pass_("{p}")']),
    ("py-ldap-simple-bind", "directory.py", DQ, lambda p, q: ['conn = ldap.initialize("ldaps://ldap.acme.io")',
                                                             f'conn.simple_bind_s("cn=admin,dc=acme,dc=io", "{p}")']),
    ("py-pika-credentials", "consumer.py", DQ, lambda p, q: [f'credentials = pika.PlainCredentials("svc", "{p}")']),
    ("php-ssh2-auth", "deploy.php", SHELL_SQ + "\\", lambda p, q: ["$conn = ssh2_connect('web01.acme.io', 22);", f"ssh2_auth_password($conn, 'deploy', '{p}');"]),
    ("php-imap-open", "bounces.php", SHELL_SQ + "\\", lambda p, q: [f"$mbox = imap_open('{{mail.acme.io:993/imap/ssl}}INBOX', 'bounces@acme.io', '{p}');"]),  # vaultsweep:allow
    ("ruby-net-imap-login", "fetch_mail.rb", SHELL_SQ + "\\", lambda p, q: ["imap = Net::IMAP.new('mail.acme.io', port: 993, ssl: true)",
                                                                          f"imap.login('alerts@acme.io', '{p}')"]),
    ("perl-net-ftp-login", "mirror.pl", SHELL_SQ + "\\", lambda p, q: ["my $ftp = Net::FTP->new('ftp.acme.io') or die;",
                                                                     f"$ftp->login('upload', '{p}') or die $ftp->message;"]),
    ("c-mysql-real-connect", "report.c", DQ + "?", lambda p, q: [f'if (!mysql_real_connect(conn, "db01", "report", "{p}", "shop", 3306, NULL, 0)) {{',
                                                                 "    return 1;", "}"]),
    ("libcurl-userpwd", "fetch.c", DQ + "?", lambda p, q: [f'curl_easy_setopt(curl, CURLOPT_USERPWD, "ci:{p}");']),
    ("sbt-credentials", "build.sbt", DQ, lambda p, q: [f'credentials += Credentials("Artifactory Realm", "artifactory.acme.io", "ci", "{p}")']),
    # SQL dialects and server configuration
    ("pg-user-mapping", "fdw.sql", SHELL_SQ, lambda p, q: [f"CREATE USER MAPPING FOR app SERVER legacy_db OPTIONS (user 'legacy', password '{p}');"]),
    ("mysql-replication-source", "replica.sql", SHELL_SQ + "\\", lambda p, q: [
        f"CHANGE REPLICATION SOURCE TO SOURCE_HOST='db01', SOURCE_USER='repl', SOURCE_PASSWORD='{p}', SOURCE_SSL=1;"]),
    ("oracle-db-link", "links.sql", '"', lambda p, q: [f"CREATE DATABASE LINK hr_link CONNECT TO hr IDENTIFIED BY \"{p}\" USING 'HRPROD';"]),
    ("influxql-create-user", "init.iql", SHELL_SQ + "\\", lambda p, q: [f"CREATE USER admin WITH PASSWORD '{p}' WITH ALL PRIVILEGES"]),
    ("haproxy-userlist", "haproxy.cfg", BARE, lambda p, q: ["userlist admins", f"    user ops insecure-password {p}"]),
    ("haproxy-stats-auth", "haproxy.cfg", BARE, lambda p, q: ["listen stats", "    bind :8404", "    stats enable", f"    stats auth admin:{p}"]),
    ("postfix-sasl-passwd", "sasl_passwd", BARE, lambda p, q: [f"[smtp.acme.io]:587 alerts@acme.io:{p}"]),
    ("fetchmailrc", ".fetchmailrc", '"\\', lambda p, q: [f'poll mail.acme.io protocol IMAP user "alerts" password "{p}" ssl']),
    ("dovecot-passwd-file", "users", BARE, lambda p, q: [f"alerts:{{PLAIN}}{p}:1001:1001::/home/alerts::"]),
    ("cisco-ios-secret", "edge01.cfg", BARE, lambda p, q: ["hostname edge01", f"username netadmin privilege 15 secret 0 {p}"]),
    ("slapd-rootpw", "slapd.conf", BARE, lambda p, q: ['suffix "dc=acme,dc=io"', 'rootdn "cn=admin,dc=acme,dc=io"', f"rootpw {p}"]),
    ("pgbouncer-userlist", "userlist.txt", '"', lambda p, q: [f'"app" "{p}"']),
    ("zookeeper-jaas", "zk_jaas.conf", DQ, lambda p, q: ["Server {", "    org.apache.zookeeper.server.auth.DigestLoginModule required",
                                                        f'    user_admin="{p}";', "};"]),
    ("tomcat-users-xml", "tomcat-users.xml", XML, lambda p, q: ["<tomcat-users>", f'  <user username="manager" password="{p}" roles="manager-gui,admin-gui"/>',
                                                              "</tomcat-users>"]),
    ("kickstart-rootpw", "ks.cfg", BARE, lambda p, q: ["lang en_US.UTF-8", f"rootpw --plaintext {p}"]),
    ("unattend-admin-password", "autounattend.xml", XML, lambda p, q: ["<UserAccounts>", "  <AdministratorPassword>", f"    <Value>{p}</Value>",
                                                                    "    <PlainText>true</PlainText>", "  </AdministratorPassword>", "</UserAccounts>"]),
    # test automation and API-client files
    ("postman-env-value", "prod.postman_environment.json", '"\\', lambda p, q: [
        "{", '  "name": "prod",', '  "values": [', '    { "key": "admin_user", "value": "admin", "enabled": true },',
        f'    {{ "key": "admin_password", "value": "{p}", "enabled": true }}', "  ]", "}"]),
    ("bruno-auth-basic", "stats.bru", BARE, lambda p, q: ["get {", "  url: https://api.acme.io/admin/stats", "  auth: basic", "}", "",
                                                         "auth:basic {", "  username: admin", f"  password: {p}", "}"]),
    ("selenium-side-type", "login.side", '"\\', lambda p, q: ['    { "id": "c3", "command": "type", "target": "id=password", "value": "' + p + '" },']),
    ("cypress-type", "login.cy.js", SHELL_SQ + "\\{}", lambda p, q: ["cy.get('input[name=email]').type('qa@acme.io')",
                                                                   f"cy.get('input[name=password]').type('{p}')"]),
    ("robot-input-password", "login.robot", BARE + "@=", lambda p, q: ["*** Test Cases ***", "Admin Can Log In",
                                                                      "    Input Text        id=username    admin",
                                                                      f"    Input Password    id=password    {p}"]),
    # URLs and DSNs
    ("rtsp-camera-url", "camera.py", "", lambda p, q: [f'cap = cv2.VideoCapture("rtsp://admin:{q}@192.168.1.64:554/Streaming/Channels/101")']),
    ("imaps-url", "mail.env", "", lambda p, q: [f"IMAP_URL=imaps://alerts%40acme.io:{q}@mail.acme.io:993/INBOX"]),
    ("clickhouse-dsn", "clickhouse.yml", "", lambda p, q: ["clickhouse:", f"  dsn: clickhouse://default:{q}@ch01.acme.io:9000/analytics?secure=true"]),
    ("bolt-url", "graph.env", "", lambda p, q: [f"NEO4J_URI=bolt://neo4j:{q}@graph01.acme.io:7687"]),
    ("prisma-sqlserver-dsn", ".env", '"};{\\', lambda p, q: [f'DATABASE_URL="sqlserver://db01:1433;database=app;user=SA;password={{{p}}};encrypt=true"']),
    ("socks5h-proxy-url", "proxy.env", "", lambda p, q: [f"ALL_PROXY=socks5h://svc:{q}@proxy.acme.io:1080"]),
]
URL_FORMS = ("rtsp-camera-url", "imaps-url", "clickhouse-dsn", "bolt-url", "socks5h-proxy-url")


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
P256 = "1.2.840.10045.3.1.7"
EC_OID = "1.2.840.10045.2.1"


def add_block(corpus, group, name, lines, provider, form, first):
    """A key block labelled from its BEGIN line to its END line."""
    corpus.add(group, name, lines, True, provider, form, line=first)
    corpus.labels[-1]["end_line"] = next(i for i, ln in enumerate(lines, 1) if i > first and DASH5 + "END" in ln)


def begin_line(lines):
    return next(i for i, ln in enumerate(lines, 1) if DASH5 + "BEGIN" in ln)


def odd_int(rng, bits):
    return rng.getrandbits(bits) | (1 << (bits - 1)) | 1


def dsa_der(rng):
    p, q = odd_int(rng, 1024), odd_int(rng, 160)
    g = rng.getrandbits(1020) | 2
    x = rng.getrandbits(159) | 1
    y = pow(g, x, p)
    return der_seq(der_int(0), der_int(p), der_int(q), der_int(g), der_int(y), der_int(x))


def openssh_ecdsa(rng, comment="ops@bastion"):
    q = b"\x04" + rbytes(rng, 64)
    d = rng.getrandbits(255) | (1 << 254)
    kt, curve = "ecdsa-sha2-nistp256", "nistp256"
    pub = ssh_string(kt) + ssh_string(curve) + ssh_string(q)
    chk = rbytes(rng, 4)
    priv = chk + chk + ssh_string(kt) + ssh_string(curve) + ssh_string(q) + ssh_mpint(d) + ssh_string(comment)
    i = 1
    while len(priv) % 8:
        priv += bytes([i])
        i += 1
    blob = (b"openssh-key-v1\0" + ssh_string("none") + ssh_string("none") + ssh_string(b"") + (1).to_bytes(4, "big")
            + ssh_string(pub) + ssh_string(priv))
    return pem_armor("OPENSSH PRIVATE KEY", blob, width=70), f"{kt} {base64.b64encode(pub).decode()} {comment}"


def ed25519_pkcs8(rng):
    return der_seq(der_int(0), der_seq(der_oid("1.3.101.112")), der_octets(der_octets(rbytes(rng, 32))))


def ec_sec1(rng):
    return der_seq(der_int(1), der_octets(rbytes(rng, 32)), der(0xA0, der_oid(P256)),
                   der(0xA1, der(0x03, b"\x00\x04" + rbytes(rng, 64))))


def b64u_int(v):
    return b64url_nopad(v.to_bytes((v.bit_length() + 7) // 8, "big"))


def aws_id(rng, prefix="AKIA"):
    return prefix + rand(rng, UPPER + "234567", 16)


def structured(corpus):
    rng = rng_for("structured")
    g = "structured"
    # DSA keys (PKCS#1-style "DSA PRIVATE KEY")
    for name in ("id_dsa", "ssh_host_dsa_key"):
        add_block(corpus, g, name, pem_armor("DSA PRIVATE KEY", dsa_der(rng)), "private-key", "dsa-pem", 1)
    # OpenSSH ECDSA: a bare id_ecdsa and a cloud-init ssh_keys block
    lines, _ = openssh_ecdsa(rng)
    add_block(corpus, g, "id_ecdsa", lines, "private-key", "openssh-ecdsa", 1)
    lines, pub = openssh_ecdsa(rng, comment="root@web01")
    ci = ["#cloud-config", "ssh_keys:", "  ecdsa_private: |"] + ["    " + ln for ln in lines] + [f"  ecdsa_public: {pub}"]
    add_block(corpus, g, "user-data", ci, "private-key", "openssh-ecdsa-cloud-init", 4)
    # Ed25519 PKCS#8: a PEM file and a Python triple-quoted constant
    add_block(corpus, g, "signing-key.pem", pem_armor("PRIVATE KEY", ed25519_pkcs8(rng)), "private-key", "ed25519-pkcs8", 1)  # vaultsweep:allow (template: the value is drawn at generation time)
    pem = pem_armor("PRIVATE KEY", ed25519_pkcs8(rng))
    lines = ["# webhook signer", 'SIGNING_KEY = """' + pem[0]] + pem[1:] + ['"""']
    add_block(corpus, g, "signer.py", lines, "private-key", "ed25519-pkcs8-pystring", 2)  # vaultsweep:allow (template: the value is drawn at generation time)
    # RSA PKCS#1 as a Java string concatenation
    k = rsa_key(rng, 1024)
    pem = pem_armor("RSA PRIVATE KEY", rsa_pkcs1_der(k))
    lines = ["class Keys {", "    static final String PRIVATE_KEY ="]
    lines += [f'        "{ln}\\n" +' for ln in pem[:-1]] + [f'        "{pem[-1]}";', "}"]
    add_block(corpus, g, "Keys.java", lines, "private-key", "rsa-pkcs1-java-concat", 3)
    # OCI API signing key (PKCS#8 with the OCI_API_KEY trailer)
    k = rsa_key(rng, 1024)
    lines = pem_armor("PRIVATE KEY", rsa_pkcs8_der(k)) + ["OCI_API_KEY"]
    add_block(corpus, g, "oci_api_key.pem", lines, "oci", "oci-api-key", 1)
    # Coinbase CDP key file (EC SEC1 PEM escaped in JSON)
    pem = "\n".join(pem_armor("EC PRIVATE KEY", ec_sec1(rng))) + "\n"
    doc = {"name": f"organizations/{uuid4(rng)}/apiKeys/{uuid4(rng)}", "privateKey": pem}
    lines = jlines(doc)
    corpus.add(g, "cdp_api_key.json", lines, True, "coinbase", "cdp-api-key", line=3)
    # private JWKs: EC and RSA
    doc = {"keys": [{"kty": "EC", "crv": "P-256", "kid": rand(rng, URLSAFE, 22), "use": "sig", "alg": "ES256",
                     "x": b64url_nopad(rbytes(rng, 32)), "y": b64url_nopad(rbytes(rng, 32)), "d": b64url_nopad(rbytes(rng, 32))}]}
    lines = jlines(doc)
    corpus.add(g, "jwks.private.json", lines, True, "jwk", "jwk-ec-private", line=next(i for i, ln in enumerate(lines, 1) if '"d"' in ln))
    k = rsa_key(rng, 1024)
    p, q = k["p"], k["q"]
    doc = {"kty": "RSA", "kid": rand(rng, HEX, 16), "use": "sig", "n": b64u_int(k["n"]), "e": "AQAB", "d": b64u_int(k["d"]),
           "p": b64u_int(p), "q": b64u_int(q), "dp": b64u_int(k["d"] % (p - 1)), "dq": b64u_int(k["d"] % (q - 1)),
           "qi": b64u_int(pow(q, -1, p))}
    lines = jlines(doc)
    corpus.add(g, "signing-key.jwk", lines, True, "jwk", "jwk-rsa-private", line=next(i for i, ln in enumerate(lines, 1) if '"d"' in ln))
    # cloud CLI credential files
    sess = base64.b64encode(b"\x21\x0a\x09origin_ec" + rbytes(rng, 470)).decode()
    doc = {"Credentials": {"AccessKeyId": aws_id(rng, "ASIA"), "SecretAccessKey": rand(rng, B64, 40), "SessionToken": sess,
                           "Expiration": "2026-12-01T18:04:11+00:00"},
           "AssumedRoleUser": {"AssumedRoleId": "AROA" + rand(rng, UPPER + "234567", 17) + ":botocore-session-1764",
                               "Arn": "arn:aws:sts::210987654321:assumed-role/deploy/botocore-session-1764"}}
    lines = jlines(doc)
    corpus.add(g, f"{rand(rng, HEX, 40)}.json", lines, True, "aws", "aws-cli-cache", line=4)
    corpus.add(g, ".passwd-s3fs", [f"{aws_id(rng)}:{rand(rng, B64, 40)}"], True, "aws", "passwd-s3fs", line=1)
    corpus.add(g, ".boto", ["[Credentials]", f"aws_access_key_id = {aws_id(rng)}", f"aws_secret_access_key = {rand(rng, B64, 40)}",
                            "", "[Boto]", "https_validate_certificates = True"], True, "aws", "boto", line=3)
    corpus.add(g, "rclone.conf", ["[backup]", "type = s3", "provider = AWS", f"access_key_id = {aws_id(rng)}",
                                  f"secret_access_key = {rand(rng, B64, 40)}", "region = eu-west-1"], True, "aws", "rclone-s3", line=5)
    doc = {"version": "10", "aliases": {"prod": {"url": "https://minio.acme.io", "accessKey": rand(rng, UPALNUM, 20),
                                                 "secretKey": rand(rng, ALNUM, 40), "api": "s3v4", "path": "auto"}}}
    lines = jlines(doc)
    corpus.add(g, "config.json", lines, True, "minio", "mc-config", line=next(i for i, ln in enumerate(lines, 1) if "secretKey" in ln))
    doc = {"current": "default", "profiles": [{"name": "default", "mode": "AK", "access_key_id": "LTAI5t" + rand(rng, ALNUM, 18),
                                               "access_key_secret": rand(rng, ALNUM, 30), "region_id": "cn-hangzhou"}]}
    lines = jlines(doc)
    corpus.add(g, "config.json", lines, True, "alibaba", "aliyun-config", line=next(i for i, ln in enumerate(lines, 1) if "access_key_secret" in ln))
    lines = jlines({"secretId": "AKID" + rand(rng, ALNUM, 32), "secretKey": rand(rng, ALNUM, 32)})
    corpus.add(g, "default.credential", lines, True, "tencent", "tccli-credential", line=3)
    corpus.add(g, "config.yaml", [f"access-token: dop_v1_{rand(rng, HEX, 64)}", "context: default"], True, "digitalocean", "doctl-config", line=1)
    corpus.add(g, "linode-cli", ["[DEFAULT]", "default-user = ops", "", "[ops]", f"token = {rand(rng, HEX, 64)}", "region = eu-central"],
               True, "linode", "linode-cli", line=5)
    corpus.add(g, "cli.toml", ['active_context = "prod"', "", "[[contexts]]", '  name = "prod"', f'  token = "{rand(rng, ALNUM, 64)}"'],  # vaultsweep:allow (template: the value is drawn at generation time)
               True, "hetzner", "hcloud-cli", line=5)
    corpus.add(g, "config.yaml", [f"access_key: SCW{rand(rng, UPALNUM, 17)}", f"secret_key: {uuid4(rng)}",
                                  f"default_organization_id: {uuid4(rng)}", "default_region: fr-par"], True, "scaleway", "scw-config", line=2)
    lines = jlines({"credentials": {"app.terraform.io": {"token": f"{rand(rng, ALNUM, 14)}.atlasv1.{rand(rng, ALNUM, 67)}"}}})
    corpus.add(g, "credentials.tfrc.json", lines, True, "terraform", "tfrc-json", line=4)
    corpus.add(g, ".vault-token", ["hvs." + rand(rng, ALNUM, 24)], True, "vault", "vault-token-file", line=1)
    b = rand(rng, ALNUM, 30)
    corpus.add(g, "hosts.yml", ["github.com:", f"    oauth_token: gho_{b}{crc32_base62(b)}", "    user: octo-ops", "    git_protocol: https"],
               True, "github", "gh-hosts", line=2)
    corpus.add(g, "config.yml", ["hosts:", "  gitlab.com:", f"    token: glpat-{rand(rng, URLSAFE, 20)}", "    api_host: gitlab.com"],
               True, "gitlab", "glab-config", line=3)
    corpus.add(g, "credentials.toml", ["[registry]", f'token = "cio{rand(rng, ALNUM, 32)}"'], True, "cratesio", "cargo-credentials", line=2)  # vaultsweep:allow (template: the value is drawn at generation time)
    corpus.add(g, ".databrickscfg", ["[DEFAULT]", f"host  = https://adb-{rng.randrange(10**15, 10**16)}.7.azuredatabricks.net",
                                     f"token = dapi{rand(rng, HEX, 32)}"], True, "databricks", "databrickscfg", line=3)
    doc = {"user": {"email": "ops@acme.io"}, "tokens": {"expires_at": 1764601200000, "refresh_token": "1//0" + rand(rng, URLSAFE, 99),
                                                          "access_token": "ya29.a0" + rand(rng, URLSAFE, 150)}}
    lines = jlines(doc)
    corpus.add(g, "firebase-tools.json", lines, True, "gcp", "firebase-tools", line=next(i for i, ln in enumerate(lines, 1) if "refresh_token" in ln))
    corpus.add(g, "cli.yml", ["host: https://circleci.com", f"token: CCIPAT_{rand(rng, ALNUM, 22)}_{rand(rng, HEX, 40)}"], True, "circleci",
               "circleci-cli", line=2)
    b = rand(rng, ALNUM, 30)
    corpus.add(g, ".npmrc", ["@acme:registry=https://npm.pkg.github.com", f"//npm.pkg.github.com/:_authToken=ghp_{b}{crc32_base62(b)}"],
               True, "github", "npmrc-github-packages", line=2)
    # connection strings
    k = base64.b64encode(rbytes(rng, 32)).decode()
    corpus.add(g, "appsettings.json", ["{", '  "ConnectionStrings": {',
                                       f'    "Redis": "acme-cache.redis.cache.windows.net:6380,password={k},ssl=True,abortConnect=False"', "  }", "}"],
               True, "azure", "azure-redis-conn", line=3)
    k = base64.b64encode(rbytes(rng, 32)).decode()
    corpus.add(g, "worker.env", [f"REDIS_CONNECTION=contoso-jobs.redis.cache.windows.net:6380,password={k},ssl=True"], True, "azure",
               "azure-redis-conn", line=1)
    corpus.add(g, "warehouse.properties", [
        f"url=jdbc:databricks://adb-{rng.randrange(10**15, 10**16)}.7.azuredatabricks.net:443/default;transportMode=http;ssl=1;AuthMech=3;"
        f"httpPath=/sql/1.0/warehouses/{rand(rng, HEX, 16)};UID=token;PWD=dapi{rand(rng, HEX, 32)}"], True, "databricks", "databricks-jdbc", line=1)
    corpus.add(g, "filebeat.yml", ["output.elasticsearch:", '  hosts: ["https://es01.acme.io:9200"]',
                                   f'  api_key: "{rand(rng, URLSAFE, 20)}:{rand(rng, URLSAFE, 22)}"'], True, "elastic", "elastic-api-key", line=3)  # vaultsweep:allow (template: the value is drawn at generation time)
    cid = base64.b64encode(f"europe-west1.gcp.cloud.es.io:443${rand(rng, HEX, 32)}${rand(rng, HEX, 32)}".encode()).decode()
    pw = human_password(rng).replace('"', "")
    corpus.add(g, "metricbeat.yml", [f'cloud.id: "prod:{cid}"', f'cloud.auth: "elastic:{pw}"'], True, "elastic", "elastic-cloud-auth", line=2)


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
            "x": string.ascii_letters, "B": F.B32U, "z": F.B32L}.get(code, ALNUM)


SEG = r"\{([hHasludbxBz])(\d+)\}"


def near_fixed(rng, spec, kind):
    """Draw a value from spec and mutate only its longest drawn segment."""
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
        if row[0] == "sanctum":
            ent = rand(rng, ALNUM, 40)
            tok = F.sanctum_from(rng.randrange(2, 9999), ent)
            j = tok.index("|") + 1 + rng.randrange(20, 40)
            place(corpus, g, rng, s, tok[:j] + tok[j + 1:], False, row[0], "near-miss-short", NAMED)
            place(corpus, g, rng, s, tok[:j] + rng.choice(ALNUM) + tok[j:], False, row[0], "near-miss-long", NAMED)
            place(corpus, g, rng, s, tok[:j] + "." + tok[j + 1:], False, row[0], "near-miss-outside", NAMED)
            good = tok[-8:]
            bad = good[:-2] + ("00" if good[-2:] != "00" else "11")
            place(corpus, g, rng, s, tok[:-8] + bad, False, row[0], "near-miss-checksum", NAMED)
            continue
        if row[6]:
            for kind in ("short", "long", "outside"):
                place(corpus, g, rng, s, near_fixed(rng, row[5], kind), False, row[0], f"near-miss-{kind}", NAMED)
        if row[0] == "prisma":
            continue  # a URL scheme is case-insensitive: no prefix-case decoy
        v = gen_spec(rng, row[5])
        if row[0] in ("turso", "lemonsqueezy"):
            v = "eyj" + v[3:]  # the JSON header no longer decodes
        elif row[0] == "miro":
            v = v[:1].upper() + v[1:]
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
    for prefix in ("ghp_", "gho_", "ghs_", "npm_"):
        body = rand(rng, ALNUM, 30)
        good = crc32_base62(body)
        bad = good[:-2] + ("zz" if good[-2:] != "zz" else "yy")
        place(corpus, g, rng, gh, prefix + body + bad, False, "github", "near-miss-checksum", NAMED)
    # structured: a Redis access key cut short
    k = base64.b64encode(rbytes(rng, 32)).decode()[:30]
    corpus.add(g, "appsettings.json", ['{ "Redis": "acme-cache.redis.cache.windows.net:6380,password=' + k + ',ssl=True" }'],
               False, "azure", "near-miss-structured")


# --- negatives: placeholders -----------------------------------------------------------------------------------
def built(rng, n, alphabet, style):
    if style == "run":
        base = "0123456789abcdef" if alphabet in (HEX,) else ("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" if alphabet in (UPALNUM, F.B32U)
                                                            else "abcdefghijklmnopqrstuvwxyz0123456789")
        return ((base * 10)[rng.randrange(3):])[:n]
    if style == "countdown":
        return (("fedcba9876543210" if alphabet == HEX else "zyxwvutsrqponmlkjihgfedcba9876543210") * 8)[:n]
    if style == "alternate":
        return (("a0" if alphabet in (HEX, LOWALNUM, DIGITS) else "Ab") * 80)[:n]
    if style == "repeat":
        return (rand(rng, alphabet if alphabet != B64 else ALNUM, 6) * 60)[:n]
    if style == "filler":
        return ("0" if alphabet in (HEX, DIGITS) else "X") * n
    if style == "word":
        return (("YOURKEYHERE" if alphabet in (UPALNUM, F.B32U) else "your_key_here_" if alphabet != HEX else "deadbeef") * 40)[:n]
    raise ValueError(style)


STYLES = ["run", "countdown", "alternate", "repeat", "filler", "word"]


def placeholders(corpus):
    rng = rng_for("placeholders")
    g = "placeholders"
    n = 0
    for row in F.PREFIXED:
        spec = row[5]
        style = STYLES[n % len(STYLES)]
        if row[0] == "sanctum":
            v = F.sanctum_from(rng.randrange(2, 99), built(rng, 40, ALNUM, style))
        elif re.search(SEG, spec):
            # every drawn segment is built, so no random part is left to look real
            v = re.sub(SEG, lambda m: built(rng, int(m.group(2)), spec_alpha(m.group(1)), style), spec)
        else:
            continue
        n += 1
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
    docs = [lambda s: "<your-api-key>", lambda s: "${" + s["env"] + "}", lambda s: "xxxx-xxxx-xxxx-xxxx", lambda s: "changeme",
            lambda s: "{{ vault_" + s["env"].lower() + " }}", lambda s: "%(" + s["env"].lower() + ")s",
            lambda s: "<%= ENV['" + s["env"] + "'] %>", lambda s: "#{ENV['" + s["env"] + "']}", lambda s: "!Ref " + pascal(s["env"]),
            lambda s: "{{resolve:secretsmanager:prod/" + s["id"] + ":SecretString:apiKey}}",
            lambda s: "@Microsoft.KeyVault(SecretUri=https://kv-acme.vault.azure.net/secrets/" + s["id"] + "-api-key/)",
            lambda s: "$__file{/run/secrets/" + s["id"] + "_api_key}", lambda s: "ssm:/prod/" + s["id"] + "/api-key",
            lambda s: 'Deno.env.get("' + s["env"] + '")', lambda s: "insert-key-here", lambda s: "example-key-123",
            lambda s: "dummy", lambda s: "TBD", lambda s: "[REDACTED]", lambda s: "\u2022" * 12, lambda s: "<token>",
            lambda s: "YOUR_API_KEY_HERE", lambda s: "your-" + s["id"] + "-key", lambda s: "test",
            lambda s: "$(vault kv get -field=api_key secret/" + s["id"] + ")", lambda s: "(set in 1Password)"]
    for fn in docs:
        row = rng.choice(rows)
        s = svc(row)
        place(corpus, g, rng, s, fn(s), False, row[0], "ph-doc", NAMED)
    # ciphertexts that are meant to be committed
    for _ in range(2):
        row = rng.choice(rows)
        s = svc(row)
        enc = (f"ENC[AES256_GCM,data:{base64.b64encode(rbytes(rng, 40)).decode()},iv:{base64.b64encode(rbytes(rng, 32)).decode()},"
               f"tag:{base64.b64encode(rbytes(rng, 16)).decode()},type:str]")
        corpus.add(g, "secrets.enc.yaml", [f"{s['env'].lower()}: {enc}", "sops:", "    version: 3.9.1"], False, row[0], "ph-encrypted")
        blob = rand(rng, HEX, 400)
        corpus.add(g, "vault.yml", [f"{s['env'].lower()}: !vault |", "  $ANSIBLE_VAULT;1.1;AES256"] + ["  " + blob[i:i + 80] for i in range(0, 400, 80)],
                   False, row[0], "ph-encrypted")
        sealed = "AgB" + base64.b64encode(rbytes(rng, 400)).decode()
        corpus.add(g, "sealedsecret.yaml", ["kind: SealedSecret", "spec:", "  encryptedData:", f"    {s['env']}: {sealed}"], False, row[0], "ph-encrypted")
    pw_forms = [lambda w: [f"evil-winrm -i 10.0.4.15 -u svc_backup -p '{w}'"],
                lambda w: [f"CREATE USER MAPPING FOR app SERVER legacy_db OPTIONS (user 'legacy', password '{w}');"],
                lambda w: [f'd := gomail.NewDialer("smtp.acme.io", 587, "alerts@acme.io", "{w}")'],
                lambda w: ["userlist admins", f"    user ops insecure-password {w}"],
                lambda w: [f"cy.get('input[name=password]').type('{w}')"]]
    for i, w in enumerate(["<password>", "${SMTP_PASSWORD}", "changeme", "{{ pgbouncer_password }}", "$(cat /run/secrets/db_password)",
                           "********", "REPLACE_ME", "%DB_PASSWORD%", "xxxxxxxx", "<%= @password %>"]):
        corpus.add(g, "snippet.txt", pw_forms[i % len(pw_forms)](w), False, "password", "ph-password")


# --- negatives: identifiers and public material ---------------------------------------------------------------
def b58encode(b):
    n = int.from_bytes(b, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = BASE58[r] + out
    pad = len(b) - len(b.lstrip(b"\0"))
    return "1" * pad + out


def b58check(payload):
    return b58encode(payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4])


def onion_v3(pk):
    chk = hashlib.sha3_256(b".onion checksum" + pk + b"\x03").digest()[:2]
    return base64.b32encode(pk + chk + b"\x03").decode().lower() + ".onion"


def identifiers(corpus):
    rng = rng_for("identifiers")
    h = lambda n: rand(rng, HEX, n)  # noqa: E731
    b = lambda n: base64.b64encode(rbytes(rng, n)).decode()  # noqa: E731
    u = lambda n: rand(rng, URLSAFE, n)  # noqa: E731
    words = ["Fix token refresh in the Klarna client", "Rotate Meraki API key handling", "Add password policy check",
             "Bump lemlist SDK", "Drop legacy secret loader", "Retry Mux uploads on 429"]

    def rsa_pub_pkcs1():
        k = rsa_key(rng, 1024)
        return pem_armor("RSA PUBLIC KEY", der_seq(der_int(k["n"]), der_int(k["e"])))

    def dkim():
        p = base64.b64encode(rsa_spki_der(rsa_key(rng, 1024))).decode()
        return ["default._domainkey  IN  TXT  ( \"v=DKIM1; k=rsa; \"", f'    "p={p[:120]}"', f'    "{p[120:]}" )']

    def supabase_anon():
        hd = b64url_nopad(b'{"alg":"HS256","typ":"JWT"}')
        pl = b64url_nopad(json.dumps({"iss": "supabase", "ref": rand(rng, LOWER, 20), "role": "anon",
                                      "iat": 1718000000, "exp": 2033576000}, separators=(",", ":")).encode())
        return f"{hd}.{pl}.{b64url_nopad(rbytes(rng, 32))}"

    def xpub():
        payload = bytes.fromhex("0488b21e") + bytes([3]) + rbytes(rng, 4) + (0x80000000).to_bytes(4, "big") + rbytes(rng, 32) + b"\x02" + rbytes(rng, 32)
        return b58check(payload)

    cases = [
        ("appinsights-connstr", "appsettings.json", lambda: ["{", '  "ApplicationInsights": {',
                                                             f'    "ConnectionString": "InstrumentationKey={uuid4(rng)};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;ApplicationId={uuid4(rng)}"',
                                                             "  }", "}"]),
        ("sentry-dsn-public", "sentry.client.config.ts", lambda: [f'Sentry.init({{ dsn: "https://{h(32)}@o{rng.randrange(10**5, 10**6)}.ingest.sentry.io/{rng.randrange(10**6, 10**7)}" }});']),
        ("elastic-cloud-id", "kibana.yml", lambda: [f'elasticsearch.cloud_id: "prod:{base64.b64encode(("europe-west1.gcp.cloud.es.io:443$" + h(32) + "$" + h(32)).encode()).decode()}"']),
        ("analytics-ids", "index.html", lambda: [f'<script async src="https://www.googletagmanager.com/gtag/js?id=G-{rand(rng, UPALNUM, 10)}"></script>',
                                                 f"<script>gtag('config', 'G-{rand(rng, UPALNUM, 10)}');</script>",
                                                 f"<!-- GTM-{rand(rng, UPALNUM, 7)} -->"]),
        ("pixel-ids", "tracking.js", lambda: [f"fbq('init', '{rng.randrange(10**15, 10**16)}');", f"ttq.load('C{rand(rng, UPALNUM, 19)}');"]),
        ("lock-hash", "bun.lock", lambda: ['  "packages": {', f'    "react": ["react@19.0.{rng.randrange(0, 9)}", "", {{}}, "sha512-{b(64)}"],', "  }"]),
        ("lock-hash", "pdm.lock", lambda: ["[[package]]", 'name = "httpx"', f'version = "0.27.{rng.randrange(0, 9)}"', "files = [",
                                           f'    {{file = "httpx-0.27.2-py3-none-any.whl", hash = "sha256:{h(64)}"}},', "]"]),
        ("lock-hash", "renv.lock", lambda: ['    "jsonlite": {', '      "Package": "jsonlite",', '      "Version": "1.8.9",',
                                            f'      "Hash": "{h(32)}"', "    },"]),
        ("lock-hash", "stack.yaml.lock", lambda: ["snapshots:", "- completed:", f"    sha256: {h(64)}",
                                                  f"    size: {rng.randrange(600000, 700000)}", "    url: https://raw.githubusercontent.com/commercialhaskell/stackage-snapshots/master/lts/22/43.yaml"]),
        ("git-sha", "Cartfile.resolved", lambda: [f'github "Alamofire/Alamofire" "{h(40)}"', f'github "onevcat/Kingfisher" "{h(40)}"']),
        ("git-sha", "default.xml", lambda: ["<manifest>", f'  <project name="platform/build" path="build" revision="{h(40)}"/>', "</manifest>"]),
        ("git-sha", "git-log.txt", lambda: [f"{h(7)} {w}" for w in rng.sample(words, 4)]),
        ("git-sha", "package.json", lambda: ["{", '  "name": "@acme/token-utils",', '  "version": "2.3.1",', f'  "gitHead": "{h(40)}"', "}"]),
        ("uuid-id", "keyvault.json", lambda: [f'  "id": "/subscriptions/{uuid4(rng)}/resourceGroups/rg-prod/providers/Microsoft.KeyVault/vaults/kv-acme"']),
        ("uuid-id", "App.csproj", lambda: ["<PropertyGroup>", f"  <ProjectGuid>{{{uuid4(rng, upper=True)}}}</ProjectGuid>",
                                           f"  <UserSecretsId>{uuid4(rng)}</UserSecretsId>", "</PropertyGroup>"]),
        ("uuid-id", "webhook.txt", lambda: ["POST /hooks/github HTTP/1.1", f"X-GitHub-Delivery: {uuid4(rng)}", f"X-Hub-Signature-256: sha256={h(64)}"]),
        ("uuid-id", "charge.http", lambda: ["POST https://api.acme.io/v1/charges", f"Idempotency-Key: {uuid4(rng)}", "Content-Type: application/json"]),
        ("txn-id", "receipt.eml", lambda: ["Subject: Receipt for your payment to Acme", f"Transaction ID: {rand(rng, UPALNUM, 17)}", "Amount: EUR 49.00"]),
        ("txn-id", "payouts.md", lambda: [f"- Sent to `{bech32_encode('bc', [0] + to5(rbytes(rng, 20)))}`",
                                          f"- https://mempool.space/tx/{h(64)}"]),
        ("txn-id", "assets.json", lambda: [f'{{ "logo": "https://arweave.net/{u(43)}" }}']),
        ("object-id", "events.ndjson", lambda: [f'{{"id": "2{rand(rng, ALNUM, 26)}", "type": "invoice.paid"}}']),
        ("object-id", "fixtures.json", lambda: ["[", f'  {{ "id": "{u(21)}", "name": "token-bucket" }},', f'  {{ "id": "{u(21)}", "name": "key-rotation" }}', "]"]),
        ("request-id", "worker.log", lambda: [f"2026-12-01T10:04:11Z ERROR Sentry event_id={h(32)} captured for TokenRefreshError"]),
        ("request-id", "headers.txt", lambda: ["HTTP/2 403", f"cf-ray: {h(16)}-FRA", f"x-amz-cf-id: {u(54)}=="]),
        ("asset-hash", "BUILD_ID", lambda: [u(21)]),
        ("asset-hash", "index.html", lambda: [f'<script type="module" crossorigin src="/assets/index-{u(8)}.js"></script>',
                                              f'<link rel="stylesheet" href="/assets/index-{u(8)}.css">']),
        ("client-id", "oauth.env", lambda: [f"GOOGLE_CLIENT_ID={rng.randrange(10**11, 10**12)}-{rand(rng, LOWALNUM, 32)}.apps.googleusercontent.com"]),
        ("client-id", "app.yml", lambda: [f"app_id: {rng.randrange(100000, 999999)}", f"client_id: Iv1.{h(16)}", "webhook_url: https://acme.io/hooks/github"]),
        ("client-id", "okta.env", lambda: [f"OKTA_CLIENT_ID=0oa{rand(rng, ALNUM, 17)}", "OKTA_ISSUER=https://acme.okta.com/oauth2/default"]),
        ("client-id", "authorize.log", lambda: [f"GET /authorize?response_type=code&client_id=web&state={u(32)}&code_challenge={u(43)}&code_challenge_method=S256"]),
        ("public-key", "release.pub.pem", rsa_pub_pkcs1),
        ("public-key", "id_ecdsa.pub", lambda: [openssh_ecdsa(rng)[1]]),
        ("public-key", "hostname", lambda: [onion_v3(rbytes(rng, 32))]),
        ("public-key", "nostr.json", lambda: ['{ "names": {', f'  "alice": "{h(64)}"', "} }", ]),
        ("public-key", "wallet.json", lambda: ['{ "label": "cold storage",', f'  "xpub": "{xpub()}" }}']),
        ("public-key", "acme.io.zone", dkim),
        ("public-key", "sshfp.zone", lambda: [f"web01 IN SSHFP 4 2 {h(64)}", f"web01 IN SSHFP 1 2 {h(64)}"]),
        ("publishable-key", ".env.production", lambda: ["NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_live_"
                                                        + base64.b64encode(rng.choice([b"clerk.acme.io$", b"clerk.shop.contoso.com$", b"clerk.fabrikam.dev$"])).decode().rstrip("=")]),
        ("publishable-key", ".env.local", lambda: ["NEXT_PUBLIC_SUPABASE_URL=https://" + rand(rng, LOWER, 20) + ".supabase.co",
                                                   "NEXT_PUBLIC_SUPABASE_ANON_KEY=" + supabase_anon()]),
        ("publishable-key", "signup.html", lambda: [f'<div class="h-captcha" data-sitekey="{uuid4(rng)}"></div>',
                                                    f'<div class="cf-turnstile" data-sitekey="0x4AAAAAAA{rand(rng, ALNUM, 14)}"></div>']),
        ("public-key", "npub.txt", lambda: [bech32_encode("npub", to5(rbytes(rng, 32)))]),
    ]
    for _ in range(2):
        for form, name, fn in cases:
            corpus.add("identifiers", name, fn(), False, "none", form)


ORDINARY = [
    ("bucket.go", ["type TokenBucket struct {", "\ttokens   float64", "\tcapacity float64", "}", "",
                   "func (b *TokenBucket) Take() bool { if b.tokens < 1 { return false }; b.tokens--; return true }"]),
    ("tokenize.py", ["def tokenize(text):", "    return [tok for tok in re.split(r'\\W+', text) if tok]"]),
    ("keymaps.lua", ["vim.keymap.set('n', '<leader>ff', builtin.find_files, { desc = 'Find files' })"]),
    ("password-policy.ts", ["export function isStrong(password: string): boolean {",
                            "  return password.length >= 12 && /[A-Z]/.test(password) && /\\d/.test(password);", "}"]),
    ("KeyLoader.java", ['DecryptResponse res = kms.decrypt(DecryptRequest.builder().keyId("alias/app-signing").ciphertextBlob(blob).build());']),
    ("verify.rs", ['let key = DecodingKey::from_secret(std::env::var("JWT_SECRET")?.as_bytes());',
                   "let data = decode::<Claims>(&token, &key, &Validation::default())?;"]),
    ("random.tf", ['resource "random_password" "db" {', "  length  = 32", "  special = true", "}"]),
    ("site.yml", ["- name: Read the GreyNoise key from Vault",
                  "  ansible.builtin.set_fact:",
                  "    greynoise_api_key: \"{{ lookup('community.hashi_vault.hashi_vault', 'secret=kv/data/greynoise:api_key') }}\""]),
    ("externalsecret.yaml", ["kind: ExternalSecret", "spec:", "  data:", "    - secretKey: TENABLE_SECRET_KEY",
                             "      remoteRef: { key: prod/tenable, property: secret_key }"]),
    (".env.example", ["GREYNOISE_API_KEY=", "MERAKI_DASHBOARD_API_KEY=", "KLARNA_API_KEY=", "DATABASE_URL="]),
    ("reset_email.txt", ["Your password reset token expires in 30 minutes.", "If you did not ask for a new password, ignore this e-mail."]),
    ("0004_apikey.py", ["migrations.AddField(", "    model_name='integration',", "    name='api_key',",
                        "    field=models.CharField(max_length=64, blank=True),", ")"]),
    ("schema.sql", ["CREATE TABLE api_keys (", "  id uuid PRIMARY KEY,", "  key_hash char(64) NOT NULL,", "  last_used_at timestamptz", ");"]),
    ("login.js", ["const ok = await bcrypt.compare(password, user.passwordHash);", "if (!ok) throw new AuthError('invalid password');"]),
    ("vpn.py", ['secret = keyring.get_password("acme-vpn", getpass.getuser())']),
    ("Meraki.cs", ['var apiKey = Environment.GetEnvironmentVariable("MERAKI_DASHBOARD_API_KEY") ?? throw new InvalidOperationException("missing key");']),
    ("tenable.go", ['key, ok := os.LookupEnv("TENABLE_SECRET_KEY")', 'if !ok { return errors.New("TENABLE_SECRET_KEY not set") }']),
    ("Klarna.php", ["$key = getenv('KLARNA_API_KEY') ?: throw new RuntimeException('KLARNA_API_KEY is not set');"]),
    ("mux.rb", ["MuxRuby.configure do |config|", "  config.password = Rails.application.credentials.dig(:mux, :token_secret)", "end"]),
    ("deploy.yml", ["permissions:", "  id-token: write", "  contents: read", "steps:",
                    "  - uses: aws-actions/configure-aws-credentials@v4", "    with: { role-to-assume: arn:aws:iam::123456789012:role/deploy }"]),
    ("ROTATION.md", ["To rotate the Pangea token, run `pangea tokens rotate --name ci` and paste the new value into the vault.",
                     "Never commit the token; the pre-commit hook blocks it."]),
    ("test_redact.py", ["def test_redact():", '    assert redact("Authorization: Bearer abc") == "Authorization: Bearer [REDACTED]"']),
    ("prompt.sh", ['read -rsp "Password: " PASSWORD', 'export PGPASSWORD="$PASSWORD"']),
    ("auth.conf", ['auth_basic "Restricted";', "auth_basic_user_file /etc/nginx/.htpasswd;"]),
    ("keys.ts", ["export const STORAGE_KEYS = { theme: 'ui.theme', token: 'auth.token', lastPassword: 'auth.lastPasswordChange' } as const;"]),
]


def ordinary(corpus):
    for name, lines in ORDINARY:
        corpus.add("ordinary", name, lines, False, "none", "ordinary-code")


def main():
    generate_main(__doc__, "/work/scratch/heldout7", [positives, app_secrets, passwords, structured, near_misses,
                                                      placeholders, identifiers, ordinary])


if __name__ == "__main__":
    main()
