"""Case group 2: passwords outside `name = value`.

Comparisons, credential constructors and call arguments, command-line flags, SQL, connection
URLs whose password holds reserved characters (raw or percent-encoded), and ODBC / ADO.NET /
JDBC property strings, across languages. Passwords are human-like (word mixes, leet, password
manager strings), never dictionary placeholders.

Each template: (form, filename, fn(pw, rng) -> (lines, text as written)). `text` is how the
password appears in the file (e.g. percent-encoded), used to find its line.
"""

from urllib.parse import quote

from hcommon import human_password, rng_for

GROUP = "passwords"


def _same(lines, pw):
    return lines, pw


# --- comparisons -----------------------------------------------------------------------------
def cmp_python(pw, rng):
    return _same(["def check_admin(username, password):", '    if username == "admin" and password == "%s":' % pw,
                  "        return True", "    return False"], pw)


def cmp_js(pw, rng):
    return _same(["export function isMaintenance(req) {", "  const pass = req.headers['x-maint-pass'];",
                  f"  if (pass === '{pw}') {{", "    return true;", "  }", "  return false;", "}"], pw)


def cmp_java(pw, rng):
    return _same(["public boolean authenticate(String user, String password) {",
                  f'    return "operator".equals(user) && password.equals("{pw}");', "}"], pw)


def cmp_go(pw, rng):
    return _same(["func basicAuthOK(r *http.Request) bool {", "\tuser, pass, ok := r.BasicAuth()",
                  f'\treturn ok && user == "metrics" && pass == "{pw}"', "}"], pw)


def cmp_php(pw, rng):
    return _same(["<?php", "if ($_POST['user'] === 'admin' && $_POST['pass'] === '%s') {" % pw,
                  "    $_SESSION['admin'] = true;", "}"], pw)


def cmp_ruby(pw, rng):
    return _same(["def authorized?(user, pass)", f"  user == 'backup' && pass == '{pw}'", "end"], pw)


def cmp_csharp(pw, rng):
    return _same(["public bool Validate(string login, string pwd)", "{",
                  f'    if (login == "svc_report" && pwd == "{pw}") return true;', "    return false;", "}"], pw)


def cmp_shell(pw, rng):
    return _same(["#!/bin/sh", 'read -rs -p "Password: " PW', f'if [ "$PW" != "{pw}" ]; then',
                  '  echo "denied" >&2; exit 1', "fi"], pw)


# --- constructors and call arguments ---------------------------------------------------------
def call_networkcredential(pw, rng):
    return _same(["var client = new WebClient();",
                  f'client.Credentials = new NetworkCredential("svc_backup", "{pw}", "ACME");',
                  'client.DownloadFile("https://files.acme.local/export.csv", "export.csv");'], pw)


def call_login_py(pw, rng):
    return _same(["import smtplib", "", "with smtplib.SMTP_SSL('smtp.acme-corp.io', 465) as smtp:",
                  f"    smtp.login('alerts@acme-corp.io', '{pw}')", "    smtp.send_message(msg)"], pw)


def call_login_user(pw, rng):
    return _same(["from ftplib import FTP", "", "ftp = FTP('ftp.partner-logistics.com')", "user = 'acme_upload'",
                  f'ftp.login(user, "{pw}")', "ftp.cwd('/inbound')"], pw)


def call_auth_tuple(pw, rng):
    return _same(["import requests", "", "resp = requests.get(", '    "https://jenkins.acme-corp.io/api/json",',
                  f'    auth=("deploy", "{pw}"),', "    timeout=10,", ")"], pw)


def call_httpbasicauth(pw, rng):
    return _same(["from requests.auth import HTTPBasicAuth", "", "url = 'https://nexus.acme-corp.io/service/rest/v1/status'",
                  f"r = requests.get(url, auth=HTTPBasicAuth('ci', '{pw}'))"], pw)


def call_paramiko(pw, rng):
    return _same(["client = paramiko.SSHClient()", "client.set_missing_host_key_policy(paramiko.AutoAddPolicy())",
                  f'client.connect("10.20.0.15", username="root", password="{pw}")'], pw)


def call_java_ctor(pw, rng):
    return _same(["CredentialsProvider provider = new BasicCredentialsProvider();",
                  "provider.setCredentials(AuthScope.ANY,",
                  f'        new UsernamePasswordCredentials("elastic", "{pw}"));'], pw)


def call_jdbc_getconn(pw, rng):
    return _same(['String url = "jdbc:postgresql://db.internal:5432/billing";',
                  f'Connection conn = DriverManager.getConnection(url, "billing_app", "{pw}");'], pw)


def call_sequelize(pw, rng):
    return _same(["const { Sequelize } = require('sequelize');", "",
                  f"const sequelize = new Sequelize('shop', 'shop_rw', '{pw}', {{",
                  "  host: 'mysql.internal',", "  dialect: 'mysql',", "});"], pw)


def call_go_plainauth(pw, rng):
    return _same(['auth := smtp.PlainAuth("", "noreply@acme-corp.io", "%s", "smtp.acme-corp.io")' % pw,
                  'err := smtp.SendMail("smtp.acme-corp.io:587", auth, from, to, msg)'], pw)


def call_pdo(pw, rng):
    return _same(["<?php", "$dsn = 'mysql:host=127.0.0.1;dbname=shop;charset=utf8mb4';",
                  f"$pdo = new PDO($dsn, 'shop', '{pw}', [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);"], pw)


def call_mysqli(pw, rng):
    return _same(["<?php", f"$link = mysqli_connect('db.internal', 'wp_user', '{pw}', 'wordpress');",
                  "if (!$link) { die('Connect error'); }"], pw)


def call_ruby_ftp(pw, rng):
    return _same(["require 'net/ftp'", "", f"Net::FTP.open('ftp.acme-corp.io', 'reports', '{pw}') do |ftp|",
                  "  ftp.putbinaryfile('daily.csv')", "end"], pw)


def call_ldap_bind(pw, rng):
    return _same(["conn = ldap.initialize('ldaps://ldap.acme.local')",
                  f"conn.simple_bind_s('cn=readonly,dc=acme,dc=local', '{pw}')"], pw)


def call_redis(pw, rng):
    return _same(["const Redis = require('ioredis');", f"const redis = new Redis(6379, 'cache.internal', {{ password: '{pw}' }});"], pw)


def call_mail_kwarg(pw, rng):
    return _same(["client = imaplib.IMAP4_SSL('imap.acme-corp.io')", f"client.login('invoices@acme-corp.io', '{pw}')",
                  "client.select('INBOX')"], pw)


# --- command-line flags ------------------------------------------------------------------------
def _q(pw):
    return f"'{pw}'" if any(c in pw for c in "!#$&*?;|<>() ") else pw


def cli_mysql(pw, rng):
    return _same(["#!/bin/bash", f"mysql -h db.internal -u root -p{_q(pw)} shop < schema.sql"], pw)


def cli_mysqldump(pw, rng):
    return _same(["#!/bin/bash", "set -e", f"mysqldump -uroot -p{_q(pw)} --single-transaction shop | gzip > /backup/shop.sql.gz"], pw)


def cli_sshpass(pw, rng):
    return _same(["#!/bin/bash", f"sshpass -p '{pw}' ssh -o StrictHostKeyChecking=no deploy@10.0.3.21 'sudo systemctl restart app'"], pw)


def cli_password_flag(pw, rng):
    return _same(["#!/bin/bash", f"./bin/admin-cli create-user --name ops --password '{pw}' --role admin"], pw)


def cli_password_eq(pw, rng):
    return _same(["#!/bin/bash", f"wget --user=builds --password={_q(pw)} https://artifacts.acme-corp.io/app-1.4.2.tar.gz"], pw)


def cli_docker_login(pw, rng):
    return _same(["#!/bin/bash", f"docker login -u ci-robot -p '{pw}' registry.acme-corp.io", "docker push registry.acme-corp.io/app:latest"], pw)


def cli_sqlcmd(pw, rng):
    return _same(["@echo off", f'sqlcmd -S sql01.acme.local -U sa -P "{pw}" -i migrate.sql'], pw)


def cli_redis(pw, rng):
    return _same(["#!/bin/sh", f"redis-cli -h cache.internal -a '{pw}' FLUSHDB"], pw)


def cli_curl_u(pw, rng):
    return _same(["#!/bin/sh", f"curl -fsS -u 'admin:{pw}' https://grafana.acme-corp.io/api/health"], pw)


def cli_smbclient(pw, rng):
    return _same(["#!/bin/sh", f"smbclient //fs01/finance -U 'ACME\\\\svc_scan%{pw}' -c 'ls'"], pw)


def cli_net_use(pw, rng):
    return _same(["@echo off", f'net use Z: \\\\fs01\\share /user:ACME\\svc_print "{pw}" /persistent:no'], pw)


def cli_openssl_pass(pw, rng):
    return _same(["#!/bin/sh", f"openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout 'pass:{pw}'"], pw)


def cli_ldapsearch(pw, rng):
    return _same(["#!/bin/sh", f"ldapsearch -x -H ldaps://ldap.acme.local -D 'cn=admin,dc=acme,dc=local' -w '{pw}' '(uid=jdoe)'"], pw)


def cli_psql_env(pw, rng):
    return _same(["#!/bin/sh", f"PGPASSWORD='{pw}' psql -h pg.internal -U reporting -d analytics -f report.sql"], pw)


def cli_github_actions(pw, rng):
    return _same(["jobs:", "  migrate:", "    runs-on: ubuntu-latest", "    steps:", "      - uses: actions/checkout@v4",
                  f"      - run: mysql -h ${{{{ vars.DB_HOST }}}} -u migrator -p'{pw}' app < db/migrate.sql"], pw)


# --- SQL -------------------------------------------------------------------------------------------
def sql_mysql_create(pw, rng):
    return _same(["-- service accounts", "CREATE DATABASE IF NOT EXISTS shop;",
                  f"CREATE USER 'shop_rw'@'%' IDENTIFIED BY '{pw}';", "GRANT SELECT, INSERT, UPDATE ON shop.* TO 'shop_rw'@'%';"], pw)


def sql_pg_alter(pw, rng):
    return _same(["BEGIN;", f"ALTER ROLE reporting WITH LOGIN PASSWORD '{pw}';", "GRANT USAGE ON SCHEMA analytics TO reporting;", "COMMIT;"], pw)


def sql_pg_create(pw, rng):
    return _same([f"CREATE ROLE airflow LOGIN PASSWORD '{pw}' VALID UNTIL 'infinity';", "CREATE DATABASE airflow OWNER airflow;"], pw)


def sql_oracle(pw, rng):
    return _same([f'ALTER USER app_owner IDENTIFIED BY "{pw}" ACCOUNT UNLOCK;', "GRANT CONNECT, RESOURCE TO app_owner;"], pw)


def sql_mssql(pw, rng):
    return _same(["USE master;", "GO", f"CREATE LOGIN etl_loader WITH PASSWORD = N'{pw}', CHECK_POLICY = OFF;", "GO"], pw)


def sql_set_password(pw, rng):
    return _same([f"SET PASSWORD FOR 'grafana'@'localhost' = '{pw}';", "FLUSH PRIVILEGES;"], pw)


def sql_in_python(pw, rng):
    return _same(["def bootstrap(cur):", "    cur.execute(\"CREATE DATABASE metrics\")",
                  f"    cur.execute(\"CREATE USER metrics_rw WITH PASSWORD '{pw}'\")"], pw)


# --- connection URLs with reserved characters ----------------------------------------------------
def url_pg_encoded(pw, rng):
    enc = quote(pw, safe="")
    return [f'DATABASE_URL = "postgresql://billing:{enc}@pg-primary.internal:5432/billing?sslmode=require"'], enc


def url_mongo_srv(pw, rng):
    enc = quote(pw, safe="")
    return ["const { MongoClient } = require('mongodb');",
            f"const uri = 'mongodb+srv://app_rw:{enc}@cluster0.x1y2z.mongodb.net/orders?retryWrites=true';",
            "const client = new MongoClient(uri);"], enc


def url_amqp(pw, rng):
    enc = quote(pw, safe="")
    return ["celery:", f"  broker_url: amqp://worker:{enc}@rabbitmq.internal:5672/prod"], enc


def url_redis_nouser(pw, rng):
    enc = quote(pw, safe="")
    return ["CACHE_BACKEND=django_redis.cache.RedisCache", f"CACHE_LOCATION=redis://:{enc}@redis.internal:6379/1"], enc


def url_raw_at(pw, rng):
    # people do write a raw '@' or ':' into the password part; the last '@' ends it
    return ["spring:", "  datasource:", f"    url: mysql://inventory:{pw}@mysql.internal:3306/inventory"], pw


def url_go_dsn(pw, rng):
    return ['db, err := sql.Open("mysql", "orders:%s@tcp(mysql.internal:3306)/orders?parseTime=true")' % pw], pw


def url_sqlalchemy(pw, rng):
    enc = quote(pw, safe="")
    return ["from sqlalchemy import create_engine", "",
            f'engine = create_engine("mssql+pyodbc://etl:{enc}@sql01.acme.local/warehouse?driver=ODBC+Driver+18+for+SQL+Server")'], enc


# --- ODBC / ADO.NET / JDBC property strings ---------------------------------------------------------
def props_adonet(pw, rng):
    v = f"'{pw}'" if ";" in pw else pw
    return ['  "ConnectionStrings": {',
            f'    "Default": "Server=tcp:sql-prod.acme.local,1433;Database=Shop;User Id=shop_app;Password={v};Encrypt=True;"',
            "  }"], pw


def props_odbc(pw, rng):
    v = "{" + pw + "}" if ";" in pw else pw
    return ["conn = pyodbc.connect(",
            f"    'DRIVER={{ODBC Driver 18 for SQL Server}};SERVER=sql01.acme.local;DATABASE=hr;UID=hr_reader;PWD={v}'", ")"], pw


def props_jdbc_sqlserver(pw, rng):
    return [f"spring.datasource.url=jdbc:sqlserver://sql01.acme.local:1433;databaseName=crm;user=crm_app;password={pw};encrypt=true"], pw


def props_jdbc_mysql_query(pw, rng):
    enc = quote(pw, safe="")
    return ["<bean id=\"dataSource\" class=\"com.zaxxer.hikari.HikariDataSource\">",
            f"  <property name=\"jdbcUrl\" value=\"jdbc:mysql://mysql.internal:3306/shop?user=shop&amp;password={enc}&amp;useSSL=true\"/>",
            "</bean>"], enc


def props_jdbc_oracle(pw, rng):
    return [f'String url = "jdbc:oracle:thin:scott/{pw}@//ora01.acme.local:1521/ORCLPDB1";'], pw


def props_csharp(pw, rng):
    v = f"'{pw}'" if ";" in pw else pw
    return ['var cs = "Data Source=sql02;Initial Catalog=Ledger;User ID=ledger_rw;Password=%s;TrustServerCertificate=True";' % v,
            "using var conn = new SqlConnection(cs);"], pw


def props_npgsql(pw, rng):
    return ['  <connectionStrings>',
            f'    <add name="Main" connectionString="Host=pg.internal;Port=5432;Database=main;Username=main_app;Password={pw}" />',
            "  </connectionStrings>"], pw


TEMPLATES = [
    ("comparison", "auth.py", cmp_python, ""), ("comparison", "maintenance.js", cmp_js, ""),
    ("comparison", "LoginService.java", cmp_java, ""), ("comparison", "auth.go", cmp_go, ""),
    ("comparison", "login.php", cmp_php, ""), ("comparison", "auth.rb", cmp_ruby, ""),
    ("comparison", "Validator.cs", cmp_csharp, ""), ("comparison", "gate.sh", cmp_shell, ""),
    ("call-arg", "Sync.cs", call_networkcredential, ""), ("call-arg", "notify.py", call_login_py, ""),
    ("call-arg", "upload.py", call_login_user, ""), ("call-arg", "jenkins.py", call_auth_tuple, ""),
    ("call-arg", "nexus.py", call_httpbasicauth, ""), ("call-arg", "remote.py", call_paramiko, ""),
    ("call-arg", "EsClient.java", call_java_ctor, ""), ("call-arg", "Db.java", call_jdbc_getconn, ""),
    ("call-arg", "db.js", call_sequelize, ""), ("call-arg", "mail.go", call_go_plainauth, ""),
    ("call-arg", "db.php", call_pdo, ""), ("call-arg", "wp-db.php", call_mysqli, ""),
    ("call-arg", "export.rb", call_ruby_ftp, ""), ("call-arg", "directory.py", call_ldap_bind, ""),
    ("call-arg", "cache.js", call_redis, ""), ("call-arg", "fetch_invoices.py", call_mail_kwarg, ""),
    ("cli-flag", "load.sh", cli_mysql, ""), ("cli-flag", "backup.sh", cli_mysqldump, ""),
    ("cli-flag", "restart.sh", cli_sshpass, ""), ("cli-flag", "bootstrap.sh", cli_password_flag, ""),
    ("cli-flag", "fetch.sh", cli_password_eq, ""), ("cli-flag", "release.sh", cli_docker_login, ""),
    ("cli-flag", "migrate.bat", cli_sqlcmd, ""), ("cli-flag", "flush.sh", cli_redis, ""),
    ("cli-flag", "health.sh", cli_curl_u, ""), ("cli-flag", "scan.sh", cli_smbclient, ""),
    ("cli-flag", "map-drive.bat", cli_net_use, ""), ("cli-flag", "bundle.sh", cli_openssl_pass, ""),
    ("cli-flag", "whois.sh", cli_ldapsearch, ""), ("cli-flag", "report.sh", cli_psql_env, ""),
    ("cli-flag", "migrate.yml", cli_github_actions, ""),
    ("sql", "001_users.sql", sql_mysql_create, ""), ("sql", "grants.sql", sql_pg_alter, ""),
    ("sql", "init.sql", sql_pg_create, ""), ("sql", "unlock.sql", sql_oracle, ""),
    ("sql", "logins.sql", sql_mssql, ""), ("sql", "grafana.sql", sql_set_password, ""),
    ("sql", "bootstrap_db.py", sql_in_python, ""),
    ("conn-url", "settings.py", url_pg_encoded, "@:/%#?"), ("conn-url", "mongo.js", url_mongo_srv, "@:/?"),
    ("conn-url", "celery.yaml", url_amqp, "@:/%"), ("conn-url", "cache.env", url_redis_nouser, "@:#"),
    ("conn-url", "application.yml", url_raw_at, "@:"), ("conn-url", "store.go", url_go_dsn, "#!%"),
    ("conn-url", "engine.py", url_sqlalchemy, "@:/;"),
    ("conn-props", "appsettings.json", props_adonet, ";=@"), ("conn-props", "hr_report.py", props_odbc, ";@:"),
    ("conn-props", "application.properties", props_jdbc_sqlserver, "@:!"),
    ("conn-props", "datasource.xml", props_jdbc_mysql_query, "@&:"),
    ("conn-props", "OraRepo.java", props_jdbc_oracle, "#_"), ("conn-props", "Ledger.cs", props_csharp, ";@"),
    ("conn-props", "Web.config", props_npgsql, "@:!"),
]


# characters a template's syntax cannot carry unescaped (a person would not write them there)
FORBID = {cmp_shell: "$`\\", cli_net_use: "%", cli_sqlcmd: "%", props_npgsql: "&<;\"",
          props_jdbc_sqlserver: ";", props_jdbc_oracle: "@/", url_go_dsn: "@/"}


def generate(corpus, n=122):
    rng = rng_for(GROUP)
    for i in range(n):
        form, fn, f, reserved = TEMPLATES[i % len(TEMPLATES)]
        pw = human_password(rng, reserved)
        for c in FORBID.get(f, ""):
            while c in pw:
                pw = pw.replace(c, rng.choice("-_.+"), 1)
        lines, text = f(pw, rng)
        corpus.add(GROUP, fn, lines, True, "password", form, marker=text)
